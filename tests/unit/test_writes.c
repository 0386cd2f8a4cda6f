/*
 * Program-made writes never fail on a user's rule.  With a required
 * custom field on companies (КПП), events (Итог) and deals (Договор)
 * that the records lack, the moves the program makes -- the sales path
 * after a payment, marking a call done from the agenda, logging a sent
 * message, a pipeline move, a group action on another field -- succeed
 * and change only what they should; the records stay incomplete, and
 * what a person enters is still held to the rule.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "exchange/csvimport.h"
#include "exchange/import.h"
#include "exchange/merge.h"
#include "fixture.h"
#include "harness.h"
#include "store/agenda.h"
#include "store/custom.h"
#include "store/entities.h"
#include "store/group.h"
#include "store/sales.h"
#include "store/template.h"

#define TODAY	((int64_t)FIXTURE_NOW - 9 * 3600)	/* 00:00 */
#define HOUR	3600

static void
required(struct db *db, const char *ent, const char *name,
    const char *label)
{
	struct so_err err = { 0 };

	if (custom_field_add(db, ent, name, label, "text", NULL, 1, &err) !=
	    SO_OK)
		harness_fail(__FILE__, __LINE__, "field add: %s", err.msg);
}

/* The fields the updates of record id changed, "a,b" in audit order. */
static char *
changed(struct db *db, const char *ent, int64_t id)
{
	struct strbuf b = { 0 };
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db_sqlite(db), "SELECT field FROM audit_log "
	    "WHERE entity = ?1 AND record_id = ?2 AND action = 'update' "
	    "ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return xstrdup("?");
	sqlite3_bind_text(st, 1, ent, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	while (sqlite3_step(st) == SQLITE_ROW)
		sb_printf(&b, "%s%s", b.len ? "," : "",
		    (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sb_add(&b, "");		/* "" for none, never NULL */
	return sb_steal(&b);
}

#define CHECK_CHANGED(db, ent, id, want) do {				\
	char *s_ = changed((db), (ent), (id));				\
	CHECK_STR(s_, (want));						\
	free(s_);							\
} while (0)

static long long
sql_id(struct db *db, const char *fmt, int64_t id)
{
	char *sql = xasprintf(fmt, id);
	long long v = fixture_int(db, sql);

	free(sql);
	return v;
}

/* Whether record id of ent has a value of its custom field name. */
static long long
has_value(struct db *db, const char *ent, const char *name, int64_t id)
{
	char *sql = xasprintf("SELECT count(*) FROM custom_values v JOIN "
	    "custom_fields f ON f.id = v.field_id WHERE f.entity = '%s' AND "
	    "f.name = '%s' AND v.record_id = %" PRId64, ent, name, id);
	long long v = fixture_int(db, sql);

	free(sql);
	return v;
}

TEST(test_writes_payment_moves_a_company_missing_a_required_field)
{
	struct db *db = fixture_open("w.db");
	struct payment p;
	struct so_err err = { 0 };
	int64_t co;

	REQUIRE(db != NULL);
	co = fixture_add_company(db, &(struct fixture_company){
	    .name = "ООО «Ромашка»", .city = "Казань", .status = "lead",
	    .phone = "+7 843 000-00-00" });
	REQUIRE(co > 0);
	required(db, "company", "kpp", "КПП");
	store_payment_init(&p);
	p.company_id = co;
	p.amount = 10000;
	p.paid_on = xstrdup("2026-11-20");
	CHECK_INT(store_payment_create(db, &p, &err), SO_OK);
	store_payment_clear(&p);
	CHECK_INT(sql_id(db, "SELECT status = 'customer' FROM companies "
	    "WHERE id = %" PRId64, co), 1);
	CHECK_CHANGED(db, "company", co, "status");
	CHECK_INT(sql_id(db, "SELECT version FROM companies WHERE id = %"
	    PRId64, co), 2);
	CHECK_INT(sql_id(db, "SELECT city = 'Казань' AND phone = "
	    "'+7 843 000-00-00' FROM companies WHERE id = %" PRId64, co), 1);
	CHECK_INT(has_value(db, "company", "kpp", co), 0);
	db_close(db);
}

/* An old import left a value the rules refuse now: the payment still
 * moves the company, and leaves the value as it was. */
TEST(test_writes_payment_moves_a_company_with_an_old_bad_value)
{
	struct db *db = fixture_open("w.db");
	struct payment p;
	struct so_err err = { 0 };
	int64_t co;

	REQUIRE(db != NULL);
	co = fixture_add_company(db, &(struct fixture_company){
	    .name = "Бета", .status = "prospect" });
	REQUIRE(co > 0);
	REQUIRE(sqlite3_exec(db_sqlite(db), "UPDATE companies SET email = "
	    "'not an address'", NULL, NULL, NULL) == SQLITE_OK);
	store_payment_init(&p);
	p.company_id = co;
	p.amount = 10000;
	p.paid_on = xstrdup("2026-11-20");
	CHECK_INT(store_payment_create(db, &p, &err), SO_OK);
	store_payment_clear(&p);
	CHECK_INT(sql_id(db, "SELECT status = 'customer' AND email = "
	    "'not an address' FROM companies WHERE id = %" PRId64, co), 1);
	CHECK_CHANGED(db, "company", co, "status");
	db_close(db);
}

struct world {
	struct db	*db;
	int64_t		 company, contact;
};

static int
setup(struct world *w)
{
	memset(w, 0, sizeof(*w));
	if ((w->db = fixture_open("w.db")) == NULL)
		return 0;
	w->company = fixture_add_company(w->db, &(struct fixture_company){
	    .name = "ООО «Ромашка»" });
	w->contact = fixture_add_contact(w->db, &(struct fixture_contact){
	    .last = "Иванова", .first = "Анна", .email = "anna@example.ru",
	    .company = w->company });
	return w->company > 0 && w->contact > 0;
}

static void
load(struct world *w, struct agenda *a)
{
	struct agenda_query q = { .now = FIXTURE_NOW, .from = TODAY,
	    .days = 1, .user_id = db_user_id(w->db), .overdue = 1 };
	struct so_err err = { 0 };

	if (agenda_load(w->db, &q, a, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "agenda: %s", err.msg);
}

TEST(test_writes_agenda_done_on_an_event_missing_a_required_field)
{
	struct so_err err = { 0 };
	struct world w;
	struct agenda a;
	int64_t id, done = 0, next = 0, result;

	REQUIRE(setup(&w));
	id = fixture_add_event(w.db, &(struct fixture_event){
	    .subject = "call Ivanova", .at = TODAY + 10 * HOUR,
	    .end = TODAY + 10 * HOUR + 1800, .company = w.company,
	    .contact = w.contact, .assignee = db_user_id(w.db) });
	REQUIRE(id > 0);
	required(w.db, "event", "itog", "Итог");
	result = fixture_code_id(w.db, LOOKUP_EVENT_RESULTS, "callback");
	load(&w, &a);
	REQUIRE(a.n == 1);
	CHECK_INT(agenda_done(w.db, &a.v[0], result, "call on Friday", &done,
	    NULL, &err), SO_OK);
	CHECK_INT(done, id);
	CHECK_CHANGED(w.db, "event", id, "status,result_id,result_comment");
	CHECK_INT(sql_id(w.db, "SELECT status = 'done' AND subject = "
	    "'call Ivanova' AND start_at = %" PRId64 " FROM events",
	    TODAY + 10 * HOUR), 1);
	CHECK_INT(has_value(w.db, "event", "itog", id), 0);
	/* the next call the program plans from it */
	CHECK_INT(agenda_plan_next(w.db, &a.v[0], TODAY + 34 * HOUR, &next,
	    NULL, &err), SO_OK);
	CHECK(next > 0 && next != id);
	CHECK_INT(has_value(w.db, "event", "itog", next), 0);
	agenda_free(&a);
	db_close(w.db);
}

/* An occurrence of a series done: a done event of its own, which the
 * program makes. */
TEST(test_writes_agenda_done_on_a_series_missing_a_required_field)
{
	struct so_err err = { 0 };
	struct world w;
	struct agenda a;
	int64_t id, done = 0;

	REQUIRE(setup(&w));
	id = fixture_add_event(w.db, &(struct fixture_event){
	    .subject = "stand-up", .at = TODAY - 7 * 86400 + 9 * HOUR + 1800,
	    .rrule = "FREQ=DAILY", .assignee = db_user_id(w.db) });
	REQUIRE(id > 0);
	required(w.db, "event", "itog", "Итог");
	load(&w, &a);
	REQUIRE(a.n == 1);
	CHECK_INT(agenda_done(w.db, &a.v[0], 0, "short one", &done, NULL,
	    &err), SO_OK);
	CHECK(done > 0 && done != id);
	CHECK_INT(sql_id(w.db, "SELECT count(*) FROM events WHERE id = %"
	    PRId64 " AND status = 'done' AND subject = 'stand-up'", done), 1);
	/* the series: only the exception that takes the occurrence out */
	CHECK_CHANGED(w.db, "event", id, "exception");
	agenda_free(&a);
	db_close(w.db);
}

TEST(test_writes_merge_logs_a_message_despite_a_required_event_field)
{
	struct so_err err = { 0 };
	struct template t = { 0 };
	struct world w;
	struct merge *m;
	struct contact c;
	struct event ev;

	REQUIRE(setup(&w));
	required(w.db, "event", "itog", "Итог");
	memset(&c, 0, sizeof(c));
	REQUIRE(store_contact_get(w.db, w.contact, &c, &err) == SO_OK);
	t.name = "offer";
	t.subject = "";
	t.body = "";
	REQUIRE(merge_compile(&t, &m, &err) == SO_OK);
	/* what merge --send does for each message: check, send, log */
	CHECK_INT(merge_event(w.db, m, &c, "Предложение", "anna@example.ru",
	    &ev, &err), SO_OK);
	CHECK_INT(store_event_create(w.db, &ev, &err), SO_OK);
	CHECK(ev.meta.id > 0);
	CHECK_INT(sql_id(w.db, "SELECT count(*) FROM events WHERE id = %"
	    PRId64 " AND status = 'done' AND subject = 'Предложение'",
	    ev.meta.id), 1);
	CHECK_INT(has_value(w.db, "event", "itog", ev.meta.id), 0);
	store_event_clear(&ev);
	merge_free(m);
	store_contact_clear(&c);
	db_close(w.db);
}

TEST(test_writes_pipeline_moves_a_deal_missing_a_required_field)
{
	struct db *db = fixture_open("w.db");
	struct so_err err = { 0 };
	int64_t id;

	REQUIRE(db != NULL);
	id = fixture_add_deal(db, &(struct fixture_deal){ .title = "Станки",
	    .stage = "proposal_sent", .amount = 100000 });
	REQUIRE(id > 0);
	required(db, "deal", "contract", "Договор");
	CHECK_INT(deal_move(db, id, +1, NULL, &err), SO_OK);
	CHECK_INT(sql_id(db, "SELECT s.code = 'negotiation' FROM deals d "
	    "JOIN deal_stages s ON s.id = d.stage_id WHERE d.id = %" PRId64,
	    id), 1);
	CHECK_CHANGED(db, "deal", id, "stage_id");
	CHECK_INT(deal_set_stage(db, id, "won", NULL, &err), SO_OK);
	CHECK_CHANGED(db, "deal", id, "stage_id,stage_id,closed_on");
	CHECK_INT(sql_id(db, "SELECT amount = 100000 AND title = 'Станки' "
	    "FROM deals WHERE id = %" PRId64, id), 1);
	CHECK_INT(has_value(db, "deal", "contract", id), 0);
	db_close(db);
}

TEST(test_writes_group_action_on_another_field_of_incomplete_records)
{
	struct db *db = fixture_open("w.db");
	struct list_query q = { .sort = -1 };
	struct so_err err = { 0 };
	int64_t a, b, n = 0;

	REQUIRE(db != NULL);
	a = fixture_add_company(db, &(struct fixture_company){
	    .name = "Альфа", .city = "Казань" });
	b = fixture_add_company(db, &(struct fixture_company){
	    .name = "Бета", .city = "Омск" });
	REQUIRE(a > 0 && b > 0);
	required(db, "company", "kpp", "КПП");
	CHECK_INT(group_set(db, &entity_company, &q, "category", "VIP",
	    FIXTURE_NOW, &n, &err), SO_OK);
	CHECK_INT(n, 2);
	CHECK_CHANGED(db, "company", a, "category");
	CHECK_CHANGED(db, "company", b, "category");
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies WHERE "
	    "category = 'VIP' AND version = 2"), 2);
	db_close(db);
}

/* A group action that fails says on which record. */
TEST(test_writes_group_action_that_fails_names_the_record)
{
	struct db *db = fixture_open("w.db");
	struct list_query q = { .sort = -1 };
	struct so_err err = { 0 };
	int64_t a, n = 0;

	REQUIRE(db != NULL);
	a = fixture_add_company(db, &(struct fixture_company){
	    .name = "Альфа" });
	REQUIRE(a > 0);
	CHECK_INT(group_set(db, &entity_company, &q, "email", "not an address",
	    FIXTURE_NOW, &n, &err), SO_EINVAL);
	CHECK(strstr(err.msg, "Альфа") != NULL);
	CHECK(strstr(err.msg, "#1") != NULL);
	CHECK(strstr(err.msg, "E-mail") != NULL);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "action = 'update'"), 0);
	db_close(db);
}

static int
import(struct db *db, const char *ent, const char *text,
    const struct import_opts *o, struct import_stats *st, struct so_err *err)
{
	return csv_import_mem(db, entity_find(ent), "t.csv", text,
	    strlen(text), o, st, err);
}

/* The headline case: payments imported from a file move their companies,
 * which lack a required field. */
TEST(test_writes_imported_payment_moves_a_company_missing_a_required_field)
{
	struct db *db = fixture_open("w.db");
	struct import_opts o = { 0 };
	struct import_stats st;
	struct so_err err = { 0 };
	int64_t co;

	REQUIRE(db != NULL);
	co = fixture_add_company(db, &(struct fixture_company){
	    .name = "Ромашка", .status = "lead" });
	REQUIRE(co > 0);
	required(db, "company", "kpp", "КПП");
	CHECK_INT(import(db, "payments", "company_id;amount;paid_on\n"
	    "Ромашка;1000;2026-11-20\n", &o, &st, &err), SO_OK);
	CHECK_INT(st.imported, 1);
	CHECK_INT(sql_id(db, "SELECT status = 'customer' FROM companies "
	    "WHERE id = %" PRId64, co), 1);
	CHECK_CHANGED(db, "company", co, "status");
	db_close(db);
}

/* A company an import creates by name (--create-missing) is the
 * program's: it is made without the required field, incomplete. */
TEST(test_writes_import_creates_a_missing_company_without_a_required_field)
{
	struct db *db = fixture_open("w.db");
	struct import_opts o = { .create_missing = 1 };
	struct import_stats st;
	struct so_err err = { 0 };

	REQUIRE(db != NULL);
	required(db, "company", "kpp", "КПП");
	CHECK_INT(import(db, "contacts", "Фамилия;Имя;Компания\n"
	    "Петров;Пётр;Лютик\n", &o, &st, &err), SO_OK);
	CHECK_INT(st.imported, 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM contacts c JOIN "
	    "companies o ON o.id = c.company_id WHERE o.name = 'Лютик'"), 1);
	/* a company typed in a file is a person's: its КПП is asked for */
	CHECK_INT(import(db, "companies", "name\nЛандыш\n", &o, &st, &err),
	    SO_EINVAL);
	CHECK(strstr(err.msg, "field kpp (no column): required") != NULL);
	db_close(db);
}

/* An import updating a duplicate is judged on the cells it changes: an
 * e-mail an old import let through does not refuse a website. */
TEST(test_writes_import_update_judged_on_the_cells_it_changes)
{
	struct db *db = fixture_open("w.db");
	struct import_opts o = { .on_duplicate = DUP_UPDATE };
	struct import_stats st;
	struct so_err err = { 0 };
	int64_t co;

	REQUIRE(db != NULL);
	co = fixture_add_company(db, &(struct fixture_company){
	    .name = "Ромашка", .city = "Москва" });
	REQUIRE(co > 0);
	REQUIRE(sqlite3_exec(db_sqlite(db), "UPDATE companies SET email = "
	    "'not an address'", NULL, NULL, NULL) == SQLITE_OK);
	CHECK_INT(import(db, "companies", "name;city;website\n"
	    "Ромашка;Москва;romashka.ru\n", &o, &st, &err), SO_OK);
	CHECK_INT(st.updated, 1);
	CHECK_CHANGED(db, "company", co, "website");
	/* a bad value it brings is still refused */
	CHECK_INT(import(db, "companies", "name;city;phone\n"
	    "Ромашка;Москва;@@\n", &o, &st, &err), SO_EINVAL);
	/* a required field the file has no column for: the rows that
	 * update a company go in, a new company is refused */
	required(db, "company", "kpp", "КПП");
	CHECK_INT(import(db, "companies", "name;city;phone\n"
	    "Ромашка;Москва;+7 495 123-45-67\n", &o, &st, &err), SO_OK);
	CHECK_INT(st.updated, 1);
	CHECK_CHANGED(db, "company", co, "website,phone");
	o.on_duplicate = DUP_SKIP;
	CHECK_INT(import(db, "companies", "name;city;phone\n"
	    "Ромашка;Москва;+7 495 000-00-00\n", &o, &st, &err), SO_OK);
	CHECK_INT(st.duplicates, 1);
	CHECK_INT(import(db, "companies", "name;city\nЛютик;Тверь\n", &o,
	    &st, &err), SO_EINVAL);
	CHECK(strstr(err.msg, "kpp") != NULL);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies"), 1);
	db_close(db);
}
