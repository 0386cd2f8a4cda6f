/*
 * Mail merge: rendering a template for a contact, piping a message to
 * sendmail, and the event that logs it; see merge.h.
 *
 * sendmail is run through proc_run (base/proc.h), never through a
 * shell: the path is a setting and the message is data, and neither
 * must be parsed by sh.  A salesorg installed setgid (so that only it
 * writes the team's database) must not hand that group to the mailer,
 * which the user chooses: proc_run's child gives the group up for good
 * before exec and refuses to run the mailer if it cannot.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/proc.h"
#include "base/utf8.h"
#include "base/util.h"
#include "exchange/merge.h"
#include "store/lookup.h"

struct merge {
	char		*name;
	struct tpl_text	 subject, body;
	int		 need_company;
	struct company	 company;	/* the last one read */
	int64_t		 company_id;	/* its id, 0 when none */
};

static int
needs_company(const struct tpl_text *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->v[i].kind == TPL_COMPANY || t->v[i].kind == TPL_MANAGER)
			return 1;
	return 0;
}

int
merge_compile(const struct template *t, struct merge **out,
    struct so_err *err)
{
	struct merge *m = xcalloc(1, sizeof(*m));
	int code;

	*out = NULL;
	m->name = xstrdup(t->name);
	store_company_init(&m->company);
	if ((code = template_parse(t->name, "subject", t->subject, &m->subject,
	    err)) != SO_OK || (code = template_parse(t->name, "body", t->body,
	    &m->body, err)) != SO_OK) {
		merge_free(m);
		return code;
	}
	m->need_company = needs_company(&m->subject) ||
	    needs_company(&m->body);
	*out = m;
	return SO_OK;
}

void
merge_free(struct merge *m)
{
	if (m == NULL)
		return;
	template_text_free(&m->subject);
	template_text_free(&m->body);
	store_company_clear(&m->company);
	free(m->name);
	free(m);
}

const char *
merge_name(const struct merge *m)
{
	return m->name;
}

/* The contact's company in m->company, or NULL when it has none. */
static int
load_company(struct db *db, struct merge *m, const struct contact *c,
    const struct company **co, struct so_err *err)
{
	int code;

	*co = NULL;
	if (c->company_id == SO_NULL || c->company_id == 0)
		return SO_OK;
	if (m->company_id != c->company_id) {
		store_company_clear(&m->company);
		m->company_id = 0;
		if ((code = store_company_get(db, c->company_id, &m->company,
		    err)) != SO_OK)
			return code;
		m->company_id = c->company_id;
	}
	*co = &m->company;
	return SO_OK;
}

/* The contact's manager, else the company's ("" when neither). */
static char *
manager_name(const struct contact *c, const struct company *co)
{
	int fi = entity_field(&entity_contact, "manager_id");
	char *v = field_format(&entity_contact, fi, c);

	if (*v == '\0' && co) {
		free(v);
		fi = entity_field(&entity_company, "manager_id");
		v = field_format(&entity_company, fi, co);
	}
	return v;
}

static void
render(const struct tpl_text *t, const struct contact *c,
    const struct company *co, struct strbuf *b)
{
	char *v;
	size_t i;

	sb_add(b, "");
	for (i = 0; i < t->n; i++) {
		switch (t->v[i].kind) {
		case TPL_TEXT:
			sb_add(b, t->v[i].text);
			continue;
		case TPL_CONTACT:
			v = field_format(&entity_contact, t->v[i].field, c);
			break;
		case TPL_COMPANY:
			v = co ? field_format(&entity_company, t->v[i].field,
			    co) : xstrdup("");
			break;
		default:
			v = manager_name(c, co);
			break;
		}
		sb_add(b, v);
		free(v);
	}
}

/* A subject is one line: a memo's line breaks (or tabs) become spaces. */
static void
one_line(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = ' ';
}

int
merge_render(struct db *db, struct merge *m, const struct contact *c,
    char **subject, char **body, struct so_err *err)
{
	const struct company *co = NULL;
	struct strbuf b = { 0 };
	int code;

	*subject = *body = NULL;
	if (m->need_company && (code = load_company(db, m, c, &co, err)) !=
	    SO_OK)
		return code;
	render(&m->subject, c, co, &b);
	*subject = sb_steal(&b);
	one_line(*subject);
	render(&m->body, c, co, &b);
	*body = sb_steal(&b);
	return SO_OK;
}

char *
merge_contact_name(const struct contact *c)
{
	const char *first = c->first_name ? c->first_name : "";
	const char *last = c->last_name ? c->last_name : "";

	return xasprintf("%s%s%s", first, *first && *last ? " " : "", last);
}

/* ---- sendmail ---- */

/*
 * sendmail -t -i with the message on its stdin, through proc_run (base/
 * proc.h): without the group of a setgid salesorg, never through a
 * shell.  Its own words, when it fails, end the message.
 */
int
merge_sendmail(const char *path, const char *msg, size_t len,
    struct so_err *err)
{
	char *argv[] = { (char *)path, "-t", "-i", NULL };
	struct proc p = { .argv = argv, .input = msg, .input_len = len,
	    .out_max = 1024 };
	struct proc_result r;
	char *said;
	int code = SO_OK;

	if (proc_run(&p, &r) != 0)
		return so_err_set(err, SO_ERR, _("cannot start %s: %s"), path,
		    strerror(errno));
	said = utf8_sanitize(sb_str(&r.out));
	said[strcspn(said, "\n")] = '\0';
	if (r.exec_errno != 0)
		code = so_err_set(err, SO_ERR, _("cannot run %s: %s"), path,
		    strerror(r.exec_errno));
	else if (r.signal)
		code = so_err_set(err, SO_ERR, _("%s was killed by signal %d"),
		    path, r.signal);
	else if (r.status != 0 && *said)
		/* TRANSLATORS: the mailer, its exit status, what it said. */
		code = so_err_set(err, SO_ERR, _("%s exited with status %d: "
		    "%s"), path, r.status, said);
	else if (r.status != 0)
		code = so_err_set(err, SO_ERR, _("%s exited with status %d"),
		    path, r.status);
	else if (r.write_errno)
		code = so_err_set(err, SO_ERR, _("%s did not read the whole "
		    "message: %s"), path, strerror(r.write_errno));
	free(said);
	sb_free(&r.out);
	return code;
}

/* ---- the log ---- */

int
merge_event(struct db *db, const struct merge *m, const struct contact *c,
    const char *subject, const char *addr, struct event *ev,
    struct so_err *err)
{
	static const char *const codes[] = { "email" };
	int64_t type;
	int code;

	store_event_init(ev);
	/* the program logs it: fields a person adds stay empty */
	ev->meta.by_program = 1;
	if ((code = store_lookup_ids(db, LOOKUP_EVENT_TYPES, codes, &type, 1,
	    err)) != SO_OK)
		return code;
	if (type == SO_NULL)
		return so_err_set(err, SO_EINVAL, "%s", _("there is no event "
		    "type \"email\" to log the messages with (see salesorg "
		    "config types)"));
	ev->type_id = type;
	ev->subject = xstrdup(subject);
	ev->start_at = db_now(db);
	free(ev->status);
	ev->status = xstrdup("done");
	ev->contact_id = c->meta.id;
	ev->company_id = c->company_id;
	/* Stored, so in the language of the database, not of the one
	 * who sent it (not translated). */
	ev->description = xasprintf("Mail merge \"%s\" to %s", m->name, addr);
	return rec_validate(db, &entity_event, ev, err);
}
