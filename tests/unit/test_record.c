/*
 * The record engine (store/record.c): create / get / update / delete /
 * restore for every entity (driven by the descriptors, so a new entity
 * is tested the day it is described), optimistic locking, the audit
 * log, foreign keys, validation, byte-exact Cyrillic, hostile strings
 * stored verbatim, the typed wrappers.  Each card file's own rules are
 * test_entities.c's.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "fixture.h"
#include "harness.h"
#include "store/audit.h"
#include "store/entities.h"
#include "store/lookup.h"
#include "store/users.h"

/* Creates a company and returns its id (0 on failure). */
static int64_t
make_company(struct db *db, const char *name)
{
	return fixture_add_company(db, &(struct fixture_company){
	    .name = name });
}

/* An id to point a reference of table at. */
static int64_t
ref_target(struct db *db, const char *table)
{
	char sql[128];

	if (strcmp(table, "companies") == 0)
		return make_company(db, "Target Co");
	if (strcmp(table, "contacts") == 0) {
		db_exec(db, "INSERT INTO contacts (last_name, created_at, "
		    "updated_at) VALUES ('Target', 0, 0)", NULL);
		return sqlite3_last_insert_rowid(db_sqlite(db));
	}
	if (strcmp(table, "deals") == 0) {
		db_exec(db, "INSERT INTO deals (title, created_at, updated_at) "
		    "VALUES ('Target deal', 0, 0)", NULL);
		return sqlite3_last_insert_rowid(db_sqlite(db));
	}
	/* A group to be inside; a product still sold (the one the loop
	 * made is retired: sample() says yes to every flag). */
	if (strcmp(table, "product_groups") == 0 ||
	    strcmp(table, "products") == 0) {
		snprintf(sql, sizeof(sql), "INSERT INTO %s (name, created_at, "
		    "updated_at) VALUES ('Target', 0, 0)", table);
		db_exec(db, sql, NULL);
		return sqlite3_last_insert_rowid(db_sqlite(db));
	}
	snprintf(sql, sizeof(sql), "SELECT max(id) FROM %s", table);
	return fixture_int(db, sql);
}

/* A valid text value for a field of this type. */
static const char *
sample(const struct field_desc *fd)
{
	switch (fd->type) {
	case FT_PHONE:
		return "+7 843 555-12-34";
	case FT_EMAIL:
		return "info@romashka.ru";
	case FT_URL:
		return "https://romashka.ru";
	case FT_DATE:
		return "2026-12-01";
	case FT_MOMENT:
		return "2026-12-01 14:30";
	case FT_INT:
		return "7";
	case FT_MONEY:
		return "1 234,50";
	case FT_BOOL:
		return "yes";
	case FT_CHOICE:
		return fd->choices[0].code;
	default:
		return "ООО «Ромашка» — тест";
	}
}

static void
fill_all(struct db *db, const struct entity *ent, void *obj)
{
	struct so_err err;
	char buf[32];
	int i;

	for (i = 0; i < ent->nfields; i++) {
		const struct field_desc *fd = &ent->fields[i];
		const char *v = sample(fd);

		if (fd->flags & F_READONLY)
			continue;
		if (fd->type == FT_REF) {
			snprintf(buf, sizeof(buf), "%" PRId64,
			    ref_target(db, fd->ref_table));
			v = buf;
		}
		/* The event's end must not precede its start. */
		if (strcmp(fd->name, "end_at") == 0)
			v = "2026-12-01 15:30";
		/* A repeat rule must be one. */
		if (strcmp(fd->name, "rrule") == 0)
			v = "FREQ=WEEKLY;BYDAY=MO";
		if (field_parse(ent, i, obj, v, FIXTURE_NOW, &err) != SO_OK)
			harness_fail(__FILE__, __LINE__, "%s.%s: %s",
			    ent->name, fd->name, err.msg);
	}
}

static int
same_fields(const struct entity *ent, const void *a, const void *b)
{
	int i, same = 1;

	for (i = 0; i < ent->nfields; i++) {
		const struct field_desc *fd = &ent->fields[i];

		if (field_is_text(fd) ? strcmp(field_text_c(fd, a),
		    field_text_c(fd, b)) != 0 : field_int_c(fd, a) !=
		    field_int_c(fd, b)) {
			harness_fail(__FILE__, __LINE__, "%s.%s differs",
			    ent->name, fd->name);
			same = 0;
		}
	}
	return same;
}

static int
first_text_field(const struct entity *ent)
{
	int i;

	for (i = 0; i < ent->nfields; i++)
		if (ent->fields[i].type == FT_TEXT &&
		    !(ent->fields[i].flags & F_READONLY))
			return i;
	return -1;
}

TEST(test_every_entity_create_get_update_delete_restore)
{
	struct db *db = fixture_open("t.db");
	struct so_err err;
	int k;

	REQUIRE(db != NULL);
	for (k = 0; entities[k]; k++) {
		const struct entity *ent = entities[k];
		void *a = xcalloc(1, ent->size), *b = xcalloc(1, ent->size);
		struct list_query q = { .sort = -1 };
		struct rec_list l;
		int64_t id, n;
		int fi;

		rec_init(ent, a);
		fill_all(db, ent, a);
		if (rec_create(db, ent, a, &err) != SO_OK) {
			harness_fail(__FILE__, __LINE__, "create %s: %s",
			    ent->name, err.msg);
			continue;
		}
		id = rec_meta(a)->id;
		CHECK(id > 0);
		CHECK_INT(rec_meta(a)->version, 1);
		CHECK_INT(rec_get(db, ent, id, b, &err), SO_OK);
		CHECK(same_fields(ent, a, b));
		CHECK_INT(rec_meta(b)->created_at, FIXTURE_NOW);
		CHECK_INT(rec_meta(b)->created_by, db_user_id(db));

		/* update one field */
		fi = first_text_field(ent);
		REQUIRE(fi >= 0);
		CHECK_INT(field_parse(ent, fi, b, "Изменено", FIXTURE_NOW,
		    &err), SO_OK);
		CHECK_INT(rec_update(db, ent, b, &err), SO_OK);
		CHECK_INT(rec_meta(b)->version, 2);
		rec_clear(ent, a);
		CHECK_INT(rec_get(db, ent, id, a, &err), SO_OK);
		CHECK_STR(field_text_c(&ent->fields[fi], a), "Изменено");
		CHECK_INT(rec_meta(a)->version, 2);

		/* delete: gone from the list, in the trash, get still works */
		CHECK_INT(rec_delete(db, ent, id, &err), SO_OK);
		CHECK_INT(rec_count(db, ent, &q, &n, &err), SO_OK);
		CHECK_INT(rec_list(db, ent, &q, LIST_FIRST, NULL, 1000, &l,
		    &err), SO_OK);
		for (size_t i = 0; i < l.n; i++)
			CHECK(rec_meta(rec_list_at(&l, i))->id != id);
		rec_list_free(&l);
		q.trash = 1;
		CHECK_INT(rec_list(db, ent, &q, LIST_FIRST, NULL, 10, &l,
		    &err), SO_OK);
		CHECK_INT(l.n, 1);
		rec_list_free(&l);
		rec_clear(ent, a);
		CHECK_INT(rec_get(db, ent, id, a, &err), SO_OK);
		CHECK(rec_meta(a)->deleted_at != 0);
		CHECK_INT(rec_delete(db, ent, id, &err), SO_ENOTFOUND);

		/* restore */
		CHECK_INT(rec_restore(db, ent, id, &err), SO_OK);
		rec_clear(ent, a);
		CHECK_INT(rec_get(db, ent, id, a, &err), SO_OK);
		CHECK_INT(rec_meta(a)->deleted_at, 0);
		CHECK_INT(rec_restore(db, ent, id, &err), SO_ENOTFOUND);

		rec_clear(ent, a);
		rec_clear(ent, b);
		free(a);
		free(b);
	}
	db_close(db);
}

TEST(test_update_with_stale_version_conflicts_and_keeps_other_change)
{
	struct db *db = fixture_open("t.db");
	struct company mine, theirs, now;
	struct so_err err;
	int64_t id;

	REQUIRE(db != NULL);
	id = make_company(db, "Ромашка");
	store_company_get(db, id, &mine, &err);
	store_company_get(db, id, &theirs, &err);
	free(theirs.phone);
	theirs.phone = xstrdup("+7 843 111-11-11");
	CHECK_INT(store_company_update(db, &theirs, &err), SO_OK);
	free(mine.phone);
	mine.phone = xstrdup("+7 843 222-22-22");
	CHECK_INT(store_company_update(db, &mine, &err), SO_ECONFLICT);
	CHECK(strstr(err.msg, "changed by someone else") != NULL);
	CHECK_INT(mine.meta.version, 1);
	store_company_get(db, id, &now, &err);
	CHECK_STR(now.phone, "+7 843 111-11-11");
	CHECK_INT(now.meta.version, 2);
	/* After re-reading, the save goes through. */
	free(now.phone);
	now.phone = xstrdup("+7 843 222-22-22");
	CHECK_INT(store_company_update(db, &now, &err), SO_OK);
	store_company_clear(&mine);
	store_company_clear(&theirs);
	store_company_clear(&now);
	db_close(db);
}

TEST(test_update_of_identical_values_is_a_no_op)
{
	struct db *db = fixture_open("t.db");
	struct company c;
	struct so_err err;
	int64_t id;

	REQUIRE(db != NULL);
	id = make_company(db, "Ромашка");
	store_company_get(db, id, &c, &err);
	CHECK_INT(store_company_update(db, &c, &err), SO_OK);
	CHECK_INT(c.meta.version, 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "action = 'update'"), 0);
	store_company_clear(&c);
	db_close(db);
}

TEST(test_audit_log_records_who_what_old_and_new)
{
	struct db *db = fixture_open("t.db");
	struct audit_row *rows;
	struct company c;
	struct so_err err;
	size_t n;
	int64_t id;

	REQUIRE(db != NULL);
	id = make_company(db, "Ромашка");
	store_company_get(db, id, &c, &err);
	free(c.city);
	c.city = xstrdup("Казань");
	free(c.name);
	c.name = xstrdup("ООО «Ромашка»");
	fixture_user(db, "boris", ROLE_HEAD);
	REQUIRE(db_login(db, "boris", &err) == SO_OK);
	db_set_now(db, FIXTURE_NOW + 60);
	CHECK_INT(store_company_update(db, &c, &err), SO_OK);
	CHECK_INT(store_company_delete(db, id, &err), SO_OK);
	CHECK_INT(store_company_restore(db, id, &err), SO_OK);
	CHECK_INT(audit_list(db, "company", id, &rows, &n, &err), SO_OK);
	REQUIRE(n == 5);
	CHECK_STR(rows[0].action, "create");
	CHECK_STR(rows[0].login, "anna");
	CHECK_STR(rows[1].action, "update");
	CHECK_STR(rows[1].field, "name");
	CHECK_STR(rows[1].old_value, "Ромашка");
	CHECK_STR(rows[1].new_value, "ООО «Ромашка»");
	CHECK_STR(rows[1].login, "boris");
	CHECK_INT(rows[1].at, FIXTURE_NOW + 60);
	CHECK_STR(rows[2].field, "city");
	CHECK(rows[2].old_value == NULL);
	CHECK_STR(rows[2].new_value, "Казань");
	CHECK_STR(rows[3].action, "delete");
	CHECK_STR(rows[4].action, "restore");
	audit_free(rows, n);
	store_company_clear(&c);
	db_close(db);
}

TEST(test_failed_write_leaves_no_audit_row)
{
	struct db *db = fixture_open("t.db");
	struct company c;
	struct so_err err;

	REQUIRE(db != NULL);
	store_company_init(&c);	/* no name: invalid */
	CHECK_INT(store_company_create(db, &c, &err), SO_EINVAL);
	CHECK_STR(err.field, "name");
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log"), 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies"), 0);
	store_company_clear(&c);
	db_close(db);
}

TEST(test_reference_to_missing_record_is_refused_naming_the_field)
{
	struct db *db = fixture_open("t.db");
	struct contact p;
	struct so_err err;

	REQUIRE(db != NULL);
	store_contact_init(&p);
	p.last_name = xstrdup("Иванова");
	p.company_id = 4242;
	CHECK_INT(store_contact_create(db, &p, &err), SO_EINVAL);
	CHECK_STR(err.field, "company_id");
	CHECK(strstr(err.msg, "4242") != NULL);
	store_contact_clear(&p);
	/* and the schema refuses it too, below the store */
	CHECK(db_exec(db, "INSERT INTO contacts (last_name, company_id, "
	    "created_at, updated_at) VALUES ('X', 4242, 0, 0)", &err) !=
	    SO_OK);
	db_close(db);
}

TEST(test_cyrillic_and_wide_text_round_trip_byte_exact)
{
	static const char *const names[] = {
		"ООО «Ромашка»",
		"Ёлкин Пётр Семёнович",
		"Їжак Ґудзь Єва",
		"株式会社 東京",
		"tab\there",
	};
	struct db *db = fixture_open("t.db");
	struct company c;
	struct so_err err;
	size_t i;

	REQUIRE(db != NULL);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		int64_t id = make_company(db, names[i]);

		CHECK_INT(store_company_get(db, id, &c, &err), SO_OK);
		CHECK_INT(strlen(c.name), strlen(names[i]));
		CHECK(memcmp(c.name, names[i], strlen(names[i])) == 0);
		store_company_clear(&c);
	}
	db_close(db);
}

TEST(test_sql_in_values_is_stored_verbatim)
{
	static const char *evil = "'); DROP TABLE companies;--";
	struct db *db = fixture_open("t.db");
	struct company c;
	struct so_err err;
	int64_t id;

	REQUIRE(db != NULL);
	id = make_company(db, evil);
	CHECK_INT(store_company_get(db, id, &c, &err), SO_OK);
	CHECK_STR(c.name, evil);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies"), 1);
	store_company_clear(&c);
	db_close(db);
}

TEST(test_typed_list_wrapper_pages_companies)
{
	struct db *db = fixture_open("t.db");
	struct list_query q = { .sort = -1 };
	struct rec_list l;
	struct so_err err;

	REQUIRE(db != NULL);
	make_company(db, "Лютик");
	make_company(db, "Астра");
	CHECK_INT(store_company_list(db, &q, LIST_FIRST, NULL, 10, &l, &err),
	    SO_OK);
	REQUIRE(l.n == 2);
	CHECK_STR(((struct company *)rec_list_at(&l, 0))->name, "Астра");
	CHECK_STR(((struct company *)rec_list_at(&l, 1))->name, "Лютик");
	rec_list_free(&l);
	db_close(db);
}

TEST(test_validation_names_the_bad_field)
{
	struct db *db = fixture_open("t.db");
	struct company c;
	struct so_err err;

	REQUIRE(db != NULL);
	store_company_init(&c);
	c.name = xstrdup("Ромашка");
	c.email = xstrdup("not-an-address");
	CHECK_INT(store_company_create(db, &c, &err), SO_EINVAL);
	CHECK_STR(err.field, "email");
	free(c.email);
	c.email = xstrdup("a@b.ru");
	c.phone = xstrdup("\x1b[31mred");
	CHECK_INT(store_company_create(db, &c, &err), SO_EINVAL);
	CHECK_STR(err.field, "phone");
	free(c.phone);
	c.phone = NULL;
	free(c.status);
	c.status = xstrdup("vip-ish");
	CHECK_INT(store_company_create(db, &c, &err), SO_EINVAL);
	CHECK_STR(err.field, "status");
	free(c.name);
	c.name = xstrdup("\xff\xfe broken");
	free(c.status);
	c.status = xstrdup("lead");
	CHECK_INT(store_company_create(db, &c, &err), SO_EINVAL);
	CHECK_STR(err.field, "name");
	store_company_clear(&c);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies"), 0);
	db_close(db);
}

/*
 * Staged creation (rec_stage): the records get the ids the table would
 * have given, are read and changed like any once asked for, and are all
 * in the table after rec_stage_end, batches of REC_STAGE_BATCH included;
 * cancelled with the transaction, nothing stays.
 */
TEST(test_staged_creates_get_the_same_ids_and_rows)
{
	struct db *db = fixture_open("t.db");
	struct so_err err;
	struct task t, got;
	int64_t first, id = 0;
	int i, n = REC_STAGE_BATCH + 3;

	REQUIRE(db != NULL);
	store_task_init(&t);
	t.title = xstrdup("Before");
	REQUIRE(store_task_create(db, &t, &err) == SO_OK);
	first = t.meta.id + 1;
	store_task_clear(&t);

	REQUIRE(db_begin(db, &err) == SO_OK);
	REQUIRE(rec_stage(db, &entity_task, &err) == SO_OK);
	for (i = 0; i < n; i++) {
		store_task_init(&t);
		t.title = xasprintf("Staged %d", i);
		REQUIRE(store_task_create(db, &t, &err) == SO_OK);
		CHECK_INT(t.meta.id, first + i);
		id = t.meta.id;
		store_task_clear(&t);
	}
	/* the last 3 are staged: not in the table yet */
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM tasks"),
	    1 + REC_STAGE_BATCH);
	memset(&got, 0, sizeof(got));
	REQUIRE(store_task_get(db, id, &got, &err) == SO_OK);
	CHECK_STR(got.title, "Staged 4098");
	free(got.title);
	got.title = xstrdup("Changed");
	REQUIRE(store_task_update(db, &got, &err) == SO_OK);
	store_task_clear(&got);
	store_task_init(&t);
	t.title = xstrdup("After");
	REQUIRE(store_task_create(db, &t, &err) == SO_OK);
	CHECK_INT(t.meta.id, first + n);
	store_task_clear(&t);
	REQUIRE(rec_stage_end(db, &err) == SO_OK);
	REQUIRE(db_commit(db, &err) == SO_OK);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM tasks"), n + 2);
	CHECK_INT(fixture_int(db, "SELECT max(id) FROM tasks"), first + n);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM tasks WHERE title = "
	    "'Changed' AND version = 2"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM tasks WHERE "
	    "status = 'open' AND priority = 'normal' AND created_at > 0"),
	    n + 2);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'task' AND action = 'create'"), n + 2);

	/* rolled back: nothing staged stays, the next create is plain */
	REQUIRE(db_begin(db, &err) == SO_OK);
	REQUIRE(rec_stage(db, &entity_task, &err) == SO_OK);
	store_task_init(&t);
	t.title = xstrdup("Gone");
	REQUIRE(store_task_create(db, &t, &err) == SO_OK);
	store_task_clear(&t);
	rec_stage_cancel(db);
	db_rollback(db);
	store_task_init(&t);
	t.title = xstrdup("Plain");
	REQUIRE(store_task_create(db, &t, &err) == SO_OK);
	CHECK_INT(t.meta.id, first + n + 1);
	store_task_clear(&t);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM tasks WHERE title = "
	    "'Gone'"), 0);
	db_close(db);
}
