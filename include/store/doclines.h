/*
 * The lines of a deal as a document shows them ({line.*} of a document
 * template, exchange/docfill.h): product, quantity, price, discount and
 * amount, in the order they were added.  The deal lines are the
 * products' (table deal_lines, sql/017_products.sql); a database
 * without that table has no lines, and a deal without lines fills an
 * empty table.
 */
#ifndef STORE_DOCLINES_H
#define STORE_DOCLINES_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"

struct doc_line {
	char		*product;	/* its name, else its code, else "" */
	char		*unit;
	int64_t		 quantity;
	int64_t		 price;		/* kopecks; SO_NULL: none */
	int64_t		 discount;	/* percent; SO_NULL: none */
	int64_t		 amount;	/* kopecks; SO_NULL: none */
};

/* The live lines of deal deal_id (the caller has checked the deal may
 * be read). */
int	doc_deal_lines(struct db *db, int64_t deal_id, struct doc_line **out,
	    size_t *n, struct so_err *err);
void	doc_lines_free(struct doc_line *v, size_t n);

#endif
