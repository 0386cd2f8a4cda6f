/*
 * What the libFuzzer targets in tests/fuzz/ share: one scratch database
 * per process (the unit tests' fixture, logged in as "anna", clock
 * pinned), the fixed "now" every target runs at, and the input as the
 * NUL-terminated text or the file on disk that the product's entry
 * points want.  See tests/fuzz/README.
 *
 * Each run is kept from the next: fuzz_begin opens a transaction that
 * the import under test nests in (store/db.c counts the depth), and
 * fuzz_end rolls it back, so every input meets the same empty database
 * and a crash reproduces from its input alone.
 */
#ifndef TESTS_FUZZ_H
#define TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/db.h"

/* 2026-12-05 08:00 Moscow time (UTC+3), a Saturday: relative dates,
 * weekday names and RRULE windows are computed from here.  Never the
 * wall clock, so that a finding reproduces on any day. */
#define FUZZ_NOW	((time_t)1796446800)

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* TZ Europe/Moscow and a UTF-8 locale, once; every target calls it. */
void	 fuzz_setup(void);
/* The process's database, opened on first use, in a transaction that
 * fuzz_end rolls back. */
struct db *fuzz_begin(void);
void	 fuzz_end(struct db *db);
/* data[0..size) as a NUL-terminated string (freed by the caller): an
 * embedded NUL ends the text early, as it would for the product. */
char	*fuzz_text(const uint8_t *data, size_t size);
/* data[0..size) written to the process's scratch file with suffix
 * (".xlsx"): its path, valid until the next call. */
const char *fuzz_file(const uint8_t *data, size_t size, const char *suffix);

#endif
