/*
 * A printable document: what a report or the work journal is before it
 * becomes text, CSV, HTML or PDF.  A report builder fills one (title,
 * period, user, then headings, paragraphs and tables of UTF-8 cells) and
 * knows nothing of the output; each writer lays the same document out in
 * its own medium:
 *
 *  - text (doc_text.c): paginated for a line printer or a pager, columns
 *    aligned by display width (Cyrillic one column, CJK two), long
 *    values wrapped at spaces and never cut inside a character, a
 *    header with the title, period, user and "page N of M" on each page;
 *  - csv (doc_csv.c): each table as RFC 4180 rows with its header, a
 *    blank line between tables, for a spreadsheet;
 *  - html (doc_html.c): one self-contained file (inline CSS with print
 *    rules: page headers, table headers repeated across pages);
 *  - pdf (doc_pdf.c): typeset with Cairo and Pango, real fonts, table
 *    rules, the same page header and "page N of M";
 *  - xlsx (xlsx.c): a workbook, a sheet per table, numbers as numbers
 *    (money in #,##0.00), to a file only.
 *
 * A report of the whole base (the department's follow-up, 140 000
 * companies at three times the benchmark's size) is not held in memory
 * to be written: its tables' rows go to a temporary file as they come
 * (doc_table_spill), every writer reads them back a row at a time, and
 * the text writer lays the document out twice as a stream -- once to
 * count the pages for "page N of M", once to write them -- holding a
 * page, not the document.
 *
 * Every writer returns the number of pages it made (text and pdf; 1 for
 * the others), so the caller can say "3 pages" and a test can compare it
 * with what the printer got.  Writers never pass control characters from
 * the data through (utf8_sanitize).
 *
 * The writers' own words ("Period", "page N of M") are in the language
 * of the messages (base/i18n.h) when they write, as the builder's were
 * when it built: a report is built and written in one language.  The
 * CSV writer reads numbers with that language's decimal sign.
 */
#ifndef DOC_H
#define DOC_H

#include <stddef.h>
#include <stdio.h>

#include "base/err.h"

enum doc_align {
	DOC_LEFT,
	DOC_RIGHT,	/* numbers and money */
	DOC_CENTER,
};

struct doc_col {
	char		*label;
	enum doc_align	 align;
	/* Display columns the text writer gives it at most before it
	 * wraps (0: as wide as the widest value); the pdf writer shares
	 * the page width in proportion to these widths. */
	int		 max;
	/* An empty column to be filled in by hand on paper: the writers
	 * give it room (at least 12 columns of text, a wide ruled cell in
	 * pdf) even though every cell is empty. */
	int		 blank;
};

enum doc_row_kind {
	DOC_ROW,	/* a data row */
	DOC_ROW_TOTAL,	/* a total: bold, a rule above */
	DOC_ROW_GROUP,	/* a group heading spanning the table (cells[0]) */
	DOC_ROW_MARK,	/* a data row to draw attention to (a warning) */
};

struct doc_row {
	enum doc_row_kind	 kind;
	char			**cells;	/* ncols of them, never NULL */
};

struct doc_spool;

/*
 * A table's rows are in memory (rows[0..nrows)) until a table that
 * asked for it (doc_table_spill) passes DOC_SPILL_ROWS rows: then every
 * row goes to a temporary file (spool, rows NULL), so a report of the
 * whole base costs a page of memory, not a copy of the base.  A writer
 * reads rows through doc_table_row, whichever way they are kept.
 */
struct doc_table {
	struct doc_col	*cols;
	size_t		 ncols;
	struct doc_row	*rows;
	size_t		 nrows, cap;
	int		 spill;		/* may go to disk */
	struct doc_spool *spool;	/* NULL: rows are in memory */
};

/*
 * A chart (chart.c): what a table beside it says, drawn for a person
 * who would rather look than read -- the funnel's stages, plan against
 * fact, a pivot's trend.  It is never the only place a figure is: the
 * builder puts the table next to it, and the CSV writer leaves charts
 * out (a program reads the CSV).  A chart holds one value a point (a
 * stage, a manager, a period), so it stays in memory whatever the
 * table beside it spills.
 *
 *  - DOC_CHART_BAR: a bar a point, across the page, its label before
 *    it and its value written after it; a second series gives each
 *    point a second, lighter bar (new buyers and buyers lost); a
 *    reference (doc_chart_ref: the plan's 100 %) is a mark across
 *    every bar.
 *  - DOC_CHART_TREND: each series a line over the points (periods);
 *    in text a sparkline per series.
 *
 * The scale runs from 0 to the largest value (or the reference, when
 * larger).  A negative value is drawn as 0 -- an empty bar, the foot
 * of a line -- and written as it is: a chart of money refunded more
 * than paid is a table's business.  Every writer says each point's
 * value in text too (after the bar; the SVG's <title>).
 */
enum doc_chart_kind {
	DOC_CHART_BAR,
	DOC_CHART_TREND,
};

#define DOC_CHART_SERIES	8

struct doc_chart {
	enum doc_chart_kind kind;
	char		*title;		/* also its text alternative */
	size_t		 nseries;	/* 1 .. DOC_CHART_SERIES */
	char		*names[DOC_CHART_SERIES];	/* the legend's */
	size_t		 n, cap;	/* points */
	char		**labels;	/* n: a stage, a manager, a period */
	double		*v;		/* n * nseries: v[i * nseries + s] */
	char		**text;		/* the same, as the table writes it */
	int		 has_ref;
	double		 ref;		/* the mark across the bars */
	char		*ref_label;	/* "Plan (100%)" */
};

enum doc_block_kind {
	DOC_HEADING,	/* a section title */
	DOC_PARA,	/* a paragraph of text (may hold '\n') */
	DOC_TABLE,
	DOC_PAGE_BREAK,	/* start a new page (one manager per page) */
	DOC_CHART,
};

struct doc_block {
	enum doc_block_kind	 kind;
	char			*text;		/* heading, paragraph */
	struct doc_table	*table;		/* table */
	struct doc_chart	*chart;		/* chart */
};

struct doc {
	char		*title;		/* "Work journal" */
	char		*period;	/* "2026-11-23" or "2026-11-01 - 2026-11-30" */
	char		*user;		/* "Анна Иванова (anna)" or "all managers" */
	char		*generated;	/* "printed 2026-11-22 18:40 by anna" */
	int		 landscape;	/* wide tables: pdf turns the page */
	struct doc_block *blocks;
	size_t		 nblocks, cap;
};

/* ---- building (doc.c) ---- */

void	 doc_init(struct doc *d, const char *title);
void	 doc_free(struct doc *d);
/* Each copies its strings; NULL leaves the field as it is. */
void	 doc_meta(struct doc *d, const char *period, const char *user,
	    const char *generated);
void	 doc_heading(struct doc *d, const char *text);
void	 doc_para(struct doc *d, const char *text);
void	 doc_page_break(struct doc *d);
/* A new table with ncols columns (copied) at the end of the document. */
struct doc_table *doc_table(struct doc *d, const struct doc_col *cols,
	    size_t ncols);
/* Appends a row; cells (ncols of them, NULL meaning "") are copied. */
void	 doc_row(struct doc_table *t, enum doc_row_kind kind,
	    const char *const *cells);
/* Same, cells given as arguments (exactly t->ncols of them). */
void	 doc_rowv(struct doc_table *t, enum doc_row_kind kind, ...);
/*
 * Lets t's rows go to a temporary file once there are more than
 * doc_spill_rows of them (DOC_SPILL_ROWS; a test may lower it).  A
 * table a caller reads back through t->rows must not spill.
 */
#define DOC_SPILL_ROWS	2000
extern size_t doc_spill_rows;
void	 doc_table_spill(struct doc_table *t);
/*
 * Row i of t, in memory or read back from its file: valid until the
 * next doc_table_row on t (the writers hold one row at a time), NULL
 * when the file cannot be read (doc_table_error says so).  In order is
 * cheapest; any order works.  doc_table_kind(t, i) is row i's kind
 * alone, to look ahead without losing the row in hand.
 */
const struct doc_row *doc_table_row(const struct doc_table *t, size_t i);
enum doc_row_kind doc_table_kind(const struct doc_table *t, size_t i);
int	 doc_table_error(const struct doc_table *t);
/* ---- charts (chart.c) ---- */

/*
 * A new chart at the end of the document: its kind, title and the
 * names of its nseries series (1 .. DOC_CHART_SERIES; a name may be
 * NULL for a chart of one series, which has no legend).
 */
struct doc_chart *doc_chart(struct doc *d, enum doc_chart_kind kind,
	    const char *title, const char *const *names, size_t nseries);
/* Appends a point: its label, nseries values and, for each, the text
 * written beside it (NULL: the number as "%g"). */
void	 doc_chart_point(struct doc_chart *c, const char *label,
	    const double *v, const char *const *text);
/* The mark across the bars at value ref, named in the legend. */
void	 doc_chart_ref(struct doc_chart *c, double ref, const char *label);
/* The top of c's scale: the largest value or reference, at least 0. */
double	 doc_chart_max(const struct doc_chart *c);
/*
 * v on a scale of 0 .. max over cells character cells, in eighths of
 * a cell: 0 for v <= 0 (or max <= 0), else at least 1 (something is
 * not nothing), rounded to the nearest eighth, at most cells * 8.
 */
int	 doc_chart_eighths(double v, double max, int cells);
/* The bar of doc_chart_eighths as full blocks and an eighth block
 * (caller frees; "" for nothing). */
char	*doc_chart_bar(double v, double max, int cells);
/*
 * A sparkline of v[0..n) in at most width cells (caller frees): a cell
 * a point, each ▁ to █ by eighths of max (a point of 0 or less a
 * blank; above 0 at least ▁).  More points than cells: ceil(n / width)
 * points a cell, the cell their mean.
 */
char	*doc_chart_spark(const double *v, size_t n, double max, int width);
/*
 * The chart as lines of text width columns wide (0: no limit), as the
 * text writer and the TUI's preview show it (caller frees each line and
 * the array).  Each line is sanitized and at most width columns.
 */
void	 doc_chart_lines(const struct doc_chart *c, int width, char ***lines,
	    size_t *nlines);

/* Replaces the text of block i (a heading or a paragraph): a builder
 * says a count above a table it has only just filled. */
void	 doc_block_text(struct doc *d, size_t i, const char *text);

/* ---- writing ---- */

enum doc_format {
	DOC_TEXT,
	DOC_CSV,
	DOC_HTML,
	DOC_PDF,
	DOC_XLSX,	/* a workbook, a sheet per table (xlsx.c) */
};

/* "text", "csv", "html", "pdf", "xlsx" -> the format; -1 for anything else. */
int	 doc_format_parse(const char *name);
const char *doc_format_name(enum doc_format f);

struct doc_layout {
	int	 width;		/* text: columns per line (default 80; 0: no
				 * limit, tables as wide as they need) */
	int	 page_length;	/* text: lines per page, header included
				 * (default 66; 0: one endless page, no
				 * header repeated and no form feeds) */
	/* pdf: "a4" (default) or "letter". */
	const char *paper;
};
#define DOC_LAYOUT_DEFAULT	{ 80, 66, "a4" }

/*
 * Writes d to f in format fmt; *pages (if not NULL) gets the number of
 * pages.  Text pages are separated by form feeds.  Errors (a write
 * error, a PDF surface that failed) come back in err, naming what.
 */
int	 doc_write(const struct doc *d, enum doc_format fmt,
	    const struct doc_layout *lo, FILE *f, int *pages,
	    struct so_err *err);

int	 doc_write_text(const struct doc *d, const struct doc_layout *lo,
	    FILE *f, int *pages, struct so_err *err);
int	 doc_write_csv(const struct doc *d, FILE *f, struct so_err *err);
int	 doc_write_html(const struct doc *d, FILE *f, struct so_err *err);
int	 doc_write_pdf(const struct doc *d, const struct doc_layout *lo,
	    FILE *f, int *pages, struct so_err *err);
int	 doc_write_xlsx(const struct doc *d, FILE *f, struct so_err *err);

/*
 * The text layout as lines, for the TUI's preview: *lines (caller frees
 * each and the array) holds every line of every page, without form
 * feeds; page_length 0 gives one page without headers.
 */
int	 doc_text_lines(const struct doc *d, const struct doc_layout *lo,
	    char ***lines, size_t *nlines, int *pages, struct so_err *err);

#endif
