/*
 * UTF-8 handling without the locale: decoding (invalid input never
 * crashes), widths of Cyrillic, wide and combining characters, Cyrillic
 * case folding, terminal-safe text, clipping to a width.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "utf8.h"

TEST(test_decode_cyrillic_and_astral)
{
	uint32_t cp;

	CHECK_INT(utf8_decode("Ж", 2, &cp), 2);
	CHECK_INT(cp, 0x416);
	CHECK_INT(utf8_decode("漢", 3, &cp), 3);
	CHECK_INT(cp, 0x6f22);
	CHECK_INT(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	CHECK_INT(cp, 0x1f600);
}

TEST(test_invalid_bytes_decode_as_replacement_one_byte_at_a_time)
{
	static const char *const bad[] = {
		"\xff", "\xc0\xaf" /* overlong '/' */, "\xed\xa0\x80"
		/* surrogate */, "\xf4\x90\x80\x80" /* > U+10FFFF */,
		"\xd0" /* truncated */, "\x80" /* lone continuation */,
	};
	uint32_t cp;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(utf8_decode(bad[i], strlen(bad[i]), &cp), 1);
		CHECK_INT(cp, 0xfffd);
		CHECK(!utf8_valid(bad[i], strlen(bad[i])));
	}
	CHECK(utf8_valid("ООО «Ромашка»", strlen("ООО «Ромашка»")));
	CHECK(utf8_valid("\xef\xbf\xbd", 3));	/* a real U+FFFD */
}

TEST(test_encode_round_trips)
{
	static const uint32_t cps[] = { 0x41, 0x416, 0x6f22, 0x1f600 };
	char buf[4];
	uint32_t back;
	size_t i, n;

	for (i = 0; i < 4; i++) {
		n = utf8_encode(cps[i], buf);
		CHECK_INT(utf8_decode(buf, n, &back), n);
		CHECK_INT(back, cps[i]);
	}
}

TEST(test_widths_of_cyrillic_wide_and_combining)
{
	CHECK_INT(utf8_width("Ромашка"), 7);
	CHECK_INT(utf8_width("漢字"), 4);
	CHECK_INT(utf8_width("e\xcc\x81"), 1);	/* e + combining acute */
	CHECK_INT(utf8_width("\x1b"), 2);	/* drawn as ^[ */
	CHECK_INT(utf8_len("Ёлка"), 4);
}

TEST(test_fold_cyrillic_including_yo_and_ukrainian)
{
	char *f = utf8_fold("ООО «РОМАШКА» Ёлка ЇЖАК ҐУДЗЬ Єва Ўладзімір");

	CHECK_STR(f, "ооо «ромашка» ёлка їжак ґудзь єва ўладзімір");
	free(f);
	f = utf8_fold("ÀÉÎ ŁÓDŹ ΑΒΓ Σ");
	CHECK_STR(f, "àéî łódź αβγ σ");
	free(f);
}

TEST(test_contains_fold_matches_any_case)
{
	CHECK(utf8_contains_fold("ООО «Ромашка»", "ромаш"));
	CHECK(utf8_contains_fold("ООО «Ромашка»", "РОМАШ"));
	CHECK(utf8_contains_fold("Ёлкин", "ёлк"));
	CHECK(utf8_contains_fold("anything", ""));
	CHECK(!utf8_contains_fold("Ромашка", "лютик"));
	CHECK(!utf8_contains_fold("Ром", "Ромашка"));
	/* invalid bytes in the data do not crash or match wildly */
	CHECK(!utf8_contains_fold("\xff\xfe\xd0", "ромаш"));
	CHECK(utf8_contains_fold("\xffРомашка", "ромашка"));
}

TEST(test_sanitize_shows_controls_never_passes_them)
{
	char *s = utf8_sanitize("Evil\x1b[2J\x07" "Co\n\x7f" "\xc2\x85\xff");

	CHECK_STR(s, "Evil^[[2J^GCo^J^?<85>\xef\xbf\xbd");
	CHECK(strchr(s, 0x1b) == NULL);
	free(s);
}

TEST(test_fit_never_splits_a_character)
{
	int w;

	CHECK_INT(utf8_fit("Ромашка", 3, &w), 6);
	CHECK_INT(w, 3);
	CHECK_INT(utf8_fit("漢字漢", 3, &w), 3);	/* one wide char, not 1.5 */
	CHECK_INT(w, 2);
	CHECK_INT(utf8_fit("abc", 10, &w), 3);
	CHECK_INT(w, 3);
}

TEST(test_prev_and_next_step_by_character)
{
	const char *s = "aЖ漢b";

	CHECK_INT(utf8_next(s, 0), 1);
	CHECK_INT(utf8_next(s, 1), 3);
	CHECK_INT(utf8_next(s, 3), 6);
	CHECK_INT(utf8_prev(s, 6), 3);
	CHECK_INT(utf8_prev(s, 3), 1);
	CHECK_INT(utf8_prev(s, 1), 0);
	CHECK_INT(utf8_prev(s, 0), 0);
}
