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
