/*
 * The department's plans (sql/018_plans.sql): a target per manager, or
 * for the team, per period (a month "2026-12", a quarter "2026-Q4", a
 * year "2026") and measure, and the figures a plan is held against.
 *
 * The measures and their facts, each by the rule the report that
 * already counts it uses, so a plan's fact is the figure the head has
 * seen there:
 *
 *   payments  money received in the period (payments.paid_on), the
 *             deal's manager's when the payment has a deal, else the
 *             company's (the sales report's Payments);
 *   won       the amounts of the deals won (stage code won) closed in
 *             the period, the deal's manager's (the sales report's
 *             Won, sum);
 *   meetings  done one-off events of type meeting started in the
 *   calls     period, meeting or call, of their assignee (the activity
 *             report's Meetings held by its default rule).
 *
 * The team's plan is the one set for the team; without one, the sum of
 * the managers' plans of that period and measure (plan_fig.summed says
 * so).  The team's fact is the department's whole figure, what nobody
 * is responsible for included.  A period's plan is only the plan set
 * for that very period: a quarter's is not made up of its months'.
 *
 * The forecast at the period's end is linear in working days: fact /
 * elapsed * total, where total is the working days of the period by the
 * team's work.days (settings; Monday to Friday when unset; there is no
 * holiday calendar) and elapsed those from its first day to today, today
 * included -- "today" being the store's now (db_now: --now, SALESORG_NOW
 * pin it).  A period over: the forecast is the fact; not begun, or no
 * working day elapsed yet: no forecast.
 *
 * Who: an administrator or a head of sales sets and deletes plans for
 * anyone and the team; a manager reads their own plan and fact only
 * (SO_EPERM for anything else).  Every write is one transaction with
 * its audit row.
 */
#ifndef STORE_PLAN_H
#define STORE_PLAN_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/err.h"
#include "store/db.h"

enum plan_measure {
	PLAN_PAYMENTS,
	PLAN_WON,
	PLAN_MEETINGS,
	PLAN_CALLS,
	PLAN_NMEASURES
};

/* "payments" ... ; plan_measure_parse: -1 for anything else. */
const char *plan_measure_name(enum plan_measure m);
int	plan_measure_parse(const char *name);
/* The measure as a person reads it ("Payments"), translated. */
const char *plan_measure_label(enum plan_measure m);
/* 1 for the measures in money (payments, won), 0 for counts. */
int	plan_measure_money(enum plan_measure m);

/* A plan's period: key "2026-12", "2026-Q4" or "2026"; kind 'm', 'q'
 * or 'y'; its first and last days. */
struct plan_period {
	char	 key[8];
	char	 kind;
	char	 from[11], to[11];
};
/*
 * text as "2026-12", "2026-Q4" (or q4) or "2026".  SO_EINVAL naming
 * "period" and the forms when it is none of them.
 */
int	plan_period_parse(const char *text, struct plan_period *p,
	    struct so_err *err);
/* 1 and p when from..to ("YYYY-MM-DD") is exactly a month, a quarter
 * or a year; 0 else. */
int	plan_period_of(const char *from, const char *to, struct plan_period *p);
/* The n months of p (1, 3 or 12) into months[0..n); returns n. */
int	plan_period_months(const struct plan_period *p,
	    struct plan_period months[12]);

/* The days of mask (a tm_wday bit mask, store/settings.h's work.days)
 * from..to, both included ("YYYY-MM-DD"); 0 when to is before from. */
int	plan_workdays(const char *from, const char *to, unsigned mask);
/* fact * 100 / plan into *pct; 0 (none) when plan is 0. */
int	plan_percent(int64_t plan, int64_t fact, double *pct);
/* The linear forecast, rounded: fact when elapsed >= total; -1 (none)
 * when elapsed is 0. */
int64_t	plan_forecast(int64_t fact, int elapsed, int total);

/* One plan as stored.  user_id 0: the team's. */
struct plan_row {
	int64_t			 user_id, amount, set_at;
	char			*login, *full_name;	/* "" for the team */
	char			 period[8];
	enum plan_measure	 measure;
};

/* Sets (adds or replaces) a plan; amount >= 0.  SO_ENOTFOUND: no such
 * user. */
int	plan_set(struct db *db, int64_t user_id, const char *period,
	    enum plan_measure m, int64_t amount, struct so_err *err);
/* Deletes one; SO_ENOTFOUND when there is none. */
int	plan_delete(struct db *db, int64_t user_id, const char *period,
	    enum plan_measure m, struct so_err *err);
/*
 * The plans of period (NULL: every one) of user (PLAN_ANYONE: anyone's
 * and the team's; 0 the team's), by period, the team first, then name,
 * then measure.  A manager is given their own only.
 */
#define PLAN_ANYONE	(-1)
int	plan_list(struct db *db, const char *period, int64_t user,
	    struct plan_row **out, size_t *n, struct so_err *err);
void	plan_rows_free(struct plan_row *v, size_t n);

/* Plan against fact for one manager (user_id) or the team (0). */
struct plan_fig {
	int64_t	 user_id;
	char	*login, *full_name;
	int	 has_plan;	/* 0: no plan (plan is then 0) */
	int	 summed;	/* the team: the managers' plans summed */
	int64_t	 plan, fact;
	int64_t	 forecast;	/* -1: none */
};

struct plan_figures {
	struct plan_period	 period;
	int			 workdays, elapsed;
	/* Per measure: the active managers, then anyone else with a plan
	 * or a fact, by name; the team's row last (manager 0 only). */
	struct plan_fig		*rows[PLAN_NMEASURES];
	size_t			 nrows[PLAN_NMEASURES];
	int			 any_plan[PLAN_NMEASURES];
};
/*
 * The figures of period for every measure: manager 0, every manager and
 * the team (a head's or an admin's); else that one manager (theirs or
 * a head's; acl_check_user).
 */
int	plan_figures_load(struct db *db, const struct plan_period *period,
	    int64_t manager, struct plan_figures *out, struct so_err *err);
/*
 * The same with the payments and won deals taken from sales, the sales
 * report's figures already loaded for the same manager and the very
 * days of period (rep_sales_load), rather than read again.
 */
struct rep_sales;
int	plan_figures_load_sales(struct db *db,
	    const struct plan_period *period, int64_t manager,
	    const struct rep_sales *sales, struct plan_figures *out,
	    struct so_err *err);
void	plan_figures_clear(struct plan_figures *f);

#endif
