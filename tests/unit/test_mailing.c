/*
 * The per-recipient mail log and a program's results (store/mailing.h)
 * on a hand-computed fixture: the attribution window from the start to
 * the end plus program.attribution_days, a member's company through its
 * contact, a manager's reach, and the plan (the members by program, the
 * payments and deals by company: no table read whole).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "report/report.h"
#include "store/entities.h"
#include "store/group.h"
#include "store/record.h"
#include "store/mailing.h"
#include "store/settings.h"
#include "store/users.h"

/*
 * Program 1 runs 2026-11-01..2026-11-10: with 90 days the window is
 * [2026-11-01, 2027-02-08).  Company 1 (a member through contact 1, and
 * boris's) paid 1000.00 on 11-05 (in) and 500.00 on 10-31 (out);
 * company 2 (a member itself) 2500.00 on 2027-02-07 (in) and 70.00 on
 * 2027-02-08 (out); company 3 (no member) 300.00 on 11-05 (out).
 * Deals: company 2's made 2026-11-02 (in, 4000.00), company 1's made
 * 2026-10-01 (out), company 1's made 2027-02-07 23:00 (in, 10.00).
 * Payments in: 2, 3500.00; deals in: 2, 4010.00.
 */
static struct db *
world(const char *name)
{
	struct db *db = fixture_open(name);
	char *sql;
	struct so_err err = { 0 };

	if (db == NULL)
		return NULL;
	fixture_user(db, "boris", ROLE_MANAGER);
	sql = xasprintf(
	    "INSERT INTO companies (id, name, manager_id, created_at, "
	    "updated_at) VALUES (1, 'Ромашка', (SELECT id FROM users WHERE "
	    "login = 'boris'), 0, 0), (2, 'Вектор', NULL, 0, 0), "
	    "(3, 'Сидоров', NULL, 0, 0);"
	    "INSERT INTO contacts (id, last_name, first_name, company_id, "
	    "created_at, updated_at) VALUES (1, 'Иванова', 'Анна', 1, 0, 0);"
	    "INSERT INTO programs (id, name, starts_on, ends_on, created_at, "
	    "updated_at) VALUES (1, 'Семинар', '2026-11-01', '2026-11-10', "
	    "0, 0), (2, 'Без даты', '', '', 0, 0);"
	    "INSERT INTO program_members (program_id, company_id, contact_id, "
	    "status) VALUES (1, NULL, 1, 'confirmed'), (1, 2, NULL, "
	    "'invited'), (2, 3, NULL, 'invited');"
	    "INSERT INTO payments (company_id, amount, paid_on, created_at, "
	    "updated_at) VALUES (1, 100000, '2026-11-05', 0, 0), "
	    "(1, 50000, '2026-10-31', 0, 0), (2, 250000, '2027-02-07', 0, 0), "
	    "(2, 7000, '2027-02-08', 0, 0), (3, 30000, '2026-11-05', 0, 0);"
	    "INSERT INTO deals (title, company_id, amount, created_at, "
	    "updated_at) VALUES ('Поставка', 2, 400000, %lld, 0), "
	    "('Старая', 1, 900000, %lld, 0), ('Поздняя', 1, 1000, %lld, 0);",
	    (long long)fixture_moment("2026-11-02 12:00"),
	    (long long)fixture_moment("2026-10-01 12:00"),
	    (long long)fixture_moment("2027-02-07 23:00"));
	if (db_exec(db, sql, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "fixture: %s", err.msg);
	free(sql);
	fixture_reindex(db);
	return db;
}

TEST(program_results_by_the_attribution_rule)
{
	struct db *db = world("pr.db");
	struct program_results r;
	struct program_item *it;
	struct so_err err = { 0 };
	size_t n;

	REQUIRE(db != NULL);
	REQUIRE(program_results(db, 1, &r, &err) == SO_OK);
	CHECK_STR(r.from, "2026-11-01");
	CHECK_STR(r.to, "2027-02-08");
	CHECK_INT(r.days, 90);
	CHECK_INT(r.companies, 2);
	CHECK_INT(r.payments, 2);
	CHECK_INT(r.paid, 350000);
	CHECK_INT(r.deals, 2);
	CHECK_INT(r.deals_amount, 401000);
	REQUIRE(program_items(db, 1, 1, &it, &n, &err) == SO_OK);
	REQUIRE(n == 2);
	CHECK_STR(it[0].day, "2026-11-05");
	CHECK_STR(it[0].company, "Ромашка");
	CHECK_STR(it[1].day, "2027-02-07");
	CHECK_INT(it[1].amount, 250000);
	program_items_free(it, n);
	REQUIRE(program_items(db, 1, 0, &it, &n, &err) == SO_OK);
	REQUIRE(n == 2);
	CHECK_STR(it[0].day, "2026-11-02");
	CHECK_STR(it[0].title, "Поставка");
	CHECK_STR(it[1].day, "2027-02-07");
	program_items_free(it, n);

	/* 30 days: the window ends 2026-12-10; the February rows drop */
	REQUIRE(settings_set_text(db, "program.attribution_days", "30", 1,
	    &err) == SO_OK);
	REQUIRE(program_results(db, 1, &r, &err) == SO_OK);
	CHECK_STR(r.to, "2026-12-10");
	CHECK_INT(r.payments, 1);
	CHECK_INT(r.paid, 100000);
	CHECK_INT(r.deals, 1);
	CHECK_INT(r.deals_amount, 400000);
	CHECK_INT(settings_set_text(db, "program.attribution_days", "0", 1,
	    &err), SO_EINVAL);

	/* no start: nothing attributed */
	REQUIRE(program_results(db, 2, &r, &err) == SO_OK);
	CHECK_STR(r.from, "");
	CHECK_INT(r.payments + r.deals, 0);
	CHECK_INT(r.companies, 1);

	/* a manager: the figures of their own companies only */
	REQUIRE(db_login(db, "boris", &err) == SO_OK);
	REQUIRE(program_results(db, 1, &r, &err) == SO_OK);
	CHECK_INT(r.companies, 1);
	CHECK_INT(r.paid, 100000);
	CHECK_INT(r.deals, 0);
	db_close(db);
}

TEST(program_results_plan_reads_no_table_whole)
{
	struct db *db = world("prp.db");
	struct program_results r;
	struct so_err err = { 0 };
	char *plans;

	REQUIRE(db != NULL);
	fixture_plans_begin(db);
	REQUIRE(program_results(db, 1, &r, &err) == SO_OK);
	plans = fixture_plans_end(db);
	CHECK_PLAN(plans, "program_members_program");
	CHECK_PLAN(plans, "payments_company");
	CHECK_PLAN(plans, "deals_company");
	CHECK_PLAN(plans, "mail_log_program");
	CHECK_NO_SCAN(plans, "p");
	CHECK_NO_SCAN(plans, "d");
	CHECK_NO_SCAN(plans, "m");
	CHECK_NO_SCAN(plans, "mail_log");
	free(plans);
	db_close(db);
}

TEST(mail_log_lists_a_records_rows_newest_first)
{
	struct db *db = world("ml.db");
	struct mail_entry e = { 0 }, *v;
	struct so_err err = { 0 };
	size_t n;

	REQUIRE(db != NULL);
	e.template = "invite";
	e.status = MAIL_SENT;
	e.addr = "anna@example.ru";
	e.contact_id = 1;
	e.company_id = 1;
	e.program_id = 1;
	REQUIRE(mail_log_add(db, &e, &err) == SO_OK);
	db_set_now(db, FIXTURE_NOW + 60);
	e.status = MAIL_FAILED;
	e.error = "User unknown";
	REQUIRE(mail_log_add(db, &e, &err) == SO_OK);
	e.status = "bounced";
	CHECK(mail_log_add(db, &e, &err) != SO_OK);
	REQUIRE(mail_log_list(db, &entity_contact, 1, 10, &v, &n, &err) ==
	    SO_OK);
	REQUIRE(n == 2);
	CHECK_STR(v[0].status, "failed");
	CHECK_STR(v[0].error, "User unknown");
	CHECK_STR(v[0].who, "Иванова Анна");
	CHECK_INT(v[0].sent_at, FIXTURE_NOW + 60);
	CHECK_STR(v[1].status, "sent");
	mail_log_free(v, n);
	REQUIRE(mail_log_list(db, &entity_program, 1, 1, &v, &n, &err) ==
	    SO_OK);
	CHECK_INT(n, 1);
	mail_log_free(v, n);
	REQUIRE(mail_log_list(db, &entity_company, 2, 10, &v, &n, &err) ==
	    SO_OK);
	CHECK_INT(n, 0);
	mail_log_free(v, n);
	db_close(db);
}

TEST(members_added_from_contacts_keep_their_company)
{
	struct db *db = world("mc.db");
	struct list_query q = { .sort = -1 };
	struct so_err err = { 0 };
	int64_t n;

	REQUIRE(db != NULL);
	REQUIRE(db_exec(db, "INSERT INTO contacts (id, last_name, company_id, "
	    "created_at, updated_at) VALUES (2, 'Без компании', NULL, 0, 0)",
	    &err) == SO_OK);
	REQUIRE(group_add_to_program(db, &entity_contact, &q, "Выставка", &n,
	    &err) == SO_OK);
	CHECK_INT(n, 2);
	CHECK_INT(fixture_int(db, "SELECT company_id FROM program_members m "
	    "JOIN programs p ON p.id = m.program_id WHERE p.name = 'Выставка' "
	    "AND m.contact_id = 1"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM program_members m "
	    "JOIN programs p ON p.id = m.program_id WHERE p.name = 'Выставка' "
	    "AND m.contact_id = 2 AND m.company_id IS NULL"), 1);
	db_close(db);
}

/*
 * The program report (report/program.c) on the world above, with a
 * third member (company 4, declined, nothing paid) and the log of three
 * mailings: "invite" on 11-01 (2 sent, 1 failed), "offer" on 11-03 at
 * 09:00 (1 sent, 1 skipped), "invite" again on 11-03 at 12:00 (1 sent).
 * Results per company in the order of their first deal: Вектор (the
 * deal 4000.00, the payment 2500.00), Ромашка (10.00, 1000.00); the
 * conversion 2 of 3 members.  Boris sees Ромашка alone, 1 of 1.
 */
TEST(program_report_on_a_hand_computed_program)
{
	struct db *db = world("prr.db");
	struct report_query q;
	struct so_err err = { 0 };
	struct doc_table *t;
	struct doc d;
	char *sql;

	REQUIRE(db != NULL);
	sql = xasprintf(
	    "INSERT INTO companies (id, name, created_at, updated_at) VALUES "
	    "(4, 'Нулевой', 0, 0);"
	    "INSERT INTO program_members (program_id, company_id, status) "
	    "VALUES (1, 4, 'declined');"
	    "INSERT INTO mail_log (sent_at, template, status, addr) VALUES "
	    "(%lld, 'invite', 'sent', 'a'), (%lld, 'invite', 'failed', 'b'), "
	    "(%lld, 'invite', 'sent', 'c'), (%lld, 'offer', 'sent', 'a'), "
	    "(%lld, 'offer', 'skipped', ''), (%lld, 'invite', 'sent', 'd');"
	    "UPDATE mail_log SET program_id = 1;",
	    (long long)fixture_moment("2026-11-01 10:00"),
	    (long long)fixture_moment("2026-11-01 10:01"),
	    (long long)fixture_moment("2026-11-01 10:02"),
	    (long long)fixture_moment("2026-11-03 09:00"),
	    (long long)fixture_moment("2026-11-03 09:01"),
	    (long long)fixture_moment("2026-11-03 12:00"));
	REQUIRE(db_exec(db, sql, &err) == SO_OK);
	free(sql);
	fixture_reindex(db);
	memset(&q, 0, sizeof(q));
	q.now = FIXTURE_NOW;
	q.program = "семинар";
	REQUIRE(report_program(db, &q, &d, &err) == SO_OK);
	CHECK_STR(d.title, "Program report");
	CHECK_STR(d.period, "2026-11-01 - 2026-11-10");
	REQUIRE((t = fixture_doc_table(&d, 0)) != NULL);
	CHECK_ROW(t, 0, "Program|Семинар");
	CHECK_ROW(t, 2, "Dates|2026-11-01 - 2026-11-10");
	CHECK_ROW(t, 3, "Results counted|from 2026-11-01, before 2027-02-08 "
	    "(the end + 90 days)");
	REQUIRE((t = fixture_doc_table(&d, 1)) != NULL);
	CHECK_INT(t->nrows, 6);
	CHECK_ROW(t, 0, "Invited|1");
	CHECK_ROW(t, 1, "Confirmed|1");
	CHECK_ROW(t, 2, "Attended|0");
	CHECK_ROW(t, 3, "Declined|1");
	CHECK_ROW(t, 5, "Total|3");
	REQUIRE((t = fixture_doc_table(&d, 2)) != NULL);
	CHECK_INT(t->nrows, 4);
	CHECK_ROW(t, 0, "2026-11-01|invite|2|1|0");
	CHECK_ROW(t, 1, "2026-11-03|offer|1|0|1");
	CHECK_ROW(t, 2, "2026-11-03|invite|1|0|0");
	CHECK_ROW(t, 3, "Total||4|1|1");
	REQUIRE((t = fixture_doc_table(&d, 3)) != NULL);
	CHECK_INT(t->nrows, 3);
	CHECK_ROW(t, 0, "Вектор|1|4 000.00|1|2 500.00");
	CHECK_ROW(t, 1, "Ромашка|1|10.00|1|1 000.00");
	CHECK_ROW(t, 2, "Total|2|4 010.00|2|3 500.00");
	REQUIRE((t = fixture_doc_table(&d, 4)) != NULL);
	CHECK_ROW(t, 0, "3|2|66.7%");
	doc_free(&d);

	/* by id; a manager: their own company's figures */
	REQUIRE(db_login(db, "boris", &err) == SO_OK);
	q.program = "1";
	REQUIRE(report_program(db, &q, &d, &err) == SO_OK);
	REQUIRE((t = fixture_doc_table(&d, 3)) != NULL);
	CHECK_INT(t->nrows, 2);
	CHECK_ROW(t, 0, "Ромашка|1|10.00|1|1 000.00");
	CHECK_ROW(t, 1, "Total|1|10.00|1|1 000.00");
	CHECK_ROW(fixture_doc_table(&d, 4), 0, "1|1|100.0%");
	doc_free(&d);

	/* no start: nothing attributed, said so; an unknown program */
	q.program = "Без даты";
	REQUIRE(report_program(db, &q, &d, &err) == SO_OK);
	CHECK(fixture_doc_has_text(&d, "Nothing is attributed"));
	CHECK(fixture_doc_has_text(&d, "Nothing was mailed"));
	doc_free(&d);
	q.program = "нет такой";
	CHECK_INT(report_program(db, &q, &d, &err), SO_ENOTFOUND);
	/* none given: the one started last */
	q.program = NULL;
	REQUIRE(report_program(db, &q, &d, &err) == SO_OK);
	CHECK_ROW(fixture_doc_table(&d, 0), 0, "Program|Семинар");
	doc_free(&d);
	db_close(db);
}
