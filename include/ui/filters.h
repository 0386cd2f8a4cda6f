/*
 * The filter of a list (f), saved filters (F) and group actions on the
 * filtered list (M).  Each works on the list it is given and reports on
 * the message line; the caller redraws and reloads.
 */
#ifndef UI_FILTERS_H
#define UI_FILTERS_H

#include "store/db.h"
#include "ui/listview.h"

/*
 * Asks for the list's filter, starting from init (NULL: the current
 * one).  A mistake shows its message with a '~' under it and asks again;
 * an empty line clears the filter; Esc leaves it as it was.
 */
void	 ui_filter_edit(struct db *db, struct listview *lv, const char *init);
/*
 * The list's count made after the paint (lv_count returned code): says
 * how many match when a filter was just applied; an error (a pattern
 * too expensive for a row past the first page) is said and the filter
 * dropped, as when applying it.
 */
void	 ui_filter_counted(struct db *db, struct listview *lv, int code,
	    const struct so_err *err);
/* The saved filters of the list's card file: apply, save, delete. */
void	 ui_saved_filters(struct db *db, struct listview *lv);
/* Saves the current filter under name / deletes the saved one. */
void	 ui_filter_save(struct db *db, struct listview *lv, const char *name);
void	 ui_filter_delete(struct db *db, struct listview *lv,
	    const char *name);
/* Applies the saved filter called name. */
void	 ui_filter_apply_saved(struct db *db, struct listview *lv,
	    const char *name);
/* A group action on every row of the list; 1 when records changed. */
int	 ui_group(struct db *db, struct listview *lv);

#endif
