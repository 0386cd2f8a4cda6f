/*
 * The legacy .xls reader (see include/exchange/sheet.h), over FreeXL: BIFF2 to
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
 *
 * FreeXL runs in a child process of its own.  Fuzzing found that
 * FreeXL 1.0.6 reads past a stack buffer of its own while it opens some
 * damaged files (tests/fuzz/README), before salesorg sees anything: no
 * check of ours can come first.  So a forked child, with the caller's
 * own user and group only (never a shared database's group), a CPU and
 * a memory limit and no use of the database, opens the workbook and
 * sends what it reads down a pipe: sheet names, or rows, then the end.
 * The parent checks every frame's size, hands the rows to the caller's
 * function (which may write to the database) and turns a child that
 * dies or falls silent into "the reader stopped" -- a damaged file, not
 * a damaged salesorg.
 */
#define _GNU_SOURCE		/* strsignal */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/priv.h"
#include "base/proc.h"
#include "base/util.h"
#include "exchange/sheet.h"
#include "exchange/xls_api.h"

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
		return _("out of memory");
	case FREEXL_INVALID_CFBF_HEADER:
	case FREEXL_CFBF_INVALID_SIGNATURE:
		return _("not a compound document");
	case FREEXL_CFBF_READ_ERROR:
	case FREEXL_CFBF_SEEK_ERROR:
		return _("read error");
	case FREEXL_CFBF_INVALID_SECTOR_SIZE:
	case FREEXL_CFBF_EMPTY_FAT_CHAIN:
	case FREEXL_CFBF_ILLEGAL_FAT_ENTRY:
	case FREEXL_INVALID_MINI_STREAM:
	case FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY:
		return _("damaged compound document");
	case FREEXL_BIFF_INVALID_BOF:
		return _("invalid BIFF record");
	case FREEXL_BIFF_INVALID_SST:
	case FREEXL_BIFF_ILLEGAL_SST_INDEX:
		return _("damaged shared string table");
	case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
		return _("no workbook stream");
	case FREEXL_INVALID_CHARACTER:
		return _("text not in the workbook's code page");
	case FREEXL_UNSUPPORTED_CHARSET:
		return _("unsupported code page");
	case FREEXL_ILLEGAL_CELL_ROW_COL:
		return _("cell outside the sheet");
	case FREEXL_ILLEGAL_RK_VALUE:
		return _("damaged number");
	case FREEXL_CRAFTED_FILE:
		return _("severely damaged or crafted file");
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
		return so_err_set(err, SO_ERR, _("%s: cannot open (%s)"),
		    x->name, strerror(errno));
	case SHEET_FILE_ZIP:
		return so_err_set(err, SO_EINVAL, _("%s: not an .xls workbook "
		    "(a zip archive: an .xlsx workbook?)"), x->name);
	case SHEET_FILE_ODS:
		return so_err_set(err, SO_EINVAL, _("%s: not an .xls workbook "
		    "(an .ods spreadsheet: import it as ods)"), x->name);
	case SHEET_FILE_OTHER:
		return so_err_set(err, SO_EINVAL, _("%s: not an .xls workbook "
		    "(not an OLE2 compound document)"), x->name);
	case SHEET_FILE_OLE2:
		break;
	}
	/* In the child, already as the user alone. */
	rc = freexl_open(path, &x->h);
	if (rc != FREEXL_OK) {
		xls_close(x);
		return so_err_set(err, SO_EINVAL, _("%s: not an .xls workbook "
		    "(FreeXL: %s)"), x->name, freexl_text(rc));
	}
	if (freexl_get_info(x->h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
	    info != FREEXL_BIFF_PLAIN)
		return so_err_set(err, SO_EINVAL, _("%s: the workbook is "
		    "encrypted (password to open); save it without a password "
		    "first"), x->name);
	if (freexl_get_info(x->h, FREEXL_BIFF_SHEET_COUNT, &x->nsheets) !=
	    FREEXL_OK || x->nsheets == 0)
		return so_err_set(err, SO_EINVAL, _("%s: the workbook has no "
		    "sheets"), x->name);
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
	rc = so_err_set(x->err, SO_EINVAL, _("%s: no sheet \"%s\" (the sheets: "
	    "%s)"), x->name, want, sb_str(&list));
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
			return so_err_set(x->err, SO_EINVAL,
			    _("%s: row %u: %s"), x->name, r + 1,
			    freexl_text(rc));
		text = cell_text(&v, buf, sizeof(buf));
		if ((len = strlen(text)) == 0)
			continue;
		if (c >= SHEET_MAX_COLUMNS)
			return so_err_set(x->err, SO_EINVAL, _("%s: row %u: "
			    "more than %d columns"), x->name, r + 1,
			    SHEET_MAX_COLUMNS);
		if (len > SHEET_MAX_CELL)
			return so_err_set(x->err, SO_EINVAL, _("%s: row %u, "
			    "column %u: longer than %d bytes"), x->name, r + 1,
			    c + 1u, SHEET_MAX_CELL);
		sheet_row_set(cells, c, text, len);
	}
	return SO_OK;
}

/* In the child: the rows of the chosen sheet through fn. */
static int
read_sheet(const char *path, const char *name, const struct sheet_opts *opts,
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
		rc = so_err_set(err, SO_EINVAL, _("%s: sheet \"%s\" cannot be "
		    "read"), x.name, sheet_name(&x, idx));
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

/* In the child: the names of the sheets. */
static int
read_names(const char *path, char ***names, size_t *n, struct so_err *err)
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

/* ---- the child and the pipe ---- */

/* What one frame may hold: a row of the widest sheet, cells and all. */
#define FRAME_MAX	((size_t)64 * 1024 * 1024)
/* CPU seconds the child may use: a 65 536-row workbook takes one. */
#define CHILD_CPU_SECONDS	120
/* Address space of the child (not under ASan, which reserves terabytes
 * of it): FreeXL holds the whole workbook in memory. */
#define CHILD_MEMORY	((rlim_t)2048 * 1024 * 1024)

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN	1
#endif
#endif

enum frame_type {
	F_NAME = 'N',		/* a sheet's name */
	F_ROW = 'R',		/* u32 row, u32 n, n x (u32 col, u32 len, text) */
	F_PROGRESS = 'P',	/* u32 done, u32 total */
	F_ERROR = 'E',		/* u32 code, message */
	F_DONE = 'D',		/* u32 rc */
};

struct out {
	int		fd;
	struct strbuf	b;
};

static void
put_u32(struct strbuf *b, uint32_t v)
{
	unsigned char c[4] = { v >> 24, v >> 16, v >> 8, v };

	sb_addn(b, (const char *)c, 4);
}

static uint32_t
get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* Sends type and the payload in o->b (then empties it); -1: the parent
 * has gone. */
static int
send_frame(struct out *o, enum frame_type type)
{
	char head[5];
	size_t len = o->b.len;
	int rc;

	head[0] = (char)type;
	head[1] = (char)(len >> 24);
	head[2] = (char)(len >> 16);
	head[3] = (char)(len >> 8);
	head[4] = (char)len;
	rc = proc_write_all(o->fd, head, sizeof(head));
	if (rc == 0 && len > 0)
		rc = proc_write_all(o->fd, o->b.s, len);
	o->b.len = 0;
	return rc;
}

static int
send_row(void *arg, size_t row, char **cells, size_t n)
{
	struct out *o = arg;
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += cells[i][0] != '\0';
	put_u32(&o->b, (uint32_t)row);
	put_u32(&o->b, (uint32_t)k);
	for (i = 0; i < n; i++) {
		if (cells[i][0] == '\0')
			continue;
		put_u32(&o->b, (uint32_t)i);
		put_u32(&o->b, (uint32_t)strlen(cells[i]));
		sb_add(&o->b, cells[i]);
	}
	return send_frame(o, F_ROW) == 0 ? 0 : SO_ERR;
}

static void
send_progress(void *arg, long long done, long long total)
{
	struct out *o = arg;

	put_u32(&o->b, (uint32_t)done);
	put_u32(&o->b, (uint32_t)total);
	(void)send_frame(o, F_PROGRESS);
}

/*
 * The child: the caller's own IDs, limits, then the reading; every
 * outcome is a frame.  _exit, never exit: the parent's atexit handlers
 * and buffers (SQLite's, stdio's) are not the child's to run.
 */
static void __attribute__((noreturn))
child(int fd, const char *path, const char *name, const char *sheet,
    int names_only)
{
	struct sheet_opts opts = { .sheet = sheet, .progress = send_progress };
	struct rlimit cpu = { CHILD_CPU_SECONDS, CHILD_CPU_SECONDS };
	struct so_err err = { 0 };
	struct out o = { .fd = fd };
	char **names = NULL;
	size_t n = 0, i;
	int rc;

	signal(SIGPIPE, SIG_IGN);
	if (proc_drop_privileges() != 0)
		_exit(126);
	setrlimit(RLIMIT_CPU, &cpu);
#ifndef UNDER_ASAN
	{
		struct rlimit as = { CHILD_MEMORY, CHILD_MEMORY };

		setrlimit(RLIMIT_AS, &as);
	}
#endif
	if (names_only) {
		rc = read_names(path, &names, &n, &err);
		for (i = 0; rc == SO_OK && i < n; i++) {
			sb_add(&o.b, names[i]);
			if (send_frame(&o, F_NAME) != 0)
				_exit(1);
		}
	} else
		rc = read_sheet(path, name, &opts, send_row, &o, &err);
	if (rc != SO_OK && err.msg[0] != '\0') {
		put_u32(&o.b, (uint32_t)rc);
		sb_add(&o.b, err.msg);
		(void)send_frame(&o, F_ERROR);
	} else {
		put_u32(&o.b, (uint32_t)rc);
		(void)send_frame(&o, F_DONE);
	}
	_exit(0);
}

/* Reads exactly len bytes; 0, or -1 at the end of the pipe. */
static int
read_all(int fd, void *buf, size_t len)
{
	char *p = buf;
	ssize_t r;

	while (len > 0) {
		if ((r = read(fd, p, len)) < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p += r;
		len -= (size_t)r;
	}
	return 0;
}

/* The next frame into b; its type, or -1 when the child fell silent
 * or sent what no frame can be. */
static int
next_frame(int fd, struct strbuf *b)
{
	unsigned char head[5];
	size_t len;

	b->len = 0;
	if (read_all(fd, head, sizeof(head)) != 0)
		return -1;
	len = get_u32(head + 1);
	if (len > FRAME_MAX)
		return -1;
	if (b->cap < len + 1) {
		b->s = xrealloc(b->s, len + 1);
		b->cap = len + 1;
	}
	if (read_all(fd, b->s, len) != 0)
		return -1;
	b->len = len;
	b->s[len] = '\0';
	return head[0];
}

/* A row frame back into cells; -1 when it does not add up. */
static int
parse_row(const struct strbuf *b, size_t *row, struct sheet_row *cells)
{
	const unsigned char *p = (const unsigned char *)b->s;
	size_t left = b->len, n, col, len;

	if (left < 8)
		return -1;
	*row = get_u32(p);
	n = get_u32(p + 4);
	p += 8;
	left -= 8;
	sheet_row_reset(cells);
	while (n-- > 0) {
		if (left < 8)
			return -1;
		col = get_u32(p);
		len = get_u32(p + 4);
		p += 8;
		left -= 8;
		if (len > left || col >= SHEET_MAX_COLUMNS ||
		    len > SHEET_MAX_CELL || (cells->n > 0 && col < cells->n))
			return -1;
		sheet_row_set(cells, col, (const char *)p, len);
		p += len;
		left -= len;
	}
	return left == 0 ? 0 : -1;
}

/* take_frames' own states, apart from every SO_* code and fn's return. */
#define MORE		INT_MIN		/* frames still to come */
#define BROKEN		(INT_MIN + 1)	/* the child died or spoke nonsense */

struct run {
	const char		*name;		/* the file in messages */
	const struct sheet_opts	*opts;
	sheet_row_fn		 fn;
	void			*arg;
	char			***names;	/* names_only */
	size_t			*n;
};

/* The parent's side: frames until the end; SO_OK, fn's return, or the
 * child's error. */
static int
take_frames(int fd, struct run *r, struct so_err *err)
{
	struct sheet_row cells = { 0 };
	struct strbuf b = { 0 };
	size_t row, cap = 0;
	int type, rc = MORE;

	while (rc == MORE) {
		type = next_frame(fd, &b);
		if (type == F_NAME && r->names != NULL) {
			if (*r->n == cap) {
				cap = cap ? cap * 2 : 8;
				*r->names = xrealloc(*r->names,
				    cap * sizeof(**r->names));
			}
			(*r->names)[(*r->n)++] = xstrdup(b.len ? b.s : "");
		} else if (type == F_ROW && r->fn != NULL) {
			if (parse_row(&b, &row, &cells) != 0)
				rc = BROKEN;
			else if (cells.n > 0 && (rc = r->fn(r->arg, row,
			    cells.cells, cells.n)) == 0)
				rc = MORE;
		} else if (type == F_PROGRESS && b.len == 8) {
			if (r->opts != NULL && r->opts->progress != NULL)
				r->opts->progress(r->arg,
				    get_u32((unsigned char *)b.s),
				    get_u32((unsigned char *)b.s + 4));
		} else if (type == F_ERROR && b.len > 4) {
			rc = so_err_set(err, (int)get_u32((unsigned char *)b.s),
			    "%s", b.s + 4);
		} else if (type == F_DONE && b.len == 4)
			rc = (int)get_u32((unsigned char *)b.s);
		else
			rc = BROKEN;
	}
	sheet_row_free(&cells);
	sb_free(&b);
	return rc;
}

/* Forks the reader, takes its frames, reaps it; a child that died or
 * spoke nonsense is a file it could not read. */
static int
run_child(const char *path, struct run *r, struct so_err *err)
{
	int p[2], rc, status = 0;
	pid_t pid;

	/* Here, so that a FreeXL not installed is said as such, not as a
	 * reader that stopped. */
	if ((rc = xls_api_load(err)) != SO_OK)
		return rc;
	if (pipe(p) != 0)
		return so_err_set(err, SO_ERR, _("%s: cannot start the .xls "
		    "reader (%s)"), r->name, strerror(errno));
	fflush(NULL);
	if ((pid = fork()) < 0) {
		close(p[0]);
		close(p[1]);
		return so_err_set(err, SO_ERR, _("%s: cannot start the .xls "
		    "reader (%s)"), r->name, strerror(errno));
	}
	if (pid == 0) {
		close(p[0]);
		child(p[1], path, r->name, r->opts ? r->opts->sheet : NULL,
		    r->names != NULL);
	}
	close(p[1]);
	rc = take_frames(p[0], r, err);
	/* Stopped early (the caller's function said so, or nonsense): the
	 * child has nothing more to say that we want. */
	if (rc != SO_OK)
		kill(pid, SIGKILL);
	close(p[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (rc == BROKEN && WIFSIGNALED(status))
		rc = so_err_set(err, SO_EINVAL, _("%s: not a readable .xls "
		    "workbook (the reader stopped: %s)"), r->name,
		    strsignal(WTERMSIG(status)));
	else if (rc == BROKEN)
		rc = so_err_set(err, SO_EINVAL, _("%s: not a readable .xls "
		    "workbook (the reader stopped with status %d)"), r->name,
		    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return rc;
}

int
xls_read(const char *path, const char *name, const struct sheet_opts *opts,
    sheet_row_fn fn, void *arg, struct so_err *err)
{
	struct run r = { .name = name ? name : path, .opts = opts, .fn = fn,
	    .arg = arg };

	return run_child(path, &r, err);
}

int
xls_sheet_names(const char *path, char ***names, size_t *n,
    struct so_err *err)
{
	struct run r = { .name = path, .names = names, .n = n };
	int rc;

	*names = NULL;
	*n = 0;
	if ((rc = run_child(path, &r, err)) != SO_OK) {
		sheet_names_free(*names, *n);
		*names = NULL;
		*n = 0;
	}
	return rc;
}
