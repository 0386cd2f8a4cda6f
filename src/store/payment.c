/*
 * Payments: money received from a company, optionally for a deal.
 *
 * A payment moves its company forward on the sales path, in the same
 * transaction: the first live payment makes a lead, prospect or lost
 * company a customer; payments in two different calendar months make a
 * customer a regular customer.  Never backwards: deleting a payment or
 * setting a status by hand is left alone.  The move is an ordinary
 * update of the company (versioned, audited).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/entities.h"
#include "store/hooks.h"
#include "store/product.h"

#define O(m)	offsetof(struct payment, m)

/* What a payment is for: the ABC ranking by units shipped counts the
 * units of goods, the one by services rendered the sums of services. */
static const struct choice kinds[] = {
	{ "goods", NC_("payment", "Goods") },
	{ "services", NC_("payment", "Services") },
	{ NULL, NULL }
};

static const struct field_desc fields[] = {
	{ "paid_on", NC_("payment", "Date"), FT_DATE, O(paid_on), 10, 0, F_SORT,
	    NULL, NULL, NULL, NULL },
	FIELD_COMPANY(NC_("payment", "Company"), 24, F_REQUIRED),
	FIELD_DEAL(NC_("payment", "Deal"), 0, 0),
	{ "amount", NC_("payment", "Amount"), FT_MONEY, O(amount), 12, 0,
	    F_REQUIRED, NULL, NULL, NULL, NULL },
	{ "document", NC_("payment", "Document"), FT_TEXT, O(document), 12, 0,
	    F_SEARCH, NULL, NULL, NULL, NULL },
	{ "comment", NC_("payment", "Comment"), FT_MEMO, O(comment), 0, 0,
	    F_SEARCH, NULL, NULL, NULL, NULL },
	{ "kind", NC_("payment", "Kind"), FT_CHOICE, O(kind), 0, 0, 0, NULL,
	    NULL, kinds, "goods" },
	{ "units", NC_("payment", "Units"), FT_INT, O(units), 0, 0, 0, NULL,
	    NULL, NULL, NULL },
};

static int
check(struct db *db, void *obj, struct so_err *err)
{
	struct payment *p = obj;
	char today[11];

	if (p->units != SO_NULL && p->units < 0)
		return so_err_field(err, SO_EINVAL, "units", _("units: a "
		    "payment ships none or more, not %lld"),
		    (long long)p->units);
	if (p->paid_on == NULL || *p->paid_on == '\0') {
		dt_format_date(db_now(db), today);
		free(p->paid_on);
		p->paid_on = xstrdup(today);
	}
	return SO_OK;
}

/* The company's live payments and the calendar months they fall in. */
static int
paid(struct db *db, int64_t company_id, int64_t *n, int64_t *months,
    struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	code = db_prepare(db, "SELECT count(*), count(DISTINCT substr(paid_on, "
	    "1, 7)) FROM payments WHERE company_id = ?1 AND deleted_at IS NULL",
	    &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, company_id);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	*months = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
	db_done(st);
	return rc == SQLITE_ROW ? SO_OK : db_error(db, rc, N_("reading "
	    "payments"), err);
}

/* The status the payments earn a company now in status (the same when
 * they earn no move). */
static const char *
earned(const char *status, int64_t n, int64_t months)
{
	if (n > 0 && (strcmp(status, "lead") == 0 ||
	    strcmp(status, "prospect") == 0 || strcmp(status, "lost") == 0))
		status = "customer";
	if (months >= 2 && strcmp(status, "customer") == 0)
		status = "regular";
	return status;
}

static int
after_write(struct db *db, const void *old_obj, const void *new_obj,
    struct so_err *err)
{
	const struct payment *p = new_obj;
	struct company c;
	const char *to;
	int64_t n, months;
	int code;

	(void)old_obj;
	/* its split over its deal's product groups (product.h), the deal
	 * it left being no longer its */
	if ((code = split_payment(db, p->meta.id, err)) != SO_OK)
		return code;
	if (p->company_id == SO_NULL || p->company_id == 0)
		return SO_OK;
	if ((code = paid(db, p->company_id, &n, &months, err)) != SO_OK)
		return code;
	if (n == 0)
		return SO_OK;
	if ((code = store_company_get(db, p->company_id, &c, err)) != SO_OK)
		return code;
	to = earned(c.status ? c.status : "", n, months);
	if (c.status && strcmp(to, c.status) == 0) {
		store_company_clear(&c);
		return SO_OK;
	}
	free(c.status);
	c.status = xstrdup(to);
	/* Only the status is judged (store/record.h): a company missing a
	 * required field, or holding an e-mail an old import let through,
	 * moves all the same and keeps the rest as it was.  The program
	 * moves it, not the person paying in: a manager's payment on a
	 * deal moves its company along whoever's it is. */
	acl_system(db, 1);
	code = store_company_update(db, &c, err);
	acl_system(db, 0);
	store_company_clear(&c);
	return code;
}

/* Trashed, a payment is split no more; restored, again. */
static int
after_trash(struct db *db, int64_t id, int del, struct so_err *err)
{
	(void)del;
	return split_payment(db, id, err);
}

struct entity entity_payment = {
	.name = "payment", .table = "payments",
	.label = NC_("payment", "Payment"),
	.plural = NC_("payment", "Payments"),
	.size = sizeof(struct payment),
	.fields = fields, .nfields = sizeof(fields) / sizeof(fields[0]),
	.default_sort = 0,
	.title_sql = "t.document",
	.check = check,
	.after_write = after_write,
	.after_trash = after_trash,
};

STORE_WRAPPERS(payment, struct payment, entity_payment)
