/*
 * The TUI main loop: tab bar, list and card panes, status line; key
 * dispatch through the binding table; the history stack behind Enter and
 * Backspace; the ':' commands; reloading when another user commits.
 * The services the screens share (keys, the message, live refresh) are
 * ui.c's: this loop lends them its drawing and reloading through
 * ui_attach, so a screen never calls up into it.
 *
 * Drawing is "erase and draw everything, then refresh": ncurses sends
 * only the difference to the terminal, so this costs nothing in output
 * and makes resizes (SIGWINCH arrives as KEY_RESIZE at any moment, also
 * inside a form or a prompt) trivially correct.
 */
#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exchange/export.h"
#include "exchange/ical.h"
#include "base/i18n.h"
#include "base/priv.h"
#include "report/report.h"
#include "store/custom.h"
#include "store/entities.h"
#include "store/lookup.h"
#include "store/sales.h"
#include "store/settings.h"
#include "store/acl.h"
#include "ui/access.h"
#include "ui/agenda.h"
#include "ui/app.h"
#include "ui/card.h"
#include "ui/docprint.h"
#include "ui/draw.h"
#include "ui/filters.h"
#include "ui/form.h"
#include "ui/import.h"
#include "ui/keys.h"
#include "ui/listview.h"
#include "ui/mailmerge.h"
#include "ui/pipeline.h"
#include "ui/plan.h"
#include "ui/pivot.h"
#include "ui/reports.h"
#include "ui/screen.h"
#include "ui/search.h"
#include "ui/settings.h"
#include "ui/templates.h"
#include "ui/ui.h"
#include "base/utf8.h"
#include "base/util.h"

/* The tabs: the nine card files on the bar, numbered 1 to 9, and the
 * product catalogue's two (:products, :groups), on the bar only while
 * one of them is shown, so the bar everyone knows stays as it was. */
#define NTABS		11
#define NBAR		9
#define HISTORY_MAX	64

enum focus { FOCUS_LIST, FOCUS_CARD };

struct place {
	int		 tab, trash, sub, cursor;
	enum focus	 focus;
	int64_t		 id;
	int		 agenda;
};

struct app {
	struct db	*db;
	const char	*dbname;
	int		 tab;
	int		 trash;		/* the current tab shows its trash */
	enum focus	 focus;
	struct listview	 lists[NTABS], trashes[NTABS];
	struct card	 card;
	struct place	 hist[HISTORY_MAX];
	int		 nhist;
	int		 agenda;	/* the agenda screen is up */
	/* Another process changed the custom fields: the descriptors are
	 * rebuilt when this screen is on top again (main_draw), never
	 * under a form that holds a record of the old ones. */
	int		 fields_stale;
	struct agenda_view av;
	struct reminders rem;
};

static struct app *app;

static const struct entity *const tab_entities[NTABS] = {
	&entity_company, &entity_contact, &entity_task, &entity_note,
	&entity_link, &entity_event, &entity_deal, &entity_payment,
	&entity_program, &entity_product, &entity_product_group,
};

static struct listview *
cur_list(void)
{
	return app->trash ? &app->trashes[app->tab] : &app->lists[app->tab];
}

static int
list_width(void)
{
	int w = COLS * 11 / 20;

	return w < 40 ? (COLS < 40 ? COLS : 40) : w;
}

static int
pane_rows(void)
{
	return LINES - 5;	/* tab bar, status, border, header, border */
}

static void
show_error(const struct so_err *err)
{
	ui_message("%s", err->msg[0] ? err->msg : _("error"));
}

/* Keeps the card showing the list's selected record. */
static void
sync_card(void)
{
	struct listview *lv = cur_list();
	int64_t id = lv_selected_id(lv);
	struct so_err err;

	if (app->card.ent == lv->ent && app->card.rec &&
	    rec_meta(app->card.rec)->id == id)
		return;
	if (card_load(&app->card, app->db, lv->ent, id, &err) != SO_OK)
		show_error(&err);
}

/* Reloads what is shown; live: because another process committed. */
static void
reload_all(int live)
{
	struct so_err err;

	if (custom_changed(app->db))
		app->fields_stale = 1;
	if (app->agenda && av_load(&app->av, app->db, &err) != SO_OK)
		show_error(&err);
	if (lv_reload(cur_list(), app->db, pane_rows(), &err) != SO_OK)
		show_error(&err);
	if (app->card.rec && (live ? card_refresh(&app->card, app->db, &err) :
	    card_reload(&app->card, app->db, &err)) != SO_OK)
		show_error(&err);
	sync_card();
}

/* ---- roles: what the selected record lets the user do ---- */

/*
 * A record linked to the card takes the card's other links too: a
 * payment added on a deal's card gets the deal's company, a task on a
 * contact's card the contact's company.  Only empty reference fields
 * of the same name are filled.
 */
static void
inherit_refs(const struct entity *ent, void *rec, const struct entity *from,
    const void *src)
{
	char **labels = rec_meta((void *)src)->ref_labels;
	int i, k;

	for (i = 0; i < ent->nfields; i++) {
		const struct field_desc *fd = &ent->fields[i];

		if (fd->type != FT_REF || (*field_int(fd, rec) != SO_NULL &&
		    *field_int(fd, rec) != 0))
			continue;
		if ((k = entity_field(from, fd->name)) < 0 ||
		    from->fields[k].type != FT_REF ||
		    field_int_c(&from->fields[k], src) == SO_NULL ||
		    field_int_c(&from->fields[k], src) == 0)
			continue;
		*field_int(fd, rec) = field_int_c(&from->fields[k], src);
		if (labels && labels[k])
			rec_meta(rec)->ref_labels[i] = xstrdup(labels[k]);
	}
}

/*
 * The record `a` would start from: empty in a list; on a card section,
 * linked to the card (and to what the card is linked to).  NULL in the
 * trash and the agenda.  Caller frees with rec_clear and free.
 */
static void *
new_record(const struct entity **entp)
{
	const struct entity *ent = cur_list()->ent;
	const struct card_section *s = &app->card.sec[app->card.sub];
	void *rec;

	if (app->trash || app->agenda)
		return NULL;
	if (app->focus == FOCUS_CARD && s->ent)
		ent = s->ent;
	rec = xcalloc(1, ent->size);
	rec_init(ent, rec);
	if (app->focus == FOCUS_CARD && s->ent && app->card.rec) {
		int fi = entity_field(ent, s->ref_field);

		*field_int(&ent->fields[fi], rec) =
		    rec_meta(app->card.rec)->id;
		free(rec_meta(rec)->ref_labels);
		rec_meta(rec)->ref_labels = xcalloc((size_t)ent->nfields,
		    sizeof(char *));
		rec_meta(rec)->ref_labels[fi] = store_lookup_title(app->db,
		    app->card.ent, rec_meta(app->card.rec)->id);
		inherit_refs(ent, rec, app->card.ent, app->card.rec);
	}
	*entp = ent;
	return rec;
}

/*
 * Why the user may not add rec (NULL: they may).  The entity's own
 * defaults go in first, on a copy, as the store puts them in before it
 * asks (a task is its creator's unless assigned).
 */
static char *
add_refusal(const struct entity *ent, const void *rec)
{
	struct so_err err;
	char *why;
	void *tmp;

	if (acl_role(app->db) >= ROLE_HEAD)
		return NULL;
	tmp = xcalloc(1, ent->size);
	rec_copy(ent, tmp, rec);
	if (ent->check)
		(void)ent->check(app->db, tmp, &err);
	why = ui_refusal(app->db, ent, tmp, 1);
	rec_clear(ent, tmp);
	free(tmp);
	return why;
}

/* The record e, d and r act on, as the list or the card holds it. */
static const void *
target_rec(const struct entity **ent)
{
	const struct card_section *s = &app->card.sec[app->card.sub];

	if (app->agenda)
		return NULL;
	if (app->focus == FOCUS_CARD && s->ent) {
		if (app->card.linked.n == 0 || app->card.cursor >=
		    (int)app->card.linked.n)
			return NULL;
		*ent = s->ent;
		return rec_list_at(&app->card.linked,
		    (size_t)app->card.cursor);
	}
	*ent = cur_list()->ent;
	return lv_selected(cur_list());
}

/* Why the user may not change the selected record (NULL: they may). */
static char *
target_refusal(void)
{
	const struct entity *ent;
	const void *rec = target_rec(&ent);

	return rec ? ui_refusal(app->db, ent, rec, 0) : NULL;
}

/* The keys not offered on the selected record (ACT_BIT()s). */
static uint64_t
hidden_actions(void)
{
	const struct entity *ent;
	uint64_t hide = 0;
	char *why;
	void *rec;

	int act, target = 0, add = 0;

	if (app->agenda || acl_role(app->db) >= ROLE_HEAD)
		return 0;
	/* the actions that write the selected record, or a new one, as
	 * they declare (keys.c) */
	if ((why = target_refusal()) != NULL)
		target = 1;
	free(why);
	if ((rec = new_record(&ent)) != NULL) {
		if ((why = add_refusal(ent, rec)) != NULL)
			add = 1;
		free(why);
		rec_clear(ent, rec);
		free(rec);
	}
	/* a job is added to the contact's history: the contact's write */
	if (app->focus == FOCUS_CARD && card_on_jobs(&app->card))
		add = target;
	for (act = ACT_NONE + 1; act <= ACT_LAST; act++) {
		const struct action_access *a = ui_action_access(act);

		if (!(a->writes & ACL_WRITE))
			continue;
		if ((a->on == ON_SELECTED && target) || (a->on == ON_NEW &&
		    add))
			hide |= ACT_BIT(act);
	}
	return hide;
}

/* ---- drawing ---- */

/* The tabs' names when all of them do not fit: short, but not cut. */
static const char *const tab_short[NTABS] = {
	/* TRANSLATORS: the card files' names on a narrow tab bar:
	 * Companies, Contacts, Tasks, Notes, Links, Events, Deals,
	 * Payments, Programs, each as short as it can be read. */
	NC_("tab", "Comp."), NC_("tab", "Cont."), NC_("tab", "Tasks"),
	NC_("tab", "Notes"), NC_("tab", "Links"), NC_("tab", "Events"),
	NC_("tab", "Deals"), NC_("tab", "Paym."), NC_("tab", "Progr."),
	NC_("tab", "Prod."), NC_("tab", "Groups"),
};

/* A tab's label: full (0), short (1) or its number (2); the current
 * tab's name is always whole. */
static char *
tab_label(int i, int form)
{
	int cur = i == app->tab && !app->agenda;

	if (i >= NBAR)
		return xasprintf(" %s", form == 0 || cur ?
		    entity_plural(tab_entities[i]) :
		    i18n_cgettext("tab", tab_short[i]));
	if (form == 0 || cur)
		return xasprintf(" %d %s", i + 1,
		    entity_plural(tab_entities[i]));
	if (form == 1)
		return xasprintf(" %d %s", i + 1,
		    i18n_cgettext("tab", tab_short[i]));
	return xasprintf(" %d", i + 1);
}

static int
tabs_width(int form)
{
	int i, w = 0;

	for (i = 0; i < NTABS; i++) {
		char *t;

		if (i >= NBAR && i != app->tab)
			continue;
		t = tab_label(i, form);
		w += utf8_width(t);
		free(t);
	}
	return w;
}

/*
 * Every tab is always on the bar, its number at least: the names get
 * shorter before a tab is hidden, and the user@db label on the right
 * gives way first (to the login, then to nothing).
 */
static void
draw_tabbar(void)
{
	char *right[3];
	int i, x = 0, form, r = 2, tw = 0;

	right[0] = xasprintf(" %s@%s ", db_user_login(app->db), app->dbname);
	right[1] = xasprintf(" %s ", db_user_login(app->db));
	right[2] = xstrdup("");
	for (form = 0; form < 3; form++) {
		tw = tabs_width(form);
		for (r = 0; r < 3; r++)
			if (tw + utf8_width(right[r]) <= COLS)
				break;
		if (r < 3)
			break;
	}
	if (form == 3) {
		form = 2;
		r = 2;
	}
	draw_fill(0, 0, 1, COLS, UA_TITLE);
	for (i = 0; i < NTABS && x < COLS; i++) {
		char *t;
		int w;

		if (i >= NBAR && i != app->tab)
			continue;
		t = tab_label(i, form);
		w = utf8_width(t);

		if (x + w > COLS)
			w = COLS - x;
		draw_text(0, x, w, t, i == app->tab && !app->agenda ? UA_TAB :
		    UA_TITLE);
		x += w;
		free(t);
	}
	if (*right[r])
		draw_text_right(0, COLS - utf8_width(right[r]),
		    utf8_width(right[r]), right[r], UA_TITLE);
	for (i = 0; i < 3; i++)
		free(right[i]);
}

static unsigned
context(void)
{
	if (app->agenda)
		return CTX_AGENDA;
	if (app->focus == FOCUS_CARD)
		return CTX_CARD;
	return app->trash ? CTX_TRASH : CTX_LIST;
}

/* The main screen as it is now: ui_redraw, through the hook. */
static void
draw_main(void)
{
	int lw, h;

	if (app == NULL)
		return;
	curs_set(0);
	if (ui_too_small())
		return;
	erase();
	lw = list_width();
	h = LINES - 2;
	draw_tabbar();
	if (app->agenda) {
		char *t = xasprintf(_(" Agenda of %s"),
		    db_user_login(app->db));

		draw_fill(1, 0, 1, COLS, UA_DIM);
		draw_text(1, 0, COLS, t, UA_DIM);
		free(t);
		av_draw(&app->av, 2, 0, h - 1, COLS);
	} else {
		lv_draw(cur_list(), 1, 0, h, lw, app->focus == FOCUS_LIST);
		card_draw(&app->card, 1, lw, h, COLS - lw,
		    app->focus == FOCUS_CARD);
	}
	if (ui_message_text()[0])
		ui_draw_status(ui_message_text(), UA_WARN);
	else if (!app->agenda && cur_list()->nmarks) {
		/* TRANSLATORS: the status line while rows are marked. */
		char *t = xasprintf(P_("%zu row marked: Space marks or "
		    "unmarks, U unmarks all, :merge mails them", "%zu rows "
		    "marked: Space marks or unmarks, U unmarks all, :merge "
		    "mails them", cur_list()->nmarks), cur_list()->nmarks);

		ui_draw_status(t, UA_STATUS);
		free(t);
	} else
		draw_hints(LINES - 1, 0, COLS, ui_key_hints_except(context(),
		    hidden_actions()), UA_STATUS);
}

/* ---- help ---- */

/* The filter language, under the keys in help. */
/* TRANSLATORS: the filter language's help: what is typed (city:казань,
 * OR, due<fri) is the same in every language; only the explanations
 * after it are translated, in the same columns. */
static const char *const filter_help[] = {
	N_("\nFilters (f; salesorg list --filter)"),
	N_("  city:казань      the field contains the text, in any case"),
	N_("  city=Казань      the whole value, any case; city=\"\" is empty"),
	N_("  phone~^\\+7843    a PCRE2 regular expression, any case"),
	N_("  -status:lost     not"),
	N_("  due<fri  amount>=10000  created>=2026-11-01   dates and numbers"),
	N_("  ромашка          a bare word: any text field contains it"),
	N_("  city:\"Нижний Новгород\"   quotes for spaces"),
	N_("  city:казань OR city:уфа   OR between groups; ( ) to group"),
	N_("  manager:ivanova  a reference by name or login; fields by name,"),
	N_("                   English or Russian label (менеджер:ivanova)"),
};

static void
add_line(char ***lines, size_t *n, char *line)
{
	*lines = xrealloc(*lines, (*n + 1) * sizeof(**lines));
	(*lines)[(*n)++] = line;
}

/* The ? help: the keys of the table by context, the : commands, the
 * filter language. */
static void
help_screen(void)
{
	const struct binding *b;
	const struct ui_command *c;
	static const struct { unsigned ctx; const char *name; } groups[] = {
		{ CTX_ALL, N_("Everywhere") },
		{ CTX_LIST, N_("In a list") },
		{ CTX_CARD, N_("On a card") },
		{ CTX_TRASH, N_("In the trash") },
		{ CTX_AGENDA, N_("In the agenda") },
	};
	char **lines = NULL, *why = target_refusal(), *name;
	uint64_t hide = hidden_actions();
	size_t n = 0, g;

	/* The keys this record does not allow are left out, and why. */
	if (why) {
		add_line(&lines, &n, xasprintf(_("\n%s; the keys that would "
		    "change it are left out below"), why));
		free(why);
	}
	for (g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		add_line(&lines, &n, xasprintf("%s%s", n ? "\n" : "",
		    _(groups[g].name)));
		for (b = ui_bindings; b->act != ACT_NONE; b++) {
			/* "Everywhere" lists the bindings of every context;
			 * the others, those special to them. */
			if (b->name == NULL || (g == 0 ? b->ctx != CTX_ALL :
			    (b->ctx == CTX_ALL || !(b->ctx & groups[g].ctx))) ||
			    (hide & ACT_BIT(b->act)))
				continue;
			add_line(&lines, &n, xasprintf("  %-16s %s", b->name,
			    _(b->help)));
		}
	}
	add_line(&lines, &n, xstrdup(_("\nCommands (:)")));
	for (c = ui_commands; c->name != NULL; c++) {
		name = xasprintf(":%s%s%s%s%s", c->name, c->alias ? ", :" : "",
		    c->alias ? c->alias : "", c->args ? " " : "", c->args ?
		    c->args : "");
		add_line(&lines, &n, xasprintf("  %-24s %s", name,
		    _(c->help)));
		free(name);
	}
	for (g = 0; g < sizeof(filter_help) / sizeof(filter_help[0]); g++)
		add_line(&lines, &n, xstrdup(_(filter_help[g])));
	ui_text_screen(_("salesorg help"), (const char *const *)lines, n);
	for (g = 0; g < n; g++)
		free(lines[g]);
	free(lines);
}

/* ---- navigation ---- */

static void
push_place(void)
{
	struct place p = { app->tab, app->trash, app->card.sub,
	    app->card.cursor, app->focus, lv_selected_id(cur_list()),
	    app->agenda };

	if (app->nhist == HISTORY_MAX) {
		memmove(app->hist, app->hist + 1, sizeof(app->hist[0]) *
		    (HISTORY_MAX - 1));
		app->nhist--;
	}
	app->hist[app->nhist++] = p;
}

static void
switch_tab(int tab)
{
	struct so_err err;

	if (tab < 0 || tab >= NTABS)
		return;
	app->agenda = 0;
	app->tab = tab;
	app->trash = 0;
	app->focus = FOCUS_LIST;
	if (lv_reload(cur_list(), app->db, pane_rows(), &err) != SO_OK)
		show_error(&err);
	sync_card();
}

/* Shows the agenda (remembering where we were when asked to). */
static void
open_agenda(int remember)
{
	struct so_err err;

	if (app->agenda)
		return;
	if (remember)
		push_place();
	app->agenda = 1;
	if (av_load(&app->av, app->db, &err) != SO_OK)
		show_error(&err);
}

static void
go_back(void)
{
	struct place p;
	struct so_err err;

	if (app->nhist == 0) {
		if (app->focus == FOCUS_CARD)
			app->focus = FOCUS_LIST;
		else if (app->trash)
			switch_tab(app->tab);
		return;
	}
	p = app->hist[--app->nhist];
	if (p.agenda) {
		open_agenda(0);
		return;
	}
	app->tab = p.tab;
	app->trash = p.trash;
	app->focus = p.focus;
	if (p.id && lv_select_id(cur_list(), app->db, p.id, &err) != SO_OK)
		lv_reload(cur_list(), app->db, pane_rows(), &err);
	sync_card();
	if (app->card.sub != p.sub) {
		app->card.sub = p.sub;
		card_reload(&app->card, app->db, &err);
	}
	app->card.cursor = p.cursor;
}

static int
tab_of(const struct entity *ent)
{
	int i;

	for (i = 0; i < NTABS; i++)
		if (tab_entities[i] == ent)
			return i;
	return -1;
}

/* Shows record id of ent on its tab, with the card focused. */
static void
jump_to(const struct entity *ent, int64_t id)
{
	struct so_err err;
	int tab = tab_of(ent);

	if (tab < 0) {
		ui_message(_("%s records have no tab of their own"),
		    entity_label(ent));
		return;
	}
	push_place();
	app->agenda = 0;
	app->tab = tab;
	app->trash = 0;
	/* A tab not shown yet has no page height. */
	cur_list()->height = pane_rows();
	if (lv_select_id(cur_list(), app->db, id, &err) != SO_OK) {
		show_error(&err);
		return;
	}
	app->card.sub = 0;
	sync_card();
	app->focus = FOCUS_CARD;
}

/* ---- editing ---- */

static void
after_write(const struct entity *ent, int64_t id)
{
	struct so_err err;
	int tab = tab_of(ent);

	if (app->focus == FOCUS_CARD && app->card.ent != ent) {
		/* added or edited a record linked to the card; the list
		 * too, whose row may have changed with it (a deal's amount
		 * is its lines') */
		if (lv_reload(cur_list(), app->db, pane_rows(), &err) != SO_OK)
			show_error(&err);
		card_reload(&app->card, app->db, &err);
		return;
	}
	if (tab >= 0 && tab == app->tab && !app->trash &&
	    lv_select_id(cur_list(), app->db, id, &err) != SO_OK)
		show_error(&err);
	if (app->card.rec)
		card_reload(&app->card, app->db, &err);
	sync_card();
}

/* a, e and d on a contact's Jobs section act on its jobs (card.h). */
static int
jobs_key(enum action act)
{
	return app->focus == FOCUS_CARD && !app->trash && !app->agenda &&
	    card_job_key(&app->card, app->db, act);
}

static void
add_record(void)
{
	const struct entity *ent;
	int64_t open = 0;
	char *why;
	void *rec;

	/* On a contact's Jobs: a past job, not a contact. */
	if (jobs_key(ACT_ADD))
		return;
	/* On a card section: a record linked to the card. */
	if ((rec = new_record(&ent)) == NULL)
		return;
	/* Not on a colleague's company: say why instead of a form the
	 * store would refuse to save. */
	if ((why = add_refusal(ent, rec)) != NULL) {
		ui_message("%s", why);
		free(why);
	} else switch (ui_form_run(app->db, ent, rec, &open)) {
	case FORM_SAVED:
		ui_message(_("%s added"), entity_label(ent));
		after_write(ent, rec_meta(rec)->id);
		break;
	case FORM_OPEN:
		/* not added: the one that is there instead */
		jump_to(ent, open);
		if (ui_message_text()[0] == '\0') {
			char *l = utf8_fold(entity_label(ent));

			ui_message(_("Not added: this %s was already here"),
			    l);
			free(l);
		}
		break;
	default:
		break;
	}
	rec_clear(ent, rec);
	free(rec);
}

/* The record an edit or delete is about, in the current focus. */
static int
target(const struct entity **ent, int64_t *id)
{
	if (app->focus == FOCUS_CARD && app->card.sec[app->card.sub].ent)
		return card_target(&app->card, ent, id);
	*ent = cur_list()->ent;
	*id = lv_selected_id(cur_list());
	return *id != 0;
}

/* Says why the selected record may not be changed; 1 when it may. */
static int
may_change(void)
{
	char *why = target_refusal();

	if (why == NULL)
		return 1;
	ui_message("%s", why);
	free(why);
	return 0;
}

static void
edit_record(void)
{
	const struct entity *ent;
	struct so_err err;
	int64_t id;
	void *rec;

	if (jobs_key(ACT_EDIT))
		return;
	if (app->trash || !target(&ent, &id) || !may_change())
		return;
	rec = xcalloc(1, ent->size);
	if (rec_get(app->db, ent, id, rec, &err) != SO_OK) {
		show_error(&err);
		free(rec);
		return;
	}
	if (ui_form_run(app->db, ent, rec, NULL) == FORM_SAVED)
		ui_message(_("%s saved"), entity_label(ent));
	after_write(ent, id);
	rec_clear(ent, rec);
	free(rec);
}

static void
delete_record(void)
{
	const struct entity *ent;
	struct so_err err;
	char *title, *q;
	int64_t id;

	if (jobs_key(ACT_DELETE))
		return;
	if (app->trash || !target(&ent, &id) || !may_change())
		return;
	title = store_lookup_title(app->db, ent, id);
	q = xasprintf(_("Delete %s \"%s\" (to the trash)?"),
	    entity_label(ent), title ? title : "");
	if (ui_confirm(q)) {
		if (rec_delete(app->db, ent, id, &err) != SO_OK)
			show_error(&err);
		else
			ui_message(_("%s moved to the trash (T shows it)"),
			    entity_label(ent));
		reload_all(0);
	}
	free(q);
	free(title);
}

/* p: a document for the card's record, or the list's selected one. */
static void
print_document(void)
{
	const struct entity *ent;
	struct so_err err;
	void *rec;

	if (app->trash || app->agenda)
		return;
	if (app->focus == FOCUS_CARD && app->card.rec) {
		ent = app->card.ent;
		rec = app->card.rec;
	} else {
		ent = cur_list()->ent;
		rec = lv_selected(cur_list());
	}
	ui_doc_print(app->db, ent, rec ? rec_meta(rec)->id : 0, rec);
	/* the note it logged, in the card's Notes */
	if (app->card.rec)
		card_reload(&app->card, app->db, &err);
}

static void
restore_record(void)
{
	struct listview *lv = cur_list();
	struct so_err err;
	int64_t id = lv_selected_id(lv);

	if (!app->trash || id == 0 || !may_change())
		return;
	if (rec_restore(app->db, lv->ent, id, &err) != SO_OK)
		show_error(&err);
	else
		ui_message(_("%s restored"), entity_label(lv->ent));
	reload_all(0);
}

static void
open_trash(void)
{
	struct so_err err;

	app->trash = 1;
	app->focus = FOCUS_LIST;
	if (lv_reload(cur_list(), app->db, pane_rows(), &err) != SO_OK)
		show_error(&err);
	sync_card();
}

/* ---- quick filter ---- */

static void
filter_changed(const char *text, void *arg)
{
	struct so_err err;

	(void)arg;
	if (lv_set_quick(cur_list(), app->db, text, &err) != SO_OK)
		show_error(&err);
	sync_card();
}

static void
quick_filter(void)
{
	struct listview *lv = cur_list();
	char *keep = lv->quick ? xstrdup(lv->quick) : NULL, *text;
	struct so_err err;

	text = ui_prompt("/", keep, filter_changed, NULL);
	if (text == NULL) {
		/* Esc clears the filter. */
		if (lv_set_quick(lv, app->db, NULL, &err) != SO_OK)
			show_error(&err);
	} else if (lv_set_quick(lv, app->db, text, &err) != SO_OK)
		show_error(&err);
	sync_card();
	free(text);
	free(keep);
}

/* ---- global search ---- */

/* g or :search: every card file; Enter opens the record on its tab. */
static void
global_search(const char *init)
{
	const struct entity *ent;
	int64_t id;

	if (ui_search(app->db, init, &ent, &id))
		jump_to(ent, id);
	clearok(curscr, TRUE);
}

/* ---- filters and group actions ---- */

static void
filter_edit(const char *init)
{
	if (app->agenda)
		return;
	ui_filter_edit(app->db, cur_list(), init);
	sync_card();
}

static void
saved_filters(void)
{
	if (app->agenda)
		return;
	ui_saved_filters(app->db, cur_list());
	sync_card();
}

static void
group_action(void)
{
	char keep[UI_MESSAGE_MAX];

	if (app->agenda || app->focus != FOCUS_LIST) {
		ui_message(_("group actions work on a list (q to get "
		    "there)"));
		return;
	}
	if (ui_group(app->db, cur_list())) {
		/* the message says what was done; a reload must not lose it */
		snprintf(keep, sizeof(keep), "%s", ui_message_text());
		reload_all(0);
		if (ui_message_text()[0] == '\0')
			ui_message("%s", keep);
	}
}

/* ---- ':' commands ---- */

/* :export ics FILE - every event and task as iCalendar. */
static void
cmd_export_ics(const char *path)
{
	struct ical_filter f = { 0 };
	struct so_err err;
	size_t n = 0;
	FILE *out;

	if (*path == '\0') {
		ui_message(_(":export ics FILE - events and tasks as "
		    "iCalendar"));
		return;
	}
	if ((out = priv_fopen(path, "w")) == NULL) {
		ui_message("%s: %s", path, strerror(errno));
		return;
	}
	f.tasks = 1;
	if (ical_export(app->db, &f, out, &n, &err) != SO_OK) {
		fclose(out);
		show_error(&err);
		return;
	}
	if (fclose(out) != 0)
		ui_message("%s: %s", path, strerror(errno));
	else
		ui_message(P_("%zu event written to %s",
		    "%zu events written to %s", n), n, path);
}

/*
 * :import ics FILE - events and tasks, all of it or, on any error,
 * nothing; :import FILE - a CSV file or a workbook into the current
 * card file, through the Import screen.
 */
static void
cmd_import(const char *arg)
{
	struct ical_stats st = { 0 };
	struct so_err err;

	if (*arg == '\0' || strcmp(arg, "ics") == 0) {
		ui_message(_(":import FILE - a CSV file or an Excel workbook "
		    "into this card file; :import ics FILE - events and "
		    "tasks from iCalendar, matched by UID"));
		return;
	}
	if (strncmp(arg, "ics ", 4) != 0) {
		if (ui_import(app->db, cur_list()->ent, arg))
			reload_all(0);
		return;
	}
	if (ical_import(app->db, arg + 4, &st, &err) != SO_OK) {
		show_error(&err);
		return;
	}
	ui_message(_("%s: %zu created, %zu updated, %zu unchanged, %zu "
	    "tasks"), arg + 4, st.created, st.updated, st.unchanged,
	    st.tasks);
	reload_all(0);
}

/*
 * :export FILE - this list as UTF-8 CSV; :export --excel FILE - as
 * Russian Excel opens it (CP1251, ';').  All or nothing: a temporary
 * file renamed at the end (export.h).
 */
static void
cmd_export(const char *arg)
{
	struct listview *lv = cur_list();
	enum export_dialect d = EXPORT_UTF8;
	struct so_err err;
	int64_t rows;

	if (arg && strncmp(arg, "--excel", 7) == 0 &&
	    (arg[7] == ' ' || arg[7] == '\0')) {
		d = EXPORT_EXCEL;
		arg += 7 + strspn(arg + 7, " ");
	}
	if (arg == NULL || *arg == '\0') {
		ui_message(_(":export FILE - this list as CSV (UTF-8); "
		    ":export --excel FILE - for Excel; :export ics FILE - "
		    "the calendar"));
		return;
	}
	if (d == EXPORT_UTF8 && (strncmp(arg, "ics ", 4) == 0 ||
	    strcmp(arg, "ics") == 0)) {
		cmd_export_ics(arg[3] ? arg + 4 : "");
		return;
	}
	if (export_csv_file(app->db, lv->ent, &lv->q, d, arg, &rows,
	    &err) != SO_OK) {
		if (d == EXPORT_EXCEL && err.code == SO_EINVAL)
			ui_message(_("%s; nothing written (:export FILE "
			    "without --excel keeps it in UTF-8)"), err.msg);
		else
			show_error(&err);
		return;
	}
	/* TRANSLATORS: 12, "Companies", the file, "UTF-8". */
	ui_message(_("%lld %s written to %s (%s)"), (long long)rows,
	    entity_plural(lv->ent), arg, export_dialect_name(d));
}

static void
cmd_sort(const char *arg)
{
	struct listview *lv = cur_list();
	struct so_err err;
	int fi = arg ? entity_field(lv->ent, arg) : -1;

	if (fi < 0 || !(lv->ent->fields[fi].flags & F_SORT)) {
		struct strbuf b = { 0 };
		int i;

		for (i = 0; i < lv->ent->nfields; i++)
			if (lv->ent->fields[i].flags & F_SORT)
				sb_printf(&b, " %s", lv->ent->fields[i].name);
		ui_message(_("sort by one of:%s"), sb_str(&b));
		sb_free(&b);
		return;
	}
	lv->q.sort = fi;
	rec_list_free(&lv->page);
	if (lv_reload(lv, app->db, pane_rows(), &err) != SO_OK)
		show_error(&err);
	sync_card();
}

/* P or :pipeline; Enter on a deal opens its card. */
static void
open_pipeline(void)
{
	int64_t id = ui_pipeline(app->db);

	reload_all(0);
	if (id)
		jump_to(&entity_deal, id);
}

static void
open_reports(const char *name)
{
	if (name && report_find(name) == NULL) {
		ui_message(_("no report %s (journal, activity, meeting, "
		    "follow-up, sales, audit, key-clients)"), name);
		return;
	}
	ui_reports(app->db, name ? report_find(name)->name : NULL);
	reload_all(0);
}

static void handle(enum action act, const char *arg);

/* The : command line: a command of the table (ui/keys.h) and its
 * argument, done as the key of the same action would be. */
static void
command_line(void)
{
	char *line = ui_prompt(":", "", NULL, NULL), *cmd, *arg;
	const struct ui_command *c;

	if (line == NULL)
		return;
	cmd = line + strspn(line, " ");
	arg = cmd + strcspn(cmd, " ");
	if (*arg) {
		*arg++ = '\0';
		arg += strspn(arg, " ");
	}
	if ((c = ui_command_find(cmd)) != NULL)
		handle(c->act, arg);
	else if (*cmd)
		ui_message(_("unknown command :%s (%s; :help lists them)"),
		    cmd, ui_command_names());
	free(line);
}

/* ---- dispatch ---- */

/* Keys of the agenda screen; 0 for those handled as anywhere else. */
static int
agenda_key(enum action act)
{
	const struct entity *ent;
	int64_t id;

	switch (act) {
	case ACT_BACK:
		/* To the card files (or back where `A` was pressed). */
		app->agenda = 0;
		if (app->nhist > 0 && !app->hist[app->nhist - 1].agenda)
			go_back();
		else
			reload_all(0);
		return 1;
	case ACT_OPEN:
		if (av_target(&app->av, &ent, &id))
			jump_to(ent, id);
		return 1;
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN:
	case ACT_HOME: case ACT_END: case ACT_DONE: case ACT_PLAN_NEXT:
	case ACT_SNOOZE: case ACT_RESCHEDULE: case ACT_UNDO:
		av_action(&app->av, app->db, act);
		return 1;
	default:
		return 0;
	}
}

/* An action of a key, or of a : command with its argument (arg: NULL
 * for a key, "" for a command without one). */
static void
handle(enum action act, const char *arg)
{
	struct so_err err;
	const struct entity *ent;
	int64_t id;

	if (app->agenda && agenda_key(act))
		return;
	switch (act) {
	case ACT_QUIT:
		ui_quit();
		break;
	case ACT_AGENDA:
		open_agenda(1);
		break;
	case ACT_BACK:
		if (app->nhist == 0 && app->focus == FOCUS_LIST &&
		    !app->trash)
			ui_quit();
		else
			go_back();
		break;
	case ACT_HELP:
		help_screen();
		break;
	case ACT_COMMAND:
		command_line();
		break;
	case ACT_TAB_NEXT:
		switch_tab(app->tab >= NBAR ? 0 : (app->tab + 1) % NBAR);
		break;
	case ACT_TAB_PREV:
		switch_tab(app->tab >= NBAR ? NBAR - 1 : (app->tab + NBAR - 1) %
		    NBAR);
		break;
	case ACT_PRODUCTS:
		switch_tab(NBAR);
		break;
	case ACT_PRODUCT_GROUPS:
		switch_tab(NBAR + 1);
		break;
	case ACT_TAB1: case ACT_TAB2: case ACT_TAB3: case ACT_TAB4:
	case ACT_TAB5: case ACT_TAB6: case ACT_TAB7: case ACT_TAB8:
	case ACT_TAB9:
		switch_tab((int)(act - ACT_TAB1));
		break;
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN:
	case ACT_HOME: case ACT_END:
		if (app->focus == FOCUS_CARD)
			card_key(&app->card, app->db, act, LINES - 6, &err);
		else if (lv_move(cur_list(), app->db, act, &err) != SO_OK)
			show_error(&err);
		sync_card();
		break;
	case ACT_SUB_NEXT:
	case ACT_SUB_PREV:
		if (card_key(&app->card, app->db, act, LINES - 6, &err) !=
		    SO_OK)
			show_error(&err);
		break;
	case ACT_OPEN:
		if (app->focus == FOCUS_LIST) {
			if (lv_selected_id(cur_list()) == 0)
				break;
			push_place();
			app->focus = FOCUS_CARD;
		} else if (card_target(&app->card, &ent, &id))
			jump_to(ent, id);
		break;
	case ACT_ADD:
		add_record();
		break;
	case ACT_EDIT:
		edit_record();
		break;
	case ACT_DELETE:
		delete_record();
		break;
	case ACT_RESTORE:
		restore_record();
		break;
	case ACT_PRINT_DOC:
		print_document();
		break;
	case ACT_TRASH:
		open_trash();
		break;
	case ACT_FILTER:
		quick_filter();
		break;
	case ACT_FILTER_EDIT:
		filter_edit(arg && *arg ? arg : NULL);
		break;
	case ACT_SEARCH:
		global_search(arg && *arg ? arg : NULL);
		break;
	case ACT_SAVED_FILTERS:
		saved_filters();
		break;
	case ACT_GROUP:
		group_action();
		break;
	case ACT_PIPELINE:
		open_pipeline();
		break;
	case ACT_REPORTS:
		open_reports(arg && *arg ? arg : "activity");
		break;
	case ACT_JOURNAL:
		open_reports("journal");
		break;
	case ACT_SORT_NEXT:
		if (lv_sort_next(cur_list(), app->db, &err) != SO_OK)
			show_error(&err);
		sync_card();
		break;
	case ACT_SORT_REVERSE:
		if (lv_sort_reverse(cur_list(), app->db, &err) != SO_OK)
			show_error(&err);
		sync_card();
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACT_WHOAMI:
		/* TRANSLATORS: login, role (manager, head, admin), file. */
		ui_message(_("user %s (%s) on %s"), db_user_login(app->db),
		    db_user_role(app->db), db_path(app->db));
		break;
	case ACT_EXPORT:
		cmd_export(arg ? arg : "");
		break;
	case ACT_IMPORT:
		cmd_import(arg ? arg : "");
		break;
	case ACT_SORT_BY:
		cmd_sort(arg && *arg ? arg : NULL);
		break;
	case ACT_SETTINGS:
		ui_settings(app->db);
		break;
	case ACT_FIELDS:
		ui_fields(app->db);
		break;
	case ACT_TEMPLATES:
		ui_templates(app->db);
		break;
	case ACT_PLAN:
		ui_plan(app->db);
		break;
	case ACT_MERGE:
		if (cur_list()->ent != &entity_contact &&
		    cur_list()->ent != &entity_company)
			ui_message("%s", _(":merge sends to the contacts of "
			    "the Contacts list (2) as filtered there"));
		else
			ui_mail_merge(app->db, cur_list(), arg);
		break;
	case ACT_MARK:
		/* on to the next row, to mark a run of rows with Spaces */
		lv_mark_toggle(cur_list());
		if (lv_move(cur_list(), app->db, ACT_DOWN, &err) != SO_OK)
			show_error(&err);
		sync_card();
		break;
	case ACT_UNMARK:
		lv_marks_clear(cur_list());
		break;
	case ACT_PIVOT:
		ui_pivot(app->db, arg && *arg ? arg : NULL);
		reload_all(0);
		break;
	case ACT_SAVE_FILTER:
		ui_filter_save(app->db, cur_list(), arg ? arg : "");
		break;
	case ACT_DELETE_FILTER:
		ui_filter_delete(app->db, cur_list(), arg ? arg : "");
		break;
	default:
		break;
	}
}

/* A reminder that has come due goes to the message line. */
static void
poll_reminders(void)
{
	char msg[UI_MESSAGE_MAX];

	if (rem_poll(&app->rem, app->db, (int64_t)db_now(app->db), msg,
	    sizeof(msg)))
		ui_message("%s", msg);
}

/* ---- the main screen's ops ---- */

static void
main_draw(void *self)
{
	struct so_err err;

	(void)self;
	if (app->fields_stale) {
		app->fields_stale = 0;
		if (custom_load(app->db, &err) != SO_OK)
			show_error(&err);
		/* the records read hold the old fields' slots: read again
		 * (the other card files' lists are when they are shown) */
		reload_all(0);
	}
	draw_main();
	refresh();
}

static enum screen_rc
main_key(void *self, wint_t ch, int keycode)
{
	(void)self;
	handle(ui_key_action(ch, keycode, context()), NULL);
	return SCREEN_STAY;
}

/* Another size: the lists hold as many rows as the pane shows. */
static void
main_resize(void *self)
{
	(void)self;
	reload_all(0);
}

/* Others' commits reload the main screen through the host's hook
 * (ui_data_changed), under every screen; .reload has nothing to add. */
static const struct screen_ops main_screen = {
	.name = N_("The organizer"),
	.draw = main_draw,
	.key = main_key,
	.resize = main_resize,
};

/* ---- start and stop ---- */

int
ui_app_terminal_ok(void)
{
	const char *term = getenv("TERM");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs(_("salesorg: the organizer needs a terminal; without "
		    "one, use the commands (salesorg --help)\n"), stderr);
		return 0;
	}
	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0) {
		fprintf(stderr, _("salesorg: TERM=%s cannot show the "
		    "organizer; use the commands (salesorg --help) or set "
		    "TERM\n"), term ? term : "");
		return 0;
	}
	return 1;
}

/* Cyrillic needs a UTF-8 locale; fall back to C.UTF-8 when given "C". */
static void
ensure_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	if (cs && strcmp(cs, "UTF-8") == 0)
		return;
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/*
 * After the paint: the count of the list in view, which a reload leaves
 * for now (ui/listview.h), so the morning's agenda over the companies
 * and a freshly opened list paint before any count over a whole table.
 */
static int
key_waits(void *arg)
{
	(void)arg;
	return ui_key_pending();
}

/* A key pressed while it counts is answered first: the count gives way
 * (lv_count) and is made again at the next pause. */
static int
count_list(void)
{
	struct listview *lv = cur_list();
	struct so_err err;
	int code;

	if (!lv_count_pending(lv))
		return 0;
	code = lv_count(lv, app->db, key_waits, NULL, &err);
	if (code == SO_OK && lv_count_pending(lv))
		return 0;
	if (code != SO_OK && lv->filter == NULL) {
		show_error(&err);
		lv->count = 0;		/* said; not asked again and again */
		return 1;
	}
	ui_filter_counted(app->db, lv, code, &err);
	return 1;
}

int
ui_app_run(struct db *db)
{
	static const struct ui_host host = {
		.draw = draw_main,
		.reload = reload_all,
		.help = help_screen,
		.command = command_line,
		.tick = poll_reminders,
		.idle = count_list,
	};
	struct app a = { 0 };
	struct so_err err;
	int i, ranked;

	a.db = db;
	ensure_utf8();
	a.dbname = base_name(db_path(a.db));
	for (i = 0; i < NTABS; i++) {
		lv_init(&a.lists[i], tab_entities[i], 0);
		lv_init(&a.trashes[i], tab_entities[i], 1);
	}
	card_init(&a.card);
	app = &a;
	/* Short ESC delay: Esc must feel instant, and nobody types
	 * Alt-sequences slower than 25 ms. */
	set_escdelay(25);
	if (initscr() == NULL)
		return -1;
	raw();		/* ^S, ^Q and ^C are ours, not the tty's */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	draw_init_colors();
	ui_attach(a.db, &host);
	if (lv_reload(cur_list(), a.db, pane_rows(), &err) != SO_OK)
		show_error(&err);
	sync_card();
	rem_init(&a.rem, (int64_t)db_now(a.db));
	/* Last month's ABC ranks, the first time anyone opens it after the
	 * month closed (one lookup otherwise). */
	if (abc_auto(a.db, &ranked, &err) != SO_OK)
		show_error(&err);
	else if (ranked)
		ui_message(_("Last month's ABC ranks are computed (abc)"));
	/* The morning screen, unless switched off; with nothing due it
	 * would only be in the way. */
	if (settings_flag(a.db, "agenda.startup")) {
		open_agenda(0);
		if (a.av.a.n == 0 && !a.av.a.truncated) {
			a.agenda = 0;
			ui_message(_("Nothing due today (A: the agenda)"));
		}
	}
	ui_screen_run(&main_screen, &a);
	endwin();
	ui_detach();
	app = NULL;
	for (i = 0; i < NTABS; i++) {
		lv_free(&a.lists[i]);
		lv_free(&a.trashes[i]);
	}
	card_free(&a.card);
	av_free(&a.av);
	rem_free(&a.rem);
	return 0;
}
