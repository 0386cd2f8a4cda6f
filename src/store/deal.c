/*
 * Deals: what a company may buy, moving through the configurable stages
 * (deal_stages) from first contact to won or lost.  A deal with lines
 * (product.c) is worth their sum: the check below sets it.
 */
#include <stddef.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "store/entities.h"
#include "store/hooks.h"
#include "store/product.h"

#define O(m)	offsetof(struct deal, m)

static const struct field_desc fields[] = {
	{ "title", NC_("deal", "Title"), FT_TEXT, O(title), 28, 0,
	    F_REQUIRED | F_SORT | F_SEARCH, NULL, NULL, NULL, NULL },
	FIELD_COMPANY(NC_("deal", "Company"), 22, 0),
	FIELD_CONTACT(NC_("deal", "Contact"), 0, 0),
	{ "stage_id", NC_("deal", "Stage"), FT_REF, O(stage_id), 14, 0, 0,
	    "deal_stages", LABEL_NAME, NULL, NULL },
	{ "amount", NC_("deal", "Amount"), FT_MONEY, O(amount), 12, 0, 0, NULL,
	    NULL, NULL, NULL },
	{ "quantity", NC_("deal", "Quantity"), FT_INT, O(quantity), 0, 0, 0,
	    NULL, NULL, NULL, NULL },
	{ "expected_close", NC_("deal", "Expected close"), FT_DATE,
	    O(expected_close), 0, 0, 0, NULL, NULL, NULL, NULL },
	{ "closed_on", NC_("deal", "Closed on"), FT_DATE, O(closed_on), 0, 0, 0,
	    NULL, NULL, NULL, NULL },
	{ "terms", NC_("deal", "Terms"), FT_MEMO, O(terms), 0, 0, F_SEARCH,
	    NULL, NULL, NULL, NULL },
	FIELD_MANAGER(NC_("deal", "Manager"), 12, 0),
	{ "lost_reason", NC_("deal", "Lost reason"), FT_TEXT,
	    O(lost_reason), 0, 0, F_SEARCH, NULL, NULL, NULL, NULL },
};

static int
check(struct db *db, void *obj, struct so_err *err)
{
	struct deal *d = obj;
	sqlite3_stmt *st;

	hook_default_user(db, d, &d->manager_id);
	if ((d->stage_id == SO_NULL || d->stage_id == 0) &&
	    db_prepare(db, "SELECT id FROM deal_stages WHERE NOT closed AND "
	    "NOT retired ORDER BY sort, id LIMIT 1", &st, err) == SO_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			d->stage_id = sqlite3_column_int64(st, 0);
		db_done(st);
	}
	if (d->quantity != SO_NULL && d->quantity < 0)
		return so_err_field(err, SO_EINVAL, "quantity",
		    _("Quantity: may not be negative"));
	/* A deal with lines is worth their sum, whatever was typed
	 * (store/product.h); one without keeps its own amount. */
	if (d->meta.id != 0) {
		int64_t n, sum;
		int code;

		if ((code = deal_lines_total(db, d->meta.id, &n, &sum, err)) !=
		    SO_OK)
			return code;
		if (n > 0)
			d->amount = sum;
	}
	return SO_OK;
}

/*
 * A retired stage keeps the deals already in it, but no deal enters it:
 * judged after the write (old NULL for a new deal), whoever writes -- a
 * form, an import, the pipeline.
 */
static int
after_write(struct db *db, const void *old, const void *obj,
    struct so_err *err)
{
	const struct deal *o = old, *d = obj;
	sqlite3_stmt *st;
	char *name = NULL;
	int rc, code;

	/* its split over product groups and its payments' (product.h) */
	if ((code = split_deal(db, d->meta.id, err)) != SO_OK)
		return code;
	if (o != NULL && o->stage_id == d->stage_id)
		return SO_OK;
	code = db_prepare(db, "SELECT name FROM deal_stages WHERE id = ? AND "
	    "retired", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, d->stage_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		name = db_text_dup(st, 0);
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading deal stages"), err);
	if (name == NULL)
		return SO_OK;
	code = so_err_field(err, SO_EINVAL, "stage_id", _("Stage: %s is "
	    "retired; it keeps the deals in it but takes no new ones"), name);
	free(name);
	return code;
}

/* Trashed, a deal and its payments have no product groups; restored,
 * they have them again. */
static int
after_trash(struct db *db, int64_t id, int del, struct so_err *err)
{
	(void)del;
	return split_deal(db, id, err);
}

struct entity entity_deal = {
	.name = "deal", .table = "deals",
	.label = NC_("deal", "Deal"),
	.plural = NC_("deal", "Deals"),
	.size = sizeof(struct deal),
	.fields = fields, .nfields = sizeof(fields) / sizeof(fields[0]),
	.default_sort = 0,
	.title_sql = "t.title",
	.check = check,
	.after_write = after_write,
	.after_trash = after_trash,
};

STORE_WRAPPERS(deal, struct deal, entity_deal)
