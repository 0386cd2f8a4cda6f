/*
 * The client-base audit by ABC: how many companies are A, B and C in the
 * audit month and what they paid, who moved between categories since an
 * earlier month (up, down, newly paying, stopped paying), and which
 * companies that matter nobody has touched for N days (90 unless the
 * team set report.audit.idle_days), counted back from today or from the
 * end of a past period -- the list a head of sales hands back to the
 * managers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "report/report.h"
#include "store/entity.h"
#include "store/report_audit.h"

static void
count_row(struct doc_table *t, enum doc_row_kind kind, const char *label,
    int64_t count, const char *sum)
{
	char *c = report_count_cell(count);

	doc_rowv(t, kind, label, c, sum);
	free(c);
}

static void
categories(struct doc *d, const struct rep_audit *a)
{
	const struct doc_col cols[] = {
		{ _("Category"), DOC_LEFT, 16, 0 },
		{ _("Companies"), DOC_RIGHT, 9, 0 },
		{ _("Payments in the month"), DOC_RIGHT, 21, 0 },
	};
	static const char *const names[3] = { "A", "B", "C" };
	struct doc_table *t;
	int64_t count = 0, sum = 0;
	char *h, *m, month[64];
	int i;

	report_month(a->month, month, sizeof(month));
	/* TRANSLATORS: %s is a month: "2026-11" in English, "ноябрь
	 * 2026" in Russian. */
	h = xasprintf(_("Categories in %s"), month);
	t = REPORT_TABLE(d, h, NULL, 0, cols);
	free(h);
	for (i = 0; i < 3; i++) {
		m = report_money_cell(a->sum[i]);
		count_row(t, DOC_ROW, names[i], a->count[i], m);
		free(m);
		count += a->count[i];
		sum += a->sum[i];
	}
	/* TRANSLATORS: companies with no ABC category. */
	count_row(t, DOC_ROW, _("unranked"), a->unranked, "");
	m = report_money_cell(sum);
	count_row(t, DOC_ROW_TOTAL, _("Total"), count + a->unranked, m);
	free(m);
}

/* The order of the categories: A best, unranked (0) worst. */
static int
level(char rank)
{
	return rank ? 'D' - rank : 0;
}

static void
movers(struct doc *d, const struct rep_audit *a)
{
	const struct doc_col cols[] = {
		{ _("Organization"), DOC_LEFT, 24, 0 },
		{ _("Manager"), DOC_LEFT, 14, 0 },
		/* TRANSLATORS: the category a company had (3 columns at
		 * most, it may wrap). */
		{ _("Was"), DOC_CENTER, 3, 0 },
		/* TRANSLATORS: the category a company has now. */
		{ _("Now"), DOC_CENTER, 3, 0 },
		{ _("Paid before"), DOC_RIGHT, 14, 0 },
		{ _("Paid now"), DOC_RIGHT, 14, 0 },
	};
	const struct rep_mover *m;
	struct doc_table *t;
	size_t i, up = 0, down = 0, in = 0, out = 0;
	char was[2], now[2], *s, *b, *n, base[64], month[64];

	report_month(a->base, base, sizeof(base));
	report_month(a->month, month, sizeof(month));
	s = xasprintf(_("Moved between categories: %s -> %s"), base, month);
	doc_heading(d, s);
	free(s);
	for (i = 0; i < a->nmovers; i++) {
		m = &a->movers[i];
		if (m->old_rank == 0)
			in++;
		else if (m->new_rank == 0)
			out++;
		else if (level(m->new_rank) > level(m->old_rank))
			up++;
		else
			down++;
	}
	/* TRANSLATORS: four counts of companies, then a month; "-" is
	 * what the table shows for a company without a category. */
	s = xasprintf(_("%zu moved up, %zu moved down, %zu newly ranked, %zu "
	    "dropped out (paid nothing in %s).  \"-\" is no rank."), up, down,
	    in, out, month);
	doc_para(d, s);
	free(s);
	if (a->nmovers == 0)
		return;
	t = REPORT_TABLE(d, NULL, NULL, 0, cols);
	for (i = 0; i < a->nmovers; i++) {
		m = &a->movers[i];
		snprintf(was, sizeof(was), "%c", m->old_rank ? m->old_rank : '-');
		snprintf(now, sizeof(now), "%c", m->new_rank ? m->new_rank : '-');
		b = report_money_cell(m->old_rank ? m->old_total : SO_NULL);
		n = report_money_cell(m->new_rank ? m->new_total : SO_NULL);
		doc_rowv(t, DOC_ROW, m->company, report_manager_name(
		    m->manager_login, m->manager_name), was, now, b, n);
		free(b);
		free(n);
	}
}

static void
idle(struct doc *d, const struct rep_audit *a)
{
	const struct doc_col cols[] = {
		{ _("Organization"), DOC_LEFT, 26, 0 },
		{ _("Manager"), DOC_LEFT, 14, 0 },
		/* TRANSLATORS: the ABC category, a column 4 wide. */
		{ _("Cat."), DOC_CENTER, 4, 0 },
		{ _("Status"), DOC_LEFT, 9, 0 },
		{ _("Last touch"), DOC_LEFT, 20, 0 },
	};
	const struct rep_idle *x;
	struct doc_table *t;
	char since[32], day[32], month[64], rank[2], *s;
	size_t i;

	i18n_date_short((time_t)a->idle_from, since, sizeof(since));
	/* The English has always said "days" (1 is a setting nobody
	 * makes): one English form, Russian's three. */
	s = xasprintf(P_("No touch for %d days (none since %s)",
	    "No touch for %d days (none since %s)", a->idle_days),
	    a->idle_days, since);
	doc_heading(d, s);
	free(s);
	if (*a->month) {
		report_month(a->month, month, sizeof(month));
		s = xasprintf(P_("%zu companies ranked in %s or customers "
		    "with no call, meeting or other touch done since %s.",
		    "%zu companies ranked in %s or customers with no call, "
		    "meeting or other touch done since %s.", a->nidle),
		    a->nidle, month, since);
	} else
		s = xasprintf(P_("%zu companies ranked in the audit month or "
		    "customers with no call, meeting or other touch done "
		    "since %s.", "%zu companies ranked in the audit month or "
		    "customers with no call, meeting or other touch done "
		    "since %s.", a->nidle), a->nidle, since);
	doc_para(d, s);
	free(s);
	if (a->nidle == 0)
		return;
	t = REPORT_TABLE(d, NULL, NULL, 0, cols);
	for (i = 0; i < a->nidle; i++) {
		x = &a->idle[i];
		snprintf(rank, sizeof(rank), "%c", x->rank ? x->rank : '-');
		if (x->last.id) {
			i18n_date_short((time_t)x->last.at, day, sizeof(day));
			s = xasprintf("%s %s", day, x->last.type);
		} else
			s = xstrdup(_("never"));
		doc_rowv(t, DOC_ROW, x->company, report_manager_name(
		    x->manager_login, x->manager_name), rank, x->status, s);
		free(s);
	}
}

int
report_audit(struct db *db, const struct report_query *q, struct doc *out,
    struct so_err *err)
{
	struct rep_period p;
	struct rep_audit a;
	int64_t manager, now;
	int code;

	code = report_begin(db, q, _("Client base audit (ABC)"), out, err);
	if (code != SO_OK)
		return code;
	manager = report_query_manager(db, q);
	now = report_query_now(db, q);
	if ((code = rep_period_make(q->from, q->to, &p, err)) == SO_OK)
		code = rep_audit_load(db, manager, &p, now, &a, err);
	if (code != SO_OK) {
		doc_free(out);
		return code;
	}
	if (*a.month)
		categories(out, &a);
	else
		doc_para(out, _("No month has been ranked yet: the ranks come "
		    "from the payments of closed months (salesorg abc)."));
	if (*a.base)
		movers(out, &a);
	else if (*a.month)
		doc_para(out, _("No earlier ranked month to compare with."));
	idle(out, &a);
	rep_audit_clear(&a);
	return SO_OK;
}
