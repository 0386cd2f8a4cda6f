/*
 * salesorg user add LOGIN [--role manager|head|admin] [--name NAME]
 * salesorg user set LOGIN [--role ROLE] [--name NAME]
 * salesorg user disable|enable LOGIN
 * salesorg user list
 *
 * The people of the database.  Only an administrator changes them (the
 * store refuses anyone else); everyone may list them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "store/users.h"

static const char *const roles[] = { "manager", "head", "admin", NULL };

static int
list_users(struct db *db)
{
	struct user_brief *u;
	struct so_err err = { 0 };
	size_t n, i;

	if (store_users_all(db, &u, &n, &err) != SO_OK)
		return cli_fail(&err);
	for (i = 0; i < n; i++) {
		printf("%-16s %-8s %s", u[i].login, u[i].role,
		    u[i].disabled ? "disabled " : "");
		cli_put_clean(stdout, u[i].full_name);
		putchar('\n');
	}
	store_users_free(u, n);
	return 0;
}

static int
cli_user(struct cli *cli, int argc, char **argv)
{
	struct so_err err = { 0 };
	struct db *db;
	const char *verb, *login, *name = NULL, *v;
	enum role role = ROLE_NONE;
	int i, missing = 0, rc, code, disabled = -1;

	if (argc < 2)
		return cli_usage("user");
	verb = argv[1];
	if (strcmp(verb, "list") == 0) {
		if (argc != 2)
			return cli_usage("user");
		if ((rc = cli_open(cli, 0, 0, &db)) != 0)
			return rc;
		rc = list_users(db);
		db_close(db);
		return rc;
	}
	if (strcmp(verb, "add") != 0 && strcmp(verb, "set") != 0 &&
	    strcmp(verb, "disable") != 0 && strcmp(verb, "enable") != 0) {
		fprintf(stderr, "salesorg: user: add, set, disable, enable or "
		    "list, not \"%s\"\n", verb);
		return EXIT_USAGE;
	}
	if (argc < 3)
		return cli_usage("user");
	login = argv[2];
	for (i = 3; i < argc; i++) {
		if ((v = cli_optval(argc, argv, &i, "--role", &missing))) {
			if ((rc = cli_choice("user", "role", v, roles)) < 0)
				return EXIT_USAGE;
			role = acl_role_named(roles[rc]);
		} else if ((v = cli_optval(argc, argv, &i, "--name", &missing)))
			name = v;
		else
			return cli_usage("user");
	}
	if (missing)
		return cli_usage("user");
	if (strcmp(verb, "disable") == 0 || strcmp(verb, "enable") == 0) {
		if (role != ROLE_NONE || name)
			return cli_usage("user");
		disabled = strcmp(verb, "disable") == 0;
	}
	if ((rc = cli_open(cli, 0, 0, &db)) != 0)
		return rc;
	if (strcmp(verb, "add") == 0)
		code = store_user_add(db, login, name, role == ROLE_NONE ?
		    ROLE_MANAGER : role, &err);
	else
		code = store_user_set(db, login, role, name, disabled, &err);
	db_close(db);
	if (code != SO_OK)
		return cli_fail(&err);
	return 0;
}

/* ---- the entry (src/cli/commands.c lists it) ---- */

const struct command command_user = {
	.name = "user",
	.usage = "add LOGIN [--role manager|head|admin] [--name NAME] | set "
	    "LOGIN [--role ROLE] [--name NAME] | disable|enable LOGIN | "
	    "list",
	.summary = "the people of the database and their roles (an "
	    "administrator changes them)",
	.run = cli_user,
};
