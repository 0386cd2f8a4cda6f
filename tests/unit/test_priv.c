/*
 * priv: which environment variables a setgid salesorg drops, and that
 * the user-file switch is a harmless no-op in an ordinary process (the
 * tests, a developer's build, plain shared mode).  The privileged side
 * needs real users and a setgid binary: tests/cli/test_shared.sh.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/priv.h"
#include "harness.h"

extern char **environ;

TEST(test_priv_names_the_variables_that_load_code_or_redirect_files)
{
	static const char *const bad[] = { "LD_PRELOAD", "LD_LIBRARY_PATH",
	    "SQLITE_TMPDIR", "TMPDIR", "TERMINFO", "TERMINFO_DIRS", "TERMCAP",
	    "GCONV_PATH", "LOCPATH", "NLSPATH", "MALLOC_TRACE",
	    "GLIBC_TUNABLES", "HOSTALIASES", "RES_OPTIONS", "LOCALDOMAIN",
	    "GIO_EXTRA_MODULES", "GTK_MODULES", "FONTCONFIG_FILE",
	    "TMPDIR=/home/alice/t", NULL };
	static const char *const good[] = { "PATH", "HOME", "EDITOR",
	    "VISUAL", "PAGER", "TERM", "LANG", "LC_ALL", "TZ",
	    "XDG_DATA_HOME", "SALESORG_BUSY_TIMEOUT", "TMPDIRS", "LD",
	    "TMP_X", "PATH=/usr/bin", NULL };
	int i;

	for (i = 0; bad[i]; i++)
		if (!priv_env_unsafe(bad[i]))
			harness_fail(__FILE__, __LINE__, "%s kept", bad[i]);
	for (i = 0; good[i]; i++)
		if (priv_env_unsafe(good[i]))
			harness_fail(__FILE__, __LINE__, "%s removed", good[i]);
}

TEST(test_priv_env_clean_removes_the_unsafe_and_keeps_the_rest)
{
	char **saved, **e;
	size_t n = 0, i;
	int removed;

	/* What the run had (TMPDIR, ASAN_OPTIONS...) comes back after. */
	for (e = environ; *e; e++)
		n++;
	saved = calloc(n + 1, sizeof(*saved));
	REQUIRE(saved != NULL);
	for (e = environ, n = 0; *e; e++)
		if (priv_env_unsafe(*e))
			saved[n++] = strdup(*e);
	setenv("LD_PRELOAD", "/tmp/evil.so", 1);
	setenv("SQLITE_TMPDIR", "/home/alice/tmp", 1);
	setenv("TMPDIR", "/home/alice/tmp", 1);
	setenv("TERMINFO", "/home/alice/ti", 1);
	setenv("SO_TEST_KEPT", "yes", 1);
	removed = priv_env_clean();
	CHECK(removed >= 4);
	CHECK(getenv("LD_PRELOAD") == NULL);
	CHECK(getenv("SQLITE_TMPDIR") == NULL);
	CHECK(getenv("TMPDIR") == NULL);
	CHECK(getenv("TERMINFO") == NULL);
	CHECK_STR(getenv("SO_TEST_KEPT"), "yes");
	CHECK_INT(priv_env_clean(), 0);
	unsetenv("SO_TEST_KEPT");
	for (i = 0; i < n; i++) {
		char *eq = strchr(saved[i], '=');

		*eq = '\0';
		setenv(saved[i], eq + 1, 1);
		free(saved[i]);
	}
	free(saved);
}

TEST(test_priv_user_switch_is_a_nestable_noop_without_setgid)
{
	gid_t g = getegid();
	mode_t m = umask(022);

	priv_init();
	CHECK_INT(priv_privileged(), 0);
	priv_user_begin();
	priv_user_begin();
	CHECK_INT(getegid(), g);
	priv_user_end();
	CHECK_INT(getegid(), g);
	priv_user_end();
	priv_user_end();	/* one too many: ignored */
	CHECK_INT(getegid(), g);
	CHECK_INT(umask(m), 022);
}
