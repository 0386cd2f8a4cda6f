/*
 * What the unit tests share: a fresh database in the test's tmpdir and
 * its users, the records of a test's world, another process holding the
 * write lock, hostile input, and small readers for assertions.
 */
#ifndef TESTS_FIXTURE_H
#define TESTS_FIXTURE_H

#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "doc/doc.h"
#include "store/acl.h"
#include "store/db.h"
#include "store/entity.h"
#include "store/lookup.h"

/* 2026-11-23 09:00 Moscow time, the "now" store tests run at. */
#define FIXTURE_NOW	((time_t)1795413600)

/* Opens (creating) harness_path(name), logged in as "anna", clock pinned. */
struct db	*fixture_open(const char *name);
/* Adds login with role to db, whoever is logged in. */
void		 fixture_user(struct db *db, const char *login,
		    enum role role);
/* SHA-256-free checksum of a file's bytes (FNV-1a 64), and its size. */
unsigned long long fixture_file_sum(const char *path, long long *size);
/* Runs sql returning one integer (for assertions), -1 on error. */
long long	 fixture_int(struct db *db, const char *sql);
void		 fixture_reindex(struct db *db);

/* The id of the lookup row with this code (SO_NULL for none or NULL). */
int64_t		 fixture_code_id(struct db *db, enum lookup_table t,
		    const char *code);
/* "2026-11-16 10:00" (any dt_parse_moment form, relative to
 * FIXTURE_NOW) as Unix time; a failed check when it does not parse. */
int64_t		 fixture_moment(const char *text);
/* The n-th table (from 0) of a built document, or NULL. */
struct doc_table *fixture_doc_table(const struct doc *d, int n);
/* Whether some heading or paragraph of d contains text. */
int		 fixture_doc_has_text(const struct doc *d, const char *text);
/* Row r of t joined "a|b|c" (caller frees), "" when out of range. */
char		*fixture_doc_row(const struct doc_table *t, size_t r);
/* Rows of t, -1 for no table. */
long		 fixture_doc_nrows(const struct doc_table *t);

/* Row r of table t is want ("a|b|c"); its kind is want. */
#define CHECK_ROW(t, r, want) do {					\
	char *s_ = fixture_doc_row((t), (r));				\
	CHECK_STR(s_, (want));						\
	free(s_);							\
} while (0)
#define CHECK_KIND(t, r, want) do {					\
	REQUIRE((t) != NULL && (r) < (t)->nrows);			\
	CHECK_INT((t)->rows[(r)].kind, (want));				\
} while (0)

/*
 * Another process writing.  fixture_hold_lock forks a child that opens
 * path, takes the write lock (BEGIN IMMEDIATE) and writes a settings
 * row, and holds it until fixture_release_lock, or for hold_ms when that
 * is not 0; it returns once the lock is held (-1 when it is not).
 * fixture_release_lock lets the child commit and returns its wait
 * status.
 */
struct fixture_holder {
	pid_t	 pid;
	int	 go;		/* write end: a byte (or EOF) ends the hold */
};
int		 fixture_hold_lock(const char *path, int hold_ms,
		    struct fixture_holder *h);
int		 fixture_release_lock(struct fixture_holder *h);
/* Opens (creating) harness_path(name) with these busy wait and limit
 * times, logged in as "anna" (clock and TZ as they are). */
struct db	*fixture_open_busy(const char *name, int busy_ms, int limit_ms);

/*
 * Hostile input, for the tests that put random bytes through a parser or
 * a text function (under the sanitizer build any out-of-bounds access
 * fails the run): fixture_hostile is a random string biased towards what
 * parsers look for -- invalid UTF-8, controls, long runs, digits and
 * separators that look almost like dates -- (caller frees), from the
 * xorshift state *rng; fixture_random the next number of it.  Each test
 * starts its own state at FIXTURE_HOSTILE_SEED, so a failure reproduces
 * with the test run alone.
 */
#define FIXTURE_HOSTILE_SEED	0x9e3779b97f4a7c15ULL
#define FIXTURE_HOSTILE_ROUNDS	20000
uint64_t	 fixture_random(uint64_t *rng);
char		*fixture_hostile(uint64_t *rng, size_t *len);

/*
 * The records of a test's world.  Each fixture_add_* creates one record
 * through the store (its defaults, validation, audit and hooks apply as
 * to a record typed into a form), fails the running test with the
 * store's message when the store refuses it, and returns its id (0 when
 * refused).  In a spec, a NULL text or a 0 number leaves the store's
 * default (SO_NULL clears a field); event types, results and deal
 * stages are given by code.  Written with designated initialisers:
 *
 *	fixture_add_company(db, &(struct fixture_company){ .name = "Beta",
 *	    .manager = anna });
 */
struct fixture_company {
	const char	*name, *phone, *email, *source, *category, *city;
	const char	*status;
	int64_t		 manager;
};
int64_t		 fixture_add_company(struct db *db,
		    const struct fixture_company *c);

struct fixture_contact {
	const char	*last, *first, *position, *role;
	const char	*phone_work, *phone_mobile, *email, *source;
	int64_t		 company;
};
int64_t		 fixture_add_contact(struct db *db,
		    const struct fixture_contact *c);

struct fixture_event {
	const char	*subject, *type, *result, *status, *comment, *rrule;
	int64_t		 at, end;		/* Unix time */
	int64_t		 assignee, company, contact;
	int64_t		 remind;		/* minutes before */
};
int64_t		 fixture_add_event(struct db *db,
		    const struct fixture_event *e);

struct fixture_deal {
	const char	*title, *stage, *closed_on, *lost_reason;
	int64_t		 company, manager;
	int64_t		 amount;		/* minor units */
};
int64_t		 fixture_add_deal(struct db *db, const struct fixture_deal *d);

struct fixture_payment {
	const char	*paid_on;
	int64_t		 company, deal;
	int64_t		 amount;		/* minor units */
};
int64_t		 fixture_add_payment(struct db *db,
		    const struct fixture_payment *p);

struct fixture_task {
	const char	*title, *status;
	int64_t		 company;
	int64_t		 due;			/* Unix time */
};
int64_t		 fixture_add_task(struct db *db, const struct fixture_task *t);

/*
 * The plans of what a piece of the store runs (issue 26: each query
 * that must cost what it returns has a test of its plan).  Between
 * fixture_plans_begin and fixture_plans_end every statement db runs is
 * noted; _end returns, for each distinct one, its SQL on a line of its
 * own after "sql: " and then its EXPLAIN QUERY PLAN, a line per step as
 * SQLite words it ("SEARCH e USING INDEX events_open (start_at<?)"),
 * each after two spaces (caller frees).  fixture_plan_scans counts the
 * steps of plans that read the whole of the table alias names ("SCAN e",
 * "SCAN e USING INDEX ...": a table or an index walked from end to
 * end).  The planner has no statistics (the store never runs ANALYZE),
 * so the plan on a test's few rows is the plan on a million.
 */
void		 fixture_plans_begin(struct db *db);
char		*fixture_plans_end(struct db *db);
int		 fixture_plan_scans(const char *plans, const char *alias);
/* plans has the step (a failure shows them all); reads no table of
 * alias whole. */
#define CHECK_PLAN(plans, step) do {					\
	if (strstr((plans), (step)) == NULL)				\
		harness_fail(__FILE__, __LINE__, "no \"%s\" in the "	\
		    "plans:\n%s", (step), (plans));			\
} while (0)
#define CHECK_NO_SCAN(plans, alias) do {				\
	if (fixture_plan_scans((plans), (alias)) != 0)			\
		harness_fail(__FILE__, __LINE__, "%s read whole:\n%s",	\
		    (alias), (plans));					\
} while (0)

/* A users row with a full name and the default role, as a plain INSERT
 * (no audit row): its id. */
int64_t		 fixture_add_user_row(struct db *db, const char *login,
		    const char *full_name);

#endif
