/*
 * The global search screen; see ui/search.h.
 *
 *	 Search all card files                                   3 found
 *	 Find: ромаш_
 *	 Companies (1)
 *	   ООО «Ромашка»                 Казань, +7 843 555-12-34
 *	 Tasks (1)
 *	   Выставить счёт ООО «Ромашка»  2026-11-20 12:00, ООО «Ромашка»
 *	 Notes (1)
 *	   Условия работы с «Ромашкой»   ООО «Ромашка»
 *	 Up/Down PgUp/PgDn move  Tab next card file  Enter open  Esc back
 *
 * The query is searched again after every change of the text, but not
 * while more keys are already waiting: someone typing fast (or pasting)
 * gets one search for the whole burst, not one per character behind
 * them.  The selection moves over hits only, headings are skipped; a
 * group's heading scrolls into view with its first hit, and Tab puts the
 * next group's heading at the top.  When another process commits, the
 * query runs again and the selection stays on the same record.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/util.h"
#include "store/search.h"
#include "ui/draw.h"
#include "ui/lineedit.h"
#include "ui/search.h"
#include "ui/ui.h"

/* Hits per card file: more than a screen, and each costs a lookup. */
#define PER_KIND	20
#define LABEL		" Find: "
#define RESULTS_Y	2	/* first row of the results */

struct sview {
	struct lineedit	 le;
	char		*searched;	/* the text of the last search */
	struct search_result r;
	int		 sel;		/* selected hit */
	int		 top;		/* first display row shown */
	char		 err[512];	/* the last search's error, or "" */
};

static void
run_search(struct sview *v, struct db *db)
{
	struct so_err err = { 0 };

	search_result_free(&v->r);
	free(v->searched);
	v->searched = xstrdup(le_text(&v->le));
	v->err[0] = '\0';
	if (search_run(db, le_text(&v->le), PER_KIND, &v->r, &err) != SO_OK)
		snprintf(v->err, sizeof(v->err), "%s", err.msg);
	v->sel = 0;
	v->top = 0;
}

/* The same query again after others' changes, on the same hit. */
static void
refresh_search(struct sview *v, struct db *db)
{
	const struct entity *ent = NULL;
	int64_t id = 0;
	int top = v->top;
	size_t i;

	if (v->searched == NULL)
		return;
	if (v->sel < (int)v->r.n) {
		ent = v->r.hits[v->sel].ent;
		id = v->r.hits[v->sel].id;
	}
	run_search(v, db);
	for (i = 0; i < v->r.n; i++)
		if (v->r.hits[i].ent == ent && v->r.hits[i].id == id) {
			v->sel = (int)i;
			v->top = top;
		}
}

/* ---- rows: a heading per group, then its hits ---- */

static int
nrows(const struct sview *v)
{
	return (int)(v->r.n + v->r.ngroups);
}

/* The display row of hit i. */
static int
row_of(const struct sview *v, int i)
{
	size_t g;

	for (g = 0; g < v->r.ngroups; g++)
		if ((size_t)i < v->r.groups[g].first + v->r.groups[g].n)
			return i + (int)g + 1;
	return 0;
}

/* What display row r shows: a hit (its index), or -1 - group. */
static int
row_item(const struct sview *v, int r)
{
	size_t g;

	for (g = 0; g < v->r.ngroups; g++) {
		const struct search_group *gr = &v->r.groups[g];

		if (r == 0)
			return -1 - (int)g;
		if ((size_t)r <= gr->n)
			return (int)(gr->first + (size_t)r - 1);
		r -= (int)gr->n + 1;
	}
	return -1 - (int)v->r.ngroups;
}

/* ---- drawing ---- */

static void
draw_heading(const struct search_group *g, int y)
{
	char *s;

	if (g->n == g->total && !g->more)
		s = xasprintf(" %s (%zu)", g->ent->plural, g->n);
	else
		s = xasprintf(" %s (%zu of %zu%s)", g->ent->plural, g->n,
		    g->total, g->more ? "+" : "");
	draw_text(y, 0, COLS, s, UA_TITLE);
	free(s);
}

static void
draw_hit(const struct search_hit *h, int y, int tw, int selected)
{
	enum ui_attr a = selected ? UA_SELECT : UA_NORMAL;
	int x = 3;

	draw_fill(y, 0, 1, COLS, a);
	draw_text(y, x, tw, h->title, a);
	x += tw + 2;
	if (x < COLS)
		draw_text(y, x, COLS - x, h->detail, selected ? a : UA_DIM);
}

/* Title column: as wide as the widest title (so it stays put while
 * scrolling), within limits. */
static int
title_width(const struct sview *v)
{
	size_t i;
	int w = 10, tw;

	for (i = 0; i < v->r.n; i++)
		if ((tw = utf8_width(v->r.hits[i].title)) > w)
			w = tw;
	return w < COLS * 45 / 100 ? w : COLS * 45 / 100;
}

static void
scroll_to_selection(struct sview *v, int h)
{
	int r = row_of(v, v->sel);

	/* the heading too when the hit is its group's first */
	if (r - 1 < v->top)
		v->top = r - 1 >= 0 && row_item(v, r - 1) < 0 ? r - 1 : r;
	if (r >= v->top + h)
		v->top = r - h + 1;
	/* no blank rows below the last group while there is more above */
	if (v->top > nrows(v) - h)
		v->top = nrows(v) - h;
	if (v->top < 0)
		v->top = 0;
}

static void
draw_results(struct sview *v, int y, int h)
{
	int i, it, tw;
	char *s;

	draw_fill(y, 0, h, COLS, UA_NORMAL);
	if (v->r.n == 0) {
		if (*le_text(&v->le) && !v->err[0]) {
			s = xasprintf("Nothing found for \"%s\".",
			    le_text(&v->le));
			draw_text(y + 1, 2, COLS - 4, s, UA_DIM);
			free(s);
		}
		return;
	}
	scroll_to_selection(v, h);
	tw = title_width(v);
	for (i = 0; i < h && v->top + i < nrows(v); i++) {
		it = row_item(v, v->top + i);
		if (it < 0)
			draw_heading(&v->r.groups[-1 - it], y + i);
		else
			draw_hit(&v->r.hits[it], y + i, tw, it == v->sel);
	}
}

static void
draw_top(const struct sview *v)
{
	char *right;
	size_t n = 0, g;
	int more = 0;

	for (g = 0; g < v->r.ngroups; g++) {
		n += v->r.groups[g].total;
		more |= v->r.groups[g].more;
	}
	draw_fill(0, 0, 1, COLS, UA_TITLE);
	draw_text(0, 0, COLS, " Search all card files", UA_TITLE);
	if (v->r.n > 0) {
		right = xasprintf("%zu%s found ", n, more ? "+" : "");
		draw_text_right(0, COLS / 2, COLS - COLS / 2, right, UA_TITLE);
		free(right);
	}
}

static void
draw_bottom(const struct sview *v)
{
	if (v->err[0])
		draw_text(LINES - 1, 0, COLS, v->err, UA_ERROR);
	else if (*le_text(&v->le) == '\0')
		draw_text(LINES - 1, 0, COLS, "Type the beginnings of words: "
		    "name, phone, e-mail, city, text ...  Esc back",
		    UA_STATUS);
	else
		draw_text(LINES - 1, 0, COLS, "Up/Down PgUp/PgDn move  Tab "
		    "next card file  Enter open  Esc back", UA_STATUS);
}

static void
draw(struct sview *v)
{
	int lw = utf8_width(LABEL), curcol;
	size_t from, to;
	char *vis;

	erase();
	draw_top(v);
	draw_results(v, RESULTS_Y, LINES - RESULTS_Y - 1);
	draw_bottom(v);
	draw_text(1, 0, lw, LABEL, UA_DIM);
	le_view(&v->le, COLS - lw - 1, &from, &to, &curcol);
	vis = xstrndup(le_text(&v->le) + from, to - from);
	draw_text(1, lw, COLS - lw, vis, UA_NORMAL);
	free(vis);
	move(1, lw + curcol);
	curs_set(1);
	refresh();
}

/* ---- keys ---- */

/* The first hit of the next (dir 1) or previous group. */
static int
group_hop(const struct sview *v, int dir)
{
	size_t g;

	for (g = 0; g < v->r.ngroups; g++)
		if ((size_t)v->sel < v->r.groups[g].first + v->r.groups[g].n)
			break;
	if (dir > 0)
		g = g + 1 < v->r.ngroups ? g + 1 : 0;
	else
		g = g > 0 ? g - 1 : v->r.ngroups - 1;
	return (int)v->r.groups[g].first;
}

/* Moves the selection for a movement key; 0 when ch is not one. */
static int
move_key(struct sview *v, wint_t ch, int kc)
{
	int n = (int)v->r.n, page = LINES - RESULTS_Y - 2;

	if (kc && ch == KEY_UP)
		v->sel--;
	else if (kc && ch == KEY_DOWN)
		v->sel++;
	else if (!kc && ch == 16)	/* ^P */
		v->sel--;
	else if (!kc && ch == 14)	/* ^N */
		v->sel++;
	else if (kc && ch == KEY_PPAGE)
		v->sel -= page > 1 ? page : 1;
	else if (kc && ch == KEY_NPAGE)
		v->sel += page > 1 ? page : 1;
	else if ((!kc && ch == '\t') || (kc && ch == KEY_BTAB)) {
		if (n == 0)
			return 1;
		/* the group's heading to the top */
		v->sel = group_hop(v, kc ? -1 : 1);
		v->top = row_of(v, v->sel) - 1;
	} else
		return 0;
	if (v->sel >= n)
		v->sel = n - 1;
	if (v->sel < 0)
		v->sel = 0;
	return 1;
}

static int
is_enter(wint_t ch, int kc)
{
	return (!kc && (ch == '\n' || ch == '\r')) || (kc && ch == KEY_ENTER);
}

static int
stale(const struct sview *v)
{
	return v->searched == NULL || strcmp(v->searched, le_text(&v->le));
}

int
ui_search(struct db *db, const char *init, const struct entity **ent,
    int64_t *id)
{
	struct sview v;
	unsigned gen = ui_data_generation();
	wint_t ch;
	int kc, chosen = 0;

	memset(&v, 0, sizeof(v));
	le_init(&v.le, init ? init : "");
	for (;;) {
		if (stale(&v) && !ui_key_pending())
			run_search(&v, db);
		else if (gen != ui_data_generation())
			refresh_search(&v, db);
		gen = ui_data_generation();
		if (ui_too_small()) {
			if (ui_getkey(&ch, &kc, -1) && !kc && (ch == 27 ||
			    ch == 3))
				break;
			continue;
		}
		if (!ui_key_pending())
			draw(&v);
		if (!ui_getkey(&ch, &kc, -1) || (kc && ch == KEY_RESIZE))
			continue;
		if (!kc && (ch == 27 || ch == 3))	/* Esc, ^C */
			break;
		if (is_enter(ch, kc)) {
			/* typed ahead of the search: catch up first */
			if (stale(&v))
				run_search(&v, db);
			if (v.r.n == 0)
				continue;
			*ent = v.r.hits[v.sel].ent;
			*id = v.r.hits[v.sel].id;
			chosen = 1;
			break;
		}
		if (!move_key(&v, ch, kc))
			le_key(&v.le, ch, kc);
	}
	curs_set(0);
	search_result_free(&v.r);
	free(v.searched);
	le_free(&v.le);
	return chosen;
}
