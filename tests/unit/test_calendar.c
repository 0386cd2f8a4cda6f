/*
 * The calendar reads behind the iCalendar export (store/calendar.c):
 * which events and tasks a window takes -- those starting in it, those
 * still running at its start however long ago they began, the series
 * begun before its end -- for everyone and for one assignee, and the
 * plans that make a day's export read that day and not the history.
 *
 * The fixture's clock is Monday 2026-11-23 09:00 in Moscow.
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "store/calendar.h"
#include "store/entities.h"

#define TODAY	((int64_t)FIXTURE_NOW - 9 * 3600)	/* 00:00 */
#define HOUR	3600
#define DAY	86400

struct world {
	struct db	*db;
	int64_t		 anna, boris;
};

static int64_t
add(struct world *w, const char *subject, int64_t at, int64_t end,
    int64_t user, const char *rrule)
{
	return fixture_add_event(w->db, &(struct fixture_event){
	    .subject = subject, .type = "call", .at = at, .end = end,
	    .assignee = user, .rrule = rrule });
}

static int
setup(struct world *w, const char *name)
{
	memset(w, 0, sizeof(*w));
	if ((w->db = fixture_open(name)) == NULL)
		return 0;
	w->anna = db_user_id(w->db);
	w->boris = fixture_add_user_row(w->db, "boris", "Борис");
	return w->boris > 0;
}

static int
collect(void *arg, const struct cal_event *e, struct so_err *err)
{
	struct strbuf *b = arg;

	(void)err;
	sb_printf(b, "%s%s", b->len ? "," : "", e->subject);
	return SO_OK;
}

/* The subjects of the window's events, in the order they come. */
static char *
window(struct world *w, int64_t from, int64_t to, int64_t user)
{
	struct cal_query q = { .from = from, .to = to, .user_id = user };
	struct strbuf b = { 0 };
	struct so_err err = { 0 };

	if (store_calendar_events(w->db, &q, collect, &b, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "events: %s", err.msg);
	return b.s ? sb_steal(&b) : xstrdup("");
}

static int
collect_task(void *arg, const struct cal_task *t, struct so_err *err)
{
	struct strbuf *b = arg;

	(void)err;
	sb_printf(b, "%s%s", b->len ? "," : "", t->title);
	return SO_OK;
}

static char *
task_window(struct world *w, int64_t from, int64_t to, int64_t user)
{
	struct cal_query q = { .from = from, .to = to, .user_id = user };
	struct strbuf b = { 0 };
	struct so_err err = { 0 };

	if (store_calendar_tasks(w->db, &q, collect_task, &b, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "tasks: %s", err.msg);
	return b.s ? sb_steal(&b) : xstrdup("");
}

#define CHECK_WINDOW(w, from, to, user, want) do {			\
	char *s_ = window((w), (from), (to), (user));			\
	CHECK_STR(s_, (want));						\
	free(s_);							\
} while (0)

/* A window takes what starts in it and what still runs at its start:
 * an hour's call from last night, a conference begun last week; not
 * what ended before it or starts at its end. */
TEST(test_calendar_window_takes_events_running_at_its_start)
{
	struct world w;
	int64_t from = TODAY, to = TODAY + DAY;

	REQUIRE(setup(&w, "cal.db"));
	add(&w, "ended yesterday", from - 5 * HOUR, from - 4 * HOUR, w.anna,
	    NULL);
	add(&w, "ends at midnight", from - HOUR, from, w.anna, NULL);
	add(&w, "over midnight", from - HOUR, from + HOUR, w.anna, NULL);
	add(&w, "a whole day", from - DAY + 1, from + 1, w.anna, NULL);
	add(&w, "conference", from - 6 * DAY, from + 2 * DAY, w.anna, NULL);
	add(&w, "ended conference", from - 9 * DAY, from - 2 * DAY, w.anna,
	    NULL);
	add(&w, "a year long", from - 200 * DAY, from + 165 * DAY, w.boris,
	    NULL);
	add(&w, "morning", from + 9 * HOUR, 0, w.anna, NULL);
	add(&w, "evening", from + 20 * HOUR, from + 21 * HOUR, w.boris, NULL);
	add(&w, "tomorrow", to, to + HOUR, w.anna, NULL);
	add(&w, "long tomorrow", to, to + 3 * DAY, w.anna, NULL);

	CHECK_WINDOW(&w, from, to, 0, "a year long,conference,a whole day,"
	    "over midnight,morning,evening");
	CHECK_WINDOW(&w, from, to, w.anna, "conference,a whole day,"
	    "over midnight,morning");
	CHECK_WINDOW(&w, from, to, w.boris, "a year long,evening");
	/* Unbounded at either end. */
	CHECK_WINDOW(&w, 0, from, 0, "a year long,ended conference,"
	    "conference,a whole day,ended yesterday,ends at midnight,"
	    "over midnight");
	CHECK_WINDOW(&w, to, 0, w.anna, "conference,tomorrow,long tomorrow");
	db_close(w.db);
}

/* A series is exported whole when it began before the window's end,
 * whatever its status; one begun after the window is not. */
TEST(test_calendar_window_takes_series_begun_before_its_end)
{
	struct world w;
	int64_t from = TODAY, to = TODAY + DAY;

	REQUIRE(setup(&w, "series.db"));
	add(&w, "weekly since spring", from - 200 * DAY + 10 * HOUR,
	    from - 200 * DAY + 11 * HOUR, w.anna, "FREQ=WEEKLY");
	add(&w, "boris's daily", from - 3 * DAY, 0, w.boris, "FREQ=DAILY");
	add(&w, "next week's", from + 7 * DAY, 0, w.anna, "FREQ=WEEKLY");
	add(&w, "today", from + 12 * HOUR, 0, w.anna, NULL);

	CHECK_WINDOW(&w, from, to, 0, "weekly since spring,boris's daily,"
	    "today");
	CHECK_WINDOW(&w, from, to, w.anna, "weekly since spring,today");
	CHECK_WINDOW(&w, from, to, w.boris, "boris's daily");
	db_close(w.db);
}

/* Tasks: a window takes those due in it, in due order; without one,
 * every open and done task, the undated last. */
TEST(test_calendar_tasks_due_in_the_window)
{
	struct world w;
	char *s;

	REQUIRE(setup(&w, "tasks.db"));
	fixture_add_task(w.db, &(struct fixture_task){ .title = "undated" });
	fixture_add_task(w.db, &(struct fixture_task){ .title = "late",
	    .due = TODAY - DAY });
	fixture_add_task(w.db, &(struct fixture_task){ .title = "noon",
	    .due = TODAY + 12 * HOUR });
	fixture_add_task(w.db, &(struct fixture_task){ .title = "done",
	    .status = "done", .due = TODAY + 10 * HOUR });
	fixture_add_task(w.db, &(struct fixture_task){ .title = "cancelled",
	    .status = "cancelled", .due = TODAY + 11 * HOUR });
	fixture_add_task(w.db, &(struct fixture_task){ .title = "tomorrow",
	    .due = TODAY + DAY });

	s = task_window(&w, TODAY, TODAY + DAY, 0);
	CHECK_STR(s, "done,noon");
	free(s);
	s = task_window(&w, TODAY, TODAY + DAY, w.anna);
	CHECK_STR(s, "done,noon");
	free(s);
	s = task_window(&w, TODAY, TODAY + DAY, w.boris);
	CHECK_STR(s, "");
	free(s);
	s = task_window(&w, 0, 0, 0);
	CHECK_STR(s, "late,done,noon,tomorrow,undated");
	free(s);
	s = task_window(&w, TODAY, 0, w.anna);
	CHECK_STR(s, "done,noon,tomorrow");
	free(s);
	db_close(w.db);
}

/*
 * The plans (issue 26): a window's events come from events_start (or
 * events_agenda for one assignee) bounded at both ends, events_long and
 * events_series; its tasks from tasks_due or tasks_assignee_due, bounded
 * the same way.  No step reads all the events or all the tasks.
 */
TEST(test_calendar_window_plans_bound_every_index_at_both_ends)
{
	struct world w;
	char *plans;

	REQUIRE(setup(&w, "plan.db"));
	fixture_plans_begin(w.db);
	free(window(&w, TODAY, TODAY + DAY, 0));
	free(task_window(&w, TODAY, TODAY + DAY, 0));
	plans = fixture_plans_end(w.db);
	CHECK_PLAN(plans, "SEARCH e USING INDEX events_start "
	    "(start_at>? AND start_at<?)");
	CHECK_PLAN(plans, "SEARCH e USING INDEX events_long (end_at>?)");
	CHECK_PLAN(plans, "SEARCH e USING INDEX events_series (start_at<?)");
	CHECK_PLAN(plans, "SEARCH tasks USING INDEX tasks_due "
	    "(<expr>>? AND <expr><?)");
	CHECK_NO_SCAN(plans, "e");
	CHECK_NO_SCAN(plans, "tasks");
	free(plans);

	fixture_plans_begin(w.db);
	free(window(&w, TODAY, TODAY + DAY, w.anna));
	free(task_window(&w, TODAY, TODAY + DAY, w.anna));
	plans = fixture_plans_end(w.db);
	CHECK_PLAN(plans, "SEARCH e USING INDEX events_agenda "
	    "(assignee_id=? AND status=? AND start_at>? AND start_at<?)");
	CHECK_PLAN(plans, "SEARCH e USING INDEX events_long (end_at>?)");
	CHECK_PLAN(plans, "SEARCH e USING INDEX events_series (start_at<?)");
	CHECK_PLAN(plans, "SEARCH tasks USING INDEX tasks_assignee_due "
	    "(assignee_id=? AND status=? AND due_at>? AND due_at<?)");
	CHECK_NO_SCAN(plans, "e");
	CHECK_NO_SCAN(plans, "tasks");
	free(plans);
	db_close(w.db);
}
