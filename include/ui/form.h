/*
 * Add and edit forms, built from the entity descriptor: a labelled line
 * per field, Tab between fields, pick-lists for references and choices,
 * dates typed naturally, validation messages beside the field.  Nothing
 * is written until the form is accepted; a save that meets someone
 * else's newer version shows both values and lets the user choose.
 */
#ifndef UI_FORM_H
#define UI_FORM_H

#include "store/db.h"
#include "store/entity.h"

/*
 * Runs the form over rec (initialised by rec_init for an add, or read by
 * rec_get for an edit: meta.id tells which).  Returns 1 when the record
 * was saved (rec then holds what was saved), 0 when the form was left
 * without saving.
 */
int	ui_form_run(struct db *db, const struct entity *ent, void *rec);

#endif
