/*
 * The deal pipeline: deals by stage with counts and sums, and moving a
 * deal along the stages the admin configured.
 *
 * The path is the stages in their sort order without the lost stages
 * (closed and not won) and the retired ones: one key moves a deal one
 * step along it, and the won stage is its end.  Lost is off the path:
 * entering it needs a reason, and a lost deal moved back reopens at the
 * last open stage.  A retired stage stays for the deals already in it
 * (and shows while it holds any) but no deal enters it.  A move goes through the
 * record engine, so the stage change is versioned and lands in the audit
 * log with its time -- which is how long a deal has been in its stage is
 * known without a column of its own.
 */
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/sales.h"

/* The configured stages in their order, with no deals loaded yet. */
static int
stages_read(struct db *db, struct pipeline *p, struct so_err *err)
{
	struct pipe_stage *s;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	memset(p, 0, sizeof(*p));
	code = db_prepare(db, "SELECT id, code, name, closed, won, retired "
	    "FROM deal_stages ORDER BY sort, id", &st, err);
	if (code != SO_OK)
		return code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (p->nstages == cap)
			p->stages = xrealloc(p->stages,
			    (cap = cap ? cap * 2 : 8) * sizeof(*p->stages));
		s = &p->stages[p->nstages++];
		memset(s, 0, sizeof(*s));
		s->id = sqlite3_column_int64(st, 0);
		s->code = db_text_dup(st, 1);
		s->name = db_text_dup(st, 2);
		s->closed = sqlite3_column_int(st, 3);
		s->won = sqlite3_column_int(st, 4);
		s->retired = sqlite3_column_int(st, 5);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		pipeline_free(p);
		return db_error(db, rc, N_("reading deal stages"), err);
	}
	return SO_OK;
}

static int
is_lost(const struct pipe_stage *s)
{
	return s->closed && !s->won;
}

/* Writes the stage (and what goes with it) through the record engine. */
static int
set_stage(struct db *db, struct deal *d, const struct pipe_stage *to,
    const char *reason, struct so_err *err)
{
	char today[11];

	if (is_lost(to)) {
		if (reason == NULL || reason[strspn(reason, " \t")] == '\0')
			return so_err_field(err, SO_EINVAL, "lost_reason",
			    _("Lost reason: say why the deal was lost"));
		free(d->lost_reason);
		d->lost_reason = xstrdup(reason);
	} else {
		free(d->lost_reason);
		d->lost_reason = xstrdup("");
	}
	free(d->closed_on);
	if (to->closed) {
		dt_format_date(db_now(db), today);
		d->closed_on = xstrdup(today);
	} else
		d->closed_on = xstrdup("");
	d->stage_id = to->id;
	return store_deal_update(db, d, err);
}

/* Index of the deal's stage in v, or -1. */
static long
stage_index(const struct pipe_stage *v, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].id == id)
			return (long)i;
	return -1;
}

/* The next stage from cur in direction dir on the path, or -1. */
static long
step(const struct pipe_stage *v, size_t n, long cur, int dir)
{
	long i;

	if (cur >= 0 && is_lost(&v[cur])) {
		if (dir > 0)
			return -1;
		/* Reopen at the last open stage. */
		for (i = (long)n - 1; i >= 0; i--)
			if (!v[i].closed && !v[i].retired)
				return i;
		return -1;
	}
	for (i = cur + dir; i >= 0 && i < (long)n; i += dir)
		if (!is_lost(&v[i]) && !v[i].retired)
			return i;
	return -1;
}

int
deal_move(struct db *db, int64_t deal_id, int dir, const char *reason,
    struct so_err *err)
{
	struct pipeline pl;
	struct pipe_stage *v;
	struct deal d;
	size_t n;
	long cur, to;
	int code;

	if ((code = stages_read(db, &pl, err)) != SO_OK)
		return code;
	v = pl.stages;
	n = pl.nstages;
	store_deal_init(&d);
	if ((code = store_deal_get(db, deal_id, &d, err)) != SO_OK)
		goto out;
	cur = stage_index(v, n, d.stage_id);
	to = step(v, n, cur, dir < 0 ? -1 : 1);
	if (to < 0)
		code = so_err_field(err, SO_EINVAL, "stage_id", dir < 0 ?
		    _("Stage: the deal is at the start of the pipeline") :
		    _("Stage: the deal is at the end of the pipeline"));
	else
		code = set_stage(db, &d, &v[to], reason, err);
out:
	store_deal_clear(&d);
	pipeline_free(&pl);
	return code;
}

int
deal_set_stage(struct db *db, int64_t deal_id, const char *stage,
    const char *reason, struct so_err *err)
{
	struct pipeline pl;
	struct pipe_stage *v;
	struct deal d;
	size_t n, i;
	int code;

	if ((code = stages_read(db, &pl, err)) != SO_OK)
		return code;
	v = pl.stages;
	n = pl.nstages;
	/* No code: the first lost stage in use. */
	for (i = 0; i < n && (stage ? strcmp(v[i].code, stage) != 0 :
	    !is_lost(&v[i]) || v[i].retired); i++)
		;
	if (i == n) {
		pipeline_free(&pl);
		return so_err_field(err, SO_EINVAL, "stage_id",
		    _("Stage: no stage \"%s\""), stage ? stage : "lost");
	}
	store_deal_init(&d);
	if ((code = store_deal_get(db, deal_id, &d, err)) == SO_OK &&
	    d.stage_id != v[i].id)
		code = set_stage(db, &d, &v[i], reason, err);
	store_deal_clear(&d);
	pipeline_free(&pl);
	return code;
}

int
deal_stage_since(struct db *db, int64_t deal_id, int64_t *since,
    struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	*since = 0;
	code = db_prepare(db, "SELECT coalesce((SELECT max(at) FROM audit_log "
	    "WHERE entity = 'deal' AND record_id = d.id AND "
	    "field = 'stage_id'), d.created_at) FROM deals d WHERE d.id = ?",
	    &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, deal_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*since = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc == SQLITE_DONE)
		return so_err_set(err, SO_ENOTFOUND, _("no deal #%lld"),
		    (long long)deal_id);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, N_("reading a deal's stage"), err);
	return SO_OK;
}

/*
 * The period keeps open deals created in it and closed deals closed in
 * it; ?2/?3 are NULL when there is no bound.
 */
#define PIPE_WHERE							\
	"d.deleted_at IS NULL AND d.stage_id = ?1 "			\
	"AND (?4 = 0 OR d.manager_id = ?4) "				\
	"AND (?2 IS NULL OR CASE WHEN s.closed THEN d.closed_on "	\
	"ELSE date(d.created_at, 'unixepoch', 'localtime') END >= ?2) "	\
	"AND (?3 IS NULL OR CASE WHEN s.closed THEN d.closed_on "	\
	"ELSE date(d.created_at, 'unixepoch', 'localtime') END <= ?3) "

static void
bind_query(sqlite3_stmt *st, int64_t stage, int64_t manager,
    const char *from, const char *to)
{
	sqlite3_bind_int64(st, 1, stage);
	if (from && *from)
		sqlite3_bind_text(st, 2, from, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 2);
	if (to && *to)
		sqlite3_bind_text(st, 3, to, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int64(st, 4, manager);
}

static int
load_totals(struct db *db, struct pipe_stage *s, int64_t manager,
    const char *from, const char *to, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	code = db_prepare(db, "SELECT count(*), coalesce(sum(d.amount), 0) "
	    "FROM deals d JOIN deal_stages s ON s.id = d.stage_id WHERE "
	    PIPE_WHERE, &st, err);
	if (code != SO_OK)
		return code;
	bind_query(st, s->id, manager, from, to);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->count = sqlite3_column_int64(st, 0);
		s->sum = sqlite3_column_int64(st, 1);
	}
	db_done(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, N_("counting deals"), err);
	return SO_OK;
}

static int
load_deals(struct db *db, struct pipe_stage *s, int64_t manager,
    const char *from, const char *to, size_t limit, struct so_err *err)
{
	sqlite3_stmt *st;
	struct pipe_deal *p;
	int rc, code;

	code = db_prepare(db, "SELECT d.id, d.title, "
	    "coalesce(c.name, ''), coalesce(u.login, ''), d.amount, "
	    "coalesce((SELECT max(at) FROM audit_log WHERE entity = 'deal' "
	    "AND record_id = d.id AND field = 'stage_id'), d.created_at) "
	    "FROM deals d JOIN deal_stages s ON s.id = d.stage_id "
	    "LEFT JOIN companies c ON c.id = d.company_id "
	    "LEFT JOIN users u ON u.id = d.manager_id WHERE " PIPE_WHERE
	    "ORDER BY coalesce(d.amount, 0) DESC, d.id LIMIT ?5", &st, err);
	if (code != SO_OK)
		return code;
	bind_query(st, s->id, manager, from, to);
	sqlite3_bind_int64(st, 5, (int64_t)limit);
	s->deals = xcalloc(limit ? limit : 1, sizeof(*s->deals));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p = &s->deals[s->ndeals++];
		p->id = sqlite3_column_int64(st, 0);
		p->title = db_text_dup(st, 1);
		p->company = db_text_dup(st, 2);
		p->manager = db_text_dup(st, 3);
		p->amount = sqlite3_column_type(st, 4) == SQLITE_NULL ?
		    SO_NULL : sqlite3_column_int64(st, 4);
		p->since = sqlite3_column_int64(st, 5);
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("listing deals"), err);
	return SO_OK;
}

/* A retired stage shows while deals are in it, no longer. */
static void
drop_retired(struct pipeline *p)
{
	size_t i, k;

	for (i = 0, k = 0; i < p->nstages; i++) {
		struct pipe_stage *s = &p->stages[i];

		if (s->retired && s->count == 0) {
			free(s->deals);
			free(s->code);
			free(s->name);
			continue;
		}
		p->stages[k++] = *s;
	}
	p->nstages = k;
}

int
pipeline_load(struct db *db, int64_t manager_id, const char *from,
    const char *to, size_t per_stage, struct pipeline *p,
    struct so_err *err)
{
	size_t i;
	int code;

	if ((code = stages_read(db, p, err)) != SO_OK)
		return code;
	for (i = 0; i < p->nstages; i++) {
		code = load_totals(db, &p->stages[i], manager_id, from, to, err);
		if (code == SO_OK)
			code = load_deals(db, &p->stages[i], manager_id, from,
			    to, per_stage, err);
		if (code != SO_OK) {
			pipeline_free(p);
			return code;
		}
	}
	drop_retired(p);
	return SO_OK;
}

void
pipeline_free(struct pipeline *p)
{
	size_t i, j;

	for (i = 0; i < p->nstages; i++) {
		struct pipe_stage *s = &p->stages[i];

		for (j = 0; j < s->ndeals; j++) {
			free(s->deals[j].title);
			free(s->deals[j].company);
			free(s->deals[j].manager);
		}
		free(s->deals);
		free(s->code);
		free(s->name);
	}
	free(p->stages);
	memset(p, 0, sizeof(*p));
}
