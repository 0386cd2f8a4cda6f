/*
 * The journal sent to the head and the messages of a mail merge; see
 * include/store/journal_sent.h.
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/journal_sent.h"
#include "store/lookup.h"

int
journal_sent_record(struct db *db, const char *day, const char *how,
    const char *dest, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	if (db_user_id(db) == 0)
		return so_err_set(err, SO_EPERM, "%s", _("no current user to "
		    "send a journal for"));
	code = db_prepare(db, "INSERT INTO journal_sent (user_id, day, "
	    "sent_at, how, dest) VALUES (?, ?, ?, ?, ?)", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, db_user_id(db));
	sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, (int64_t)db_now(db));
	sqlite3_bind_text(st, 4, how, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, dest ? dest : "", -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("recording the journal sent"), err);
	return SO_OK;
}

static struct journal_sending *
add_line(struct journal_sending **v, size_t *n, int64_t id,
    const char *login, const char *full_name)
{
	struct journal_sending *s;

	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	s = &(*v)[(*n)++];
	memset(s, 0, sizeof(*s));
	s->user_id = id;
	s->login = xstrdup(login);
	s->full_name = xstrdup(full_name);
	s->how = xstrdup("");
	s->dest = xstrdup("");
	return s;
}

static const char *
name_of(const struct journal_sending *s)
{
	return *s->full_name ? s->full_name : s->login;
}

static int
line_cmp(const void *a, const void *b)
{
	const struct journal_sending *x = a, *y = b;
	int c;

	if ((c = strcmp(name_of(x), name_of(y))) != 0)
		return c;
	return x->user_id < y->user_id ? -1 : x->user_id > y->user_id;
}

int
journal_sent_list(struct db *db, int64_t user_id, const char *day,
    struct journal_sending **out, size_t *n, struct so_err *err)
{
	struct journal_sending *v = NULL, *s;
	struct user_brief *users, u;
	sqlite3_stmt *st;
	size_t nu, i;
	int64_t id;
	int rc, code;

	*out = NULL;
	*n = 0;
	if ((code = acl_check_user(db, user_id, ACL_OTHERS_FIGURES, err)) !=
	    SO_OK)
		return code;
	if (user_id) {
		if ((code = store_user_get(db, user_id, &u, err)) != SO_OK)
			return code;
		add_line(&v, n, u.id, u.login, u.full_name);
		store_user_brief_clear(&u);
	} else {
		if ((code = store_users_active(db, &users, &nu, err)) != SO_OK)
			return code;
		for (i = 0; i < nu; i++)
			add_line(&v, n, users[i].id, users[i].login,
			    users[i].full_name);
		store_users_free(users, nu);
	}
	/* In time order: the last sending of each stays. */
	code = db_prepare(db, "SELECT user_id, sent_at, how, dest "
	    "FROM journal_sent WHERE day = ? ORDER BY sent_at, id", &st, err);
	if (code != SO_OK)
		goto fail;
	sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (user_id && id != user_id)
			continue;
		for (i = 0, s = NULL; i < *n; i++)
			if (v[i].user_id == id)
				s = &v[i];
		if (s == NULL) {
			/* a user disabled since */
			if ((code = store_user_get(db, id, &u, err)) !=
			    SO_OK) {
				db_done(st);
				goto fail;
			}
			s = add_line(&v, n, u.id, u.login, u.full_name);
			store_user_brief_clear(&u);
		}
		s->sent_at = sqlite3_column_int64(st, 1);
		free(s->how);
		free(s->dest);
		s->how = db_text_dup(st, 2);
		s->dest = db_text_dup(st, 3);
		s->times++;
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		code = db_error(db, rc, N_("reading the journals sent"), err);
		goto fail;
	}
	qsort(v, *n, sizeof(*v), line_cmp);
	*out = v;
	return SO_OK;
fail:
	journal_sent_free(v, *n);
	*n = 0;
	return code;
}

void
journal_sent_free(struct journal_sending *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].login);
		free(v[i].full_name);
		free(v[i].how);
		free(v[i].dest);
	}
	free(v);
}

int
merge_message_mark(struct db *db, int64_t event_id, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	code = db_prepare(db, "INSERT OR IGNORE INTO merge_messages "
	    "(event_id) VALUES (?)", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, event_id);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("marking a merge message"), err);
	return SO_OK;
}
