/*
 * The Pipeline screen: a column per stage (count and sum on top), the
 * deals of each stage as small cards (title, company, amount and days in
 * the stage), largest first.  Left/Right pick the stage, Up/Down the
 * deal; `>` and `<` move it one stage along the path, `L` marks it lost
 * (asking why), Enter opens its card, `m` and `p` filter by manager and
 * period.  Every move goes through the store (versioned and audited);
 * the screen reloads after each, so counts and sums are always the
 * database's, and when another process commits.
 *
 * A manager sees every deal but moves only their own (or nobody's):
 * on a colleague's deal the move keys are not offered, and pressing
 * one says whose the deal is.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/entities.h"
#include "store/lookup.h"
#include "store/sales.h"
#include "ui/access.h"
#include "ui/columns.h"
#include "ui/draw.h"
#include "ui/pipeline.h"
#include "ui/screen.h"
#include "ui/ui.h"

#define PER_STAGE	200	/* deal cards loaded per column */
#define CARD_H		3	/* lines per deal card */
#define MIN_COL		19	/* narrowest column: "3 deals  5,46 млн" */

struct pipe_view {
	struct pipeline	 p;
	int		 col, row;	/* selected stage and deal */
	int		 top[32];	/* first deal shown, per column */
	int64_t		 manager_id;
	char		*manager;	/* login, or NULL for everybody */
	char		 from[11], to[11];
	struct db	*db;
	char		 msg[1024];	/* until the next key */
	int64_t		 open;		/* the deal Enter opened */
};

static const struct screen_key pipeline_keys[] = {
	/* TRANSLATORS: a hint is a key's name, then a word or two. */
	{ '>', ">, .", N_("move the deal to the next stage"),
	    N_("< > move stage") },
	{ '.', NULL, NULL, NULL },
	{ '<', "<, ,", N_("move it to the previous stage"), NULL },
	{ ',', NULL, NULL, NULL },
	{ 'L', "L", N_("mark it lost (asks why)"), N_("L lost") },
	{ '\n', "Enter", N_("open the deal's card"), N_("Enter open") },
	{ '\r', NULL, NULL, NULL },
	{ 'm', "m", N_("one manager's deals, or everyone's"),
	    N_("m manager") },
	{ 'p', "p", N_("a period"), N_("p period") },
	{ 'h', "Left, h", N_("the previous stage"), N_("arrows pick") },
	{ 'l', "Right, l", N_("the next stage"), NULL },
	{ 'k', "Up, k", N_("the previous deal"), NULL },
	{ 'j', "Down, j", N_("the next deal"), NULL },
	{ 'q', "q, Esc", N_("back"), N_("q back") },
	{ 27, NULL, NULL, NULL },
	{ 127, NULL, NULL, NULL },
	{ 0, NULL, NULL, NULL }
};



static int
reload(struct pipe_view *v, struct db *db)
{
	struct so_err err;
	int64_t keep = 0;

	if (v->col < (int)v->p.nstages && v->row <
	    (int)v->p.stages[v->col].ndeals)
		keep = v->p.stages[v->col].deals[v->row].id;
	pipeline_free(&v->p);
	if (pipeline_load(db, v->manager_id, v->from[0] ? v->from : NULL,
	    v->to[0] ? v->to : NULL, PER_STAGE, &v->p, &err) != SO_OK) {
		ui_message("%s", err.msg);
		return -1;
	}
	if (v->col >= (int)v->p.nstages)
		v->col = v->p.nstages ? (int)v->p.nstages - 1 : 0;
	/* Follow the deal to its new column (after a move). */
	if (keep) {
		size_t i, j;

		for (i = 0; i < v->p.nstages; i++)
			for (j = 0; j < v->p.stages[i].ndeals; j++)
				if (v->p.stages[i].deals[j].id == keep) {
					v->col = (int)i;
					v->row = (int)j;
				}
	}
	if (v->p.nstages && v->row >= (int)v->p.stages[v->col].ndeals)
		v->row = v->p.stages[v->col].ndeals ?
		    (int)v->p.stages[v->col].ndeals - 1 : 0;
	return 0;
}

static const struct pipe_deal *
selected(const struct pipe_view *v)
{
	const struct pipe_stage *s;

	if (v->col >= (int)v->p.nstages)
		return NULL;
	s = &v->p.stages[v->col];
	return v->row < (int)s->ndeals ? &s->deals[v->row] : NULL;
}

/* Why the user may not move deal d (NULL: they may). */
static char *
refusal(struct db *db, const struct pipe_deal *d)
{
	struct so_err err;
	char *why;
	void *rec;

	if (d == NULL)
		return NULL;
	rec = xcalloc(1, entity_deal.size);
	if (rec_get(db, &entity_deal, d->id, rec, &err) != SO_OK) {
		free(rec);
		return NULL;
	}
	why = ui_refusal(db, &entity_deal, rec, 0);
	rec_clear(&entity_deal, rec);
	free(rec);
	return why;
}

/* One line of columns laid out by priority (ui/columns.h). */
static void
draw_line(int y, int x, int w, struct column *c, int n,
    const char *const *cells, enum ui_attr a)
{
	col_layout(c, n, w, 2);
	col_draw_row(y, x, w, c, n, 2, cells, a);
}

static void
draw_card(const struct pipe_deal *d, int y, int x, int w, int sel,
    time_t now)
{
	enum ui_attr a = sel ? UA_SELECT : UA_NORMAL;
	char amount[48], days[24];
	long age = (long)((now - d->since) / 86400);
	/* the amount whole; the days in the stage; whose, if room */
	struct column c[3] = {
		{ .prio = 0 },
		{ .prio = 1 },
		{ .min = 3, .prio = 2, .flags = COL_SHRINK | COL_RIGHT |
		    COL_FILL },
	};
	const char *cells[3] = { amount, days, d->manager };

	draw_text(y, x, w, d->title, a);
	draw_text(y + 1, x, w, d->company, sel ? UA_SELECT : UA_DIM);
	if (d->amount != SO_NULL)
		col_money(d->amount, amount, sizeof(amount));
	else
		amount[0] = '\0';
	/* TRANSLATORS: days in the stage, short: "12d" */
	snprintf(days, sizeof(days), _("%ldd"), age < 0 ? 0 : age);
	c[0].want = col_want(0, amount);
	c[1].want = col_want(0, days);
	c[2].want = col_want(0, d->manager);
	draw_line(y + 2, x, w, c, 3, cells, sel ? UA_SELECT : UA_DIM);
}

static void
draw_column(struct pipe_view *v, int c, int y, int x, int h, int w,
    time_t now)
{
	const struct pipe_stage *s = &v->p.stages[c];
	char count[48], sum[48], more[64];
	int fit, i, cur = c == v->col;
	enum ui_attr a = cur ? UA_TAB : UA_TITLE;
	/* the sum short ("840 тыс.") and whole, the count as room allows */
	struct column hc[2] = {
		{ .min = 1, .prio = 1, .flags = COL_SHRINK },
		{ .prio = 0, .flags = COL_RIGHT },
	};
	const char *cells[2] = { count, sum };

	col_money_compact(s->sum, sum, sizeof(sum));
	draw_text(y, x, w, s->name, a);
	snprintf(count, sizeof(count), P_("%lld deal", "%lld deals",
	    (unsigned long)s->count), (long long)s->count);
	hc[0].want = col_want(0, count);
	hc[1].want = col_want(0, sum);
	hc[1].flags |= COL_FILL;
	draw_line(y + 1, x, w, hc, 2, cells, a);
	fit = (h - 2) / (CARD_H + 1);
	if (fit < 1)
		fit = 1;
	if (cur) {
		if (v->row < v->top[c])
			v->top[c] = v->row;
		if (v->row >= v->top[c] + fit)
			v->top[c] = v->row - fit + 1;
	}
	for (i = 0; i < fit && v->top[c] + i < (int)s->ndeals; i++)
		draw_card(&s->deals[v->top[c] + i], y + 3 + i * (CARD_H + 1),
		    x, w, cur && v->top[c] + i == v->row, now);
	if ((int)s->ndeals < s->count && v->top[c] + fit >= (int)s->ndeals &&
	    y + 3 + i * (CARD_H + 1) < y + h) {
		snprintf(more, sizeof(more), _("... %lld more"),
		    (long long)(s->count - (int64_t)s->ndeals));
		draw_text(y + 3 + i * (CARD_H + 1), x, w, more, UA_DIM);
	}
}

static void
draw(struct pipe_view *v, struct db *db, const char *msg)
{
	char title[512], period[128], where[128], from[16], to[16];
	int ncol = (int)v->p.nstages, shown, first, c, w, x, ww;

	erase();
	col_date(v->from, from, sizeof(from));
	col_date(v->to, to, sizeof(to));
	if (v->from[0] == '\0' && v->to[0] == '\0')
		snprintf(period, sizeof(period), "%s", _("all time"));
	else if (v->to[0] == '\0')
		snprintf(period, sizeof(period), _("from %s"), from);
	else if (v->from[0] == '\0')
		snprintf(period, sizeof(period), _("to %s"), to);
	else
		snprintf(period, sizeof(period), _("from %s to %s"), from, to);
	/* TRANSLATORS: whose ("all managers" or a login), the period */
	snprintf(title, sizeof(title), _("Pipeline: %s, %s"),
	    v->manager ? v->manager : _("all managers"), period);
	shown = COLS / MIN_COL;
	if (shown > ncol)
		shown = ncol;
	if (shown < 1)
		shown = 1;
	first = v->col - shown + 1 < 0 ? 0 : v->col - shown + 1;
	if (first + shown > ncol)
		first = ncol - shown < 0 ? 0 : ncol - shown;
	/* Which stages are on screen, and that Left and Right bring the
	 * others ("◀ stages 2-5 of 6 ▶"). */
	where[0] = '\0';
	if (shown < ncol)
		/* TRANSLATORS: "◀ stages 2-5 of 6 ▶ ": the arrows when
		 * there are stages that way */
		snprintf(where, sizeof(where), _("%sstages %d-%d of %d%s "),
		    first > 0 ? "\xe2\x97\x80 " : "", first + 1, first + shown,
		    ncol, first + shown < ncol ? " \xe2\x96\xb6" : "");
	ww = utf8_width(where);
	if (ww > COLS / 2)
		ww = 0;
	draw_text(0, 0, COLS - ww, title, UA_TITLE);
	if (ww)
		draw_text_right(0, COLS - ww, ww, where, UA_TITLE);
	w = COLS / shown;
	for (c = first, x = 0; c < ncol && c < first + shown; c++, x += w)
		draw_column(v, c, 2, x, LINES - 4, w - 1, db_now(db));
	if ((msg = ui_status_line(msg)) != NULL)
		ui_draw_status(msg, UA_STATUS);
	else {
		char *why = refusal(db, selected(v));

		char *hints = xasprintf("%s%s", ui_screen_hints(
		    &screen_pipeline, v), why ? _("  (read-only: not your "
		    "deal)") : "");

		draw_hints(LINES - 1, 0, COLS, hints, UA_DIM);
		free(hints);
		free(why);
	}
	refresh();
}

static void
pick_manager(struct pipe_view *v, struct db *db, char *msg, size_t msgsz)
{
	const char *all[1];
	struct so_err err;
	char *login;
	int k;

	all[0] = _("(all managers)");
	k = ui_pick_user(db, _("Whose pipeline?"), all, 1, &login);
	if (k == 0) {
		free(v->manager);
		v->manager = NULL;
		v->manager_id = 0;
	} else if (k == 1) {
		if (store_user_id(db, login, &v->manager_id, &err) == SO_OK) {
			free(v->manager);
			v->manager = login;
			login = NULL;
		} else
			snprintf(msg, msgsz, "%s", err.msg);
		free(login);
	}
	v->row = 0;
	memset(v->top, 0, sizeof(v->top));
}

/* One end of the period: a date, or empty for none. */
static int
ask_date(struct db *db, const char *label, char date[11], char *msg,
    size_t msgsz)
{
	char *text = ui_prompt(label, date, NULL, NULL), out[11];

	if (text == NULL)
		return -1;
	if (text[strspn(text, " ")] == '\0')
		date[0] = '\0';
	else if (dt_parse_date(text, db_now(db), out, msg, msgsz) != 0) {
		free(text);
		return -1;
	} else
		memcpy(date, out, 11);
	free(text);
	return 0;
}

static void
pick_period(struct pipe_view *v, struct db *db, char *msg, size_t msgsz)
{
	if (ask_date(db, _("From (date, empty for any): "), v->from, msg,
	    msgsz) == 0)
		ask_date(db, _("To (date, empty for any): "), v->to, msg,
		    msgsz);
	v->row = 0;
	memset(v->top, 0, sizeof(v->top));
}

static void
move_deal(struct pipe_view *v, struct db *db, int dir, int lost, char *msg,
    size_t msgsz)
{
	const struct pipe_deal *d = selected(v);
	struct so_err err;
	char *reason = NULL, *title;
	int rc;

	if (d == NULL)
		return;
	if ((reason = refusal(db, d)) != NULL) {
		snprintf(msg, msgsz, "%s", reason);
		free(reason);
		return;
	}
	title = xstrdup(d->title);
	if (lost) {
		reason = ui_prompt(_("Why was it lost? "), "", NULL, NULL);
		if (reason == NULL) {
			free(title);
			return;
		}
		rc = deal_set_stage(db, d->id, NULL, reason, &err);
	} else
		rc = deal_move(db, d->id, dir, NULL, &err);
	if (rc == SO_OK) {
		reload(v, db);
		snprintf(msg, msgsz, "%s: %s", title,
		    v->col < (int)v->p.nstages ? v->p.stages[v->col].name :
		    _("moved"));
	} else
		snprintf(msg, msgsz, "%s", err.msg);
	free(reason);
	free(title);
}

/* Function keys as the letters that do the same. */
static void
pick_column(struct pipe_view *v, int col)
{
	if (col < 0 || col >= (int)v->p.nstages)
		return;
	v->col = col;
	v->row = v->top[col];
}

/* Handles one key; 1 when the screen is done. */
static int
key(struct pipe_view *v, struct db *db, int ch, int64_t *open, char *msg,
    size_t msgsz)
{
	switch (ch) {
	case 'h':
		pick_column(v, v->col - 1);
		break;
	case 'l':
		pick_column(v, v->col + 1);
		break;
	case 'k':
		if (v->row > 0)
			v->row--;
		break;
	case 'j':
		if (selected(v) && v->row + 1 <
		    (int)v->p.stages[v->col].ndeals)
			v->row++;
		break;
	case '>': case '.':
		move_deal(v, db, +1, 0, msg, msgsz);
		break;
	case '<': case ',':
		move_deal(v, db, -1, 0, msg, msgsz);
		break;
	case 'L':
		move_deal(v, db, 0, 1, msg, msgsz);
		break;
	case 'm':
		pick_manager(v, db, msg, msgsz);
		reload(v, db);
		break;
	case 'p':
		pick_period(v, db, msg, msgsz);
		reload(v, db);
		break;
	case '\n': case '\r':
		if (selected(v) == NULL)
			break;
		*open = selected(v)->id;
		return 1;
	case 'q': case 27: case 127:
		return 1;
	}
	return 0;
}

static void
screen_draw(void *self)
{
	struct pipe_view *v = self;

	draw(v, v->db, v->msg);
}

static enum screen_rc
screen_key(void *self, wint_t ch, int keycode)
{
	struct pipe_view *v = self;

	v->msg[0] = '\0';
	return key(v, v->db, ui_key_letter(ch, keycode), &v->open, v->msg,
	    sizeof(v->msg)) ?
	    SCREEN_CLOSE : SCREEN_STAY;
}

/* The move keys are not offered on a colleague's deal. */
static int
screen_hidden(void *self, int key)
{
	struct pipe_view *v = self;
	char *why;
	int hide;

	if (key != '>' && key != '<' && key != 'L')
		return 0;
	why = refusal(v->db, selected(v));
	hide = why != NULL;
	free(why);
	return hide;
}

/* Others' changes: counts, sums and cards again. */
static void
screen_reload(void *self)
{
	struct pipe_view *v = self;

	reload(v, v->db);
}

const struct screen_ops screen_pipeline = {
	.name = N_("The pipeline"),
	.keys = pipeline_keys,
	.hidden = screen_hidden,
	.draw = screen_draw,
	.key = screen_key,
	.reload = screen_reload,
};

int64_t
ui_pipeline(struct db *db)
{
	struct pipe_view v;

	memset(&v, 0, sizeof(v));
	v.db = db;
	if (reload(&v, db) != 0)
		return 0;
	ui_screen_run(&screen_pipeline, &v);
	pipeline_free(&v.p);
	free(v.manager);
	return v.open;
}
