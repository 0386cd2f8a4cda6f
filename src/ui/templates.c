/*
 * The mail merge templates (:templates): the team's templates listed,
 * one opened to edit its subject and body, added, removed (asked
 * first), or previewed as the merge would render it for a contact.  The
 * same rows as `salesorg template`, through the same store functions: a
 * template is its author's, the team uses it, and only its author, a
 * head of sales or an administrator changes or removes it -- the store
 * refuses the others, and the screen leaves those keys out of its hints
 * and says why when they are pressed.
 *
 * The editor is modal with a loop of its own, as the record form is
 * (form.c): it lends the terminal to the user's editor (F4, ^O) and
 * takes it back without the shared loop knowing.  The body is a text
 * area (ui/textarea.h).  Typing { and then Tab offers the placeholders
 * the store knows (template_known) in a pick-list that narrows as one
 * types; a template whose placeholder the store does not know is
 * refused on save with the store's message, so nothing here guesses the
 * language.
 */
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/proc.h"
#include "base/utf8.h"
#include "base/util.h"
#include "exchange/merge.h"
#include "exchange/mime.h"
#include "store/acl.h"
#include "store/entities.h"
#include "store/record.h"
#include "store/template.h"
#include "ui/draw.h"
#include "ui/lineedit.h"
#include "ui/screen.h"
#include "ui/templates.h"
#include "ui/textarea.h"
#include "ui/ui.h"

#define CTRL(c)		((c) & 0x1f)
#define PICK_ROWS	8
#define PICK_CONTACTS	20
/* The longest text read back from the editor. */

struct templates_view {
	struct db	*db;
	struct template	*t;
	size_t		 n;
	int		 sel;
	char		 msg[512];
	int		 msg_error;
};

static const struct screen_key templates_keys[] = {
	/* TRANSLATORS: a hint is a key's name, then a word or two. */
	{ '\n', "Enter", N_("edit the template's subject and body"),
	    N_("Enter edit") },
	{ 'e', "e", N_("edit the template"), NULL },
	{ 'a', "a", N_("add a template"), N_("a add") },
	{ 'd', "d", N_("remove the template (asks first)"), N_("d remove") },
	{ 'p', "p", N_("preview: the template rendered for a contact"),
	    N_("p preview") },
	{ 'k', "Up, k", N_("the previous template"), NULL },
	{ 'j', "Down, j", N_("the next template"), NULL },
	{ 'q', "q, Esc", N_("back"), N_("q back") },
	{ '\r', NULL, NULL, NULL },
	{ 27, NULL, NULL, NULL },
	{ 127, NULL, NULL, NULL },
	{ 0, NULL, NULL, NULL }
};

static void
say(struct templates_view *v, int error, const char *s)
{
	snprintf(v->msg, sizeof(v->msg), "%s", s);
	v->msg_error = error;
}

static void
reload(struct templates_view *v)
{
	struct so_err err = { 0 };

	template_list_free(v->t, v->n);
	v->t = NULL;
	v->n = 0;
	if (template_list(v->db, &v->t, &v->n, &err) != SO_OK)
		say(v, 1, err.msg);
	if (v->sel >= (int)v->n)
		v->sel = v->n ? (int)v->n - 1 : 0;
}

static const struct template *
selected(const struct templates_view *v)
{
	return v->n ? &v->t[v->sel] : NULL;
}

static void
select_named(struct templates_view *v, const char *name)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (strcmp(v->t[i].name, name) == 0)
			v->sel = (int)i;
}

/* As the store decides (store/template.c, may_change). */
static int
may_change(struct db *db, const struct template *t)
{
	return acl_role(db) >= ROLE_HEAD || (t->created_by != 0 &&
	    t->created_by == db_user_id(db));
}

static void
refuse(struct templates_view *v, const struct template *t)
{
	char *s;

	s = xasprintf(_("template \"%s\" is its author's: only they, a head "
	    "of sales or an administrator may change it (template add makes "
	    "a copy of your own)"), t->name);
	say(v, 1, s);
	free(s);
}

static void
draw(struct templates_view *v)
{
	char day[11];
	size_t i;
	int y;

	erase();
	draw_fill(0, 0, 1, COLS, UA_TITLE);
	draw_text(0, 0, COLS, _(" Mail merge templates"), UA_TITLE);
	draw_text(2, 1, 20, _("Name"), UA_TITLE);
	draw_text(2, 22, 12, _("Author"), UA_TITLE);
	draw_text(2, 35, 10, _("Changed"), UA_TITLE);
	draw_text(2, 47, COLS - 47, _("Subject"), UA_TITLE);
	if (v->n == 0)
		draw_text(4, 1, COLS - 2, _("No templates; a adds one"),
		    UA_DIM);
	for (i = 0, y = 3; i < v->n && y < LINES - 5; i++, y++) {
		enum ui_attr a = (int)i == v->sel ? UA_SELECT : UA_NORMAL;
		char *who = acl_login(v->db, v->t[i].created_by);

		draw_fill(y, 0, 1, COLS, a);
		draw_text(y, 1, 20, v->t[i].name, a);
		draw_text(y, 22, 12, who, a);
		dt_format_date((time_t)v->t[i].updated_at, day);
		draw_text(y, 35, 10, day, a);
		draw_text(y, 47, COLS - 48, v->t[i].subject, a);
		free(who);
	}
	if (v->msg[0])
		ui_draw_status(v->msg, v->msg_error ? UA_ERROR : UA_STATUS);
	else if (ui_status_line(NULL) != NULL)
		ui_draw_status(ui_status_line(NULL), UA_STATUS);
	else
		draw_hints(LINES - 1, 0, COLS, ui_screen_hints(
		    &screen_templates, v), UA_DIM);
	refresh();
}

/* ---- the editor ---- */

enum { E_NAME, E_SUBJECT, E_BODY, E_N };

struct editor {
	struct db	*db;
	struct template	*t;		/* in/out */
	struct lineedit	 le[E_N];
	struct textarea	 ta;
	int		 cur, body_cols;
	char		**known;	/* every placeholder */
	size_t		 nknown;
	/* the placeholder pick-list: the matches of the text from the { at
	 * byte pstart to the cursor */
	const char	**pick;
	size_t		 npick, pstart;
	int		 psel;
	char		 msg[1024];
	int		 msg_error;
};

static void
known_load(struct editor *ed)
{
	struct strbuf b = { 0 };
	const char *p, *nl;

	template_known(&b);
	for (p = sb_str(&b); (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		ed->known = xrealloc(ed->known, (ed->nknown + 1) *
		    sizeof(*ed->known));
		ed->known[ed->nknown++] = xstrndup(p, (size_t)(nl - p));
	}
	sb_free(&b);
}

static void
pick_clear(struct editor *ed)
{
	free(ed->pick);
	ed->pick = NULL;
	ed->npick = 0;
	ed->psel = 0;
}

/*
 * The { the cursor is in a placeholder after: no }, blank or other {
 * between them (a {{ is a literal brace).  1 with its offset.
 */
static int
open_brace(const struct lineedit *le, size_t *at)
{
	const char *s = le_text(le);
	size_t i = le->cur;

	while (i > 0) {
		i--;
		if (s[i] == '}' || s[i] == ' ' || s[i] == '\t' ||
		    s[i] == '\n')
			return 0;
		if (s[i] == '{') {
			if (i > 0 && s[i - 1] == '{')
				return 0;
			*at = i;
			return 1;
		}
	}
	return 0;
}

/* needle in hay, ASCII letters in any case (the placeholders' names are
 * ASCII; strcasestr is not in C11 or POSIX). */
static int
holds(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return n == 0;
}

/* The placeholders that start with what is typed since the { (any case);
 * when none do, those that hold it.  0 when the cursor is in none. */
static int
pick_update(struct editor *ed)
{
	struct lineedit *le = &ed->le[ed->cur];
	char *typed;
	size_t i, len;
	int pass;

	pick_clear(ed);
	if (ed->cur == E_NAME || !open_brace(le, &ed->pstart))
		return 0;
	typed = xstrndup(le_text(le) + ed->pstart, le->cur - ed->pstart);
	len = strlen(typed);
	ed->pick = xcalloc(ed->nknown + 1, sizeof(*ed->pick));
	for (pass = 0; pass < 2 && ed->npick == 0; pass++)
		for (i = 0; i < ed->nknown; i++)
			if (pass == 0 ? strncasecmp(ed->known[i], typed,
			    len) == 0 : holds(ed->known[i], typed + 1))
				ed->pick[ed->npick++] = ed->known[i];
	free(typed);
	return 1;
}

/* The chosen placeholder over what was typed of it. */
static void
pick_take(struct editor *ed)
{
	struct lineedit *le = &ed->le[ed->cur];
	const char *s = le_text(le), *p;
	struct strbuf b = { 0 };
	size_t at;

	if (ed->npick == 0)
		return;
	p = ed->pick[ed->psel];
	sb_addn(&b, s, ed->pstart);
	sb_add(&b, p);
	at = b.len;
	sb_add(&b, s + le->cur);
	le_set(le, sb_str(&b));
	le->cur = at;
	sb_free(&b);
	pick_clear(ed);
}

static void
draw_line_field(struct editor *ed, int i, int y, const char *label,
    int *cy, int *cx)
{
	size_t from, to;
	int curcol, w = COLS - 12;
	char *part;
	enum ui_attr a = ed->cur == i ? UA_SELECT : UA_NORMAL;

	draw_text(y, 1, 10, label, UA_TITLE);
	le_view(&ed->le[i], w, &from, &to, &curcol);
	part = xstrndup(le_text(&ed->le[i]) + from, to - from);
	draw_fill(y, 11, 1, w, a);
	draw_text(y, 11, w, part, a);
	free(part);
	if (ed->cur == i) {
		*cy = y;
		*cx = 11 + curcol;
	}
}

static void
editor_draw(struct editor *ed)
{
	struct ta_row *r;
	const char *s = le_text(&ed->le[E_BODY]);
	int cy = 0, cx = 0, h, row = 0, col = 0, i, py, px;
	size_t n, k;
	char *title, *line;

	erase();
	draw_fill(0, 0, 1, COLS, UA_TITLE);
	/* TRANSLATORS: the editor's title: "Edit template offer". */
	title = ed->t->id ? xasprintf(_(" Edit template %s"), ed->t->name) :
	    xstrdup(_(" Add template"));
	draw_text(0, 0, COLS, title, UA_TITLE);
	free(title);
	draw_line_field(ed, E_NAME, 2, _("Name"), &cy, &cx);
	draw_line_field(ed, E_SUBJECT, 3, _("Subject"), &cy, &cx);
	draw_text(5, 1, COLS - 2, _("Body"), UA_TITLE);
	ed->body_cols = COLS - 2;
	h = LINES - 10;
	if (h < 2)
		h = 2;
	n = ta_wrap(s, ed->body_cols, &r);
	if (ed->cur == E_BODY)
		ta_cursor(&ed->ta, &ed->le[E_BODY], ed->body_cols, h, &row,
		    &col);
	for (i = 0, k = (size_t)ed->ta.top; i < h && k < n; i++, k++) {
		line = xstrndup(s + r[k].from, r[k].to - r[k].from);
		draw_text(6 + i, 1, ed->body_cols, line, UA_NORMAL);
		free(line);
	}
	free(r);
	if (ed->cur == E_BODY) {
		cy = 6 + row - ed->ta.top;
		cx = 1 + col;
	}
	if (ed->pick != NULL) {
		py = cy + 1;
		px = cx > COLS - 34 ? COLS - 34 : cx;
		k = ed->npick < PICK_ROWS ? ed->npick : PICK_ROWS;
		if (py + (int)k + 2 > LINES - 3)
			py = cy - (int)k - 2;
		draw_box(py, px, (int)k + 2, 34, NULL);
		draw_fill(py + 1, px + 1, k ? (int)k : 1, 32, UA_NORMAL);
		if (ed->npick == 0)
			draw_text(py + 1, px + 1, 32, _("no such placeholder"),
			    UA_DIM);
		for (i = 0; i < (int)k; i++) {
			int top = ed->psel >= PICK_ROWS ? ed->psel -
			    PICK_ROWS + 1 : 0;

			draw_text(py + 1 + i, px + 1, 32, ed->pick[top + i],
			    top + i == ed->psel ? UA_SELECT : UA_NORMAL);
		}
	}
	if (ed->msg[0])
		ui_draw_status(ed->msg, ed->msg_error ? UA_ERROR : UA_STATUS);
	else
		/* TRANSLATORS: the template editor's hints; the keys'
		 * names stay as they are. */
		draw_hints(LINES - 1, 0, COLS, _("{ Tab placeholder  Tab "
		    "next  F4 or ^O editor  F2 or ^S save  Esc cancel"),
		    UA_DIM);
	move(cy, cx);
	curs_set(1);
	refresh();
}

/*
 * The body in the user's editor, as the form's memo (form.c): $VISUAL,
 * else $EDITOR, else vi through sh -c, by proc_run (a setgid salesorg's
 * group dropped), on a 0600 file of a fresh name, the terminal lent
 * between def_prog_mode/endwin and reset_prog_mode.  A failed editor
 * leaves the body as it was and says why.
 */
static void
edit_outside(struct editor *ed)
{
	char *text = ta_edit_outside(le_text(&ed->le[E_BODY]));

	if (text != NULL) {
		le_set(&ed->le[E_BODY], text);
		ta_init(&ed->ta);
		free(text);
	}
	if (*ui_message_text()) {
		snprintf(ed->msg, sizeof(ed->msg), "%s", ui_message_text());
		ed->msg_error = 1;
		ui_message_clear();
	}
}

static int
editor_dirty(const struct editor *ed)
{
	return strcmp(le_text(&ed->le[E_NAME]), ed->t->name) != 0 ||
	    strcmp(le_text(&ed->le[E_SUBJECT]), ed->t->subject) != 0 ||
	    strcmp(le_text(&ed->le[E_BODY]), ed->t->body) != 0;
}

/* Through the store, which checks every placeholder; 1 when saved. */
static int
editor_save(struct editor *ed)
{
	struct template t = *ed->t;
	struct so_err err = { 0 };
	int rc;

	t.name = xstrdup(le_text(&ed->le[E_NAME]));
	t.subject = xstrdup(le_text(&ed->le[E_SUBJECT]));
	t.body = xstrdup(le_text(&ed->le[E_BODY]));
	rc = t.id ? template_update(ed->db, &t, &err) :
	    template_add(ed->db, &t, &err);
	if (rc != SO_OK) {
		snprintf(ed->msg, sizeof(ed->msg), "%s", err.msg);
		ed->msg_error = 1;
		template_clear(&t);
		return 0;
	}
	template_clear(ed->t);
	*ed->t = t;
	return 1;
}

static void
editor_focus(struct editor *ed, int to)
{
	pick_clear(ed);
	ed->cur = (to + E_N) % E_N;
}

/* A key while the placeholder list is open; 1 when it was the list's. */
static int
pick_key(struct editor *ed, wint_t ch, int kc)
{
	if (ed->pick == NULL)
		return 0;
	if ((kc && ch == KEY_DOWN) || (!kc && ch == CTRL('n'))) {
		if (ed->psel + 1 < (int)ed->npick)
			ed->psel++;
		return 1;
	}
	if ((kc && ch == KEY_UP) || (!kc && ch == CTRL('p'))) {
		if (ed->psel > 0)
			ed->psel--;
		return 1;
	}
	if ((!kc && (ch == '\t' || ch == '\n' || ch == '\r')) ||
	    (kc && ch == KEY_ENTER)) {
		pick_take(ed);
		return 1;
	}
	if (!kc && ch == 27) {
		pick_clear(ed);
		return 1;
	}
	return 0;
}

/*
 * Edits t (id 0: a new one) until it is saved (1) or left (0).  Tab
 * after a { offers the placeholders, elsewhere moves to the next part.
 */
static int
editor_run(struct db *db, struct template *t)
{
	struct editor ed = { 0 };
	int kc, i, saved = 0, done = 0, open;
	wint_t ch;

	ed.db = db;
	ed.t = t;
	le_init(&ed.le[E_NAME], t->name);
	le_init(&ed.le[E_SUBJECT], t->subject);
	le_init(&ed.le[E_BODY], t->body);
	ta_init(&ed.ta);
	ed.cur = t->id ? E_SUBJECT : E_NAME;
	ed.body_cols = COLS - 2;
	known_load(&ed);
	while (!done) {
		struct lineedit *le = &ed.le[ed.cur];

		editor_draw(&ed);
		if (!ui_getkey(&ch, &kc, -1) || (kc && ch == KEY_RESIZE))
			continue;
		ed.msg[0] = '\0';
		open = ed.pick != NULL;
		if (pick_key(&ed, ch, kc))
			continue;
		if ((kc && ch == KEY_F(2)) || (!kc && ch == CTRL('s'))) {
			if (editor_save(&ed))
				saved = done = 1;
			continue;
		}
		if (!kc && ch == 27) {
			if (!editor_dirty(&ed) ||
			    ui_confirm(_("Discard your changes?")))
				done = 1;
			continue;
		}
		if ((kc && ch == KEY_F(4)) || (!kc && ch == CTRL('o'))) {
			if (ed.cur == E_BODY)
				edit_outside(&ed);
			else
				snprintf(ed.msg, sizeof(ed.msg), "%s",
				    _("F4 and ^O edit the body in $VISUAL "
				    "or $EDITOR"));
			continue;
		}
		if (!kc && ch == '\t') {
			/* after a {: the placeholders, else the next part */
			if (!pick_update(&ed))
				editor_focus(&ed, ed.cur + 1);
			continue;
		}
		if (ed.cur == E_BODY && ta_key(&ed.ta, le, ch, kc,
		    ed.body_cols)) {
			if (open)
				pick_update(&ed);
			continue;
		}
		if ((!kc && (ch == '\n' || ch == '\r')) ||
		    (kc && (ch == KEY_ENTER || ch == KEY_DOWN))) {
			editor_focus(&ed, ed.cur + 1);
			continue;
		}
		if (kc && (ch == KEY_BTAB || ch == KEY_UP)) {
			editor_focus(&ed, ed.cur - 1);
			continue;
		}
		le_key(le, ch, kc);
		/* the list narrows as one types, and goes with the { */
		if (open)
			pick_update(&ed);
		if (ed.pick != NULL && !open_brace(le, &ed.pstart))
			pick_clear(&ed);
	}
	curs_set(0);
	pick_clear(&ed);
	for (i = 0; i < E_N; i++)
		le_free(&ed.le[i]);
	for (i = 0; i < (int)ed.nknown; i++)
		free(ed.known[i]);
	free(ed.known);
	return saved;
}

/* ---- the list's actions ---- */

static void
add_template(struct templates_view *v)
{
	struct template t = { 0 };

	t.name = xstrdup("");
	t.subject = xstrdup("");
	t.body = xstrdup("");
	if (editor_run(v->db, &t)) {
		reload(v);
		select_named(v, t.name);
		say(v, 0, _("Added"));
	}
	template_clear(&t);
}

static void
edit_template(struct templates_view *v)
{
	const struct template *sel = selected(v);
	struct so_err err = { 0 };
	struct template t;

	if (sel == NULL)
		return;
	if (!may_change(v->db, sel)) {
		refuse(v, sel);
		return;
	}
	/* the row as it is now: the version a save must match */
	if (template_get(v->db, sel->name, &t, &err) != SO_OK) {
		say(v, 1, err.msg);
		reload(v);
		return;
	}
	if (editor_run(v->db, &t)) {
		reload(v);
		select_named(v, t.name);
		say(v, 0, _("Saved"));
	}
	template_clear(&t);
}

static void
remove_template(struct templates_view *v)
{
	const struct template *sel = selected(v);
	struct so_err err = { 0 };
	char *q;
	int yes;

	if (sel == NULL)
		return;
	if (!may_change(v->db, sel)) {
		refuse(v, sel);
		return;
	}
	q = xasprintf(_("Remove template %s? (y/n) "), sel->name);
	yes = ui_confirm(q);
	free(q);
	if (!yes)
		return;
	if (template_remove(v->db, sel->name, &err) != SO_OK)
		say(v, 1, err.msg);
	else {
		reload(v);
		say(v, 0, _("Removed; its last text is in the audit log"));
	}
}

/*
 * A contact picked by a few letters of its name, as a form's reference
 * pick-list finds it (rec_pick): one match is taken, more are listed.
 * Its id, or 0 (Esc, none found: said in msg).
 */
static int64_t
pick_contact(struct db *db, char *msg, size_t msgsz)
{
	struct so_err err = { 0 };
	struct rec_pick *p = NULL;
	const char **items;
	char *text;
	size_t n = 0, i;
	int64_t id = 0;
	int k;

	msg[0] = '\0';
	if ((text = ui_prompt(_("Contact (a few letters of the name): "), "",
	    NULL, NULL)) == NULL)
		return 0;
	if (rec_pick(db, &entity_contact, text, PICK_CONTACTS, &p, &n,
	    &err) != SO_OK)
		snprintf(msg, msgsz, "%s", err.msg);
	else if (n == 0)
		snprintf(msg, msgsz, _("No contact matches \"%s\""), text);
	else if (n == 1)
		id = p[0].id;
	else {
		items = xcalloc(n, sizeof(*items));
		for (i = 0; i < n; i++)
			items[i] = p[i].detail ? xasprintf("%s (%s)",
			    p[i].title, p[i].detail) : xstrdup(p[i].title);
		ui_redraw();
		if ((k = ui_menu(4, 8, LINES - 6, _("Contact"), items,
		    (int)n)) >= 0)
			id = p[k].id;
		for (i = 0; i < n; i++)
			free((char *)items[i]);
		free(items);
	}
	rec_pick_free(p, n);
	free(text);
	return id;
}

/* "To:", "Subject:" and the body's lines, for ui_text_screen. */
static void
show_message(const char *title, const char *to, const char *subject,
    const char *body)
{
	char **lines = NULL, *copy = xstrdup(body), *p, *nl;
	size_t n = 0, i;

	lines = xcalloc(3, sizeof(*lines));
	/* TRANSLATORS: mail headers, as a message shows them. */
	lines[n++] = xasprintf(_("To: %s"), to);
	lines[n++] = xasprintf(_("Subject: %s"), subject);
	lines[n++] = xstrdup("");
	for (p = copy; p != NULL; p = nl) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		lines = xrealloc(lines, (n + 1) * sizeof(*lines));
		lines[n++] = xstrdup(p);
	}
	ui_text_screen(title, (const char *const *)lines, n);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	free(copy);
}

/* The template rendered for a contact as the merge renders it. */
static void
preview(struct templates_view *v)
{
	const struct template *sel = selected(v);
	struct so_err err = { 0 };
	struct merge *m = NULL;
	struct contact c;
	struct template t;
	char *subject = NULL, *body = NULL, *name, *addr, *to, *title;
	int64_t id;

	if (sel == NULL)
		return;
	if ((id = pick_contact(v->db, v->msg, sizeof(v->msg))) == 0) {
		v->msg_error = v->msg[0] != '\0';
		return;
	}
	if (acl_check_read(v->db, &entity_contact, id, &err) != SO_OK) {
		say(v, 1, err.msg);
		return;
	}
	if (template_get(v->db, sel->name, &t, &err) != SO_OK) {
		say(v, 1, err.msg);
		return;
	}
	if (merge_compile(&t, &m, &err) != SO_OK ||
	    store_contact_get(v->db, id, &c, &err) != SO_OK) {
		say(v, 1, err.msg);
		merge_free(m);
		template_clear(&t);
		return;
	}
	if (merge_render(v->db, m, &c, &subject, &body, &err) != SO_OK)
		say(v, 1, err.msg);
	else {
		name = merge_contact_name(&c);
		addr = mime_first_addr(c.email ? c.email : "");
		to = *addr ? xasprintf("%s <%s>", name, addr) :
		    xasprintf(_("%s (no e-mail: a merge skips this contact)"),
		    name);
		/* TRANSLATORS: a template's name, the contact's. */
		title = xasprintf(_("Preview of %s for %s"), t.name, name);
		show_message(title, to, subject, body);
		free(title);
		free(to);
		free(addr);
		free(name);
	}
	free(subject);
	free(body);
	store_contact_clear(&c);
	merge_free(m);
	template_clear(&t);
}

static enum screen_rc
screen_key(void *self, wint_t ch, int keycode)
{
	struct templates_view *v = self;
	int k = ui_key_letter(ch, keycode);

	v->msg[0] = '\0';
	switch (k) {
	case 'q':
	case 27:
	case 127:
		return SCREEN_CLOSE;
	case 'k':
		if (v->sel > 0)
			v->sel--;
		break;
	case 'j':
		if (v->sel + 1 < (int)v->n)
			v->sel++;
		break;
	case '\n':
	case '\r':
	case 'e':
		edit_template(v);
		break;
	case 'a':
		add_template(v);
		break;
	case 'd':
		remove_template(v);
		break;
	case 'p':
		preview(v);
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

/* A colleague's template: used (previewed), not changed. */
static int
screen_hidden(void *self, int key)
{
	struct templates_view *v = self;
	const struct template *t = selected(v);

	if (strchr("\ned", key) == NULL || t == NULL)
		return t == NULL && strchr("\nedp", key) != NULL;
	return !may_change(v->db, t);
}

const struct screen_ops screen_templates = {
	.name = N_("The mail merge templates"),
	.keys = templates_keys,
	.draw = screen_draw,
	.key = screen_key,
	.reload = screen_reload,
	.hidden = screen_hidden,
};

void
ui_templates(struct db *db)
{
	struct templates_view v;

	memset(&v, 0, sizeof(v));
	v.db = db;
	reload(&v);
	ui_screen_run(&screen_templates, &v);
	template_list_free(v.t, v.n);
}
