/*
 * The :settings screen: the user's on/off preferences, the team's
 * lists of event types and results, and the team's rules for the
 * activity report's columns, in pick-lists.  The same rows as
 * `salesorg config`, through the same store functions (which refuse a
 * manager's change to a team rule, shown on the status line).
 */
#include <curses.h>
#include <stdlib.h>

#include "store/activity.h"
#include "store/settings.h"
#include "ui/settings.h"
#include "ui/ui.h"
#include "util.h"

static void
edit_row(struct db *db, enum lookup_table t, const struct lookup_row *r)
{
	const char *items[2] = { "1 Rename", NULL };
	struct so_err err = { 0 };
	char *name;
	int sel, rc = SO_OK;

	items[1] = r->active ? "2 Disable (hidden from pick-lists)" :
	    "2 Enable";
	if ((sel = ui_menu(4, 8, LINES - 6, r->code, items, 2)) < 0)
		return;
	if (sel == 0) {
		if ((name = ui_prompt("Name: ", r->name, NULL, NULL)) == NULL)
			return;
		rc = settings_lookup_put(db, t, r->code, name, &err);
		free(name);
	} else
		rc = settings_lookup_enable(db, t, r->code, !r->active, &err);
	ui_message("%s", rc == SO_OK ? "Saved" : err.msg);
}

static void
add_row(struct db *db, enum lookup_table t)
{
	struct so_err err = { 0 };
	char *code, *name;
	int rc;

	if ((code = ui_prompt("Code (a-z, 0-9, _): ", "", NULL, NULL)) ==
	    NULL)
		return;
	if ((name = ui_prompt("Name: ", "", NULL, NULL)) == NULL) {
		free(code);
		return;
	}
	rc = settings_lookup_put(db, t, code, name, &err);
	ui_message("%s", rc == SO_OK ? "Added" : err.msg);
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
			items[i] = xasprintf("%-16s %s%s", rows[i].code,
			    rows[i].name, rows[i].active ? "" :
			    " (disabled)");
		items[n] = xstrdup("+ add");
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

/* Edits one activity rule on the prompt line; "" is the default. */
static void
edit_rule(struct db *db, const char *name)
{
	struct so_err err = { 0 };
	char *cur, *v, *label;

	cur = settings_get_text(db, name);
	label = xasprintf("%s (TYPES:RESULTS[:first|:repeat], off; "
	    "empty: default): ", name + 16);
	v = ui_prompt(label, cur ? cur : "", NULL, NULL);
	free(label);
	free(cur);
	if (v == NULL)
		return;
	if (settings_set_text(db, name, v, 1, &err) != SO_OK)
		ui_message("%s", err.msg);
	else
		ui_message("Saved");
	free(v);
}

static void
edit_rules(struct db *db)
{
	char *items[ACT_NCOLS], *v;
	int sel, i;

	for (;;) {
		for (i = 0; i < ACT_NCOLS; i++) {
			v = settings_get_text(db, activity_cols[i].setting);
			items[i] = xasprintf("%d %-14s %s", i + 1,
			    activity_cols[i].label, v ? v : "");
			free(v);
		}
		ui_redraw();
		sel = ui_menu(3, 6, LINES - 4, "Activity report columns",
		    (const char *const *)items, ACT_NCOLS);
		for (i = 0; i < ACT_NCOLS; i++)
			free(items[i]);
		if (sel < 0)
			return;
		edit_rule(db, activity_cols[sel].setting);
	}
}

void
ui_settings(struct db *db)
{
	struct so_err err = { 0 };
	char *items[5];
	int sel, i;

	for (;;) {
		items[0] = xasprintf("1 Agenda at startup: %s",
		    settings_flag(db, "agenda.startup") ? "on" : "off");
		items[1] = xasprintf("2 Bell with reminders: %s",
		    settings_flag(db, "reminders.bell") ? "on" : "off");
		items[2] = xstrdup("3 Event types ...");
		items[3] = xstrdup("4 Event results ...");
		items[4] = xstrdup("5 Activity report columns ...");
		ui_redraw();
		sel = ui_menu(2, 4, LINES - 4, "Settings",
		    (const char *const *)items, 5);
		for (i = 0; i < 5; i++)
			free(items[i]);
		if (sel < 0)
			return;
		if (sel < 2) {
			const char *name = sel == 0 ? "agenda.startup" :
			    "reminders.bell";

			if (settings_set_flag(db, name, !settings_flag(db,
			    name), 0, &err) != SO_OK)
				ui_message("%s", err.msg);
		} else if (sel == 2)
			edit_list(db, LOOKUP_EVENT_TYPES, "Event types");
		else if (sel == 3)
			edit_list(db, LOOKUP_EVENT_RESULTS, "Event results");
		else
			edit_rules(db);
	}
}
