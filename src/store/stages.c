/*
 * The deal stages an administrator sets; see include/store/stages.h.
 *
 * The order is the sort column: a move renumbers every stage by tens in
 * the new order, in one transaction, so two stages never share a place
 * and a stage added later (max + 10) goes after them all.  Retiring is a
 * flag, never a delete: deals and the audit log's stage changes refer to
 * the row by id, and the funnel reads that history.  The guard that one
 * open, one won and one lost stage stay in use runs after the write,
 * inside the transaction, so it judges the table as it would be.
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/audit.h"
#include "store/stages.h"

#define WHAT	N_("change event types, results and deal stages")

int
stages_list(struct db *db, struct stage_row **out, size_t *n,
    struct so_err *err)
{
	struct stage_row *v = NULL, *s;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	code = db_prepare(db, "SELECT id, code, name, sort, closed, won, "
	    "retired, probability FROM deal_stages ORDER BY sort, id", &st,
	    err);
	if (code != SO_OK)
		return code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			v = xrealloc(v, (cap = cap ? cap * 2 : 8) * sizeof(*v));
		s = &v[(*n)++];
		s->id = sqlite3_column_int64(st, 0);
		s->code = db_text_dup(st, 1);
		s->name = db_text_dup(st, 2);
		s->sort = sqlite3_column_int(st, 3);
		s->closed = sqlite3_column_int(st, 4);
		s->won = sqlite3_column_int(st, 5);
		s->retired = sqlite3_column_int(st, 6);
		s->probability = sqlite3_column_int(st, 7);
	}
	db_done(st);
	*out = v;
	if (rc != SQLITE_DONE) {
		stages_free(v, *n);
		*out = NULL;
		*n = 0;
		return db_error(db, rc, N_("reading deal stages"), err);
	}
	return SO_OK;
}

void
stages_free(struct stage_row *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].code);
		free(v[i].name);
	}
	free(v);
}

const struct stage_row *
stages_find(const struct stage_row *v, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].code, code) == 0)
			return &v[i];
	return NULL;
}

const char *
stage_kind_word(const struct stage_row *s)
{
	return !s->closed ? "open" : s->won ? "won" : "lost";
}

static int
valid_code(const char *s)
{
	if (*s == '\0' || strlen(s) > 40)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return 0;
	return 1;
}

/* A name is shown on every screen: text, nothing that drives a
 * terminal. */
static int
check_name(const char *name, struct so_err *err)
{
	if (*name == '\0' || strlen(name) > 100)
		return so_err_field(err, SO_EINVAL, "name",
		    _("Name: 1 to 100 bytes"));
	if (!utf8_valid(name, strlen(name)) ||
	    utf8_control_at(name, NULL, NULL) >= 0)
		return so_err_field(err, SO_EINVAL, "name",
		    _("Name: UTF-8 text without control characters"));
	return SO_OK;
}

static int
check_probability(int p, struct so_err *err)
{
	if (p < 0 || p > 100)
		return so_err_field(err, SO_EINVAL, "probability",
		    _("Probability: a whole number from 0 to 100, not %d"), p);
	return SO_OK;
}

/* Runs sql with ?1 the code and ?2 the text or number; SO_ENOTFOUND "no
 * stage CODE" when no row changed. */
static int
write_one(struct db *db, const char *sql, const char *code, const char *text,
    int num, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, ret;

	if ((ret = db_prepare(db, sql, &st, err)) != SO_OK)
		return ret;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	if (text)
		sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int(st, 2, num);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("saving a deal stage"), err);
	if (sqlite3_changes(db_sqlite(db)) == 0)
		return so_err_set(err, SO_ENOTFOUND, _("no stage %s (see "
		    "salesorg config stages)"), code);
	return SO_OK;
}

/* One open, one won and one lost stage in use, as the table now is. */
static int
check_in_use(struct db *db, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code, open = 0, won = 0, lost = 0;

	code = db_prepare(db, "SELECT coalesce(sum(NOT closed), 0), "
	    "coalesce(sum(closed AND won), 0), "
	    "coalesce(sum(closed AND NOT won), 0) FROM deal_stages "
	    "WHERE NOT retired", &st, err);
	if (code != SO_OK)
		return code;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		open = sqlite3_column_int(st, 0);
		won = sqlite3_column_int(st, 1);
		lost = sqlite3_column_int(st, 2);
	}
	db_done(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, N_("reading deal stages"), err);
	if (open == 0 || won == 0 || lost == 0)
		return so_err_set(err, SO_EINVAL, _("the pipeline needs an open, "
		    "a won and a lost stage in use: this would leave no %s "
		    "one"), open == 0 ? C_("stage", "open") : won == 0 ?
		    C_("stage", "won") : C_("stage", "lost"));
	return SO_OK;
}

/* Renumbers every stage by tens in the order of ids[0..n). */
static int
renumber(struct db *db, const int64_t *ids, size_t n, struct so_err *err)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = SQLITE_DONE, code;

	code = db_prepare(db, "UPDATE deal_stages SET sort = ?1 WHERE id = ?2",
	    &st, err);
	if (code != SO_OK)
		return code;
	for (i = 0; i < n && rc == SQLITE_DONE; i++) {
		sqlite3_bind_int64(st, 1, (int64_t)(i + 1) * 10);
		sqlite3_bind_int64(st, 2, ids[i]);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("saving a deal stage"), err);
	return SO_OK;
}

/* Puts the stage of code at index pos (0-based, clamped) and renumbers. */
static int
place(struct db *db, const char *code, size_t pos, struct so_err *err)
{
	struct stage_row *v;
	int64_t *ids, id = 0;
	size_t n, i, k;
	int ret;

	if ((ret = stages_list(db, &v, &n, err)) != SO_OK)
		return ret;
	ids = xcalloc(n ? n : 1, sizeof(*ids));
	for (i = 0; i < n; i++)
		if (strcmp(v[i].code, code) == 0)
			id = v[i].id;
	if (id == 0) {
		free(ids);
		stages_free(v, n);
		return so_err_set(err, SO_ENOTFOUND, _("no stage %s (see "
		    "salesorg config stages)"), code);
	}
	if (pos >= n)
		pos = n - 1;
	for (i = 0, k = 0; i < n; i++) {
		if (k == pos)
			ids[k++] = id;
		if (v[i].id != id)
			ids[k++] = v[i].id;
	}
	if (k == pos)
		ids[k++] = id;
	ret = renumber(db, ids, n, err);
	free(ids);
	stages_free(v, n);
	return ret;
}

/* Where the new open stage code goes: after the last other open one. */
static size_t
open_end(struct db *db, const char *code)
{
	struct stage_row *v;
	size_t n, i, k, pos = 0;

	if (stages_list(db, &v, &n, NULL) != SO_OK)
		return 0;
	for (i = 0, k = 0; i < n; i++) {
		if (strcmp(v[i].code, code) == 0)
			continue;
		k++;
		if (!v[i].closed)
			pos = k;
	}
	stages_free(v, n);
	return pos;
}

int
stages_add(struct db *db, const char *code, const char *name,
    int probability, enum stage_outcome outcome, struct so_err *err)
{
	sqlite3_stmt *st;
	int ret, rc;

	if ((ret = acl_require(db, ROLE_ADMIN, WHAT, err)) != SO_OK)
		return ret;
	if (!valid_code(code))
		return so_err_field(err, SO_EINVAL, "code", _("Code: letters "
		    "a-z, digits and _ only, up to 40 (e.g. site_visit)"));
	if ((ret = check_name(name, err)) != SO_OK)
		return ret;
	if (probability < 0)
		probability = outcome == STAGE_WON ? 100 : 0;
	if ((ret = check_probability(probability, err)) != SO_OK)
		return ret;
	if ((ret = db_begin(db, err)) != SO_OK)
		return ret;
	ret = db_prepare(db, "INSERT INTO deal_stages (code, name, sort, "
	    "closed, won, probability) VALUES (?1, ?2, (SELECT "
	    "coalesce(max(sort), 0) + 10 FROM deal_stages), ?3, ?4, ?5) "
	    "ON CONFLICT (code) DO NOTHING", &st, err);
	if (ret == SO_OK) {
		sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 3, outcome != STAGE_OPEN);
		sqlite3_bind_int(st, 4, outcome == STAGE_WON);
		sqlite3_bind_int(st, 5, probability);
		rc = sqlite3_step(st);
		db_done(st);
		if (rc != SQLITE_DONE)
			ret = db_error(db, rc, N_("saving a deal stage"), err);
		else if (sqlite3_changes(db_sqlite(db)) == 0)
			ret = so_err_field(err, SO_EINVAL, "code", _("Code: "
			    "there is a stage %s already (rename it, or bring "
			    "it back if retired)"), code);
	}
	if (ret == SO_OK && outcome == STAGE_OPEN)
		ret = place(db, code, open_end(db, code), err);
	if (ret == SO_OK)
		ret = audit_write(db, "deal_stages", 0, "create", code, NULL,
		    name, err);
	return db_finish(db, ret, err);
}

int
stages_rename(struct db *db, const char *code, const char *name,
    struct so_err *err)
{
	int ret;

	if ((ret = acl_require(db, ROLE_ADMIN, WHAT, err)) != SO_OK)
		return ret;
	if ((ret = check_name(name, err)) != SO_OK)
		return ret;
	if ((ret = db_begin(db, err)) != SO_OK)
		return ret;
	ret = write_one(db, "UPDATE deal_stages SET name = ?2 WHERE code = ?1",
	    code, name, 0, err);
	if (ret == SO_OK)
		ret = audit_write(db, "deal_stages", 0, "update", code, NULL,
		    name, err);
	return db_finish(db, ret, err);
}

int
stages_move(struct db *db, const char *code, int position,
    struct so_err *err)
{
	char *v;
	int ret;

	if ((ret = acl_require(db, ROLE_ADMIN, WHAT, err)) != SO_OK)
		return ret;
	if (position < 1)
		return so_err_field(err, SO_EINVAL, "position", _("Position: "
		    "1 for the first stage, 2 for the second, ..."));
	if ((ret = db_begin(db, err)) != SO_OK)
		return ret;
	ret = place(db, code, (size_t)position - 1, err);
	if (ret == SO_OK) {
		v = xasprintf("position %d", position);
		ret = audit_write(db, "deal_stages", 0, "update", code, NULL, v,
		    err);
		free(v);
	}
	return db_finish(db, ret, err);
}

int
stages_retire(struct db *db, const char *code, int retired,
    struct so_err *err)
{
	int ret;

	if ((ret = acl_require(db, ROLE_ADMIN, WHAT, err)) != SO_OK)
		return ret;
	if ((ret = db_begin(db, err)) != SO_OK)
		return ret;
	ret = write_one(db, "UPDATE deal_stages SET retired = ?2 "
	    "WHERE code = ?1", code, NULL, retired != 0, err);
	if (ret == SO_OK)
		ret = check_in_use(db, err);
	if (ret == SO_OK)
		ret = audit_write(db, "deal_stages", 0, "update", code, NULL,
		    retired ? "retired" : "in use", err);
	return db_finish(db, ret, err);
}

int
stages_probability(struct db *db, const char *code, int probability,
    struct so_err *err)
{
	char *v;
	int ret;

	if ((ret = acl_require(db, ROLE_ADMIN, WHAT, err)) != SO_OK)
		return ret;
	if ((ret = check_probability(probability, err)) != SO_OK)
		return ret;
	if ((ret = db_begin(db, err)) != SO_OK)
		return ret;
	ret = write_one(db, "UPDATE deal_stages SET probability = ?2 "
	    "WHERE code = ?1", code, NULL, probability, err);
	if (ret == SO_OK) {
		v = xasprintf("probability %d", probability);
		ret = audit_write(db, "deal_stages", 0, "update", code, NULL, v,
		    err);
		free(v);
	}
	return db_finish(db, ret, err);
}
