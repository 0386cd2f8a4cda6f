/*
 * The database handle: opening (and refusing) files, migrating the schema,
 * transactions, the prepared-statement cache, the current user, and the
 * integrity check.  Every store module goes through here; nothing above
 * the store sees sqlite3.  It is the bottom of the store: it includes no
 * store header but migrations.h.  What the modules above must do to
 * every handle (custom fields on open) is a hook they set; logging in is
 * store/users.h, the backup store/backup.h.
 */
#ifndef STORE_DB_H
#define STORE_DB_H

#include <stdint.h>
#include <time.h>

#include <sqlite3.h>

#include "base/err.h"
#include "base/util.h"
#include "store/migrations.h"

struct db;

struct db_opts {
	int	 create;	/* create the file (and its directory) if missing */
	int	 readonly;	/* open for reading only; never migrates */
	/* Migrations to apply; NULL means the ones compiled in (tests
	 * pass their own to exercise upgrades and failures). */
	const struct migration *migrations;
	int	 nmigrations;
	int	 busy_ms;	/* busy timeout; 0 means the default (5000) */
	/* How long db_begin and db_commit keep retrying a write that
	 * meets another writer; 0 means the default (30000). */
	int	 busy_limit_ms;
};

/*
 * Opens path.  Refuses, with a one-line message naming the file and
 * leaving it byte-for-byte untouched: a file that is not an SQLite
 * database (SO_ENOTDB), one shorter than its header says (truncated,
 * SO_ENOTDB), one whose schema is newer than this binary (SO_ENEWER), a
 * file without write permission unless opts->readonly (SO_EREADONLY).
 * Otherwise sets WAL, foreign keys and the busy timeout, and migrates to
 * the newest schema in one transaction.
 */
int	 db_open(const char *path, const struct db_opts *opts, struct db **out,
	    struct so_err *err);
void	 db_close(struct db *db);
/*
 * Sets what db_open runs last on every handle it opens (an error refuses
 * the file like any other) and what db_close runs first; set once, by
 * the module above that needs it (store/custom.c, at start-up).
 */
void	 db_set_open_hook(int (*open)(struct db *db, struct so_err *err),
	    void (*close)(const struct db *db));
const char *db_path(const struct db *db);

/* Schema version of the open database (PRAGMA user_version). */
int	 db_schema_version(struct db *db);
/* The newest schema version this binary knows. */
int	 db_latest_version(void);

/* Sets the current user without asking (for db_login, store/users.h). */
void	 db_set_user(struct db *db, int64_t id, const char *login,
	    const char *role);
/* Depth of acl_system() (store/acl.h): checks pass while non-zero. */
int	 db_system(const struct db *db);
void	 db_system_add(struct db *db, int delta);
int64_t	 db_user_id(const struct db *db);		/* 0 before db_login */
const char *db_user_login(const struct db *db);	/* "" before db_login */
const char *db_user_role(const struct db *db);	/* "" before db_login */

/*
 * Transactions.  db_begin starts BEGIN IMMEDIATE (take the write lock
 * now, so a concurrent writer makes us wait for busy_timeout here rather
 * than fail half-way with SQLITE_BUSY on upgrade).  When it still meets
 * another writer it tries again, with short pauses, up to the busy limit
 * (db_opts.busy_limit_ms); nothing has been done yet, so retrying is
 * safe.  A COMMIT that meets a reader is retried the same way.  Past the
 * limit: SO_EBUSY, "the database is busy: bob (pid 4242, salesorg) has
 * been writing for at least 31 s; nothing was lost, try again".  Calls
 * nest: only the outermost begin/commit touch SQLite; a rollback at any
 * depth rolls the whole transaction back and makes the outer commit
 * fail.
 */
int	 db_begin(struct db *db, struct so_err *err);
int	 db_commit(struct db *db, struct so_err *err);
void	 db_rollback(struct db *db);
/* Ends a transaction begun with db_begin: commits when code is SO_OK,
 * else rolls back and returns code. */
int	 db_finish(struct db *db, int code, struct so_err *err);

/*
 * A prepared statement for sql, cached for the life of the handle.  The
 * caller binds, steps, and must call db_done() when finished with it.
 */
int	 db_prepare(struct db *db, const char *sql, sqlite3_stmt **st,
	    struct so_err *err);
void	 db_done(sqlite3_stmt *st);
/* A text column of the current row, "" for NULL (never NULL), and a
 * copy of it the caller frees. */
const char *db_text(sqlite3_stmt *st, int col);
char	*db_text_dup(sqlite3_stmt *st, int col);
/* Runs sql (no parameters, no rows) once. */
int	 db_exec(struct db *db, const char *sql, struct so_err *err);

/*
 * Turns an SQLite result code into an so_rc with a message naming the
 * file and what was being done ("db.sqlite: inserting company: ...").
 * what is marked by the caller (N_ or _) and translated here.
 */
int	 db_error(struct db *db, int rc, const char *what, struct so_err *err);
sqlite3	*db_sqlite(struct db *db);

/* Current time; tests may pin it with db_set_now (0 = the real clock). */
time_t	 db_now(const struct db *db);
void	 db_set_now(struct db *db, time_t now);

/* PRAGMA data_version: changes when another connection commits. */
int64_t	 db_data_version(struct db *db);

/*
 * Between these two, the sorts and temporary b-trees of statements go
 * to temporary files rather than memory: for the work whose sorts grow
 * with the data (every month's ABC ranks, a report over all time), so
 * that memory stays within its budget (64 MiB, issue 26) whatever the
 * size of the file.  Elsewhere they stay in memory, where the statement
 * journals of many small writes are ten times cheaper (db.c, db_open).
 * SQLite cannot change this inside a transaction: begin outside one
 * (inside, the call changes nothing).  In a setgid process the files go
 * into the database's own directory, never where the user could read
 * them (base/priv.h).  Calls nest; always SO_OK (at worst the store
 * stays in memory).
 */
int	 db_spill_begin(struct db *db);
void	 db_spill_end(struct db *db);

/*
 * The tally: so_tally(x) in SQL returns x and, when x is true, counts
 * one more here, so a statement that must see every row anyway (a
 * filtered list's sort, store/record.c) counts its matches on the way.
 */
void	 db_tally_reset(struct db *db);
int64_t	 db_tally(const struct db *db);

/*
 * integrity_check and foreign_key_check.  Appends one line per problem to
 * report; returns SO_OK when there are none, SO_ENOTDB when there are.
 */
int	 db_check(struct db *db, struct strbuf *report, struct so_err *err);

/* Text of a setting, or NULL when unset (the caller frees). */
char	*db_setting(struct db *db, const char *key);
int	 db_set_setting(struct db *db, const char *key, const char *value,
	    struct so_err *err);

/*
 * A write waiting for another's lock: after a moment, and then about
 * four times a second, hook hears how long it has waited (ms), and -1
 * when the wait is over (written or given up).  The TUI shows it on the
 * bottom line; NULL: nobody is told.
 */
void	db_set_wait_hook(struct db *db,
	    void (*hook)(void *arg, long long waited_ms), void *arg);

#endif
