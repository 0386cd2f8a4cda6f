/*
 * The agenda screen (shown at startup and on `A`) and the reminder
 * scheduler that runs while the TUI is open.  The data and the actions
 * are store/agenda.h; this is how they look and which keys drive them.
 */
#ifndef UI_AGENDA_H
#define UI_AGENDA_H

#include <stdint.h>

#include "store/agenda.h"
#include "store/entity.h"
#include "ui/keys.h"

struct agenda_view {
	struct agenda	 a;
	int		 cursor;	/* selected item */
	int		 top;		/* first display row shown */
	int		 rows;		/* display rows at the last draw */
	struct undo	 undo;		/* the last action, for u */
};

void	av_free(struct agenda_view *v);
/* Reloads, keeping the cursor on the same item where it still is. */
int	av_load(struct agenda_view *v, struct db *db, struct so_err *err);
void	av_draw(struct agenda_view *v, int y, int x, int h, int w);
/* Movement, done (with result, comment, then the next contact), plan
 * next, snooze, reschedule; reports through ui_message. */
void	av_action(struct agenda_view *v, struct db *db, enum action act);
/* The record behind the selected item, for Enter. */
int	av_target(const struct agenda_view *v, const struct entity **ent,
	    int64_t *id);

struct shown_reminder {
	int64_t	 id, at, remind_at;
};

struct reminders {
	int64_t			 since;		/* program start */
	int64_t			 next_query;
	int64_t			 data_version;
	struct agenda		 due;		/* from the last query */
	struct shown_reminder	*shown;
	size_t			 nshown, cap;
};

void	rem_init(struct reminders *r, int64_t now);
void	rem_free(struct reminders *r);
/* A reminder that has come due and was not shown yet: its text in msg
 * and 1, or 0.  Rings the bell unless reminders.bell is off. */
int	rem_poll(struct reminders *r, struct db *db, int64_t now, char *msg,
	    size_t msgsz);

#endif
