/*
 * Reading CSV files as Excel and LibreOffice write them, for the
 * importer (import.h): RFC 4180 quoting (fields in double quotes may
 * hold separators and newlines, "" is a quote), ';' ',' or tab between
 * fields, UTF-8 with or without a byte order mark, CP1251 (Russian
 * Excel's "CSV" is CP1251 with ';' and CRLF) or UTF-16 with a byte
 * order mark (Excel's "Unicode text": UTF-16LE with tabs).  Rows come
 * out as UTF-8 cells, each with the physical line it starts on.
 */
#ifndef CSVIMPORT_H
#define CSVIMPORT_H

#include <stddef.h>
#include <stdio.h>

#include "base/err.h"
#include "exchange/import.h"

/* Refuse a field (a quoted one never closed, say) longer than this. */
#define CSV_MAX_FIELD	(4 * 1024 * 1024)
/* ... and a row with more fields or bytes than this. */
#define CSV_MAX_COLUMNS	1000
#define CSV_MAX_ROW	(16 * 1024 * 1024)

struct csv_read {
	enum csv_encoding encoding;	/* in: AUTO or forced; out: as read */
	char		 sep;		/* in: 0 or forced; out: as used */
	long long	 total;		/* the file's size, 0 if unknown */
	/* Called after each block read with the bytes read so far. */
	void		(*progress)(void *arg, long long done,
			    long long total);
};

/*
 * Reads fp from its start (name for messages), calling fn(arg, ...) for
 * every row that has a non-blank cell, the header included.  Returns
 * SO_OK, fn's nonzero return, or SO_EINVAL with err naming the file and
 * line.  Detecting the encoding (encoding AUTO without a byte order
 * mark) reads fp through once first, so fp must be seekable then.
 */
int	 csv_read(FILE *fp, const char *name, struct csv_read *cr,
	    import_row_fn fn, void *arg, struct so_err *err);

/* Importing a CSV file or bytes in memory: import_file with IMPORT_CSV. */
int	 csv_import(struct db *db, const struct entity *ent, const char *path,
	    const struct import_opts *opts, struct import_stats *st,
	    struct so_err *err);
int	 csv_import_mem(struct db *db, const struct entity *ent,
	    const char *name, const char *buf, size_t len,
	    const struct import_opts *opts, struct import_stats *st,
	    struct so_err *err);

#endif
