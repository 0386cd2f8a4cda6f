/*
 * Group actions change exactly the filtered set in one transaction, with
 * an audit row per changed record; saved filters round-trip per card
 * file.
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "store/audit.h"
#include "store/entities.h"
#include "store/group.h"
#include "store/lookup.h"

static int64_t boris;

static struct db *
world(void)
{
	struct db *db = fixture_open("g.db");
	static const char *const cities[] = { "Казань", "казань", "Москва",
	    "Казань", "Омск" };
	struct company c;
	struct so_err err;
	size_t i;

	if (db == NULL)
		return NULL;
	boris = fixture_add_user_row(db, "boris", "Борис");
	for (i = 0; i < 5; i++) {
		store_company_init(&c);
		free(c.name);
		c.name = xasprintf("Company %zu", i);
		c.city = xstrdup(cities[i]);
		c.category = xstrdup(i < 3 ? "VIP" : "");
		if (store_company_create(db, &c, &err) != SO_OK)
			harness_fail(__FILE__, __LINE__, "%s", err.msg);
		store_company_clear(&c);
	}
	return db;
}

static struct filter *
compile(struct db *db, const char *text)
{
	struct filter *f = NULL;
	struct so_err err;

	if (filter_compile(db, &entity_company, text, FIXTURE_NOW, &f, NULL,
	    &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "%s", err.msg);
	return f;
}

TEST(test_group_reassign_changes_the_filtered_set_and_audits_it)
{
	struct db *db = world();
	struct list_query q = { .sort = -1 };
	struct so_err err;
	int64_t n;

	REQUIRE(db != NULL);
	q.filter = compile(db, "city:казань category:vip");
	REQUIRE(q.filter != NULL);
	CHECK_INT(group_set(db, &entity_company, &q, "manager_id", "boris",
	    FIXTURE_NOW, &n, &err), SO_OK);
	CHECK_INT(n, 2);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies "
	    "WHERE manager_id = (SELECT id FROM users WHERE login = 'boris')"),
	    2);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "action = 'update' AND field = 'manager_id' AND entity = "
	    "'company'"), 2);
	/* again: nothing changes, nothing is logged */
	CHECK_INT(group_set(db, &entity_company, &q, "manager_id", "boris",
	    FIXTURE_NOW, &n, &err), SO_OK);
	CHECK_INT(n, 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "field = 'manager_id'"), 2);
	CHECK_INT(group_set(db, &entity_company, &q, "category", "Key",
	    FIXTURE_NOW, &n, &err), SO_OK);
	CHECK_INT(n, 2);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies "
	    "WHERE category = 'Key'"), 2);
	filter_free((struct filter *)q.filter);
	db_close(db);
}

/* One bad row rolls the whole group back. */
TEST(test_group_is_all_or_nothing)
{
	struct db *db = world();
	struct list_query q = { .sort = -1 };
	struct so_err err;
	int64_t n;

	REQUIRE(db != NULL);
	q.filter = compile(db, "city:казань");
	CHECK(group_set(db, &entity_company, &q, "manager_id", "nobody",
	    FIXTURE_NOW, &n, &err) == SO_ENOTFOUND);
	CHECK(strstr(err.msg, "nobody") != NULL);
	/* a value too long for the field: refused, nothing written */
	{
		char *big = xmalloc(200);

		memset(big, 'x', 199);
		big[199] = '\0';
		CHECK_INT(group_set(db, &entity_company, &q, "category", big,
		    FIXTURE_NOW, &n, &err), SO_EINVAL);
		free(big);
	}
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies "
	    "WHERE category = 'VIP'"), 3);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log "
	    "WHERE action = 'update'"), 0);
	CHECK_INT(group_set(db, &entity_company, &q, "nosuch", "1",
	    FIXTURE_NOW, &n, &err), SO_EINVAL);
	filter_free((struct filter *)q.filter);
	db_close(db);
}

TEST(test_group_trash_and_programs)
{
	struct db *db = world();
	struct list_query q = { .sort = -1 };
	struct so_err err;
	char **names;
	size_t k;
	int64_t n;

	REQUIRE(db != NULL);
	q.filter = compile(db, "category:vip");
	CHECK_INT(group_add_to_program(db, &entity_company, &q,
	    "Семинар 2026", &n, &err), SO_OK);
	CHECK_INT(n, 3);
	/* members already in are skipped; the name matches in any case */
	CHECK_INT(group_add_to_program(db, &entity_company, &q,
	    "СЕМИНАР 2026", &n, &err), SO_OK);
	CHECK_INT(n, 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM program_members"), 3);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM programs"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "field = 'program' AND new_value = 'Семинар 2026'"), 3);
	CHECK_INT(group_programs(db, &names, &k, &err), SO_OK);
	CHECK_INT(k, 1);
	CHECK_STR(names[0], "Семинар 2026");
	free_strv(names, k);
	CHECK_INT(group_add_to_program(db, &entity_task, &q, "x", &n, &err),
	    SO_EINVAL);

	CHECK_INT(group_trash(db, &entity_company, &q, &n, &err), SO_OK);
	CHECK_INT(n, 3);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies "
	    "WHERE deleted_at IS NULL"), 2);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log "
	    "WHERE action = 'delete'"), 3);
	filter_free((struct filter *)q.filter);
	db_close(db);
}

TEST(test_saved_filters_round_trip_per_card_file)
{
	struct db *db = world();
	struct saved_filter *v;
	struct so_err err;
	char *expr;
	size_t n;

	REQUIRE(db != NULL);
	CHECK_INT(saved_filter_save(db, &entity_company, "VIP Казань",
	    "city:казань category:VIP", &err), SO_OK);
	CHECK_INT(saved_filter_save(db, &entity_company, "Омск", "city:омск",
	    &err), SO_OK);
	CHECK_INT(saved_filter_save(db, &entity_contact, "Мои",
	    "manager:anna", &err), SO_OK);
	CHECK_INT(saved_filter_list(db, &entity_company, &v, &n, &err), SO_OK);
	CHECK_INT(n, 2);
	CHECK_STR(v[0].name, "VIP Казань");
	CHECK_STR(v[0].expr, "city:казань category:VIP");
	saved_filter_free(v, n);
	/* saving under a taken name replaces it */
	CHECK_INT(saved_filter_save(db, &entity_company, "Омск", "city=Омск",
	    &err), SO_OK);
	CHECK_INT(saved_filter_get(db, &entity_company, "омск", &expr, &err),
	    SO_OK);
	CHECK_STR(expr, "city=Омск");
	free(expr);
	CHECK_INT(saved_filter_delete(db, &entity_company, "Омск", &err),
	    SO_OK);
	CHECK_INT(saved_filter_get(db, &entity_company, "Омск", &expr, &err),
	    SO_ENOTFOUND);
	CHECK_INT(saved_filter_delete(db, &entity_company, "Омск", &err),
	    SO_ENOTFOUND);
	CHECK_INT(saved_filter_save(db, &entity_company, "", "x", &err),
	    SO_EINVAL);
	CHECK_INT(saved_filter_save(db, &entity_company, "a\tb", "x", &err),
	    SO_EINVAL);
	CHECK_INT(saved_filter_list(db, &entity_contact, &v, &n, &err), SO_OK);
	CHECK_INT(n, 1);
	saved_filter_free(v, n);
	db_close(db);
}
