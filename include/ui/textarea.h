/*
 * A text area: the editor of a multi-line field (FT_MEMO: a note, a
 * comment, a description, the result comment, our and the client's
 * next steps) inside a form.  The text and the cursor are a line
 * editor's (ui/lineedit.h: characters are inserted, moved over and
 * deleted as there); this adds the rows.  The text is wrapped to the
 * area's width at word boundaries -- soft rows, a display only -- while
 * the newlines in it are the user's own (Enter), kept as typed.  Up and
 * Down move between rows keeping the column, Home and End go to the
 * ends of the row, ^U and ^K delete to the start and end of the line.
 * Pure logic, like the line editor: it never draws; the form draws the
 * rows ta_wrap gives.
 */
#ifndef UI_TEXTAREA_H
#define UI_TEXTAREA_H

#include <stddef.h>
#include <wchar.h>

#include "ui/lineedit.h"

/*
 * One row of wrapped text: the bytes [from, to).  A row that ends a
 * line stops before its newline; a row the wrap ended keeps the blanks
 * after its last word (they hang past the width), and the next row
 * starts at its next word.
 */
struct ta_row {
	size_t		 from, to;
};

/* The view of a text area over a line editor's text. */
struct textarea {
	int		 goal;	/* the column Up and Down aim at; -1: the
				   cursor's own */
	int		 top;	/* the first row shown */
};

/*
 * s wrapped in cols columns (at least 1): a row breaks at a newline,
 * after the blanks that follow a word, or, in a word wider than cols
 * (or text without blanks such as CJK), at the width.  Widths are
 * display columns (utf8_cpwidth, as draw_text draws).  Returns the
 * number of rows (at least one: "" is one empty row; a text ending in a
 * newline has an empty last row) in *rows, which the caller frees.
 */
size_t	 ta_wrap(const char *s, int cols, struct ta_row **rows);

void	 ta_init(struct textarea *ta);
/*
 * Applies one key to le laid out in cols columns: Enter (newline or
 * KEY_ENTER) inserts a newline, Up/Down move a row, Home/^A and End/^E
 * to the row's ends, ^U, ^K and ^W delete within the line (^K at its end
 * and ^W at its start take the newline: the lines join); everything else
 * is le_key's.  Returns 1 when the key was the area's, 0 when it is the
 * caller's: Tab, Esc, function keys, Up on the first row and Down on the
 * last (to leave the area).
 */
int	 ta_key(struct textarea *ta, struct lineedit *le, wint_t ch,
	    int keycode, int cols);
/*
 * The cursor's row (counted from the first row of the text) and column,
 * with ta->top moved so that the row is among the height rows shown.
 */
void	 ta_cursor(struct textarea *ta, const struct lineedit *le, int cols,
	    int height, int *row, int *col);
/*
 * Text t in the user's editor: $VISUAL, else $EDITOR, else vi, through
 * sh -c by proc_run (a setgid salesorg's group dropped), on a 0600 file
 * of a fresh name in $TMPDIR or /tmp, the terminal lent between
 * def_prog_mode/endwin and reset_prog_mode.  The text as the editor left
 * it (the caller frees), or NULL after saying why on the message line
 * (the text is then as it was).
 */
char	*ta_edit_outside(const char *t);

#endif
