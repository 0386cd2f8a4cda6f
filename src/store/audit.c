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

int
audit_write(struct db *db, const char *entity, int64_t record_id,
    const char *action, const char *field, const char *old_value,
    const char *new_value, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

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
