/*
 * The search index follows the records (sql/012_index_kept_by_store.sql).
 * The index of a card file is the FTS5 table <table>_fts over the view
 * <table>_searchable of its live rows; a card file without that view has
 * none, and these do nothing for it.
 */
#ifndef STORE_INDEX_H
#define STORE_INDEX_H

#include <stdint.h>

#include "base/err.h"
#include "store/db.h"
#include "store/entity.h"

/*
 * Takes record id of ent out of its index as the view still shows it
 * (before an edit of an indexed field, or the trashing): add 0; puts it
 * in from the view (after the creation, the edit, the restoring): add 1.
 * A trashed row is in neither.  Inside the caller's transaction.
 */
int	 index_row(struct db *db, const struct entity *ent, int64_t id,
	    int add, struct so_err *err);
/*
 * Puts off the indexing of the records created from now on (an import:
 * one transaction of thousands of rows) until index_flush, which puts
 * them all in from the views at once, as they are then; until then the
 * search does not find them.  Inside the caller's transaction, one
 * database at a time; index_defer_cancel forgets them (the caller rolls
 * back).
 */
int	 index_defer(struct db *db, struct so_err *err);
int	 index_flush(struct db *db, struct so_err *err);
void	 index_defer_cancel(struct db *db);
/* 1 when the field is one of the columns of ent's index. */
int	 index_has_field(struct db *db, const struct entity *ent,
	    const char *field);

#endif
