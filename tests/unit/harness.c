/*
 * Runner for the tests registered with TEST().  Tests run in registration
 * order (file by file, as linked); each gets a fresh scratch directory.
 */
#include <dirent.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/datetime.h"
#include "harness.h"

struct test {
	const char	*name;
	const char	*file;
	void		(*fn)(void);
};

static struct test	*tests;
static size_t		 ntests, cap;
static int		 current_failed;
static char		 tmpdir[256];
static char		 pathbuf[512];

void
harness_register(const char *name, const char *file, void (*fn)(void))
{
	if (ntests == cap) {
		cap = cap ? cap * 2 : 64;
		tests = realloc(tests, cap * sizeof(*tests));
		if (tests == NULL)
			abort();
	}
	tests[ntests++] = (struct test){ name, file, fn };
}

void
harness_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	current_failed = 1;
	fprintf(stderr, "%s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

const char *
harness_tmpdir(void)
{
	return tmpdir;
}

const char *
harness_path(const char *name)
{
	snprintf(pathbuf, sizeof(pathbuf), "%s/%s", tmpdir, name);
	return pathbuf;
}

static void
rm_rf(const char *dir)
{
	DIR *d;
	struct dirent *e;
	char p[512];

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		if (unlink(p) != 0)
			rm_rf(p);
	}
	closedir(d);
	rmdir(dir);
}

int
main(int argc, char **argv)
{
	char msg[256];
	size_t i;
	int passed = 0, failed = 0;

	setlocale(LC_ALL, "C.UTF-8");
	/* Never the wall clock: SALESORG_NOW (make check-dates) or a fixed
	 * Wednesday morning. */
	if (dt_clock_pin(getenv("SALESORG_NOW") ? getenv("SALESORG_NOW") :
	    "2026-12-09T10:00", msg, sizeof(msg)) != 0) {
		fprintf(stderr, "SALESORG_NOW: %s\n", msg);
		return 2;
	}
	for (i = 0; i < ntests; i++) {
		struct test *t = &tests[i];

		if (argc > 1 && strstr(t->name, argv[1]) == NULL &&
		    strstr(t->file, argv[1]) == NULL)
			continue;
		snprintf(tmpdir, sizeof(tmpdir), "/tmp/so-unit-XXXXXX");
		if (mkdtemp(tmpdir) == NULL) {
			perror("mkdtemp");
			return 2;
		}
		current_failed = 0;
		t->fn();
		rm_rf(tmpdir);
		if (current_failed) {
			fprintf(stderr, "FAIL %s (%s)\n", t->name, t->file);
			failed++;
		} else
			passed++;
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
