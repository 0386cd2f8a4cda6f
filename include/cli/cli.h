/*
 * What the subcommands share (common.c): opening the database, errors,
 * options, usage lines.  A command gets its own arguments (argv[0] is
 * its name) and returns the process exit status: 0 ok, 1 user error,
 * 2 usage, 3 database busy (DESIGN section 4).  The commands themselves
 * and their table are cli/commands.h.
 */
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include <stdio.h>

#include "base/err.h"
#include "store/db.h"

#define EXIT_USER	1
#define EXIT_USAGE	2
#define EXIT_BUSY	3

struct cli {
	const char	*dbpath;	/* --db, or the default */
	const char	*login;		/* the Unix login running us */
};

struct command {
	const char	*name;
	const char	*usage;		/* arguments after the name */
	const char	*summary;	/* one line for --help */
	int		(*run)(struct cli *, int argc, char **argv);
};

/*
 * The table cli_usage reads: main.c hands over commands[] (cli/
 * commands.h) at start, so these services, which every command uses,
 * name no command themselves.
 */
void	cli_set_commands(const struct command *const *table);

/*
 * Opens the database for a command and logs the user in: a login that
 * is not a user of the database is refused here, for reading too.
 * readonly: 0, 1 (CLI_READ), or CLI_READ_ANON for the one command that
 * must work without anyone logged in (check, on a damaged file).  On
 * failure prints the error and returns the exit status to use; returns
 * 0 on success.
 */
#define CLI_READ	1
#define CLI_READ_ANON	2
int	cli_open(struct cli *cli, int create, int readonly, struct db **db);
/* Prints "salesorg: MESSAGE" for err and returns its exit status. */
int	cli_fail(const struct so_err *err);
/* Writes s with control characters as ^X (utf8_sanitize): data must
 * not drive the reader's terminal. */
void	cli_put_clean(FILE *f, const char *s);
/*
 * The index of arg in names (NULL-terminated), or -1 after printing
 * "salesorg: CMD: --OPT: a, b or c, not "arg"" (an option's values).
 */
/* "--opt VALUE" or "--opt=VALUE": the value, advancing *i; NULL if
 * argv[*i] is not opt (or its value is missing: *missing set). */
const char *cli_optval(int argc, char **argv, int *i, const char *opt,
	    int *missing);
int	cli_choice(const char *cmd, const char *opt, const char *arg,
	    const char *const *names);
/* Prints the usage line of the named command and returns EXIT_USAGE. */
int	cli_usage(const char *name);

#endif
