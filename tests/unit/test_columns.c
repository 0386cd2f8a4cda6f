/*
 * The column-priority layout (ui/columns.h), text cut with a mark and
 * word wrap (base/utf8.h), with Cyrillic (one column a letter) and CJK
 * (two) text; compact money; money, dates and counts of records in
 * Russian from the catalogue make builds (BUILD_LOCALEDIR).
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "harness.h"
#include "store/entities.h"
#include "ui/columns.h"
#include "ui/ui.h"

/* The agenda's call list: time, type, subject, company, person, phone. */
enum { TIME, TYPE, SUBJ, COMP, PERS, PHONE, NCOL };

static void
call_columns(struct column *c)
{
	memset(c, 0, NCOL * sizeof(*c));
	c[TIME] = (struct column){ .want = utf8_width("04.12 16:00"),
	    .prio = 0 };
	c[TYPE] = (struct column){ .want = utf8_width("Встреча"), .prio = 4 };
	c[SUBJ] = (struct column){ .min = 10, .want = utf8_width(
	    "Напомнить об оплате счёта"), .prio = 3,
	    .flags = COL_SHRINK | COL_FILL };
	c[COMP] = (struct column){ .min = 10, .want = utf8_width(
	    "ООО «ТатНефтеСервис»"), .prio = 1, .flags = COL_SHRINK };
	c[PERS] = (struct column){ .min = 10, .want = utf8_width(
	    "Фёдоров Александр"), .prio = 1, .flags = COL_SHRINK };
	c[PHONE] = (struct column){ .want = utf8_width("+7 979 563-20-04"),
	    .prio = 0 };
}

static int
total(const struct column *c, int n, int gap)
{
	int i, t = 0, shown = 0;

	for (i = 0; i < n; i++)
		if (c[i].width > 0) {
			t += c[i].width + (shown ? gap : 0);
			shown++;
		}
	return t;
}

TEST(test_columns_cyrillic_widths_are_letters_not_bytes)
{
	struct column c[NCOL];

	call_columns(c);
	/* 20 letters, 37 bytes: the width is the letters' */
	CHECK_INT(c[COMP].want, 20);
	CHECK_INT(c[PHONE].want, 16);
	/* at 200 columns every column has its whole text, the subject the
	 * rest */
	CHECK_INT(col_layout(c, NCOL, 200, 1), NCOL);
	CHECK_INT(c[TIME].width, 11);
	CHECK_INT(c[COMP].width, 20);
	CHECK_INT(c[PERS].width, 17);
	CHECK_INT(c[PHONE].width, 16);
	CHECK_INT(c[TYPE].width, 7);
	CHECK_INT(c[SUBJ].width, 200 - 11 - 20 - 17 - 16 - 7 - 5);
	CHECK_INT(total(c, NCOL, 1), 200);
}

TEST(test_columns_time_company_person_phone_always_fit)
{
	struct column c[NCOL];
	int w;

	/* from the narrowest terminal to the widest: the four are there,
	 * time and phone whole, and the line never overflows */
	for (w = 57; w <= 250; w++) {
		call_columns(c);
		col_layout(c, NCOL, w, 1);
		CHECK(c[TIME].width == 11 && c[PHONE].width == 16);
		CHECK(c[COMP].width >= 10 && c[PERS].width >= 10);
		CHECK(total(c, NCOL, 1) <= w);
		/* the subject goes only before the type does */
		CHECK(c[SUBJ].width > 0 || c[TYPE].width == 0);
	}
	/* 80 columns less the agenda's margin: everything, the company
	 * and the person before the subject grows */
	call_columns(c);
	CHECK_INT(col_layout(c, NCOL, 77, 1), NCOL);
	CHECK_INT(total(c, NCOL, 1), 77);
	CHECK_INT(c[SUBJ].width, 10);
	CHECK_INT(c[COMP].width + c[PERS].width, 77 - 11 - 7 - 10 - 16 - 5);
	/* 60 columns: no room for a subject, so no type either; the rest
	 * to the company and the person, alike */
	call_columns(c);
	CHECK_INT(col_layout(c, NCOL, 57, 1), 4);
	CHECK_INT(c[SUBJ].width, 0);
	CHECK_INT(c[TYPE].width, 0);
	CHECK_INT(c[COMP].width, 14);
	CHECK_INT(c[PERS].width, 13);
	CHECK_INT(total(c, NCOL, 1), 57);
}

TEST(test_columns_a_column_is_dropped_only_after_later_priorities)
{
	struct column c[3] = {
		{ .want = 10, .prio = 2 },
		{ .want = 10, .prio = 0 },
		{ .want = 10, .prio = 1 },
	};

	CHECK_INT(col_layout(c, 3, 21, 1), 2);
	CHECK_INT(c[0].width, 0);
	CHECK_INT(c[1].width, 10);
	CHECK_INT(c[2].width, 10);
	/* a column that does not fit stops the ones after it, even a
	 * narrower one that would */
	{
		struct column d[3] = {
			{ .want = 5, .prio = 0 },
			{ .want = 30, .prio = 1 },
			{ .want = 2, .prio = 2 },
		};

		CHECK_INT(col_layout(d, 3, 20, 1), 1);
		CHECK_INT(d[2].width, 0);
	}
	/* too narrow for the first: nothing, no overflow */
	CHECK_INT(col_layout(c, 3, 5, 1), 0);
	CHECK_INT(total(c, 3, 1), 0);
}

TEST(test_columns_cjk_text_and_empty_columns)
{
	/* 東京都港区 is five characters, ten columns */
	struct column c[3] = {
		{ .want = 0, .prio = 0 },	/* nothing in it: no gap */
		{ .min = 4, .want = utf8_width("東京都港区"), .prio = 1,
		    .flags = COL_SHRINK },
		{ .want = utf8_width("+81 3 1234 5678"), .prio = 0 },
	};

	CHECK_INT(c[1].want, 10);
	CHECK_INT(col_layout(c, 3, 40, 1), 2);
	CHECK_INT(c[0].width, 0);
	CHECK_INT(c[1].width, 10);
	CHECK_INT(c[2].width, 15);
	CHECK_INT(total(c, 3, 1), 26);
	/* narrower than its text: the CJK column shrinks, the phone not */
	CHECK_INT(col_layout(c, 3, 22, 1), 2);
	CHECK_INT(c[1].width, 6);
	CHECK_INT(c[2].width, 15);
}

TEST(test_columns_one_priority_shares_alike)
{
	struct column c[2] = {
		{ .min = 5, .want = 40, .prio = 1, .flags = COL_SHRINK },
		{ .min = 5, .want = 12, .prio = 1, .flags = COL_SHRINK },
	};

	col_layout(c, 2, 31, 1);
	CHECK_INT(c[0].width, 18);
	CHECK_INT(c[1].width, 12);
	col_layout(c, 2, 21, 1);
	CHECK_INT(c[0].width, 10);
	CHECK_INT(c[1].width, 10);
}

TEST(test_cut_text_ends_with_a_mark_by_display_width)
{
	const char *ru = "ООО «Ромашка»", *cjk = "東京都港区";
	int w;
	size_t n;

	/* fits: whole */
	n = utf8_cut(ru, 13, &w);
	CHECK_INT(n, strlen(ru));
	CHECK_INT(w, 13);
	/* one column short: 11 letters and room for the mark */
	n = utf8_cut(ru, 12, &w);
	CHECK_INT(w, 11);
	CHECK(strncmp(ru, "ООО «Ромашк", n) == 0 && n == strlen(
	    "ООО «Ромашк"));
	/* two-column characters are never halved: 7 columns take three
	 * of them (6) and leave the mark its column */
	n = utf8_cut(cjk, 7, &w);
	CHECK_INT(w, 6);
	CHECK_INT(n, strlen("東京都"));
	n = utf8_cut(cjk, 8, &w);
	CHECK_INT(w, 6);
	CHECK_INT(n, strlen("東京都"));
	n = utf8_cut(cjk, 10, &w);
	CHECK_INT(n, strlen(cjk));
	/* the mark follows the text, not the blank before a cut word */
	n = utf8_cut(ru, 5, &w);
	CHECK_INT(n, strlen("ООО"));
	CHECK_INT(w, 3);
	/* one column: only the mark */
	n = utf8_cut(ru, 1, &w);
	CHECK_INT(n, 0);
	CHECK_INT(w, 0);
}

/* The lines utf8_wrap makes of s in cols, joined by '|'. */
static char *
wrapped(const char *s, int cols)
{
	static char out[512];
	size_t len, next, o = 0;

	out[0] = '\0';
	while (*s) {
		len = utf8_wrap(s, cols, &next);
		if (o)
			out[o++] = '|';
		memcpy(out + o, s, len);
		o += len;
		out[o] = '\0';
		if (next == 0)
			return "NO PROGRESS";
		s += next;
	}
	return out;
}

TEST(test_wrap_keeps_words_whole)
{
	/* the card's "t|heir" and "выставк|и" */
	CHECK_STR(wrapped("Purchase orders via their portal.", 22),
	    "Purchase orders via|their portal.");
	CHECK_STR(wrapped("Обновить карточки контактов после выставки", 35),
	    "Обновить карточки контактов после|выставки");
	/* blanks at a break go, a line never starts with one */
	CHECK_STR(wrapped("один   два", 5), "один|два");
	/* exactly the width */
	CHECK_STR(wrapped("abc def", 3), "abc|def");
	CHECK_STR(wrapped("abc def", 7), "abc def");
	/* a word wider than the line is the only thing split */
	CHECK_STR(wrapped("Индивидуальный", 6), "Индиви|дуальн|ый");
	/* after a hyphen inside a word, not before a leading one */
	CHECK_STR(wrapped("АО «Северсталь-Трейд»", 16),
	    "АО «Северсталь-|Трейд»");
	CHECK_STR(wrapped("x -5 y", 3), "x|-5|y");
	CHECK_STR(wrapped("on 2026-07-07", 10), "on|2026-07-07");
	/* newlines end lines, an empty line stays */
	CHECK_STR(wrapped("one\n\ntwo three", 20), "one||two three");
	/* CJK breaks between characters, two columns each */
	CHECK_STR(wrapped("東京都港区", 5), "東京|都港|区");
	CHECK_STR(wrapped("Tokyo 東京都港区", 9), "Tokyo 東|京都港区");
	/* never stuck: a character wider than the line */
	CHECK_STR(wrapped("東", 1), "東");
	CHECK_STR(wrapped("", 10), "");
}

TEST(test_money_one_format_and_compact_sums)
{
	char b[48];

	col_money(125000000, b, sizeof(b));
	CHECK_STR(b, "1 250 000");
	col_money(125000050, b, sizeof(b));
	CHECK_STR(b, "1 250 000.50");
	col_money_compact(84000000, b, sizeof(b));
	CHECK_STR(b, "840 тыс.");
	col_money_compact(546000000, b, sizeof(b));
	CHECK_STR(b, "5,46 млн");
	col_money_compact(500000000, b, sizeof(b));
	CHECK_STR(b, "5 млн");
	col_money_compact(158012300, b, sizeof(b));
	CHECK_STR(b, "1,58 млн");
	col_money_compact(1234567800, b, sizeof(b));
	CHECK_STR(b, "12,3 млн");
	col_money_compact(99960000, b, sizeof(b));
	CHECK_STR(b, "1 млн");
	col_money_compact(120000000000LL, b, sizeof(b));
	CHECK_STR(b, "1,2 млрд");
	col_money_compact(84000, b, sizeof(b));
	CHECK_STR(b, "840");
	col_money_compact(0, b, sizeof(b));
	CHECK_STR(b, "0");
	col_money_compact(-150000000, b, sizeof(b));
	CHECK_STR(b, "-1,5 млн");
	/* never wider than eight columns below a trillion */
	col_money_compact(98765432100000LL, b, sizeof(b));
	CHECK(utf8_width(b) <= 8);
}

TEST(test_columns_an_extra_column_never_squeezes_the_others)
{
	/* a task list: due, title, status, company, an extra priority */
	struct column c[5] = {
		{ .want = 11, .prio = 0 },
		{ .min = 12, .want = 32, .prio = 0,
		    .flags = COL_SHRINK | COL_FILL },
		{ .want = 9, .prio = 1 },
		{ .min = 10, .want = 20, .prio = 3, .flags = COL_SHRINK },
		{ .want = 6, .prio = 4, .flags = COL_EXTRA },
	};

	/* room for the title's and the company's comfort (18, 15) and
	 * the extra: it is shown, and the rest still goes to the title */
	CHECK_INT(col_layout(c, 5, 64, 1), 5);
	CHECK_INT(c[4].width, 6);
	CHECK_INT(c[1].width, 64 - 11 - 9 - 10 - 6 - 4);
	CHECK_INT(total(c, 5, 1), 64);
	/* not enough for that: the extra is left out, though its own
	 * six columns would fit */
	CHECK_INT(col_layout(c, 5, 56, 1), 4);
	CHECK_INT(c[4].width, 0);
	CHECK_INT(c[1].width, 56 - 11 - 9 - 10 - 3);
}

TEST(test_columns_preferred_widths_before_whole_texts)
{
	/* a contact list: the last name's field is 18 wide, a position
	 * on this page 30 ("Руководитель отдела закупок …") */
	struct column c[2] = {
		{ .min = 10, .want = 25, .pref = 18, .prio = 0,
		    .flags = COL_SHRINK | COL_FILL },
		{ .min = 8, .want = 30, .pref = 18, .prio = 3,
		    .flags = COL_SHRINK },
	};

	/* the last name to 18, the position to 18, then the last name
	 * to its whole text before the position */
	col_layout(c, 2, 45, 1);
	CHECK_INT(c[0].width, 25);
	CHECK_INT(c[1].width, 45 - 1 - c[0].width);
	CHECK_INT(c[1].width, 19);
	col_layout(c, 2, 37, 1);
	CHECK_INT(c[0].width, 18);
	CHECK_INT(c[1].width, 18);
	/* room for everything: each its whole text, the rest filled */
	col_layout(c, 2, 70, 1);
	CHECK_INT(c[1].width, 30);
	CHECK_INT(c[0].width, 39);
}

/* The Russian catalogue built by make, then back to English. */
static int
russian(void)
{
	bindtextdomain("salesorg", BUILD_LOCALEDIR);
	bind_textdomain_codeset("salesorg", "UTF-8");
	textdomain("salesorg");
	return i18n_set_lang("ru");
}

static void
count_is(const struct entity *ent, long long n, const char *want)
{
	char *s = ui_count_records(ent, n);

	CHECK_STR(s, want);
	free(s);
}

/* A title's date and a column's money as a Russian reads them; English
 * as it always was. */
TEST(test_money_and_dates_in_the_messages_language)
{
	char b[48];

	col_money(125000050, b, sizeof(b));
	CHECK_STR(b, "1 250 000.50");
	col_date("2026-12-05", b, sizeof(b));
	CHECK_STR(b, "2026-12-05");
	REQUIRE(russian() == 0);
	col_money(125000050, b, sizeof(b));
	CHECK_STR(b, "1 250 000,50");
	col_money(125000000, b, sizeof(b));
	CHECK_STR(b, "1 250 000");
	col_date("2026-12-05", b, sizeof(b));
	CHECK_STR(b, "05.12.2026");
	col_date("", b, sizeof(b));
	CHECK_STR(b, "");
	REQUIRE(i18n_set_lang("en") == 0);
	col_date("2026-12-05", b, sizeof(b));
	CHECK_STR(b, "2026-12-05");
}

/* "Reassign 12 companies": each card file's own plural, three forms in
 * Russian (1 компания, 2 компании, 5 компаний, 21 компания, 11
 * компаний). */
TEST(test_counts_of_records_in_both_languages)
{
	count_is(&entity_company, 1, "1 company");
	count_is(&entity_company, 12, "12 companies");
	count_is(&entity_payment, 2, "2 payments");
	REQUIRE(russian() == 0);
	count_is(&entity_company, 1, "1 компания");
	count_is(&entity_company, 3, "3 компании");
	count_is(&entity_company, 5, "5 компаний");
	count_is(&entity_company, 11, "11 компаний");
	count_is(&entity_company, 21, "21 компания");
	count_is(&entity_payment, 22, "22 платежа");
	count_is(&entity_contact, 0, "0 контактов");
	REQUIRE(i18n_set_lang("en") == 0);
	count_is(&entity_company, 5, "5 companies");
}
