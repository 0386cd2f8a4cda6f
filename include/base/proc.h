/*
 * Other programs: the one place salesorg starts them (lpr, sendmail, the
 * editor) and the one place a child gives up what a setgid salesorg
 * holds.
 *
 * A program runs with fork and exec, never through a shell unless argv
 * says "sh -c"; with the real user and group only (real, effective and
 * saved), so it never runs with a shared database's group nor can take
 * it back; with every descriptor above stderr closed on exec (no handle
 * on the database) and SIGPIPE as it was at birth.  Its input is
 * /dev/null, a buffer written down a pipe, or the terminal; its output
 * and errors go to the terminal or into a buffer (so a TUI screen stays
 * clean and the program's own words can go into a message).  An exec
 * that fails comes back through a close-on-exec pipe as an errno: "not
 * installed" is told apart from "ran and failed".
 */
#ifndef BASE_PROC_H
#define BASE_PROC_H

#include <stddef.h>

#include "base/util.h"

struct proc {
	char *const	*argv;
	int		 search;	/* argv[0] looked up on PATH */
	const char	*input;		/* to its stdin, written whole before
					 * any output is read (a mailer's
					 * way); NULL: see tty */
	size_t		 input_len;
	int		 tty;		/* our terminal for its stdout and
					 * stderr, and stdin when no input
					 * (an editor); else output captured
					 * and /dev/null in when no input */
	long		 timeout_ms;	/* killed after; 0: wait for ever */
	int		 c_locale;	/* in the C locale: its output is
					 * read by salesorg, not a person */
	size_t		 out_max;	/* of the output kept (captured) */
};

struct proc_result {
	int		 exec_errno;	/* it could not be run: why */
	int		 status;	/* exit status, -1 when killed */
	int		 signal;	/* the signal that killed it, or 0 */
	int		 timed_out;
	int		 write_errno;	/* writing its input (EPIPE: it left) */
	struct strbuf	 out;		/* stdout and stderr, when captured */
};

/*
 * Runs p and waits for it.  0 with r filled in (whether the program
 * ran, failed or could not be found: see r), or -1 with errno when no
 * child could be made.  r->out is freed with sb_free.
 */
int	proc_run(const struct proc *p, struct proc_result *r);

/* Writes all of len bytes to fd, again after EINTR; 0, or the errno
 * (EPIPE: the reader left).  For any pipe to or from another process. */
int	proc_write_all(int fd, const void *p, size_t len);

/*
 * In a child, before anything else: the real user and group for all
 * three IDs, checked after rather than trusted.  0, or an errno (the
 * child must then exit without doing its work).
 */
int	proc_drop_privileges(void);

#endif
