/*
 * Drawing helpers; see include/ui/draw.h.
 *
 * All text from the database goes through draw_text, which is where the
 * promise "control characters in data are drawn visibly, never sent to
 * the terminal" is kept: utf8_sanitize turns ESC into "^[" before
 * ncurses sees it.  It is also where the promise "nothing is cut
 * without a mark" is kept: text wider than its place ends with "…".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/util.h"
#include "ui/draw.h"

static int colors;

/* The last "  " in s (hints are separated by two blanks), or NULL. */
static char *
strrstr2(char *s)
{
	char *p, *last = NULL;

	for (p = strstr(s, "  "); p; p = strstr(p + 1, "  "))
		if (p > s)
			last = p;
	return last;
}

enum { PAIR_TITLE = 1, PAIR_TAB, PAIR_SELECT, PAIR_DIM, PAIR_ERROR,
    PAIR_STATUS, PAIR_FIELD, PAIR_FOCUS, PAIR_WARN };

void
draw_init_colors(void)
{
	const char *nc = getenv("NO_COLOR");

	colors = 0;
	if ((nc && *nc) || !has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	colors = 1;
	init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_TAB, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_SELECT, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_DIM, COLOR_CYAN, -1);
	init_pair(PAIR_ERROR, COLOR_RED, -1);
	init_pair(PAIR_STATUS, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_FIELD, -1, -1);
	init_pair(PAIR_FOCUS, COLOR_BLACK, COLOR_YELLOW);
	init_pair(PAIR_WARN, COLOR_YELLOW, -1);
}

attr_t
draw_attr(enum ui_attr a)
{
	if (!colors) {
		switch (a) {
		case UA_TITLE:
		case UA_STATUS:
		case UA_SELECT:
		case UA_FOCUS:
			return A_REVERSE;
		case UA_TAB:
			return A_BOLD | A_UNDERLINE;
		case UA_ERROR:
		case UA_WARN:
			return A_BOLD;
		case UA_FIELD:
			return A_UNDERLINE;
		default:
			return A_NORMAL;
		}
	}
	switch (a) {
	case UA_TITLE:
		return COLOR_PAIR(PAIR_TITLE) | A_BOLD;
	case UA_TAB:
		return COLOR_PAIR(PAIR_TAB) | A_BOLD;
	case UA_SELECT:
		return COLOR_PAIR(PAIR_SELECT);
	case UA_DIM:
		return COLOR_PAIR(PAIR_DIM);
	case UA_ERROR:
		return COLOR_PAIR(PAIR_ERROR) | A_BOLD;
	case UA_STATUS:
		return COLOR_PAIR(PAIR_STATUS);
	case UA_FIELD:
		return A_UNDERLINE;
	case UA_FOCUS:
		return COLOR_PAIR(PAIR_FOCUS);
	case UA_WARN:
		return COLOR_PAIR(PAIR_WARN) | A_BOLD;
	default:
		return A_NORMAL;
	}
}

int
draw_text(int y, int x, int width, const char *s, enum ui_attr a)
{
	char *clean;
	size_t n;
	int w = 0;

	if (width <= 0)
		return 0;
	clean = utf8_sanitize(s ? s : "");
	n = utf8_cut(clean, width, &w);
	attrset(draw_attr(a));
	mvaddnstr(y, x, clean, (int)n);
	if (clean[n] != '\0') {	/* cut: say so */
		mvaddstr(y, x + w, ELLIPSIS);
		w++;
	}
	if (w < width)
		mvhline(y, x + w, ' ', width - w);
	attrset(A_NORMAL);
	free(clean);
	return w;
}

void
draw_text_right(int y, int x, int width, const char *s, enum ui_attr a)
{
	char *clean = utf8_sanitize(s ? s : "");
	int w = utf8_width(clean);

	if (w < width) {
		attrset(draw_attr(a));
		mvhline(y, x, ' ', width - w);
		draw_text(y, x + width - w, w, clean, a);
	} else
		draw_text(y, x, width, clean, a);
	free(clean);
}

void
draw_hints(int y, int x, int width, const char *hints, enum ui_attr a)
{
	char *t = xstrdup(hints ? hints : ""), *p;

	/* whole hints, the last ones left off ("a add  e edit") */
	while (utf8_width(t) > width && (p = strrstr2(t)) != NULL)
		*p = '\0';
	draw_text(y, x, width, t, a);
	free(t);
}

void
draw_fill(int y, int x, int h, int w, enum ui_attr a)
{
	int i;

	if (w <= 0)
		return;
	attrset(draw_attr(a));
	for (i = 0; i < h; i++)
		mvhline(y + i, x, ' ', w);
	attrset(A_NORMAL);
}

void
draw_box(int y, int x, int h, int w, const char *title)
{
	if (h < 2 || w < 2)
		return;
	mvaddch(y, x, ACS_ULCORNER);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	if (title && *title && w > 6) {
		mvaddch(y, x + 1, ' ');
		draw_text(y, x + 2, w - 5 < utf8_width(title) ? w - 5 :
		    utf8_width(title), title, UA_TITLE);
		mvaddch(y, x + 2 + (w - 5 < utf8_width(title) ? w - 5 :
		    utf8_width(title)), ' ');
	}
}
