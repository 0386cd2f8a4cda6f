/*
 * :merge TEMPLATE: the mail merge of `salesorg merge --send` to the
 * contacts filter f selects (NULL: every contact one reaches), after a
 * dry run shown and a y (src/ui/mailmerge.c).
 */
#ifndef UI_MAILMERGE_H
#define UI_MAILMERGE_H

#include "store/db.h"
#include "store/filter.h"

void	ui_mail_merge(struct db *db, struct filter *f, const char *tname);

#endif
