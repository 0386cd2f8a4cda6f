/*
 * The work journal's queries; see include/store/report_journal.h.
 *
 * Each part is one range query over events_agenda (assignee, status,
 * start_at), then a few index seeks per event: the decision maker
 * through contacts_company, the person through the contacts' primary
 * key, the previous touch backwards through events_done_company
 * (company_id, start_at over live done one-off events, sql/008) or
 * events_contact, the next touch forwards through events_company.  No
 * statement scans a table, so a department's day (twenty managers, a
 * thousand events) costs milliseconds; test_journal checks the plans.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/activity.h"
#include "store/report_common.h"
#include "store/report_journal.h"
#include "store/settings.h"

#define PLAN_SQL \
    "SELECT e.id, e.start_at, e.all_day, e.status = 'done', " \
    "coalesce(t.name, ''), coalesce(e.company_id, 0), " \
    "coalesce(e.contact_id, 0), coalesce(c.name, ''), " \
    "coalesce(c.phone, ''), coalesce(c.email, ''), " \
    "coalesce(c.source, ''), coalesce(r.name, ''), e.subject " \
    "FROM events e " \
    "LEFT JOIN event_types t ON t.id = e.type_id " \
    "LEFT JOIN companies c ON c.id = e.company_id " \
    "LEFT JOIN event_results r ON r.id = e.result_id " \
    "WHERE e.assignee_id = ?1 AND e.status IN ('planned', ?4) " \
    "AND e.start_at >= ?2 AND e.start_at < ?3 AND e.deleted_at IS NULL " \
    "AND e.rrule = '' " \
    "AND (e.company_id IS NOT NULL OR e.contact_id IS NOT NULL) " \
    "AND coalesce(t.code, '') <> 'birthday' ORDER BY e.start_at, e.id"

#define LOG_SQL \
    "SELECT e.id, e.start_at, e.all_day, coalesce(t.name, ''), " \
    "coalesce(e.company_id, 0), coalesce(e.contact_id, 0), " \
    "coalesce(c.name, ''), coalesce(r.name, ''), " \
    "coalesce(r.productive, 0), e.result_comment, " \
    "coalesce(e.type_id, 0), coalesce(e.result_id, 0), " \
    "coalesce(p.last_name, ''), coalesce(p.first_name, ''), " \
    "coalesce(p.middle_name, '') " \
    "FROM events e " \
    "LEFT JOIN event_types t ON t.id = e.type_id " \
    "LEFT JOIN companies c ON c.id = e.company_id " \
    "LEFT JOIN event_results r ON r.id = e.result_id " \
    "LEFT JOIN contacts p ON p.id = e.contact_id " \
    "WHERE e.assignee_id = ?1 AND e.status = 'done' " \
    "AND e.start_at >= ?2 AND e.start_at < ?3 AND e.deleted_at IS NULL " \
    "AND e.rrule = '' AND coalesce(t.code, '') <> 'birthday' " \
    "ORDER BY e.start_at, e.id"

/* The latest done touch (not a birthday greeting) before (start_at,
 * id): by company, by contact. */
static const char *const prev_sql[2] = {
	"SELECT e.start_at, coalesce(r.name, ''), e.result_comment "
	"FROM events e LEFT JOIN event_results r ON r.id = e.result_id "
	"LEFT JOIN event_types t ON t.id = e.type_id "
	"WHERE e.company_id = ?1 AND e.status = 'done' "
	"AND e.deleted_at IS NULL AND e.rrule = '' AND e.start_at <= ?2 "
	"AND (e.start_at < ?2 OR e.id < ?3) "
	"AND coalesce(t.code, '') <> 'birthday' "
	"ORDER BY e.start_at DESC, e.id DESC LIMIT 1",
	"SELECT e.start_at, coalesce(r.name, ''), e.result_comment "
	"FROM events e LEFT JOIN event_results r ON r.id = e.result_id "
	"LEFT JOIN event_types t ON t.id = e.type_id "
	"WHERE e.contact_id = ?1 AND e.status = 'done' "
	"AND e.deleted_at IS NULL AND e.rrule = '' AND e.start_at <= ?2 "
	"AND (e.start_at < ?2 OR e.id < ?3) "
	"AND coalesce(t.code, '') <> 'birthday' "
	"ORDER BY e.start_at DESC, e.id DESC LIMIT 1",
};

/* The next planned touch after start_at: by company, by contact. */
static const char *const next_sql[2] = {
	"SELECT e.start_at, coalesce(t.name, '') FROM events e "
	"LEFT JOIN event_types t ON t.id = e.type_id "
	"WHERE e.company_id = ?1 AND e.status = 'planned' "
	"AND e.deleted_at IS NULL AND e.rrule = '' AND e.start_at > ?2 "
	"AND coalesce(t.code, '') <> 'birthday' "
	"ORDER BY e.start_at, e.id LIMIT 1",
	"SELECT e.start_at, coalesce(t.name, '') FROM events e "
	"LEFT JOIN event_types t ON t.id = e.type_id "
	"WHERE e.contact_id = ?1 AND e.status = 'planned' "
	"AND e.deleted_at IS NULL AND e.rrule = '' AND e.start_at > ?2 "
	"AND coalesce(t.code, '') <> 'birthday' "
	"ORDER BY e.start_at, e.id LIMIT 1",
};

/* The company's decision maker: the event's contact when it is one. */
static const char dm_sql[] =
    "SELECT id FROM contacts WHERE company_id = ?1 "
    "AND role = 'decision_maker' AND deleted_at IS NULL "
    "ORDER BY id = ?2 DESC, id LIMIT 1";

static const char person_sql[] =
    "SELECT last_name, first_name, middle_name, position, phone_mobile, "
    "phone_work, email, email2, source FROM contacts WHERE id = ?";

static char *
first_of(const char *a, const char *b, const char *c)
{
	return xstrdup(*a ? a : *b ? b : c);
}

/*
 * The person to ask for (contact id, 0: none) into p; phone, e-mail and
 * source fall back on the company's (given).
 */
static int
load_person(struct db *db, int64_t id, const char *cphone,
    const char *cemail, const char *csource, struct journal_plan *p,
    struct so_err *err)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE, code;

	if (id > 0) {
		if ((code = db_prepare(db, person_sql, &st, err)) != SO_OK)
			return code;
		sqlite3_bind_int64(st, 1, id);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			p->person = rep_person_name(db_text(st, 0),
			    db_text(st, 1), db_text(st, 2));
			p->position = db_text_dup(st, 3);
			p->phone = first_of(db_text(st, 4), db_text(st, 5),
			    cphone);
			p->email = first_of(db_text(st, 6), db_text(st, 7),
			    cemail);
			p->source = first_of(db_text(st, 8), csource, "");
		}
		db_done(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return db_error(db, rc, N_("reading a contact"), err);
	}
	if (rc != SQLITE_ROW) {
		p->person = xstrdup("");
		p->position = xstrdup("");
		p->phone = xstrdup(cphone);
		p->email = xstrdup(cemail);
		p->source = xstrdup(csource);
	}
	return SO_OK;
}

/* The person to ask for: the one the touch was planned with, else the
 * company's decision maker. */
static int
decision_maker(struct db *db, int64_t company, int64_t contact, int64_t *out,
    struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	*out = contact;
	if (company == 0 || contact != 0)
		return SO_OK;
	if ((code = db_prepare(db, dm_sql, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, company);
	sqlite3_bind_int64(st, 2, contact);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, N_("finding the decision maker"), err);
	return SO_OK;
}

static int
load_prev(struct db *db, int64_t company, int64_t contact,
    struct journal_plan *p, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	code = db_prepare(db, prev_sql[company ? 0 : 1], &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, company ? company : contact);
	sqlite3_bind_int64(st, 2, p->at);
	sqlite3_bind_int64(st, 3, p->event_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p->prev_at = sqlite3_column_int64(st, 0);
		p->prev_result = db_text_dup(st, 1);
		p->prev_comment = db_text_dup(st, 2);
	} else {
		p->prev_result = xstrdup("");
		p->prev_comment = xstrdup("");
	}
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading the previous touch"), err);
	return SO_OK;
}

static int
load_next(struct db *db, int64_t company, int64_t contact,
    struct journal_log *l, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	if (company == 0 && contact == 0) {
		l->next_type = xstrdup("");
		return SO_OK;
	}
	code = db_prepare(db, next_sql[company ? 0 : 1], &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, company ? company : contact);
	sqlite3_bind_int64(st, 2, l->at);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		l->next_at = sqlite3_column_int64(st, 0);
		l->next_type = db_text_dup(st, 1);
	} else
		l->next_type = xstrdup("");
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading the next touch"), err);
	return SO_OK;
}

/* One row of PLAN_SQL into a new entry of *v. */
static int
read_plan(struct db *db, sqlite3_stmt *st, const struct journal *j,
    struct journal_plan **v, size_t *n, struct so_err *err)
{
	struct journal_plan *p;
	int64_t company, contact, dm;
	int code;

	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	p = &(*v)[(*n)++];
	memset(p, 0, sizeof(*p));
	p->event_id = sqlite3_column_int64(st, 0);
	p->at = sqlite3_column_int64(st, 1);
	p->all_day = sqlite3_column_int(st, 2);
	p->done = sqlite3_column_int(st, 3);
	p->type = db_text_dup(st, 4);
	company = sqlite3_column_int64(st, 5);
	contact = sqlite3_column_int64(st, 6);
	p->company = db_text_dup(st, 7);
	p->result = xstrdup(p->done && !j->before_day ? db_text(st, 11) : "");
	p->subject = db_text_dup(st, 12);
	if ((code = decision_maker(db, company, contact, &dm, err)) != SO_OK)
		return code;
	code = load_person(db, dm, db_text(st, 8), db_text(st, 9),
	    db_text(st, 10), p, err);
	if (code == SO_OK)
		code = load_prev(db, company, contact, p, err);
	return code;
}

/* The touches of [t0, t1) into *v: done ones too (they were planned),
 * or with only_open those still to make. */
static int
load_plan(struct db *db, struct journal *j, int64_t t0, int64_t t1,
    int only_open, struct journal_plan **v, size_t *n, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code = SO_OK;

	if ((code = db_prepare(db, PLAN_SQL, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, j->user_id);
	sqlite3_bind_int64(st, 2, t0);
	sqlite3_bind_int64(st, 3, t1);
	sqlite3_bind_text(st, 4, only_open ? "planned" : "done", -1,
	    SQLITE_STATIC);
	/* read_plan prepares other statements: each has its own cache
	 * entry, so this one stays mid-step. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((code = read_plan(db, st, j, v, n, err)) != SO_OK)
			break;
	db_done(st);
	if (code == SO_OK && rc != SQLITE_DONE)
		code = db_error(db, rc, N_("reading the day's plan"), err);
	return code;
}

/* The start of the working day before the day starting at t0 (the
 * team's work.days), within a week. */
static int64_t
previous_workday(struct db *db, const char *day)
{
	unsigned days;
	int start, k;
	int64_t t = 0;
	struct tm tm;
	time_t s;

	settings_work_week(db, &days, &start);
	for (k = 1; k <= 7; k++) {
		s = dt_date_start(day, -k);
		localtime_r(&s, &tm);
		t = (int64_t)s;
		if (days & (1u << tm.tm_wday))
			break;
	}
	return t;
}

static int
read_log(struct db *db, sqlite3_stmt *st, struct journal *j,
    const struct activity_rule *meetings, struct so_err *err)
{
	struct activity_event ev = { 0 };
	struct journal_log *l;
	int64_t company, contact;
	int code;

	j->log = xrealloc(j->log, (j->nlog + 1) * sizeof(*j->log));
	l = &j->log[j->nlog++];
	memset(l, 0, sizeof(*l));
	l->event_id = sqlite3_column_int64(st, 0);
	l->at = sqlite3_column_int64(st, 1);
	l->all_day = sqlite3_column_int(st, 2);
	l->type = db_text_dup(st, 3);
	company = sqlite3_column_int64(st, 4);
	contact = sqlite3_column_int64(st, 5);
	l->company = db_text_dup(st, 6);
	l->result = db_text_dup(st, 7);
	l->productive = sqlite3_column_int(st, 8);
	l->comment = db_text_dup(st, 9);
	l->contact = rep_person_name(db_text(st, 12), db_text(st, 13),
	    db_text(st, 14));
	ev.type_id = sqlite3_column_int64(st, 10);
	ev.result_id = sqlite3_column_int64(st, 11);
	if (activity_rule_needs_touch(meetings) &&
	    (code = activity_first_touch(db, company, contact, l->at,
	    &ev.first, err)) != SO_OK)
		return code;
	j->done++;
	j->productive += l->productive;
	j->meetings_set += activity_rule_match(meetings, &ev);
	return load_next(db, company, contact, l, err);
}

static int
load_log(struct db *db, struct journal *j, int64_t t0, int64_t t1,
    struct so_err *err)
{
	struct activity_rule meetings;
	sqlite3_stmt *st;
	const char *name = activity_cols[ACT_MEETINGS_SET].setting;
	char *v;
	int rc, code;

	v = settings_get_text(db, name);
	code = activity_rule_parse(db, name, v, &meetings, err);
	free(v);
	if (code != SO_OK)
		return code;
	if ((code = db_prepare(db, LOG_SQL, &st, err)) != SO_OK)
		goto out;
	sqlite3_bind_int64(st, 1, j->user_id);
	sqlite3_bind_int64(st, 2, t0);
	sqlite3_bind_int64(st, 3, t1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((code = read_log(db, st, j, &meetings, err)) != SO_OK)
			break;
	db_done(st);
	if (code == SO_OK && rc != SQLITE_DONE)
		code = db_error(db, rc, N_("reading the day's calls"), err);
out:
	activity_rule_clear(&meetings);
	return code;
}

static int
load(struct db *db, int64_t user_id, const char *day, int64_t now,
    struct journal *out, struct so_err *err)
{
	int64_t t0, t1;
	int code;

	memset(out, 0, sizeof(*out));
	if ((code = acl_check_user(db, user_id, N_("read another user's "
	    "journal"), err)) != SO_OK)
		return code;
	if (*day == '\0')
		return so_err_field(err, SO_EINVAL, "date", _("the journal's "
		    "day: a date as 2026-11-23"));
	if ((code = rep_day_range(day, day, &t0, &t1, err)) != SO_OK)
		return code;
	snprintf(out->day, sizeof(out->day), "%s", day);
	out->user_id = user_id;
	out->before_day = now < t0;
	out->carried_from = previous_workday(db, day);
	if ((code = load_plan(db, out, out->carried_from, t0, 1,
	    &out->carried, &out->ncarried, err)) != SO_OK ||
	    (code = load_plan(db, out, t0, t1, 0, &out->plan, &out->nplan,
	    err)) != SO_OK ||
	    (code = load_log(db, out, t0, t1, err)) != SO_OK)
		journal_free(out);
	out->planned = (int64_t)out->nplan;
	return code;
}

/* The sorts of a report grow with its period: on disk (db_spill_begin),
 * so a report over all time stays within the memory budget. */
int
journal_load(struct db *db, int64_t user_id, const char *day, int64_t now,
    struct journal *out, struct so_err *err)
{
	int code;

	db_spill_begin(db);
	code = load(db, user_id, day, now, out, err);
	db_spill_end(db);
	return code;
}

static void
plans_free(struct journal_plan *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].type);
		free(v[i].subject);
		free(v[i].company);
		free(v[i].person);
		free(v[i].position);
		free(v[i].phone);
		free(v[i].email);
		free(v[i].prev_result);
		free(v[i].prev_comment);
		free(v[i].source);
		free(v[i].result);
	}
	free(v);
}

void
journal_free(struct journal *j)
{
	size_t i;

	if (j == NULL)
		return;
	plans_free(j->plan, j->nplan);
	plans_free(j->carried, j->ncarried);
	for (i = 0; i < j->nlog; i++) {
		free(j->log[i].type);
		free(j->log[i].company);
		free(j->log[i].contact);
		free(j->log[i].result);
		free(j->log[i].comment);
		free(j->log[i].next_type);
	}
	free(j->log);
	memset(j, 0, sizeof(*j));
}
