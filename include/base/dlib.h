/*
 * Libraries opened on first use, for what few commands need.
 *
 * A library linked into the binary is mapped and relocated before main
 * by every command, even `salesorg --version`: libical alone pulls in
 * ICU and libstdc++, libzip pulls in libcrypto.  So the libraries of the
 * formats (iCalendar, .xlsx, .xls) and of the PDF writer are opened with
 * dlopen by the first call that needs them, and their callers reach
 * them through a table of function pointers: store/ical_api.h,
 * exchange/xlsx_api.h, exchange/xls_api.h (doc/pdf_api.h has its own
 * loader).  Each of those headers includes the library's own header and
 * turns its names into calls through the table with #defines, so call
 * sites read as usual and every call is still checked against the
 * library's prototypes.
 */
#ifndef BASE_DLIB_H
#define BASE_DLIB_H

#include <stddef.h>

#include "base/err.h"

#define DLIB_MAX	4

struct dlib_so {
	const char	*soname;	/* "libical.so.3" */
	const char	*package;	/* the Debian package: "libical3" */
};

struct dlib_sym {
	const char	*name;
	size_t		 offset;	/* in the table */
	int		 so;		/* whose: an index in sonames */
};

struct dlib {
	const struct dlib_so	*sonames;	/* dependencies first */
	size_t			 nsonames;	/* at most DLIB_MAX */
	const struct dlib_sym	*syms;
	size_t			 nsyms;
	void			*table;		/* dlib_load fills it */
	int			 loaded;
};

/*
 * Opens d's libraries and fills its table, once; later calls are free.
 * SO_ERR naming the library that cannot be opened, or the function it
 * lacks, and the package to install.
 */
int	dlib_load(struct dlib *d, struct so_err *err);

#endif
