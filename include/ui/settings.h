/* The :settings screen: preferences, event types and results. */
#ifndef UI_SETTINGS_H
#define UI_SETTINGS_H

#include "store/db.h"

void	ui_settings(struct db *db);

#endif
