/*
 * `salesorg config`: preferences (agenda.startup, reminders.bell), the
 * text settings of mail merge (mail.from, mail.sendmail) and
 * the team's lists of event types and results, the deal stages (order,
 * names, win probability, won or lost, retired), for an administrator's
 * script or a user without the TUI.  The TUI's :settings screen edits
 * the same rows through the same store functions.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "store/settings.h"
#include "store/stages.h"

enum { OPT_TEAM = 't', OPT_PROBABILITY = 256, OPT_CLOSED };

/* add's --probability and --closed, read before the form is known. */
struct stage_opts {
	const char	*probability, *closed;
};

static int
show_flags(struct db *db)
{
	const struct flag_desc *f;
	const struct text_desc *t;
	char *v;

	/* The names and on or off are what config get and set take; the
	 * help is for a person (the store's table marks it). */
	for (f = settings_flags; f->name; f++)
		printf("%-16s %-3s  %s\n", f->name, settings_flag(db, f->name) ?
		    "on" : "off", f->help && *f->help ? _(f->help) : "");
	for (t = settings_texts; t->name; t++) {
		v = settings_get_text(db, t->name);
		printf("%-16s ", t->name);
		cli_put_clean(stdout, v);
		putchar('\n');
		free(v);
	}
	return 0;
}

/* config get|set of a text setting (mail.from, mail.sendmail). */
static int
text_cmd(struct db *db, int argc, char **argv, int global)
{
	struct so_err err = { 0 };
	char *v;

	if (argc == 2) {
		v = settings_get_text(db, argv[1]);
		cli_put_clean(stdout, v);
		putchar('\n');
		free(v);
		return 0;
	}
	if (settings_set_text(db, argv[1], argv[2], global, &err) != SO_OK)
		return cli_fail(&err);
	return 0;
}

static int
lookup_cmd(struct db *db, enum lookup_table t, int argc, char **argv)
{
	struct so_err err = { 0 };
	struct lookup_row *rows;
	size_t i, n;
	int rc, on;

	if (argc == 0 || strcmp(argv[0], "list") == 0) {
		if (settings_lookup_list(db, t, &rows, &n, &err) != SO_OK)
			return cli_fail(&err);
		for (i = 0; i < n; i++) {
			printf("%-16s ", rows[i].code);
			/* TRANSLATORS: the state of an event type or
			 * result in config types list: 8 letters at most
			 * keep the column. */
			cli_put_cell(stdout, rows[i].active ?
			    C_("type or result", "active") :
			    C_("type or result", "disabled"), 8);
			putchar(' ');
			/* A productive result says so after its name: the
			 * columns a script reads stay where they were. */
			if (t == LOOKUP_EVENT_RESULTS && rows[i].productive) {
				cli_put_clean(stdout, rows[i].name);
				/* TRANSLATORS: after a result's name in
				 * config results list. */
				printf("  (%s)\n", C_("result", "productive"));
				continue;
			}
			cli_put_clean(stdout, rows[i].name);
			putchar('\n');
		}
		settings_lookup_free(rows, n);
		return 0;
	}
	if ((strcmp(argv[0], "add") == 0 || strcmp(argv[0], "rename") == 0) &&
	    argc == 3) {
		if (strcmp(argv[0], "rename") == 0 &&
		    settings_lookup_enable(db, t, argv[1], 1, &err) != SO_OK)
			return cli_fail(&err);
		rc = settings_lookup_put(db, t, argv[1], argv[2], &err);
	} else if (t == LOOKUP_EVENT_RESULTS && argc == 3 &&
	    strcmp(argv[0], "productive") == 0) {
		if ((on = settings_parse_bool(argv[2])) < 0) {
			cli_warn(_("config results productive %s: on or off, "
			    "not \"%s\""), argv[1], argv[2]);
			return EXIT_USAGE;
		}
		rc = settings_lookup_productive(db, argv[1], on, &err);
	} else if ((strcmp(argv[0], "enable") == 0 ||
	    strcmp(argv[0], "disable") == 0) && argc == 2)
		rc = settings_lookup_enable(db, t, argv[1],
		    strcmp(argv[0], "enable") == 0, &err);
	else
		return cli_usage("config");
	return rc == SO_OK ? 0 : cli_fail(&err);
}

/* A probability for config stages: 0 to 100; -1 after saying why. */
static int
probability_arg(const char *arg)
{
	char *end;
	long v;

	v = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || v < 0 || v > 100) {
		cli_warn(_("config stages: probability: a whole number from 0 "
		    "to 100, not \"%s\""), arg);
		return -1;
	}
	return (int)v;
}

/*
 * config stages [list] | add CODE NAME [--probability P] [--closed
 * won|lost] | rename CODE NAME | move CODE POSITION | retire CODE |
 * probability CODE P.  The list's columns (code, kind, probability,
 * state, name) are what a script reads: the words are not translated.
 */
static int
stages_cmd(struct db *db, int argc, char **argv, const struct stage_opts *so)
{
	struct so_err err = { 0 };
	struct stage_row *v;
	enum stage_outcome out = STAGE_OPEN;
	size_t i, n;
	char *end;
	long pos;
	int rc, p = -1;

	if ((so->probability || so->closed) && (argc == 0 ||
	    strcmp(argv[0], "add") != 0)) {
		cli_warn(_("config stages: --probability and --closed go with "
		    "add (probability CODE P sets it later)"));
		return EXIT_USAGE;
	}
	if (argc == 0 || (strcmp(argv[0], "list") == 0 && argc == 1)) {
		if (stages_list(db, &v, &n, &err) != SO_OK)
			return cli_fail(&err);
		for (i = 0; i < n; i++) {
			printf("%-16s %-4s %3d%%  %-7s ", v[i].code,
			    stage_kind_word(&v[i]), v[i].probability,
			    v[i].retired ? "retired" : "in-use");
			cli_put_clean(stdout, v[i].name);
			putchar('\n');
		}
		stages_free(v, n);
		return 0;
	}
	if (strcmp(argv[0], "add") == 0 && argc == 3) {
		if (so->probability &&
		    (p = probability_arg(so->probability)) < 0)
			return EXIT_USAGE;
		if (so->closed && strcmp(so->closed, "won") == 0)
			out = STAGE_WON;
		else if (so->closed && strcmp(so->closed, "lost") == 0)
			out = STAGE_LOST;
		else if (so->closed) {
			cli_warn(_("config stages add: --closed: won or lost, "
			    "not \"%s\""), so->closed);
			return EXIT_USAGE;
		}
		rc = stages_add(db, argv[1], argv[2], p, out, &err);
	} else if (strcmp(argv[0], "rename") == 0 && argc == 3)
		rc = stages_rename(db, argv[1], argv[2], &err);
	else if (strcmp(argv[0], "move") == 0 && argc == 3) {
		pos = strtol(argv[2], &end, 10);
		if (*argv[2] == '\0' || *end != '\0' || pos < 1 ||
		    pos > 1000) {
			cli_warn(_("config stages move %s: a position from 1 "
			    "(the first stage), not \"%s\""), argv[1],
			    argv[2]);
			return EXIT_USAGE;
		}
		rc = stages_move(db, argv[1], (int)pos, &err);
	} else if (strcmp(argv[0], "retire") == 0 && argc == 2)
		rc = stages_retire(db, argv[1], 1, &err);
	else if (strcmp(argv[0], "probability") == 0 && argc == 3) {
		if ((p = probability_arg(argv[2])) < 0)
			return EXIT_USAGE;
		rc = stages_probability(db, argv[1], p, &err);
	} else
		return cli_usage("config");
	return rc == SO_OK ? 0 : cli_fail(&err);
}

static int
cli_config(struct cli *cli, int argc, char **argv)
{
	struct so_err err = { 0 };
	struct stage_opts so = { NULL, NULL };
	struct db *db;
	int rc, on, global = 0;

	/* Every form takes --team, as it always did; only set reads it. */
	while ((rc = cli_getopt(&command_config, NULL, argc, argv)) != -1) {
		if (rc == OPT_PROBABILITY)
			so.probability = optarg;
		else if (rc == OPT_CLOSED)
			so.closed = optarg;
		else if (rc != OPT_TEAM)
			return cli_usage("config");
		else
			global = 1;
	}
	if ((so.probability || so.closed) && (argc - optind == 0 ||
	    strcmp(argv[optind], "stages") != 0))
		return cli_usage("config");
	argc -= optind;
	argv += optind;
	if ((rc = cli_open(cli, 0, 0, &db)) != 0)
		return rc;
	if (argc == 0)
		rc = show_flags(db);
	else if (((strcmp(argv[0], "get") == 0 && argc == 2) ||
	    (strcmp(argv[0], "set") == 0 && argc == 3)) &&
	    settings_text_find(argv[1]) != NULL)
		rc = text_cmd(db, argc, argv, global);
	else if (strcmp(argv[0], "types") == 0)
		rc = lookup_cmd(db, LOOKUP_EVENT_TYPES, argc - 1, argv + 1);
	else if (strcmp(argv[0], "results") == 0)
		rc = lookup_cmd(db, LOOKUP_EVENT_RESULTS, argc - 1, argv + 1);
	else if (strcmp(argv[0], "stages") == 0)
		rc = stages_cmd(db, argc - 1, argv + 1, &so);
	else if (strcmp(argv[0], "get") == 0 && argc == 2) {
		if (settings_flag_find(argv[1]) == NULL) {
			so_err_set(&err, SO_EINVAL, _("no setting %s (see "
			    "salesorg config)"), argv[1]);
			rc = cli_fail(&err);
		} else
			printf("%s\n", settings_flag(db, argv[1]) ? "on" :
			    "off");
	} else if (strcmp(argv[0], "set") == 0 && argc == 3) {
		if ((on = settings_parse_bool(argv[2])) < 0) {
			cli_warn(_("config set %s: on or off, not \"%s\""),
			    argv[1], argv[2]);
			rc = EXIT_USAGE;
		} else if (settings_set_flag(db, argv[1], on, global, &err) !=
		    SO_OK)
			rc = cli_fail(&err);
	} else
		rc = cli_usage("config");
	db_close(db);
	return rc;
}

/* ---- the entry (src/cli/commands.c lists it) ---- */

static const struct cli_form forms[] = {
	{ "", "" },
	{ "get", NC_("usage", "NAME") },
	/* TRANSLATORS: on, off, add, rename, enable and disable are typed
	 * as they are; the words in capitals are to be replaced. */
	{ "set", NC_("usage", "NAME on|off|VALUE") },
	{ "types|results", "[list]" },
	{ "types|results", NC_("usage", "add|rename CODE NAME") },
	{ "types|results", NC_("usage", "enable|disable CODE") },
	{ "results", NC_("usage", "productive CODE on|off") },
	{ "stages", "[list]" },
	/* TRANSLATORS: add, rename, move, retire and probability are typed
	 * as they are; the words in capitals are to be replaced. */
	{ "stages", NC_("usage", "add|rename CODE NAME") },
	{ "stages", NC_("usage", "move CODE POSITION") },
	{ "stages", NC_("usage", "retire CODE") },
	{ "stages", NC_("usage", "probability CODE PERCENT") },
	{ NULL, NULL }
};

static const char *const closed_choices[] = { "won", "lost", NULL };

static const struct cli_option options[] = {
	{ .name = "team", .val = OPT_TEAM, .form = "set",
	  .help = N_("set the team's default, for everyone, rather than "
	    "your own setting") },
	{ .name = "probability", .val = OPT_PROBABILITY,
	  .arg = NC_("usage", "PERCENT"), .form = "stages",
	  .help = N_("add: the new stage's win probability, 0 to 100 "
	    "(default 0; 100 for a won stage)") },
	{ .name = "closed", .val = OPT_CLOSED, .choices = closed_choices,
	  .form = "stages",
	  .help = N_("add: the new stage is closed, a win or a loss (default: "
	    "an open stage, on the way to won)") },
	{ 0 }
};

const struct command command_config = {
	.name = "config",
	.forms = forms,
	.options = options,
	.summary = N_("show or change settings, event types, results and "
	    "deal stages (see salesorg(1))"),
	.acl = {
		.manager = CLI_REACH(ACL_READ | ACL_WRITE, 0, 0, ACL_READ),
		.head = CLI_REACH(ACL_READ | ACL_WRITE, 0, 0,
		    ACL_READ | ACL_WRITE),
		.admin = CLI_REACH(ACL_READ | ACL_WRITE, 0, 0,
		    ACL_READ | ACL_WRITE),
	},
	.access = N_("any user reads the settings, types and results, and "
	    "sets their own preferences; the team's mail.from, work.days, "
	    "work.start and report.activity columns: a head of sales or an "
	    "administrator; "
	    "the team's flags (users.join, any flag with --team), the "
	    "team's mail.sendmail, event types, results and deal stages: an "
	    "administrator"),
	.run = cli_config,
};
