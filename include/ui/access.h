/*
 * What the screens ask before they offer a key: may the current user
 * change this record (roles, store/acl.h), and who changed it last (the
 * audit log, for "changed by bob at 10:42" when someone else saved the
 * record on screen).  The store refuses a forbidden write whatever the
 * TUI does; these only keep the TUI from offering it.
 */
#ifndef UI_ACCESS_H
#define UI_ACCESS_H

#include <stdint.h>

#include "store/db.h"
#include "store/entity.h"

/*
 * NULL when the current user may change obj (a record of ent as stored,
 * or a new one about to be added); else why not, in the store's words
 * without the file name: "Company #3 \"ООО Ромашка\" is bob's: only bob
 * or a head of sales may change it (you, alice, are a manager)".  The
 * caller frees.
 */
char	*ui_refusal(struct db *db, const struct entity *ent, const void *obj,
	    int adding);
/* The login responsible for obj, or NULL when nobody is (caller frees). */
char	*ui_owner_login(struct db *db, const struct entity *ent,
	    const void *obj);
/*
 * "changed by bob at 10:42" (the date too when not today) from the
 * record's latest audit row; "changed at 10:42" when the log does not
 * say who (a change made outside salesorg).  at is the record's
 * updated_at, used when there is no audit row.  Caller frees.
 */
char	*ui_changed_by(struct db *db, const struct entity *ent, int64_t id,
	    int64_t at);

#endif
