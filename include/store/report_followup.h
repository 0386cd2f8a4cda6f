/*
 * The follow-up report's figures (src/report/followup.c): the warm
 * clients, companies with a proposal or a meeting that bought nothing,
 * with their last and next touch.  Scope and period as in
 * store/report_common.h.
 */
#ifndef STORE_REPORT_FOLLOWUP_H
#define STORE_REPORT_FOLLOWUP_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"
#include "store/report_common.h"

struct rep_warm {
	int64_t	 company_id;
	char	*company, *manager_login, *manager_name;
	struct rep_touch since;	/* the first proposal or meeting in the
				 * period (ever, with no period) */
	struct rep_touch last;	/* the latest done event */
	struct rep_touch next;	/* the first planned event from today on */
};

/*
 * Companies in scope that had a done meeting, or a done event with the
 * result proposal_sent, in the period, and bought nothing: no live
 * payment and no live deal in the stage won.  Those without a next
 * touch (a planned event from the day of now on) come first, then by
 * the last touch, oldest (or none) first.
 */
int	rep_followup_load(struct db *db, int64_t manager,
	    const struct rep_period *p, int64_t now, struct rep_warm **out,
	    size_t *n, struct so_err *err);
void	rep_followup_free(struct rep_warm *v, size_t n);
/*
 * The same rows handed to fn one at a time, in the same order, as the
 * query makes them: a report of the department's whole base holds one
 * row, not all.  fn may take w's strings (and zero them); a code other
 * than SO_OK from fn stops the query and is returned.
 */
typedef int	(*rep_followup_fn)(void *arg, struct rep_warm *w,
		    struct so_err *err);
int	rep_followup_each(struct db *db, int64_t manager,
	    const struct rep_period *p, int64_t now, rep_followup_fn fn,
	    void *arg, struct so_err *err);

#endif
