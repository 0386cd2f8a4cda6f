/*
 * The work journal of one manager's day, as the store finds it: the
 * touches planned for the day (what the printed journal lists in the
 * morning, with everything needed to make the call) and the call log of
 * the day (what was done, its result and the next touch planned), with
 * the day's totals.  The builder (src/report/journal.c) lays it out.
 *
 * Part one, the plan: the user's one-off events of the day that have a
 * company or a contact, not cancelled and not birthdays, in time order
 * (done ones too: they were planned); before them, those still not
 * made since the previous working day began (the team's work.days:
 * on Monday, Friday's and the weekend's), carried over.  The person to ask for is the one the touch was planned with
 * (its contact), else the company's live contact with the role
 * decision_maker (the oldest); phone is theirs (mobile, else work),
 * else the company's; so is the e-mail.  The source is the person's, else the company's.  The
 * previous result is the latest live done one-off event but a birthday
 * with the same company (with the same contact when there is no
 * company) before this one, by anybody.
 *
 * Part two, the log: the user's live done one-off events of the day but
 * birthdays, in time order, each with the next live planned one-off
 * event with the same company (else contact) after it.
 *
 * Totals: planned (part one), done (part two), productive (part two
 * with a productive result) and meetings set (part two events the
 * report.activity.meetings_set rule counts).
 */
#ifndef STORE_REPORT_JOURNAL_H
#define STORE_REPORT_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"

struct journal_plan {
	int64_t	 event_id, at;
	int	 all_day;
	char	*type;			/* the type's name */
	char	*subject;
	char	*company;		/* "" without one */
	char	*person, *position;	/* planned with, else the DM */
	char	*phone, *email;
	int64_t	 prev_at;		/* 0: no earlier touch */
	char	*prev_result, *prev_comment;
	char	*source;
	int	 done;
	/* The event's result when it is done and the day has begun at
	 * now; else "" (the column is filled in by hand). */
	char	*result;
};

struct journal_log {
	int64_t	 event_id, at;
	int	 all_day;
	char	*type, *company, *contact, *result, *comment;
	int	 productive;
	int64_t	 next_at;		/* 0: nothing planned */
	char	*next_type;
};

struct journal {
	char			 day[11];
	int64_t			 user_id;
	int			 before_day;	/* now < the day's start */
	struct journal_plan	*plan;
	size_t			 nplan;
	/* the previous working day's touches not made: first to call */
	struct journal_plan	*carried;
	size_t			 ncarried;
	int64_t			 carried_from;	/* that day's start */
	struct journal_log	*log;
	size_t			 nlog;
	int64_t			 planned, done, productive, meetings_set;
};

/*
 * Loads user_id's journal of day ("YYYY-MM-DD", local) as seen at now
 * (Unix time).  SO_EINVAL for a bad day.
 */
int	journal_load(struct db *db, int64_t user_id, const char *day,
	    int64_t now, struct journal *out, struct so_err *err);
void	journal_free(struct journal *j);

#endif
