/* The :settings screen: preferences, event types and results. */
#ifndef UI_SETTINGS_H
#define UI_SETTINGS_H

#include "store/db.h"

void	ui_settings(struct db *db);
/* The custom fields of the card files: add, relabel, move, retire (an
 * administrator's; the others read the list). */
void	ui_fields(struct db *db);

#endif
