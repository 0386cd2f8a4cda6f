/*
 * Reading CSV files; see include/exchange/csvimport.h.
 *
 * 1. The encoding.  Unless told, a byte order mark settles it (UTF-8,
 *    UTF-16LE, UTF-16BE); a file starting with a letter and a zero byte
 *    is UTF-16 without one; otherwise the file is read through once to
 *    see whether all of it is valid UTF-8, and if not it is CP1251, what
 *    Russian Excel writes.  UTF-8 and CP1251 are ASCII-compatible, so
 *    libcsv parses the raw bytes and each field is converted to UTF-8
 *    (iconv) on its own: no conversion state crosses a field, and an
 *    undefined byte is reported in the row it is in.  UTF-16 is not, so
 *    it is converted to UTF-8 block by block before parsing.
 * 2. The separator, unless told: the most frequent of ';' ',' and tab
 *    outside quotes in the header line (ties go to ';', Excel's choice
 *    where the decimal separator is a comma).
 * 3. Parsing, with libcsv in strict mode (RFC 4180: a quote inside an
 *    unquoted field, or text after a closing quote, is an error).
 *    Unless the caller asks for strict, a line that starts a row and
 *    would be such an error is repaired first (see "Bare quotes"
 *    below): 1C and hand-made files put quotes in company names
 *    without doubling them, and a whole file refused for one
 *    ООО "Ромашка" helps nobody; each repaired line is reported.
 *    libcsv reports no positions, so the input is fed to it one
 *    physical line at a time and only '\n' ends a row (a CR is white
 *    space, trimmed from the ends of unquoted fields; but a file whose
 *    first line ends in a bare CR, Excel for the Mac's "CSV
 *    (Macintosh)", has every CR read as '\n'): the line being
 *    fed when a row's first field begins is the line the row starts on,
 *    which is what every message names, however many lines quoted
 *    fields span.  Memory is bounded: the file is streamed, a field may
 *    not pass CSV_MAX_FIELD (libcsv's buffer is grown through a realloc
 *    that refuses beyond it), a row not CSV_MAX_COLUMNS fields or
 *    CSV_MAX_ROW bytes.
 */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "exchange/csvimport.h"

#define CHUNK		65536

static const char *const enc_names[] = {
	[CSV_ENC_AUTO] = "auto",
	[CSV_ENC_UTF8] = "utf-8",
	[CSV_ENC_CP1251] = "cp1251",
	[CSV_ENC_UTF16LE] = "utf-16le",
	[CSV_ENC_UTF16BE] = "utf-16be",
};

/* The names iconv knows them by; NULL: no conversion. */
static const char *const enc_iconv[] = {
	[CSV_ENC_AUTO] = NULL,
	[CSV_ENC_UTF8] = NULL,
	[CSV_ENC_CP1251] = "CP1251",
	[CSV_ENC_UTF16LE] = "UTF-16LE",
	[CSV_ENC_UTF16BE] = "UTF-16BE",
};

struct csvr {
	const char	*name;		/* of the file, for messages */
	struct csv_read	*cr;
	csv_row_fn	 fn;
	void		*arg;
	struct so_err	*err;
	int		 rc;		/* the first error, or fn's stop */
	iconv_t		 cd;		/* per field; (iconv_t)-1: UTF-8 */
	iconv_t		 wide;		/* UTF-16 to UTF-8 before parsing */

	struct csv_parser p;
	size_t		 line;		/* physical line being fed, from 1 */
	size_t		 rec_line;	/* where the current row starts */
	size_t		 field_line;	/* where the current field starts */
	int		 in_row;
	int		 first;		/* no block fed yet */
	int		 cr_only;	/* lines end in a bare CR (old Mac) */
	long long	 done;		/* bytes */

	struct strbuf	 pend;		/* a line a block's end cut */
	struct strbuf	 fixed;		/* a repaired line */

	/* The row being read: its fields in UTF-8, and the first field
	 * that could not be read as text (bad_col >= 0). */
	char		**f;
	size_t		 nf, capf;
	size_t		 row_bytes;
	int		 bad_col;
	char		 bad_why[160];
};

/* ---- names ---- */

int
csv_encoding_parse(const char *name)
{
	char norm[32];
	size_t n = 0;

	for (; *name && n < sizeof(norm) - 1; name++)
		if (*name != '-' && *name != '_')
			norm[n++] = (char)(*name >= 'A' && *name <= 'Z' ?
			    *name - 'A' + 'a' : *name);
	norm[n] = '\0';
	if (*name)
		return -1;
	if (strcmp(norm, "auto") == 0)
		return CSV_ENC_AUTO;
	if (strcmp(norm, "utf8") == 0)
		return CSV_ENC_UTF8;
	if (strcmp(norm, "cp1251") == 0 || strcmp(norm, "windows1251") == 0)
		return CSV_ENC_CP1251;
	if (strcmp(norm, "utf16") == 0 || strcmp(norm, "utf16le") == 0)
		return CSV_ENC_UTF16LE;
	if (strcmp(norm, "utf16be") == 0)
		return CSV_ENC_UTF16BE;
	return -1;
}

const char *
csv_encoding_name(enum csv_encoding enc)
{
	return enc_names[enc];
}

static int
is_wide(enum csv_encoding enc)
{
	return enc == CSV_ENC_UTF16LE || enc == CSV_ENC_UTF16BE;
}

/* Stops the reading: "FILE:LINE: text". */
static void
fatal(struct csvr *r, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fatal(struct csvr *r, size_t line, const char *fmt, ...)
{
	char text[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (line)
		so_err_set(r->err, SO_EINVAL, "%s:%zu: %s", r->name, line,
		    text);
	else
		so_err_set(r->err, SO_EINVAL, "%s: %s", r->name, text);
	r->rc = SO_EINVAL;
}

static int
is_blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

/* ---- libcsv callbacks ---- */

/* Field bytes as UTF-8 text with CRLF as LF, or NULL with why. */
static char *
field_text_utf8(struct csvr *r, const char *s, size_t len, char *why,
    size_t whysize)
{
	char *out, *in, *o, *rd, *w;
	size_t inleft, outleft;

	if (memchr(s, '\0', len)) {
		snprintf(why, whysize, "%s", is_wide(r->cr->encoding) ?
		    _("contains a NUL byte") : _("contains a NUL byte (is the "
		    "file UTF-16? try --encoding utf-16)"));
		return NULL;
	}
	if (r->cd == (iconv_t)-1) {
		if (!utf8_valid(s, len)) {
			snprintf(why, whysize, "%s", _("not valid UTF-8 text "
			    "(is the file in CP1251? try --encoding cp1251)"));
			return NULL;
		}
		out = xstrndup(s, len);
	} else {
		/* A CP1251 byte is at most 3 bytes of UTF-8 (U+2116). */
		out = xmalloc(len * 3 + 1);
		in = (char *)s;
		inleft = len;
		o = out;
		outleft = len * 3;
		iconv(r->cd, NULL, NULL, NULL, NULL);
		if (iconv(r->cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
			/* TRANSLATORS: a byte, an encoding (CP1251). */
			snprintf(why, whysize, _("byte 0x%02x is not %s text"),
			    (unsigned char)*in, enc_names[r->cr->encoding]);
			free(out);
			return NULL;
		}
		*o = '\0';
	}
	for (rd = w = out; *rd; rd++)
		if (!(rd[0] == '\r' && rd[1] == '\n'))
			*w++ = *rd;
	*w = '\0';
	return out;
}

static void
on_field(void *s, size_t len, void *arg)
{
	struct csvr *r = arg;
	char why[sizeof(r->bad_why)], *v;

	r->field_line = r->line;
	if (r->rc != SO_OK)
		return;
	if (r->nf == CSV_MAX_COLUMNS) {
		fatal(r, r->rec_line, _("more than %d fields in a row"),
		    CSV_MAX_COLUMNS);
		return;
	}
	if ((r->row_bytes += len) > CSV_MAX_ROW) {
		fatal(r, r->rec_line, _("a row longer than %d bytes"),
		    CSV_MAX_ROW);
		return;
	}
	v = field_text_utf8(r, s ? s : "", s ? len : 0, why, sizeof(why));
	if (v == NULL) {
		if (r->bad_col < 0) {	/* the first says enough */
			r->bad_col = (int)r->nf;
			memcpy(r->bad_why, why, sizeof(why));
		}
		v = xstrdup("");
	}
	if (r->nf == r->capf) {
		r->capf = r->capf ? r->capf * 2 : 16;
		r->f = xrealloc(r->f, r->capf * sizeof(*r->f));
	}
	r->f[r->nf++] = v;
}

static void
on_row(int c, void *arg)
{
	struct csvr *r = arg;
	size_t i;
	int empty = 1;

	(void)c;
	for (i = 0; i < r->nf; i++)
		empty &= is_blank(r->f[i]);
	/* Rows of empty cells (";;;" from a spreadsheet) are no rows. */
	if (r->rc == SO_OK && !(empty && r->bad_col < 0))
		r->rc = r->fn(r->arg, r->rec_line, r->f, r->nf, r->bad_col,
		    r->bad_why);
	for (i = 0; i < r->nf; i++)
		free(r->f[i]);
	r->nf = 0;
	r->row_bytes = 0;
	r->bad_col = -1;
	r->in_row = 0;
}

/* libcsv's buffer grows through this: a field has a size limit. */
static void *
bounded_realloc(void *p, size_t n)
{
	if (n > (size_t)CSV_MAX_FIELD + 1)
		return NULL;
	return realloc(p, n);
}

/* Only '\n' ends a row; a CR is a blank (see the top of the file). */
static int
is_term(unsigned char c)
{
	return c == '\n';
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* ---- feeding ---- */

/* Does this piece of a line hold anything but blanks? */
static int
has_text(const char *s, size_t n, char sep)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_space((unsigned char)s[i]) && s[i] != '\n')
			return 1;
		else if (s[i] == sep)
			return 1;
	return 0;
}

/* The separator of the header line in s: see the top of the file. */
static char
detect_sep(const char *s, size_t n)
{
	static const char seps[] = ";,\t";	/* ties go to the first */
	size_t count[3] = { 0 }, i, j;
	int k, best = 0, quoted = 0;

	/* Blank lines before the header are no rows. */
	for (i = 0; i < n; i = j + 1) {
		for (j = i; j < n && s[j] != '\n'; j++)
			;
		if (has_text(s + i, j - i, '\0'))
			break;
	}
	for (; i < n; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == '\n')
			break;
		else if (!quoted)
			for (k = 0; k < 3; k++)
				count[k] += s[i] == seps[k];
	}
	for (k = 1; k < 3; k++)
		if (count[k] > count[best])
			best = k;
	return count[best] ? seps[best] : ',';
}

static void
parse_error(struct csvr *r)
{
	int status = csv_error(&r->p);

	if (status == CSV_ENOMEM || status == CSV_ETOOBIG)
		fatal(r, r->field_line, _("a field longer than %d bytes (a "
		    "quote never closed?)"), CSV_MAX_FIELD);
	else if (r->field_line != r->line)
		fatal(r, r->line, _("a stray '\"' in the field that starts "
		    "on line %zu (a quote inside a field is written \"\")"),
		    r->field_line);
	else
		fatal(r, r->line, "%s", _("a stray '\"' in a field (a quote "
		    "inside a field is written \"\", and the field quoted)"));
}

/* One physical line, or the part of one that a read brought. */
static void
feed_piece(struct csvr *r, const char *s, size_t n)
{
	if (!r->in_row && has_text(s, n, (char)csv_get_delim(&r->p))) {
		r->in_row = 1;
		r->rec_line = r->field_line = r->line;
	}
	if (csv_parse(&r->p, s, n, on_field, on_row, r) != n &&
	    r->rc == SO_OK)
		parse_error(r);
	if (n > 0 && s[n - 1] == '\n')
		r->line++;
}

/*
 * Does the text end its lines with a bare CR (Excel for the Mac's "CSV
 * (Macintosh)")?  Yes when a CR not followed by LF comes before the
 * first LF.  A CR that a block's end cuts from its LF is no evidence.
 */
static int
cr_lines(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n && s[i] != '\n'; i++)
		if (s[i] == '\r' && s[i + 1] != '\n')
			return 1;
	return 0;
}

/*
 * ---- Bare quotes ----
 *
 * quoting_ok mirrors libcsv's strict state machine over one line from
 * the start of a row (blanks as is_space has them): 1 when the line is
 * good, or ends inside a quoted field that later lines may close; 0
 * when libcsv would refuse it.  Only then is the line rewritten by
 * repair_line, on the assumption that a row of such a file is one
 * line (1C's are): a quote that does not end its field ("ООО "Р...)
 * is text; "" just before a separator or the line's end is a quote
 * that ends the field (the "ООО "Ромашка"" of a quoted name whose
 * inner quotes were not doubled); any other "" is a quote, as RFC 4180
 * has it; a quoted field the line's end leaves open ends there.  Quotes
 * in a name come in pairs: a field with a bare quote that closes with
 * an odd number inside ("АО "Восток";) keeps its closing quote as its
 * last character too.  The
 * repaired line has every field quoted properly and goes to libcsv as
 * any line does, so the rest (trimming, conversion, line numbers) is
 * the same.
 */
enum { Q_START, Q_PLAIN, Q_QUOTED, Q_CLOSING, Q_AFTER };

static int
quoting_ok(const char *s, size_t n, char sep)
{
	int st = Q_START;
	size_t i;
	char c;

	for (i = 0; i < n; i++) {
		c = s[i];
		if (c == '\n' && st != Q_QUOTED)
			return 1;
		switch (st) {
		case Q_START:
			if (c == '"')
				st = Q_QUOTED;
			else if (c != sep && !is_space((unsigned char)c))
				st = Q_PLAIN;
			break;
		case Q_PLAIN:
			if (c == '"')
				return 0;
			if (c == sep)
				st = Q_START;
			break;
		case Q_QUOTED:
			if (c == '"')
				st = Q_CLOSING;
			break;
		case Q_CLOSING:
			if (c == '"')
				st = Q_QUOTED;
			else if (c == sep)
				st = Q_START;
			else if (is_space((unsigned char)c))
				st = Q_AFTER;
			else
				return 0;
			break;
		case Q_AFTER:
			if (c == sep)
				st = Q_START;
			else if (!is_space((unsigned char)c))
				return 0;
			break;
		}
	}
	return 1;
}

/* Does s[i..n) hold only blanks before a separator or the end? */
static int
field_ends(const char *s, size_t i, size_t n, char sep)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i == n || s[i] == sep;
}

/* The line s[0..n) (its line end, if any, kept) with its fields read
 * as above and written back quoted, into out. */
static void
repair_line(const char *s, size_t n, char sep, struct strbuf *out)
{
	size_t end = n, i = 0, from, to, quotes;
	int bare;

	while (end > 0 && (s[end - 1] == '\n' || s[end - 1] == '\r'))
		end--;
	sb_reset(out);
	for (;;) {
		while (i < end && (s[i] == ' ' || s[i] == '\t'))
			i++;
		sb_addc(out, '"');
		if (i < end && s[i] == '"') {
			bare = quotes = 0;
			for (i++; i < end; i++) {
				if (s[i] != '"') {
					sb_addc(out, s[i]);
					continue;
				}
				if (i + 1 < end && s[i + 1] == '"') {
					sb_add(out, "\"\"");
					quotes++;
					i++;
					if (field_ends(s, i + 1, end, sep)) {
						i++;
						break;
					}
				} else if (field_ends(s, i + 1, end, sep)) {
					/* "АО "Восток";: the inner quotes
					 * were a pair, the last one lost */
					if (bare && quotes % 2 == 1)
						sb_add(out, "\"\"");
					i++;
					break;
				} else {
					sb_add(out, "\"\"");
					bare = 1;
					quotes++;
				}
			}
			while (i < end && s[i] != sep)
				i++;
		} else {
			for (from = i; i < end && s[i] != sep; i++)
				continue;
			for (to = i; to > from && (s[to - 1] == ' ' ||
			    s[to - 1] == '\t'); to--)
				continue;
			for (; from < to; from++) {
				if (s[from] == '"')
					sb_addc(out, '"');
				sb_addc(out, s[from]);
			}
		}
		sb_addc(out, '"');
		if (i >= end)
			break;
		sb_addc(out, sep);
		i++;
	}
	sb_addn(out, s + end, n - end);
}

/* One whole line (or the file's last, without its end) to the parser,
 * repaired first when it must be and may be. */
static void
feed_line(struct csvr *r, const char *s, size_t n)
{
	char sep = (char)csv_get_delim(&r->p);
	struct so_err what = { 0 };

	if (r->cr->strict || r->in_row || quoting_ok(s, n, sep)) {
		feed_piece(r, s, n);
		return;
	}
	repair_line(s, n, sep, &r->fixed);
	r->cr->nrepaired++;
	if (r->cr->repaired) {
		/* TRANSLATORS: the file and line. */
		so_err_set(&what, SO_OK, _("%s:%zu: a quote inside a field, "
		    "not doubled as \"\" (as 1C writes a name in quotes): "
		    "read as part of the text"), r->name, r->line);
		r->cr->repaired(r->arg, &what);
	}
	feed_piece(r, r->fixed.s, r->fixed.len);
}

/* A piece of a line: whole lines go on, a cut one waits for its rest
 * (a line longer than a row may be goes on as it comes, unrepaired). */
static void
feed_lines(struct csvr *r, const char *s, size_t n)
{
	if (n > 0 && s[n - 1] == '\n' && r->pend.len == 0) {
		feed_line(r, s, n);
		return;
	}
	sb_addn(&r->pend, s, n);
	if (r->pend.len > CSV_MAX_ROW) {
		feed_piece(r, r->pend.s, r->pend.len);
		sb_reset(&r->pend);
	} else if (n > 0 && s[n - 1] == '\n') {
		feed_line(r, r->pend.s, r->pend.len);
		sb_reset(&r->pend);
	}
}

/* A block of text (UTF-8 or CP1251) to the parser, line by line. */
static void
feed_block(struct csvr *r, char *s, size_t n)
{
	char *end = s + n, *nl, *p;

	if (r->first) {
		/* a UTF-8 byte order mark; UTF-16's went before */
		if (r->cd == (iconv_t)-1 && n >= 3 &&
		    memcmp(s, "\xef\xbb\xbf", 3) == 0)
			s += 3;
		r->cr_only = cr_lines(s, (size_t)(end - s));
	}
	/* Bare CRs become LFs: the one line end the rest knows, so rows
	 * split and lines count as in any other file. */
	if (r->cr_only)
		for (p = s; (p = memchr(p, '\r', (size_t)(end - p))) != NULL;
		    p++)
			*p = '\n';
	if (r->first) {
		r->cr->sep = r->cr->sep ? r->cr->sep :
		    detect_sep(s, (size_t)(end - s));
		csv_set_delim(&r->p, (unsigned char)r->cr->sep);
		r->first = 0;
	}
	while (s < end && r->rc == SO_OK) {
		nl = memchr(s, '\n', (size_t)(end - s));
		n = nl ? (size_t)(nl - s) + 1 : (size_t)(end - s);
		feed_lines(r, s, n);
		s += n;
	}
}

/*
 * UTF-16 bytes in[0..*n) to the parser as UTF-8.  A character the
 * block's end cuts stays in in[] for the next block (*n says how many
 * bytes); an invalid one stops the reading.
 */
static void
feed_wide(struct csvr *r, char *in, size_t *n, int last)
{
	char out[CHUNK * 2], *ip = in, *op;
	size_t inleft = *n, outleft, res;

	while (inleft > 0 && r->rc == SO_OK) {
		op = out;
		outleft = sizeof(out);
		res = iconv(r->wide, &ip, &inleft, &op, &outleft);
		feed_block(r, out, (size_t)(op - out));
		if (res != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL && !last)
			break;	/* the rest comes with the next block */
		if (r->rc == SO_OK)
			fatal(r, r->line, _("not %s text (an unpaired "
			    "surrogate or a byte short at the end)"),
			    enc_names[r->cr->encoding]);
	}
	memmove(in, ip, inleft);
	*n = inleft;
}

static void
feed(struct csvr *r, FILE *fp)
{
	char *buf = xmalloc(CHUNK + 4);
	size_t n, keep = 0;

	r->first = 1;
	if (is_wide(r->cr->encoding) && (n = fread(buf, 1, 2, fp)) > 0) {
		/* the byte order mark, if any, is no text */
		if (n == 2 && ((unsigned char)buf[0] + (unsigned char)buf[1]
		    == 0xff + 0xfe) && (unsigned char)buf[0] >= 0xfe)
			n = 0;
		keep = n;
		r->done += 2;
	}
	while (r->rc == SO_OK && (n = fread(buf + keep, 1, CHUNK, fp)) > 0) {
		r->done += (long long)n;
		if (is_wide(r->cr->encoding)) {
			keep += n;
			feed_wide(r, buf, &keep, 0);
		} else
			feed_block(r, buf, n);
		if (r->cr->progress)
			r->cr->progress(r->arg, r->done, r->cr->total);
	}
	if (r->rc == SO_OK && keep)
		feed_wide(r, buf, &keep, 1);
	if (r->rc == SO_OK && r->pend.len > 0)
		feed_line(r, r->pend.s, r->pend.len);
	free(buf);
	if (r->rc == SO_OK && ferror(fp))
		fatal(r, 0, "%s", strerror(errno));
	if (r->rc == SO_OK && csv_fini(&r->p, on_field, on_row, r) != 0 &&
	    r->rc == SO_OK)
		fatal(r, r->field_line, "%s", _("a quote never closed: the "
		    "quoted field that starts on this line runs to the end of "
		    "the file"));
}

/* ---- the encoding ---- */

/* Bytes of s[0..n) before a UTF-8 sequence the buffer's end cuts. */
static size_t
whole_sequences(const unsigned char *s, size_t n)
{
	size_t i = n, need;
	int k;

	for (k = 0; k < 3 && i > 0 && (s[i - 1] & 0xc0) == 0x80; k++)
		i--;
	if (i == 0)
		return n;
	need = s[i - 1] >= 0xf0 ? 4 : s[i - 1] >= 0xe0 ? 3 :
	    s[i - 1] >= 0xc0 ? 2 : 1;
	return need > 1 && n - (i - 1) < need ? i - 1 : n;
}

/* Is all of fp (from where it is) valid UTF-8?  Reads it through. */
static int
is_utf8(FILE *fp, int *yes)
{
	unsigned char *buf = xmalloc(CHUNK + 4);
	size_t n, keep = 0, cut;

	*yes = 1;
	while ((n = fread(buf + keep, 1, CHUNK, fp)) > 0) {
		n += keep;
		cut = whole_sequences(buf, n);
		if (!utf8_valid((const char *)buf, cut)) {
			*yes = 0;
			break;
		}
		keep = n - cut;
		memmove(buf, buf + cut, keep);
	}
	if (*yes && keep)
		*yes = 0;
	free(buf);
	return ferror(fp) ? -1 : 0;
}

/* What the first bytes say: a byte order mark or UTF-16's zero bytes;
 * CSV_ENC_AUTO when they say nothing. */
static enum csv_encoding
sniff(const unsigned char *b, size_t n)
{
	if (n >= 3 && memcmp(b, "\xef\xbb\xbf", 3) == 0)
		return CSV_ENC_UTF8;
	if (n >= 2 && b[0] == 0xff && b[1] == 0xfe)
		return CSV_ENC_UTF16LE;
	if (n >= 2 && b[0] == 0xfe && b[1] == 0xff)
		return CSV_ENC_UTF16BE;
	/* A header starts with a letter, a digit or a quote. */
	if (n >= 4 && b[0] >= 0x20 && b[0] < 0x80 && b[1] == 0 &&
	    b[2] < 0x80 && b[3] == 0)
		return CSV_ENC_UTF16LE;
	if (n >= 4 && b[0] == 0 && b[1] >= 0x20 && b[1] < 0x80 &&
	    b[2] == 0 && b[3] < 0x80)
		return CSV_ENC_UTF16BE;
	return CSV_ENC_AUTO;
}

/* Settles cr->encoding, reading fp through when it must, and puts fp
 * back at its start. */
static int
choose_encoding(struct csvr *r, FILE *fp)
{
	unsigned char head[4];
	enum csv_encoding said;
	size_t n;
	int yes;

	if (fseek(fp, 0, SEEK_SET) != 0) {
		if (r->cr->encoding != CSV_ENC_AUTO)
			return SO_OK;	/* a pipe, told what it holds */
		fatal(r, 0, "%s", _("cannot tell the encoding of a pipe; give "
		    "--encoding"));
		return r->rc;
	}
	n = fread(head, 1, sizeof(head), fp);
	said = sniff(head, n);
	/* A byte order mark outranks what the caller guessed. */
	if (is_wide(said) && n >= 2 && head[0] + head[1] == 0xff + 0xfe)
		r->cr->encoding = said;
	else if (is_wide(r->cr->encoding) && said == CSV_ENC_UTF16BE)
		r->cr->encoding = said;
	else if (r->cr->encoding == CSV_ENC_AUTO && said != CSV_ENC_AUTO)
		r->cr->encoding = said;
	if (r->cr->encoding == CSV_ENC_AUTO) {
		if (fseek(fp, 0, SEEK_SET) != 0 || is_utf8(fp, &yes) != 0) {
			fatal(r, 0, "%s", strerror(errno));
			return r->rc;
		}
		r->cr->encoding = yes ? CSV_ENC_UTF8 : CSV_ENC_CP1251;
	}
	if (fseek(fp, 0, SEEK_SET) != 0) {
		fatal(r, 0, "%s", strerror(errno));
		return r->rc;
	}
	return SO_OK;
}

/* ---- the whole file ---- */

int
csv_read(FILE *fp, const char *name, struct csv_read *cr, csv_row_fn fn,
    void *arg, struct so_err *err)
{
	struct csvr r = { 0 };
	const char *conv;
	size_t i;

	r.name = name;
	r.cr = cr;
	r.fn = fn;
	r.arg = arg;
	r.err = err;
	r.cd = r.wide = (iconv_t)-1;
	r.line = 1;
	r.bad_col = -1;
	csv_init(&r.p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_realloc_func(&r.p, bounded_realloc);
	csv_set_blk_size(&r.p, 4096);
	csv_set_term_func(&r.p, is_term);
	csv_set_space_func(&r.p, is_space);
	if (choose_encoding(&r, fp) != SO_OK)
		goto out;
	conv = enc_iconv[cr->encoding];
	if (conv && (*(is_wide(cr->encoding) ? &r.wide : &r.cd) =
	    iconv_open("UTF-8", conv)) == (iconv_t)-1) {
		fatal(&r, 0, _("cannot convert from %s: %s"), conv,
		    strerror(errno));
		goto out;
	}
	feed(&r, fp);
out:
	for (i = 0; i < r.nf; i++)
		free(r.f[i]);
	free(r.f);
	if (r.cd != (iconv_t)-1)
		iconv_close(r.cd);
	if (r.wide != (iconv_t)-1)
		iconv_close(r.wide);
	csv_free(&r.p);
	sb_free(&r.pend);
	sb_free(&r.fixed);
	return r.rc;
}
