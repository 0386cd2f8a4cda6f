/*
 * The follow-up report: the warm-client base.  A company that got a
 * proposal or had a meeting but has bought nothing is money on the
 * table; the one nobody has planned to call again is money being lost,
 * so it comes first and carries a "!" (a DOC_ROW_MARK row, which the
 * writers also set apart), with a paragraph saying what the mark means.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "report/report.h"
#include "store/report_followup.h"

/* "2026-11-02 Proposal sent" / "2026-11-02 Meeting". */
static char *
since_text(const struct rep_touch *t)
{
	char day[32];

	if (t->id == 0)
		return xstrdup("");
	i18n_date_short((time_t)t->at, day, sizeof(day));
	if (strcmp(t->result_code, "proposal_sent") == 0)
		return xasprintf("%s %s", day, t->result);
	return xasprintf("%s %s", day, t->type);
}

/* "2026-11-20 Call, No answer". */
static char *
last_text(const struct rep_touch *t)
{
	char day[32];

	if (t->id == 0)
		/* TRANSLATORS: no touch (call, meeting...) at all. */
		return xstrdup(C_("touch", "none"));
	i18n_date_short((time_t)t->at, day, sizeof(day));
	if (*t->result)
		return xasprintf("%s %s, %s", day, t->type, t->result);
	return xasprintf("%s %s", day, t->type);
}

/* "2026-11-25 10:00 Meeting", or "" when nothing is planned. */
static char *
next_text(const struct rep_touch *t)
{
	char at[48];

	if (t->id == 0)
		return xstrdup("");
	report_moment((time_t)t->at, at, sizeof(at));
	return xasprintf("%s %s", at, t->type);
}

/* The table, made at its first row, and the counts for the paragraph
 * above it, as the rows come from the store (rep_followup_each). */
struct build {
	struct doc		*d;
	struct doc_table	*t;
	size_t			 n, bare;
};

static int
row(void *arg, struct rep_warm *w, struct so_err *err)
{
	const struct doc_col cols[] = {
		{ "!", DOC_CENTER, 1, 0 },
		{ _("Organization"), DOC_LEFT, 22, 0 },
		{ _("Manager"), DOC_LEFT, 12, 0 },
		{ _("Warm since"), DOC_LEFT, 14, 0 },
		{ _("Last touch"), DOC_LEFT, 18, 0 },
		{ _("Next touch"), DOC_LEFT, 16, 0 },
	};
	struct build *b = arg;
	char *since, *last, *next;
	int mark;

	(void)err;
	if (b->t == NULL)
		b->t = REPORT_TABLE(b->d, NULL, NULL, 0, cols);
	mark = w->next.id == 0;
	b->n++;
	b->bare += mark;
	since = since_text(&w->since);
	last = last_text(&w->last);
	next = next_text(&w->next);
	doc_rowv(b->t, mark ? DOC_ROW_MARK : DOC_ROW, mark ? "!" : "",
	    w->company, report_manager_name(w->manager_login,
	    w->manager_name), since, last, next);
	free(since);
	free(last);
	free(next);
	return SO_OK;
}

int
report_followup(struct db *db, const struct report_query *q, struct doc *out,
    struct so_err *err)
{
	struct rep_period p;
	struct build b = { .d = out };
	size_t para, n, bare;
	int64_t manager, now;
	char *s;
	int code;

	code = report_begin(db, q, _("Follow-up: warm clients"), out, err);
	if (code != SO_OK)
		return code;
	manager = report_query_manager(db, q);
	now = report_query_now(db, q);
	/* the paragraph counts what the table then lists: its words
	 * come once the rows have gone by */
	doc_para(out, "");
	para = out->nblocks - 1;
	out->landscape = 1;
	if ((code = rep_period_make(q->from, q->to, &p, err)) == SO_OK)
		code = rep_followup_each(db, manager, &p, now, row, &b, err);
	if (code != SO_OK) {
		doc_free(out);
		return code;
	}
	n = b.n;
	bare = b.bare;
	/* One English form ("companies" even for one), Russian's three;
	 * the second count is of the first's companies. */
	if (*p.from)
		s = xasprintf(P_("%zu warm companies (a proposal sent or a "
		    "meeting held in the period, nothing bought yet), %zu "
		    "without a next touch.  \"!\" marks a company with no "
		    "call, meeting or other touch planned from today on: plan "
		    "one.", "%zu warm companies (a proposal sent or a meeting "
		    "held in the period, nothing bought yet), %zu without a "
		    "next touch.  \"!\" marks a company with no call, meeting "
		    "or other touch planned from today on: plan one.", n), n,
		    bare);
	else
		s = xasprintf(P_("%zu warm companies (a proposal sent or a "
		    "meeting held, nothing bought yet), %zu without a next "
		    "touch.  \"!\" marks a company with no call, meeting or "
		    "other touch planned from today on: plan one.", "%zu warm "
		    "companies (a proposal sent or a meeting held, nothing "
		    "bought yet), %zu without a next touch.  \"!\" marks a "
		    "company with no call, meeting or other touch planned from "
		    "today on: plan one.", n), n, bare);
	doc_block_text(out, para, s);
	free(s);
	return SO_OK;
}
