/*
 * Every screen is an ops table run by one shared loop, as tmux's window
 * modes and tig's view_ops: the main screen (tabs, lists, cards, the
 * agenda), the global search, the Reports, pipeline and import screens,
 * and the help.  The loop gives every one of them the same too-small
 * notice, live refresh, resize, reminders (ui_getkey's tick), the keys
 * every screen answers alike (? : Q ^L, ui_global_key) and the arrows
 * and page keys as letters, so none of that is written again, or
 * forgotten, per screen.
 *
 * A screen's keys are a table (.keys): the loop passes it only the keys
 * in it, its status-line hints are made from it (ui_screen_hints), the
 * ? help lists it, and tests/unit/test_keys.c fails when a key in it is
 * not in the man page.  The main screen's keys are the larger table of
 * ui/keys.h, with contexts; it leaves .keys NULL and reads every key.
 */
#ifndef UI_SCREEN_H
#define UI_SCREEN_H

#include <wchar.h>

enum screen_rc {
	SCREEN_STAY,
	SCREEN_CLOSE,
};

/* One key of a screen: the letter it reads (see ui_key_letter). */
struct screen_key {
	int		 key;
	const char	*name;	/* as help and the man page show it ("Up,
				   k"); NULL: one more key for the line
				   above */
	/* The help and the hint are marked N_(), translated where shown
	 * (base/i18n.h); the names are the keys' own. */
	const char	*help;	/* one line of the ? help */
	const char	*hint;	/* a word for the status line, or NULL */
};

struct screen_ops {
	const char	*name;	/* the help's heading: "The pipeline" (N_) */
	/* Its keys, ended by { 0 }; NULL: every key goes to .key. */
	const struct screen_key *keys;
	/* The whole screen; its bottom line from ui_status_line, else
	 * ui_screen_hints. */
	void		(*draw)(void *self);
	/* One key as ui_getkey gave it (keycode: ch is a KEY_* code);
	 * a screen with .keys reads ui_key_letter(ch, keycode), which is
	 * always one of its table's keys. */
	enum screen_rc	(*key)(void *self, wint_t ch, int keycode);
	/* The terminal has another size (may be NULL: draw reads LINES
	 * and COLS anyway). */
	void		(*resize)(void *self);
	/* Others committed: load again what the screen holds (may be
	 * NULL: a screen that holds nothing of the database's). */
	void		(*reload)(void *self);
	/* The screen takes typed text now (the search's query): every
	 * printable key goes to .key, ? : Q included (may be NULL). */
	int		(*typing)(void *self);
	/* A key of the table the screen does not offer now (a colleague's
	 * deal cannot be moved): left out of the hints; pressed, it still
	 * reaches .key, which says why (may be NULL). */
	int		(*hidden)(void *self, int key);
};

/* The screens with a table of keys (tests/unit/test_keys.c reads them
 * against the man page). */
extern const struct screen_ops screen_reports, screen_pipeline,
    screen_import, screen_search, screen_fields, screen_templates,
    screen_plan, screen_pivot, screen_drill;

/* The keys every screen answers: ? : Q ^L ^C (ui_global_key). */
extern const struct screen_key ui_global_keys[];

/*
 * A key as the letter every screen reads: a character is itself; the
 * arrows and page keys are as in the main key table -- Up k, Down j,
 * Left h, Right l, PgDn ^F, PgUp ^B, Home g, End G, Enter newline,
 * Backspace q, Shift-Tab ^P; another KEY_* code is 0.
 */
int	ui_key_letter(wint_t ch, int keycode);
/* Runs the screen until its key says SCREEN_CLOSE or the program quits. */
void	ui_screen_run(const struct screen_ops *ops, void *self);
/* "Up/Down report  [ ] period ..." from the table (a static buffer). */
const char *ui_screen_hints(const struct screen_ops *ops, void *self);
/*
 * The ? help of a screen: its keys, then those of every screen.  The
 * main screen has a help of its own (app.c) that uses ui_text_screen.
 */
void	ui_screen_help(const struct screen_ops *ops, void *self);
/*
 * A page of text to read, scrolled with the arrows and page keys, left
 * with q or Esc (the help screens).  A line starting with a newline is
 * a heading.
 */
void	ui_text_screen(const char *title, const char *const *lines,
	    size_t n);

#endif
