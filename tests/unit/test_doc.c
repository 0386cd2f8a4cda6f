/*
 * Tests for the text, CSV and HTML writers of doc.h (doc_text.c,
 * doc_csv.c, doc_html.c).  The text checks measure the output
 * themselves, code point by code point with utf8_cpwidth, rather than
 * trusting the writer's own arithmetic: every column edge at the same
 * display column on every line of a table with Cyrillic, Latin and CJK
 * values, no line wider than the width, no character cut, "page N of M"
 * right on every page, rows whole on one page, nothing from the data
 * reaching the terminal raw.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/util.h"
#include "doc/doc.h"
#include "harness.h"

/* ---- helpers ---- */

/* The output of a writer: fmt 't' text, 'c' csv, 'h' html. */
static char *
render(const struct doc *d, int fmt, int width, int plen, int *pages,
    int *rc)
{
	struct doc_layout lo = DOC_LAYOUT_DEFAULT;
	struct so_err err;
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	lo.width = width;
	lo.page_length = plen;
	if (fmt == 't')
		*rc = doc_write_text(d, &lo, f, pages, &err);
	else if (fmt == 'c')
		*rc = doc_write_csv(d, f, &err);
	else
		*rc = doc_write_html(d, f, &err);
	if (*rc != SO_OK)
		fprintf(stderr, "writer: %s\n", err.msg);
	fclose(f);
	return buf;
}

/* Text split into lines; a leading form feed starts a new page. */
struct out {
	char	**line;
	int	 *page;		/* 0-based page of each line */
	size_t	  n;
	int	  npages;
	int	  formfeeds;
};

static void
split(const char *s, struct out *o)
{
	const char *nl;
	int page = 0;

	memset(o, 0, sizeof(*o));
	for (; *s != '\0'; s = nl + 1) {
		while (*s == '\f') {
			o->formfeeds++;
			page++;
			s++;
		}
		if ((nl = strchr(s, '\n')) == NULL)
			nl = s + strlen(s) - 1;		/* no final '\n' */
		o->line = xrealloc(o->line, (o->n + 1) * sizeof(*o->line));
		o->page = xrealloc(o->page, (o->n + 1) * sizeof(*o->page));
		o->line[o->n] = xstrndup(s, (size_t)(nl - s));
		o->page[o->n++] = page;
	}
	o->npages = page + 1;
}

static void
out_free(struct out *o)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		free(o->line[i]);
	free(o->line);
	free(o->page);
}

/* Display columns of each c in s, written to cols; returns how many. */
static int
edges(const char *s, char c, int *cols, int max)
{
	const char *p;
	int n = 0;

	for (p = s; (p = strchr(p, c)) != NULL && n < max; p++)
		cols[n++] = utf8_width_n(s, (size_t)(p - s));
	return n;
}

static int
is_rule(const char *s)
{
	return strstr(s, "-+-") != NULL;
}

static int
is_table_line(const char *s)
{
	return strstr(s, " | ") != NULL || is_rule(s);
}

/* Column cells of a table line: the text between separators, trimmed. */
static char *
cell(const char *line, int col)
{
	const char *p = line, *end;
	int i;

	/* " |" also ends a line whose last cell is empty */
	for (i = 0; i < col; i++) {
		if ((p = strstr(p, " |")) == NULL)
			return xstrdup("");
		p += 2;
	}
	end = strstr(p, " |");
	if (end == NULL)
		end = p + strlen(p);
	while (p < end && (*p == ' ' || *p == '!'))
		p++;
	while (end > p && end[-1] == ' ')
		end--;
	return xstrndup(p, (size_t)(end - p));
}

static const struct doc_col mixed_cols[] = {
	{ "Организация", DOC_LEFT, 18, 0 },
	{ "Contact", DOC_LEFT, 0, 0 },
	{ "会社", DOC_LEFT, 9, 0 },
	{ "Сумма", DOC_RIGHT, 0, 0 },
	{ "Result", DOC_LEFT, 0, 1 },
};

/* A table of Cyrillic, Latin and CJK values, some of them wrapping. */
static void
mixed_doc(struct doc *d, int rows)
{
	struct doc_table *t;
	char id[32];
	int i;

	doc_init(d, "Журнал работы");
	doc_meta(d, "2026-11-23", "Анна Иванова (anna)",
	    "printed 2026-11-22 18:40 by anna");
	doc_heading(d, "Звонки дня");
	t = doc_table(d, mixed_cols, 5);
	doc_rowv(t, DOC_ROW_GROUP, "Группа: Анна Иванова", "", "", "", "");
	for (i = 0; i < rows; i++) {
		snprintf(id, sizeof(id), "%d 000.00", i + 1);
		switch (i % 4) {
		case 0:
			doc_rowv(t, DOC_ROW, "ООО «Ромашка» — поставки "
			    "оборудования", "Пётр Сидоров", "東京海上日動",
			    id, "");
			break;
		case 1:
			doc_rowv(t, DOC_ROW_MARK, "Acme Corporation "
			    "International", "John\nSmith", "株式会社東京海上"
			    "日動火災保険", id, "");
			break;
		case 2:
			doc_rowv(t, DOC_ROW, "ИП Ёлкин", "Éloïse "
			    "Dupont-Müller", "李小龍", id, "");
			break;
		default:
			doc_rowv(t, DOC_ROW, "Сверхдлинноеназваниебезпробелов"
			    "дляпереноса", "х", "中文ABC中文", id, "");
			break;
		}
	}
	doc_rowv(t, DOC_ROW_TOTAL, "Итого", "", "", "123 456.00", "");
}

/* ---- text: alignment ---- */

/*
 * The must-show: every column edge of a table with Cyrillic,
 * Latin and CJK values, wrapping, a marked row and a total, at the same
 * display column on every line of the table, on every page.
 */
static void
check_edges(int width, int plen)
{
	struct doc d;
	struct out o;
	int want[8], got[8], nwant = 0, ngot, rc, pages, tablelines = 0;
	int continuation = 0;
	size_t i;
	char *s;

	mixed_doc(&d, 40);
	s = render(&d, 't', width, plen, &pages, &rc);
	REQUIRE(rc == SO_OK);
	split(s, &o);
	for (i = 0; i < o.n; i++) {
		const char *l = o.line[i];

		if (!is_table_line(l))
			continue;
		tablelines++;
		ngot = edges(l, is_rule(l) ? '+' : '|', got, 8);
		if (nwant == 0) {
			nwant = ngot;
			memcpy(want, got, sizeof(got));
			continue;
		}
		if (ngot != nwant || memcmp(got, want, (size_t)ngot *
		    sizeof(int)) != 0) {
			harness_fail(__FILE__, __LINE__, "width %d page %d "
			    "line %zu: edges differ: \"%s\"", width,
			    o.page[i] + 1, i, l);
			break;
		}
		/* a wrapped continuation line: no amount */
		if (!is_rule(l)) {
			char *c = cell(l, 3);

			continuation += c[0] == '\0';
			free(c);
		}
	}
	CHECK_INT(nwant, 4);
	CHECK(tablelines > 40);
	/* the marked rows are marked, the group row spans the table */
	CHECK(strstr(s, "\n! Acme") != NULL);
	CHECK(strstr(s, "\nГруппа: Анна Иванова\n") != NULL);
	CHECK(continuation > 10);
	if (plen > 0)
		CHECK(pages > 1);
	out_free(&o);
	free(s);
	doc_free(&d);
}

TEST(test_doc_text_column_edges_align_with_cyrillic_latin_and_cjk)
{
	check_edges(80, 40);
	check_edges(0, 0);
}

/*
 * Too narrow for the table's words ("оборудования" would break in its
 * column): a row at a time, label beside value, no word broken, the
 * marked rows marked, every line within the width.
 */
TEST(test_doc_text_narrow_tables_go_a_row_at_a_time)
{
	static const int widths[] = { 60, 44 };
	struct doc d;
	struct out o;
	int rc, pages;
	size_t i, k;
	char *s;

	for (k = 0; k < 2; k++) {
		mixed_doc(&d, 8);
		s = render(&d, 't', widths[k], 0, &pages, &rc);
		REQUIRE(rc == SO_OK);
		CHECK(strstr(s, " | ") == NULL);	/* no columns */
		CHECK(strstr(s, "оборудования") != NULL);	/* whole */
		CHECK(strstr(s, "\n! Acme Corporation") != NULL);
		/* the first two cells lead; the others under their labels */
		CHECK(strstr(s, "\n    会社 ") != NULL);
		CHECK(strstr(s, "\n    Сумма ") != NULL);
		CHECK(strstr(s, "Сидоров") != NULL);
		/* a column to fill in by hand: a rule to write on */
		CHECK(strstr(s, "Result") != NULL && strstr(s, "____") != NULL);
		split(s, &o);
		for (i = 0; i < o.n; i++)
			if (utf8_width(o.line[i]) > widths[k])
				harness_fail(__FILE__, __LINE__, "width %d: "
				    "\"%s\"", widths[k], o.line[i]);
		out_free(&o);
		free(s);
		doc_free(&d);
	}
}

/* No line wider than the width; valid UTF-8; a CJK word broken whole. */
TEST(test_doc_text_lines_fit_width_and_never_cut_a_character)
{
	static const char word[] = "株式会社東京海上日動火災保険";
	static const struct doc_col cols[] = {
		{ "N", DOC_RIGHT, 0, 0 },
		{ "Name", DOC_LEFT, 9, 0 },
		{ "Note", DOC_LEFT, 0, 0 },
	};
	struct strbuf joined = { 0 };
	struct doc_table *t;
	struct doc d;
	struct out o;
	int rc, pages, w;
	size_t i;
	char *s, *c;

	doc_init(&d, "Ширина");
	t = doc_table(&d, cols, 3);
	doc_rowv(t, DOC_ROW, "1", word, "Кофе́ и чай — е́ с ударением, "
	    "довольно длинное примечание, которое переносится");
	doc_para(&d, "Абзац: 中文中文中文中文中文中文中文中文中文中文中文中文"
	    "中文中文中文中文中文中文 и ещё слова");
	s = render(&d, 't', 31, 0, &pages, &rc);
	REQUIRE(rc == SO_OK);
	split(s, &o);
	for (i = 0; i < o.n; i++) {
		w = utf8_width_n(o.line[i], strlen(o.line[i]));
		if (w > 31)
			harness_fail(__FILE__, __LINE__, "line %zu is %d "
			    "wide: \"%s\"", i, w, o.line[i]);
		CHECK(utf8_valid(o.line[i], strlen(o.line[i])));
		/* the name column is 9 wide: four CJK chars, one blank */
		if (is_table_line(o.line[i]) && !is_rule(o.line[i]) &&
		    strstr(o.line[i], "Name") == NULL) {
			c = cell(o.line[i], 1);
			CHECK(utf8_width_n(c, strlen(c)) <= 9);
			sb_add(&joined, c);
			free(c);
		}
	}
	/* every character of the word is there, in order, none cut */
	CHECK_STR(sb_str(&joined), word);
	CHECK(strstr(s, "Кофе́") != NULL);
	sb_free(&joined);
	out_free(&o);
	free(s);
	doc_free(&d);
}

/* ---- text: pages ---- */

static const struct doc_col page_cols[] = {
	{ "No", DOC_RIGHT, 0, 0 },
	{ "Организация", DOC_LEFT, 30, 0 },
	{ "Amount", DOC_RIGHT, 0, 0 },
};

/*
 * 200 one-line rows at 30 lines a page: the header takes 4 lines
 * (title, period and user, rule, blank), the table header 2, so 24 rows
 * a page and 9 pages.
 */
TEST(test_doc_text_paginates_200_rows_with_headers_on_every_page)
{
	struct doc_table *t;
	struct doc d;
	struct out o;
	char no[16], want[64];
	int rc, pages, next = 1, p;
	size_t i;
	char *s;

	doc_init(&d, "Отчёт");
	doc_meta(&d, "2026-11-01 - 2026-11-30", "all managers", NULL);
	t = doc_table(&d, page_cols, 3);
	for (i = 0; i < 200; i++) {
		snprintf(no, sizeof(no), "%zu", i + 1);
		doc_rowv(t, DOC_ROW, no, "ООО «Ромашка»", "1 000.00");
	}
	s = render(&d, 't', 80, 30, &pages, &rc);
	REQUIRE(rc == SO_OK);
	CHECK_INT(pages, 9);
	split(s, &o);
	CHECK_INT(o.npages, 9);
	CHECK_INT(o.formfeeds, 8);
	for (i = 0; i < o.n; i++) {
		p = o.page[i];
		if (i == 0 || o.page[i - 1] != p) {
			/* line 1: title left, "page N of M" flush right */
			snprintf(want, sizeof(want), "page %d of 9", p + 1);
			CHECK(strncmp(o.line[i], "Отчёт", strlen("Отчёт")) ==
			    0);
			CHECK(strlen(o.line[i]) >= strlen(want) &&
			    strcmp(o.line[i] + strlen(o.line[i]) -
			    strlen(want), want) == 0);
			CHECK_INT(utf8_width_n(o.line[i], strlen(o.line[i])), 80);
			CHECK(strstr(o.line[i + 1], "2026-11-01 - 2026-11-30")
			    != NULL);
			/* the table header is repeated on every page */
			CHECK(strstr(o.line[i + 4], "Организация") != NULL);
			CHECK(is_rule(o.line[i + 5]));
		}
		if (is_table_line(o.line[i]) && !is_rule(o.line[i]) &&
		    strstr(o.line[i], "Организация") == NULL) {
			if (atoi(o.line[i]) != next)
				harness_fail(__FILE__, __LINE__, "line %zu: "
				    "row %d expected: \"%s\"", i, next,
				    o.line[i]);
			next++;
		}
	}
	CHECK_INT(next, 201);
	/* no page longer than 30 lines */
	for (p = 0; p < o.npages; p++) {
		int n = 0;

		for (i = 0; i < o.n; i++)
			n += o.page[i] == p;
		CHECK(n <= 30);
	}
	out_free(&o);
	free(s);

	/* 14 rows a page: 15 pages, "page 10 of 15" needs more room */
	s = render(&d, 't', 80, 20, &pages, &rc);
	REQUIRE(rc == SO_OK);
	CHECK_INT(pages, 15);
	split(s, &o);
	CHECK_INT(o.formfeeds, 14);
	for (i = 0; i < o.n; i++)
		if (i == 0 || o.page[i - 1] != o.page[i]) {
			snprintf(want, sizeof(want), "page %d of 15",
			    o.page[i] + 1);
			CHECK(strstr(o.line[i], want) != NULL);
			CHECK_INT(utf8_width_n(o.line[i], strlen(o.line[i])), 80);
		}
	out_free(&o);
	free(s);
	doc_free(&d);
}

/* Rows of several lines are never split across pages. */
TEST(test_doc_text_keeps_every_row_on_one_page)
{
	struct doc_table *t;
	struct doc d;
	struct out o;
	char no[16];
	int rc, pages, started = 0;
	size_t i, rows = 0;
	char *s;

	doc_init(&d, "Rows");
	t = doc_table(&d, page_cols, 3);
	for (i = 0; i < 120; i++) {
		snprintf(no, sizeof(no), "%zu", i + 1);
		doc_rowv(t, DOC_ROW, no, i % 3 == 0 ? "Общество с "
		    "ограниченной ответственностью «Ромашка и партнёры» "
		    "(Казань)" : "ООО «Ромашка»", "5.00");
	}
	s = render(&d, 't', 80, 27, &pages, &rc);
	REQUIRE(rc == SO_OK);
	split(s, &o);
	CHECK_INT(pages, o.npages);
	CHECK(pages > 5);
	for (i = 0; i < o.n; i++) {
		const char *l = o.line[i];

		if (i > 0 && o.page[i] != o.page[i - 1])
			started = 0;
		if (!is_table_line(l) || is_rule(l) || strstr(l, "No |"))
			continue;
		if (atoi(l) > 0) {
			rows++;
			started = 1;
		} else if (!started)
			/* a continuation with no row start on its page */
			harness_fail(__FILE__, __LINE__, "row split at line "
			    "%zu (page %d): \"%s\"", i, o.page[i] + 1, l);
	}
	CHECK_INT(rows, 120);
	out_free(&o);
	free(s);
	doc_free(&d);
}

/* page_length 0: the header once, no form feed, one page. */
TEST(test_doc_text_page_length_zero_is_one_page)
{
	struct doc d;
	int rc, pages = 0;
	char *s, *p;
	size_t n = 0;

	mixed_doc(&d, 100);
	doc_page_break(&d);
	doc_para(&d, "После разрыва");
	s = render(&d, 't', 80, 0, &pages, &rc);
	REQUIRE(rc == SO_OK);
	CHECK_INT(pages, 1);
	CHECK(strchr(s, '\f') == NULL);
	CHECK(strstr(s, "page 1") == NULL);
	CHECK(strncmp(s, "Журнал работы\n", strlen("Журнал работы\n")) == 0);
	CHECK(strstr(s, "Period: 2026-11-23   User: Анна Иванова (anna)") !=
	    NULL);
	for (p = s; (p = strstr(p, "Организация")) != NULL; p++)
		n++;
	CHECK_INT(n, 1);
	CHECK(strstr(s, "После разрыва") != NULL);
	free(s);
	doc_free(&d);
}

/* A heading is kept with what follows; a page break makes no empty page. */
TEST(test_doc_text_heading_stays_with_its_table_and_breaks_start_pages)
{
	static const struct doc_col cols[] = { { "Col", DOC_LEFT, 0, 0 } };
	struct strbuf para = { 0 };
	struct doc_table *t;
	struct doc d;
	struct out o;
	int rc, pages, i;
	size_t k;
	char *s;

	doc_init(&d, "Keep");
	doc_meta(&d, "today", NULL, NULL);
	doc_page_break(&d);	/* at the top: no empty page */
	/*
	 * 4 header lines leave 26; 22 lines of a paragraph leave 4, room
	 * for the blank line, the heading and its underline, not for the
	 * table's header and first row as well: all go to page 2.
	 */
	for (i = 0; i < 22; i++)
		sb_add(&para, i ? "\nline" : "line");
	doc_para(&d, sb_str(&para));
	sb_free(&para);
	doc_heading(&d, "Section");
	t = doc_table(&d, cols, 1);
	doc_rowv(t, DOC_ROW, "a");
	doc_page_break(&d);
	doc_page_break(&d);	/* twice: still one new page */
	doc_para(&d, "last");
	s = render(&d, 't', 40, 30, &pages, &rc);
	REQUIRE(rc == SO_OK);
	split(s, &o);
	CHECK_INT(pages, 3);
	CHECK_INT(o.npages, 3);
	for (k = 0; k < o.n; k++) {
		if (strcmp(o.line[k], "Section") == 0) {
			CHECK_INT(o.page[k], 1);
			/* at the top of its page, no blank line before it */
			CHECK(o.line[k - 1][0] == '=' || o.line[k - 1][0] ==
			    '\0');
			CHECK(strncmp(o.line[k - 2], "=====", 5) == 0);
			CHECK_STR(o.line[k + 1], "-------");
			CHECK(strstr(o.line[k + 2], "Col") != NULL);
		}
		if (strcmp(o.line[k], "last") == 0)
			CHECK_INT(o.page[k], 2);
	}
	out_free(&o);
	free(s);
	doc_free(&d);
}

/* Escape sequences and other controls from the data come out visible. */
TEST(test_doc_text_control_characters_do_not_come_out_raw)
{
	static const struct doc_col cols[] = {
		{ "A\x1b[2J", DOC_LEFT, 0, 0 },
		{ "B", DOC_LEFT, 0, 0 },
	};
	struct doc_table *t;
	struct doc d;
	int rc, pages;
	const unsigned char *p;
	char *s;

	doc_init(&d, "T\x1b]0;owned\x07");
	doc_meta(&d, "\x1b[31m", "u\rser", "\x9b");
	doc_heading(&d, "h\x1b");
	doc_para(&d, "p\x08\x7f");
	t = doc_table(&d, cols, 2);
	doc_rowv(t, DOC_ROW, "x\x1b[31mred", "\xc2\x9b" "1m\ttab");
	doc_rowv(t, DOC_ROW_GROUP, "g\x1b", "");
	s = render(&d, 't', 60, 66, &pages, &rc);
	REQUIRE(rc == SO_OK);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			harness_fail(__FILE__, __LINE__, "raw control 0x%02x "
			    "at %td", *p, (const char *)p - s);
		/* U+0080..U+009F is 0xc2 0x80..0x9f */
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			harness_fail(__FILE__, __LINE__, "raw C1 control");
	}
	CHECK(strstr(s, "x^[[31mred") != NULL);
	CHECK(strstr(s, "<9B>1m tab") != NULL);
	CHECK(strstr(s, "u^Mser") != NULL);
	free(s);

	s = render(&d, 'h', 0, 0, &pages, &rc);
	CHECK(strchr(s, '\x1b') == NULL);
	CHECK(strstr(s, "x^[[31mred") != NULL);
	free(s);
	s = render(&d, 'c', 0, 0, &pages, &rc);
	CHECK(strchr(s, '\x1b') == NULL);
	free(s);
	doc_free(&d);
}

/* doc_text_lines is the text writer's layout, pages padded to length. */
TEST(test_doc_text_lines_match_the_printed_text)
{
	struct doc_layout lo = DOC_LAYOUT_DEFAULT;
	struct so_err err;
	struct doc d;
	struct out o;
	char **lines;
	size_t nlines, i, k = 0;
	int rc, pages, lpages;
	char *s;

	mixed_doc(&d, 30);
	s = render(&d, 't', 70, 24, &pages, &rc);
	REQUIRE(rc == SO_OK);
	split(s, &o);
	lo.width = 70;
	lo.page_length = 24;
	rc = doc_text_lines(&d, &lo, &lines, &nlines, &lpages, &err);
	REQUIRE(rc == SO_OK);
	CHECK_INT(lpages, pages);
	CHECK(pages > 2);
	for (i = 0; i < nlines; i++) {
		CHECK(strchr(lines[i], '\f') == NULL);
		/* page p starts at line p * 24 */
		if (i % 24 == 0)
			CHECK(strstr(lines[i], "Журнал работы") == lines[i]);
		if (k < o.n && o.page[k] == (int)(i / 24))
			CHECK_STR(lines[i], o.line[k++]);
		else
			CHECK_STR(lines[i], "");
	}
	CHECK_INT(k, o.n);
	for (i = 0; i < nlines; i++)
		free(lines[i]);
	free(lines);
	out_free(&o);
	free(s);
	doc_free(&d);
}

TEST(test_doc_text_rejects_layouts_it_cannot_keep)
{
	static const struct doc_col cols[] = {
		{ "A", DOC_LEFT, 0, 0 }, { "B", DOC_LEFT, 0, 0 },
		{ "C", DOC_LEFT, 0, 0 }, { "D", DOC_LEFT, 0, 0 },
		{ "E", DOC_LEFT, 0, 0 }, { "F", DOC_LEFT, 0, 0 },
		{ "G", DOC_LEFT, 0, 0 },
	};
	struct doc_layout lo = { 30, 66, "a4" };
	struct so_err err;
	struct doc d;
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	doc_init(&d, "T");
	doc_heading(&d, "Wide");
	doc_rowv(doc_table(&d, cols, 7), DOC_ROW, "a", "b", "c", "d", "e",
	    "f", "g");
	/* 7 columns on 30: a row at a time rather than a refusal */
	CHECK_INT(doc_write_text(&d, &lo, f, NULL, &err), SO_OK);
	lo.width = 10;
	CHECK_INT(doc_write_text(&d, &lo, f, NULL, &err), SO_EINVAL);
	CHECK(strstr(err.msg, "width 10") != NULL);
	lo.width = 0;
	lo.page_length = 5;
	CHECK_INT(doc_write_text(&d, &lo, f, NULL, &err), SO_EINVAL);
	CHECK(strstr(err.msg, "page length 5") != NULL);
	lo.page_length = 0;
	CHECK_INT(doc_write_text(&d, &lo, f, NULL, &err), SO_OK);
	fclose(f);
	free(buf);
	doc_free(&d);
}

/*
 * A wide line gives its room to the columns the report capped: at
 * --width 160 the key clients' table (columns capped at 24, 16, 18, 18)
 * keeps each contact on one line, name, phones and e-mail unwrapped;
 * at 80 it wraps within the line.
 */
TEST(test_doc_text_wide_line_widens_capped_columns)
{
	static const struct doc_col cols[] = {
		{ "Contact", DOC_LEFT, 24, 0 },
		{ "Position", DOC_LEFT, 16, 0 },
		{ "Phones", DOC_LEFT, 18, 0 },
		{ "E-mail", DOC_LEFT, 18, 0 },
	};
	static const char *const row[] = { "Семёнов Сергей Олегович-Длинный",
	    "Директор по закупкам", "+7 495 723-07-68 доб. 253, "
	    "+7 974 087-40-60", "s.semyonov@severstal-trade.ru" };
	struct doc d;
	struct out o;
	size_t i;
	int rc, pages, whole;
	char *s;

	doc_init(&d, "Key clients");
	doc_rowv(doc_table(&d, cols, 4), DOC_ROW, row[0], row[1], row[2],
	    row[3]);
	s = render(&d, 't', 160, 0, &pages, &rc);
	REQUIRE(rc == SO_OK);
	split(s, &o);
	for (i = 0, whole = 0; i < o.n; i++) {
		whole |= strstr(o.line[i], row[0]) && strstr(o.line[i],
		    row[2]) && strstr(o.line[i], row[3]);
		CHECK(utf8_width(o.line[i]) <= 160);
	}
	CHECK(whole);
	out_free(&o);
	free(s);
	s = render(&d, 't', 80, 0, &pages, &rc);
	REQUIRE(rc == SO_OK);
	CHECK(strstr(s, row[3]) == NULL);	/* wrapped */
	split(s, &o);
	for (i = 0; i < o.n; i++)
		CHECK(utf8_width(o.line[i]) <= 80);
	out_free(&o);
	free(s);
	doc_free(&d);
}

/*
 * More text than a wide line holds: the room goes first to a word that
 * would break (a 40-column e-mail), then to the columns it lets stop
 * wrapping, the nearest first (the contact, the phones), and what is
 * left to the rest; evened out, every column wrapped by a few.
 */
TEST(test_doc_text_wide_line_unbreaks_the_email_first)
{
	static const struct doc_col cols[] = {
		{ "Contact", DOC_LEFT, 24, 0 },
		{ "Position", DOC_LEFT, 16, 0 },
		{ "Phones", DOC_LEFT, 18, 0 },
		{ "E-mail", DOC_LEFT, 18, 0 },
	};
	static const char *const row[] = { "Константинопольский Сергей",
	    "Заместитель генерального директора по развитию",
	    "+7 843 568-47-36 доб. 814, +7 953 473-57-04",
	    "konstantin.konstantinopolsky@romashka.ru" };
	struct doc d;
	struct out o;
	size_t i;
	int rc, pages, whole;
	char *s;

	doc_init(&d, "Key clients");
	doc_rowv(doc_table(&d, cols, 4), DOC_ROW, row[0], row[1], row[2],
	    row[3]);
	s = render(&d, 't', 140, 0, &pages, &rc);
	REQUIRE(rc == SO_OK);
	split(s, &o);
	for (i = 0, whole = 0; i < o.n; i++) {
		whole |= strstr(o.line[i], row[0]) && strstr(o.line[i],
		    row[2]) && strstr(o.line[i], row[3]);
		CHECK(utf8_width(o.line[i]) <= 140);
	}
	CHECK(whole);
	/* the position alone wraps, at spaces */
	CHECK(strstr(s, row[1]) == NULL);
	CHECK(strstr(s, "| Заместитель") != NULL);
	CHECK(strstr(s, "генерального") != NULL);
	out_free(&o);
	free(s);
	s = render(&d, 't', 80, 0, &pages, &rc);
	REQUIRE(rc == SO_OK);
	CHECK(strstr(s, row[3]) == NULL);	/* wrapped */
	free(s);
	doc_free(&d);
}

/*
 * The follow-up's six columns at 140, 15 columns short: the 44-column
 * name wraps and every other cell stays whole, where evening out the
 * columns wrapped all five text columns by a column or two.
 */
TEST(test_doc_text_wide_line_keeps_rows_on_one_line)
{
	static const struct doc_col cols[] = {
		{ "!", DOC_CENTER, 1, 0 },
		{ "Organization", DOC_LEFT, 22, 0 },
		{ "Manager", DOC_LEFT, 12, 0 },
		{ "Warm since", DOC_LEFT, 14, 0 },
		{ "Last touch", DOC_LEFT, 18, 0 },
		{ "Next touch", DOC_LEFT, 16, 0 },
	};
	struct doc_table *t;
	struct doc d;
	struct out o;
	size_t i;
	int rc, pages;
	char *s;

	doc_init(&d, "Follow-up");
	t = doc_table(&d, cols, 6);
	doc_rowv(t, DOC_ROW_MARK, "!",
	    "ООО «Транссибирская Экспедиционная Компания»", "root",
	    "2026-09-25 Proposal sent",
	    "2026-11-02 Call, Reached decision maker", "");
	doc_rowv(t, DOC_ROW, "", "Contoso GmbH", "root",
	    "2026-11-13 Proposal sent", "2026-11-13 Meeting, Proposal sent",
	    "2026-12-07 09:30 Call");
	s = render(&d, 't', 140, 0, &pages, &rc);
	REQUIRE(rc == SO_OK);
	split(s, &o);
	/* title, rule, blank; header, rule, a row of two lines, a row */
	REQUIRE(o.n == 8);
	CHECK(strstr(o.line[5], "| 2026-09-25 Proposal sent | 2026-11-02 "
	    "Call, Reached decision maker |") != NULL);
	CHECK(strstr(o.line[6], "Компания»") != NULL);
	CHECK(strstr(o.line[7], "| 2026-11-13 Proposal sent | 2026-11-13 "
	    "Meeting, Proposal sent ") != NULL);
	CHECK(strstr(o.line[7], "| 2026-12-07 09:30 Call") != NULL);
	for (i = 0; i < o.n; i++)
		CHECK(utf8_width(o.line[i]) <= 140);
	out_free(&o);
	free(s);
	doc_free(&d);
}

/* ---- csv ---- */

TEST(test_doc_csv_quotes_and_guards_formulas)
{
	static const struct doc_col cols[] = {
		{ "Название", DOC_LEFT, 0, 0 },
		{ "Сумма", DOC_RIGHT, 0, 0 },
	};
	struct doc_table *t;
	struct doc d;
	int rc, pages;
	char *s;

	doc_init(&d, "Отчёт, \"продажи\"");
	doc_meta(&d, "2026-11-01 - 2026-11-30", "Анна", NULL);
	doc_heading(&d, "Менеджеры");
	t = doc_table(&d, cols, 2);
	doc_rowv(t, DOC_ROW, "a;b", "1 234 567.89");
	doc_rowv(t, DOC_ROW, "a,b", "-500.00");
	doc_rowv(t, DOC_ROW, "say \"hi\"", "12 34");
	doc_rowv(t, DOC_ROW, "two\r\nlines", "=1+2");
	doc_rowv(t, DOC_ROW_GROUP, "=cmd|' /C calc'!A0", "");
	doc_rowv(t, DOC_ROW_MARK, "+7 495 123-45-67", "");
	doc_rowv(t, DOC_ROW_TOTAL, "Итого", "1 234 067.89");
	t = doc_table(&d, cols, 2);
	doc_rowv(t, DOC_ROW, "@SUM(A1)", "0");
	s = render(&d, 'c', 0, 0, &pages, &rc);
	REQUIRE(rc == SO_OK);
	CHECK_STR(s,
	    "\"Отчёт, \"\"продажи\"\"\"\r\n"
	    "Period,2026-11-01 - 2026-11-30\r\n"
	    "User,Анна\r\n"
	    "\r\n"
	    "Менеджеры\r\n"
	    "Название,Сумма\r\n"
	    "\"a;b\",1234567.89\r\n"
	    "\"a,b\",-500.00\r\n"
	    "\"say \"\"hi\"\"\",12 34\r\n"
	    "\"two\nlines\",\"'=1+2\"\r\n"
	    "\"'=cmd|' /C calc'!A0\",\r\n"
	    "+7 495 123-45-67,\r\n"
	    "Итого,1234067.89\r\n"
	    "\r\n"
	    "Название,Сумма\r\n"
	    "\"'@SUM(A1)\",0\r\n");
	free(s);
	doc_free(&d);
}

/* The reports' "none" is a lone "-": text, not a formula to guard. */
TEST(test_doc_csv_keeps_a_placeholder_dash)
{
	static const struct doc_col cols[] = {
		{ "Cat.", DOC_CENTER, 0, 0 },
		{ "Сумма", DOC_RIGHT, 0, 0 },
	};
	struct doc_table *t;
	struct doc d;
	int rc, pages;
	char *s;

	doc_init(&d, "T");
	t = doc_table(&d, cols, 2);
	doc_rowv(t, DOC_ROW, "-", "-");
	doc_rowv(t, DOC_ROW, "-1", "-x");
	s = render(&d, 'c', 0, 0, &pages, &rc);
	REQUIRE(rc == SO_OK);
	/* -1 is a number, no formula; -x is guarded */
	CHECK_STR(s, "T\r\n\r\nCat.,Сумма\r\n-,-\r\n-1,\"'-x\"\r\n");
	free(s);
	doc_free(&d);
}

/* ---- html ---- */

TEST(test_doc_html_escapes_and_marks_rows_and_breaks_pages)
{
	static const struct doc_col cols[] = {
		{ "Имя <b>", DOC_LEFT, 0, 0 },
		{ "Сумма", DOC_RIGHT, 0, 0 },
		{ "Result", DOC_LEFT, 0, 1 },
	};
	struct doc_table *t;
	struct doc d;
	int rc, pages;
	char *s;

	doc_init(&d, "A & B <script>alert('x')</script>");
	doc_meta(&d, "2026-11-23", "\"Анна\"", "printed");
	doc_heading(&d, "Part <1>");
	doc_para(&d, "first\nsecond");
	t = doc_table(&d, cols, 3);
	doc_rowv(t, DOC_ROW, "O'Brien & Sons", "1 000.00", "");
	doc_rowv(t, DOC_ROW_MARK, "ООО «Без касания»", "0.00", "");
	doc_rowv(t, DOC_ROW_GROUP, "Group <g>", "", "");
	doc_rowv(t, DOC_ROW_TOTAL, "Итого", "1 000.00", "");
	doc_page_break(&d);
	doc_para(&d, "after");
	s = render(&d, 'h', 0, 0, &pages, &rc);
	REQUIRE(rc == SO_OK);
	CHECK(strncmp(s, "<!DOCTYPE html>", 15) == 0);
	CHECK(strstr(s, "<meta charset=\"utf-8\">") != NULL);
	CHECK(strstr(s, "@page { size: A4") != NULL);
	CHECK(strstr(s, "thead { display: table-header-group; }") != NULL);
	CHECK(strstr(s, "page-break-inside: avoid") != NULL);
	CHECK(strstr(s, "<script>") == NULL);
	CHECK(strstr(s, "<h1>A &amp; B &lt;script&gt;alert(&#39;x&#39;)"
	    "&lt;/script&gt;</h1>") != NULL);
	CHECK(strstr(s, "User: &quot;Анна&quot;") != NULL);
	CHECK(strstr(s, "<h2>Part &lt;1&gt;</h2>") != NULL);
	CHECK(strstr(s, "<p>first<br>second</p>") != NULL);
	CHECK(strstr(s, "<th>Имя &lt;b&gt;</th><th class=\"right\">Сумма"
	    "</th><th class=\"blank\">Result</th>") != NULL);
	CHECK(strstr(s, "<td>O&#39;Brien &amp; Sons</td><td class=\"right\">"
	    "1 000.00</td>") != NULL);
	CHECK(strstr(s, "<tr class=\"mark\"><td>ООО «Без касания»</td>") !=
	    NULL);
	CHECK(strstr(s, "<tr class=\"group\"><td colspan=\"3\">Group "
	    "&lt;g&gt;</td></tr>") != NULL);
	CHECK(strstr(s, "<tr class=\"total\"><td>Итого</td>") != NULL);
	CHECK(strstr(s, "<div class=\"page-break\" style=\"page-break-before:"
	    " always\"></div>\n<p>after</p>") != NULL);
	CHECK(strstr(s, "</html>\n") != NULL);
	free(s);
	doc_free(&d);
}

/* A write error (a full disk) is an error, not a short file. */
TEST(test_doc_writers_report_a_full_disk)
{
	struct doc_layout lo = DOC_LAYOUT_DEFAULT;
	struct so_err err;
	struct doc d;
	FILE *f;

	mixed_doc(&d, 400);
	REQUIRE((f = fopen("/dev/full", "w")) != NULL);
	CHECK_INT(doc_write_text(&d, &lo, f, NULL, &err), SO_ERR);
	CHECK(strstr(err.msg, "writing the text") != NULL);
	clearerr(f);
	CHECK_INT(doc_write_csv(&d, f, &err), SO_ERR);
	clearerr(f);
	CHECK_INT(doc_write_html(&d, f, &err), SO_ERR);
	fclose(f);
	doc_free(&d);
}

/* A total opening a page is not ruled twice under the header. */
TEST(test_doc_text_total_at_the_top_of_a_page_has_one_rule)
{
	struct doc_table *t;
	struct doc d;
	struct out o;
	int rc, pages, i;
	size_t k;
	char *s;

	doc_init(&d, "Totals");
	doc_meta(&d, "2026-11", NULL, NULL);
	t = doc_table(&d, page_cols, 3);
	/* 12 lines: 4 of header, 2 of table header, 6 rows fill page 1 */
	for (i = 0; i < 6; i++)
		doc_rowv(t, DOC_ROW, "1", "ООО «Ромашка»", "5.00");
	doc_rowv(t, DOC_ROW_TOTAL, "", "Итого", "30.00");
	s = render(&d, 't', 40, 12, &pages, &rc);
	REQUIRE(rc == SO_OK);
	CHECK_INT(pages, 2);
	split(s, &o);
	for (k = 0; k + 1 < o.n; k++)
		CHECK(!(is_rule(o.line[k]) && is_rule(o.line[k + 1])));
	CHECK(strstr(o.line[o.n - 1], "Итого") != NULL);
	CHECK_INT(o.page[o.n - 1], 1);
	CHECK(is_rule(o.line[o.n - 2]));
	CHECK(strstr(o.line[o.n - 3], "Организация") != NULL);
	out_free(&o);
	free(s);
	doc_free(&d);
}

/* ---- tables whose rows went to a file ---- */

/*
 * A document of every kind of block and row: a heading, a paragraph,
 * the mixed table (a group row, marked rows, wrapped cells, a total), a
 * page break, a table too wide for a narrow page (laid out a row at a
 * time there) and a long one of group rows over pages.  spill: the
 * tables may go to their files, from the first row on.
 */
static void
spill_doc(struct doc *d, int spill)
{
	static const struct doc_col wide[] = {
		{ "Дата", DOC_LEFT, 0, 0 },
		{ "Организация", DOC_LEFT, 0, 0 },
		{ "Контактное лицо", DOC_LEFT, 0, 0 },
		{ "Результат", DOC_LEFT, 0, 1 },
	};
	struct doc_table *t;
	char no[32], name[64];
	size_t i;

	mixed_doc(d, 41);
	/* the rows so far move to the file at the next one */
	t = d->blocks[1].table;
	t->spill = spill;
	doc_rowv(t, DOC_ROW, "После итога", "", "", "", "");
	doc_para(d, "Второй раздел.\nДве строки.");
	doc_page_break(d);
	t = doc_table(d, wide, 4);
	t->spill = spill;
	for (i = 0; i < 7; i++)
		doc_rowv(t, i % 3 ? DOC_ROW : DOC_ROW_MARK, "08.12 11:00",
		    "ООО «Технопарк-Инновации» Казань",
		    "Вебер Петра Алексеевна, директор", "");
	doc_heading(d, "Ключевые клиенты");
	t = doc_table(d, page_cols, 3);
	t->spill = spill;
	for (i = 0; i < 300; i++) {
		snprintf(no, sizeof(no), "%zu", i + 1);
		snprintf(name, sizeof(name), "ООО «Ромашка-%zu»", i);
		doc_rowv(t, i % 7 ? DOC_ROW : DOC_ROW_GROUP, no, name,
		    "1 000.00");
	}
}

/*
 * The rows of a table that went to its temporary file come back in
 * every writer exactly as they were kept in memory: text at several
 * widths and page lengths (the two passes' "page N of M", the header
 * repeated, a row a time on a narrow page), the preview's lines, CSV
 * and HTML byte for byte.
 */
TEST(test_doc_spilled_rows_write_the_same_document)
{
	static const int lay[][2] = {
		{ 80, 66 }, { 132, 30 }, { 0, 0 }, { 0, 40 }, { 40, 20 },
		{ 80, 0 },
	};
	static const size_t tabs[] = { 1, 4, 6 };	/* the tables */
	struct doc_layout lo = DOC_LAYOUT_DEFAULT;
	struct so_err err;
	struct doc mem, disk;
	char *a, *b, **la, **lb;
	size_t k, na, nb, i, was = doc_spill_rows;
	int rc, pa, pb, fmt;

	spill_doc(&mem, 0);
	doc_spill_rows = 1;
	spill_doc(&disk, 1);
	doc_spill_rows = was;
	for (i = 0; i < 3; i++) {
		REQUIRE(mem.blocks[tabs[i]].table->spool == NULL);
		REQUIRE(disk.blocks[tabs[i]].table->spool != NULL);
		REQUIRE(disk.blocks[tabs[i]].table->rows == NULL);
	}
	for (k = 0; k < sizeof(lay) / sizeof(lay[0]); k++) {
		a = render(&mem, 't', lay[k][0], lay[k][1], &pa, &rc);
		REQUIRE(rc == SO_OK);
		b = render(&disk, 't', lay[k][0], lay[k][1], &pb, &rc);
		REQUIRE(rc == SO_OK);
		CHECK_INT(pb, pa);
		CHECK_STR(b, a);
		free(a);
		free(b);
		lo.width = lay[k][0];
		lo.page_length = lay[k][1];
		REQUIRE(doc_text_lines(&mem, &lo, &la, &na, &pa, &err) ==
		    SO_OK);
		REQUIRE(doc_text_lines(&disk, &lo, &lb, &nb, &pb, &err) ==
		    SO_OK);
		CHECK_INT(nb, na);
		for (i = 0; i < na && i < nb; i++)
			CHECK_STR(lb[i], la[i]);
		for (i = 0; i < na; i++)
			free(la[i]);
		for (i = 0; i < nb; i++)
			free(lb[i]);
		free(la);
		free(lb);
	}
	/* more than one page, and one pass's count in the other's header */
	a = render(&disk, 't', 80, 66, &pa, &rc);
	CHECK(pa > 3);
	CHECK(strstr(a, "page 2 of ") != NULL);
	free(a);
	for (fmt = 'c'; fmt; fmt = fmt == 'c' ? 'h' : 0) {
		a = render(&mem, fmt, 80, 66, &pa, &rc);
		b = render(&disk, fmt, 80, 66, &pb, &rc);
		CHECK_STR(b, a);
		free(a);
		free(b);
	}
	/* read back in any order */
	CHECK_STR(doc_table_row(disk.blocks[6].table, 5)->cells[1],
	    "ООО «Ромашка-5»");
	CHECK_STR(doc_table_row(disk.blocks[6].table, 0)->cells[0], "1");
	CHECK_INT(doc_table_kind(disk.blocks[6].table, 7), DOC_ROW_GROUP);
	CHECK(!doc_table_error(disk.blocks[6].table));
	doc_free(&mem);
	doc_free(&disk);
}
