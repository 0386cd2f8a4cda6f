/*
 * The meeting report's figures (src/report/meeting.c lays them out):
 * one meeting with its company, the person met and the notes, and what
 * is planned for the company after it.
 */
#ifndef STORE_REPORT_MEETING_H
#define STORE_REPORT_MEETING_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"
#include "store/report_common.h"

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

#endif
