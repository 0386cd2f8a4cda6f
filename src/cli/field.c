/*
 * `salesorg field`: the custom fields an administrator adds to the card
 * files.
 *
 *	salesorg field add companies inn --label ИНН --required
 *	salesorg field add deals channel --type choice --choices web,call
 *	salesorg field list [companies]
 *	salesorg field remove companies inn
 *
 * A field added here is in the lists, cards, forms, filters and exports
 * of every user from their next start (store/custom.h).  The store, not
 * this file, refuses anyone but an admin, so the TUI or a script going
 * through the store cannot get round it.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "store/custom.h"

static int
field_add(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "label", required_argument, NULL, 'l' },
		{ "type", required_argument, NULL, 't' },
		{ "choices", required_argument, NULL, 'c' },
		{ "required", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct so_err err = { 0 };
	struct db *db;
	const char *label = NULL, *type = "text", *choices = NULL;
	int c, rc, required = 0;

	/* 0: GNU getopt starts afresh and permutes (see list.c) */
	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			label = optarg;
			break;
		case 't':
			type = optarg;
			break;
		case 'c':
			choices = optarg;
			break;
		case 'r':
			required = 1;
			break;
		default:
			return cli_usage("field");
		}
	}
	if (optind != argc - 2)
		return cli_usage("field");
	if ((rc = cli_open(cli, 0, 0, &db)) != 0)
		return rc;
	if (custom_field_add(db, argv[optind], argv[optind + 1], label, type,
	    choices, required, &err) != SO_OK)
		rc = cli_fail(&err);
	db_close(db);
	return rc;
}

static int
field_remove(struct cli *cli, int argc, char **argv)
{
	struct so_err err = { 0 };
	struct db *db;
	int rc;

	if (argc != 3)
		return cli_usage("field");
	if ((rc = cli_open(cli, 0, 0, &db)) != 0)
		return rc;
	if (custom_field_remove(db, argv[1], argv[2], &err) != SO_OK)
		rc = cli_fail(&err);
	db_close(db);
	return rc;
}

/* One line a field: entity, name, type, required, label (choices). */
static int
field_list(struct cli *cli, int argc, char **argv)
{
	struct so_err err = { 0 };
	struct custom_field *f;
	struct db *db;
	size_t i, n;
	int rc;

	if (argc > 2)
		return cli_usage("field");
	if ((rc = cli_open(cli, 0, 1, &db)) != 0)
		return rc;
	if (custom_field_list(db, argc == 2 ? argv[1] : NULL, &f, &n, &err) !=
	    SO_OK) {
		rc = cli_fail(&err);
		db_close(db);
		return rc;
	}
	for (i = 0; i < n; i++) {
		printf("%-10s %-16s %-7s %-9s ", f[i].entity, f[i].name,
		    f[i].type, f[i].required ? "required" : "");
		cli_put_clean(stdout, f[i].label);
		if (*f[i].choices) {
			fputs(" (", stdout);
			cli_put_clean(stdout, f[i].choices);
			fputs(")", stdout);
		}
		putchar('\n');
	}
	custom_field_list_free(f, n);
	db_close(db);
	return 0;
}

static int
cli_field(struct cli *cli, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return field_add(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "remove") == 0)
		return field_remove(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return field_list(cli, argc - 1, argv + 1);
	return cli_usage("field");
}

/* ---- the entry (src/cli/commands.c lists it) ---- */

const struct command command_field = {
	.name = "field",
	.usage = "add ENTITY NAME [--label L] [--type "
	    "text|number|money|date|bool|choice] [--choices a,b,c] "
	    "[--required] | list [ENTITY] | remove ENTITY NAME",
	.summary = "custom fields of the card files (admin)",
	.run = cli_field,
};
