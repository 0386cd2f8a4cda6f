/*
 * The client-base audit's figures (src/report/audit.c): the companies
 * per ABC category of a month, who moved between categories, and which
 * companies that matter nobody has touched for N days (the team's
 * report.audit.idle_days, store/settings.h; 90 unless set).
 * Scope and period as in store/report_common.h.
 */
#ifndef STORE_REPORT_AUDIT_H
#define STORE_REPORT_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"
#include "store/report_common.h"

struct rep_mover {
	int64_t	 company_id;
	char	*company, *manager_login, *manager_name;
	char	 old_rank, new_rank;	/* 'A'..'C', 0: unranked */
	int64_t	 old_total, new_total;
};

struct rep_idle {
	int64_t	 company_id;
	char	*company, *status, *manager_login, *manager_name;
	char	 rank;			/* in the audit month, 0: none */
	struct rep_touch last;		/* before the end of the period */
};

struct rep_audit {
	char	 month[8];	/* the latest computed month <= to's; "" none */
	char	 base[8];	/* compared with; "" none */
	int64_t	 count[3], sum[3];	/* in scope, [0] A .. [2] C */
	int64_t	 unranked;	/* live companies in scope without a rank */
	struct rep_mover *movers;	/* by old rank, new rank, name */
	size_t	 nmovers;
	int	 idle_days;	/* N: report.audit.idle_days */
	int64_t	 idle_from;	/* no done touch since (Unix time) */
	struct rep_idle *idle;	/* never touched first, then oldest */
	size_t	 nidle;
};

/*
 * The audit month is the latest computed one not after to's month (the
 * latest of all with no to).  The base is the latest computed month
 * before it and not after from's month.  Idle: live companies in scope
 * ranked in the audit month or with status customer or regular that
 * had no done event in the N days ending with today (by now), or with
 * to when the period ended before today.
 */
int	rep_audit_load(struct db *db, int64_t manager,
	    const struct rep_period *p, int64_t now, struct rep_audit *out,
	    struct so_err *err);
void	rep_audit_clear(struct rep_audit *a);

#endif
