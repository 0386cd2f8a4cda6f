/*
 * salesorg import csv|xlsx|xls: the command line of the table import
 * (import.h
 * does the work).  Reached through "salesorg import" (src/cli/ical.c),
 * which hands over its arguments from the format word on.
 */
#ifndef CLI_CSV_H
#define CLI_CSV_H

#include "cli/cli.h"

/*
 * What cli_getopt returns for the options of salesorg import, whose
 * spec is in its entry (command_import, src/cli/ical.c): those of the
 * table forms, and --skip-bad and --dry-run, which import vcard takes
 * too (src/cli/vcard.c).
 */
enum {
	IMPORT_OPT_MAP = 'm', IMPORT_OPT_ENCODING = 'e', IMPORT_OPT_SEP = 's',
	IMPORT_OPT_SHEET = 'S', IMPORT_OPT_CREATE_MISSING = 'c',
	IMPORT_OPT_ON_DUPLICATE = 'd', IMPORT_OPT_SKIP_BAD = 'b',
	IMPORT_OPT_IGNORE_UNKNOWN = 'i', IMPORT_OPT_DRY_RUN = 'n',
	IMPORT_OPT_STRICT = 'q'
};

/* argv[0] is "csv", "xlsx" or "xls"; the rest: ENTITY FILE and the
 * options. */
int	cli_import_table(struct cli *cli, int argc, char **argv);

#endif
