/*
 * Pivot tables over a card file (salesorg pivot, the pivot screen): the
 * records of one entity counted, summed or averaged by one or more row
 * fields (nested levels with subtotals) across a column field or a
 * period of a date (day, week, month, quarter, year).
 *
 * A field is named as the filter language names it (store/filter.h:
 * the column, the same without "_id", a label, a custom field) or
 * through a reference, REF.FIELD: company.category from a payment, the
 * company's category.  "manager" on a card file with no manager of its
 * own (payments, notes, links) is the record's responsible user
 * (acl_owner_sql: its deal's, contact's or company's manager).
 *
 * The date axis of a period is spec.date_field, else the entity's own
 * date: payments paid_on, deals closed_on (created_at while open),
 * events start_at, tasks due_at, companies the day of their first live
 * payment (those with none fall outside the period), and created_at
 * for the rest.  With from and to every period between them is a
 * column, empty or not, and only records in [from, to] count.
 *
 * On a date (spec.on): a snapshot from the audit log.  Only records
 * that existed that day count (created by its end, not in the trash
 * then), and the row and column fields take the value they had at the
 * end of that day: the old value of the first update of the field after
 * it, or the value now when it has not changed since.  The filter, the
 * measured field and a period's date are read as they are now.
 *
 * The work is set-based SQL: one GROUP BY over the entity (and the
 * tables its fields reach), bounded by the date index where there is
 * one (payments_paid_on for a payment's paid_on): never a pass per cell.
 *
 * Who sees what: a head and an administrator pivot every record; a
 * manager only those they may take (acl_export_owner: their own), as
 * in exports.  A drill-down is held the same way.
 *
 * Saved pivots are the team's, like saved filters (unique by name): anyone
 * may save one and run any; a saved pivot is replaced or deleted only by
 * the one who saved it or a head or administrator.
 *
 * The result (struct pivot_result) is plain data: a list of lines in
 * display order (leaves under their group, a subtotal after each group),
 * the column keys, and for each line a cell per column, enough for a
 * table, a drill-down or a sparkline of a line's trend.
 */
#ifndef STORE_PIVOT_H
#define STORE_PIVOT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/err.h"
#include "store/db.h"
#include "store/entity.h"

#define PIVOT_MAXLEVELS	4	/* row fields */

enum pivot_period {
	PIVOT_NONE,	/* the columns are a field's values */
	PIVOT_DAY,
	PIVOT_WEEK,	/* weeks from Monday, by the Monday: "2026-11-30" */
	PIVOT_MONTH,	/* "2026-12" */
	PIVOT_QUARTER,	/* "2026-Q4" */
	PIVOT_YEAR,	/* "2026" */
};

enum pivot_measure {
	PIVOT_COUNT,
	PIVOT_SUM,
	PIVOT_AVG,
};

/* What to pivot.  Strings are the caller's (a loaded saved pivot owns
 * its own: pivot_saved_free). */
struct pivot_spec {
	const char	*entity;	/* "payment" or "payments" */
	const char	*rows[PIVOT_MAXLEVELS];
	int		 nrows;		/* 1 .. PIVOT_MAXLEVELS */
	/* Either a column field (cols) or a period of the date axis. */
	const char	*cols;
	enum pivot_period period;
	const char	*date_field;	/* NULL: the entity's own date */
	enum pivot_measure measure;
	const char	*measure_field;	/* sum, avg: a number or money */
	const char	*filter;	/* the filter language; NULL: all */
	/* Dates as typed ("2026-01-01", "today", "-1y"...), inclusive,
	 * on the date axis; NULL: open.  Resolved against now when run,
	 * so a saved "-1y" .. "today" moves with the calendar. */
	const char	*from, *to;
	const char	*on;		/* snapshot day; NULL: now */
};

/* "day" .. "year" to a period, "" or NULL to PIVOT_NONE; -1 else. */
int	 pivot_period_parse(const char *s);
const char *pivot_period_name(enum pivot_period p);
/* "count", "sum:FIELD", "avg:FIELD" into spec (measure_field points
 * into text).  SO_EINVAL with a message naming text else. */
int	 pivot_measure_parse(const char *text, struct pivot_spec *spec,
	    struct so_err *err);
/* Parses "a,b,c" into spec->rows; the strings are written into buf
 * (a copy of text the caller frees after the spec's last use). */
int	 pivot_rows_parse(char *buf, struct pivot_spec *spec,
	    struct so_err *err);

/* A cell: how many records and the sum of the measured field (of what
 * count counts, the count).  Empty when n is 0.  avg is sum / n, so a
 * subtotal's average is over its records, not an average of averages. */
struct pivot_cell {
	int64_t		 n;
	int64_t		 sum;
};

enum pivot_line_kind {
	PIVOT_LEAF,	/* one value of every row field */
	PIVOT_SUBTOTAL,	/* a group of the first depth levels */
};

struct pivot_line {
	enum pivot_line_kind kind;
	int		 depth;		/* levels keyed: nlevels for a leaf */
	char		**keys;		/* depth stored values ("" none) */
	char		**labels;	/* depth values as shown */
	struct pivot_cell *cells;	/* ncols */
	struct pivot_cell total;	/* the line's total */
};

struct pivot_result {
	const struct entity *ent;
	int		 nlevels;
	char		**level_labels;	/* the row fields' labels */
	char		*col_label;	/* the column field's label or period */
	size_t		 ncols;
	char		**col_keys;	/* stored values / "2026-12" */
	char		**col_labels;	/* as shown */
	struct pivot_line *lines;	/* display order */
	size_t		 nlines;
	struct pivot_cell *col_totals;	/* ncols: the grand total line */
	struct pivot_cell total;
	enum pivot_measure measure;
	/* The measured field's type (FT_MONEY: minor units); FT_INT for
	 * count. */
	enum field_type	 value_type;
	char		*measure_label;	/* "Count", "Sum of Amount" */
	char		 from[11], to[11], on[11];	/* resolved, or "" */
};

/* Runs spec at now.  Unknown entities, fields, periods or dates give
 * SO_EINVAL naming them. */
int	 pivot_run(struct db *db, const struct pivot_spec *spec, time_t now,
	    struct pivot_result **out, struct so_err *err);
void	 pivot_result_free(struct pivot_result *r);
/* A cell's value as text for a person (money grouped, an average to two
 * places) or for a file (raw = 1: "1234.50"); "" when empty.  Caller
 * frees. */
char	*pivot_cell_text(const struct pivot_result *r,
	    const struct pivot_cell *c, int raw);

/*
 * Drill-down: the ids of the records behind a cell, in id order.  keys
 * are the first depth row keys of a line (depth 0: every row), col_key
 * one of result->col_keys (NULL: the line's total).  Held as pivot_run
 * is: the ids the cell counted, no more.
 */
int	 pivot_drill(struct db *db, const struct pivot_spec *spec, time_t now,
	    const char *const *keys, int depth, const char *col_key,
	    int64_t **ids, size_t *nids, struct so_err *err);

/* The source query of spec (one row per record counted: id, k0.., c, v),
 * for the plan test and the benchmark's bare sqlite3 twin.  NULL with
 * err set on a bad spec. */
char	*pivot_source_sql(struct db *db, const struct pivot_spec *spec,
	    time_t now, struct so_err *err);

/* ---- saved pivots (the team's; see above) ---- */

struct pivot_saved {
	int64_t		 id;
	char		*name;
	int64_t		 created_by;
	char		*author;	/* login, "" when unknown */
	int64_t		 updated_at;
	struct pivot_spec spec;		/* strings owned by this struct */
};

/* Saves spec under name, replacing one of that name (if the current
 * user may: its author, a head or an admin). */
int	 pivot_save(struct db *db, const char *name,
	    const struct pivot_spec *spec, struct so_err *err);
/* SO_ENOTFOUND naming name when there is none. */
int	 pivot_load(struct db *db, const char *name, struct pivot_saved *out,
	    struct so_err *err);
int	 pivot_list(struct db *db, struct pivot_saved **out, size_t *n,
	    struct so_err *err);
int	 pivot_delete(struct db *db, const char *name, struct so_err *err);
void	 pivot_saved_clear(struct pivot_saved *s);
void	 pivot_saved_free(struct pivot_saved *s, size_t n);

#endif
