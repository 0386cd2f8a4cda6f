/*
 * The people of a database.  Users are Unix logins; the login that
 * creates a database is its administrator, and only an administrator
 * adds, changes and disables the others.  A login that is not a user is
 * refused at the door (db_login), unless the administrator has switched
 * on "users.join": then it joins as a manager on first use.
 *
 * Every change is written to the audit log (entity "user"), so the head
 * of sales sees who was given which role and when.
 */
#ifndef STORE_USERS_H
#define STORE_USERS_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/acl.h"
#include "store/db.h"
#include "store/lookup.h"

/*
 * Makes login the current user: the first login of a database becomes
 * its admin; later, a login that is not in users or is disabled is
 * refused with SO_EPERM, unless the admin has switched users.join on
 * (then it joins as a manager).
 */
int	 db_login(struct db *db, const char *login, struct so_err *err);

/* Adds login (a Unix login name: letters, digits, '.', '_', '-'). */
int	 store_user_add(struct db *db, const char *login,
	    const char *full_name, enum role role, struct so_err *err);
/*
 * Changes a user: role (ROLE_NONE: unchanged), full_name (NULL:
 * unchanged), disabled (-1: unchanged, 0 or 1).  The last active
 * administrator cannot be demoted or disabled.
 */
int	 store_user_set(struct db *db, const char *login, enum role role,
	    const char *full_name, int disabled, struct so_err *err);

#endif
