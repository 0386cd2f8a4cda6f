/* Shared set-up for store tests; see fixture.h. */
#include <stdio.h>
#include <stdlib.h>

#include "base/datetime.h"
#include "fixture.h"
#include "harness.h"
#include "store/users.h"

struct db *
fixture_open(const char *name)
{
	struct db_opts opts = { .create = 1 };
	struct so_err err = { 0 };
	struct db *db = NULL;

	setenv("TZ", "Europe/Moscow", 1);
	tzset();
	if (db_open(harness_path(name), &opts, &db, &err) != SO_OK) {
		harness_fail(__FILE__, __LINE__, "open: %s", err.msg);
		return NULL;
	}
	db_set_now(db, FIXTURE_NOW);
	if (db_login(db, "anna", &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "login: %s", err.msg);
	return db;
}

void
fixture_user(struct db *db, const char *login, enum role role)
{
	struct so_err err = { 0 };

	acl_system(db, 1);
	if (store_user_add(db, login, NULL, role, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "user add: %s", err.msg);
	acl_system(db, 0);
}

unsigned long long
fixture_file_sum(const char *path, long long *size)
{
	unsigned long long h = 1469598103934665603ULL;
	FILE *f = fopen(path, "rb");
	int c;

	*size = 0;
	if (f == NULL)
		return 0;
	while ((c = getc(f)) != EOF) {
		h = (h ^ (unsigned)c) * 1099511628211ULL;
		(*size)++;
	}
	fclose(f);
	return h;
}

long long
fixture_int(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

int64_t
fixture_code_id(struct db *db, enum lookup_table t, const char *code)
{
	const char *codes[1] = { code };
	int64_t id = SO_NULL;

	if (code)
		store_lookup_ids(db, t, codes, &id, 1, NULL);
	return id;
}

int64_t
fixture_moment(const char *text)
{
	char msg[128];
	time_t t = 0;

	if (dt_parse_moment(text, FIXTURE_NOW, &t, msg, sizeof(msg)) != 0)
		harness_fail(__FILE__, __LINE__, "%s: %s", text, msg);
	return (int64_t)t;
}

struct doc_table *
fixture_doc_table(const struct doc *d, int n)
{
	size_t i;

	for (i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == DOC_TABLE && n-- == 0)
			return d->blocks[i].table;
	return NULL;
}
