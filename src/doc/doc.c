/*
 * Building a document (doc.h): the blocks and tables a report builder
 * fills.  Everything is copied in, so a builder may pass strings it
 * frees at once; the writers only read.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "doc/doc.h"

void
doc_init(struct doc *d, const char *title)
{
	memset(d, 0, sizeof(*d));
	d->title = xstrdup(title ? title : "");
	d->period = xstrdup("");
	d->user = xstrdup("");
	d->generated = xstrdup("");
}

static void
table_free(struct doc_table *t)
{
	size_t i, j;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++)
			free(t->rows[i].cells[j]);
		free(t->rows[i].cells);
	}
	for (j = 0; j < t->ncols; j++)
		free(t->cols[j].label);
	free(t->rows);
	free(t->cols);
	free(t);
}

void
doc_free(struct doc *d)
{
	size_t i;

	for (i = 0; i < d->nblocks; i++) {
		free(d->blocks[i].text);
		table_free(d->blocks[i].table);
	}
	free(d->blocks);
	free(d->title);
	free(d->period);
	free(d->user);
	free(d->generated);
	memset(d, 0, sizeof(*d));
}

static void
replace(char **dst, const char *s)
{
	if (s == NULL)
		return;
	free(*dst);
	*dst = xstrdup(s);
}

void
doc_meta(struct doc *d, const char *period, const char *user,
    const char *generated)
{
	replace(&d->period, period);
	replace(&d->user, user);
	replace(&d->generated, generated);
}

static struct doc_block *
add_block(struct doc *d, enum doc_block_kind kind)
{
	struct doc_block *b;

	if (d->nblocks == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 8;
		d->blocks = xrealloc(d->blocks, d->cap * sizeof(*d->blocks));
	}
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

void
doc_heading(struct doc *d, const char *text)
{
	add_block(d, DOC_HEADING)->text = xstrdup(text ? text : "");
}

void
doc_para(struct doc *d, const char *text)
{
	add_block(d, DOC_PARA)->text = xstrdup(text ? text : "");
}

void
doc_page_break(struct doc *d)
{
	add_block(d, DOC_PAGE_BREAK);
}

struct doc_table *
doc_table(struct doc *d, const struct doc_col *cols, size_t ncols)
{
	struct doc_table *t;
	size_t j;

	t = xcalloc(1, sizeof(*t));
	t->ncols = ncols;
	t->cols = xcalloc(ncols ? ncols : 1, sizeof(*t->cols));
	for (j = 0; j < ncols; j++) {
		t->cols[j] = cols[j];
		t->cols[j].label = xstrdup(cols[j].label ? cols[j].label : "");
	}
	add_block(d, DOC_TABLE)->table = t;
	return t;
}

void
doc_row(struct doc_table *t, enum doc_row_kind kind, const char *const *cells)
{
	struct doc_row *r;
	size_t j;

	if (t->nrows == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->rows = xrealloc(t->rows, t->cap * sizeof(*t->rows));
	}
	r = &t->rows[t->nrows++];
	r->kind = kind;
	r->cells = xcalloc(t->ncols ? t->ncols : 1, sizeof(*r->cells));
	for (j = 0; j < t->ncols; j++)
		r->cells[j] = xstrdup(cells[j] ? cells[j] : "");
}

void
doc_rowv(struct doc_table *t, enum doc_row_kind kind, ...)
{
	const char **cells;
	va_list ap;
	size_t j;

	cells = xcalloc(t->ncols ? t->ncols : 1, sizeof(*cells));
	va_start(ap, kind);
	for (j = 0; j < t->ncols; j++)
		cells[j] = va_arg(ap, const char *);
	va_end(ap);
	doc_row(t, kind, cells);
	free(cells);
}

static const char *const format_names[] = { "text", "csv", "html", "pdf" };

int
doc_format_parse(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (strcmp(name, format_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
doc_format_name(enum doc_format f)
{
	return (size_t)f < sizeof(format_names) / sizeof(format_names[0]) ?
	    format_names[f] : "?";
}
