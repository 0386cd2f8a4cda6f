/*
 * salesorg: a terminal sales organizer over one SQLite file.
 *
 * main parses the global options, finds the database, and either runs a
 * subcommand from the table below or opens the TUI.  Subcommands live in
 * src/cli/, one file each.
 */
#include <getopt.h>
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/datetime.h"
#include "base/priv.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "store/db.h"
#include "ui/app.h"

#define SALESORG_VERSION "0.1.0"


/*
 * The organizer: the terminal checked first (no database is touched for
 * nothing), then the database opened and the login checked as for any
 * command, then the TUI on it.
 */
static int
run_organizer(struct cli *cli)
{
	struct db *db;
	int rc;

	if (!ui_app_terminal_ok())
		return EXIT_USER;
	if ((rc = cli_open(cli, 1, 0, &db)) != 0)
		return rc;
	rc = ui_app_run(db) == 0 ? 0 : EXIT_USER;
	db_close(db);
	return rc;
}

static void
usage(FILE *f)
{
	int i;

	fputs("usage: salesorg [--db FILE] [--now MOMENT] [COMMAND [ARGS]]\n"
	    "\n"
	    "Without a command, opens the organizer on the database.\n"
	    "The options may also follow the command; salesorg COMMAND "
	    "--help\ndescribes one command.\n"
	    "\n"
	    "Options:\n"
	    "  --db FILE      the database (default "
	    "$XDG_DATA_HOME/salesorg/salesorg.db)\n"
	    "  --now MOMENT   pin the clock at MOMENT, e.g. 2026-12-05T08:00 "
	    "(a testing\n"
	    "                 aid; also SALESORG_NOW)\n"
	    "  -h, --help     show this help\n"
	    "  -V, --version  show the version\n"
	    "\n"
	    "Commands:\n", f);
	/* "name usage" and the summary; a long usage gets lines of its
	 * own, the summary below it. */
	for (i = 0; commands[i]; i++) {
		int len = (int)(strlen(commands[i]->name) +
		    strlen(commands[i]->usage)) + 1;

		if (len <= 14)
			fprintf(f, "  %s %-*s %s\n", commands[i]->name,
			    14 - (int)strlen(commands[i]->name) - 1,
			    commands[i]->usage, commands[i]->summary);
		else
			fprintf(f, "  %s %s\n  %-14s %s\n", commands[i]->name,
			    commands[i]->usage, "", commands[i]->summary);
	}
	fputs("\nExit status: 0 ok, 1 error, 2 usage, 3 database busy.\n"
	    "See salesorg(1) for the screens and keys.\n", f);
}

/*
 * The clock, from --now (given) or SALESORG_NOW.  A setgid salesorg takes
 * neither: priv_init has already removed the variable, and a manager on a
 * shared server must not date the audit log as they please.
 */
static int
pin_clock(const char *given)
{
	const char *text = given ? given : getenv("SALESORG_NOW");
	char msg[256];

	if (text == NULL || *text == '\0')
		return 0;
	if (given && priv_privileged()) {
		fputs("salesorg: --now: a shared (setgid) salesorg keeps the "
		    "real clock\n", stderr);
		return -1;
	}
	if (dt_clock_pin(text, msg, sizeof(msg)) != 0) {
		fprintf(stderr, "salesorg: %s: %s\n",
		    given ? "--now" : "SALESORG_NOW", msg);
		return -1;
	}
	return 0;
}

/* $XDG_DATA_HOME/salesorg/salesorg.db, or ~/.local/share/... */
static char *
default_db(void)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	struct passwd *pw;

	if (xdg && *xdg == '/')
		return xasprintf("%s/salesorg/salesorg.db", xdg);
	if ((home == NULL || *home == '\0') && (pw = getpwuid(getuid())))
		home = pw->pw_dir;
	return xasprintf("%s/.local/share/salesorg/salesorg.db",
	    home ? home : ".");
}

/* "salesorg CMD --help" (or -h first): the command's usage and summary
 * on stdout. */
static int
command_help(const struct command *c, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 ||
		    (i == 1 && strcmp(argv[i], "-h") == 0))
			break;
	if (i == argc || strcmp(argv[i], "--") == 0)
		return 0;
	printf("usage: salesorg [--db FILE] [--now MOMENT] %s%s%s\n\n"
	    "%s.\n\nSee salesorg(1), COMMANDS, for every option.\n",
	    c->name, *c->usage ? " " : "", c->usage, c->summary);
	return 1;
}

/*
 * The global options given after the command ("salesorg agenda --db
 * team.db"): taken out of the command's arguments, as if given before
 * it.  No command has options of these names.  Returns -1 after a
 * message when one lacks its value.
 */
static int
global_after(int *argc, char **argv, char **dbpath, const char **now)
{
	const char *v;
	int i, j, missing;

	for (i = 1; i < *argc && strcmp(argv[i], "--") != 0; ) {
		missing = 0;
		j = i;
		if ((v = cli_optval(*argc, argv, &j, "--db", &missing))) {
			free(*dbpath);
			*dbpath = xstrdup(v);
		} else if (!missing &&
		    (v = cli_optval(*argc, argv, &j, "--now", &missing)))
			*now = v;
		if (missing) {
			fprintf(stderr, "salesorg: %s: a value is needed\n",
			    argv[i]);
			return -1;
		}
		if (v == NULL) {
			i++;
			continue;
		}
		/* Drop argv[i..j]. */
		memmove(argv + i, argv + j + 1,
		    (size_t)(*argc - j) * sizeof(*argv));
		*argc -= j + 1 - i;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "now", required_argument, NULL, 'n' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli cli = { 0 };
	struct passwd *pw;
	char *dbpath = NULL;
	const char *now = NULL;
	int ch, i, rc;

	/* Before anything reads the environment (setlocale does). */
	priv_init();
	setlocale(LC_ALL, "");
	cli_set_commands(commands);
	while ((ch = getopt_long(argc, argv, "+hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			free(dbpath);
			dbpath = xstrdup(optarg);
			break;
		case 'n':
			now = optarg;
			break;
		case 'h':
			usage(stdout);
			free(dbpath);
			return 0;
		case 'V':
			printf("salesorg %s (SQLite %s)\n", SALESORG_VERSION,
			    sqlite3_libversion());
			free(dbpath);
			return 0;
		default:
			usage(stderr);
			free(dbpath);
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0 && global_after(&argc, argv, &dbpath, &now) != 0) {
		free(dbpath);
		return EXIT_USAGE;
	}
	if (pin_clock(now) != 0) {
		free(dbpath);
		return EXIT_USAGE;
	}
	if (dbpath == NULL)
		dbpath = default_db();
	cli.dbpath = dbpath;
	/* Users are Unix logins: the one running the process. */
	if ((pw = getpwuid(getuid())) == NULL) {
		fprintf(stderr, "salesorg: cannot find the login of uid %ld\n",
		    (long)getuid());
		free(dbpath);
		return EXIT_USER;
	}
	cli.login = pw->pw_name;
	if (argc == 0) {
		rc = run_organizer(&cli);
		free(dbpath);
		return rc;
	}
	for (i = 0; commands[i]; i++)
		if (strcmp(commands[i]->name, argv[0]) == 0)
			break;
	if (commands[i] == NULL) {
		fprintf(stderr, "salesorg: unknown command '%s' "
		    "(see salesorg --help)\n", argv[0]);
		free(dbpath);
		return EXIT_USAGE;
	}
	if (command_help(commands[i], argc, argv)) {
		free(dbpath);
		return 0;
	}
	rc = commands[i]->run(&cli, argc, argv);
	free(dbpath);
	return rc;
}
