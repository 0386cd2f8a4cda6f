/*
 * Likely duplicates; see include/store/dupes.h.
 *
 * The name key is the fields of the name, each folded to its letters
 * and digits (dup_fold), joined by a unit separator (0x1f, which no
 * validated text holds).  It is computed here, in C, for the rows read
 * and for the record asked about alike, so the two can only differ
 * where the names do.  The phone and e-mail queries spell the index
 * expressions of sql/007_exchange.sql exactly, and apply the same
 * expression to the bound value, so that SQLite uses the index and
 * compares like with like.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/dupes.h"
#include "store/refs.h"

#define NORM(col)	"substr(replace(replace(replace(replace(replace(" \
			"replace(" col ", ' ', ''), '-', ''), '(', ''), ')', " \
			"''), '+', ''), '.', ''), -10)"

/* The ё-folded form of a text the indexes of sql/013_yo_order.sql
 * order by. */
#define YO_AS_YE(col)	"replace(replace(" col ", 'ё', 'е'), 'Ё', 'Е')"

#define NAME_FIELDS	3

/* What makes a duplicate in one card file.  Every name here is a
 * column, compiled in: SQL is built from them, never from data. */
struct dup_rule {
	const char	*table;
	/* Joined into the name key; a reference among them (a contact's
	 * company) must be the same row, text is folded. */
	const char	*name_fields[NAME_FIELDS];
	const char	*name_why;
	const char	*phones[2];		/* columns; a phone matches any */
	const char	*email;
	/* What tells a found record apart, over the table as t. */
	const char	*detail_sql;
};

static const struct dup_rule rules[] = {
	{ "companies", { "name", "city", NULL }, N_("name and city"),
	    { "phone", NULL }, "email", "t.city" },
	{ "contacts", { "last_name", "first_name", "company_id" },
	    N_("name and company"), { "phone_mobile", "phone_work" }, "email",
	    "(SELECT c.name FROM companies c WHERE c.id = t.company_id)" },
};

struct store_dupes {
	struct db		*db;
	const struct entity	*ent;
	const struct dup_rule	*rule;
	int			 name_fi[NAME_FIELDS];
	int			 nname;
	int			 phone_fi[2];
	int			 email_fi;
	struct store_refs	*names;	/* of the rows there before */
	int64_t			 last;		/* the highest id read */
};

static const struct dup_rule *
rule_of(const struct entity *ent)
{
	size_t i;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (strcmp(rules[i].table, ent->table) == 0)
			return &rules[i];
	return NULL;
}

/* The field indexes of a rule in ent (the finder's and the scan's). */
static void
rule_fields(struct store_dupes *d)
{
	const struct dup_rule *r = d->rule;
	int i;

	for (i = 0; i < NAME_FIELDS; i++)
		d->name_fi[i] = r->name_fields[i] ? entity_field(d->ent,
		    r->name_fields[i]) : -1;
	for (d->nname = 0; d->nname < NAME_FIELDS &&
	    d->name_fi[d->nname] >= 0; d->nname++)
		;
	for (i = 0; i < 2; i++)
		d->phone_fi[i] = r->phones[i] ? entity_field(d->ent,
		    r->phones[i]) : -1;
	d->email_fi = entity_field(d->ent, r->email);
}

/* ---- the name key ---- */

/*
 * Does cp count in a name?  Letters and digits do; ASCII punctuation,
 * the Latin-1 signs (« » included), the general punctuation block
 * („ “ ” ‘ ’ – — …) and CJK punctuation do not, nor blanks.
 */
static int
is_name_cp(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z');
	if (cp < 0xc0 || cp == 0xd7 || cp == 0xf7)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x3000 &&
	    cp <= 0x303f) || cp == 0xfffd)
		return 0;
	return 1;
}

/* The letters and digits of s, case folded, ё written е. */
static void
dup_fold(struct strbuf *b, const char *s)
{
	size_t n = strlen(s), k;
	uint32_t cp;
	char enc[4];

	while (n > 0) {
		k = utf8_decode(s, n, &cp);
		s += k;
		n -= k;
		if (!is_name_cp(cp))
			continue;
		cp = utf8_fold_cp(cp);
		if (cp == 0x451)	/* ё */
			cp = 0x435;	/* е */
		sb_addn(b, enc, utf8_encode(cp, enc));
	}
}

/* The key of the name fields' values (NULL for SQL's NULL); NULL when
 * the first has nothing to compare (an empty name duplicates
 * nothing). */
static char *
name_key(const char *const *v, int nv)
{
	struct strbuf b = { 0 };
	int i;

	sb_add(&b, "");
	for (i = 0; i < nv; i++) {
		if (i > 0)
			sb_addc(&b, '\x1f');
		dup_fold(&b, v[i] ? v[i] : "");
		if (i == 0 && b.len == 0) {
			sb_free(&b);
			return NULL;
		}
	}
	return sb_steal(&b);
}

/* The name key of obj. */
static char *
obj_key(const struct store_dupes *d, const void *obj)
{
	const char *v[NAME_FIELDS];
	char num[NAME_FIELDS][24], *key;
	const struct field_desc *fd;
	int i;

	for (i = 0; i < d->nname; i++) {
		fd = &d->ent->fields[d->name_fi[i]];
		if (field_is_text(fd))
			v[i] = field_text_c(fd, obj);
		else if (field_int_c(fd, obj) == SO_NULL)
			v[i] = NULL;
		else {
			snprintf(num[i], sizeof(num[i]), "%lld",
			    (long long)field_int_c(fd, obj));
			v[i] = num[i];
		}
	}
	key = name_key(v, d->nname);
	return key;
}

/* The key of a row selected as (id, name fields...). */
static char *
row_key(sqlite3_stmt *st, int nv)
{
	const char *v[NAME_FIELDS];
	int i;

	for (i = 0; i < nv; i++)
		v[i] = (const char *)sqlite3_column_text(st, 1 + i);
	return name_key(v, nv);
}

/* "SELECT id, name, city FROM companies WHERE deleted_at IS NULL" and
 * the rest of the conditions (where, may be ""). */
static char *
names_sql(const struct store_dupes *d, const char *where)
{
	struct strbuf b = { 0 };
	int i;

	sb_add(&b, "SELECT id");
	for (i = 0; i < d->nname; i++)
		sb_printf(&b, ", %s", d->rule->name_fields[i]);
	sb_printf(&b, " FROM %s WHERE deleted_at IS NULL%s ORDER BY id",
	    d->rule->table, where);
	return sb_steal(&b);
}

/* names_sql without the order: the finder of fresh rows keeps the
 * lowest id itself. */
static char *
fresh_sql(const struct store_dupes *d, const char *where)
{
	struct strbuf b = { 0 };
	int i;

	sb_add(&b, "SELECT id");
	for (i = 0; i < d->nname; i++)
		sb_printf(&b, ", %s", d->rule->name_fields[i]);
	sb_printf(&b, " FROM %s WHERE deleted_at IS NULL%s", d->rule->table,
	    where);
	return sb_steal(&b);
}

/* ---- the import's finder ---- */

static int
last_id(struct store_dupes *d, struct so_err *err)
{
	sqlite3_stmt *st;
	char *sql = xasprintf("SELECT coalesce(max(id), 0) FROM %s",
	    d->rule->table);
	int rc, code;

	code = db_prepare(d->db, sql, &st, err);
	free(sql);
	if (code != SO_OK)
		return code;
	rc = sqlite3_step(st);
	d->last = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	return rc == SQLITE_ROW ? SO_OK : db_error(d->db, rc,
	    N_("looking for duplicates"), err);
}

/* The keys of every live row, once. */
static int
load_names(struct store_dupes *d, struct so_err *err)
{
	sqlite3_stmt *st;
	char *sql = names_sql(d, ""), *key;
	int rc, code;

	code = db_prepare(d->db, sql, &st, err);
	free(sql);
	if (code != SO_OK)
		return code;
	d->names = store_refs_new();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((key = row_key(st, d->nname)) != NULL) {
			store_refs_add(d->names, key, sqlite3_column_int64(st,
			    0));
			free(key);
		}
	db_done(st);
	return rc == SQLITE_DONE ? SO_OK : db_error(d->db, rc,
	    N_("looking for duplicates"), err);
}

int
store_dupes_open(struct db *db, const struct entity *ent,
    struct store_dupes **out, struct so_err *err)
{
	const struct dup_rule *r = rule_of(ent);
	struct store_dupes *d;
	int rc;

	*out = NULL;
	if (r == NULL)
		return SO_OK;
	d = xcalloc(1, sizeof(*d));
	d->db = db;
	d->ent = ent;
	d->rule = r;
	rule_fields(d);
	if ((rc = load_names(d, err)) != SO_OK ||
	    (rc = last_id(d, err)) != SO_OK) {
		store_dupes_free(d);
		return rc;
	}
	*out = d;
	return SO_OK;
}

/* s without the blanks around it (as SQL's trim(s, ' ' || char(9))). */
static char *
trimmed(const char *s)
{
	size_t n;

	s += strspn(s, " \t");
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

/* The ids of live rows (other than not) whose column matches v, by the
 * phone or e-mail expression, ascending; one when first is set. */
static int
ask(struct db *db, const struct dup_rule *r, const char *col, const char *v,
    int phone, int64_t not, int first, int64_t **ids, size_t *n,
    struct so_err *err)
{
	sqlite3_stmt *st;
	char *sql;
	int rc, code;

	if (phone)
		sql = xasprintf("SELECT id FROM %s WHERE deleted_at IS NULL "
		    "AND %s <> '' AND " NORM("%s") " = " NORM("?1") " AND "
		    "id <> ?2 ORDER BY id%s", r->table, col, col, first ?
		    " LIMIT 1" : "");
	else
		sql = xasprintf("SELECT id FROM %s WHERE deleted_at IS NULL "
		    "AND %s <> '' AND lower(trim(%s)) = lower(trim(?1)) AND "
		    "id <> ?2 ORDER BY id%s", r->table, col, col, first ?
		    " LIMIT 1" : "");
	code = db_prepare(db, sql, &st, err);
	free(sql);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, not);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*ids = xrealloc(*ids, (*n + 1) * sizeof(**ids));
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("looking for duplicates"), err);
	return SO_OK;
}

/*
 * A row written since the names were read (earlier in the same file)
 * with the same name: the index on the first name field, by its form
 * with ё as е (sql/013_yo_order.sql), finds the rows spelt so but for
 * ё, and their keys are compared.  Memory stays what the table needed,
 * however long the file.  The query spells the index's expression
 * exactly and compares the id with '+' (a value, not a column to look
 * up): SQLite 3.40 otherwise walks the ids written by the import, one
 * walk per row, which made a file of n companies read n²/2 rows.  The
 * lowest id among the few rows found is kept here, not by ORDER BY.
 */
static int
ask_fresh(struct store_dupes *d, const void *obj, const char *key,
    int64_t *id, struct so_err *err)
{
	const struct field_desc *fd = &d->ent->fields[d->name_fi[0]];
	sqlite3_stmt *st;
	char *where, *sql, *name = trimmed(field_text_c(fd, obj)), *k;
	int64_t rid;
	int code, rc;

	where = xasprintf(" AND " YO_AS_YE("%s") " = " YO_AS_YE("?1") " AND "
	    "+id > ?2", fd->name);
	sql = fresh_sql(d, where);
	free(where);
	code = db_prepare(d->db, sql, &st, err);
	free(sql);
	if (code != SO_OK) {
		free(name);
		return code;
	}
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, d->last);
	free(name);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rid = sqlite3_column_int64(st, 0);
		if (*id != 0 && rid > *id)
			continue;
		if ((k = row_key(st, d->nname)) != NULL && strcmp(k, key) == 0)
			*id = rid;
		free(k);
	}
	db_done(st);
	return rc == SQLITE_DONE ? SO_OK : db_error(d->db, rc,
	    N_("looking for duplicates"), err);
}

/* Enough of a phone to compare: seven digits at least. */
static int
comparable_phone(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s >= '0' && *s <= '9';
	return n >= 7;
}

int
store_dupes_find(struct store_dupes *d, const void *obj, int64_t *id,
    const char **why, struct so_err *err)
{
	const struct field_desc *fd;
	int64_t *ids = NULL;
	size_t n = 0;
	const char *v;
	char *key;
	int i, j, rc;

	*id = 0;
	*why = "";
	if ((key = obj_key(d, obj)) != NULL) {
		store_refs_find(d->names, key, id);
		rc = *id ? SO_OK : ask_fresh(d, obj, key, id, err);
		free(key);
		if (rc != SO_OK)
			return rc;
		if (*id) {
			*why = _(d->rule->name_why);
			return SO_OK;
		}
	}
	for (i = 0; i < 2 && d->phone_fi[i] >= 0; i++) {
		v = field_text_c(&d->ent->fields[d->phone_fi[i]], obj);
		if (!comparable_phone(v))
			continue;
		for (j = 0; j < 2 && d->phone_fi[j] >= 0; j++) {
			fd = &d->ent->fields[d->phone_fi[j]];
			if ((rc = ask(d->db, d->rule, fd->name, v, 1, 0, 1,
			    &ids, &n, err)) != SO_OK)
				goto out;
			if (n) {
				*id = ids[0];
				*why = _("phone");
				goto out;
			}
		}
	}
	v = field_text_c(&d->ent->fields[d->email_fi], obj);
	rc = SO_OK;
	if (*v && (rc = ask(d->db, d->rule, d->rule->email, v, 0, 0, 1, &ids,
	    &n, err)) == SO_OK && n) {
		*id = ids[0];
		*why = _("e-mail");
	}
out:
	free(ids);
	return rc;
}

void
store_dupes_free(struct store_dupes *d)
{
	if (d == NULL)
		return;
	store_refs_free(d->names);
	free(d);
}

/* ---- the add form's warning ---- */

struct found {
	struct dupe	*v;
	size_t		 n;
};

static void
found_add(struct found *f, int64_t id, const char *why)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->v[i].id == id)
			return;		/* met under an earlier rule */
	f->v = xrealloc(f->v, (f->n + 1) * sizeof(*f->v));
	f->v[f->n].id = id;
	f->v[f->n].title = f->v[f->n].detail = NULL;
	f->v[f->n].why = why;
	f->n++;
}

static int
by_id(const void *a, const void *b)
{
	const struct dupe *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/*
 * The rows with obj's name key: a scan of the live rows, narrowed by a
 * reference among the name fields (a contact's company: the same row,
 * by its index).
 */
static int
like_names(struct store_dupes *d, const void *obj, int64_t self,
    struct found *f, struct so_err *err)
{
	struct strbuf where = { 0 };
	sqlite3_stmt *st;
	char *key, *sql, *k;
	int i, rc, code, np = 1;
	int64_t bind[NAME_FIELDS];

	if ((key = obj_key(d, obj)) == NULL)
		return SO_OK;
	sb_printf(&where, " AND id <> ?1");
	for (i = 0; i < d->nname; i++) {
		const struct field_desc *fd = &d->ent->fields[d->name_fi[i]];

		if (field_is_text(fd))
			continue;
		bind[np - 1] = field_int_c(fd, obj);
		sb_printf(&where, " AND %s IS ?%d", fd->name, ++np);
	}
	sql = names_sql(d, sb_str(&where));
	sb_free(&where);
	code = db_prepare(d->db, sql, &st, err);
	free(sql);
	if (code != SO_OK) {
		free(key);
		return code;
	}
	sqlite3_bind_int64(st, 1, self);
	for (i = 1; i < np; i++) {
		if (bind[i - 1] == SO_NULL)
			sqlite3_bind_null(st, i + 1);
		else
			sqlite3_bind_int64(st, i + 1, bind[i - 1]);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((k = row_key(st, d->nname)) != NULL && strcmp(k, key) == 0)
			found_add(f, sqlite3_column_int64(st, 0),
			    _(d->rule->name_why));
		free(k);
	}
	db_done(st);
	free(key);
	return rc == SQLITE_DONE ? SO_OK : db_error(d->db, rc,
	    N_("looking for duplicates"), err);
}

/* The phone and e-mail rules, every match. */
static int
like_keys(struct store_dupes *d, const void *obj, int64_t self,
    struct found *f, struct so_err *err)
{
	int64_t *ids = NULL;
	size_t n = 0, k;
	const char *v;
	int i, j, rc = SO_OK;

	for (i = 0; i < 2 && d->phone_fi[i] >= 0 && rc == SO_OK; i++) {
		v = field_text_c(&d->ent->fields[d->phone_fi[i]], obj);
		if (!comparable_phone(v))
			continue;
		for (j = 0; j < 2 && d->phone_fi[j] >= 0 && rc == SO_OK; j++)
			rc = ask(d->db, d->rule, d->ent->fields[
			    d->phone_fi[j]].name, v, 1, self, 0, &ids, &n, err);
	}
	for (k = 0; k < n; k++)
		found_add(f, ids[k], _("phone"));
	free(ids);
	ids = NULL;
	n = 0;
	v = field_text_c(&d->ent->fields[d->email_fi], obj);
	if (rc == SO_OK && *v)
		rc = ask(d->db, d->rule, d->rule->email, v, 0, self, 0, &ids,
		    &n, err);
	for (k = 0; k < n; k++)
		found_add(f, ids[k], _("e-mail"));
	free(ids);
	return rc;
}

/* Each found record's title and detail. */
static int
like_titles(struct store_dupes *d, struct dupe *v, size_t n,
    struct so_err *err)
{
	sqlite3_stmt *st;
	char *sql;
	size_t i;
	int rc = SQLITE_ROW, code;

	sql = xasprintf("SELECT %s, %s FROM %s t WHERE t.id = ?1",
	    d->ent->title_sql, d->rule->detail_sql, d->rule->table);
	code = db_prepare(d->db, sql, &st, err);
	free(sql);
	if (code != SO_OK)
		return code;
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, v[i].id);
		rc = sqlite3_step(st);
		v[i].title = xstrdup(rc == SQLITE_ROW ? db_text(st, 0) : "");
		v[i].detail = xstrdup(rc == SQLITE_ROW ? db_text(st, 1) : "");
		if (rc != SQLITE_ROW)
			break;
		sqlite3_reset(st);
	}
	db_done(st);
	return rc == SQLITE_ROW ? SO_OK : db_error(d->db, rc,
	    N_("looking for duplicates"), err);
}

int
store_dupes_like(struct db *db, const struct entity *ent, const void *obj,
    size_t max, struct dupe **out, size_t *n, struct so_err *err)
{
	struct store_dupes d = { 0 };
	struct found f = { 0 };
	int64_t self = rec_meta((void *)obj)->id;
	int rc;

	*out = NULL;
	*n = 0;
	if ((d.rule = rule_of(ent)) == NULL)
		return SO_OK;
	d.db = db;
	d.ent = ent;
	rule_fields(&d);
	if ((rc = like_names(&d, obj, self, &f, err)) == SO_OK &&
	    (rc = like_keys(&d, obj, self, &f, err)) == SO_OK) {
		if (f.n > 1)
			qsort(f.v, f.n, sizeof(*f.v), by_id);
		if (f.n > max)
			f.n = max;	/* the rest: found_add's, freed below */
		rc = like_titles(&d, f.v, f.n, err);
	}
	if (rc != SO_OK) {
		store_dupes_like_free(f.v, f.n);
		return rc;
	}
	*out = f.v;
	*n = f.n;
	return SO_OK;
}

void
store_dupes_like_free(struct dupe *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].title);
		free(v[i].detail);
	}
	free(v);
}
