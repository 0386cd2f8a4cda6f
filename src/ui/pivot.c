/*
 * The pivot screen (`:pivot [NAME]`; v on the Reports screen): a pivot
 * table of a card file, as `salesorg pivot` makes it (store/pivot.h),
 * built and read on screen.
 *
 * What is pivoted is picked from the card file's fields, as a group
 * action picks a field: e the card file, r the rows (a field, then as
 * many nested levels under it as wanted), c the columns (a field, or a
 * day, week, month, quarter or year of the card file's date), m the
 * measure (a count, or the sum or average of a number or an amount), f
 * a filter in the filter language (a mistake marked with '~' as in a
 * list), d the first and last day.  The fields of what a record links
 * to are offered too ("Company: Category" for a payment).
 *
 * The table: a group's subtotal heads its group (bold, marked), its
 * members indented under it; the totals line and the totals column stay
 * on screen while the rest scrolls both ways.  The footer line says
 * what the selected cell is and, when the columns are periods, draws
 * the selected line's trend as a sparkline.
 *
 * Enter on a cell lists the records behind it (pivot_drill, held as
 * the pivot is: a manager sees their own) in the card files' own list
 * and card, filtered to those records; Backspace, q or Esc come back to
 * the same cell.  s saves the pivot for the team under a name (asking
 * before replacing another), o lists the saved ones to run or delete;
 * what the store refuses (another's saved pivot) is said on the status
 * line.
 */
#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/entities.h"
#include "store/filter.h"
#include "store/pivot.h"
#include "ui/card.h"
#include "ui/columns.h"
#include "ui/draw.h"
#include "ui/listview.h"
#include "ui/pivot.h"
#include "ui/screen.h"
#include "ui/ui.h"

#define CTRL(c)		((c) & 0x1f)
#define GAP		2	/* blanks before a column of figures */
#define TOP		3	/* title, what, header */
#define BOTTOM		2	/* footer, hints */

/* A field offered in a pick-list: its name for the engine, its label. */
struct fpick {
	char		*name;
	char		*label;
};

struct piv_view {
	struct db	*db;
	/* The pivot, its strings owned here. */
	const struct entity *ent;
	char		*rows[PIVOT_MAXLEVELS];
	int		 nrows;
	char		*cols;		/* NULL with a period */
	enum pivot_period period;
	enum pivot_measure measure;
	char		*mfield;
	char		*filter, *from, *to, *date_field, *on;
	char		*name;		/* saved as, or NULL */
	struct pivot_spec spec;		/* points into the above */
	struct pivot_result *r;
	char		 error[600];
	/* The lines as shown: indexes into r->lines, each subtotal
	 * before its group. */
	size_t		*order;
	/* Widths: of the labels, of each column of figures, the total's. */
	int		 labelw, *colw, totalw;
	/* The cursor: a shown line (nlines: the totals line) and a column
	 * (ncols: the totals column); the first line and column shown. */
	size_t		 row, col, top, left;
	char		 msg[1024];
};

static const struct screen_key pivot_keys[] = {
	/* TRANSLATORS: a hint is a key's name, then a word or two. */
	{ '\n', "Enter", N_("the records behind the cell (Backspace comes "
	    "back)"), N_("Enter records") },
	{ '\r', NULL, NULL, NULL },
	{ 'r', "r", N_("the rows: a field, then nested levels under it"),
	    N_("r rows") },
	{ 'c', "c", N_("the columns: a field, or day, week, month, quarter, "
	    "year"), N_("c cols") },
	{ 'm', "m", N_("the measure: a count, a sum or an average"),
	    N_("m measure") },
	{ 'f', "f", N_("a filter of the records (the filter language)"),
	    N_("f filter") },
	{ 'd', "d", N_("the period: the first and the last day"),
	    N_("d dates") },
	{ 'e', "e", N_("the card file"), N_("e file") },
	{ 's', "s", N_("save the pivot for the team under a name"),
	    N_("s save") },
	{ 'o', "o", N_("the saved pivots: run one, delete one"),
	    N_("o saved") },
	{ 'k', "Up, k", N_("the line above"), NULL },
	{ 'j', "Down, j", N_("the line below"), NULL },
	{ 'h', "Left, h", N_("the column on the left"), NULL },
	{ 'l', "Right, l", N_("the column on the right"), NULL },
	{ CTRL('f'), "PgDn, ^F, Space", N_("a page down"), NULL },
	{ ' ', NULL, NULL, NULL },
	{ CTRL('b'), "PgUp, ^B", N_("a page up"), NULL },
	{ 'g', "Home, g", N_("the first line"), NULL },
	{ 'G', "End, G", N_("the totals line"), NULL },
	{ 'q', "q, Esc", N_("back"), N_("q back") },
	{ 27, NULL, NULL, NULL },
	{ 127, NULL, NULL, NULL },
	{ 0, NULL, NULL, NULL }
};

/* ---- the records behind a cell ---- */

struct drill_view {
	struct db	*db;
	struct listview	 lv;
	struct card	 card;
	int		 on_card;
	char		*title;
	char		 msg[1024];
};

static const struct screen_key drill_keys[] = {
	{ '\n', "Enter", N_("the record's card"), N_("Enter card") },
	{ '\r', NULL, NULL, NULL },
	{ 'k', "Up, k", N_("the record above"), N_("arrows move") },
	{ 'j', "Down, j", N_("the record below"), NULL },
	{ 'h', "Left, h", N_("on the card: the previous section"), NULL },
	{ 'l', "Right, l", N_("on the card: the next section"), NULL },
	{ CTRL('f'), "PgDn, ^F, Space", N_("a page down"), NULL },
	{ ' ', NULL, NULL, NULL },
	{ CTRL('b'), "PgUp, ^B", N_("a page up"), NULL },
	{ 'g', "Home, g", N_("the first record"), NULL },
	{ 'G', "End, G", N_("the last record"), NULL },
	{ 's', "s", N_("sort by the next sortable column"), N_("s sort") },
	{ 'S', "S", N_("reverse the sort order"), NULL },
	{ 'q', "Backspace, q, Esc", N_("back to the pivot, on the same "
	    "cell"), N_("Backspace pivot") },
	{ 27, NULL, NULL, NULL },
	{ 127, NULL, NULL, NULL },
	{ 0, NULL, NULL, NULL }
};

static int
drill_width(void)
{
	int w = COLS * 11 / 20;

	return w < 40 ? (COLS < 40 ? COLS : 40) : w;
}

static void
drill_sync(struct drill_view *d)
{
	struct so_err err = { 0 };
	int64_t id = lv_selected_id(&d->lv);

	if (d->card.ent == d->lv.ent && d->card.rec &&
	    rec_meta(d->card.rec)->id == id)
		return;
	if (card_load(&d->card, d->db, d->lv.ent, id, &err) != SO_OK)
		snprintf(d->msg, sizeof(d->msg), "%s", err.msg);
}

static void
drill_draw(void *self)
{
	struct drill_view *d = self;
	const char *msg;
	int lw = drill_width();

	erase();
	draw_text(0, 0, COLS, d->title, UA_TITLE);
	lv_draw(&d->lv, 1, 0, LINES - 2, lw, !d->on_card);
	card_draw(&d->card, 1, lw, LINES - 2, COLS - lw, d->on_card);
	if ((msg = ui_status_line(d->msg[0] ? d->msg : NULL)) != NULL)
		ui_draw_status(msg, UA_STATUS);
	else
		draw_hints(LINES - 1, 0, COLS, ui_screen_hints(&screen_drill,
		    d), UA_DIM);
	refresh();
}

static enum screen_rc
drill_key(void *self, wint_t ch, int keycode)
{
	struct drill_view *d = self;
	struct so_err err = { 0 };
	enum action act = ACT_NONE;
	int rc = SO_OK;

	d->msg[0] = '\0';
	switch (ui_key_letter(ch, keycode)) {
	case 'k': act = ACT_UP; break;
	case 'j': act = ACT_DOWN; break;
	case CTRL('f'): case ' ': act = ACT_PAGE_DOWN; break;
	case CTRL('b'): act = ACT_PAGE_UP; break;
	case 'g': act = ACT_HOME; break;
	case 'G': act = ACT_END; break;
	case 'h': act = ACT_SUB_PREV; break;
	case 'l': act = ACT_SUB_NEXT; break;
	case '\n': case '\r':
		if (lv_selected_id(&d->lv) != 0)
			d->on_card = 1;
		return SCREEN_STAY;
	case 's':
		rc = lv_sort_next(&d->lv, d->db, &err);
		break;
	case 'S':
		rc = lv_sort_reverse(&d->lv, d->db, &err);
		break;
	case 'q': case 27: case 127:
		if (!d->on_card)
			return SCREEN_CLOSE;
		d->on_card = 0;
		return SCREEN_STAY;
	}
	if (act == ACT_SUB_PREV || act == ACT_SUB_NEXT || (act != ACT_NONE &&
	    d->on_card))
		rc = d->on_card ? card_key(&d->card, d->db, act, LINES - 6,
		    &err) : SO_OK;
	else if (act != ACT_NONE)
		rc = lv_move(&d->lv, d->db, act, &err);
	if (rc != SO_OK)
		snprintf(d->msg, sizeof(d->msg), "%s", err.msg);
	drill_sync(d);
	return SCREEN_STAY;
}

static void
drill_reload(void *self)
{
	struct drill_view *d = self;
	struct so_err err = { 0 };

	if (lv_reload(&d->lv, d->db, LINES - 5, &err) != SO_OK ||
	    card_refresh(&d->card, d->db, &err) != SO_OK)
		snprintf(d->msg, sizeof(d->msg), "%s", err.msg);
	drill_sync(d);
}

const struct screen_ops screen_drill = {
	.name = N_("The records behind a pivot's cell"),
	.keys = drill_keys,
	.draw = drill_draw,
	.key = drill_key,
	.resize = drill_reload,
	.reload = drill_reload,
};

/* ---- the pivot ---- */

static void
free_picks(struct fpick *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(p[i].name);
		free(p[i].label);
	}
	free(p);
}

static const struct entity *
entity_of_table(const char *table)
{
	const struct entity *const *e;

	for (e = entity_all(); *e; e++)
		if (strcmp((*e)->table, table) == 0)
			return *e;
	return NULL;
}

/* A field to put on an axis: a value records share. */
static int
axis_type(const struct field_desc *fd)
{
	if (fd->flags & F_HIDDEN)
		return 0;
	switch (fd->type) {
	case FT_TEXT: case FT_CHOICE: case FT_REF: case FT_BOOL:
	case FT_DATE: case FT_INT:
		return 1;
	default:
		return 0;
	}
}

static void
add_pick(struct fpick **p, size_t *n, char *name, char *label)
{
	*p = xrealloc(*p, (*n + 1) * sizeof(**p));
	(*p)[*n].name = name;
	(*p)[*n].label = label;
	(*n)++;
}

/*
 * The fields of ent for an axis (measure 0) or a sum (measure 1): its
 * own, "manager" where it has none (its record's responsible user), then
 * those of each card file it links to, as "company.category".
 */
static struct fpick *
field_picks(const struct entity *ent, int measure, size_t *n)
{
	const struct field_desc *fd, *tf;
	const struct entity *to;
	struct fpick *p = NULL;
	size_t len;
	char *prefix;
	int i, j;

	*n = 0;
	for (i = 0; i < ent->nfields; i++) {
		fd = &ent->fields[i];
		if (measure ? (fd->type == FT_MONEY || fd->type == FT_INT) &&
		    !(fd->flags & F_HIDDEN) : axis_type(fd))
			add_pick(&p, n, xstrdup(fd->name),
			    xstrdup(field_label(ent, fd)));
	}
	if (measure)
		return p;
	if (entity_field_named(ent, "manager") < 0)
		add_pick(&p, n, xstrdup("manager"),
		    xstrdup(C_("pivot", "Manager")));
	for (i = 0; i < ent->nfields; i++) {
		fd = &ent->fields[i];
		if (fd->type != FT_REF || (fd->flags & F_HIDDEN) ||
		    (to = entity_of_table(fd->ref_table)) == NULL)
			continue;
		prefix = xstrdup(fd->name);
		len = strlen(prefix);
		if (len > 3 && strcmp(prefix + len - 3, "_id") == 0)
			prefix[len - 3] = '\0';
		for (j = 0; j < to->nfields; j++) {
			tf = &to->fields[j];
			if (axis_type(tf) && tf->type != FT_REF)
				add_pick(&p, n, xasprintf("%s.%s", prefix,
				    tf->name), xasprintf("%s: %s",
				    field_label(ent, fd), field_label(to,
				    tf)));
		}
		free(prefix);
	}
	return p;
}

/* A pick-list of fields; the name picked (a new string) or NULL.  extra
 * items come first; *k says which was picked (an extra: its index). */
static char *
pick_field(const char *title, const struct entity *ent, int measure,
    const char *const *extra, int nextra, int *k)
{
	struct fpick *p;
	const char **items;
	char *out = NULL;
	size_t n, i;

	p = field_picks(ent, measure, &n);
	items = xcalloc(n + (size_t)nextra + 1, sizeof(*items));
	for (i = 0; i < (size_t)nextra; i++)
		items[i] = extra[i];
	for (i = 0; i < n; i++)
		items[nextra + i] = p[i].label;
	*k = ui_menu(2, 4, LINES - 4, title, items, (int)n + nextra);
	if (*k >= nextra)
		out = xstrdup(p[*k - nextra].name);
	free(items);
	free_picks(p, n);
	return out;
}

static void
spec_clear(struct piv_view *v)
{
	int i;

	for (i = 0; i < v->nrows; i++)
		free(v->rows[i]);
	v->nrows = 0;
	free(v->cols);
	free(v->mfield);
	free(v->filter);
	free(v->from);
	free(v->to);
	free(v->date_field);
	free(v->on);
	free(v->name);
	v->cols = v->mfield = v->filter = v->from = v->to = NULL;
	v->date_field = v->on = v->name = NULL;
}

static char *
dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/* A new pivot of ent: by manager (every card file has one) and month. */
static void
spec_default(struct piv_view *v, const struct entity *ent)
{
	spec_clear(v);
	v->ent = ent;
	v->rows[0] = xstrdup(entity_field_named(ent, "category") >= 0 ?
	    "category" : "manager");
	v->nrows = 1;
	v->period = PIVOT_MONTH;
	v->measure = PIVOT_COUNT;
}

static void
spec_take(struct piv_view *v, const struct pivot_saved *s)
{
	int i;

	spec_clear(v);
	v->ent = entity_find(s->spec.entity);
	for (i = 0; i < s->spec.nrows && i < PIVOT_MAXLEVELS; i++)
		v->rows[i] = xstrdup(s->spec.rows[i]);
	v->nrows = i;
	v->cols = dup_or_null(s->spec.cols);
	v->period = s->spec.period;
	v->measure = s->spec.measure;
	v->mfield = dup_or_null(s->spec.measure_field);
	v->filter = dup_or_null(s->spec.filter);
	v->from = dup_or_null(s->spec.from);
	v->to = dup_or_null(s->spec.to);
	v->date_field = dup_or_null(s->spec.date_field);
	v->on = dup_or_null(s->spec.on);
	v->name = xstrdup(s->name);
}

static void
spec_build(struct piv_view *v)
{
	int i;

	memset(&v->spec, 0, sizeof(v->spec));
	v->spec.entity = v->ent->name;
	for (i = 0; i < v->nrows; i++)
		v->spec.rows[i] = v->rows[i];
	v->spec.nrows = v->nrows;
	v->spec.cols = v->period == PIVOT_NONE ? v->cols : NULL;
	v->spec.period = v->period;
	v->spec.date_field = v->date_field;
	v->spec.measure = v->measure;
	v->spec.measure_field = v->measure == PIVOT_COUNT ? NULL : v->mfield;
	v->spec.filter = v->filter;
	v->spec.from = v->from;
	v->spec.to = v->to;
	v->spec.on = v->on;
}

/* A cell as the screen shows it: money as every list shows money. */
static char *
cell_text(const struct pivot_result *r, const struct pivot_cell *c)
{
	char buf[48];
	int64_t v;

	if (c->n == 0)
		return xstrdup("");
	if (r->measure == PIVOT_COUNT)
		return xasprintf("%" PRId64, c->n);
	if (r->measure == PIVOT_SUM)
		v = c->sum;
	else
		v = (c->sum >= 0 ? c->sum + c->n / 2 : c->sum - c->n / 2) /
		    c->n;
	if (r->value_type == FT_MONEY) {
		col_money(v, buf, sizeof(buf));
		return xstrdup(buf);
	}
	if (r->measure == PIVOT_AVG)
		return xasprintf("%.2f", (double)c->sum / (double)c->n);
	return xasprintf("%" PRId64, v);
}

static double
cell_value(const struct pivot_result *r, const struct pivot_cell *c)
{
	if (c->n == 0)
		return 0;
	if (r->measure == PIVOT_COUNT)
		return (double)c->n;
	if (r->measure == PIVOT_SUM)
		return (double)c->sum;
	return (double)c->sum / (double)c->n;
}

static size_t
nshown(const struct piv_view *v)
{
	return v->r ? v->r->nlines : 0;
}

/* The line shown at i, NULL for the totals line. */
static const struct pivot_line *
shown_line(const struct piv_view *v, size_t i)
{
	return i < nshown(v) ? &v->r->lines[v->order[i]] : NULL;
}

static const struct pivot_cell *
shown_cell(const struct piv_view *v, size_t i, size_t c)
{
	const struct pivot_line *l = shown_line(v, i);

	if (l)
		return c < v->r->ncols ? &l->cells[c] : &l->total;
	return c < v->r->ncols ? &v->r->col_totals[c] : &v->r->total;
}

/* Two lines' first d keys are the same. */
static int
same_keys(const struct pivot_line *a, const struct pivot_line *b, int d)
{
	int i;

	for (i = 0; i < d; i++)
		if (strcmp(a->keys[i], b->keys[i]) != 0)
			return 0;
	return 1;
}

/*
 * The order shown: the engine puts a group's subtotal after its
 * members; on screen it heads them, as an outline reads.
 */
static void
make_order(struct piv_view *v)
{
	const struct pivot_result *r = v->r;
	const struct pivot_line *l, *prev = NULL;
	size_t start[PIVOT_MAXLEVELS + 1] = { 0 }, n = 0, i, at;
	int d;

	v->order = xcalloc(r->nlines + 1, sizeof(*v->order));
	for (i = 0; i < r->nlines; i++) {
		l = &r->lines[i];
		if (l->kind == PIVOT_LEAF) {
			for (d = 1; d < r->nlevels; d++)
				if (prev == NULL || !same_keys(prev, l, d))
					break;
			for (; d < r->nlevels; d++)
				start[d] = n;
			prev = l;
			v->order[n++] = i;
		} else {
			at = l->depth > 0 && l->depth <= PIVOT_MAXLEVELS ?
			    start[l->depth] : n;
			memmove(v->order + at + 1, v->order + at, (n - at) *
			    sizeof(*v->order));
			v->order[at] = i;
			n++;
		}
	}
}

static char *
line_label(const struct piv_view *v, size_t i)
{
	const struct pivot_line *l = shown_line(v, i);
	const char *s;

	if (l == NULL)
		return xstrdup(_("Total"));
	s = l->depth > 0 ? l->labels[l->depth - 1] : "";
	if (l->kind == PIVOT_SUBTOTAL)
		/* a group's heading: its subtotal */
		return xasprintf("%*s\xe2\x96\xbe %s", (l->depth - 1) * 2, "",
		    s);
	return xasprintf("%*s%s", (v->r->nlevels - 1) * 2, "", s);
}

static void
measure_widths(struct piv_view *v)
{
	const struct pivot_result *r = v->r;
	size_t i, c;
	char *s;
	int w;

	free(v->colw);
	v->colw = xcalloc(r->ncols + 1, sizeof(*v->colw));
	v->labelw = 0;
	for (i = 0; i < (size_t)r->nlevels; i++)
		if (r->level_labels[i])
			v->labelw = col_want(v->labelw, r->level_labels[i]);
	for (i = 0; i <= nshown(v); i++) {
		s = line_label(v, i);
		v->labelw = col_want(v->labelw, s);
		free(s);
		for (c = 0; c <= r->ncols; c++) {
			s = cell_text(r, shown_cell(v, i, c));
			v->colw[c] = col_want(v->colw[c], s);
			free(s);
		}
	}
	for (c = 0; c < r->ncols; c++)
		v->colw[c] = col_want(v->colw[c], r->col_labels[c]);
	w = col_want(v->colw[r->ncols], _("Total"));
	v->totalw = w;
	v->colw[r->ncols] = w;
}

static void
result_free(struct piv_view *v)
{
	pivot_result_free(v->r);
	v->r = NULL;
	free(v->order);
	v->order = NULL;
	free(v->colw);
	v->colw = NULL;
}

/* Runs the pivot; the cursor stays where it was when it still can. */
static void
run(struct piv_view *v)
{
	struct so_err err = { 0 };

	result_free(v);
	v->error[0] = '\0';
	spec_build(v);
	if (pivot_run(v->db, &v->spec, db_now(v->db), &v->r, &err) !=
	    SO_OK) {
		snprintf(v->error, sizeof(v->error), "%s", err.msg);
		v->r = NULL;
		return;
	}
	make_order(v);
	measure_widths(v);
	if (v->row > nshown(v))
		v->row = nshown(v);
	if (v->col > v->r->ncols)
		v->col = v->r->ncols;
}

/* ---- drawing ---- */

static int
label_width(const struct piv_view *v)
{
	int max = COLS / 3 > 14 ? COLS / 3 : 14;

	return v->labelw < max ? (v->labelw > 8 ? v->labelw : 8) : max;
}

/* Where the totals column starts: after the last column of figures
 * when they all fit, else at the right edge (it stays on screen). */
static int total_x(const struct piv_view *v);

/* The columns of figures that fit from v->left: how many. */
static size_t
cols_fit(const struct piv_view *v, size_t left)
{
	int room = COLS - label_width(v) - (v->totalw + GAP);
	size_t c;

	for (c = left; c < v->r->ncols; c++) {
		room -= v->colw[c] + GAP;
		if (room < 0)
			break;
	}
	return c - left;
}

static int
total_x(const struct piv_view *v)
{
	size_t c;
	int x = label_width(v);

	if (v->left == 0 && cols_fit(v, 0) == v->r->ncols) {
		for (c = 0; c < v->r->ncols; c++)
			x += v->colw[c] + GAP;
		return x;
	}
	return COLS - v->totalw - GAP;
}

static int
body_rows(void)
{
	int h = LINES - TOP - BOTTOM - 2;	/* a rule, the totals line */

	return h > 1 ? h : 1;
}

/* Keeps the cursor's line and column on screen. */
static void
follow(struct piv_view *v)
{
	size_t h = (size_t)body_rows();

	if (v->row < nshown(v)) {
		if (v->row < v->top)
			v->top = v->row;
		if (v->row >= v->top + h)
			v->top = v->row - h + 1;
	}
	if (v->col < v->r->ncols) {
		if (v->col < v->left)
			v->left = v->col;
		while (v->left < v->col && cols_fit(v, v->left) <=
		    v->col - v->left)
			v->left++;
	}
}

/* One line of the table at y: i a shown line, or nshown for totals. */
static void
draw_line(struct piv_view *v, int y, size_t i)
{
	const struct pivot_line *l = shown_line(v, i);
	size_t c, fit = cols_fit(v, v->left);
	int x, lw = label_width(v), bold, sel;
	enum ui_attr a;
	char *s;

	bold = l == NULL || l->kind == PIVOT_SUBTOTAL;
	s = line_label(v, i);
	draw_text(y, 0, lw, s, i == v->row ? UA_SELECT : bold ? UA_TITLE :
	    UA_NORMAL);
	free(s);
	x = lw;
	for (c = v->left; c <= v->r->ncols; c++) {
		if (c == v->r->ncols)
			x = total_x(v);
		else if (c >= v->left + fit)
			continue;
		sel = i == v->row && c == v->col;
		a = sel ? UA_SELECT : bold || c == v->r->ncols ? UA_TITLE :
		    UA_NORMAL;
		s = cell_text(v->r, shown_cell(v, i, c));
		if (!sel && (bold || c == v->r->ncols))
			attron(draw_attr(UA_TITLE));
		mvhline(y, x, ' ', GAP);
		if (!sel && (bold || c == v->r->ncols))
			attroff(draw_attr(UA_TITLE));
		if (*s == '\0' && !sel)
			draw_text_right(y, x + GAP, v->colw[c], "\xc2\xb7",
			    UA_DIM);
		else
			draw_text_right(y, x + GAP, v->colw[c], s, a);
		free(s);
		x += v->colw[c] + GAP;
	}
}

static void
draw_header(struct piv_view *v, int y)
{
	struct strbuf b = { 0 };
	size_t c, fit = cols_fit(v, v->left);
	int x, lw = label_width(v), i;

	for (i = 0; i < v->r->nlevels; i++)
		sb_printf(&b, "%s%s", i ? " \xe2\x80\xba " : "",
		    v->r->level_labels[i]);
	draw_fill(y, 0, 1, COLS, UA_TITLE);
	draw_text(y, 0, lw, sb_str(&b), UA_TITLE);
	sb_free(&b);
	x = lw;
	for (c = v->left; c < v->left + fit; c++) {
		draw_text_right(y, x + GAP, v->colw[c], v->r->col_labels[c],
		    c == v->col ? UA_SELECT : UA_TITLE);
		x += v->colw[c] + GAP;
	}
	/* more columns on a side: an arrow says so */
	if (v->left > 0)
		draw_text(y, lw, 1, "\xe2\x97\x82", UA_TITLE);
	if (v->left + fit < v->r->ncols)
		draw_text(y, total_x(v) - 1, 1, "\xe2\x96\xb8", UA_TITLE);
	draw_text_right(y, total_x(v) + GAP, v->totalw, _("Total"),
	    v->col == v->r->ncols ? UA_SELECT : UA_TITLE);
}

/* The line's trend across the periods: ▁ to █ from 0 to its largest. */
static void
sparkline(const struct piv_view *v, size_t i, int width, struct strbuf *b)
{
	static const char *const bars[] = { "\xe2\x96\x81", "\xe2\x96\x82",
	    "\xe2\x96\x83", "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86",
	    "\xe2\x96\x87", "\xe2\x96\x88" };
	double max = 0, x;
	size_t c, from = 0;
	int k;

	if (v->r->ncols > (size_t)width)
		from = v->r->ncols - (size_t)width;	/* the latest */
	for (c = from; c < v->r->ncols; c++)
		if ((x = cell_value(v->r, shown_cell(v, i, c))) > max)
			max = x;
	for (c = from; c < v->r->ncols; c++) {
		x = cell_value(v->r, shown_cell(v, i, c));
		k = max > 0 && x > 0 ? (int)(x * 7 / max + 0.5) : 0;
		sb_add(b, bars[k < 0 ? 0 : k > 7 ? 7 : k]);
	}
}

/* What the cursor is on: "VIP › Альфа × 2026-03: 3 (count)" and the
 * trend of its line when the columns are periods. */
static void
draw_footer(struct piv_view *v, int y)
{
	const struct pivot_line *l = shown_line(v, v->row);
	struct strbuf b = { 0 }, t = { 0 };
	char *s;
	int i, w, x;

	if (l == NULL)
		sb_add(&b, _("Total"));
	for (i = 0; l && i < l->depth; i++)
		sb_printf(&b, "%s%s", i ? " \xe2\x80\xba " : "", l->labels[i]);
	if (l && l->kind == PIVOT_SUBTOTAL)
		sb_printf(&b, " (%s)", _("subtotal"));
	sb_printf(&b, " \xc3\x97 %s", v->col < v->r->ncols ?
	    v->r->col_labels[v->col] : _("Total"));
	s = cell_text(v->r, shown_cell(v, v->row, v->col));
	sb_printf(&b, ": %s", *s ? s : "0");
	free(s);
	if (v->period != PIVOT_NONE && v->r->ncols > 1) {
		w = COLS / 2 - 12;
		sb_printf(&t, "%s ", _("trend"));
		sparkline(v, v->row, w, &t);
		w = utf8_width(sb_str(&t));
		x = utf8_width(sb_str(&b)) + 4;
		if (x > COLS - w)
			x = COLS - w;
		draw_text(y, 0, x - 1, sb_str(&b), UA_NORMAL);
		draw_text(y, x, w, sb_str(&t), UA_TITLE);
	} else
		draw_text(y, 0, COLS, sb_str(&b), UA_NORMAL);
	sb_free(&b);
	sb_free(&t);
}

static void
draw_what(struct piv_view *v, int y)
{
	struct strbuf b = { 0 };
	char from[16], to[16];

	if (v->r && v->r->from[0]) {
		col_date(v->r->from, from, sizeof(from));
		col_date(v->r->to, to, sizeof(to));
		/* TRANSLATORS: the first and the last day of a pivot */
		sb_printf(&b, _("%s - %s"), from, to);
	} else
		sb_add(&b, _("all dates"));
	if (v->filter)
		sb_printf(&b, "  %s %s", _("filter:"), v->filter);
	if (v->on)
		sb_printf(&b, "  %s %s", _("on"), v->on);
	if (acl_role(v->db) < ROLE_HEAD)
		sb_printf(&b, "  (%s)", _("your own records"));
	draw_text(y, 0, COLS, sb_str(&b), UA_DIM);
	sb_free(&b);
}

static void
pivot_draw(void *self)
{
	struct piv_view *v = self;
	struct strbuf t = { 0 };
	const char *msg;
	size_t i;
	int y;

	erase();
	sb_add(&t, _("Pivot"));
	if (v->name)
		sb_printf(&t, " \"%s\"", v->name);
	sb_printf(&t, ": %s", entity_plural(v->ent));
	if (v->r) {
		sb_printf(&t, " \xe2\x80\x94 %s, ", v->r->measure_label);
		for (i = 0; i < (size_t)v->r->nlevels; i++)
			sb_printf(&t, "%s%s", i ? " \xe2\x80\xba " : "",
			    v->r->level_labels[i]);
		sb_printf(&t, " \xc3\x97 %s", v->r->col_label);
	}
	draw_fill(0, 0, 1, COLS, UA_TITLE);
	draw_text(0, 0, COLS, sb_str(&t), UA_TITLE);
	sb_free(&t);
	draw_what(v, 1);
	if (v->r == NULL)
		draw_text(TOP, 0, COLS, v->error, UA_ERROR);
	else {
		follow(v);
		draw_header(v, 2);
		y = TOP;
		for (i = v->top; i < nshown(v) && y < TOP + body_rows(); i++)
			draw_line(v, y++, i);
		if (nshown(v) == 0)
			draw_text(y++, 0, COLS, _("no records"), UA_DIM);
		attron(draw_attr(UA_DIM));
		mvhline(y++, 0, ACS_HLINE, total_x(v) + GAP + v->totalw);
		attroff(draw_attr(UA_DIM));
		draw_line(v, y, nshown(v));
		draw_footer(v, LINES - 2);
	}
	if ((msg = ui_status_line(v->msg[0] ? v->msg : NULL)) != NULL)
		ui_draw_status(msg, UA_STATUS);
	else
		draw_hints(LINES - 1, 0, COLS, ui_screen_hints(&screen_pivot,
		    v), UA_DIM);
	refresh();
}

/* ---- the pickers ---- */

static void
pick_entity(struct piv_view *v)
{
	const struct entity *const *e;
	const char *items[16];
	int n = 0, k;

	pivot_draw(v);

	for (e = entity_all(); *e && n < 16; e++)
		items[n++] = entity_plural(*e);
	if ((k = ui_menu(2, 4, LINES - 4, _("Pivot which card file?"),
	    items, n)) < 0 || entity_all()[k] == v->ent)
		return;
	spec_default(v, entity_all()[k]);
	v->row = v->col = v->top = v->left = 0;
}

static void
pick_rows(struct piv_view *v)
{
	const char *more[1];
	char *rows[PIVOT_MAXLEVELS], *title;
	int n = 0, k, i;

	more[0] = _("(no more levels)");
	while (n < PIVOT_MAXLEVELS) {
		pivot_draw(v);
		title = n == 0 ? xstrdup(_("Rows by")) : xasprintf(_("Rows, "
		    "level %d, under the others"), n + 1);
		rows[n] = pick_field(title, v->ent, 0, more, n ? 1 : 0, &k);
		free(title);
		if (rows[n] == NULL)
			break;
		n++;
	}
	if (n == 0)
		return;
	for (i = 0; i < v->nrows; i++)
		free(v->rows[i]);
	for (i = 0; i < n; i++)
		v->rows[i] = rows[i];
	v->nrows = n;
	v->row = v->top = 0;
}

static void
pick_cols(struct piv_view *v)
{
	const char *periods[5];
	char *f;
	int k;

	pivot_draw(v);

	periods[0] = _("by day");
	periods[1] = _("by week");
	periods[2] = _("by month");
	periods[3] = _("by quarter");
	periods[4] = _("by year");
	f = pick_field(_("Columns by"), v->ent, 0, periods, 5, &k);
	if (k < 0)
		return;
	free(v->cols);
	v->cols = f;
	v->period = f ? PIVOT_NONE : (enum pivot_period)(PIVOT_DAY + k);
	v->col = v->left = 0;
}

static void
pick_measure(struct piv_view *v)
{
	struct fpick *p;
	const char **items;
	size_t n, i;
	int k;

	pivot_draw(v);

	p = field_picks(v->ent, 1, &n);
	items = xcalloc(2 * n + 1, sizeof(*items));
	items[0] = xstrdup(_("Count of records"));
	for (i = 0; i < n; i++) {
		items[1 + 2 * i] = xasprintf(_("Sum of %s"), p[i].label);
		items[2 + 2 * i] = xasprintf(_("Average of %s"), p[i].label);
	}
	k = ui_menu(2, 4, LINES - 4, _("Measure"), items, (int)(2 * n + 1));
	if (k == 0) {
		v->measure = PIVOT_COUNT;
		free(v->mfield);
		v->mfield = NULL;
	} else if (k > 0) {
		v->measure = k % 2 ? PIVOT_SUM : PIVOT_AVG;
		free(v->mfield);
		v->mfield = xstrdup(p[(k - 1) / 2].name);
	}
	for (i = 0; i < 2 * n + 1; i++)
		free((char *)items[i]);
	free(items);
	free_picks(p, n);
}

static void
pick_filter(struct piv_view *v)
{
	struct filter *f = NULL;
	struct so_err err = { 0 };
	char *text, *next;
	size_t pos;

	text = xstrdup(v->filter ? v->filter : "");
	for (;;) {
		if ((next = ui_prompt(_("filter: "), text, NULL, NULL)) ==
		    NULL) {
			free(text);
			return;
		}
		free(text);
		text = next;
		if (filter_compile(v->db, v->ent, text, db_now(v->db), &f,
		    &pos, &err) == SO_OK)
			break;
		ui_prompt_error(err.msg, pos);
	}
	filter_free(f);
	free(v->filter);
	v->filter = dup_or_null(text);
	free(text);
	v->row = v->top = 0;
}

/* One end of the period, as typed (a saved "-1y" moves with the
 * calendar); empty: open.  -1 when abandoned or wrong. */
static int
ask_date(struct piv_view *v, const char *label, char **date)
{
	char *text, out[11];

	if ((text = ui_prompt(label, *date ? *date : "", NULL, NULL)) ==
	    NULL)
		return -1;
	if (*text && dt_parse_date(text, db_now(v->db), out, v->msg,
	    sizeof(v->msg)) != 0) {
		free(text);
		return -1;
	}
	free(*date);
	*date = dup_or_null(text);
	free(text);
	return 0;
}

static void
pick_dates(struct piv_view *v)
{
	if (ask_date(v, _("From (empty: the first record): "), &v->from) ==
	    0)
		ask_date(v, _("To (empty: the last record): "), &v->to);
	v->col = v->left = 0;
}

/* ---- saved pivots ---- */

static void
save(struct piv_view *v)
{
	struct pivot_saved old;
	struct so_err err = { 0 };
	char *name, *q;

	if (v->r == NULL) {
		snprintf(v->msg, sizeof(v->msg), "%s", _("nothing to save: "
		    "the pivot does not run"));
		return;
	}
	if ((name = ui_prompt(_("save the pivot as: "), v->name ? v->name :
	    "", NULL, NULL)) == NULL)
		return;
	if (*name == '\0') {
		snprintf(v->msg, sizeof(v->msg), "%s", _("no name given"));
		free(name);
		return;
	}
	/* "replace it?" when the name is taken */
	if (pivot_load(v->db, name, &old, &err) == SO_OK) {
		q = xasprintf(_("Replace the saved pivot \"%s\" (by %s)?"),
		    name, *old.author ? old.author : "?");
		pivot_saved_clear(&old);
		if (!ui_confirm(q)) {
			free(q);
			free(name);
			return;
		}
		free(q);
	}
	spec_build(v);
	if (pivot_save(v->db, name, &v->spec, &err) != SO_OK)
		snprintf(v->msg, sizeof(v->msg), "%s", err.msg);
	else {
		snprintf(v->msg, sizeof(v->msg), _("pivot saved as \"%s\" "
		    "(o: saved pivots; salesorg pivot --run)"), name);
		free(v->name);
		v->name = xstrdup(name);
	}
	free(name);
}

/* "name  Companies: category × month, count  (ivanov)" */
static char *
saved_item(const struct pivot_saved *s)
{
	const struct entity *ent = entity_find(s->spec.entity);
	struct strbuf b = { 0 };
	int i;

	sb_printf(&b, "%-16s %s: ", s->name, ent ? entity_plural(ent) :
	    s->spec.entity);
	for (i = 0; i < s->spec.nrows; i++)
		sb_printf(&b, "%s%s", i ? "," : "", s->spec.rows[i]);
	sb_printf(&b, " \xc3\x97 %s, ", s->spec.period != PIVOT_NONE ?
	    pivot_period_name(s->spec.period) : s->spec.cols);
	if (s->spec.measure == PIVOT_COUNT)
		sb_add(&b, "count");
	else
		sb_printf(&b, "%s:%s", s->spec.measure == PIVOT_SUM ? "sum" :
		    "avg", s->spec.measure_field);
	if (*s->author)
		sb_printf(&b, " (%s)", s->author);
	return sb_steal(&b);
}

/*
 * The saved pivots; the one picked is loaded into v (1), or deleted.
 * extra ("a new pivot") is offered first when given: picked, 2.
 */
static int
saved_menu(struct db *db, struct piv_view *v, const char *extra,
    char *msg, size_t msgsz)
{
	struct pivot_saved *s;
	struct so_err err = { 0 };
	const char **items;
	size_t n, i, first = extra ? 1 : 0;
	char *q;
	int k, rc = 0;

	if (pivot_list(db, &s, &n, &err) != SO_OK) {
		snprintf(msg, msgsz, "%s", err.msg);
		return 0;
	}
	items = xcalloc(n + 2, sizeof(*items));
	if (extra)
		items[0] = xstrdup(extra);
	for (i = 0; i < n; i++)
		items[first + i] = saved_item(&s[i]);
	items[first + n] = xstrdup(_("- delete a saved pivot ..."));
	k = ui_menu(2, 2, LINES - 4, _("Saved pivots"), items,
	    (int)(first + n + 1));
	if (k >= 0 && extra && k == 0)
		rc = 2;
	else if (k >= 0 && (size_t)k < first + n) {
		spec_take(v, &s[k - first]);
		if (v->ent == NULL) {
			snprintf(msg, msgsz, _("no card file \"%s\""),
			    s[k - first].spec.entity);
			spec_default(v, &entity_company);
		} else
			rc = 1;
	} else if ((size_t)k == first + n && n == 0)
		snprintf(msg, msgsz, "%s", _("no saved pivots: s on the "
		    "pivot screen saves one"));
	else if ((size_t)k == first + n) {
		k = ui_menu(3, 4, LINES - 4, _("Delete which pivot?"),
		    items + first, (int)n);
		if (k >= 0) {
			q = xasprintf(_("Delete the saved pivot \"%s\"?"),
			    s[k].name);
			if (ui_confirm(q)) {
				if (pivot_delete(db, s[k].name, &err) !=
				    SO_OK)
					snprintf(msg, msgsz, "%s", err.msg);
				else
					snprintf(msg, msgsz, _("saved pivot "
					    "\"%s\" deleted"), s[k].name);
			}
			free(q);
		}
	}
	for (i = 0; i < first + n + 1; i++)
		free((char *)items[i]);
	free(items);
	pivot_saved_free(s, n);
	return rc;
}

/* ---- drill-down ---- */

static void
drill(struct piv_view *v)
{
	const struct pivot_line *l = shown_line(v, v->row);
	struct drill_view d;
	struct so_err err = { 0 };
	struct strbuf b = { 0 };
	int64_t *ids;
	size_t nids;
	char *count, *what;
	int i;

	spec_build(v);
	if (pivot_drill(v->db, &v->spec, db_now(v->db), l ?
	    (const char *const *)l->keys : NULL, l ? l->depth : 0,
	    v->col < v->r->ncols ? v->r->col_keys[v->col] : NULL, &ids,
	    &nids, &err) != SO_OK) {
		snprintf(v->msg, sizeof(v->msg), "%s", err.msg);
		return;
	}
	if (nids == 0) {
		free(ids);
		snprintf(v->msg, sizeof(v->msg), "%s", _("no records in this "
		    "cell"));
		return;
	}
	for (i = 0; l && i < l->depth; i++)
		sb_printf(&b, "%s%s", i ? " \xe2\x80\xba " : "", l->labels[i]);
	if (l == NULL)
		sb_add(&b, _("Total"));
	sb_printf(&b, " \xc3\x97 %s", v->col < v->r->ncols ?
	    v->r->col_labels[v->col] : _("Total"));
	what = sb_steal(&b);
	memset(&d, 0, sizeof(d));
	d.db = v->db;
	lv_init(&d.lv, v->ent, 0);
	card_init(&d.card);
	count = ui_count_records(v->ent, (long long)nids);
	/* TRANSLATORS: the records behind a pivot's cell: "2 companies:
	 * VIP × 2026-03" */
	d.title = xasprintf(_("%s: %s"), count, what);
	free(count);
	d.lv.height = LINES - 5;
	if (lv_set_filter(&d.lv, v->db, filter_of_ids(ids, nids, what),
	    &err) != SO_OK)
		snprintf(v->msg, sizeof(v->msg), "%s", err.msg);
	else {
		drill_sync(&d);
		ui_screen_run(&screen_drill, &d);
	}
	free(ids);
	free(what);
	free(d.title);
	lv_free(&d.lv);
	card_free(&d.card);
}

/* ---- keys ---- */

static enum screen_rc
pivot_key(void *self, wint_t ch, int keycode)
{
	struct piv_view *v = self;
	size_t page = (size_t)body_rows();
	int rerun = 0;

	v->msg[0] = '\0';
	switch (ui_key_letter(ch, keycode)) {
	case 'q': case 27: case 127:
		return SCREEN_CLOSE;
	case 'e':
		pick_entity(v);
		rerun = 1;
		break;
	case 'r':
		pick_rows(v);
		rerun = 1;
		break;
	case 'c':
		pick_cols(v);
		rerun = 1;
		break;
	case 'm':
		pick_measure(v);
		rerun = 1;
		break;
	case 'f':
		pick_filter(v);
		rerun = 1;
		break;
	case 'd':
		pick_dates(v);
		rerun = 1;
		break;
	case 's':
		save(v);
		break;
	case 'o':
		if (saved_menu(v->db, v, NULL, v->msg, sizeof(v->msg)) == 1) {
			v->row = v->col = v->top = v->left = 0;
			rerun = 1;
		}
		break;
	}
	if (rerun) {
		run(v);
		return SCREEN_STAY;
	}
	if (v->r == NULL)
		return SCREEN_STAY;
	switch (ui_key_letter(ch, keycode)) {
	case 'k':
		if (v->row > 0)
			v->row--;
		break;
	case 'j':
		if (v->row < nshown(v))
			v->row++;
		break;
	case 'h':
		if (v->col > 0)
			v->col--;
		break;
	case 'l':
		if (v->col < v->r->ncols)
			v->col++;
		break;
	case CTRL('f'): case ' ':
		v->row = v->row + page < nshown(v) ? v->row + page :
		    nshown(v);
		v->top = v->row >= v->top + page ? v->row : v->top;
		break;
	case CTRL('b'):
		v->row = v->row > page ? v->row - page : 0;
		break;
	case 'g':
		v->row = v->top = 0;
		break;
	case 'G':
		v->row = nshown(v);
		break;
	case '\n': case '\r':
		drill(v);
		break;
	}
	return SCREEN_STAY;
}

/* Others' commits: the same pivot run again, on the same cell. */
static void
pivot_reload(void *self)
{
	run(self);
}

const struct screen_ops screen_pivot = {
	.name = N_("The pivot screen"),
	.keys = pivot_keys,
	.draw = pivot_draw,
	.key = pivot_key,
	.reload = pivot_reload,
};

static void
view_run(struct piv_view *v)
{
	run(v);
	ui_screen_run(&screen_pivot, v);
	result_free(v);
	spec_clear(v);
}

void
ui_pivot(struct db *db, const char *name)
{
	struct piv_view v;
	struct pivot_saved s;
	struct so_err err = { 0 };

	memset(&v, 0, sizeof(v));
	v.db = db;
	spec_default(&v, &entity_company);
	if (name && *name) {
		if (pivot_load(db, name, &s, &err) != SO_OK) {
			ui_message("%s", err.msg);
			spec_clear(&v);
			return;
		}
		spec_take(&v, &s);
		if (v.ent == NULL)
			ui_message(_("no card file \"%s\""), s.spec.entity);
		pivot_saved_clear(&s);
		if (v.ent == NULL) {
			spec_clear(&v);
			return;
		}
	}
	view_run(&v);
}

void
ui_pivot_pick(struct db *db)
{
	struct piv_view v;
	char msg[600] = "";
	int rc;

	memset(&v, 0, sizeof(v));
	v.db = db;
	spec_default(&v, &entity_company);
	rc = saved_menu(db, &v, _("+ a new pivot"), msg, sizeof(msg));
	if (msg[0])
		ui_message("%s", msg);
	if (rc == 0) {
		spec_clear(&v);
		return;
	}
	if (rc == 2)
		spec_default(&v, &entity_company);
	view_run(&v);
}
