/*
 * Dates and times as people type them; see include/base/datetime.h.
 *
 * The parser reads at most two words: a day and a time of day.  Days are
 * ISO (2026-12-01), Russian/European (01.12.2026, 01.12), words (today,
 * tomorrow, yesterday, now, and their Russian equivalents), weekdays (the
 * next such day, today excluded: "fri" said on a Friday means next Friday,
 * which is what a manager planning a call means), and offsets from now
 * (+3d, -1w, +1m, +2h, +30min).  Words are compared case-folded with
 * utf8_fold(), so "Завтра" and "ЗАВТРА" work too, whatever the locale.
 *
 * Out-of-range values are errors, never normalised: mktime() would
 * happily turn 2026-02-30 into March 2nd, and a call planned for the
 * wrong day is worse than a message.  So the parser does its calendar
 * arithmetic on plain year/month/day numbers and asks mktime() only for
 * the final conversion of a valid local date and time to a time_t.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * The years we accept.  The lower bound keeps tm_year non-negative and
 * still covers any birthday; the upper keeps "YYYY" four digits wide.
 */
#define MIN_YEAR	1900
#define MAX_YEAR	9999

/*
 * Writes the message.  Messages quote what the user typed, which may hold
 * invalid bytes or control characters (a pasted escape sequence); they
 * reach stderr and the status bar, so they are sanitized here, once.  If
 * the message had to be cut, it is cut at a character boundary: the UI
 * would show half a Cyrillic letter as U+FFFD.
 */
static void __attribute__((format(printf, 3, 4)))
set_msg(char *msg, size_t msgsz, const char *fmt, ...)
{
	va_list ap;
	size_t len, p;
	uint32_t cp;
	char raw[512], *clean;
	int n;

	if (msg == NULL || msgsz == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	clean = utf8_sanitize(raw);
	n = snprintf(msg, msgsz, "%s", clean);
	free(clean);
	if (n < 0 || (size_t)n < msgsz)
		return;
	/* drop the bytes of a sequence the cut left incomplete */
	len = strlen(msg);
	while (len > 0) {
		p = utf8_prev(msg, len);
		if (utf8_decode(msg + p, len - p, &cp) != 1 || cp != 0xfffd)
			break;
		msg[len = p] = '\0';
	}
}

/* ---- calendar arithmetic on plain numbers ---- */

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

/*
 * Days since 1970-01-01 of a proleptic Gregorian date and back (Howard
 * Hinnant's algorithms).  Adding days this way cannot be upset by a
 * daylight-saving change the way adding 86400 seconds can.
 */
long
dt_days_from_civil(int y, int m, int d)
{
	long yy = y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
dt_civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int
check_ymd(int y, int m, int d, char *msg, size_t msgsz)
{
	if (y < MIN_YEAR || y > MAX_YEAR) {
		set_msg(msg, msgsz, _("year %d is out of range (%d..%d)"), y,
		    MIN_YEAR, MAX_YEAR);
		return -1;
	}
	if (m < 1 || m > 12) {
		set_msg(msg, msgsz, _("month %d does not exist"), m);
		return -1;
	}
	if (d < 1 || d > days_in_month(y, m)) {
		set_msg(msg, msgsz, _("day %d is not in %s %d"), d,
		    i18n_month(m - 1), y);
		return -1;
	}
	return 0;
}

/*
 * Reads min..max ASCII digits at *pp and advances past them.  Returns the
 * value, or -1 when there are fewer than min.  Our own loop rather than
 * strtol or sscanf: those skip blanks and accept signs, so "2026- 1-05"
 * and "2026-+1-05" would pass for dates.
 */
static int
read_num(const char **pp, int min, int max)
{
	const char *p = *pp;
	int v = 0, n = 0;

	while (n < max && *p >= '0' && *p <= '9') {
		v = v * 10 + (*p++ - '0');
		n++;
	}
	*pp = p;
	return n < min ? -1 : v;
}

int
dt_valid_date(const char *s)
{
	const char *p = s;
	int y, m = -1, d = -1;

	y = read_num(&p, 4, 4);
	if (y >= 0 && *p == '-') {
		p++;
		m = read_num(&p, 2, 2);
	}
	if (m >= 0 && *p == '-') {
		p++;
		d = read_num(&p, 2, 2);
	}
	if (d < 0 || *p != '\0')
		return 0;
	return check_ymd(y, m, d, NULL, 0) == 0;
}

/* ---- formatting and conversion ---- */

/* "YYYY-MM-DD" (the modulos only tell the compiler the widths). */
static void
format_ymd(char out[11], int y, int m, int d)
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
}

/*
 * localtime_r() fails only for a time_t whose year does not fit an int;
 * such a value can only come from a damaged database, so it is shown as
 * an obviously impossible date rather than left as garbage.
 */
static void
local_tm(time_t t, struct tm *tm)
{
	if (localtime_r(&t, tm) == NULL) {
		memset(tm, 0, sizeof(*tm));
		tm->tm_year = -1900;
	}
}

void
dt_format_moment(time_t t, char out[17])
{
	struct tm tm;

	local_tm(t, &tm);
	format_ymd(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	snprintf(out + 10, 7, " %02u:%02u", (unsigned)tm.tm_hour % 100u,
	    (unsigned)tm.tm_min % 100u);
}

void
dt_format_date(time_t t, char out[11])
{
	struct tm tm;

	local_tm(t, &tm);
	format_ymd(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/*
 * tm_isdst = -1 lets mktime() decide whether daylight saving is in
 * force on that day; a time that does not exist (02:30 on a
 * spring-forward night) comes out moved by the size of the gap, which
 * is the least surprising thing available.
 */
time_t
dt_make_time(int y, int m, int d, int hh, int mm)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
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

	local_tm(t, &tm);
	return dt_make_time(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, 0, 0);
}

time_t
dt_date_start(const char *ymd, int days)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(ymd, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday) != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += days;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	return dt_day_start(mktime(&tm));
}

/* ---- the clock ---- */

/*
 * The one place that reads the wall clock for a date.  A pinned clock
 * (SALESORG_NOW or --now, a testing aid) stands still at its moment for
 * the life of the process, so a test, a demo made for a screenshot, or a
 * bug report replays the same day whatever the real date is.
 */
static time_t	pinned_at;
static int	pinned;

time_t
dt_now(void)
{
	return pinned ? pinned_at : time(NULL);
}

int
dt_clock_pinned(void)
{
	return pinned;
}

/* "@SECONDS": a Unix time, for a moment to the second. */
static int
parse_epoch(const char *text, time_t *out)
{
	char *end;
	long long v;

	if (text[0] != '@' || text[1] == '\0')
		return -1;
	errno = 0;
	v = strtoll(text + 1, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0 || v > 253402300799LL)
		return -1;
	*out = (time_t)v;
	return 0;
}

int
dt_clock_pin(const char *text, char *msg, size_t msgsz)
{
	char buf[64];
	size_t len;
	time_t t, later;
	int sec = 0;

	if (text == NULL || parse_epoch(text, &t) == 0)
		goto pin;
	/* An ISO time with seconds: the parser knows HH:MM only. */
	len = strlen(text);
	if (len >= 19 && len < sizeof(buf) && text[len - 3] == ':' &&
	    text[len - 6] == ':' && text[len - 2] >= '0' &&
	    text[len - 2] <= '5' && text[len - 1] >= '0' &&
	    text[len - 1] <= '9') {
		memcpy(buf, text, len - 3);
		buf[len - 3] = '\0';
		sec = (text[len - 2] - '0') * 10 + text[len - 1] - '0';
		text = buf;
	}
	/* Absolute forms only: a relative one ("tomorrow") would read the
	 * clock that is being replaced. */
	if (dt_parse_moment(text, 0, &t, msg, msgsz) != 0)
		return -1;
	if (dt_parse_moment(text, 86400 * 400, &later, msg, msgsz) != 0 ||
	    later != t) {
		set_msg(msg, msgsz, _("\"%s\" is relative: give a date and "
		    "time, e.g. 2026-12-05T08:00"), text);
		return -1;
	}
	t += sec;
pin:
	pinned_at = text ? t : 0;
	pinned = text != NULL;
	return 0;
}

/* ---- the parser ---- */

struct when {
	int	y, m, d;	/* the local calendar day */
	int	hh, mm;		/* time of day; hh = -1 when none was given */
	int	exact;		/* "now", "+2h": t is the moment itself */
	time_t	t;
};

static const struct {
	const char	*word;
	int		 days;		/* from today */
	int		 exact;		/* the moment now, not a day */
} day_words[] = {
	{ "today", 0, 0 },	{ "tomorrow", 1, 0 },	{ "yesterday", -1, 0 },
	{ "now", 0, 1 },
	{ "сегодня", 0, 0 },	{ "завтра", 1, 0 },	{ "вчера", -1, 0 },
	{ "послезавтра", 2, 0 }, { "сейчас", 0, 1 },
};

static const struct {
	const char	*word;
	int		 wday;		/* as tm_wday: 0 is Sunday */
} weekdays[] = {
	{ "sun", 0 }, { "mon", 1 }, { "tue", 2 }, { "wed", 3 }, { "thu", 4 },
	{ "fri", 5 }, { "sat", 6 },
	{ "sunday", 0 }, { "monday", 1 }, { "tuesday", 2 }, { "wednesday", 3 },
	{ "thursday", 4 }, { "friday", 5 }, { "saturday", 6 },
	{ "вс", 0 }, { "пн", 1 }, { "вт", 2 }, { "ср", 3 }, { "чт", 4 },
	{ "пт", 5 }, { "сб", 6 },
	{ "воскресенье", 0 }, { "понедельник", 1 }, { "вторник", 2 },
	{ "среда", 3 }, { "четверг", 4 }, { "пятница", 5 }, { "суббота", 6 },
};

/*
 * Units of +N offsets.  Days, weeks, months and years move the calendar
 * day (and keep "+3d 10:00" meaningful); hours and minutes move the
 * moment.  "м" is a month and "мин" a minute, as "m" and "min" are.
 */
enum unit { U_DAY, U_WEEK, U_MONTH, U_YEAR, U_HOUR, U_MINUTE };

static const struct {
	const char	*name;
	enum unit	 unit;
} units[] = {
	{ "d", U_DAY }, { "д", U_DAY }, { "w", U_WEEK }, { "н", U_WEEK },
	{ "m", U_MONTH }, { "м", U_MONTH }, { "y", U_YEAR }, { "г", U_YEAR },
	{ "h", U_HOUR }, { "ч", U_HOUR }, { "min", U_MINUTE },
	{ "мин", U_MINUTE },
};

static int
out_of_range(const char *word, char *msg, size_t msgsz)
{
	set_msg(msg, msgsz, _("\"%s\" is too far away (years %d..%d)"), word,
	    MIN_YEAR, MAX_YEAR);
	return -1;
}

static int
add_days(struct when *w, long n, const char *word, char *msg, size_t msgsz)
{
	dt_civil_from_days(dt_days_from_civil(w->y, w->m, w->d) + n, &w->y, &w->m,
	    &w->d);
	if (w->y < MIN_YEAR || w->y > MAX_YEAR)
		return out_of_range(word, msg, msgsz);
	return 0;
}

/*
 * Moving by months keeps the day of the month, but a day the target month
 * does not have becomes its last day: Jan 31 + 1m is Feb 28 (29 in a leap
 * year), Mar 31 - 1m is Feb 28 too.  Rolling over into March instead
 * (what mktime() would do) skips February altogether, which is never what
 * "in a month" means; calendar programs and banks clamp the same way.
 */
static int
add_months(struct when *w, long n, const char *word, char *msg,
    size_t msgsz)
{
	long idx = (long)w->y * 12 + (w->m - 1) + n;

	if (idx < (long)MIN_YEAR * 12 || idx > (long)MAX_YEAR * 12 + 11)
		return out_of_range(word, msg, msgsz);
	w->y = (int)(idx / 12);
	w->m = (int)(idx % 12) + 1;
	if (w->d > days_in_month(w->y, w->m))
		w->d = days_in_month(w->y, w->m);
	return 0;
}

/* "+3d", "-1w", "+30min": word is as typed, f folded. */
static int
parse_offset(const char *word, const char *f, time_t now, struct when *w,
    char *msg, size_t msgsz)
{
	const char *p = f + 1;
	long n;
	size_t i;
	struct tm tm;

	if ((n = read_num(&p, 1, 6)) < 0) {
		set_msg(msg, msgsz, _("\"%s\" is not an offset like +3d"),
		    word);
		return -1;
	}
	/* six digits reach past year 9999 in every unit but minutes */
	if (*p >= '0' && *p <= '9')
		return out_of_range(word, msg, msgsz);
	if (f[0] == '-')
		n = -n;
	for (i = 0; i < nitems(units); i++)
		if (strcmp(p, units[i].name) == 0)
			break;
	if (i == nitems(units)) {
		set_msg(msg, msgsz, _("unknown unit in \"%s\" (use d, w, m, h "
		    "or min)"), word);
		return -1;
	}
	switch (units[i].unit) {
	case U_DAY:
		return add_days(w, n, word, msg, msgsz);
	case U_WEEK:
		return add_days(w, n * 7, word, msg, msgsz);
	case U_MONTH:
		return add_months(w, n, word, msg, msgsz);
	case U_YEAR:
		return add_months(w, n * 12, word, msg, msgsz);
	case U_HOUR:
	case U_MINUTE:
		w->exact = 1;
		w->t = now + (time_t)n * (units[i].unit == U_HOUR ? 3600 : 60);
		local_tm(w->t, &tm);
		if (tm.tm_year + 1900 < MIN_YEAR || tm.tm_year + 1900 >
		    MAX_YEAR)
			return out_of_range(word, msg, msgsz);
		return 0;
	}
	return -1;
}

/*
 * "2026-12-01", "01.12.2026", "1.12.26", "01.12".  Returns 1 when f has
 * the shape of a date (then the result is in w, or the error in msg and
 * rc set to -1), 0 when it is not shaped like one at all.
 */
static int
parse_numeric_date(const char *f, struct when *w, int *rc, char *msg,
    size_t msgsz)
{
	const char *p = f, *ys;
	int a, b, c;

	if ((a = read_num(&p, 4, 4)) >= 0 && *p == '-') {
		p++;
		if ((b = read_num(&p, 1, 2)) < 0 || *p != '-')
			return 0;
		p++;
		if ((c = read_num(&p, 1, 2)) < 0 || *p != '\0')
			return 0;
		w->y = a;
		w->m = b;
		w->d = c;
		*rc = check_ymd(a, b, c, msg, msgsz);
		return 1;
	}
	p = f;
	if ((a = read_num(&p, 1, 2)) < 0 || *p != '.')
		return 0;
	p++;
	if ((b = read_num(&p, 1, 2)) < 0)
		return 0;
	c = w->y;			/* "01.12": this year */
	if (*p == '.') {
		ys = ++p;
		c = read_num(&p, 2, 4);
		if (c < 0 || (p - ys != 2 && p - ys != 4))
			return 0;
		if (p - ys == 2)
			c += 2000;	/* "01.12.26": nobody plans for 1926 */
	}
	if (*p != '\0')
		return 0;
	w->y = c;
	w->m = b;
	w->d = a;
	*rc = check_ymd(c, b, a, msg, msgsz);
	return 1;
}

/* The day word: word as typed (for messages), f folded.  w holds today. */
static int
parse_day(const char *word, const char *f, time_t now, struct when *w,
    char *msg, size_t msgsz)
{
	struct tm tm;
	size_t i;
	int ahead, rc;

	if ((f[0] == '+' || f[0] == '-') && f[1] >= '0' && f[1] <= '9')
		return parse_offset(word, f, now, w, msg, msgsz);
	for (i = 0; i < nitems(day_words); i++) {
		if (strcmp(f, day_words[i].word) != 0)
			continue;
		if (day_words[i].exact) {
			w->exact = 1;
			w->t = now;
			return 0;
		}
		return add_days(w, day_words[i].days, word, msg, msgsz);
	}
	for (i = 0; i < nitems(weekdays); i++) {
		if (strcmp(f, weekdays[i].word) != 0)
			continue;
		local_tm(now, &tm);
		ahead = (weekdays[i].wday - tm.tm_wday + 7) % 7;
		return add_days(w, ahead ? ahead : 7, word, msg, msgsz);
	}
	if (parse_numeric_date(f, w, &rc, msg, msgsz))
		return rc;
	set_msg(msg, msgsz, _("\"%s\" is not a date (try 2026-12-01, "
	    "01.12.2026, tomorrow, fri or +3d)"), word);
	return -1;
}

/* "14:30" or "9:05". */
static int
parse_time(const char *word, int *hh, int *mm, char *msg, size_t msgsz)
{
	const char *p = word;
	int h, m = -1;

	if ((h = read_num(&p, 1, 2)) >= 0 && *p == ':') {
		p++;
		m = read_num(&p, 2, 2);
	}
	if (m < 0 || *p != '\0') {
		set_msg(msg, msgsz, _("\"%s\" is not a time (HH:MM)"), word);
		return -1;
	}
	if (h > 23 || m > 59) {
		set_msg(msg, msgsz, _("%s is not a time of day (00:00..23:59)"),
		    word);
		return -1;
	}
	*hh = h;
	*mm = m;
	return 0;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

/*
 * Splits buf in place into words.  Returns their number (up to 3, which
 * already means too many); words[] gets the first two.  The T of
 * "2026-12-01T14:30" separates words too.
 */
static int
split_words(char *buf, char *words[2])
{
	char *p = buf, *t;
	int n = 0;

	words[0] = words[1] = NULL;
	for (;;) {
		while (is_blank(*p))
			p++;
		if (*p == '\0' || n == 3)
			break;
		if (n < 2)
			words[n] = p;
		n++;
		while (*p != '\0' && !is_blank(*p))
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
	if (n == 1) {
		for (t = buf; (t = strpbrk(t, "Tt")) != NULL; t++)
			if (t > words[0] && t[-1] >= '0' && t[-1] <= '9' &&
			    t[1] >= '0' && t[1] <= '9') {
				*t = '\0';
				words[1] = t + 1;
				n = 2;
				break;
			}
	}
	return n;
}

static int
parse(const char *text, time_t now, struct when *w, char *msg, size_t msgsz)
{
	char *buf = xstrdup(text), *words[2], *f = NULL;
	struct tm tm;
	int n, rc = -1;

	local_tm(now, &tm);
	memset(w, 0, sizeof(*w));
	w->y = tm.tm_year + 1900;
	w->m = tm.tm_mon + 1;
	w->d = tm.tm_mday;
	w->hh = w->mm = -1;

	n = split_words(buf, words);
	if (n == 0) {
		set_msg(msg, msgsz, _("empty date (try 2026-12-01 14:30, "
		    "tomorrow 10:00 or +3d)"));
		goto out;
	}
	if (n > 2) {
		set_msg(msg, msgsz, _("\"%s\": too many words (a date and a "
		    "time at most)"), text);
		goto out;
	}
	/* a lone time means today */
	if (n == 1 && strchr(words[0], ':') != NULL) {
		rc = parse_time(words[0], &w->hh, &w->mm, msg, msgsz);
		goto out;
	}
	f = utf8_fold(words[0]);
	if (parse_day(words[0], f, now, w, msg, msgsz) != 0)
		goto out;
	if (n == 2) {
		if (w->exact) {
			set_msg(msg, msgsz, _("no time can follow \"%s\""),
			    words[0]);
			goto out;
		}
		if (parse_time(words[1], &w->hh, &w->mm, msg, msgsz) != 0)
			goto out;
	}
	rc = 0;
out:
	free(f);
	free(buf);
	return rc;
}

int
dt_parse_moment(const char *text, time_t now, time_t *out, char *msg,
    size_t msgsz)
{
	struct when w;

	if (parse(text, now, &w, msg, msgsz) != 0)
		return -1;
	if (w.exact)
		*out = w.t;
	else
		*out = dt_make_time(w.y, w.m, w.d, w.hh < 0 ? 0 : w.hh,
		    w.hh < 0 ? 0 : w.mm);
	return 0;
}

int
dt_parse_date(const char *text, time_t now, char out[11], char *msg,
    size_t msgsz)
{
	struct when w;

	if (parse(text, now, &w, msg, msgsz) != 0)
		return -1;
	if (w.hh >= 0) {
		set_msg(msg, msgsz, _("a date has no time of day"));
		return -1;
	}
	if (w.exact)
		dt_format_date(w.t, out);
	else
		format_ymd(out, w.y, w.m, w.d);
	return 0;
}

/* ---- the working week ---- */

/* A weekday name (English or Russian, 2 or 3 letters) or a digit 1-7
 * (Monday 1): its tm_wday, or -1. */
static int
weekday_of(const char *s, size_t len)
{
	static const char *const names[] = { "sun", "mon", "tue", "wed",
	    "thu", "fri", "sat" };
	static const char *const ru[] = { "вс", "пн", "вт", "ср", "чт",
	    "пт", "сб" };
	char w[16];
	int i;

	if (len == 1 && *s >= '1' && *s <= '7')
		return (*s - '0') % 7;
	if (len >= sizeof(w))
		return -1;
	for (i = 0; i < (int)len; i++)
		w[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
	w[len] = '\0';
	for (i = 0; i < 7; i++)
		if ((len == 3 && strcmp(w, names[i]) == 0) ||
		    strcmp(w, ru[i]) == 0)
			return i;
	return -1;
}

int
dt_parse_workdays(const char *text, unsigned *mask, char *msg, size_t msgsz)
{
	const char *p = text, *dash, *end;
	unsigned m = 0;
	int a, b;

	while (*p) {
		p += strspn(p, " ,");
		if (*p == '\0')
			break;
		end = p + strcspn(p, " ,");
		dash = memchr(p, '-', (size_t)(end - p));
		a = weekday_of(p, (size_t)((dash ? dash : end) - p));
		b = dash ? weekday_of(dash + 1, (size_t)(end - dash - 1)) : a;
		if (a < 0 || b < 0) {
			snprintf(msg, msgsz, _("\"%.*s\" is not a weekday "
			    "(mon-fri, пн-пт, 1-5)"), (int)(end - p), p);
			return -1;
		}
		/* a range runs forward through the week, Monday first */
		for (;; a = (a + 1) % 7) {
			m |= 1u << a;
			if (a == b)
				break;
		}
		p = end;
	}
	if (m == 0) {
		snprintf(msg, msgsz, "%s", _("no working days given "
		    "(mon-fri)"));
		return -1;
	}
	*mask = m;
	return 0;
}

int
dt_parse_clock(const char *text)
{
	int h, m;
	char tail;

	if (sscanf(text, "%d:%d%c", &h, &m, &tail) != 2 || h < 0 || h > 23 ||
	    m < 0 || m > 59)
		return -1;
	return h * 60 + m;
}

time_t
dt_next_workday(time_t now, unsigned mask, int minutes, int next_week)
{
	struct tm tm;
	int i;

	if ((mask & 0x7f) == 0)
		mask = DT_WORK_DEFAULT;
	localtime_r(&now, &tm);
	if (next_week)	/* to the Sunday before next Monday */
		tm.tm_mday += tm.tm_wday == 0 ? 0 : 7 - tm.tm_wday;
	for (i = 0; i < 8; i++) {
		tm.tm_mday += 1;
		tm.tm_hour = 12;
		tm.tm_min = tm.tm_sec = 0;
		tm.tm_isdst = -1;
		mktime(&tm);	/* normalises the day, sets tm_wday */
		if (mask & (1u << tm.tm_wday))
			break;
	}
	tm.tm_hour = minutes / 60;
	tm.tm_min = minutes % 60;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}
