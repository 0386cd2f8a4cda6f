/*
 * The text writer of doc.h: a document laid out for a line printer, a
 * pager or the TUI's preview.
 *
 * Every page header says "page N of M", and M is only known once the
 * whole document is laid out; yet a report of the whole base (the
 * follow-up of 140 000 companies) must not be held in memory to be
 * printed.  So the document is laid out twice, as a stream both times,
 * and only the second time written: a head of sales expects "page 3 of
 * 12" on paper, and a second pass over rows read back from a file
 * (doc.h) costs far less than the query that made them.
 *
 *  - layout: every block becomes lines, grouped in items.  An item is
 *    what must stay on one page (a table row with all its wrapped
 *    lines, a heading with its underline) and says whether it must stay
 *    with the next one (a heading with what follows it, a group row with
 *    its first row), whether it is a blank separator to leave out at the
 *    top of a page, and whether to repeat the table's header when it
 *    opens a page.  A table's column widths come from a pass over its
 *    rows before its first row is laid out.
 *  - pagination: as soon as an item ends a chain (it need not stay with
 *    the next), the items waiting are poured into pages of page_length
 *    lines less the header -- a row that does not fit goes whole to the
 *    next page, unless it alone is longer than a page -- and their lines
 *    are dropped.  What is held is one chain of items and the header of
 *    the table being laid out, whatever the number of rows.
 *  - the first pass counts the pages (and the widest line, for a page of
 *    unlimited width); the second writes each page's header and lines
 *    as they are placed.  The header's width for "page N of M" depends
 *    on the digits of M, so the first pass is redone in the rare case
 *    that M gains a digit.
 *
 * Widths are display widths from our own tables (utf8.h): a Cyrillic
 * letter takes one column, a CJK character two, a combining mark none.
 * Text is sanitized before it is measured, so a control character from
 * the data takes the width of its visible "^X" form and never reaches
 * the terminal or the printer raw.
 *
 * A table is columns separated by " | " with no outer border; when any
 * row is a MARK row, every line of the table starts with a two-column
 * marker area ("! " on the marked row's lines, blanks elsewhere), so the
 * column edges stay where they are on every line.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "doc/doc.h"

#define SEP		" | "
#define SEP_RULE	"-+-"
#define SEP_W		3
#define MARK_W		2	/* "! " */
#define BLANK_MIN	12	/* room to write by hand */
#define SHRINK_MIN	6	/* a column is not squeezed below this... */
#define COL_MIN		2	/* ...unless it must; 2 holds a CJK char */
#define WIDTH_MIN	30	/* narrower than this is not a page */
#define WORD_MAX	16	/* a word a column must not break; longer
				   ones (an e-mail, a URL) may be */
#define BODY_MIN	3	/* lines a page must have below its header */

/* A growable array of owned lines. */
struct lines {
	char	**v;
	size_t	  n, cap;
};

/* What must stay together on one page (see the top of the file). */
struct item {
	size_t	 first, n;	/* pool lines [first, first + n) */
	int	 keep;		/* on the same page as the next item */
	int	 drop_at_top;	/* a separator: not at the top of a page */
	int	 page_break;
	int	 thead;		/* repeat the table's header atop a page */
	int	 rule_first;	/* a total's rule: not right under the header */
};

/* Where the second pass writes: a file, or the preview's lines. */
struct sink {
	FILE		*f;
	struct lines	*out;		/* f NULL: the preview's */
	const struct lines *head;	/* the page header, line 0 unnumbered */
	int		 W, numbered;
	size_t		 m;		/* pages in all */
	size_t		 plen;		/* the preview pads a page to it */
	size_t		 on_page;	/* lines written on this page */
};

/* A table as the first pass measured it (plan_of). */
struct plan {
	const struct doc_table *t;
	int	*w;		/* column widths; NULL: a row at a time */
	int	 marker, total;
};

struct plans {
	struct plan	*v;
	size_t		 n, cap;
};

struct layout {
	int		 width;		/* 0: no limit */
	struct plans	*plans;		/* kept from one pass to the next */
	struct lines	 pool;		/* the lines of the items waiting */
	struct item	*items;		/* the chain waiting for its page */
	size_t		 nitems, cap;
	struct lines	 thead;		/* the table's header, to repeat */
	int		 maxw;		/* widest body line */
	const char	*heading;	/* the last heading, for messages */
	/* pagination */
	size_t		 page_cap;	/* body lines a page (SIZE_MAX: one) */
	size_t		 used;		/* on the page being filled */
	size_t		 npages;
	struct sink	*sink;		/* NULL: the pass that counts */
};

/* ---- lines ---- */

static void
lines_add(struct lines *l, char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = s;
}

static void
lines_free(struct lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* Takes s, without its trailing blanks, into the body pool. */
static void
pool_add(struct layout *lo, char *s)
{
	size_t n = strlen(s);
	int w;

	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	if ((w = utf8_width(s)) > lo->maxw)
		lo->maxw = w;
	lines_add(&lo->pool, s);
}

static char *
repeat(char c, int n)
{
	char *s = xmalloc((size_t)(n > 0 ? n : 0) + 1);

	memset(s, c, (size_t)(n > 0 ? n : 0));
	s[n > 0 ? n : 0] = '\0';
	return s;
}

/* ---- wrapping ---- */

/*
 * One line of s (up to '\n', or "\r\n" as Excel writes it), tabs made
 * spaces, then sanitized: what the writer measures and prints.
 */
static char *
clean_line(const char *s, size_t len)
{
	char *raw, *out;
	size_t i;

	if (len > 0 && s[len - 1] == '\r')
		len--;
	raw = xstrndup(s, len);
	for (i = 0; i < len; i++)
		if (raw[i] == '\t')
			raw[i] = ' ';
	out = utf8_sanitize(raw);
	free(raw);
	return out;
}

/* Adds the first k bytes of s as a line. */
static void
add_n(struct lines *out, const char *s, size_t k)
{
	lines_add(out, xstrndup(s, k));
}


/*
 * Wraps one clean line at w columns (w <= 0: no limit): at spaces, and
 * a word wider than w between characters.  utf8_fit never splits a
 * sequence and leaves a wide character that does not fit for the next
 * line, and a combining mark goes with the character before it (it
 * takes no room).  Blanks at a break and at the start are dropped,
 * those between words kept.
 */
static void
wrap_line(const char *s, int w, struct lines *out)
{
	struct strbuf cur = { 0 };
	size_t before = out->n, gap, wl, k;
	const char *p = s, *word;
	int curw = 0, ww;

	if (w <= 0) {
		lines_add(out, xstrdup(s));
		return;
	}
	while (*p != '\0') {
		for (gap = 0; *p == ' '; p++)
			gap++;
		for (word = p; *p != '\0' && *p != ' '; p++)
			;
		if ((wl = (size_t)(p - word)) == 0)
			break;		/* trailing blanks */
		ww = utf8_width_n(word, wl);
		if (cur.len > 0 && curw + (int)gap + ww <= w) {
			curw += (int)gap + ww;
			while (gap-- > 0)
				sb_addc(&cur, ' ');
			sb_addn(&cur, word, wl);
			continue;
		}
		if (cur.len > 0) {
			lines_add(out, sb_steal(&cur));
			curw = 0;
		}
		while (ww > w) {
			/* the prefix that fits lies inside the word, since
			 * the word does not fit */
			if ((k = utf8_fit(word, w, NULL)) == 0)
				k = utf8_next(word, 0);	/* w < 2: progress */
			add_n(out, word, k);
			word += k;
			wl -= k;
			ww = utf8_width_n(word, wl);
		}
		if (wl > 0) {
			sb_addn(&cur, word, wl);
			curw = ww;
		}
	}
	if (cur.len > 0 || out->n == before)
		lines_add(out, sb_steal(&cur));
	sb_free(&cur);
}

/* Adds to out the lines of s ('\n' starts a new one) wrapped at w. */
static void
wrap(const char *s, int w, struct lines *out)
{
	const char *nl;
	char *line;

	for (;;) {
		nl = strchr(s, '\n');
		line = clean_line(s, nl ? (size_t)(nl - s) : strlen(s));
		wrap_line(line, w, out);
		free(line);
		if (nl == NULL)
			break;
		s = nl + 1;
	}
}

/* Width s needs unwrapped: its widest line, leading blanks dropped. */
static int
natural_width(const char *s)
{
	struct lines l = { 0 };
	size_t i;
	int w, max = 0;

	wrap(s, 0, &l);
	for (i = 0; i < l.n; i++) {
		w = utf8_width(l.v[i] + strspn(l.v[i], " "));
		if (w > max)
			max = w;
	}
	lines_free(&l);
	return max;
}

/* Appends text padded to w columns as align says. */
static void
pad(struct strbuf *b, const char *text, int w, enum doc_align align)
{
	int room = w - utf8_width(text), left = 0;

	if (room < 0)
		room = 0;
	if (align == DOC_RIGHT)
		left = room;
	else if (align == DOC_CENTER)
		left = room / 2;
	sb_printf(b, "%*s%s%*s", left, "", text, room - left, "");
}

/* ---- items ---- */

static void	place(struct layout *);

/*
 * When the last item waiting ends its chain, pours the items into pages
 * (place) and drops their lines; the lines from first on (an item being
 * made) move to the front of the pool.  Returns where they start now.
 */
static size_t
settle(struct layout *lo, size_t first)
{
	const struct item *last;
	size_t end, i;

	if (lo->nitems == 0)
		return first;
	last = &lo->items[lo->nitems - 1];
	if (last->keep && !last->page_break)
		return first;
	place(lo);
	end = last->first + last->n;
	for (i = 0; i < end; i++)
		free(lo->pool.v[i]);
	memmove(lo->pool.v, lo->pool.v + end,
	    (lo->pool.n - end) * sizeof(*lo->pool.v));
	lo->pool.n -= end;
	lo->nitems = 0;
	return first - end;
}

/* Makes the pool lines from first on an item; returns its index, good
 * until the next item_add. */
static size_t
item_add(struct layout *lo, size_t first, int keep, int drop_at_top,
    int thead)
{
	struct item *it;

	first = settle(lo, first);
	if (lo->nitems == lo->cap) {
		lo->cap = lo->cap ? 2 * lo->cap : 64;
		lo->items = xrealloc(lo->items, lo->cap * sizeof(*lo->items));
	}
	it = &lo->items[lo->nitems];
	memset(it, 0, sizeof(*it));
	it->first = first;
	it->n = lo->pool.n - first;
	it->keep = keep;
	it->drop_at_top = drop_at_top;
	it->thead = thead;
	return lo->nitems++;
}

/* A blank line between blocks, left out at the top of a page. */
static void
separator(struct layout *lo)
{
	size_t first = lo->pool.n;

	pool_add(lo, xstrdup(""));
	item_add(lo, first, 1, 1, 0);
}

/* ---- tables ---- */

struct tab {
	const struct doc_table *t;
	int	*w;		/* column widths */
	int	 marker;	/* MARK_W when a row is marked, else 0 */
	int	 total;		/* display width of a whole line */
};

static int
tab_total(const struct tab *tb)
{
	size_t j;
	int sum = tb->marker;

	for (j = 0; j < tb->t->ncols; j++)
		sum += tb->w[j] + (j > 0 ? SEP_W : 0);
	return sum;
}

/*
 * Takes columns narrower, the widest first, down to floor[j], until the
 * table fits in width.
 */
static void
shrink(struct tab *tb, const int *floor, int width)
{
	size_t j, best;
	int total = tab_total(tb);

	while (total > width) {
		best = tb->t->ncols;
		for (j = 0; j < tb->t->ncols; j++)
			if (tb->w[j] > floor[j] &&
			    (best == tb->t->ncols || tb->w[j] > tb->w[best]))
				best = j;
		if (best == tb->t->ncols)
			return;
		tb->w[best]--;
		total--;
	}
}

/*
 * Column widths: the widest of label and values, capped at the
 * column's max, a blank column at least BLANK_MIN.  A table too wide
 * for the line is narrowed in three steps, the widest column first:
 * first no column below its label or SHRINK_MIN, then none below
 * SHRINK_MIN, then none below COL_MIN; numbers (DOC_RIGHT) are only
 * touched in the last step, as "1 234 567.8/9" is worse than a word
 * wrapped.  Only if that is still too wide is it an error.
 */
/*
 * The display width of the longest word of s.  A wide (CJK) character
 * is a word of its own: Chinese and Japanese break between any two.
 */
static int
longest_word(const char *s)
{
	size_t n = strlen(s), off = 0, k;
	int max = 0, w = 0, cw;
	uint32_t cp;

	while (off < n) {
		k = utf8_decode(s + off, n - off, &cp);
		off += k;
		cw = utf8_cpwidth(cp);
		if (cp == ' ' || cp == '\n' || cw == 2) {
			w = 0;
			continue;
		}
		if ((w += cw) > max)
			max = w;
	}
	return max;
}

/*
 * A line with room to spare gives it to the columns the report capped
 * below what their text needs (want), in three rounds, since a wrapped
 * word reads worse than a wrapped line and a column wrapped by one
 * character costs a row as many lines as one wrapped by thirty:
 *
 *  1. a column that would break a word (an e-mail, a URL) gets the
 *     width of its longest word, the smallest need first;
 *  2. a column that the rest of the room lets stop wrapping gets all it
 *     wants, the nearest first: a 132-column page does not wrap an
 *     organization's name in 24 columns beside blank space;
 *  3. what is left goes to the columns still wrapping in proportion to
 *     the width their text needs.
 */
static void
grow_to(struct tab *tb, const int *target, int *spare)
{
	size_t j, best;

	for (;;) {
		best = tb->t->ncols;
		for (j = 0; j < tb->t->ncols; j++)
			if (target[j] > tb->w[j] &&
			    target[j] - tb->w[j] <= *spare &&
			    (best == tb->t->ncols || target[j] - tb->w[j] <
			    target[best] - tb->w[best]))
				best = j;
		if (best == tb->t->ncols)
			return;
		*spare -= target[best] - tb->w[best];
		tb->w[best] = target[best];
	}
}

static void
grow(struct tab *tb, const int *word, const int *want, int width)
{
	size_t j, best, n = tb->t->ncols;
	int spare = width - tab_total(tb), given, share;
	long sum = 0;

	if (spare <= 0)
		return;
	grow_to(tb, word, &spare);
	grow_to(tb, want, &spare);
	for (j = 0; j < n; j++)
		if (tb->w[j] < want[j])
			sum += want[j];
	if (sum == 0)
		return;
	/* each share is below what its column misses, which is more
	 * than the spare room, or round 2 would have filled it */
	given = 0;
	for (j = 0; j < n; j++)
		if (tb->w[j] < want[j]) {
			share = (int)((long)spare * want[j] / sum);
			tb->w[j] += share;
			given += share;
		}
	/* the rounding's few columns, the one missing most first */
	for (spare -= given; spare > 0; spare--) {
		best = n;
		for (j = 0; j < n; j++)
			if (tb->w[j] < want[j] && (best == n ||
			    want[j] - tb->w[j] > want[best] - tb->w[best]))
				best = j;
		if (best == n)
			break;
		tb->w[best]++;
	}
}

static int
tab_widths(struct layout *lo, struct tab *tb, struct so_err *err)
{
	const struct doc_table *t = tb->t;
	const struct doc_row *row;
	int *labw, *floor, *want, *word, nat, avail, lw;
	size_t i, j;

	tb->w = xcalloc(t->ncols, sizeof(*tb->w));
	labw = xcalloc(t->ncols, sizeof(*labw));
	floor = xcalloc(t->ncols, sizeof(*floor));
	want = xcalloc(t->ncols, sizeof(*want));
	word = xcalloc(t->ncols, sizeof(*word));
	for (i = 0; i < t->nrows; i++)
		if (doc_table_kind(t, i) == DOC_ROW_MARK)
			tb->marker = MARK_W;
	avail = lo->width > 0 ? lo->width - tb->marker : INT_MAX;
	for (j = 0; j < t->ncols; j++) {
		want[j] = labw[j] = natural_width(t->cols[j].label);
		word[j] = longest_word(t->cols[j].label);
	}
	/* a row at a time: the rows may be read back from a file */
	for (i = 0; i < t->nrows; i++) {
		if (doc_table_kind(t, i) == DOC_ROW_GROUP ||
		    (row = doc_table_row(t, i)) == NULL)
			continue;
		for (j = 0; j < t->ncols; j++) {
			if ((nat = natural_width(row->cells[j])) > want[j])
				want[j] = nat;
			if ((lw = longest_word(row->cells[j])) > word[j])
				word[j] = lw;
		}
	}
	for (j = 0; j < t->ncols; j++) {
		nat = want[j];
		if (word[j] > nat)
			word[j] = nat;
		if (t->cols[j].max > 0 && nat > t->cols[j].max)
			nat = t->cols[j].max;
		if (t->cols[j].blank && nat < BLANK_MIN)
			nat = BLANK_MIN;
		if (nat < COL_MIN)
			nat = COL_MIN;
		if (nat > avail)
			nat = avail;
		tb->w[j] = nat;
	}
	if (lo->width > 0) {
		for (j = 0; j < t->ncols; j++) {
			floor[j] = labw[j] > SHRINK_MIN ? labw[j] : SHRINK_MIN;
			if (t->cols[j].blank && floor[j] < BLANK_MIN)
				floor[j] = BLANK_MIN;
			if (t->cols[j].align == DOC_RIGHT)
				floor[j] = tb->w[j];	/* numbers last */
		}
		shrink(tb, floor, lo->width);
		for (j = 0; j < t->ncols; j++)
			floor[j] = SHRINK_MIN;
		for (j = 0; j < t->ncols; j++)
			if (t->cols[j].align == DOC_RIGHT)
				floor[j] = tb->w[j];
		shrink(tb, floor, lo->width);
		for (j = 0; j < t->ncols; j++)
			floor[j] = COL_MIN;
		shrink(tb, floor, lo->width);
		grow(tb, word, want, lo->width);
	}
	free(labw);
	free(floor);
	free(want);
	free(word);
	tb->total = tab_total(tb);
	if (lo->width > 0 && tb->total > lo->width && lo->heading)
		return so_err_set(err, SO_EINVAL, _("the table \"%s\" has %zu "
		    "columns and needs a line of at least %d columns; the "
		    "width is %d"), lo->heading, t->ncols, tb->total,
		    lo->width);
	if (lo->width > 0 && tb->total > lo->width)
		return so_err_set(err, SO_EINVAL, _("the table has %zu columns "
		    "and needs a line of at least %d columns; the width is "
		    "%d"), t->ncols, tb->total, lo->width);
	return SO_OK;
}

/* Adds the lines of one row of cells, each wrapped in its column. */
static void
tab_cells(struct layout *lo, const struct tab *tb, char *const *cells,
    const char *mark)
{
	const struct doc_table *t = tb->t;
	struct lines *cl;
	struct strbuf b = { 0 };
	size_t i, j, height = 0;

	cl = xcalloc(t->ncols, sizeof(*cl));
	for (j = 0; j < t->ncols; j++) {
		wrap(cells[j], tb->w[j], &cl[j]);
		if (cl[j].n > height)
			height = cl[j].n;
	}
	for (i = 0; i < height; i++) {
		/* the mark on the row's first line only */
		if (tb->marker)
			sb_add(&b, i == 0 ? mark : "  ");
		for (j = 0; j < t->ncols; j++) {
			if (j > 0)
				sb_add(&b, SEP);
			pad(&b, i < cl[j].n ? cl[j].v[i] : "", tb->w[j],
			    t->cols[j].align);
		}
		pool_add(lo, sb_steal(&b));
	}
	for (j = 0; j < t->ncols; j++)
		lines_free(&cl[j]);
	free(cl);
}

/* The rule under the header and above a total: "-----+------". */
static void
tab_rule(struct layout *lo, const struct tab *tb)
{
	struct strbuf b = { 0 };
	char *dashes;
	size_t j;

	dashes = repeat('-', tb->marker);
	sb_add(&b, dashes);
	free(dashes);
	for (j = 0; j < tb->t->ncols; j++) {
		if (j > 0)
			sb_add(&b, SEP_RULE);
		dashes = repeat('-', tb->w[j]);
		sb_add(&b, dashes);
		free(dashes);
	}
	pool_add(lo, sb_steal(&b));
}

/* One row of any kind, as an item that repeats the header atop a page. */
static void
tab_row(struct layout *lo, const struct tab *tb, size_t r)
{
	const struct doc_row *row = doc_table_row(tb->t, r);
	struct lines l = { 0 };
	size_t first = lo->pool.n, i;
	int keep = 0, rule = 0;

	if (row == NULL)
		return;		/* doc_table_error says so */

	switch (row->kind) {
	case DOC_ROW_GROUP:
		wrap(row->cells[0], tb->total, &l);
		for (i = 0; i < l.n; i++) {
			pool_add(lo, l.v[i]);
			l.v[i] = NULL;
		}
		lines_free(&l);
		/* a group heading is not left alone at a page's foot */
		keep = r + 1 < tb->t->nrows;
		break;
	case DOC_ROW_TOTAL:
		/* right under the header's own rule, one rule is enough */
		if (r > 0) {
			tab_rule(lo, tb);
			rule = 1;
		}
		tab_cells(lo, tb, row->cells, "  ");
		break;
	case DOC_ROW_MARK:
		tab_cells(lo, tb, row->cells, "! ");
		break;
	default:
		tab_cells(lo, tb, row->cells, "  ");
		break;
	}
	i = item_add(lo, first, keep, 0, 1);
	lo->items[i].rule_first = rule;
}

/*
 * Would these widths break an ordinary word (one of at most WORD_MAX
 * columns) of a label or a text cell across lines, "Организа|ция"?
 */
static int
breaks_words(const struct tab *tb)
{
	const struct doc_table *t = tb->t;
	const struct doc_row *row;
	size_t i, j;
	int w;

	for (j = 0; j < t->ncols; j++) {
		if (t->cols[j].align == DOC_RIGHT)
			continue;
		w = longest_word(t->cols[j].label);
		if (w <= WORD_MAX && w > tb->w[j])
			return 1;
	}
	/* a row at a time: the rows may be read back from a file */
	for (i = 0; i < t->nrows; i++) {
		if (doc_table_kind(t, i) == DOC_ROW_GROUP ||
		    (row = doc_table_row(t, i)) == NULL)
			continue;
		for (j = 0; j < t->ncols; j++) {
			if (t->cols[j].align == DOC_RIGHT)
				continue;
			w = longest_word(row->cells[j]);
			if (w <= WORD_MAX && w > tb->w[j])
				return 1;
		}
	}
	return 0;
}

/*
 * A table too narrow for its words, laid out a row at a time instead:
 * the first cell (and the second, when there are more than two) on a
 * line of its own, then "label  value" a line each, the values wrapped
 * beside the labels; a column to fill in by hand a rule to write on.
 *
 *	! 08.12 11:00  Call: Discuss the quote
 *	    Organization     Umbrella Supplies
 *	    Person           Weber Petra, Managing Director
 */
static void
layout_stacked(struct layout *lo, const struct doc_table *t)
{
	struct strbuf b = { 0 };
	struct lines l = { 0 };
	size_t r, j, i, first, head;
	int lw = 0, vw, w;

	head = t->ncols > 2 ? 2 : 1;
	for (j = head; j < t->ncols; j++)
		if ((w = natural_width(t->cols[j].label)) > lw)
			lw = w;
	if (lw > lo->width / 3)
		lw = lo->width / 3;
	vw = lo->width - 4 - lw - 2;
	if (vw < COL_MIN)
		vw = COL_MIN;
	for (r = 0; r < t->nrows; r++) {
		const struct doc_row *row = doc_table_row(t, r);

		if (row == NULL)
			break;		/* doc_table_error says so */
		if (r > 0)
			separator(lo);
		first = lo->pool.n;
		sb_add(&b, row->kind == DOC_ROW_MARK ? "! " : "");
		for (j = 0; j < head; j++)
			sb_printf(&b, "%s%s", j ? "  " : "", row->cells[j]);
		wrap(sb_str(&b), lo->width, &l);
		sb_free(&b);
		for (i = 0; i < l.n; i++) {
			pool_add(lo, l.v[i]);
			l.v[i] = NULL;
		}
		lines_free(&l);
		for (j = head; row->kind != DOC_ROW_GROUP && j < t->ncols;
		    j++) {
			const char *v = row->cells[j];
			char *rule = NULL;

			if (*v == '\0' && !t->cols[j].blank)
				continue;
			if (*v == '\0')
				v = rule = repeat('_', BLANK_MIN);
			wrap(v, vw, &l);
			for (i = 0; i < l.n; i++) {
				sb_add(&b, "    ");
				pad(&b, i == 0 ? t->cols[j].label : "", lw,
				    DOC_LEFT);
				sb_printf(&b, "  %s", l.v[i]);
				pool_add(lo, sb_steal(&b));
			}
			lines_free(&l);
			free(rule);
		}
		item_add(lo, first, 0, 0, 0);
	}
}

/*
 * What the first pass found of a table (its widths, or NULL: a row at
 * a time), so the second pass does not read every row twice more to
 * find it again.
 */
static const struct plan *
plan_of(const struct layout *lo, const struct doc_table *t)
{
	size_t i;

	for (i = 0; i < lo->plans->n; i++)
		if (lo->plans->v[i].t == t)
			return &lo->plans->v[i];
	return NULL;
}

static void
plan_add(struct layout *lo, const struct doc_table *t, const struct tab *tb)
{
	struct plans *ps = lo->plans;
	struct plan *pl;

	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? 2 * ps->cap : 8;
		ps->v = xrealloc(ps->v, ps->cap * sizeof(*ps->v));
	}
	pl = &ps->v[ps->n++];
	memset(pl, 0, sizeof(*pl));
	pl->t = t;
	if (tb != NULL) {
		pl->w = xcalloc(t->ncols, sizeof(*pl->w));
		memcpy(pl->w, tb->w, t->ncols * sizeof(*pl->w));
		pl->marker = tb->marker;
		pl->total = tb->total;
	}
}

static void
plans_free(struct plans *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		free(ps->v[i].w);
	free(ps->v);
	memset(ps, 0, sizeof(*ps));
}

static int
layout_table(struct layout *lo, const struct doc_table *t,
    struct so_err *err)
{
	struct tab tb = { .t = t };
	const struct plan *pl;
	char **labels;
	size_t first, j, r;

	if (t->ncols == 0)
		return SO_OK;
	if ((pl = plan_of(lo, t)) != NULL) {
		/* the first pass measured it */
		if (pl->w == NULL) {
			layout_stacked(lo, t);
			return SO_OK;
		}
		tb.w = xcalloc(t->ncols, sizeof(*tb.w));
		memcpy(tb.w, pl->w, t->ncols * sizeof(*tb.w));
		tb.marker = pl->marker;
		tb.total = pl->total;
	} else if (tab_widths(lo, &tb, err) != SO_OK) {
		free(tb.w);
		if (lo->width <= 0 || t->ncols < 3)
			return err ? err->code : SO_EINVAL;
		/* too many columns for the line: a row at a time */
		plan_add(lo, t, NULL);
		layout_stacked(lo, t);
		return SO_OK;
	} else if (lo->width > 0 && t->ncols > 2 && breaks_words(&tb)) {
		free(tb.w);
		plan_add(lo, t, NULL);
		layout_stacked(lo, t);
		return SO_OK;
	} else
		plan_add(lo, t, &tb);
	labels = xcalloc(t->ncols, sizeof(*labels));
	for (j = 0; j < t->ncols; j++)
		labels[j] = t->cols[j].label;
	first = lo->pool.n;
	tab_cells(lo, &tb, labels, "  ");
	tab_rule(lo, &tb);
	free(labels);
	/* the rows of the table before are placed under its own header */
	first = settle(lo, first);
	lines_free(&lo->thead);
	for (j = first; j < lo->pool.n; j++)
		lines_add(&lo->thead, xstrdup(lo->pool.v[j]));
	item_add(lo, first, t->nrows > 0, 0, 0);
	for (r = 0; r < t->nrows; r++)
		tab_row(lo, &tb, r);
	free(tb.w);
	return SO_OK;
}

/* ---- blocks ---- */

static void
layout_heading(struct layout *lo, const char *text)
{
	struct lines l = { 0 };
	size_t first, i;
	int w, max = 0;

	separator(lo);
	first = lo->pool.n;
	wrap(text, lo->width, &l);
	for (i = 0; i < l.n; i++) {
		if ((w = utf8_width(l.v[i])) > max)
			max = w;
		pool_add(lo, l.v[i]);
		l.v[i] = NULL;
	}
	lines_free(&l);
	pool_add(lo, repeat('-', max));
	item_add(lo, first, 1, 0, 0);
	lo->heading = text;
}

/* A paragraph, a line an item: it may run on over a page break. */
static void
layout_para(struct layout *lo, const char *text)
{
	struct lines l = { 0 };
	size_t i;

	wrap(text, lo->width, &l);
	for (i = 0; i < l.n; i++) {
		pool_add(lo, l.v[i]);
		l.v[i] = NULL;
		item_add(lo, lo->pool.n - 1, 0, 0, 0);
	}
	lines_free(&l);
}

/* A chart (chart.c) on one page when it fits on one. */
static void
layout_chart(struct layout *lo, const struct doc_chart *c)
{
	char **l;
	size_t n, i, first = lo->pool.n;

	doc_chart_lines(c, lo->width, &l, &n);
	for (i = 0; i < n; i++)
		pool_add(lo, l[i]);
	free(l);
	if (lo->pool.n > first)
		item_add(lo, first, 0, 0, 0);
}

static int
layout_doc(struct layout *lo, const struct doc *d, struct so_err *err)
{
	const struct doc_block *b;
	size_t i, k;
	int prev_text = 0;	/* a paragraph or a table came last */

	for (i = 0; i < d->nblocks; i++) {
		b = &d->blocks[i];
		switch (b->kind) {
		case DOC_HEADING:
			layout_heading(lo, b->text);
			prev_text = 0;
			break;
		case DOC_PARA:
			if (prev_text)
				separator(lo);
			layout_para(lo, b->text);
			prev_text = 1;
			break;
		case DOC_TABLE:
			if (prev_text)
				separator(lo);
			if (layout_table(lo, b->table, err) != SO_OK)
				return err ? err->code : SO_EINVAL;
			prev_text = 1;
			break;
		case DOC_CHART:
			if (prev_text)
				separator(lo);
			layout_chart(lo, b->chart);
			prev_text = 1;
			break;
		case DOC_PAGE_BREAK:
			k = item_add(lo, lo->pool.n, 0, 0, 0);
			lo->items[k].page_break = 1;
			prev_text = 0;
			break;
		}
	}
	return SO_OK;
}

/* ---- pagination ---- */

static void	sink_page(struct sink *, size_t);
static void	sink_line(struct sink *, const char *);

/* Opens the next page (in the second pass, writes its header). */
static void
page_new(struct layout *lo)
{
	if (lo->sink)
		sink_page(lo->sink, lo->npages);
	lo->npages++;
	lo->used = 0;
}

static void
page_put(struct layout *lo, const char *line)
{
	if (lo->sink)
		sink_line(lo->sink, line);
	lo->used++;
}

/*
 * Lines item i needs on its page together with the items it keeps
 * with; the item ending the chain counts whole when that fits on a
 * page, else by its first line ("a heading with at least the start of
 * what follows").
 */
static size_t
chain_need(const struct layout *lo, size_t i, size_t cap)
{
	const struct item *it;
	size_t need = 0;

	for (; i < lo->nitems; i++) {
		it = &lo->items[i];
		if (it->page_break)
			break;
		if (!it->keep)
			return need + (need + it->n <= cap ? it->n : 1);
		need += it->n;
	}
	return need;
}

static void
put_thead(struct layout *lo)
{
	size_t k;

	for (k = 0; k < lo->thead.n; k++)
		page_put(lo, lo->thead.v[k]);
}

/*
 * Pours the items waiting into pages of page_cap lines (SIZE_MAX: one
 * endless page, page breaks ignored).  An item that does not fit starts
 * a new page if it would fit on one; a table's header goes first on
 * every page a table's row opens, also when one row alone runs over
 * pages.
 */
static void
place(struct layout *lo)
{
	const struct item *it;
	size_t i, k, need, th, cap = lo->page_cap;
	int atop;

	for (i = 0; i < lo->nitems; i++) {
		it = &lo->items[i];
		if (it->page_break) {
			if (lo->used > 0 && cap != SIZE_MAX)
				page_new(lo);
			continue;
		}
		th = it->thead ? lo->thead.n : 0;
		if (th >= cap)
			th = 0;		/* a header taller than the page */
		need = it->keep ? chain_need(lo, i, cap) : it->n;
		if (lo->used > 0 && lo->used + need > cap && th + need <= cap)
			page_new(lo);
		if (lo->used == 0 && it->drop_at_top)
			continue;
		atop = lo->used == 0 && th > 0;
		if (atop)
			put_thead(lo);
		/* a total's rule right under the header's rule: once is
		 * enough */
		for (k = atop && it->rule_first; k < it->n; k++) {
			if (lo->used >= cap) {
				page_new(lo);
				if (th > 0)
					put_thead(lo);
			}
			page_put(lo, lo->pool.v[it->first + k]);
		}
	}
}

/* ---- the page header ---- */

/*
 * "Period: ...   User: ..." (either part only if it is set), the two
 * on lines of their own when they do not fit in W together.
 */
static char *
meta_line(const struct doc *d, int W)
{
	struct strbuf b = { 0 };

	/* TRANSLATORS: in a report's page header. */
	const char *period = _("Period: %s"), *user = _("User: %s");

	if (d->period[0] != '\0')
		sb_printf(&b, period, d->period);
	if (d->user[0] != '\0') {
		if (b.len > 0)
			sb_add(&b, "   ");
		sb_printf(&b, user, d->user);
	}
	if (W > 0 && d->period[0] != '\0' && d->user[0] != '\0' &&
	    natural_width(sb_str(&b)) > W) {
		sb_reset(&b);
		sb_printf(&b, period, d->period);
		sb_addc(&b, '\n');
		sb_printf(&b, user, d->user);
	}
	return sb_steal(&b);
}

/*
 * The header lines of a page (the title's first line without "page N
 * of M", for which reserve columns are kept free): title, period and
 * user, the generated line, a rule of '=' W wide, a blank line.  wrapw:
 * wrap at W (else the width is unlimited).
 */
static void
build_header(const struct doc *d, const char *meta, int W, int wrapw,
    int reserve, struct lines *out)
{
	int tw = 0;

	if (wrapw)
		tw = W - (reserve > 0 ? reserve + 1 : 0);
	wrap(d->title, wrapw && tw < 1 ? 1 : tw, out);
	if (meta[0] != '\0')
		wrap(meta, wrapw ? W : 0, out);
	if (d->generated[0] != '\0')
		wrap(d->generated, wrapw ? W : 0, out);
	lines_add(out, repeat('=', W));
	lines_add(out, xstrdup(""));
}

static int
digits(size_t n)
{
	int k = 1;

	while (n >= 10) {
		n /= 10;
		k++;
	}
	return k;
}

static int
imax(int a, int b)
{
	return a > b ? a : b;
}

/* The width of the header and its rule when the width is unlimited. */
static int
free_width(int maxw, const struct doc *d, const char *meta, int reserve)
{
	int w = maxw;

	w = imax(w, natural_width(d->title) + (reserve ? reserve + 1 : 0));
	w = imax(w, natural_width(meta));
	return imax(w, natural_width(d->generated));
}

/* "page 3 of 12" (caller frees). */
static char *
page_label(size_t p, size_t m)
{
	/* TRANSLATORS: flush right in every page's header of a report. */
	return xasprintf(_("page %zu of %zu"), p, m);
}

/* The columns "page N of M" takes when M has dig digits. */
static int
page_label_width(int dig)
{
	size_t nines = 0;
	char *s;
	int w, i;

	for (i = 0; i < dig; i++)
		nines = nines * 10 + 9;
	s = page_label(nines, nines);
	w = utf8_width(s);
	free(s);
	return w;
}

/* Adds page p's header (line 0 with "page p+1 of m" flush right). */
static void
put_header(struct lines *out, const struct lines *head, int W, size_t p,
    size_t m, int numbered)
{
	struct strbuf b = { 0 };
	char *num;
	size_t i;

	for (i = 0; i < head->n; i++) {
		if (i == 0 && numbered) {
			num = page_label(p + 1, m);
			pad(&b, head->v[0], W - utf8_width(num),
			    DOC_LEFT);
			sb_add(&b, num);
			free(num);
			lines_add(out, sb_steal(&b));
		} else
			lines_add(out, xstrdup(head->v[i]));
	}
}

/* ---- writing a page ---- */

static void
sink_line(struct sink *s, const char *line)
{
	if (s->f) {
		fputs(line, s->f);
		fputc('\n', s->f);
	} else
		lines_add(s->out, xstrdup(line));
	s->on_page++;
}

/*
 * Opens page p: a form feed between pages, none before the first (the
 * preview fills the page before up to the page length instead, so page
 * p starts at line p * page_length as it does on paper), then the
 * header.
 */
static void
sink_page(struct sink *s, size_t p)
{
	struct lines h = { 0 };
	size_t i;

	if (p > 0 && s->f)
		fputc('\f', s->f);
	else if (p > 0)
		for (; s->on_page < s->plen; s->on_page++)
			lines_add(s->out, xstrdup(""));
	s->on_page = 0;
	put_header(&h, s->head, s->W, p, s->m, s->numbered);
	for (i = 0; i < h.n; i++)
		sink_line(s, h.v[i]);
	lines_free(&h);
}

/* ---- the whole ---- */

static int
check_layout(int width, int plen, struct so_err *err)
{
	if (width < 0 || (width > 0 && width < WIDTH_MIN))
		return so_err_set(err, SO_EINVAL, _("width %d is too narrow: "
		    "at least %d columns (or 0 for no limit)"), width,
		    WIDTH_MIN);
	if (plen < 0)
		return so_err_set(err, SO_EINVAL, _("page length %d: give a "
		    "number of lines, or 0 for no pages"), plen);
	return SO_OK;
}

/*
 * One pass over d: laid out and poured into pages of cap body lines;
 * with a sink, written there.  *npages and *maxw (the widest body line)
 * say what it made.
 */
static int
text_pass(const struct doc *d, int width, size_t cap, struct plans *plans,
    struct sink *sink, size_t *npages, int *maxw, struct so_err *err)
{
	struct layout lo = { 0 };
	int rc;

	lo.plans = plans;
	lo.width = width;
	lo.page_cap = cap;
	lo.sink = sink;
	page_new(&lo);
	if ((rc = layout_doc(&lo, d, err)) == SO_OK)
		place(&lo);	/* the last chain */
	*npages = lo.npages;
	*maxw = lo.maxw;
	lines_free(&lo.pool);
	lines_free(&lo.thead);
	free(lo.items);
	return rc;
}

/*
 * Lays d out and writes it to sink (its head, W, numbered and m are set
 * here): a first pass counts the pages, the second writes them.
 */
static int
text_render(const struct doc *d, const struct doc_layout *dl,
    struct sink *sink, size_t *npages, struct so_err *err)
{
	struct lines head = { 0 };
	struct plans plans = { 0 };
	int width = dl ? dl->width : 80, plen = dl ? dl->page_length : 66;
	int W, dig = 1, reserve = 0, rc, maxw = 0;
	size_t cap, n = 0;
	char *meta = NULL;

	*npages = 0;
	if ((rc = check_layout(width, plen, err)) != SO_OK)
		return rc;
	meta = meta_line(d, width);
	for (;;) {
		/* "page " digits " of " digits, in the language's words;
		 * without a limit the header's lines do not depend on its
		 * width, which waits for the widest line */
		reserve = plen > 0 ? page_label_width(dig) : 0;
		build_header(d, meta, width, width > 0, reserve, &head);
		cap = SIZE_MAX;
		if (plen > 0) {
			if ((size_t)plen < head.n + BODY_MIN) {
				rc = so_err_set(err, SO_EINVAL, _("page "
				    "length %d is too short: the page header "
				    "takes %zu lines and at least %d more are "
				    "needed"), plen, head.n, BODY_MIN);
				goto out;
			}
			cap = (size_t)plen - head.n;
		}
		lines_free(&head);
		if ((rc = text_pass(d, width, cap, &plans, NULL, &n, &maxw,
		    err)) != SO_OK)
			goto out;
		if (plen == 0 || digits(n) <= dig)
			break;
		/* "page 10 of 10" is wider than "page 9 of 9" was */
		dig = digits(n);
	}
	W = width > 0 ? width : free_width(maxw, d, meta, reserve);
	build_header(d, meta, W, width > 0, reserve, &head);
	sink->head = &head;
	sink->W = W;
	sink->numbered = plen > 0;
	sink->m = n;
	rc = text_pass(d, width, cap, &plans, sink, npages, &maxw, err);
out:
	plans_free(&plans);
	free(meta);
	lines_free(&head);
	return rc;
}

int
doc_write_text(const struct doc *d, const struct doc_layout *lo, FILE *f,
    int *pages, struct so_err *err)
{
	struct sink sink = { .f = f };
	size_t npages;
	int rc;

	if ((rc = text_render(d, lo, &sink, &npages, err)) != SO_OK)
		return rc;
	if (pages)
		*pages = (int)npages;
	if (fflush(f) != 0 || ferror(f))
		return so_err_set(err, SO_ERR, _("writing the text: %s"),
		    strerror(errno));
	return SO_OK;
}

/*
 * For the preview every page but the last is filled up with blank
 * lines to the page length, so page p starts at line p * page_length
 * as it does on paper.
 */
int
doc_text_lines(const struct doc *d, const struct doc_layout *lo,
    char ***lines, size_t *nlines, int *pages, struct so_err *err)
{
	struct lines res = { 0 };
	struct sink sink = { .out = &res };
	size_t npages;
	int rc;

	*lines = NULL;
	*nlines = 0;
	sink.plen = lo ? (size_t)lo->page_length : 66;
	if ((rc = text_render(d, lo, &sink, &npages, err)) != SO_OK) {
		lines_free(&res);
		return rc;
	}
	*lines = res.v;
	*nlines = res.n;
	if (pages)
		*pages = (int)npages;
	return SO_OK;
}
