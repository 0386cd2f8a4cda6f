/*
 * UTF-8 decoding, display width, case folding and terminal-safe text,
 * independent of the process locale; see include/base/utf8.h.
 *
 * Everything here works on code points decoded by utf8_decode(), which
 * turns each byte that does not start a well-formed sequence into U+FFFD
 * and moves on by one byte.  Every other function inherits that rule, so
 * a damaged string (a truncated import, a file in CP1251) shows up as
 * replacement characters instead of crashing, looping or misaligning the
 * screen, and its width is the width of what utf8_sanitize() will draw.
 *
 * Widths come from our own tables rather than wcwidth(): wcwidth() answers
 * according to LC_CTYPE, so the same row would be laid out differently by
 * the TUI (which calls setlocale) and by the command line or a test (which
 * may not).  The tables follow the rules glibc uses to build its own, so
 * ncurses, which draws with wcwidth(), puts characters where we expect.
 */
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/util.h"

#define REPLACEMENT	0xfffdu
#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

/* ---- decoding and encoding ---- */

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
		goto bad;	/* a continuation byte or 0xf8..0xff */
	if (len > n)
		goto bad;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			goto bad;
		c = c << 6 | (p[i] & 0x3f);
	}
	/*
	 * Overlong forms are rejected because they smuggle characters past
	 * byte-level checks ("\xc0\xaf" is a '/'); surrogates and code
	 * points past U+10FFFF are not characters at all.
	 */
	if (c < min || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		goto bad;
	*cp = c;
	return len;
bad:
	/* one byte only: the next byte may well start a valid sequence */
	*cp = REPLACEMENT;
	return 1;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = REPLACEMENT;
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
		/* a real U+FFFD takes three bytes; one byte means invalid */
		if (cp == REPLACEMENT && k == 1)
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
	size_t n = 0;

	/* a sequence is at most 4 bytes: no need to measure the rest */
	while (n < 4 && s[off + n] != '\0')
		n++;
	return off + utf8_decode(s + off, n, &cp);
}

/*
 * Steps back to the start of the unit that utf8_next() would have stepped
 * over, so that prev and next are inverses even on invalid input: back
 * over at most three continuation bytes, and accept that lead byte only if
 * it decodes to exactly here; otherwise the last byte was a unit by itself
 * (a stray continuation byte decodes as one U+FFFD).
 */
size_t
utf8_prev(const char *s, size_t off)
{
	size_t p;

	if (off == 0)
		return 0;
	p = off - 1;
	while (p > 0 && off - p < 4 && ((unsigned char)s[p] & 0xc0) == 0x80)
		p--;
	if (utf8_next(s, p) == off)
		return p;
	return off - 1;
}

/* ---- display width ---- */

struct range {
	uint32_t	lo, hi;
};

static int
in_table(const struct range *r, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n, mid;

	if (n == 0 || cp < r[0].lo || cp > r[n - 1].hi)
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/*
 * The two tables below are generated from Unicode 14.0 (Python's
 * unicodedata) with the rules glibc's localedata/unicode-gen applies:
 *
 *   width 0: general category Mn, Me or Cf, or bidi class NSM; Hangul
 *	medial vowels and final consonants (U+1160..U+11FF, U+D7B0..U+D7FF)
 *	and U+200B; but not U+00AD SOFT HYPHEN nor the prepended
 *	concatenation marks (U+0600..U+0605, U+06DD, U+070F, U+0890,
 *	U+0891, U+08E2, U+110BD, U+110CD), which terminals draw.
 *   width 2: East_Asian_Width W or F, U+3248..U+324F, U+4DC0..U+4DFF, and
 *	the CJK ideograph blocks and planes 2 and 3 whether assigned or
 *	not, so that a newer Han character is still two columns.
 *
 * For every assigned code point from U+0300 up the result agrees with
 * glibc 2.36's wcwidth() in C.UTF-8; below U+0300 everything printable
 * is one column and utf8_cpwidth() handles the controls itself.
 */
static const struct range zero_width[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
	{ 0x05bf, 0x05bf }, { 0x05c1, 0x05c2 }, { 0x05c4, 0x05c5 },
	{ 0x05c7, 0x05c7 }, { 0x0610, 0x061a }, { 0x061c, 0x061c },
	{ 0x064b, 0x065f }, { 0x0670, 0x0670 }, { 0x06d6, 0x06dc },
	{ 0x06df, 0x06e4 }, { 0x06e7, 0x06e8 }, { 0x06ea, 0x06ed },
	{ 0x0711, 0x0711 }, { 0x0730, 0x074a }, { 0x07a6, 0x07b0 },
	{ 0x07eb, 0x07f3 }, { 0x07fd, 0x07fd }, { 0x0816, 0x0819 },
	{ 0x081b, 0x0823 }, { 0x0825, 0x0827 }, { 0x0829, 0x082d },
	{ 0x0859, 0x085b }, { 0x0898, 0x089f }, { 0x08ca, 0x08e1 },
	{ 0x08e3, 0x0902 }, { 0x093a, 0x093a }, { 0x093c, 0x093c },
	{ 0x0941, 0x0948 }, { 0x094d, 0x094d }, { 0x0951, 0x0957 },
	{ 0x0962, 0x0963 }, { 0x0981, 0x0981 }, { 0x09bc, 0x09bc },
	{ 0x09c1, 0x09c4 }, { 0x09cd, 0x09cd }, { 0x09e2, 0x09e3 },
	{ 0x09fe, 0x09fe }, { 0x0a01, 0x0a02 }, { 0x0a3c, 0x0a3c },
	{ 0x0a41, 0x0a42 }, { 0x0a47, 0x0a48 }, { 0x0a4b, 0x0a4d },
	{ 0x0a51, 0x0a51 }, { 0x0a70, 0x0a71 }, { 0x0a75, 0x0a75 },
	{ 0x0a81, 0x0a82 }, { 0x0abc, 0x0abc }, { 0x0ac1, 0x0ac5 },
	{ 0x0ac7, 0x0ac8 }, { 0x0acd, 0x0acd }, { 0x0ae2, 0x0ae3 },
	{ 0x0afa, 0x0aff }, { 0x0b01, 0x0b01 }, { 0x0b3c, 0x0b3c },
	{ 0x0b3f, 0x0b3f }, { 0x0b41, 0x0b44 }, { 0x0b4d, 0x0b4d },
	{ 0x0b55, 0x0b56 }, { 0x0b62, 0x0b63 }, { 0x0b82, 0x0b82 },
	{ 0x0bc0, 0x0bc0 }, { 0x0bcd, 0x0bcd }, { 0x0c00, 0x0c00 },
	{ 0x0c04, 0x0c04 }, { 0x0c3c, 0x0c3c }, { 0x0c3e, 0x0c40 },
	{ 0x0c46, 0x0c48 }, { 0x0c4a, 0x0c4d }, { 0x0c55, 0x0c56 },
	{ 0x0c62, 0x0c63 }, { 0x0c81, 0x0c81 }, { 0x0cbc, 0x0cbc },
	{ 0x0cbf, 0x0cbf }, { 0x0cc6, 0x0cc6 }, { 0x0ccc, 0x0ccd },
	{ 0x0ce2, 0x0ce3 }, { 0x0d00, 0x0d01 }, { 0x0d3b, 0x0d3c },
	{ 0x0d41, 0x0d44 }, { 0x0d4d, 0x0d4d }, { 0x0d62, 0x0d63 },
	{ 0x0d81, 0x0d81 }, { 0x0dca, 0x0dca }, { 0x0dd2, 0x0dd4 },
	{ 0x0dd6, 0x0dd6 }, { 0x0e31, 0x0e31 }, { 0x0e34, 0x0e3a },
	{ 0x0e47, 0x0e4e }, { 0x0eb1, 0x0eb1 }, { 0x0eb4, 0x0ebc },
	{ 0x0ec8, 0x0ecd }, { 0x0f18, 0x0f19 }, { 0x0f35, 0x0f35 },
	{ 0x0f37, 0x0f37 }, { 0x0f39, 0x0f39 }, { 0x0f71, 0x0f7e },
	{ 0x0f80, 0x0f84 }, { 0x0f86, 0x0f87 }, { 0x0f8d, 0x0f97 },
	{ 0x0f99, 0x0fbc }, { 0x0fc6, 0x0fc6 }, { 0x102d, 0x1030 },
	{ 0x1032, 0x1037 }, { 0x1039, 0x103a }, { 0x103d, 0x103e },
	{ 0x1058, 0x1059 }, { 0x105e, 0x1060 }, { 0x1071, 0x1074 },
	{ 0x1082, 0x1082 }, { 0x1085, 0x1086 }, { 0x108d, 0x108d },
	{ 0x109d, 0x109d }, { 0x1160, 0x11ff }, { 0x135d, 0x135f },
	{ 0x1712, 0x1714 }, { 0x1732, 0x1733 }, { 0x1752, 0x1753 },
	{ 0x1772, 0x1773 }, { 0x17b4, 0x17b5 }, { 0x17b7, 0x17bd },
	{ 0x17c6, 0x17c6 }, { 0x17c9, 0x17d3 }, { 0x17dd, 0x17dd },
	{ 0x180b, 0x180f }, { 0x1885, 0x1886 }, { 0x18a9, 0x18a9 },
	{ 0x1920, 0x1922 }, { 0x1927, 0x1928 }, { 0x1932, 0x1932 },
	{ 0x1939, 0x193b }, { 0x1a17, 0x1a18 }, { 0x1a1b, 0x1a1b },
	{ 0x1a56, 0x1a56 }, { 0x1a58, 0x1a5e }, { 0x1a60, 0x1a60 },
	{ 0x1a62, 0x1a62 }, { 0x1a65, 0x1a6c }, { 0x1a73, 0x1a7c },
	{ 0x1a7f, 0x1a7f }, { 0x1ab0, 0x1ace }, { 0x1b00, 0x1b03 },
	{ 0x1b34, 0x1b34 }, { 0x1b36, 0x1b3a }, { 0x1b3c, 0x1b3c },
	{ 0x1b42, 0x1b42 }, { 0x1b6b, 0x1b73 }, { 0x1b80, 0x1b81 },
	{ 0x1ba2, 0x1ba5 }, { 0x1ba8, 0x1ba9 }, { 0x1bab, 0x1bad },
	{ 0x1be6, 0x1be6 }, { 0x1be8, 0x1be9 }, { 0x1bed, 0x1bed },
	{ 0x1bef, 0x1bf1 }, { 0x1c2c, 0x1c33 }, { 0x1c36, 0x1c37 },
	{ 0x1cd0, 0x1cd2 }, { 0x1cd4, 0x1ce0 }, { 0x1ce2, 0x1ce8 },
	{ 0x1ced, 0x1ced }, { 0x1cf4, 0x1cf4 }, { 0x1cf8, 0x1cf9 },
	{ 0x1dc0, 0x1dff }, { 0x200b, 0x200f }, { 0x202a, 0x202e },
	{ 0x2060, 0x2064 }, { 0x2066, 0x206f }, { 0x20d0, 0x20f0 },
	{ 0x2cef, 0x2cf1 }, { 0x2d7f, 0x2d7f }, { 0x2de0, 0x2dff },
	{ 0x302a, 0x302d }, { 0x3099, 0x309a }, { 0xa66f, 0xa672 },
	{ 0xa674, 0xa67d }, { 0xa69e, 0xa69f }, { 0xa6f0, 0xa6f1 },
	{ 0xa802, 0xa802 }, { 0xa806, 0xa806 }, { 0xa80b, 0xa80b },
	{ 0xa825, 0xa826 }, { 0xa82c, 0xa82c }, { 0xa8c4, 0xa8c5 },
	{ 0xa8e0, 0xa8f1 }, { 0xa8ff, 0xa8ff }, { 0xa926, 0xa92d },
	{ 0xa947, 0xa951 }, { 0xa980, 0xa982 }, { 0xa9b3, 0xa9b3 },
	{ 0xa9b6, 0xa9b9 }, { 0xa9bc, 0xa9bd }, { 0xa9e5, 0xa9e5 },
	{ 0xaa29, 0xaa2e }, { 0xaa31, 0xaa32 }, { 0xaa35, 0xaa36 },
	{ 0xaa43, 0xaa43 }, { 0xaa4c, 0xaa4c }, { 0xaa7c, 0xaa7c },
	{ 0xaab0, 0xaab0 }, { 0xaab2, 0xaab4 }, { 0xaab7, 0xaab8 },
	{ 0xaabe, 0xaabf }, { 0xaac1, 0xaac1 }, { 0xaaec, 0xaaed },
	{ 0xaaf6, 0xaaf6 }, { 0xabe5, 0xabe5 }, { 0xabe8, 0xabe8 },
	{ 0xabed, 0xabed }, { 0xd7b0, 0xd7ff }, { 0xfb1e, 0xfb1e },
	{ 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f }, { 0xfeff, 0xfeff },
	{ 0xfff9, 0xfffb }, { 0x101fd, 0x101fd }, { 0x102e0, 0x102e0 },
	{ 0x10376, 0x1037a }, { 0x10a01, 0x10a03 },
	{ 0x10a05, 0x10a06 }, { 0x10a0c, 0x10a0f },
	{ 0x10a38, 0x10a3a }, { 0x10a3f, 0x10a3f },
	{ 0x10ae5, 0x10ae6 }, { 0x10d24, 0x10d27 },
	{ 0x10eab, 0x10eac }, { 0x10f46, 0x10f50 },
	{ 0x10f82, 0x10f85 }, { 0x11001, 0x11001 },
	{ 0x11038, 0x11046 }, { 0x11070, 0x11070 },
	{ 0x11073, 0x11074 }, { 0x1107f, 0x11081 },
	{ 0x110b3, 0x110b6 }, { 0x110b9, 0x110ba },
	{ 0x110c2, 0x110c2 }, { 0x11100, 0x11102 },
	{ 0x11127, 0x1112b }, { 0x1112d, 0x11134 },
	{ 0x11173, 0x11173 }, { 0x11180, 0x11181 },
	{ 0x111b6, 0x111be }, { 0x111c9, 0x111cc },
	{ 0x111cf, 0x111cf }, { 0x1122f, 0x11231 },
	{ 0x11234, 0x11234 }, { 0x11236, 0x11237 },
	{ 0x1123e, 0x1123e }, { 0x112df, 0x112df },
	{ 0x112e3, 0x112ea }, { 0x11300, 0x11301 },
	{ 0x1133b, 0x1133c }, { 0x11340, 0x11340 },
	{ 0x11366, 0x1136c }, { 0x11370, 0x11374 },
	{ 0x11438, 0x1143f }, { 0x11442, 0x11444 },
	{ 0x11446, 0x11446 }, { 0x1145e, 0x1145e },
	{ 0x114b3, 0x114b8 }, { 0x114ba, 0x114ba },
	{ 0x114bf, 0x114c0 }, { 0x114c2, 0x114c3 },
	{ 0x115b2, 0x115b5 }, { 0x115bc, 0x115bd },
	{ 0x115bf, 0x115c0 }, { 0x115dc, 0x115dd },
	{ 0x11633, 0x1163a }, { 0x1163d, 0x1163d },
	{ 0x1163f, 0x11640 }, { 0x116ab, 0x116ab },
	{ 0x116ad, 0x116ad }, { 0x116b0, 0x116b5 },
	{ 0x116b7, 0x116b7 }, { 0x1171d, 0x1171f },
	{ 0x11722, 0x11725 }, { 0x11727, 0x1172b },
	{ 0x1182f, 0x11837 }, { 0x11839, 0x1183a },
	{ 0x1193b, 0x1193c }, { 0x1193e, 0x1193e },
	{ 0x11943, 0x11943 }, { 0x119d4, 0x119d7 },
	{ 0x119da, 0x119db }, { 0x119e0, 0x119e0 },
	{ 0x11a01, 0x11a0a }, { 0x11a33, 0x11a38 },
	{ 0x11a3b, 0x11a3e }, { 0x11a47, 0x11a47 },
	{ 0x11a51, 0x11a56 }, { 0x11a59, 0x11a5b },
	{ 0x11a8a, 0x11a96 }, { 0x11a98, 0x11a99 },
	{ 0x11c30, 0x11c36 }, { 0x11c38, 0x11c3d },
	{ 0x11c3f, 0x11c3f }, { 0x11c92, 0x11ca7 },
	{ 0x11caa, 0x11cb0 }, { 0x11cb2, 0x11cb3 },
	{ 0x11cb5, 0x11cb6 }, { 0x11d31, 0x11d36 },
	{ 0x11d3a, 0x11d3a }, { 0x11d3c, 0x11d3d },
	{ 0x11d3f, 0x11d45 }, { 0x11d47, 0x11d47 },
	{ 0x11d90, 0x11d91 }, { 0x11d95, 0x11d95 },
	{ 0x11d97, 0x11d97 }, { 0x11ef3, 0x11ef4 },
	{ 0x13430, 0x13438 }, { 0x16af0, 0x16af4 },
	{ 0x16b30, 0x16b36 }, { 0x16f4f, 0x16f4f },
	{ 0x16f8f, 0x16f92 }, { 0x16fe4, 0x16fe4 },
	{ 0x1bc9d, 0x1bc9e }, { 0x1bca0, 0x1bca3 },
	{ 0x1cf00, 0x1cf2d }, { 0x1cf30, 0x1cf46 },
	{ 0x1d167, 0x1d169 }, { 0x1d173, 0x1d182 },
	{ 0x1d185, 0x1d18b }, { 0x1d1aa, 0x1d1ad },
	{ 0x1d242, 0x1d244 }, { 0x1da00, 0x1da36 },
	{ 0x1da3b, 0x1da6c }, { 0x1da75, 0x1da75 },
	{ 0x1da84, 0x1da84 }, { 0x1da9b, 0x1da9f },
	{ 0x1daa1, 0x1daaf }, { 0x1e000, 0x1e006 },
	{ 0x1e008, 0x1e018 }, { 0x1e01b, 0x1e021 },
	{ 0x1e023, 0x1e024 }, { 0x1e026, 0x1e02a },
	{ 0x1e130, 0x1e136 }, { 0x1e2ae, 0x1e2ae },
	{ 0x1e2ec, 0x1e2ef }, { 0x1e8d0, 0x1e8d6 },
	{ 0x1e944, 0x1e94a }, { 0xe0001, 0xe0001 },
	{ 0xe0020, 0xe007f }, { 0xe0100, 0xe01ef },
};

static const struct range double_width[] = {
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
	{ 0x2b50, 0x2b50 }, { 0x2b55, 0x2b55 }, { 0x2e80, 0x2e99 },
	{ 0x2e9b, 0x2ef3 }, { 0x2f00, 0x2fd5 }, { 0x2ff0, 0x2ffb },
	{ 0x3000, 0x3029 }, { 0x302e, 0x303e }, { 0x3041, 0x3096 },
	{ 0x309b, 0x30ff }, { 0x3105, 0x312f }, { 0x3131, 0x318e },
	{ 0x3190, 0x31e3 }, { 0x31f0, 0x321e }, { 0x3220, 0xa48c },
	{ 0xa490, 0xa4c6 }, { 0xa960, 0xa97c }, { 0xac00, 0xd7a3 },
	{ 0xf900, 0xfaff }, { 0xfe10, 0xfe19 }, { 0xfe30, 0xfe52 },
	{ 0xfe54, 0xfe66 }, { 0xfe68, 0xfe6b }, { 0xff01, 0xff60 },
	{ 0xffe0, 0xffe6 }, { 0x16fe0, 0x16fe3 }, { 0x16ff0, 0x16ff1 },
	{ 0x17000, 0x187f7 }, { 0x18800, 0x18cd5 },
	{ 0x18d00, 0x18d08 }, { 0x1aff0, 0x1aff3 },
	{ 0x1aff5, 0x1affb }, { 0x1affd, 0x1affe },
	{ 0x1b000, 0x1b122 }, { 0x1b150, 0x1b152 },
	{ 0x1b164, 0x1b167 }, { 0x1b170, 0x1b2fb },
	{ 0x1f004, 0x1f004 }, { 0x1f0cf, 0x1f0cf },
	{ 0x1f18e, 0x1f18e }, { 0x1f191, 0x1f19a },
	{ 0x1f200, 0x1f202 }, { 0x1f210, 0x1f23b },
	{ 0x1f240, 0x1f248 }, { 0x1f250, 0x1f251 },
	{ 0x1f260, 0x1f265 }, { 0x1f300, 0x1f320 },
	{ 0x1f32d, 0x1f335 }, { 0x1f337, 0x1f37c },
	{ 0x1f37e, 0x1f393 }, { 0x1f3a0, 0x1f3ca },
	{ 0x1f3cf, 0x1f3d3 }, { 0x1f3e0, 0x1f3f0 },
	{ 0x1f3f4, 0x1f3f4 }, { 0x1f3f8, 0x1f43e },
	{ 0x1f440, 0x1f440 }, { 0x1f442, 0x1f4fc },
	{ 0x1f4ff, 0x1f53d }, { 0x1f54b, 0x1f54e },
	{ 0x1f550, 0x1f567 }, { 0x1f57a, 0x1f57a },
	{ 0x1f595, 0x1f596 }, { 0x1f5a4, 0x1f5a4 },
	{ 0x1f5fb, 0x1f64f }, { 0x1f680, 0x1f6c5 },
	{ 0x1f6cc, 0x1f6cc }, { 0x1f6d0, 0x1f6d2 },
	{ 0x1f6d5, 0x1f6d7 }, { 0x1f6dd, 0x1f6df },
	{ 0x1f6eb, 0x1f6ec }, { 0x1f6f4, 0x1f6fc },
	{ 0x1f7e0, 0x1f7eb }, { 0x1f7f0, 0x1f7f0 },
	{ 0x1f90c, 0x1f93a }, { 0x1f93c, 0x1f945 },
	{ 0x1f947, 0x1f9ff }, { 0x1fa70, 0x1fa74 },
	{ 0x1fa78, 0x1fa7c }, { 0x1fa80, 0x1fa86 },
	{ 0x1fa90, 0x1faac }, { 0x1fab0, 0x1faba },
	{ 0x1fac0, 0x1fac5 }, { 0x1fad0, 0x1fad9 },
	{ 0x1fae0, 0x1fae7 }, { 0x1faf0, 0x1faf6 },
	{ 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
};

int
utf8_cpwidth(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7f)
		return 2;		/* drawn as "^A" */
	if (cp >= 0x80 && cp < 0xa0)
		return 4;		/* drawn as "<85>" */
	if (utf8_is_bidi_control(cp))
		return 6;		/* drawn as "<202E>" */
	if (cp < 0x300)
		return 1;
	if (in_table(zero_width, nitems(zero_width), cp))
		return 0;
	if (in_table(double_width, nitems(double_width), cp))
		return 2;
	return 1;
}

int
utf8_width(const char *s)
{
	return utf8_width_n(s, strlen(s));
}

int
utf8_width_n(const char *s, size_t n)
{
	size_t k;
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

/* ---- case folding ---- */

/*
 * Simple (one to one) case folding as in Unicode's CaseFolding.txt,
 * statuses C and S, for the blocks our users write in.  Written as code,
 * not a table, because in these blocks case pairs come in regular runs.
 * Mappings that need more than one code point (ß -> ss) are left alone:
 * a quick filter that matched "ss" against "ß" would need a different
 * search algorithm, and nobody has asked for it.
 */
static uint32_t
fold_latin(uint32_t cp)
{
	/* Latin-1: À..Þ except × (U+00D7) */
	if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
		return cp + 0x20;
	if (cp == 0xb5)
		return 0x3bc;		/* MICRO SIGN folds to Greek mu */
	/* Latin Extended-A: upper case first in each pair ... */
	if ((cp >= 0x100 && cp <= 0x12f) || (cp >= 0x132 && cp <= 0x137) ||
	    (cp >= 0x14a && cp <= 0x177))
		return cp | 1;
	/* ... except two runs where the pairs start on an odd code point */
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e))
		return (cp & 1) ? cp + 1 : cp;
	switch (cp) {
	case 0x130:
		/*
		 * İ has no simple folding; its lower case is i.  Folding
		 * to i lets "istanbul" find "İstanbul", which is what a
		 * search box is for.
		 */
		return 'i';
	case 0x178:
		return 0xff;		/* Ÿ -> ÿ */
	case 0x17f:
		return 's';		/* long s */
	}
	return cp;
}

static uint32_t
fold_greek(uint32_t cp)
{
	if ((cp >= 0x391 && cp <= 0x3a1) || (cp >= 0x3a3 && cp <= 0x3ab))
		return cp + 0x20;	/* Α..Ϋ */
	if (cp >= 0x388 && cp <= 0x38a)
		return cp + 0x25;	/* Έ Ή Ί */
	if (cp == 0x38e || cp == 0x38f)
		return cp + 0x3f;	/* Ύ Ώ */
	if ((cp >= 0x370 && cp <= 0x373) || cp == 0x376 ||
	    (cp >= 0x3d8 && cp <= 0x3ef))
		return cp | 1;		/* archaic letters, in pairs */
	if (cp >= 0x3fd && cp <= 0x3ff)
		return cp - 0x82;	/* Ͻ Ͼ Ͽ */
	switch (cp) {
	case 0x37f: return 0x3f3;
	case 0x386: return 0x3ac;
	case 0x38c: return 0x3cc;
	case 0x3c2: return 0x3c3;	/* final sigma matches sigma */
	case 0x3cf: return 0x3d7;
	case 0x3d0: return 0x3b2;	/* the symbol variants fold to */
	case 0x3d1: return 0x3b8;	/* the plain letters */
	case 0x3d5: return 0x3c6;
	case 0x3d6: return 0x3c0;
	case 0x3f0: return 0x3ba;
	case 0x3f1: return 0x3c1;
	case 0x3f4: return 0x3b8;
	case 0x3f5: return 0x3b5;
	case 0x3f7: return 0x3f8;
	case 0x3f9: return 0x3f2;
	case 0x3fa: return 0x3fb;
	}
	return cp;
}

static uint32_t
fold_cyrillic(uint32_t cp)
{
	if (cp >= 0x400 && cp <= 0x40f)
		return cp + 0x50;	/* Ѐ Ё Ђ Ѓ Є Ѕ І Ї Ј Љ Њ Ћ Ќ Ѝ Ў Џ */
	if (cp >= 0x410 && cp <= 0x42f)
		return cp + 0x20;	/* А..Я */
	if ((cp >= 0x460 && cp <= 0x481) || (cp >= 0x48a && cp <= 0x4bf) ||
	    (cp >= 0x4d0 && cp <= 0x52f))
		return cp | 1;		/* pairs: Ѣ Ѳ Ґ Қ Ң Ү Ә Ө ... */
	if (cp >= 0x4c1 && cp <= 0x4ce)
		return (cp & 1) ? cp + 1 : cp;	/* Ӂ..Ӎ start odd */
	if (cp == 0x4c0)
		return 0x4cf;		/* palochka */
	return cp;
}

uint32_t
utf8_fold_cp(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 0x20 : cp;
	if (cp < 0x180)
		return fold_latin(cp);
	if (cp >= 0x370 && cp < 0x400)
		return fold_greek(cp);
	/* ё is е: most people type е for ё, and must find Фёдоров */
	if (cp >= 0x400 && cp < 0x530)
		return (cp = fold_cyrillic(cp)) == 0x451 ? 0x435 : cp;
	return cp;
}


/*
 * A copy of s with every code point through f; an invalid byte becomes
 * U+FFFD, or with keep_invalid stays as it was (not ours to mend).
 */
static char *
map_cps(const char *s, uint32_t (*f)(uint32_t), int keep_invalid)
{
	struct strbuf b = { 0 };
	size_t n = strlen(s), k;
	uint32_t cp;
	char enc[4];

	sb_add(&b, "");
	while (n > 0) {
		k = utf8_decode(s, n, &cp);
		if (keep_invalid && cp == 0xFFFD && k == 1)
			sb_addn(&b, s, 1);
		else
			sb_addn(&b, enc, utf8_encode(f(cp), enc));
		s += k;
		n -= k;
	}
	return sb_steal(&b);
}

char *
utf8_fold(const char *s)
{
	return map_cps(s, utf8_fold_cp, 0);
}

/* ё, Ё as е, Е; every other code point as it is. */
static uint32_t
yo_to_ye(uint32_t cp)
{
	return cp == 0x451 ? 0x435 : cp == 0x401 ? 0x415 : cp;
}

char *
utf8_yo_to_ye(const char *s)
{
	return map_cps(s, yo_to_ye, 1);
}

uint32_t *
utf8_fold_cps(const char *s, size_t *n)
{
	size_t len = strlen(s), k;
	uint32_t *out, cp;

	/* never more code points than bytes; +1 so that "" allocates */
	out = xmalloc((len + 1) * sizeof(*out));
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
 * The naive restart is fine for the short needles people type.
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

/* ---- terminal-safe text ---- */

/*
 * Data comes from imports and other people: an ESC in a company name must
 * not reach the terminal, where it could move the cursor or retitle the
 * window.  Controls are shown rather than dropped so that the user can see
 * (and fix) them, in the notation less(1) and cat -v use.
 */
int
utf8_is_control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0);
}

int
utf8_is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 &&
	    cp <= 0x2069);
}

long
utf8_control_at(const char *s, const char *allowed, uint32_t *cp)
{
	return utf8_control_in(s, strlen(s), allowed, cp);
}

long
utf8_control_in(const char *s, size_t n, const char *allowed, uint32_t *cp)
{
	size_t off = 0, k;
	uint32_t c;

	while (off < n) {
		k = utf8_decode(s + off, n - off, &c);
		if (utf8_is_control(c) && (c >= 0x80 || allowed == NULL ||
		    c == 0 || strchr(allowed, (int)c) == NULL)) {
			if (cp)
				*cp = c;
			return (long)off;
		}
		off += k;
	}
	return -1;
}

int
utf8_plain(const char *s, size_t n, const char *allowed, size_t *chars)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	size_t count = 0;

	while (p < end) {
		if (*p >= 0x20 && *p < 0x7f) {
			p++;
		} else if (*p < 0x20) {
			if (*p == 0 || allowed == NULL ||
			    strchr(allowed, *p) == NULL)
				return 0;
			p++;
		} else if (*p >= 0xc2 && *p <= 0xdf) {
			/* U+0080..U+07FF; U+0080..U+009F are C1 */
			if (end - p < 2 || (p[1] & 0xc0) != 0x80 ||
			    (*p == 0xc2 && p[1] < 0xa0))
				return 0;
			p += 2;
		} else if (*p >= 0xe0 && *p <= 0xef) {
			/* no overlong (E0 80..9F), no surrogate (ED A0..BF) */
			if (end - p < 3 || (p[1] & 0xc0) != 0x80 ||
			    (p[2] & 0xc0) != 0x80 ||
			    (*p == 0xe0 && p[1] < 0xa0) ||
			    (*p == 0xed && p[1] >= 0xa0))
				return 0;
			p += 3;
		} else
			return 0;	/* DEL, stray bytes, four bytes */
		count++;
	}
	if (chars)
		*chars = count;
	return 1;
}

/*
 * The visible form of one code point that must not reach a terminal as
 * it is, appended to b; 0 when cp is shown as itself.  The width
 * utf8_cpwidth gives these is the width of what is appended here.
 */
static int
add_visible(struct strbuf *b, uint32_t cp)
{
	static const char hex[] = "0123456789ABCDEF";
	char enc[6];

	if (cp < 0x20 || cp == 0x7f) {
		enc[0] = '^';
		enc[1] = (char)(cp ^ 0x40);	/* ^@..^_, DEL ^? */
		sb_addn(b, enc, 2);
	} else if (cp >= 0x80 && cp < 0xa0) {
		enc[0] = '<';
		enc[1] = hex[cp >> 4];
		enc[2] = hex[cp & 0xf];
		enc[3] = '>';
		sb_addn(b, enc, 4);
	} else if (utf8_is_bidi_control(cp))
		sb_printf(b, "<%04X>", (unsigned)cp);
	else
		return 0;
	return 1;
}

char *
utf8_sanitize(const char *s)
{
	struct strbuf b = { 0 };
	size_t n = strlen(s), k;
	uint32_t cp;

	sb_add(&b, "");
	while (n > 0) {
		k = utf8_decode(s, n, &cp);
		if (add_visible(&b, cp))
			;
		else if (cp == REPLACEMENT && k == 1)
			sb_add(&b, "\xef\xbf\xbd");
		else
			sb_addn(&b, s, k);
		s += k;
		n -= k;
	}
	return sb_steal(&b);
}

/* The length of the sequence lead byte c starts (1 for anything else). */
static size_t
seq_len(unsigned char c)
{
	return c >= 0xf0 && c < 0xf8 ? 4 : c >= 0xe0 && c < 0xf0 ? 3 :
	    c >= 0xc0 && c < 0xe0 ? 2 : 1;
}

size_t
utf8_sanitize_text(struct strbuf *out, const char *s, size_t n, int last)
{
	size_t off = 0, k;
	uint32_t cp;

	while (off < n) {
		/* A sequence cut by the end of this piece waits for the
		 * rest, as a CR waits to see whether LF follows. */
		if (!last && seq_len((unsigned char)s[off]) > n - off)
			break;
		if (s[off] == '\r' && off + 1 == n && !last)
			break;
		k = utf8_decode(s + off, n - off, &cp);
		if (cp == '\n' || cp == '\t' || (cp == '\r' && off + 1 < n &&
		    s[off + 1] == '\n'))
			sb_addc(out, (char)cp);
		else if (add_visible(out, cp))
			;
		else if (cp == REPLACEMENT && k == 1)
			sb_add(out, "\xef\xbf\xbd");
		else
			sb_addn(out, s + off, k);
		off += k;
	}
	return off;
}

/*
 * Zero-width code points after the last character that fits are taken
 * too: a combining accent belongs to the letter before it.
 */
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

size_t
utf8_cut(const char *s, int cols, int *width)
{
	size_t n = utf8_fit(s, cols, width);

	if (s[n] == '\0' || cols <= 0)
		return n;
	n = utf8_fit(s, cols - 1, width);
	/* "+7 843 568-47-36…", not "+7 843 568-47-36 …" */
	while (n > 0 && s[n - 1] == ' ') {
		n--;
		if (width)
			(*width)--;
	}
	return n;
}

/*
 * One pass, remembering the last place the line may end: brk_end is
 * the end of the line's text there, brk_next where the next line would
 * start.  Blanks at a break are eaten, so no line starts with the blank
 * it broke at.
 */
static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static size_t
trim_end(const char *s, size_t end)
{
	while (end > 0 && is_blank(s[end - 1]))
		end--;
	return end;
}

size_t
utf8_wrap(const char *s, int cols, size_t *next)
{
	size_t n = strlen(s), off = 0, k, j, brk_end = 0, brk_next = 0;
	uint32_t cp, prev = ' ', prev2 = ' ';
	int w = 0, cw, have = 0;

	while (off < n) {
		k = utf8_decode(s + off, n - off, &cp);
		if (cp == '\n') {
			*next = off + 1;
			return trim_end(s, off);
		}
		if (is_blank(s[off])) {
			for (j = off; j < n && is_blank(s[j]); j++)
				;
			if (j == n || s[j] == '\n') {
				*next = j == n ? n : j + 1;
				return trim_end(s, off);
			}
			have = 1;
			brk_end = off;
			brk_next = j;
			w += (int)(j - off) * utf8_cpwidth(' ');
			off = j;
			prev2 = prev;
			prev = ' ';
			continue;
		}
		cw = utf8_cpwidth(cp);
		/* before a wide character, after one, or after a hyphen
		 * inside a word ("Северсталь-|Трейд"; not "-5", nor the
		 * date "2026-07-07") */
		if (off > 0 && prev != ' ' && prev != '\t' && (cw == 2 ||
		    utf8_cpwidth(prev) == 2 || (prev == '-' &&
		    prev2 != ' ' && prev2 != '\t' && prev2 != '-' &&
		    !(cp >= '0' && cp <= '9')))) {
			have = 1;
			brk_end = brk_next = off;
		}
		if (w + cw > cols) {
			if (have) {
				*next = brk_next;
				return trim_end(s, brk_end);
			}
			/* a word wider than the line: cut it at the width,
			 * one character at least */
			*next = off > 0 ? off : k;
			return *next;
		}
		w += cw;
		prev2 = prev;
		prev = cp;
		off += k;
	}
	*next = n;
	return trim_end(s, n);
}
