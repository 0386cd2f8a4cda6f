/*
 * The PDF writer (doc.h): a document typeset with Cairo and Pango, the
 * form a manager prints every morning.  Pango shapes the text (Cyrillic,
 * and any script fontconfig has a font for) in DejaVu Sans; Cairo's PDF
 * surface embeds the fonts, so the file prints the same anywhere.
 *
 * Layout is a flow down the page: every page opens with a header (title
 * and "page N of M", the period, the user, a rule), then headings,
 * paragraphs broken between lines, and tables whose rows never split
 * across pages unless one alone is taller than a page.  A table that goes
 * on to a new page repeats its header row there.
 *
 * "page N of M" needs M before page 1 is drawn, so the document is laid
 * out twice by the same code: a counting pass with nothing drawn, then
 * the drawing pass (struct pdf's draw flag).  Table column widths and row
 * heights are measured once before both passes, so the two cannot
 * disagree and each cell is measured only once.
 *
 * Units are PostScript points throughout; Pango is told 72 dpi so that a
 * 9 pt font is 9 units, and metrics hinting is off so that measuring and
 * drawing give the same sizes.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "doc/doc.h"
#include "pdf_api.h"

#define MM		(72.0 / 25.4)
#define MARGIN		(15 * MM)
#define PAD_X		3.0	/* cell padding, left and right */
#define PAD_Y		2.0	/* cell padding, top and bottom */
#define HAND_ROW	(8 * MM)	/* row height with a column to write in */
#define HAND_CHARS	16	/* a blank column is at least this wide */
#define FONT		"DejaVu Sans"

/* Measured once per table: the widths of its columns (text area, without
 * padding) and the height of each row and of the header row. */
struct tab {
	double	*w;
	double	*rh;
	double	 hh;
};

struct pdf {
	const struct doc *d;
	cairo_t		*cr;
	PangoFontMap	*fontmap;
	PangoContext	*ctx;
	PangoLayout	*lay;
	PangoFontDescription *body, *bold, *title, *heading, *small;
	double		 pw, ph;		/* page size */
	double		 left, right, top, bottom;	/* content box */
	double		 y;		/* where the next thing goes */
	double		 body_top;	/* y below the page header */
	double		 charw;		/* an average character of body */
	double		 line_h;	/* one line of body text */
	int		 draw;		/* 0: counting pass */
	int		 page, pages;	/* current; total (drawing pass) */
	int		 empty;		/* nothing below the header yet */
	struct tab	*tabs;		/* one per block (tables only) */
};

/* ---- text ---- */

/* A copy of s fit for Pango: valid UTF-8, line breaks kept as '\n' (CR LF
 * and CR become one), tabs as spaces, every other control character in
 * caret notation as utf8_sanitize makes it, so nothing is dropped. */
static char *
clean(const char *s)
{
	struct strbuf out = { 0 }, line = { 0 };
	char *safe;

	for (;; s++) {
		if (*s == '\0' || *s == '\n' || *s == '\r') {
			safe = utf8_sanitize(sb_str(&line));
			sb_add(&out, safe);
			free(safe);
			sb_reset(&line);
			if (*s == '\0')
				break;
			if (*s == '\r' && s[1] == '\n')
				s++;
			sb_addc(&out, '\n');
		} else
			sb_addc(&line, *s == '\t' ? ' ' : *s);
	}
	sb_free(&line);
	if (out.s == NULL)
		return xstrdup("");
	return sb_steal(&out);
}

/* Puts s into the shared layout: font, wrap width (0: none), alignment. */
static void
set_text(struct pdf *p, const char *s, const PangoFontDescription *font,
    double width, PangoAlignment align)
{
	char *c;

	c = clean(s ? s : "");
	pango_layout_set_font_description(p->lay, font);
	pango_layout_set_width(p->lay,
	    width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_wrap(p->lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(p->lay, align);
	pango_layout_set_text(p->lay, c, -1);
	free(c);
}

static double
text_w(struct pdf *p)
{
	int w, h;

	pango_layout_get_size(p->lay, &w, &h);
	return (double)w / PANGO_SCALE;
}

static double
text_h(struct pdf *p)
{
	int w, h;

	pango_layout_get_size(p->lay, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* Draws the layout with its top left corner at x, y (drawing pass only). */
static void
show(struct pdf *p, double x, double y)
{
	if (!p->draw)
		return;
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->lay);
}

/* ---- drawing primitives (no-ops in the counting pass) ---- */

static void
hline(struct pdf *p, double x0, double x1, double y, double width)
{
	if (!p->draw)
		return;
	cairo_set_line_width(p->cr, width);
	cairo_move_to(p->cr, x0, y);
	cairo_line_to(p->cr, x1, y);
	cairo_stroke(p->cr);
}

static void
vline(struct pdf *p, double x, double y0, double y1, double width)
{
	if (!p->draw)
		return;
	cairo_set_line_width(p->cr, width);
	cairo_move_to(p->cr, x, y0);
	cairo_line_to(p->cr, x, y1);
	cairo_stroke(p->cr);
}

static void
fill(struct pdf *p, double x, double y, double w, double h, double r,
    double g, double b)
{
	if (!p->draw)
		return;
	cairo_set_source_rgb(p->cr, r, g, b);
	cairo_rectangle(p->cr, x, y, w, h);
	cairo_fill(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
}

/* ---- pages ---- */

/* The header every page opens with; leaves p->y below its rule.  The
 * title's width does not depend on the page label, so both passes give
 * the header the same height. */
static void
page_begin(struct pdf *p)
{
	/* TRANSLATORS: flush right in every page's header of a report. */
	const char *fmt = _("page %d of %d");
	char label[128];
	double cw = p->right - p->left, lw, h1, h2;

	p->page++;
	p->y = p->top;
	/* the room the widest label takes, the same on every page */
	snprintf(label, sizeof(label), fmt, 9999, 9999);
	set_text(p, label, p->body, 0, PANGO_ALIGN_LEFT);
	if (p->pages > 0)
		snprintf(label, sizeof(label), fmt, p->page, p->pages);
	else
		snprintf(label, sizeof(label), fmt, p->page, p->page);
	lw = text_w(p);
	set_text(p, label, p->body, lw, PANGO_ALIGN_RIGHT);
	show(p, p->right - lw, p->y + 3);
	h1 = text_h(p) + 3;
	set_text(p, p->d->title, p->title, cw - lw - 12, PANGO_ALIGN_LEFT);
	show(p, p->left, p->y);
	if (text_h(p) > h1)
		h1 = text_h(p);
	p->y += h1 + 2;

	set_text(p, p->d->generated, p->small, cw * 0.4, PANGO_ALIGN_RIGHT);
	if (p->draw)
		cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.3);
	show(p, p->right - cw * 0.4, p->y + 1);
	if (p->draw)
		cairo_set_source_rgb(p->cr, 0, 0, 0);
	h2 = text_h(p) + 1;
	{
		char *line;

		line = xasprintf("%s%s%s", p->d->period,
		    *p->d->period && *p->d->user ? "   \xc2\xb7   " : "",
		    p->d->user);
		set_text(p, line, p->body, cw * 0.6 - 6, PANGO_ALIGN_LEFT);
		free(line);
	}
	show(p, p->left, p->y);
	if (text_h(p) > h2)
		h2 = text_h(p);
	p->y += h2 + 3;
	hline(p, p->left, p->right, p->y, 0.8);
	p->y += 9;
	p->body_top = p->y;
	p->empty = 1;
}

static void
page_end(struct pdf *p)
{
	if (p->draw)
		cairo_show_page(p->cr);
}

static void
new_page(struct pdf *p)
{
	page_end(p);
	page_begin(p);
}

/* Room for h more points on this page, turning it if there is not (a
 * fresh page takes anything: what is taller than a page is split). */
static void
need(struct pdf *p, double h)
{
	if (!p->empty && p->y + h > p->bottom)
		new_page(p);
}

/* ---- headings and paragraphs ---- */

static void
heading(struct pdf *p, const char *text)
{
	double h;

	set_text(p, text, p->heading, p->right - p->left, PANGO_ALIGN_LEFT);
	h = text_h(p);
	/* a heading is not left alone at the foot of a page */
	need(p, (p->empty ? 0 : 8) + h + 3 + 3 * p->line_h);
	if (!p->empty)
		p->y += 8;
	set_text(p, text, p->heading, p->right - p->left, PANGO_ALIGN_LEFT);
	show(p, p->left, p->y);
	p->y += h + 4;
	p->empty = 0;
}

/* A paragraph line by line, so a long one breaks between lines. */
static void
para(struct pdf *p, const char *text)
{
	PangoLayoutIter *it;
	PangoRectangle log;
	double top, h, base;

	set_text(p, text, p->body, p->right - p->left, PANGO_ALIGN_LEFT);
	it = pango_layout_get_iter(p->lay);
	do {
		pango_layout_iter_get_line_extents(it, NULL, &log);
		h = (double)log.height / PANGO_SCALE;
		top = (double)log.y / PANGO_SCALE;
		base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		need(p, h);
		if (p->draw) {
			cairo_move_to(p->cr, p->left +
			    (double)log.x / PANGO_SCALE, p->y + base - top);
			pango_cairo_show_layout_line(p->cr,
			    pango_layout_iter_get_line_readonly(it));
		}
		p->y += h;
		p->empty = 0;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	p->y += 5;
}

/* ---- tables: measuring ---- */

static const PangoFontDescription *
row_font(struct pdf *p, enum doc_row_kind kind)
{
	return kind == DOC_ROW_TOTAL || kind == DOC_ROW_GROUP ? p->bold :
	    p->body;
}

static PangoAlignment
col_align(const struct doc_col *c)
{
	switch (c->align) {
	case DOC_RIGHT:
		return PANGO_ALIGN_RIGHT;
	case DOC_CENTER:
		return PANGO_ALIGN_CENTER;
	default:
		return PANGO_ALIGN_LEFT;
	}
}

static int
has_blank(const struct doc_table *t)
{
	size_t j;

	for (j = 0; j < t->ncols; j++)
		if (t->cols[j].blank)
			return 1;
	return 0;
}

/* The natural (unwrapped) width of each column: its widest value or
 * label, capped at doc_col.max characters; a blank column gets room to
 * write in by hand. */
static void
natural_widths(struct pdf *p, const struct doc_table *t, double *nat)
{
	const struct doc_col *c;
	const struct doc_row *r;
	size_t i, j;
	double w;

	for (j = 0; j < t->ncols; j++) {
		c = &t->cols[j];
		set_text(p, c->label, p->bold, 0, PANGO_ALIGN_LEFT);
		nat[j] = text_w(p);
		for (i = 0; i < t->nrows && !c->blank; i++) {
			if (doc_table_kind(t, i) == DOC_ROW_GROUP ||
			    (r = doc_table_row(t, i)) == NULL)
				continue;
			set_text(p, r->cells[j], row_font(p, r->kind), 0,
			    PANGO_ALIGN_LEFT);
			if ((w = text_w(p)) > nat[j])
				nat[j] = w;
		}
		if (c->max > 0 && nat[j] > c->max * p->charw)
			nat[j] = c->max * p->charw;
		if (c->blank && nat[j] < HAND_CHARS * p->charw)
			nat[j] = HAND_CHARS * p->charw;
		if (nat[j] < p->charw)
			nat[j] = p->charw;
	}
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * Shares the page width among the columns by water-filling: a column
 * that wants less than an equal share gets all it wants, and the columns
 * left share what remains equally, so times, dates, amounts and phones
 * stay on one line and only the long texts wrap.  When everything fits,
 * the spare room goes to the blank columns (more room to write), or to
 * every column in proportion, so a table spans the page.
 */
static void
column_widths(struct pdf *p, const struct doc_table *t, double *w)
{
	double avail, left, level, sumnat = 0, sumblank = 0;
	double *nat, *sorted;
	size_t j, k, n = t->ncols;

	nat = xcalloc(n, sizeof(*nat));
	sorted = xcalloc(n, sizeof(*sorted));
	natural_widths(p, t, nat);
	avail = p->right - p->left - n * 2 * PAD_X;
	for (j = 0; j < n; j++) {
		sumnat += nat[j];
		if (t->cols[j].blank)
			sumblank += nat[j];
	}
	if (sumnat <= avail) {
		for (j = 0; j < n; j++)
			if (sumblank > 0)
				w[j] = nat[j] + (t->cols[j].blank ?
				    (avail - sumnat) * nat[j] / sumblank : 0);
			else
				w[j] = nat[j] * avail / sumnat;
	} else {
		memcpy(sorted, nat, n * sizeof(*nat));
		qsort(sorted, n, sizeof(*sorted), cmp_double);
		left = avail;
		for (k = 0; k < n && sorted[k] * (double)(n - k) <= left; k++)
			left -= sorted[k];
		level = k < n ? left / (double)(n - k) : avail;
		for (j = 0; j < n; j++)
			w[j] = fmin(nat[j], level);
	}
	/* more columns than the page holds: they overflow, but each
	 * keeps a width Pango can wrap in */
	for (j = 0; j < n; j++)
		if (w[j] < p->charw)
			w[j] = p->charw;
	free(sorted);
	free(nat);
}

/* The height of row r (or of the header row when r is NULL). */
static double
row_height(struct pdf *p, const struct doc_table *t, const double *w,
    const struct doc_row *r)
{
	double h = 0, tw = 0;
	size_t j;

	if (r != NULL && r->kind == DOC_ROW_GROUP) {
		for (j = 0; j < t->ncols; j++)
			tw += w[j] + 2 * PAD_X;
		set_text(p, r->cells[0], p->bold, tw - 2 * PAD_X,
		    PANGO_ALIGN_LEFT);
		return text_h(p) + 2 * PAD_Y;
	}
	for (j = 0; j < t->ncols; j++) {
		if (r == NULL)
			set_text(p, t->cols[j].label, p->bold, w[j],
			    PANGO_ALIGN_LEFT);
		else
			set_text(p, r->cells[j], row_font(p, r->kind), w[j],
			    col_align(&t->cols[j]));
		if (text_h(p) > h)
			h = text_h(p);
	}
	h += 2 * PAD_Y;
	if (r != NULL && r->kind != DOC_ROW_TOTAL && has_blank(t) &&
	    h < HAND_ROW)
		h = HAND_ROW;
	return h;
}

static void
measure(struct pdf *p, const struct doc_table *t, struct tab *m)
{
	const struct doc_row *r;
	size_t i;

	m->w = xcalloc(t->ncols ? t->ncols : 1, sizeof(*m->w));
	m->rh = xcalloc(t->nrows ? t->nrows : 1, sizeof(*m->rh));
	if (t->ncols == 0)
		return;
	column_widths(p, t, m->w);
	m->hh = row_height(p, t, m->w, NULL);
	for (i = 0; i < t->nrows; i++)
		if ((r = doc_table_row(t, i)) != NULL)
			m->rh[i] = row_height(p, t, m->w, r);
}

/* ---- tables: drawing ---- */

static double
table_width(const struct doc_table *t, const struct tab *m)
{
	double tw = 0;
	size_t j;

	for (j = 0; j < t->ncols; j++)
		tw += m->w[j] + 2 * PAD_X;
	return tw;
}

/* The vertical rules of a row (or a piece of one) from y0 to y1. */
static void
col_rules(struct pdf *p, const struct doc_table *t, const struct tab *m,
    double y0, double y1, int inner)
{
	double x = p->left;
	size_t j;

	vline(p, x, y0, y1, 0.8);
	for (j = 0; j < t->ncols; j++) {
		x += m->w[j] + 2 * PAD_X;
		if (inner || j + 1 == t->ncols)
			vline(p, x, y0, y1, j + 1 == t->ncols ? 0.8 : 0.4);
	}
}

static void
header_row(struct pdf *p, const struct doc_table *t, const struct tab *m)
{
	double x = p->left, tw = table_width(t, m);
	size_t j;

	fill(p, p->left, p->y, tw, m->hh, 0.85, 0.85, 0.85);
	hline(p, p->left, p->left + tw, p->y, 0.8);
	for (j = 0; j < t->ncols; j++) {
		if (p->draw) {
			set_text(p, t->cols[j].label, p->bold, m->w[j],
			    PANGO_ALIGN_LEFT);
			show(p, x + PAD_X, p->y + PAD_Y);
		}
		x += m->w[j] + 2 * PAD_X;
	}
	col_rules(p, t, m, p->y, p->y + m->hh, 1);
	p->y += m->hh;
	hline(p, p->left, p->left + tw, p->y, 0.8);
	p->empty = 0;
}

/* Draws the cells of row r with its top at top (which may be above this
 * page's part of it when a tall row is split). */
static void
row_cells(struct pdf *p, const struct doc_table *t, const struct tab *m,
    const struct doc_row *r, double top)
{
	double x = p->left;
	size_t j;

	if (r->kind == DOC_ROW_GROUP) {
		set_text(p, r->cells[0], p->bold, table_width(t, m) - 2 * PAD_X,
		    PANGO_ALIGN_LEFT);
		show(p, x + PAD_X, top + PAD_Y);
		return;
	}
	for (j = 0; j < t->ncols; j++) {
		set_text(p, r->cells[j], row_font(p, r->kind), m->w[j],
		    col_align(&t->cols[j]));
		show(p, x + PAD_X, top + PAD_Y);
		x += m->w[j] + 2 * PAD_X;
	}
}

/* Draws the part [from, to) of row i (in the row's own coordinates) at
 * p->y and moves p->y below it. */
static void
row_piece(struct pdf *p, const struct doc_table *t, const struct tab *m,
    size_t i, double from, double to)
{
	const struct doc_row *r = doc_table_row(t, i);
	double tw = table_width(t, m), h = to - from;

	if (r == NULL)
		return;		/* doc_table_error says so */

	if (p->draw) {
		if (r->kind == DOC_ROW_MARK)
			fill(p, p->left, p->y, tw, h, 1.0, 0.82, 0.82);
		else if (r->kind == DOC_ROW_GROUP)
			fill(p, p->left, p->y, tw, h, 0.93, 0.93, 0.93);
		cairo_save(p->cr);
		cairo_rectangle(p->cr, p->left, p->y, tw, h);
		cairo_clip(p->cr);
		row_cells(p, t, m, r, p->y - from);
		cairo_restore(p->cr);
		if (r->kind == DOC_ROW_MARK && from == 0) {
			/* seen on a grey-scale printer too */
			set_text(p, "!", p->heading, 0, PANGO_ALIGN_LEFT);
			show(p, p->left - 4 - text_w(p), p->y + PAD_Y - 1);
		}
	}
	if (r->kind == DOC_ROW_TOTAL && from == 0)
		hline(p, p->left, p->left + tw, p->y, 1.6);
	col_rules(p, t, m, p->y, p->y + h, r->kind != DOC_ROW_GROUP);
	p->y += h;
	hline(p, p->left, p->left + tw, p->y, 0.4);
	p->empty = 0;
}

/*
 * A row taller than a whole page: drawn in pieces, one per page, each cut
 * at a line boundary (the cells share one font size, so their lines line
 * up) and clipped, with the header row repeated above each continuation.
 */
static void
tall_row(struct pdf *p, const struct doc_table *t, const struct tab *m,
    size_t i)
{
	double h = m->rh[i], done = 0, cut, space;

	while (h - done > p->bottom - p->y) {
		/* at least a line per page, whatever the header takes */
		space = fmax(p->bottom - p->y, 2 * PAD_Y + p->line_h);
		cut = PAD_Y + floor((done + space - PAD_Y) / p->line_h) *
		    p->line_h;
		if (cut <= done + 1)
			cut = done + space;
		if (cut >= h)
			break;
		row_piece(p, t, m, i, done, cut);
		done = cut;
		new_page(p);
		header_row(p, t, m);
	}
	row_piece(p, t, m, i, done, h);
}

static void
table(struct pdf *p, const struct doc_table *t, const struct tab *m)
{
	double fresh, want;
	size_t i;

	if (t->ncols == 0)
		return;
	/* the header row is not left alone at the foot of a page */
	want = t->nrows ? m->rh[0] : 0;
	if (t->nrows > 1 && doc_table_kind(t, 0) == DOC_ROW_GROUP)
		want += m->rh[1];
	need(p, m->hh + fmin(want, p->bottom - p->body_top - m->hh));
	header_row(p, t, m);
	for (i = 0; i < t->nrows; i++) {
		want = m->rh[i];
		/* nor a group heading without its first row */
		if (doc_table_kind(t, i) == DOC_ROW_GROUP &&
		    i + 1 < t->nrows)
			want += m->rh[i + 1];
		fresh = p->bottom - p->body_top - m->hh;
		if (p->y + want > p->bottom && p->y > p->body_top + m->hh &&
		    (m->rh[i] <= fresh || p->bottom - p->y < 3 * p->line_h)) {
			new_page(p);
			header_row(p, t, m);
		}
		if (p->y + m->rh[i] > p->bottom)
			tall_row(p, t, m, i);
		else
			row_piece(p, t, m, i, 0, m->rh[i]);
	}
	p->y += 8;
}

/* ---- charts ---- */

/*
 * A chart drawn with Cairo (doc.h has what it shows): the same colours,
 * bars and lines as the HTML's SVG, its text set by Pango in the body's
 * font.  A chart is not split across pages: it goes whole to the next
 * one when it does not fit (a chart of forty bars fits a page).  Both
 * passes measure it the same way; only the second draws.
 */
#define CH_BAR		9.0	/* a bar's thickness */
#define CH_PLOT		140.0	/* a trend's plot height */

static const double ch_colour[DOC_CHART_SERIES][3] = {
	{ 0.23, 0.43, 0.65 }, { 0.88, 0.54, 0.18 }, { 0.31, 0.60, 0.31 },
	{ 0.72, 0.29, 0.29 }, { 0.50, 0.37, 0.69 }, { 0.42, 0.42, 0.42 },
	{ 0.18, 0.64, 0.64 }, { 0.65, 0.51, 0.23 },
};

static void
ch_source(struct pdf *p, size_t s)
{
	cairo_set_source_rgb(p->cr, ch_colour[s][0], ch_colour[s][1],
	    ch_colour[s][2]);
}

/* One line of text cut with "…" at width (the layout wraps no more). */
static void
ch_label(struct pdf *p, const char *s, double width, PangoAlignment align)
{
	set_text(p, s, p->small, width, align);
	pango_layout_set_ellipsize(p->lay, PANGO_ELLIPSIZE_END);
}

/* The shared layout as it was for everything else. */
static void
ch_label_done(struct pdf *p)
{
	pango_layout_set_ellipsize(p->lay, PANGO_ELLIPSIZE_NONE);
}

static double
ch_widest(struct pdf *p, char *const *v, size_t n)
{
	double w = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		set_text(p, v[i], p->small, 0, PANGO_ALIGN_LEFT);
		w = fmax(w, text_w(p));
	}
	return w;
}

static void
ch_ref_line(struct pdf *p, double x, double y0, double y1)
{
	cairo_set_source_rgb(p->cr, 0.8, 0, 0);
	cairo_set_dash(p->cr, (const double[]){ 3, 2 }, 2, 0);
	vline(p, x, y0, y1, 1.2);
	cairo_set_dash(p->cr, NULL, 0, 0);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
}

/* The title, and the legend under it; returns the height they take. */
static double
ch_head(struct pdf *p, const struct doc_chart *c, int swatches, double y)
{
	double x = p->left, h;
	size_t s;

	set_text(p, c->title, p->bold, p->right - p->left, PANGO_ALIGN_LEFT);
	show(p, p->left, y);
	h = text_h(p) + 3;
	if ((!swatches || c->nseries < 2) && !c->has_ref)
		return h;
	for (s = 0; swatches && c->nseries > 1 && s < c->nseries; s++) {
		if (p->draw) {
			ch_source(p, s);
			cairo_rectangle(p->cr, x, y + h + 1.5, 8, 8);
			cairo_fill(p->cr);
			cairo_set_source_rgb(p->cr, 0, 0, 0);
		}
		set_text(p, c->names[s], p->small, 0, PANGO_ALIGN_LEFT);
		show(p, x + 11, y + h + 1);
		x += 11 + text_w(p) + 14;
	}
	if (c->has_ref) {
		if (p->draw)
			ch_ref_line(p, x + 4, y + h, y + h + 11);
		set_text(p, c->ref_label, p->small, 0, PANGO_ALIGN_LEFT);
		show(p, x + 11, y + h + 1);
	}
	return h + 14;
}

/* The height ch_head takes, nothing drawn. */
static double
ch_head_h(struct pdf *p, const struct doc_chart *c)
{
	int draw = p->draw;
	double h;

	p->draw = 0;
	h = ch_head(p, c, 1, 0);
	p->draw = draw;
	return h;
}

static void
ch_bars(struct pdf *p, const struct doc_chart *c)
{
	double max = doc_chart_max(c), cw = p->right - p->left, labw, valw;
	double x0, bw, rowh, head, len, y, v, refx = 0;
	size_t i, s;

	labw = fmin(ch_widest(p, c->labels, c->n), cw * 0.3);
	valw = ch_widest(p, c->text, c->n * c->nseries);
	x0 = p->left + labw + 6;
	/* a bar longer than this is no easier to compare */
	bw = fmin(fmax(cw - labw - 6 - valw - 8, 40), 340);
	rowh = (double)c->nseries * (CH_BAR + 1.5) + 3.5;
	head = ch_head_h(p, c);
	need(p, head + rowh * (double)c->n + 8);
	ch_head(p, c, 1, p->y);
	p->y += head;
	if (c->has_ref && max > 0)
		refx = x0 + bw * c->ref / max;
	for (i = 0; i < c->n; i++) {
		y = p->y + rowh * (double)i;
		ch_label(p, c->labels[i], labw, PANGO_ALIGN_RIGHT);
		show(p, p->left, y + (c->nseries * (CH_BAR + 1.5) - text_h(p))
		    / 2);
		ch_label_done(p);
		for (s = 0; s < c->nseries; s++) {
			v = c->v[i * c->nseries + s];
			len = max > 0 && v > 0 ? bw * fmin(v, max) / max : 0;
			if (p->draw && len > 0) {
				ch_source(p, s);
				cairo_rectangle(p->cr, x0, y, len, CH_BAR);
				cairo_fill(p->cr);
				cairo_set_source_rgb(p->cr, 0, 0, 0);
			}
			set_text(p, c->text[i * c->nseries + s], p->small, 0,
			    PANGO_ALIGN_LEFT);
			show(p, x0 + len + 3 + (refx > 0 && fabs(x0 + len -
			    refx) < 2 ? 2 : 0), y + (CH_BAR - text_h(p)) / 2);
			y += CH_BAR + 1.5;
		}
	}
	/* the axis the bars stand on, and the mark across them */
	vline(p, x0, p->y - 2, p->y + rowh * (double)c->n - 2, 0.6);
	if (p->draw && refx > 0)
		ch_ref_line(p, refx, p->y - 3, p->y + rowh * (double)c->n - 1);
	p->y += rowh * (double)c->n + 8;
	p->empty = 0;
}

static void
ch_trend(struct pdf *p, const struct doc_chart *c)
{
	double max = doc_chart_max(c), head, left, right, top, bottom, x, y;
	double labw, step_w, v, k;
	size_t i, s, best = 0, every;

	for (i = 0; i < c->n * c->nseries; i++)
		if (c->v[i] > c->v[best])
			best = i;
	set_text(p, c->text[best], p->small, 0, PANGO_ALIGN_LEFT);
	left = p->left + fmax(text_w(p), 8) + 6;
	right = p->right - 4;
	labw = ch_widest(p, c->labels, c->n);
	head = ch_head_h(p, c);
	need(p, head + CH_PLOT + 24);
	ch_head(p, c, 1, p->y);
	top = p->y + head + 6;
	bottom = top + CH_PLOT;
	/* 0, the middle and the largest value */
	for (k = 0; k <= 2; k++) {
		y = bottom - (bottom - top) * k / 2;
		if (p->draw) {
			if (k > 0)
				cairo_set_source_rgb(p->cr, 0.8, 0.8, 0.8);
			hline(p, left, right, y, k > 0 ? 0.4 : 0.8);
			cairo_set_source_rgb(p->cr, 0, 0, 0);
		}
	}
	vline(p, left, top, bottom, 0.8);
	set_text(p, "0", p->small, 0, PANGO_ALIGN_LEFT);
	show(p, left - 4 - text_w(p), bottom - text_h(p) / 2);
	if (max > 0) {
		set_text(p, c->text[best], p->small, 0, PANGO_ALIGN_LEFT);
		show(p, left - 4 - text_w(p), top - text_h(p) / 2);
	}
	step_w = (right - left) / (double)c->n;
	every = (size_t)ceil((labw + 6) / step_w);
	if (every < 1)
		every = 1;
	for (i = 0; i < c->n; i += every) {
		x = left + step_w * ((double)i + 0.5);
		set_text(p, c->labels[i], p->small, 0, PANGO_ALIGN_LEFT);
		show(p, x - text_w(p) / 2, bottom + 3);
		vline(p, x, bottom, bottom + 2, 0.6);
	}
	/* the first series (a pivot's total) last, on top */
	for (s = c->nseries; p->draw && s-- > 0;) {
		ch_source(p, s);
		cairo_set_line_width(p->cr, s == 0 ? 1.8 : 1.0);
		cairo_set_line_join(p->cr, CAIRO_LINE_JOIN_ROUND);
		for (i = 0; i < c->n; i++) {
			v = c->v[i * c->nseries + s];
			x = left + step_w * ((double)i + 0.5);
			y = bottom - (max > 0 && v > 0 ? (bottom - top) *
			    fmin(v, max) / max : 0);
			if (i == 0)
				cairo_move_to(p->cr, x, y);
			else
				cairo_line_to(p->cr, x, y);
		}
		cairo_stroke(p->cr);
		for (i = 0; c->n <= 60 && i < c->n; i++) {
			v = c->v[i * c->nseries + s];
			x = left + step_w * ((double)i + 0.5);
			y = bottom - (max > 0 && v > 0 ? (bottom - top) *
			    fmin(v, max) / max : 0);
			cairo_arc(p->cr, x, y, s == 0 ? 1.8 : 1.3, 0,
			    2 * M_PI);
			cairo_fill(p->cr);
		}
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		cairo_set_line_join(p->cr, CAIRO_LINE_JOIN_MITER);
	}
	p->y = bottom + 24;
	p->empty = 0;
}

static void
chart(struct pdf *p, const struct doc_chart *c)
{
	if (c->n == 0)
		return;
	if (c->kind == DOC_CHART_BAR)
		ch_bars(p, c);
	else
		ch_trend(p, c);
}

/* ---- the two passes ---- */

/* Lays out (and in the drawing pass draws) the whole document; returns
 * the number of pages. */
static int
run(struct pdf *p)
{
	const struct doc_block *b;
	size_t k;

	p->page = 0;
	page_begin(p);
	for (k = 0; k < p->d->nblocks; k++) {
		b = &p->d->blocks[k];
		switch (b->kind) {
		case DOC_HEADING:
			heading(p, b->text);
			break;
		case DOC_PARA:
			para(p, b->text);
			break;
		case DOC_TABLE:
			table(p, b->table, &p->tabs[k]);
			break;
		case DOC_CHART:
			chart(p, b->chart);
			break;
		case DOC_PAGE_BREAK:
			/* no blank page for a break at the top of one */
			if (!p->empty)
				new_page(p);
			break;
		}
	}
	page_end(p);
	return p->page;
}

/* ---- setting up ---- */

struct sink {
	FILE	*f;
	int	 err;
};

static cairo_status_t
sink_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct sink *s = closure;

	if (len > 0 && fwrite(data, 1, len, s->f) != len) {
		s->err = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

static int
paper_size(const struct doc *d, const struct doc_layout *lo, double *w,
    double *h, struct so_err *err)
{
	const char *paper = lo && lo->paper ? lo->paper : "a4";
	double t;

	if (strcasecmp(paper, "a4") == 0) {
		*w = 210 * MM;
		*h = 297 * MM;
	} else if (strcasecmp(paper, "letter") == 0) {
		*w = 8.5 * 72;
		*h = 11 * 72;
	} else
		return so_err_field(err, SO_EINVAL, "paper",
		    _("unknown paper size \"%s\" (a4 or letter)"), paper);
	if (d->landscape) {
		t = *w;
		*w = *h;
		*h = t;
	}
	return SO_OK;
}

static PangoFontDescription *
font(const char *family, double size, PangoWeight weight)
{
	PangoFontDescription *f;

	f = pango_font_description_new();
	pango_font_description_set_family(f, family);
	pango_font_description_set_size(f, (int)(size * PANGO_SCALE));
	pango_font_description_set_weight(f, weight);
	return f;
}

static void
pango_setup(struct pdf *p)
{
	cairo_font_options_t *fo;
	PangoAttrList *attrs;

	/* a font map of our own, freed with the document: Pango's default
	 * one lives in thread-local storage for the life of the process */
	p->fontmap = pango_cairo_font_map_new();
	p->ctx = pango_font_map_create_context(p->fontmap);
	pango_cairo_update_context(p->cr, p->ctx);
	pango_cairo_context_set_resolution(p->ctx, 72);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(p->ctx, fo);
	cairo_font_options_destroy(fo);
	p->lay = pango_layout_new(p->ctx);
	/* a word broken to fit its column must not gain a hyphen: in an
	 * e-mail address or a phone number it would read as part of it */
	attrs = pango_attr_list_new();
	pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
	pango_layout_set_attributes(p->lay, attrs);
	pango_attr_list_unref(attrs);
	p->body = font(FONT, 9, PANGO_WEIGHT_NORMAL);
	p->bold = font(FONT, 9, PANGO_WEIGHT_BOLD);
	p->small = font(FONT, 7.5, PANGO_WEIGHT_NORMAL);
	p->heading = font(FONT, 11, PANGO_WEIGHT_BOLD);
	p->title = font(FONT, 14, PANGO_WEIGHT_BOLD);
	set_text(p, "0123456789 abcdefghij \xd0\xb0\xd0\xb1\xd0\xb2"
	    "\xd0\xb3\xd0\xb4\xd0\xb5\xd0\xb6\xd0\xb7\xd0\xb8\xd0\xb9",
	    p->body, 0, PANGO_ALIGN_LEFT);
	p->charw = text_w(p) / 32;
	set_text(p, "X", p->body, 0, PANGO_ALIGN_LEFT);
	p->line_h = text_h(p);
}

static void
pango_teardown(struct pdf *p)
{
	size_t k;

	if (p->tabs != NULL)
		for (k = 0; k < p->d->nblocks; k++) {
			free(p->tabs[k].w);
			free(p->tabs[k].rh);
		}
	free(p->tabs);
	pango_font_description_free(p->body);
	pango_font_description_free(p->bold);
	pango_font_description_free(p->small);
	pango_font_description_free(p->heading);
	pango_font_description_free(p->title);
	if (p->lay != NULL)
		g_object_unref(p->lay);
	if (p->ctx != NULL)
		g_object_unref(p->ctx);
	if (p->fontmap != NULL)
		g_object_unref(p->fontmap);
}

static void
set_metadata(cairo_surface_t *s, const struct doc *d)
{
	char *title;

	title = clean(d->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    "salesorg");
	free(title);
}

int
doc_write_pdf(const struct doc *d, const struct doc_layout *lo, FILE *f,
    int *pages, struct so_err *err)
{
	struct pdf p;
	struct sink sink = { f, 0 };
	cairo_surface_t *s;
	cairo_status_t st;
	size_t k;
	int code;

	memset(&p, 0, sizeof(p));
	p.d = d;
	if ((code = paper_size(d, lo, &p.pw, &p.ph, err)) != SO_OK)
		return code;
	if ((code = pdf_api_load(err)) != SO_OK)
		return code;
	p.left = p.top = MARGIN;
	p.right = p.pw - MARGIN;
	p.bottom = p.ph - MARGIN;
	s = cairo_pdf_surface_create_for_stream(sink_write, &sink, p.pw, p.ph);
	if ((st = cairo_surface_status(s)) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return so_err_set(err, SO_ERR, _("PDF: cannot start the file: "
		    "%s"), cairo_status_to_string(st));
	}
	set_metadata(s, d);
	p.cr = cairo_create(s);
	pango_setup(&p);
	p.tabs = xcalloc(d->nblocks ? d->nblocks : 1, sizeof(*p.tabs));
	for (k = 0; k < d->nblocks; k++)
		if (d->blocks[k].kind == DOC_TABLE)
			measure(&p, d->blocks[k].table, &p.tabs[k]);
	p.pages = run(&p);
	p.draw = 1;
	run(&p);
	pango_teardown(&p);
	st = cairo_status(p.cr);
	cairo_destroy(p.cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (sink.err != 0 || (fflush(f) != 0 && (sink.err = errno)) ||
	    ferror(f))
		return so_err_set(err, SO_ERR, _("PDF: write error: %s"),
		    strerror(sink.err ? sink.err : EIO));
	if (st != CAIRO_STATUS_SUCCESS)
		return so_err_set(err, SO_ERR, "PDF: %s",
		    cairo_status_to_string(st));
	if (pages != NULL)
		*pages = p.pages;
	return SO_OK;
}

/*
 * For the sanitizer build (make SANITIZE=1) only: fontconfig loses a few
 * blocks while it parses its own configuration, once per process, which
 * LeakSanitizer would report at the exit of every run that wrote a PDF.
 * The hooks are LeakSanitizer's documented way to name known leaks (and
 * not to list them at every exit); a normal build never calls them.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);

const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}

const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}
