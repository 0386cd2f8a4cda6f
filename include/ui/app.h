/*
 * The TUI: the tabbed card files.  Everything that touches ncurses lives
 * under src/ui/.  The caller (main.c) opens the database and logs in, the
 * way every command does (src/cli/common.c), so the organizer needs
 * nothing of the commands.
 */
#ifndef UI_APP_H
#define UI_APP_H

struct db;

/* True when stdin and stdout are a terminal the organizer can use; when
 * not, says why on stderr (check it before opening the database). */
int	ui_app_terminal_ok(void);
/* Runs the TUI on db, which the caller closes; 0, or -1 when the
 * terminal cannot be set up. */
int	ui_app_run(struct db *db);

#endif
