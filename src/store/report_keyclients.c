/*
 * The figures of the key-client report; see include/store/
 * report_keyclients.h.
 *
 * The VIP companies in one statement with their last and next touch
 * (one index probe each, store/report_common.h), then each company's
 * people by contacts_company.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/report_keyclients.h"

/* ?1 the manager (0: all), ?2 now (last touch before), ?3 today. */
#define KEY_SQL(scope)							\
	"SELECT c.id, c.name, c.city, c.phone, coalesce(u.login, ''), "	\
	"coalesce(u.full_name, ''), " REP_TOUCH_COLS("l") ", "		\
	REP_TOUCH_COLS("n") " FROM companies c "			\
	"LEFT JOIN users u ON u.id = c.manager_id"			\
	REP_TOUCH_JOIN("l", REP_LAST_SUB("c.id", "?2"))			\
	REP_TOUCH_JOIN("n", REP_NEXT_SUB("c.id", "?3"))			\
	"WHERE c.deleted_at IS NULL AND lower(c.category) = 'vip' "	\
	scope "ORDER BY c.name, c.id"

#define KEY_PEOPLE_SQL							\
	"SELECT id, last_name, first_name, middle_name, position, role, " \
	"phone_work, phone_mobile, email FROM contacts "		\
	"WHERE company_id = ?1 AND deleted_at IS NULL "			\
	"ORDER BY role <> 'decision_maker', last_name, first_name, id"

static int
key_people(struct db *db, struct rep_key *k, struct so_err *err)
{
	struct rep_person *p;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	if ((code = db_prepare(db, KEY_PEOPLE_SQL, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, k->company_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (k->npeople == cap)
			k->people = xrealloc(k->people, (cap = cap ? cap * 2 :
			    4) * sizeof(*k->people));
		p = &k->people[k->npeople++];
		p->id = sqlite3_column_int64(st, 0);
		p->name = rep_person_name(db_text(st, 1), db_text(st, 2),
		    db_text(st, 3));
		p->position = db_text_dup(st, 4);
		p->role = db_text_dup(st, 5);
		p->phone_work = db_text_dup(st, 6);
		p->phone_mobile = db_text_dup(st, 7);
		p->email = db_text_dup(st, 8);
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("listing a key client's people"),
		    err);
	return SO_OK;
}

static void
key_read(sqlite3_stmt *st, struct rep_key *k)
{
	memset(k, 0, sizeof(*k));
	k->company_id = sqlite3_column_int64(st, 0);
	k->company = db_text_dup(st, 1);
	k->city = db_text_dup(st, 2);
	k->phone = db_text_dup(st, 3);
	k->manager_login = db_text_dup(st, 4);
	k->manager_name = db_text_dup(st, 5);
	rep_touch_read(st, 6, &k->last);
	rep_touch_read(st, 6 + REP_TOUCH_NCOLS, &k->next);
}

static void
key_clear(struct rep_key *k)
{
	size_t j;

	for (j = 0; j < k->npeople; j++) {
		free(k->people[j].name);
		free(k->people[j].position);
		free(k->people[j].role);
		free(k->people[j].phone_work);
		free(k->people[j].phone_mobile);
		free(k->people[j].email);
	}
	free(k->people);
	free(k->company);
	free(k->city);
	free(k->phone);
	free(k->manager_login);
	free(k->manager_name);
	rep_touch_clear(&k->last);
	rep_touch_clear(&k->next);
	memset(k, 0, sizeof(*k));
}

static int
each(struct db *db, int64_t manager, int64_t now, rep_keyclients_fn fn,
    void *arg, struct so_err *err)
{
	struct rep_key k;
	sqlite3_stmt *st;
	int rc, code;

	if ((code = acl_check_user(db, manager, ACL_OTHERS_FIGURES, err)) != SO_OK)
		return code;
	code = db_prepare(db, manager ? KEY_SQL("AND c.manager_id = ?1 ") :
	    KEY_SQL("AND ?1 = 0 "), &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, manager);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, dt_day_start((time_t)now));
	/* a company's people while the companies' query waits on it */
	while (code == SO_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		key_read(st, &k);
		if ((code = key_people(db, &k, err)) == SO_OK)
			code = fn(arg, &k, err);
		key_clear(&k);
	}
	db_done(st);
	if (code != SO_OK)
		return code;
	return rc == SQLITE_DONE ? SO_OK : db_error(db, rc, N_("finding the "
	    "key clients"), err);
}

/* The sorts of a report grow with its period: on disk (db_spill_begin),
 * so a report over all time stays within the memory budget; the rows
 * go to fn as they come, so a caller need not hold them. */
int
rep_keyclients_each(struct db *db, int64_t manager, int64_t now,
    rep_keyclients_fn fn, void *arg, struct so_err *err)
{
	int code;

	db_spill_begin(db);
	code = each(db, manager, now, fn, arg, err);
	db_spill_end(db);
	return code;
}

struct gather {
	struct rep_key	*v;
	size_t		 n, cap;
};

/* Keeps k, taking its strings and people. */
static int
gather(void *arg, struct rep_key *k, struct so_err *err)
{
	struct gather *g = arg;

	(void)err;
	if (g->n == g->cap)
		g->v = xrealloc(g->v, (g->cap = g->cap ? g->cap * 2 : 64) *
		    sizeof(*g->v));
	g->v[g->n++] = *k;
	memset(k, 0, sizeof(*k));
	return SO_OK;
}

int
rep_keyclients_load(struct db *db, int64_t manager, int64_t now,
    struct rep_key **out, size_t *n, struct so_err *err)
{
	struct gather g = { 0 };
	int code;

	code = rep_keyclients_each(db, manager, now, gather, &g, err);
	if (code != SO_OK) {
		rep_keyclients_free(g.v, g.n);
		g.v = NULL;
		g.n = 0;
	}
	*out = g.v;
	*n = g.n;
	return code;
}

void
rep_keyclients_free(struct rep_key *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		key_clear(&v[i]);
	free(v);
}
