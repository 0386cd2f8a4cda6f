/*
 * The text area of a memo field (ui/textarea.h): rows wrapped at word
 * boundaries in display columns (Cyrillic one column, CJK two), the
 * user's newlines kept, Up and Down between rows keeping the column,
 * leaving the area from its first and last rows, Enter, and the line
 * deletions that stop at a newline or join the lines.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "harness.h"
#include "ui/textarea.h"

#define CTRL(c)	((c) & 0x1f)

/* The rows of s in cols, as "row|row|row". */
static char *
rows_of(const char *s, int cols)
{
	static char out[512];
	struct ta_row *r;
	size_t n = ta_wrap(s, cols, &r), i, len = 0;

	out[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%.*s",
		    i ? "|" : "", (int)(r[i].to - r[i].from), s + r[i].from);
	free(r);
	return out;
}

static void
type(struct textarea *ta, struct lineedit *le, const wchar_t *s, int cols)
{
	for (; *s; s++)
		ta_key(ta, le, (wint_t)*s, 0, cols);
}

static void
cursor(struct textarea *ta, struct lineedit *le, int cols, int *row,
    int *col)
{
	ta_cursor(ta, le, cols, 100, row, col);
}

TEST(test_textarea_wraps_at_word_boundaries_in_display_columns)
{
	/* the blank after a word stays on its row */
	CHECK_STR(rows_of("the quick brown fox", 10), "the quick |brown fox");
	CHECK_STR(rows_of("Позвонить завтра утром", 10),
	    "Позвонить |завтра |утром");
	/* a word wider than the row is split at the width */
	CHECK_STR(rows_of("Индивидуальный", 6), "Индиви|дуальн|ый");
	/* CJK: two columns a character, no blanks needed */
	CHECK_STR(rows_of("株式会社東京", 5), "株式|会社|東京");
	CHECK_STR(rows_of("ab 株式会社", 6), "ab |株式会|社");
	/* fits exactly */
	CHECK_STR(rows_of("abcde fghij", 5), "abcde |fghij");
}

TEST(test_textarea_keeps_the_users_lines)
{
	CHECK_STR(rows_of("", 10), "");
	CHECK_STR(rows_of("a\n\nb", 10), "a||b");
	CHECK_STR(rows_of("a\n", 10), "a|");
	CHECK_STR(rows_of("first line\nsecond one here", 8),
	    "first |line|second |one here");
}

TEST(test_textarea_enter_types_a_new_line)
{
	struct textarea ta;
	struct lineedit le;
	int row, col;

	ta_init(&ta);
	le_init(&le, "");
	type(&ta, &le, L"Первая", 20);
	CHECK_INT(ta_key(&ta, &le, '\n', 0, 20), 1);
	type(&ta, &le, L"вторая", 20);
	CHECK_STR(le_text(&le), "Первая\nвторая");
	cursor(&ta, &le, 20, &row, &col);
	CHECK_INT(row, 1);
	CHECK_INT(col, 6);
	/* KEY_ENTER too */
	CHECK_INT(ta_key(&ta, &le, KEY_ENTER, 1, 20), 1);
	CHECK_STR(le_text(&le), "Первая\nвторая\n");
	/* Tab and Esc are the form's */
	CHECK_INT(ta_key(&ta, &le, '\t', 0, 20), 0);
	CHECK_INT(ta_key(&ta, &le, 27, 0, 20), 0);
	CHECK_INT(ta_key(&ta, &le, KEY_F(2), 1, 20), 0);
	le_free(&le);
}

TEST(test_textarea_up_and_down_keep_the_column)
{
	struct textarea ta;
	struct lineedit le;
	int row, col;

	ta_init(&ta);
	le_init(&le, "abcdef\nab\nабвгде");
	/* at the end: row 2, column 6; back to column 5 */
	ta_key(&ta, &le, KEY_LEFT, 1, 20);
	cursor(&ta, &le, 20, &row, &col);
	CHECK_INT(row, 2);
	CHECK_INT(col, 5);
	CHECK_INT(ta_key(&ta, &le, KEY_UP, 1, 20), 1);
	cursor(&ta, &le, 20, &row, &col);
	CHECK_INT(row, 1);
	CHECK_INT(col, 2);		/* the short line's end */
	CHECK_INT(ta_key(&ta, &le, KEY_UP, 1, 20), 1);
	cursor(&ta, &le, 20, &row, &col);
	CHECK_INT(row, 0);
	CHECK_INT(col, 5);		/* the column aimed at */
	/* the first row: Up is the form's (the field before) */
	CHECK_INT(ta_key(&ta, &le, KEY_UP, 1, 20), 0);
	CHECK_INT(ta_key(&ta, &le, KEY_DOWN, 1, 20), 1);
	CHECK_INT(ta_key(&ta, &le, KEY_DOWN, 1, 20), 1);
	cursor(&ta, &le, 20, &row, &col);
	CHECK_INT(row, 2);
	CHECK_INT(col, 5);
	CHECK_INT(ta_key(&ta, &le, KEY_DOWN, 1, 20), 0);
	le_free(&le);
}

TEST(test_textarea_moves_through_wrapped_rows)
{
	struct textarea ta;
	struct lineedit le;
	int row, col;

	ta_init(&ta);
	/* "the quick |brown fox" */
	le_init(&le, "the quick brown fox");
	cursor(&ta, &le, 10, &row, &col);
	CHECK_INT(row, 1);
	CHECK_INT(col, 9);
	ta_key(&ta, &le, KEY_HOME, 1, 10);
	CHECK_INT(le.cur, 10);		/* the row's start, not the text's */
	ta_key(&ta, &le, KEY_UP, 1, 10);
	CHECK_INT(le.cur, 0);
	/* End stays on the wrapped row: on its hanging blank */
	ta_key(&ta, &le, CTRL('e'), 0, 10);
	CHECK_INT(le.cur, 9);
	cursor(&ta, &le, 10, &row, &col);
	CHECK_INT(row, 0);
	/* Right from there: the next row's start */
	ta_key(&ta, &le, KEY_RIGHT, 1, 10);
	cursor(&ta, &le, 10, &row, &col);
	CHECK_INT(row, 1);
	CHECK_INT(col, 0);
	le_free(&le);
}

TEST(test_textarea_line_deletions_stop_at_the_newline_or_join)
{
	struct textarea ta;
	struct lineedit le;

	ta_init(&ta);
	le_init(&le, "one two\nthree four");
	/* ^W: the word before, within the line */
	ta_key(&ta, &le, CTRL('w'), 0, 40);
	CHECK_STR(le_text(&le), "one two\nthree ");
	ta_key(&ta, &le, CTRL('w'), 0, 40);
	CHECK_STR(le_text(&le), "one two\n");
	/* at the line's start: the newline */
	ta_key(&ta, &le, CTRL('w'), 0, 40);
	CHECK_STR(le_text(&le), "one two");
	/* ^U: to the line's start only */
	le_set(&le, "keep\ngone");
	ta_key(&ta, &le, CTRL('u'), 0, 40);
	CHECK_STR(le_text(&le), "keep\n");
	/* ^K: to the line's end; at its end the lines join */
	le_set(&le, "ab\ncd");
	le.cur = 1;
	ta_key(&ta, &le, CTRL('k'), 0, 40);
	CHECK_STR(le_text(&le), "a\ncd");
	ta_key(&ta, &le, CTRL('k'), 0, 40);
	CHECK_STR(le_text(&le), "acd");
	/* Backspace at a line's start joins it to the line before */
	le_set(&le, "ab\ncd");
	le.cur = 3;
	ta_key(&ta, &le, KEY_BACKSPACE, 1, 40);
	CHECK_STR(le_text(&le), "abcd");
	le_free(&le);
}

TEST(test_textarea_scrolls_to_keep_the_cursor_shown)
{
	struct textarea ta;
	struct lineedit le;
	int row, col;

	ta_init(&ta);
	le_init(&le, "1\n2\n3\n4\n5\n6");
	ta_cursor(&ta, &le, 10, 3, &row, &col);
	CHECK_INT(row, 5);
	CHECK_INT(ta.top, 3);
	le.cur = 0;
	ta_cursor(&ta, &le, 10, 3, &row, &col);
	CHECK_INT(ta.top, 0);
	/* the text got shorter: no rows left blank above the end */
	le.cur = 2;
	ta.top = 5;
	le_set(&le, "1\n2");
	ta_cursor(&ta, &le, 10, 3, &row, &col);
	CHECK_INT(ta.top, 0);
	le_free(&le);
}
