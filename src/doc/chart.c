/*
 * Charts in text (doc.h): the scale every writer shares, the bars and
 * sparklines of Unicode blocks, and a chart laid out as lines for the
 * text writer and the TUI's preview.
 *
 * A bar is full blocks and one of the seven eighth blocks (U+2589 ..
 * U+258F), so it is exact to an eighth of a cell: a stage reached by
 * 3 of 8 deals in 20 cells is 7 cells and a half, not 8.  A sparkline
 * is one of the eight lower blocks (U+2581 .. U+2588) a point.  Both
 * make "something" at least the smallest step and leave nothing (0,
 * or a negative value, floored) blank, as a month with no sale is a
 * gap and not a low month.
 *
 * A bar chart's lines are the label (cut with "…" at a third of the
 * line), the bar and the value written right-aligned after it; a
 * second series is a second line of light shade (░, whole cells: it
 * is read beside the first, not measured), and a reference is a thin
 * mark (▏) in the cell where a bar of that value ends -- hidden under
 * a bar that goes past it, as on the plan screen.  A trend's lines are
 * a sparkline per series on its own scale (its shape is what it says;
 * its largest value is written after it), with the first and last
 * periods under them.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "doc/doc.h"

#define BAR_MAX		50	/* a bar is not wider, however wide the line */
#define BAR_FREE	40	/* a line without a limit */
#define BAR_MIN		4
#define LABEL_MIN	8
#define SPARK_MIN	8
#define SPARK_REP	3	/* cells a point, when there is room */

static const char *const eighth[] = { "", "\u258f", "\u258e", "\u258d",
    "\u258c", "\u258b", "\u258a", "\u2589" };
static const char *const spark[] = { " ", "\u2581", "\u2582", "\u2583",
    "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };
/* The second and later series' bars. */
static const char *const shade[] = { "\u2588", "\u2591", "\u2592",
    "\u2593" };
#define FULL	"\u2588"
#define MARK	"\u258f"

double
doc_chart_max(const struct doc_chart *c)
{
	double max = 0;
	size_t i;

	for (i = 0; i < c->n * c->nseries; i++)
		if (c->v[i] > max)
			max = c->v[i];
	if (c->has_ref && c->ref > max)
		max = c->ref;
	return max;
}

int
doc_chart_eighths(double v, double max, int cells)
{
	double e;

	if (!(v > 0) || !(max > 0) || cells <= 0)
		return 0;
	if (v > max)
		v = max;
	e = floor(v / max * cells * 8 + 0.5);
	if (e < 1)
		e = 1;
	return (int)e;
}

char *
doc_chart_bar(double v, double max, int cells)
{
	struct strbuf b = { 0 };
	int e = doc_chart_eighths(v, max, cells), i;

	for (i = 0; i < e / 8; i++)
		sb_add(&b, FULL);
	sb_add(&b, eighth[e % 8]);
	if (b.s == NULL)
		return xstrdup("");
	return sb_steal(&b);
}

char *
doc_chart_spark(const double *v, size_t n, double max, int width)
{
	struct strbuf b = { 0 };
	double *cell, sum;
	size_t k, ncells, i, j, m;

	if (n == 0 || width <= 0)
		return xstrdup("");
	k = (n + (size_t)width - 1) / (size_t)width;
	ncells = (n + k - 1) / k;
	cell = xcalloc(ncells, sizeof(*cell));
	for (i = 0; i < ncells; i++) {
		sum = 0;
		for (j = i * k, m = 0; j < n && j < (i + 1) * k; j++, m++)
			sum += v[j] > 0 ? v[j] : 0;
		cell[i] = sum / (double)m;
	}
	if (max <= 0)
		for (i = 0; i < ncells; i++)
			if (cell[i] > max)
				max = cell[i];
	for (i = 0; i < ncells; i++)
		sb_add(&b, spark[doc_chart_eighths(cell[i], max, 1)]);
	free(cell);
	return sb_steal(&b);
}

/* ---- lines ---- */

struct out {
	char	**v;
	size_t	  n, cap;
};

/* Adds b's text, trailing blanks dropped, cut at width (0: no limit). */
static void
out_add(struct out *o, struct strbuf *b, int width)
{
	char *s = sb_steal(b);
	size_t n = strlen(s);

	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	if (width > 0 && utf8_width(s) > width)
		s[utf8_fit(s, width, NULL)] = '\0';
	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 16;
		o->v = xrealloc(o->v, o->cap * sizeof(*o->v));
	}
	o->v[o->n++] = s;
}

/* s on one line, sanitized (a label with a line break is one line). */
static char *
flat(const char *s)
{
	char *t = xstrdup(s ? s : ""), *p, *r;

	for (p = t; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	r = utf8_sanitize(t);
	free(t);
	return r;
}

/* s in w columns: cut with "…", or padded (right: on the left). */
static void
put(struct strbuf *b, const char *s, int w, int right)
{
	char *f = flat(s);
	size_t k;
	int sw = utf8_width(f);

	if (sw > w) {
		k = utf8_cut(f, w, &sw);
		sb_addn(b, f, k);
		sb_add(b, "\u2026");
		sw++;
		right = 0;
	} else if (right) {
		sb_printf(b, "%*s", w - sw, "");
		sb_add(b, f);
	} else
		sb_add(b, f);
	if (!right)
		sb_printf(b, "%*s", w - sw > 0 ? w - sw : 0, "");
	free(f);
}

static int
width_of(const char *s)
{
	char *f = flat(s);
	int w = utf8_width(f);

	free(f);
	return w;
}

static int
imin(int a, int b)
{
	return a < b ? a : b;
}

/* The widest label (cut at cap). */
static int
label_width(const struct doc_chart *c, int cap)
{
	size_t i;
	int w = 0;

	for (i = 0; i < c->n; i++)
		if (width_of(c->labels[i]) > w)
			w = width_of(c->labels[i]);
	return imin(w, cap);
}

static int
text_width(const struct doc_chart *c)
{
	size_t i;
	int w = 0;

	for (i = 0; i < c->n * c->nseries; i++)
		if (width_of(c->text[i]) > w)
			w = width_of(c->text[i]);
	return w;
}

/* The legend: a glyph and a name per series, and the reference. */
static void
legend(const struct doc_chart *c, int width, struct out *o)
{
	struct strbuf b = { 0 };
	size_t s;

	if ((c->nseries < 2 || c->kind != DOC_CHART_BAR) && !c->has_ref)
		return;
	for (s = 0; c->kind == DOC_CHART_BAR && c->nseries > 1 &&
	    s < c->nseries; s++) {
		sb_printf(&b, "%s%s ", s ? "   " : "", shade[s % 4]);
		put(&b, c->names[s], width_of(c->names[s]), 0);
	}
	if (c->has_ref) {
		sb_printf(&b, "%s" MARK " ", b.len ? "   " : "");
		put(&b, c->ref_label, width_of(c->ref_label), 0);
	}
	out_add(o, &b, width);
}

/* One bar of series s in cells (+1 for the reference's mark). */
static void
bar_cells(struct strbuf *b, const struct doc_chart *c, size_t s, double v,
    double max, int cells)
{
	int e = doc_chart_eighths(v, max, cells), full, part = 0, mark = -1;
	int i, n = cells + (c->has_ref ? 1 : 0);

	if (s == 0) {
		full = e / 8;
		part = e % 8;
	} else
		full = e > 0 && (e + 4) / 8 == 0 ? 1 : (e + 4) / 8;
	if (c->has_ref)
		mark = doc_chart_eighths(c->ref, max, cells) / 8;
	for (i = 0; i < n; i++) {
		if (i < full)
			sb_add(b, shade[s % 4]);
		else if (i == full && part > 0)
			sb_add(b, eighth[part]);
		else if (i == mark)
			sb_add(b, MARK);
		else
			sb_addc(b, ' ');
	}
}

static void
bar_lines(const struct doc_chart *c, int width, struct out *o)
{
	struct strbuf b = { 0 };
	double max = doc_chart_max(c);
	int labw, valw, cells, extra = c->has_ref ? 1 : 0;
	size_t i, s;

	valw = text_width(c);
	labw = label_width(c, width > 0 ? (width / 3 > LABEL_MIN ? width / 3 :
	    LABEL_MIN) : 40);
	if (width > 0) {
		cells = width - labw - 2 - valw - extra;
		if (cells > BAR_MAX)
			cells = BAR_MAX;
		if (cells < BAR_MIN) {
			cells = BAR_MIN;
			labw = width - 2 - valw - extra - cells;
			if (labw < 1)
				labw = 1;
		}
	} else
		cells = BAR_FREE;
	for (i = 0; i < c->n; i++)
		for (s = 0; s < c->nseries; s++) {
			put(&b, s == 0 ? c->labels[i] : "", labw, 0);
			sb_addc(&b, ' ');
			bar_cells(&b, c, s, c->v[i * c->nseries + s], max,
			    cells);
			sb_addc(&b, ' ');
			put(&b, c->text[i * c->nseries + s], valw, 1);
			out_add(o, &b, width);
		}
}

static void
trend_lines(const struct doc_chart *c, int width, struct out *o)
{
	struct strbuf b = { 0 };
	double *v;
	char *sp, *top;
	size_t i, s, best, k;
	int namew = 0, valw, cells, used, fw, lw, rep, r;

	/* TRANSLATORS: after a sparkline: its largest value. */
	const char *maxfmt = C_("chart", "max %s");

	for (s = 0; s < c->nseries; s++)
		if (width_of(c->names[s]) > namew)
			namew = width_of(c->names[s]);
	namew = imin(namew, width > 0 ? width / 4 : 30);
	top = xasprintf(maxfmt, "");
	valw = width_of(top) + text_width(c);
	free(top);
	if (width > 0) {
		cells = width - (namew ? namew + 1 : 0) - 2 - valw;
		if (cells < SPARK_MIN)
			cells = SPARK_MIN;
		if ((size_t)cells > c->n)
			cells = (int)c->n;
	} else
		cells = (int)c->n;
	/* a few periods a cell each would be a smudge: up to three */
	rep = width > 0 ? (width - (namew ? namew + 1 : 0) - 2 - valw) /
	    (int)c->n : SPARK_REP;
	if (rep > SPARK_REP)
		rep = SPARK_REP;
	if (rep < 1 || (size_t)cells < c->n)
		rep = 1;
	v = xcalloc(c->n ? c->n : 1, sizeof(*v));
	used = 0;
	for (s = 0; s < c->nseries; s++) {
		best = 0;
		for (i = 0; i < c->n; i++) {
			v[i] = c->v[i * c->nseries + s];
			if (v[i] > v[best])
				best = i;
		}
		if (namew) {
			put(&b, c->names[s], namew, 0);
			sb_addc(&b, ' ');
		}
		sp = doc_chart_spark(v, c->n, 0, cells);
		used = 0;
		for (i = 0; sp[i] != '\0'; i += k) {
			k = (size_t)utf8_next(sp, i) - i;
			for (r = 0; r < rep; r++, used++)
				sb_addn(&b, sp + i, k);
		}
		free(sp);
		sb_add(&b, "  ");
		top = xasprintf(maxfmt, c->text[best * c->nseries + s]);
		sb_add(&b, top);
		free(top);
		out_add(o, &b, width);
	}
	free(v);
	/* the first and the last period under the lines */
	fw = width_of(c->labels[0]);
	lw = width_of(c->labels[c->n - 1]);
	if (namew)
		sb_printf(&b, "%*s", namew + 1, "");
	if (c->n > 1 && fw + 1 + lw <= used) {
		put(&b, c->labels[0], used - lw, 0);
		put(&b, c->labels[c->n - 1], lw, 0);
	} else
		put(&b, c->labels[0], fw, 0);
	out_add(o, &b, width);
}

void
doc_chart_lines(const struct doc_chart *c, int width, char ***lines,
    size_t *nlines)
{
	struct out o = { 0 };
	struct strbuf b = { 0 };

	if (*c->title) {
		put(&b, c->title, width_of(c->title), 0);
		out_add(&o, &b, width);
	}
	if (c->n > 0) {
		legend(c, width, &o);
		if (c->kind == DOC_CHART_BAR)
			bar_lines(c, width, &o);
		else
			trend_lines(c, width, &o);
	}
	*lines = o.v;
	*nlines = o.n;
}
