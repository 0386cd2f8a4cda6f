/* Shared set-up for store tests: a fresh database in the test's tmpdir. */
#ifndef TESTS_FIXTURE_H
#define TESTS_FIXTURE_H

#include <time.h>

#include "store/db.h"

/* 2026-11-23 09:00 Moscow time, the "now" store tests run at. */
#define FIXTURE_NOW	((time_t)1795413600)

/* Opens (creating) harness_path(name), logged in as "anna", clock pinned. */
struct db	*fixture_open(const char *name);
/* SHA-256-free checksum of a file's bytes (FNV-1a 64), and its size. */
unsigned long long fixture_file_sum(const char *path, long long *size);
/* Runs sql returning one integer (for assertions), -1 on error. */
long long	 fixture_int(struct db *db, const char *sql);

#endif
