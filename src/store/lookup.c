/* The admin-edited lookup tables, users by id or login, a record's
 * title: small reads by a key; see include/store/lookup.h. */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "store/entity.h"
#include "store/lookup.h"

static const char *const tables[] = {
	[LOOKUP_EVENT_TYPES] = "SELECT id, code FROM event_types",
	[LOOKUP_EVENT_RESULTS] = "SELECT id, code FROM event_results",
	[LOOKUP_DEAL_STAGES] = "SELECT id, code FROM deal_stages",
};

int
store_lookup_ids(struct db *db, enum lookup_table t,
    const char *const *codes, int64_t *ids, int n, struct so_err *err)
{
	sqlite3_stmt *st;
	const char *code;
	int i, rc, ret;

	for (i = 0; i < n; i++)
		ids[i] = SO_NULL;
	if ((ret = db_prepare(db, tables[t], &st, err)) != SO_OK)
		return ret;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		code = (const char *)sqlite3_column_text(st, 1);
		for (i = 0; code && i < n; i++)
			if (strcmp(code, codes[i]) == 0)
				ids[i] = sqlite3_column_int64(st, 0);
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading lookup tables"), err);
	return SO_OK;
}

int
store_user_id(struct db *db, const char *login, int64_t *id,
    struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	*id = 0;
	code = db_prepare(db, "SELECT id FROM users WHERE login = ?", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc == SQLITE_DONE)
		return so_err_set(err, SO_ENOTFOUND, _("no user %s"), login);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, N_("looking up a user"), err);
	return SO_OK;
}

static void
user_read(sqlite3_stmt *st, struct user_brief *u)
{
	u->id = sqlite3_column_int64(st, 0);
	u->login = db_text_dup(st, 1);
	u->full_name = db_text_dup(st, 2);
	u->role = db_text_dup(st, 3);
	u->disabled = sqlite3_column_int(st, 4);
}

int
store_user_get(struct db *db, int64_t id, struct user_brief *out,
    struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	memset(out, 0, sizeof(*out));
	code = db_prepare(db, "SELECT id, login, full_name, role, disabled "
	    "FROM users WHERE id = ?", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		user_read(st, out);
	db_done(st);
	if (rc == SQLITE_DONE)
		return so_err_set(err, SO_ENOTFOUND, _("no user #%lld"),
		    (long long)id);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, N_("looking up a user"), err);
	return SO_OK;
}

/* The users sql selects (id, login, full_name, role, disabled). */
static int
users_query(struct db *db, const char *sql, struct user_brief **out,
    size_t *n, struct so_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	if ((code = db_prepare(db, sql, &st, err)) != SO_OK)
		return code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		user_read(st, &(*out)[(*n)++]);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		store_users_free(*out, *n);
		*out = NULL;
		*n = 0;
		return db_error(db, rc, N_("listing users"), err);
	}
	return SO_OK;
}

int
store_users_active(struct db *db, struct user_brief **out, size_t *n,
    struct so_err *err)
{
	return users_query(db, "SELECT id, login, full_name, role, disabled "
	    "FROM users WHERE NOT disabled "
	    "ORDER BY CASE full_name WHEN '' THEN login ELSE full_name END, "
	    "id", out, n, err);
}

int
store_users_all(struct db *db, struct user_brief **out, size_t *n,
    struct so_err *err)
{
	return users_query(db, "SELECT id, login, full_name, role, disabled "
	    "FROM users ORDER BY login", out, n, err);
}

void
store_user_brief_clear(struct user_brief *u)
{
	free(u->login);
	free(u->full_name);
	free(u->role);
	memset(u, 0, sizeof(*u));
}

void
store_users_free(struct user_brief *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		store_user_brief_clear(&v[i]);
	free(v);
}

/* Used by the access rules (acl.c) to name a record they refuse: it is
 * here, below the record engine, because that engine asks them. */
char *
store_lookup_title(struct db *db, const struct entity *ent, int64_t id)
{
	sqlite3_stmt *st;
	char *sql, *title = NULL;

	sql = xasprintf("SELECT %s FROM %s t WHERE t.id = ?", ent->title_sql,
	    ent->table);
	if (db_prepare(db, sql, &st, NULL) == SO_OK) {
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			const char *s = (const char *)sqlite3_column_text(st,
			    0);

			title = xstrdup(s ? s : "");
		}
		db_done(st);
	}
	free(sql);
	return title;
}
