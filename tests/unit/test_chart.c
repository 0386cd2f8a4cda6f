/*
 * Charts (doc.h, src/doc/chart.c): the scale every writer shares and
 * the text rendering, against figures worked out by hand -- values of
 * 0, equal values, a negative one (floored at 0), one point, more
 * periods than the line has room for -- and the CSV writer leaving a
 * chart out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/util.h"
#include "doc/doc.h"
#include "harness.h"

#define FULL	"\u2588"

static char *
rep(const char *s, int n)
{
	struct strbuf b = { 0 };

	while (n-- > 0)
		sb_add(&b, s);
	return b.s ? sb_steal(&b) : xstrdup("");
}

static void
free_lines(char **l, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

TEST(test_chart_eighths_by_hand)
{
	CHECK_INT(doc_chart_eighths(0, 10, 20), 0);
	CHECK_INT(doc_chart_eighths(-5, 10, 20), 0);	/* floored */
	CHECK_INT(doc_chart_eighths(5, 0, 20), 0);	/* no scale */
	CHECK_INT(doc_chart_eighths(10, 10, 20), 160);
	/* 3 of 8 in 20 cells: 60 eighths, 7 cells and a half */
	CHECK_INT(doc_chart_eighths(3, 8, 20), 60);
	/* 1 of 1000 rounds to nothing, but something is shown */
	CHECK_INT(doc_chart_eighths(1, 1000, 20), 1);
	CHECK_INT(doc_chart_eighths(20, 10, 20), 160);	/* capped */
}

TEST(test_chart_bar_by_hand)
{
	char *b, *want, *full7;

	b = doc_chart_bar(3, 8, 20);
	full7 = rep(FULL, 7);
	want = xasprintf("%s\u258c", full7);	/* and four eighths */
	CHECK_STR(b, want);
	free(b);
	free(want);
	free(full7);
	b = doc_chart_bar(0, 8, 20);
	CHECK_STR(b, "");
	free(b);
	b = doc_chart_bar(1, 1000, 20);
	CHECK_STR(b, "\u258f");
	free(b);
}

TEST(test_chart_spark_by_hand)
{
	const double up[] = { 0, 1, 2, 4, 8 }, eq[] = { 5, 5, 5 };
	const double neg[] = { -3, 6 }, one[] = { 7 };
	double many[10];
	char *s;
	int i;

	/* 0 a gap, then 1/8, 2/8, 4/8 and 8/8 of the largest */
	s = doc_chart_spark(up, 5, 0, 80);
	CHECK_STR(s, " \u2581\u2582\u2584\u2588");
	free(s);
	/* equal values: each the largest */
	s = doc_chart_spark(eq, 3, 0, 80);
	CHECK_STR(s, "\u2588\u2588\u2588");
	free(s);
	/* a negative value is drawn as 0 */
	s = doc_chart_spark(neg, 2, 0, 80);
	CHECK_STR(s, " \u2588");
	free(s);
	s = doc_chart_spark(one, 1, 0, 80);
	CHECK_STR(s, "\u2588");
	free(s);
	/* a given scale: 7 of 14 is half */
	s = doc_chart_spark(one, 1, 14, 80);
	CHECK_STR(s, "\u2584");
	free(s);
	/* ten periods in four cells: three a cell, the means 2, 5, 8 and
	 * 10 of 10 -> 1.6, 4, 6.4, 8 eighths */
	for (i = 0; i < 10; i++)
		many[i] = i + 1;
	s = doc_chart_spark(many, 10, 0, 4);
	CHECK_STR(s, "\u2582\u2584\u2586\u2588");
	free(s);
}

/* A bar chart at 30 columns: labels 2 wide, values 1, bars 25 cells. */
TEST(test_chart_bar_lines_by_hand)
{
	struct doc d;
	struct doc_chart *c;
	char **l, *want, *a, *b;
	size_t n, i;
	double v;

	doc_init(&d, "t");
	c = doc_chart(&d, DOC_CHART_BAR, "T", NULL, 1);
	v = 2;
	doc_chart_point(c, "a", &v, NULL);
	v = 1;
	doc_chart_point(c, "bb", &v, NULL);
	v = 0;
	doc_chart_point(c, "c", &v, NULL);
	doc_chart_lines(c, 30, &l, &n);
	REQUIRE(n == 4);
	CHECK_STR(l[0], "T");
	a = rep(FULL, 25);
	want = xasprintf("a  %s 2", a);
	CHECK_STR(l[1], want);
	free(want);
	free(a);
	/* half of 25 cells: 12 and four eighths */
	a = rep(FULL, 12);
	want = xasprintf("bb %s\u258c%12s 1", a, "");
	CHECK_STR(l[2], want);
	free(want);
	free(a);
	want = xasprintf("c  %25s 0", "");
	CHECK_STR(l[3], want);
	free(want);
	for (i = 0; i < n; i++)
		CHECK(utf8_width(l[i]) <= 30);
	free_lines(l, n);

	/* no limit: 40 cells */
	doc_chart_lines(c, 0, &l, &n);
	REQUIRE(n == 4);
	a = rep(FULL, 40);
	b = xasprintf("a  %s 2", a);
	CHECK_STR(l[1], b);
	free(a);
	free(b);
	free_lines(l, n);
	doc_free(&d);
}

/*
 * The plan's mark: 50 % and 120 % against 100 % at 40 columns.  Labels
 * 1 wide, values 4, the mark's cell 1: 32 cells of scale up to 120.
 * 100 of 120 is 213.3 eighths: the mark in cell 26; 50 of 120 is 106.7
 * -> 107 eighths: 13 cells and three eighths (▍).  120 % covers it.
 */
TEST(test_chart_reference_mark_by_hand)
{
	struct doc d;
	struct doc_chart *c;
	const char *t50 = "50%", *t120 = "120%";
	char **l, *want, *a;
	size_t n;
	double v;

	doc_init(&d, "t");
	c = doc_chart(&d, DOC_CHART_BAR, "", NULL, 1);
	doc_chart_ref(c, 100, "plan");
	v = 50;
	doc_chart_point(c, "x", &v, &t50);
	v = 120;
	doc_chart_point(c, "y", &v, &t120);
	doc_chart_lines(c, 40, &l, &n);
	REQUIRE(n == 3);
	CHECK_STR(l[0], "\u258f plan");
	a = rep(FULL, 13);
	want = xasprintf("x %s\u258d%12s\u258f%6s  50%%", a, "", "");
	CHECK_STR(l[1], want);
	free(want);
	free(a);
	a = rep(FULL, 32);
	want = xasprintf("y %s  120%%", a);
	CHECK_STR(l[2], want);
	free(want);
	free(a);
	free_lines(l, n);
	doc_free(&d);
}

/* Two series: the second a line of light shade, whole cells. */
TEST(test_chart_two_series_by_hand)
{
	struct doc d;
	struct doc_chart *c;
	const char *names[] = { "new", "lost" };
	char **l, *want, *a, *b;
	size_t n;
	double v[2] = { 4, 1 };

	doc_init(&d, "t");
	c = doc_chart(&d, DOC_CHART_BAR, "", names, 2);
	doc_chart_point(c, "Jan", v, NULL);
	/* width 30: labels 3, values 1, 24 cells; 1 of 4 is 6 cells */
	doc_chart_lines(c, 30, &l, &n);
	REQUIRE(n == 3);
	CHECK_STR(l[0], FULL " new   \u2591 lost");
	a = rep(FULL, 24);
	want = xasprintf("Jan %s 4", a);
	CHECK_STR(l[1], want);
	free(want);
	b = rep("\u2591", 6);
	want = xasprintf("    %s%18s 1", b, "");
	CHECK_STR(l[2], want);
	free(want);
	free(a);
	free(b);
	free_lines(l, n);
	doc_free(&d);
}

TEST(test_chart_trend_lines_by_hand)
{
	struct doc d;
	struct doc_chart *c;
	char **l, label[16];
	size_t n, i;
	double v;
	int k;

	doc_init(&d, "t");
	c = doc_chart(&d, DOC_CHART_TREND, "", NULL, 1);
	for (k = 1; k <= 4; k++) {
		v = k;
		snprintf(label, sizeof(label), "p%d", k);
		doc_chart_point(c, label, &v, NULL);
	}
	/* no limit: three cells a period; the largest 4 */
	doc_chart_lines(c, 0, &l, &n);
	REQUIRE(n == 2);
	CHECK_STR(l[0], "\u2582\u2582\u2582\u2584\u2584\u2584\u2586\u2586"
	    "\u2586\u2588\u2588\u2588  max 4");
	CHECK_STR(l[1], "p1        p4");
	free_lines(l, n);
	doc_free(&d);

	/* a hundred periods in 30 columns: "max 100" takes 7 and two
	 * blanks, 21 cells left, five periods a cell: 20 cells */
	doc_init(&d, "t");
	c = doc_chart(&d, DOC_CHART_TREND, "", NULL, 1);
	for (k = 1; k <= 100; k++) {
		v = k;
		snprintf(label, sizeof(label), "%d", k);
		doc_chart_point(c, label, &v, NULL);
	}
	doc_chart_lines(c, 30, &l, &n);
	REQUIRE(n == 2);
	CHECK_INT(utf8_width(l[0]), 29);
	CHECK(strstr(l[0], "  max 100") != NULL);
	for (i = 0; i < n; i++)
		CHECK(utf8_width(l[i]) <= 30);
	free_lines(l, n);
	doc_free(&d);
}

/* A chart in the text output, none in the CSV: byte for byte the CSV
 * of the same document without it. */
TEST(test_chart_in_text_not_in_csv)
{
	static const struct doc_col cols[] = { { "Stage", DOC_LEFT, 0, 0 },
	    { "N", DOC_RIGHT, 0, 0 } };
	struct doc with, without;
	struct doc_table *t;
	struct doc_layout lo = DOC_LAYOUT_DEFAULT;
	struct so_err err;
	char *a = NULL, *b = NULL, *txt = NULL;
	size_t an = 0, bn = 0, tn = 0;
	FILE *f;
	double v = 3;

	doc_init(&with, "R");
	doc_init(&without, "R");
	doc_para(&with, "p");
	doc_para(&without, "p");
	doc_chart_point(doc_chart(&with, DOC_CHART_BAR, "Reached", NULL, 1),
	    "Lead", &v, NULL);
	t = doc_table(&with, cols, 2);
	doc_rowv(t, DOC_ROW, "Lead", "3");
	t = doc_table(&without, cols, 2);
	doc_rowv(t, DOC_ROW, "Lead", "3");
	f = open_memstream(&a, &an);
	CHECK_INT(doc_write_csv(&with, f, &err), SO_OK);
	fclose(f);
	f = open_memstream(&b, &bn);
	CHECK_INT(doc_write_csv(&without, f, &err), SO_OK);
	fclose(f);
	CHECK_STR(a, b);
	CHECK(strstr(a, "\u2588") == NULL);
	f = open_memstream(&txt, &tn);
	CHECK_INT(doc_write_text(&with, &lo, f, NULL, &err), SO_OK);
	fclose(f);
	CHECK(strstr(txt, "Reached\n") != NULL);
	CHECK(strstr(txt, "Lead ") != NULL && strstr(txt, FULL) != NULL);
	free(a);
	free(b);
	free(txt);
	doc_free(&with);
	doc_free(&without);
}
