/*
 * The pivot screen (`:pivot [NAME]`, and v on the Reports screen): a
 * pivot table of a card file (store/pivot.h) built on screen -- rows,
 * columns, measure, filter and period picked from the card file's
 * fields -- with Enter on a cell listing the records behind it, and
 * pivots saved for the team under a name (the same ones `salesorg
 * pivot --run NAME` runs).
 */
#ifndef UI_PIVOT_H
#define UI_PIVOT_H

#include "store/db.h"

/* Runs the screen on the saved pivot name (NULL: a new one, companies
 * by category and month) until q or Esc. */
void	ui_pivot(struct db *db, const char *name);
/* The saved pivots as a pick-list: the one picked runs on the pivot
 * screen ("a new pivot" first).  The Reports screen's v. */
void	ui_pivot_pick(struct db *db);

#endif
