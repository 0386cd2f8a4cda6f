/*
 * Drawing helpers over ncursesw: text clipped to a width in display
 * columns (never half a wide character), with control characters in the
 * data made visible rather than sent to the terminal, and the few
 * attributes salesorg uses, which degrade to bold/reverse without colour
 * (monochrome terminals, NO_COLOR).
 */
#ifndef UI_DRAW_H
#define UI_DRAW_H

#include <curses.h>

enum ui_attr {
	UA_NORMAL,
	UA_TITLE,	/* tab bar, headers */
	UA_TAB,		/* the current tab */
	UA_SELECT,	/* the selected row */
	UA_DIM,		/* labels, hints */
	UA_ERROR,	/* validation messages */
	UA_STATUS,	/* the status bar */
	UA_FIELD,	/* an input field */
	UA_FOCUS,	/* the input field being edited */
	UA_WARN,	/* overdue, conflicts */
};

/* Sets up colours unless NO_COLOR is set or the terminal has none. */
void	draw_init_colors(void);
attr_t	draw_attr(enum ui_attr a);

/* The mark of cut text, one column wide. */
#define ELLIPSIS	"\xe2\x80\xa6"

/*
 * Writes s at (y, x) in exactly width columns: sanitized (control
 * characters as ^X), padded with blanks; text wider than width is cut on
 * a character boundary and ends with ELLIPSIS.  Returns the columns of
 * text actually drawn (before padding, the mark included).
 */
int	draw_text(int y, int x, int width, const char *s, enum ui_attr a);
/* The same, right-aligned within width. */
void	draw_text_right(int y, int x, int width, const char *s,
	    enum ui_attr a);
/* A status line of hints ("a add  e edit"): the hints that do not fit
 * are left off whole rather than cut. */
void	draw_hints(int y, int x, int width, const char *hints,
	    enum ui_attr a);
/* Fills a rectangle with blanks in attribute a. */
void	draw_fill(int y, int x, int h, int w, enum ui_attr a);
/* A box border (ACS lines) around the rectangle. */
void	draw_box(int y, int x, int h, int w, const char *title);

#endif
