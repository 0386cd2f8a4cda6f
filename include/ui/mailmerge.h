/*
 * :merge TEMPLATE: the mail merge of `salesorg merge` from the Contacts
 * or the Companies list: a form (the recipients: the list as filtered,
 * its marked rows, a program's members, a saved filter; attachments;
 * the HTML part; a test message), then a dry run shown and a y
 * (src/ui/mailmerge.c).
 */
#ifndef UI_MAILMERGE_H
#define UI_MAILMERGE_H

#include "store/db.h"
#include "ui/listview.h"

void	ui_mail_merge(struct db *db, struct listview *lv, const char *tname);

#endif
