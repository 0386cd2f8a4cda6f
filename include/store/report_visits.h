/*
 * The sales representative's daily report (template 8), as the store
 * finds it: one user's visits of the day -- their one-off meetings
 * (event type code "meeting"), planned or done, not cancelled or
 * trashed -- in time order, each with its outlet (the company), the
 * person met, the result and the notes on shelf and stock; and the
 * orders of the day: the user's deals created that day or won that day
 * (closed_on, stage code "won"), with their amounts.
 *
 * There is no field for shelf and stock: the notes are the meeting's
 * description (what was planned or seen) and its result comment (what
 * the representative wrote when closing the visit).
 */
#ifndef STORE_REPORT_VISITS_H
#define STORE_REPORT_VISITS_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"

struct visit {
	int64_t	 event_id, at, end;	/* end 0: none */
	int	 done;
	int64_t	 company_id;		/* 0: none */
	char	*company, *contact;
	char	*result;		/* the result's name, "" for none */
	char	*description, *comment;
};

struct visit_order {
	int64_t	 deal_id;
	int64_t	 amount;		/* minor units; SO_NULL: none */
	int	 won;			/* won that day (else created) */
	char	*company, *title, *stage;
};

struct visits {
	char			 day[11];
	int64_t			 user_id;
	struct visit		*v;
	size_t			 n;
	struct visit_order	*orders;
	size_t			 norders;
	/* held: done visits; outlets: distinct companies visited (held
	 * or planned); order_sum: the orders' amounts. */
	int64_t			 held, outlets, order_sum;
};

/*
 * user_id's visits and orders of day ("YYYY-MM-DD", local).  Another
 * user's are a head's or an administrator's (acl_check_user); SO_EINVAL
 * for a bad day.
 */
int	visits_load(struct db *db, int64_t user_id, const char *day,
	    struct visits *out, struct so_err *err);
void	visits_free(struct visits *v);

#endif
