/*
 * Snoozed reminders (the reminder_snoozes table): a user's own "remind
 * me again at", per event, occurrence of a series, or task.  Snoozing
 * never moves what was planned; the agenda and the reminder scheduler
 * read these rows beside the items.
 */
#ifndef STORE_SNOOZE_H
#define STORE_SNOOZE_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"

struct snooze {
	const char	*kind;		/* "event" or "task" */
	int64_t		 item_id;
	int64_t		 occurrence;	/* a series' rule start, else 0 */
	int64_t		 until;
};

/* Sets the current user's snooze (until 0: removes it).  Inside the
 * caller's transaction, or one of its own. */
int	snooze_set(struct db *db, const char *kind, int64_t item_id,
	    int64_t occurrence, int64_t until, struct so_err *err);
/* The current user's snooze of the item: *until, 0 when none. */
int	snooze_get(struct db *db, const char *kind, int64_t item_id,
	    int64_t occurrence, int64_t *until, struct so_err *err);
/* Every snooze of user_id ending after `after`. */
int	snooze_list(struct db *db, int64_t user_id, int64_t after,
	    struct snooze **out, size_t *n, struct so_err *err);

#endif
