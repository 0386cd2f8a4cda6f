/* Links: web addresses (suppliers, competitors, ...), optionally of a company. */
#include <stddef.h>

#include "store/entities.h"
#include "store/hooks.h"

#define O(m)	offsetof(struct link, m)

static const struct field_desc fields[] = {
	{ "title", "Title", "Название", FT_TEXT, O(title), 28, 0,
	    F_SORT | F_SEARCH, NULL, NULL, NULL, NULL },
	{ "url", "URL", "Адрес", FT_URL, O(url), 30, 0, F_REQUIRED | F_SEARCH,
	    NULL, NULL, NULL, NULL },
	{ "kind", "Kind", "Вид", FT_TEXT, O(kind), 12, 60, F_SEARCH, NULL,
	    NULL, NULL, NULL },
	{ "description", "Description", "Описание", FT_MEMO, O(description),
	    0, 0, F_SEARCH, NULL, NULL, NULL, NULL },
	FIELD_COMPANY(20, 0),
};

struct entity entity_link = {
	.name = "link", .table = "links",
	.label = "Link", .plural = "Links",
	.size = sizeof(struct link),
	.fields = fields, .nfields = sizeof(fields) / sizeof(fields[0]),
	.default_sort = 0,
	.title_sql = "CASE t.title WHEN '' THEN t.url ELSE t.title END",
};

STORE_WRAPPERS(link, struct link, entity_link)
