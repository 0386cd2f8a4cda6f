/*
 * The table of subcommands: main walks it for dispatch and --help, and
 * hands it to cli_set_commands for the usage lines and help made from
 * each entry.  Each command's entry -- its name, operands or forms,
 * option spec, summary and access line, beside the code that reads the
 * options through cli_getopt -- lives in its own file in src/cli/
 * (tmux's cmd_entry); a new command is that file, its extern in
 * cli/commands.h and one line here.
 */
#include <stddef.h>

#include "cli/cli.h"
#include "cli/commands.h"

const struct command *const commands[] = {
	&command_init,
	&command_demo,
	&command_check,
	&command_backup,
	&command_export,
	&command_import,
	&command_agenda,
	&command_list,
	&command_config,
	&command_field,
	&command_search,
	&command_abc,
	&command_plan,
	&command_template,
	&command_merge,
	&command_doc,
	&command_journal,
	&command_report,
	&command_pivot,
	&command_user,
	&command_log,
	&command_deal,
	NULL
};
