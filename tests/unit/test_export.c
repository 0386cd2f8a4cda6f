/* CSV export: quoting, formula neutralising, paging through big lists. */
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
		{ "+7 843 555", "\"'+7 843 555\"" },
		{ "-5", "\"'-5\"" },
		{ "@SUM(A1)", "\"'@SUM(A1)\"" },
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
