/*
 * The fuzz targets' shared set-up (fuzz.h).  The database comes from the
 * unit tests' fixture (tests/unit/fixture.c), linked as it is; the two
 * harness functions it calls are given here, so a target is the fixture
 * plus one file and never a copy of either.  A fixture failure is a
 * broken set-up, not a finding in the input: it aborts with the reason.
 */
#include <dirent.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "fuzz.h"
#include "harness.h"

static char	 tmpdir[256];
static char	 pathbuf[512];
static struct db *db;

static void
cleanup(void)
{
	struct dirent *e;
	char p[600];
	DIR *d;

	if (db) {
		db_close(db);
		db = NULL;
	}
	/* The fixture's database and its WAL files, the scratch files:
	 * nothing here makes a directory. */
	if (tmpdir[0] == '\0' || (d = opendir(tmpdir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", tmpdir, e->d_name);
		unlink(p);
	}
	closedir(d);
	rmdir(tmpdir);
}

/* /dev/shm when there is one: a scratch file per run costs nothing. */
static void
make_tmpdir(void)
{
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";

	snprintf(tmpdir, sizeof(tmpdir), "%s/so-fuzz-XXXXXX", base);
	if (mkdtemp(tmpdir) == NULL) {
		perror("fuzz: mkdtemp");
		abort();
	}
	atexit(cleanup);
}

void
fuzz_setup(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	setenv("TZ", "Europe/Moscow", 1);
	tzset();
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	make_tmpdir();
}

/* ---- the two harness functions fixture.c calls ---- */

void
harness_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fuzz set-up failed: %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

const char *
harness_path(const char *name)
{
	snprintf(pathbuf, sizeof(pathbuf), "%s/%s", tmpdir, name);
	return pathbuf;
}

/* ---- the database ---- */

struct db *
fuzz_begin(void)
{
	struct so_err err = { 0 };

	fuzz_setup();
	if (db == NULL) {
		db = fixture_open("fuzz.db");
		db_set_now(db, FUZZ_NOW);
	}
	if (db_begin(db, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "begin: %s", err.msg);
	return db;
}

void
fuzz_end(struct db *d)
{
	db_rollback(d);
}

/* ---- the input ---- */

char *
fuzz_text(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

const char *
fuzz_file(const uint8_t *data, size_t size, const char *suffix)
{
	static char path[600];
	FILE *f;

	fuzz_setup();
	snprintf(path, sizeof(path), "%s/input%s", tmpdir, suffix);
	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		perror(path);
		abort();
	}
	return path;
}
