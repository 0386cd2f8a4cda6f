/*
 * The PDF writer and printing through lpr.  The PDFs are read back with
 * poppler's pdfinfo and pdftotext (poppler-utils, in .ci/deps): the page
 * count must be the one the writer returned, every name and phone must
 * be in the text, and every page must carry "page N of M".  print_file
 * runs against stub lpr scripts put first on PATH.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"
#include "doc/doc.h"
#include "doc/print.h"
#include "harness.h"

/* ---- helpers ---- */

/* The whole output of a shell command (caller frees), NULL on failure. */
static char *
command_output(const char *fmt, ...)
{
	struct strbuf b = { 0 };
	char buf[4096], cmd[1024];
	va_list ap;
	size_t n;
	FILE *p;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if ((p = popen(cmd, "r")) == NULL)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), p)) > 0)
		sb_addn(&b, buf, n);
	if (pclose(p) != 0) {
		sb_free(&b);
		return NULL;
	}
	return b.s ? b.s : xstrdup("");
}

/* Writes d as PDF to the test's file name; the page count, -1 on error. */
static int
write_pdf(const struct doc *d, const char *paper, const char *name)
{
	struct doc_layout lo = DOC_LAYOUT_DEFAULT;
	struct so_err err = { 0 };
	int pages = -1;
	FILE *f;

	lo.paper = paper;
	if ((f = fopen(harness_path(name), "wb")) == NULL)
		return -1;
	if (doc_write_pdf(d, &lo, f, &pages, &err) != SO_OK) {
		harness_fail(__FILE__, __LINE__, "doc_write_pdf: %s", err.msg);
		pages = -1;
	}
	if (fclose(f) != 0)
		return -1;
	return pages;
}

/* pdfinfo's "Pages:" and "Page size:" for the test's file name. */
static int
pdf_info(const char *name, double *w, double *h)
{
	char *out, *s;
	int pages = -1;

	out = command_output("pdfinfo '%s' 2>&1", harness_path(name));
	if (out == NULL)
		return -1;
	if ((s = strstr(out, "\nPages:")) != NULL)
		pages = atoi(s + 7);
	if (w != NULL && (s = strstr(out, "\nPage size:")) != NULL &&
	    sscanf(s + 11, " %lf x %lf", w, h) != 2)
		*w = *h = -1;
	free(out);
	return pages;
}

static char *
pdf_text(const char *name)
{
	return command_output("pdftotext -layout '%s' - 2>&1",
	    harness_path(name));
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static const struct doc_col journal_cols[] = {
	{ "Time", DOC_LEFT, 5, 0 },
	{ "Organization", DOC_LEFT, 30, 0 },
	{ "Decision maker", DOC_LEFT, 24, 0 },
	{ "Phone", DOC_LEFT, 18, 0 },
	{ "Sum", DOC_RIGHT, 12, 0 },
	{ "Result", DOC_LEFT, 0, 1 },
};

/* A journal of n rows: "ООО «Ромашка» K", "Иванов Пётр K",
 * "+7 495 123-K" for K = 1..n, with a group, a mark and a total. */
static void
journal_doc(struct doc *d, int n)
{
	struct doc_table *t;
	char org[64], who[64], phone[32], sum[32], tm[8];
	int k;

	doc_init(d, "Work journal");
	doc_meta(d, "2026-11-23", "Анна Иванова (anna)",
	    "printed 2026-11-22 18:40 by anna");
	doc_heading(d, "Planned touches");
	doc_para(d, "Calls and meetings planned for the day.\nSecond line "
	    "of the paragraph.");
	t = doc_table(d, journal_cols, 6);
	doc_rowv(t, DOC_ROW_GROUP, "Утро", "", "", "", "", "");
	for (k = 1; k <= n; k++) {
		snprintf(tm, sizeof(tm), "%02d:%02d", 9 + k / 60, k % 60);
		snprintf(org, sizeof(org), "ООО «Ромашка» %d", k);
		snprintf(who, sizeof(who), "Иванов Пётр %d", k);
		snprintf(phone, sizeof(phone), "+7 495 123-%04d", k);
		snprintf(sum, sizeof(sum), "%d 000.00", k);
		doc_rowv(t, k % 7 == 3 ? DOC_ROW_MARK : DOC_ROW, tm, org, who,
		    phone, sum, "");
	}
	doc_rowv(t, DOC_ROW_TOTAL, "", "Total", "", "", "1 000.00", "");
}

/* ---- the writer ---- */

TEST(test_pdf_multipage_journal_has_every_row_and_page_header)
{
	struct doc d;
	char needle[64], *text;
	int pages, k, missing = 0;

	journal_doc(&d, 120);
	pages = write_pdf(&d, NULL, "j.pdf");
	doc_free(&d);
	REQUIRE(pages > 1);
	CHECK_INT(pdf_info("j.pdf", NULL, NULL), pages);
	REQUIRE((text = pdf_text("j.pdf")) != NULL);
	for (k = 1; k <= 120; k++) {
		snprintf(needle, sizeof(needle), "ООО «Ромашка» %d ", k);
		missing += strstr(text, needle) == NULL;
		snprintf(needle, sizeof(needle), "+7 495 123-%04d", k);
		missing += strstr(text, needle) == NULL;
		snprintf(needle, sizeof(needle), "Иванов Пётр %d ", k);
		missing += strstr(text, needle) == NULL;
	}
	CHECK_INT(missing, 0);
	for (k = 1; k <= pages; k++) {
		snprintf(needle, sizeof(needle), "page %d of %d", k, pages);
		CHECK_INT(count(text, needle), 1);
	}
	/* the header line, and the table header row on every page */
	CHECK_INT(count(text, "Анна Иванова (anna)"), pages);
	CHECK_INT(count(text, "Work journal"), pages);
	CHECK_INT(count(text, "Decision maker"), pages);
	CHECK(strstr(text, "Second line of the paragraph") != NULL);
	CHECK(strstr(text, "Утро") != NULL);
	CHECK(strstr(text, "Total") != NULL);
	free(text);
}

TEST(test_pdf_small_table_is_one_a4_portrait_page)
{
	struct doc d;
	double w = 0, h = 0;

	journal_doc(&d, 1);
	CHECK_INT(write_pdf(&d, NULL, "one.pdf"), 1);
	doc_free(&d);
	CHECK_INT(pdf_info("one.pdf", &w, &h), 1);
	CHECK(w > 595 && w < 596);
	CHECK(h > 841 && h < 842);
}

TEST(test_pdf_landscape_page_is_wider_than_tall)
{
	struct doc d;
	double w = 0, h = 0;

	journal_doc(&d, 3);
	d.landscape = 1;
	CHECK_INT(write_pdf(&d, NULL, "wide.pdf"), 1);
	doc_free(&d);
	CHECK_INT(pdf_info("wide.pdf", &w, &h), 1);
	CHECK(w > h);
	CHECK(w > 841 && w < 842);
}

TEST(test_pdf_letter_paper_and_unknown_paper)
{
	struct doc_layout lo = DOC_LAYOUT_DEFAULT;
	struct so_err err = { 0 };
	struct doc d;
	double w = 0, h = 0;
	FILE *f;

	journal_doc(&d, 2);
	CHECK_INT(write_pdf(&d, "letter", "letter.pdf"), 1);
	CHECK_INT(pdf_info("letter.pdf", &w, &h), 1);
	CHECK(w == 612 && h == 792);
	lo.paper = "a3";
	REQUIRE((f = fopen(harness_path("a3.pdf"), "wb")) != NULL);
	CHECK_INT(doc_write_pdf(&d, &lo, f, NULL, &err), SO_EINVAL);
	CHECK(strstr(err.msg, "\"a3\"") != NULL);
	fclose(f);
	doc_free(&d);
}

TEST(test_pdf_page_break_starts_a_page_but_never_a_blank_one)
{
	struct doc d;

	doc_init(&d, "Breaks");
	doc_page_break(&d);		/* at the top: no blank page */
	doc_para(&d, "Менеджер один");
	doc_page_break(&d);
	doc_page_break(&d);		/* twice: still one new page */
	doc_para(&d, "Менеджер два");
	CHECK_INT(write_pdf(&d, NULL, "breaks.pdf"), 2);
	CHECK_INT(pdf_info("breaks.pdf", NULL, NULL), 2);
	doc_free(&d);
}

TEST(test_pdf_empty_document_is_one_page_with_its_header)
{
	struct doc d;
	char *text;

	doc_init(&d, "Пусто");
	CHECK_INT(write_pdf(&d, NULL, "empty.pdf"), 1);
	doc_free(&d);
	CHECK_INT(pdf_info("empty.pdf", NULL, NULL), 1);
	REQUIRE((text = pdf_text("empty.pdf")) != NULL);
	CHECK(strstr(text, "Пусто") != NULL);
	CHECK(strstr(text, "page 1 of 1") != NULL);
	free(text);
}

/* Invalid UTF-8, C0 and C1 controls, an escape sequence, empty cells and
 * a cell taller than a page: no crash, nothing lost. */
TEST(test_pdf_hostile_text_and_a_row_taller_than_a_page)
{
	static const struct doc_col cols[] = {
		{ "Name", DOC_LEFT, 10, 0 },
		{ "Note", DOC_LEFT, 20, 0 },
	};
	struct strbuf big = { 0 };
	struct doc_table *t;
	struct doc d;
	char *text;
	int pages, k;

	doc_init(&d, "Bad \xff\xfe title\x01");
	doc_meta(&d, "\x1b[2J", "user\xc2\x85name", "");
	doc_heading(&d, "\xe2\x82");		/* cut inside a character */
	doc_para(&d, "tab\there\r\nCR LF\rlone CR \x7f");
	t = doc_table(&d, cols, 2);
	doc_rowv(t, DOC_ROW, "\x1b[31mred", "\xc0\xaf overlong");
	doc_rowv(t, DOC_ROW_MARK, "", "");
	for (k = 0; k < 700; k++)
		sb_printf(&big, "слово%d ", k);
	sb_add(&big, "КОНЕЦ");
	doc_rowv(t, DOC_ROW, "tall", big.s);
	doc_rowv(t, DOC_ROW, "after", "the tall row");
	sb_free(&big);
	pages = write_pdf(&d, NULL, "bad.pdf");
	doc_free(&d);
	CHECK(pages >= 2);
	CHECK_INT(pdf_info("bad.pdf", NULL, NULL), pages);
	REQUIRE((text = pdf_text("bad.pdf")) != NULL);
	CHECK(strstr(text, "^[[31mred") != NULL);
	CHECK(strstr(text, "user<85>name") != NULL);
	CHECK(strstr(text, "слово0 ") != NULL);
	CHECK(strstr(text, "слово699") != NULL);
	CHECK(strstr(text, "КОНЕЦ") != NULL);
	CHECK(strstr(text, "the tall row") != NULL);
	CHECK(strstr(text, "lone CR") != NULL);
	free(text);
}

TEST(test_pdf_write_error_names_the_problem)
{
	struct doc_layout lo = DOC_LAYOUT_DEFAULT;
	struct so_err err = { 0 };
	struct doc d;
	FILE *f;

	if ((f = fopen("/dev/full", "wb")) == NULL)
		return;		/* not on this system */
	journal_doc(&d, 50);
	CHECK_INT(doc_write_pdf(&d, &lo, f, NULL, &err), SO_ERR);
	CHECK(strstr(err.msg, "PDF: write error") != NULL);
	CHECK(strstr(err.msg, "No space left") != NULL);
	fclose(f);
	doc_free(&d);
}

/* ---- printing ---- */

static char *saved_path, *stub_path;

/* A stub lpr in the test's directory and PATH pointing only there (and
 * /bin, /usr/bin for the shell and id). */
static void
stub_lpr(const char *body)
{
	char *dir, *script;
	FILE *f;

	dir = xasprintf("%s/bin", harness_tmpdir());
	mkdir(dir, 0755);
	script = xasprintf("%s/lpr", dir);
	if ((f = fopen(script, "w")) != NULL) {
		fprintf(f, "#!/bin/sh\n%s\n", body);
		fclose(f);
	}
	chmod(script, 0755);
	saved_path = xstrdup(getenv("PATH") ? getenv("PATH") : "/bin");
	stub_path = xasprintf("%s:/usr/bin:/bin", dir);
	setenv("PATH", stub_path, 1);
	free(script);
	free(dir);
}

static void
restore_path(void)
{
	setenv("PATH", saved_path, 1);
	free(saved_path);
	free(stub_path);
}

static char *
slurp(const char *path)
{
	struct strbuf b = { 0 };
	char buf[512];
	size_t n;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL)
		return xstrdup("");
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_addn(&b, buf, n);
	fclose(f);
	return b.s ? b.s : xstrdup("");
}

TEST(test_print_file_runs_lpr_with_printer_copies_title_and_path)
{
	struct so_err err = { 0 };
	char *body, *args, *gid, *want;

	body = xasprintf("printf '%%s\\n' \"$@\" > '%s/args'\n"
	    "id -g > '%s/gid'\necho 'request id is q-1 (1 file(s))'",
	    harness_tmpdir(), harness_tmpdir());
	stub_lpr(body);
	free(body);
	CHECK_INT(print_file("/tmp/j.pdf", "office", 2, "Журнал", &err), 0);
	args = slurp(harness_path("args"));
	CHECK_STR(args, "-P\noffice\n-#\n2\n-T\nЖурнал\n/tmp/j.pdf\n");
	free(args);
	gid = slurp(harness_path("gid"));
	want = xasprintf("%d\n", (int)getgid());
	CHECK_STR(gid, want);
	free(want);
	free(gid);

	/* default printer, one copy, no title; a "-" file is not an option */
	CHECK_INT(print_file("-odd.pdf", NULL, 1, NULL, &err), 0);
	args = slurp(harness_path("args"));
	CHECK_STR(args, "./-odd.pdf\n");
	free(args);
	restore_path();
}

TEST(test_print_file_reports_lpr_own_message)
{
	struct so_err err = { 0 };

	stub_lpr("echo 'lpr: The printer or class does not exist.' >&2\n"
	    "exit 1");
	CHECK_INT(print_file("/tmp/j.pdf", "nosuch", 1, NULL, &err), SO_ERR);
	CHECK_STR(err.msg, "printing to nosuch: lpr: The printer or class "
	    "does not exist.");
	restore_path();

	stub_lpr("echo 'lpr: Error - no default destination available.' "
	    ">&2\necho second line >&2\nexit 1");
	CHECK_INT(print_file("/tmp/j.pdf", NULL, 1, NULL, &err), SO_ERR);
	CHECK_STR(err.msg, "printing to the default printer: lpr: Error - no "
	    "default destination available.; second line");
	restore_path();

	stub_lpr("exit 3");
	CHECK_INT(print_file("/tmp/j.pdf", "q", 1, NULL, &err), SO_ERR);
	CHECK_STR(err.msg, "printing to q: lpr exited with status 3");
	restore_path();

	stub_lpr("kill -9 $$");
	CHECK_INT(print_file("/tmp/j.pdf", "q", 1, NULL, &err), SO_ERR);
	CHECK_STR(err.msg, "printing to q: lpr was killed by signal 9");
	restore_path();
}

TEST(test_print_file_without_lpr_says_how_to_get_it)
{
	struct so_err err = { 0 };
	char *saved = xstrdup(getenv("PATH") ? getenv("PATH") : "/bin");

	setenv("PATH", harness_tmpdir(), 1);
	CHECK_INT(print_file("/tmp/j.pdf", "office", 1, NULL, &err), SO_ERR);
	CHECK_STR(err.msg, "lpr not found: install CUPS's lpr (Debian "
	    "package cups-bsd)");
	setenv("PATH", saved, 1);
	free(saved);
}

TEST(test_print_file_rejects_bad_copies)
{
	struct so_err err = { 0 };

	CHECK_INT(print_file("/tmp/j.pdf", NULL, 0, NULL, &err), SO_EINVAL);
	CHECK_STR(err.field, "copies");
	CHECK_INT(print_file("/tmp/j.pdf", NULL, 1000, NULL, &err),
	    SO_EINVAL);
	CHECK_INT(print_file("", NULL, 1, NULL, &err), SO_EINVAL);
}

/* A hundred columns cannot fit: they overflow the page, but the writer
 * neither hangs nor crashes, and a one-column table of one value works. */
TEST(test_pdf_hundred_columns_and_one_column)
{
	struct doc_col cols[100];
	const char *cells[100];
	struct doc_table *t;
	struct doc d;
	size_t j;

	for (j = 0; j < 100; j++) {
		cols[j] = (struct doc_col){ "Колонка с длинным заголовком",
		    DOC_RIGHT, 0, j % 10 == 0 };
		cells[j] = "12 345 678.90";
	}
	doc_init(&d, "Wide");
	t = doc_table(&d, cols, 100);
	doc_row(t, DOC_ROW, cells);
	doc_row(t, DOC_ROW_TOTAL, cells);
	t = doc_table(&d, cols, 1);
	doc_row(t, DOC_ROW_GROUP, cells);
	doc_table(&d, cols, 0);
	CHECK(write_pdf(&d, NULL, "wide.pdf") >= 1);
	doc_free(&d);
}
