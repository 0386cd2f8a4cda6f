/*
 * Snoozed reminders; see include/store/snooze.h.  A user has a handful
 * of rows whose time is still to come (a new snooze of the same item
 * replaces its row; rows whose time has passed match nothing any more),
 * so the agenda reads those and matches them to its items in C.
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "store/snooze.h"

int
snooze_set(struct db *db, const char *kind, int64_t item_id,
    int64_t occurrence, int64_t until, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	code = db_prepare(db, until ? "INSERT INTO reminder_snoozes (user_id, "
	    "kind, item_id, occurrence, until) VALUES (?1, ?2, ?3, ?4, ?5) "
	    "ON CONFLICT DO UPDATE SET until = excluded.until" :
	    "DELETE FROM reminder_snoozes WHERE user_id = ?1 AND kind = ?2 "
	    "AND item_id = ?3 AND occurrence = ?4 AND ?5 = 0", &st, err);
	if (code != SO_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, db_user_id(db));
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, item_id);
	sqlite3_bind_int64(st, 4, occurrence);
	sqlite3_bind_int64(st, 5, until);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE) {
		code = db_error(db, rc, N_("saving a snooze"), err);
		goto fail;
	}
	return db_commit(db, err);
fail:
	db_rollback(db);
	return code;
}

int
snooze_get(struct db *db, const char *kind, int64_t item_id,
    int64_t occurrence, int64_t *until, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	*until = 0;
	if ((code = db_prepare(db, "SELECT until FROM reminder_snoozes "
	    "WHERE user_id = ? AND kind = ? AND item_id = ? AND "
	    "occurrence = ?", &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, db_user_id(db));
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, item_id);
	sqlite3_bind_int64(st, 4, occurrence);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*until = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading a snooze"), err);
	return SO_OK;
}

int
snooze_list(struct db *db, int64_t user_id, int64_t after,
    struct snooze **out, size_t *n, struct so_err *err)
{
	struct snooze *v = NULL;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	if ((code = db_prepare(db, "SELECT kind, item_id, occurrence, until "
	    "FROM reminder_snoozes WHERE user_id = ? AND until > ? "
	    "ORDER BY until", &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, after);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[*n].kind = strcmp((const char *)sqlite3_column_text(st, 0),
		    "task") == 0 ? "task" : "event";
		v[*n].item_id = sqlite3_column_int64(st, 1);
		v[*n].occurrence = sqlite3_column_int64(st, 2);
		v[*n].until = sqlite3_column_int64(st, 3);
		(*n)++;
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		free(v);
		*n = 0;
		return db_error(db, rc, N_("reading snoozes"), err);
	}
	*out = v;
	return SO_OK;
}
