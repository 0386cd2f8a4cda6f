/*
 * The lookup tables the admin edits (event types, event results, deal
 * stages): rows with a stable code and a display name.
 */
#ifndef STORE_LOOKUP_H
#define STORE_LOOKUP_H

#include <stdint.h>

#include "err.h"
#include "store/db.h"

enum lookup_table {
	LOOKUP_EVENT_TYPES,
	LOOKUP_EVENT_RESULTS,
	LOOKUP_DEAL_STAGES,
};

/*
 * Fills ids[i] with the id of the row whose code is codes[i], or SO_NULL
 * when there is no such row (the admin may have removed it).
 */
int	store_lookup_ids(struct db *db, enum lookup_table t,
	    const char *const *codes, int64_t *ids, int n, struct so_err *err);

/* The id of the user with this login; SO_ENOTFOUND "no user LOGIN". */
int	store_user_id(struct db *db, const char *login, int64_t *id,
	    struct so_err *err);

#endif
