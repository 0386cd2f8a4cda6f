/* CSV import: encodings, separators, quoting, mapping, references, line
 * numbers in errors, all-or-nothing, skipping, hostile files. */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "exchange/csvimport.h"
#include "exchange/import.h"
#include "fixture.h"
#include "harness.h"
#include "store/entities.h"

static int
import(struct db *db, const char *ent, const char *text,
    const struct import_opts *o, struct import_stats *st, struct so_err *err)
{
	return csv_import_mem(db, entity_find(ent), "t.csv", text,
	    strlen(text), o, st, err);
}

static int64_t
add_company(struct db *db, const char *name)
{
	return fixture_add_company(db, &(struct fixture_company){
	    .name = name });
}

/* The n-th (from 0) payment by id, read through the store. */
static int
nth_payment(struct db *db, int n, struct payment *p)
{
	struct so_err err = { 0 };
	char *sql = xasprintf("SELECT id FROM payments ORDER BY id LIMIT 1 "
	    "OFFSET %d", n);
	long long id = fixture_int(db, sql);

	free(sql);
	memset(p, 0, sizeof(*p));
	return id > 0 ? store_payment_get(db, id, p, &err) : SO_ENOTFOUND;
}

static char *
to_cp1251(const char *utf8)
{
	iconv_t cd = iconv_open("CP1251", "UTF-8");
	size_t inleft = strlen(utf8), outleft = inleft + 1;
	char *out = xcalloc(1, outleft), *in = (char *)utf8, *o = out;

	if (cd == (iconv_t)-1 || iconv(cd, &in, &inleft, &o, &outleft) ==
	    (size_t)-1)
		harness_fail(__FILE__, __LINE__, "iconv to CP1251 failed");
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	*o = '\0';
	return out;
}

static long long
count(struct db *db, const char *table)
{
	char *sql = xasprintf("SELECT count(*) FROM %s", table);
	long long n = fixture_int(db, sql);

	free(sql);
	return n;
}

/* ---- encodings and separators ---- */

TEST(test_csv_payments_utf8_with_cyrillic_company_names)
{
	struct db *db = fixture_open("t.db");
	struct import_stats st;
	struct so_err err = { 0 };
	struct payment p;
	int64_t rom, iva;

	REQUIRE(db != NULL);
	rom = add_company(db, "ООО «Ромашка»");
	iva = add_company(db, "ИП Иванов");
	REQUIRE(import(db, "payments",
	    "Дата,Компания,Сумма,Документ,Комментарий\n"
	    "01.11.2026,ООО «Ромашка»,\"1 234,50\",П-17,аванс\n"
	    "2026-11-02,ип иванов,99.9,П-18,\n", NULL, &st, &err) == SO_OK);
	CHECK_STR(err.msg, "");
	CHECK_INT(st.imported, 2);
	CHECK_INT(st.skipped, 0);
	CHECK_INT(st.rows, 2);
	CHECK_INT(st.encoding, CSV_ENC_UTF8);
	CHECK_INT(st.sep, ',');
	REQUIRE(nth_payment(db, 0, &p) == SO_OK);
	CHECK_STR(p.paid_on, "2026-11-01");
	CHECK_INT(p.company_id, rom);
	CHECK_INT(p.amount, 123450);
	CHECK_STR(p.document, "П-17");
	CHECK_STR(p.comment, "аванс");
	CHECK_INT(p.deal_id, SO_NULL);
	store_payment_clear(&p);
	REQUIRE(nth_payment(db, 1, &p) == SO_OK);
	CHECK_STR(p.paid_on, "2026-11-02");
	CHECK_INT(p.company_id, iva);
	CHECK_INT(p.amount, 9990);
	CHECK_STR(p.document, "П-18");
	CHECK(p.comment == NULL);
	store_payment_clear(&p);
	db_close(db);
}

TEST(test_csv_cp1251_semicolons_and_crlf_are_detected)
{
	struct db *db = fixture_open("t.db");
	struct import_stats st;
	struct so_err err = { 0 };
	struct payment p;
	char *text;
	int64_t rom;

	REQUIRE(db != NULL);
	rom = add_company(db, "ООО «Ромашка»");
	text = to_cp1251("Дата;Компания;Сумма;Комментарий\r\n"
	    "05.11.2026;ООО «Ромашка»;1 000,00;\"оплата №5,\r\nчастично\"\r\n"
	    "\r\n");
	REQUIRE(import(db, "payments", text, NULL, &st, &err) == SO_OK);
	CHECK_STR(err.msg, "");
	CHECK_INT(st.encoding, CSV_ENC_CP1251);
	CHECK_INT(st.sep, ';');
	CHECK_INT(st.imported, 1);
	REQUIRE(nth_payment(db, 0, &p) == SO_OK);
	CHECK_STR(p.paid_on, "2026-11-05");
	CHECK_INT(p.company_id, rom);
	CHECK_INT(p.amount, 100000);
	CHECK_STR(p.comment, "оплата №5,\nчастично");
	store_payment_clear(&p);
	free(text);
	db_close(db);
}

TEST(test_csv_utf8_bom_is_not_part_of_the_first_header)
{
	struct db *db = fixture_open("t.db");
	struct import_stats st;
	struct so_err err = { 0 };

	REQUIRE(db != NULL);
	REQUIRE(import(db, "companies", "\xef\xbb\xbfName;City\n"
	    "Ромашка;Казань\n", NULL, &st, &err) == SO_OK);
	CHECK_INT(st.encoding, CSV_ENC_UTF8);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies WHERE "
	    "name = 'Ромашка' AND city = 'Казань'"), 1);
	db_close(db);
}

TEST(test_csv_separator_is_the_most_frequent_outside_quotes)
{
	struct db *db = fixture_open("t.db");
	struct import_opts o = { 0 };
	struct import_stats st;
	struct so_err err = { 0 };

	REQUIRE(db != NULL);
	/* Three ';' inside quotes, two tabs outside. */
	REQUIRE(import(db, "companies", "\"Name;;;\"\tCity\tPhone\n"
	    "Ромашка\tКазань\t+7 843 000-00-00\n", &o, &st, &err) != SO_OK);
	CHECK_INT(st.sep, '\t');
	/* (the header "Name;;;" is no field) */
	CHECK(strstr(err.msg, "unknown column \"Name;;;\"") != NULL);
	REQUIRE(import(db, "companies", "Name\tCity,Region,Zone\n"
	    "Ромашка\tКазань,Татарстан\n", &o, &st, &err) != SO_OK);
	CHECK_INT(st.sep, ',');
	o.sep = '\t';
	o.map = "City\\,Region\\,Zone=city";
	REQUIRE(import(db, "companies", "Name\tCity,Region,Zone\n"
	    "Ромашка\tКазань,Татарстан\n", &o, &st, &err) == SO_OK);
	CHECK_INT(st.sep, '\t');
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies WHERE "
	    "name = 'Ромашка' AND city = 'Казань,Татарстан'"), 1);
	db_close(db);
}

TEST(test_csv_encoding_names)
{
	CHECK_INT(csv_encoding_parse("utf-8"), CSV_ENC_UTF8);
	CHECK_INT(csv_encoding_parse("UTF8"), CSV_ENC_UTF8);
	CHECK_INT(csv_encoding_parse("cp1251"), CSV_ENC_CP1251);
	CHECK_INT(csv_encoding_parse("Windows-1251"), CSV_ENC_CP1251);
	CHECK_INT(csv_encoding_parse("auto"), CSV_ENC_AUTO);
	CHECK_INT(csv_encoding_parse("koi8-r"), -1);
	CHECK_STR(csv_encoding_name(CSV_ENC_CP1251), "cp1251");
}

TEST(test_csv_forced_utf8_on_cp1251_and_undefined_cp1251_byte)
{
	struct db *db = fixture_open("t.db");
	struct import_opts o = { .encoding = CSV_ENC_UTF8 };
	struct import_stats st;
	struct so_err err = { 0 };
	char *text;

	REQUIRE(db != NULL);
	text = to_cp1251("Name;City\nРомашка;Казань\n");
	CHECK(import(db, "companies", text, &o, &st, &err) == SO_EINVAL);
	CHECK_STR(err.msg, "t.csv:2: column \"Name\" (name): not valid UTF-8 "
	    "text (is the file in CP1251? try --encoding cp1251)");
	free(text);
	/* 0x98 is the one byte CP1251 leaves undefined. */
	CHECK(import(db, "companies", "Name;City\nA\x98;B\n", NULL, &st,
	    &err) == SO_EINVAL);
	CHECK_INT(st.encoding, CSV_ENC_CP1251);
	CHECK_STR(err.msg, "t.csv:2: column \"Name\" (name): byte 0x98 is not "
	    "cp1251 text");
	CHECK_INT(count(db, "companies"), 0);
	db_close(db);
}

/* A Cyrillic letter cut by the 64 KiB read is still UTF-8, and lines
 * are counted across reads. */
TEST(test_csv_big_file_utf8_across_reads_and_line_numbers)
{
	struct db *db = fixture_open("t.db");
	struct strbuf b = { 0 };
	struct import_stats st;
	struct so_err err = { 0 };
	const char *path;
	size_t nx;
	FILE *f;
	int i;

	REQUIRE(db != NULL);
	sb_add(&b, "Название;Комментарий\n");
	sb_add(&b, "A;");
	nx = 65535 - b.len;
	while (b.len < 65535)
		sb_addc(&b, 'x');
	sb_add(&b, "ж\n");		/* bytes 65535 and 65536 */
	for (i = 0; i < 3000; i++)
		sb_printf(&b, "Компания %d;\"строка\nвторая\"\n", i);
	sb_add(&b, ";без названия\n");	/* line 3 + 6000 = 6003 */
	path = harness_path("big.csv");
	REQUIRE((f = fopen(path, "wb")) != NULL);
	fwrite(b.s, 1, b.len, f);
	fclose(f);
	CHECK(csv_import(db, &entity_company, path, NULL, &st, &err) ==
	    SO_EINVAL);
	CHECK_INT(st.encoding, CSV_ENC_UTF8);
	CHECK_INT(st.rows, 3002);
	CHECK(strstr(err.msg, "big.csv:6003: column \"Название\" (name): "
	    "required") != NULL);
	CHECK_INT(count(db, "companies"), 0);
	b.len -= strlen(";без названия\n");
	b.s[b.len] = '\0';
	REQUIRE((f = fopen(path, "wb")) != NULL);
	fwrite(b.s, 1, b.len, f);
	fclose(f);
	REQUIRE(csv_import(db, &entity_company, path, NULL, &st, &err) ==
	    SO_OK);
	CHECK_INT(st.imported, 3001);
	CHECK_INT(fixture_int(db, "SELECT length(comment) FROM companies "
	    "WHERE name = 'A' AND comment LIKE '%xж'"), nx + 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies WHERE "
	    "comment = 'строка' || char(10) || 'вторая'"), 3000);
	sb_free(&b);
	db_close(db);
}

/* ---- quoting ---- */

TEST(test_csv_quoted_newlines_and_doubled_quotes)
{
	struct db *db = fixture_open("t.db");
	struct import_stats st;
	struct so_err err = { 0 };
	struct company c;
	struct so_err gerr;

	REQUIRE(db != NULL);
	REQUIRE(import(db, "companies", "name,comment,city\n"
	    "\"ООО \"\"Ромашка\"\"\",\"первая строка\n\nтретья, с "
	    "запятой\",  Казань  \n", NULL, &st, &err) == SO_OK);
	REQUIRE(store_company_get(db, 1, &c, &gerr) == SO_OK);
	CHECK_STR(c.name, "ООО \"Ромашка\"");
	CHECK_STR(c.comment, "первая строка\n\nтретья, с запятой");
	CHECK_STR(c.city, "Казань");
	store_company_clear(&c);
	db_close(db);
}

TEST(test_csv_unbalanced_quote_names_the_line_the_field_starts)
{
	struct db *db = fixture_open("t.db");
	struct import_stats st;
	struct so_err err = { 0 };

	REQUIRE(db != NULL);
	CHECK(import(db, "companies", "name;city\nA;B\n\"C;D\nE;F\nG;H\n",
	    NULL, &st, &err) == SO_EINVAL);
	CHECK_STR(err.msg, "t.csv:3: a quote never closed: the quoted field "
	    "that starts on this line runs to the end of the file");
	CHECK_INT(count(db, "companies"), 0);
	/* A quote that comes later but is not followed by a separator. */
	CHECK(import(db, "companies", "name;city\nA;B\n\"C;D\nE\"F;G\n",
	    NULL, &st, &err) == SO_EINVAL);
	CHECK_STR(err.msg, "t.csv:4: a stray '\"' in the field that starts "
	    "on line 3 (a quote inside a field is written \"\")");
	CHECK(import(db, "companies", "name;city\nA\"B;C\n",
	    &(struct import_opts){ .strict = 1 }, &st, &err) == SO_EINVAL);
	CHECK_STR(err.msg, "t.csv:2: a stray '\"' in a field (a quote "
	    "inside a field is written \"\", and the field quoted)");
	CHECK_INT(count(db, "companies"), 0);
	db_close(db);
}

/* The lines repaired, as the callback heard of them. */
static void
heard(void *arg, const struct so_err *what)
{
	struct strbuf *b = arg;

	sb_printf(b, "%s\n", what->msg);
}

TEST(test_csv_bare_quotes_as_1c_writes_them_are_read_as_text)
{
	struct db *db = fixture_open("t.db");
	struct import_stats st;
	struct so_err err = { 0 };
	struct strbuf b = { 0 };
	struct import_opts o = { .repaired = heard, .arg = &b };
	struct company c;
	static const char text[] =
	    "name;city;comment\n"
	    "ООО \"Ромашка\";Казань;a\n"		/* 2: unquoted */
	    "\"ООО \"Вектор\"\";Москва;\"b\"\n"		/* 3: not doubled */
	    "\"ЗАО \"\"Север\"\"\";Уфа;\"две\nстроки\"\n"	/* 4-5: good */
	    "ИП \"Иванов\" и К;\"Тверь\" ;\"он сказал \"да\"\"\n"
	    "\"АО \"Восток\";Омск;\"c\"\"\"\n";			/* 7 */
	const char *const names[] = { "ООО \"Ромашка\"", "ООО \"Вектор\"",
	    "ЗАО \"Север\"", "ИП \"Иванов\" и К", "АО \"Восток\"" };
	const char *const cities[] = { "Казань", "Москва", "Уфа", "Тверь",
	    "Омск" };
	const char *const comments[] = { "a", "b", "две\nстроки",
	    "он сказал \"да\"", "c\"" };
	int i;

	REQUIRE(db != NULL);
	CHECK_INT(import(db, "companies", text, &o, &st, &err), SO_OK);
	CHECK_STR(err.msg, "");
	CHECK_INT(st.imported, 5);
	CHECK_INT(st.repaired, 4);
	CHECK_STR(sb_str(&b),
	    "t.csv:2: a quote inside a field, not doubled as \"\" (as 1C "
	    "writes a name in quotes): read as part of the text\n"
	    "t.csv:3: a quote inside a field, not doubled as \"\" (as 1C "
	    "writes a name in quotes): read as part of the text\n"
	    "t.csv:6: a quote inside a field, not doubled as \"\" (as 1C "
	    "writes a name in quotes): read as part of the text\n"
	    "t.csv:7: a quote inside a field, not doubled as \"\" (as 1C "
	    "writes a name in quotes): read as part of the text\n");
	for (i = 0; i < 5; i++) {
		struct so_err gerr = { 0 };

		REQUIRE(store_company_get(db, i + 1, &c, &gerr) == SO_OK);
		CHECK_STR(c.name, names[i]);
		CHECK_STR(c.city, cities[i]);
		CHECK_STR(c.comment, comments[i]);
		store_company_clear(&c);
	}
	/* strict: the first such line refused, nothing written */
	sb_free(&b);
	o.strict = 1;
	CHECK_INT(import(db, "companies", text, &o, &st, &err), SO_EINVAL);
	CHECK_STR(err.msg, "t.csv:2: a stray '\"' in a field (a quote "
	    "inside a field is written \"\", and the field quoted)");
	CHECK_INT(count(db, "companies"), 5);
	db_close(db);
}

TEST(test_csv_field_and_row_sizes_are_bounded)
{
	struct db *db = fixture_open("t.db");
	struct import_stats st;
	struct so_err err = { 0 };
	size_t i, n = CSV_MAX_FIELD + 100;
	char *text = xmalloc(n + 1);

	REQUIRE(db != NULL);
	memcpy(text, "name\n\"", 6);
	memset(text + 6, 'a', n - 6);
	text[n] = '\0';
	CHECK(csv_import_mem(db, &entity_company, "t.csv", text, n, NULL,
	    &st, &err) == SO_EINVAL);
	CHECK(strstr(err.msg, "t.csv:2: a field longer than") != NULL);
	free(text);
	/* Five fields of 4 MB each: too much for one row. */
	n = 5 + 5 * (CSV_MAX_FIELD - 10);
	text = xmalloc(n + 1);
	memset(text, 'a', n);
	memcpy(text, "name\n", 5);
	for (i = 1; i < 5; i++)
		text[5 + i * (CSV_MAX_FIELD - 10)] = ',';
	text[n] = '\0';
	CHECK(csv_import_mem(db, &entity_company, "t.csv", text, n, NULL,
	    &st, &err) == SO_EINVAL);
	CHECK(strstr(err.msg, "t.csv:2: a row longer than") != NULL);
	free(text);
	db_close(db);
}

TEST(test_csv_too_many_fields_and_empty_files)
{
	struct db *db = fixture_open("t.db");
	struct import_stats st;
	struct so_err err = { 0 };
	struct strbuf b = { 0 };
	int i;

	REQUIRE(db != NULL);
	CHECK(import(db, "companies", "name;city\nA;B;C\n", NULL, &st,
	    &err) == SO_EINVAL);
	CHECK_STR(err.msg, "t.csv:2: 3 fields, but the header has 2 columns");
	/* Trailing empty cells are what spreadsheets write: fine. */
	CHECK(import(db, "companies", "name;city\nA;B;;\n;;\nC\n", NULL, &st,
	    &err) == SO_OK);
	CHECK_INT(st.imported, 2);
	CHECK_INT(st.rows, 2);
	sb_add(&b, "name\nA");
	for (i = 0; i < CSV_MAX_COLUMNS + 5; i++)
		sb_addc(&b, ',');
	sb_addc(&b, '\n');
	CHECK(import(db, "companies", b.s, NULL, &st, &err) == SO_EINVAL);
	CHECK(strstr(err.msg, "t.csv:2: more than") != NULL);
	sb_free(&b);
	CHECK(import(db, "companies", "", NULL, &st, &err) == SO_EINVAL);
	CHECK_STR(err.msg, "t.csv: no header row (the file is empty)");
	CHECK(import(db, "companies", "\n \r\n;;\n", NULL, &st, &err) ==
	    SO_EINVAL);
	CHECK_STR(err.msg, "t.csv: no header row (the file is empty)");
	CHECK(import(db, "companies", "name\n", NULL, &st, &err) == SO_OK);
	CHECK_INT(st.imported, 0);
	db_close(db);
}

/* ---- mapping ---- */

TEST(test_csv_unknown_column_lists_the_fields)
{
	struct db *db = fixture_open("t.db");
	struct import_opts o = { 0 };
	struct import_stats st;
	struct so_err err = { 0 };

	REQUIRE(db != NULL);
	CHECK(import(db, "payments", "Сумма;Касса;Дата\n1;2;3\n", &o, &st,
	    &err) == SO_EINVAL);
	CHECK_STR(err.msg, "t.csv:1: unknown column \"Касса\"; payments have "
	    "paid_on, company_id, deal_id, amount, document, comment, kind, "
	    "units (or their English or Russian labels); use --map or "
	    "--ignore-unknown");
	CHECK(import(db, "payments", "A;B\n", &o, &st, &err) == SO_EINVAL);
	CHECK(strstr(err.msg, "t.csv:1: unknown columns \"A\", \"B\";") ==
	    err.msg);
	o.ignore_unknown = 1;
	add_company(db, "Ромашка");
	CHECK(import(db, "payments", "Сумма;Касса;Компания\n1;2;Ромашка\n",
	    &o, &st, &err) == SO_OK);
	CHECK_INT(fixture_int(db, "SELECT amount FROM payments"), 100);
	db_close(db);
}

TEST(test_csv_header_names_labels_and_names_without_id)
{
	struct db *db = fixture_open("t.db");
	struct import_stats st;
	struct so_err err = { 0 };
	struct contact c;

	REQUIRE(db != NULL);
	add_company(db, "Ромашка");
	REQUIRE(import(db, "contacts", "  ФАМИЛИЯ ;first name;company;"
	    "Рабочий   телефон;E-mail;Роль\n"
	    "Петров;Пётр;Ромашка;+7 843 111-22-33;p@example.ru;Decision "
	    "maker\n", NULL, &st, &err) == SO_OK);
	REQUIRE(store_contact_get(db, 1, &c, &err) == SO_OK);
	CHECK_STR(c.last_name, "Петров");
	CHECK_STR(c.first_name, "Пётр");
	CHECK_INT(c.company_id, 1);
	CHECK_STR(c.phone_work, "+7 843 111-22-33");
	CHECK_STR(c.email, "p@example.ru");
	CHECK_STR(c.role, "decision_maker");
	store_contact_clear(&c);
	db_close(db);
}

TEST(test_csv_map_overrides_the_header)
{
	struct db *db = fixture_open("t.db");
	struct import_opts o = { 0 };
	struct import_stats st;
	struct so_err err = { 0 };
	struct company c;

	REQUIRE(db != NULL);
	/* "Телефон" would be phone; the map makes it phone2, leaves
	 * "Примечание" out and names "Организация". */
	o.map = "Организация=name, телефон = Phone 2,Примечание=";
	REQUIRE(import(db, "companies", "Организация;Телефон;Примечание\n"
	    "Ромашка;+7 843 000;что угодно\n", &o, &st, &err) == SO_OK);
	REQUIRE(store_company_get(db, 1, &c, &err) == SO_OK);
	CHECK_STR(c.name, "Ромашка");
	CHECK(c.phone == NULL);
	CHECK_STR(c.phone2, "+7 843 000");
	CHECK(c.comment == NULL);
	store_company_clear(&c);
	o.map = "Организация=nosuch";
	CHECK(import(db, "companies", "Организация\nA\n", &o, &st, &err) ==
	    SO_EINVAL);
	CHECK_STR(err.msg, "--map: companies have no field \"nosuch\"");
	o.map = "Нет такой=name";
	CHECK(import(db, "companies", "Организация\nA\n", &o, &st, &err) ==
	    SO_EINVAL);
	CHECK_STR(err.msg, "t.csv: --map: no column \"Нет такой\" in the "
	    "header");
	o.map = "name";
	CHECK(import(db, "companies", "name\nA\n", &o, &st, &err) ==
	    SO_EINVAL);
	CHECK_STR(err.msg, "--map: \"name\" is not COLUMN=FIELD");
	CHECK_INT(count(db, "companies"), 1);
	db_close(db);
}

TEST(test_csv_read_only_and_doubled_fields_are_refused)
{
	struct db *db = fixture_open("t.db");
	struct import_stats st;
	struct so_err err = { 0 };

	REQUIRE(db != NULL);
	CHECK(import(db, "events", "Тема;UID;Начало\nA;x@y;today\n", NULL,
	    &st, &err) == SO_EINVAL);
	CHECK_STR(err.msg, "t.csv:1: column \"UID\" (uid): the field is "
	    "read-only");
	CHECK(import(db, "companies", "Название;name\nA;B\n", NULL, &st,
	    &err) == SO_EINVAL);
	CHECK_STR(err.msg, "t.csv:1: columns \"Название\" and \"name\" are "
	    "both name");
	CHECK_INT(count(db, "events"), 0);
	CHECK_INT(count(db, "companies"), 0);
	db_close(db);
}

/* Every card file takes a header of its own field names: nothing here
 * knows one entity from another. */
TEST(test_csv_every_entity_maps_its_field_names)
{
	struct db *db = fixture_open("t.db");
	struct import_stats st;
	struct so_err err = { 0 };
	int e, i;

	REQUIRE(db != NULL);
	for (e = 0; entities[e]; e++) {
		struct strbuf b = { 0 };

		for (i = 0; i < entities[e]->nfields; i++)
			if (!(entities[e]->fields[i].flags & F_READONLY))
				sb_printf(&b, "%s%s", b.len ? ";" : "",
				    entities[e]->fields[i].name);
		sb_addc(&b, '\n');
		if (import(db, entities[e]->table, b.s, NULL, &st, &err) !=
		    SO_OK)
			harness_fail(__FILE__, __LINE__, "%s: %s",
			    entities[e]->name, err.msg);
		sb_free(&b);
	}
	db_close(db);
}

/* ---- values ---- */

TEST(test_csv_empty_cells_keep_the_defaults)
{
	struct db *db = fixture_open("t.db");
	struct import_stats st;
	struct so_err err = { 0 };
	struct company c;

	REQUIRE(db != NULL);
	REQUIRE(import(db, "companies", "name;status;manager\nA;;\n"
	    "B;Customer;anna\n", NULL, &st, &err) == SO_OK);
	REQUIRE(store_company_get(db, 1, &c, &err) == SO_OK);
	CHECK_STR(c.status, "lead");
	CHECK_INT(c.manager_id, db_user_id(db));	/* the importer */
	store_company_clear(&c);
	REQUIRE(store_company_get(db, 2, &c, &err) == SO_OK);
	CHECK_STR(c.status, "customer");
	CHECK_INT(c.manager_id, db_user_id(db));	/* by login */
	store_company_clear(&c);
	db_close(db);
}

TEST(test_csv_bad_value_names_file_line_column_and_field)
{
	struct db *db = fixture_open("t.db");
	struct import_opts o = { .create_missing = 1 };
	struct import_stats st;
	struct so_err err = { 0 };

	REQUIRE(db != NULL);
	add_company(db, "Ромашка");
	/* Row 4 starts on line 5: row 3 spans lines 3 and 4.  Row 2 would
	 * create a company: it must go too. */
	CHECK(import(db, "payments", "Компания;Сумма;Комментарий\n"
	    "Новая;1;\n"
	    "Ромашка;2;\"две\nстроки\"\n"
	    "Ромашка;12,3,4;\n"
	    "Ромашка;5;\n", &o, &st, &err) == SO_EINVAL);
	CHECK_STR(err.msg, "t.csv:5: column \"Сумма\" (amount): not an amount "
	    "(write it like 1234.50): \"12,3,4\"");
	CHECK_STR(err.field, "amount");
	CHECK_INT(count(db, "payments"), 0);
	CHECK_INT(count(db, "companies"), 1);
	CHECK_INT(count(db, "audit_log WHERE entity = 'payment'"), 0);
	/* A rule of validation (not parsing) and a required field with no
	 * column. */
	CHECK(import(db, "companies", "name;email\nA;no-at-sign\n", NULL,
	    &st, &err) == SO_EINVAL);
	CHECK_STR(err.msg, "t.csv:2: column \"email\" (email): not an e-mail "
	    "address: \"no-at-sign\"");
	CHECK(import(db, "payments", "Компания\nРомашка\n", NULL, &st,
	    &err) == SO_EINVAL);
	CHECK_STR(err.msg, "t.csv:2: field amount (no column): required");
	CHECK(import(db, "payments", "Компания;Сумма\n#99;1\n", NULL, &st,
	    &err) == SO_EINVAL);
	CHECK_STR(err.msg, "t.csv:2: column \"Компания\" (company_id): no "
	    "company #99");
	CHECK_INT(count(db, "payments"), 0);
	db_close(db);
}

struct skips {
	int		 n;
	char		 msg[8][512];
};

static void
collect(void *arg, const struct so_err *why)
{
	struct skips *s = arg;

	if (s->n < 8)
		snprintf(s->msg[s->n], sizeof(s->msg[0]), "%s", why->msg);
	s->n++;
}

TEST(test_csv_skip_bad_leaves_out_bad_rows_and_their_companies)
{
	struct db *db = fixture_open("t.db");
	struct skips sk = { 0 };
	struct import_opts o = { .skip_bad = 1, .create_missing = 1,
	    .skipped = collect, .arg = &sk };
	struct import_stats st;
	struct so_err err = { 0 };
	struct payment p;

	REQUIRE(db != NULL);
	add_company(db, "Ромашка");
	REQUIRE(import(db, "payments", "Компания;Сумма;Дата;Сделка\n"
	    "Ромашка;10;01.11.2026\n"
	    "Новая;xx;01.11.2026\n"
	    "Ромашка;20;31.02.2026\n"
	    "Третья;;03.11.2026\n"
	    "Четвёртая;1;03.11.2026;#99\n"
	    "Другая;30;02.11.2026\n", &o, &st, &err) == SO_OK);
	CHECK_INT(st.imported, 2);
	CHECK_INT(st.skipped, 4);
	CHECK_INT(st.created, 1);
	CHECK_INT(sk.n, 4);
	CHECK_STR(sk.msg[0], "t.csv:3: column \"Сумма\" (amount): not an "
	    "amount (write it like 1234.50): \"xx\"");
	CHECK(strstr(sk.msg[1], "t.csv:4: column \"Дата\" (paid_on): ") ==
	    sk.msg[1]);
	/* Found by validation, not parsing: after the company would be
	 * created if it were created first. */
	CHECK_STR(sk.msg[2], "t.csv:5: column \"Сумма\" (amount): required");
	CHECK_STR(sk.msg[3], "t.csv:6: column \"Сделка\" (deal_id): no deal "
	    "#99");
	/* "Новая", "Третья" and "Четвёртая" were on skipped rows: not
	 * created.  "Другая" was. */
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies WHERE "
	    "name IN ('Новая', 'Третья', 'Четвёртая')"), 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies WHERE "
	    "name = 'Другая'"), 1);
	REQUIRE(nth_payment(db, 1, &p) == SO_OK);
	CHECK_INT(p.amount, 3000);
	CHECK_INT(p.company_id, fixture_int(db, "SELECT id FROM companies "
	    "WHERE name = 'Другая'"));
	CHECK_STR(p.paid_on, "2026-11-02");
	store_payment_clear(&p);
	db_close(db);
}

/* ---- references ---- */

TEST(test_csv_references_by_name_any_case_or_by_id)
{
	struct db *db = fixture_open("t.db");
	struct import_stats st;
	struct so_err err = { 0 };
	struct contact c;
	int64_t rom, iva;

	REQUIRE(db != NULL);
	rom = add_company(db, "ООО «Ромашка»");
	iva = add_company(db, "Иванов и партнёры");
	REQUIRE(import(db, "contacts", "Фамилия,Компания,Менеджер\n"
	    "Петров,  ооо «РОМАШКА» ,anna\n"
	    "Сидоров,#2,\n"
	    "Козлов,2,\n", NULL, &st, &err) == SO_OK);
	CHECK_STR(err.msg, "");
	REQUIRE(store_contact_get(db, 1, &c, &err) == SO_OK);
	CHECK_STR(c.last_name, "Петров");
	CHECK_INT(c.company_id, rom);
	CHECK_INT(c.manager_id, db_user_id(db));
	store_contact_clear(&c);
	REQUIRE(store_contact_get(db, 2, &c, &err) == SO_OK);
	CHECK_INT(c.company_id, iva);
	store_contact_clear(&c);
	REQUIRE(store_contact_get(db, 3, &c, &err) == SO_OK);
	CHECK_INT(c.company_id, iva);
	store_contact_clear(&c);
	/* A contact's history starts at the imported company. */
	CHECK_INT(fixture_int(db, "SELECT company_id FROM contact_jobs WHERE "
	    "contact_id = 1"), rom);
	db_close(db);
}

TEST(test_csv_reference_not_found_or_ambiguous)
{
	struct db *db = fixture_open("t.db");
	struct import_stats st;
	struct so_err err = { 0 };

	REQUIRE(db != NULL);
	add_company(db, "Ромашка");
	add_company(db, "РОМАШКА");
	add_company(db, "Лютик");
	CHECK(import(db, "contacts", "Фамилия;Компания\nПетров;ромашка\n",
	    NULL, &st, &err) == SO_EINVAL);
	CHECK_STR(err.msg, "t.csv:2: column \"Компания\" (company_id): 2 "
	    "companies are named \"ромашка\"; give the id as #N instead");
	CHECK(import(db, "contacts", "Фамилия;Компания\nПетров;Василёк\n",
	    NULL, &st, &err) == SO_EINVAL);
	CHECK_STR(err.msg, "t.csv:2: column \"Компания\" (company_id): no "
	    "company named \"Василёк\" (--create-missing creates it)");
	CHECK(import(db, "contacts", "Фамилия;Менеджер\nПетров;boris\n",
	    NULL, &st, &err) == SO_EINVAL);
	CHECK_STR(err.msg, "t.csv:2: column \"Менеджер\" (manager_id): no "
	    "user named \"boris\"");
	CHECK(import(db, "deals", "Сделка;Этап\nПоставка;Нет такого\n",
	    NULL, &st, &err) == SO_EINVAL);
	CHECK_STR(err.msg, "t.csv:2: column \"Этап\" (stage_id): no deal "
	    "stage named \"Нет такого\"");
	/* A deleted company is no longer a name. */
	REQUIRE(store_company_delete(db, 3, &err) == SO_OK);
	CHECK(import(db, "contacts", "Фамилия;Компания\nПетров;Лютик\n",
	    NULL, &st, &err) == SO_EINVAL);
	CHECK(strstr(err.msg, "no company named \"Лютик\"") != NULL);
	CHECK_INT(count(db, "contacts"), 0);
	db_close(db);
}

TEST(test_csv_create_missing_makes_each_company_once)
{
	struct db *db = fixture_open("t.db");
	struct import_opts o = { .create_missing = 1 };
	struct import_stats st;
	struct so_err err = { 0 };
	struct company c;

	REQUIRE(db != NULL);
	REQUIRE(import(db, "contacts", "Фамилия;Компания\n"
	    "Петров;ООО Василёк\n"
	    "Сидоров;ооо василёк\n"
	    "Козлов;\n", &o, &st, &err) == SO_OK);
	CHECK_INT(st.imported, 3);
	CHECK_INT(st.created, 1);
	CHECK_INT(count(db, "companies"), 1);
	REQUIRE(store_company_get(db, 1, &c, &err) == SO_OK);
	CHECK_STR(c.name, "ООО Василёк");
	CHECK_STR(c.status, "lead");
	store_company_clear(&c);
	CHECK_INT(count(db, "contacts WHERE company_id = 1"), 2);
	CHECK_INT(count(db, "contacts WHERE company_id IS NULL"), 1);
	/* Only companies: a manager is not made up. */
	CHECK(import(db, "companies", "Название;Менеджер\nA;boris\n", &o,
	    &st, &err) == SO_EINVAL);
	CHECK(strstr(err.msg, "no user named \"boris\"") != NULL);
	db_close(db);
}

TEST(test_csv_dry_run_changes_nothing)
{
	struct db *db = fixture_open("t.db");
	struct import_opts o = { .dry_run = 1, .create_missing = 1 };
	struct import_stats st;
	struct so_err err = { 0 };
	unsigned long long sum0, sum1;
	long long size0, size1;
	char *wal;

	REQUIRE(db != NULL);
	add_company(db, "Ромашка");
	REQUIRE(db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", &err) ==
	    SO_OK);
	wal = xasprintf("%s-wal", harness_path("t.db"));
	sum0 = fixture_file_sum(harness_path("t.db"), &size0) ^
	    fixture_file_sum(wal, &size1);
	REQUIRE(import(db, "payments", "Компания;Сумма\nРомашка;1\n"
	    "Новая;2\n", &o, &st, &err) == SO_OK);
	CHECK_INT(st.imported, 2);
	CHECK_INT(st.created, 1);
	CHECK_INT(count(db, "payments"), 0);
	CHECK_INT(count(db, "companies"), 1);
	sum1 = fixture_file_sum(harness_path("t.db"), &size0) ^
	    fixture_file_sum(wal, &size1);
	CHECK(sum0 == sum1);
	free(wal);
	db_close(db);
}
