/* Payments: money received from a company, optionally for a deal. */
#include <stddef.h>
#include <stdlib.h>

#include "datetime.h"
#include "store/entities.h"
#include "store/hooks.h"
#include "util.h"

#define O(m)	offsetof(struct payment, m)

static const struct field_desc fields[] = {
	{ "paid_on", "Date", "Дата", FT_DATE, O(paid_on), 10, 0, F_SORT,
	    NULL, NULL, NULL, NULL },
	FIELD_COMPANY(24, F_REQUIRED),
	FIELD_DEAL(0, 0),
	{ "amount", "Amount", "Сумма", FT_MONEY, O(amount), 12, 0, F_REQUIRED,
	    NULL, NULL, NULL, NULL },
	{ "document", "Document", "Документ", FT_TEXT, O(document), 12, 0,
	    F_SEARCH, NULL, NULL, NULL, NULL },
	{ "comment", "Comment", "Комментарий", FT_MEMO, O(comment), 0, 0,
	    F_SEARCH, NULL, NULL, NULL, NULL },
};

static int
check(struct db *db, void *obj, struct so_err *err)
{
	struct payment *p = obj;
	char today[11];

	(void)err;
	if (p->paid_on == NULL || *p->paid_on == '\0') {
		dt_format_date(db_now(db), today);
		free(p->paid_on);
		p->paid_on = xstrdup(today);
	}
	return SO_OK;
}

struct entity entity_payment = {
	.name = "payment", .table = "payments",
	.label = "Payment", .plural = "Payments",
	.size = sizeof(struct payment),
	.fields = fields, .nfields = sizeof(fields) / sizeof(fields[0]),
	.default_sort = 0,
	.title_sql = "t.document",
	.check = check,
};

STORE_WRAPPERS(payment, struct payment, entity_payment)
