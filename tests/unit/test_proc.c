/*
 * proc_run (include/base/proc.h), the one way salesorg starts another
 * program: its input written, its output kept (and cut at out_max), a
 * program that is not there told apart from one that failed, a signal
 * and a timeout reported, and no descriptor of ours reaching the child.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/proc.h"
#include "harness.h"

TEST(proc_input_goes_in_output_comes_back)
{
	char *argv[] = { "sh", "-c", "tr a-z A-Z; echo oops >&2; exit 3",
	    NULL };
	struct proc p = { .argv = argv, .search = 1, .input = "hello\n",
	    .input_len = 6, .out_max = 100 };
	struct proc_result r;

	REQUIRE(proc_run(&p, &r) == 0);
	CHECK_INT(r.exec_errno, 0);
	CHECK_INT(r.status, 3);
	CHECK_INT(r.signal, 0);
	CHECK_STR(sb_str(&r.out), "HELLO\noops\n");
	sb_free(&r.out);
}

TEST(proc_missing_program_is_an_exec_errno)
{
	char *argv[] = { "/nonexistent/salesorg-no-such-program", NULL };
	struct proc p = { .argv = argv, .out_max = 100 };
	struct proc_result r;

	REQUIRE(proc_run(&p, &r) == 0);
	CHECK_INT(r.exec_errno, ENOENT);
	CHECK_INT(r.status, 127);
	sb_free(&r.out);
}

TEST(proc_output_is_cut_and_drained)
{
	char *argv[] = { "sh", "-c", "i=0; while [ $i -lt 2000 ]; do "
	    "echo 0123456789abcdef; i=$((i + 1)); done", NULL };
	struct proc p = { .argv = argv, .search = 1, .out_max = 10 };
	struct proc_result r;

	REQUIRE(proc_run(&p, &r) == 0);
	CHECK_INT(r.status, 0);		/* never blocked on a full pipe */
	CHECK_INT((int)r.out.len, 10);
	sb_free(&r.out);
}

TEST(proc_timeout_kills)
{
	char *argv[] = { "sleep", "30", NULL };
	struct proc p = { .argv = argv, .search = 1, .timeout_ms = 200 };
	struct proc_result r;
	long t0 = mono_ms();

	REQUIRE(proc_run(&p, &r) == 0);
	CHECK(r.timed_out);
	CHECK_INT(r.signal, 9);
	CHECK_INT(r.status, -1);
	CHECK(mono_ms() - t0 < 10000);
	sb_free(&r.out);
}

/* A program that leaves without reading: an EPIPE, not our death. */
TEST(proc_reader_that_leaves_is_a_write_errno)
{
	static char big[1 << 20];
	char *argv[] = { "true", NULL };
	struct proc p = { .argv = argv, .search = 1, .input = big,
	    .input_len = sizeof(big) };
	struct proc_result r;

	REQUIRE(proc_run(&p, &r) == 0);
	CHECK_INT(r.status, 0);
	CHECK_INT(r.write_errno, EPIPE);
	sb_free(&r.out);
}

/* A descriptor we hold (the database, say) is not the child's. */
TEST(proc_child_gets_no_descriptor_of_ours)
{
	char *argv[] = { "sh", "-c", "if [ -e /proc/self/fd/20 ]; then "
	    "echo leaked; else echo closed; fi", NULL };
	struct proc p = { .argv = argv, .search = 1, .out_max = 4096 };
	struct proc_result r;
	int fd = open(harness_path("held"), O_CREAT | O_RDWR, 0600), fd20;

	REQUIRE(fd >= 0);
	fd20 = fcntl(fd, F_DUPFD, 20);
	REQUIRE(fd20 == 20);
	REQUIRE(proc_run(&p, &r) == 0);
	CHECK_STR(sb_str(&r.out), "closed\n");
	close(fd20);
	close(fd);
	sb_free(&r.out);
}

/* A program whose words salesorg reads (lpstat) runs in the C locale,
 * whatever the user's; the others keep the user's. */
TEST(proc_c_locale_for_output_salesorg_reads)
{
	char *argv[] = { "sh", "-c", "echo \"${LC_ALL-}|${LANGUAGE-unset}\"",
	    NULL };
	struct proc p = { .argv = argv, .search = 1, .out_max = 100,
	    .c_locale = 1 };
	struct proc_result r;
	char *was = getenv("LANGUAGE") ? strdup(getenv("LANGUAGE")) : NULL;

	setenv("LANGUAGE", "ru", 1);
	REQUIRE(proc_run(&p, &r) == 0);
	CHECK_STR(sb_str(&r.out), "C|unset\n");
	sb_free(&r.out);
	p.c_locale = 0;
	REQUIRE(proc_run(&p, &r) == 0);
	CHECK(strstr(sb_str(&r.out), "|ru\n") != NULL);
	sb_free(&r.out);
	if (was)
		setenv("LANGUAGE", was, 1);
	else
		unsetenv("LANGUAGE");
	free(was);
}
