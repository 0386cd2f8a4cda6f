/*
 * Other programs; see include/base/proc.h.
 *
 * How a run goes: two pipes (the child's output, and a close-on-exec one
 * that carries an exec errno back), fork, and in the child the
 * descriptors set up, the privileges dropped, every descriptor above
 * stderr marked close-on-exec, exec.  The parent writes the input (with
 * SIGPIPE ignored, so a program that leaves early is an EPIPE, not our
 * death), reads the output until its end or the deadline, kills the
 * child at the deadline, then reads the exec pipe and reaps.  Output
 * past out_max is read and dropped, so the child never blocks on a full
 * pipe.
 */
#define _GNU_SOURCE		/* setresgid, setresuid */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/proc.h"

int
proc_drop_privileges(void)
{
	gid_t g = getgid();
	uid_t u = getuid();

	/*
	 * All three IDs, real, effective and saved: setgid(2) by a process
	 * without CAP_SETGID changes only the effective group and leaves
	 * the saved set-group-ID, from which the program could take the
	 * database group back with setegid.
	 */
	if (setresgid(g, g, g) != 0 || setresuid(u, u, u) != 0)
		return errno;
	if (getegid() != g || geteuid() != u)
		return EPERM;
	return 0;
}

/* Every descriptor from lowfd up closes on exec. */
static void
cloexec_from(int lowfd)
{
	long fd, max;

#ifdef CLOSE_RANGE_CLOEXEC
	if (close_range((unsigned)lowfd, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
		return;
#endif
	if ((max = sysconf(_SC_OPEN_MAX)) < 0 || max > 65536)
		max = 65536;
	for (fd = lowfd; fd < max; fd++)
		fcntl((int)fd, F_SETFD, FD_CLOEXEC);
}

static void __attribute__((noreturn))
child_fail(int ep, int e)
{
	if (write(ep, &e, sizeof(e)) < 0)
		_exit(126);
	_exit(127);
}

/* The child: stdin from in (or /dev/null, or ours), stdout and stderr to
 * out (or ours), the privileges dropped, exec.  Never returns. */
static void __attribute__((noreturn))
child(const struct proc *p, int in, int out, int ep)
{
	int e;

	if (p->tty && in >= 0 && (dup2(in, STDIN_FILENO) < 0 ||
	    (in > STDERR_FILENO && close(in) != 0)))
		child_fail(ep, errno);
	if (!p->tty) {
		if (in < 0 && (in = open("/dev/null", O_RDONLY)) < 0)
			child_fail(ep, errno);
		if (dup2(in, STDIN_FILENO) < 0 ||
		    dup2(out, STDOUT_FILENO) < 0 ||
		    dup2(out, STDERR_FILENO) < 0)
			child_fail(ep, errno);
		if (in > STDERR_FILENO)
			close(in);
		if (out > STDERR_FILENO)
			close(out);
	}
	if ((e = proc_drop_privileges()) != 0)
		child_fail(ep, e);
	signal(SIGPIPE, SIG_DFL);
	cloexec_from(STDERR_FILENO + 1);
	/* (One thread: nothing else holds the environment's lock.) */
	if (p->c_locale && (setenv("LC_ALL", "C", 1) != 0 ||
	    unsetenv("LANGUAGE") != 0))
		child_fail(ep, errno);
	if (p->search)
		execvp(p->argv[0], p->argv);
	else
		execv(p->argv[0], p->argv);
	child_fail(ep, errno);
}

int
proc_write_all(int fd, const void *p, size_t len)
{
	const char *s = p;
	ssize_t w;

	while (len > 0) {
		if ((w = write(fd, s, len)) < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		s += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Reads fd to its end into r->out (at most max kept); 0, or -1 when the
 * deadline (mono_ms; 0 none) passed first. */
static int
slurp(int fd, struct proc_result *r, size_t max, long deadline)
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	char buf[4096];
	long left;
	ssize_t n;
	int k;

	for (;;) {
		left = deadline ? deadline - mono_ms() : 1000;
		if (left <= 0)
			return -1;
		k = poll(&pfd, 1, left > 1000 ? 1000 : (int)left);
		if (k < 0 && errno != EINTR)
			return 0;
		if (k <= 0)
			continue;
		if ((n = read(fd, buf, sizeof(buf))) < 0 &&
		    (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			return 0;
		if (r->out.len < max)
			sb_addn(&r->out, buf, (size_t)n < max - r->out.len ?
			    (size_t)n : max - r->out.len);
	}
}

static void
close_pair(int p[2])
{
	if (p[0] >= 0)
		close(p[0]);
	if (p[1] >= 0)
		close(p[1]);
}

/* The parent's side, the child running as pid. */
static void
parent(const struct proc *p, pid_t pid, int in[2], int out[2], int ep[2],
    struct proc_result *r)
{
	struct sigaction ign, old;
	int status = 0;
	ssize_t n;

	close(ep[1]);
	if (in[0] >= 0) {
		close(in[0]);
		memset(&ign, 0, sizeof(ign));
		ign.sa_handler = SIG_IGN;
		sigemptyset(&ign.sa_mask);
		sigaction(SIGPIPE, &ign, &old);
		r->write_errno = proc_write_all(in[1], p->input, p->input_len);
		sigaction(SIGPIPE, &old, NULL);
		close(in[1]);
	}
	if (out[0] >= 0) {
		close(out[1]);
		r->timed_out = slurp(out[0], r, p->out_max, p->timeout_ms ?
		    mono_ms() + p->timeout_ms : 0) < 0;
		close(out[0]);
	}
	if (r->timed_out)
		kill(pid, SIGKILL);
	while ((n = read(ep[0], &r->exec_errno, sizeof(r->exec_errno))) < 0 &&
	    errno == EINTR)
		;
	if (n != (ssize_t)sizeof(r->exec_errno))
		r->exec_errno = 0;
	close(ep[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			status = 0;
			break;
		}
	r->signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	r->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int
proc_run(const struct proc *p, struct proc_result *r)
{
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, ep[2] = { -1, -1 }, e;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	if ((p->input != NULL && pipe(in) < 0) ||
	    (!p->tty && pipe(out) < 0) || pipe(ep) < 0)
		goto fail;
	/* Ours only: the child keeps its ends past exec, the parent's
	 * ends never reach the program; ep's write end closes on a
	 * successful exec, so an empty read means it ran. */
	if (in[1] >= 0)
		fcntl(in[1], F_SETFD, FD_CLOEXEC);
	if (out[0] >= 0)
		fcntl(out[0], F_SETFD, FD_CLOEXEC);
	fcntl(ep[0], F_SETFD, FD_CLOEXEC);
	fcntl(ep[1], F_SETFD, FD_CLOEXEC);
	fflush(NULL);
	if ((pid = fork()) < 0)
		goto fail;
	if (pid == 0) {
		close(ep[0]);
		if (in[1] >= 0)
			close(in[1]);
		if (out[0] >= 0)
			close(out[0]);
		child(p, in[0], out[1], ep[1]);
	}
	parent(p, pid, in, out, ep, r);
	return 0;
fail:
	e = errno;
	close_pair(in);
	close_pair(out);
	close_pair(ep);
	errno = e;
	return -1;
}
