/*
 * The one step back of the agenda's actions; see include/store/undo.h.
 * The steps are put back last first, so a record an action first
 * changed and then created a follow-up for comes back whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "store/entities.h"
#include "store/record.h"
#include "store/snooze.h"
#include "store/undo.h"

void
undo_init(struct undo *u, const char *what)
{
	memset(u, 0, sizeof(*u));
	snprintf(u->what, sizeof(u->what), "%s", what);
}

void
undo_free(struct undo *u)
{
	size_t i;

	for (i = 0; i < u->n; i++)
		if (u->steps[i].before) {
			rec_clear(u->steps[i].ent, u->steps[i].before);
			free(u->steps[i].before);
		}
	u->n = 0;
}

int
undo_empty(const struct undo *u)
{
	return u->n == 0;
}

/* The next step, or NULL when the action did more than undo keeps
 * (then nothing is kept: a half undo would be worse than none). */
static struct undo_step *
step(struct undo *u, enum undo_kind kind)
{
	struct undo_step *s;

	if (u == NULL || u->full)
		return NULL;
	if (u->n == UNDO_STEPS) {
		undo_free(u);
		u->full = 1;
		return NULL;
	}
	s = &u->steps[u->n++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	return s;
}

void
undo_before(struct undo *u, const struct entity *ent, const void *obj)
{
	struct undo_step *s = step(u, UNDO_UPDATED);

	if (s == NULL)
		return;
	s->ent = ent;
	s->before = xcalloc(1, ent->size);
	rec_copy(ent, s->before, obj);
	s->id = ((const struct rec_meta *)obj)->id;
}

void
undo_saved(struct undo *u, const struct entity *ent, const void *obj)
{
	const struct rec_meta *m = obj;
	size_t i;

	if (u == NULL)
		return;
	for (i = u->n; i-- > 0;)
		if (u->steps[i].kind == UNDO_UPDATED && u->steps[i].ent == ent &&
		    u->steps[i].id == m->id) {
			u->steps[i].version = m->version;
			return;
		}
}

void
undo_created(struct undo *u, const struct entity *ent, int64_t id)
{
	struct undo_step *s = step(u, UNDO_CREATED);

	if (s == NULL)
		return;
	s->ent = ent;
	s->id = id;
}

int
undo_exception(struct undo *u, struct db *db, int64_t event_id,
    int64_t orig_start, struct so_err *err)
{
	struct event_exception *x;
	struct undo_step *s;
	size_t n, i;
	int code;

	if (u == NULL)
		return SO_OK;
	if ((code = store_event_exceptions(db, event_id, &x, &n, err)) !=
	    SO_OK)
		return code;
	if ((s = step(u, UNDO_EXCEPTION)) != NULL) {
		s->id = event_id;
		s->orig_start = orig_start;
		for (i = 0; i < n; i++)
			if (x[i].orig_start == orig_start) {
				s->had = 1;
				s->new_start = x[i].new_start;
				s->new_end = x[i].new_end;
				s->cancelled = x[i].cancelled;
			}
	}
	store_event_exceptions_free(x, n);
	return SO_OK;
}

int
undo_snooze(struct undo *u, struct db *db, const char *kind, int64_t item_id,
    int64_t occurrence, struct so_err *err)
{
	struct undo_step *s;
	int64_t until;
	int code;

	if (u == NULL)
		return SO_OK;
	if ((code = snooze_get(db, kind, item_id, occurrence, &until, err)) !=
	    SO_OK)
		return code;
	if ((s = step(u, UNDO_SNOOZE)) != NULL) {
		s->snooze_kind = kind;
		s->id = item_id;
		s->occurrence = occurrence;
		s->until = until;
	}
	return SO_OK;
}

/* The record as it was, unless someone changed it after the action. */
static int
put_back(struct db *db, struct undo_step *s, struct so_err *err)
{
	void *now = xcalloc(1, s->ent->size);
	int code;

	if ((code = rec_get(db, s->ent, s->id, now, err)) == SO_OK &&
	    ((struct rec_meta *)now)->version != s->version)
		/* TRANSLATORS: %s is the card file's name as commands
		 * take it: company, contact, task, event ... */
		code = so_err_set(err, SO_ECONFLICT, _("cannot undo: the %s "
		    "was changed since (by someone else or in its card)"),
		    s->ent->name);
	if (code == SO_OK) {
		((struct rec_meta *)s->before)->version =
		    ((struct rec_meta *)now)->version;
		code = rec_update(db, s->ent, s->before, err);
	}
	rec_clear(s->ent, now);
	free(now);
	return code;
}

static int
undo_step_run(struct db *db, struct undo_step *s, struct so_err *err)
{
	struct event_exception x = { 0 };

	switch (s->kind) {
	case UNDO_UPDATED:
		return put_back(db, s, err);
	case UNDO_CREATED:
		return rec_delete(db, s->ent, s->id, err);
	case UNDO_EXCEPTION:
		if (!s->had)
			return store_event_exception_remove(db, s->id,
			    s->orig_start, err);
		x.orig_start = s->orig_start;
		x.new_start = s->new_start;
		x.new_end = s->new_end;
		x.cancelled = s->cancelled;
		return store_event_exception_set(db, s->id, &x, err);
	case UNDO_SNOOZE:
		return snooze_set(db, s->snooze_kind, s->id, s->occurrence,
		    s->until, err);
	}
	return SO_OK;
}

int
undo_run(struct db *db, struct undo *u, struct so_err *err)
{
	size_t i;
	int code;

	if (u->n == 0)
		return so_err_set(err, SO_EINVAL, _("nothing to undo"));
	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	for (i = u->n; i-- > 0;)
		if ((code = undo_step_run(db, &u->steps[i], err)) != SO_OK) {
			db_rollback(db);
			return code;
		}
	if ((code = db_commit(db, err)) != SO_OK)
		return code;
	undo_free(u);
	return SO_OK;
}
