/*
 * Printing through CUPS: a finished file (the PDF of a journal or a
 * report) is handed to CUPS's own lpr, which knows the printers, the
 * default destination and the server.  No CUPS library is linked: a
 * machine without CUPS still runs salesorg and only printing says why it
 * cannot.
 */
#ifndef PRINT_H
#define PRINT_H

#include "base/err.h"

/* How long lpr may take before it is stopped (seconds). */
#define PRINT_TIMEOUT	120

/*
 * Runs "lpr [-P printer] [-# copies] [-T title] path" (printer NULL or
 * "": CUPS's default destination; title NULL: none) without a shell and
 * with the real user's privileges.  Nothing reaches the terminal: lpr's
 * output is captured, and a failure comes back in err as "printing to
 * PRINTER: lpr: <lpr's own message>".  lpr not on PATH is SO_ERR "lpr not
 * found: ..."; copies outside 1..999 is SO_EINVAL (field "copies").
 */
/*
 * Where a job for printer goes, for a message: the printer's name, or,
 * for NULL, CUPS's default destination by name ("office (the
 * default)", from lpstat -d), or "the default printer" when lpstat
 * names none.  Sanitised for a terminal; the caller frees it.
 */
char	*print_destination(const char *printer);
int	print_file(const char *path, const char *printer, int copies,
	    const char *title, struct so_err *err);

#endif
