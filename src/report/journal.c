/*
 * The work journal as a document: for one manager (or, with all, every
 * active user, each from a new page under a heading with their name)
 * the touches planned for the day, the call log of the day and the
 * totals (store/report_journal.h finds them).  Printed before the day
 * starts, the plan's Result column is blank, ruled room for the
 * manager's pen; printed later it shows the results already logged.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "report/report.h"
#include "store/report_journal.h"
#include "store/lookup.h"

/* "09:30" in local time, or "all day". */
static void
clock_of(int64_t at, int all_day, char *out, size_t size)
{
	char m[17];

	if (all_day) {
		snprintf(out, size, "%s", _("all day"));
		return;
	}
	dt_format_moment((time_t)at, m);
	snprintf(out, size, "%s", m + 11);
}

/* "a, b" of the non-empty ones. */
static char *
join2(const char *a, const char *b)
{
	if (*a && *b)
		return xasprintf("%s, %s", a, b);
	return xstrdup(*a ? a : b);
}

static char *
prev_text(const struct journal_plan *p)
{
	/* TRANSLATORS: a touch made, when it had no result set. */
	const char *done = C_("touch", "done");
	char day[32];

	if (p->prev_at == 0)
		return xstrdup("-");
	i18n_date_short((time_t)p->prev_at, day, sizeof(day));
	if (*p->prev_comment)
		return xasprintf("%s %s: %s", day, *p->prev_result ?
		    p->prev_result : done, p->prev_comment);
	return xasprintf("%s %s", day, *p->prev_result ? p->prev_result :
	    done);
}

/* "Call: Уточнить потребность", or the type alone. */
static char *
touch_text(const struct journal_plan *p)
{
	if (*p->subject && *p->type)
		return xasprintf("%s: %s", p->type, p->subject);
	return xstrdup(*p->subject ? p->subject : p->type);
}

/*
 * A table of touches: the day's plan, or (carried) the previous working
 * day's not made, whose time shows their day too.
 */
static void
touches_table(struct doc *d, const struct journal *j,
    const struct journal_plan *v, size_t n, int carried, const char *title,
    const char *none)
{
	struct doc_col cols[] = {
		{ _("Time"), DOC_LEFT, carried ? 11 : 7, 0 },
		{ _("Touch"), DOC_LEFT, 24, 0 },
		{ _("Organization"), DOC_LEFT, 20, 0 },
		{ _("Person"), DOC_LEFT, 20, 0 },
		{ _("Phone, e-mail"), DOC_LEFT, 20, 0 },
		{ _("Previous result"), DOC_LEFT, 22, 0 },
		{ _("Source"), DOC_LEFT, 10, 0 },
		{ _("Result"), DOC_LEFT, 16, j->before_day || carried },
	};
	const struct journal_plan *p;
	struct doc_table *t;
	char at[48], *touch, *who, *reach, *prev;
	size_t i;

	/* Printed in the morning, with touches still to make: room to
	 * write their results in too. */
	for (i = 0; i < n; i++)
		if (!v[i].done)
			cols[7].blank = 1;
	t = REPORT_TABLE(d, title, none, n, cols);
	if (t == NULL)
		return;
	for (i = 0; i < n; i++) {
		p = &v[i];
		if (carried) {
			char m[17];

			/* "04.12 16:00": the day and the time */
			dt_format_moment((time_t)p->at, m);
			snprintf(at, sizeof(at), "%.2s.%.2s %s", m + 8, m + 5,
			    m + 11);
		} else
			clock_of(p->at, p->all_day, at, sizeof(at));
		touch = touch_text(p);
		who = join2(p->person, p->position);
		reach = join2(p->phone, p->email);
		prev = prev_text(p);
		doc_rowv(t, DOC_ROW, at, touch, p->company, who, reach, prev,
		    p->source, p->result);
		free(touch);
		free(who);
		free(reach);
		free(prev);
	}
}

/* The previous working day's touches not made (first to call), then
 * the day's. */
static void
plan_tables(struct doc *d, const struct journal *j)
{
	char day[32], *title;

	if (j->ncarried > 0) {
		i18n_date_short((time_t)j->carried_from, day, sizeof(day));
		title = xasprintf(_("Not made since %s: call first"), day);
		touches_table(d, j, j->carried, j->ncarried, 1, title, NULL);
		free(title);
	}
	touches_table(d, j, j->plan, j->nplan, 0,
	    _("Touches planned for the day"), _("No touches planned."));
}

static void
log_table(struct doc *d, const struct journal *j)
{
	const struct doc_col cols[] = {
		{ _("Time"), DOC_LEFT, 7, 0 },
		{ _("Type"), DOC_LEFT, 10, 0 },
		{ _("Organization"), DOC_LEFT, 24, 0 },
		{ _("Contact"), DOC_LEFT, 22, 0 },
		{ _("Result"), DOC_LEFT, 20, 0 },
		{ _("Comment"), DOC_LEFT, 30, 0 },
		{ _("Next touch"), DOC_LEFT, 24, 0 },
	};
	const struct journal_log *l;
	struct doc_table *t;
	char at[48], next[48], *nt;
	size_t i;

	t = REPORT_TABLE(d, _("Call log"), _("No calls logged."), j->nlog,
	    cols);
	if (t == NULL)
		return;
	for (i = 0; i < j->nlog; i++) {
		l = &j->log[i];
		clock_of(l->at, l->all_day, at, sizeof(at));
		if (l->next_at) {
			report_moment((time_t)l->next_at, next, sizeof(next));
			nt = xasprintf("%s %s", next, l->next_type);
		} else
			nt = xstrdup(_("none planned"));
		doc_rowv(t, DOC_ROW, at, l->type, l->company, l->contact,
		    l->result, l->comment, nt);
		free(nt);
	}
}

static void
totals_table(struct doc *d, const struct journal *j)
{
	const struct doc_col cols[] = {
		/* TRANSLATORS: the journal's totals: touches planned, done,
		 * with a productive result, meetings arranged. */
		{ (char *)C_("touches", "Planned"), DOC_RIGHT, 0, 0 },
		{ (char *)C_("touches", "Done"), DOC_RIGHT, 0, 0 },
		{ (char *)C_("touches", "Productive"), DOC_RIGHT, 0, 0 },
		{ _("Meetings set"), DOC_RIGHT, 0, 0 },
	};
	struct doc_table *t;
	char n[4][24];

	t = REPORT_TABLE(d, _("Totals"), NULL, 0, cols);
	snprintf(n[0], sizeof(n[0]), "%" PRId64, j->planned);
	snprintf(n[1], sizeof(n[1]), "%" PRId64, j->done);
	snprintf(n[2], sizeof(n[2]), "%" PRId64, j->productive);
	snprintf(n[3], sizeof(n[3]), "%" PRId64, j->meetings_set);
	doc_rowv(t, DOC_ROW_TOTAL, n[0], n[1], n[2], n[3]);
}

static int
one_journal(struct db *db, int64_t user_id, const char *day, int64_t now,
    struct doc *d, struct so_err *err)
{
	struct journal j;
	int code;

	if ((code = journal_load(db, user_id, day, now, &j, err)) != SO_OK)
		return code;
	plan_tables(d, &j);
	log_table(d, &j);
	totals_table(d, &j);
	journal_free(&j);
	return SO_OK;
}

static int
every_journal(struct db *db, const char *day, int64_t now, struct doc *d,
    struct so_err *err)
{
	struct user_brief *users;
	size_t i, n;
	char *who;
	int code;

	if ((code = store_users_active(db, &users, &n, err)) != SO_OK)
		return code;
	for (i = 0; i < n && code == SO_OK; i++) {
		if (i > 0)
			doc_page_break(d);
		who = report_user_label(users[i].login, users[i].full_name);
		doc_heading(d, who);
		free(who);
		code = one_journal(db, users[i].id, day, now, d, err);
	}
	store_users_free(users, n);
	return code;
}

int
report_journal(struct db *db, const struct report_query *q, struct doc *out,
    struct so_err *err)
{
	struct report_query one = *q;
	int64_t now = report_query_now(db, q);
	int code;

	if (*one.from == '\0')
		dt_format_date((time_t)now, one.from);
	memcpy(one.to, one.from, sizeof(one.to));
	one.now = now;
	if ((code = report_begin(db, &one, _("Work journal"), out, err)) !=
	    SO_OK)
		return code;
	out->landscape = 1;
	if (q->all)
		code = every_journal(db, one.from, now, out, err);
	else
		code = one_journal(db, q->user_id ? q->user_id :
		    db_user_id(db), one.from, now, out, err);
	if (code != SO_OK)
		doc_free(out);
	return code;
}
