/*
 * Add and edit forms, built from the entity descriptor: a labelled line
 * per field, Tab between fields, pick-lists for references and choices,
 * dates typed naturally, validation messages beside the field.  Nothing
 * is written until the form is accepted; a save that meets someone
 * else's newer version shows both values and lets the user choose, and
 * an add that looks like a record already there says so first.
 */
#ifndef UI_FORM_H
#define UI_FORM_H

#include <stdint.h>

#include "store/db.h"
#include "store/entity.h"

enum form_rc {
	FORM_LEFT,		/* left without saving */
	FORM_SAVED,		/* rec holds what was saved */
	FORM_OPEN,		/* the user chose to open a record the new
				 * one likely duplicates: its id in *open */
};

/*
 * Runs the form over rec (initialised by rec_init for an add, or read by
 * rec_get for an edit: meta.id tells which).  Before an add of a company
 * or contact is written, the records it likely duplicates are shown
 * (store/dupes.h): open one (FORM_OPEN; open may be NULL for an edit),
 * save anyway, or back to the form.
 */
int	ui_form_run(struct db *db, const struct entity *ent, void *rec,
	    int64_t *open);

/* The names of the keys a form reads ("F4", "^O"), NULL-ended, beside
 * the line editor's (tests/unit/test_keys.c holds the man page's Forms
 * section to them). */
extern const char *const ui_form_keys[];

#endif
