/*
 * Filters, saved filters and group actions in the organizer (see
 * include/ui/filters.h).
 *
 * A group action always says how many records it is about to change and
 * waits for y: "Reassign 212 companies to boris?".  The set is the list
 * as shown (filter, quick filter and all), counted again just before
 * asking, so what is confirmed is what changes.
 *
 * Roles: a manager is not offered to reassign (giving records to a
 * colleague is a head's); a change of a list that holds a colleague's
 * records is refused by the store for the whole list at once, and the
 * message says that nothing was changed.
 */
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/i18n.h"
#include "base/util.h"
#include "exchange/export.h"
#include "store/acl.h"
#include "store/filter.h"
#include "store/group.h"
#include "ui/draw.h"
#include "ui/filters.h"
#include "ui/ui.h"

static void
show(const struct so_err *err)
{
	ui_message("%s", err->msg[0] ? err->msg : _("error"));
}

/* A group action refused: all or nothing, and it was nothing. */
static void
show_group_error(struct db *db, const struct so_err *err)
{
	const char *m = err->msg;
	size_t n = strlen(db_path(db));

	if (err->code != SO_EPERM) {
		show(err);
		return;
	}
	if (strncmp(m, db_path(db), n) == 0 && strncmp(m + n, ": ", 2) == 0)
		m += n + 2;
	ui_message(_("Nothing was changed: the list holds records you may "
	    "not change - %s"), m);
}

/* A user field (manager, assignee): changing it is reassigning. */
static int
is_user_ref(const struct field_desc *fd)
{
	return fd->type == FT_REF && strcmp(fd->ref_table, "users") == 0;
}

/* Says how many rows the filter matches. */
static void
say_count(struct listview *lv)
{
	lv->tell_count = 0;
	if (lv->filter)
		ui_message(P_("%lld match (F: save this filter, M: act on "
		    "them)", "%lld matches (F: save this filter, M: act on "
		    "them)", (unsigned long)lv->count), (long long)lv->count);
}

/* Sets f (or clears) and says how many rows match: now when the page
 * came with its count, else once counted (ui_filter_counted). */
static int
apply(struct db *db, struct listview *lv, struct filter *f)
{
	struct so_err err;

	lv->tell_count = 0;
	if (lv_set_filter(lv, db, f, &err) != SO_OK) {
		/* a pattern too expensive for the data: say so, show all */
		show(&err);
		lv_set_filter(lv, db, NULL, &err);
		return -1;
	}
	if (lv->count >= 0)
		say_count(lv);
	else
		lv->tell_count = lv->filter != NULL;
	return 0;
}

void
ui_filter_counted(struct db *db, struct listview *lv, int code,
    const struct so_err *err)
{
	struct so_err e;

	if (code != SO_OK) {
		/* a pattern too expensive for a row past the first page:
		 * as when applied, say so and show all */
		show(err);
		lv->tell_count = 0;
		if (lv->filter)
			lv_set_filter(lv, db, NULL, &e);
		return;
	}
	if (lv->tell_count && lv->count >= 0)
		say_count(lv);
}

void
ui_filter_edit(struct db *db, struct listview *lv, const char *init)
{
	struct filter *f;
	struct so_err err;
	char *text, *next;
	size_t pos;

	text = xstrdup(init ? init : lv->filter ? filter_text(lv->filter) :
	    "");
	for (;;) {
		next = ui_prompt(_("filter: "), text, NULL, NULL);
		if (next == NULL) {
			free(text);
			return;
		}
		free(text);
		text = next;
		if (filter_compile(db, lv->ent, text, db_now(db), &f, &pos,
		    &err) == SO_OK)
			break;
		ui_prompt_error(err.msg, pos);
	}
	free(text);
	apply(db, lv, f);
}

void
ui_filter_apply_saved(struct db *db, struct listview *lv, const char *name)
{
	struct filter *f;
	struct so_err err;
	char *expr;
	size_t pos;

	if (saved_filter_get(db, lv->ent, name, &expr, &err) != SO_OK) {
		show(&err);
		return;
	}
	/* a field renamed since it was saved: let the user mend it */
	if (filter_compile(db, lv->ent, expr, db_now(db), &f, &pos, &err) !=
	    SO_OK) {
		ui_prompt_error(err.msg, pos);
		ui_filter_edit(db, lv, expr);
	} else
		apply(db, lv, f);
	free(expr);
}

void
ui_filter_save(struct db *db, struct listview *lv, const char *name)
{
	struct so_err err;
	char *expr;

	if (lv->filter == NULL) {
		ui_message("%s", _("no filter to save: press f to make one"));
		return;
	}
	if (name == NULL || *name == '\0') {
		ui_message(":save-filter NAME");
		return;
	}
	/* "replace it?" when the name is taken by something else */
	if (saved_filter_get(db, lv->ent, name, &expr, &err) == SO_OK) {
		int same = strcmp(expr, filter_text(lv->filter)) == 0;
		char *q = xasprintf(_("Replace the saved filter \"%s\" "
		    "(%s)?"), name, expr);

		free(expr);
		if (!same && !ui_confirm(q)) {
			free(q);
			return;
		}
		free(q);
	}
	if (saved_filter_save(db, lv->ent, name, filter_text(lv->filter),
	    &err) != SO_OK)
		show(&err);
	else
		ui_message(_("filter saved as \"%s\" (F: saved filters)"),
		    name);
}

void
ui_filter_delete(struct db *db, struct listview *lv, const char *name)
{
	struct so_err err;
	char *q;

	if (name == NULL || *name == '\0') {
		ui_message(":delete-filter NAME");
		return;
	}
	q = xasprintf(_("Delete the saved filter \"%s\"?"), name);
	if (ui_confirm(q)) {
		if (saved_filter_delete(db, lv->ent, name, &err) != SO_OK)
			show(&err);
		else
			ui_message(_("saved filter \"%s\" deleted"), name);
	}
	free(q);
}

void
ui_saved_filters(struct db *db, struct listview *lv)
{
	struct saved_filter *v;
	struct so_err err;
	const char **items;
	char *title, *name;
	size_t n, i;
	int k;

	if (saved_filter_list(db, lv->ent, &v, &n, &err) != SO_OK) {
		show(&err);
		return;
	}
	items = xcalloc(n + 2, sizeof(*items));
	for (i = 0; i < n; i++)
		items[i] = xasprintf("%-20s %s", v[i].name, v[i].expr);
	items[n] = xstrdup(_("+ save the current filter as ..."));
	items[n + 1] = xstrdup(_("- delete a saved filter ..."));
	title = xasprintf(_("Saved filters: %s"), entity_plural(lv->ent));
	k = ui_menu(2, 2, LINES - 4, title, items, (int)n + 2);
	if (k >= 0 && (size_t)k < n) {
		ui_filter_apply_saved(db, lv, v[k].name);
	} else if ((size_t)k == n) {
		if (lv->filter == NULL)
			ui_message("%s", _("no filter to save: press f to make "
			    "one"));
		else if ((name = ui_prompt(_("save filter as: "), "", NULL,
		    NULL)) != NULL) {
			ui_filter_save(db, lv, name);
			free(name);
		}
	} else if ((size_t)k == n + 1 && n > 0) {
		k = ui_menu(3, 4, LINES - 4, _("Delete which filter?"), items,
		    (int)n);
		if (k >= 0)
			ui_filter_delete(db, lv, v[k].name);
	} else if ((size_t)k == n + 1)
		ui_message(_("no saved filters for %s"),
		    entity_plural(lv->ent));
	for (i = 0; i < n + 2; i++)
		free((char *)items[i]);
	free(items);
	free(title);
	saved_filter_free(v, n);
}

/* ---- group actions ---- */

enum gkind { G_SET, G_FIELD, G_PROGRAM, G_EXPORT, G_TRASH };

struct gitem {
	enum gkind	 kind;
	int		 fi;		/* G_SET; G_EXPORT: the dialect */
	char		*label;
};

/* "12 companies" / "1 company" */
static char *
how_many(const struct listview *lv, int64_t n)
{
	return ui_count_records(lv->ent, (long long)n);
}

/* A manager from the users (login, name), or NULL. */
static char *
pick_user(struct db *db, const char *title)
{
	char **logins, **names, *out = NULL;
	const char **items;
	struct so_err err;
	size_t n, i;
	int k;

	if (group_users(db, &logins, &names, &n, &err) != SO_OK) {
		show(&err);
		return NULL;
	}
	items = xcalloc(n ? n : 1, sizeof(*items));
	for (i = 0; i < n; i++)
		items[i] = xasprintf("%-12s %s", logins[i], names[i]);
	k = ui_menu(3, 4, LINES - 4, title, items, (int)n);
	if (k >= 0)
		out = xstrdup(logins[k]);
	for (i = 0; i < n; i++)
		free((char *)items[i]);
	free(items);
	free_strv(logins, n);
	free_strv(names, n);
	return out;
}

/* A program name: one of those there are, or a new one. */
static char *
pick_program(struct db *db)
{
	char **names, *out = NULL;
	const char **items;
	struct so_err err;
	size_t n, i;
	int k;

	if (group_programs(db, &names, &n, &err) != SO_OK) {
		show(&err);
		return NULL;
	}
	items = xcalloc(n + 1, sizeof(*items));
	for (i = 0; i < n; i++)
		items[i] = names[i];
	items[n] = _("+ a new program ...");
	k = ui_menu(3, 4, LINES - 4, _("Add to which program?"), items,
	    (int)n + 1);
	if (k >= 0 && (size_t)k < n)
		out = xstrdup(names[k]);
	else if ((size_t)k == n)
		out = ui_prompt(_("new program: "), "", NULL, NULL);
	free(items);
	free_strv(names, n);
	if (out && *out == '\0') {
		free(out);
		out = NULL;
	}
	return out;
}

/* Settable fields for "set another field" (no reassigning for a
 * manager). */
static int
pick_field(struct db *db, const struct listview *lv)
{
	const struct entity *ent = lv->ent;
	int head = acl_role(db) >= ROLE_HEAD;
	const char **items;
	int map[64], n = 0, i, k;

	items = xcalloc((size_t)ent->nfields + 1, sizeof(*items));
	for (i = 0; i < ent->nfields && n < 64; i++)
		if (!(ent->fields[i].flags & (F_HIDDEN | F_READONLY)) &&
		    (head || !is_user_ref(&ent->fields[i]))) {
			map[n] = i;
			items[n++] = field_label(ent, &ent->fields[i]);
		}
	k = ui_menu(3, 4, LINES - 4, _("Set which field?"), items, n);
	free(items);
	return k >= 0 ? map[k] : -1;
}

static int
do_set(struct db *db, struct listview *lv, int fi, int64_t count)
{
	const struct field_desc *fd = &lv->ent->fields[fi];
	const char *name = field_label(lv->ent, fd);
	struct so_err err;
	char *value, *q, *what, *label;
	int64_t n;
	int rc = 0;

	if (fd->type == FT_REF && strcmp(fd->ref_table, "users") == 0) {
		/* TRANSLATORS: the pick-list's title: "Manager for 12". */
		label = xasprintf(_("%s for %lld"), name, (long long)count);
		value = pick_user(db, label);
		free(label);
	} else {
		label = xasprintf(_("%s (empty clears): "), name);
		value = ui_prompt(label, "", NULL, NULL);
		free(label);
	}
	if (value == NULL)
		return 0;
	what = how_many(lv, count);
	q = fd->type == FT_REF && strcmp(fd->ref_table, "users") == 0 ?
	    xasprintf(_("Reassign %s to %s?"), what, value) :
	    /* TRANSLATORS: field, value, "12 companies" */
	    xasprintf(_("Set %s to \"%s\" on %s?"), name, value, what);
	if (ui_confirm(q)) {
		if (group_set(db, lv->ent, &lv->q, fd->name, value,
		    db_now(db), &n, &err) != SO_OK)
			show_group_error(db, &err);
		else {
			ui_message(_("%lld of %s changed: %s = %s (History on "
			    "each card)"), (long long)n, what, name, value);
			rc = 1;
		}
	}
	free(q);
	free(what);
	free(value);
	return rc;
}

static int
do_program(struct db *db, struct listview *lv, int64_t count)
{
	struct so_err err;
	char *name, *q, *what;
	int64_t n;
	int rc = 0;

	if ((name = pick_program(db)) == NULL)
		return 0;
	what = how_many(lv, count);
	q = xasprintf(_("Add %s to the program \"%s\"?"), what, name);
	if (ui_confirm(q)) {
		if (group_add_to_program(db, lv->ent, &lv->q, name, &n,
		    &err) != SO_OK)
			show_group_error(db, &err);
		else {
			ui_message(_("%lld added to \"%s\" (the others were "
			    "in it already)"), (long long)n, name);
			rc = 1;
		}
	}
	free(q);
	free(what);
	free(name);
	return rc;
}

/*
 * Exports the list to a file in dialect d: the menu offers "for Excel"
 * and "as CSV (UTF-8)" as two items, so the choice is made where it is
 * read, before the file name, rather than asked after it.
 */
static void
do_export(struct db *db, struct listview *lv, int64_t count,
    enum export_dialect d)
{
	struct so_err err;
	struct stat sb;
	char *path, *label, *q;
	int64_t rows;

	label = xasprintf(d == EXPORT_EXCEL ? _("export %lld for Excel "
	    "(CP1251, ';') to file: ") : _("export %lld as CSV (UTF-8) to "
	    "file: "), (long long)count);
	path = ui_prompt(label, "", NULL, NULL);
	free(label);
	if (path == NULL || *path == '\0') {
		free(path);
		return;
	}
	if (stat(path, &sb) == 0) {
		q = xasprintf(_("%s exists. Overwrite it?"), path);
		if (!ui_confirm(q)) {
			free(q);
			free(path);
			return;
		}
		free(q);
	}
	if (export_csv_file(db, lv->ent, &lv->q, d, path, &rows, &err) !=
	    SO_OK) {
		if (d == EXPORT_EXCEL && err.code == SO_EINVAL)
			ui_message(_("%s; nothing written (export as CSV "
			    "(UTF-8) keeps it)"), err.msg);
		else
			show(&err);
	} else
		ui_message(_("%lld %s written to %s (%s)"), (long long)rows,
		    entity_plural(lv->ent), path, export_dialect_name(d));
	free(path);
}

static int
do_trash(struct db *db, struct listview *lv, int64_t count)
{
	struct so_err err;
	char *q, *what = how_many(lv, count);
	int64_t n;
	int rc = 0;

	q = xasprintf(_("Move %s to the trash?"), what);
	if (ui_confirm(q)) {
		if (group_trash(db, lv->ent, &lv->q, &n, &err) != SO_OK)
			show_group_error(db, &err);
		else {
			ui_message(_("%lld %s moved to the trash (T: the "
			    "trash, r restores)"), (long long)n,
			    entity_plural(lv->ent));
			rc = 1;
		}
	}
	free(q);
	free(what);
	return rc;
}

int
ui_group(struct db *db, struct listview *lv)
{
	const struct entity *ent = lv->ent;
	struct gitem items[16];
	const char *labels[16];
	struct so_err err;
	char *title, *what;
	int64_t count;
	int n = 0, i, k, fi, rc = 0;

	if (lv->q.trash) {
		ui_message("%s", _("group actions work on a list, not the "
		    "trash"));
		return 0;
	}
	if (rec_count(db, ent, &lv->q, &count, &err) != SO_OK) {
		show(&err);
		return 0;
	}
	if (count == 0) {
		ui_message("%s", _("the list is empty: nothing to act on"));
		return 0;
	}
	/* who looks after them first (a head's), then category and
	 * territory */
	for (i = 0; i < ent->nfields && n < 8 && acl_role(db) >= ROLE_HEAD;
	    i++) {
		const struct field_desc *fd = &ent->fields[i];

		if (!(fd->flags & (F_HIDDEN | F_READONLY)) && is_user_ref(fd))
			items[n++] = (struct gitem){ G_SET, i,
			    xasprintf(_("Reassign: %s"),
			    field_label(ent, fd)) };
	}
	if ((fi = entity_field(ent, "category")) >= 0)
		items[n++] = (struct gitem){ G_SET, fi,
		    xasprintf(_("Set %s"), field_label(ent,
		    &ent->fields[fi])) };
	if ((fi = entity_field(ent, "city")) >= 0)
		items[n++] = (struct gitem){ G_SET, fi,
		    xasprintf(_("Set %s (territory)"), field_label(ent,
		    &ent->fields[fi])) };
	items[n++] = (struct gitem){ G_FIELD, -1,
	    xstrdup(_("Set another field ...")) };
	if (strcmp(ent->name, "company") == 0 ||
	    strcmp(ent->name, "contact") == 0)
		items[n++] = (struct gitem){ G_PROGRAM, -1,
		    xstrdup(_("Add to a program ...")) };
	items[n++] = (struct gitem){ G_EXPORT, EXPORT_EXCEL,
	    xstrdup(_("Export for Excel (CP1251, ';') ...")) };
	items[n++] = (struct gitem){ G_EXPORT, EXPORT_UTF8,
	    xstrdup(_("Export as CSV (UTF-8) ...")) };
	items[n++] = (struct gitem){ G_TRASH, -1,
	    xstrdup(_("Move to the trash")) };
	for (i = 0; i < n; i++)
		labels[i] = items[i].label;
	what = how_many(lv, count);
	title = xasprintf(lv->filter || lv->quick ? _("Filtered: %s") :
	    _("All: %s"), what);
	k = ui_menu(2, 2, LINES - 4, title, labels, n);
	if (k >= 0) {
		switch (items[k].kind) {
		case G_SET:
			rc = do_set(db, lv, items[k].fi, count);
			break;
		case G_FIELD:
			if ((fi = pick_field(db, lv)) >= 0)
				rc = do_set(db, lv, fi, count);
			break;
		case G_PROGRAM:
			rc = do_program(db, lv, count);
			break;
		case G_EXPORT:
			do_export(db, lv, count,
			    (enum export_dialect)items[k].fi);
			break;
		case G_TRASH:
			rc = do_trash(db, lv, count);
			break;
		}
	}
	for (i = 0; i < n; i++)
		free(items[i].label);
	free(title);
	free(what);
	return rc;
}
