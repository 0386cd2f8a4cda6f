/*
 * The key-client report's figures (src/report/keyclients.c): the VIP
 * companies with their people and their last and next touch.  Scope as
 * in store/report_common.h.
 */
#ifndef STORE_REPORT_KEYCLIENTS_H
#define STORE_REPORT_KEYCLIENTS_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"
#include "store/report_common.h"

struct rep_person {
	int64_t	 id;
	char	*name, *position, *role;
	char	*phone_work, *phone_mobile, *email;
};

struct rep_key {
	int64_t	 company_id;
	char	*company, *city, *phone, *manager_login, *manager_name;
	struct rep_touch last, next;
	struct rep_person *people;	/* decision makers first, by name */
	size_t	 npeople;
};

/*
 * Live companies in scope whose category is VIP (any case), by name,
 * with their live contacts, the last done touch and the next planned
 * one (from the day of now on).
 */
int	rep_keyclients_load(struct db *db, int64_t manager, int64_t now,
	    struct rep_key **out, size_t *n, struct so_err *err);
void	rep_keyclients_free(struct rep_key *v, size_t n);
/*
 * The same key clients, each with its people, handed to fn one at a
 * time in the same order: the department's key-client sheet holds one
 * company, not all.  fn may take k's strings and people (and zero
 * them); a code other than SO_OK from fn stops the query and is
 * returned.
 */
typedef int	(*rep_keyclients_fn)(void *arg, struct rep_key *k,
		    struct so_err *err);
int	rep_keyclients_each(struct db *db, int64_t manager, int64_t now,
	    rep_keyclients_fn fn, void *arg, struct so_err *err);

#endif
