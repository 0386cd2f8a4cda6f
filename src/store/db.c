/*
 * The database handle.
 *
 * Opening is where data gets lost in other programs, so it is careful:
 * before SQLite is allowed to write anything (WAL mode changes the file
 * header, migrations add tables) we check, in this order, that the file
 * is an SQLite database at all (our own look at the 100-byte header, so a
 * text file gets a clear message instead of "file is not a database"
 * halfway through), that it is not shorter than its header says (a
 * truncated copy), that it is writable, and that its schema is not newer
 * than ours.  Any refusal closes the handle with the file untouched.
 *
 * Migrations run inside one BEGIN IMMEDIATE transaction together with the
 * PRAGMA user_version bump: either the whole upgrade lands or none of it.
 * The version is read again after the lock is taken, because another
 * process may have migrated while we waited.
 *
 * Statements are prepared once per handle and cached by their SQL text
 * (SQLITE_PREPARE_PERSISTENT): the store generates its SQL from the
 * entity descriptors, and re-preparing on every list page would cost more
 * than running it.
 *
 * This is the bottom of the store: it calls no store module above it.
 * What those must do to every handle (the custom fields, store/custom.c)
 * runs through the open hook they set; logging in is store/users.c, the
 * backup store/backup.c (it asks the access rules first).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/priv.h"
#include "base/utf8.h"
#include "store/db.h"
#include "store/sqlmem.h"
#include "store/lockinfo.h"
#include "store/regex.h"

#define DEFAULT_BUSY_MS	5000
#define DEFAULT_BUSY_LIMIT_MS	30000
#define RETRY_PAUSE_MS	10	/* first pause between retries, doubling */
#define RETRY_PAUSE_MAX_MS	200

struct cached_stmt {
	char		*sql;
	sqlite3_stmt	*st;
};

struct db {
	sqlite3			*h;
	char			*path;
	int			 readonly;
	int			 busy_ms;	/* SQLite's busy timeout */
	int			 busy_limit_ms;	/* our retries, in all */
	long long		 busy_start;	/* of the current wait (ms) */
	/* a write waiting for the lock: told to the hook (the TUI) */
	void			(*wait_hook)(void *arg, long long waited_ms);
	void			*wait_arg;
	long long		 wait_since, wait_told;	/* ms; 0: none */
	int			 depth;		/* transaction nesting */
	int			 doomed;	/* an inner level rolled back */
	struct cached_stmt	*cache;
	size_t			 ncache, capcache;
	int64_t			 user_id;
	char			*login;
	char			*role;
	time_t			 now;		/* 0 = real clock */
	int			 system;	/* acl_system depth */
	int64_t			 tally;		/* so_tally's count */
	int			 spill;		/* db_spill_begin depth */
	int			 spilling;	/* temp_store is FILE now */
};

/*
 * What a module above does to every database as it opens and before it
 * closes (store/custom.c loads the custom fields): set once, so this
 * file calls nothing of the store above it.
 */
static int	(*open_hook)(struct db *, struct so_err *);
static void	(*close_hook)(const struct db *);

void
db_set_open_hook(int (*open)(struct db *db, struct so_err *err),
    void (*close)(const struct db *db))
{
	open_hook = open;
	close_hook = close;
}

static int
run_open_hook(struct db *db, struct so_err *err)
{
	return open_hook ? open_hook(db, err) : SO_OK;
}

const char *
db_path(const struct db *db)
{
	return db->path;
}

sqlite3 *
db_sqlite(struct db *db)
{
	return db->h;
}

static int
latest_of(const struct migration *m, int n)
{
	int i, v = 0;

	for (i = 0; i < n; i++)
		if (m[i].version > v)
			v = m[i].version;
	return v;
}

int
db_latest_version(void)
{
	return latest_of(migrations, migrations_count);
}

static int
is_busy(int rc)
{
	return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

/*
 * The message a person gets when a write waited waited_ms and gave up:
 * never SQLite's "database is locked", but who is writing when the lock
 * table tells (store/lockinfo.h), and that their input is safe.
 */
static int
busy_error(struct db *db, long long waited_ms, struct so_err *err)
{
	struct lock_holder h;
	char who[160];
	long long s = (waited_ms + 999) / 1000;

	if (lockinfo_writer(db->path, &h)) {
		if (h.pid == getpid())
			snprintf(who, sizeof(who), _("this salesorg (pid %ld)"),
			    (long)h.pid);
		else
			snprintf(who, sizeof(who), "%s (pid %ld%s%s)",
			    h.login[0] ? h.login : _("someone"), (long)h.pid,
			    h.comm[0] ? ", " : "", h.comm);
	} else
		snprintf(who, sizeof(who), "%s", _("another user"));
	/* TRANSLATORS: the second %s is who writes: "ivanov (pid 42,
	 * salesorg)", "another user", "this salesorg (pid 42)". */
	return so_err_set(err, SO_EBUSY, _("%s: the database is busy: %s has "
	    "been writing for at least %lld s; nothing was lost, try again"),
	    db->path, who, s < 1 ? 1 : s);
}

int
db_error(struct db *db, int rc, const char *what, struct so_err *err)
{
	const char *msg = db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc);
	int code;

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		/* A statement that met a lock has waited the busy
		 * timeout (a write outside db_begin, a reader during
		 * WAL recovery). */
		return busy_error(db, db->busy_ms, err);
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		code = SO_ENOTDB;
		break;
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		code = SO_EREADONLY;
		break;
	default:
		code = SO_ERR;
	}
	return so_err_set(err, code, "%s: %s: %s", db->path, _(what), msg);
}

/*
 * SQLite's own busy handler sleeps 1, 2, 5, 10 ... up to 100 ms between
 * tries; among eight busy writers an unlucky one sleeps through many
 * short transactions of the others and waits seconds (the load test saw
 * 4 s).  Ours polls at most every BUSY_POLL_MAX_MS, so the lock goes to
 * whoever asks soonest after it is free, and the waits stay short.
 */
#define BUSY_POLL_MAX_MS	5

#define WAIT_TELL_MS		300	/* a wait told after this long */
#define WAIT_TELL_EVERY_MS	250	/* and again this often */

/* A write has waited for the lock a while: the hook hears it (the TUI
 * says so on the bottom line rather than seem hung). */
static void
tell_wait(struct db *db)
{
	long long now = mono_ms();

	if (db->wait_hook == NULL || db->wait_since == 0 ||
	    now - db->wait_since < WAIT_TELL_MS ||
	    (db->wait_told && now - db->wait_told < WAIT_TELL_EVERY_MS))
		return;
	db->wait_told = now;
	db->wait_hook(db->wait_arg, now - db->wait_since);
}

/* The wait is over, either way; a hook that was told hears -1. */
static void
end_wait(struct db *db)
{
	if (db->wait_told && db->wait_hook)
		db->wait_hook(db->wait_arg, -1);
	db->wait_since = db->wait_told = 0;
}

void
db_set_wait_hook(struct db *db, void (*hook)(void *arg, long long waited_ms),
    void *arg)
{
	db->wait_hook = hook;
	db->wait_arg = arg;
}

static int
busy_handler(void *arg, int count)
{
	struct db *db = arg;
	long long waited;

	tell_wait(db);
	if (count == 0)
		db->busy_start = mono_ms();
	waited = mono_ms() - db->busy_start;
	if (waited >= db->busy_ms)
		return 0;
	sqlite3_sleep(count < 3 ? 1 : BUSY_POLL_MAX_MS);
	return 1;
}

/* ---- the checks made before SQLite may touch the file ---- */

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/*
 * Looks at the header of an existing, non-empty file: the magic string,
 * and the in-header page count against the file size.  The page count is
 * only trusted when the "version-valid-for" number matches the change
 * counter, as SQLite itself does (file format, section 1.3.7).
 *
 * Another process's checkpoint may be writing the file as we look: it
 * writes page 1, with the new page count, before the pages that grow
 * the file.  So a file that looks short is looked at again for a moment
 * before it is called truncated; a really truncated one stays short.
 */
#define HEADER_TRIES	10
#define HEADER_WAIT_MS	20

/* *shorter: the file was shorter than its header says (then it may be
 * looked at again). */
static int
check_header_once(const char *path, int *shorter, struct so_err *err)
{
	unsigned char h[100];
	struct stat sb;
	uint32_t pagesz, npages;
	ssize_t n;
	int fd;

	*shorter = 0;
	if ((fd = open(path, O_RDONLY)) < 0)
		return so_err_set(err, errno == EACCES ? SO_EREADONLY : SO_ERR,
		    "%s: %s", path, strerror(errno));
	if (fstat(fd, &sb) != 0) {
		close(fd);
		return so_err_set(err, SO_ERR, "%s: %s", path, strerror(errno));
	}
	if (sb.st_size == 0) {
		close(fd);
		return SO_OK;	/* an empty file is an empty database */
	}
	n = read(fd, h, sizeof(h));
	close(fd);
	if (n != (ssize_t)sizeof(h) || memcmp(h, "SQLite format 3", 16) != 0)
		return so_err_set(err, SO_ENOTDB, _("%s: not a salesorg "
		    "database (not an SQLite file)"), path);
	pagesz = (uint32_t)h[16] << 8 | h[17];
	if (pagesz == 1)
		pagesz = 65536;
	npages = be32(h + 28);
	if (be32(h + 24) == be32(h + 92) && npages > 0 &&
	    (uint64_t)sb.st_size < (uint64_t)npages * pagesz) {
		*shorter = 1;
		return so_err_set(err, SO_ENOTDB,
		    _("%s: database is truncated (%lld of %llu bytes); "
		    "restore it from a backup"), path, (long long)sb.st_size,
		    (unsigned long long)npages * pagesz);
	}
	return SO_OK;
}

static int
check_header(const char *path, struct so_err *err)
{
	int code, i, shorter;

	for (i = 0; ; i++) {
		code = check_header_once(path, &shorter, err);
		if (code != SO_ENOTDB || i + 1 == HEADER_TRIES || !shorter)
			return code;
		sqlite3_sleep(HEADER_WAIT_MS);
	}
}

/* Creates the directories leading to path (mode 0700), like mkdir -p. */
static int
make_parent_dirs(const char *path, struct so_err *err)
{
	char *p = xstrdup(path), *s;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			so_err_set(err, SO_ERR, _("%s: cannot create "
			    "directory: %s"), p, strerror(errno));
			free(p);
			return SO_ERR;
		}
		*s = '/';
	}
	free(p);
	return SO_OK;
}

static int
pragma_int(struct db *db, const char *sql, int *out)
{
	sqlite3_stmt *st;
	int rc;

	rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* ---- SQL functions every connection gets ---- */

/*
 * so_match(needle, a, b, ...): 1 when any of a, b, ... contains needle,
 * case-insensitively for Cyrillic as well as ASCII (utf8_contains_fold).
 * The quick filter runs it once per row with all searchable columns.
 */
struct folded {
	uint32_t	*cps;
	size_t		 n;
};

static void
folded_free(void *p)
{
	struct folded *f = p;

	free(f->cps);
	free(f);
}

/*
 * The needle is the same for every row of a statement, so it is folded
 * once and kept as SQLite auxiliary data on the argument.
 */
static void
fn_so_match(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct folded *f = sqlite3_get_auxdata(ctx, 0);
	const char *needle, *hay;
	int i;

	if (f == NULL) {
		needle = (const char *)sqlite3_value_text(argv[0]);
		if (needle == NULL) {
			sqlite3_result_int(ctx, 1);
			return;
		}
		f = xmalloc(sizeof(*f));
		f->cps = utf8_fold_cps(needle, &f->n);
		sqlite3_set_auxdata(ctx, 0, f, folded_free);
		/* SQLite may have freed it already if it could not keep it */
		if ((f = sqlite3_get_auxdata(ctx, 0)) == NULL) {
			struct folded tmp;

			tmp.cps = utf8_fold_cps(needle, &tmp.n);
			for (i = 1; i < argc; i++) {
				hay = (const char *)sqlite3_value_text(argv[i]);
				if (hay && utf8_match_folded(hay, (size_t)
				    sqlite3_value_bytes(argv[i]), tmp.cps,
				    tmp.n))
					break;
			}
			free(tmp.cps);
			sqlite3_result_int(ctx, i < argc);
			return;
		}
	}
	for (i = 1; i < argc; i++) {
		hay = (const char *)sqlite3_value_text(argv[i]);
		if (hay && *hay && utf8_match_folded(hay,
		    (size_t)sqlite3_value_bytes(argv[i]), f->cps, f->n)) {
			sqlite3_result_int(ctx, 1);
			return;
		}
	}
	sqlite3_result_int(ctx, 0);
}

/*
 * so_fold(text): text case-folded as the filters fold it (Cyrillic too),
 * for "field=value" in any case.  NULL stays NULL.
 */
static void
fn_so_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	char *f;

	(void)argc;
	if (s == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	f = utf8_fold(s);
	sqlite3_result_text(ctx, f, -1, free);
}

/*
 * so_tally(x): x, counting one more in db->tally when x is true (see
 * db_tally).  Not deterministic, so SQLite calls it for every row it
 * judges; direct only: no schema object may call it.
 */
static void
fn_so_tally(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct db *db = sqlite3_user_data(ctx);

	(void)argc;
	if (sqlite3_value_type(argv[0]) != SQLITE_NULL &&
	    sqlite3_value_int64(argv[0]) != 0)
		db->tally++;
	sqlite3_result_value(ctx, argv[0]);
}

/* ---- temporary files ---- */

/*
 * Where SQLite makes its temporary files in a setgid process: the
 * database's own directory, which only the database group may enter
 * (priv.h).  Anywhere else (TMPDIR, /var/tmp, /tmp: the environment is
 * cleaned in such a process) the file would be the user's, readable by
 * the user while it holds the pages of a database the user may not read.
 * Set once, before the first temporary file; 0 when it cannot be (then
 * the temporary store stays in memory).
 */
static int
private_temp_directory(const char *path)
{
	char *dir, *slash, *real;

	if (sqlite3_temp_directory != NULL)
		return 1;
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) == NULL) {
		free(dir);
		dir = xstrdup(".");
	} else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	real = realpath(dir, NULL);
	free(dir);
	if (real == NULL)
		return 0;
	sqlite3_temp_directory = sqlite3_mprintf("%s", real);
	free(real);
	return sqlite3_temp_directory != NULL;
}

int
db_spill_begin(struct db *db)
{
	if (db->spill++ > 0 || db->depth > 0)
		return SO_OK;
	if (priv_privileged() && !private_temp_directory(db->path))
		return SO_OK;
	if (sqlite3_exec(db->h, "PRAGMA temp_store = FILE", NULL, NULL,
	    NULL) == SQLITE_OK)
		db->spilling = 1;
	return SO_OK;
}

void
db_spill_end(struct db *db)
{
	if (db->spill == 0 || --db->spill > 0 || !db->spilling)
		return;
	/* A read-only handle of an unprivileged process had the default
	 * (files) to begin with; every other one, memory (db_open). */
	sqlite3_exec(db->h, db->readonly && !priv_privileged() ?
	    "PRAGMA temp_store = DEFAULT" : "PRAGMA temp_store = MEMORY",
	    NULL, NULL, NULL);
	db->spilling = 0;
}

void
db_tally_reset(struct db *db)
{
	db->tally = 0;
}

int64_t
db_tally(const struct db *db)
{
	return db->tally;
}

static int
register_functions(struct db *db)
{
	int rc;

	rc = sqlite3_create_function(db->h, "so_match", -1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
	    fn_so_match, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db->h, "so_fold", 1,
		    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
		    NULL, fn_so_fold, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db->h, "so_tally", 1,
		    SQLITE_UTF8 | SQLITE_DIRECTONLY, db, fn_so_tally, NULL,
		    NULL);
	if (rc == SQLITE_OK)
		rc = regex_register(db->h);
	return rc;
}

/* ---- migrations ---- */

/*
 * The event types, results and deal stages a new database starts with
 * (sql/001_init.sql) are rows the admin edits, in the language of whoever
 * made the database: a department that runs salesorg init in Russian
 * starts with «Звонок» and «Встреча».  The SQL seeds them in English;
 * this renames those still as seeded, in the same transaction.
 */
static const struct seeded {
	const char	*table, *code, *name;
} seeded[] = {
	{ "event_types", "call", NC_("event type", "Call") },
	{ "event_types", "meeting", NC_("event type", "Meeting") },
	{ "event_types", "email", NC_("event type", "E-mail") },
	{ "event_types", "letter", NC_("event type", "Letter") },
	{ "event_types", "birthday", NC_("event type", "Birthday") },
	{ "event_types", "other", NC_("event type", "Other") },
	{ "event_results", "reached_dm", NC_("event result", "Reached decision maker") },
	{ "event_results", "proposal_sent", NC_("event result", "Proposal sent") },
	{ "event_results", "meeting_set", NC_("event result", "Meeting set") },
	{ "event_results", "callback", NC_("event result", "Call back later") },
	{ "event_results", "no_answer", NC_("event result", "No answer") },
	{ "event_results", "refused", NC_("event result", "Refused") },
	{ "event_results", "invoice_issued", NC_("event result", "Invoice issued") },
	{ "event_results", "held", NC_("event result", "Meeting held") },
	{ "deal_stages", "first_contact", NC_("deal stage", "First contact") },
	{ "deal_stages", "need_found", NC_("deal stage", "Need found") },
	{ "deal_stages", "proposal_sent", NC_("deal stage", "Proposal sent") },
	{ "deal_stages", "negotiation", NC_("deal stage", "Negotiation") },
	{ "deal_stages", "won", NC_("deal stage", "Won") },
	{ "deal_stages", "lost", NC_("deal stage", "Lost") },
};

/* The context the names are translated in (the table's NC_ above). */
static const char *
ctx_of(const char *table)
{
	if (strcmp(table, "event_types") == 0)
		return "event type";
	if (strcmp(table, "event_results") == 0)
		return "event result";
	return "deal stage";
}

static int
name_seeded(struct db *db)
{
	sqlite3_stmt *st;
	const char *name;
	char sql[128];
	size_t i;
	int rc = SQLITE_OK;

	for (i = 0; i < sizeof(seeded) / sizeof(seeded[0]) && rc ==
	    SQLITE_OK; i++) {
		name = i18n_cgettext(ctx_of(seeded[i].table), seeded[i].name);
		if (strcmp(name, seeded[i].name) == 0)
			continue;
		snprintf(sql, sizeof(sql), "UPDATE %s SET name = ?1 WHERE "
		    "code = ?2 AND name = ?3", seeded[i].table);
		if ((rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL)) !=
		    SQLITE_OK)
			break;
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, seeded[i].code, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, seeded[i].name, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK :
		    sqlite3_errcode(db->h);
		sqlite3_finalize(st);
	}
	return rc;
}

static int
migrate(struct db *db, const struct migration *m, int n, struct so_err *err)
{
	char sql[64], *msg = NULL;
	int i, cur, latest = latest_of(m, n), rc;
	if ((rc = pragma_int(db, "PRAGMA user_version", &cur)) != SQLITE_OK)
		return db_error(db, rc, N_("reading schema version"), err);
	if (cur >= latest)
		return SO_OK;
	if (db_begin(db, err) != SO_OK)
		return err ? err->code : SO_ERR;
	/* Again under the write lock: another process may have won. */
	if ((rc = pragma_int(db, "PRAGMA user_version", &cur)) != SQLITE_OK) {
		db_rollback(db);
		return db_error(db, rc, N_("reading schema version"), err);
	}
	for (i = 0; i < n; i++) {
		if (m[i].version <= cur)
			continue;
		rc = sqlite3_exec(db->h, m[i].sql, NULL, NULL, &msg);
		if (rc != SQLITE_OK) {
			so_err_set(err, SO_ERR, _("%s: migration %s failed: "
			    "%s; database unchanged"), db->path, m[i].name,
			    msg ? msg : sqlite3_errstr(rc));
			sqlite3_free(msg);
			db_rollback(db);
			return SO_ERR;
		}
	}
	if (cur == 0 && m == migrations && (rc = name_seeded(db)) !=
	    SQLITE_OK) {
		db_rollback(db);
		return db_error(db, rc, N_("naming the event types"), err);
	}
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", latest);
	if ((rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL)) != SQLITE_OK) {
		db_rollback(db);
		return db_error(db, rc, N_("recording schema version"), err);
	}
	return db_commit(db, err);
}

/* ---- open and close ---- */

static int
refuse(struct db *db, int code)
{
	db_close(db);
	return code;
}

int
db_open(const char *path, const struct db_opts *opts, struct db **out,
    struct so_err *err)
{
	static const struct db_opts defaults;
	struct db *db;
	const struct migration *m;
	struct stat sb;
	int exists, rc, flags, version, nm;

	if (opts == NULL)
		opts = &defaults;
	/* No count of SQLite's memory (nothing here reads it): each of the
	 * thousands of allocations while the schema is parsed then skips a
	 * global mutex and two counters.  Only before SQLite initialises,
	 * that is at the first open; later calls fail harmlessly. */
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	/* Nor does each node of a parse cost a malloc and a free: SQLite
	 * takes its small blocks from pools (store/sqlmem.h says why). */
	sqlmem_install();
	m = opts->migrations ? opts->migrations : migrations;
	nm = opts->migrations ? opts->nmigrations : migrations_count;
	*out = NULL;
	exists = stat(path, &sb) == 0;
	if (exists && !S_ISREG(sb.st_mode))
		return so_err_set(err, SO_ENOTDB, _("%s: not a regular file"),
		    path);
	if (!exists && (!opts->create || opts->readonly))
		return so_err_set(err, SO_ENOTFOUND,
		    _("%s: no such database (create it with 'salesorg init')"),
		    path);
	if (exists) {
		if ((rc = check_header(path, err)) != SO_OK)
			return rc;
		/* Mode bits too, so a file marked read-only is refused
		 * even for root, who may write anything.  AT_EACCESS: with
		 * the effective group, which a setgid salesorg opens it
		 * with (access(2) would ask about the real one). */
		if (!opts->readonly && (faccessat(AT_FDCWD, path, W_OK,
		    AT_EACCESS) != 0 ||
		    (sb.st_mode & 0222) == 0))
			return so_err_set(err, SO_EREADONLY, _("%s: database "
			    "is read-only (no write permission)"), path);
	} else {
		/* A new database is made with the user's own rights: a
		 * setgid salesorg creates none where its user could not
		 * (in the guarded directory, say).  priv.h */
		priv_user_begin();
		rc = make_parent_dirs(path, err);
		priv_user_end();
		if (rc != SO_OK)
			return SO_ERR;
	}

	db = xcalloc(1, sizeof(*db));
	db->path = xstrdup(path);
	db->readonly = opts->readonly;
	db->login = xstrdup("");
	db->role = xstrdup("");
	flags = opts->readonly ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE);
	if (!exists) {
		/* Create it ourselves first: mode 0600, the data is private. */
		int fd = priv_open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);

		if (fd < 0) {
			so_err_set(err, SO_ERR, _("%s: cannot create: %s"),
			    path, strerror(errno));
			return refuse(db, SO_ERR);
		}
		close(fd);
	}
	/* In guarded mode a database the user could have crafted (not
	 * root's and the group's) is opened with the user's own rights. */
	if (exists && !priv_trusted_file(sb.st_uid, sb.st_gid) &&
	    priv_drop() != 0) {
		so_err_set(err, SO_ERR, _("%s: cannot give up the group "
		    "privilege to open a database the user owns"), path);
		return refuse(db, SO_ERR);
	}
	rc = sqlite3_open_v2(path, &db->h, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		return refuse(db, db_error(db, rc, N_("opening"), err));
	sqlite3_extended_result_codes(db->h, 1);
	/*
	 * A file is data: defensive mode (no writes to the schema or
	 * shadow tables by SQL, no journal_mode=OFF, no writable_schema),
	 * an untrusted schema (its views and triggers may use no virtual
	 * table and no function with side effects) and a corrupt page
	 * caught when it is read.  Under it no trigger may write an FTS5
	 * table (SQLite 3.40 does not mark FTS5 innocuous), so the search
	 * index is kept by the store itself (sql/012_index_kept_by_store.sql).
	 */
	if ((rc = sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 1,
	    NULL)) != SQLITE_OK || (rc = sqlite3_db_config(db->h,
	    SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL)) != SQLITE_OK ||
	    (rc = sqlite3_exec(db->h, "PRAGMA cell_size_check = ON", NULL,
	    NULL, NULL)) != SQLITE_OK)
		return refuse(db, db_error(db, rc, N_("hardening"), err));
	db->busy_ms = opts->busy_ms > 0 ? opts->busy_ms : DEFAULT_BUSY_MS;
	db->busy_limit_ms = opts->busy_limit_ms > 0 ? opts->busy_limit_ms :
	    DEFAULT_BUSY_LIMIT_MS;
	sqlite3_busy_handler(db->h, busy_handler, db);
	/* A shared database (group read-write: salesorg init --shared or
	 * --plain) keeps its -wal and -shm after the last close: they stay
	 * the files init made, the group's, rather than being made anew by
	 * whoever opens it first and belonging to that user, who could then
	 * chmod them (src/cli/init.c). */
	if (exists && (sb.st_mode & 0060)) {
		int on = 1;

		sqlite3_file_control(db->h, "main", SQLITE_FCNTL_PERSIST_WAL,
		    &on);
	}
	if ((rc = register_functions(db)) != SQLITE_OK)
		return refuse(db, db_error(db, rc, N_("registering functions"),
		    err));
	/* Reading the version reads the header: the first real touch. */
	if ((rc = pragma_int(db, "PRAGMA user_version", &version)) !=
	    SQLITE_OK)
		return refuse(db, db_error(db, rc, N_("reading schema version"),
		    err));
	if (version > latest_of(m, nm)) {
		so_err_set(err, SO_ENEWER, _("%s: database schema version %d "
		    "is newer than this salesorg (%d); upgrade salesorg"), path,
		    version, latest_of(m, nm));
		return refuse(db, SO_ENEWER);
	}
	if ((rc = sqlite3_exec(db->h, "PRAGMA foreign_keys = ON", NULL, NULL,
	    NULL)) != SQLITE_OK)
		return refuse(db, db_error(db, rc, N_("enabling foreign keys"),
		    err));
	if (opts->readonly) {
		/* In a setgid process no temporary file of database pages
		 * goes to disk, where the user would own it (priv.h). */
		if (priv_privileged())
			sqlite3_exec(db->h, "PRAGMA temp_store = MEMORY", NULL,
			    NULL, NULL);
		if ((rc = run_open_hook(db, err)) != SO_OK)
			return refuse(db, rc);
		*out = db;
		return SO_OK;
	}
	if ((rc = sqlite3_exec(db->h, "PRAGMA journal_mode = WAL", NULL, NULL,
	    NULL)) != SQLITE_OK)
		return refuse(db, db_error(db, rc, N_("enabling WAL"), err));
	/* WAL with synchronous=NORMAL cannot corrupt the file; the last
	 * transactions may roll back after a power cut, never tear. */
	sqlite3_exec(db->h, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
	/* Statement journals (each INSERT that fires the search triggers
	 * has one) stay in memory: on disk they cost a temp file each, ten
	 * times the time of a big import. */
	sqlite3_exec(db->h, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	if ((rc = migrate(db, m, nm, err)) != SO_OK)
		return refuse(db, rc);
	/* The entity descriptors gain this database's custom fields. */
	if ((rc = run_open_hook(db, err)) != SO_OK)
		return refuse(db, rc);
	*out = db;
	return SO_OK;
}

void
db_close(struct db *db)
{
	size_t i;

	if (db == NULL)
		return;
	if (close_hook)
		close_hook(db);
	for (i = 0; i < db->ncache; i++) {
		sqlite3_finalize(db->cache[i].st);
		free(db->cache[i].sql);
	}
	free(db->cache);
	if (db->h)
		sqlite3_close_v2(db->h);
	free(db->path);
	free(db->login);
	free(db->role);
	free(db);
}

int
db_schema_version(struct db *db)
{
	int v = -1;

	pragma_int(db, "PRAGMA user_version", &v);
	return v;
}

/* ---- transactions ---- */

/* 1 when a statement of ours is still stepping (holds a read snapshot). */
static int
statement_open(struct db *db)
{
	sqlite3_stmt *st = NULL;

	while ((st = sqlite3_next_stmt(db->h, st)) != NULL)
		if (sqlite3_stmt_busy(st))
			return 1;
	return 0;
}

/* Sleeps before retry number attempt, never past the deadline. */
static void
retry_pause(int attempt, long long deadline)
{
	long long ms = RETRY_PAUSE_MS, left = deadline - mono_ms();
	int i;

	for (i = 0; i < attempt && ms < RETRY_PAUSE_MAX_MS; i++)
		ms *= 2;
	if (ms > RETRY_PAUSE_MAX_MS)
		ms = RETRY_PAUSE_MAX_MS;
	/* A little jitter, so that writers who woke together do not
	 * meet again. */
	ms += getpid() % 7 + attempt % 5;
	if (ms > left)
		ms = left;
	if (ms > 0)
		sqlite3_sleep((int)ms);
}

/*
 * BEGIN IMMEDIATE, again and again while another writer holds the lock.
 * Each attempt already waits up to the busy timeout inside SQLite; the
 * loop covers what the busy handler does not (SQLITE_BUSY_RECOVERY while
 * another process rebuilds the WAL index, SQLITE_BUSY_SNAPSHOT, a busy
 * timeout shorter than the limit).  Nothing has been read or written in
 * the transaction yet, so starting again is the whole retry.
 */
static int
begin_immediate(struct db *db, struct so_err *err)
{
	long long start = mono_ms(), deadline = start + db->busy_limit_ms;
	int rc, attempt, code;

	db->wait_since = start;
	for (attempt = 0;; attempt++) {
		rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_OK) {
			end_wait(db);
			return SO_OK;
		}
		if (!sqlite3_get_autocommit(db->h))
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		if (!is_busy(rc)) {
			code = db_error(db, rc, N_("starting a transaction"),
			    err);
			break;
		}
		/* A stale snapshot held by a statement of our own that is
		 * still stepping: waiting cannot help. */
		if (rc == SQLITE_BUSY_SNAPSHOT && statement_open(db)) {
			code = so_err_set(err, SO_ERR, _("%s: starting a "
			    "transaction while a query is still open (a bug: "
			    "please report it); nothing was written"),
			    db->path);
			break;
		}
		if (mono_ms() >= deadline) {
			code = busy_error(db, mono_ms() - start, err);
			break;
		}
		tell_wait(db);
		retry_pause(attempt, deadline);
	}
	end_wait(db);
	return code;
}

/*
 * COMMIT.  In WAL mode the writer already holds what it needs; in a
 * rollback journal (or while a checkpoint restarts the WAL) COMMIT can
 * meet readers and answer SQLITE_BUSY with the transaction still open:
 * then it is simply tried again.
 */
static int
commit_retrying(struct db *db, struct so_err *err)
{
	long long start = mono_ms(), deadline = start + db->busy_limit_ms;
	int rc, attempt, code;

	for (attempt = 0;; attempt++) {
		rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return SO_OK;
		if (!is_busy(rc) || sqlite3_get_autocommit(db->h))
			break;
		if (mono_ms() >= deadline)
			break;
		retry_pause(attempt, deadline);
	}
	code = is_busy(rc) ? busy_error(db, mono_ms() - start, err) :
	    db_error(db, rc, N_("committing"), err);
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	return code;
}

int
db_begin(struct db *db, struct so_err *err)
{
	int code;

	if (db->depth++ > 0)
		return SO_OK;
	db->doomed = 0;
	if ((code = begin_immediate(db, err)) != SO_OK) {
		db->depth = 0;
		return code;
	}
	return SO_OK;
}

int
db_commit(struct db *db, struct so_err *err)
{
	if (db->depth == 0)
		return so_err_set(err, SO_ERR, _("%s: commit without begin"),
		    db->path);
	if (--db->depth > 0)
		return SO_OK;
	if (db->doomed) {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return so_err_set(err, SO_ERR, _("%s: transaction rolled back"),
		    db->path);
	}
	return commit_retrying(db, err);
}

const char *
db_text(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	return s ? s : "";
}

char *
db_text_dup(sqlite3_stmt *st, int col)
{
	return xstrdup(db_text(st, col));
}

int
db_finish(struct db *db, int code, struct so_err *err)
{
	if (code != SO_OK) {
		db_rollback(db);
		return code;
	}
	return db_commit(db, err);
}

void
db_rollback(struct db *db)
{
	if (db->depth == 0)
		return;
	if (--db->depth > 0) {
		db->doomed = 1;
		return;
	}
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

/* ---- statements ---- */

int
db_prepare(struct db *db, const char *sql, sqlite3_stmt **st,
    struct so_err *err)
{
	size_t i;
	int rc;

	for (i = 0; i < db->ncache; i++)
		if (strcmp(db->cache[i].sql, sql) == 0) {
			*st = db->cache[i].st;
			return SO_OK;
		}
	rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
	    NULL);
	if (rc != SQLITE_OK)
		return db_error(db, rc, N_("preparing a query"), err);
	if (db->ncache == db->capcache) {
		db->capcache = db->capcache ? db->capcache * 2 : 32;
		db->cache = xrealloc(db->cache, db->capcache *
		    sizeof(*db->cache));
	}
	db->cache[db->ncache].sql = xstrdup(sql);
	db->cache[db->ncache].st = *st;
	db->ncache++;
	return SO_OK;
}

void
db_done(sqlite3_stmt *st)
{
	if (st == NULL)
		return;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

int
db_exec(struct db *db, const char *sql, struct so_err *err)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? SO_OK : db_error(db, rc, N_("running a query"),
	    err);
}

/* ---- users ---- */

void
db_set_user(struct db *db, int64_t id, const char *login, const char *role)
{
	db->user_id = id;
	free(db->login);
	db->login = xstrdup(login ? login : "");
	free(db->role);
	db->role = xstrdup(role ? role : "");
}

int
db_system(const struct db *db)
{
	return db->system > 0;
}

void
db_system_add(struct db *db, int delta)
{
	db->system += delta;
}

int64_t
db_user_id(const struct db *db)
{
	return db->user_id;
}

const char *
db_user_login(const struct db *db)
{
	return db->login;
}

const char *
db_user_role(const struct db *db)
{
	return db->role;
}

/* ---- clock, data version ---- */

time_t
db_now(const struct db *db)
{
	return db->now ? db->now : dt_now();
}

void
db_set_now(struct db *db, time_t now)
{
	db->now = now;
}

int64_t
db_data_version(struct db *db)
{
	int v = 0;

	pragma_int(db, "PRAGMA data_version", &v);
	return v;
}

/* ---- whole-file operations ---- */

static int
collect_rows(struct db *db, const char *sql, struct strbuf *report,
    int *problems, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, i, n;

	rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return db_error(db, rc, N_("checking"), err);
	n = sqlite3_column_count(st);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *first = (const char *)sqlite3_column_text(st, 0);

		if (n == 1 && first && strcmp(first, "ok") == 0)
			continue;
		(*problems)++;
		for (i = 0; i < n; i++) {
			const char *v = (const char *)sqlite3_column_text(st, i);

			sb_printf(report, "%s%s", i ? " " : "", v ? v : "NULL");
		}
		sb_addc(report, '\n');
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("checking"), err);
	return SO_OK;
}

int
db_check(struct db *db, struct strbuf *report, struct so_err *err)
{
	int problems = 0, code;

	code = collect_rows(db, "PRAGMA integrity_check", report, &problems,
	    err);
	if (code != SO_OK)
		return code;
	code = collect_rows(db, "PRAGMA foreign_key_check", report, &problems,
	    err);
	if (code != SO_OK)
		return code;
	if (problems)
		return so_err_set(err, SO_ENOTDB, P_("%s: %d problem found",
		    "%s: %d problems found", problems), db->path, problems);
	return SO_OK;
}

/* ---- settings ---- */

char *
db_setting(struct db *db, const char *key)
{
	sqlite3_stmt *st;
	char *v = NULL;

	if (db_prepare(db, "SELECT value FROM settings WHERE key = ?", &st,
	    NULL) != SO_OK)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	db_done(st);
	return v;
}

int
db_set_setting(struct db *db, const char *key, const char *value,
    struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if ((code = db_prepare(db, "INSERT INTO settings (key, value) "
	    "VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	    &st, err)) != SO_OK) {
		db_rollback(db);
		return code;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE) {
		db_rollback(db);
		return db_error(db, rc, N_("saving a setting"), err);
	}
	return db_commit(db, err);
}
