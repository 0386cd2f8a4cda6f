/*
 * The reports in Russian (base/i18n.h), from the catalogue make builds
 * (BUILD_LOCALEDIR): titles, headings, column names, totals, the meta
 * lines (a day written out, "01.11.2026 - 30.11.2026"), money with a
 * decimal comma, "страница N из M" in the text writer's header, the
 * CSV's numbers quoted for their comma, HTML that says its language;
 * and English again, unchanged, after i18n_set_lang("en").
 *
 * Each test switches to Russian, checks in a helper (a REQUIRE there
 * returns to the test) and switches back, so a failure leaves the
 * tests after it in English.
 */
#define _GNU_SOURCE		/* open_memstream */
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "fixture.h"
#include "harness.h"
#include "report/report.h"
#include "worlds.h"

/* Russian from the catalogue built beside the tests; 0 on success. */
static int
russian(void)
{
	bindtextdomain("salesorg", BUILD_LOCALEDIR);
	bind_textdomain_codeset("salesorg", "UTF-8");
	textdomain("salesorg");
	return i18n_set_lang("ru");
}

static void
english(void)
{
	i18n_set_lang("en");
}

/* d written in format fmt (caller frees), NULL when it failed. */
static char *
written(const struct doc *d, enum doc_format fmt,
    const struct doc_layout *lo)
{
	struct so_err err = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	if ((f = open_memstream(&buf, &len)) == NULL)
		return NULL;
	rc = doc_write(d, fmt, lo, f, NULL, &err);
	fclose(f);
	if (rc != SO_OK) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void
sales(struct world_reports *w)
{
	static const struct doc_layout lo = DOC_LAYOUT_DEFAULT;
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct doc d;
	char *s;

	world_query(&q, "2026-11-01", "2026-11-30", 0, 1);
	REQUIRE(report_sales(w->db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.title, "Результаты продаж");
	CHECK_STR(d.period, "01.11.2026 - 30.11.2026");
	CHECK_STR(d.user, "все менеджеры");
	CHECK_STR(d.generated, "составлен 23.11.2026 09:00 пользователем "
	    "anna");
	CHECK(fixture_doc_has_text(&d, "Результаты за период по менеджерам"));
	CHECK(fixture_doc_has_text(&d, "Воронка сейчас: отдел"));
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_STR(t->cols[0].label, "Менеджер");
	CHECK_STR(t->cols[5].label, "Платежи");
	CHECK_ROW(t, 0, "anna|1|100 000,00|1|50 000,00|46 000,00|50,0%");
	CHECK_ROW(t, 3, "Итого|1|100 000,00|2|70 000,00|53 000,00|33,3%");
	REQUIRE((t = fixture_doc_table(&d, 1)) != NULL);
	CHECK_STR(t->cols[0].label, "Этап");
	CHECK_ROW(t, 4, "Итого|2|80 000,00");

	/* The CSV: words in Russian, a number with its comma quoted and
	 * without its group spaces, so a Russian spreadsheet adds it up. */
	REQUIRE((s = written(&d, DOC_CSV, NULL)) != NULL);
	CHECK(strstr(s, "Результаты продаж\r\n") == s);
	CHECK(strstr(s, "Период,01.11.2026 - 30.11.2026\r\n") != NULL);
	CHECK(strstr(s, "Менеджер,Выигр.,\"Выигр., сумма\",") != NULL);
	CHECK(strstr(s, "anna,1,\"100000,00\",1,\"50000,00\",\"46000,00\","
	    "\"50,0%\"\r\n") != NULL);
	free(s);

	/* Text: the page header in Russian, the page number flush right
	 * at the line's display width (not its bytes). */
	REQUIRE((s = written(&d, DOC_TEXT, &lo)) != NULL);
	CHECK(strstr(s, "страница 1 из 1\n") != NULL);
	CHECK(strstr(s, "page 1 of") == NULL);
	CHECK(strstr(s, "Период: 01.11.2026 - 30.11.2026   Пользователь: все "
	    "менеджеры") != NULL);
	*strchr(s, '\n') = '\0';
	CHECK_INT(utf8_width(s), 80);
	CHECK(strncmp(s, "Результаты продаж ", strlen("Результаты продаж "))
	    == 0);
	free(s);

	REQUIRE((s = written(&d, DOC_HTML, NULL)) != NULL);
	CHECK(strstr(s, "<html lang=\"ru\">") != NULL);
	CHECK(strstr(s, "<p class=\"period\">Период: 01.11.2026") != NULL);
	CHECK(strstr(s, "<th class=\"right\">Платежи</th>") != NULL);
	free(s);
	doc_free(&d);
}

TEST(test_report_russian_sales_in_every_format)
{
	struct world_reports w;

	REQUIRE(world_reports(&w, "ru-sales.db"));
	REQUIRE(russian() == 0);
	sales(&w);
	english();
	db_close(w.db);
}

static void
journal(struct world_reports *w)
{
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t = NULL;
	struct doc d;
	int n;

	/* Monday 23 November: the day written out in the header. */
	world_query(&q, "2026-11-23", "2026-11-23", 0, 0);
	REQUIRE(report_journal(w->db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.title, "Рабочий журнал");
	CHECK_STR(d.period, "понедельник, 23 ноября 2026");
	CHECK(fixture_doc_has_text(&d, "Касания, запланированные на день"));
	CHECK(fixture_doc_has_text(&d, "Касаний не запланировано."));
	CHECK(fixture_doc_has_text(&d, "Журнал звонков"));
	CHECK(fixture_doc_has_text(&d, "Итоги"));
	/* the totals, the last table */
	for (n = 0; fixture_doc_table(&d, n) != NULL; n++)
		t = fixture_doc_table(&d, n);
	REQUIRE(n > 0);
	CHECK_STR(t->cols[0].label, "Запланировано");
	CHECK_STR(t->cols[3].label, "Назначено встреч");
	doc_free(&d);

	/* Key clients: a touch's date in a table as 10.11.2026. */
	world_query(&q, "", "2026-11-23", 0, 1);
	REQUIRE(report_keyclients(w->db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.title, "Ключевые клиенты");
	CHECK_STR(d.period, "по 23.11.2026");
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_STR(t->cols[1].label, "Должность");
	CHECK(strstr(t->rows[0].cells[0], "последнее касание: 10.11.2026 ")
	    != NULL);
	doc_free(&d);
}

TEST(test_report_russian_journal_and_dates)
{
	struct world_reports w;

	REQUIRE(world_reports(&w, "ru-journal.db"));
	REQUIRE(russian() == 0);
	journal(&w);
	english();
	db_close(w.db);
}

static void
pieces(void)
{
	char buf[64];

	report_money(123456789, buf, sizeof(buf));
	CHECK_STR(buf, "1 234 567,89");
	report_money(-50000, buf, sizeof(buf));
	CHECK_STR(buf, "-500,00");
	report_date("2026-11-23", buf, sizeof(buf));
	CHECK_STR(buf, "23.11.2026");
	report_date("", buf, sizeof(buf));
	CHECK_STR(buf, "");
	report_moment(FIXTURE_NOW, buf, sizeof(buf));
	CHECK_STR(buf, "23.11.2026 09:00");
	report_month("2026-11", buf, sizeof(buf));
	CHECK_STR(buf, "ноябрь 2026");
	report_day_long("2026-11-23", buf, sizeof(buf));
	CHECK_STR(buf, "понедельник, 23 ноября 2026");
}

TEST(test_report_russian_pieces_and_english_again)
{
	struct world_reports w;
	struct report_query q;
	struct so_err err = { 0 };
	struct doc d;
	char buf[64];

	REQUIRE(russian() == 0);
	pieces();
	english();
	/* English as it always was. */
	report_money(123456789, buf, sizeof(buf));
	CHECK_STR(buf, "1 234 567.89");
	report_date("2026-11-23", buf, sizeof(buf));
	CHECK_STR(buf, "2026-11-23");
	report_month("2026-11", buf, sizeof(buf));
	CHECK_STR(buf, "2026-11");
	report_day_long("2026-11-23", buf, sizeof(buf));
	CHECK_STR(buf, "2026-11-23");
	REQUIRE(world_reports(&w, "ru-back.db"));
	world_query(&q, "2026-11-01", "2026-11-30", 0, 1);
	REQUIRE(report_sales(w.db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.title, "Sales results");
	CHECK_STR(d.user, "all managers");
	CHECK_ROW(fixture_doc_table(&d, 0), 3,
	    "Total|1|100 000.00|2|70 000.00|53 000.00|33.3%");
	doc_free(&d);
	db_close(w.db);
}
