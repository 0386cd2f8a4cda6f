/*
 * The meeting report (salesorg report meeting --id EVENT): one meeting on
 * one page, as the manager hands it to the head of sales -- when, who,
 * with whom, what was said, what came of it and what each side does
 * next.  A Field | Value table, then the company's planned events and
 * open tasks after the meeting, so "our next actions" are the ones
 * written down and the ones actually planned.
 *
 * Without an id it is the latest meeting the user has done in the
 * period: "print the report of the meeting I just had".
 */
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "report/report.h"
#include "store/report_meeting.h"

static void
field(struct doc_table *t, const char *label, const char *value)
{
	doc_rowv(t, DOC_ROW, label, value ? value : "");
}

/* "2026-11-20 14:00 - 15:00" (the end's date only when another
 * day). */
static char *
when(const struct rep_meeting *m)
{
	char a[48], b[48];
	size_t n;

	report_moment((time_t)m->start_at, a, sizeof(a));
	if (m->end_at <= m->start_at)
		return xstrdup(a);
	report_moment((time_t)m->end_at, b, sizeof(b));
	n = strlen(a) - 5;	/* the date and its space, before "HH:MM" */
	if (strlen(b) > n && strncmp(a, b, n) == 0)
		return xasprintf("%s - %s", a, b + n);
	return xasprintf("%s - %s", a, b);
}

/* The contact's phones that are set, joined by ", ". */
static char *
phones(const struct rep_meeting *m)
{
	const char *v[3] = { m->phone_work, m->phone_mobile, m->phone_home };
	struct strbuf b = { 0 };
	int i;

	for (i = 0; i < 3; i++) {
		if (v[i] == NULL || *v[i] == '\0')
			continue;
		if (b.len)
			sb_add(&b, ", ");
		sb_add(&b, v[i]);
	}
	return b.s ? sb_steal(&b) : xstrdup("");
}

static void
facts(struct doc *d, const struct rep_meeting *m)
{
	const struct doc_col cols[] = {
		/* TRANSLATORS: the heading of a column of labels: Company,
		 * Contact, Subject... */
		{ (char *)C_("column", "Field"), DOC_LEFT, 22, 0 },
		{ (char *)C_("column", "Value"), DOC_LEFT, 54, 0 },
	};
	struct doc_table *t = REPORT_TABLE(d, NULL, NULL, 0, cols);
	char *s;

	field(t, _("Date and time"), s = when(m));
	free(s);
	field(t, _("Manager"), s = report_user_label(m->manager_login,
	    m->manager_name));
	free(s);
	field(t, _("Company"), m->company);
	field(t, _("Contact"), m->contact);
	field(t, _("Position"), m->position);
	field(t, _("Phones"), s = phones(m));
	free(s);
	field(t, _("E-mail"), m->email);
	field(t, _("Subject"), m->subject);
	if (*m->location)
		field(t, _("Location"), m->location);
	field(t, _("Manager's notes"), m->description);
	field(t, _("Result"), m->result);
	field(t, _("Result comment"), m->result_comment);
	field(t, _("Our next actions"), m->our_actions);
	field(t, _("Client's next actions"), m->client_actions);
}

static void
planned(struct doc *d, const struct rep_meeting *m)
{
	const struct doc_col cols[] = {
		{ _("When"), DOC_LEFT, 16, 0 },
		{ _("What"), DOC_LEFT, 10, 0 },
		{ _("Subject"), DOC_LEFT, 36, 0 },
		{ _("Who"), DOC_LEFT, 12, 0 },
	};
	struct doc_table *t;
	char at[64];
	size_t i;

	t = REPORT_TABLE(d, _("Planned after the meeting"), _("Nothing is "
	    "planned for the company after the meeting."), m->nnext, cols);
	if (t == NULL)
		return;
	for (i = 0; i < m->nnext; i++) {
		if (m->next[i].at)
			report_moment((time_t)m->next[i].at, at, sizeof(at));
		else
			snprintf(at, sizeof(at), "%s", _("no due date"));
		doc_rowv(t, DOC_ROW, at, m->next[i].kind, m->next[i].text,
		    m->next[i].assignee);
	}
}

int
report_meeting(struct db *db, const struct report_query *q, struct doc *out,
    struct so_err *err)
{
	struct rep_meeting m;
	struct rep_period p;
	char day[11], head[160];
	int64_t id = q->id, user;
	int code;

	if ((code = report_begin(db, q, _("Meeting report"), out, err)) !=
	    SO_OK)
		return code;
	code = rep_period_make(q->from, q->to, &p, err);
	user = q->user_id ? q->user_id : db_user_id(db);
	if (code == SO_OK && id == 0)
		code = rep_meeting_latest(db, user, &p, &id, err);
	if (code == SO_OK)
		code = rep_meeting_get(db, id, &m, err);
	if (code != SO_OK) {
		doc_free(out);
		return code;
	}
	/* The header's date is the meeting's, not the period it was
	 * looked for in (this month unless said). */
	dt_format_date((time_t)m.start_at, day);
	report_day_long(day, head, sizeof(head));
	doc_meta(out, head, NULL, NULL);
	facts(out, &m);
	planned(out, &m);
	rep_meeting_clear(&m);
	return SO_OK;
}
