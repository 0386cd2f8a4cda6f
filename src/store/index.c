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
	char		*names;
};

/* More card files than there are. */
#define MAX_INDEXES	32

static struct index_sql sqls[MAX_INDEXES];

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

int
index_row(struct db *db, const struct entity *ent, int64_t id, int add,
    struct so_err *err)
{
	const struct index_sql *x;
	sqlite3_stmt *st;
	int rc, code;

	if ((code = index_sql(db, ent, &x, err)) != SO_OK || x == NULL)
		return code;
	if ((code = db_prepare(db, add ? x->add : x->drop, &st, err)) !=
	    SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	db_done(st);
	/* Out of step (above): rebuilt, the row among the rest, and out. */
	if (!add && rc == SQLITE_CORRUPT_VTAB) {
		if ((code = db_exec(db, x->rebuild, err)) != SO_OK)
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
