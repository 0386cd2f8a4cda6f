/* salesorg init: create (or upgrade) the database file. */
#include <stdio.h>

#include "cli/cli.h"

int
cli_init(struct cli *cli, int argc, char **argv)
{
	struct db *db;
	int rc;

	(void)argv;
	if (argc != 1)
		return cli_usage("init");
	if ((rc = cli_open(cli, 1, 0, &db)) != 0)
		return rc;
	printf("%s: schema version %d, user %s (%s)\n", db_path(db),
	    db_schema_version(db), db_user_login(db), db_user_role(db));
	db_close(db);
	return 0;
}
