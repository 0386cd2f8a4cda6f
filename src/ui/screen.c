/*
 * The loop every screen with keys of its own runs; see include/ui/
 * screen.h.  Before it each of the Reports, pipeline and import screens
 * had a loop of its own, and they had drifted: ? : Q did nothing on two
 * of them, PgDn was Space on one and J on another, and reminders showed
 * on none.
 */
#include <curses.h>

#include "ui/screen.h"
#include "ui/ui.h"

int
ui_key_letter(int ch)
{
	switch (ch) {
	case KEY_UP:		return 'k';
	case KEY_DOWN:		return 'j';
	case KEY_LEFT:		return 'h';
	case KEY_RIGHT:		return 'l';
	case KEY_NPAGE:		return 'F' & 0x1f;	/* ^F */
	case KEY_PPAGE:		return 'B' & 0x1f;	/* ^B */
	case KEY_HOME:		return 'g';
	case KEY_END:		return 'G';
	case KEY_ENTER:		return '\n';
	case KEY_BACKSPACE:	return 'q';
	default:		return 0;
	}
}

void
ui_screen_run(const struct screen_ops *ops, void *self)
{
	unsigned gen = ui_data_generation();
	wint_t ch;
	int kc;

	while (!ui_quitting()) {
		if (ui_too_small()) {
			ui_getkey(&ch, &kc, -1);
			continue;
		}
		if (gen != ui_data_generation()) {
			gen = ui_data_generation();
			if (ops->reload)
				ops->reload(self);
		}
		ops->draw(self);
		/* A resize or others' commit only redraws. */
		if (!ui_getkey(&ch, &kc, -1) || (kc && ch == KEY_RESIZE))
			continue;
		ui_message_clear();
		if (ui_global_key(ch, kc))
			continue;
		if (ops->key(self, kc ? ui_key_letter((int)ch) : (int)ch) ==
		    SCREEN_CLOSE)
			break;
	}
}
