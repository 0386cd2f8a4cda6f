/*
 * Tests for src/base/utf8.c: decoding with U+FFFD for every kind of bad input,
 * encoding, stepping, display widths from our own table (CJK, emoji,
 * combining marks, controls), case folding for Latin, Greek and Cyrillic,
 * the folded substring search, terminal sanitizing and clipping to a
 * width; hostile bytes (fixture_hostile) always safe to draw.  Expected
 * values are written out as bytes or literals, never produced by the
 * module under test.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "fixture.h"
#include "harness.h"

#define REPL	"\xef\xbf\xbd"		/* U+FFFD as UTF-8 */

/* Decodes all of s and checks the single code point and length. */
static void
check_decode(const char *file, int line, const char *s, size_t n,
    size_t want_len, uint32_t want_cp)
{
	uint32_t cp = 0;
	size_t k = utf8_decode(s, n, &cp);

	if (k != want_len || cp != want_cp)
		harness_fail(file, line, "decode gave %zu bytes U+%04X, "
		    "expected %zu bytes U+%04X", k, (unsigned)cp, want_len,
		    (unsigned)want_cp);
}
#define CHECK_DECODE(s, len, cp) \
	check_decode(__FILE__, __LINE__, (s), strlen(s), (len), (cp))

/* Checks that utf8_fold(in) is exactly want (and frees it). */
#define CHECK_FOLD(in, want) do {					\
	char *f_ = utf8_fold(in);					\
	CHECK_STR(f_, (want));						\
	free(f_);							\
} while (0)

#define CHECK_SANITIZE(in, want) do {					\
	char *s_ = utf8_sanitize(in);					\
	CHECK_STR(s_, (want));						\
	free(s_);							\
} while (0)

/* ---- decoding ---- */

TEST(test_decode_ascii_is_one_byte)
{
	CHECK_DECODE("A", 1, 0x41);
	CHECK_DECODE("~", 1, 0x7e);
	CHECK_DECODE("\x7f", 1, 0x7f);
}

TEST(test_decode_multibyte_sequences)
{
	CHECK_DECODE("Ж", 2, 0x416);
	CHECK_DECODE("ё", 2, 0x451);
	CHECK_DECODE("€", 3, 0x20ac);
	CHECK_DECODE("漢", 3, 0x6f22);
	CHECK_DECODE("\xf0\x9f\x98\x80", 4, 0x1f600);	/* 😀 */
}

TEST(test_decode_accepts_every_boundary_code_point)
{
	CHECK_DECODE("\xc2\x80", 2, 0x80);
	CHECK_DECODE("\xdf\xbf", 2, 0x7ff);
	CHECK_DECODE("\xe0\xa0\x80", 3, 0x800);
	CHECK_DECODE("\xed\x9f\xbf", 3, 0xd7ff);	/* below surrogates */
	CHECK_DECODE("\xee\x80\x80", 3, 0xe000);	/* just above them */
	CHECK_DECODE("\xef\xbf\xbf", 3, 0xffff);
	CHECK_DECODE("\xf0\x90\x80\x80", 4, 0x10000);
	CHECK_DECODE("\xf4\x8f\xbf\xbf", 4, 0x10ffff);
}

TEST(test_decode_of_nothing_consumes_nothing)
{
	uint32_t cp = 1234;

	CHECK_INT(utf8_decode("abc", 0, &cp), 0);
}

TEST(test_decode_reads_only_the_first_character)
{
	CHECK_DECODE("ab", 1, 'a');
	CHECK_DECODE("ЖЖ", 2, 0x416);
}

TEST(test_invalid_byte_decodes_as_replacement)
{
	CHECK_DECODE("\xff", 1, 0xfffd);
	CHECK_DECODE("\xfe", 1, 0xfffd);
	CHECK_DECODE("\xf8\x88\x80\x80\x80", 1, 0xfffd);  /* old 5-byte form */
	CHECK_DECODE("\x80", 1, 0xfffd);		/* lone continuation */
	CHECK_DECODE("\xbf" "abc", 1, 0xfffd);
	CHECK_DECODE("\xd0" "A", 1, 0xfffd);		/* lead alone */
}

TEST(test_decode_rejects_overlong_forms)
{
	CHECK_DECODE("\xc0\xaf", 1, 0xfffd);		/* '/' in two bytes */
	CHECK_DECODE("\xc1\xbf", 1, 0xfffd);
	CHECK_DECODE("\xe0\x80\xaf", 1, 0xfffd);	/* '/' in three */
	CHECK_DECODE("\xe0\x9f\xbf", 1, 0xfffd);	/* U+07FF in three */
	CHECK_DECODE("\xf0\x80\x80\xaf", 1, 0xfffd);	/* '/' in four */
	CHECK_DECODE("\xf0\x8f\xbf\xbf", 1, 0xfffd);	/* U+FFFF in four */
}

TEST(test_decode_rejects_surrogates)
{
	CHECK_DECODE("\xed\xa0\x80", 1, 0xfffd);	/* U+D800 */
	CHECK_DECODE("\xed\xbf\xbf", 1, 0xfffd);	/* U+DFFF */
	/* a CESU-8 pair for U+1F600 is two surrogates, not a character */
	CHECK_DECODE("\xed\xa0\xbd\xed\xb8\x80", 1, 0xfffd);
}

TEST(test_decode_rejects_code_points_above_10ffff)
{
	CHECK_DECODE("\xf4\x90\x80\x80", 1, 0xfffd);	/* U+110000 */
	CHECK_DECODE("\xf5\x80\x80\x80", 1, 0xfffd);
	CHECK_DECODE("\xf7\xbf\xbf\xbf", 1, 0xfffd);
}

TEST(test_decode_truncated_sequence_advances_one_byte)
{
	uint32_t cp;

	/* the bytes are there but n says the string ends sooner */
	CHECK_INT(utf8_decode("漢", 2, &cp), 1);
	CHECK_INT(cp, 0xfffd);
	CHECK_INT(utf8_decode("\xf0\x9f\x98\x80", 3, &cp), 1);
	CHECK_INT(cp, 0xfffd);
	/* the string really ends */
	CHECK_DECODE("\xe6\xbc", 1, 0xfffd);
	/* a new lead byte interrupts: the interrupter is not swallowed */
	CHECK_DECODE("\xe6" "A", 1, 0xfffd);
	CHECK_DECODE("\xe6\xbc\xd0\x96", 1, 0xfffd);
}

/* ---- encoding ---- */

TEST(test_encode_produces_the_expected_bytes)
{
	char buf[4];

	CHECK_INT(utf8_encode(0x41, buf), 1);
	CHECK(memcmp(buf, "A", 1) == 0);
	CHECK_INT(utf8_encode(0x416, buf), 2);
	CHECK(memcmp(buf, "\xd0\x96", 2) == 0);
	CHECK_INT(utf8_encode(0x20ac, buf), 3);
	CHECK(memcmp(buf, "\xe2\x82\xac", 3) == 0);
	CHECK_INT(utf8_encode(0x1f600, buf), 4);
	CHECK(memcmp(buf, "\xf0\x9f\x98\x80", 4) == 0);
	CHECK_INT(utf8_encode(0x10ffff, buf), 4);
	CHECK(memcmp(buf, "\xf4\x8f\xbf\xbf", 4) == 0);
}

TEST(test_encode_replaces_surrogates_and_out_of_range)
{
	char buf[4];

	CHECK_INT(utf8_encode(0xd800, buf), 3);
	CHECK(memcmp(buf, REPL, 3) == 0);
	CHECK_INT(utf8_encode(0x110000, buf), 3);
	CHECK(memcmp(buf, REPL, 3) == 0);
	CHECK_INT(utf8_encode(0xffffffffu, buf), 3);
	CHECK(memcmp(buf, REPL, 3) == 0);
}

TEST(test_encode_then_decode_round_trips_every_code_point)
{
	char buf[4];
	uint32_t cp, back;
	size_t n, bad = 0;

	for (cp = 0; cp <= 0x10ffff; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		n = utf8_encode(cp, buf);
		if (utf8_decode(buf, n, &back) != n || back != cp)
			bad++;
	}
	CHECK_INT(bad, 0);
}

/* ---- validity, length, stepping ---- */

TEST(test_valid_accepts_well_formed_text)
{
	static const char *const good[] = {
		"", "plain ascii", "ООО «Ромашка»", "漢字 😀",
		REPL,			/* a real U+FFFD is fine */
		"\xf4\x8f\xbf\xbf",
	};
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		CHECK(utf8_valid(good[i], strlen(good[i])));
}

TEST(test_valid_rejects_each_kind_of_bad_sequence)
{
	static const char *const bad[] = {
		"\xff", "abc\x80", "\xc0\xaf", "\xe0\x80\xaf",
		"\xed\xa0\x80", "\xf4\x90\x80\x80", "Ромашк\xd0",
		"\xe6\xbc", "\xd0\x96\x96",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(!utf8_valid(bad[i], strlen(bad[i])));
}

TEST(test_valid_looks_only_at_n_bytes)
{
	CHECK(utf8_valid("a\xff", 1));
	CHECK(!utf8_valid("Ж", 1));		/* cut inside a character */
	CHECK(utf8_valid("\xff", 0));
}

TEST(test_len_counts_code_points_not_bytes)
{
	CHECK_INT(utf8_len(""), 0);
	CHECK_INT(utf8_len("abc"), 3);
	CHECK_INT(utf8_len("ООО «Ромашка»"), 13);
	CHECK_INT(utf8_len("漢字😀"), 3);
	CHECK_INT(utf8_len("e\xcc\x81"), 2);	/* the accent is its own */
}

TEST(test_len_counts_each_invalid_byte_once)
{
	CHECK_INT(utf8_len("\xff\xfe"), 2);
	CHECK_INT(utf8_len("a\xe6\xbc"), 3);
	CHECK_INT(utf8_len("\xc0\xaf"), 2);
}

TEST(test_next_steps_over_whole_characters)
{
	const char *s = "aЖ漢😀b";

	CHECK_INT(utf8_next(s, 0), 1);
	CHECK_INT(utf8_next(s, 1), 3);
	CHECK_INT(utf8_next(s, 3), 6);
	CHECK_INT(utf8_next(s, 6), 10);
	CHECK_INT(utf8_next(s, 10), 11);
	CHECK_INT(utf8_next(s, 11), 11);	/* at the end it stays */
}

TEST(test_prev_steps_back_over_whole_characters)
{
	const char *s = "aЖ漢😀b";

	CHECK_INT(utf8_prev(s, 11), 10);
	CHECK_INT(utf8_prev(s, 10), 6);
	CHECK_INT(utf8_prev(s, 6), 3);
	CHECK_INT(utf8_prev(s, 3), 1);
	CHECK_INT(utf8_prev(s, 1), 0);
	CHECK_INT(utf8_prev(s, 0), 0);
}

TEST(test_prev_undoes_next_even_on_invalid_bytes)
{
	/* stray continuations, a truncated 3-byte form, an overlong */
	const char *s = "a\x80\x80Ж\xe6\xbc" "b\xc0\xaf漢\xf0\x9f\x98";
	size_t offs[32], n = 0, off = 0, len = strlen(s);

	while (off < len && n < 32) {
		offs[n++] = off;
		off = utf8_next(s, off);
	}
	CHECK_INT(off, len);
	/* forward: a, 80, 80, Ж, e6, bc, b, c0, af, 漢, f0, 9f, 98 */
	CHECK_INT(n, 13);
	while (n > 0) {
		n--;
		CHECK_INT(utf8_prev(s, off), offs[n]);
		off = offs[n];
	}
}

/* ---- width ---- */

TEST(test_width_of_cyrillic_and_latin_is_one_per_letter)
{
	CHECK_INT(utf8_width(""), 0);
	CHECK_INT(utf8_width("Ромашка"), 7);
	CHECK_INT(utf8_width("ООО «Ромашка»"), 13);
	CHECK_INT(utf8_width("Café"), 4);
	CHECK_INT(utf8_width("Αθήνα"), 5);
}

TEST(test_width_of_wide_characters_is_two)
{
	CHECK_INT(utf8_width("漢字"), 4);
	CHECK_INT(utf8_width("한국"), 4);		/* Hangul syllables */
	CHECK_INT(utf8_width("カタカナ"), 8);
	CHECK_INT(utf8_width("ＡＢ"), 4);		/* fullwidth forms */
	CHECK_INT(utf8_width("\xf0\xa0\x80\x80"), 2);	/* U+20000, plane 2 */
	CHECK_INT(utf8_width("a漢b"), 4);
}

TEST(test_width_of_emoji_is_two)
{
	CHECK_INT(utf8_cpwidth(0x1f600), 2);	/* 😀 */
	CHECK_INT(utf8_cpwidth(0x2615), 2);	/* ☕ */
	CHECK_INT(utf8_cpwidth(0x1f680), 2);	/* 🚀 */
	CHECK_INT(utf8_width("ok 👍"), 5);
}

TEST(test_width_combining_acute_is_zero)
{
	CHECK_INT(utf8_cpwidth(0x301), 0);
	CHECK_INT(utf8_width("e\xcc\x81"), 1);	/* e + U+0301 */
	CHECK_INT(utf8_width("Й"), 1);		/* precomposed */
	CHECK_INT(utf8_width("И\xcc\x86"), 1);	/* И + combining breve */
	CHECK_INT(utf8_cpwidth(0x483), 0);	/* Cyrillic titlo */
}

TEST(test_width_of_invisible_format_characters_is_zero)
{
	CHECK_INT(utf8_cpwidth(0x200b), 0);	/* zero width space */
	CHECK_INT(utf8_cpwidth(0x200d), 0);	/* zero width joiner */
	CHECK_INT(utf8_cpwidth(0xfeff), 0);	/* byte order mark */
	CHECK_INT(utf8_cpwidth(0xfe0f), 0);	/* variation selector */
	CHECK_INT(utf8_cpwidth(0x1161), 0);	/* Hangul medial vowel */
	CHECK_INT(utf8_cpwidth(0x1100), 2);	/* Hangul initial */
	CHECK_INT(utf8_cpwidth(0xad), 1);	/* soft hyphen is drawn */
}

TEST(test_width_of_controls_is_that_of_their_visible_form)
{
	CHECK_INT(utf8_cpwidth(0x1b), 2);	/* ^[ */
	CHECK_INT(utf8_cpwidth('\n'), 2);	/* ^J */
	CHECK_INT(utf8_cpwidth('\t'), 2);	/* ^I */
	CHECK_INT(utf8_cpwidth(0x7f), 2);	/* ^? */
	CHECK_INT(utf8_cpwidth(0x85), 4);	/* <85> */
	CHECK_INT(utf8_cpwidth(0x9f), 4);
	CHECK_INT(utf8_cpwidth(0xa0), 1);	/* no-break space */
	CHECK_INT(utf8_width("a\x1b[1mb"), 7);	/* a ^[ [ 1 m b */
}

TEST(test_width_of_text_equals_width_of_its_sanitized_form)
{
	static const char *const samples[] = {
		"Evil\x1b]0;title\x07", "tab\there", "\xc2\x85\xc2\x9b",
		"\xff\xfe bad", "ООО «Ромашка» 漢字 e\xcc\x81",
	};
	size_t i;
	char *clean;

	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		clean = utf8_sanitize(samples[i]);
		CHECK_INT(utf8_width(samples[i]), utf8_width(clean));
		free(clean);
	}
}

TEST(test_width_of_invalid_byte_is_one_like_its_replacement)
{
	CHECK_INT(utf8_width("\xff"), 1);
	CHECK_INT(utf8_width("\xe6\xbc"), 2);
}

TEST(test_width_does_not_depend_on_the_locale)
{
	char *old = setlocale(LC_ALL, NULL), *saved = NULL;

	if (old != NULL)
		saved = strdup(old);
	setlocale(LC_ALL, "C");
	CHECK_INT(utf8_width("漢字"), 4);
	CHECK_INT(utf8_width("e\xcc\x81"), 1);
	CHECK_INT(utf8_width("Ромашка"), 7);
	setlocale(LC_ALL, saved ? saved : "C");
	free(saved);
}

/* ---- case folding ---- */

TEST(test_fold_ascii)
{
	CHECK_FOLD("Hello, WORLD 42!", "hello, world 42!");
	CHECK_INT(utf8_fold_cp('@'), '@');
	CHECK_INT(utf8_fold_cp('['), '[');
}

TEST(test_fold_russian_alphabet)
{
	CHECK_FOLD("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
	    "абвгдеежзийклмнопрстуфхцчшщъыьэюя");
	CHECK_FOLD("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
	    "абвгдеежзийклмнопрстуфхцчшщъыьэюя");
}

/* ё is е when people look for things: most type е for ё, and
 * "федоров" must find Фёдоров (the search, the filters, the quick
 * filter, the duplicates all fold through here). */
TEST(test_fold_cyrillic_yo)
{
	CHECK_INT(utf8_fold_cp(0x401), 0x435);	/* Ё -> е */
	CHECK_INT(utf8_fold_cp(0x451), 0x435);	/* ё -> е */
	CHECK_FOLD("ЁЛКА", "елка");
	CHECK(utf8_fold_cp(0x401) == utf8_fold_cp(0x415));
	CHECK(utf8_contains_fold("Фёдоров Александр", "федоров"));
	CHECK(utf8_contains_fold("Федоров", "ФЁДОР"));
	/* й stays a letter of its own */
	CHECK(utf8_fold_cp(0x439) != utf8_fold_cp(0x438));
}

TEST(test_yo_to_ye_changes_nothing_else)
{
	char *s = utf8_yo_to_ye("Ёлка, ёж и Йошкар-Ола \xff");

	CHECK_STR(s, "Елка, еж и Йошкар-Ола \xff");
	free(s);
}

TEST(test_fold_ukrainian_and_belarusian_letters)
{
	CHECK_FOLD("ЄІЇҐ", "єіїґ");
	CHECK_FOLD("Ў", "ў");
	CHECK_FOLD("ЇЖАК ҐУДЗЬ Єва Ўладзімір", "їжак ґудзь єва ўладзімір");
	CHECK_FOLD("ЂЉЊЋЏЈ", "ђљњћџј");		/* Serbian, same block */
	CHECK_FOLD("ҚҢҮӘӨ", "қңүәө");		/* Kazakh, in the pairs */
}

TEST(test_fold_latin1_supplement)
{
	CHECK_FOLD("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ",
	    "àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþ");
	CHECK_INT(utf8_fold_cp(0xd7), 0xd7);	/* × is not a letter */
	CHECK_INT(utf8_fold_cp(0xf7), 0xf7);	/* ÷ */
	CHECK_INT(utf8_fold_cp(0xdf), 0xdf);	/* ß has no one-letter fold */
}

TEST(test_fold_latin_extended_a)
{
	CHECK_FOLD("ĀĂĄĆĈĊČĎĐĒĖĘĚĜĞĠĢĤĦĨĪĬĮĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮ"
	    "ŰŲŴŶŹŻŽ",
	    "āăąćĉċčďđēėęěĝğġģĥħĩīĭįĳĵķĺļľŀłńņňŋōŏőœŕŗřśŝşšţťŧũūŭů"
	    "űųŵŷźżž");
	CHECK_FOLD("ŁÓDŹ", "łódź");
	CHECK_FOLD("Ÿ", "ÿ");			/* the pair crosses blocks */
	CHECK_INT(utf8_fold_cp(0x138), 0x138);	/* ĸ has no upper case */
	CHECK_INT(utf8_fold_cp(0x149), 0x149);	/* nor has ŉ */
	CHECK_INT(utf8_fold_cp(0x17f), 's');	/* long s */
}

TEST(test_fold_dotted_capital_i_becomes_plain_i)
{
	CHECK_INT(utf8_fold_cp(0x130), 'i');	/* İ */
	CHECK_INT(utf8_fold_cp(0x131), 0x131);	/* ı stays dotless */
	CHECK(utf8_contains_fold("İstanbul", "istanbul"));
}

TEST(test_fold_greek_including_final_sigma)
{
	CHECK_FOLD("ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ", "αβγδεζηθικλμνξοπρστυφχψω");
	CHECK_FOLD("ΆΈΉΊΌΎΏΪΫ", "άέήίόύώϊϋ");
	CHECK_INT(utf8_fold_cp(0x3c2), 0x3c3);	/* ς -> σ */
	CHECK(utf8_contains_fold("ΟΔΟΣ", "οδος"));
	CHECK_INT(utf8_fold_cp(0x3a2), 0x3a2);	/* unassigned hole */
	CHECK_INT(utf8_fold_cp(0xb5), 0x3bc);	/* micro sign -> mu */
}

TEST(test_fold_leaves_other_characters_alone)
{
	CHECK_FOLD("漢字 123 «»—№ 😀", "漢字 123 «»—№ 😀");
	CHECK_INT(utf8_fold_cp(0x531), 0x531);	/* Armenian: not covered */
	CHECK_INT(utf8_fold_cp(0x10ffff), 0x10ffff);
}

TEST(test_fold_replaces_invalid_bytes)
{
	CHECK_FOLD("A\xff" "B", "a" REPL "b");
	CHECK_FOLD("\xc0\xaf", REPL REPL);
}

TEST(test_fold_of_empty_string_is_an_empty_string)
{
	CHECK_FOLD("", "");
}

TEST(test_fold_cps_lists_folded_code_points)
{
	size_t n = 99;
	uint32_t *cps = utf8_fold_cps("ЁjЖ\xff", &n);

	REQUIRE(cps != NULL);
	CHECK_INT(n, 4);
	if (n == 4) {
		CHECK_INT(cps[0], 0x435);	/* Ё folds to е */
		CHECK_INT(cps[1], 'j');
		CHECK_INT(cps[2], 0x436);
		CHECK_INT(cps[3], 0xfffd);
	}
	free(cps);
	cps = utf8_fold_cps("", &n);
	CHECK_INT(n, 0);
	free(cps);
}

/* ---- folded search ---- */

TEST(test_contains_fold_romashka_in_any_case)
{
	CHECK(utf8_contains_fold("ООО «Ромашка»", "РОМАШКА"));
	CHECK(utf8_contains_fold("ООО «Ромашка»", "ромашка"));
	CHECK(utf8_contains_fold("ООО «Ромашка»", "рОмАшКа"));
	CHECK(utf8_contains_fold("ООО «РОМАШКА»", "ромаш"));
	CHECK(utf8_contains_fold("ООО «Ромашка»", "«ромашка»"));
	CHECK(utf8_contains_fold("ООО «Ромашка»", "ооо"));
	CHECK(!utf8_contains_fold("ООО «Ромашка»", "лютик"));
}

TEST(test_contains_fold_yo_in_any_case)
{
	CHECK(utf8_contains_fold("Ёлкин и партнёры", "ЁЛКИН"));
	CHECK(utf8_contains_fold("ЁЛКИН И ПАРТНЁРЫ", "партнёры"));
}

TEST(test_contains_fold_empty_needle_matches_everything)
{
	CHECK(utf8_contains_fold("anything", ""));
	CHECK(utf8_contains_fold("", ""));
}

TEST(test_contains_fold_needle_longer_than_hay_does_not_match)
{
	CHECK(!utf8_contains_fold("Ром", "Ромашка"));
	CHECK(!utf8_contains_fold("", "a"));
}

TEST(test_contains_fold_finds_match_after_a_false_start)
{
	CHECK(utf8_contains_fold("aab", "AB"));
	CHECK(utf8_contains_fold("ррррома", "РОМ"));
	CHECK(utf8_contains_fold("Иванов Иван", "НОВ ИВАН"));
	CHECK(!utf8_contains_fold("abab", "abb"));
}

TEST(test_contains_fold_survives_invalid_bytes)
{
	CHECK(!utf8_contains_fold("\xff\xfe\xd0", "ромаш"));
	CHECK(utf8_contains_fold("\xffРомашка\xd0", "ромашка"));
	CHECK(utf8_contains_fold("a\xff" "b", "A\xfe" "B"));  /* both U+FFFD */
}

TEST(test_contains_fold_latin_and_greek)
{
	CHECK(utf8_contains_fold("Société Générale", "GÉNÉRALE"));
	CHECK(utf8_contains_fold("Łódź Sp. z o.o.", "łÓdŹ"));
	CHECK(utf8_contains_fold("Αθήνα", "ΑΘΉΝΑ"));
}

TEST(test_match_folded_stops_at_hay_length)
{
	uint32_t needle[] = { 'a', 'b' };

	CHECK(utf8_match_folded("xAB", 3, needle, 2));
	CHECK(!utf8_match_folded("xAB", 2, needle, 2));	/* "xA" only */
	CHECK(utf8_match_folded("xAB", 0, needle, 0));
}

/* ---- sanitize ---- */

TEST(test_sanitize_escape_sequence)
{
	CHECK_SANITIZE("\x1b[2J\x1b[31mred\x1b[0m", "^[[2J^[[31mred^[[0m");
	CHECK_SANITIZE("\x1b]0;owned\x07", "^[]0;owned^G");
}

TEST(test_sanitize_newline_tab_and_del_in_caret_notation)
{
	CHECK_SANITIZE("a\nb\tc\rd", "a^Jb^Ic^Md");
	CHECK_SANITIZE("\x01\x1f\x7f", "^A^_^?");
}

TEST(test_sanitize_c1_controls_as_hex)
{
	CHECK_SANITIZE("\xc2\x85", "<85>");		/* NEL */
	CHECK_SANITIZE("\xc2\x9b" "31m", "<9B>31m");	/* 8-bit CSI */
	CHECK_SANITIZE("\xc2\x80\xc2\x9f", "<80><9F>");
	CHECK_SANITIZE("\xc2\xa0", "\xc2\xa0");		/* NBSP is text */
}

TEST(test_sanitize_invalid_bytes_become_replacement)
{
	CHECK_SANITIZE("a\xff" "b", "a" REPL "b");
	CHECK_SANITIZE("\xc0\xaf", REPL REPL);
	CHECK_SANITIZE("\xed\xa0\x80", REPL REPL REPL);
	CHECK_SANITIZE("Ромашк\xd0", "Ромашк" REPL);
}

TEST(test_sanitize_keeps_printable_text)
{
	const char *s = "ООО «Ромашка» 漢字 e\xcc\x81 😀 " REPL;

	CHECK_SANITIZE(s, s);
	CHECK_SANITIZE("", "");
}

TEST(test_sanitize_output_is_valid_and_free_of_controls)
{
	char in[256], *out;
	size_t i;
	uint32_t cp;
	const char *p;
	int bad = 0;

	for (i = 0; i < 255; i++)
		in[i] = (char)(i + 1);		/* every byte but NUL */
	in[255] = '\0';
	out = utf8_sanitize(in);
	CHECK(utf8_valid(out, strlen(out)));
	p = out;
	while (*p != '\0') {
		p += utf8_decode(p, strlen(p), &cp);
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			bad++;
	}
	CHECK_INT(bad, 0);
	free(out);
}

/* ---- fit ---- */

TEST(test_fit_counts_bytes_of_whole_characters)
{
	int w = -1;

	CHECK_INT(utf8_fit("Ромашка", 3, &w), 6);
	CHECK_INT(w, 3);
	CHECK_INT(utf8_fit("abc", 10, &w), 3);
	CHECK_INT(w, 3);
	CHECK_INT(utf8_fit("", 5, &w), 0);
	CHECK_INT(w, 0);
}

TEST(test_fit_never_splits_a_wide_character)
{
	int w = -1;

	CHECK_INT(utf8_fit("漢字漢", 3, &w), 3);
	CHECK_INT(w, 2);
	CHECK_INT(utf8_fit("漢字漢", 4, &w), 6);
	CHECK_INT(w, 4);
	CHECK_INT(utf8_fit("a漢", 2, &w), 1);
	CHECK_INT(w, 1);
}

TEST(test_fit_keeps_combining_mark_with_its_letter)
{
	int w = -1;

	CHECK_INT(utf8_fit("e\xcc\x81x", 1, &w), 3);
	CHECK_INT(w, 1);
}

TEST(test_fit_zero_columns_takes_nothing_visible)
{
	int w = -1;

	CHECK_INT(utf8_fit("abc", 0, &w), 0);
	CHECK_INT(w, 0);
	CHECK_INT(utf8_fit("abc", -5, &w), 0);
	CHECK_INT(w, 0);
}

TEST(test_fit_accepts_null_width)
{
	CHECK_INT(utf8_fit("Ромашка", 4, NULL), 8);
}

TEST(test_fit_counts_controls_at_their_visible_width)
{
	int w = -1;

	CHECK_INT(utf8_fit("\x1b" "a", 1, &w), 0);	/* ^[ needs 2 */
	CHECK_INT(w, 0);
	CHECK_INT(utf8_fit("\x1b" "a", 2, &w), 1);
	CHECK_INT(w, 2);
}

TEST(test_hostile_text_is_always_safe_to_draw)
{
	uint64_t rng = FIXTURE_HOSTILE_SEED;
	int i, w;

	for (i = 0; i < FIXTURE_HOSTILE_ROUNDS; i++) {
		size_t n, fit;
		char *s = fixture_hostile(&rng, &n), *clean = utf8_sanitize(s), *f;
		const char *p;

		CHECK(utf8_valid(clean, strlen(clean)));
		for (p = clean; *p; p++)
			CHECK((unsigned char)*p >= 0x20 && *p != 0x7f);
		CHECK_INT(utf8_width(clean), utf8_width(s));
		fit = utf8_fit(clean, 7, &w);
		CHECK(fit <= strlen(clean) && w <= 7);
		f = utf8_fold(s);
		utf8_contains_fold(s, f);
		free(f);
		free(clean);
		free(s);
	}
}

/* utf8_plain says yes only where utf8_valid, utf8_control_in and
 * utf8_len would have passed, with the same count: on hand-picked edges
 * and on hostile text. */
static void
check_plain(const char *s, size_t n, const char *allowed)
{
	size_t chars = (size_t)-1;
	char *z;

	if (!utf8_plain(s, n, allowed, &chars))
		return;
	CHECK(utf8_valid(s, n));
	CHECK(utf8_control_in(s, n, allowed, NULL) < 0);
	z = xstrndup(s, n);
	CHECK_INT(strlen(z), n);
	CHECK_INT(chars, utf8_len(z));
	free(z);
}

TEST(test_utf8_plain_is_the_slow_checks_fast)
{
	static const struct {
		const char	*s;
		const char	*allowed;
		int		 plain;
		size_t		 chars;
	} cases[] = {
		{ "", "\t", 1, 0 },
		{ "SUMMARY:Встреча «Ёлка» — итог", "\t", 1, 29 },
		{ "a\tb", "\t", 1, 3 },
		{ "a\nb", "\t", 0, 0 },		/* not allowed here ... */
		{ "a\nb", "\t\n\r", 1, 3 },	/* ... allowed in a memo */
		{ "a\x7f", "\t", 0, 0 },	/* DEL */
		{ "\xc2\x9b[31m", "\t", 0, 0 },	/* C1 CSI */
		{ "\xc2\xa0", "\t", 1, 1 },	/* NBSP, the first after C1 */
		{ "\xc0\xaf", "\t", 0, 0 },	/* overlong '/' */
		{ "\xe0\x80\xaf", "\t", 0, 0 },	/* overlong, three bytes */
		{ "\xed\xa0\x80", "\t", 0, 0 },	/* a surrogate */
		{ "\xe2\x80\xae", "\t", 1, 1 },	/* U+202E: not a control */
		{ "\xd0", "\t", 0, 0 },		/* cut short */
		{ "\xe2\x80", "\t", 0, 0 },
		{ "\xf0\x9f\x98\x80", "\t", 0, 0 },	/* four bytes: slow path */
		{ "\x80", "\t", 0, 0 },
	};
	uint64_t rng = FIXTURE_HOSTILE_SEED;
	size_t i, chars, n;
	char *s;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		chars = 99;
		CHECK_INT(utf8_plain(cases[i].s, strlen(cases[i].s),
		    cases[i].allowed, &chars), cases[i].plain);
		if (cases[i].plain)
			CHECK_INT(chars, cases[i].chars);
		check_plain(cases[i].s, strlen(cases[i].s), cases[i].allowed);
	}
	/* a NUL inside is never plain */
	CHECK_INT(utf8_plain("a\0b", 3, "\t", NULL), 0);
	for (i = 0; i < FIXTURE_HOSTILE_ROUNDS; i++) {
		s = fixture_hostile(&rng, &n);
		check_plain(s, n, "\t");
		check_plain(s, n, "\t\n\r");
		free(s);
	}
}
