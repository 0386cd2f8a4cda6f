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

enum mode { M_NONE, M_DIR, M_MBOX, M_SEND, M_TEST };

/* The attachments of one message, all together (an office mail server
 * refuses a bigger one, and every recipient's copy carries them). */
#define ATTACH_MAX	(10 * 1024 * 1024)
enum pass { P_CHECK, P_WRITE };

struct run {
	struct db	*db;
	struct merge	*m;
	/* the recipients: ent's records filter selects (contacts, or
	 * --companies), then the companies cfilter selects (a program's
	 * members that are companies without a contact) */
	const struct entity *ent;
	struct filter	*filter, *cfilter;
	const struct entity *walking;
	const char	*program, *status, *test;
	int64_t		 program_id;
	int		 html, keep, companies;
	struct mime_attachment *att;
	size_t		 natt;
	long		 failed;
	int		 tested;
	enum mode	 mode;
	enum pass	 pass;
	int		 dry;
	long		 limit;
	const char	*out;		/* --dir or --mbox */
	char		*from, *from_addr, *sendmail;
	FILE		*mbox;
	time_t		 now;
	/* counts of the pass under way */
	long		 messages, skipped, bad, sent;
	int		 rc;		/* one()'s exit status that ended a pass */
	long		 total;		/* messages the check pass found */
	int		 quiet;		/* a check pass gave the warnings */
	char		*first;		/* dry run: the first, readable */
	char		*last_sent;	/* "Name <addr> (contact #id)" */
};

/* A message's recipient: a contact, or a company (its own e-mail). */
struct rcpt {
	const struct contact *c;
	const struct company *co;
};

static char *
rcpt_name(const struct rcpt *r)
{
	return r->c ? merge_contact_name(r->c) : xstrdup(r->co->name ?
	    r->co->name : "");
}

/* "Иванов Сергей <s@x.ru> (contact #12)" for messages. */
static char *
who(const struct rcpt *r, const char *addr)
{
	char *name = rcpt_name(r), *s;

	if (r->c)
		/* TRANSLATORS: a contact's name, e-mail address and id. */
		s = xasprintf(_("%s <%s> (contact #%lld)"), name, addr,
		    (long long)r->c->meta.id);
	else
		/* TRANSLATORS: a company's name, e-mail address and id. */
		s = xasprintf(_("%s <%s> (company #%lld)"), name, addr,
		    (long long)r->co->meta.id);
	free(name);
	return s;
}

static int64_t
rcpt_id(const struct rcpt *r)
{
	return r->c ? r->c->meta.id : r->co->meta.id;
}

/* The row of the per-recipient log (store/mailing.h) for r. */
static void
log_entry(const struct run *x, const struct rcpt *r, const char *status,
    const char *error, const char *addr, struct mail_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->template = (char *)merge_name(x->m);
	e->status = (char *)status;
	e->error = (char *)error;
	e->addr = (char *)addr;
	e->contact_id = r->c ? r->c->meta.id : 0;
	e->company_id = r->c ? r->c->company_id : r->co->meta.id;
	e->program_id = x->program_id;
}

/* A failed or skipped recipient of --send, logged in its own
 * transaction; a failure to log is said and ends the run. */
static int
log_other(struct run *x, const struct rcpt *r, const char *status,
    const char *error, const char *addr)
{
	struct so_err err = { 0 };
	struct mail_entry e;
	int code;

	if (x->mode != M_SEND || x->pass != P_WRITE)
		return 0;
	log_entry(x, r, status, error, addr, &e);
	if ((code = db_begin(x->db, &err)) == SO_OK)
		code = db_finish(x->db, mail_log_add(x->db, &e, &err), &err);
	if (code != SO_OK) {
		cli_warn(_("merge: cannot log the mailing: %s"), err.msg);
		return so_err_exit_status(code);
	}
	return 0;
}

static void
keep_first(struct run *x, const char *to, const char *subject,
    const char *body)
{
	if (x->first)
		return;
	x->first = xasprintf("From: %s\nTo: %s\nSubject: %s\n\n%s%s", x->from,
	    to, subject, body, *body && body[strlen(body) - 1] == '\n' ? "" :
	    "\n");
}

static int
write_eml(struct run *x, const struct rcpt *r, const struct strbuf *msg)
{
	char *path = xasprintf("%s/%lld.eml", x->out, (long long)rcpt_id(r));
	FILE *f = priv_fopen(path, "wb");
	int ok;

	ok = f && fwrite(msg->s, 1, msg->len, f) == msg->len;
	if (f && fclose(f) != 0)
		ok = 0;
	if (!ok)
		cli_warn("merge: %s: %s", path, strerror(errno));
	free(path);
	return ok ? 0 : EXIT_USER;
}

static int
write_mbox(struct run *x, const struct strbuf *msg)
{
	struct strbuf e = { 0 };
	int ok;

	mime_mbox_entry(&e, x->from_addr, x->now, msg->s);
	ok = fwrite(e.s, 1, e.len, x->mbox) == e.len;
	sb_free(&e);
	if (!ok)
		cli_warn("merge: %s: %s", x->out, strerror(errno));
	return ok ? 0 : EXIT_USER;
}

/* The e-mail event of a sent message, marked as a merge's message (no
 * touch for the activity report, store/journal_sent.h), in one
 * transaction. */
static int
log_message(struct db *db, struct event *ev, struct mail_entry *e,
    struct so_err *err)
{
	int code;

	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if ((code = store_event_create(db, ev, err)) == SO_OK &&
	    (code = merge_message_mark(db, ev->meta.id, err)) == SO_OK) {
		e->event_id = ev->meta.id;
		code = mail_log_add(db, e, err);
	}
	return db_finish(db, code, err);
}

/* Sends msg and logs it; a failure says what went before it. */
static int
send_one(struct run *x, const struct rcpt *r, const char *addr,
    const char *subject, const struct strbuf *msg)
{
	struct so_err err = { 0 };
	struct mail_entry e;
	struct event ev;
	char *w = who(r, addr);
	int rc = 0, logged;

	if ((logged = merge_event_to(x->db, x->m, r->c, r->co ?
	    r->co->meta.id : SO_NULL, subject, addr, &ev, &err)) != SO_OK ||
	    merge_sendmail(x->sendmail, msg->s, msg->len, &err) != SO_OK) {
		cli_warn(_("merge: sending to %s failed: %s"), w, err.msg);
		/* the mailer's words are the reason the log keeps */
		if (logged == SO_OK && (rc = log_other(x, r, MAIL_FAILED,
		    err.msg, addr)) != 0)
			;
		else if (x->keep && logged == SO_OK) {
			x->failed++;
			store_event_clear(&ev);
			free(w);
			return 0;
		} else if (x->last_sent)
			/* TRANSLATORS: sent, of in all, to whom the last
			 * went. */
			cli_warn(P_("merge: %ld of %ld messages were sent "
			    "before it (the last to %s); the rest were not "
			    "sent", "merge: %ld of %ld messages were sent "
			    "before it (the last to %s); the rest were not "
			    "sent", x->total), x->sent, x->total,
			    x->last_sent);
		else
			cli_warn(P_("merge: %ld of %ld messages were sent "
			    "before it; the rest were not sent", "merge: %ld "
			    "of %ld messages were sent before it; the rest "
			    "were not sent", x->total), x->sent, x->total);
		if (rc == 0)
			rc = EXIT_USER;
	} else if (log_entry(x, r, MAIL_SENT, "", addr, &e),
	    log_message(x->db, &ev, &e, &err) != SO_OK) {
		x->sent++;
		cli_warn(P_("merge: the message to %s was sent but could not "
		    "be logged: %s; stopping after %ld messages sent",
		    "merge: the message to %s was sent but could not be "
		    "logged: %s; stopping after %ld messages sent", x->sent),
		    w, err.msg, x->sent);
		rc = so_err_exit_status(err.code);
	} else {
		x->sent++;
		/* TRANSLATORS: a message sent: the contact's id, the
		 * address. */
		printf(_("sent %lld %s"), (long long)rcpt_id(r), addr);
		putchar('\n');
		free(x->last_sent);
		x->last_sent = w;
		w = NULL;
	}
	store_event_clear(&ev);
	free(w);
	return rc;
}

/* Checks (pass 1) or writes/sends (pass 2) the message for c. */
/* --test: the one message, to the tester; nothing logged. */
static int
send_test(struct run *x, const struct rcpt *r, const char *addr,
    const struct strbuf *msg)
{
	struct so_err err = { 0 };
	char *w = who(r, addr), *to = utf8_sanitize(x->test);
	int rc = 0;

	x->tested = 1;
	if (merge_sendmail(x->sendmail, msg->s, msg->len, &err) != SO_OK) {
		cli_warn(_("merge: --test: sending to %s failed: %s"), to,
		    err.msg);
		rc = EXIT_USER;
	} else {
		/* TRANSLATORS: the test address; the recipient whose
		 * message it is. */
		printf(_("test message sent to %s: the message for %s; "
		    "nothing sent to the recipients, nothing logged"), to, w);
		putchar('\n');
	}
	free(to);
	free(w);
	return rc;
}

static int
act(struct run *x, const struct rcpt *r, const char *addr,
    const char *subject, const char *body, const struct strbuf *msg)
{
	struct so_err err = { 0 };
	struct event ev;
	char *name, *to;
	int rc = 0;

	if (x->pass == P_CHECK) {
		if (x->mode == M_SEND && merge_event_to(x->db, x->m, r->c,
		    r->co ? r->co->meta.id : SO_NULL, subject, addr, &ev,
		    &err) != SO_OK) {
			to = who(r, addr);
			cli_warn(_("merge: %s: cannot log the message: %s; "
			    "nothing was sent"), to, err.msg);
			free(to);
			rc = EXIT_USER;
		}
		if (x->mode == M_SEND)
			store_event_clear(&ev);
		name = rcpt_name(r);
		to = xasprintf("%s <%s>", name, addr);
		keep_first(x, to, subject, body);
		free(to);
		free(name);
		return rc;
	}
	if (x->mode == M_DIR)
		return write_eml(x, r, msg);
	if (x->mode == M_MBOX)
		return write_mbox(x, msg);
	if (x->mode == M_TEST)
		return send_test(x, r, addr, msg);
	return send_one(x, r, addr, subject, msg);
}

/* Renders and handles one recipient; skips one without an address. */
static int
one(struct run *x, const struct rcpt *r)
{
	struct strbuf msg = { 0 };
	struct so_err err = { 0 };
	struct mime_msg mm = { 0 };
	const char *email = r->c ? r->c->email : r->co->email;
	char *addr = mime_first_addr(email ? email : "");
	char *subject = NULL, *body = NULL, *html = NULL, *name = NULL, *w;
	int rc = 0;

	if (*addr == '\0') {
		x->skipped++;
		/* the log's reason, in the database's language (English) */
		rc = log_other(x, r, MAIL_SKIPPED, "no e-mail", "");
		goto out;
	}
	if (!mime_addr_ok(addr)) {
		if (!x->quiet) {
			w = who(r, addr);
			cli_warn(_("merge: %s: not an address a message can "
			    "go to; skipped"), w);
			free(w);
		}
		x->bad++;
		rc = log_other(x, r, MAIL_SKIPPED, "not an e-mail address",
		    addr);
		goto out;
	}
	if (merge_render_to(x->db, x->m, r->c, r->co, &subject, &body,
	    x->html ? &html : NULL, &err) != SO_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	mm.from = x->from;
	mm.to_name = name = rcpt_name(r);
	mm.to_addr = addr;
	if (x->mode == M_TEST) {
		mm.to_name = "";
		mm.to_addr = x->test;
	}
	mm.subject = subject;
	mm.body = body;
	mm.html = html;
	mm.att = x->att;
	mm.natt = x->natt;
	mm.date = x->now;
	if (mime_build(&mm, x->mode == M_DIR ? MIME_CRLF : MIME_LF, &msg,
	    &err) != SO_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	x->messages++;
	rc = act(x, r, addr, subject, body, &msg);
out:
	sb_free(&msg);
	free(html);
	free(name);
	free(subject);
	free(body);
	free(addr);
	return rc;
}

/* One contact of a pass (rec_walk's callback): one()'s exit status,
 * already said, ends the walk through x->rc. */
static int
pass_one(void *arg, const void *rec, struct so_err *err)
{
	struct run *x = arg;
	struct rcpt r = { 0 };

	(void)err;
	if ((x->limit > 0 && x->messages >= x->limit) || x->tested)
		return REC_WALK_STOP;
	if (x->walking == &entity_contact)
		r.c = rec;
	else
		r.co = rec;
	if ((x->rc = one(x, &r)) != 0)
		return SO_ERR;
	return x->tested ? REC_WALK_STOP : SO_OK;
}

/* The walk over ent's records f selects. */
static int
walk(struct run *x, const struct entity *ent, const struct filter *f)
{
	struct list_query q = { .sort = -1 };
	struct so_err err = { 0 };

	x->walking = ent;
	q.filter = f;
	q.scan = f != NULL;
	/* A manager writes only to their own contacts. */
	q.mine = acl_export_owner(x->db);
	if (rec_walk(x->db, ent, &q, pass_one, x, &err) != SO_OK)
		return x->rc ? x->rc : cli_fail(&err);
	return 0;
}

/* One pass over the recipients. */
static int
pass(struct run *x, enum pass p)
{
	int rc;

	x->pass = p;
	x->messages = x->skipped = x->bad = x->failed = 0;
	x->rc = 0;
	if ((rc = walk(x, x->ent, x->filter)) != 0 || x->cfilter == NULL ||
	    x->tested)
		return rc;
	return walk(x, &entity_company, x->cfilter);
}

/* Whether status is a member status (program.c's choices). */
static int
member_status_ok(const char *status)
{
	const struct field_desc *fd =
	    &entity_member.fields[entity_field(&entity_member, "status")];
	const struct choice *ch;

	for (ch = fd->choices; ch->code; ch++)
		if (strcmp(ch->code, status) == 0)
			return 1;
	return 0;
}

/*
 * Whom the messages go to: the contacts (or with --companies the
 * companies) --filter and --saved select; with --program, its members
 * among them, and, when no filter narrows the contacts, the members
 * that are companies without a contact, at the company's e-mail.
 */
static int
targets(struct run *x, const char *saved, const char *text)
{
	struct so_err err = { 0 };
	char *clean;
	int rc;

	x->ent = x->companies ? &entity_company : &entity_contact;
	if ((rc = cli_filter(x->db, "merge", x->ent, saved, text,
	    &x->filter)) != 0 || x->program == NULL)
		return rc;
	if (x->status && !member_status_ok(x->status)) {
		clean = utf8_sanitize(x->status);
		cli_warn(_("merge: --member-status: no status \"%s\" "
		    "(invited, confirmed, attended, declined, bought)"),
		    clean);
		free(clean);
		return EXIT_USAGE;
	}
	if (program_find(x->db, x->program, &x->program_id, &err) != SO_OK)
		return fail_tpl("merge", &err);
	filter_and_members(&x->filter, x->ent, x->program_id, x->status, 0,
	    x->program);
	if (!x->companies && saved == NULL && text == NULL)
		filter_and_members(&x->cfilter, &entity_company,
		    x->program_id, x->status, 1, x->program);
	return 0;
}

/* --attach's files, read whole: ATTACH_MAX bytes together at most. */
static int
read_attachments(struct run *x)
{
	struct mime_attachment *a;
	struct strbuf b;
	char buf[8192], *clean;
	const char *base;
	size_t n, total = 0, i;
	FILE *f;

	for (i = 0; i < x->natt; i++) {
		a = &x->att[i];
		clean = utf8_sanitize(a->name);
		if ((f = priv_fopen(a->name, "rb")) == NULL) {
			cli_warn("merge: --attach: %s: %s", clean,
			    strerror(errno));
			free(clean);
			return EXIT_USER;
		}
		memset(&b, 0, sizeof(b));
		sb_add(&b, "");
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0 &&
		    total + b.len <= ATTACH_MAX)
			sb_addn(&b, buf, n);
		if (ferror(f) || total + b.len > ATTACH_MAX) {
			if (ferror(f))
				cli_warn("merge: --attach: %s: %s", clean,
				    strerror(errno));
			else
				/* TRANSLATORS: the file; the limit in MB. */
				cli_warn(_("merge: --attach: %s: the "
				    "attachments of a message may take %d MB "
				    "together, no more: send a link to a "
				    "large file instead"), clean,
				    ATTACH_MAX / (1024 * 1024));
			fclose(f);
			sb_free(&b);
			free(clean);
			return EXIT_USER;
		}
		fclose(f);
		free(clean);
		total += b.len;
		a->len = b.len;
		a->data = (unsigned char *)sb_steal(&b);
		/* the reader sees the file's name, not the path */
		base = strrchr(a->name, '/');
		a->name = base ? base + 1 : a->name;
	}
	return 0;
}

/* The template, the settings and the output, before any contact. */
static int
prepare(struct run *x, const char *tname, const char *saved,
    const char *text)
{
	struct so_err err = { 0 };
	struct template t;
	char *w;
	int rc;

	if (template_get(x->db, tname, &t, &err) != SO_OK)
		return cli_fail(&err);
	rc = merge_compile(&t, &x->m, &err);
	template_clear(&t);
	if (rc != SO_OK)
		return fail_tpl("merge", &err);
	x->from = settings_get_text(x->db, "mail.from");
	x->from_addr = mime_addr_of(x->from);
	{
		char why[512];

		x->sendmail = settings_mailer(x->db, why, sizeof(why));
		if (*why) {
			char *clean = utf8_sanitize(why);

			cli_warn("merge: %s", clean);
			free(clean);
		}
	}
	if (!mime_addr_ok(x->from_addr)) {
		cli_warn(_("merge: mail.from \"%s\" is not an address "
		    "(salesorg config set mail.from you@example.com)"),
		    x->from);
		return EXIT_USER;
	}
	if (x->test && !mime_addr_ok(x->test)) {
		w = utf8_sanitize(x->test);
		cli_warn(_("merge: --test: \"%s\" is not an e-mail address"),
		    w);
		free(w);
		return EXIT_USER;
	}
	if ((rc = targets(x, saved, text)) != 0)
		return rc;
	return read_attachments(x);
}

static int
open_output(struct run *x, char **tmp)
{
	int fd;

	*tmp = NULL;
	if (x->dry)
		return 0;
	/* The user's directory and files, made as the user (priv.h). */
	priv_user_begin();
	if (x->mode == M_DIR && mkdir(x->out, 0777) < 0 && errno != EEXIST) {
		cli_warn("merge: %s: %s", x->out, strerror(errno));
		priv_user_end();
		return EXIT_USER;
	}
	if (x->mode != M_MBOX) {
		priv_user_end();
		return 0;
	}
	/* written beside, renamed over at the end: a failed run leaves no
	 * half mailbox */
	*tmp = xasprintf("%s.XXXXXX", x->out);
	if ((fd = mkstemp(*tmp)) < 0 || (x->mbox = fdopen(fd, "wb")) ==
	    NULL) {
		cli_warn("merge: %s: %s", *tmp, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(*tmp);
		}
		free(*tmp);
		*tmp = NULL;
		priv_user_end();
		return EXIT_USER;
	}
	priv_user_end();
	return 0;
}

static int
close_output(struct run *x, char *tmp, int rc)
{
	if (x->mbox == NULL)
		return rc;
	if (fclose(x->mbox) != 0 && rc == 0) {
		cli_warn("merge: %s: %s", tmp, strerror(errno));
		rc = EXIT_USER;
	}
	x->mbox = NULL;
	priv_user_begin();
	if (rc == 0 && rename(tmp, x->out) != 0) {
		cli_warn("merge: %s: %s", x->out, strerror(errno));
		rc = EXIT_USER;
	}
	if (rc != 0)
		unlink(tmp);
	priv_user_end();
	return rc;
}

/*
 * "5 messages sent; 2 contacts without e-mail skipped, 1 with an
 * unusable address": a clause per count, each its own plural.
 */
static void
summary(const struct run *x)
{
	char *clean;

	if (x->dry) {
		if (x->first) {
			put_text(stdout, x->first);
			putchar('\n');
		}
		printf(P_("dry run: %ld messages rendered, nothing written or "
		    "sent", "dry run: %ld messages rendered, nothing written "
		    "or sent", x->messages), x->messages);
	} else if (x->mode == M_SEND) {
		printf(P_("%ld messages sent", "%ld messages sent", x->sent),
		    x->sent);
		if (x->failed) {
			fputs(", ", stdout);
			/* TRANSLATORS: after "N messages sent, " with
			 * --keep-going. */
			printf(P_("%ld failed (see the warnings)", "%ld failed "
			    "(see the warnings)", x->failed), x->failed);
		}
	}
	else {
		clean = utf8_sanitize(x->out);
		/* TRANSLATORS: messages written to a directory or an mbox
		 * file. */
		printf(P_("%ld messages written to %s", "%ld messages written "
		    "to %s", x->messages), x->messages, clean);
		free(clean);
	}
	fputs("; ", stdout);
	if (x->ent == &entity_contact && x->cfilter == NULL)
		printf(P_("%ld contact without e-mail skipped", "%ld "
		    "contacts without e-mail skipped", x->skipped),
		    x->skipped);
	else
		/* TRANSLATORS: companies or program members. */
		printf(P_("%ld recipient without e-mail skipped", "%ld "
		    "recipients without e-mail skipped", x->skipped),
		    x->skipped);
	if (x->bad) {
		fputs(", ", stdout);
		/* TRANSLATORS: contacts skipped, after "N contacts without
		 * e-mail skipped, ". */
		printf(P_("%ld with an unusable address", "%ld with an "
		    "unusable address", x->bad), x->bad);
	}
	putchar('\n');
}

static int
run_merge(struct run *x)
{
	char *tmp = NULL;
	int rc;

	if (x->mode == M_TEST && !x->dry) {
		x->pass = P_WRITE;
		if ((rc = pass(x, P_WRITE)) == 0 && !x->tested) {
			cli_warn("%s", _("merge: --test: no recipient with an "
			    "e-mail address: nothing sent"));
			rc = EXIT_USER;
		}
		return rc;
	}
	/* --send and --dry-run check every message before anything */
	if (x->dry || x->mode == M_SEND) {
		if ((rc = pass(x, P_CHECK)) != 0)
			return rc;
		x->total = x->messages;
		if (x->dry) {
			summary(x);
			return 0;
		}
	}
	if ((rc = open_output(x, &tmp)) != 0)
		return rc;
	x->quiet = x->mode == M_SEND;
	rc = pass(x, P_WRITE);
	rc = close_output(x, tmp, rc);
	free(tmp);
	if (rc == 0)
		summary(x);
	/* --keep-going: the run ends, but not every message went */
	return rc == 0 && x->failed ? EXIT_USER : rc;
}

/* Sets the mode once; a second one is a usage error. */
static int
set_mode(struct run *x, enum mode m, const char *out)
{
	if (x->mode != M_NONE)
		return -1;
	x->mode = m;
	x->out = out;
	return 0;
}

static int
merge_args(struct run *x, int argc, char **argv, const char **saved,
    const char **text)
{
	char *end;
	int c, bad = 0;

	while ((c = cli_getopt(&command_merge, NULL, argc, argv)) != -1) {
		if (c == OPT_FILTER)
			*text = optarg;
		else if (c == OPT_SAVED)
			*saved = optarg;
		else if (c == OPT_DIR || c == OPT_MBOX)
			bad |= set_mode(x, c == OPT_DIR ? M_DIR : M_MBOX,
			    optarg);
		else if (c == OPT_SEND)
			bad |= set_mode(x, M_SEND, NULL);
		else if (c == OPT_TEST) {
			bad |= set_mode(x, M_TEST, NULL);
			x->test = optarg;
		} else if (c == OPT_PROGRAM)
			x->program = optarg;
		else if (c == OPT_STATUS)
			x->status = optarg;
		else if (c == OPT_COMPANIES)
			x->companies = 1;
		else if (c == OPT_HTML)
			x->html = 1;
		else if (c == OPT_KEEP)
			x->keep = 1;
		else if (c == OPT_ATTACH) {
			x->att = xrealloc(x->att, (x->natt + 1) *
			    sizeof(*x->att));
			x->att[x->natt++] = (struct mime_attachment){
			    .name = optarg };
		}
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
	if (bad || optind != argc - 1 || (x->mode == M_NONE && !x->dry) ||
	    (x->status && x->program == NULL)) {
		cli_usage("merge");
		return -1;
	}
	return 0;
}

static int
cli_merge(struct cli *cli, int argc, char **argv)
{
	struct run x = { 0 };
	const char *saved = NULL, *text = NULL;
	size_t i;
	int rc;

	if (merge_args(&x, argc, argv, &saved, &text) < 0)
		return EXIT_USAGE;
	/* read-write: the user's own settings need the login, and --send
	 * logs events */
	if ((rc = cli_open(cli, 0, 0, &x.db)) != 0)
		return rc;
	x.now = db_now(x.db);
	if ((rc = prepare(&x, argv[optind], saved, text)) == 0)
		rc = run_merge(&x);
	merge_free(x.m);
	filter_free(x.filter);
	filter_free(x.cfilter);
	for (i = 0; i < x.natt; i++)
		free((void *)x.att[i].data);
	free(x.att);
	free(x.from);
	free(x.from_addr);
	free(x.sendmail);
	free(x.first);
	free(x.last_sent);
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
