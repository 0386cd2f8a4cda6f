/*
 * The product catalogue and deal lines (src/store/product.c; the card
 * files themselves are in store/entities.h, the schema and the views
 * that attribute money to product groups in sql/017_products.sql).
 *
 * The rules:
 *
 *  - A line's amount is quantity x price x (100 - discount) / 100,
 *    rounded half away from zero to the kopeck (deal_line_amount).  Its
 *    price, when not given, is the product's price as the line is
 *    written; the discount is a whole percentage, 0 to 100.
 *  - A deal with live lines is worth the sum of their amounts: the
 *    store sets the deal's amount in the transaction that adds, changes,
 *    trashes or restores a line, and on every write of the deal, so a
 *    typed amount is replaced.  A deal without lines keeps the amount
 *    typed into it (its last lines' sum when the last one is trashed).
 *  - A retired product is not sold any more: no new line may name it;
 *    the lines that do stay as they are.
 *  - Attribution to product groups (views deal_groups and
 *    payment_groups): a deal's money goes to the groups of its lines'
 *    products; a payment is split over its deal's groups in proportion
 *    to the lines' sums, rounded by running totals so that the shares
 *    add up to the payment; a payment without a deal, or whose deal has
 *    no lines, is "no group" (group NULL).
 *  - The split is stored (tables deal_group_shares and
 *    payment_group_shares, sql/023_group_shares.sql): the views stay its
 *    definition, the tables hold their rows, rewritten by the store in
 *    the transaction of every write that changes them (a payment, a
 *    deal, a deal line written, trashed or restored; a product moved to
 *    another group), so a report reads a period's split through an
 *    index instead of computing every deal's.  salesorg check compares
 *    them (split_check).
 */
#ifndef STORE_PRODUCT_H
#define STORE_PRODUCT_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/util.h"
#include "store/db.h"

/* The schema that stores the split (sql/023_group_shares.sql). */
#define SPLIT_SCHEMA	23

/*
 * quantity x price x (100 - discount) / 100 in kopecks, rounded half
 * away from zero, into *out; discount SO_NULL is none.  SO_EINVAL when
 * the result does not fit (a line nobody means).
 */
int	 deal_line_amount(int64_t quantity, int64_t price, int64_t discount,
	    int64_t *out);
/*
 * The number of live lines of deal_id and the sum of their amounts
 * (*sum 0 when there are none).  Inside or outside a transaction.
 */
int	 deal_lines_total(struct db *db, int64_t deal_id, int64_t *n,
	    int64_t *sum, struct so_err *err);

/*
 * The live product text names, into *id: its number ("#7", "7"), else
 * its code, else its name (any case, Cyrillic too).  SO_ENOTFOUND or
 * SO_EINVAL (several of that name) with a message saying so.
 */
int	 store_product_find(struct db *db, const char *text, int64_t *id,
	    struct so_err *err);

/* 1 when deal_id has live lines, so its amount is theirs (a form shows
 * it and does not take it typed). */
int	 deal_has_lines(struct db *db, int64_t deal_id);

/* One product group's share of something (group_id 0: no group). */
struct group_amount {
	int64_t		 group_id;
	char		*name;		/* "" for no group */
	int64_t		 amount;
};
/*
 * Payments received from..to (dates "YYYY-MM-DD", inclusive; NULL or ""
 * for open ends) by product group (the stored split), largest
 * first, no group last; manager_id not 0: only the payments of that
 * manager's companies and deals, as the sales report counts them.
 */
int	 store_payments_by_group(struct db *db, const char *from,
	    const char *to, int64_t manager_id, struct group_amount **out,
	    size_t *n, struct so_err *err);
void	 group_amounts_free(struct group_amount *v, size_t n);

/*
 * Rewrite the stored split of a payment, or of a deal and its payments,
 * from the records as they are now (inside the caller's transaction;
 * the entities' hooks call them).  An id of 0 or SO_NULL is nothing.
 */
int	 split_payment(struct db *db, int64_t payment_id,
	    struct so_err *err);
int	 split_deal(struct db *db, int64_t deal_id, struct so_err *err);
/*
 * Compares the stored split with the views that define it; appends a
 * line per table that differs to report and fails (SO_ENOTDB) naming
 * the rebuild.  Reads only; SO_OK on a file older than SPLIT_SCHEMA.
 */
int	 split_check(struct db *db, struct strbuf *report,
	    struct so_err *err);

#endif
