/*
 * Each card file's own rules (company.c, contact.c, event.c, deal.c,
 * payment.c ...: the entities.h module), beyond what the record engine
 * does for all of them (test_record.c): a contact's job history, an
 * event's UID, type and assignee, a deal's first stage and a payment's
 * date.
 */
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "store/entities.h"
#include "store/users.h"

TEST(test_contact_company_change_keeps_job_history)
{
	struct db *db = fixture_open("t.db");
	struct contact p;
	struct contact_job *jobs;
	struct so_err err;
	int64_t a, b;
	size_t n;

	REQUIRE(db != NULL);
	a = fixture_add_company(db, &(struct fixture_company){
	    .name = "Ромашка" });
	b = fixture_add_company(db, &(struct fixture_company){
	    .name = "Лютик" });
	store_contact_init(&p);
	p.last_name = xstrdup("Иванова");
	p.position = xstrdup("менеджер");
	p.company_id = a;
	REQUIRE(store_contact_create(db, &p, &err) == SO_OK);
	db_set_now(db, FIXTURE_NOW + 86400);
	p.company_id = b;
	free(p.position);
	p.position = xstrdup("директор");
	CHECK_INT(store_contact_update(db, &p, &err), SO_OK);
	CHECK_INT(store_contact_jobs(db, p.meta.id, &jobs, &n, &err), SO_OK);
	REQUIRE(n == 2);
	CHECK_STR(jobs[0].company, "Ромашка");
	CHECK_STR(jobs[0].position, "менеджер");
	CHECK_INT(jobs[0].ended_at, FIXTURE_NOW + 86400);
	CHECK_STR(jobs[1].company, "Лютик");
	CHECK_STR(jobs[1].position, "директор");
	CHECK_INT(jobs[1].ended_at, 0);
	store_contact_jobs_free(jobs, n);
	store_contact_clear(&p);
	db_close(db);
}

/* A local day's start, as the Jobs section enters a date. */
static int64_t
day(const char *ymd)
{
	return (int64_t)dt_date_start(ymd, 0);
}

/*
 * A job history entered by hand: a past job with its dates goes in the
 * contact's Jobs (oldest first) and the company's former staff, and in
 * the contact's history; one without an end, ending before it starts or
 * after today is refused naming the field; the current job keeps its
 * company (the contact's Company) but takes a position and a start; a
 * past job is changed and removed, the current one is not removed.
 */
TEST(test_contact_past_job_entered_by_hand)
{
	struct db *db = fixture_open("jobs.db");
	struct contact_job *jobs, j;
	struct former_employee *f;
	struct so_err err;
	int64_t a, b, p;
	size_t n, nf;

	REQUIRE(db != NULL);
	a = fixture_add_company(db, &(struct fixture_company){
	    .name = "Ромашка" });
	b = fixture_add_company(db, &(struct fixture_company){
	    .name = "Рога и копыта" });
	p = fixture_add_contact(db, &(struct fixture_contact){
	    .last = "Иванова", .position = "директор", .company = a });
	REQUIRE(p > 0);
	memset(&j, 0, sizeof(j));
	j.company_id = b;
	j.position = "бухгалтер";
	j.started_at = day("2015-03-01");
	/* no end: the current job is the contact's Company */
	CHECK_INT(store_contact_job_save(db, p, &j, &err), SO_EINVAL);
	CHECK_STR(err.field, "ended_at");
	j.ended_at = day("2014-06-30");
	CHECK_INT(store_contact_job_save(db, p, &j, &err), SO_EINVAL);
	CHECK_STR(err.field, "ended_at");
	CHECK(strstr(err.msg, "2014-06-30") && strstr(err.msg, "2015-03-01"));
	/* FIXTURE_NOW is 2026-11-23: a job ending tomorrow is no past */
	j.ended_at = day("2026-11-24");
	CHECK_INT(store_contact_job_save(db, p, &j, &err), SO_EINVAL);
	CHECK_STR(err.field, "ended_at");
	j.ended_at = day("2019-06-30");
	j.company_id = 0;
	CHECK_INT(store_contact_job_save(db, p, &j, &err), SO_EINVAL);
	CHECK_STR(err.field, "company_id");
	j.company_id = b;
	CHECK_INT(store_contact_job_save(db, p, &j, &err), SO_OK);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'contact' AND field = 'job' AND new_value = "
	    "'Рога и копыта, бухгалтер, 2015-03-01 - 2019-06-30'"), 1);

	REQUIRE(store_contact_jobs(db, p, &jobs, &n, &err) == SO_OK);
	REQUIRE(n == 2);
	CHECK_STR(jobs[0].company, "Рога и копыта");
	CHECK_INT(jobs[0].started_at, day("2015-03-01"));
	CHECK_INT(jobs[0].ended_at, day("2019-06-30"));
	CHECK_STR(jobs[1].company, "Ромашка");
	CHECK_INT(jobs[1].ended_at, 0);
	j = jobs[0];
	j.position = "главный бухгалтер";
	j.started_at = day("2016-01-11");
	CHECK_INT(store_contact_job_save(db, p, &j, &err), SO_OK);
	/* the current job: its company stays, its start moves */
	j = jobs[1];
	j.company_id = b;
	CHECK_INT(store_contact_job_save(db, p, &j, &err), SO_EINVAL);
	CHECK_STR(err.field, "company_id");
	j.company_id = a;
	j.ended_at = day("2026-01-01");
	CHECK_INT(store_contact_job_save(db, p, &j, &err), SO_EINVAL);
	CHECK_STR(err.field, "ended_at");
	j.ended_at = 0;
	j.started_at = day("2019-07-01");
	CHECK_INT(store_contact_job_save(db, p, &j, &err), SO_OK);
	CHECK_INT(store_contact_job_delete(db, p, jobs[1].id, &err),
	    SO_EINVAL);
	store_contact_jobs_free(jobs, n);

	REQUIRE(store_contact_jobs(db, p, &jobs, &n, &err) == SO_OK);
	REQUIRE(n == 2);
	CHECK_STR(jobs[0].position, "главный бухгалтер");
	CHECK_INT(jobs[0].started_at, day("2016-01-11"));
	CHECK_INT(jobs[1].started_at, day("2019-07-01"));
	CHECK_STR(jobs[1].company, "Ромашка");
	REQUIRE(store_company_former(db, b, &f, &nf, &err) == SO_OK);
	REQUIRE(nf == 1);
	CHECK_STR(f[0].name, "Иванова");
	CHECK_STR(f[0].position, "главный бухгалтер");
	CHECK_INT(f[0].started_at, day("2016-01-11"));
	CHECK_INT(f[0].ended_at, day("2019-06-30"));
	store_company_former_free(f, nf);
	CHECK_INT(store_contact_job_delete(db, p, jobs[0].id, &err), SO_OK);
	store_contact_jobs_free(jobs, n);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM contact_jobs"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "field = 'job'"), 4);
	db_close(db);
}

/* A manager enters no job in a colleague's contact's history. */
TEST(test_contact_job_refused_on_a_colleagues_contact)
{
	struct db *db = fixture_open("jobs-acl.db");
	struct contact_job j = { 0 };
	struct so_err err;
	int64_t a, p;

	REQUIRE(db != NULL);
	fixture_user(db, "boris", ROLE_MANAGER);
	fixture_user(db, "vera", ROLE_MANAGER);
	REQUIRE(db_login(db, "vera", &err) == SO_OK);
	a = fixture_add_company(db, &(struct fixture_company){
	    .name = "Верины двери" });
	p = fixture_add_contact(db, &(struct fixture_contact){
	    .last = "Петров", .company = a });
	REQUIRE(p > 0);
	REQUIRE(db_login(db, "boris", &err) == SO_OK);
	j.company_id = a;
	j.started_at = day("2015-03-01");
	j.ended_at = day("2019-06-30");
	CHECK_INT(store_contact_job_save(db, p, &j, &err), SO_EPERM);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM contact_jobs"), 1);
	db_close(db);
}

TEST(test_event_gets_uid_type_and_assignee_and_rejects_end_before_start)
{
	struct db *db = fixture_open("t.db");
	struct event e, f;
	struct so_err err;

	REQUIRE(db != NULL);
	store_event_init(&e);
	e.subject = xstrdup("Позвонить");
	e.start_at = FIXTURE_NOW + 3600;
	REQUIRE(store_event_create(db, &e, &err) == SO_OK);
	CHECK(e.uid != NULL && strstr(e.uid, "@salesorg") != NULL);
	CHECK_INT(e.assignee_id, db_user_id(db));
	CHECK_INT(e.type_id, fixture_int(db, "SELECT id FROM event_types "
	    "WHERE code = 'call'"));
	store_event_init(&f);
	f.subject = xstrdup("Встреча");
	f.start_at = FIXTURE_NOW + 3600;
	CHECK_INT(store_event_create(db, &f, &err), SO_OK);
	CHECK(strcmp(e.uid, f.uid) != 0);
	f.end_at = FIXTURE_NOW;
	CHECK_INT(store_event_update(db, &f, &err), SO_EINVAL);
	CHECK_STR(err.field, "end_at");
	store_event_clear(&e);
	store_event_clear(&f);
	db_close(db);
}

TEST(test_deal_starts_at_first_stage_payment_defaults_to_today)
{
	struct db *db = fixture_open("t.db");
	struct deal d;
	struct payment p;
	struct so_err err;
	char *s;

	REQUIRE(db != NULL);
	store_deal_init(&d);
	d.title = xstrdup("Поставка");
	REQUIRE(store_deal_create(db, &d, &err) == SO_OK);
	CHECK_INT(d.stage_id, fixture_int(db, "SELECT id FROM deal_stages "
	    "WHERE code = 'first_contact'"));
	store_payment_init(&p);
	p.company_id = fixture_add_company(db, &(struct fixture_company){
	    .name = "Ромашка" });
	CHECK_INT(field_parse(&entity_payment, entity_field(&entity_payment,
	    "amount"), &p, "1 234,50", FIXTURE_NOW, &err), SO_OK);
	CHECK_INT(p.amount, 123450);
	REQUIRE(store_payment_create(db, &p, &err) == SO_OK);
	CHECK_STR(p.paid_on, "2026-11-23");
	s = field_format(&entity_payment, entity_field(&entity_payment,
	    "amount"), &p);
	CHECK_STR(s, "1234.50");
	free(s);
	store_deal_clear(&d);
	store_payment_clear(&p);
	db_close(db);
}

/*
 * The free text people write in paragraphs is multi-line (FT_MEMO: a
 * text area in the form, paragraphs on the card, newlines kept by
 * field_parse and allowed by field_validate): notes, comments,
 * descriptions, a deal's terms, an event's result comment and next
 * steps.
 */
TEST(test_free_text_fields_are_multi_line)
{
	static const char *const memos[][2] = {
		{ "note", "body" }, { "company", "comment" },
		{ "contact", "comment" }, { "payment", "comment" },
		{ "task", "description" }, { "event", "description" },
		{ "link", "description" }, { "program", "description" },
		{ "deal", "terms" }, { "event", "result_comment" },
		{ "event", "our_actions" }, { "event", "client_actions" },
	};
	const struct entity *e;
	struct so_err err;
	struct note n;
	size_t i;
	int fi;

	for (i = 0; i < sizeof(memos) / sizeof(memos[0]); i++) {
		e = entity_find(memos[i][0]);
		REQUIRE(e != NULL);
		fi = entity_field(e, memos[i][1]);
		REQUIRE(fi >= 0);
		if (e->fields[fi].type != FT_MEMO)
			harness_fail(__FILE__, __LINE__, "%s.%s is not FT_MEMO",
			    memos[i][0], memos[i][1]);
	}
	/* lines and their blanks kept as typed */
	store_note_init(&n);
	fi = entity_field(&entity_note, "body");
	CHECK_INT(field_parse(&entity_note, fi, &n, "first \nsecond", 0,
	    &err), SO_OK);
	CHECK_STR(n.body, "first \nsecond");
	CHECK_INT(field_validate(&entity_note, fi, &n, &err), SO_OK);
	store_note_clear(&n);
}
