/*
 * CSV import into any card file: the rows of a spreadsheet become
 * records of one entity (companies, contacts, payments, ...), driven by
 * the entity's field descriptors alone, so a field added to a descriptor
 * (or a custom field) is importable without a line here.
 *
 * The file is what Excel and LibreOffice write: RFC 4180 quoting (fields
 * in double quotes may hold separators and newlines, "" is a quote),
 * ';' ',' or tab between fields, UTF-8 with or without a byte order mark
 * or CP1251 (Russian Excel's "CSV" is CP1251 with ';' and CRLF).  The
 * first row names the columns; each column maps to a field by its name
 * or its English or Russian label (entity_field_named), or as the caller
 * maps it.  Values are read as a form reads them (field_parse: money
 * "1 234,50", dates "23.11.2026", choices by label); a reference is read
 * as the name of the row it points at ("ООО Ромашка"), "#12" or 12 being
 * the id.
 *
 * All or nothing: one transaction for the whole file.  A bad row stops
 * the import and nothing is written; the error names the file, the
 * physical line where the row starts, the column and the field:
 *
 *	payments.csv:14: column "Сумма" (amount): not an amount ...: "12,3,4"
 *
 * unless skip_bad is set: then bad rows are reported through a callback
 * and left out, and the rest is written.
 */
#ifndef CSVIMPORT_H
#define CSVIMPORT_H

#include <stddef.h>

#include "err.h"
#include "store/db.h"
#include "store/entity.h"

/* Refuse a field (a quoted one never closed, say) longer than this. */
#define CSV_MAX_FIELD	(4 * 1024 * 1024)
/* ... and a row with more fields or bytes than this. */
#define CSV_MAX_COLUMNS	1000
#define CSV_MAX_ROW	(16 * 1024 * 1024)

/*
 * Encodings of the input.  Every one is ASCII-compatible, so the CSV
 * syntax is parsed on the raw bytes and each field is converted on its
 * own; UTF-16 would need converting before parsing.
 */
enum csv_encoding {
	CSV_ENC_AUTO,		/* UTF-8 if the whole file is valid UTF-8 */
	CSV_ENC_UTF8,
	CSV_ENC_CP1251,
};

/* "utf-8", "cp1251" (and "auto") <-> enum; -1 for an unknown name.
 * Case and the dash do not matter: UTF8, windows-1251 are accepted. */
int	 csv_encoding_parse(const char *name);
const char *csv_encoding_name(enum csv_encoding enc);

struct csv_opts {
	enum csv_encoding encoding;
	char		 sep;		/* ';' ',' '\t'; 0: detect from the
					   header: the most frequent of the
					   three outside quotes */
	/*
	 * "Column=field,Column2=field2": maps these columns, overriding
	 * their headers.  field is as entity_field_named() reads it; an
	 * empty field ("Примечание=") leaves the column out.
	 */
	const char	*map;
	int		 ignore_unknown;	/* leave out unknown columns */
	/* A company named in a reference that no company has is created
	 * (only companies: other names are too easy to get wrong). */
	int		 create_missing;
	int		 skip_bad;	/* leave bad rows out, see skipped */
	int		 dry_run;	/* do everything, then roll back */
	/* Each row left out by skip_bad, with why (as the error would have
	 * been); may be NULL. */
	void		(*skipped)(void *arg, const struct so_err *why);
	/* Called every few rows: rows read so far, bytes read of total
	 * (the file's size; 0 when unknown); may be NULL. */
	void		(*progress)(void *arg, size_t rows, long long done,
			    long long total);
	void		*arg;
};

struct csv_stats {
	size_t		 imported;	/* records created (or that would be) */
	size_t		 skipped;	/* bad rows left out */
	size_t		 created;	/* companies made by create_missing */
	size_t		 rows;		/* data rows read (not the header) */
	enum csv_encoding encoding;	/* as read (never CSV_ENC_AUTO) */
	char		 sep;		/* as used */
};

/*
 * Imports the file at path into ent.  name is used in messages (NULL:
 * path).  Returns SO_OK, or an error with err saying where and why, in
 * which case nothing was written.  Detecting the encoding reads the file
 * twice: a pipe needs opts->encoding.
 */
int	 csv_import(struct db *db, const struct entity *ent, const char *path,
	    const struct csv_opts *opts, struct csv_stats *st,
	    struct so_err *err);
/* The same for len bytes in memory, with name for messages. */
int	 csv_import_mem(struct db *db, const struct entity *ent,
	    const char *name, const char *buf, size_t len,
	    const struct csv_opts *opts, struct csv_stats *st,
	    struct so_err *err);

#endif
