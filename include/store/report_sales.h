/*
 * The sales report's figures (src/report/sales.c): per manager, the
 * deals won and lost and the payments received in a period; the open
 * pipeline now; for one manager, the deals themselves.  Scope and
 * period as in store/report_common.h.
 */
#ifndef STORE_REPORT_SALES_H
#define STORE_REPORT_SALES_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"
#include "store/report_common.h"

struct rep_sales_row {
	int64_t	 user_id;		/* 0: deals and payments of nobody */
	char	*login, *full_name;
	int64_t	 won, won_sum, lost, lost_sum, paid;
};

struct rep_stage {
	int64_t	 id;
	char	*code, *name;
	int64_t	 count, sum;
};

struct rep_deal {
	int64_t	 id, amount;		/* amount SO_NULL: none */
	char	*title, *company, *stage, *stage_code, *closed_on;
	char	*lost_reason;
};

struct rep_sales {
	/* Per manager: the active users by name, then any other user
	 * with figures, then (user_id 0) what has no manager. */
	struct rep_sales_row *rows;
	size_t	 nrows;
	/* The open stages in stage order with their live deals now. */
	struct rep_stage *stages;
	size_t	 nstages;
	/* detail only: the deals closed in the period (won first, then
	 * lost, each by closed_on) and the open deals (by stage, then
	 * largest amount first). */
	struct rep_deal *closed, *open;
	size_t	 nclosed, nopen;
};

/*
 * Won deals (stage code won) and lost ones (any other closed stage)
 * closed in the period, payments received in it (attributed to the
 * deal's manager when a payment has a deal, else the company's); the
 * pipeline now.  manager 0: per manager for the department; else that
 * one manager's row, pipeline and, when detail, the deal lists.
 */
int	rep_sales_load(struct db *db, int64_t manager,
	    const struct rep_period *p, int detail, struct rep_sales *out,
	    struct so_err *err);
void	rep_sales_clear(struct rep_sales *s);

#endif
