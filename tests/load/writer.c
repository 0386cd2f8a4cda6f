/*
 * The load test's writer: one process of the team, writing as fast as
 * it can through the store, as salesorg itself would.
 *
 *	load-writer DB TAG COUNT [COMPANIES [WAITS-FILE]]
 *
 * Each of COUNT writes is one transaction: an event with subject
 * "TAG-i" on one of the first COMPANIES companies (4 by default), a
 * note with the same title (the marker's second row: after a SIGKILL
 * both or neither must be there), and the company's comment set to the
 * marker, read before the transaction as a form would have read it.
 * When another writer changed the company in between, rec_update
 * answers SO_ECONFLICT: the transaction is rolled back, the company
 * read again and the whole write made again.
 *
 * The wait of a write is the time db_begin took to get the write lock.
 * At the end one line: "TAG: N writes in S s, R writes/s, worst wait W
 * ms, median wait M ms, C conflicts"; WAITS-FILE, when given, receives
 * every wait in microseconds, one per line.  Any error is printed as is
 * and ends the run with status 1.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"
#include "store/db.h"
#include "store/entities.h"
#include "store/record.h"
#include "store/users.h"

static long long
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* The event and the note of one marker. */
static int
add_marker(struct db *db, const char *marker, int64_t company,
    struct so_err *err)
{
	struct event e;
	struct note n;
	int code;

	store_event_init(&e);
	e.subject = xstrdup(marker);
	e.start_at = db_now(db);
	e.company_id = company;
	code = store_event_create(db, &e, err);
	store_event_clear(&e);
	if (code != SO_OK)
		return code;
	store_note_init(&n);
	n.title = xstrdup(marker);
	n.body = xstrdup("load test");
	n.company_id = company;
	code = store_note_create(db, &n, err);
	store_note_clear(&n);
	return code;
}

/*
 * One write, made again after a conflict.  *wait_us gets the longest
 * wait for the lock among the attempts.
 */
static int
write_one(struct db *db, const char *marker, int64_t company,
    long long *wait_us, int *conflicts, struct so_err *err)
{
	struct company c;
	long long t0;
	int code;

	*wait_us = 0;
	for (;;) {
		memset(&c, 0, sizeof(c));	/* rec_get fills it */
		if ((code = store_company_get(db, company, &c, err)) != SO_OK)
			break;
		t0 = now_us();
		code = db_begin(db, err);
		if (now_us() - t0 > *wait_us)
			*wait_us = now_us() - t0;
		if (code != SO_OK)
			break;
		code = add_marker(db, marker, company, err);
		if (code == SO_OK) {
			free(c.comment);
			c.comment = xstrdup(marker);
			code = store_company_update(db, &c, err);
		}
		if (code == SO_ECONFLICT) {
			db_rollback(db);
			store_company_clear(&c);
			(*conflicts)++;
			continue;
		}
		code = db_finish(db, code, err);
		break;
	}
	store_company_clear(&c);
	return code;
}

int
main(int argc, char **argv)
{
	struct db_opts opts = { 0 };
	struct so_err err = { 0 };
	struct passwd *pw = getpwuid(getuid());
	struct db *db;
	long long *waits, t0, secs_us;
	char marker[64];
	FILE *wf = NULL;
	int count, ncomp = 4, conflicts = 0, i;

	if (argc < 4 || (count = atoi(argv[3])) < 1) {
		fputs("usage: load-writer DB TAG COUNT [COMPANIES "
		    "[WAITS-FILE]]\n", stderr);
		return 2;
	}
	if (argc > 4 && (ncomp = atoi(argv[4])) < 1)
		ncomp = 4;
	if (argc > 5 && (wf = fopen(argv[5], "w")) == NULL) {
		perror(argv[5]);
		return 1;
	}
	if (db_open(argv[1], &opts, &db, &err) != SO_OK ||
	    db_login(db, pw ? pw->pw_name : "root", &err) != SO_OK) {
		fprintf(stderr, "%s: %s\n", argv[2], err.msg);
		return 1;
	}
	waits = xcalloc((size_t)count, sizeof(*waits));
	t0 = now_us();
	for (i = 0; i < count; i++) {
		snprintf(marker, sizeof(marker), "%s-%d", argv[2], i);
		if (write_one(db, marker, 1 + i % ncomp, &waits[i], &conflicts,
		    &err) != SO_OK) {
			fprintf(stderr, "%s: write %d: %s\n", argv[2], i,
			    err.msg);
			return 1;
		}
	}
	secs_us = now_us() - t0;
	db_close(db);
	if (wf) {
		for (i = 0; i < count; i++)
			fprintf(wf, "%lld\n", waits[i]);
		fclose(wf);
	}
	qsort(waits, (size_t)count, sizeof(*waits), cmp_ll);
	printf("%s: %d writes in %.1f s, %.0f writes/s, worst wait %lld ms, "
	    "median wait %.1f ms, %d conflicts\n", argv[2], count,
	    secs_us / 1e6, count / (secs_us / 1e6), waits[count - 1] / 1000,
	    waits[count / 2] / 1000.0, conflicts);
	free(waits);
	return 0;
}
