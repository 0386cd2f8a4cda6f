/*
 * The search index kept by the store (sql/012_index_kept_by_store.sql).
 *
 * Until schema 12 triggers in the file kept each FTS5 index.  Every
 * database is now opened with trusted_schema=OFF, under which no trigger
 * may write an FTS5 table (SQLite 3.40 does not mark FTS5 innocuous), so
 * the record engine (record.c) calls index_row around each write that
 * changes what is indexed, as the triggers did: out as the view
 * <table>_searchable still shows the row, the write, back in from the
 * view.  The view stays the one definition of what is indexed, and an
 * external-content index must be told exactly the values it holds.
 *
 * An import puts the indexing off (index_defer): each FTS5 statement
 * inside a transaction flushes the index's pending terms to disk as a
 * segment of its own (its savepoint), which made indexing nine tenths
 * of an import's time.  The records created meanwhile are the ones
 * whose id is above the table's highest when it started (ids only
 * grow, and the transaction keeps other writers out); index_flush puts
 * them in from the view with one statement per card file, as they are
 * at the end: the view still decides what is indexed.
 *
 * An edit made outside salesorg (the sqlite3 shell) does not reach the
 * index.  FTS5 then cannot take out what the row now shows (it answers
 * SQLITE_CORRUPT_VTAB): the index of that card file is rebuilt from the
 * records as they are, inside the same transaction, and the row taken
 * out again.  salesorg check reports any other difference.
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "store/index.h"

/*
 * The statements of one card file's index, made once per process from
 * its view's columns (every database of this schema has the same): the
 * view's first column is the id, the index's rowid, the rest the index's
 * columns in its order.  names is ",col,...,col," for index_has_field.
 */
struct index_sql {
	const char	*table;
	char		*add;
	char		*drop;
	char		*rebuild;
	char		*add_after;	/* the rows above an id */
	char		*names;
};

/* More card files than there are. */
#define MAX_INDEXES	32

static struct index_sql sqls[MAX_INDEXES];

/* The indexing put off, for one database at a time: per card file
 * with an index, the highest id before (its rows above are put off)
 * and whether any was. */
struct deferred {
	char		*table;
	const struct entity *ent;
	int64_t		 after;
	int		 any;
};

static struct {
	struct db	*db;
	struct deferred	*v;
	size_t		 n;
} defer;

/* The statements of ent's index in *out, NULL when it has none (a card
 * file without a view, or a test's own schema: not remembered, since
 * the next database may have one). */
static int
index_sql(struct db *db, const struct entity *ent,
    const struct index_sql **out, struct so_err *err)
{
	struct strbuf cols = { 0 }, names = { 0 };
	struct index_sql *x = NULL;
	sqlite3_stmt *st;
	char *view;
	size_t i;
	int rc, code, n = 0;

	*out = NULL;
	for (i = 0; i < MAX_INDEXES && sqls[i].table; i++)
		if (strcmp(sqls[i].table, ent->table) == 0) {
			*out = &sqls[i];
			return SO_OK;
		}
	if (i < MAX_INDEXES)
		x = &sqls[i];
	if ((code = db_prepare(db, "SELECT name FROM pragma_table_info(?1) "
	    "WHERE cid > 0 ORDER BY cid", &st, err)) != SO_OK)
		return code;
	view = xasprintf("%s_searchable", ent->table);
	sqlite3_bind_text(st, 1, view, -1, SQLITE_STATIC);
	sb_add(&names, ",");
	sb_add(&cols, "rowid");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		sb_printf(&cols, ", %s", name);
		sb_printf(&names, "%s,", name);
		n++;
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		code = db_error(db, rc, N_("reading the search index's "
		    "columns"), err);
	else if (n > 0 && x == NULL)
		code = so_err_set(err, SO_ERR, _("more than %d search indexes"),
		    MAX_INDEXES);
	else if (n > 0) {
		x->add = xasprintf("INSERT INTO %s_fts (%s) SELECT * FROM %s "
		    "WHERE id = ?1", ent->table, sb_str(&cols), view);
		x->drop = xasprintf("INSERT INTO %s_fts (%s_fts, %s) SELECT "
		    "'delete', * FROM %s WHERE id = ?1", ent->table,
		    ent->table, sb_str(&cols), view);
		x->rebuild = xasprintf("INSERT INTO %s_fts (%s_fts) VALUES "
		    "('rebuild')", ent->table, ent->table);
		x->add_after = xasprintf("INSERT INTO %s_fts (%s) SELECT * "
		    "FROM %s WHERE id > ?1", ent->table, sb_str(&cols), view);
		x->names = xstrdup(sb_str(&names));
		x->table = ent->table;
		*out = x;
	}
	free(view);
	sb_free(&cols);
	sb_free(&names);
	return code;
}

int
index_has_field(struct db *db, const struct entity *ent, const char *field)
{
	const struct index_sql *x;
	const char *p;
	size_t len = strlen(field);

	if (index_sql(db, ent, &x, NULL) != SO_OK || x == NULL)
		return 0;
	for (p = x->names; (p = strstr(p, field)) != NULL; p++)
		if (p[-1] == ',' && p[len] == ',')
			return 1;
	return 0;
}

/* The put-off entry of table, or NULL. */
static struct deferred *
deferred_of(struct db *db, const char *table)
{
	size_t i;

	if (defer.db != db)
		return NULL;
	for (i = 0; i < defer.n; i++)
		if (strcmp(defer.v[i].table, table) == 0)
			return &defer.v[i];
	return NULL;
}

/* The highest id of table now (0 for none). */
static int
max_id(struct db *db, const char *table, int64_t *out, struct so_err *err)
{
	sqlite3_stmt *st;
	char *sql = xasprintf("SELECT coalesce(max(id), 0) FROM %s", table);
	int rc, code;

	code = db_prepare(db, sql, &st, err);
	free(sql);
	if (code != SO_OK)
		return code;
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	return rc == SQLITE_ROW ? SO_OK : db_error(db, rc,
	    N_("indexing for the search"), err);
}

int
index_row(struct db *db, const struct entity *ent, int64_t id, int add,
    struct so_err *err)
{
	const struct index_sql *x;
	struct deferred *d;
	sqlite3_stmt *st;
	int rc, code;

	if ((code = index_sql(db, ent, &x, err)) != SO_OK || x == NULL)
		return code;
	if ((d = deferred_of(db, ent->table)) != NULL && id > d->after) {
		d->any = 1;
		return SO_OK;	/* created since index_defer: not in yet */
	}
	if ((code = db_prepare(db, add ? x->add : x->drop, &st, err)) !=
	    SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	db_done(st);
	/* Out of step (above): rebuilt, the row among the rest, and out.
	 * The rebuild put in the rows put off too. */
	if (!add && rc == SQLITE_CORRUPT_VTAB) {
		if ((code = db_exec(db, x->rebuild, err)) != SO_OK)
			return code;
		if (d && (code = max_id(db, ent->table, &d->after, err)) !=
		    SO_OK)
			return code;
		sqlite3_bind_int64(st, 1, id);
		rc = sqlite3_step(st);
		db_done(st);
	}
	if (rc != SQLITE_DONE)
		return db_error(db, rc, add ? _("indexing for the search") :
		    _("taking out of the search index"), err);
	return SO_OK;
}

static void
defer_clear(void)
{
	size_t i;

	for (i = 0; i < defer.n; i++)
		free(defer.v[i].table);
	free(defer.v);
	memset(&defer, 0, sizeof(defer));
}

int
index_defer(struct db *db, struct so_err *err)
{
	const struct entity *const *e;
	const struct index_sql *x;
	struct deferred *d;
	int code;

	defer_clear();
	for (e = entity_all(); *e; e++) {
		if ((code = index_sql(db, *e, &x, err)) != SO_OK)
			goto fail;
		if (x == NULL)
			continue;
		defer.v = xrealloc(defer.v, (defer.n + 1) * sizeof(*defer.v));
		d = &defer.v[defer.n++];
		memset(d, 0, sizeof(*d));
		d->table = xstrdup((*e)->table);
		d->ent = *e;
		if ((code = max_id(db, d->table, &d->after, err)) != SO_OK)
			goto fail;
	}
	defer.db = db;
	return SO_OK;
fail:
	defer_clear();
	return code;
}

/*
 * FTS5 keeps the terms of the rows being added in memory up to its
 * hashsize (1 MiB by default), then writes them as a segment, and
 * merges the segments as they pile up.  One statement that adds an
 * import's 100 000 rows writes a third less with 8 MiB (RSS +8 MiB, for
 * that statement).  The setting lives in the index's table of settings
 * (which defensive mode keeps us from writing but through FTS5): it is
 * put back as it was, FTS5's default written out when there was none.
 */
#define FLUSH_HASHSIZE	(8 * 1024 * 1024)
#define FTS5_HASHSIZE	(1024 * 1024)	/* FTS5's default */

static int
set_hashsize(struct db *db, const char *table, int64_t size,
    struct so_err *err)
{
	char *sql;
	int code;

	sql = xasprintf("INSERT INTO %s_fts (%s_fts, rank) VALUES "
	    "('hashsize', %lld)", table, table, (long long)size);
	code = db_exec(db, sql, err);
	free(sql);
	return code;
}

/* The add_after of x (rows of d's table above d->after), with a
 * bigger hashsize. */
static int
add_rows(struct db *db, const struct index_sql *x, struct deferred *d,
    struct so_err *err)
{
	sqlite3_stmt *st;
	char *sql;
	int64_t old = 0;
	int rc, code, code2;

	sql = xasprintf("SELECT coalesce((SELECT v FROM %s_fts_config WHERE "
	    "k = 'hashsize'), 0)", d->table);
	code = db_prepare(db, sql, &st, err);
	free(sql);
	if (code != SO_OK)
		return code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		old = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, _("indexing for the search"), err);
	if (old < FLUSH_HASHSIZE &&
	    (code = set_hashsize(db, d->table, FLUSH_HASHSIZE, err)) != SO_OK)
		return code;
	if ((code = db_prepare(db, x->add_after, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, d->after);
	rc = sqlite3_step(st);
	db_done(st);
	code = rc == SQLITE_DONE ? SO_OK : db_error(db, rc,
	    _("indexing for the search"), err);
	if (old >= FLUSH_HASHSIZE)
		return code;
	code2 = set_hashsize(db, d->table, old ? old : FTS5_HASHSIZE,
	    code == SO_OK ? err : NULL);
	return code != SO_OK ? code : code2;
}

int
index_flush(struct db *db, struct so_err *err)
{
	const struct index_sql *x;
	struct deferred *d;
	size_t i;
	int code = SO_OK;

	if (defer.db != db)
		return SO_OK;
	for (i = 0; i < defer.n && code == SO_OK; i++) {
		d = &defer.v[i];
		if (!d->any)
			continue;
		if ((code = index_sql(db, d->ent, &x, err)) != SO_OK ||
		    x == NULL)
			continue;
		code = add_rows(db, x, d, err);
	}
	defer_clear();
	return code;
}

void
index_defer_cancel(struct db *db)
{
	if (defer.db == db)
		defer_clear();
}
