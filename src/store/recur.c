/*
 * Recurrence expansion; see include/store/recur.h.
 *
 * libical iterates in the time zone of DTSTART.  We hand it floating
 * (zone-less) local wall-clock times and convert each occurrence back
 * with mktime(3), so the process's TZ rules decide DST, and a meeting at
 * 09:00 stays at 09:00 all year.  UNTIL written in UTC (as RFC 5545 wants
 * for zoned starts) is converted to the same floating local time first,
 * or libical would compare a local 09:00 with a UTC instant.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/recur.h"
#include "util.h"

/* Wall-clock budget of one expansion, on top of the step limit. */
#define RECUR_BUDGET_NS	(250 * 1000 * 1000LL)

static void
quiet_libical(void)
{
	static int done;

	if (!done) {
		icalerror_set_errors_are_fatal(0);
		done = 1;
	}
}

struct icaltimetype
recur_local_time(int64_t t, int is_date)
{
	struct icaltimetype it = icaltime_null_time();
	time_t tt = (time_t)t;
	struct tm tm;

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

/* Sorts a BY list (ended by ICAL_RECURRENCE_ARRAY_MAX) ascending. */
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
}

static int
parse_rule(const char *rrule, struct icalrecurrencetype *r,
    struct so_err *err)
{
	quiet_libical();
	if (rrule == NULL || *rrule == '\0')
		return so_err_field(err, SO_EINVAL, "rrule", "Repeat: empty rule");
	if (strncmp(rrule, "RRULE:", 6) == 0)
		rrule += 6;
	icalerror_clear_errno();
	*r = icalrecurrencetype_from_string(rrule);
	if (r->freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
		icalerror_clear_errno();
		return so_err_field(err, SO_EINVAL, "rrule", "Repeat: not an "
		    "RFC 5545 rule (e.g. FREQ=WEEKLY;BYDAY=MO,WE)");
	}
	if (r->interval < 1)
		return so_err_field(err, SO_EINVAL, "rrule",
		    "Repeat: INTERVAL must be 1 or more");
	if (numbered_byday(r) && ((r->freq != ICAL_MONTHLY_RECURRENCE &&
	    r->freq != ICAL_YEARLY_RECURRENCE) ||
	    r->by_week_no[0] != ICAL_RECURRENCE_ARRAY_MAX))
		return so_err_field(err, SO_EINVAL, "rrule", "Repeat: a "
		    "numbered BYDAY (1MO, -1FR) needs FREQ=MONTHLY or YEARLY "
		    "without BYWEEKNO");
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

int
recur_check(const char *rrule, struct so_err *err)
{
	struct icalrecurrencetype r;
	int code;

	code = parse(rrule, &r, err);
	free(r.rscale);
	return code;
}

static long long
elapsed_ns(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000000000LL +
	    (t1.tv_nsec - t0->tv_nsec);
}

int
recur_expand(const char *rrule, int64_t dtstart, int all_day, int64_t from,
    int64_t to, size_t max, int64_t **out, size_t *n, int *truncated,
    struct so_err *err)
{
	struct icalrecurrencetype r;
	struct icaltimetype next;
	icalrecur_iterator *it;
	struct timespec t0;
	int64_t *v = NULL, t;
	size_t cap = 0, steps = 0;
	int code;

	*out = NULL;
	*n = 0;
	if (truncated)
		*truncated = 0;
	if ((code = parse(rrule, &r, err)) != SO_OK)
		return code;
	if (!icaltime_is_null_time(r.until) && !r.until.is_date &&
	    icaltime_is_utc(r.until))
		r.until = recur_local_time((int64_t)icaltime_as_timet_with_zone(
		    r.until, icaltimezone_get_utc_timezone()), all_day);
	else if (!icaltime_is_null_time(r.until) && all_day && !r.until.is_date)
		r.until.is_date = 1;
	it = icalrecur_iterator_new(r, recur_local_time(dtstart, all_day));
	if (it == NULL) {
		icalerror_clear_errno();
		free(r.rscale);
		return so_err_field(err, SO_EINVAL, "rrule",
		    "Repeat: the rule cannot be expanded");
	}
	/* Jump close to the window instead of walking from DTSTART; a day
	 * early, so an occurrence on the window's first day is not lost to
	 * libical's own rounding.  COUNT needs the walk from the start. */
	if (r.count == 0 && from - 86400 > dtstart)
		(void)icalrecur_iterator_set_start(it,
		    recur_local_time(from - 86400, all_day));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		next = icalrecur_iterator_next(it);
		if (icaltime_is_null_time(next))
			break;
		if (++steps > RECUR_MAX_STEPS || ((steps & 1023) == 0 &&
		    elapsed_ns(&t0) > RECUR_BUDGET_NS)) {
			code = so_err_field(err, SO_EINVAL, "rrule",
			    "Repeat: repeats too often to expand");
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
