/* The import layer over any reader: real-shaped files as Russian Excel
 * saves them (CP1251 ';' CRLF, "Unicode text" UTF-16), duplicates and
 * --on-duplicate, the formula quote, the preview. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "exchange/csvimport.h"
#include "exchange/import.h"
#include "fixture.h"
#include "harness.h"
#include "store/entities.h"
#include "store/search.h"

static int
import(struct db *db, const char *ent, const char *text,
    const struct import_opts *o, struct import_stats *st, struct so_err *err)
{
	return csv_import_mem(db, entity_find(ent), "t.csv", text,
	    strlen(text), o, st, err);
}

static char *
text_of(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	struct so_err err = { 0 };
	char *s = NULL;

	if (db_prepare(db, sql, &st, &err) != SO_OK)
		return xstrdup("(bad sql)");
	if (sqlite3_step(st) == SQLITE_ROW)
		s = xstrdup(db_text(st, 0));
	db_done(st);
	return s ? s : xstrdup("(no row)");
}

/* CHECK_STR of one value the database holds. */
#define CHECK_SQL(db, sql, want) do {					\
	char *v_ = text_of(db, sql);					\
	CHECK_STR(v_, want);						\
	free(v_);							\
} while (0)

/* The three companies of tests/data/companies-*, field by field. */
static void
check_clients(struct db *db)
{
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies"), 3);
	CHECK_SQL(db, "SELECT name FROM companies ORDER BY id LIMIT 1",
	    "ООО \"Ромашка\"");
	CHECK_SQL(db, "SELECT city || '|' || phone || '|' || email || '|' || "
	    "category || '|' || status FROM companies ORDER BY id LIMIT 1",
	    "Москва|+7 (495) 123-45-67|info@romashka.ru|VIP|customer");
	CHECK_SQL(db, "SELECT comment FROM companies ORDER BY id LIMIT 1",
	    "Первая строка\nвторая строка");
	CHECK_SQL(db, "SELECT name || '|' || city || '|' || phone || '|' || "
	    "comment FROM companies ORDER BY id LIMIT 1 OFFSET 1",
	    "ИП Иванов И.И.|Казань|8 843 222-33-44|Звонить после обеда; без "
	    "выходных");
	CHECK_SQL(db, "SELECT name || '|' || city || '|' || email || '|' || "
	    "category || '|' || status FROM companies ORDER BY id LIMIT 1 "
	    "OFFSET 2", "ЗАО «Север»|Санкт-Петербург|sever@example.ru|Опт|"
	    "lead");
	/* the spreadsheet's formula guard is gone */
	CHECK_SQL(db, "SELECT comment FROM companies ORDER BY id LIMIT 1 "
	    "OFFSET 2", "=ПРОВЕРКА");
}

TEST(test_import_cp1251_file_as_russian_excel_saves_it)
{
	struct db *db = fixture_open("t.db");
	struct import_stats st;
	struct so_err err = { 0 };

	REQUIRE(import_file(db, &entity_company, IMPORT_AUTO,
	    "tests/data/companies-cp1251.csv", NULL, NULL, &st, &err) ==
	    SO_OK);
	CHECK_INT(st.format, IMPORT_CSV);
	CHECK_INT(st.encoding, CSV_ENC_CP1251);
	CHECK_INT(st.sep, ';');
	CHECK_INT(st.imported, 3);
	check_clients(db);
	db_close(db);
}

TEST(test_import_utf16_unicode_text_as_excel_saves_it)
{
	struct db *db = fixture_open("t.db");
	struct import_stats st;
	struct so_err err = { 0 };

	REQUIRE(import_file(db, &entity_company, IMPORT_AUTO,
	    "tests/data/companies-utf16.txt", NULL, NULL, &st, &err) ==
	    SO_OK);
	CHECK_INT(st.encoding, CSV_ENC_UTF16LE);
	CHECK_INT(st.sep, '\t');
	CHECK_INT(st.imported, 3);
	check_clients(db);
	db_close(db);
}

/* UTF-16 bytes of s (ASCII and Cyrillic only) into a file. */
static const char *
write_utf16(const char *name, const char *s, int be, int bom)
{
	const char *path = harness_path(name);
	FILE *f = fopen(path, "wb");
	unsigned cp;

	if (f == NULL)
		return path;
	if (bom)
		fputs(be ? "\xfe\xff" : "\xff\xfe", f);
	while (*s) {
		unsigned char c = (unsigned char)*s++;

		cp = c;
		if (c >= 0xc0) {
			cp = ((c & 0x1fu) << 6) | ((unsigned char)*s++ & 0x3fu);
		}
		if (be) {
			fputc((int)(cp >> 8), f);
			fputc((int)(cp & 0xff), f);
		} else {
			fputc((int)(cp & 0xff), f);
			fputc((int)(cp >> 8), f);
		}
	}
	fclose(f);
	return path;
}

TEST(test_import_utf16_big_endian_and_without_a_mark)
{
	struct db *db = fixture_open("t.db");
	struct import_opts o = { .on_duplicate = DUP_ADD };
	struct import_stats st;
	struct so_err err = { 0 };
	const char *p;

	p = write_utf16("be.txt", "name\tcity\nЛотос\tТула\n", 1, 1);
	REQUIRE(import_file(db, &entity_company, IMPORT_CSV, p, "be.txt", &o,
	    &st, &err) == SO_OK);
	CHECK_INT(st.encoding, CSV_ENC_UTF16BE);
	p = write_utf16("le.txt", "name\tcity\nЛотос\tТула\n", 0, 0);
	REQUIRE(import_file(db, &entity_company, IMPORT_CSV, p, "le.txt", &o,
	    &st, &err) == SO_OK);
	CHECK_INT(st.encoding, CSV_ENC_UTF16LE);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies WHERE "
	    "name = 'Лотос' AND city = 'Тула'"), 2);
	db_close(db);
}

TEST(test_import_broken_utf16_names_the_line_and_writes_nothing)
{
	struct db *db = fixture_open("t.db");
	struct import_stats st;
	struct so_err err = { 0 };
	unsigned long long before, after;
	long long size;
	char *p = xstrdup(harness_path("bad16.txt"));
	FILE *f;

	db_close(db);
	before = fixture_file_sum(harness_path("t.db"), &size);
	db = fixture_open("t.db");
	REQUIRE((f = fopen(p, "wb")) != NULL);
	/* "name\nА\n" then an unpaired high surrogate on line 3 */
	fwrite("\xff\xfen\0a\0m\0e\0\n\0\x10\x04\n\0\x00\xd8x\0\n\0", 1, 22, f);
	fclose(f);
	CHECK(import_file(db, &entity_company, IMPORT_AUTO, p, "bad16.txt",
	    NULL, &st, &err) == SO_EINVAL);
	CHECK(strstr(err.msg, "bad16.txt:3: not utf-16le text") != NULL);
	db_close(db);
	after = fixture_file_sum(harness_path("t.db"), &size);
	CHECK(before == after);
	free(p);
}

/* ---- duplicates ---- */

static const char clients[] =
    "Название;Город;Телефон;E-mail\n"
    "Ромашка;Москва;+7 (495) 123-45-67;info@romashka.ru\n"
    "Лютик;Тверь;;\n";

TEST(test_import_duplicates_by_name_city_phone_email)
{
	struct db *db = fixture_open("t.db");
	struct import_opts o = { 0 };
	struct import_stats st;
	struct so_err err = { 0 };

	REQUIRE(import(db, "companies", clients, &o, &st, &err) == SO_OK);
	CHECK_INT(st.imported, 2);
	/* the same name in another case and the same city: one company;
	 * the same phone written another way; the same e-mail in capitals;
	 * the same name in another city is another company */
	REQUIRE(import(db, "companies",
	    "name;city;phone;email\n"
	    "РОМАШКА;москва;;\n"
	    "Другая;Москва;8 495 1234567;\n"
	    "Третья;Омск;;INFO@Romashka.RU\n"
	    "Лютик;Омск;;\n"
	    "Лютик;Омск;;\n", &o, &st, &err) == SO_OK);
	CHECK_INT(st.rows, 5);
	CHECK_INT(st.duplicates, 4);	/* the last Лютик: the one before */
	CHECK_INT(st.imported, 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies"), 3);
	/* a phone of six digits is no key */
	REQUIRE(import(db, "companies", "name;phone\nА;123-456\nБ;123456\n",
	    &o, &st, &err) == SO_OK);
	CHECK_INT(st.imported, 2);
	/* add: all of them again */
	o.on_duplicate = DUP_ADD;
	REQUIRE(import(db, "companies", clients, &o, &st, &err) == SO_OK);
	CHECK_INT(st.imported, 2);
	CHECK_INT(st.duplicates, 0);
	/* a trashed company is no duplicate */
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies WHERE "
	    "name = 'Ромашка'"), 2);
	db_close(db);
}

TEST(test_import_on_duplicate_update_writes_only_given_cells)
{
	struct db *db = fixture_open("t.db");
	struct import_opts o = { .on_duplicate = DUP_UPDATE };
	struct import_stats st;
	struct so_err err = { 0 };
	long long audit;

	REQUIRE(import(db, "companies", clients, &o, &st, &err) == SO_OK);
	/* Ромашка gets a website, keeps its e-mail (blank cell); Лютик is
	 * found by its phone?  No: by name and city, and gets a phone */
	REQUIRE(import(db, "companies",
	    "name;city;website;email;phone\n"
	    "ромашка;Москва;romashka.ru;;\n"
	    "Лютик;Тверь;;;+7 4822 11-22-33\n"
	    "Лютик;Тверь;;;+7 4822 11-22-33\n", &o, &st, &err) == SO_OK);
	CHECK_INT(st.updated, 2);
	CHECK_INT(st.unchanged, 1);
	CHECK_INT(st.imported, 0);
	CHECK_SQL(db, "SELECT name || '|' || website || '|' || email FROM "
	    "companies WHERE city = 'Москва'",
	    "Ромашка|romashka.ru|info@romashka.ru");
	CHECK_SQL(db, "SELECT phone || '|' || version FROM companies WHERE "
	    "name = 'Лютик'", "+7 4822 11-22-33|2");
	/* the same again changes nothing and writes no audit row */
	audit = fixture_int(db, "SELECT count(*) FROM audit_log");
	REQUIRE(import(db, "companies",
	    "name;city;website\nромашка;Москва;romashka.ru\n", &o, &st,
	    &err) == SO_OK);
	CHECK_INT(st.unchanged, 1);
	CHECK_INT(st.updated, 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log"), audit);
	/* an update that breaks the record is a bad row, file and line */
	CHECK(import(db, "companies", "name;city;email\nЛютик;Тверь;"
	    "not-an-email\n", &o, &st, &err) == SO_EINVAL);
	CHECK(strstr(err.msg, "t.csv:2: column \"email\" (email): not an "
	    "e-mail address") != NULL);
	db_close(db);
}

TEST(test_import_contact_duplicates_by_name_at_company_phone_email)
{
	struct db *db = fixture_open("t.db");
	struct import_opts o = { .create_missing = 1 };
	struct import_stats st;
	struct so_err err = { 0 };

	REQUIRE(import(db, "contacts",
	    "Фамилия;Имя;Компания;Мобильный;E-mail\n"
	    "Петров;Пётр;Ромашка;+7 916 000-11-22;\n"
	    "Сидорова;Анна;Лютик;;anna@lutik.ru\n", &o, &st, &err) == SO_OK);
	CHECK_INT(st.imported, 2);
	/* Петров again at Ромашка; a work phone equal to a mobile one; the
	 * e-mail; Петров at another company is another person */
	o.on_duplicate = DUP_UPDATE;
	REQUIRE(import(db, "contacts",
	    "last_name;first_name;company_id;phone_work;email;position\n"
	    "ПЕТРОВ;пётр;Ромашка;;;Директор\n"
	    "Петров;Пётр;;8 (916) 000-11-22;;\n"
	    "Сидорова;Анна;;;ANNA@lutik.ru;Бухгалтер\n"
	    "Петров;Пётр;Лютик;;;Снабженец\n", &o, &st, &err) == SO_OK);
	CHECK_INT(st.updated, 3);
	CHECK_INT(st.imported, 1);
	CHECK_INT(st.unchanged, 0);
	CHECK_SQL(db, "SELECT group_concat(last_name || ':' || position, ',') "
	    "FROM (SELECT * FROM contacts ORDER BY id)",
	    "Петров:Директор,Сидорова:Бухгалтер,Петров:Снабженец");
	/* the update names the phone's owner's fields only as given:
	 * Петров keeps his mobile, and the work phone was written */
	CHECK_SQL(db, "SELECT phone_mobile || '|' || phone_work FROM contacts "
	    "ORDER BY id LIMIT 1", "+7 916 000-11-22|8 (916) 000-11-22");
	db_close(db);
}

TEST(test_import_dry_run_counts_duplicates_and_writes_nothing)
{
	struct db *db = fixture_open("t.db");
	struct import_opts o = { 0 };
	struct import_stats st;
	struct so_err err = { 0 };
	long long audit;

	REQUIRE(import(db, "companies", clients, &o, &st, &err) == SO_OK);
	audit = fixture_int(db, "SELECT count(*) FROM audit_log");
	o.dry_run = 1;
	o.on_duplicate = DUP_UPDATE;
	REQUIRE(import(db, "companies", "name;city;website\nРомашка;Москва;"
	    "r.ru\nНовая;Москва;\n", &o, &st, &err) == SO_OK);
	CHECK_INT(st.updated, 1);
	CHECK_INT(st.imported, 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies"), 2);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies WHERE "
	    "website <> ''"), 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log"), audit);
	db_close(db);
}

/* The search index is whole and agrees with the records (search.h). */
static int
index_whole(struct db *db)
{
	struct strbuf report = { 0 };
	struct so_err err = { 0 };
	int rc = search_check(db, &report, &err);

	if (rc != SO_OK)
		harness_fail(__FILE__, __LINE__, "search check: %s %s",
		    sb_str(&report), err.msg);
	sb_free(&report);
	return rc == SO_OK;
}

/* Companies whose index matches q (an FTS5 query). */
static long long
matching(struct db *db, const char *q)
{
	char *sql = xasprintf("SELECT count(*) FROM companies_fts WHERE "
	    "companies_fts MATCH '%s'", q);
	long long n = fixture_int(db, sql);

	free(sql);
	return n;
}

/*
 * Issue 26: the import indexes its new rows for the search at the end,
 * in one statement (index.h), as they are then: a row the file creates
 * and then updates is found by what it says last; an old row updated
 * is taken out and put back at once; a dry run or a failed file leaves
 * the index as it was.
 */
TEST(test_import_indexes_new_rows_for_search_at_the_end)
{
	struct db *db = fixture_open("t.db");
	struct import_opts o = { 0 };
	struct import_stats st;
	struct so_err err = { 0 };

	REQUIRE(import(db, "companies", clients, &o, &st, &err) == SO_OK);
	CHECK_INT(matching(db, "Ромашка"), 1);
	CHECK_INT(matching(db, "Тверь"), 1);
	CHECK(index_whole(db));
	o.on_duplicate = DUP_UPDATE;
	REQUIRE(import(db, "companies",
	    "name;city;comment\n"
	    "Новая;Омск;первое\n"
	    "ромашка;Москва;перезвонить\n"
	    "Новая;омск;второе\n", &o, &st, &err) == SO_OK);
	CHECK_INT(st.imported, 1);
	CHECK_INT(st.updated, 2);
	CHECK_INT(matching(db, "первое"), 0);
	CHECK_INT(matching(db, "второе"), 1);
	CHECK_INT(matching(db, "перезвонить"), 1);
	CHECK_INT(matching(db, "Омск"), 1);
	CHECK(index_whole(db));
	o.dry_run = 1;
	REQUIRE(import(db, "companies", "name;city\nПробная;Уфа\n", &o, &st,
	    &err) == SO_OK);
	CHECK_INT(matching(db, "Уфа"), 0);
	o.dry_run = 0;
	CHECK(import(db, "companies", "name;city;email\nПробная;Уфа;\n"
	    "Плохая;Уфа;not-an-email\n", &o, &st, &err) == SO_EINVAL);
	CHECK_INT(matching(db, "Уфа"), 0);
	CHECK(index_whole(db));
	/* and the next import after those indexes as it should */
	REQUIRE(import(db, "companies", "name;city\nПробная;Уфа\n", &o, &st,
	    &err) == SO_OK);
	CHECK_INT(matching(db, "Уфа"), 1);
	CHECK(index_whole(db));
	db_close(db);
}

/* The SQL after "sql: " that holds what, and the first step of its
 * plan, from fixture_plans_end's text ("" when it is not there). */
static char *
plan_of(const char *plans, const char *what)
{
	const char *s = strstr(plans, what), *step, *eol;

	if (s == NULL || (step = strstr(s, "\n  ")) == NULL)
		return xstrdup("");
	step += 3;
	eol = strchr(step, '\n');
	return xstrndup(step, eol ? (size_t)(eol - step) : strlen(step));
}

/*
 * Issue 26: a row the file itself wrote earlier is found as a
 * duplicate through the index of its name (its form with ё as е,
 * sql/013_yo_order.sql), not by walking every row the import wrote
 * (n²/2 rows for a file of n): Ёлка, then Елка; and the new rows go
 * into the search index by their ids, from the first new one.
 */
TEST(test_import_plans_find_fresh_duplicates_by_the_name_index)
{
	struct db *db = fixture_open("t.db");
	struct import_opts o = { .create_missing = 1 };
	struct import_stats st;
	struct so_err err = { 0 };
	char *plans, *p;

	REQUIRE(import(db, "companies", clients, &o, &st, &err) == SO_OK);
	fixture_plans_begin(db);
	REQUIRE(import(db, "companies", "name;city\nЁлка;Омск\nЕлка;омск\n",
	    &o, &st, &err) == SO_OK);
	CHECK_INT(st.imported, 1);
	CHECK_INT(st.duplicates, 1);
	REQUIRE(import(db, "contacts", "last_name;first_name;company_id\n"
	    "Пётр;Петров;Ёлка\nПетр;петров;Ёлка\n", &o, &st, &err) ==
	    SO_OK);
	CHECK_INT(st.imported, 1);
	CHECK_INT(st.duplicates, 1);
	plans = fixture_plans_end(db);
	p = plan_of(plans, "FROM companies WHERE deleted_at IS NULL AND "
	    "replace(");
	CHECK_STR(p, "SEARCH companies USING INDEX companies_name (<expr>=?)");
	free(p);
	p = plan_of(plans, "FROM contacts WHERE deleted_at IS NULL AND "
	    "replace(");
	CHECK_STR(p, "SEARCH contacts USING INDEX contacts_last_name "
	    "(<expr>=?)");
	free(p);
	p = plan_of(plans, "INSERT INTO companies_fts (rowid");
	CHECK_STR(p, "SEARCH companies USING INTEGER PRIMARY KEY (rowid>?)");
	free(p);
	p = plan_of(plans, "INSERT INTO contacts_fts (rowid");
	CHECK_STR(p, "SEARCH contacts USING INTEGER PRIMARY KEY (rowid>?)");
	free(p);
	free(plans);
	CHECK(index_whole(db));
	db_close(db);
}

TEST(test_import_formula_quote_only_before_formula_characters)
{
	struct db *db = fixture_open("t.db");
	struct import_stats st;
	struct so_err err = { 0 };

	REQUIRE(import(db, "companies",
	    "name;phone;comment\n"
	    "'=A1;'+7 495 000-00-00;'@home\n"
	    "'Кавычка';;'-1\n", NULL, &st, &err) == SO_OK);
	CHECK_SQL(db, "SELECT name || '|' || phone || '|' || comment FROM "
	    "companies ORDER BY id LIMIT 1", "=A1|+7 495 000-00-00|@home");
	CHECK_SQL(db, "SELECT name || '|' || comment FROM companies ORDER BY "
	    "id LIMIT 1 OFFSET 1", "'Кавычка'|-1");
	db_close(db);
}

/* ---- the preview ---- */

TEST(test_import_preview_maps_columns_and_shows_first_rows)
{
	struct import_opts o = { .map = "Комментарий=" };
	struct import_preview pv;
	struct so_err err = { 0 };

	REQUIRE(import_preview(&entity_company, IMPORT_AUTO,
	    "tests/data/companies-cp1251.csv", &o, 2, &pv, &err) == SO_OK);
	CHECK_INT(pv.format, IMPORT_CSV);
	CHECK_INT(pv.encoding, CSV_ENC_CP1251);
	CHECK_INT(pv.sep, ';');
	REQUIRE(pv.ncols == 7);
	CHECK_STR(pv.headers[1], "Город");
	CHECK_INT(pv.fields[1], entity_field(&entity_company, "city"));
	CHECK_INT(pv.fields[6], PREVIEW_LEFT_OUT);
	REQUIRE(pv.nrows == 2);
	CHECK_STR(pv.cells[0][0], "ООО \"Ромашка\"");
	CHECK_STR(pv.cells[0][6], "Первая строка\nвторая строка");
	CHECK_INT(pv.lines[1], 4);	/* the row after the two-line cell */
	CHECK_STR(pv.cells[1][2], "8 843 222-33-44");
	import_preview_free(&pv);
	/* an unknown column is shown as such, not refused */
	REQUIRE(import_preview(&entity_payment, IMPORT_CSV,
	    "tests/data/companies-cp1251.csv", NULL, 1, &pv, &err) == SO_OK);
	CHECK_INT(pv.fields[0], PREVIEW_UNKNOWN);
	CHECK_INT(pv.fields[6], entity_field(&entity_payment, "comment"));
	CHECK_INT(pv.nrows, 1);
	import_preview_free(&pv);
	CHECK(import_preview(&entity_company, IMPORT_CSV, "tests/data/none",
	    NULL, 1, &pv, &err) == SO_EINVAL);
	CHECK(strstr(err.msg, "tests/data/none: No such file") != NULL);
}

/* The column names Russian spreadsheets and 1C use, read without a
 * map; by entity, and only to a field the entity has. */
TEST(test_import_russian_column_names_without_a_map)
{
	static const char hdr[] = "Фамилия;Мобильный телефон;Телефон;"
	    "Эл. почта;Примечание;Организация;ИНН\nИванов;1;2;a@b.ru;x;"
	    "ООО;7700\n";
	static const char firms[] = "Наименование;Полное наименование;"
	    "Мобильный телефон;Электронная почта;Адрес;Примечания\n"
	    "А;Б;1;a@b.ru;Казань;x\n";
	const char *path = harness_path("h.csv");
	struct import_preview pv;
	struct so_err err = { 0 };
	FILE *f;

	REQUIRE((f = fopen(path, "w")) != NULL);
	fputs(hdr, f);
	fclose(f);
	REQUIRE(import_preview(&entity_contact, IMPORT_CSV, path, NULL, 1,
	    &pv, &err) == SO_OK);
	REQUIRE(pv.ncols == 7);
	CHECK_INT(pv.fields[0], entity_field(&entity_contact, "last_name"));
	CHECK_INT(pv.fields[1], entity_field(&entity_contact,
	    "phone_mobile"));
	CHECK_INT(pv.fields[2], entity_field(&entity_contact, "phone_work"));
	CHECK_INT(pv.fields[3], entity_field(&entity_contact, "email"));
	CHECK_INT(pv.fields[4], entity_field(&entity_contact, "comment"));
	CHECK_INT(pv.fields[5], entity_field(&entity_contact, "company_id"));
	CHECK_INT(pv.fields[6], PREVIEW_UNKNOWN);	/* no inn field */
	import_preview_free(&pv);
	REQUIRE((f = fopen(path, "w")) != NULL);
	fputs(firms, f);
	fclose(f);
	REQUIRE(import_preview(&entity_company, IMPORT_CSV, path, NULL, 1,
	    &pv, &err) == SO_OK);
	REQUIRE(pv.ncols == 6);
	CHECK_INT(pv.fields[0], entity_field(&entity_company, "name"));
	CHECK_INT(pv.fields[1], entity_field(&entity_company, "legal_name"));
	CHECK_INT(pv.fields[2], entity_field(&entity_company, "phone2"));
	CHECK_INT(pv.fields[3], entity_field(&entity_company, "email"));
	CHECK_INT(pv.fields[4], entity_field(&entity_company, "address"));
	CHECK_INT(pv.fields[5], entity_field(&entity_company, "comment"));
	import_preview_free(&pv);
}

TEST(test_import_format_names)
{
	CHECK_INT(import_format_parse("XLSX"), IMPORT_XLSX);
	CHECK_INT(import_format_parse("ods"), IMPORT_ODS);
	CHECK_STR(import_format_name(IMPORT_ODS), "ods");
	CHECK_INT(import_format_parse("numbers"), -1);
	CHECK_STR(import_dup_name(DUP_UPDATE), "update");
	CHECK_INT(import_dup_parse("merge"), -1);
	CHECK_INT(csv_encoding_parse("UTF-16"), CSV_ENC_UTF16LE);
	CHECK_INT(csv_encoding_parse("utf16be"), CSV_ENC_UTF16BE);
	CHECK_STR(csv_encoding_name(CSV_ENC_UTF16LE), "utf-16le");
}
