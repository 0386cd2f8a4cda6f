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
 */
#ifndef STORE_RECUR_H
#define STORE_RECUR_H

#include <stddef.h>
#include <stdint.h>

#include <libical/ical.h>

#include "err.h"

#define RECUR_MAX_STEPS	200000

/* Check that rrule parses and is one we can expand; the message names
 * the problem ("Repeat: unknown FREQ"). */
int	recur_check(const char *rrule, struct so_err *err);

/*
 * The starts (Unix seconds) of the occurrences of the event starting at
 * dtstart with rule rrule that fall in [from, to), ascending, at most
 * max of them, in a malloc'ed array (*out, *n).  all_day: the rule
 * counts days (DTSTART;VALUE=DATE) and each start is a local midnight.
 */
int	recur_expand(const char *rrule, int64_t dtstart, int all_day,
	    int64_t from, int64_t to, size_t max, int64_t **out, size_t *n,
	    int *truncated, struct so_err *err);

/* t as a floating (zone-less) local wall-clock time; a DATE with is_date.
 * What the expansion iterates on, and how the export writes local times
 * under a TZID. */
struct icaltimetype recur_local_time(int64_t t, int is_date);

#endif
