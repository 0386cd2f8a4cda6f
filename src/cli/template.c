/*
 * `salesorg template` and `salesorg merge`: mail merge from the command
 * line.
 *
 *	salesorg template add offer --subject 'Offer for {company.name}' \
 *	    --body-file offer.txt
 *	salesorg merge offer --filter 'city:Казань' --send
 *
 * merge renders the template for every contact of the filtered set that
 * has an e-mail (the others are counted and skipped), paging through the
 * contacts as `list` does, and writes one .eml file per contact (--dir),
 * one mbox file (--mbox), or pipes each message to sendmail (--send).
 *
 * --send renders and checks every message first, so that a template or
 * data problem stops the run before anything goes out; then it sends
 * one message at a time and logs each as an e-mail event on its contact
 * in a transaction of its own right after the mailer accepted it.  A
 * mailer failure stops the run; the messages already sent stay logged,
 * and the message says how many went and to whom the failing one was.
 *
 * Line ends: .eml files are written with CRLF, the form RFC 5322
 * defines for a message on its own; mbox files and messages to sendmail
 * with LF, as local Unix mail is (the MTA converts for the wire).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/priv.h"
#include "base/proc.h"
#include "base/utf8.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "exchange/mailrun.h"
#include "exchange/merge.h"
#include "exchange/mime.h"
#include "store/acl.h"
#include "store/entities.h"
#include "store/filter.h"
#include "store/group.h"
#include "store/journal_sent.h"
#include "store/mailing.h"
#include "store/record.h"
#include "store/settings.h"
#include "store/template.h"

#define FILE_MAX	(4 * 1024 * 1024)	/* a body file, bytes */

/* ---- shared ---- */

/* After an unknown placeholder: every known one, wrapped. */
static void
known_hint(const struct so_err *err)
{
	struct strbuf b = { 0 };
	const char *p, *nl;
	int col = 4;

	if (!template_err_unknown(err))
		return;
	template_known(&b);
	fprintf(stderr, "salesorg: %s\n   ", _("the placeholders are:"));
	for (p = sb_str(&b); (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		if (col + (nl - p) + 1 > 78) {
			fputs("\n   ", stderr);
			col = 4;
		}
		fprintf(stderr, " %.*s", (int)(nl - p), p);
		col += (int)(nl - p) + 1;
	}
	fputc('\n', stderr);
	sb_free(&b);
}

/* Prints err (and the placeholders when one was unknown). */
static int
fail_tpl(const char *prefix, const struct so_err *err)
{
	cli_warn("%s%s%s", prefix ? prefix : "", prefix ? ": " : "", err->msg);
	known_hint(err);
	return so_err_exit_status(err->code);
}

/* Text for a terminal: each line sanitized, tabs and newlines kept. */
static void
put_text(FILE *f, const char *s)
{
	size_t n;
	char *part;

	while (*s) {
		n = strcspn(s, "\t\n");
		part = xstrndup(s, n);
		cli_put_clean(f, part);
		free(part);
		s += n;
		if (*s)
			fputc(*s++, f);
	}
}

/* Runs argv[0] on our terminal, through proc_run (base/proc.h): with
 * the privileges of the user, not of a setgid salesorg.  Its exit
 * status, or -1 (message printed). */
static int
run_as_user(char *const argv[])
{
	struct proc p = { .argv = argv, .tty = 1 };
	struct proc_result r;

	if (proc_run(&p, &r) != 0) {
		cli_warn(_("cannot start %s: %s"), argv[0], strerror(errno));
		return -1;
	}
	if (r.exec_errno != 0) {
		cli_warn(_("cannot run %s: %s"), argv[0],
		    strerror(r.exec_errno));
		return -1;
	}
	return r.status;
}

/*
 * Reads a whole text file (or stdin for "-"): a UTF-8 BOM dropped, CRLF
 * made LF.  NULL after a message naming the file (and the line of bad
 * UTF-8).
 */
static char *
read_text(const char *cmd, const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : priv_fopen(path, "rb");
	struct strbuf b = { 0 };
	char buf[8192], *s, *d;
	size_t n, line = 1, i;

	if (f == NULL) {
		cli_warn("%s: %s: %s", cmd, path, strerror(errno));
		return NULL;
	}
	sb_add(&b, "");
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0 && b.len <= FILE_MAX)
		sb_addn(&b, buf, n);
	if (ferror(f) || b.len > FILE_MAX || memchr(b.s, '\0', b.len)) {
		cli_warn("%s: %s: %s", cmd, path, ferror(f) ?
		    strerror(errno) : b.len > FILE_MAX ? _("larger than 4 MB") :
		    _("a NUL byte: not a text file"));
		if (f != stdin)
			fclose(f);
		sb_free(&b);
		return NULL;
	}
	if (f != stdin)
		fclose(f);
	s = sb_steal(&b);
	if (strncmp(s, "\xef\xbb\xbf", 3) == 0)
		memmove(s, s + 3, strlen(s + 3) + 1);
	for (d = s, i = 0; s[i]; i++)
		if (!(s[i] == '\r' && s[i + 1] == '\n'))
			*d++ = s[i];
	*d = '\0';
	for (i = 0; s[i]; i += utf8_next(s, i) - i) {
		if (s[i] == '\n')
			line++;
		if (!utf8_valid(s + i, utf8_next(s, i) - i)) {
			cli_warn(_("%s: %s: line %zu: not UTF-8 text "
			    "(convert it, e.g. iconv -f CP1251 -t UTF-8)"), cmd,
			    path, line);
			free(s);
			return NULL;
		}
	}
	return s;
}

/* What cli_getopt returns for template add's and merge's options. */
enum { OPT_SUBJECT = 's', OPT_BODY = 'b', OPT_BODY_FILE = 'B' };
enum { OPT_FILTER = 'F', OPT_SAVED = 'S', OPT_DIR = 'd', OPT_MBOX = 'm',
	OPT_SEND = 'M', OPT_DRY_RUN = 'n', OPT_LIMIT = 'l', OPT_PROGRAM = 'p',
	OPT_STATUS = 'u', OPT_COMPANIES = 'c', OPT_TEST = 't',
	OPT_ATTACH = 'a', OPT_HTML = 'h', OPT_KEEP = 'k' };

/* ---- template add | list | show | edit | remove | fields ---- */

static int
tpl_add(struct db *db, int argc, char **argv)
{
	struct template t = { 0 };
	struct so_err err = { 0 };
	const char *subject = "", *body = NULL, *file = NULL;
	char *text = NULL;
	int c, rc;

	while ((c = cli_getopt(&command_template, "add", argc, argv)) != -1) {
		if (c == OPT_SUBJECT)
			subject = optarg;
		else if (c == OPT_BODY)
			body = optarg;
		else if (c == OPT_BODY_FILE)
			file = optarg;
		else
			return cli_usage("template");
	}
	if (argc - optind != 1 || (body && file))
		return cli_usage("template");
	if (file && (text = read_text("template add", file)) == NULL)
		return EXIT_USER;
	t.name = xstrdup(argv[optind]);
	t.subject = xstrdup(subject);
	t.body = text ? text : xstrdup(body ? body : "");
	if (template_add(db, &t, &err) != SO_OK)
		rc = fail_tpl(file && strcmp(err.field, "body") == 0 ? file :
		    NULL, &err);
	else
		rc = 0;
	template_clear(&t);
	return rc;
}

static int
tpl_list(struct db *db)
{
	struct so_err err = { 0 };
	struct template *v;
	char when[32];
	size_t i, n;

	if (template_list(db, &v, &n, &err) != SO_OK)
		return cli_fail(&err);
	for (i = 0; i < n; i++) {
		cli_moment((time_t)v[i].updated_at, when, sizeof(when));
		cli_put_clean(stdout, v[i].name);
		printf("\tv%lld\t%s\t", (long long)v[i].version, when);
		cli_put_clean(stdout, v[i].subject);
		putchar('\n');
	}
	template_list_free(v, n);
	return 0;
}

/* "Subject: S\n\nbody": what show prints and edit edits. */
static void
put_template(FILE *f, const struct template *t)
{
	fputs("Subject: ", f);
	put_text(f, t->subject);
	fputs("\n\n", f);
	put_text(f, t->body);
	if (*t->body && t->body[strlen(t->body) - 1] != '\n')
		fputc('\n', f);
}

static int
tpl_show(struct db *db, const char *name)
{
	struct template t;
	struct so_err err = { 0 };

	if (template_get(db, name, &t, &err) != SO_OK)
		return cli_fail(&err);
	put_template(stdout, &t);
	template_clear(&t);
	return 0;
}

/*
 * Parses the edited "Subject: S\n\nbody" into t.  The newline an editor
 * adds at the end is dropped when the body had none.  -1 with a message
 * when the first line is not a Subject.
 */
static int
parse_edited(const char *text, int had_nl, struct template *t)
{
	const char *nl = strchr(text, '\n'), *s;
	size_t n;

	if (strncasecmp(text, "Subject:", 8) != 0) {
		/* TRANSLATORS: Subject: is what the file must hold, in
		 * English. */
		cli_warn("%s", _("template edit: line 1: the first line must "
		    "be \"Subject: ...\""));
		return -1;
	}
	s = text + 8;
	s += *s == ' ';
	free(t->subject);
	t->subject = xstrndup(s, nl ? (size_t)(nl - s) : strlen(s));
	s = nl ? nl + 1 : text + strlen(text);
	if (*s == '\n')
		s++;
	else if (*s) {
		cli_warn("%s", _("template edit: line 2: leave a blank line "
		    "between the subject and the body"));
		return -1;
	}
	free(t->body);
	t->body = xstrdup(s);
	n = strlen(t->body);
	if (!had_nl && n > 0 && t->body[n - 1] == '\n')
		t->body[n - 1] = '\0';
	return 0;
}

/* Runs $VISUAL, else $EDITOR, else vi on path: through sh, as a user's
 * editor setting may carry arguments ("emacs -nw"). */
static int
run_editor(const char *path)
{
	const char *ed = getenv("VISUAL");
	char *cmd, *argv[6];
	int st;

	if (ed == NULL || *ed == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || *ed == '\0')
		ed = "vi";
	cmd = xasprintf("%s \"$1\"", ed);
	argv[0] = "/bin/sh";
	argv[1] = "-c";
	argv[2] = cmd;
	argv[3] = "sh";
	argv[4] = (char *)path;
	argv[5] = NULL;
	st = run_as_user(argv);
	if (st != 0)
		cli_warn(_("template edit: the editor (%s) exited with status "
		    "%d"), ed, st);
	free(cmd);
	return st;
}

/* Writes t to a new temporary file; its path (caller frees) or NULL. */
static char *
write_temp_file(const struct template *t)
{
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/salesorg-template-XXXXXX",
	    dir && *dir ? dir : "/tmp");
	FILE *f;
	int fd;

	if ((fd = mkstemp(path)) < 0 || (f = fdopen(fd, "w")) == NULL) {
		cli_warn("template edit: %s: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		free(path);
		return NULL;
	}
	fprintf(f, "Subject: %s\n\n%s", t->subject, t->body);
	if (*t->body && t->body[strlen(t->body) - 1] != '\n')
		fputc('\n', f);
	if (fclose(f) != 0) {
		cli_warn("template edit: %s: %s", path, strerror(errno));
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

/* The file is the user's, for the user's editor (priv.h). */
static char *
write_temp(const struct template *t)
{
	char *path;

	priv_user_begin();
	path = write_temp_file(t);
	priv_user_end();
	return path;
}

/* Saves the edited text at path into t; 0 when saved or unchanged. */
static int
save_edited(struct db *db, struct template *t, const char *path)
{
	struct so_err err = { 0 };
	int64_t version = t->version;
	size_t n = strlen(t->body);
	char *text;
	int rc;

	if ((text = read_text("template edit", path)) == NULL)
		return EXIT_USER;
	rc = parse_edited(text, n > 0 && t->body[n - 1] == '\n', t);
	free(text);
	if (rc < 0)
		return EXIT_USER;
	if (template_update(db, t, &err) != SO_OK)
		return fail_tpl("template edit", &err);
	if (t->version == version)
		printf(_("template %s: no change"), t->name);
	else
		printf(_("template %s: saved (version %lld)"), t->name,
		    (long long)t->version);
	putchar('\n');
	return 0;
}

static int
tpl_edit(struct db *db, const char *name)
{
	struct so_err err = { 0 };
	struct template t;
	char *path;
	int rc;

	if (template_get(db, name, &t, &err) != SO_OK)
		return cli_fail(&err);
	if ((path = write_temp(&t)) == NULL) {
		template_clear(&t);
		return EXIT_USER;
	}
	if (run_editor(path) != 0)
		rc = EXIT_USER;
	else
		rc = save_edited(db, &t, path);
	if (rc == 0)
		unlink(path);
	else
		cli_warn(_("template edit: nothing saved; your text is kept "
		    "in %s"), path);
	free(path);
	template_clear(&t);
	return rc;
}

static int
tpl_fields(void)
{
	struct strbuf b = { 0 };

	template_known(&b);
	fputs(sb_str(&b), stdout);
	sb_free(&b);
	return 0;
}

static int
cli_template(struct cli *cli, int argc, char **argv)
{
	struct so_err err = { 0 };
	const char *sub = argc > 1 ? argv[1] : "list";
	struct db *db;
	int rc;

	argc -= 1;
	argv += 1;
	if ((rc = cli_open(cli, 0, 0, &db)) != 0)
		return rc;
	if (strcmp(sub, "add") == 0)
		rc = tpl_add(db, argc, argv);
	else if (strcmp(sub, "list") == 0 && argc <= 1)
		rc = tpl_list(db);
	else if (strcmp(sub, "show") == 0 && argc == 2)
		rc = tpl_show(db, argv[1]);
	else if (strcmp(sub, "edit") == 0 && argc == 2)
		rc = tpl_edit(db, argv[1]);
	else if (strcmp(sub, "remove") == 0 && argc == 2)
		rc = template_remove(db, argv[1], &err) == SO_OK ? 0 :
		    cli_fail(&err);
	else if (strcmp(sub, "fields") == 0 && argc == 1)
		rc = tpl_fields();
	else
		rc = cli_usage("template");
	db_close(db);
	if (fflush(stdout) != 0 && rc == 0) {
		perror(_("salesorg: template: writing"));
		rc = EXIT_USER;
	}
	return rc;
}

/* ---- merge ---- */

/*
 * The run itself is exchange/mailrun.h's; here: its options, its
 * targets (the filter language's errors are the command line's), and
 * its words on our streams.
 */

/* What the command line says of the run's recipients. */
struct merge_opts {
	const char	*saved, *text, *program, *status;
	int		 companies;
};

/* The run's message as the command has always said it: "merge: ", and
 * the option's name when it is about one. */
static void
io_warn(void *arg, const char *opt, const char *msg)
{
	(void)arg;
	if (opt == NULL)
		cli_warn("%s", msg);
	else
		cli_warn("merge: %s%s%s", opt, *opt ? ": " : "", msg);
}

static void
io_hint(void *arg, const struct so_err *err)
{
	(void)arg;
	known_hint(err);
}

static void
io_out(void *arg, const char *text)
{
	(void)arg;
	put_text(stdout, text);
	putchar('\n');
}

/*
 * Whom the messages go to: the contacts (or with --companies the
 * companies) --filter and --saved select; with --program, its members
 * among them, and, when no filter narrows the contacts, the members
 * that are companies without a contact, at the company's e-mail.
 */
static int
targets(struct mailrun *x, const struct merge_opts *o)
{
	int rc;

	x->ent = o->companies ? &entity_company : &entity_contact;
	if ((rc = cli_filter(x->db, "merge", x->ent, o->saved, o->text,
	    &x->filter)) != 0 || o->program == NULL)
		return rc;
	return mailrun_program(x, o->program, o->status, !o->companies &&
	    o->saved == NULL && o->text == NULL);
}

/* Sets the mode once; a second one is a usage error. */
static int
set_mode(struct mailrun *x, enum mailrun_mode m, const char *out)
{
	if (x->mode != MAILRUN_NONE)
		return -1;
	x->mode = m;
	x->out = out;
	return 0;
}

static int
merge_args(struct mailrun *x, struct merge_opts *o, int argc, char **argv)
{
	char *end;
	int c, bad = 0;

	while ((c = cli_getopt(&command_merge, NULL, argc, argv)) != -1) {
		if (c == OPT_FILTER)
			o->text = optarg;
		else if (c == OPT_SAVED)
			o->saved = optarg;
		else if (c == OPT_DIR || c == OPT_MBOX)
			bad |= set_mode(x, c == OPT_DIR ? MAILRUN_DIR :
			    MAILRUN_MBOX, optarg);
		else if (c == OPT_SEND)
			bad |= set_mode(x, MAILRUN_SEND, NULL);
		else if (c == OPT_TEST) {
			bad |= set_mode(x, MAILRUN_TEST, NULL);
			x->test = optarg;
		} else if (c == OPT_PROGRAM)
			o->program = optarg;
		else if (c == OPT_STATUS)
			o->status = optarg;
		else if (c == OPT_COMPANIES)
			o->companies = 1;
		else if (c == OPT_HTML)
			x->html = 1;
		else if (c == OPT_KEEP)
			x->keep = 1;
		else if (c == OPT_ATTACH)
			mailrun_add_file(x, optarg);
		else if (c == OPT_DRY_RUN)
			x->dry = 1;
		else if (c == OPT_LIMIT) {
			x->limit = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || x->limit < 1) {
				cli_warn(_("merge: --limit: a positive "
				    "number, not \"%s\""), optarg);
				return -1;
			}
		} else
			bad = -1;
	}
	if (bad || optind != argc - 1 || (x->mode == MAILRUN_NONE &&
	    !x->dry) || (o->status && o->program == NULL)) {
		cli_usage("merge");
		return -1;
	}
	return 0;
}

static int
cli_merge(struct cli *cli, int argc, char **argv)
{
	struct mailrun x = { 0 };
	struct merge_opts o = { 0 };
	int rc;

	x.io.warn = io_warn;
	x.io.hint = io_hint;
	x.io.out = io_out;
	if (merge_args(&x, &o, argc, argv) < 0) {
		mailrun_free(&x);
		return EXIT_USAGE;
	}
	/* read-write: the user's own settings need the login, and --send
	 * logs events */
	if ((rc = cli_open(cli, 0, 0, &x.db)) != 0) {
		mailrun_free(&x);
		return rc;
	}
	x.now = db_now(x.db);
	if ((rc = mailrun_prepare(&x, argv[optind])) == 0 &&
	    (rc = targets(&x, &o)) == 0 && (rc = mailrun_attach(&x)) == 0)
		rc = mailrun_run(&x);
	mailrun_free(&x);
	db_close(x.db);
	if (fflush(stdout) != 0 && rc == 0) {
		perror(_("salesorg: merge: writing"));
		rc = EXIT_USER;
	}
	return rc;
}

/* ---- the entries (src/cli/commands.c lists them) ---- */

static const struct cli_form template_forms[] = {
	{ "add", NC_("usage", "NAME") },
	{ "[list]", "" },
	{ "show", NC_("usage", "NAME") },
	{ "edit", NC_("usage", "NAME") },
	{ "remove", NC_("usage", "NAME") },
	{ "fields", "" },
	{ NULL, NULL }
};

static const struct cli_option template_options[] = {
	{ .name = "subject", .val = OPT_SUBJECT, .arg = NC_("usage", "TEXT"),
	  .form = "add",
	  .help = N_("the subject, one line of at most 250 characters") },
	{ .name = "body-file", .val = OPT_BODY_FILE,
	  .arg = NC_("usage", "FILE"), .form = "add",
	  .help = N_("the body from FILE, UTF-8 text (-: standard "
	    "input)") },
	{ .name = "body", .val = OPT_BODY, .arg = NC_("usage", "TEXT"),
	  .form = "add", .flags = CLI_OR, .help = N_("the body") },
	{ 0 }
};

const struct command command_template = {
	.name = "template",
	.forms = template_forms,
	.options = template_options,
	.summary = N_("mail merge templates: a subject and body with "
	    "{contact.first_name} style placeholders"),
	.acl = {
		.manager = CLI_REACH(ACL_READ | ACL_WRITE, ACL_READ, ACL_READ,
		    0),
		.head = CLI_REACH(ACL_READ | ACL_WRITE, ACL_READ | ACL_WRITE,
		    ACL_READ | ACL_WRITE, 0),
		.admin = CLI_REACH(ACL_READ | ACL_WRITE, ACL_READ | ACL_WRITE,
		    ACL_READ | ACL_WRITE, 0),
	},
	.access = N_("any user lists, shows and uses every template (they "
	    "are the team's, versioned and audited) and adds their own; only "
	    "its author, a head of sales or an administrator edits or "
	    "removes one"),
	.run = cli_template,
};

static const struct cli_option merge_options[] = {
	{ .name = "filter", .val = OPT_FILTER, .arg = NC_("usage", "EXPR"),
	  .help = N_("the contacts EXPR matches (see FILTERS in "
	    "salesorg(1))") },
	{ .name = "saved", .val = OPT_SAVED, .arg = NC_("usage", "NAME"),
	  .help = N_("the contacts a filter saved in the organizer matches; "
	    "with --filter, both must match") },
	{ .name = "dir", .val = OPT_DIR, .arg = NC_("usage", "DIR"),
	  .flags = CLI_NEEDED,
	  .help = N_("write DIR/ID.eml for each contact") },
	{ .name = "mbox", .val = OPT_MBOX, .arg = NC_("usage", "FILE"),
	  .flags = CLI_OR,
	  .help = N_("write one mbox file, replacing FILE when the run "
	    "succeeds") },
	{ .name = "send", .val = OPT_SEND, .flags = CLI_OR,
	  .help = N_("pipe each message to mail.sendmail -t -i and log it "
	    "as a done e-mail event") },
	{ .name = "test", .val = OPT_TEST, .arg = NC_("usage", "ADDRESS"),
	  .flags = CLI_OR,
	  .help = N_("send only the first recipient's message, to ADDRESS; "
	    "nothing is logged") },
	{ .name = "program", .val = OPT_PROGRAM,
	  .arg = NC_("usage", "NAME|ID"),
	  .help = N_("the program's members: a contact at its e-mail, a "
	    "company member without a contact at the company's") },
	{ .name = "member-status", .val = OPT_STATUS,
	  .arg = NC_("usage", "STATUS"),
	  .help = N_("with --program: only the members of this status "
	    "(invited, confirmed, attended, declined, bought)") },
	{ .name = "companies", .val = OPT_COMPANIES,
	  .help = N_("mail companies at their own e-mail: --filter and "
	    "--saved select companies") },
	{ .name = "attach", .val = OPT_ATTACH, .arg = NC_("usage", "FILE"),
	  .help = N_("attach FILE to every message (repeatable; 10 MB "
	    "together at most)") },
	{ .name = "html", .val = OPT_HTML,
	  .help = N_("add an HTML part made from the body: paragraphs, "
	    "**bold**, [links](https://...), - lists") },
	{ .name = "keep-going", .val = OPT_KEEP,
	  .help = N_("with --send: log a message the mailer refuses as "
	    "failed and go on with the next") },
	{ .name = "dry-run", .val = OPT_DRY_RUN,
	  .help = N_("render every message, write and send nothing, print "
	    "the first") },
	{ .name = "limit", .val = OPT_LIMIT, .arg = NC_("usage", "N"),
	  .help = N_("stop after N messages") },
	{ 0 }
};

const struct command command_merge = {
	.name = "merge",
	.operands = NC_("usage", "TEMPLATE"),
	.options = merge_options,
	.summary = N_("render a template for each contact with an e-mail: "
	    ".eml files, an mbox, or sendmail (logged as e-mail events)"),
	.acl = {
		.manager = CLI_REACH(ACL_TAKE | ACL_WRITE, 0, 0, ACL_READ),
		.head = CLI_REACH(ACL_TAKE | ACL_WRITE, ACL_TAKE | ACL_WRITE,
		    ACL_TAKE | ACL_WRITE, ACL_READ),
		.admin = CLI_REACH(ACL_TAKE | ACL_WRITE, ACL_TAKE | ACL_WRITE,
		    ACL_TAKE | ACL_WRITE, ACL_READ),
	},
	.access = N_("any user; a manager reaches only their own contacts, "
	    "a head of sales or an administrator everyone's; --send writes "
	    "an e-mail event for each message sent"),
	.run = cli_merge,
};
