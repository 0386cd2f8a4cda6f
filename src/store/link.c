/* Links: web addresses (suppliers, competitors, ...), optionally of a company. */
#include <stddef.h>

#include "store/entities.h"
#include "store/hooks.h"

#define O(m)	offsetof(struct link, m)

static const struct field_desc fields[] = {
	{ "title", NC_("link", "Title"), FT_TEXT, O(title), 28, 0,
	    F_SORT | F_SEARCH, NULL, NULL, NULL, NULL },
	{ "url", NC_("link", "URL"), FT_URL, O(url), 30, 0,
	    F_REQUIRED | F_SEARCH, NULL, NULL, NULL, NULL },
	{ "kind", NC_("link", "Kind"), FT_TEXT, O(kind), 12, 60, F_SEARCH, NULL,
	    NULL, NULL, NULL },
	{ "description", NC_("link", "Description"), FT_MEMO, O(description),
	    0, 0, F_SEARCH, NULL, NULL, NULL, NULL },
	FIELD_COMPANY(NC_("link", "Company"), 20, 0),
};

struct entity entity_link = {
	.name = "link", .table = "links",
	.label = NC_("link", "Link"),
	.plural = NC_("link", "Links"),
	.size = sizeof(struct link),
	.fields = fields, .nfields = sizeof(fields) / sizeof(fields[0]),
	.default_sort = 0,
	.title_sql = "CASE t.title WHEN '' THEN t.url ELSE t.title END",
};

STORE_WRAPPERS(link, struct link, entity_link)
