/*
 * Small reads by a key (store/lookup.c): ids of lookup rows by code.
 */
#include "fixture.h"
#include "harness.h"
#include "store/lookup.h"

TEST(test_lookup_ids_by_code_leave_unknown_codes_empty)
{
	static const char *const codes[] = { "meeting", "no_such", "call" };
	struct db *db = fixture_open("t.db");
	struct so_err err;
	int64_t ids[3];

	REQUIRE(db != NULL);
	CHECK_INT(store_lookup_ids(db, LOOKUP_EVENT_TYPES, codes, ids, 3,
	    &err), SO_OK);
	CHECK_INT(ids[0], fixture_int(db, "SELECT id FROM event_types WHERE "
	    "code = 'meeting'"));
	CHECK(ids[1] == SO_NULL);
	CHECK_INT(ids[2], fixture_int(db, "SELECT id FROM event_types WHERE "
	    "code = 'call'"));
	db_close(db);
}
