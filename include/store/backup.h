/*
 * Backing up: the whole database copied to another file while others
 * may be writing it.  Above db.h because only a head or an admin may
 * take a copy (store/acl.h).
 */
#ifndef STORE_BACKUP_H
#define STORE_BACKUP_H

#include "base/err.h"
#include "store/db.h"

/*
 * Copies the database to dest with SQLite's online backup API, in steps,
 * so writers in other processes are not blocked for the whole copy.
 * SO_EPERM for a manager; dest is never left half-written.
 */
int	 backup_db(struct db *db, const char *dest, struct so_err *err);

#endif
