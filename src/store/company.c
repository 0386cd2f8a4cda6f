/*
 * Companies: the organizations a department sells to.  Status follows the
 * sales path (lead -> prospect -> customer -> regular, or lost); payments
 * move it forward (payment.c).  abc is the rank of the latest month
 * ranked by the 20/80 rule; only abc.c writes it, so forms show it and
 * lists sort and filter by it, but nobody types it.
 */
#include <stddef.h>

#include "store/entities.h"
#include "store/hooks.h"

#define O(m)	offsetof(struct company, m)

static const struct choice statuses[] = {
	{ "lead", NC_("company", "Lead") },
	{ "prospect", NC_("company", "Prospect") },
	{ "customer", NC_("company", "Customer") },
	{ "regular", NC_("company", "Regular customer") },
	{ "lost", NC_("company", "Lost") },
	{ NULL, NULL }
};

static const struct choice abc_ranks[] = {
	{ "A", NC_("company", "A VIP") },
	{ "B", NC_("company", "B good") },
	{ "C", NC_("company", "C") },
	{ NULL, NULL }
};

static const struct field_desc fields[] = {
	{ "name", NC_("company", "Name"), FT_TEXT, O(name), 30, 0,
	    F_REQUIRED | F_SORT | F_SEARCH, NULL, NULL, NULL, NULL },
	{ "legal_name", NC_("company", "Legal name"), FT_TEXT,
	    O(legal_name), 0, 0, F_SEARCH, NULL, NULL, NULL, NULL },
	{ "city", NC_("company", "City"), FT_TEXT, O(city), 14, 0,
	    F_SORT | F_SEARCH, NULL, NULL, NULL, NULL },
	{ "category", NC_("company", "Category"), FT_TEXT, O(category), 8, 40,
	    F_SORT | F_SEARCH, NULL, NULL, NULL, NULL },
	{ "status", NC_("company", "Status"), FT_CHOICE, O(status), 10, 0,
	    F_SORT, NULL, NULL, statuses, "lead" },
	{ "abc", NC_("company", "ABC"), FT_CHOICE, O(abc), 6, 0,
	    F_SORT | F_READONLY, NULL, NULL, abc_ranks, NULL },
	{ "industry", NC_("company", "Industry"), FT_TEXT, O(industry), 0, 0,
	    F_SEARCH, NULL, NULL, NULL, NULL },
	{ "address", NC_("company", "Address"), FT_TEXT, O(address), 0, 0,
	    F_SEARCH, NULL, NULL, NULL, NULL },
	{ "phone", NC_("company", "Phone"), FT_PHONE, O(phone), 16, 0,
	    F_SEARCH, NULL, NULL, NULL, NULL },
	{ "phone2", NC_("company", "Phone 2"), FT_PHONE, O(phone2), 0, 0,
	    F_SEARCH, NULL, NULL, NULL, NULL },
	{ "email", NC_("company", "E-mail"), FT_EMAIL, O(email), 0, 0,
	    F_SEARCH, NULL, NULL, NULL, NULL },
	{ "website", NC_("company", "Website"), FT_URL, O(website), 0, 0,
	    F_SEARCH, NULL, NULL, NULL, NULL },
	{ "source", NC_("company", "Source"), FT_TEXT, O(source), 0, 0,
	    F_SEARCH, NULL, NULL, NULL, NULL },
	FIELD_MANAGER(NC_("company", "Manager"), 14, 0),
	{ "comment", NC_("company", "Comment"), FT_MEMO, O(comment), 0, 0,
	    F_SEARCH, NULL, NULL, NULL, NULL },
};

static int
check(struct db *db, void *obj, struct so_err *err)
{
	struct company *c = obj;

	(void)err;
	hook_default_user(db, c, &c->manager_id);
	return SO_OK;
}

struct entity entity_company = {
	.name = "company", .table = "companies",
	.label = NC_("company", "Company"),
	.plural = NC_("company", "Companies"),
	.size = sizeof(struct company),
	.fields = fields, .nfields = sizeof(fields) / sizeof(fields[0]),
	.default_sort = 0,
	.title_sql = "t.name",
	.check = check,
};

STORE_WRAPPERS(company, struct company, entity_company)
