/*
 * Mail merge: rendering a template for a contact, piping a message to
 * sendmail, and the event that logs it; see merge.h.
 *
 * sendmail is run through proc_run (base/proc.h), never through a
 * shell: the path is a setting and the message is data, and neither
 * must be parsed by sh.  A salesorg installed setgid (so that only it
 * writes the team's database) must not hand that group to the mailer,
 * which the user chooses: proc_run's child gives the group up for good
 * before exec and refuses to run the mailer if it cannot.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "base/proc.h"
#include "base/utf8.h"
#include "base/util.h"
#include "exchange/merge.h"
#include "store/lookup.h"

struct merge {
	char		*name;
	struct tpl_text	 subject, body;
	int		 need_company;
	int		 is_html;	/* the body is HTML (merge_is_html) */
	struct company	 company;	/* the last one read */
	int64_t		 company_id;	/* its id, 0 when none */
};

static int
needs_company(const struct tpl_text *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->v[i].kind == TPL_COMPANY || t->v[i].kind == TPL_MANAGER)
			return 1;
	return 0;
}

int
merge_compile(const struct template *t, struct merge **out,
    struct so_err *err)
{
	struct merge *m = xcalloc(1, sizeof(*m));
	int code;

	*out = NULL;
	m->name = xstrdup(t->name);
	store_company_init(&m->company);
	if ((code = template_parse(t->name, "subject", t->subject, &m->subject,
	    err)) != SO_OK || (code = template_parse(t->name, "body", t->body,
	    &m->body, err)) != SO_OK) {
		merge_free(m);
		return code;
	}
	m->need_company = needs_company(&m->subject) ||
	    needs_company(&m->body);
	m->is_html = merge_body_is_html(t->body);
	*out = m;
	return SO_OK;
}

void
merge_free(struct merge *m)
{
	if (m == NULL)
		return;
	template_text_free(&m->subject);
	template_text_free(&m->body);
	store_company_clear(&m->company);
	free(m->name);
	free(m);
}

const char *
merge_name(const struct merge *m)
{
	return m->name;
}

int
merge_is_html(const struct merge *m)
{
	return m->is_html;
}

/* The contact's company in m->company, or NULL when it has none. */
static int
load_company(struct db *db, struct merge *m, const struct contact *c,
    const struct company **co, struct so_err *err)
{
	int code;

	*co = NULL;
	if (c->company_id == SO_NULL || c->company_id == 0)
		return SO_OK;
	if (m->company_id != c->company_id) {
		store_company_clear(&m->company);
		m->company_id = 0;
		if ((code = store_company_get(db, c->company_id, &m->company,
		    err)) != SO_OK)
			return code;
		m->company_id = c->company_id;
	}
	*co = &m->company;
	return SO_OK;
}

/* The contact's manager, else the company's ("" when neither). */
static char *
manager_name(const struct contact *c, const struct company *co)
{
	int fi = entity_field(&entity_contact, "manager_id");
	char *v = c ? field_format(&entity_contact, fi, c) : xstrdup("");

	if (*v == '\0' && co) {
		free(v);
		fi = entity_field(&entity_company, "manager_id");
		v = field_format(&entity_company, fi, co);
	}
	return v;
}

/*
 * The template with its values; with vals, each value is left out of b
 * as a mark VAL_MARK N VAL_END (N its index in vals) so that the HTML
 * conversion can treat the template's text as markup and the values
 * as text (neither mark byte is in a template: control characters are
 * refused there, and a value's are kept apart here).
 */
#define VAL_MARK	'\x01'
#define VAL_END		'\x02'

static void
render_v(const struct tpl_text *t, const struct contact *c,
    const struct company *co, struct strbuf *b, char ***vals, size_t *nv)
{
	char *v;
	size_t i;

	sb_add(b, "");
	for (i = 0; i < t->n; i++) {
		switch (t->v[i].kind) {
		case TPL_TEXT:
			sb_add(b, t->v[i].text);
			continue;
		case TPL_CONTACT:
			/* a company's own message: nobody's name */
			v = c ? field_format(&entity_contact, t->v[i].field,
			    c) : xstrdup("");
			break;
		case TPL_COMPANY:
			v = co ? field_format(&entity_company, t->v[i].field,
			    co) : xstrdup("");
			break;
		default:
			v = manager_name(c, co);
			break;
		}
		if (vals) {
			*vals = xrealloc(*vals, (*nv + 1) * sizeof(**vals));
			(*vals)[*nv] = v;
			sb_printf(b, "%c%zu%c", VAL_MARK, (*nv)++, VAL_END);
			continue;
		}
		sb_add(b, v);
		free(v);
	}
}

static void
render(const struct tpl_text *t, const struct contact *c,
    const struct company *co, struct strbuf *b)
{
	render_v(t, c, co, b, NULL, NULL);
}

static char *html_body(const struct tpl_text *, const struct contact *,
	    const struct company *, char **);

/* A subject is one line: a memo's line breaks (or tabs) become spaces. */
static void
one_line(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = ' ';
}

int
merge_render(struct db *db, struct merge *m, const struct contact *c,
    char **subject, char **body, struct so_err *err)
{
	const struct company *co = NULL;
	struct strbuf b = { 0 };
	int code;

	*subject = *body = NULL;
	if (m->need_company && (code = load_company(db, m, c, &co, err)) !=
	    SO_OK)
		return code;
	render(&m->subject, c, co, &b);
	*subject = sb_steal(&b);
	one_line(*subject);
	if (m->is_html) {
		*body = html_body(&m->body, c, co, NULL);
		return SO_OK;
	}
	render(&m->body, c, co, &b);
	*body = sb_steal(&b);
	return SO_OK;
}

/* ---- the HTML part ---- */

/* s[0..n) HTML-escaped; a line break inside a value is a <br>. */
static void
html_text(struct strbuf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '&': sb_add(b, "&amp;"); break;
		case '<': sb_add(b, "&lt;"); break;
		case '>': sb_add(b, "&gt;"); break;
		case '"': sb_add(b, "&quot;"); break;
		case '\'': sb_add(b, "&#39;"); break;
		case '\r': break;
		case '\n': sb_add(b, "<br>"); break;
		default: sb_addc(b, s[i]);
		}
}

/* Template text with marks: the marks' values escaped, the rest too. */
static void
html_run(struct strbuf *b, const char *s, size_t n, char **vals, size_t nv)
{
	const char *end = s + n, *m;
	size_t k;

	while (s < end) {
		m = memchr(s, VAL_MARK, (size_t)(end - s));
		if (m == NULL) {
			html_text(b, s, (size_t)(end - s));
			return;
		}
		html_text(b, s, (size_t)(m - s));
		k = strtoul(m + 1, NULL, 10);
		if (k < nv)
			html_text(b, vals[k], strlen(vals[k]));
		s = memchr(m, VAL_END, (size_t)(end - m));
		s = s ? s + 1 : end;
	}
}

/* A link's address: http, https or mailto, else none (no javascript:). */
static int
safe_url(const char *s, size_t n)
{
	return (n > 7 && strncasecmp(s, "http://", 7) == 0) ||
	    (n > 8 && strncasecmp(s, "https://", 8) == 0) ||
	    (n > 7 && strncasecmp(s, "mailto:", 7) == 0);
}

/* Whether a "**" follows in [s, end): a bold that is closed. */
static int
closes(const char *s, const char *end)
{
	for (; end - s >= 2; s++)
		if (s[0] == '*' && s[1] == '*')
			return 1;
	return 0;
}

/* One line's inline markup: **bold** and [text](url). */
static void
html_inline(struct strbuf *b, const char *s, size_t n, char **vals,
    size_t nv)
{
	const char *end = s + n, *p = s, *q, *r, *u;
	int bold = 0;

	while (p < end) {
		if (end - p >= 2 && p[0] == '*' && p[1] == '*' && (bold ||
		    closes(p + 2, end))) {
			html_run(b, s, (size_t)(p - s), vals, nv);
			sb_add(b, bold ? "</b>" : "<b>");
			bold = !bold;
			s = p = p + 2;
			continue;
		}
		if (*p == '[' && (q = memchr(p, ']', (size_t)(end - p))) &&
		    q + 1 < end && q[1] == '(' && (r = memchr(q, ')',
		    (size_t)(end - q))) && safe_url(q + 2, (size_t)(r - q -
		    2)) && memchr(q + 2, VAL_MARK, (size_t)(r - q - 2)) ==
		    NULL) {
			html_run(b, s, (size_t)(p - s), vals, nv);
			sb_add(b, "<a href=\"");
			for (u = q + 2; u < r; u++)
				html_text(b, u, 1);
			sb_add(b, "\">");
			html_run(b, p + 1, (size_t)(q - p - 1), vals, nv);
			sb_add(b, "</a>");
			s = p = r + 1;
			continue;
		}
		p++;
	}
	html_run(b, s, (size_t)(end - s), vals, nv);
	if (bold)
		sb_add(b, "</b>");
}

/* The list item a line starts ("- ", "* ", "1. "): its text's offset. */
static size_t
item_at(const char *s, size_t n, int *ordered)
{
	size_t i = 0;

	if (n >= 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ' &&
	    !(n >= 2 && s[0] == '*' && s[1] == '*')) {
		*ordered = 0;
		return 2;
	}
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 0 && i + 1 < n && s[i] == '.' && s[i + 1] == ' ') {
		*ordered = 1;
		return i + 2;
	}
	return 0;
}

/*
 * The Markdown-like subset as HTML: paragraphs split by blank lines
 * (a line break inside one is a <br>), lists of "- " or "1. " lines,
 * **bold**, [text](http://...).  The values are text, never markup.
 */
static char *
to_html(const char *md, char **vals, size_t nv)
{
	struct strbuf b = { 0 };
	const char *p = md, *nl;
	size_t n, off;
	int in_p = 0, list = -1, ordered = 0;

	sb_add(&b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
	    "</head><body>\n");
	while (*p) {
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		off = item_at(p, n, &ordered);
		if (n == 0 || strspn(p, " \t") == n || off > 0) {
			if (in_p)
				sb_add(&b, "</p>\n");
			in_p = 0;
		}
		if (list >= 0 && (off == 0 || ordered != list)) {
			sb_add(&b, list ? "</ol>\n" : "</ul>\n");
			list = -1;
		}
		if (off > 0) {
			if (list < 0)
				sb_add(&b, ordered ? "<ol>\n" : "<ul>\n");
			list = ordered;
			sb_add(&b, "<li>");
			html_inline(&b, p + off, n - off, vals, nv);
			sb_add(&b, "</li>\n");
		} else if (n > 0 && strspn(p, " \t") < n) {
			sb_add(&b, in_p ? "<br>\n" : "<p>");
			in_p = 1;
			html_inline(&b, p, n, vals, nv);
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	if (in_p)
		sb_add(&b, "</p>\n");
	if (list >= 0)
		sb_add(&b, list ? "</ol>\n" : "</ul>\n");
	sb_add(&b, "</body></html>\n");
	return sb_steal(&b);
}

int
merge_render_to(struct db *db, struct merge *m, const struct contact *c,
    const struct company *own, char **subject, char **body, char **html,
    struct so_err *err)
{
	const struct company *co = c ? NULL : own;
	struct strbuf b = { 0 };
	char **vals = NULL;
	size_t nv = 0, i;
	int code;

	*subject = *body = NULL;
	if (html)
		*html = NULL;
	if (c && m->need_company && (code = load_company(db, m, c, &co,
	    err)) != SO_OK)
		return code;
	render(&m->subject, c, co, &b);
	*subject = sb_steal(&b);
	one_line(*subject);
	if (m->is_html) {
		*body = html_body(&m->body, c, co, html);
		return SO_OK;
	}
	render(&m->body, c, co, &b);
	*body = sb_steal(&b);
	if (html) {
		render_v(&m->body, c, co, &b, &vals, &nv);
		*html = to_html(sb_str(&b), vals, nv);
		sb_free(&b);
		for (i = 0; i < nv; i++)
			free(vals[i]);
		free(vals);
	}
	return SO_OK;
}

char *
merge_contact_name(const struct contact *c)
{
	const char *first = c->first_name ? c->first_name : "";
	const char *last = c->last_name ? c->last_name : "";

	return xasprintf("%s%s%s", first, *first && *last ? " " : "", last);
}

/* ---- sendmail ---- */

/*
 * sendmail -t -i with the message on its stdin, through proc_run (base/
 * proc.h): without the group of a setgid salesorg, never through a
 * shell.  Its own words, when it fails, end the message.
 */
int
merge_sendmail(const char *path, const char *msg, size_t len,
    struct so_err *err)
{
	char *argv[] = { (char *)path, "-t", "-i", NULL };
	struct proc p = { .argv = argv, .input = msg, .input_len = len,
	    .out_max = 1024 };
	struct proc_result r;
	char *said;
	int code = SO_OK;

	if (proc_run(&p, &r) != 0)
		return so_err_set(err, SO_ERR, _("cannot start %s: %s"), path,
		    strerror(errno));
	/* its first line: cut before the sanitizer shows \n as ^J */
	sb_add(&r.out, "");
	r.out.s[strcspn(r.out.s, "\r\n")] = '\0';
	said = utf8_sanitize(r.out.s);
	if (r.exec_errno != 0)
		code = so_err_set(err, SO_ERR, _("cannot run %s: %s"), path,
		    strerror(r.exec_errno));
	else if (r.signal)
		code = so_err_set(err, SO_ERR, _("%s was killed by signal %d"),
		    path, r.signal);
	else if (r.status != 0 && *said)
		/* TRANSLATORS: the mailer, its exit status, what it said. */
		code = so_err_set(err, SO_ERR, _("%s exited with status %d: "
		    "%s"), path, r.status, said);
	else if (r.status != 0)
		code = so_err_set(err, SO_ERR, _("%s exited with status %d"),
		    path, r.status);
	else if (r.write_errno)
		code = so_err_set(err, SO_ERR, _("%s did not read the whole "
		    "message: %s"), path, strerror(r.write_errno));
	free(said);
	sb_free(&r.out);
	return code;
}

/* ---- the log ---- */

int
merge_event(struct db *db, const struct merge *m, const struct contact *c,
    const char *subject, const char *addr, struct event *ev,
    struct so_err *err)
{
	return merge_event_to(db, m, c, SO_NULL, subject, addr, ev, err);
}

int
merge_event_to(struct db *db, const struct merge *m, const struct contact *c,
    int64_t company_id, const char *subject, const char *addr,
    struct event *ev, struct so_err *err)
{
	static const char *const codes[] = { "email" };
	int64_t type;
	int code;

	store_event_init(ev);
	/* the program logs it: fields a person adds stay empty */
	ev->meta.by_program = 1;
	if ((code = store_lookup_ids(db, LOOKUP_EVENT_TYPES, codes, &type, 1,
	    err)) != SO_OK)
		return code;
	if (type == SO_NULL)
		return so_err_set(err, SO_EINVAL, "%s", _("there is no event "
		    "type \"email\" to log the messages with (see salesorg "
		    "config types)"));
	ev->type_id = type;
	ev->subject = xstrdup(subject);
	ev->start_at = db_now(db);
	free(ev->status);
	ev->status = xstrdup("done");
	ev->contact_id = c ? c->meta.id : SO_NULL;
	ev->company_id = c ? c->company_id : company_id;
	/* Stored, so in the language of the database, not of the one
	 * who sent it (not translated). */
	ev->description = xasprintf("Mail merge \"%s\" to %s", m->name, addr);
	return rec_validate(db, &entity_event, ev, err);
}

/* ---- a body that is HTML ---- */

/* Whether s (n bytes) starts with tag name, any case, then a space,
 * '>' or '/'. */
static int
tag_is(const char *s, size_t n, const char *name)
{
	size_t k = strlen(name);

	return n > k && strncasecmp(s, name, k) == 0 &&
	    strchr(" \t\r\n>/", s[k]) != NULL;
}

int
merge_body_is_html(const char *body)
{
	static const char *const tags[] = { "html", "body", "p", "div",
	    "br", "table", NULL };
	const char *p = body + strspn(body, " \t\r\n");
	size_t i;

	if (*p != '<')
		return 0;
	if (strncasecmp(p, "<!doctype html", 14) == 0)
		return 1;
	for (; (p = strchr(p, '<')) != NULL; p++)
		for (i = 0; tags[i]; i++)
			if (tag_is(p + 1, strlen(p + 1), tags[i]))
				return 1;
	return 0;
}

/* The template's HTML as it is, the values (at their marks) escaped. */
static char *
fill_html(const char *s, char **vals, size_t nv)
{
	struct strbuf b = { 0 };
	const char *m;
	size_t k;

	sb_add(&b, "");
	while ((m = strchr(s, VAL_MARK)) != NULL) {
		sb_addn(&b, s, (size_t)(m - s));
		k = strtoul(m + 1, NULL, 10);
		if (k < nv)
			html_text(&b, vals[k], strlen(vals[k]));
		s = strchr(m, VAL_END);
		s = s ? s + 1 : m + strlen(m);
	}
	sb_add(&b, s);
	return sb_steal(&b);
}

/* The entities a letter is likely to hold; the others stay as typed. */
static const struct {
	const char	*name;
	unsigned	 cp;
} html_entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
	{ "apos", '\'' }, { "nbsp", ' ' }, { "laquo", 0xab },
	{ "raquo", 0xbb }, { "mdash", 0x2014 }, { "ndash", 0x2013 },
	{ "hellip", 0x2026 }, { "copy", 0xa9 }, { "reg", 0xae },
	{ "trade", 0x2122 }, { "euro", 0x20ac }, { "bull", 0x2022 },
	{ "deg", 0xb0 }, { "times", 0xd7 }, { "rarr", 0x2192 },
	{ "larr", 0x2190 }, { "ldquo", 0x201c }, { "rdquo", 0x201d },
	{ "bdquo", 0x201e }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 },
	{ "shy", 0 },
};

/* Appends code point cp as UTF-8 (none for 0, a surrogate or too big). */
static void
put_cp(struct strbuf *b, unsigned long cp)
{
	char u[4];

	if (cp == 0 || (cp >= 0xd800 && cp < 0xe000) || cp > 0x10ffff)
		return;
	if (cp < 0x80) {
		sb_addc(b, (char)cp);
		return;
	}
	if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		sb_addn(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		sb_addn(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		sb_addn(b, u, 4);
	}
}

/* The entity at s ('&'): decoded into b; its length, or 0 when s is not
 * one we know (the '&' is then text). */
static size_t
entity(struct strbuf *b, const char *s)
{
	const char *semi = strchr(s, ';');
	unsigned long cp;
	size_t n, i;
	char *end;

	if (semi == NULL || (n = (size_t)(semi - s)) < 2 || n > 10)
		return 0;
	if (s[1] == '#') {
		cp = s[2] == 'x' || s[2] == 'X' ? strtoul(s + 3, &end, 16) :
		    strtoul(s + 2, &end, 10);
		if (end != semi)
			return 0;
		put_cp(b, cp == 0xa0 ? ' ' : cp);
		return n + 1;
	}
	for (i = 0; i < sizeof(html_entities) / sizeof(html_entities[0]); i++)
		if (strlen(html_entities[i].name) == n - 1 &&
		    strncmp(s + 1, html_entities[i].name, n - 1) == 0) {
			put_cp(b, html_entities[i].cp);
			return n + 1;
		}
	return 0;
}

/* Ends the text's line with at most nl line breaks in a row (1: a new
 * line, 2: a blank line between paragraphs); none at its start. */
static void
breaks(struct strbuf *b, int nl)
{
	int have = 0;

	while (b->len > 0 && b->s[b->len - 1] == ' ')
		b->s[--b->len] = '\0';
	while (have < (int)b->len && b->s[b->len - 1 - have] == '\n')
		have++;
	if (b->len == 0)
		return;
	for (; have < nl; have++)
		sb_addc(b, '\n');
}

char *
merge_html_text(const char *html)
{
	static const char *const para[] = { "p", "div", "h1", "h2", "h3",
	    "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "pre",
	    "hr", "address", "section", "article", "header", "footer",
	    NULL };
	static const char *const hidden[] = { "head", "style", "script",
	    "title", NULL };
	struct strbuf b = { 0 };
	const char *p = html, *gt, *name;
	size_t n, i;
	int close;

	sb_add(&b, "");
	while (*p) {
		if (strncmp(p, "<!--", 4) == 0) {
			gt = strstr(p + 4, "-->");
			p = gt ? gt + 3 : p + strlen(p);
			continue;
		}
		if (*p == '<' && (gt = strchr(p, '>')) != NULL) {
			close = p[1] == '/';
			name = p + 1 + close;
			n = (size_t)(gt - name) + 1;
			p = gt + 1;
			for (i = 0; hidden[i] && !close; i++)
				if (tag_is(name, n, hidden[i]))
					break;
			if (!close && hidden[i]) {
				/* nothing to read: on to its end tag */
				for (gt = p; (gt = strchr(gt, '<')) != NULL &&
				    !(gt[1] == '/' && tag_is(gt + 2,
				    strlen(gt + 2), hidden[i])); gt++)
					;
				p = gt ? gt : p + strlen(p);
			} else if (tag_is(name, n, "br")) {
				while (b.len > 0 && b.s[b.len - 1] == ' ')
					b.s[--b.len] = '\0';
				if (b.len > 0)
					sb_addc(&b, '\n');
			} else if (tag_is(name, n, "li") && !close) {
				breaks(&b, 1);
				sb_add(&b, "- ");
			} else if (tag_is(name, n, "tr") ||
			    (tag_is(name, n, "li") && close))
				breaks(&b, 1);
			else if ((tag_is(name, n, "td") ||
			    tag_is(name, n, "th")) && !close && b.len &&
			    b.s[b.len - 1] != '\n')
				sb_addc(&b, '\t');
			else
				for (i = 0; para[i]; i++)
					if (tag_is(name, n, para[i]))
						breaks(&b, 2);
			continue;
		}
		if (*p == '&' && (n = entity(&b, p)) > 0) {
			p += n;
			continue;
		}
		/* white space runs are one space, as a browser shows them */
		if (strchr(" \t\r\n", *p)) {
			p += strspn(p, " \t\r\n");
			if (b.len && !strchr(" \n\t", b.s[b.len - 1]))
				sb_addc(&b, ' ');
			continue;
		}
		sb_addc(&b, *p++);
	}
	breaks(&b, 1);
	while (b.len > 1 && b.s[b.len - 2] == '\n')
		b.s[--b.len] = '\0';
	return sb_steal(&b);
}

/* The body's text (derived from the filled HTML) and, when html is not
 * NULL, the filled HTML itself. */
static char *
html_body(const struct tpl_text *t, const struct contact *c,
    const struct company *co, char **html)
{
	struct strbuf b = { 0 };
	char **vals = NULL, *h, *text;
	size_t nv = 0, i;

	render_v(t, c, co, &b, &vals, &nv);
	h = fill_html(sb_str(&b), vals, nv);
	sb_free(&b);
	for (i = 0; i < nv; i++)
		free(vals[i]);
	free(vals);
	text = merge_html_text(h);
	if (html)
		*html = h;
	else
		free(h);
	return text;
}
