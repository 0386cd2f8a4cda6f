/* Rules shared by several entities' check hooks; see store/hooks.h. */
#include <stdint.h>
#include <stdlib.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/util.h"
#include "store/entity.h"
#include "store/hooks.h"

void
hook_default_user(struct db *db, const void *obj, int64_t *user_id)
{
	const struct rec_meta *m = obj;

	/* Only a new record: a head correcting an unassigned company's
	 * phone does not thereby take it. */
	if (m->id == 0 && (*user_id == SO_NULL || *user_id == 0) &&
	    db_user_id(db))
		*user_id = db_user_id(db);
}

/* A random RFC 4122 version 4 UUID, as iCalendar UIDs usually are. */
static char *
new_uid(void)
{
	unsigned char r[16];
	static unsigned counter;
	size_t i;

	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r)) {
		/* No entropy source: time, pid and a counter are unique
		 * enough for one machine. */
		uint64_t a = (uint64_t)time(NULL), b = (uint64_t)getpid() <<
		    32 | ++counter;

		for (i = 0; i < 8; i++) {
			r[i] = (unsigned char)(a >> (i * 8));
			r[i + 8] = (unsigned char)(b >> (i * 8));
		}
	}
	r[6] = (r[6] & 0x0f) | 0x40;
	r[8] = (r[8] & 0x3f) | 0x80;
	return xasprintf("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x@salesorg", r[0], r[1], r[2], r[3], r[4],
	    r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14],
	    r[15]);
}

/* Give a record without an iCalendar UID a new one. */
void
hook_new_uid(char **uid)
{
	if (*uid == NULL || **uid == '\0') {
		free(*uid);
		*uid = new_uid();
	}
}

/* The id of the row of table whose uid is uid, or 0. */
int
store_uid_lookup(struct db *db, const char *sql, const char *uid, int64_t *id,
    struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	*id = 0;
	if ((code = db_prepare(db, sql, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, uid, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, N_("looking up a UID"), err);
	return SO_OK;
}
