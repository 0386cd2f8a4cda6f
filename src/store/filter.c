/*
 * The filter language (see include/store/filter.h): a recursive-descent
 * parser that writes SQL as it goes.
 *
 *	expr	= group { ("OR" | "ИЛИ") group }
 *	group	= unary { [ "AND" | "И" ] unary }	(AND)
 *	unary	= [ "-" | "NOT" | "НЕ" ] primary
 *	primary	= "(" expr ")" | QUOTED | FIELD OP VALUE | WORD
 *
 * Every value the user typed becomes a bound parameter (?10, ?11, ...);
 * the SQL string holds only column names from the descriptors and
 * operators.  Values are parsed by the field's type while compiling, so
 * "due<31.02" or a bad pattern is an error with a position before
 * anything runs.  A negated term is NOT coalesce(term, 0): a NULL
 * (an empty reference, a missing custom value) counts as "not matching",
 * so -manager:ivanova keeps the unassigned rows.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "store/custom.h"
#include "store/filter.h"
#include "store/regex.h"

/* '(' inside each other, at most (see parse_primary). */
#define MAX_DEPTH	8

enum ptype { P_TEXT, P_INT };

struct param {
	enum ptype	 type;
	char		*s;
	int64_t		 i;
};

struct filter {
	char		*text;
	char		*sql;
	struct param	*params;
	size_t		 np, cap;
};

enum op { OP_HAS, OP_EQ, OP_RE, OP_LT, OP_LE, OP_GT, OP_GE };

static const char *const op_names[] = { ":", "=", "~", "<", "<=", ">", ">=" };
static const char *const op_sql[] = { "", "=", "", "<", "<=", ">", ">=" };

/* A field a term names: a descriptor's, a pseudo-field or a custom one. */
struct fref {
	const struct field_desc *fd;	/* NULL for pseudo and for custom
					   ones not (yet) in the descriptors */
	enum field_type	 type;
	const char	*name;		/* for messages */
	const char	*column;	/* "t.city"; NULL for custom */
	int64_t		 custom_id;	/* custom_fields.id, or 0 */
	char		 cname[64];
};

struct parser {
	struct db	*db;
	const struct entity *ent;
	time_t		 now;
	const char	*s;
	size_t		 i;
	struct filter	*f;
	struct so_err	*err;
	size_t		 errpos;
	int		 failed;
	int		 depth;		/* of '(' open at i */
};

static int
fail(struct parser *p, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(struct parser *p, size_t pos, const char *fmt, ...)
{
	char msg[sizeof(p->err->msg)];
	va_list ap;

	if (p->failed)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	so_err_set(p->err, SO_EINVAL, _("filter: %s"), msg);
	p->errpos = pos;
	p->failed = 1;
	return -1;
}

/* Adds a parameter; returns its number for the SQL. */
static int
add_text(struct parser *p, const char *s)
{
	struct filter *f = p->f;

	if (f->np == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->params = xrealloc(f->params, f->cap * sizeof(*f->params));
	}
	f->params[f->np].type = P_TEXT;
	f->params[f->np].s = xstrdup(s);
	f->params[f->np].i = 0;
	return FILTER_BASE + (int)f->np++;
}

static int
add_int(struct parser *p, int64_t v)
{
	int n = add_text(p, "");

	p->f->params[p->f->np - 1].type = P_INT;
	p->f->params[p->f->np - 1].i = v;
	return n;
}

/* ---- lexing ---- */

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
is_opchar(char c)
{
	return c == ':' || c == '=' || c == '~' || c == '<' || c == '>';
}

static void
skip_ws(struct parser *p)
{
	while (is_ws(p->s[p->i]))
		p->i++;
}

/*
 * The length of the operator word at p->i, one of words (written in
 * capitals, as a person types an operator, so "или" and "and" in text
 * stay words to look for), followed by a blank, a parenthesis or the
 * end; 0 when there is none.
 */
static size_t
at_word(struct parser *p, const char *const *words)
{
	const char *s = p->s + p->i;
	size_t n;

	for (; *words; words++) {
		n = strlen(*words);
		if (strncmp(s, *words, n) == 0 && (s[n] == '\0' ||
		    is_ws(s[n]) || s[n] == '(' || s[n] == ')'))
			return n;
	}
	return 0;
}

static const char *const or_words[] = { "OR", "ИЛИ", NULL };
static const char *const and_words[] = { "AND", "И", NULL };
static const char *const not_words[] = { "NOT", "НЕ", NULL };

/* The length of OR (ИЛИ) at p->i, or 0. */
static size_t
at_or(struct parser *p)
{
	return at_word(p, or_words);
}

/* A quoted string at p->i (on the quote); *out gets its value. */
static int
read_quoted(struct parser *p, char **out)
{
	struct strbuf b = { 0 };
	size_t start = p->i++;

	sb_add(&b, "");
	for (;;) {
		char c = p->s[p->i];

		if (c == '\0') {
			sb_free(&b);
			return fail(p, start, _("unterminated quote"));
		}
		p->i++;
		if (c == '"')
			break;
		if (c == '\\' && (p->s[p->i] == '"' || p->s[p->i] == '\\'))
			c = p->s[p->i++];
		sb_addc(&b, c);
	}
	*out = sb_steal(&b);
	return 0;
}

/*
 * An unquoted value: up to white space, or up to a ')' that closes a
 * group rather than one opened inside the value, so both
 * (city:казань) and name~(a|b)c read as meant.
 */
static char *
read_bare(struct parser *p)
{
	size_t start = p->i;
	int depth = 0;

	for (; p->s[p->i] && !is_ws(p->s[p->i]); p->i++) {
		if (p->s[p->i] == '\\' && p->s[p->i + 1])
			p->i++;
		else if (p->s[p->i] == '(')
			depth++;
		else if (p->s[p->i] == ')' && depth-- == 0)
			break;
	}
	return xstrndup(p->s + start, p->i - start);
}

/* ---- fields ---- */

/*
 * A custom field of the database that the descriptors lack: one another
 * process added after this one loaded them.  Its type is all we know.
 */
static int
custom_field(struct parser *p, const char *name, struct fref *fr)
{
	static const struct { const char *t; enum field_type ft; } types[] = {
		{ "text", FT_TEXT }, { "choice", FT_TEXT }, { "int", FT_INT },
		{ "money", FT_MONEY }, { "date", FT_DATE }, { "bool", FT_BOOL },
	};
	sqlite3_stmt *st;
	const char *t;
	size_t k;
	int found = 0;

	if (db_prepare(p->db, "SELECT id, type, name FROM custom_fields "
	    "WHERE entity = ?1 AND so_fold(name) = so_fold(?2)", &st,
	    NULL) != SO_OK)
		return 0;
	sqlite3_bind_text(st, 1, p->ent->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		found = 1;
		fr->custom_id = sqlite3_column_int64(st, 0);
		t = (const char *)sqlite3_column_text(st, 1);
		fr->type = FT_TEXT;
		for (k = 0; t && k < sizeof(types) / sizeof(types[0]); k++)
			if (strcmp(t, types[k].t) == 0)
				fr->type = types[k].ft;
		snprintf(fr->cname, sizeof(fr->cname), "%s",
		    (const char *)sqlite3_column_text(st, 2));
		fr->name = fr->cname;
	}
	db_done(st);
	return found;
}

static int
resolve(struct parser *p, const char *name, size_t pos, struct fref *fr)
{
	struct strbuf b = { 0 };
	int i;

	memset(fr, 0, sizeof(*fr));
	if ((i = entity_field_named(p->ent, name)) >= 0) {
		fr->fd = &p->ent->fields[i];
		fr->type = fr->fd->type;
		fr->name = fr->fd->name;
		if (fr->fd->flags & F_CUSTOM) {
			fr->custom_id = custom_field_id(p->ent, fr->fd);
			return 0;
		}
		snprintf(fr->cname, sizeof(fr->cname), "t.%s", fr->fd->name);
		fr->column = fr->cname;
		return 0;
	}
	/* pseudo-fields every card file has */
	if (strcasecmp(name, "id") == 0) {
		fr->type = FT_INT, fr->name = "id", fr->column = "t.id";
		return 0;
	}
	if (strcasecmp(name, "created") == 0 ||
	    strcasecmp(name, "created_at") == 0) {
		fr->type = FT_MOMENT, fr->name = "created";
		fr->column = "t.created_at";
		return 0;
	}
	if (strcasecmp(name, "updated") == 0 ||
	    strcasecmp(name, "updated_at") == 0) {
		fr->type = FT_MOMENT, fr->name = "updated";
		fr->column = "t.updated_at";
		return 0;
	}
	if (custom_field(p, name, fr))
		return 0;
	/* as they are typed: manager, not the column manager_id */
	for (i = 0; i < p->ent->nfields; i++) {
		const char *n = p->ent->fields[i].name;
		size_t len = strlen(n);

		if (p->ent->fields[i].flags & F_HIDDEN)
			continue;
		if (p->ent->fields[i].type == FT_REF && len > 3 &&
		    strcmp(n + len - 3, "_id") == 0)
			len -= 3;
		sb_printf(&b, "%s%.*s", b.len ? ", " : "", (int)len, n);
	}
	fail(p, pos, _("unknown field '%s' of %s (fields: %s, id, created, "
	    "updated); quote text that has a colon in it"), name,
	    entity_plural(p->ent), sb_str(&b));
	sb_free(&b);
	return -1;
}

/* The column expression of fr (custom fields take a parameter). */
static void
column(struct parser *p, const struct fref *fr, struct strbuf *sql)
{
	if (fr->column) {
		sb_add(sql, fr->column);
		return;
	}
	sb_printf(sql, "(SELECT v.value FROM custom_values v WHERE "
	    "v.field_id = ?%d AND v.record_id = t.id)",
	    add_int(p, fr->custom_id));
}

static int
is_textual(enum field_type t)
{
	return t == FT_TEXT || t == FT_MEMO || t == FT_PHONE ||
	    t == FT_EMAIL || t == FT_URL;
}

/* Checks a pattern now, so its error points into the filter. */
static int
check_pattern(struct parser *p, const char *pat, size_t vpos, int quoted)
{
	struct so_regex *re;
	char msg[256];
	size_t off;

	if ((re = regex_compile(pat, &off, msg, sizeof(msg))) == NULL)
		return fail(p, vpos + (quoted ? 1 : 0) + off,
		    _("bad regular expression: %s"), msg);
	regex_free(re);
	return 0;
}

/* ---- terms by type ---- */

/* < <= > >= on a field that is not a date or a number. */
static int
not_ordered(struct parser *p, const struct fref *fr, enum op op,
    size_t oppos, const char *kind)
{
	return fail(p, oppos, _("'%s' compares dates and numbers; %s is %s "
	    "(use : = or ~)"), op_names[op], fr->name, kind);
}

/* fr holds no value: '' (or, for a custom field, no row). */
static void
is_empty(struct parser *p, const struct fref *fr, struct strbuf *sql)
{
	sb_add(sql, "coalesce(");
	column(p, fr, sql);
	sb_add(sql, ", '') = ''");
}

/* fr matches the pattern val (checked now); cast: a number as its text. */
static int
matches(struct parser *p, const struct fref *fr, const char *val,
    size_t vpos, int quoted, int cast, struct strbuf *sql)
{
	if (check_pattern(p, val, vpos, quoted) < 0)
		return -1;
	sb_printf(sql, "regexp(?%d, %s", add_text(p, val), cast ? "CAST(" :
	    "");
	column(p, fr, sql);
	sb_add(sql, cast ? " AS TEXT))" : ")");
	return 0;
}

static int
term_text(struct parser *p, const struct fref *fr, enum op op,
    const char *val, size_t vpos, int quoted, size_t oppos,
    struct strbuf *sql)
{
	char *folded;

	if (*val == '\0' && (op == OP_HAS || op == OP_EQ)) {
		is_empty(p, fr, sql);
		return 0;
	}
	switch (op) {
	case OP_HAS:
		sb_printf(sql, "so_match(?%d, ", add_text(p, val));
		column(p, fr, sql);
		sb_add(sql, ")");
		return 0;
	case OP_EQ:
		folded = utf8_fold(val);
		sb_add(sql, "so_fold(");
		column(p, fr, sql);
		sb_printf(sql, ") = ?%d", add_text(p, folded));
		free(folded);
		return 0;
	case OP_RE:
		return matches(p, fr, val, vpos, quoted, 0, sql);
	default:
		return not_ordered(p, fr, op, oppos, _("text"));
	}
}

/* A choice: the codes whose code or label the value selects. */
/* text (a choice's code or label) is what op and the value select. */
static int
choice_hit(enum op op, const char *fv, struct so_regex *re, const char *text)
{
	char *ft, msg[256];
	int hit;

	if (op == OP_RE)
		return regex_match(re, text, strlen(text), msg,
		    sizeof(msg)) == 1;
	ft = utf8_fold(text);
	hit = op == OP_HAS ? strstr(ft, fv) != NULL : strcmp(ft, fv) == 0;
	free(ft);
	return hit;
}

/* A choice: by its code or its label in English or Russian (the
 * messages' language is one of them). */
static int
term_choice(struct parser *p, const struct fref *fr, enum op op,
    const char *val, size_t vpos, int quoted, size_t oppos,
    struct strbuf *sql)
{
	const struct choice *c;
	struct strbuf all = { 0 }, in = { 0 };
	struct so_regex *re = NULL;
	char *fv, msg[256];
	size_t off;

	if (op != OP_HAS && op != OP_EQ && op != OP_RE)
		return not_ordered(p, fr, op, oppos, _("a choice"));
	if (*val == '\0' && fr->column) {
		sb_printf(sql, "%s = ''", fr->column);
		return 0;
	}
	if (*val == '\0') {		/* a custom one: no row, no value */
		is_empty(p, fr, sql);
		return 0;
	}
	if (op == OP_RE && (re = regex_compile(val, &off, msg,
	    sizeof(msg))) == NULL)
		return fail(p, vpos + (quoted ? 1 : 0) + off,
		    _("bad regular expression: %s"), msg);
	fv = utf8_fold(val);
	for (c = fr->fd->choices; c->code; c++) {
		if (choice_hit(op, fv, re, c->code) ||
		    choice_hit(op, fv, re, c->label) ||
		    choice_hit(op, fv, re, choice_label_ru(p->ent, c)))
			sb_printf(&in, "%s?%d", in.len ? ", " : "",
			    add_text(p, c->code));
		sb_printf(&all, "%s%s", all.len ? ", " : "", c->code);
	}
	free(fv);
	regex_free(re);
	if (in.len == 0)
		fail(p, vpos, _("no %s is like '%s' (%s)"), fr->name, val,
		    sb_str(&all));
	else {
		column(p, fr, sql);
		sb_printf(sql, " IN (%s)", sb_str(&in));
	}
	sb_free(&all);
	sb_free(&in);
	return p->failed ? -1 : 0;
}

/* A reference: the ids of the referenced rows the value selects. */
static int
term_ref(struct parser *p, const struct fref *fr, enum op op,
    const char *val, size_t vpos, int quoted, size_t oppos,
    struct strbuf *sql)
{
	const struct field_desc *fd = fr->fd;
	/* people say "manager:petrov" by login as often as by name */
	int users = strcmp(fd->ref_table, "users") == 0;
	const char *v;
	char *folded;
	int n;

	if (op != OP_HAS && op != OP_EQ && op != OP_RE)
		return not_ordered(p, fr, op, oppos, _("a reference"));
	if (*val == '\0') {
		sb_printf(sql, "%s IS NULL", fr->column);
		return 0;
	}
	for (v = val; isdigit((unsigned char)*v); v++)
		;
	if (op == OP_EQ && *v == '\0' && v - val < 19) {
		sb_printf(sql, "%s = ?%d", fr->column,
		    add_int(p, strtoll(val, NULL, 10)));
		return 0;
	}
	sb_printf(sql, "%s IN (SELECT r.id FROM %s r WHERE ", fr->column,
	    fd->ref_table);
	switch (op) {
	case OP_HAS:
		n = add_text(p, val);
		sb_printf(sql, "so_match(?%d, %s%s)", n, fd->ref_label,
		    users ? ", r.login" : "");
		break;
	case OP_EQ:
		folded = utf8_fold(val);
		n = add_text(p, folded);
		free(folded);
		sb_printf(sql, "so_fold(%s) = ?%d", fd->ref_label, n);
		if (users)
			sb_printf(sql, " OR so_fold(r.login) = ?%d", n);
		break;
	default:
		if (check_pattern(p, val, vpos, quoted) < 0)
			return -1;
		n = add_text(p, val);
		sb_printf(sql, "regexp(?%d, %s)", n, fd->ref_label);
		if (users)
			sb_printf(sql, " OR regexp(?%d, r.login)", n);
	}
	sb_add(sql, ")");
	return 0;
}

/* "YYYY-MM-DD" text columns: calendar order is string order. */
static int
term_date(struct parser *p, const struct fref *fr, enum op op,
    const char *val, size_t vpos, int quoted, struct strbuf *sql)
{
	char day[11], msg[128];

	if (op == OP_RE) {
		return matches(p, fr, val, vpos, quoted, 0, sql);
	}
	if (*val == '\0' && (op == OP_HAS || op == OP_EQ)) {
		is_empty(p, fr, sql);
		return 0;
	}
	if (dt_parse_date(val, p->now, day, msg, sizeof(msg)) != 0)
		return fail(p, vpos, _("%s: '%s' is not a date: %s"), fr->name,
		    val, msg);
	sb_add(sql, "(");
	column(p, fr, sql);
	sb_add(sql, " <> '' AND ");
	column(p, fr, sql);
	sb_printf(sql, " %s ?%d)", op == OP_HAS ? "=" : op_sql[op],
	    add_text(p, day));
	return 0;
}

/*
 * Moments: a bare day is the whole day (due=today, due<=fri includes
 * Friday), a day with a time its minute.
 */
static int
term_moment(struct parser *p, const struct fref *fr, enum op op,
    const char *val, size_t vpos, size_t oppos, struct strbuf *sql)
{
	char day[11], msg[128];
	time_t lo, hi;

	if (op == OP_RE)
		return fail(p, oppos, _("%s is a date and time: compare it "
		    "with = < <= > >="), fr->name);
	if (*val == '\0' && (op == OP_HAS || op == OP_EQ)) {
		sb_printf(sql, "%s IS NULL", fr->column);
		return 0;
	}
	if (dt_parse_date(val, p->now, day, msg, sizeof(msg)) == 0 &&
	    dt_parse_moment(day, p->now, &lo, msg, sizeof(msg)) == 0) {
		/* the next midnight, whatever the day's length (DST) */
		hi = dt_day_start(lo + 36 * 3600);
	} else if (dt_parse_moment(val, p->now, &lo, msg, sizeof(msg)) == 0) {
		hi = lo + 60;
	} else
		return fail(p, vpos, _("%s: '%s' is not a date: %s"), fr->name,
		    val, msg);
	switch (op) {
	case OP_LT:
		sb_printf(sql, "%s < ?%d", fr->column, add_int(p, lo));
		break;
	case OP_LE:
		sb_printf(sql, "%s < ?%d", fr->column, add_int(p, hi));
		break;
	case OP_GT:
		sb_printf(sql, "%s >= ?%d", fr->column, add_int(p, hi));
		break;
	case OP_GE:
		sb_printf(sql, "%s >= ?%d", fr->column, add_int(p, lo));
		break;
	default:
		sb_printf(sql, "(%s >= ?%d AND ", fr->column, add_int(p, lo));
		sb_printf(sql, "%s < ?%d)", fr->column, add_int(p, hi));
	}
	return 0;
}

static int
parse_bool(const char *v, int64_t *out)
{
	static const char *const yes[] = { "yes", "true", "1", "y", "да",
	    "д", NULL }, *const no[] = { "no", "false", "0", "n", "нет",
	    "н", NULL };
	char *f = utf8_fold(v);
	int i, ok = 0;

	for (i = 0; yes[i]; i++)
		if (strcmp(f, yes[i]) == 0)
			*out = 1, ok = 1;
	for (i = 0; no[i]; i++)
		if (strcmp(f, no[i]) == 0)
			*out = 0, ok = 1;
	free(f);
	return ok;
}

/* Integers, money (minor units), yes/no. */
static int
term_number(struct parser *p, const struct fref *fr, enum op op,
    const char *val, size_t vpos, int quoted, size_t oppos,
    struct strbuf *sql)
{
	int64_t v;
	char *end;
	int custom = fr->column == NULL;

	if (op == OP_RE) {
		if (fr->type == FT_BOOL)
			return fail(p, oppos, _("%s is yes or no: use ="),
			    fr->name);
		return matches(p, fr, val, vpos, quoted, 1, sql);
	}
	if (*val == '\0' && (op == OP_HAS || op == OP_EQ)) {
		column(p, fr, sql);
		sb_add(sql, " IS NULL");
		return 0;
	}
	if (fr->type == FT_BOOL) {
		if (op != OP_HAS && op != OP_EQ)
			return fail(p, oppos, _("%s is yes or no: use ="),
			    fr->name);
		if (!parse_bool(val, &v))
			return fail(p, vpos, _("%s: '%s' is not yes or no"),
			    fr->name, val);
	} else if (fr->type == FT_MONEY) {
		if (money_parse(val, &v) != 0)
			return fail(p, vpos, _("%s: '%s' is not an amount "
			    "(1234.50)"), fr->name, val);
	} else {
		errno = 0;
		v = strtoll(val, &end, 10);
		if (errno || end == val || *end)
			return fail(p, vpos, _("%s: '%s' is not a whole "
			    "number"), fr->name, val);
	}
	/* custom values are text; a custom "no" has no row */
	if (custom)
		sb_add(sql, fr->type == FT_BOOL ? "coalesce(CAST(" : "CAST(");
	column(p, fr, sql);
	sb_printf(sql, "%s %s ?%d", !custom ? "" : fr->type == FT_BOOL ?
	    " AS INTEGER), 0)" : " AS INTEGER)", op == OP_HAS ? "=" :
	    op_sql[op], add_int(p, v));
	return 0;
}

/* A bare word or phrase: any text field of the record contains it. */
static void
term_word(struct parser *p, const char *word, struct strbuf *sql)
{
	const struct field_desc *fd;
	int i, any = 0;

	sb_printf(sql, "so_match(?%d", add_text(p, word));
	for (i = 0; i < p->ent->nfields; i++) {
		fd = &p->ent->fields[i];
		/* custom fields are looked in only by name: a subquery
		 * each per row is too dear for every bare word */
		if (is_textual(fd->type) &&
		    !(fd->flags & (F_HIDDEN | F_CUSTOM))) {
			sb_printf(sql, ", t.%s", fd->name);
			any = 1;
		}
	}
	if (!any)
		sb_printf(sql, ", %s", p->ent->title_sql);
	sb_add(sql, ")");
}

/*
 * program:NAME on contacts and companies: the members of the programs
 * NAME selects (by name as a reference is: contains, = for the whole
 * name or the id, ~ a pattern).  A company is a member when it is one
 * or one of its contacts is.  "program:" alone: a member of none.
 */
#define MEMBERS_OF(ent)							\
	(strcmp((ent)->table, "contacts") == 0 ?			\
	"SELECT m.contact_id FROM program_members m WHERE "		\
	"m.deleted_at IS NULL" :					\
	"SELECT coalesce(m.company_id, k.company_id) FROM "		\
	"program_members m LEFT JOIN contacts k ON k.id = m.contact_id "\
	"WHERE m.deleted_at IS NULL")

static int
is_program_term(const struct parser *p, const char *name)
{
	return (strcasecmp(name, "program") == 0 ||
	    strcmp(name, "программа") == 0) &&
	    entity_field_named(p->ent, name) < 0 &&
	    (strcmp(p->ent->table, "contacts") == 0 ||
	    strcmp(p->ent->table, "companies") == 0);
}

static int
term_program(struct parser *p, enum op op, const char *val, size_t vpos,
    int quoted, size_t oppos, struct strbuf *sql)
{
	const char *v;
	char *folded;
	int n;
	struct fref fr = { .name = "program" };

	if (op != OP_HAS && op != OP_EQ && op != OP_RE)
		return not_ordered(p, &fr, op, oppos, _("a reference"));
	if (*val == '\0') {
		sb_printf(sql, "t.id NOT IN (%s AND m.program_id IS NOT NULL "
		    "AND coalesce(m.contact_id, m.company_id) IS NOT NULL)",
		    MEMBERS_OF(p->ent));
		return 0;
	}
	sb_printf(sql, "t.id IN (%s AND m.program_id IN (SELECT r.id FROM "
	    "programs r WHERE r.deleted_at IS NULL AND ", MEMBERS_OF(p->ent));
	for (v = val; isdigit((unsigned char)*v); v++)
		;
	if (op == OP_EQ && *v == '\0' && v - val < 19)
		sb_printf(sql, "r.id = ?%d", add_int(p, strtoll(val, NULL,
		    10)));
	else if (op == OP_HAS)
		sb_printf(sql, "so_match(?%d, r.name)", add_text(p, val));
	else if (op == OP_EQ) {
		folded = utf8_fold(val);
		n = add_text(p, folded);
		free(folded);
		sb_printf(sql, "so_fold(r.name) = ?%d", n);
	} else {
		if (check_pattern(p, val, vpos, quoted) < 0)
			return -1;
		sb_printf(sql, "regexp(?%d, r.name)", add_text(p, val));
	}
	sb_add(sql, "))");
	return 0;
}

static int
term_field(struct parser *p, const char *name, size_t npos, enum op op,
    size_t oppos, const char *val, size_t vpos, int quoted,
    struct strbuf *sql)
{
	struct fref fr;

	if (is_program_term(p, name))
		return term_program(p, op, val, vpos, quoted, oppos, sql);
	if (resolve(p, name, npos, &fr) < 0)
		return -1;
	if (fr.fd && fr.type == FT_CHOICE)
		return term_choice(p, &fr, op, val, vpos, quoted, oppos, sql);
	if (fr.fd && fr.type == FT_REF)
		return term_ref(p, &fr, op, val, vpos, quoted, oppos, sql);
	if (is_textual(fr.type) || fr.type == FT_CHOICE)
		return term_text(p, &fr, op, val, vpos, quoted, oppos, sql);
	if (fr.type == FT_DATE)
		return term_date(p, &fr, op, val, vpos, quoted, sql);
	if (fr.type == FT_MOMENT)
		return term_moment(p, &fr, op, val, vpos, oppos, sql);
	return term_number(p, &fr, op, val, vpos, quoted, oppos, sql);
}

/* ---- the grammar ---- */

static int parse_expr(struct parser *, struct strbuf *);

static int
parse_primary(struct parser *p, struct strbuf *sql)
{
	size_t start = p->i, npos, oppos, vpos;
	char *name, *val = NULL;
	enum op op;
	int quoted, rc;

	if (p->s[p->i] == '(') {
		/* The parser recurses for each '(', and SQLite's parser
		 * has a stack of its own: a '(' here is up to four in the
		 * SQL, and past 13 of them a list's count no longer
		 * prepares.  8 leaves room for the queries that embed a
		 * filter deeper. */
		if (++p->depth > MAX_DEPTH)
			return fail(p, start, _("more than %d '(' inside each "
			    "other"), MAX_DEPTH);
		p->i++;
		sb_add(sql, "(");
		if (parse_expr(p, sql) < 0)
			return -1;
		skip_ws(p);
		if (p->s[p->i] != ')')
			return fail(p, start, _("this '(' is not closed"));
		p->i++;
		p->depth--;
		sb_add(sql, ")");
		return 0;
	}
	if (p->s[p->i] == '"') {
		if (read_quoted(p, &val) < 0)
			return -1;
		term_word(p, val, sql);
		free(val);
		return 0;
	}
	npos = p->i;
	while (p->s[p->i] && !is_ws(p->s[p->i]) && !is_opchar(p->s[p->i]) &&
	    p->s[p->i] != '(' && p->s[p->i] != ')' && p->s[p->i] != '"')
		p->i++;
	if (!is_opchar(p->s[p->i])) {
		/* a bare word runs to white space or a closing ')' */
		p->i = npos;
		val = read_bare(p);
		if (*val == '\0') {
			free(val);
			return fail(p, p->i, _("unexpected '%c'"), p->s[p->i]);
		}
		term_word(p, val, sql);
		free(val);
		return 0;
	}
	if (p->i == npos)
		return fail(p, npos, _("a field name must come before '%c'"),
		    p->s[p->i]);
	name = xstrndup(p->s + npos, p->i - npos);
	oppos = p->i;
	switch (p->s[p->i++]) {
	case ':':
		op = OP_HAS;
		break;
	case '=':
		op = OP_EQ;
		break;
	case '~':
		op = OP_RE;
		break;
	case '<':
		op = p->s[p->i] == '=' ? (p->i++, OP_LE) : OP_LT;
		break;
	default:
		op = p->s[p->i] == '=' ? (p->i++, OP_GE) : OP_GT;
	}
	vpos = p->i;
	quoted = p->s[p->i] == '"';
	if (quoted) {
		if (read_quoted(p, &val) < 0) {
			free(name);
			return -1;
		}
	} else {
		val = read_bare(p);
		if (*val == '\0') {
			free(val);
			free(name);
			return fail(p, vpos, _("a value must follow '%.*s'"),
			    (int)(vpos - npos), p->s + npos);
		}
	}
	rc = term_field(p, name, npos, op, oppos, val, vpos, quoted, sql);
	free(name);
	free(val);
	return rc;
}

static int
parse_unary(struct parser *p, struct strbuf *sql)
{
	int neg = 0;
	size_t n;

	if (p->s[p->i] == '-' && p->s[p->i + 1] && !is_ws(p->s[p->i + 1])) {
		neg = 1;
		p->i++;
	} else if ((n = at_word(p, not_words)) > 0) {
		neg = 1;
		p->i += n;
		skip_ws(p);
		if (p->s[p->i] == '\0' || p->s[p->i] == ')' || at_or(p))
			return fail(p, p->i, _("a condition must follow NOT"));
	}
	if (neg)
		sb_add(sql, "NOT coalesce(");
	if (parse_primary(p, sql) < 0)
		return -1;
	if (neg)
		sb_add(sql, ", 0)");
	return 0;
}

/* Terms up to OR, ')' or the end, ANDed. */
static int
parse_group(struct parser *p, struct strbuf *sql)
{
	size_t and;
	int n = 0;

	sb_add(sql, "(");
	for (;;) {
		skip_ws(p);
		/* AND between two conditions says what a blank says */
		if ((and = at_word(p, and_words)) > 0) {
			if (n == 0)
				return fail(p, p->i, _("AND needs a condition "
				    "on each side"));
			p->i += and;
			skip_ws(p);
			if (p->s[p->i] == '\0' || p->s[p->i] == ')' ||
			    at_or(p) || at_word(p, and_words))
				return fail(p, p->i, _("AND needs a condition "
				    "on each side"));
		}
		if (p->s[p->i] == '\0' || p->s[p->i] == ')' || at_or(p))
			break;
		if (n++)
			sb_add(sql, " AND ");
		if (parse_unary(p, sql) < 0)
			return -1;
	}
	if (n == 0) {
		if (at_or(p))
			return fail(p, p->i, _("OR needs a condition on "
			    "each side"));
		return fail(p, p->i, p->s[p->i] == ')' ? _("empty ( )") :
		    _("a condition must follow OR"));
	}
	sb_add(sql, ")");
	return 0;
}

static int
parse_expr(struct parser *p, struct strbuf *sql)
{
	size_t n;

	if (parse_group(p, sql) < 0)
		return -1;
	for (;;) {
		skip_ws(p);
		if ((n = at_or(p)) == 0)
			return 0;
		p->i += n;
		sb_add(sql, " OR ");
		if (parse_group(p, sql) < 0)
			return -1;
	}
}

/* ---- the interface ---- */

int
filter_compile(struct db *db, const struct entity *ent, const char *text,
    time_t now, struct filter **out, size_t *pos, struct so_err *err)
{
	struct parser p;
	struct strbuf sql = { 0 };

	*out = NULL;
	if (pos)
		*pos = 0;
	if (text == NULL)
		return SO_OK;
	memset(&p, 0, sizeof(p));
	p.db = db, p.ent = ent, p.now = now, p.s = text, p.err = err;
	skip_ws(&p);
	if (p.s[p.i] == '\0')
		return SO_OK;
	if (!utf8_valid(text, strlen(text))) {
		so_err_set(err, SO_EINVAL, _("filter: not valid UTF-8 text"));
		return SO_EINVAL;
	}
	p.f = xcalloc(1, sizeof(*p.f));
	p.f->text = xstrdup(text);
	if (parse_expr(&p, &sql) == 0) {
		skip_ws(&p);
		if (p.s[p.i] == ')')
			fail(&p, p.i, _("this ')' closes nothing"));
	}
	if (p.failed) {
		if (pos)
			*pos = p.errpos;
		sb_free(&sql);
		filter_free(p.f);
		return SO_EINVAL;
	}
	p.f->sql = sb_steal(&sql);
	*out = p.f;
	return SO_OK;
}

void
filter_free(struct filter *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->np; i++)
		free(f->params[i].s);
	free(f->params);
	free(f->sql);
	free(f->text);
	free(f);
}

struct filter *
filter_of_ids(const int64_t *ids, size_t n, const char *text)
{
	struct strbuf b = { 0 };
	struct filter *f = xcalloc(1, sizeof(*f));
	size_t i;

	sb_addc(&b, '[');
	for (i = 0; i < n; i++)
		sb_printf(&b, "%s%" PRId64, i ? "," : "", ids[i]);
	sb_addc(&b, ']');
	f->text = xstrdup(text);
	f->sql = xasprintf("t.id IN (SELECT value FROM json_each(?%d))",
	    FILTER_BASE);
	f->params = xcalloc(1, sizeof(*f->params));
	f->params[0].type = P_TEXT;
	f->params[0].s = sb_steal(&b);
	f->np = f->cap = 1;
	return f;
}

int
filter_and_members(struct filter **f, const struct entity *ent,
    int64_t program_id, const char *status, int own, const char *text)
{
	struct filter *g = *f;
	struct strbuf b = { 0 };
	int n;

	if (strcmp(ent->table, "contacts") != 0 &&
	    strcmp(ent->table, "companies") != 0)
		return -1;
	if (g == NULL) {
		g = xcalloc(1, sizeof(*g));
		g->text = xstrdup(text);
	}
	/* the parameters go on after the filter's own */
	if (g->np + 2 > g->cap) {
		g->cap = g->np + 2;
		g->params = xrealloc(g->params, g->cap * sizeof(*g->params));
	}
	n = FILTER_BASE + (int)g->np;
	g->params[g->np++] = (struct param){ P_INT, NULL, program_id };
	g->params[g->np++] = (struct param){ P_TEXT,
	    xstrdup(status ? status : ""), 0 };
	if (strcmp(ent->table, "contacts") == 0)
		sb_printf(&b, "t.id IN (SELECT m.contact_id FROM "
		    "program_members m WHERE m.program_id = ?%d", n);
	else if (own)
		sb_printf(&b, "t.id IN (SELECT m.company_id FROM "
		    "program_members m WHERE m.program_id = ?%d AND "
		    "m.contact_id IS NULL", n);
	else
		sb_printf(&b, "t.id IN (SELECT coalesce(m.company_id, "
		    "k.company_id) FROM program_members m LEFT JOIN contacts k "
		    "ON k.id = m.contact_id WHERE m.program_id = ?%d", n);
	sb_printf(&b, " AND m.deleted_at IS NULL AND (?%d = '' OR "
	    "m.status = ?%d))", n + 1, n + 1);
	if (g->sql)
		sb_printf(&b, " AND (%s)", g->sql);
	free(g->sql);
	g->sql = sb_steal(&b);
	*f = g;
	return 0;
}

const char *
filter_sql(const struct filter *f)
{
	return f->sql;
}

const char *
filter_text(const struct filter *f)
{
	return f->text;
}

void
filter_bind(const struct filter *f, sqlite3_stmt *st)
{
	size_t i;

	for (i = 0; i < f->np; i++)
		if (f->params[i].type == P_INT)
			sqlite3_bind_int64(st, FILTER_BASE + (int)i,
			    f->params[i].i);
		else
			sqlite3_bind_text(st, FILTER_BASE + (int)i,
			    f->params[i].s, -1, SQLITE_TRANSIENT);
}

size_t
filter_nparams(const struct filter *f)
{
	return f->np;
}

char *
filter_param_text(const struct filter *f, size_t n)
{
	if (n >= f->np)
		return NULL;
	if (f->params[n].type == P_INT)
		return xasprintf("%lld", (long long)f->params[n].i);
	return xstrdup(f->params[n].s);
}

char *
filter_marker(const char *text, size_t pos)
{
	struct strbuf b = { 0 };
	char *prefix;
	int w;

	if (pos > strlen(text))
		pos = strlen(text);
	prefix = xstrndup(text, pos);
	w = utf8_width(prefix);
	free(prefix);
	while (w-- > 0)
		sb_addc(&b, ' ');
	sb_addc(&b, '~');
	return sb_steal(&b);
}
