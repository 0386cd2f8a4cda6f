/*
 * The subcommands: one file each in src/cli/, each defining its entry
 * (command_NAME: name, operands or forms, options, summary, acl,
 * access, run; struct command in cli.h) at its end; the table of them
 * (src/cli/commands.c) is what main walks for dispatch and --help.
 * Above cli.h, whose services every command uses.
 */
#ifndef CLI_COMMANDS_H
#define CLI_COMMANDS_H

#include "cli/cli.h"

/* The table, NULL-terminated. */
extern const struct command *const commands[];

extern const struct command command_init;
extern const struct command command_demo;
extern const struct command command_check;
extern const struct command command_backup;
extern const struct command command_export;
extern const struct command command_import;
extern const struct command command_agenda;
extern const struct command command_list;
extern const struct command command_config;
extern const struct command command_field;
extern const struct command command_search;
extern const struct command command_abc;
extern const struct command command_plan;
extern const struct command command_template;
extern const struct command command_merge;
extern const struct command command_doc;
extern const struct command command_journal;
extern const struct command command_report;
extern const struct command command_pivot;
extern const struct command command_user;
extern const struct command command_log;
extern const struct command command_deal;

#endif
