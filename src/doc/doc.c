/*
 * Building a document (doc.h): the blocks and tables a report builder
 * fills.  Everything is copied in, so a builder may pass strings it
 * frees at once; the writers only read.
 *
 * A table that may spill (doc_table_spill: the reports' tables) keeps
 * its first doc_spill_rows rows in memory and then moves them all to a
 * temporary file (tmpfile(3): made unlinked, mode 0600, as the user
 * whose report it is), where each row is its kind and its cells, each a
 * length and the bytes.  What stays in memory is a row's offset and
 * kind (9 bytes a row), so the department's follow-up base at three
 * times the benchmark's size no longer holds 140 000 rows of cells;
 * the writers read the rows back one at a time (doc_table_row), in
 * order, as often as they need to (the text writer's passes).  When the
 * file cannot be made the rows simply stay in memory; when it cannot be
 * written or read back the writer says so (doc_table_error) rather than
 * print a report with rows missing.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
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

size_t doc_spill_rows = DOC_SPILL_ROWS;

struct doc_spool {
	FILE		*f;
	long		*off;		/* where row i starts */
	unsigned char	*kind;		/* row i's kind */
	size_t		 cap;
	int		 reading;	/* the position is a reader's */
	int		 failed;	/* a write or read went wrong */
	size_t		 next;		/* the row the position is at */
	struct doc_row	 row;		/* the row read last */
	char		*buf;		/* its cells, one after another */
	size_t		 bufcap;
};

static void
spool_free(struct doc_spool *s)
{
	if (s == NULL)
		return;
	if (s->f)
		fclose(s->f);
	free(s->off);
	free(s->kind);
	free(s->row.cells);
	free(s->buf);
	free(s);
}

static void
spool_put(struct doc_table *t, enum doc_row_kind kind,
    const char *const *cells)
{
	struct doc_spool *s = t->spool;
	uint32_t len;
	size_t j;

	if (s->reading) {
		if (fseek(s->f, 0, SEEK_END) != 0)
			s->failed = 1;
		s->reading = 0;
	}
	if (t->nrows == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		s->off = xrealloc(s->off, s->cap * sizeof(*s->off));
		s->kind = xrealloc(s->kind, s->cap);
	}
	s->off[t->nrows] = ftell(s->f);
	s->kind[t->nrows] = (unsigned char)kind;
	if (fputc((int)kind, s->f) == EOF)
		s->failed = 1;
	for (j = 0; j < t->ncols; j++) {
		len = (uint32_t)(cells[j] ? strlen(cells[j]) : 0);
		if (fwrite(&len, sizeof(len), 1, s->f) != 1 ||
		    (len > 0 && fwrite(cells[j], len, 1, s->f) != 1))
			s->failed = 1;
	}
	t->nrows++;
}

/* Moves t's rows to a new temporary file; 0 if none could be made. */
static int
spool_begin(struct doc_table *t)
{
	struct doc_spool *s;
	size_t i, j, n = t->nrows;

	s = xcalloc(1, sizeof(*s));
	if ((s->f = tmpfile()) == NULL) {
		free(s);
		t->spill = 0;	/* in memory, then */
		return 0;
	}
	t->spool = s;
	t->nrows = 0;
	for (i = 0; i < n; i++) {
		spool_put(t, t->rows[i].kind,
		    (const char *const *)t->rows[i].cells);
		for (j = 0; j < t->ncols; j++)
			free(t->rows[i].cells[j]);
		free(t->rows[i].cells);
	}
	free(t->rows);
	t->rows = NULL;
	t->cap = 0;
	return 1;
}

void
doc_table_spill(struct doc_table *t)
{
	t->spill = 1;
}

const struct doc_row *
doc_table_row(const struct doc_table *t, size_t i)
{
	struct doc_spool *s = t->spool;
	uint32_t len;
	size_t j, used = 0;
	int k;

	if (s == NULL)
		return i < t->nrows ? &t->rows[i] : NULL;
	if (i >= t->nrows || s->failed)
		return NULL;
	if (!s->reading || s->next != i) {
		if (!s->reading && fflush(s->f) != 0)
			goto fail;
		if (fseek(s->f, s->off[i], SEEK_SET) != 0)
			goto fail;
		s->reading = 1;
	}
	if ((k = fgetc(s->f)) == EOF)
		goto fail;
	if (s->row.cells == NULL)
		s->row.cells = xcalloc(t->ncols ? t->ncols : 1,
		    sizeof(*s->row.cells));
	s->row.kind = (enum doc_row_kind)k;
	/* the cells' offsets first, pointers once the buffer is done */
	for (j = 0; j < t->ncols; j++) {
		if (fread(&len, sizeof(len), 1, s->f) != 1)
			goto fail;
		if (used + len + 1 > s->bufcap) {
			s->bufcap = 2 * (used + len + 1) + 256;
			s->buf = xrealloc(s->buf, s->bufcap);
		}
		if (len > 0 && fread(s->buf + used, len, 1, s->f) != 1)
			goto fail;
		s->buf[used + len] = '\0';
		s->row.cells[j] = (char *)(uintptr_t)used;
		used += len + 1;
	}
	for (j = 0; j < t->ncols; j++)
		s->row.cells[j] = s->buf + (size_t)(uintptr_t)s->row.cells[j];
	s->next = i + 1;
	return &s->row;
fail:
	s->failed = 1;
	return NULL;
}

enum doc_row_kind
doc_table_kind(const struct doc_table *t, size_t i)
{
	if (t->spool == NULL)
		return t->rows[i].kind;
	return (enum doc_row_kind)t->spool->kind[i];
}

int
doc_table_error(const struct doc_table *t)
{
	return t->spool != NULL && t->spool->failed;
}

void
doc_block_text(struct doc *d, size_t i, const char *text)
{
	if (i < d->nblocks && (d->blocks[i].kind == DOC_HEADING ||
	    d->blocks[i].kind == DOC_PARA)) {
		free(d->blocks[i].text);
		d->blocks[i].text = xstrdup(text ? text : "");
	}
}

static void
table_free(struct doc_table *t)
{
	size_t i, j;

	if (t == NULL)
		return;
	spool_free(t->spool);
	for (i = 0; t->rows != NULL && i < t->nrows; i++) {
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

static void
chart_free(struct doc_chart *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++)
		free(c->labels[i]);
	for (i = 0; i < c->n * c->nseries; i++)
		free(c->text[i]);
	for (i = 0; i < c->nseries; i++)
		free(c->names[i]);
	free(c->labels);
	free(c->v);
	free(c->text);
	free(c->title);
	free(c->ref_label);
	free(c);
}

void
doc_free(struct doc *d)
{
	size_t i;

	for (i = 0; i < d->nblocks; i++) {
		free(d->blocks[i].text);
		table_free(d->blocks[i].table);
		chart_free(d->blocks[i].chart);
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

	if (t->spool == NULL && t->spill && t->nrows >= doc_spill_rows)
		spool_begin(t);
	if (t->spool != NULL) {
		spool_put(t, kind, cells);
		return;
	}
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

struct doc_chart *
doc_chart(struct doc *d, enum doc_chart_kind kind, const char *title,
    const char *const *names, size_t nseries)
{
	struct doc_chart *c;
	size_t s;

	if (nseries < 1)
		nseries = 1;
	if (nseries > DOC_CHART_SERIES)
		nseries = DOC_CHART_SERIES;
	c = xcalloc(1, sizeof(*c));
	c->kind = kind;
	c->title = xstrdup(title ? title : "");
	c->nseries = nseries;
	for (s = 0; s < nseries; s++)
		c->names[s] = xstrdup(names && names[s] ? names[s] : "");
	add_block(d, DOC_CHART)->chart = c;
	return c;
}

void
doc_chart_point(struct doc_chart *c, const char *label, const double *v,
    const char *const *text)
{
	size_t s, k;

	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->labels = xrealloc(c->labels, c->cap * sizeof(*c->labels));
		c->v = xrealloc(c->v, c->cap * c->nseries * sizeof(*c->v));
		c->text = xrealloc(c->text, c->cap * c->nseries *
		    sizeof(*c->text));
	}
	c->labels[c->n] = xstrdup(label ? label : "");
	for (s = 0; s < c->nseries; s++) {
		k = c->n * c->nseries + s;
		c->v[k] = v[s];
		c->text[k] = text && text[s] ? xstrdup(text[s]) :
		    xasprintf("%g", v[s]);
	}
	c->n++;
}

void
doc_chart_ref(struct doc_chart *c, double ref, const char *label)
{
	c->has_ref = 1;
	c->ref = ref;
	free(c->ref_label);
	c->ref_label = xstrdup(label ? label : "");
}

static const char *const format_names[] = { "text", "csv", "html", "pdf",
    "xlsx" };

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
