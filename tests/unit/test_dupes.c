/*
 * Likely duplicates (store/dupes.h): what the add form warns of and the
 * import skips or updates.  A company by its name in the same city, a
 * contact by name at the same company, either by a phone written any
 * way or an e-mail in any case; names compare with case, ё/е and the
 * quotes and blanks between words folded ("ООО Ромашка" is «ООО
 * «Ромашка»»); trashed records and the record itself are no duplicates.
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "store/dupes.h"
#include "store/entities.h"

static int64_t
company(struct db *db, const char *name, const char *city, const char *phone,
    const char *email)
{
	struct company c;
	struct so_err err;
	int64_t id;

	store_company_init(&c);
	c.name = xstrdup(name);
	c.city = city ? xstrdup(city) : NULL;
	c.phone = phone ? xstrdup(phone) : NULL;
	c.email = email ? xstrdup(email) : NULL;
	if (store_company_create(db, &c, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "%s", err.msg);
	id = c.meta.id;
	store_company_clear(&c);
	return id;
}

static int64_t
contact(struct db *db, const char *last, const char *first, int64_t co,
    const char *mobile)
{
	struct contact p;
	struct so_err err;
	int64_t id;

	store_contact_init(&p);
	p.last_name = xstrdup(last);
	p.first_name = xstrdup(first);
	p.company_id = co ? co : SO_NULL;
	p.phone_mobile = mobile ? xstrdup(mobile) : NULL;
	if (store_contact_create(db, &p, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "%s", err.msg);
	id = p.meta.id;
	store_contact_clear(&p);
	return id;
}

/* The duplicates of a company not yet saved. */
static size_t
like_company(struct db *db, const char *name, const char *city,
    const char *phone, const char *email, struct dupe **v)
{
	struct company c;
	struct so_err err;
	size_t n = 0;

	store_company_init(&c);
	c.name = xstrdup(name);
	c.city = city ? xstrdup(city) : NULL;
	c.phone = phone ? xstrdup(phone) : NULL;
	c.email = email ? xstrdup(email) : NULL;
	if (store_dupes_like(db, &entity_company, &c, 10, v, &n, &err) !=
	    SO_OK)
		harness_fail(__FILE__, __LINE__, "%s", err.msg);
	store_company_clear(&c);
	return n;
}

TEST(test_dupes_company_by_name_in_the_same_city_folding_case_yo_quotes)
{
	struct db *db = fixture_open("t.db");
	struct dupe *v;
	int64_t kzn, elka;
	size_t n;

	REQUIRE(db != NULL);
	kzn = company(db, "ООО «Ромашка»", "Казань", NULL, NULL);
	company(db, "ООО «Ромашка»", "Москва", NULL, NULL);
	elka = company(db, "Ёлка и партнёры", "Тверь", NULL, NULL);
	/* the issue's own example: no quotes, another case */
	n = like_company(db, "ооо Ромашка", " казань ", NULL, NULL, &v);
	REQUIRE(n == 1);
	CHECK_INT(v[0].id, kzn);
	CHECK_STR(v[0].title, "ООО «Ромашка»");
	CHECK_STR(v[0].detail, "Казань");
	CHECK_STR(v[0].why, "name and city");
	store_dupes_like_free(v, n);
	/* е for ё, "" quotes, two blanks */
	n = like_company(db, "\"ЕЛКА  и Партнеры\"", "Тверь", NULL, NULL, &v);
	REQUIRE(n == 1);
	CHECK_INT(v[0].id, elka);
	store_dupes_like_free(v, n);
	/* the same name in a third city is another company */
	CHECK_INT(like_company(db, "ООО «Ромашка»", "Омск", NULL, NULL, &v),
	    0);
	store_dupes_like_free(v, 0);
	/* another name is another company; an empty name matches nothing */
	CHECK_INT(like_company(db, "ООО «Ромашка-2»", "Казань", NULL, NULL,
	    &v), 0);
	CHECK_INT(like_company(db, "", "Казань", NULL, NULL, &v), 0);
	db_close(db);
}

TEST(test_dupes_company_by_phone_and_email_each_record_once)
{
	struct db *db = fixture_open("t.db");
	struct dupe *v;
	int64_t a, b;
	size_t n;

	REQUIRE(db != NULL);
	a = company(db, "Альфа", "Москва", "+7 (495) 123-45-67",
	    "info@alfa.ru");
	b = company(db, "Бета", "Тверь", NULL, "INFO@ALFA.RU");
	company(db, "Гамма", NULL, "123-456", NULL);
	/* Альфа by its phone (and its e-mail, not listed twice), Бета by
	 * the e-mail; a phone of six digits is no key */
	n = like_company(db, "Дельта", "Омск", "8 495 1234567", "Info@Alfa.ru",
	    &v);
	REQUIRE(n == 2);
	CHECK_INT(v[0].id, a);
	CHECK_STR(v[0].why, "phone");
	CHECK_INT(v[1].id, b);
	CHECK_STR(v[1].why, "e-mail");
	CHECK_STR(v[1].detail, "Тверь");
	store_dupes_like_free(v, n);
	CHECK_INT(like_company(db, "Дельта", NULL, "123456", NULL, &v), 0);
	db_close(db);
}

TEST(test_dupes_leave_out_the_trash_and_the_record_itself)
{
	struct db *db = fixture_open("t.db");
	struct company c;
	struct so_err err;
	struct dupe *v;
	int64_t gone, kept;
	size_t n = 0;

	REQUIRE(db != NULL);
	gone = company(db, "Лютик", "Тверь", NULL, NULL);
	kept = company(db, "Лютик", "Тверь", NULL, NULL);
	REQUIRE(rec_delete(db, &entity_company, gone, &err) == SO_OK);
	n = like_company(db, "Лютик", "Тверь", NULL, NULL, &v);
	REQUIRE(n == 1);
	CHECK_INT(v[0].id, kept);
	store_dupes_like_free(v, n);
	/* edited: not its own duplicate */
	REQUIRE(store_company_get(db, kept, &c, &err) == SO_OK);
	CHECK_INT(store_dupes_like(db, &entity_company, &c, 10, &v, &n, &err),
	    SO_OK);
	CHECK_INT(n, 0);
	store_company_clear(&c);
	db_close(db);
}

TEST(test_dupes_contact_by_name_at_the_same_company_or_phone)
{
	struct db *db = fixture_open("t.db");
	struct contact p;
	struct so_err err;
	struct dupe *v;
	int64_t romashka, lutik, petrov;
	size_t n = 0;

	REQUIRE(db != NULL);
	romashka = company(db, "ООО «Ромашка»", "Казань", NULL, NULL);
	lutik = company(db, "Лютик", "Тверь", NULL, NULL);
	petrov = contact(db, "Петров", "Пётр", romashka, "+7 916 000-11-22");
	store_contact_init(&p);
	p.last_name = xstrdup("ПЕТРОВ");
	p.first_name = xstrdup("петр");
	p.company_id = romashka;
	CHECK_INT(store_dupes_like(db, &entity_contact, &p, 10, &v, &n, &err),
	    SO_OK);
	REQUIRE(n == 1);
	CHECK_INT(v[0].id, petrov);
	CHECK_STR(v[0].title, "Петров Пётр");
	CHECK_STR(v[0].detail, "ООО «Ромашка»");
	CHECK_STR(v[0].why, "name and company");
	store_dupes_like_free(v, n);
	/* at another company: another person, unless the phone is his */
	p.company_id = lutik;
	CHECK_INT(store_dupes_like(db, &entity_contact, &p, 10, &v, &n, &err),
	    SO_OK);
	CHECK_INT(n, 0);
	p.phone_work = xstrdup("8 (916) 000-11-22");
	CHECK_INT(store_dupes_like(db, &entity_contact, &p, 10, &v, &n, &err),
	    SO_OK);
	REQUIRE(n == 1);
	CHECK_STR(v[0].why, "phone");
	store_dupes_like_free(v, n);
	store_contact_clear(&p);
	db_close(db);
}

TEST(test_dupes_other_card_files_have_none)
{
	struct db *db = fixture_open("t.db");
	struct task t;
	struct so_err err;
	struct dupe *v = NULL;
	size_t n = 1;

	REQUIRE(db != NULL);
	store_task_init(&t);
	t.title = xstrdup("Позвонить");
	CHECK_INT(store_dupes_like(db, &entity_task, &t, 10, &v, &n, &err),
	    SO_OK);
	CHECK_INT(n, 0);
	CHECK(v == NULL);
	store_task_clear(&t);
	db_close(db);
}

/* The import's finder keeps the same rules: ё/е and quotes folded. */
TEST(test_dupes_find_for_the_import_folds_yo_and_quotes)
{
	struct db *db = fixture_open("t.db");
	struct store_dupes *d;
	struct company c;
	struct so_err err;
	const char *why;
	int64_t elka, id;

	REQUIRE(db != NULL);
	elka = company(db, "Ёлка", "Тверь", NULL, NULL);
	REQUIRE(store_dupes_open(db, &entity_company, &d, &err) == SO_OK);
	REQUIRE(d != NULL);
	store_company_init(&c);
	c.name = xstrdup("«ЕЛКА»");
	c.city = xstrdup("тверь");
	CHECK_INT(store_dupes_find(d, &c, &id, &why, &err), SO_OK);
	CHECK_INT(id, elka);
	CHECK_STR(why, "name and city");
	store_company_clear(&c);
	store_dupes_free(d);
	db_close(db);
}
