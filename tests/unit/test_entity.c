/*
 * Hostile input: random bytes (invalid UTF-8, controls, long runs, digits
 * and separators that look almost like dates) through every parser and
 * text function.  Under the sanitizer build any out-of-bounds access or
 * undefined behaviour fails the run; the checks here assert the promises
 * that must hold whatever the input.  Deterministic: a fixed-seed
 * xorshift, so a failure reproduces.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/utf8.h"
#include "harness.h"
#include "store/entities.h"
#include "ui/lineedit.h"

#define ROUNDS	20000

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* A random string biased towards what parsers look for. */
static char *
hostile(size_t *len)
{
	static const char *const bits[] = { "2026", "-", ":", ".", "+", "31",
	    "02", "завтра", "tomorrow", " ", "\xd0", "\xff", "\xc0\xaf",
	    "\xed\xa0\x80", "\x1b[2J", "9999999999999", "min", "д", "漢",
	    "e\xcc\x81", "\t", "\n", ",", "\xc2\xa0", "T", "fri", "#" };
	size_t n = next() % 12, i;
	char *s = malloc(4096);

	*len = 0;
	for (i = 0; i < n; i++) {
		const char *b;

		if (next() % 4 == 0) {
			s[(*len)++] = (char)(next() % 255 + 1);
			continue;
		}
		b = bits[next() % (sizeof(bits) / sizeof(bits[0]))];
		memcpy(s + *len, b, strlen(b));
		*len += strlen(b);
	}
	s[*len] = '\0';
	return s;
}

TEST(test_hostile_dates_and_money_parse_or_explain)
{
	char msg[200], out[11];
	time_t t;
	int64_t v;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		size_t n;
		char *s = hostile(&n);

		msg[0] = '\0';
		if (dt_parse_moment(s, 1795413600, &t, msg, sizeof(msg)) != 0) {
			const char *p;

			/* messages quote the input: never its raw bytes */
			CHECK(msg[0] != '\0' && utf8_valid(msg, strlen(msg)));
			for (p = msg; *p; p++)
				CHECK((unsigned char)*p >= 0x20 && *p != 0x7f);
		}
		msg[0] = '\0';
		if (dt_parse_date(s, 1795413600, out, msg, sizeof(msg)) == 0)
			CHECK(dt_valid_date(out));
		else
			CHECK(msg[0] != '\0');
		money_parse(s, &v);
		free(s);
	}
}

TEST(test_hostile_text_is_always_safe_to_draw)
{
	int i, w;

	for (i = 0; i < ROUNDS; i++) {
		size_t n, fit;
		char *s = hostile(&n), *clean = utf8_sanitize(s), *f;
		const char *p;

		CHECK(utf8_valid(clean, strlen(clean)));
		for (p = clean; *p; p++)
			CHECK((unsigned char)*p >= 0x20 && *p != 0x7f);
		CHECK_INT(utf8_width(clean), utf8_width(s));
		fit = utf8_fit(clean, 7, &w);
		CHECK(fit <= strlen(clean) && w <= 7);
		f = utf8_fold(s);
		utf8_contains_fold(s, f);
		free(f);
		free(clean);
		free(s);
	}
}

TEST(test_hostile_field_values_parse_or_name_the_field)
{
	struct so_err err;
	int i, k, fi;

	for (k = 0; entities[k]; k++) {
		const struct entity *ent = entities[k];
		void *obj = calloc(1, ent->size);

		rec_init(ent, obj);
		for (i = 0; i < ROUNDS / 10; i++) {
			size_t n;
			char *s = hostile(&n);

			fi = (int)(next() % (uint64_t)ent->nfields);
			err.field[0] = '\0';
			if (field_parse(ent, fi, obj, s, 1795413600, &err) != SO_OK)
				CHECK_STR(err.field, ent->fields[fi].name);
			else if (field_validate(ent, fi, obj, &err) != SO_OK)
				CHECK_STR(err.field, ent->fields[fi].name);
			free(field_format(ent, fi, obj));
			free(s);
		}
		rec_clear(ent, obj);
		free(obj);
	}
}

TEST(test_hostile_keys_keep_the_line_editor_consistent)
{
	static const wint_t keys[] = { KEY_LEFT, KEY_RIGHT, KEY_HOME, KEY_END,
	    KEY_BACKSPACE, KEY_DC, KEY_UP };
	struct lineedit le;
	size_t from, to;
	int i, col;

	le_init(&le, "ООО «Ромашка»");
	le.maxchars = 40;
	for (i = 0; i < ROUNDS * 5; i++) {
		uint64_t r = next();

		if (r % 3 == 0)
			le_key(&le, keys[r / 3 % 7], 1);
		else if (r % 3 == 1)
			le_key(&le, (wint_t)(r / 3 % 0x11000), 0);
		else
			le_key(&le, (wint_t)(r / 3 % 32), 0);	/* controls */
		CHECK(le.cur <= le.buf.len);
		CHECK(utf8_valid(le_text(&le), strlen(le_text(&le))));
		CHECK(utf8_len(le_text(&le)) <= 40);
		le_view(&le, (int)(r % 13), &from, &to, &col);
		CHECK(from <= to && to <= le.buf.len);
	}
	le_free(&le);
}
