/* The key table: dispatch by context, and hints generated from it. */
#include <curses.h>
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
