/*
 * audit_query: the filters of `salesorg log` (who, which record, since,
 * which action, which field), newest first, the limit, and the row a
 * head of sales looks for: a company handed from one manager to another.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "harness.h"
#include "store/audit.h"
#include "store/entities.h"
#include "store/users.h"

/* Adds a user straight into the table (the users module is not what is
 * tested here). */
static int64_t
add_user(struct db *db, const char *login, const char *name)
{
	char *sql = xasprintf("INSERT INTO users (login, full_name, role, "
	    "created_at) VALUES ('%s', '%s', 'manager', 0)", login, name);
	int rc = sqlite3_exec(db_sqlite(db), sql, NULL, NULL, NULL);
	char *q;
	long long id;

	free(sql);
	if (rc != SQLITE_OK)
		return 0;
	q = xasprintf("SELECT id FROM users WHERE login = '%s'", login);
	id = fixture_int(db, q);
	free(q);
	return id;
}

/*
 * anna (admin) creates two companies at 09:00, the first with Анна as
 * manager, the second with Борис; at 10:00 bob renames the second; at 11:00 anna hands the
 * first to Борис; at 12:00 bob moves the second to the trash.
 */
static struct db *
history(int64_t *c1, int64_t *c2)
{
	struct db *db = fixture_open("audit.db");
	struct so_err err = { 0 };
	struct company a, b;
	int64_t anna, boris;

	if (db == NULL)
		return NULL;
	anna = db_user_id(db);
	sqlite3_exec(db_sqlite(db), "UPDATE users SET full_name = 'Анна' "
	    "WHERE login = 'anna'", NULL, NULL, NULL);
	boris = add_user(db, "bob", "Борис");
	store_company_init(&a);
	store_company_init(&b);
	a.name = xstrdup("ООО Ромашка");
	a.manager_id = anna;
	b.name = xstrdup("АО Лютик");
	b.manager_id = boris;	/* so that bob, a manager, may edit it */
	CHECK_INT(store_company_create(db, &a, &err), SO_OK);
	CHECK_INT(store_company_create(db, &b, &err), SO_OK);
	db_set_now(db, FIXTURE_NOW + 3600);
	CHECK_INT(db_login(db, "bob", &err), SO_OK);
	free(b.name);
	b.name = xstrdup("АО Лютик и сыновья");
	CHECK_INT(store_company_update(db, &b, &err), SO_OK);
	db_set_now(db, FIXTURE_NOW + 7200);
	CHECK_INT(db_login(db, "anna", &err), SO_OK);
	a.manager_id = boris;
	CHECK_INT(store_company_update(db, &a, &err), SO_OK);
	db_set_now(db, FIXTURE_NOW + 10800);
	CHECK_INT(db_login(db, "bob", &err), SO_OK);
	CHECK_INT(store_company_delete(db, b.meta.id, &err), SO_OK);
	*c1 = a.meta.id;
	*c2 = b.meta.id;
	store_company_clear(&a);
	store_company_clear(&b);
	return db;
}

TEST(test_audit_query_is_newest_first_and_limited)
{
	struct audit_filter f = { 0 };
	struct audit_row *r;
	struct so_err err = { 0 };
	int64_t c1, c2;
	size_t n;
	struct db *db = history(&c1, &c2);

	REQUIRE(db != NULL);
	f.entity = "company";
	CHECK_INT(audit_query(db, &f, &r, &n, &err), SO_OK);
	REQUIRE(n >= 5);
	CHECK_STR(r[0].action, "delete");
	CHECK_INT(r[0].record_id, c2);
	CHECK_STR(r[0].login, "bob");
	CHECK_STR(r[n - 1].action, "create");
	CHECK_INT(r[n - 1].record_id, c1);
	for (size_t i = 1; i < n; i++)
		CHECK(r[i - 1].at > r[i].at || (r[i - 1].at == r[i].at &&
		    r[i - 1].id > r[i].id));
	audit_free(r, n);
	f.limit = 2;
	CHECK_INT(audit_query(db, &f, &r, &n, &err), SO_OK);
	CHECK_INT(n, 2);
	CHECK_STR(r[0].action, "delete");
	CHECK_STR(r[1].field, "manager_id");
	audit_free(r, n);
	db_close(db);
}

TEST(test_audit_query_filters_user_record_since_action_field)
{
	struct audit_filter f = { 0 };
	struct audit_row *r;
	struct so_err err = { 0 };
	int64_t c1, c2;
	size_t n, i;
	struct db *db = history(&c1, &c2);

	REQUIRE(db != NULL);
	f.login = "bob";
	CHECK_INT(audit_query(db, &f, &r, &n, &err), SO_OK);
	CHECK_INT(n, 2);	/* the rename, the deletion */
	for (i = 0; i < n; i++)
		CHECK_INT(r[i].record_id, c2);
	audit_free(r, n);

	memset(&f, 0, sizeof(f));
	f.entity = "company";
	f.record_id = c1;
	CHECK_INT(audit_query(db, &f, &r, &n, &err), SO_OK);
	for (i = 0; i < n; i++)
		CHECK_INT(r[i].record_id, c1);
	CHECK(n >= 2);
	audit_free(r, n);

	f.record_id = 0;
	f.since = FIXTURE_NOW + 3600;
	CHECK_INT(audit_query(db, &f, &r, &n, &err), SO_OK);
	CHECK_INT(n, 3);	/* 10:00, 11:00, 12:00 */
	for (i = 0; i < n; i++)
		CHECK(r[i].at >= FIXTURE_NOW + 3600);
	audit_free(r, n);

	memset(&f, 0, sizeof(f));
	f.action = "delete";
	CHECK_INT(audit_query(db, &f, &r, &n, &err), SO_OK);
	CHECK_INT(n, 1);
	CHECK_INT(r[0].record_id, c2);
	audit_free(r, n);

	memset(&f, 0, sizeof(f));
	f.fields[f.nfields++] = "name";
	f.fields[f.nfields++] = "no_such_column";
	f.login = "bob";
	CHECK_INT(audit_query(db, &f, &r, &n, &err), SO_OK);
	CHECK_INT(n, 1);
	CHECK_STR(r[0].new_value, "АО Лютик и сыновья");
	audit_free(r, n);
	db_close(db);
}

TEST(test_audit_query_shows_a_reassignment_by_manager_names)
{
	struct audit_filter f = { 0 };
	struct audit_row *r;
	struct so_err err = { 0 };
	int64_t c1, c2;
	size_t n;
	char *s;
	struct db *db = history(&c1, &c2);

	REQUIRE(db != NULL);
	f.fields[f.nfields++] = "manager_id";
	f.action = "update";
	CHECK_INT(audit_query(db, &f, &r, &n, &err), SO_OK);
	REQUIRE(n == 1);
	CHECK_INT(r[0].record_id, c1);
	CHECK_STR(r[0].login, "anna");
	s = audit_describe(db, &entity_company, &r[0]);
	CHECK(strstr(s, "Анна -> Борис") != NULL);
	free(s);
	audit_free(r, n);
	db_close(db);
}
