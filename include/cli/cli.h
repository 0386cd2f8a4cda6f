/*
 * What the subcommands share (common.c): opening the database, errors,
 * and the option spec -- each command's options written once, in its
 * entry, from which cli_getopt parses them and cli_usage and cli_help
 * print them.  A command gets its own arguments (argv[0] is its name)
 * and returns the process exit status: 0 ok, 1 user error, 2 usage,
 * 3 database busy (DESIGN section 4).  The commands themselves and
 * their table are cli/commands.h.
 */
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include <stdio.h>
#include <time.h>

#include "base/err.h"
#include "store/acl.h"
#include "store/db.h"

#define EXIT_USER	1
#define EXIT_USAGE	2
#define EXIT_BUSY	3

struct cli {
	const char	*dbpath;	/* --db, or the default */
	const char	*login;		/* the Unix login running us */
};

/*
 * One option of a command, as tmux's cmd_entry carries its args spec:
 * cli_getopt parses it, and the usage line and CMD --help (one line
 * per option with its help) are made from it, so the parser, the usage
 * and the help cannot disagree.  A table of them ends with { 0 }.
 *
 *	{ .name = "days", .val = 'n', .arg = "N",
 *	  .help = "cover N days, 1 to 366 (default 1)" },
 *
 * .name is the long option (--days), .letter a short one (-o); either
 * may be missing, not both.  .val is what cli_getopt returns for it,
 * whichever way it was written (anything but -1 and '?').  .arg names the value in the usage and
 * the help (NULL: a flag); .choices, when the value is one of a list
 * the command checks with cli_choice, shows that list ("text|csv|ics")
 * instead, so the list too is written once.  .form limits the option
 * to some of the command's forms (the words of struct cli_form's name:
 * "add", "csv|xlsx|xls|vcard"); NULL, to every one.  No command has an
 * option named db or now: main takes those wherever they are.
 */
struct cli_option {
	const char		*name;
	int			 letter;
	int			 val;
	const char		*arg;
	const char *const	*choices;
	const char		*help;
	const char		*form;
	int			 flags;
};

/* cli_option.flags */
#define CLI_OR		0x1	/* an alternative to the option before it:
				   [--user LOGIN | --all] */
#define CLI_NEEDED	0x2	/* begins a group one of which is needed:
				   (--dir DIR | --mbox FILE | --send) */
#define CLI_GLOBAL	0x4	/* salesorg's own, taken before or after the
				   command (--db, --now) */

/*
 * The forms of a command that has subcommands (user add, import csv):
 * .name the word that picks it ("add", "csv|xlsx|xls" for a word of
 * several that mean the same; "" for the command alone), .operands what
 * follows the word ("LOGIN").  A table of them ends with { NULL }.
 */
struct cli_form {
	const char	*name;
	const char	*operands;
};

/*
 * What one role may do with a command, machine-readable: to the records
 * the command reaches, by whose they are -- the role's own, a
 * colleague's, nobody's -- and to the team's own things (settings,
 * event types and results, custom fields, users, the department's log
 * and figures, the database as a whole).  Each an OR of the store's
 * ACL_ bits (store/acl.h): ACL_TITLE names them, ACL_READ shows what is
 * in them, ACL_TAKE gives them away in bulk (CSV, TSV, iCalendar,
 * vCard, mail, a file, a copy), ACL_WRITE changes them; 0, nothing.
 * For a command whose records are not clients' (templates), own,
 * colleague's and nobody's are by author.
 */
struct cli_reach {
	unsigned char	 own, colleague, nobody, team;
};

/*
 * Every command declares it for every role (.acl of struct command).
 * The store enforces it whatever the command does; salesorg --roles
 * prints the table, CMD --help a command's rows, and tests/cli/
 * test_access.sh holds each cell to what the command does when run by
 * real logins of each role, and salesorg(1)'s ROLES to the table.  A
 * command whose .acl is all zero has declared nothing and fails there.
 */
struct cli_access {
	struct cli_reach manager, head, admin;
};

/* One role's cells in the order of the table:
 *	.head = CLI_REACH(ACL_READ, ACL_READ, ACL_READ, 0) */
#define CLI_REACH(own_, colleague_, nobody_, team_) \
	{ .own = (own_), .colleague = (colleague_), .nobody = (nobody_), \
	  .team = (team_) }

/*
 * A command: its entry, at the end of its file in src/cli/ (tmux's
 * cmd_entry), listed in commands.c.  Either .operands (what it takes
 * besides its options: "ENTITY", "[FILE]", "" for nothing) or .forms.
 * .summary is one line for salesorg --help; .acl what each role may
 * read, take and write with it (struct cli_access) and .access why, in
 * a sentence, both shown by CMD --help.  Options may come anywhere
 * among the operands; a command with forms takes the form's word first.
 */
struct command {
	const char		*name;
	const char		*operands;
	const struct cli_form	*forms;
	const struct cli_option	*options;
	const char		*summary;
	struct cli_access	 acl;
	const char		*access;
	int			(*run)(struct cli *, int argc, char **argv);
};

/*
 * The table cli_usage reads and salesorg itself (its options, the
 * CLI_GLOBAL ones of which every usage line shows): main.c hands both
 * over at start, so these services, which every command uses, name no
 * command themselves.
 */
void	cli_set_commands(const struct command *const *table,
	    const struct command *salesorg);

/*
 * getopt_long over c's spec: the options of form (a word the user
 * typed, "xlsx"; NULL: every option of c), anywhere among the operands
 * (GNU getopt permutes them to the end).  Returns the .val of the next
 * option, its value in optarg; -1 at the end, optind then the first
 * operand.  argv[0] is not looked at: the command's name, or the
 * form's when a command hands argv + 1 to a form.  A parse starts
 * afresh with another c, form or argv.  On an unknown option, a
 * missing value or a value given to a flag, prints why ("salesorg:
 * agenda: --days: a value is needed") and returns '?': the caller
 * then returns cli_usage.
 */
int	cli_getopt(const struct command *c, const char *form, int argc,
	    char **argv);
/* The same, but the options end at the first operand (salesorg's own:
 * those after the command are the command's). */
int	cli_getopt_head(const struct command *c, int argc, char **argv);

/* The usage lines of the named command on stderr; returns EXIT_USAGE. */
int	cli_usage(const char *name);
/* CMD --help: the usage, the summary, a line per option, the access. */
void	cli_help(FILE *f, const struct command *c);
/* "  NAME   summary" for each command of the table (salesorg --help). */
void	cli_put_commands(FILE *f);
/*
 * The table of struct cli_access, a row per command and role (salesorg
 * --roles): "agenda  manager  rx  -  -  -", the letters t r x w for
 * ACL_TITLE, ACL_READ, ACL_TAKE, ACL_WRITE and "-" for nothing; a
 * command that declared nothing shows "?" in every cell.
 */
void	cli_put_roles(FILE *f);
/* The letters of one cell ("rx", "-"), into buf of at least 5 bytes. */
const char *cli_reach_letters(unsigned char bits, char *buf);

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
/*
 * "salesorg: " and the message fmt makes, as one line in visible form
 * (utf8_sanitize: a newline in it shows as ^J), on stderr: every
 * message a command prints goes through here or cli_fail.
 */
void	cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * While a command runs, a standard output or error that is a terminal
 * is sanitized byte by byte on its way there (utf8_sanitize_text:
 * lines, tabs and CRLF kept, every other control, C1 and bidi control
 * shown); a file or a pipe is left exact.  main calls it before a
 * command, not for the organizer (ncurses draws through its own
 * sanitizer).
 */
void	cli_guard_terminal(void);
/* The import's progress line: "\r" TEXT "\033[K" straight to a terminal
 * on stderr, TEXT sanitized (NULL: clear it); nothing otherwise. */
void	cli_progress(const char *text);
/*
 * The records a command works on: the saved filter named saved and the
 * filter text, both applying (either may be NULL), compiled into *f
 * (NULL when neither is given).  A mistake is printed with its text
 * and a '~' under it, and is a mistake of the command line: EXIT_USAGE,
 * as a bad option value is.  Returns 0 or the exit status.
 */
struct filter;
struct entity;
int	cli_filter(struct db *db, const char *cmd, const struct entity *ent,
	    const char *saved, const char *text, struct filter **f);
/*
 * A moment in text for a person, in the messages' language: the short
 * date of base/i18n.h and the time, "2026-12-05 09:30" in English (as
 * dt_format_moment), "05.12.2026 09:30" in Russian.  Never for CSV,
 * TSV or iCalendar, whose moments stay as programs read them.
 */
void	cli_moment(time_t t, char *out, size_t sz);
/* Writes s with control characters as ^X (utf8_sanitize): data must
 * not drive the reader's terminal. */
void	cli_put_clean(FILE *f, const char *s);
/*
 * The same, then spaces up to cols display columns: a column of text
 * whose words may be Russian (printf's %-*s counts bytes, and a
 * Cyrillic letter is two).
 */
void	cli_put_cell(FILE *f, const char *s, int cols);
/*
 * The index of arg in names (NULL-terminated), or -1 after printing
 * "salesorg: CMD: --OPT: a, b or c, not "arg"" (an option's values).
 */
int	cli_choice(const char *cmd, const char *opt, const char *arg,
	    const char *const *names);

#endif
