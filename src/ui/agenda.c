/*
 * The agenda screen and the reminder scheduler; see ui/agenda.h.
 *
 * The screen is a list of the day's items under section headings
 * (Overdue, Today, Coming up).  The keys are chosen for the morning
 * round of calls: `d` marks the call done — pick the result with a digit
 * or the arrows, type a comment (or just Enter), then type when to call
 * next ("fri", "завтра 11:00", "+3d"; Enter for none).  `z` snoozes, `r`
 * reschedules, `n` plans the next contact without closing this one,
 * Enter opens the card.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/entities.h"
#include "store/settings.h"
#include "ui/agenda.h"
#include "ui/columns.h"
#include "ui/draw.h"
#include "ui/ui.h"

/* ---- the screen ---- */

void
av_free(struct agenda_view *v)
{
	agenda_free(&v->a);
	undo_free(&v->undo);
}

int
av_load(struct agenda_view *v, struct db *db, struct so_err *err)
{
	struct agenda_query q = { 0 };
	struct agenda fresh;
	const struct agenda_item *keep = NULL;
	size_t i;
	int code;

	q.now = (int64_t)db_now(db);
	q.from = (int64_t)dt_day_start((time_t)q.now);
	q.days = 1;
	q.user_id = db_user_id(db);
	q.overdue = q.reminders = 1;
	if ((code = agenda_load(db, &q, &fresh, err)) != SO_OK)
		return code;
	if (v->cursor >= 0 && (size_t)v->cursor < v->a.n)
		keep = &v->a.v[v->cursor];
	/* The same item, if it is still there; else the same place (the
	 * item was moved away: the next one comes up). */
	for (i = 0; keep && i < fresh.n; i++)
		if (fresh.v[i].kind == keep->kind && fresh.v[i].id ==
		    keep->id && fresh.v[i].orig_start == keep->orig_start) {
			v->cursor = (int)i;
			break;
		}
	agenda_free(&v->a);
	v->a = fresh;
	if (v->cursor < 0 || (size_t)v->cursor >= v->a.n)
		v->cursor = v->a.n ? (int)v->a.n - 1 : 0;
	return SO_OK;
}

/* One display row: a heading (item < 0) or an item. */
struct row {
	int	 item;
	char	 head[160];
};

static struct row *
build_rows(const struct agenda *a, int64_t today, int *nrows)
{
	struct row *r = xcalloc(a->n * 2 + 2, sizeof(*r));
	int n = 0, last_sec = -1;
	size_t i;

	for (i = 0; i < a->n; i++) {
		const struct agenda_item *it = &a->v[i];

		if ((int)it->section != last_sec) {
			r[n].item = -1;
			if (it->section == AG_OVERDUE)
				snprintf(r[n].head, sizeof(r[n].head), "%s",
				    _("Overdue"));
			else if (it->section == AG_DAY) {
				char buf[64];

				i18n_date_day((time_t)today, buf, sizeof(buf));
				/* TRANSLATORS: "Saturday 5 December". */
				snprintf(r[n].head, sizeof(r[n].head),
				    _("Today, %s"), buf);
			} else
				snprintf(r[n].head, sizeof(r[n].head), "%s",
				    _("Coming up (reminder due)"));
			n++;
			last_sec = (int)it->section;
		}
		r[n++].item = (int)i;
	}
	*nrows = n;
	return r;
}

/*
 * The call list's columns (ui/columns.h): the time, the company, the
 * person and the phone always show (the time and the number whole: a
 * cut number cannot be dialled); the subject and then the type take
 * what is left, down to nothing at 60 columns.  Natural widths are the
 * widest of the day's items, so the columns stay put while the cursor
 * moves.
 */
enum { C_TIME, C_TYPE, C_SUBJECT, C_COMPANY, C_PERSON, C_PHONE, NCOLS };
#define MARK_W	3	/* " ✓ " before the columns */
#define PHONE_W	17	/* "+49 151 1862 1052" */

/* The texts of an item's columns; cells[C_SUBJECT] is allocated. */
static void
item_cells(const struct agenda_item *it, char when[24],
    const char *cells[NCOLS])
{
	char moment[17];

	dt_format_moment((time_t)it->at, moment);
	if (it->all_day)
		snprintf(when, 24, "%s", it->section == AG_DAY ?
		    _("all day") : moment);
	else if (it->section == AG_DAY)
		snprintf(when, 24, "%s", moment + 11);
	else	/* "20.11 10:00" */
		snprintf(when, 24, "%.2s.%.2s %s", moment + 8, moment + 5,
		    moment + 11);
	if (it->all_day && it->section != AG_DAY)
		when[10] = '\0';
	cells[C_TIME] = when;
	cells[C_TYPE] = it->type_name;
	if (it->done && *it->result)
		cells[C_SUBJECT] = xasprintf("%s (%s)", *it->subject ?
		    it->subject : it->type_name, it->result);
	else
		cells[C_SUBJECT] = xstrdup(*it->subject ? it->subject :
		    it->type_name);
	cells[C_COMPANY] = it->company;
	cells[C_PERSON] = it->kind == AG_BIRTHDAY ? "" : it->contact;
	cells[C_PHONE] = it->phone;
}

static void
layout_items(const struct agenda *a, int avail, struct column *c)
{
	const char *cells[NCOLS];
	char when[24];
	size_t i;
	int k;

	c[C_TIME] = (struct column){ .prio = 0 };
	c[C_TYPE] = (struct column){ .prio = 4 };
	/* no COL_FILL: on a wide screen the columns stay together and the
	 * room left is on the right, not between the subject and whom to
	 * call */
	c[C_SUBJECT] = (struct column){ .min = 10, .prio = 3,
	    .flags = COL_SHRINK };
	c[C_COMPANY] = (struct column){ .min = 10, .prio = 1,
	    .flags = COL_SHRINK };
	c[C_PERSON] = (struct column){ .min = 10, .prio = 1,
	    .flags = COL_SHRINK };
	c[C_PHONE] = (struct column){ .prio = 0 };
	for (i = 0; i < a->n; i++) {
		item_cells(&a->v[i], when, cells);
		for (k = 0; k < NCOLS; k++)
			c[k].want = col_want(c[k].want, cells[k]);
		free((char *)cells[C_SUBJECT]);
	}
	/* An extension after the number ("доб. 814") may be cut, marked;
	 * the number itself not. */
	if (c[C_PHONE].want > PHONE_W) {
		c[C_PHONE].flags |= COL_SHRINK;
		c[C_PHONE].min = c[C_PHONE].pref = PHONE_W;
	}
	col_layout(c, NCOLS, avail, 1);
}

static void
draw_item(const struct agenda_item *it, const struct column *c, int y,
    int x, int w, int selected)
{
	enum ui_attr a = selected ? UA_SELECT : it->done ? UA_DIM :
	    it->section == AG_OVERDUE ? UA_WARN : UA_NORMAL;
	const char *cells[NCOLS];
	char when[24];

	item_cells(it, when, cells);
	draw_text(y, x, MARK_W, it->done ? " ✓ " : "   ", a);
	col_draw_row(y, x + MARK_W, w - MARK_W, c, NCOLS, 1, cells, a);
	free((char *)cells[C_SUBJECT]);
}

void
av_draw(struct agenda_view *v, int y, int x, int h, int w)
{
	struct column c[NCOLS];
	struct row *rows;
	int nrows, sel_row = 0, i;
	int64_t today = (int64_t)dt_day_start(dt_now());

	draw_fill(y, x, h, w, UA_NORMAL);
	if (v->a.n == 0) {
		draw_text(y + 1, x + 2, w - 4, _("Nothing due today: no "
		    "overdue items, no calls, meetings, tasks or birthdays."),
		    UA_DIM);
		draw_text(y + 3, x + 2, w - 4, _("1-7 open the card files; "
		    "A brings this agenda back."), UA_DIM);
		return;
	}
	rows = build_rows(&v->a, today, &nrows);
	for (i = 0; i < nrows; i++)
		if (rows[i].item == v->cursor)
			sel_row = i;
	/* Rows below the last one are wasted when there are rows above
	 * the top: after the window grew, show as many as fit. */
	if (v->top > 0 && nrows - v->top < h)
		v->top = nrows > h ? nrows - h : 0;
	/* Keep the selected row, and the heading above a first item, in
	 * view. */
	if (sel_row < v->top + 1)
		v->top = sel_row > 0 ? sel_row - 1 : 0;
	if (sel_row >= v->top + h)
		v->top = sel_row - h + 1;
	v->rows = h;
	layout_items(&v->a, w - MARK_W - 1, c);
	for (i = 0; i < h && v->top + i < nrows; i++) {
		const struct row *r = &rows[v->top + i];

		if (r->item < 0)
			draw_text(y + i, x + 1, w - 1, r->head, UA_TITLE);
		else
			draw_item(&v->a.v[r->item], c, y + i, x, w,
			    r->item == v->cursor);
	}
	if (v->a.bad_rule)
		draw_text(y + h - 1, x + 1, w - 1, _("(a repeating event's "
		    "rule never produces a date: its first date is shown; fix "
		    "its Repeat)"), UA_DIM);
	else if (v->a.truncated)
		draw_text(y + h - 1, x + 1, w - 1, _("(a repeating event "
		    "repeats too often to list in full)"), UA_DIM);
	free(rows);
}

int
av_target(const struct agenda_view *v, const struct entity **ent,
    int64_t *id)
{
	const struct agenda_item *it;

	if ((size_t)v->cursor >= v->a.n)
		return 0;
	it = &v->a.v[v->cursor];
	*ent = it->kind == AG_TASK ? &entity_task : it->kind == AG_BIRTHDAY ?
	    &entity_contact : &entity_event;
	*id = it->id;
	return 1;
}

/* ---- actions ---- */

/* Whether the text is a moment (empty is allowed: "none"). */
static int
check_moment(const char *text, void *arg, char *msg, size_t msgsz)
{
	struct db *db = arg;
	time_t t;

	if (*text == '\0')
		return 0;
	return dt_parse_moment(text, db_now(db), &t, msg, msgsz) == 0 ? 0 :
	    -1;
}

/*
 * Asks for a moment, checked as it is typed (Esc, or empty text: 0).
 * init is selected: typing replaces it.  A bare day means 10:00 that
 * day: "call again on Friday" is not a midnight call.
 */
static int
ask_moment(struct db *db, const char *label, const char *init, int64_t *out)
{
	char msg[160], *text;
	time_t t;

	text = ui_prompt_checked(label, init, check_moment, db);
	if (text == NULL || *text == '\0' || dt_parse_moment(text, db_now(db),
	    &t, msg, sizeof(msg)) != 0) {
		free(text);
		return 0;
	}
	if (strchr(text, ':') == NULL && t == dt_day_start(t))
		t += 10 * 3600;
	free(text);
	*out = (int64_t)t;
	return 1;
}

static const char *
when_text(int64_t t, char buf[17])
{
	dt_format_moment((time_t)t, buf);
	return buf;
}

/* The message after an action: what was done, and that u undoes it. */
static void
done_message(const struct agenda_view *v, const char *fmt, const char *arg)
{
	char text[UI_MESSAGE_MAX];

	snprintf(text, sizeof(text), fmt, arg);
	ui_message("%s%s", text, undo_empty(&v->undo) ? "" :
	    _("  (u: undo)"));
}

/* Plans the next contact; the step joins the action's undo (a done
 * and its next contact go back together). */
static void
plan_next(struct agenda_view *v, struct db *db, const struct agenda_item *it,
    const char *label, const char *what)
{
	struct so_err err = { 0 };
	char buf[17];
	int64_t at, id;

	if (!ask_moment(db, label, "", &at)) {
		if (what)
			done_message(v, "%s", what);
		return;
	}
	if (agenda_plan_next(db, it, at, &id, &v->undo, &err) != SO_OK)
		ui_message("%s", err.msg);
	else
		done_message(v, _("Next contact planned for %s"),
		    when_text(at, buf));
}

/* A new action: the undo of the last one is forgotten. */
static void
undo_start(struct agenda_view *v, const char *what)
{
	undo_free(&v->undo);
	undo_init(&v->undo, what);
}

static void
undo_last(struct agenda_view *v, struct db *db)
{
	struct so_err err = { 0 };
	char what[sizeof(v->undo.what)];

	if (undo_empty(&v->undo)) {
		ui_message("%s", _("Nothing to undo"));
		return;
	}
	snprintf(what, sizeof(what), "%s", v->undo.what);
	if (undo_run(db, &v->undo, &err) != SO_OK)
		ui_message("%s", err.msg);
	else	/* the action's name, marked where it was started */
		ui_message(_("Undone: %s"), i18n_cgettext("undo", what));
}

/* The result picked from the active results: its id, 0 for none, -1
 * when the user pressed Esc. */
static int64_t
pick_result(struct db *db)
{
	struct so_err err = { 0 };
	struct lookup_row *rows;
	char **items;
	int64_t *ids, id = -1;
	size_t i, n, k = 0;
	int sel;

	if (settings_lookup_list(db, LOOKUP_EVENT_RESULTS, &rows, &n, &err) !=
	    SO_OK) {
		ui_message("%s", err.msg);
		return -1;
	}
	items = xcalloc(n + 1, sizeof(*items));
	ids = xcalloc(n + 1, sizeof(*ids));
	for (i = 0; i < n; i++)
		if (rows[i].active) {
			ids[k] = rows[i].id;
			items[k] = xasprintf("%zu %s", k + 1, rows[i].name);
			k++;
		}
	ids[k] = 0;
	items[k] = xasprintf(_("%zu (no result)"), k + 1);
	k++;
	sel = ui_menu(3, 4, LINES - 4, _("Result"),
	    (const char *const *)items, (int)k);
	if (sel >= 0)
		id = ids[sel];
	for (i = 0; i < k; i++)
		free(items[i]);
	free(items);
	free(ids);
	settings_lookup_free(rows, n);
	return id;
}

static void
mark_done(struct agenda_view *v, struct db *db)
{
	struct agenda_item *it = &v->a.v[v->cursor];
	struct so_err err = { 0 };
	int64_t result = 0;
	char *comment;

	if (it->done) {
		ui_message("%s", _("Already done"));
		return;
	}
	if (it->kind != AG_TASK && (result = pick_result(db)) < 0)
		return;
	if ((comment = ui_prompt(_("Comment (Enter: none): "), "", NULL,
	    NULL)) == NULL)
		return;
	undo_start(v, NC_("undo", "done"));
	if (agenda_done(db, it, result, comment, NULL, &v->undo, &err) !=
	    SO_OK) {
		ui_message("%s", err.msg);
		free(comment);
		return;
	}
	free(comment);
	/* The usual next step: when to call again. */
	/* TRANSLATORS: fri, +3d and 25.11 11:00 are typed as they are
	 * (пт and завтра are read too). */
	plan_next(v, db, it, _("Next contact (fri, +3d, 25.11 11:00; "
	    "Enter: none): "), _("Done"));
}

static void
snooze(struct agenda_view *v, struct db *db)
{
	static const char *const items[] = { N_("1 10 minutes"),
	    N_("2 1 hour"), N_("3 The next working morning"),
	    N_("4 Next week") };
	const char *shown[4];
	struct agenda_item *it = &v->a.v[v->cursor];
	struct so_err err = { 0 };
	int64_t now = (int64_t)db_now(db), at;
	char buf[17];
	int sel;

	if (it->done) {
		ui_message("%s", _("It is done: nothing to remind of"));
		return;
	}
	for (sel = 0; sel < 4; sel++)
		shown[sel] = _(items[sel]);
	sel = ui_menu(3, 4, LINES - 4, _("Remind me again"), shown, 4);
	if (sel < 0)
		return;
	at = sel == 0 ? now + 600 : sel == 1 ? now + 3600 :
	    agenda_next_morning(db, now, sel == 3);
	undo_start(v, NC_("undo", "snooze"));
	if (agenda_snooze(db, it, at, &v->undo, &err) != SO_OK)
		ui_message("%s", err.msg);
	else
		done_message(v, _("The reminder comes again at %s (the item "
		    "stays where it is)"), when_text(at, buf));
}

static void
reschedule(struct agenda_view *v, struct db *db)
{
	const char *scope[2];
	struct agenda_item *it = &v->a.v[v->cursor];
	struct so_err err = { 0 };
	char buf[17];
	int64_t at;
	int series = 0;

	if (it->done) {
		ui_message("%s", _("It is done: it stays when it was done (n "
		    "plans the next contact)"));
		return;
	}
	if (!ask_moment(db, _("Move to: "), when_text(it->at, buf), &at))
		return;
	/* An occurrence of a series: only this one, or all of them? */
	scope[0] = _("1 Only this one");
	scope[1] = _("2 The whole series");
	if (it->orig_start && (series = ui_menu(3, 4, LINES - 4, _("Move"),
	    scope, 2)) < 0)
		return;
	undo_start(v, NC_("undo", "move"));
	if (agenda_move(db, it, at, series == 1, &v->undo, &err) != SO_OK)
		ui_message("%s", err.msg);
	else
		done_message(v, _("Moved to %s"), when_text(at, buf));
}

void
av_action(struct agenda_view *v, struct db *db, enum action act)
{
	struct so_err err = { 0 };
	int n = (int)v->a.n, page = v->rows > 2 ? v->rows - 2 : 1;

	switch (act) {
	case ACT_UP:
		if (v->cursor > 0)
			v->cursor--;
		return;
	case ACT_DOWN:
		if (v->cursor + 1 < n)
			v->cursor++;
		return;
	case ACT_PAGE_UP:
		v->cursor = v->cursor > page ? v->cursor - page : 0;
		return;
	case ACT_PAGE_DOWN:
		v->cursor = v->cursor + page < n ? v->cursor + page :
		    (n ? n - 1 : 0);
		return;
	case ACT_HOME:
		v->cursor = 0;
		return;
	case ACT_END:
		v->cursor = n ? n - 1 : 0;
		return;
	default:
		break;
	}
	if (act == ACT_UNDO) {
		undo_last(v, db);
		if (av_load(v, db, &err) != SO_OK)
			ui_message("%s", err.msg);
		return;
	}
	if (v->cursor >= n)
		return;
	switch (act) {
	case ACT_DONE:
		mark_done(v, db);
		break;
	case ACT_SNOOZE:
		snooze(v, db);
		break;
	case ACT_RESCHEDULE:
		reschedule(v, db);
		break;
	case ACT_PLAN_NEXT:
		undo_start(v, NC_("undo", "next contact"));
		plan_next(v, db, &v->a.v[v->cursor], _("Next contact (fri, "
		    "+3d, 25.11 11:00): "), NULL);
		break;
	default:
		return;
	}
	if (av_load(v, db, &err) != SO_OK)
		ui_message("%s", err.msg);
}

/* ---- reminders ---- */

#define REQUERY_S	30	/* without changes, look again this often */

void
rem_init(struct reminders *r, int64_t now)
{
	memset(r, 0, sizeof(*r));
	r->since = now;
	r->data_version = -1;
}

void
rem_free(struct reminders *r)
{
	agenda_free(&r->due);
	free(r->shown);
	memset(r, 0, sizeof(*r));
}

static int
was_shown(const struct reminders *r, const struct agenda_item *it)
{
	size_t i;

	for (i = 0; i < r->nshown; i++)
		if (r->shown[i].id == it->id && r->shown[i].at == it->at &&
		    r->shown[i].remind_at == it->remind_at)
			return 1;
	return 0;
}

int
rem_poll(struct reminders *r, struct db *db, int64_t now, char *msg,
    size_t msgsz)
{
	struct so_err err = { 0 };
	struct agenda_item *it = NULL;
	int64_t dv = db_data_version(db);
	size_t i, more = 0;
	char when[17];

	/* Ask again when someone committed (an event assigned to us by
	 * a colleague) or every half minute; with a look-ahead so that
	 * reminders fire on time between queries. */
	if (dv != r->data_version || now >= r->next_query) {
		agenda_free(&r->due);
		if (agenda_reminders(db, db_user_id(db), r->since, now +
		    REQUERY_S + 5, &r->due, &err) != SO_OK)
			return 0;
		r->data_version = dv;
		r->next_query = now + REQUERY_S;
	}
	for (i = 0; i < r->due.n; i++) {
		if (r->due.v[i].remind_at > now || was_shown(r, &r->due.v[i]))
			continue;
		if (it == NULL)
			it = &r->due.v[i];
		else
			more++;
	}
	if (it == NULL)
		return 0;
	if (r->nshown == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->shown = xrealloc(r->shown, r->cap * sizeof(*r->shown));
	}
	r->shown[r->nshown].id = it->id;
	r->shown[r->nshown].remind_at = it->remind_at;
	r->shown[r->nshown++].at = it->at;
	dt_format_moment((time_t)it->at, when);
	/* TRANSLATORS: the time, the type (Call), the subject, then " —
	 * the person", " the phone" and " (more: A)" when there are. */
	snprintf(msg, msgsz, _("Reminder: %s %s %s%s%s%s%s%s"), when + 11,
	    it->type_name, it->subject, *it->contact ? " — " : "",
	    it->contact, *it->phone ? " " : "", it->phone, more ?
	    _(" (more: A)") : "");
	if (settings_flag(db, "reminders.bell"))
		beep();
	return 1;
}
