/*
 * libFuzzer target: RRULE check and expansion (include/store/recur.h).
 * The first byte is the options, the rest the rule text:
 *
 *	bit  0    all-day (DTSTART;VALUE=DATE) or a 09:30 start
 *	bits 1-2  the window: the first year; a year ten years on; the
 *		  month before DTSTART and the one after; the first day
 *	bits 3-4  at most 1, 10, 500 or 5000 occurrences
 *
 * DTSTART is fixed (FUZZ_NOW's day), never the clock.  recur_check runs
 * on every rule, recur_expand on those it accepts, and the promises of
 * the header are checked: starts ascending, inside the window, no more
 * than max.  recur.c bounds an expansion by steps and by a 250 ms
 * budget; the runs use -timeout=10 (tests/fuzz/README).
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "store/recur.h"

#define DAY	86400LL
#define YEAR	(365 * DAY)

static void
check(int ok, const char *what, const char *rule)
{
	if (!ok) {
		fprintf(stderr, "%s: \"%s\"\n", what, rule);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t maxes[] = { 1, 10, 500, 5000 };
	struct so_err err = { 0 };
	int64_t dtstart, from, to, *v = NULL;
	size_t n = 0, i, max;
	int all_day, truncated = 0;
	char *rule;

	if (size < 1)
		return 0;
	fuzz_setup();
	all_day = data[0] & 1;
	/* 00:00 or 09:30 of FUZZ_NOW's day (08:00 Moscow, UTC+3) */
	dtstart = (int64_t)FUZZ_NOW - 8 * 3600 + (all_day ? 0 : 9 * 3600 +
	    1800);
	switch (data[0] >> 1 & 3) {
	case 0: from = dtstart; to = dtstart + YEAR; break;
	case 1: from = dtstart + 10 * YEAR; to = from + YEAR; break;
	case 2: from = dtstart - 30 * DAY; to = dtstart + 30 * DAY; break;
	default: from = dtstart; to = dtstart + DAY; break;
	}
	max = maxes[data[0] >> 3 & 3];
	rule = fuzz_text(data + 1, size - 1);
	if (recur_check(rule, &err) == SO_OK &&
	    recur_expand(rule, dtstart, all_day, from, to, max, &v, &n,
	    &truncated, &err) == SO_OK) {
		check(n <= max, "more occurrences than max", rule);
		for (i = 0; i < n; i++) {
			check(v[i] >= from && v[i] < to,
			    "an occurrence outside the window", rule);
			check(i == 0 || v[i - 1] < v[i],
			    "occurrences not ascending", rule);
		}
	}
	free(v);
	free(rule);
	return 0;
}
