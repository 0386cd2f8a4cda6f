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
 * descriptor tables, given the list column width (0: not listed) and the
 * flags.  Each file defines O(member) as offsetof its own struct.
 */
#define FIELD_COMPANY(w, fl)	{ "company_id", "Company", "Компания", \
	FT_REF, O(company_id), w, 0, fl, "companies", LABEL_COMPANY, NULL, NULL }
#define FIELD_CONTACT(w, fl)	{ "contact_id", "Contact", "Контакт", \
	FT_REF, O(contact_id), w, 0, fl, "contacts", LABEL_CONTACT, NULL, NULL }
#define FIELD_DEAL(w, fl)	{ "deal_id", "Deal", "Сделка", \
	FT_REF, O(deal_id), w, 0, fl, "deals", LABEL_DEAL, NULL, NULL }
#define FIELD_MANAGER(w, fl)	{ "manager_id", "Manager", "Менеджер", \
	FT_REF, O(manager_id), w, 0, fl, "users", LABEL_USER, NULL, NULL }
#define FIELD_ASSIGNEE(w, fl)	{ "assignee_id", "Assignee", "Исполнитель", \
	FT_REF, O(assignee_id), w, 0, fl, "users", LABEL_USER, NULL, NULL }

#endif
