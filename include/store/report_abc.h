/*
 * The ABC/VIP figures by the 20/80 rule, ranked on the fly for the ABC
 * report (src/report/abc.c): by a criterion of the team's choice and
 * over a rolling window of months, so a steady client who skipped a
 * month keeps its place.  Nothing is written: the ranks stored for the
 * lists and the card (store/sales.h: abc_compute) stay as the team's
 * abc.by and abc.months make them.
 *
 * The rule is the stored ranking's (src/store/abc.c): the companies
 * with a value above zero in the window are ordered by it, largest
 * first; equal values share the best place of their group; with n of
 * them a company is A at a place of at most n/5 rounded up, B at most
 * 2n/5 rounded up, C else.
 */
#ifndef STORE_REPORT_ABC_H
#define STORE_REPORT_ABC_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"

/* What ranks a company in a window (live payments of the window):
 *	sum	what it paid net of refunds
 *	count	how many payments above zero it made
 *	units	the units of goods its payments were for
 *	services	what it paid for services (payments of kind services) */
enum abc_by { ABC_BY_SUM, ABC_BY_COUNT, ABC_BY_UNITS, ABC_BY_SERVICES };

/* "sum", "count", "units", "services" -> the criterion; -1 else. */
int		 abc_by_parse(const char *s);
const char	*abc_by_name(enum abc_by by);

struct abc_client {
	int64_t		 id;
	char		*name;
	int64_t		 value;		/* by the criterion */
	/* The money of the window: payments above zero, and refunds
	 * (payments below zero) as a positive sum: "spent" on the
	 * client, the only money the file records going to one. */
	int64_t		 paid, spent;
	int64_t		 payments;	/* above zero */
	int64_t		 place;		/* 1, 2, 2, 4 */
	char		 rank;		/* 'A', 'B', 'C' */
};

struct abc_window {
	char		 first[8], last[8];	/* months, "YYYY-MM" */
	/* Payments above zero of the ranked companies: invoices paid. */
	int64_t		 invoices;
	int64_t		 companies;	/* ranked */
	int64_t		 top;		/* of rank A: the 20 % */
	int64_t		 money, top_money;	/* paid - spent: all, A's */
	struct abc_client *rows;	/* best first, then by name */
	size_t		 nrows;
};

/*
 * Ranks the window of months months ending with last ("YYYY-MM"), 1 to
 * 24 months.  The department's money: a head of sales or an admin only
 * (SO_EPERM else).  SO_EINVAL naming "month" or "months" for bad ones.
 */
int	 abc_rank_window(struct db *db, enum abc_by by, const char *last,
	    int months, struct abc_window *out, struct so_err *err);
void	 abc_window_free(struct abc_window *w);

/*
 * The bottom 20 %, the difficult clients: of the companies not of rank
 * A, the last n/5 places (n ranked, rounded up), companies tied with
 * the last of them included.  Returns the index of the first such row;
 * the rest of w->rows are they (w->nrows when there are none).
 */
size_t	 abc_bottom(const struct abc_window *w);

/* The month delta months after ym ("YYYY-MM"; delta may be negative). */
void	 abc_month_add(const char *ym, int delta, char out[8]);
#endif
