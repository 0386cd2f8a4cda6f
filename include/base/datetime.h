/*
 * Dates and times as people type them and as salesorg stores them.
 *
 * Storage: a moment (event start, task due, created_at) is a time_t, Unix
 * seconds, stored as INTEGER: it sorts, compares and survives time zones.
 * A calendar date (birthday, payment date, expected close) is text
 * "YYYY-MM-DD".  Display and parsing use the local time zone.
 *
 * Accepted input for a moment (case-insensitive; English and Russian):
 *	2026-12-01 14:30	2026-12-01T14:30	2026-12-01 (00:00)
 *	01.12.2026 14:30	01.12.2026		01.12 (this year)
 *	14:30 (today)		today, tomorrow, yesterday [HH:MM]
 *	сегодня, завтра, вчера [HH:MM]		now, сейчас
 *	+3d  +2w  +1m  -1d  +2h  +30min  (relative to now; d/w/m days,
 *	weeks, months; h hours; min minutes; Russian д/н/м/ч/мин too)
 *	mon..sun, monday..sunday, пн..вс [HH:MM]  (the next such day, today
 *	excluded)
 * A date without a time means 00:00 for a moment (or the given default
 * hour, see dt_parse_moment).  Out-of-range values (2026-02-30, 25:00) are
 * errors, not silently normalised.
 */
#ifndef DATETIME_H
#define DATETIME_H

#include <stddef.h>
#include <time.h>

/*
 * Parses text as a moment relative to now.  Returns 0 and sets *out, or -1
 * with a one-line reason in msg (e.g. "day 30 is not in February").
 * Leading and trailing blanks are ignored; empty text is an error.
 */
int	dt_parse_moment(const char *text, time_t now, time_t *out,
	    char *msg, size_t msgsz);
/*
 * Parses text as a calendar date (the date forms above, and relative day
 * forms: today, tomorrow, +3d, +1m ...) into "YYYY-MM-DD" (out, 11 bytes).
 */
int	dt_parse_date(const char *text, time_t now, char out[11],
	    char *msg, size_t msgsz);
/* True when s is a valid "YYYY-MM-DD" (real calendar date). */
int	dt_valid_date(const char *s);

/* Formats t in local time: "YYYY-MM-DD HH:MM" into out (17 bytes). */
void	dt_format_moment(time_t t, char out[17]);
/* "YYYY-MM-DD" of t in local time (11 bytes). */
void	dt_format_date(time_t t, char out[11]);
/* Start of the local day containing t (00:00:00). */
time_t	dt_day_start(time_t t);
/*
 * Start of the local day "YYYY-MM-DD" plus days (days may be negative:
 * the calendar carries over months and years); 0 when ymd is not of
 * that form.  Found from noon, so a zone that skips midnight on a DST
 * change still finds its day.
 */
time_t	dt_date_start(const char *ymd, int days);
/* A valid local date and time (month and day from 1) as a time_t; an
 * hour that daylight saving skips comes out moved by the gap. */
time_t	dt_make_time(int y, int m, int d, int hh, int mm);

/*
 * Days since 1970-01-01 of a proleptic Gregorian date, and back (Howard
 * Hinnant's algorithms): calendar arithmetic no daylight-saving change
 * can upset.
 */
long	dt_days_from_civil(int y, int m, int d);
void	dt_civil_from_days(long days, int *y, int *m, int *d);

/*
 * The working week: a set of weekdays (bit 0 Sunday ... bit 6 Saturday,
 * as tm_wday) from text such as "mon-fri", "пн-пт", "mon,tue,thu",
 * "1-5" (1 Monday ... 7 Sunday); DT_WORK_DEFAULT is Monday to Friday.
 * Returns 0 and sets *mask (never empty), or -1 with a reason in msg.
 */
#define DT_WORK_DEFAULT	0x3e
int	dt_parse_workdays(const char *text, unsigned *mask, char *msg,
	    size_t msgsz);
/* "HH:MM" into minutes after midnight; -1 when it is not one. */
int	dt_parse_clock(const char *text);
/*
 * The next working day after now's day (a day of mask), at minutes
 * after its midnight: "tomorrow morning" as a working week has it (from
 * Friday or Saturday, Monday).  With next_week, the first working day
 * of the next calendar week (from Monday) instead.
 */
time_t	dt_next_workday(time_t now, unsigned mask, int minutes,
	    int next_week);

/*
 * The clock: the one place that reads the wall clock for a date.  Every
 * "today" and "now" in the program comes from dt_now() (the store's
 * db_now() adds a per-connection override for tests).
 */
time_t	dt_now(void);
/*
 * Pins the clock at text (SALESORG_NOW, --now): "@SECONDS", or an
 * absolute moment as typed elsewhere ("2026-12-05T08:00",
 * "2026-12-05 08:00:30", "05.12.2026 08:00"), local time.  A relative
 * form ("tomorrow") is refused.  NULL unpins.  Returns 0, or -1 with
 * the reason in msg.
 */
int	dt_clock_pin(const char *text, char *msg, size_t msgsz);
/* True while the clock is pinned. */
int	dt_clock_pinned(void);

#endif
