/* The key table: dispatch by context, and hints generated from it. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "harness.h"
#include "ui/form.h"
#include "store/acl.h"
#include "ui/keys.h"
#include "ui/screen.h"

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

/* Each name of "PgDn, ^F, Space" is in the man page. */
static void
names_in_man(const char *man, const char *list, const char *what)
{
	char names[64], *tok, *save;

	snprintf(names, sizeof(names), "%s", list);
	for (tok = strtok_r(names, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save))
		if (!man_has_key(man, tok))
			harness_fail(__FILE__, __LINE__, "key \"%s\" (%s) is "
			    "not in man/salesorg.1", tok, what);
}

/* The keys of the screens with tables of their own, and those every
 * screen answers. */
TEST(test_every_screen_key_is_in_the_man_page)
{
	const struct screen_ops *const screens[] = { &screen_reports,
	    &screen_pipeline, &screen_import, &screen_search, &screen_fields,
	    &screen_templates, &screen_plan, &screen_pivot, &screen_drill };
	const struct screen_key *k;
	const char *man = read_man();
	size_t i;

	REQUIRE(man != NULL);
	for (i = 0; i < sizeof(screens) / sizeof(screens[0]); i++)
		for (k = screens[i]->keys; k->key != 0; k++)
			if (k->name != NULL)
				names_in_man(man, k->name, screens[i]->name);
	for (k = ui_global_keys; k->key != 0; k++)
		names_in_man(man, k->name, k->help);
}

/* Every key a form reads is in the man page's Forms section (F4 for the
 * editor, the duplicate warning's o and s ...). */
TEST(test_every_form_key_is_in_the_forms_section)
{
	const char *man = read_man(), *from, *to;
	const char *const *k;
	char *sec;

	REQUIRE(man != NULL);
	REQUIRE((from = strstr(man, ".Ss Forms\n")) != NULL);
	if ((to = strstr(from + 1, "\n.S")) == NULL)
		to = from + strlen(from);
	sec = xstrndup(from, (size_t)(to - from + 1));
	for (k = ui_form_keys; *k != NULL; k++)
		names_in_man(sec, *k, "a form");
	free(sec);
}

/* Every : command, by name and alias, is in the man page's list as
 * ".It Ic :name" (the card files' digits as the range :1 to :9). */
TEST(test_every_colon_command_is_in_the_man_page)
{
	const struct ui_command *c;
	const char *man = read_man();
	char want[64];
	int n = 0;

	REQUIRE(man != NULL);
	for (c = ui_commands; c->name != NULL; c++, n++) {
		if (c->act >= ACT_TAB1 && c->act <= ACT_TAB9 && strstr(man,
		    "Ic :1 No \\(en Ic :9") != NULL)
			continue;
		snprintf(want, sizeof(want), ":%s", c->name);
		if (!man_has_key(man, want))
			harness_fail(__FILE__, __LINE__, "command %s (%s) is "
			    "not in man/salesorg.1", want, c->help);
		if (c->alias == NULL)
			continue;
		snprintf(want, sizeof(want), ":%s", c->alias);
		if (!man_has_key(man, want))
			harness_fail(__FILE__, __LINE__, "command %s (%s) is "
			    "not in man/salesorg.1", want, c->help);
	}
	CHECK(n > 20);
}

/* A command runs the action its key runs: one table, one dispatch. */
TEST(test_colon_commands_resolve_to_the_keys_actions)
{
	const struct ui_command *c;

	c = ui_command_find("pipeline");
	REQUIRE(c != NULL);
	CHECK(c->act == ui_key_action('P', 0, CTX_LIST));
	c = ui_command_find("reports");		/* an alias */
	REQUIRE(c != NULL);
	CHECK(c->act == ui_key_action('R', 0, CTX_LIST));
	CHECK(ui_command_find("quit") == ui_command_find("q"));
	CHECK(ui_command_find("7") != NULL);
	CHECK(ui_command_find("7")->act == ui_key_action('7', 0, CTX_CARD));
	CHECK(ui_command_find("no-such") == NULL);
	CHECK(strstr(ui_command_names(), "save-filter") != NULL);
	CHECK(strstr(ui_command_names(), "1-9") != NULL);
}

/* The arrows and page keys are the same letters on every screen. */
TEST(test_key_letters)
{
	CHECK(ui_key_letter(KEY_NPAGE, 1) == ('F' & 0x1f));
	CHECK(ui_key_letter(KEY_UP, 1) == 'k');
	CHECK(ui_key_letter('J', 0) == 'J');
	CHECK(ui_key_letter(KEY_F(5), 1) == 0);
	CHECK(ui_key_letter(0x444, 0) == 0x444);	/* ф is itself */
}

/* With the layout switched to Russian, a letter does what the Latin
 * key it sits on does: в is d (done in the agenda), ф is a (add). */
TEST(test_russian_layout_keys_do_their_latin_twins_work)
{
	CHECK_INT(ui_key_latin(L'в'), 'd');
	CHECK_INT(ui_key_latin(L'Ф'), 'A');
	CHECK_INT(ui_key_latin('d'), 0);
	CHECK(ui_key_action(L'в', 0, CTX_AGENDA) == ACT_DONE);
	CHECK(ui_key_action(L'я', 0, CTX_AGENDA) == ACT_SNOOZE);
	CHECK(ui_key_action(L'ф', 0, CTX_LIST) == ACT_ADD);
	CHECK(ui_key_action(L'Ф', 0, CTX_LIST) == ACT_AGENDA);
	CHECK(ui_key_action(L'з', 0, CTX_LIST) == ui_key_action('p', 0,
	    CTX_LIST));
	/* a keycode is never a letter */
	CHECK(ui_key_action(0x432, 1, CTX_AGENDA) == ACT_NONE);
}

/* Every action of the organizer declares what it reads and writes: a
 * new action without a declaration fails here. */
TEST(test_every_action_declares_its_access)
{
	const struct action_access *a;
	int act;

	for (act = ACT_NONE + 1; act <= ACT_LAST; act++) {
		a = ui_action_access((enum action)act);
		if (a->what == NULL)
			harness_fail(__FILE__, __LINE__, "action %d declares "
			    "no access (keys.c's access[])", act);
	}
	/* ... and the man page's ROLES lists each (its words, with the
	 * apostrophes mdoc escapes) */
	{
		const char *man = read_man();
		char want[256], *q;
		const char *w;

		REQUIRE(man != NULL);
		for (act = ACT_NONE + 1; act <= ACT_LAST; act++) {
			a = ui_action_access((enum action)act);
			if (a->on == ON_NOTHING || a->what == NULL)
				continue;
			for (w = a->what, q = want; *w && q < want + 240;
			    w++)
				if (*w == '\'')
					q += sprintf(q, "\\(aq");
				else
					*q++ = *w;
			*q = '\0';
			if (strstr(man, want) == NULL)
				harness_fail(__FILE__, __LINE__, "\"%s\" is "
				    "not in the man page's ROLES", a->what);
		}
	}
	/* what writes a record says so, and on what */
	CHECK(ui_action_access(ACT_EDIT)->writes & ACL_WRITE);
	CHECK_INT(ui_action_access(ACT_EDIT)->on, ON_SELECTED);
	CHECK_INT(ui_action_access(ACT_ADD)->on, ON_NEW);
	CHECK(ui_action_access(ACT_DONE)->writes & ACL_WRITE);
	CHECK(!(ui_action_access(ACT_SEARCH)->reads & ACL_READ));
	CHECK(ui_action_access(ACT_EXPORT)->reads & ACL_TAKE);
}

/* The hints and the help are translated where they are shown: the
 * table's English is the key to the catalogue (make builds it,
 * BUILD_LOCALEDIR), and the keys stay the keys. */
TEST(test_hints_in_russian_from_the_same_table)
{
	bindtextdomain("salesorg", BUILD_LOCALEDIR);
	bind_textdomain_codeset("salesorg", "UTF-8");
	textdomain("salesorg");
	REQUIRE(i18n_set_lang("ru") == 0);
	CHECK(strstr(ui_key_hints(CTX_TRASH), "r восстановить") != NULL);
	CHECK(strstr(ui_key_hints(CTX_LIST), "a добавить") != NULL);
	CHECK(strstr(ui_key_hints(CTX_AGENDA), "d, x готово") != NULL);
	CHECK(strstr(ui_key_hints(CTX_LIST), "restore") == NULL);
	CHECK(strstr(ui_screen_hints(&screen_reports, NULL), "p печать") !=
	    NULL);
	/* the Russian layout is the same in Russian */
	CHECK(ui_key_action(L'в', 0, CTX_AGENDA) == ACT_DONE);
	REQUIRE(i18n_set_lang("en") == 0);
	CHECK(strstr(ui_key_hints(CTX_TRASH), "r restore") != NULL);
}
