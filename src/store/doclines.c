/*
 * A deal's lines for a document; see store/doclines.h.
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "store/doclines.h"
#include "store/entity.h"

/* Is there a table called name?  (The products' migration may not be
 * part of this build's database yet.) */
static int
has_table(struct db *db, const char *name)
{
	sqlite3_stmt *st;
	struct so_err err = { 0 };
	int rc;

	if (db_prepare(db, "SELECT 1 FROM sqlite_master WHERE type = "
	    "'table' AND name = ?", &st, &err) != SO_OK)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	db_done(st);
	return rc == SQLITE_ROW;
}

static int64_t
col_int(sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return SO_NULL;
	return sqlite3_column_int64(st, col);
}

int
doc_deal_lines(struct db *db, int64_t deal_id, struct doc_line **out,
    size_t *n, struct so_err *err)
{
	struct doc_line *v = NULL, *l;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	if (!has_table(db, "deal_lines"))
		return SO_OK;
	if ((code = db_prepare(db, "SELECT coalesce(nullif(p.name, ''), "
	    "p.code, ''), coalesce(p.unit, ''), l.quantity, l.price, "
	    "l.discount, l.amount FROM deal_lines l LEFT JOIN products p ON "
	    "p.id = l.product_id WHERE l.deal_id = ? AND l.deleted_at IS "
	    "NULL ORDER BY l.id", &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, deal_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			v = xrealloc(v, cap * sizeof(*v));
		}
		l = &v[(*n)++];
		l->product = db_text_dup(st, 0);
		l->unit = db_text_dup(st, 1);
		l->quantity = sqlite3_column_int64(st, 2);
		l->price = col_int(st, 3);
		l->discount = col_int(st, 4);
		l->amount = col_int(st, 5);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		doc_lines_free(v, *n);
		*n = 0;
		return db_error(db, rc, N_("reading a deal's lines"), err);
	}
	*out = v;
	return SO_OK;
}

void
doc_lines_free(struct doc_line *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].product);
		free(v[i].unit);
	}
	free(v);
}
