/*
 * The card's History shows a value by its field's type (ui/card.h
 * card_history_what): the audit log holds money in kopecks, and a
 * person reads it in rubles, grouped, with the kopecks.
 */
#include <libintl.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "store/audit.h"
#include "store/custom.h"
#include "store/entities.h"
#include "ui/card.h"

/* The what of one update row of company #1. */
static char *
what(struct db *db, const char *field, const char *old, const char *new)
{
	struct audit_row r = { .record_id = 1, .action = "update" };

	r.entity = "company";
	r.field = (char *)field;
	r.old_value = (char *)old;
	r.new_value = (char *)new;
	return card_history_what(db, &entity_company, &r);
}

static void
what_is(struct db *db, const char *field, const char *old, const char *new,
    const char *want, int line)
{
	char *s = what(db, field, old, new);

	if (strcmp(s, want) != 0)
		harness_fail(__FILE__, line, "%s: \"%s\", expected \"%s\"",
		    field, s, want);
	free(s);
}

static struct db *
world(void)
{
	struct db *db = fixture_open("h.db");
	struct so_err err;

	if (db == NULL)
		return NULL;
	if (custom_field_add(db, "company", "revenue", "Revenue", "money",
	    NULL, 0, &err) != SO_OK ||
	    custom_field_add(db, "company", "since", "Client since", "date",
	    NULL, 0, &err) != SO_OK ||
	    custom_field_add(db, "company", "partner", "Partner", "bool",
	    NULL, 0, &err) != SO_OK ||
	    custom_field_add(db, "company", "staff", "Staff", "number",
	    NULL, 0, &err) != SO_OK) {
		harness_fail(__FILE__, __LINE__, "%s", err.msg);
		db_close(db);
		return NULL;
	}
	return db;
}

TEST(test_history_values_by_type)
{
	struct db *db = world();

	REQUIRE(db != NULL);
	what_is(db, "revenue", NULL, "770123456700",
	    "Revenue: (empty) -> 7 701 234 567.00", __LINE__);
	what_is(db, "revenue", "770123456700", "-5",
	    "Revenue: 7 701 234 567.00 -> -0.05", __LINE__);
	what_is(db, "since", "2026-12-05", "", "Client since: 2026-12-05 -> "
	    "(empty)", __LINE__);
	what_is(db, "partner", "0", "1", "Partner: no -> yes", __LINE__);
	/* the rest as the log says it: a number, a choice's label */
	what_is(db, "staff", "1234567", "12", "Staff: 1234567 -> 12",
	    __LINE__);
	what_is(db, "name", "Ромашка", "Лютик", "Name: Ромашка -> Лютик",
	    __LINE__);
	/* a field no longer there: its name and the stored text */
	what_is(db, "gone", "1", "2", "gone: 1 -> 2", __LINE__);
	db_close(db);
}

TEST(test_history_values_in_russian)
{
	struct db *db = world();

	REQUIRE(db != NULL);
	bindtextdomain("salesorg", BUILD_LOCALEDIR);
	bind_textdomain_codeset("salesorg", "UTF-8");
	textdomain("salesorg");
	REQUIRE(i18n_set_lang("ru") == 0);
	what_is(db, "revenue", "", "770123456700",
	    "Revenue: (пусто) -> 7 701 234 567,00", __LINE__);
	what_is(db, "since", "2026-12-05", "2027-01-31",
	    "Client since: 05.12.2026 -> 31.01.2027", __LINE__);
	what_is(db, "partner", "1", "0", "Partner: да -> нет", __LINE__);
	i18n_set_lang("en");
	db_close(db);
}
