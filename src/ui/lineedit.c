/*
 * The one-line editor behind form fields, the quick filter, the ':'
 * command line and pick-list searches.
 *
 * The text lives in a struct strbuf as UTF-8 and the cursor is a byte
 * offset that always sits at the start of a code point; every movement
 * and deletion goes through the utf8_* helpers, so a Cyrillic letter
 * (2 bytes) or a CJK ideograph (3 bytes) is one step, never a broken
 * sequence.  Invalid bytes that arrive through le_set() decode as one
 * U+FFFD per byte, so the cursor can still step over them one at a time.
 *
 * Horizontal scrolling works in display columns (utf8_cpwidth, the same
 * widths draw_text() uses after utf8_sanitize()), not in bytes or code
 * points.  le->scroll is always a column where a visible character starts,
 * so the window never begins or ends inside a wide character.  Combining
 * marks have width 0 and belong to the character before them: the window
 * never starts on one, so a mark is never shown without its base.
 *
 * The editor only interprets keys; it never calls curses to draw.  It
 * includes <curses.h> solely for the KEY_* constants.
 */
#include <curses.h>
#include <stdint.h>
#include <string.h>

#include "base/utf8.h"
#include "base/util.h"
#include "ui/lineedit.h"

#define CTRL(c)	((c) & 0x1f)

void
le_init(struct lineedit *le, const char *text)
{
	memset(le, 0, sizeof(*le));
	le_set(le, text);
}

void
le_free(struct lineedit *le)
{
	if (le == NULL)
		return;
	sb_free(&le->buf);
	le->cur = 0;
	le->scroll = 0;
}

void
le_set(struct lineedit *le, const char *text)
{
	/*
	 * maxchars is deliberately not applied: text set by the program
	 * comes from the database, and silently truncating it would lose
	 * data the user never touched.  The limit only stops typing.
	 */
	sb_reset(&le->buf);
	sb_add(&le->buf, text ? text : "");
	le->cur = le->buf.len;
	le->scroll = 0;
}

const char *
le_text(const struct lineedit *le)
{
	return sb_str(&le->buf);
}

/* C0, DEL and C1: never inserted, they would garble the terminal. */
static int
is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

/* Word separators for ^W: the blanks a user types between words. */
static int
is_blank(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x00a0 ||
	    (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f ||
	    cp == 0x205f || cp == 0x3000;
}

static uint32_t
cp_at(const struct lineedit *le, size_t off)
{
	uint32_t cp = 0;

	utf8_decode(le->buf.s + off, le->buf.len - off, &cp);
	return cp;
}

/* Removes the bytes [a, b) and puts the cursor at a. */
static void
delete_range(struct lineedit *le, size_t a, size_t b)
{
	if (a >= b || b > le->buf.len)
		return;
	/* + 1 moves the terminating NUL along */
	memmove(le->buf.s + a, le->buf.s + b, le->buf.len - b + 1);
	le->buf.len -= b - a;
	le->cur = a;
}

static void
insert_cp(struct lineedit *le, uint32_t cp)
{
	struct strbuf *b = &le->buf;
	char enc[4];
	size_t n;

	if (le->maxchars > 0 && utf8_len(le_text(le)) >= le->maxchars)
		return;
	if (b->s == NULL)		/* never initialised or after le_free */
		sb_add(b, "");
	n = utf8_encode(cp, enc);
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 64;
		b->s = xrealloc(b->s, b->cap);
	}
	memmove(b->s + le->cur + n, b->s + le->cur, b->len - le->cur + 1);
	memcpy(b->s + le->cur, enc, n);
	b->len += n;
	le->cur += n;
}

int
le_insert_cp(struct lineedit *le, uint32_t cp)
{
	size_t before = le->buf.len;

	insert_cp(le, cp);
	return le->buf.len != before;
}

void
le_delete(struct lineedit *le, size_t a, size_t b)
{
	delete_range(le, a, b);
}

static void
move_left(struct lineedit *le)
{
	if (le->cur > 0)
		le->cur = utf8_prev(le->buf.s, le->cur);
}

static void
move_right(struct lineedit *le)
{
	if (le->cur < le->buf.len)
		le->cur = utf8_next(le->buf.s, le->cur);
}

/* Like readline's unix-word-rubout: blanks, then the word before them. */
static void
delete_word(struct lineedit *le)
{
	size_t p = le->cur, q;

	while (p > 0 && is_blank(cp_at(le, q = utf8_prev(le->buf.s, p))))
		p = q;
	while (p > 0 && !is_blank(cp_at(le, q = utf8_prev(le->buf.s, p))))
		p = q;
	delete_range(le, p, le->cur);
}

static int
key_code(struct lineedit *le, wint_t ch)
{
	switch (ch) {
	case KEY_LEFT:
		move_left(le);
		return 1;
	case KEY_RIGHT:
		move_right(le);
		return 1;
	case KEY_HOME:
		le->cur = 0;
		return 1;
	case KEY_END:
		le->cur = le->buf.len;
		return 1;
	case KEY_BACKSPACE:
		if (le->cur > 0)
			delete_range(le, utf8_prev(le->buf.s, le->cur),
			    le->cur);
		return 1;
	case KEY_DC:
		if (le->cur < le->buf.len)
			delete_range(le, le->cur,
			    utf8_next(le->buf.s, le->cur));
		return 1;
	}
	return 0;
}

static int
key_control(struct lineedit *le, wint_t ch)
{
	switch (ch) {
	case CTRL('a'):
		return key_code(le, KEY_HOME);
	case CTRL('e'):
		return key_code(le, KEY_END);
	case CTRL('h'):
	case 127:
		return key_code(le, KEY_BACKSPACE);
	case CTRL('d'):
		return key_code(le, KEY_DC);
	case CTRL('u'):
		delete_range(le, 0, le->cur);
		return 1;
	case CTRL('k'):
		delete_range(le, le->cur, le->buf.len);
		return 1;
	case CTRL('w'):
		delete_word(le);
		return 1;
	}
	/* Enter, Esc, Tab and the rest are the caller's */
	return 0;
}

int
le_key(struct lineedit *le, wint_t ch, int keycode)
{
	/*
	 * keycode decides, not the value: KEY_LEFT is 0404, which is also
	 * U+0104 'Ą', a letter Polish users type.
	 */
	if (keycode)
		return key_code(le, ch);
	if (is_control((uint32_t)ch))
		return key_control(le, ch);
	/* no encoding for surrogates or beyond U+10FFFF (WEOF included) */
	if ((uint32_t)ch > 0x10ffff ||
	    ((uint32_t)ch >= 0xd800 && (uint32_t)ch <= 0xdfff))
		return 0;
	insert_cp(le, (uint32_t)ch);
	return 1;
}

/*
 * The first place at or after column mincol where a visible (non-zero
 * width) character starts, or the end of the text.  Returns its column
 * and stores its byte offset in *off.  Skipping zero-width characters
 * keeps a combining mark together with its base.
 */
static int
first_stop(const struct lineedit *le, int mincol, size_t *off)
{
	const char *s = le->buf.s;
	size_t i = 0, n;
	uint32_t cp;
	int col = 0, w;

	while (i < le->buf.len) {
		n = utf8_decode(s + i, le->buf.len - i, &cp);
		w = utf8_cpwidth(cp);
		if (w > 0 && col >= mincol)
			break;
		col += w;
		i += n;
	}
	if (off)
		*off = i;
	return col;
}

/*
 * Measures the text for le_view: *curw is the cursor's column, *base the
 * column where the character the cursor belongs to starts (its base when
 * the cursor sits on a combining mark, else *curw), *under the width the
 * cursor covers, *total the width of the whole text.
 */
static void
measure(const struct lineedit *le, int *curw, int *base, int *under,
    int *total)
{
	const char *s = le->buf.s;
	size_t i = 0, n;
	uint32_t cp;
	int col = 0, last = 0, w;

	*curw = *base = -1;
	*under = 1;
	while (i < le->buf.len) {
		n = utf8_decode(s + i, le->buf.len - i, &cp);
		w = utf8_cpwidth(cp);
		if (*curw < 0 && le->cur < i + n) {
			*curw = col;
			*base = w > 0 ? col : last;
			if (w > 0)
				*under = w;
		}
		if (w > 0)
			last = col;
		col += w;
		i += n;
	}
	if (*curw < 0)
		*curw = *base = col;
	*total = col;
}

void
le_view(struct lineedit *le, int cols, size_t *from, size_t *to,
    int *curcol)
{
	const char *s = le_text(le);
	size_t i, n;
	uint32_t cp;
	int curw, base, total, need, col, w;

	if (cols <= 0) {
		*from = *to = le->cur;
		*curcol = 0;
		return;
	}
	measure(le, &curw, &base, &need, &total);
	/* a character wider than the field: at least show the cursor */
	if (need > cols)
		need = 1;

	/* the text may have changed since the last call: realign */
	if (le->scroll < 0)
		le->scroll = 0;
	le->scroll = first_stop(le, le->scroll, NULL);
	/* text got shorter: pull it right so the field is not half empty */
	if (le->scroll > total + 1 - cols)
		le->scroll = first_stop(le, total + 1 - cols, NULL);
	/* keep a combining mark's base in view along with the cursor */
	if (base < le->scroll)
		le->scroll = base;
	if (curw + need > le->scroll + cols)
		le->scroll = first_stop(le, curw + need - cols, NULL);

	col = first_stop(le, le->scroll, from);
	for (i = *from; i < le->buf.len; i += n) {
		n = utf8_decode(s + i, le->buf.len - i, &cp);
		w = utf8_cpwidth(cp);
		if (col + w > le->scroll + cols)
			break;
		col += w;
	}
	*to = i;
	*curcol = curw - le->scroll;
}
