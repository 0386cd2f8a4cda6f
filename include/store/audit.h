/*
 * The audit log: who changed which record, when, old and new values.
 * Written by the record engine inside the transaction of the change.
 */
#ifndef STORE_AUDIT_H
#define STORE_AUDIT_H

#include <stdint.h>

#include "base/err.h"
#include "store/db.h"
#include "store/entity.h"

struct audit_row {
	int64_t		 id, at, user_id, record_id;
	char		*login;		/* of user_id */
	char		*entity, *action;
	char		*field;		/* NULL for create/delete/restore */
	char		*old_value, *new_value;	/* NULL when none */
};

/* Appends one row (field, old and new may be NULL). */
int	audit_write(struct db *db, const char *entity, int64_t record_id,
	    const char *action, const char *field, const char *old_value,
	    const char *new_value, struct so_err *err);
/*
 * An import's "create" rows, put off (audit_defer) until audit_flush
 * writes them with one INSERT ... SELECT per card file: a row per
 * statement was a tenth of an import's time.  The rows are the same:
 * at and user_id are the record's created_at and created_by, which
 * rec_create sets from the same clock and user.  Any other row about a
 * record whose create row is still put off writes those first, so a
 * record's history keeps its order.  Inside the caller's transaction,
 * one database at a time; audit_defer_cancel forgets them (the caller
 * rolls back).  The rows are read from the tables: a caller that also
 * stages its records (rec_stage) ends that first.  audit_defer_enabled
 * 0 makes audit_defer do nothing, so tests can compare the two ways.
 */
extern int audit_defer_enabled;
void	audit_defer(struct db *db);
/* 1 when rec_create is to leave the create row of ent's record id to
 * audit_flush (and it is noted), 0 when it writes it now. */
int	audit_defer_create(struct db *db, const struct entity *ent,
	    int64_t id);
int	audit_flush(struct db *db, struct so_err *err);
void	audit_defer_cancel(struct db *db);
/* The rows of one record, oldest first: its history, refused as its
 * details are (acl_check_read) to whoever may not read it. */
int	audit_list(struct db *db, const char *entity, int64_t record_id,
	    struct audit_row **out, size_t *n, struct so_err *err);
void	audit_free(struct audit_row *rows, size_t n);

/*
 * What audit_query selects; a NULL or 0 member does not filter.  fields
 * are column names ("manager_id"): any of them matches, so "manager"
 * named without an entity can stand for every entity's column of that
 * name.
 */
#define AUDIT_MAX_FIELDS	8
struct audit_filter {
	const char	*login;		/* who made the change */
	const char	*entity;	/* "company" */
	int64_t		 record_id;
	int64_t		 since;		/* at >= since (Unix time) */
	const char	*action;	/* create, update, delete, restore */
	const char	*fields[AUDIT_MAX_FIELDS];
	int		 nfields;
	size_t		 limit;		/* at most this many rows; 0: all */
};
/*
 * The rows f selects, newest first (by time, then by id), whoever asks:
 * for "who changed this last" (a login and a time, no values) and for
 * the store's own use.  What a person reads goes through audit_read.
 */
int	audit_query(struct db *db, const struct audit_filter *f,
	    struct audit_row **out, size_t *n, struct so_err *err);
/*
 * Who may read what f selects: anyone their own actions (f->login their
 * own); one record's history (f->entity and f->record_id) whoever may
 * read the record (acl_check_read), or for what is not a card file
 * (templates, event types) any user; the rest of the log a head of
 * sales or an administrator.  SO_OK or SO_EPERM saying why.
 */
int	audit_check_read(struct db *db, const struct audit_filter *f,
	    struct so_err *err);
/* audit_check_read, then audit_query: the log as `salesorg log` reads
 * it. */
int	audit_read(struct db *db, const struct audit_filter *f,
	    struct audit_row **out, size_t *n, struct so_err *err);
/*
 * One row as a person reads it: "created", "moved to the trash",
 * "Manager: Анна -> Борис" (references by label, choices by label,
 * moments and money formatted).  Caller frees.
 */
char	*audit_describe(struct db *db, const struct entity *ent,
	    const struct audit_row *r);

#endif
