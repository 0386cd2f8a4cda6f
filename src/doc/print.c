/*
 * Printing through CUPS's lpr (print.h).
 *
 * lpr is run with fork and execvp, never through a shell, so a printer
 * name or a title cannot become a command.  The child drops any setgid
 * or setuid privilege first (a salesorg installed setgid for the team's
 * database must not print as that group), reads /dev/null, and writes
 * its output and errors into a pipe: the TUI's screen stays clean and
 * lpr's own words ("lpr: The printer or class does not exist.") end up
 * in the error the user sees.  An exec failure comes back through a
 * close-on-exec pipe as an errno, which is how "lpr is not installed"
 * is told apart from "lpr failed".  lpr gets PRINT_TIMEOUT seconds (a
 * CUPS server that does not answer) before it is stopped, so printing
 * never hangs the program.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/utf8.h"
#include "base/util.h"
#include "doc/print.h"

#define OUT_MAX		2048	/* of lpr's output kept for the message */

/* The child: never returns.  An errno that stops it goes to ep. */
static void
child(char **argv, int out[2], int ep[2])
{
	int e, fd;

	close(out[0]);
	close(ep[0]);
	if ((fd = open("/dev/null", O_RDONLY)) < 0 ||
	    dup2(fd, STDIN_FILENO) < 0 || dup2(out[1], STDOUT_FILENO) < 0 ||
	    dup2(out[1], STDERR_FILENO) < 0) {
		e = errno;
		if (write(ep[1], &e, sizeof(e)) < 0)
			_exit(126);
		_exit(127);
	}
	if (fd > STDERR_FILENO)
		close(fd);
	if (out[1] > STDERR_FILENO)
		close(out[1]);
	exec_as_user(argv, 1, ep[1]);
}

/* Reads fd to its end into b (at most OUT_MAX bytes kept, the rest
 * drained so lpr never blocks); 0, or -1 when the deadline passed. */
static int
slurp(int fd, struct strbuf *b, long deadline)
{
	char buf[512];
	struct pollfd pfd = { fd, POLLIN, 0 };
	ssize_t r;
	long left;
	int n;

	for (;;) {
		if ((left = deadline - mono_ms()) <= 0)
			return -1;
		n = poll(&pfd, 1, left > 1000 ? 1000 : (int)left);
		if (n < 0 && errno != EINTR)
			return 0;
		if (n <= 0)
			continue;
		r = read(fd, buf, sizeof(buf));
		if (r < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (r <= 0)
			return 0;
		if (b->len < OUT_MAX)
			sb_addn(b, buf, (size_t)r < OUT_MAX - b->len ?
			    (size_t)r : OUT_MAX - b->len);
	}
}

/* lpr's output as one line: blanks trimmed, lines joined by "; ",
 * control characters made visible (caller frees). */
static char *
one_line(const char *s)
{
	struct strbuf b = { 0 };
	const char *e;
	char *safe;

	for (; *s != '\0'; s = *e ? e + 1 : e) {
		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		if ((e = strchr(s, '\n')) == NULL)
			e = s + strlen(s);
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' ||
		    e[-1] == '\r'))
			e--;
		if (e > s) {
			if (b.len > 0)
				sb_add(&b, "; ");
			sb_addn(&b, s, (size_t)(e - s));
		}
		while (*e == ' ' || *e == '\t' || *e == '\r')
			e++;
	}
	safe = utf8_sanitize(sb_str(&b));
	sb_free(&b);
	return safe;
}

static int
wait_child(pid_t pid, int *status)
{
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return 0;
}

/* After lpr has run: the error, if any, in err. */
static int
verdict(const char *dest, int eno, int timed_out, int waited, int status,
    const char *output, struct so_err *err)
{
	char *msg;
	int code;

	if (eno == ENOENT)
		return so_err_set(err, SO_ERR, "lpr not found: install "
		    "CUPS's lpr (Debian package cups-bsd)");
	if (eno != 0)
		return so_err_set(err, SO_ERR, "printing to %s: cannot run "
		    "lpr: %s", dest, strerror(eno));
	if (timed_out)
		return so_err_set(err, SO_ERR, "printing to %s: lpr did not "
		    "finish within %d seconds; is the CUPS server running?",
		    dest, PRINT_TIMEOUT);
	if (waited < 0)
		return so_err_set(err, SO_ERR, "printing to %s: cannot wait "
		    "for lpr: %s", dest, strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return SO_OK;
	msg = one_line(output);
	if (*msg != '\0')
		code = so_err_set(err, SO_ERR, "printing to %s: %s", dest,
		    msg);
	else if (WIFSIGNALED(status))
		code = so_err_set(err, SO_ERR, "printing to %s: lpr was "
		    "killed by signal %d", dest, WTERMSIG(status));
	else
		code = so_err_set(err, SO_ERR, "printing to %s: lpr exited "
		    "with status %d", dest, WEXITSTATUS(status));
	free(msg);
	return code;
}

static int
run_lpr(char **argv, const char *dest, struct so_err *err)
{
	struct strbuf output = { 0 };
	int out[2], ep[2], eno = 0, status = 0, timed_out, waited, code;
	pid_t pid;
	ssize_t r;

	if (pipe(out) < 0)
		return so_err_set(err, SO_ERR, "pipe: %s", strerror(errno));
	if (pipe(ep) < 0) {
		close(out[0]);
		close(out[1]);
		return so_err_set(err, SO_ERR, "pipe: %s", strerror(errno));
	}
	/* ep's write end closes on a successful exec: EOF means it ran */
	fcntl(ep[1], F_SETFD, FD_CLOEXEC);
	fcntl(out[0], F_SETFD, FD_CLOEXEC);
	fcntl(ep[0], F_SETFD, FD_CLOEXEC);
	fflush(NULL);
	if ((pid = fork()) < 0) {
		code = errno;
		close(out[0]);
		close(out[1]);
		close(ep[0]);
		close(ep[1]);
		return so_err_set(err, SO_ERR, "printing to %s: cannot start "
		    "lpr: %s", dest, strerror(code));
	}
	if (pid == 0)
		child(argv, out, ep);
	close(out[1]);
	close(ep[1]);
	timed_out = slurp(out[0], &output,
	    mono_ms() + PRINT_TIMEOUT * 1000L) < 0;
	close(out[0]);
	if (timed_out)
		kill(pid, SIGKILL);
	while ((r = read(ep[0], &eno, sizeof(eno))) < 0 && errno == EINTR)
		;
	if (r != (ssize_t)sizeof(eno))
		eno = 0;
	close(ep[0]);
	waited = wait_child(pid, &status);
	code = verdict(dest, eno, timed_out, waited, status, sb_str(&output),
	    err);
	sb_free(&output);
	return code;
}

int
print_file(const char *path, const char *printer, int copies,
    const char *title, struct so_err *err)
{
	char ncopies[16], *argv[10], *file, *dest, *safe_title = NULL;
	int n = 0, code;

	if (path == NULL || *path == '\0')
		return so_err_set(err, SO_EINVAL, "printing: no file to print");
	if (copies < 1 || copies > 999)
		return so_err_field(err, SO_EINVAL, "copies", "copies must be "
		    "1 to 999, not %d", copies);
	if (printer != NULL && *printer == '\0')
		printer = NULL;
	dest = printer ? utf8_sanitize(printer) :
	    xstrdup("the default printer");
	/* a file named "-x" must not read as an option */
	file = path[0] == '-' ? xasprintf("./%s", path) : xstrdup(path);
	snprintf(ncopies, sizeof(ncopies), "%d", copies);
	argv[n++] = "lpr";
	if (printer != NULL) {
		argv[n++] = "-P";
		argv[n++] = (char *)printer;
	}
	if (copies > 1) {
		argv[n++] = "-#";
		argv[n++] = ncopies;
	}
	if (title != NULL && *title != '\0') {
		safe_title = utf8_sanitize(title);
		argv[n++] = "-T";
		argv[n++] = safe_title;
	}
	argv[n++] = file;
	argv[n] = NULL;
	code = run_lpr(argv, dest, err);
	free(safe_title);
	free(file);
	free(dest);
	return code;
}
