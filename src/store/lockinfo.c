/*
 * Who holds a database's write lock; see include/store/lockinfo.h.
 *
 * A line of /proc/locks reads
 *
 *	1: POSIX  ADVISORY  WRITE 4242 fe:00:10953158 120 120
 *
 * (id, kind, mode, READ/WRITE, pid, device major:minor in hex and inode,
 * first and last byte or EOF); a waiter's line has "->" after the id
 * and is skipped.  We look for a WRITE lock of the -shm file's inode
 * covering byte 120.  On an overlay file system the device the kernel
 * lists may be the lower one, so when no line matches device and inode
 * a line matching the inode alone is taken.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "base/utf8.h"
#include "base/util.h"
#include "store/lockinfo.h"

struct lock_line {
	long		 pid;
	unsigned	 major, minor;
	unsigned long	 ino;
	long long	 start, end;	/* end -1: EOF */
	int		 write;
};

/* 1 when line is a granted lock, parsed into l. */
static int
parse_line(const char *line, struct lock_line *l)
{
	char kind[16], adv[16], mode[16], end[24];
	int n;

	if (sscanf(line, "%*d: %15s", kind) != 1 || strcmp(kind, "->") == 0)
		return 0;
	n = sscanf(line, "%*d: %15s %15s %15s %ld %x:%x:%lu %lld %23s", kind,
	    adv, mode, &l->pid, &l->major, &l->minor, &l->ino, &l->start,
	    end);
	if (n != 9)
		return 0;
	l->write = strcmp(mode, "WRITE") == 0;
	l->end = strcmp(end, "EOF") == 0 ? -1 : strtoll(end, NULL, 10);
	return 1;
}

static int
covers(const struct lock_line *l, long long byte)
{
	return l->write && l->start <= byte && (l->end < 0 || l->end >= byte);
}

/*
 * The real user of pid, from the Uid line of /proc/PID/status, which
 * anyone may read.  Not the owner of /proc/PID: a setgid salesorg is
 * not dumpable, and the kernel then gives its /proc directory to root.
 */
static int
real_uid(pid_t pid, uid_t *uid)
{
	char path[64], line[256];
	unsigned long u;
	FILE *f;
	int found = 0;

	snprintf(path, sizeof(path), "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	while (!found && fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "Uid: %lu", &u) == 1) {
			*uid = (uid_t)u;
			found = 1;
		}
	fclose(f);
	return found;
}

/* Login and command of pid, from its status and its comm. */
static void
describe_pid(pid_t pid, struct lock_holder *h)
{
	struct passwd *pw;
	struct stat sb;
	/* The kernel keeps 15 bytes of a name (TASK_COMM_LEN); their
	 * visible form, at most 4 bytes each, fits h->comm. */
	char path[64], raw[16], *clean;
	uid_t uid = 0;
	FILE *f;
	size_t n;
	int known;

	h->pid = pid;
	h->login[0] = h->comm[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%ld", (long)pid);
	known = real_uid(pid, &uid);
	if (!known && stat(path, &sb) == 0) {
		uid = sb.st_uid;
		known = 1;
	}
	if (known) {
		if ((pw = getpwuid(uid)) != NULL) {
			clean = utf8_sanitize(pw->pw_name);
			snprintf(h->login, sizeof(h->login), "%s", clean);
			free(clean);
		} else
			snprintf(h->login, sizeof(h->login), "uid %lu",
			    (unsigned long)uid);
	}
	snprintf(path, sizeof(path), "/proc/%ld/comm", (long)pid);
	if ((f = fopen(path, "r")) != NULL) {
		n = fread(raw, 1, sizeof(raw) - 1, f);
		raw[n] = '\0';
		raw[strcspn(raw, "\n")] = '\0';
		fclose(f);
		/*
		 * The name of whatever the holder exec'd: anyone's choice
		 * (a symlink called ESC ] 0 ; ... BEL), and it goes into a
		 * message on every colleague's terminal.  Made visible here,
		 * at the source, whatever shows it later.
		 */
		clean = utf8_sanitize(raw);
		snprintf(h->comm, sizeof(h->comm), "%s", clean);
		free(clean);
	}
}

int
lockinfo_writer_in(const char *locks, const char *dbpath,
    struct lock_holder *h)
{
	struct lock_line l;
	struct stat sb;
	char *shm, line[256];
	long exact = 0, by_ino = 0;
	FILE *f;

	shm = xasprintf("%s-shm", dbpath);
	if (stat(shm, &sb) != 0) {
		free(shm);
		return 0;
	}
	free(shm);
	if ((f = fopen(locks, "r")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL && exact == 0) {
		if (!parse_line(line, &l) || l.ino != (unsigned long)sb.st_ino ||
		    !covers(&l, LOCKINFO_WAL_WRITE_BYTE) || l.pid <= 0)
			continue;
		if (l.major == major(sb.st_dev) && l.minor == minor(sb.st_dev))
			exact = l.pid;
		else if (by_ino == 0)
			by_ino = l.pid;
	}
	fclose(f);
	if (exact == 0 && by_ino == 0)
		return 0;
	describe_pid((pid_t)(exact ? exact : by_ino), h);
	return 1;
}

int
lockinfo_writer(const char *dbpath, struct lock_holder *h)
{
	return lockinfo_writer_in("/proc/locks", dbpath, h);
}
