/*
 * Tests for src/base/datetime.c: every input form the header promises, in
 * English and Russian and in any case, the errors for impossible dates and
 * times, month clamping, the day arithmetic across daylight-saving
 * changes, and hostile text (fixture_hostile) parsed or explained.  Each
 * test sets TZ itself and parses against a fixed "now"; the
 * expected dates and Unix times were worked out with date(1), not with
 * the code under test.  TZ is put back afterwards so that other tests see
 * the environment they started with.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/datetime.h"
#include "base/utf8.h"
#include "fixture.h"
#include "harness.h"
#include "store/db.h"

/* Monday 2026-11-23 09:00 in Moscow (UTC+3 all year). */
#define MON_0900	((time_t)1795413600)
/* Friday 2026-11-27 15:00 Moscow. */
#define FRI_1500	((time_t)1795780800)
/* Thursday 2026-12-31 23:50 Moscow. */
#define NYE_2350	((time_t)1798750200)
/* Sunday 2027-01-31 12:00 Moscow. */
#define JAN31_2027	((time_t)1801386000)
/* Monday 2028-01-31 12:00 Moscow (2028 is a leap year). */
#define JAN31_2028	((time_t)1832922000)
/* Tuesday 2026-03-31 12:00 Moscow. */
#define MAR31_2026	((time_t)1774947600)
/* Saturday 2026-03-28 12:00 Berlin, CET; clocks go forward next night. */
#define BERLIN_SPRING	((time_t)1774695600)
/* Saturday 2026-10-24 12:00 Berlin, CEST; clocks go back next night. */
#define BERLIN_AUTUMN	((time_t)1792836000)

static char	*saved_tz;
static int	 had_tz;

static void
tz_push(const char *tz)
{
	const char *old = getenv("TZ");

	had_tz = old != NULL;
	saved_tz = old ? strdup(old) : NULL;
	setenv("TZ", tz, 1);
	tzset();
}

static void
tz_pop(void)
{
	if (had_tz && saved_tz != NULL)
		setenv("TZ", saved_tz, 1);
	else
		unsetenv("TZ");
	free(saved_tz);
	saved_tz = NULL;
	tzset();
}

/*
 * Parses text as a moment at now and returns it formatted, or "! " and
 * the error message.  The result lives until the next call.
 */
static const char *
moment_at(const char *text, time_t now)
{
	static char buf[300];
	char msg[256], out[17];
	time_t t;

	msg[0] = '\0';
	if (dt_parse_moment(text, now, &t, msg, sizeof(msg)) != 0) {
		snprintf(buf, sizeof(buf), "! %s", msg);
		return buf;
	}
	dt_format_moment(t, out);
	snprintf(buf, sizeof(buf), "%s", out);
	return buf;
}

static const char *
date_at(const char *text, time_t now)
{
	static char buf[300];
	char msg[256], out[11];

	msg[0] = '\0';
	if (dt_parse_date(text, now, out, msg, sizeof(msg)) != 0) {
		snprintf(buf, sizeof(buf), "! %s", msg);
		return buf;
	}
	snprintf(buf, sizeof(buf), "%s", out);
	return buf;
}

#define moment(text)	moment_at((text), MON_0900)
#define date(text)	date_at((text), MON_0900)

/* The error for text contains want (and is an error at all). */
#define CHECK_ERR(got, want) do {					\
	const char *g_ = (got);						\
	if (g_[0] != '!' || strstr(g_, (want)) == NULL)			\
		harness_fail(__FILE__, __LINE__, "%s == \"%s\", expected " \
		    "an error with \"%s\"", #got, g_, (want));		\
} while (0)

/* Parses text at now into a raw time_t; -1 on a parse error. */
static time_t
raw_at(const char *text, time_t now)
{
	char msg[256];
	time_t t;

	if (dt_parse_moment(text, now, &t, msg, sizeof(msg)) != 0)
		return (time_t)-1;
	return t;
}

/* ---- absolute forms ---- */

TEST(test_parse_iso_date_and_time)
{
	tz_push("Europe/Moscow");
	CHECK_STR(moment("2026-12-01 14:30"), "2026-12-01 14:30");
	CHECK_INT(raw_at("2026-12-01 14:30", MON_0900), 1796124600);
	CHECK_STR(moment("2027-02-28 23:59"), "2027-02-28 23:59");
	CHECK_STR(moment("2026-1-5 9:05"), "2026-01-05 09:05");
	tz_pop();
}

TEST(test_parse_iso_with_t_separator)
{
	tz_push("Europe/Moscow");
	CHECK_STR(moment("2026-12-01T14:30"), "2026-12-01 14:30");
	CHECK_STR(moment("2026-12-01t14:30"), "2026-12-01 14:30");
	tz_pop();
}

TEST(test_parse_date_alone_is_midnight)
{
	tz_push("Europe/Moscow");
	CHECK_STR(moment("2026-12-01"), "2026-12-01 00:00");
	CHECK_STR(moment("01.12.2026"), "2026-12-01 00:00");
	tz_pop();
}

TEST(test_parse_dotted_date_with_year)
{
	tz_push("Europe/Moscow");
	CHECK_STR(moment("01.12.2026 14:30"), "2026-12-01 14:30");
	CHECK_STR(moment("1.2.2027 9:05"), "2027-02-01 09:05");
	CHECK_STR(moment("31.12.26"), "2026-12-31 00:00");	/* 20xx */
	tz_pop();
}

TEST(test_parse_dotted_date_without_year_is_this_year)
{
	tz_push("Europe/Moscow");
	CHECK_STR(moment("01.12"), "2026-12-01 00:00");
	CHECK_STR(moment("15.03 10:00"), "2026-03-15 10:00");	/* past */
	tz_pop();
}

TEST(test_parse_time_alone_is_today)
{
	tz_push("Europe/Moscow");
	CHECK_STR(moment("14:30"), "2026-11-23 14:30");
	CHECK_STR(moment("9:05"), "2026-11-23 09:05");
	CHECK_STR(moment("00:00"), "2026-11-23 00:00");
	CHECK_STR(moment("23:59"), "2026-11-23 23:59");
	tz_pop();
}

TEST(test_parse_ignores_surrounding_blanks)
{
	tz_push("Europe/Moscow");
	CHECK_STR(moment("  14:30  "), "2026-11-23 14:30");
	CHECK_STR(moment("\ttomorrow   10:00\n"), "2026-11-24 10:00");
	tz_pop();
}

/* ---- day words ---- */

TEST(test_parse_today_tomorrow_yesterday)
{
	tz_push("Europe/Moscow");
	CHECK_STR(moment("today"), "2026-11-23 00:00");
	CHECK_STR(moment("tomorrow"), "2026-11-24 00:00");
	CHECK_STR(moment("yesterday"), "2026-11-22 00:00");
	tz_pop();
}

TEST(test_parse_russian_day_words)
{
	tz_push("Europe/Moscow");
	CHECK_STR(moment("сегодня"), "2026-11-23 00:00");
	CHECK_STR(moment("завтра"), "2026-11-24 00:00");
	CHECK_STR(moment("вчера"), "2026-11-22 00:00");
	CHECK_STR(moment("послезавтра"), "2026-11-25 00:00");
	tz_pop();
}

TEST(test_parse_tomorrow_with_time)
{
	tz_push("Europe/Moscow");
	CHECK_STR(moment("tomorrow 10:00"), "2026-11-24 10:00");
	CHECK_STR(moment("завтра 10:00"), "2026-11-24 10:00");
	CHECK_STR(moment("today 18:15"), "2026-11-23 18:15");
	CHECK_STR(moment("вчера 7:45"), "2026-11-22 07:45");
	CHECK_INT(raw_at("tomorrow 10:00", MON_0900), 1795413600 + 25 * 3600);
	tz_pop();
}

TEST(test_parse_is_case_insensitive_in_both_languages)
{
	tz_push("Europe/Moscow");
	CHECK_STR(moment("TOMORROW"), "2026-11-24 00:00");
	CHECK_STR(moment("Tomorrow 10:00"), "2026-11-24 10:00");
	CHECK_STR(moment("ЗАВТРА"), "2026-11-24 00:00");
	CHECK_STR(moment("Завтра 10:00"), "2026-11-24 10:00");
	CHECK_STR(moment("ВчЕрА"), "2026-11-22 00:00");
	CHECK_STR(moment("FRI"), "2026-11-27 00:00");
	CHECK_STR(moment("ПТ"), "2026-11-27 00:00");
	CHECK_STR(moment("Пятница"), "2026-11-27 00:00");
	CHECK_STR(moment("СЕЙЧАС"), "2026-11-23 09:00");
	CHECK_STR(moment("+3Д"), "2026-11-26 00:00");
	CHECK_STR(moment("+30MIN"), "2026-11-23 09:30");
	tz_pop();
}

TEST(test_parse_now_is_the_current_moment)
{
	tz_push("Europe/Moscow");
	CHECK_INT(raw_at("now", MON_0900), MON_0900);
	CHECK_INT(raw_at("сейчас", MON_0900), MON_0900);
	/* "now" keeps the seconds; it is not rounded to the minute */
	CHECK_INT(raw_at("now", MON_0900 + 37), MON_0900 + 37);
	tz_pop();
}

TEST(test_parse_rejects_a_time_after_an_exact_moment)
{
	tz_push("Europe/Moscow");
	CHECK_ERR(moment("now 10:00"), "no time can follow \"now\"");
	CHECK_ERR(moment("сейчас 10:00"), "no time can follow");
	CHECK_ERR(moment("+2h 10:00"), "no time can follow");
	tz_pop();
}

/* ---- weekdays ---- */

TEST(test_weekday_english_short_names)
{
	tz_push("Europe/Moscow");		/* today is Monday the 23rd */
	CHECK_STR(moment("tue"), "2026-11-24 00:00");
	CHECK_STR(moment("wed"), "2026-11-25 00:00");
	CHECK_STR(moment("thu"), "2026-11-26 00:00");
	CHECK_STR(moment("fri"), "2026-11-27 00:00");
	CHECK_STR(moment("sat"), "2026-11-28 00:00");
	CHECK_STR(moment("sun"), "2026-11-29 00:00");
	CHECK_STR(moment("mon"), "2026-11-30 00:00");
	tz_pop();
}

TEST(test_weekday_english_long_names)
{
	tz_push("Europe/Moscow");
	CHECK_STR(moment("monday"), "2026-11-30 00:00");
	CHECK_STR(moment("tuesday"), "2026-11-24 00:00");
	CHECK_STR(moment("wednesday"), "2026-11-25 00:00");
	CHECK_STR(moment("thursday"), "2026-11-26 00:00");
	CHECK_STR(moment("friday"), "2026-11-27 00:00");
	CHECK_STR(moment("saturday"), "2026-11-28 00:00");
	CHECK_STR(moment("Sunday 12:00"), "2026-11-29 12:00");
	tz_pop();
}

TEST(test_weekday_russian_names)
{
	tz_push("Europe/Moscow");
	CHECK_STR(moment("пн"), "2026-11-30 00:00");
	CHECK_STR(moment("вт"), "2026-11-24 00:00");
	CHECK_STR(moment("ср"), "2026-11-25 00:00");
	CHECK_STR(moment("чт"), "2026-11-26 00:00");
	CHECK_STR(moment("пт"), "2026-11-27 00:00");
	CHECK_STR(moment("сб"), "2026-11-28 00:00");
	CHECK_STR(moment("вс"), "2026-11-29 00:00");
	CHECK_STR(moment("среда 11:00"), "2026-11-25 11:00");
	tz_pop();
}

TEST(test_weekday_with_time)
{
	tz_push("Europe/Moscow");
	CHECK_STR(moment("fri 9:30"), "2026-11-27 09:30");
	CHECK_STR(moment("пт 18:00"), "2026-11-27 18:00");
	tz_pop();
}

TEST(test_weekday_excludes_today)
{
	tz_push("Europe/Moscow");		/* Friday the 27th, 15:00 */
	CHECK_STR(moment_at("fri", FRI_1500), "2026-12-04 00:00");
	CHECK_STR(moment_at("пт 10:00", FRI_1500), "2026-12-04 10:00");
	CHECK_STR(moment_at("sat", FRI_1500), "2026-11-28 00:00");
	CHECK_STR(moment_at("thu", FRI_1500), "2026-12-03 00:00");
	tz_pop();
}

/* ---- relative offsets ---- */

TEST(test_relative_days_and_weeks)
{
	tz_push("Europe/Moscow");
	CHECK_STR(moment("+3d"), "2026-11-26 00:00");
	CHECK_STR(moment("+0d"), "2026-11-23 00:00");
	CHECK_STR(moment("-1d"), "2026-11-22 00:00");
	CHECK_STR(moment("+2w"), "2026-12-07 00:00");
	CHECK_STR(moment("-1w"), "2026-11-16 00:00");
	CHECK_STR(moment("+10d"), "2026-12-03 00:00");
	tz_pop();
}

TEST(test_relative_hours_and_minutes_are_exact)
{
	tz_push("Europe/Moscow");
	CHECK_STR(moment("+2h"), "2026-11-23 11:00");
	CHECK_STR(moment("-2h"), "2026-11-23 07:00");
	CHECK_STR(moment("+30min"), "2026-11-23 09:30");
	CHECK_INT(raw_at("+2h", MON_0900 + 59), MON_0900 + 59 + 7200);
	CHECK_INT(raw_at("+90min", MON_0900), MON_0900 + 5400);
	tz_pop();
}

TEST(test_relative_russian_units)
{
	tz_push("Europe/Moscow");
	CHECK_STR(moment("+3д"), "2026-11-26 00:00");
	CHECK_STR(moment("+2н"), "2026-12-07 00:00");
	CHECK_STR(moment("+1м"), "2026-12-23 00:00");
	CHECK_STR(moment("+2ч"), "2026-11-23 11:00");
	CHECK_STR(moment("+30мин"), "2026-11-23 09:30");
	CHECK_STR(moment("-1д"), "2026-11-22 00:00");
	tz_pop();
}

TEST(test_relative_offset_with_time)
{
	tz_push("Europe/Moscow");
	CHECK_STR(moment("+3d 11:00"), "2026-11-26 11:00");
	CHECK_STR(moment("+3д 11:00"), "2026-11-26 11:00");
	CHECK_STR(moment("+1w 9:00"), "2026-11-30 09:00");
	tz_pop();
}

TEST(test_relative_month_keeps_the_day)
{
	tz_push("Europe/Moscow");
	CHECK_STR(moment("+1m"), "2026-12-23 00:00");
	CHECK_STR(moment("+2m"), "2027-01-23 00:00");		/* new year */
	CHECK_STR(moment("-11m"), "2025-12-23 00:00");
	CHECK_STR(moment("+12m 10:00"), "2027-11-23 10:00");
	tz_pop();
}

TEST(test_relative_month_clamps)
{
	tz_push("Europe/Moscow");
	CHECK_STR(date_at("+1m", JAN31_2027), "2027-02-28");
	CHECK_STR(date_at("+1m", JAN31_2028), "2028-02-29");	/* leap */
	CHECK_STR(date_at("+1m", MAR31_2026), "2026-04-30");
	CHECK_STR(date_at("-1m", MAR31_2026), "2026-02-28");
	CHECK_STR(date_at("+2m", JAN31_2027), "2027-03-31");	/* no drift */
	CHECK_STR(moment_at("+1м 10:00", JAN31_2027), "2027-02-28 10:00");
	tz_pop();
}

TEST(test_relative_days_cross_month_and_year)
{
	tz_push("Europe/Moscow");		/* 2026-12-31 23:50 */
	CHECK_STR(moment_at("+1d", NYE_2350), "2027-01-01 00:00");
	CHECK_STR(moment_at("tomorrow", NYE_2350), "2027-01-01 00:00");
	CHECK_STR(moment_at("+10min", NYE_2350), "2027-01-01 00:00");
	CHECK_STR(moment_at("+61d", NYE_2350), "2027-03-02 00:00");
	CHECK_STR(date_at("+20min", NYE_2350), "2027-01-01");
	tz_pop();
}

/* ---- daylight saving (Berlin: 2026-03-29 02:00 -> 03:00, 2026-10-25
 * 03:00 -> 02:00) ---- */

TEST(test_day_offsets_keep_the_wall_clock_across_dst)
{
	tz_push("Europe/Berlin");
	CHECK_STR(moment_at("+1d 10:00", BERLIN_SPRING), "2026-03-29 10:00");
	CHECK_INT(raw_at("+1d 10:00", BERLIN_SPRING), 1774771200);
	CHECK_INT(raw_at("tomorrow", BERLIN_SPRING), 1774738800);
	CHECK_STR(moment_at("+1d 12:00", BERLIN_AUTUMN), "2026-10-25 12:00");
	CHECK_INT(raw_at("+1d 12:00", BERLIN_AUTUMN), 1792926000);
	CHECK_INT(raw_at("tomorrow", BERLIN_AUTUMN), 1792879200);
	tz_pop();
}

TEST(test_hour_offsets_are_elapsed_time_across_dst)
{
	tz_push("Europe/Berlin");
	/* the spring day has 23 hours, the autumn day 25 */
	CHECK_STR(moment_at("+24h", BERLIN_SPRING), "2026-03-29 13:00");
	CHECK_STR(moment_at("+24h", BERLIN_AUTUMN), "2026-10-25 11:00");
	tz_pop();
}

/* ---- errors ---- */

TEST(test_parse_rejects_feb_30)
{
	tz_push("Europe/Moscow");
	CHECK_ERR(moment("2026-02-30"), "day 30 is not in February");
	CHECK_ERR(moment("30.02.2026"), "day 30 is not in February");
	CHECK_ERR(moment("30.02"), "day 30 is not in February");
	CHECK_ERR(date("2026-02-30"), "day 30 is not in February");
	tz_pop();
}

TEST(test_parse_rejects_feb_29_outside_leap_years)
{
	tz_push("Europe/Moscow");
	CHECK_ERR(moment("29.02.2026"), "day 29 is not in February 2026");
	CHECK_STR(moment("29.02.2028"), "2028-02-29 00:00");
	CHECK_STR(moment("2000-02-29"), "2000-02-29 00:00");	/* 400 */
	CHECK_ERR(moment("2100-02-29"), "not in February");	/* 100 */
	tz_pop();
}

TEST(test_parse_rejects_impossible_days_and_months)
{
	tz_push("Europe/Moscow");
	CHECK_ERR(moment("2026-04-31"), "day 31 is not in April");
	CHECK_ERR(moment("2026-12-00"), "day 0 is not in December");
	CHECK_ERR(moment("2026-13-01"), "month 13 does not exist");
	CHECK_ERR(moment("2026-00-10"), "month 0 does not exist");
	CHECK_ERR(moment("01.13.2026"), "month 13 does not exist");
	tz_pop();
}

TEST(test_parse_rejects_hour_25_and_minute_60)
{
	tz_push("Europe/Moscow");
	CHECK_ERR(moment("25:00"), "25:00 is not a time of day");
	CHECK_ERR(moment("24:00"), "not a time of day");
	CHECK_ERR(moment("12:60"), "not a time of day");
	CHECK_ERR(moment("tomorrow 10:75"), "10:75 is not a time of day");
	CHECK_ERR(moment("2026-12-01T25:00"), "not a time of day");
	tz_pop();
}

TEST(test_parse_rejects_malformed_times)
{
	tz_push("Europe/Moscow");
	CHECK_ERR(moment("10:5"), "is not a time (HH:MM)");
	CHECK_ERR(moment("10:"), "is not a time");
	CHECK_ERR(moment(":30"), "is not a time");
	CHECK_ERR(moment("100:00"), "is not a time");
	CHECK_ERR(moment("tomorrow 1030"), "\"1030\" is not a time");
	CHECK_ERR(moment("tomorrow noon"), "is not a time");
	CHECK_ERR(moment("-1:30"), "is not a time");
	tz_pop();
}

TEST(test_parse_rejects_unknown_words)
{
	tz_push("Europe/Moscow");
	CHECK_ERR(moment("someday"), "\"someday\" is not a date");
	CHECK_ERR(moment("Someday"), "\"Someday\"");	/* quoted as typed */
	CHECK_ERR(moment("ЗАВТРО"), "\"ЗАВТРО\" is not a date");
	CHECK_ERR(moment("3d"), "is not a date");	/* no sign */
	tz_pop();
}

TEST(test_parse_rejects_unknown_units)
{
	tz_push("Europe/Moscow");
	CHECK_ERR(moment("+3q"), "unknown unit in \"+3q\"");
	CHECK_ERR(moment("+3"), "unknown unit");
	CHECK_ERR(moment("+3dd"), "unknown unit");
	CHECK_ERR(moment("+3 d"), "unknown unit");	/* "+3" then "d" */
	CHECK_ERR(moment("+d"), "is not a date");
	tz_pop();
}

TEST(test_parse_rejects_empty_text)
{
	tz_push("Europe/Moscow");
	CHECK_ERR(moment(""), "empty");
	CHECK_ERR(moment("   \t "), "empty");
	CHECK_ERR(date(""), "empty");
	tz_pop();
}

TEST(test_parse_rejects_too_many_words)
{
	tz_push("Europe/Moscow");
	CHECK_ERR(moment("1 2 3"), "too many words");
	CHECK_ERR(moment("tomorrow at 10:00"), "too many words");
	CHECK_ERR(moment("2026-12-01T14:30 extra"), "is not a date");
	tz_pop();
}

TEST(test_parse_rejects_signs_and_junk_inside_numbers)
{
	tz_push("Europe/Moscow");
	CHECK_ERR(moment("2026-+1-05"), "is not a date");
	CHECK_ERR(moment("2026-12-01x"), "is not a date");
	CHECK_ERR(moment("20266-12-01"), "is not a date");
	CHECK_ERR(moment("2026-123-01"), "is not a date");
	CHECK_ERR(moment("01.12.202"), "is not a date");	/* 3 digits */
	CHECK_ERR(moment("01.12.2026."), "is not a date");
	tz_pop();
}

TEST(test_parse_rejects_years_out_of_range)
{
	tz_push("Europe/Moscow");
	CHECK_ERR(moment("31.12.1899"), "year 1899 is out of range");
	CHECK_ERR(moment("+9000y"), "too far away");
	CHECK_ERR(moment("+1000000d"), "too far away");
	CHECK_ERR(moment("-999999w"), "too far away");
	CHECK_ERR(moment("+999999m"), "too far away");
	CHECK_STR(moment("+7000d"), "2046-01-22 00:00");	/* fine */
	tz_pop();
}

TEST(test_error_messages_are_one_line)
{
	static const char *const bad[] = {
		"2026-02-30", "25:00", "someday", "+3q", "", "1 2 3",
		"now 10:00", "+1000000d", "tomorrow 1030",
	};
	char msg[256];
	time_t t;
	size_t i;

	tz_push("Europe/Moscow");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		msg[0] = '\0';
		CHECK_INT(dt_parse_moment(bad[i], MON_0900, &t, msg,
		    sizeof(msg)), -1);
		CHECK(msg[0] != '\0');
		CHECK(strchr(msg, '\n') == NULL);
	}
	tz_pop();
}

TEST(test_error_message_is_cut_at_a_character_boundary)
{
	char msg[12];
	time_t t;
	size_t sz;

	tz_push("Europe/Moscow");
	/* '"' and then two-byte letters: every odd size cuts a letter */
	for (sz = 2; sz <= sizeof(msg); sz++) {
		memset(msg, 'x', sizeof(msg));
		CHECK_INT(dt_parse_moment("Послепослезавтра", MON_0900, &t, msg,
		    sz), -1);
		CHECK(strlen(msg) < sz);
		CHECK(utf8_valid(msg, strlen(msg)));
	}
	tz_pop();
}

/* ---- dt_parse_date ---- */

TEST(test_parse_date_gives_a_calendar_date)
{
	tz_push("Europe/Moscow");
	CHECK_STR(date("2026-12-01"), "2026-12-01");
	CHECK_STR(date("01.12.2026"), "2026-12-01");
	CHECK_STR(date("01.12"), "2026-12-01");
	CHECK_STR(date("tomorrow"), "2026-11-24");
	CHECK_STR(date("Вчера"), "2026-11-22");
	CHECK_STR(date("+1m"), "2026-12-23");
	CHECK_STR(date("+3d"), "2026-11-26");
	CHECK_STR(date("пт"), "2026-11-27");
	CHECK_STR(date("now"), "2026-11-23");
	CHECK_STR(date("+2h"), "2026-11-23");
	tz_pop();
}

TEST(test_parse_date_rejects_a_time_of_day)
{
	tz_push("Europe/Moscow");
	CHECK_ERR(date("tomorrow 10:00"), "a date has no time of day");
	CHECK_ERR(date("14:30"), "a date has no time of day");
	CHECK_ERR(date("2026-12-01T14:30"), "no time of day");
	tz_pop();
}

TEST(test_valid_date_accepts_real_dates_only)
{
	CHECK(dt_valid_date("2026-11-23"));
	CHECK(dt_valid_date("2028-02-29"));
	CHECK(dt_valid_date("1900-01-01"));
	CHECK(dt_valid_date("9999-12-31"));
	CHECK(!dt_valid_date("2026-02-29"));
	CHECK(!dt_valid_date("2026-04-31"));
	CHECK(!dt_valid_date("2026-13-01"));
	CHECK(!dt_valid_date("2026-00-01"));
	CHECK(!dt_valid_date("1899-12-31"));
	CHECK(!dt_valid_date("0000-01-01"));
}

TEST(test_valid_date_wants_the_exact_shape)
{
	CHECK(!dt_valid_date(""));
	CHECK(!dt_valid_date("2026-2-03"));
	CHECK(!dt_valid_date("2026-02-3"));
	CHECK(!dt_valid_date("01.12.2026"));
	CHECK(!dt_valid_date("2026-12-01 "));
	CHECK(!dt_valid_date(" 2026-12-01"));
	CHECK(!dt_valid_date("2026-12-01x"));
	CHECK(!dt_valid_date("2026-+1-05"));
	CHECK(!dt_valid_date("+026-12-01"));
	CHECK(!dt_valid_date("2026/12/01"));
	CHECK(!dt_valid_date("20261201"));
}

/* ---- formatting ---- */

TEST(test_format_moment_and_date_in_local_time)
{
	char m[17], d[11];

	tz_push("Europe/Moscow");
	dt_format_moment(MON_0900, m);
	CHECK_STR(m, "2026-11-23 09:00");
	dt_format_date(MON_0900, d);
	CHECK_STR(d, "2026-11-23");
	dt_format_moment(NYE_2350, m);
	CHECK_STR(m, "2026-12-31 23:50");
	tz_pop();

	tz_push("UTC");
	dt_format_moment(MON_0900, m);
	CHECK_STR(m, "2026-11-23 06:00");
	dt_format_moment(0, m);
	CHECK_STR(m, "1970-01-01 00:00");
	dt_format_date(NYE_2350, d);
	CHECK_STR(d, "2026-12-31");
	tz_pop();
}

TEST(test_day_start_is_local_midnight_also_on_dst_days)
{
	tz_push("Europe/Moscow");
	CHECK_INT(dt_day_start(MON_0900), 1795381200);
	CHECK_INT(dt_day_start(1795381200), 1795381200);	/* idempotent */
	tz_pop();

	tz_push("Europe/Berlin");
	/* noon on the day the clocks go forward: midnight was still CET */
	CHECK_INT(dt_day_start(1774778400), 1774738800);
	tz_pop();
}

TEST(test_date_start_is_local_midnight_across_months)
{
	char out[17];

	tz_push("Europe/Moscow");
	dt_format_moment(dt_date_start("2026-11-23", 0), out);
	CHECK_STR(out, "2026-11-23 00:00");
	dt_format_moment(dt_date_start("2026-11-30", 1), out);
	CHECK_STR(out, "2026-12-01 00:00");
	dt_format_moment(dt_date_start("2026-01-01", -1), out);
	CHECK_STR(out, "2025-12-31 00:00");
	CHECK_INT(dt_date_start("2026-11-23", 1) - dt_date_start("2026-11-23",
	    0), 86400);
	CHECK_INT(dt_date_start("soon", 0), 0);
	tz_pop();
}

/* ---- the clock ---- */

/* Puts back the clock the harness pinned (at "before"). */
static void
clock_restore(time_t before)
{
	char at[32];

	snprintf(at, sizeof(at), "@%lld", (long long)before);
	dt_clock_pin(at, NULL, 0);
}

/* Pins at text and returns dt_now() formatted, or "! " and the error;
 * the clock goes back to what the harness pinned afterwards. */
static const char *
pinned_at(const char *text)
{
	static char buf[300];
	char msg[256], out[17];
	time_t before = dt_now();

	msg[0] = '\0';
	if (dt_clock_pin(text, msg, sizeof(msg)) != 0) {
		snprintf(buf, sizeof(buf), "! %s", msg);
		return buf;
	}
	dt_format_moment(dt_now(), out);
	snprintf(buf, sizeof(buf), "%s:%02d", out, (int)(dt_now() % 60));
	clock_restore(before);
	return buf;
}

TEST(clock_pins_an_absolute_moment)
{
	tz_push("Europe/Moscow");
	CHECK_STR(pinned_at("2026-12-05T08:00"), "2026-12-05 08:00:00");
	CHECK_STR(pinned_at("2026-12-31 23:59:30"), "2026-12-31 23:59:30");
	CHECK_STR(pinned_at("29.02.2028 10:00"), "2028-02-29 10:00:00");
	/* 1796810400 is 2026-12-09 10:00 UTC, 13:00 in Moscow. */
	CHECK_STR(pinned_at("@1796810400"), "2026-12-09 13:00:00");
	tz_pop();
}

TEST(clock_refuses_relative_and_bad_moments)
{
	tz_push("Europe/Moscow");
	CHECK_STR(pinned_at("tomorrow 09:00"), "! \"tomorrow 09:00\" is "
	    "relative: give a date and time, e.g. 2026-12-05T08:00");
	CHECK(strncmp(pinned_at("fri 10:00"), "! ", 2) == 0);
	CHECK(strncmp(pinned_at("10:00"), "! ", 2) == 0);
	CHECK(strncmp(pinned_at("2026-02-30T10:00"), "! ", 2) == 0);
	CHECK(strncmp(pinned_at("@"), "! ", 2) == 0);
	CHECK(strncmp(pinned_at("@12x"), "! ", 2) == 0);
	CHECK(strncmp(pinned_at(""), "! ", 2) == 0);
	tz_pop();
}

/* A refused moment leaves the clock where it was pinned. */
TEST(clock_refused_keeps_the_pin)
{
	time_t before = dt_now();
	char msg[128];

	CHECK(dt_clock_pin("tomorrow 09:00", msg, sizeof(msg)) != 0);
	CHECK(dt_clock_pin("2026-02-30T10:00", msg, sizeof(msg)) != 0);
	CHECK(dt_clock_pinned());
	CHECK_INT((long long)dt_now(), (long long)before);
}

/* The store's clock follows the pinned one unless a test set its own. */
TEST(clock_is_the_stores_now)
{
	struct db_opts opts = { .create = 1 };
	struct so_err err = { 0 };
	struct db *db = NULL;
	time_t before = dt_now();

	CHECK(dt_clock_pinned());	/* the harness never uses the wall clock */
	REQUIRE(db_open(harness_path("clock.db"), &opts, &db, &err) == SO_OK);
	REQUIRE(dt_clock_pin("@1796810400", NULL, 0) == 0);
	CHECK(dt_clock_pinned());
	CHECK_INT((long long)db_now(db), 1796810400LL);
	db_set_now(db, 1000);
	CHECK_INT((long long)db_now(db), 1000LL);
	db_close(db);
	clock_restore(before);
}

TEST(test_hostile_dates_parse_or_explain)
{
	uint64_t rng = FIXTURE_HOSTILE_SEED;
	char msg[200], out[11];
	time_t t;
	int i;

	tz_push("Europe/Moscow");
	for (i = 0; i < FIXTURE_HOSTILE_ROUNDS; i++) {
		size_t n;
		char *s = fixture_hostile(&rng, &n);

		msg[0] = '\0';
		if (dt_parse_moment(s, 1795413600, &t, msg, sizeof(msg)) != 0) {
			const char *p;

			/* messages quote the input: never its raw bytes */
			CHECK(msg[0] != '\0' && utf8_valid(msg, strlen(msg)));
			for (p = msg; *p; p++)
				CHECK((unsigned char)*p >= 0x20 && *p != 0x7f);
		}
		msg[0] = '\0';
		if (dt_parse_date(s, 1795413600, out, msg, sizeof(msg)) == 0)
			CHECK(dt_valid_date(out));
		else
			CHECK(msg[0] != '\0');
		free(s);
	}
	tz_pop();
}
