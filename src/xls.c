/*
 * The legacy .xls reader (see include/sheet.h), over FreeXL: BIFF2 to
 * BIFF8 workbooks, Excel 2.1 to 2003.
 *
 * FreeXL reads the whole workbook into memory when it opens it (it has
 * its own guards against crafted files) and then answers cell by cell,
 * already in UTF-8 whatever the workbook's code page.  It decides which
 * numbers are dates from the cells' formats and hands them over as text
 * ("YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS", "HH:MM:SS"), which is brought
 * to the forms the .xlsx reader writes: seconds only when not zero, no
 * time at midnight.  Integers and doubles go through sheet_number.
 *
 * An encrypted workbook (a FILEPASS record, "password to open") cannot
 * be read: FreeXL says so through FREEXL_BIFF_PASSWORD and the reader
 * refuses it rather than returning garbage.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <freexl.h>

#include "priv.h"
#include "sheet.h"
#include "util.h"

struct xls {
	const char	*name;		/* the file in messages */
	const void	*h;
	struct so_err	*err;
	unsigned	 nsheets;
};

static const char *
freexl_text(int code)
{
	switch (code) {
	case FREEXL_INSUFFICIENT_MEMORY:
		return "out of memory";
	case FREEXL_INVALID_CFBF_HEADER:
	case FREEXL_CFBF_INVALID_SIGNATURE:
		return "not a compound document";
	case FREEXL_CFBF_READ_ERROR:
	case FREEXL_CFBF_SEEK_ERROR:
		return "read error";
	case FREEXL_CFBF_INVALID_SECTOR_SIZE:
	case FREEXL_CFBF_EMPTY_FAT_CHAIN:
	case FREEXL_CFBF_ILLEGAL_FAT_ENTRY:
	case FREEXL_INVALID_MINI_STREAM:
	case FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY:
		return "damaged compound document";
	case FREEXL_BIFF_INVALID_BOF:
		return "invalid BIFF record";
	case FREEXL_BIFF_INVALID_SST:
	case FREEXL_BIFF_ILLEGAL_SST_INDEX:
		return "damaged shared string table";
	case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
		return "no workbook stream";
	case FREEXL_INVALID_CHARACTER:
		return "text not in the workbook's code page";
	case FREEXL_UNSUPPORTED_CHARSET:
		return "unsupported code page";
	case FREEXL_ILLEGAL_CELL_ROW_COL:
		return "cell outside the sheet";
	case FREEXL_ILLEGAL_RK_VALUE:
		return "damaged number";
	case FREEXL_CRAFTED_FILE:
		return "severely damaged or crafted file";
	default:
		return "unreadable";
	}
}

static void
xls_close(struct xls *x)
{
	if (x->h != NULL)
		freexl_close(x->h);
	x->h = NULL;
}

static int
xls_open(struct xls *x, const char *path, const char *name,
    struct so_err *err)
{
	unsigned info = 0;
	int rc;

	memset(x, 0, sizeof(*x));
	x->name = name != NULL ? name : path;
	x->err = err;
	/* FreeXL says "file not found" whatever stops fopen, and "read
	 * error" for a file too short to be one of its own. */
	switch (sheet_file_kind(path)) {
	case SHEET_FILE_UNREADABLE:
		return so_err_set(err, SO_ERR, "%s: cannot open (%s)",
		    x->name, strerror(errno));
	case SHEET_FILE_ZIP:
		return so_err_set(err, SO_EINVAL, "%s: not an .xls workbook "
		    "(a zip archive: an .xlsx workbook?)", x->name);
	case SHEET_FILE_OTHER:
		return so_err_set(err, SO_EINVAL, "%s: not an .xls workbook "
		    "(not an OLE2 compound document)", x->name);
	case SHEET_FILE_OLE2:
		break;
	}
	/* As the user: FreeXL keeps the file open (priv.h). */
	priv_user_begin();
	rc = freexl_open(path, &x->h);
	priv_user_end();
	if (rc != FREEXL_OK) {
		xls_close(x);
		return so_err_set(err, SO_EINVAL, "%s: not an .xls workbook "
		    "(FreeXL: %s)", x->name, freexl_text(rc));
	}
	if (freexl_get_info(x->h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
	    info != FREEXL_BIFF_PLAIN)
		return so_err_set(err, SO_EINVAL, "%s: the workbook is "
		    "encrypted (password to open); save it without a password "
		    "first", x->name);
	if (freexl_get_info(x->h, FREEXL_BIFF_SHEET_COUNT, &x->nsheets) !=
	    FREEXL_OK || x->nsheets == 0)
		return so_err_set(err, SO_EINVAL, "%s: the workbook has no "
		    "sheets", x->name);
	return SO_OK;
}

static const char *
sheet_name(struct xls *x, unsigned i)
{
	const char *s = NULL;

	if (freexl_get_worksheet_name(x->h, (unsigned short)i, &s) !=
	    FREEXL_OK || s == NULL)
		return "";
	return s;
}

/* The index of the sheet called want (NULL: the first). */
static int
find_sheet(struct xls *x, const char *want, unsigned *idx)
{
	struct strbuf list = { 0 };
	unsigned i;
	int rc;

	*idx = 0;
	if (want == NULL)
		return SO_OK;
	for (i = 0; i < x->nsheets; i++)
		if (strcmp(sheet_name(x, i), want) == 0) {
			*idx = i;
			return SO_OK;
		}
	for (i = 0; i < x->nsheets && list.len < 300; i++) {
		if (i > 0)
			sb_add(&list, ", ");
		sb_add(&list, sheet_name(x, i));
	}
	if (i < x->nsheets)
		sb_add(&list, ", ...");
	rc = so_err_set(x->err, SO_EINVAL, "%s: no sheet \"%s\" (the sheets: "
	    "%s)", x->name, want, sb_str(&list));
	sb_free(&list);
	return rc;
}

/* The text of a cell into buf, or a pointer FreeXL owns. */
static const char *
cell_text(const FreeXL_CellValue *v, char *buf, size_t size)
{
	switch (v->type) {
	case FREEXL_CELL_INT:
		snprintf(buf, size, "%d", v->value.int_value);
		return buf;
	case FREEXL_CELL_DOUBLE:
		sheet_number(v->value.double_value, buf, size);
		return buf;
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
		return v->value.text_value != NULL ? v->value.text_value : "";
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME:
	case FREEXL_CELL_TIME:
		if (v->value.text_value == NULL)
			return "";
		sheet_iso_text(v->value.text_value, buf, size);
		return buf;
	default:
		return "";
	}
}

/* Reads one row into cells; SO_OK or SO_EINVAL. */
static int
read_row(struct xls *x, unsigned r, unsigned short ncols,
    struct sheet_row *cells)
{
	char buf[SHEET_NUM_SIZE];
	FreeXL_CellValue v;
	const char *text;
	unsigned short c;
	size_t len;
	int rc;

	sheet_row_reset(cells);
	for (c = 0; c < ncols; c++) {
		if ((rc = freexl_get_cell_value(x->h, r, c, &v)) != FREEXL_OK)
			return so_err_set(x->err, SO_EINVAL, "%s: row %u: %s",
			    x->name, r + 1, freexl_text(rc));
		text = cell_text(&v, buf, sizeof(buf));
		if ((len = strlen(text)) == 0)
			continue;
		if (c >= SHEET_MAX_COLUMNS)
			return so_err_set(x->err, SO_EINVAL, "%s: row %u: "
			    "more than %d columns", x->name, r + 1,
			    SHEET_MAX_COLUMNS);
		if (len > SHEET_MAX_CELL)
			return so_err_set(x->err, SO_EINVAL, "%s: row %u, "
			    "column %u: longer than %d bytes", x->name, r + 1,
			    c + 1u, SHEET_MAX_CELL);
		sheet_row_set(cells, c, text, len);
	}
	return SO_OK;
}

int
xls_read(const char *path, const char *name, const struct sheet_opts *opts,
    sheet_row_fn fn, void *arg, struct so_err *err)
{
	struct sheet_row cells = { 0 };
	unsigned idx, rows = 0, r;
	unsigned short cols = 0;
	struct xls x;
	int rc;

	if ((rc = xls_open(&x, path, name, err)) != SO_OK ||
	    (rc = find_sheet(&x, opts != NULL ? opts->sheet : NULL,
	    &idx)) != SO_OK)
		goto out;
	if (freexl_select_active_worksheet(x.h, (unsigned short)idx) !=
	    FREEXL_OK || freexl_worksheet_dimensions(x.h, &rows, &cols) !=
	    FREEXL_OK) {
		rc = so_err_set(err, SO_EINVAL, "%s: sheet \"%s\" cannot be "
		    "read", x.name, sheet_name(&x, idx));
		goto out;
	}
	for (r = 0; r < rows; r++) {
		if ((rc = read_row(&x, r, cols, &cells)) != SO_OK)
			break;
		if (cells.n > 0 && (rc = fn(arg, r + 1, cells.cells,
		    cells.n)) != 0)
			break;
		if (opts != NULL && opts->progress != NULL &&
		    (r % 256 == 0 || r + 1 == rows))
			opts->progress(arg, r + 1, rows);
	}
out:
	sheet_row_free(&cells);
	xls_close(&x);
	return rc;
}

int
xls_sheet_names(const char *path, char ***names, size_t *n,
    struct so_err *err)
{
	struct xls x;
	unsigned i;
	int rc;

	*names = NULL;
	*n = 0;
	if ((rc = xls_open(&x, path, NULL, err)) == SO_OK) {
		*names = xcalloc(x.nsheets, sizeof(**names));
		for (i = 0; i < x.nsheets; i++)
			(*names)[i] = xstrdup(sheet_name(&x, i));
		*n = x.nsheets;
	}
	xls_close(&x);
	return rc;
}
