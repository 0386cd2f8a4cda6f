/*
 * What the screens share: reading a key, redrawing everything behind a
 * dialog (after a resize), the bottom line (status, prompts, y/n
 * questions), and pop-up pick-lists.  ui.c and prompt.c; the main loop
 * (app.c) uses them like any screen and lends its drawing and reloading
 * through ui_attach, so no screen calls up into it.
 */
#ifndef UI_UI_H
#define UI_UI_H

#include <wchar.h>

#include "store/db.h"
#include "store/entity.h"

#define UI_MIN_COLS	60
#define UI_MIN_LINES	15
#define UI_MESSAGE_MAX	512	/* bytes of the status-line message */

/* What the main screen lends the services while it runs. */
struct ui_host {
	void	(*draw)(void);		/* the main screen as it is now */
	void	(*reload)(int live);	/* reload what it shows; live:
					   another process committed */
	void	(*help)(void);		/* the ? screen */
	void	(*command)(void);	/* the : command line */
	void	(*tick)(void);		/* about once a second while a key
					   is awaited, on every screen: the
					   reminders; a ui_message it sets
					   makes the screen redraw */
	int	(*idle)(void);		/* when a key is awaited and none
					   waits, the screen drawn: work
					   left for after the paint (a
					   list's count); 1 when it did
					   some, and the screen redraws */
};

/*
 * The keys every screen answers the same way (the loop of screen.c
 * asks here first): ? help, : the command line, Q and ^C quit at once,
 * ^L redraw.  Returns 1 when the key was one of
 * them (done); the screen then closes if ui_quitting() says so.
 */
int	 ui_global_key(wint_t ch, int keycode);
/*
 * Draws a message on the bottom line, wrapped at spaces onto up to
 * UI_STATUS_ROWS lines above it when it is longer than the screen is
 * wide (a busy or import message names a file, a line and a field, and
 * ends with what to do: it must not be cut).  attr is an enum ui_attr.
 * Returns the lines used.
 */
#define UI_STATUS_ROWS	3
int	 ui_draw_status(const char *text, int attr);
/* What a screen's bottom line says: its own message, else the shared
 * one (a reminder, what a : command said), else NULL (its hints). */
const char *ui_status_line(const char *own);
/* Q, :q or ^C: every open screen closes, then the program. */
void	 ui_quit(void);
int	 ui_quitting(void);

/*
 * The main loop attaches its database (live refresh watches it) and its
 * hooks at start and detaches at the end.
 */
void	 ui_attach(struct db *db, const struct ui_host *host);
void	 ui_detach(void);
/*
 * Looks for another process's commit now: on one, counts it (see
 * ui_data_generation), has the main screen reload and returns 1.
 */
int	 ui_data_changed(void);

/*
 * Waits for a key (up to timeout_ms; -1 forever).  Returns 1 with *ch and
 * *keycode set, or 0 on timeout.  KEY_RESIZE is handled here: the screen
 * is redrawn by the caller's next draw, and 1 is returned with KEY_RESIZE.
 */
int	 ui_getkey(wint_t *ch, int *keycode, int timeout_ms);
/*
 * Live refresh: while it waits, ui_getkey looks for commits of other
 * processes every second; on one, the main screen reloads and ui_getkey
 * returns KEY_RESIZE (every screen redraws on it).  A screen holding
 * data of its own (the pipeline, a report, search hits, a form's
 * record) compares this counter with the value it last loaded at and
 * reloads when it moved on.
 */
unsigned ui_data_generation(void);
/* True when another key is already waiting (peeked, then put back):
 * a screen that refreshes per key skips refreshes the user typed past. */
int	 ui_key_pending(void);
/* Redraws the main screen (tabs, list, card, status) as it is now. */
void	 ui_redraw(void);
/* True (after drawing a notice) when the terminal is under the minimum. */
int	 ui_too_small(void);
/*
 * "12 companies", "1 company": how many records of ent, for a sentence
 * ("Reassign 12 companies to boris?"), each card file with its own
 * plural forms in the messages' language.  Caller frees.
 */
char	*ui_count_records(const struct entity *ent, long long n);
/* Sets the status-line message (shown until the next key). */
void	 ui_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The message ("" for none), and clearing it (the main loop, per key). */
const char *ui_message_text(void);
void	 ui_message_clear(void);

/*
 * Edits a line on the bottom row after label, starting from init.
 * on_change (may be NULL) runs after every change, for live filters.
 * Returns a new string on Enter, NULL on Esc.
 */
char	*ui_prompt(const char *label, const char *init,
	    void (*on_change)(const char *text, void *arg), void *arg);
/*
 * A prompt that checks as it is typed: init is shown selected (typing
 * replaces it, an arrow keeps it to edit), check runs after every
 * change and its message (nonzero return) shows above the prompt at
 * once; Enter on a text the check refuses is not taken.  empty text is
 * the check's to allow.  Returns a new string, or NULL on Esc.
 */
char	*ui_prompt_checked(const char *label, const char *init,
	    int (*check)(const char *text, void *arg, char *msg,
	    size_t msgsz), void *arg);
/*
 * Makes the next ui_prompt show msg above it, with a '~' under byte pos
 * of its text, until the text is edited (a filter's syntax error).
 */
void	 ui_prompt_error(const char *msg, size_t pos);
/* Asks a yes/no question on the bottom row; 1 for y, 0 for anything else. */
int	 ui_confirm(const char *question);
/*
 * A pop-up list of n items at (y, x), at most maxh rows; returns the
 * chosen index or -1 (Esc).
 */
int	 ui_menu(int y, int x, int maxh, const char *title,
	    const char *const *items, int n);
/* The same, its cursor on item sel first (a form's line just chosen). */
int	 ui_menu_at(int y, int x, int maxh, const char *title,
	    const char *const *items, int n, int sel);

/*
 * A pick-list of the team: the nextra items first ("(all managers)"),
 * then every user as "login  Full Name".  Returns the index of an extra
 * item, or nextra with *login set (caller frees) for a user, or -1
 * (Esc, or an error said on the status line).
 */
int	 ui_pick_user(struct db *db, const char *title,
	    const char *const *extra, int nextra, char **login);

#endif
