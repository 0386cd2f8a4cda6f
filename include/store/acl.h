/*
 * Who may do what.  Users are Unix logins with one of three roles:
 *
 *   manager  sees every record's title (so nobody adds a client a
 *            colleague already has), reads and takes away only their
 *            own records, edits their own and those nobody is
 *            responsible for (taking one on);
 *   head     reads, takes and edits everything, reassigns, runs the
 *            department's reports and exports;
 *   admin    everything a head may, and manages users, event types and
 *            results, custom fields and settings.
 *
 * The responsible user of a record is its own manager or assignee field
 * (company, contact, deal: manager; task, event: assignee) and, where
 * that is empty or the entity has none (note, link, payment), the
 * responsible user of the deal, contact or company it belongs to.
 *
 * The product catalogue (product groups and products: entity.catalogue)
 * is nobody's and everyone's: every user reads and takes it whole, only
 * a head or an admin changes it.  Deal lines are the deal's: whoever may
 * write the deal may write its lines.
 *
 * The record engine calls acl_check_write on every create, update,
 * delete and restore, so the rules hold whatever the caller: the TUI
 * only asks acl_may_edit first to hide what would be refused.  Reads
 * are held in the store the same way, by the functions that read:
 * acl_reach says what the current user may do with a record,
 * acl_check_read refuses one record's details (a meeting's report, a
 * record's history), acl_check_user another user's agenda, journal,
 * calendar and figures, and acl_export_owner narrows every bulk query
 * (exports, lists, search as CSV, mail merge) to what may be taken.
 */
#ifndef STORE_ACL_H
#define STORE_ACL_H

#include <stdint.h>

#include "base/err.h"
#include "base/i18n.h"
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
/* The role as a person reads it, in the messages' language ("manager",
 * "менеджер"); "" for ROLE_NONE. */
const char *acl_role_shown(enum role r);

/*
 * SO_OK when the current user has at least role min; else SO_EPERM with
 * "only a head of sales or an administrator may WHAT" (what: "export
 * the whole database", marked N_() by the caller and translated here).
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
 * Seeing versus taking: what the current user may do with a record
 * whose responsible user is owner (0: nobody), as ACL_ bits.
 *
 *   ACL_TITLE  know it is there: its title (a company's name, a task's
 *              subject) in search, lists, duplicate warnings and
 *              refusals, so that nobody adds a client twice;
 *   ACL_READ   read what is in it: phones, e-mails, notes, a meeting's
 *              report, its history;
 *   ACL_TAKE   take it away in bulk: CSV, TSV, iCalendar, vCard, mail
 *              merge, a report of someone's figures, a copy;
 *   ACL_WRITE  change it (acl_check_write says why not, and checks the
 *              row as it would be written too).
 *
 *                 their own   nobody's        a colleague's
 *      manager    all four    title, write    title
 *      head       all four    all four        all four
 *      admin      all four    all four        all four
 *
 * A manager may take on a record nobody is responsible for (a write,
 * in the audit log), and then it is theirs to read; until then its
 * details are no more theirs than a colleague's.  Nobody logged in
 * (a read-only check) may do nothing.
 */
#define ACL_TITLE	0x1
#define ACL_READ	0x2
#define ACL_TAKE	0x4
#define ACL_WRITE	0x8
#define ACL_ALL		(ACL_TITLE | ACL_READ | ACL_TAKE | ACL_WRITE)
unsigned acl_reach(struct db *db, int64_t owner);
/*
 * Seeing in the organizer: 1 when obj's details are not the current
 * user's to read or write -- a colleague's record, for a manager -- so a
 * list or a card shows its title, references and choices and not its
 * phones, e-mails, notes or amounts.  (A record nobody is responsible
 * for is a manager's to take on, and so to see whole.)
 */
int	 acl_hide_details(struct db *db, const struct entity *ent,
	    const void *obj);
/* Whether field fi is a detail (acl_hide_details hides it): anything but
 * the record's title, a reference and a choice. */
int	 acl_field_is_detail(const struct entity *ent, int fi);
/* The responsible user of row id of ent, trashed or not: 0 when nobody
 * is, -1 when there is no such row. */
int64_t	 acl_owner_of(struct db *db, const struct entity *ent, int64_t id);
/* "bob" for the user owner, "nobody" for 0 (the caller frees). */
char	*acl_login(struct db *db, int64_t owner);
/*
 * SO_OK when the current user may read record id of ent (ACL_READ);
 * else SO_EPERM naming the record by its title and saying whose it is:
 * "contact #2 \"Иван Петров\" is bob's: only bob or a head of sales
 * may read it (you, alice, are a manager)".  SO_ENOTFOUND for no such
 * row.
 */
int	 acl_check_read(struct db *db, const struct entity *ent, int64_t id,
	    struct so_err *err);
/*
 * Another user's records as a whole -- their agenda, journal, calendar,
 * figures -- or everyone's (user_id 0): SO_OK when user_id is the
 * current user's or the current user is a head or an administrator;
 * else SO_EPERM with acl_require's "only a head of sales or an
 * administrator may WHAT".
 */
int	 acl_check_user(struct db *db, int64_t user_id, const char *what,
	    struct so_err *err);
/* acl_check_user's what for the reports' queries, one wording. */
#define ACL_OTHERS_FIGURES \
	N_("run reports of the whole department or of another manager")
/*
 * The rows bulk output may hold (ACL_TAKE in SQL): everything for a
 * head or admin (0 here), the rows whose responsible user is them for a
 * manager (their user id: set it as list_query.mine).  Every export,
 * the command-line list, search as CSV or TSV and mail merge use it.
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
