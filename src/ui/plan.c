/*
 * The plan screen (:plan): the managers by the months of a quarter or a
 * year, each cell the month's plan over its fact and share, a total
 * column and a bar of plan against fact per row; Enter on a month sets
 * that manager's (or the team's) plan of it.  The figures and every
 * write are the store's (store/plan.h): one transaction with its audit
 * row per plan set, refused to a manager, who sees their own row only.
 *
 * A row's total is its months' plans and facts added up (what the
 * screen shows, the quarter's own plan aside: that is the plan report's
 * business).  The bar is as wide as the room left: a full block per
 * step of the fact, up to half again the plan, with a thin mark where
 * the plan is done (100 %).  A year is twelve columns: on a narrow
 * terminal the months run off the right edge and the total stays.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/entity.h"
#include "store/plan.h"
#include "ui/draw.h"
#include "ui/plan.h"
#include "ui/screen.h"
#include "ui/ui.h"

#define NAME_W	18
#define CELL_W	16

struct plan_view {
	struct db		*db;
	struct plan_period	 period;		/* a quarter or a year */
	struct plan_period	 months[12];
	int			 nmonths;
	enum plan_measure	 measure;
	struct plan_figures	 fig[12];
	/* The rows: the managers of every month, the team last (user 0;
	 * the head's only). */
	int64_t			*users;
	char			**names;
	size_t			 nusers;
	int			 row, col;
	char			 msg[512];
	int			 msg_error;
};

static const struct screen_key plan_keys[] = {
	/* TRANSLATORS: a hint is a key's name, then a word or two. */
	{ '\n', "Enter", N_("set the plan of the manager (or the team) for "
	    "the month"), N_("Enter set") },
	{ 'm', "m", N_("the next measure: payments, deals won, meetings, "
	    "calls"), N_("m measure") },
	{ ']', "]", N_("the next quarter (year)"), N_("[ ] period") },
	{ '[', "[", N_("the previous quarter (year)"), NULL },
	{ 'y', "y", N_("a year of months, or a quarter again"),
	    N_("y year") },
	{ 'k', "Up, k", N_("the previous manager"), N_("arrows pick") },
	{ 'j', "Down, j", N_("the next manager"), NULL },
	{ 'h', "Left, h", N_("the previous month"), NULL },
	{ 'l', "Right, l", N_("the next month"), NULL },
	{ 'q', "q, Esc", N_("back"), N_("q back") },
	{ 27, NULL, NULL, NULL },
	{ 127, NULL, NULL, NULL },
	{ '\r', NULL, NULL, NULL },
	{ 0, NULL, NULL, NULL }
};

static void
say(struct plan_view *v, int error, const char *s)
{
	snprintf(v->msg, sizeof(v->msg), "%s", s);
	v->msg_error = error;
}

static void
rows_clear(struct plan_view *v)
{
	size_t i;
	int m;

	for (m = 0; m < v->nmonths; m++)
		plan_figures_clear(&v->fig[m]);
	for (i = 0; i < v->nusers; i++)
		free(v->names[i]);
	free(v->names);
	free(v->users);
	v->names = NULL;
	v->users = NULL;
	v->nusers = 0;
}

static void
add_row(struct plan_view *v, const struct plan_fig *r)
{
	size_t i;

	for (i = 0; i < v->nusers; i++)
		if (v->users[i] == r->user_id)
			return;
	v->users = xrealloc(v->users, (v->nusers + 1) * sizeof(*v->users));
	v->names = xrealloc(v->names, (v->nusers + 1) * sizeof(*v->names));
	v->users[v->nusers] = r->user_id;
	v->names[v->nusers++] = xstrdup(r->user_id == 0 ? _("Team") :
	    *r->full_name ? r->full_name : r->login);
}

static void
reload(struct plan_view *v)
{
	struct so_err err = { 0 };
	int64_t manager;
	size_t i;
	int m;

	rows_clear(v);
	v->nmonths = plan_period_months(&v->period, v->months);
	/* A manager's own row; the head's and admin's, everyone's. */
	manager = acl_role(v->db) >= ROLE_HEAD ? 0 : db_user_id(v->db);
	for (m = 0; m < v->nmonths; m++) {
		if (plan_figures_load(v->db, &v->months[m], manager,
		    &v->fig[m], &err) != SO_OK) {
			say(v, 1, err.msg);
			continue;
		}
		/* The team's row (last in each month) goes last here. */
		for (i = 0; i < v->fig[m].nrows[v->measure]; i++)
			if (v->fig[m].rows[v->measure][i].user_id != 0)
				add_row(v, &v->fig[m].rows[v->measure][i]);
	}
	if (manager == 0)
		for (m = 0; m < v->nmonths; m++)
			for (i = 0; i < v->fig[m].nrows[v->measure]; i++)
				if (v->fig[m].rows[v->measure][i].user_id == 0)
					add_row(v, &v->fig[m].rows[v->measure][i]);
	if (v->row >= (int)v->nusers)
		v->row = v->nusers ? (int)v->nusers - 1 : 0;
	if (v->col >= v->nmonths)
		v->col = v->nmonths - 1;
}

/* The figures of row r in month m, or NULL. */
static const struct plan_fig *
fig_at(const struct plan_view *v, size_t r, int m)
{
	const struct plan_figures *f = &v->fig[m];
	size_t i;

	for (i = 0; i < f->nrows[v->measure]; i++)
		if (f->rows[v->measure][i].user_id == v->users[r])
			return &f->rows[v->measure][i];
	return NULL;
}

/* An amount as the cells show it: money in whole units, grouped. */
static void
amount(const struct plan_view *v, int64_t x, char *buf, size_t size)
{
	if (plan_measure_money(v->measure))
		i18n_money(x - x % 100, 0, buf, size);
	else
		snprintf(buf, size, "%lld", (long long)x);
}

static void
percent(int64_t plan, int has, int64_t fact, char *buf, size_t size)
{
	double pct;

	if (has && plan_percent(plan, fact, &pct))
		snprintf(buf, size, "%.0f%%", pct);
	else
		snprintf(buf, size, "-");
}

/* The bar of fact against plan, width cells: the mark at two thirds. */
static void
bar(int y, int x, int width, int64_t plan, int has, int64_t fact,
    enum ui_attr a)
{
	struct strbuf b = { 0 };
	int mark = width * 2 / 3, full = 0, i;

	if (width < 3)
		return;
	if (has && plan > 0) {
		full = (int)((double)fact / (double)plan * mark + 0.5);
		if (full > width)
			full = width;
	}
	for (i = 0; i < width; i++)
		sb_add(&b, i < full ? "\u2588" : i == mark ? "\u258f" : " ");
	draw_text(y, x, width, sb_str(&b), a);
	sb_free(&b);
}

static void
draw(struct plan_view *v)
{
	const struct plan_fig *f;
	char *title, buf[64], pct[16], head[96];
	int64_t tplan, tfact;
	int m, x, y, has, barx, totx;
	size_t r;
	enum ui_attr a;

	erase();
	/* TRANSLATORS: the period (2026-Q4) and the measure. */
	title = xasprintf(_(" Plans: %s, %s"), v->period.key,
	    plan_measure_label(v->measure));
	draw_fill(0, 0, 1, COLS, UA_TITLE);
	draw_text(0, 0, COLS, title, UA_TITLE);
	free(title);
	/* The total after the months, or where the bar keeps 12 cells. */
	totx = NAME_W + v->nmonths * CELL_W;
	if (totx > COLS - CELL_W - 12)
		totx = COLS - CELL_W - 12;
	if (totx < NAME_W + CELL_W)
		totx = NAME_W + CELL_W;
	barx = totx + CELL_W;
	draw_text(2, 1, NAME_W - 1, _("Manager"), UA_TITLE);
	for (m = 0; m < v->nmonths; m++) {
		x = NAME_W + m * CELL_W;
		if (x + CELL_W > totx)
			break;
		draw_text_right(2, x, CELL_W - 1, v->months[m].key, UA_TITLE);
	}
	draw_text_right(2, totx, CELL_W - 1, _("Total"), UA_TITLE);
	/* TRANSLATORS: the bar's heading: the fact against the plan. */
	draw_text(2, barx, COLS - barx, _("fact/plan"), UA_TITLE);
	if (v->nusers == 0)
		draw_text(4, 1, COLS - 2, _("No managers"), UA_DIM);
	for (r = 0, y = 3; r < v->nusers && y + 1 < LINES - 4; r++, y += 2) {
		tplan = tfact = 0;
		has = 0;
		draw_text(y, 1, NAME_W - 2, v->names[r], (int)r == v->row ?
		    UA_SELECT : UA_NORMAL);
		for (m = 0; m < v->nmonths; m++) {
			f = fig_at(v, r, m);
			if (f != NULL) {
				tplan += f->plan;
				tfact += f->fact;
				has |= f->has_plan;
			}
			x = NAME_W + m * CELL_W;
			if (x + CELL_W > totx)
				continue;
			a = (int)r == v->row && m == v->col ? UA_SELECT :
			    UA_NORMAL;
			if (f != NULL && f->has_plan)
				amount(v, f->plan, buf, sizeof(buf));
			else
				snprintf(buf, sizeof(buf), "-");
			draw_text_right(y, x, CELL_W - 1, buf, a);
			amount(v, f ? f->fact : 0, buf, sizeof(buf));
			percent(f ? f->plan : 0, f && f->has_plan, f ? f->fact :
			    0, pct, sizeof(pct));
			snprintf(head, sizeof(head), "%s %s", buf, pct);
			draw_text_right(y + 1, x, CELL_W - 1, head, UA_DIM);
		}
		if (has)
			amount(v, tplan, buf, sizeof(buf));
		else
			snprintf(buf, sizeof(buf), "-");
		draw_text_right(y, totx, CELL_W - 1, buf, UA_NORMAL);
		amount(v, tfact, buf, sizeof(buf));
		percent(tplan, has, tfact, pct, sizeof(pct));
		snprintf(head, sizeof(head), "%s %s", buf, pct);
		draw_text_right(y + 1, totx, CELL_W - 1, head, UA_DIM);
		bar(y, barx, COLS - barx - 1, tplan, has, tfact, UA_NORMAL);
	}
	if (v->msg[0])
		draw_text(LINES - 3, 0, COLS, v->msg, v->msg_error ? UA_ERROR :
		    UA_STATUS);
	if (ui_status_line(NULL) != NULL)
		ui_draw_status(ui_status_line(NULL), UA_STATUS);
	else
		draw_hints(LINES - 1, 0, COLS, ui_screen_hints(&screen_plan,
		    v), UA_DIM);
	refresh();
}

/* Enter: the plan of the selected row's month; empty deletes it. */
static void
edit(struct plan_view *v)
{
	const struct plan_fig *f;
	struct so_err err = { 0 };
	const char *period;
	char *label, *text, init[64] = "", *end;
	int64_t x;
	int code;

	if (v->nusers == 0 || v->nmonths == 0)
		return;
	if (acl_role(v->db) < ROLE_HEAD) {
		say(v, 1, _("only a head of sales or an administrator sets "
		    "plans"));
		return;
	}
	period = v->months[v->col].key;
	if ((f = fig_at(v, (size_t)v->row, v->col)) != NULL && f->has_plan &&
	    !f->summed) {
		if (plan_measure_money(v->measure))
			money_format(f->plan, init);
		else
			snprintf(init, sizeof(init), "%lld",
			    (long long)f->plan);
	}
	/* TRANSLATORS: whose (a manager, Team), the month, the measure. */
	label = xasprintf(_("Plan of %s for %s, %s (empty: none): "),
	    v->names[v->row], period, plan_measure_label(v->measure));
	text = ui_prompt(label, init, NULL, NULL);
	free(label);
	if (text == NULL)
		return;
	if (*text == '\0') {
		code = plan_delete(v->db, v->users[v->row], period, v->measure,
		    &err);
		if (code == SO_ENOTFOUND)
			code = SO_OK;
	} else {
		if (plan_measure_money(v->measure))
			code = money_parse(text, &x) == 0 && x >= 0 ? SO_OK :
			    SO_EINVAL;
		else {
			x = strtoll(text, &end, 10);
			code = *end == '\0' && x >= 0 ? SO_OK : SO_EINVAL;
		}
		if (code != SO_OK)
			so_err_set(&err, code, _("\"%s\" is not an amount"),
			    text);
		else
			code = plan_set(v->db, v->users[v->row], period,
			    v->measure, x, &err);
	}
	free(text);
	if (code != SO_OK)
		say(v, 1, err.msg);
	else {
		reload(v);
		say(v, 0, _("Saved"));
	}
}

/* The quarter or year dir away from the one shown. */
static void
move_period(struct plan_view *v, int dir)
{
	char key[16];
	int y = atoi(v->period.key), q;

	if (v->period.kind == 'y')
		snprintf(key, sizeof(key), "%d", y + dir);
	else {
		q = v->period.key[6] - '0' + dir;
		if (q < 1) {
			q = 4;
			y--;
		} else if (q > 4) {
			q = 1;
			y++;
		}
		snprintf(key, sizeof(key), "%d-Q%d", y, q);
	}
	plan_period_parse(key, &v->period, NULL);
}

/* A year, or the quarter of the selected month. */
static void
toggle_year(struct plan_view *v)
{
	char key[16];
	int y = atoi(v->period.key);

	if (v->period.kind == 'y')
		snprintf(key, sizeof(key), "%d-Q%d", y, v->col / 3 + 1);
	else {
		snprintf(key, sizeof(key), "%d", y);
		v->col += (v->period.key[6] - '1') * 3;
	}
	plan_period_parse(key, &v->period, NULL);
	if (v->period.kind == 'q')
		v->col %= 3;
}

static enum screen_rc
screen_key(void *self, wint_t ch, int keycode)
{
	struct plan_view *v = self;
	int k = ui_key_letter(ch, keycode);

	v->msg[0] = '\0';
	switch (k) {
	case 'q':
	case 27:
	case 127:
		return SCREEN_CLOSE;
	case 'k':
		if (v->row > 0)
			v->row--;
		break;
	case 'j':
		if (v->row + 1 < (int)v->nusers)
			v->row++;
		break;
	case 'h':
		if (v->col > 0)
			v->col--;
		break;
	case 'l':
		if (v->col + 1 < v->nmonths)
			v->col++;
		break;
	case 'm':
		v->measure = (v->measure + 1) % PLAN_NMEASURES;
		reload(v);
		break;
	case '[':
	case ']':
		move_period(v, k == ']' ? 1 : -1);
		reload(v);
		break;
	case 'y':
		toggle_year(v);
		reload(v);
		break;
	case '\n':
	case '\r':
		edit(v);
		break;
	}
	return SCREEN_STAY;
}

static void
screen_draw(void *self)
{
	draw(self);
}

static void
screen_reload(void *self)
{
	reload(self);
}

/* A manager reads: Enter is the head's and the admin's. */
static int
screen_hidden(void *self, int key)
{
	struct plan_view *v = self;

	return (key == '\n' || key == '\r') && acl_role(v->db) < ROLE_HEAD;
}

const struct screen_ops screen_plan = {
	.name = N_("The plans"),
	.keys = plan_keys,
	.draw = screen_draw,
	.key = screen_key,
	.reload = screen_reload,
	.hidden = screen_hidden,
};

void
ui_plan(struct db *db)
{
	struct plan_view v;
	char today[11], key[32];

	memset(&v, 0, sizeof(v));
	v.db = db;
	/* The quarter of today, on today's month. */
	dt_format_date(db_now(db), today);
	snprintf(key, sizeof(key), "%.4s-Q%d", today, (atoi(today + 5) + 2) /
	    3);
	if (plan_period_parse(key, &v.period, NULL) != SO_OK)
		plan_period_parse("2026-Q4", &v.period, NULL);
	v.col = (atoi(today + 5) - 1) % 3;
	reload(&v);
	ui_screen_run(&screen_plan, &v);
	rows_clear(&v);
}
