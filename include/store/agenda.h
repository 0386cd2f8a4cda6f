/*
 * The agenda: what a user has to do, in the order a sales manager works
 * through it — overdue items first, then each day's calls, meetings,
 * tasks and birthdays in time order, then upcoming events whose reminder
 * is already due.  Shared by the startup screen, the reminder scheduler
 * and `salesorg agenda`.
 *
 * Items come from four places:
 *  - one-off events (planned; done ones of the shown days too, so the
 *    day's progress stays visible);
 *  - recurring events, expanded with store/recur.h over the shown days,
 *    with their exceptions applied (a recurring series is never
 *    "overdue": yesterday's stand-up is not a debt);
 *  - open tasks with a due moment;
 *  - contacts' birthdays ("congratulate"), unless a birthday event for
 *    that contact already exists in that week.
 *
 * The actions work on one item, each in one transaction: done with a
 * result and a comment (an occurrence of a recurring event becomes a
 * done one-off event of its own plus a cancelled exception), move
 * (snooze and reschedule; a recurring occurrence gets a moved
 * exception), and plan the next contact (a new event copying the links).
 */
#ifndef STORE_AGENDA_H
#define STORE_AGENDA_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"
#include "store/undo.h"

enum agenda_kind {
	AG_EVENT,
	AG_TASK,
	AG_BIRTHDAY,
};

enum agenda_section {
	AG_OVERDUE,	/* planned before the first shown day */
	AG_DAY,		/* on one of the shown days */
	AG_REMINDER,	/* later, but its reminder time has come */
};

struct agenda_item {
	enum agenda_kind	 kind;
	enum agenda_section	 section;
	int64_t	 id;		/* event, task, or (birthday) contact */
	int64_t	 at;		/* this occurrence's start; task: due */
	int64_t	 end;		/* 0: none */
	int64_t	 orig_start;	/* recurring: the rule's start; else 0 */
	int64_t	 remind_at;	/* 0: no reminder */
	int	 all_day;
	int	 done;		/* an event or task already done */
	int64_t	 snoozed;	/* the user snoozed its reminder until */
	int64_t	 assignee_id, company_id, contact_id;
	char	*assignee;	/* login */
	char	*type;		/* event type code; "task"; "birthday" */
	char	*type_name;
	char	*subject;
	char	*company, *contact, *phone;
	char	*result;	/* done: the result's name */
};

struct agenda {
	struct agenda_item	*v;
	size_t			 n;
	int			 truncated;	/* a rule repeated too often */
	int			 bad_rule;	/* a rule that never produces a date */
};

struct agenda_query {
	int64_t	 now;
	int64_t	 from;		/* start of the first day shown */
	int	 days;		/* 1 or more */
	int64_t	 user_id;	/* 0: everyone */
	int	 overdue;	/* include items before from */
	int	 reminders;	/* include later events whose reminder is due */
};

int	 agenda_load(struct db *db, const struct agenda_query *q,
	    struct agenda *out, struct so_err *err);
void	 agenda_free(struct agenda *a);

/*
 * Planned events of user_id whose reminder time falls in (since, until]
 * and which have not started before since; recurring ones expanded.
 * For the scheduler, which polls it and keeps what it has shown.
 */
int	 agenda_reminders(struct db *db, int64_t user_id, int64_t since,
	    int64_t until, struct agenda *out, struct so_err *err);

/*
 * The actions.  Each notes in u (may be NULL) what undo_run needs to
 * put it back (store/undo.h).
 *
 * Mark done with a result (0: none) and a comment; *done_id (if not
 * NULL) is the event or task now done.  Refused for one already done.
 */
int	 agenda_done(struct db *db, const struct agenda_item *it,
	    int64_t result_id, const char *comment, int64_t *done_id,
	    struct undo *u, struct so_err *err);
/*
 * Move the item to start at `at` (reschedule).  An occurrence of a
 * series moves alone (an exception), or with series the whole series
 * by as much.  Refused for a done or cancelled item: it stays when it
 * was done, and that day's journal counts it.
 */
int	 agenda_move(struct db *db, const struct agenda_item *it, int64_t at,
	    int series, struct undo *u, struct so_err *err);
/* Snooze: the item's reminder comes again at until, for this user;
 * the item itself does not move.  Refused for a done item. */
int	 agenda_snooze(struct db *db, const struct agenda_item *it,
	    int64_t until, struct undo *u, struct so_err *err);
/* A new planned event at `at` for the same company, contact, deal and
 * assignee, of the same type (a call after a task or birthday). */
int	 agenda_plan_next(struct db *db, const struct agenda_item *it,
	    int64_t at, int64_t *new_id, struct undo *u, struct so_err *err);

/* The next working morning after now's day (the team's work.days and
 * work.start), or with next_week the first of the next week. */
int64_t	 agenda_next_morning(struct db *db, int64_t now, int next_week);

#endif
