/*
 * The backup (include/store/backup.h): a copy of the whole database file
 * made with SQLite's online backup API, in steps of BACKUP_PAGES, so
 * writers in other processes are not blocked for the whole copy.
 *
 * It lives above db.c because it asks the access rules first (a copy is
 * every record at once, a head's or an admin's to take) and db.c calls
 * nothing of the store above it.  The copy goes to a temporary name
 * beside dest and is renamed at the end, so a reader of dest never sees
 * half of one, and it is made as the user (base/priv.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/priv.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/backup.h"

#define BACKUP_PAGES	256

static int
backup_as_user(struct db *db, const char *dest, struct so_err *err)
{
	sqlite3 *out;
	sqlite3_backup *b;
	char *tmp;
	int rc;

	/* A copy of the file is every record at once: a manager's
	 * exports are their own records only. */
	if ((rc = acl_require(db, ROLE_HEAD, N_("back up the whole database"),
	    err)) != SO_OK)
		return rc;
	/* Into a temporary name first, renamed at the end: a reader of
	 * dest never sees half a copy. */
	tmp = xasprintf("%s.tmp-%ld", dest, (long)getpid());
	rc = sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		so_err_set(err, SO_ERR, _("%s: cannot create: %s"), dest,
		    sqlite3_errstr(rc));
		sqlite3_close(out);
		free(tmp);
		return SO_ERR;
	}
	chmod(tmp, 0600);
	b = sqlite3_backup_init(out, "main", db_sqlite(db), "main");
	if (b == NULL) {
		so_err_set(err, SO_ERR, _("%s: backup: %s"), dest,
		    sqlite3_errmsg(out));
		goto fail;
	}
	do {
		rc = sqlite3_backup_step(b, BACKUP_PAGES);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		so_err_set(err, SO_ERR, _("%s: backup of %s failed: %s"), dest,
		    db_path(db), sqlite3_errstr(rc));
		goto fail;
	}
	/* A backup is one self-contained file: no WAL beside it. */
	sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	if (sqlite3_close(out) != SQLITE_OK || rename(tmp, dest) != 0) {
		so_err_set(err, SO_ERR, _("%s: cannot write: %s"), dest,
		    strerror(errno));
		unlink(tmp);
		free(tmp);
		return SO_ERR;
	}
	free(tmp);
	return SO_OK;
fail:
	sqlite3_close(out);
	unlink(tmp);
	free(tmp);
	return SO_ERR;
}

/*
 * The copy is made as the user (priv.h): it belongs to them and their
 * group, and cannot land in the guarded directory.  Reading the source
 * needs no group: its files are open already.
 */
int
backup_db(struct db *db, const char *dest, struct so_err *err)
{
	int code;

	priv_user_begin();
	code = backup_as_user(db, dest, err);
	priv_user_end();
	return code;
}
