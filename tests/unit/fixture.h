/* Shared set-up for store tests: a fresh database in the test's tmpdir. */
#ifndef TESTS_FIXTURE_H
#define TESTS_FIXTURE_H

#include <time.h>

#include <stdint.h>

#include "doc/doc.h"
#include "store/acl.h"
#include "store/db.h"
#include "store/entity.h"
#include "store/lookup.h"

/* 2026-11-23 09:00 Moscow time, the "now" store tests run at. */
#define FIXTURE_NOW	((time_t)1795413600)

/* Opens (creating) harness_path(name), logged in as "anna", clock pinned. */
struct db	*fixture_open(const char *name);
/* SHA-256-free checksum of a file's bytes (FNV-1a 64), and its size. */
/* Adds login with role to db, whoever is logged in. */
void		 fixture_user(struct db *db, const char *login,
		    enum role role);
unsigned long long fixture_file_sum(const char *path, long long *size);
/* Runs sql returning one integer (for assertions), -1 on error. */
long long	 fixture_int(struct db *db, const char *sql);

/* The id of the lookup row with this code (SO_NULL for none or NULL). */
int64_t		 fixture_code_id(struct db *db, enum lookup_table t,
		    const char *code);
/* "2026-11-16 10:00" (any dt_parse_moment form, relative to
 * FIXTURE_NOW) as Unix time; a failed check when it does not parse. */
int64_t		 fixture_moment(const char *text);
/* The n-th table (from 0) of a built document, or NULL. */
struct doc_table *fixture_doc_table(const struct doc *d, int n);

#endif
