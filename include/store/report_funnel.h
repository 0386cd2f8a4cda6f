/*
 * The figures of the funnel, the forecast and the dynamics reports
 * (src/report/funnel.c, forecast.c, dynamics.c).  Scope and period as in
 * store/report_common.h; each load checks the reader may see them
 * (acl_check_user: a manager their own, the head everyone's).
 *
 * The funnel is read from the audit log, which records every stage and
 * status change with its time (store/audit.h):
 *
 *  - its cohort is the deals (companies) created in the period: the
 *    audit log's create rows in it, found by entity and time
 *    (audit_moves), so the log is never read beyond the period;
 *  - each one's history is its stage_id (status) changes up to the end
 *    of the period, by record (audit_moves_record); its first stage is the
 *    old value of its first change (even one after the period), or
 *    where it is when it never moved;
 *  - a deal has reached an open stage when it got that far along the
 *    path (the stages in order without the lost ones): a deal that
 *    skipped a stage has passed it.  A won or a retired stage counts the
 *    deals that were in it; the lost stages, off the path, those that
 *    were lost;
 *  - the conversion of a step is its reached over the step before's;
 *  - the days per stage are of the stays that ended in the period (a
 *    change out of the stage in it, any deal in scope): from the change
 *    into the stage (or the deal's creation) to the change out, averaged.
 */
#ifndef STORE_REPORT_FUNNEL_H
#define STORE_REPORT_FUNNEL_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"
#include "store/report_common.h"

enum rep_step_kind {
	REP_STEP_PATH,		/* reached: got this far along the path */
	REP_STEP_VISITED,	/* reached: was in it (won, retired) */
	REP_STEP_LOST,		/* off the path: was lost */
};

struct rep_funnel_step {
	char		*key;		/* the stage's id, the status's code */
	char		*name;		/* in the messages' language */
	enum rep_step_kind kind;
	int		 retired;
	int64_t		 reached;
	int64_t		 stays, stay_secs;	/* stays ended in the period */
};

struct rep_funnel {
	struct rep_funnel_step *steps;	/* the path in order, then lost */
	size_t		 nsteps;
	int64_t		 cohort;	/* created in the period */
};

/* Deals by stage; manager 0: the department. */
int	rep_funnel_deals(struct db *db, int64_t manager,
	    const struct rep_period *p, struct rep_funnel *out,
	    struct so_err *err);
/* Companies by status: lead, prospect, customer, regular, then lost. */
int	rep_funnel_companies(struct db *db, int64_t manager,
	    const struct rep_period *p, struct rep_funnel *out,
	    struct so_err *err);
void	rep_funnel_clear(struct rep_funnel *f);

/*
 * The forecast: open deals (not closed, not deleted) by the month of
 * their expected close in the period and manager, with their amount and
 * the amount weighted by their stage's win probability.  weighted100 is
 * the sum of amount x probability (minor units x percent): divided by
 * 100 only for show, so totals add up exactly.
 */
struct rep_forecast_row {
	char	 month[8];		/* "YYYY-MM" */
	int64_t	 user_id;		/* 0: no manager */
	char	*login, *full_name;
	int64_t	 deals, amount, weighted100;
};

struct rep_forecast {
	struct rep_forecast_row *rows;	/* by month, then manager's name */
	size_t	 nrows;
	/* Open deals in scope without an expected close date. */
	int64_t	 undated, undated_amount;
};

int	rep_forecast_load(struct db *db, int64_t manager,
	    const struct rep_period *p, struct rep_forecast *out,
	    struct so_err *err);
void	rep_forecast_clear(struct rep_forecast *f);
/* Minor units from weighted100, rounded half away from zero. */
int64_t	rep_forecast_money(int64_t weighted100);

/*
 * The dynamics, per month or quarter (step 'm' or 'q') from the one
 * holding p->from to the one holding p->to (the twelve months to p->to
 * when p->from is open; 120 periods at most):
 *
 *  - new buyers: companies whose first payment ever is in the period;
 *  - buyers lost: companies whose last payment was lost_months months
 *    before a day of the period (the same day of the month, SQLite's
 *    date(D, '+N months')) with no payment since, that day not after
 *    today: the day they count as lost;
 *  - the regular clients' purchases: the payments in the period of the
 *    companies whose status is regular now;
 *  - paid: every payment in the period.
 *
 * A company is in scope by its manager.  Payments without a date or a
 * company are not counted.
 */
struct rep_dyn_row {
	char	 from[11], to[11];
	int64_t	 new_buyers, lost_buyers, regular_paid, paid;
};

int	rep_dynamics_load(struct db *db, int64_t manager,
	    const struct rep_period *p, char step, int lost_months,
	    const char *today, struct rep_dyn_row **out, size_t *n,
	    struct so_err *err);

#endif
