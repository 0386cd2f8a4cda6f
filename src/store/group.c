/*
 * Group actions and saved filters (see include/store/group.h).
 *
 * The ids are collected first and the rows changed one by one through
 * rec_update inside the one transaction: slower than a single UPDATE, but
 * every row is validated and audited exactly as a hand edit is, and the
 * FTS triggers and after_write hooks run for each.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/audit.h"
#include "store/entities.h"
#include "store/group.h"
#include "store/lookup.h"

void
free_strv(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int
all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/*
 * Puts the record before err's message, which names only the field: a
 * group of 212 companies that fails on one must say which ("Company #12
 * "Ромашка": E-mail: not an e-mail address").
 */
static void
name_record(struct db *db, const struct entity *ent, int64_t id,
    struct so_err *err)
{
	struct so_err was = *err;
	char *title = store_lookup_title(db, ent, id);

	if (title && *title)
		/* TRANSLATORS: an entity, a record's number, its title and
		 * what went wrong: Company #12 "Romashka": E-mail: ... */
		so_err_field(err, was.code, was.field, _("%s #%lld \"%s\": %s"),
		    entity_label(ent), (long long)id, title, was.msg);
	else
		so_err_field(err, was.code, was.field, "%s #%lld: %s",
		    entity_label(ent), (long long)id, was.msg);
	free(title);
}

int
group_set(struct db *db, const struct entity *ent, const struct list_query *q,
    const char *field, const char *value, time_t now, int64_t *changed,
    struct so_err *err)
{
	const struct field_desc *fd;
	char idtext[32];
	int64_t *ids, uid, v0;
	size_t n, i;
	void *obj;
	int fi, code;

	*changed = 0;
	if ((fi = entity_field(ent, field)) < 0)
		return so_err_set(err, SO_EINVAL, _("%s have no field '%s'"),
		    entity_plural(ent), field);
	fd = &ent->fields[fi];
	if (fd->flags & (F_READONLY | F_HIDDEN))
		return so_err_field(err, SO_EINVAL, fd->name,
		    _("%s cannot be set on a group"), field_label(ent, fd));
	/* a manager by login, as people name them */
	if (fd->type == FT_REF && strcmp(fd->ref_table, "users") == 0 &&
	    *value && !all_digits(value)) {
		if ((code = store_user_id(db, value, &uid, err)) != SO_OK)
			return code;
		snprintf(idtext, sizeof(idtext), "%lld", (long long)uid);
		value = idtext;
	}
	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if ((code = rec_ids(db, ent, q, &ids, &n, err)) != SO_OK)
		return db_finish(db, code, err);
	obj = xmalloc(ent->size);
	for (i = 0; i < n && code == SO_OK; i++) {
		memset(obj, 0, ent->size);
		if ((code = rec_get(db, ent, ids[i], obj, err)) != SO_OK)
			break;
		v0 = rec_meta(obj)->version;
		if ((code = field_parse(ent, fi, obj, value, now, err)) ==
		    SO_OK && (code = rec_update(db, ent, obj, err)) == SO_OK &&
		    rec_meta(obj)->version != v0)
			(*changed)++;
		/* A conflict names the record already. */
		if (code != SO_OK && code != SO_ECONFLICT && err)
			name_record(db, ent, ids[i], err);
		rec_clear(ent, obj);
	}
	free(obj);
	free(ids);
	return db_finish(db, code, err);
}

int
group_trash(struct db *db, const struct entity *ent,
    const struct list_query *q, int64_t *changed, struct so_err *err)
{
	int64_t *ids;
	size_t n, i;
	int code;

	*changed = 0;
	if (q->trash)
		return so_err_set(err, SO_EINVAL, _("these are in the trash "
		    "already"));
	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if ((code = rec_ids(db, ent, q, &ids, &n, err)) != SO_OK)
		return db_finish(db, code, err);
	for (i = 0; i < n && code == SO_OK; i++)
		if ((code = rec_delete(db, ent, ids[i], err)) == SO_OK)
			(*changed)++;
	free(ids);
	return db_finish(db, code, err);
}

/* The live program of this name (any case), created when missing. */
static int
program_id(struct db *db, const char *name, int64_t *id, struct so_err *err)
{
	struct program p;
	sqlite3_stmt *st;
	int rc, code;

	code = db_prepare(db, "SELECT id FROM programs WHERE deleted_at IS "
	    "NULL AND so_fold(name) = so_fold(?1) ORDER BY id LIMIT 1", &st,
	    err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	if (rc == SQLITE_ROW)
		return SO_OK;
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("finding the program"), err);
	store_program_init(&p);
	p.meta.by_program = 1;
	p.name = xstrdup(name);
	code = store_program_create(db, &p, err);
	*id = p.meta.id;
	store_program_clear(&p);
	return code;
}

/*
 * Adds one member unless the row is a live member already; *added is 1
 * if it was.  Through the record engine, so the member is a record like
 * one added in a form: status invited, times, author, an audit row.
 */
static int
add_member(struct db *db, const char *col, int64_t pid, int64_t rid,
    int *added, struct so_err *err)
{
	struct program_member m;
	sqlite3_stmt *st;
	char *sql;
	int rc, code;

	*added = 0;
	sql = xasprintf("SELECT EXISTS (SELECT 1 FROM program_members "
	    "WHERE %s = ?2 AND program_id = ?1 AND deleted_at IS NULL)", col);
	code = db_prepare(db, sql, &st, err);
	free(sql);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, pid);
	sqlite3_bind_int64(st, 2, rid);
	rc = sqlite3_step(st);
	*added = rc == SQLITE_ROW && sqlite3_column_int(st, 0) == 0;
	db_done(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, N_("adding to the program"), err);
	if (!*added)
		return SO_OK;
	store_member_init(&m);
	m.meta.by_program = 1;
	m.program_id = pid;
	if (strcmp(col, "company_id") == 0)
		m.company_id = rid;
	else
		m.contact_id = rid;
	code = store_member_create(db, &m, err);
	store_member_clear(&m);
	if (code != SO_OK)
		*added = 0;
	return code;
}

int
group_add_to_program(struct db *db, const struct entity *ent,
    const struct list_query *q, const char *name, int64_t *added,
    struct so_err *err)
{
	const char *col;
	int64_t *ids, pid;
	size_t n, i;
	int code, one;

	*added = 0;
	if (strcmp(ent->name, "company") == 0)
		col = "company_id";
	else if (strcmp(ent->name, "contact") == 0)
		col = "contact_id";
	else
		return so_err_set(err, SO_EINVAL, _("only companies and "
		    "contacts take part in programs"));
	if (name == NULL || *name == '\0' || !utf8_valid(name, strlen(name)))
		return so_err_field(err, SO_EINVAL, "program",
		    _("a program needs a name"));
	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if ((code = program_id(db, name, &pid, err)) != SO_OK)
		return db_finish(db, code, err);
	if ((code = rec_ids(db, ent, q, &ids, &n, err)) != SO_OK)
		return db_finish(db, code, err);
	for (i = 0; i < n && code == SO_OK; i++) {
		code = add_member(db, col, pid, ids[i], &one, err);
		if (code == SO_OK && one) {
			(*added)++;
			code = audit_write(db, ent->name, ids[i], "update",
			    "program", NULL, name, err);
		}
	}
	free(ids);
	return db_finish(db, code, err);
}

int
group_programs(struct db *db, char ***names, size_t *n, struct so_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*names = NULL;
	*n = 0;
	code = db_prepare(db, "SELECT name FROM programs WHERE deleted_at IS "
	    "NULL ORDER BY name", &st, err);
	if (code != SO_OK)
		return code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*names = xrealloc(*names, cap * sizeof(**names));
		}
		(*names)[(*n)++] = xstrdup((const char *)
		    sqlite3_column_text(st, 0));
	}
	db_done(st);
	return rc == SQLITE_DONE ? SO_OK : db_error(db, rc, N_("listing "
	    "programs"), err);
}

int
group_users(struct db *db, char ***logins, char ***names, size_t *n,
    struct so_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*logins = *names = NULL;
	*n = 0;
	code = db_prepare(db, "SELECT login, full_name FROM users "
	    "ORDER BY login", &st, err);
	if (code != SO_OK)
		return code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*logins = xrealloc(*logins, cap * sizeof(**logins));
			*names = xrealloc(*names, cap * sizeof(**names));
		}
		(*logins)[*n] = xstrdup((const char *)
		    sqlite3_column_text(st, 0));
		(*names)[(*n)++] = xstrdup(sqlite3_column_text(st, 1) ?
		    (const char *)sqlite3_column_text(st, 1) : "");
	}
	db_done(st);
	return rc == SQLITE_DONE ? SO_OK : db_error(db, rc, N_("listing users"),
	    err);
}

/* ---- saved filters ---- */

int
saved_filter_list(struct db *db, const struct entity *ent,
    struct saved_filter **out, size_t *n, struct so_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	code = db_prepare(db, "SELECT id, name, expr FROM saved_filters "
	    "WHERE entity = ?1 ORDER BY name", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, ent->name, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		(*out)[*n].id = sqlite3_column_int64(st, 0);
		(*out)[*n].name = xstrdup((const char *)
		    sqlite3_column_text(st, 1));
		(*out)[*n].expr = xstrdup((const char *)
		    sqlite3_column_text(st, 2));
		(*n)++;
	}
	db_done(st);
	return rc == SQLITE_DONE ? SO_OK : db_error(db, rc, N_("listing saved "
	    "filters"), err);
}

void
saved_filter_free(struct saved_filter *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].expr);
	}
	free(v);
}

int
saved_filter_get(struct db *db, const struct entity *ent, const char *name,
    char **expr, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	*expr = NULL;
	code = db_prepare(db, "SELECT expr FROM saved_filters WHERE "
	    "entity = ?1 AND so_fold(name) = so_fold(?2)", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, ent->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*expr = xstrdup((const char *)sqlite3_column_text(st, 0));
	db_done(st);
	if (rc == SQLITE_ROW)
		return SO_OK;
	if (rc == SQLITE_DONE)
		return so_err_set(err, SO_ENOTFOUND, _("no saved filter '%s' "
		    "for %s"), name, entity_plural(ent));
	return db_error(db, rc, N_("reading a saved filter"), err);
}

static int
valid_name(const char *name, struct so_err *err)
{
	if (name == NULL || *name == '\0')
		return so_err_field(err, SO_EINVAL, "name",
		    _("a saved filter needs a name"));
	if (!utf8_valid(name, strlen(name)) || utf8_len(name) > 60)
		return so_err_field(err, SO_EINVAL, "name", _("a filter's name "
		    "is at most 60 characters of text"));
	if (utf8_control_at(name, NULL, NULL) >= 0)
		return so_err_field(err, SO_EINVAL, "name",
		    _("a filter's name may not hold control characters"));
	return SO_OK;
}

int
saved_filter_save(struct db *db, const struct entity *ent, const char *name,
    const char *expr, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	if ((code = valid_name(name, err)) != SO_OK)
		return code;
	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	code = db_prepare(db, "INSERT INTO saved_filters (entity, name, "
	    "expr, created_by, created_at, updated_at) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?5) ON CONFLICT (entity, name) DO UPDATE SET "
	    "expr = excluded.expr, updated_at = excluded.updated_at", &st,
	    err);
	if (code != SO_OK)
		return db_finish(db, code, err);
	sqlite3_bind_text(st, 1, ent->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, expr, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, db_user_id(db));
	sqlite3_bind_int64(st, 5, (int64_t)db_now(db));
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_finish(db, db_error(db, rc, N_("saving the filter"),
		    err), err);
	return db_finish(db, SO_OK, err);
}

int
saved_filter_delete(struct db *db, const struct entity *ent,
    const char *name, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code, n;

	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	code = db_prepare(db, "DELETE FROM saved_filters WHERE entity = ?1 "
	    "AND so_fold(name) = so_fold(?2)", &st, err);
	if (code != SO_OK)
		return db_finish(db, code, err);
	sqlite3_bind_text(st, 1, ent->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	n = sqlite3_changes(db_sqlite(db));
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_finish(db, db_error(db, rc, N_("deleting the filter"),
		    err), err);
	if (n == 0)
		return db_finish(db, so_err_set(err, SO_ENOTFOUND, _("no saved "
		    "filter '%s' for %s"), name, entity_plural(ent)), err);
	return db_finish(db, SO_OK, err);
}
