/*
 * Errors are returned, never printed deep inside: a function that can fail
 * returns an so_rc and fills a caller-provided struct so_err.  The caller
 * (main for the command line, the UI for the status bar) decides how to
 * show it.
 */
#ifndef ERR_H
#define ERR_H

enum so_rc {
	SO_OK		= 0,
	SO_ERR		= -1,	/* anything else: I/O, SQLite, out of memory */
	SO_EINVAL	= -2,	/* bad input: a field failed validation */
	SO_ENOTFOUND	= -3,	/* no such record */
	SO_ECONFLICT	= -4,	/* changed by someone else since it was read */
	SO_EBUSY	= -5,	/* database locked past the busy timeout */
	SO_ENEWER	= -6,	/* database made by a newer salesorg */
	SO_ENOTDB	= -7,	/* not a database, or corrupt */
	SO_EREADONLY	= -8,	/* the file or directory is not writable */
	SO_EPERM	= -9,	/* the current user may not do this */
};

struct so_err {
	int	 code;		/* an so_rc */
	char	 field[64];	/* field name for SO_EINVAL, else "" */
	char	 msg[512];	/* one line, no trailing newline */
};

/* Sets e (if not NULL) and returns code. */
int	so_err_set(struct so_err *e, int code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Same, naming the field the message is about. */
int	so_err_field(struct so_err *e, int code, const char *field,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void	so_err_clear(struct so_err *e);
/* Process exit status for an so_rc: 0 ok, 3 busy, 1 anything else. */
int	so_err_exit_status(int code);

#endif
