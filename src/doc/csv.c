/*
 * The CSV writer of doc.h: a document as rows for a spreadsheet.
 *
 * UTF-8, ',' between fields, CRLF after each row, quoting and formula
 * neutralising by export_csv_field (export.h), so a report reads the
 * same way a list export does.  The title comes first, then "Period",
 * "User" and "Generated" rows, a blank row; then the blocks in order: a
 * heading or a paragraph as a row of one field, a table as its header
 * row and its rows.  A blank row goes before a heading and after a
 * table, so each table sits under its heading with nothing between.
 *
 * Cells keep their line breaks (a quoted field may hold them); every
 * other control character is made visible by utf8_sanitize, so an
 * escape sequence in the data cannot reach whoever cats the file.  In
 * a number column (DOC_RIGHT) a value that is a plain number in the
 * report's grouping ("1 234 567.89", "-500.00") is written without its
 * group spaces and without the formula guard, so a spreadsheet sees a
 * number it can add up; anything else there is text like any other.
 * A report in Russian writes its decimal comma ("1 234 567,89"): the
 * number is "1234567,89", quoted for the comma, which a spreadsheet in
 * a Russian locale reads as a number.  The words (the title, "Period",
 * the column names) are in the document's language.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "doc/doc.h"
#include "exchange/export.h"

/* s sanitized, with its line breaks (and "\r\n" as '\n') kept. */
static char *
clean(const char *s)
{
	struct strbuf b = { 0 };
	const char *nl;
	char *part, *safe;
	size_t len;

	sb_add(&b, "");
	for (;;) {
		nl = strchr(s, '\n');
		len = nl ? (size_t)(nl - s) : strlen(s);
		if (nl && len > 0 && s[len - 1] == '\r')
			len--;
		part = xstrndup(s, len);
		safe = utf8_sanitize(part);
		sb_add(&b, safe);
		free(safe);
		free(part);
		if (nl == NULL)
			break;
		sb_addc(&b, '\n');
		s = nl + 1;
	}
	return sb_steal(&b);
}

/*
 * The digits of s when it is a number as report_money and the
 * builders write it: an optional '-', digits in groups of three after
 * the first separated by single spaces, an optional decimal sign (the
 * language's, base/i18n.h) and digits.  NULL for anything else.
 */
static char *
plain_number(const char *s)
{
	struct strbuf b = { 0 };
	const char *p = s;
	size_t run;

	if (*p == '-')
		sb_addc(&b, *p++);
	run = strspn(p, "0123456789");
	if (run == 0 || (p[run] == ' ' && run > 3))
		goto no;
	sb_addn(&b, p, run);
	p += run;
	while (*p == ' ') {
		if (strspn(p + 1, "0123456789") != 3)
			goto no;
		sb_addn(&b, p + 1, 3);
		p += 4;
	}
	if (*p == *i18n_decimal_sign()) {
		if ((run = strspn(p + 1, "0123456789")) == 0)
			goto no;
		sb_addn(&b, p, run + 1);
		p += run + 1;
	}
	if (*p != '\0')
		goto no;
	return sb_steal(&b);
no:
	sb_free(&b);
	return NULL;
}

/* One field: a number as such in a number column, else text. */
static void
field(FILE *f, const char *s, int number)
{
	char *c, *n;

	if (number && (n = plain_number(s)) != NULL) {
		if (strchr(n, ',') != NULL)
			fprintf(f, "\"%s\"", n);
		else
			fputs(n, f);
		free(n);
		return;
	}
	c = clean(s);
	export_csv_field(f, c);
	free(c);
}

/* A row of one field, or two ("Period", "..."). */
static void
line(FILE *f, const char *a, const char *b)
{
	field(f, a, 0);
	if (b != NULL) {
		fputc(',', f);
		field(f, b, 0);
	}
	fputs("\r\n", f);
}

static void
table(FILE *f, const struct doc_table *t)
{
	const struct doc_row *r;
	size_t i, j;

	for (j = 0; j < t->ncols; j++) {
		if (j > 0)
			fputc(',', f);
		field(f, t->cols[j].label, 0);
	}
	fputs("\r\n", f);
	for (i = 0; i < t->nrows; i++) {
		if ((r = doc_table_row(t, i)) == NULL)
			return;		/* doc_table_error says so */
		for (j = 0; j < t->ncols; j++) {
			if (j > 0)
				fputc(',', f);
			/* a group row is its text in the first cell */
			if (r->kind == DOC_ROW_GROUP && j > 0)
				continue;
			field(f, r->cells[j], t->cols[j].align == DOC_RIGHT &&
			    r->kind != DOC_ROW_GROUP);
		}
		fputs("\r\n", f);
	}
}

int
doc_write_csv(const struct doc *d, FILE *f, struct so_err *err)
{
	const struct doc_block *b;
	size_t i;
	int prev = -1;		/* the kind of the block before, -1: none */

	line(f, d->title, NULL);
	/* TRANSLATORS: the first cells of a report's rows in CSV, before
	 * the period, the user and when it was made. */
	if (d->period[0] != '\0')
		line(f, C_("report", "Period"), d->period);
	if (d->user[0] != '\0')
		line(f, C_("report", "User"), d->user);
	if (d->generated[0] != '\0')
		line(f, C_("report", "Generated"), d->generated);
	for (i = 0; i < d->nblocks; i++) {
		b = &d->blocks[i];
		/* a chart is drawn from a table that is here */
		if (b->kind == DOC_PAGE_BREAK || b->kind == DOC_CHART)
			continue;
		if (b->kind == DOC_HEADING || prev == -1 ||
		    prev == DOC_TABLE)
			fputs("\r\n", f);
		if (b->kind == DOC_TABLE)
			table(f, b->table);
		else
			line(f, b->text, NULL);
		prev = (int)b->kind;
	}
	if (fflush(f) != 0 || ferror(f))
		return so_err_set(err, SO_ERR, _("writing the CSV: %s"),
		    strerror(errno));
	return SO_OK;
}
