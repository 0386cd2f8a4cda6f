/*
 * The reports and the work journal as documents (doc.h): each builder,
 * src/report/NAME.c, reads its figures from its query module in the
 * store, store/report_NAME.h (every number is computed there by SQL
 * from events, deals and payments), and lays them out as headings,
 * paragraphs and tables.  The command line (salesorg report, salesorg
 * journal) and the TUI's Reports screen both go through report_find and
 * a builder, so what is printed is what is previewed.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdint.h>
#include <time.h>

#include "base/err.h"
#include "doc/doc.h"
#include "store/db.h"
#include "store/report_abc.h"

struct report_query {
	/* The period, "YYYY-MM-DD", both days included.  The journal
	 * uses from only (its day). */
	char		 from[11], to[11];
	/* One manager (users.id), or 0 with all set for the department;
	 * 0 without all: the current user. */
	int64_t		 user_id;
	int		 all;
	/* meeting: the meeting event's id (0: the current user's latest
	 * done meeting in the period). */
	int64_t		 id;
	/* program: the program's name or id (program_find); NULL: the
	 * program that started last. */
	const char	*program;
	/* abc: the criterion, 1 + enum abc_by (store/report_abc.h), and
	 * the window in months (1 to 24); 0: the team's abc.by and
	 * abc.months, what the stored ranks go by.  abc_bottom: the bottom
	 * 20 % alone. */
	int		 abc_by, abc_months, abc_bottom;
	/* dynamics: the months without a payment after which a buyer is
	 * lost (0: 6) and the step, 'm' month or 'q' quarter (0: 'm'). */
	int		 dyn_months;
	char		 dyn_step;
	/* sales: the period's payments by product group too (--by group;
	 * the view payment_groups, store/product.h). */
	int		 by_group;
	/* The moment the report is made (Unix time): "before the day"
	 * for the journal, "now" for the next planned touch. */
	int64_t		 now;
};

typedef int	(*report_build_fn)(struct db *db, const struct report_query *q,
		    struct doc *out, struct so_err *err);

/* title and help are marked N_(): shown through _() (base/i18n.h). */
struct report_desc {
	const char	*name;		/* "activity" */
	const char	*title;		/* "Activity by manager and day" */
	const char	*help;		/* one line for --help and the TUI */
	/* Which period a picker offers first: 'd' day, 'w' week, 'm'
	 * month, 'y' year, 'a' all time. */
	char		 period;
	report_build_fn	 build;
};

/* Every report, "journal" first, NULL-terminated by name. */
extern const struct report_desc reports[];

/* The report called name, or NULL. */
const struct report_desc *report_find(const char *name);

/* The builders (src/report/NAME.c). */
int	report_journal(struct db *, const struct report_query *, struct doc *,
	    struct so_err *);
int	report_activity(struct db *, const struct report_query *, struct doc *,
	    struct so_err *);
int	report_meeting(struct db *, const struct report_query *, struct doc *,
	    struct so_err *);
int	report_followup(struct db *, const struct report_query *, struct doc *,
	    struct so_err *);
int	report_sales(struct db *, const struct report_query *, struct doc *,
	    struct so_err *);
int	report_audit(struct db *, const struct report_query *, struct doc *,
	    struct so_err *);
int	report_keyclients(struct db *, const struct report_query *,
	    struct doc *, struct so_err *);
int	report_checklist(struct db *, const struct report_query *,
	    struct doc *, struct so_err *);
int	report_visits(struct db *, const struct report_query *, struct doc *,
	    struct so_err *);
/* The plan report (src/report/plan.c): plan, fact, share done and the
 * forecast per manager and for the team; the period must be a month, a
 * quarter or a year (SO_EINVAL else). */
int	report_plan(struct db *, const struct report_query *, struct doc *,
	    struct so_err *);
/* The plan, fact and share done of each measure with a plan, as tables
 * appended to out, when q's period is a month, a quarter or a year with
 * plans (the sales report's); nothing else.  sales: the sales report's
 * figures of q, loaded already (store/report_sales.h). */
struct rep_sales;
int	report_plan_section(struct db *db, const struct report_query *q,
	    const struct rep_sales *sales, struct doc *out,
	    struct so_err *err);
/* fact as a share of plan, "37.5%" with the language's decimal sign;
 * "-" without a plan or for a plan of 0 (caller frees). */
char	*report_percent_cell(int64_t plan, int has_plan, int64_t fact);
/* The funnel, the forecast and the client dynamics (src/report/
 * funnel.c; store/report_funnel.h). */
int	report_funnel(struct db *, const struct report_query *, struct doc *,
	    struct so_err *);
int	report_forecast(struct db *, const struct report_query *,
	    struct doc *, struct so_err *);
int	report_dynamics(struct db *, const struct report_query *,
	    struct doc *, struct so_err *);
/* The program report (src/report/program.c; store/mailing.h): its
 * dates and attribution window, members by status, mailings, the deals
 * and payments attributed per company, the conversion. */
int	report_program(struct db *, const struct report_query *,
	    struct doc *, struct so_err *);

/* The ABC/VIP report (report_abc_doc, below) of the windows ending
 * with the month of q->to (today's without one). */
int	report_abc(struct db *, const struct report_query *, struct doc *,
	    struct so_err *);

/*
 * The ABC/VIP report itself (src/report/abc.c): the 20/80 ranking of a
 * criterion over windows of months (store/report_abc.h), which salesorg
 * abc --by/--months makes as well.  The report of the window of months
 * months ending with month ("YYYY-MM"), ranked by by: the month-by-month
 * table of the half-year of windows ending with it (invoices paid,
 * companies paying, the 20 % of rank A and their share of the money),
 * the month's VIP list, the half-year's VIP table and the bottom 20 %;
 * with ABC_DOC_BOTTOM the last alone.  now: when it is made.  A head of
 * sales' or an admin's (SO_EPERM else).
 */
#define ABC_DOC_ALL	0
#define ABC_DOC_BOTTOM	1
/* The half-year the report looks back over: six windows. */
#define ABC_DOC_WINDOWS	6
int	report_abc_doc(struct db *db, enum abc_by by, int months,
	    const char *month, int parts, int64_t now, struct doc *out,
	    struct so_err *err);

/*
 * A pivot table (store/pivot.h) run from spec as a document: the row
 * levels, a column per column key and the totals (src/report/pivot.c).
 */
struct pivot_spec;
struct pivot_result;
int	report_pivot_doc(struct db *db, const struct pivot_spec *spec,
	    const struct pivot_result *r, struct doc *out,
	    struct so_err *err);

/* The manager q is about: 0 for the department (q->all), else q->user_id
 * or, without one, the current user. */
int64_t	report_query_manager(struct db *db, const struct report_query *q);
/* The moment q is made at: q->now, else the store's now. */
int64_t	report_query_now(struct db *db, const struct report_query *q);

/*
 * Starts out: doc_init with title, then the meta lines every report
 * carries: the period ("2026-11-01 - 2026-11-30", or one day), the user
 * ("Анна Иванова (anna)", or "all managers" when q->all) and "made
 * YYYY-MM-DD HH:MM by LOGIN".  SO_ENOTFOUND when q->user_id is no user.
 * All of it in the messages' language (base/i18n.h), as is everything
 * a builder writes: in Russian "01.11.2026 - 30.11.2026", one day as
 * "понедельник, 23 ноября 2026", "все менеджеры".
 */
int	report_begin(struct db *db, const struct report_query *q,
	    const char *title, struct doc *out, struct so_err *err);
/* "Full Name (login)", or the login when there is no name (caller
 * frees). */
char	*report_user_label(const char *login, const char *full_name);

/*
 * The period of length kind ('d' day, 'w' week from Monday, 'm' month,
 * 'q' quarter, 'y' calendar year, 'a' all time: from "" to today)
 * containing the local day of now, moved by offset such periods (-1: the
 * one before).  Writes "YYYY-MM-DD" into from and to.  Returns -1 for an
 * unknown kind.
 */
int	report_period(char kind, int64_t now, int offset, char from[11],
	    char to[11]);
/* "day", "week", "month", "quarter", "year", "all" -> the kind; 0 if
 * none of them. */
char	report_period_kind(const char *name);

/*
 * Writes d as PDF to a private temporary file, sends it to the printer
 * through lpr (print.h: printer NULL for CUPS's default), and removes
 * it.  *pages: how many pages went.
 */
int	report_print(const struct doc *d, const struct doc_layout *lo,
	    const char *printer, int copies, int *pages, struct so_err *err);
/*
 * Writes d to path in format fmt, all or nothing (a temporary file
 * renamed over path).  fmt < 0: by path's extension (.txt, .csv,
 * .html/.htm, .pdf), text without one; another is refused (SO_EINVAL).
 */
int	report_save(const struct doc *d, int fmt, const struct doc_layout *lo,
	    const char *path, int *pages, struct so_err *err);
/* The format path's extension asks for, or -1. */
int	report_format_of_path(const char *path);
/* The format to save path in: by its extension, text when it has none;
 * -1 with err for an extension the reports do not write (x.odt). */
int	report_format_for_path(const char *path, struct so_err *err);

/* Money in minor units as "1 234 567.89" (groups split by a space, the
 * language's decimal sign: "1 234 567,89" in Russian). */
void	report_money(int64_t minor, char *buf, size_t size);
/*
 * Dates in a report's tables, in the messages' language: a day
 * "YYYY-MM-DD" as "2026-11-23" or "23.11.2026" (anything else as it
 * is), a moment as "2026-11-23 09:30" or "23.11.2026 09:30", a month
 * "YYYY-MM" as "2026-11" or "ноябрь 2026".
 */
void	report_date(const char *ymd, char *buf, size_t size);
void	report_moment(time_t t, char *buf, size_t size);
void	report_month(const char *ym, char *buf, size_t size);
/* The day a report is about, in its header: "2026-11-23" in English
 * (as it always was), "понедельник, 23 ноября 2026" in Russian. */
void	report_day_long(const char *ymd, char *buf, size_t size);

/* ---- the pieces of a report's tables ---- */

/*
 * A table of the report under its heading (NULL: none), its columns
 * cols[0..ncols): labels, alignment and widths, the report's own.
 * With empty given and no rows to come (nrows 0), the paragraph empty
 * stands instead of the table and NULL is returned: the caller adds no
 * rows.  Every report's tables are made here; REPORT_TABLE counts the
 * columns of an array.
 */
struct doc_table *report_table(struct doc *d, const char *heading,
	    const char *empty, size_t nrows, const struct doc_col *cols,
	    size_t ncols);
#define REPORT_TABLE(d, heading, empty, nrows, cols)			\
	report_table((d), (heading), (empty), (nrows), (cols),		\
	    sizeof(cols) / sizeof((cols)[0]))
/* Cells of figures (caller frees): a count; money as report_money
 * writes it, "" for SO_NULL (no amount). */
char	*report_count_cell(int64_t n);
char	*report_money_cell(int64_t minor);
/* How a manager is named in a table: the full name, else the login. */
const char *report_manager_name(const char *login, const char *full_name);

#endif
