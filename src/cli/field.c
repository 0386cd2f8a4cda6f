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

#include "base/i18n.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "store/custom.h"

enum { OPT_LABEL = 'l', OPT_TYPE = 't', OPT_CHOICES = 'c',
	OPT_REQUIRED = 'r' };

static int
field_add(struct cli *cli, int argc, char **argv)
{
	struct so_err err = { 0 };
	struct db *db;
	const char *label = NULL, *type = "text", *choices = NULL;
	int c, rc, required = 0;

	while ((c = cli_getopt(&command_field, "add", argc, argv)) != -1) {
		switch (c) {
		case OPT_LABEL:
			label = optarg;
			break;
		case OPT_TYPE:
			type = optarg;
			break;
		case OPT_CHOICES:
			choices = optarg;
			break;
		case OPT_REQUIRED:
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

	/* No option: this only says so of one given. */
	if (cli_getopt(&command_field, "remove", argc, argv) != -1 ||
	    argc - optind != 2)
		return cli_usage("field");
	if ((rc = cli_open(cli, 0, 0, &db)) != 0)
		return rc;
	if (custom_field_remove(db, argv[optind], argv[optind + 1], &err) !=
	    SO_OK)
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

	if (cli_getopt(&command_field, "list", argc, argv) != -1 ||
	    argc - optind > 1)
		return cli_usage("field");
	if ((rc = cli_open(cli, 0, 1, &db)) != 0)
		return rc;
	if (custom_field_list(db, optind < argc ? argv[optind] : NULL, &f, &n,
	    &err) != SO_OK) {
		rc = cli_fail(&err);
		db_close(db);
		return rc;
	}
	for (i = 0; i < n; i++) {
		/* The entity, name and type are what field add takes. */
		printf("%-10s %-16s %-7s ", f[i].entity, f[i].name,
		    f[i].type);
		/* TRANSLATORS: a custom field a value is needed in, in
		 * field list: 9 letters at most keep the column. */
		cli_put_cell(stdout, f[i].required ? C_("custom field",
		    "required") : "", 9);
		putchar(' ');
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

static const struct cli_form forms[] = {
	{ "add", NC_("usage", "ENTITY NAME") },
	{ "list", NC_("usage", "[ENTITY]") },
	{ "remove", NC_("usage", "ENTITY NAME") },
	{ NULL, NULL }
};

static const struct cli_option options[] = {
	{ .name = "label", .val = OPT_LABEL, .arg = NC_("usage", "LABEL"),
	  .form = "add",
	  .help = N_("what the screens and CSV headers show (default the "
	    "name)") },
	{ .name = "type", .val = OPT_TYPE,
	  .arg = "text|number|money|date|bool|choice", .form = "add",
	  .help = N_("the kind of value (default text)") },
	{ .name = "choices", .val = OPT_CHOICES, .arg = "a,b,c",
	  .form = "add", .help = N_("the values of a choice field") },
	{ .name = "required", .val = OPT_REQUIRED, .form = "add",
	  .help = N_("a value is needed from a person; records already "
	    "there show [incomplete] and are asked for it at their next "
	    "edit in a form; the program's own writes are never refused "
	    "for it") },
	{ 0 }
};

const struct command command_field = {
	.name = "field",
	.forms = forms,
	.options = options,
	.summary = N_("custom fields of the card files"),
	.acl = {
		.manager = CLI_REACH(0, 0, 0, ACL_READ),
		.head = CLI_REACH(0, 0, 0, ACL_READ),
		.admin = CLI_REACH(0, 0, 0, ACL_READ | ACL_WRITE),
	},
	.access = N_("any user lists them; only an administrator adds or "
	    "removes one"),
	.run = cli_field,
};
