/*
 * UTF-8 decoding, display width, case folding and terminal-safe text,
 * independent of the process locale; see include/utf8.h.
 */
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c, min;
	size_t len, i;

	if (n == 0)
		return 0;
	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xe0) == 0xc0) {
		len = 2;
		c &= 0x1f;
		min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3;
		c &= 0x0f;
		min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		goto bad;
	if (len > n)
		goto bad;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			goto bad;
		c = c << 6 | (p[i] & 0x3f);
	}
	/* overlong forms, surrogates and beyond Unicode are invalid */
	if (c < min || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = 0xfffd;
	return 1;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xc0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xe0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

int
utf8_valid(const char *s, size_t n)
{
	uint32_t cp;
	size_t k;

	while (n > 0) {
		k = utf8_decode(s, n, &cp);
		/* a real U+FFFD is three bytes; one byte means invalid */
		if (cp == 0xfffd && k == 1)
			return 0;
		s += k;
		n -= k;
	}
	return 1;
}

size_t
utf8_len(const char *s)
{
	size_t n = strlen(s), count = 0, k;
	uint32_t cp;

	while (n > 0) {
		k = utf8_decode(s, n, &cp);
		s += k;
		n -= k;
		count++;
	}
	return count;
}

size_t
utf8_next(const char *s, size_t off)
{
	uint32_t cp;
	size_t n = strlen(s + off);

	return off + (n ? utf8_decode(s + off, n, &cp) : 0);
}

size_t
utf8_prev(const char *s, size_t off)
{
	size_t p;

	if (off == 0)
		return 0;
	/* back over continuation bytes (at most 3), then check the lead
	 * decodes to exactly here; otherwise the byte stands alone */
	p = off - 1;
	while (p > 0 && off - p < 4 && ((unsigned char)s[p] & 0xc0) == 0x80)
		p--;
	if (utf8_next(s, p) == off)
		return p;
	return off - 1;
}

struct range {
	uint32_t lo, hi;
};

static int
in(const struct range *r, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/* Combining marks and zero-width characters (display width 0). */
static const struct range zero[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
	{ 0x05bf, 0x05bf }, { 0x05c1, 0x05c2 }, { 0x05c4, 0x05c5 },
	{ 0x05c7, 0x05c7 }, { 0x0610, 0x061a }, { 0x064b, 0x065f },
	{ 0x0670, 0x0670 }, { 0x06d6, 0x06dc }, { 0x06df, 0x06e4 },
	{ 0x0900, 0x0902 }, { 0x093a, 0x093a }, { 0x093c, 0x093c },
	{ 0x0941, 0x0948 }, { 0x094d, 0x094d }, { 0x0e31, 0x0e31 },
	{ 0x0e34, 0x0e3a }, { 0x0e47, 0x0e4e }, { 0x1ab0, 0x1aff },
	{ 0x1dc0, 0x1dff }, { 0x200b, 0x200f }, { 0x202a, 0x202e },
	{ 0x2060, 0x2064 }, { 0x20d0, 0x20ff }, { 0x302a, 0x302d },
	{ 0x3099, 0x309a }, { 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f },
	{ 0xfeff, 0xfeff }, { 0x1d167, 0x1d169 }, { 0xe0100, 0xe01ef },
};

/* East Asian wide and fullwidth, and emoji (display width 2). */
static const struct range wide[] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a },
	{ 0x23e9, 0x23ec }, { 0x23f0, 0x23f0 }, { 0x23f3, 0x23f3 },
	{ 0x25fd, 0x25fe }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267f, 0x267f }, { 0x2693, 0x2693 }, { 0x26a1, 0x26a1 },
	{ 0x26aa, 0x26ab }, { 0x26bd, 0x26be }, { 0x26c4, 0x26c5 },
	{ 0x26ce, 0x26ce }, { 0x26d4, 0x26d4 }, { 0x26ea, 0x26ea },
	{ 0x26f2, 0x26f3 }, { 0x26f5, 0x26f5 }, { 0x26fa, 0x26fa },
	{ 0x26fd, 0x26fd }, { 0x2705, 0x2705 }, { 0x270a, 0x270b },
	{ 0x2728, 0x2728 }, { 0x274c, 0x274c }, { 0x274e, 0x274e },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27b0, 0x27b0 }, { 0x27bf, 0x27bf }, { 0x2b1b, 0x2b1c },
	{ 0x2b50, 0x2b50 }, { 0x2b55, 0x2b55 }, { 0x2e80, 0x303e },
	{ 0x3041, 0x33ff }, { 0x3400, 0x4dbf }, { 0x4e00, 0x9fff },
	{ 0xa000, 0xa4cf }, { 0xa960, 0xa97f }, { 0xac00, 0xd7a3 },
	{ 0xf900, 0xfaff }, { 0xfe10, 0xfe19 }, { 0xfe30, 0xfe6f },
	{ 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x16fe0, 0x16fe4 },
	{ 0x17000, 0x18cff }, { 0x1b000, 0x1b2ff }, { 0x1f004, 0x1f004 },
	{ 0x1f0cf, 0x1f0cf }, { 0x1f18e, 0x1f18e }, { 0x1f191, 0x1f19a },
	{ 0x1f200, 0x1f251 }, { 0x1f300, 0x1f64f }, { 0x1f680, 0x1f6ff },
	{ 0x1f7e0, 0x1f7eb }, { 0x1f90c, 0x1f9ff }, { 0x1fa70, 0x1faff },
	{ 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
};

int
utf8_cpwidth(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7f)
		return 2;		/* "^A" */
	if (cp >= 0x80 && cp < 0xa0)
		return 4;		/* "<85>" */
	if (cp < 0x300)
		return 1;
	if (in(zero, sizeof(zero) / sizeof(zero[0]), cp))
		return 0;
	if (in(wide, sizeof(wide) / sizeof(wide[0]), cp))
		return 2;
	return 1;
}

int
utf8_width(const char *s)
{
	size_t n = strlen(s), k;
	uint32_t cp;
	int w = 0;

	while (n > 0) {
		k = utf8_decode(s, n, &cp);
		w += utf8_cpwidth(cp);
		s += k;
		n -= k;
	}
	return w;
}

uint32_t
utf8_fold_cp(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	/* Latin-1: À..Þ except × */
	if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
		return cp + 32;
	/* Latin Extended-A: pairs, upper case even (with two odd runs) */
	if (cp >= 0x100 && cp <= 0x137)
		return cp | 1;
	if (cp >= 0x139 && cp <= 0x148)
		return (cp & 1) ? cp + 1 : cp;
	if (cp >= 0x14a && cp <= 0x177)
		return cp | 1;
	if (cp == 0x178)
		return 0xff;
	if (cp >= 0x179 && cp <= 0x17e)
		return (cp & 1) ? cp + 1 : cp;
	/* Greek */
	if (cp == 0x386)
		return 0x3ac;
	if (cp >= 0x388 && cp <= 0x38a)
		return cp + 37;
	if (cp == 0x38c)
		return 0x3cc;
	if (cp == 0x38e || cp == 0x38f)
		return cp + 63;
	if (cp >= 0x391 && cp <= 0x3ab && cp != 0x3a2)
		return cp + 32;
	if (cp == 0x3c2)
		return 0x3c3;		/* final sigma folds to sigma */
	/* Cyrillic: Ѐ..Џ (Ё, Є, І, Ї, Ў ...), А..Я, then pairs (Ґ, Ѣ ...) */
	if (cp >= 0x400 && cp <= 0x40f)
		return cp + 80;
	if (cp >= 0x410 && cp <= 0x42f)
		return cp + 32;
	if ((cp >= 0x460 && cp <= 0x481) || (cp >= 0x48a && cp <= 0x4bf))
		return cp | 1;
	if (cp == 0x4c0)
		return 0x4cf;
	if (cp >= 0x4c1 && cp <= 0x4ce)
		return (cp & 1) ? cp + 1 : cp;
	if (cp >= 0x4d0 && cp <= 0x52f)
		return cp | 1;
	return cp;
}

char *
utf8_fold(const char *s)
{
	struct strbuf b = { 0 };
	size_t n = strlen(s), k;
	uint32_t cp;
	char enc[4];

	sb_add(&b, "");
	while (n > 0) {
		k = utf8_decode(s, n, &cp);
		sb_addn(&b, enc, utf8_encode(utf8_fold_cp(cp), enc));
		s += k;
		n -= k;
	}
	return sb_steal(&b);
}

uint32_t *
utf8_fold_cps(const char *s, size_t *n)
{
	size_t len = strlen(s), k, cap = len + 1;
	uint32_t *out = xmalloc(cap * sizeof(*out)), cp;

	*n = 0;
	while (len > 0) {
		k = utf8_decode(s, len, &cp);
		out[(*n)++] = utf8_fold_cp(cp);
		s += k;
		len -= k;
	}
	return out;
}

/*
 * Walks hay once, decoding and folding as it goes; at each code point
 * equal to the needle's first, compares the rest.  No allocation: this
 * runs for every searchable field of every row the quick filter scans.
 */
int
utf8_match_folded(const char *hay, size_t hlen, const uint32_t *needle,
    size_t n)
{
	size_t off = 0, k, j, o;
	uint32_t cp;

	if (n == 0)
		return 1;
	while (off < hlen) {
		k = utf8_decode(hay + off, hlen - off, &cp);
		if (utf8_fold_cp(cp) == needle[0]) {
			o = off + k;
			for (j = 1; j < n && o < hlen; j++) {
				o += utf8_decode(hay + o, hlen - o, &cp);
				if (utf8_fold_cp(cp) != needle[j])
					break;
			}
			if (j == n)
				return 1;
		}
		off += k;
	}
	return 0;
}

int
utf8_contains_fold(const char *hay, const char *needle)
{
	uint32_t *cps;
	size_t n;
	int found;

	if (*needle == '\0')
		return 1;
	cps = utf8_fold_cps(needle, &n);
	found = utf8_match_folded(hay, strlen(hay), cps, n);
	free(cps);
	return found;
}

char *
utf8_sanitize(const char *s)
{
	struct strbuf b = { 0 };
	size_t n = strlen(s), k;
	uint32_t cp;
	char enc[8];

	sb_add(&b, "");
	while (n > 0) {
		k = utf8_decode(s, n, &cp);
		if (cp < 0x20 || cp == 0x7f) {
			enc[0] = '^';
			enc[1] = cp == 0x7f ? '?' : (char)(cp + '@');
			sb_addn(&b, enc, 2);
		} else if (cp >= 0x80 && cp < 0xa0)
			sb_printf(&b, "<%02X>", (unsigned)cp);
		else if (cp == 0xfffd && k == 1)
			sb_add(&b, "\xef\xbf\xbd");
		else
			sb_addn(&b, s, k);
		s += k;
		n -= k;
	}
	return sb_steal(&b);
}

size_t
utf8_fit(const char *s, int cols, int *width)
{
	size_t n = strlen(s), off = 0, k;
	uint32_t cp;
	int w = 0, cw;

	while (off < n) {
		k = utf8_decode(s + off, n - off, &cp);
		cw = utf8_cpwidth(cp);
		if (w + cw > cols)
			break;
		w += cw;
		off += k;
	}
	if (width)
		*width = w;
	return off;
}
