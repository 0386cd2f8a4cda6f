/*
 * The plan report: per manager and for the team, each measure that has
 * a plan in the period -- plan, fact, the share of the plan done, and
 * the forecast at the period's end -- and the same plan, fact and share
 * under the sales report's figures when its period has plans.  The
 * figures and their rules (facts, the team's plan without one, the
 * linear forecast in working days) are the store's, store/plan.h.
 *
 * The report's period must be a whole month, quarter or year, the
 * periods plans are set for (salesorg report plan --period 2026-Q4);
 * the sales report over any other span simply has no plan table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "report/report.h"
#include "store/entity.h"
#include "store/plan.h"

char *
report_percent_cell(int64_t plan, int has_plan, int64_t fact)
{
	double pct;
	char *s, *p;

	if (!has_plan || !plan_percent(plan, fact, &pct))
		return xstrdup("-");
	s = xasprintf("%.1f%%", pct);
	if ((p = strpbrk(s, ".,")) != NULL)
		*p = *i18n_decimal_sign();
	return s;
}

static char *
amount_cell(enum plan_measure m, int64_t v)
{
	return plan_measure_money(m) ? report_money_cell(v) :
	    report_count_cell(v);
}

static void
fig_row(struct doc_table *t, enum plan_measure m, const struct plan_fig *r,
    int forecast)
{
	char *c[6];
	int i, n = forecast ? 6 : 4;

	if (r->user_id == 0)
		c[0] = xstrdup(r->summed ? _("Team (the managers' plans "
		    "summed)") : _("Team"));
	else
		c[0] = xstrdup(report_manager_name(r->login, r->full_name));
	c[1] = r->has_plan ? amount_cell(m, r->plan) : xstrdup("-");
	c[2] = amount_cell(m, r->fact);
	c[3] = report_percent_cell(r->plan, r->has_plan, r->fact);
	if (forecast) {
		c[4] = r->forecast < 0 ? xstrdup("-") : amount_cell(m,
		    r->forecast);
		c[5] = r->forecast < 0 ? xstrdup("-") :
		    report_percent_cell(r->plan, r->has_plan, r->forecast);
	}
	doc_row(t, r->user_id ? DOC_ROW : DOC_ROW_TOTAL,
	    (const char *const *)c);
	for (i = 0; i < n; i++)
		free(c[i]);
}

/*
 * The plan report's chart of a measure: a bar a manager (and the team)
 * of the share of the plan done, with the mark at 100 %, so who is
 * short of the plan and who is past it is seen down the page.  Rows
 * without a plan have no share and no bar.
 */
static void
fig_chart(struct doc *d, enum plan_measure m, const struct plan_figures *f)
{
	const struct plan_fig *r;
	struct doc_chart *ch;
	double pct;
	char *title, *text, *label;
	size_t i;

	/* TRANSLATORS: a chart's title: "Payments: the share of the plan
	 * done". */
	title = xasprintf(_("%s: the share of the plan done"),
	    plan_measure_label(m));
	ch = doc_chart(d, DOC_CHART_BAR, title, NULL, 1);
	free(title);
	/* TRANSLATORS: the mark across the plan chart's bars. */
	doc_chart_ref(ch, 100, _("plan (100%)"));
	for (i = 0; i < f->nrows[m]; i++) {
		r = &f->rows[m][i];
		if (!r->has_plan || !plan_percent(r->plan, r->fact, &pct))
			continue;
		text = report_percent_cell(r->plan, r->has_plan, r->fact);
		label = r->user_id ? xstrdup(report_manager_name(r->login,
		    r->full_name)) : xstrdup(_("Team"));
		doc_chart_point(ch, label, &pct, (const char *const *)&text);
		free(label);
		free(text);
	}
}

/* The tables of f: one per measure with a plan, with the forecast at
 * the period's end; charts: under a heading with its chart (the plan
 * report's), else titled (the sales report's).  Returns how many. */
static int
fig_tables(struct doc *d, const struct plan_figures *f, int charts)
{
	const struct doc_col cols[] = {
		{ _("Manager"), DOC_LEFT, 24, 0 },
		{ _("Plan"), DOC_RIGHT, 16, 0 },
		{ _("Fact"), DOC_RIGHT, 16, 0 },
		/* TRANSLATORS: the share of the plan done, a narrow
		 * column. */
		{ (char *)C_("plan", "Done"), DOC_RIGHT, 7, 0 },
		/* TRANSLATORS: the fact forecast at the period's end. */
		{ _("Forecast"), DOC_RIGHT, 16, 0 },
		/* TRANSLATORS: the forecast as a share of the plan. */
		{ _("Fcst %"), DOC_RIGHT, 7, 0 },
	};
	struct doc_table *t;
	char *h;
	size_t i;
	int m, n = 0;

	for (m = 0; m < PLAN_NMEASURES; m++) {
		if (!f->any_plan[m])
			continue;
		/* TRANSLATORS: a table's heading: "Plan: Payments". */
		h = xasprintf(_("Plan: %s"), plan_measure_label(m));
		if (charts) {
			doc_heading(d, h);
			fig_chart(d, m, f);
		}
		t = report_table(d, charts ? NULL : h, NULL, 0, cols, 6);
		free(h);
		for (i = 0; i < f->nrows[m]; i++)
			fig_row(t, m, &f->rows[m][i], 1);
		n++;
	}
	return n;
}

int
report_plan_section(struct db *db, const struct report_query *q,
    const struct rep_sales *sales, struct doc *out, struct so_err *err)
{
	struct plan_figures f;
	struct plan_period p;
	struct plan_row *v;
	size_t n;
	int code;

	if (!plan_period_of(q->from, q->to, &p))
		return SO_OK;
	/* Cheap first: most periods have no plan. */
	code = plan_list(db, p.key, q->all ? PLAN_ANYONE :
	    report_query_manager(db, q), &v, &n, err);
	if (code != SO_OK)
		return code;
	plan_rows_free(v, n);
	if (n == 0)
		return SO_OK;
	if ((code = plan_figures_load_sales(db, &p, report_query_manager(db,
	    q), sales, &f, err)) != SO_OK)
		return code;
	fig_tables(out, &f, 0);
	plan_figures_clear(&f);
	return SO_OK;
}

int
report_plan(struct db *db, const struct report_query *q, struct doc *out,
    struct so_err *err)
{
	struct plan_figures f;
	struct plan_period p;
	char *s;
	int code;

	if (!plan_period_of(q->from, q->to, &p))
		return so_err_field(err, SO_EINVAL, "period", _("the plan "
		    "report covers a month, a quarter or a year (--period "
		    "2026-12, 2026-Q4 or 2026), not %s - %s"), q->from, q->to);
	if ((code = report_begin(db, q, _("Plan and fact"), out, err)) !=
	    SO_OK)
		return code;
	if ((code = plan_figures_load(db, &p, report_query_manager(db, q), &f,
	    err)) != SO_OK) {
		doc_free(out);
		return code;
	}
	out->landscape = 1;
	s = xasprintf(_("Working days in the period: %d, elapsed: %d. The "
	    "forecast is the fact so far carried on at the same pace to "
	    "the period's end."), f.workdays, f.elapsed);
	doc_para(out, s);
	free(s);
	if (fig_tables(out, &f, 1) == 0)
		doc_para(out, _("No plan is set for this period (salesorg "
		    "plan set)."));
	plan_figures_clear(&f);
	return SO_OK;
}
