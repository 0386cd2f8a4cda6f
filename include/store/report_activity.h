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
 *
 * Each day also says how late the manager began -- the first done touch
 * of the day (a merge's message is none) against the team's work.start,
 * on the working days of work.days; the database keeps no logins, so the
 * first touch is the one trace of the start of a day -- and whether a
 * journal of a later day was sent to the head that day (salesorg
 * journal --send, store/journal_sent.h).  A day with a touch that no
 * column counts, or with only a journal sent, is listed too.
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
	int64_t	 late_min;		/* minutes late, summed */
	int64_t	 journals;		/* days tomorrow's journal was sent */
};

struct activity_day {
	char			day[11];	/* "YYYY-MM-DD" */
	int			wday;		/* 0 Sunday .. 6 */
	/* The manager's first touch of the day (0: none) and how many
	 * minutes after the team's work.start it came: 0 on time, -1
	 * without a touch or on a day off (work.days). */
	int64_t			first_at;
	int			late;
	/* Tomorrow's journal (one of a later day) sent that day. */
	int			journal_sent;
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
	char			 work_start[8];	/* "09:00", lateness's */
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
