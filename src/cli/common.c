/*
 * What the subcommands share (include/cli/cli.h): opening the database,
 * reporting errors, and the option spec.
 *
 * Each command's options are written once, in its entry (struct
 * cli_option, tmux's cmd_entry args): cli_getopt builds getopt_long's
 * table from them, and the usage lines and CMD --help are printed from
 * the same table, so an option cannot be parsed without being shown or
 * shown without being parsed.  tests/cli/test_help.sh holds the man
 * page to the same tables.
 *
 * getopt_long's own messages are turned off (opterr): they name argv[0],
 * which for a form is "add", and lack our "salesorg: CMD:" prefix.  Ours
 * say the same things in the house's words: no such option, an option
 * of another form, an abbreviation that fits several, a missing value,
 * a value given to a flag.
 *
 * The table of commands and salesorg's own options come from main
 * (cli_set_commands), so no command is named here.
 *
 * Every exit to a terminal goes through base/utf8's one sanitizer.  A
 * message (cli_fail, cli_warn, getopt's complaints) is sanitized as a
 * whole wherever it goes: it quotes file names, arguments, record
 * titles and process names, any of which may hold ESC ] 0 ; or U+009B.
 * And while a command runs, a standard output or error that is a
 * terminal is a stream of our own (cli_guard_terminal, fopencookie)
 * whose every byte passes utf8_sanitize_text on its way to the
 * descriptor: whatever a command prints -- text, CSV, TSV, iCalendar,
 * a template, a future command's output nobody thought to clean --
 * reaches the screen in visible form.  To a file or a pipe the output
 * is left exact, so CSV keeps its bytes.  The one control sequence a
 * command writes on purpose, the import's progress line, goes to the
 * descriptor itself (cli_progress), its text sanitized.
 */
#define _GNU_SOURCE		/* fopencookie */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "cli/cli.h"
#include "store/filter.h"
#include "store/group.h"
#include "store/users.h"

#define WIDTH		79	/* help lines, as a terminal of 80 shows them */
#define OPT_COL_MAX	26	/* where an option's help starts, at most */

int
cli_fail(const struct so_err *err)
{
	/* A message quotes files, fields and values the user gave: through
	 * the sanitizer, as everything that reaches the terminal. */
	cli_warn("%s", err->msg[0] ? err->msg : _("unknown error"));
	return so_err_exit_status(err->code);
}

void
cli_warn(const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	fputs("salesorg: ", stderr);
	cli_put_clean(stderr, msg);
	fputc('\n', stderr);
	free(msg);
}

/* ---- the terminal's streams ---- */

/* What a guarded stream holds back: a UTF-8 sequence or a CR cut by
 * the end of a write, at most 4 bytes. */
struct guard {
	int	 fd;
	char	 held[4];
	size_t	 nheld;
};

static struct guard guards[2];
static FILE *guarded[2];

static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t k;

	while (n > 0) {
		if ((k = write(fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* buf (after what was held) sanitized to the descriptor; last: hold
 * nothing back. */
static int
guard_put(struct guard *g, const char *buf, size_t size, int last)
{
	struct strbuf out = { 0 };
	size_t n = g->nheld + size, took;
	char *all = xmalloc(n ? n : 1);
	int rc;

	memcpy(all, g->held, g->nheld);
	memcpy(all + g->nheld, buf, size);
	took = utf8_sanitize_text(&out, all, n, last);
	g->nheld = n - took;
	memcpy(g->held, all + took, g->nheld);
	free(all);
	rc = write_all(g->fd, out.s ? out.s : "", out.len);
	sb_free(&out);
	return rc;
}

static ssize_t
guard_write(void *cookie, const char *buf, size_t size)
{
	return guard_put(cookie, buf, size, 0) == 0 ? (ssize_t)size : -1;
}

static int
guard_close(void *cookie)
{
	return guard_put(cookie, "", 0, 1);
}

/* At exit, before stdio flushes what is left: our streams, and what
 * they held back, out. */
static void
guard_finish(void)
{
	int i;

	for (i = 0; i < 2; i++)
		if (guarded[i]) {
			fflush(guarded[i]);
			guard_put(&guards[i], "", 0, 1);
		}
}

void
cli_guard_terminal(void)
{
	static const cookie_io_functions_t io = { .write = guard_write,
	    .close = guard_close };
	FILE *f;
	int i;

	for (i = 0; i < 2; i++) {
		if (!isatty(i + 1))
			continue;
		guards[i].fd = i + 1;
		if ((f = fopencookie(&guards[i], "w", io)) == NULL)
			continue;
		/* As the terminal's own streams: stdout by line, stderr
		 * at once. */
		setvbuf(f, NULL, i ? _IONBF : _IOLBF, 0);
		fflush(i ? stderr : stdout);
		if (i)
			stderr = f;
		else
			stdout = f;
		guarded[i] = f;
	}
	if (guarded[0] || guarded[1])
		atexit(guard_finish);
}

void
cli_progress(const char *text)
{
	char *clean, *line;

	if (!isatty(STDERR_FILENO))
		return;
	fflush(stderr);
	clean = utf8_sanitize(text ? text : "");
	line = xasprintf("\r%s\033[K", clean);
	(void)write_all(STDERR_FILENO, line, strlen(line));
	free(line);
	free(clean);
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
cli_moment(time_t t, char *out, size_t sz)
{
	char iso[17], day[16];

	dt_format_moment(t, iso);
	i18n_date_short(t, day, sizeof(day));
	snprintf(out, sz, "%s%s", day, iso + 10);
}

void
cli_put_cell(FILE *f, const char *s, int cols)
{
	char *clean = utf8_sanitize(s);
	int w = utf8_width(clean);

	fputs(clean, f);
	for (; w < cols; w++)
		putc(' ', f);
	free(clean);
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
	struct strbuf b = { 0 };
	int i;

	for (i = 0; names[i]; i++)
		if (strcmp(arg, names[i]) == 0)
			return i;
	for (i = 0; names[i]; i++)
		/* TRANSLATORS: before the last of a list of values: "text,
		 * csv or ics". */
		sb_printf(&b, "%s%s", i == 0 ? "" : names[i + 1] ? ", " :
		    _(" or "), names[i]);
	/* TRANSLATORS: "agenda: --format: text, csv or ics, not "txt"". */
	cli_warn(_("%s: --%s: %s, not \"%s\""), cmd, opt, sb_str(&b), arg);
	sb_free(&b);
	return -1;
}

/* ---- the option spec ---- */

/* The table of commands and salesorg itself (cli_set_commands). */
static const struct command *const none[] = { NULL };
static const struct command *const *commands = none;
static const struct command *self;

void
cli_set_commands(const struct command *const *table,
    const struct command *salesorg)
{
	commands = table ? table : none;
	self = salesorg;
}

static int
opt_end(const struct cli_option *o)
{
	return o->name == NULL && o->letter == 0;
}

static int
takes_value(const struct cli_option *o)
{
	return o->arg != NULL || o->choices != NULL;
}

/* Whether the '|'-separated word lists a and b share a word; NULL, a
 * list of every word, shares one with any. */
static int
lists_meet(const char *a, const char *b)
{
	const char *p, *q;
	size_t n, m;

	if (a == NULL || b == NULL)
		return 1;
	for (p = a; *p; p += n + (p[n] == '|')) {
		n = strcspn(p, "|");
		for (q = b; *q; q += m + (q[m] == '|')) {
			m = strcspn(q, "|");
			if (n == m && strncmp(p, q, n) == 0)
				return 1;
		}
	}
	return 0;
}

/*
 * A metavariable or operands of the usage ("FILE", "ENTITY FILE") in the
 * messages' language: marked NC_("usage", ...) in the entries.  Words a
 * user types ("text|csv", "[list]") are not marked and stay as they are.
 */
static const char *
usage_words(const char *s)
{
	return s && *s ? i18n_cgettext("usage", s) : s;
}

/* What the value is called: .arg, or the choices as "text|csv|ics". */
static void
opt_arg(struct strbuf *b, const struct cli_option *o)
{
	int i;

	if (o->arg) {
		sb_add(b, usage_words(o->arg));
		return;
	}
	for (i = 0; o->choices[i]; i++)
		sb_printf(b, "%s%s", i ? "|" : "", o->choices[i]);
}

/*
 * getopt_long's table for the parse under way: longs[] and shorts for
 * getopt, opt[] what they stand for.  A long option's val is 256 plus
 * its index in opt[], so whatever the spec's vals are, nothing a
 * getopt returns is mistaken for another.  Kept until the parse ends
 * (or another begins), so a command that returns from the middle of
 * its loop leaks nothing that is not still reachable.
 */
static struct {
	const struct command	 *c;
	const char		 *form;
	char			**argv;
	int			  head;
	struct option		 *longs;
	const struct cli_option	**opt;
	size_t			  n;
	char			 *shorts;
} gs;

static void
gs_free(void)
{
	free(gs.longs);
	free(gs.opt);
	free(gs.shorts);
	memset(&gs, 0, sizeof(gs));
}

static void
gs_build(const struct command *c, const char *form, int head, char **argv)
{
	const struct cli_option *o;
	size_t n = 0, nl = 0;
	char *s;

	gs_free();
	for (o = c->options; o && !opt_end(o); o++)
		n++;
	gs.longs = xcalloc(n + 1, sizeof(*gs.longs));
	gs.opt = xcalloc(n + 1, sizeof(*gs.opt));
	s = gs.shorts = xmalloc(2 * n + 3);
	/* '+': stop at the first operand; ':': say ':' for a missing
	 * value, so it is told from an unknown option. */
	if (head)
		*s++ = '+';
	*s++ = ':';
	for (o = c->options; o && !opt_end(o); o++) {
		if (!lists_meet(o->form, form))
			continue;
		if (o->name) {
			gs.longs[nl].name = o->name;
			gs.longs[nl].has_arg = takes_value(o) ?
			    required_argument : no_argument;
			gs.longs[nl].val = 256 + (int)gs.n;
			nl++;
		}
		if (o->letter) {
			*s++ = (char)o->letter;
			if (takes_value(o))
				*s++ = ':';
		}
		gs.opt[gs.n++] = o;
	}
	*s = '\0';
	gs.c = c;
	gs.form = form;
	gs.head = head;
	gs.argv = argv;
	/* 0, not 1: GNU getopt starts afresh, forgetting the ordering of
	 * the parse before (main's '+'). */
	optind = 0;
}

static const struct cli_option *
by_letter(const struct cli_option *spec, int ch)
{
	const struct cli_option *o;

	for (o = spec; o && !opt_end(o); o++)
		if (o->letter == ch)
			return o;
	return NULL;
}

/* The option getopt's ch (or optopt) stands for in the parse under
 * way, or NULL. */
static const struct cli_option *
gs_option(int ch)
{
	size_t i;

	if (ch >= 256 && (size_t)(ch - 256) < gs.n)
		return gs.opt[ch - 256];
	for (i = 0; i < gs.n; i++)
		if (gs.opt[i]->letter == ch)
			return gs.opt[i];
	return NULL;
}

/* The command (and form) a message is about, "import xlsx: " (""
 * for salesorg's own options); the caller frees. */
static char *
who(const struct command *c, const char *form)
{
	if (c == self)
		return xstrdup("");
	return xasprintf("%s%s%s: ", c->name, form ? " " : "",
	    form ? form : "");
}

/* An unknown long option "--name[=value]": no such option, one of
 * another form, or an abbreviation that fits several. */
static void
unknown_long(const struct command *c, const char *form, const char *text)
{
	const struct cli_option *o;
	struct strbuf b = { 0 };
	char *pfx = who(c, form);
	size_t n, i, fits = 0;

	if (strncmp(text, "--", 2) != 0) {
		cli_warn(_("%s%s: no such option"), pfx, text);
		goto out;
	}
	n = strcspn(text + 2, "=");
	for (i = 0; i < gs.n; i++)
		if (gs.opt[i]->name && strncmp(gs.opt[i]->name, text + 2,
		    n) == 0) {
			sb_printf(&b, "%s--%s", fits ? ", " : "",
			    gs.opt[i]->name);
			fits++;
		}
	if (fits > 1) {
		/* TRANSLATORS: an abbreviated option that fits several:
		 * "--fo: which one? (--format, --force)". */
		cli_warn(_("%s--%.*s: which one? (%s)"), pfx, (int)n,
		    text + 2, sb_str(&b));
		goto out;
	}
	for (o = c->options; form && o && !opt_end(o); o++)
		if (o->name && strlen(o->name) == n &&
		    strncmp(o->name, text + 2, n) == 0) {
			/* TRANSLATORS: "import: --map: not an option of
			 * import vcard". */
			cli_warn(_("%s--%s: not an option of %s %s"), pfx,
			    o->name, c->name, form);
			goto out;
		}
	cli_warn(_("%s--%.*s: no such option"), pfx, (int)n, text + 2);
out:
	sb_free(&b);
	free(pfx);
}

/* Says why getopt returned ch ('?' or ':'). */
static void
complain(const struct command *c, const char *form, int ch, int argc,
    char **argv)
{
	const struct cli_option *o = gs_option(optopt);
	const char *why = ch == ':' ? _("a value is needed") :
	    _("takes no value");
	char *pfx;

	if (ch == '?' && optopt == 0) {
		unknown_long(c, form, optind >= 1 && optind <= argc ?
		    argv[optind - 1] : "--");
		return;
	}
	pfx = who(c, form);
	if (o == NULL) {
		/* A short option of another form, or of none. */
		if (form && by_letter(c->options, optopt))
			cli_warn(_("%s-%c: not an option of %s %s"), pfx,
			    optopt, c->name, form);
		else
			cli_warn(_("%s-%c: no such option"), pfx, optopt);
	} else if (optopt < 256)	/* as it was written: -o or --output */
		cli_warn("%s-%c: %s", pfx, optopt, why);
	else
		cli_warn("%s--%s: %s", pfx, o->name, why);
	free(pfx);
}

static int
next_option(const struct command *c, const char *form, int head, int argc,
    char **argv)
{
	const struct cli_option *o;
	int ch;

	if (gs.c != c || gs.argv != argv || gs.head != head ||
	    (gs.form != form && (gs.form == NULL || form == NULL ||
	    strcmp(gs.form, form) != 0)))
		gs_build(c, form, head, argv);
	opterr = 0;
	ch = getopt_long(argc, argv, gs.shorts, gs.longs, NULL);
	if (ch == -1) {
		gs_free();
		return -1;
	}
	if (ch != '?' && ch != ':' && (o = gs_option(ch)) != NULL)
		return o->val;
	complain(c, form, ch, argc, argv);
	return '?';
}

int
cli_getopt(const struct command *c, const char *form, int argc, char **argv)
{
	return next_option(c, form, 0, argc, argv);
}

int
cli_getopt_head(const struct command *c, int argc, char **argv)
{
	return next_option(c, NULL, 1, argc, argv);
}

/* ---- usage and help, from the same tables ---- */

/*
 * Writes the words of w (separated by sep) after lead, wrapped at WIDTH
 * columns; a line after the first starts with indent spaces.  col is
 * where lead starts.  A word wider than the line has one to itself.
 */
static void
put_wrapped(FILE *f, int col, const char *lead, const char *w, char sep,
    int indent)
{
	const char *p;
	size_t n;
	int fresh = 1, ww;

	fputs(lead, f);
	col += utf8_width(lead);
	for (p = w; *p; p += n + (p[n] == sep)) {
		n = strcspn(p, (char[]){ sep, '\0' });
		if (n == 0)
			continue;
		ww = utf8_width_n(p, n);
		if (!fresh && col + 1 + ww > WIDTH) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
			fresh = 1;
		}
		if (!fresh) {
			putc(' ', f);
			col++;
		}
		fwrite(p, 1, n, f);
		col += ww;
		fresh = 0;
	}
	putc('\n', f);
}

/*
 * The usage words of the options of spec in form, one a line in w:
 * "[--date DATE]", "[--user LOGIN | --all]", "(--dir DIR | --send)";
 * only the CLI_GLOBAL ones when global.
 */
static void
option_words(struct strbuf *w, const struct cli_option *spec,
    const char *form, int global)
{
	const struct cli_option *o;
	char close = 0;

	for (o = spec; o && !opt_end(o); o++) {
		if (!lists_meet(o->form, form) ||
		    (global && !(o->flags & CLI_GLOBAL)))
			continue;
		if ((o->flags & CLI_OR) && close)
			sb_add(w, " | ");
		else {
			if (close)
				sb_printf(w, "%c\n", close);
			sb_addc(w, (o->flags & CLI_NEEDED) ? '(' : '[');
			close = (o->flags & CLI_NEEDED) ? ')' : ']';
		}
		/* The short form when there is one: -o FILE. */
		if (o->letter)
			sb_printf(w, "-%c", o->letter);
		else
			sb_printf(w, "--%s", o->name);
		if (takes_value(o)) {
			sb_addc(w, ' ');
			opt_arg(w, o);
		}
	}
	if (close)
		sb_printf(w, "%c\n", close);
}

/* The usage lines of c: one, or one per form, the first with the
 * global options. */
static void
put_usage(FILE *f, const struct command *c)
{
	static const struct cli_form whole[] = { { "", NULL }, { NULL, NULL } };
	const struct cli_form *fm = c->forms ? c->forms : whole;
	struct strbuf w = { 0 };
	/* TRANSLATORS: the usage lines' first word; the lines after the
	 * first are indented by its width. */
	const char *lead = _("usage: ");
	int lw = utf8_width(lead), indent;
	char *blank = xasprintf("%*s", lw, "");

	/* A wrapped line goes on under the first word after "usage:
	 * salesorg ". */
	indent = lw + (int)strlen("salesorg ");

	for (; fm->name; fm++) {
		sb_reset(&w);
		sb_add(&w, "salesorg\n");
		if (fm == c->forms || fm == whole)
			option_words(&w, self ? self->options : NULL, NULL, 1);
		if (c != self)
			sb_printf(&w, "%s\n", c->name);
		if (*fm->name)
			sb_printf(&w, "%s\n", fm->name);
		if (fm->operands && *fm->operands)
			sb_printf(&w, "%s\n", usage_words(fm->operands));
		else if (c->forms == NULL && c->operands && *c->operands)
			sb_printf(&w, "%s\n", usage_words(c->operands));
		if (c != self)
			option_words(&w, c->options, c->forms ? fm->name :
			    NULL, 0);
		put_wrapped(f, 0, lead, sb_str(&w), '\n', indent);
		lead = blank;
	}
	free(blank);
	sb_free(&w);
}

/* "  -o, --output FILE" */
static void
option_left(struct strbuf *b, const struct cli_option *o)
{
	sb_add(b, "  ");
	if (o->letter)
		sb_printf(b, "-%c%s", o->letter, o->name ? ", " : "");
	if (o->name)
		sb_printf(b, "--%s", o->name);
	if (takes_value(o)) {
		sb_addc(b, ' ');
		opt_arg(b, o);
	}
}

/* A line per option: the option, its value and its help; the forms it
 * is for first when not every form takes it. */
static void
put_options(FILE *f, const struct command *c)
{
	const struct cli_option *o;
	struct strbuf left = { 0 }, help = { 0 };
	const char *p;
	int col = 0, w;

	for (o = c->options; o && !opt_end(o); o++) {
		sb_reset(&left);
		option_left(&left, o);
		if ((w = utf8_width(sb_str(&left)) + 2) > col &&
		    w <= OPT_COL_MAX)
			col = w;
	}
	if (col == 0)
		col = OPT_COL_MAX;
	for (o = c->options; o && !opt_end(o); o++) {
		sb_reset(&left);
		sb_reset(&help);
		option_left(&left, o);
		if (c->forms && o->form) {
			for (p = o->form; *p; p++)
				if (*p == '|')
					sb_add(&help, ", ");
				else
					sb_addc(&help, *p);
			sb_add(&help, ": ");
		}
		sb_add(&help, o->help && *o->help ? _(o->help) : "");
		w = utf8_width(sb_str(&left));
		fputs(sb_str(&left), f);
		if (w + 2 > col)
			fprintf(f, "\n%*s", col, "");
		else
			fprintf(f, "%*s", col - w, "");
		put_wrapped(f, col, "", sb_str(&help), ' ', col);
	}
	sb_free(&left);
	sb_free(&help);
}

/*
 * The first letter of t up: a to z, and the Cyrillic а to я and ё of a
 * Russian summary, in UTF-8 whatever the locale's character type (the
 * messages may be Russian under LC_MESSAGES alone).
 */
static void
upper_first(char *t)
{
	unsigned char *u = (unsigned char *)t;

	if (u[0] >= 'a' && u[0] <= 'z')
		u[0] = (unsigned char)(u[0] - 'a' + 'A');
	else if (u[0] == 0xd0 && u[1] >= 0xb0 && u[1] <= 0xbf)
		u[1] -= 0x20;		/* а-п: U+0430 -> U+0410 */
	else if (u[0] == 0xd1 && u[1] >= 0x80 && u[1] <= 0x8f) {
		u[0] = 0xd0;		/* р-я: U+0440 -> U+0420 */
		u[1] += 0x20;
	} else if (u[0] == 0xd1 && u[1] == 0x91) {
		u[0] = 0xd0;		/* ё -> Ё */
		u[1] = 0x81;
	}
}

/* A sentence from a summary: the first letter up, a full stop. */
static void
put_sentence(FILE *f, const char *s, int indent)
{
	char *t = xasprintf("%s%s", s, *s && s[strlen(s) - 1] == '.' ? "" :
	    ".");

	upper_first(t);
	put_wrapped(f, indent, "", t, ' ', indent);
	free(t);
}


static const struct command *
find(const char *name)
{
	int i;

	for (i = 0; commands[i]; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

int
cli_usage(const char *name)
{
	const struct command *c = find(name);

	if (c)
		put_usage(stderr, c);
	return EXIT_USAGE;
}

static void	put_roles_head(FILE *, const char *);
static void	put_roles_rows(FILE *, const struct command *, int);

void
cli_help(FILE *f, const struct command *c)
{
	const char *lead;

	put_usage(f, c);
	putc('\n', f);
	put_sentence(f, _(c->summary), 0);
	if (c->options && !opt_end(c->options)) {
		putc('\n', f);
		fprintf(f, "%s\n", _("Options:"));
		put_options(f, c);
	}
	if (c->access) {
		/* TRANSLATORS: before a command's access sentence; the
		 * lines after the first are indented by its width. */
		lead = _("Access: ");
		putc('\n', f);
		put_wrapped(f, 0, lead, _(c->access), ' ', utf8_width(lead));
	}
	if (c != self) {
		putc('\n', f);
		put_roles_head(f, NULL);
		put_roles_rows(f, c, 0);
		/* TRANSLATORS: the legend of the letters, which stay as
		 * they are (salesorg --roles prints them). */
		fprintf(f, "%s\n", _("(t title, r read, x take away in bulk, "
		    "w write, - nothing; salesorg --roles)"));
	}
	if (c != self) {
		putc('\n', f);
		/* TRANSLATORS: salesorg(1) is in English: COMMANDS is the
		 * name of its section, %s the command's name. */
		fprintf(f, _("See salesorg(1), COMMANDS, %s."), c->name);
		putc('\n', f);
	}
}

/* ---- the roles, from each entry's .acl ---- */

static const char *const role_words[] = { "manager", "head", "admin" };
#define ROLES_COL	10	/* where the cells start */
#define CELL_W		12	/* a cell's width */

const char *
cli_reach_letters(unsigned char bits, char *buf)
{
	char *p = buf;

	if (bits & ACL_TITLE && !(bits & ACL_READ))
		*p++ = 't';
	if (bits & ACL_READ)
		*p++ = 'r';
	if (bits & ACL_TAKE)
		*p++ = 'x';
	if (bits & ACL_WRITE)
		*p++ = 'w';
	if (p == buf)
		*p++ = '-';
	*p = '\0';
	return buf;
}

static int
declared(const struct cli_access *a)
{
	const struct cli_reach *r[3] = { &a->manager, &a->head, &a->admin };
	int i;

	for (i = 0; i < 3; i++)
		if (r[i]->own || r[i]->colleague || r[i]->nobody || r[i]->team)
			return 1;
	return 0;
}

/*
 * The heading of the cells, after first (a column of its own) when
 * given.  The headings are words for a person, in the messages'
 * language; the rows' role names and letters are what tests and the
 * man page read, and what --role takes: never translated.
 */
static void
put_roles_head(FILE *f, const char *first)
{
	if (first)
		cli_put_cell(f, first, ROLES_COL);
	cli_put_cell(f, first ? C_("roles table", "role") :
	    C_("roles table", "Roles:"), ROLES_COL);
	/* TRANSLATORS: the columns of the roles table: records of the
	 * role's own, a colleague's, nobody's, and the team's own things
	 * (settings, users...); at most 11 letters each. */
	cli_put_cell(f, C_("roles table", "own"), CELL_W);
	cli_put_cell(f, C_("roles table", "colleague's"), CELL_W);
	cli_put_cell(f, C_("roles table", "nobody's"), CELL_W);
	fprintf(f, "%s\n", C_("roles table", "team's"));
}

/* A row per role of c's .acl, each after c's name when named. */
static void
put_roles_rows(FILE *f, const struct command *c, int named)
{
	const struct cli_reach *r[3] = { &c->acl.manager, &c->acl.head,
	    &c->acl.admin };
	int ok = declared(&c->acl), i;
	char b[4][8];

	for (i = 0; i < 3; i++) {
		if (named)
			fprintf(f, "%-*s", ROLES_COL, c->name);
		fprintf(f, "%-*s", ROLES_COL, role_words[i]);
		fprintf(f, "%-*s%-*s%-*s%s\n", CELL_W, ok ?
		    cli_reach_letters(r[i]->own, b[0]) : "?", CELL_W, ok ?
		    cli_reach_letters(r[i]->colleague, b[1]) : "?", CELL_W,
		    ok ? cli_reach_letters(r[i]->nobody, b[2]) : "?", ok ?
		    cli_reach_letters(r[i]->team, b[3]) : "?");
	}
}

void
cli_put_roles(FILE *f)
{
	int i;

	put_roles_head(f, C_("roles table", "command"));
	for (i = 0; commands[i]; i++)
		put_roles_rows(f, commands[i], 1);
	putc('\n', f);
	/* TRANSLATORS: lines of at most 79 columns; the letters t, r, x,
	 * w and - stay as they are. */
	fputs(_("Each cell: what the role may do with the command to the "
	    "records it reaches, by\nwhose they are (for templates, by "
	    "author), and to the team's own things\n(settings, types and "
	    "results, fields, users, the department's log and\nfigures, "
	    "the database as a whole).  t: their titles only; r: read "
	    "them;\nx: take them away in bulk (CSV, TSV, iCalendar, vCard, "
	    "mail, a file, a copy);\nw: change them; -: nothing.  "
	    "Commands that read only part of it at times\nsay which in "
	    "salesorg COMMAND --help.\n"), f);
}

void
cli_put_commands(FILE *f)
{
	int i, w, col = 0;

	for (i = 0; commands[i]; i++)
		if ((w = (int)strlen(commands[i]->name) + 4) > col)
			col = w;
	fprintf(f, "%s\n", _("Commands:"));
	for (i = 0; commands[i]; i++) {
		fprintf(f, "  %-*s", col - 2, commands[i]->name);
		put_wrapped(f, col, "", _(commands[i]->summary), ' ', col);
	}
}

int
cli_filter(struct db *db, const char *cmd, const struct entity *ent,
    const char *saved, const char *text, struct filter **f)
{
	struct so_err err = { 0 };
	char *expr = NULL, *all, *mark, *clean, *msg;
	size_t pos;
	int rc = 0;

	*f = NULL;
	if (saved && saved_filter_get(db, ent, saved, &expr, &err) != SO_OK)
		return cli_fail(&err);
	if (expr && text)
		all = xasprintf("(%s) (%s)", expr, text);
	else
		all = xstrdup(expr ? expr : text ? text : "");
	if (filter_compile(db, ent, all, dt_now(), f, &pos, &err) != SO_OK) {
		mark = filter_marker(all, pos);
		clean = utf8_sanitize(all);
		msg = utf8_sanitize(err.msg);
		fprintf(stderr, "salesorg: %s: %s\n  %s\n  %s\n", cmd, msg,
		    clean, mark);
		free(msg);
		free(clean);
		free(mark);
		rc = EXIT_USAGE;
	}
	free(all);
	free(expr);
	return rc;
}
