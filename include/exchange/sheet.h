/*
 * Spreadsheet workbooks read as rows of text: .xlsx (a zip of XML parts,
 * read with libzip and expat), .ods (LibreOffice Calc's OpenDocument
 * spreadsheet, a zip too, its sheets in content.xml) and legacy .xls
 * (BIFF, read with FreeXL).
 * The importer (import.h) turns the rows into records exactly as it
 * does the rows of a CSV file, so a workbook gets the same mapping,
 * duplicate handling and transaction.
 *
 * Every cell comes out as UTF-8 text, the way a person typing it into
 * a form would write it:
 *
 *	text		as is (line breaks inside a cell as "\n")
 *	number		the shortest form that reads back the same double
 *			("1234.5", "42", "0.1"), never an exponent for a
 *			value a spreadsheet shows without one
 *	date		"YYYY-MM-DD" for a number the cell's format shows
 *			as a date; "YYYY-MM-DD HH:MM" when it has a time
 *			of day (seconds when not zero); "HH:MM" for a
 *			time alone (1900 and 1904 date systems both)
 *	boolean		"yes" or "no" (in an .xls "1" or "0": FreeXL
 *			does not tell a boolean from an integer)
 *	error		("#N/A", "#DIV/0!") the error's text
 *	empty		""
 *
 * Columns left empty between cells are filled with "", so cells[i] is
 * always column i (A is 0); trailing empty cells may be left off.  Rows
 * with no cell at all (or only empty ones) are not reported.
 */
#ifndef SHEET_H
#define SHEET_H

#include <stddef.h>

#include "base/err.h"

/* Bounds a hostile file cannot pass (the CSV importer's, the same). */
#define SHEET_MAX_COLUMNS	1000
#define SHEET_MAX_CELL		(4 * 1024 * 1024)

/*
 * Called once per row, in order: row is the sheet's row number (1 for
 * the first row as the spreadsheet shows it), cells[0..n) the row's
 * cells.  The cells belong to the reader and live until the call
 * returns.  A nonzero return stops the reading; the reader returns it.
 */
typedef int	(*sheet_row_fn)(void *arg, size_t row, char **cells,
		    size_t n);

struct sheet_opts {
	const char	*sheet;		/* by name; NULL: the first sheet */
	/* Called now and then with the bytes of the sheet read so far and
	 * its size (0 if unknown), for an .xls the rows; may be NULL.  Its
	 * arg is the row function's. */
	void		(*progress)(void *arg, long long done,
			    long long total);
};

/*
 * Reads the chosen sheet of the workbook at path, calling fn(arg, ...)
 * for each row.  name is the file's name in messages (NULL: path).
 * Returns SO_OK, fn's nonzero return, SO_ERR when the file cannot be
 * opened, or SO_EINVAL with err saying what and where, naming the file
 * and the part of it:
 *
 *	a.xlsx: not an .xlsx workbook (not a zip archive)
 *	a.xlsx: no sheet "Март" (the sheets: Январь, Февраль)
 *	a.xlsx: xl/worksheets/sheet1.xml:12: not well-formed (invalid token)
 *	a.xlsx: xl/worksheets/sheet1.xml:7: cell B3: "x" is not a number
 *	a.xls: not an .xls workbook (FreeXL: ...)
 *	a.xls: the workbook is encrypted (password to open); save it ...
 *
 * The sheet is streamed: rows before a damaged place have been passed
 * to fn when the error comes, so a caller that must be all-or-nothing
 * keeps its changes in a transaction.
 */
int	xlsx_read(const char *path, const char *name,
	    const struct sheet_opts *opts, sheet_row_fn fn, void *arg,
	    struct so_err *err);
int	xls_read(const char *path, const char *name,
	    const struct sheet_opts *opts, sheet_row_fn fn, void *arg,
	    struct so_err *err);
/* The same for an .ods; errors name content.xml and its line:
 *	a.ods: content.xml:3: cell B2: more than 1000 columns */
int	ods_read(const char *path, const char *name,
	    const struct sheet_opts *opts, sheet_row_fn fn, void *arg,
	    struct so_err *err);

/* The names of the workbook's sheets in order, for a picker and for
 * messages; *names is freed with sheet_names_free. */
int	xlsx_sheet_names(const char *path, char ***names, size_t *n,
	    struct so_err *err);
int	xls_sheet_names(const char *path, char ***names, size_t *n,
	    struct so_err *err);
int	ods_sheet_names(const char *path, char ***names, size_t *n,
	    struct so_err *err);
void	sheet_names_free(char **names, size_t n);

/* What the first bytes of the file at path say it is, whatever its
 * name: an .xlsx is a zip archive, an .xls an OLE2 compound document
 * (so is an encrypted .xlsx), an .ods a zip archive whose first member
 * is its stored "mimetype" (OpenDocument requires it so, to be told by
 * these bytes).  SHEET_FILE_UNREADABLE sets errno. */
enum sheet_file {
	SHEET_FILE_OTHER,
	SHEET_FILE_ZIP,
	SHEET_FILE_ODS,
	SHEET_FILE_OLE2,
	SHEET_FILE_UNREADABLE,
};
enum sheet_file sheet_file_kind(const char *path);

/*
 * What both readers share, public so that the unit tests can check the
 * conversions on their own.
 */

#define SHEET_NUM_SIZE	64	/* room for any sheet_number text */

/* v as the shortest text that reads back as the same double ("1234.5",
 * "0.1", "79161234567"); plain digits from 1e-7 up to 1e21, an exponent
 * ("1e-08", "1.5e+21") only beyond.  Not locale-dependent. */
void	sheet_number(double v, char *buf, size_t size);

/* s (spaces around allowed) as a finite number, read in the "C" locale
 * as spreadsheet XML writes it; -1 if it is not one. */
int	sheet_parse_number(const char *s, double *v);

/* How a cell's number format shows a number. */
enum sheet_fmt {
	SHEET_FMT_NUMBER,	/* as a number */
	SHEET_FMT_DATE,		/* a date, with the time when it has one */
	SHEET_FMT_TIME,		/* a time of day alone ("h:mm") */
	SHEET_FMT_ELAPSED,	/* elapsed time ("[h]:mm"): hours past 24 */
};

/* The kind of a format code ("DD.MM.YYYY", "#,##0.00", "[h]:mm"). */
enum sheet_fmt sheet_format_kind(const char *code);
/* The kind of a built-in format id (14 "m/d/yyyy", 20 "h:mm", ...). */
enum sheet_fmt sheet_builtin_kind(unsigned id);

/*
 * A date serial (days since the epoch, the fraction the time of day) as
 * the date text above, in the 1900 system (with Lotus's 29 February
 * 1900, serial 60) or the 1904 one.  Returns 0, or -1 for a serial no
 * date can have (negative, past 9999-12-31): then the caller shows the
 * number.
 */
int	sheet_serial_text(double serial, int date1904, enum sheet_fmt kind,
	    char *buf, size_t size);

/* "YYYY-MM-DD", "YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z]" or "HH:MM[:SS]" in
 * the same forms as sheet_serial_text; anything else is copied as is. */
void	sheet_iso_text(const char *in, char *buf, size_t size);

/* A row being put together: cells[i] is column i, each a buffer kept
 * from row to row. */
struct sheet_row {
	char	**cells;
	size_t	 *caps;
	size_t	  n, cap;
};

/* Sets column col to s[0..len), turning "\r\n" and a lone "\r" into "\n";
 * columns between the last one set and col become "".  An empty s sets
 * nothing, so trailing empty cells are left off. */
void	sheet_row_set(struct sheet_row *r, size_t col, const char *s,
	    size_t len);
void	sheet_row_reset(struct sheet_row *r);
void	sheet_row_free(struct sheet_row *r);

#endif
