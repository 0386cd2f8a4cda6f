/*
 * Custom fields: an administrator adds a field to any card file at run
 * time (name, label, type, the list of a choice, required) and it then
 * behaves like a compiled-in one everywhere: list columns, the card, the
 * form, filters, CSV export, `list --fields`, validation and the audit
 * log.
 *
 * It works through the entity descriptors.  When a database is opened,
 * custom_load (db.c's open hook, set by custom.c at start-up) appends
 * each entity's custom fields (flag F_CUSTOM) to its compiled-in
 * descriptors, so code that walks ent->fields needs no change; the
 * record engine reads and writes their values in custom_values, one row
 * per field and record, in the field's canonical text form.
 *
 * The descriptors are process-wide, like the entities: they describe the
 * database opened (or whose fields were changed) last, and closing that
 * database puts the compiled-in ones back.  A program that has two
 * databases open at once sees the custom fields of the later one.
 * Records read before a reload must not be used after it (a slot may
 * then name another field).  Another process adding a field is seen on
 * the next open, or when the organizer finds custom_changed true on its
 * next refresh.
 */
#ifndef STORE_CUSTOM_H
#define STORE_CUSTOM_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/util.h"
#include "store/db.h"
#include "store/entity.h"

struct custom_field {
	int64_t		 id;
	char		*entity;	/* entity name: "company" */
	char		*name;		/* identifier: "inn" */
	char		*label;		/* "ИНН" */
	const char	*type;		/* "text", "number", "money", "date",
					   "bool" or "choice" */
	char		*choices;	/* "a,b,c" for a choice, else "" */
	int		 required;
};

/*
 * Adds a field to entity (its name or table).  Only an admin may
 * (SO_EPERM otherwise).  name: a lowercase ASCII identifier ([a-z][a-z0-9_]*,
 * up to 40) that names no field of the entity yet (by name or label) nor
 * id, created, updated; label: what people see, 1 to 60 characters (the
 * name when NULL or empty); type: one of the words above ("int" for
 * number too); choices: a comma-separated list, for a choice only.
 * A required field may be added when records exist: they keep no value,
 * show as incomplete (rec_incomplete) and are asked for one at their
 * next edit in a form; a write that leaves the field as it is (the
 * program's own moves, a group action on another field) is not refused
 * (store/record.h).  Written in one transaction with an audit row; the
 * descriptors are reloaded.
 */
int	custom_field_add(struct db *db, const char *entity, const char *name,
	    const char *label, const char *type, const char *choices,
	    int required, struct so_err *err);
/*
 * Removes a custom field and every value it holds (admin only).  Each
 * dropped value gets an audit row of its record (value -> empty), the
 * field one of its own.
 */
int	custom_field_remove(struct db *db, const char *entity,
	    const char *name, struct so_err *err);
/*
 * Gives entity's custom field name another label (admin only, as the
 * rest of these): 1 to 60 characters naming no other field.  The name,
 * which filters, templates and scripts use, stays.  Audited; the
 * descriptors are reloaded.
 */
int	custom_field_relabel(struct db *db, const char *entity,
	    const char *name, const char *label, struct so_err *err);
/*
 * Moves entity's custom field name one place up (dir < 0) or down among
 * that entity's custom fields: the order of the card, the form and the
 * lists.  The first going up or the last going down stays.  Audited
 * ("position" 2 -> 1); the descriptors are reloaded.
 */
int	custom_field_move(struct db *db, const char *entity,
	    const char *name, int dir, struct so_err *err);
/* The custom fields of entity (NULL: of every entity), in their order. */
int	custom_field_list(struct db *db, const char *entity,
	    struct custom_field **out, size_t *n, struct so_err *err);
void	custom_field_list_free(struct custom_field *f, size_t n);

/*
 * Rebuilds every entity's descriptors from the database's custom_fields
 * (db_open calls it; a database without the table has none).
 * custom_unload puts the compiled-in descriptors back if db loaded them
 * (db_close calls it).
 */
int	custom_load(struct db *db, struct so_err *err);
void	custom_unload(const struct db *db);
/*
 * 1 when db's custom_fields are no longer those the descriptors were
 * built from (another process added, relabelled, moved or removed one):
 * the caller, holding no record read before, then calls custom_load.
 */
int	custom_changed(struct db *db);

/* ---- for the record engine and the filters ---- */

/* custom_fields.id of a custom field of ent (0 if fd is not one). */
int64_t	custom_field_id(const struct entity *ent, const struct field_desc *fd);
/* Appends the SQL expression of its value in row "t" (NULL if none). */
void	custom_column(const struct entity *ent, const struct field_desc *fd,
	    struct strbuf *b);
/*
 * Writes the custom values of record id from obj: those that differ from
 * old, or all of them when old is NULL (a new record).  An empty value
 * deletes its row.  Runs inside the caller's transaction.
 */
int	custom_write(struct db *db, const struct entity *ent, int64_t id,
	    const void *old, const void *obj, struct so_err *err);

#endif
