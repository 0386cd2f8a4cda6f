/*
 * The loop every screen runs, and what it makes from a screen's key
 * table: the hints, the help; see include/ui/screen.h.  Before it the
 * main screen, the search and each of the Reports, pipeline and import
 * screens had a loop of their own, and they had drifted: ? : Q did
 * nothing on two of them, PgDn was Space on one and J on another, and
 * reminders showed on none.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "ui/draw.h"
#include "ui/keys.h"
#include "ui/screen.h"
#include "ui/ui.h"

#define CTRL(c)	((c) & 0x1f)

const struct screen_key ui_global_keys[] = {
	{ '?', "?", N_("this help"), NULL },
	{ ':', ":", N_("the command line (the : commands of the main help)"),
	    NULL },
	{ 'Q', "Q", N_("quit at once"), NULL },
	{ CTRL('c'), "^C", N_("quit at once"), NULL },
	{ CTRL('l'), "^L", N_("redraw the screen"), NULL },
	{ 0, NULL, NULL, NULL }
};

int
ui_key_letter(wint_t ch, int keycode)
{
	if (!keycode)
		return (int)ch;
	switch (ch) {
	case KEY_UP:		return 'k';
	case KEY_DOWN:		return 'j';
	case KEY_LEFT:		return 'h';
	case KEY_RIGHT:		return 'l';
	case KEY_NPAGE:		return CTRL('f');
	case KEY_PPAGE:		return CTRL('b');
	case KEY_HOME:		return 'g';
	case KEY_END:		return 'G';
	case KEY_ENTER:		return '\n';
	case KEY_BACKSPACE:	return 'q';
	case KEY_BTAB:		return CTRL('p');
	default:		return 0;
	}
}

/* The key is in the screen's table. */
static int
in_table(const struct screen_key *keys, int key)
{
	const struct screen_key *k;

	if (key == 0)
		return 0;
	for (k = keys; k->key != 0; k++)
		if (k->key == key)
			return 1;
	return 0;
}

static int reading;	/* a page of text (a help) is open */

static int
printable(wint_t ch, int keycode)
{
	return !keycode && ch >= ' ' && ch != 127;
}

/*
 * The keys every screen answers; 1 when it was one.  A screen with a
 * table of its own gets the help made from it; the main screen, its own.
 */
static int
global_key(const struct screen_ops *ops, void *self, wint_t ch, int kc)
{
	if (!kc && ch == '?' && (reading || ops->keys != NULL)) {
		/* ? in a help is not another help */
		if (!reading)
			ui_screen_help(ops, self);
		return 1;
	}
	return ui_global_key(ch, kc);
}

void
ui_screen_run(const struct screen_ops *ops, void *self)
{
	unsigned gen = ui_data_generation();
	int kc, lines = LINES, cols = COLS, key;
	wint_t ch;

	while (!ui_quitting()) {
		if ((lines != LINES || cols != COLS) && ops->resize) {
			ops->resize(self);
		}
		lines = LINES;
		cols = COLS;
		if (ui_too_small()) {
			if (ui_getkey(&ch, &kc, -1) && !kc && (ch == 'Q' ||
			    ch == CTRL('c')))
				ui_quit();
			continue;
		}
		if (gen != ui_data_generation()) {
			gen = ui_data_generation();
			if (ops->reload)
				ops->reload(self);
		}
		if (!ui_key_pending())
			ops->draw(self);
		/* A resize or others' commit only redraws. */
		if (!ui_getkey(&ch, &kc, -1) || (kc && ch == KEY_RESIZE))
			continue;
		ui_message_clear();
		if (!(ops->typing && ops->typing(self) && printable(ch, kc)) &&
		    global_key(ops, self, ch, kc))
			continue;
		key = ui_key_letter(ch, kc);
		/* a letter of the Russian layout: its Latin twin's key */
		if (ops->keys && !in_table(ops->keys, key) && !kc &&
		    !(ops->typing && ops->typing(self)) &&
		    ui_key_latin(ch) != 0 && in_table(ops->keys,
		    (int)ui_key_latin(ch))) {
			ch = ui_key_latin(ch);
			key = (int)ch;
		}
		if (ops->keys && !in_table(ops->keys, key) &&
		    !(ops->typing && ops->typing(self)))
			continue;
		if (ops->key(self, ch, kc) == SCREEN_CLOSE)
			break;
		/* What the key wrote is ours; a commit of another process
		 * in the meantime is looked for now, not a second later. */
		ui_data_changed();
	}
}

const char *
ui_screen_hints(const struct screen_ops *ops, void *self)
{
	static char buf[1024];
	const struct screen_key *k;
	size_t len = 0;

	buf[0] = '\0';
	for (k = ops->keys; k && k->key != 0; k++) {
		if (k->hint == NULL || (ops->hidden && ops->hidden(self,
		    k->key)))
			continue;
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
		    len ? "  " : "", _(k->hint));
		if (len >= sizeof(buf))
			break;
	}
	return buf;
}

/* Adds the named keys of a table to the help's lines. */
static void
add_keys(char ***lines, size_t *n, const char *heading,
    const struct screen_key *keys)
{
	const struct screen_key *k;

	char *line = xasprintf("%s%s", *n ? "\n" : "", _(heading));

	*lines = xrealloc(*lines, (*n + 1) * sizeof(**lines));
	(*lines)[(*n)++] = line;
	for (k = keys; k->key != 0; k++) {
		if (k->name == NULL)
			continue;
		*lines = xrealloc(*lines, (*n + 1) * sizeof(**lines));
		(*lines)[(*n)++] = xasprintf("  %-16s %s", k->name,
		    _(k->help));
	}
}

void
ui_screen_help(const struct screen_ops *ops, void *self)
{
	char **lines = NULL;
	size_t n = 0, i;

	(void)self;
	add_keys(&lines, &n, ops->name, ops->keys);
	add_keys(&lines, &n, N_("Everywhere"), ui_global_keys);
	ui_text_screen(_("salesorg help"), (const char *const *)lines, n);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* ---- a page of text ---- */

/*
 * A line wider than the screen wraps at words rather than lose its end
 * (a help in Russian is longer than in English); its next rows start
 * under the text after the key's name.
 */
struct text_view {
	const char		*title;
	const char *const	*lines;
	int			 n, top;
	int			 rows;	/* of the lines wrapped, as drawn */
};

static const struct screen_key text_keys[] = {
	{ 'k', "Up, k", N_("scroll up"), NULL },
	{ 'j', "Down, j", N_("scroll down"), NULL },
	{ CTRL('b'), "PgUp, ^B", N_("a page up"), NULL },
	{ CTRL('f'), "PgDn, ^F, Space", N_("a page down"), NULL },
	{ ' ', NULL, NULL, NULL },
	{ 'g', "Home, g", N_("the top"), NULL },
	{ 'G', "End, G", N_("the end"), NULL },
	{ 'q', "q, Esc", N_("back"), NULL },
	{ 27, NULL, NULL, NULL },
	{ 0, NULL, NULL, NULL }
};

/*
 * Where the rows after a line's first start: under the text after its
 * first gap of two blanks ("  a                add a record"); a line
 * without one (a name as wide as its column) as the line before it
 * (*last, which a line with a gap sets), else a little in from its own
 * indent.
 */
static int
wrap_indent(const char *l, int cols, int *last)
{
	const char *p = l + strspn(l, " "), *gap;
	int in;

	if (*l != ' ')
		return 0;
	if ((gap = strstr(p, "  ")) != NULL)
		in = *last = utf8_width_n(l, (size_t)(gap - l) +
		    strspn(gap, " "));
	else
		in = *last > 0 ? *last : (int)(p - l) + 2;
	return in > cols / 2 ? 4 : in;
}

/*
 * Draws the rows of line l from row `first` of it at screen row y on,
 * at most `room` of them; returns how many rows the line has in all
 * (room 0: only counts).  *last: see wrap_indent.
 */
static int
text_line(const char *l, int cols, int first, int y, int room, int *last)
{
	enum ui_attr a = *l == '\n' ? UA_DIM : UA_NORMAL;
	int in = 0, r = 0, w = cols;
	size_t len, next;
	char *part;

	if (*l == '\n')
		l++;
	do {
		len = utf8_wrap(l, w > 0 ? w : 1, &next);
		if (r >= first && r - first < room) {
			part = xstrndup(l, len);
			draw_text(y + r - first, in, cols - in, part, a);
			free(part);
		}
		l += next;
		if (r++ == 0) {
			in = wrap_indent(l - next, cols, last);
			w = cols - in;
		}
	} while (*l);
	return r;
}

static void
text_draw(void *self)
{
	struct text_view *v = self;
	int i, y = 1, rows = 0, k, h = LINES - 2, last = 0, was;
	char *title;

	erase();
	/* TRANSLATORS: the title of a help page; %s is "salesorg help". */
	title = xasprintf(_(" %s - q or Esc to leave, arrows to scroll"),
	    v->title);
	draw_text(0, 0, COLS, title, UA_TITLE);
	free(title);
	for (i = 0; i < v->n; i++) {
		was = last;
		k = text_line(v->lines[i], COLS, 0, 0, 0, &last);
		if (rows + k > v->top && y < 1 + h) {
			int first = v->top > rows ? v->top - rows : 0;

			text_line(v->lines[i], COLS, first, y, 1 + h - y, &was);
			y += k - first;
		}
		rows += k;
	}
	v->rows = rows;
	if (ui_status_line(NULL))
		ui_draw_status(ui_status_line(NULL), UA_STATUS);
	refresh();
}

static enum screen_rc
text_key(void *self, wint_t ch, int keycode)
{
	struct text_view *v = self;
	int page = LINES - 2 > 1 ? LINES - 2 : 1, last = v->rows - page;

	switch (ui_key_letter(ch, keycode)) {
	case 'k':		v->top--; break;
	case 'j':		v->top++; break;
	case CTRL('b'):		v->top -= page; break;
	case CTRL('f'): case ' ': v->top += page; break;
	case 'g':		v->top = 0; break;
	case 'G':		v->top = last; break;
	case 'q': case 27:	return SCREEN_CLOSE;
	}
	if (v->top > last)
		v->top = last;
	if (v->top < 0)
		v->top = 0;
	return SCREEN_STAY;
}

static const struct screen_ops text_screen = {
	.name = N_("Reading"),
	.keys = text_keys,
	.draw = text_draw,
	.key = text_key,
};

void
ui_text_screen(const char *title, const char *const *lines, size_t n)
{
	struct text_view v = { title, lines, (int)n, 0, (int)n };
	int was = reading;

	reading = 1;
	ui_screen_run(&text_screen, &v);
	reading = was;
}
