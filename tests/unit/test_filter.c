/*
 * The filter language: every construct against a small company table
 * (Cyrillic case folding included), every error with its position, the
 * SQL it produces (values only as parameters), and PCRE2's limits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "store/entities.h"
#include "store/filter.h"
#include "store/lookup.h"
#include "store/record.h"
#include "store/regex.h"

static int64_t boris;

static void
company(struct db *db, const char *name, const char *city, const char *cat,
    const char *phone, const char *status, int64_t manager)
{
	fixture_add_company(db, &(struct fixture_company){ .name = name,
	    .city = city, .category = cat, .phone = phone, .status = status,
	    .manager = manager });
}

static struct db *
world(void)
{
	struct db *db = fixture_open("f.db");

	if (db == NULL)
		return NULL;
	boris = fixture_add_user_row(db, "boris", "Борис Петров");
	company(db, "ООО «Ромашка»", "Казань", "VIP", "+7 843 111-22-33",
	    "customer", db_user_id(db));
	company(db, "РОМАШКА-2", "казань", "", "+7 495 000-00-00", "lead",
	    boris);
	company(db, "Smith & Co", "London", "VIP", "", "lost", SO_NULL);
	company(db, "Иванова и партнёры", "Нижний Новгород", "vip",
	    "+7 831 222", "prospect", boris);
	/* the store fills in a missing manager; make one really empty */
	db_exec(db, "UPDATE companies SET manager_id = NULL "
	    "WHERE name = 'Smith & Co'", NULL);
	return db;
}

/* Rows of companies text selects, or -1 (compile) / -2 (run) on error. */
static long long
count_err(struct db *db, const char *text, struct so_err *err)
{
	struct list_query q = { .sort = -1 };
	struct filter *f;
	int64_t n;
	int rc;

	if (filter_compile(db, &entity_company, text, FIXTURE_NOW, &f, NULL,
	    err) != SO_OK)
		return -1;
	q.filter = f;
	rc = rec_count(db, &entity_company, &q, &n, err);
	filter_free(f);
	return rc == SO_OK ? n : -2;
}

static long long
count(struct db *db, const char *text)
{
	struct so_err err;
	long long n = count_err(db, text, &err);

	if (n < 0)
		fprintf(stderr, "  %s: %s\n", text, err.msg);
	return n;
}

TEST(test_filter_contains_and_equals_fold_cyrillic_case)
{
	struct db *db = world();

	REQUIRE(db != NULL);
	CHECK_INT(count(db, "city:казань"), 2);
	CHECK_INT(count(db, "city:КАЗ"), 2);
	CHECK_INT(count(db, "name:ромашка"), 2);
	CHECK_INT(count(db, "city=КАЗАНЬ"), 2);
	CHECK_INT(count(db, "city=каз"), 0);
	CHECK_INT(count(db, "category:vip"), 3);
	CHECK_INT(count(db, "city:казань category:VIP"), 1);
	/* Russian labels and English labels name fields too */
	CHECK_INT(count(db, "город:казань"), 2);
	CHECK_INT(count(db, "City:казань"), 2);
	db_close(db);
}

TEST(test_filter_regex_not_or_groups_quotes_words)
{
	struct db *db = world();

	REQUIRE(db != NULL);
	CHECK_INT(count(db, "name~^ива"), 1);
	CHECK_INT(count(db, "name~^ИВА"), 1);
	CHECK_INT(count(db, "phone~^\\+7\\s?843"), 1);
	CHECK_INT(count(db, "name~(ромашка|smith)"), 3);
	CHECK_INT(count(db, "-city:казань"), 2);
	CHECK_INT(count(db, "city:london OR city:новгород"), 2);
	CHECK_INT(count(db, "category:vip (city:казань OR city:london)"), 2);
	CHECK_INT(count(db, "-(city:казань OR city:london)"), 1);
	CHECK_INT(count(db, "city:\"Нижний Новгород\""), 1);
	CHECK_INT(count(db, "city=\"нижний новгород\""), 1);
	CHECK_INT(count(db, "ромашка"), 2);
	CHECK_INT(count(db, "\"и партнёры\""), 1);
	CHECK_INT(count(db, "ромашка -843"), 1);
	CHECK_INT(count(db, "category=\"\""), 1);
	CHECK_INT(count(db, "-phone=\"\""), 3);
	CHECK_INT(count(db, "   "), 4);
	db_close(db);
}

/*
 * AND, OR, NOT and their Russian И, ИЛИ, НЕ are operators in capitals
 * (AND used to be a word to look for: "yandex" matched it); in small
 * letters they are words of the text ("Иванова и партнёры").
 */
TEST(test_filter_operator_words_in_english_and_russian)
{
	struct so_err err;
	struct db *db = world();

	REQUIRE(db != NULL);
	company(db, "Yandex Market", "Москва", "", "", "lead", SO_NULL);
	CHECK_INT(count(db, "city:казань AND category:vip"), 1);
	CHECK_INT(count(db, "city:казань И category:vip"), 1);
	CHECK_INT(count(db, "city:london ИЛИ city:новгород"), 2);
	CHECK_INT(count(db, "NOT city:казань"), 3);
	CHECK_INT(count(db, "НЕ city:казань"), 3);
	CHECK_INT(count(db, "НЕ (city:казань ИЛИ city:london)"), 2);
	CHECK_INT(count(db, "\"и\""), 1);	/* quoted: the word */
	CHECK_INT(count(db, "партнёры и"), 1);	/* small: a word too */
	CHECK_INT(count_err(db, "AND", &err), -1);
	CHECK(strstr(err.msg, "AND needs a condition") != NULL);
	CHECK_INT(count_err(db, "city:казань AND", &err), -1);
	CHECK_INT(count_err(db, "NOT", &err), -1);
	CHECK(strstr(err.msg, "must follow NOT") != NULL);
	db_close(db);
}

TEST(test_filter_choices_references_and_numbers)
{
	struct db *db = world();
	struct so_err err;

	REQUIRE(db != NULL);
	CHECK_INT(count(db, "status:customer"), 1);
	CHECK_INT(count(db, "status=lost"), 1);
	CHECK_INT(count(db, "-status:lost"), 3);
	CHECK_INT(count(db, "status:\"regular customer\""), 0 + 0);
	CHECK_INT(count(db, "status~^(lead|prospect)$"), 2);
	CHECK_INT(count_err(db, "status:zzz", &err), -1);
	CHECK(strstr(err.msg, "no status is like 'zzz'") != NULL);
	CHECK_INT(count(db, "manager:boris"), 2);
	CHECK_INT(count(db, "manager:петров"), 2);
	CHECK_INT(count(db, "manager=\"борис петров\""), 2);
	CHECK_INT(count(db, "manager=anna"), 1);
	CHECK_INT(count(db, "manager~^бор"), 2);
	CHECK_INT(count(db, "manager=\"\""), 1);
	CHECK_INT(count(db, "-manager:boris"), 2);
	CHECK_INT(count(db, "менеджер:boris"), 2);
	CHECK_INT(count(db, "id>=2"), 3);
	CHECK_INT(count(db, "id<2 OR id>3"), 2);
	CHECK_INT(count_err(db, "id=two", &err), -1);
	CHECK(strstr(err.msg, "not a whole number") != NULL);
	db_close(db);
}

TEST(test_filter_moments_take_whole_days)
{
	struct db *db = world();
	struct list_query q = { .sort = -1 };
	struct filter *f;
	struct so_err err;
	struct task t;
	int64_t n;
	static const struct { const char *text; int n; } cases[] = {
		{ "due=today", 1 }, { "due=2026-11-23", 1 },
		{ "due<=tomorrow", 2 }, { "due<tomorrow", 1 },
		{ "due>today", 1 }, { "due>=today", 2 },
		{ "due=\"\"", 1 }, { "-due=\"\"", 2 },
		{ "due=\"2026-11-24 16:00\"", 1 }, { "created>=today", 3 },
	};
	size_t i;

	REQUIRE(db != NULL);
	for (i = 0; i < 3; i++) {
		store_task_init(&t);
		t.title = xasprintf("task %zu", i);
		t.due_at = i == 2 ? SO_NULL : FIXTURE_NOW + 3600 +
		    (time_t)i * 30 * 3600;	/* today 10:00, tomorrow 15:00 */
		REQUIRE(store_task_create(db, &t, &err) == SO_OK);
		store_task_clear(&t);
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		REQUIRE(filter_compile(db, &entity_task, cases[i].text,
		    FIXTURE_NOW, &f, NULL, &err) == SO_OK);
		q.filter = f;
		CHECK_INT(rec_count(db, &entity_task, &q, &n, &err), SO_OK);
		if (n != cases[i].n)
			fprintf(stderr, "  %s\n", cases[i].text);
		CHECK_INT(n, cases[i].n);
		filter_free(f);
	}
	db_close(db);
}

/* Each error names the problem and points at it. */
TEST(test_filter_errors_carry_their_position)
{
	struct db *db = world();
	static const struct { const char *text, *msg; size_t pos; } cases[] = {
		{ "ciyt:x", "unknown field 'ciyt' of Companies", 0 },
		{ "city:x ciyt=1", "unknown field 'ciyt'", 7 },
		{ "city:\"казань", "unterminated quote", 5 },
		{ "name~(a", "bad regular expression", 7 },
		{ "name~\"a)\"", "bad regular expression", 7 },
		{ "(city:x", "this '(' is not closed", 0 },
		{ "city:x)", "this ')' closes nothing", 6 },
		{ "city:", "a value must follow 'city:'", 5 },
		{ "city<5", "'<' compares dates and numbers; city is text", 4 },
		{ "OR city:x", "OR needs a condition on each side", 0 },
		{ "city:x OR", "a condition must follow OR", 9 },
		{ "city:x OR OR y", "OR needs a condition", 10 },
		{ "()", "empty ( )", 1 },
		{ ":x", "a field name must come before ':'", 0 },
		{ "status~(", "bad regular expression", 8 },
		{ "manager<3", "is a reference", 7 },
		{ "id>abc", "'abc' is not a whole number", 3 },
	};
	struct filter *f;
	struct so_err err;
	size_t i, pos;

	REQUIRE(db != NULL);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pos = 999;
		CHECK_INT(filter_compile(db, &entity_company, cases[i].text,
		    FIXTURE_NOW, &f, &pos, &err), SO_EINVAL);
		CHECK(f == NULL);
		if (strstr(err.msg, cases[i].msg) == NULL || pos !=
		    cases[i].pos)
			fprintf(stderr, "  %s -> %zu %s\n", cases[i].text, pos,
			    err.msg);
		CHECK(strstr(err.msg, cases[i].msg) != NULL);
		CHECK_INT(pos, cases[i].pos);
	}
	CHECK_INT(filter_compile(db, &entity_task, "due<31.02.2026",
	    FIXTURE_NOW, &f, &pos, &err), SO_EINVAL);
	CHECK_INT(pos, 4);
	CHECK(strstr(err.msg, "not a date") != NULL);
	db_close(db);
}

TEST(test_filter_marker_is_as_wide_as_the_text_before_it)
{
	char *m = filter_marker("город:x (", 13);

	CHECK_STR(m, "        ~");
	free(m);
	m = filter_marker("x", 40);
	CHECK_STR(m, " ~");
	free(m);
}

/* The SQL holds no user text: every value is a bound parameter. */
TEST(test_filter_sql_binds_every_value)
{
	struct db *db = world();
	static const char *const texts[] = {
		"name:\"'); DROP TABLE companies; --\"",
		"city=\"a' OR 1=1 --\" -phone~x'y",
		"manager:zork' comment:\"q\\\"uote\" 'word",
	};
	struct filter *f;
	struct so_err err;
	size_t i, k;
	char *v;

	REQUIRE(db != NULL);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		if (filter_compile(db, &entity_company, texts[i],
		    FIXTURE_NOW, &f, NULL, &err) != SO_OK)
			harness_fail(__FILE__, __LINE__, "%s", err.msg);
		if (f == NULL)
			continue;
		CHECK(strchr(filter_sql(f), '\'') == NULL);
		CHECK(strstr(filter_sql(f), "DROP") == NULL);
		CHECK(filter_nparams(f) >= 1);
		for (k = 0; k < filter_nparams(f); k++) {
			v = filter_param_text(f, k);
			if (strlen(v) > 2)
				CHECK(strstr(filter_sql(f), v) == NULL);
			free(v);
		}
		filter_free(f);
	}
	REQUIRE(filter_compile(db, &entity_company, texts[0], FIXTURE_NOW,
	    &f, NULL, &err) == SO_OK);
	v = filter_param_text(f, 0);
	CHECK_STR(v, "'); DROP TABLE companies; --");
	free(v);
	filter_free(f);
	CHECK_INT(count(db, texts[0]), 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies"), 4);
	db_close(db);
}

TEST(test_filter_custom_fields_by_name)
{
	struct db *db = world();

	REQUIRE(db != NULL);
	REQUIRE(db_exec(db, "INSERT INTO custom_fields (entity, name, label, "
	    "type) VALUES ('company', 'inn', 'ИНН', 'text'), "
	    "('company', 'staff', 'Staff', 'int'); "
	    "INSERT INTO custom_values VALUES (1, 1, '1655000001'), "
	    "(1, 2, '1655000002'), (2, 1, '250'), (2, 4, '12')", NULL) ==
	    SO_OK);
	CHECK_INT(count(db, "inn:1655"), 2);
	CHECK_INT(count(db, "INN=1655000002"), 1);
	CHECK_INT(count(db, "-inn:1655"), 2);
	CHECK_INT(count(db, "staff>=100"), 1);
	CHECK_INT(count(db, "staff<100"), 1);
	db_close(db);
}

/* A catastrophic pattern fails fast with a message, not a hang. */
TEST(test_regex_limits_stop_catastrophic_backtracking)
{
	struct db *db = world();
	struct timespec a, b;
	struct so_err err;
	struct so_regex *re;
	char *value, msg[256];
	size_t off;
	double secs;

	REQUIRE(db != NULL);
	value = xmalloc(10002);
	memset(value, 'a', 10000);
	strcpy(value + 10000, "!");
	re = regex_compile("(a+)+$", &off, msg, sizeof(msg));
	REQUIRE(re != NULL);
	clock_gettime(CLOCK_MONOTONIC, &a);
	CHECK_INT(regex_match(re, value, 10001, msg, sizeof(msg)), -1);
	clock_gettime(CLOCK_MONOTONIC, &b);
	secs = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	CHECK(secs < 0.5);
	CHECK(strstr(msg, "pattern too expensive") != NULL);
	regex_free(re);

	/* the same through a filter over the database */
	REQUIRE(db_exec(db, "UPDATE companies SET comment = "
	    "printf('%.*c!', 10000, 'a') WHERE id = 3", NULL) == SO_OK);
	clock_gettime(CLOCK_MONOTONIC, &a);
	CHECK_INT(count_err(db, "comment~(a+)+$", &err), -2);
	clock_gettime(CLOCK_MONOTONIC, &b);
	secs = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	CHECK(secs < 0.5);
	CHECK(strstr(err.msg, "pattern too expensive") != NULL);
	/* a sane pattern still works on the long value */
	CHECK_INT(count(db, "comment~a{10000}!$"), 1);
	free(value);
	db_close(db);
}

/* Bytes that are not UTF-8 (an old import) neither crash nor hide rows. */
TEST(test_regex_survives_invalid_utf8_in_data)
{
	struct db *db = world();
	struct so_regex *re;
	char msg[256];
	size_t off;

	REQUIRE(db != NULL);
	REQUIRE(db_exec(db, "UPDATE companies SET name = "
	    "CAST(X'FFFE' || CAST('Казань' AS BLOB) || X'C0AF' AS TEXT) "
	    "WHERE id = 3", NULL) == SO_OK);
	CHECK_INT(count(db, "name~казань"), 1);
	CHECK_INT(count(db, "name~^.."), 4);
	CHECK_INT(count(db, "name:казань"), 1);
	re = regex_compile("^\\x{FFFD}\\x{FFFD}к", &off, msg, sizeof(msg));
	REQUIRE(re != NULL);
	CHECK_INT(regex_match(re, "\xff\xfe\xd0\x9a", 4, msg, sizeof(msg)),
	    1);
	CHECK_INT(regex_match(re, "\xd0\x9a", 2, msg, sizeof(msg)), 0);
	regex_free(re);
	db_close(db);
}

/* Lists page through a filtered set like any other. */
TEST(test_filter_pages_like_a_list)
{
	struct db *db = world();
	struct list_query q = { .sort = 0, .scan = 1 };
	struct filter *f;
	struct rec_list l;
	struct so_err err;

	REQUIRE(db != NULL);
	REQUIRE(filter_compile(db, &entity_company, "category:vip",
	    FIXTURE_NOW, &f, NULL, &err) == SO_OK);
	q.filter = f;
	REQUIRE(rec_list(db, &entity_company, &q, LIST_FIRST, NULL, 2, &l,
	    &err) == SO_OK);
	CHECK_INT(l.n, 2);
	CHECK_STR(((struct company *)rec_list_at(&l, 0))->name,
	    "Smith & Co");
	rec_list_free(&l);
	REQUIRE(rec_list(db, &entity_company, &q, LIST_LAST, NULL, 1, &l,
	    &err) == SO_OK);
	CHECK_STR(((struct company *)rec_list_at(&l, 0))->name,
	    "ООО «Ромашка»");
	rec_list_free(&l);
	filter_free(f);
	db_close(db);
}

static struct strbuf traced;

static int
trace_sql(unsigned type, void *ctx, void *p, void *x)
{
	(void)ctx;
	(void)x;
	if (type == SQLITE_TRACE_STMT)
		sb_printf(&traced, "%s\n", sqlite3_sql(p));
	return 0;
}

/* What the statements run by a count or a page of text read: the
 * covering index named, or a scan of the table. */
static const char *
access_of(struct db *db, const char *text, int page, const char **first,
    size_t *n)
{
	struct list_query q = { .sort = 0, .scan = 1 };
	struct filter *f;
	struct rec_list l;
	struct so_err err;
	int64_t cnt;
	static char where[64];

	*first = NULL;
	if (filter_compile(db, &entity_company, text, FIXTURE_NOW, &f, NULL,
	    &err) != SO_OK)
		return "compile error";
	q.filter = f;
	sb_free(&traced);
	sqlite3_trace_v2(db_sqlite(db), SQLITE_TRACE_STMT, trace_sql, NULL);
	if (page) {
		if (rec_list(db, &entity_company, &q, LIST_FIRST, NULL, 10, &l,
		    &err) == SO_OK) {
			*n = l.n;
			if (l.n > 0)
				*first = xstrdup(((struct company *)
				    rec_list_at(&l, 0))->name);
			rec_list_free(&l);
		}
	} else if (rec_count(db, &entity_company, &q, &cnt, &err) == SO_OK)
		*n = (size_t)cnt;
	sqlite3_trace_v2(db_sqlite(db), 0, NULL, NULL);
	filter_free(f);
	if (strstr(sb_str(&traced), "NOT INDEXED"))
		return "scan";
	if (strstr(sb_str(&traced), "INDEXED BY companies_city "))
		return "companies_city";
	if (strstr(sb_str(&traced), "INDEXED BY companies_name "))
		return "companies_name";
	snprintf(where, sizeof(where), "other");
	return where;
}

/* A filter that reads only columns some index over the live rows holds
 * scans that index, not the table; the answers are the same. */
TEST(test_filter_scans_a_covering_index_when_there_is_one)
{
	struct db *db = world();
	const char *first;
	size_t n = 0;

	REQUIRE(db != NULL);
	company(db, "Ромашка в корзине", "Казань", "", "", "lead", SO_NULL);
	db_exec(db, "UPDATE companies SET deleted_at = 1 WHERE name = "
	    "'Ромашка в корзине'", NULL);

	CHECK_STR(access_of(db, "city:казань", 0, &first, &n),
	    "companies_city");
	CHECK_INT(n, 2);
	/* the page is in name order: the city index cannot give it */
	CHECK_STR(access_of(db, "city:казань", 1, &first, &n), "scan");
	CHECK_INT(n, 2);
	free((char *)first);
	CHECK_STR(access_of(db, "name~ром", 0, &first, &n), "companies_name");
	CHECK_INT(n, 2);
	CHECK_STR(access_of(db, "name~ром", 1, &first, &n), "companies_name");
	CHECK_INT(n, 2);
	CHECK_STR(first ? first : "", "ООО «Ромашка»");
	free((char *)first);
	/* two columns no single index holds; a column no index holds */
	CHECK_STR(access_of(db, "city:казань category:vip", 0, &first, &n),
	    "scan");
	CHECK_INT(n, 1);
	CHECK_STR(access_of(db, "phone~843", 0, &first, &n), "scan");
	CHECK_INT(n, 1);
	sb_free(&traced);
	db_close(db);
}

/* "-(" n times, a word, ")" n times: the deepest SQL a depth makes. */
static char *
nested(int n)
{
	struct strbuf b = { 0 };
	int i;

	for (i = 0; i < n; i++)
		sb_add(&b, "-(");
	sb_add(&b, "x y");
	for (i = 0; i < n; i++)
		sb_add(&b, ")");
	return sb_steal(&b);
}

/*
 * Nesting is bounded: 8 levels of '(' compile and run; a 9th is
 * refused where it opens, rather than compiling to SQL that SQLite's
 * parser refuses ("parser stack overflow", found by
 * tests/fuzz/fuzz_filter) or recursing until the stack runs out.
 */
TEST(test_filter_nesting_is_bounded_with_a_position)
{
	struct db *db = world();
	struct so_err err = { 0 };
	struct filter *f = NULL;
	size_t pos = 0;
	char *text;

	REQUIRE(db != NULL);
	text = nested(8);
	CHECK_INT(count(db, text), 0);
	free(text);
	text = nested(9);
	CHECK_INT(filter_compile(db, &entity_company, text, FIXTURE_NOW, &f,
	    &pos, &err), SO_EINVAL);
	CHECK_INT(pos, 2 * 8 + 1);
	CHECK(strstr(err.msg, "inside each other") != NULL);
	CHECK(f == NULL);
	free(text);
	text = nested(100000);
	CHECK_INT(filter_compile(db, &entity_company, text, FIXTURE_NOW, &f,
	    &pos, &err), SO_EINVAL);
	free(text);
	db_close(db);
}

/* A pattern matches without case and with ё as е on both sides
 * (issue 25): ^федор finds Фёдоров, ^фёдор Федоров, [ё] is [е]. */
TEST(test_regex_reads_yo_as_ye)
{
	static const struct {
		const char *pat, *subject;
		int want;
	} cases[] = {
		{ "^федор", "Фёдоров", 1 },
		{ "^фёдор", "Федоров", 1 },
		{ "^ФЁДОР", "фёдоров", 1 },
		{ "ёлка$", "ЕЛКА", 1 },
		{ "^[ё]ж", "Ёжиков", 1 },
		{ "^Ёж", "Ежов", 1 },
		{ "^федор", "Фадеев", 0 },
		{ "ё", "ж", 0 },
		/* no е in the pattern: the subject is not folded, and
		 * need not be; a class or an escape can tell, so it is */
		{ "^ф.дор$", "Фёдор", 1 },
		{ "^.ж", "Ёж", 1 },
		{ "^[а-я]+$", "ёжик", 1 },
		{ "^[^ё]+$", "ёжик", 0 },
		{ "^\\x{435}ж", "ёж", 1 },
		{ "^\\p{Ll}ж$", "ёж", 1 },
		{ "^ж", "ёж", 0 },
	};
	struct so_regex *re;
	char msg[256], *longer;
	size_t i, off;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		re = regex_compile(cases[i].pat, &off, msg, sizeof(msg));
		REQUIRE(re != NULL);
		CHECK_INT(regex_match(re, cases[i].subject,
		    strlen(cases[i].subject), msg, sizeof(msg)), cases[i].want);
		regex_free(re);
	}
	/* A value longer than the folding's copy on the stack. */
	longer = xasprintf("%0600d ёлка", 0);
	re = regex_compile("\\d елка$", &off, msg, sizeof(msg));
	REQUIRE(re != NULL);
	CHECK_INT(regex_match(re, longer, strlen(longer), msg, sizeof(msg)),
	    1);
	CHECK_INT(regex_match(re, longer, 600, msg, sizeof(msg)), 0);
	regex_free(re);
	free(longer);
}
