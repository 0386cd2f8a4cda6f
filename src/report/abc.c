/*
 * The ABC/VIP report: what the organizer's method asks a head of sales
 * to look at each month.  The month-by-month table says how much of the
 * money the top fifth brings (the 80 of 20/80); the VIP list is whom to
 * keep; the half-year table shows who stays VIP and who comes and goes;
 * the bottom 20 % are the difficult clients, worth a look at what they
 * cost.  The figures are ranked on the fly (store/report_abc.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "report/report.h"
#include "store/report_abc.h"
#include "store/sales.h"
#include "store/settings.h"

/* Days in the month ym ("YYYY-MM"). */
static int
month_days(const char *ym)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y = atoi(ym), m = atoi(ym + 5);

	if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 29;
	return days[(m - 1) % 12];
}

/* The label of the criterion's column, NULL for sum (the money columns
 * say it). */
static const char *
value_label(enum abc_by by)
{
	switch (by) {
	case ABC_BY_COUNT:
		return _("Payments");
	case ABC_BY_UNITS:
		return _("Units");
	case ABC_BY_SERVICES:
		return _("Services");
	default:
		return NULL;
	}
}

static char *
value_cell(enum abc_by by, int64_t v)
{
	return by == ABC_BY_SERVICES ? report_money_cell(v) :
	    report_count_cell(v);
}

/* "78.4 %": part of whole, one decimal, rounded. */
static char *
share_cell(int64_t part, int64_t whole)
{
	int64_t pm;

	if (whole <= 0)
		return xstrdup("");
	pm = (part * 1000 + whole / 2) / whole;
	return xasprintf("%lld.%lld %%", (long long)(pm / 10),
	    (long long)(pm % 10));
}

/* A list of clients rows[from..to): No, client, paid, spent, value. */
static void
clients(struct doc *d, const char *heading, const char *empty,
    enum abc_by by, const struct abc_client *rows, size_t from, size_t to)
{
	struct doc_col cols[] = {
		{ _("No."), DOC_RIGHT, 4, 0 },
		{ _("Client"), DOC_LEFT, 30, 0 },
		{ _("Paid"), DOC_RIGHT, 16, 0 },
		{ _("Spent"), DOC_RIGHT, 14, 0 },
		{ NULL, DOC_RIGHT, 12, 0 },
	};
	const char *vl = value_label(by);
	struct doc_table *t;
	char *cells[5];
	size_t i, j;

	cols[4].label = (char *)vl;
	t = report_table(d, heading, empty, to - from, cols, vl ? 5 : 4);
	if (t == NULL)
		return;
	for (i = from; i < to; i++) {
		cells[0] = report_count_cell((int64_t)(i - from + 1));
		cells[1] = xstrdup(rows[i].name);
		cells[2] = report_money_cell(rows[i].paid);
		cells[3] = report_money_cell(rows[i].spent);
		cells[4] = vl ? value_cell(by, rows[i].value) : NULL;
		doc_row(t, DOC_ROW, (const char *const *)cells);
		for (j = 0; j < 5; j++)
			free(cells[j]);
	}
}

static void
monthly(struct doc *d, const struct abc_window *w, size_t n)
{
	const struct doc_col cols[] = {
		{ _("Month"), DOC_LEFT, 14, 0 },
		{ _("Invoices paid"), DOC_RIGHT, 9, 0 },
		{ _("Companies paying"), DOC_RIGHT, 9, 0 },
		{ _("20 % (A)"), DOC_RIGHT, 8, 0 },
		{ _("Their money"), DOC_RIGHT, 16, 0 },
		{ _("Share"), DOC_RIGHT, 8, 0 },
	};
	struct doc_table *t = REPORT_TABLE(d, _("Month by month"), NULL, n,
	    cols);
	char m[64], *c[5];
	size_t i, j;

	for (i = 0; i < n; i++) {
		report_month(w[i].last, m, sizeof(m));
		c[0] = report_count_cell(w[i].invoices);
		c[1] = report_count_cell(w[i].companies);
		c[2] = report_count_cell(w[i].top);
		c[3] = report_money_cell(w[i].top_money);
		c[4] = share_cell(w[i].top_money, w[i].money);
		doc_rowv(t, DOC_ROW, m, c[0], c[1], c[2], c[3], c[4]);
		for (j = 0; j < 5; j++)
			free(c[j]);
	}
}

/* The rank of company id in window w, '\0' for none. */
static char
rank_in(const struct abc_window *w, int64_t id)
{
	size_t i;

	for (i = 0; i < w->nrows; i++)
		if (w->rows[i].id == id)
			return w->rows[i].rank;
	return '\0';
}

struct vip {
	int64_t		 id;
	const char	*name;
	int		 months;	/* windows of rank A */
};

static int
vip_cmp(const void *a, const void *b)
{
	const struct vip *x = a, *y = b;
	int c;

	if (x->months != y->months)
		return y->months - x->months;
	if ((c = strcmp(x->name, y->name)) != 0)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * Every company of rank A in any of the windows w[0..n), most windows
 * first, with its rank in each: a steady VIP reads A A A A A A.
 */
static void
half_year(struct doc *d, const struct abc_window *w, size_t n)
{
	struct doc_col cols[2 + ABC_DOC_WINDOWS + 1];
	char labels[ABC_DOC_WINDOWS][64], *c[2 + ABC_DOC_WINDOWS + 1];
	struct vip *v = NULL;
	struct doc_table *t;
	size_t nv = 0, i, j, k;

	for (i = 0; i < n; i++)
		for (j = 0; j < w[i].nrows && w[i].rows[j].rank == 'A'; j++) {
			for (k = 0; k < nv; k++)
				if (v[k].id == w[i].rows[j].id)
					break;
			if (k == nv) {
				v = xrealloc(v, (nv + 1) * sizeof(*v));
				v[nv].id = w[i].rows[j].id;
				v[nv].name = w[i].rows[j].name;
				v[nv++].months = 0;
			}
			v[k].months++;
		}
	if (nv > 1)
		qsort(v, nv, sizeof(*v), vip_cmp);
	memset(cols, 0, sizeof(cols));
	cols[0] = (struct doc_col){ _("No."), DOC_RIGHT, 4, 0 };
	cols[1] = (struct doc_col){ _("Client"), DOC_LEFT, 30, 0 };
	for (i = 0; i < n; i++) {
		report_month(w[i].last, labels[i], sizeof(labels[i]));
		cols[2 + i] = (struct doc_col){ labels[i], DOC_LEFT, 8, 0 };
	}
	cols[2 + n] = (struct doc_col){ _("Months A"), DOC_RIGHT, 8, 0 };
	t = report_table(d, _("VIP of the half-year"), _("No company was of "
	    "rank A in these months."), nv, cols, n + 3);
	for (k = 0; t && k < nv; k++) {
		c[0] = report_count_cell((int64_t)k + 1);
		c[1] = xstrdup(v[k].name);
		for (i = 0; i < n; i++) {
			char r = rank_in(&w[i], v[k].id);

			c[2 + i] = r ? xasprintf("%c", r) : xstrdup("");
		}
		c[2 + n] = report_count_cell(v[k].months);
		doc_row(t, DOC_ROW, (const char *const *)c);
		for (i = 0; i < n + 3; i++)
			free(c[i]);
	}
	free(v);
}

int
report_abc_doc(struct db *db, enum abc_by by, int months, const char *month,
    int parts, int64_t now, struct doc *out, struct so_err *err)
{
	static const char *const by_text[] = {
		N_("the sum of payments (net of refunds)"),
		N_("the number of payments"),
		N_("the units of goods shipped"),
		N_("the sum paid for services"),
	};
	struct abc_window w[ABC_DOC_WINDOWS];
	const struct abc_window *last;
	struct report_query q;
	size_t i, nw = parts == ABC_DOC_BOTTOM ? 1 : ABC_DOC_WINDOWS, b;
	char first[8], m[64], *s;
	int code = SO_OK;

	memset(w, 0, sizeof(w));
	if (!abc_month_valid(month))
		return so_err_field(err, SO_EINVAL, "month", _("\"%s\" is not "
		    "a month (YYYY-MM)"), month ? month : "");
	/* The windows oldest first, the asked one last. */
	for (i = 0; i < nw && code == SO_OK; i++) {
		abc_month_add(month, (int)i - (int)nw + 1, first);
		code = abc_rank_window(db, by, first, months, &w[i], err);
	}
	if (code != SO_OK)
		goto done;
	memset(&q, 0, sizeof(q));
	snprintf(q.from, sizeof(q.from), "%s-01", w[0].first);
	snprintf(q.to, sizeof(q.to), "%s-%02d", month, month_days(month));
	q.all = 1;
	q.now = now;
	if ((code = report_begin(db, &q, _("ABC/VIP by the 20/80 rule"), out,
	    err)) != SO_OK)
		goto done;
	last = &w[nw - 1];
	if (months == 1)
		s = xasprintf(_("Ranked by %s, month by month: A, the VIP, "
		    "are the top 20 %% of the paying companies, B the next "
		    "20 %%, C the rest."), _(by_text[by]));
	else
		s = xasprintf(P_("Ranked by %s over %d month to the month "
		    "named: A, the VIP, are the top 20 %% of the paying "
		    "companies, B the next 20 %%, C the rest.", "Ranked by %s "
		    "over %d months to the month named: A, the VIP, are the "
		    "top 20 %% of the paying companies, B the next 20 %%, C "
		    "the rest.", months), _(by_text[by]), months);
	doc_para(out, s);
	free(s);
	report_month(last->last, m, sizeof(m));
	if (parts != ABC_DOC_BOTTOM) {
		monthly(out, w, nw);
		s = xasprintf(_("VIP of %s"), m);
		clients(out, s, _("No company paid in these months."), by,
		    last->rows, 0, (size_t)last->top);
		free(s);
		half_year(out, w, nw);
	}
	b = abc_bottom(last);
	s = xasprintf(_("The bottom 20 %% of %s: the difficult clients"), m);
	clients(out, s, _("No company below rank A to list."), by,
	    last->rows, b, last->nrows);
	free(s);
done:
	for (i = 0; i < nw; i++)
		abc_window_free(&w[i]);
	return code;
}

/*
 * The report from the registry (report.h), for salesorg report abc and
 * the Reports screen: the period's end names the window's last month,
 * so the screen's month picker and [ ] move it; the criterion and the
 * window are the query's, else the team's (what the stored ranks go
 * by, so the report and the lists agree).
 */
int
report_abc(struct db *db, const struct report_query *q, struct doc *out,
    struct so_err *err)
{
	char day[11], month[8];
	int by, months, code;

	if (*q->to)
		snprintf(month, sizeof(month), "%.7s", q->to);
	else {
		dt_format_date((time_t)report_query_now(db, q), day);
		snprintf(month, sizeof(month), "%.7s", day);
	}
	settings_abc_rule(db, &by, &months);
	if (q->abc_by > 0)
		by = q->abc_by - 1;
	if (q->abc_months > 0)
		months = q->abc_months;
	if ((code = report_abc_doc(db, (enum abc_by)by, months, month,
	    q->abc_bottom ? ABC_DOC_BOTTOM : ABC_DOC_ALL,
	    report_query_now(db, q), out, err)) != SO_OK)
		return code;
	/* The half-year's table is eight columns of months and ranks:
	 * 132 columns of text, a turned page, as the wide reports. */
	out->landscape = 1;
	return SO_OK;
}
