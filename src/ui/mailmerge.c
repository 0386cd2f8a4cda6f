/*
 * :merge TEMPLATE on the Contacts or the Companies list: the mail merge
 * of `salesorg merge` (exchange/mailrun.h), a manager's own recipients
 * only (acl_export_owner), as the command line reaches them.
 *
 * A small form comes first, a menu of its lines: the recipients (the
 * list as filtered, its marked rows, a program's members of a status,
 * a saved filter), the attachments (each file checked as it is added),
 * the HTML part, whether a failed address stops the run or it goes on
 * (--keep-going), a test message to oneself (exactly one message, nothing
 * logged), and the run.  The run is a dry run first, always: how many
 * will get it, how many are skipped, and the first message; only a y
 * sends.  Then each message goes to the mailer and is logged as the
 * command logs it (an e-mail event and the per-recipient log); the
 * status line counts as it goes, and a page ends the run: the summary,
 * then every warning and every message sent.
 */
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/i18n.h"
#include "base/priv.h"
#include "base/utf8.h"
#include "base/util.h"
#include "exchange/mailrun.h"
#include "exchange/merge.h"
#include "exchange/mime.h"
#include "store/entities.h"
#include "store/filter.h"
#include "store/group.h"
#include "store/settings.h"
#include "store/template.h"
#include "ui/draw.h"
#include "ui/listview.h"
#include "ui/mailmerge.h"
#include "ui/screen.h"
#include "ui/ui.h"

enum target { T_LIST, T_MARKED, T_PROGRAM, T_SAVED };

struct mform {
	struct db	*db;
	struct listview	*lv;
	const char	*tname;
	int		 is_html;	/* the template's body is HTML */
	enum target	 target;
	char		*program, *saved;
	const char	*status;	/* a member status, NULL: any */
	char		**files;
	size_t		 nfiles;
	int		 html;
	int		 keep;		/* a failed address: go on (--keep-going) */
	char		*test;		/* the last test address */
};

/* What a run said: its warnings and its lines, for the last page. */
struct mlog {
	struct mailrun	*x;
	char		**lines;
	size_t		 n;
	char		*first_warn;
	int		 progress;	/* count the sent on the status line */
};

static void
log_add(struct mlog *l, const char *text)
{
	l->lines = xrealloc(l->lines, (l->n + 1) * sizeof(*l->lines));
	l->lines[l->n++] = xstrdup(text);
}

static void
log_free(struct mlog *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->lines[i]);
	free(l->lines);
	free(l->first_warn);
	memset(l, 0, sizeof(*l));
}

/* The message alone: the form's line says what it is about. */
static void
io_warn(void *arg, const char *opt, const char *msg)
{
	struct mlog *l = arg;

	(void)opt;
	if (l->first_warn == NULL)
		l->first_warn = xstrdup(msg);
	log_add(l, msg);
}

static void
io_out(void *arg, const char *text)
{
	struct mlog *l = arg;
	char *s;

	log_add(l, text);
	if (!l->progress)
		return;
	/* TRANSLATORS: the status line while a merge sends. */
	s = xasprintf(_("Sending: %ld of %ld"), l->x->sent, l->x->total);
	ui_draw_status(s, UA_STATUS);
	refresh();
	free(s);
}

static const char *
status_label(const char *code)
{
	const struct field_desc *fd =
	    &entity_member.fields[entity_field(&entity_member, "status")];
	const struct choice *ch;

	for (ch = fd->choices; ch->code; ch++)
		if (strcmp(ch->code, code) == 0)
			return choice_label(&entity_member, ch);
	return code;
}

/* The recipients into x (its filters are x's, freed by mailrun_free). */
static int
set_targets(struct mform *f, struct mailrun *x)
{
	struct so_err err = { 0 };
	char *expr = NULL;
	int rc;

	x->ent = f->lv->ent;
	switch (f->target) {
	case T_LIST:
		/* the list's own, borrowed: ui_mail_merge takes it back */
		x->filter = f->lv->filter;
		return 0;
	case T_MARKED:
		x->filter = filter_of_ids(f->lv->marks, f->lv->nmarks,
		    _("the marked rows"));
		return 0;
	case T_PROGRAM:
		return mailrun_program(x, f->program, f->status,
		    x->ent == &entity_contact);
	case T_SAVED:
		if (saved_filter_get(f->db, x->ent, f->saved, &expr, &err) !=
		    SO_OK) {
			x->io.warn(x->io.arg, NULL, err.msg);
			return MAILRUN_EUSER;
		}
		rc = filter_compile(f->db, x->ent, expr, db_now(f->db),
		    &x->filter, NULL, &err);
		free(expr);
		if (rc != SO_OK) {
			x->io.warn(x->io.arg, NULL, err.msg);
			return MAILRUN_EUSER;
		}
		return 0;
	}
	return 0;
}

/* A run of mode: prepared, aimed, the files read, run.  Its exit
 * status; l holds what it said. */
static int
run(struct mform *f, struct mailrun *x, enum mailrun_mode mode, int dry,
    struct mlog *l)
{
	size_t i;
	int rc;

	memset(x, 0, sizeof(*x));
	memset(l, 0, sizeof(*l));
	l->x = x;
	x->db = f->db;
	x->io.warn = io_warn;
	x->io.out = io_out;
	x->io.arg = l;
	x->mode = mode;
	x->dry = dry;
	x->html = f->html;
	x->keep = f->keep;
	x->test = f->test;
	x->now = db_now(f->db);
	for (i = 0; i < f->nfiles; i++)
		mailrun_add_file(x, f->files[i]);
	l->progress = mode == MAILRUN_SEND && !dry;
	if ((rc = mailrun_prepare(x, f->tname)) == 0 &&
	    (rc = set_targets(f, x)) == 0 && (rc = mailrun_attach(x)) == 0)
		rc = mailrun_run(x);
	if (f->target == T_LIST)
		x->filter = NULL;
	return rc;
}

/* "2 contacts without e-mail skipped, 1 with an unusable address". */
static char *
skipped(const struct mailrun *x)
{
	char *a, *b, *s;

	if (x->ent == &entity_contact && x->cfilter == NULL)
		a = xasprintf(P_("%ld contact without e-mail skipped", "%ld "
		    "contacts without e-mail skipped", x->skipped),
		    x->skipped);
	else
		a = xasprintf(P_("%ld recipient without e-mail skipped",
		    "%ld recipients without e-mail skipped", x->skipped),
		    x->skipped);
	if (x->bad == 0)
		return a;
	b = xasprintf(P_("%ld with an unusable address", "%ld with an "
	    "unusable address", x->bad), x->bad);
	s = xasprintf("%s, %s", a, b);
	free(a);
	free(b);
	return s;
}

/* A page: line one, then what the run said. */
static void
show_page(const char *title, const char *head, const struct mlog *l,
    size_t from)
{
	char **lines, *copy, *p, *nl;
	size_t n = 0, i;

	lines = xcalloc(1, sizeof(*lines));
	lines[n++] = xstrdup(head);
	for (i = from; i < l->n; i++) {
		copy = xstrdup(l->lines[i]);
		for (p = copy; p != NULL; p = nl) {
			if ((nl = strchr(p, '\n')) != NULL)
				*nl++ = '\0';
			lines = xrealloc(lines, (n + 1) * sizeof(*lines));
			lines[n++] = xstrdup(p);
		}
		free(copy);
	}
	ui_text_screen(title, (const char *const *)lines, n);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* The dry run, the question, the run. */
static void
send_all(struct mform *f)
{
	struct mailrun x;
	struct mlog l;
	char *q, *sk, *title, *head;
	long n;
	int rc;

	if ((rc = run(f, &x, MAILRUN_SEND, 1, &l)) != 0) {
		ui_message("%s", l.first_warn ? l.first_warn :
		    _("Nothing was sent"));
		goto out;
	}
	sk = skipped(&x);
	/* TRANSLATORS: the dry run's first line: how many messages, then
	 * the recipients skipped. */
	head = xasprintf(P_("%ld recipient will get it; %s", "%ld "
	    "recipients will get it; %s", x.messages), x.messages, sk);
	if (x.ent == &entity_contact && x.cfilter == NULL) {
		free(head);
		head = xasprintf(P_("%ld contact will get it; %s",
		    "%ld contacts will get it; %s", x.messages), x.messages,
		    sk);
	}
	free(sk);
	/* TRANSLATORS: the template's name. */
	title = xasprintf(_("Mail merge %s: a dry run (q, then y sends)"),
	    f->tname);
	show_page(title, head, &l, 0);
	free(title);
	free(head);
	n = x.messages;
	mailrun_free(&x);
	log_free(&l);
	if (n == 0 || ui_quitting())
		return;
	q = xasprintf(P_("Send %ld message now? (y/n) ", "Send %ld messages "
	    "now? (y/n) ", n), n);
	rc = ui_confirm(q);
	free(q);
	if (!rc) {
		ui_message("%s", _("Nothing was sent"));
		return;
	}
	rc = run(f, &x, MAILRUN_SEND, 0, &l);
	sk = skipped(&x);
	if (rc != 0 && x.failed == 0)
		/* TRANSLATORS: sent so far; then the failure. */
		ui_message(P_("%ld message sent, then: %s; the rest were not "
		    "sent", "%ld messages sent, then: %s; the rest were not "
		    "sent", x.sent), x.sent, l.first_warn ? l.first_warn :
		    _("Nothing was sent"));
	else {
		head = xasprintf(P_("%ld message sent (each logged as an "
		    "e-mail event); %s", "%ld messages sent (each logged as "
		    "an e-mail event); %s", x.sent), x.sent, sk);
		if (x.failed) {
			/* the form's "go on": the page below has the
			 * warnings */
			q = head;
			head = xasprintf(P_("%s; %ld failed (see the "
			    "warnings)", "%s; %ld failed (see the warnings)",
			    x.failed), q, x.failed);
			free(q);
		}
		/* TRANSLATORS: the template's name. */
		title = xasprintf(_("Mail merge %s: done"), f->tname);
		show_page(title, head, &l, 0);
		free(title);
		ui_message("%s", head);
		free(head);
	}
	free(sk);
out:
	mailrun_free(&x);
	log_free(&l);
}

/* The one test message, to an address asked for (mail.from's first). */
static void
send_test(struct mform *f)
{
	struct mailrun x;
	struct mlog l;
	char *init, *from, *addr;

	from = settings_get_text(f->db, "mail.from");
	init = f->test ? xstrdup(f->test) : mime_addr_of(from ? from : "");
	free(from);
	addr = ui_prompt(_("Send one test message to: "), init, NULL, NULL);
	free(init);
	if (addr == NULL || *addr == '\0') {
		free(addr);
		return;
	}
	free(f->test);
	f->test = addr;
	if (run(f, &x, MAILRUN_TEST, 0, &l) != 0)
		ui_message("%s", l.first_warn ? l.first_warn :
		    _("Nothing was sent"));
	else
		ui_message("%s", l.n ? l.lines[l.n - 1] : "");
	mailrun_free(&x);
	log_free(&l);
}

/* Adds a file, checked now: it is there, a file, and not too big. */
static void
add_file(struct mform *f)
{
	struct stat st;
	char *path, *clean;
	int ok;

	path = ui_prompt(_("Attach the file (empty: none): "), "", NULL,
	    NULL);
	if (path == NULL)
		return;
	if (*path == '\0') {
		while (f->nfiles)
			free(f->files[--f->nfiles]);
		free(path);
		return;
	}
	priv_user_begin();
	ok = stat(path, &st) == 0;
	priv_user_end();
	clean = utf8_sanitize(path);
	if (!ok)
		ui_message("%s: %s", clean, strerror(errno));
	else if (!S_ISREG(st.st_mode))
		ui_message(_("%s: not a file"), clean);
	else if (st.st_size > MAILRUN_ATTACH_MAX)
		/* TRANSLATORS: the file; the limit in MB. */
		ui_message(_("%s: the attachments of a message may take "
		    "%d MB together, no more: send a link to a large file "
		    "instead"), clean,
		    MAILRUN_ATTACH_MAX / (1024 * 1024));
	else {
		f->files = xrealloc(f->files, (f->nfiles + 1) *
		    sizeof(*f->files));
		f->files[f->nfiles++] = path;
		path = NULL;
	}
	free(clean);
	free(path);
}

/* The target: a menu, then what it needs. */
static void
pick_target(struct mform *f)
{
	const struct field_desc *fd =
	    &entity_member.fields[entity_field(&entity_member, "status")];
	const char *items[8];
	const struct choice *ch;
	char *s;
	int n = 0, k, i;

	items[n++] = _("the list as it is filtered");
	items[n++] = _("the marked rows (Space in the list)");
	items[n++] = _("a program's members");
	items[n++] = _("a saved filter");
	if ((k = ui_menu(3, 4, LINES - 4, _("Recipients"), items, n)) < 0)
		return;
	if (k == T_MARKED && f->lv->nmarks == 0) {
		ui_message("%s", _("No row is marked: Space in the list marks "
		    "one"));
		return;
	}
	if (k == T_PROGRAM) {
		if ((s = ui_prompt(_("Program (its name or number): "),
		    f->program ? f->program : "", NULL, NULL)) == NULL)
			return;
		if (*s == '\0') {
			free(s);
			return;
		}
		n = 0;
		items[n++] = _("(any status)");
		for (ch = fd->choices; ch->code && n < 8; ch++)
			items[n++] = choice_label(&entity_member, ch);
		if ((i = ui_menu(3, 4, LINES - 4, _("Member status"), items,
		    n)) < 0) {
			free(s);
			return;
		}
		free(f->program);
		f->program = s;
		f->status = i == 0 ? NULL : fd->choices[i - 1].code;
	}
	if (k == T_SAVED) {
		if ((s = ui_prompt(_("Saved filter: "), f->saved ? f->saved :
		    "", NULL, NULL)) == NULL)
			return;
		free(f->saved);
		f->saved = s;
	}
	f->target = (enum target)k;
}

/* The form's lines as they stand (caller frees each). */
static int
form_items(const struct mform *f, char **items)
{
	struct strbuf b = { 0 };
	size_t i;
	int n = 0;

	/* first: Enter on the form runs it, as :merge always did */
	items[n++] = xstrdup(_("Send: a dry run first, then y sends"));
	switch (f->target) {
	case T_LIST:
		sb_printf(&b, _("Recipients: %s"), entity_plural(f->lv->ent));
		if (f->lv->filter)
			sb_printf(&b, _(" - filter: %s"),
			    filter_text(f->lv->filter));
		break;
	case T_MARKED:
		sb_printf(&b, P_("Recipients: %zu marked row",
		    "Recipients: %zu marked rows", f->lv->nmarks),
		    f->lv->nmarks);
		break;
	case T_PROGRAM:
		/* TRANSLATORS: the program; the member status. */
		sb_printf(&b, _("Recipients: the members of %s (%s)"),
		    f->program, f->status ? status_label(f->status) :
		    _("any status"));
		break;
	case T_SAVED:
		sb_printf(&b, _("Recipients: the saved filter %s"), f->saved);
		break;
	}
	items[n++] = sb_steal(&b);
	sb_add(&b, _("Attachments: "));
	for (i = 0; i < f->nfiles; i++) {
		const char *base = strrchr(f->files[i], '/');

		sb_printf(&b, "%s%s", i ? ", " : "", base ? base + 1 :
		    f->files[i]);
	}
	if (f->nfiles == 0)
		sb_add(&b, _("none (Enter adds one)"));
	items[n++] = sb_steal(&b);
	items[n++] = xstrdup(f->is_html ? _("HTML part: the template's own "
	    "HTML") : f->html ? _("HTML part: on") : _("HTML part: off"));
	/* as the command line, stopping unless told (--keep-going) */
	items[n++] = xstrdup(f->keep ? _("On a failed address: go on") :
	    _("On a failed address: stop"));
	items[n++] = f->test ? xasprintf(_("Send a test message (to %s)"),
	    f->test) : xstrdup(_("Send a test message to yourself"));
	return n;
}

void
ui_mail_merge(struct db *db, struct listview *lv, const char *tname)
{
	struct mform f = { 0 };
	struct so_err err = { 0 };
	struct template t;
	char *items[6];
	int n, k = 0, i;

	if (tname == NULL || *tname == '\0') {
		ui_message(":merge TEMPLATE");
		return;
	}
	if (template_get(db, tname, &t, &err) != SO_OK) {
		ui_message("%s", err.msg);
		return;
	}
	f.is_html = merge_body_is_html(t.body);
	template_clear(&t);
	f.db = db;
	f.lv = lv;
	f.tname = tname;
	if (lv->nmarks)
		f.target = T_MARKED;
	while (!ui_quitting()) {
		char *title = xasprintf(_("Mail merge %s"), tname);

		n = form_items(&f, items);
		/* the cursor stays on the line just chosen */
		k = ui_menu_at(3, 4, LINES - 4, title,
		    (const char *const *)items, n, k);
		free(title);
		for (i = 0; i < n; i++)
			free(items[i]);
		if (k < 0)
			break;
		if (k == 0) {
			send_all(&f);
			break;
		}
		if (k == 1)
			pick_target(&f);
		else if (k == 2)
			add_file(&f);
		else if (k == 3)
			f.html = !f.html;
		else if (k == 4)
			f.keep = !f.keep;
		else
			send_test(&f);
		ui_redraw();
	}
	for (i = 0; i < (int)f.nfiles; i++)
		free(f.files[i]);
	free(f.files);
	free(f.program);
	free(f.saved);
	free(f.test);
}
