/*
 * Internet messages (mime.c): encoded-words split at character
 * boundaries and within RFC 2047's 75 characters, quoted-printable
 * within 76 with '=' and trailing spaces encoded, no header injection
 * from data, the RFC 5322 date, and mboxrd quoting.  Each encoding is
 * checked by decoding it back here, with decoders written from the RFCs
 * rather than taken from mime.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/utf8.h"
#include "base/util.h"
#include "exchange/mime.h"
#include "harness.h"

/* ---- decoders for the checks ---- */

static int
b64val(char c)
{
	const char *tab = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789+/";
	const char *p = strchr(tab, c);

	return c && p ? (int)(p - tab) : -1;
}

/* Base64 s[0..n) appended to out; -1 on a bad character. */
static int
unbase64(const char *s, size_t n, struct strbuf *out)
{
	uint32_t v = 0;
	int bits = 0, d;
	size_t i;

	for (i = 0; i < n && s[i] != '='; i++) {
		if ((d = b64val(s[i])) < 0)
			return -1;
		v = v << 6 | (uint32_t)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			sb_addc(out, (char)((v >> bits) & 0xff));
		}
	}
	return 0;
}

/*
 * Decodes one header's value (the lines after "Name:"): unfolds it,
 * checks each encoded-word (at most 75 characters, a whole UTF-8 text
 * on its own) and joins them as RFC 2047 says (whitespace between two
 * encoded-words is dropped).  NULL after a failed check.
 */
static char *
decode_header(const char *v, int *words)
{
	struct strbuf out = { 0 }, word = { 0 };
	const char *p = v, *end;
	int prev_word = 0;
	size_t sp;

	*words = 0;
	sb_add(&out, "");
	while (*p) {
		sp = strspn(p, " \t\r\n");
		if (strncmp(p + sp, "=?UTF-8?B?", 10) == 0) {
			if (!prev_word)
				sb_addn(&out, p, sp);
			p += sp + 10;
			if ((end = strstr(p, "?=")) == NULL)
				goto bad;
			if (end - p + 12 > MIME_WORD) {
				harness_fail(__FILE__, __LINE__, "encoded-word "
				    "of %d characters", (int)(end - p + 12));
				goto bad;
			}
			sb_reset(&word);
			sb_add(&word, "");
			if (unbase64(p, (size_t)(end - p), &word) < 0 ||
			    !utf8_valid(word.s, word.len)) {
				harness_fail(__FILE__, __LINE__, "encoded-word "
				    "%.*s is not whole UTF-8", (int)(end - p),
				    p);
				goto bad;
			}
			sb_addn(&out, word.s, word.len);
			(*words)++;
			prev_word = 1;
			p = end + 2;
		} else if (sp > 0) {
			/* unfolding: CRLF before whitespace goes */
			for (; sp > 0; p++, sp--)
				if (*p != '\r' && *p != '\n')
					sb_addc(&out, *p);
			prev_word = 0;
		} else {
			sb_addc(&out, *p++);
			prev_word = 0;
		}
	}
	sb_free(&word);
	return sb_steal(&out);
bad:
	sb_free(&word);
	sb_free(&out);
	return NULL;
}

/* The value of header name in msg (up to the next unfolded line). */
static char *
header_value(const char *msg, const char *name)
{
	size_t n = strlen(name);
	const char *p = msg, *e;

	while (*p && *p != '\r' && *p != '\n') {
		e = p;
		do {
			e = strchr(e, '\n');
			e = e ? e + 1 : p + strlen(p);
		} while (*e == ' ' || *e == '\t');
		if (strncmp(p, name, n) == 0 && p[n] == ':') {
			p += n + 1;
			p += *p == ' ';
			while (e > p && (e[-1] == '\n' || e[-1] == '\r'))
				e--;
			return xstrndup(p, (size_t)(e - p));
		}
		p = e;
	}
	return NULL;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Quoted-printable lines (CRLF or LF) back to text with LF line ends;
 * checks each line's length and that no line ends in a space. */
static char *
unqp(const char *s)
{
	struct strbuf out = { 0 };
	const char *nl;
	size_t n, i;

	sb_add(&out, "");
	for (; *s; s = nl + 1) {
		nl = strchr(s, '\n');
		if (nl == NULL)
			nl = s + strlen(s) - 1;
		n = (size_t)(nl - s);
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (n > 76)
			harness_fail(__FILE__, __LINE__, "QP line of %zu", n);
		if (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			harness_fail(__FILE__, __LINE__, "QP line ends in "
			    "white space");
		for (i = 0; i < n; i++) {
			if (s[i] != '=') {
				if (s[i] < 33 && s[i] != ' ' && s[i] != '\t')
					harness_fail(__FILE__, __LINE__,
					    "raw control in QP");
				sb_addc(&out, s[i]);
			} else if (i + 1 == n) {
				break;		/* soft break */
			} else if (i + 2 < n + 1 && hexval(s[i + 1]) >= 0 &&
			    hexval(s[i + 2]) >= 0) {
				sb_addc(&out, (char)(hexval(s[i + 1]) * 16 +
				    hexval(s[i + 2])));
				i += 2;
			} else {
				harness_fail(__FILE__, __LINE__, "bare =");
			}
		}
		if (i == n)
			sb_addc(&out, '\n');
	}
	return sb_steal(&out);
}

/* Every line of s (split at LF, CR dropped) at most max bytes. */
static int
lines_within(const char *s, size_t max)
{
	const char *nl;
	size_t n;

	for (; *s; s = nl + 1) {
		if ((nl = strchr(s, '\n')) == NULL)
			nl = s + strlen(s);
		n = (size_t)(nl - s);
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (n > max)
			return 0;
		if (*nl == '\0')
			break;
	}
	return 1;
}

/* ---- encoded-words ---- */

TEST(mime_cyrillic_subject_splits_at_character_boundaries)
{
	const char *subject = "Коммерческое предложение для ООО «Ромашка» "
	    "на поставку оборудования в первом квартале — скидка 15 % "
	    "постоянным клиентам 🙂 ёЁ";
	struct strbuf b = { 0 };
	char *v, *dec;
	int words;

	mime_header(&b, "Subject", subject, MIME_CRLF);
	CHECK(strncmp(b.s, "Subject: =?UTF-8?B?", 19) == 0);
	CHECK(lines_within(b.s, MIME_LINE));
	v = header_value(b.s, "Subject");
	REQUIRE(v != NULL);
	dec = decode_header(v, &words);
	CHECK(words > 3);
	CHECK_STR(dec, subject);
	free(dec);
	free(v);
	sb_free(&b);
}

/* Every split point of a string of 2-, 3- and 4-byte characters. */
TEST(mime_encoded_words_never_split_a_sequence)
{
	const char *unit = "жё€🙂";
	struct strbuf s = { 0 }, b = { 0 };
	char *v, *dec;
	int i, words;

	for (i = 0; i < 40; i++) {
		sb_add(&s, unit + (i % 4 == 0 ? 0 : i % 4 == 1 ? 2 :
		    i % 4 == 2 ? 4 : 7));
		sb_reset(&b);
		mime_header(&b, "Subject", s.s, MIME_LF);
		CHECK(lines_within(b.s, MIME_LINE));
		v = header_value(b.s, "Subject");
		REQUIRE(v != NULL);
		dec = decode_header(v, &words);
		CHECK_STR(dec, s.s);
		free(dec);
		free(v);
	}
	sb_free(&s);
	sb_free(&b);
}

TEST(mime_ascii_subject_stays_readable_and_folds)
{
	struct strbuf b = { 0 };
	char *v, *p, *q;

	mime_header(&b, "Subject", "Price list", MIME_CRLF);
	CHECK_STR(b.s, "Subject: Price list\r\n");
	sb_reset(&b);
	mime_header(&b, "Subject", "A long subject line that goes on and on "
	    "past the seventy-eight columns a header line should keep to",
	    MIME_LF);
	CHECK(lines_within(b.s, MIME_LINE));
	CHECK(strchr(b.s, '\n') != strrchr(b.s, '\n'));	/* folded */
	v = header_value(b.s, "Subject");
	REQUIRE(v != NULL);
	/* unfolding removes the line breaks only */
	for (p = q = v; *p; p++)
		if (*p != '\n')
			*q++ = *p;
	*q = '\0';
	CHECK_STR(v, "A long subject line that goes on and on past the "
	    "seventy-eight columns a header line should keep to");
	free(v);
	/* text that looks like an encoded-word is encoded itself */
	sb_reset(&b);
	mime_header(&b, "Subject", "=?UTF-8?B?0JA=?=", MIME_LF);
	CHECK(strncmp(b.s, "Subject: =?UTF-8?B?PT9VVEYt", 27) == 0);
	sb_free(&b);
}

/* ---- quoted-printable ---- */

TEST(mime_qp_long_lines_equals_and_trailing_spaces)
{
	struct strbuf text = { 0 }, b = { 0 };
	char *dec;
	int i;

	for (i = 0; i < 30; i++)
		sb_add(&text, "abc=");
	sb_add(&text, "\nстрока с пробелами в конце   \n\ttab at end\t\n");
	for (i = 0; i < 200; i++)
		sb_addc(&text, 'x');
	sb_add(&text, "\nFrom the start\n.\n");
	mime_qp(&b, text.s, MIME_CRLF);
	CHECK(strstr(b.s, "=3D") != NULL);
	CHECK(strstr(b.s, "=20\r\n") != NULL);
	CHECK(strstr(b.s, "=09\r\n") != NULL);
	CHECK(strstr(b.s, "=\r\n") != NULL);		/* soft breaks */
	CHECK(strstr(b.s, "\r\n=46rom the start\r\n") != NULL);
	/* every LF is part of a CRLF */
	for (i = 0; b.s[i]; i++)
		if (b.s[i] == '\n' && (i == 0 || b.s[i - 1] != '\r'))
			break;
	CHECK(b.s[i] == '\0');
	dec = unqp(b.s);
	CHECK_STR(dec, text.s);
	free(dec);
	sb_reset(&b);
	mime_qp(&b, "no newline at the end", MIME_LF);
	CHECK_STR(b.s, "no newline at the end\n");
	sb_free(&b);
	sb_free(&text);
}

/* An =XX is never cut by a soft break, at any position. */
TEST(mime_qp_soft_breaks_keep_escapes_whole)
{
	struct strbuf text = { 0 }, b = { 0 };
	char *dec;
	int i;

	for (i = 0; i < 90; i++) {
		sb_add(&text, i % 3 ? "ы" : "a");
		sb_reset(&b);
		mime_qp(&b, text.s, MIME_LF);
		dec = unqp(b.s);
		CHECK(strncmp(dec, text.s, text.len) == 0);
		free(dec);
	}
	sb_free(&text);
	sb_free(&b);
}

/* ---- the message ---- */

static int
build(const char *to_name, const char *to, const char *subject,
    enum mime_eol eol, struct strbuf *b, struct so_err *err)
{
	struct mime_msg m = { 0 };

	m.from = "Анна Петрова <anna@example.com>";
	m.to_name = to_name;
	m.to_addr = to;
	m.subject = subject;
	m.body = "Здравствуйте!\n";
	m.date = (time_t)1795413600;
	return mime_build(&m, eol, b, err);
}

TEST(mime_header_injection_cannot_add_a_header)
{
	struct strbuf b = { 0 };
	struct so_err err = { 0 };
	const char *p;
	char *v, *dec;
	int words;

	REQUIRE(build("Evil\r\nBcc: victim@example.com", "a@example.com",
	    "Hello\r\nBcc: victim@example.com\nX-Injected: 1\r\n\r\nbody",
	    MIME_CRLF, &b, &err) == SO_OK);
	/* no line of the header starts a field we did not write */
	for (p = b.s; p && strncmp(p, "\r\n", 2) != 0;
	    p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		CHECK(strncmp(p, "Bcc:", 4) != 0);
		CHECK(strncmp(p, "X-Injected:", 11) != 0);
	}
	v = header_value(b.s, "Subject");
	REQUIRE(v != NULL);
	dec = decode_header(v, &words);
	CHECK(dec && strchr(dec, '\r') == NULL && strchr(dec, '\n') == NULL);
	CHECK(dec && strstr(dec, "Bcc: victim") != NULL);  /* kept, as text */
	free(dec);
	free(v);
	/* a line break in an address is refused, not cleaned */
	sb_reset(&b);
	CHECK_INT(build("X", "a@example.com\r\nBcc: v@example.com", "s",
	    MIME_CRLF, &b, &err), SO_EINVAL);
	CHECK(strstr(err.msg, "not an e-mail address") != NULL);
	CHECK_INT(build("X", "a@example.com>, <v@example.com", "s",
	    MIME_CRLF, &b, &err), SO_EINVAL);
	sb_free(&b);
}

TEST(mime_message_headers_and_line_ends)
{
	struct strbuf b = { 0 };
	struct so_err err = { 0 };
	char *v, *dec;
	int words, i;

	setenv("TZ", "Europe/Moscow", 1);
	tzset();
	REQUIRE(build("Сергей Иванов", "s.ivanov@example.ru", "Тема", MIME_CRLF,
	    &b, &err) == SO_OK);
	v = header_value(b.s, "Date");
	CHECK_STR(v, "Mon, 23 Nov 2026 09:00:00 +0300");
	free(v);
	v = header_value(b.s, "To");
	REQUIRE(v != NULL);
	dec = decode_header(v, &words);
	CHECK_STR(dec, "Сергей Иванов <s.ivanov@example.ru>");
	free(dec);
	free(v);
	v = header_value(b.s, "From");
	dec = v ? decode_header(v, &words) : NULL;
	CHECK_STR(dec, "Анна Петрова <anna@example.com>");
	free(dec);
	free(v);
	v = header_value(b.s, "Message-ID");
	CHECK(v && v[0] == '<' && strstr(v, "@example.com>") != NULL);
	free(v);
	CHECK(strstr(b.s, "\r\nMIME-Version: 1.0\r\n") != NULL);
	CHECK(strstr(b.s, "\r\nContent-Type: text/plain; charset=UTF-8\r\n"));
	CHECK(strstr(b.s, "\r\nContent-Transfer-Encoding: quoted-printable"
	    "\r\n\r\n=D0=97") != NULL);
	for (i = 0; b.s[i]; i++)
		if (b.s[i] == '\n' && (i == 0 || b.s[i - 1] != '\r'))
			break;
	CHECK(b.s[i] == '\0');
	/* the LF form has no CR at all */
	sb_reset(&b);
	REQUIRE(build("\"Quoted\" \\ Name", "x@example.ru", "s", MIME_LF, &b,
	    &err) == SO_OK);
	CHECK(strchr(b.s, '\r') == NULL);
	CHECK(strstr(b.s, "To: \"\\\"Quoted\\\" \\\\ Name\" <x@example.ru>\n"));
	sb_free(&b);
}

TEST(mime_addresses)
{
	char *s;

	CHECK(mime_addr_ok("a.b+c@example.com"));
	CHECK(!mime_addr_ok("a b@example.com"));
	CHECK(!mime_addr_ok("@example.com"));
	CHECK(!mime_addr_ok("a@"));
	CHECK(!mime_addr_ok("a@b@c"));
	CHECK(!mime_addr_ok("иван@пример.рф"));
	s = mime_first_addr(" a@x.ru; b@y.ru");
	CHECK_STR(s, "a@x.ru");
	free(s);
	s = mime_addr_of("Anna <anna@example.com>");
	CHECK_STR(s, "anna@example.com");
	free(s);
	s = mime_addr_of(" anna@example.com ");
	CHECK_STR(s, "anna@example.com");
	free(s);
}

TEST(mime_mbox_quotes_from_lines)
{
	struct strbuf b = { 0 };

	mime_mbox_entry(&b, "anna@example.com", (time_t)1795413600,
	    "Subject: x\n\nFrom here\n>From there\nnot From\n>>From x");
	CHECK_STR(b.s, "From anna@example.com Mon Nov 23 06:00:00 2026\n"
	    "Subject: x\n\n>From here\n>>From there\nnot From\n>>>From x\n\n");
	sb_reset(&b);
	mime_mbox_entry(&b, "a@b.c", (time_t)1772668800, "x\n");
	CHECK_STR(b.s, "From a@b.c Thu Mar  5 00:00:00 2026\nx\n\n");
	sb_free(&b);
}
