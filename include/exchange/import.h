/*
 * Importing a table of text into a card file: the rows of a CSV file or
 * of a spreadsheet's sheet become records of one entity (companies,
 * contacts, payments, ...), driven by the entity's field descriptors
 * alone, so a field added to a descriptor (or a custom field) is
 * importable without a line here.
 *
 * The readers (csvimport.h for CSV, sheet.h for .xlsx, .ods and .xls) turn a
 * file into rows of UTF-8 cells; this layer, above them, maps and writes
 * them.  The
 * first row names the columns; each column maps to a field by its name
 * or its English or Russian label (entity_field_named), by a name
 * Russian spreadsheets and 1C use ("Мобильный телефон", "Эл. почта",
 * "Примечание", "ИНН" for a custom field inn), or as the caller maps
 * it.  Values are read as a form reads them (field_parse: money
 * "1 234,50", dates "23.11.2026", choices by label); a reference is read
 * as the name of the row it points at ("ООО Ромашка"), "#12" or 12 being
 * the id.  A text cell that a spreadsheet export neutralised against
 * formulas ("'=..." "'+7 495 ...") loses the quote.
 *
 * Duplicates: a row that names a record already there (a company of the
 * same name in the same city, or with the same phone or e-mail; a
 * contact of the same name at the same company, or with the same phone
 * or e-mail; see store/dupes.h) is skipped, updates that record with the
 * row's non-empty cells, or is added anyway, as on_duplicate says.
 *
 * All or nothing: one transaction for the whole file.  A bad row stops
 * the import and nothing is written; the error names the file, where
 * the row starts (a CSV file's physical line, a sheet's row), the column
 * and the field:
 *
 *	payments.csv:14: column "Сумма" (amount): not an amount: "12,3,4"
 *	clients.xlsx, sheet "Лист1", row 7: column "Телефон" (phone): ...
 *
 * unless skip_bad is set: then bad rows are reported through a callback
 * and left out, and the rest is written.
 */
#ifndef IMPORT_H
#define IMPORT_H

#include <stddef.h>

#include "base/err.h"
#include "exchange/csvimport.h"
#include "store/db.h"
#include "store/entity.h"

enum import_format {
	IMPORT_AUTO,		/* by the file's first bytes and name */
	IMPORT_CSV,
	IMPORT_XLSX,
	IMPORT_XLS,
	IMPORT_ODS,		/* LibreOffice Calc's OpenDocument */
};

/* "csv", "xlsx", "xls", "ods", "auto" <-> enum; -1 for an unknown name. */
int	 import_format_parse(const char *name);
const char *import_format_name(enum import_format f);

enum import_dup {
	DUP_SKIP,		/* leave the row out, count it */
	DUP_UPDATE,		/* write the row's cells over the record */
	DUP_ADD,		/* add it as another record */
};

/* "skip", "update", "add" <-> enum; -1 for an unknown name. */
int	 import_dup_parse(const char *name);
const char *import_dup_name(enum import_dup d);

struct import_opts {
	enum csv_encoding encoding;	/* CSV only */
	char		 sep;		/* CSV only: ';' ',' '\t'; 0: detect
					   from the header: the most
					   frequent of the three outside
					   quotes */
	const char	*sheet;		/* workbooks: NULL, the first sheet */
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
	enum import_dup	 on_duplicate;
	int		 skip_bad;	/* leave bad rows out, see skipped */
	/* CSV: refuse a quote not doubled inside a field rather than
	 * read it as text (csvimport.h); repaired hears of each line read
	 * so (may be NULL). */
	int		 strict;
	void		(*repaired)(void *arg, const struct so_err *what);
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

struct import_stats {
	size_t		 imported;	/* records created (or that would be) */
	size_t		 updated;	/* duplicates updated (on_duplicate) */
	size_t		 unchanged;	/* duplicates the row changed nothing of */
	size_t		 duplicates;	/* duplicates skipped */
	size_t		 skipped;	/* bad rows left out */
	size_t		 repaired;	/* CSV lines with bare quotes read */
	size_t		 created;	/* companies made by create_missing */
	size_t		 groups;	/* product groups a catalogue named */
	size_t		 rows;		/* data rows read (not the header) */
	enum import_format format;	/* as read (never IMPORT_AUTO) */
	enum csv_encoding encoding;	/* CSV: as read (never AUTO) */
	char		 sep;		/* CSV: as used */
};

/*
 * Imports the file at path into ent.  name is used in messages (NULL:
 * path).  Returns SO_OK, or an error with err saying where and why, in
 * which case nothing was written.
 *
 * The input is opened before the write transaction begins, and a CSV
 * that is not a regular file (a pipe, a FIFO, /dev/stdin on a terminal)
 * is read whole into memory first, at most IMPORT_MAX_STREAM bytes: the
 * transaction, and with it the shared database's write lock, never
 * waits on input someone else controls.  A workbook (.xlsx, .xls) must
 * be a regular file.
 */
#define IMPORT_MAX_STREAM	(256L * 1024 * 1024)

int	 import_file(struct db *db, const struct entity *ent,
	    enum import_format fmt, const char *path, const char *name,
	    const struct import_opts *opts, struct import_stats *st,
	    struct so_err *err);

/*
 * What the import screen shows before anything is written: the columns,
 * the field each maps to and the first rows, as the import would read
 * them with these options.
 */
#define PREVIEW_UNKNOWN	(-2)	/* a column naming no field */
#define PREVIEW_LEFT_OUT (-1)	/* mapped to nothing */

struct import_preview {
	size_t		 ncols;
	char		**headers;	/* [ncols] */
	int		*fields;	/* [ncols]: field index or the above */
	size_t		 nrows;
	char		***cells;	/* [nrows][ncols], "" past a row's end */
	size_t		*lines;		/* [nrows]: where each row starts */
	enum import_format format;
	enum csv_encoding encoding;
	char		 sep;
	char		**sheets;	/* workbooks: every sheet's name */
	size_t		 nsheets;
};

int	 import_preview(const struct entity *ent, enum import_format fmt,
	    const char *path, const struct import_opts *opts, size_t maxrows,
	    struct import_preview *pv, struct so_err *err);
void	 import_preview_free(struct import_preview *pv);

/* Importing a CSV file or bytes in memory: import_file with IMPORT_CSV. */
int	 csv_import(struct db *db, const struct entity *ent, const char *path,
	    const struct import_opts *opts, struct import_stats *st,
	    struct so_err *err);
int	 csv_import_mem(struct db *db, const struct entity *ent,
	    const char *name, const char *buf, size_t len,
	    const struct import_opts *opts, struct import_stats *st,
	    struct so_err *err);

#endif
