/*
 * ABC ranks by the 20/80 rule: in each month the companies that paid are
 * ordered by what they paid, the top fifth are A (VIP), the next fifth B
 * (good), the rest C (regular).
 *
 * The rule, in plain words (the README says the same):
 *
 *	A month's ranking counts the companies that paid in it: live
 *	payments of live companies, summed over the calendar month; a
 *	company whose payments of the month add up to zero or less (a
 *	refund) paid nothing that month.  A company that paid nothing in a
 *	month has no rank for that month.  The paying companies are ordered
 *	by their sum, largest first; companies with the same sum share the
 *	best place of their group (1, 2, 2, 4: "rank" in SQL).  With n
 *	paying companies, a company is A when its place is at most n/5
 *	rounded up, B when at most 2n/5 rounded up, C otherwise.  So
 *	companies tied across a boundary all get the higher category (and
 *	the next category has fewer), and a month with one paying company
 *	makes it A.
 *
 * That is the default.  The team may rank by another criterion and over
 * a rolling window instead (abc.by, abc.months: store/settings.h): then
 * a month's ranking orders the companies by their value over the window
 * of months ending with it (the number of payments, the units of goods,
 * the sum of services, or the sum as above), so a steady client who
 * paid nothing in the month keeps its rank.  The rule of places and
 * ties is the same.  The ranked months are still those with payments.
 *
 * A company's abc field (companies.abc, what lists sort and filter by) is
 * its rank in the latest computed month, '' when it paid nothing then.
 * company_ranks keeps every month's ranks for the card's history, and
 * abc_months says which months are computed, so the start-up check
 * (abc_auto) is one lookup.
 *
 * Why it is set-based SQL and not a loop over companies: three years of
 * 300 000 payments over 100 000 companies are some 300 000 rankings, and
 * rec_update per company (read, validate, write, audit, each its own
 * statements) would take minutes.  One INSERT ... SELECT with window
 * functions ranks every month at once; the companies whose abc changes
 * are found by one comparison with the latest month's ranks, audited by
 * one INSERT ... SELECT and changed by one UPDATE, all in the caller's
 * transaction: their version and updated_at move on like any edit's, so
 * a form open on such a company gets the usual "changed by someone
 * else".
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/i18n.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/entities.h"
#include "store/sales.h"
#include "store/settings.h"

/*
 * The ranking of the payments of the months ?1 to ?2 ("YYYY-MM"), every
 * month among them at once.  substr(paid_on, 1, 7) is spelled as the
 * payments_month index spells it, so the month's sums per company are
 * read in index order rather than sorted.  Trashed companies are left
 * out by their (few) ids from the trash index, not by looking up each
 * paying company's row: on a large file that lookup alone cost half a
 * second.
 */
#define RANK_SQL							\
	"INSERT INTO company_ranks (company_id, month, rank, total) "	\
	"SELECT company_id, month, CASE "				\
	"WHEN place <= (n + 4) / 5 THEN 'A' "				\
	"WHEN place <= (2 * n + 4) / 5 THEN 'B' ELSE 'C' END, total "	\
	"FROM (SELECT month, company_id, total, "			\
	"rank() OVER (PARTITION BY month ORDER BY total DESC) AS place, " \
	"count(*) OVER (PARTITION BY month) AS n "			\
	"FROM (SELECT substr(p.paid_on, 1, 7) AS month, p.company_id, "	\
	"sum(p.amount) AS total FROM payments p "			\
	"WHERE p.deleted_at IS NULL AND substr(p.paid_on, 1, 7) >= ?1 "	\
	"AND substr(p.paid_on, 1, 7) <= ?2 AND p.company_id IS NOT NULL " \
	"GROUP BY 1, 2 HAVING total > 0) s "				\
	"WHERE s.company_id NOT IN (SELECT id FROM companies "		\
	"WHERE deleted_at IS NOT NULL))"

/*
 * The same ranking by the team's criterion over its window (abc.by,
 * abc.months; store/settings.h): the months ?1 to ?2 with live payments
 * are ranked, each by the window of ?4 months ending with it, so a
 * company that paid nothing in the month itself keeps the rank its
 * window gives it.  ?3 is the criterion (enum abc_by: 0 sum, 1 count,
 * 2 units, 3 services, as store/report_abc.h measures them); ?5 the
 * first month any window reaches back to.  Each company-month of
 * payments is counted towards the ?4 months it falls in (offs), so the
 * windows are one grouping, not a join of every month with every
 * payment.  total is the window's money net of refunds, what the month's
 * figures and the audit report sum.  RANK_SQL stays for the default
 * (sum over one month): the same ranks, and the form the recompute's
 * timings were measured with.
 */
#define MONTH_INDEX(ym)							\
	"(CAST(substr(" ym ", 1, 4) AS INTEGER) * 12 + "		\
	"CAST(substr(" ym ", 6, 2) AS INTEGER))"
#define WINDOW_RANK_SQL							\
	"INSERT INTO company_ranks (company_id, month, rank, total) "	\
	"WITH RECURSIVE offs(d) AS (SELECT 0 UNION ALL "		\
	"SELECT d + 1 FROM offs WHERE d + 1 < ?4), "			\
	"agg AS (SELECT company_id, " MONTH_INDEX("paid_on") " AS mi, "	\
	"sum(amount) AS amount, sum(amount > 0) AS n, "			\
	"sum(CASE WHEN kind = 'goods' THEN coalesce(units, 0) "		\
	"ELSE 0 END) AS units, "					\
	"sum(CASE WHEN kind = 'services' THEN amount ELSE 0 END) "	\
	"AS services FROM payments WHERE deleted_at IS NULL "		\
	"AND company_id IS NOT NULL AND substr(paid_on, 1, 7) >= ?5 "	\
	"AND substr(paid_on, 1, 7) <= ?2 GROUP BY 1, 2), "		\
	"months(month, mi) AS (SELECT DISTINCT substr(paid_on, 1, 7), "	\
	MONTH_INDEX("paid_on") " FROM payments WHERE deleted_at IS NULL " \
	"AND substr(paid_on, 1, 7) >= ?1 AND substr(paid_on, 1, 7) <= ?2) " \
	"SELECT company_id, month, CASE "				\
	"WHEN place <= (n + 4) / 5 THEN 'A' "				\
	"WHEN place <= (2 * n + 4) / 5 THEN 'B' ELSE 'C' END, total "	\
	"FROM (SELECT month, company_id, total, "			\
	"rank() OVER (PARTITION BY month ORDER BY v DESC) AS place, "	\
	"count(*) OVER (PARTITION BY month) AS n "			\
	"FROM (SELECT t.month, a.company_id, sum(a.amount) AS total, "	\
	"CASE ?3 WHEN 0 THEN sum(a.amount) WHEN 1 THEN sum(a.n) "	\
	"WHEN 2 THEN sum(a.units) ELSE sum(a.services) END AS v "	\
	"FROM agg a JOIN offs o JOIN months t ON t.mi = a.mi + o.d "	\
	"GROUP BY 1, 2 HAVING v > 0) s "				\
	"WHERE s.company_id NOT IN (SELECT id FROM companies "		\
	"WHERE deleted_at IS NOT NULL))"

/* Live payments in the month ?1. */
#define PAID_SQL							\
	"SELECT 1 FROM payments WHERE deleted_at IS NULL "		\
	"AND substr(paid_on, 1, 7) = ?1"

/*
 * The companies whose abc differs from their rank in the latest computed
 * month (or who have one and should have none), as diff(id, old, new).
 * Materialized, so the UPDATE that follows does not read the rows it is
 * changing.
 */
#define DIFF_SQL							\
	"WITH latest(m) AS (SELECT max(month) FROM abc_months), "	\
	"diff(id, old, new) AS MATERIALIZED ("				\
	"SELECT c.id, c.abc, r.rank FROM company_ranks r "		\
	"JOIN companies c ON c.id = r.company_id "			\
	"WHERE r.month = (SELECT m FROM latest) AND c.abc <> r.rank "	\
	"UNION ALL "							\
	"SELECT c.id, c.abc, '' FROM companies c "			\
	"WHERE c.abc > '' AND c.deleted_at IS NULL AND NOT EXISTS ("	\
	"SELECT 1 FROM company_ranks r WHERE r.company_id = c.id "	\
	"AND r.month = (SELECT m FROM latest)) "			\
	"UNION ALL "							\
	"SELECT c.id, c.abc, '' FROM companies c "			\
	"WHERE c.deleted_at IS NOT NULL AND c.abc > '' AND NOT EXISTS (" \
	"SELECT 1 FROM company_ranks r WHERE r.company_id = c.id "	\
	"AND r.month = (SELECT m FROM latest))) "

/* "YYYY-MM" with a real month. */
int
abc_month_valid(const char *m)
{
	int i;

	if (m == NULL || strlen(m) != 7 || m[4] != '-')
		return 0;
	for (i = 0; i < 7; i++)
		if (i != 4 && (m[i] < '0' || m[i] > '9'))
			return 0;
	return (m[5] == '0' && m[6] >= '1') || (m[5] == '1' && m[6] <= '2');
}

static int
bad_month(const char *m, struct so_err *err)
{
	return so_err_field(err, SO_EINVAL, "month", _("\"%s\" is not a month "
	    "(YYYY-MM)"), m ? m : "");
}

/* Runs a statement of no rows with the text parameters a and b. */
static int
run2(struct db *db, const char *sql, const char *a, const char *b,
    int64_t *changes, const char *what, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	if ((code = db_prepare(db, sql, &st, err)) != SO_OK)
		return code;
	if (a)
		sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (changes)
		*changes = sqlite3_changes(db_sqlite(db));
	db_done(st);
	return rc == SQLITE_DONE ? SO_OK : db_error(db, rc, what, err);
}

/*
 * Ranks the months first to last ("YYYY-MM") with live payments by the
 * team's abc.by over its abc.months into company_ranks; *changes: the
 * ranks written.
 */
static int
rank_months(struct db *db, const char *first, const char *last,
    int64_t *changes, struct so_err *err)
{
	sqlite3_stmt *st;
	char reach[8];
	int by, months, m, rc, code;

	settings_abc_rule(db, &by, &months);
	if (by == 0 && months == 1)	/* the sum over the month */
		return run2(db, RANK_SQL, first, last, changes, N_("ranking"),
		    err);
	/* months - 1 before the first (none before the year 0) */
	m = atoi(first) * 12 + atoi(first + 5) - months;
	if (m < 0 || strcmp(first, "0000-00") == 0)
		snprintf(reach, sizeof(reach), "0000-00");
	else
		snprintf(reach, sizeof(reach), "%04d-%02d", m / 12 % 10000,
		    m % 12 + 1);
	if ((code = db_prepare(db, WINDOW_RANK_SQL, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, first, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, last, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, by);
	sqlite3_bind_int(st, 4, months);
	sqlite3_bind_text(st, 5, reach, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (changes)
		*changes = sqlite3_changes(db_sqlite(db));
	db_done(st);
	return rc == SQLITE_DONE ? SO_OK : db_error(db, rc, N_("ranking"),
	    err);
}

/* The integer of a one-row query with one text parameter (0: no row). */
static int
query_int(struct db *db, const char *sql, const char *a, int64_t *v,
    const char *what, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	if ((code = db_prepare(db, sql, &st, err)) != SO_OK)
		return code;
	if (a)
		sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SO_OK :
	    db_error(db, rc, what, err);
}

/* The latest computed month into out ("" when none). */
static int
latest_month(struct db *db, char out[8], struct so_err *err)
{
	sqlite3_stmt *st;
	const char *s;
	int rc, code;

	*out = '\0';
	code = db_prepare(db, "SELECT max(month) FROM abc_months", &st, err);
	if (code != SO_OK)
		return code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && (s = (const char *)sqlite3_column_text(st,
	    0)) != NULL)
		snprintf(out, 8, "%s", s);
	db_done(st);
	return rc == SQLITE_ROW ? SO_OK : db_error(db, rc, N_("reading the "
	    "ranked months"), err);
}

/*
 * companies.abc := the rank of the latest computed month, for every
 * company where that changes: an audit row each (old and new as the
 * record engine writes them, NULL for none), then the change, with the
 * version and updated_at moved on.
 */
static int
follow_latest(struct db *db, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	code = db_prepare(db, DIFF_SQL "INSERT INTO audit_log (at, user_id, "
	    "entity, record_id, action, field, old_value, new_value) "
	    "SELECT ?1, ?2, 'company', id, 'update', 'abc', nullif(old, ''), "
	    "nullif(new, '') FROM diff ORDER BY id", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, (int64_t)db_now(db));
	if (db_user_id(db))
		sqlite3_bind_int64(st, 2, db_user_id(db));
	else
		sqlite3_bind_null(st, 2);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("auditing the ABC ranks"), err);
	code = db_prepare(db, DIFF_SQL "UPDATE companies SET abc = diff.new, "
	    "version = companies.version + 1, updated_at = ?1 FROM diff "
	    "WHERE companies.id = diff.id", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, (int64_t)db_now(db));
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("setting the ABC ranks"), err);
	return SO_OK;
}

/*
 * With the team's abc.vip on, the category follows rank A: a company of
 * rank A in the latest month becomes VIP, a VIP one without it becomes
 * regular (the words the key-clients report and the lists go by).  So
 * VIP is then the ranking's, and one set by hand lasts until the next
 * ranking.  A few dozen companies a month change at most, so each is an
 * ordinary update through the record engine: versioned, audited, only
 * the category judged (a missing required field does not stop it).
 */
static int
follow_vip(struct db *db, struct so_err *err)
{
	sqlite3_stmt *st;
	struct company c;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0, i;
	int rc, code = SO_OK, vip;

	if (!settings_abc_vip(db))
		return SO_OK;
	code = db_prepare(db, "SELECT id FROM companies WHERE deleted_at IS "
	    "NULL AND (abc = 'A') <> (lower(category) = 'vip') ORDER BY id",
	    &st, err);
	if (code != SO_OK)
		return code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			ids = xrealloc(ids, cap * sizeof(*ids));
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		free(ids);
		return db_error(db, rc, N_("reading the VIP companies"), err);
	}
	for (i = 0; i < n && code == SO_OK; i++) {
		if ((code = store_company_get(db, ids[i], &c, err)) != SO_OK)
			break;
		vip = c.abc && strcmp(c.abc, "A") == 0;
		free(c.category);
		c.category = xstrdup(vip ? "VIP" : "regular");
		acl_system(db, 1);
		code = store_company_update(db, &c, err);
		acl_system(db, 0);
		store_company_clear(&c);
	}
	free(ids);
	return code;
}

int
abc_compute(struct db *db, const char *month, int64_t *ranked,
    struct so_err *err)
{
	char latest[8];
	int64_t n = 0, paid = 0;
	sqlite3_stmt *st;
	int rc, code;

	if (ranked)
		*ranked = 0;
	if (!abc_month_valid(month))
		return bad_month(month, err);
	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if ((code = latest_month(db, latest, err)) != SO_OK ||
	    (code = run2(db, "DELETE FROM company_ranks WHERE month = ?1",
	    month, NULL, NULL, N_("clearing the month's ranks"), err)) !=
	    SO_OK ||
	    (code = rank_months(db, month, month, &n, err)) != SO_OK ||
	    (code = query_int(db, "SELECT EXISTS (" PAID_SQL ")", month, &paid,
	    N_("reading payments"), err)) != SO_OK)
		return db_finish(db, code, err);
	/* A month without payments is not a computed month (else asking
	 * for a future month would wipe every company's rank). */
	if (paid) {
		code = db_prepare(db, "INSERT OR REPLACE INTO abc_months "
		    "(month, computed_at, companies) VALUES (?1, ?2, ?3)",
		    &st, err);
		if (code != SO_OK)
			return db_finish(db, code, err);
		sqlite3_bind_text(st, 1, month, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, (int64_t)db_now(db));
		sqlite3_bind_int64(st, 3, n);
		rc = sqlite3_step(st);
		db_done(st);
		if (rc != SQLITE_DONE)
			return db_finish(db, db_error(db, rc, N_("recording "
			    "the month"), err), err);
	} else if ((code = run2(db, "DELETE FROM abc_months WHERE month = ?1",
	    month, NULL, NULL, N_("forgetting the month"), err)) != SO_OK)
		return db_finish(db, code, err);
	/* Only the latest month (as it was, or as this one makes it)
	 * decides the companies' abc. */
	if (*latest == '\0' || strcmp(month, latest) >= 0) {
		if ((code = follow_latest(db, err)) == SO_OK)
			code = follow_vip(db, err);
	}
	if ((code = db_finish(db, code, err)) == SO_OK && ranked)
		*ranked = n;
	return code;
}

/* The page cache size (PRAGMA cache_size: pages, or -KiB). */
static int64_t
cache_size(struct db *db)
{
	int64_t v = 0;

	query_int(db, "PRAGMA cache_size", NULL, &v, "", NULL);
	return v;
}

static void
set_cache_size(struct db *db, int64_t v)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %lld", (long long)v);
	db_exec(db, sql, NULL);
}

/*
 * A recompute ranks and writes some 300 000 rows on a large file: two
 * sorts (the month's sums, the window) and a b-tree of 7 MiB written in
 * an order of its own.  In SQLite's default 2 MiB page cache the sorts
 * spill to temporary files and the b-tree pages are read back from the
 * file: measured on three years of a large department, 2.3 s instead of
 * 1.4 s with 8 MiB (more gained nothing and cost memory).  So the
 * connection gets RECOMPUTE_CACHE KiB for the run, and its own size back
 * after.  What the sorts spill goes to temporary files (db_spill_begin),
 * not memory: with the connection's in-memory temporary store a
 * recompute of three times the benchmark's file took 78 MiB, and its
 * memory grew with the payments (issue 26).
 */
#define RECOMPUTE_CACHE	8192

static int
recompute(struct db *db, int *months, int64_t *ranked, struct so_err *err);

int
abc_recompute(struct db *db, int *months, int64_t *ranked,
    struct so_err *err)
{
	int64_t was = cache_size(db);
	int code;

	if (was >= 0 || was > -RECOMPUTE_CACHE)
		set_cache_size(db, -RECOMPUTE_CACHE);
	db_spill_begin(db);
	code = recompute(db, months, ranked, err);
	db_spill_end(db);
	if (was != cache_size(db))
		set_cache_size(db, was);
	return code;
}

static void month_before(time_t now, char out[8]);

/*
 * Closed months only: the month under way is ranked when asked for by
 * name (abc --month), so a rank never rests on half a month by default.
 */
static int
recompute(struct db *db, int *months, int64_t *ranked, struct so_err *err)
{
	int64_t n = 0, m = 0;
	sqlite3_stmt *st;
	char last[8];
	int rc, code;

	if (months)
		*months = 0;
	if (ranked)
		*ranked = 0;
	month_before(db_now(db), last);
	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if ((code = run2(db, "DELETE FROM company_ranks", NULL, NULL, NULL,
	    N_("clearing the ranks"), err)) != SO_OK ||
	    (code = run2(db, "DELETE FROM abc_months", NULL, NULL, NULL,
	    N_("clearing the ranked months"), err)) != SO_OK ||
	    (code = rank_months(db, "0000-00", last, &n, err)) != SO_OK)
		return db_finish(db, code, err);
	/* Every month with live payments, and how many it ranked. */
	code = db_prepare(db, "INSERT INTO abc_months (month, computed_at, "
	    "companies) SELECT p.month, ?1, coalesce(r.n, 0) FROM (SELECT "
	    "DISTINCT substr(paid_on, 1, 7) AS month FROM payments WHERE "
	    "deleted_at IS NULL) p LEFT JOIN (SELECT month, count(*) AS n "
	    "FROM company_ranks GROUP BY month) r ON r.month = p.month "
	    "WHERE p.month <= ?2", &st, err);
	if (code != SO_OK)
		return db_finish(db, code, err);
	sqlite3_bind_int64(st, 1, (int64_t)db_now(db));
	sqlite3_bind_text(st, 2, last, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	m = sqlite3_changes(db_sqlite(db));
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_finish(db, db_error(db, rc, N_("recording the "
		    "months"), err), err);
	if ((code = follow_latest(db, err)) == SO_OK)
		code = follow_vip(db, err);
	if ((code = db_finish(db, code, err)) == SO_OK) {
		if (months)
			*months = (int)m;
		if (ranked)
			*ranked = n;
	}
	return code;
}

/* "YYYY-MM" of the month before the one containing now (local time). */
static void
month_before(time_t now, char out[8])
{
	struct tm tm;

	localtime_r(&now, &tm);
	if (tm.tm_mon == 0) {
		tm.tm_mon = 11;
		tm.tm_year--;
	} else
		tm.tm_mon--;
	snprintf(out, 8, "%04u-%02u", (unsigned)(tm.tm_year + 1900) % 10000,
	    (unsigned)(tm.tm_mon + 1) % 100);
}

int
abc_auto(struct db *db, int *computed, struct so_err *err)
{
	char month[8];
	int64_t todo;
	int code;

	if (computed)
		*computed = 0;
	month_before(db_now(db), month);
	/* Two index lookups: payments in the month, the month computed. */
	code = query_int(db, "SELECT EXISTS (" PAID_SQL ") AND NOT EXISTS "
	    "(SELECT 1 FROM abc_months WHERE month = ?1)", month, &todo,
	    N_("checking the last month's ranks"), err);
	if (code != SO_OK || !todo)
		return code;
	if ((code = abc_compute(db, month, NULL, err)) == SO_OK && computed)
		*computed = 1;
	return code;
}

int
abc_history(struct db *db, int64_t company_id, struct abc_rank **out,
    size_t *n, struct so_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	code = db_prepare(db, "SELECT month, rank, total FROM company_ranks "
	    "WHERE company_id = ?1 ORDER BY month", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, company_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct abc_rank *r;
		const char *s;

		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		r = &(*out)[(*n)++];
		s = (const char *)sqlite3_column_text(st, 0);
		snprintf(r->month, sizeof(r->month), "%s", s ? s : "");
		s = (const char *)sqlite3_column_text(st, 1);
		r->rank = s ? *s : '?';
		r->total = sqlite3_column_int64(st, 2);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return db_error(db, rc, N_("reading the ABC history"), err);
	}
	return SO_OK;
}

int
abc_month_summary(struct db *db, const char *month, struct abc_month *out,
    struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code, i;

	memset(out, 0, sizeof(*out));
	/* the department's money, rank by rank: the head's figures */
	if ((code = acl_check_user(db, 0, ACL_OTHERS_FIGURES, err)) != SO_OK)
		return code;
	if (month == NULL) {
		if ((code = latest_month(db, out->month, err)) != SO_OK)
			return code;
		if (*out->month == '\0')
			return so_err_set(err, SO_ENOTFOUND, _("no month has "
			    "been ranked (no payments)"));
	} else if (!abc_month_valid(month))
		return bad_month(month, err);
	else
		snprintf(out->month, sizeof(out->month), "%s", month);
	code = db_prepare(db, "SELECT computed_at FROM abc_months WHERE "
	    "month = ?1", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, out->month, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		out->computed_at = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc == SQLITE_DONE)
		return so_err_set(err, SO_ENOTFOUND, _("%s has not been ranked "
		    "(no payments)"), out->month);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, N_("reading the ranked months"), err);
	code = db_prepare(db, "SELECT rank, count(*), sum(total) FROM "
	    "company_ranks WHERE month = ?1 GROUP BY rank", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, out->month, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);

		if (r == NULL || *r < 'A' || *r > 'C')
			continue;
		i = *r - 'A';
		out->count[i] = sqlite3_column_int64(st, 1);
		out->sum[i] = sqlite3_column_int64(st, 2);
	}
	db_done(st);
	return rc == SQLITE_DONE ? SO_OK : db_error(db, rc, N_("summing the "
	    "ranks"), err);
}

int
payments_year_total(struct db *db, int64_t company_id, int year,
    int64_t *sum, struct so_err *err)
{
	sqlite3_stmt *st;
	char lo[16], hi[16];
	int rc, code;

	*sum = 0;
	if (year < 1 || year > 9998)
		return so_err_field(err, SO_EINVAL, "year", _("%d is not a "
		    "year"), year);
	snprintf(lo, sizeof(lo), "%04d-01-01", year);
	snprintf(hi, sizeof(hi), "%04d-01-01", year + 1);
	code = db_prepare(db, "SELECT coalesce(sum(amount), 0) FROM payments "
	    "WHERE company_id = ?1 AND paid_on >= ?2 AND paid_on < ?3 "
	    "AND deleted_at IS NULL", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, company_id);
	sqlite3_bind_text(st, 2, lo, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, hi, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*sum = sqlite3_column_int64(st, 0);
	db_done(st);
	return rc == SQLITE_ROW ? SO_OK : db_error(db, rc, N_("summing "
	    "payments"), err);
}
