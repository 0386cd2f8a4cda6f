/*
 * Recurrence expansion; see include/store/recur.h.
 *
 * libical iterates in the time zone of DTSTART.  We hand it floating
 * (zone-less) local wall-clock times and convert each occurrence back
 * with mktime(3), so the process's TZ rules decide DST, and a meeting at
 * 09:00 stays at 09:00 all year.  UNTIL written in UTC (as RFC 5545 wants
 * for zoned starts) is converted to the same floating local time first,
 * or libical would compare a local 09:00 with a UTC instant.
 *
 * Bounds.  Our step and time budgets run between libical calls, but one
 * call of icalrecur_iterator_next can search for a long time on its own
 * (recur_scan.c says how long).  So before calling libical: a rule that
 * never produces a date is answered by recur_scan in milliseconds; UNTIL
 * is clamped to the window's end (libical 3.0.16 tests UNTIL after every
 * step of its outer loop, so no call walks past the window); and a rule
 * that would have to walk more than RECUR_MAX_WALK candidates to cover
 * the window (a COUNT rule started long ago, FREQ=SECONDLY with a
 * BYHOUR) is refused as "repeats too often" instead of tried.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/ical_api.h"
#include "store/recur.h"

/* 2582-12-31, the last year libical iterates to (MAX_TIME_T_YEAR). */
#define RECUR_FAR	19344441599LL

/* Wall-clock budget of one expansion, on top of the step limit. */
#define RECUR_BUDGET_NS	(250 * 1000 * 1000LL)

/* libical opened (store/ical_api.h), its errors not fatal. */
static int
load_libical(struct so_err *err)
{
	static int done;
	int code;

	if (!done) {
		if ((code = ical_api_load(err)) != SO_OK)
			return code;
		icalerror_set_errors_are_fatal(0);
		done = 1;
	}
	return SO_OK;
}

/* No libical call here (icaltime_null_time is all zeros), so that what
 * only converts a time need not open the library. */
struct icaltimetype
recur_local_time(int64_t t, int is_date)
{
	struct icaltimetype it;
	time_t tt = (time_t)t;
	struct tm tm;

	memset(&it, 0, sizeof(it));
	localtime_r(&tt, &tm);
	it.year = tm.tm_year + 1900;
	it.month = tm.tm_mon + 1;
	it.day = tm.tm_mday;
	if (is_date)
		it.is_date = 1;
	else {
		it.hour = tm.tm_hour;
		it.minute = tm.tm_min;
		it.second = tm.tm_sec;
	}
	return it;
}

static int64_t
from_local_time(struct icaltimetype it)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = it.year - 1900;
	tm.tm_mon = it.month - 1;
	tm.tm_mday = it.day;
	if (!it.is_date) {
		tm.tm_hour = it.hour;
		tm.tm_min = it.minute;
		tm.tm_sec = it.second;
	}
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/*
 * RFC 5545 forbids a numbered BYDAY (1MO, -1FR) unless FREQ is MONTHLY or
 * YEARLY, and with BYWEEKNO; libical expands such a rule anyway, with
 * starts out of order ("FREQ=WEEKLY;BYDAY=1SA,SU") or searching for a
 * minute for none ("FREQ=HOURLY;BYDAY=1MO"), so parse refuses it.
 */
static int
numbered_byday(const struct icalrecurrencetype *r)
{
	int i;

	for (i = 0; i < ICAL_BY_DAY_SIZE &&
	    r->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
		if (icalrecurrencetype_day_position(r->by_day[i]) != 0)
			return 1;
	return 0;
}

/* Sorts a BY list (ended by ICAL_RECURRENCE_ARRAY_MAX) ascending and
 * drops repeated values: libical would make BYHOUR=9,9 09:00 twice. */
static void
sort_by(short *a, int size)
{
	int i, j, n;
	short v;

	for (n = 0; n < size && a[n] != ICAL_RECURRENCE_ARRAY_MAX; n++)
		;
	for (i = 1; i < n; i++) {
		v = a[i];
		for (j = i; j > 0 && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
	for (i = j = 0; i < n; i++)
		if (j == 0 || a[i] != a[j - 1])
			a[j++] = a[i];
	for (; j < n; j++)
		a[j] = ICAL_RECURRENCE_ARRAY_MAX;
}

static int
parse_rule(const char *rrule, struct icalrecurrencetype *r,
    struct so_err *err)
{
	int code;

	if ((code = load_libical(err)) != SO_OK)
		return code;
	if (rrule == NULL || *rrule == '\0')
		return so_err_field(err, SO_EINVAL, "rrule", _("Repeat: empty "
		    "rule"));
	if (strncmp(rrule, "RRULE:", 6) == 0)
		rrule += 6;
	icalerror_clear_errno();
	*r = icalrecurrencetype_from_string(rrule);
	if (r->freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
		icalerror_clear_errno();
		return so_err_field(err, SO_EINVAL, "rrule", _("Repeat: not an "
		    "RFC 5545 rule (e.g. FREQ=WEEKLY;BYDAY=MO,WE)"));
	}
	if (r->interval < 1)
		return so_err_field(err, SO_EINVAL, "rrule",
		    _("Repeat: INTERVAL must be 1 or more"));
	if (numbered_byday(r) && ((r->freq != ICAL_MONTHLY_RECURRENCE &&
	    r->freq != ICAL_YEARLY_RECURRENCE) ||
	    r->by_week_no[0] != ICAL_RECURRENCE_ARRAY_MAX))
		return so_err_field(err, SO_EINVAL, "rrule", _("Repeat: a "
		    "numbered BYDAY (1MO, -1FR) needs FREQ=MONTHLY or YEARLY "
		    "without BYWEEKNO"));
	/* libical expands the times of a day in the order written:
	 * BYHOUR=18,9 would come out 18:00, 09:00. */
	sort_by(r->by_hour, ICAL_BY_HOUR_SIZE);
	sort_by(r->by_minute, ICAL_BY_MINUTE_SIZE);
	sort_by(r->by_second, ICAL_BY_SECOND_SIZE);
	return SO_OK;
}

/*
 * rrule into *r.  libical gives RSCALE as a string of its own that no
 * libical call frees: free(r->rscale) after a success (the iterator
 * reads it until it is freed), and it is freed here on a failure.
 */
static int
parse(const char *rrule, struct icalrecurrencetype *r, struct so_err *err)
{
	int code;

	r->rscale = NULL;
	if ((code = parse_rule(rrule, r, err)) != SO_OK) {
		free(r->rscale);
		r->rscale = NULL;
	}
	return code;
}

/* UNTIL as the floating local time the iteration runs in. */
static void
local_until(struct icalrecurrencetype *r, int all_day)
{
	if (icaltime_is_null_time(r->until))
		return;
	if (!r->until.is_date && icaltime_is_utc(r->until))
		r->until = recur_local_time((int64_t)icaltime_as_timet_with_zone(
		    r->until, icaltimezone_get_utc_timezone()), all_day);
	else if (all_day && !r->until.is_date)
		r->until.is_date = 1;
}

static int
never(struct so_err *err)
{
	return so_err_field(err, SO_EINVAL, "rrule", _("Repeat: the rule never "
	    "produces a date (no day fits its BY parts, e.g. "
	    "BYMONTH=2;BYMONTHDAY=31)"));
}

/* Parsed, with UNTIL in local time, and known to produce a date; on
 * success the caller frees r->rscale (see parse). */
static int
parse_live(const char *rrule, int64_t dtstart, int all_day,
    struct icalrecurrencetype *r, struct icaltimetype *start,
    struct so_err *err)
{
	int code;

	if ((code = parse(rrule, r, err)) != SO_OK)
		return code;
	local_until(r, all_day);
	*start = recur_local_time(dtstart, all_day);
	if (!icaltime_is_null_time(r->until) &&
	    icaltime_compare(r->until, *start) < 0)
		code = so_err_field(err, SO_EINVAL, "rrule", _("Repeat: the "
		    "rule never produces a date (UNTIL is before the start)"));
	else if (!recur_scan(r, *start))
		code = never(err);
	if (code != SO_OK) {
		free(r->rscale);
		r->rscale = NULL;
	}
	return code;
}

int
recur_check(const char *rrule, struct so_err *err)
{
	struct icalrecurrencetype r;
	int code;

	code = parse(rrule, &r, err);
	free(r.rscale);
	return code;
}

int
recur_check_at(const char *rrule, int64_t dtstart, int all_day,
    struct so_err *err)
{
	struct icalrecurrencetype r;
	struct icaltimetype start;
	icalrecur_iterator *it;
	int code;

	if ((code = parse_live(rrule, dtstart, all_day, &r, &start, err)) !=
	    SO_OK)
		return code;
	/* libical refuses some combinations outright (BYMONTHDAY with
	 * FREQ=WEEKLY); the scan above keeps this call short. */
	it = icalrecur_iterator_new(r, start);
	icalerror_clear_errno();
	if (it == NULL)
		code = so_err_field(err, SO_EINVAL, "rrule", _("Repeat: the "
		    "rule never produces a date (its BY parts do not go with "
		    "FREQ=%s)"), icalrecur_freq_to_string(r.freq));
	else
		icalrecur_iterator_free(it);
	free(r.rscale);
	return code;
}

/* Seconds between candidates at the rule's frequency. */
static int64_t
unit_seconds(icalrecurrencetype_frequency f)
{
	switch (f) {
	case ICAL_SECONDLY_RECURRENCE:
		return 1;
	case ICAL_MINUTELY_RECURRENCE:
		return 60;
	case ICAL_HOURLY_RECURRENCE:
		return 3600;
	default:
		return 86400;	/* WEEKLY and longer: a day at most */
	}
}

static int
has(const short *v)
{
	return v[0] != ICAL_RECURRENCE_ARRAY_MAX;
}

static int64_t
count_of(const short *v, size_t size)
{
	size_t i;

	for (i = 0; i < size && v[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
		;
	return i ? (int64_t)i : 1;
}

/* Can a BY part throw candidates away (RFC 5545's "limit")?  Then
 * libical may step many times inside one call between two dates. */
static int
limited(const struct icalrecurrencetype *r)
{
	int day = has(r->by_month) || has(r->by_month_day) ||
	    has(r->by_year_day) || has(r->by_day) || has(r->by_week_no);

	switch (r->freq) {
	case ICAL_SECONDLY_RECURRENCE:
		return day || has(r->by_hour) || has(r->by_minute);
	case ICAL_MINUTELY_RECURRENCE:
		return day || has(r->by_hour);
	case ICAL_HOURLY_RECURRENCE:
	case ICAL_DAILY_RECURRENCE:
		return day;
	case ICAL_WEEKLY_RECURRENCE:
		return has(r->by_month);
	default:
		return has(r->by_year_day) || has(r->by_week_no);
	}
}

/*
 * The most candidates libical may look at to cover [walk_from, to):
 * one per unit, times the date-times BYHOUR/BYMINUTE/BYSECOND make of
 * each.  A rule without limits yields every candidate, so COUNT bounds
 * it too.
 */
static int64_t
walk_estimate(const struct icalrecurrencetype *r, int64_t walk_from,
    int64_t to)
{
	int64_t est, times = 1;

	if (r->freq > ICAL_HOURLY_RECURRENCE)
		times *= count_of(r->by_hour, ICAL_BY_HOUR_SIZE);
	if (r->freq > ICAL_MINUTELY_RECURRENCE)
		times *= count_of(r->by_minute, ICAL_BY_MINUTE_SIZE);
	if (r->freq > ICAL_SECONDLY_RECURRENCE)
		times *= count_of(r->by_second, ICAL_BY_SECOND_SIZE);
	if (!limited(r) && r->count == 0)
		return 0;	/* every step a date: max and the budget bound it */
	if (to > RECUR_FAR)
		to = RECUR_FAR;
	if (walk_from >= to)
		return 0;
	est = (to - walk_from) / (unit_seconds(r->freq) * r->interval) + 1;
	est = est > INT64_MAX / times ? INT64_MAX : est * times;
	if (!limited(r) && r->count > 0 && est > r->count)
		est = r->count;
	return est;
}

static long long
elapsed_ns(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000000000LL +
	    (t1.tv_nsec - t0->tv_nsec);
}

/* The refusal of a rule that repeats too often, told apart from the
 * others by *truncated (the message is in the reader's language). */
static int
too_often(int *truncated, struct so_err *err)
{
	if (truncated)
		*truncated = 1;
	return so_err_field(err, SO_EINVAL, "rrule",
	    _("Repeat: repeats too often to expand"));
}

/*
 * The everyday rules -- FREQ=DAILY or WEEKLY, an INTERVAL, plain
 * weekdays in BYDAY, nothing else -- over a window of at most
 * SIMPLE_MAX_WINDOW are expanded here, without libical: an agenda with
 * a weekly meeting then need not map libical, ICU and libstdc++
 * (include/base/dlib.h), which cost more than the rest of the agenda.
 * The starts are the same local wall-clock times through the same
 * mktime as on the libical path, weeks start on Monday (WKST's
 * default), and a unit test compares the two paths rule by rule
 * (tests/unit/test_recur.c).  Such a rule cannot repeat too often over
 * such a window, and the one kind that never produces a date (below) is
 * left to the libical path, which refuses it.
 */
#define SIMPLE_MAX_WINDOW	(400 * 86400LL)

static int fast_path = 1;

int
recur_fast_path(int on)
{
	int was = fast_path;

	fast_path = on;
	return was;
}

struct simple {
	int		weekly;
	int		interval;
	unsigned	days;		/* bit 0 Monday ... bit 6 Sunday */
};

/* 1 if s is one of the rules above, in *r; 0 for anything else. */
static int
simple_parse(const char *s, struct simple *r)
{
	static const char wd[] = "MOTUWETHFRSASU";
	const char *p, *q, *e;
	int freq = 0, interval = 0, byday = 0, i;
	char *end;
	long v;

	memset(r, 0, sizeof(*r));
	r->interval = 1;
	if (strncmp(s, "RRULE:", 6) == 0)
		s += 6;
	for (p = s; *p != '\0'; p = e + 1) {
		if ((e = strchr(p, ';')) == NULL)
			e = p + strlen(p);
		else if (e[1] == '\0')
			return 0;
		if (!freq && e - p == 10 && strncmp(p, "FREQ=DAILY", 10) == 0)
			freq = 1;
		else if (!freq && e - p == 11 &&
		    strncmp(p, "FREQ=WEEKLY", 11) == 0)
			freq = r->weekly = 1;
		else if (!interval && strncmp(p, "INTERVAL=", 9) == 0) {
			if (p[9] < '1' || p[9] > '9')
				return 0;
			v = strtol(p + 9, &end, 10);
			if (end != e || v > 1000)
				return 0;
			r->interval = (int)v;
			interval = 1;
		} else if (!byday && strncmp(p, "BYDAY=", 6) == 0) {
			for (q = p + 6;; q += 3) {
				if (e - q < 2)
					return 0;
				for (i = 0; i < 7 && strncmp(q, wd + 2 * i, 2);
				    i++)
					;
				if (i == 7)
					return 0;
				r->days |= 1u << i;
				if (q + 2 == e)
					break;
				if (q[2] != ',')
					return 0;
			}
			byday = 1;
		} else
			return 0;
		if (*e == '\0')
			break;
	}
	return freq;
}

/* 0 Monday ... 6 Sunday. */
static int
weekday(int64_t z)
{
	return (int)(((z % 7) + 7 + 3) % 7);
}

/* The local date of t as a day number. */
static int64_t
local_day(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	return dt_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
}

/* recur_expand for the rules above: 1 when done (*out, *n as there),
 * 0 when the rule or the window is not one of these. */
static int
simple_expand(const char *rrule, int64_t dtstart, int all_day,
    int64_t from, int64_t to, size_t max, int64_t **out, size_t *n,
    int *truncated)
{
	struct simple r;
	struct tm st, tm;
	time_t tt = (time_t)dtstart;
	int64_t d0, w0, d, dend, t, *v = NULL;
	size_t cap = 0;
	int y, m, dd, wd;

	if (!fast_path || rrule == NULL || to <= from ||
	    to - from > SIMPLE_MAX_WINDOW || to >= RECUR_FAR ||
	    from <= -RECUR_FAR || !simple_parse(rrule, &r))
		return 0;
	localtime_r(&tt, &st);
	d0 = dt_days_from_civil(st.tm_year + 1900, st.tm_mon + 1, st.tm_mday);
	if (r.weekly && r.days == 0)
		r.days = 1u << weekday(d0);
	/* Every seventh day or a multiple is always DTSTART's weekday: a
	 * BYDAY without it never produces a date, which the libical path
	 * refuses by name (recur_scan). */
	if (!r.weekly && r.days != 0 && r.interval % 7 == 0 &&
	    (r.days & (1u << weekday(d0))) == 0)
		return 0;
	w0 = d0 - weekday(d0);		/* the Monday of DTSTART's week */
	/* A day either side: the window's ends are instants, the days
	 * local dates. */
	if ((d = local_day(from) - 1) < d0)
		d = d0;
	dend = local_day(to) + 1;
	for (; d <= dend; d++) {
		wd = weekday(d);
		if (r.days != 0 && (r.days & (1u << wd)) == 0)
			continue;
		if (r.weekly ? ((d - wd - w0) / 7) % r.interval != 0 :
		    (d - d0) % r.interval != 0)
			continue;
		dt_civil_from_days(d, &y, &m, &dd);
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = y - 1900;
		tm.tm_mon = m - 1;
		tm.tm_mday = dd;
		if (!all_day) {
			tm.tm_hour = st.tm_hour;
			tm.tm_min = st.tm_min;
			tm.tm_sec = st.tm_sec;
		}
		tm.tm_isdst = -1;
		t = (int64_t)mktime(&tm);
		if (t >= to)
			break;
		if (t < from || t < dtstart)
			continue;
		if (*n > 0 && t == v[*n - 1])
			continue;
		if (*n == max) {
			if (truncated)
				*truncated = 1;
			break;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[(*n)++] = t;
	}
	*out = v;
	return 1;
}

int
recur_expand(const char *rrule, int64_t dtstart, int all_day, int64_t from,
    int64_t to, size_t max, int64_t **out, size_t *n, int *truncated,
    struct so_err *err)
{
	struct icalrecurrencetype r;
	struct icaltimetype next, start, lim;
	icalrecur_iterator *it;
	struct timespec t0;
	int64_t *v = NULL, t, walk_from;
	size_t cap = 0, steps = 0;
	int code;

	*out = NULL;
	*n = 0;
	if (truncated)
		*truncated = 0;
	if (simple_expand(rrule, dtstart, all_day, from, to, max, out, n,
	    truncated))
		return SO_OK;
	if ((code = parse_live(rrule, dtstart, all_day, &r, &start, err)) !=
	    SO_OK)
		return code;
	walk_from = r.count == 0 && from - 86400 > dtstart ? from - 86400 :
	    dtstart;
	/* No call may walk past the window (see the top of the file);
	 * a window open to the end of time ends with libical's years. */
	lim = recur_local_time(to < RECUR_FAR ? to : RECUR_FAR, all_day);
	if (icaltime_is_null_time(r.until) ||
	    icaltime_compare(r.until, lim) > 0)
		r.until = lim;
	it = icalrecur_iterator_new(r, start);
	if (it == NULL) {
		icalerror_clear_errno();
		free(r.rscale);
		return so_err_field(err, SO_EINVAL, "rrule",
		    _("Repeat: the rule cannot be expanded"));
	}
	if (walk_estimate(&r, walk_from, from_local_time(r.until)) >
	    RECUR_MAX_WALK) {
		code = too_often(truncated, err);
		goto fail;
	}
	/* Jump close to the window instead of walking from DTSTART; a day
	 * early, so an occurrence on the window's first day is not lost to
	 * libical's own rounding.  COUNT needs the walk from the start. */
	if (walk_from > dtstart)
		(void)icalrecur_iterator_set_start(it,
		    recur_local_time(walk_from, all_day));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		next = icalrecur_iterator_next(it);
		if (icaltime_is_null_time(next))
			break;
		if (++steps > RECUR_MAX_STEPS || ((steps & 1023) == 0 &&
		    elapsed_ns(&t0) > RECUR_BUDGET_NS)) {
			code = too_often(truncated, err);
			goto fail;
		}
		t = from_local_time(next);
		if (t >= to)
			break;
		if (t < from || t < dtstart)
			continue;
		/* An all-day rule finer than a day (FREQ=HOURLY) makes the
		 * same midnight again: a duplicate counts once (RFC 5545
		 * 3.8.5.3). */
		if (*n > 0 && t == v[*n - 1])
			continue;
		if (*n == max) {
			if (truncated)
				*truncated = 1;
			break;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[(*n)++] = t;
	}
	icalrecur_iterator_free(it);
	icalerror_clear_errno();
	free(r.rscale);
	*out = v;
	return SO_OK;
fail:
	icalrecur_iterator_free(it);
	icalerror_clear_errno();
	free(r.rscale);
	free(v);
	*n = 0;
	return code;
}
