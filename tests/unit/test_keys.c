/* The key table: dispatch by context, and hints generated from it. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "ui/keys.h"

TEST(test_keys_dispatch_by_context)
{
	CHECK_INT(ui_key_action('a', 0, CTX_LIST), ACT_ADD);
	CHECK_INT(ui_key_action('r', 0, CTX_LIST), ACT_NONE);
	CHECK_INT(ui_key_action('r', 0, CTX_TRASH), ACT_RESTORE);
	CHECK_INT(ui_key_action(KEY_END, 1, CTX_LIST), ACT_END);
	CHECK_INT(ui_key_action('G', 0, CTX_LIST), ACT_END);
	CHECK_INT(ui_key_action(KEY_RIGHT, 1, CTX_CARD), ACT_SUB_NEXT);
	CHECK_INT(ui_key_action('/', 0, CTX_CARD), ACT_NONE);
	/* a character key never matches a KEY_ code of the same value */
	CHECK_INT(ui_key_action(KEY_END, 0, CTX_LIST), ACT_NONE);
}

TEST(test_every_binding_has_help_and_no_key_is_bound_twice)
{
	const struct binding *a, *b;

	for (a = ui_bindings; a->act != ACT_NONE; a++) {
		/* a named binding documents itself */
		if (a->name)
			CHECK(a->help != NULL && *a->help);
		for (b = a + 1; b->act != ACT_NONE; b++)
			if (a->key == b->key && a->keycode == b->keycode &&
			    (a->ctx & b->ctx))
				harness_fail(__FILE__, __LINE__,
				    "key %d bound twice", (int)a->key);
	}
}

TEST(test_hints_come_from_the_table)
{
	const char *h = ui_key_hints(CTX_TRASH);

	CHECK(strstr(h, "r restore") != NULL);
	CHECK(strstr(h, "a add") == NULL);
	CHECK(strstr(ui_key_hints(CTX_LIST), "/ find") != NULL);
	CHECK(strstr(ui_key_hints(CTX_LIST), "f filter") != NULL);
	CHECK(strstr(ui_key_hints(CTX_LIST), "M group") != NULL);
	CHECK(strstr(ui_key_hints(CTX_TRASH), "M group") == NULL);
}

/*
 * The man page is the reference: every key the table binds (each name
 * of "PgDn, ^F, Space") is there as ".Ic NAME" (with \& before the
 * characters mdoc would read otherwise).  A key added to the table and
 * not to the page fails here.
 */
static char *
read_man(void)
{
	FILE *f = fopen("man/salesorg.1", "r");
	static char buf[256 * 1024];
	size_t n;

	if (f == NULL)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

/* ".Ic NAME" followed by a space, a comma or the line's end. */
static int
man_has_key(const char *man, const char *name)
{
	const char *forms[] = { "Ic %s", "Ic \\&%s" };
	char want[64];
	const char *p;
	size_t i, len;

	/* The card files' digits are a range: "Ic 1 No \(en Ic 9". */
	if (name[0] >= '1' && name[0] <= '9' && name[1] == '\0' &&
	    strstr(man, "Ic 1 No \\(en Ic 9") != NULL)
		return 1;
	for (i = 0; i < 2; i++) {
		snprintf(want, sizeof(want), forms[i], name);
		len = strlen(want);
		for (p = man; (p = strstr(p, want)) != NULL; p += len)
			if (p[len] == ' ' || p[len] == '\n' || p[len] == ',')
				return 1;
	}
	return 0;
}

TEST(test_every_key_of_the_table_is_in_the_man_page)
{
	const struct binding *b;
	const char *man = read_man();
	char names[64], *tok, *save;

	REQUIRE(man != NULL);
	for (b = ui_bindings; b->act != ACT_NONE; b++) {
		if (b->name == NULL)
			continue;
		snprintf(names, sizeof(names), "%s", b->name);
		for (tok = strtok_r(names, ", ", &save); tok != NULL;
		    tok = strtok_r(NULL, ", ", &save))
			if (!man_has_key(man, tok))
				harness_fail(__FILE__, __LINE__, "key \"%s\" "
				    "(%s) is not in man/salesorg.1", tok,
				    b->help);
	}
}
