/*
 * Finding the row a text names, for imports: "ООО Ромашка" in a payments
 * file means the company of that name.  A reference field's descriptor
 * says which table it points at and how a row is named there (ref_label);
 * users are named by their full name or their login.
 *
 * An import asks for the same few names thousands of times against a
 * table of perhaps 100 000 rows, and the match is case-insensitive for
 * Cyrillic too, which no index of SQLite answers.  So the names of the
 * whole table are read once into a hash of folded name -> rows, and every
 * lookup after that is a hash probe.  Rows created during the import are
 * added with store_refs_add.
 */
#ifndef STORE_REFS_H
#define STORE_REFS_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"
#include "store/entity.h"

struct store_refs;

/*
 * Reads the names and ids of every live row of fd->ref_table (fd is an
 * FT_REF field).  Free the result with store_refs_free.
 */
int	 store_refs_load(struct db *db, const struct field_desc *fd,
	    struct store_refs **out, struct so_err *err);
/* An empty set, to add names to. */
struct store_refs *store_refs_new(void);
/*
 * The same for names that sql (compiled in, never built from data)
 * selects as (id, name), in id order: the duplicate finder's keys.
 */
int	 store_refs_load_sql(struct db *db, const char *sql,
	    struct store_refs **out, struct so_err *err);
/*
 * How many rows are named text (compared case-insensitively, blanks
 * around it ignored); *id is the lowest id among them (0 when none).
 */
size_t	 store_refs_find(const struct store_refs *r, const char *text,
	    int64_t *id);
/* Is there a live row with this id? */
int	 store_refs_has_id(const struct store_refs *r, int64_t id);
/* Records that row id (just created) is named name. */
void	 store_refs_add(struct store_refs *r, const char *name, int64_t id);
void	 store_refs_free(struct store_refs *r);

#endif
