/*
 * salesorg user add|set|disable|enable LOGIN, salesorg user list (the
 * forms and options in the entry at the end).
 *
 * The people of the database.  Only an administrator changes them (the
 * store refuses anyone else); everyone may list them.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "store/users.h"

static const char *const roles[] = { "manager", "head", "admin", NULL };

enum { OPT_ROLE = 'r', OPT_NAME = 'n' };

static int
list_users(struct db *db)
{
	struct user_brief *u;
	struct so_err err = { 0 };
	size_t n, i;

	if (store_users_all(db, &u, &n, &err) != SO_OK)
		return cli_fail(&err);
	for (i = 0; i < n; i++) {
		/* The login and the role are what user set takes. */
		printf("%-16s %-8s ", u[i].login, u[i].role);
		if (u[i].disabled)
			/* TRANSLATORS: before the name of a user who may
			 * not log in (user list). */
			printf("%s ", C_("user", "disabled"));
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
	const char *verb, *login, *name = NULL;
	enum role role = ROLE_NONE;
	int c, rc, code, disabled = -1;

	if (argc < 2)
		return cli_usage("user");
	verb = argv[1];
	if (strcmp(verb, "list") == 0) {
		if (cli_getopt(&command_user, verb, argc - 1, argv + 1) != -1 ||
		    optind != argc - 1)
			return cli_usage("user");
		if ((rc = cli_open(cli, 0, 0, &db)) != 0)
			return rc;
		rc = list_users(db);
		db_close(db);
		return rc;
	}
	if (strcmp(verb, "add") != 0 && strcmp(verb, "set") != 0 &&
	    strcmp(verb, "disable") != 0 && strcmp(verb, "enable") != 0) {
		/* TRANSLATORS: the words of the list are typed as they
		 * are. */
		cli_warn(_("user: add, set, disable, enable or list, not "
		    "\"%s\""), verb);
		return EXIT_USAGE;
	}
	/* The verb first, then LOGIN and the options in any order. */
	while ((c = cli_getopt(&command_user, verb, argc - 1, argv + 1)) !=
	    -1) {
		if (c == OPT_ROLE) {
			if ((rc = cli_choice("user", "role", optarg, roles)) < 0)
				return EXIT_USAGE;
			role = acl_role_named(roles[rc]);
		} else if (c == OPT_NAME)
			name = optarg;
		else
			return cli_usage("user");
	}
	if (argc - 1 - optind != 1)
		return cli_usage("user");
	login = argv[optind + 1];
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

static const struct cli_form forms[] = {
	{ "add", NC_("usage", "LOGIN") },
	{ "set", NC_("usage", "LOGIN") },
	{ "disable|enable", NC_("usage", "LOGIN") },
	{ "list", "" },
	{ NULL, NULL }
};

static const struct cli_option options[] = {
	{ .name = "role", .val = OPT_ROLE, .choices = roles, .form = "add|set",
	  .help = N_("the user's role (add: manager by default); the last "
	    "administrator keeps theirs") },
	{ .name = "name", .val = OPT_NAME, .arg = NC_("usage", "NAME"),
	  .form = "add|set",
	  .help = N_("the full name (add: the login by default)") },
	{ 0 }
};

const struct command command_user = {
	.name = "user",
	.forms = forms,
	.options = options,
	.summary = N_("the people of the database and their roles"),
	.acl = {
		.manager = CLI_REACH(0, 0, 0, ACL_READ),
		.head = CLI_REACH(0, 0, 0, ACL_READ),
		.admin = CLI_REACH(0, 0, 0, ACL_READ | ACL_WRITE),
	},
	.access = N_("any user lists them; only an administrator adds, "
	    "changes, disables or enables one"),
	.run = cli_user,
};
