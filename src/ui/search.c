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

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/search.h"
#include "ui/draw.h"
#include "ui/lineedit.h"
#include "ui/screen.h"
#include "ui/search.h"
#include "ui/ui.h"

/* Hits per card file: more than a screen, and each costs a lookup. */
#define PER_KIND	20
#define RESULTS_Y	2	/* first row of the results */

struct sview {
	struct lineedit	 le;
	char		*searched;	/* the text of the last search */
	struct search_result r;
	int		 sel;		/* selected hit */
	int		 top;		/* first display row shown */
	char		 err[512];	/* the last search's error, or "" */
	int		 results;	/* the keys move over the hits (else
					   they are typed into the query) */
	struct db	*db;
	int		 chosen;	/* Enter opened a hit */
};

/* The keys of the hits; typing in the query, every key is text but
 * those that move the selection (move_key), Enter and Esc. */
static const struct screen_key search_keys[] = {
	/* TRANSLATORS: a hint is a key's name, then a word or two. */
	{ 'k', "Up, k", N_("the previous hit; from the first, the query"),
	    N_("Up/Down PgUp/PgDn move") },
	{ 'j', "Down, j", N_("the next hit (from the query: to the hits)"),
	    NULL },
	{ 'B' & 0x1f, "PgUp, ^B", N_("a page up"), NULL },
	{ 'F' & 0x1f, "PgDn, ^F, Space", N_("a page down"), NULL },
	{ ' ', NULL, NULL, NULL },
	{ 'g', "Home, g", N_("the first hit"), NULL },
	{ 'G', "End, G", N_("the last hit"), NULL },
	{ '\t', "Tab", N_("the next card file's hits"),
	    N_("Tab next card file") },
	{ 'P' & 0x1f, "Shift-Tab", N_("the previous card file's hits"), NULL },
	{ '\n', "Enter", N_("open the record"), N_("Enter open") },
	{ '\r', NULL, NULL, NULL },
	{ '/', "/", N_("back to the query, to type"), N_("/ query") },
	{ 'q', "q, Esc", N_("back"), N_("Esc back") },
	{ 27, NULL, NULL, NULL },
	{ 0, NULL, NULL, NULL }
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
		s = xasprintf(" %s (%zu)", entity_plural(g->ent), g->n);
	else
		/* TRANSLATORS: " Companies (20 of 35)", "+" when more */
		s = xasprintf(_(" %s (%zu of %zu%s)"), entity_plural(g->ent),
		    g->n, g->total, g->more ? "+" : "");
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
			s = xasprintf(_("Nothing found for \"%s\"."),
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
	draw_text(0, 0, COLS, _(" Search all card files"), UA_TITLE);
	if (v->r.n > 0) {
		/* TRANSLATORS: "35 found", "100+ found" */
		right = xasprintf(_("%zu%s found "), n, more ? "+" : "");
		draw_text_right(0, COLS / 2, COLS - COLS / 2, right, UA_TITLE);
		free(right);
	}
}

static void
draw_bottom(struct sview *v)
{
	if (ui_status_line(NULL))
		ui_draw_status(ui_status_line(NULL), UA_STATUS);
	else if (v->err[0])
		draw_text(LINES - 1, 0, COLS, v->err, UA_ERROR);
	else if (*le_text(&v->le) == '\0')
		draw_text(LINES - 1, 0, COLS, _("Type the beginnings of words: "
		    "name, phone, e-mail, city, text ...  Esc back"),
		    UA_STATUS);
	else
		draw_hints(LINES - 1, 0, COLS, ui_screen_hints(&screen_search,
		    v), UA_STATUS);
}

static int stale(const struct sview *v);

static void
draw(void *self)
{
	struct sview *v = self;
	const char *label = _(" Find: ");
	int lw = utf8_width(label), curcol;
	size_t from, to;
	char *vis;

	/* typed ahead: one search for the whole burst, here, once the
	 * keys have stopped coming (the loop draws only then) */
	if (stale(v))
		run_search(v, v->db);
	erase();
	draw_top(v);
	draw_results(v, RESULTS_Y, LINES - RESULTS_Y - 1);
	draw_bottom(v);
	draw_text(1, 0, lw, label, UA_DIM);
	le_view(&v->le, COLS - lw - 1, &from, &to, &curcol);
	vis = xstrndup(le_text(&v->le) + from, to - from);
	draw_text(1, lw, COLS - lw, vis, UA_NORMAL);
	free(vis);
	move(1, lw + curcol);
	curs_set(!v->results);
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

/* Moves the selection for a movement key (a letter, ui_key_letter);
 * 0 when key is not one. */
static int
move_key(struct sview *v, int key)
{
	int n = (int)v->r.n, page = LINES - RESULTS_Y - 2;

	switch (key) {
	case 'k':	v->sel--; break;
	case 'j':	v->sel++; break;
	case 'B' & 0x1f: v->sel -= page > 1 ? page : 1; break;
	case 'F' & 0x1f: case ' ': v->sel += page > 1 ? page : 1; break;
	case 'g':	v->sel = 0; break;
	case 'G':	v->sel = n - 1; break;
	case '\t':
	case 'P' & 0x1f:
		if (n == 0)
			return 1;
		/* the group's heading to the top */
		v->sel = group_hop(v, key == '\t' ? 1 : -1);
		v->top = row_of(v, v->sel) - 1;
		break;
	default:
		return 0;
	}
	if (v->sel >= n)
		v->sel = n - 1;
	if (v->sel < 0)
		v->sel = 0;
	return 1;
}

static int
stale(const struct sview *v)
{
	return v->searched == NULL || strcmp(v->searched, le_text(&v->le));
}

/* In the query the arrows, page keys, Tab, ^N and ^P move over the
 * hits (and Down, Tab and PgDn give them the keys); every other key is
 * the line editor's. */
static int
query_key(struct sview *v, wint_t ch, int kc)
{
	int key = 0;

	if (kc && ch != KEY_HOME && ch != KEY_END && ch != KEY_LEFT &&
	    ch != KEY_RIGHT && ch != KEY_BACKSPACE && ch != KEY_ENTER)
		key = ui_key_letter(ch, kc);
	else if (!kc && (ch == '\t' || ch == ('P' & 0x1f)))
		key = (int)ch;
	else if (!kc && ch == ('N' & 0x1f))	/* ^N */
		key = 'j';
	if (key == 0 || !move_key(v, key))
		return 0;
	if (key == 'j' || key == '\t' || key == ('F' & 0x1f))
		v->results = v->r.n > 0;
	return 1;
}

static enum screen_rc
screen_key(void *self, wint_t ch, int kc)
{
	struct sview *v = self;
	int key = ui_key_letter(ch, kc);

	if (key == '\n' || key == '\r') {
		/* typed ahead of the search: catch up first */
		if (stale(v))
			run_search(v, v->db);
		if (v->r.n == 0)
			return SCREEN_STAY;
		v->chosen = 1;
		return SCREEN_CLOSE;
	}
	if (!kc && ch == 27)
		return SCREEN_CLOSE;
	if (!v->results) {
		if (!query_key(v, ch, kc))
			le_key(&v->le, ch, kc);
		return SCREEN_STAY;
	}
	if (key == 'q')
		return SCREEN_CLOSE;
	if (key == '/' || (key == 'k' && v->sel == 0))
		v->results = 0;
	else
		move_key(v, key);
	return SCREEN_STAY;
}

/* "/ query" is for the hits; in the query it is a slash. */
static int
screen_hidden(void *self, int key)
{
	return key == '/' && !((struct sview *)self)->results;
}

static int
screen_typing(void *self)
{
	return !((struct sview *)self)->results;
}

static void
screen_reload(void *self)
{
	struct sview *v = self;

	refresh_search(v, v->db);
}

const struct screen_ops screen_search = {
	.name = N_("The global search (its hits)"),
	.keys = search_keys,
	.draw = draw,
	.key = screen_key,
	.reload = screen_reload,
	.typing = screen_typing,
	.hidden = screen_hidden,
};

int
ui_search(struct db *db, const char *init, const struct entity **ent,
    int64_t *id)
{
	struct sview v;

	memset(&v, 0, sizeof(v));
	v.db = db;
	le_init(&v.le, init ? init : "");
	ui_screen_run(&screen_search, &v);
	curs_set(0);
	if (v.chosen) {
		*ent = v.r.hits[v.sel].ent;
		*id = v.r.hits[v.sel].id;
	}
	search_result_free(&v.r);
	free(v.searched);
	le_free(&v.le);
	return v.chosen;
}
