/*
 * The database handle: migrations, refusals that leave files untouched,
 * transactions, settings, check and backup; busy: a write that meets
 * another process's write (a child holding BEGIN IMMEDIATE with an
 * INSERT done, fixture_hold_lock) waits and retries, and past the limit
 * says who is writing, never "database is locked".
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "fixture.h"
#include "harness.h"
#include "store/backup.h"
#include "store/db.h"
#include "store/settings.h"
#include "store/users.h"

static void
write_file(const char *path, const char *bytes, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f) {
		fwrite(bytes, 1, n, f);
		fclose(f);
	}
}

TEST(test_new_database_gets_latest_schema_wal_and_mode_0600)
{
	struct db *db = fixture_open("new/dir/t.db");
	struct stat sb;

	REQUIRE(db != NULL);
	CHECK_INT(db_schema_version(db), db_latest_version());
	CHECK(db_latest_version() >= 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM sqlite_master WHERE "
	    "name IN ('companies','contacts','contact_jobs','tasks','notes',"
	    "'links','events','event_types','event_results','deals',"
	    "'payments','users','programs','program_members','custom_fields',"
	    "'audit_log','settings')"), 17);
	CHECK_INT(fixture_int(db, "PRAGMA foreign_keys"), 1);
	CHECK(stat(harness_path("new/dir/t.db"), &sb) == 0);
	CHECK_INT(sb.st_mode & 0777, 0600);
	db_close(db);
	{
		sqlite3 *h;
		sqlite3_stmt *st;

		sqlite3_open(harness_path("new/dir/t.db"), &h);
		sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &st, NULL);
		CHECK(sqlite3_step(st) == SQLITE_ROW);
		CHECK_STR((const char *)sqlite3_column_text(st, 0), "wal");
		sqlite3_finalize(st);
		sqlite3_close(h);
	}
}

TEST(test_first_login_is_admin_others_are_refused_until_added)
{
	struct db *db = fixture_open("t.db");
	struct so_err err;

	REQUIRE(db != NULL);
	CHECK_STR(db_user_role(db), "admin");
	CHECK(db_user_id(db) > 0);
	/* an unknown login is refused, and nothing is left logged in */
	CHECK_INT(db_login(db, "boris", &err), SO_EPERM);
	CHECK(strstr(err.msg, "boris is not a user") != NULL);
	CHECK(strstr(err.msg, "salesorg user add boris") != NULL);
	CHECK_STR(db_user_login(db), "");
	CHECK_INT(db_user_id(db), 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM users"), 1);
	/* the admin adds him */
	REQUIRE(db_login(db, "anna", &err) == SO_OK);
	CHECK_INT(store_user_add(db, "boris", "Борис Котов", ROLE_MANAGER,
	    &err), SO_OK);
	CHECK_INT(db_login(db, "boris", &err), SO_OK);
	CHECK_STR(db_user_role(db), "manager");
	CHECK_STR(db_user_login(db), "boris");
	/* a manager adds nobody */
	CHECK_INT(store_user_add(db, "vera", NULL, ROLE_ADMIN, &err),
	    SO_EPERM);
	CHECK(strstr(err.msg, "only an administrator may add users") != NULL);
	CHECK_INT(db_login(db, "anna", &err), SO_OK);
	CHECK_STR(db_user_role(db), "admin");
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM users"), 2);
	db_close(db);
}

TEST(test_join_on_first_use_and_disabled_users)
{
	struct db *db = fixture_open("t.db");
	struct so_err err;

	REQUIRE(db != NULL);
	CHECK_INT(settings_set_flag(db, "users.join", 1, 1, &err), SO_OK);
	CHECK_INT(db_login(db, "vera", &err), SO_OK);
	CHECK_STR(db_user_role(db), "manager");
	/* her arrival is in the log, as done by her */
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log a JOIN "
	    "users u ON u.id = a.user_id WHERE a.entity = 'user' AND "
	    "a.action = 'create' AND u.login = 'vera' AND "
	    "a.record_id = u.id"), 1);
	/* a manager may not switch the door open or shut */
	CHECK_INT(settings_set_flag(db, "users.join", 0, 1, &err), SO_EPERM);
	REQUIRE(db_login(db, "anna", &err) == SO_OK);
	CHECK_INT(settings_set_flag(db, "users.join", 0, 1, &err), SO_OK);
	CHECK_INT(db_login(db, "gleb", &err), SO_EPERM);
	/* disabled: refused at the door */
	REQUIRE(db_login(db, "anna", &err) == SO_OK);
	CHECK_INT(store_user_set(db, "vera", ROLE_NONE, NULL, 1, &err), SO_OK);
	CHECK_INT(db_login(db, "vera", &err), SO_EPERM);
	CHECK(strstr(err.msg, "vera is disabled") != NULL);
	/* the last administrator stays one */
	REQUIRE(db_login(db, "anna", &err) == SO_OK);
	CHECK_INT(store_user_set(db, "anna", ROLE_MANAGER, NULL, -1, &err),
	    SO_EPERM);
	CHECK(strstr(err.msg, "last administrator") != NULL);
	CHECK_INT(store_user_set(db, "anna", ROLE_NONE, NULL, 1, &err),
	    SO_EPERM);
	CHECK_INT(store_user_set(db, "vera", ROLE_ADMIN, "Вера", 0, &err),
	    SO_OK);
	CHECK_INT(store_user_set(db, "anna", ROLE_HEAD, NULL, -1, &err),
	    SO_OK);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'user' AND field = 'role' AND old_value = 'admin' AND "
	    "new_value = 'head'"), 1);
	db_close(db);
}

/* Two migrations of our own: the second adds a column. */
static const struct migration two[] = {
	{ 1, "001_a.sql", "CREATE TABLE a (x INTEGER);"
	    "INSERT INTO a VALUES (42);" },
	{ 2, "002_b.sql", "ALTER TABLE a ADD COLUMN y TEXT DEFAULT 'new';" },
};

TEST(test_migration_upgrades_a_file_at_an_older_version)
{
	struct db_opts opts = { .create = 1, .migrations = two,
	    .nmigrations = 1 };
	struct so_err err;
	struct db *db;

	REQUIRE(db_open(harness_path("m.db"), &opts, &db, &err) == SO_OK);
	CHECK_INT(db_schema_version(db), 1);
	db_close(db);
	opts.nmigrations = 2;
	REQUIRE(db_open(harness_path("m.db"), &opts, &db, &err) == SO_OK);
	CHECK_INT(db_schema_version(db), 2);
	/* Old data survives the upgrade, new column has its default. */
	CHECK_INT(fixture_int(db, "SELECT x FROM a WHERE y = 'new'"), 42);
	db_close(db);
}

TEST(test_failing_migration_rolls_back_everything)
{
	static const struct migration bad[] = {
		{ 1, "001_a.sql", "CREATE TABLE a (x INTEGER);" },
		{ 2, "002_b.sql", "CREATE TABLE b (y INTEGER);"
		    "INSERT INTO nowhere VALUES (1);" },
	};
	struct db_opts opts = { .create = 1, .migrations = bad,
	    .nmigrations = 1 };
	struct so_err err;
	struct db *db;

	REQUIRE(db_open(harness_path("m.db"), &opts, &db, &err) == SO_OK);
	db_close(db);
	opts.nmigrations = 2;
	CHECK_INT(db_open(harness_path("m.db"), &opts, &db, &err), SO_ERR);
	CHECK(strstr(err.msg, "002_b.sql") != NULL);
	opts.nmigrations = 1;
	REQUIRE(db_open(harness_path("m.db"), &opts, &db, &err) == SO_OK);
	CHECK_INT(db_schema_version(db), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'b'"), 0);
	db_close(db);
}

TEST(test_newer_database_is_refused_and_left_untouched)
{
	unsigned long long before, after;
	long long sz1, sz2;
	struct so_err err;
	struct db *db;
	sqlite3 *h;

	/* A database from a "future" salesorg, in rollback-journal mode,
	 * so that even switching to WAL would show in the checksum. */
	REQUIRE(sqlite3_open(harness_path("f.db"), &h) == SQLITE_OK);
	sqlite3_exec(h, "CREATE TABLE future (x); PRAGMA user_version = 999;",
	    NULL, NULL, NULL);
	sqlite3_close(h);
	before = fixture_file_sum(harness_path("f.db"), &sz1);
	CHECK_INT(db_open(harness_path("f.db"), NULL, &db, &err), SO_ENEWER);
	CHECK(db == NULL);
	CHECK(strstr(err.msg, "f.db") != NULL);
	CHECK(strstr(err.msg, "999") != NULL);
	after = fixture_file_sum(harness_path("f.db"), &sz2);
	CHECK(before == after);
	CHECK_INT(sz1, sz2);
	CHECK(access(harness_path("f.db-wal"), F_OK) != 0);
}

TEST(test_text_file_is_refused_untouched)
{
	const char *text = "name;phone\nРомашка;+7 843\n";
	unsigned long long before;
	long long sz;
	struct so_err err;
	struct db *db;
	struct db_opts opts = { .create = 1 };

	write_file(harness_path("x.db"), text, strlen(text));
	before = fixture_file_sum(harness_path("x.db"), &sz);
	CHECK_INT(db_open(harness_path("x.db"), &opts, &db, &err), SO_ENOTDB);
	CHECK(strstr(err.msg, "x.db") != NULL);
	CHECK(strstr(err.msg, "not a salesorg database") != NULL);
	CHECK(fixture_file_sum(harness_path("x.db"), &sz) == before);
}

TEST(test_truncated_database_is_refused_untouched)
{
	struct db *db = fixture_open("t.db");
	struct so_err err;
	unsigned long long before;
	long long sz;
	int i;

	REQUIRE(db != NULL);
	for (i = 0; i < 200; i++)
		db_exec(db, "INSERT INTO settings VALUES (hex(randomblob(16)),"
		    " hex(randomblob(400)))", NULL);
	db_close(db);	/* last connection: checkpoints the WAL away */
	REQUIRE(access(harness_path("t.db-wal"), F_OK) != 0);
	REQUIRE(truncate(harness_path("t.db"), 8192) == 0);
	before = fixture_file_sum(harness_path("t.db"), &sz);
	CHECK_INT(db_open(harness_path("t.db"), NULL, &db, &err), SO_ENOTDB);
	CHECK(strstr(err.msg, "truncated") != NULL);
	CHECK(fixture_file_sum(harness_path("t.db"), &sz) == before);
	CHECK_INT(sz, 8192);
}

TEST(test_read_only_database_is_refused_untouched)
{
	struct db *db = fixture_open("t.db");
	struct so_err err;
	unsigned long long before;
	long long sz;

	REQUIRE(db != NULL);
	db_close(db);
	REQUIRE(chmod(harness_path("t.db"), 0444) == 0);
	before = fixture_file_sum(harness_path("t.db"), &sz);
	CHECK_INT(db_open(harness_path("t.db"), NULL, &db, &err),
	    SO_EREADONLY);
	CHECK(strstr(err.msg, "read-only") != NULL);
	CHECK(fixture_file_sum(harness_path("t.db"), &sz) == before);
	/* Reading it is still allowed (check, backup). */
	{
		struct db_opts ro = { .readonly = 1 };

		CHECK_INT(db_open(harness_path("t.db"), &ro, &db, &err),
		    SO_OK);
		db_close(db);
	}
}

TEST(test_missing_database_without_create_is_an_error)
{
	struct so_err err;
	struct db *db;

	CHECK_INT(db_open(harness_path("none.db"), NULL, &db, &err),
	    SO_ENOTFOUND);
	CHECK(access(harness_path("none.db"), F_OK) != 0);
}

TEST(test_nested_transaction_rollback_dooms_the_outer_one)
{
	struct db *db = fixture_open("t.db");
	struct so_err err;

	REQUIRE(db != NULL);
	CHECK_INT(db_begin(db, &err), SO_OK);
	CHECK_INT(db_exec(db, "INSERT INTO settings VALUES ('a', '1')", &err),
	    SO_OK);
	CHECK_INT(db_begin(db, &err), SO_OK);
	db_rollback(db);
	CHECK(db_commit(db, &err) != SO_OK);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM settings WHERE "
	    "key = 'a'"), 0);
	db_close(db);
}

TEST(test_settings_round_trip)
{
	struct db *db = fixture_open("t.db");
	struct so_err err;
	char *v;

	REQUIRE(db != NULL);
	CHECK(db_setting(db, "agenda.skip") == NULL);
	CHECK_INT(db_set_setting(db, "agenda.skip", "1", &err), SO_OK);
	CHECK_INT(db_set_setting(db, "agenda.skip", "0", &err), SO_OK);
	v = db_setting(db, "agenda.skip");
	CHECK_STR(v, "0");
	free(v);
	db_close(db);
}

TEST(test_check_passes_on_fresh_and_finds_broken_foreign_key)
{
	struct db *db = fixture_open("t.db");
	struct strbuf rep = { 0 };
	struct so_err err;

	REQUIRE(db != NULL);
	CHECK_INT(db_check(db, &rep, &err), SO_OK);
	db_exec(db, "PRAGMA foreign_keys = OFF", NULL);
	db_exec(db, "INSERT INTO contacts (last_name, company_id, created_at,"
	    " updated_at) VALUES ('Orphan', 9999, 0, 0)", NULL);
	sb_reset(&rep);
	CHECK_INT(db_check(db, &rep, &err), SO_ENOTDB);
	CHECK(strstr(sb_str(&rep), "contacts") != NULL);
	sb_free(&rep);
	db_close(db);
}

TEST(test_backup_copy_opens_and_has_the_data)
{
	struct db *db = fixture_open("t.db"), *copy;
	struct db_opts ro = { .readonly = 1 };
	struct so_err err;

	REQUIRE(db != NULL);
	db_exec(db, "INSERT INTO settings VALUES ('k', 'Ромашка')", NULL);
	CHECK_INT(backup_db(db, harness_path("copy.db"), &err), SO_OK);
	db_close(db);
	REQUIRE(db_open(harness_path("copy.db"), &ro, &copy, &err) == SO_OK);
	CHECK_INT(fixture_int(copy, "SELECT count(*) FROM settings WHERE "
	    "value = 'Ромашка'"), 1);
	db_close(copy);
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

TEST(test_busy_write_past_the_limit_names_the_holder)
{
	struct db *db = fixture_open_busy("busy.db", 50, 300);
	struct so_err err = { 0 };
	struct fixture_holder h;
	char want[64];
	long long t0;

	REQUIRE(db != NULL);
	REQUIRE(fixture_hold_lock(db_path(db), 0, &h) == 0);
	t0 = now_ms();
	CHECK_INT(db_begin(db, &err), SO_EBUSY);
	CHECK(now_ms() - t0 >= 290);
	CHECK(now_ms() - t0 < 3000);
	snprintf(want, sizeof(want), "(pid %ld, ", (long)h.pid);
	CHECK(strstr(err.msg, want) != NULL);
	CHECK(strstr(err.msg, "the database is busy") != NULL);
	CHECK(strstr(err.msg, "nothing was lost, try again") != NULL);
	CHECK(strstr(err.msg, "locked") == NULL);
	/* the failed begin left no transaction behind */
	CHECK_INT(sqlite3_get_autocommit(db_sqlite(db)), 1);
	CHECK_INT(db_set_setting(db, "k", "v", &err), SO_EBUSY);
	CHECK_INT(fixture_release_lock(&h), 0);
	CHECK_INT(db_set_setting(db, "k", "v", &err), SO_OK);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM settings WHERE key "
	    "IN ('k', 'held')"), 2);
	db_close(db);
}

TEST(test_busy_write_retries_until_the_other_writer_commits)
{
	/* A busy timeout far shorter than the other's write: only the
	 * retry of the whole transaction gets it through. */
	struct db *db = fixture_open_busy("retry.db", 20, 10000);
	struct so_err err = { 0 };
	struct fixture_holder h;
	long long t0;

	REQUIRE(db != NULL);
	REQUIRE(fixture_hold_lock(db_path(db), 400, &h) == 0);
	t0 = now_ms();
	CHECK_INT(db_set_setting(db, "mine", "1", &err), SO_OK);
	CHECK(now_ms() - t0 >= 300);
	CHECK_INT(fixture_release_lock(&h), 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM settings WHERE key "
	    "IN ('mine', 'held')"), 2);
	db_close(db);
}

/*
 * Every connection is defensive: the schema cannot be rewritten by SQL
 * (PRAGMA writable_schema has no effect), the FTS shadow tables are
 * read-only, the schema is untrusted, and a page whose cells do not fit
 * is caught on reading.
 */
TEST(test_connections_are_defensive)
{
	struct so_err err = { 0 };
	struct db *db;

	REQUIRE((db = fixture_open("d.db")) != NULL);
	db_exec(db, "PRAGMA writable_schema = ON", &err);
	CHECK(db_exec(db, "UPDATE sqlite_schema SET sql = 'CREATE TABLE "
	    "x(y)' WHERE name = 'companies'", &err) != SO_OK);
	CHECK(db_exec(db, "DELETE FROM companies_fts_data", &err) != SO_OK);
	CHECK_INT(fixture_int(db, "PRAGMA cell_size_check"), 1);
	/* the schema is not trusted: what the file stores may not use a
	 * virtual table, and no trigger of the file keeps the index */
	CHECK_INT(fixture_int(db, "PRAGMA trusted_schema"), 0);
	CHECK_INT(db_exec(db, "CREATE VIEW peek AS SELECT rowid FROM "
	    "companies_fts", &err), SO_OK);
	CHECK(db_exec(db, "SELECT * FROM peek", &err) != SO_OK);
	CHECK(strstr(err.msg, "unsafe use of virtual table") != NULL);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM sqlite_schema WHERE "
	    "type = 'trigger' AND sql LIKE '%_fts%'"), 0);
	db_close(db);
}

/*
 * Work whose sorts grow with the data sorts on disk (issue 26): between
 * db_spill_begin and db_spill_end the temporary store is files, the
 * connection's memory store before and after; calls nest, and inside a
 * transaction (where SQLite cannot switch) nothing changes.
 */
TEST(test_spill_puts_the_temporary_store_on_disk_and_back)
{
	struct db *db = fixture_open("spill.db");
	struct so_err err = { 0 };

	REQUIRE(db != NULL);
	CHECK_INT(fixture_int(db, "PRAGMA temp_store"), 2);	/* memory */
	CHECK_INT(db_spill_begin(db), SO_OK);
	CHECK_INT(fixture_int(db, "PRAGMA temp_store"), 1);	/* file */
	CHECK_INT(db_spill_begin(db), SO_OK);
	db_spill_end(db);
	CHECK_INT(fixture_int(db, "PRAGMA temp_store"), 1);
	/* A sort bigger than the cache spills to a file and still sorts. */
	CHECK_INT(fixture_int(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION "
	    "ALL SELECT i + 1 FROM n WHERE i < 200000) SELECT i FROM n "
	    "ORDER BY randomblob(64) || i LIMIT 1") > 0, 1);
	db_spill_end(db);
	CHECK_INT(fixture_int(db, "PRAGMA temp_store"), 2);

	REQUIRE(db_begin(db, &err) == SO_OK);
	CHECK_INT(db_spill_begin(db), SO_OK);
	CHECK_INT(fixture_int(db, "PRAGMA temp_store"), 2);
	db_spill_end(db);
	CHECK_INT(fixture_int(db, "PRAGMA temp_store"), 2);
	REQUIRE(db_commit(db, &err) == SO_OK);
	db_close(db);
}

/*
 * A new database's event types, results and stages are named in the
 * language of whoever makes it (they are rows the admin edits); the
 * codes stay; an English run makes them as the SQL seeds them.
 */
TEST(test_new_database_names_its_defaults_in_the_makers_language)
{
	struct db *db;

	bindtextdomain("salesorg", BUILD_LOCALEDIR);
	textdomain("salesorg");
	REQUIRE(i18n_set_lang("ru") == 0);
	db = fixture_open("ru.db");
	i18n_set_lang("en");
	REQUIRE(db != NULL);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM event_types WHERE "
	    "code = 'call' AND name = 'Звонок'"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM event_results WHERE "
	    "code = 'held' AND name = 'Встреча проведена'"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM deal_stages WHERE "
	    "code = 'won' AND name = 'Выиграна'"), 1);
	db_close(db);
	REQUIRE((db = fixture_open("en.db")) != NULL);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM event_types WHERE "
	    "code = 'call' AND name = 'Call'"), 1);
	db_close(db);
}
