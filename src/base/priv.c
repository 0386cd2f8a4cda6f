/*
 * The group privilege of a setgid salesorg: see include/base/priv.h.
 *
 * The saved set-group-ID holds the database group while the effective
 * group switches between it and the caller's real group (setegid is
 * always allowed between the real and the saved ID, so no capability is
 * needed and the switch can go both ways as often as we like).  A
 * forked child gives up all three IDs in proc_drop_privileges (proc.h).
 *
 * Why the environment is cleaned by us and not left to glibc: in a
 * setgid process glibc (AT_SECURE) drops LD_* and a few others at
 * start-up and ncurses ignores TERMINFO and friends, but SQLite reads
 * SQLITE_TMPDIR with plain getenv, our own code reads variables too,
 * and the PDF libraries (pango, cairo, fontconfig, glib, loaded with
 * dlopen) read theirs.  Removing the variables from environ makes every
 * later getenv, ours or a library's, see them absent, and the programs
 * we run do not inherit them either.
 */
#define _GNU_SOURCE		/* setresgid, secure_getenv */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/priv.h"

extern char **environ;

static int	 privileged;
static int	 depth;			/* priv_user_begin nesting */
static uid_t	 priv_uid;		/* effective IDs at start */
static gid_t	 priv_gid;
static mode_t	 user_umask;		/* the caller's umask */

/*
 * Removed in a privileged process.  Exact names, or prefixes ending in
 * '_' or '*' for families.  What each could do with the group's rights:
 *
 *  LD_*, GLIBC_TUNABLES, MALLOC_*   load code, tune the allocator, write
 *                                   a trace file (MALLOC_TRACE)
 *  GCONV_PATH, GETCONF_DIR          iconv modules (we convert to CP1251)
 *  LOCPATH, NLSPATH, TZDIR          locale, message and zone files
 *  HOSTALIASES, RES_OPTIONS,        resolver files (getpwuid may go
 *  LOCALDOMAIN, RESOLV_HOST_CONF,   through NSS)
 *  NIS_PATH
 *  SQLITE_*, TMPDIR, TMP, TEMP      where SQLite writes temporary files
 *                                   holding database pages
 *  TERMINFO, TERMINFO_DIRS,         terminal descriptions ncurses parses
 *  TERMCAP, NCURSES_TRACE           (and its trace file)
 *  GIO_*, GTK_*, GDK_*, G_*,        modules and configuration of glib,
 *  PANGO_*, FONTCONFIG_*, FC_*,     pango, fontconfig and cairo, which the
 *  CAIRO_*                          PDF output opens with dlopen
 *  ASAN_*, UBSAN_*, LSAN_*          sanitizer log files (a sanitized
 *                                   build read them before main already;
 *                                   it is never installed setgid)
 *  SALESORG_NOW                     the testing clock: would let a user
 *                                   date the shared audit log at will
 *
 * Kept: HOME and XDG_DATA_HOME only choose which database to open, as
 * --db does; PATH, $EDITOR, $VISUAL and $PAGER name programs that run
 * with the group given up; TERM names a terminal ncurses looks up in the
 * system's own directories; LANG, LC_* and TZ are checked by glibc in
 * secure mode (no '/' paths); SALESORG_BUSY_TIMEOUT only changes how
 * long we wait.
 */
static const char *const unsafe[] = {
	"LD_*", "GLIBC_TUNABLES", "MALLOC_*",
	"GCONV_PATH", "GETCONF_DIR",
	"LOCPATH", "NLSPATH", "TZDIR",
	"HOSTALIASES", "RES_OPTIONS", "LOCALDOMAIN", "RESOLV_HOST_CONF",
	"NIS_PATH",
	"SQLITE_*", "TMPDIR", "TMP", "TEMP",
	"TERMINFO", "TERMINFO_DIRS", "TERMCAP", "NCURSES_TRACE",
	"GIO_*", "GTK_*", "GDK_*", "G_*", "PANGO_*", "FONTCONFIG_*", "FC_*",
	"CAIRO_*",
	"ASAN_*", "UBSAN_*", "LSAN_*",
	"SALESORG_NOW",
	NULL
};

int
priv_env_unsafe(const char *name)
{
	size_t len = strcspn(name, "="), n;
	int i;

	for (i = 0; unsafe[i]; i++) {
		n = strlen(unsafe[i]);
		if (unsafe[i][n - 1] == '*') {
			if (len >= n - 1 && strncmp(name, unsafe[i], n - 1) == 0)
				return 1;
		} else if (len == n && strncmp(name, unsafe[i], n) == 0)
			return 1;
	}
	return 0;
}

int
priv_env_clean(void)
{
	char **e, *name;
	int removed = 0, again = 1;

	/* unsetenv reshuffles environ: start over after each removal. */
	while (again) {
		again = 0;
		for (e = environ; e && *e; e++) {
			if (!priv_env_unsafe(*e))
				continue;
			name = strndup(*e, strcspn(*e, "="));
			if (name == NULL)
				abort();
			unsetenv(name);
			free(name);
			removed++;
			again = 1;
			break;
		}
	}
	return removed;
}

/*
 * No core file and no ptrace: a dump or a debugger attached by the
 * caller would show database pages and the open descriptors.  The kernel
 * already makes a setgid process non-dumpable (fs.suid_dumpable is 0 by
 * default), but an administrator may have set it to 1 or 2, and every
 * change of effective ID resets the flag to that setting: so we set it
 * ourselves, here and after each switch.
 */
static void
no_dumps(void)
{
	struct rlimit rl = { 0, 0 };

	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	setrlimit(RLIMIT_CORE, &rl);
}

void
priv_init(void)
{
	priv_uid = geteuid();
	priv_gid = getegid();
	privileged = priv_gid != getgid() || priv_uid != getuid() ||
	    getauxval(AT_SECURE) != 0;
	if (!privileged)
		return;
	no_dumps();
	priv_env_clean();
	/* Files we create in the shared directory (a new database, the
	 * -wal and -shm of SQLite) never get bits for others, whatever
	 * the caller's umask; the caller's own comes back for theirs. */
	user_umask = umask(0);
	umask(user_umask | 007);
}

int
priv_privileged(void)
{
	return privileged;
}

int
priv_drop(void)
{
	gid_t g = getgid();
	uid_t u = getuid();

	if (!privileged)
		return 0;
	/* real, effective and saved: no way back */
	if (setresgid(g, g, g) != 0 || setresuid(u, u, u) != 0 ||
	    getegid() != g || geteuid() != u)
		return -1;
	privileged = 0;
	priv_gid = g;
	priv_uid = u;
	umask(user_umask);
	return 0;
}

int
priv_trusted_file(uid_t owner, gid_t group)
{
	return !privileged || (owner == 0 && group == priv_gid);
}

void
priv_user_begin(void)
{
	if (depth++ > 0 || !privileged)
		return;
	/* To the real IDs; the saved ones stay, for priv_user_end.  A
	 * failure here would leave us privileged where we must not be. */
	if (setegid(getgid()) != 0 || seteuid(getuid()) != 0)
		abort();
	umask(user_umask);
	no_dumps();
}

void
priv_user_end(void)
{
	if (depth == 0 || --depth > 0 || !privileged)
		return;
	umask(user_umask | 007);
	/* Failing to get the group back only makes the next database
	 * access fail with "permission denied": safe, nothing to undo. */
	if (seteuid(priv_uid) == 0)
		(void)!setegid(priv_gid);
	no_dumps();
}

FILE *
priv_fopen(const char *path, const char *mode)
{
	FILE *f;
	int e;

	priv_user_begin();
	f = fopen(path, mode);
	e = errno;
	priv_user_end();
	errno = e;
	return f;
}

int
priv_open(const char *path, int flags, mode_t mode)
{
	int fd, e;

	priv_user_begin();
	fd = open(path, flags, mode);
	e = errno;
	priv_user_end();
	errno = e;
	return fd;
}

#ifdef __SANITIZE_ADDRESS__
/*
 * Only in a sanitized build (make SANITIZE=1, never installed for real):
 * LeakSanitizer stops the process with ptrace at exit, which the kernel
 * refuses in a setgid, non-dumpable process -- so in one it would fail
 * every command.  The leak check stays on everywhere else; ASan's own
 * checks stay on here too.  (ASAN_OPTIONS cannot say this: the runtime
 * reads it from /proc/self/environ, closed to a non-dumpable process.)
 */
const char *__asan_default_options(void);

const char *
__asan_default_options(void)
{
	return getauxval(AT_SECURE) ? "detect_leaks=0" : "";
}
#endif
