/*
 * Who holds the write lock (store/lockinfo.c), from /proc/locks: the
 * writer's process found while a child holds BEGIN IMMEDIATE
 * (fixture_hold_lock), and only granted write locks on the WAL index's
 * byte 120 counted.  The busy retry that names the holder is
 * test_db.c's.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "fixture.h"
#include "harness.h"
#include "store/db.h"
#include "store/lockinfo.h"

TEST(test_lockinfo_names_the_writer_process)
{
	struct db *db = fixture_open_busy("li.db", 50, 200);
	struct lock_holder lh;
	struct passwd *pw = getpwuid(getuid());
	struct fixture_holder h;

	REQUIRE(db != NULL);
	CHECK_INT(lockinfo_writer(db_path(db), &lh), 0);
	REQUIRE(fixture_hold_lock(db_path(db), 0, &h) == 0);
	CHECK_INT(lockinfo_writer(db_path(db), &lh), 1);
	CHECK_INT(lh.pid, h.pid);
	if (pw)
		CHECK_STR(lh.login, pw->pw_name);
	CHECK(lh.comm[0] != '\0');
	CHECK_INT(fixture_release_lock(&h), 0);
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
