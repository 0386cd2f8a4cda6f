/*
 * The custom fields screen (settings, "Custom fields ..."): an
 * administrator's list of the fields added to each card file, where one
 * is added (name, label, type, choices, required), relabelled, moved up
 * or down, or retired with its values.  The same rows as `salesorg
 * field`, through the same store functions, which refuse anyone but an
 * administrator: the screen says so on the status line rather than
 * guess.  A field changed here is in every list, card and form at once
 * (the descriptors are rebuilt by the store); others see it on their
 * next refresh (app.c, custom_changed).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/custom.h"
#include "store/entity.h"
#include "ui/draw.h"
#include "ui/screen.h"
#include "ui/settings.h"
#include "ui/ui.h"

struct fields_view {
	struct db		*db;
	const struct entity *const *ents;
	int			 nents, cur;	/* card files; the one shown */
	struct custom_field	*f;
	size_t			 n;
	int			 sel;
	char			 msg[512];
	int			 msg_error;
};

static const struct screen_key fields_keys[] = {
	/* TRANSLATORS: a hint is a key's name, then a word or two. */
	{ 'a', "a", N_("add a field to this card file"), N_("a add") },
	{ 'r', "r", N_("give the field another label"), N_("r relabel") },
	{ 'K', "K", N_("move the field up (the card's and form's order)"),
	    N_("K/J move") },
	{ 'J', "J", N_("move the field down"), NULL },
	{ 'd', "d", N_("retire the field and every value it holds (asks "
	    "first)"), N_("d retire") },
	{ 'h', "Left, h", N_("the previous card file"), N_("arrows pick") },
	{ 'l', "Right, l", N_("the next card file"), NULL },
	{ 'k', "Up, k", N_("the previous field"), NULL },
	{ 'j', "Down, j", N_("the next field"), NULL },
	{ 'q', "q, Esc", N_("back"), N_("q back") },
	{ 27, NULL, NULL, NULL },
	{ 127, NULL, NULL, NULL },
	{ 0, NULL, NULL, NULL }
};

static void
say(struct fields_view *v, int error, const char *s)
{
	snprintf(v->msg, sizeof(v->msg), "%s", s);
	v->msg_error = error;
}

static void
reload(struct fields_view *v)
{
	struct so_err err = { 0 };

	custom_field_list_free(v->f, v->n);
	v->f = NULL;
	v->n = 0;
	if (custom_field_list(v->db, v->ents[v->cur]->name, &v->f, &v->n,
	    &err) != SO_OK)
		say(v, 1, err.msg);
	if (v->sel >= (int)v->n)
		v->sel = v->n ? (int)v->n - 1 : 0;
}

static const struct custom_field *
selected(const struct fields_view *v)
{
	return v->n ? &v->f[v->sel] : NULL;
}

/* Selects the field called name (after an add or a move). */
static void
select_named(struct fields_view *v, const char *name)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (strcmp(v->f[i].name, name) == 0)
			v->sel = (int)i;
}

static void
draw(struct fields_view *v)
{
	const struct entity *ent = v->ents[v->cur];
	char *title, line[64];
	size_t i;
	int y;

	erase();
	/* TRANSLATORS: the card file's name in the plural, then which of
	 * how many card files. */
	title = xasprintf(_(" Custom fields of %s (%d of %d)"),
	    entity_plural(ent), v->cur + 1, v->nents);
	draw_fill(0, 0, 1, COLS, UA_TITLE);
	draw_text(0, 0, COLS, title, UA_TITLE);
	free(title);
	draw_text(2, 1, 17, _("Name"), UA_TITLE);
	draw_text(2, 18, 8, _("Type"), UA_TITLE);
	draw_text(2, 26, 10, C_("custom field", "required"), UA_TITLE);
	draw_text(2, 37, COLS - 37, _("Label"), UA_TITLE);
	if (v->n == 0)
		draw_text(4, 1, COLS - 2, _("No custom fields; a adds one"),
		    UA_DIM);
	for (i = 0, y = 3; i < v->n && y < LINES - 5; i++, y++) {
		enum ui_attr a = (int)i == v->sel ? UA_SELECT : UA_NORMAL;
		char *label;

		draw_fill(y, 0, 1, COLS, a);
		draw_text(y, 1, 16, v->f[i].name, a);
		draw_text(y, 18, 7, v->f[i].type, a);
		snprintf(line, sizeof(line), "%s", v->f[i].required ?
		    C_("custom field", "required") : "");
		draw_text(y, 26, 10, line, a);
		label = *v->f[i].choices ? xasprintf("%s (%s)", v->f[i].label,
		    v->f[i].choices) : xstrdup(v->f[i].label);
		draw_text(y, 37, COLS - 38, label, a);
		free(label);
	}
	if (v->msg[0])
		draw_text(LINES - 3, 0, COLS, v->msg, v->msg_error ? UA_ERROR :
		    UA_STATUS);
	if (ui_status_line(NULL) != NULL)
		ui_draw_status(ui_status_line(NULL), UA_STATUS);
	else
		draw_hints(LINES - 1, 0, COLS, ui_screen_hints(&screen_fields,
		    v), UA_DIM);
	refresh();
}

/* Asks the new field's parts in turn; Esc at any of them adds nothing. */
static void
add_field(struct fields_view *v)
{
	static const char *const types[] = { "text", "number", "money",
	    "date", "bool", "choice" };
	const char *items[6];
	struct so_err err = { 0 };
	char *name = NULL, *label = NULL, *choices = NULL;
	int t, required, i;

	if ((name = ui_prompt(_("Name (a-z, 0-9, _): "), "", NULL, NULL)) ==
	    NULL)
		return;
	if ((label = ui_prompt(_("Label (empty: the name): "), "", NULL,
	    NULL)) == NULL)
		goto out;
	for (i = 0; i < 6; i++)
		items[i] = types[i];
	ui_redraw();
	draw(v);
	if ((t = ui_menu(4, 8, LINES - 6, _("Type"), items, 6)) < 0)
		goto out;
	if (strcmp(types[t], "choice") == 0 && (choices = ui_prompt(
	    _("Choices (a,b,c): "), "", NULL, NULL)) == NULL)
		goto out;
	required = ui_confirm(_("Required (a person must fill it)? (y/n) "));
	if (custom_field_add(v->db, v->ents[v->cur]->name, name, label,
	    types[t], choices, required, &err) != SO_OK)
		say(v, 1, err.msg);
	else {
		reload(v);
		select_named(v, name);
		say(v, 0, _("Added"));
	}
out:
	free(name);
	free(label);
	free(choices);
}

static void
relabel(struct fields_view *v)
{
	const struct custom_field *f = selected(v);
	struct so_err err = { 0 };
	char *label;

	if (f == NULL)
		return;
	if ((label = ui_prompt(_("Label: "), f->label, NULL, NULL)) == NULL)
		return;
	if (custom_field_relabel(v->db, v->ents[v->cur]->name, f->name, label,
	    &err) != SO_OK)
		say(v, 1, err.msg);
	else {
		reload(v);
		say(v, 0, _("Saved"));
	}
	free(label);
}

static void
move_field(struct fields_view *v, int dir)
{
	const struct custom_field *f = selected(v);
	struct so_err err = { 0 };
	char *name;

	if (f == NULL)
		return;
	name = xstrdup(f->name);
	if (custom_field_move(v->db, v->ents[v->cur]->name, name, dir, &err) !=
	    SO_OK)
		say(v, 1, err.msg);
	else {
		reload(v);
		select_named(v, name);
	}
	free(name);
}

static void
retire(struct fields_view *v)
{
	const struct custom_field *f = selected(v);
	struct so_err err = { 0 };
	char *q;
	int yes;

	if (f == NULL)
		return;
	/* TRANSLATORS: a field's label and the card file's name. */
	q = xasprintf(_("Retire %s of %s and every value it holds? (y/n) "),
	    f->label, entity_plural(v->ents[v->cur]));
	yes = ui_confirm(q);
	free(q);
	if (!yes)
		return;
	if (custom_field_remove(v->db, v->ents[v->cur]->name, f->name, &err) !=
	    SO_OK)
		say(v, 1, err.msg);
	else {
		reload(v);
		say(v, 0, _("Retired; its values are in the records' "
		    "history"));
	}
}

static enum screen_rc
screen_key(void *self, wint_t ch, int keycode)
{
	struct fields_view *v = self;
	int k = ui_key_letter(ch, keycode);

	v->msg[0] = '\0';
	switch (k) {
	case 'q':
	case 27:
	case 127:
		return SCREEN_CLOSE;
	case 'h':
	case 'l':
		v->cur = (v->cur + (k == 'l' ? 1 : v->nents - 1)) % v->nents;
		v->sel = 0;
		reload(v);
		break;
	case 'k':
		if (v->sel > 0)
			v->sel--;
		break;
	case 'j':
		if (v->sel + 1 < (int)v->n)
			v->sel++;
		break;
	case 'a':
		add_field(v);
		break;
	case 'r':
		relabel(v);
		break;
	case 'K':
	case 'J':
		move_field(v, k == 'K' ? -1 : 1);
		break;
	case 'd':
		retire(v);
		break;
	}
	return SCREEN_STAY;
}

static void
screen_draw(void *self)
{
	draw(self);
}

/* Another administrator's change: the list again. */
static void
screen_reload(void *self)
{
	struct fields_view *v = self;
	struct so_err err;

	if (custom_changed(v->db))
		custom_load(v->db, &err);
	reload(v);
}

/* Only an administrator changes fields: the others see the list. */
static int
screen_hidden(void *self, int key)
{
	struct fields_view *v = self;

	return strchr("arKJd", key) != NULL && acl_role(v->db) < ROLE_ADMIN;
}

const struct screen_ops screen_fields = {
	.name = N_("The custom fields"),
	.keys = fields_keys,
	.draw = screen_draw,
	.key = screen_key,
	.reload = screen_reload,
	.hidden = screen_hidden,
};

void
ui_fields(struct db *db)
{
	struct fields_view v;

	memset(&v, 0, sizeof(v));
	v.db = db;
	v.ents = entity_all();
	while (v.ents[v.nents] != NULL)
		v.nents++;
	reload(&v);
	ui_screen_run(&screen_fields, &v);
	custom_field_list_free(v.f, v.n);
}
