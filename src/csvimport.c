/*
 * CSV import; see include/csvimport.h.
 *
 * The pipeline, all inside one transaction:
 *
 * 1. The encoding.  Unless told, the file is read through once to see
 *    whether all of it is valid UTF-8 (a byte order mark settles it at
 *    once); otherwise it is CP1251, what Russian Excel writes.  Both are
 *    ASCII-compatible, so libcsv parses the raw bytes and each field is
 *    converted to UTF-8 (iconv) on its own: no conversion state crosses
 *    a field, and an undefined byte is reported in the row it is in.
 * 2. The separator, unless told: the most frequent of ';' ',' and tab
 *    outside quotes in the header line (ties go to ';', Excel's choice
 *    where the decimal separator is a comma).
 * 3. Parsing, with libcsv in strict mode (RFC 4180: a quote inside an
 *    unquoted field, or text after a closing quote, is an error).
 *    libcsv reports no positions, so the input is fed to it one
 *    physical line at a time and only '\n' ends a row (a CR is white
 *    space, trimmed from the ends of unquoted fields): the line being
 *    fed when a row's first field begins is the line the row starts on,
 *    which is what every message names, however many lines quoted
 *    fields span.  Memory is bounded: the file is streamed, a field may
 *    not pass CSV_MAX_FIELD (libcsv's buffer is grown through a realloc
 *    that refuses beyond it), a row not CSV_MAX_COLUMNS fields or
 *    CSV_MAX_ROW bytes.
 * 4. The header row maps columns to fields (the caller's map first,
 *    then entity_field_named); an unknown column, a read-only field or
 *    two columns for one field stop the import before any row.
 * 5. Each row becomes one record: empty cells keep the field's default,
 *    other cells go through field_parse, references through the names
 *    of the referenced table (store/refs.h), then rec_validate and
 *    rec_create.  Validating first matters: rec_create rolls back the
 *    whole transaction when it fails, which a skipped row must not do.
 *    Companies that create_missing makes are created last, after every
 *    other check of the row, so that a row left out leaves nothing.
 */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <csv.h>

#include "csvimport.h"
#include "store/record.h"
#include "store/refs.h"
#include "utf8.h"
#include "util.h"

#define CHUNK		65536
#define SHOW_VALUE	60	/* characters of a value quoted in a message */

static const char *const enc_names[] = {
	[CSV_ENC_AUTO] = "auto",
	[CSV_ENC_UTF8] = "utf-8",
	[CSV_ENC_CP1251] = "cp1251",
};

/* The names iconv knows them by; NULL: no conversion. */
static const char *const enc_iconv[] = {
	[CSV_ENC_AUTO] = NULL,
	[CSV_ENC_UTF8] = NULL,
	[CSV_ENC_CP1251] = "CP1251",
};

/* One column of the file. */
struct column {
	char		*header;	/* as the file names it, tidied */
	int		 fi;		/* field index; -1: left out */
};

/* One entry of the caller's map. */
struct mapping {
	char		*column;	/* as given, tidied */
	char		*key;		/* the same folded */
	int		 fi;		/* -1: leave the column out */
	int		 used;
};

/* The names of one referenced table, read when first needed. */
struct refs {
	const char	*table, *label;
	struct store_refs *names;
};

struct imp {
	struct db	*db;
	const struct entity *ent;
	const struct csv_opts *o;
	const char	*name;		/* of the file, for messages */
	struct csv_stats *st;
	struct so_err	*err;
	int		 rc;		/* the first fatal error: stops all */
	time_t		 now;
	iconv_t		 cd;		/* (iconv_t)-1: input is UTF-8 */

	struct csv_parser p;
	size_t		 line;		/* physical line being fed, from 1 */
	size_t		 rec_line;	/* where the current row starts */
	size_t		 field_line;	/* where the current field starts */
	int		 in_row;
	long long	 done, total;	/* bytes */

	/* The row being read: its fields in UTF-8, and the first field
	 * that could not be read as text (bad_col >= 0). */
	char		**f;
	size_t		 nf, capf;
	size_t		 row_bytes;
	int		 bad_col;
	char		 bad_why[160];

	struct column	*cols;
	size_t		 ncols;
	int		 have_header;
	struct mapping	*map;
	size_t		 nmap;
	struct refs	*refs;
	size_t		 nrefs;
	char		*pending;	/* by column: a company to create */
	void		*obj;		/* the record being built */
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
	return -1;
}

const char *
csv_encoding_name(enum csv_encoding enc)
{
	return enc_names[enc];
}

/* s without blanks around it and with runs of blanks as one space. */
static char *
tidy(const char *s)
{
	struct strbuf b = { 0 };
	int space = 0;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
			space = b.len > 0;
			continue;
		}
		if (space)
			sb_addc(&b, ' ');
		space = 0;
		sb_addc(&b, *s);
	}
	return sb_steal(&b);
}

/* The form two column names are compared in: tidied and case-folded. */
static char *
name_key(const char *s)
{
	char *t = tidy(s), *f = utf8_fold(t);

	free(t);
	return f;
}

static int
is_blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

/* The value as a message quotes it: safe for a terminal, not too long. */
static char *
shown(const char *v)
{
	char *clean = utf8_sanitize(v), *out;
	size_t cut = utf8_fit(clean, SHOW_VALUE, NULL);

	if (clean[cut] == '\0')
		return clean;
	out = xasprintf("%.*s...", (int)cut, clean);
	free(clean);
	return out;
}

/* A store message without the "Label: " it starts with. */
static const char *
reason(const struct field_desc *fd, const char *msg)
{
	size_t n = strlen(fd->label);

	if (strncmp(msg, fd->label, n) == 0 && msg[n] == ':' &&
	    msg[n + 1] == ' ')
		return msg + n + 2;
	return msg;
}

/* What a row of the referenced table is called: "company", "user",
 * "deal stage"; plural "companies", "users", "deal stages". */
static void
ref_noun(const struct field_desc *fd, int plural, char *out, size_t size)
{
	const struct entity *re = entity_find(fd->ref_table);
	size_t i, n;

	snprintf(out, size, "%s", re ? (plural ? re->plural : re->label) :
	    fd->ref_table);
	for (i = 0; out[i]; i++) {
		if (out[i] >= 'A' && out[i] <= 'Z')
			out[i] = (char)(out[i] - 'A' + 'a');
		else if (out[i] == '_')
			out[i] = ' ';
	}
	n = strlen(out);
	if (re == NULL && !plural && n > 1 && out[n - 1] == 's')
		out[n - 1] = '\0';
}

/* ---- errors ---- */

/* The column holding field fi, or -1. */
static int
column_of(const struct imp *im, int fi)
{
	size_t i;

	for (i = 0; i < im->ncols; i++)
		if (im->cols[i].fi == fi)
			return (int)i;
	return -1;
}

/*
 * A bad row: "FILE:LINE: column "HDR" (field): " and the text.  col or
 * fi may be -1 when unknown.  Returns SO_EINVAL.
 */
static int
row_fail(struct imp *im, struct so_err *e, int col, int fi,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int
row_fail(struct imp *im, struct so_err *e, int col, int fi,
    const char *fmt, ...)
{
	const char *fname = fi >= 0 ? im->ent->fields[fi].name : "";
	char *head, text[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (col >= 0 && fi >= 0)
		head = xasprintf("column \"%s\" (%s): ", im->cols[col].header,
		    fname);
	else if (col >= 0)
		head = xasprintf("column \"%s\": ", im->cols[col].header);
	else if (fi >= 0)
		head = xasprintf("field %s (no column): ", fname);
	else
		head = xstrdup("");
	so_err_field(e, SO_EINVAL, fname, "%s:%zu: %s%s", im->name,
	    im->rec_line, head, text);
	free(head);
	return SO_EINVAL;
}

/* A bad row from a store error about a field (parse or validation). */
static int
row_fail_store(struct imp *im, struct so_err *e, const struct so_err *fe)
{
	int fi = fe->field[0] ? entity_field(im->ent, fe->field) : -1;
	int col = fi >= 0 ? column_of(im, fi) : -1;
	const char *why = fi >= 0 ? reason(&im->ent->fields[fi], fe->msg) :
	    fe->msg;
	char *v;
	int rc;

	if (fe->code != SO_EINVAL) {	/* the database, not the row */
		*e = *fe;
		return fe->code;
	}
	if (col < 0 || (size_t)col >= im->nf || is_blank(im->f[col]))
		return row_fail(im, e, col, fi, "%s", why);
	v = shown(im->f[col]);
	rc = row_fail(im, e, col, fi, "%s: \"%s\"", why, v);
	free(v);
	return rc;
}

/* Stops the import: "FILE:LINE: text". */
static void
fatal(struct imp *im, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fatal(struct imp *im, size_t line, const char *fmt, ...)
{
	char text[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (line)
		so_err_set(im->err, SO_EINVAL, "%s:%zu: %s", im->name, line,
		    text);
	else
		so_err_set(im->err, SO_EINVAL, "%s: %s", im->name, text);
	im->rc = SO_EINVAL;
}

/* ---- the caller's map ---- */

/*
 * Reads the caller's map, "A=a,B\,C=b": entries are split at commas not
 * written "\,", each at its last '=' (field names hold none).
 */
static int
parse_map(struct imp *im, const char *spec)
{
	struct strbuf b = { 0 };
	const char *s = spec;
	char *entry, *eq, *field;

	while (s && *s) {
		sb_reset(&b);
		sb_add(&b, "");
		for (; *s && *s != ','; s++) {
			if (*s == '\\' && (s[1] == ',' || s[1] == '\\'))
				s++;
			sb_addc(&b, *s);
		}
		if (*s == ',')
			s++;
		entry = b.s;
		if (is_blank(entry))
			continue;
		if ((eq = strrchr(entry, '=')) == NULL) {
			so_err_set(im->err, SO_EINVAL, "--map: \"%s\" is not "
			    "COLUMN=FIELD", entry);
			goto bad;
		}
		*eq = '\0';
		field = tidy(eq + 1);
		im->map = xrealloc(im->map, (im->nmap + 1) * sizeof(*im->map));
		im->map[im->nmap].column = tidy(entry);
		im->map[im->nmap].key = name_key(entry);
		im->map[im->nmap].used = 0;
		im->map[im->nmap].fi = *field ? entity_field_named(im->ent,
		    field) : -1;
		im->nmap++;
		if (*field && im->map[im->nmap - 1].fi < 0) {
			so_err_set(im->err, SO_EINVAL, "--map: %s have no "
			    "field \"%s\"", im->ent->table, field);
			free(field);
			goto bad;
		}
		free(field);
	}
	sb_free(&b);
	return SO_OK;
bad:
	sb_free(&b);
	return im->rc = SO_EINVAL;
}

/* ---- the header ---- */

static void
list_fields(const struct entity *ent, struct strbuf *b)
{
	int i, n = 0;

	for (i = 0; i < ent->nfields; i++)
		if (!(ent->fields[i].flags & F_READONLY))
			sb_printf(b, "%s%s", n++ ? ", " : "",
			    ent->fields[i].name);
}

/* The field the caller's map gives the column of this header (-1:
 * none, leave it out), or -2 when the map does not name it. */
static int
mapped(struct imp *im, const char *header)
{
	char *key = name_key(header);
	size_t i;
	int fi = -2;

	for (i = 0; i < im->nmap; i++)
		if (strcmp(im->map[i].key, key) == 0) {
			im->map[i].used = 1;
			fi = im->map[i].fi;
		}
	free(key);
	return fi;
}

/* The header's mapping is usable; unknown lists the n columns that
 * name no field. */
static int
check_columns(struct imp *im, const struct strbuf *unknown, int n)
{
	const struct field_desc *fd;
	size_t i, j;

	for (i = 0; i < im->ncols; i++) {
		if (im->cols[i].fi < 0)
			continue;
		fd = &im->ent->fields[im->cols[i].fi];
		if (fd->flags & F_READONLY) {
			fatal(im, im->rec_line, "column \"%s\" (%s): the field "
			    "is read-only", im->cols[i].header, fd->name);
			return im->rc;
		}
		for (j = 0; j < i; j++)
			if (im->cols[j].fi == im->cols[i].fi) {
				fatal(im, im->rec_line, "columns \"%s\" and "
				    "\"%s\" are both %s", im->cols[j].header,
				    im->cols[i].header, fd->name);
				return im->rc;
			}
	}
	for (i = 0; i < im->nmap; i++)
		if (!im->map[i].used) {
			fatal(im, 0, "--map: no column \"%s\" in the header",
			    im->map[i].column);
			return im->rc;
		}
	if (unknown->len) {
		struct strbuf known = { 0 };

		list_fields(im->ent, &known);
		fatal(im, im->rec_line, "unknown column%s %s; %s have %s "
		    "(or their English or Russian labels); use --map or "
		    "--ignore-unknown", n > 1 ? "s" : "", unknown->s,
		    im->ent->table, sb_str(&known));
		sb_free(&known);
	}
	return im->rc;
}

static void
read_header(struct imp *im)
{
	struct strbuf unknown = { 0 };
	size_t i;
	int fi, nunknown = 0;

	if (im->bad_col >= 0) {
		fatal(im, im->rec_line, "header, column %d: %s",
		    im->bad_col + 1, im->bad_why);
		return;
	}
	im->ncols = im->nf;
	im->cols = xcalloc(im->ncols, sizeof(*im->cols));
	im->pending = xcalloc(im->ncols, 1);
	for (i = 0; i < im->ncols; i++) {
		char *h = tidy(im->f[i]), *clean = utf8_sanitize(h);

		free(h);
		im->cols[i].header = clean;
		fi = mapped(im, clean);
		if (fi == -2 && *clean == '\0')
			fi = -1;	/* no name: nothing to import */
		else if (fi == -2 && (fi = entity_field_named(im->ent,
		    clean)) < 0 && !im->o->ignore_unknown)
			sb_printf(&unknown, "%s\"%s\"", nunknown++ ? ", " : "",
			    clean);
		im->cols[i].fi = fi;
	}
	check_columns(im, &unknown, nunknown);
	sb_free(&unknown);
	im->have_header = 1;
}

/* ---- references ---- */

static struct store_refs *
names_of(struct imp *im, const struct field_desc *fd, struct so_err *e)
{
	size_t i;
	struct refs *r;

	for (i = 0; i < im->nrefs; i++)
		if (strcmp(im->refs[i].table, fd->ref_table) == 0 &&
		    strcmp(im->refs[i].label, fd->ref_label ?
		    fd->ref_label : "") == 0)
			return im->refs[i].names;
	im->refs = xrealloc(im->refs, (im->nrefs + 1) * sizeof(*im->refs));
	r = &im->refs[im->nrefs];
	r->table = fd->ref_table;
	r->label = fd->ref_label ? fd->ref_label : "";
	if (store_refs_load(im->db, fd, &r->names, e) != SO_OK)
		return NULL;
	im->nrefs++;
	return r->names;
}

/* "#12" or "12": an id rather than a name. */
static int
is_id(const char *v)
{
	v += strspn(v, " \t");
	if (*v == '#')
		v++;
	if (*v < '0' || *v > '9')
		return 0;
	v += strspn(v, "0123456789");
	return is_blank(v);
}

static int
creatable(const struct field_desc *fd)
{
	return strcmp(fd->ref_table, "companies") == 0;
}

static int
resolve_ref(struct imp *im, int col, int fi, const char *v, struct so_err *e)
{
	const struct field_desc *fd = &im->ent->fields[fi];
	struct store_refs *names;
	struct so_err fe = { 0 };
	char noun[64], *sv;
	int64_t id;
	size_t n;
	int rc;

	if ((names = names_of(im, fd, &fe)) == NULL) {
		*e = fe;
		return fe.code;
	}
	if (is_id(v)) {
		if (field_parse(im->ent, fi, im->obj, v, im->now, &fe) != SO_OK)
			return row_fail_store(im, e, &fe);
		id = field_int_c(fd, im->obj);
		if (store_refs_has_id(names, id))
			return SO_OK;
		ref_noun(fd, 0, noun, sizeof(noun));
		return row_fail(im, e, col, fi, "no %s #%lld", noun,
		    (long long)id);
	}
	n = store_refs_find(names, v, &id);
	if (n == 1) {
		*field_int(fd, im->obj) = id;
		return SO_OK;
	}
	if (n == 0 && im->o->create_missing && creatable(fd)) {
		im->pending[col] = 1;
		return SO_OK;
	}
	sv = shown(v);
	ref_noun(fd, n > 1, noun, sizeof(noun));
	if (n > 1)
		rc = row_fail(im, e, col, fi, "%zu %s are named \"%s\"; "
		    "give the id as #N instead", n, noun, sv);
	else
		rc = row_fail(im, e, col, fi, "no %s named \"%s\"%s", noun, sv,
		    creatable(fd) ? " (--create-missing creates it)" : "");
	free(sv);
	return rc;
}

/*
 * Creates the company named v for column col (create_missing).  A
 * company that cannot be created (a name too long) is a bad row; the
 * creation failing is fatal, for rec_create has rolled back.
 */
static int
create_company(struct imp *im, int col, int fi, struct so_err *e)
{
	const struct entity *ce = entity_find("companies");
	const struct field_desc *fd = &im->ent->fields[fi];
	struct so_err fe = { 0 };
	struct store_refs *names;
	const char *v = im->f[col];
	int64_t id;
	void *c;
	int rc;

	if ((names = names_of(im, fd, &fe)) == NULL) {
		*e = fe;
		return fe.code;
	}
	/* An earlier column of the row may have created it. */
	if (store_refs_find(names, v, &id) == 1) {
		*field_int(fd, im->obj) = id;
		return SO_OK;
	}
	c = xcalloc(1, ce->size);
	rec_init(ce, c);
	rc = field_parse(ce, entity_field(ce, "name"), c, v, im->now, &fe);
	if (rc == SO_OK)
		rc = rec_validate(im->db, ce, c, &fe);
	if (rc != SO_OK && fe.code == SO_EINVAL)
		rc = row_fail(im, e, col, fi, "cannot create the company: %s",
		    fe.msg);
	else if (rc != SO_OK)
		*e = fe;
	else if ((rc = rec_create(im->db, ce, c, &fe)) != SO_OK) {
		/* rec_create has rolled back: nothing more can be written */
		im->rc = rc = rc == SO_EINVAL ? SO_ERR : rc;
		so_err_set(e, rc, "%s:%zu: creating the company: %s",
		    im->name, im->rec_line, fe.msg);
	} else {
		id = rec_meta(c)->id;
		*field_int(fd, im->obj) = id;
		store_refs_add(names, v, id);
		im->st->created++;
	}
	rec_clear(ce, c);
	free(c);
	return rc;
}

/* ---- rows ---- */

/*
 * Before companies are created for a row: everything else about the
 * row that can be checked without them (the entity's own rules, which
 * may fill defaults, and every field but the pending references).
 */
static int
precheck(struct imp *im, struct so_err *e)
{
	struct so_err fe = { 0 };
	int fi, col, rc;

	if (im->ent->check && (rc = im->ent->check(im->db, im->obj, &fe)) !=
	    SO_OK)
		return row_fail_store(im, e, &fe);
	for (fi = 0; fi < im->ent->nfields; fi++) {
		col = column_of(im, fi);
		if (col >= 0 && im->pending[col])
			continue;
		if (field_validate(im->ent, fi, im->obj, &fe) != SO_OK)
			return row_fail_store(im, e, &fe);
	}
	return SO_OK;
}

/* The fields of the row into the record. */
static int
fill(struct imp *im, struct so_err *e)
{
	struct so_err fe = { 0 };
	size_t i;
	int fi, rc;

	for (i = 0; i < im->nf && i < im->ncols; i++) {
		if ((fi = im->cols[i].fi) < 0 || is_blank(im->f[i]))
			continue;
		if (im->ent->fields[fi].type == FT_REF)
			rc = resolve_ref(im, (int)i, fi, im->f[i], e);
		else if ((rc = field_parse(im->ent, fi, im->obj, im->f[i],
		    im->now, &fe)) != SO_OK)
			rc = row_fail_store(im, e, &fe);
		if (rc != SO_OK)
			return rc;
	}
	return SO_OK;
}

/* One data row into one record.  SO_EINVAL: a bad row, e says why. */
static int
import_row(struct imp *im, struct so_err *e)
{
	struct so_err fe = { 0 };
	size_t i;
	int rc, any = 0;

	if (im->bad_col >= 0 && (size_t)im->bad_col < im->ncols)
		return row_fail(im, e, im->bad_col, im->cols[im->bad_col].fi,
		    "%s", im->bad_why);
	if (im->bad_col >= 0)
		return row_fail(im, e, -1, -1, "field %d: %s", im->bad_col + 1,
		    im->bad_why);
	for (i = im->ncols; i < im->nf; i++)
		if (!is_blank(im->f[i]))
			return row_fail(im, e, -1, -1, "%zu fields, but the "
			    "header has %zu columns", im->nf, im->ncols);
	rec_clear(im->ent, im->obj);
	rec_init(im->ent, im->obj);
	memset(im->pending, 0, im->ncols);
	if ((rc = fill(im, e)) != SO_OK)
		return rc;
	for (i = 0; i < im->ncols; i++)
		any |= im->pending[i];
	if (any && (rc = precheck(im, e)) != SO_OK)
		return rc;
	for (i = 0; any && i < im->ncols; i++)
		if (im->pending[i] && (rc = create_company(im, (int)i,
		    im->cols[i].fi, e)) != SO_OK)
			return rc;
	if ((rc = rec_validate(im->db, im->ent, im->obj, &fe)) != SO_OK)
		return row_fail_store(im, e, &fe);
	if ((rc = rec_create(im->db, im->ent, im->obj, &fe)) != SO_OK) {
		row_fail_store(im, e, &fe);
		/* rec_create has rolled back: nothing more can be written */
		im->rc = rc == SO_EINVAL ? SO_ERR : rc;
		return im->rc;
	}
	return SO_OK;
}

static void
row_done(struct imp *im)
{
	struct so_err e = { 0 };
	int rc;

	im->st->rows++;
	rc = import_row(im, &e);
	if (rc == SO_OK) {
		im->st->imported++;
		return;
	}
	if (rc == SO_EINVAL && im->rc == SO_OK && im->o->skip_bad) {
		im->st->skipped++;
		if (im->o->skipped)
			im->o->skipped(im->o->arg, &e);
		return;
	}
	*im->err = e;
	if (im->rc == SO_OK)
		im->rc = rc;
}

/* ---- libcsv callbacks ---- */

/* Field bytes as UTF-8 text with CRLF as LF, or NULL with why. */
static char *
field_text_utf8(struct imp *im, const char *s, size_t len, char *why,
    size_t whysize)
{
	char *out, *in, *o, *r, *w;
	size_t inleft, outleft;

	if (memchr(s, '\0', len)) {
		snprintf(why, whysize, "contains a NUL byte");
		return NULL;
	}
	if (im->cd == (iconv_t)-1) {
		if (!utf8_valid(s, len)) {
			snprintf(why, whysize, "not valid UTF-8 text (is the "
			    "file in CP1251? try --encoding cp1251)");
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
		iconv(im->cd, NULL, NULL, NULL, NULL);
		if (iconv(im->cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
			snprintf(why, whysize, "byte 0x%02x is not %s text",
			    (unsigned char)*in,
			    enc_names[im->st->encoding]);
			free(out);
			return NULL;
		}
		*o = '\0';
	}
	for (r = w = out; *r; r++)
		if (!(r[0] == '\r' && r[1] == '\n'))
			*w++ = *r;
	*w = '\0';
	return out;
}

static void
on_field(void *s, size_t len, void *arg)
{
	struct imp *im = arg;
	char why[sizeof(im->bad_why)], *v;

	im->field_line = im->line;
	if (im->rc != SO_OK)
		return;
	if (im->nf == CSV_MAX_COLUMNS) {
		fatal(im, im->rec_line, "more than %d fields in a row",
		    CSV_MAX_COLUMNS);
		return;
	}
	if ((im->row_bytes += len) > CSV_MAX_ROW) {
		fatal(im, im->rec_line, "a row longer than %d bytes",
		    CSV_MAX_ROW);
		return;
	}
	v = field_text_utf8(im, s ? s : "", s ? len : 0, why, sizeof(why));
	if (v == NULL) {
		if (im->bad_col < 0) {	/* the first says enough */
			im->bad_col = (int)im->nf;
			memcpy(im->bad_why, why, sizeof(why));
		}
		v = xstrdup("");
	}
	if (im->nf == im->capf) {
		im->capf = im->capf ? im->capf * 2 : 16;
		im->f = xrealloc(im->f, im->capf * sizeof(*im->f));
	}
	im->f[im->nf++] = v;
}

static void
on_row(int c, void *arg)
{
	struct imp *im = arg;
	size_t i;
	int empty = 1;

	(void)c;
	for (i = 0; i < im->nf; i++)
		empty &= is_blank(im->f[i]);
	/* Rows of empty cells (";;;" from a spreadsheet) are no rows. */
	if (im->rc == SO_OK && !(empty && im->bad_col < 0)) {
		if (!im->have_header)
			read_header(im);
		else
			row_done(im);
	}
	for (i = 0; i < im->nf; i++)
		free(im->f[i]);
	im->nf = 0;
	im->row_bytes = 0;
	im->bad_col = -1;
	im->in_row = 0;
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
parse_error(struct imp *im)
{
	int status = csv_error(&im->p);

	if (status == CSV_ENOMEM || status == CSV_ETOOBIG)
		fatal(im, im->field_line, "a field longer than %d bytes (a "
		    "quote never closed?)", CSV_MAX_FIELD);
	else if (im->field_line != im->line)
		fatal(im, im->line, "a stray '\"' in the field that starts "
		    "on line %zu (a quote inside a field is written \"\")",
		    im->field_line);
	else
		fatal(im, im->line, "a stray '\"' in a field (a quote "
		    "inside a field is written \"\", and the field quoted)");
}

/* One physical line, or the part of one that a read brought. */
static void
feed_piece(struct imp *im, const char *s, size_t n)
{
	if (!im->in_row && has_text(s, n, (char)csv_get_delim(&im->p))) {
		im->in_row = 1;
		im->rec_line = im->field_line = im->line;
	}
	if (csv_parse(&im->p, s, n, on_field, on_row, im) != n &&
	    im->rc == SO_OK)
		parse_error(im);
	if (n > 0 && s[n - 1] == '\n')
		im->line++;
}

/* Bytes after the byte order mark, if the input is UTF-8 and has one. */
static size_t
skip_bom(const struct imp *im, const char *s, size_t n)
{
	if (im->cd == (iconv_t)-1 && n >= 3 && memcmp(s, "\xef\xbb\xbf",
	    3) == 0)
		return 3;
	return 0;
}

static void
feed(struct imp *im, FILE *fp)
{
	char *buf = xmalloc(CHUNK);
	const char *s, *end, *nl;
	size_t n;
	int first = 1;

	while (im->rc == SO_OK && (n = fread(buf, 1, CHUNK, fp)) > 0) {
		s = buf;
		end = buf + n;
		if (first) {
			s += skip_bom(im, s, n);
			im->st->sep = im->o->sep ? im->o->sep :
			    detect_sep(s, (size_t)(end - s));
			csv_set_delim(&im->p, (unsigned char)im->st->sep);
			first = 0;
		}
		while (s < end && im->rc == SO_OK) {
			nl = memchr(s, '\n', (size_t)(end - s));
			n = nl ? (size_t)(nl - s) + 1 : (size_t)(end - s);
			feed_piece(im, s, n);
			s += n;
		}
		im->done += end - buf;
		if (im->o->progress)
			im->o->progress(im->o->arg, im->st->rows, im->done,
			    im->total);
	}
	free(buf);
	if (im->rc == SO_OK && ferror(fp))
		fatal(im, 0, "%s", strerror(errno));
	if (im->rc == SO_OK && csv_fini(&im->p, on_field, on_row, im) != 0)
		fatal(im, im->field_line, "a quote never closed: the quoted "
		    "field that starts on this line runs to the end of the "
		    "file");
	if (im->rc == SO_OK && !im->have_header)
		fatal(im, 0, "no header row (the file is empty)");
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

/* Settles im->st->encoding, reading fp through when it must, and puts
 * fp back at its start. */
static int
choose_encoding(struct imp *im, FILE *fp)
{
	char bom[3];
	int yes;

	im->st->encoding = im->o->encoding;
	if (im->o->encoding != CSV_ENC_AUTO)
		return SO_OK;
	if (fseek(fp, 0, SEEK_SET) != 0) {
		fatal(im, 0, "cannot tell the encoding of a pipe; give "
		    "--encoding");
		return im->rc;
	}
	if (fread(bom, 1, 3, fp) == 3 && memcmp(bom, "\xef\xbb\xbf", 3) == 0)
		yes = 1;
	else if (fseek(fp, 0, SEEK_SET) != 0 || is_utf8(fp, &yes) != 0) {
		fatal(im, 0, "%s", strerror(errno));
		return im->rc;
	}
	im->st->encoding = yes ? CSV_ENC_UTF8 : CSV_ENC_CP1251;
	if (fseek(fp, 0, SEEK_SET) != 0) {
		fatal(im, 0, "%s", strerror(errno));
		return im->rc;
	}
	return SO_OK;
}

/* ---- the whole import ---- */

static void
imp_free(struct imp *im)
{
	size_t i;

	for (i = 0; i < im->nf; i++)
		free(im->f[i]);
	free(im->f);
	for (i = 0; i < im->ncols; i++)
		free(im->cols[i].header);
	free(im->cols);
	for (i = 0; i < im->nmap; i++) {
		free(im->map[i].column);
		free(im->map[i].key);
	}
	free(im->map);
	for (i = 0; i < im->nrefs; i++)
		store_refs_free(im->refs[i].names);
	free(im->refs);
	free(im->pending);
	if (im->obj) {
		rec_clear(im->ent, im->obj);
		free(im->obj);
	}
	if (im->cd != (iconv_t)-1)
		iconv_close(im->cd);
	csv_free(&im->p);
}

static int
import_stream(struct db *db, const struct entity *ent, const char *name,
    FILE *fp, long long total, const struct csv_opts *opts,
    struct csv_stats *st, struct so_err *err)
{
	static const struct csv_opts defaults;
	struct imp im = { 0 };
	const char *conv;

	memset(st, 0, sizeof(*st));
	im.db = db;
	im.ent = ent;
	im.o = opts ? opts : &defaults;
	im.name = name;
	im.st = st;
	im.err = err;
	im.now = db_now(db);
	im.cd = (iconv_t)-1;
	im.line = 1;
	im.bad_col = -1;
	im.total = total;
	csv_init(&im.p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_realloc_func(&im.p, bounded_realloc);
	csv_set_blk_size(&im.p, 4096);
	csv_set_term_func(&im.p, is_term);
	csv_set_space_func(&im.p, is_space);
	if (parse_map(&im, im.o->map) != SO_OK ||
	    choose_encoding(&im, fp) != SO_OK)
		goto out;
	if ((conv = enc_iconv[st->encoding]) != NULL &&
	    (im.cd = iconv_open("UTF-8", conv)) == (iconv_t)-1) {
		fatal(&im, 0, "cannot convert from %s: %s", conv,
		    strerror(errno));
		goto out;
	}
	im.obj = xcalloc(1, ent->size);
	if ((im.rc = db_begin(db, err)) != SO_OK)
		goto out;
	feed(&im, fp);
	if (im.rc != SO_OK || im.o->dry_run)
		db_rollback(db);
	else
		im.rc = db_commit(db, err);
out:
	imp_free(&im);
	return im.rc;
}

int
csv_import(struct db *db, const struct entity *ent, const char *path,
    const struct csv_opts *opts, struct csv_stats *st, struct so_err *err)
{
	struct stat sb;
	FILE *fp;
	int rc;

	if ((fp = fopen(path, "rb")) == NULL)
		return so_err_set(err, SO_EINVAL, "%s: %s", path,
		    strerror(errno));
	if (fstat(fileno(fp), &sb) != 0 || S_ISDIR(sb.st_mode)) {
		fclose(fp);
		return so_err_set(err, SO_EINVAL, "%s: %s", path,
		    S_ISDIR(sb.st_mode) ? "is a directory" : strerror(errno));
	}
	rc = import_stream(db, ent, path, fp, S_ISREG(sb.st_mode) ?
	    (long long)sb.st_size : 0, opts, st, err);
	fclose(fp);
	return rc;
}

int
csv_import_mem(struct db *db, const struct entity *ent, const char *name,
    const char *buf, size_t len, const struct csv_opts *opts,
    struct csv_stats *st, struct so_err *err)
{
	FILE *fp;
	int rc;

	/* fmemopen refuses an empty buffer; a stream of nothing will do */
	fp = len ? fmemopen((void *)buf, len, "rb") : fopen("/dev/null", "rb");
	if (fp == NULL)
		return so_err_set(err, SO_ERR, "%s: %s", name,
		    strerror(errno));
	rc = import_stream(db, ent, name, fp, (long long)len, opts, st, err);
	fclose(fp);
	return rc;
}
