/*
 * The HTML writer of doc.h: one self-contained UTF-8 file, no scripts,
 * no external style sheet or font, that a browser shows and prints as
 * a form.
 *
 * The print rules do what the text writer does by hand: @page sets A4
 * (turned when the document asks for landscape) and its margins, a
 * table's thead is a table-header-group so the browser repeats it on
 * every printed page, a row is never split across pages, a heading is
 * kept with what follows, and a page break block is a div that starts
 * a new page.  Number columns are right-aligned, totals bold, marked
 * rows (class "mark") shaded with a "!" before them, and a blank
 * column is given room to be written in by hand.
 *
 * Everything from the data is escaped (& < > " ') and sanitized: line
 * breaks become <br>, tabs spaces, other control characters their
 * visible form (utf8_sanitize).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "doc/doc.h"

static const char style[] =
    "body { font-family: \"DejaVu Sans\", \"Liberation Sans\", Arial, "
    "sans-serif;\n"
    "\tfont-size: 10pt; color: #000; margin: 1em; }\n"
    "header.doc { border-bottom: 2px solid #000; margin-bottom: 1em; }\n"
    "header.doc h1 { font-size: 14pt; margin: 0 0 0.2em; }\n"
    "header.doc p { margin: 0.1em 0; }\n"
    "h2 { font-size: 12pt; margin: 1.2em 0 0.4em; "
    "page-break-after: avoid; break-after: avoid; }\n"
    "p { margin: 0.4em 0; }\n"
    "table { border-collapse: collapse; margin: 0.4em 0 1em; }\n"
    "th, td { border: 1px solid #777; padding: 2px 5px; "
    "vertical-align: top;\n"
    "\ttext-align: left; }\n"
    "th { background: #eee; }\n"
    "thead { display: table-header-group; }\n"
    "tr { page-break-inside: avoid; break-inside: avoid; }\n"
    ".right { text-align: right; white-space: nowrap; }\n"
    ".center { text-align: center; }\n"
    ".blank { min-width: 9em; }\n"
    "tr.total td { font-weight: bold; border-top: 2px solid #000; }\n"
    "tr.group td { font-weight: bold; background: #f4f4f4; }\n"
    "tr.mark td { background: #fde0dc; }\n"
    "tr.mark td:first-child::before { content: \"! \"; "
    "font-weight: bold; }\n"
    ".page-break { page-break-before: always; break-before: page; }\n"
    "@media print {\n"
    "\tbody { margin: 0; font-size: 9pt; }\n"
    "\tth { background: none; }\n"
    "\ttr.mark td { background: none; }\n"
    "\t.page-break { page-break-before: always; break-before: page; }\n"
    "}\n";

/* Writes s escaped and sanitized; '\n' (and "\r\n") as <br>. */
static void
text(FILE *f, const char *s)
{
	char *part, *safe, *p;
	const char *nl;
	size_t len, i;

	for (;;) {
		nl = strchr(s, '\n');
		len = nl ? (size_t)(nl - s) : strlen(s);
		if (nl && len > 0 && s[len - 1] == '\r')
			len--;
		part = xstrndup(s, len);
		for (i = 0; i < len; i++)
			if (part[i] == '\t')
				part[i] = ' ';
		safe = utf8_sanitize(part);
		for (p = safe; *p != '\0'; p++) {
			switch (*p) {
			case '&':
				fputs("&amp;", f);
				break;
			case '<':
				fputs("&lt;", f);
				break;
			case '>':
				fputs("&gt;", f);
				break;
			case '"':
				fputs("&quot;", f);
				break;
			case '\'':
				fputs("&#39;", f);
				break;
			default:
				fputc(*p, f);
			}
		}
		free(safe);
		free(part);
		if (nl == NULL)
			break;
		fputs("<br>", f);
		s = nl + 1;
	}
}

/* The class attribute of a cell of column c, or "". */
static const char *
cell_class(const struct doc_col *c)
{
	if (c->blank)
		return c->align == DOC_RIGHT ? " class=\"right blank\"" :
		    " class=\"blank\"";
	if (c->align == DOC_RIGHT)
		return " class=\"right\"";
	if (c->align == DOC_CENTER)
		return " class=\"center\"";
	return "";
}

static const char *
row_class(enum doc_row_kind k)
{
	switch (k) {
	case DOC_ROW_TOTAL:
		return " class=\"total\"";
	case DOC_ROW_GROUP:
		return " class=\"group\"";
	case DOC_ROW_MARK:
		return " class=\"mark\"";
	default:
		return "";
	}
}

static void
table(FILE *f, const struct doc_table *t)
{
	const struct doc_row *r;
	size_t i, j;

	if (t->ncols == 0)
		return;
	fputs("<table>\n<thead><tr>", f);
	for (j = 0; j < t->ncols; j++) {
		fprintf(f, "<th%s>", cell_class(&t->cols[j]));
		text(f, t->cols[j].label);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (i = 0; i < t->nrows; i++) {
		if ((r = doc_table_row(t, i)) == NULL)
			break;		/* doc_table_error says so */
		fprintf(f, "<tr%s>", row_class(r->kind));
		if (r->kind == DOC_ROW_GROUP) {
			fprintf(f, "<td colspan=\"%zu\">", t->ncols);
			text(f, r->cells[0]);
			fputs("</td></tr>\n", f);
			continue;
		}
		for (j = 0; j < t->ncols; j++) {
			fprintf(f, "<td%s>", cell_class(&t->cols[j]));
			text(f, r->cells[j]);
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n", f);
}

/* ---- charts: inline SVG ---- */

/*
 * A chart is an <svg> of its own, well-formed XML (it parses as such
 * when cut out of the page), sized in CSS pixels for a 12 px font, with
 * a <title> for its text alternative and one in every bar and point
 * saying its label and value, which a browser shows on hover and a
 * screen reader reads.  The page has no script; the colours are the
 * attributes' own, so it prints as it shows.  Coordinates are written
 * with a point whatever the locale's decimal sign.
 */
#define SVG_W		640
#define SVG_CH		7.5	/* an average character of the 12 px font */
#define SVG_BAR		12	/* a bar's thickness */

static const char *const svg_colour[DOC_CHART_SERIES] = { "#3b6ea5",
    "#e08a2e", "#4e9a4e", "#b84a4a", "#7f5fb0", "#6b6b6b", "#2ea3a3",
    "#a5833b" };

/* x as "12.5", never "12,5". */
static const char *
num(double x, char buf[32])
{
	long t = lround(x * 10);

	snprintf(buf, 32, "%s%ld.%ld", t < 0 ? "-" : "", labs(t) / 10,
	    labs(t) % 10);
	return buf;
}

/* s escaped for XML on one line. */
static void
svg_text(FILE *f, const char *s)
{
	char *t = xstrdup(s ? s : ""), *p;

	for (p = t; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	text(f, t);
	free(t);
}

static int
chars(const char *s)
{
	return utf8_width(s ? s : "");
}

/* The legend from y on: a swatch and a name per series, the mark. */
static double
svg_legend(FILE *f, const struct doc_chart *c, double y)
{
	char a[32], b[32];
	double x = 0;
	size_t s;

	if ((c->nseries < 2) && !c->has_ref)
		return y;
	for (s = 0; c->nseries > 1 && s < c->nseries; s++) {
		fprintf(f, "<rect x=\"%s\" y=\"%s\" width=\"10\" height=\"10\" "
		    "fill=\"%s\"/>", num(x, a), num(y, b), svg_colour[s]);
		fprintf(f, "<text x=\"%s\" y=\"%s\">", num(x + 14, a),
		    num(y + 9, b));
		svg_text(f, c->names[s]);
		fputs("</text>\n", f);
		x += 14 + chars(c->names[s]) * SVG_CH + 16;
	}
	if (c->has_ref) {
		fprintf(f, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" "
		    "stroke=\"#c00\" stroke-width=\"2\" "
		    "stroke-dasharray=\"4 2\"/>", num(x + 5, a), num(y - 1, b),
		    num(x + 5, a), num(y + 11, b));
		fprintf(f, "<text x=\"%s\" y=\"%s\">", num(x + 14, a),
		    num(y + 9, b));
		svg_text(f, c->ref_label);
		fputs("</text>\n", f);
	}
	return y + 18;
}

static void
svg_open(FILE *f, const struct doc_chart *c, double h)
{
	char a[32];

	/* the figure's style its own: a page without a chart is as
	 * it was */
	fprintf(f, "<figure class=\"chart\" style=\"margin: 0.4em 0 0.8em; "
	    "break-inside: avoid; page-break-inside: avoid\">\n<svg xmlns=\"http://www.w3.org/"
	    "2000/svg\" role=\"img\" width=\"%d\" height=\"%s\" "
	    "style=\"max-width: 100%%; height: auto\" "
	    "viewBox=\"0 0 %d %s\" font-family=\"DejaVu Sans, Liberation "
	    "Sans, Arial, sans-serif\" font-size=\"12\">\n<title>", SVG_W,
	    num(h, a), SVG_W, num(h, a));
	svg_text(f, c->title);
	fputs("</title>\n<text x=\"0\" y=\"14\" font-weight=\"bold\">", f);
	svg_text(f, c->title);
	fputs("</text>\n", f);
}

static void
svg_close(FILE *f)
{
	fputs("</svg>\n</figure>\n", f);
}

static void
svg_bars(FILE *f, const struct doc_chart *c)
{
	char a[32], b[32], w[32], h[32];
	double max = doc_chart_max(c), y, x0, bw, len, rowh, top;
	size_t i, s;
	int labw = 0, valw = 0;

	for (i = 0; i < c->n; i++)
		if (chars(c->labels[i]) > labw)
			labw = chars(c->labels[i]);
	for (i = 0; i < c->n * c->nseries; i++)
		if (chars(c->text[i]) > valw)
			valw = chars(c->text[i]);
	x0 = fmin(labw * SVG_CH, 220) + 8;
	bw = SVG_W - x0 - valw * SVG_CH - 12;
	rowh = (double)c->nseries * (SVG_BAR + 2) + 6;
	top = 24 + ((c->nseries > 1 || c->has_ref) ? 18 : 0);
	svg_open(f, c, top + rowh * (double)c->n + 4);
	svg_legend(f, c, 24);
	for (i = 0; i < c->n; i++) {
		y = top + rowh * (double)i;
		fprintf(f, "<text x=\"%s\" y=\"%s\" text-anchor=\"end\">",
		    num(x0 - 6, a), num(y + SVG_BAR - 2, b));
		svg_text(f, c->labels[i]);
		fputs("</text>\n", f);
		for (s = 0; s < c->nseries; s++) {
			len = max > 0 && c->v[i * c->nseries + s] > 0 ?
			    bw * fmin(c->v[i * c->nseries + s], max) / max : 0;
			fprintf(f, "<rect class=\"bar\" x=\"%s\" y=\"%s\" "
			    "width=\"%s\" height=\"%s\" fill=\"%s\"><title>",
			    num(x0, a), num(y, b), num(len, w),
			    num(SVG_BAR, h), svg_colour[s]);
			svg_text(f, c->labels[i]);
			if (c->nseries > 1) {
				fputs(", ", f);
				svg_text(f, c->names[s]);
			}
			fputs(": ", f);
			svg_text(f, c->text[i * c->nseries + s]);
			fputs("</title></rect>\n", f);
			fprintf(f, "<text x=\"%s\" y=\"%s\">",
			    num(x0 + len + 4 + (c->has_ref && max > 0 &&
			    fabs(len - bw * c->ref / max) < 3 ? 3 : 0), a),
			    num(y + SVG_BAR - 2, b));
			svg_text(f, c->text[i * c->nseries + s]);
			fputs("</text>\n", f);
			y += SVG_BAR + 2;
		}
	}
	if (c->has_ref && max > 0) {
		fprintf(f, "<line class=\"ref\" x1=\"%s\" y1=\"%s\" x2=\"%s\" "
		    "y2=\"%s\" stroke=\"#c00\" stroke-width=\"2\" "
		    "stroke-dasharray=\"4 2\"><title>",
		    num(x0 + bw * c->ref / max, a), num(top - 3, b),
		    num(x0 + bw * c->ref / max, w),
		    num(top + rowh * (double)c->n - 3, h));
		svg_text(f, c->ref_label);
		fputs("</title></line>\n", f);
	}
	svg_close(f);
}

static void
svg_trend(FILE *f, const struct doc_chart *c)
{
	char a[32], b[32], w[32], h[32];
	double max = doc_chart_max(c), top, left, right, bottom, x, y, pw;
	size_t i, s, best = 0, step, every;
	int labw = 0;

	for (i = 0; i < c->n * c->nseries; i++)
		if (c->v[i] > c->v[best])
			best = i;
	for (i = 0; i < c->n; i++)
		if (chars(c->labels[i]) > labw)
			labw = chars(c->labels[i]);
	top = 24 + (c->nseries > 1 ? 18 : 0) + 8;
	left = fmax(chars(c->text[best]), 1) * SVG_CH + 10;
	right = SVG_W - 10;
	bottom = top + 160;
	pw = right - left;
	svg_open(f, c, bottom + 24);
	svg_legend(f, c, 24);
	/* the axis: 0 and the largest value, a line between */
	for (step = 0; step < 3; step++) {
		y = bottom - (bottom - top) * (double)step / 2;
		fprintf(f, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" "
		    "stroke=\"%s\" stroke-width=\"1\"/>\n", num(left, a),
		    num(y, b), num(right, w), num(y, h),
		    step ? "#ddd" : "#444");
	}
	fprintf(f, "<text x=\"%s\" y=\"%s\" text-anchor=\"end\">0</text>\n",
	    num(left - 4, a), num(bottom + 4, b));
	if (max > 0) {
		fprintf(f, "<text x=\"%s\" y=\"%s\" text-anchor=\"end\">",
		    num(left - 4, a), num(top + 4, b));
		svg_text(f, c->text[best]);
		fputs("</text>\n", f);
	}
	/* a period's label every so many, as many as fit */
	every = (size_t)ceil((double)c->n * (labw * SVG_CH + 8) / pw);
	if (every < 1)
		every = 1;
	for (i = 0; i < c->n; i += every) {
		x = left + pw * ((double)i + 0.5) / (double)c->n;
		fprintf(f, "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\">",
		    num(x, a), num(bottom + 16, b));
		svg_text(f, c->labels[i]);
		fputs("</text>\n", f);
	}
	/* the first series (a pivot's total) last, on top */
	for (s = c->nseries; s-- > 0;) {
		fprintf(f, "<polyline class=\"line\" fill=\"none\" "
		    "stroke=\"%s\" stroke-width=\"%s\" points=\"",
		    svg_colour[s], s == 0 ? "2.5" : "1.5");
		for (i = 0; i < c->n; i++) {
			x = left + pw * ((double)i + 0.5) / (double)c->n;
			y = bottom - (max > 0 && c->v[i * c->nseries + s] > 0 ?
			    (bottom - top) * fmin(c->v[i * c->nseries + s],
			    max) / max : 0);
			fprintf(f, "%s%s,%s", i ? " " : "", num(x, a),
			    num(y, b));
		}
		fputs("\"><title>", f);
		svg_text(f, c->names[s][0] ? c->names[s] : c->title);
		fputs("</title></polyline>\n", f);
		for (i = 0; c->n <= 60 && i < c->n; i++) {
			x = left + pw * ((double)i + 0.5) / (double)c->n;
			y = bottom - (max > 0 && c->v[i * c->nseries + s] > 0 ?
			    (bottom - top) * fmin(c->v[i * c->nseries + s],
			    max) / max : 0);
			fprintf(f, "<circle class=\"point\" cx=\"%s\" "
			    "cy=\"%s\" r=\"2.5\" fill=\"%s\"><title>",
			    num(x, a), num(y, b), svg_colour[s]);
			if (c->names[s][0]) {
				svg_text(f, c->names[s]);
				fputs(", ", f);
			}
			svg_text(f, c->labels[i]);
			fputs(": ", f);
			svg_text(f, c->text[i * c->nseries + s]);
			fputs("</title></circle>\n", f);
		}
	}
	svg_close(f);
}

static void
chart(FILE *f, const struct doc_chart *c)
{
	if (c->n == 0)
		return;
	if (c->kind == DOC_CHART_BAR)
		svg_bars(f, c);
	else
		svg_trend(f, c);
}

static void
header(FILE *f, const struct doc *d)
{
	char *line;

	fputs("<header class=\"doc\">\n<h1>", f);
	text(f, d->title);
	fputs("</h1>\n", f);
	if (d->period[0] != '\0') {
		fputs("<p class=\"period\">", f);
		line = xasprintf(_("Period: %s"), d->period);
		text(f, line);
		free(line);
		fputs("</p>\n", f);
	}
	if (d->user[0] != '\0') {
		fputs("<p class=\"user\">", f);
		line = xasprintf(_("User: %s"), d->user);
		text(f, line);
		free(line);
		fputs("</p>\n", f);
	}
	if (d->generated[0] != '\0') {
		fputs("<p class=\"generated\">", f);
		text(f, d->generated);
		fputs("</p>\n", f);
	}
	fputs("</header>\n", f);
}

int
doc_write_html(const struct doc *d, FILE *f, struct so_err *err)
{
	const struct doc_block *b;
	size_t i;

	/* English as it always was; another language says which, for
	 * the browser's hyphenation and a screen reader. */
	if (strcmp(i18n_lang(), "en") == 0)
		fputs("<!DOCTYPE html>\n<html>\n", f);
	else
		fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n",
		    i18n_lang());
	fputs("<head>\n<meta charset=\"utf-8\">\n<title>", f);
	text(f, d->title);
	fputs("</title>\n<style>\n", f);
	fprintf(f, "@page { size: A4%s; margin: 15mm 12mm 15mm 15mm; }\n",
	    d->landscape ? " landscape" : "");
	fputs(style, f);
	fputs("</style>\n</head>\n<body>\n", f);
	header(f, d);
	for (i = 0; i < d->nblocks; i++) {
		b = &d->blocks[i];
		switch (b->kind) {
		case DOC_HEADING:
			fputs("<h2>", f);
			text(f, b->text);
			fputs("</h2>\n", f);
			break;
		case DOC_PARA:
			fputs("<p>", f);
			text(f, b->text);
			fputs("</p>\n", f);
			break;
		case DOC_TABLE:
			table(f, b->table);
			break;
		case DOC_CHART:
			chart(f, b->chart);
			break;
		case DOC_PAGE_BREAK:
			fputs("<div class=\"page-break\" "
			    "style=\"page-break-before: always\"></div>\n", f);
			break;
		}
	}
	fputs("</body>\n</html>\n", f);
	if (fflush(f) != 0 || ferror(f))
		return so_err_set(err, SO_ERR, _("writing the HTML: %s"),
		    strerror(errno));
	return SO_OK;
}
