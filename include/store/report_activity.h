/*
 * The activity report's figures: per manager and per local day, how many
 * done events fall into each of the eight columns (store/activity.h says
 * which count where) and the payments received.  The builder
 * (src/report/activity.c) lays them out.
 *
 * Only live, done, one-off events count.  Payments (not configurable)
 * are live payments whose paid_on is that day, credited to the deal's
 * manager when the payment has a deal with a manager, else to the
 * company's manager; with no manager at all they land on a "no manager"
 * line (user_id 0) of the department's report so the grand total is
 * whole.
 */
#ifndef STORE_REPORT_ACTIVITY_H
#define STORE_REPORT_ACTIVITY_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/activity.h"
#include "store/db.h"

struct activity_counts {
	int64_t	 n[ACT_NCOLS];
	int64_t	 payments;		/* minor units */
};

struct activity_day {
	char			day[11];	/* "YYYY-MM-DD" */
	struct activity_counts	c;
};

struct activity_manager {
	int64_t			 user_id;	/* 0: no manager */
	char			*login, *full_name;
	/* The days with something to count, in order; a day with
	 * nothing (no counted event, no payment) is not listed. */
	struct activity_day	*days;
	size_t			 ndays;
	struct activity_counts	 total;
};

struct activity {
	/* Every manager in scope, by full name (else login), even one
	 * with nothing (a zero total); "no manager" last. */
	struct activity_manager	*v;
	size_t			 n;
	struct activity_counts	 total;
	struct activity_rule	 rules[ACT_NCOLS];
};

/*
 * Loads the figures of user_id (0: every active user, plus any other
 * user credited with something in the period, plus "no manager" when
 * something is credited to nobody) over the local days from..to.
 */
int	 activity_load(struct db *db, int64_t user_id, const char *from,
	    const char *to, struct activity *out, struct so_err *err);
void	 activity_free(struct activity *a);

#endif
