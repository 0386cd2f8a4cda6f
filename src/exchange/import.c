/*
 * Importing rows into a card file; see include/exchange/import.h.
 *
 * A reader (csvimport.c, xlsx.c for .xlsx and .ods, xls.c) calls
 * sink_row for each row it reads; the first is the header.  All of it
 * inside one transaction:
 *
 * 1. The header row maps columns to fields (the caller's map first,
 *    then entity_field_named, then the Russian column names of
 *    aliases[]); an unknown column, a read-only field or
 *    two columns for one field stop the import before any row.
 * 2. Each row becomes one record: empty cells keep the field's default,
 *    other cells go through field_parse, references through the names
 *    of the referenced table (store/refs.h), then rec_validate, the
 *    duplicate check (store/dupes.h) and rec_create, or rec_update of
 *    the duplicate.  Validating first matters: rec_create rolls back
 *    the whole transaction when it fails, which a skipped row must not
 *    do.  Companies that create_missing makes are created last, after
 *    every other check of the row, so that a bad row leaves nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/priv.h"
#include "base/utf8.h"
#include "base/util.h"
#include "exchange/csvimport.h"
#include "exchange/import.h"
#include "exchange/sheet.h"
#include "store/acl.h"
#include "store/dupes.h"
#include "store/index.h"
#include "store/record.h"
#include "store/refs.h"

#define SHOW_VALUE	60	/* characters of a value quoted in a message */

static const char *const format_names[] = {
	[IMPORT_AUTO] = "auto",
	[IMPORT_CSV] = "csv",
	[IMPORT_XLSX] = "xlsx",
	[IMPORT_XLS] = "xls",
	[IMPORT_ODS] = "ods",
};

static const char *const dup_names[] = {
	[DUP_SKIP] = "skip",
	[DUP_UPDATE] = "update",
	[DUP_ADD] = "add",
};

/* One column of the file. */
struct column {
	char		*header;	/* as the file names it, tidied */
	int		 fi;		/* field index; -1: left out */
	int		 unknown;	/* names no field */
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
	struct db	*db;		/* NULL: a preview */
	const struct entity *ent;
	const struct import_opts *o;
	const char	*name;		/* of the file, for messages */
	const char	*sheet;		/* a workbook's sheet: rows, not lines */
	struct import_stats *st;
	struct so_err	*err;
	int		 rc;		/* the first fatal error: stops all */
	time_t		 now;

	size_t		 rec_line;	/* where the current row starts */
	/* The row being read, as the reader handed it over. */
	char		**f;
	size_t		 nf;
	int		 bad_col;
	const char	*bad_why;

	struct column	*cols;
	size_t		 ncols;
	int		 have_header;
	struct mapping	*map;
	size_t		 nmap;
	struct refs	*refs;
	size_t		 nrefs;
	struct store_dupes *dupes;
	char		*pending;	/* by column: a company to create */
	void		*obj;		/* the record being built */
	void		*old;		/* the duplicate being updated */
	struct import_preview *pv;	/* a preview's rows */
	size_t		 maxrows;
};

/* ---- names ---- */

int
import_format_parse(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (strcasecmp(name, format_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
import_format_name(enum import_format f)
{
	return format_names[f];
}

int
import_dup_parse(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(dup_names) / sizeof(dup_names[0]); i++)
		if (strcmp(name, dup_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
import_dup_name(enum import_dup d)
{
	return dup_names[d];
}

/* Where line is: "a.csv:14", "a.xlsx, sheet "Лист1", row 14", or the
 * file alone for line 0. */
static const char *
where(const struct imp *im, size_t line, char *buf, size_t size)
{
	if (line == 0)
		snprintf(buf, size, "%s", im->name);
	else if (im->sheet)
		/* TRANSLATORS: where a bad row is: the file, the sheet's
		 * name, the row's number. */
		snprintf(buf, size, _("%s, sheet \"%s\", row %zu"), im->name,
		    im->sheet, line);
	else
		snprintf(buf, size, "%s:%zu", im->name, line);
	return buf;
}

/*
 * A text cell without the quote a spreadsheet export put before a
 * value that would otherwise run as a formula ("'=1+2", "'+7 495").
 */
static const char *
unquoted(const struct field_desc *fd, const char *v)
{
	if (field_is_text(fd) && v[0] == '\'' && v[1] != '\0' &&
	    strchr("=+-@\t\r", v[1]))
		return v + 1;
	return v;
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

/* msg without the "label: " it starts with, or NULL. */
static const char *
after_label(const char *label, const char *msg)
{
	size_t n = strlen(label);

	if (strncmp(msg, label, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
		return msg + n + 2;
	return NULL;
}

/* A store message without the "Label: " it starts with (the label as
 * the reader reads it, or the English one). */
static const char *
reason(const struct entity *ent, const struct field_desc *fd,
    const char *msg)
{
	const char *r;

	if ((r = after_label(field_label(ent, fd), msg)) != NULL ||
	    (r = after_label(fd->label, msg)) != NULL)
		return r;
	return msg;
}

/* Lower case for the capitals of ASCII and Russian, in place: both
 * cases of a Cyrillic letter take two bytes. */
static void
lower(char *s)
{
	unsigned char *p = (unsigned char *)s;

	for (; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (unsigned char)(*p - 'A' + 'a');
		else if (p[0] == 0xd0 && p[1] >= 0x90 && p[1] <= 0x9f)
			p[1] += 0x20;		/* А-П */
		else if (p[0] == 0xd0 && p[1] >= 0xa0 && p[1] <= 0xaf) {
			p[0] = 0xd1;		/* Р-Я */
			p[1] -= 0x20;
		} else if (p[0] == 0xd0 && p[1] == 0x81) {
			p[0] = 0xd1;		/* Ё */
			p[1] = 0x91;
		}
	}
}

/* The tables referred to that are no card file, by what a row of them
 * is called (what their names say in English). */
static const struct {
	const char	*table, *one, *many;
} ref_nouns[] = {
	{ "users", N_("user"), N_("users") },
	{ "deal_stages", N_("deal stage"), N_("deal stages") },
	{ "event_types", N_("event type"), N_("event types") },
	{ "event_results", N_("event result"), N_("event results") },
};

/* What a row of the referenced table is called: "company", "user",
 * "deal stage"; plural "companies", "users", "deal stages". */
static void
ref_noun(const struct field_desc *fd, int plural, char *out, size_t size)
{
	const struct entity *re = entity_find(fd->ref_table);
	size_t i, n;

	for (i = 0; re == NULL && i < sizeof(ref_nouns) /
	    sizeof(ref_nouns[0]); i++)
		if (strcmp(fd->ref_table, ref_nouns[i].table) == 0) {
			snprintf(out, size, "%s", plural ?
			    _(ref_nouns[i].many) : _(ref_nouns[i].one));
			return;
		}
	snprintf(out, size, "%s", re ? (plural ? entity_plural(re) :
	    entity_label(re)) : fd->ref_table);
	lower(out);
	for (i = 0; out[i]; i++)
		if (out[i] == '_')
			out[i] = ' ';
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

/* Does the row give field (by name) a value: a column, not blank?
 * Yes for what names no field (a rule across fields). */
static int
row_sets(const struct imp *im, const char *field)
{
	int fi = entity_field(im->ent, field), col;

	if (fi < 0)
		return 1;
	col = column_of(im, fi);
	return col >= 0 && (size_t)col < im->nf && !is_blank(im->f[col]);
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
	char *head, text[400], loc[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	/* TRANSLATORS: the start of a message about a bad row, after
	 * "FILE:LINE: ": the file's column header, the field's name. */
	if (col >= 0 && fi >= 0)
		head = xasprintf(_("column \"%s\" (%s): "),
		    im->cols[col].header, fname);
	else if (col >= 0)
		head = xasprintf(_("column \"%s\": "), im->cols[col].header);
	else if (fi >= 0)
		head = xasprintf(_("field %s (no column): "), fname);
	else
		head = xstrdup("");
	so_err_field(e, SO_EINVAL, fname, "%s: %s%s", where(im, im->rec_line,
	    loc, sizeof(loc)), head, text);
	free(head);
	return SO_EINVAL;
}

/*
 * A row the current user may not write (a manager importing a company
 * for a colleague) is a bad row, named by its line and the responsible
 * column, not the end of the import: checked before the store would
 * refuse it and roll everything back.  id: the stored row being updated,
 * 0 for a new one.
 */
static int
row_check_acl(struct imp *im, int64_t id, const void *obj, struct so_err *e)
{
	struct so_err fe = { 0 };
	void *old = NULL;
	char *why;
	int fi, code;

	if (id) {
		old = xcalloc(1, im->ent->size);
		if ((code = rec_get(im->db, im->ent, id, old, &fe)) != SO_OK) {
			free(old);
			*e = fe;
			return code;
		}
	}
	why = acl_refusal(im->db, im->ent, old, obj);
	if (old) {
		rec_clear(im->ent, old);
		free(old);
	}
	if (why == NULL)
		return SO_OK;
	if ((fi = entity_field(im->ent, "manager_id")) < 0)
		fi = entity_field(im->ent, "assignee_id");
	code = row_fail(im, e, fi >= 0 ? column_of(im, fi) : -1, fi, "%s",
	    why);
	free(why);
	return code;
}

/* A bad row from a store error about a field (parse or validation). */
static int
row_fail_store(struct imp *im, struct so_err *e, const struct so_err *fe)
{
	int fi = fe->field[0] ? entity_field(im->ent, fe->field) : -1;
	int col = fi >= 0 ? column_of(im, fi) : -1;
	const char *why = fi >= 0 ? reason(im->ent, &im->ent->fields[fi],
	    fe->msg) : fe->msg;
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

/* Stops the import: "FILE:LINE: text" (line 0: "FILE: text"). */
static void
fatal(struct imp *im, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fatal(struct imp *im, size_t line, const char *fmt, ...)
{
	char text[400], loc[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	so_err_set(im->err, SO_EINVAL, "%s: %s", where(im, line, loc,
	    sizeof(loc)), text);
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
			so_err_set(im->err, SO_EINVAL, _("--map: \"%s\" is "
			    "not COLUMN=FIELD"), entry);
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
			/* TRANSLATORS: the table's name (companies),
			 * the field asked for. */
			so_err_set(im->err, SO_EINVAL, _("--map: %s have no "
			    "field \"%s\""), im->ent->table, field);
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

/*
 * Column names Russian spreadsheets and 1C's exports use that are
 * neither a field's name nor its label ("Мобильный телефон" where the
 * label is "Мобильный"), read without --map.  An alias counts only
 * when the entity has the field (table NULL: any entity that has it),
 * and only after the names and labels, so a custom field labelled
 * "Примечание" wins.  ИНН (the taxpayer number) names a field "inn":
 * there is none built in, but a custom one (salesorg field add
 * companies inn) takes it; without one the column is unknown and the
 * message says how to add it.
 */
static const struct header_alias {
	const char	*table;
	const char	*header;
	const char	*field;
} aliases[] = {
	{ "contacts", "Мобильный телефон", "phone_mobile" },
	{ "contacts", "Сотовый телефон", "phone_mobile" },
	{ "contacts", "Моб. телефон", "phone_mobile" },
	{ "contacts", "Телефон", "phone_work" },
	{ "contacts", "Организация", "company_id" },
	{ "contacts", "Контрагент", "company_id" },
	{ "companies", "Мобильный телефон", "phone2" },
	{ "companies", "Наименование", "name" },
	{ "companies", "Организация", "name" },
	{ "companies", "Контрагент", "name" },
	{ "companies", "Полное наименование", "legal_name" },
	{ "companies", "Фактический адрес", "address" },
	{ NULL, "Эл. почта", "email" },
	{ NULL, "Эл.почта", "email" },
	{ NULL, "Электронная почта", "email" },
	{ NULL, "Адрес электронной почты", "email" },
	{ NULL, "Email", "email" },
	{ NULL, "E-mail", "email" },
	{ NULL, "Примечание", "comment" },
	{ NULL, "Примечания", "comment" },
	{ NULL, "Комментарии", "comment" },
	{ NULL, "ИНН", "inn" },
};

/* The alias entry naming this header for ent (whether or not ent has
 * the field), or NULL. */
static const struct header_alias *
alias_of(const struct entity *ent, const char *header)
{
	const struct header_alias *a;
	char *key = name_key(header), *k;
	size_t i;

	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		a = &aliases[i];
		if (a->table != NULL && strcmp(a->table, ent->table) != 0)
			continue;
		k = name_key(a->header);
		if (strcmp(k, key) == 0) {
			free(k);
			free(key);
			return a;
		}
		free(k);
	}
	free(key);
	return NULL;
}

/* The field a header names: its name or label, else an alias. */
static int
header_field(const struct entity *ent, const char *header)
{
	const struct header_alias *a;
	int fi;

	if ((fi = entity_field_named(ent, header)) >= 0)
		return fi;
	if ((a = alias_of(ent, header)) != NULL)
		return entity_field_named(ent, a->field);
	return -1;
}

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
			fatal(im, im->rec_line, _("column \"%s\" (%s): the "
			    "field is read-only"), im->cols[i].header,
			    fd->name);
			return im->rc;
		}
		for (j = 0; j < i; j++)
			if (im->cols[j].fi == im->cols[i].fi) {
				fatal(im, im->rec_line, _("columns \"%s\" "
				    "and \"%s\" are both %s"),
				    im->cols[j].header, im->cols[i].header,
				    fd->name);
				return im->rc;
			}
	}
	for (i = 0; i < im->nmap; i++)
		if (!im->map[i].used) {
			fatal(im, 0, _("--map: no column \"%s\" in the "
			    "header"), im->map[i].column);
			return im->rc;
		}
	for (i = 0; i < im->ncols; i++) {
		const struct header_alias *a;

		if (!im->cols[i].unknown ||
		    (a = alias_of(im->ent, im->cols[i].header)) == NULL)
			continue;
		/* TRANSLATORS: the column, the table (companies), the
		 * field's name (inn), the table, the field, the column,
		 * the column. */
		fatal(im, im->rec_line, _("column \"%s\": %s have no field "
		    "%s; add one (salesorg field add %s %s) or leave the "
		    "column out (--map '%s=' or --ignore-unknown)"),
		    im->cols[i].header, im->ent->table, a->field,
		    im->ent->table, a->field, im->cols[i].header);
		return im->rc;
	}
	if (unknown->len) {
		struct strbuf known = { 0 };

		list_fields(im->ent, &known);
		/* TRANSLATORS: the columns (quoted headers), the table's
		 * name (companies), its fields' names. */
		fatal(im, im->rec_line, P_("unknown column %s; %s have %s "
		    "(or their English or Russian labels); use --map or "
		    "--ignore-unknown", "unknown columns %s; %s have %s (or "
		    "their English or Russian labels); use --map or "
		    "--ignore-unknown", n), unknown->s, im->ent->table,
		    sb_str(&known));
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
		fatal(im, im->rec_line, _("header, column %d: %s"),
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
		else if (fi == -2 && (fi = header_field(im->ent, clean)) < 0 &&
		    !im->o->ignore_unknown) {
			sb_printf(&unknown, "%s\"%s\"", nunknown++ ? ", " : "",
			    clean);
			im->cols[i].unknown = 1;
		}
		im->cols[i].fi = fi;
	}
	if (im->db)	/* a preview shows what is wrong instead */
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
	return strcmp(fd->ref_table, "companies") == 0 ||
	    strcmp(fd->ref_table, "product_groups") == 0;
}

/* A catalogue's groups are made as its file names them: a price list
 * has its sections, not a list of them to import first. */
static int
made_on_the_fly(const struct field_desc *fd)
{
	return strcmp(fd->ref_table, "product_groups") == 0;
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
		/* TRANSLATORS: what is referred to ("company"), its
		 * number. */
		return row_fail(im, e, col, fi, _("no %s #%lld"), noun,
		    (long long)id);
	}
	n = store_refs_find(names, v, &id);
	if (n == 1) {
		*field_int(fd, im->obj) = id;
		return SO_OK;
	}
	if (n == 0 && (im->o->create_missing || made_on_the_fly(fd)) &&
	    creatable(fd)) {
		im->pending[col] = 1;
		return SO_OK;
	}
	sv = shown(v);
	ref_noun(fd, n > 1, noun, sizeof(noun));
	if (n > 1)
		/* TRANSLATORS: how many, what ("companies"), the name. */
		rc = row_fail(im, e, col, fi, _("%zu %s are named \"%s\"; "
		    "give the id as #N instead"), n, noun, sv);
	else if (creatable(fd))
		/* TRANSLATORS: what ("company"), the name. */
		rc = row_fail(im, e, col, fi, _("no %s named \"%s\" "
		    "(--create-missing creates it)"), noun, sv);
	else
		rc = row_fail(im, e, col, fi, _("no %s named \"%s\""), noun,
		    sv);
	free(sv);
	return rc;
}

/*
 * Creates the company named v for column col (create_missing), or the
 * product group (always).  One that cannot be created (a name too
 * long) is a bad row; the creation failing is fatal, for rec_create
 * has rolled back.
 */
static int
create_company(struct imp *im, int col, int fi, struct so_err *e)
{
	const struct field_desc *fd = &im->ent->fields[fi];
	const struct entity *ce = entity_find(fd->ref_table);
	int group = made_on_the_fly(fd);
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
	/* made from a name by the program: the fields people add to
	 * companies stay empty (store/record.h) */
	rec_meta(c)->by_program = 1;
	rc = field_parse(ce, entity_field(ce, "name"), c, v, im->now, &fe);
	if (rc == SO_OK)
		rc = rec_validate(im->db, ce, c, &fe);
	if (rc != SO_OK && fe.code == SO_EINVAL)
		rc = row_fail(im, e, col, fi, group ? _("cannot create the "
		    "product group: %s") : _("cannot create the company: "
		    "%s"), fe.msg);
	else if (rc != SO_OK)
		*e = fe;
	else if ((rc = rec_create(im->db, ce, c, &fe)) != SO_OK) {
		/* rec_create has rolled back: nothing more can be written */
		im->rc = rc = rc == SO_EINVAL ? SO_ERR : rc;
		so_err_set(e, rc, group ? _("%s:%zu: creating the product "
		    "group: %s") : _("%s:%zu: creating the company: %s"),
		    im->name, im->rec_line, fe.msg);
	} else {
		id = rec_meta(c)->id;
		*field_int(fd, im->obj) = id;
		store_refs_add(names, v, id);
		if (group)
			im->st->groups++;
		else
			im->st->created++;
	}
	rec_clear(ce, c);
	free(c);
	return rc;
}

/* ---- duplicates ---- */

/* Text that differs only in case or blanks around it: "ромашка" in a
 * file does not rename "Ромашка", which it was found by. */
static int
same_text(const struct field_desc *fd, const void *a, const void *b)
{
	char *fa, *fb;
	int same;

	if (!field_is_text(fd))
		return 0;
	fa = name_key(field_text_c(fd, a));
	fb = name_key(field_text_c(fd, b));
	same = strcmp(fa, fb) == 0;
	free(fa);
	free(fb);
	return same;
}

/* Copies field fd of src into dst. */
static void
copy_field(const struct field_desc *fd, void *dst, const void *src)
{
	char **t;

	if (field_is_text(fd)) {
		t = field_text(fd, dst);
		free(*t);
		*t = xstrdup(field_text_c(fd, src));
	} else
		*field_int(fd, dst) = field_int_c(fd, src);
}

/*
 * The row duplicates record id: skip it, or write the row's non-empty
 * cells over the record (text differing only in case stays as it is).  A record the row changes nothing of is left
 * alone (and counted as unchanged).
 */
static int
duplicate(struct imp *im, int64_t id, const char *why, struct so_err *e)
{
	const struct field_desc *fd;
	struct so_err fe = { 0 };
	void *stored;
	size_t i;
	int rc, changed = 0;

	if (im->o->on_duplicate == DUP_SKIP) {
		im->st->duplicates++;
		return SO_OK;
	}
	if (im->old == NULL)
		im->old = xcalloc(1, im->ent->size);
	rec_clear(im->ent, im->old);
	if ((rc = rec_get(im->db, im->ent, id, im->old, &fe)) != SO_OK) {
		*e = fe;
		return im->rc = rc;
	}
	stored = xmalloc(im->ent->size);
	rec_copy(im->ent, stored, im->old);
	for (i = 0; i < im->nf && i < im->ncols; i++) {
		if (im->cols[i].fi < 0 || is_blank(im->f[i]))
			continue;
		fd = &im->ent->fields[im->cols[i].fi];
		if (field_equal(fd, im->old, im->obj) || same_text(fd,
		    im->old, im->obj))
			continue;
		copy_field(fd, im->old, im->obj);
		changed = 1;
	}
	if (!changed) {
		rec_clear(im->ent, stored);
		free(stored);
		im->st->unchanged++;
		return SO_OK;
	}
	/* Judged on the cells it changes, as rec_update will judge it
	 * (store/record.h): a required field the record lacks does not
	 * refuse a row that sets its phone. */
	rc = rec_validate_changes(im->db, im->ent, stored, im->old, &fe);
	rec_clear(im->ent, stored);
	free(stored);
	if (rc != SO_OK)
		/* TRANSLATORS: the record ("Company"), its number, what the
		 * row has the same (its name, phone...), the reason. */
		return row_fail(im, e, -1, -1, _("updating %s #%lld (the "
		    "same %s): %s"), entity_label(im->ent), (long long)id, why,
		    fe.msg);
	if ((rc = row_check_acl(im, id, im->old, e)) != SO_OK)
		return rc;
	if ((rc = rec_update(im->db, im->ent, im->old, &fe)) != SO_OK) {
		/* rec_update has rolled back: nothing more can be written */
		im->rc = rc == SO_EINVAL ? SO_ERR : rc;
		so_err_set(e, im->rc, _("updating %s #%lld: %s"),
		    entity_label(im->ent), (long long)id, fe.msg);
		return im->rc;
	}
	im->st->updated++;
	return SO_OK;
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
		else if ((rc = field_parse(im->ent, fi, im->obj,
		    unquoted(&im->ent->fields[fi], im->f[i]), im->now,
		    &fe)) != SO_OK)
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
	struct so_err fe = { 0 }, badwhy = { 0 };
	const char *why;
	int64_t dup;
	size_t i;
	int rc, bad, any = 0;

	if (im->bad_col >= 0 && (size_t)im->bad_col < im->ncols)
		return row_fail(im, e, im->bad_col, im->cols[im->bad_col].fi,
		    "%s", im->bad_why);
	if (im->bad_col >= 0)
		return row_fail(im, e, -1, -1, _("field %d: %s"),
		    im->bad_col + 1, im->bad_why);
	for (i = im->ncols; i < im->nf; i++)
		if (!is_blank(im->f[i]))
			return row_fail(im, e, -1, -1, _("%zu fields, but "
			    "the header has %zu columns"), im->nf, im->ncols);
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
	/* Judged whole as a new record.  A row refused for a field it
	 * gives no value (a required one the file has no column for) may
	 * still be a duplicate, which is judged on the cells it changes
	 * (store/record.h): such a file updates the companies it finds. */
	bad = rec_validate(im->db, im->ent, im->obj, &badwhy);
	if (bad != SO_OK && (bad != SO_EINVAL || im->dupes == NULL ||
	    im->o->on_duplicate == DUP_ADD || row_sets(im, badwhy.field)))
		return row_fail_store(im, e, &badwhy);
	if (bad == SO_OK && (rc = row_check_acl(im, 0, im->obj, e)) != SO_OK)
		return rc;
	if (im->dupes && im->o->on_duplicate != DUP_ADD) {
		if ((rc = store_dupes_find(im->dupes, im->obj, &dup, &why,
		    &fe)) != SO_OK) {
			*e = fe;
			return im->rc = rc;
		}
		if (dup)
			return duplicate(im, dup, why, e);
	}
	if (bad != SO_OK)
		return row_fail_store(im, e, &badwhy);
	if ((rc = rec_create(im->db, im->ent, im->obj, &fe)) != SO_OK) {
		row_fail_store(im, e, &fe);
		/* rec_create has rolled back: nothing more can be written */
		im->rc = rc == SO_EINVAL ? SO_ERR : rc;
		return im->rc;
	}
	im->st->imported++;
	return SO_OK;
}

static void
row_done(struct imp *im)
{
	struct so_err e = { 0 };
	int rc;

	im->st->rows++;
	if ((rc = import_row(im, &e)) == SO_OK)
		return;
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


/* ---- the readers' side ---- */

static int
sink_row(void *arg, size_t line, char **cells, size_t n, int bad,
    const char *why)
{
	struct imp *im = arg;

	if (im->rc != SO_OK)
		return im->rc;
	im->rec_line = line;
	im->f = cells;
	im->nf = n;
	im->bad_col = bad;
	im->bad_why = why;
	if (!im->have_header)
		read_header(im);
	else
		row_done(im);
	im->f = NULL;
	im->nf = 0;
	return im->rc;
}

static int
sheet_row(void *arg, size_t row, char **cells, size_t n)
{
	return sink_row(arg, row, cells, n, -1, "");
}

static void
on_progress(void *arg, long long done, long long total)
{
	struct imp *im = arg;

	if (im->o->progress)
		im->o->progress(im->o->arg, im->st->rows, done, total);
}

static void
on_repaired(void *arg, const struct so_err *what)
{
	struct imp *im = arg;

	if (im->o->repaired)
		im->o->repaired(im->o->arg, what);
}

/* What the first bytes of the file say it is (an unreadable file is
 * read as CSV, whose opening says why). */
static enum import_format
sniff_format(const char *path)
{
	switch (sheet_file_kind(path)) {
	case SHEET_FILE_ZIP:
		return IMPORT_XLSX;
	case SHEET_FILE_ODS:
		return IMPORT_ODS;
	case SHEET_FILE_OLE2:
		return IMPORT_XLS;
	default:
		return IMPORT_CSV;
	}
}

/* The readers of each workbook format. */
static int
workbook_read(enum import_format fmt, const char *path, const char *name,
    const struct sheet_opts *so, sheet_row_fn fn, void *arg,
    struct so_err *err)
{
	switch (fmt) {
	case IMPORT_XLSX:
		return xlsx_read(path, name, so, fn, arg, err);
	case IMPORT_ODS:
		return ods_read(path, name, so, fn, arg, err);
	default:
		return xls_read(path, name, so, fn, arg, err);
	}
}

static int
workbook_sheet_names(enum import_format fmt, const char *path,
    char ***names, size_t *n, struct so_err *err)
{
	switch (fmt) {
	case IMPORT_XLSX:
		return xlsx_sheet_names(path, names, n, err);
	case IMPORT_ODS:
		return ods_sheet_names(path, names, n, err);
	default:
		return xls_sheet_names(path, names, n, err);
	}
}

/* The sheet a workbook's rows come from, for messages: the one asked
 * for, else the first. */
static char *
sheet_name(enum import_format fmt, const char *path, const char *asked)
{
	struct so_err e = { 0 };
	char **names, *first;
	size_t n;
	int rc;

	if (asked)
		return xstrdup(asked);
	rc = workbook_sheet_names(fmt, path, &names, &n, &e);
	if (rc != SO_OK)
		return NULL;
	first = n ? xstrdup(names[0]) : NULL;
	sheet_names_free(names, n);
	return first;
}

/* Reads the file at path (or fp, for CSV) through im. */
static void
read_rows(struct imp *im, enum import_format fmt, const char *path, FILE *fp,
    long long total)
{
	struct sheet_opts so = { 0 };
	struct csv_read cr = { 0 };
	char *sheet = NULL;
	int rc;

	im->st->format = fmt;
	if (fmt == IMPORT_CSV) {
		cr.encoding = im->o->encoding;
		cr.sep = im->o->sep;
		cr.total = total;
		cr.progress = on_progress;
		cr.strict = im->o->strict;
		cr.repaired = on_repaired;
		rc = csv_read(fp, im->name, &cr, sink_row, im, im->err);
		im->st->encoding = cr.encoding;
		im->st->sep = cr.sep;
		im->st->repaired = cr.nrepaired;
	} else {
		so.sheet = im->o->sheet;
		so.progress = on_progress;
		im->sheet = sheet = sheet_name(fmt, path, im->o->sheet);
		rc = workbook_read(fmt, path, im->name, &so, sheet_row, im,
		    im->err);
		im->sheet = NULL;	/* messages after the rows: the file */
		free(sheet);
	}
	if (im->rc == SO_OK)
		im->rc = rc;
	if (im->rc == SO_OK && !im->have_header)
		fatal(im, 0, _("no header row (the file is empty)"));
}

/* ---- the input, before the transaction ---- */

struct input {
	FILE		*fp;		/* CSV: the stream to read */
	char		*buf;		/* a stream read whole, under fp */
	long long	 total;		/* bytes, for progress; 0 unknown */
};

static int
input_fail(const char *name, struct so_err *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
input_fail(const char *name, struct so_err *err, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return so_err_set(err, SO_EINVAL, "%s: %s", name, msg);
}

/* A workbook is opened by name (the zip directory sits at its end;
 * FreeXL takes a path): it must be a regular file.  Opened without
 * waiting, so a FIFO with no writer is refused at once. */
static int
input_workbook(const char *path, const char *name, struct so_err *err)
{
	struct stat sb;
	int fd, regular;

	if ((fd = priv_open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0)) ==
	    -1)
		return SO_OK;	/* the reader says what is wrong */
	regular = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode);
	close(fd);
	if (!regular)
		return input_fail(name, err, "%s", _("not a regular file; a "
		    "workbook (.xlsx, .xls) is read from a file: save it to "
		    "one first"));
	return SO_OK;
}

/* Anything but a regular file: all of it into memory now. */
static int
input_stream(FILE *fp, const char *name, enum import_format *fmt,
    struct input *in, struct so_err *err)
{
	size_t len;
	int rc;

	if ((rc = read_whole(fp, IMPORT_MAX_STREAM, &in->buf, &len)) != 0)
		return rc > 0 ? input_fail(name, err, _("larger than %ld MiB "
		    "read from a pipe or terminal; save it to a file and "
		    "import that"), IMPORT_MAX_STREAM >> 20) :
		    input_fail(name, err, "%s", strerror(errno));
	if (*fmt == IMPORT_AUTO && len >= 4 &&
	    (memcmp(in->buf, "PK\3\4", 4) == 0 ||
	    memcmp(in->buf, "\xd0\xcf\x11\xe0", 4) == 0))
		return input_fail(name, err, "%s", _("a workbook read from a "
		    "pipe; .xlsx and .xls are read from a file: save it to one "
		    "first"));
	*fmt = IMPORT_CSV;
	/* fmemopen refuses an empty buffer; a stream of nothing will do */
	in->fp = len ? fmemopen(in->buf, len, "rb") : fopen("/dev/null", "rb");
	if (in->fp == NULL)
		return so_err_set(err, SO_ERR, "%s: %s", name,
		    strerror(errno));
	in->total = (long long)len;
	return SO_OK;
}

/*
 * Opens the input of import_any before its transaction begins (see
 * import_file in import.h): settles *fmt, and for CSV leaves the stream
 * in in->fp.  Opening a FIFO waits for its writer here, outside any
 * transaction.
 */
static int
input_open(const char *path, const char *name, enum import_format *fmt,
    struct input *in, struct so_err *err)
{
	struct stat sb;
	FILE *fp;
	int code;

	if (*fmt == IMPORT_XLSX || *fmt == IMPORT_XLS || *fmt == IMPORT_ODS)
		return input_workbook(path, name, err);
	if ((fp = priv_fopen(path, "rb")) == NULL)
		return input_fail(name, err, "%s", strerror(errno));
	if (fstat(fileno(fp), &sb) != 0) {
		code = input_fail(name, err, "%s", strerror(errno));
	} else if (S_ISDIR(sb.st_mode)) {
		code = input_fail(name, err, "%s", _("is a directory"));
	} else if (!S_ISREG(sb.st_mode)) {
		code = input_stream(fp, name, fmt, in, err);
	} else {
		if (*fmt == IMPORT_AUTO)
			*fmt = sniff_format(path);
		if (*fmt == IMPORT_CSV) {
			in->fp = fp;
			in->total = (long long)sb.st_size;
			return SO_OK;
		}
		code = SO_OK;
	}
	fclose(fp);
	return code;
}

static void
input_close(struct input *in)
{
	if (in->fp)
		fclose(in->fp);
	free(in->buf);
}

/* ---- the whole import ---- */

static void
imp_free(struct imp *im)
{
	size_t i;

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
	store_dupes_free(im->dupes);
	free(im->pending);
	if (im->obj) {
		rec_clear(im->ent, im->obj);
		free(im->obj);
	}
	if (im->old) {
		rec_clear(im->ent, im->old);
		free(im->old);
	}
}

static int
import_any(struct db *db, const struct entity *ent, enum import_format fmt,
    const char *path, FILE *fp, long long total, const char *name,
    const struct import_opts *opts, struct import_stats *st,
    struct so_err *err)
{
	static const struct import_opts defaults;
	struct so_err spare = { 0 };
	struct input in = { 0 };
	struct imp im = { 0 };

	memset(st, 0, sizeof(*st));
	im.db = db;
	im.ent = ent;
	im.o = opts ? opts : &defaults;
	im.name = name ? name : path;
	im.st = st;
	im.err = err;
	im.now = db_now(db);
	im.bad_col = -1;
	if (parse_map(&im, im.o->map) != SO_OK)
		goto out;
	if (fmt == IMPORT_AUTO && fp)
		fmt = IMPORT_CSV;
	if (fp == NULL) {
		if ((im.rc = input_open(path, im.name, &fmt, &in, err)) !=
		    SO_OK)
			goto out;
		fp = in.fp;
		total = in.total;
	}
	im.obj = xcalloc(1, ent->size);
	/* A cache the indexes of a big table fit in better; the default
	 * (2 MiB) makes a 100 000-row import twice as slow. */
	db_exec(db, "PRAGMA cache_size = -16384", &spare);
	if ((im.rc = db_begin(db, err)) != SO_OK)
		goto out;
	/* The search index takes the new rows at the end, in one go. */
	im.rc = index_defer(db, err);
	if (im.rc == SO_OK && im.o->on_duplicate != DUP_ADD)
		im.rc = store_dupes_open(db, ent, &im.dupes, err);
	if (im.rc == SO_OK)
		read_rows(&im, fmt, path, fp, total);
	if (im.rc == SO_OK && !im.o->dry_run)
		im.rc = index_flush(db, err);
	index_defer_cancel(db);
	if (im.rc != SO_OK || im.o->dry_run)
		db_rollback(db);
	else
		im.rc = db_commit(db, err);
	db_exec(db, "PRAGMA cache_size = -2000", &spare);
out:
	input_close(&in);
	imp_free(&im);
	return im.rc;
}

int
import_file(struct db *db, const struct entity *ent, enum import_format fmt,
    const char *path, const char *name, const struct import_opts *opts,
    struct import_stats *st, struct so_err *err)
{
	return import_any(db, ent, fmt, path, NULL, 0, name, opts, st, err);
}

int
csv_import(struct db *db, const struct entity *ent, const char *path,
    const struct import_opts *opts, struct import_stats *st,
    struct so_err *err)
{
	return import_any(db, ent, IMPORT_CSV, path, NULL, 0, NULL, opts, st,
	    err);
}

int
csv_import_mem(struct db *db, const struct entity *ent, const char *name,
    const char *buf, size_t len, const struct import_opts *opts,
    struct import_stats *st, struct so_err *err)
{
	FILE *fp;
	int rc;

	/* fmemopen refuses an empty buffer; a stream of nothing will do */
	fp = len ? fmemopen((void *)buf, len, "rb") : fopen("/dev/null", "rb");
	if (fp == NULL)
		return so_err_set(err, SO_ERR, "%s: %s", name,
		    strerror(errno));
	rc = import_any(db, ent, IMPORT_CSV, name, fp, (long long)len, name,
	    opts, st, err);
	fclose(fp);
	return rc;
}

/* ---- the preview ---- */

/* Keeps the header's mapping and the first rows; stops after them. */
static int
preview_row(void *arg, size_t line, char **cells, size_t n, int bad,
    const char *why)
{
	struct imp *im = arg;
	struct import_preview *pv = im->pv;
	size_t i, r;

	(void)bad;
	(void)why;
	if (!im->have_header) {
		im->f = cells;
		im->nf = n;
		im->bad_col = -1;
		read_header(im);
		pv->ncols = im->ncols;
		pv->headers = xcalloc(im->ncols + 1, sizeof(*pv->headers));
		pv->fields = xcalloc(im->ncols + 1, sizeof(*pv->fields));
		for (i = 0; i < im->ncols; i++) {
			pv->headers[i] = xstrdup(im->cols[i].header);
			pv->fields[i] = im->cols[i].unknown ? PREVIEW_UNKNOWN :
			    im->cols[i].fi < 0 ? PREVIEW_LEFT_OUT :
			    im->cols[i].fi;
		}
		return im->maxrows ? SO_OK : -1;
	}
	r = pv->nrows++;
	pv->cells = xrealloc(pv->cells, pv->nrows * sizeof(*pv->cells));
	pv->lines = xrealloc(pv->lines, pv->nrows * sizeof(*pv->lines));
	pv->lines[r] = line;
	pv->cells[r] = xcalloc(pv->ncols + 1, sizeof(**pv->cells));
	for (i = 0; i < pv->ncols; i++)
		pv->cells[r][i] = xstrdup(i < n ? cells[i] : "");
	return pv->nrows >= im->maxrows ? -1 : SO_OK;
}

static int
preview_sheet_row(void *arg, size_t row, char **cells, size_t n)
{
	return preview_row(arg, row, cells, n, -1, "");
}

int
import_preview(const struct entity *ent, enum import_format fmt,
    const char *path, const struct import_opts *opts, size_t maxrows,
    struct import_preview *pv, struct so_err *err)
{
	static const struct import_opts defaults;
	struct sheet_opts so = { 0 };
	struct csv_read cr = { 0 };
	struct import_stats st = { 0 };
	struct imp im = { 0 };
	FILE *fp;
	int rc;

	memset(pv, 0, sizeof(*pv));
	im.ent = ent;
	im.o = opts ? opts : &defaults;
	im.name = path;
	im.st = &st;
	im.err = err;
	im.pv = pv;
	im.maxrows = maxrows;
	if (parse_map(&im, im.o->map) != SO_OK)
		goto out;
	pv->format = fmt == IMPORT_AUTO ? sniff_format(path) : fmt;
	if (pv->format == IMPORT_CSV) {
		if ((fp = priv_fopen(path, "rb")) == NULL) {
			im.rc = so_err_set(err, SO_EINVAL, "%s: %s", path,
			    strerror(errno));
			goto out;
		}
		cr.encoding = im.o->encoding;
		cr.sep = im.o->sep;
		cr.strict = im.o->strict;
		rc = csv_read(fp, path, &cr, preview_row, &im, err);
		fclose(fp);
		pv->encoding = cr.encoding;
		pv->sep = cr.sep;
	} else {
		so.sheet = im.o->sheet;
		rc = workbook_sheet_names(pv->format, path, &pv->sheets,
		    &pv->nsheets, err);
		if (rc == SO_OK)
			rc = workbook_read(pv->format, path, path, &so,
			    preview_sheet_row, &im, err);
	}
	if (rc == -1)
		rc = SO_OK;	/* the preview had its rows */
	if (rc == SO_OK && !im.have_header)
		rc = so_err_set(err, SO_EINVAL, _("%s: no header row (the "
		    "file is empty)"), path);
	im.rc = rc;
out:
	imp_free(&im);
	if (im.rc != SO_OK)
		import_preview_free(pv);
	return im.rc;
}

void
import_preview_free(struct import_preview *pv)
{
	size_t i, j;

	for (i = 0; i < pv->nrows; i++) {
		for (j = 0; j < pv->ncols; j++)
			free(pv->cells[i][j]);
		free(pv->cells[i]);
	}
	free(pv->cells);
	free(pv->lines);
	for (i = 0; i < pv->ncols; i++)
		free(pv->headers[i]);
	free(pv->headers);
	free(pv->fields);
	if (pv->sheets)
		sheet_names_free(pv->sheets, pv->nsheets);
	memset(pv, 0, sizeof(*pv));
}
