/*
 * The sales layer over the card files: the deal pipeline and stage moves,
 * ABC ranks by the 20/80 rule, the company's place on the sales path.
 * (A company's former employees and a program's members per status are
 * the card files' own, in entities.h.)
 *
 * Every write here runs in one transaction with its audit rows, like the
 * record engine's own writes (it goes through the record engine where a
 * record changes, so versions, validation and audit come with it).
 */
#ifndef STORE_SALES_H
#define STORE_SALES_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"
#include "store/entities.h"

/* ---- the pipeline (pipeline.c) ---- */

struct pipe_deal {
	int64_t		 id;
	char		*title, *company, *manager;
	int64_t		 amount;	/* SO_NULL: none */
	int64_t		 since;		/* entered the stage (Unix time) */
};

struct pipe_stage {
	int64_t		 id;
	char		*code, *name;
	int		 closed, won;	/* lost: closed and not won */
	int		 retired;	/* kept for the deals in it */
	int64_t		 count, sum;	/* deals and their amounts */
	struct pipe_deal *deals;	/* largest amount first */
	size_t		 ndeals;
};

struct pipeline {
	struct pipe_stage *stages;	/* in stage order */
	size_t		 nstages;
};

/*
 * The live deals by stage.  manager_id 0: every manager.  from/to
 * ("YYYY-MM-DD" or NULL) keep the deals created in the period, and for
 * closed stages those closed in it.  Each stage holds at most per_stage
 * deals (its count and sum are of all of them).
 */
int	 pipeline_load(struct db *db, int64_t manager_id, const char *from,
	    const char *to, size_t per_stage, struct pipeline *p,
	    struct so_err *err);
void	 pipeline_free(struct pipeline *p);

/*
 * Moves a deal dir (+1 / -1) stages along the configured order.  Moving
 * into a lost stage needs reason (SO_EINVAL naming lost_reason
 * otherwise); moving into a closed stage sets closed_on to today, moving
 * out of one clears it.  The stage change is in the audit log with its
 * time, which is what deal_stage_since reads.
 */
int	 deal_move(struct db *db, int64_t deal_id, int dir, const char *reason,
	    struct so_err *err);
/* Sets the deal's stage by code ("won"), with the same rules; code NULL:
 * the first lost stage in use.  A retired stage is refused. */
int	 deal_set_stage(struct db *db, int64_t deal_id, const char *code,
	    const char *reason, struct so_err *err);
/* When the deal entered its current stage (its creation if never moved). */
int	 deal_stage_since(struct db *db, int64_t deal_id, int64_t *since,
	    struct so_err *err);

/* ---- ABC by the 20/80 rule (abc.c) ---- */

/*
 * Ranks the companies that paid in month ("YYYY-MM"): ordered by the
 * month's payment sum, the top 20 % are A, the next 20 % B, the rest C
 * (the rule for ties is in abc.c and the README); or, as the team's
 * abc.by and abc.months set it (store/settings.h), by another criterion
 * over a window of months ending with it.  Replaces the month's
 * ranks; when month is the latest computed month, companies.abc follows,
 * each change audited.  *ranked: companies ranked.
 */
int	 abc_compute(struct db *db, const char *month, int64_t *ranked,
	    struct so_err *err);
/* Every closed month (before the current one) that has payments, in
 * one transaction. */
int	 abc_recompute(struct db *db, int *months, int64_t *ranked,
	    struct so_err *err);
/*
 * At start-up: computes the last closed month (the one before today's)
 * when it has payments and has not been computed; cheap otherwise.
 * *computed: 1 when it did.
 */
int	 abc_auto(struct db *db, int *computed, struct so_err *err);

struct abc_rank {
	char		 month[8];	/* "YYYY-MM" */
	char		 rank;		/* 'A', 'B', 'C' */
	int64_t		 total;
};
/* A company's ranks, oldest month first. */
int	 abc_history(struct db *db, int64_t company_id, struct abc_rank **out,
	    size_t *n, struct so_err *err);

/* True when month is "YYYY-MM" with a real month (01 to 12). */
int	 abc_month_valid(const char *month);

/* One month's ranking in figures: companies and their sums per rank. */
struct abc_month {
	char		 month[8];	/* "YYYY-MM" */
	int64_t		 computed_at;	/* Unix time */
	int64_t		 count[3], sum[3];	/* [0] A, [1] B, [2] C */
};
/*
 * The figures of month, or of the latest computed month when month is
 * NULL.  SO_ENOTFOUND when that month has not been computed (or none
 * has), SO_EINVAL naming "month" when it is not "YYYY-MM".
 */
int	 abc_month_summary(struct db *db, const char *month,
	    struct abc_month *out, struct so_err *err);

/* The company's payments in a calendar year (minor units). */
int	 payments_year_total(struct db *db, int64_t company_id, int year,
	    int64_t *sum, struct so_err *err);
#endif
