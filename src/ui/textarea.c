/*
 * The text area of a memo field; see include/ui/textarea.h.
 *
 * The rows are worked out again from the text whenever they are needed
 * (a key, a draw): a memo is a few hundred characters, and holding them
 * would mean keeping them right through every edit the line editor
 * makes.  A row is found for a cursor offset by the rule that a soft
 * row's end is the next row's start: an offset there belongs to the next
 * row, while the offset of a line's newline belongs to its own row, so
 * every offset has exactly one row and the end of a line is reachable.
 *
 * Blanks after a word stay on its row even past the width (they "hang",
 * as in a word processor) rather than starting the next row, so the next
 * row begins with a word and a row never starts with the blank the user
 * just typed.  The caller lays the text out one column narrower than
 * the area, so that the cursor after a full row is still inside it.
 */
#include <curses.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/proc.h"
#include "base/utf8.h"
#include "base/util.h"
#include "ui/textarea.h"
#include "ui/ui.h"

#define CTRL(c)	((c) & 0x1f)

static int
is_blank(uint32_t cp)
{
	return cp == ' ' || cp == '\t';
}

static void
add_row(struct ta_row **rows, size_t *n, size_t *cap, size_t from, size_t to)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*rows = xrealloc(*rows, *cap * sizeof(**rows));
	}
	(*rows)[*n].from = from;
	(*rows)[*n].to = to;
	(*n)++;
}

size_t
ta_wrap(const char *s, int cols, struct ta_row **rows)
{
	size_t len = strlen(s), p = 0, q, brk, k, n = 0, cap = 0;
	uint32_t cp;
	int w, cw;

	*rows = NULL;
	if (cols < 1)
		cols = 1;
	for (;;) {
		/* one row from p */
		w = 0;
		brk = p;
		for (q = p; q < len && s[q] != '\n'; q += k) {
			k = utf8_decode(s + q, len - q, &cp);
			cw = utf8_cpwidth(cp);
			if (is_blank(cp)) {
				w += cw;	/* hangs: never breaks */
				brk = q + k;
				continue;
			}
			if (w + cw > cols && q > p)
				break;
			w += cw;
		}
		if (q < len && s[q] != '\n') {
			/* wrapped: after the last blanks, else at the width */
			q = brk > p ? brk : q;
			add_row(rows, &n, &cap, p, q);
			p = q;
			continue;
		}
		add_row(rows, &n, &cap, p, q);
		if (q >= len)
			break;
		p = q + 1;		/* past the newline */
		if (p == len) {		/* an empty last line */
			add_row(rows, &n, &cap, p, p);
			break;
		}
	}
	return n;
}

void
ta_init(struct textarea *ta)
{
	ta->goal = -1;
	ta->top = 0;
}

/* The row of offset cur. */
static size_t
row_of(const struct ta_row *r, size_t n, size_t cur)
{
	size_t i;

	for (i = 0; i + 1 < n; i++)
		if (cur < r[i + 1].from)
			break;
	return i;
}

/* The last offset the cursor may take in row i: the end of a line, or
 * the start of a wrapped row's last character. */
static size_t
row_last(const char *s, const struct ta_row *r, size_t n, size_t i)
{
	if (i + 1 == n || r[i + 1].from != r[i].to || r[i].to == r[i].from)
		return r[i].to;
	return utf8_prev(s, r[i].to);
}

/* The columns of row i before offset off. */
static int
col_in(const char *s, const struct ta_row *r, size_t i, size_t off)
{
	return utf8_width_n(s + r[i].from, off - r[i].from);
}

/* The offset in row i nearest column goal from the left. */
static size_t
at_col(const char *s, const struct ta_row *r, size_t n, size_t i, int goal)
{
	size_t off = r[i].from, last = row_last(s, r, n, i), k;
	uint32_t cp;
	int col = 0, cw;

	while (off < last) {
		k = utf8_decode(s + off, last - off, &cp);
		cw = utf8_cpwidth(cp);
		if (cw > 0 && col + cw > goal)
			break;
		col += cw;
		off += k;
	}
	return off;
}

/* The start and end of the line (between newlines) around cur. */
static size_t
line_start(const char *s, size_t cur)
{
	while (cur > 0 && s[cur - 1] != '\n')
		cur--;
	return cur;
}

static size_t
line_end(const char *s, size_t len, size_t cur)
{
	while (cur < len && s[cur] != '\n')
		cur++;
	return cur;
}

/* ^W within the line: the blanks, then the word before them; at the
 * line's start, the newline. */
static void
delete_word(struct lineedit *le)
{
	const char *s = le_text(le);
	size_t start = line_start(s, le->cur), p = le->cur, q;
	uint32_t cp;

	if (p == start) {
		if (p > 0)
			le_delete(le, p - 1, p);
		return;
	}
	while (p > start) {
		q = utf8_prev(s, p);
		utf8_decode(s + q, p - q, &cp);
		if (!is_blank(cp))
			break;
		p = q;
	}
	while (p > start) {
		q = utf8_prev(s, p);
		utf8_decode(s + q, p - q, &cp);
		if (is_blank(cp))
			break;
		p = q;
	}
	le_delete(le, p, le->cur);
}

/* Up (-1) or Down (+1); 0 when there is no row that way. */
static int
move_row(struct textarea *ta, struct lineedit *le, int dir, int cols)
{
	const char *s = le_text(le);
	struct ta_row *r;
	size_t n = ta_wrap(s, cols, &r), i = row_of(r, n, le->cur);
	int moved = 0;

	if ((dir < 0 && i > 0) || (dir > 0 && i + 1 < n)) {
		if (ta->goal < 0)
			ta->goal = col_in(s, r, i, le->cur);
		le->cur = at_col(s, r, n, dir < 0 ? i - 1 : i + 1, ta->goal);
		moved = 1;
	}
	free(r);
	return moved;
}

/* Home (0) or End (1) of the cursor's row. */
static void
row_end(struct lineedit *le, int end, int cols)
{
	const char *s = le_text(le);
	struct ta_row *r;
	size_t n = ta_wrap(s, cols, &r), i = row_of(r, n, le->cur);

	le->cur = end ? row_last(s, r, n, i) : r[i].from;
	free(r);
}

int
ta_key(struct textarea *ta, struct lineedit *le, wint_t ch, int keycode,
    int cols)
{
	const char *s = le_text(le);
	size_t len = strlen(s), e;
	int rc;

	if (keycode && (ch == KEY_UP || ch == KEY_DOWN))
		return move_row(ta, le, ch == KEY_UP ? -1 : 1, cols);
	ta->goal = -1;
	if ((keycode && ch == KEY_HOME) || (!keycode && ch == CTRL('a'))) {
		row_end(le, 0, cols);
		return 1;
	}
	if ((keycode && ch == KEY_END) || (!keycode && ch == CTRL('e'))) {
		row_end(le, 1, cols);
		return 1;
	}
	if ((keycode && ch == KEY_ENTER) || (!keycode && (ch == '\n' ||
	    ch == '\r'))) {
		le_insert_cp(le, '\n');
		return 1;
	}
	if (!keycode && ch == CTRL('u')) {
		le_delete(le, line_start(s, le->cur), le->cur);
		return 1;
	}
	if (!keycode && ch == CTRL('k')) {
		e = line_end(s, len, le->cur);
		le_delete(le, le->cur, e > le->cur ? e : e < len ? e + 1 : e);
		return 1;
	}
	if (!keycode && ch == CTRL('w')) {
		delete_word(le);
		return 1;
	}
	rc = le_key(le, ch, keycode);
	return rc;
}

void
ta_cursor(struct textarea *ta, const struct lineedit *le, int cols,
    int height, int *row, int *col)
{
	const char *s = le_text(le);
	struct ta_row *r;
	size_t n = ta_wrap(s, cols, &r), i = row_of(r, n, le->cur);

	*row = (int)i;
	*col = col_in(s, r, i, le->cur);
	if (height < 1)
		height = 1;
	if (ta->top > (int)n - height)
		ta->top = (int)n > height ? (int)n - height : 0;
	if (*row < ta->top)
		ta->top = *row;
	if (*row >= ta->top + height)
		ta->top = *row - height + 1;
	free(r);
}

/* ---- a long text in $VISUAL or $EDITOR ---- */

/* More than anyone writes in a field; a bigger file is refused. */
#define EDITOR_MAX	(1024 * 1024)

/* The text of the file at path (at most EDITOR_MAX bytes), or NULL
 * with errno; the newline an editor ends the file with dropped. */
static char *
read_back(const char *path)
{
	struct strbuf b = { 0 };
	char buf[8192];
	size_t n;
	FILE *fp;
	int bad;

	if ((fp = fopen(path, "r")) == NULL)
		return NULL;
	sb_add(&b, "");
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0 && b.len <=
	    EDITOR_MAX)
		sb_addn(&b, buf, n);
	bad = ferror(fp);
	fclose(fp);
	if (bad || b.len > EDITOR_MAX) {
		sb_free(&b);
		errno = bad ? EIO : EFBIG;
		return NULL;
	}
	while (b.len > 0 && (b.s[b.len - 1] == '\n' || b.s[b.len - 1] ==
	    '\r'))
		b.s[--b.len] = '\0';
	return sb_steal(&b);
}

char *
ta_edit_outside(const char *t)
{
	const char *ed = getenv("VISUAL"), *dir = getenv("TMPDIR");
	struct proc_result r = { 0 };
	struct proc p = { 0 };
	char *path, *script, *text = NULL, *argv[6];
	size_t len = strlen(t);
	int fd, rc, err = 0;

	if (ed == NULL || *ed == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || *ed == '\0')
		ed = "vi";
	path = xasprintf("%s/salesorg-XXXXXX.txt", dir && *dir ? dir :
	    "/tmp");
	if ((fd = mkstemps(path, 4)) < 0) {
		ui_message(_("Cannot make a file for the editor: %s"),
		    strerror(errno));
		free(path);
		return NULL;
	}
	if ((err = proc_write_all(fd, t, len)) == 0 && len > 0)
		err = proc_write_all(fd, "\n", 1);
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (err != 0) {
		ui_message(_("Cannot write %s for the editor: %s"), path,
		    strerror(err));
		unlink(path);
		free(path);
		return NULL;
	}
	script = xasprintf("%s \"$1\"", ed);
	argv[0] = "/bin/sh";
	argv[1] = "-c";
	argv[2] = script;
	argv[3] = "sh";
	argv[4] = path;
	argv[5] = NULL;
	p.argv = argv;
	p.tty = 1;
	def_prog_mode();
	endwin();
	rc = proc_run(&p, &r);
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	if (rc != 0)
		ui_message(_("Cannot run the editor: %s"), strerror(errno));
	else if (r.exec_errno)
		ui_message(_("Cannot run the editor (sh): %s"),
		    strerror(r.exec_errno));
	else if (r.signal)
		ui_message(_("The editor (%s) was killed by signal %d; the "
		    "text is as it was"), ed, r.signal);
	else if (r.status != 0)
		ui_message(_("The editor (%s) exited with status %d; the "
		    "text is as it was"), ed, r.status);
	else if ((text = read_back(path)) == NULL)
		ui_message(_("Cannot read back %s: %s; the text is as it "
		    "was"), path, strerror(errno));
	sb_free(&r.out);
	unlink(path);
	free(script);
	free(path);
	return text;
}
