/*
 * The figures of the meeting, follow-up and key-client reports, and what
 * every report loader shares (periods, touches).  The sales and audit
 * figures are in report_sales.c and report_audit.c.
 *
 * Each report is a handful of set-based queries whatever the size of
 * the file: a per-company detail (last touch, next touch, "bought
 * anything?") is a correlated subquery on an index that starts with
 * company_id, never a scan per row.  Two choices are made against the
 * planner, measured on the benchmark file (100 000 companies, 1 000 000
 * events; figures in DOCS-reports.md):
 *
 *  - "has a won deal" names the company first and hides the stage from
 *    the index choice (+stage_id): left to itself SQLite walked every
 *    won deal for every company (minutes instead of milliseconds);
 *  - the department's warm clients over all time read the events table
 *    straight through (NOT INDEXED) rather than through events_company
 *    in company order, which visits the same rows in random order.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/datetime.h"
#include "base/util.h"
#include "report_sql.h"
#include "store/acl.h"
#include "store/entities.h"
#include "store/entity.h"
#include "store/lookup.h"

/* ---- shared ---- */

int
rep_period_make(const char *from, const char *to, struct rep_period *p,
    struct so_err *err)
{
	memset(p, 0, sizeof(*p));
	from = from ? from : "";
	to = to ? to : "";
	if (*from && !dt_valid_date(from))
		return so_err_field(err, SO_EINVAL, "from", "From: \"%s\" is "
		    "not a date (YYYY-MM-DD)", from);
	if (*to && !dt_valid_date(to))
		return so_err_field(err, SO_EINVAL, "to", "To: \"%s\" is not "
		    "a date (YYYY-MM-DD)", to);
	if (*to == '\0')
		to = from;
	if (*from && strcmp(to, from) < 0)
		return so_err_field(err, SO_EINVAL, "to", "To: %s is before "
		    "the start of the period, %s", to, from);
	snprintf(p->from, sizeof(p->from), "%s", from);
	snprintf(p->to, sizeof(p->to), "%s", to);
	p->lo = *from ? (int64_t)dt_date_start(from, 0) : 0;
	p->hi = *to ? (int64_t)dt_date_start(to, 1) : INT64_MAX;
	return SO_OK;
}

void
rep_touch_read(sqlite3_stmt *st, int col, struct rep_touch *t)
{
	t->id = sqlite3_column_int64(st, col);
	t->at = sqlite3_column_int64(st, col + 1);
	t->type = db_text_dup(st, col + 2);
	t->result = db_text_dup(st, col + 3);
	t->type_code = db_text_dup(st, col + 4);
	t->result_code = db_text_dup(st, col + 5);
}

void
rep_touch_clear(struct rep_touch *t)
{
	free(t->type);
	free(t->result);
	free(t->type_code);
	free(t->result_code);
	memset(t, 0, sizeof(*t));
}

void
rep_bind_text(sqlite3_stmt *st, int i, const char *text)
{
	if (text && *text)
		sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

char *
rep_person_name(const char *last, const char *first, const char *middle)
{
	const char *part[3] = { last, first, middle };
	struct strbuf b = { 0 };
	int i;

	for (i = 0; i < 3; i++) {
		if (part[i] == NULL || *part[i] == '\0')
			continue;
		if (b.len)
			sb_addc(&b, ' ');
		sb_add(&b, part[i]);
	}
	return b.s ? sb_steal(&b) : xstrdup("");
}

/* ---- meeting ---- */

#define MEETING_SQL							\
	"SELECT e.id, e.start_at, coalesce(e.end_at, 0), e.status, "	\
	"e.subject, e.location, coalesce(u.login, ''), "		\
	"coalesce(u.full_name, ''), coalesce(e.company_id, 0), "	\
	"coalesce(c.name, ''), coalesce(p.id, 0), "			\
	"coalesce(p.last_name, ''), coalesce(p.first_name, ''), "	\
	"coalesce(p.middle_name, ''), coalesce(p.position, ''), "	\
	"coalesce(p.phone_work, ''), coalesce(p.phone_mobile, ''), "	\
	"coalesce(p.phone_home, ''), coalesce(p.email, ''), "		\
	"coalesce(r.name, ''), e.result_comment, e.description, "	\
	"e.our_actions, e.client_actions, coalesce(t.code, ''), "	\
	"coalesce(t.name, '') "						\
	"FROM events e LEFT JOIN event_types t ON t.id = e.type_id "	\
	"LEFT JOIN event_results r ON r.id = e.result_id "		\
	"LEFT JOIN users u ON u.id = e.assignee_id "			\
	"LEFT JOIN companies c ON c.id = e.company_id "			\
	"LEFT JOIN contacts p ON p.id = coalesce(e.contact_id, "	\
	"(SELECT id FROM contacts WHERE company_id = e.company_id "	\
	"AND role = 'decision_maker' AND deleted_at IS NULL "		\
	"ORDER BY id LIMIT 1)) "					\
	"WHERE e.id = ?1 AND e.deleted_at IS NULL"

/*
 * After the meeting: the company's planned events and its open tasks
 * due after the meeting's start (undated tasks last).
 */
#define MEETING_NEXT_SQL						\
	"SELECT * FROM (SELECT 0 AS task, e.id AS id, e.start_at AS at, " \
	"coalesce(t.name, '') AS kind, e.subject AS text, "		\
	"coalesce(u.login, '') AS who FROM events e "			\
	"LEFT JOIN event_types t ON t.id = e.type_id "			\
	"LEFT JOIN users u ON u.id = e.assignee_id "			\
	"WHERE e.company_id = ?1 AND e.start_at > ?2 AND e.id <> ?3 "	\
	"AND e.status = 'planned' AND e.deleted_at IS NULL "		\
	"UNION ALL SELECT 1, k.id, coalesce(k.due_at, 0), 'Task', "	\
	"k.title, coalesce(u.login, '') FROM tasks k "			\
	"LEFT JOIN users u ON u.id = k.assignee_id "			\
	"WHERE k.company_id = ?1 AND k.status = 'open' "		\
	"AND k.deleted_at IS NULL AND (k.due_at IS NULL "		\
	"OR k.due_at > ?2)) ORDER BY at = 0, at, task, id"

static void
meeting_read(sqlite3_stmt *st, struct rep_meeting *m)
{
	m->id = sqlite3_column_int64(st, 0);
	m->start_at = sqlite3_column_int64(st, 1);
	m->end_at = sqlite3_column_int64(st, 2);
	m->status = db_text_dup(st, 3);
	m->subject = db_text_dup(st, 4);
	m->location = db_text_dup(st, 5);
	m->manager_login = db_text_dup(st, 6);
	m->manager_name = db_text_dup(st, 7);
	m->company_id = sqlite3_column_int64(st, 8);
	m->company = db_text_dup(st, 9);
	m->contact_id = sqlite3_column_int64(st, 10);
	m->contact = rep_person_name(db_text(st, 11), db_text(st, 12),
	    db_text(st, 13));
	m->position = db_text_dup(st, 14);
	m->phone_work = db_text_dup(st, 15);
	m->phone_mobile = db_text_dup(st, 16);
	m->phone_home = db_text_dup(st, 17);
	m->email = db_text_dup(st, 18);
	m->result = db_text_dup(st, 19);
	m->result_comment = db_text_dup(st, 20);
	m->description = db_text_dup(st, 21);
	m->our_actions = db_text_dup(st, 22);
	m->client_actions = db_text_dup(st, 23);
}

static int
meeting_next(struct db *db, struct rep_meeting *m, struct so_err *err)
{
	struct rep_item *it;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	if (m->company_id == 0)
		return SO_OK;
	if ((code = db_prepare(db, MEETING_NEXT_SQL, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, m->company_id);
	sqlite3_bind_int64(st, 2, m->start_at);
	sqlite3_bind_int64(st, 3, m->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (m->nnext == cap)
			m->next = xrealloc(m->next, (cap = cap ? cap * 2 : 8) *
			    sizeof(*m->next));
		it = &m->next[m->nnext++];
		it->task = sqlite3_column_int(st, 0);
		it->id = sqlite3_column_int64(st, 1);
		it->at = sqlite3_column_int64(st, 2);
		it->kind = db_text_dup(st, 3);
		it->text = db_text_dup(st, 4);
		it->assignee = db_text_dup(st, 5);
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, "listing what follows a meeting", err);
	return SO_OK;
}

int
rep_meeting_get(struct db *db, int64_t id, struct rep_meeting *out,
    struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code, meeting = 0;
	char *type = NULL;

	memset(out, 0, sizeof(*out));
	/* A meeting's notes, result and the client's phones are its
	 * responsible user's (and the head's) to read. */
	if ((code = acl_check_read(db, &entity_event, id, err)) != SO_OK &&
	    code != SO_ENOTFOUND)
		return code;
	if ((code = db_prepare(db, MEETING_SQL, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		meeting = strcmp(db_text(st, 24), "meeting") == 0;
		if (meeting)
			meeting_read(st, out);
		else
			type = db_text_dup(st, 25);
	}
	db_done(st);
	if (rc == SQLITE_DONE)
		return so_err_field(err, SO_ENOTFOUND, "id", "no event #%lld",
		    (long long)id);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, "reading a meeting", err);
	if (!meeting) {
		code = so_err_field(err, SO_EINVAL, "id", "event #%lld is not "
		    "a meeting (it is %s)", (long long)id,
		    type && *type ? type : "of no type");
		free(type);
		return code;
	}
	if ((code = meeting_next(db, out, err)) != SO_OK)
		rep_meeting_clear(out);
	return code;
}

int
rep_meeting_latest(struct db *db, int64_t user, const struct rep_period *p,
    int64_t *id, struct so_err *err)
{
	static const char *const codes[] = { "meeting" };
	sqlite3_stmt *st;
	int64_t type;
	int rc, code;

	*id = 0;
	if ((code = acl_check_user(db, user, ACL_OTHERS_FIGURES, err)) != SO_OK)
		return code;
	code = store_lookup_ids(db, LOOKUP_EVENT_TYPES, codes, &type, 1, err);
	if (code != SO_OK)
		return code;
	code = db_prepare(db, "SELECT id FROM events WHERE assignee_id = ?1 "
	    "AND status = 'done' AND start_at >= ?2 AND start_at < ?3 "
	    "AND deleted_at IS NULL AND type_id = ?4 "
	    "ORDER BY start_at DESC, id DESC LIMIT 1", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, user);
	sqlite3_bind_int64(st, 2, p->lo);
	sqlite3_bind_int64(st, 3, p->hi);
	if (type == SO_NULL)
		sqlite3_bind_null(st, 4);
	else
		sqlite3_bind_int64(st, 4, type);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc == SQLITE_DONE) {
		if (*p->from)
			return so_err_set(err, SO_ENOTFOUND, "no meeting done "
			    "from %s to %s", p->from, p->to);
		return so_err_set(err, SO_ENOTFOUND, "no meeting done yet");
	}
	if (rc != SQLITE_ROW)
		return db_error(db, rc, "finding the latest meeting", err);
	return SO_OK;
}

void
rep_meeting_clear(struct rep_meeting *m)
{
	size_t i;

	for (i = 0; i < m->nnext; i++) {
		free(m->next[i].kind);
		free(m->next[i].text);
		free(m->next[i].assignee);
	}
	free(m->next);
	free(m->status);
	free(m->subject);
	free(m->location);
	free(m->manager_login);
	free(m->manager_name);
	free(m->company);
	free(m->contact);
	free(m->position);
	free(m->phone_work);
	free(m->phone_mobile);
	free(m->phone_home);
	free(m->email);
	free(m->result);
	free(m->result_comment);
	free(m->description);
	free(m->our_actions);
	free(m->client_actions);
	memset(m, 0, sizeof(*m));
}

/* ---- follow-up ---- */

/* A done event that makes a client warm: ?5 proposal result, ?6 meeting. */
#define WARM_EVENT(e)							\
	e ".status = 'done' AND " e ".deleted_at IS NULL AND "		\
	"(" e ".result_id = ?5 OR " e ".type_id = ?6)"

/*
 * The warm companies with their first warm event in the period,
 * w(cid, fid), three ways (see the file's comment).  The GROUP BY ones
 * rely on SQLite's min(): the bare e.id comes from the row with the
 * smallest start_at.
 */
#define WARM_OF_MANAGER							\
	"SELECT * FROM (SELECT c.id AS cid, (SELECT e.id FROM events e " \
	"WHERE e.company_id = c.id AND e.start_at >= ?1 "		\
	"AND e.start_at < ?2 AND " WARM_EVENT("e") " "			\
	"ORDER BY e.start_at LIMIT 1) AS fid FROM companies c "		\
	"WHERE c.manager_id = ?4 AND c.deleted_at IS NULL) "		\
	"WHERE fid IS NOT NULL"
#define WARM_IN_PERIOD							\
	"SELECT e.company_id AS cid, e.id AS fid, min(e.start_at) "	\
	"FROM events e "	\
	"WHERE e.start_at >= ?1 AND e.start_at < ?2 "			\
	"AND e.company_id IS NOT NULL AND " WARM_EVENT("e")		\
	" GROUP BY e.company_id"
#define WARM_EVER							\
	"SELECT e.company_id AS cid, e.id AS fid, min(e.start_at) "	\
	"FROM events e "	\
	"NOT INDEXED WHERE e.company_id IS NOT NULL AND "		\
	WARM_EVENT("e") " GROUP BY e.company_id"

/*
 * ?1 ?2 the period, ?3 the start of today (next touch), ?4 the manager,
 * ?5 ?6 the proposal result and meeting type, ?7 the won stage, ?8 the
 * bound of the last touch.
 */
#define FOLLOWUP_SQL(warm)						\
	"WITH w AS MATERIALIZED (" warm ") "				\
	"SELECT c.id, c.name, coalesce(u.login, ''), "			\
	"coalesce(u.full_name, ''), " REP_TOUCH_COLS("f") ", "		\
	REP_TOUCH_COLS("l") ", " REP_TOUCH_COLS("n") " "		\
	"FROM w JOIN companies c ON c.id = w.cid "			\
	"LEFT JOIN users u ON u.id = c.manager_id"			\
	REP_TOUCH_JOIN("f", "w.fid")					\
	REP_TOUCH_JOIN("l", REP_LAST_SUB("c.id", "?8"))			\
	REP_TOUCH_JOIN("n", REP_NEXT_SUB("c.id", "?3"))			\
	"WHERE c.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM "	\
	"payments p WHERE p.company_id = c.id AND p.deleted_at IS NULL) " \
	"AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.company_id = c.id " \
	"AND +d.stage_id = ?7 AND d.deleted_at IS NULL) "		\
	"ORDER BY n.id IS NOT NULL, coalesce(l.start_at, 0), c.name, c.id"

static void
bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id == SO_NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, id);
}

static void
warm_read(sqlite3_stmt *st, struct rep_warm *w)
{
	memset(w, 0, sizeof(*w));
	w->company_id = sqlite3_column_int64(st, 0);
	w->company = db_text_dup(st, 1);
	w->manager_login = db_text_dup(st, 2);
	w->manager_name = db_text_dup(st, 3);
	rep_touch_read(st, 4, &w->since);
	rep_touch_read(st, 4 + REP_TOUCH_NCOLS, &w->last);
	rep_touch_read(st, 4 + 2 * REP_TOUCH_NCOLS, &w->next);
}

/* The lookup ids the follow-up needs: proposal_sent, meeting, won. */
static int
warm_ids(struct db *db, int64_t ids[3], struct so_err *err)
{
	static const char *const result[] = { "proposal_sent" };
	static const char *const type[] = { "meeting" };
	static const char *const stage[] = { "won" };
	int code;

	if ((code = store_lookup_ids(db, LOOKUP_EVENT_RESULTS, result, &ids[0],
	    1, err)) != SO_OK)
		return code;
	if ((code = store_lookup_ids(db, LOOKUP_EVENT_TYPES, type, &ids[1], 1,
	    err)) != SO_OK)
		return code;
	return store_lookup_ids(db, LOOKUP_DEAL_STAGES, stage, &ids[2], 1,
	    err);
}

int
rep_followup_load(struct db *db, int64_t manager, const struct rep_period *p,
    int64_t now, struct rep_warm **out, size_t *n, struct so_err *err)
{
	sqlite3_stmt *st;
	const char *sql;
	int64_t ids[3];
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	if ((code = acl_check_user(db, manager, ACL_OTHERS_FIGURES, err)) != SO_OK)
		return code;
	if ((code = warm_ids(db, ids, err)) != SO_OK)
		return code;
	if (manager)
		sql = FOLLOWUP_SQL(WARM_OF_MANAGER);
	else if (p->lo == 0 && p->hi == INT64_MAX)
		sql = FOLLOWUP_SQL(WARM_EVER);
	else
		sql = FOLLOWUP_SQL(WARM_IN_PERIOD);
	if ((code = db_prepare(db, sql, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, p->lo);
	sqlite3_bind_int64(st, 2, p->hi);
	sqlite3_bind_int64(st, 3, dt_day_start((time_t)now));
	sqlite3_bind_int64(st, 4, manager);
	bind_id(st, 5, ids[0]);
	bind_id(st, 6, ids[1]);
	bind_id(st, 7, ids[2]);
	sqlite3_bind_int64(st, 8, INT64_MAX);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*out = xrealloc(*out, (cap = cap ? cap * 2 : 64) *
			    sizeof(**out));
		warm_read(st, &(*out)[(*n)++]);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		rep_followup_free(*out, *n);
		*out = NULL;
		*n = 0;
		return db_error(db, rc, "finding the warm clients", err);
	}
	return SO_OK;
}

void
rep_followup_free(struct rep_warm *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].company);
		free(v[i].manager_login);
		free(v[i].manager_name);
		rep_touch_clear(&v[i].since);
		rep_touch_clear(&v[i].last);
		rep_touch_clear(&v[i].next);
	}
	free(v);
}

/* ---- key clients ---- */

/* ?1 the manager (0: all), ?2 now (last touch before), ?3 today. */
#define KEY_SQL(scope)							\
	"SELECT c.id, c.name, c.city, c.phone, coalesce(u.login, ''), "	\
	"coalesce(u.full_name, ''), " REP_TOUCH_COLS("l") ", "		\
	REP_TOUCH_COLS("n") " FROM companies c "			\
	"LEFT JOIN users u ON u.id = c.manager_id"			\
	REP_TOUCH_JOIN("l", REP_LAST_SUB("c.id", "?2"))			\
	REP_TOUCH_JOIN("n", REP_NEXT_SUB("c.id", "?3"))			\
	"WHERE c.deleted_at IS NULL AND lower(c.category) = 'vip' "	\
	scope "ORDER BY c.name, c.id"

#define KEY_PEOPLE_SQL							\
	"SELECT id, last_name, first_name, middle_name, position, role, " \
	"phone_work, phone_mobile, email FROM contacts "		\
	"WHERE company_id = ?1 AND deleted_at IS NULL "			\
	"ORDER BY role <> 'decision_maker', last_name, first_name, id"

static int
key_people(struct db *db, struct rep_key *k, struct so_err *err)
{
	struct rep_person *p;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	if ((code = db_prepare(db, KEY_PEOPLE_SQL, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, k->company_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (k->npeople == cap)
			k->people = xrealloc(k->people, (cap = cap ? cap * 2 :
			    4) * sizeof(*k->people));
		p = &k->people[k->npeople++];
		p->id = sqlite3_column_int64(st, 0);
		p->name = rep_person_name(db_text(st, 1), db_text(st, 2),
		    db_text(st, 3));
		p->position = db_text_dup(st, 4);
		p->role = db_text_dup(st, 5);
		p->phone_work = db_text_dup(st, 6);
		p->phone_mobile = db_text_dup(st, 7);
		p->email = db_text_dup(st, 8);
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, "listing a key client's people", err);
	return SO_OK;
}

static void
key_read(sqlite3_stmt *st, struct rep_key *k)
{
	memset(k, 0, sizeof(*k));
	k->company_id = sqlite3_column_int64(st, 0);
	k->company = db_text_dup(st, 1);
	k->city = db_text_dup(st, 2);
	k->phone = db_text_dup(st, 3);
	k->manager_login = db_text_dup(st, 4);
	k->manager_name = db_text_dup(st, 5);
	rep_touch_read(st, 6, &k->last);
	rep_touch_read(st, 6 + REP_TOUCH_NCOLS, &k->next);
}

int
rep_keyclients_load(struct db *db, int64_t manager, int64_t now,
    struct rep_key **out, size_t *n, struct so_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0, i;
	int rc, code;

	*out = NULL;
	*n = 0;
	if ((code = acl_check_user(db, manager, ACL_OTHERS_FIGURES, err)) != SO_OK)
		return code;
	code = db_prepare(db, manager ? KEY_SQL("AND c.manager_id = ?1 ") :
	    KEY_SQL("AND ?1 = 0 "), &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, manager);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, dt_day_start((time_t)now));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*out = xrealloc(*out, (cap = cap ? cap * 2 : 64) *
			    sizeof(**out));
		key_read(st, &(*out)[(*n)++]);
	}
	db_done(st);
	code = rc == SQLITE_DONE ? SO_OK : db_error(db, rc, "finding the key "
	    "clients", err);
	for (i = 0; code == SO_OK && i < *n; i++)
		code = key_people(db, &(*out)[i], err);
	if (code != SO_OK) {
		rep_keyclients_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return code;
}

void
rep_keyclients_free(struct rep_key *v, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < v[i].npeople; j++) {
			free(v[i].people[j].name);
			free(v[i].people[j].position);
			free(v[i].people[j].role);
			free(v[i].people[j].phone_work);
			free(v[i].people[j].phone_mobile);
			free(v[i].people[j].email);
		}
		free(v[i].people);
		free(v[i].company);
		free(v[i].city);
		free(v[i].phone);
		free(v[i].manager_login);
		free(v[i].manager_name);
		rep_touch_clear(&v[i].last);
		rep_touch_clear(&v[i].next);
	}
	free(v);
}
