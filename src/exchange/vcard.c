/*
 * vCard in and out; see include/exchange/vcard.h.
 *
 * Reading goes in two steps.  First the physical lines are joined into
 * logical ones: a line starting with a space or tab continues the one
 * before (RFC 6350 3.2); a 2.1 quoted-printable value ending in '='
 * continues on the next line; a 2.1 BASE64 value runs on over lines
 * without a ':' (no base64 line has one).  The logical line keeps the
 * number of its first physical line, which is what every message names.
 * Then each logical line is split into group, name, parameters and
 * value, and cards are cut at BEGIN:VCARD / END:VCARD.  A fault makes
 * the card it is in bad and the rest of that card is skipped, so one
 * broken card in a phone's export of 500 need not stop the others when
 * the caller says so.
 *
 * Values stay escaped until a property is used: N, ADR and ORG split on
 * the unescaped ';' first, and only then unescape each part.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/priv.h"
#include "base/utf8.h"
#include "base/util.h"
#include "exchange/vcard.h"
#include "store/acl.h"
#include "store/vcardstore.h"

/* ---- reading lines ---- */

struct reader {
	const char	*name;
	const char	*buf;
	size_t		 len, pos;
	size_t		 lineno;	/* of the physical line last read */
	size_t		 line;		/* where the logical line starts */
	struct strbuf	 lb;		/* the logical line */
	int		 toolong;
};

/* The next physical line without its CR LF; 0 at the end. */
static int
phys(struct reader *r, const char **s, size_t *n)
{
	const char *nl;

	if (r->pos >= r->len)
		return 0;
	*s = r->buf + r->pos;
	nl = memchr(*s, '\n', r->len - r->pos);
	*n = nl ? (size_t)(nl - *s) : r->len - r->pos;
	r->pos += *n + (nl != NULL);
	if (*n > 0 && (*s)[*n - 1] == '\r')
		(*n)--;
	r->lineno++;
	return 1;
}

static void
append(struct reader *r, const char *s, size_t n)
{
	if (r->lb.len + n > VCARD_MAX_LINE) {
		r->toolong = 1;
		return;
	}
	sb_addn(&r->lb, s, n);
}

/* The next physical line, without consuming it. */
static const char *
peek(const struct reader *r, size_t *n)
{
	const char *s = r->buf + r->pos, *nl;

	if (r->pos >= r->len)
		return NULL;
	nl = memchr(s, '\n', r->len - r->pos);
	*n = nl ? (size_t)(nl - s) : r->len - r->pos;
	if (*n > 0 && s[*n - 1] == '\r')
		(*n)--;
	return s;
}

/* Does the name-and-parameters part of the logical line hold word? */
static int
head_has(const struct reader *r, const char *word)
{
	const char *s = sb_str(&r->lb), *colon = strchr(s, ':');
	size_t n = colon ? (size_t)(colon - s) : strlen(s), w = strlen(word);

	for (; n >= w; s++, n--)
		if (strncasecmp(s, word, w) == 0)
			return 1;
	return 0;
}

/* The next logical line into r->lb; 0 at the end of the text. */
static int
logical(struct reader *r)
{
	const char *s;
	size_t n;

	sb_reset(&r->lb);
	sb_add(&r->lb, "");
	r->toolong = 0;
	if (!phys(r, &s, &n))
		return 0;
	r->line = r->lineno;
	append(r, s, n);
	for (;;) {
		while ((s = peek(r, &n)) != NULL && n > 0 &&
		    (*s == ' ' || *s == '\t')) {
			phys(r, &s, &n);
			append(r, s + 1, n - 1);
		}
		if (r->lb.len > 0 && r->lb.s[r->lb.len - 1] == '=' &&
		    head_has(r, "QUOTED-PRINTABLE") && peek(r, &n)) {
			r->lb.s[--r->lb.len] = '\0';
			phys(r, &s, &n);
			append(r, s, n);
			continue;
		}
		if (head_has(r, "BASE64") && (s = peek(r, &n)) != NULL &&
		    n > 0 && memchr(s, ':', n) == NULL) {
			phys(r, &s, &n);
			append(r, s, n);
			continue;
		}
		return 1;
	}
}

/* ---- one content line ---- */

/* ASCII letters, digits, '-' and '_' (not isalnum: the locale may
 * count Latin-1 letters in). */
static int
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_';
}

static char *
upper(const char *s, size_t n)
{
	char *u = xstrndup(s, n), *p;

	for (p = u; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return u;
}

static void
add_param(struct vcard_prop *p, char *name, char *value)
{
	p->params = xrealloc(p->params, (p->nparams + 1) *
	    sizeof(*p->params));
	p->params[p->nparams].name = name;
	p->params[p->nparams].value = value;
	p->nparams++;
}

static void
prop_clear(struct vcard_prop *p)
{
	size_t i;

	for (i = 0; i < p->nparams; i++) {
		free(p->params[i].name);
		free(p->params[i].value);
	}
	free(p->params);
	free(p->group);
	free(p->name);
	free(p->value);
	memset(p, 0, sizeof(*p));
}

/*
 * One parameter's value list at *s: "a", "a,b", "\"x;y\"" (quotes
 * removed, the list kept as written).  NULL when a quote never closes.
 */
static char *
param_value(const char **s)
{
	struct strbuf b = { 0 };
	const char *p = *s, *q;

	sb_add(&b, "");
	for (;;) {
		if (*p == '"') {
			if ((q = strchr(p + 1, '"')) == NULL) {
				sb_free(&b);
				return NULL;
			}
			sb_addn(&b, p + 1, (size_t)(q - p - 1));
			p = q + 1;
		} else {
			q = p + strcspn(p, ";:,\"");
			sb_addn(&b, p, (size_t)(q - p));
			p = q;
		}
		if (*p != ',')
			break;
		sb_addc(&b, ',');
		p++;
	}
	*s = p;
	return sb_steal(&b);
}

/* 2.1 writes some parameters bare: "TEL;CELL:", "NOTE;QUOTED-PRINTABLE:". */
static void
bare_param(struct vcard_prop *p, char *word)
{
	static const char *const encodings[] = { "QUOTED-PRINTABLE", "BASE64",
	    "8BIT", "7BIT", "B", NULL };
	int i;

	for (i = 0; encodings[i]; i++)
		if (strcmp(word, encodings[i]) == 0) {
			add_param(p, xstrdup("ENCODING"), word);
			return;
		}
	add_param(p, xstrdup("TYPE"), word);
}

/*
 * "[group.]NAME[;PARAM[=VALUE]]*:VALUE" into p.  Returns NULL, or what
 * is wrong with the line.
 */
static const char *
parse_line(const char *s, struct vcard_prop *p)
{
	const char *q;
	char *pname, *v;

	q = s;
	while (is_name_char(*q))
		q++;
	if (*q == '.' && q > s) {
		p->group = xstrndup(s, (size_t)(q - s));
		s = ++q;
		while (is_name_char(*q))
			q++;
	}
	if (strchr(s, ':') == NULL)
		return _("not a vCard line (no ':')");
	if (q == s || (*q != ';' && *q != ':'))
		return _("not a property name before ':' or ';'");
	p->name = upper(s, (size_t)(q - s));
	while (*q == ';') {
		s = ++q;
		while (is_name_char(*q))
			q++;
		if (q == s)
			return _("an empty parameter name");
		pname = upper(s, (size_t)(q - s));
		if (*q != '=') {
			bare_param(p, pname);
			continue;
		}
		q++;
		if ((v = param_value(&q)) == NULL) {
			free(pname);
			return _("a parameter's quote never closes");
		}
		add_param(p, pname, v);
	}
	if (*q != ':')
		return _("no ':' after the parameters");
	p->value = xstrdup(q + 1);
	return NULL;
}

const char *
vcard_param(const struct vcard_prop *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nparams; i++)
		if (strcasecmp(p->params[i].name, name) == 0)
			return p->params[i].value;
	return NULL;
}

/* Is item one of the comma-separated items of list (any case)? */
static int
list_has(const char *list, const char *item)
{
	size_t n = strlen(item), k;

	while (*list) {
		k = strcspn(list, ",");
		if (k == n && strncasecmp(list, item, n) == 0)
			return 1;
		list += k;
		if (*list == ',')
			list++;
	}
	return 0;
}

int
vcard_has_type(const struct vcard_prop *p, const char *type)
{
	size_t i;

	for (i = 0; i < p->nparams; i++)
		if (strcmp(p->params[i].name, "TYPE") == 0 &&
		    list_has(p->params[i].value, type))
			return 1;
	return 0;
}

/* ---- decoding values ---- */

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Quoted-printable "=D0=98" -> bytes, in place (soft breaks are gone). */
static size_t
qp_decode(char *s)
{
	char *w = s, *r = s;
	int hi, lo;

	while (*r) {
		if (r[0] == '=' && (hi = hexval(r[1])) >= 0 &&
		    (lo = hexval(r[2])) >= 0) {
			*w++ = (char)(hi << 4 | lo);
			r += 3;
		} else
			*w++ = *r++;
	}
	*w = '\0';
	return (size_t)(w - s);
}

/* n bytes of s in charset cs as UTF-8 (a new string), or NULL. */
static char *
to_utf8(const char *s, size_t n, const char *cs, const char **why)
{
	iconv_t cd;
	char *out, *in = (char *)s, *o;
	size_t inleft = n, outleft = n * 4 + 1;

	if ((cd = iconv_open("UTF-8", cs)) == (iconv_t)-1) {
		*why = _("an unknown CHARSET");
		return NULL;
	}
	out = o = xmalloc(outleft);
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
		iconv_close(cd);
		free(out);
		*why = _("text not in its CHARSET");
		return NULL;
	}
	iconv_close(cd);
	*o = '\0';
	return out;
}

/* The value as UTF-8: quoted-printable and CHARSET undone. */
static const char *
decode_value(struct vcard_prop *p)
{
	const char *enc = vcard_param(p, "ENCODING");
	const char *cs = vcard_param(p, "CHARSET"), *why = NULL;
	size_t n = strlen(p->value);
	char *u;

	if (enc && strcasecmp(enc, "QUOTED-PRINTABLE") == 0)
		n = qp_decode(p->value);
	if (memchr(p->value, '\0', n) != NULL || strlen(p->value) != n)
		return _("a NUL byte in the value");
	if (cs && strcasecmp(cs, "UTF-8") != 0 && strcasecmp(cs, "UTF8") != 0 &&
	    strcasecmp(cs, "US-ASCII") != 0) {
		if ((u = to_utf8(p->value, n, cs, &why)) == NULL)
			return why;
		free(p->value);
		p->value = u;
		n = strlen(u);
	}
	if (!utf8_valid(p->value, n))
		return _("not UTF-8 text (a 2.1 card may name its "
		    "CHARSET)");
	return NULL;
}

/* ---- cards ---- */

/*
 * The parser holds one card at a time and hands each to the caller as
 * it ends, so memory is that of the largest card, not of the file, and
 * an import that stops at the first bad card reads no further.
 */
struct parse {
	const char	*name;
	vcard_fn	 fn;
	void		*arg;
	struct vcard	 cur;		/* the open card */
	int		 open;
	int		 outside;	/* in a run of text outside cards */
	int		 code;		/* what fn said last */
};

static void
card_free(struct vcard *c)
{
	size_t i;

	for (i = 0; i < c->nprops; i++)
		prop_clear(&c->props[i]);
	free(c->props);
	memset(c, 0, sizeof(*c));
}

/* Hands c to the caller, then forgets it. */
static void
emit(struct parse *ps, struct vcard *c)
{
	if (ps->code == SO_OK)
		ps->code = ps->fn(ps->arg, c);
	card_free(c);
}

static void
card_bad(struct parse *ps, struct vcard *c, size_t line, const char *fmt,
    const char *arg)
{
	char msg[300];

	if (c->bad)
		return;
	snprintf(msg, sizeof(msg), fmt, arg);
	c->bad = 1;
	so_err_set(&c->err, SO_EINVAL, "%s:%zu: %s", ps->name, line, msg);
}

/* Text that is in no card: one bad entry for a run of such lines. */
static void
outside(struct parse *ps, size_t line, const char *fmt, const char *arg)
{
	struct vcard c;

	if (ps->outside)
		return;
	memset(&c, 0, sizeof(c));
	c.line = line;
	card_bad(ps, &c, line, fmt, arg);
	emit(ps, &c);
	ps->outside = 1;
}

static void
begin_card(struct parse *ps, size_t line)
{
	memset(&ps->cur, 0, sizeof(ps->cur));
	ps->cur.line = line;
	ps->open = 1;
	ps->outside = 0;
}

static int
is_vcard(const char *v)
{
	while (*v == ' ' || *v == '\t')
		v++;
	return strncasecmp(v, "VCARD", 5) == 0 && v[5 + strspn(v + 5,
	    " \t")] == '\0';
}

/* A BEGIN or END line; p is freed by the caller. */
static void
begin_end(struct parse *ps, struct vcard_prop *p, size_t line)
{
	struct vcard *c = ps->open ? &ps->cur : NULL;

	if (strcmp(p->name, "BEGIN") == 0) {
		if (!is_vcard(p->value)) {
			if (c)
				card_bad(ps, c, line, _("BEGIN:%s inside a "
				    "vCard"), p->value);
			else
				outside(ps, line, _("BEGIN:%s: not a vCard"),
				    p->value);
			return;
		}
		/* The card open is bad; this BEGIN starts the next. */
		if (c) {
			card_bad(ps, c, line, "%s", _("BEGIN:VCARD inside a "
			    "card (END:VCARD missing?)"));
			emit(ps, c);
		}
		begin_card(ps, line);
		return;
	}
	if (c == NULL) {
		outside(ps, line, _("END:%s without BEGIN:VCARD"), p->value);
		return;
	}
	if (!is_vcard(p->value)) {
		card_bad(ps, c, line, _("END:%s inside a vCard"), p->value);
		return;
	}
	emit(ps, c);
	ps->open = 0;
}

static void
add_prop(struct vcard *c, struct vcard_prop *p)
{
	if (c->nprops == c->nalloc) {
		c->nalloc = c->nalloc ? c->nalloc * 2 : 16;
		c->props = xrealloc(c->props, c->nalloc * sizeof(*c->props));
	}
	c->props[c->nprops++] = *p;
	memset(p, 0, sizeof(*p));
}

static void
version(struct parse *ps, struct vcard *c, const char *v, size_t line)
{
	while (*v == ' ')
		v++;
	if (strncmp(v, "2.1", 3) == 0)
		c->version = 21;
	else if (strncmp(v, "3.0", 3) == 0)
		c->version = 30;
	else if (strncmp(v, "4.0", 3) == 0)
		c->version = 40;
	else
		card_bad(ps, c, line, _("VERSION %s: not 2.1, 3.0 or 4.0"), v);
}

/* One logical line into the open card (or a BEGIN, END, or a fault). */
static void
one_line(struct parse *ps, struct reader *r)
{
	struct vcard_prop p;
	struct vcard *c = ps->open ? &ps->cur : NULL;
	const char *s = sb_str(&r->lb), *why;

	if (!r->toolong && r->lb.len == strlen(s) && s[strspn(s, " \t")] ==
	    '\0')
		return;
	memset(&p, 0, sizeof(p));
	p.line = r->line;
	if (r->toolong)
		why = _("the line is too long");
	else if (r->lb.len != strlen(s))
		why = _("a NUL byte in the line");
	else
		why = parse_line(s, &p);
	if (why) {
		if (c)
			card_bad(ps, c, r->line, "%s", why);
		else
			outside(ps, r->line, "%s", why);
	} else if (strcmp(p.name, "BEGIN") == 0 || strcmp(p.name, "END") == 0)
		begin_end(ps, &p, r->line);
	else if (c == NULL)
		outside(ps, r->line, _("%s outside a vCard (BEGIN:VCARD "
		    "missing?)"), p.name);
	else if (!c->bad) {
		if (strcmp(p.name, "VERSION") == 0)
			version(ps, c, p.value, r->line);
		else if ((why = decode_value(&p)) != NULL)
			card_bad(ps, c, r->line, "%s", why);
		if (!c->bad)
			add_prop(c, &p);
	}
	prop_clear(&p);
}

int
vcard_parse_each(const char *name, const char *buf, size_t len, vcard_fn fn,
    void *arg, struct so_err *err)
{
	struct reader r;
	struct parse ps;

	if ((long long)len > VCARD_MAX_FILE)
		return so_err_set(err, SO_EINVAL, _("%s: bigger than %ld MB; "
		    "not an address book"), name, VCARD_MAX_FILE >> 20);
	memset(&r, 0, sizeof(r));
	r.name = name;
	r.buf = buf;
	r.len = len;
	/* a UTF-8 byte order mark */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		r.pos = 3;
	memset(&ps, 0, sizeof(ps));
	ps.name = name;
	ps.fn = fn;
	ps.arg = arg;
	while (ps.code == SO_OK && logical(&r))
		one_line(&ps, &r);
	if (ps.open) {
		card_bad(&ps, &ps.cur, ps.cur.line, "%s", _("BEGIN:VCARD "
		    "without END:VCARD"));
		emit(&ps, &ps.cur);
	} else
		card_free(&ps.cur);
	sb_free(&r.lb);
	return ps.code;
}

/* vcard_parse's callback: the card moves into the list. */
static int
collect(void *arg, struct vcard *c)
{
	struct vcard_list *l = arg;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->cards = xrealloc(l->cards, l->cap * sizeof(*l->cards));
	}
	l->cards[l->n++] = *c;
	memset(c, 0, sizeof(*c));
	return SO_OK;
}

int
vcard_parse(const char *name, const char *buf, size_t len,
    struct vcard_list *out, struct so_err *err)
{
	int code;

	memset(out, 0, sizeof(*out));
	if ((code = vcard_parse_each(name, buf, len, collect, out, err)) !=
	    SO_OK)
		vcard_list_free(out);
	return code;
}

void
vcard_list_free(struct vcard_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		card_free(&l->cards[i]);
	free(l->cards);
	memset(l, 0, sizeof(*l));
}

/* ---- escaping ---- */

char *
vcard_unescape(const char *s)
{
	struct strbuf b = { 0 };

	sb_add(&b, "");
	for (; *s; s++) {
		if (*s != '\\' || s[1] == '\0') {
			sb_addc(&b, *s);
			continue;
		}
		s++;
		if (*s == 'n' || *s == 'N')
			sb_addc(&b, '\n');
		else if (*s == '\\' || *s == ',' || *s == ';' || *s == ':')
			sb_addc(&b, *s);
		else {
			/* not an escape vCard knows: keep it as written */
			sb_addc(&b, '\\');
			sb_addc(&b, *s);
		}
	}
	return sb_steal(&b);
}

void
vcard_escape(struct strbuf *b, const char *s)
{
	sb_add(b, "");
	for (; *s; s++) {
		switch (*s) {
		case '\\':
			sb_add(b, "\\\\");
			break;
		case ',':
			sb_add(b, "\\,");
			break;
		case ';':
			sb_add(b, "\\;");
			break;
		case '\r':
			if (s[1] == '\n')
				s++;
			sb_add(b, "\\n");
			break;
		case '\n':
			sb_add(b, "\\n");
			break;
		default:
			sb_addc(b, *s);
		}
	}
}

size_t
vcard_split(const char *value, char sep, char ***parts)
{
	const char *s = value, *start = value;
	size_t n = 0;
	char *raw;

	*parts = NULL;
	for (;; s++) {
		if (*s == '\\' && s[1] != '\0') {
			s++;
			continue;
		}
		if (*s != sep && *s != '\0')
			continue;
		raw = xstrndup(start, (size_t)(s - start));
		*parts = xrealloc(*parts, (n + 1) * sizeof(**parts));
		(*parts)[n++] = vcard_unescape(raw);
		free(raw);
		if (*s == '\0')
			break;
		start = s + 1;
	}
	return n;
}

void
vcard_parts_free(char **parts, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(parts[i]);
	free(parts);
}

/* ---- writing ---- */

/*
 * Lines of at most 75 octets (RFC 6350 3.2), the continuation's leading
 * space counted.  A cut never lands on a UTF-8 continuation byte, so no
 * character is split across lines, nor just after a backslash, which
 * some readers take for an escape of the line break.
 */
void
vcard_put(FILE *out, const char *name, const char *value)
{
	struct strbuf b = { 0 };
	size_t len, pos = 0, room = 75, cut;
	const char *s;

	sb_printf(&b, "%s:%s", name, value);
	s = b.s;
	len = b.len;
	while (len - pos > room) {
		cut = pos + room;
		while (cut > pos + 1 && ((unsigned char)s[cut] & 0xc0) == 0x80)
			cut--;
		if (cut > pos + 1 && s[cut - 1] == '\\')
			cut--;
		fwrite(s + pos, 1, cut - pos, out);
		fputs("\r\n ", out);
		pos = cut;
		room = 74;
	}
	fwrite(s + pos, 1, len - pos, out);
	fputs("\r\n", out);
	sb_free(&b);
}

static int
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

/* A text property, when there is text. */
static void
put_text(FILE *out, const char *name, const char *text)
{
	struct strbuf b = { 0 };

	if (empty(text))
		return;
	vcard_escape(&b, text);
	vcard_put(out, name, b.s);
	sb_free(&b);
}

/* A structured value: the parts escaped, joined by ';'. */
static void
put_parts(FILE *out, const char *name, const char *const *parts, int n)
{
	struct strbuf b = { 0 };
	int i;

	sb_add(&b, "");
	for (i = 0; i < n; i++) {
		if (i)
			sb_addc(&b, ';');
		vcard_escape(&b, parts[i] ? parts[i] : "");
	}
	vcard_put(out, name, b.s);
	sb_free(&b);
}

static char *
full_name(const struct contact *c)
{
	struct strbuf b = { 0 };
	const char *part[3] = { c->last_name, c->first_name, c->middle_name };
	int i;

	sb_add(&b, "");
	for (i = 0; i < 3; i++)
		if (!empty(part[i]))
			sb_printf(&b, "%s%s", b.len ? " " : "", part[i]);
	return sb_steal(&b);
}

static void
put_birthday(FILE *out, int version, const char *ymd)
{
	char basic[9];

	if (empty(ymd))
		return;
	if (version == 40 && strlen(ymd) == 10) {
		/* 4.0 dates are ISO 8601 basic: 19761123 */
		memcpy(basic, ymd, 4);
		memcpy(basic + 4, ymd + 5, 2);
		memcpy(basic + 6, ymd + 8, 2);
		basic[8] = '\0';
		vcard_put(out, "BDAY", basic);
	} else
		vcard_put(out, "BDAY", ymd);
}

void
vcard_write_contact(FILE *out, int version, const struct contact *c,
    const char *company, int64_t rev)
{
	const char *n[5] = { c->last_name, c->first_name, c->middle_name, "",
	    "" };
	const char *adr[7] = { "", "", c->address, "", "", "", "" };
	const char *tel = version == 40 ? "TEL;VALUE=text;TYPE=" : "TEL;TYPE=";
	const char *email = version == 40 ? "EMAIL" : "EMAIL;TYPE=internet";
	char *fn, name[64], stamp[32];
	time_t t;
	struct tm tm;

	vcard_put(out, "BEGIN", "VCARD");
	vcard_put(out, "VERSION", version == 40 ? "4.0" : "3.0");
	vcard_put(out, "PRODID", "-//salesorg//salesorg//EN");
	put_parts(out, "N", n, 5);
	fn = full_name(c);
	put_text(out, "FN", fn);
	free(fn);
	if (!empty(company))
		put_parts(out, "ORG", &company, 1);
	put_text(out, "TITLE", c->position);
	snprintf(name, sizeof(name), "%swork,voice", tel);
	put_text(out, name, c->phone_work);
	snprintf(name, sizeof(name), "%scell", tel);
	put_text(out, name, c->phone_mobile);
	snprintf(name, sizeof(name), "%shome,voice", tel);
	put_text(out, name, c->phone_home);
	put_text(out, email, c->email);
	put_text(out, email, c->email2);
	put_birthday(out, version, c->birthday);
	if (!empty(c->address))
		put_parts(out, "ADR", adr, 7);
	put_text(out, "NOTE", c->comment);
	put_text(out, "X-SALESORG-ROLE", c->role);
	put_text(out, "X-SALESORG-MESSENGERS", c->messengers);
	put_text(out, "X-SALESORG-HOBBIES", c->hobbies);
	put_text(out, "X-SALESORG-SOURCE", c->source);
	put_text(out, "UID", c->uid);
	if (rev > 0) {
		t = (time_t)rev;
		gmtime_r(&t, &tm);
		strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
		vcard_put(out, "REV", stamp);
	}
	vcard_put(out, "END", "VCARD");
}

/* ---- a card into a contact ---- */

enum tel_kind { TEL_OTHER, TEL_WORK, TEL_MOBILE, TEL_HOME };

struct item {
	const struct vcard_prop *p;
	char		*text;
	int		 rank;		/* PREF: lower first */
	int		 used;
};

struct mapping {
	const char	*name;		/* of the file */
	const struct vcard *card;
	struct contact_patch *out;
	struct strbuf	 extra;
	struct item	*tels, *emails, *adrs;
	size_t		 ntels, nemails, nadrs;
	char		*fn;
	int		 have_n;
	struct strbuf	 notes, msgr;
	int		 have_note;
};

static int
fail_at(struct mapping *m, const struct vcard_prop *p, struct so_err *err,
    const char *fmt, const char *arg)
{
	char msg[600];

	snprintf(msg, sizeof(msg), fmt, arg);
	return so_err_set(err, SO_EINVAL, "%s:%zu: %s: %s", m->name, p->line,
	    p->name, msg);
}

/* Stored with the contact (its comment), so in no one reader's
 * language: the labels stay English (not translated). */
static void
add_extra(struct mapping *m, const char *label, const char *kind,
    const char *value)
{
	if (empty(value))
		return;
	sb_printf(&m->extra, "%s%s", m->extra.len ? "\n" : "", label);
	if (!empty(kind))
		sb_printf(&m->extra, " (%s)", kind);
	sb_printf(&m->extra, ": %s", value);
}

/* Trims blanks and puts line breaks on one line (joined by sep). */
static char *
one_line_text(const char *s, const char *sep)
{
	struct strbuf b = { 0 };
	size_t n;

	sb_add(&b, "");
	s += strspn(s, " \t\r\n");
	for (; *s; s++) {
		if (*s == '\r' || *s == '\n') {
			s += strspn(s, "\r\n") - 1;
			if (s[1] != '\0')
				sb_add(&b, sep);
		} else
			sb_addc(&b, *s);
	}
	n = b.len;
	while (n > 0 && (b.s[n - 1] == ' ' || b.s[n - 1] == '\t'))
		n--;
	b.s[n] = '\0';
	b.len = n;
	return sb_steal(&b);
}

static void
set_field(char **dst, char *text)
{
	free(*dst);
	*dst = text;
}

/* PREF=n (4.0) or TYPE=pref (2.1, 3.0): lower ranks first. */
static int
pref_rank(const struct vcard_prop *p)
{
	const char *v = vcard_param(p, "PREF");
	int n;

	if (v && (n = atoi(v)) >= 1 && n <= 100)
		return n;
	return vcard_has_type(p, "pref") ? 1 : 101;
}

static void
add_item(struct item **v, size_t *n, const struct vcard_prop *p, char *text)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[*n].p = p;
	(*v)[*n].text = text;
	(*v)[*n].rank = pref_rank(p);
	(*v)[*n].used = 0;
	(*n)++;
}

/* Stable: equal ranks keep the card's order. */
static void
sort_items(struct item *v, size_t n)
{
	size_t i, j;
	struct item t;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1].rank > v[j].rank; j--) {
			t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

static void
free_items(struct item *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}

/* The TYPE list of p, for an extra line: "fax", "work,fax". */
static const char *
kinds(const struct vcard_prop *p)
{
	const char *t = vcard_param(p, "TYPE");

	return t ? t : "";
}

/* A value that may be a URI of the scheme: "tel:+7...", "mailto:a@b". */
static char *
strip_scheme(const char *v, const char *scheme)
{
	size_t n = strlen(scheme);

	while (*v == ' ')
		v++;
	if (strncasecmp(v, scheme, n) == 0)
		v += n;
	return one_line_text(v, " ");
}

static enum tel_kind
tel_kind(const struct vcard_prop *p)
{
	if (vcard_has_type(p, "cell") || vcard_has_type(p, "mobile"))
		return TEL_MOBILE;
	if (vcard_has_type(p, "work"))
		return TEL_WORK;
	if (vcard_has_type(p, "home"))
		return TEL_HOME;
	return TEL_OTHER;
}

/*
 * Phones: each typed one to its field while that is free, the rest to
 * the first free field (work, mobile, home), and what is left over to
 * the comment.  A card with any TEL says all three fields.
 */
static void
map_phones(struct mapping *m)
{
	struct contact *c = &m->out->c;
	char **slot[4] = { NULL, &c->phone_work, &c->phone_mobile,
	    &c->phone_home };
	char *val[4] = { NULL, NULL, NULL, NULL };
	enum tel_kind k;
	size_t i;
	int s;

	if (m->ntels == 0)
		return;
	sort_items(m->tels, m->ntels);
	for (i = 0; i < m->ntels; i++) {
		k = tel_kind(m->tels[i].p);
		if (k != TEL_OTHER && val[k] == NULL) {
			val[k] = m->tels[i].text;
			m->tels[i].used = 1;
		}
	}
	for (i = 0; i < m->ntels; i++) {
		if (m->tels[i].used)
			continue;
		for (s = TEL_WORK; s <= TEL_HOME && val[s]; s++)
			;
		if (s <= TEL_HOME) {
			val[s] = m->tels[i].text;
			m->tels[i].used = 1;
		} else
			add_extra(m, "Phone", kinds(m->tels[i].p),
			    m->tels[i].text);
	}
	for (s = TEL_WORK; s <= TEL_HOME; s++)
		set_field(slot[s], xstrdup(val[s] ? val[s] : ""));
}

static void
map_emails(struct mapping *m)
{
	struct contact *c = &m->out->c;
	size_t i;

	if (m->nemails == 0)
		return;
	sort_items(m->emails, m->nemails);
	set_field(&c->email, xstrdup(m->emails[0].text));
	set_field(&c->email2, xstrdup(m->nemails > 1 ? m->emails[1].text :
	    ""));
	for (i = 2; i < m->nemails; i++)
		add_extra(m, "E-mail", kinds(m->emails[i].p),
		    m->emails[i].text);
}

static void
map_addresses(struct mapping *m)
{
	size_t i;

	if (m->nadrs == 0)
		return;
	sort_items(m->adrs, m->nadrs);
	set_field(&m->out->c.address, xstrdup(m->adrs[0].text));
	for (i = 1; i < m->nadrs; i++)
		add_extra(m, "Address", kinds(m->adrs[i].p), m->adrs[i].text);
}

/* ADR's seven parts, the empty ones left out, as one line. */
static char *
adr_line(const char *value)
{
	struct strbuf b = { 0 };
	char **parts, *t;
	size_t n, i;

	sb_add(&b, "");
	n = vcard_split(value, ';', &parts);
	for (i = 0; i < n; i++) {
		t = one_line_text(parts[i], ", ");
		if (*t)
			sb_printf(&b, "%s%s", b.len ? ", " : "", t);
		free(t);
	}
	vcard_parts_free(parts, n);
	return sb_steal(&b);
}

static void
map_n(struct mapping *m, const struct vcard_prop *p)
{
	struct contact *c = &m->out->c;
	char **parts;
	size_t n, i;

	if (m->have_n)
		return;
	m->have_n = 1;
	n = vcard_split(p->value, ';', &parts);
	set_field(&c->last_name, one_line_text(n > 0 ? parts[0] : "", " "));
	set_field(&c->first_name, one_line_text(n > 1 ? parts[1] : "", " "));
	set_field(&c->middle_name, one_line_text(n > 2 ? parts[2] : "", " "));
	/* honorifics have no field; keep them */
	add_extra(m, "Name prefix", NULL, n > 3 ? parts[3] : "");
	add_extra(m, "Name suffix", NULL, n > 4 ? parts[4] : "");
	for (i = 5; i < n; i++)
		add_extra(m, "Name", NULL, parts[i]);
	vcard_parts_free(parts, n);
}

static void
map_org(struct mapping *m, const struct vcard_prop *p)
{
	char **parts, *t;
	size_t n, i;

	n = vcard_split(p->value, ';', &parts);
	if (m->out->company == NULL)
		m->out->company = one_line_text(n > 0 ? parts[0] : "", " ");
	else
		add_extra(m, "Organization", NULL, parts[0]);
	for (i = 1; i < n; i++) {
		t = one_line_text(parts[i], " ");
		add_extra(m, "Department", NULL, t);
		free(t);
	}
	vcard_parts_free(parts, n);
}

/*
 * BDAY: 1976-11-23, 19761123, 1976-11-23T00:00:00Z.  A date without a
 * year (--1123, --11-23, Apple's year 1604) or a text one goes to the
 * comment: the birthday field holds whole dates.
 */
static int
map_bday(struct mapping *m, const struct vcard_prop *p, struct so_err *err)
{
	const char *omit = vcard_param(p, "X-APPLE-OMIT-YEAR");
	const char *vt = vcard_param(p, "VALUE");
	char *v = one_line_text(p->value, " "), ymd[11], *t;
	size_t n;

	if ((t = strchr(v, 'T')) != NULL && t > v)
		*t = '\0';
	n = strlen(v);
	if (vt && strcasecmp(vt, "text") == 0) {
		add_extra(m, "Birthday", NULL, v);
		free(v);
		return SO_OK;
	}
	ymd[0] = '\0';
	if (n == 10 && v[4] == '-' && v[7] == '-')
		memcpy(ymd, v, 11);
	else if (n == 8 && strspn(v, "0123456789") == 8)
		snprintf(ymd, sizeof(ymd), "%.4s-%.2s-%.2s", v, v + 4, v + 6);
	else if ((n == 6 || n == 7) && strncmp(v, "--", 2) == 0) {
		add_extra(m, "Birthday", "no year", v + 2);
		free(v);
		return SO_OK;
	}
	if (*ymd == '\0' || !dt_valid_date(ymd)) {
		fail_at(m, p, err, _("not a date (YYYY-MM-DD, YYYYMMDD or "
		    "--MMDD): \"%s\""), v);
		free(v);
		return SO_EINVAL;
	}
	if (omit && strncmp(omit, ymd, 4) == 0)
		add_extra(m, "Birthday", "no year", ymd + 5);
	else
		set_field(&m->out->c.birthday, xstrdup(ymd));
	free(v);
	return SO_OK;
}

/* A messenger: IMPP's URI, or "twitter: https://..." for a profile. */
static void
add_messenger(struct mapping *m, const struct vcard_prop *p)
{
	char *v = vcard_unescape(p->value), *t = one_line_text(v, " ");
	const char *kind = vcard_param(p, "X-SERVICE-TYPE");

	if (kind == NULL && strcmp(p->name, "X-SOCIALPROFILE") == 0)
		kind = vcard_param(p, "TYPE");
	if (*t) {
		if (m->msgr.len)
			sb_add(&m->msgr, "; ");
		if (kind && strcmp(p->name, "X-SALESORG-MESSENGERS") != 0)
			sb_printf(&m->msgr, "%s: ", kind);
		sb_add(&m->msgr, t);
	}
	free(v);
	free(t);
}

static int
map_role(struct mapping *m, const struct vcard_prop *p, struct so_err *err)
{
	struct so_err fe = { 0 };
	char *v = vcard_unescape(p->value);
	int fi = entity_field(&entity_contact, "role");

	if (field_parse(&entity_contact, fi, &m->out->c, v, dt_now(),
	    &fe) != SO_OK) {
		fail_at(m, p, err, "%s", fe.msg);
		free(v);
		return SO_EINVAL;
	}
	if (m->out->c.role == NULL)
		m->out->c.role = xstrdup("");
	free(v);
	return SO_OK;
}

/* A plain text property into a field (the first one wins). */
static void
map_text(char **dst, const struct vcard_prop *p, int memo)
{
	char *v;

	if (*dst != NULL)
		return;
	v = vcard_unescape(p->value);
	*dst = memo ? xstrdup(v) : one_line_text(v, " ");
	free(v);
}

/* What has no field but a label in the comment. */
static const struct { const char *prop, *label; } extras[] = {
	{ "NICKNAME", "Nickname" },
	{ "URL", "Web" },
	{ "ROLE", "Role" },
	{ "CATEGORIES", "Categories" },
	{ NULL, NULL }
};

static int
map_prop(struct mapping *m, const struct vcard_prop *p, struct so_err *err)
{
	struct contact *c = &m->out->c;
	char *v;
	int i;

	if (strcmp(p->name, "N") == 0)
		map_n(m, p);
	else if (strcmp(p->name, "FN") == 0)
		map_text(&m->fn, p, 0);
	else if (strcmp(p->name, "ORG") == 0)
		map_org(m, p);
	else if (strcmp(p->name, "TITLE") == 0)
		map_text(&c->position, p, 0);
	else if (strcmp(p->name, "TEL") == 0) {
		v = vcard_unescape(p->value);
		add_item(&m->tels, &m->ntels, p, strip_scheme(v, "tel:"));
		free(v);
	} else if (strcmp(p->name, "EMAIL") == 0) {
		v = vcard_unescape(p->value);
		add_item(&m->emails, &m->nemails, p, strip_scheme(v,
		    "mailto:"));
		free(v);
	} else if (strcmp(p->name, "ADR") == 0)
		add_item(&m->adrs, &m->nadrs, p, adr_line(p->value));
	else if (strcmp(p->name, "BDAY") == 0 && c->birthday == NULL)
		return map_bday(m, p, err);
	else if (strcmp(p->name, "NOTE") == 0) {
		v = vcard_unescape(p->value);
		sb_printf(&m->notes, "%s%s", m->have_note ? "\n" : "", v);
		m->have_note = 1;
		free(v);
	} else if (strcmp(p->name, "UID") == 0)
		map_text(&c->uid, p, 0);
	else if (strcmp(p->name, "IMPP") == 0 ||
	    strcmp(p->name, "X-SOCIALPROFILE") == 0 ||
	    strcmp(p->name, "X-SALESORG-MESSENGERS") == 0)
		add_messenger(m, p);
	else if (strcmp(p->name, "X-SALESORG-ROLE") == 0 && c->role == NULL)
		return map_role(m, p, err);
	else if (strcmp(p->name, "X-SALESORG-HOBBIES") == 0)
		map_text(&c->hobbies, p, 0);
	else if (strcmp(p->name, "X-SALESORG-SOURCE") == 0)
		map_text(&c->source, p, 0);
	else
		for (i = 0; extras[i].prop; i++)
			if (strcmp(p->name, extras[i].prop) == 0) {
				v = vcard_unescape(p->value);
				add_extra(m, extras[i].label, NULL, v);
				free(v);
			}
	return SO_OK;
}

/*
 * The name: N's family name, else the whole FN as the last name (it is
 * what the card shows; splitting it would guess the order wrong for
 * half the people).
 */
static int
map_name(struct mapping *m, struct so_err *err)
{
	struct contact *c = &m->out->c;

	if (!empty(c->last_name))
		return SO_OK;
	if (!empty(m->fn)) {
		set_field(&c->last_name, xstrdup(m->fn));
		set_field(&c->first_name, xstrdup(""));
		set_field(&c->middle_name, xstrdup(""));
		return SO_OK;
	}
	if (!empty(c->first_name)) {
		set_field(&c->last_name, c->first_name);
		c->first_name = xstrdup("");
		return SO_OK;
	}
	return so_err_set(err, SO_EINVAL, _("%s:%zu: the card has no name "
	    "(N or FN)"), m->name, m->card->line);
}

int
vcard_to_contact(const char *name, const struct vcard *card,
    struct contact_patch *out, struct so_err *err)
{
	struct mapping m;
	size_t i;
	int code = SO_OK;

	memset(&m, 0, sizeof(m));
	m.name = name;
	m.card = card;
	m.out = out;
	contact_patch_init(out);
	if (card->bad) {
		*err = card->err;
		return SO_EINVAL;
	}
	for (i = 0; i < card->nprops && code == SO_OK; i++)
		code = map_prop(&m, &card->props[i], err);
	if (code == SO_OK)
		code = map_name(&m, err);
	if (code == SO_OK) {
		map_phones(&m);
		map_emails(&m);
		map_addresses(&m);
		if (m.have_note)
			out->c.comment = xstrdup(sb_str(&m.notes));
		if (m.msgr.len)
			out->c.messengers = xstrdup(m.msgr.s);
		if (m.extra.len)
			out->extra = xstrdup(m.extra.s);
	}
	free_items(m.tels, m.ntels);
	free_items(m.emails, m.nemails);
	free_items(m.adrs, m.nadrs);
	free(m.fn);
	sb_free(&m.notes);
	sb_free(&m.msgr);
	sb_free(&m.extra);
	if (code != SO_OK)
		contact_patch_clear(out);
	return code;
}

/* ---- import ---- */

/* The property a field comes from, to name its line in a message. */
static const struct { const char *field, *prop; } origins[] = {
	{ "last_name", "N" }, { "first_name", "N" }, { "middle_name", "N" },
	{ "company_id", "ORG" }, { "position", "TITLE" },
	{ "phone_work", "TEL" }, { "phone_mobile", "TEL" },
	{ "phone_home", "TEL" }, { "email", "EMAIL" }, { "email2", "EMAIL" },
	{ "birthday", "BDAY" }, { "address", "ADR" }, { "comment", "NOTE" },
	{ "uid", "UID" }, { "messengers", "IMPP" },
	{ "hobbies", "X-SALESORG-HOBBIES" }, { "source", "X-SALESORG-SOURCE" },
	{ NULL, NULL }
};

static const struct vcard_prop *
origin(const struct vcard *card, const char *field)
{
	size_t i, j;

	for (i = 0; origins[i].field; i++) {
		if (strcmp(origins[i].field, field) != 0)
			continue;
		for (j = 0; j < card->nprops; j++)
			if (strcmp(card->props[j].name, origins[i].prop) == 0)
				return &card->props[j];
	}
	return NULL;
}

/* Does the card carry a picture?  (A contact has no field for one.) */
static int
has_photo(const struct vcard *card)
{
	size_t i;

	for (i = 0; i < card->nprops; i++)
		if (strcmp(card->props[i].name, "PHOTO") == 0)
			return 1;
	return 0;
}

/* A store error about one card, as "a.vcf:12: EMAIL: E-mail: ...". */
static void
card_error(const char *name, const struct vcard *card,
    const struct so_err *fe, struct so_err *err)
{
	const struct vcard_prop *p = origin(card, fe->field);

	if (p)
		so_err_set(err, fe->code, "%s:%zu: %s: %s", name, p->line,
		    p->name, fe->msg);
	else
		so_err_set(err, fe->code, "%s:%zu: %s", name, card->line,
		    fe->msg);
}

struct imp {
	struct contact_importer *im;
	const char	*name;
	const struct vcard_opts *o;
	struct vcard_stats *st;
	struct so_err	*err;
};

static int
import_card(struct imp *ip, const struct vcard *card, struct so_err *err)
{
	struct contact_patch p;
	struct so_err fe = { 0 };
	enum patch_result res;
	int code, made;

	if ((code = vcard_to_contact(ip->name, card, &p, err)) != SO_OK)
		return code;
	code = store_contact_import(ip->im, &p, &res, &made, &fe);
	contact_patch_clear(&p);
	if (code == SO_EINVAL) {
		card_error(ip->name, card, &fe, err);
		return code;
	}
	if (code != SO_OK) {
		so_err_set(err, code, "%s:%zu: %s", ip->name, card->line,
		    fe.msg);
		return code;
	}
	ip->st->companies += made != 0;
	ip->st->photos += has_photo(card);
	if (res == PATCH_CREATED)
		ip->st->created++;
	else if (res == PATCH_UPDATED)
		ip->st->updated++;
	else
		ip->st->unchanged++;
	return SO_OK;
}

/* vcard_parse_each's callback: one card, or the end of the import. */
static int
import_one(void *arg, struct vcard *card)
{
	struct imp *ip = arg;
	struct so_err e = { 0 };
	int code;

	code = import_card(ip, card, &e);
	if (code == SO_EINVAL && ip->o->skip_bad) {
		ip->st->skipped++;
		if (ip->o->skipped)
			ip->o->skipped(ip->o->arg, &e);
		return SO_OK;
	}
	if (code != SO_OK)
		*ip->err = e;
	return code;
}

int
vcard_import_mem(struct db *db, const char *name, const char *buf,
    size_t len, const struct vcard_opts *opts, struct vcard_stats *st,
    struct so_err *err)
{
	static const struct vcard_opts none;
	struct imp ip;
	int code;

	memset(st, 0, sizeof(*st));
	memset(&ip, 0, sizeof(ip));
	ip.name = name;
	ip.o = opts ? opts : &none;
	ip.st = st;
	ip.err = err;
	if ((long long)len > VCARD_MAX_FILE)
		return so_err_set(err, SO_EINVAL, _("%s: bigger than %ld MB; "
		    "not an address book"), name, VCARD_MAX_FILE >> 20);
	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if ((code = store_contact_importer_new(db, &ip.im, err)) == SO_OK) {
		code = vcard_parse_each(name, buf, len, import_one, &ip, err);
		store_contact_importer_free(ip.im);
	}
	if (code == SO_OK && !ip.o->dry_run)
		return db_commit(db, err);
	db_rollback(db);
	if (code != SO_OK)
		memset(st, 0, sizeof(*st));
	return code;
}

int
vcard_import(struct db *db, const char *path, const struct vcard_opts *opts,
    struct vcard_stats *st, struct so_err *err)
{
	struct stat sb;
	FILE *f;
	char *buf;
	size_t n;
	int code;

	memset(st, 0, sizeof(*st));
	if ((f = priv_fopen(path, "rb")) == NULL)
		return so_err_set(err, SO_ERR, "%s: %s", path, strerror(errno));
	if (fstat(fileno(f), &sb) != 0 || S_ISDIR(sb.st_mode)) {
		fclose(f);
		return so_err_set(err, SO_ERR, _("%s: not a file"), path);
	}
	/* A pipe or terminal: all of it now, before the transaction, which
	 * must never wait on someone else's input. */
	if (!S_ISREG(sb.st_mode)) {
		code = read_whole(f, VCARD_MAX_FILE, &buf, &n);
		fclose(f);
		if (code != 0)
			return code > 0 ? so_err_set(err, SO_EINVAL,
			    _("%s: bigger than %ld MB; not an address book"),
			    path, VCARD_MAX_FILE >> 20) : so_err_set(err, SO_ERR,
			    "%s: %s", path, strerror(errno));
		code = vcard_import_mem(db, path, buf, n, opts, st, err);
		free(buf);
		return code;
	}
	if (sb.st_size > VCARD_MAX_FILE) {
		fclose(f);
		return so_err_set(err, SO_EINVAL, _("%s: bigger than %ld MB; "
		    "not an address book"), path, VCARD_MAX_FILE >> 20);
	}
	buf = xmalloc((size_t)sb.st_size + 1);
	n = fread(buf, 1, (size_t)sb.st_size, f);
	if (ferror(f)) {
		code = so_err_set(err, SO_ERR, "%s: %s", path, strerror(errno));
		fclose(f);
		free(buf);
		return code;
	}
	fclose(f);
	buf[n] = '\0';
	code = vcard_import_mem(db, path, buf, n, opts, st, err);
	free(buf);
	return code;
}

/* ---- export ---- */

struct write_cards {
	FILE	*out;
	int	 version;
	int	 fi;		/* company_id's field index */
	size_t	*n;
};

/* One contact as a card (rec_walk's callback). */
static int
write_card(void *arg, const void *rec, struct so_err *err)
{
	struct write_cards *x = arg;
	const struct contact *c = rec;
	const char *company;

	company = c->company_id != SO_NULL && c->meta.ref_labels ?
	    c->meta.ref_labels[x->fi] : NULL;
	vcard_write_contact(x->out, x->version, c, company,
	    c->meta.updated_at);
	(*x->n)++;
	if (ferror(x->out))
		return so_err_set(err, SO_ERR, _("writing: %s"),
		    strerror(errno));
	return SO_OK;
}

int
vcard_export(struct db *db, const struct list_query *q, int version,
    FILE *out, size_t *n, struct so_err *err)
{
	struct write_cards x = { .out = out, .version = version,
	    .fi = entity_field(&entity_contact, "company_id"), .n = n };
	struct list_query own = *q;
	size_t given;
	int code;

	*n = 0;
	/* A manager takes away only their own contacts. */
	own.mine = acl_export_owner(db);
	if ((code = store_contact_give_uids(db, &own, &given, err)) != SO_OK)
		return code;
	return rec_walk(db, &entity_contact, &own, write_card, &x, err);
}
