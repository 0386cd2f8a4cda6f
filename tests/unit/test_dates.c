/*
 * Dates typed naturally, in Moscow time, on Monday 2026-11-23 09:00.
 * Expected values are written out, not computed with the parser.
 */
#include <stdlib.h>
#include <string.h>

#include "datetime.h"
#include "harness.h"

#define NOW	((time_t)1795413600)	/* 2026-11-23 09:00 MSK, Monday */

static const char *
moment(const char *text)
{
	static char out[17];
	static char msg[200];
	time_t t;

	setenv("TZ", "Europe/Moscow", 1);
	tzset();
	if (dt_parse_moment(text, NOW, &t, msg, sizeof(msg)) != 0)
		return msg;
	dt_format_moment(t, out);
	return out;
}

static const char *
date(const char *text)
{
	static char out[11];
	static char msg[200];

	setenv("TZ", "Europe/Moscow", 1);
	tzset();
	if (dt_parse_date(text, NOW, out, msg, sizeof(msg)) != 0)
		return msg;
	return out;
}

TEST(test_parse_iso_and_russian_forms)
{
	CHECK_STR(moment("2026-12-01 14:30"), "2026-12-01 14:30");
	CHECK_STR(moment("2026-12-01T14:30"), "2026-12-01 14:30");
	CHECK_STR(moment("2026-12-01"), "2026-12-01 00:00");
	CHECK_STR(moment("01.12.2026 9:05"), "2026-12-01 09:05");
	CHECK_STR(moment("01.12"), "2026-12-01 00:00");
	CHECK_STR(moment("  14:30  "), "2026-11-23 14:30");
}

TEST(test_parse_words_in_english_and_russian_any_case)
{
	CHECK_STR(moment("tomorrow 10:00"), "2026-11-24 10:00");
	CHECK_STR(moment("Завтра 10:00"), "2026-11-24 10:00");
	CHECK_STR(moment("ВЧЕРА"), "2026-11-22 00:00");
	CHECK_STR(moment("today 18:15"), "2026-11-23 18:15");
	CHECK_STR(moment("now"), "2026-11-23 09:00");
	CHECK_STR(moment("сейчас"), "2026-11-23 09:00");
}

TEST(test_weekday_means_the_next_one_not_today)
{
	CHECK_STR(moment("fri 9:30"), "2026-11-27 09:30");
	CHECK_STR(moment("пт"), "2026-11-27 00:00");
	CHECK_STR(moment("mon"), "2026-11-30 00:00");	/* today is Monday */
	CHECK_STR(moment("Sunday 12:00"), "2026-11-29 12:00");
}

TEST(test_relative_offsets)
{
	CHECK_STR(moment("+3d"), "2026-11-26 00:00");
	CHECK_STR(moment("+3д 11:00"), "2026-11-26 11:00");
	CHECK_STR(moment("+2w"), "2026-12-07 00:00");
	CHECK_STR(moment("-1d"), "2026-11-22 00:00");
	CHECK_STR(moment("+2h"), "2026-11-23 11:00");
	CHECK_STR(moment("+30min"), "2026-11-23 09:30");
	CHECK_STR(moment("+1m"), "2026-12-23 00:00");
}

TEST(test_relative_month_clamps_to_month_end)
{
	char out[11], msg[100];
	time_t jan31;

	setenv("TZ", "Europe/Moscow", 1);
	tzset();
	/* 2027-01-31 12:00 MSK */
	jan31 = (time_t)1801386000;
	CHECK_INT(dt_parse_date("+1m", jan31, out, msg, sizeof(msg)), 0);
	CHECK_STR(out, "2027-02-28");
}

TEST(test_parse_rejects_impossible_dates_and_times)
{
	CHECK(strstr(moment("2026-02-30"), "not in February") != NULL);
	CHECK(strstr(moment("2026-13-01"), "month 13") != NULL);
	CHECK(strstr(moment("25:00"), "not a time of day") != NULL);
	CHECK(strstr(moment("tomorrow 10:75"), "not a time of day") != NULL);
	CHECK(strstr(moment("someday"), "not a date") != NULL);
	CHECK(strstr(moment("+3q"), "unknown unit") != NULL);
	CHECK(strstr(moment(""), "empty") != NULL);
	CHECK(strstr(moment("1 2 3"), "too many words") != NULL);
}

TEST(test_dates_have_no_time_and_are_validated)
{
	CHECK_STR(date("2026-12-01"), "2026-12-01");
	CHECK_STR(date("01.12.2026"), "2026-12-01");
	CHECK_STR(date("tomorrow"), "2026-11-24");
	CHECK(strstr(date("tomorrow 10:00"), "no time of day") != NULL);
	CHECK(dt_valid_date("2028-02-29"));
	CHECK(!dt_valid_date("2026-02-29"));
	CHECK(!dt_valid_date("2026-2-3"));
	CHECK(!dt_valid_date("01.12.2026"));
}

TEST(test_day_start_is_local_midnight)
{
	char out[17];

	setenv("TZ", "Europe/Moscow", 1);
	tzset();
	dt_format_moment(dt_day_start(NOW), out);
	CHECK_STR(out, "2026-11-23 00:00");
}
