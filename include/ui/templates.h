/*
 * The mail merge templates screen (:templates): list, edit, add,
 * remove and preview the team's templates (store/template.h).
 */
#ifndef UI_TEMPLATES_H
#define UI_TEMPLATES_H

#include "store/db.h"

void	ui_templates(struct db *db);

#endif
