/*
 * Events: calls, meetings, letters ... of a configurable type, planned for
 * a moment, assigned to a user, linked to a company/contact/deal, done
 * with a result.  Each carries a stable iCalendar UID made at creation,
 * so an exported event keeps its identity across exports and imports.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "base/util.h"
#include "store/audit.h"
#include "store/entities.h"
#include "store/hooks.h"
#include "store/recur.h"

#define O(m)	offsetof(struct event, m)

static const struct choice statuses[] = {
	{ "planned", NC_("event", "Planned") },
	{ "done", NC_("event", "Done") },
	{ "cancelled", NC_("event", "Cancelled") },
	{ NULL, NULL }
};

static const struct field_desc fields[] = {
	{ "type_id", NC_("event", "Type"), FT_REF, O(type_id), 9, 0, F_REQUIRED,
	    "event_types", LABEL_NAME, NULL, NULL },
	{ "subject", NC_("event", "Subject"), FT_TEXT, O(subject), 28, 0,
	    F_SORT | F_SEARCH, NULL, NULL, NULL, NULL },
	{ "start_at", NC_("event", "Start"), FT_MOMENT, O(start_at), 16, 0,
	    F_REQUIRED | F_SORT, NULL, NULL, NULL, NULL },
	{ "end_at", NC_("event", "End"), FT_MOMENT, O(end_at), 0, 0, 0, NULL,
	    NULL, NULL, NULL },
	{ "all_day", NC_("event", "All day"), FT_BOOL, O(all_day), 0, 0, 0,
	    NULL, NULL, NULL, NULL },
	{ "rrule", NC_("event", "Repeat (RRULE)"), FT_TEXT, O(rrule), 0, 500, 0,
	    NULL, NULL, NULL, NULL },
	{ "remind_min", NC_("event", "Remind (min before)"), FT_INT,
	    O(remind_min), 0, 0, 0, NULL, NULL, NULL, NULL },
	FIELD_ASSIGNEE(NC_("event", "Assignee"), 12, 0),
	FIELD_COMPANY(NC_("event", "Company"), 20, 0),
	FIELD_CONTACT(NC_("event", "Contact"), 0, 0),
	FIELD_DEAL(NC_("event", "Deal"), 0, 0),
	{ "status", NC_("event", "Status"), FT_CHOICE, O(status), 9, 0, 0,
	    NULL, NULL, statuses, "planned" },
	{ "result_id", NC_("event", "Result"), FT_REF, O(result_id), 0, 0, 0,
	    "event_results", LABEL_NAME, NULL, NULL },
	{ "result_comment", NC_("event", "Result comment"), FT_MEMO,
	    O(result_comment), 0, 0, F_SEARCH, NULL, NULL, NULL, NULL },
	{ "uid", NC_("event", "UID"), FT_TEXT, O(uid), 0, 250,
	    F_HIDDEN | F_READONLY, NULL, NULL, NULL, NULL },
	{ "location", NC_("event", "Location"), FT_TEXT, O(location), 0, 200,
	    F_SEARCH, NULL, NULL, NULL, NULL },
	{ "description", NC_("event", "Description"), FT_MEMO, O(description),
	    0, 0, F_SEARCH, NULL, NULL, NULL, NULL },
	{ "our_actions", NC_("event", "Our next steps"), FT_MEMO,
	    O(our_actions), 0, 0, 0, NULL, NULL, NULL, NULL },
	{ "client_actions", NC_("event", "Client's next steps"), FT_MEMO,
	    O(client_actions), 0, 0, 0, NULL, NULL, NULL, NULL },
};

static int64_t
default_type(struct db *db)
{
	sqlite3_stmt *st;
	int64_t id = SO_NULL;

	if (db_prepare(db, "SELECT id FROM event_types WHERE active "
	    "ORDER BY code <> 'call', sort, id LIMIT 1", &st, NULL) != SO_OK)
		return id;
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	db_done(st);
	return id;
}

static int
check(struct db *db, void *obj, struct so_err *err)
{
	struct event *e = obj;

	hook_new_uid(&e->uid);
	if (e->type_id == SO_NULL || e->type_id == 0)
		e->type_id = default_type(db);
	hook_default_user(db, e, &e->assignee_id);
	if (e->end_at != SO_NULL && e->end_at != 0 && e->start_at != SO_NULL &&
	    e->end_at < e->start_at)
		return so_err_field(err, SO_EINVAL, "end_at",
		    _("End: before the start"));
	if (e->rrule && *e->rrule && (e->start_at == SO_NULL ?
	    recur_check(e->rrule, err) : recur_check_at(e->rrule, e->start_at,
	    e->all_day == 1, err)) != SO_OK)
		return err->code;
	if (e->remind_min != SO_NULL && e->remind_min < 0)
		return so_err_field(err, SO_EINVAL, "remind_min",
		    _("Remind: minutes before the start, 0 or more"));
	return SO_OK;
}

struct entity entity_event = {
	.name = "event", .table = "events",
	.label = NC_("event", "Event"),
	.plural = NC_("event", "Events"),
	.size = sizeof(struct event),
	.fields = fields, .nfields = sizeof(fields) / sizeof(fields[0]),
	.default_sort = 2,
	.title_sql = "t.subject",
	.check = check,
};

STORE_WRAPPERS(event, struct event, entity_event)

static char *
column_text_or_null(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return s != NULL ? xstrdup((const char *)s) : NULL;
}

void
store_event_exceptions_free(struct event_exception *x, size_t n)
{
	size_t i;

	for (i = 0; x != NULL && i < n; i++) {
		free(x[i].subject);
		free(x[i].location);
		free(x[i].description);
	}
	free(x);
}

int
store_event_exceptions(struct db *db, int64_t event_id,
    struct event_exception **out, size_t *n, struct so_err *err)
{
	struct event_exception *v = NULL;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	code = db_prepare(db, "SELECT orig_start, coalesce(new_start, 0), "
	    "coalesce(new_end, 0), cancelled, subject, location, description "
	    "FROM event_exceptions WHERE event_id = ? ORDER BY orig_start",
	    &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, event_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[*n].orig_start = sqlite3_column_int64(st, 0);
		v[*n].new_start = sqlite3_column_int64(st, 1);
		v[*n].new_end = sqlite3_column_int64(st, 2);
		v[*n].cancelled = sqlite3_column_int(st, 3);
		v[*n].subject = column_text_or_null(st, 4);
		v[*n].location = column_text_or_null(st, 5);
		v[*n].description = column_text_or_null(st, 6);
		(*n)++;
	}
	db_done(st);
	*out = v;
	if (rc != SQLITE_DONE) {
		store_event_exceptions_free(v, *n);
		*out = NULL;
		*n = 0;
		return db_error(db, rc, N_("reading event exceptions"), err);
	}
	return SO_OK;
}

/* The audit log's words for an exception: "cancelled" or the new start. */
static char *
exception_text(const struct event_exception *x)
{
	if (x->cancelled)
		return xasprintf("%lld cancelled", (long long)x->orig_start);
	return xasprintf("%lld moved to %lld", (long long)x->orig_start,
	    (long long)x->new_start);
}

int
store_event_exception_remove(struct db *db, int64_t event_id,
    int64_t orig_start, struct so_err *err)
{
	sqlite3_stmt *st;
	char *text;
	int rc, code;

	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if ((code = db_prepare(db, "DELETE FROM event_exceptions WHERE "
	    "event_id = ? AND orig_start = ?", &st, err)) != SO_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, event_id);
	sqlite3_bind_int64(st, 2, orig_start);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE) {
		code = db_error(db, rc, N_("removing an event exception"), err);
		goto fail;
	}
	text = xasprintf("%lld restored", (long long)orig_start);
	code = audit_write(db, "event", event_id, "update", "exception", NULL,
	    text, err);
	free(text);
	if (code != SO_OK)
		goto fail;
	return db_commit(db, err);
fail:
	db_rollback(db);
	return code;
}

int
store_event_exception_set(struct db *db, int64_t event_id,
    const struct event_exception *x, struct so_err *err)
{
	sqlite3_stmt *st;
	char *text;
	int rc, code;

	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	code = db_prepare(db, "INSERT INTO event_exceptions (event_id, "
	    "orig_start, new_start, new_end, cancelled, subject, location, "
	    "description) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT (event_id, orig_start) DO UPDATE SET "
	    "new_start = excluded.new_start, new_end = excluded.new_end, "
	    "cancelled = excluded.cancelled, "
	    "subject = coalesce(excluded.subject, subject), "
	    "location = coalesce(excluded.location, location), "
	    "description = coalesce(excluded.description, description)",
	    &st, err);
	if (code != SO_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, event_id);
	sqlite3_bind_int64(st, 2, x->orig_start);
	if (!x->cancelled && x->new_start)
		sqlite3_bind_int64(st, 3, x->new_start);
	if (!x->cancelled && x->new_end)
		sqlite3_bind_int64(st, 4, x->new_end);
	sqlite3_bind_int(st, 5, x->cancelled != 0);
	if (x->subject != NULL)
		sqlite3_bind_text(st, 6, x->subject, -1, SQLITE_TRANSIENT);
	if (x->location != NULL)
		sqlite3_bind_text(st, 7, x->location, -1, SQLITE_TRANSIENT);
	if (x->description != NULL)
		sqlite3_bind_text(st, 8, x->description, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE) {
		code = db_error(db, rc, N_("saving an event exception"), err);
		goto fail;
	}
	text = exception_text(x);
	code = audit_write(db, "event", event_id, "update", "exception", NULL,
	    text, err);
	free(text);
	if (code != SO_OK)
		goto fail;
	return db_commit(db, err);
fail:
	db_rollback(db);
	return code;
}

int
store_event_exceptions_clear(struct db *db, int64_t event_id,
    struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	code = db_prepare(db, "DELETE FROM event_exceptions WHERE event_id = ?",
	    &st, err);
	if (code != SO_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, event_id);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE) {
		code = db_error(db, rc, N_("removing event exceptions"), err);
		goto fail;
	}
	if (sqlite3_changes(db_sqlite(db)) > 0 && (code = audit_write(db,
	    "event", event_id, "update", "exception", "all", NULL, err)) !=
	    SO_OK)
		goto fail;
	return db_commit(db, err);
fail:
	db_rollback(db);
	return code;
}

int
store_event_by_uid(struct db *db, const char *uid, int64_t *id,
    struct so_err *err)
{
	return store_uid_lookup(db, "SELECT id FROM events WHERE uid = ?",
	    uid, id, err);
}
