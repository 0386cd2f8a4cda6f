/*
 * The activity report's figures; see include/store/report_activity.h.
 *
 * How it stays fast on a million events (a year is some 300 000 done
 * ones): one pass over the done events of the period in time order,
 * read from the covering partial index events_done (sql/008), each
 * event matched against the eight rules (store/activity.h) in C and
 * added to its manager's day.  A day's bounds are found once per day,
 * not per event.
 *
 * The :first/:repeat rules need to know whether an event is its
 * company's earliest done touch: the first time the pass meets a
 * company, one seek in the partial index events_done_company says
 * whether it was touched before that event; if not, that event (and
 * any at the same moment) is the first touch, and the company's later
 * ones are not.  The hash table holds the period's companies only.  A
 * department's period that is a good part of the history (a quarter of
 * three years: period_is_long) reads instead, in one sequential GROUP
 * BY over that index, the companies whose first touch falls in the
 * period, cheaper there than a seek per company.  (It used to read
 * every company's first touch of all time for any period: a week's
 * report paid for the whole history, and the memory grew with it --
 * issue 26.)
 *
 * Payments are summed by SQL per day, deal and company from the
 * covering index payments_day; the manager of each deal (else of its
 * company) is read by its id once and remembered, so a short period
 * reads its deals, not the deals table (a long one reads the table: 5
 * ms for 50 000 deals against 40 ms of seeks for the 43 000 of a year).
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
#include "store/lookup.h"
#include "store/report_activity.h"
#include "store/report_common.h"
#include "store/settings.h"

/* ---- a small int64 -> int64 hash table (keys never 0) ---- */

struct imap {
	int64_t	*keys, *vals;
	size_t	 cap, n;
};

static size_t
imap_hash(int64_t k, size_t cap)
{
	uint64_t h = (uint64_t)k * 0x9e3779b97f4a7c15ULL;

	return (size_t)(h >> 17) & (cap - 1);
}

static int64_t *
imap_find(const struct imap *m, int64_t k)
{
	size_t i;

	if (m->cap == 0)
		return NULL;
	for (i = imap_hash(k, m->cap); m->keys[i] != 0;
	    i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == k)
			return &m->vals[i];
	return NULL;
}

static void
imap_put(struct imap *m, int64_t k, int64_t v)
{
	struct imap old = *m;
	size_t i;

	if ((m->n + 1) * 2 > m->cap) {
		m->cap = m->cap ? m->cap * 2 : 1024;
		m->keys = xcalloc(m->cap, sizeof(*m->keys));
		m->vals = xcalloc(m->cap, sizeof(*m->vals));
		m->n = 0;
		for (i = 0; i < old.cap; i++)
			if (old.keys[i] != 0)
				imap_put(m, old.keys[i], old.vals[i]);
		free(old.keys);
		free(old.vals);
	}
	for (i = imap_hash(k, m->cap); m->keys[i] != 0 && m->keys[i] != k;
	    i = (i + 1) & (m->cap - 1))
		;
	if (m->keys[i] == 0)
		m->n++;
	m->keys[i] = k;
	m->vals[i] = v;
}

static void
imap_free(struct imap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* ---- days ---- */

/* The local day holding t: its date and [*ds, *de). */
static void
day_of(int64_t t, char day[11], int64_t *ds, int64_t *de)
{
	dt_format_date((time_t)t, day);
	*ds = dt_date_start(day, 0);
	*de = dt_date_start(day, 1);
}

/* ---- the figures ---- */

static struct activity_manager *
add_manager(struct activity *a, int64_t id, const char *login,
    const char *full_name)
{
	struct activity_manager *m;

	a->v = xrealloc(a->v, (a->n + 1) * sizeof(*a->v));
	m = &a->v[a->n++];
	memset(m, 0, sizeof(*m));
	m->user_id = id;
	m->login = xstrdup(login);
	m->full_name = xstrdup(full_name);
	return m;
}

/* The manager of user id, added (for the department) when missing. */
static int
manager_of(struct db *db, struct activity *a, int64_t user_id, int64_t id,
    struct activity_manager **out, struct so_err *err)
{
	struct user_brief u;
	size_t i;
	int code;

	*out = NULL;
	for (i = 0; i < a->n; i++)
		if (a->v[i].user_id == id) {
			*out = &a->v[i];
			return SO_OK;
		}
	if (user_id != 0)
		return SO_OK;		/* someone else's: not in scope */
	if (id == 0) {
		*out = add_manager(a, 0, "", _("no manager"));
		return SO_OK;
	}
	if ((code = store_user_get(db, id, &u, err)) != SO_OK)
		return code;
	*out = add_manager(a, id, u.login, u.full_name);
	store_user_brief_clear(&u);
	return SO_OK;
}

/* The manager's row of day (kept in order), added when missing. */
static struct activity_day *
day_row(struct activity_manager *m, const char *day)
{
	size_t lo = 0, hi = m->ndays, mid;
	int c;

	if (m->ndays > 0 && (c = strcmp(m->days[m->ndays - 1].day, day)) <= 0) {
		if (c == 0)
			return &m->days[m->ndays - 1];
		lo = m->ndays;
	}
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(m->days[mid].day, day)) == 0)
			return &m->days[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	m->days = xrealloc(m->days, (m->ndays + 1) * sizeof(*m->days));
	memmove(&m->days[lo + 1], &m->days[lo], (m->ndays - lo) *
	    sizeof(*m->days));
	m->ndays++;
	memset(&m->days[lo], 0, sizeof(m->days[lo]));
	snprintf(m->days[lo].day, sizeof(m->days[lo].day), "%s", day);
	return &m->days[lo];
}

/* A key's value in the map of first touches when it was touched before
 * the pass met it: none of its touches in the pass is its first. */
#define TOUCHED_BEFORE	INT64_MIN

/*
 * Whether the department's period [t0, t1) is a good part of the
 * history of done touches -- a sixteenth of the time from the first to
 * the last -- so that reading every company's first touch in one
 * sequential pass (load_first_touches) costs less than a seek for each
 * company the period touches.  A seek costs about what reading sixteen
 * index entries in a row does (measured on the benchmark's file: a
 * quarter of three years took 171 ms by seeks, 144 ms by the pass; a
 * week 29 ms against 109), so the pass never costs more than sixteen
 * times the period's own events.  Two index lookups (events_done).
 */
static int
period_is_long(struct db *db, int64_t t0, int64_t t1, int *is_long,
    struct so_err *err)
{
	sqlite3_stmt *st;
	int64_t first, last;
	int rc, code;

	*is_long = 0;
	code = db_prepare(db, "SELECT (SELECT min(start_at) FROM events "
	    "WHERE status = 'done' AND deleted_at IS NULL AND rrule = ''), "
	    "(SELECT max(start_at) FROM events WHERE status = 'done' "
	    "AND deleted_at IS NULL AND rrule = '')", &st, err);
	if (code != SO_OK)
		return code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		/* The part of the history the period covers (an open
		 * end is INT64_MIN or INT64_MAX: no subtraction of those). */
		first = sqlite3_column_int64(st, 0);
		last = sqlite3_column_int64(st, 1);
		if (t0 < first)
			t0 = first;
		if (t1 > last)
			t1 = last;
		*is_long = t1 - t0 >= (last - first) / 16;
	}
	db_done(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, N_("reading the span of done touches"),
		    err);
	return SO_OK;
}

/*
 * The keys (a company's id; without one, the contact's, negated) whose
 * first done touch of all time lies in [t0, t1), with that moment: one
 * sequential read of the partial index events_done_company (a merge's
 * message, no touch, known by a seek of its id).  A key of
 * the period missing here was touched before t0.
 */
static int
load_first_touches(struct db *db, int64_t t0, int64_t t1, struct imap *first,
    struct so_err *err)
{
	static const char *const sql[2] = {
		"SELECT company_id, min(start_at) AS m FROM events "
		"WHERE status = 'done' AND deleted_at IS NULL AND rrule = '' "
		"AND company_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
		"merge_messages WHERE event_id = events.id) "
		"GROUP BY company_id HAVING m >= ?1 AND m < ?2",
		"SELECT -contact_id, min(start_at) AS m FROM events "
		"WHERE status = 'done' AND deleted_at IS NULL AND rrule = '' "
		"AND company_id IS NULL AND contact_id IS NOT NULL "
		"AND NOT EXISTS (SELECT 1 FROM merge_messages "
		"WHERE event_id = events.id) "
		"GROUP BY contact_id HAVING m >= ?1 AND m < ?2",
	};
	sqlite3_stmt *st;
	int i, rc, code;

	for (i = 0; i < 2; i++) {
		if ((code = db_prepare(db, sql[i], &st, err)) != SO_OK)
			return code;
		sqlite3_bind_int64(st, 1, t0);
		sqlite3_bind_int64(st, 2, t1);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			imap_put(first, sqlite3_column_int64(st, 0),
			    sqlite3_column_int64(st, 1));
		db_done(st);
		if (rc != SQLITE_DONE)
			return db_error(db, rc, N_("reading first touches"),
			    err);
	}
	return SO_OK;
}

static int
load_events(struct db *db, struct activity *a, int64_t user_id,
    int64_t t0, int64_t t1, int bulk, struct so_err *err)
{
	struct activity_manager *m;
	struct activity_event ev;
	struct activity_day *row;
	struct imap first = { 0 };
	sqlite3_stmt *st;
	int64_t ds = 0, de = 0, start, key, *min;
	int hit[ACT_NCOLS], need = 0, any, touch, i, f, rc, code = SO_OK;
	char day[11] = "";

	for (i = 0; i < ACT_NCOLS; i++)
		need |= activity_rule_needs_touch(&a->rules[i]);
	bulk = bulk && need;
	if (bulk && (code = load_first_touches(db, t0, t1, &first, err)) !=
	    SO_OK) {
		imap_free(&first);
		return code;
	}
	/* Every column of the WHERE is in events_done, so the planner
	 * sees the index as covering and prefers it to events_start; a
	 * merge's message is known by one seek of its id (the rowid, in
	 * the index too). */
	code = db_prepare(db, user_id ?
	    "SELECT start_at, coalesce(assignee_id, 0), coalesce(type_id, 0), "
	    "coalesce(result_id, 0), coalesce(company_id, 0), "
	    "coalesce(contact_id, 0), EXISTS (SELECT 1 FROM merge_messages "
	    "WHERE event_id = events.id) FROM events WHERE status = 'done' "
	    "AND deleted_at IS NULL AND rrule = '' AND start_at >= ?1 "
	    "AND start_at < ?2 AND assignee_id = ?3 ORDER BY start_at" :
	    "SELECT start_at, coalesce(assignee_id, 0), coalesce(type_id, 0), "
	    "coalesce(result_id, 0), coalesce(company_id, 0), "
	    "coalesce(contact_id, 0), EXISTS (SELECT 1 FROM merge_messages "
	    "WHERE event_id = events.id) FROM events WHERE status = 'done' "
	    "AND deleted_at IS NULL AND rrule = '' AND start_at >= ?1 "
	    "AND start_at < ?2 ORDER BY start_at", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, t0);
	sqlite3_bind_int64(st, 2, t1);
	if (user_id)
		sqlite3_bind_int64(st, 3, user_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		start = sqlite3_column_int64(st, 0);
		ev.type_id = sqlite3_column_int64(st, 2);
		ev.result_id = sqlite3_column_int64(st, 3);
		key = sqlite3_column_int64(st, 4);
		if (key == 0)
			key = -sqlite3_column_int64(st, 5);
		/* A key met for the first time in the pass: its first
		 * touch here, unless it had one before (one seek in
		 * events_done_company; by anyone, so a manager's report
		 * asks too when a colleague touched the company first in
		 * the period). */
		ev.first = 1;
		ev.merged = sqlite3_column_int(st, 6);
		if (key != 0 && need && !ev.merged) {
			if ((min = imap_find(&first, key)) == NULL && !bulk) {
				if ((code = activity_first_touch(db, key > 0 ?
				    key : 0, key < 0 ? -key : 0, start, &f,
				    err)) != SO_OK)
					break;
				imap_put(&first, key, f ? start :
				    TOUCHED_BEFORE);
				min = imap_find(&first, key);
			}
			ev.first = min != NULL && *min != TOUCHED_BEFORE &&
			    start <= *min;
		}
		for (i = 0, any = 0; i < ACT_NCOLS; i++)
			any |= hit[i] = activity_rule_match(&a->rules[i], &ev);
		/* A touch a column does not count still starts the
		 * manager's day (its lateness); nobody's does not. */
		touch = !ev.merged && sqlite3_column_int64(st, 1) != 0;
		if (!any && !touch)
			continue;
		code = manager_of(db, a, user_id, sqlite3_column_int64(st, 1),
		    &m, err);
		if (code != SO_OK)
			break;
		if (m == NULL)
			continue;
		if (start < ds || start >= de)
			day_of(start, day, &ds, &de);
		row = day_row(m, day);
		/* In time order: the day's first touch is the first met. */
		if (touch && row->first_at == 0)
			row->first_at = start;
		for (i = 0; i < ACT_NCOLS; i++)
			row->c.n[i] += hit[i];
	}
	db_done(st);
	if (code == SO_OK && rc != SQLITE_DONE)
		code = db_error(db, rc, N_("reading the activity"), err);
	imap_free(&first);
	return code;
}

/* Every deal's manager (0: none), by deal id: for a long period, one
 * read of the deals table rather than a seek for each of its deals. */
static int
load_deal_managers(struct db *db, struct imap *deals, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	code = db_prepare(db, "SELECT id, coalesce(manager_id, 0) FROM deals",
	    &st, err);
	if (code != SO_OK)
		return code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		imap_put(deals, sqlite3_column_int64(st, 0),
		    sqlite3_column_int64(st, 1));
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading the deals' managers"), err);
	return SO_OK;
}

/* The manager of a deal (0: none, or no such deal), remembered. */
static int
deal_manager(struct db *db, struct imap *cache, int64_t deal_id,
    int64_t *out, struct so_err *err)
{
	sqlite3_stmt *st;
	int64_t *v;
	int rc, code;

	*out = 0;
	if (deal_id == 0)
		return SO_OK;
	if ((v = imap_find(cache, deal_id)) != NULL) {
		*out = *v;
		return SO_OK;
	}
	code = db_prepare(db, "SELECT coalesce(manager_id, 0) FROM deals "
	    "WHERE id = ?", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, deal_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading a deal's manager"), err);
	imap_put(cache, deal_id, *out);
	return SO_OK;
}

static int
company_manager(struct db *db, struct imap *cache, int64_t company_id,
    int64_t *out, struct so_err *err)
{
	sqlite3_stmt *st;
	int64_t *v;
	int rc, code;

	*out = 0;
	if (company_id == 0)
		return SO_OK;
	if ((v = imap_find(cache, company_id)) != NULL) {
		*out = *v;
		return SO_OK;
	}
	code = db_prepare(db, "SELECT coalesce(manager_id, 0) FROM companies "
	    "WHERE id = ?", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, company_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading a company's manager"), err);
	imap_put(cache, company_id, *out);
	return SO_OK;
}

static int
load_payments(struct db *db, struct activity *a, int64_t user_id,
    const char *from, const char *to, int bulk, struct so_err *err)
{
	struct imap deals = { 0 }, companies = { 0 };
	struct activity_manager *m;
	sqlite3_stmt *st = NULL;
	int64_t uid;
	int rc = SQLITE_DONE, code;

	if (bulk && (code = load_deal_managers(db, &deals, err)) != SO_OK) {
		imap_free(&deals);
		return code;
	}
	code = db_prepare(db, "SELECT paid_on, coalesce(deal_id, 0), "
	    "coalesce(company_id, 0), sum(amount) FROM payments "
	    "WHERE deleted_at IS NULL AND paid_on >= ?1 AND paid_on <= ?2 "
	    "GROUP BY paid_on, deal_id, company_id", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, *from ? from : "0001-01-01", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, *to ? to : "9999-12-31", -1,
	    SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((code = deal_manager(db, &deals, sqlite3_column_int64(st,
		    1), &uid, err)) != SO_OK)
			break;
		if (uid == 0 && (code = company_manager(db, &companies,
		    sqlite3_column_int64(st, 2), &uid, err)) != SO_OK)
			break;
		if (user_id && uid != user_id)
			continue;
		if ((code = manager_of(db, a, user_id, uid, &m, err)) != SO_OK)
			break;
		if (m != NULL)
			day_row(m, db_text(st, 0))->c.payments +=
			    sqlite3_column_int64(st, 3);
	}
	db_done(st);
	if (code == SO_OK && rc != SQLITE_DONE)
		code = db_error(db, rc, N_("reading the payments"), err);
	imap_free(&deals);
	imap_free(&companies);
	return code;
}

/*
 * The days on which a journal of a later day (tomorrow's, or Monday's on
 * a Friday) was sent, by the local day of its sending; one read of the
 * index journal_sent_at over the period.
 */
static int
load_journals(struct db *db, struct activity *a, int64_t user_id,
    int64_t t0, int64_t t1, struct so_err *err)
{
	struct activity_manager *m;
	struct activity_day *row;
	sqlite3_stmt *st;
	char day[11];
	int64_t ds, de;
	int rc, code;

	code = db_prepare(db, "SELECT sent_at, user_id, day FROM journal_sent "
	    "WHERE sent_at >= ?1 AND sent_at < ?2 ORDER BY sent_at", &st,
	    err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, t0);
	sqlite3_bind_int64(st, 2, t1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (user_id && sqlite3_column_int64(st, 1) != user_id)
			continue;
		day_of(sqlite3_column_int64(st, 0), day, &ds, &de);
		if (strcmp(db_text(st, 2), day) <= 0)
			continue;	/* today's or an old one: not ahead */
		if ((code = manager_of(db, a, user_id, sqlite3_column_int64(st,
		    1), &m, err)) != SO_OK)
			break;
		if (m == NULL)
			continue;
		row = day_row(m, day);
		row->journal_sent = 1;
	}
	db_done(st);
	if (code == SO_OK && rc != SQLITE_DONE)
		code = db_error(db, rc, N_("reading the journals sent"), err);
	return code;
}

/* Each day's weekday and lateness, and the journal in its counts. */
static void
finish_days(struct db *db, struct activity *a)
{
	struct activity_day *row;
	struct tm tm;
	unsigned workdays;
	time_t t;
	size_t i, j;
	int start, at;

	settings_work_week(db, &workdays, &start);
	snprintf(a->work_start, sizeof(a->work_start), "%02u:%02u",
	    (unsigned)start / 60 % 24, (unsigned)start % 60);
	for (i = 0; i < a->n; i++)
		for (j = 0; j < a->v[i].ndays; j++) {
			row = &a->v[i].days[j];
			t = (time_t)dt_date_start(row->day, 0);
			localtime_r(&t, &tm);
			row->wday = tm.tm_wday;
			row->late = -1;
			row->c.journals = row->journal_sent;
			if (row->first_at == 0 || !(workdays &
			    (1u << row->wday)))
				continue;
			t = (time_t)row->first_at;
			localtime_r(&t, &tm);
			at = tm.tm_hour * 60 + tm.tm_min;
			row->late = at > start ? at - start : 0;
			row->c.late_min = row->late;
		}
}

static void
add_counts(struct activity_counts *to, const struct activity_counts *c)
{
	int i;

	for (i = 0; i < ACT_NCOLS; i++)
		to->n[i] += c->n[i];
	to->payments += c->payments;
	to->late_min += c->late_min;
	to->journals += c->journals;
}

static const char *
manager_name(const struct activity_manager *m)
{
	return *m->full_name ? m->full_name : m->login;
}

static int
manager_cmp(const void *a, const void *b)
{
	const struct activity_manager *x = a, *y = b;
	int c;

	if ((x->user_id == 0) != (y->user_id == 0))
		return x->user_id == 0 ? 1 : -1;
	if ((c = strcmp(manager_name(x), manager_name(y))) != 0)
		return c;
	return x->user_id < y->user_id ? -1 : x->user_id > y->user_id;
}

static int
load(struct db *db, int64_t user_id, const char *from,
    const char *to, struct activity *out, struct so_err *err)
{
	struct user_brief *users, u;
	int64_t t0, t1;
	size_t i, j, n;
	int bulk = 0, code;

	memset(out, 0, sizeof(*out));
	if ((code = acl_check_user(db, user_id, ACL_OTHERS_FIGURES, err)) != SO_OK)
		return code;
	if ((code = rep_day_range(from, to, &t0, &t1, err)) != SO_OK)
		return code;
	if ((code = activity_rules_load(db, out->rules, err)) != SO_OK)
		return code;
	if (user_id) {
		if ((code = store_user_get(db, user_id, &u, err)) != SO_OK)
			goto fail;
		add_manager(out, u.id, u.login, u.full_name);
		store_user_brief_clear(&u);
	} else {
		if ((code = store_users_active(db, &users, &n, err)) != SO_OK)
			goto fail;
		for (i = 0; i < n; i++)
			add_manager(out, users[i].id, users[i].login,
			    users[i].full_name);
		store_users_free(users, n);
	}
	/* The department's long period reads what a short one seeks
	 * (period_is_long). */
	if (user_id == 0 && (code = period_is_long(db, t0, t1, &bulk,
	    err)) != SO_OK)
		goto fail;
	if ((code = load_events(db, out, user_id, t0, t1, bulk, err)) !=
	    SO_OK || (code = load_payments(db, out, user_id, from, to, bulk,
	    err)) != SO_OK || (code = load_journals(db, out, user_id, t0, t1,
	    err)) != SO_OK)
		goto fail;
	finish_days(db, out);
	qsort(out->v, out->n, sizeof(*out->v), manager_cmp);
	for (i = 0; i < out->n; i++) {
		for (j = 0; j < out->v[i].ndays; j++)
			add_counts(&out->v[i].total, &out->v[i].days[j].c);
		add_counts(&out->total, &out->v[i].total);
	}
	return SO_OK;
fail:
	activity_free(out);
	return code;
}

/* The sorts of a report grow with its period: on disk (db_spill_begin),
 * so a report over all time stays within the memory budget. */
int
activity_load(struct db *db, int64_t user_id, const char *from,
    const char *to, struct activity *out, struct so_err *err)
{
	int code;

	db_spill_begin(db);
	code = load(db, user_id, from, to, out, err);
	db_spill_end(db);
	return code;
}

void
activity_free(struct activity *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < a->n; i++) {
		free(a->v[i].login);
		free(a->v[i].full_name);
		free(a->v[i].days);
	}
	free(a->v);
	activity_rules_clear(a->rules);
	memset(a, 0, sizeof(*a));
}
