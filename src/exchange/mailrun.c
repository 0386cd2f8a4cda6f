/*
 * A mail merge run; see include/exchange/mailrun.h.
 *
 * MAILRUN_SEND renders and checks every message first, so that a
 * template or data problem stops the run before anything goes out;
 * then it sends one message at a time and logs each (an e-mail event
 * and a row of the per-recipient log) in a transaction of its own right
 * after the mailer accepted it.  A mailer failure stops the run (with
 * keep: is logged as failed, and the run goes on); the messages already
 * sent stay logged, and the message says how many went and to whom the
 * failing one was.
 *
 * Line ends: .eml files are written with CRLF, the form RFC 5322
 * defines for a message on its own; mbox files and messages to the
 * mailer with LF, as local Unix mail is (the MTA converts for the wire).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/priv.h"
#include "base/utf8.h"
#include "base/util.h"
#include "exchange/mailrun.h"
#include "exchange/merge.h"
#include "exchange/mime.h"
#include "store/acl.h"
#include "store/entities.h"
#include "store/filter.h"
#include "store/journal_sent.h"
#include "store/mailing.h"
#include "store/record.h"
#include "store/settings.h"
#include "store/template.h"

enum pass { P_CHECK, P_WRITE };

static void say(struct mailrun *, const char *, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* A warning through the caller's io; opt as io.warn's. */
static void
say(struct mailrun *x, const char *opt, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (x->io.warn)
		x->io.warn(x->io.arg, opt, msg);
	free(msg);
}

/* A piece of output through the caller's io. */
static void
put(struct mailrun *x, const char *text)
{
	if (x->io.out)
		x->io.out(x->io.arg, text);
}

/* Says err; its exit status. */
static int
fail(struct mailrun *x, const struct so_err *err)
{
	say(x, NULL, "%s", err->msg[0] ? err->msg : _("unknown error"));
	return so_err_exit_status(err->code);
}

/* Says err, the run's, and after an unknown placeholder the hint. */
static int
fail_tpl(struct mailrun *x, const struct so_err *err)
{
	say(x, "", "%s", err->msg);
	if (x->io.hint && template_err_unknown(err))
		x->io.hint(x->io.arg, err);
	return so_err_exit_status(err->code);
}


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
log_entry(const struct mailrun *x, const struct rcpt *r, const char *status,
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
log_other(struct mailrun *x, const struct rcpt *r, const char *status,
    const char *error, const char *addr)
{
	struct so_err err = { 0 };
	struct mail_entry e;
	int code;

	if (x->mode != MAILRUN_SEND || x->pass != P_WRITE)
		return 0;
	log_entry(x, r, status, error, addr, &e);
	if ((code = db_begin(x->db, &err)) == SO_OK)
		code = db_finish(x->db, mail_log_add(x->db, &e, &err), &err);
	if (code != SO_OK) {
		say(x, "", _("cannot log the mailing: %s"), err.msg);
		return so_err_exit_status(code);
	}
	return 0;
}

static void
keep_first(struct mailrun *x, const char *to, const char *subject,
    const char *body)
{
	if (x->first)
		return;
	x->first = xasprintf("From: %s\nTo: %s\nSubject: %s\n\n%s%s", x->from,
	    to, subject, body, *body && body[strlen(body) - 1] == '\n' ? "" :
	    "\n");
}

static int
write_eml(struct mailrun *x, const struct rcpt *r, const struct strbuf *msg)
{
	char *path = xasprintf("%s/%lld.eml", x->out, (long long)rcpt_id(r));
	FILE *f = priv_fopen(path, "wb");
	int ok;

	ok = f && fwrite(msg->s, 1, msg->len, f) == msg->len;
	if (f && fclose(f) != 0)
		ok = 0;
	if (!ok)
		say(x, "", "%s: %s", path, strerror(errno));
	free(path);
	return ok ? 0 : MAILRUN_EUSER;
}

static int
write_mbox(struct mailrun *x, const struct strbuf *msg)
{
	struct strbuf e = { 0 };
	int ok;

	mime_mbox_entry(&e, x->from_addr, x->now, msg->s);
	ok = fwrite(e.s, 1, e.len, x->mbox) == e.len;
	sb_free(&e);
	if (!ok)
		say(x, "", "%s: %s", x->out, strerror(errno));
	return ok ? 0 : MAILRUN_EUSER;
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
send_one(struct mailrun *x, const struct rcpt *r, const char *addr,
    const char *subject, const struct strbuf *msg)
{
	struct so_err err = { 0 };
	struct mail_entry e;
	struct event ev;
	char *w = who(r, addr), *line;
	int rc = 0, logged;

	if ((logged = merge_event_to(x->db, x->m, r->c, r->co ?
	    r->co->meta.id : SO_NULL, subject, addr, &ev, &err)) != SO_OK ||
	    merge_sendmail(x->sendmail, msg->s, msg->len, &err) != SO_OK) {
		say(x, "", _("sending to %s failed: %s"), w, err.msg);
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
			say(x, "", P_("%ld of %ld messages were sent "
			    "before it (the last to %s); the rest were not "
			    "sent", "%ld of %ld messages were sent "
			    "before it (the last to %s); the rest were not "
			    "sent", x->total), x->sent, x->total,
			    x->last_sent);
		else
			say(x, "", P_("%ld of %ld messages were sent "
			    "before it; the rest were not sent", "%ld "
			    "of %ld messages were sent before it; the rest "
			    "were not sent", x->total), x->sent, x->total);
		if (rc == 0)
			rc = MAILRUN_EUSER;
	} else if (log_entry(x, r, MAIL_SENT, "", addr, &e),
	    log_message(x->db, &ev, &e, &err) != SO_OK) {
		x->sent++;
		say(x, "", P_("the message to %s was sent but could not "
		    "be logged: %s; stopping after %ld messages sent",
		    "the message to %s was sent but could not be "
		    "logged: %s; stopping after %ld messages sent", x->sent),
		    w, err.msg, x->sent);
		rc = so_err_exit_status(err.code);
	} else {
		x->sent++;
		/* TRANSLATORS: a message sent: the contact's id, the
		 * address. */
		line = xasprintf(_("sent %lld %s"), (long long)rcpt_id(r),
		    addr);
		put(x, line);
		free(line);
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
send_test(struct mailrun *x, const struct rcpt *r, const char *addr,
    const struct strbuf *msg)
{
	struct so_err err = { 0 };
	char *w = who(r, addr), *to = utf8_sanitize(x->test), *line;
	int rc = 0;

	x->tested = 1;
	if (merge_sendmail(x->sendmail, msg->s, msg->len, &err) != SO_OK) {
		say(x, "--test", _("sending to %s failed: %s"), to,
		    err.msg);
		rc = MAILRUN_EUSER;
	} else {
		/* TRANSLATORS: the test address; the recipient whose
		 * message it is. */
		line = xasprintf(_("test message sent to %s: the message for "
		    "%s; nothing sent to the recipients, nothing logged"), to,
		    w);
		put(x, line);
		free(line);
	}
	free(to);
	free(w);
	return rc;
}

static int
act(struct mailrun *x, const struct rcpt *r, const char *addr,
    const char *subject, const char *body, const struct strbuf *msg)
{
	struct so_err err = { 0 };
	struct event ev;
	char *name, *to;
	int rc = 0;

	if (x->pass == P_CHECK) {
		if (x->mode == MAILRUN_SEND && merge_event_to(x->db, x->m, r->c,
		    r->co ? r->co->meta.id : SO_NULL, subject, addr, &ev,
		    &err) != SO_OK) {
			to = who(r, addr);
			say(x, "", _("%s: cannot log the message: %s; "
			    "nothing was sent"), to, err.msg);
			free(to);
			rc = MAILRUN_EUSER;
		}
		if (x->mode == MAILRUN_SEND)
			store_event_clear(&ev);
		name = rcpt_name(r);
		to = xasprintf("%s <%s>", name, addr);
		keep_first(x, to, subject, body);
		free(to);
		free(name);
		return rc;
	}
	if (x->mode == MAILRUN_DIR)
		return write_eml(x, r, msg);
	if (x->mode == MAILRUN_MBOX)
		return write_mbox(x, msg);
	if (x->mode == MAILRUN_TEST)
		return send_test(x, r, addr, msg);
	return send_one(x, r, addr, subject, msg);
}

/* Renders and handles one recipient; skips one without an address. */
static int
one(struct mailrun *x, const struct rcpt *r)
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
			say(x, "", _("%s: not an address a message can "
			    "go to; skipped"), w);
			free(w);
		}
		x->bad++;
		rc = log_other(x, r, MAIL_SKIPPED, "not an e-mail address",
		    addr);
		goto out;
	}
	/* a template whose body is HTML has its HTML part always */
	if (merge_render_to(x->db, x->m, r->c, r->co, &subject, &body,
	    x->html || merge_is_html(x->m) ? &html : NULL, &err) !=
	    SO_OK) {
		rc = fail(x, &err);
		goto out;
	}
	mm.from = x->from;
	mm.to_name = name = rcpt_name(r);
	mm.to_addr = addr;
	if (x->mode == MAILRUN_TEST) {
		mm.to_name = "";
		mm.to_addr = x->test;
	}
	mm.subject = subject;
	mm.body = body;
	mm.html = html;
	mm.att = x->att;
	mm.natt = x->natt;
	mm.date = x->now;
	if (mime_build(&mm, x->mode == MAILRUN_DIR ? MIME_CRLF : MIME_LF, &msg,
	    &err) != SO_OK) {
		rc = fail(x, &err);
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
	struct mailrun *x = arg;
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
walk(struct mailrun *x, const struct entity *ent, const struct filter *f)
{
	struct list_query q = { .sort = -1 };
	struct so_err err = { 0 };

	x->walking = ent;
	q.filter = f;
	q.scan = f != NULL;
	/* A manager writes only to their own contacts. */
	q.mine = acl_export_owner(x->db);
	if (rec_walk(x->db, ent, &q, pass_one, x, &err) != SO_OK)
		return x->rc ? x->rc : fail(x, &err);
	return 0;
}

/* One pass over the recipients. */
static int
pass(struct mailrun *x, enum pass p)
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

int
mailrun_program(struct mailrun *x, const char *program, const char *status,
    int companies_too)
{
	struct so_err err = { 0 };
	char *clean;

	if (status && !member_status_ok(status)) {
		clean = utf8_sanitize(status);
		say(x, "--member-status", _("no status \"%s\" "
		    "(invited, confirmed, attended, declined, bought)"),
		    clean);
		free(clean);
		return MAILRUN_EUSAGE;
	}
	if (program_find(x->db, program, &x->program_id, &err) != SO_OK)
		return fail_tpl(x, &err);
	filter_and_members(&x->filter, x->ent, x->program_id, status, 0,
	    program);
	if (companies_too)
		filter_and_members(&x->cfilter, &entity_company,
		    x->program_id, status, 1, program);
	return 0;
}

void
mailrun_add_file(struct mailrun *x, const char *path)
{
	x->att = xrealloc(x->att, (x->natt + 1) * sizeof(*x->att));
	x->att[x->natt++] = (struct mime_attachment){ .name = path };
}

int
mailrun_attach(struct mailrun *x)
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
			say(x, "--attach", "%s: %s", clean,
			    strerror(errno));
			free(clean);
			return MAILRUN_EUSER;
		}
		memset(&b, 0, sizeof(b));
		sb_add(&b, "");
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0 &&
		    total + b.len <= MAILRUN_ATTACH_MAX)
			sb_addn(&b, buf, n);
		if (ferror(f) || total + b.len > MAILRUN_ATTACH_MAX) {
			if (ferror(f))
				say(x, "--attach", "%s: %s", clean,
				    strerror(errno));
			else
				/* TRANSLATORS: the file; the limit in MB. */
				say(x, "--attach", _("%s: the "
				    "attachments of a message may take %d MB "
				    "together, no more: send a link to a "
				    "large file instead"), clean,
				    MAILRUN_ATTACH_MAX / (1024 * 1024));
			fclose(f);
			sb_free(&b);
			free(clean);
			return MAILRUN_EUSER;
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

int
mailrun_prepare(struct mailrun *x, const char *tname)
{
	struct so_err err = { 0 };
	struct template t;
	char *w;
	int rc;

	if (template_get(x->db, tname, &t, &err) != SO_OK)
		return fail(x, &err);
	rc = merge_compile(&t, &x->m, &err);
	template_clear(&t);
	if (rc != SO_OK)
		return fail_tpl(x, &err);
	x->from = settings_get_text(x->db, "mail.from");
	x->from_addr = mime_addr_of(x->from);
	{
		char why[512];

		x->sendmail = settings_mailer(x->db, why, sizeof(why));
		if (*why) {
			char *clean = utf8_sanitize(why);

			say(x, "", "%s", clean);
			free(clean);
		}
	}
	if (!mime_addr_ok(x->from_addr)) {
		say(x, "", _("mail.from \"%s\" is not an address "
		    "(salesorg config set mail.from you@example.com)"),
		    x->from);
		return MAILRUN_EUSER;
	}
	if (x->test && !mime_addr_ok(x->test)) {
		w = utf8_sanitize(x->test);
		say(x, "--test", _("\"%s\" is not an e-mail address"),
		    w);
		free(w);
		return MAILRUN_EUSER;
	}
	return 0;
}

static int
open_output(struct mailrun *x, char **tmp)
{
	int fd;

	*tmp = NULL;
	if (x->dry)
		return 0;
	/* The user's directory and files, made as the user (priv.h). */
	priv_user_begin();
	if (x->mode == MAILRUN_DIR && mkdir(x->out, 0777) < 0 &&
	    errno != EEXIST) {
		say(x, "", "%s: %s", x->out, strerror(errno));
		priv_user_end();
		return MAILRUN_EUSER;
	}
	if (x->mode != MAILRUN_MBOX) {
		priv_user_end();
		return 0;
	}
	/* written beside, renamed over at the end: a failed run leaves no
	 * half mailbox */
	*tmp = xasprintf("%s.XXXXXX", x->out);
	if ((fd = mkstemp(*tmp)) < 0 || (x->mbox = fdopen(fd, "wb")) ==
	    NULL) {
		say(x, "", "%s: %s", *tmp, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(*tmp);
		}
		free(*tmp);
		*tmp = NULL;
		priv_user_end();
		return MAILRUN_EUSER;
	}
	priv_user_end();
	return 0;
}

static int
close_output(struct mailrun *x, char *tmp, int rc)
{
	if (x->mbox == NULL)
		return rc;
	if (fclose(x->mbox) != 0 && rc == 0) {
		say(x, "", "%s: %s", tmp, strerror(errno));
		rc = MAILRUN_EUSER;
	}
	x->mbox = NULL;
	priv_user_begin();
	if (rc == 0 && rename(tmp, x->out) != 0) {
		say(x, "", "%s: %s", x->out, strerror(errno));
		rc = MAILRUN_EUSER;
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
summary(struct mailrun *x)
{
	struct strbuf b = { 0 };
	char *clean;

	if (x->dry) {
		if (x->first)
			put(x, x->first);
		sb_printf(&b, P_("dry run: %ld messages rendered, nothing "
		    "written or sent", "dry run: %ld messages rendered, "
		    "nothing written or sent", x->messages), x->messages);
	} else if (x->mode == MAILRUN_SEND) {
		sb_printf(&b, P_("%ld messages sent", "%ld messages sent",
		    x->sent), x->sent);
		if (x->failed) {
			sb_add(&b, ", ");
			/* TRANSLATORS: after "N messages sent, " with
			 * --keep-going. */
			sb_printf(&b, P_("%ld failed (see the warnings)",
			    "%ld failed (see the warnings)", x->failed),
			    x->failed);
		}
	} else {
		clean = utf8_sanitize(x->out);
		/* TRANSLATORS: messages written to a directory or an mbox
		 * file. */
		sb_printf(&b, P_("%ld messages written to %s", "%ld messages "
		    "written to %s", x->messages), x->messages, clean);
		free(clean);
	}
	sb_add(&b, "; ");
	if (x->ent == &entity_contact && x->cfilter == NULL)
		sb_printf(&b, P_("%ld contact without e-mail skipped", "%ld "
		    "contacts without e-mail skipped", x->skipped),
		    x->skipped);
	else
		/* TRANSLATORS: companies or program members. */
		sb_printf(&b, P_("%ld recipient without e-mail skipped",
		    "%ld recipients without e-mail skipped", x->skipped),
		    x->skipped);
	if (x->bad) {
		sb_add(&b, ", ");
		/* TRANSLATORS: contacts skipped, after "N contacts without
		 * e-mail skipped, ". */
		sb_printf(&b, P_("%ld with an unusable address", "%ld with "
		    "an unusable address", x->bad), x->bad);
	}
	put(x, sb_str(&b));
	sb_free(&b);
}

int
mailrun_run(struct mailrun *x)
{
	char *tmp = NULL;
	int rc;

	if (x->mode == MAILRUN_TEST && !x->dry) {
		x->pass = P_WRITE;
		if ((rc = pass(x, P_WRITE)) == 0 && !x->tested) {
			say(x, "--test", "%s", _("no recipient with an "
			    "e-mail address: nothing sent"));
			rc = MAILRUN_EUSER;
		}
		return rc;
	}
	/* --send and --dry-run check every message before anything */
	if (x->dry || x->mode == MAILRUN_SEND) {
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
	x->quiet = x->mode == MAILRUN_SEND;
	rc = pass(x, P_WRITE);
	rc = close_output(x, tmp, rc);
	free(tmp);
	if (rc == 0)
		summary(x);
	/* --keep-going: the run ends, but not every message went */
	return rc == 0 && x->failed ? MAILRUN_EUSER : rc;
}


void
mailrun_free(struct mailrun *x)
{
	size_t i;

	merge_free(x->m);
	filter_free(x->filter);
	filter_free(x->cfilter);
	for (i = 0; i < x->natt; i++)
		free((void *)x->att[i].data);
	free(x->att);
	free(x->from);
	free(x->from_addr);
	free(x->sendmail);
	free(x->first);
	free(x->last_sent);
	x->m = NULL;
	x->filter = x->cfilter = NULL;
	x->att = NULL;
	x->natt = 0;
	x->from = x->from_addr = x->sendmail = x->first = x->last_sent = NULL;
}
