/*
 * CSV export in UTF-8 or for Russian Excel; see include/exchange/export.h.
 *
 * A value is quoted in UTF-8 first (quotes and separators are ASCII in
 * both encodings), then converted on its own, so a character CP1251
 * lacks is found in the field that holds it.  The converted fields
 * gather in a row buffer written at the row's end: an error leaves the
 * output at a whole row.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/priv.h"
#include "base/utf8.h"
#include "exchange/export.h"
#include "store/acl.h"

/*
 * A phone or a number: a sign, then digits with the blanks, brackets,
 * dashes, dots and commas phones and amounts are written with ("+7 843
 * 123-45-67", "-1 234,50").  It runs nothing in any spreadsheet (a
 * formula that does harm needs a name, a '|' or a '!'), and a quote
 * before it stays visible in LibreOffice Calc's cell, spoiling every
 * phone of a list.
 */
static int
is_phone_or_number(const char *s)
{
	int digits = 0;

	if (*s == '+' || *s == '-')
		s++;
	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (strchr(" ()-.,", *s) == NULL)
			return 0;
	}
	return digits > 0;
}

/* The OWASP list: what makes a spreadsheet cell a formula.  A lone "-"
 * (the reports' "none") is text to every spreadsheet, not a formula;
 * nor is a phone or a number. */
static int
is_formula(const char *s)
{
	if (strcmp(s, "-") == 0 || is_phone_or_number(s))
		return 0;
	return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

/* Quotes s into b as RFC 4180 does; text: neutralise a formula. */
static void
quote(struct strbuf *b, const char *s, int text)
{
	int formula = text && is_formula(s);

	if (!formula && strpbrk(s, ",;\"\r\n\t") == NULL) {
		sb_add(b, s);
		return;
	}
	sb_addc(b, '"');
	if (formula)
		sb_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			sb_addc(b, '"');
		sb_addc(b, *s);
	}
	sb_addc(b, '"');
}

void
export_csv_field(FILE *out, const char *s)
{
	struct strbuf b = { 0 };

	quote(&b, s, 1);
	fputs(sb_str(&b), out);
	sb_free(&b);
}

void
export_tsv_field(FILE *out, const char *s)
{
	for (; *s; s++)
		putc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}

const char *
export_dialect_name(enum export_dialect d)
{
	return d == EXPORT_EXCEL ? "Excel: CP1251, ';'" : "UTF-8";
}

int
export_is_number(const struct entity *ent, int fi)
{
	if (fi == EXPORT_ID)
		return 1;
	return ent->fields[fi].type == FT_INT || ent->fields[fi].type ==
	    FT_MONEY;
}

/* ---- the writer ---- */

int
export_writer_init(struct export_writer *w, FILE *out, enum export_dialect d,
    struct so_err *err)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->dialect = d;
	w->sep = d == EXPORT_EXCEL ? ';' : ',';
	w->cd = (iconv_t)-1;
	if (d == EXPORT_EXCEL &&
	    (w->cd = iconv_open("CP1251", "UTF-8")) == (iconv_t)-1)
		return so_err_set(err, SO_ERR, _("this system's iconv cannot "
		    "write CP1251: %s"), strerror(errno));
	return SO_OK;
}

void
export_writer_free(struct export_writer *w)
{
	if (w->cd != (iconv_t)-1)
		iconv_close(w->cd);
	w->cd = (iconv_t)-1;
	sb_free(&w->row);
	sb_free(&w->field);
}

/* Converts s[0..n) into out (n bytes at least: CP1251 is one byte a
 * character); returns the bytes written, or -1 if any character is
 * lost: iconv fails, or (some iconvs) substitutes and counts it. */
static long
convert(iconv_t cd, const char *s, size_t n, char *out)
{
	char *in = (char *)s, *o = out;
	size_t inleft = n, outleft = n;
	size_t r;

	iconv(cd, NULL, NULL, NULL, NULL);
	r = iconv(cd, &in, &inleft, &o, &outleft);
	if (r == (size_t)-1 || r > 0 || inleft > 0)
		return -1;
	return (long)(o - out);
}

/* The first character of s[0..n) cd cannot convert, named in err. */
static int
unmappable(iconv_t cd, const char *s, size_t n, struct so_err *err)
{
	char one[8], cp1251[8];
	uint32_t cp = 0xFFFD;
	size_t off, k;

	for (off = 0; off < n; off += k) {
		k = utf8_decode(s + off, n - off, &cp);
		if (!utf8_valid(s + off, k))
			return so_err_set(err, SO_EINVAL, _("not valid UTF-8 "
			    "(byte 0x%02X)"), (unsigned char)s[off]);
		if (convert(cd, s + off, k, cp1251) < 0)
			break;
	}
	if (off >= n)	/* each converts alone: say it of the whole */
		return so_err_set(err, SO_EINVAL, "%s", _("cannot be written "
		    "in CP1251"));
	/* a control or a combining mark would not show: the code does */
	if (cp >= 0x20 && cp != 0x7F && utf8_cpwidth(cp) > 0) {
		memcpy(one, s + off, k);
		one[k] = '\0';
		/* TRANSLATORS: a character, its code point. */
		return so_err_set(err, SO_EINVAL, _("\"%s\" (U+%04X) has no "
		    "CP1251 code"), one, (unsigned)cp);
	}
	return so_err_set(err, SO_EINVAL, _("U+%04X has no CP1251 code"),
	    (unsigned)cp);
}

int
export_writer_add(struct export_writer *w, const char *v, int text,
    struct so_err *err)
{
	long n;

	sb_reset(&w->field);
	if (w->nfields++ > 0)
		sb_addc(&w->field, w->sep);
	quote(&w->field, v ? v : "", text);
	if (w->field.len == 0)
		return SO_OK;
	if (w->cd == (iconv_t)-1) {
		sb_addn(&w->row, w->field.s, w->field.len);
		return SO_OK;
	}
	/* grow the row for the worst case, convert straight into it */
	sb_addn(&w->row, w->field.s, w->field.len);
	w->row.len -= w->field.len;
	n = convert(w->cd, w->field.s, w->field.len, w->row.s + w->row.len);
	if (n < 0) {
		w->row.s[w->row.len] = '\0';
		return unmappable(w->cd, w->field.s, w->field.len, err);
	}
	w->row.len += (size_t)n;
	w->row.s[w->row.len] = '\0';
	return SO_OK;
}

int
export_writer_end(struct export_writer *w, struct so_err *err)
{
	sb_add(&w->row, "\r\n");
	fwrite(w->row.s, 1, w->row.len, w->out);
	sb_reset(&w->row);
	w->nfields = 0;
	if (ferror(w->out))
		return so_err_set(err, SO_ERR, _("write error: %s"),
		    strerror(errno));
	return SO_OK;
}

/* The column's heading: the English label in UTF-8 (the keys a
 * program reads back, whatever the language), the Russian one for
 * Russian Excel. */
static const char *
label_of(const struct export_writer *w, const struct entity *ent, int fi)
{
	const struct field_desc *fd;

	if (fi == EXPORT_ID)
		return "id";
	fd = &ent->fields[fi];
	if (w->dialect == EXPORT_EXCEL)
		return field_label_ru(ent, fd);
	return fd->label;
}

int
export_writer_label(struct export_writer *w, const struct entity *ent,
    int fi, struct so_err *err)
{
	char why[sizeof(err->msg)];

	if (export_writer_add(w, label_of(w, ent, fi), 1, err) == SO_OK)
		return SO_OK;
	snprintf(why, sizeof(why), "%s", err->msg);
	return so_err_set(err, SO_EINVAL, _("the header, field \"%s\": %s"),
	    fi == EXPORT_ID ? "id" : ent->fields[fi].name, why);
}

int
export_writer_value(struct export_writer *w, const struct entity *ent,
    int fi, const void *obj, struct so_err *err)
{
	const struct field_desc *fd;
	char why[sizeof(err->msg)], *v;
	int64_t id = rec_meta((void *)obj)->id;
	int rc;

	if (fi == EXPORT_ID)
		v = xasprintf("%lld", (long long)id);
	else
		v = field_format(ent, fi, obj);
	rc = export_writer_add(w, v, !export_is_number(ent, fi), err);
	free(v);
	if (rc == SO_OK)
		return SO_OK;
	snprintf(why, sizeof(why), "%s", err->msg);
	if (fi == EXPORT_ID)
		return so_err_set(err, rc, "%s %lld, id: %s", ent->name,
		    (long long)id, why);
	fd = &ent->fields[fi];
	/* TRANSLATORS: the record (company 12), the field's name, its
	 * Russian label (the Excel file's heading), the reason. */
	return so_err_field(err, rc, fd->name, _("%s %lld, field \"%s\" "
	    "(%s): %s"), ent->name, (long long)id, fd->name,
	    field_label_ru(ent, fd), why);
}

/* ---- a whole list ---- */

static int
put_header(struct export_writer *w, const struct entity *ent,
    struct so_err *err)
{
	int f;

	for (f = 0; f < ent->nfields; f++)
		if (!(ent->fields[f].flags & F_HIDDEN) &&
		    export_writer_label(w, ent, f, err) != SO_OK)
			return err->code;
	return export_writer_end(w, err);
}

struct put_rows {
	struct export_writer	*w;
	const struct entity	*ent;
	int64_t			*rows;
};

/* One record as a row (rec_walk's callback). */
static int
put_row(void *arg, const void *rec, struct so_err *err)
{
	struct put_rows *x = arg;
	int f;

	for (f = 0; f < x->ent->nfields; f++)
		if (!(x->ent->fields[f].flags & F_HIDDEN) &&
		    export_writer_value(x->w, x->ent, f, rec, err) != SO_OK)
			return err->code;
	if (export_writer_end(x->w, err) != SO_OK)
		return err->code;
	(*x->rows)++;
	return SO_OK;
}

int
export_csv_dialect(struct db *db, const struct entity *ent,
    const struct list_query *q, enum export_dialect d, FILE *out,
    int64_t *rows, struct so_err *err)
{
	struct export_writer w;
	struct put_rows x = { .w = &w, .ent = ent, .rows = rows };
	struct list_query own = *q;
	int code;

	*rows = 0;
	/* A manager takes away only their own records. */
	own.mine = acl_export_owner(db);
	if ((code = export_writer_init(&w, out, d, err)) != SO_OK)
		return code;
	if ((code = put_header(&w, ent, err)) == SO_OK)
		code = rec_walk(db, ent, &own, put_row, &x, err);
	export_writer_free(&w);
	return code;
}

int
export_csv(struct db *db, const struct entity *ent,
    const struct list_query *q, FILE *out, int64_t *rows,
    struct so_err *err)
{
	return export_csv_dialect(db, ent, q, EXPORT_UTF8, out, rows, err);
}

int
export_csv_file(struct db *db, const struct entity *ent,
    const struct list_query *q, enum export_dialect d, const char *path,
    int64_t *rows, struct so_err *err)
{
	struct so_err cerr;
	char *tmp;
	FILE *f;
	int code;

	*rows = 0;
	if ((f = export_file_open(path, &tmp, err)) == NULL)
		return err->code;
	code = export_csv_dialect(db, ent, q, d, f, rows, err);
	if (export_file_close(f, &tmp, path, code == SO_OK, &cerr) != SO_OK &&
	    code == SO_OK) {
		*err = cerr;
		code = cerr.code;
	}
	return code;
}

/* ---- all or nothing: a temporary file renamed over the target ---- */

/* The mode a new file gets (0666 less the umask), or path's own. */
static mode_t
mode_for(const char *path)
{
	struct stat sb;
	mode_t mask;

	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
		return sb.st_mode & 07777;
	mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

static FILE *
file_open(const char *path, char **tmp, struct so_err *err)
{
	const char *slash = strrchr(path, '/');
	FILE *f;
	int fd;

	if (*path == '\0') {
		so_err_set(err, SO_EINVAL, "%s", _("no file name"));
		*tmp = NULL;
		return NULL;
	}
	/* ".name.XXXXXX" in the same directory: rename(2) is atomic there
	 * and the half-written file does not look like the real one */
	if (slash)
		*tmp = xasprintf("%.*s.%s.XXXXXX", (int)(slash - path + 1),
		    path, slash + 1);
	else
		*tmp = xasprintf(".%s.XXXXXX", path);
	if ((fd = mkstemp(*tmp)) == -1) {
		so_err_set(err, SO_ERR, "%s: %s", path, strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	if (fchmod(fd, mode_for(path)) == -1 ||
	    (f = fdopen(fd, "w")) == NULL) {
		so_err_set(err, SO_ERR, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	return f;
}

/*
 * The file is made and later renamed as the user, not with the group of
 * a setgid salesorg (priv.h): it belongs to the user and the user's
 * group, and a path into the guarded directory is refused.
 */
FILE *
export_file_open(const char *path, char **tmp, struct so_err *err)
{
	FILE *f;

	priv_user_begin();
	f = file_open(path, tmp, err);
	priv_user_end();
	return f;
}

int
export_file_close(FILE *f, char **tmp, const char *path, int ok,
    struct so_err *err)
{
	int code = SO_OK;

	if (ok && (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0))
		code = so_err_set(err, SO_ERR, "%s: %s", path,
		    strerror(errno));
	if (fclose(f) != 0 && code == SO_OK && ok)
		code = so_err_set(err, SO_ERR, "%s: %s", path,
		    strerror(errno));
	priv_user_begin();
	if (ok && code == SO_OK && rename(*tmp, path) != 0)
		code = so_err_set(err, SO_ERR, "%s: %s", path,
		    strerror(errno));
	if (!ok || code != SO_OK)
		unlink(*tmp);
	priv_user_end();
	free(*tmp);
	*tmp = NULL;
	return ok ? code : SO_OK;
}
