/*
 * Libraries opened on first use (base/dlib.c): a library that is not
 * there and a function a library lacks are errors that name it and the
 * package to install, and a table is filled only when both are found.
 * That a command which needs none of them maps none is
 * tests/cli/test_startup.sh's.
 */
#include <stddef.h>
#include <string.h>

#include "base/dlib.h"
#include "harness.h"

struct table {
	size_t	(*strlen_fn)(const char *);
};

TEST(test_dlib_names_the_missing_library_and_package)
{
	static const struct dlib_so so[] = {
		{ "libsalesorg-none.so.9", "libsalesorg-none9" },
	};
	static const struct dlib_sym sym[] = {
		{ "strlen", offsetof(struct table, strlen_fn), 0 },
	};
	struct table t = { NULL };
	struct dlib d = { so, 1, sym, 1, &t, 0 };
	struct so_err err;

	CHECK_INT(dlib_load(&d, &err), SO_ERR);
	CHECK(strstr(err.msg, "cannot load libsalesorg-none.so.9") != NULL);
	CHECK(strstr(err.msg, "install the Debian package "
	    "libsalesorg-none9") != NULL);
	CHECK(t.strlen_fn == NULL);
	CHECK_INT(d.loaded, 0);
}

TEST(test_dlib_names_the_missing_function)
{
	static const struct dlib_so so[] = { { "libc.so.6", "libc6" } };
	static const struct dlib_sym sym[] = {
		{ "salesorg_no_such_function",
		    offsetof(struct table, strlen_fn), 0 },
	};
	struct table t = { NULL };
	struct dlib d = { so, 1, sym, 1, &t, 0 };
	struct so_err err;

	CHECK_INT(dlib_load(&d, &err), SO_ERR);
	CHECK_STR(err.msg, "libc.so.6 has no function "
	    "salesorg_no_such_function (install a newer Debian package "
	    "libc6)");
	CHECK_INT(d.loaded, 0);
}

TEST(test_dlib_fills_the_table_once)
{
	static const struct dlib_so so[] = { { "libc.so.6", "libc6" } };
	static const struct dlib_sym sym[] = {
		{ "strlen", offsetof(struct table, strlen_fn), 0 },
	};
	struct table t = { NULL };
	struct dlib d = { so, 1, sym, 1, &t, 0 };

	CHECK_INT(dlib_load(&d, NULL), SO_OK);
	REQUIRE(t.strlen_fn != NULL);
	CHECK_INT((int)t.strlen_fn("agenda"), 6);
	CHECK_INT(d.loaded, 1);
	t.strlen_fn = NULL;
	/* Once: not looked up again. */
	CHECK_INT(dlib_load(&d, NULL), SO_OK);
	CHECK(t.strlen_fn == NULL);
}
