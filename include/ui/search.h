/*
 * The global search screen: a query line on top, the hits of every card
 * file below it under a heading per card file, refreshed as the user
 * types.  The engine is store/search.h; this is only how it looks and
 * which keys drive it.
 */
#ifndef UI_SEARCH_H
#define UI_SEARCH_H

#include <stdint.h>

#include "store/db.h"
#include "store/entity.h"

/*
 * Runs the screen, starting with the query init (may be NULL).  Enter on
 * a hit returns 1 with its card file and id in *ent and *id; Esc (or ^C)
 * returns 0.  Takes the whole screen; the caller redraws after it.
 */
int	 ui_search(struct db *db, const char *init, const struct entity **ent,
	    int64_t *id);

#endif
