/*
 * Duplicates of imported rows; see include/store/dupes.h.
 *
 * The name key is the fields of the name joined by a unit separator
 * (0x1f, which no validated text holds), folded by store/refs.c.  The
 * phone and e-mail queries spell the index expressions of
 * sql/007_exchange.sql exactly, and apply the same expression to the
 * bound value, so that SQLite uses the index and compares like with
 * like.
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "store/dupes.h"
#include "store/refs.h"

#define NORM(col)	"substr(replace(replace(replace(replace(replace(" \
			"replace(" col ", ' ', ''), '-', ''), '(', ''), ')', " \
			"''), '+', ''), '.', ''), -10)"

#define TRIM(col)	"trim(" col ", ' ' || char(9))"

/* What makes a duplicate in one card file. */
struct dup_rule {
	const char	*table;
	const char	*name_fields[3];	/* joined into the name key */
	const char	*name_sql;		/* the same key from the table */
	const char	*phones[2];		/* columns; a phone matches any */
	const char	*email;
};

static const struct dup_rule rules[] = {
	{ "companies", { "name", "city", NULL },
	    "SELECT id, " TRIM("name") " || char(31) || " TRIM("city") " "
	    "FROM companies "
	    "WHERE deleted_at IS NULL ORDER BY id",
	    { "phone", NULL }, "email" },
	{ "contacts", { "last_name", "first_name", "company_id" },
	    "SELECT id, " TRIM("last_name") " || char(31) || "
	    TRIM("first_name") " || char(31) || coalesce(company_id, '') "
	    "FROM contacts "
	    "WHERE deleted_at IS NULL ORDER BY id",
	    { "phone_mobile", "phone_work" }, "email" },
};

struct store_dupes {
	struct db		*db;
	const struct entity	*ent;
	const struct dup_rule	*rule;
	int			 name_fi[3];
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
	    "looking for duplicates", err);
}

int
store_dupes_open(struct db *db, const struct entity *ent,
    struct store_dupes **out, struct so_err *err)
{
	const struct dup_rule *r = rule_of(ent);
	struct store_dupes *d;
	int i, rc;

	*out = NULL;
	if (r == NULL)
		return SO_OK;
	d = xcalloc(1, sizeof(*d));
	d->db = db;
	d->ent = ent;
	d->rule = r;
	for (i = 0; i < 3; i++)
		d->name_fi[i] = r->name_fields[i] ?
		    entity_field(ent, r->name_fields[i]) : -1;
	for (i = 0; i < 2; i++)
		d->phone_fi[i] = r->phones[i] ? entity_field(ent,
		    r->phones[i]) : -1;
	d->email_fi = entity_field(ent, r->email);
	if ((rc = store_refs_load_sql(db, r->name_sql, &d->names, err)) !=
	    SO_OK || (rc = last_id(d, err)) != SO_OK) {
		store_refs_free(d->names);
		free(d);
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

/* The name key of obj, as name_sql builds it; NULL when the name is
 * empty (an empty name duplicates nothing). */
static char *
name_key(const struct store_dupes *d, const void *obj)
{
	struct strbuf b = { 0 };
	const struct field_desc *fd;
	int i;

	for (i = 0; i < 3 && d->name_fi[i] >= 0; i++) {
		fd = &d->ent->fields[d->name_fi[i]];
		if (i > 0)
			sb_addc(&b, '\x1f');
		if (field_is_text(fd)) {
			char *t = trimmed(field_text_c(fd, obj));

			if (i == 0 && *t == '\0') {
				free(t);
				sb_free(&b);
				return NULL;
			}
			sb_add(&b, t);
			free(t);
		} else if (field_int_c(fd, obj) != SO_NULL)
			sb_printf(&b, "%lld", (long long)field_int_c(fd, obj));
	}
	return sb_steal(&b);
}

/* The lowest live id whose column matches v by expr; 0 when none. */
static int
ask(struct store_dupes *d, const char *col, const char *v, int phone,
    int64_t *id, struct so_err *err)
{
	sqlite3_stmt *st;
	char *sql;
	int rc, code;

	if (phone)
		sql = xasprintf("SELECT min(id) FROM %s WHERE deleted_at IS "
		    "NULL AND %s <> '' AND " NORM("%s") " = " NORM("?1"),
		    d->rule->table, col, col);
	else
		sql = xasprintf("SELECT min(id) FROM %s WHERE deleted_at IS "
		    "NULL AND %s <> '' AND lower(trim(%s)) = lower(trim(?1))",
		    d->rule->table, col, col);
	code = db_prepare(d->db, sql, &st, err);
	free(sql);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	if (rc != SQLITE_ROW)
		return db_error(d->db, rc, "looking for duplicates", err);
	return SO_OK;
}

/*
 * A row written since the names were read (earlier in the same file)
 * with the same name: the index on the first name field finds the rows
 * spelt exactly so, and the whole key is compared folded.  Memory stays
 * what the table needed, however long the file.
 */
static int
ask_fresh(struct store_dupes *d, const void *obj, const char *key,
    int64_t *id, struct so_err *err)
{
	const struct field_desc *fd = &d->ent->fields[d->name_fi[0]];
	struct store_refs *one;
	sqlite3_stmt *st;
	char *sql, *name = trimmed(field_text_c(fd, obj));
	int code, rc;

	/* name_sql's key over the rows of that name alone */
	sql = xasprintf("SELECT * FROM (%.*s) WHERE id IN (SELECT id FROM %s "
	    "WHERE %s = ?1 AND id > ?2 AND deleted_at IS NULL)",
	    (int)(strstr(d->rule->name_sql, " ORDER BY") -
	    d->rule->name_sql), d->rule->name_sql, d->rule->table, fd->name);
	code = db_prepare(d->db, sql, &st, err);
	free(sql);
	if (code != SO_OK) {
		free(name);
		return code;
	}
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, d->last);
	free(name);
	one = store_refs_new();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		store_refs_add(one, db_text(st, 1), sqlite3_column_int64(st,
		    0));
	db_done(st);
	if (rc == SQLITE_DONE)
		store_refs_find(one, key, id);
	store_refs_free(one);
	return rc == SQLITE_DONE ? SO_OK : db_error(d->db, rc,
	    "looking for duplicates", err);
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
	const char *v;
	char *key;
	int i, j, rc;

	*id = 0;
	*why = "";
	if ((key = name_key(d, obj)) != NULL) {
		store_refs_find(d->names, key, id);
		rc = *id ? SO_OK : ask_fresh(d, obj, key, id, err);
		free(key);
		if (rc != SO_OK)
			return rc;
		if (*id) {
			*why = d->name_fi[2] >= 0 ? "name and company" :
			    "name and city";
			return SO_OK;
		}
	}
	for (i = 0; i < 2 && d->phone_fi[i] >= 0; i++) {
		v = field_text_c(&d->ent->fields[d->phone_fi[i]], obj);
		if (!comparable_phone(v))
			continue;
		for (j = 0; j < 2 && d->phone_fi[j] >= 0; j++) {
			fd = &d->ent->fields[d->phone_fi[j]];
			if ((rc = ask(d, fd->name, v, 1, id, err)) != SO_OK)
				return rc;
			if (*id) {
				*why = "phone";
				return SO_OK;
			}
		}
	}
	v = field_text_c(&d->ent->fields[d->email_fi], obj);
	if (*v && (rc = ask(d, d->rule->email, v, 0, id, err)) != SO_OK)
		return rc;
	if (*id)
		*why = "e-mail";
	return SO_OK;
}

void
store_dupes_free(struct store_dupes *d)
{
	if (d == NULL)
		return;
	store_refs_free(d->names);
	free(d);
}
