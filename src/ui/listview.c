/*
 * The virtual list; see include/ui/listview.h.
 *
 * Every movement is at most one or two indexed page queries of `height`
 * rows relative to a row we hold (the store's keyset pagination); we
 * never count or skip rows to find a position.
 *
 * The title's row count comes after the page (issue 26).  A reload
 * fetches the page and leaves the count pending (count < 0, shown as
 * "..."); the main screen's idle hook counts once the page is painted
 * and no key waits (lv_count), so the first paint -- the morning's
 * agenda over the companies' list -- never waits for a count(*) over a
 * whole table.  A filtered list from its start is rec_list_first: the
 * order's index walked until the page is full when it holds what the
 * filter tests (the count after the paint, as for any list), else the
 * one pass that sorts the matches and counts them on the way.  The
 * count after the paint gives way to a key (rec_count_until): a key
 * pressed while it runs is answered at once, the count made again at
 * the next pause.  Until then the title says "(...)"; nothing else
 * needs it (End and Home walk from their end of the order).
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/entities.h"
#include "ui/columns.h"
#include "ui/draw.h"
#include "ui/listview.h"

void
lv_init(struct listview *lv, const struct entity *ent, int trash)
{
	memset(lv, 0, sizeof(*lv));
	lv->ent = ent;
	lv->q.sort = -1;
	lv->q.trash = trash;
	lv->q.seeing = 1;	/* a colleague's rows: titles only */
	lv->page.ent = ent;
	lv->height = 1;
	lv->count = -1;
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
	lv_marks_clear(lv);
}

int
lv_marked(const struct listview *lv, int64_t id)
{
	size_t i;

	for (i = 0; i < lv->nmarks; i++)
		if (lv->marks[i] == id)
			return 1;
	return 0;
}

int
lv_mark_toggle(struct listview *lv)
{
	int64_t id = lv_selected_id(lv);
	size_t i;

	if (id == 0)
		return 0;
	for (i = 0; i < lv->nmarks; i++)
		if (lv->marks[i] == id) {
			memmove(lv->marks + i, lv->marks + i + 1,
			    (lv->nmarks - i - 1) * sizeof(*lv->marks));
			lv->nmarks--;
			return 0;
		}
	lv->marks = xrealloc(lv->marks, (lv->nmarks + 1) *
	    sizeof(*lv->marks));
	lv->marks[lv->nmarks++] = id;
	return 1;
}

void
lv_marks_clear(struct listview *lv)
{
	free(lv->marks);
	lv->marks = NULL;
	lv->nmarks = 0;
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
	if (lv->page.n > 0 && !at_top) {
		top = xcalloc(1, lv->ent->size);
		rec_copy(lv->ent, top, rec_list_at(&lv->page, 0));
	}
	if (top == NULL && lv->q.scan) {
		struct rec_list l;

		/* the first page, as soon as found (with the count when
		 * the filter's pass made it) */
		code = rec_list_first(db, lv->ent, &lv->q,
		    (size_t)lv->height, &l, &lv->count, err);
		if (code == SO_OK) {
			rec_list_free(&lv->page);
			lv->page = l;
			lv->at_start = 1;
		}
	} else {
		lv->count = -1;		/* lv_count, after the paint */
		code = fetch(lv, db, top ? LIST_AT : LIST_FIRST, top, err);
	}
	/* A short page from the start is the whole list. */
	if (code == SO_OK && top)
		code = fill_from_end(lv, db, err);
	if (top) {
		rec_clear(lv->ent, top);
		free(top);
	}
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
	lv->count = -1;			/* lv_count, after the paint */
	cursor_to_id(lv, id);
	return code;
}

int
lv_count_pending(const struct listview *lv)
{
	return lv->count < 0;
}

int
lv_count(struct listview *lv, struct db *db, int (*stop)(void *), void *arg,
    struct so_err *err)
{
	int code;

	if (lv->count >= 0)
		return SO_OK;
	lv->q.scan = lv->q.quick != NULL || lv->q.filter != NULL;
	if ((code = rec_count_until(db, lv->ent, &lv->q, &lv->count, stop,
	    arg, err)) != SO_OK)
		lv->count = -1;
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
 * How each card file is listed, in a pane of its own or in a card's
 * section: its columns in the order shown and their priorities
 * (ui/columns.h).  What must be read whole to be of use (a date, a
 * phone number, an amount, a status) does not shrink; names and
 * subjects do, down to min, and the name or subject takes the room
 * left.  The descriptors say which fields a list has and how wide they
 * are (field_desc.width, also the command line's and the quick
 * filter's); this table adds the order and what gives way first on a
 * narrow screen (COL_EXTRA: what is shown only when the others have
 * room), and a field or two the descriptors do not list (a contact's
 * position).  Fields not named here -- custom fields with a list width
 * -- come last, shrinking, as extras.
 */
struct list_col {
	const struct entity *ent;
	const char	*field;
	int		 prio;		/* 0 first (columns.h) */
	int		 min;		/* > 0: shrinks down to min */
	int		 want;		/* > 0: instead of the field's width */
	unsigned	 flags;
};

static const struct list_col list_cols[] = {
	{ &entity_company, "name", 0, 12, 0, COL_FILL },
	{ &entity_company, "city", 2, 8, 0, 0 },
	{ &entity_company, "phone", 1, 0, 0, 0 },
	{ &entity_company, "status", 3, 8, 0, 0 },
	{ &entity_company, "category", 4, 6, 0, COL_EXTRA },
	{ &entity_company, "manager_id", 5, 6, 0, COL_EXTRA },
	{ &entity_company, "abc", 6, 0, 0, COL_EXTRA },

	{ &entity_contact, "last_name", 0, 10, 0, COL_FILL },
	{ &entity_contact, "first_name", 2, 8, 0, 0 },
	{ &entity_contact, "position", 3, 8, 18, 0 },
	{ &entity_contact, "company_id", 4, 10, 0, 0 },
	{ &entity_contact, "phone_work", 1, 0, 0, 0 },

	{ &entity_task, "due_at", 0, 0, 0, 0 },
	{ &entity_task, "title", 0, 12, 0, COL_FILL },
	{ &entity_task, "status", 1, 0, 0, 0 },
	{ &entity_task, "priority", 4, 0, 0, COL_EXTRA },
	{ &entity_task, "company_id", 3, 10, 0, 0 },
	{ &entity_task, "assignee_id", 5, 6, 0, COL_EXTRA },

	{ &entity_note, "title", 0, 10, 0, COL_FILL },
	{ &entity_note, "company_id", 1, 10, 0, 0 },

	{ &entity_link, "title", 0, 10, 0, COL_FILL },
	{ &entity_link, "url", 1, 12, 0, 0 },
	{ &entity_link, "kind", 3, 6, 0, COL_EXTRA },
	{ &entity_link, "company_id", 2, 10, 0, 0 },

	{ &entity_event, "start_at", 0, 0, 0, 0 },
	{ &entity_event, "type_id", 4, 0, 8, COL_EXTRA },
	{ &entity_event, "subject", 1, 12, 0, COL_FILL },
	{ &entity_event, "company_id", 3, 10, 0, 0 },
	{ &entity_event, "status", 1, 0, 0, 0 },
	{ &entity_event, "assignee_id", 5, 6, 0, COL_EXTRA },

	{ &entity_deal, "title", 0, 12, 0, COL_FILL },
	{ &entity_deal, "company_id", 3, 10, 0, 0 },
	{ &entity_deal, "stage_id", 1, 0, 13, 0 },
	{ &entity_deal, "amount", 1, 0, 0, 0 },
	{ &entity_deal, "manager_id", 5, 6, 0, COL_EXTRA },

	{ &entity_payment, "paid_on", 0, 0, 0, 0 },
	{ &entity_payment, "company_id", 1, 10, 0, COL_FILL },
	{ &entity_payment, "amount", 0, 0, 0, 0 },
	{ &entity_payment, "document", 2, 6, 0, COL_EXTRA },

	{ &entity_program, "name", 0, 10, 0, COL_FILL },
	{ &entity_program, "kind", 2, 0, 0, COL_EXTRA },
	{ &entity_program, "starts_on", 1, 0, 0, 0 },
	{ &entity_program, "ends_on", 1, 0, 0, 0 },

	{ &entity_member, "program_id", 0, 10, 0, COL_FILL },
	{ &entity_member, "company_id", 1, 10, 0, 0 },
	{ &entity_member, "contact_id", 2, 10, 0, 0 },
	{ &entity_member, "status", 1, 0, 0, 0 },
	{ &entity_member, "result", 3, 6, 0, COL_EXTRA },
};

/* A field's natural width in a column: a choice's longest label; a
 * date as col_field_text shows it ("14.12 13:30", "14.12.2025"). */
static int
field_want(const struct entity *ent, const struct field_desc *fd)
{
	const struct choice *c;
	int w = 0;

	if (fd->type == FT_MOMENT)
		return 11;
	if (fd->type == FT_DATE)
		return 10;

	if (fd->type == FT_CHOICE && fd->choices) {
		for (c = fd->choices; c->code; c++)
			w = col_want(w, choice_label(ent, c));
		return w;
	}
	return fd->width > 0 ? fd->width : 16;
}

static void
add_column(const struct entity *ent, int fi, const struct list_col *lc,
    int *fields, struct column *cols, int *n)
{
	const struct field_desc *fd = &ent->fields[fi];
	struct column *c = &cols[*n];

	memset(c, 0, sizeof(*c));
	c->want = lc && lc->want > 0 ? lc->want : field_want(ent, fd);
	c->prio = lc ? lc->prio : 9;
	c->min = lc ? lc->min : 6;
	c->flags = lc ? lc->flags : COL_EXTRA;
	if (c->min > 0)
		c->flags |= COL_SHRINK;
	if (fd->type == FT_MONEY || fd->type == FT_INT)
		c->flags |= COL_RIGHT;
	fields[(*n)++] = fi;
}

static int
skipped(const char *const *skip, const char *field)
{
	for (; skip && *skip; skip++)
		if (strcmp(*skip, field) == 0)
			return 1;
	return 0;
}

int
lv_columns(const struct entity *ent, const char *const *skip, int *fields,
    struct column *cols, int max)
{
	size_t k;
	int i, n = 0, named;

	for (k = 0; k < sizeof(list_cols) / sizeof(list_cols[0]); k++) {
		const struct list_col *lc = &list_cols[k];

		if (lc->ent != ent || n >= max || skipped(skip, lc->field) ||
		    (i = entity_field(ent, lc->field)) < 0)
			continue;
		add_column(ent, i, lc, fields, cols, &n);
	}
	for (i = 0; i < ent->nfields && n < max; i++) {
		if (ent->fields[i].width <= 0 || skipped(skip,
		    ent->fields[i].name))
			continue;
		for (named = 0, k = 0; k < sizeof(list_cols) /
		    sizeof(list_cols[0]) && !named; k++)
			named = list_cols[k].ent == ent && strcmp(
			    list_cols[k].field, ent->fields[i].name) == 0;
		if (!named)
			add_column(ent, i, NULL, fields, cols, &n);
	}
	return n;
}

/* At most this many columns (custom fields can make many listed). */
#define MAX_COLS	32

void
lv_draw(const struct listview *lv, int y, int x, int h, int w, int focused)
{
	struct column cols[MAX_COLS];
	int fields[MAX_COLS], ncol, i, r;
	int sort = current_sort(lv);
	const char *cells[MAX_COLS];
	char *texts[MAX_COLS];
	struct strbuf t = { 0 };

	if (lv->q.trash)
		/* TRANSLATORS: "Trash: Companies" */
		sb_printf(&t, _("Trash: %s"), entity_plural(lv->ent));
	else
		sb_add(&t, entity_plural(lv->ent));
	if (lv->count >= 0)
		sb_printf(&t, " (%lld)", (long long)lv->count);
	else
		sb_add(&t, " (...)");
	if (lv->filter)
		sb_printf(&t, _(" - filter: %s"), filter_text(lv->filter));
	if (lv->quick)
		sb_printf(&t, " - /%s", lv->quick);
	if (lv->nmarks)
		/* TRANSLATORS: after a list's title: rows marked with
		 * Space. */
		sb_printf(&t, P_(" - %zu marked", " - %zu marked",
		    lv->nmarks), lv->nmarks);
	draw_box(y, x, h, w, sb_str(&t));
	/* the marker column: only while something is marked */
	if (lv->nmarks) {
		x++;
		w--;
	}
	sb_free(&t);
	ncol = lv_columns(lv->ent, NULL, fields, cols, MAX_COLS);
	/* Every column as wide as its label and its values on this page
	 * need, names and subjects first to their field's width.  What
	 * may not be cut (a date, a phone number) that is wider than its
	 * field's width (an extension after the number) may lose the
	 * rest, marked. */
	for (i = 0; i < ncol; i++) {
		int base = cols[i].want;

		if (lv->page.n == 0)
			continue;
		cols[i].want = utf8_width(field_label(lv->ent,
		    &lv->ent->fields[fields[i]])) + (fields[i] == sort ? 2 : 0);
		for (r = 0; r < (int)lv->page.n; r++) {
			char *v = col_field_text(lv->ent, fields[i],
			    rec_list_at(&lv->page, (size_t)r));

			cols[i].want = col_want(cols[i].want, v);
			free(v);
		}
		/* names and subjects: the field's width before the whole
		 * text of any */
		if (cols[i].flags & COL_SHRINK)
			cols[i].pref = base;
		else if (cols[i].want > base) {
			cols[i].flags |= COL_SHRINK;
			cols[i].min = cols[i].pref = base;
		}
	}
	col_layout(cols, ncol, w - 2, 1);
	/* header */
	for (i = 0; i < ncol; i++) {
		const struct field_desc *fd = &lv->ent->fields[fields[i]];

		texts[i] = xasprintf("%s%s", field_label(lv->ent, fd),
		    fields[i] == sort ?
		    (lv->q.desc ? " \xe2\x96\xbc" : " \xe2\x96\xb2") : "");
		cells[i] = texts[i];
	}
	col_draw_row(y + 1, x + 1, w - 2, cols, ncol, 1, cells, UA_DIM);
	for (i = 0; i < ncol; i++)
		free(texts[i]);
	for (r = 0; r < h - 3; r++) {
		void *rec = r < (int)lv->page.n ? rec_list_at(&lv->page,
		    (size_t)r) : NULL;
		enum ui_attr a = rec && r == lv->cursor ? (focused ? UA_SELECT :
		    UA_TAB) : UA_NORMAL;

		if (rec == NULL) {
			draw_fill(y + 2 + r, x + 1, 1, w - 2, UA_NORMAL);
			continue;
		}
		for (i = 0; i < ncol; i++) {
			texts[i] = cols[i].width > 0 ? col_field_text(lv->ent,
			    fields[i], rec) : NULL;
			cells[i] = texts[i];
		}
		col_draw_row(y + 2 + r, x + 1, w - 2, cols, ncol, 1, cells, a);
		if (lv->nmarks)
			draw_text(y + 2 + r, x, 1, lv_marked(lv,
			    rec_meta(rec)->id) ? "*" : " ", a);
		for (i = 0; i < ncol; i++)
			free(texts[i]);
	}
	if (lv->page.n == 0)
		draw_text(y + 2, x + 2, w - 4, lv->quick || lv->filter ?
		    _("(nothing matches)") : lv->q.trash ?
		    _("(the trash is empty)") : _("(empty: press a to add)"),
		    UA_DIM);
}
