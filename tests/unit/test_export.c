/*
 * The CSV export (exchange/export.c): quoting and formula neutralising
 * of a field, paging through a list longer than a page; the Excel
 * dialect: the exact CP1251 bytes, ';' and CRLF; quoting; a character
 * CP1251 lacks stopping the export with the record, field and U+XXXX
 * named and no file left behind; formulas neutralised in text fields
 * only, in both dialects.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "exchange/export.h"
#include "fixture.h"
#include "harness.h"
#include "store/entities.h"

static char *
field_csv(const char *s)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	export_csv_field(f, s);
	fclose(f);
	return buf;
}

TEST(test_csv_field_quotes_separators_quotes_and_newlines)
{
	static const char *const cases[][2] = {
		{ "plain", "plain" },
		{ "ООО «Ромашка»", "ООО «Ромашка»" },
		{ "a,b", "\"a,b\"" },
		{ "a;b", "\"a;b\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
		{ "two\nlines", "\"two\nlines\"" },
		{ "", "" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = field_csv(cases[i][0]);

		CHECK_STR(got, cases[i][1]);
		free(got);
	}
}

TEST(test_csv_field_neutralises_formulas)
{
	static const char *const cases[][2] = {
		{ "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"" },
		/* a phone or a number runs nothing: no quote that Calc
		 * would show */
		{ "+7 843 555", "+7 843 555" },
		{ "+7 (843) 123-45-67", "+7 (843) 123-45-67" },
		{ "-5", "-5" },
		{ "-1 234,50", "\"-1 234,50\"" },
		/* what could run something still is guarded */
		{ "+SUM(A1)", "\"'+SUM(A1)\"" },
		{ "=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\"" },
		{ "+7 843 555 доб. 12", "\"'+7 843 555 доб. 12\"" },
		{ "-2+3", "\"'-2+3\"" },
		{ "+", "\"'+\"" },
		{ "=1", "\"'=1\"" },
		{ "@SUM(A1)", "\"'@SUM(A1)\"" },
		/* a lone "-" (a report's "none") is no formula */
		{ "-", "-" },
		{ "--", "\"'--\"" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = field_csv(cases[i][0]);

		CHECK_STR(got, cases[i][1]);
		free(got);
	}
}

TEST(test_export_pages_through_more_rows_than_a_page)
{
	struct db *db = fixture_open("t.db");
	struct list_query q = { .sort = -1 };
	struct so_err err;
	struct company c;
	char *buf = NULL;
	size_t n = 0, lines = 0, i;
	int64_t rows;
	FILE *f;

	REQUIRE(db != NULL);
	db_begin(db, &err);
	for (i = 0; i < 1234; i++) {
		store_company_init(&c);
		c.name = xasprintf("Компания %04zu", i);
		if (store_company_create(db, &c, &err) != SO_OK)
			harness_fail(__FILE__, __LINE__, "%s", err.msg);
		store_company_clear(&c);
	}
	db_commit(db, &err);
	f = open_memstream(&buf, &n);
	CHECK_INT(export_csv(db, &entity_company, &q, f, &rows, &err), SO_OK);
	fclose(f);
	CHECK_INT(rows, 1234);
	for (i = 0; i < n; i++)
		lines += buf[i] == '\n';
	CHECK_INT(lines, 1235);
	CHECK(strncmp(buf, "Name,Legal name,City,", 21) == 0);
	CHECK(strstr(buf, "\r\nКомпания 0000,") != NULL);
	CHECK(strstr(buf, "\r\nКомпания 1233,") != NULL);
	free(buf);
	db_close(db);
}

/* A writer into memory: open, then done() for the bytes. */
struct mem {
	char		*buf;
	size_t		 len;
	FILE		*f;
	struct export_writer w;
};

static int
mem_open(struct mem *m, enum export_dialect d)
{
	struct so_err err;

	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	return export_writer_init(&m->w, m->f, d, &err);
}

static char *
mem_done(struct mem *m)
{
	export_writer_free(&m->w);
	fclose(m->f);
	return m->buf;
}

/* One text value as a row of its own, in dialect d. */
static char *
one(enum export_dialect d, const char *v, int text)
{
	struct so_err err;
	struct mem m;

	if (mem_open(&m, d) != SO_OK)
		return NULL;
	export_writer_add(&m.w, v, text, &err);
	export_writer_end(&m.w, &err);
	return mem_done(&m);
}

TEST(test_export_excel_cyrillic_row_is_cp1251_with_semicolons_and_crlf)
{
	struct so_err err;
	struct mem m;
	char *got;

	REQUIRE(mem_open(&m, EXPORT_EXCEL) == SO_OK);
	CHECK_INT(export_writer_add(&m.w, "ООО «Ромашка»", 1, &err), SO_OK);
	CHECK_INT(export_writer_add(&m.w, "Казань", 1, &err), SO_OK);
	CHECK_INT(export_writer_add(&m.w, "", 1, &err), SO_OK);
	CHECK_INT(export_writer_add(&m.w, "1234.50", 0, &err), SO_OK);
	CHECK_INT(export_writer_add(&m.w, "№5 ёлка", 1, &err), SO_OK);
	CHECK_INT(export_writer_end(&m.w, &err), SO_OK);
	CHECK_INT(export_writer_add(&m.w, "Щ", 1, &err), SO_OK);
	CHECK_INT(export_writer_end(&m.w, &err), SO_OK);
	got = mem_done(&m);
	CHECK_STR(got,
	    "\xCE\xCE\xCE \xAB\xD0\xEE\xEC\xE0\xF8\xEA\xE0\xBB;"
	    "\xCA\xE0\xE7\xE0\xED\xFC;;1234.50;\xB9" "5 \xB8\xEB\xEA\xE0\r\n"
	    "\xD9\r\n");
	free(got);
}

TEST(test_export_excel_utf8_dialect_keeps_commas_and_utf8)
{
	struct so_err err;
	struct mem m;
	char *got;

	REQUIRE(mem_open(&m, EXPORT_UTF8) == SO_OK);
	export_writer_add(&m.w, "Казань", 1, &err);
	export_writer_add(&m.w, "中文", 1, &err);
	export_writer_end(&m.w, &err);
	got = mem_done(&m);
	CHECK_STR(got, "Казань,中文\r\n");
	free(got);
}

TEST(test_export_excel_quotes_separator_quote_and_newline)
{
	char *got = one(EXPORT_EXCEL, "а;б \"в\"\r\nг, д", 1);

	CHECK_STR(got, "\"\xE0;\xE1 \"\"\xE2\"\"\r\n\xE3, \xE4\"\r\n");
	free(got);
}

TEST(test_export_excel_unmappable_character_is_an_error_not_a_substitute)
{
	struct so_err err;
	struct mem m;
	char *got;

	REQUIRE(mem_open(&m, EXPORT_EXCEL) == SO_OK);
	CHECK_INT(export_writer_add(&m.w, "Пекин", 1, &err), SO_OK);
	CHECK_INT(export_writer_add(&m.w, "Бэйцзин 北京", 1, &err),
	    SO_EINVAL);
	CHECK(strstr(err.msg, "\"北\" (U+5317)") != NULL);
	CHECK_INT(export_writer_add(&m.w, "€ — «» № ё", 1, &err), SO_OK);
	CHECK_INT(export_writer_add(&m.w, "Café", 1, &err), SO_EINVAL);
	CHECK(strstr(err.msg, "\"é\" (U+00E9)") != NULL);
	CHECK_INT(export_writer_add(&m.w, "Straße", 1, &err), SO_EINVAL);
	CHECK(strstr(err.msg, "U+00DF") != NULL);
	CHECK_INT(export_writer_add(&m.w, "ok 😀", 1, &err), SO_EINVAL);
	CHECK(strstr(err.msg, "U+1F600") != NULL);
	got = mem_done(&m);
	/* the row was never ended: nothing of it was written */
	CHECK_INT(m.len, 0);
	free(got);
}

/* A company in a fresh database, named name; its id. */
static int64_t
add_company(struct db *db, const char *name, const char *city)
{
	struct so_err err;
	struct company c;
	int64_t id = 0;

	store_company_init(&c);
	c.name = xstrdup(name);
	c.city = xstrdup(city);
	if (db_begin(db, &err) != SO_OK ||
	    store_company_create(db, &c, &err) != SO_OK ||
	    db_commit(db, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "%s", err.msg);
	else
		id = c.meta.id;
	store_company_clear(&c);
	return id;
}

/* Files in the test's directory whose name contains part. */
static int
files_like(const char *part)
{
	struct dirent *e;
	DIR *d = opendir(harness_tmpdir());
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		n += strstr(e->d_name, part) != NULL;
	closedir(d);
	return n;
}

TEST(test_export_excel_unmappable_names_record_field_and_writes_no_file)
{
	struct db *db = fixture_open("t.db");
	struct list_query q = { .sort = -1 };
	struct so_err err;
	char msg[600];
	const char *path;
	int64_t rows, id;
	FILE *f;

	REQUIRE(db != NULL);
	add_company(db, "ООО Альфа", "Казань");
	id = add_company(db, "Бета 有限公司", "Москва");
	path = harness_path("out.csv");
	CHECK_INT(export_csv_file(db, &entity_company, &q, EXPORT_EXCEL, path,
	    &rows, &err), SO_EINVAL);
	snprintf(msg, sizeof(msg), "company %lld, field \"name\" (Название): "
	    "\"有\" (U+6709) has no CP1251 code", (long long)id);
	CHECK_STR(err.msg, msg);
	CHECK((f = fopen(path, "r")) == NULL);
	if (f)
		fclose(f);
	CHECK_INT(files_like("out.csv"), 0);	/* no temporary left */

	/* an older file of that name stays as it was */
	f = fopen(path, "w");
	REQUIRE(f != NULL);
	fputs("old\n", f);
	fclose(f);
	CHECK_INT(export_csv_file(db, &entity_company, &q, EXPORT_EXCEL, path,
	    &rows, &err), SO_EINVAL);
	{
		char line[16] = "";

		f = fopen(path, "r");
		REQUIRE(f != NULL);
		CHECK(fgets(line, sizeof(line), f) != NULL);
		fclose(f);
		CHECK_STR(line, "old\n");
	}
	CHECK_INT(files_like("out.csv"), 1);

	/* in UTF-8 the same list exports */
	CHECK_INT(export_csv_file(db, &entity_company, &q, EXPORT_UTF8, path,
	    &rows, &err), SO_OK);
	CHECK_INT(rows, 2);
	CHECK_INT(files_like("out.csv"), 1);
	db_close(db);
}

TEST(test_export_excel_whole_list_has_russian_header_and_crlf_rows)
{
	struct db *db = fixture_open("t.db");
	struct list_query q = { .sort = -1 };
	struct so_err err;
	char *buf = NULL;
	size_t n = 0;
	int64_t rows;
	FILE *f;

	REQUIRE(db != NULL);
	add_company(db, "Альфа", "Казань");
	f = open_memstream(&buf, &n);
	CHECK_INT(export_csv_dialect(db, &entity_company, &q, EXPORT_EXCEL, f,
	    &rows, &err), SO_OK);
	fclose(f);
	CHECK_INT(rows, 1);
	/* Название;Юридическое название;Город; */
	CHECK(strncmp(buf, "\xCD\xE0\xE7\xE2\xE0\xED\xE8\xE5;\xDE\xF0\xE8\xE4"
	    "\xE8\xF7\xE5\xF1\xEA\xEE\xE5 \xED\xE0\xE7\xE2\xE0\xED\xE8\xE5;"
	    "\xC3\xEE\xF0\xEE\xE4;", 36) == 0);
	/* Альфа;;Казань; */
	CHECK(strstr(buf, "\r\n\xC0\xEB\xFC\xF4\xE0;;\xCA\xE0\xE7\xE0\xED\xFC;")
	    != NULL);
	CHECK(n > 2 && buf[n - 2] == '\r' && buf[n - 1] == '\n');
	free(buf);
	db_close(db);
}

TEST(test_export_excel_negative_money_is_a_number_not_a_formula)
{
	const struct entity *ent = &entity_payment;
	struct payment p;
	struct so_err err;
	struct mem m;
	char *got;
	int d;

	for (d = EXPORT_UTF8; d <= EXPORT_EXCEL; d++) {
		memset(&p, 0, sizeof(p));
		p.meta.id = 7;
		p.amount = -50000;
		p.document = "-5";
		REQUIRE(mem_open(&m, (enum export_dialect)d) == SO_OK);
		CHECK_INT(export_writer_value(&m.w, ent,
		    entity_field(ent, "amount"), &p, &err), SO_OK);
		CHECK_INT(export_writer_value(&m.w, ent,
		    entity_field(ent, "document"), &p, &err), SO_OK);
		CHECK_INT(export_writer_value(&m.w, ent, EXPORT_ID, &p, &err),
		    SO_OK);
		export_writer_end(&m.w, &err);
		got = mem_done(&m);
		/* a text field holding a number is no formula either */
		CHECK_STR(got, d == EXPORT_EXCEL ? "-500.00;-5;7\r\n" :
		    "-500.00,-5,7\r\n");
		free(got);
	}
	CHECK(export_is_number(ent, entity_field(ent, "amount")));
	CHECK(!export_is_number(ent, entity_field(ent, "document")));
}

TEST(test_export_excel_formulas_neutralised_in_text_fields_both_dialects)
{
	static const char *const cases[][3] = {
		/* value, UTF-8, Excel (all ASCII: the same bytes) */
		{ "=SUM(A1)", "\"'=SUM(A1)\"\r\n", "\"'=SUM(A1)\"\r\n" },
		{ "+7 495 123-45-67", "+7 495 123-45-67\r\n",
		    "+7 495 123-45-67\r\n" },
		{ "+SUM(A1)", "\"'+SUM(A1)\"\r\n", "\"'+SUM(A1)\"\r\n" },
		{ "@x", "\"'@x\"\r\n", "\"'@x\"\r\n" },
		{ "\tx", "\"'\tx\"\r\n", "\"'\tx\"\r\n" },
		{ "\rx", "\"'\rx\"\r\n", "\"'\rx\"\r\n" },
		{ "-x", "\"'-x\"\r\n", "\"'-x\"\r\n" },
		{ "x=1", "x=1\r\n", "x=1\r\n" },
	};
	size_t i;
	char *got;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = one(EXPORT_UTF8, cases[i][0], 1);
		CHECK_STR(got, cases[i][1]);
		free(got);
		got = one(EXPORT_EXCEL, cases[i][0], 1);
		CHECK_STR(got, cases[i][2]);
		free(got);
		/* a number field's value is left alone */
		got = one(EXPORT_EXCEL, "-500.00", 0);
		CHECK_STR(got, "-500.00\r\n");
		free(got);
	}
}

TEST(test_export_excel_formula_in_a_company_name_is_neutralised)
{
	const struct entity *ent = &entity_company;
	struct company c;
	struct so_err err;
	struct mem m;
	char *got;

	memset(&c, 0, sizeof(c));
	c.meta.id = 3;
	c.name = "=HYPERLINK(\"http://x\";\"Ромашка\")";
	c.phone = "+7 495 000-00-00";
	REQUIRE(mem_open(&m, EXPORT_EXCEL) == SO_OK);
	CHECK_INT(export_writer_value(&m.w, ent, entity_field(ent, "name"), &c,
	    &err), SO_OK);
	CHECK_INT(export_writer_value(&m.w, ent, entity_field(ent, "phone"), &c,
	    &err), SO_OK);
	export_writer_end(&m.w, &err);
	got = mem_done(&m);
	CHECK_STR(got, "\"'=HYPERLINK(\"\"http://x\"\";\"\"\xD0\xEE\xEC\xE0\xF8"
	    "\xEA\xE0\"\")\";+7 495 000-00-00\r\n");
	free(got);
}
