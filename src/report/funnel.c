/*
 * The funnel, the forecast and the client dynamics as documents
 * (store/report_funnel.h has what each figure means).
 *
 * Each funnel's table comes after its chart, a bar a stage of how many
 * of the cohort reached it (doc.h: drawn in text, HTML and PDF, left
 * out of the CSV, which has the figures alone); the dynamics draw the
 * new buyers beside the buyers lost, a pair of bars a period.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "report/report.h"
#include "store/report_funnel.h"

/* "62.5%" (one decimal, the language's sign), "-" without a base. */
static char *
percent(int64_t part, int64_t whole)
{
	char *s, *p;

	if (whole <= 0)
		return xstrdup("-");
	s = xasprintf("%.1f%%", 100.0 * (double)part / (double)whole);
	if ((p = strpbrk(s, ".,")) != NULL)
		*p = *i18n_decimal_sign();
	return s;
}

static char *
avg_days(int64_t secs, int64_t n)
{
	char *s, *p;

	if (n <= 0)
		return xstrdup("-");
	s = xasprintf("%.1f", (double)secs / (double)n / 86400.0);
	if ((p = strpbrk(s, ".,")) != NULL)
		*p = *i18n_decimal_sign();
	return s;
}

static void
funnel_table(struct doc *d, const char *heading, const char *first,
    const char *count_line, const char *chart_title,
    const struct rep_funnel *f)
{
	const struct doc_col cols[] = {
		{ (char *)first, DOC_LEFT, 22, 0 },
		/* TRANSLATORS: how many of the cohort got to the stage. */
		{ _("Reached"), DOC_RIGHT, 7, 0 },
		/* TRANSLATORS: conversion from the stage before, a
		 * narrow column. */
		{ _("Conv."), DOC_RIGHT, 6, 0 },
		/* TRANSLATORS: stays in the stage that ended in the
		 * period (a count). */
		{ _("Left"), DOC_RIGHT, 5, 0 },
		{ _("Avg days"), DOC_RIGHT, 8, 0 },
	};
	struct doc_table *t;
	struct doc_chart *ch;
	const struct rep_funnel_step *s;
	int64_t prev = -1;
	char *c[5], *name;
	double v;
	size_t i;
	int k;

	doc_heading(d, heading);
	doc_para(d, count_line);
	/* a funnel nobody entered has no shape to draw */
	for (i = 0; i < f->nsteps; i++)
		if (f->steps[i].reached > 0)
			break;
	ch = i < f->nsteps ? doc_chart(d, DOC_CHART_BAR, chart_title, NULL,
	    1) : NULL;
	t = REPORT_TABLE(d, NULL, NULL, 0, cols);
	for (i = 0; i < f->nsteps; i++) {
		s = &f->steps[i];
		if (s->retired && s->reached == 0 && s->stays == 0)
			continue;
		/* TRANSLATORS: after a retired stage's name in the
		 * funnel. */
		name = s->retired ? xasprintf(_("%s (retired)"), s->name) :
		    xstrdup(s->name);
		c[0] = name;
		c[1] = report_count_cell(s->reached);
		/* The lost are a share of the cohort; a step of the
		 * path, of the step before. */
		c[2] = s->kind == REP_STEP_LOST ? percent(s->reached,
		    f->cohort) : prev < 0 ? xstrdup("-") :
		    percent(s->reached, prev);
		c[3] = report_count_cell(s->stays);
		c[4] = avg_days(s->stay_secs, s->stays);
		doc_row(t, s->kind == REP_STEP_LOST ? DOC_ROW_MARK : DOC_ROW,
		    (const char *const *)c);
		v = (double)s->reached;
		if (ch != NULL)
			doc_chart_point(ch, name, &v,
			    (const char *const *)&c[1]);
		for (k = 0; k < 5; k++)
			free(c[k]);
		if (s->kind != REP_STEP_LOST)
			prev = s->reached;
	}
}

int
report_funnel(struct db *db, const struct report_query *q, struct doc *out,
    struct so_err *err)
{
	struct rep_funnel deals, cos;
	struct rep_period p;
	int64_t manager;
	char *line;
	int code;

	if ((code = report_begin(db, q, _("Sales funnel"), out, err)) != SO_OK)
		return code;
	manager = report_query_manager(db, q);
	if ((code = rep_period_make(q->from, q->to, &p, err)) != SO_OK ||
	    (code = rep_funnel_deals(db, manager, &p, &deals, err)) != SO_OK) {
		doc_free(out);
		return code;
	}
	if ((code = rep_funnel_companies(db, manager, &p, &cos, err)) !=
	    SO_OK) {
		rep_funnel_clear(&deals);
		doc_free(out);
		return code;
	}
	/* TRANSLATORS: the deal funnel's cohort. */
	line = xasprintf(P_("%lld deal created in the period; reached: how "
	    "many got that far; left and days: the stays in a stage that "
	    "ended in the period.", "%lld deals created in the period; "
	    "reached: how many got that far; left and days: the stays in a "
	    "stage that ended in the period.", deals.cohort),
	    (long long)deals.cohort);
	funnel_table(out, _("Deals by stage"), _("Stage"), line,
	    /* TRANSLATORS: the deal funnel's chart. */
	    _("Deals that reached each stage"), &deals);
	free(line);
	/* TRANSLATORS: the company funnel's cohort. */
	line = xasprintf(P_("%lld company added in the period.",
	    "%lld companies added in the period.", cos.cohort),
	    (long long)cos.cohort);
	funnel_table(out, _("Companies by status"), _("Status"), line,
	    /* TRANSLATORS: the company funnel's chart. */
	    _("Companies that reached each status"), &cos);
	free(line);
	rep_funnel_clear(&deals);
	rep_funnel_clear(&cos);
	return SO_OK;
}

/* ---- the forecast ---- */

static void
forecast_row(struct doc_table *t, enum doc_row_kind kind, const char *month,
    const char *who, int64_t deals, int64_t amount, int64_t w100)
{
	char *c[5];
	int k;

	c[0] = xstrdup(month);
	c[1] = xstrdup(who);
	c[2] = report_count_cell(deals);
	c[3] = report_money_cell(amount);
	c[4] = report_money_cell(rep_forecast_money(w100));
	doc_row(t, kind, (const char *const *)c);
	for (k = 0; k < 5; k++)
		free(c[k]);
}

int
report_forecast(struct db *db, const struct report_query *q,
    struct doc *out, struct so_err *err)
{
	const struct doc_col cols[] = {
		{ _("Month"), DOC_LEFT, 14, 0 },
		{ _("Manager"), DOC_LEFT, 20, 0 },
		{ _("Deals"), DOC_RIGHT, 6, 0 },
		{ _("Amount"), DOC_RIGHT, 16, 0 },
		/* TRANSLATORS: the amount times the stage's win
		 * probability. */
		{ _("Weighted"), DOC_RIGHT, 16, 0 },
	};
	struct rep_forecast f;
	struct rep_period p;
	struct doc_table *t;
	const struct rep_forecast_row *r;
	int64_t manager, md = 0, ma = 0, mw = 0, td = 0, ta = 0, tw = 0;
	char month[48], *m, *line;
	size_t i, inmonth = 0;
	int code;

	if ((code = report_begin(db, q, _("Sales forecast"), out, err)) !=
	    SO_OK)
		return code;
	manager = report_query_manager(db, q);
	if ((code = rep_period_make(q->from, q->to, &p, err)) != SO_OK ||
	    (code = rep_forecast_load(db, manager, &p, &f, err)) != SO_OK) {
		doc_free(out);
		return code;
	}
	doc_para(out, _("Open deals by the month they are expected to close; "
	    "weighted: the amount times the stage's win probability."));
	t = REPORT_TABLE(out, NULL, _("No open deal is expected to close in "
	    "the period."), f.nrows, cols);
	for (i = 0; t && i < f.nrows; i++) {
		r = &f.rows[i];
		report_month(r->month, month, sizeof(month));
		forecast_row(t, DOC_ROW, inmonth ? "" : month,
		    r->user_id ? report_manager_name(r->login,
		    r->full_name) : _("(no manager)"), r->deals, r->amount,
		    r->weighted100);
		inmonth++;
		md += r->deals;
		ma += r->amount;
		mw += r->weighted100;
		if (i + 1 == f.nrows || strcmp(f.rows[i + 1].month,
		    r->month) != 0) {
			if (inmonth > 1)
				forecast_row(t, DOC_ROW_TOTAL, "",
				    _("Month's total"), md, ma, mw);
			td += md;
			ta += ma;
			tw += mw;
			md = ma = mw = 0;
			inmonth = 0;
		}
	}
	if (t)
		forecast_row(t, DOC_ROW_TOTAL, _("Total"), "", td, ta, tw);
	if (f.undated) {
		m = report_money_cell(f.undated_amount);
		/* TRANSLATORS: deals left out of the forecast. */
		line = xasprintf(P_("%lld open deal (%s) has no expected close "
		    "date and is not in the forecast.", "%lld open deals (%s) "
		    "have no expected close date and are not in the forecast.",
		    f.undated), (long long)f.undated, m);
		doc_para(out, line);
		free(line);
		free(m);
	}
	rep_forecast_clear(&f);
	return SO_OK;
}

/* ---- the dynamics ---- */

int
report_dynamics(struct db *db, const struct report_query *q,
    struct doc *out, struct so_err *err)
{
	const struct doc_col cols[] = {
		{ _("Period"), DOC_LEFT, 16, 0 },
		{ _("New buyers"), DOC_RIGHT, 10, 0 },
		{ _("Buyers lost"), DOC_RIGHT, 11, 0 },
		{ _("Regular clients' purchases"), DOC_RIGHT, 16, 0 },
		{ _("All payments"), DOC_RIGHT, 16, 0 },
	};
	struct rep_dyn_row *v, sum = { "", "", 0, 0, 0, 0 };
	struct rep_period p;
	struct doc_table *t;
	struct doc_chart *ch = NULL;
	char today[11], label[48], *c[5], *line;
	int64_t manager;
	size_t n, i;
	int code, k, y, m, months = q->dyn_months ? q->dyn_months : 6;
	char step = q->dyn_step ? q->dyn_step : 'm';

	if ((code = report_begin(db, q, _("Client dynamics"), out, err)) !=
	    SO_OK)
		return code;
	manager = report_query_manager(db, q);
	dt_format_date((time_t)report_query_now(db, q), today);
	if ((code = rep_period_make(q->from, q->to, &p, err)) != SO_OK ||
	    (code = rep_dynamics_load(db, manager, &p, step, months, today,
	    &v, &n, err)) != SO_OK) {
		doc_free(out);
		return code;
	}
	/* TRANSLATORS: what the dynamics' columns count. */
	line = xasprintf(P_("New buyers: their first payment ever; buyers "
	    "lost: %d month without a payment ended in the period; regular "
	    "clients: the companies whose status is regular now.", "New "
	    "buyers: their first payment ever; buyers lost: %d months "
	    "without a payment ended in the period; regular clients: the "
	    "companies whose status is regular now.", months), months);
	doc_para(out, line);
	free(line);
	if (n > 0) {
		const char *names[2];

		names[0] = _("New buyers");
		names[1] = _("Buyers lost");
		/* TRANSLATORS: the dynamics' chart. */
		ch = doc_chart(out, DOC_CHART_BAR, _("New buyers and buyers "
		    "lost by period"), names, 2);
	}
	t = REPORT_TABLE(out, NULL, _("No period to show."), n, cols);
	for (i = 0; t && i < n; i++) {
		sscanf(v[i].from, "%4d-%2d", &y, &m);
		if (step == 'q')
			/* TRANSLATORS: a quarter: "Q4 2026". */
			snprintf(label, sizeof(label), _("Q%d %d"),
			    (m - 1) / 3 + 1, y);
		else {
			char ym[8];

			snprintf(ym, sizeof(ym), "%.7s", v[i].from);
			report_month(ym, label, sizeof(label));
		}
		c[0] = xstrdup(label);
		c[1] = report_count_cell(v[i].new_buyers);
		c[2] = report_count_cell(v[i].lost_buyers);
		c[3] = report_money_cell(v[i].regular_paid);
		c[4] = report_money_cell(v[i].paid);
		doc_row(t, DOC_ROW, (const char *const *)c);
		if (ch != NULL) {
			double pair[2];

			pair[0] = (double)v[i].new_buyers;
			pair[1] = (double)v[i].lost_buyers;
			doc_chart_point(ch, label, pair,
			    (const char *const *)&c[1]);
		}
		for (k = 0; k < 5; k++)
			free(c[k]);
		sum.new_buyers += v[i].new_buyers;
		sum.lost_buyers += v[i].lost_buyers;
		sum.regular_paid += v[i].regular_paid;
		sum.paid += v[i].paid;
	}
	if (t) {
		c[0] = xstrdup(_("Total"));
		c[1] = report_count_cell(sum.new_buyers);
		c[2] = report_count_cell(sum.lost_buyers);
		c[3] = report_money_cell(sum.regular_paid);
		c[4] = report_money_cell(sum.paid);
		doc_row(t, DOC_ROW_TOTAL, (const char *const *)c);
		for (k = 0; k < 5; k++)
			free(c[k]);
	}
	free(v);
	return SO_OK;
}
