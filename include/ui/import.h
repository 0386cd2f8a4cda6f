/*
 * The Import screen: a CSV file or a workbook previewed column by
 * column with the field each goes to, fixed by hand, then imported into
 * a card file in one transaction (src/ui/import.c says more).
 */
#ifndef UI_IMPORT_H
#define UI_IMPORT_H

#include "store/db.h"
#include "store/entity.h"

/* Runs the screen for the file at path, importing into ent (the user
 * may pick another); 1 when records were written. */
int	ui_import(struct db *db, const struct entity *ent, const char *path);

#endif
