/*
 * Documents from templates: the placeholders replaced in an .odt's or a
 * .docx's XML, the zip written again, and the PDF through LibreOffice;
 * see docfill.h.  The values of a record are docrec.c's.
 *
 * The XML is not rebuilt from a tree: expat reports where each tag and
 * each piece of text is (its byte offset and length in the part), and
 * the part is copied byte for byte but for the text of the runs that
 * held a placeholder.  So whatever Word or Writer wrote that this code
 * does not know (namespaces, extensions, comments, the declaration) is
 * kept as it was, and a template without placeholders comes out
 * identical.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <expat.h>
#include <zip.h>

#include "base/i18n.h"
#include "base/proc.h"
#include "base/utf8.h"
#include "base/util.h"
#include "exchange/docfill.h"
#include "exchange/xlsx_api.h"
#include "store/group.h"

#define MAX_PART	(64L * 1024 * 1024)	/* one XML part, bytes */

#define NS_W	"http://schemas.openxmlformats.org/wordprocessingml/2006/main|"
#define NS_TEXT	"urn:oasis:names:tc:opendocument:xmlns:text:1.0|"
#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0|"
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0|"
#define NS_META	"urn:oasis:names:tc:opendocument:xmlns:meta:1.0|"
#define NS_DC	"http://purl.org/dc/elements/1.1/|"
#define NS_CP	"http://schemas.openxmlformats.org/package/2006/metadata/" \
		"core-properties|"
#define NS_EP	"http://schemas.openxmlformats.org/officeDocument/2006/" \
		"extended-properties|"
#define NS_VT	"http://schemas.openxmlformats.org/officeDocument/2006/" \
		"docPropsVTypes|"

/*
 * The document's properties a person sets in File > Properties and
 * reads in the title bar, a PDF's metadata and fields such as TITLE:
 * their text is filled as a paragraph's.  Everything else of meta.xml
 * and docProps (the generator, dates, statistics) is left as it was.
 */
static const char *const prop_names[] = {
	NS_DC "title", NS_DC "subject", NS_DC "description",
	NS_META "keyword", NS_META "user-defined",		/* .odt */
	NS_CP "keywords", NS_CP "category",			/* .docx */
	NS_EP "Company", NS_EP "Manager",
	NS_VT "lpwstr", NS_VT "lpstr", NS_VT "bstr",		/* custom */
	NULL
};

/* How a token's new text is escaped: as the text of a run of its
 * format, an attribute's value, or a property's plain text. */
enum esc {
	ESC_ODT,
	ESC_DOCX,
	ESC_ATTR,
	ESC_PLAIN
};

/* What a paragraph is: a paragraph of the text, an attribute's value
 * (a user field's), a document property. */
enum pkind {
	PK_PARA,
	PK_ATTR,
	PK_PROP
};

/* What an element is to us. */
enum el {
	EL_OTHER,
	EL_PARA,	/* w:p, text:p, text:h */
	EL_HOLDER,	/* holds a run's text: w:t; text:p, h and any
			   other text:* element in a paragraph (a span,
			   a link, a field: user field, title, input) */
	EL_ROW		/* w:tr, table:table-row */
};

/* A piece of a paragraph's text: its bytes in the part and its
 * characters, decoded. */
struct tok {
	long		 off, len;
	long		 tag_off, tag_len;	/* its holder's start tag */
	struct strbuf	 text;
	size_t		 para;
	enum esc	 esc;
	struct strbuf	 repl;		/* its new text, when changed */
	int		 changed;
};

struct para {
	size_t		 first, last;	/* its tokens: first <= i < last,
					   those whose para is this one */
	long		 row;		/* innermost row, or -1 */
	struct tpl_text	 pieces;	/* when it has braces */
	int		 has;		/* 1: pieces parsed */
	int		 list;		/* the list it repeats over, or 0 */
	enum pkind	 kind;
	size_t		 num;		/* PK_PARA: its number in the part */
	unsigned long	 line;		/* PK_ATTR: the line of its tag */
	char		*what;		/* PK_ATTR, PK_PROP: its name */
	long		 pass;		/* the pass its tokens' text is of */
};

struct row {
	long		 off, end;	/* bytes: its start tag .. after its
					   end tag */
	long		 parent;	/* the row it is in, or -1 */
	int		 list;		/* the list it repeats over, or 0 */
	size_t		 first, last;	/* its paragraphs */
	size_t		 tfirst, tlast;	/* its tokens */
};

struct frame {
	enum el		 el;
	long		 tag_off, tag_len;
	size_t		 para;		/* EL_PARA: its index */
	size_t		 row;		/* EL_ROW: its index */
};

struct fill {
	enum docfill_format fmt;
	const char	*xml;
	const char	*part;
	const struct docfill_src *src;
	XML_Parser	 p;
	struct frame	*stack;
	size_t		 depth, cap;
	struct tok	*tok;
	size_t		 ntok, captok;
	struct para	*para;
	size_t		 npara, cappara;
	struct row	*row;
	size_t		 nrow, caprow;
	struct strbuf	*out;
	long		 cursor;	/* bytes of the part copied so far */
	int		 props;		/* a part of properties: meta.xml,
					   the docProps */
	size_t		 nnum;		/* PK_PARA paragraphs so far */
	long		 pass, passes;	/* the record being written; how
					   many there were */
};

static enum el
classify(const struct fill *f, const char *name)
{
	size_t i;

	if (f->props) {
		for (i = 0; prop_names[i] != NULL; i++)
			if (strcmp(name, prop_names[i]) == 0)
				return EL_PARA;
		return EL_OTHER;
	}
	if (f->fmt == DOCFILL_DOCX) {
		if (strncmp(name, NS_W, sizeof(NS_W) - 1) != 0)
			return EL_OTHER;
		name += sizeof(NS_W) - 1;
		if (strcmp(name, "p") == 0)
			return EL_PARA;
		if (strcmp(name, "t") == 0)
			return EL_HOLDER;
		if (strcmp(name, "tr") == 0)
			return EL_ROW;
		return EL_OTHER;
	}
	if (strncmp(name, NS_TABLE, sizeof(NS_TABLE) - 1) == 0)
		return strcmp(name + sizeof(NS_TABLE) - 1, "table-row") == 0 ?
		    EL_ROW : EL_OTHER;
	if (strncmp(name, NS_TEXT, sizeof(NS_TEXT) - 1) != 0)
		return EL_OTHER;
	name += sizeof(NS_TEXT) - 1;
	if (strcmp(name, "p") == 0 || strcmp(name, "h") == 0)
		return EL_PARA;
	if (strcmp(name, "script") == 0)	/* code, not text */
		return EL_OTHER;
	/* a span, a link, and the fields whose text is shown: a user
	 * field, a variable, an input field, the title, a placeholder;
	 * text met in any other (a footnote's body, a frame) is of the
	 * paragraph inside it, and outside a paragraph of none */
	return EL_HOLDER;
}

/* The innermost open paragraph, or NULL. */
static struct frame *
open_para(struct fill *f)
{
	size_t i;

	for (i = f->depth; i > 0; i--)
		if (f->stack[i - 1].el == EL_PARA)
			return &f->stack[i - 1];
	return NULL;
}

static long
open_row(struct fill *f)
{
	size_t i;

	for (i = f->depth; i > 0; i--)
		if (f->stack[i - 1].el == EL_ROW)
			return (long)f->stack[i - 1].row;
	return -1;
}

/* A new paragraph, its tokens from the next on. */
static struct para *
new_para(struct fill *f, enum pkind kind)
{
	struct para *pa;

	if (f->npara == f->cappara) {
		f->cappara = f->cappara ? f->cappara * 2 : 64;
		f->para = xrealloc(f->para, f->cappara * sizeof(*f->para));
	}
	pa = &f->para[f->npara++];
	memset(pa, 0, sizeof(*pa));
	pa->first = pa->last = f->ntok;
	pa->row = open_row(f);
	pa->kind = kind;
	pa->pass = -1;
	if (kind == PK_PARA)
		pa->num = ++f->nnum;
	return pa;
}

static struct tok *
new_tok(struct fill *f, long off, long len, size_t para, enum esc esc)
{
	struct tok *t;

	if (f->ntok == f->captok) {
		f->captok = f->captok ? f->captok * 2 : 256;
		f->tok = xrealloc(f->tok, f->captok * sizeof(*f->tok));
	}
	t = &f->tok[f->ntok++];
	memset(t, 0, sizeof(*t));
	t->off = off;
	t->len = len;
	t->para = para;
	t->esc = esc;
	sb_add(&t->text, "");
	return t;
}

/* The local part of a name ("string-value" of "office|string-value",
 * "title" of "dc:title"). */
static const char *
local_name(const char *name, size_t n, size_t *len)
{
	const char *e = name + n, *s = e;

	while (s > name && s[-1] != '|' && s[-1] != ':')
		s--;
	*len = (size_t)(e - s);
	return s;
}

/*
 * Where the value of the attribute called local (of any prefix) is in
 * the start tag at tag (len bytes): *off and *n, its bytes between the
 * quotes.  -1 when it is not there.
 */
static int
attr_at(const char *tag, long len, const char *local, long *off, long *n)
{
	const char *p = tag + 1, *e = tag + len, *nm, *ln, *v;
	size_t nl, ll;
	char q;

	while (p < e && !isspace((unsigned char)*p) && *p != '>' && *p != '/')
		p++;		/* the element's name */
	for (;;) {
		while (p < e && isspace((unsigned char)*p))
			p++;
		if (p >= e || *p == '>' || *p == '/')
			return -1;
		for (nm = p; p < e && *p != '=' && !isspace((unsigned char)*p);
		    p++)
			;
		nl = (size_t)(p - nm);
		while (p < e && (isspace((unsigned char)*p) || *p == '='))
			p++;
		if (p >= e || (*p != '"' && *p != '\''))
			return -1;
		q = *p++;
		for (v = p; p < e && *p != q; p++)
			;
		if (p >= e)
			return -1;
		ln = local_name(nm, nl, &ll);
		if (ll == strlen(local) && memcmp(ln, local, ll) == 0) {
			*off = (long)(v - tag);
			*n = (long)(p - v);
			return 0;
		}
		p++;
	}
}

/*
 * An .odt's user field, variable or text field keeps its value in its
 * office:string-value attribute (the declaration of a user field, in
 * no paragraph; a variable where it is set), and Writer shows that, not
 * the text it wrote after it: the value is a paragraph of its own.
 */
static void
attr_tokens(struct fill *f, const XML_Char **atts, long tag_off,
    long tag_len)
{
	const char *sv = NS_OFFICE "string-value";
	struct para *pa;
	struct tok *t;
	long off, n;
	size_t i;

	if (f->fmt != DOCFILL_ODT || f->props)
		return;
	for (i = 0; atts[i] != NULL; i += 2) {
		if (strcmp(atts[i], sv) != 0 || strpbrk(atts[i + 1], "{}") ==
		    NULL)
			continue;
		if (attr_at(f->xml + tag_off, tag_len, "string-value", &off,
		    &n) != 0)
			continue;
		pa = new_para(f, PK_ATTR);
		pa->line = (unsigned long)XML_GetCurrentLineNumber(f->p);
		pa->what = xstrdup("office:string-value");
		t = new_tok(f, tag_off + off, n, (size_t)(pa - f->para),
		    ESC_ATTR);
		t->tag_off = tag_off;
		t->tag_len = tag_len;
		sb_reset(&t->text);
		sb_add(&t->text, atts[i + 1]);
		pa->last = f->ntok;
	}
}

static void
on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct fill *f = ud;
	struct frame *fr;
	struct para *pa;
	struct row *r;
	const char *ln;
	size_t ll;
	long tag_off = (long)XML_GetCurrentByteIndex(f->p);
	long tag_len = XML_GetCurrentByteCount(f->p);

	attr_tokens(f, atts, tag_off, tag_len);
	if (f->depth == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 32;
		f->stack = xrealloc(f->stack, f->cap * sizeof(*f->stack));
	}
	fr = &f->stack[f->depth];
	fr->el = classify(f, name);
	fr->tag_off = tag_off;
	fr->tag_len = tag_len;
	if (fr->el == EL_PARA) {
		pa = new_para(f, f->props ? PK_PROP : PK_PARA);
		if (f->props) {
			ln = local_name(name, strlen(name), &ll);
			pa->what = xstrndup(ln, ll);
		}
		fr->para = (size_t)(pa - f->para);
	} else if (fr->el == EL_ROW) {
		if (f->nrow == f->caprow) {
			f->caprow = f->caprow ? f->caprow * 2 : 16;
			f->row = xrealloc(f->row, f->caprow * sizeof(*f->row));
		}
		r = &f->row[f->nrow];
		memset(r, 0, sizeof(*r));
		r->off = fr->tag_off;
		r->parent = open_row(f);
		r->first = r->last = f->npara;
		r->tfirst = r->tlast = f->ntok;
		fr->row = f->nrow++;
	}
	f->depth++;
}

static void
on_end(void *ud, const XML_Char *name)
{
	struct fill *f = ud;
	struct frame *fr;
	long at;

	(void)name;
	fr = &f->stack[--f->depth];
	at = (long)XML_GetCurrentByteIndex(f->p);
	if (fr->el == EL_PARA)
		f->para[fr->para].last = f->ntok;
	else if (fr->el == EL_ROW) {
		f->row[fr->row].end = at + XML_GetCurrentByteCount(f->p);
		f->row[fr->row].last = f->npara;
		f->row[fr->row].tlast = f->ntok;
	}
}

static void
on_text(void *ud, const XML_Char *s, int len)
{
	struct fill *f = ud;
	struct frame *holder, *pa;
	struct tok *t;
	long off = (long)XML_GetCurrentByteIndex(f->p);
	long n = XML_GetCurrentByteCount(f->p);

	if (f->depth == 0)
		return;
	holder = &f->stack[f->depth - 1];
	/* an .odt's paragraph and a property hold their text themselves,
	 * a .docx's paragraph does not */
	if (holder->el != EL_HOLDER && !(holder->el == EL_PARA &&
	    (f->fmt == DOCFILL_ODT || f->props)))
		return;
	if ((pa = open_para(f)) == NULL)
		return;
	/* expat may hand one text over in pieces (at an entity, at the
	 * end of its buffer): one token while the bytes follow on */
	if (f->ntok > 0) {
		t = &f->tok[f->ntok - 1];
		if (t->off + t->len == off && t->tag_off == holder->tag_off &&
		    t->para == pa->para && t->esc != ESC_ATTR) {
			t->len += n;
			sb_addn(&t->text, s, (size_t)len);
			return;
		}
	}
	t = new_tok(f, off, n, pa->para, f->props ? ESC_PLAIN :
	    f->fmt == DOCFILL_ODT ? ESC_ODT : ESC_DOCX);
	t->tag_off = holder->tag_off;
	t->tag_len = holder->tag_len;
	sb_reset(&t->text);
	sb_addn(&t->text, s, (size_t)len);
	sb_add(&t->text, "");
}

/* A paragraph's text, its tokens' joined. */
static void
joined(const struct fill *f, const struct para *pa, struct strbuf *b)
{
	size_t i;

	sb_add(b, "");
	for (i = pa->first; i < pa->last; i++)
		if (f->tok[i].para == (size_t)(pa - f->para))
			sb_add(b, sb_str(&f->tok[i].text));
}

/* Where pa is, for a message: "content.xml, paragraph 3". */
static char *
place(const struct fill *f, const struct para *pa)
{
	switch (pa->kind) {
	case PK_ATTR:
		/* TRANSLATORS: a place in a document template: its XML
		 * part, a line of it and an attribute's name (a user
		 * field's value). */
		return xasprintf(_("%s, line %lu, attribute %s"), f->part,
		    pa->line, pa->what);
	case PK_PROP:
		/* TRANSLATORS: a place in a document template: its XML
		 * part (of the document's properties) and the property's
		 * name ("title"). */
		return xasprintf(_("%s, property %s"), f->part, pa->what);
	default:
		/* TRANSLATORS: a place in a document template: its XML
		 * part and the paragraph's number. */
		return xasprintf(_("%s, paragraph %zu"), f->part, pa->num);
	}
}

/* Parses each paragraph's placeholders and marks the rows they repeat. */
static int
prepare(struct fill *f, struct so_err *err)
{
	struct strbuf b = { 0 };
	struct para *pa;
	struct row *r;
	char *where;
	size_t i, k;
	int list, code;

	for (i = 0; i < f->npara; i++) {
		pa = &f->para[i];
		sb_reset(&b);
		joined(f, pa, &b);
		if (strpbrk(sb_str(&b), "{}") == NULL)
			continue;
		where = place(f, pa);
		code = template_parse_in(f->src->tname, where, sb_str(&b),
		    TPL_DOC, &pa->pieces, err);
		if (code != SO_OK) {
			free(where);
			sb_free(&b);
			return code;
		}
		pa->has = 1;
		for (k = 0; k < pa->pieces.n; k++) {
			const struct tpl_piece *p = &pa->pieces.v[k];

			if (p->kind == TPL_TEXT ||
			    (list = f->src->list(f->src->arg, p)) == 0)
				continue;
			if (pa->row < 0) {
				code = so_err_set(err, SO_EINVAL, _("template "
				    "\"%s\": %s: %s is for a table row, which "
				    "is repeated for each of its records"),
				    f->src->tname, where, p->text);
				break;
			}
			r = &f->row[pa->row];
			if (r->list != 0 && r->list != list) {
				code = so_err_set(err, SO_EINVAL, _("template "
				    "\"%s\": %s: %s is of another list than "
				    "the placeholders before it in its table "
				    "row"), f->src->tname, where, p->text);
				break;
			}
			r->list = pa->list = list;
		}
		free(where);
		if (code != SO_OK) {
			sb_free(&b);
			return code;
		}
	}
	sb_free(&b);
	return SO_OK;
}

/*
 * c escaped for XML into b, as esc says.  In a value (val), a line
 * break or a tab becomes the format's element in a run's text (a
 * character reference in an attribute, itself in a property) and other
 * control characters are left out (XML 1.0 cannot hold them); the
 * template's own text keeps what it had.
 */
static void
escape_char(enum esc esc, char c, int val, struct strbuf *b)
{
	switch (c) {
	case '<':
		sb_add(b, "&lt;");
		return;
	case '>':
		sb_add(b, "&gt;");
		return;
	case '&':
		sb_add(b, "&amp;");
		return;
	case '"':
	case '\'':
		if (esc == ESC_ATTR)
			sb_add(b, c == '"' ? "&quot;" : "&apos;");
		else
			sb_addc(b, c);
		return;
	case '\n':
	case '\t':
	case '\r':
		/* an attribute's value loses its raw line breaks and tabs
		 * to spaces (XML's normalisation): references keep them */
		if (esc == ESC_ATTR)
			sb_add(b, c == '\n' ? "&#10;" : c == '\t' ? "&#9;" :
			    "&#13;");
		else if (!val || esc == ESC_PLAIN || c == '\r')
			sb_addc(b, c);
		else if (c == '\n')
			sb_add(b, esc == ESC_ODT ? "<text:line-break/>" :
			    "</w:t><w:br/><w:t xml:space=\"preserve\">");
		else
			sb_add(b, esc == ESC_ODT ? "<text:tab/>" :
			    "</w:t><w:tab/><w:t xml:space=\"preserve\">");
		return;
	default:
		if ((unsigned char)c >= 0x20 || !val)
			sb_addc(b, c);
		return;
	}
}

/* The bytes of the part from the cursor up to off. */
static void
copy_to(struct fill *f, long off)
{
	if (off > f->cursor) {
		sb_addn(f->out, f->xml + f->cursor, (size_t)(off - f->cursor));
		f->cursor = off;
	}
}

/* Bytes that would come out of order: cannot be, as the tokens and the
 * rows are written in the order they are in the part. */
static int
nested(struct fill *f, struct so_err *err)
{
	return so_err_set(err, SO_EINVAL, _("template \"%s\": %s: a "
	    "repeated table row inside a paragraph that has placeholders "
	    "after it (a table in a frame); move the placeholders out of "
	    "that paragraph"), f->src->tname, f->part);
}

/*
 * The new text of paragraph pa's tokens for record row (-1: none), in
 * their repl, changed set on those that differ.  The paragraph's text
 * is walked as template_parse walked it ({{ and }} a brace, { to } a
 * placeholder, the placeholder pieces in the same order); a value goes
 * into the token where its placeholder begins, so it takes that run's
 * formatting, and the placeholder's characters in the tokens after are
 * taken out of them.  Tokens nothing touched are copied as they were.
 */
static int
fill_para(struct fill *f, struct para *pa, long row, struct so_err *err)
{
	size_t idx = (size_t)(pa - f->para), nt = 0, ti, k, i, pi = 0;
	size_t *tv, *end;
	struct strbuf j = { 0 }, *nv;
	const char *js, *v0;
	char *v;
	int *changed, code = SO_OK;

	tv = xcalloc(pa->last - pa->first + 1, sizeof(*tv));
	end = xcalloc(pa->last - pa->first + 1, sizeof(*end));
	for (ti = pa->first; ti < pa->last; ti++)
		if (f->tok[ti].para == idx) {
			tv[nt] = ti;
			sb_add(&j, sb_str(&f->tok[ti].text));
			end[nt++] = j.len;
		}
	nv = xcalloc(nt + 1, sizeof(*nv));
	changed = xcalloc(nt + 1, sizeof(*changed));
	js = sb_str(&j);
	for (i = 0, k = 0; i < j.len && code == SO_OK; ) {
		enum esc esc;

		while (k < nt && i >= end[k])
			k++;
		esc = f->tok[tv[k < nt ? k : nt - 1]].esc;
		if ((js[i] == '{' && js[i + 1] == '{') || (js[i] == '}' &&
		    js[i + 1] == '}')) {
			escape_char(esc, js[i], 0, &nv[k]);
			changed[k] = 1;
			if (i + 1 >= end[k])
				changed[k + 1] = 1;
			i += 2;
			continue;
		}
		if (js[i] != '{') {
			escape_char(esc, js[i], 0, &nv[k]);
			i++;
			continue;
		}
		while (pi < pa->pieces.n && pa->pieces.v[pi].kind == TPL_TEXT)
			pi++;
		if (pi == pa->pieces.n)		/* cannot be: it parsed */
			break;
		if ((code = f->src->value(f->src->arg, &pa->pieces.v[pi], row,
		    &v, err)) != SO_OK)
			break;
		for (v0 = v; *v0; v0++)
			escape_char(esc, *v0, 1, &nv[k]);
		free(v);
		changed[k] = 1;
		i += strlen(pa->pieces.v[pi].text);
		for (ti = k + 1; ti < nt && end[ti - 1] < i; ti++)
			changed[ti] = 1;
		pi++;
	}
	for (k = 0; k < nt; k++) {
		struct tok *t = &f->tok[tv[k]];

		sb_free(&t->repl);
		t->repl = nv[k];
		t->changed = code == SO_OK && changed[k];
		memset(&nv[k], 0, sizeof(nv[k]));
	}
	sb_free(&nv[nt]);
	free(nv);
	free(changed);
	free(tv);
	free(end);
	sb_free(&j);
	return code;
}

/* Token t with its new text, when it has one. */
static void
write_tok(struct fill *f, struct tok *t)
{
	if (!t->changed)
		return;
	/* .docx: a text that now starts or ends with a space keeps it
	 * only with xml:space="preserve" */
	if (t->esc == ESC_DOCX && t->tag_len == 5 && t->tag_off >= f->cursor &&
	    strncmp(f->xml + t->tag_off, "<w:t>", 5) == 0) {
		copy_to(f, t->tag_off);
		sb_add(f->out, "<w:t xml:space=\"preserve\">");
		f->cursor = t->tag_off + t->tag_len;
	}
	copy_to(f, t->off);
	sb_add(f->out, sb_str(&t->repl));
	f->cursor = t->off + t->len;
}

/*
 * Writes the tokens from first up to last for record row, in the order
 * they are in the part (a footnote's or a frame's paragraph is inside
 * another paragraph, its tokens between that one's), a repeated row as
 * many times as its list has records.  A paragraph's new text is made
 * when its first token is met, once for each record written.
 */
static int
write_range(struct fill *f, size_t first, size_t last, long row,
    struct so_err *err)
{
	struct para *pa;
	struct row *r;
	struct tok *t;
	size_t n, i, k;
	long rx, pass;
	int code;

	for (k = first; k < last; ) {
		t = &f->tok[k];
		pa = &f->para[t->para];
		/* the outermost repeated row around pa, when no record
		 * of one is being written */
		r = NULL;
		if (row < 0)
			for (rx = pa->row; rx >= 0; rx = f->row[rx].parent)
				if (f->row[rx].list != 0)
					r = &f->row[rx];
		if (r == NULL) {
			if (pa->has && pa->pass != f->pass) {
				if ((code = fill_para(f, pa, row, err)) !=
				    SO_OK)
					return code;
				pa->pass = f->pass;
			}
			if (pa->has) {
				if (t->changed && t->off < f->cursor)
					return nested(f, err);
				write_tok(f, t);
			}
			k++;
			continue;
		}
		if (r->off < f->cursor)
			return nested(f, err);
		if ((code = f->src->count(f->src->arg, r->list, &n, err)) !=
		    SO_OK)
			return code;
		copy_to(f, r->off);
		pass = f->pass;
		for (i = 0; i < n; i++) {
			f->cursor = r->off;
			f->pass = ++f->passes;
			if ((code = write_range(f, r->tfirst, r->tlast, (long)i,
			    err)) != SO_OK)
				return code;
			copy_to(f, r->end);
		}
		f->pass = pass;
		f->cursor = r->end;
		k = r->tlast;
	}
	return SO_OK;
}

static void
fill_free(struct fill *f)
{
	size_t i;

	for (i = 0; i < f->ntok; i++) {
		sb_free(&f->tok[i].text);
		sb_free(&f->tok[i].repl);
	}
	for (i = 0; i < f->npara; i++) {
		template_text_free(&f->para[i].pieces);
		free(f->para[i].what);
	}
	free(f->tok);
	free(f->para);
	free(f->row);
	free(f->stack);
}

int
docfill_xml(const char *xml, size_t len, enum docfill_format fmt,
    const char *part, const struct docfill_src *src, struct strbuf *out,
    struct so_err *err)
{
	struct fill f;
	int code;

	memset(&f, 0, sizeof(f));
	f.fmt = fmt;
	f.xml = xml;
	f.part = part;
	f.src = src;
	f.out = out;
	f.props = strcmp(part, "meta.xml") == 0 ||
	    strncmp(part, "docProps/", 9) == 0;
	if (len > (size_t)MAX_PART)
		return so_err_set(err, SO_EINVAL, _("template \"%s\": %s is "
		    "larger than %ld MB"), src->tname, part, MAX_PART >> 20);
	if ((code = xlsx_api_load(err)) != SO_OK)
		return code;
	if ((f.p = XML_ParserCreateNS(NULL, '|')) == NULL)
		return so_err_set(err, SO_ERR, "%s", strerror(ENOMEM));
	XML_SetUserData(f.p, &f);
	XML_SetElementHandler(f.p, on_start, on_end);
	XML_SetCharacterDataHandler(f.p, on_text);
	if (XML_Parse(f.p, xml, (int)len, 1) != XML_STATUS_OK) {
		code = so_err_set(err, SO_EINVAL, _("template \"%s\": %s line "
		    "%lu: %s"), src->tname, part,
		    (unsigned long)XML_GetCurrentLineNumber(f.p),
		    XML_ErrorString(XML_GetErrorCode(f.p)));
		XML_ParserFree(f.p);
		fill_free(&f);
		return code;
	}
	XML_ParserFree(f.p);
	f.p = NULL;
	sb_add(out, "");
	if ((code = prepare(&f, err)) == SO_OK &&
	    (code = write_range(&f, 0, f.ntok, -1, err)) == SO_OK)
		copy_to(&f, (long)len);
	fill_free(&f);
	return code;
}

/* ---- the file ---- */

int
docfill_format_of(const char *path)
{
	size_t n = strlen(path);

	if (n > 4 && strcasecmp(path + n - 4, ".odt") == 0)
		return DOCFILL_ODT;
	if (n > 5 && strcasecmp(path + n - 5, ".docx") == 0)
		return DOCFILL_DOCX;
	return -1;
}

/* Is the zip entry name one whose text is filled? */
static int
filled_part(enum docfill_format fmt, const char *name)
{
	size_t n = strlen(name);

	/* an .odt's headers and footers are in styles.xml, its
	 * footnotes, frames and fields in content.xml */
	if (fmt == DOCFILL_ODT)
		return strcmp(name, "content.xml") == 0 ||
		    strcmp(name, "styles.xml") == 0 ||
		    strcmp(name, "meta.xml") == 0;
	if (strcmp(name, "word/document.xml") == 0 ||
	    strcmp(name, "word/footnotes.xml") == 0 ||
	    strcmp(name, "word/endnotes.xml") == 0 ||
	    strcmp(name, "docProps/core.xml") == 0 ||
	    strcmp(name, "docProps/app.xml") == 0 ||
	    strcmp(name, "docProps/custom.xml") == 0)
		return 1;
	return n > 4 && strcmp(name + n - 4, ".xml") == 0 &&
	    (strncmp(name, "word/header", 11) == 0 ||
	    strncmp(name, "word/footer", 11) == 0) &&
	    strchr(name + 5, '/') == NULL;
}

/* Reads entry i of z whole into *buf. */
static int
read_entry(zip_t *z, zip_uint64_t i, const char *tpl, const char *name,
    char **buf, size_t *len, struct so_err *err)
{
	zip_stat_t st;
	zip_file_t *zf;
	zip_int64_t n;

	*buf = NULL;
	if (zip_stat_index(z, i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
		return so_err_set(err, SO_EINVAL, "%s: %s: %s", tpl, name,
		    zip_strerror(z));
	if (st.size > (zip_uint64_t)MAX_PART)
		return so_err_set(err, SO_EINVAL, _("template \"%s\": %s is "
		    "larger than %ld MB"), tpl, name, MAX_PART >> 20);
	if ((zf = zip_fopen_index(z, i, 0)) == NULL)
		return so_err_set(err, SO_EINVAL, "%s: %s: %s", tpl, name,
		    zip_strerror(z));
	*buf = xmalloc((size_t)st.size + 1);
	n = zip_fread(zf, *buf, st.size);
	if (n < 0 || (zip_uint64_t)n != st.size) {
		so_err_set(err, SO_EINVAL, "%s: %s: %s", tpl, name,
		    zip_error_strerror(zip_file_get_error(zf)));
		zip_fclose(zf);
		free(*buf);
		*buf = NULL;
		return SO_EINVAL;
	}
	zip_fclose(zf);
	(*buf)[st.size] = '\0';
	*len = (size_t)st.size;
	return SO_OK;
}

/* Entry i of in, filled or as it was, added to out. */
static int
copy_entry(zip_t *in, zip_t *out, zip_uint64_t i, enum docfill_format fmt,
    const char *tpl, const struct docfill_src *src, struct so_err *err)
{
	const char *name = zip_get_name(in, i, ZIP_FL_ENC_RAW);
	struct strbuf b = { 0 };
	zip_source_t *zs;
	zip_int64_t at;
	size_t len = 0;
	char *buf;
	int code;

	if (name == NULL)
		return so_err_set(err, SO_EINVAL, "%s: %s", tpl,
		    zip_strerror(in));
	if (*name && name[strlen(name) - 1] == '/')
		return zip_dir_add(out, name, ZIP_FL_ENC_RAW) < 0 ?
		    so_err_set(err, SO_ERR, "%s: %s", name,
		    zip_strerror(out)) : SO_OK;
	if (filled_part(fmt, name)) {
		if ((code = read_entry(in, i, tpl, name, &buf, &len, err)) !=
		    SO_OK)
			return code;
		code = docfill_xml(buf, len, fmt, name, src, &b, err);
		free(buf);
		if (code != SO_OK) {
			sb_free(&b);
			return code;
		}
		len = b.len;
		buf = sb_steal(&b);
		if ((zs = zip_source_buffer(out, buf, len, 1)) == NULL)
			free(buf);
	} else
		zs = zip_source_zip(out, in, i, 0, 0, -1);
	if (zs == NULL || (at = zip_file_add(out, name, zs,
	    ZIP_FL_ENC_RAW)) < 0) {
		if (zs)
			zip_source_free(zs);
		return so_err_set(err, SO_ERR, "%s: %s", name,
		    zip_strerror(out));
	}
	/* ODF: "mimetype" first and stored, so that file(1) and the
	 * readers that look at the bytes know it */
	zip_set_file_compression(out, (zip_uint64_t)at,
	    strcmp(name, "mimetype") == 0 ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
	return SO_OK;
}

int
docfill_file(const char *tpl, const char *outpath,
    const struct docfill_src *src, struct so_err *err)
{
	zip_t *in, *out = NULL;
	zip_int64_t n, i, mt;
	const char *need;
	char *tmp;
	int fmt, ze, fd, code = SO_OK;

	if ((fmt = docfill_format_of(tpl)) < 0)
		return so_err_set(err, SO_EINVAL, _("%s: a template is an "
		    ".odt or a .docx file"), tpl);
	if ((code = xlsx_api_load(err)) != SO_OK)
		return code;
	if ((in = zip_open(tpl, ZIP_RDONLY, &ze)) == NULL) {
		zip_error_t e;

		zip_error_init_with_code(&e, ze);
		code = so_err_set(err, ze == ZIP_ER_NOENT ? SO_ENOTFOUND :
		    SO_EINVAL, _("%s: not a document template (%s)"), tpl,
		    zip_error_strerror(&e));
		zip_error_fini(&e);
		return code;
	}
	/* a zip, but not of the kind its name says (an .xlsx, an .ods, a
	 * .docx renamed .odt): nothing would be filled */
	need = fmt == DOCFILL_ODT ? "content.xml" : "word/document.xml";
	if (zip_name_locate(in, need, 0) < 0) {
		code = so_err_set(err, SO_EINVAL, _("%s: not a document "
		    "template: it has no %s, which every %s file has"),
		    tpl, need, fmt == DOCFILL_ODT ? ".odt" : ".docx");
		zip_discard(in);
		return code;
	}
	tmp = xasprintf("%s.XXXXXX", outpath);
	if ((fd = mkstemp(tmp)) < 0) {
		code = so_err_set(err, SO_ERR, "%s: %s", outpath,
		    strerror(errno));
		goto done;
	}
	close(fd);
	if ((out = zip_open(tmp, ZIP_TRUNCATE, &ze)) == NULL) {
		code = so_err_set(err, SO_ERR, "%s: %s", outpath,
		    strerror(errno));
		goto done;
	}
	n = zip_get_num_entries(in, 0);
	mt = fmt == DOCFILL_ODT ? zip_name_locate(in, "mimetype", 0) : -1;
	if (mt >= 0)
		code = copy_entry(in, out, (zip_uint64_t)mt, fmt, tpl, src,
		    err);
	for (i = 0; i < n && code == SO_OK; i++)
		if (i != mt)
			code = copy_entry(in, out, (zip_uint64_t)i, fmt, tpl,
			    src, err);
	if (code != SO_OK) {
		zip_discard(out);
		out = NULL;
		goto done;
	}
	if (zip_close(out) != 0) {
		code = so_err_set(err, SO_ERR, "%s: %s", outpath,
		    zip_strerror(out));
		zip_discard(out);
		out = NULL;
		goto done;
	}
	out = NULL;
	if (rename(tmp, outpath) != 0)
		code = so_err_set(err, SO_ERR, "%s: %s", outpath,
		    strerror(errno));
done:
	if (code != SO_OK)
		unlink(tmp);
	free(tmp);
	zip_discard(in);
	return code;
}

/* ---- PDF ---- */

/* Removes the directory tree at path (the temporary profile). */
static void
remove_tree(const char *path)
{
	char *argv[] = { "rm", "-rf", "--", (char *)path, NULL };
	struct proc p = { .argv = argv, .search = 1, .out_max = 256,
	    .timeout_ms = 60000, .c_locale = 1 };
	struct proc_result r;

	if (proc_run(&p, &r) == 0)
		sb_free(&r.out);
}

/* Is name an executable on PATH? */
static int
on_path(const char *name)
{
	const char *path = getenv("PATH"), *p, *c;
	char *full;
	int ok = 0;

	for (p = path ? path : "/usr/bin:/bin"; !ok && *p; p = *c ? c + 1 :
	    c) {
		c = p + strcspn(p, ":");
		full = xasprintf("%.*s/%s", (int)(c - p), c == p ? "." : p,
		    name);
		ok = access(full, X_OK) == 0;
		free(full);
	}
	return ok;
}

int
docfill_has_soffice(void)
{
	return on_path("soffice");
}

int
docfill_pdf(const char *file, const char *outdir, long timeout_ms,
    char **pdf, struct so_err *err)
{
	char tdir[] = "/tmp/salesorg-soffice.XXXXXX";
	const char *base, *dot;
	char *home, *profile, *said;
	struct proc_result r;
	struct stat sb;
	int code = SO_OK;

	*pdf = NULL;
	if (!on_path("soffice"))
		return so_err_set(err, SO_ENOTFOUND, "%s", _("LibreOffice is "
		    "not installed: install libreoffice-writer-nogui to make "
		    "PDFs"));
	if (mkdtemp(tdir) == NULL)
		return so_err_set(err, SO_ERR, "%s: %s", tdir,
		    strerror(errno));
	home = xasprintf("HOME=%s", tdir);
	profile = xasprintf("-env:UserInstallation=file://%s/profile", tdir);
	{
		/* its own HOME and profile: a LibreOffice the user has open
		 * would otherwise take the job and exit at once */
		char *argv[] = { "env", home, "soffice", profile, "--headless",
		    "--norestore", "--convert-to", "pdf", "--outdir",
		    (char *)outdir, (char *)file, NULL };
		struct proc p = { .argv = argv, .search = 1, .out_max = 4096,
		    .timeout_ms = timeout_ms, .c_locale = 1 };

		if (proc_run(&p, &r) != 0) {
			code = so_err_set(err, SO_ERR, _("cannot start %s: "
			    "%s"), "soffice", strerror(errno));
			goto out;
		}
	}
	said = utf8_sanitize(sb_str(&r.out));
	said[strcspn(said, "\n")] = '\0';
	base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	dot = strrchr(base, '.');
	*pdf = xasprintf("%s%s%.*s.pdf", strcmp(outdir, ".") == 0 ? "" :
	    outdir, strcmp(outdir, ".") == 0 ? "" : "/", dot ?
	    (int)(dot - base) : (int)strlen(base), base);
	if (r.exec_errno != 0)
		code = so_err_set(err, SO_ERR, _("cannot run %s: %s"),
		    "soffice", strerror(r.exec_errno));
	else if (r.timed_out)
		code = so_err_set(err, SO_ERR, _("LibreOffice did not make "
		    "the PDF of %s in %ld seconds"), file, timeout_ms / 1000);
	else if (r.status != 0 || stat(*pdf, &sb) != 0)
		code = so_err_set(err, SO_ERR, _("LibreOffice could not make "
		    "the PDF of %s: %s"), file, *said ? said :
		    _("it made no file"));
	free(said);
	sb_free(&r.out);
	if (code != SO_OK) {
		free(*pdf);
		*pdf = NULL;
	}
out:
	remove_tree(tdir);
	free(home);
	free(profile);
	return code;
}

/* ---- the templates directory ---- */

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
docfill_templates(const char *dir, char ***names, size_t *n,
    struct so_err *err)
{
	struct dirent *de;
	struct stat sb;
	char *full;
	DIR *d;

	*names = NULL;
	*n = 0;
	if ((d = opendir(dir)) == NULL)
		return so_err_set(err, errno == ENOENT ? SO_ENOTFOUND :
		    SO_ERR, "%s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		/* Word's "~$name.docx" and LibreOffice's ".~lock.name#"
		 * while the template is open in them */
		if (de->d_name[0] == '.' || strncmp(de->d_name, "~$", 2) ==
		    0 || docfill_format_of(de->d_name) < 0)
			continue;
		full = xasprintf("%s/%s", dir, de->d_name);
		if (stat(full, &sb) == 0 && S_ISREG(sb.st_mode)) {
			*names = xrealloc(*names, (*n + 1) *
			    sizeof(**names));
			(*names)[(*n)++] = xstrdup(de->d_name);
		}
		free(full);
	}
	closedir(d);
	if (*n > 1)
		qsort(*names, *n, sizeof(**names), by_name);
	return SO_OK;
}

/* ---- pages ---- */

#define PDF_MAX		(64L << 20)	/* bytes read to count pages */

int
docfill_pdf_pages(const char *pdf)
{
	const char *p, *e;
	size_t len;
	char *buf;
	FILE *fp;
	int pages = 0;

	if ((fp = fopen(pdf, "rb")) == NULL)
		return -1;
	if (read_whole(fp, PDF_MAX, &buf, &len) != 0) {
		fclose(fp);
		return -1;
	}
	fclose(fp);
	/* "/Type /Page" or "/Type/Page", not "/Pages": LibreOffice
	 * writes its page objects uncompressed */
	for (p = buf; p + 5 <= buf + len; p++) {
		if (*p != '/' || memcmp(p, "/Type", 5) != 0)
			continue;
		for (e = p + 5; e < buf + len && (*e == ' ' || *e == '\r' ||
		    *e == '\n'); e++)
			;
		if (buf + len - e >= 5 && memcmp(e, "/Page", 5) == 0 &&
		    (buf + len - e == 5 || !isalnum((unsigned char)e[5])))
			pages++;
	}
	free(buf);
	return pages > 0 ? pages : -1;
}
