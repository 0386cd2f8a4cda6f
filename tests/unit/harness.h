/*
 * A small in-tree unit test harness.  Each test is a function declared
 * with TEST(name); a constructor registers it, so a new test file needs no
 * central list.  CHECK* record a failure with file and line and go on, so
 * one run shows every broken expectation.  The runner prints one line per
 * failing check and the summary "N passed, N failed" (tests, not checks).
 *
 *	./unit-tests            run all
 *	./unit-tests utf8       run the tests whose name or file contains "utf8"
 */
#ifndef TESTS_HARNESS_H
#define TESTS_HARNESS_H

#include <stdint.h>
#include <string.h>

void	harness_register(const char *name, const char *file, void (*fn)(void));
void	harness_fail(const char *file, int line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* A fresh scratch directory for the running test (removed at exit). */
const char *harness_tmpdir(void);
/* harness_tmpdir() joined with name; the result lives until the next call. */
const char *harness_path(const char *name);

#define TEST(name)							\
	static void name(void);						\
	__attribute__((constructor)) static void reg_##name(void)	\
	{ harness_register(#name, __FILE__, name); }			\
	static void name(void)

#define CHECK(cond) do {						\
	if (!(cond))							\
		harness_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);	\
} while (0)

#define CHECK_INT(a, b) do {						\
	long long a_ = (long long)(a), b_ = (long long)(b);		\
	if (a_ != b_)							\
		harness_fail(__FILE__, __LINE__, "%s == %lld, expected %s == %lld", \
		    #a, a_, #b, b_);					\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *a_ = (a), *b_ = (b);				\
	if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0)		\
		harness_fail(__FILE__, __LINE__, "%s == \"%s\", expected \"%s\"", \
		    #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");	\
} while (0)

/* Stop the current test here (after a failed precondition). */
#define REQUIRE(cond) do {						\
	if (!(cond)) {							\
		harness_fail(__FILE__, __LINE__, "REQUIRE(%s)", #cond);	\
		return;							\
	}								\
} while (0)

#endif
