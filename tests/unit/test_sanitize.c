/*
 * The one sanitizer (base/utf8.h) at every exit to a terminal, and the
 * one definition of a control character the store and the importers
 * refuse: C0, DEL, C1 (U+0080..U+009F, which a terminal takes as ESC
 * sequences: U+009B is CSI, U+009D OSC), and bidi overrides and
 * isolates, which reorder what a line shows.
 */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/utf8.h"
#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "store/entities.h"
#include "store/lockinfo.h"
#include "store/settings.h"

static void
check_clean(const char *in, const char *want, const char *file, int line)
{
	char *out = utf8_sanitize(in);

	if (strcmp(out, want) != 0)
		harness_fail(file, line, "utf8_sanitize gave \"%s\", expected "
		    "\"%s\"", out, want);
	free(out);
}
#define CLEAN(in, want)	check_clean(in, want, __FILE__, __LINE__)

/* No byte of s starts a terminal sequence: no C0 but those allowed,
 * no DEL, no C1 and no bidi control in its UTF-8. */
static int
inert(const char *s, size_t n, const char *allowed)
{
	return utf8_control_in(s, n, allowed, NULL) < 0 &&
	    strstr(s, "\xe2\x80\xae") == NULL &&
	    strstr(s, "\xe2\x81\xa6") == NULL;
}

TEST(test_sanitize_shows_esc_csi_osc_and_c1_visibly)
{
	CLEAN("a\x1b[2Jb", "a^[[2Jb");			/* ESC [ : clear */
	CLEAN("\x1b]0;pwned\x07", "^[]0;pwned^G");	/* OSC title, BEL */
	CLEAN("x\xc2\x9b" "2J", "x<9B>2J");		/* C1 CSI */
	CLEAN("\xc2\x9d" "0;t\xc2\x9c", "<9D>0;t<9C>");	/* C1 OSC ... ST */
	CLEAN("\x7f\x01", "^?^A");
	CLEAN("Ромашка", "Ромашка");
}

TEST(test_sanitize_shows_bidi_overrides_and_isolates)
{
	/* "Trojan source": U+202E makes "exe.txt" show as "txt.exe". */
	CLEAN("a\xe2\x80\xae" "txt.exe", "a<202E>txt.exe");
	CLEAN("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad",
	    "<202A><202B><202C><202D>");
	CLEAN("\xe2\x81\xa6x\xe2\x81\xa9", "<2066>x<2069>");
	/* Neighbours that are not controls stay. */
	CLEAN("\xe2\x80\xa9\xe2\x81\xaa", "\xe2\x80\xa9\xe2\x81\xaa");
	CHECK_INT(utf8_cpwidth(0x202e), 6);
	CHECK_INT(utf8_width("a\xe2\x80\xae" "b"), 8);
	CHECK(utf8_is_bidi_control(0x2067));
	CHECK(!utf8_is_bidi_control(0x200f));
}

TEST(test_sanitized_text_keeps_lines_tabs_and_crlf_only)
{
	struct strbuf b = { 0 };
	const char *s = "a\tb\r\nc\rd\n\x1b[31m\xc2\x85";

	CHECK_INT(utf8_sanitize_text(&b, s, strlen(s), 1), strlen(s));
	CHECK_STR(sb_str(&b), "a\tb\r\nc^Md\n^[[31m<85>");
	CHECK(inert(sb_str(&b), b.len, "\t\r\n"));
	sb_free(&b);
}

TEST(test_sanitized_text_waits_for_a_sequence_cut_between_pieces)
{
	/* "\xc2\x9b" (CSI) and "д" cut in two, and a CR at the end of a
	 * piece: nothing is decided before the rest comes. */
	const char *s = "x\xc2\x9bд\r\ny\r";
	struct strbuf b = { 0 };
	size_t i, took, held = 0;
	char buf[32];

	for (i = 0; s[i]; i++) {
		buf[held++] = s[i];
		took = utf8_sanitize_text(&b, buf, held, 0);
		memmove(buf, buf + took, held - took);
		held -= took;
	}
	CHECK_INT(held, 1);		/* the last CR */
	CHECK_INT(utf8_sanitize_text(&b, buf, held, 1), 1);
	CHECK_STR(sb_str(&b), "x<9B>д\r\ny^M");
	sb_free(&b);
}

TEST(test_control_at_finds_c1_as_well_as_c0)
{
	uint32_t cp = 0;

	CHECK_INT(utf8_control_at("abc", NULL, &cp), -1);
	CHECK_INT(utf8_control_at("ab\x1b", NULL, &cp), 2);
	CHECK_INT(cp, 0x1b);
	CHECK_INT(utf8_control_at("Ром\xc2\x9b", NULL, &cp), 6);
	CHECK_INT(cp, 0x9b);
	CHECK_INT(utf8_control_at("a\tb\n", "\t\n", &cp), -1);
	CHECK_INT(utf8_control_at("a\tb\n", "\t", &cp), 3);
	/* A C1 is never "allowed": the list is of C0 characters. */
	CHECK_INT(utf8_control_at("\xc2\x85", "\x05", &cp), 0);
}

TEST(test_store_refuses_a_c1_control_as_it_refuses_c0)
{
	struct db *db = fixture_open("c1.db");
	struct so_err err = { 0 };
	struct company c;

	REQUIRE(db != NULL);
	store_company_init(&c);
	free(c.name);
	c.name = xstrdup("ООО \xc2\x9b" "2J");
	CHECK_INT(store_company_create(db, &c, &err), SO_EINVAL);
	CHECK_STR(err.field, "name");
	CHECK(strstr(err.msg, "control character (U+009B)") != NULL);
	free(c.name);
	c.name = xstrdup("ООО \x1b]0;x\x07");
	CHECK_INT(store_company_create(db, &c, &err), SO_EINVAL);
	CHECK(strstr(err.msg, "control character (0x1B)") != NULL);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies"), 0);
	store_company_clear(&c);
	/* An event type's name is on every screen: text only. */
	CHECK_INT(settings_lookup_put(db, LOOKUP_EVENT_TYPES, "visit",
	    "Визит\xc2\x9d" "0;x", &err), SO_EINVAL);
	CHECK_INT(settings_lookup_put(db, LOOKUP_EVENT_TYPES, "visit",
	    "Визит", &err), SO_OK);
	db_close(db);
}

TEST(test_lock_holder_named_with_escapes_is_shown_visibly)
{
	char shm[512], locks[512], old[17] = "";
	struct lock_holder h;
	struct stat sb;
	FILE *f;

	/* This process holds the "lock" and calls itself ESC ] 0 ; x BEL
	 * ESC [ 2 J, as a program exec'd through such a symlink would. */
	snprintf(shm, sizeof(shm), "%s", harness_path("t.db-shm"));
	REQUIRE((f = fopen(shm, "w")) != NULL);
	fclose(f);
	REQUIRE(stat(shm, &sb) == 0);
	snprintf(locks, sizeof(locks), "%s", harness_path("locks"));
	REQUIRE((f = fopen(locks, "w")) != NULL);
	fprintf(f, "1: POSIX  ADVISORY  WRITE %ld %02x:%02x:%lu 120 120\n",
	    (long)getpid(), major(sb.st_dev), minor(sb.st_dev),
	    (unsigned long)sb.st_ino);
	fclose(f);
	prctl(PR_GET_NAME, old, 0, 0, 0);
	REQUIRE(prctl(PR_SET_NAME, "\x1b]0;x\x07\x1b[2J", 0, 0, 0) == 0);
	shm[strlen(shm) - 4] = '\0';	/* the database's own path */
	CHECK_INT(lockinfo_writer_in(locks, shm, &h), 1);
	prctl(PR_SET_NAME, old, 0, 0, 0);
	CHECK_INT(h.pid, getpid());
	CHECK_STR(h.comm, "^[]0;x^G^[[2J");
}
