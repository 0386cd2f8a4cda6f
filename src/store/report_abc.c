/*
 * The ABC report's ranking (store/report_abc.h): one grouped read of the
 * window's payments per company, ranked here rather than in SQL because
 * the report also wants each company's money beside its rank, and a
 * window of a large department is a few thousand companies at most.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/report_abc.h"
#include "store/sales.h"

static const char *const by_names[] = { "sum", "count", "units",
    "services" };

int
abc_by_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(by_names) / sizeof(by_names[0]); i++)
		if (s && strcmp(s, by_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
abc_by_name(enum abc_by by)
{
	return by_names[by];
}

void
abc_month_add(const char *ym, int delta, char out[8])
{
	int m = atoi(ym) * 12 + atoi(ym + 5) - 1 + delta;

	if (m < 0)
		m = 0;
	snprintf(out, 8, "%04d-%02d", m / 12 % 10000, m % 12 + 1);
}

/*
 * Per live company with payments in months ?1 to ?2: its value by the
 * criterion ?3 (0 sum, 1 count, 2 units, 3 services), payments above
 * zero, refunds, their count; largest value first, then by name.
 */
#define WINDOW_SQL							\
	"SELECT s.company_id, c.name, CASE ?3 WHEN 0 THEN s.paid - s.spent " \
	"WHEN 1 THEN s.n WHEN 2 THEN s.units ELSE s.services END AS v, " \
	"s.paid, s.spent, s.n FROM (SELECT company_id, "		\
	"sum(CASE WHEN amount > 0 THEN amount ELSE 0 END) AS paid, "	\
	"-sum(CASE WHEN amount < 0 THEN amount ELSE 0 END) AS spent, "	\
	"sum(amount > 0) AS n, "					\
	"sum(CASE WHEN kind = 'goods' THEN coalesce(units, 0) "		\
	"ELSE 0 END) AS units, "					\
	"sum(CASE WHEN kind = 'services' THEN amount ELSE 0 END) "	\
	"AS services FROM payments WHERE deleted_at IS NULL "		\
	"AND company_id IS NOT NULL AND substr(paid_on, 1, 7) >= ?1 "	\
	"AND substr(paid_on, 1, 7) <= ?2 GROUP BY company_id) s "	\
	"JOIN companies c ON c.id = s.company_id AND c.deleted_at IS NULL " \
	"WHERE v > 0 ORDER BY v DESC, c.name, c.id"

int
abc_rank_window(struct db *db, enum abc_by by, const char *last, int months,
    struct abc_window *out, struct so_err *err)
{
	sqlite3_stmt *st;
	struct abc_client *r;
	size_t cap = 0, i;
	int64_t a, b;
	int rc, code;

	memset(out, 0, sizeof(*out));
	/* the department's money, company by company: the head's */
	if ((code = acl_check_user(db, 0, ACL_OTHERS_FIGURES, err)) != SO_OK)
		return code;
	if (!abc_month_valid(last))
		return so_err_field(err, SO_EINVAL, "month", _("\"%s\" is not "
		    "a month (YYYY-MM)"), last ? last : "");
	if (months < 1 || months > 24)
		return so_err_field(err, SO_EINVAL, "months", _("a window of "
		    "1 to 24 months, not %d"), months);
	snprintf(out->last, sizeof(out->last), "%s", last);
	abc_month_add(last, 1 - months, out->first);
	if ((code = db_prepare(db, WINDOW_SQL, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, out->first, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, out->last, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, (int)by);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 1);

		if (out->nrows == cap) {
			cap = cap ? cap * 2 : 32;
			out->rows = xrealloc(out->rows, cap * sizeof(*r));
		}
		r = &out->rows[out->nrows++];
		memset(r, 0, sizeof(*r));
		r->id = sqlite3_column_int64(st, 0);
		r->name = xstrdup(s ? s : "");
		r->value = sqlite3_column_int64(st, 2);
		r->paid = sqlite3_column_int64(st, 3);
		r->spent = sqlite3_column_int64(st, 4);
		r->payments = sqlite3_column_int64(st, 5);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		abc_window_free(out);
		return db_error(db, rc, N_("ranking the window"), err);
	}
	/* The rule of src/store/abc.c: shared best place, n/5 and 2n/5
	 * rounded up. */
	out->companies = (int64_t)out->nrows;
	a = (out->companies + 4) / 5;
	b = (2 * out->companies + 4) / 5;
	for (i = 0; i < out->nrows; i++) {
		r = &out->rows[i];
		r->place = i > 0 && r->value == r[-1].value ? r[-1].place :
		    (int64_t)i + 1;
		r->rank = r->place <= a ? 'A' : r->place <= b ? 'B' : 'C';
		out->invoices += r->payments;
		out->money += r->paid - r->spent;
		if (r->rank == 'A') {
			out->top++;
			out->top_money += r->paid - r->spent;
		}
	}
	return SO_OK;
}

void
abc_window_free(struct abc_window *w)
{
	size_t i;

	for (i = 0; i < w->nrows; i++)
		free(w->rows[i].name);
	free(w->rows);
	memset(w, 0, sizeof(*w));
}

size_t
abc_bottom(const struct abc_window *w)
{
	size_t k = (w->nrows + 4) / 5, i;

	if (k == 0 || w->top >= (int64_t)w->nrows)
		return w->nrows;
	/* The k-th from the end, or the first after A when fewer. */
	i = w->nrows - k;
	if (i < (size_t)w->top)
		i = (size_t)w->top;
	while (i > (size_t)w->top && w->rows[i - 1].value == w->rows[i].value)
		i--;
	return i;
}
