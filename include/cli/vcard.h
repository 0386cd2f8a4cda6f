/*
 * salesorg export vcard / import vcard: the command line of the vCard
 * exchange of contacts (vcard.h does the work).  Reached through
 * "salesorg export" and "salesorg import" (src/cli/ical.c), which hand
 * over their arguments from the format word on.
 */
#ifndef CLI_VCARD_H
#define CLI_VCARD_H

#include "cli/cli.h"

/*
 * What cli_getopt returns for the options of export vcard, whose spec
 * is in salesorg export's entry (command_export, src/cli/ical.c), and
 * for -o, which export ics takes too; the vCard versions --version
 * chooses from.
 */
enum {
	EXPORT_OPT_VERSION = 'v', EXPORT_OPT_FILTER = 'F',
	EXPORT_OPT_SAVED = 'S', EXPORT_OPT_OUTPUT = 'o'
};
extern const char *const cli_vcard_versions[];

/* argv[0] is "vcard"; then the options of export vcard. */
int	cli_export_vcard(struct cli *cli, int argc, char **argv);
/* argv[0] is "vcard"; then FILE and the options of import vcard
 * (cli/csv.h's --skip-bad and --dry-run). */
int	cli_import_vcard(struct cli *cli, int argc, char **argv);

#endif
