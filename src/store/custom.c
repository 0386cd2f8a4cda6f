/*
 * Custom fields (see include/store/custom.h): the custom_fields rows of a
 * database turned into entity descriptors, the SQL of their values, and
 * the admin's add / remove / list.
 *
 * A custom descriptor differs from a compiled-in one in two ways only:
 * F_CUSTOM, and an offset that is a slot in rec_meta.custom instead of an
 * offsetof() (field_text/field_int in entity.c know).  Its strings are
 * heap copies owned here, freed when the descriptors are rebuilt.  The
 * slot's field id is kept beside the descriptors (ids[slot]), not in
 * struct field_desc, so the compiled-in tables need no new member.
 *
 * Values are stored as text in the field's canonical form (the form the
 * audit log uses): digits for a number, minor units for money,
 * YYYY-MM-DD for a date, 1 for yes, the item for a choice.  An empty
 * value (and no) has no row.  The list and card read a value with a
 * correlated subquery on the primary key (field_id, record_id): one
 * index probe per field and row, cheap enough for a page of rows.
 *
 * Lists are not sorted by a custom field: keyset pages need an index on
 * the sort key, and a sort over a subquery would read and sort the
 * whole table for every page.  Filters by a custom field use the same
 * subquery, a probe per row the rest of the filter lets through.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/audit.h"
#include "store/custom.h"

#define NAME_MAX_LEN	40
#define LABEL_MAX_LEN	60
#define CHOICE_MAX_LEN	100
#define WIDTH_MAX	20

/* The types: word in custom_fields.type, the word people use, the
 * descriptor type, the list column width. */
static const struct ctype {
	const char	*sql;
	const char	*word;
	enum field_type	 ft;
	int		 width;
} ctypes[] = {
	{ "text", "text", FT_TEXT, 16 },
	{ "int", "number", FT_INT, 8 },
	{ "money", "money", FT_MONEY, 12 },
	{ "date", "date", FT_DATE, 10 },
	{ "bool", "bool", FT_BOOL, 4 },
	{ "choice", "choice", FT_CHOICE, 12 },
};
#define NCTYPES	(sizeof(ctypes) / sizeof(ctypes[0]))

static const struct ctype *
ctype_find(const char *s)
{
	size_t i;

	for (i = 0; s && i < NCTYPES; i++)
		if (strcmp(s, ctypes[i].sql) == 0 ||
		    strcmp(s, ctypes[i].word) == 0)
			return &ctypes[i];
	return NULL;
}

/* ---- the descriptors ---- */

/* What one entity has loaded. */
struct loaded {
	struct entity	*ent;
	const struct field_desc *builtin;	/* the compiled-in table */
	int		 nbuiltin;
	struct field_desc *fields;		/* builtin + custom, or NULL */
	int64_t		*ids;			/* field id by slot */
	int		 ncustom;
};

static struct loaded *loaded;
static size_t nloaded;
/* The handle whose fields are loaded: closing it unloads them. */
static const struct db *loaded_by;
/* The custom_fields rows the descriptors were built from, as one text
 * (custom_changed compares it with the rows now). */
static char *loaded_sig;

static struct loaded *
find_loaded(const struct entity *ent)
{
	size_t i;

	for (i = 0; i < nloaded; i++)
		if (loaded[i].ent == ent)
			return &loaded[i];
	return NULL;
}

/* The entry of ent, made on first use while ent still has only its
 * compiled-in fields. */
static struct loaded *
loaded_of(struct entity *ent)
{
	struct loaded *l;

	if ((l = find_loaded(ent)) != NULL)
		return l;
	loaded = xrealloc(loaded, (nloaded + 1) * sizeof(*loaded));
	l = &loaded[nloaded++];
	memset(l, 0, sizeof(*l));
	l->ent = ent;
	l->builtin = ent->fields;
	l->nbuiltin = ent->nfields;
	return l;
}

static void
free_choices(const struct choice *choices)
{
	const struct choice *c;

	if (choices == NULL)
		return;
	/* code and label are one string */
	for (c = choices; c->code; c++)
		free((char *)c->code);
	free((struct choice *)choices);
}

/* Back to the compiled-in fields. */
static void
reset(struct loaded *l)
{
	int k;

	for (k = 0; k < l->ncustom; k++) {
		struct field_desc *fd = &l->fields[l->nbuiltin + k];

		free((char *)fd->name);
		free((char *)fd->label);
		free_choices(fd->choices);
	}
	free(l->fields);
	free(l->ids);
	l->fields = NULL;
	l->ids = NULL;
	l->ncustom = 0;
	l->ent->fields = l->builtin;
	l->ent->nfields = l->nbuiltin;
}

static void
reset_all(void)
{
	const struct entity *const *all = entity_all();
	int i;

	for (i = 0; all[i]; i++)
		reset(loaded_of((struct entity *)all[i]));
}

/* "a, b,c" -> the choices, ended by { NULL }; items trimmed, empty
 * ones skipped. */
static struct choice *
split_choices(const char *list)
{
	struct choice *c = xcalloc(1, sizeof(*c));
	const char *p = list, *end;
	size_t n = 0, len;

	while (p && *p) {
		end = p + strcspn(p, ",");
		while (p < end && *p == ' ')
			p++;
		len = (size_t)(end - p);
		while (len > 0 && p[len - 1] == ' ')
			len--;
		if (len > 0) {
			c = xrealloc(c, (n + 2) * sizeof(*c));
			c[n].code = c[n].label = xstrndup(p, len);
			n++;
			c[n].code = c[n].label = NULL;
		}
		p = *end ? end + 1 : end;
	}
	return c;
}

static int
width_of(const struct ctype *t, const char *label)
{
	int w = utf8_width(label);

	if (w < t->width)
		w = t->width;
	return w > WIDTH_MAX ? WIDTH_MAX : w;
}

/* Appends one custom field to its entity's descriptors. */
static void
append(struct loaded *l, int64_t id, const char *name, const char *label,
    const struct ctype *t, const char *choices, int required)
{
	struct field_desc *fd;
	int n = l->nbuiltin + l->ncustom;

	if (l->fields == NULL) {
		l->fields = xcalloc((size_t)n + 1, sizeof(*l->fields));
		memcpy(l->fields, l->builtin, (size_t)n * sizeof(*l->fields));
	} else
		l->fields = xrealloc(l->fields, ((size_t)n + 1) *
		    sizeof(*l->fields));
	l->ids = xrealloc(l->ids, ((size_t)l->ncustom + 1) * sizeof(*l->ids));
	l->ids[l->ncustom] = id;
	fd = &l->fields[n];
	memset(fd, 0, sizeof(*fd));
	fd->name = xstrdup(name);
	fd->label = xstrdup(label);
	fd->type = t->ft;
	fd->offset = (size_t)l->ncustom;
	fd->width = width_of(t, label);
	fd->flags = F_CUSTOM | (required ? F_REQUIRED : 0);
	if (t->ft == FT_CHOICE)
		fd->choices = split_choices(choices);
	l->ncustom++;
	l->ent->fields = l->fields;
	l->ent->nfields = n + 1;
}

/*
 * db.c calls nothing above it, so it learns of the custom fields through
 * its open hook, set here before main() (every program linked with the
 * store has them: the CLI, the TUI, the tests, the load writer).
 */
__attribute__((constructor)) static void
register_hook(void)
{
	db_set_open_hook(custom_load, custom_unload);
}

/* Every row of custom_fields as one text; "" for none or no table. */
static char *
signature(struct db *db)
{
	sqlite3_stmt *st;
	char *sig = NULL;

	if (db_prepare(db, "SELECT group_concat(id || '|' || entity || '|' || "
	    "name || '|' || label || '|' || type || '|' || choices || '|' || "
	    "required || '|' || sort, char(10)) FROM (SELECT * FROM "
	    "custom_fields ORDER BY entity, sort, id)", &st, NULL) != SO_OK)
		return xstrdup("");
	if (sqlite3_step(st) == SQLITE_ROW)
		sig = db_text_dup(st, 0);
	db_done(st);
	return sig ? sig : xstrdup("");
}

int
custom_changed(struct db *db)
{
	char *now;
	int changed;

	if (db != loaded_by)
		return 0;
	now = signature(db);
	changed = loaded_sig == NULL || strcmp(now, loaded_sig) != 0;
	free(now);
	return changed;
}

int
custom_load(struct db *db, struct so_err *err)
{
	sqlite3_stmt *st;
	const struct entity *ent;
	const struct ctype *t;
	int rc;

	reset_all();
	loaded_by = db;
	free(loaded_sig);
	loaded_sig = signature(db);
	/* A schema without the table (or before 006) has no custom
	 * fields: nothing to load, not an error. */
	if (db_prepare(db, "SELECT id, entity, name, label, type, choices, "
	    "required FROM custom_fields ORDER BY entity, sort, id", &st,
	    NULL) != SO_OK)
		return SO_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* Rows of an entity this binary does not know, or of a
		 * type it does not, are left alone. */
		if ((ent = entity_find(db_text(st, 1))) == NULL ||
		    (t = ctype_find(db_text(st, 4))) == NULL)
			continue;
		append(loaded_of((struct entity *)ent),
		    sqlite3_column_int64(st, 0), db_text(st, 2),
		    db_text(st, 3), t, db_text(st, 5),
		    sqlite3_column_int(st, 6));
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		reset_all();
		return db_error(db, rc, N_("reading custom fields"), err);
	}
	return SO_OK;
}

void
custom_unload(const struct db *db)
{
	if (db == NULL || db != loaded_by)
		return;
	reset_all();
	loaded_by = NULL;
	free(loaded_sig);
	loaded_sig = NULL;
}

int64_t
custom_field_id(const struct entity *ent, const struct field_desc *fd)
{
	const struct loaded *l;

	if (!(fd->flags & F_CUSTOM) || (l = find_loaded(ent)) == NULL ||
	    (int)fd->offset >= l->ncustom)
		return 0;
	return l->ids[fd->offset];
}

void
custom_column(const struct entity *ent, const struct field_desc *fd,
    struct strbuf *b)
{
	/* The id is a number of ours, not user text. */
	sb_printf(b, "(SELECT v.value FROM custom_values v WHERE "
	    "v.field_id = %" PRId64 " AND v.record_id = t.id)",
	    custom_field_id(ent, fd));
}

/* ---- values ---- */

/* The stored text of a value, NULL when it has none (caller frees).
 * "no" is no row either: a yes/no field reads NULL as no. */
static char *
value_text(const struct field_desc *fd, const void *obj)
{
	if (field_is_text(fd))
		return field_is_empty(fd, obj) ? NULL :
		    xstrdup(field_text_c(fd, obj));
	if (field_int_c(fd, obj) == SO_NULL ||
	    (fd->type == FT_BOOL && field_int_c(fd, obj) == 0))
		return NULL;
	return xasprintf("%" PRId64, field_int_c(fd, obj));
}

static int
write_one(struct db *db, int64_t field_id, int64_t id, const char *value,
    struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	/* A field another process removed meanwhile is skipped (EXISTS),
	 * not a foreign-key failure of the whole save. */
	code = db_prepare(db, value ? "INSERT INTO custom_values (field_id, "
	    "record_id, value) SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM "
	    "custom_fields WHERE id = ?1) ON CONFLICT (field_id, record_id) "
	    "DO UPDATE SET value = excluded.value" :
	    "DELETE FROM custom_values WHERE field_id = ?1 AND record_id = ?2",
	    &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, field_id);
	sqlite3_bind_int64(st, 2, id);
	if (value)
		sqlite3_bind_text(st, 3, value, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("saving a custom field"), err);
	return SO_OK;
}

int
custom_write(struct db *db, const struct entity *ent, int64_t id,
    const void *old, const void *obj, struct so_err *err)
{
	int i, code;
	char *v;

	for (i = entity_nbuiltin(ent); i < ent->nfields; i++) {
		const struct field_desc *fd = &ent->fields[i];

		if (old && field_equal(fd, old, obj))
			continue;
		v = value_text(fd, obj);
		code = old || v ? write_one(db, custom_field_id(ent, fd), id,
		    v, err) : SO_OK;
		free(v);
		if (code != SO_OK)
			return code;
	}
	return SO_OK;
}

/* ---- add, remove, list ---- */

enum { REMOVING, ADDING, CHANGING };

/* what: ADDING a field, REMOVING one or CHANGING one (label, order). */
static int
need_admin(struct db *db, int what, struct so_err *err)
{
	const char *role;

	if (strcmp(db_user_role(db), "admin") == 0)
		return SO_OK;
	if (*db_user_login(db) == '\0')
		return so_err_set(err, SO_EPERM, what == ADDING ? _("only an "
		    "administrator may add custom fields (no user is logged "
		    "in)") : what == REMOVING ? _("only an administrator may "
		    "remove custom fields (no user is logged in)") : _("only "
		    "an administrator may change custom fields (no user is "
		    "logged in)"));
	role = acl_role_shown(acl_role_named(db_user_role(db)));
	/* TRANSLATORS: a login and a role: (ivanov is manager). */
	return so_err_set(err, SO_EPERM, what == ADDING ? _("only an "
	    "administrator may add custom fields (%s is %s)") :
	    what == REMOVING ? _("only an administrator may remove custom "
	    "fields (%s is %s)") : _("only an administrator may change custom "
	    "fields (%s is %s)"), db_user_login(db),
	    *role ? role : db_user_role(db));
}

static int
find_entity(const char *name, const struct entity **ent, struct so_err *err)
{
	const struct entity *const *ents = entity_all();
	struct strbuf all = { 0 };
	int i;

	for (i = 0; name && ents[i]; i++)
		if (strcasecmp(ents[i]->name, name) == 0 ||
		    strcasecmp(ents[i]->table, name) == 0) {
			*ent = ents[i];
			return SO_OK;
		}
	for (i = 0; ents[i]; i++)
		sb_printf(&all, "%s%s", i ? ", " : "", ents[i]->table);
	so_err_set(err, SO_EINVAL, _("no card file '%s' (%s)"), name ? name :
	    "", sb_str(&all));
	sb_free(&all);
	return SO_EINVAL;
}

static int
valid_name(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > NAME_MAX_LEN || s[0] < 'a' || s[0] > 'z')
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/* Text for a label or a choice: UTF-8, no control characters. */
static int
valid_text(const char *s, size_t maxchars)
{
	if (*s == '\0' || !utf8_valid(s, strlen(s)) || utf8_len(s) > maxchars)
		return 0;
	return utf8_control_at(s, NULL, NULL) < 0;
}

/* Names every card file answers to in a filter besides its fields
 * (any case, ' ' as '_'). */
static int
reserved(const char *s)
{
	static const char *const words[] = { "id", "created", "created_at",
	    "updated", "updated_at", "created_by", "deleted_at", "version",
	    NULL };
	char *f = utf8_fold(s), *q;
	int i, hit = 0;

	for (q = f; *q; q++)
		if (*q == ' ')
			*q = '_';
	for (i = 0; words[i]; i++)
		if (strcmp(f, words[i]) == 0)
			hit = 1;
	free(f);
	return hit;
}

/* Is word free to name a new field of ent (as its name or label)? */
static int
check_unused(const struct entity *ent, const char *what, const char *word,
    struct so_err *err)
{
	int fi;

	if (reserved(word))
		return so_err_field(err, SO_EINVAL, what, _("%s: '%s' is "
		    "reserved (every card file has it)"), what, word);
	if ((fi = entity_field_named(ent, word)) < 0)
		return SO_OK;
	if (strcmp(what, "name") == 0)
		return so_err_field(err, SO_EINVAL, what, _("%s already have a "
		    "field called '%s'"), entity_plural(ent), word);
	return so_err_field(err, SO_EINVAL, what, _("label: '%s' already names "
	    "a field of %s (%s)"), word, entity_plural(ent),
	    ent->fields[fi].name);
}

/* Is c's code already among first..c (in any case)? */
static int
listed_before(const struct choice *first, const struct choice *c)
{
	char *fc = utf8_fold(c->code), *fe;
	int same = 0;

	for (; first < c && !same; first++) {
		fe = utf8_fold(first->code);
		same = strcmp(fe, fc) == 0;
		free(fe);
	}
	free(fc);
	return same;
}

/* The choices normalised to "a,b,c": each 1 to 100 characters, no two
 * alike in any case. */
static int
check_choices(const char *list, struct strbuf *out, struct so_err *err)
{
	struct choice *c = split_choices(list), *d;
	int code = SO_OK;

	if (c[0].code == NULL)
		code = so_err_field(err, SO_EINVAL, "choices", _("choices: a "
		    "choice field needs its list (--choices a,b,c)"));
	for (d = c; code == SO_OK && d->code; d++) {
		if (!valid_text(d->code, CHOICE_MAX_LEN))
			code = so_err_field(err, SO_EINVAL, "choices",
			    _("choices: '%s': 1 to %d characters, no control "
			    "characters"), d->code, CHOICE_MAX_LEN);
		else if (listed_before(c, d))
			code = so_err_field(err, SO_EINVAL, "choices",
			    _("choices: '%s' is listed twice"), d->code);
		else
			sb_printf(out, "%s%s", d == c ? "" : ",", d->code);
	}
	free_choices(c);
	return code;
}

static int
check_new(const struct entity *ent, const char *name, const char *label,
    const struct ctype *t, const char *choices, struct strbuf *norm,
    struct so_err *err)
{
	int code;

	if (!valid_name(name))
		return so_err_field(err, SO_EINVAL, "name", _("name: '%s' is "
		    "not a name: lowercase letters a-z, digits and _, starting "
		    "with a letter, up to %d (e.g. inn, staff_count)"), name,
		    NAME_MAX_LEN);
	if (!valid_text(label, LABEL_MAX_LEN))
		return so_err_field(err, SO_EINVAL, "label", _("label: 1 to %d "
		    "characters, no control characters"), LABEL_MAX_LEN);
	if ((code = check_unused(ent, "name", name, err)) != SO_OK ||
	    (code = check_unused(ent, "label", label, err)) != SO_OK)
		return code;
	if (t->ft == FT_CHOICE)
		return check_choices(choices ? choices : "", norm, err);
	if (choices && *choices)
		return so_err_field(err, SO_EINVAL, "choices", _("choices: "
		    "only a choice field has a list (this one is %s)"),
		    t->word);
	return SO_OK;
}

/* "company.kind: choice a,b, required, label "Kind"" for the audit log. */
static char *
describe(const char *entity, const char *name, const char *label,
    const struct ctype *t, const char *choices, int required)
{
	return xasprintf("%s.%s: %s%s%s%s, label \"%s\"", entity, name,
	    t->word, *choices ? " " : "", choices, required ? ", required" :
	    "", label);
}

static int
insert_field(struct db *db, const struct entity *ent, const char *name,
    const char *label, const struct ctype *t, const char *choices,
    int required, int64_t *id, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	code = db_prepare(db, "INSERT INTO custom_fields (entity, name, label, "
	    "type, choices, required, sort) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "(SELECT coalesce(max(sort), 0) + 10 FROM custom_fields "
	    "WHERE entity = ?1))", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, ent->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, label, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, t->sql, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, choices, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 6, required != 0);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("adding a custom field"), err);
	*id = sqlite3_last_insert_rowid(db_sqlite(db));
	return SO_OK;
}

int
custom_field_add(struct db *db, const char *entity, const char *name,
    const char *label, const char *type, const char *choices, int required,
    struct so_err *err)
{
	const struct entity *ent;
	const struct ctype *t;
	struct strbuf norm = { 0 };
	char *desc;
	int64_t id = 0;
	int code;

	if ((code = need_admin(db, ADDING, err)) != SO_OK ||
	    (code = find_entity(entity, &ent, err)) != SO_OK)
		return code;
	if (label == NULL || *label == '\0')
		label = name;
	if ((t = ctype_find(type)) == NULL)
		return so_err_field(err, SO_EINVAL, "type", _("type: '%s' is "
		    "not one of text, number, money, date, bool, choice"),
		    type ? type : "");
	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	/* Checked against the fields as they are now, under the write
	 * lock: another process may have added some since we opened. */
	if ((code = custom_load(db, err)) != SO_OK ||
	    (code = check_new(ent, name, label, t, choices, &norm, err)) !=
	    SO_OK ||
	    (code = insert_field(db, ent, name, label, t, sb_str(&norm),
	    required, &id, err)) != SO_OK)
		goto fail;
	desc = describe(ent->name, name, label, t, sb_str(&norm), required);
	code = audit_write(db, "custom_field", id, "create", NULL, NULL, desc,
	    err);
	free(desc);
	if (code != SO_OK)
		goto fail;
	sb_free(&norm);
	if ((code = db_commit(db, err)) != SO_OK)
		return code;
	return custom_load(db, err);
fail:
	sb_free(&norm);
	db_rollback(db);
	return code;
}

/* Runs sql, whose one parameter is the field id. */
static int
exec_id(struct db *db, const char *sql, int64_t id, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	if ((code = db_prepare(db, sql, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("removing a custom field"), err);
	return SO_OK;
}

/*
 * Each value a removal drops is a change to its record: an audit row
 * there (value -> empty), as an edit that emptied the field would write.
 */
static int
audit_dropped(struct db *db, const struct entity *ent, const char *name,
    int64_t id, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	code = db_prepare(db, "INSERT INTO audit_log (at, user_id, entity, "
	    "record_id, action, field, old_value, new_value) "
	    "SELECT ?2, ?3, ?4, record_id, 'update', ?5, value, NULL "
	    "FROM custom_values WHERE field_id = ?1 ORDER BY record_id", &st,
	    err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, db_now(db));
	if (db_user_id(db))
		sqlite3_bind_int64(st, 3, db_user_id(db));
	sqlite3_bind_text(st, 4, ent->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("writing the audit log"), err);
	return SO_OK;
}

/* The row of entity's custom field name: its id and description. */
static int
find_field(struct db *db, const struct entity *ent, const char *name,
    int64_t *id, char **desc, struct so_err *err)
{
	sqlite3_stmt *st;
	const struct ctype *t;
	int rc, code;

	code = db_prepare(db, "SELECT id, label, type, choices, required "
	    "FROM custom_fields WHERE entity = ?1 AND name = ?2", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, ent->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		t = ctype_find(db_text(st, 2));
		*desc = describe(ent->name, name, db_text(st, 1), t ? t :
		    &ctypes[0], db_text(st, 3), sqlite3_column_int(st, 4));
	}
	db_done(st);
	if (rc == SQLITE_ROW)
		return SO_OK;
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading custom fields"), err);
	if (entity_field(ent, name) >= 0 && entity_field(ent, name) <
	    entity_nbuiltin(ent))
		return so_err_field(err, SO_EINVAL, "name", _("'%s' is a "
		    "built-in field of %s; only custom fields can be removed"),
		    name, entity_plural(ent));
	return so_err_field(err, SO_ENOTFOUND, "name", _("%s have no custom "
	    "field '%s'"), entity_plural(ent), name);
}

int
custom_field_remove(struct db *db, const char *entity, const char *name,
    struct so_err *err)
{
	const struct entity *ent;
	char *desc = NULL;
	int64_t id = 0;
	int code;

	if ((code = need_admin(db, REMOVING, err)) != SO_OK ||
	    (code = find_entity(entity, &ent, err)) != SO_OK)
		return code;
	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if ((code = find_field(db, ent, name ? name : "", &id, &desc, err)) !=
	    SO_OK)
		goto fail;
	if ((code = audit_dropped(db, ent, name, id, err)) != SO_OK ||
	    (code = exec_id(db, "DELETE FROM custom_values WHERE field_id = ?1",
	    id, err)) != SO_OK ||
	    (code = exec_id(db, "DELETE FROM custom_fields WHERE id = ?1", id,
	    err)) != SO_OK ||
	    (code = audit_write(db, "custom_field", id, "delete", NULL, desc,
	    NULL, err)) != SO_OK)
		goto fail;
	free(desc);
	if ((code = db_commit(db, err)) != SO_OK)
		return code;
	return custom_load(db, err);
fail:
	free(desc);
	db_rollback(db);
	return code;
}

int
custom_field_relabel(struct db *db, const char *entity, const char *name,
    const char *label, struct so_err *err)
{
	const struct entity *ent;
	sqlite3_stmt *st;
	char *desc = NULL, *old = NULL;
	int64_t id = 0;
	int fi, rc, code;

	if ((code = need_admin(db, CHANGING, err)) != SO_OK ||
	    (code = find_entity(entity, &ent, err)) != SO_OK)
		return code;
	if (label == NULL || !valid_text(label, LABEL_MAX_LEN))
		return so_err_field(err, SO_EINVAL, "label", _("label: 1 to %d "
		    "characters, no control characters"), LABEL_MAX_LEN);
	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if ((code = custom_load(db, err)) != SO_OK ||
	    (code = find_field(db, ent, name ? name : "", &id, &desc, err)) !=
	    SO_OK)
		goto fail;
	fi = entity_field(ent, name);
	old = xstrdup(fi >= 0 ? ent->fields[fi].label : "");
	/* Its own label again, or in another case, is no clash. */
	if (entity_field_named(ent, label) != fi &&
	    (code = check_unused(ent, "label", label, err)) != SO_OK)
		goto fail;
	if (strcmp(old, label) == 0)
		goto done;
	if ((code = db_prepare(db, "UPDATE custom_fields SET label = ?2 "
	    "WHERE id = ?1", &st, err)) != SO_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, label, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE) {
		code = db_error(db, rc, N_("changing a custom field"), err);
		goto fail;
	}
	if ((code = audit_write(db, "custom_field", id, "update", "label", old,
	    label, err)) != SO_OK)
		goto fail;
done:
	free(desc);
	free(old);
	if ((code = db_commit(db, err)) != SO_OK)
		return code;
	return custom_load(db, err);
fail:
	free(desc);
	free(old);
	db_rollback(db);
	return code;
}

int
custom_field_move(struct db *db, const char *entity, const char *name,
    int dir, struct so_err *err)
{
	const struct entity *ent;
	struct custom_field *f = NULL;
	sqlite3_stmt *st;
	char *desc = NULL, from[24], to[24];
	size_t n = 0, i, at;
	int64_t id = 0, t;
	int rc, code;

	if ((code = need_admin(db, CHANGING, err)) != SO_OK ||
	    (code = find_entity(entity, &ent, err)) != SO_OK)
		return code;
	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if ((code = find_field(db, ent, name ? name : "", &id, &desc, err)) !=
	    SO_OK ||
	    (code = custom_field_list(db, ent->name, &f, &n, err)) != SO_OK)
		goto fail;
	for (at = 0; at < n && f[at].id != id; at++)
		;
	/* The first cannot go up nor the last down: nothing to do. */
	if (at == n || (dir < 0 && at == 0) || (dir > 0 && at + 1 == n) ||
	    dir == 0)
		goto done;
	i = dir < 0 ? at - 1 : at + 1;
	t = f[i].id;
	f[i].id = f[at].id;
	f[at].id = t;
	/* Numbered afresh, 10 apart, so equal sorts of old rows no longer
	 * leave the order to their ids. */
	if ((code = db_prepare(db, "UPDATE custom_fields SET sort = ?2 "
	    "WHERE id = ?1", &st, err)) != SO_OK)
		goto fail;
	for (i = 0, rc = SQLITE_DONE; i < n && rc == SQLITE_DONE; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, f[i].id);
		sqlite3_bind_int64(st, 2, (int64_t)(i + 1) * 10);
		rc = sqlite3_step(st);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		code = db_error(db, rc, N_("changing a custom field"), err);
		goto fail;
	}
	snprintf(from, sizeof(from), "%zu", at + 1);
	snprintf(to, sizeof(to), "%zu", dir < 0 ? at : at + 2);
	if ((code = audit_write(db, "custom_field", id, "update", "position",
	    from, to, err)) != SO_OK)
		goto fail;
done:
	free(desc);
	custom_field_list_free(f, n);
	if ((code = db_commit(db, err)) != SO_OK)
		return code;
	return custom_load(db, err);
fail:
	free(desc);
	custom_field_list_free(f, n);
	db_rollback(db);
	return code;
}

int
custom_field_list(struct db *db, const char *entity,
    struct custom_field **out, size_t *n, struct so_err *err)
{
	const struct entity *ent = NULL;
	struct custom_field *f;
	sqlite3_stmt *st;
	const struct ctype *t;
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	if (entity && (code = find_entity(entity, &ent, err)) != SO_OK)
		return code;
	code = db_prepare(db, "SELECT id, entity, name, label, type, choices, "
	    "required FROM custom_fields WHERE ?1 IS NULL OR entity = ?1 "
	    "ORDER BY entity, sort, id", &st, err);
	if (code != SO_OK)
		return code;
	if (ent)
		sqlite3_bind_text(st, 1, ent->name, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		f = &(*out)[(*n)++];
		f->id = sqlite3_column_int64(st, 0);
		f->entity = db_text_dup(st, 1);
		f->name = db_text_dup(st, 2);
		f->label = db_text_dup(st, 3);
		t = ctype_find(db_text(st, 4));
		f->type = t ? t->word : "?";
		f->choices = db_text_dup(st, 5);
		f->required = sqlite3_column_int(st, 6);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		custom_field_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return db_error(db, rc, N_("reading custom fields"), err);
	}
	return SO_OK;
}

void
custom_field_list_free(struct custom_field *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(f[i].entity);
		free(f[i].name);
		free(f[i].label);
		free(f[i].choices);
	}
	free(f);
}
