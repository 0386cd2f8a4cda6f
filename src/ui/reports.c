/*
 * The Reports screen (`R`, `:report [NAME]`; `J` opens it on today's
 * journal): the reports on the left, a scrollable preview on the right
 * -- the very text layout `salesorg report` prints, so what is seen is
 * what is printed -- and the pickers on top: the period (its length and
 * which one) and whose figures.  Its keys are the table below.
 *
 * Building a report reads the store only; the screen keeps the built
 * document so printing and saving send exactly what is previewed.  When
 * another process commits, the preview is built again where it was
 * scrolled to.
 *
 * A manager's figures are their own: the picker offers only "me" (all
 * managers and another manager's are for a head of sales or an
 * administrator), for the journal as for every report.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "doc/doc.h"
#include "doc/print.h"
#include "report/report.h"
#include "store/acl.h"
#include "store/lookup.h"
#include "ui/columns.h"
#include "ui/draw.h"
#include "ui/pivot.h"
#include "ui/reports.h"
#include "ui/screen.h"
#include "ui/ui.h"

#define LIST_W	14	/* the column of report names */
#define CTRL(c)	((c) & 0x1f)

struct rep_view {
	int		 sel;		/* index into reports[] */
	char		 kind;		/* period length, report_period */
	int		 offset;	/* periods from the current one */
	int		 custom;	/* from/to typed in (f) */
	char		 from[11], to[11];
	int64_t		 user_id;	/* 0: me */
	int		 all;
	char		*who;		/* the picker's label */
	int64_t		 meeting;	/* the meeting report's event */
	/* the ABC report's (report.h): 0 the team's criterion and
	 * window; the bottom 20 % alone */
	int		 abc_by, abc_months, abc_bottom;
	struct doc	 doc;
	int		 built;
	char		**lines;
	size_t		 nlines;
	int		 top;		/* first preview line shown */
	int		 left;		/* display columns scrolled off */
	int		 maxw;		/* the widest line */
	char		 error[600];
	struct db	*db;
	char		 msg[1024];	/* until the next key */
};

static const struct screen_key reports_keys[] = {
	/* TRANSLATORS: a hint is a key's name, then a word or two. */
	{ 'k', "Up, k", N_("the report above"), N_("Up/Down report") },
	{ 'j', "Down, j", N_("the report below"), NULL },
	{ CTRL('f'), "PgDn, ^F, Space", N_("scroll the preview a page down"),
	    N_("PgDn Left Right scroll") },
	{ ' ', NULL, NULL, NULL },
	{ CTRL('b'), "PgUp, ^B, b", N_("a page up"), NULL },
	{ 'b', NULL, NULL, NULL },
	{ 'g', "Home, g", N_("the top of the preview"), NULL },
	{ 'G', "End, G", N_("its end"), NULL },
	{ 'h', "Left, h", N_("scroll sideways (a wide report)"), NULL },
	{ 'l', "Right, l", N_("scroll the other way"), NULL },
	{ '[', "[", N_("the period before"), N_("[ ] period") },
	{ ']', "]", N_("the period after"), NULL },
	/* TRANSLATORS: the keys themselves: day, week, month, quarter,
	 * year, all time. */
	{ 'd', "d", N_("a day around today"), N_("d w m r y a") },
	{ 'w', "w", N_("a week"), NULL },
	{ 'm', "m", N_("a month"), NULL },
	{ 'r', "r", N_("a quarter"), NULL },
	{ 'y', "y", N_("a year"), NULL },
	{ 'a', "a", N_("all time"), NULL },
	{ 'f', "f", N_("a period of one's own: the first and last day"),
	    N_("f dates") },
	{ 'c', "c", N_("whose figures: me, all managers, one manager"),
	    N_("c who") },
	{ 'i', "i", N_("the meeting of the meeting report"),
	    N_("i meeting") },
	{ 'o', "o", N_("the ABC report's criterion, months and bottom 20 %"),
	    N_("o abc") },
	{ 'v', "v", N_("the pivot screen: a saved pivot, or a new one"),
	    N_("v pivot") },
	{ 'p', "p", N_("print (asks for the printer)"), N_("p print") },
	{ 's', "s", N_("save to a file: .txt .csv .html .pdf"), N_("s save") },
	{ 'q', "q, Esc", N_("back"), N_("q back") },
	{ 27, NULL, NULL, NULL },
	{ 127, NULL, NULL, NULL },
	{ 0, NULL, NULL, NULL }
};



static void
free_lines(struct rep_view *v)
{
	size_t i;

	for (i = 0; i < v->nlines; i++)
		free(v->lines[i]);
	free(v->lines);
	v->lines = NULL;
	v->nlines = 0;
}

static void
set_period(struct rep_view *v, struct db *db)
{
	if (!v->custom)
		report_period(v->kind, (int64_t)db_now(db), v->offset,
		    v->from, v->to);
}

/*
 * Builds the selected report and lays it out as it prints: 80 columns,
 * 132 for the wide ones (a pane narrower than that scrolls sideways),
 * one long page without the page headers.
 */
static void
build(struct rep_view *v, struct db *db)
{
	struct doc_layout lo = { 0, 0, "a4" };
	struct report_query q;
	struct so_err err = { 0 };
	size_t n;
	int pages;

	free_lines(v);
	if (v->built)
		doc_free(&v->doc);
	v->built = 0;
	v->error[0] = '\0';
	v->top = v->left = v->maxw = 0;
	memset(&q, 0, sizeof(q));
	memcpy(q.from, v->from, 11);
	memcpy(q.to, v->to, 11);
	q.user_id = v->user_id;
	q.all = v->all;
	q.id = v->meeting;
	q.abc_by = v->abc_by;
	q.abc_months = v->abc_months;
	q.abc_bottom = v->abc_bottom;
	q.now = (int64_t)db_now(db);
	if (reports[v->sel].build(db, &q, &v->doc, &err) != SO_OK) {
		snprintf(v->error, sizeof(v->error), "%s", err.msg);
		return;
	}
	v->built = 1;
	lo.width = v->doc.landscape ? 132 : 80;
	if (doc_text_lines(&v->doc, &lo, &v->lines, &v->nlines, &pages,
	    &err) != SO_OK) {
		snprintf(v->error, sizeof(v->error), "%s", err.msg);
		return;
	}
	for (n = 0; n < v->nlines; n++)
		if (utf8_width(v->lines[n]) > v->maxw)
			v->maxw = utf8_width(v->lines[n]);
}

/* Line s with its first `left` display columns scrolled off. */
static void
draw_scrolled(int y, int x, int w, const char *s, int left)
{
	size_t skip;
	int cols = 0;

	skip = utf8_fit(s, left, &cols);
	s += skip;
	/* A wide character cut by the edge: a blank for its right half. */
	if (cols < left && *s) {
		s += utf8_next(s, 0);
		mvaddch(y, x++, ' ');
		w--;
	}
	draw_text(y, x, w, s, UA_NORMAL);
}

static void
draw(struct rep_view *v, const char *msg)
{
	const struct report_desc *r;
	char title[768], period[80], from[16], to[16];
	int y, h = LINES - 3, pw = COLS - LIST_W - 1, i;

	erase();
	col_date(v->from, from, sizeof(from));
	col_date(v->to, to, sizeof(to));
	if (v->from[0] == '\0')
		snprintf(period, sizeof(period), _("up to %s"), to);
	else if (strcmp(v->from, v->to) == 0)
		snprintf(period, sizeof(period), "%s", from);
	else
		snprintf(period, sizeof(period), "%s - %s", from, to);
	/* TRANSLATORS: the report's title, the period, whose figures */
	snprintf(title, sizeof(title), _("Reports: %s, %s, %s"),
	    _(reports[v->sel].title), period, v->who);
	draw_text(0, 0, COLS, title, UA_TITLE);
	for (r = reports, i = 0; r->name && i < h; r++, i++)
		draw_text(2 + i, 0, LIST_W, r->name, i == v->sel ? UA_SELECT :
		    UA_NORMAL);
	for (y = 2; y < LINES - 1; y++)
		mvaddch(y, LIST_W, ACS_VLINE);
	if (v->error[0])
		draw_text(2, LIST_W + 2, pw - 2, v->error, UA_ERROR);
	else
		for (i = 0; i < h && v->top + i < (int)v->nlines; i++)
			draw_scrolled(2 + i, LIST_W + 2, pw - 2,
			    v->lines[v->top + i], v->left);
	msg = ui_status_line(msg);
	if (msg)
		ui_draw_status(msg, UA_STATUS);
	else
		draw_hints(LINES - 1, 0, COLS, ui_screen_hints(&screen_reports,
		    v), UA_DIM);
	refresh();
}

static void
pick_manager(struct rep_view *v, struct db *db, char *msg, size_t msgsz)
{
	const char *extra[2];
	struct so_err err;
	char *me, *login;
	int k;

	me = xasprintf(_("(me: %s)"), db_user_login(db));
	if (acl_role(db) < ROLE_HEAD) {
		ui_menu(3, 4, LINES - 4, _("Whose figures?"), (const char
		    *const *)&me, 1);
		snprintf(msg, msgsz, "%s", _("Your own figures: all managers' "
		    "and another manager's are for a head of sales"));
		free(me);
		v->all = 0;
		v->user_id = 0;
		free(v->who);
		v->who = xstrdup(db_user_login(db));
		return;
	}
	extra[0] = me;
	extra[1] = _("(all managers)");
	k = ui_pick_user(db, _("Whose figures?"), extra, 2, &login);
	free(me);
	if (k < 0)
		return;
	if (k == 2 && store_user_id(db, login, &v->user_id, &err) != SO_OK) {
		snprintf(msg, msgsz, "%s", err.msg);
		free(login);
		return;
	}
	v->all = k == 1;
	if (k < 2)
		v->user_id = 0;
	free(v->who);
	v->who = k == 2 ? login : xstrdup(k == 0 ? db_user_login(db) :
	    _("all managers"));
}

/* One end of a period of one's own; -1 when abandoned or wrong. */
static int
ask_date(struct db *db, const char *label, char date[11], char *msg,
    size_t msgsz)
{
	char *text = ui_prompt(label, date, NULL, NULL), out[11];
	int rc = 0;

	if (text == NULL)
		return -1;
	if (dt_parse_date(text, db_now(db), out, msg, msgsz) != 0)
		rc = -1;
	else
		memcpy(date, out, 11);
	free(text);
	return rc;
}

static void
pick_dates(struct rep_view *v, struct db *db, char *msg, size_t msgsz)
{
	char from[11], to[11];

	memcpy(from, v->from, 11);
	memcpy(to, v->to, 11);
	if (ask_date(db, _("From: "), from, msg, msgsz) != 0 ||
	    ask_date(db, _("To: "), to, msg, msgsz) != 0)
		return;
	if (strcmp(from, to) > 0) {
		snprintf(msg, msgsz, _("the period ends (%s) before it "
		    "starts (%s)"), to, from);
		return;
	}
	memcpy(v->from, from, 11);
	memcpy(v->to, to, 11);
	v->custom = 1;
}

static void
pick_meeting(struct rep_view *v, char *msg, size_t msgsz)
{
	char init[24], *text, *end;
	long long id;

	snprintf(init, sizeof(init), "%lld", (long long)v->meeting);
	text = ui_prompt(_("Meeting (event number; 0: the latest): "),
	    v->meeting ? init : "", NULL, NULL);
	if (text == NULL)
		return;
	id = strtoll(text, &end, 10);
	if (*text == '\0' || *end != '\0' || id < 0)
		snprintf(msg, msgsz, _("not an event number: %s"), text);
	else
		v->meeting = id;
	free(text);
}

/*
 * The ABC report's options: what ranks (the team's abc.by, or one
 * picked), over how many months (the team's abc.months, or 1 to 24),
 * and the bottom 20 % alone or the whole report.  The period picks the
 * month (the window's last).
 */
static void
pick_abc(struct rep_view *v, char *msg, size_t msgsz)
{
	static const char *const by[] = { "sum", "count", "units",
	    "services" };
	const char *byitems[5];
	char *items[3], *text, *end, num[8];
	long n;
	int sel, i;

	if (strcmp(reports[v->sel].name, "abc") != 0) {
		snprintf(msg, msgsz, "%s", _("o: the options of the abc "
		    "report"));
		return;
	}
	snprintf(num, sizeof(num), "%d", v->abc_months);
	items[0] = xasprintf(_("1 By: %s"), v->abc_by ? by[v->abc_by - 1] :
	    _("the team's (abc.by)"));
	items[1] = xasprintf(_("2 Months: %s"), v->abc_months ? num :
	    _("the team's (abc.months)"));
	items[2] = xasprintf(_("3 The bottom 20 %% alone: %s"),
	    v->abc_bottom ? _("on") : _("off"));
	sel = ui_menu(3, 4, LINES - 4, _("ABC report"),
	    (const char *const *)items, 3);
	for (i = 0; i < 3; i++)
		free(items[i]);
	if (sel == 0) {
		byitems[0] = _("the team's (abc.by)");
		for (i = 0; i < 4; i++)
			byitems[i + 1] = by[i];
		if ((i = ui_menu(3, 6, LINES - 4, _("Rank by"), byitems,
		    5)) >= 0)
			v->abc_by = i;
	} else if (sel == 1) {
		text = ui_prompt(_("Months (1-24; empty: the team's): "),
		    v->abc_months ? num : "", NULL, NULL);
		if (text == NULL)
			return;
		n = strtol(text, &end, 10);
		if (*text == '\0')
			v->abc_months = 0;
		else if (*end != '\0' || n < 1 || n > 24)
			snprintf(msg, msgsz, _("a number of months from 1 to "
			    "24, not \"%s\""), text);
		else
			v->abc_months = (int)n;
		free(text);
	} else if (sel == 2)
		v->abc_bottom = !v->abc_bottom;
}

static void
print(struct rep_view *v, char *msg, size_t msgsz)
{
	static const struct doc_layout lo = DOC_LAYOUT_DEFAULT;
	struct so_err err = { 0 };
	char *printer, *dest;
	int pages = 0;

	if (!v->built) {
		snprintf(msg, msgsz, "%s", _("nothing to print"));
		return;
	}
	printer = ui_prompt(_("Print on (Enter: the default printer): "), "",
	    NULL, NULL);
	if (printer == NULL)
		return;
	ui_message("%s", _("printing..."));
	if (report_print(&v->doc, &lo, *printer ? printer : NULL, 1, &pages,
	    &err) != SO_OK)
		snprintf(msg, msgsz, "%s", err.msg);
	else {
		dest = print_destination(printer);
		snprintf(msg, msgsz, P_("%s: %d page sent to %s",
		    "%s: %d pages sent to %s", (unsigned long)pages),
		    v->doc.title, pages, dest);
		free(dest);
	}
	free(printer);
}

static void
save(struct rep_view *v, char *msg, size_t msgsz)
{
	static const struct doc_layout lo = DOC_LAYOUT_DEFAULT;
	struct so_err err = { 0 };
	char *path;
	int pages = 0;

	if (!v->built) {
		snprintf(msg, msgsz, "%s", _("nothing to save"));
		return;
	}
	path = ui_prompt(_("Save as (.txt .csv .html .pdf): "), "", NULL,
	    NULL);
	if (path == NULL)
		return;
	if (*path == '\0')
		snprintf(msg, msgsz, "%s", _("no file name given"));
	else if (report_save(&v->doc, -1, &lo, path, &pages, &err) != SO_OK)
		snprintf(msg, msgsz, "%s", err.msg);
	else
		snprintf(msg, msgsz, _("saved %s"), path);
	free(path);
}

/* Handles one key: 1 when done, else whether to rebuild (2) or not (0). */
static int
key(struct rep_view *v, struct db *db, int ch, char *msg, size_t msgsz)
{
	int page = LINES - 4 > 1 ? LINES - 4 : 1, last;

	last = (int)v->nlines - page;
	if (last < 0)
		last = 0;
	switch (ch) {
	case 'k':
		if (v->sel == 0)
			return 0;
		v->sel--;
		goto pick;
	case 'j':
		if (reports[v->sel + 1].name == NULL)
			return 0;
		v->sel++;
	pick:
		if (!v->custom) {
			v->kind = reports[v->sel].period;
			v->offset = 0;
		}
		return 2;
	case ' ': case CTRL('f'):
		v->top = v->top + page > last ? last : v->top + page;
		return 0;
	case 'b': case CTRL('b'):
		v->top = v->top - page < 0 ? 0 : v->top - page;
		return 0;
	case 'g':
		v->top = 0;
		return 0;
	case 'h':
		v->left = v->left > 8 ? v->left - 8 : 0;
		return 0;
	case 'l':
		if (v->left + (COLS - LIST_W - 3) < v->maxw)
			v->left += 8;
		return 0;
	case 'G':
		v->top = last;
		return 0;
	case '[': case ']':
		if (v->kind == 'a' && !v->custom)
			return 0;
		v->custom = 0;
		v->offset += ch == '[' ? -1 : 1;
		return 2;
	case 'd': case 'w': case 'm': case 'r': case 'y': case 'a':
		v->kind = ch == 'r' ? 'q' : (char)ch;
		v->offset = 0;
		v->custom = 0;
		return 2;
	case 'f':
		pick_dates(v, db, msg, msgsz);
		return 2;
	case 'c':
		pick_manager(v, db, msg, msgsz);
		return 2;
	case 'i':
		pick_meeting(v, msg, msgsz);
		return 2;
	case 'o':
		pick_abc(v, msg, msgsz);
		return 2;
	case 'v':
		ui_pivot_pick(db);
		return 0;
	case 'p':
		print(v, msg, msgsz);
		return 0;
	case 's':
		save(v, msg, msgsz);
		return 0;
	case 'q': case 27: case 127:
		return 1;
	}
	return 0;
}

static void
screen_draw(void *self)
{
	struct rep_view *v = self;

	draw(v, v->msg);
}

static enum screen_rc
screen_key(void *self, wint_t ch, int keycode)
{
	struct rep_view *v = self;
	int rc;

	v->msg[0] = '\0';
	if ((rc = key(v, v->db, ui_key_letter(ch, keycode), v->msg,
	    sizeof(v->msg))) == 1)
		return SCREEN_CLOSE;
	if (rc == 2) {
		set_period(v, v->db);
		build(v, v->db);
	}
	return SCREEN_STAY;
}

/* Others' changes: the same report built again, scrolled as it was. */
static void
screen_reload(void *self)
{
	struct rep_view *v = self;
	int top = v->top, left = v->left;

	set_period(v, v->db);
	build(v, v->db);
	v->top = top < (int)v->nlines ? top : 0;
	v->left = left;
}

const struct screen_ops screen_reports = {
	.name = N_("The Reports screen"),
	.keys = reports_keys,
	.draw = screen_draw,
	.key = screen_key,
	.reload = screen_reload,
};

void
ui_reports(struct db *db, const char *name)
{
	struct rep_view v;
	int i;

	memset(&v, 0, sizeof(v));
	v.db = db;
	for (i = 0; reports[i].name; i++)
		if (name && strcmp(reports[i].name, name) == 0)
			v.sel = i;
	v.kind = reports[v.sel].period;
	v.who = xstrdup(db_user_login(db));
	set_period(&v, db);
	build(&v, db);
	ui_screen_run(&screen_reports, &v);
	free_lines(&v);
	if (v.built)
		doc_free(&v.doc);
	free(v.who);
}
