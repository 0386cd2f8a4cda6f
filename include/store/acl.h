/*
 * Who may do what.  Users are Unix logins with one of three roles:
 *
 *   manager  sees every company (so nobody adds a client a colleague
 *            already has), edits only the records they are responsible
 *            for or that nobody is, exports only their own;
 *   head     sees and edits everything, reassigns, runs the department's
 *            reports and exports;
 *   admin    everything a head may, and manages users, event types and
 *            results, custom fields and settings.
 *
 * The responsible user of a record is its own manager or assignee field
 * (company, contact, deal: manager; task, event: assignee) and, where
 * that is empty or the entity has none (note, link, payment), the
 * responsible user of the deal, contact or company it belongs to.
 *
 * The record engine calls acl_check_write on every create, update,
 * delete and restore, so the rules hold whatever the caller: the TUI
 * only asks acl_may_edit first to hide what would be refused.
 */
#ifndef STORE_ACL_H
#define STORE_ACL_H

#include <stdint.h>

#include "base/err.h"
#include "base/util.h"
#include "store/db.h"
#include "store/entity.h"

enum role {
	ROLE_NONE,		/* not logged in (read-only opens) */
	ROLE_MANAGER,
	ROLE_HEAD,
	ROLE_ADMIN,
};

/* The current user's role. */
enum role acl_role(struct db *db);
/* "manager", "head", "admin" to a role; ROLE_NONE for anything else. */
enum role acl_role_named(const char *name);
const char *acl_role_name(enum role r);

/*
 * SO_OK when the current user has at least role min; else SO_EPERM with
 * "only a head of sales or an administrator may WHAT" (what: "export
 * the whole database").
 */
int	 acl_require(struct db *db, enum role min, const char *what,
	    struct so_err *err);

/* The user responsible for obj (0 when nobody is). */
int64_t	 acl_owner(struct db *db, const struct entity *ent, const void *obj);

/*
 * SO_OK when the current user may write obj.  old is the stored row
 * (NULL on create); obj the row as it would be written (for a delete or
 * restore, the stored row as well).  A manager may write a record whose
 * responsible user is themselves or nobody, before and after the
 * change; giving it to a colleague is a reassignment, which only a head
 * may do.  On refusal: SO_EPERM, naming the record and whose it is.
 */
int	 acl_check_write(struct db *db, const struct entity *ent,
	    const void *old, const void *obj, struct so_err *err);
/*
 * NULL when the current user may write obj; else why not, in the words
 * acl_check_write uses but without the database's file name, for a
 * message line or a bad row of an import (the caller frees).
 */
char	*acl_refusal(struct db *db, const struct entity *ent,
	    const void *old, const void *obj);
/* The same question without a message, for hiding keys in the TUI. */
int	 acl_may_edit(struct db *db, const struct entity *ent, const void *obj);

/*
 * Exports (CSV, vCard, iCalendar, mail merge, the command-line list) hold
 * only what the current user may take away: everything for a head or
 * admin (0 here), the rows whose responsible user is them for a manager
 * (their user id: set it as list_query.mine).
 */
int64_t	 acl_export_owner(struct db *db);
/*
 * The responsible user of a row of ent as an SQL expression over its
 * columns, the row's table being called alias ("t" in the record
 * engine's lists).
 */
void	 acl_owner_sql(const struct entity *ent, const char *alias,
	    struct strbuf *b);

/*
 * Maintenance the program does on everyone's behalf (the monthly ABC
 * ranks, a company moving along the sales path after a payment) is not
 * a person's edit: between acl_system(db, 1) and acl_system(db, 0) the
 * checks pass.  Calls nest.
 */
void	 acl_system(struct db *db, int on);

#endif
