/*
 * Recurring events: RFC 5545 RRULE text expanded with libical's
 * recurrence iterator.
 *
 * The rule runs in local wall-clock time, as people mean it: a weekly
 * 09:00 meeting stays at 09:00 across a daylight-saving change.  A start
 * that falls in a spring-forward gap is moved forward by the gap, as
 * mktime(3) does.
 *
 * Expansion is bounded: a rule that would generate more than
 * RECUR_MAX_STEPS candidates before leaving the window (FREQ=SECONDLY
 * with no end, say) stops with SO_EINVAL "repeats too often", and at most
 * `max` occurrences are returned (the rest of the window is dropped and
 * *truncated is set).  No rule can hang the caller.
 *
 * Nor can one libical call: a rule that never produces a date is found
 * by recur_scan (at most a few milliseconds) and refused, UNTIL is
 * clamped to the window, and a rule that would have to walk more than
 * RECUR_MAX_WALK candidates to cover the window is refused too (see
 * src/store/recur.c).
 */
#ifndef STORE_RECUR_H
#define STORE_RECUR_H

#include <stddef.h>
#include <stdint.h>

#include <libical/ical.h>

#include "base/err.h"

#define RECUR_MAX_STEPS	200000
/* Candidates one expansion may have libical look at when its BY parts
 * can throw them away: about 50 ms of libical at its slowest. */
#define RECUR_MAX_WALK	20000

/* Check that rrule parses and is one we can expand; the message names
 * the problem ("Repeat: unknown FREQ"). */
int	recur_check(const char *rrule, struct so_err *err);

/* recur_check, and the rule produces at least one date for an event
 * starting at dtstart (a DATE with all_day): "Repeat: the rule never
 * produces a date (...)" if UNTIL is before the start, no day fits its
 * BY parts, or libical will not expand it.  What writes call. */
int	recur_check_at(const char *rrule, int64_t dtstart, int all_day,
	    struct so_err *err);

/* 0 if the parsed rule r (UNTIL already in DTSTART's local time) can
 * never produce a date on or after dtstart, else 1.  No libical
 * iteration, a few milliseconds at most; "never" is certain, 1 may
 * still be a rule libical finds nothing for (src/store/recur_scan.c). */
int	recur_scan(const struct icalrecurrencetype *r,
	    struct icaltimetype dtstart);

/*
 * The starts (Unix seconds) of the occurrences of the event starting at
 * dtstart with rule rrule that fall in [from, to), ascending, at most
 * max of them, in a malloc'ed array (*out, *n).  all_day: the rule
 * counts days (DTSTART;VALUE=DATE) and each start is a local midnight.
 * *truncated (when not NULL): set when there were more than max; on a
 * failure, set when the rule repeats too often to expand.
 */
int	recur_expand(const char *rrule, int64_t dtstart, int all_day,
	    int64_t from, int64_t to, size_t max, int64_t **out, size_t *n,
	    int *truncated, struct so_err *err);

/* Whether recur_expand may expand the everyday rules (DAILY or WEEKLY,
 * INTERVAL, plain BYDAY) over a window of up to 400 days itself,
 * without libical: on (1) unless a test turns it off to compare the two
 * paths.  Returns what it was. */
int	recur_fast_path(int on);

/* t as a floating (zone-less) local wall-clock time; a DATE with is_date.
 * What the expansion iterates on, and how the export writes local times
 * under a TZID. */
struct icaltimetype recur_local_time(int64_t t, int is_date);

#endif
