/*
 * The per-recipient log of a mailing and a program's results; see
 * mailing.h.
 *
 * The results are three aggregate queries over the members' companies
 * (a CTE of at most the program's members, found by
 * program_members_program), each reading the companies' payments and
 * deals by their company indexes: the cost is the members', not the
 * tables'.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/entities.h"
#include "store/mailing.h"
#include "store/settings.h"

#define DAYS_MAX	3650

static int64_t
opt_id(int64_t v)
{
	return v == SO_NULL ? 0 : v;
}

int
mail_log_add(struct db *db, const struct mail_entry *e, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	code = db_prepare(db, "INSERT INTO mail_log (sent_at, user_id, "
	    "template, status, error, addr, contact_id, company_id, "
	    "program_id, event_id) VALUES (?1, nullif(?2, 0), ?3, ?4, ?5, "
	    "?6, nullif(?7, 0), nullif(?8, 0), nullif(?9, 0), "
	    "nullif(?10, 0))", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, db_now(db));
	sqlite3_bind_int64(st, 2, db_user_id(db));
	sqlite3_bind_text(st, 3, e->template ? e->template : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, e->status, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, e->error ? e->error : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, e->addr ? e->addr : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 7, opt_id(e->contact_id));
	sqlite3_bind_int64(st, 8, opt_id(e->company_id));
	sqlite3_bind_int64(st, 9, opt_id(e->program_id));
	sqlite3_bind_int64(st, 10, opt_id(e->event_id));
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("logging a mailing"), err);
	return SO_OK;
}

#define LOG_COLS							\
	"SELECT l.id, l.sent_at, l.template, l.status, l.error, l.addr, " \
	"coalesce(l.contact_id, 0), coalesce(l.company_id, 0), "	\
	"coalesce(l.program_id, 0), coalesce(l.event_id, 0), "		\
	"coalesce((SELECT trim(k.last_name || ' ' || k.first_name) "	\
	"FROM contacts k WHERE k.id = l.contact_id), (SELECT c.name "	\
	"FROM companies c WHERE c.id = l.company_id), '') FROM mail_log l "

int
mail_log_list(struct db *db, const struct entity *ent, int64_t id,
    size_t limit, struct mail_entry **out, size_t *n, struct so_err *err)
{
	sqlite3_stmt *st;
	const char *sql;
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	if (ent == &entity_contact)
		sql = LOG_COLS "WHERE l.contact_id = ?1 "
		    "ORDER BY l.sent_at DESC, l.id DESC LIMIT ?2";
	else if (ent == &entity_company)
		sql = LOG_COLS "WHERE l.company_id = ?1 "
		    "ORDER BY l.sent_at DESC, l.id DESC LIMIT ?2";
	else if (ent == &entity_program)
		sql = LOG_COLS "WHERE l.program_id = ?1 "
		    "ORDER BY l.sent_at DESC, l.id DESC LIMIT ?2";
	else
		return SO_OK;
	if ((code = db_prepare(db, sql, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct mail_entry *e;

		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		e = &(*out)[(*n)++];
		e->id = sqlite3_column_int64(st, 0);
		e->sent_at = sqlite3_column_int64(st, 1);
		e->template = db_text_dup(st, 2);
		e->status = db_text_dup(st, 3);
		e->error = db_text_dup(st, 4);
		e->addr = db_text_dup(st, 5);
		e->contact_id = sqlite3_column_int64(st, 6);
		e->company_id = sqlite3_column_int64(st, 7);
		e->program_id = sqlite3_column_int64(st, 8);
		e->event_id = sqlite3_column_int64(st, 9);
		e->who = db_text_dup(st, 10);
	}
	db_done(st);
	if (rc == SQLITE_DONE)
		return SO_OK;
	mail_log_free(*out, *n);
	*out = NULL;
	*n = 0;
	return db_error(db, rc, N_("reading the mailing log"), err);
}

void
mail_log_free(struct mail_entry *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].template);
		free(v[i].status);
		free(v[i].error);
		free(v[i].addr);
		free(v[i].who);
	}
	free(v);
}

/* ---- a program's results ---- */

int
program_attribution_days(struct db *db)
{
	char *v = settings_get_text(db, "program.attribution_days");
	int n = 0;
	const char *c;

	/* settings_set_text checked it: whole days, 1 to 3650 */
	for (c = v ? v : ""; *c >= '0' && *c <= '9' && n <= DAYS_MAX; c++)
		n = n * 10 + (*c - '0');
	free(v);
	return n >= 1 && n <= DAYS_MAX ? n : 90;
}

/* "YYYY-MM-DD" plus days into out; 0 when ymd is no date. */
static int
add_days(const char *ymd, int days, char out[11])
{
	int y, m, d;

	if (!dt_valid_date(ymd) || sscanf(ymd, "%d-%d-%d", &y, &m, &d) != 3)
		return 0;
	dt_civil_from_days(dt_days_from_civil(y, m, d) + days, &y, &m, &d);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return 1;
}

/* The window of program id into r (from, to, days); r->from is "" when
 * the program has no start. */
static int
window(struct db *db, int64_t id, struct program_results *r,
    struct so_err *err)
{
	struct program p;
	int code;

	memset(r, 0, sizeof(*r));
	r->days = program_attribution_days(db);
	if ((code = store_program_get(db, id, &p, err)) != SO_OK)
		return code;
	if (p.starts_on && add_days(p.starts_on, 0, r->from) &&
	    !add_days(p.ends_on && *p.ends_on ? p.ends_on : p.starts_on,
	    r->days, r->to))
		add_days(p.starts_on, r->days, r->to);
	store_program_clear(&p);
	return SO_OK;
}

/*
 * The members' companies (?1 the program) the current user may take
 * figures of, as a CTE named mc.
 */
static void
members_cte(struct db *db, struct strbuf *b)
{
	int64_t mine = acl_export_owner(db);

	sb_add(b, "WITH mc(id) AS (SELECT DISTINCT c.id FROM program_members "
	    "m LEFT JOIN contacts k ON k.id = m.contact_id JOIN companies c "
	    "ON c.id = coalesce(m.company_id, k.company_id) WHERE "
	    "m.program_id = ?1 AND m.deleted_at IS NULL AND c.deleted_at "
	    "IS NULL");
	if (mine) {
		sb_add(b, " AND ");
		acl_owner_sql(&entity_company, "c", b);
		sb_printf(b, " = %" PRId64, mine);
	}
	sb_add(b, ") ");
}

/* Binds ?1 the program, ?2 ?3 the window as moments, ?4 ?5 as days. */
static void
bind_window(sqlite3_stmt *st, int64_t id, const struct program_results *r)
{
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, dt_date_start(r->from, 0));
	sqlite3_bind_int64(st, 3, dt_date_start(r->to, 0));
	sqlite3_bind_text(st, 4, r->from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, r->to, -1, SQLITE_TRANSIENT);
}

#define DEALS_WHERE							\
	"FROM deals d WHERE d.company_id IN (SELECT id FROM mc) AND "	\
	"d.deleted_at IS NULL AND d.created_at >= ?2 AND d.created_at < ?3 "
#define PAYMENTS_WHERE							\
	"FROM payments p WHERE p.company_id IN (SELECT id FROM mc) AND "\
	"p.deleted_at IS NULL AND p.paid_on >= ?4 AND p.paid_on < ?5 "

int
program_results(struct db *db, int64_t id, struct program_results *r,
    struct so_err *err)
{
	struct strbuf b = { 0 };
	sqlite3_stmt *st;
	int rc, code;

	if ((code = window(db, id, r, err)) != SO_OK)
		return code;
	code = db_prepare(db, "SELECT status, count(*) FROM mail_log WHERE "
	    "program_id = ?1 GROUP BY status", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = db_text(st, 0);
		int64_t k = sqlite3_column_int64(st, 1);

		if (strcmp(s, MAIL_SENT) == 0)
			r->sent = k;
		else if (strcmp(s, MAIL_FAILED) == 0)
			r->failed = k;
		else
			r->skipped = k;
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading the mailing log"), err);
	members_cte(db, &b);
	sb_add(&b, "SELECT (SELECT count(*) FROM mc), (SELECT count(*) "
	    DEALS_WHERE "), (SELECT coalesce(sum(d.amount), 0) " DEALS_WHERE
	    "), (SELECT count(*) " PAYMENTS_WHERE "), (SELECT "
	    "coalesce(sum(p.amount), 0) " PAYMENTS_WHERE ")");
	code = db_prepare(db, sb_str(&b), &st, err);
	sb_free(&b);
	if (code != SO_OK)
		return code;
	bind_window(st, id, r);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r->companies = sqlite3_column_int64(st, 0);
		if (*r->from) {
			r->deals = sqlite3_column_int64(st, 1);
			r->deals_amount = sqlite3_column_int64(st, 2);
			r->payments = sqlite3_column_int64(st, 3);
			r->paid = sqlite3_column_int64(st, 4);
		}
	}
	db_done(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, N_("reading a program's results"),
		    err);
	return SO_OK;
}

int
program_items(struct db *db, int64_t id, int payments,
    struct program_item **out, size_t *n, struct so_err *err)
{
	struct program_results r;
	struct strbuf b = { 0 };
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	if ((code = window(db, id, &r, err)) != SO_OK || *r.from == '\0')
		return code;
	members_cte(db, &b);
	if (payments)
		sb_add(&b, "SELECT p.paid_on, p.id, p.company_id, (SELECT "
		    "c.name FROM companies c WHERE c.id = p.company_id), "
		    "p.document, p.amount " PAYMENTS_WHERE
		    "ORDER BY p.paid_on, p.id");
	else
		sb_add(&b, "SELECT d.created_at, d.id, d.company_id, (SELECT c.name FROM "
		    "companies c WHERE c.id = d.company_id), d.title, "
		    "coalesce(d.amount, 0) " DEALS_WHERE
		    "ORDER BY d.created_at, d.id");
	code = db_prepare(db, sb_str(&b), &st, err);
	sb_free(&b);
	if (code != SO_OK)
		return code;
	bind_window(st, id, &r);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct program_item *it;

		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		it = &(*out)[(*n)++];
		if (payments)
			snprintf(it->day, sizeof(it->day), "%s",
			    db_text(st, 0));
		else
			dt_format_date((time_t)sqlite3_column_int64(st, 0),
			    it->day);
		it->id = sqlite3_column_int64(st, 1);
		it->company_id = sqlite3_column_int64(st, 2);
		it->company = db_text_dup(st, 3);
		it->title = db_text_dup(st, 4);
		it->amount = sqlite3_column_int64(st, 5);
	}
	db_done(st);
	if (rc == SQLITE_DONE)
		return SO_OK;
	program_items_free(*out, *n);
	*out = NULL;
	*n = 0;
	return db_error(db, rc, N_("reading a program's results"), err);
}

void
program_items_free(struct program_item *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].company);
		free(v[i].title);
	}
	free(v);
}

int
program_find(struct db *db, const char *text, int64_t *id,
    struct so_err *err)
{
	sqlite3_stmt *st;
	const char *v;
	int rc, code, n = 0;

	*id = 0;
	for (v = text; *v >= '0' && *v <= '9'; v++)
		;
	code = db_prepare(db, "SELECT id FROM programs WHERE deleted_at IS "
	    "NULL AND (id = ?1 OR so_fold(name) = so_fold(?2)) ORDER BY "
	    "id = ?1 DESC LIMIT 2", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, *v == '\0' && v - text < 19 && v > text ?
	    strtoll(text, NULL, 10) : -1);
	sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (n++ == 0)
			*id = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("finding a program"), err);
	if (n == 0)
		return so_err_set(err, SO_ENOTFOUND, _("no program \"%s\" (by "
		    "its name or id; salesorg list programs)"), text);
	if (n > 1 && *v != '\0')
		return so_err_set(err, SO_EINVAL, _("more than one program "
		    "is called \"%s\": give its id"), text);
	return SO_OK;
}

/*
 * The log is read in the order sent and summed per template and day in
 * C: the day is the local one (datetime.h), which SQL does not know,
 * and a program's rows are its members' times its mailings.
 */
int
program_mailings(struct db *db, int64_t id, struct program_mailing **out,
    size_t *n, struct so_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0, i;
	int rc, code;

	*out = NULL;
	*n = 0;
	code = db_prepare(db, "SELECT sent_at, template, status FROM mail_log "
	    "WHERE program_id = ?1 ORDER BY sent_at, id", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct program_mailing *m = NULL;
		const char *tpl = db_text(st, 1), *s = db_text(st, 2);
		char day[11];

		dt_format_date((time_t)sqlite3_column_int64(st, 0), day);
		for (i = 0; i < *n && m == NULL; i++)
			if (strcmp((*out)[i].day, day) == 0 &&
			    strcmp((*out)[i].template, tpl) == 0)
				m = &(*out)[i];
		if (m == NULL) {
			if (*n == cap) {
				cap = cap ? cap * 2 : 8;
				*out = xrealloc(*out, cap * sizeof(**out));
			}
			m = &(*out)[(*n)++];
			memset(m, 0, sizeof(*m));
			memcpy(m->day, day, sizeof(m->day));
			m->template = xstrdup(tpl);
		}
		if (strcmp(s, MAIL_SENT) == 0)
			m->sent++;
		else if (strcmp(s, MAIL_FAILED) == 0)
			m->failed++;
		else
			m->skipped++;
	}
	db_done(st);
	if (rc == SQLITE_DONE)
		return SO_OK;
	program_mailings_free(*out, *n);
	*out = NULL;
	*n = 0;
	return db_error(db, rc, N_("reading the mailing log"), err);
}

void
program_mailings_free(struct program_mailing *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i].template);
	free(v);
}

int
program_conversion(struct db *db, int64_t id, int64_t *members,
    int64_t *paying, struct so_err *err)
{
	struct program_results r;
	struct strbuf b = { 0 };
	sqlite3_stmt *st;
	int64_t mine;
	int rc, code;

	*members = *paying = 0;
	if ((code = window(db, id, &r, err)) != SO_OK)
		return code;
	/* a member without a company counts among the department's
	 * members, never as paying */
	sb_add(&b, "SELECT count(*), coalesce(sum(c.id IS NOT NULL AND "
	    "?4 != '' AND EXISTS (SELECT 1 FROM payments p WHERE "
	    "p.company_id = c.id AND p.deleted_at IS NULL AND p.paid_on >= "
	    "?4 AND p.paid_on < ?5)), 0) FROM program_members m LEFT JOIN "
	    "contacts k ON k.id = m.contact_id LEFT JOIN companies c ON "
	    "c.id = coalesce(m.company_id, k.company_id) AND c.deleted_at IS "
	    "NULL WHERE m.program_id = ?1 AND m.deleted_at IS NULL");
	if ((mine = acl_export_owner(db)) != 0) {
		sb_add(&b, " AND ");
		acl_owner_sql(&entity_company, "c", &b);
		sb_printf(&b, " = %" PRId64, mine);
	}
	code = db_prepare(db, sb_str(&b), &st, err);
	sb_free(&b);
	if (code != SO_OK)
		return code;
	bind_window(st, id, &r);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*members = sqlite3_column_int64(st, 0);
		*paying = sqlite3_column_int64(st, 1);
	}
	db_done(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, N_("reading a program's results"),
		    err);
	return SO_OK;
}

int
program_latest(struct db *db, int64_t *id, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	*id = 0;
	code = db_prepare(db, "SELECT id FROM programs WHERE deleted_at IS "
	    "NULL AND starts_on != '' ORDER BY starts_on DESC, id DESC "
	    "LIMIT 1", &st, err);
	if (code != SO_OK)
		return code;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, N_("finding a program"), err);
	if (*id == 0)
		return so_err_set(err, SO_ENOTFOUND, _("no program has a start "
		    "date: which one? (--id ID|NAME)"));
	return SO_OK;
}
