/*
 * The TUI: the tabbed card files.  Everything that touches ncurses lives
 * under src/ui/.
 */
#ifndef UI_APP_H
#define UI_APP_H

#include "cli/cli.h"

/* Runs the TUI on cli's database; returns the exit status. */
int	ui_app_run(struct cli *cli);

#endif
