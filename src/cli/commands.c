/*
 * The table of subcommands: main walks it for dispatch and --help, and
 * hands it to cli_set_commands for cli_usage's line of one command.  A
 * new command is one file in src/cli/, its entry in cli/commands.h and
 * one line here.
 */
#include <stddef.h>

#include "cli/cli.h"
#include "cli/commands.h"

const struct command commands[] = {
	{ "init", "[(--shared | --plain) GROUP [--admin LOGIN] [FILE]]",
	    "create or upgrade the database; --shared/--plain: a team's "
	    "database on a server, group GROUP (see salesorg(1))", cli_init },
	{ "demo", "", "fill the database with demonstration data", cli_demo },
	{ "check", "", "check the database's integrity", cli_check },
	{ "backup", "FILE", "copy the database safely while it is in use",
	    cli_backup },
	{ "export", "FORMAT [options]",
	    "export events and tasks (ics: --from --to --user --type "
	    "--no-tasks -o) or contacts (vcard: --version 3.0|4.0 --filter "
	    "--saved -o)", cli_export },
	{ "import", "ics FILE | csv|xlsx|xls ENTITY FILE [options] | vcard "
	    "FILE [--skip-bad] [--dry-run]",
	    "import events and tasks (ics, idempotent by UID), records of a "
	    "card file from CSV or an Excel workbook (--encoding --sep "
	    "--sheet --map --ignore-unknown --create-missing --on-duplicate "
	    "skip|update|add --skip-bad --dry-run) or contacts (vcard, "
	    "idempotent by UID); FILE may be a pipe or /dev/stdin for csv, "
	    "ics and vcard (read whole first, at most 256 MiB), a workbook "
	    "must be a file (no part over 256 MiB uncompressed); a repeat "
	    "rule that never produces a date is refused", cli_import },
	{ "agenda", "[--date DATE] [--days N] [--user LOGIN | --all] "
	    "[--format text|csv|ics]", "print the agenda: overdue, the day's "
	    "calls, meetings, tasks, birthdays", cli_agenda },
	{ "list", "ENTITY [--filter EXPR] [--saved NAME] [--format "
	    "text|csv|tsv] [--excel] [--fields a,b,c] [--sort FIELD] [--desc] "
	    "[--trash] [--limit N] [--count] [-o FILE]", "print a card file, "
	    "filtered (see FILTERS in salesorg(1)); --excel: csv for Russian "
	    "Excel (CP1251, ';')", cli_list },
	{ "config", "[get NAME | set NAME on|off|VALUE [--team] | "
	    "types|results [list|add|rename|enable|disable ...]]",
	    "show or change settings, event types and results (see "
	    "salesorg(1))", cli_config },
	{ "field", "add ENTITY NAME [--label L] [--type text|number|money|date|bool|choice] [--choices a,b,c] [--required] | list [ENTITY] | remove ENTITY NAME", "custom fields of the card files (admin)", cli_field },
	{ "search", "QUERY... [--limit N] [--format text|csv|tsv]",
	    "find records in every card file by word beginnings", cli_search },
	{ "abc", "[--month YYYY-MM] [--recompute]", "rank paying companies "
	    "A, B, C by the 20/80 rule; print a month's figures", cli_abc },
	{ "template", "add NAME [--subject S] [--body-file FILE | --body TEXT] "
	    "| list | show NAME | edit NAME | remove NAME | fields",
	    "mail merge templates: a subject and body with {contact.first_name}"
	    " style placeholders", cli_template },
	{ "merge", "TEMPLATE [--filter EXPR] [--saved NAME] (--dir DIR | "
	    "--mbox FILE | --send) [--dry-run] [--limit N]", "render a "
	    "template for each contact with an e-mail: .eml files, an mbox, "
	    "or sendmail (logged as e-mail events)", cli_merge },
	{ "journal", "[--date DATE] [--user LOGIN | --all] [OUTPUT]",
	    "the day's work journal on paper: touches planned (with a blank "
	    "result column before the day), the call log, totals",
	    cli_journal },
	{ "report", "NAME [--period day|week|month|quarter|year|all] "
	    "[--from DATE] [--to DATE] [--user LOGIN | --all] [--id EVENT] "
	    "[OUTPUT]", "activity, meeting, follow-up, sales, audit, "
	    "key-clients (see REPORTS in salesorg(1)); OUTPUT: --format "
	    "text|csv|html|pdf -o FILE --width N --page-length N --paper "
	    "a4|letter --print -P PRINTER --copies N", cli_report },
	{ "user", "add LOGIN [--role manager|head|admin] [--name NAME] | set "
	    "LOGIN [--role ROLE] [--name NAME] | disable|enable LOGIN | list",
	    "the people of the database and their roles (an administrator "
	    "changes them)", cli_user },
	{ "log", "[--user LOGIN] [--entity NAME] [--id N] [--since "
	    "DATE|MOMENT] [--action create|update|delete|restore] [--field "
	    "NAME] [--limit N]", "the audit log, newest first: who changed "
	    "which field of which record, when (the whole log: head or "
	    "admin)", cli_log },
	{ NULL, NULL, NULL, NULL }
};
