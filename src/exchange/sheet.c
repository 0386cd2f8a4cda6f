/*
 * What the .xlsx and .xls readers share (see include/exchange/sheet.h): numbers,
 * date serials and ISO dates as text, a row of reusable cell buffers,
 * and the sheet-name list's free.
 *
 * Numbers are formatted and read back in the "C" locale, switched to
 * for the call with uselocale(): the program runs under setlocale(LC_ALL,
 * "") and a Russian LC_NUMERIC would otherwise write "1234,5" here and
 * read "1234.5" from the XML as 1234.
 */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/priv.h"
#include "base/util.h"
#include "exchange/sheet.h"

/* The largest date serial: 9999-12-31 in the 1900 system (and a day
 * less in the 1904 one, which spreadsheets cut at the same serial). */
#define MAX_SERIAL	2958465.0

static locale_t
c_locale(void)
{
	static locale_t c;

	if (c == (locale_t)0)
		c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	return c;
}

int
sheet_parse_number(const char *s, double *v)
{
	locale_t c = c_locale(), old = (locale_t)0;
	char *end;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (*s == '\0')
		return -1;
	if (c != (locale_t)0)
		old = uselocale(c);
	*v = strtod(s, &end);
	if (c != (locale_t)0)
		uselocale(old);
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	return *end == '\0' && isfinite(*v) ? 0 : -1;
}

/*
 * The digits and exponent of v (> 0) with the fewest of 15, 16 and 17
 * significant digits that read back as v: 1234.5 gives "12345" and 3.
 * Returns the digit count (trailing zeros dropped).
 */
static size_t
shortest_digits(double v, char *dig, int *exp)
{
	char tmp[SHEET_NUM_SIZE];
	const char *p;
	size_t n = 0;
	int prec;

	for (prec = 15; prec < 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, v);
	for (p = tmp; *p != '\0' && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9')
			dig[n++] = *p;
	*exp = *p == 'e' ? atoi(p + 1) : 0;
	while (n > 1 && dig[n - 1] == '0')
		n--;
	dig[n] = '\0';
	return n;
}

void
sheet_number(double v, char *buf, size_t size)
{
	locale_t c = c_locale(), old = (locale_t)0;
	char dig[SHEET_NUM_SIZE], out[SHEET_NUM_SIZE], *o = out;
	size_t n, i;
	int exp;

	if (isnan(v) || isinf(v)) {
		snprintf(buf, size, "#NUM!");
		return;
	}
	if (v == 0) {			/* -0 too */
		snprintf(buf, size, "0");
		return;
	}
	if (c != (locale_t)0)
		old = uselocale(c);
	if (v < 0) {
		*o++ = '-';
		v = -v;
	}
	n = shortest_digits(v, dig, &exp);
	if (c != (locale_t)0)
		uselocale(old);
	if (exp < -7 || exp >= 21) {
		/* d[.ddd]e±XX, as %g would write it */
		*o++ = dig[0];
		if (n > 1) {
			*o++ = '.';
			memcpy(o, dig + 1, n - 1);
			o += n - 1;
		}
		snprintf(o, sizeof(out) - (size_t)(o - out), "e%c%02d",
		    exp < 0 ? '-' : '+', abs(exp));
	} else if (exp < 0) {
		*o++ = '0';
		*o++ = '.';
		for (i = 1; i < (size_t)-exp; i++)
			*o++ = '0';
		memcpy(o, dig, n);
		o[n] = '\0';
	} else {
		for (i = 0; i <= (size_t)exp || i < n; i++) {
			if (i == (size_t)exp + 1)
				*o++ = '.';
			*o++ = i < n ? dig[i] : '0';
		}
		*o = '\0';
	}
	snprintf(buf, size, "%s", out);
}

/* ---- number formats ---- */

enum sheet_fmt
sheet_builtin_kind(unsigned id)
{
	if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
	    (id >= 50 && id <= 58))
		return SHEET_FMT_DATE;
	if ((id >= 18 && id <= 21) || id == 45 || id == 47)
		return SHEET_FMT_TIME;
	if (id == 46)
		return SHEET_FMT_ELAPSED;
	return SHEET_FMT_NUMBER;
}

/*
 * A format shows dates when one of d, m, y, h, s is a placeholder in it:
 * outside quoted literals ("руб."), after no backslash or '_' or '*'
 * (which take the next character literally), and outside [...] (colours,
 * conditions, locales like [$-419]) unless that is an elapsed-time
 * [h], [mm] or [ss].  An 'm' is minutes beside h or s, else a month.
 */
enum sheet_fmt
sheet_format_kind(const char *code)
{
	int date = 0, time = 0, month = 0, elapsed = 0;
	const char *p, *q;
	char ch;

	for (p = code; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			while (p[1] != '\0' && p[1] != '"')
				p++;
			if (p[1] != '\0')
				p++;
			continue;
		case '\\':
		case '_':
		case '*':
			if (p[1] != '\0')
				p++;
			continue;
		case '[':
			q = strchr(p, ']');
			if (q == NULL)
				return SHEET_FMT_NUMBER;
			ch = (char)(p[1] | 0x20);
			if (q > p + 1 && (ch == 'h' || ch == 'm' ||
			    ch == 's') && strspn(p + 1, "hHmMsS") ==
			    (size_t)(q - p - 1))
				elapsed = 1;
			p = q;
			continue;
		}
		switch (*p | 0x20) {
		case 'd':
		case 'y':
			date = 1;
			break;
		case 'h':
		case 's':
			time = 1;
			break;
		case 'm':
			month = 1;
			break;
		}
	}
	if (date)
		return SHEET_FMT_DATE;
	if (elapsed)
		return SHEET_FMT_ELAPSED;
	if (time)
		return SHEET_FMT_TIME;
	return month ? SHEET_FMT_DATE : SHEET_FMT_NUMBER;
}

/* ---- dates ---- */

static void
time_text(long secs, long hours, char *buf, size_t size)
{
	if (secs % 60 != 0)
		snprintf(buf, size, "%02ld:%02ld:%02ld", hours,
		    secs / 60 % 60, secs % 60);
	else
		snprintf(buf, size, "%02ld:%02ld", hours, secs / 60 % 60);
}

int
sheet_serial_text(double serial, int date1904, enum sheet_fmt kind,
    char *buf, size_t size)
{
	long long total;
	long days, secs, base;
	int y, m, d;
	char t[32];

	if (!(serial >= 0 && serial < MAX_SERIAL + 1))
		return -1;
	/* To the second, as a spreadsheet shows it: 45367.60416666666
	 * is 14:30, not 14:29:59. */
	total = llround(serial * 86400.0);
	days = (long)(total / 86400);
	secs = (long)(total % 86400);
	if (kind == SHEET_FMT_ELAPSED) {
		time_text(secs, (long)(total / 3600), buf, size);
		return 0;
	}
	if (kind == SHEET_FMT_TIME || days == 0) {
		time_text(secs, secs / 3600, buf, size);
		return 0;
	}
	if (date1904)
		base = dt_days_from_civil(1904, 1, 1);
	else if (days < 60)
		base = dt_days_from_civil(1899, 12, 31);
	else
		base = dt_days_from_civil(1899, 12, 30);
	if (!date1904 && days == 60) {
		/* Lotus 1-2-3 took 1900 for a leap year; Excel kept it. */
		y = 1900;
		m = 2;
		d = 29;
	} else
		dt_civil_from_days(base + days, &y, &m, &d);
	if (secs == 0) {
		snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
		return 0;
	}
	time_text(secs, secs / 3600, t, sizeof(t));
	snprintf(buf, size, "%04d-%02d-%02d %s", y, m, d, t);
	return 0;
}

/* n digits at s, or -1. */
static int
num_at(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* "HH:MM[:SS[.fff]][Z]" at s as time text; -1 if it is not one. */
static int
iso_time(const char *s, char *buf, size_t size)
{
	int h = num_at(s, 2), m = -1, sec = 0;
	const char *p = s + 5;

	if (h < 0 || s[2] != ':' || (m = num_at(s + 3, 2)) < 0)
		return -1;
	if (*p == ':') {
		if ((sec = num_at(p + 1, 2)) < 0)
			return -1;
		p += 3;
		if (*p == '.')
			for (p++; *p >= '0' && *p <= '9'; p++)
				continue;
	}
	if (*p == 'Z')
		p++;
	if (*p != '\0' || h > 23 || m > 59 || sec > 59)
		return -1;
	time_text(h * 3600L + m * 60 + sec, h, buf, size);
	return 0;
}

void
sheet_iso_text(const char *in, char *buf, size_t size)
{
	char t[32];
	int y = num_at(in, 4), mo, d;

	if (iso_time(in, t, sizeof(t)) == 0) {
		snprintf(buf, size, "%s", t);
		return;
	}
	if (y < 0 || in[4] != '-' || (mo = num_at(in + 5, 2)) < 1 ||
	    mo > 12 || in[7] != '-' || (d = num_at(in + 8, 2)) < 1 ||
	    d > 31) {
		snprintf(buf, size, "%s", in);
		return;
	}
	if (in[10] == '\0' || ((in[10] == 'T' || in[10] == ' ') &&
	    iso_time(in + 11, t, sizeof(t)) == 0)) {
		if (in[10] == '\0' || strcmp(t, "00:00") == 0)
			snprintf(buf, size, "%.10s", in);
		else
			snprintf(buf, size, "%.10s %s", in, t);
		return;
	}
	snprintf(buf, size, "%s", in);
}

/* ---- rows ---- */

/* Makes cells[i] hold len bytes and a NUL. */
static char *
cell_room(struct sheet_row *r, size_t i, size_t len)
{
	if (r->caps[i] < len + 1) {
		r->caps[i] = len + 1 < 16 ? 16 : len + 1;
		r->cells[i] = xrealloc(r->cells[i], r->caps[i]);
	}
	return r->cells[i];
}

void
sheet_row_set(struct sheet_row *r, size_t col, const char *s, size_t len)
{
	size_t i, cap;
	char *o;

	if (len == 0)
		return;
	if (col >= r->cap) {
		cap = r->cap ? r->cap : 16;
		while (cap <= col)
			cap *= 2;
		r->cells = xrealloc(r->cells, cap * sizeof(*r->cells));
		r->caps = xrealloc(r->caps, cap * sizeof(*r->caps));
		for (i = r->cap; i < cap; i++) {
			r->cells[i] = NULL;
			r->caps[i] = 0;
		}
		r->cap = cap;
	}
	for (i = r->n; i < col; i++)
		cell_room(r, i, 0)[0] = '\0';
	o = cell_room(r, col, len);
	for (i = 0; i < len; i++) {
		if (s[i] == '\r') {
			*o++ = '\n';
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		} else
			*o++ = s[i];
	}
	*o = '\0';
	if (col >= r->n)
		r->n = col + 1;
}

void
sheet_row_reset(struct sheet_row *r)
{
	r->n = 0;
}

void
sheet_row_free(struct sheet_row *r)
{
	size_t i;

	for (i = 0; i < r->cap; i++)
		free(r->cells[i]);
	free(r->cells);
	free(r->caps);
	memset(r, 0, sizeof(*r));
}

enum sheet_file
sheet_file_kind(const char *path)
{
	static const unsigned char zip[4] = { 'P', 'K', 3, 4 };
	static const unsigned char ole2[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1,
	    0xB1, 0x1A, 0xE1 };
	/* The local header's name at 30, the stored member right after. */
	static const char ods[] = "mimetypeapplication/vnd.oasis."
	    "opendocument.spreadsheet";
	unsigned char head[30 + sizeof(ods)];
	size_t n;
	FILE *f;

	if ((f = priv_fopen(path, "rb")) == NULL)
		return SHEET_FILE_UNREADABLE;
	n = fread(head, 1, sizeof(head), f);
	fclose(f);
	if (n >= 30 + sizeof(ods) - 1 && memcmp(head, zip, sizeof(zip)) == 0 &&
	    memcmp(head + 30, ods, sizeof(ods) - 1) == 0)
		return SHEET_FILE_ODS;
	if (n >= sizeof(zip) && memcmp(head, zip, sizeof(zip)) == 0)
		return SHEET_FILE_ZIP;
	if (n >= sizeof(ole2) && memcmp(head, ole2, sizeof(ole2)) == 0)
		return SHEET_FILE_OLE2;
	return SHEET_FILE_OTHER;
}

void
sheet_names_free(char **names, size_t n)
{
	size_t i;

	if (names == NULL)
		return;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
