/*
 * The activity report's eight columns and the rules that say which done
 * events each counts (cold calls, decision makers reached, proposals,
 * repeat calls, productive touches, meetings set, meetings held,
 * invoices).  The figures themselves are store/report_activity.h's; the
 * work journal counts its meetings set by the same rule.
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
 * :repeat only the later ones.  A touch is any live, done, one-off event
 * but the messages of a mail merge (store/journal_sent.h): a merged
 * e-mail goes to many at once and is nobody's conversation, so the first
 * call after it is still cold; such a message is neither a first nor a
 * repeat touch (a rule without :first or :repeat still counts it).  An
 * event without a company is keyed by its contact, and one with
 * neither is a first touch.  Done touches at the very moment of the
 * company's earliest one are all "first" (a call and an e-mail logged at
 * the same minute).  off counts nothing.
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
	int	 merged;		/* a mail merge's message: no touch */
};
int	 activity_rule_match(const struct activity_rule *r,
	    const struct activity_event *e);
/* Whether the rule needs activity_event.first. */
int	 activity_rule_needs_touch(const struct activity_rule *r);
/*
 * Whether a done event at start_at is the first done touch of its company
 * (else contact): no live, done, one-off event of it before start_at
 * that is not a mail merge's message.
 */
int	 activity_first_touch(struct db *db, int64_t company_id,
	    int64_t contact_id, int64_t start_at, int *first,
	    struct so_err *err);

#endif
