/*
 * Busy: a write that meets another process's write waits and retries,
 * and past the limit says who is writing (from /proc/locks), never
 * "database is locked".  The other writer is a child process holding
 * BEGIN IMMEDIATE with an INSERT done, until told to commit.
 */
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "harness.h"
#include "store/db.h"
#include "store/lockinfo.h"
#include "store/users.h"

struct holder {
	pid_t	 pid;
	int	 go;		/* write end: a byte (or EOF) ends the hold */
};

/*
 * Forks a child that opens path, takes the write lock and writes a row,
 * then waits for a byte on a pipe and commits (or, after hold_ms if not
 * 0, commits by itself).  Returns once the lock is held.
 */
static int
hold_lock(const char *path, int hold_ms, struct holder *h)
{
	int ready[2], go[2];
	char c;

	if (pipe(ready) != 0 || pipe(go) != 0)
		return -1;
	if ((h->pid = fork()) < 0)
		return -1;
	if (h->pid == 0) {
		sqlite3 *s;
		int ok;

		close(ready[0]);
		close(go[1]);
		ok = sqlite3_open(path, &s) == SQLITE_OK &&
		    sqlite3_exec(s, "BEGIN IMMEDIATE; INSERT INTO settings "
		    "(key, value) VALUES ('held', 'yes') ON CONFLICT (key) "
		    "DO UPDATE SET value = 'again'", NULL, NULL, NULL) ==
		    SQLITE_OK;
		c = ok ? 'y' : 'n';
		if (write(ready[1], &c, 1) != 1)
			_exit(2);
		if (hold_ms > 0)
			sqlite3_sleep(hold_ms);
		else if (read(go[0], &c, 1) < 0)
			_exit(2);
		sqlite3_exec(s, "COMMIT", NULL, NULL, NULL);
		sqlite3_close(s);
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	h->go = go[1];
	if (read(ready[0], &c, 1) != 1 || c != 'y') {
		close(ready[0]);
		return -1;
	}
	close(ready[0]);
	return 0;
}

static int
release_lock(struct holder *h)
{
	void (*was)(int);
	ssize_t n;
	int status = -1;

	/* A child that committed by itself has closed its end. */
	was = signal(SIGPIPE, SIG_IGN);
	n = write(h->go, "x", 1);
	(void)n;
	signal(SIGPIPE, was);
	close(h->go);
	waitpid(h->pid, &status, 0);
	return status;
}

static struct db *
open_short(const char *name, int busy_ms, int limit_ms)
{
	struct db_opts opts = { .create = 1 };
	struct so_err err = { 0 };
	struct db *db = NULL;

	opts.busy_ms = busy_ms;
	opts.busy_limit_ms = limit_ms;
	if (db_open(harness_path(name), &opts, &db, &err) != SO_OK) {
		harness_fail(__FILE__, __LINE__, "open: %s", err.msg);
		return NULL;
	}
	if (db_login(db, "anna", &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "login: %s", err.msg);
	return db;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

TEST(test_lockinfo_names_the_writer_process)
{
	struct db *db = open_short("li.db", 50, 200);
	struct lock_holder lh;
	struct passwd *pw = getpwuid(getuid());
	struct holder h;

	REQUIRE(db != NULL);
	CHECK_INT(lockinfo_writer(db_path(db), &lh), 0);
	REQUIRE(hold_lock(db_path(db), 0, &h) == 0);
	CHECK_INT(lockinfo_writer(db_path(db), &lh), 1);
	CHECK_INT(lh.pid, h.pid);
	if (pw)
		CHECK_STR(lh.login, pw->pw_name);
	CHECK(lh.comm[0] != '\0');
	CHECK_INT(release_lock(&h), 0);
	CHECK_INT(lockinfo_writer(db_path(db), &lh), 0);
	db_close(db);
}

TEST(test_lockinfo_reads_only_granted_write_locks_on_byte_120)
{
	char *dbp = strdup(harness_path("fake.db"));
	char *shm = NULL, *locks;
	struct lock_holder lh;
	struct stat sb;
	FILE *f;
	unsigned ma, mi;
	unsigned long ino;

	shm = strdup(harness_path("fake.db-shm"));
	f = fopen(shm, "w");
	REQUIRE(f != NULL);
	fclose(f);
	REQUIRE(stat(shm, &sb) == 0);
	ma = major(sb.st_dev);
	mi = minor(sb.st_dev);
	ino = (unsigned long)sb.st_ino;
	locks = strdup(harness_path("locks"));
	f = fopen(locks, "w");
	REQUIRE(f != NULL);
	/* a waiter, a reader, a write lock on other bytes, another file */
	fprintf(f, "1: -> POSIX  ADVISORY  WRITE 11 %02x:%02x:%lu 120 120\n",
	    ma, mi, ino);
	fprintf(f, "2: POSIX  ADVISORY  READ 12 %02x:%02x:%lu 120 120\n",
	    ma, mi, ino);
	fprintf(f, "3: POSIX  ADVISORY  WRITE 13 %02x:%02x:%lu 121 128\n",
	    ma, mi, ino);
	fprintf(f, "4: POSIX  ADVISORY  WRITE 14 %02x:%02x:%lu 120 120\n",
	    ma, mi, ino + 1);
	fclose(f);
	CHECK_INT(lockinfo_writer_in(locks, dbp, &lh), 0);
	f = fopen(locks, "a");
	REQUIRE(f != NULL);
	fprintf(f, "5: POSIX  ADVISORY  WRITE %ld %02x:%02x:%lu 100 EOF\n",
	    (long)getpid(), ma, mi, ino);
	fclose(f);
	CHECK_INT(lockinfo_writer_in(locks, dbp, &lh), 1);
	CHECK_INT(lh.pid, getpid());
	/* no -shm file: not WAL, or nobody has it open */
	CHECK_INT(lockinfo_writer_in(locks, harness_path("none.db"), &lh), 0);
	free(shm);
	free(locks);
	free(dbp);
}

TEST(test_busy_write_past_the_limit_names_the_holder)
{
	struct db *db = open_short("busy.db", 50, 300);
	struct so_err err = { 0 };
	struct holder h;
	char want[64];
	long long t0;

	REQUIRE(db != NULL);
	REQUIRE(hold_lock(db_path(db), 0, &h) == 0);
	t0 = now_ms();
	CHECK_INT(db_begin(db, &err), SO_EBUSY);
	CHECK(now_ms() - t0 >= 290);
	CHECK(now_ms() - t0 < 3000);
	snprintf(want, sizeof(want), "(pid %ld, ", (long)h.pid);
	CHECK(strstr(err.msg, want) != NULL);
	CHECK(strstr(err.msg, "the database is busy") != NULL);
	CHECK(strstr(err.msg, "nothing was lost, try again") != NULL);
	CHECK(strstr(err.msg, "locked") == NULL);
	/* the failed begin left no transaction behind */
	CHECK_INT(sqlite3_get_autocommit(db_sqlite(db)), 1);
	CHECK_INT(db_set_setting(db, "k", "v", &err), SO_EBUSY);
	CHECK_INT(release_lock(&h), 0);
	CHECK_INT(db_set_setting(db, "k", "v", &err), SO_OK);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM settings WHERE key "
	    "IN ('k', 'held')"), 2);
	db_close(db);
}

TEST(test_busy_write_retries_until_the_other_writer_commits)
{
	/* A busy timeout far shorter than the other's write: only the
	 * retry of the whole transaction gets it through. */
	struct db *db = open_short("retry.db", 20, 10000);
	struct so_err err = { 0 };
	struct holder h;
	long long t0;

	REQUIRE(db != NULL);
	REQUIRE(hold_lock(db_path(db), 400, &h) == 0);
	t0 = now_ms();
	CHECK_INT(db_set_setting(db, "mine", "1", &err), SO_OK);
	CHECK(now_ms() - t0 >= 300);
	CHECK_INT(release_lock(&h), 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM settings WHERE key "
	    "IN ('mine', 'held')"), 2);
	db_close(db);
}
