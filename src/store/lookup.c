/* The admin-edited lookup tables; see include/store/lookup.h. */
#include <string.h>

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
		return db_error(db, rc, "reading lookup tables", err);
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
		return so_err_set(err, SO_ENOTFOUND, "no user %s", login);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, "looking up a user", err);
	return SO_OK;
}
