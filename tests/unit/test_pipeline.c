/*
 * The pipeline: counts and sums per stage, moves along the path with the
 * time of each move in the audit log, lost deals needing a reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "store/sales.h"

static int64_t
stage_id(struct db *db, const char *code)
{
	char *sql = xasprintf("SELECT id FROM deal_stages WHERE code = '%s'",
	    code);
	int64_t id = fixture_int(db, sql);

	free(sql);
	return id;
}

static int64_t
add_deal(struct db *db, const char *title, const char *stage, int64_t amount)
{
	struct so_err err;
	struct deal d;
	int64_t id = 0;

	store_deal_init(&d);
	free(d.title);
	d.title = xstrdup(title);
	d.stage_id = stage_id(db, stage);
	d.amount = amount;
	if (store_deal_create(db, &d, &err) == SO_OK)
		id = d.meta.id;
	store_deal_clear(&d);
	return id;
}

static const char *
stage_of(struct db *db, int64_t id)
{
	static char code[32];
	struct so_err err;
	struct deal d;
	sqlite3_stmt *st;

	code[0] = '\0';
	store_deal_init(&d);
	if (store_deal_get(db, id, &d, &err) == SO_OK &&
	    db_prepare(db, "SELECT code FROM deal_stages WHERE id = ?", &st,
	    &err) == SO_OK) {
		sqlite3_bind_int64(st, 1, d.stage_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(code, sizeof(code), "%s",
			    (const char *)sqlite3_column_text(st, 0));
		db_done(st);
	}
	store_deal_clear(&d);
	return code;
}

TEST(pipeline_counts_and_sums_per_stage)
{
	struct db *db = fixture_open("p.db");
	struct pipeline p;
	struct so_err err;
	size_t i;

	REQUIRE(db);
	add_deal(db, "Small", "proposal_sent", 100000);
	add_deal(db, "Big", "proposal_sent", 500000);
	add_deal(db, "No amount", "proposal_sent", SO_NULL);
	add_deal(db, "Won one", "won", 250000);
	REQUIRE(pipeline_load(db, 0, NULL, NULL, 2, &p, &err) == SO_OK);
	CHECK_INT(p.nstages, 6);
	for (i = 0; i < p.nstages; i++) {
		struct pipe_stage *s = &p.stages[i];

		if (strcmp(s->code, "proposal_sent") == 0) {
			CHECK_INT(s->count, 3);
			CHECK_INT(s->sum, 600000);
			/* at most per_stage deals, largest first */
			CHECK_INT(s->ndeals, 2);
			CHECK_STR(s->deals[0].title, "Big");
			CHECK_STR(s->deals[1].title, "Small");
		} else if (strcmp(s->code, "won") == 0) {
			CHECK_INT(s->count, 1);
			CHECK_INT(s->sum, 250000);
		} else
			CHECK_INT(s->count, 0);
	}
	pipeline_free(&p);
	/* Another manager's pipeline is empty. */
	REQUIRE(pipeline_load(db, 999, NULL, NULL, 10, &p, &err) == SO_OK);
	for (i = 0; i < p.nstages; i++)
		CHECK_INT(p.stages[i].count, 0);
	pipeline_free(&p);
	db_close(db);
}

TEST(pipeline_moves_along_the_path_with_time_in_stage)
{
	struct db *db = fixture_open("m.db");
	struct so_err err;
	int64_t id, since;

	REQUIRE(db);
	REQUIRE((id = add_deal(db, "Станки", "proposal_sent", 100)) > 0);
	REQUIRE(deal_stage_since(db, id, &since, &err) == SO_OK);
	CHECK_INT(since, FIXTURE_NOW);

	db_set_now(db, FIXTURE_NOW + 3600);
	REQUIRE(deal_move(db, id, +1, NULL, &err) == SO_OK);
	CHECK_STR(stage_of(db, id), "negotiation");
	REQUIRE(deal_stage_since(db, id, &since, &err) == SO_OK);
	CHECK_INT(since, FIXTURE_NOW + 3600);

	db_set_now(db, FIXTURE_NOW + 86400);
	REQUIRE(deal_move(db, id, +1, NULL, &err) == SO_OK);
	CHECK_STR(stage_of(db, id), "won");
	CHECK_INT(fixture_int(db, "SELECT closed_on = '2026-11-24' FROM deals"),
	    1);
	/* won is the end of the path: lost is not "next" */
	CHECK_INT(deal_move(db, id, +1, NULL, &err), SO_EINVAL);
	CHECK_STR(err.field, "stage_id");
	CHECK_STR(stage_of(db, id), "won");
	/* each move is an audit row with its time */
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'deal' AND field = 'stage_id'"), 2);
	REQUIRE(deal_move(db, id, -1, NULL, &err) == SO_OK);
	CHECK_STR(stage_of(db, id), "negotiation");
	CHECK_INT(fixture_int(db, "SELECT closed_on = '' FROM deals"), 1);
	db_close(db);
}

TEST(pipeline_lost_needs_a_reason_and_reopens)
{
	struct db *db = fixture_open("l.db");
	struct so_err err;
	int64_t id;

	REQUIRE(db);
	REQUIRE((id = add_deal(db, "Lost cause", "first_contact", 100)) > 0);
	CHECK_INT(deal_move(db, id, -1, NULL, &err), SO_EINVAL);
	CHECK_INT(deal_set_stage(db, id, "lost", "", &err), SO_EINVAL);
	CHECK_STR(err.field, "lost_reason");
	CHECK_STR(stage_of(db, id), "first_contact");
	REQUIRE(deal_set_stage(db, id, "lost", "Дорого", &err) == SO_OK);
	CHECK_STR(stage_of(db, id), "lost");
	CHECK_INT(fixture_int(db, "SELECT lost_reason = 'Дорого' AND "
	    "closed_on <> '' FROM deals"), 1);
	CHECK_INT(deal_set_stage(db, id, "nonsense", NULL, &err), SO_EINVAL);
	/* back from lost: the last open stage, the reason cleared */
	REQUIRE(deal_move(db, id, -1, NULL, &err) == SO_OK);
	CHECK_STR(stage_of(db, id), "negotiation");
	CHECK_INT(fixture_int(db, "SELECT lost_reason = '' AND closed_on = '' "
	    "FROM deals"), 1);
	db_close(db);
}

static int64_t
stage_count(struct pipeline *p, const char *code)
{
	size_t i;

	for (i = 0; i < p->nstages; i++)
		if (strcmp(p->stages[i].code, code) == 0)
			return p->stages[i].count;
	return -1;
}

/* Open deals by the day they were created, closed ones by the day closed. */
TEST(pipeline_period_filters_by_creation_and_closing)
{
	struct db *db = fixture_open("per.db");
	struct pipeline p;
	struct so_err err;
	int64_t won;

	REQUIRE(db);
	add_deal(db, "Open", "need_found", 100);	/* 2026-11-23 */
	REQUIRE((won = add_deal(db, "Closed", "negotiation", 100)) > 0);
	db_set_now(db, FIXTURE_NOW + 10 * 86400);	/* 2026-12-03 */
	REQUIRE(deal_move(db, won, +1, NULL, &err) == SO_OK);

	REQUIRE(pipeline_load(db, 0, "2026-11-01", "2026-11-30", 5, &p,
	    &err) == SO_OK);
	CHECK_INT(stage_count(&p, "need_found"), 1);
	CHECK_INT(stage_count(&p, "won"), 0);	/* closed in December */
	pipeline_free(&p);
	REQUIRE(pipeline_load(db, 0, "2026-12-01", NULL, 5, &p, &err) ==
	    SO_OK);
	CHECK_INT(stage_count(&p, "need_found"), 0);
	CHECK_INT(stage_count(&p, "won"), 1);
	pipeline_free(&p);
	REQUIRE(pipeline_load(db, 0, NULL, "2026-11-22", 5, &p, &err) ==
	    SO_OK);
	CHECK_INT(stage_count(&p, "need_found"), 0);
	pipeline_free(&p);
	db_close(db);
}
