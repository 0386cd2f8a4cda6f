/*
 * A screen with keys of its own (the Reports, pipeline and import
 * screens) is an ops table run by one shared loop, as tmux's window
 * modes and tig's view_ops: the loop gives every screen the same
 * too-small notice, live refresh, resize, reminders (ui_getkey's tick),
 * the keys every screen answers alike (? : Q ^L, ui_global_key) and the
 * arrows and page keys as letters, so none of that is written again,
 * or forgotten, per screen.
 */
#ifndef UI_SCREEN_H
#define UI_SCREEN_H

enum screen_rc {
	SCREEN_STAY,
	SCREEN_CLOSE,
};

struct screen_ops {
	const char	*name;
	/* The whole screen, its bottom line from ui_status_line. */
	void		(*draw)(void *self);
	/* One key, a letter for the arrows and page keys (ui_key_letter):
	 * SCREEN_STAY or SCREEN_CLOSE. */
	enum screen_rc	(*key)(void *self, int key);
	/* Others committed: load again what the screen holds (may be
	 * NULL: a screen that holds nothing of the database's). */
	void		(*reload)(void *self);
};

/*
 * The arrows and page keys as the letters every screen reads: Up k,
 * Down j, Left h, Right l, PgDn ^F, PgUp ^B (as in the main key
 * table), Home g, End G, Enter newline, Backspace q; 0 for another key
 * code.
 */
int	ui_key_letter(int keycode_ch);
/* Runs the screen until its key says SCREEN_CLOSE or the program quits. */
void	ui_screen_run(const struct screen_ops *ops, void *self);

#endif
