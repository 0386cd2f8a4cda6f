/*
 * bench/alt.c: two (or more) commands timed against each other with
 * nothing of the harness inside the timed region.  bench/lib.sh's
 * median_of reads `date` before and after each run and goes through
 * /usr/bin/time: some 2 ms of forks on both sides, which made a 4 ms
 * command beside a 2 ms one look like 1.3x when it is 2x.  Here each
 * command is forked and exec'ed straight from this process, timed with
 * the monotonic clock from the fork to the reaping, its output to
 * /dev/null; one warm-up each, then RUNS rounds in which every command
 * runs once in turn, so that a machine others share slows all alike.
 *
 *	so-alt RUNS [-i FILE] CMD ARGS... [-- [-i FILE] CMD ARGS...]...
 *
 * -i FILE: the command's standard input (else /dev/null).  Prints one
 * line per command: the median, min and max in microseconds and the
 * peak RSS in KiB.  Exit 1 if a command fails.
 */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAXCMD	8

struct cmd {
	char	**argv;
	const char *in;
	long	*us;
	long	 rss;
};

static long
run(struct cmd *c)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status, fd;
	pid_t pid;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) < 0) {
		perror("fork");
		exit(1);
	}
	if (pid == 0) {
		if ((fd = open(c->in ? c->in : "/dev/null", O_RDONLY)) < 0) {
			perror(c->in);
			_exit(127);
		}
		dup2(fd, 0);
		if ((fd = open("/dev/null", O_WRONLY)) < 0)
			_exit(127);
		dup2(fd, 1);
		dup2(fd, 2);
		execvp(c->argv[0], c->argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("wait4");
		exit(1);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "so-alt: %s failed\n", c->argv[0]);
		exit(1);
	}
	if (ru.ru_maxrss > c->rss)
		c->rss = ru.ru_maxrss;
	return (t1.tv_sec - t0.tv_sec) * 1000000L +
	    (t1.tv_nsec - t0.tv_nsec) / 1000;
}

static int
cmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
	struct cmd c[MAXCMD];
	int runs, n = 0, i, j;

	if (argc < 3 || (runs = atoi(argv[1])) < 1) {
		fprintf(stderr, "usage: so-alt RUNS [-i FILE] CMD ARGS... "
		    "[-- [-i FILE] CMD ARGS...]...\n");
		return 2;
	}
	for (i = 2; i < argc && n < MAXCMD; n++) {
		memset(&c[n], 0, sizeof(c[n]));
		if (strcmp(argv[i], "-i") == 0 && i + 2 < argc) {
			c[n].in = argv[i + 1];
			i += 2;
		}
		c[n].argv = &argv[i];
		for (; i < argc && strcmp(argv[i], "--") != 0; i++)
			;
		if (i < argc)
			argv[i++] = NULL;
		if ((c[n].us = calloc((size_t)runs, sizeof(long))) == NULL)
			return 1;
	}
	for (j = 0; j < n; j++)
		(void)run(&c[j]);
	for (i = 0; i < runs; i++)
		for (j = 0; j < n; j++)
			c[j].us[i] = run(&c[j]);
	for (j = 0; j < n; j++) {
		qsort(c[j].us, (size_t)runs, sizeof(long), cmp);
		printf("%ld %ld %ld %ld\n", c[j].us[runs / 2], c[j].us[0],
		    c[j].us[runs - 1], c[j].rss);
	}
	return 0;
}
