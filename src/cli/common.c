/* What the subcommands share (include/cli/cli.h): opening the database,
 * reporting errors, options, and a command's usage line from the table
 * main hands over (cli_set_commands), so no command is named here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "cli/cli.h"
#include "store/users.h"

int
cli_fail(const struct so_err *err)
{
	/* A message quotes files, fields and values the user gave: through
	 * the sanitizer, as everything that reaches the terminal. */
	fputs("salesorg: ", stderr);
	cli_put_clean(stderr, err->msg[0] ? err->msg : "unknown error");
	fputc('\n', stderr);
	return so_err_exit_status(err->code);
}

/* The table of commands (cli_set_commands); none before main sets it. */
static const struct command *const none[] = { NULL };
static const struct command *const *commands = none;

void
cli_set_commands(const struct command *const *table)
{
	commands = table ? table : none;
}

int
cli_usage(const char *name)
{
	int i;

	for (i = 0; commands[i]; i++)
		if (strcmp(commands[i]->name, name) == 0) {
			fprintf(stderr, "usage: salesorg [--db FILE] %s%s%s\n",
			    name, *commands[i]->usage ? " " : "",
			    commands[i]->usage);
			break;
		}
	return EXIT_USAGE;
}

int
cli_open(struct cli *cli, int create, int readonly, struct db **db)
{
	struct db_opts opts = { 0 };
	struct so_err err = { 0 };
	int rc;

	opts.create = create;
	opts.readonly = readonly;
	/* A team on a busy server may want to wait longer (or tests
	 * shorter) for another user's write to finish. */
	if (getenv("SALESORG_BUSY_TIMEOUT"))
		opts.busy_ms = atoi(getenv("SALESORG_BUSY_TIMEOUT"));
	/* How long, in all, a write keeps trying before it gives up
	 * with "the database is busy: ..." (milliseconds). */
	if (getenv("SALESORG_BUSY_LIMIT"))
		opts.busy_limit_ms = atoi(getenv("SALESORG_BUSY_LIMIT"));
	if (db_open(cli->dbpath, &opts, db, &err) != SO_OK)
		return cli_fail(&err);
	if (readonly == CLI_READ && db_login(*db, cli->login, &err) ==
	    SO_EREADONLY) {
		/* A newcomer joining (users.join) is a write: once,
		 * read-write, then on as asked. */
		db_close(*db);
		if ((rc = cli_open(cli, 0, 0, db)) != 0)
			return rc;
		db_close(*db);
		if (db_open(cli->dbpath, &opts, db, &err) != SO_OK)
			return cli_fail(&err);
	}
	if (readonly != CLI_READ_ANON && db_login(*db, cli->login, &err) !=
	    SO_OK) {
		db_close(*db);
		*db = NULL;
		return cli_fail(&err);
	}
	return 0;
}

void
cli_put_clean(FILE *f, const char *s)
{
	char *clean = utf8_sanitize(s);

	fputs(clean, f);
	free(clean);
}

int
cli_choice(const char *cmd, const char *opt, const char *arg,
    const char *const *names)
{
	int i;

	for (i = 0; names[i]; i++)
		if (strcmp(arg, names[i]) == 0)
			return i;
	fprintf(stderr, "salesorg: %s: --%s: ", cmd, opt);
	for (i = 0; names[i]; i++)
		fprintf(stderr, "%s%s", i == 0 ? "" : names[i + 1] ? ", " :
		    " or ", names[i]);
	fprintf(stderr, ", not \"%s\"\n", arg);
	return -1;
}

/* "--opt VALUE" or "--opt=VALUE": the value, advancing *i; NULL if
 * argv[*i] is not opt (or its value is missing: *missing). */
const char *
cli_optval(int argc, char **argv, int *i, const char *opt, int *missing)
{
	size_t n = strlen(opt);

	if (strncmp(argv[*i], opt, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = 1;
		return NULL;
	}
	return argv[++*i];
}
