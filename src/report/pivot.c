/*
 * The pivot table as a document (salesorg pivot, and the pivot screen's
 * printing): a column per row level, one per column key and the line's
 * total; a subtotal line after each group of an outer level and the
 * grand total last, both as total rows.  The figures are the store's
 * (store/pivot.h); this file only lays them out, in the messages'
 * language (money as report_money writes it).  An outer level's label
 * is written on the first line of its group only, as a person reads a
 * nested table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "report/report.h"
#include "store/pivot.h"

static char *
cell(const struct pivot_result *r, const struct pivot_cell *c)
{
	char buf[64];
	int64_t v;

	if (c->n == 0)
		return xstrdup("");
	if (r->measure == PIVOT_COUNT)
		return report_count_cell(c->n);
	if (r->value_type != FT_MONEY)
		return pivot_cell_text(r, c, 0);
	v = r->measure == PIVOT_SUM ? c->sum : (c->sum >= 0 ?
	    c->sum + c->n / 2 : c->sum - c->n / 2) / c->n;
	report_money(v, buf, sizeof(buf));
	return xstrdup(buf);
}

static void
put_row(struct doc_table *t, enum doc_row_kind kind, char **cells)
{
	size_t i;

	doc_row(t, kind, (const char *const *)cells);
	for (i = 0; i < t->ncols; i++) {
		free(cells[i]);
		cells[i] = NULL;
	}
}

/* A cell's figure for a chart: the count, the sum, the mean. */
static double
figure(const struct pivot_result *r, const struct pivot_cell *c)
{
	if (c->n == 0)
		return 0;
	if (r->measure == PIVOT_COUNT)
		return (double)c->n;
	if (r->measure == PIVOT_SUM)
		return (double)c->sum;
	return (double)c->sum / (double)c->n;
}

/* A cell as a chart writes it: the table's text, 0 for nothing. */
static char *
figure_text(const struct pivot_result *r, const struct pivot_cell *c)
{
	if (c->n == 0)
		return xstrdup(r->measure == PIVOT_AVG ? "-" : "0");
	return cell(r, c);
}

/* "Moscow / Anna": a line's labels on one line. */
static char *
line_label(const struct pivot_line *l)
{
	struct strbuf b = { 0 };
	int k;

	for (k = 0; k < l->depth; k++)
		sb_printf(&b, "%s%s", k ? " / " : "", l->labels[k]);
	if (b.s == NULL)
		return xstrdup("");
	return sb_steal(&b);
}

/*
 * The pivot's chart, above its table.  Columns that are periods make
 * a trend: the total line over them, and each line beside it when
 * there are few (PIVOT_TREND_LINES), so their shapes can be compared.
 * Other columns make a bar a line of its total -- the lines of the
 * last level when there are not too many for a page (PIVOT_BARS), else
 * the first level's subtotals, else no chart: the table is the report.
 */
#define PIVOT_TREND_LINES	5
#define PIVOT_BARS		40

static void
pivot_chart(const struct pivot_spec *spec, const struct pivot_result *r,
    struct doc *out)
{
	const struct pivot_line *l;
	const char *names[DOC_CHART_SERIES];
	struct doc_chart *ch;
	struct strbuf b = { 0 };
	double v[DOC_CHART_SERIES];
	char *text[DOC_CHART_SERIES], *title, *lab[DOC_CHART_SERIES];
	size_t i, j, nleaf = 0, nfirst = 0, ns = 1;
	int k, depth;

	for (j = 0; j < r->nlines; j++) {
		l = &r->lines[j];
		if (l->kind == PIVOT_LEAF)
			nleaf++;
		else if (l->depth == 1)
			nfirst++;
	}
	if (spec->period != PIVOT_NONE && r->ncols >= 2) {
		names[0] = C_("pivot", "Total");
		if (nleaf > 1 && nleaf <= PIVOT_TREND_LINES)
			for (j = 0; j < r->nlines; j++)
				if (r->lines[j].kind == PIVOT_LEAF) {
					lab[ns] = line_label(&r->lines[j]);
					names[ns] = lab[ns];
					ns++;
				}
		/* TRANSLATORS: a chart's title: "Sum of Amount by
		 * Month". */
		title = xasprintf(_("%s by %s"), r->measure_label,
		    r->col_label);
		ch = doc_chart(out, DOC_CHART_TREND, title, names, ns);
		free(title);
		for (i = 1; i < ns; i++)
			free(lab[i]);
		for (i = 0; i < r->ncols; i++) {
			v[0] = figure(r, &r->col_totals[i]);
			text[0] = figure_text(r, &r->col_totals[i]);
			for (j = 0, k = 1; ns > 1 && j < r->nlines; j++)
				if (r->lines[j].kind == PIVOT_LEAF) {
					v[k] = figure(r, &r->lines[j].cells[i]);
					text[k++] = figure_text(r,
					    &r->lines[j].cells[i]);
				}
			doc_chart_point(ch, r->col_labels[i], v,
			    (const char *const *)text);
			for (k = 0; k < (int)ns; k++)
				free(text[k]);
		}
		return;
	}
	if (nleaf >= 1 && nleaf <= PIVOT_BARS)
		depth = r->nlevels;
	else if (r->nlevels > 1 && nfirst >= 1 && nfirst <= PIVOT_BARS)
		depth = 1;
	else
		return;
	for (k = 0; k < depth; k++)
		sb_printf(&b, "%s%s", k ? " > " : "", r->level_labels[k]);
	title = xasprintf(_("%s by %s"), r->measure_label, sb_str(&b));
	sb_free(&b);
	ch = doc_chart(out, DOC_CHART_BAR, title, NULL, 1);
	free(title);
	for (j = 0; j < r->nlines; j++) {
		l = &r->lines[j];
		if (l->depth != depth)
			continue;
		lab[0] = line_label(l);
		v[0] = figure(r, &l->total);
		text[0] = figure_text(r, &l->total);
		doc_chart_point(ch, lab[0], v, (const char *const *)text);
		free(lab[0]);
		free(text[0]);
	}
}

int
report_pivot_doc(struct db *db, const struct pivot_spec *spec,
    const struct pivot_result *r, struct doc *out, struct so_err *err)
{
	const struct pivot_line *l, *prev = NULL;
	struct doc_col *cols;
	struct doc_table *t;
	struct strbuf b = { 0 };
	char **cells, *period = NULL, *tmp = NULL;
	size_t ncols, i, j;
	int k, nl = r->nlevels;

	(void)db;
	(void)err;
	doc_init(out, _("Pivot table"));
	if (*r->from || *r->to)
		period = xasprintf("%s - %s", *r->from ? r->from : "...",
		    *r->to ? r->to : "...");
	doc_meta(out, period, NULL, NULL);
	free(period);
	/* what it is: "Payments: Sum of Amount by Category x Month" */
	sb_printf(&b, "%s: %s, ", entity_plural(r->ent), r->measure_label);
	for (k = 0; k < nl; k++)
		sb_printf(&b, "%s%s", k ? " > " : "", r->level_labels[k]);
	sb_printf(&b, " x %s", r->col_label);
	if (spec->filter && *spec->filter)
		sb_printf(&b, "; %s %s", _("filter"), spec->filter);
	if (*r->on)
		/* TRANSLATORS: the pivot as it was at the end of day %s */
		sb_printf(&b, "; %s", (tmp = xasprintf(_("as on %s"),
		    r->on)));
	doc_para(out, sb_str(&b));
	sb_free(&b);
	free(tmp);
	out->landscape = r->ncols > 6;
	pivot_chart(spec, r, out);

	ncols = (size_t)nl + r->ncols + 1;
	cols = xcalloc(ncols, sizeof(*cols));
	for (k = 0; k < nl; k++) {
		cols[k].label = r->level_labels[k];
		cols[k].align = DOC_LEFT;
		cols[k].max = 30;
	}
	for (i = 0; i < r->ncols; i++) {
		cols[nl + i].label = r->col_labels[i];
		cols[nl + i].align = DOC_RIGHT;
	}
	cols[ncols - 1].label = (char *)C_("pivot", "Total");
	cols[ncols - 1].align = DOC_RIGHT;
	t = doc_table(out, cols, ncols);
	free(cols);
	cells = xcalloc(ncols, sizeof(*cells));
	for (j = 0; j < r->nlines; j++) {
		l = &r->lines[j];
		if (l->kind == PIVOT_SUBTOTAL) {
			for (k = 0; k < l->depth; k++)
				cells[k] = xstrdup(l->labels[k]);
			cells[l->depth] = xstrdup(C_("pivot", "Total"));
		} else
			for (k = 0; k < nl; k++) {
				/* an outer label once per group */
				int same = prev && k < nl - 1;
				int m;

				for (m = 0; same && m <= k; m++)
					same = strcmp(prev->keys[m],
					    l->keys[m]) == 0;
				cells[k] = xstrdup(same ? "" : l->labels[k]);
			}
		for (i = 0; i < r->ncols; i++)
			cells[nl + i] = cell(r, &l->cells[i]);
		cells[ncols - 1] = cell(r, &l->total);
		for (i = 0; i < ncols; i++)
			if (cells[i] == NULL)
				cells[i] = xstrdup("");
		put_row(t, l->kind == PIVOT_SUBTOTAL ? DOC_ROW_TOTAL : DOC_ROW,
		    cells);
		prev = l->kind == PIVOT_LEAF ? l : NULL;
	}
	cells[0] = xstrdup(C_("pivot", "Total"));
	for (k = 1; k < nl; k++)
		cells[k] = xstrdup("");
	for (i = 0; i < r->ncols; i++)
		cells[nl + i] = cell(r, &r->col_totals[i]);
	cells[ncols - 1] = cell(r, &r->total);
	put_row(t, DOC_ROW_TOTAL, cells);
	free(cells);
	return SO_OK;
}
