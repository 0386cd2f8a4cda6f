/*
 * The activity report's figures: per manager and per local day, how many
 * done events fall into each of eight columns (cold calls, decision
 * makers reached, proposals, repeat calls, productive touches, meetings
 * set, meetings held, invoices) and the payments received.
 *
 * Which events count for which column is team configuration, one text
 * setting per column (store/settings.h: report.activity.cold_calls ...),
 * read here as a rule:
 *
 *	TYPES:RESULTS[:first|:repeat]	or	off
 *
 * TYPES is * or event type codes split by commas; RESULTS is * (any
 * result, or none), productive (a result with the productive flag) or
 * result codes split by commas; :first keeps only a company's first done
 * touch (no done event of that company before it: a new, cold contact),
 * :repeat only the later ones.  A touch is any live, done, one-off event;
 * an event without a company is keyed by its contact, and one with
 * neither is a first touch.  Done touches at the very moment of the
 * company's earliest one are all "first" (a call and an e-mail logged at
 * the same minute).  off counts nothing.
 *
 * Only live, done, one-off events count.  Payments (not configurable)
 * are live payments whose paid_on is that day, credited to the deal's
 * manager when the payment has a deal with a manager, else to the
 * company's manager; with no manager at all they land on a "no manager"
 * line (user_id 0) of the department's report so the grand total is
 * whole.
 */
#ifndef STORE_ACTIVITY_H
#define STORE_ACTIVITY_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"

enum activity_col {
	ACT_COLD_CALLS,
	ACT_REACHED_DM,
	ACT_PROPOSALS,
	ACT_REPEAT_CALLS,
	ACT_PRODUCTIVE,
	ACT_MEETINGS_SET,
	ACT_MEETINGS_HELD,
	ACT_INVOICES,
	ACT_NCOLS
};

struct activity_col_desc {
	const char	*setting;	/* "report.activity.cold_calls" */
	const char	*label;		/* "Cold calls" */
};
extern const struct activity_col_desc activity_cols[ACT_NCOLS];

enum activity_touch {
	ACT_ANY_TOUCH,
	ACT_FIRST,		/* :first */
	ACT_REPEAT,		/* :repeat */
};

struct activity_rule {
	int		 off;
	int		 any_type;
	int64_t		*types;
	size_t		 ntypes;
	int		 any_result;
	/* The results that count (for "productive", the ids of the
	 * productive results at the time the rule was read). */
	int64_t		*results;
	size_t		 nresults;
	enum activity_touch touch;
	char		*value;	/* as configured: "call:*:first" */
	char		*words;	/* "Call, any result, first touch of ..." */
};

/*
 * Parses value (the text of setting name, for messages) against the
 * event types and results of db.  SO_EINVAL with a message naming the
 * setting and the bad part ("report.activity.cold_calls: no event type
 * \"cal\"; event types: call, meeting, ...").
 */
int	 activity_rule_parse(struct db *db, const char *name,
	    const char *value, struct activity_rule *out, struct so_err *err);
void	 activity_rule_clear(struct activity_rule *r);
/* The eight rules as configured now (defaults where unset). */
int	 activity_rules_load(struct db *db,
	    struct activity_rule rules[ACT_NCOLS], struct so_err *err);
void	 activity_rules_clear(struct activity_rule rules[ACT_NCOLS]);

/* One done event as the rules see it. */
struct activity_event {
	int64_t	 type_id, result_id;	/* 0: none */
	int	 first;			/* the company's first done touch */
};
int	 activity_rule_match(const struct activity_rule *r,
	    const struct activity_event *e);
/* Whether the rule needs activity_event.first. */
int	 activity_rule_needs_touch(const struct activity_rule *r);
/*
 * Whether a done event at start_at is the first done touch of its company
 * (else contact): no live, done, one-off event of it before start_at.
 */
int	 activity_first_touch(struct db *db, int64_t company_id,
	    int64_t contact_id, int64_t start_at, int *first,
	    struct so_err *err);

/*
 * The local day range from..to ("YYYY-MM-DD", both included; "" for no
 * bound) as Unix times [*start, *end).  SO_EINVAL naming the bad date.
 */
int	 activity_day_range(const char *from, const char *to, int64_t *start,
	    int64_t *end, struct so_err *err);

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
