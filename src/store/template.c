/*
 * Mail merge templates: the rows, their checks, and the placeholder
 * language; see store/template.h.
 *
 * Writes follow the record engine's rules: BEGIN IMMEDIATE, the change
 * and its audit rows in one transaction, an update refused when the
 * version read is no longer the row's.  A removed template leaves its
 * subject and body in the audit log, so removing one loses nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/audit.h"
#include "store/entities.h"
#include "store/template.h"

#define COLS	"id, name, subject, body, coalesce(created_by, 0), " \
		"created_at, updated_at, version"

void
template_clear(struct template *t)
{
	if (t == NULL)
		return;
	free(t->name);
	free(t->subject);
	free(t->body);
	memset(t, 0, sizeof(*t));
}

void
template_list_free(struct template *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		template_clear(&v[i]);
	free(v);
}

/* ---- the placeholder language ---- */

void
template_text_free(struct tpl_text *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++)
		free(t->v[i].text);
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

static void
add_piece(struct tpl_text *t, enum tpl_kind kind, int field, char *text)
{
	t->v = xrealloc(t->v, (t->n + 1) * sizeof(*t->v));
	t->v[t->n].kind = kind;
	t->v[t->n].field = field;
	t->v[t->n].text = text;
	t->n++;
}

const char *const tpl_line_names[TPL_LINE_N] = {
	"number", "product", "quantity", "price", "discount", "amount"
};

/* The entity a placeholder prefix names, or NULL. */
static const struct entity *
prefix_entity(const char *prefix, size_t n, unsigned flags,
    enum tpl_kind *kind)
{
	if ((flags & TPL_DOC) && n == 4 && strncmp(prefix, "deal", n) == 0) {
		*kind = TPL_DEAL;
		return &entity_deal;
	}
	if (n == 7 && strncmp(prefix, "contact", n) == 0) {
		*kind = TPL_CONTACT;
		return &entity_contact;
	}
	if (n == 7 && strncmp(prefix, "company", n) == 0) {
		*kind = TPL_COMPANY;
		return &entity_company;
	}
	return NULL;
}

/*
 * Resolves "contact.first_name" (already trimmed) into p's kind and
 * field; -1 when it names nothing.  The descriptor name first, then the
 * names a filter accepts (manager for manager_id, the labels).
 */
static int
resolve(const char *ph, unsigned flags, enum tpl_kind *kind, int *field)
{
	const struct entity *ent;
	const char *dot = strchr(ph, '.');
	int i;

	if ((flags & TPL_DOC) && strcmp(ph, "today") == 0) {
		*kind = TPL_TODAY;
		*field = -1;
		return 0;
	}
	if (dot == NULL)
		return -1;
	if ((flags & TPL_DOC) && dot - ph == 4 && strncmp(ph, "line", 4) ==
	    0) {
		for (i = 0; i < TPL_LINE_N; i++)
			if (strcmp(dot + 1, tpl_line_names[i]) == 0) {
				*kind = TPL_LINE;
				*field = i;
				return 0;
			}
		return -1;
	}
	if (dot - ph == 7 && strncmp(ph, "manager", 7) == 0 &&
	    strcmp(dot + 1, "name") == 0) {
		*kind = TPL_MANAGER;
		*field = -1;
		return 0;
	}
	if ((ent = prefix_entity(ph, (size_t)(dot - ph), flags, kind)) ==
	    NULL ||
	    dot[1] == '\0')
		return -1;
	if ((*field = entity_field(ent, dot + 1)) < 0)
		*field = entity_field_named(ent, dot + 1);
	return *field < 0 ? -1 : 0;
}

/* Edit distance of a and b (bytes; names are short). */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *row, prev, tmp, d;

	row = xmalloc((lb + 1) * sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			d = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < d)
				d = row[j] + 1;
			if (row[j - 1] + 1 < d)
				d = row[j - 1] + 1;
			row[j] = d;
			prev = tmp;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

/* Each known placeholder without braces, in order. */
static void
known_each(unsigned flags, void (*fn)(const char *, void *), void *arg)
{
	const struct entity *ents[] = { &entity_contact, &entity_company,
	    &entity_deal };
	const char *pfx[] = { "contact", "company", "deal" };
	char *s;
	int e, i;

	for (e = 0; e < ((flags & TPL_DOC) ? 3 : 2); e++)
		for (i = 0; i < ents[e]->nfields; i++) {
			s = xasprintf("%s.%s", pfx[e], ents[e]->fields[i].name);
			fn(s, arg);
			free(s);
		}
	if (flags & TPL_DOC)
		for (i = 0; i < TPL_LINE_N; i++) {
			s = xasprintf("line.%s", tpl_line_names[i]);
			fn(s, arg);
			free(s);
		}
	fn("manager.name", arg);
	if (flags & TPL_DOC)
		fn("today", arg);
}

struct nearest {
	const char	*want;
	char		*best;
	size_t		 dist;
};

static void
nearest_fn(const char *name, void *arg)
{
	struct nearest *n = arg;
	size_t d = distance(n->want, name);

	if (d < n->dist) {
		free(n->best);
		n->best = xstrdup(name);
		n->dist = d;
	}
}

static void
known_fn(const char *name, void *arg)
{
	sb_printf(arg, "{%s}\n", name);
}

void
template_known(struct strbuf *b)
{
	known_each(0, known_fn, b);
}

void
template_known_in(struct strbuf *b, unsigned flags)
{
	known_each(flags, known_fn, b);
}

/* Where we are in the text, for messages: line and column (characters),
 * both from 1. */
struct where {
	const char	*tname, *part;
	int		 line, col;
	unsigned	 flags;
};

/* "subject", "body" as a person reads them. */
static const char *
part_shown(const char *part)
{
	if (strcmp(part, "subject") == 0)
		return C_("template part", "subject");
	if (strcmp(part, "body") == 0)
		return C_("template part", "body");
	return part;
}

static int
parse_error(const struct where *w, struct so_err *err, const char *msg)
{
	if (strcmp(w->part, "subject") == 0)
		return so_err_field(err, SO_EINVAL, w->part, _("template "
		    "\"%s\": subject, column %d: %s"), w->tname, w->col, msg);
	/* a place in a document: "word/document.xml, paragraph 3" */
	if (strcmp(w->part, "body") != 0)
		return so_err_field(err, SO_EINVAL, w->part, _("template "
		    "\"%s\": %s, column %d: %s"), w->tname, w->part, w->col,
		    msg);
	/* TRANSLATORS: the %s before "line" is the part of the template,
	 * "subject" or "body" (context "template part"). */
	return so_err_field(err, SO_EINVAL, w->part, _("template \"%s\": %s "
	    "line %d, column %d: %s"), w->tname, part_shown(w->part), w->line,
	    w->col, msg);
}

static int
unknown(const struct where *w, const char *ph, const char *written,
    struct so_err *err)
{
	struct nearest n = { ph, NULL, (size_t)-1 };
	const char *dot = strchr(ph, '.');
	char *msg;
	int rc;

	known_each(w->flags, nearest_fn, &n);
	/* a slip of a letter or two, not a different word */
	if (n.best && n.dist <= 1 + strlen(dot ? dot + 1 : ph) / 5)
		msg = xasprintf(_("unknown placeholder %s; did you mean {%s}?"),
		    written, n.best);
	else if (w->flags & TPL_DOC)
		msg = xasprintf(_("unknown placeholder %s; placeholders are "
		    "{company.FIELD}, {contact.FIELD}, {deal.FIELD}, "
		    "{line.FIELD}, {manager.name} and {today}"), written);
	else
		msg = xasprintf(_("unknown placeholder %s; placeholders are "
		    "{contact.FIELD}, {company.FIELD} and {manager.name} with "
		    "the field names of contacts and companies"), written);
	rc = parse_error(w, err, msg);
	free(msg);
	free(n.best);
	return rc;
}

/* Does the message of one of unknown()'s forms begin its text?  Its
 * words before the placeholder, in the language it was made in. */
static int
has_prefix_of(const char *msg, const char *form)
{
	const char *pc = strstr(form, "%s");
	size_t n = pc ? (size_t)(pc - form) : strlen(form);
	char prefix[128];

	if (n == 0 || n >= sizeof(prefix))
		return 0;
	memcpy(prefix, form, n);
	prefix[n] = '\0';
	return strstr(msg, prefix) != NULL;
}

int
template_err_unknown(const struct so_err *err)
{
	return err->code == SO_EINVAL &&
	    (has_prefix_of(err->msg, _("unknown placeholder %s; did you "
	    "mean {%s}?")) || has_prefix_of(err->msg, _("unknown placeholder "
	    "%s; placeholders are {contact.FIELD}, {company.FIELD} and "
	    "{manager.name} with the field names of contacts and "
	    "companies")) || has_prefix_of(err->msg, _("unknown placeholder "
	    "%s; placeholders are {company.FIELD}, {contact.FIELD}, "
	    "{deal.FIELD}, {line.FIELD}, {manager.name} and {today}")));
}

/*
 * The placeholder starting at s ('{'): adds its piece and returns its
 * length in bytes, or -1 after setting err.
 */
static long
placeholder(const char *s, struct where *w, struct tpl_text *out,
    struct so_err *err)
{
	size_t len = strcspn(s + 1, "{}\n"), a, b;
	enum tpl_kind kind;
	char *inner, *written;
	int field;

	if (s[1 + len] != '}')
		return parse_error(w, err, _("a { without its } (write {{ "
		    "for a literal brace)"));
	written = xstrndup(s, len + 2);
	for (a = 1; a < len + 1 && (s[a] == ' ' || s[a] == '\t'); a++)
		;
	for (b = len + 1; b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'); b--)
		;
	inner = xstrndup(s + a, b - a);
	if (resolve(inner, w->flags, &kind, &field) < 0) {
		unknown(w, inner, written, err);
		free(inner);
		free(written);
		return -1;
	}
	free(inner);
	add_piece(out, kind, field, written);
	return (long)len + 2;
}

/* Adds the literal text in lit (if any) as a piece. */
static void
flush_text(struct tpl_text *out, struct strbuf *lit)
{
	if (lit->len > 0)
		add_piece(out, TPL_TEXT, -1, sb_steal(lit));
}

int
template_parse(const char *tname, const char *part, const char *text,
    struct tpl_text *out, struct so_err *err)
{
	return template_parse_in(tname, part, text, 0, out, err);
}

int
template_parse_in(const char *tname, const char *part, const char *text,
    unsigned flags, struct tpl_text *out, struct so_err *err)
{
	struct where w = { tname, part, 1, 1, flags };
	struct strbuf lit = { 0 };
	const char *s = text;
	long n;

	out->v = NULL;
	out->n = 0;
	while (*s) {
		if ((s[0] == '{' && s[1] == '{') || (s[0] == '}' &&
		    s[1] == '}')) {
			sb_addc(&lit, s[0]);
			s += 2;
			w.col += 2;
			continue;
		}
		if (*s == '}') {
			parse_error(&w, err, _("a } without its { (write "
			    "}} for a literal brace)"));
			goto fail;
		}
		if (*s == '{') {
			flush_text(out, &lit);
			if ((n = placeholder(s, &w, out, err)) < 0)
				goto fail;
			w.col += (int)utf8_len(out->v[out->n - 1].text);
			s += n;
			continue;
		}
		n = (long)utf8_next(s, 0);
		sb_addn(&lit, s, (size_t)n);
		if (*s == '\n') {
			w.line++;
			w.col = 1;
		} else
			w.col++;
		s += n;
	}
	flush_text(out, &lit);
	return SO_OK;
fail:
	sb_free(&lit);
	template_text_free(out);
	return SO_EINVAL;
}

/* ---- checks ---- */

/* Control characters in s other than those in allowed: the first one's
 * line and column, else 0. */
static int
find_control(const char *s, const char *allowed, int *line, int *col)
{
	uint32_t cp;
	size_t k;

	*line = *col = 1;
	for (; *s; s += k) {
		k = utf8_decode(s, strlen(s), &cp);
		if ((cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) &&
		    (cp >= 0x80 || strchr(allowed, (int)cp) == NULL))
			return 1;
		if (cp == '\n') {
			(*line)++;
			*col = 1;
		} else
			(*col)++;
	}
	return 0;
}

static int
check_text(const char *tname, const char *part, const char *s, size_t max,
    const char *allowed, struct so_err *err)
{
	struct tpl_text pieces;
	int line, col, rc;

	if (!utf8_valid(s, strlen(s)))
		return so_err_field(err, SO_EINVAL, part, _("template \"%s\": "
		    "the %s is not valid UTF-8"), tname, part_shown(part));
	if (utf8_len(s) > max)
		return so_err_field(err, SO_EINVAL, part, P_("template \"%s\": "
		    "the %s is %zu character long; at most %zu", "template "
		    "\"%s\": the %s is %zu characters long; at most %zu",
		    utf8_len(s)), tname, part_shown(part), utf8_len(s), max);
	if (find_control(s, allowed, &line, &col))
		return so_err_field(err, SO_EINVAL, part, *allowed ?
		    _("template \"%s\": %s line %d, column %d: a control "
		    "character") : _("template \"%s\": %s line %d, column %d: "
		    "a control character (the subject is one line)"), tname,
		    part_shown(part), line, col);
	if ((rc = template_parse(tname, part, s, &pieces, err)) == SO_OK)
		template_text_free(&pieces);
	return rc;
}

int
template_check(const struct template *t, struct so_err *err)
{
	const char *name = t->name ? t->name : "";
	int line, col, rc;

	if (!utf8_valid(name, strlen(name)) || *name == '\0' ||
	    utf8_len(name) > TEMPLATE_NAME_MAX ||
	    find_control(name, "", &line, &col))
		return so_err_field(err, SO_EINVAL, "name", _("template name: "
		    "1 to %d characters, no control characters"),
		    TEMPLATE_NAME_MAX);
	if ((rc = check_text(name, "subject", t->subject ? t->subject : "",
	    TEMPLATE_SUBJECT_MAX, "", err)) != SO_OK)
		return rc;
	return check_text(name, "body", t->body ? t->body : "",
	    TEMPLATE_BODY_MAX, "\n\t", err);
}

/* ---- rows ---- */

static void
read_row(sqlite3_stmt *st, struct template *t)
{
	t->id = sqlite3_column_int64(st, 0);
	t->name = db_text_dup(st, 1);
	t->subject = db_text_dup(st, 2);
	t->body = db_text_dup(st, 3);
	t->created_by = sqlite3_column_int64(st, 4);
	t->created_at = sqlite3_column_int64(st, 5);
	t->updated_at = sqlite3_column_int64(st, 6);
	t->version = sqlite3_column_int64(st, 7);
}

/* Reads the row where col (id or name) is key into out. */
static int
read_one(struct db *db, const char *col, int64_t id, const char *name,
    struct template *out, struct so_err *err)
{
	struct strbuf sql = { 0 };
	sqlite3_stmt *st;
	int rc, code;

	memset(out, 0, sizeof(*out));
	sb_printf(&sql, "SELECT " COLS " FROM templates WHERE %s = ?", col);
	code = db_prepare(db, sb_str(&sql), &st, err);
	sb_free(&sql);
	if (code != SO_OK)
		return code;
	if (name)
		sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_row(st, out);
	db_done(st);
	if (rc == SQLITE_ROW)
		return SO_OK;
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading a template"), err);
	if (name)
		return so_err_set(err, SO_ENOTFOUND, _("no template \"%s\" "
		    "(see salesorg template list)"), name);
	return so_err_set(err, SO_ENOTFOUND, _("no template #%lld (removed "
	    "by someone else?)"), (long long)id);
}

int
template_get(struct db *db, const char *name, struct template *out,
    struct so_err *err)
{
	return read_one(db, "name", 0, name, out, err);
}

int
template_list(struct db *db, struct template **out, size_t *n,
    struct so_err *err)
{
	struct template *v = NULL;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	if ((code = db_prepare(db, "SELECT " COLS " FROM templates ORDER BY "
	    "name", &st, err)) != SO_OK)
		return code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			v = xrealloc(v, cap * sizeof(*v));
		}
		read_row(st, &v[(*n)++]);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		template_list_free(v, *n);
		*n = 0;
		return db_error(db, rc, N_("listing templates"), err);
	}
	*out = v;
	return SO_OK;
}

/* Does the template called name exist, other than the row id? */
static int
name_taken(struct db *db, const char *name, int64_t id, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	if ((code = db_prepare(db, "SELECT 1 FROM templates WHERE name = ? "
	    "AND id <> ?", &st, err)) != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, id);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc == SQLITE_ROW)
		return so_err_field(err, SO_EINVAL, "name", _("a template "
		    "named \"%s\" exists already"), name);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading templates"), err);
	return SO_OK;
}

static int
insert(struct db *db, struct template *t, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	if ((code = db_prepare(db, "INSERT INTO templates (name, subject, "
	    "body, created_by, created_at, updated_at, version) VALUES "
	    "(?, ?, ?, nullif(?, 0), ?, ?, 1)", &st, err)) != SO_OK)
		return code;
	t->created_at = t->updated_at = db_now(db);
	t->created_by = db_user_id(db);
	sqlite3_bind_text(st, 1, t->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, t->subject ? t->subject : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, t->body ? t->body : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, t->created_by);
	sqlite3_bind_int64(st, 5, t->created_at);
	sqlite3_bind_int64(st, 6, t->updated_at);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("adding a template"), err);
	t->id = sqlite3_last_insert_rowid(db_sqlite(db));
	t->version = 1;
	return audit_write(db, "templates", t->id, "create", NULL, NULL,
	    NULL, err);
}

int
template_add(struct db *db, struct template *t, struct so_err *err)
{
	int code;

	if ((code = template_check(t, err)) != SO_OK)
		return code;
	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if ((code = name_taken(db, t->name, 0, err)) == SO_OK)
		code = insert(db, t, err);
	return db_finish(db, code, err);
}

/* Audit rows for each part that differs between old and t. */
static int
audit_changes(struct db *db, const struct template *old,
    const struct template *t, struct so_err *err)
{
	const char *parts[] = { "name", "subject", "body" };
	const char *was[] = { old->name, old->subject, old->body };
	const char *now[] = { t->name, t->subject ? t->subject : "",
	    t->body ? t->body : "" };
	int i, code;

	for (i = 0; i < 3; i++)
		if (strcmp(was[i], now[i]) != 0 && (code = audit_write(db,
		    "templates", t->id, "update", parts[i], was[i], now[i],
		    err)) != SO_OK)
			return code;
	return SO_OK;
}

static int
same(const struct template *old, const struct template *t)
{
	return strcmp(old->name, t->name) == 0 &&
	    strcmp(old->subject, t->subject ? t->subject : "") == 0 &&
	    strcmp(old->body, t->body ? t->body : "") == 0;
}

static int
write_update(struct db *db, struct template *t, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	if ((code = db_prepare(db, "UPDATE templates SET name = ?, "
	    "subject = ?, body = ?, updated_at = ?, version = version + 1 "
	    "WHERE id = ? AND version = ?", &st, err)) != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, t->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, t->subject ? t->subject : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, t->body ? t->body : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, db_now(db));
	sqlite3_bind_int64(st, 5, t->id);
	sqlite3_bind_int64(st, 6, t->version);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("saving a template"), err);
	return SO_OK;
}

/* Inside the transaction: compare with the row as it is now, then
 * write. */
/*
 * A template is its author's: the team may use it, but only the author,
 * a head of sales or an administrator changes or removes it (a manager
 * rewriting the team's offer would put words in colleagues' mouths).
 */
static int
may_change(struct db *db, const struct template *t, const char *what,
    struct so_err *err)
{
	if (acl_role(db) >= ROLE_HEAD || (t->created_by != 0 &&
	    t->created_by == db_user_id(db)))
		return SO_OK;
	if (strcmp(what, "remove") == 0)
		return so_err_set(err, SO_EPERM, _("template \"%s\" is its "
		    "author's: only they, a head of sales or an administrator "
		    "may remove it (template add makes a copy of your own)"),
		    t->name);
	return so_err_set(err, SO_EPERM, _("template \"%s\" is its author's: "
	    "only they, a head of sales or an administrator may change it "
	    "(template add makes a copy of your own)"), t->name);
}

static int
update_tx(struct db *db, struct template *t, struct so_err *err)
{
	struct template old;
	int code;

	if ((code = read_one(db, "id", t->id, NULL, &old, err)) != SO_OK)
		return code;
	if ((code = may_change(db, &old, "change", err)) != SO_OK) {
		/* said */
	} else if (old.version != t->version) {
		code = so_err_set(err, SO_ECONFLICT, _("template \"%s\" was "
		    "changed by someone else since it was read (version "
		    "%lld, now %lld); nothing was saved"), old.name,
		    (long long)t->version, (long long)old.version);
	} else if (same(&old, t)) {
		code = SO_OK;
	} else if ((code = name_taken(db, t->name, t->id, err)) == SO_OK &&
	    (code = write_update(db, t, err)) == SO_OK &&
	    (code = audit_changes(db, &old, t, err)) == SO_OK) {
		t->version++;
		t->updated_at = db_now(db);
	}
	template_clear(&old);
	return code;
}

int
template_update(struct db *db, struct template *t, struct so_err *err)
{
	int64_t version = t->version;
	int code;

	if ((code = template_check(t, err)) != SO_OK)
		return code;
	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	code = db_finish(db, update_tx(db, t, err), err);
	if (code != SO_OK)
		t->version = version;
	return code;
}

static int
remove_tx(struct db *db, const char *name, struct so_err *err)
{
	struct template old;
	sqlite3_stmt *st;
	int rc, code;

	if ((code = template_get(db, name, &old, err)) != SO_OK)
		return code;
	if ((code = may_change(db, &old, "remove", err)) != SO_OK ||
	    (code = db_prepare(db, "DELETE FROM templates WHERE id = ?", &st,
	    err)) != SO_OK)
		goto out;
	sqlite3_bind_int64(st, 1, old.id);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE) {
		code = db_error(db, rc, N_("removing a template"), err);
		goto out;
	}
	/* what was removed, so that nothing is lost */
	if ((code = audit_write(db, "templates", old.id, "delete", "name",
	    old.name, NULL, err)) == SO_OK &&
	    (code = audit_write(db, "templates", old.id, "delete", "subject",
	    old.subject, NULL, err)) == SO_OK)
		code = audit_write(db, "templates", old.id, "delete", "body",
		    old.body, NULL, err);
out:
	template_clear(&old);
	return code;
}

int
template_remove(struct db *db, const char *name, struct so_err *err)
{
	int code;

	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	return db_finish(db, remove_tx(db, name, err), err);
}
