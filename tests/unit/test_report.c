/* What the reports share: money on paper, periods, the report table, the
 * meta lines, saving all or nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "report/report.h"

TEST(test_report_money_groups_thousands)
{
	static const struct {
		long long	 v;
		const char	*s;
	} cases[] = {
		{ 0, "0.00" }, { 5, "0.05" }, { 100, "1.00" },
		{ 123456, "1 234.56" }, { 99999999, "999 999.99" },
		{ 123456789, "1 234 567.89" }, { -50000, "-500.00" },
		{ -123456789, "-1 234 567.89" },
		{ 922337203685477580LL, "9 223 372 036 854 775.80" },
	};
	char buf[48];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		report_money(cases[i].v, buf, sizeof(buf));
		CHECK_STR(buf, cases[i].s);
	}
}

TEST(test_report_period_day_week_month_quarter_year)
{
	/* FIXTURE_NOW: Monday 2026-11-23 09:00, Moscow. */
	static const struct {
		char		 kind;
		int		 offset;
		const char	*from, *to;
	} cases[] = {
		{ 'd', 0, "2026-11-23", "2026-11-23" },
		{ 'd', -1, "2026-11-22", "2026-11-22" },
		{ 'w', 0, "2026-11-23", "2026-11-29" },
		{ 'w', -1, "2026-11-16", "2026-11-22" },
		{ 'w', 5, "2026-12-28", "2027-01-03" },
		{ 'm', 0, "2026-11-01", "2026-11-30" },
		{ 'm', -9, "2026-02-01", "2026-02-28" },
		{ 'm', 2, "2027-01-01", "2027-01-31" },
		{ 'q', 0, "2026-10-01", "2026-12-31" },
		{ 'q', -1, "2026-07-01", "2026-09-30" },
		{ 'q', 1, "2027-01-01", "2027-03-31" },
		{ 'y', 0, "2026-01-01", "2026-12-31" },
		{ 'y', -2, "2024-01-01", "2024-12-31" },
		{ 'a', 0, "", "2026-11-23" },
	};
	char from[11], to[11];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK_INT(report_period(cases[i].kind, FIXTURE_NOW,
		    cases[i].offset, from, to), 0);
		CHECK_STR(from, cases[i].from);
		CHECK_STR(to, cases[i].to);
	}
	/* A Sunday belongs to the week that began on the Monday before. */
	CHECK_INT(report_period('w', FIXTURE_NOW - 86400, 0, from, to), 0);
	CHECK_STR(from, "2026-11-16");
	CHECK_INT(report_period('x', FIXTURE_NOW, 0, from, to), -1);
	CHECK_INT(report_period_kind("quarter"), 'q');
	CHECK_INT(report_period_kind("fortnight"), 0);
}

TEST(test_report_table_names_every_report)
{
	static const char *const names[] = { "journal", "activity",
	    "meeting", "follow-up", "sales", "audit", "key-clients" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		CHECK(report_find(names[i]) != NULL);
		if (report_find(names[i]))
			CHECK(report_find(names[i])->build != NULL);
	}
	CHECK(report_find("followup") == report_find("follow-up"));
	CHECK(report_find("nonsense") == NULL);
	CHECK_STR(reports[0].name, "journal");
}

TEST(test_report_begin_names_period_and_user)
{
	struct db *db = fixture_open("rb.db");
	struct report_query q;
	struct so_err err;
	struct doc d;

	memset(&q, 0, sizeof(q));
	strcpy(q.from, "2026-11-01");
	strcpy(q.to, "2026-11-30");
	q.now = FIXTURE_NOW;
	CHECK_INT(report_begin(db, &q, "Test", &d, &err), SO_OK);
	CHECK_STR(d.title, "Test");
	CHECK_STR(d.period, "2026-11-01 - 2026-11-30");
	CHECK_STR(d.user, "anna");
	CHECK_STR(d.generated, "made 2026-11-23 09:00 by anna");
	doc_free(&d);
	q.all = 1;
	strcpy(q.to, "2026-11-01");
	CHECK_INT(report_begin(db, &q, "Test", &d, &err), SO_OK);
	CHECK_STR(d.period, "2026-11-01");
	CHECK_STR(d.user, "all managers");
	doc_free(&d);
	q.all = 0;
	q.user_id = 999;
	CHECK_INT(report_begin(db, &q, "Test", &d, &err), SO_ENOTFOUND);
	db_close(db);
}

TEST(test_report_save_is_all_or_nothing)
{
	static const struct doc_layout lo = DOC_LAYOUT_DEFAULT;
	struct doc_col cols[] = { { "Name", DOC_LEFT, 0, 0 } };
	struct so_err err;
	struct doc d;
	char *path, *bad;
	long long size = 0;
	int pages = 0;
	FILE *f;

	doc_init(&d, "Saved");
	doc_rowv(doc_table(&d, cols, 1), DOC_ROW, "ООО «Ромашка»");
	path = xstrdup(harness_path("r.txt"));
	CHECK_INT(report_save(&d, -1, &lo, path, &pages, &err), SO_OK);
	CHECK_INT(pages, 1);
	CHECK(fixture_file_sum(path, &size) != 0 && size > 0);
	/* By extension: .csv is CSV (the title on the first line). */
	free(path);
	path = xstrdup(harness_path("r.csv"));
	CHECK_INT(report_save(&d, -1, &lo, path, &pages, &err), SO_OK);
	if ((f = fopen(path, "r")) != NULL) {
		char line[64] = "";

		CHECK(fgets(line, sizeof(line), f) != NULL);
		CHECK(strncmp(line, "Saved", 5) == 0);
		fclose(f);
	} else
		CHECK(!"r.csv written");
	CHECK_INT(report_format_of_path("a/b.pdf"), DOC_PDF);
	CHECK_INT(report_format_of_path("a.htm"), DOC_HTML);
	CHECK_INT(report_format_of_path("a.b/c"), -1);
	/* A directory that does not exist: an error naming the file. */
	bad = xstrdup(harness_path("no/such/dir/r.txt"));
	CHECK(report_save(&d, DOC_TEXT, &lo, bad, &pages, &err) != SO_OK);
	CHECK(strstr(err.msg, "no/such/dir") != NULL);
	free(bad);
	free(path);
	doc_free(&d);
}
