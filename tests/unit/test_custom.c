/*
 * Custom fields: added by an admin at run time, then read, written,
 * filtered, exported, validated and audited through the descriptors like
 * compiled-in fields; removed with their values; reloaded on every open
 * and never carried from one database to another.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/util.h"
#include "exchange/export.h"
#include "fixture.h"
#include "harness.h"
#include "store/audit.h"
#include "store/custom.h"
#include "store/entities.h"
#include "store/filter.h"
#include "store/users.h"

static int
add(struct db *db, const char *ent, const char *name, const char *label,
    const char *type, const char *choices, int required)
{
	struct so_err err = { 0 };
	int rc;

	rc = custom_field_add(db, ent, name, label, type, choices, required,
	    &err);
	if (rc != SO_OK)
		harness_fail(__FILE__, __LINE__, "add %s: %s", name, err.msg);
	return rc;
}

/* Parses text into the named field of obj. */
static int
set(const struct entity *ent, void *obj, const char *name, const char *text,
    struct so_err *err)
{
	int fi = entity_field(ent, name);

	if (fi < 0)
		return so_err_set(err, SO_ENOTFOUND, "no field %s", name);
	return field_parse(ent, fi, obj, text, FIXTURE_NOW, err);
}

/* The named field of obj as shown (a static buffer, "?" if none). */
static const char *
shown(const struct entity *ent, const void *obj, const char *name)
{
	static char buf[256];
	int fi = entity_field(ent, name);
	char *v;

	if (fi < 0)
		return "?";
	v = field_format(ent, fi, obj);
	snprintf(buf, sizeof(buf), "%s", v);
	free(v);
	return buf;
}

/* Companies the filter selects, -1 if it does not compile. */
static long long
count(struct db *db, const char *text)
{
	struct list_query q = { .sort = -1 };
	struct so_err err;
	struct filter *f;
	int64_t n = -2;

	if (filter_compile(db, &entity_company, text, FIXTURE_NOW, &f, NULL,
	    &err) != SO_OK) {
		harness_fail(__FILE__, __LINE__, "%s: %s", text, err.msg);
		return -1;
	}
	q.filter = f;
	if (rec_count(db, &entity_company, &q, &n, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "%s: %s", text, err.msg);
	filter_free(f);
	return n;
}

/* A company with this name and the custom values name=value, ... */
static int64_t
company(struct db *db, const char *name, const char *const *kv)
{
	struct company c;
	struct so_err err;
	int64_t id = 0;

	store_company_init(&c);
	c.name = xstrdup(name);
	for (; kv && *kv; kv += 2)
		if (set(&entity_company, &c, kv[0], kv[1], &err) != SO_OK)
			harness_fail(__FILE__, __LINE__, "%s", err.msg);
	if (store_company_create(db, &c, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "create: %s", err.msg);
	else
		id = c.meta.id;
	store_company_clear(&c);
	return id;
}

/* The four types of the issue on companies, and yes/no and money. */
static struct db *
world(void)
{
	struct db *db = fixture_open("c.db");

	if (db == NULL)
		return NULL;
	add(db, "company", "inn", "ИНН", "text", NULL, 0);
	add(db, "companies", "staff", "Employees", "number", NULL, 0);
	add(db, "company", "since", "Client since", "date", NULL, 0);
	add(db, "company", "segment", "Segment", "choice",
	    "small, medium ,large", 0);
	add(db, "company", "budget", "Budget", "money", NULL, 0);
	add(db, "company", "partner", "Partner", "bool", NULL, 0);
	return db;
}

static char *
csv_of(struct db *db, const char *filter)
{
	struct list_query q = { .sort = -1 };
	struct so_err err;
	struct filter *f = NULL;
	char *buf = NULL;
	size_t len = 0;
	int64_t rows;
	FILE *out = open_memstream(&buf, &len);

	if (filter && filter_compile(db, &entity_company, filter, FIXTURE_NOW,
	    &f, NULL, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "%s", err.msg);
	q.filter = f;
	if (export_csv(db, &entity_company, &q, out, &rows, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "export: %s", err.msg);
	fclose(out);
	filter_free(f);
	return buf;
}

TEST(test_custom_fields_join_the_descriptors)
{
	struct db *db = world();
	int nb = entity_nbuiltin(&entity_company), fi;

	REQUIRE(db != NULL);
	CHECK_INT(entity_company.nfields, nb + 6);
	fi = entity_field(&entity_company, "segment");
	REQUIRE(fi >= nb);
	CHECK(entity_company.fields[fi].flags & F_CUSTOM);
	CHECK_INT(entity_company.fields[fi].type, FT_CHOICE);
	CHECK_STR(entity_company.fields[fi].choices[1].code, "medium");
	CHECK(entity_company.fields[fi].choices[3].code == NULL);
	CHECK(entity_company.fields[fi].width > 0);
	/* by label too, as filters and --fields name them */
	CHECK_INT(entity_field_named(&entity_company, "инн"), nb);
	CHECK_INT(entity_field_named(&entity_company, "client_since"), nb + 2);
	CHECK_INT(entity_field(&entity_company, "staff"), nb + 1);
	CHECK_INT(entity_company.fields[nb + 1].type, FT_INT);
	/* other entities are untouched */
	CHECK_INT(entity_contact.nfields, entity_nbuiltin(&entity_contact));
	db_close(db);
}

TEST(test_custom_values_create_get_list)
{
	static const char *const kv[] = { "inn", "1655000001", "staff", "250",
	    "since", "2021-03-04", "segment", "Medium", "budget", "1 234,50",
	    "partner", "да", NULL };
	struct db *db = world();
	struct company c;
	struct rec_list l = { 0 };
	struct list_query q = { .sort = -1 };
	struct so_err err;
	int64_t id, other;

	REQUIRE(db != NULL);
	id = company(db, "ООО «Ромашка»", kv);
	other = company(db, "Без полей", NULL);
	REQUIRE(id > 0 && other > 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM custom_values"), 6);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM custom_values "
	    "WHERE value = '123450'"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM custom_values "
	    "WHERE value = 'medium'"), 1);

	memset(&c, 0, sizeof(c));
	REQUIRE(store_company_get(db, id, &c, &err) == SO_OK);
	CHECK_STR(shown(&entity_company, &c, "inn"), "1655000001");
	CHECK_STR(shown(&entity_company, &c, "staff"), "250");
	CHECK_STR(shown(&entity_company, &c, "since"), "2021-03-04");
	CHECK_STR(shown(&entity_company, &c, "segment"), "medium");
	CHECK_STR(shown(&entity_company, &c, "budget"), "1234.50");
	CHECK_STR(shown(&entity_company, &c, "partner"), "yes");
	CHECK_STR(c.name, "ООО «Ромашка»");
	store_company_clear(&c);

	REQUIRE(rec_list(db, &entity_company, &q, LIST_FIRST, NULL, 10, &l,
	    &err) == SO_OK);
	REQUIRE(l.n == 2);
	/* by name: "Без полей" sorts before "ООО" */
	CHECK_STR(shown(&entity_company, rec_list_at(&l, 0), "inn"), "");
	CHECK_STR(shown(&entity_company, rec_list_at(&l, 0), "staff"), "");
	CHECK_STR(shown(&entity_company, rec_list_at(&l, 1), "inn"),
	    "1655000001");
	CHECK_STR(shown(&entity_company, rec_list_at(&l, 1), "since"),
	    "2021-03-04");
	rec_list_free(&l);
	db_close(db);
}

TEST(test_custom_values_filter)
{
	static const char *const a[] = { "inn", "1655000001", "staff", "250",
	    "since", "2021-03-04", "segment", "medium", "partner", "yes",
	    NULL };
	static const char *const b[] = { "inn", "7701000002", "staff", "12",
	    "since", "2024-11-01", "segment", "large", NULL };
	struct db *db = world();

	REQUIRE(db != NULL);
	company(db, "Ромашка", a);
	company(db, "Василёк", b);
	company(db, "Пустая", NULL);
	CHECK_INT(count(db, "inn:1655"), 1);
	CHECK_INT(count(db, "ИНН=7701000002"), 1);
	CHECK_INT(count(db, "inn~^(1655|7701)"), 2);
	CHECK_INT(count(db, "inn=\"\""), 1);
	CHECK_INT(count(db, "-inn:1655"), 2);
	CHECK_INT(count(db, "staff>=100"), 1);
	CHECK_INT(count(db, "employees<100"), 1);
	CHECK_INT(count(db, "staff=\"\""), 1);
	CHECK_INT(count(db, "since<2022-01-01"), 1);
	CHECK_INT(count(db, "client_since>=2021-01-01"), 2);
	CHECK_INT(count(db, "segment:med"), 1);
	CHECK_INT(count(db, "segment=LARGE OR segment=medium"), 2);
	CHECK_INT(count(db, "segment=\"\""), 1);
	CHECK_INT(count(db, "partner=yes"), 1);
	CHECK_INT(count(db, "partner=no"), 2);
	CHECK_INT(count(db, "inn:1655 staff>100 segment:medium"), 1);
	db_close(db);
}

TEST(test_custom_values_in_csv_export)
{
	static const char *const kv[] = { "inn", "1655000001", "staff", "250",
	    "since", "2021-03-04", "segment", "small", "budget", "99.5",
	    NULL };
	struct db *db = world();
	char *csv;

	REQUIRE(db != NULL);
	company(db, "Ромашка", kv);
	csv = csv_of(db, "staff>1");
	REQUIRE(csv != NULL);
	CHECK(strstr(csv, "Comment,ИНН,Employees,Client since,Segment,Budget,"
	    "Partner\r\n") != NULL);
	CHECK(strstr(csv, ",1655000001,250,2021-03-04,small,99.50,\r\n") !=
	    NULL);
	free(csv);
	db_close(db);
}

TEST(test_custom_value_update_is_audited_and_versioned)
{
	static const char *const kv[] = { "staff", "250", "segment", "small",
	    NULL };
	struct db *db = world();
	struct company c, stale;
	struct audit_row *rows;
	struct so_err err;
	size_t n, i;
	int64_t id;
	int seen_staff = 0, seen_segment = 0, seen_inn = 0;
	char *d;

	REQUIRE(db != NULL);
	id = company(db, "Ромашка", kv);
	memset(&c, 0, sizeof(c));
	memset(&stale, 0, sizeof(stale));
	REQUIRE(store_company_get(db, id, &c, &err) == SO_OK);
	REQUIRE(store_company_get(db, id, &stale, &err) == SO_OK);
	/* a custom field alone changes: the version moves on */
	REQUIRE(set(&entity_company, &c, "staff", "300", &err) == SO_OK);
	REQUIRE(set(&entity_company, &c, "segment", "large", &err) == SO_OK);
	REQUIRE(set(&entity_company, &c, "inn", "7701", &err) == SO_OK);
	CHECK_INT(store_company_update(db, &c, &err), SO_OK);
	CHECK_INT(c.meta.version, 2);
	CHECK_INT(fixture_int(db, "SELECT version FROM companies"), 2);
	/* emptied: its row goes */
	REQUIRE(set(&entity_company, &c, "segment", "", &err) == SO_OK);
	CHECK_INT(store_company_update(db, &c, &err), SO_OK);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM custom_values v JOIN "
	    "custom_fields f ON f.id = v.field_id WHERE f.name = 'segment'"),
	    0);
	/* and one who read before is stopped, as for any field */
	REQUIRE(set(&entity_company, &stale, "staff", "1", &err) == SO_OK);
	CHECK_INT(store_company_update(db, &stale, &err), SO_ECONFLICT);
	CHECK_INT(fixture_int(db, "SELECT value FROM custom_values v JOIN "
	    "custom_fields f ON f.id = v.field_id WHERE f.name = 'staff'"),
	    300);

	REQUIRE(audit_list(db, "company", id, &rows, &n, &err) == SO_OK);
	for (i = 0; i < n; i++) {
		if (rows[i].field == NULL)
			continue;
		d = audit_describe(db, &entity_company, &rows[i]);
		if (strcmp(rows[i].field, "staff") == 0) {
			seen_staff++;
			CHECK_STR(rows[i].old_value, "250");
			CHECK_STR(rows[i].new_value, "300");
			CHECK_STR(d, "Employees: 250 -> 300");
		} else if (strcmp(rows[i].field, "segment") == 0) {
			seen_segment++;
		} else if (strcmp(rows[i].field, "inn") == 0) {
			seen_inn++;
			CHECK(rows[i].old_value == NULL);
			CHECK_STR(d, "ИНН: (empty) -> 7701");
		}
		free(d);
	}
	CHECK_INT(seen_staff, 1);
	CHECK_INT(seen_segment, 2);	/* small -> large -> (empty) */
	CHECK_INT(seen_inn, 1);
	audit_free(rows, n);
	store_company_clear(&c);
	store_company_clear(&stale);
	db_close(db);
}

TEST(test_custom_required_field_refused_empty)
{
	static const char *const kv[] = { "kpp", "165501001", NULL };
	struct db *db = fixture_open("r.db");
	struct company c;
	struct so_err err;
	int64_t old;

	REQUIRE(db != NULL);
	old = company(db, "Создана до поля", NULL);
	REQUIRE(add(db, "company", "kpp", "КПП", "text", NULL, 1) == SO_OK);
	store_company_init(&c);
	c.name = xstrdup("Без КПП");
	CHECK_INT(store_company_create(db, &c, &err), SO_EINVAL);
	CHECK_STR(err.field, "kpp");
	CHECK(strstr(err.msg, "КПП: required") != NULL);
	store_company_clear(&c);
	CHECK(company(db, "С КПП", kv) > 0);
	/* records from before keep no value, and show as incomplete */
	memset(&c, 0, sizeof(c));
	REQUIRE(store_company_get(db, old, &c, &err) == SO_OK);
	CHECK_STR(shown(&entity_company, &c, "kpp"), "");
	CHECK_STR(rec_incomplete(&entity_company, &c), "КПП");
	/* a write is judged on what it changes: the city is written, the
	 * missing КПП stays missing */
	free(c.city);
	c.city = xstrdup("Казань");
	CHECK_INT(store_company_update(db, &c, &err), SO_OK);
	CHECK_STR(rec_incomplete(&entity_company, &c), "КПП");
	/* filled, it is complete; cleared again, it is refused */
	CHECK_INT(set(&entity_company, &c, "kpp", "165501001", &err), SO_OK);
	CHECK_INT(store_company_update(db, &c, &err), SO_OK);
	CHECK(rec_incomplete(&entity_company, &c) == NULL);
	CHECK_INT(set(&entity_company, &c, "kpp", "", &err), SO_OK);
	CHECK_INT(store_company_update(db, &c, &err), SO_EINVAL);
	CHECK_STR(err.field, "kpp");
	store_company_clear(&c);
	/* a company the program makes from a name is left without it */
	store_company_init(&c);
	c.meta.by_program = 1;
	c.name = xstrdup("Из импорта");
	CHECK_INT(store_company_create(db, &c, &err), SO_OK);
	CHECK_STR(rec_incomplete(&entity_company, &c), "КПП");
	store_company_clear(&c);
	/* the program's record still needs what it owns: a name */
	store_company_init(&c);
	c.meta.by_program = 1;
	CHECK_INT(store_company_create(db, &c, &err), SO_EINVAL);
	CHECK_STR(err.field, "name");
	store_company_clear(&c);
	db_close(db);
}

TEST(test_custom_bad_values_refused_naming_the_field)
{
	struct db *db = world();
	struct company c;
	struct so_err err;

	REQUIRE(db != NULL);
	store_company_init(&c);
	c.name = xstrdup("Ромашка");
	CHECK_INT(set(&entity_company, &c, "staff", "many", &err), SO_EINVAL);
	CHECK_STR(err.field, "staff");
	CHECK(strstr(err.msg, "Employees") != NULL);
	CHECK_INT(set(&entity_company, &c, "since", "30.02.2026", &err),
	    SO_EINVAL);
	CHECK_STR(err.field, "since");
	CHECK(strstr(err.msg, "Client since") != NULL);
	CHECK_INT(set(&entity_company, &c, "segment", "huge", &err),
	    SO_EINVAL);
	CHECK_STR(err.field, "segment");
	CHECK(strstr(err.msg, "Segment") != NULL);
	CHECK_INT(set(&entity_company, &c, "budget", "12.345", &err),
	    SO_EINVAL);
	CHECK_STR(err.field, "budget");
	/* past the parser (a program setting the value): the store checks */
	*field_text(&entity_company.fields[entity_field(&entity_company,
	    "segment")], &c) = xstrdup("huge");
	CHECK_INT(store_company_create(db, &c, &err), SO_EINVAL);
	CHECK_STR(err.field, "segment");
	set(&entity_company, &c, "segment", "", &err);
	*field_text(&entity_company.fields[entity_field(&entity_company,
	    "since")], &c) = xstrdup("2026-02-30");
	CHECK_INT(store_company_create(db, &c, &err), SO_EINVAL);
	CHECK_STR(err.field, "since");
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM companies"), 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM custom_values"), 0);
	store_company_clear(&c);
	db_close(db);
}

TEST(test_custom_field_definitions_checked)
{
	static const struct {
		const char *ent, *name, *label, *type, *choices, *field;
		int code;
	} bad[] = {
		{ "company", "Inn", NULL, "text", NULL, "name", SO_EINVAL },
		{ "company", "2nd", NULL, "text", NULL, "name", SO_EINVAL },
		{ "company", "a-b", NULL, "text", NULL, "name", SO_EINVAL },
		{ "company", "", NULL, "text", NULL, "name", SO_EINVAL },
		{ "company", "city", NULL, "text", NULL, "name", SO_EINVAL },
		{ "company", "manager", NULL, "text", NULL, "name", SO_EINVAL },
		{ "company", "id", NULL, "text", NULL, "name", SO_EINVAL },
		{ "company", "created", NULL, "text", NULL, "name", SO_EINVAL },
		{ "company", "inn", NULL, "text", NULL, "name", SO_EINVAL },
		{ "company", "x", "Город", "text", NULL, "label", SO_EINVAL },
		{ "company", "x", "ИНН", "text", NULL, "label", SO_EINVAL },
		{ "company", "x", "Updated", "text", NULL, "label", SO_EINVAL },
		{ "company", "x", "Created at", "text", NULL, "label",
		    SO_EINVAL },
		{ "company", "x", "a\tb", "text", NULL, "label", SO_EINVAL },
		{ "company", "x", NULL, "colour", NULL, "type", SO_EINVAL },
		{ "company", "x", NULL, "choice", NULL, "choices", SO_EINVAL },
		{ "company", "x", NULL, "choice", " , ", "choices", SO_EINVAL },
		{ "company", "x", NULL, "choice", "a,b,A", "choices",
		    SO_EINVAL },
		{ "company", "x", NULL, "number", "1,2", "choices", SO_EINVAL },
		{ "nothing", "x", NULL, "text", NULL, "", SO_EINVAL },
	};
	struct db *db = fixture_open("d.db");
	struct so_err err;
	size_t i;

	REQUIRE(db != NULL);
	REQUIRE(add(db, "company", "inn", "ИНН", "text", NULL, 0) == SO_OK);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&err, 0, sizeof(err));
		CHECK_INT(custom_field_add(db, bad[i].ent, bad[i].name,
		    bad[i].label, bad[i].type, bad[i].choices, 0, &err),
		    bad[i].code);
		if (strcmp(err.field, bad[i].field) != 0)
			harness_fail(__FILE__, __LINE__, "case %zu: field "
			    "\"%s\", expected \"%s\" (%s)", i, err.field,
			    bad[i].field, err.msg);
	}
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM custom_fields"), 1);
	CHECK_INT(entity_company.nfields, entity_nbuiltin(&entity_company) +
	    1);
	/* the label defaults to the name; the same name on another card
	 * file is another field */
	CHECK_INT(add(db, "contact", "inn", NULL, "text", NULL, 0), SO_OK);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM custom_fields "
	    "WHERE entity = 'contact' AND label = 'inn'"), 1);
	db_close(db);
}

TEST(test_custom_fields_only_for_admins)
{
	struct db *db = fixture_open("p.db");
	struct so_err err;

	REQUIRE(db != NULL);
	REQUIRE(add(db, "company", "inn", "ИНН", "text", NULL, 0) == SO_OK);
	fixture_user(db, "boris", ROLE_MANAGER);
	REQUIRE(db_login(db, "boris", &err) == SO_OK);
	REQUIRE(strcmp(db_user_role(db), "manager") == 0);
	CHECK_INT(custom_field_add(db, "company", "kpp", "КПП", "text", NULL,
	    0, &err), SO_EPERM);
	CHECK(strstr(err.msg, "administrator") != NULL);
	CHECK_INT(custom_field_remove(db, "company", "inn", &err), SO_EPERM);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM custom_fields"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log "
	    "WHERE entity = 'custom_field'"), 1);
	/* a manager still uses the field */
	CHECK(entity_field(&entity_company, "inn") >= 0);
	REQUIRE(db_login(db, "anna", &err) == SO_OK);
	CHECK_INT(add(db, "company", "kpp", "КПП", "text", NULL, 0), SO_OK);
	db_close(db);
}

TEST(test_custom_field_remove_drops_values)
{
	static const char *const kv[] = { "staff", "250", "inn", "1655", NULL };
	struct db *db = world();
	struct company c;
	struct custom_field *f;
	struct audit_row *rows;
	struct so_err err;
	size_t n, i;
	int64_t id;
	int dropped = 0;
	char *d;

	REQUIRE(db != NULL);
	id = company(db, "Ромашка", kv);
	CHECK_INT(custom_field_remove(db, "company", "staff", &err), SO_OK);
	CHECK(entity_field(&entity_company, "staff") < 0);
	CHECK_INT(entity_company.nfields, entity_nbuiltin(&entity_company) +
	    5);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM custom_values"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM custom_fields "
	    "WHERE name = 'staff'"), 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'custom_field' AND action = 'delete'"), 1);
	/* the dropped value is in its record's history */
	REQUIRE(audit_list(db, "company", id, &rows, &n, &err) == SO_OK);
	for (i = 0; i < n; i++)
		if (rows[i].field && strcmp(rows[i].field, "staff") == 0) {
			dropped++;
			d = audit_describe(db, &entity_company, &rows[i]);
			CHECK_STR(d, "staff: 250 -> (empty)");
			free(d);
		}
	CHECK_INT(dropped, 1);
	audit_free(rows, n);
	/* the others work on */
	memset(&c, 0, sizeof(c));
	REQUIRE(store_company_get(db, id, &c, &err) == SO_OK);
	CHECK_STR(shown(&entity_company, &c, "inn"), "1655");
	store_company_clear(&c);
	CHECK_INT(count(db, "inn:1655"), 1);
	REQUIRE(custom_field_list(db, NULL, &f, &n, &err) == SO_OK);
	CHECK_INT(n, 5);
	CHECK_STR(f[0].name, "inn");
	CHECK_STR(f[1].type, "date");
	CHECK_STR(f[2].choices, "small,medium,large");
	custom_field_list_free(f, n);
	/* built-in fields and unknown ones are not removed */
	CHECK_INT(custom_field_remove(db, "company", "name", &err), SO_EINVAL);
	CHECK_INT(custom_field_remove(db, "company", "staff", &err),
	    SO_ENOTFOUND);
	db_close(db);
}

TEST(test_custom_fields_reload_on_open)
{
	struct db *db = fixture_open("o.db");
	int nb = entity_nbuiltin(&entity_company);
	struct db_opts ro = { .readonly = 1 };
	struct so_err err;

	REQUIRE(db != NULL);
	REQUIRE(add(db, "company", "inn", "ИНН", "text", NULL, 0) == SO_OK);
	CHECK_INT(entity_company.nfields, nb + 1);
	db_close(db);
	/* closed: the compiled-in fields only */
	CHECK_INT(entity_company.nfields, nb);
	CHECK(entity_field(&entity_company, "inn") < 0);
	db = fixture_open("o.db");
	REQUIRE(db != NULL);
	CHECK_INT(entity_company.nfields, nb + 1);
	CHECK(entity_field(&entity_company, "inn") == nb);
	db_close(db);
	/* a read-only open (list, export) loads them too */
	REQUIRE(db_open(harness_path("o.db"), &ro, &db, &err) == SO_OK);
	CHECK(entity_field(&entity_company, "inn") == nb);
	db_close(db);
}

TEST(test_custom_fields_do_not_leak_between_databases)
{
	struct db *a = fixture_open("a.db"), *b;
	int nb = entity_nbuiltin(&entity_company);

	REQUIRE(a != NULL);
	REQUIRE(add(a, "company", "only_a", NULL, "text", NULL, 1) == SO_OK);
	REQUIRE(add(a, "deal", "deal_a", NULL, "number", NULL, 0) == SO_OK);
	db_close(a);
	b = fixture_open("b.db");
	REQUIRE(b != NULL);
	CHECK(entity_field(&entity_company, "only_a") < 0);
	CHECK(entity_field(&entity_deal, "deal_a") < 0);
	CHECK_INT(entity_company.nfields, nb);
	REQUIRE(add(b, "company", "only_b", NULL, "date", NULL, 0) == SO_OK);
	/* a's required field does not bind b's companies */
	CHECK(company(b, "Ромашка", NULL) > 0);
	db_close(b);
	a = fixture_open("a.db");
	REQUIRE(a != NULL);
	CHECK(entity_field(&entity_company, "only_a") == nb);
	CHECK(entity_field(&entity_company, "only_b") < 0);
	CHECK(entity_field(&entity_deal, "deal_a") ==
	    entity_nbuiltin(&entity_deal));
	/* both open at once: the later one's fields, none of the other's */
	b = fixture_open("b.db");
	REQUIRE(b != NULL);
	CHECK(entity_field(&entity_company, "only_b") == nb);
	CHECK(entity_field(&entity_company, "only_a") < 0);
	CHECK(entity_field(&entity_deal, "deal_a") < 0);
	db_close(b);
	db_close(a);
}

/* No entity needs code of its own: a field on each lists and filters. */
TEST(test_custom_field_on_every_entity)
{
	struct db *db = fixture_open("e.db");
	struct list_query q = { .sort = -1 };
	struct rec_list l = { 0 };
	struct so_err err;
	struct filter *f;
	int64_t n;
	int i;

	REQUIRE(db != NULL);
	for (i = 0; entities[i]; i++) {
		const struct entity *ent = entities[i];

		if (add(db, ent->name, "extra", "Extra", "text", NULL, 0) !=
		    SO_OK)
			continue;
		CHECK_INT(entity_field(ent, "extra"), entity_nbuiltin(ent));
		CHECK_INT(filter_compile(db, ent, "extra:x", FIXTURE_NOW, &f,
		    NULL, &err), SO_OK);
		q.filter = f;
		if (rec_count(db, ent, &q, &n, &err) != SO_OK)
			harness_fail(__FILE__, __LINE__, "%s: %s", ent->name,
			    err.msg);
		if (rec_list(db, ent, &q, LIST_FIRST, NULL, 5, &l, &err) !=
		    SO_OK)
			harness_fail(__FILE__, __LINE__, "%s: %s", ent->name,
			    err.msg);
		rec_list_free(&l);
		filter_free(f);
		q.filter = NULL;
	}
	db_close(db);
}

/* A record kept across a reload that grew the fields is still safe. */
TEST(test_custom_record_read_before_a_field_was_added)
{
	struct db *db = fixture_open("g.db");
	struct company c;
	struct so_err err;
	int64_t id;

	REQUIRE(db != NULL);
	id = company(db, "Ромашка", NULL);
	memset(&c, 0, sizeof(c));
	REQUIRE(store_company_get(db, id, &c, &err) == SO_OK);
	REQUIRE(add(db, "company", "inn", "ИНН", "text", NULL, 0) == SO_OK);
	CHECK_STR(shown(&entity_company, &c, "inn"), "");
	CHECK_INT(set(&entity_company, &c, "inn", "1655", &err), SO_OK);
	CHECK_INT(store_company_update(db, &c, &err), SO_OK);
	CHECK_INT(count(db, "inn=1655"), 1);
	store_company_clear(&c);
	db_close(db);
}

/* A copy owns its custom values: changing one leaves the other. */
TEST(test_custom_record_copy_is_deep)
{
	static const char *const kv[] = { "inn", "1655", "staff", "7", NULL };
	struct db *db = world();
	struct company c, copy;
	struct so_err err;

	REQUIRE(db != NULL);
	memset(&c, 0, sizeof(c));
	REQUIRE(store_company_get(db, company(db, "Ромашка", kv), &c, &err) ==
	    SO_OK);
	rec_copy(&entity_company, &copy, &c);
	CHECK_INT(set(&entity_company, &c, "inn", "7701", &err), SO_OK);
	CHECK_INT(set(&entity_company, &c, "staff", "8", &err), SO_OK);
	CHECK_STR(shown(&entity_company, &copy, "inn"), "1655");
	CHECK_STR(shown(&entity_company, &copy, "staff"), "7");
	CHECK(!field_equal(&entity_company.fields[entity_field(
	    &entity_company, "inn")], &c, &copy));
	store_company_clear(&c);
	CHECK_STR(shown(&entity_company, &copy, "inn"), "1655");
	store_company_clear(&copy);
	db_close(db);
}

/* A label changes, the name (filters, templates) stays; audited. */
TEST(test_custom_field_relabel)
{
	static const char *const kv[] = { "inn", "1655", NULL };
	struct db *db = world();
	struct so_err err;
	int fi;

	REQUIRE(db != NULL);
	REQUIRE(company(db, "Ромашка", kv) > 0);
	CHECK_INT(custom_field_relabel(db, "companies", "inn", "ИНН клиента",
	    &err), SO_OK);
	fi = entity_field(&entity_company, "inn");
	REQUIRE(fi >= 0);
	CHECK_STR(field_label(&entity_company, &entity_company.fields[fi]),
	    "ИНН клиента");
	CHECK_INT(count(db, "inn:1655"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'custom_field' AND field = 'label' AND old_value = 'ИНН' "
	    "AND new_value = 'ИНН клиента'"), 1);
	/* its own label in another case is no clash; another's is */
	CHECK_INT(custom_field_relabel(db, "company", "inn", "инн клиента",
	    &err), SO_OK);
	CHECK_INT(custom_field_relabel(db, "company", "inn", "Segment", &err),
	    SO_EINVAL);
	CHECK(strstr(err.msg, "segment") != NULL);
	CHECK_INT(custom_field_relabel(db, "company", "inn", "", &err),
	    SO_EINVAL);
	CHECK_INT(custom_field_relabel(db, "company", "name", "Имя", &err),
	    SO_EINVAL);
	CHECK_INT(custom_field_relabel(db, "company", "nope", "Имя", &err),
	    SO_ENOTFOUND);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'custom_field' AND field = 'label'"), 2);
	db_close(db);
}

/* Up and down among the entity's custom fields; the ends stay. */
TEST(test_custom_field_move)
{
	struct db *db = world();
	struct custom_field *f;
	struct so_err err;
	size_t n;
	int nb = entity_nbuiltin(&entity_company);

	REQUIRE(db != NULL);
	/* inn staff since segment budget partner: since up, then inn
	 * down past it, then two moves at the ends */
	CHECK_INT(custom_field_move(db, "company", "since", -1, &err), SO_OK);
	CHECK_INT(custom_field_move(db, "company", "inn", 1, &err), SO_OK);
	CHECK_INT(custom_field_move(db, "company", "partner", 1, &err), SO_OK);
	CHECK_INT(custom_field_move(db, "company", "since", -1, &err), SO_OK);
	REQUIRE(custom_field_list(db, "company", &f, &n, &err) == SO_OK);
	REQUIRE(n == 6);
	CHECK_STR(f[0].name, "since");
	CHECK_STR(f[1].name, "inn");
	CHECK_STR(f[2].name, "staff");
	CHECK_STR(f[3].name, "segment");
	CHECK_STR(f[5].name, "partner");
	custom_field_list_free(f, n);
	/* the descriptors follow: the card and form read them in order */
	CHECK_INT(entity_field(&entity_company, "since"), nb);
	CHECK_INT(entity_field(&entity_company, "inn"), nb + 1);
	/* two moves; the two at the ends wrote nothing */
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'custom_field' AND field = 'position'"), 2);
	CHECK_INT(custom_field_move(db, "company", "name", 1, &err),
	    SO_EINVAL);
	db_close(db);
}

/* Another process's change is seen: custom_changed, then a load. */
TEST(test_custom_changed_by_another_process)
{
	struct db *db = fixture_open("x.db");
	struct so_err err;
	sqlite3 *other;

	REQUIRE(db != NULL);
	REQUIRE(add(db, "company", "inn", "ИНН", "text", NULL, 0) == SO_OK);
	CHECK_INT(custom_changed(db), 0);
	/* another connection, as another process's */
	REQUIRE(sqlite3_open(harness_path("x.db"), &other) == SQLITE_OK);
	REQUIRE(sqlite3_exec(other, "INSERT INTO custom_fields (entity, name, "
	    "label, sort) VALUES ('company', 'kpp', 'КПП', 20)", NULL, NULL,
	    NULL) == SQLITE_OK);
	CHECK_INT(custom_changed(db), 1);
	CHECK(entity_field(&entity_company, "kpp") < 0);
	REQUIRE(custom_load(db, &err) == SO_OK);
	CHECK_INT(custom_changed(db), 0);
	CHECK(entity_field(&entity_company, "kpp") >= 0);
	REQUIRE(sqlite3_exec(other, "UPDATE custom_fields SET label = 'ИНН!' "
	    "WHERE name = 'inn'", NULL, NULL, NULL) == SQLITE_OK);
	CHECK_INT(custom_changed(db), 1);
	sqlite3_close(other);
	db_close(db);
}
