/*
 * The bottom line as an input: prompts, y/n questions, and the pop-up
 * menu.  Each loops on keys itself and redraws the main screen behind
 * it on a resize, so a prompt survives a resize in the middle of typing.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/group.h"
#include "ui/draw.h"
#include "ui/lineedit.h"
#include "ui/ui.h"

/* The error shown above the next prompt (ui_prompt_error). */
static char	*note;
static size_t	 note_pos;

void
ui_prompt_error(const char *msg, size_t pos)
{
	free(note);
	note = msg ? xstrdup(msg) : NULL;
	note_pos = pos;
}

/* The message, and a '~' under the character it is about. */
static void
draw_note(int lw, const char *text, size_t from)
{
	char *head;
	int col;

	if (note == NULL || LINES < 4)
		return;
	draw_fill(LINES - 3, 0, 2, COLS, UA_NORMAL);
	draw_text(LINES - 3, 0, COLS, note, UA_WARN);
	if (note_pos < from)
		return;
	head = xstrndup(text + from, note_pos - from);
	col = lw + utf8_width(head);
	free(head);
	if (col < COLS)
		draw_text(LINES - 2, col, 1, "~", UA_WARN);
}

static void
draw_prompt(const char *label, struct lineedit *le, int selected)
{
	int lw = utf8_width(label), curcol;
	size_t from, to;
	char *vis;

	draw_text(LINES - 1, 0, lw, label, UA_STATUS);
	le_view(le, COLS - lw - 1, &from, &to, &curcol);
	vis = xstrndup(le_text(le) + from, to - from);
	draw_fill(LINES - 1, lw, 1, COLS - lw, UA_NORMAL);
	draw_text(LINES - 1, lw, COLS - lw, vis, selected ? UA_SELECT :
	    UA_NORMAL);
	free(vis);
	if (note && note_pos <= strlen(le_text(le)))
		draw_note(lw, le_text(le), from);
	move(LINES - 1, lw + curcol);
	curs_set(1);
	refresh();
}

int
ui_key_pending(void)
{
	wint_t ch;
	int rc;

	timeout(0);
	rc = get_wch(&ch);
	if (rc == ERR)
		return 0;
	if (rc == KEY_CODE_YES)
		ungetch((int)ch);
	else
		unget_wch((wchar_t)ch);
	return 1;
}

/*
 * The first key on a selected init: a character or a deletion replaces
 * it all; a movement keeps it to edit.
 */
static void
first_key(struct lineedit *le, int *selected, wint_t ch, int kc)
{
	if (!*selected)
		return;
	*selected = 0;
	if ((!kc && ch >= ' ' && ch != 127) || (!kc && (ch == 127 ||
	    ch == 8)) || (kc && (ch == KEY_BACKSPACE || ch == KEY_DC))) {
		le_free(le);
		le_init(le, "");
	}
}

/* The check's verdict on the text: shown at once above the prompt. */
static int
run_check(const struct lineedit *le, int (*check)(const char *text,
    void *arg, char *msg, size_t msgsz), void *arg)
{
	char msg[256];

	if (check == NULL)
		return 0;
	msg[0] = '\0';
	if (check(le_text(le), arg, msg, sizeof(msg)) == 0) {
		ui_prompt_error(NULL, 0);
		return 0;
	}
	ui_prompt_error(msg, strlen(le_text(le)));
	return -1;
}

static char *
prompt_run(const char *label, const char *init,
    void (*on_change)(const char *text, void *arg),
    int (*check)(const char *text, void *arg, char *msg, size_t msgsz),
    void *arg, int selected)
{
	struct lineedit le;
	char *before = NULL, *out = NULL;
	wint_t ch;
	int kc;

	le_init(&le, init ? init : "");
	selected = selected && init && *init;
	for (;;) {
		ui_redraw();
		if (ui_too_small()) {
			if (!ui_getkey(&ch, &kc, -1))
				continue;
			if (!kc && ch == 27)
				break;
			continue;
		}
		draw_prompt(label, &le, selected);
		if (!ui_getkey(&ch, &kc, -1))
			continue;
		if (kc && ch == KEY_RESIZE)
			continue;
		if (!kc && ch == 27)
			break;
		if ((!kc && (ch == '\n' || ch == '\r')) ||
		    (kc && ch == KEY_ENTER)) {
			/* a text the check refuses is not taken */
			if (run_check(&le, check, arg) != 0)
				continue;
			out = xstrdup(le_text(&le));
			break;
		}
		if (before == NULL)
			before = xstrdup(le_text(&le));
		first_key(&le, &selected, ch, kc);
		le_key(&le, ch, kc);
		/* the error was about the text as it was */
		if (note && strcmp(before, le_text(&le)) != 0)
			ui_prompt_error(NULL, 0);
		if (check && strcmp(before, le_text(&le)) != 0 &&
		    !ui_key_pending())
			run_check(&le, check, arg);
		/* Typing faster than the list refreshes: catch up with the
		 * keys already waiting before the next (full-scan) refresh. */
		if (on_change && !ui_key_pending() && strcmp(before,
		    le_text(&le)) != 0)
			on_change(le_text(&le), arg);
		if (!ui_key_pending()) {
			free(before);
			before = NULL;
		}
	}
	free(before);
	ui_prompt_error(NULL, 0);
	curs_set(0);
	le_free(&le);
	return out;
}

char *
ui_prompt(const char *label, const char *init,
    void (*on_change)(const char *text, void *arg), void *arg)
{
	return prompt_run(label, init, on_change, NULL, arg, 0);
}

char *
ui_prompt_checked(const char *label, const char *init,
    int (*check)(const char *text, void *arg, char *msg, size_t msgsz),
    void *arg)
{
	return prompt_run(label, init, NULL, check, arg, 1);
}

int
ui_confirm(const char *question)
{
	wint_t ch;
	int kc;
	/* TRANSLATORS: a yes/no question; y (or д, or н where y sits on
	 * the Russian layout) is yes, any other key no. */
	char *q = xasprintf(_("%s (y/n) "), question);

	for (;;) {
		ui_redraw();
		if (!ui_too_small()) {
			/* wrapped, not cut: the (y/n) stays in view */
			ui_draw_status(q, UA_WARN);
			refresh();
		}
		if (!ui_getkey(&ch, &kc, -1))
			continue;
		if (kc && ch == KEY_RESIZE)
			continue;
		break;
	}
	free(q);
	/* Cyrillic keyboard layouts: н is where y is. */
	return !kc && (ch == 'y' || ch == 'Y' || ch == L'н' || ch == L'Н' ||
	    ch == L'д' || ch == L'Д');
}

int
ui_menu(int y, int x, int maxh, const char *title, const char *const *items,
    int n)
{
	return ui_menu_at(y, x, maxh, title, items, n, 0);
}

int
ui_menu_at(int y, int x, int maxh, const char *title,
    const char *const *items, int n, int sel)
{
	/* the box's title has a corner and a blank on each side */
	int top = 0, i, w = utf8_width(title) + 5, h, kc;
	wint_t ch;

	if (sel < 0 || sel >= n)
		sel = 0;
	for (i = 0; i < n; i++)
		if (utf8_width(items[i]) + 4 > w)
			w = utf8_width(items[i]) + 4;
	for (;;) {
		h = n + 2 < maxh ? n + 2 : maxh;
		if (w > COLS - 2)
			w = COLS - 2;
		if (y + h > LINES - 1)
			y = LINES - 1 - h > 0 ? LINES - 1 - h : 0;
		if (x + w > COLS)
			x = COLS - w > 0 ? COLS - w : 0;
		if (sel < top)
			top = sel;
		if (sel >= top + h - 2)
			top = sel - (h - 3);
		draw_fill(y, x, h, w, UA_NORMAL);
		draw_box(y, x, h, w, title);
		for (i = 0; i < h - 2 && top + i < n; i++)
			draw_text(y + 1 + i, x + 1, w - 2, items[top + i],
			    top + i == sel ? UA_SELECT : UA_NORMAL);
		refresh();
		if (!ui_getkey(&ch, &kc, -1))
			continue;
		if (kc && ch == KEY_RESIZE) {
			ui_redraw();
			continue;
		}
		if (!kc && ch == 27)
			return -1;
		/* A digit picks the item with that number at once. */
		if (!kc && ch >= '1' && ch <= '9' && (int)(ch - '1') < n)
			return (int)(ch - '1');
		if ((!kc && (ch == '\n' || ch == '\r')) ||
		    (kc && ch == KEY_ENTER))
			return n ? sel : -1;
		if (kc && (ch == KEY_END || ch == KEY_HOME))
			sel = ch == KEY_END && n ? n - 1 : 0;
		else if ((kc && ch == KEY_DOWN) || (!kc && (ch == 'j' ||
		    ch == 14)))
			sel = sel + 1 < n ? sel + 1 : sel;
		else if ((kc && ch == KEY_UP) || (!kc && (ch == 'k' ||
		    ch == 16)))
			sel = sel > 0 ? sel - 1 : 0;
	}
}

int
ui_pick_user(struct db *db, const char *title, const char *const *extra,
    int nextra, char **login)
{
	char **logins, **names;
	const char **items;
	struct so_err err;
	size_t n, i;
	int k;

	*login = NULL;
	if (group_users(db, &logins, &names, &n, &err) != SO_OK) {
		ui_message("%s", err.msg);
		return -1;
	}
	items = xcalloc(n + (size_t)nextra, sizeof(*items));
	for (k = 0; k < nextra; k++)
		items[k] = xstrdup(extra[k]);
	for (i = 0; i < n; i++)
		items[nextra + i] = xasprintf("%-12s %s", logins[i], names[i]);
	k = ui_menu(3, 4, LINES - 4, title, items, (int)n + nextra);
	if (k >= nextra) {
		*login = xstrdup(logins[k - nextra]);
		k = nextra;
	}
	for (i = 0; i < n + (size_t)nextra; i++)
		free((char *)items[i]);
	free(items);
	free_strv(logins, n);
	free_strv(names, n);
	return k;
}
