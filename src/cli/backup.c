/*
 * salesorg backup FILE: a consistent copy of the database made with
 * SQLite's online backup API while other users go on working.
 */
#include <stdio.h>

#include "base/i18n.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "store/backup.h"

static int
cli_backup(struct cli *cli, int argc, char **argv)
{
	struct so_err err = { 0 };
	struct db *db;
	int rc;

	if (argc != 2)
		return cli_usage("backup");
	if ((rc = cli_open(cli, 0, 1, &db)) != 0)
		return rc;
	rc = backup_db(db, argv[1], &err);
	db_close(db);
	if (rc != SO_OK)
		return cli_fail(&err);
	printf(_("%s: backed up to %s"), cli->dbpath, argv[1]);
	putchar('\n');
	return 0;
}

/* ---- the entry (src/cli/commands.c lists it) ---- */

const struct command command_backup = {
	.name = "backup",
	.operands = NC_("usage", "FILE"),
	.summary = N_("copy the database safely while it is in use"),
	.acl = {
		.manager = CLI_REACH(0, 0, 0, 0),
		.head = CLI_REACH(ACL_TAKE, ACL_TAKE, ACL_TAKE, ACL_TAKE),
		.admin = CLI_REACH(ACL_TAKE, ACL_TAKE, ACL_TAKE, ACL_TAKE),
	},
	.access = N_("a head of sales or an administrator (a copy holds "
	    "every record); managers are refused"),
	.run = cli_backup,
};
