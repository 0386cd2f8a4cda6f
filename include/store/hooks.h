/*
 * Small rules several entities share, for their check hooks: defaulting
 * the responsible user to whoever creates the record, a new UID and the
 * lookup of a record by its UID, and the SQL label expressions of the
 * referenced tables.
 */
#ifndef STORE_HOOKS_H
#define STORE_HOOKS_H

#include <stdint.h>

#include "base/err.h"
#include "base/i18n.h"
#include "store/db.h"

/* Sets *user_id, a field of the record obj, to the current user when it
 * holds no value and obj is new. */
void	hook_default_user(struct db *db, const void *obj, int64_t *user_id);
void	hook_new_uid(char **uid);
int	store_uid_lookup(struct db *db, const char *sql, const char *uid,
	    int64_t *id, struct so_err *err);

#define LABEL_USER	"r.full_name"
#define LABEL_COMPANY	"r.name"
#define LABEL_CONTACT	"trim(r.last_name || ' ' || r.first_name)"
#define LABEL_DEAL	"r.title"
#define LABEL_NAME	"r.name"

/*
 * The links every card file spells the same way: field rows for the
 * descriptor tables, given the label, the list column width (0: not
 * listed) and the flags.  The label is the caller's, marked with its
 * own entity's name as context (NC_("task", "Company")): xgettext reads
 * the file that uses the macro, not the macro.  Each file defines
 * O(member) as offsetof its own struct.
 */
#define FIELD_COMPANY(l, w, fl)	{ "company_id", l, FT_REF, O(company_id), \
	w, 0, fl, "companies", LABEL_COMPANY, NULL, NULL }
#define FIELD_CONTACT(l, w, fl)	{ "contact_id", l, FT_REF, O(contact_id), \
	w, 0, fl, "contacts", LABEL_CONTACT, NULL, NULL }
#define FIELD_DEAL(l, w, fl)	{ "deal_id", l, FT_REF, O(deal_id), \
	w, 0, fl, "deals", LABEL_DEAL, NULL, NULL }
#define FIELD_MANAGER(l, w, fl)	{ "manager_id", l, FT_REF, O(manager_id), \
	w, 0, fl, "users", LABEL_USER, NULL, NULL }
#define FIELD_ASSIGNEE(l, w, fl) { "assignee_id", l, FT_REF, \
	O(assignee_id), w, 0, fl, "users", LABEL_USER, NULL, NULL }

#endif
