/*
 * The day-schedule checklist (template 3), as the store finds it.
 *
 * A manager's: the day's items of their agenda (store/agenda.h: one-off
 * and recurring events, tasks due, birthdays; done ones too, ticked),
 * in time order, with the team's working day's start (work.start) for
 * the routine items the builder adds around them.
 *
 * A head's: for every active user, the day's items counted by kind
 * (calls, meetings, tasks, the rest) and how many are done already,
 * with the department's totals.
 */
#ifndef STORE_REPORT_CHECKLIST_H
#define STORE_REPORT_CHECKLIST_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"

struct checklist_item {
	int64_t	 at;			/* start; a task's due moment */
	int	 all_day, done;
	char	*type_code;		/* "call", "meeting", "task", ... */
	char	*type;			/* the type as named: "Call" */
	char	*subject, *company, *contact, *phone;
};

struct checklist {
	char			 day[11];
	int64_t			 user_id;
	int			 start_min;	/* work.start, minutes */
	struct checklist_item	*v;
	size_t			 n;
};

/* One user's day in the head's checklist. */
struct checklist_count {
	int64_t	 user_id;
	char	*login, *full_name;
	int64_t	 calls, meetings, tasks, other, done;
	/* The journal of the next day sent to the head (journal --send;
	 * sql/014_journal_sent.sql); in the total, how many sent. */
	int64_t	 journal_sent;
};

struct checklist_team {
	char			 day[11];
	int			 start_min;
	struct checklist_count	*v;
	size_t			 n;
	struct checklist_count	 total;	/* login and name NULL */
};

/*
 * user_id's checklist of day ("YYYY-MM-DD", local) at now.  Another
 * user's is a head's or an administrator's (acl_check_user); SO_EINVAL
 * for a bad day.
 */
int	checklist_load(struct db *db, int64_t user_id, const char *day,
	    int64_t now, struct checklist *out, struct so_err *err);
void	checklist_free(struct checklist *c);

/* The head's checklist of day: the department's figures (SO_EPERM for
 * a manager). */
int	checklist_team_load(struct db *db, const char *day, int64_t now,
	    struct checklist_team *out, struct so_err *err);
void	checklist_team_free(struct checklist_team *t);

#endif
