/*
 * salesorg export vcard / import vcard: the command line of the vCard
 * exchange of contacts (vcard.h does the work).  Reached through
 * "salesorg export" and "salesorg import" (src/cli/ical.c), which hand
 * over their arguments from the format word on.
 */
#ifndef CLI_VCARD_H
#define CLI_VCARD_H

#include "cli/cli.h"

/* argv[0] is "vcard"; then [--version 3.0|4.0] [--filter EXPR]
 * [--saved NAME] [-o FILE]. */
int	cli_export_vcard(struct cli *cli, int argc, char **argv);
/* argv[0] is "vcard"; then FILE [--skip-bad] [--dry-run]. */
int	cli_import_vcard(struct cli *cli, int argc, char **argv);

#endif
