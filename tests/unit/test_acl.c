/*
 * Roles, called on the store directly: whatever the TUI hides, the
 * record engine refuses a manager's write to a colleague's record, lets
 * a head reassign (and audits it), and exports hand a manager only
 * their own rows.  Reads likewise: a manager sees every title, reads
 * and takes only their own (acl_reach), and the queries behind the
 * agenda, the reports, the log and the search hold to it themselves.
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include "base/util.h"
#include "doc/doc.h"
#include "fixture.h"
#include "harness.h"
#include "report/report.h"
#include "store/acl.h"
#include "store/agenda.h"
#include "store/audit.h"
#include "store/backup.h"
#include "store/entities.h"
#include "store/group.h"
#include "store/record.h"
#include "store/report_meeting.h"
#include "store/search.h"
#include "store/settings.h"
#include "store/template.h"
#include "store/users.h"

/* anna the admin; boris and vera managers; gleb the head of sales. */
struct team {
	struct db	*db;
	int64_t		 boris, vera, gleb;
	int64_t		 c_boris, c_vera, c_free;	/* companies */
};

static int64_t
uid(struct db *db, const char *login)
{
	int64_t id = 0;

	store_user_id(db, login, &id, NULL);
	return id;
}

static int64_t
company(struct db *db, const char *name, int64_t manager)
{
	return fixture_add_company(db, &(struct fixture_company){
	    .name = name, .manager = manager });
}

static int
as(struct db *db, const char *login)
{
	struct so_err err;

	return db_login(db, login, &err) == SO_OK;
}

static int
setup(struct team *t)
{
	if ((t->db = fixture_open("acl.db")) == NULL)
		return 0;
	fixture_user(t->db, "boris", ROLE_MANAGER);
	fixture_user(t->db, "vera", ROLE_MANAGER);
	fixture_user(t->db, "gleb", ROLE_HEAD);
	t->boris = uid(t->db, "boris");
	t->vera = uid(t->db, "vera");
	t->gleb = uid(t->db, "gleb");
	t->c_boris = company(t->db, "ООО Борисовы окна", t->boris);
	t->c_vera = company(t->db, "ООО Верины двери", t->vera);
	/* nobody's: made by raw SQL, as an old import left them */
	db_exec(t->db, "INSERT INTO companies (name, created_at, updated_at) "
	    "VALUES ('ИП Ничей', 0, 0)", NULL);
	t->c_free = sqlite3_last_insert_rowid(db_sqlite(t->db));
	fixture_reindex(t->db);
	return t->boris && t->vera && t->gleb;
}

/* Sets the city of company id as the current user; returns the code. */
static int
set_city(struct db *db, int64_t id, const char *city, struct so_err *err)
{
	struct company c;
	int code;

	if ((code = store_company_get(db, id, &c, err)) != SO_OK)
		return code;
	free(c.city);
	c.city = xstrdup(city);
	code = store_company_update(db, &c, err);
	store_company_clear(&c);
	return code;
}

TEST(test_manager_edits_own_and_unassigned_not_a_colleagues)
{
	struct team t;
	struct so_err err;
	long long audit;

	REQUIRE(setup(&t));
	REQUIRE(as(t.db, "boris"));
	audit = fixture_int(t.db, "SELECT count(*) FROM audit_log");
	CHECK_INT(set_city(t.db, t.c_vera, "Казань", &err), SO_EPERM);
	CHECK(strstr(err.msg, "Верины двери") != NULL);
	CHECK(strstr(err.msg, "is vera's") != NULL);
	CHECK(strstr(err.msg, "only vera or a head of sales") != NULL);
	/* nothing written, nothing audited */
	CHECK_INT(fixture_int(t.db, "SELECT count(*) FROM companies WHERE "
	    "city = 'Казань'"), 0);
	CHECK_INT(fixture_int(t.db, "SELECT count(*) FROM audit_log"), audit);
	CHECK_INT(store_company_delete(t.db, t.c_vera, &err), SO_EPERM);
	CHECK_INT(fixture_int(t.db, "SELECT count(*) FROM companies WHERE "
	    "deleted_at IS NOT NULL"), 0);
	/* his own and nobody's are his to edit */
	CHECK_INT(set_city(t.db, t.c_boris, "Казань", &err), SO_OK);
	CHECK_INT(set_city(t.db, t.c_free, "Казань", &err), SO_OK);
	CHECK_INT(store_company_delete(t.db, t.c_boris, &err), SO_OK);
	CHECK_INT(store_company_restore(t.db, t.c_boris, &err), SO_OK);
	/* the unassigned company stays unassigned after an edit */
	CHECK_INT(fixture_int(t.db, "SELECT count(*) FROM companies WHERE "
	    "manager_id IS NULL"), 1);
	/* vera may not restore what boris... nor delete his */
	REQUIRE(as(t.db, "vera"));
	CHECK_INT(store_company_delete(t.db, t.c_boris, &err), SO_EPERM);
	db_close(t.db);
}

TEST(test_manager_may_not_give_away_or_add_to_a_colleagues_client)
{
	struct team t;
	struct so_err err;
	struct company c;
	struct note n;
	struct event e;

	REQUIRE(setup(&t));
	REQUIRE(as(t.db, "boris"));
	/* giving his own company to vera is a reassignment */
	REQUIRE(store_company_get(t.db, t.c_boris, &c, &err) == SO_OK);
	c.manager_id = t.vera;
	CHECK_INT(store_company_update(t.db, &c, &err), SO_EPERM);
	CHECK(strstr(err.msg, "only a head of sales may give") != NULL);
	store_company_clear(&c);
	/* claiming nobody's is fine */
	REQUIRE(store_company_get(t.db, t.c_free, &c, &err) == SO_OK);
	c.manager_id = t.boris;
	CHECK_INT(store_company_update(t.db, &c, &err), SO_OK);
	store_company_clear(&c);
	/* a note on vera's company would be vera's */
	store_note_init(&n);
	n.title = xstrdup("Позвонить");
	n.company_id = t.c_vera;
	CHECK_INT(store_note_create(t.db, &n, &err), SO_EPERM);
	CHECK(strstr(err.msg, "would be vera's") != NULL);
	n.company_id = t.c_boris;
	CHECK_INT(store_note_create(t.db, &n, &err), SO_OK);
	store_note_clear(&n);
	/* an event assigned to vera */
	store_event_init(&e);
	e.subject = xstrdup("Встреча");
	e.start_at = FIXTURE_NOW + 3600;
	e.assignee_id = t.vera;
	e.company_id = t.c_boris;
	CHECK_INT(store_event_create(t.db, &e, &err), SO_EPERM);
	/* his own call to her client is his */
	e.assignee_id = t.boris;
	e.company_id = t.c_vera;
	CHECK_INT(store_event_create(t.db, &e, &err), SO_OK);
	store_event_clear(&e);
	CHECK_INT(fixture_int(t.db, "SELECT count(*) FROM notes"), 1);
	CHECK_INT(fixture_int(t.db, "SELECT count(*) FROM events"), 1);
	db_close(t.db);
}

TEST(test_contact_without_manager_belongs_to_its_companys)
{
	struct team t;
	struct so_err err;
	struct contact c;
	int64_t id;
	char *why;

	REQUIRE(setup(&t));
	REQUIRE(as(t.db, "vera"));
	store_contact_init(&c);
	c.last_name = xstrdup("Смирнова");
	c.company_id = t.c_vera;
	REQUIRE(store_contact_create(t.db, &c, &err) == SO_OK);
	id = c.meta.id;
	store_contact_clear(&c);
	/* the contact's own manager cleared: its company's decides */
	db_exec(t.db, "UPDATE contacts SET manager_id = NULL", NULL);
	REQUIRE(as(t.db, "boris"));
	REQUIRE(store_contact_get(t.db, id, &c, &err) == SO_OK);
	CHECK_INT(acl_owner(t.db, &entity_contact, &c), t.vera);
	CHECK(!acl_may_edit(t.db, &entity_contact, &c));
	/* the words for a message line: no file name in front */
	why = acl_refusal(t.db, &entity_contact, &c, &c);
	CHECK(why != NULL && strncmp(why, "Contact #", 9) == 0);
	CHECK(why != NULL && strstr(why, "is vera's") != NULL);
	free(why);
	free(c.first_name);
	c.first_name = xstrdup("Ольга");
	CHECK_INT(store_contact_update(t.db, &c, &err), SO_EPERM);
	store_contact_clear(&c);
	db_close(t.db);
}

TEST(test_head_reassigns_and_the_log_has_it)
{
	struct team t;
	struct so_err err;
	struct company c;

	REQUIRE(setup(&t));
	REQUIRE(as(t.db, "gleb"));
	REQUIRE(store_company_get(t.db, t.c_boris, &c, &err) == SO_OK);
	c.manager_id = t.vera;
	CHECK_INT(store_company_update(t.db, &c, &err), SO_OK);
	store_company_clear(&c);
	CHECK_INT(store_company_delete(t.db, t.c_free, &err), SO_OK);
	CHECK_INT(fixture_int(t.db, "SELECT count(*) FROM audit_log a JOIN "
	    "users u ON u.id = a.user_id WHERE u.login = 'gleb' AND "
	    "a.entity = 'company' AND a.field = 'manager_id' AND "
	    "a.old_value = (SELECT id FROM users WHERE login = 'boris') AND "
	    "a.new_value = (SELECT id FROM users WHERE login = 'vera')"), 1);
	CHECK_INT(fixture_int(t.db, "SELECT count(*) FROM audit_log a JOIN "
	    "users u ON u.id = a.user_id WHERE u.login = 'gleb' AND "
	    "a.action = 'delete'"), 1);
	/* now it is vera's, and boris may not touch it */
	REQUIRE(as(t.db, "boris"));
	CHECK_INT(set_city(t.db, t.c_boris, "Уфа", &err), SO_EPERM);
	db_close(t.db);
}

TEST(test_group_edit_over_a_colleagues_rows_changes_nothing)
{
	struct team t;
	struct so_err err;
	struct list_query q = { .sort = -1 };
	int64_t changed = 0;

	REQUIRE(setup(&t));
	REQUIRE(as(t.db, "boris"));
	CHECK_INT(group_set(t.db, &entity_company, &q, "city", "Тула",
	    FIXTURE_NOW, &changed, &err), SO_EPERM);
	CHECK_INT(fixture_int(t.db, "SELECT count(*) FROM companies WHERE "
	    "city = 'Тула'"), 0);
	/* and a manager reassigning his own rows to vera: refused too */
	q.mine = t.boris;
	CHECK_INT(group_set(t.db, &entity_company, &q, "manager_id", "vera",
	    FIXTURE_NOW, &changed, &err), SO_EPERM);
	CHECK_INT(fixture_int(t.db, "SELECT manager_id FROM companies WHERE "
	    "id = (SELECT min(id) FROM companies)"), t.boris);
	CHECK_INT(group_set(t.db, &entity_company, &q, "city", "Тула",
	    FIXTURE_NOW, &changed, &err), SO_OK);
	CHECK_INT(changed, 1);
	db_close(t.db);
}

/* Ids a list query gives, as "1,3". */
static char *
listed(struct db *db, const struct entity *ent, int64_t mine)
{
	struct list_query q = { .sort = -1, .mine = mine };
	struct rec_list l = { 0 };
	struct strbuf b = { 0 };
	struct so_err err;
	size_t i;

	if (rec_list(db, ent, &q, LIST_FIRST, NULL, 100, &l, &err) != SO_OK)
		return xstrdup(err.msg);
	for (i = 0; i < l.n; i++)
		sb_printf(&b, "%s%lld", i ? "," : "",
		    (long long)rec_meta(rec_list_at(&l, i))->id);
	rec_list_free(&l);
	return b.s ? b.s : xstrdup("");
}

TEST(test_export_gives_a_manager_only_his_own)
{
	struct team t;
	struct so_err err;
	struct note n;
	char *s, want[64];

	REQUIRE(setup(&t));
	/* notes on each company, by the head */
	REQUIRE(as(t.db, "gleb"));
	store_note_init(&n);
	n.title = xstrdup("a");
	n.company_id = t.c_boris;
	REQUIRE(store_note_create(t.db, &n, &err) == SO_OK);
	n.meta.id = 0;
	n.company_id = t.c_vera;
	REQUIRE(store_note_create(t.db, &n, &err) == SO_OK);
	store_note_clear(&n);
	CHECK_INT(acl_export_owner(t.db), 0);
	s = listed(t.db, &entity_company, acl_export_owner(t.db));
	/* by name: ИП before ООО */
	snprintf(want, sizeof(want), "%lld,%lld,%lld", (long long)t.c_free,
	    (long long)t.c_boris, (long long)t.c_vera);
	CHECK_STR(s, want);
	free(s);
	REQUIRE(as(t.db, "boris"));
	CHECK_INT(acl_export_owner(t.db), t.boris);
	s = listed(t.db, &entity_company, acl_export_owner(t.db));
	snprintf(want, sizeof(want), "%lld", (long long)t.c_boris);
	CHECK_STR(s, want);
	free(s);
	/* a note is its company's */
	s = listed(t.db, &entity_note, acl_export_owner(t.db));
	CHECK_STR(s, "1");
	free(s);
	db_close(t.db);
}

TEST(test_department_reports_backup_and_admin_things_need_the_role)
{
	struct team t;
	struct so_err err;
	struct report_query q = { .all = 1 };
	struct doc d;

	REQUIRE(setup(&t));
	snprintf(q.from, sizeof(q.from), "2026-11-23");
	snprintf(q.to, sizeof(q.to), "2026-11-23");
	q.now = FIXTURE_NOW;
	REQUIRE(as(t.db, "boris"));
	CHECK_INT(report_activity(t.db, &q, &d, &err), SO_EPERM);
	CHECK(strstr(err.msg, "only a head of sales or an administrator may "
	    "run reports of the whole department") != NULL);
	q.all = 0;
	q.user_id = t.vera;
	CHECK_INT(report_journal(t.db, &q, &d, &err), SO_EPERM);
	q.user_id = t.boris;
	CHECK_INT(report_journal(t.db, &q, &d, &err), SO_OK);
	doc_free(&d);
	CHECK_INT(backup_db(t.db, harness_path("copy.db"), &err), SO_EPERM);
	REQUIRE(as(t.db, "gleb"));
	q.all = 1;
	q.user_id = 0;
	CHECK_INT(report_activity(t.db, &q, &d, &err), SO_OK);
	doc_free(&d);
	CHECK_INT(backup_db(t.db, harness_path("copy.db"), &err), SO_OK);
	/* a head is not an administrator */
	CHECK_INT(settings_lookup_put(t.db, LOOKUP_EVENT_TYPES, "visit",
	    "Визит", &err), SO_EPERM);
	CHECK_INT(settings_set_flag(t.db, "agenda.startup", 0, 1, &err),
	    SO_EPERM);
	CHECK_INT(store_user_add(t.db, "ivan", NULL, ROLE_HEAD, &err),
	    SO_EPERM);
	REQUIRE(as(t.db, "anna"));
	CHECK_INT(settings_lookup_put(t.db, LOOKUP_EVENT_TYPES, "visit",
	    "Визит", &err), SO_OK);
	db_close(t.db);
}

TEST(test_payment_moves_a_colleagues_company_along_the_sales_path)
{
	struct team t;
	struct so_err err;
	struct deal d;
	struct payment p;

	REQUIRE(setup(&t));
	/* boris's deal with vera's client */
	REQUIRE(as(t.db, "gleb"));
	store_deal_init(&d);
	d.title = xstrdup("Окна");
	d.company_id = t.c_vera;
	d.manager_id = t.boris;
	REQUIRE(store_deal_create(t.db, &d, &err) == SO_OK);
	REQUIRE(as(t.db, "boris"));
	store_payment_init(&p);
	p.deal_id = d.meta.id;
	p.company_id = t.c_vera;
	p.amount = 100000;
	p.paid_on = xstrdup("2026-11-20");
	/* the payment is his (his deal's); the company moves by itself */
	CHECK_INT(store_payment_create(t.db, &p, &err), SO_OK);
	CHECK_INT(fixture_int(t.db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'company' AND field = 'status'"), 1);
	/* and the program's leave ends with the move */
	CHECK_INT(set_city(t.db, t.c_vera, "Казань", &err), SO_EPERM);
	store_payment_clear(&p);
	store_deal_clear(&d);
	db_close(t.db);
}

/* A template is its author's: a manager may use the admin's offer but
 * not rewrite or remove it; its author and a head may. */
TEST(test_templates_belong_to_their_authors)
{
	struct so_err err = { 0 };
	struct template t = { 0 }, got = { 0 };
	struct team tm;

	REQUIRE(setup(&tm));
	t.name = xstrdup("offer");
	t.subject = xstrdup("Предложение");
	t.body = xstrdup("Здравствуйте, {{first_name}}!");
	REQUIRE(template_add(tm.db, &t, &err) == SO_OK);	/* anna's */
	template_clear(&t);
	REQUIRE(as(tm.db, "boris"));
	REQUIRE(template_get(tm.db, "offer", &got, &err) == SO_OK);
	free(got.body);
	got.body = xstrdup("Скидка 90%!");
	CHECK(template_update(tm.db, &got, &err) == SO_EPERM);
	CHECK(strstr(err.msg, "its author's") != NULL);
	CHECK(template_remove(tm.db, "offer", &err) == SO_EPERM);
	template_clear(&got);
	/* boris's own he changes and removes */
	t.name = xstrdup("mine");
	t.subject = xstrdup("s");
	t.body = xstrdup("b");
	REQUIRE(template_add(tm.db, &t, &err) == SO_OK);
	template_clear(&t);
	CHECK(template_remove(tm.db, "mine", &err) == SO_OK);
	/* the head may change the team's */
	REQUIRE(as(tm.db, "gleb"));
	REQUIRE(template_get(tm.db, "offer", &got, &err) == SO_OK);
	free(got.subject);
	got.subject = xstrdup("Предложение на декабрь");
	CHECK(template_update(tm.db, &got, &err) == SO_OK);
	template_clear(&got);
	CHECK_INT(fixture_int(tm.db, "SELECT count(*) FROM templates WHERE "
	    "body LIKE 'Скидка%'"), 0);
	db_close(tm.db);
}

/* The team's mailer runs as every colleague who sends: taken only when
 * root alone can change it. */
TEST(test_team_mailer_must_be_roots_alone)
{
	struct so_err err = { 0 };
	struct team tm;
	char why[512], *m;
	const char *path = harness_path("mailer");
	FILE *f;

	REQUIRE(setup(&tm));
	/* root's, in root's directories, writable by nobody else */
	REQUIRE(settings_set_text(tm.db, "mail.sendmail", "/bin/sh", 1, &err)
	    == SO_OK);
	REQUIRE(as(tm.db, "boris"));
	m = settings_mailer(tm.db, why, sizeof(why));
	CHECK_STR(m, "/bin/sh");
	CHECK(why[0] == '\0');
	free(m);
	/* one in the test's directory, writable by all: refused */
	REQUIRE((f = fopen(path, "w")) != NULL);
	fputs("#!/bin/sh\n", f);
	fclose(f);
	REQUIRE(chmod(path, 0777) == 0);
	REQUIRE(as(tm.db, "anna"));
	REQUIRE(settings_set_text(tm.db, "mail.sendmail", path, 1, &err) ==
	    SO_OK);
	REQUIRE(as(tm.db, "boris"));
	m = settings_mailer(tm.db, why, sizeof(why));
	CHECK_STR(m, "/usr/sbin/sendmail");
	CHECK(strstr(why, "not root's alone") != NULL);
	free(m);
	/* boris's own he may run: it runs as him */
	REQUIRE(settings_set_text(tm.db, "mail.sendmail", path, 0, &err) ==
	    SO_OK);
	m = settings_mailer(tm.db, why, sizeof(why));
	CHECK_STR(m, path);
	CHECK(why[0] == '\0');
	free(m);
	db_close(tm.db);
}

TEST(test_a_manager_sees_every_title_and_reads_only_his_own)
{
	struct team t;

	REQUIRE(setup(&t));
	REQUIRE(as(t.db, "boris"));
	CHECK_INT(acl_reach(t.db, t.boris), ACL_ALL);
	CHECK_INT(acl_reach(t.db, t.vera), ACL_TITLE);
	/* nobody's: his to take on, not to read before he does */
	CHECK_INT(acl_reach(t.db, 0), ACL_TITLE | ACL_WRITE);
	CHECK_INT(acl_owner_of(t.db, &entity_company, t.c_vera), t.vera);
	CHECK_INT(acl_owner_of(t.db, &entity_company, t.c_free), 0);
	CHECK_INT(acl_owner_of(t.db, &entity_company, 99999), -1);
	REQUIRE(as(t.db, "gleb"));
	CHECK_INT(acl_reach(t.db, t.vera), ACL_ALL);
	CHECK_INT(acl_reach(t.db, 0), ACL_ALL);
	db_close(t.db);
}

/* An event of company co assigned to who (0: nobody), its id. */
static int64_t
meeting(struct db *db, int64_t co, int64_t who)
{
	struct event e;
	struct so_err err;
	int64_t id;

	store_event_init(&e);
	e.subject = xstrdup("Встреча");
	e.start_at = FIXTURE_NOW - 3600;
	e.type_id = fixture_code_id(db, LOOKUP_EVENT_TYPES, "meeting");
	e.company_id = co;
	e.assignee_id = who ? who : SO_NULL;
	free(e.description);
	e.description = xstrdup("секрет");
	if (store_event_create(db, &e, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "event: %s", err.msg);
	id = e.meta.id;
	store_event_clear(&e);
	return id;
}

TEST(test_a_colleagues_agenda_meeting_and_history_are_refused)
{
	struct agenda_query q = { .now = FIXTURE_NOW, .days = 1 };
	struct audit_filter f = { 0 };
	struct rep_meeting m;
	struct audit_row *rows;
	struct agenda a;
	struct team t;
	struct so_err err;
	int64_t mine, hers, free_one;
	size_t n;

	REQUIRE(setup(&t));
	REQUIRE(as(t.db, "gleb"));
	mine = meeting(t.db, t.c_boris, t.boris);
	hers = meeting(t.db, t.c_vera, t.vera);
	free_one = meeting(t.db, 0, 0);
	/* an event is its maker's unless assigned: nobody's by raw SQL */
	db_exec(t.db, "UPDATE events SET assignee_id = NULL WHERE company_id "
	    "IS NULL", NULL);
	REQUIRE(as(t.db, "boris"));
	q.from = FIXTURE_NOW - 12 * 3600;
	q.user_id = t.boris;
	CHECK_INT(agenda_load(t.db, &q, &a, &err), SO_OK);
	agenda_free(&a);
	q.user_id = t.vera;
	CHECK_INT(agenda_load(t.db, &q, &a, &err), SO_EPERM);
	CHECK(strstr(err.msg, "only a head of sales or an administrator may "
	    "read another user's agenda") != NULL);
	q.user_id = 0;
	CHECK_INT(agenda_load(t.db, &q, &a, &err), SO_EPERM);
	CHECK_INT(rep_meeting_get(t.db, mine, &m, &err), SO_OK);
	CHECK_STR(m.description, "секрет");
	rep_meeting_clear(&m);
	CHECK_INT(rep_meeting_get(t.db, hers, &m, &err), SO_EPERM);
	CHECK(strstr(err.msg, "is vera's: only vera or a head of sales may "
	    "read it (you, boris, are a manager)") != NULL);
	CHECK_INT(rep_meeting_get(t.db, free_one, &m, &err), SO_EPERM);
	CHECK(strstr(err.msg, "is nobody's") != NULL);
	/* the history of her company holds what was in it */
	f.entity = "company";
	f.record_id = t.c_vera;
	CHECK_INT(audit_read(t.db, &f, &rows, &n, &err), SO_EPERM);
	CHECK_INT(audit_list(t.db, "company", t.c_vera, &rows, &n, &err),
	    SO_EPERM);
	f.record_id = t.c_boris;
	CHECK_INT(audit_read(t.db, &f, &rows, &n, &err), SO_OK);
	audit_free(rows, n);
	f.entity = NULL;
	f.record_id = 0;
	CHECK_INT(audit_read(t.db, &f, &rows, &n, &err), SO_EPERM);
	f.login = "boris";
	CHECK_INT(audit_read(t.db, &f, &rows, &n, &err), SO_OK);
	audit_free(rows, n);
	/* the head reads them all */
	REQUIRE(as(t.db, "gleb"));
	CHECK_INT(rep_meeting_get(t.db, hers, &m, &err), SO_OK);
	rep_meeting_clear(&m);
	q.user_id = t.vera;
	CHECK_INT(agenda_load(t.db, &q, &a, &err), SO_OK);
	agenda_free(&a);
	db_close(t.db);
}

TEST(test_search_names_a_colleagues_record_and_gives_away_only_his_own)
{
	struct search_result r;
	struct team t;
	struct so_err err;
	size_t i;
	int seen_vera = 0, seen_free = 0, seen_own = 0;

	REQUIRE(setup(&t));
	REQUIRE(as(t.db, "boris"));
	REQUIRE(search_run(t.db, "ООО", 10, &r, &err) == SO_OK);
	for (i = 0; i < r.n; i++) {
		if (r.hits[i].id == t.c_vera) {
			seen_vera = 1;
			CHECK_STR(r.hits[i].detail, "vera's");
		}
		if (r.hits[i].id == t.c_boris)
			seen_own = 1;
	}
	CHECK(seen_vera && seen_own);
	search_result_free(&r);
	REQUIRE(search_run(t.db, "Ничей", 10, &r, &err) == SO_OK);
	for (i = 0; i < r.n; i++)
		if (r.hits[i].id == t.c_free) {
			seen_free = 1;
			CHECK_STR(r.hits[i].detail, "nobody's");
		}
	CHECK(seen_free);
	search_result_free(&r);
	/* for a file: his own only, and the counts are of those */
	REQUIRE(search_run_for(t.db, "ООО", 10, SEARCH_TAKE, &r, &err) ==
	    SO_OK);
	CHECK_INT(r.n, 1);
	CHECK_INT(r.n ? r.hits[0].id : 0, t.c_boris);
	CHECK_INT(r.ngroups ? r.groups[0].total : 0, 1);
	search_result_free(&r);
	REQUIRE(as(t.db, "gleb"));
	REQUIRE(search_run_for(t.db, "ООО", 10, SEARCH_TAKE, &r, &err) ==
	    SO_OK);
	CHECK_INT(r.n, 2);
	search_result_free(&r);
	db_close(t.db);
}
