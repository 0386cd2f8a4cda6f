/*
 * Spreadsheet workbooks read as rows of text: .xlsx (a zip of XML parts,
 * read with libzip and expat) and legacy .xls (BIFF, read with FreeXL).
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
 *	boolean		"yes" or "no"
 *	error		("#N/A", "#DIV/0!") the error's text
 *	empty		""
 *
 * Columns left empty between cells are filled with "", so cells[i] is
 * always column i (A is 0); trailing empty cells may be left off.  Rows
 * with no cell at all are not reported.
 */
#ifndef SHEET_H
#define SHEET_H

#include <stddef.h>

#include "err.h"

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
	 * its size (0 if unknown); may be NULL. */
	void		(*progress)(void *arg, long long done,
			    long long total);
};

/*
 * Reads the chosen sheet of the workbook at path, calling fn(arg, ...)
 * for each row.  name is the file's name in messages (NULL: path).
 * Returns SO_OK, fn's nonzero return, or SO_EINVAL with err saying what
 * and where, naming the file and the part of it:
 *
 *	a.xlsx: not an .xlsx workbook (not a zip archive)
 *	a.xlsx: no sheet "Март" (the sheets: Январь, Февраль)
 *	a.xlsx: xl/worksheets/sheet1.xml:12: not well-formed (invalid token)
 *	a.xls: not an .xls workbook (FreeXL: ...)
 */
int	xlsx_read(const char *path, const char *name,
	    const struct sheet_opts *opts, sheet_row_fn fn, void *arg,
	    struct so_err *err);
int	xls_read(const char *path, const char *name,
	    const struct sheet_opts *opts, sheet_row_fn fn, void *arg,
	    struct so_err *err);

/* The names of the workbook's sheets in order, for a picker and for
 * messages; *names is freed with sheet_names_free. */
int	xlsx_sheet_names(const char *path, char ***names, size_t *n,
	    struct so_err *err);
int	xls_sheet_names(const char *path, char ***names, size_t *n,
	    struct so_err *err);
void	sheet_names_free(char **names, size_t n);

#endif
