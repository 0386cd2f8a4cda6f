/*
 * Does a repeat rule ever produce a date?  A cheap answer without
 * libical; see recur_scan in include/store/recur.h.
 *
 * Why not ask libical: for a rule that never matches, libical 3.0.16
 * searches inside ONE call with no way to stop it.  FREQ=DAILY with
 * BYMONTH=2;BYMONTHDAY=31 walks day by day to the year 2582 (0.5 s);
 * HOURLY the same hour by hour (9 s); MONTHLY and YEARLY rules whose
 * periods are all empty (BYSETPOS=6 of a month's Mondays) loop in
 * icalrecur_iterator_new to the year 20000 (up to 1 s).  Our own
 * budgets run between calls, too late.
 *
 * How: the Gregorian calendar repeats every 400 years (146 097 days,
 * exactly 20 871 weeks), so if no day of one cycle of the rule's periods
 * matches, none ever will.  We walk the periods the rule visits from
 * DTSTART (years, months, weeks or days, INTERVAL apart) for one cycle,
 * building each period's set of days from the BY parts as RFC 5545 says
 * and libical does, and stop at the first day on or after DTSTART.
 * That costs at most a few milliseconds, and a rule that does match
 * stops within its first period or so.
 *
 * The answer errs one way only: where we are unsure of libical's
 * reading (BYWEEKNO at a year's edge, BYDAY ordinals with BYWEEKNO,
 * times of day, BYSETPOS outside MONTHLY and YEARLY) we
 * count the day as matching.  "Never" is then certain and safe to
 * refuse; "occurs" may still be a rule libical finds nothing for, which
 * recur_expand bounds by clamping UNTIL to its window instead.
 */
#include <string.h>
#include <strings.h>

#include "base/datetime.h"
#include "store/ical_api.h"
#include "store/recur.h"

#define CYCLE_YEARS	400
#define CYCLE_DAYS	146097L
#define CYCLE_WEEKS	20871L
#define LAST_YEAR	2582	/* libical's MAX_TIME_T_YEAR */

struct scan {
	const struct icalrecurrencetype *r;
	struct icaltimetype start;
	long start_dn;		/* DTSTART's day number */
	int wkst;		/* 1 = Sunday .. 7 = Saturday, as libical */
};

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return m == 2 && leap(y) ? 29 : n[m - 1];
}

static int
ydays(int y)
{
	return leap(y) ? 366 : 365;
}

/* 1 = Sunday .. 7 = Saturday; 1970-01-01 was a Thursday. */
static int
wday(long dn)
{
	long w = (dn + 4) % 7;

	return (int)(w < 0 ? w + 7 : w) + 1;
}

static int
has(const short *v)
{
	return v[0] != ICAL_RECURRENCE_ARRAY_MAX;
}

/* Is pos (1-based) or neg (counted from the end, -1 last) listed? */
static int
listed(const short *v, size_t size, int pos, int neg)
{
	size_t i;

	for (i = 0; i < size && v[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
		if (v[i] == pos || v[i] == neg)
			return 1;
	return 0;
}

#define LISTED(a, p, n)	listed((a), sizeof(a) / sizeof((a)[0]), (p), (n))

static int
month_ok(const struct scan *s, int m)
{
	const short *v = s->r->by_month;
	int i;

	if (!has(v))
		return 1;
	for (i = 0; i < ICAL_BY_MONTH_SIZE && v[i] !=
	    ICAL_RECURRENCE_ARRAY_MAX; i++)
		if (!icalrecurrencetype_month_is_leap(v[i]) &&
		    icalrecurrencetype_month_month(v[i]) == m)
			return 1;
	return 0;
}

/*
 * BYDAY for day dn.  nth/nthneg: its place among the same weekdays of
 * the month or year (1 first, -1 last).  ordinals: 0 ignores them (any
 * entry of the weekday matches), 1 honours them, -1 lets only plain
 * entries match (how libical compares them below FREQ=WEEKLY).
 */
static int
byday_ok(const struct scan *s, long dn, int nth, int nthneg, int ordinals)
{
	const short *v = s->r->by_day;
	int i, w = wday(dn), pos;

	for (i = 0; i < ICAL_BY_DAY_SIZE && v[i] != ICAL_RECURRENCE_ARRAY_MAX;
	    i++) {
		if ((int)icalrecurrencetype_day_day_of_week(v[i]) != w)
			continue;
		pos = icalrecurrencetype_day_position(v[i]);
		if (pos == 0 || ordinals == 0 || (ordinals > 0 &&
		    (pos == nth || pos == nthneg)))
			return 1;
	}
	return 0;
}

/* The first day of week 1 of year y: the week (from WKST) holding at
 * least four of its days. */
static long
week1(const struct scan *s, int y)
{
	long jan1 = dt_days_from_civil(y, 1, 1);
	int off = (wday(jan1) - s->wkst + 7) % 7;

	return off <= 3 ? jan1 - off : jan1 + 7 - off;
}

/* BYWEEKNO for day dn of year y; a day in another year's week counts
 * as matching (we are unsure how libical numbers it). */
static int
weekno_ok(const struct scan *s, int y, long dn)
{
	long w1 = week1(s, y), w1next = week1(s, y + 1);
	int weeks = (int)((w1next - w1) / 7), wn;

	if (dn < w1 || dn >= w1next)
		return 1;
	wn = (int)((dn - w1) / 7) + 1;
	return LISTED(s->r->by_week_no, wn, wn - weeks - 1);
}

/* The limits a day must pass below FREQ=WEEKLY, where every BY part of
 * a day or longer only removes candidates.  libical 3.0.16 compares
 * BYMONTHDAY and BYYEARDAY there with the day's number as written, so
 * a negative one (-1, the last day) never matches; we say the same. */
static int
day_ok(const struct scan *s, long dn)
{
	const struct icalrecurrencetype *r = s->r;
	int y, m, d, yd;

	dt_civil_from_days(dn, &y, &m, &d);
	if (!month_ok(s, m))
		return 0;
	if (has(r->by_month_day) && !LISTED(r->by_month_day, d, d))
		return 0;
	yd = (int)(dn - dt_days_from_civil(y, 1, 1)) + 1;
	if (has(r->by_year_day) && !LISTED(r->by_year_day, yd, yd))
		return 0;
	if (has(r->by_day) && !byday_ok(s, dn, 0, 0, -1))
		return 0;
	return 1;
}

/*
 * BYSETPOS over a period's n candidate days (in[i] set): keeps only the
 * days at a listed position.  libical 3.0.16 counts days, not the
 * date-times BYHOUR makes of them (RFC 5545 counts those); we count as
 * it does, since it is what expands the rule.  Returns the days left.
 */
static int
setpos(const struct scan *s, unsigned char *in, int n, int days)
{
	unsigned char keep[367];
	const short *v = s->r->by_set_pos;
	int i, j, k, total = days, idx, left = 0;

	if (!has(v))
		return days;
	memset(keep, 0, sizeof(keep));
	for (i = 0; i < ICAL_BY_SETPOS_SIZE && v[i] !=
	    ICAL_RECURRENCE_ARRAY_MAX; i++) {
		idx = v[i] > 0 ? v[i] - 1 : total + v[i];
		if (idx < 0 || idx >= total)
			continue;
		for (j = 1, k = 0; j <= n; j++)
			if (in[j] && k++ == idx)
				keep[j] = 1;
	}
	for (j = 1; j <= n; j++)
		left += (in[j] = keep[j]);
	return left;
}

/* FREQ=MONTHLY: the days of month m of year y, in[1..31]. */
static int
month_set(const struct scan *s, int y, int m, unsigned char *in)
{
	const struct icalrecurrencetype *r = s->r;
	int n = mdays(y, m), d, ok, days = 0;
	long dn0 = dt_days_from_civil(y, m, 1), jan1 = dt_days_from_civil(y, 1, 1);

	memset(in, 0, 32);
	if (!month_ok(s, m))
		return 0;
	for (d = 1; d <= n; d++) {
		if (has(r->by_month_day))
			ok = LISTED(r->by_month_day, d, d - n - 1);
		else
			ok = has(r->by_day) || has(r->by_year_day) ||
			    d == s->start.day;
		if (ok && has(r->by_day))
			ok = byday_ok(s, dn0 + d - 1, (d - 1) / 7 + 1,
			    -((n - d) / 7 + 1), 1);
		if (ok && has(r->by_year_day)) {
			int yd = (int)(dn0 + d - 1 - jan1) + 1;

			ok = LISTED(r->by_year_day, yd, yd - ydays(y) - 1);
		}
		days += (in[d] = (unsigned char)ok);
	}
	return setpos(s, in, n, days);
}

/* Does day yd (month m, day d) of year y pass a YEARLY rule's BY parts? */
static int
year_day_ok(const struct scan *s, int y, int yd, int m, int d)
{
	const struct icalrecurrencetype *r = s->r;
	long dn = dt_days_from_civil(y, 1, 1) + yd - 1;
	int ylen = ydays(y), n = mdays(y, m);

	if (has(r->by_month) && !month_ok(s, m))
		return 0;
	if (has(r->by_week_no) && !weekno_ok(s, y, dn))
		return 0;
	if (has(r->by_year_day) && !LISTED(r->by_year_day, yd, yd - ylen - 1))
		return 0;
	if (has(r->by_month_day) && !LISTED(r->by_month_day, d, d - n - 1))
		return 0;
	if (has(r->by_day)) {
		if (has(r->by_week_no))
			return byday_ok(s, dn, 0, 0, 0);
		if (has(r->by_month))
			return byday_ok(s, dn, (d - 1) / 7 + 1,
			    -((n - d) / 7 + 1), 1);
		return byday_ok(s, dn, (yd - 1) / 7 + 1,
		    -((ylen - yd) / 7 + 1), 1);
	}
	if (has(r->by_week_no) || has(r->by_year_day) ||
	    has(r->by_month_day))
		return 1;
	/* Nothing below the month: DTSTART's day (and month). */
	return d == s->start.day && (has(r->by_month) ||
	    m == s->start.month);
}

/* FREQ=YEARLY: the days of year y, in[1..366]. */
static int
year_set(const struct scan *s, int y, unsigned char *in)
{
	int yd = 1, m, d, days = 0;

	memset(in, 0, 367);
	for (m = 1; m <= 12; m++)
		for (d = 1; d <= mdays(y, m); d++, yd++)
			days += (in[yd] = (unsigned char)year_day_ok(s, y, yd,
			    m, d));
	return setpos(s, in, ydays(y), days);
}

/* The first day in[] (day dn0 + i - 1 for in[i]) on or after DTSTART;
 * -1 if none. */
static long
first_in(const struct scan *s, const unsigned char *in, int n, long dn0)
{
	int i;

	for (i = 1; i <= n; i++)
		if (in[i] && dn0 + i - 1 >= s->start_dn)
			return dn0 + i - 1;
	return -1;
}

static long
scan_yearly(const struct scan *s)
{
	unsigned char in[367];
	long k, dn;
	int y;

	for (k = 0; k < CYCLE_YEARS; k++) {
		y = s->start.year + (int)(k * s->r->interval);
		if (y > LAST_YEAR)
			break;
		if (year_set(s, y, in) > 0 &&
		    (dn = first_in(s, in, ydays(y), dt_days_from_civil(y, 1, 1))) >= 0)
			return dn;
	}
	return -1;
}

static long
scan_monthly(const struct scan *s)
{
	unsigned char in[32];
	long k, mi, dn, m0 = s->start.year * 12L + s->start.month - 1;
	int y, m;

	for (k = 0; k < CYCLE_YEARS * 12; k++) {
		mi = m0 + k * s->r->interval;
		y = (int)(mi / 12);
		m = (int)(mi % 12) + 1;
		if (y > LAST_YEAR)
			break;
		if (month_set(s, y, m, in) > 0 &&
		    (dn = first_in(s, in, mdays(y, m), dt_days_from_civil(y, m, 1))) >= 0)
			return dn;
	}
	return -1;
}

static long
scan_weekly(const struct scan *s)
{
	long k, i, dn, ws0;
	int y, m, d, ok;

	ws0 = s->start_dn - (wday(s->start_dn) - s->wkst + 7) % 7;
	for (k = 0; k < CYCLE_WEEKS; k++)
		for (i = 0; i < 7; i++) {
			dn = ws0 + 7 * k * s->r->interval + i;
			if (dn < s->start_dn)
				continue;
			dt_civil_from_days(dn, &y, &m, &d);
			if (y > LAST_YEAR)
				return -1;
			ok = has(s->r->by_day) ? byday_ok(s, dn, 0, 0, 0) :
			    wday(dn) == wday(s->start_dn);
			if (ok && month_ok(s, m))
				return dn;
		}
	return -1;
}

/* DAILY steps INTERVAL days; HOURLY and finer may land on any day, as
 * far as we know. */
static long
scan_daily(const struct scan *s, int step)
{
	long k, dn;

	for (k = 0; k < CYCLE_DAYS; k++) {
		dn = s->start_dn + k * step;
		if (dn >= dt_days_from_civil(LAST_YEAR + 1, 1, 1))
			break;
		if (day_ok(s, dn))
			return dn;
	}
	return -1;
}

int
recur_scan(const struct icalrecurrencetype *r, struct icaltimetype dtstart)
{
	struct scan s;
	long dn;

	if (r->rscale && *r->rscale && strcasecmp(r->rscale, "GREGORIAN"))
		return 1;	/* another calendar: we cannot tell */
	if (r->interval < 1)
		return 0;
	memset(&s, 0, sizeof(s));
	s.r = r;
	s.start = dtstart;
	s.start_dn = dt_days_from_civil(dtstart.year, dtstart.month, dtstart.day);
	s.wkst = r->week_start >= ICAL_SUNDAY_WEEKDAY &&
	    r->week_start <= ICAL_SATURDAY_WEEKDAY ? (int)r->week_start :
	    ICAL_MONDAY_WEEKDAY;
	switch (r->freq) {
	case ICAL_YEARLY_RECURRENCE:
		dn = scan_yearly(&s);
		break;
	case ICAL_MONTHLY_RECURRENCE:
		dn = scan_monthly(&s);
		break;
	case ICAL_WEEKLY_RECURRENCE:
		dn = scan_weekly(&s);
		break;
	case ICAL_DAILY_RECURRENCE:
		dn = scan_daily(&s, r->interval);
		break;
	default:
		dn = scan_daily(&s, 1);
		break;
	}
	if (dn < 0)
		return 0;
	if (!icaltime_is_null_time(r->until) &&
	    dt_days_from_civil(r->until.year, r->until.month, r->until.day) < dn)
		return 0;
	return 1;
}
