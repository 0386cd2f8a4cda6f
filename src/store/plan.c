/*
 * The department's plans and their figures; see include/store/plan.h
 * for the rules (which fact each measure counts, the team's plan when
 * none is set, the forecast).
 *
 * The facts are not counted afresh here: payments and won deals come
 * from the sales report's query (rep_sales_load, one GROUP BY each
 * over payments and deals), so a plan's fact cannot drift from the
 * figure the sales report shows; meetings and calls are one GROUP BY
 * by assignee over the covering index events_done (sql/008), as the
 * activity report reads them.  The period arithmetic (working days,
 * month ends, leap years) is civil-calendar arithmetic on the digits,
 * never through time_t, so no time zone or DST change can move a day.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/audit.h"
#include "store/lookup.h"
#include "store/plan.h"
#include "store/report_common.h"
#include "store/report_sales.h"
#include "store/settings.h"

static const char *const measure_names[PLAN_NMEASURES] = {
	"payments", "won", "meetings", "calls"
};
static const char *const measure_labels[PLAN_NMEASURES] = {
	N_("Payments"),
	/* TRANSLATORS: a plan's measure: the sum of the deals won. */
	N_("Deals won, sum"),
	/* TRANSLATORS: a plan's measure: meetings held (a count). */
	N_("Meetings held"),
	/* TRANSLATORS: a plan's measure: calls made (a count). */
	N_("Calls made"),
};

const char *
plan_measure_name(enum plan_measure m)
{
	return (unsigned)m < PLAN_NMEASURES ? measure_names[m] : "";
}

int
plan_measure_parse(const char *name)
{
	int i;

	for (i = 0; i < PLAN_NMEASURES; i++)
		if (strcmp(name, measure_names[i]) == 0)
			return i;
	return -1;
}

const char *
plan_measure_label(enum plan_measure m)
{
	return (unsigned)m < PLAN_NMEASURES ? _(measure_labels[m]) : "";
}

int
plan_measure_money(enum plan_measure m)
{
	return m == PLAN_PAYMENTS || m == PLAN_WON;
}

/* ---- periods and working days ---- */

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

static int
ymd_parse(const char *s, int *y, int *m, int *d)
{
	return dt_valid_date(s) && sscanf(s, "%4d-%2d-%2d", y, m, d) == 3;
}

/* The months fm..tm (1-12) of year y as p. */
static void
span(struct plan_period *p, int y, int fm, int tm)
{
	snprintf(p->from, sizeof(p->from), "%04d-%02d-01", y, fm);
	snprintf(p->to, sizeof(p->to), "%04d-%02d-%02d", y, tm,
	    month_days(y, tm));
}

int
plan_period_parse(const char *text, struct plan_period *p,
    struct so_err *err)
{
	int y, n, len;
	char c;

	memset(p, 0, sizeof(*p));
	len = (int)strlen(text);
	if (len == 4 && sscanf(text, "%4d%c", &y, &c) == 1 && y >= 1900 &&
	    strspn(text, "0123456789") == 4) {
		snprintf(p->key, sizeof(p->key), "%04u", (unsigned)y % 10000);
		p->kind = 'y';
		span(p, y, 1, 12);
		return SO_OK;
	}
	if (len == 7 && strspn(text, "0123456789") == 4 && text[4] == '-' &&
	    sscanf(text, "%4d", &y) == 1 && y >= 1900) {
		if ((text[5] == 'Q' || text[5] == 'q') && text[6] >= '1' &&
		    text[6] <= '4') {
			n = text[6] - '0';
			snprintf(p->key, sizeof(p->key), "%04u-Q%u",
			    (unsigned)y % 10000, (unsigned)n % 10);
			p->kind = 'q';
			span(p, y, n * 3 - 2, n * 3);
			return SO_OK;
		}
		if (strspn(text + 5, "0123456789") == 2 &&
		    (n = atoi(text + 5)) >= 1 && n <= 12) {
			snprintf(p->key, sizeof(p->key), "%04u-%02u",
			    (unsigned)y % 10000, (unsigned)n % 100);
			p->kind = 'm';
			span(p, y, n, n);
			return SO_OK;
		}
	}
	return so_err_field(err, SO_EINVAL, "period", _("period: a month "
	    "(2026-12), a quarter (2026-Q4) or a year (2026), not \"%s\""),
	    text);
}

int
plan_period_of(const char *from, const char *to, struct plan_period *p)
{
	int fy, fm, fd, ty, tm, td;
	char key[16];

	if (!ymd_parse(from, &fy, &fm, &fd) || !ymd_parse(to, &ty, &tm, &td) ||
	    fy != ty || fd != 1 || td != month_days(ty, tm))
		return 0;
	if (fm == tm)
		snprintf(key, sizeof(key), "%04d-%02d", fy, fm);
	else if (fm % 3 == 1 && tm == fm + 2)
		snprintf(key, sizeof(key), "%04d-Q%d", fy, (fm + 2) / 3);
	else if (fm == 1 && tm == 12)
		snprintf(key, sizeof(key), "%04d", fy);
	else
		return 0;
	return plan_period_parse(key, p, NULL) == SO_OK;
}

int
plan_period_months(const struct plan_period *p, struct plan_period months[12])
{
	int y, m, d, tm, n = 0;
	char key[16];

	if (!ymd_parse(p->from, &y, &m, &d) || sscanf(p->to + 5, "%2d",
	    &tm) != 1)
		return 0;
	for (; m <= tm && n < 12; m++) {
		snprintf(key, sizeof(key), "%04d-%02d", y, m);
		plan_period_parse(key, &months[n++], NULL);
	}
	return n;
}

int
plan_workdays(const char *from, const char *to, unsigned mask)
{
	int y, m, d, n = 0;
	long a, b, i;

	if (!ymd_parse(from, &y, &m, &d))
		return 0;
	a = dt_days_from_civil(y, m, d);
	if (!ymd_parse(to, &y, &m, &d))
		return 0;
	b = dt_days_from_civil(y, m, d);
	/* Day 0, 1970-01-01, was a Thursday (tm_wday 4). */
	for (i = a; i <= b; i++)
		if (mask & (1u << (unsigned)(((i % 7) + 7 + 4) % 7)))
			n++;
	return n;
}

int
plan_percent(int64_t plan, int64_t fact, double *pct)
{
	if (plan <= 0)
		return 0;
	*pct = 100.0 * (double)fact / (double)plan;
	return 1;
}

int64_t
plan_forecast(int64_t fact, int elapsed, int total)
{
	if (elapsed <= 0)
		return -1;
	if (elapsed >= total)
		return fact;
	return (fact * total + elapsed / 2) / elapsed;
}

/* ---- the plans ---- */

/* The user the plan is for, as "bob" or "team" for the audit row. */
static int
whose(struct db *db, int64_t user_id, char **name, struct so_err *err)
{
	struct user_brief u;
	int code;

	if (user_id == 0) {
		*name = xstrdup("team");
		return SO_OK;
	}
	if ((code = store_user_get(db, user_id, &u, err)) != SO_OK)
		return code;
	*name = xstrdup(u.login);
	store_user_brief_clear(&u);
	return SO_OK;
}

/* The audit row's field: "2026-Q4 payments bob". */
static char *
audit_key(const char *period, enum plan_measure m, const char *name)
{
	return xasprintf("%s %s %s", period, plan_measure_name(m), name);
}

/* The stored amount of a plan into *amount; SO_ENOTFOUND for none. */
static int
stored(struct db *db, int64_t user_id, const char *period,
    enum plan_measure m, int64_t *amount, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	code = db_prepare(db, "SELECT amount FROM plans WHERE period = ?1 "
	    "AND measure = ?2 AND user_id = ?3", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, period, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, plan_measure_name(m), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, user_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*amount = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc == SQLITE_ROW)
		return SO_OK;
	if (rc == SQLITE_DONE)
		return SO_ENOTFOUND;
	return db_error(db, rc, N_("reading a plan"), err);
}

/* A plan's amount as the audit log keeps it: money in minor units, as
 * every amount is there. */
static char *
amount_text(int64_t v)
{
	return xasprintf("%lld", (long long)v);
}

int
plan_set(struct db *db, int64_t user_id, const char *period,
    enum plan_measure m, int64_t amount, struct so_err *err)
{
	struct plan_period p;
	sqlite3_stmt *st;
	char *name = NULL, *key, *old = NULL, *new;
	int64_t was;
	int rc, code;

	if ((code = acl_require(db, ROLE_HEAD, N_("set plans"), err)) != SO_OK)
		return code;
	if ((code = plan_period_parse(period, &p, err)) != SO_OK)
		return code;
	if ((unsigned)m >= PLAN_NMEASURES)
		return so_err_field(err, SO_EINVAL, "measure", "%s",
		    _("measure: payments, won, meetings or calls"));
	if (amount < 0)
		return so_err_field(err, SO_EINVAL, "amount", "%s",
		    _("amount: a plan cannot be negative"));
	if ((code = whose(db, user_id, &name, err)) != SO_OK)
		return code;
	if ((code = db_begin(db, err)) != SO_OK) {
		free(name);
		return code;
	}
	code = stored(db, user_id, p.key, m, &was, err);
	if (code == SO_OK)
		old = amount_text(was);
	else if (code == SO_ENOTFOUND)
		code = SO_OK;
	if (code == SO_OK)
		code = db_prepare(db, "INSERT INTO plans (user_id, period, "
		    "measure, amount, set_at, set_by) VALUES (?1, ?2, ?3, "
		    "?4, ?5, ?6) ON CONFLICT (period, measure, user_id) DO "
		    "UPDATE SET amount = excluded.amount, set_at = "
		    "excluded.set_at, set_by = excluded.set_by", &st, err);
	if (code == SO_OK) {
		sqlite3_bind_int64(st, 1, user_id);
		sqlite3_bind_text(st, 2, p.key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, plan_measure_name(m), -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, amount);
		sqlite3_bind_int64(st, 5, (int64_t)db_now(db));
		sqlite3_bind_int64(st, 6, db_user_id(db));
		rc = sqlite3_step(st);
		db_done(st);
		if (rc != SQLITE_DONE)
			code = db_error(db, rc, N_("saving a plan"), err);
	}
	if (code == SO_OK) {
		key = audit_key(p.key, m, name);
		new = amount_text(amount);
		code = audit_write(db, "plan", user_id, old ? "update" :
		    "create", key, old, new, err);
		free(key);
		free(new);
	}
	free(old);
	free(name);
	return db_finish(db, code, err);
}

int
plan_delete(struct db *db, int64_t user_id, const char *period,
    enum plan_measure m, struct so_err *err)
{
	struct plan_period p;
	sqlite3_stmt *st;
	char *name = NULL, *key, *old;
	int64_t was;
	int rc, code;

	if ((code = acl_require(db, ROLE_HEAD, N_("delete plans"), err)) !=
	    SO_OK)
		return code;
	if ((code = plan_period_parse(period, &p, err)) != SO_OK)
		return code;
	if ((code = whose(db, user_id, &name, err)) != SO_OK)
		return code;
	if ((code = db_begin(db, err)) != SO_OK) {
		free(name);
		return code;
	}
	code = stored(db, user_id, p.key, m, &was, err);
	if (code == SO_ENOTFOUND)
		so_err_set(err, code, _("no %s plan of %s for %s"),
		    plan_measure_name(m), name, p.key);
	if (code == SO_OK)
		code = db_prepare(db, "DELETE FROM plans WHERE period = ?1 "
		    "AND measure = ?2 AND user_id = ?3", &st, err);
	if (code == SO_OK) {
		sqlite3_bind_text(st, 1, p.key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, plan_measure_name(m), -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, user_id);
		rc = sqlite3_step(st);
		db_done(st);
		if (rc != SQLITE_DONE)
			code = db_error(db, rc, N_("deleting a plan"), err);
	}
	if (code == SO_OK) {
		key = audit_key(p.key, m, name);
		old = amount_text(was);
		code = audit_write(db, "plan", user_id, "delete", key, old,
		    NULL, err);
		free(key);
		free(old);
	}
	free(name);
	return db_finish(db, code, err);
}

int
plan_list(struct db *db, const char *period, int64_t user,
    struct plan_row **out, size_t *n, struct so_err *err)
{
	struct plan_row *r;
	struct plan_period p;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	if (period && (code = plan_period_parse(period, &p, err)) != SO_OK)
		return code;
	/* A manager reads their own plans: asking for anyone's is asking
	 * for their own; the team's or a colleague's is refused. */
	if (acl_role(db) < ROLE_HEAD && user == PLAN_ANYONE)
		user = db_user_id(db);
	if (user != PLAN_ANYONE && (code = acl_check_user(db, user,
	    N_("read the team's or another manager's plans"), err)) != SO_OK)
		return code;
	code = db_prepare(db, "SELECT p.user_id, p.amount, p.set_at, "
	    "coalesce(u.login, ''), coalesce(u.full_name, ''), p.period, "
	    "p.measure FROM plans p LEFT JOIN users u ON u.id = p.user_id "
	    "WHERE (?1 IS NULL OR p.period = ?1) AND (?2 < 0 OR p.user_id = "
	    "?2) ORDER BY p.period, p.user_id <> 0, "
	    "coalesce(nullif(u.full_name, ''), u.login), p.user_id, "
	    "CASE p.measure WHEN 'payments' THEN 0 WHEN 'won' THEN 1 "
	    "WHEN 'meetings' THEN 2 ELSE 3 END", &st, err);
	if (code != SO_OK)
		return code;
	rep_bind_text(st, 1, period ? p.key : NULL);
	sqlite3_bind_int64(st, 2, user);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*out = xrealloc(*out, (cap = cap ? cap * 2 : 16) *
			    sizeof(**out));
		r = &(*out)[(*n)++];
		memset(r, 0, sizeof(*r));
		r->user_id = sqlite3_column_int64(st, 0);
		r->amount = sqlite3_column_int64(st, 1);
		r->set_at = sqlite3_column_int64(st, 2);
		r->login = db_text_dup(st, 3);
		r->full_name = db_text_dup(st, 4);
		snprintf(r->period, sizeof(r->period), "%s", db_text(st, 5));
		r->measure = (enum plan_measure)plan_measure_parse(db_text(st,
		    6));
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		plan_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
		return db_error(db, rc, N_("listing plans"), err);
	}
	return SO_OK;
}

void
plan_rows_free(struct plan_row *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].login);
		free(v[i].full_name);
	}
	free(v);
}

/* ---- the figures ---- */

/* The row of uid in measure m's rows (added, named, when missing). */
static struct plan_fig *
fig_of(struct db *db, struct plan_figures *f, int m, int64_t uid,
    const char *login, const char *full_name)
{
	struct plan_fig *r;
	struct user_brief u;
	size_t i;

	for (i = 0; i < f->nrows[m]; i++)
		if (f->rows[m][i].user_id == uid)
			return &f->rows[m][i];
	f->rows[m] = xrealloc(f->rows[m], (f->nrows[m] + 1) *
	    sizeof(*f->rows[m]));
	r = &f->rows[m][f->nrows[m]++];
	memset(r, 0, sizeof(*r));
	r->user_id = uid;
	r->forecast = -1;
	if (login) {
		r->login = xstrdup(login);
		r->full_name = xstrdup(full_name);
	} else if (uid && store_user_get(db, uid, &u, NULL) == SO_OK) {
		r->login = u.login;
		r->full_name = u.full_name;
		free(u.role);
	} else {
		r->login = xstrdup("");
		r->full_name = xstrdup("");
	}
	return r;
}

/* Adds uid's fact v to measure m: to its row when there is one to
 * show (or when, with others, it has a manager), always to the team. */
static void
add_fact(struct db *db, struct plan_figures *f, int m, int64_t manager,
    int64_t uid, int64_t v, int64_t *team)
{
	*team += v;
	if (uid == 0 || (manager && uid != manager) || v == 0)
		return;
	fig_of(db, f, m, uid, NULL, NULL)->fact += v;
}

/* Done one-off meetings (m PLAN_MEETINGS) or calls per assignee. */
#define EVENTS_SQL							\
	"SELECT coalesce(assignee_id, 0), count(*) FROM events "	\
	"WHERE status = 'done' AND deleted_at IS NULL AND rrule = '' "	\
	"AND start_at >= ?1 AND start_at < ?2 AND type_id = "		\
	"(SELECT id FROM event_types WHERE code = ?3) GROUP BY 1"

static int
load_facts(struct db *db, const struct rep_period *rp, int64_t manager,
    const struct rep_sales *given, struct plan_figures *f,
    int64_t team[PLAN_NMEASURES], struct so_err *err)
{
	struct rep_sales own;
	const struct rep_sales *s = given;
	sqlite3_stmt *st;
	size_t i;
	int m, rc, code;

	/* The department's figures even for one manager's row: the team
	 * row needs them only for manager 0, and the query is a GROUP BY
	 * by manager either way.  The sales report has them read already
	 * (given): reading them twice was half its time. */
	if (s == NULL) {
		if ((code = rep_sales_load(db, manager, rp, 0, &own, err)) !=
		    SO_OK)
			return code;
		s = &own;
	}
	for (i = 0; i < s->nrows; i++) {
		add_fact(db, f, PLAN_PAYMENTS, manager, s->rows[i].user_id,
		    s->rows[i].paid, &team[PLAN_PAYMENTS]);
		add_fact(db, f, PLAN_WON, manager, s->rows[i].user_id,
		    s->rows[i].won_sum, &team[PLAN_WON]);
	}
	if (given == NULL)
		rep_sales_clear(&own);
	for (m = PLAN_MEETINGS; m <= PLAN_CALLS; m++) {
		if ((code = db_prepare(db, EVENTS_SQL, &st, err)) != SO_OK)
			return code;
		sqlite3_bind_int64(st, 1, rp->lo);
		sqlite3_bind_int64(st, 2, rp->hi);
		sqlite3_bind_text(st, 3, m == PLAN_MEETINGS ? "meeting" :
		    "call", -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			add_fact(db, f, m, manager, sqlite3_column_int64(st,
			    0), sqlite3_column_int64(st, 1), &team[m]);
		db_done(st);
		if (rc != SQLITE_DONE)
			return db_error(db, rc, N_("counting meetings and "
			    "calls"), err);
	}
	return SO_OK;
}

static const char *
fig_name(const struct plan_fig *r)
{
	return *r->full_name ? r->full_name : r->login;
}

static int
fig_cmp(const void *a, const void *b)
{
	const struct plan_fig *x = a, *y = b;
	int c;

	if ((c = strcmp(fig_name(x), fig_name(y))) != 0)
		return c;
	return x->user_id < y->user_id ? -1 : x->user_id > y->user_id;
}

static int
load(struct db *db, const struct plan_period *period, int64_t manager,
    const struct rep_sales *sales, struct plan_figures *f,
    struct so_err *err)
{
	struct rep_period rp;
	struct user_brief *users;
	struct plan_row *plans;
	/* team[m]: the team's plan; its fact member holds the managers'
	 * plans summed until the facts are read. */
	struct plan_fig *r, team[PLAN_NMEASURES];
	int64_t tfact[PLAN_NMEASURES] = { 0 };
	size_t nusers, nplans, i;
	unsigned mask;
	int m, start, code;
	char today[11];

	f->period = *period;
	settings_work_week(db, &mask, &start);
	f->workdays = plan_workdays(period->from, period->to, mask);
	dt_format_date(db_now(db), today);
	if (strcmp(today, period->from) < 0)
		f->elapsed = 0;
	else
		f->elapsed = plan_workdays(period->from, strcmp(today,
		    period->to) < 0 ? today : period->to, mask);
	/* A period over is all elapsed, whatever the week held. */
	if (strcmp(today, period->to) > 0)
		f->elapsed = f->workdays;
	if ((code = rep_period_make(period->from, period->to, &rp, err)) !=
	    SO_OK)
		return code;
	/* The rows: the manager asked for, else every active manager. */
	if (manager) {
		struct user_brief u;

		if ((code = store_user_get(db, manager, &u, err)) != SO_OK)
			return code;
		for (m = 0; m < PLAN_NMEASURES; m++)
			fig_of(db, f, m, manager, u.login, u.full_name);
		store_user_brief_clear(&u);
	} else {
		if ((code = store_users_active(db, &users, &nusers, err)) !=
		    SO_OK)
			return code;
		for (i = 0; i < nusers; i++)
			if (strcmp(users[i].role, "manager") == 0)
				for (m = 0; m < PLAN_NMEASURES; m++)
					fig_of(db, f, m, users[i].id,
					    users[i].login, users[i].full_name);
		store_users_free(users, nusers);
	}
	if ((code = plan_list(db, period->key, manager ? manager :
	    PLAN_ANYONE, &plans, &nplans, err)) != SO_OK)
		return code;
	memset(team, 0, sizeof(team));
	for (i = 0; i < nplans; i++) {
		m = plans[i].measure;
		if (m < 0)
			continue;
		f->any_plan[m] = 1;
		r = plans[i].user_id ? fig_of(db, f, m, plans[i].user_id,
		    plans[i].login, plans[i].full_name) : &team[m];
		r->has_plan = 1;
		r->plan = plans[i].amount;
		/* The managers' plans summed, in case the team has none. */
		if (plans[i].user_id) {
			team[m].summed = 1;
			team[m].fact += plans[i].amount;
		}
	}
	plan_rows_free(plans, nplans);
	if ((code = load_facts(db, &rp, manager, sales, f, tfact, err)) !=
	    SO_OK)
		return code;
	for (m = 0; m < PLAN_NMEASURES; m++) {
		qsort(f->rows[m], f->nrows[m], sizeof(*f->rows[m]), fig_cmp);
		if (manager == 0) {
			r = fig_of(db, f, m, 0, "", "");
			r->has_plan = team[m].has_plan || team[m].summed;
			r->summed = !team[m].has_plan && team[m].summed;
			r->plan = team[m].has_plan ? team[m].plan :
			    team[m].fact;
			r->fact = tfact[m];
		}
		for (i = 0; i < f->nrows[m]; i++) {
			r = &f->rows[m][i];
			r->forecast = plan_forecast(r->fact, f->elapsed,
			    f->workdays);
		}
	}
	return SO_OK;
}

int
plan_figures_load_sales(struct db *db, const struct plan_period *period,
    int64_t manager, const struct rep_sales *sales, struct plan_figures *out,
    struct so_err *err)
{
	int code;

	memset(out, 0, sizeof(*out));
	if ((code = acl_check_user(db, manager, ACL_OTHERS_FIGURES, err)) !=
	    SO_OK)
		return code;
	if ((code = load(db, period, manager, sales, out, err)) != SO_OK)
		plan_figures_clear(out);
	return code;
}

int
plan_figures_load(struct db *db, const struct plan_period *period,
    int64_t manager, struct plan_figures *out, struct so_err *err)
{
	return plan_figures_load_sales(db, period, manager, NULL, out, err);
}

void
plan_figures_clear(struct plan_figures *f)
{
	size_t i;
	int m;

	for (m = 0; m < PLAN_NMEASURES; m++) {
		for (i = 0; i < f->nrows[m]; i++) {
			free(f->rows[m][i].login);
			free(f->rows[m][i].full_name);
		}
		free(f->rows[m]);
	}
	memset(f, 0, sizeof(*f));
}
