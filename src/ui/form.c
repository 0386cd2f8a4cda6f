/*
 * The add/edit form; see include/ui/form.h.
 *
 * Each field is edited as text (struct lineedit) and parsed back through
 * the descriptor only on save, so a half-typed date is never an error
 * while the user is still typing.  Leaving a date field normalises it
 * ("tomorrow 10:00" becomes "2026-11-24 10:00") so the user sees what
 * will be stored.  References and choices show a pick-list of matches
 * under the field while the user types; Enter takes an entry and moves
 * on, so the next key typed is not taken for a new search over it.  A
 * reference's pick-list puts first what belongs to a record the form
 * already has (the contacts of its company) and shows beside each entry
 * what tells namesakes apart (their company).
 *
 * A multi-line field (FT_MEMO) is a text area (ui/textarea.h) of a few
 * rows, more while it has the focus; it takes Enter and the arrows
 * within its rows, so the form is saved with F2 or ^S there and left
 * with Tab.  F4 or ^O hand its text to the user's editor: the form is a
 * modal editor with a loop of its own (not a screen_ops), so it can lend
 * the terminal and take it back without the shared loop knowing.
 *
 * An add of a company or contact looks for the records it likely
 * duplicates (store/dupes.h) before it is written and lists them: the
 * user opens the one there instead, saves anyway or goes back.  Only on
 * an add: an edit's record is already there.
 *
 * Conflicts: the form keeps the record as it was read (base).  When the
 * store answers SO_ECONFLICT we read the current row (theirs) and merge
 * per field: fields only they changed keep their value, fields only we
 * changed take ours, fields both changed are shown side by side and the
 * user chooses.  Nothing is overwritten without being shown.
 *
 * Live refresh: when another process commits while the form is open,
 * the form looks whether its record moved on and says so in its title
 * ("changed by bob at 10:42 - your save will ask"); the text typed in
 * is never replaced, the save's conflict dialog decides.
 */
#include <curses.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/proc.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/dupes.h"
#include "store/entities.h"
#include "store/product.h"
#include "store/record.h"
#include "ui/access.h"
#include "ui/columns.h"
#include "ui/draw.h"
#include "ui/form.h"
#include "ui/lineedit.h"
#include "ui/textarea.h"
#include "ui/ui.h"

#define PICK_ROWS	6
#define CTRL(c)		((c) & 0x1f)
/* A memo's text area: rows while focused, at least and at most; rows
 * shown of it otherwise. */
#define MEMO_MIN	3
#define MEMO_MAX	8
#define MEMO_SHOWN	3
/* The longest text read back from the editor. */

/* Every key the form and its dialogs read beside the line editor's
 * (ui/lineedit.h) and the text area's (ui/textarea.h):
 * tests/unit/test_keys.c finds each in the man page's Forms section. */
const char *const ui_form_keys[] = {
	"Tab", "Shift-Tab", "Down", "Up", "Enter", "F2", "^S", "Esc", "F4",
	"^O", "^N", "^P",
	"o", "s",		/* the likely duplicates */
	"m", "t",		/* a conflict */
	NULL
};

/* TRANSLATORS: the form's hints; the keys' names stay as they are. */
static const char *const form_hints_line = N_("Tab next  Shift-Tab "
    "previous  F2 or ^S save  Esc cancel");
static const char *const form_hints_memo = N_("Enter new line  Tab next  "
    "F4 or ^O editor  F2 or ^S save  Esc cancel");

struct ffield {
	int		 fi;		/* descriptor index */
	struct lineedit	 le;
	char		*error;		/* shown beside the field */
	int64_t		 ref_id;	/* FT_REF: chosen id, 0 none */
	int		 typed;		/* typed into since focused */
	int		 memo;		/* FT_MEMO: edited in a text area */
	struct textarea	 ta;
	/* Shown, not typed into: the store computes it (a deal's amount
	 * from its lines, store/product.h). */
	int		 locked;
};

struct form {
	struct db	*db;
	const struct entity *ent;
	void		*rec;		/* in/out */
	void		*base;		/* as read, for conflicts */
	struct ffield	*f;
	int		 n, cur, top;
	/* the pick-list under the current field */
	struct rec_pick	*pick;
	size_t		 npick;
	int		 psel;
	const char	*title;
	unsigned	 gen;		/* ui_data_generation() looked at */
	int64_t		 open;		/* a duplicate to open instead */
	int		 memo_cols;	/* a text area's width, as drawn */
	char		*changed;	/* someone else saved it, or NULL */
};

static int
is_pick(const struct field_desc *fd)
{
	return fd->type == FT_REF || fd->type == FT_CHOICE;
}

static void
set_error(struct ffield *f, const char *msg)
{
	free(f->error);
	f->error = msg ? xstrdup(msg) : NULL;
}

static void
pick_clear(struct form *fm)
{
	rec_pick_free(fm->pick, fm->npick);
	fm->pick = NULL;
	fm->npick = 0;
	fm->psel = 0;
}

/*
 * The rows a reference's pick-list offers first: those that belong to a
 * record the form has already chosen (the contacts of the form's
 * company, the deals of its company).  NULL when nothing is chosen.
 */
static const struct rec_near *
pick_near(const struct form *fm, const struct field_desc *fd,
    struct rec_near *near)
{
	const struct entity *e = entity_find(fd->ref_table);
	int i;

	if (e == NULL)
		return NULL;
	for (i = 0; i < fm->n; i++) {
		const struct field_desc *g = &fm->ent->fields[fm->f[i].fi];

		/* a card file chosen (not a user: "your companies first"
		 * would be a guess) that the rows offered refer to too */
		if (g == fd || g->type != FT_REF || fm->f[i].ref_id == 0 ||
		    fm->f[i].ref_id == SO_NULL ||
		    entity_find(g->ref_table) == NULL ||
		    entity_field(e, g->name) < 0)
			continue;
		near->field = g->name;
		near->id = fm->f[i].ref_id;
		return near;
	}
	return NULL;
}

/* Fills the pick-list with what matches the current field's text. */
static void
pick_update(struct form *fm)
{
	struct ffield *f = &fm->f[fm->cur];
	const struct field_desc *fd = &fm->ent->fields[f->fi];
	const struct choice *c;
	size_t cap = 0;

	pick_clear(fm);
	if (!is_pick(fd) || !f->typed)
		return;
	if (fd->type == FT_REF) {
		struct rec_near near;

		rec_ref_pick(fm->db, fd, le_text(&f->le), 50, pick_near(fm, fd,
		    &near), &fm->pick, &fm->npick, NULL);
		return;
	}
	for (c = fd->choices; c->code; c++) {
		if (!utf8_contains_fold(choice_label(fm->ent, c),
		    le_text(&f->le)) && !utf8_contains_fold(c->label,
		    le_text(&f->le)) && !utf8_contains_fold(c->code,
		    le_text(&f->le)))
			continue;
		if (fm->npick == cap) {
			cap = cap ? cap * 2 : 8;
			fm->pick = xrealloc(fm->pick, cap * sizeof(*fm->pick));
		}
		fm->pick[fm->npick].id = (int64_t)(c - fd->choices);
		fm->pick[fm->npick].title = xstrdup(choice_label(fm->ent, c));
		fm->pick[fm->npick].detail = NULL;
		fm->npick++;
	}
}

static void
pick_choose(struct form *fm)
{
	struct ffield *f = &fm->f[fm->cur];

	if (fm->npick == 0)
		return;
	le_set(&f->le, fm->pick[fm->psel].title);
	if (fm->ent->fields[f->fi].type == FT_REF)
		f->ref_id = fm->pick[fm->psel].id;
	f->typed = 0;
	set_error(f, NULL);
	pick_clear(fm);
}

/* ---- building the form, and reading it back ---- */

/*
 * A field's text in the form: as a person reads it (col_value: a choice
 * by its label, a yes, in the messages' language), which form_parse
 * reads back (the store's parser takes a code, an English label, yes or
 * да).
 */
static char *
form_text(const struct entity *ent, int fi, const void *rec)
{
	return col_value(ent, fi, rec);
}

/* The code of the choice whose label (in the messages' language) the
 * text is, or the text itself. */
static const char *
choice_code(const struct entity *ent, const struct field_desc *fd,
    const char *text)
{
	const struct choice *c;
	char *t, *l;
	int hit = 0;

	if (fd->type != FT_CHOICE || fd->choices == NULL)
		return text;
	t = utf8_fold(text + strspn(text, " "));
	for (c = fd->choices; c->code && !hit; c++) {
		l = utf8_fold(choice_label(ent, c));
		hit = strcmp(l, t) == 0;
		free(l);
	}
	free(t);
	return hit ? c[-1].code : text;
}

static void
form_build(struct form *fm)
{
	int i;

	fm->f = xcalloc((size_t)fm->ent->nfields, sizeof(*fm->f));
	for (i = 0; i < fm->ent->nfields; i++) {
		const struct field_desc *fd = &fm->ent->fields[i];
		struct ffield *f;
		char *v;

		if (fd->flags & (F_HIDDEN | F_READONLY))
			continue;
		f = &fm->f[fm->n++];
		f->fi = i;
		v = form_text(fm->ent, i, fm->rec);
		le_init(&f->le, v);
		free(v);
		f->le.maxchars = 100000;
		f->memo = fd->type == FT_MEMO;
		ta_init(&f->ta);
		if (fd->type == FT_REF && !field_is_empty(fd, fm->rec))
			f->ref_id = field_int_c(fd, fm->rec);
		if (fm->ent == &entity_deal && strcmp(fd->name, "amount") == 0)
			f->locked = deal_has_lines(fm->db,
			    rec_meta(fm->rec)->id);
	}
}

/*
 * Why the text of a reference is refused: several rows match, or none;
 * a lookup of a few rows (event types, results, users) names them, as
 * a choice field does.
 */
static void
ref_error(struct form *fm, struct ffield *f, size_t nmatch)
{
	const struct field_desc *fd = &fm->ent->fields[f->fi];
	const struct entity *e = entity_find(fd->ref_table);
	struct rec_pick *p = NULL;
	struct strbuf b = { 0 };
	size_t n = 0, i;

	const char *label = field_label(fm->ent, fd);

	if (nmatch > 1)
		sb_printf(&b, _("%s: several match: pick one from the list"),
		    label);
	else if (e != NULL) {
		char *what = utf8_fold(entity_label(e));

		/* TRANSLATORS: "Company: no deal matches "Ромашка"". */
		sb_printf(&b, _("%s: no %s matches \"%s\""), label, what,
		    le_text(&f->le));
		free(what);
	} else if (rec_ref_pick(fm->db, fd, "", 13, NULL, &p, &n, NULL) ==
	    SO_OK && n > 0 && n <= 12) {
		/* TRANSLATORS: a list of the values follows. */
		sb_printf(&b, _("%s: one of "), label);
		for (i = 0; i < n; i++)
			sb_printf(&b, "%s%s", i ? ", " : "", p[i].title);
	} else
		sb_printf(&b, _("%s: nothing matches \"%s\""), label,
		    le_text(&f->le));
	rec_pick_free(p, n);
	set_error(f, sb_str(&b));
	sb_free(&b);
}

/*
 * Parses every field into out (a copy of the record).  Returns the index
 * of the first field in error, or -1 when all parsed.
 */
static int
form_parse(struct form *fm, void *out)
{
	struct so_err err;
	int i, first = -1;

	for (i = 0; i < fm->n; i++) {
		struct ffield *f = &fm->f[i];
		const struct field_desc *fd = &fm->ent->fields[f->fi];
		const char *text = le_text(&f->le);
		int rc;

		if (fd->type == FT_REF && *text && f->ref_id == 0) {
			struct rec_pick *p;
			size_t n = 0;

			/* Typed but not picked: accept a unique match. */
			rec_ref_pick(fm->db, fd, text, 2, NULL, &p, &n, NULL);
			if (n == 1) {
				f->ref_id = p[0].id;
				le_set(&f->le, p[0].title);
			}
			rec_pick_free(p, n);
			if (n != 1) {
				ref_error(fm, f, n);
				if (first < 0)
					first = i;
				continue;
			}
		}
		if (fd->type == FT_REF) {
			*field_int(fd, out) = *text ? f->ref_id : SO_NULL;
			set_error(f, NULL);
			continue;
		}
		rc = field_parse(fm->ent, f->fi, out, choice_code(fm->ent, fd,
		    text), db_now(fm->db), &err);
		if (rc == SO_OK)
			rc = field_validate(fm->ent, f->fi, out, &err);
		if (rc != SO_OK) {
			set_error(f, err.msg);
			if (first < 0)
				first = i;
		} else
			set_error(f, NULL);
	}
	return first;
}

/* Leaving a date field: show what will be stored, or why it can't be. */
static void
normalise(struct form *fm, struct ffield *f)
{
	const struct field_desc *fd = &fm->ent->fields[f->fi];
	struct so_err err;
	void *tmp;
	char *v;

	if (fd->type != FT_MOMENT && fd->type != FT_DATE &&
	    fd->type != FT_MONEY)
		return;
	tmp = xcalloc(1, fm->ent->size);
	rec_init(fm->ent, tmp);
	if (field_parse(fm->ent, f->fi, tmp, le_text(&f->le), db_now(fm->db),
	    &err) == SO_OK) {
		v = field_format_shown(fm->ent, f->fi, tmp);
		le_set(&f->le, v);
		free(v);
		set_error(f, NULL);
	} else
		set_error(f, err.msg);
	rec_clear(fm->ent, tmp);
	free(tmp);
}

/*
 * Has someone else saved the record since the form read it (base)?
 * Looked at when others commit (force: after a conflict, when base is
 * their version).
 */
static void
watch(struct form *fm, int force)
{
	unsigned g = ui_data_generation();
	int64_t id = rec_meta(fm->base)->id;
	struct so_err err;
	char *by;
	void *cur;

	if ((g == fm->gen && !force) || id == 0)
		return;
	fm->gen = g;
	cur = xcalloc(1, fm->ent->size);
	if (rec_get(fm->db, fm->ent, id, cur, &err) == SO_OK) {
		free(fm->changed);
		fm->changed = NULL;
		if (rec_meta(cur)->version != rec_meta(fm->base)->version) {
			by = ui_changed_by(fm->db, fm->ent, id,
			    rec_meta(cur)->updated_at);
			/* TRANSLATORS: "changed by bob at 10:42 — your save
			 * will ask" */
			fm->changed = xasprintf(_("%s \xe2\x80\x94 your save "
			    "will ask"), by);
			free(by);
		}
		rec_clear(fm->ent, cur);
	}
	free(cur);
}

/* ---- drawing ---- */

/*
 * The form's columns, from its width: the labels as wide as the longest
 * (up to two fifths of the form), a blank, then a one-line field and
 * its error beside it, or a memo's text area across both.
 */
struct layout {
	int	 y, x, h, w;
	int	 lw, fw, ew, mw;	/* label, field, error, memo */
	int	 rows;			/* for the fields */
};

/* The columns a memo's text is wrapped in: one fewer than its area, so
 * the cursor after a full row is still inside it. */
static int
memo_cols(const struct layout *l)
{
	return l->mw > 2 ? l->mw - 1 : 1;
}

/* Rows of field i: one, or a memo's text area -- while focused at least
 * MEMO_MIN rows and up to MEMO_MAX, else its first MEMO_SHOWN rows. */
static int
field_height(const struct form *fm, const struct layout *l, int i)
{
	const struct ffield *f = &fm->f[i];
	struct ta_row *r;
	int n;

	if (!f->memo)
		return 1;
	n = (int)ta_wrap(le_text(&f->le), memo_cols(l), &r);
	free(r);
	if (i == fm->cur)
		n = n < MEMO_MIN ? MEMO_MIN : n > MEMO_MAX ? MEMO_MAX : n;
	else if (n > MEMO_SHOWN)
		n = MEMO_SHOWN;
	return n < l->rows || l->rows < 1 ? n : l->rows;
}

static void
form_layout(const struct form *fm, struct layout *l)
{
	int i, lab, total = 0;

	l->w = COLS - 4 < 100 ? COLS - 4 : 100;
	l->x = (COLS - l->w) / 2;
	l->lw = 8;
	for (i = 0; i < fm->n; i++) {
		const struct field_desc *fd = &fm->ent->fields[fm->f[i].fi];

		lab = utf8_width(field_label(fm->ent, fd)) +
		    (fd->flags & F_REQUIRED ? 2 : 0);
		if (lab > l->lw)
			l->lw = lab;
	}
	if (l->lw > l->w * 2 / 5)
		l->lw = l->w * 2 / 5;
	l->fw = (l->w - l->lw - 6) * 3 / 5;
	l->ew = l->w - l->lw - 6 - l->fw;
	l->mw = l->fw + 1 + l->ew;
	l->rows = LINES - 6;
	for (i = 0; i < fm->n; i++)
		total += field_height(fm, l, i);
	l->h = total + 4 < LINES - 2 ? total + 4 : LINES - 2;
	l->rows = l->h - 4;
	l->y = (LINES - 1 - l->h) / 2;
}

/* The first field shown: the current one whole, and as many before it
 * as fit. */
static void
scroll_to_current(struct form *fm, const struct layout *l)
{
	int used, i;

	if (fm->cur < fm->top)
		fm->top = fm->cur;
	for (;;) {
		for (used = 0, i = fm->top; i <= fm->cur; i++)
			used += field_height(fm, l, i);
		if (used <= l->rows || fm->top == fm->cur)
			break;
		fm->top++;
	}
}

/* A memo's text area at (y, x): hh rows of its text wrapped, from its
 * scroll when focused (the cursor placed), else from its start, the
 * last row marked when there is more. */
static void
draw_memo(struct ffield *f, const struct layout *l, int y, int x, int hh,
    int focused, int *cury, int *curx)
{
	const char *s = le_text(&f->le);
	struct ta_row *r;
	size_t n = ta_wrap(s, memo_cols(l), &r), k;
	int i, row, col, top = 0;

	if (focused) {
		ta_cursor(&f->ta, &f->le, memo_cols(l), hh, &row, &col);
		top = f->ta.top;
		*cury = y + row - top;
		*curx = x + (col < l->mw - 1 ? col : l->mw - 1);
	}
	for (i = 0; i < hh; i++) {
		size_t to;
		char *t;

		k = (size_t)(top + i);
		if (k >= n) {
			draw_text(y + i, x, l->mw, "", focused ? UA_FOCUS :
			    UA_FIELD);
			continue;
		}
		/* the blanks that hang past a wrapped row are not shown */
		for (to = r[k].to; to > r[k].from && (s[to - 1] == ' ' ||
		    s[to - 1] == '\t'); to--)
			;
		if (!focused && i == hh - 1 && k + 1 < n)
			t = xasprintf("%.*s \xe2\x80\xa6", (int)(to - r[k].from),
			    s + r[k].from);
		else
			t = xstrndup(s + r[k].from, to - r[k].from);
		draw_text(y + i, x, l->mw, t, focused ? UA_FOCUS : UA_FIELD);
		free(t);
	}
	free(r);
}

static void
form_draw(struct form *fm)
{
	struct layout l;
	int i, line, hh, cury = -1, curx = 0;

	ui_redraw();
	if (ui_too_small())
		return;
	form_layout(fm, &l);
	fm->memo_cols = memo_cols(&l);
	scroll_to_current(fm, &l);
	draw_fill(l.y, l.x, l.h, l.w, UA_NORMAL);
	if (fm->changed) {
		char *t = xasprintf("%s - %s", fm->title, fm->changed);

		draw_box(l.y, l.x, l.h, l.w, t);
		free(t);
	} else
		draw_box(l.y, l.x, l.h, l.w, fm->title);
	for (i = fm->top, line = 0; i < fm->n && line < l.rows; i++) {
		struct ffield *f = &fm->f[i];
		const struct field_desc *fd = &fm->ent->fields[f->fi];
		int fy = l.y + 1 + line, fx = l.x + 3 + l.lw, focused =
		    i == fm->cur;
		char *label = xasprintf("%s%s", field_label(fm->ent, fd),
		    fd->flags & F_REQUIRED ? " *" : "");

		hh = field_height(fm, &l, i);
		if (hh > l.rows - line)
			hh = l.rows - line;
		draw_text(fy, l.x + 2, l.lw, label, f->error ? UA_ERROR :
		    UA_DIM);
		free(label);
		draw_text(fy, l.x + 2 + l.lw, 1, " ", UA_NORMAL);
		if (f->memo)
			draw_memo(f, &l, fy, fx, hh, focused, &cury, &curx);
		else {
			size_t from = 0, to = strlen(le_text(&f->le));
			int curcol;
			char *vis;

			if (focused) {
				le_view(&f->le, l.fw, &from, &to, &curcol);
				cury = fy;
				curx = fx + curcol;
			}
			vis = xstrndup(le_text(&f->le) + from, to - from);
			draw_text(fy, fx, l.fw, vis, f->locked ? UA_DIM :
			    focused ? UA_FOCUS : UA_FIELD);
			free(vis);
			draw_text(fy, fx + l.fw + 1, l.ew, f->error ?
			    f->error : f->locked ? _("(from the lines)") : "",
			    f->error ? UA_ERROR : UA_DIM);
		}
		line += hh;
	}
	draw_hints(l.y + l.h - 2, l.x + 2, l.w - 4, fm->f[fm->cur].memo ?
	    _(form_hints_memo) : _(form_hints_line), UA_DIM);
	/* the pick-list under the current field */
	if (fm->npick > 0 && cury >= 0) {
		int py = cury + 1, n = fm->npick < PICK_ROWS ? (int)fm->npick :
		    PICK_ROWS, top = fm->psel >= n ? fm->psel - n + 1 : 0;

		if (py + n + 2 > LINES - 1)
			py = cury - n - 2;
		draw_box(py, l.x + 2 + l.lw, n + 2, l.mw + 2, "");
		for (i = 0; i < n; i++) {
			const struct rec_pick *p = &fm->pick[top + i];
			/* the company beside a contact: namesakes told
			 * apart */
			char *t = p->detail ? xasprintf("%s  \xc2\xb7 %s",
			    p->title, p->detail) : xstrdup(p->title);

			draw_text(py + 1 + i, l.x + 3 + l.lw, l.mw, t, top +
			    i == fm->psel ? UA_SELECT : UA_NORMAL);
			free(t);
		}
	}
	if (fm->f[fm->cur].error)
		draw_text(LINES - 1, 0, COLS, fm->f[fm->cur].error, UA_ERROR);
	if (cury >= 0) {
		move(cury, curx);
		curs_set(1);
	}
	refresh();
}

/* ---- saving, and conflicts ---- */

/*
 * Shows the fields both sides changed and asks which to keep.
 * Returns 'm' (mine), 't' (theirs) or 0 (back to the form).
 */
static int
conflict_dialog(struct form *fm, const void *mine, const void *theirs)
{
	const char **lines = NULL;
	int n = 0, i, choice, y, x, h, w;
	wint_t ch;
	int kc;

	for (i = 0; i < fm->ent->nfields; i++) {
		const struct field_desc *fd = &fm->ent->fields[i];
		char *a, *t;

		if (field_equal(fd, fm->base, mine) ||
		    field_equal(fd, fm->base, theirs) ||
		    field_equal(fd, mine, theirs))
			continue;
		a = form_text(fm->ent, i, mine);
		t = form_text(fm->ent, i, theirs);
		lines = xrealloc(lines, (size_t)(n + 2) * sizeof(*lines));
		lines[n++] = xasprintf(_("%s: yours \"%s\""),
		    field_label(fm->ent, fd), a);
		/* TRANSLATORS: under "Phone: yours "..."", aligned by the
		 * blanks before it. */
		lines[n++] = xasprintf(_("%*s theirs \"%s\""), utf8_width(
		    field_label(fm->ent, fd)) + 1, "", t);
		free(a);
		free(t);
	}
	for (;;) {
		ui_redraw();
		if (ui_too_small()) {
			ui_getkey(&ch, &kc, -1);
			continue;
		}
		w = COLS - 8;
		h = n + 6 < LINES - 2 ? n + 6 : LINES - 2;
		y = (LINES - h) / 2;
		x = 4;
		draw_fill(y, x, h, w, UA_NORMAL);
		draw_box(y, x, h, w, _("Changed by someone else"));
		draw_text(y + 1, x + 2, w - 4, _("Someone saved this record "
		    "while you edited it."), UA_WARN);
		for (i = 0; i < n && i < h - 5; i++)
			draw_text(y + 2 + i, x + 2, w - 4, lines[i], UA_NORMAL);
		draw_text(y + h - 2, x + 2, w - 4, _("m keep mine   t take "
		    "theirs (drop my changes)   Esc back to the form"),
		    UA_DIM);
		refresh();
		if (!ui_getkey(&ch, &kc, -1) || (kc && ch == KEY_RESIZE))
			continue;
		if (!kc && (ch == 'm' || ch == 't' || ch == 27))
			break;
	}
	choice = ch == 27 ? 0 : (int)ch;
	for (i = 0; i < n; i++)
		free((char *)lines[i]);
	free(lines);
	return choice;
}

/*
 * Before an add is written: the records it likely duplicates (a company
 * by name in the same city, phone or e-mail; a contact by name at the
 * same company, phone or e-mail), to open one of them instead.
 * Returns 's' (save anyway), 'o' with fm->open set, or 0 (back to the
 * form).  Nothing found, or the search failing (said on the message
 * line), saves: the warning is a help, not a lock.
 */
#define DUPES_MAX	20

static int
dupes_dialog(struct form *fm, const void *work)
{
	struct dupe *v;
	struct so_err err;
	size_t n = 0, i;
	int sel = 0, top = 0, y, x, h, w, rows, choice = 0;
	wint_t ch;
	int kc;

	if (store_dupes_like(fm->db, fm->ent, work, DUPES_MAX, &v, &n, &err) !=
	    SO_OK) {
		ui_message("%s", err.msg);
		return 's';
	}
	if (n == 0)
		return 's';
	while (choice == 0) {
		ui_redraw();
		if (ui_too_small()) {
			ui_getkey(&ch, &kc, -1);
			continue;
		}
		w = COLS - 8;
		h = (int)n + 5 < LINES - 2 ? (int)n + 5 : LINES - 2;
		rows = h - 4;
		y = (LINES - 1 - h) / 2;
		x = 4;
		if (sel < top)
			top = sel;
		if (sel >= top + rows)
			top = sel - rows + 1;
		draw_fill(y, x, h, w, UA_NORMAL);
		draw_box(y, x, h, w, _("Already here?"));
		{
			char *l = utf8_fold(entity_label(fm->ent));
			char *t = xasprintf(_("This %s may already be here:"),
			    l);

			draw_text(y + 1, x + 2, w - 4, t, UA_WARN);
			free(t);
			free(l);
		}
		for (i = 0; (int)i < rows && top + i < n; i++) {
			const struct dupe *d = &v[top + i];
			/* TRANSLATORS: the record, ", " and its detail, then
			 * what is the same (phone, e-mail, name). */
			char *line = xasprintf(_("%s%s%s  (same %s)"), d->title,
			    *d->detail ? ", " : "", d->detail, d->why);

			draw_text(y + 2 + (int)i, x + 2, w - 4, line, top +
			    (int)i == sel ? UA_SELECT : UA_NORMAL);
			free(line);
		}
		draw_text(y + h - 2, x + 2, w - 4, _("Enter open it   s save "
		    "anyway   Esc back to the form"), UA_DIM);
		curs_set(0);
		refresh();
		if (!ui_getkey(&ch, &kc, -1))
			continue;
		if (kc && ch == KEY_RESIZE)
			continue;
		if (kc && ch == KEY_DOWN && sel + 1 < (int)n)
			sel++;
		else if (kc && ch == KEY_UP && sel > 0)
			sel--;
		else if ((kc && ch == KEY_ENTER) || (!kc && (ch == '\n' ||
		    ch == '\r' || ch == 'o'))) {
			fm->open = v[sel].id;
			choice = 'o';
		} else if (!kc && (ch == 's' || ch == 27))
			choice = (int)ch;
	}
	store_dupes_like_free(v, n);
	return choice == 27 ? 0 : choice;
}

/* Theirs plus every field we changed from base. */
static void
merge(struct form *fm, void *into_theirs, const void *mine)
{
	int i;

	for (i = 0; i < fm->ent->nfields; i++) {
		const struct field_desc *fd = &fm->ent->fields[i];

		if (field_equal(fd, fm->base, mine))
			continue;
		if (field_is_text(fd)) {
			free(*field_text(fd, into_theirs));
			*field_text(fd, into_theirs) = field_text_c(fd, mine)[0] ?
			    xstrdup(field_text_c(fd, mine)) : NULL;
		} else
			*field_int(fd, into_theirs) = field_int_c(fd, mine);
	}
}

/* To the field a save refused, fresh: typing into a choice there
 * replaces what is shown, as on any field newly focused. */
static void
focus_error(struct form *fm, int to)
{
	fm->f[fm->cur].typed = 0;
	fm->cur = to;
	fm->f[to].typed = 0;
}

/* Returns 1 saved, 0 stay in the form, -1 leave without saving, 2 leave
 * to open the duplicate fm->open. */
static int
form_save(struct form *fm)
{
	const struct entity *ent = fm->ent;
	struct so_err err = { 0 };
	void *work, *theirs;
	int bad, rc, i, choice;

	pick_clear(fm);
	work = xcalloc(1, ent->size);
	rec_copy(ent, work, fm->rec);
	if ((bad = form_parse(fm, work)) >= 0) {
		focus_error(fm, bad);
		rec_clear(ent, work);
		free(work);
		return 0;
	}
	if (rec_meta(work)->id == 0 && (choice = dupes_dialog(fm, work)) !=
	    's') {
		rec_clear(ent, work);
		free(work);
		return choice == 'o' ? 2 : 0;
	}
	rc = rec_meta(work)->id ? rec_update(fm->db, ent, work, &err) :
	    rec_create(fm->db, ent, work, &err);
	while (rc == SO_ECONFLICT) {
		theirs = xcalloc(1, ent->size);
		if (rec_get(fm->db, ent, rec_meta(work)->id, theirs, &err) !=
		    SO_OK) {
			free(theirs);
			break;
		}
		choice = conflict_dialog(fm, work, theirs);
		if (choice == 't') {
			rec_clear(ent, work);
			free(work);
			rec_clear(ent, fm->rec);
			memcpy(fm->rec, theirs, ent->size);
			free(theirs);
			ui_message("%s", _("kept their version; your changes "
			    "dropped"));
			return -1;
		}
		if (choice == 0) {
			/* Back to the form: our text stays, and the next
			 * save merges against their version. */
			rec_clear(ent, fm->base);
			memcpy(fm->base, theirs, ent->size);
			rec_clear(ent, fm->rec);
			rec_copy(ent, fm->rec, fm->base);
			free(theirs);
			rec_clear(ent, work);
			free(work);
			return 0;
		}
		merge(fm, theirs, work);
		rec_clear(ent, work);
		free(work);
		work = theirs;
		rc = rec_update(fm->db, ent, work, &err);
	}
	if (rc != SO_OK) {
		for (i = 0; i < fm->n; i++)
			if (strcmp(ent->fields[fm->f[i].fi].name, err.field) ==
			    0) {
				set_error(&fm->f[i], err.msg);
				focus_error(fm, i);
				break;
			}
		if (i == fm->n)
			ui_message("%s", err.msg);
		rec_clear(ent, work);
		free(work);
		return 0;
	}
	rec_clear(ent, fm->rec);
	memcpy(fm->rec, work, ent->size);
	free(work);
	return 1;
}

static int
form_dirty(struct form *fm)
{
	int i;

	for (i = 0; i < fm->n; i++) {
		char *v = form_text(fm->ent, fm->f[i].fi, fm->base);
		int same = strcmp(v, le_text(&fm->f[i].le)) == 0;

		free(v);
		if (!same)
			return 1;
	}
	return 0;
}

static void
focus(struct form *fm, int to)
{
	if (to < 0 || to >= fm->n || to == fm->cur)
		return;
	normalise(fm, &fm->f[fm->cur]);
	pick_clear(fm);
	fm->f[fm->cur].typed = 0;
	fm->cur = to;
}

/* ---- a memo in $VISUAL or $EDITOR ---- */

/* The field's text in the user's editor (ta_edit_outside). */
static void
edit_outside(struct ffield *f)
{
	char *text = ta_edit_outside(le_text(&f->le));

	if (text == NULL)
		return;
	le_set(&f->le, text);
	ta_init(&f->ta);
	set_error(f, NULL);
	free(text);
}

int
ui_form_run(struct db *db, const struct entity *ent, void *rec,
    int64_t *open)
{
	struct form fm = { 0 };
	char *before;
	wint_t ch;
	int kc, i, result = 0, done = 0;

	fm.db = db;
	fm.ent = ent;
	fm.rec = rec;
	fm.base = xcalloc(1, ent->size);
	rec_copy(ent, fm.base, rec);
	/* TRANSLATORS: the form's title: "Add Company", "Edit Deal". */
	fm.title = xasprintf(rec_meta(rec)->id ? _("Edit %s") : _("Add %s"),
	    entity_label(ent));
	form_build(&fm);
	fm.gen = ui_data_generation();
	while (!done) {
		struct ffield *f = &fm.f[fm.cur];

		form_draw(&fm);
		if (!ui_getkey(&ch, &kc, -1))
			continue;
		if (kc && ch == KEY_RESIZE) {
			watch(&fm, 0);
			continue;
		}
		if ((kc && ch == KEY_F(2)) || (!kc && ch == CTRL('s'))) {
			if ((result = form_save(&fm)) != 0)
				done = 1;
			else
				watch(&fm, 1);
			continue;
		}
		if (!kc && ch == 27) {
			if (fm.npick) {
				pick_clear(&fm);
				f->typed = 0;
			} else if (!form_dirty(&fm) ||
			    ui_confirm(_("Discard your changes?")))
				done = 1;
			continue;
		}
		if (fm.npick && ((kc && (ch == KEY_DOWN || ch == KEY_UP)) ||
		    (!kc && (ch == CTRL('n') || ch == CTRL('p'))))) {
			if (ch == KEY_DOWN || ch == CTRL('n'))
				fm.psel = fm.psel + 1 < (int)fm.npick ?
				    fm.psel + 1 : fm.psel;
			else
				fm.psel = fm.psel > 0 ? fm.psel - 1 : 0;
			continue;
		}
		if ((kc && ch == KEY_F(4)) || (!kc && ch == CTRL('o'))) {
			if (f->memo)
				edit_outside(f);
			else
				ui_message("%s", _("F4 and ^O edit a "
				    "multi-line field in $VISUAL or $EDITOR"));
			continue;
		}
		/* A memo's text area takes Enter, the arrows within its
		 * rows and the editing keys; Up on its first row, Down on
		 * its last and Tab leave it. */
		if (f->memo && ta_key(&f->ta, &f->le, ch, kc, fm.memo_cols))
			continue;
		if ((!kc && (ch == '\n' || ch == '\r')) ||
		    (kc && ch == KEY_ENTER)) {
			if (fm.npick) {
				/* Taken: what is typed next is for the
				 * next field, not over the choice. */
				pick_choose(&fm);
				focus(&fm, fm.cur + 1);
			} else if (fm.cur == fm.n - 1) {
				normalise(&fm, f);
				if ((result = form_save(&fm)) != 0)
					done = 1;
				else
					watch(&fm, 1);
			} else
				focus(&fm, fm.cur + 1);
			continue;
		}
		if ((!kc && ch == '\t') || (kc && ch == KEY_DOWN)) {
			if (fm.npick && !kc)
				pick_choose(&fm);
			focus(&fm, fm.cur + 1 < fm.n ? fm.cur + 1 : 0);
			continue;
		}
		if (kc && (ch == KEY_BTAB || ch == KEY_UP)) {
			focus(&fm, fm.cur > 0 ? fm.cur - 1 : fm.n - 1);
			continue;
		}
		if (f->locked) {
			ui_message("%s", _("the sum of the deal's lines: "
			    "change the lines on the deal's card"));
			continue;
		}
		/* Typing into a reference or choice starts a new search:
		 * the first character replaces the value shown. */
		if (is_pick(&ent->fields[f->fi]) && !f->typed && !kc &&
		    ch >= 0x20 && ch != 0x7f)
			le_set(&f->le, "");
		before = xstrdup(le_text(&f->le));
		le_key(&f->le, ch, kc);
		if (strcmp(before, le_text(&f->le)) != 0) {
			f->typed = 1;
			f->ref_id = 0;
			pick_update(&fm);
		}
		free(before);
	}
	curs_set(0);
	pick_clear(&fm);
	for (i = 0; i < fm.n; i++) {
		le_free(&fm.f[i].le);
		free(fm.f[i].error);
	}
	free(fm.f);
	rec_clear(ent, fm.base);
	free(fm.base);
	free((char *)fm.title);
	free(fm.changed);
	if (result == 2 && open)
		*open = fm.open;
	return result == 2 ? FORM_OPEN : result > 0 ? FORM_SAVED : FORM_LEFT;
}
