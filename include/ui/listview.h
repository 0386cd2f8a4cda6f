/*
 * The virtual list of a card file.  It holds only the rows on screen: a
 * page fetched from the store by keyset (rec_list), so a 300 000-row
 * list costs what a 30-row one does, in time and in memory.  Moving past
 * the page fetches the next one relative to the first or last row shown.
 */
#ifndef UI_LISTVIEW_H
#define UI_LISTVIEW_H

#include <stdint.h>

#include "store/db.h"
#include "store/record.h"
#include "ui/columns.h"
#include "ui/keys.h"

struct listview {
	const struct entity *ent;
	struct list_query q;
	char		*quick;		/* owned copy of q.quick */
	struct filter	*filter;	/* owned; q.filter (f in the list) */
	struct rec_list	 page;		/* the rows on screen, top first */
	int		 cursor;	/* selected row within page */
	int		 height;	/* rows the pane shows */
	int64_t		 count;		/* rows in the whole list; -1:
					   not counted yet (lv_count) */
	int		 at_start;	/* the page starts the list */
	int		 tell_count;	/* the count, once made, is said
					   (a filter just applied) */
	int64_t		*marks;		/* the ids of the marked rows (Space),
					   in the order marked */
	size_t		 nmarks;
};

void	 lv_init(struct listview *lv, const struct entity *ent, int trash);
void	 lv_free(struct listview *lv);
/*
 * Fetches the page again for height rows, starting at the current top row
 * (after a resize or a write), keeping the selected record selected when
 * it is still there.  A list shown from its start with the first row
 * selected follows its start instead: rows that others add at the top
 * (newest first) come into view, the new first row selected.  The count
 * waits for lv_count, but for a filtered list shown from its start
 * whose page needs a pass over every row (rec_list_first): that pass
 * makes both.
 */
int	 lv_reload(struct listview *lv, struct db *db, int height,
	    struct so_err *err);
/*
 * The count of the whole list, which a reload leaves for after the
 * screen is painted: whether it is still to be made, and making it
 * unless stop(arg) says a key waits (rec_count_until: then SO_OK and
 * still pending).
 */
int	 lv_count_pending(const struct listview *lv);
int	 lv_count(struct listview *lv, struct db *db, int (*stop)(void *),
	    void *arg, struct so_err *err);
/* Moves the selection: ACT_UP/DOWN/PAGE_UP/PAGE_DOWN/HOME/END. */
int	 lv_move(struct listview *lv, struct db *db, enum action act,
	    struct so_err *err);
/* Shows the record with this id selected (clearing a filter hiding it). */
int	 lv_select_id(struct listview *lv, struct db *db, int64_t id,
	    struct so_err *err);
/* Sets the quick filter (NULL or "" clears) and refetches from the top. */
int	 lv_set_quick(struct listview *lv, struct db *db, const char *text,
	    struct so_err *err);
/* Sets the filter (taking f; NULL clears) and refetches from the top;
 * the count may be left for lv_count. */
int	 lv_set_filter(struct listview *lv, struct db *db, struct filter *f,
	    struct so_err *err);
/* Sorts by the next sortable field, or reverses the order. */
int	 lv_sort_next(struct listview *lv, struct db *db, struct so_err *err);
int	 lv_sort_reverse(struct listview *lv, struct db *db,
	    struct so_err *err);
/* The selected record, or NULL when the list is empty. */
void	*lv_selected(const struct listview *lv);
int64_t	 lv_selected_id(const struct listview *lv);
/*
 * The columns a list of ent shows (ui/columns.h), in the order shown:
 * want, min, priority and flags in cols, the field indexes in fields;
 * at most max, without the fields named in skip (NULL-terminated, or
 * NULL: a card's section does not repeat the card).  A card's sections
 * use it too.
 */
int	 lv_columns(const struct entity *ent, const char *const *skip,
	    int *fields, struct column *cols, int max);
/*
 * Marks: rows picked one by one (Space), whatever the filter shows, for
 * what works on a group (:merge).  A marked row has a '*' before it.
 */
int	 lv_mark_toggle(struct listview *lv);	/* the new state */
int	 lv_marked(const struct listview *lv, int64_t id);
void	 lv_marks_clear(struct listview *lv);
/* Draws the pane (border, title, header, rows) in the rectangle. */
void	 lv_draw(const struct listview *lv, int y, int x, int h, int w,
	    int focused);

#endif
