/*
 * The day-schedule checklist (template 3) as a document, to print and
 * tick with a pen.
 *
 * A manager's: one table (landscape, as the journal), a box and a time
 * to each line, in the order the day goes: the routine that starts it
 * (at the team's work.start), the day's agenda
 * (store/report_checklist.h; what is done already is ticked), and the
 * routine that ends it, tomorrow's journal last.
 *
 * A head's (--all, or a head of sales asking for their own): the head's
 * routine, then a line per manager with the day's planned calls,
 * meetings, tasks and the rest, and two boxes to tick as the day goes:
 * the journal received, the plan reviewed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "report/report.h"
#include "store/acl.h"
#include "store/report_checklist.h"

/* The boxes, ticked and not: the same in every language. */
#define BOX_EMPTY	"[ ]"
#define BOX_TICKED	"[x]"
#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* The routine every day holds: when (0 the start, 1 the end) and what.
 * Few and fixed: the template's, not a setting. */
struct routine {
	int		 end;
	const char	*what;
};

static const struct routine manager_routine[] = {
	{ 0, N_("Check the agenda: what is overdue, what is today") },
	{ 1, N_("Log the results of the day's touches") },
	{ 1, N_("Fill in tomorrow's journal and send it to the head") },
};

static const struct routine head_routine[] = {
	{ 0, N_("Look through the department's plan for the day") },
	{ 0, N_("Review yesterday's activity report") },
	{ 1, N_("Collect the managers' journals for tomorrow") },
};

/* "09:00": the working day's start. */
static void
start_clock(int start_min, char *out, size_t size)
{
	snprintf(out, size, "%02d:%02d", start_min / 60, start_min % 60);
}

static void
routine_rows(struct doc_table *t, const struct routine *r, size_t n,
    int end, int start_min)
{
	char at[48];
	size_t i;

	if (end)
		/* TRANSLATORS: the time of a checklist line done before
		 * leaving. */
		snprintf(at, sizeof(at), "%s", C_("checklist", "end of day"));
	else
		start_clock(start_min, at, sizeof(at));
	for (i = 0; i < n; i++)
		if (r[i].end == end)
			doc_rowv(t, DOC_ROW, BOX_EMPTY, at, _(r[i].what), "",
			    "");
}

/* "09:30" in local time, or "all day". */
static void
clock_of(const struct checklist_item *c, char *out, size_t size)
{
	char m[17];

	if (c->all_day) {
		snprintf(out, size, "%s", _("all day"));
		return;
	}
	dt_format_moment((time_t)c->at, m);
	snprintf(out, size, "%s", m + 11);
}

static char *
what_of(const struct checklist_item *c)
{
	if (*c->type && *c->subject)
		return xasprintf("%s: %s", c->type, c->subject);
	return xstrdup(*c->subject ? c->subject : c->type);
}

static char *
who_of(const struct checklist_item *c)
{
	if (*c->contact && *c->phone)
		return xasprintf("%s, %s", c->contact, c->phone);
	return xstrdup(*c->contact ? c->contact : c->phone);
}

static int
one_checklist(struct db *db, int64_t user_id, const char *day, int64_t now,
    struct doc *d, struct so_err *err)
{
	const struct doc_col cols[] = {
		/* TRANSLATORS: the checklist's column of boxes to tick. */
		{ (char *)C_("checklist", "Done"), DOC_LEFT, 6, 0 },
		{ _("Time"), DOC_LEFT, 10, 0 },
		/* TRANSLATORS: what to do, in the checklist. */
		{ (char *)C_("checklist", "What"), DOC_LEFT, 44, 0 },
		{ _("Organization"), DOC_LEFT, 26, 0 },
		{ _("Contact, phone"), DOC_LEFT, 30, 0 },
	};
	struct checklist c;
	struct doc_table *t;
	char at[48], *what, *who;
	size_t i;
	int code;

	if ((code = checklist_load(db, user_id, day, now, &c, err)) != SO_OK)
		return code;
	t = REPORT_TABLE(d, _("The day's checklist"), NULL, 0, cols);
	routine_rows(t, manager_routine, NITEMS(manager_routine), 0,
	    c.start_min);
	for (i = 0; i < c.n; i++) {
		clock_of(&c.v[i], at, sizeof(at));
		what = what_of(&c.v[i]);
		who = who_of(&c.v[i]);
		doc_rowv(t, DOC_ROW, c.v[i].done ? BOX_TICKED : BOX_EMPTY, at,
		    what, c.v[i].company, who);
		free(what);
		free(who);
	}
	if (c.n == 0)
		doc_rowv(t, DOC_ROW, "", "", _("Nothing planned for the day."),
		    "", "");
	routine_rows(t, manager_routine, NITEMS(manager_routine), 1,
	    c.start_min);
	checklist_free(&c);
	return SO_OK;
}

static void
count_row(struct doc_table *t, enum doc_row_kind kind, const char *name,
    const struct checklist_count *k, const char *box)
{
	char *n[5];
	size_t i;

	n[0] = report_count_cell(k->calls);
	n[1] = report_count_cell(k->meetings);
	n[2] = report_count_cell(k->tasks);
	n[3] = report_count_cell(k->other);
	n[4] = report_count_cell(k->done);
	/* The journal's box is ticked when it came (journal --send); the
	 * total says how many did. */
	if (kind == DOC_ROW_TOTAL) {
		char *sent = report_count_cell(k->journal_sent);

		doc_rowv(t, kind, name, n[0], n[1], n[2], n[3], n[4], sent,
		    box);
		free(sent);
	} else
		doc_rowv(t, kind, name, n[0], n[1], n[2], n[3], n[4],
		    k->journal_sent ? BOX_TICKED : box, box);
	for (i = 0; i < 5; i++)
		free(n[i]);
}

static int
team_checklist(struct db *db, const char *day, int64_t now, struct doc *d,
    struct so_err *err)
{
	const struct doc_col rcols[] = {
		{ (char *)C_("checklist", "Done"), DOC_LEFT, 6, 0 },
		{ _("Time"), DOC_LEFT, 10, 0 },
		{ (char *)C_("checklist", "What"), DOC_LEFT, 50, 0 },
	};
	const struct doc_col cols[] = {
		{ _("Manager"), DOC_LEFT, 20, 0 },
		/* TRANSLATORS: the head's checklist: the day's planned
		 * calls, meetings, tasks, other items, and how many are
		 * done. */
		{ (char *)C_("planned", "Calls"), DOC_RIGHT, 0, 0 },
		{ (char *)C_("planned", "Meetings"), DOC_RIGHT, 0, 0 },
		{ (char *)C_("planned", "Tasks"), DOC_RIGHT, 0, 0 },
		{ (char *)C_("planned", "Other"), DOC_RIGHT, 0, 0 },
		{ (char *)C_("touches", "Done"), DOC_RIGHT, 0, 0 },
		{ _("Journal received"), DOC_LEFT, 9, 0 },
		{ _("Plan reviewed"), DOC_LEFT, 9, 0 },
	};
	struct checklist_team k;
	struct doc_table *t;
	char at[16];
	size_t i;
	int code;

	if ((code = checklist_team_load(db, day, now, &k, err)) != SO_OK)
		return code;
	t = REPORT_TABLE(d, _("The head's day"), NULL, 0, rcols);
	start_clock(k.start_min, at, sizeof(at));
	for (i = 0; i < NITEMS(head_routine); i++)
		doc_rowv(t, DOC_ROW, BOX_EMPTY, head_routine[i].end ?
		    C_("checklist", "end of day") : at,
		    _(head_routine[i].what));
	t = REPORT_TABLE(d, _("Managers' day"), _("No active users."), k.n,
	    cols);
	for (i = 0; t && i < k.n; i++)
		count_row(t, DOC_ROW, report_manager_name(k.v[i].login,
		    k.v[i].full_name), &k.v[i], BOX_EMPTY);
	if (t && k.n > 1)
		count_row(t, DOC_ROW_TOTAL, _("Total"), &k.total, "");
	checklist_team_free(&k);
	return SO_OK;
}

int
report_checklist(struct db *db, const struct report_query *q,
    struct doc *out, struct so_err *err)
{
	struct report_query one = *q;
	int64_t now = report_query_now(db, q);
	int team, code;

	if (*one.from == '\0')
		dt_format_date((time_t)now, one.from);
	memcpy(one.to, one.from, sizeof(one.to));
	one.now = now;
	/* A head of sales asking for their own day gets the head's
	 * checklist; for a manager's, --user. */
	team = q->all || (q->user_id == 0 && acl_role(db) == ROLE_HEAD);
	one.all = team;
	if ((code = report_begin(db, &one, team ? _("Head of sales: day "
	    "checklist") : _("Day checklist"), out, err)) != SO_OK)
		return code;
	/* The journal's page: wide enough for a company's name and a
	 * phone beside what to do. */
	out->landscape = 1;
	if (team)
		code = team_checklist(db, one.from, now, out, err);
	else
		code = one_checklist(db, q->user_id ? q->user_id :
		    db_user_id(db), one.from, now, out, err);
	if (code != SO_OK)
		doc_free(out);
	return code;
}
