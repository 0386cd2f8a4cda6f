/*
 * The subcommands: one file each in src/cli/, one entry each in the
 * table (src/cli/commands.c) that main walks for dispatch and --help.
 * Above cli.h, whose services every command uses.
 */
#ifndef CLI_COMMANDS_H
#define CLI_COMMANDS_H

#include "cli/cli.h"

/* The table, NULL-terminated. */
extern const struct command commands[];

int	cli_init(struct cli *, int, char **);
int	cli_demo(struct cli *, int, char **);
int	cli_check(struct cli *, int, char **);
int	cli_backup(struct cli *, int, char **);
int	cli_export(struct cli *, int, char **);
int	cli_import(struct cli *, int, char **);
int	cli_agenda(struct cli *, int, char **);
int	cli_config(struct cli *, int, char **);
int	cli_search(struct cli *, int, char **);
int	cli_list(struct cli *, int, char **);
int	cli_field(struct cli *, int, char **);
int	cli_abc(struct cli *, int, char **);
int	cli_template(struct cli *, int, char **);
int	cli_merge(struct cli *, int, char **);
int	cli_journal(struct cli *, int, char **);
int	cli_report(struct cli *, int, char **);
int	cli_user(struct cli *, int, char **);
int	cli_log(struct cli *, int, char **);

#endif
