/*
 * The global search: the index follows every change (create, edit, trash,
 * restore, hard delete, also when made with plain SQL as the sqlite3
 * shell would), words are case-folded prefixes (Cyrillic too) that must
 * all match, FTS5 syntax typed by the user is only text, results come
 * grouped in tab order with the per-card-file limit, and the check finds
 * an index that disagrees with the data, also through a read-only handle.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "store/entities.h"
#include "store/search.h"

static int64_t
add_company(struct db *db, const char *name, const char *city,
    const char *phone)
{
	struct company c;
	struct so_err err;
	int64_t id;

	store_company_init(&c);
	c.name = xstrdup(name);
	c.city = city ? xstrdup(city) : NULL;
	c.phone = phone ? xstrdup(phone) : NULL;
	if (store_company_create(db, &c, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "create: %s", err.msg);
	id = c.meta.id;
	store_company_clear(&c);
	return id;
}

/* Runs a search that must succeed; out is to be freed. */
static void
run(struct db *db, const char *q, size_t per_kind, struct search_result *out)
{
	struct so_err err = { 0 };

	if (search_run(db, q, per_kind, out, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "search \"%s\": %s", q,
		    err.msg);
}

/* Is record id of ent among the hits for q? */
static int
found(struct db *db, const char *q, const struct entity *ent, int64_t id)
{
	struct search_result r;
	size_t i;
	int yes = 0;

	run(db, q, 100, &r);
	for (i = 0; i < r.n; i++)
		if (r.hits[i].ent == ent && r.hits[i].id == id)
			yes = 1;
	search_result_free(&r);
	return yes;
}

static int
check_ok(struct db *db)
{
	struct strbuf report = { 0 };
	struct so_err err = { 0 };
	int rc = search_check(db, &report, &err);

	if (rc != SO_OK)
		harness_fail(__FILE__, __LINE__, "check: %s %s", sb_str(&report),
		    err.msg);
	sb_free(&report);
	return rc == SO_OK;
}

static char *
fts_query(const char *text, int *words)
{
	struct strbuf b = { 0 };

	*words = search_fts_query(text, &b);
	sb_add(&b, "");
	return sb_steal(&b);
}

TEST(test_search_query_quotes_every_word_and_makes_it_a_prefix)
{
	static const char *const cases[][2] = {
		{ "ромаш", "\"ромаш\"*" },
		{ "  ромаш \t казань\n", "\"ромаш\"* AND \"казань\"*" },
		{ "a\"b", "\"a\"\"b\"*" },
		{ "NEAR(x", "\"NEAR(x\"*" },
		{ "-x name:y", "\"-x\"* AND \"name:y\"*" },
		{ "ООО « Ромашка »", "\"ООО\"* AND \"Ромашка\"*" },
		{ "№ 5", "\"5\"*" },
		{ "843", "\"843\"*" },
		{ "+7(843)555-12-34", "(\"+7(843)555-12-34\"* OR "
		    "\"78435551234\"* OR \"8435551234\"*)" },
		{ "88435551234", "(\"88435551234\"* OR \"8435551234\"*)" },
		{ "555-12", "(\"555-12\"* OR \"55512\"*)" },
	};
	size_t i;
	int words;
	char *q;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		q = fts_query(cases[i][0], &words);
		CHECK_STR(q, cases[i][1]);
		CHECK(words > 0);
		free(q);
	}
	q = fts_query(" \t« — »\" * ", &words);
	CHECK_INT(words, 0);
	CHECK_STR(q, "");
	free(q);
	/* a pasted page is cut at 64 words */
	q = xstrdup("");
	for (i = 0; i < 100; i++) {
		char *more = xasprintf("%s слово%zu", q, i);

		free(q);
		q = more;
	}
	free(fts_query(q, &words));
	free(q);
	CHECK_INT(words, 64);
}

/* The migration's index columns are the descriptors' searchable fields. */
TEST(test_search_indexes_every_searchable_field)
{
	struct db *db = fixture_open("s.db");
	char sql[128];
	int i, f, n;

	REQUIRE(db);
	for (i = 0; entities[i]; i++) {
		const struct entity *ent = entities[i];

		if (ent == &entity_payment)
			continue;
		n = 0;
		for (f = 0; f < ent->nfields; f++) {
			const struct field_desc *fd = &ent->fields[f];

			if (!(fd->flags & F_SEARCH) || !field_is_text(fd))
				continue;
			n++;
			snprintf(sql, sizeof(sql), "SELECT count(*) FROM "
			    "pragma_table_info('%s_fts') WHERE name = '%s'",
			    ent->table, fd->name);
			if (fixture_int(db, sql) != 1)
				harness_fail(__FILE__, __LINE__, "%s.%s is not "
				    "indexed", ent->table, fd->name);
		}
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM "
		    "pragma_table_info('%s_fts') WHERE name <> 'phone_digits'",
		    ent->table);
		CHECK_INT(fixture_int(db, sql), n);
	}
	db_close(db);
}

TEST(test_search_finds_a_new_record_by_word_prefix)
{
	struct db *db = fixture_open("s.db");
	int64_t id;

	REQUIRE(db);
	id = add_company(db, "ООО «Ромашка»", "Казань", NULL);
	CHECK(found(db, "ромаш", &entity_company, id));
	CHECK(found(db, "ООО", &entity_company, id));
	CHECK(found(db, "р", &entity_company, id));
	CHECK(found(db, "каз", &entity_company, id));
	CHECK(!found(db, "омашка", &entity_company, id));
	CHECK(!found(db, "ромашки", &entity_company, id));
	db_close(db);
}

TEST(test_search_folds_cyrillic_case)
{
	struct db *db = fixture_open("s.db");
	int64_t a, b;

	REQUIRE(db);
	a = add_company(db, "ООО «Ромашка»", NULL, NULL);
	b = add_company(db, "РОМАШКА-ТОРГ", NULL, NULL);
	CHECK(found(db, "РОМАШ", &entity_company, a));
	CHECK(found(db, "рОмАш", &entity_company, a));
	CHECK(found(db, "ромашка", &entity_company, b));
	CHECK(found(db, "торг", &entity_company, b));
	CHECK(found(db, "ооо", &entity_company, a));
	db_close(db);
}

/* ё is е: "федоров" finds Фёдоров, "ёлка" finds Елкин, and an edit
 * keeps the index right (the views fold ё, sql/010_yo.sql). */
TEST(test_search_yo_is_ye)
{
	struct db *db = fixture_open("s.db");
	int64_t a, b, c;

	REQUIRE(db);
	a = add_company(db, "ООО «Фёдоров и сыновья»", "Орёл", NULL);
	b = add_company(db, "Ёлка", NULL, NULL);
	c = add_company(db, "ИП Елкин", NULL, NULL);
	CHECK(found(db, "федоров", &entity_company, a));
	CHECK(found(db, "ФЕДОР", &entity_company, a));
	CHECK(found(db, "фёдоров", &entity_company, a));
	CHECK(found(db, "орел", &entity_company, a));
	CHECK(found(db, "елка", &entity_company, b));
	CHECK(found(db, "ёлк", &entity_company, c));
	CHECK_INT(db_exec(db, "UPDATE companies SET name = 'Ёжик' WHERE "
	    "name = 'Ёлка'", NULL), SO_OK);
	fixture_reindex(db);
	CHECK(found(db, "ежик", &entity_company, b));
	CHECK(!found(db, "елка", &entity_company, b));
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies_fts WHERE "
	    "companies_fts MATCH 'ёжик'"), 0);	/* only е in the index */
	db_close(db);
}

TEST(test_search_follows_an_edit)
{
	struct db *db = fixture_open("s.db");
	struct company c;
	struct so_err err;
	int64_t id;

	REQUIRE(db);
	id = add_company(db, "Лютик", NULL, NULL);
	REQUIRE(store_company_get(db, id, &c, &err) == SO_OK);
	free(c.name);
	c.name = xstrdup("Василёк");
	CHECK_INT(store_company_update(db, &c, &err), SO_OK);
	store_company_clear(&c);
	CHECK(found(db, "васил", &entity_company, id));
	CHECK(!found(db, "лютик", &entity_company, id));
	CHECK(check_ok(db));
	db_close(db);
}

TEST(test_search_leaves_out_the_trash_and_takes_back_the_restored)
{
	struct db *db = fixture_open("s.db");
	struct so_err err;
	int64_t id;

	REQUIRE(db);
	id = add_company(db, "Ромашка", NULL, NULL);
	CHECK_INT(store_company_delete(db, id, &err), SO_OK);
	CHECK(!found(db, "ромаш", &entity_company, id));
	CHECK(check_ok(db));
	CHECK_INT(store_company_restore(db, id, &err), SO_OK);
	CHECK(found(db, "ромаш", &entity_company, id));
	CHECK(check_ok(db));
	db_close(db);
}

/* What the sqlite3 shell (or a script) would do: the triggers see it. */
/* The store keeps the index: created, trashed, restored and renamed. */
TEST(test_search_follows_the_trash)
{
	struct db *db = fixture_open("s.db");
	struct contact p;
	struct so_err err;
	int64_t id;

	REQUIRE(db);
	id = fixture_add_contact(db, &(struct fixture_contact){ .last =
	    "Ёлкин", .first = "Пётр" });
	CHECK(found(db, "ЁЛК пёт", &entity_contact, id));
	CHECK_INT(rec_delete(db, &entity_contact, id, &err), SO_OK);
	CHECK(!found(db, "ёлкин", &entity_contact, id));
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM contacts_fts_docsize"),
	    0);
	CHECK(check_ok(db));
	CHECK_INT(rec_restore(db, &entity_contact, id, &err), SO_OK);
	CHECK(found(db, "елкин", &entity_contact, id));
	REQUIRE(store_contact_get(db, id, &p, &err) == SO_OK);
	free(p.last_name);
	p.last_name = xstrdup("Сосновский");
	CHECK_INT(store_contact_update(db, &p, &err), SO_OK);
	store_contact_clear(&p);
	CHECK(found(db, "соснов", &entity_contact, id));
	CHECK(!found(db, "ёлкин", &entity_contact, id));
	CHECK(check_ok(db));
	db_close(db);
}

/*
 * The index is the store's (sql/012_index_kept_by_store.sql): an edit
 * with the sqlite3 shell does not reach it, and salesorg check says so.
 */
TEST(test_search_check_finds_an_edit_made_outside)
{
	struct db *db = fixture_open("s.db");
	struct strbuf report = { 0 };
	struct so_err err;
	int64_t id;

	REQUIRE(db);
	id = add_company(db, "Одуванчик", NULL, NULL);
	CHECK(check_ok(db));
	CHECK_INT(db_exec(db, "INSERT INTO companies (name, created_at, "
	    "updated_at) VALUES ('Дубрава', 0, 0)", NULL), SO_OK);
	CHECK_INT(search_check(db, &report, &err), SO_ENOTDB);
	CHECK(strstr(sb_str(&report), "companies_fts: 1 live") != NULL);
	sb_free(&report);
	fixture_reindex(db);
	CHECK(check_ok(db));
	CHECK_INT(db_exec(db, "DELETE FROM companies WHERE name = 'Дубрава'",
	    NULL), SO_OK);
	CHECK_INT(search_check(db, &report, &err), SO_ENOTDB);
	CHECK(strstr(sb_str(&report), "companies_fts: 1 trashed or deleted")
	    != NULL);
	sb_free(&report);
	CHECK(found(db, "одуван", &entity_company, id));
	db_close(db);
}

/* A record edited outside and then in salesorg: the index, out of step,
 * is rebuilt by the edit, which goes through. */
TEST(test_search_edit_of_a_record_changed_outside_mends_the_index)
{
	struct db *db = fixture_open("s.db");
	struct company c;
	struct so_err err;
	int64_t id;

	REQUIRE(db);
	id = add_company(db, "Одуванчик", NULL, NULL);
	CHECK_INT(db_exec(db, "UPDATE companies SET comment = 'звонить "
	    "утром'", NULL), SO_OK);
	REQUIRE(store_company_get(db, id, &c, &err) == SO_OK);
	free(c.name);
	c.name = xstrdup("Лютик");
	CHECK_INT(store_company_update(db, &c, &err), SO_OK);
	store_company_clear(&c);
	CHECK(found(db, "лютик утром", &entity_company, id));
	CHECK(!found(db, "одуван", &entity_company, id));
	CHECK(check_ok(db));
	db_close(db);
}

/* The statement is undone as a whole, its index changes with it. */
TEST(test_search_index_survives_a_failed_update)
{
	struct db *db = fixture_open("s.db");
	int64_t id;

	REQUIRE(db);
	id = add_company(db, "Одуванчик", NULL, NULL);
	CHECK(db_exec(db, "UPDATE companies SET name = 'Клевер', status = "
	    "'bogus'", NULL) != SO_OK);
	CHECK(found(db, "одуван", &entity_company, id));
	CHECK(!found(db, "клевер", &entity_company, id));
	CHECK(check_ok(db));
	db_close(db);
}

/* An edit that leaves the indexed text alone does not touch the index. */
TEST(test_search_update_of_other_columns_does_not_reindex)
{
	struct db *db = fixture_open("s.db");
	struct company c;
	struct so_err err;
	int64_t id;
	long long segs;

	REQUIRE(db);
	id = add_company(db, "Одуванчик", NULL, NULL);
	segs = fixture_int(db, "SELECT count(*) FROM companies_fts_data");
	REQUIRE(store_company_get(db, id, &c, &err) == SO_OK);
	free(c.status);
	c.status = xstrdup("customer");
	CHECK_INT(store_company_update(db, &c, &err), SO_OK);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies_fts_data"),
	    segs);
	free(c.city);
	c.city = xstrdup("Казань");
	CHECK_INT(store_company_update(db, &c, &err), SO_OK);
	store_company_clear(&c);
	/* the 'delete' and the new text: new segments */
	CHECK(fixture_int(db, "SELECT count(*) FROM companies_fts_data") >
	    segs);
	CHECK(found(db, "одуван казань", &entity_company, id));
	db_close(db);
}

TEST(test_search_needs_every_word_in_any_field)
{
	struct db *db = fixture_open("s.db");
	int64_t id;

	REQUIRE(db);
	id = add_company(db, "ООО «Ромашка»", "Казань", NULL);
	add_company(db, "Ромашка-Юг", "Ростов", NULL);
	CHECK(found(db, "ромаш каз", &entity_company, id));
	CHECK(found(db, "каз ромаш", &entity_company, id));
	CHECK(!found(db, "ромаш рост", &entity_company, id));
	CHECK(!found(db, "ромаш москва", &entity_company, id));
	db_close(db);
}

TEST(test_search_fts_syntax_typed_by_the_user_is_text)
{
	static const char *const queries[] = {
		"\"", "ром\"аш", "\"ромаш", "ромаш\"", "*", "ром*", "(",
		")", "(ромаш", "NEAR", "NEAR(ромаш, 2)", "ромаш NEAR/2 ооо",
		"-", "-ромаш", ":", "name:ромаш", "{name}: ромаш", "^ромаш",
		"AND", "ромаш AND", "OR ромаш", "NOT ромаш", "ромаш + ооо",
		"'", "ромаш'; DROP TABLE companies; --", "\\", "%", "_",
	};
	struct db *db = fixture_open("s.db");
	struct search_result r;
	struct so_err err;
	size_t i;
	int64_t id;

	REQUIRE(db);
	id = add_company(db, "ООО «Ромашка»", NULL, NULL);
	for (i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		err.msg[0] = '\0';
		if (search_run(db, queries[i], 10, &r, &err) != SO_OK)
			harness_fail(__FILE__, __LINE__, "\"%s\": %s",
			    queries[i], err.msg);
		search_result_free(&r);
	}
	/* punctuation alone is no word; the words around it still count */
	CHECK(found(db, "ромаш \"", &entity_company, id));
	CHECK(found(db, "« ромаш »", &entity_company, id));
	CHECK(!found(db, "NEAR ромаш", &entity_company, id));
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies"), 1);
	db_close(db);
}

TEST(test_search_empty_query_finds_nothing_without_error)
{
	static const char *const queries[] = { "", "   ", "\t\n", "«»", "-" };
	struct db *db = fixture_open("s.db");
	struct search_result r;
	struct so_err err;
	size_t i;

	REQUIRE(db);
	add_company(db, "ООО «Ромашка»", NULL, NULL);
	for (i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		CHECK_INT(search_run(db, queries[i], 10, &r, &err), SO_OK);
		CHECK_INT(r.n, 0);
		CHECK_INT(r.ngroups, 0);
		search_result_free(&r);
	}
	CHECK_INT(search_run(db, NULL, 10, &r, &err), SO_OK);
	CHECK_INT(r.n, 0);
	db_close(db);
}

/* One record of every card file with the word "бета" in its title. */
static void
one_of_each(struct db *db)
{
	static const char *const sql[] = {
		"INSERT INTO deals (title, created_at, updated_at) VALUES "
		    "('Бета-сделка', 0, 0)",
		"INSERT INTO events (subject, start_at, uid, created_at, "
		    "updated_at) VALUES ('Звонок Бета', 0, 'u1', 0, 0)",
		"INSERT INTO links (url, title, created_at, updated_at) VALUES "
		    "('https://beta.ru', 'Сайт Бета', 0, 0)",
		"INSERT INTO notes (title, body, created_at, updated_at) VALUES "
		    "('Заметка', 'про бета-версию', 0, 0)",
		"INSERT INTO tasks (title, created_at, updated_at) VALUES "
		    "('Позвонить в Бету', 0, 0)",
		"INSERT INTO contacts (last_name, comment, created_at, "
		    "updated_at) VALUES ('Бетов', '', 0, 0)",
		"INSERT INTO companies (name, created_at, updated_at) VALUES "
		    "('ООО Бета', 0, 0)",
		"INSERT INTO payments (amount, document, created_at, "
		    "updated_at) VALUES (1, 'Бета', 0, 0)",
	};
	size_t i;

	for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
		if (db_exec(db, sql[i], NULL) != SO_OK)
			harness_fail(__FILE__, __LINE__, "%s", sql[i]);
	fixture_reindex(db);
}

TEST(test_search_groups_hits_by_card_file_in_tab_order)
{
	struct db *db = fixture_open("s.db");
	struct search_result r;
	size_t i, j, k = 0;

	REQUIRE(db);
	one_of_each(db);
	add_company(db, "Бета-Плюс", NULL, NULL);
	run(db, "бет", 10, &r);
	CHECK_INT(r.n, 8);
	REQUIRE(r.ngroups == 7);
	for (i = 0, j = 0; i < r.ngroups && entities[j]; j++) {
		if (entities[j] == &entity_payment)
			continue;
		CHECK(r.groups[i].ent == entities[j]);
		CHECK_INT(r.groups[i].first, k);
		k += r.groups[i].n;
		i++;
	}
	for (i = 0; i < r.ngroups; i++)
		for (j = r.groups[i].first; j < r.groups[i].first +
		    r.groups[i].n; j++)
			CHECK(r.hits[j].ent == r.groups[i].ent);
	CHECK_INT(r.groups[0].n, 2);
	CHECK_STR(r.hits[r.groups[2].first].title, "Позвонить в Бету");
	search_result_free(&r);
	db_close(db);
}

TEST(test_search_per_kind_limit_and_counts)
{
	struct db *db = fixture_open("s.db");
	struct search_result r;
	char name[64];
	int i;

	REQUIRE(db);
	for (i = 0; i < 25; i++) {
		snprintf(name, sizeof(name), "Ромашка %d", i);
		add_company(db, name, NULL, NULL);
	}
	one_of_each(db);
	run(db, "ромаш", 10, &r);
	CHECK_INT(r.n, 10);
	REQUIRE(r.ngroups == 1);
	CHECK_INT(r.groups[0].n, 10);
	CHECK_INT(r.groups[0].total, 25);
	CHECK(!r.groups[0].more);
	search_result_free(&r);
	run(db, "ромаш", 30, &r);
	CHECK_INT(r.n, 25);
	search_result_free(&r);
	run(db, "ромаш", 1, &r);
	CHECK_INT(r.n, 1);
	search_result_free(&r);
	run(db, "ромаш OR бета", 100, &r);
	CHECK_INT(r.n, 0);
	search_result_free(&r);
	db_close(db);
}

/* Past SEARCH_RANKED matches: newest first, and "more than". */
TEST(test_search_broad_query_lists_newest_first)
{
	struct db *db = fixture_open("s.db");
	struct search_result r;
	char *sql;
	size_t i;

	REQUIRE(db);
	sql = xasprintf("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT "
	    "i + 1 FROM n WHERE i < %d) INSERT INTO contacts (last_name, "
	    "created_at, updated_at) SELECT 'Фамилия' || i, 0, 0 FROM n",
	    SEARCH_RANKED + 5);
	CHECK_INT(db_exec(db, sql, NULL), SO_OK);
	free(sql);
	fixture_reindex(db);
	run(db, "фам", 5, &r);
	REQUIRE(r.ngroups == 1 && r.n == 5);
	CHECK(r.groups[0].more);
	CHECK_INT(r.groups[0].total, SEARCH_RANKED);
	for (i = 0; i < r.n; i++)
		CHECK_INT(r.hits[i].id, SEARCH_RANKED + 5 - (int)i);
	search_result_free(&r);
	run(db, "фамилия100", 5, &r);
	REQUIRE(r.ngroups == 1);
	CHECK_INT(r.groups[0].total, 7);	/* 100, 1000 to 1005 */
	CHECK(!r.groups[0].more);
	search_result_free(&r);
	db_close(db);
}

TEST(test_search_ranks_title_matches_before_others)
{
	struct db *db = fixture_open("s.db");
	struct search_result r;
	int64_t named;

	REQUIRE(db);
	named = add_company(db, "Ромашка", NULL, NULL);
	CHECK_INT(db_exec(db, "INSERT INTO companies (name, comment, "
	    "created_at, updated_at) VALUES ('Лютик', 'бывшая ромашка, "
	    "переименована', 0, 0)", NULL), SO_OK);
	fixture_reindex(db);
	run(db, "ромашка", 10, &r);
	REQUIRE(r.n == 2);
	CHECK_INT(r.hits[0].id, named);
	CHECK_STR(r.hits[1].title, "Лютик");
	search_result_free(&r);
	db_close(db);
}

TEST(test_search_finds_phones_however_written_and_typed)
{
	struct db *db = fixture_open("s.db");
	int64_t a, b;

	REQUIRE(db);
	a = add_company(db, "Лютик", NULL, "+7 (843) 123-45-67");
	b = add_company(db, "Клевер", NULL, "+78005553535");
	CHECK(found(db, "843", &entity_company, a));
	CHECK(found(db, "843 123", &entity_company, a));
	CHECK(found(db, "123-45", &entity_company, a));
	CHECK(found(db, "8431234", &entity_company, a));
	CHECK(found(db, "88431234567", &entity_company, a));
	CHECK(found(db, "+7 843 123-45-67", &entity_company, a));
	CHECK(found(db, "+7(843)123-45-67", &entity_company, a));
	CHECK(found(db, "800", &entity_company, b));
	CHECK(found(db, "8005553535", &entity_company, b));
	CHECK(found(db, "+7 800", &entity_company, b));
	/* stored without separators, a number is one token: found from
	 * the country or the area code on, not from the middle */
	CHECK(!found(db, "555", &entity_company, b));
	CHECK(!found(db, "843", &entity_company, b));
	CHECK(!found(db, "555 99", &entity_company, a));
	db_close(db);
}

TEST(test_search_detail_says_where_a_word_matched)
{
	struct db *db = fixture_open("s.db");
	struct search_result r;

	REQUIRE(db);
	add_company(db, "Лютик", "Казань", "+7 843 555-12-34");
	CHECK_INT(db_exec(db, "UPDATE companies SET email = "
	    "'info@ljutik.ru', comment = 'Звонить после обеда.\nСклад в "
	    "Зеленодольске, въезд со двора, спросить Ильдара'", NULL), SO_OK);
	fixture_reindex(db);
	run(db, "лютик", 10, &r);
	REQUIRE(r.n == 1);
	CHECK_STR(r.hits[0].title, "Лютик");
	CHECK_STR(r.hits[0].detail, "Казань, +7 843 555-12-34");
	search_result_free(&r);
	run(db, "INFO", 10, &r);
	REQUIRE(r.n == 1);
	CHECK_STR(r.hits[0].detail, "Казань, +7 843 555-12-34, E-mail: "
	    "info@ljutik.ru");
	search_result_free(&r);
	run(db, "ильдар", 10, &r);
	REQUIRE(r.n == 1);
	CHECK_STR(r.hits[0].detail, "Казань, +7 843 555-12-34, Comment: "
	    "…со двора, спросить Ильдара");
	search_result_free(&r);
	run(db, "обед", 10, &r);
	REQUIRE(r.n == 1);
	CHECK_STR(r.hits[0].detail, "Казань, +7 843 555-12-34, Comment: "
	    "Звонить после обеда. Склад в Зеленодольске, въезд со двора, …");
	search_result_free(&r);
	db_close(db);
}

TEST(test_search_check_finds_an_index_out_of_step)
{
	struct db *db = fixture_open("s.db");
	struct strbuf report = { 0 };
	struct so_err err;

	REQUIRE(db);
	one_of_each(db);
	CHECK(check_ok(db));
	/* a change the index never heard of */
	CHECK_INT(db_exec(db, "UPDATE notes SET deleted_at = 1", NULL),
	    SO_OK);
	CHECK_INT(search_check(db, &report, &err), SO_ENOTDB);
	CHECK(strstr(sb_str(&report), "notes_fts: 1 trashed") != NULL);
	CHECK(strstr(err.msg, "notes_fts") != NULL);
	sb_free(&report);
	CHECK_INT(db_exec(db, "INSERT INTO notes_fts (notes_fts) VALUES "
	    "('rebuild')", NULL), SO_OK);
	CHECK(check_ok(db));
	/* an index entry whose text is not the record's */
	CHECK_INT(db_exec(db, "INSERT INTO tasks_fts (tasks_fts, rowid, "
	    "title, description) VALUES ('delete', 1, 'Позвонить в Бету', ''); "
	    "INSERT INTO tasks_fts (rowid, title, description) VALUES (1, "
	    "'Другое', '')", NULL), SO_OK);
	CHECK_INT(search_check(db, &report, &err), SO_ENOTDB);
	CHECK(strstr(sb_str(&report), "tasks_fts: does not match") != NULL);
	sb_free(&report);
	db_close(db);
}

/* salesorg check opens read-only; the FTS5 check must still run there. */
TEST(test_search_check_works_on_a_read_only_handle_and_changes_nothing)
{
	struct db_opts ro = { .readonly = 1 };
	struct db *db = fixture_open("s.db"), *rdb;
	struct strbuf report = { 0 };
	struct so_err err;
	unsigned long long sum;
	long long size, size2;

	REQUIRE(db);
	one_of_each(db);
	CHECK_INT(db_exec(db, "INSERT INTO events_fts (events_fts, rowid, "
	    "subject, location, description, result_comment) VALUES "
	    "('delete', 1, 'Звонок Бета', '', '', ''); INSERT INTO events_fts "
	    "(rowid, subject, location, description, result_comment) VALUES "
	    "(1, 'Встреча', '', '', '')", NULL), SO_OK);
	db_close(db);
	sum = fixture_file_sum(harness_path("s.db"), &size);
	REQUIRE(db_open(harness_path("s.db"), &ro, &rdb, &err) == SO_OK);
	CHECK_INT(search_check(rdb, &report, &err), SO_ENOTDB);
	CHECK(strstr(sb_str(&report), "events_fts: does not match") != NULL);
	sb_free(&report);
	db_close(rdb);
	CHECK(fixture_file_sum(harness_path("s.db"), &size2) == sum);
	CHECK_INT(size2, size);
	/* nor anything waiting in the log to be copied in */
	fixture_file_sum(harness_path("s.db-wal"), &size2);
	CHECK_INT(size2, 0);
}
