/*
 * The ABC/VIP report (src/report/abc.c): the 20/80 ranking of a
 * criterion over windows of months (store/report_abc.h), as a document
 * for the writers of doc.h.  salesorg abc --by/--months makes it.
 */
#ifndef REPORT_ABC_H
#define REPORT_ABC_H

#include <stdint.h>

#include "base/err.h"
#include "doc/doc.h"
#include "store/db.h"
#include "store/report_abc.h"

/* Which parts: all of them, or the difficult clients alone. */
#define ABC_DOC_ALL	0
#define ABC_DOC_BOTTOM	1

/* The half-year the report looks back over: six windows. */
#define ABC_DOC_WINDOWS	6

/*
 * The report of the window of months months ending with month
 * ("YYYY-MM"), ranked by by: the month-by-month table of the half-year
 * of windows ending with it (invoices paid, companies paying, the 20 %
 * of rank A and their share of the money), the month's VIP list, the
 * half-year's VIP table and the bottom 20 %; with ABC_DOC_BOTTOM the
 * last alone.  now: when it is made.  A head of sales' or an admin's
 * (SO_EPERM else).
 */
int	report_abc_doc(struct db *db, enum abc_by by, int months,
	    const char *month, int parts, int64_t now, struct doc *out,
	    struct so_err *err);
#endif
