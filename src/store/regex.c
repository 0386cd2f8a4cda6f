/*
 * PCRE2 behind filters' field~REGEX (see include/store/regex.h).
 *
 * The match context carries the limits; the JIT ignores the depth limit
 * but honours the match limit and runs on its own bounded stack, whose
 * overflow is reported as "too expensive" too.  Patterns compile with
 * PCRE2_UTF, so PCRE2 checks the subject's UTF-8 on every match; a
 * value that fails the check is matched once more as a repaired copy
 * (invalid bytes become U+FFFD), never with PCRE2_NO_UTF_CHECK, which
 * would make invalid input undefined behaviour.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/regex.h"

struct so_regex {
	pcre2_code		*code;
	pcre2_match_data	*md;
	pcre2_match_context	*mctx;
	int			 fold;	/* ё as е in subjects (needs_fold) */
};

/*
 * Can the pattern (ё already as е) tell ё from е in a subject?  Only
 * through е itself, a class ([а-я] holds е, not ё) or an escape (\x{451},
 * \p{...}); a pattern with none of them matches ё wherever it matches е
 * (., literals of other letters, anchors), so its subjects are not
 * even searched for ё (~^Иван).
 */
static int
needs_fold(const char *p)
{
	for (; *p; p++)
		if (*p == '[' || *p == '\\' || ((unsigned char)p[0] == 0xd0 &&
		    ((unsigned char)p[1] == 0xb5 || (unsigned char)p[1] ==
		    0x95)))
			return 1;
	return 0;
}

struct so_regex *
regex_compile(const char *pattern, size_t *offset, char *msg, size_t msglen)
{
	struct so_regex *re;
	PCRE2_UCHAR buf[256];
	PCRE2_SIZE off = 0;
	pcre2_code *code;
	char *folded;
	int ec;

	/* Caseless, and ё as е on both sides (run()): most people type е.
	 * The two letters have the same length, so offsets stand. */
	folded = utf8_yo_to_ye(pattern);
	code = pcre2_compile((PCRE2_SPTR)folded, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &ec, &off, NULL);
	if (code == NULL) {
		free(folded);
		pcre2_get_error_message(ec, buf, sizeof(buf));
		snprintf(msg, msglen, "%s", (char *)buf);
		*offset = off;
		return NULL;
	}
	/* No JIT (an unsupported CPU, or W^X forbids it) is not an error:
	 * the interpreter gives the same answers, a little slower. */
	(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	re = xcalloc(1, sizeof(*re));
	re->code = code;
	re->fold = needs_fold(folded);
	free(folded);
	re->md = pcre2_match_data_create_from_pattern(code, NULL);
	re->mctx = pcre2_match_context_create(NULL);
	if (re->md == NULL || re->mctx == NULL) {
		regex_free(re);
		snprintf(msg, msglen, "%s", _("out of memory"));
		*offset = 0;
		return NULL;
	}
	pcre2_set_match_limit(re->mctx, REGEX_MATCH_LIMIT);
	pcre2_set_depth_limit(re->mctx, REGEX_DEPTH_LIMIT);
	pcre2_set_heap_limit(re->mctx, REGEX_HEAP_LIMIT_KIB);
	return re;
}

void
regex_free(struct so_regex *re)
{
	if (re == NULL)
		return;
	pcre2_match_data_free(re->md);
	pcre2_match_context_free(re->mctx);
	pcre2_code_free(re->code);
	free(re);
}

/* s[0..len) with every invalid byte replaced by U+FFFD. */
static char *
repair(const char *s, size_t len, size_t *outlen)
{
	struct strbuf b = { 0 };
	char enc[4];
	uint32_t cp;
	size_t i = 0, k;

	while (i < len) {
		k = utf8_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && !utf8_valid(s + i, k))
			sb_addn(&b, enc, utf8_encode(0xFFFD, enc));
		else
			sb_addn(&b, s + i, k);
		i += k;
	}
	*outlen = b.len;
	return sb_steal(&b);
}

/* The offset of the first ё or Ё (UTF-8 d1 91, d0 81) in s[0..len), or
 * len.  A plain loop: in Cyrillic every other byte is d0 or d1, where
 * memchr for them stops on each letter (a third of a regular
 * expression filter's time over 300 000 names). */
static size_t
find_yo(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; i + 1 < len; i++)
		if ((u[i] == 0xd1 && u[i + 1] == 0x91) ||
		    (u[i] == 0xd0 && u[i + 1] == 0x81))
			return i;
	return len;
}

/* The length of the copy of a subject kept on the stack (a name, a
 * phone number); a longer one with ё is copied to the heap. */
#define FOLD_STACK	256

static int
run(struct so_regex *re, const char *s, size_t len)
{
	char stack[FOLD_STACK], *folded;
	size_t i;
	int rc;

	if (s == NULL)
		s = "";
	if (!re->fold || (i = find_yo(s, len)) == len)
		return pcre2_match(re->code, (PCRE2_SPTR)s, len, 0, 0, re->md,
		    re->mctx);
	/* ё as е, Ё as Е, in a copy: the same length. */
	folded = len < sizeof(stack) ? stack : xmalloc(len + 1);
	memcpy(folded, s, len);
	folded[len] = '\0';
	for (; i + 1 < len; i++)
		if ((unsigned char)folded[i] == 0xd1 &&
		    (unsigned char)folded[i + 1] == 0x91) {
			folded[i] = (char)0xd0;
			folded[++i] = (char)0xb5;
		} else if ((unsigned char)folded[i] == 0xd0 &&
		    (unsigned char)folded[i + 1] == 0x81)
			folded[++i] = (char)0x95;
	rc = pcre2_match(re->code, (PCRE2_SPTR)folded, len, 0, 0, re->md,
	    re->mctx);
	if (folded != stack)
		free(folded);
	return rc;
}

int
regex_match(struct so_regex *re, const char *subject, size_t len, char *msg,
    size_t msglen)
{
	PCRE2_UCHAR buf[256];
	char *fixed;
	size_t flen;
	int rc;

	rc = run(re, subject, len);
	if (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21) {
		fixed = repair(subject, len, &flen);
		rc = run(re, fixed, flen);
		free(fixed);
	}
	if (rc >= 0)
		return 1;
	switch (rc) {
	case PCRE2_ERROR_NOMATCH:
		return 0;
	case PCRE2_ERROR_MATCHLIMIT:
	case PCRE2_ERROR_DEPTHLIMIT:
	case PCRE2_ERROR_HEAPLIMIT:
	case PCRE2_ERROR_JIT_STACKLIMIT:
	case PCRE2_ERROR_NOMEMORY:
		snprintf(msg, msglen, _("pattern too expensive: it backtracks "
		    "too much on a %zu-byte value; make it more specific "
		    "(avoid nested repeats such as (a+)+)"), len);
		return -1;
	default:
		pcre2_get_error_message(rc, buf, sizeof(buf));
		snprintf(msg, msglen, _("pattern failed: %s"), (char *)buf);
		return -1;
	}
}

static void
free_aux(void *p)
{
	regex_free(p);
}

/* regexp(pattern, subject): see the header. */
static void
fn_regexp(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct so_regex *re = sqlite3_get_auxdata(ctx, 0);
	const char *pat, *subj;
	char msg[512];
	size_t off;
	int rc, own = 0;

	(void)argc;
	if (re == NULL) {
		if ((pat = (const char *)sqlite3_value_text(argv[0])) == NULL) {
			sqlite3_result_int(ctx, 0);
			return;
		}
		if ((re = regex_compile(pat, &off, msg, sizeof(msg))) == NULL) {
			char *e = xasprintf(_("bad pattern at offset %zu: %s"),
			    off, msg);

			sqlite3_result_error(ctx, e, -1);
			free(e);
			return;
		}
		sqlite3_set_auxdata(ctx, 0, re, free_aux);
		/* SQLite frees it at once if it cannot keep it. */
		if (sqlite3_get_auxdata(ctx, 0) != re) {
			re = regex_compile(pat, &off, msg, sizeof(msg));
			if (re == NULL) {
				sqlite3_result_error_nomem(ctx);
				return;
			}
			own = 1;
		}
	}
	subj = (const char *)sqlite3_value_text(argv[1]);
	if (subj == NULL) {
		sqlite3_result_int(ctx, 0);
	} else {
		rc = regex_match(re, subj, (size_t)sqlite3_value_bytes(argv[1]),
		    msg, sizeof(msg));
		if (rc < 0)
			sqlite3_result_error(ctx, msg, -1);
		else
			sqlite3_result_int(ctx, rc);
	}
	if (own)
		regex_free(re);
}

int
regex_register(struct sqlite3 *h)
{
	return sqlite3_create_function(h, "regexp", 2,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
	    fn_regexp, NULL, NULL);
}
