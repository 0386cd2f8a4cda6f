/*
 * Every command declares what each role may do with it (struct
 * cli_access, include/cli/cli.h) and says it in a sentence (.access);
 * the two must not tell different stories.  tests/cli/test_access.sh
 * holds the declarations to what the commands do; this holds the
 * sentences to the declarations, as far as words can be checked:
 * declared at all, "reading only" with nothing written, and where a
 * manager may do less than an administrator, the sentence says who may
 * do more.
 */
#include <string.h>

#include "cli/commands.h"
#include "harness.h"

static unsigned
cells(const struct cli_reach *r)
{
	return (unsigned)r->own << 24 | (unsigned)r->colleague << 16 |
	    (unsigned)r->nobody << 8 | r->team;
}

static int
writes(const struct cli_reach *r)
{
	return ((r->own | r->colleague | r->nobody) & ACL_WRITE) != 0;
}

TEST(test_every_command_declares_its_access_in_both_forms)
{
	const struct command *const *c;

	for (c = commands; *c; c++) {
		const struct cli_access *a = &(*c)->acl;

		if (cells(&a->manager) == 0 && cells(&a->head) == 0 &&
		    cells(&a->admin) == 0)
			harness_fail(__FILE__, __LINE__, "%s: no .acl",
			    (*c)->name);
		if ((*c)->access == NULL || *(*c)->access == '\0')
			harness_fail(__FILE__, __LINE__, "%s: no .access",
			    (*c)->name);
	}
}

TEST(test_access_sentences_agree_with_the_declarations)
{
	const struct command *const *c;

	for (c = commands; *c; c++) {
		const struct cli_access *a = &(*c)->acl;
		const char *s = (*c)->access ? (*c)->access : "";

		if (strstr(s, "reading only") && (writes(&a->manager) ||
		    writes(&a->head) || writes(&a->admin)))
			harness_fail(__FILE__, __LINE__, "%s: says reading "
			    "only, declares a write", (*c)->name);
		if (cells(&a->manager) != cells(&a->admin) &&
		    !strstr(s, "head") && !strstr(s, "admin"))
			harness_fail(__FILE__, __LINE__, "%s: a manager may "
			    "do less, the sentence does not say who more",
			    (*c)->name);
		/* The role every command names is the manager's: what
		 * the sentence says first is what anyone may do. */
		if (cells(&a->manager) == 0 && !strstr(s, "managers are "
		    "refused") && !strstr(s, "only"))
			harness_fail(__FILE__, __LINE__, "%s: a manager may "
			    "do nothing, the sentence does not say so",
			    (*c)->name);
	}
}

TEST(test_roles_table_letters)
{
	char b[8];

	CHECK_STR(cli_reach_letters(0, b), "-");
	CHECK_STR(cli_reach_letters(ACL_TITLE, b), "t");
	CHECK_STR(cli_reach_letters(ACL_TITLE | ACL_READ, b), "r");
	CHECK_STR(cli_reach_letters(ACL_READ | ACL_TAKE, b), "rx");
	CHECK_STR(cli_reach_letters(ACL_TAKE | ACL_WRITE, b), "xw");
	CHECK_STR(cli_reach_letters(ACL_TITLE | ACL_WRITE, b), "tw");
}
