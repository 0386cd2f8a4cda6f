/*
 * SQLite's small blocks from pools (store/sqlmem.c): sizes rounded to
 * their class, contents kept through a realloc across classes and into
 * and out of malloc's blocks, a freed block the next of its class, and
 * chunk after chunk of distinct blocks.  In a sanitizer build the pools
 * are not installed and only the contents are checked.
 */
#include <stdint.h>
#include <string.h>

#include <sqlite3.h>

#include "fixture.h"
#include "harness.h"
#include "store/sqlmem.h"

static int
filled(const unsigned char *p, size_t n, unsigned char c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != c)
			return 0;
	return 1;
}

TEST(test_sqlmem_classes_realloc_and_reuse)
{
	struct db *db;
	unsigned char *p, *q, *r;
	int pools;

	REQUIRE((db = fixture_open("mem.db")) != NULL);
	pools = sqlmem_installed();
	p = sqlite3_malloc(10);
	REQUIRE(p != NULL);
	CHECK(((uintptr_t)p & 7) == 0);
	if (pools)
		CHECK_INT(sqlite3_msize(p), 16);
	memset(p, 'a', 10);
	q = sqlite3_realloc(p, 500);	/* another class */
	REQUIRE(q != NULL);
	CHECK(filled(q, 10, 'a'));
	if (pools)
		CHECK_INT(sqlite3_msize(q), 512);
	memset(q, 'b', 500);
	r = sqlite3_realloc(q, 300);	/* shrinks in place */
	CHECK(filled(r, 300, 'b'));
	if (pools)
		CHECK(r == q);
	sqlite3_free(r);
	p = sqlite3_malloc(497);	/* the freed block of its class */
	if (pools)
		CHECK(p == r);
	sqlite3_free(p);

	/* Into malloc's large blocks and back. */
	p = sqlite3_malloc(1000);
	memset(p, 'c', 1000);
	q = sqlite3_realloc(p, 5000);
	REQUIRE(q != NULL);
	CHECK(filled(q, 1000, 'c'));
	if (pools)
		CHECK_INT(sqlite3_msize(q), 5000);
	memset(q, 'd', 5000);
	r = sqlite3_realloc(q, 20000);
	REQUIRE(r != NULL);
	CHECK(filled(r, 5000, 'd'));
	p = sqlite3_realloc(r, 100);
	REQUIRE(p != NULL);
	CHECK(filled(p, 100, 'd'));
	if (pools)
		CHECK_INT(sqlite3_msize(p), 112);
	sqlite3_free(p);
	db_close(db);
}

TEST(test_sqlmem_blocks_across_chunks_are_distinct)
{
	enum { N = 3000 };
	static unsigned char *v[N];
	struct db *db;
	int i, ok = 1;

	REQUIRE((db = fixture_open("mem.db")) != NULL);
	/* 3000 blocks of 8 to 1 000 bytes: about 25 chunks of 64 KiB. */
	for (i = 0; i < N; i++) {
		REQUIRE((v[i] = sqlite3_malloc(8 + i % 993)) != NULL);
		memset(v[i], i & 0xff, 8 + i % 993);
	}
	for (i = 0; i < N; i++)
		if (!filled(v[i], 8 + i % 993, i & 0xff))
			ok = 0;
	CHECK(ok);
	for (i = 0; i < N; i += 2)
		sqlite3_free(v[i]);
	for (i = 0; i < N; i += 2) {
		REQUIRE((v[i] = sqlite3_malloc(8 + i % 993)) != NULL);
		memset(v[i], i & 0xff, 8 + i % 993);
	}
	for (i = 0; i < N; i++)
		if (!filled(v[i], 8 + i % 993, i & 0xff))
			ok = 0;
	CHECK(ok);
	for (i = 0; i < N; i++)
		sqlite3_free(v[i]);
	/* SQLite itself still works on them. */
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM sqlite_master") > 100,
	    1);
	db_close(db);
}
