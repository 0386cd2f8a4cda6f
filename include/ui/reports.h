/*
 * The Reports screen (`R`, `:report [NAME]`) and the work journal (`J`):
 * pick a report, its period and manager, preview it as it will print,
 * print it through CUPS or save it to a file.
 */
#ifndef UI_REPORTS_H
#define UI_REPORTS_H

#include "store/db.h"

/* Runs the screen on report name (NULL: the first, the journal) until
 * q or Esc. */
void	ui_reports(struct db *db, const char *name);

#endif
