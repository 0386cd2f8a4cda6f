/*
 * Keyset-paginated lists: pages walk the whole list in order forward and
 * backward with ties on the sort key, LIST_LAST gives the end, the quick
 * filter folds Cyrillic case, and the list query is answered from an
 * index (no sort of the whole table, no OFFSET); rec_walk reads a whole
 * list across its pages once, in order, and stops when told.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "base/utf8.h"
#include "fixture.h"
#include "harness.h"
#include "store/entities.h"
#include "store/filter.h"

#define N	503	/* not a multiple of the page size */
#define PAGE	20

static const char *const surnames[] = {
	"Иванова", "Петров", "Сидоров", "Smith", "Ёлкин", "Абрамов", "Zed",
};

static void
fill(struct db *db)
{
	struct so_err err;
	struct contact p;
	int i;

	db_begin(db, &err);
	for (i = 0; i < N; i++) {
		store_contact_init(&p);
		p.last_name = xstrdup(surnames[i % 7]);
		p.first_name = xasprintf("N%03d", i);
		if (store_contact_create(db, &p, &err) != SO_OK)
			harness_fail(__FILE__, __LINE__, "%s", err.msg);
		store_contact_clear(&p);
	}
	db_commit(db, &err);
}

/* The lists' order of a person's text: with ё as е, then as it is
 * (sql/013_yo_order.sql). */
static int
yo_cmp(const char *a, const char *b)
{
	char *fa = utf8_yo_to_ye(a), *fb = utf8_yo_to_ye(b);
	int c = strcmp(fa, fb);

	free(fa);
	free(fb);
	return c ? c : strcmp(a, b);
}

/* Is b after a in the order last_name, id? */
static int
in_order(const struct contact *a, const struct contact *b, int desc)
{
	int c = yo_cmp(a->last_name, b->last_name);

	if (c == 0)
		c = a->meta.id < b->meta.id ? -1 : 1;
	return desc ? c > 0 : c < 0;
}

static void
walk(struct db *db, int desc, int backward)
{
	struct list_query q = { .sort = 0, .desc = desc };
	struct contact anchor = { 0 }, *prev = NULL;
	struct rec_list l;
	struct so_err err;
	int seen = 0, pages = 0;
	size_t i;

	if (rec_list(db, &entity_contact, &q, backward ? LIST_LAST :
	    LIST_FIRST, NULL, PAGE, &l, &err) != SO_OK)
		return;
	while (l.n > 0) {
		pages++;
		for (i = 0; i < l.n; i++) {
			struct contact *c = rec_list_at(&l, i);

			if (i > 0)
				CHECK(in_order(prev, c, desc));
			prev = c;
		}
		seen += (int)l.n;
		rec_clear(&entity_contact, &anchor);
		rec_copy(&entity_contact, &anchor, rec_list_at(&l,
		    backward ? 0 : l.n - 1));
		rec_list_free(&l);
		if (rec_list(db, &entity_contact, &q, backward ? LIST_BEFORE :
		    LIST_AFTER, &anchor, PAGE, &l, &err) != SO_OK)
			break;
		/* The new page continues where the last one ended. */
		if (l.n > 0)
			CHECK(backward ?
			    in_order(rec_list_at(&l, l.n - 1), &anchor, desc) :
			    in_order(&anchor, rec_list_at(&l, 0), desc));
	}
	rec_list_free(&l);
	rec_clear(&entity_contact, &anchor);
	CHECK_INT(seen, N);
	CHECK_INT(pages, (N + PAGE - 1) / PAGE);
}

TEST(test_pages_walk_forward_and_backward_with_ties)
{
	struct db *db = fixture_open("t.db");

	REQUIRE(db != NULL);
	fill(db);
	walk(db, 0, 0);
	walk(db, 0, 1);
	walk(db, 1, 0);
	walk(db, 1, 1);
	db_close(db);
}

TEST(test_list_last_ends_with_the_greatest_key)
{
	struct db *db = fixture_open("t.db");
	struct list_query q = { .sort = 0 };
	struct rec_list l;
	struct so_err err;
	int64_t n;

	REQUIRE(db != NULL);
	fill(db);
	REQUIRE(rec_list(db, &entity_contact, &q, LIST_LAST, NULL, 5, &l,
	    &err) == SO_OK);
	REQUIRE(l.n == 5);
	/* Binary order: Latin before Cyrillic; the last is Ёлкин (U+0401)
	 * ... after Абрамов? No: Ё is U+0401, А is U+0410: Ё sorts first
	 * among Cyrillic, so the greatest is Сидоров. */
	CHECK_STR(((struct contact *)rec_list_at(&l, 4))->last_name,
	    "Сидоров");
	rec_list_free(&l);
	CHECK_INT(rec_count(db, &entity_contact, &q, &n, &err), SO_OK);
	CHECK_INT(n, N);
	db_close(db);
}

TEST(test_list_at_starts_at_the_anchor)
{
	struct db *db = fixture_open("t.db");
	struct list_query q = { .sort = 0 };
	struct rec_list l, m;
	struct so_err err;

	REQUIRE(db != NULL);
	fill(db);
	REQUIRE(rec_list(db, &entity_contact, &q, LIST_FIRST, NULL, 10, &l,
	    &err) == SO_OK);
	REQUIRE(rec_list(db, &entity_contact, &q, LIST_AT, rec_list_at(&l, 3),
	    3, &m, &err) == SO_OK);
	REQUIRE(m.n == 3);
	CHECK_INT(((struct contact *)rec_list_at(&m, 0))->meta.id,
	    ((struct contact *)rec_list_at(&l, 3))->meta.id);
	CHECK_INT(((struct contact *)rec_list_at(&m, 2))->meta.id,
	    ((struct contact *)rec_list_at(&l, 5))->meta.id);
	rec_list_free(&l);
	rec_list_free(&m);
	db_close(db);
}

TEST(test_quick_filter_folds_cyrillic_case)
{
	struct db *db = fixture_open("t.db");
	struct list_query q = { .sort = 0, .quick = "ИВАНОВ" };
	struct rec_list l;
	struct so_err err;
	int64_t n;

	REQUIRE(db != NULL);
	fill(db);
	CHECK_INT(rec_count(db, &entity_contact, &q, &n, &err), SO_OK);
	CHECK_INT(n, (N + 6) / 7);
	q.quick = "ёлк";
	CHECK_INT(rec_count(db, &entity_contact, &q, &n, &err), SO_OK);
	CHECK_INT(n, (N - 4 + 6) / 7);
	REQUIRE(rec_list(db, &entity_contact, &q, LIST_FIRST, NULL, 3, &l,
	    &err) == SO_OK);
	CHECK_INT(l.n, 3);
	CHECK_STR(((struct contact *)rec_list_at(&l, 0))->last_name, "Ёлкин");
	rec_list_free(&l);
	db_close(db);
}

/* Scan mode (for selective filters) pages exactly like the index walk. */
TEST(test_scan_mode_gives_the_same_pages)
{
	struct db *db = fixture_open("t.db");
	struct list_query a = { .sort = 0, .quick = "ов" }, b;
	struct rec_list la, lb;
	struct so_err err;
	int from, dir;
	size_t i;

	REQUIRE(db != NULL);
	fill(db);
	for (dir = 0; dir < 2; dir++) {
		a.desc = dir;
		b = a;
		b.scan = 1;
		for (from = LIST_FIRST; from <= LIST_LAST; from++) {
			REQUIRE(rec_list(db, &entity_contact, &a, from, NULL,
			    40, &la, &err) == SO_OK);
			REQUIRE(rec_list(db, &entity_contact, &b, from, NULL,
			    40, &lb, &err) == SO_OK);
			CHECK_INT(la.n, 40);
			CHECK_INT(la.n, lb.n);
			for (i = 0; i < la.n && i < lb.n; i++)
				CHECK_INT(rec_meta(rec_list_at(&la, i))->id,
				    rec_meta(rec_list_at(&lb, i))->id);
			rec_list_free(&la);
			rec_list_free(&lb);
		}
	}
	db_close(db);
}

/*
 * A filtered list's first page and count from one pass (issue 26): the
 * same rows as rec_list and the same number as rec_count, for a filter
 * an index holds (last_name), one that reads the table, a quick filter,
 * descending, a filter nothing matches, and the trash.
 */
TEST(test_first_page_and_count_in_one_pass_match_the_two)
{
	static const char *const filters[] = { "last_name~^(Петров|Zed)$",
	    "first_name~5$", "ов", "last_name=nobody", NULL };
	struct db *db = fixture_open("t.db");
	struct list_query q;
	struct filter *f;
	struct rec_list la, lb;
	struct so_err err;
	int64_t n, want;
	int k, dir, trash;
	size_t i;

	REQUIRE(db != NULL);
	fill(db);
	/* Some in the trash, to be left out (or be the list). */
	for (i = 1; i <= 30; i += 3)
		REQUIRE(rec_delete(db, &entity_contact, (int64_t)i, &err) ==
		    SO_OK);
	for (k = 0; k <= 4; k++)
		for (dir = 0; dir < 2; dir++)
			for (trash = 0; trash < 2; trash++) {
				memset(&q, 0, sizeof(q));
				q.desc = dir;
				q.trash = trash;
				q.scan = 1;
				f = NULL;
				if (filters[k])
					REQUIRE(filter_compile(db,
					    &entity_contact, filters[k],
					    FIXTURE_NOW, &f, NULL, &err) ==
					    SO_OK);
				else
					q.quick = "ИВАН";
				q.filter = f;
				REQUIRE(rec_list(db, &entity_contact, &q,
				    LIST_FIRST, NULL, PAGE, &la, &err) == SO_OK);
				REQUIRE(rec_count(db, &entity_contact, &q,
				    &want, &err) == SO_OK);
				REQUIRE(rec_list_counted(db, &entity_contact,
				    &q, PAGE, &lb, &n, &err) == SO_OK);
				CHECK_INT(n, want);
				CHECK_INT(lb.n, la.n);
				for (i = 0; i < la.n && i < lb.n; i++)
					CHECK_INT(rec_meta(rec_list_at(&la,
					    i))->id, rec_meta(rec_list_at(&lb,
					    i))->id);
				rec_list_free(&la);
				rec_list_free(&lb);
				filter_free(f);
			}
	db_close(db);
}

/* Its plan: the index that holds the filtered column read once, with
 * only the page's rows read from the table; a filter no index holds
 * reads the table once, in storage order. */
TEST(test_first_page_and_count_plan_reads_once)
{
	struct db *db = fixture_open("t.db");
	struct list_query q = { .scan = 1 };
	struct filter *f;
	struct rec_list l;
	struct so_err err;
	char *plans;
	int64_t n;

	REQUIRE(db != NULL);
	REQUIRE(filter_compile(db, &entity_contact, "last_name~^Кузнец",
	    FIXTURE_NOW, &f, NULL, &err) == SO_OK);
	q.filter = f;
	fixture_plans_begin(db);
	REQUIRE(rec_list_counted(db, &entity_contact, &q, PAGE, &l, &n,
	    &err) == SO_OK);
	rec_list_free(&l);
	plans = fixture_plans_end(db);
	CHECK_PLAN(plans, "SEARCH t USING INTEGER PRIMARY KEY (rowid=?)");
	CHECK_PLAN(plans, "SCAN t USING INDEX contacts_last_name");
	CHECK(strstr(plans, "count(") == NULL);
	free(plans);
	filter_free(f);

	REQUIRE(filter_compile(db, &entity_contact, "comment~договор",
	    FIXTURE_NOW, &f, NULL, &err) == SO_OK);
	q.filter = f;
	fixture_plans_begin(db);
	REQUIRE(rec_list_counted(db, &entity_contact, &q, PAGE, &l, &n,
	    &err) == SO_OK);
	rec_list_free(&l);
	plans = fixture_plans_end(db);
	CHECK_PLAN(plans, "SEARCH t USING INTEGER PRIMARY KEY (rowid=?)");
	CHECK_PLAN(plans, "\n  SCAN t\n");
	CHECK(strstr(plans, "count(") == NULL);
	free(plans);
	filter_free(f);
	db_close(db);
}

/*
 * The first page as soon as found (issue 26, item 4): a filter the
 * order's index holds (last_name) walks it and leaves the count for
 * later (-1), the page the same as rec_list's; one no index in the
 * order holds (first_name, sorted by last_name), a quick filter and the
 * trash are the one pass that counts, as rec_list_counted.
 */
TEST(test_first_page_before_the_count)
{
	static const struct {
		const char *filter, *quick;
		int trash, counted;
	} cases[] = {
		{ "last_name~^Петров$", NULL, 0, 0 },
		{ "last_name~ов$", NULL, 0, 0 },
		{ "last_name=nobody", NULL, 0, 0 },
		{ "first_name~5$", NULL, 0, 1 },
		{ NULL, "ИВАН", 0, 1 },
		{ "last_name~^Петров$", NULL, 1, 1 },
	};
	struct db *db = fixture_open("t.db");
	struct list_query q;
	struct filter *f;
	struct rec_list la, lb;
	struct so_err err;
	int64_t n, want;
	size_t k, i;
	int dir;

	REQUIRE(db != NULL);
	fill(db);
	for (i = 1; i <= 30; i += 3)
		REQUIRE(rec_delete(db, &entity_contact, (int64_t)i, &err) ==
		    SO_OK);
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
		for (dir = 0; dir < 2; dir++) {
			memset(&q, 0, sizeof(q));
			q.sort = -1;
			q.desc = dir;
			q.trash = cases[k].trash;
			q.scan = 1;
			q.quick = cases[k].quick;
			f = NULL;
			if (cases[k].filter)
				REQUIRE(filter_compile(db, &entity_contact,
				    cases[k].filter, FIXTURE_NOW, &f, NULL,
				    &err) == SO_OK);
			q.filter = f;
			REQUIRE(rec_list(db, &entity_contact, &q, LIST_FIRST,
			    NULL, PAGE, &la, &err) == SO_OK);
			REQUIRE(rec_count(db, &entity_contact, &q, &want,
			    &err) == SO_OK);
			REQUIRE(rec_list_first(db, &entity_contact, &q, PAGE,
			    &lb, &n, &err) == SO_OK);
			CHECK_INT(n, cases[k].counted ? want : -1);
			CHECK_INT(lb.n, la.n);
			for (i = 0; i < la.n && i < lb.n; i++)
				CHECK_INT(rec_meta(rec_list_at(&la, i))->id,
				    rec_meta(rec_list_at(&lb, i))->id);
			rec_list_free(&la);
			rec_list_free(&lb);
			filter_free(f);
		}
	db_close(db);
}

/* Its plan: the order's index walked, no sort (so the LIMIT stops the
 * walk at the page's end), nothing counted on the way, the page's rows
 * read from the table by id. */
TEST(test_first_page_plan_walks_the_order)
{
	struct db *db = fixture_open("t.db");
	struct list_query q = { .sort = -1, .scan = 1 };
	struct filter *f;
	struct rec_list l;
	struct so_err err;
	char *plans, *page, *end;
	int64_t n;
	int dir;

	REQUIRE(db != NULL);
	REQUIRE(filter_compile(db, &entity_contact, "last_name~^Кузнец.*а$",
	    FIXTURE_NOW, &f, NULL, &err) == SO_OK);
	q.filter = f;
	for (dir = 0; dir < 2; dir++) {
		q.desc = dir;
		fixture_plans_begin(db);
		REQUIRE(rec_list_first(db, &entity_contact, &q, PAGE, &l, &n,
		    &err) == SO_OK);
		rec_list_free(&l);
		plans = fixture_plans_end(db);
		CHECK_INT(n, -1);
		CHECK_PLAN(plans, "SCAN t USING INDEX contacts_last_name");
		/* the page's statement (the rest read the schema) */
		page = strstr(plans, "sql: SELECT t.id");
		REQUIRE(page != NULL);
		if ((end = strstr(page + 1, "sql: ")) != NULL)
			*end = '\0';
		CHECK_PLAN(page, "INDEXED BY contacts_last_name");
		CHECK(strstr(page, "TEMP B-TREE") == NULL);
		CHECK(strstr(plans, "so_tally") == NULL);
		CHECK(strstr(plans, "count(") == NULL);
		free(plans);
	}
	filter_free(f);
	db_close(db);
}

static int
stop_at_once(void *arg)
{
	(*(int *)arg)++;
	return 1;
}

static int
stop_never(void *arg)
{
	(*(int *)arg)++;
	return 0;
}

/* The count after the paint gives way when told (a key waits): -1 and
 * no error, and the connection counts as before afterwards. */
TEST(test_count_gives_way)
{
	struct db *db = fixture_open("t.db");
	struct list_query q = { .sort = -1, .scan = 1 };
	struct filter *f;
	struct so_err err;
	int64_t n, want;
	int asked = 0;

	REQUIRE(db != NULL);
	fill(db);
	/* Enough rows for the machine to ask many times. */
	REQUIRE(db_exec(db, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL "
	    "SELECT i + 1 FROM k WHERE i < 20000) INSERT INTO contacts "
	    "(last_name, first_name, created_at, updated_at) SELECT "
	    "'Кузнецова', 'N' || i, 0, 0 FROM k", &err) == SO_OK);
	fixture_reindex(db);
	REQUIRE(filter_compile(db, &entity_contact, "last_name~^Кузнец.*а$",
	    FIXTURE_NOW, &f, NULL, &err) == SO_OK);
	q.filter = f;
	REQUIRE(rec_count(db, &entity_contact, &q, &want, &err) == SO_OK);
	CHECK_INT(want, 20000);
	n = 5;
	REQUIRE(rec_count_until(db, &entity_contact, &q, &n, stop_at_once,
	    &asked, &err) == SO_OK);
	CHECK_INT(n, -1);
	CHECK_INT(asked, 1);
	asked = 0;
	REQUIRE(rec_count_until(db, &entity_contact, &q, &n, stop_never,
	    &asked, &err) == SO_OK);
	CHECK_INT(n, want);
	CHECK(asked > 10);
	/* the handler is gone: a plain count is not stopped */
	asked = 0;
	REQUIRE(rec_count(db, &entity_contact, &q, &n, &err) == SO_OK);
	CHECK_INT(n, want);
	CHECK_INT(asked, 0);
	filter_free(f);
	db_close(db);
}

TEST(test_ref_filter_lists_a_companys_contacts)
{
	struct db *db = fixture_open("t.db");
	struct list_query q = { .sort = -1, .ref_field = "company_id" };
	struct company c;
	struct contact p;
	struct rec_list l;
	struct so_err err;

	REQUIRE(db != NULL);
	fill(db);
	store_company_init(&c);
	c.name = xstrdup("ООО «Ромашка»");
	REQUIRE(store_company_create(db, &c, &err) == SO_OK);
	store_contact_init(&p);
	p.last_name = xstrdup("Ромашкина");
	p.company_id = c.meta.id;
	REQUIRE(store_contact_create(db, &p, &err) == SO_OK);
	q.ref_id = c.meta.id;
	REQUIRE(rec_list(db, &entity_contact, &q, LIST_FIRST, NULL, 10, &l,
	    &err) == SO_OK);
	REQUIRE(l.n == 1);
	{
		char *s = field_format(&entity_contact, entity_field(
		    &entity_contact, "company_id"), rec_list_at(&l, 0));

		CHECK_STR(s, "ООО «Ромашка»");
		free(s);
	}
	rec_list_free(&l);
	store_company_clear(&c);
	store_contact_clear(&p);
	db_close(db);
}

TEST(test_pick_finds_company_by_part_of_name)
{
	struct db *db = fixture_open("t.db");
	struct rec_pick *p;
	struct company c;
	struct so_err err;
	size_t n;

	REQUIRE(db != NULL);
	store_company_init(&c);
	c.name = xstrdup("ООО «Ромашка»");
	REQUIRE(store_company_create(db, &c, &err) == SO_OK);
	CHECK_INT(rec_pick(db, &entity_company, "ромаш", 10, &p, &n, &err),
	    SO_OK);
	REQUIRE(n == 1);
	CHECK_STR(p[0].title, "ООО «Ромашка»");
	CHECK_INT(p[0].id, c.meta.id);
	rec_pick_free(p, n);
	store_company_clear(&c);
	db_close(db);
}

/* Namesakes at two companies: the contact pick-list of a form that has
 * a company offers its people first, and names each one's company. */
TEST(test_ref_pick_puts_the_chosen_company_first_and_names_it)
{
	struct db *db = fixture_open("t.db");
	const struct entity *e = &entity_task;
	const struct field_desc *fd;
	struct rec_near near = { "company_id", 0 };
	struct rec_pick *p;
	struct company a, b;
	struct contact x, y;
	struct so_err err;
	size_t n;

	REQUIRE(db != NULL);
	store_company_init(&a);
	a.name = xstrdup("ООО «Вектор»");
	a.city = xstrdup("Москва");
	REQUIRE(store_company_create(db, &a, &err) == SO_OK);
	store_company_init(&b);
	b.name = xstrdup("ООО «Лютик»");
	REQUIRE(store_company_create(db, &b, &err) == SO_OK);
	store_contact_init(&x);
	x.last_name = xstrdup("Иванов");
	x.first_name = xstrdup("Иван");
	x.company_id = a.meta.id;
	REQUIRE(store_contact_create(db, &x, &err) == SO_OK);
	store_contact_init(&y);
	y.last_name = xstrdup("Иванов");
	y.first_name = xstrdup("Иван");
	y.company_id = b.meta.id;
	REQUIRE(store_contact_create(db, &y, &err) == SO_OK);
	fd = &e->fields[entity_field(e, "contact_id")];
	/* no company chosen: by name, then by id */
	CHECK_INT(rec_ref_pick(db, fd, "иван", 10, NULL, &p, &n, &err),
	    SO_OK);
	REQUIRE(n == 2);
	CHECK_INT(p[0].id, x.meta.id);
	CHECK_STR(p[0].detail, "ООО «Вектор»");
	CHECK_STR(p[1].detail, "ООО «Лютик»");
	rec_pick_free(p, n);
	/* Лютик chosen: its Иванов first */
	near.id = b.meta.id;
	CHECK_INT(rec_ref_pick(db, fd, "иван", 10, &near, &p, &n, &err),
	    SO_OK);
	REQUIRE(n == 2);
	CHECK_INT(p[0].id, y.meta.id);
	CHECK_STR(p[0].title, "Иванов Иван");
	CHECK_INT(p[1].id, x.meta.id);
	rec_pick_free(p, n);
	/* a company's pick-list shows the city; a lookup nothing */
	fd = &e->fields[entity_field(e, "company_id")];
	CHECK_INT(rec_ref_pick(db, fd, "вектор", 10, &near, &p, &n, &err),
	    SO_OK);
	REQUIRE(n == 1);
	CHECK_STR(p[0].detail, "Москва");
	rec_pick_free(p, n);
	fd = &entity_event.fields[entity_field(&entity_event, "type_id")];
	CHECK_INT(rec_ref_pick(db, fd, "call", 10, NULL, &p, &n, &err),
	    SO_OK);
	REQUIRE(n == 1);
	CHECK(p[0].detail == NULL);
	rec_pick_free(p, n);
	store_company_clear(&a);
	store_company_clear(&b);
	store_contact_clear(&x);
	store_contact_clear(&y);
	db_close(db);
}

/* A user is picked by login as by name (as filters and group actions
 * take them); the pick-list shows the login beside the name. */
TEST(test_ref_pick_finds_users_by_login_too)
{
	struct db *db = fixture_open("t.db");
	const struct field_desc *fd;
	struct rec_pick *p;
	struct so_err err;
	int64_t boris;
	size_t n;

	REQUIRE(db != NULL);
	boris = fixture_add_user_row(db, "boris", "Борис Петров");
	fixture_add_user_row(db, "vera", "Вера Смирнова");
	fd = &entity_company.fields[entity_field(&entity_company,
	    "manager_id")];
	CHECK_INT(rec_ref_pick(db, fd, "boris", 10, NULL, &p, &n, &err),
	    SO_OK);
	REQUIRE(n == 1);
	CHECK_INT(p[0].id, boris);
	CHECK_STR(p[0].title, "Борис Петров");
	CHECK_STR(p[0].detail, "boris");
	rec_pick_free(p, n);
	CHECK_INT(rec_ref_pick(db, fd, "петров", 10, NULL, &p, &n, &err),
	    SO_OK);
	REQUIRE(n == 1);
	CHECK_INT(p[0].id, boris);
	rec_pick_free(p, n);
	/* anna has no full name: her login is her title */
	CHECK_INT(rec_ref_pick(db, fd, "ann", 10, NULL, &p, &n, &err), SO_OK);
	REQUIRE(n == 1);
	CHECK_STR(p[0].title, "anna");
	rec_pick_free(p, n);
	db_close(db);
}

static void
check_plan(struct db *db, const char *sql, const char *ent, const char *f)
{
	sqlite3_stmt *st;
	int uses_index = 0, sorts = 0;

	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) !=
	    SQLITE_OK) {
		harness_fail(__FILE__, __LINE__, "%s", sqlite3_errmsg(
		    db_sqlite(db)));
		return;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(st, 3);

		if (strstr(d, "USING INDEX") || strstr(d, "USING COVERING"))
			uses_index = 1;
		if (strstr(d, "TEMP B-TREE"))
			sorts = 1;
	}
	sqlite3_finalize(st);
	if (!uses_index || sorts)
		harness_fail(__FILE__, __LINE__, "%s by %s: %s%s", ent, f,
		    uses_index ? "" : "no index ", sorts ? "sorts" : "");
}

/*
 * The plan of every page query the engine generates, for every sortable
 * field of every entity, in every direction, must walk an index: no sort
 * of the whole table (TEMP B-TREE), whatever its size.
 */
TEST(test_page_queries_use_an_index_and_no_sort)
{
	static const enum list_from froms[] = { LIST_FIRST, LIST_LAST,
	    LIST_AT, LIST_AFTER, LIST_BEFORE };
	struct db *db = fixture_open("t.db");
	int k, f, d, w;

	REQUIRE(db != NULL);
	for (k = 0; entities[k]; k++) {
		const struct entity *ent = entities[k];

		for (f = 0; f < ent->nfields; f++) {
			if (!(ent->fields[f].flags & F_SORT))
				continue;
			for (d = 0; d < 2; d++)
				for (w = 0; w < 5; w++) {
					struct list_query q = { .sort = f,
					    .desc = d };
					struct strbuf b = { 0 };

					sb_add(&b, "EXPLAIN QUERY PLAN ");
					rec_list_sql(ent, &q, froms[w], &b);
					check_plan(db, sb_str(&b), ent->name,
					    ent->fields[f].name);
					sb_free(&b);
				}
		}
	}
	db_close(db);
}

struct walked {
	int	 n, stop_at, fail_at;
	int	 ordered;
	char	*last;		/* the previous row's last_name */
	int64_t	 last_id;
};

static int
walked_row(void *arg, const void *rec, struct so_err *err)
{
	struct walked *w = arg;
	const struct contact *c = rec;
	int cmp;

	if (w->last) {
		cmp = yo_cmp(w->last, c->last_name);
		if (cmp > 0 || (cmp == 0 && w->last_id >= c->meta.id))
			w->ordered = 0;
	}
	free(w->last);
	w->last = xstrdup(c->last_name);
	w->last_id = c->meta.id;
	if (++w->n == w->fail_at)
		return so_err_set(err, SO_EINVAL, "told to fail");
	return w->n == w->stop_at ? REC_WALK_STOP : SO_OK;
}

TEST(test_walk_reads_every_row_once_in_order_and_stops_when_told)
{
	struct db *db = fixture_open("walk.db");
	struct list_query q = { .sort = 0 };
	struct walked w = { .ordered = 1 };
	struct so_err err = { 0 };

	REQUIRE(db != NULL);
	fill(db);
	/* N rows are a page of REC_WALK_PAGE and a short one. */
	CHECK(N > REC_WALK_PAGE);
	CHECK_INT(rec_walk(db, &entity_contact, &q, walked_row, &w, &err),
	    SO_OK);
	CHECK_INT(w.n, N);
	CHECK(w.ordered);
	free(w.last);

	/* Stopped on the first row of the second page: no error. */
	memset(&w, 0, sizeof(w));
	w.stop_at = REC_WALK_PAGE + 1;
	CHECK_INT(rec_walk(db, &entity_contact, &q, walked_row, &w, &err),
	    SO_OK);
	CHECK_INT(w.n, REC_WALK_PAGE + 1);
	free(w.last);

	/* The callback's error ends the walk and comes back. */
	memset(&w, 0, sizeof(w));
	w.fail_at = 3;
	CHECK_INT(rec_walk(db, &entity_contact, &q, walked_row, &w, &err),
	    SO_EINVAL);
	CHECK_INT(w.n, 3);
	CHECK_STR(err.msg, "told to fail");
	free(w.last);
	db_close(db);
}

/* ё sorts with е (issue 25): Елизаров, Ёлкин, Ельцин, not Ёлкин first;
 * Ёлкин and Елкин side by side; through the page anchor too. */
TEST(test_yo_sorts_with_ye)
{
	static const char *const names[] = { "Ельцин", "Ёлкин", "Яковлев",
	    "Елизаров", "Елкин", "Абрамов", "ёжиков" };
	/* equal but for ё: by the bytes, Ё (U+0401) before Е (U+0415) */
	static const char *const want[] = { "Абрамов", "Елизаров", "Ёлкин",
	    "Елкин", "Ельцин", "Яковлев", "ёжиков" };
	struct db *db = fixture_open("yo.db");
	struct list_query q = { .sort = 0 };
	struct contact anchor = { 0 };
	struct rec_list l;
	struct so_err err;
	size_t i;

	REQUIRE(db != NULL);
	for (i = 0; i < 7; i++)
		fixture_add_contact(db, &(struct fixture_contact){ .last =
		    names[i] });
	REQUIRE(rec_list(db, &entity_contact, &q, LIST_FIRST, NULL, 10, &l,
	    &err) == SO_OK);
	REQUIRE(l.n == 7);
	for (i = 0; i < 7; i++)
		CHECK_STR(((struct contact *)rec_list_at(&l, i))->last_name,
		    want[i]);
	/* the page after Ёлкин begins at Елкин */
	rec_copy(&entity_contact, &anchor, rec_list_at(&l, 2));
	rec_list_free(&l);
	REQUIRE(rec_list(db, &entity_contact, &q, LIST_AFTER, &anchor, 2, &l,
	    &err) == SO_OK);
	REQUIRE(l.n == 2);
	CHECK_STR(((struct contact *)rec_list_at(&l, 0))->last_name, "Елкин");
	CHECK_STR(((struct contact *)rec_list_at(&l, 1))->last_name, "Ельцин");
	rec_list_free(&l);
	rec_clear(&entity_contact, &anchor);
	db_close(db);
}
