/*
 * The activity report's column rules (store/activity.c): first and
 * repeat touches on the activity week (worlds.h), the rule grammar and
 * its error messages, only a head or an admin may change the rules, one
 * setting per column.  What the rules count is test_report_activity.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "harness.h"
#include "store/activity.h"
#include "store/settings.h"
#include "store/users.h"
#include "worlds.h"

TEST(test_activity_first_and_repeat_touches)
{
	struct so_err err = { 0 };
	struct world_activity w;
	int first = -1;

	REQUIRE(world_activity(&w));
	/* Alpha's first done touch is Anna's call of 11-16 11:00. */
	CHECK_INT(activity_first_touch(w.db, w.alpha, 0,
	    fixture_moment("2026-11-16 11:00"), &first, &err), SO_OK);
	CHECK_INT(first, 1);
	CHECK_INT(activity_first_touch(w.db, w.alpha, 0,
	    fixture_moment("2026-11-17 10:00"), &first, &err), SO_OK);
	CHECK_INT(first, 0);
	/* Kuznetsov, without a company, by contact. */
	CHECK_INT(activity_first_touch(w.db, 0, w.kuz,
	    fixture_moment("2026-11-20 10:00"), &first, &err), SO_OK);
	CHECK_INT(first, 1);
	CHECK_INT(activity_first_touch(w.db, 0, w.kuz,
	    fixture_moment("2026-11-20 10:01"), &first, &err), SO_OK);
	CHECK_INT(first, 0);
	/* Beta's cancelled and trashed events are no touch: a done call
	 * before 11-02 would be first. */
	CHECK_INT(activity_first_touch(w.db, w.beta, 0,
	    fixture_moment("2026-11-01 10:00"), &first, &err), SO_OK);
	CHECK_INT(first, 1);
	db_close(w.db);
}

TEST(test_activity_rule_grammar_and_messages)
{
	struct so_err err = { 0 };
	struct activity_rule r;
	struct world_activity w;
	struct ev_case {
		const char *value, *want;
	} bad[] = {
		{ "cal:*", "report.activity.cold_calls: no event type \"cal\" "
		    "(the event types are call, meeting, email, letter, "
		    "birthday, other)" },
		{ "call:reachd_dm", "report.activity.cold_calls: no result "
		    "\"reachd_dm\" (the results are reached_dm, proposal_sent, "
		    "meeting_set, callback, no_answer, refused, invoice_issued, "
		    "held)" },
		{ "call:*:frist", "report.activity.cold_calls: the end is "
		    ":first or :repeat, not \":frist\"" },
		{ "call", "report.activity.cold_calls: TYPES:RESULTS"
		    "[:first|:repeat] or off, as call:*:first or "
		    "*:proposal_sent, not \"call\"" },
		{ "call,:*", "report.activity.cold_calls: an empty event type "
		    "code (the event types are call, meeting, email, letter, "
		    "birthday, other)" },
		{ ":*", NULL },
		{ "call:", NULL },
		{ "call::first", NULL },
	};
	size_t i;

	REQUIRE(world_activity(&w));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		so_err_clear(&err);
		CHECK_INT(settings_set_text(w.db, "report.activity.cold_calls",
		    bad[i].value, 1, &err), SO_EINVAL);
		CHECK_STR(err.field, "report.activity.cold_calls");
		if (bad[i].want)
			CHECK_STR(err.msg, bad[i].want);
	}
	/* Nothing was stored: still the default. */
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM settings WHERE key "
	    "LIKE 'report.activity.%'"), 0);
	CHECK_INT(settings_set_text(w.db, "report.activity.nope", "off", 1,
	    &err), SO_EINVAL);

	CHECK_INT(activity_rule_parse(w.db, "x", " call , meeting :"
	    "reached_dm,held:repeat", &r, &err), SO_OK);
	CHECK_INT(r.ntypes, 2);
	CHECK_INT(r.nresults, 2);
	CHECK_INT(r.touch, ACT_REPEAT);
	CHECK_STR(r.words, "Call or Meeting, result Reached decision maker or "
	    "Meeting held, only when the company was touched before");
	activity_rule_clear(&r);
	/* productive: the results with the flag (5 of the 8 defaults). */
	CHECK_INT(activity_rule_parse(w.db, "x", "*:productive", &r, &err),
	    SO_OK);
	CHECK(r.any_type);
	CHECK_INT(r.nresults, 5);
	activity_rule_clear(&r);
	db_close(w.db);
}

TEST(test_activity_settings_only_head_or_admin)
{
	struct so_err err = { 0 };
	struct world_activity w;
	char *v;

	REQUIRE(world_activity(&w));
	/* The defaults, as config shows them. */
	v = settings_get_text(w.db, "report.activity.cold_calls");
	CHECK_STR(v, "call:*:first");
	free(v);
	REQUIRE(db_login(w.db, "boris", &err) == SO_OK);
	CHECK_INT(settings_set_text(w.db, "report.activity.meetings_held",
	    "off", 0, &err), SO_EPERM);
	CHECK(strstr(err.msg, "report.activity.meetings_held") != NULL);
	CHECK_INT(settings_set_text(w.db, "report.activity.meetings_held", "",
	    1, &err), SO_EPERM);
	db_exec(w.db, "UPDATE users SET role = 'head' WHERE login = 'vera'",
	    NULL);
	REQUIRE(db_login(w.db, "vera", &err) == SO_OK);
	CHECK_INT(settings_set_text(w.db, "report.activity.meetings_held",
	    "meeting:held", 0, &err), SO_OK);
	/* Team-wide (no per-user key), read by everyone, audited. */
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM settings WHERE key "
	    "= 'report.activity.meetings_held' AND value = 'meeting:held'"),
	    1);
	REQUIRE(db_login(w.db, "boris", &err) == SO_OK);
	v = settings_get_text(w.db, "report.activity.meetings_held");
	CHECK_STR(v, "meeting:held");
	free(v);
	CHECK_INT(fixture_int(w.db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'settings' AND field = 'report.activity.meetings_held'"),
	    1);
	db_close(w.db);
}

TEST(test_activity_settings_match_the_columns)
{
	const struct text_desc *t;
	int i;

	for (i = 0; i < ACT_NCOLS; i++) {
		t = settings_text_find(activity_cols[i].setting);
		REQUIRE(t != NULL);
		CHECK(t->team);
		CHECK(t->def != NULL);
	}
}
