/*
 * The sales report: what each manager closed and collected in the period
 * (won, lost, payments, the conversion won / (won + lost)) with the
 * department's total, and the pipeline as it stands now.  For one
 * manager it adds the deals behind the figures: those closed in the
 * period and those still open, by stage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "report/report.h"
#include "store/entity.h"
#include "store/product.h"
#include "store/report_sales.h"

/* "37.5%" with the language's decimal sign, whatever LC_NUMERIC
 * printf follows says. */
static char *
conversion(int64_t won, int64_t lost)
{
	char *s, *p;

	if (won + lost == 0)
		return xstrdup("-");
	s = xasprintf("%.1f%%", 100.0 * (double)won / (double)(won + lost));
	if ((p = strpbrk(s, ".,")) != NULL)
		*p = *i18n_decimal_sign();
	return s;
}

static void
sales_row(struct doc_table *t, enum doc_row_kind kind, const char *who,
    const struct rep_sales_row *r)
{
	char *c[7];
	int i;

	c[0] = xstrdup(who);
	c[1] = report_count_cell(r->won);
	c[2] = report_money_cell(r->won_sum);
	c[3] = report_count_cell(r->lost);
	c[4] = report_money_cell(r->lost_sum);
	c[5] = report_money_cell(r->paid);
	c[6] = conversion(r->won, r->lost);
	doc_row(t, kind, (const char *const *)c);
	for (i = 0; i < 7; i++)
		free(c[i]);
}

static void
managers(struct doc *d, const struct rep_sales *s, int total)
{
	const struct doc_col cols[] = {
		{ _("Manager"), DOC_LEFT, 18, 0 },
		/* TRANSLATORS: deals won (a count). */
		{ _("Won"), DOC_RIGHT, 5, 0 },
		{ _("Won, sum"), DOC_RIGHT, 16, 0 },
		/* TRANSLATORS: deals lost (a count). */
		{ _("Lost"), DOC_RIGHT, 5, 0 },
		{ _("Lost, sum"), DOC_RIGHT, 16, 0 },
		{ _("Payments"), DOC_RIGHT, 16, 0 },
		/* TRANSLATORS: conversion, won / (won + lost), a narrow
		 * column. */
		{ _("Conv."), DOC_RIGHT, 6, 0 },
	};
	struct doc_table *t = REPORT_TABLE(d, NULL, NULL, 0, cols);
	struct rep_sales_row sum = { 0 };
	const struct rep_sales_row *r;
	size_t i;
	const char *who;

	for (i = 0; i < s->nrows; i++) {
		r = &s->rows[i];
		who = r->user_id == 0 ? _("(no manager)") :
		    report_manager_name(r->login, r->full_name);
		sales_row(t, DOC_ROW, who, r);
		sum.won += r->won;
		sum.won_sum += r->won_sum;
		sum.lost += r->lost;
		sum.lost_sum += r->lost_sum;
		sum.paid += r->paid;
	}
	if (total)
		sales_row(t, DOC_ROW_TOTAL, _("Total"), &sum);
}

/* whose: the manager's name, NULL for the department. */
static void
pipeline(struct doc *d, const struct rep_sales *s, const char *whose)
{
	const struct doc_col cols[] = {
		{ _("Stage"), DOC_LEFT, 24, 0 },
		{ _("Deals"), DOC_RIGHT, 7, 0 },
		{ _("Sum"), DOC_RIGHT, 18, 0 },
	};
	struct doc_table *t;
	int64_t count = 0, total = 0;
	char *h, *c, *m;
	size_t i;

	if (whose)
		h = xasprintf(_("Pipeline now: %s"), whose);
	else
		h = xstrdup(_("Pipeline now: the department"));
	t = REPORT_TABLE(d, h, NULL, 0, cols);
	free(h);
	for (i = 0; i < s->nstages; i++) {
		c = report_count_cell(s->stages[i].count);
		m = report_money_cell(s->stages[i].sum);
		doc_rowv(t, DOC_ROW, s->stages[i].name, c, m);
		free(c);
		free(m);
		count += s->stages[i].count;
		total += s->stages[i].sum;
	}
	c = report_count_cell(count);
	m = report_money_cell(total);
	doc_rowv(t, DOC_ROW_TOTAL, _("Total"), c, m);
	free(c);
	free(m);
}

static void
closed_deals(struct doc *d, const struct rep_sales *s)
{
	const struct doc_col cols[] = {
		{ _("Deal"), DOC_LEFT, 20, 0 },
		{ _("Company"), DOC_LEFT, 18, 0 },
		{ _("Stage"), DOC_LEFT, 8, 0 },
		{ _("Amount"), DOC_RIGHT, 16, 0 },
		{ _("Closed on"), DOC_LEFT, 10, 0 },
		{ _("Lost reason"), DOC_LEFT, 18, 0 },
	};
	struct doc_table *t;
	const struct rep_deal *x;
	char day[32];
	size_t i;
	char *m;

	t = REPORT_TABLE(d, _("Deals closed in the period"), _("No deal was "
	    "won or lost in the period."), s->nclosed, cols);
	if (t == NULL)
		return;
	for (i = 0; i < s->nclosed; i++) {
		x = &s->closed[i];
		m = report_money_cell(x->amount);
		report_date(x->closed_on, day, sizeof(day));
		doc_rowv(t, DOC_ROW, x->title, x->company, x->stage, m, day,
		    x->lost_reason);
		free(m);
	}
}

static void
open_deals(struct doc *d, const struct rep_sales *s)
{
	const struct doc_col cols[] = {
		{ _("Deal"), DOC_LEFT, 28, 0 },
		{ _("Company"), DOC_LEFT, 28, 0 },
		{ _("Amount"), DOC_RIGHT, 16, 0 },
	};
	struct doc_table *t;
	const struct rep_deal *x;
	const char *stage = NULL;
	size_t i;
	char *m;

	t = REPORT_TABLE(d, _("Open deals by stage"), _("No open deals."),
	    s->nopen, cols);
	if (t == NULL)
		return;
	for (i = 0; i < s->nopen; i++) {
		x = &s->open[i];
		if (stage == NULL || strcmp(stage, x->stage) != 0)
			doc_rowv(t, DOC_ROW_GROUP, stage = x->stage, "", "");
		m = report_money_cell(x->amount);
		doc_rowv(t, DOC_ROW, x->title, x->company, m);
		free(m);
	}
}

/* The period's payments by product group (store/product.h: a deal's
 * payment split over its lines' groups). */
static int
by_group(struct db *db, struct doc *d, const struct rep_period *p,
    int64_t manager, struct so_err *err)
{
	const struct doc_col cols[] = {
		{ _("Product group"), DOC_LEFT, 30, 0 },
		{ _("Paid"), DOC_RIGHT, 18, 0 },
	};
	struct group_amount *v;
	struct doc_table *t;
	int64_t total = 0;
	size_t i, n;
	char *m;
	int code;

	if ((code = store_payments_by_group(db, p->from, p->to, manager, &v,
	    &n, err)) != SO_OK)
		return code;
	t = REPORT_TABLE(d, _("Payments by product group"), NULL, 0, cols);
	for (i = 0; i < n; i++) {
		m = report_money_cell(v[i].amount);
		doc_rowv(t, DOC_ROW, v[i].group_id ? v[i].name :
		    _("(no group)"), m);
		free(m);
		total += v[i].amount;
	}
	m = report_money_cell(total);
	doc_rowv(t, DOC_ROW_TOTAL, _("Total"), m);
	free(m);
	group_amounts_free(v, n);
	return SO_OK;
}

int
report_sales(struct db *db, const struct report_query *q, struct doc *out,
    struct so_err *err)
{
	struct rep_sales s;
	struct rep_period p;
	int64_t manager;
	int code;

	if ((code = report_begin(db, q, _("Sales results"), out, err)) !=
	    SO_OK)
		return code;
	manager = report_query_manager(db, q);
	if ((code = rep_period_make(q->from, q->to, &p, err)) == SO_OK)
		code = rep_sales_load(db, manager, &p, 1, &s, err);
	if (code != SO_OK) {
		doc_free(out);
		return code;
	}
	out->landscape = 1;
	doc_heading(out, manager ? _("Results in the period") :
	    _("Results in the period by manager"));
	managers(out, &s, manager == 0);
	/* The period's plans, when it has any: plan, fact and share. */
	if ((code = report_plan_section(db, q, &s, out, err)) != SO_OK) {
		rep_sales_clear(&s);
		doc_free(out);
		return code;
	}
	pipeline(out, &s, manager ? out->user : NULL);
	if (manager) {
		closed_deals(out, &s);
		open_deals(out, &s);
	}
	rep_sales_clear(&s);
	if (q->by_group && (code = by_group(db, out, &p, manager, err)) !=
	    SO_OK) {
		doc_free(out);
		return code;
	}
	return SO_OK;
}
