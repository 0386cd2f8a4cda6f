/*
 * libFuzzer target: what mail merge makes of data (include/exchange/mime.h).
 * The first byte picks the line end (bit 0) and whether the text is a
 * header value or a body (bit 1); the rest is the text, which also goes
 * through the three address functions.  The promise checked is the one
 * that matters for data from a card: a header value never starts a
 * line of its own (every line break in the output is followed by
 * folding white space), and an address mime_addr_ok accepts is all
 * printable ASCII.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "exchange/mime.h"
#include "fuzz.h"

static void
check(int ok, const char *what, const char *text)
{
	if (!ok) {
		fprintf(stderr, "%s: \"%s\"\n", what, text);
		abort();
	}
}

/* Every "\n" but the last is followed by a space or a tab, and every
 * "\r" by "\n". */
static int
folded_only(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i++) {
		if (s[i] == '\n' && s[i + 1] != ' ' && s[i + 1] != '\t')
			return 0;
		if (s[i] == '\r' && s[i + 1] != '\n')
			return 0;
	}
	return len == 0 || s[len - 1] == '\n';
}

static void
addresses(const char *text)
{
	const unsigned char *p;
	char *a;

	if (mime_addr_ok(text))
		for (p = (const unsigned char *)text; *p; p++)
			check(*p > ' ' && *p < 0x7f,
			    "an address with a space or a control", text);
	free(mime_addr_of(text));
	a = mime_first_addr(text);
	check(a != NULL, "no first address", text);
	free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf b = { 0 };
	enum mime_eol eol;
	char *text;

	if (size < 1)
		return 0;
	fuzz_setup();
	eol = data[0] & 1 ? MIME_LF : MIME_CRLF;
	text = fuzz_text(data + 1, size - 1);
	if (data[0] & 2) {
		mime_qp(&b, text, eol);
	} else {
		mime_header(&b, "Subject", text, eol);
		check(folded_only(b.s ? b.s : "", b.len),
		    "a header value that starts a line", text);
	}
	addresses(text);
	sb_free(&b);
	free(text);
	return 0;
}
