/*
 * The one step back of the agenda's actions (`u` after done, move,
 * snooze or planning the next contact).  An action notes, as it goes,
 * each record as it was before it changed it (with the version it left
 * behind), each event it created, each exception of a series and each
 * snooze it set; undo puts every one back in one transaction -- unless
 * someone has changed one of those records since, which it refuses,
 * naming the record, rather than overwrite their change.
 */
#ifndef STORE_UNDO_H
#define STORE_UNDO_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"
#include "store/entity.h"

#define UNDO_STEPS	8

enum undo_kind {
	UNDO_UPDATED,	/* before: the record as it was */
	UNDO_CREATED,	/* id: a record the action made (to the trash) */
	UNDO_EXCEPTION,	/* a series' exception set at orig_start */
	UNDO_SNOOZE,	/* a snooze set */
};

struct undo_step {
	enum undo_kind		 kind;
	const struct entity	*ent;
	int64_t			 id;
	void			*before;	/* UNDO_UPDATED */
	int64_t			 version;	/* what the action left */
	/* UNDO_EXCEPTION: the exception before, if there was one */
	int64_t			 orig_start;
	int			 had;
	int64_t			 new_start, new_end;
	int			 cancelled;
	/* UNDO_SNOOZE: kind "event"/"task", occurrence, until before */
	const char		*snooze_kind;
	int64_t			 occurrence, until;
};

struct undo {
	char		 what[48];	/* "done", "moved", ... */
	size_t		 n;
	int		 full;		/* more steps than kept: none kept */
	struct undo_step steps[UNDO_STEPS];
};

void	undo_init(struct undo *u, const char *what);
void	undo_free(struct undo *u);
int	undo_empty(const struct undo *u);

/*
 * What an action notes (u may be NULL: nothing noted).  undo_before
 * copies obj, which the caller then changes and saves; undo_saved
 * records the version the save left (the object after it).
 */
void	undo_before(struct undo *u, const struct entity *ent, const void *obj);
void	undo_saved(struct undo *u, const struct entity *ent, const void *obj);
void	undo_created(struct undo *u, const struct entity *ent, int64_t id);
int	undo_exception(struct undo *u, struct db *db, int64_t event_id,
	    int64_t orig_start, struct so_err *err);
int	undo_snooze(struct undo *u, struct db *db, const char *kind,
	    int64_t item_id, int64_t occurrence, struct so_err *err);

/* Puts it all back, last step first, in one transaction; empties u. */
int	undo_run(struct db *db, struct undo *u, struct so_err *err);

#endif
