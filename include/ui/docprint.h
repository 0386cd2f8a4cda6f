/*
 * p on a company, contact or deal (its card or its row in the list): a
 * document from one of the team's templates (the doc.dir setting,
 * store/settings.h), filled for the record, saved, printed.
 */
#ifndef UI_DOCPRINT_H
#define UI_DOCPRINT_H

#include <stdint.h>

#include "store/db.h"
#include "store/entity.h"

/*
 * The menu of the templates in doc.dir, then the directory to save in
 * (asked, with ~/Documents or the database's directory in it), then the
 * document made and logged on the record as `salesorg doc` makes it
 * (exchange/docfill.h: docfill_record); with LibreOffice installed its
 * PDF is made beside it and printed through lpr, or not ("Save only").
 * rec is the record as the list or the card holds it (for the refusal
 * of a manager's p on someone else's).  Everything it has to say is on
 * the status line.
 */
void	ui_doc_print(struct db *db, const struct entity *ent, int64_t id,
	    const void *rec);

#endif
