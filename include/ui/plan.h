/*
 * The plan screen (:plan, src/ui/plan.c): managers by the months of a
 * quarter or a year, plan over fact and share, Enter sets a plan.
 */
#ifndef UI_PLAN_H
#define UI_PLAN_H

#include "store/db.h"

void	ui_plan(struct db *db);

#endif
