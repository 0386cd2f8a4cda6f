/*
 * The people of a database and the door: see include/store/users.h.
 *
 * Everything here is in the audit log under entity "user", field by
 * field as the record engine writes it, so `salesorg log --entity user`
 * answers "who made bob a head, and when".
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/audit.h"
#include "store/settings.h"
#include "store/users.h"

#define LOGIN_MAX	32
#define NAME_MAX_CHARS	100

static int
valid_login(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > LOGIN_MAX || s[0] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && strchr("._-", s[i]) == NULL)
			return 0;
	return 1;
}

static int
check_name(const char *name, struct so_err *err)
{
	if (utf8_control_at(name, NULL, NULL) >= 0)
		return so_err_field(err, SO_EINVAL, "full_name",
		    _("full name: no control characters"));
	if (!utf8_valid(name, strlen(name)))
		return so_err_field(err, SO_EINVAL, "full_name",
		    _("full name: not valid UTF-8"));
	if (utf8_len(name) > NAME_MAX_CHARS)
		return so_err_field(err, SO_EINVAL, "full_name", _("full name: "
		    "at most %d characters"), NAME_MAX_CHARS);
	return SO_OK;
}

static int
step_done(struct db *db, sqlite3_stmt *st, const char *what,
    struct so_err *err)
{
	int rc = sqlite3_step(st);

	db_done(st);
	return rc == SQLITE_DONE ? SO_OK : db_error(db, rc, what, err);
}

/* Inserts the user and audits it; *id gets its id. */
static int
insert_user(struct db *db, const char *login, const char *full_name,
    enum role role, int64_t *id, int audit, struct so_err *err)
{
	sqlite3_stmt *st;
	int code;

	code = db_prepare(db, "INSERT INTO users (login, full_name, role, "
	    "created_at) VALUES (?, ?, ?, ?)", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, full_name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, acl_role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, db_now(db));
	if ((code = step_done(db, st, N_("adding the user"), err)) != SO_OK)
		return code;
	*id = sqlite3_last_insert_rowid(db_sqlite(db));
	if (!audit)
		return SO_OK;
	return audit_write(db, "user", *id, "create", NULL, NULL, NULL, err);
}

/* The user with this login: SO_ENOTFOUND when there is none. */
static int
find_user(struct db *db, const char *login, struct user_brief *u,
    struct so_err *err)
{
	int64_t id;
	int code;

	if ((code = store_user_id(db, login, &id, err)) != SO_OK)
		return code;
	return store_user_get(db, id, u, err);
}

static int
count_users(struct db *db, const char *where, int64_t *n, struct so_err *err)
{
	sqlite3_stmt *st;
	char *sql = xasprintf("SELECT count(*) FROM users%s", where);
	int code = db_prepare(db, sql, &st, err), rc;

	free(sql);
	if (code != SO_OK)
		return code;
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	return rc == SQLITE_ROW ? SO_OK : db_error(db, rc, N_("counting users"),
	    err);
}

/* The door for a known user: disabled ones stay out.  Clears u. */
static int
let_in(struct db *db, struct user_brief *u, struct so_err *err)
{
	int code = SO_OK;

	if (u->disabled) {
		db_set_user(db, 0, "", "");
		code = so_err_set(err, SO_EPERM, _("%s: user %s is disabled; "
		    "ask an administrator"), db_path(db), u->login);
	} else
		db_set_user(db, u->id, u->login, u->role);
	store_user_brief_clear(u);
	return code;
}

int
db_login(struct db *db, const char *login, struct so_err *err)
{
	struct user_brief u;
	enum role role = ROLE_MANAGER;
	int64_t n, id;
	char *join;
	int code;

	if (login == NULL || *login == '\0')
		return so_err_set(err, SO_EINVAL, _("no user name"));
	/* The usual case, a known login, reads: a read-only open logs
	 * in too, and nobody waits for the write lock to come in. */
	if (find_user(db, login, &u, NULL) == SO_OK)
		return let_in(db, &u, err);
	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if ((code = count_users(db, "", &n, err)) != SO_OK)
		goto fail;
	code = find_user(db, login, &u, NULL);
	if (code == SO_ENOTFOUND) {
		join = db_setting(db, "users.join");
		if (n == 0)
			role = ROLE_ADMIN;	/* who creates it runs it */
		else if (join == NULL || settings_parse_bool(join) != 1) {
			free(join);
			code = so_err_set(err, SO_EPERM, _("%s: %s is not a "
			    "user of this database; an administrator can add "
			    "you with 'salesorg user add %s'"), db_path(db),
			    login, valid_login(login) ? login : "LOGIN");
			goto fail;
		}
		free(join);
		if ((code = insert_user(db, login, login, role, &id, 0,
		    err)) != SO_OK)
			goto fail;
		db_set_user(db, id, login, acl_role_name(role));
		/* A newcomer's arrival is audited as done by them; the
		 * creator's is the database's own beginning. */
		if (n > 0 && (code = audit_write(db, "user", id, "create",
		    NULL, NULL, NULL, err)) != SO_OK)
			goto fail;
		return db_commit(db, err);
	}
	if (code != SO_OK) {
		code = db_error(db, SQLITE_ERROR, N_("reading the user"), err);
		goto fail;
	}
	/* added by another process since we looked */
	db_rollback(db);
	return let_in(db, &u, err);
fail:
	db_set_user(db, 0, "", "");
	db_rollback(db);
	return code;
}

int
store_user_add(struct db *db, const char *login, const char *full_name,
    enum role role, struct so_err *err)
{
	struct user_brief u;
	int64_t id;
	int code;

	if ((code = acl_require(db, ROLE_ADMIN, N_("add users"), err)) != SO_OK)
		return code;
	if (login == NULL || !valid_login(login))
		return so_err_field(err, SO_EINVAL, "login", _("login \"%s\": "
		    "a Unix login of letters, digits, '.', '_' and '-' (at "
		    "most %d)"), login ? login : "", LOGIN_MAX);
	if (role == ROLE_NONE)
		return so_err_field(err, SO_EINVAL, "role", _("role: manager, "
		    "head or admin"));
	if (full_name == NULL || *full_name == '\0')
		full_name = login;
	if ((code = check_name(full_name, err)) != SO_OK)
		return code;
	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if (find_user(db, login, &u, NULL) == SO_OK) {
		store_user_brief_clear(&u);
		code = so_err_field(err, SO_EINVAL, "login", _("%s: user %s "
		    "already exists"), db_path(db), login);
		goto fail;
	}
	code = insert_user(db, login, full_name, role, &id, 1, err);
	/* The role as a change of its own, so the log shows it. */
	if (code == SO_OK)
		code = audit_write(db, "user", id, "update", "role", NULL,
		    acl_role_name(role), err);
	return db_finish(db, code, err);
fail:
	db_rollback(db);
	return code;
}

static int
set_column(struct db *db, int64_t id, const char *col, const char *old,
    const char *new, struct so_err *err)
{
	sqlite3_stmt *st;
	char *sql;
	int code;

	if (strcmp(old, new) == 0)
		return SO_OK;
	sql = xasprintf("UPDATE users SET %s = ? WHERE id = ?", col);
	code = db_prepare(db, sql, &st, err);
	free(sql);
	if (code != SO_OK)
		return code;
	if (strcmp(col, "disabled") == 0)
		sqlite3_bind_int(st, 1, atoi(new));
	else
		sqlite3_bind_text(st, 1, new, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, id);
	if ((code = step_done(db, st, N_("changing the user"), err)) != SO_OK)
		return code;
	return audit_write(db, "user", id, "update", col, old, new, err);
}

int
store_user_set(struct db *db, const char *login, enum role role,
    const char *full_name, int disabled, struct so_err *err)
{
	struct user_brief u;
	int64_t admins;
	int code;

	if ((code = acl_require(db, ROLE_ADMIN, N_("change users"), err)) !=
	    SO_OK)
		return code;
	if (full_name && *full_name == '\0')
		full_name = login;
	if (full_name && (code = check_name(full_name, err)) != SO_OK)
		return code;
	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if ((code = find_user(db, login, &u, err)) != SO_OK)
		goto fail;
	/* Somebody must be left to manage the users. */
	if (strcmp(u.role, "admin") == 0 && !u.disabled &&
	    ((role != ROLE_NONE && role != ROLE_ADMIN) || disabled == 1)) {
		if ((code = count_users(db, " WHERE role = 'admin' AND NOT "
		    "disabled", &admins, err)) != SO_OK)
			goto clear;
		if (admins <= 1) {
			code = so_err_set(err, SO_EPERM, _("%s: %s is the last "
			    "administrator; make someone else admin first"),
			    db_path(db), login);
			goto clear;
		}
	}
	if (role != ROLE_NONE && (code = set_column(db, u.id, "role", u.role,
	    acl_role_name(role), err)) != SO_OK)
		goto clear;
	if (full_name && (code = set_column(db, u.id, "full_name",
	    u.full_name, full_name, err)) != SO_OK)
		goto clear;
	if (disabled >= 0 && (code = set_column(db, u.id, "disabled",
	    u.disabled ? "1" : "0", disabled ? "1" : "0", err)) != SO_OK)
		goto clear;
	store_user_brief_clear(&u);
	return db_commit(db, err);
clear:
	store_user_brief_clear(&u);
fail:
	db_rollback(db);
	return code;
}
