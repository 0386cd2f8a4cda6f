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
#include "base/i18n.h"
#include "base/priv.h"
#include "base/utf8.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "store/db.h"
#include "ui/app.h"

#define SALESORG_VERSION "0.1.0"


/*
 * A --db naming no file may be a typo: a new empty database there would
 * hide the team's.  Asks on the terminal; 1 to create it.
 */
static int
create_asked(const char *path)
{
	char answer[16];
	char *clean = utf8_sanitize(path);

	/* TRANSLATORS: y (or a Russian д) is the answer that creates
	 * it, whatever the language; anything else does not. */
	fprintf(stderr, _("salesorg: %s does not exist.  Create a new, empty "
	    "database there? [y/N] "), clean);
	free(clean);
	if (fgets(answer, sizeof(answer), stdin) == NULL)
		return 0;
	return answer[0] == 'y' || answer[0] == 'Y' ||
	    strncmp(answer, "д", strlen("д")) == 0 ||
	    strncmp(answer, "Д", strlen("Д")) == 0;
}

/*
 * The organizer: the terminal checked first (no database is touched for
 * nothing), then the database opened and the login checked as for any
 * command, then the TUI on it.  A missing default database is made (the
 * first run); a missing --db only when the user says so.
 */
static int
run_organizer(struct cli *cli, int explicit_db)
{
	struct db *db;
	int rc;

	if (!ui_app_terminal_ok())
		return EXIT_USER;
	if (explicit_db && access(cli->dbpath, F_OK) != 0 &&
	    !create_asked(cli->dbpath)) {
		cli_warn("%s", _("nothing created (salesorg init or demo makes "
		    "a database)"));
		return EXIT_USAGE;
	}
	if ((rc = cli_open(cli, 1, 0, &db)) != 0)
		return rc;
	rc = ui_app_run(db) == 0 ? 0 : EXIT_USER;
	db_close(db);
	return rc;
}

/*
 * salesorg's own options: the CLI_GLOBAL ones may also come after the
 * command (global_after), and every command's usage line shows them.
 * The usage, salesorg --help and the parser are made from this table.
 */
enum { OPT_DB = 'd', OPT_NOW = 'n', OPT_HELP = 'h', OPT_VERSION = 'V',
	OPT_ROLES = 'R' };

static const struct cli_option options[] = {
	{ .name = "db", .val = OPT_DB, .arg = NC_("usage", "FILE"),
	  .flags = CLI_GLOBAL,
	  .help = N_("the database (default "
	    "$XDG_DATA_HOME/salesorg/salesorg.db)") },
	{ .name = "now", .val = OPT_NOW, .arg = NC_("usage", "MOMENT"),
	  .flags = CLI_GLOBAL,
	  .help = N_("pin the clock at MOMENT, e.g. 2026-12-05T08:00 (a "
	    "testing aid; also SALESORG_NOW)") },
	{ .name = "help", .letter = 'h', .val = OPT_HELP,
	  .help = N_("show this help") },
	{ .name = "version", .letter = 'V', .val = OPT_VERSION,
	  .help = N_("show the version") },
	{ .name = "roles", .val = OPT_ROLES,
	  .help = N_("what each role may read, take away and change with "
	    "each command (the table of salesorg(1), ROLES)") },
	{ 0 }
};

static const struct command salesorg = {
	.name = "salesorg",
	.operands = NC_("usage", "[COMMAND [ARGS]]"),
	.options = options,
	.summary = N_("Without a command, opens the organizer on the "
	    "database.  The options --db and --now may also follow the "
	    "command; salesorg COMMAND --help describes one command."),
};

static void
usage(FILE *f)
{
	cli_help(f, &salesorg);
	putc('\n', f);
	cli_put_commands(f);
	putc('\n', f);
	fputs(_("Exit status: 0 ok, 1 error, 2 usage, 3 database busy.\n"
	    "See salesorg(1) for the screens and keys.\n"), f);
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
		cli_warn("%s", _("--now: a shared (setgid) salesorg keeps the "
		    "real clock"));
		return -1;
	}
	if (dt_clock_pin(text, msg, sizeof(msg)) != 0) {
		cli_warn("%s: %s", given ? "--now" : "SALESORG_NOW", msg);
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

/* "salesorg CMD --help" (or -h first): the command's help on stdout
 * (cli_help: usage, summary, options, access). */
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
	cli_help(stdout, c);
	return 1;
}

/* "--opt VALUE" or "--opt=VALUE": the value, advancing *i; NULL if
 * argv[*i] is not opt (or its value is missing: *missing set). */
static const char *
optval(int argc, char **argv, int *i, const char *opt, int *missing)
{
	size_t n = strlen(opt);

	if (strncmp(argv[*i], "--", 2) != 0 ||
	    strncmp(argv[*i] + 2, opt, n) != 0)
		return NULL;
	if (argv[*i][n + 2] == '=')
		return argv[*i] + n + 3;
	if (argv[*i][n + 2] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = 1;
		return NULL;
	}
	return argv[++*i];
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
	const struct cli_option *o;
	const char *v = NULL;
	int i, j = 0, missing;

	for (i = 1; i < *argc && strcmp(argv[i], "--") != 0; ) {
		missing = 0;
		for (o = options; o->name || o->letter; o++) {
			if (!(o->flags & CLI_GLOBAL))
				continue;
			j = i;
			if ((v = optval(*argc, argv, &j, o->name,
			    &missing)) != NULL || missing)
				break;
		}
		if (missing) {
			cli_warn(_("%s: a value is needed"), argv[i]);
			return -1;
		}
		if (o->name == NULL && o->letter == 0) {
			i++;
			continue;
		}
		if (o->val == OPT_DB) {
			free(*dbpath);
			*dbpath = xstrdup(v);
		} else
			*now = v;
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
	struct cli cli = { 0 };
	struct passwd *pw;
	char *dbpath = NULL;
	const char *now = NULL;
	int ch, i, rc, explicit_db;

	/* Before anything reads the environment (setlocale does). */
	priv_init();
	setlocale(LC_ALL, "");
	i18n_init();
	cli_set_commands(commands, &salesorg);
	while ((ch = cli_getopt_head(&salesorg, argc, argv)) != -1) {
		switch (ch) {
		case OPT_DB:
			free(dbpath);
			dbpath = xstrdup(optarg);
			break;
		case OPT_NOW:
			now = optarg;
			break;
		case OPT_HELP:
			usage(stdout);
			free(dbpath);
			return 0;
		case OPT_VERSION:
			printf("salesorg %s (SQLite %s)\n", SALESORG_VERSION,
			    sqlite3_libversion());
			free(dbpath);
			return 0;
		case OPT_ROLES:
			cli_put_roles(stdout);
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
	explicit_db = dbpath != NULL;
	if (dbpath == NULL)
		dbpath = default_db();
	cli.dbpath = dbpath;
	/* Users are Unix logins: the one running the process. */
	if ((pw = getpwuid(getuid())) == NULL) {
		cli_warn(_("cannot find the login of uid %ld"),
		    (long)getuid());
		free(dbpath);
		return EXIT_USER;
	}
	cli.login = pw->pw_name;
	if (argc == 0) {
		rc = run_organizer(&cli, explicit_db);
		free(dbpath);
		return rc;
	}
	for (i = 0; commands[i]; i++)
		if (strcmp(commands[i]->name, argv[0]) == 0)
			break;
	if (commands[i] == NULL) {
		cli_warn(_("unknown command '%s' (see salesorg --help)"),
		    argv[0]);
		free(dbpath);
		return EXIT_USAGE;
	}
	if (command_help(commands[i], argc, argv)) {
		free(dbpath);
		return 0;
	}
	/* From here a terminal gets what the command prints in visible
	 * form, whatever it prints (cli/cli.h). */
	cli_guard_terminal();
	rc = commands[i]->run(&cli, argc, argv);
	free(dbpath);
	return rc;
}
