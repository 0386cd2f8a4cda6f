/*
 * salesorg import csv|xlsx|xls: the command line of the table import
 * (import.h
 * does the work).  Reached through "salesorg import" (src/cli/ical.c),
 * which hands over its arguments from the format word on.
 */
#ifndef CLI_CSV_H
#define CLI_CSV_H

#include "cli/cli.h"

/* argv[0] is "csv", "xlsx" or "xls"; the rest: ENTITY FILE and the
 * options. */
int	cli_import_table(struct cli *cli, int argc, char **argv);

#endif
