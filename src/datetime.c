/*
 * Dates and times as people type them; see include/datetime.h.
 *
 * The parser reads a date part and an optional time part.  Dates:
 * ISO (2026-12-01), Russian/European (01.12.2026, 01.12), words (today,
 * tomorrow, yesterday, now, and their Russian equivalents), weekdays
 * (the next such day, today excluded: "fri" said on a Friday means next
 * Friday, which is what a manager planning a call means), and offsets
 * from now (+3d, -1w, +1m, +2h, +30min).  Everything is compared
 * case-folded, so "Завтра" and "ЗАВТРА" work too.
 *
 * Out-of-range values are errors, never normalised: mktime would happily
 * turn 2026-02-30 into March 2nd, and a call planned for the wrong day is
 * worse than a message.  Month offsets clamp to the month's last day
 * (Jan 31 + 1m = Feb 28), as calendars do.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datetime.h"
#include "utf8.h"
#include "util.h"

static int
days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

static const char *const month_names[] = { "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December" };

static int
check_ymd(int y, int m, int d, char *msg, size_t msgsz)
{
	if (y < 1900 || y > 9999) {
		snprintf(msg, msgsz, "year %d is out of range", y);
		return -1;
	}
	if (m < 1 || m > 12) {
		snprintf(msg, msgsz, "month %d does not exist", m);
		return -1;
	}
	if (d < 1 || d > days_in_month(y, m)) {
		snprintf(msg, msgsz, "day %d is not in %s %d", d,
		    month_names[m - 1], y);
		return -1;
	}
	return 0;
}

int
dt_valid_date(const char *s)
{
	int y, m, d, n = 0;
	char msg[8];

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) !=
	    3 || n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	return check_ymd(y, m, d, msg, sizeof(msg)) == 0;
}

/* "YYYY-MM-DD" (the modulos only tell the compiler the widths). */
static void
format_ymd(char out[11], int y, int m, int d)
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
}

void
dt_format_moment(time_t t, char out[17])
{
	struct tm tm;

	localtime_r(&t, &tm);
	format_ymd(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	snprintf(out + 10, 7, " %02u:%02u", (unsigned)tm.tm_hour % 100u,
	    (unsigned)tm.tm_min % 100u);
}

void
dt_format_date(time_t t, char out[11])
{
	struct tm tm;

	localtime_r(&t, &tm);
	format_ymd(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static time_t
make_time(int y, int m, int d, int hh, int mm)
{
	struct tm tm = { 0 };

	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

time_t
dt_day_start(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return make_time(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, 0, 0);
}

/* ---- the parser ---- */

struct date {
	int	y, m, d;
	int	hh, mm;		/* -1: no time given */
	int	rel_sec;	/* a +2h / +30min offset: an exact moment */
	time_t	exact;
};

/* Adds months, clamping the day to the target month's length. */
static void
add_months(int *y, int *m, int *d, int n)
{
	int idx = *y * 12 + (*m - 1) + n;

	*y = idx / 12;
	*m = idx % 12 + 1;
	if (*d > days_in_month(*y, *m))
		*d = days_in_month(*y, *m);
}

static void
add_days(int *y, int *m, int *d, int n)
{
	time_t t = make_time(*y, *m, *d, 12, 0) + (time_t)n * 86400;
	struct tm tm;

	localtime_r(&t, &tm);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
}

static const struct {
	const char	*word;
	int		 wday;
} weekdays[] = {
	{ "sunday", 0 }, { "sun", 0 }, { "monday", 1 }, { "mon", 1 },
	{ "tuesday", 2 }, { "tue", 2 }, { "wednesday", 3 }, { "wed", 3 },
	{ "thursday", 4 }, { "thu", 4 }, { "friday", 5 }, { "fri", 5 },
	{ "saturday", 6 }, { "sat", 6 },
	{ "вс", 0 }, { "воскресенье", 0 }, { "пн", 1 }, { "понедельник", 1 },
	{ "вт", 2 }, { "вторник", 2 }, { "ср", 3 }, { "среда", 3 },
	{ "чт", 4 }, { "четверг", 4 }, { "пт", 5 }, { "пятница", 5 },
	{ "сб", 6 }, { "суббота", 6 },
};

static const struct {
	const char	*word;
	int		 days;		/* from today; 99 = now */
} day_words[] = {
	{ "today", 0 }, { "tomorrow", 1 }, { "yesterday", -1 }, { "now", 99 },
	{ "сегодня", 0 }, { "завтра", 1 }, { "вчера", -1 },
	{ "послезавтра", 2 }, { "сейчас", 99 },
};

/* Units of +N offsets: seconds for hours and minutes, else calendar. */
static const struct {
	const char	*unit;
	char		 kind;		/* d, w, m (months), y, h, n (minutes) */
} units[] = {
	{ "min", 'n' }, { "мин", 'n' }, { "d", 'd' }, { "д", 'd' },
	{ "w", 'w' }, { "н", 'w' }, { "m", 'm' }, { "м", 'm' },
	{ "y", 'y' }, { "г", 'y' }, { "h", 'h' }, { "ч", 'h' },
};

/* Parses "HH:MM" (or "H:MM", "HH.MM" is not accepted: it reads as a date). */
static int
parse_time(const char *s, int *hh, int *mm, char *msg, size_t msgsz)
{
	int n = 0;

	if (sscanf(s, "%2d:%2d%n", hh, mm, &n) != 2 || s[n] != '\0' ||
	    !isdigit((unsigned char)s[n - 1]) || !isdigit((unsigned char)
	    s[n - 2])) {
		snprintf(msg, msgsz, "\"%s\" is not a time (HH:MM)", s);
		return -1;
	}
	if (*hh > 23 || *mm > 59 || *hh < 0 || *mm < 0) {
		snprintf(msg, msgsz, "%s is not a time of day", s);
		return -1;
	}
	return 0;
}

static int
parse_offset(const char *s, time_t now, struct date *dt, char *msg,
    size_t msgsz)
{
	char *end;
	long n = strtol(s, &end, 10);
	size_t i;

	if (end == s + 1 || n > 100000 || n < -100000) {
		snprintf(msg, msgsz, "\"%s\" is not an offset like +3d", s);
		return -1;
	}
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(end, units[i].unit) == 0)
			break;
	if (i == sizeof(units) / sizeof(units[0])) {
		snprintf(msg, msgsz, "unknown unit in \"%s\" (use d, w, m, h "
		    "or min)", s);
		return -1;
	}
	switch (units[i].kind) {
	case 'h':
	case 'n':
		dt->exact = now + (time_t)n * (units[i].kind == 'h' ? 3600 :
		    60);
		dt->rel_sec = 1;
		return 0;
	case 'd':
		add_days(&dt->y, &dt->m, &dt->d, (int)n);
		return 0;
	case 'w':
		add_days(&dt->y, &dt->m, &dt->d, (int)n * 7);
		return 0;
	case 'm':
		add_months(&dt->y, &dt->m, &dt->d, (int)n);
		return 0;
	default:
		add_months(&dt->y, &dt->m, &dt->d, (int)n * 12);
		return 0;
	}
}

/* The date part: one word.  Fills dt (starting from today). */
static int
parse_day(const char *w, time_t now, struct date *dt, char *msg, size_t msgsz)
{
	size_t i;
	int n = 0, a, b, c;
	struct tm tm;

	localtime_r(&now, &tm);
	if (w[0] == '+' || (w[0] == '-' && isdigit((unsigned char)w[1])))
		return parse_offset(w, now, dt, msg, msgsz);
	for (i = 0; i < sizeof(day_words) / sizeof(day_words[0]); i++)
		if (strcmp(w, day_words[i].word) == 0) {
			if (day_words[i].days == 99) {
				dt->exact = now;
				dt->rel_sec = 1;
			} else
				add_days(&dt->y, &dt->m, &dt->d,
				    day_words[i].days);
			return 0;
		}
	for (i = 0; i < sizeof(weekdays) / sizeof(weekdays[0]); i++)
		if (strcmp(w, weekdays[i].word) == 0) {
			int ahead = (weekdays[i].wday - tm.tm_wday + 7) % 7;

			add_days(&dt->y, &dt->m, &dt->d, ahead ? ahead : 7);
			return 0;
		}
	if (sscanf(w, "%4d-%2d-%2d%n", &a, &b, &c, &n) == 3 && w[n] == '\0' &&
	    n >= 8) {
		dt->y = a;
		dt->m = b;
		dt->d = c;
		return check_ymd(a, b, c, msg, msgsz);
	}
	n = 0;
	if (sscanf(w, "%2d.%2d.%4d%n", &a, &b, &c, &n) == 3 && w[n] == '\0') {
		if (c < 100)
			c += 2000;	/* 01.12.26 */
		dt->y = c;
		dt->m = b;
		dt->d = a;
		return check_ymd(c, b, a, msg, msgsz);
	}
	n = 0;
	if (sscanf(w, "%2d.%2d%n", &a, &b, &n) == 2 && w[n] == '\0') {
		dt->m = b;
		dt->d = a;
		return check_ymd(dt->y, b, a, msg, msgsz);
	}
	snprintf(msg, msgsz, "\"%s\" is not a date (try 2026-12-01, 01.12.2026,"
	    " tomorrow, fri, +3d)", w);
	return -1;
}

/*
 * Splits the folded text into at most two words and parses them into dt.
 * A lone time means today at that time.
 */
static int
parse(const char *text, time_t now, struct date *dt, char *msg,
    size_t msgsz)
{
	char *f = utf8_fold(text), *w1, *w2, *p;
	struct tm tm;
	int rc = -1;

	localtime_r(&now, &tm);
	memset(dt, 0, sizeof(*dt));
	dt->y = tm.tm_year + 1900;
	dt->m = tm.tm_mon + 1;
	dt->d = tm.tm_mday;
	dt->hh = dt->mm = -1;
	/* "2026-12-01T14:30" is one word with a T inside */
	if ((p = strchr(f, 't')) && p > f && isdigit((unsigned char)p[-1]) &&
	    isdigit((unsigned char)p[1]))
		*p = ' ';
	w1 = f + strspn(f, " \t");
	p = w1 + strcspn(w1, " \t");
	w2 = p + strspn(p, " \t");
	*p = '\0';
	p = w2 + strcspn(w2, " \t");
	if (*(p + strspn(p, " \t")) != '\0') {
		snprintf(msg, msgsz, "\"%s\": too many words", text);
		goto out;
	}
	*p = '\0';
	if (*w1 == '\0') {
		snprintf(msg, msgsz, "empty");
		goto out;
	}
	if (*w2 == '\0' && strchr(w1, ':')) {
		rc = parse_time(w1, &dt->hh, &dt->mm, msg, msgsz);
		goto out;
	}
	if (parse_day(w1, now, dt, msg, msgsz) != 0)
		goto out;
	if (*w2) {
		if (dt->rel_sec) {
			snprintf(msg, msgsz, "\"%s\": a time after \"%s\" makes "
			    "no sense", text, w1);
			goto out;
		}
		if (parse_time(w2, &dt->hh, &dt->mm, msg, msgsz) != 0)
			goto out;
	}
	rc = 0;
out:
	free(f);
	return rc;
}

int
dt_parse_moment(const char *text, time_t now, time_t *out, char *msg,
    size_t msgsz)
{
	struct date dt;

	if (parse(text, now, &dt, msg, msgsz) != 0)
		return -1;
	if (dt.rel_sec) {
		*out = dt.exact;
		return 0;
	}
	*out = make_time(dt.y, dt.m, dt.d, dt.hh < 0 ? 0 : dt.hh,
	    dt.mm < 0 ? 0 : dt.mm);
	return 0;
}

int
dt_parse_date(const char *text, time_t now, char out[11], char *msg,
    size_t msgsz)
{
	struct date dt;

	if (parse(text, now, &dt, msg, msgsz) != 0)
		return -1;
	if (dt.hh >= 0) {
		snprintf(msg, msgsz, "a date has no time of day");
		return -1;
	}
	if (dt.rel_sec) {
		dt_format_date(dt.exact, out);
		return 0;
	}
	format_ymd(out, dt.y, dt.m, dt.d);
	return 0;
}
