/*
 * The .xlsx writer of doc.h: a workbook for Excel and LibreOffice Calc,
 * a sheet per table of the document.
 *
 * A sheet is named after the heading the table sits under (Excel's
 * rules: at most 31 characters, none of []:*?/\, not starting or ending
 * with an apostrophe, unique whatever the case; "(2)" after a repeated
 * one), its first row the table's header in bold and frozen, then the
 * rows: totals in bold, a group row its text in the first cell.  A
 * number column's value (DOC_RIGHT) that is a plain number in the
 * report's grouping -- as the CSV writer reads it, with the language's
 * decimal sign -- becomes a number: with two decimals in the money
 * format #,##0.00, else as it is (counts are integers); anything else
 * is an inline string, so the cells say what the CSV says.  The
 * document's title, period and paragraphs are not in the sheets, which
 * hold tables a program can sort and add up; a document without a
 * table gets one sheet of its title and text.
 *
 * Text is sanitized (utf8_sanitize_text: line breaks and tabs kept,
 * other control characters in their visible form, so nothing XML 1.0
 * forbids remains; U+FFFE and U+FFFF are dropped) and XML-escaped.
 *
 * libzip is reached through exchange/xlsx_api.h (opened on first use).
 * A sheet's XML goes to a temporary file as its rows are read back
 * (doc_table_row), so a table spilled to disk is not held in memory;
 * the archive is made in a temporary file and copied to f, which may be
 * any stream (report_save's temporary file).
 */
#define _GNU_SOURCE		/* secure_getenv */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "doc/doc.h"
#include "exchange/xlsx_api.h"

#define XML_DECL	"<?xml version=\"1.0\" encoding=\"UTF-8\" " \
			"standalone=\"yes\"?>\n"
#define NS_MAIN		"http://schemas.openxmlformats.org/spreadsheetml/" \
			"2006/main"
#define NS_REL		"http://schemas.openxmlformats.org/officeDocument/" \
			"2006/relationships"
#define NS_PKG_REL	"http://schemas.openxmlformats.org/package/2006/" \
			"relationships"
#define CT_BASE		"application/vnd.openxmlformats-officedocument."

/* The cellXfs of styles.xml, by index. */
enum {
	XF_PLAIN,
	XF_BOLD,
	XF_MONEY,	/* builtin number format 4: #,##0.00 */
	XF_BOLD_MONEY,
};

static const char styles_xml[] = XML_DECL
    "<styleSheet xmlns=\"" NS_MAIN "\">"
    "<fonts count=\"2\">"
    "<font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
    "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font>"
    "</fonts>"
    "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
    "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
    "<borders count=\"1\"><border><left/><right/><top/><bottom/>"
    "<diagonal/></border></borders>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" "
    "fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
    "<cellXfs count=\"4\">"
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" "
    "xfId=\"0\"/>"
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" "
    "xfId=\"0\" applyFont=\"1\"/>"
    "<xf numFmtId=\"4\" fontId=\"0\" fillId=\"0\" borderId=\"0\" "
    "xfId=\"0\" applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"4\" fontId=\"1\" fillId=\"0\" borderId=\"0\" "
    "xfId=\"0\" applyFont=\"1\" applyNumberFormat=\"1\"/>"
    "</cellXfs>"
    "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" "
    "builtinId=\"0\"/></cellStyles>"
    "</styleSheet>\n";

static const char rels_xml[] = XML_DECL
    "<Relationships xmlns=\"" NS_PKG_REL "\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_REL "/officeDocument\" "
    "Target=\"xl/workbook.xml\"/>"
    "</Relationships>\n";

/* s, sanitized and escaped for an element or an attribute, to out. */
static void
xml_text(struct strbuf *out, const char *s)
{
	struct strbuf b = { 0 };
	const unsigned char *p;

	sb_add(&b, "");
	sb_add(out, "");
	utf8_sanitize_text(&b, s, strlen(s), 1);
	for (p = (const unsigned char *)sb_str(&b); *p != '\0'; p++) {
		switch (*p) {
		case '&':
			sb_add(out, "&amp;");
			break;
		case '<':
			sb_add(out, "&lt;");
			break;
		case '>':
			sb_add(out, "&gt;");
			break;
		case '"':
			sb_add(out, "&quot;");
			break;
		case '\r':
			sb_add(out, "&#13;");
			break;
		default:
			/* not characters in XML 1.0: U+FFFE, U+FFFF */
			if (p[0] == 0xef && p[1] == 0xbf &&
			    (p[2] == 0xbe || p[2] == 0xbf)) {
				p += 2;
				break;
			}
			if (*p < 0x20 && *p != '\t' && *p != '\n')
				break;
			sb_addc(out, (char)*p);
		}
	}
	sb_free(&b);
}

/*
 * s as a number in the C locale ("-1234567.89") when it is one as the
 * builders write numbers (csv.c's plain_number: '-', digit groups of
 * three after single spaces, the language's decimal sign), with the
 * count of its decimals in *decimals; NULL for anything else, and for
 * more digits than a double keeps.
 */
static char *
number(const char *s, size_t *decimals)
{
	struct strbuf b = { 0 };
	const char *p = s;
	size_t run, digits = 0;

	*decimals = 0;
	if (*p == '-')
		sb_addc(&b, *p++);
	run = strspn(p, "0123456789");
	if (run == 0 || (p[run] == ' ' && run > 3))
		goto no;
	sb_addn(&b, p, run);
	digits += run;
	p += run;
	while (*p == ' ') {
		if (strspn(p + 1, "0123456789") != 3)
			goto no;
		sb_addn(&b, p + 1, 3);
		digits += 3;
		p += 4;
	}
	if (*p == *i18n_decimal_sign()) {
		if ((run = strspn(p + 1, "0123456789")) == 0)
			goto no;
		sb_addc(&b, '.');
		sb_addn(&b, p + 1, run);
		digits += run;
		*decimals = run;
		p += run + 1;
	}
	if (*p != '\0' || digits > 15)
		goto no;
	return sb_steal(&b);
no:
	sb_free(&b);
	return NULL;
}

/* "A", "B", ... "Z", "AA" ...: column j (from 0) as a cell reference. */
static void
col_name(size_t j, char *out)
{
	char tmp[8];
	size_t n = 0;

	j++;
	while (j > 0 && n < sizeof(tmp)) {
		tmp[n++] = (char)('A' + (j - 1) % 26);
		j = (j - 1) / 26;
	}
	while (n > 0)
		*out++ = tmp[--n];
	*out = '\0';
}

static void
cell(FILE *f, size_t row, size_t col, const char *s, int bold, int num)
{
	struct strbuf b = { 0 };
	char ref[8], *n;
	size_t decimals;

	if (s == NULL || *s == '\0')
		return;
	col_name(col, ref);
	if (num && (n = number(s, &decimals)) != NULL) {
		fprintf(f, "<c r=\"%s%zu\" s=\"%d\"><v>%s</v></c>", ref, row,
		    decimals == 2 ? (bold ? XF_BOLD_MONEY : XF_MONEY) :
		    (bold ? XF_BOLD : XF_PLAIN), n);
		free(n);
		return;
	}
	fprintf(f, "<c r=\"%s%zu\" s=\"%d\" t=\"inlineStr\"><is>"
	    "<t xml:space=\"preserve\">", ref, row, bold ? XF_BOLD : XF_PLAIN);
	xml_text(&b, s);
	fputs(sb_str(&b), f);
	sb_free(&b);
	fputs("</t></is></c>", f);
}

static void
sheet_begin(FILE *f, int frozen)
{
	fputs(XML_DECL "<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL
	    "\">", f);
	if (frozen)
		fputs("<sheetViews><sheetView workbookViewId=\"0\">"
		    "<pane ySplit=\"1\" topLeftCell=\"A2\" "
		    "activePane=\"bottomLeft\" state=\"frozen\"/>"
		    "</sheetView></sheetViews>", f);
	fputs("<sheetData>", f);
}

/* A table as a sheet: its header, then its rows read back one by one. */
static void
sheet_table(FILE *f, const struct doc_table *t)
{
	const struct doc_row *r;
	size_t i, j;
	int bold;

	sheet_begin(f, 1);
	fputs("<row r=\"1\">", f);
	for (j = 0; j < t->ncols; j++)
		cell(f, 1, j, t->cols[j].label, 1, 0);
	fputs("</row>", f);
	for (i = 0; i < t->nrows; i++) {
		if ((r = doc_table_row(t, i)) == NULL)
			break;		/* doc_table_error says so */
		bold = r->kind == DOC_ROW_TOTAL || r->kind == DOC_ROW_GROUP;
		fprintf(f, "<row r=\"%zu\">", i + 2);
		for (j = 0; j < t->ncols; j++) {
			/* a group row is its text in the first cell */
			if (r->kind == DOC_ROW_GROUP && j > 0)
				break;
			cell(f, i + 2, j, r->cells[j], bold,
			    t->cols[j].align == DOC_RIGHT &&
			    r->kind != DOC_ROW_GROUP);
		}
		fputs("</row>", f);
	}
	fputs("</sheetData></worksheet>\n", f);
}

/* A document without a table: its title and text, a line a row. */
static void
sheet_text(FILE *f, const struct doc *d)
{
	size_t i, row = 1;

	sheet_begin(f, 0);
	fprintf(f, "<row r=\"%zu\">", row);
	cell(f, row++, 0, d->title, 1, 0);
	fputs("</row>", f);
	for (i = 0; i < d->nblocks; i++) {
		if (d->blocks[i].text == NULL)
			continue;
		fprintf(f, "<row r=\"%zu\">", row);
		cell(f, row++, 0, d->blocks[i].text,
		    d->blocks[i].kind == DOC_HEADING, 0);
		fputs("</row>", f);
	}
	fputs("</sheetData></worksheet>\n", f);
}

/*
 * A sheet name by Excel's rules from s (NULL or empty: "Table N"),
 * unique among names[0..n) whatever the case of ASCII letters.
 * Its length is counted in UTF-16 units, as Excel counts.
 */
static char *
sheet_name(const char *s, size_t k, char *const *names, size_t n)
{
	struct strbuf b = { 0 };
	char *clean, *base, *name;
	const unsigned char *p;
	size_t units, i, len, cut, dup;

	clean = utf8_sanitize(s != NULL ? s : "");
	sb_add(&b, "");
	for (p = (unsigned char *)clean; *p != '\0'; p++)
		if (strchr("[]:*?/\\", *p) == NULL)
			sb_addc(&b, (char)*p);
	free(clean);
	base = sb_steal(&b);
	/* no apostrophe at either end, no blank ends */
	len = strlen(base);
	while (len > 0 && (base[len - 1] == '\'' || base[len - 1] == ' '))
		base[--len] = '\0';
	cut = strspn(base, "' ");
	memmove(base, base + cut, len - cut + 1);
	if (*base == '\0' || strcasecmp(base, "History") == 0) {
		free(base);
		/* TRANSLATORS: the name of a sheet in an .xlsx report
		 * whose table has no heading; %zu its number. */
		base = xasprintf(_("Table %zu"), k);
	}
	for (dup = 1;; dup++) {
		name = dup == 1 ? xstrdup(base) : xasprintf("%s (%zu)", base,
		    dup);
		/* at most 31 units, the "(N)" kept: cut the base */
		for (;;) {
			units = 0;
			for (p = (unsigned char *)name; *p != '\0'; p++)
				if ((*p & 0xc0) != 0x80)
					units += *p >= 0xf0 ? 2 : 1;
			if (units <= 31)
				break;
			len = strlen(base);
			len = utf8_prev(base, len);
			base[len] = '\0';
			free(name);
			name = dup == 1 ? xstrdup(base) :
			    xasprintf("%s (%zu)", base, dup);
		}
		for (i = 0; i < n; i++)
			if (strcasecmp(names[i], name) == 0)
				break;
		if (i == n)
			break;
		free(name);
	}
	free(base);
	return name;
}

/* Adds name to z from the bytes of data (kept until zip_close). */
static int
add_buffer(zip_t *z, const char *name, const char *data, size_t len,
    struct so_err *err)
{
	zip_source_t *src;

	if ((src = zip_source_buffer(z, data, len, 0)) == NULL)
		return so_err_set(err, SO_ERR, _("xlsx: %s: %s"), name,
		    zip_strerror(z));
	if (zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(src);
		return so_err_set(err, SO_ERR, _("xlsx: %s: %s"), name,
		    zip_strerror(z));
	}
	return SO_OK;
}

/* Adds name to z from the temporary file fp, which z takes. */
static int
add_file(zip_t *z, const char *name, FILE *fp, struct so_err *err)
{
	zip_source_t *src;

	if (fflush(fp) != 0 || ferror(fp)) {
		fclose(fp);
		return so_err_set(err, SO_ERR, _("xlsx: %s: %s"), name,
		    strerror(errno));
	}
	/* 0: to the end of the file; libzip reads it at zip_close */
	rewind(fp);
	if ((src = zip_source_filep(z, fp, 0, 0)) == NULL) {
		fclose(fp);
		return so_err_set(err, SO_ERR, _("xlsx: %s: %s"), name,
		    zip_strerror(z));
	}
	if (zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(src);
		return so_err_set(err, SO_ERR, _("xlsx: %s: %s"), name,
		    zip_strerror(z));
	}
	return SO_OK;
}

/* The sheets and the parts that name them, into z. */
static int
fill(zip_t *z, const struct doc *d, struct strbuf *parts,
    struct so_err *err)
{
	struct strbuf *wb = &parts[0], *wbrels = &parts[1], *ct = &parts[2];
	const char *heading = NULL;
	char **names = NULL, path[64];
	size_t i, n = 0, k;
	FILE *fp;
	int code = SO_OK;

	sb_add(wb, XML_DECL "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\""
	    NS_REL "\"><sheets>");
	sb_add(wbrels, XML_DECL "<Relationships xmlns=\"" NS_PKG_REL "\">");
	sb_add(ct, XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/"
	    "package/2006/content-types\">"
	    "<Default Extension=\"rels\" ContentType=\"application/"
	    "vnd.openxmlformats-package.relationships+xml\"/>"
	    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	    "<Override PartName=\"/xl/workbook.xml\" ContentType=\"" CT_BASE
	    "spreadsheetml.sheet.main+xml\"/>"
	    "<Override PartName=\"/xl/styles.xml\" ContentType=\"" CT_BASE
	    "spreadsheetml.styles+xml\"/>");
	for (i = 0; code == SO_OK && i <= d->nblocks; i++) {
		if (i < d->nblocks && d->blocks[i].kind == DOC_HEADING)
			heading = d->blocks[i].text;
		if (i < d->nblocks ? d->blocks[i].kind != DOC_TABLE : n > 0)
			continue;
		if ((fp = tmpfile()) == NULL) {
			code = so_err_set(err, SO_ERR, _("xlsx: a temporary "
			    "file: %s"), strerror(errno));
			break;
		}
		k = n + 1;
		names = xrealloc(names, k * sizeof(*names));
		/* a table under no heading: the document's title */
		names[n] = sheet_name(heading != NULL ? heading : d->title, k,
		    names, n);
		n++;
		heading = NULL;
		if (i < d->nblocks)
			sheet_table(fp, d->blocks[i].table);
		else
			sheet_text(fp, d);
		snprintf(path, sizeof(path), "xl/worksheets/sheet%zu.xml", k);
		if ((code = add_file(z, path, fp, err)) != SO_OK)
			break;
		sb_add(wb, "<sheet name=\"");
		xml_text(wb, names[n - 1]);
		sb_printf(wb, "\" sheetId=\"%zu\" r:id=\"rId%zu\"/>", k, k);
		sb_printf(wbrels, "<Relationship Id=\"rId%zu\" Type=\"" NS_REL
		    "/worksheet\" Target=\"worksheets/sheet%zu.xml\"/>", k, k);
		sb_printf(ct, "<Override PartName=\"/xl/worksheets/"
		    "sheet%zu.xml\" ContentType=\"" CT_BASE
		    "spreadsheetml.worksheet+xml\"/>", k);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (code != SO_OK)
		return code;
	sb_add(wb, "</sheets></workbook>\n");
	sb_printf(wbrels, "<Relationship Id=\"rId%zu\" Type=\"" NS_REL
	    "/styles\" Target=\"styles.xml\"/></Relationships>\n", n + 1);
	sb_add(ct, "</Types>\n");
	if ((code = add_buffer(z, "[Content_Types].xml", sb_str(ct),
	    strlen(sb_str(ct)), err)) != SO_OK ||
	    (code = add_buffer(z, "_rels/.rels", rels_xml,
	    sizeof(rels_xml) - 1, err)) != SO_OK ||
	    (code = add_buffer(z, "xl/workbook.xml", sb_str(wb),
	    strlen(sb_str(wb)), err)) != SO_OK ||
	    (code = add_buffer(z, "xl/_rels/workbook.xml.rels",
	    sb_str(wbrels), strlen(sb_str(wbrels)), err)) != SO_OK ||
	    (code = add_buffer(z, "xl/styles.xml", styles_xml,
	    sizeof(styles_xml) - 1, err)) != SO_OK)
		return code;
	return SO_OK;
}

/* Copies the file at path to f. */
static int
copy_out(const char *path, FILE *f, struct so_err *err)
{
	char buf[16384];
	FILE *in;
	size_t n;

	if ((in = fopen(path, "rb")) == NULL)
		return so_err_set(err, SO_ERR, "%s: %s", path,
		    strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, f) != n)
			break;
	fclose(in);
	if (fflush(f) != 0 || ferror(f))
		return so_err_set(err, SO_ERR, _("writing the xlsx: %s"),
		    strerror(errno));
	return SO_OK;
}

int
doc_write_xlsx(const struct doc *d, FILE *f, struct so_err *err)
{
	/* secure_getenv: a setgid salesorg ignores the caller's TMPDIR */
	const char *dir = secure_getenv("TMPDIR");
	struct strbuf parts[3] = { { 0 }, { 0 }, { 0 } };
	char *path;
	zip_t *z;
	int fd, zerr, code;
	size_t i;

	if ((code = xlsx_api_load(err)) != SO_OK)
		return code;
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	path = xasprintf("%s/salesorg-xlsx-XXXXXX", dir);
	if ((fd = mkstemp(path)) < 0) {
		code = so_err_set(err, SO_ERR, "%s: %s", path,
		    strerror(errno));
		free(path);
		return code;
	}
	close(fd);
	if ((z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr)) == NULL) {
		code = so_err_set(err, SO_ERR, _("xlsx: %s: cannot make the "
		    "archive (libzip error %d)"), path, zerr);
		goto out;
	}
	if ((code = fill(z, d, parts, err)) != SO_OK) {
		zip_discard(z);
		goto out;
	}
	if (zip_close(z) != 0) {
		code = so_err_set(err, SO_ERR, _("xlsx: %s"),
		    zip_strerror(z));
		zip_discard(z);
		goto out;
	}
	code = copy_out(path, f, err);
out:
	unlink(path);
	free(path);
	for (i = 0; i < 3; i++)
		sb_free(&parts[i]);
	return code;
}
