/*
 * The generic record engine: SQL generated from the entity descriptors.
 *
 * Column and table names in the generated SQL come only from the
 * descriptor tables compiled into the binary; every value is a bound
 * parameter.  The generated text is the same for the same entity and
 * query shape, so db_prepare's cache turns it into one prepared statement
 * each.
 *
 * Optimistic locking: an update says which version it read.  Under the
 * write lock we re-read the row: a different version means someone else
 * saved in between, and we refuse with SO_ECONFLICT rather than overwrite
 * their change (the UI then shows both values).  The UPDATE itself also
 * carries "AND version = ?" so the rule holds even if this code changes.
 *
 * Lists are keyset-paginated: a page is "the N rows after (key, id)" in
 * the order ORDER BY key, id, which an index on (key, id) answers by
 * seeking, so page 10 000 costs what page 1 does.  OFFSET would read and
 * throw away every row before the page.  What reads a whole list (the
 * exports) walks it page by page with rec_walk, the one such loop.
 *
 * Custom fields (store/custom.h) are in the descriptors like the others
 * but have no column: they are read with a subquery per field
 * (custom_column), written to custom_values after the row in the same
 * transaction (custom_write), audited alike, and never a sort key.  A
 * change to one alone still moves the row's version on, so the
 * optimistic check covers them too.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/audit.h"
#include "store/custom.h"
#include "store/record.h"
#include "store/index.h"

/* Sorts after every real value, so rows without one come last. */
#define NULL_SORTS_LAST	"9223372036854775807"

#define META_COLS	6	/* id, version, created_at, updated_at,
				   deleted_at, created_by */

void
rec_init(const struct entity *ent, void *obj)
{
	int i;

	memset(obj, 0, ent->size);
	for (i = 0; i < ent->nfields; i++) {
		const struct field_desc *fd = &ent->fields[i];

		if (!field_is_text(fd))
			*field_int(fd, obj) = fd->type == FT_BOOL ? 0 : SO_NULL;
		if (fd->defval)
			field_parse(ent, i, obj, fd->defval, 0, NULL);
	}
}

static void
free_ref_labels(const struct entity *ent, struct rec_meta *m)
{
	int i;

	if (m->ref_labels == NULL)
		return;
	/* References are compiled-in fields; the array may be longer. */
	for (i = 0; i < entity_nbuiltin(ent); i++)
		free(m->ref_labels[i]);
	free(m->ref_labels);
	m->ref_labels = NULL;
}

static void
free_custom(struct rec_meta *m)
{
	int i;

	for (i = 0; i < m->ncustom; i++)
		free(m->custom[i].s);
	free(m->custom);
	m->custom = NULL;
	m->ncustom = 0;
}

void
rec_clear(const struct entity *ent, void *obj)
{
	int i, nb = entity_nbuiltin(ent);

	if (obj == NULL)
		return;
	for (i = 0; i < nb; i++)
		if (field_is_text(&ent->fields[i]))
			free(*field_text(&ent->fields[i], obj));
	free_ref_labels(ent, rec_meta(obj));
	free_custom(rec_meta(obj));
	memset(obj, 0, ent->size);
}

void
rec_copy(const struct entity *ent, void *dst, const void *src)
{
	const struct rec_meta *sm = src;
	struct rec_meta *dm;
	int i;

	memcpy(dst, src, ent->size);
	dm = dst;
	dm->custom = NULL;
	dm->ncustom = 0;
	if (sm->ncustom > 0) {
		dm->custom = xcalloc((size_t)sm->ncustom, sizeof(*dm->custom));
		for (i = 0; i < sm->ncustom; i++) {
			dm->custom[i].i = sm->custom[i].i;
			if (sm->custom[i].s)
				dm->custom[i].s = xstrdup(sm->custom[i].s);
		}
		dm->ncustom = sm->ncustom;
	}
	for (i = 0; i < entity_nbuiltin(ent); i++) {
		const struct field_desc *fd = &ent->fields[i];

		if (field_is_text(fd) && field_text_c(fd, src)[0])
			*field_text(fd, dst) = xstrdup(field_text_c(fd, src));
		else if (field_is_text(fd))
			*field_text(fd, dst) = NULL;
	}
	dm->ref_labels = NULL;
	if (sm->ref_labels) {
		dm->ref_labels = xcalloc((size_t)ent->nfields, sizeof(char *));
		for (i = 0; i < entity_nbuiltin(ent); i++)
			if (sm->ref_labels[i])
				dm->ref_labels[i] = xstrdup(sm->ref_labels[i]);
	}
}

/* ---- SQL text ---- */

/*
 * FROM clause.  A filtered scan must read the table in storage order:
 * left to itself the planner walks a partial index (it satisfies
 * "deleted_at IS NULL") and fetches every row at random, ten times
 * slower on a large file than reading the pages in order.
 */
/* Does q narrow the list by a quick filter or a filter? */
static int
filtered(const struct list_query *q)
{
	return (q->quick && *q->quick) || q->filter;
}

static void
from_table(const struct entity *ent, int in_order, struct strbuf *b)
{
	sb_printf(b, " FROM %s t%s", ent->table, in_order ? " NOT INDEXED" :
	    "");
}

/*
 * Better than the table, when there is one: a partial index over the
 * live rows that holds every column the WHERE reads (a filter on a name,
 * say).  Scanning it reads a tenth of the pages, and walking it in order
 * for a page never fetches a row that does not match (SQLite defers the
 * row lookup until the index columns have passed the WHERE): a regular
 * expression over 300 000 names is counted in 35 ms instead of 80.
 * Found by reading the indexes from the schema, so that one added later
 * serves too.  Writes the index's name to idx and says whether its first
 * column is the sort key (*in_order); 0 when none covers the WHERE.
 */
#define INDEX_NAME_MAX	64
static int
covering_index(struct db *db, const struct entity *ent, const char *where,
    const char *sort_col, char idx[INDEX_NAME_MAX], int *in_order)
{
	sqlite3_stmt *st;
	struct strbuf need = { 0 };
	struct so_err err = { 0 };
	const char *p, *q, *name, *col;
	char cur[INDEX_NAME_MAX] = "";
	int ok = 0, found = 0, cols = 0, first = 1, rc;

	/* The columns the WHERE reads, as " a b c ": every "t.x" (values
	 * are bound, so the text holds no user data). */
	sb_addc(&need, ' ');
	for (p = where; (p = strstr(p, "t.")) != NULL; p = q) {
		q = p + 2;
		if (p > where && (isalnum((unsigned char)p[-1]) ||
		    p[-1] == '_'))
			continue;
		while (isalnum((unsigned char)*q) || *q == '_')
			q++;
		if ((q - p == 12 && strncmp(p + 2, "deleted_at", 10) == 0) ||
		    (q - p == 4 && strncmp(p + 2, "id", 2) == 0))
			continue;
		sb_addn(&need, p + 2, (size_t)(q - p - 2));
		sb_addc(&need, ' ');
		cols++;
	}
	*in_order = 0;
	if (cols == 0 || db_prepare(db, "SELECT l.name, i.name, i.seqno FROM "
	    "pragma_index_list(?1) l JOIN sqlite_master m ON m.name = l.name "
	    "JOIN pragma_index_info(l.name) i WHERE l.partial "
	    "AND m.sql LIKE '%WHERE deleted_at IS NULL' ORDER BY l.name, i.seqno",
	    &st, &err) != SO_OK) {
		sb_free(&need);
		return 0;
	}
	sqlite3_bind_text(st, 1, ent->table, -1, SQLITE_STATIC);
	/* Rows come index by index; judge each when the next begins. */
	for (;;) {
		rc = sqlite3_step(st);
		name = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st,
		    0) : NULL;
		if (*cur && (name == NULL || strcmp(name, cur) != 0)) {
			if (ok == cols && (!found || *in_order == 0)) {
				snprintf(idx, INDEX_NAME_MAX, "%s", cur);
				found = 1;
				*in_order = first;
			}
			*cur = '\0';
		}
		if (name == NULL)
			break;
		col = (const char *)sqlite3_column_text(st, 1);
		if (*cur == '\0') {
			if (strlen(name) >= INDEX_NAME_MAX)
				continue;
			snprintf(cur, sizeof(cur), "%s", name);
			ok = 0;
			first = col && strcmp(col, sort_col) == 0;
		}
		/* A person's text sorts by an expression of it, then by
		 * it (sql/013_yo_order.sql): in order when the second
		 * column is the key. */
		if (sqlite3_column_int(st, 2) == 1 && col &&
		    strcmp(col, sort_col) == 0)
			first = 1;
		if (col == NULL)		/* an expression: no column */
			;
		else {
			/* Each needed column counts once, however often
			 * the WHERE names it. */
			char *w = xasprintf(" %s ", col);

			for (p = need.s; (p = strstr(p, w)) != NULL; p++)
				ok++;
			free(w);
		}
	}
	db_done(st);
	sb_free(&need);
	return found;
}

static void
select_cols(const struct entity *ent, struct strbuf *b)
{
	int i;

	sb_add(b, "SELECT t.id, t.version, t.created_at, t.updated_at, "
	    "t.deleted_at, t.created_by");
	for (i = 0; i < ent->nfields; i++) {
		if (ent->fields[i].flags & F_CUSTOM) {
			sb_add(b, ", ");
			custom_column(ent, &ent->fields[i], b);
		} else
			sb_printf(b, ", t.%s", ent->fields[i].name);
	}
	for (i = 0; i < ent->nfields; i++) {
		const struct field_desc *fd = &ent->fields[i];

		if (fd->type == FT_REF && fd->ref_label)
			sb_printf(b, ", (SELECT %s FROM %s r WHERE r.id = t.%s)",
			    fd->ref_label, fd->ref_table, fd->name);
	}
}

static void
bind_field(sqlite3_stmt *st, int col, const struct field_desc *fd,
    const void *obj)
{
	if (field_is_text(fd))
		sqlite3_bind_text(st, col, field_text_c(fd, obj), -1,
		    SQLITE_TRANSIENT);
	else if (field_is_empty(fd, obj) && fd->type != FT_BOOL)
		sqlite3_bind_null(st, col);
	else
		sqlite3_bind_int64(st, col, field_int_c(fd, obj));
}

/* Fills obj (already zeroed) from the current row of a select_cols query. */
static void
read_row(const struct entity *ent, sqlite3_stmt *st, void *obj)
{
	struct rec_meta *m = obj;
	int i, col, refcol;

	m->id = sqlite3_column_int64(st, 0);
	m->version = sqlite3_column_int64(st, 1);
	m->created_at = sqlite3_column_int64(st, 2);
	m->updated_at = sqlite3_column_int64(st, 3);
	m->deleted_at = sqlite3_column_int64(st, 4);
	m->created_by = sqlite3_column_int64(st, 5);
	refcol = META_COLS + ent->nfields;
	for (i = 0; i < ent->nfields; i++) {
		const struct field_desc *fd = &ent->fields[i];

		col = META_COLS + i;
		if (field_is_text(fd)) {
			const char *s = (const char *)sqlite3_column_text(st,
			    col);
			int len = sqlite3_column_bytes(st, col);

			*field_text(fd, obj) = s && *s ? xstrndup(s,
			    (size_t)len) : NULL;
		} else if (sqlite3_column_type(st, col) == SQLITE_NULL)
			*field_int(fd, obj) = fd->type == FT_BOOL ? 0 : SO_NULL;
		else
			*field_int(fd, obj) = sqlite3_column_int64(st, col);
		if (fd->type == FT_REF && fd->ref_label) {
			const char *s = (const char *)sqlite3_column_text(st,
			    refcol++);

			if (s) {
				if (m->ref_labels == NULL)
					m->ref_labels = xcalloc(
					    (size_t)ent->nfields,
					    sizeof(char *));
				m->ref_labels[i] = xstrdup(s);
			}
		}
	}
}

/* ---- validation ---- */

/* The look-up of a row of table, made once per table: an import
 * checks references of thousands of records. */
static const char *
ref_sql(const char *table)
{
	static struct {
		char		*table;
		char		*sql;
	} made[32];
	static char *spare;
	size_t i;

	for (i = 0; i < sizeof(made) / sizeof(made[0]) && made[i].table; i++)
		if (strcmp(made[i].table, table) == 0)
			return made[i].sql;
	if (i == sizeof(made) / sizeof(made[0])) {
		free(spare);
		return spare = xasprintf("SELECT 1 FROM %s WHERE id = ?",
		    table);
	}
	made[i].table = xstrdup(table);
	made[i].sql = xasprintf("SELECT 1 FROM %s WHERE id = ?", table);
	return made[i].sql;
}

static int	ref_known(struct db *, const char *, int64_t, int);

static int
check_ref(struct db *db, const struct entity *ent,
    const struct field_desc *fd, int64_t id, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	if (ref_known(db, fd->ref_table, id, 0))
		return SO_OK;
	if ((code = db_prepare(db, ref_sql(fd->ref_table), &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc == SQLITE_ROW) {
		ref_known(db, fd->ref_table, id, 1);
		return SO_OK;
	}
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("checking a reference"), err);
	return so_err_field(err, SO_EINVAL, fd->name, _("%s: no record #%lld"),
	    field_label(ent, fd), (long long)id);
}

/*
 * Does the write of obj (over old, NULL for a new record) leave field fd
 * as it was?  Then no rule judges it (see record.h): an update keeps the
 * stored value, and the program's new record leaves a custom field it
 * knows nothing of empty.
 */
static int
untouched(const struct field_desc *fd, const void *old, const void *obj)
{
	if (old)
		return field_equal(fd, old, obj);
	return ((const struct rec_meta *)obj)->by_program &&
	    (fd->flags & F_CUSTOM) && field_is_empty(fd, obj);
}

int
rec_validate_changes(struct db *db, const struct entity *ent,
    const void *old, void *obj, struct so_err *err)
{
	int i, code;

	if (ent->check && (code = ent->check(db, obj, err)) != SO_OK)
		return code;
	for (i = 0; i < ent->nfields; i++) {
		const struct field_desc *fd = &ent->fields[i];

		if (untouched(fd, old, obj))
			continue;
		if ((code = field_validate(ent, i, obj, err)) != SO_OK)
			return code;
		if (fd->type == FT_REF && !field_is_empty(fd, obj) && (code =
		    check_ref(db, ent, fd, field_int_c(fd, obj), err)) != SO_OK)
			return code;
	}
	return SO_OK;
}

int
rec_validate(struct db *db, const struct entity *ent, void *obj,
    struct so_err *err)
{
	return rec_validate_changes(db, ent, NULL, obj, err);
}

const char *
rec_incomplete(const struct entity *ent, const void *obj)
{
	int i;

	for (i = 0; i < ent->nfields; i++)
		if ((ent->fields[i].flags & F_REQUIRED) &&
		    field_is_empty(&ent->fields[i], obj))
			return field_label(ent, &ent->fields[i]);
	return NULL;
}

/* ---- create, get ---- */

static int	stage_sync(struct db *, const struct entity *, int64_t,
		    struct so_err *);

static int
get_row(struct db *db, const struct entity *ent, int64_t id, void *obj,
    struct so_err *err)
{
	struct strbuf b = { 0 };
	sqlite3_stmt *st;
	int rc, code;

	select_cols(ent, &b);
	from_table(ent, 0, &b);
	sb_add(&b, " WHERE t.id = ?");
	code = db_prepare(db, sb_str(&b), &st, err);
	sb_free(&b);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(obj, 0, ent->size);
		read_row(ent, st, obj);
		code = SO_OK;
	} else if (rc == SQLITE_DONE)
		code = so_err_set(err, SO_ENOTFOUND, _("no %s #%lld"),
		    ent->name, (long long)id);
	else
		code = db_error(db, rc, N_("reading"), err);
	db_done(st);
	if (code == SO_OK)
		rec_meta(obj)->hidden = acl_hide_details(db, ent, obj);
	return code;
}

int
rec_get(struct db *db, const struct entity *ent, int64_t id, void *obj,
    struct so_err *err)
{
	int code;

	if ((code = stage_sync(db, ent, id, err)) != SO_OK)
		return code;
	return get_row(db, ent, id, obj, err);
}

/*
 * The INSERT of ent's built-in fields, made once per card file: an
 * import creates thousands of records, and writing the same statement
 * out for each was a fortieth of its time.
 */
static const char *
insert_sql(const struct entity *ent)
{
	static struct {
		const struct entity	*ent;
		char			*sql;
	} made[32];
	struct strbuf b = { 0 };
	size_t i;
	int f, nb = entity_nbuiltin(ent);

	for (i = 0; i < sizeof(made) / sizeof(made[0]) && made[i].ent; i++)
		if (made[i].ent == ent)
			return made[i].sql;
	sb_printf(&b, "INSERT INTO %s (", ent->table);
	for (f = 0; f < nb; f++)
		sb_printf(&b, "%s, ", ent->fields[f].name);
	sb_add(&b, "created_at, updated_at, created_by, version) VALUES (");
	for (f = 0; f < nb; f++)
		sb_add(&b, "?, ");
	sb_add(&b, "?, ?, ?, 1)");
	if (i == sizeof(made) / sizeof(made[0])) {
		/* more card files than there are: made each time */
		static char *spare;

		free(spare);
		return spare = sb_steal(&b);
	}
	made[i].ent = ent;
	made[i].sql = sb_steal(&b);
	return made[i].sql;
}

/* ---- staged creation (record.h) ---- */

struct staged {
	const struct entity *ent;
	char		*insert;	/* into the TEMP table */
	char		*move;		/* from it into the table */
	char		*clear;
	int64_t		 first, next;	/* staged ids: [first, next) */
	int		 empty;		/* the table had no row to begin with */
};

#define MAX_STAGED	4
#define REF_MEMO	8

static struct {
	struct db	*db;
	struct staged	 v[MAX_STAGED];
	size_t		 n;
	/* References found while staging (an import: one transaction
	 * that deletes nothing), as check_ref asks of every record for
	 * the same few (an event's type, its result): a fiftieth of an
	 * import's time. */
	struct {
		const char	*table;		/* a field_desc's ref_table */
		int64_t		 id;
	}		 refs[REF_MEMO];
	size_t		 nrefs;
} stage;

/* Whether id of table is among the references found while staging;
 * add: note it. */
static int
ref_known(struct db *db, const char *table, int64_t id, int add)
{
	size_t i;

	if (stage.db != db || stage.n == 0)
		return 0;
	if (add) {
		i = stage.nrefs++ % REF_MEMO;
		stage.refs[i].table = table;
		stage.refs[i].id = id;
		return 1;
	}
	for (i = 0; i < stage.nrefs && i < REF_MEMO; i++)
		if (stage.refs[i].id == id && stage.refs[i].table == table)
			return 1;
	return 0;
}

static struct staged *
staged_of(struct db *db, const struct entity *ent)
{
	size_t i;

	if (stage.db != db)
		return NULL;
	for (i = 0; i < stage.n; i++)
		if (stage.v[i].ent == ent)
			return &stage.v[i];
	return NULL;
}

static void
stage_clear(void)
{
	size_t i;

	for (i = 0; i < stage.n; i++) {
		free(stage.v[i].insert);
		free(stage.v[i].move);
		free(stage.v[i].clear);
	}
	memset(&stage, 0, sizeof(stage));
}

int
rec_stage(struct db *db, const struct entity *ent, struct so_err *err)
{
	struct strbuf cols = { 0 }, b = { 0 };
	struct staged *sg;
	sqlite3_stmt *st;
	char *sql;
	int f, rc, code, nb = entity_nbuiltin(ent);

	if (stage.db != db)
		stage_clear();
	if (ent->after_write || staged_of(db, ent) || stage.n == MAX_STAGED)
		return SO_OK;
	/* The columns rec_create writes, their types, nothing else: no
	 * constraint to check twice, no index to keep. */
	sql = xasprintf("CREATE TEMP TABLE IF NOT EXISTS so_stage_%s AS "
	    "SELECT * FROM main.%s WHERE 0", ent->table, ent->table);
	code = db_exec(db, sql, err);
	free(sql);
	if (code != SO_OK)
		return code;
	sql = xasprintf("SELECT coalesce(max(id), 0) + 1 FROM main.%s",
	    ent->table);
	code = db_prepare(db, sql, &st, err);
	free(sql);
	if (code != SO_OK)
		return code;
	rc = sqlite3_step(st);
	stage.db = db;
	sg = &stage.v[stage.n++];
	memset(sg, 0, sizeof(*sg));
	sg->ent = ent;
	sg->first = sg->next = sqlite3_column_int64(st, 0);
	sg->empty = sg->first == 1;
	db_done(st);
	if (rc != SQLITE_ROW) {
		stage.n--;
		return db_error(db, rc, N_("saving"), err);
	}
	sb_add(&cols, "id");
	for (f = 0; f < nb; f++)
		sb_printf(&cols, ", %s", ent->fields[f].name);
	sb_add(&cols, ", created_at, updated_at, created_by, version");
	sb_printf(&b, "INSERT INTO temp.so_stage_%s (%s) VALUES (?",
	    ent->table, sb_str(&cols));
	for (f = 0; f < nb + 3; f++)
		sb_add(&b, ", ?");
	sb_add(&b, ", 1)");
	sg->insert = sb_steal(&b);
	/* In the order of the rows (the ids'), with no sort: the TEMP
	 * table's id is a plain column. */
	sg->move = xasprintf("INSERT INTO main.%s (%s) SELECT %s FROM "
	    "temp.so_stage_%s ORDER BY rowid", ent->table, sb_str(&cols),
	    sb_str(&cols), ent->table);
	sg->clear = xasprintf("DELETE FROM temp.so_stage_%s", ent->table);
	sb_free(&cols);
	return SO_OK;
}

static int
stage_move(struct db *db, struct staged *sg, struct so_err *err)
{
	int code;

	if (sg->next == sg->first)
		return SO_OK;
	if ((code = db_exec(db, sg->move, err)) != SO_OK ||
	    (code = db_exec(db, sg->clear, err)) != SO_OK)
		return code;
	sg->first = sg->next;
	return SO_OK;
}

int
rec_stage_flush(struct db *db, struct so_err *err)
{
	size_t i;
	int code = SO_OK;

	for (i = 0; stage.db == db && i < stage.n && code == SO_OK; i++)
		code = stage_move(db, &stage.v[i], err);
	return code;
}

int
rec_stage_end(struct db *db, struct so_err *err)
{
	int code;

	if (stage.db != db)
		return SO_OK;
	code = rec_stage_flush(db, err);
	stage_clear();
	return code;
}

int
rec_stage_from_empty(struct db *db, const struct entity *ent)
{
	struct staged *sg = staged_of(db, ent);

	return sg != NULL && sg->empty;
}

void
rec_stage_cancel(struct db *db)
{
	if (stage.db == db)
		stage_clear();
}

/* Before reading or writing row id of ent: the staged rows in. */
static int
stage_sync(struct db *db, const struct entity *ent, int64_t id,
    struct so_err *err)
{
	struct staged *sg = staged_of(db, ent);

	if (sg && id >= sg->first && id < sg->next)
		return stage_move(db, sg, err);
	return SO_OK;
}

int
rec_create(struct db *db, const struct entity *ent, void *obj,
    struct so_err *err)
{
	struct staged *sg = staged_of(db, ent);
	struct rec_meta *m = obj;
	sqlite3_stmt *st;
	int64_t now = db_now(db);
	int i, rc, code, nb = entity_nbuiltin(ent);

	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if ((code = rec_validate(db, ent, obj, err)) != SO_OK ||
	    (code = acl_check_write(db, ent, NULL, obj, err)) != SO_OK)
		goto fail;
	if ((code = db_prepare(db, sg ? sg->insert : insert_sql(ent), &st,
	    err)) != SO_OK)
		goto fail;
	/* staged: the id first */
	if (sg)
		sqlite3_bind_int64(st, 1, sg->next);
	for (i = 0; i < nb; i++)
		bind_field(st, i + 1 + !!sg, &ent->fields[i], obj);
	sqlite3_bind_int64(st, nb + 1 + !!sg, now);
	sqlite3_bind_int64(st, nb + 2 + !!sg, now);
	if (db_user_id(db))
		sqlite3_bind_int64(st, nb + 3 + !!sg, db_user_id(db));
	else
		sqlite3_bind_null(st, nb + 3 + !!sg);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE) {
		code = db_error(db, rc, N_("saving"), err);
		goto fail;
	}
	m->id = sg ? sg->next++ : sqlite3_last_insert_rowid(db_sqlite(db));
	m->version = 1;
	m->created_at = m->updated_at = now;
	m->created_by = db_user_id(db);
	m->deleted_at = 0;
	if ((code = index_row(db, ent, m->id, 1, err)) != SO_OK ||
	    (code = custom_write(db, ent, m->id, NULL, obj, err)) != SO_OK ||
	    (!audit_defer_create(db, ent, m->id) &&
	    (code = audit_write(db, ent->name, m->id, "create", NULL, NULL,
	    NULL, err)) != SO_OK))
		goto fail;
	if (ent->after_write && (code = ent->after_write(db, NULL, obj, err)) !=
	    SO_OK)
		goto fail;
	if (sg && sg->next - sg->first >= REC_STAGE_BATCH &&
	    (code = stage_move(db, sg, err)) != SO_OK)
		goto fail;
	if ((code = db_commit(db, err)) != SO_OK) {
		m->id = 0;
		return code;
	}
	return SO_OK;
fail:
	db_rollback(db);
	m->id = 0;
	return code;
}

/* ---- update ---- */

/* The raw stored form of a field for the audit log (NULL when empty). */
static char *
audit_value(const struct field_desc *fd, const void *obj)
{
	if (field_is_empty(fd, obj) && fd->type != FT_BOOL)
		return NULL;
	if (field_is_text(fd))
		return xstrdup(field_text_c(fd, obj));
	return xasprintf("%" PRId64, field_int_c(fd, obj));
}

int
rec_update(struct db *db, const struct entity *ent, void *obj,
    struct so_err *err)
{
	struct rec_meta *m = obj;
	struct strbuf b = { 0 };
	sqlite3_stmt *st;
	void *old;
	int64_t now = db_now(db);
	int i, rc, code, changed = 0, reindex = 0, nb = entity_nbuiltin(ent);

	old = xcalloc(1, ent->size);
	if ((code = db_begin(db, err)) != SO_OK)
		goto out;
	if ((code = stage_sync(db, ent, m->id, err)) != SO_OK ||
	    (code = get_row(db, ent, m->id, old, err)) != SO_OK)
		goto fail;
	if (rec_meta(old)->version != m->version) {
		code = so_err_set(err, SO_ECONFLICT, _("%s #%lld was changed "
		    "by someone else (version %lld, you read %lld)"),
		    entity_label(ent), (long long)m->id,
		    (long long)rec_meta(old)->version, (long long)m->version);
		goto fail;
	}
	if ((code = rec_validate_changes(db, ent, old, obj, err)) != SO_OK)
		goto fail;
	for (i = 0; i < ent->nfields; i++)
		if (!field_equal(&ent->fields[i], old, obj)) {
			changed++;
			if (i < nb && index_has_field(db, ent,
			    ent->fields[i].name))
				reindex = 1;
		}
	if (changed == 0) {
		code = db_commit(db, err);
		goto out;
	}
	if ((code = acl_check_write(db, ent, old, obj, err)) != SO_OK)
		goto fail;
	/* Out of the search index as it was, back in as it is (below). */
	if (reindex && (code = index_row(db, ent, m->id, 0, err)) != SO_OK)
		goto fail;
	sb_printf(&b, "UPDATE %s SET ", ent->table);
	for (i = 0; i < nb; i++)
		sb_printf(&b, "%s = ?, ", ent->fields[i].name);
	sb_add(&b, "updated_at = ?, version = version + 1 "
	    "WHERE id = ? AND version = ?");
	code = db_prepare(db, sb_str(&b), &st, err);
	sb_free(&b);
	if (code != SO_OK)
		goto fail;
	for (i = 0; i < nb; i++)
		bind_field(st, i + 1, &ent->fields[i], obj);
	sqlite3_bind_int64(st, nb + 1, now);
	sqlite3_bind_int64(st, nb + 2, m->id);
	sqlite3_bind_int64(st, nb + 3, m->version);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE) {
		code = db_error(db, rc, N_("saving"), err);
		goto fail;
	}
	if (sqlite3_changes(db_sqlite(db)) != 1) {
		code = so_err_set(err, SO_ECONFLICT, _("%s #%lld was changed "
		    "by someone else"), entity_label(ent), (long long)m->id);
		goto fail;
	}
	if ((reindex && (code = index_row(db, ent, m->id, 1, err)) != SO_OK) ||
	    (code = custom_write(db, ent, m->id, old, obj, err)) != SO_OK)
		goto fail;
	for (i = 0; i < ent->nfields; i++) {
		const struct field_desc *fd = &ent->fields[i];
		char *ov, *nv;

		if (field_equal(fd, old, obj))
			continue;
		ov = audit_value(fd, old);
		nv = audit_value(fd, obj);
		code = audit_write(db, ent->name, m->id, "update", fd->name,
		    ov, nv, err);
		free(ov);
		free(nv);
		if (code != SO_OK)
			goto fail;
	}
	if (ent->after_write && (code = ent->after_write(db, old, obj, err)) !=
	    SO_OK)
		goto fail;
	if ((code = db_commit(db, err)) != SO_OK)
		goto out;
	m->version++;
	m->updated_at = now;
	goto out;
fail:
	db_rollback(db);
out:
	rec_clear(ent, old);
	free(old);
	return code;
}

/* ---- trash ---- */

static int
set_deleted(struct db *db, const struct entity *ent, int64_t id, int del,
    struct so_err *err)
{
	sqlite3_stmt *st;
	char *sql;
	void *row;
	int rc, code;

	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	/* The trash is an edit like any other: whose record is it? */
	row = xcalloc(1, ent->size);
	if ((code = stage_sync(db, ent, id, err)) == SO_OK)
		code = get_row(db, ent, id, row, err);
	if (code == SO_OK)
		code = acl_check_write(db, ent, row, row, err);
	rec_clear(ent, row);
	free(row);
	/* Trashed, out of the search index; restored, back in (below). */
	if (code == SO_OK && del)
		code = index_row(db, ent, id, 0, err);
	if (code != SO_OK)
		goto fail;
	sql = xasprintf("UPDATE %s SET deleted_at = %s, updated_at = ?1, "
	    "version = version + 1 WHERE id = ?2 AND deleted_at IS %s",
	    ent->table, del ? "?1" : "NULL", del ? "NULL" : "NOT NULL");
	code = db_prepare(db, sql, &st, err);
	free(sql);
	if (code != SO_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, db_now(db));
	sqlite3_bind_int64(st, 2, id);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE) {
		code = db_error(db, rc, del ? _("deleting") : _("restoring"),
		    err);
		goto fail;
	}
	if (sqlite3_changes(db_sqlite(db)) != 1) {
		code = so_err_set(err, SO_ENOTFOUND, del ? _("no %s #%lld to "
		    "delete") : _("no %s #%lld in the trash"), ent->name,
		    (long long)id);
		goto fail;
	}
	if (!del && (code = index_row(db, ent, id, 1, err)) != SO_OK)
		goto fail;
	if ((code = audit_write(db, ent->name, id, del ? "delete" : "restore",
	    NULL, NULL, NULL, err)) != SO_OK)
		goto fail;
	if (ent->after_trash && (code = ent->after_trash(db, id, del, err)) !=
	    SO_OK)
		goto fail;
	return db_commit(db, err);
fail:
	db_rollback(db);
	return code;
}

int
rec_delete(struct db *db, const struct entity *ent, int64_t id,
    struct so_err *err)
{
	return set_deleted(db, ent, id, 1, err);
}

int
rec_restore(struct db *db, const struct entity *ent, int64_t id,
    struct so_err *err)
{
	return set_deleted(db, ent, id, 0, err);
}

/* ---- lists ---- */

/* The sort key; a custom field is none (no column, no index). */
static const struct field_desc *
sort_field(const struct entity *ent, const struct list_query *q)
{
	int i = q->sort >= 0 && q->sort < entity_nbuiltin(ent) ? q->sort :
	    ent->default_sort;

	return &ent->fields[i];
}

/* Is the field's text one a person typed, sorted with ё as е (a name,
 * a title; not a choice's code or a date)?  sql/013_yo_order.sql. */
static int
sorts_yo(const struct field_desc *fd)
{
	return fd->type == FT_TEXT;
}

#define YO_AS_YE(col)	"replace(replace(" col ", 'ё', 'е'), 'Ё', 'Е')"

/*
 * The ORDER BY key as a row value's elements, comma-separated: nullable
 * numbers sort last, a person's text with ё as е and then as it is
 * (sql/013_yo_order.sql); each matches an index.  The page anchor binds
 * ?3 for the first element and ?6 for the second (bind_key).
 */
static void
sort_expr(const struct field_desc *fd, struct strbuf *b)
{
	if (sorts_yo(fd))
		sb_printf(b, YO_AS_YE("t.%s") ", t.%s", fd->name, fd->name);
	else if (field_is_text(fd) || (fd->flags & F_REQUIRED))
		sb_printf(b, "t.%s", fd->name);
	else
		sb_printf(b, "coalesce(t.%s, " NULL_SORTS_LAST ")", fd->name);
}

/* The ORDER BY of the key, each element in dir, then the id; plus is
 * "+" to keep the planner off the index (its first element). */
static void
order_by(const struct field_desc *fd, const char *plus, const char *dir,
    struct strbuf *b)
{
	if (sorts_yo(fd))
		sb_printf(b, "%s" YO_AS_YE("t.%s") " %s, t.%s %s", plus,
		    fd->name, dir, fd->name, dir);
	else {
		sb_add(b, plus);
		sort_expr(fd, b);
		sb_printf(b, " %s", dir);
	}
	sb_printf(b, ", t.id %s", dir);
}

/* WHERE clause shared by lists and counts; binds are numbered ?1.. */
static void
where_clause(const struct entity *ent, const struct list_query *q,
    struct strbuf *b)
{
	int i, any = 0;

	sb_add(b, q->trash ? " WHERE t.deleted_at IS NOT NULL" :
	    " WHERE t.deleted_at IS NULL");
	if (q->ref_field && entity_field(ent, q->ref_field) >= 0)
		sb_printf(b, " AND t.%s = ?1", q->ref_field);
	if (q->quick && *q->quick) {
		/* The quick filter narrows what the list shows: its
		 * searchable columns.  Every field is the global search's
		 * job; scanning 13 fields of 300 000 contacts per key
		 * press is not "quick". */
		sb_add(b, " AND so_match(?2");
		for (i = 0; i < ent->nfields; i++)
			if ((ent->fields[i].flags & F_SEARCH) &&
			    ent->fields[i].width > 0) {
				sb_printf(b, ", t.%s", ent->fields[i].name);
				any = 1;
			}
		if (!any)
			sb_printf(b, ", %s", ent->title_sql);
		sb_add(b, ")");
	}
	if (q->filter)
		sb_printf(b, " AND (%s)", filter_sql(q->filter));
	/* The catalogue is everyone's to take: nobody is responsible for
	 * a product. */
	if (q->mine && !ent->catalogue) {
		sb_add(b, " AND ");
		acl_owner_sql(ent, "t", b);
		sb_printf(b, " = %" PRId64, q->mine);
	}
}

static void
bind_where(sqlite3_stmt *st, const struct list_query *q)
{
	if (q->ref_field)
		sqlite3_bind_int64(st, 1, q->ref_id);
	if (q->quick && *q->quick)
		sqlite3_bind_text(st, 2, q->quick, -1, SQLITE_TRANSIENT);
	if (q->filter)
		filter_bind(q->filter, st);
}

static void
bind_key(sqlite3_stmt *st, int col, const struct field_desc *fd,
    const void *anchor)
{
	if (sorts_yo(fd)) {
		sqlite3_bind_text(st, col, utf8_yo_to_ye(field_text_c(fd,
		    anchor)), -1, free);
		sqlite3_bind_text(st, 6, field_text_c(fd, anchor), -1,
		    SQLITE_TRANSIENT);
	} else if (field_is_text(fd))
		sqlite3_bind_text(st, col, field_text_c(fd, anchor), -1,
		    SQLITE_TRANSIENT);
	else if (field_is_empty(fd, anchor) && fd->type != FT_BOOL)
		sqlite3_bind_int64(st, col, INT64_MAX);
	else
		sqlite3_bind_int64(st, col, field_int_c(fd, anchor));
}

/* The comparison that selects rows relative to the anchor, or NULL. */
static const char *
anchor_op(enum list_from from, int desc)
{
	switch (from) {
	case LIST_AT:
		return desc ? "<=" : ">=";
	case LIST_AFTER:
		return desc ? "<" : ">";
	case LIST_BEFORE:
		return desc ? ">" : "<";
	default:
		return NULL;
	}
}

/* The page query; via: a covering index in sort order to walk instead
 * of scanning (see covering_index()), or NULL. */
static void
list_sql(const struct entity *ent, const struct list_query *q,
    enum list_from from, const char *via, struct strbuf *b)
{
	struct strbuf key = { 0 };
	const char *op = anchor_op(from, q->desc);
	/* Walking backward is reading the reverse order forward. */
	int backward = (from == LIST_LAST || from == LIST_BEFORE) != !!q->desc;
	int scan = q->scan && via == NULL;

	sort_expr(sort_field(ent, q), &key);
	select_cols(ent, b);
	if (via)
		sb_printf(b, " FROM %s t INDEXED BY %s", ent->table, via);
	else
		from_table(ent, scan, b);
	where_clause(ent, q, b);
	if (op)
		sb_printf(b, " AND (%s, t.id) %s (?3, %s?4)", sb_str(&key), op,
		    sorts_yo(sort_field(ent, q)) ? "?6, " : "");
	/* A unary + keeps the planner off the index (see q->scan). */
	sb_add(b, " ORDER BY ");
	order_by(sort_field(ent, q), scan ? "+" : "", backward ? "DESC" :
	    "ASC", b);
	sb_add(b, " LIMIT ?5");
	sb_free(&key);
}

void
rec_list_sql(const struct entity *ent, const struct list_query *q,
    enum list_from from, struct strbuf *b)
{
	list_sql(ent, q, from, NULL, b);
}

/* The covering index a filtered list or count may use instead of a
 * scan of the table (to idx); *in_order when the list can walk it. */
static int
filter_index(struct db *db, const struct entity *ent,
    const struct list_query *q, char idx[INDEX_NAME_MAX], int *in_order)
{
	const struct field_desc *fd = sort_field(ent, q);
	struct strbuf w = { 0 };
	int found;

	*in_order = 0;
	if (q->trash || !filtered(q))
		return 0;
	where_clause(ent, q, &w);
	found = covering_index(db, ent, sb_str(&w), fd->name, idx, in_order);
	sb_free(&w);
	/* The index orders by the bare column (a person's text: by it
	 * with ё as е, then bare); the list's key is that only for text
	 * and required fields (see sort_expr). */
	if (!(field_is_text(fd) || (fd->flags & F_REQUIRED)))
		*in_order = 0;
	return found;
}

/* Reads the rows of a bound page query into out (emptied first). */
/* For the organizer (q->seeing): which rows' details are not the
 * user's to read (rec_meta.hidden, acl_hide_details). */
static void
mark_seen(struct db *db, const struct entity *ent,
    const struct list_query *q, struct rec_list *out)
{
	size_t i;

	for (i = 0; q->seeing && i < out->n; i++)
		rec_meta(rec_list_at(out, i))->hidden = acl_hide_details(db,
		    ent, rec_list_at(out, i));
}

static int
read_page(struct db *db, const struct entity *ent, sqlite3_stmt *st,
    struct rec_list *out, struct so_err *err)
{
	size_t cap = 0;
	int rc;

	out->ent = ent;
	out->n = 0;
	out->items = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 64;
			out->items = xrealloc(out->items, cap * ent->size);
		}
		memset(rec_list_at(out, out->n), 0, ent->size);
		read_row(ent, st, rec_list_at(out, out->n));
		out->n++;
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		rec_list_free(out);
		return db_error(db, rc, N_("listing"), err);
	}
	return SO_OK;
}

int
rec_list(struct db *db, const struct entity *ent, const struct list_query *q,
    enum list_from from, const void *anchor, size_t limit,
    struct rec_list *out, struct so_err *err)
{
	struct strbuf b = { 0 };
	sqlite3_stmt *st;
	size_t i;
	char idx[INDEX_NAME_MAX];
	int code, in_order;

	out->ent = ent;
	out->n = 0;
	out->items = NULL;
	if (anchor_op(from, 0) && anchor == NULL)
		from = LIST_FIRST;
	list_sql(ent, q, from, q->scan && filter_index(db, ent, q, idx,
	    &in_order) && in_order ? idx : NULL, &b);
	code = db_prepare(db, sb_str(&b), &st, err);
	sb_free(&b);
	if (code != SO_OK)
		return code;
	bind_where(st, q);
	if (anchor_op(from, 0)) {
		bind_key(st, 3, sort_field(ent, q), anchor);
		sqlite3_bind_int64(st, 4, rec_meta((void *)anchor)->id);
	}
	sqlite3_bind_int64(st, 5, (int64_t)limit);
	if ((code = read_page(db, ent, st, out, err)) != SO_OK)
		return code;
	mark_seen(db, ent, q, out);
	/* Pages are always returned in display order. */
	if ((from == LIST_LAST || from == LIST_BEFORE) && out->n > 1) {
		char *tmp = xmalloc(ent->size);

		for (i = 0; i < out->n / 2; i++) {
			memcpy(tmp, rec_list_at(out, i), ent->size);
			memcpy(rec_list_at(out, i), rec_list_at(out,
			    out->n - 1 - i), ent->size);
			memcpy(rec_list_at(out, out->n - 1 - i), tmp,
			    ent->size);
		}
		free(tmp);
	}
	return SO_OK;
}

void
rec_list_free(struct rec_list *l)
{
	size_t i;

	if (l == NULL || l->items == NULL)
		return;
	for (i = 0; i < l->n; i++)
		rec_clear(l->ent, rec_list_at(l, i));
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

int
rec_walk(struct db *db, const struct entity *ent, const struct list_query *q,
    rec_walk_fn fn, void *arg, struct so_err *err)
{
	struct rec_list l = { 0 };
	void *anchor = NULL;
	size_t i;
	int code;

	for (;;) {
		code = rec_list(db, ent, q, anchor ? LIST_AFTER : LIST_FIRST,
		    anchor, REC_WALK_PAGE, &l, err);
		for (i = 0; code == SO_OK && i < l.n; i++)
			code = fn(arg, rec_list_at(&l, i), err);
		if (code != SO_OK || l.n < REC_WALK_PAGE)
			break;
		if (anchor == NULL)
			anchor = xmalloc(ent->size);
		else
			rec_clear(ent, anchor);
		rec_copy(ent, anchor, rec_list_at(&l, l.n - 1));
		rec_list_free(&l);
	}
	rec_list_free(&l);
	if (anchor)
		rec_clear(ent, anchor);
	free(anchor);
	return code == REC_WALK_STOP ? SO_OK : code;
}

int
rec_count(struct db *db, const struct entity *ent, const struct list_query *q,
    int64_t *n, struct so_err *err)
{
	struct strbuf b = { 0 };
	sqlite3_stmt *st;
	char idx[INDEX_NAME_MAX];
	int rc, code, in_order;

	sb_add(&b, "SELECT count(*)");
	if (filter_index(db, ent, q, idx, &in_order))
		sb_printf(&b, " FROM %s t INDEXED BY %s", ent->table, idx);
	else
		from_table(ent, filtered(q), &b);
	where_clause(ent, q, &b);
	code = db_prepare(db, sb_str(&b), &st, err);
	sb_free(&b);
	if (code != SO_OK)
		return code;
	bind_where(st, q);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	return rc == SQLITE_ROW ? SO_OK : db_error(db, rc, N_("counting"), err);
}

/* SQLite's progress handler for rec_count_until: stop(arg), noted. */
struct until {
	int	(*stop)(void *);
	void	*arg;
	int	 stopped;
};

static int
until_progress(void *p)
{
	struct until *u = p;

	if (!u->stopped && u->stop(u->arg))
		u->stopped = 1;
	return u->stopped;
}

/* Machine steps between two questions: a row of a regular expression
 * filter over an index is some five (300 000 names: 377 questions), so
 * the question (a poll of the terminal, a microsecond or two) comes
 * every tenth of a millisecond or so and costs ~1 % of the count. */
#define UNTIL_STEPS	4000

int
rec_count_until(struct db *db, const struct entity *ent,
    const struct list_query *q, int64_t *n, int (*stop)(void *), void *arg,
    struct so_err *err)
{
	struct until u = { stop, arg, 0 };
	int code;

	sqlite3_progress_handler(db_sqlite(db), UNTIL_STEPS, until_progress,
	    &u);
	code = rec_count(db, ent, q, n, err);
	sqlite3_progress_handler(db_sqlite(db), 0, NULL, NULL);
	if (u.stopped) {
		*n = -1;
		so_err_clear(err);
		return SO_OK;
	}
	return code;
}

/*
 * The first page of a filtered list with its count in one statement:
 *
 *	SELECT cols FROM t WHERE t.id IN (SELECT t.id FROM t [the index
 *	    that holds what the filter tests | NOT INDEXED]
 *	    WHERE t.deleted_at IS NULL
 *	    AND CASE WHEN <the whole WHERE> THEN so_tally(1) END
 *	    ORDER BY +key, t.id LIMIT n)
 *	ORDER BY key, t.id
 *
 * The inner query reads every row (the + keeps the planner from walking
 * the sort index and stopping at the page's end), keeps the page's ids
 * in its sorter and tallies the matches (one expression, so the tally
 * is called for a match only, and after all of its tests); only the
 * page's rows are then read whole.  A regular expression over 300 000
 * names that used to be a count and a page (two passes) is one pass.
 * The inner query reads the index that holds the filtered columns, as
 * the count does, and asks nothing of it but those: the deleted_at test
 * stays outside the tally there, or every row would be read from the
 * table.
 */
int
rec_list_counted_sql(struct db *db, const struct entity *ent,
    const struct list_query *q, struct strbuf *b)
{
	struct strbuf w = { 0 };
	char idx[INDEX_NAME_MAX];
	const char *dir = q->desc ? "DESC" : "ASC", *rest;
	int in_order;

	if (!filtered(q) || q->ref_field)
		return 0;
	select_cols(ent, b);
	sb_printf(b, " FROM %s t WHERE t.id IN (SELECT t.id", ent->table);
	where_clause(ent, q, &w);
	/* w is " WHERE t.deleted_at IS [NOT ]NULL AND ...": the tally
	 * takes the rest, and the deleted_at test too when the table is
	 * read (the row is at hand, and the test's order against the
	 * tally is the planner's).  An index of the live rows is all
	 * live: asking it would read each row from the table. */
	rest = strstr(sb_str(&w), " AND ");
	if (filter_index(db, ent, q, idx, &in_order))
		sb_printf(b, " FROM %s t INDEXED BY %s WHERE "
		    "t.deleted_at IS NULL AND CASE WHEN 1%s THEN so_tally(1) "
		    "END", ent->table, idx, rest ? rest : "");
	else {
		from_table(ent, 1, b);
		sb_printf(b, " WHERE t.deleted_at IS %sNULL AND CASE WHEN %s "
		    "THEN so_tally(1) END", q->trash ? "NOT " : "",
		    sb_str(&w) + strlen(" WHERE "));
	}
	sb_add(b, " ORDER BY ");
	order_by(sort_field(ent, q), "+", dir, b);
	sb_add(b, " LIMIT ?5) ORDER BY ");
	order_by(sort_field(ent, q), "", dir, b);
	sb_free(&w);
	return 1;
}

int
rec_list_counted(struct db *db, const struct entity *ent,
    const struct list_query *q, size_t limit, struct rec_list *out,
    int64_t *n, struct so_err *err)
{
	struct strbuf b = { 0 };
	sqlite3_stmt *st;
	int code;

	out->ent = ent;
	out->n = 0;
	out->items = NULL;
	if (!rec_list_counted_sql(db, ent, q, &b)) {
		if ((code = rec_list(db, ent, q, LIST_FIRST, NULL, limit, out,
		    err)) == SO_OK && (code = rec_count(db, ent, q, n, err)) !=
		    SO_OK)
			rec_list_free(out);
		return code;
	}
	code = db_prepare(db, sb_str(&b), &st, err);
	sb_free(&b);
	if (code != SO_OK)
		return code;
	bind_where(st, q);
	sqlite3_bind_int64(st, 5, (int64_t)limit);
	db_tally_reset(db);
	if ((code = read_page(db, ent, st, out, err)) != SO_OK)
		return code;
	mark_seen(db, ent, q, out);
	*n = db_tally(db);
	return SO_OK;
}

int
rec_list_first(struct db *db, const struct entity *ent,
    const struct list_query *q, size_t limit, struct rec_list *out,
    int64_t *n, struct so_err *err)
{
	char idx[INDEX_NAME_MAX];
	int in_order;

	*n = -1;
	/* What rec_list walks (list_sql's via), the order's index that
	 * holds every column the filter tests: its first page is its
	 * first matches. */
	if (!q->scan || !filtered(q) || q->ref_field ||
	    (filter_index(db, ent, q, idx, &in_order) && in_order))
		return rec_list(db, ent, q, LIST_FIRST, NULL, limit, out, err);
	return rec_list_counted(db, ent, q, limit, out, n, err);
}

int
rec_ids(struct db *db, const struct entity *ent, const struct list_query *q,
    int64_t **ids, size_t *n, struct so_err *err)
{
	struct strbuf b = { 0 };
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*ids = NULL;
	*n = 0;
	sb_add(&b, "SELECT t.id");
	from_table(ent, 1, &b);
	where_clause(ent, q, &b);
	sb_add(&b, " ORDER BY t.id");
	code = db_prepare(db, sb_str(&b), &st, err);
	sb_free(&b);
	if (code != SO_OK)
		return code;
	bind_where(st, q);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			*ids = xrealloc(*ids, cap * sizeof(**ids));
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return db_error(db, rc, N_("selecting"), err);
	}
	return SO_OK;
}

/* ---- pick-lists and titles ---- */

/* ?1 the text, ?2 the limit, ?3 the near id; a third column, when
 * the query has one, is the detail. */
static int
pick_query(struct db *db, const char *sql, const char *text, size_t limit,
    int64_t near_id, struct rec_pick **out, size_t *n, struct so_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	if ((code = db_prepare(db, sql, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, text ? text : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, (int64_t)limit);
	if (sqlite3_bind_parameter_count(st) >= 3)
		sqlite3_bind_int64(st, 3, near_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 1);
		const char *d = sqlite3_column_count(st) > 2 ?
		    (const char *)sqlite3_column_text(st, 2) : NULL;

		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		(*out)[*n].id = sqlite3_column_int64(st, 0);
		(*out)[*n].title = xstrdup(s ? s : "");
		(*out)[*n].detail = d && *d ? xstrdup(d) : NULL;
		(*n)++;
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		rec_pick_free(*out, *n);
		*out = NULL;
		*n = 0;
		return db_error(db, rc, N_("searching"), err);
	}
	return SO_OK;
}

int
rec_pick(struct db *db, const struct entity *ent, const char *text,
    size_t limit, struct rec_pick **out, size_t *n, struct so_err *err)
{
	char *sql;
	int code;

	sql = xasprintf("SELECT t.id, %s FROM %s t WHERE t.deleted_at IS NULL "
	    "AND so_match(?1, %s) ORDER BY 2, 1 LIMIT ?2", ent->title_sql,
	    ent->table, ent->title_sql);
	code = pick_query(db, sql, text, limit, 0, out, n, err);
	free(sql);
	return code;
}

/*
 * What a pick-list shows beside a row of e to tell namesakes apart, as
 * SQL over the row r: the name of its company (a contact, a deal), else
 * its city (a company); NULL for nothing.
 */
static const char *
pick_detail_sql(const struct entity *e)
{
	int i;

	if (e == NULL)
		return NULL;
	if ((i = entity_field(e, "company_id")) >= 0 &&
	    !(e->fields[i].flags & F_CUSTOM) &&
	    e->fields[i].type == FT_REF &&
	    strcmp(e->fields[i].ref_table, "companies") == 0)
		return "(SELECT c.name FROM companies c WHERE c.id = "
		    "r.company_id)";
	if ((i = entity_field(e, "city")) >= 0 &&
	    !(e->fields[i].flags & F_CUSTOM))
		return "r.city";
	return NULL;
}

int
rec_ref_pick(struct db *db, const struct field_desc *fd, const char *text,
    size_t limit, const struct rec_near *near, struct rec_pick **out,
    size_t *n, struct so_err *err)
{
	const struct entity *e = entity_find(fd->ref_table);
	const char *detail = pick_detail_sql(e);
	struct strbuf order = { 0 };
	char *sql, *title, *match, *login = NULL;
	int code, nf;

	/* A user by login as by name, as filters and group actions take
	 * them: the login is matched, shown beside the name, and is the
	 * title of a user without a full name. */
	if (strcmp(fd->ref_table, "users") == 0) {
		title = xasprintf("coalesce(nullif(%s, ''), r.login)",
		    fd->ref_label);
		match = xasprintf("%s, r.login", title);
		detail = login = xasprintf("nullif(r.login, %s)", title);
	} else {
		title = xstrdup(fd->ref_label);
		match = xstrdup(fd->ref_label);
	}
	/* The near field names a column of the table pointed at: only a
	 * compiled-in reference is taken (never text from elsewhere). */
	if (near && e && (nf = entity_field(e, near->field)) >= 0 &&
	    e->fields[nf].type == FT_REF &&
	    !(e->fields[nf].flags & F_CUSTOM))
		sb_printf(&order, "r.%s IS ?3 DESC, ", e->fields[nf].name);
	/* Card files keep deleted rows in the trash; lookup tables
	 * (users, event types ...) have no trash. */
	/* A retired deal stage is offered to nobody (store/stages.h). */
	sql = xasprintf("SELECT r.id, %s%s%s FROM %s r WHERE %s%s so_match(?1, "
	    "%s) ORDER BY %s2, 1 LIMIT ?2", title, detail ? ", " : "",
	    detail ? detail : "", fd->ref_table, e ?
	    "r.deleted_at IS NULL AND" : "", strcmp(fd->ref_table,
	    "deal_stages") == 0 ? "NOT r.retired AND" : "", match,
	    sb_str(&order));
	sb_free(&order);
	code = pick_query(db, sql, text, limit, near ? near->id : 0, out, n,
	    err);
	free(sql);
	free(title);
	free(match);
	free(login);
	return code;
}

void
rec_pick_free(struct rec_pick *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(p[i].title);
		free(p[i].detail);
	}
	free(p);
}
