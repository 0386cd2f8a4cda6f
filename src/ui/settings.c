/*
 * The :settings screen: the user's on/off preferences, the team's
 * lists of event types and results, the deal stages (order, name, win
 * probability, retired), the team's rules for the
 * activity report's columns, in pick-lists, and the custom fields'
 * screen (fields.c).  The same rows as
 * `salesorg config`, through the same store functions (which refuse a
 * manager's change to a team rule, shown on the status line).
 *
 * The screen offers only what the user's role may change: the lists
 * of event types and results to an administrator, the activity
 * report's columns and the ABC ranking's settings to a head of sales
 * or an administrator; a manager
 * sees their own preferences and a line saying who changes the rest.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/activity.h"
#include "store/settings.h"
#include "store/stages.h"
#include "ui/settings.h"
#include "ui/ui.h"

static void
edit_row(struct db *db, enum lookup_table t, const struct lookup_row *r)
{
	const char *items[3] = { NULL, NULL, NULL };
	struct so_err err = { 0 };
	char *name;
	int sel, rc = SO_OK;

	items[0] = _("1 Rename");
	items[1] = r->active ? _("2 Disable (hidden from pick-lists)") :
	    _("2 Enable");
	/* A result counts as productive in the activity report's
	 * *:productive rules and the journal's totals. */
	items[2] = r->productive ? _("3 Not productive") :
	    _("3 Productive (counts in the activity report)");
	if ((sel = ui_menu(4, 8, LINES - 6, r->code, items,
	    t == LOOKUP_EVENT_RESULTS ? 3 : 2)) < 0)
		return;
	if (sel == 2)
		rc = settings_lookup_productive(db, r->code, !r->productive,
		    &err);
	else if (sel == 0) {
		if ((name = ui_prompt(_("Name: "), r->name, NULL, NULL)) ==
		    NULL)
			return;
		rc = settings_lookup_put(db, t, r->code, name, &err);
		free(name);
	} else
		rc = settings_lookup_enable(db, t, r->code, !r->active, &err);
	ui_message("%s", rc == SO_OK ? _("Saved") : err.msg);
}

static void
add_row(struct db *db, enum lookup_table t)
{
	struct so_err err = { 0 };
	char *code, *name;
	int rc;

	if ((code = ui_prompt(_("Code (a-z, 0-9, _): "), "", NULL, NULL)) ==
	    NULL)
		return;
	if ((name = ui_prompt(_("Name: "), "", NULL, NULL)) == NULL) {
		free(code);
		return;
	}
	rc = settings_lookup_put(db, t, code, name, &err);
	ui_message("%s", rc == SO_OK ? _("Added") : err.msg);
	free(code);
	free(name);
}

static void
edit_list(struct db *db, enum lookup_table t, const char *title)
{
	struct so_err err = { 0 };
	struct lookup_row *rows;
	char **items;
	size_t i, n;
	int sel;

	for (;;) {
		if (settings_lookup_list(db, t, &rows, &n, &err) != SO_OK) {
			ui_message("%s", err.msg);
			return;
		}
		items = xcalloc(n + 1, sizeof(*items));
		for (i = 0; i < n; i++)
			items[i] = xasprintf("%-16s %s%s%s", rows[i].code,
			    rows[i].name, rows[i].active ? "" :
			    _(" (disabled)"), t == LOOKUP_EVENT_RESULTS &&
			    rows[i].productive ? _(" (productive)") : "");
		items[n] = xstrdup(_("+ add"));
		ui_redraw();
		sel = ui_menu(3, 6, LINES - 4, title,
		    (const char *const *)items, (int)n + 1);
		if (sel >= 0 && (size_t)sel < n)
			edit_row(db, t, &rows[sel]);
		else if (sel >= 0)
			add_row(db, t);
		for (i = 0; i <= n; i++)
			free(items[i]);
		free(items);
		settings_lookup_free(rows, n);
		if (sel < 0)
			return;
	}
}

/* A whole number typed on the prompt line; -1 when cancelled or not one
 * (the store says what is wrong with one out of range). */
static int
prompt_number(const char *label, int cur)
{
	char *v, *end, buf[16];
	long n;

	snprintf(buf, sizeof(buf), "%d", cur);
	if ((v = ui_prompt(label, buf, NULL, NULL)) == NULL)
		return -1;
	n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || n < -1000 || n > 1000)
		n = -1000;
	free(v);
	return (int)n;
}

/* One stage: rename, move, probability, retire (config stages). */
static void
edit_stage(struct db *db, const struct stage_row *r)
{
	const char *items[4];
	struct so_err err = { 0 };
	char *name;
	int sel, n, rc = SO_OK;

	items[0] = _("1 Rename");
	items[1] = _("2 Move to position ...");
	items[2] = _("3 Win probability ...");
	items[3] = r->retired ? _("4 Bring back into use") :
	    _("4 Retire (keeps its deals, takes no new ones)");
	if ((sel = ui_menu(4, 8, LINES - 6, r->code, items, 4)) < 0)
		return;
	if (sel == 0) {
		if ((name = ui_prompt(_("Name: "), r->name, NULL, NULL)) ==
		    NULL)
			return;
		rc = stages_rename(db, r->code, name, &err);
		free(name);
	} else if (sel == 1) {
		if ((n = prompt_number(_("Position (1: first): "), 1)) == -1)
			return;
		rc = stages_move(db, r->code, n, &err);
	} else if (sel == 2) {
		if ((n = prompt_number(_("Probability (0-100): "),
		    r->probability)) == -1)
			return;
		rc = stages_probability(db, r->code, n, &err);
	} else
		rc = stages_retire(db, r->code, !r->retired, &err);
	ui_message("%s", rc == SO_OK ? _("Saved") : err.msg);
}

static void
add_stage(struct db *db)
{
	const char *kinds[3];
	struct so_err err = { 0 };
	char *code, *name;
	int kind, p, rc;

	kinds[0] = _("1 Open, on the way to won");
	kinds[1] = _("2 Closed: won");
	kinds[2] = _("3 Closed: lost");
	if ((code = ui_prompt(_("Code (a-z, 0-9, _): "), "", NULL, NULL)) ==
	    NULL)
		return;
	if ((name = ui_prompt(_("Name: "), "", NULL, NULL)) == NULL) {
		free(code);
		return;
	}
	if ((kind = ui_menu(4, 8, LINES - 6, _("Kind of stage"), kinds,
	    3)) >= 0 && (p = prompt_number(_("Probability (0-100): "),
	    kind == 1 ? 100 : 0)) != -1) {
		rc = stages_add(db, code, name, p, kind == 1 ? STAGE_WON :
		    kind == 2 ? STAGE_LOST : STAGE_OPEN, &err);
		ui_message("%s", rc == SO_OK ? _("Added") : err.msg);
	}
	free(code);
	free(name);
}

static void
edit_stages(struct db *db)
{
	struct so_err err = { 0 };
	struct stage_row *rows;
	char **items;
	size_t i, n;
	int sel;

	for (;;) {
		if (stages_list(db, &rows, &n, &err) != SO_OK) {
			ui_message("%s", err.msg);
			return;
		}
		items = xcalloc(n + 1, sizeof(*items));
		for (i = 0; i < n; i++)
			items[i] = xasprintf("%-16s %3d%% %s%s%s", rows[i].code,
			    rows[i].probability, rows[i].name,
			    !rows[i].closed ? "" : rows[i].won ? _(" (won)") :
			    _(" (lost)"), rows[i].retired ? _(" (retired)") :
			    "");
		items[n] = xstrdup(_("+ add"));
		ui_redraw();
		sel = ui_menu(3, 6, LINES - 4, _("Deal stages"),
		    (const char *const *)items, (int)n + 1);
		if (sel >= 0 && (size_t)sel < n)
			edit_stage(db, &rows[sel]);
		else if (sel >= 0)
			add_stage(db);
		for (i = 0; i <= n; i++)
			free(items[i]);
		free(items);
		stages_free(rows, n);
		if (sel < 0)
			return;
	}
}

/* Edits one activity rule on the prompt line; "" is the default. */
static void
edit_rule(struct db *db, const char *name)
{
	struct so_err err = { 0 };
	char *cur, *v, *label;

	cur = settings_get_text(db, name);
	/* TRANSLATORS: TYPES:RESULTS[:first|:repeat] and off are typed as
	 * they are. */
	label = xasprintf(_("%s (TYPES:RESULTS[:first|:repeat], off; "
	    "empty: default): "), name + 16);
	v = ui_prompt(label, cur ? cur : "", NULL, NULL);
	free(label);
	free(cur);
	if (v == NULL)
		return;
	if (settings_set_text(db, name, v, 1, &err) != SO_OK)
		ui_message("%s", err.msg);
	else
		ui_message("%s", _("Saved"));
	free(v);
}

static void
edit_rules(struct db *db)
{
	char *items[ACT_NCOLS], *v;
	const char *label;
	int sel, i, pad;

	for (;;) {
		for (i = 0; i < ACT_NCOLS; i++) {
			v = settings_get_text(db, activity_cols[i].setting);
			label = _(activity_cols[i].label);
			pad = 14 - utf8_width(label);	/* columns, not bytes */
			items[i] = xasprintf("%d %s%*s %s", i + 1, label,
			    pad > 0 ? pad : 0, "", v ? v : "");
			free(v);
		}
		ui_redraw();
		sel = ui_menu(3, 6, LINES - 4, _("Activity report columns"),
		    (const char *const *)items, ACT_NCOLS);
		for (i = 0; i < ACT_NCOLS; i++)
			free(items[i]);
		if (sel < 0)
			return;
		edit_rule(db, activity_cols[sel].setting);
	}
}

/*
 * The ABC ranking's team settings (store/settings.h): whether rank A
 * sets the category VIP, what the stored ranks go by and over how many
 * months.  Checked and refused by the store as by `salesorg config`;
 * they take effect from the next ranking (abc --recompute ranks every
 * month afresh).
 */
static void
edit_abc(struct db *db)
{
	static const char *const by[] = { "sum", "count", "units",
	    "services" };
	struct so_err err = { 0 };
	char *items[3], *cur, *v;
	int sel, i, rc;

	for (;;) {
		items[0] = xasprintf(_("1 Rank A makes a company VIP: %s"),
		    settings_abc_vip(db) ? _("on") : _("off"));
		cur = settings_get_text(db, "abc.by");
		items[1] = xasprintf(_("2 Ranks go by: %s"), cur ? cur : "");
		free(cur);
		cur = settings_get_text(db, "abc.months");
		items[2] = xasprintf(_("3 Months each rank looks back over: "
		    "%s"), cur ? cur : "");
		free(cur);
		ui_redraw();
		sel = ui_menu(3, 6, LINES - 4, _("ABC ranking"),
		    (const char *const *)items, 3);
		for (i = 0; i < 3; i++)
			free(items[i]);
		if (sel < 0)
			return;
		rc = SO_OK;
		if (sel == 0)
			rc = settings_set_text(db, "abc.vip",
			    settings_abc_vip(db) ? "off" : "on", 1, &err);
		else if (sel == 1) {
			if ((i = ui_menu(4, 8, LINES - 6, _("Ranks go by"), by,
			    4)) < 0)
				continue;
			rc = settings_set_text(db, "abc.by", by[i], 1, &err);
		} else {
			cur = settings_get_text(db, "abc.months");
			v = ui_prompt(_("Months (1-24; empty: 1): "),
			    cur ? cur : "", NULL, NULL);
			free(cur);
			if (v == NULL)
				continue;
			rc = settings_set_text(db, "abc.months", v, 1, &err);
			free(v);
		}
		ui_message("%s", rc == SO_OK ? _("Saved; abc --recompute "
		    "ranks the past months by it") : err.msg);
	}
}

/*
 * doc.dir, the user's own (store/settings.h): the item's text, after
 * (edit) asking for it on the prompt line; empty goes back to the
 * team's or the default.
 */
static char *
edit_doc_dir(struct db *db, int edit)
{
	struct so_err err = { 0 };
	char *cur = settings_get_text(db, "doc.dir"), *v;

	if (edit) {
		v = ui_prompt(_("Document templates (empty: the default): "),
		    cur ? cur : "", NULL, NULL);
		if (v != NULL) {
			ui_message("%s", settings_set_text(db, "doc.dir", v,
			    0, &err) == SO_OK ? _("Saved") : err.msg);
			free(v);
		}
	}
	/* TRANSLATORS: the directory p on a card offers templates from. */
	v = xasprintf(_("Document templates: %s"), cur ? cur : "");
	free(cur);
	return v;
}

enum item { I_AGENDA, I_BELL, I_TYPES, I_RESULTS, I_RULES, I_FIELDS, I_ABC,
	I_STAGES, I_DOCDIR };

/* Appends "N text" (taking text) as the item for it. */
static void
add_item(char **items, enum item *map, int *n, enum item it, char *text)
{
	map[*n] = it;
	items[*n] = xasprintf("%d %s", *n + 1, text);
	free(text);
	(*n)++;
}

void
ui_settings(struct db *db)
{
	struct so_err err = { 0 };
	enum role role = acl_role(db);
	enum item map[12];
	char *items[12];
	int sel, i, n, said = 0;

	for (;;) {
		n = 0;
		add_item(items, map, &n, I_AGENDA, xasprintf(_("Agenda at "
		    "startup: %s"), settings_flag(db, "agenda.startup") ?
		    _("on") : _("off")));
		add_item(items, map, &n, I_BELL, xasprintf(_("Bell with "
		    "reminders: %s"), settings_flag(db, "reminders.bell") ?
		    _("on") : _("off")));
		if (role >= ROLE_ADMIN) {
			add_item(items, map, &n, I_TYPES,
			    xstrdup(_("Event types ...")));
			add_item(items, map, &n, I_RESULTS,
			    xstrdup(_("Event results ...")));
		}
		if (role >= ROLE_HEAD)
			add_item(items, map, &n, I_RULES,
			    xstrdup(_("Activity report columns ...")));
		/* last: the items above keep their numbers */
		if (role >= ROLE_ADMIN)
			add_item(items, map, &n, I_FIELDS,
			    xstrdup(_("Custom fields ...")));
		if (role >= ROLE_HEAD)
			add_item(items, map, &n, I_ABC,
			    xstrdup(_("ABC ranking ...")));
		if (role >= ROLE_ADMIN)
			add_item(items, map, &n, I_STAGES,
			    xstrdup(_("Deal stages ...")));
		add_item(items, map, &n, I_DOCDIR, edit_doc_dir(db, 0));
		/* what doc.dir's prompt said stays in view */
		if (said)
			said = 0;
		else if (role < ROLE_HEAD)
			ui_message("%s", _("Event types and results are an "
			    "administrator's to change; activity report "
			    "columns a head of sales'"));
		else if (role < ROLE_ADMIN)
			ui_message("%s", _("Event types and results are an "
			    "administrator's to change"));
		ui_redraw();
		sel = ui_menu(2, 4, LINES - 4, _("Settings"),
		    (const char *const *)items, n);
		for (i = 0; i < n; i++)
			free(items[i]);
		if (sel < 0)
			return;
		if (map[sel] == I_AGENDA || map[sel] == I_BELL) {
			const char *name = map[sel] == I_AGENDA ?
			    "agenda.startup" : "reminders.bell";

			if (settings_set_flag(db, name, !settings_flag(db,
			    name), 0, &err) != SO_OK)
				ui_message("%s", err.msg);
		} else if (map[sel] == I_TYPES)
			edit_list(db, LOOKUP_EVENT_TYPES, _("Event types"));
		else if (map[sel] == I_RESULTS)
			edit_list(db, LOOKUP_EVENT_RESULTS, _("Event results"));
		else if (map[sel] == I_ABC)
			edit_abc(db);
		else if (map[sel] == I_STAGES)
			edit_stages(db);
		else if (map[sel] == I_DOCDIR) {
			free(edit_doc_dir(db, 1));
			said = 1;
		}
		else if (map[sel] == I_FIELDS) {
			ui_fields(db);
			if (ui_quitting())	/* Q there: every screen */
				return;
		}
		else
			edit_rules(db);
	}
}
