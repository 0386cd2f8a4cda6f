/*
 * :merge TEMPLATE on the Contacts list: the mail merge of `salesorg
 * merge TEMPLATE --send` to the contacts the list's filter (typed or
 * saved) selects, a manager's own only (acl_export_owner), as the
 * command line reaches them.  A dry run comes first, always: how many
 * will get it, how many are skipped for having no e-mail or an
 * unusable one, and the first message rendered; only a y sends.  Then
 * each message goes to the mailer (settings_mailer) and is logged as a
 * done e-mail event on its contact right after the mailer took it, as
 * the command does; a failure stops the run and the message names it.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "exchange/merge.h"
#include "exchange/mime.h"
#include "store/acl.h"
#include "store/entities.h"
#include "store/filter.h"
#include "store/record.h"
#include "store/settings.h"
#include "store/template.h"
#include "ui/mailmerge.h"
#include "ui/screen.h"
#include "ui/ui.h"

struct mrun {
	struct db	*db;
	struct merge	*m;
	char		*from, *sendmail;
	time_t		 now;
	int		 send;		/* the second pass: send */
	long		 messages, skipped, bad, sent;
	char		*first;		/* the dry run's first message */
	char		 fail[UI_MESSAGE_MAX];
};

static char *
who(const struct contact *c, const char *addr)
{
	char *name = merge_contact_name(c), *s;

	s = xasprintf(_("%s <%s> (contact #%lld)"), name, addr,
	    (long long)c->meta.id);
	free(name);
	return s;
}

/* One contact of a pass (rec_walk's callback). */
static int
one(void *arg, const void *rec, struct so_err *err)
{
	const struct contact *c = rec;
	struct mrun *x = arg;
	struct mime_msg mm = { 0 };
	struct strbuf msg = { 0 };
	struct event ev;
	char *addr = mime_first_addr(c->email ? c->email : "");
	char *subject = NULL, *body = NULL, *name = NULL, *w = NULL;
	int rc = SO_OK;

	memset(&ev, 0, sizeof(ev));
	if (*addr == '\0') {
		x->skipped++;
		goto out;
	}
	if (!mime_addr_ok(addr)) {
		x->bad++;
		goto out;
	}
	if ((rc = merge_render(x->db, x->m, c, &subject, &body, err)) !=
	    SO_OK)
		goto out;
	mm.from = x->from;
	mm.to_name = name = merge_contact_name(c);
	mm.to_addr = addr;
	mm.subject = subject;
	mm.body = body;
	mm.date = x->now;
	if ((rc = mime_build(&mm, MIME_LF, &msg, err)) != SO_OK)
		goto out;
	/* a message that could not be logged is not sent */
	if ((rc = merge_event(x->db, x->m, c, subject, addr, &ev, err)) !=
	    SO_OK) {
		w = who(c, addr);
		snprintf(x->fail, sizeof(x->fail), _("merge: %s: cannot log "
		    "the message: %s; nothing was sent"), w, err->msg);
		goto out;
	}
	x->messages++;
	if (!x->send) {
		if (x->first == NULL)
			x->first = xasprintf("From: %s\nTo: %s <%s>\n"
			    "Subject: %s\n\n%s", x->from, name, addr, subject,
			    body);
		goto out;
	}
	if ((rc = merge_sendmail(x->sendmail, msg.s, msg.len, err)) !=
	    SO_OK) {
		w = who(c, addr);
		snprintf(x->fail, sizeof(x->fail), _("merge: sending to %s "
		    "failed: %s"), w, err->msg);
		goto out;
	}
	x->sent++;
	if ((rc = store_event_create(x->db, &ev, err)) != SO_OK) {
		w = who(c, addr);
		snprintf(x->fail, sizeof(x->fail), _("merge: the message to "
		    "%s was sent but could not be logged: %s"), w, err->msg);
	}
out:
	store_event_clear(&ev);
	sb_free(&msg);
	free(w);
	free(name);
	free(subject);
	free(body);
	free(addr);
	return rc;
}

static int
pass(struct mrun *x, struct filter *f, int send, struct so_err *err)
{
	struct list_query q = { .sort = -1 };

	x->send = send;
	x->messages = x->skipped = x->bad = 0;
	q.filter = f;
	q.scan = f != NULL;
	/* a manager writes only to their own contacts */
	q.mine = acl_export_owner(x->db);
	return rec_walk(x->db, &entity_contact, &q, one, x, err);
}

/* "2 contacts without e-mail skipped, 1 with an unusable address". */
static char *
skipped(const struct mrun *x)
{
	char *a, *b, *s;

	a = xasprintf(P_("%ld contact without e-mail skipped", "%ld "
	    "contacts without e-mail skipped", x->skipped), x->skipped);
	if (x->bad == 0)
		return a;
	b = xasprintf(P_("%ld with an unusable address", "%ld with an "
	    "unusable address", x->bad), x->bad);
	s = xasprintf("%s, %s", a, b);
	free(a);
	free(b);
	return s;
}

/* The dry run as a page to read: the counts, then the first message. */
static void
show_dry_run(const struct mrun *x, const char *tname)
{
	char **lines, *copy, *p, *nl, *title, *sk;
	size_t n = 0, i;

	lines = xcalloc(3, sizeof(*lines));
	sk = skipped(x);
	/* TRANSLATORS: the dry run's first line: how many messages, then
	 * the contacts skipped. */
	lines[n++] = xasprintf(P_("%ld contact will get it; %s",
	    "%ld contacts will get it; %s", x->messages), x->messages, sk);
	free(sk);
	lines[n++] = xstrdup(x->first ? _("\nThe first message") :
	    _("No message to send"));
	copy = xstrdup(x->first ? x->first : "");
	for (p = copy; x->first != NULL && p != NULL; p = nl) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		lines = xrealloc(lines, (n + 1) * sizeof(*lines));
		lines[n++] = xstrdup(p);
	}
	/* TRANSLATORS: the template's name. */
	title = xasprintf(_("Mail merge %s: a dry run (q, then y sends)"),
	    tname);
	ui_text_screen(title, (const char *const *)lines, n);
	free(title);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	free(copy);
}

void
ui_mail_merge(struct db *db, struct filter *f, const char *tname)
{
	struct mrun x = { 0 };
	struct so_err err = { 0 };
	struct template t;
	char why[512], *from_addr = NULL, *q, *sk;
	int rc;

	if (tname == NULL || *tname == '\0') {
		ui_message(":merge TEMPLATE");
		return;
	}
	if (template_get(db, tname, &t, &err) != SO_OK) {
		ui_message("%s", err.msg);
		return;
	}
	rc = merge_compile(&t, &x.m, &err);
	template_clear(&t);
	if (rc != SO_OK) {
		ui_message("%s", err.msg);
		return;
	}
	x.db = db;
	x.now = db_now(db);
	x.from = settings_get_text(db, "mail.from");
	from_addr = mime_addr_of(x.from);
	x.sendmail = settings_mailer(db, why, sizeof(why));
	if (!mime_addr_ok(from_addr)) {
		ui_message(_("merge: mail.from \"%s\" is not an address "
		    "(salesorg config set mail.from you@example.com)"),
		    x.from);
		goto out;
	}
	if (pass(&x, f, 0, &err) != SO_OK) {
		ui_message("%s", x.fail[0] ? x.fail : err.msg);
		goto out;
	}
	show_dry_run(&x, tname);
	if (x.messages == 0 || ui_quitting())
		goto out;
	q = xasprintf(P_("Send %ld message now? (y/n) ", "Send %ld messages "
	    "now? (y/n) ", x.messages), x.messages);
	rc = ui_confirm(q);
	free(q);
	if (!rc) {
		ui_message("%s", _("Nothing was sent"));
		goto out;
	}
	x.sent = 0;
	rc = pass(&x, f, 1, &err);
	sk = skipped(&x);
	if (rc != SO_OK)
		/* TRANSLATORS: sent so far; then the failure. */
		ui_message(P_("%ld message sent, then: %s; the rest were not "
		    "sent", "%ld messages sent, then: %s; the rest were not "
		    "sent", x.sent), x.sent, x.fail[0] ? x.fail : err.msg);
	else
		ui_message(P_("%ld message sent (each logged as an e-mail "
		    "event); %s", "%ld messages sent (each logged as an "
		    "e-mail event); %s", x.sent), x.sent, sk);
	free(sk);
out:
	if (*why && !*ui_message_text())
		ui_message("merge: %s", why);
	merge_free(x.m);
	free(x.from);
	free(from_addr);
	free(x.sendmail);
	free(x.first);
}
