/*
 * Internet messages: RFC 5322 headers with RFC 2047 encoded-words, an
 * RFC 2045 quoted-printable body, and the mboxrd form; see mime.h.
 *
 * Why B (base64) encoded-words rather than Q: the names and subjects
 * are mostly Cyrillic, where Q would triple every letter.  Why split
 * words by whole characters: RFC 2047 section 5 requires each encoded
 * word to be a complete sequence of characters, and decoders that show
 * words one at a time (or drop a bad one) would otherwise show garbage.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "exchange/mime.h"

static const char *const eols[] = { [MIME_CRLF] = "\r\n", [MIME_LF] = "\n" };
static const char days[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri",
    "Sat" };
static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May",
    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

#define WORD_OVERHEAD	12	/* "=?UTF-8?B?" and "?=" */

/* ---- addresses ---- */

int
mime_addr_ok(const char *addr)
{
	const char *at = strchr(addr, '@'), *p;

	if (at == NULL || at == addr || at[1] == '\0' ||
	    strchr(at + 1, '@') != NULL || strlen(addr) > 254)
		return 0;
	for (p = addr; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f ||
		    strchr("<>()[]\\,;:\"", *p) != NULL)
			return 0;
	return 1;
}

/* s[0..n) without the spaces at either end. */
static char *
trimmed(const char *s, size_t n)
{
	while (n > 0 && *s == ' ') {
		s++;
		n--;
	}
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return xstrndup(s, n);
}

char *
mime_addr_of(const char *mailbox)
{
	const char *lt = strrchr(mailbox, '<'), *gt;

	if (lt == NULL)
		return trimmed(mailbox, strlen(mailbox));
	gt = strchr(lt, '>');
	return trimmed(lt + 1, gt ? (size_t)(gt - lt - 1) : strlen(lt + 1));
}

/* The display name of "Name <a@b.c>" ("" when there is none), without
 * the quotes of "Name" <a@b.c>. */
static char *
name_of(const char *mailbox)
{
	const char *lt = strrchr(mailbox, '<');
	char *s = lt ? trimmed(mailbox, (size_t)(lt - mailbox)) : xstrdup("");
	size_t n = strlen(s);

	if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
		memmove(s, s + 1, n - 2);
		s[n - 2] = '\0';
	}
	return s;
}

char *
mime_first_addr(const char *list)
{
	list += strspn(list, " ,;");
	return xstrndup(list, strcspn(list, " ,;"));
}

/* ---- headers ---- */

/*
 * A copy of s with every control character (C0, DEL, C1, and the
 * Unicode line and paragraph separators some readers split on) as a
 * space: a value can never end its header line.
 */
static char *
clean_value(const char *s)
{
	struct strbuf b = { 0 };
	size_t k, n = strlen(s);
	uint32_t cp;

	sb_add(&b, "");
	for (; n > 0; s += k, n -= k) {
		k = utf8_decode(s, n, &cp);
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
		    cp == 0x2028 || cp == 0x2029)
			sb_addc(&b, ' ');
		else
			sb_addn(&b, s, k);
	}
	return sb_steal(&b);
}

static void
base64(struct strbuf *b, const unsigned char *s, size_t n)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	uint32_t v;
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
		sb_addc(b, tab[v >> 18]);
		sb_addc(b, tab[(v >> 12) & 63]);
		sb_addc(b, tab[(v >> 6) & 63]);
		sb_addc(b, tab[v & 63]);
	}
	if (i < n) {
		v = (uint32_t)s[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)s[i + 1] << 8;
		sb_addc(b, tab[v >> 18]);
		sb_addc(b, tab[(v >> 12) & 63]);
		sb_addc(b, i + 1 < n ? tab[(v >> 6) & 63] : '=');
		sb_addc(b, '=');
	}
}

/*
 * s as encoded-words from column *col on (the space before the first
 * is already written).  Each word carries as many whole characters as
 * fit both the 75-character word and the 78-character line; the next
 * goes on a folded line of its own.
 */
static void
encode_words(struct strbuf *b, const char *s, size_t *col, const char *eol)
{
	size_t len = strlen(s), off = 0, take, k, room, max;
	uint32_t cp;

	while (off < len) {
		room = *col < MIME_LINE ? MIME_LINE - *col : 0;
		if (room > MIME_WORD)
			room = MIME_WORD;
		/* room for a 4-byte character at least, else a new line */
		max = room > WORD_OVERHEAD ? (room - WORD_OVERHEAD) / 4 * 3 : 0;
		if (max < 4 && *col > 1) {
			sb_add(b, eol);
			sb_addc(b, ' ');
			*col = 1;
			continue;
		}
		for (take = 0; off + take < len; take += k) {
			k = utf8_decode(s + off + take, len - off - take, &cp);
			if (take + k > max)
				break;
		}
		sb_add(b, "=?UTF-8?B?");
		base64(b, (const unsigned char *)s + off, take);
		sb_add(b, "?=");
		*col += WORD_OVERHEAD + (take + 2) / 3 * 4;
		off += take;
		if (off < len) {
			sb_add(b, eol);
			sb_addc(b, ' ');
			*col = 1;
		}
	}
}

/* Printable ASCII without "=?" and without a word too long for a line:
 * can go as it is. */
static int
plain_ok(const char *s)
{
	size_t run = 0;

	if (strstr(s, "=?") != NULL)
		return 0;
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			return 0;
		run = *s == ' ' ? 0 : run + 1;
		if (run > MIME_LINE - 2)
			return 0;
	}
	return 1;
}

/* s (plain_ok) from *col on, folded before a space where a line would
 * pass 78 columns. */
static void
fold_plain(struct strbuf *b, const char *s, size_t *col, size_t start,
    const char *eol)
{
	size_t n;

	while (*s) {
		n = strspn(s, " ");
		n += strcspn(s + n, " ");
		if (*s == ' ' && *col + n > MIME_LINE && *col > start) {
			sb_add(b, eol);
			*col = 0;
		}
		sb_addn(b, s, n);
		*col += n;
		s += n;
	}
}

void
mime_header(struct strbuf *b, const char *name, const char *value,
    enum mime_eol eol)
{
	char *v = clean_value(value);
	size_t col = strlen(name) + 2;

	sb_printf(b, "%s:", name);
	if (*v) {
		sb_addc(b, ' ');
		if (plain_ok(v))
			fold_plain(b, v, &col, col, eols[eol]);
		else
			encode_words(b, v, &col, eols[eol]);
	}
	sb_add(b, eols[eol]);
	free(v);
}

/* A display name: a quoted string when ASCII, else encoded-words. */
static void
put_phrase(struct strbuf *b, const char *name, size_t *col, const char *eol)
{
	const char *p;

	if (!plain_ok(name)) {
		encode_words(b, name, col, eol);
		return;
	}
	sb_addc(b, '"');
	for (p = name; *p; p++) {
		if (*p == '"' || *p == '\\')
			sb_addc(b, '\\');
		sb_addc(b, *p);
	}
	sb_addc(b, '"');
	*col += strlen(name) + 2;
}

/* "Name: Display <addr>" or "Name: addr". */
static void
put_mailbox(struct strbuf *b, const char *hname, const char *display,
    const char *addr, enum mime_eol eol)
{
	char *name = clean_value(display ? display : "");
	char *clean;
	size_t col = strlen(hname) + 2;

	sb_printf(b, "%s: ", hname);
	/* the name's own spaces at either end mean nothing */
	clean = trimmed(name, strlen(name));
	if (*clean) {
		put_phrase(b, clean, &col, eols[eol]);
		if (col + strlen(addr) + 3 > MIME_LINE) {
			sb_add(b, eols[eol]);
			col = 0;
		}
		sb_printf(b, " <%s>", addr);
	} else
		sb_add(b, addr);
	sb_add(b, eols[eol]);
	free(clean);
	free(name);
}

void
mime_date(time_t t, struct strbuf *b)
{
	struct tm tm;
	long off;

	localtime_r(&t, &tm);
	off = tm.tm_gmtoff / 60;
	sb_printf(b, "%s, %d %s %d %02d:%02d:%02d %c%02ld%02ld",
	    days[tm.tm_wday % 7], tm.tm_mday, months[tm.tm_mon % 12],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60);
}

/* ---- body ---- */

/* One line of text (no line end) as quoted-printable lines. */
static void
qp_line(struct strbuf *b, const char *p, size_t n, const char *eol)
{
	size_t i, col = 0, tok;
	unsigned char c;
	int lit;

	for (i = 0; i < n; i++) {
		c = (unsigned char)p[i];
		lit = (c >= 33 && c <= 126 && c != '=') ||
		    ((c == ' ' || c == '\t') && i + 1 < n);
		tok = lit ? 1 : 3;
		/* keep room for the '=' of a soft break, unless this is
		 * the line's last character */
		if (col + tok > 75 && !(i + 1 == n && col + tok <= 76)) {
			sb_addc(b, '=');
			sb_add(b, eol);
			col = 0;
		}
		/* an mbox reader would quote (or split at) "From " */
		if (col == 0 && n - i >= 5 && memcmp(p + i, "From ", 5) == 0)
			lit = 0, tok = 3;
		if (lit)
			sb_addc(b, (char)c);
		else
			sb_printf(b, "=%02X", c);
		col += tok;
	}
}

void
mime_qp(struct strbuf *b, const char *text, enum mime_eol eol)
{
	const char *p = text, *nl;
	size_t n;

	for (;;) {
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		qp_line(b, p, n > 0 && p[n - 1] == '\r' ? n - 1 : n,
		    eols[eol]);
		sb_add(b, eols[eol]);
		if (nl == NULL || nl[1] == '\0')
			break;
		p = nl + 1;
	}
}

/* ---- the message ---- */

/* A text part's headers and its body in quoted-printable. */
static void
qp_part(struct strbuf *out, const char *type, const char *text,
    enum mime_eol eol)
{
	sb_printf(out, "Content-Type: %s; charset=UTF-8%s", type, eols[eol]);
	sb_printf(out, "Content-Transfer-Encoding: quoted-printable%s",
	    eols[eol]);
	sb_add(out, eols[eol]);
	mime_qp(out, text, eol);
}

/*
 * The text, or the text and its HTML as multipart/alternative (its
 * boundary is the outer one after "=_alt", so neither is the start of
 * the other; and "=_" starts no quoted-printable or base64 line).
 */
static void
text_parts(struct strbuf *out, const struct mime_msg *m, const char *bound,
    enum mime_eol eol)
{
	const char *e = eols[eol];

	if (m->html == NULL) {
		qp_part(out, "text/plain", m->body ? m->body : "", eol);
		return;
	}
	sb_printf(out, "Content-Type: multipart/alternative;%s "
	    "boundary=\"=_alt%s\"%s%s", e, bound, e, e);
	sb_printf(out, "--=_alt%s%s", bound, e);
	qp_part(out, "text/plain", m->body ? m->body : "", eol);
	sb_printf(out, "%s--=_alt%s%s", e, bound, e);
	qp_part(out, "text/html", m->html, eol);
	sb_printf(out, "%s--=_alt%s--%s", e, bound, e);
}

/* Printable ASCII that needs no quoting in a parameter's value. */
static int
param_plain(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f ||
		    *s == '"' || *s == '\\' || *s == '%' || *s == '*' ||
		    *s == '\'')
			return 0;
	return 1;
}

/*
 * "; param=..." for a file name: as a quoted string when it is plain
 * and short, else RFC 2231: UTF-8'' and percent-encoding, split into
 * numbered continuations of at most 45 characters (a line of at most
 * 78 with the parameter's name), never inside a %XX.
 */
static void
put_param(struct strbuf *b, const char *param, const char *value,
    const char *eol)
{
	static const char hex[] = "0123456789ABCDEF";
	struct strbuf enc = { 0 };
	const unsigned char *p;
	size_t off, take, n;
	int k;

	if (param_plain(value) && strlen(value) < 60) {
		sb_printf(b, ";%s %s=\"%s\"", eol, param, value);
		return;
	}
	sb_add(&enc, "");
	for (p = (const unsigned char *)value; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			sb_addc(&enc, (char)*p);
		else {
			sb_addc(&enc, '%');
			sb_addc(&enc, hex[*p >> 4]);
			sb_addc(&enc, hex[*p & 15]);
		}
	n = enc.len;
	if (n <= 45) {
		sb_printf(b, ";%s %s*=UTF-8''%s", eol, param, enc.s);
		sb_free(&enc);
		return;
	}
	for (off = 0, k = 0; off < n; off += take, k++) {
		take = n - off > 45 ? 45 : n - off;
		/* back off a split %XX */
		if (off + take < n && enc.s[off + take - 1] == '%')
			take -= 1;
		else if (off + take < n && enc.s[off + take - 2] == '%')
			take -= 2;
		sb_printf(b, ";%s %s*%d*=%s%.*s", eol, param, k,
		    k == 0 ? "UTF-8''" : "", (int)take, enc.s + off);
	}
	sb_free(&enc);
}

/* One attachment: its headers and its bytes in base64 lines of 76. */
static void
attachment(struct strbuf *out, const struct mime_attachment *a,
    enum mime_eol eol)
{
	const char *e = eols[eol];
	char *name = clean_value(a->name);
	size_t off, take;

	sb_printf(out, "Content-Type: %s", a->type ? a->type :
	    mime_type_of(a->name));
	put_param(out, "name", name, e);
	sb_add(out, e);
	sb_add(out, "Content-Disposition: attachment");
	put_param(out, "filename", name, e);
	sb_add(out, e);
	sb_printf(out, "Content-Transfer-Encoding: base64%s%s", e, e);
	for (off = 0; off < a->len; off += take) {
		take = a->len - off > 57 ? 57 : a->len - off;
		base64(out, a->data + off, take);
		sb_add(out, e);
	}
	free(name);
}

const char *
mime_type_of(const char *name)
{
	static const char *const types[][2] = {
		{ "pdf", "application/pdf" },
		{ "doc", "application/msword" },
		{ "docx", "application/vnd.openxmlformats-officedocument."
		    "wordprocessingml.document" },
		{ "xls", "application/vnd.ms-excel" },
		{ "xlsx", "application/vnd.openxmlformats-officedocument."
		    "spreadsheetml.sheet" },
		{ "odt", "application/vnd.oasis.opendocument.text" },
		{ "ods", "application/vnd.oasis.opendocument.spreadsheet" },
		{ "rtf", "application/rtf" },
		{ "zip", "application/zip" },
		{ "txt", "text/plain" },
		{ "csv", "text/csv" },
		{ "htm", "text/html" },
		{ "html", "text/html" },
		{ "jpg", "image/jpeg" },
		{ "jpeg", "image/jpeg" },
		{ "png", "image/png" },
		{ "gif", "image/gif" },
		{ "ics", "text/calendar" },
		{ "vcf", "text/vcard" },
	};
	const char *dot = strrchr(name, '.');
	size_t i;

	if (dot == NULL || strchr(dot, '/') != NULL)
		return "application/octet-stream";
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcasecmp(dot + 1, types[i][0]) == 0)
			return types[i][1];
	return "application/octet-stream";
}

static int
check_addr(const char *what, const char *addr, struct so_err *err)
{
	if (mime_addr_ok(addr))
		return SO_OK;
	/* TRANSLATORS: the header (From, To: not translated), the
	 * address. */
	return so_err_field(err, SO_EINVAL, what, _("%s: \"%s\" is not an "
	    "e-mail address"), what, addr);
}

int
mime_build(const struct mime_msg *m, enum mime_eol eol, struct strbuf *out,
    struct so_err *err)
{
	static unsigned counter;
	char *from_addr = mime_addr_of(m->from), *from_name, *msgid = NULL;
	char *bound;
	const char *at;
	size_t i;
	int code;

	if ((code = check_addr("From", from_addr, err)) != SO_OK ||
	    (code = check_addr("To", m->to_addr, err)) != SO_OK) {
		free(from_addr);
		return code;
	}
	from_name = name_of(m->from);
	put_mailbox(out, "From", from_name, from_addr, eol);
	put_mailbox(out, "To", m->to_name, m->to_addr, eol);
	mime_header(out, "Subject", m->subject ? m->subject : "", eol);
	sb_add(out, "Date: ");
	mime_date(m->date, out);
	sb_add(out, eols[eol]);
	if (m->msgid == NULL) {
		at = strchr(from_addr, '@');
		msgid = xasprintf("<%lld.%ld.%u.salesorg@%s>",
		    (long long)m->date, (long)getpid(), ++counter, at + 1);
	}
	sb_printf(out, "Message-ID: %s%s", m->msgid ? m->msgid : msgid,
	    eols[eol]);
	sb_printf(out, "MIME-Version: 1.0%s", eols[eol]);
	/* unique as the Message-ID is: the time, the process, a count */
	bound = xasprintf("=_salesorg_%lld_%ld_%u", (long long)m->date,
	    (long)getpid(), counter);
	if (m->natt > 0) {
		sb_printf(out, "Content-Type: multipart/mixed;%s "
		    "boundary=\"%s\"%s%s", eols[eol], bound, eols[eol],
		    eols[eol]);
		sb_printf(out, "This is a multi-part message in MIME "
		    "format.%s", eols[eol]);
		sb_printf(out, "%s--%s%s", eols[eol], bound, eols[eol]);
		text_parts(out, m, bound, eol);
		for (i = 0; i < m->natt; i++) {
			sb_printf(out, "%s--%s%s", eols[eol], bound,
			    eols[eol]);
			attachment(out, &m->att[i], eol);
		}
		sb_printf(out, "%s--%s--%s", eols[eol], bound, eols[eol]);
	} else
		text_parts(out, m, bound, eol);
	free(bound);
	free(msgid);
	free(from_name);
	free(from_addr);
	return SO_OK;
}

void
mime_mbox_entry(struct strbuf *b, const char *sender, time_t t,
    const char *msg)
{
	const char *p = msg, *nl, *q;
	struct tm tm;

	gmtime_r(&t, &tm);
	sb_printf(b, "From %s %s %s %2d %02d:%02d:%02d %d\n", sender,
	    days[tm.tm_wday % 7], months[tm.tm_mon % 12], tm.tm_mday,
	    tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_year + 1900);
	while (*p) {
		nl = strchr(p, '\n');
		for (q = p; *q == '>'; q++)
			;
		if (strncmp(q, "From ", 5) == 0)
			sb_addc(b, '>');
		sb_addn(b, p, nl ? (size_t)(nl - p) : strlen(p));
		sb_addc(b, '\n');
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	sb_addc(b, '\n');
}
