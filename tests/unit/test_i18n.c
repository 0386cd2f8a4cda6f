/*
 * Tests for src/base/i18n.c: dates and money in the language of the
 * messages, English by default and Russian after i18n_set_lang("ru")
 * with the catalogue built by make (BUILD_LOCALEDIR), back to English,
 * and an unknown language refused with nothing changed.  Times are of
 * Moscow (TZ set here and put back), worked out with date(1).
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/i18n.h"
#include "harness.h"

/* Saturday 2026-12-05 10:00 Moscow. */
#define SAT_1000	((time_t)1796454000)

static char *saved_tz;

static void
moscow(void)
{
	const char *tz = getenv("TZ");

	saved_tz = tz ? strdup(tz) : NULL;
	setenv("TZ", "Europe/Moscow", 1);
	tzset();
}

static void
back(void)
{
	if (saved_tz)
		setenv("TZ", saved_tz, 1);
	else
		unsetenv("TZ");
	free(saved_tz);
	saved_tz = NULL;
	tzset();
	i18n_set_lang("en");
}

static void
bind_catalogue(void)
{
	bindtextdomain("salesorg", BUILD_LOCALEDIR);
	bind_textdomain_codeset("salesorg", "UTF-8");
	textdomain("salesorg");
}

TEST(test_i18n_english_by_default)
{
	char buf[64];

	moscow();
	bind_catalogue();
	CHECK_STR(i18n_lang(), "en");
	i18n_date_long(SAT_1000, buf, sizeof(buf));
	CHECK_STR(buf, "Saturday, 5 December 2026");
	i18n_date_day(SAT_1000, buf, sizeof(buf));
	CHECK_STR(buf, "Saturday 5 December");
	i18n_date_short(SAT_1000, buf, sizeof(buf));
	CHECK_STR(buf, "2026-12-05");
	i18n_money(123456750, 1, buf, sizeof(buf));
	CHECK_STR(buf, "1 234 567.50");
	i18n_money(-100000, 0, buf, sizeof(buf));
	CHECK_STR(buf, "-1 000");
	back();
}

TEST(test_i18n_russian_dates_and_money)
{
	char buf[64];

	moscow();
	bind_catalogue();
	REQUIRE(i18n_set_lang("ru") == 0);
	CHECK_STR(i18n_lang(), "ru");
	i18n_date_long(SAT_1000, buf, sizeof(buf));
	CHECK_STR(buf, "суббота, 5 декабря 2026");
	i18n_date_day(SAT_1000 + 86400, buf, sizeof(buf));
	CHECK_STR(buf, "воскресенье 6 декабря");
	i18n_date_short(SAT_1000, buf, sizeof(buf));
	CHECK_STR(buf, "05.12.2026");
	CHECK_STR(i18n_month(4), "май");
	CHECK_STR(i18n_weekday_abbr(1), "пн");
	i18n_money(123456750, 1, buf, sizeof(buf));
	CHECK_STR(buf, "1 234 567,50");
	i18n_money(5, 0, buf, sizeof(buf));
	CHECK_STR(buf, "0,05");
	/* and back */
	REQUIRE(i18n_set_lang("en") == 0);
	CHECK_STR(i18n_lang(), "en");
	i18n_date_day(SAT_1000, buf, sizeof(buf));
	CHECK_STR(buf, "Saturday 5 December");
	back();
}

TEST(test_i18n_unknown_language_changes_nothing)
{
	moscow();
	bind_catalogue();
	REQUIRE(i18n_set_lang("ru") == 0);
	CHECK_INT(i18n_set_lang("de"), -1);
	CHECK_INT(i18n_set_lang(""), -1);
	CHECK_STR(i18n_lang(), "ru");
	back();
	CHECK_STR(i18n_lang(), "en");
}
