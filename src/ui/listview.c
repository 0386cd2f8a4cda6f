/*
 * The virtual list; see include/ui/listview.h.
 *
 * Every movement is at most one or two indexed page queries of `height`
 * rows relative to a row we hold (the store's keyset pagination); we
 * never count or skip rows to find a position.  The title's row count is
 * one count(*) per reload, which an index answers.
 */
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/util.h"
#include "store/entities.h"
#include "ui/draw.h"
#include "ui/listview.h"

void
lv_init(struct listview *lv, const struct entity *ent, int trash)
{
	memset(lv, 0, sizeof(*lv));
	lv->ent = ent;
	lv->q.sort = -1;
	lv->q.trash = trash;
	lv->page.ent = ent;
	lv->height = 1;
}

void
lv_free(struct listview *lv)
{
	rec_list_free(&lv->page);
	free(lv->quick);
	lv->quick = NULL;
	filter_free(lv->filter);
	lv->filter = NULL;
	lv->q.filter = NULL;
}

void *
lv_selected(const struct listview *lv)
{
	if (lv->page.n == 0)
		return NULL;
	return rec_list_at(&lv->page, (size_t)lv->cursor);
}

int64_t
lv_selected_id(const struct listview *lv)
{
	void *r = lv_selected(lv);

	return r ? rec_meta(r)->id : 0;
}

/* Replaces the page with a fetch relative to anchor (may be NULL). */
static int
fetch(struct listview *lv, struct db *db, enum list_from from,
    const void *anchor, struct so_err *err)
{
	struct rec_list l;
	int code;

	code = rec_list(db, lv->ent, &lv->q, from, anchor,
	    (size_t)lv->height, &l, err);
	if (code != SO_OK)
		return code;
	rec_list_free(&lv->page);
	lv->page = l;
	/* Whether the page starts the list, for lv_reload to follow
	 * rows added at the top. */
	lv->at_start = from == LIST_FIRST || l.n == 0;
	if (!lv->at_start && rec_list(db, lv->ent, &lv->q, LIST_BEFORE,
	    rec_list_at(&lv->page, 0), 1, &l, err) == SO_OK) {
		lv->at_start = l.n == 0;
		rec_list_free(&l);
	}
	return SO_OK;
}

/* Counts rows fetched from anchor without replacing the page. */
static int
peek(struct listview *lv, struct db *db, enum list_from from,
    const void *anchor, size_t limit, struct rec_list *out,
    struct so_err *err)
{
	return rec_list(db, lv->ent, &lv->q, from, anchor, limit, out, err);
}

static void
clamp_cursor(struct listview *lv)
{
	if (lv->cursor >= (int)lv->page.n)
		lv->cursor = (int)lv->page.n - 1;
	if (lv->cursor < 0)
		lv->cursor = 0;
}

static void
cursor_to_id(struct listview *lv, int64_t id)
{
	size_t i;

	for (i = 0; i < lv->page.n; i++)
		if (rec_meta(rec_list_at(&lv->page, i))->id == id) {
			lv->cursor = (int)i;
			return;
		}
	clamp_cursor(lv);
}

/* A short page at the end of the list: show the last full page instead. */
static int
fill_from_end(struct listview *lv, struct db *db, struct so_err *err)
{
	if ((int)lv->page.n >= lv->height)
		return SO_OK;
	return fetch(lv, db, LIST_LAST, NULL, err);
}

static int
on_page(const struct listview *lv, int64_t id)
{
	size_t i;

	for (i = 0; i < lv->page.n; i++)
		if (rec_meta(rec_list_at(&lv->page, i))->id == id)
			return 1;
	return 0;
}

/*
 * The selected record left the page: rows were added above it (by
 * another user, say), or its sort key changed.  Show it again on the
 * row it was on, the rows before it above.  When it is no longer in
 * the list (deleted, filtered out), the page stays as it is.
 */
static int
follow(struct listview *lv, struct db *db, int64_t sel, int row,
    struct so_err *err)
{
	struct rec_list before = { 0 }, page = { 0 };
	const void *anchor;
	void *rec;
	int code = SO_OK, got_before = 0;

	rec = xcalloc(1, lv->ent->size);
	if (rec_get(db, lv->ent, sel, rec, err) != SO_OK) {
		free(rec);
		return SO_OK;
	}
	anchor = rec;
	if (row > 0 && peek(lv, db, LIST_BEFORE, rec, (size_t)row, &before,
	    err) == SO_OK) {
		got_before = 1;
		if (before.n > 0)
			anchor = rec_list_at(&before, 0);
	}
	code = peek(lv, db, LIST_AT, anchor, (size_t)lv->height, &page, err);
	if (code == SO_OK) {
		struct rec_list old = lv->page;

		lv->page = page;
		if (on_page(lv, sel))
			rec_list_free(&old);
		else {
			lv->page = old;
			rec_list_free(&page);
		}
	}
	if (got_before)
		rec_list_free(&before);
	rec_clear(lv->ent, rec);
	free(rec);
	return code == SO_OK ? fill_from_end(lv, db, err) : code;
}

int
lv_reload(struct listview *lv, struct db *db, int height,
    struct so_err *err)
{
	void *top = NULL;
	int64_t sel = lv_selected_id(lv);
	/* A list shown from its start goes on showing its start, so
	 * rows others add at the top show up, the selection staying on
	 * its record while that is on the page; otherwise the page
	 * follows the selected record wherever it went. */
	int code, row = lv->cursor, at_top = lv->at_start;

	lv->height = height > 0 ? height : 1;
	/*
	 * A quick filter reads the table in order and sorts the matches
	 * (SQLite keeps only a page of them): at most one pass over the
	 * table, ~0.1 s for 300 000 rows.  Walking the sort index instead
	 * is instant when matches come first in the order and ten times
	 * slower when they don't.
	 */
	lv->q.scan = lv->q.quick != NULL || lv->q.filter != NULL;
	if ((code = rec_count(db, lv->ent, &lv->q, &lv->count, err)) != SO_OK)
		return code;
	if (lv->page.n > 0 && !at_top) {
		top = xcalloc(1, lv->ent->size);
		rec_copy(lv->ent, top, rec_list_at(&lv->page, 0));
	}
	code = fetch(lv, db, top ? LIST_AT : LIST_FIRST, top, err);
	if (top) {
		rec_clear(lv->ent, top);
		free(top);
	}
	if (code == SO_OK)
		code = fill_from_end(lv, db, err);
	if (code == SO_OK && sel && !on_page(lv, sel)) {
		/* pushed off the top by new rows: someone at the top of
		 * a list stays at the top */
		if (at_top && row == 0) {
			lv->cursor = 0;
			return code;
		}
		code = follow(lv, db, sel, row < lv->height ? row : 0, err);
	}
	cursor_to_id(lv, sel);
	return code;
}

/*
 * A page forward or back, the cursor keeping its row on screen; near an
 * end, the first or last full page with the cursor on the end row.
 */
static int
page_turn(struct listview *lv, struct db *db, int forward,
    struct so_err *err)
{
	struct rec_list more;
	int code;

	code = peek(lv, db, forward ? LIST_AFTER : LIST_BEFORE,
	    rec_list_at(&lv->page, forward ? lv->page.n - 1 : 0),
	    (size_t)lv->height, &more, err);
	if (code != SO_OK)
		return code;
	if ((int)more.n == lv->height) {
		rec_list_free(&lv->page);
		lv->page = more;
		lv->at_start = 0;	/* or not known: do not follow */
		return SO_OK;
	}
	rec_list_free(&more);
	code = fetch(lv, db, forward ? LIST_LAST : LIST_FIRST, NULL, err);
	lv->cursor = forward ? (int)lv->page.n - 1 : 0;
	return code;
}

int
lv_move(struct listview *lv, struct db *db, enum action act,
    struct so_err *err)
{
	struct rec_list more;
	int n = (int)lv->page.n, code = SO_OK;
	void *anchor;

	switch (act) {
	case ACT_DOWN:
		if (lv->cursor < n - 1) {
			lv->cursor++;
			break;
		}
		if (n == 0)
			break;
		if ((code = peek(lv, db, LIST_AFTER, rec_list_at(&lv->page,
		    (size_t)n - 1), 1, &more, err)) != SO_OK)
			break;
		if (more.n == 1 && n > 1) {
			anchor = xcalloc(1, lv->ent->size);
			rec_copy(lv->ent, anchor, rec_list_at(&lv->page, 1));
			code = fetch(lv, db, LIST_AT, anchor, err);
			rec_clear(lv->ent, anchor);
			free(anchor);
			lv->cursor = (int)lv->page.n - 1;
		} else if (more.n == 1) {
			code = fetch(lv, db, LIST_AT, rec_list_at(&more, 0),
			    err);
			lv->cursor = 0;
		}
		rec_list_free(&more);
		break;
	case ACT_UP:
		if (lv->cursor > 0) {
			lv->cursor--;
			break;
		}
		if (n == 0)
			break;
		if ((code = peek(lv, db, LIST_BEFORE, rec_list_at(&lv->page, 0),
		    1, &more, err)) != SO_OK)
			break;
		if (more.n == 1)
			code = fetch(lv, db, LIST_AT, rec_list_at(&more, 0),
			    err);
		rec_list_free(&more);
		lv->cursor = 0;
		break;
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		if (n > 0)
			code = page_turn(lv, db, act == ACT_PAGE_DOWN, err);
		break;
	case ACT_HOME:
		code = fetch(lv, db, LIST_FIRST, NULL, err);
		lv->cursor = 0;
		break;
	case ACT_END:
		code = fetch(lv, db, LIST_LAST, NULL, err);
		lv->cursor = (int)lv->page.n - 1;
		break;
	default:
		break;
	}
	clamp_cursor(lv);
	return code;
}

int
lv_select_id(struct listview *lv, struct db *db, int64_t id,
    struct so_err *err)
{
	void *rec;
	int code;

	rec = xcalloc(1, lv->ent->size);
	if ((code = rec_get(db, lv->ent, id, rec, err)) != SO_OK) {
		free(rec);
		return code;
	}
	/* Keep the filters when the record is in the filtered list (back
	 * from its card); drop them when they would hide it. */
	lv->q.scan = lv->q.quick != NULL || lv->q.filter != NULL;
	code = fetch(lv, db, LIST_AT, rec, err);
	if (code == SO_OK && lv->q.scan && (lv->page.n == 0 ||
	    rec_meta(rec_list_at(&lv->page, 0))->id != id)) {
		free(lv->quick);
		lv->quick = NULL;
		lv->q.quick = NULL;
		filter_free(lv->filter);
		lv->filter = NULL;
		lv->q.filter = NULL;
		lv->q.scan = 0;
		code = fetch(lv, db, LIST_AT, rec, err);
	}
	rec_clear(lv->ent, rec);
	free(rec);
	if (code == SO_OK)
		code = fill_from_end(lv, db, err);
	if (code == SO_OK)
		code = rec_count(db, lv->ent, &lv->q, &lv->count, err);
	cursor_to_id(lv, id);
	return code;
}

int
lv_set_quick(struct listview *lv, struct db *db, const char *text,
    struct so_err *err)
{
	free(lv->quick);
	lv->quick = text && *text ? xstrdup(text) : NULL;
	lv->q.quick = lv->quick;
	rec_list_free(&lv->page);
	lv->cursor = 0;
	return lv_reload(lv, db, lv->height, err);
}

int
lv_set_filter(struct listview *lv, struct db *db, struct filter *f,
    struct so_err *err)
{
	filter_free(lv->filter);
	lv->filter = f;
	lv->q.filter = f;
	rec_list_free(&lv->page);
	lv->cursor = 0;
	return lv_reload(lv, db, lv->height, err);
}

static int
current_sort(const struct listview *lv)
{
	return lv->q.sort >= 0 ? lv->q.sort : lv->ent->default_sort;
}

int
lv_sort_next(struct listview *lv, struct db *db, struct so_err *err)
{
	int i, cur = current_sort(lv), n = lv->ent->nfields;
	int64_t sel = lv_selected_id(lv);

	for (i = 1; i <= n; i++)
		if (lv->ent->fields[(cur + i) % n].flags & F_SORT) {
			lv->q.sort = (cur + i) % n;
			break;
		}
	rec_list_free(&lv->page);
	if (sel)
		return lv_select_id(lv, db, sel, err);
	return lv_reload(lv, db, lv->height, err);
}

int
lv_sort_reverse(struct listview *lv, struct db *db, struct so_err *err)
{
	int64_t sel = lv_selected_id(lv);

	lv->q.desc = !lv->q.desc;
	rec_list_free(&lv->page);
	if (sel)
		return lv_select_id(lv, db, sel, err);
	return lv_reload(lv, db, lv->height, err);
}

/* ---- drawing ---- */

/*
 * Columns: the fields with a list width, in descriptor order, as many as
 * fit when the first (the name) is narrowed to FIRST_MIN; then the first
 * takes whatever width is left over.
 */
#define FIRST_MIN	16
/* At most this many columns (custom fields can make many listed). */
#define MAX_COLS	32

static int
layout(const struct entity *ent, int w, int *cols, int *widths)
{
	int i, n = 0, used = 0;

	for (i = 0; i < ent->nfields && n < MAX_COLS; i++) {
		int fw = ent->fields[i].width;

		if (fw <= 0)
			continue;
		if (n == 0)
			fw = fw < FIRST_MIN ? fw : FIRST_MIN;
		else if (used + fw + 1 > w)
			continue;
		cols[n] = i;
		widths[n] = fw;
		used += fw + (n > 0);
		n++;
	}
	if (n > 0)
		widths[0] += w - used;
	return n;
}

void
lv_draw(const struct listview *lv, int y, int x, int h, int w, int focused)
{
	int cols[MAX_COLS], widths[MAX_COLS], ncol, i, r, cx;
	int sort = current_sort(lv);
	struct strbuf t = { 0 };

	sb_printf(&t, "%s%s (%lld)", lv->q.trash ? "Trash: " : "",
	    lv->ent->plural, (long long)lv->count);
	if (lv->filter)
		sb_printf(&t, " - filter: %s", filter_text(lv->filter));
	if (lv->quick)
		sb_printf(&t, " - /%s", lv->quick);
	draw_box(y, x, h, w, sb_str(&t));
	sb_free(&t);
	ncol = layout(lv->ent, w - 2, cols, widths);
	/* header */
	cx = x + 1;
	for (i = 0; i < ncol; i++) {
		const struct field_desc *fd = &lv->ent->fields[cols[i]];
		char *label = xasprintf("%s%s", fd->label, cols[i] == sort ?
		    (lv->q.desc ? " \xe2\x96\xbc" : " \xe2\x96\xb2") : "");

		draw_text(y + 1, cx, widths[i], label, UA_DIM);
		free(label);
		cx += widths[i];
		if (i + 1 < ncol)
			draw_text(y + 1, cx++, 1, " ", UA_DIM);
	}
	for (r = 0; r < h - 3; r++) {
		void *rec = r < (int)lv->page.n ? rec_list_at(&lv->page,
		    (size_t)r) : NULL;
		enum ui_attr a = rec && r == lv->cursor ? (focused ? UA_SELECT :
		    UA_TAB) : UA_NORMAL;

		cx = x + 1;
		if (rec == NULL) {
			draw_fill(y + 2 + r, cx, 1, w - 2, UA_NORMAL);
			continue;
		}
		for (i = 0; i < ncol; i++) {
			char *v = field_format(lv->ent, cols[i], rec);

			draw_text(y + 2 + r, cx, widths[i], v, a);
			free(v);
			cx += widths[i];
			if (i + 1 < ncol)
				draw_text(y + 2 + r, cx++, 1, " ", a);
		}
	}
	if (lv->page.n == 0)
		draw_text(y + 2, x + 2, w - 4, lv->quick || lv->filter ? "(nothing matches)" :
		    lv->q.trash ? "(the trash is empty)" :
		    "(empty: press a to add)", UA_DIM);
}
