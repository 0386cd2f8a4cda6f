/*
 * The figures behind five reports (report.h): one meeting, the warm
 * clients to follow up, the sales results per manager, the client-base
 * audit by ABC and the key clients.  Each loader runs its SQL here and
 * returns plain structs with the numbers and names; the builders in
 * src/report_*.c only lay them out.  Nothing here writes.
 *
 * Scope: manager 0 is the whole department, else one users.id: a
 * manager's companies are companies.manager_id, deals deals.manager_id,
 * events assignee_id.  A period is whole local days (struct rep_period).
 */
#ifndef STORE_REPORT_COMMON_H
#define STORE_REPORT_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"

/*
 * A period of local days, both ends included: from and to are
 * "YYYY-MM-DD" or "" for no bound; lo and hi are the same as Unix
 * times, [lo, hi) (lo 0 and hi INT64_MAX when open).
 */
struct rep_period {
	char	 from[11], to[11];
	int64_t	 lo, hi;
};
/*
 * From the report's from and to: an empty to with a from is that one
 * day (as report_begin labels it).  SO_EINVAL naming "from" or "to"
 * when a date is not a real "YYYY-MM-DD", or when to is before from.
 */
int	rep_period_make(const char *from, const char *to, struct rep_period *p,
	    struct so_err *err);

/* An event as a touch of a company: id 0 when there is none. */
struct rep_touch {
	int64_t	 id, at;		/* at: start (Unix time) */
	char	*type, *result;		/* display names, "" for none */
	char	*type_code, *result_code;
};

/* ---- meeting ---- */

/* What follows a meeting: a planned event or an open task. */
struct rep_item {
	int64_t	 id, at;	/* start or due; 0: no due date */
	int	 task;		/* 1: a task, 0: an event */
	char	*kind;		/* event type name, "Task" */
	char	*text;		/* subject or title */
	char	*assignee;	/* login */
};

struct rep_meeting {
	int64_t	 id, start_at, end_at;	/* end_at 0: none */
	char	*status, *subject, *location;
	char	*manager_login, *manager_name;
	int64_t	 company_id;
	char	*company;
	int64_t	 contact_id;		/* the event's, else the company's
					 * decision maker; 0: none */
	char	*contact, *position, *phone_work, *phone_mobile, *phone_home;
	char	*email;
	char	*result, *result_comment, *description;
	char	*our_actions, *client_actions;
	/* The company's planned events after the meeting and its open
	 * tasks (due after it, or undated), in time order. */
	struct rep_item *next;
	size_t	 nnext;
};

/*
 * The meeting event id.  SO_ENOTFOUND "no event #ID" for no live
 * event, SO_EINVAL naming "id" when the event is not a meeting.
 */
int	rep_meeting_get(struct db *db, int64_t id, struct rep_meeting *out,
	    struct so_err *err);
/* The latest done meeting assigned to user in the period: *id, or
 * SO_ENOTFOUND with a message saying so. */
int	rep_meeting_latest(struct db *db, int64_t user,
	    const struct rep_period *p, int64_t *id, struct so_err *err);
void	rep_meeting_clear(struct rep_meeting *m);

/* ---- follow-up: the warm clients ---- */

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

/* ---- sales ---- */

struct rep_sales_row {
	int64_t	 user_id;		/* 0: deals and payments of nobody */
	char	*login, *full_name;
	int64_t	 won, won_sum, lost, lost_sum, paid;
};

struct rep_stage {
	int64_t	 id;
	char	*code, *name;
	int64_t	 count, sum;
};

struct rep_deal {
	int64_t	 id, amount;		/* amount SO_NULL: none */
	char	*title, *company, *stage, *stage_code, *closed_on;
	char	*lost_reason;
};

struct rep_sales {
	/* Per manager: the active users by name, then any other user
	 * with figures, then (user_id 0) what has no manager. */
	struct rep_sales_row *rows;
	size_t	 nrows;
	/* The open stages in stage order with their live deals now. */
	struct rep_stage *stages;
	size_t	 nstages;
	/* detail only: the deals closed in the period (won first, then
	 * lost, each by closed_on) and the open deals (by stage, then
	 * largest amount first). */
	struct rep_deal *closed, *open;
	size_t	 nclosed, nopen;
};

/*
 * Won deals (stage code won) and lost ones (any other closed stage)
 * closed in the period, payments received in it (attributed to the
 * deal's manager when a payment has a deal, else the company's); the
 * pipeline now.  manager 0: per manager for the department; else that
 * one manager's row, pipeline and, when detail, the deal lists.
 */
int	rep_sales_load(struct db *db, int64_t manager,
	    const struct rep_period *p, int detail, struct rep_sales *out,
	    struct so_err *err);
void	rep_sales_clear(struct rep_sales *s);

/* ---- audit by ABC ---- */

struct rep_mover {
	int64_t	 company_id;
	char	*company, *manager_login, *manager_name;
	char	 old_rank, new_rank;	/* 'A'..'C', 0: unranked */
	int64_t	 old_total, new_total;
};

struct rep_idle {
	int64_t	 company_id;
	char	*company, *status, *manager_login, *manager_name;
	char	 rank;			/* in the audit month, 0: none */
	struct rep_touch last;		/* before the end of the period */
};

struct rep_audit {
	char	 month[8];	/* the latest computed month <= to's; "" none */
	char	 base[8];	/* compared with; "" none */
	int64_t	 count[3], sum[3];	/* in scope, [0] A .. [2] C */
	int64_t	 unranked;	/* live companies in scope without a rank */
	struct rep_mover *movers;	/* by old rank, new rank, name */
	size_t	 nmovers;
	int64_t	 idle_from;	/* no done touch since (Unix time) */
	struct rep_idle *idle;	/* never touched first, then oldest */
	size_t	 nidle;
};

/* Days without a done touch that make a company idle. */
#define REP_IDLE_DAYS	90

/*
 * The audit month is the latest computed one not after to's month (the
 * latest of all with no to).  The base is the latest computed month
 * before it and not after from's month.  Idle: live companies in scope
 * ranked in the audit month or with status customer or regular that
 * had no done event in the REP_IDLE_DAYS days ending with to (today
 * when open, by now).
 */
int	rep_audit_load(struct db *db, int64_t manager,
	    const struct rep_period *p, int64_t now, struct rep_audit *out,
	    struct so_err *err);
void	rep_audit_clear(struct rep_audit *a);

/* ---- key clients ---- */

struct rep_person {
	int64_t	 id;
	char	*name, *position, *role;
	char	*phone_work, *phone_mobile, *email;
};

struct rep_key {
	int64_t	 company_id;
	char	*company, *city, *phone, *manager_login, *manager_name;
	struct rep_touch last, next;
	struct rep_person *people;	/* decision makers first, by name */
	size_t	 npeople;
};

/*
 * Live companies in scope whose category is VIP (any case), by name,
 * with their live contacts, the last done touch and the next planned
 * one (from the day of now on).
 */
int	rep_keyclients_load(struct db *db, int64_t manager, int64_t now,
	    struct rep_key **out, size_t *n, struct so_err *err);
void	rep_keyclients_free(struct rep_key *v, size_t n);

void	rep_touch_clear(struct rep_touch *t);

#endif
