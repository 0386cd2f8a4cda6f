/*
 * The text writer of doc.h: a document laid out for a line printer, a
 * pager or the TUI's preview.
 *
 * It works in three passes, because every page header says "page N of
 * M" and M is only known once the whole document is laid out:
 *
 *  1. layout: every block becomes lines in a pool, grouped in items.
 *     An item is what must stay on one page (a table row with all its
 *     wrapped lines, a heading with its underline) and says whether it
 *     must stay with the next one (a heading with what follows it, a
 *     group row with its first row), whether it is a blank separator to
 *     leave out at the top of a page, and which table header to repeat
 *     when it opens a page.
 *  2. pagination: items are poured into pages of page_length lines less
 *     the header; a row that does not fit goes whole to the next page,
 *     unless it alone is longer than a page.
 *  3. output: each page is its header and its lines.  The header's
 *     width for "page N of M" depends on the digits of M, so passes 2
 *     and 3 are redone in the rare case that M gains a digit.
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
	long	 thead;		/* item to repeat atop a page, or -1 */
	int	 rule_first;	/* a total's rule: not right under the header */
};

struct layout {
	int		 width;		/* 0: no limit */
	struct lines	 pool;
	struct item	*items;
	size_t		 nitems, cap;
	int		 maxw;		/* widest body line */
	const char	*heading;	/* the last heading, for messages */
};

struct page {
	size_t	*idx;		/* pool lines on this page */
	size_t	 n, cap;
};

struct pages {
	struct page	*v;
	size_t		 n, cap;
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

/* Makes the pool lines from first on an item; returns its index. */
static size_t
item_add(struct layout *lo, size_t first, int keep, int drop_at_top,
    long thead)
{
	struct item *it;

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
	item_add(lo, first, 1, 1, -1);
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
	int *labw, *floor, *want, *word, nat, avail, lw;
	size_t i, j;

	tb->w = xcalloc(t->ncols, sizeof(*tb->w));
	labw = xcalloc(t->ncols, sizeof(*labw));
	floor = xcalloc(t->ncols, sizeof(*floor));
	want = xcalloc(t->ncols, sizeof(*want));
	word = xcalloc(t->ncols, sizeof(*word));
	for (i = 0; i < t->nrows; i++)
		if (t->rows[i].kind == DOC_ROW_MARK)
			tb->marker = MARK_W;
	avail = lo->width > 0 ? lo->width - tb->marker : INT_MAX;
	for (j = 0; j < t->ncols; j++) {
		nat = labw[j] = natural_width(t->cols[j].label);
		word[j] = longest_word(t->cols[j].label);
		for (i = 0; i < t->nrows; i++)
			if (t->rows[i].kind != DOC_ROW_GROUP) {
				int cw = natural_width(t->rows[i].cells[j]);

				if (cw > nat)
					nat = cw;
				lw = longest_word(t->rows[i].cells[j]);
				if (lw > word[j])
					word[j] = lw;
			}
		want[j] = nat;
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
tab_row(struct layout *lo, const struct tab *tb, size_t r, long thead)
{
	const struct doc_row *row = &tb->t->rows[r];
	struct lines l = { 0 };
	size_t first = lo->pool.n, i;
	int keep = 0, rule = 0;

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
	i = item_add(lo, first, keep, 0, thead);
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
	size_t i, j;
	int w;

	for (j = 0; j < t->ncols; j++) {
		if (t->cols[j].align == DOC_RIGHT)
			continue;
		w = longest_word(t->cols[j].label);
		if (w <= WORD_MAX && w > tb->w[j])
			return 1;
		for (i = 0; i < t->nrows; i++) {
			if (t->rows[i].kind == DOC_ROW_GROUP)
				continue;
			w = longest_word(t->rows[i].cells[j]);
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
		const struct doc_row *row = &t->rows[r];

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
		item_add(lo, first, 0, 0, -1);
	}
}

static int
layout_table(struct layout *lo, const struct doc_table *t,
    struct so_err *err)
{
	struct tab tb = { .t = t };
	char **labels;
	size_t first, j, r;
	long thead;

	if (t->ncols == 0)
		return SO_OK;
	if (tab_widths(lo, &tb, err) != SO_OK) {
		free(tb.w);
		if (lo->width <= 0 || t->ncols < 3)
			return err ? err->code : SO_EINVAL;
		/* too many columns for the line: a row at a time */
		layout_stacked(lo, t);
		return SO_OK;
	}
	if (lo->width > 0 && t->ncols > 2 && breaks_words(&tb)) {
		free(tb.w);
		layout_stacked(lo, t);
		return SO_OK;
	}
	labels = xcalloc(t->ncols, sizeof(*labels));
	for (j = 0; j < t->ncols; j++)
		labels[j] = t->cols[j].label;
	first = lo->pool.n;
	tab_cells(lo, &tb, labels, "  ");
	tab_rule(lo, &tb);
	free(labels);
	thead = (long)item_add(lo, first, t->nrows > 0, 0, -1);
	for (r = 0; r < t->nrows; r++)
		tab_row(lo, &tb, r, thead);
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
	item_add(lo, first, 1, 0, -1);
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
		item_add(lo, lo->pool.n - 1, 0, 0, -1);
	}
	lines_free(&l);
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
		case DOC_PAGE_BREAK:
			k = item_add(lo, lo->pool.n, 0, 0, -1);
			lo->items[k].page_break = 1;
			prev_text = 0;
			break;
		}
	}
	return SO_OK;
}

/* ---- pagination ---- */

static void
page_new(struct pages *ps)
{
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? 2 * ps->cap : 16;
		ps->v = xrealloc(ps->v, ps->cap * sizeof(*ps->v));
	}
	memset(&ps->v[ps->n++], 0, sizeof(*ps->v));
}

static void
page_put(struct pages *ps, size_t line)
{
	struct page *p = &ps->v[ps->n - 1];

	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->idx = xrealloc(p->idx, p->cap * sizeof(*p->idx));
	}
	p->idx[p->n++] = line;
}

static void
pages_free(struct pages *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		free(ps->v[i].idx);
	free(ps->v);
	memset(ps, 0, sizeof(*ps));
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
put_thead(const struct layout *lo, struct pages *ps, long thead,
    size_t *used)
{
	const struct item *h = &lo->items[thead];
	size_t k;

	for (k = 0; k < h->n; k++)
		page_put(ps, h->first + k);
	*used += h->n;
}

/*
 * Pours the items into pages of cap lines (SIZE_MAX: one endless page,
 * page breaks ignored).  An item that does not fit starts a new page
 * if it would fit on one; a table's header goes first on every page a
 * table's row opens, also when one row alone runs over pages.
 */
static void
paginate(const struct layout *lo, size_t cap, struct pages *ps)
{
	const struct item *it;
	size_t i, k, used = 0, need, th;
	int atop;

	page_new(ps);
	for (i = 0; i < lo->nitems; i++) {
		it = &lo->items[i];
		if (it->page_break) {
			if (used > 0 && cap != SIZE_MAX) {
				page_new(ps);
				used = 0;
			}
			continue;
		}
		th = it->thead >= 0 ? lo->items[it->thead].n : 0;
		if (th >= cap)
			th = 0;		/* a header taller than the page */
		need = it->keep ? chain_need(lo, i, cap) : it->n;
		if (used > 0 && used + need > cap && th + need <= cap) {
			page_new(ps);
			used = 0;
		}
		if (used == 0 && it->drop_at_top)
			continue;
		atop = used == 0 && th > 0;
		if (atop)
			put_thead(lo, ps, it->thead, &used);
		/* a total's rule right under the header's rule: once is
		 * enough */
		for (k = atop && it->rule_first; k < it->n; k++) {
			if (used >= cap) {
				page_new(ps);
				used = 0;
				if (th > 0)
					put_thead(lo, ps, it->thead, &used);
			}
			page_put(ps, it->first + k);
			used++;
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
free_width(const struct layout *lo, const struct doc *d, const char *meta,
    int reserve)
{
	int w = lo->maxw;

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
 * Lays d out into out, every line of every page with its header;
 * starts[p] is where page p begins.
 */
static int
text_render(const struct doc *d, const struct doc_layout *dl,
    struct lines *out, size_t **starts, size_t *npages, struct so_err *err)
{
	struct layout lo = { 0 };
	struct lines head = { 0 };
	struct pages ps = { 0 };
	int width = dl ? dl->width : 80, plen = dl ? dl->page_length : 66;
	int W, dig = 1, reserve, rc;
	size_t cap, p, k;
	char *meta = NULL;

	*starts = NULL;
	*npages = 0;
	if ((rc = check_layout(width, plen, err)) != SO_OK)
		return rc;
	lo.width = width;
	if ((rc = layout_doc(&lo, d, err)) != SO_OK)
		goto out;
	meta = meta_line(d, width);
	for (;;) {
		/* "page " digits " of " digits, in the language's words */
		reserve = plen > 0 ? page_label_width(dig) : 0;
		W = width > 0 ? width : free_width(&lo, d, meta, reserve);
		build_header(d, meta, W, width > 0, reserve, &head);
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
		paginate(&lo, cap, &ps);
		if (plen == 0 || digits(ps.n) <= dig)
			break;
		/* "page 10 of 10" is wider than "page 9 of 9" was */
		dig = digits(ps.n);
		lines_free(&head);
		pages_free(&ps);
	}
	*starts = xcalloc(ps.n, sizeof(**starts));
	for (p = 0; p < ps.n; p++) {
		(*starts)[p] = out->n;
		put_header(out, &head, W, p, ps.n, plen > 0);
		for (k = 0; k < ps.v[p].n; k++)
			lines_add(out, xstrdup(lo.pool.v[ps.v[p].idx[k]]));
	}
	*npages = ps.n;
out:
	free(meta);
	lines_free(&head);
	pages_free(&ps);
	lines_free(&lo.pool);
	free(lo.items);
	return rc;
}

int
doc_write_text(const struct doc *d, const struct doc_layout *lo, FILE *f,
    int *pages, struct so_err *err)
{
	struct lines out = { 0 };
	size_t *starts, npages, p = 0, i;
	int rc;

	if ((rc = text_render(d, lo, &out, &starts, &npages, err)) != SO_OK)
		return rc;
	for (i = 0; i < out.n; i++) {
		/* a form feed between pages, none after the last */
		if (p + 1 < npages && i == starts[p + 1]) {
			fputc('\f', f);
			p++;
		}
		fputs(out.v[i], f);
		fputc('\n', f);
	}
	lines_free(&out);
	free(starts);
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
	struct lines out = { 0 }, res = { 0 };
	size_t *starts, npages, p, i, end, plen;
	int rc;

	*lines = NULL;
	*nlines = 0;
	if ((rc = text_render(d, lo, &out, &starts, &npages, err)) != SO_OK)
		return rc;
	plen = lo ? (size_t)lo->page_length : 66;
	for (p = 0; p < npages; p++) {
		end = p + 1 < npages ? starts[p + 1] : out.n;
		for (i = starts[p]; i < end; i++) {
			lines_add(&res, out.v[i]);
			out.v[i] = NULL;
		}
		if (p + 1 < npages)
			for (i = end - starts[p]; i < plen; i++)
				lines_add(&res, xstrdup(""));
	}
	lines_free(&out);
	free(starts);
	*lines = res.v;
	*nlines = res.n;
	if (pages)
		*pages = (int)npages;
	return SO_OK;
}
