/*
 * The .xlsx reader (see include/exchange/sheet.h): an Office Open XML workbook is
 * a zip archive of XML parts, read here with libzip and expat.  The .ods
 * reader, at the end, shares its parser (see "OpenDocument" there).
 *
 *	xl/workbook.xml			the sheets in order (name, r:id) and
 *					the date system (workbookPr date1904)
 *	xl/_rels/workbook.xml.rels	r:id -> part, relative to xl/ or
 *					absolute ("/xl/worksheets/sheet1.xml");
 *					also where the styles and the shared
 *					strings are (else their usual names)
 *	xl/styles.xml			cellXfs: style index -> number format,
 *					which says whether a number is a date
 *	xl/sharedStrings.xml		the strings that cells of type "s" index
 *	xl/worksheets/sheetN.xml	<row r><c r="B3" t s><v>|<is><t>
 *
 * Every part goes through expat in CHUNK-sized pieces straight from the
 * zip stream, so a sheet is never held whole: memory is the shared
 * strings (capped at MAX_SST bytes), the style table and one row.  Only
 * the text inside <v> and <t> is kept, and only up to SHEET_MAX_CELL
 * bytes per cell.  Expat holds a token (a tag with its attributes, a
 * comment) whole until it ends, so a part that goes MAX_TOKEN bytes
 * without an event is refused; a DOCTYPE is refused outright (OOXML has
 * none, and it is where entity bombs live).
 *
 * Decompression bombs: deflate shrinks 2 GiB of spaces to 2 MB, and
 * expat would spend seconds on them.  No part (sheet, shared strings,
 * workbook, styles, rels) may be larger than MAX_PART uncompressed: the
 * size the zip's directory states is checked before reading, and the
 * bytes actually inflated are counted while reading, since a crafted
 * header can state anything.
 *
 * Element names are matched by their local part ("x:row" is "row"):
 * writers differ in the prefixes they use.  A handler that finds an
 * error, and a row callback that returns nonzero, stop the parser; the
 * code they leave in x->rc is what the reader returns.
 *
 * Strings get Excel's _xHHHH_ escapes decoded (a UTF-16 code unit, how
 * Excel stores "\r" and other control characters; "_x005F_" is a
 * literal "_").  The text of phonetic runs (<rPh>) is not cell text.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/priv.h"
#include "base/util.h"
#include "exchange/sheet.h"
#include "exchange/xlsx_api.h"

#define CHUNK		65536
#define MAX_SST		(256u << 20)	/* bytes of shared strings held */
#define MAX_TOKEN	(64u << 20)	/* bytes between two parser events */
#define MAX_PART	(256LL << 20)	/* bytes of one part, uncompressed */
#define MAX_STYLES	1000000		/* numFmt or xf entries */
#define MAX_SHEETS	100000
#define MAX_ROW		1048576		/* Excel's last row */
#define MAX_COL		16384		/* Excel's last column, XFD */

struct rel {
	char		*id;
	char		*target;	/* the part's name in the zip */
	char		*type;		/* the last word of Type: "worksheet" */
};

struct numfmt {
	unsigned	 id;
	enum sheet_fmt	 kind;
};

struct xlsx {
	const char	*name;		/* the file in messages */
	zip_t		*zip;
	struct so_err	*err;
	int		 rc;		/* set when the parser was stopped */
	XML_Parser	 p;
	const char	*part;		/* being parsed */
	long long	 last_event;	/* byte index of the last event */

	int		 date1904;
	char		**sheets, **sheet_rids;
	size_t		 nsheets;

	struct rel	*rels;
	size_t		 nrels;

	struct numfmt	*numfmts;
	size_t		 nnumfmts;
	unsigned	*xfs;		/* numFmtId of each cellXfs entry */
	unsigned char	*xf_kind;	/* its enum sheet_fmt */
	size_t		 nxfs;
	int		 in_numfmts, in_cellxfs;

	struct strbuf	 pool;		/* shared strings, NUL-separated */
	size_t		*sst;		/* offsets into pool */
	size_t		 nsst, capsst;
	int		 has_sst;

	struct strbuf	 text;		/* the <t> or <v> being read */
	int		 collect;	/* inside one */
	int		 in_si, in_is, in_rph;

	int		 in_data, in_row, in_cell;
	size_t		 row, col, next_col;
	char		 type[16];	/* the cell's t="..." */
	size_t		 style;
	struct sheet_row cells;
	char		 num[SHEET_NUM_SIZE];	/* a number or date's text */
	sheet_row_fn	 fn;
	void		*arg;
	const struct sheet_opts *opts;

	/* An .ods's content.xml (see "OpenDocument" below). */
	const char	*want;		/* the sheet asked for; NULL: first */
	int		 found;		/* reading the chosen table */
	int		 depth;		/* of table:table elements */
	int		 skip;		/* inside an annotation */
	int		 in_p;		/* inside a text:p or text:h */
	size_t		 paras;		/* paragraphs of the cell so far */
	size_t		 rows_rep, cols_rep;
	char		 vtype[16];	/* the cell's office:value-type */
	char		*value;		/* its office:*-value, or NULL */
	long long	 expanded;	/* bytes the repeats made so far */
	long long	 row_bytes;	/* of the row being read */
};

/* ---- errors ---- */

/* Stops the parser with "NAME: PART:LINE: message". */
static void __attribute__((format(printf, 2, 3)))
fail(struct xlsx *x, const char *fmt, ...)
{
	char msg[384];
	va_list ap;

	if (x->rc != 0)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	x->rc = so_err_set(x->err, SO_EINVAL, "%s: %s:%lu: %s", x->name,
	    x->part, (unsigned long)XML_GetCurrentLineNumber(x->p), msg);
	XML_StopParser(x->p, XML_FALSE);
}

/* "B3" for column 1 (from 0) of row 3. */
static const char *
cell_name(size_t col, size_t row, char *buf, size_t size)
{
	char letters[8];
	int n = 0, i;

	col++;
	while (col > 0 && n < 7) {
		letters[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n / 2; i++) {
		char t = letters[i];

		letters[i] = letters[n - 1 - i];
		letters[n - 1 - i] = t;
	}
	letters[n] = '\0';
	snprintf(buf, size, "%s%zu", letters, row);
	return buf;
}

/* ---- small XML helpers ---- */

/* The local part of an element or attribute name: "x:row" is "row". */
static const char *
local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c != NULL ? c + 1 : name;
}

static int
is(const char *name, const char *want)
{
	return strcmp(local(name), want) == 0;
}

/* The attribute named want (local part; prefixed only when prefixed is
 * set, as r:id is), or NULL. */
static const char *
attr(const char **atts, const char *want, int prefixed)
{
	size_t i;

	for (i = 0; atts[i] != NULL; i += 2)
		if (is(atts[i], want) &&
		    (strchr(atts[i], ':') != NULL) == (prefixed != 0))
			return atts[i + 1];
	return NULL;
}

/* A decimal number up to max, or -1. */
static long long
decimal(const char *s, long long max)
{
	long long v = 0;

	if (s == NULL || *s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > max)
			return -1;
	}
	return v;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The code unit of "_xHHHH_" at s (len bytes left), or -1. */
static long
escape_at(const char *s, size_t len)
{
	long v = 0;
	int i, h;

	if (len < 7 || s[0] != '_' || (s[1] != 'x' && s[1] != 'X') ||
	    s[6] != '_')
		return -1;
	for (i = 2; i < 6; i++) {
		if ((h = hexval(s[i])) < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

static size_t
put_utf8(char *o, unsigned long c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xC0 | c >> 6);
		o[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xE0 | c >> 12);
		o[1] = (char)(0x80 | (c >> 6 & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | c >> 18);
	o[1] = (char)(0x80 | (c >> 12 & 0x3F));
	o[2] = (char)(0x80 | (c >> 6 & 0x3F));
	o[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/*
 * Decodes Excel's _xHHHH_ escapes in place (the text only shrinks: 7
 * bytes or 14 for a surrogate pair become at most 4).  A NUL or a lone
 * surrogate becomes U+FFFD.  Returns the new length.
 */
static size_t
unescape(char *s, size_t len)
{
	size_t i = 0, o = 0;
	long c, lo;

	while (i < len) {
		if ((c = escape_at(s + i, len - i)) < 0) {
			s[o++] = s[i++];
			continue;
		}
		i += 7;
		if (c >= 0xD800 && c <= 0xDBFF &&
		    (lo = escape_at(s + i, len - i)) >= 0xDC00 &&
		    lo <= 0xDFFF) {
			c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
			i += 7;
		} else if (c == 0 || (c >= 0xD800 && c <= 0xDFFF))
			c = 0xFFFD;
		o += put_utf8(s + o, (unsigned long)c);
	}
	s[o] = '\0';
	return o;
}

/*
 * A part's name from a relationship target: relative to dir ("xl/") or,
 * with a leading '/', to the archive's root; "." and ".." resolved.
 */
static char *
resolve(const char *dir, const char *target)
{
	struct strbuf path = { 0 }, out = { 0 };
	char *seg, *save = NULL, *last;

	if (*target != '/')
		sb_add(&path, dir);
	sb_add(&path, target);
	for (seg = strtok_r(path.s, "/", &save); seg != NULL;
	    seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			last = out.len ? strrchr(out.s, '/') : NULL;
			out.len = last != NULL ? (size_t)(last - out.s) : 0;
			if (out.s != NULL)
				out.s[out.len] = '\0';
			continue;
		}
		if (out.len > 0)
			sb_addc(&out, '/');
		sb_add(&out, seg);
	}
	sb_free(&path);
	if (out.s == NULL)
		return xstrdup("");
	return sb_steal(&out);
}

/* ---- handlers shared by every part ---- */

static void
seen(struct xlsx *x)
{
	x->last_event = (long long)XML_GetCurrentByteIndex(x->p);
}

static void
on_text(void *ud, const XML_Char *s, int len)
{
	struct xlsx *x = ud;
	char where[32];

	seen(x);
	if (x->rc != 0 || !x->collect)
		return;
	if (x->text.len + (size_t)len > SHEET_MAX_CELL) {
		if (x->in_si)
			fail(x, _("shared string %zu is longer than %d bytes"),
			    x->nsst, SHEET_MAX_CELL);
		else
			fail(x, _("cell %s is longer than %d bytes"),
			    cell_name(x->col, x->row, where, sizeof(where)),
			    SHEET_MAX_CELL);
		return;
	}
	sb_addn(&x->text, s, (size_t)len);
}

static void
on_default(void *ud, const XML_Char *s, int len)
{
	(void)s;
	(void)len;
	seen(ud);
}

static void
on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int has_internal)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	fail(ud, _("a DOCTYPE is not allowed in a workbook part"));
}

/* The index of a part in the zip (exact name, then any case), or -1. */
static zip_int64_t
locate(struct xlsx *x, const char *part)
{
	zip_int64_t i = zip_name_locate(x->zip, part, 0);

	if (i < 0)
		i = zip_name_locate(x->zip, part, ZIP_FL_NOCASE);
	return i;
}

static int
too_big(struct xlsx *x, const char *part)
{
	return so_err_set(x->err, SO_EINVAL, _("%s: %s: larger than %lld MiB "
	    "uncompressed"), x->name, part, MAX_PART >> 20);
}

/*
 * Streams the part through a new parser with the given element
 * handlers.  Returns SO_OK, or x->rc: an error already in x->err, or
 * the row callback's code.
 */
static int
parse_part(struct xlsx *x, const char *part, XML_StartElementHandler start,
    XML_EndElementHandler end, int progress)
{
	zip_int64_t idx = locate(x, part);
	long long done = 0, total = 0;
	zip_file_t *zf;
	zip_stat_t st;
	zip_int64_t n;
	void *buf;

	if (idx < 0)
		return so_err_set(x->err, SO_EINVAL, _("%s: no part %s in the "
		    "workbook"), x->name, part);
	if (zip_stat_index(x->zip, (zip_uint64_t)idx, 0, &st) == 0 &&
	    (st.valid & ZIP_STAT_SIZE))
		total = st.size > (zip_uint64_t)MAX_PART ? MAX_PART + 1 :
		    (long long)st.size;
	if (total > MAX_PART)
		return too_big(x, part);
	if ((zf = zip_fopen_index(x->zip, (zip_uint64_t)idx, 0)) == NULL)
		return so_err_set(x->err, SO_EINVAL, _("%s: %s: cannot read "
		    "(%s)"), x->name, part, zip_strerror(x->zip));
	if ((x->p = XML_ParserCreate(NULL)) == NULL) {
		zip_fclose(zf);
		return so_err_set(x->err, SO_ERR, _("%s: out of memory"),
		    x->name);
	}
	x->part = part;
	x->rc = SO_OK;
	x->last_event = 0;
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, start, end);
	XML_SetCharacterDataHandler(x->p, on_text);
	XML_SetDefaultHandlerExpand(x->p, on_default);
	XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
	for (;;) {
		if ((buf = XML_GetBuffer(x->p, CHUNK)) == NULL) {
			x->rc = so_err_set(x->err, SO_ERR, _("%s: %s: out of "
			    "memory"), x->name, part);
			break;
		}
		if ((n = zip_fread(zf, buf, CHUNK)) < 0) {
			x->rc = so_err_set(x->err, SO_EINVAL, _("%s: %s: "
			    "cannot read (%s)"), x->name, part,
			    zip_error_strerror(zip_file_get_error(zf)));
			break;
		}
		if (done - x->last_event > (long long)MAX_TOKEN) {
			fail(x, _("an XML token longer than %u MiB"),
			    MAX_TOKEN >> 20);
			break;
		}
		done += n;
		if (done > MAX_PART) {
			x->rc = too_big(x, part);
			break;
		}
		if (XML_ParseBuffer(x->p, (int)n, n == 0) !=
		    XML_STATUS_OK) {
			if (x->rc == SO_OK)
				x->rc = so_err_set(x->err, SO_EINVAL,
				    "%s: %s:%lu: %s", x->name, part,
				    (unsigned long)XML_GetCurrentLineNumber(
				    x->p), XML_ErrorString(XML_GetErrorCode(
				    x->p)));
			break;
		}
		if (progress && x->opts != NULL && x->opts->progress != NULL)
			x->opts->progress(x->arg, done, total);
		if (n == 0)
			break;
	}
	XML_ParserFree(x->p);
	x->p = NULL;
	zip_fclose(zf);
	return x->rc;
}

/* ---- xl/workbook.xml ---- */

static void
workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *v, *rid;

	seen(x);
	if (x->rc != 0)
		return;
	if (is(name, "workbookPr")) {
		v = attr(atts, "date1904", 0);
		x->date1904 = v != NULL && (strcmp(v, "1") == 0 ||
		    strcmp(v, "true") == 0);
	} else if (is(name, "sheet")) {
		if ((v = attr(atts, "name", 0)) == NULL ||
		    (rid = attr(atts, "id", 1)) == NULL) {
			fail(x, _("a sheet without a name or r:id"));
			return;
		}
		if (x->nsheets == MAX_SHEETS) {
			fail(x, _("more than %d sheets"), MAX_SHEETS);
			return;
		}
		x->sheets = xrealloc(x->sheets, (x->nsheets + 1) *
		    sizeof(*x->sheets));
		x->sheet_rids = xrealloc(x->sheet_rids, (x->nsheets + 1) *
		    sizeof(*x->sheet_rids));
		x->sheets[x->nsheets] = xstrdup(v);
		x->sheet_rids[x->nsheets++] = xstrdup(rid);
	}
}

static void
nothing_end(void *ud, const XML_Char *name)
{
	(void)name;
	seen(ud);
}

/* ---- xl/_rels/workbook.xml.rels ---- */

static void
rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *id, *target, *type, *mode;
	struct rel *r;

	seen(x);
	if (x->rc != 0 || !is(name, "Relationship"))
		return;
	id = attr(atts, "Id", 0);
	target = attr(atts, "Target", 0);
	type = attr(atts, "Type", 0);
	mode = attr(atts, "TargetMode", 0);
	if (id == NULL || target == NULL ||
	    (mode != NULL && strcmp(mode, "External") == 0))
		return;
	if (x->nrels == MAX_SHEETS + 16) {
		fail(x, _("more than %d relationships"), MAX_SHEETS + 16);
		return;
	}
	x->rels = xrealloc(x->rels, (x->nrels + 1) * sizeof(*x->rels));
	r = &x->rels[x->nrels++];
	r->id = xstrdup(id);
	r->target = resolve("xl/", target);
	type = type != NULL && strrchr(type, '/') != NULL ?
	    strrchr(type, '/') + 1 : "";
	r->type = xstrdup(type);
}

static const struct rel *
rel_by_id(const struct xlsx *x, const char *id)
{
	size_t i;

	for (i = 0; i < x->nrels; i++)
		if (strcmp(x->rels[i].id, id) == 0)
			return &x->rels[i];
	return NULL;
}

static const struct rel *
rel_by_type(const struct xlsx *x, const char *type)
{
	size_t i;

	for (i = 0; i < x->nrels; i++)
		if (strcmp(x->rels[i].type, type) == 0)
			return &x->rels[i];
	return NULL;
}

/* ---- xl/styles.xml ---- */

static void
styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *code;
	long long id;

	seen(x);
	if (x->rc != 0)
		return;
	if (is(name, "numFmts"))
		x->in_numfmts = 1;
	else if (is(name, "cellXfs"))
		x->in_cellxfs = 1;
	else if (x->in_numfmts && is(name, "numFmt")) {
		id = decimal(attr(atts, "numFmtId", 0), 0xFFFFFFFF);
		code = attr(atts, "formatCode", 0);
		if (id < 0 || code == NULL)
			return;
		if (x->nnumfmts == MAX_STYLES) {
			fail(x, _("more than %d number formats"), MAX_STYLES);
			return;
		}
		x->numfmts = xrealloc(x->numfmts, (x->nnumfmts + 1) *
		    sizeof(*x->numfmts));
		x->numfmts[x->nnumfmts].id = (unsigned)id;
		x->numfmts[x->nnumfmts++].kind = sheet_format_kind(code);
	} else if (x->in_cellxfs && is(name, "xf")) {
		id = decimal(attr(atts, "numFmtId", 0), 0xFFFFFFFF);
		if (x->nxfs == MAX_STYLES) {
			fail(x, _("more than %d cell formats"), MAX_STYLES);
			return;
		}
		x->xfs = xrealloc(x->xfs, (x->nxfs + 1) * sizeof(*x->xfs));
		x->xfs[x->nxfs++] = id < 0 ? 0 : (unsigned)id;
	}
}

static void
styles_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;

	seen(x);
	if (is(name, "numFmts"))
		x->in_numfmts = 0;
	else if (is(name, "cellXfs"))
		x->in_cellxfs = 0;
}

/* Each cell format's kind, once both lists are read (a custom format
 * may redefine a built-in id). */
static void
styles_kinds(struct xlsx *x)
{
	size_t i, j;

	x->xf_kind = xcalloc(x->nxfs ? x->nxfs : 1, 1);
	for (i = 0; i < x->nxfs; i++) {
		x->xf_kind[i] = (unsigned char)sheet_builtin_kind(x->xfs[i]);
		for (j = 0; j < x->nnumfmts; j++)
			if (x->numfmts[j].id == x->xfs[i])
				x->xf_kind[i] = (unsigned char)
				    x->numfmts[j].kind;
	}
}

/* ---- xl/sharedStrings.xml ---- */

static void
sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;

	(void)atts;
	seen(x);
	if (x->rc != 0)
		return;
	if (is(name, "si")) {
		x->in_si = 1;
		sb_reset(&x->text);
	} else if (x->in_si && is(name, "rPh"))
		x->in_rph++;
	else if (x->in_si && !x->in_rph && is(name, "t"))
		x->collect = 1;
}

static void
sst_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	size_t len;

	seen(x);
	if (x->rc != 0)
		return;
	if (is(name, "t"))
		x->collect = 0;
	else if (is(name, "rPh") && x->in_rph > 0)
		x->in_rph--;
	else if (is(name, "si") && x->in_si) {
		x->in_si = 0;
		len = x->text.s != NULL ? unescape(x->text.s, x->text.len) : 0;
		if (x->pool.len + len + 1 + (x->nsst + 1) * sizeof(size_t) >
		    MAX_SST) {
			fail(x, _("the shared strings take more than %u MiB"),
			    MAX_SST >> 20);
			return;
		}
		if (x->nsst == x->capsst) {
			x->capsst = x->capsst ? x->capsst * 2 : 256;
			x->sst = xrealloc(x->sst, x->capsst * sizeof(*x->sst));
		}
		x->sst[x->nsst++] = x->pool.len;
		sb_addn(&x->pool, sb_str(&x->text), len);
		sb_addc(&x->pool, '\0');
	}
}

/* ---- the sheet ---- */

/* Column (from 0) of a cell reference like "B3", or -1 (too far) or
 * -2 (not a reference). */
static long
ref_column(const char *ref)
{
	long col = 0;
	const char *p;

	for (p = ref; (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z');
	    p++) {
		col = col * 26 + ((*p | 0x20) - 'a' + 1);
		if (col > MAX_COL)
			return -1;
	}
	if (p == ref || decimal(p, MAX_ROW) < 1)
		return -2;
	return col - 1;
}

static void
row_start(struct xlsx *x, const char **atts)
{
	const char *r = attr(atts, "r", 0);
	long long n;

	if (r != NULL) {
		if ((n = decimal(r, MAX_ROW)) < 1) {
			fail(x, _("row number \"%.20s\" is not one from 1 to "
			    "%d"), r, MAX_ROW);
			return;
		}
		x->row = (size_t)n;
	} else
		x->row++;
	sheet_row_reset(&x->cells);
	x->next_col = 0;
	x->in_row = 1;
}

static void
cell_start(struct xlsx *x, const char **atts)
{
	const char *r = attr(atts, "r", 0), *t = attr(atts, "t", 0);
	const char *s = attr(atts, "s", 0);
	long col;
	long long style;

	if (r != NULL) {
		if ((col = ref_column(r)) == -1) {
			fail(x, _("cell %.20s is beyond column XFD"), r);
			return;
		}
		if (col < 0) {
			fail(x, _("\"%.20s\" is not a cell reference"), r);
			return;
		}
		x->col = (size_t)col;
	} else
		x->col = x->next_col;
	if (x->col >= MAX_COL) {
		fail(x, _("a cell beyond column XFD in row %zu"), x->row);
		return;
	}
	snprintf(x->type, sizeof(x->type), "%s", t != NULL ? t : "n");
	/* No s is style 0; a bad one is no style (shown as a number). */
	style = s != NULL ? decimal(s, MAX_STYLES) : 0;
	x->style = style < 0 ? (size_t)-1 : (size_t)style;
	sb_reset(&x->text);
	x->in_cell = 1;
}

static void
sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;

	seen(x);
	if (x->rc != 0)
		return;
	if (is(name, "sheetData"))
		x->in_data = 1;
	else if (!x->in_data)
		return;
	else if (is(name, "row"))
		row_start(x, atts);
	else if (!x->in_row)
		return;
	else if (is(name, "c"))
		cell_start(x, atts);
	else if (!x->in_cell)
		return;
	else if (is(name, "v"))
		x->collect = 1;
	else if (is(name, "is"))
		x->in_is = 1;
	else if (x->in_is && is(name, "rPh"))
		x->in_rph++;
	else if (x->in_is && !x->in_rph && is(name, "t"))
		x->collect = 1;
}

/* The text of the cell just ended into x->text; NULL and stops the
 * parser if it is not what its type says. */
static const char *
cell_text(struct xlsx *x, size_t *len)
{
	char *num = x->num;
	const char *v = sb_str(&x->text), *t = x->type;
	enum sheet_fmt kind;
	char where[32];
	long long i;
	double d;

	cell_name(x->col, x->row, where, sizeof(where));
	*len = x->text.len;
	if (strcmp(t, "s") == 0) {
		if (*len == 0)
			return "";
		if ((i = decimal(v, (long long)x->nsst - 1)) < 0) {
			fail(x, _("cell %s: shared string \"%.20s\" is not in "
			    "the table (%zu strings)"), where, v, x->nsst);
			return NULL;
		}
		v = x->pool.s + x->sst[i];
		*len = strlen(v);
		return v;
	}
	if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0) {
		*len = *len ? unescape(x->text.s, *len) : 0;
		return v;
	}
	if (strcmp(t, "e") == 0)
		return v;
	if (strcmp(t, "b") == 0) {
		if (*len == 0)
			return "";
		if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
			v = "yes";
		else if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
			v = "no";
		else {
			fail(x, _("cell %s: \"%.20s\" is not a boolean"), where,
			    v);
			return NULL;
		}
		*len = strlen(v);
		return v;
	}
	if (strcmp(t, "d") == 0) {
		sheet_iso_text(v, num, sizeof(x->num));
		*len = strlen(num);
		return num;
	}
	if (strcmp(t, "n") != 0) {
		fail(x, _("cell %s: unknown cell type \"%s\""), where, t);
		return NULL;
	}
	if (*len == 0)
		return "";
	if (sheet_parse_number(v, &d) != 0) {
		fail(x, _("cell %s: \"%.20s\" is not a number"), where, v);
		return NULL;
	}
	kind = x->style < x->nxfs ? (enum sheet_fmt)x->xf_kind[x->style] :
	    SHEET_FMT_NUMBER;
	if (kind == SHEET_FMT_NUMBER || sheet_serial_text(d, x->date1904,
	    kind, num, sizeof(x->num)) != 0)
		sheet_number(d, num, sizeof(x->num));
	*len = strlen(num);
	return num;
}

static void
cell_end(struct xlsx *x)
{
	const char *text;
	char where[32];
	size_t len;

	x->in_cell = x->in_is = x->in_rph = x->collect = 0;
	if ((text = cell_text(x, &len)) == NULL)
		return;
	if (len > 0 && x->col >= SHEET_MAX_COLUMNS) {
		fail(x, _("cell %s: more than %d columns"), cell_name(x->col,
		    x->row, where, sizeof(where)), SHEET_MAX_COLUMNS);
		return;
	}
	sheet_row_set(&x->cells, x->col, text, len);
	x->next_col = x->col + 1;
}

static void
row_end(struct xlsx *x)
{
	int rc;

	x->in_row = 0;
	if (x->cells.n == 0)
		return;
	if ((rc = x->fn(x->arg, x->row, x->cells.cells, x->cells.n)) != 0) {
		x->rc = rc;
		XML_StopParser(x->p, XML_FALSE);
	}
}

static void
sheet_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;

	seen(x);
	if (x->rc != 0)
		return;
	if (x->in_cell && (is(name, "v") || is(name, "t")))
		x->collect = 0;
	else if (x->in_cell && is(name, "rPh") && x->in_rph > 0)
		x->in_rph--;
	else if (x->in_cell && is(name, "is"))
		x->in_is = 0;
	else if (x->in_cell && is(name, "c"))
		cell_end(x);
	else if (x->in_row && is(name, "row"))
		row_end(x);
	else if (is(name, "sheetData"))
		x->in_data = 0;
}

/* ---- opening and closing ---- */

static void
xlsx_close(struct xlsx *x)
{
	size_t i;

	if (x->zip != NULL)
		zip_discard(x->zip);
	for (i = 0; i < x->nsheets; i++) {
		free(x->sheets[i]);
		if (x->sheet_rids != NULL)	/* an .ods has none */
			free(x->sheet_rids[i]);
	}
	free(x->sheets);
	free(x->sheet_rids);
	for (i = 0; i < x->nrels; i++) {
		free(x->rels[i].id);
		free(x->rels[i].target);
		free(x->rels[i].type);
	}
	free(x->rels);
	free(x->numfmts);
	free(x->xfs);
	free(x->xf_kind);
	sb_free(&x->pool);
	free(x->sst);
	sb_free(&x->text);
	sheet_row_free(&x->cells);
}

/* Opens path's archive into x as the user (libzip keeps the file open:
 * priv.h), libzip and expat first; *code is libzip's error when x->zip
 * is NULL.  SO_OK unless the libraries cannot be opened. */
static int
archive_open(struct xlsx *x, const char *path, const char *name, int *code,
    struct so_err *err)
{
	int rc;

	memset(x, 0, sizeof(*x));
	x->name = name != NULL ? name : path;
	x->err = err;
	*code = 0;
	if ((rc = xlsx_api_load(err)) != SO_OK)
		return rc;
	priv_user_begin();
	x->zip = zip_open(path, ZIP_RDONLY, code);
	priv_user_end();
	return SO_OK;
}

/* Opens the archive and reads the workbook part's list of sheets. */
static int
xlsx_open(struct xlsx *x, const char *path, const char *name,
    struct so_err *err)
{
	zip_error_t ze;
	int code = 0, rc;

	if ((rc = archive_open(x, path, name, &code, err)) != SO_OK)
		return rc;
	if (x->zip == NULL) {
		zip_error_init_with_code(&ze, code);
		if (code == ZIP_ER_NOZIP && sheet_file_kind(path) ==
		    SHEET_FILE_OLE2)
			rc = so_err_set(err, SO_EINVAL, _("%s: not an .xlsx "
			    "workbook (an OLE2 file: an .xls workbook, or an "
			    "encrypted .xlsx)"), x->name);
		else if (code == ZIP_ER_NOZIP)
			rc = so_err_set(err, SO_EINVAL, _("%s: not an .xlsx "
			    "workbook (not a zip archive)"), x->name);
		else if (code == ZIP_ER_OPEN || code == ZIP_ER_NOENT ||
		    code == ZIP_ER_READ || code == ZIP_ER_MEMORY)
			rc = so_err_set(err, SO_ERR, _("%s: cannot open (%s)"),
			    x->name, zip_error_strerror(&ze));
		else
			rc = so_err_set(err, SO_EINVAL, _("%s: not an .xlsx "
			    "workbook (damaged zip archive: %s)"), x->name,
			    zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return rc;
	}
	if (locate(x, "xl/workbook.xml") < 0 && locate(x, "content.xml") >= 0)
		return so_err_set(err, SO_EINVAL, _("%s: not an .xlsx workbook "
		    "(an .ods spreadsheet: import it as ods)"), x->name);
	if (locate(x, "xl/workbook.xml") < 0)
		return so_err_set(err, SO_EINVAL, _("%s: not an .xlsx workbook "
		    "(no xl/workbook.xml)"), x->name);
	if ((rc = parse_part(x, "xl/workbook.xml", workbook_start,
	    nothing_end, 0)) != SO_OK)
		return rc;
	if (x->nsheets == 0)
		return so_err_set(err, SO_EINVAL, _("%s: xl/workbook.xml lists "
		    "no sheets"), x->name);
	return SO_OK;
}

/* "no sheet "X" (the sheets: A, B)", cut short if there are many. */
static int
no_sheet(struct xlsx *x, const char *want)
{
	struct strbuf list = { 0 };
	size_t i;
	int rc;

	for (i = 0; i < x->nsheets && list.len < 300; i++) {
		if (i > 0)
			sb_add(&list, ", ");
		sb_add(&list, x->sheets[i]);
	}
	if (i < x->nsheets)
		sb_add(&list, ", ...");
	rc = so_err_set(x->err, SO_EINVAL, _("%s: no sheet \"%s\" (the sheets: "
	    "%s)"), x->name, want, sb_str(&list));
	sb_free(&list);
	return rc;
}

/* The part of the chosen sheet, once the relationships are read. */
static int
sheet_part(struct xlsx *x, const char *want, const char **part)
{
	const struct rel *r;
	size_t i = 0;

	if (want != NULL)
		for (i = 0; i < x->nsheets; i++)
			if (strcmp(x->sheets[i], want) == 0)
				break;
	if (i == x->nsheets)
		return no_sheet(x, want);
	if ((r = rel_by_id(x, x->sheet_rids[i])) == NULL)
		return so_err_set(x->err, SO_EINVAL, _("%s: sheet \"%s\" is "
		    "%s, which xl/_rels/workbook.xml.rels does not list"),
		    x->name, x->sheets[i], x->sheet_rids[i]);
	if (strcmp(r->type, "worksheet") != 0)
		return so_err_set(x->err, SO_EINVAL, _("%s: sheet \"%s\" is a "
		    "%s, not a worksheet"), x->name, x->sheets[i], r->type);
	*part = r->target;
	return SO_OK;
}

/* The styles and shared strings parts, where the relationships put
 * them (else their usual names); both may be absent. */
static int
read_tables(struct xlsx *x)
{
	const struct rel *r;
	const char *part;
	int rc;

	r = rel_by_type(x, "styles");
	part = r != NULL ? r->target : "xl/styles.xml";
	if (locate(x, part) >= 0 && (rc = parse_part(x, part, styles_start,
	    styles_end, 0)) != SO_OK)
		return rc;
	styles_kinds(x);
	r = rel_by_type(x, "sharedStrings");
	part = r != NULL ? r->target : "xl/sharedStrings.xml";
	if (locate(x, part) >= 0 && (rc = parse_part(x, part, sst_start,
	    sst_end, 0)) != SO_OK)
		return rc;
	x->in_si = x->collect = x->in_rph = 0;
	return SO_OK;
}

int
xlsx_read(const char *path, const char *name, const struct sheet_opts *opts,
    sheet_row_fn fn, void *arg, struct so_err *err)
{
	struct xlsx x;
	const char *part = NULL;
	int rc;

	if ((rc = xlsx_open(&x, path, name, err)) != SO_OK)
		goto out;
	if (locate(&x, "xl/_rels/workbook.xml.rels") < 0) {
		rc = so_err_set(err, SO_EINVAL, _("%s: not an .xlsx workbook "
		    "(no xl/_rels/workbook.xml.rels)"), x.name);
		goto out;
	}
	if ((rc = parse_part(&x, "xl/_rels/workbook.xml.rels", rels_start,
	    nothing_end, 0)) != SO_OK ||
	    (rc = sheet_part(&x, opts != NULL ? opts->sheet : NULL,
	    &part)) != SO_OK ||
	    (rc = read_tables(&x)) != SO_OK)
		goto out;
	x.fn = fn;
	x.arg = arg;
	x.opts = opts;
	rc = parse_part(&x, part, sheet_start, sheet_end, 1);
out:
	xlsx_close(&x);
	return rc;
}

int
xlsx_sheet_names(const char *path, char ***names, size_t *n,
    struct so_err *err)
{
	struct xlsx x;
	size_t i;
	int rc;

	*names = NULL;
	*n = 0;
	if ((rc = xlsx_open(&x, path, NULL, err)) == SO_OK) {
		*names = xcalloc(x.nsheets, sizeof(**names));
		for (i = 0; i < x.nsheets; i++)
			(*names)[i] = xstrdup(x.sheets[i]);
		*n = x.nsheets;
	}
	xlsx_close(&x);
	return rc;
}

/*
 * ---- OpenDocument (.ods) ----
 *
 * An .ods (LibreOffice Calc's own format) is a zip archive too, its
 * sheets all in content.xml:
 *
 *	<table:table table:name="Лист1">
 *	  <table:table-row table:number-rows-repeated="2">
 *	    <table:table-cell office:value-type="float" office:value="1234.5"
 *		table:number-columns-repeated="3"><text:p>1 234,50</text:p>
 *
 * The value attributes say what a cell holds (float, percentage and
 * currency in office:value, date in office:date-value, time as an ISO
 * 8601 duration in office:time-value, boolean in office:boolean-value);
 * the text:p paragraphs are what a string cell shows, a paragraph per
 * line, with text:s for runs of spaces (XML would fold them), text:tab,
 * text:line-break, and text:span and text:a around parts of it.  A
 * note (office:annotation) has paragraphs of its own that are not the
 * cell's.  Calc writes a run of equal cells or rows once with a repeat
 * count, and pads every sheet with empty ones to its last column and
 * row (16384 columns, a million rows): empty runs only move the
 * column or row on, while a repeated cell or row with text is written
 * out, the total bounded as any part is (MAX_PART bytes of rows), so a
 * few hundred bytes of XML cannot ask for gigabytes.
 *
 * The same parser (parse_part: size caps, token cap, no DOCTYPE) reads
 * it, in one pass: sheet names are collected as the tables go by, and
 * rows are passed on only inside the chosen one.
 */

/* The attribute of this qualified name ("office:value"), or NULL: ODF
 * writers all use the standard prefixes, and calcext:value-type (which
 * may say "error" where office:value-type says "float") must not be
 * taken for office:value-type. */
static const char *
qattr(const char **atts, const char *qname)
{
	size_t i;

	for (i = 0; atts[i] != NULL; i += 2)
		if (strcmp(atts[i], qname) == 0)
			return atts[i + 1];
	return NULL;
}

/* A repeat count, 1 when absent; a bad or huge one is capped at max. */
static size_t
repeats(const char **atts, const char *want, size_t max)
{
	const char *v = qattr(atts, want);
	long long n;

	if (v == NULL)
		return 1;
	if ((n = decimal(v, (long long)max)) < 0) {
		if (*v == '\0' || strspn(v, "0123456789") != strlen(v))
			return 1;
		return max;	/* digits past max */
	}
	return n < 1 ? 1 : (size_t)n;
}

/* Is there room for len more bytes in the cell (SHEET_MAX_CELL)? */
static int
ods_room(struct xlsx *x, size_t len)
{
	char where[32];

	if (x->text.len + len <= SHEET_MAX_CELL)
		return 1;
	fail(x, _("cell %s is longer than %d bytes"), cell_name(x->col,
	    x->row + 1, where, sizeof(where)), SHEET_MAX_CELL);
	return 0;
}

static void
ods_add(struct xlsx *x, const char *s, size_t len)
{
	if (ods_room(x, len))
		sb_addn(&x->text, s, len);
}

static void
too_much(struct xlsx *x)
{
	fail(x, _("the repeated rows and cells come to more than %lld MiB"),
	    MAX_PART >> 20);
}

static void
ods_cell_start(struct xlsx *x, const char **atts)
{
	const char *t = qattr(atts, "office:value-type"), *v = NULL;

	x->cols_rep = repeats(atts, "table:number-columns-repeated", MAX_COL);
	snprintf(x->vtype, sizeof(x->vtype), "%s", t != NULL ? t : "");
	if (strcmp(x->vtype, "float") == 0 ||
	    strcmp(x->vtype, "percentage") == 0 ||
	    strcmp(x->vtype, "currency") == 0)
		v = qattr(atts, "office:value");
	else if (strcmp(x->vtype, "date") == 0)
		v = qattr(atts, "office:date-value");
	else if (strcmp(x->vtype, "time") == 0)
		v = qattr(atts, "office:time-value");
	else if (strcmp(x->vtype, "boolean") == 0)
		v = qattr(atts, "office:boolean-value");
	free(x->value);
	x->value = v != NULL ? xstrdup(v) : NULL;
	sb_reset(&x->text);
	x->paras = 0;
	x->in_cell = 1;
}

static void
ods_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *v;
	long long n;

	seen(x);
	if (x->rc != 0)
		return;
	if (is(name, "table") && x->depth++ == 0) {
		v = qattr(atts, "table:name");
		if (x->nsheets == MAX_SHEETS) {
			fail(x, _("more than %d sheets"), MAX_SHEETS);
			return;
		}
		x->sheets = xrealloc(x->sheets, (x->nsheets + 1) *
		    sizeof(*x->sheets));
		x->sheets[x->nsheets++] = xstrdup(v != NULL ? v : "");
		x->in_data = x->fn != NULL && !x->found && (x->want == NULL ||
		    strcmp(x->want, v != NULL ? v : "") == 0);
		x->found |= x->in_data;
		x->row = 0;
		return;
	}
	if (!x->in_data || x->depth != 1)
		return;
	if (is(name, "table-row") && !x->in_row) {
		x->rows_rep = repeats(atts, "table:number-rows-repeated",
		    MAX_ROW);
		sheet_row_reset(&x->cells);
		x->row_bytes = 0;
		x->col = 0;
		x->in_row = 1;
	} else if (x->in_row && !x->in_cell && (is(name, "table-cell") ||
	    is(name, "covered-table-cell")))
		ods_cell_start(x, atts);
	else if (!x->in_cell)
		return;
	else if (is(name, "annotation"))
		x->skip++;
	else if (x->skip)
		return;
	else if (is(name, "p") || is(name, "h")) {
		if (x->paras++ > 0)
			ods_add(x, "\n", 1);
		x->in_p++;
	} else if (!x->in_p)
		return;
	else if (is(name, "s")) {
		v = qattr(atts, "text:c");
		n = v != NULL ? decimal(v, 1LL << 40) : 1;
		if (n < 0) {
			fail(x, _("text:c=\"%.20s\" is not a count of "
			    "spaces"), v);
			return;
		}
		if (ods_room(x, (size_t)n))
			while (n-- > 0)
				sb_addc(&x->text, ' ');
	} else if (is(name, "tab"))
		ods_add(x, "\t", 1);
	else if (is(name, "line-break"))
		ods_add(x, "\n", 1);
	x->collect = x->in_p > 0 && x->skip == 0;
}

/* "PT10H30M00S" (office:time-value) as "10:30" (seconds when not
 * zero, a fraction of one dropped); NULL if it is not a duration of
 * hours, minutes and seconds. */
static const char *
ods_time(const char *v, char *buf, size_t size)
{
	long long part[3] = { 0 }, n;
	const char *units = "HMS", *u;
	long long s;

	if (strncmp(v, "PT", 2) != 0)
		return NULL;
	for (v += 2; *v != '\0'; v++) {
		for (n = 0; *v >= '0' && *v <= '9'; v++)
			if ((n = n * 10 + (*v - '0')) > 1000000000)
				return NULL;
		if (*v == '.' || *v == ',')
			for (v++; *v >= '0' && *v <= '9'; v++)
				continue;
		if (*v == '\0' || (u = strchr(units, *v)) == NULL)
			return NULL;
		part[u - units] = n;
	}
	s = part[0] * 3600 + part[1] * 60 + part[2];
	if (s % 60 != 0)
		snprintf(buf, size, "%02lld:%02lld:%02lld", s / 3600,
		    s / 60 % 60, s % 60);
	else
		snprintf(buf, size, "%02lld:%02lld", s / 3600, s / 60 % 60);
	return buf;
}

/* The text of the cell just ended: its value by its type, else the
 * text of its paragraphs. */
static const char *
ods_cell_text(struct xlsx *x, size_t *len)
{
	const char *v = x->value, *t = x->vtype;
	char *num = x->num;
	double d;

	*len = x->text.len;
	if (v == NULL || strcmp(t, "string") == 0)
		return sb_str(&x->text);
	if (strcmp(t, "date") == 0)
		sheet_iso_text(v, num, sizeof(x->num));
	else if (strcmp(t, "time") == 0) {
		if (ods_time(v, num, sizeof(x->num)) == NULL)
			return sb_str(&x->text);
	} else if (strcmp(t, "boolean") == 0)
		snprintf(num, sizeof(x->num), "%s", strcmp(v, "true") == 0 ?
		    "yes" : "no");
	else if (sheet_parse_number(v, &d) == 0)
		sheet_number(d, num, sizeof(x->num));
	else
		return sb_str(&x->text);
	*len = strlen(num);
	return num;
}

static void
ods_cell_end(struct xlsx *x)
{
	const char *text;
	char where[32];
	size_t len, i;

	x->in_cell = x->in_p = x->skip = x->collect = 0;
	text = ods_cell_text(x, &len);
	if (len > 0) {
		if (x->col + x->cols_rep > SHEET_MAX_COLUMNS) {
			fail(x, _("cell %s: more than %d columns"),
			    cell_name(x->col > SHEET_MAX_COLUMNS ? x->col :
			    SHEET_MAX_COLUMNS,
			    x->row + 1, where, sizeof(where)),
			    SHEET_MAX_COLUMNS);
			return;
		}
		/* Counted before the copies are made: a 4 MiB cell
		 * repeated 1000 times must not be. */
		x->row_bytes += (long long)(len + 1) * (long long)x->cols_rep;
		if (x->expanded + x->row_bytes > MAX_PART) {
			too_much(x);
			return;
		}
		for (i = 0; i < x->cols_rep; i++)
			sheet_row_set(&x->cells, x->col + i, text, len);
	}
	x->col += x->cols_rep;
	if (x->col > MAX_COL)
		x->col = MAX_COL;	/* empty runs past the last column */
}

static void
ods_row_end(struct xlsx *x)
{
	size_t r;
	int rc;

	x->in_row = 0;
	if (x->cells.n == 0) {
		x->row += x->rows_rep;	/* at most MAX_ROW a time */
		return;
	}
	for (r = 0; r < x->rows_rep; r++) {
		if (++x->row > MAX_ROW) {
			fail(x, _("row %zu is beyond row %d"), x->row, MAX_ROW);
			return;
		}
		if ((x->expanded += x->row_bytes) > MAX_PART) {
			too_much(x);
			return;
		}
		if ((rc = x->fn(x->arg, x->row, x->cells.cells,
		    x->cells.n)) != 0) {
			x->rc = rc;
			XML_StopParser(x->p, XML_FALSE);
			return;
		}
	}
}

static void
ods_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;

	seen(x);
	if (x->rc != 0)
		return;
	if (is(name, "table")) {
		if (x->depth > 0 && --x->depth == 0)
			x->in_data = 0;
		return;
	}
	if (!x->in_data || x->depth != 1)
		return;
	if (x->in_cell && is(name, "annotation") && x->skip > 0)
		x->skip--;
	else if (x->in_cell && !x->skip && (is(name, "p") || is(name, "h")) &&
	    x->in_p > 0)
		x->in_p--;
	else if (x->in_cell && (is(name, "table-cell") ||
	    is(name, "covered-table-cell")))
		ods_cell_end(x);
	else if (x->in_row && !x->in_cell && is(name, "table-row"))
		ods_row_end(x);
	x->collect = x->in_cell && x->in_p > 0 && x->skip == 0;
}

/* Opens the archive and checks it is an OpenDocument spreadsheet. */
static int
ods_open(struct xlsx *x, const char *path, const char *name,
    struct so_err *err)
{
	zip_error_t ze;
	int code = 0, rc;

	if ((rc = archive_open(x, path, name, &code, err)) != SO_OK)
		return rc;
	if (x->zip == NULL) {
		zip_error_init_with_code(&ze, code);
		if (code == ZIP_ER_OPEN || code == ZIP_ER_NOENT ||
		    code == ZIP_ER_READ || code == ZIP_ER_MEMORY)
			rc = so_err_set(err, SO_ERR, _("%s: cannot open (%s)"),
			    x->name, zip_error_strerror(&ze));
		else
			rc = so_err_set(err, SO_EINVAL, _("%s: not an .ods "
			    "spreadsheet (%s)"), x->name,
			    zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return rc;
	}
	if (locate(x, "content.xml") < 0)
		return so_err_set(err, SO_EINVAL, _("%s: not an .ods "
		    "spreadsheet (no content.xml)"), x->name);
	return SO_OK;
}

/* Reads content.xml: the sheet names, and the chosen sheet's rows when
 * fn is set. */
static int
ods_parse(struct xlsx *x, const char *want, sheet_row_fn fn, void *arg,
    const struct sheet_opts *opts)
{
	int rc;

	x->want = want;
	x->fn = fn;
	x->arg = arg;
	x->opts = opts;
	if ((rc = parse_part(x, "content.xml", ods_start, ods_end, 1)) !=
	    SO_OK)
		return rc;
	if (x->nsheets == 0)
		return so_err_set(x->err, SO_EINVAL, _("%s: content.xml holds "
		    "no sheets"), x->name);
	if (fn != NULL && !x->found)
		return no_sheet(x, want);
	return SO_OK;
}

static void
ods_close(struct xlsx *x)
{
	free(x->value);
	xlsx_close(x);
}

int
ods_read(const char *path, const char *name, const struct sheet_opts *opts,
    sheet_row_fn fn, void *arg, struct so_err *err)
{
	struct xlsx x;
	int rc;

	if ((rc = ods_open(&x, path, name, err)) == SO_OK)
		rc = ods_parse(&x, opts != NULL ? opts->sheet : NULL, fn, arg,
		    opts);
	ods_close(&x);
	return rc;
}

int
ods_sheet_names(const char *path, char ***names, size_t *n,
    struct so_err *err)
{
	struct xlsx x;
	size_t i;
	int rc;

	*names = NULL;
	*n = 0;
	if ((rc = ods_open(&x, path, NULL, err)) == SO_OK &&
	    (rc = ods_parse(&x, NULL, NULL, NULL, NULL)) == SO_OK) {
		*names = xcalloc(x.nsheets, sizeof(**names));
		for (i = 0; i < x.nsheets; i++)
			(*names)[i] = xstrdup(x.sheets[i]);
		*n = x.nsheets;
	}
	ods_close(&x);
	return rc;
}
