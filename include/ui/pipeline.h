/*
 * The Pipeline screen (`P`, `:pipeline`): one column per deal stage with
 * its count and sum, the deals as cards, one key to move a deal to the
 * next or previous stage, filters by manager and period.
 */
#ifndef UI_PIPELINE_H
#define UI_PIPELINE_H

#include <stdint.h>

#include "store/db.h"

/*
 * Runs the screen until q or Esc.  Returns the id of the deal to open
 * (Enter on a deal), or 0.
 */
int64_t	ui_pipeline(struct db *db);

#endif
