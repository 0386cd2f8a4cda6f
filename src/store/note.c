/* Notes: free text attached to a company, contact or deal. */
#include <stddef.h>

#include "store/entities.h"
#include "store/hooks.h"

#define O(m)	offsetof(struct note, m)

static const struct field_desc fields[] = {
	{ "title", NC_("note", "Title"), FT_TEXT, O(title), 36, 0,
	    F_REQUIRED | F_SORT | F_SEARCH, NULL, NULL, NULL, NULL },
	{ "body", NC_("note", "Text"), FT_MEMO, O(body), 0, 0, F_SEARCH, NULL,
	    NULL, NULL, NULL },
	FIELD_COMPANY(NC_("note", "Company"), 24, 0),
	FIELD_CONTACT(NC_("note", "Contact"), 0, 0),
	FIELD_DEAL(NC_("note", "Deal"), 0, 0),
};

struct entity entity_note = {
	.name = "note", .table = "notes",
	.label = NC_("note", "Note"),
	.plural = NC_("note", "Notes"),
	.size = sizeof(struct note),
	.fields = fields, .nfields = sizeof(fields) / sizeof(fields[0]),
	.default_sort = 0,
	.title_sql = "t.title",
};

STORE_WRAPPERS(note, struct note, entity_note)
