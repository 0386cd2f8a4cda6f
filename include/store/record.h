/*
 * The generic record engine: create, get, update, soft-delete, restore and
 * list for any entity, driven by its descriptor.  The per-entity store
 * modules (company.c, contact.c, ...) are typed wrappers over these plus
 * their own rules.
 *
 * Every write runs in a BEGIN IMMEDIATE transaction and writes audit_log
 * rows in the same transaction: the change and its record land together
 * or not at all.
 *
 * A write is judged on what it changes.  The rules on values -- required,
 * length, syntax, a choice's list, a reference that exists, and the
 * required custom fields an admin adds -- apply to the fields whose value
 * a write changes: rec_update compares the record with the stored row and
 * validates only the fields that differ, so a value left as it was is
 * never refused, even by a rule added since (a required field nobody has
 * filled yet, an e-mail an old import let through).  The program's own
 * moves -- the sales path after a payment, marking a call done, a
 * pipeline move, a group action on another field -- therefore succeed and
 * leave every other field as they found it.  A new record differs from
 * nothing in every field, so it is validated whole: a person entering one
 * (a form, an import, add) fills the required fields; an import row that
 * updates a record it duplicates is judged on the cells it changes.  A
 * record the program makes on its own (the message a merge logs, the
 * occurrence of a series marked done, a follow-up call, a company an
 * import creates by name) says so with meta.by_program: its empty custom
 * fields, which the program knows nothing of, are left empty rather than
 * refused.  The entity's check hook (its defaults and cross-field rules)
 * runs on every write.  A form checks every field it shows, so a person
 * editing a record there is asked for a required value it lacks; a record
 * missing one shows as incomplete (rec_incomplete) until then.
 */
#ifndef STORE_RECORD_H
#define STORE_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"
#include "store/entity.h"
#include "store/filter.h"

/* Zeroes obj and applies the descriptor defaults. */
void	 rec_init(const struct entity *ent, void *obj);
/* Frees what obj owns and zeroes it (obj itself is not freed). */
void	 rec_clear(const struct entity *ent, void *obj);
/* Deep copy of src into dst (dst is overwritten, not cleared first). */
void	 rec_copy(const struct entity *ent, void *dst, const void *src);
/*
 * Validates obj as a write over old would (old: the stored row; NULL for
 * a new record): the check hook, then each field the write changes and
 * its reference (see above); err names the first bad one.  rec_update
 * and rec_create call it; a caller that must know before writing (an
 * import, which may not let a write fail) calls it too.
 */
int	 rec_validate_changes(struct db *db, const struct entity *ent,
	    const void *old, void *obj, struct so_err *err);
/* The same for a new record: every field (but see meta.by_program). */
int	 rec_validate(struct db *db, const struct entity *ent, void *obj,
	    struct so_err *err);
/*
 * The label (field_label: in the messages' language) of the first
 * required field obj has no value in, or NULL when it has them all: a
 * record written before a field became required (or by the program) is
 * incomplete until someone fills it.
 */
const char *rec_incomplete(const struct entity *ent, const void *obj);

/* Inserts obj; sets its id, version (1) and timestamps. */
int	 rec_create(struct db *db, const struct entity *ent, void *obj,
	    struct so_err *err);
/*
 * Staged creation, for an import of thousands of records of a card file
 * in one transaction.  Per INSERT SQLite opens a cursor on each of the
 * table's indexes (events have fifteen) and builds a b-tree for each
 * CHECK (x IN (...)): the statement cost three times what the same rows
 * cost in one INSERT ... SELECT.  Once rec_stage has been called for
 * ent, rec_create validates and checks a record as ever, gives it the
 * id the table would (ids only grow, and the transaction keeps other
 * writers out) and puts it in a TEMP table of no constraints;
 * rec_stage_flush moves what is staged into the table with one
 * statement (rec_create does every REC_STAGE_BATCH records, which
 * bounds the memory).  Until then the table does not show those
 * records: the caller flushes before it looks one up.  rec_get and
 * rec_update of a staged id flush first.  The caller's transaction;
 * one database at a time; rec_stage_end flushes and stops,
 * rec_stage_cancel stops (the caller rolls back).  A card file with an
 * after_write hook is not staged.
 */
#define REC_STAGE_BATCH	4096
int	 rec_stage(struct db *db, const struct entity *ent,
	    struct so_err *err);
int	 rec_stage_flush(struct db *db, struct so_err *err);
int	 rec_stage_end(struct db *db, struct so_err *err);
void	 rec_stage_cancel(struct db *db);
/* Whether ent is staged and its table had no row at all (deleted ones
 * included) when staging began: every row it has was created since. */
int	 rec_stage_from_empty(struct db *db, const struct entity *ent);
/* Reads the row with this id (deleted rows too: see meta.deleted_at). */
int	 rec_get(struct db *db, const struct entity *ent, int64_t id,
	    void *obj, struct so_err *err);
/*
 * Writes obj over its row.  obj's meta.version must be the version that
 * was read; if the row changed since, nothing is written and SO_ECONFLICT
 * is returned ("changed by someone else").  On success the version moves
 * on by one and obj reflects it.  Writing identical values is a no-op.
 */
int	 rec_update(struct db *db, const struct entity *ent, void *obj,
	    struct so_err *err);
/* Moves the row to the trash / back out of it. */
int	 rec_delete(struct db *db, const struct entity *ent, int64_t id,
	    struct so_err *err);
int	 rec_restore(struct db *db, const struct entity *ent, int64_t id,
	    struct so_err *err);

/* ---- lists: keyset pages, never OFFSET ---- */

enum list_from {
	LIST_FIRST,	/* the first rows */
	LIST_LAST,	/* the last rows */
	LIST_AT,	/* the anchor row and those after it */
	LIST_AFTER,	/* the rows after the anchor */
	LIST_BEFORE,	/* the rows before the anchor */
};

struct list_query {
	int		 sort;		/* field index; -1: entity default */
	int		 desc;		/* descending */
	const char	*quick;		/* substring of a searchable list
					   column (any case), or NULL */
	int		 trash;		/* list the trash instead */
	/* Read the table in storage order and sort the matches, instead
	 * of walking the sort index: far cheaper when a filter keeps few
	 * rows (the index walk costs a table lookup per row). */
	int		 scan;
	/* Only the rows this user is responsible for (acl_export_owner:
	 * what a manager may export); 0 for all. */
	int64_t		 mine;
	const char	*ref_field;	/* only rows whose ref_field = ref_id */
	int64_t		 ref_id;
	/* A compiled filter (store/filter.h), or NULL; its parameters are
	 * numbered from FILTER_BASE, above the list's own ?1..?5. */
	const struct filter *filter;
	/* The rows as a person sees them in the organizer: each marks
	 * whether its details are the user's to read (rec_meta.hidden). */
	int		 seeing;
};

struct rec_list {
	const struct entity *ent;
	size_t		 n;
	char		*items;		/* n structs of ent->size, in order */
};

static inline void *
rec_list_at(const struct rec_list *l, size_t i)
{
	return l->items + i * l->ent->size;
}

/*
 * Fetches up to limit rows of q, in the list's order, starting as from
 * says relative to anchor (a record previously listed with the same
 * query; ignored for LIST_FIRST/LIST_LAST).  Pages are found by the sort
 * key and id of the anchor (keyset pagination): the cost is the page
 * size, not the position, so the end of a 300 000-row list costs what
 * its start does.  out is overwritten; free with rec_list_free.
 */
int	 rec_list(struct db *db, const struct entity *ent,
	    const struct list_query *q, enum list_from from,
	    const void *anchor, size_t limit, struct rec_list *out,
	    struct so_err *err);
void	 rec_list_free(struct rec_list *l);

/*
 * The walk over every row q selects, in the list's order: rec_list's
 * keyset pages of REC_WALK_PAGE rows one after the other (LIST_FIRST,
 * then LIST_AFTER the last row of the page before), so memory holds one
 * page whatever the list's length.  fn(arg, rec, err) is called for each
 * row; it returns SO_OK to go on, REC_WALK_STOP to end the walk there
 * (rec_walk then returns SO_OK), or an error code with err filled, which
 * ends the walk and is returned.  For exports and every other reader of
 * a whole filtered list.
 */
#define REC_WALK_PAGE	500
#define REC_WALK_STOP	1
typedef int	(*rec_walk_fn)(void *arg, const void *rec, struct so_err *err);
int	 rec_walk(struct db *db, const struct entity *ent,
	    const struct list_query *q, rec_walk_fn fn, void *arg,
	    struct so_err *err);
/* The SQL rec_list runs (for tests and EXPLAIN QUERY PLAN). */
void	 rec_list_sql(const struct entity *ent, const struct list_query *q,
	    enum list_from from, struct strbuf *b);
/* Number of rows q selects. */
int	 rec_count(struct db *db, const struct entity *ent,
	    const struct list_query *q, int64_t *n, struct so_err *err);
/*
 * rec_count that gives way: stop(arg) is asked every few thousand steps
 * of SQLite's machine (a tenth of a millisecond or so), and when it says
 * so the count is dropped, *n = -1 and SO_OK.  For the organizer, whose
 * count after the paint must not keep a key waiting.
 */
int	 rec_count_until(struct db *db, const struct entity *ent,
	    const struct list_query *q, int64_t *n, int (*stop)(void *),
	    void *arg, struct so_err *err);
/*
 * The first page (LIST_FIRST, up to limit rows) of a list as soon as it
 * is found, and its count when that comes for nothing (else *n = -1:
 * rec_count later).  A filtered list (q->scan) whose filter an index in
 * the list's order holds walks that index and stops when the page is
 * full (issue 26: ~^Кузнец over 300 000 names stops at the К's); one
 * that must read every row to sort its matches is rec_list_counted,
 * whose pass counts them on the way.
 */
int	 rec_list_first(struct db *db, const struct entity *ent,
	    const struct list_query *q, size_t limit, struct rec_list *out,
	    int64_t *n, struct so_err *err);
/*
 * The first page (LIST_FIRST, up to limit rows) of a filtered list and
 * its number of rows, from one pass: what a filter or a quick filter
 * costs is a read of the table (or of an index holding what it tests),
 * and the page's sort must see every match anyway, so it counts them
 * on the way (db_tally).  A list without a filter, or of one record's
 * rows (ref_field), is rec_list and rec_count.
 */
int	 rec_list_counted(struct db *db, const struct entity *ent,
	    const struct list_query *q, size_t limit, struct rec_list *out,
	    int64_t *n, struct so_err *err);
/* The SQL rec_list_counted runs, when it runs one statement (for tests
 * and EXPLAIN QUERY PLAN); 0 when it would not. */
int	 rec_list_counted_sql(struct db *db, const struct entity *ent,
	    const struct list_query *q, struct strbuf *b);

/* Ids of every row q selects, ascending (for group actions). */
int	 rec_ids(struct db *db, const struct entity *ent,
	    const struct list_query *q, int64_t **ids, size_t *n,
	    struct so_err *err);

/*
 * Ids and titles of live rows whose title contains text (case-insensitive,
 * Cyrillic too), for pick-lists: choosing the company of a contact.
 */
struct rec_pick {
	int64_t		 id;
	char		*title;
	/* What tells namesakes apart: a contact's or a deal's company, a
	 * company's city; NULL when there is nothing to add. */
	char		*detail;
};
int	 rec_pick(struct db *db, const struct entity *ent, const char *text,
	    size_t limit, struct rec_pick **out, size_t *n, struct so_err *err);
/*
 * The same for the table a reference field points at (by its label),
 * with the detail filled in for card files; a user is found by login
 * as by name (as filters and group actions take them), the login its
 * detail (its title when it has no full name).  near (may be NULL) puts
 * first the rows whose reference field near->field holds near->id: a
 * form that has a company offers that company's contacts first.
 */
struct rec_near {
	const char	*field;		/* a field of the table pointed at */
	int64_t		 id;
};
int	 rec_ref_pick(struct db *db, const struct field_desc *fd,
	    const char *text, size_t limit, const struct rec_near *near,
	    struct rec_pick **out, size_t *n, struct so_err *err);
void	 rec_pick_free(struct rec_pick *p, size_t n);

/*
 * Declares / defines typed wrappers store_NAME_init/clear/create/get/
 * update/delete/restore/list for an entity struct, so per-entity code reads
 * store_company_create(db, &c, &err) and the compiler checks the type.
 */
#define STORE_WRAPPERS_DECL(name, type)					\
	void	store_##name##_init(type *);				\
	void	store_##name##_clear(type *);				\
	int	store_##name##_create(struct db *, type *, struct so_err *); \
	int	store_##name##_get(struct db *, int64_t, type *,	\
		    struct so_err *);					\
	int	store_##name##_update(struct db *, type *, struct so_err *); \
	int	store_##name##_delete(struct db *, int64_t, struct so_err *); \
	int	store_##name##_restore(struct db *, int64_t, struct so_err *); \
	int	store_##name##_list(struct db *, const struct list_query *, \
		    enum list_from, const type *, size_t, struct rec_list *, \
		    struct so_err *);

#define STORE_WRAPPERS(name, type, ent)					\
	void store_##name##_init(type *o) { rec_init(&ent, o); }	\
	void store_##name##_clear(type *o) { rec_clear(&ent, o); }	\
	int store_##name##_create(struct db *db, type *o,		\
	    struct so_err *e) { return rec_create(db, &ent, o, e); }	\
	int store_##name##_get(struct db *db, int64_t id, type *o,	\
	    struct so_err *e) { return rec_get(db, &ent, id, o, e); }	\
	int store_##name##_update(struct db *db, type *o,		\
	    struct so_err *e) { return rec_update(db, &ent, o, e); }	\
	int store_##name##_delete(struct db *db, int64_t id,		\
	    struct so_err *e) { return rec_delete(db, &ent, id, e); }	\
	int store_##name##_restore(struct db *db, int64_t id,		\
	    struct so_err *e) { return rec_restore(db, &ent, id, e); }	\
	int store_##name##_list(struct db *db, const struct list_query *q, \
	    enum list_from from, const type *anchor, size_t limit,	\
	    struct rec_list *out, struct so_err *e)			\
	{ return rec_list(db, &ent, q, from, anchor, limit, out, e); }

#endif
