/*
 * Reading CSV files as Excel and LibreOffice write them, for the
 * importer (import.h): RFC 4180 quoting (fields in double quotes may
 * hold separators and newlines, "" is a quote), ';' ',' or tab between
 * fields, UTF-8 with or without a byte order mark, CP1251 (Russian
 * Excel's "CSV" is CP1251 with ';' and CRLF) or UTF-16 with a byte
 * order mark (Excel's "Unicode text": UTF-16LE with tabs).  Rows come
 * out as UTF-8 cells, each with the physical line it starts on.  Below
 * the importer: it knows nothing of entities or the store.
 */
#ifndef CSVIMPORT_H
#define CSVIMPORT_H

#include <stddef.h>
#include <stdio.h>

#include "base/err.h"

/* Encodings of a CSV file (a workbook says its own). */
enum csv_encoding {
	CSV_ENC_AUTO,		/* a byte order mark, else UTF-8 if the
				   whole file is valid UTF-8, else CP1251 */
	CSV_ENC_UTF8,
	CSV_ENC_CP1251,
	CSV_ENC_UTF16LE,	/* Excel's "Unicode text" */
	CSV_ENC_UTF16BE,
};

/* "utf-8", "cp1251", "utf-16", "utf-16le", "utf-16be" (and "auto") <->
 * enum; -1 for an unknown name.  Case and the dash do not matter:
 * UTF8, windows-1251 are accepted; "utf-16" is little-endian unless a
 * byte order mark says otherwise. */
int	 csv_encoding_parse(const char *name);
const char *csv_encoding_name(enum csv_encoding enc);

/*
 * The reader hands each row to a row function: where is the line or row
 * the row starts on, cells[0..n) its cells in UTF-8.  bad >= 0 says
 * cell bad could not be read as text (why says how); the row is then a
 * bad row.  Nonzero stops the reading: the reader returns it.
 */
typedef int	(*csv_row_fn)(void *arg, size_t where, char **cells,
		    size_t n, int bad, const char *why);

/* Refuse a field (a quoted one never closed, say) longer than this. */
#define CSV_MAX_FIELD	(4 * 1024 * 1024)
/* ... and a row with more fields or bytes than this. */
#define CSV_MAX_COLUMNS	1000
#define CSV_MAX_ROW	(16 * 1024 * 1024)

struct csv_read {
	enum csv_encoding encoding;	/* in: AUTO or forced; out: as read */
	char		 sep;		/* in: 0 or forced; out: as used */
	/*
	 * A line that starts a row and breaks RFC 4180's quoting the way
	 * 1C and hand-made files do (ООО "Ромашка" unquoted, or "ООО
	 * "Ромашка"" quoted with the inner quotes not doubled) is read
	 * with its quotes as text, and repaired is called with a message
	 * naming the file and line (may be NULL); strict refuses it
	 * instead, as a stray quote.  *nrepaired counts them.
	 */
	int		 strict;
	void		(*repaired)(void *arg, const struct so_err *what);
	size_t		 nrepaired;
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
	    csv_row_fn fn, void *arg, struct so_err *err);

#endif
