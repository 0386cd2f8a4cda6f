/* The audit log; see include/store/audit.h. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/audit.h"

static void
bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/*
 * The create rows put off (audit_defer): per card file, the ids
 * rec_create left to audit_flush, as runs of consecutive ids (an
 * import's are one run; another writer's row in between, a gap).  Only
 * those ids get a row, whatever else the table gained meanwhile.
 */
struct run {
	int64_t		 lo, hi;
};

struct pending {
	const struct entity *ent;
	struct run	*runs;
	size_t		 n, cap;
};

static struct {
	struct db	*db;
	struct pending	*v;
	size_t		 n;
} defer;

int audit_defer_enabled = 1;

static void
defer_clear(void)
{
	size_t i;

	for (i = 0; i < defer.n; i++)
		free(defer.v[i].runs);
	free(defer.v);
	memset(&defer, 0, sizeof(defer));
}

void
audit_defer(struct db *db)
{
	defer_clear();
	if (audit_defer_enabled)
		defer.db = db;
}

void
audit_defer_cancel(struct db *db)
{
	if (defer.db == db)
		defer_clear();
}

int
audit_defer_create(struct db *db, const struct entity *ent, int64_t id)
{
	struct pending *p = NULL;
	struct run *r;
	size_t i;

	if (defer.db != db)
		return 0;
	for (i = 0; i < defer.n && p == NULL; i++)
		if (defer.v[i].ent == ent)
			p = &defer.v[i];
	if (p == NULL) {
		defer.v = xrealloc(defer.v, (defer.n + 1) * sizeof(*defer.v));
		p = &defer.v[defer.n++];
		memset(p, 0, sizeof(*p));
		p->ent = ent;
	}
	r = p->n > 0 ? &p->runs[p->n - 1] : NULL;
	if (r && id >= r->lo && id <= r->hi + 1) {
		/* next in the run, or an id a rolled back create had */
		if (id == r->hi + 1)
			r->hi = id;
		return 1;
	}
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 4;
		p->runs = xrealloc(p->runs, p->cap * sizeof(*p->runs));
	}
	p->runs[p->n].lo = p->runs[p->n].hi = id;
	p->n++;
	return 1;
}

/* Writes p's create rows as rec_create would have: at and user_id
 * from the record (its created_at and created_by, set from the same
 * clock and user), in the order of the ids. */
static int
flush_pending(struct db *db, struct pending *p, struct so_err *err)
{
	sqlite3_stmt *st;
	char *sql;
	size_t i;
	int rc, code;

	if (p->n == 0)
		return SO_OK;
	sql = xasprintf("INSERT INTO audit_log (at, user_id, entity, "
	    "record_id, action) SELECT created_at, created_by, ?1, id, "
	    "'create' FROM %s WHERE id BETWEEN ?2 AND ?3 ORDER BY id",
	    p->ent->table);
	code = db_prepare(db, sql, &st, err);
	free(sql);
	if (code != SO_OK)
		return code;
	for (i = 0; i < p->n; i++) {
		sqlite3_bind_text(st, 1, p->ent->name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, p->runs[i].lo);
		sqlite3_bind_int64(st, 3, p->runs[i].hi);
		rc = sqlite3_step(st);
		db_done(st);
		if (rc != SQLITE_DONE)
			return db_error(db, rc, N_("writing the audit log"),
			    err);
	}
	p->n = 0;
	return SO_OK;
}

int
audit_flush(struct db *db, struct so_err *err)
{
	size_t i;
	int code = SO_OK;

	if (defer.db != db)
		return SO_OK;
	for (i = 0; i < defer.n && code == SO_OK; i++)
		code = flush_pending(db, &defer.v[i], err);
	defer_clear();
	return code;
}

int
audit_write(struct db *db, const char *entity, int64_t record_id,
    const char *action, const char *field, const char *old_value,
    const char *new_value, struct so_err *err)
{
	struct pending *p;
	sqlite3_stmt *st;
	size_t i;
	int rc, code;

	/* A row about a record whose create row is put off comes after
	 * it, as it did when it was written at once. */
	for (i = 0; defer.db == db && i < defer.n; i++) {
		p = &defer.v[i];
		if (p->n > 0 && record_id >= p->runs[0].lo &&
		    strcmp(p->ent->name, entity) == 0 &&
		    (code = flush_pending(db, p, err)) != SO_OK)
			return code;
	}
	code = db_prepare(db, "INSERT INTO audit_log (at, user_id, entity, "
	    "record_id, action, field, old_value, new_value) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, db_now(db));
	if (db_user_id(db))
		sqlite3_bind_int64(st, 2, db_user_id(db));
	sqlite3_bind_text(st, 3, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, record_id);
	sqlite3_bind_text(st, 5, action, -1, SQLITE_STATIC);
	bind_opt(st, 6, field);
	bind_opt(st, 7, old_value);
	bind_opt(st, 8, new_value);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("writing the audit log"), err);
	return SO_OK;
}

static char *
col_dup(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s ? xstrdup(s) : NULL;
}

/* Reads the rows of a prepared SELECT of ROW_COLUMNS into *out. */
#define ROW_COLUMNS "a.id, a.at, a.user_id, a.record_id, u.login, " \
	"a.entity, a.action, a.field, a.old_value, a.new_value " \
	"FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "

static int
read_rows(struct db *db, sqlite3_stmt *st, struct audit_row **out,
    size_t *n, struct so_err *err)
{
	struct audit_row *rows = NULL, *r;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			rows = xrealloc(rows, cap * sizeof(*rows));
		}
		r = &rows[(*n)++];
		r->id = sqlite3_column_int64(st, 0);
		r->at = sqlite3_column_int64(st, 1);
		r->user_id = sqlite3_column_int64(st, 2);
		r->record_id = sqlite3_column_int64(st, 3);
		r->login = col_dup(st, 4);
		r->entity = col_dup(st, 5);
		r->action = col_dup(st, 6);
		r->field = col_dup(st, 7);
		r->old_value = col_dup(st, 8);
		r->new_value = col_dup(st, 9);
	}
	db_done(st);
	*out = rows;
	if (rc != SQLITE_DONE) {
		audit_free(rows, *n);
		*out = NULL;
		*n = 0;
		return db_error(db, rc, N_("reading the audit log"), err);
	}
	return SO_OK;
}

int
audit_list(struct db *db, const char *entity, int64_t record_id,
    struct audit_row **out, size_t *n, struct so_err *err)
{
	const struct entity *ent = entity_find(entity);
	sqlite3_stmt *st;
	int code;

	*out = NULL;
	*n = 0;
	/* A record's history holds its old phones and notes: its
	 * details, read by those who may read the record. */
	if (ent && (code = acl_check_read(db, ent, record_id, err)) != SO_OK)
		return code;
	code = db_prepare(db, "SELECT " ROW_COLUMNS
	    "WHERE a.entity = ? AND a.record_id = ? ORDER BY a.id", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, record_id);
	return read_rows(db, st, out, n, err);
}

/*
 * The SQL is built from which filters are set, with numbered
 * parameters (?1 login ... ?6 limit, ?7.. the fields), so each shape is
 * prepared once and cached.  A record's history walks audit_record;
 * anything else walks audit_at backwards and stops at the limit.
 */
int
audit_check_read(struct db *db, const struct audit_filter *f,
    struct so_err *err)
{
	const struct entity *ent = f->entity ? entity_find(f->entity) : NULL;

	/* One's own actions, whatever they were on. */
	if (f->login && strcmp(f->login, db_user_login(db)) == 0 &&
	    acl_role(db) != ROLE_NONE)
		return SO_OK;
	/* One record's history: a card file's, as its details are read;
	 * the team's templates and lookups, by everyone who uses them. */
	if (f->entity && f->record_id)
		return ent ? acl_check_read(db, ent, f->record_id, err) :
		    acl_require(db, ROLE_MANAGER, N_("read the log"), err);
	return acl_require(db, ROLE_HEAD, N_("see the whole department's log"),
	    err);
}

int
audit_read(struct db *db, const struct audit_filter *f,
    struct audit_row **out, size_t *n, struct so_err *err)
{
	int code;

	*out = NULL;
	*n = 0;
	if ((code = audit_check_read(db, f, err)) != SO_OK)
		return code;
	return audit_query(db, f, out, n, err);
}

int
audit_query(struct db *db, const struct audit_filter *f,
    struct audit_row **out, size_t *n, struct so_err *err)
{
	struct strbuf b = { 0 };
	sqlite3_stmt *st;
	int code, i;

	*out = NULL;
	*n = 0;
	sb_add(&b, "SELECT " ROW_COLUMNS "WHERE 1");
	if (f->login)
		sb_add(&b, " AND u.login = ?1");
	if (f->entity)
		sb_add(&b, " AND a.entity = ?2");
	if (f->record_id)
		sb_add(&b, " AND a.record_id = ?3");
	if (f->since)
		sb_add(&b, " AND a.at >= ?4");
	if (f->action)
		sb_add(&b, " AND a.action = ?5");
	for (i = 0; i < f->nfields && i < AUDIT_MAX_FIELDS; i++)
		sb_printf(&b, "%s?%d", i ? ", " : " AND a.field IN (", 7 + i);
	if (i > 0)
		sb_add(&b, ")");
	sb_add(&b, " ORDER BY a.at DESC, a.id DESC");
	if (f->limit)
		sb_add(&b, " LIMIT ?6");
	code = db_prepare(db, b.s, &st, err);
	sb_free(&b);
	if (code != SO_OK)
		return code;
	bind_opt(st, 1, f->login);
	bind_opt(st, 2, f->entity);
	sqlite3_bind_int64(st, 3, f->record_id);
	sqlite3_bind_int64(st, 4, f->since);
	bind_opt(st, 5, f->action);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)f->limit);
	for (i = 0; i < f->nfields && i < AUDIT_MAX_FIELDS; i++)
		bind_opt(st, 7 + i, f->fields[i]);
	return read_rows(db, st, out, n, err);
}

void
audit_free(struct audit_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].login);
		free(rows[i].entity);
		free(rows[i].action);
		free(rows[i].field);
		free(rows[i].old_value);
		free(rows[i].new_value);
	}
	free(rows);
}

/* A stored value as a person reads it: labels, not ids and codes. */
static char *
describe_value(struct db *db, const struct entity *ent,
    const struct field_desc *fd, const char *raw)
{
	const struct choice *c;
	sqlite3_stmt *st;
	char buf[32], *sql, *out = NULL;
	time_t t;

	if (raw == NULL || *raw == '\0')
		return xstrdup(_("(empty)"));
	if (fd == NULL)
		return xstrdup(raw);
	switch (fd->type) {
	case FT_REF:
		sql = xasprintf("SELECT %s FROM %s r WHERE r.id = ?",
		    fd->ref_label, fd->ref_table);
		if (db_prepare(db, sql, &st, NULL) == SO_OK) {
			sqlite3_bind_int64(st, 1, strtoll(raw, NULL, 10));
			if (sqlite3_step(st) == SQLITE_ROW &&
			    sqlite3_column_text(st, 0))
				out = xstrdup((const char *)
				    sqlite3_column_text(st, 0));
			db_done(st);
		}
		free(sql);
		return out ? out : xasprintf("#%s", raw);
	case FT_CHOICE:
		for (c = fd->choices; c && c->code; c++)
			if (strcmp(c->code, raw) == 0)
				return xstrdup(choice_label(ent, c));
		return xstrdup(raw);
	case FT_MOMENT:
		t = (time_t)strtoll(raw, NULL, 10);
		dt_format_moment(t, buf);
		return xstrdup(buf);
	case FT_MONEY:	/* as the screens show money: "1 250 000" */
		money_grouped(strtoll(raw, NULL, 10), 0, buf, sizeof(buf));
		return xstrdup(buf);
	default:
		return xstrdup(raw);
	}
}

char *
audit_describe(struct db *db, const struct entity *ent,
    const struct audit_row *r)
{
	const struct field_desc *fd = NULL;
	char *ov, *nv, *s;
	int fi;

	if (strcmp(r->action, "create") == 0)
		return xstrdup(_("created"));
	if (strcmp(r->action, "delete") == 0)
		return xstrdup(_("moved to the trash"));
	if (strcmp(r->action, "restore") == 0)
		return xstrdup(_("restored from the trash"));
	if (r->field && (fi = entity_field(ent, r->field)) >= 0)
		fd = &ent->fields[fi];
	ov = describe_value(db, ent, fd, r->old_value);
	nv = describe_value(db, ent, fd, r->new_value);
	/* a job of a contact's history entered by hand (contact.c) */
	if (fd == NULL && r->field && strcmp(r->field, "job") == 0)
		s = r->old_value == NULL ? xasprintf(_("job: + %s"), nv) :
		    r->new_value == NULL ? xasprintf(_("job: - %s"), ov) :
		    xasprintf(_("job: %s -> %s"), ov, nv);
	else if (r->old_value == NULL && fd == NULL)
		s = xasprintf("%s: + %s", r->field ? r->field : "?", nv);
	else
		s = xasprintf("%s: %s -> %s", fd ? field_label(ent, fd) :
		    r->field ? r->field : "?", ov, nv);
	free(ov);
	free(nv);
	return s;
}
