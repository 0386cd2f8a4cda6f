/*
 * The one-line editor: movement and deletion by code point over 1- to
 * 4-byte UTF-8, the editing keys, refusal of control characters and of
 * input beyond maxchars, and le_view's scrolling by display columns
 * (never cutting a wide character, never starting on a combining mark).
 * Keys are fed as wget_wch would deliver them: a wint_t and a flag that
 * says whether it is a KEY_* code; random keys, controls among them,
 * leave the editor consistent.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "base/utf8.h"
#include "fixture.h"
#include "harness.h"
#include "ui/lineedit.h"

#define CTRL(c)	((c) & 0x1f)

static void
type(struct lineedit *le, const wchar_t *s)
{
	for (; *s; s++)
		le_key(le, (wint_t)*s, 0);
}

static int
is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/*
 * Checks what every le_view result must satisfy and returns 1 when all
 * hold: the window starts and ends on code point boundaries, starts on no
 * combining mark, fits the field, and the cursor is inside it.
 */
static int
view_ok(struct lineedit *le, int cols, size_t *from, size_t *to,
    int *curcol)
{
	const char *s;
	char *vis;
	int ok = 1, w;

	le_view(le, cols, from, to, curcol);
	s = le_text(le);
	if (*from > *to || *to > strlen(s))
		return 0;
	if (is_cont((unsigned char)s[*from]) || is_cont((unsigned char)s[*to]))
		ok = 0;
	/* U+0301 COMBINING ACUTE ACCENT is 0xcc 0x81 */
	if ((unsigned char)s[*from] == 0xcc &&
	    (unsigned char)s[*from + 1] == 0x81)
		ok = 0;
	vis = strndup(s + *from, *to - *from);
	w = utf8_width(vis);
	free(vis);
	if (w > cols)
		ok = 0;
	if (*curcol < 0 || *curcol >= cols)
		ok = 0;
	if (le->cur < *from)
		ok = 0;
	return ok;
}

TEST(test_lineedit_home_then_typing_inserts_before_text)
{
	struct lineedit le;

	le_init(&le, "");
	type(&le, L"Ромашка");
	CHECK_STR(le_text(&le), "Ромашка");
	CHECK_INT(le.cur, 14);
	CHECK_INT(le_key(&le, KEY_HOME, 1), 1);
	CHECK_INT(le.cur, 0);
	type(&le, L"ООО ");
	CHECK_STR(le_text(&le), "ООО Ромашка");
	CHECK_INT(le.cur, 7);
	CHECK_INT(le.buf.len, strlen("ООО Ромашка"));
	le_free(&le);
}

TEST(test_lineedit_backspace_deletes_one_cyrillic_character)
{
	struct lineedit le;

	le_init(&le, "Ромашка");
	CHECK_INT(le_key(&le, KEY_BACKSPACE, 1), 1);
	CHECK_STR(le_text(&le), "Ромашк");
	CHECK_INT(le.buf.len, 12);
	CHECK_INT(le.cur, 12);
	CHECK_INT(le_key(&le, 127, 0), 1);
	CHECK_STR(le_text(&le), "Ромаш");
	CHECK_INT(le_key(&le, CTRL('h'), 0), 1);
	CHECK_STR(le_text(&le), "Рома");
	CHECK_INT(le.cur, 8);
	/* nothing before the cursor: nothing to delete */
	le_key(&le, KEY_HOME, 1);
	CHECK_INT(le_key(&le, KEY_BACKSPACE, 1), 1);
	CHECK_STR(le_text(&le), "Рома");
	CHECK_INT(le.cur, 0);
	le_free(&le);
}

TEST(test_lineedit_delete_removes_character_under_cursor)
{
	struct lineedit le;

	le_init(&le, "漢Жa");
	le_key(&le, CTRL('a'), 0);
	CHECK_INT(le_key(&le, KEY_DC, 1), 1);
	CHECK_STR(le_text(&le), "Жa");
	CHECK_INT(le.cur, 0);
	CHECK_INT(le_key(&le, CTRL('d'), 0), 1);
	CHECK_STR(le_text(&le), "a");
	le_key(&le, CTRL('e'), 0);
	CHECK_INT(le.cur, 1);
	CHECK_INT(le_key(&le, KEY_DC, 1), 1);
	CHECK_STR(le_text(&le), "a");
	le_free(&le);
}

TEST(test_lineedit_arrows_step_over_multibyte_characters)
{
	struct lineedit le;
	/* 1 + 2 + 3 + 4 bytes */
	static const size_t left[] = { 6, 3, 1, 0, 0 };
	static const size_t right[] = { 1, 3, 6, 10, 10 };
	size_t i;

	le_init(&le, "aЖ漢😀");
	CHECK_INT(le.cur, 10);
	for (i = 0; i < sizeof(left) / sizeof(left[0]); i++) {
		CHECK_INT(le_key(&le, KEY_LEFT, 1), 1);
		CHECK_INT(le.cur, left[i]);
	}
	for (i = 0; i < sizeof(right) / sizeof(right[0]); i++) {
		CHECK_INT(le_key(&le, KEY_RIGHT, 1), 1);
		CHECK_INT(le.cur, right[i]);
	}
	/* typing in the middle keeps every sequence intact */
	le_key(&le, KEY_LEFT, 1);
	le_key(&le, KEY_LEFT, 1);
	type(&le, L"ё");
	CHECK_STR(le_text(&le), "aЖё漢😀");
	CHECK_INT(le.cur, 5);
	le_key(&le, KEY_END, 1);
	le_key(&le, KEY_BACKSPACE, 1);
	CHECK_STR(le_text(&le), "aЖё漢");
	le_free(&le);
}

TEST(test_lineedit_ctrl_w_deletes_the_word_before_the_cursor)
{
	struct lineedit le;

	le_init(&le, "ООО Ромашка  ");
	CHECK_INT(le_key(&le, CTRL('w'), 0), 1);
	CHECK_STR(le_text(&le), "ООО ");
	CHECK_INT(le.cur, 7);
	le_key(&le, CTRL('w'), 0);
	CHECK_STR(le_text(&le), "");
	CHECK_INT(le.cur, 0);
	CHECK_INT(le_key(&le, CTRL('w'), 0), 1);
	CHECK_STR(le_text(&le), "");

	/* in the middle of a word: only the part before the cursor */
	le_set(&le, "foo barbaz qux");
	le_key(&le, KEY_HOME, 1);
	for (int i = 0; i < 7; i++)
		le_key(&le, KEY_RIGHT, 1);
	le_key(&le, CTRL('w'), 0);
	CHECK_STR(le_text(&le), "foo baz qux");
	CHECK_INT(le.cur, 4);
	le_free(&le);
}

TEST(test_lineedit_ctrl_u_and_ctrl_k_delete_to_start_and_end)
{
	struct lineedit le;
	int i;

	le_init(&le, "ООО Ромашка");
	le_key(&le, KEY_HOME, 1);
	for (i = 0; i < 4; i++)
		le_key(&le, KEY_RIGHT, 1);
	CHECK_INT(le_key(&le, CTRL('k'), 0), 1);
	CHECK_STR(le_text(&le), "ООО ");
	CHECK_INT(le.cur, 7);

	le_set(&le, "ООО Ромашка");
	le_key(&le, KEY_HOME, 1);
	for (i = 0; i < 4; i++)
		le_key(&le, KEY_RIGHT, 1);
	CHECK_INT(le_key(&le, CTRL('u'), 0), 1);
	CHECK_STR(le_text(&le), "Ромашка");
	CHECK_INT(le.cur, 0);
	le_key(&le, CTRL('e'), 0);
	CHECK_INT(le_key(&le, CTRL('k'), 0), 1);
	CHECK_STR(le_text(&le), "Ромашка");
	le_free(&le);
}

TEST(test_lineedit_control_characters_are_refused)
{
	struct lineedit le;
	static const wint_t bad[] = { 0, CTRL('b'), CTRL('g'), CTRL('l'),
	    CTRL('['), 0x1f, 0x80, 0x85, 0x9b, 0x9f };
	size_t i;

	le_init(&le, "ab");
	le_key(&le, KEY_LEFT, 1);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(le_key(&le, bad[i], 0), 0);
		CHECK_STR(le_text(&le), "ab");
		CHECK_INT(le.cur, 1);
	}
	/* nothing that cannot be encoded as UTF-8 */
	CHECK_INT(le_key(&le, 0xd800, 0), 0);
	CHECK_INT(le_key(&le, 0x110000, 0), 0);
	CHECK_INT(le_key(&le, WEOF, 0), 0);
	CHECK_STR(le_text(&le), "ab");
	/* just past the control ranges: ordinary characters */
	le_key(&le, ' ', 0);
	le_key(&le, 0xa0, 0);
	CHECK_STR(le_text(&le), "a \u00a0b");
	le_free(&le);
}

TEST(test_lineedit_letters_with_key_code_values_are_typed)
{
	struct lineedit le;

	/* KEY_LEFT is U+0104 'Ą' and KEY_BACKSPACE U+0107 'ć' */
	le_init(&le, "");
	CHECK_INT(le_key(&le, L'Ą', 0), 1);
	CHECK_INT(le_key(&le, L'ć', 0), 1);
	CHECK_STR(le_text(&le), "Ąć");
	CHECK_INT(le.cur, 4);
	le_free(&le);
}

TEST(test_lineedit_maxchars_counts_code_points)
{
	struct lineedit le;

	le_init(&le, "");
	le.maxchars = 5;
	type(&le, L"Ромаш");
	CHECK_STR(le_text(&le), "Ромаш");
	/* refused, but still an editing key */
	CHECK_INT(le_key(&le, L'к', 0), 1);
	CHECK_STR(le_text(&le), "Ромаш");
	CHECK_INT(le_key(&le, L'😀', 0), 1);
	CHECK_STR(le_text(&le), "Ромаш");
	le_key(&le, KEY_HOME, 1);
	le_key(&le, L'X', 0);
	CHECK_STR(le_text(&le), "Ромаш");
	CHECK_INT(le.cur, 0);
	/* room again after a deletion */
	le_key(&le, KEY_DC, 1);
	le_key(&le, L'Х', 0);
	CHECK_STR(le_text(&le), "Хомаш");
	/* le_set does not truncate data the user did not type */
	le_set(&le, "Ромашка");
	CHECK_STR(le_text(&le), "Ромашка");
	le_free(&le);
}

TEST(test_lineedit_set_puts_cursor_at_end)
{
	struct lineedit le;

	le_init(&le, NULL);
	CHECK_STR(le_text(&le), "");
	CHECK_INT(le.cur, 0);
	le_set(&le, "Ромашка");
	CHECK_INT(le.cur, strlen("Ромашка"));
	le_key(&le, L'!', 0);
	CHECK_STR(le_text(&le), "Ромашка!");
	le_set(&le, NULL);
	CHECK_STR(le_text(&le), "");
	CHECK_INT(le.cur, 0);
	le_free(&le);

	le_init(&le, "漢字");
	CHECK_INT(le.cur, 6);
	le_free(&le);
	/* freeing twice is harmless, text after free is "" */
	le_free(&le);
	CHECK_STR(le_text(&le), "");
}

TEST(test_lineedit_other_keys_are_left_to_the_caller)
{
	struct lineedit le;
	static const wint_t codes[] = { KEY_UP, KEY_DOWN, KEY_ENTER, KEY_BTAB,
	    KEY_NPAGE, KEY_F(2), KEY_RESIZE };
	static const wint_t chars[] = { '\n', '\r', 27, '\t' };
	size_t i;

	le_init(&le, "Ромашка");
	le_key(&le, KEY_LEFT, 1);
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		CHECK_INT(le_key(&le, codes[i], 1), 0);
		CHECK_STR(le_text(&le), "Ромашка");
		CHECK_INT(le.cur, 12);
	}
	for (i = 0; i < sizeof(chars) / sizeof(chars[0]); i++) {
		CHECK_INT(le_key(&le, chars[i], 0), 0);
		CHECK_STR(le_text(&le), "Ромашка");
		CHECK_INT(le.cur, 12);
	}
	le_free(&le);
}

TEST(test_lineedit_view_scrolls_latin_text_to_the_cursor)
{
	struct lineedit le;
	size_t from, to;
	int curcol;

	le_init(&le, "abcdefghijklmnopqrstuvwxyz");
	REQUIRE(view_ok(&le, 10, &from, &to, &curcol));
	/* the cursor cell after the text needs a column of its own */
	CHECK_INT(from, 17);
	CHECK_INT(to, 26);
	CHECK_INT(curcol, 9);
	le_key(&le, KEY_HOME, 1);
	REQUIRE(view_ok(&le, 10, &from, &to, &curcol));
	CHECK_INT(from, 0);
	CHECK_INT(to, 10);
	CHECK_INT(curcol, 0);
	/* moving inside the window does not scroll */
	le_key(&le, KEY_RIGHT, 1);
	le_key(&le, KEY_RIGHT, 1);
	REQUIRE(view_ok(&le, 10, &from, &to, &curcol));
	CHECK_INT(from, 0);
	CHECK_INT(curcol, 2);
	le_free(&le);
}

TEST(test_lineedit_view_never_cuts_a_wide_character)
{
	struct lineedit le;
	size_t from, to, i;
	int curcol, pos;
	static const char *texts[] = { "漢字漢字漢字", "a漢字漢字漢字",
	    "漢a字漢字b漢字c" };

	le_init(&le, "漢字漢字漢字");
	REQUIRE(view_ok(&le, 10, &from, &to, &curcol));
	/* 12 columns + cursor: scrolled by two whole characters */
	CHECK_INT(le.scroll, 4);
	CHECK_INT(from, 6);
	CHECK_INT(to, 18);
	CHECK_INT(curcol, 8);
	le_key(&le, KEY_HOME, 1);
	REQUIRE(view_ok(&le, 10, &from, &to, &curcol));
	CHECK_INT(le.scroll, 0);
	CHECK_INT(from, 0);
	CHECK_INT(to, 15);
	CHECK_INT(curcol, 0);

	/* every cursor position, both ways, several alignments and widths */
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		for (int cols = 1; cols <= 11; cols++) {
			le_set(&le, texts[i]);
			le.scroll = 0;
			for (pos = 0; pos < 12; pos++) {
				CHECK(view_ok(&le, cols, &from, &to, &curcol));
				le_key(&le, KEY_LEFT, 1);
			}
			for (pos = 0; pos < 12; pos++) {
				CHECK(view_ok(&le, cols, &from, &to, &curcol));
				le_key(&le, KEY_RIGHT, 1);
			}
		}
	}
	le_free(&le);
}

TEST(test_lineedit_view_keeps_combining_marks_with_their_base)
{
	struct lineedit le;
	size_t from, to;
	int curcol, i;

	/* "x" then twelve decomposed "é": e + U+0301 */
	le_init(&le, "x");
	for (i = 0; i < 12; i++)
		type(&le, L"e\u0301");
	CHECK_INT(utf8_width(le_text(&le)), 13);
	for (i = 0; i < 30; i++) {
		CHECK(view_ok(&le, 5, &from, &to, &curcol));
		le_key(&le, KEY_LEFT, 1);
	}
	for (i = 0; i < 30; i++) {
		CHECK(view_ok(&le, 5, &from, &to, &curcol));
		le_key(&le, KEY_RIGHT, 1);
	}
	le_free(&le);
}

TEST(test_lineedit_view_follows_a_shorter_text)
{
	struct lineedit le;
	size_t from, to;
	int curcol;

	le_init(&le, "abcdefghijklmnopqrstuvwxyz");
	REQUIRE(view_ok(&le, 10, &from, &to, &curcol));
	CHECK(le.scroll > 0);
	/* deleting at the end pulls the text back into the field */
	le_key(&le, KEY_BACKSPACE, 1);
	le_key(&le, KEY_BACKSPACE, 1);
	REQUIRE(view_ok(&le, 10, &from, &to, &curcol));
	CHECK_INT(from, 15);
	CHECK_INT(curcol, 9);
	le_key(&le, CTRL('u'), 0);
	REQUIRE(view_ok(&le, 10, &from, &to, &curcol));
	CHECK_INT(le.scroll, 0);
	CHECK_INT(from, 0);
	CHECK_INT(to, 0);
	CHECK_INT(curcol, 0);
	/* a stale scroll past the end of new text is realigned */
	le_set(&le, "abcdefghijklmnopqrstuvwxyz");
	le.scroll = 100;
	le_set(&le, "abc");
	le.scroll = 100;
	REQUIRE(view_ok(&le, 10, &from, &to, &curcol));
	CHECK_INT(le.scroll, 0);
	CHECK_INT(to, 3);
	CHECK_INT(curcol, 3);
	le_free(&le);
}

TEST(test_lineedit_view_with_no_room_is_empty)
{
	struct lineedit le;
	size_t from = 99, to = 99;
	int curcol = 99;

	le_init(&le, "漢字");
	le_view(&le, 0, &from, &to, &curcol);
	CHECK_INT(from, to);
	CHECK_INT(curcol, 0);
	le_view(&le, -3, &from, &to, &curcol);
	CHECK_INT(from, to);
	CHECK_INT(curcol, 0);
	/* one column: the wide character cannot be shown, the cursor can */
	le_key(&le, KEY_HOME, 1);
	REQUIRE(view_ok(&le, 1, &from, &to, &curcol));
	CHECK_INT(from, 0);
	CHECK_INT(to, 0);
	CHECK_INT(curcol, 0);
	le_free(&le);
}

TEST(test_lineedit_invalid_bytes_are_stepped_one_at_a_time)
{
	struct lineedit le;
	size_t from, to;
	int curcol;

	le_init(&le, "a\xff" "b");
	CHECK_INT(le.cur, 3);
	le_key(&le, KEY_LEFT, 1);
	CHECK_INT(le.cur, 2);
	le_key(&le, KEY_LEFT, 1);
	CHECK_INT(le.cur, 1);
	le_key(&le, KEY_DC, 1);
	CHECK_STR(le_text(&le), "ab");
	/* a truncated sequence at the end */
	le_set(&le, "Ж\xd0");
	le_key(&le, KEY_BACKSPACE, 1);
	CHECK_STR(le_text(&le), "Ж");
	REQUIRE(view_ok(&le, 10, &from, &to, &curcol));
	le_free(&le);
}

TEST(test_lineedit_long_text_grows_and_stays_valid)
{
	struct lineedit le;
	int i;

	le_init(&le, "");
	for (i = 0; i < 500; i++) {
		le_key(&le, L'Ж', 0);
		/* insert in the middle every other time */
		if (i % 2)
			le_key(&le, KEY_LEFT, 1);
		le_key(&le, L'漢', 0);
	}
	CHECK_INT(utf8_len(le_text(&le)), 1000);
	CHECK_INT(le.buf.len, 500 * 2 + 500 * 3);
	CHECK(utf8_valid(le_text(&le), le.buf.len));
	CHECK_INT(strlen(le_text(&le)), le.buf.len);
	le_free(&le);
}

TEST(test_hostile_keys_keep_the_line_editor_consistent)
{
	uint64_t rng = FIXTURE_HOSTILE_SEED;
	static const wint_t keys[] = { KEY_LEFT, KEY_RIGHT, KEY_HOME, KEY_END,
	    KEY_BACKSPACE, KEY_DC, KEY_UP };
	struct lineedit le;
	size_t from, to;
	int i, col;

	le_init(&le, "ООО «Ромашка»");
	le.maxchars = 40;
	for (i = 0; i < FIXTURE_HOSTILE_ROUNDS * 5; i++) {
		uint64_t r = fixture_random(&rng);

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
