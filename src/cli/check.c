/*
 * salesorg check: SQLite's integrity_check and foreign_key_check, then
 * the search indexes against the records and the stored split over
 * product groups against the views that define it (only on a sound
 * file: on a corrupt one they would only repeat the news).  Opens the file
 * read-only, so checking a suspect file never changes it.
 */
#include <stdio.h>

#include "base/i18n.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "store/product.h"
#include "store/search.h"

static int
cli_check(struct cli *cli, int argc, char **argv)
{
	struct strbuf report = { 0 };
	struct so_err err = { 0 };
	struct db *db;
	int rc;

	(void)argv;
	if (argc != 1)
		return cli_usage("check");
	/* Nobody logs in: a damaged file may not even have its users. */
	if ((rc = cli_open(cli, 0, CLI_READ_ANON, &db)) != 0)
		return rc;
	rc = db_check(db, &report, &err);
	if (rc == SO_OK)
		rc = search_check(db, &report, &err);
	if (rc == SO_OK)
		rc = split_check(db, &report, &err);
	fputs(sb_str(&report), stdout);
	if (rc == SO_OK) {
		printf(_("%s: ok (schema version %d)"), db_path(db),
		    db_schema_version(db));
		putchar('\n');
	}
	db_close(db);
	sb_free(&report);
	return rc == SO_OK ? 0 : cli_fail(&err);
}

/* ---- the entry (src/cli/commands.c lists it) ---- */

const struct command command_check = {
	.name = "check",
	.operands = "",
	.summary = N_("check the database's integrity"),
	.acl = {
		.manager = CLI_REACH(0, 0, 0, ACL_READ),
		.head = CLI_REACH(0, 0, 0, ACL_READ),
		.admin = CLI_REACH(0, 0, 0, ACL_READ),
	},
	.access = N_("whoever may read the file, logged in or not (a "
	    "damaged file may have lost its users); opens it read-only and "
	    "writes nothing"),
	.run = cli_check,
};
