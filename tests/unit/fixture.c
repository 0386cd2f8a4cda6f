/* What the unit tests share; see fixture.h. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/datetime.h"
#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "store/entities.h"
#include "store/users.h"

struct db *
fixture_open(const char *name)
{
	struct db_opts opts = { .create = 1 };
	struct so_err err = { 0 };
	struct db *db = NULL;

	setenv("TZ", "Europe/Moscow", 1);
	tzset();
	if (db_open(harness_path(name), &opts, &db, &err) != SO_OK) {
		harness_fail(__FILE__, __LINE__, "open: %s", err.msg);
		return NULL;
	}
	db_set_now(db, FIXTURE_NOW);
	if (db_login(db, "anna", &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "login: %s", err.msg);
	return db;
}

void
fixture_user(struct db *db, const char *login, enum role role)
{
	struct so_err err = { 0 };

	acl_system(db, 1);
	if (store_user_add(db, login, NULL, role, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "user add: %s", err.msg);
	acl_system(db, 0);
}

unsigned long long
fixture_file_sum(const char *path, long long *size)
{
	unsigned long long h = 1469598103934665603ULL;
	FILE *f = fopen(path, "rb");
	int c;

	*size = 0;
	if (f == NULL)
		return 0;
	while ((c = getc(f)) != EOF) {
		h = (h ^ (unsigned)c) * 1099511628211ULL;
		(*size)++;
	}
	fclose(f);
	return h;
}

/* After rows written with plain SQL, which the search index does not
 * follow (sql/012_index_kept_by_store.sql): every index rebuilt. */
void
fixture_reindex(struct db *db)
{
	static const char *const sql = "SELECT name FROM sqlite_master WHERE "
	    "type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%'";
	sqlite3_stmt *st;
	char *rebuild;

	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK)
		harness_fail(__FILE__, __LINE__, "%s", sql);
	while (sqlite3_step(st) == SQLITE_ROW) {
		rebuild = xasprintf("INSERT INTO %s (%s) VALUES ('rebuild')",
		    sqlite3_column_text(st, 0), sqlite3_column_text(st, 0));
		if (db_exec(db, rebuild, NULL) != SO_OK)
			harness_fail(__FILE__, __LINE__, "%s", rebuild);
		free(rebuild);
	}
	sqlite3_finalize(st);
}

long long
fixture_int(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

int64_t
fixture_code_id(struct db *db, enum lookup_table t, const char *code)
{
	const char *codes[1] = { code };
	int64_t id = SO_NULL;

	if (code)
		store_lookup_ids(db, t, codes, &id, 1, NULL);
	return id;
}

int64_t
fixture_moment(const char *text)
{
	char msg[128];
	time_t t = 0;

	if (dt_parse_moment(text, FIXTURE_NOW, &t, msg, sizeof(msg)) != 0)
		harness_fail(__FILE__, __LINE__, "%s: %s", text, msg);
	return (int64_t)t;
}

struct doc_table *
fixture_doc_table(const struct doc *d, int n)
{
	size_t i;

	for (i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == DOC_TABLE && n-- == 0)
			return d->blocks[i].table;
	return NULL;
}

int
fixture_doc_has_text(const struct doc *d, const char *text)
{
	size_t i;

	for (i = 0; i < d->nblocks; i++)
		if (d->blocks[i].text && strstr(d->blocks[i].text, text))
			return 1;
	return 0;
}

char *
fixture_doc_row(const struct doc_table *t, size_t r)
{
	const struct doc_row *row;
	struct strbuf b = { 0 };
	size_t c;

	/* a report's table may have gone to its file (doc.h) */
	if (t == NULL || (row = doc_table_row(t, r)) == NULL)
		return xstrdup("");
	for (c = 0; c < t->ncols; c++) {
		if (c)
			sb_addc(&b, '|');
		sb_add(&b, row->cells[c]);
	}
	return b.s ? sb_steal(&b) : xstrdup("");
}

long
fixture_doc_nrows(const struct doc_table *t)
{
	return t ? (long)t->nrows : -1;
}

/* ---- another writer ---- */

/*
 * Forks a child that opens path, takes the write lock and writes a row,
 * then waits for a byte on a pipe and commits (or, after hold_ms if not
 * 0, commits by itself).  Returns once the lock is held.
 */
int
fixture_hold_lock(const char *path, int hold_ms, struct fixture_holder *h)
{
	int ready[2], go[2];
	char c;

	if (pipe(ready) != 0 || pipe(go) != 0)
		return -1;
	if ((h->pid = fork()) < 0)
		return -1;
	if (h->pid == 0) {
		sqlite3 *s;
		int ok;

		close(ready[0]);
		close(go[1]);
		ok = sqlite3_open(path, &s) == SQLITE_OK &&
		    sqlite3_exec(s, "BEGIN IMMEDIATE; INSERT INTO settings "
		    "(key, value) VALUES ('held', 'yes') ON CONFLICT (key) "
		    "DO UPDATE SET value = 'again'", NULL, NULL, NULL) ==
		    SQLITE_OK;
		c = ok ? 'y' : 'n';
		if (write(ready[1], &c, 1) != 1)
			_exit(2);
		if (hold_ms > 0)
			sqlite3_sleep(hold_ms);
		else if (read(go[0], &c, 1) < 0)
			_exit(2);
		sqlite3_exec(s, "COMMIT", NULL, NULL, NULL);
		sqlite3_close(s);
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	h->go = go[1];
	if (read(ready[0], &c, 1) != 1 || c != 'y') {
		close(ready[0]);
		return -1;
	}
	close(ready[0]);
	return 0;
}

int
fixture_release_lock(struct fixture_holder *h)
{
	void (*was)(int);
	ssize_t n;
	int status = -1;

	/* A child that committed by itself has closed its end. */
	was = signal(SIGPIPE, SIG_IGN);
	n = write(h->go, "x", 1);
	(void)n;
	signal(SIGPIPE, was);
	close(h->go);
	waitpid(h->pid, &status, 0);
	return status;
}

struct db *
fixture_open_busy(const char *name, int busy_ms, int limit_ms)
{
	struct db_opts opts = { .create = 1 };
	struct so_err err = { 0 };
	struct db *db = NULL;

	opts.busy_ms = busy_ms;
	opts.busy_limit_ms = limit_ms;
	if (db_open(harness_path(name), &opts, &db, &err) != SO_OK) {
		harness_fail(__FILE__, __LINE__, "open: %s", err.msg);
		return NULL;
	}
	if (db_login(db, "anna", &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "login: %s", err.msg);
	return db;
}

/* ---- hostile input ---- */

uint64_t
fixture_random(uint64_t *rng)
{
	*rng ^= *rng << 13;
	*rng ^= *rng >> 7;
	*rng ^= *rng << 17;
	return *rng;
}

char *
fixture_hostile(uint64_t *rng, size_t *len)
{
	static const char *const bits[] = { "2026", "-", ":", ".", "+", "31",
	    "02", "завтра", "tomorrow", " ", "\xd0", "\xff", "\xc0\xaf",
	    "\xed\xa0\x80", "\x1b[2J", "9999999999999", "min", "д", "漢",
	    "e\xcc\x81", "\t", "\n", ",", "\xc2\xa0", "T", "fri", "#" };
	size_t n = fixture_random(rng) % 12, i;
	char *s = xmalloc(4096);

	*len = 0;
	for (i = 0; i < n; i++) {
		const char *b;

		if (fixture_random(rng) % 4 == 0) {
			s[(*len)++] = (char)(fixture_random(rng) % 255 + 1);
			continue;
		}
		b = bits[fixture_random(rng) %
		    (sizeof(bits) / sizeof(bits[0]))];
		memcpy(s + *len, b, strlen(b));
		*len += strlen(b);
	}
	s[*len] = '\0';
	return s;
}

/* ---- records ---- */

/* Replaces a text field when the spec gives one. */
static void
put_text(char **field, const char *value)
{
	if (value == NULL)
		return;
	free(*field);
	*field = xstrdup(value);
}

static void
put_int(int64_t *field, int64_t value)
{
	if (value != 0)
		*field = value;
}

static void
put_code(struct db *db, int64_t *field, enum lookup_table t,
    const char *code)
{
	if (code != NULL)
		*field = fixture_code_id(db, t, code);
}

/* Creates obj of ent (filled by the caller), returns its id, clears it. */
static int64_t
add(struct db *db, const struct entity *ent, void *obj)
{
	struct so_err err = { 0 };
	int64_t id = 0;

	if (rec_create(db, ent, obj, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "%s: %s", ent->name, err.msg);
	else
		id = rec_meta(obj)->id;
	rec_clear(ent, obj);
	return id;
}

int64_t
fixture_add_company(struct db *db, const struct fixture_company *spec)
{
	struct company c;

	store_company_init(&c);
	put_text(&c.name, spec->name);
	put_text(&c.phone, spec->phone);
	put_text(&c.email, spec->email);
	put_text(&c.source, spec->source);
	put_text(&c.category, spec->category);
	put_text(&c.city, spec->city);
	put_text(&c.status, spec->status);
	put_int(&c.manager_id, spec->manager);
	return add(db, &entity_company, &c);
}

int64_t
fixture_add_contact(struct db *db, const struct fixture_contact *spec)
{
	struct contact p;

	store_contact_init(&p);
	put_text(&p.last_name, spec->last);
	put_text(&p.first_name, spec->first);
	put_text(&p.position, spec->position);
	put_text(&p.role, spec->role);
	put_text(&p.phone_work, spec->phone_work);
	put_text(&p.phone_mobile, spec->phone_mobile);
	put_text(&p.email, spec->email);
	put_text(&p.source, spec->source);
	put_int(&p.company_id, spec->company);
	return add(db, &entity_contact, &p);
}

int64_t
fixture_add_event(struct db *db, const struct fixture_event *spec)
{
	struct event e;

	store_event_init(&e);
	put_text(&e.subject, spec->subject);
	put_code(db, &e.type_id, LOOKUP_EVENT_TYPES, spec->type);
	put_code(db, &e.result_id, LOOKUP_EVENT_RESULTS, spec->result);
	put_text(&e.status, spec->status);
	put_text(&e.result_comment, spec->comment);
	put_text(&e.rrule, spec->rrule);
	put_int(&e.start_at, spec->at);
	put_int(&e.end_at, spec->end);
	put_int(&e.assignee_id, spec->assignee);
	put_int(&e.company_id, spec->company);
	put_int(&e.contact_id, spec->contact);
	put_int(&e.remind_min, spec->remind);
	return add(db, &entity_event, &e);
}

int64_t
fixture_add_deal(struct db *db, const struct fixture_deal *spec)
{
	struct deal d;

	store_deal_init(&d);
	put_text(&d.title, spec->title);
	put_code(db, &d.stage_id, LOOKUP_DEAL_STAGES, spec->stage);
	put_text(&d.closed_on, spec->closed_on);
	put_text(&d.lost_reason, spec->lost_reason);
	put_int(&d.company_id, spec->company);
	put_int(&d.manager_id, spec->manager);
	put_int(&d.amount, spec->amount);
	return add(db, &entity_deal, &d);
}

int64_t
fixture_add_payment(struct db *db, const struct fixture_payment *spec)
{
	struct payment p;

	store_payment_init(&p);
	put_text(&p.paid_on, spec->paid_on);
	put_int(&p.company_id, spec->company);
	put_int(&p.deal_id, spec->deal);
	put_int(&p.amount, spec->amount);
	return add(db, &entity_payment, &p);
}

int64_t
fixture_add_task(struct db *db, const struct fixture_task *spec)
{
	struct task t;

	store_task_init(&t);
	put_text(&t.title, spec->title);
	put_text(&t.status, spec->status);
	put_int(&t.company_id, spec->company);
	put_int(&t.due_at, spec->due);
	return add(db, &entity_task, &t);
}

int64_t
fixture_add_user_row(struct db *db, const char *login, const char *full_name)
{
	struct so_err err = { 0 };
	char *sql;
	int64_t id = 0;

	sql = xasprintf("INSERT INTO users (login, full_name, created_at) "
	    "VALUES ('%s', '%s', 0)", login, full_name);
	if (db_exec(db, sql, &err) != SO_OK ||
	    store_user_id(db, login, &id, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "user %s: %s", login,
		    err.msg);
	free(sql);
	return id;
}

/* ---- plans ---- */

static struct strbuf plan_sql;	/* the statements run, '\0'-separated */

static int
note_statement(unsigned type, void *ctx, void *p, void *x)
{
	const char *sql = sqlite3_sql(p);
	size_t off;

	(void)ctx;
	(void)x;
	if (type != SQLITE_TRACE_PROFILE || sql == NULL)
		return 0;
	for (off = 0; off < plan_sql.len; off += strlen(plan_sql.s + off) + 1)
		if (strcmp(plan_sql.s + off, sql) == 0)
			return 0;
	sb_add(&plan_sql, sql);
	sb_addc(&plan_sql, '\0');
	return 0;
}

void
fixture_plans_begin(struct db *db)
{
	sb_free(&plan_sql);
	sqlite3_trace_v2(db_sqlite(db), SQLITE_TRACE_PROFILE, note_statement,
	    NULL);
}

char *
fixture_plans_end(struct db *db)
{
	struct strbuf out = { 0 };
	sqlite3_stmt *st;
	size_t off;
	char *q;

	sqlite3_trace_v2(db_sqlite(db), 0, NULL, NULL);
	for (off = 0; off < plan_sql.len; off += strlen(plan_sql.s + off) + 1) {
		sb_printf(&out, "sql: %s\n", plan_sql.s + off);
		q = xasprintf("EXPLAIN QUERY PLAN %s", plan_sql.s + off);
		if (sqlite3_prepare_v2(db_sqlite(db), q, -1, &st, NULL) !=
		    SQLITE_OK) {
			sb_printf(&out, "  (no plan: %s)\n",
			    sqlite3_errmsg(db_sqlite(db)));
			free(q);
			continue;
		}
		while (sqlite3_step(st) == SQLITE_ROW)
			sb_printf(&out, "  %s\n", (const char *)
			    sqlite3_column_text(st, 3));
		sqlite3_finalize(st);
		free(q);
	}
	sb_free(&plan_sql);
	return out.s ? sb_steal(&out) : xstrdup("");
}

int
fixture_plan_scans(const char *plans, const char *alias)
{
	const char *s = plans;
	size_t n = strlen(alias);
	int scans = 0;

	while ((s = strstr(s, "\n  SCAN ")) != NULL) {
		s += strlen("\n  SCAN ");
		if (strncmp(s, alias, n) == 0 && (s[n] == '\n' ||
		    s[n] == ' '))
			scans++;
	}
	return scans;
}
