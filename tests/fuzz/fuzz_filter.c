/*
 * libFuzzer target: the filter language (include/store/filter.h).  The
 * first byte picks the entity (companies, contacts, tasks, events, deals,
 * payments: their fields differ in type), the rest is the filter text.
 * A filter that compiles is also run, as the list runs it: a count over
 * the entity's table with its parameters bound, so the SQL it wrote and
 * the functions it calls (caseless match, PCRE2 REGEXP) are exercised;
 * an error's position is checked by drawing its marker.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "store/entities.h"
#include "store/filter.h"

static void
run(struct db *db, const struct entity *ent, const struct filter *f)
{
	sqlite3_stmt *st;
	char *sql;
	size_t i, n;
	int len;

	for (i = 0, n = filter_nparams(f); i < n; i++)
		free(filter_param_text(f, i));
	len = snprintf(NULL, 0, "SELECT count(*) FROM %s t WHERE %s",
	    ent->table, filter_sql(f));
	sql = malloc((size_t)len + 1);
	snprintf(sql, (size_t)len + 1, "SELECT count(*) FROM %s t WHERE %s",
	    ent->table, filter_sql(f));
	/* The filter wrote this SQL: a statement that does not prepare is
	 * a bug in it, not in the input. */
	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "filter SQL does not prepare: %s\n%s\n",
		    sqlite3_errmsg(db_sqlite(db)), sql);
		abort();
	}
	filter_bind(f, st);
	while (sqlite3_step(st) == SQLITE_ROW)
		;
	sqlite3_finalize(st);
	free(sql);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct entity *const ents[] = { &entity_company,
	    &entity_contact, &entity_task, &entity_event, &entity_deal,
	    &entity_payment };
	const struct entity *ent;
	struct so_err err = { 0 };
	struct filter *f = NULL;
	struct db *db;
	size_t pos = 0;
	char *text;

	if (size < 1)
		return 0;
	ent = ents[data[0] % (sizeof(ents) / sizeof(ents[0]))];
	text = fuzz_text(data + 1, size - 1);
	db = fuzz_begin();
	if (filter_compile(db, ent, text, FUZZ_NOW, &f, &pos, &err) ==
	    SO_OK) {
		if (f)
			run(db, ent, f);
	} else if (pos <= strlen(text))
		free(filter_marker(text, pos));
	else {
		fprintf(stderr, "error position %zu past the text's %zu\n",
		    pos, strlen(text));
		abort();
	}
	filter_free(f);
	fuzz_end(db);
	free(text);
	return 0;
}
