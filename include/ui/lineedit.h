/*
 * A one-line UTF-8 text editor: the buffer behind every form field, the
 * quick filter, the ':' command line and pick-list searches.  It moves by
 * character (code point), never by byte, and scrolls horizontally by
 * display columns, so Cyrillic and wide CJK text edit correctly.  Pure
 * logic: it interprets key codes but never draws; ui/draw.c draws what
 * le_view says is visible.
 */
#ifndef UI_LINEEDIT_H
#define UI_LINEEDIT_H

#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "base/util.h"

struct lineedit {
	struct strbuf	 buf;	/* the text, UTF-8 */
	size_t		 cur;	/* cursor: byte offset at a code point start */
	int		 scroll;	/* display column of the first visible char */
	size_t		 maxchars;	/* 0 = unlimited; insertions beyond fail */
};

void	 le_init(struct lineedit *le, const char *text);	/* cursor at end */
void	 le_free(struct lineedit *le);
void	 le_set(struct lineedit *le, const char *text);	/* cursor at end */
const char *le_text(const struct lineedit *le);		/* never NULL */

/*
 * Applies one key as returned by wget_wch: ch is the character or key
 * code, keycode is true when ch is a KEY_* code (get_wch returned
 * KEY_CODE_YES).  Handles: printable characters (inserted at the cursor;
 * control characters are refused), KEY_LEFT/KEY_RIGHT, KEY_HOME/^A,
 * KEY_END/^E, KEY_BACKSPACE/DEL(127)/^H, KEY_DC/^D, ^U (delete to start),
 * ^K (delete to end), ^W (delete the word before the cursor), and
 * Ctrl-Left/Right are not required.  Returns 1 when the key was an
 * editing key (consumed, whether or not anything changed), 0 otherwise
 * (Enter, Esc, Tab, arrows up/down ... are for the caller).
 */
int	 le_key(struct lineedit *le, wint_t ch, int keycode);

/*
 * For editors built on this one (ui/textarea.h): inserts cp at the
 * cursor (any code point, a newline included; refused beyond maxchars:
 * returns 0), and deletes the bytes [a, b) (code point boundaries),
 * leaving the cursor at a.
 */
int	 le_insert_cp(struct lineedit *le, uint32_t cp);
void	 le_delete(struct lineedit *le, size_t a, size_t b);

/*
 * What to show in a field cols columns wide: the bytes [*from, *to) of the
 * text and the cursor's column within the field.  Adjusts le->scroll so
 * the cursor stays visible (scrolling by whole characters; a wide
 * character is never cut in half).
 */
void	 le_view(struct lineedit *le, int cols, size_t *from, size_t *to,
	    int *curcol);

#endif
