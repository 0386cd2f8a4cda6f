/*
 * The figures of the meeting report; see include/store/report_meeting.h.
 *
 * Two statements: the meeting with everything the page shows (the
 * person met is the event's contact, else the company's first decision
 * maker), then the company's planned events and open tasks after it.
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "store/entity.h"
#include "store/lookup.h"
#include "store/acl.h"
#include "store/entities.h"
#include "store/report_meeting.h"

#define MEETING_SQL							\
	"SELECT e.id, e.start_at, coalesce(e.end_at, 0), e.status, "	\
	"e.subject, e.location, coalesce(u.login, ''), "		\
	"coalesce(u.full_name, ''), coalesce(e.company_id, 0), "	\
	"coalesce(c.name, ''), coalesce(p.id, 0), "			\
	"coalesce(p.last_name, ''), coalesce(p.first_name, ''), "	\
	"coalesce(p.middle_name, ''), coalesce(p.position, ''), "	\
	"coalesce(p.phone_work, ''), coalesce(p.phone_mobile, ''), "	\
	"coalesce(p.phone_home, ''), coalesce(p.email, ''), "		\
	"coalesce(r.name, ''), e.result_comment, e.description, "	\
	"e.our_actions, e.client_actions, coalesce(t.code, ''), "	\
	"coalesce(t.name, '') "						\
	"FROM events e LEFT JOIN event_types t ON t.id = e.type_id "	\
	"LEFT JOIN event_results r ON r.id = e.result_id "		\
	"LEFT JOIN users u ON u.id = e.assignee_id "			\
	"LEFT JOIN companies c ON c.id = e.company_id "			\
	"LEFT JOIN contacts p ON p.id = coalesce(e.contact_id, "	\
	"(SELECT id FROM contacts WHERE company_id = e.company_id "	\
	"AND role = 'decision_maker' AND deleted_at IS NULL "		\
	"ORDER BY id LIMIT 1)) "					\
	"WHERE e.id = ?1 AND e.deleted_at IS NULL"

/*
 * After the meeting: the company's planned events and its open tasks
 * due after the meeting's start (undated tasks last).
 */
#define MEETING_NEXT_SQL						\
	"SELECT * FROM (SELECT 0 AS task, e.id AS id, e.start_at AS at, " \
	"coalesce(t.name, '') AS kind, e.subject AS text, "		\
	"coalesce(u.login, '') AS who FROM events e "			\
	"LEFT JOIN event_types t ON t.id = e.type_id "			\
	"LEFT JOIN users u ON u.id = e.assignee_id "			\
	"WHERE e.company_id = ?1 AND e.start_at > ?2 AND e.id <> ?3 "	\
	"AND e.status = 'planned' AND e.deleted_at IS NULL "		\
	"UNION ALL SELECT 1, k.id, coalesce(k.due_at, 0), 'Task', "	\
	"k.title, coalesce(u.login, '') FROM tasks k "			\
	"LEFT JOIN users u ON u.id = k.assignee_id "			\
	"WHERE k.company_id = ?1 AND k.status = 'open' "		\
	"AND k.deleted_at IS NULL AND (k.due_at IS NULL "		\
	"OR k.due_at > ?2)) ORDER BY at = 0, at, task, id"

static void
meeting_read(sqlite3_stmt *st, struct rep_meeting *m)
{
	m->id = sqlite3_column_int64(st, 0);
	m->start_at = sqlite3_column_int64(st, 1);
	m->end_at = sqlite3_column_int64(st, 2);
	m->status = db_text_dup(st, 3);
	m->subject = db_text_dup(st, 4);
	m->location = db_text_dup(st, 5);
	m->manager_login = db_text_dup(st, 6);
	m->manager_name = db_text_dup(st, 7);
	m->company_id = sqlite3_column_int64(st, 8);
	m->company = db_text_dup(st, 9);
	m->contact_id = sqlite3_column_int64(st, 10);
	m->contact = rep_person_name(db_text(st, 11), db_text(st, 12),
	    db_text(st, 13));
	m->position = db_text_dup(st, 14);
	m->phone_work = db_text_dup(st, 15);
	m->phone_mobile = db_text_dup(st, 16);
	m->phone_home = db_text_dup(st, 17);
	m->email = db_text_dup(st, 18);
	m->result = db_text_dup(st, 19);
	m->result_comment = db_text_dup(st, 20);
	m->description = db_text_dup(st, 21);
	m->our_actions = db_text_dup(st, 22);
	m->client_actions = db_text_dup(st, 23);
}

static int
meeting_next(struct db *db, struct rep_meeting *m, struct so_err *err)
{
	struct rep_item *it;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	if (m->company_id == 0)
		return SO_OK;
	if ((code = db_prepare(db, MEETING_NEXT_SQL, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, m->company_id);
	sqlite3_bind_int64(st, 2, m->start_at);
	sqlite3_bind_int64(st, 3, m->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (m->nnext == cap)
			m->next = xrealloc(m->next, (cap = cap ? cap * 2 : 8) *
			    sizeof(*m->next));
		it = &m->next[m->nnext++];
		it->task = sqlite3_column_int(st, 0);
		it->id = sqlite3_column_int64(st, 1);
		it->at = sqlite3_column_int64(st, 2);
		it->kind = db_text_dup(st, 3);
		it->text = db_text_dup(st, 4);
		it->assignee = db_text_dup(st, 5);
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("listing what follows a meeting"),
		    err);
	return SO_OK;
}

int
rep_meeting_get(struct db *db, int64_t id, struct rep_meeting *out,
    struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code, meeting = 0;
	char *type = NULL;

	memset(out, 0, sizeof(*out));
	/* A meeting's notes, result and the client's phones are its
	 * responsible user's (and the head's) to read. */
	if ((code = acl_check_read(db, &entity_event, id, err)) != SO_OK &&
	    code != SO_ENOTFOUND)
		return code;
	if ((code = db_prepare(db, MEETING_SQL, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		meeting = strcmp(db_text(st, 24), "meeting") == 0;
		if (meeting)
			meeting_read(st, out);
		else
			type = db_text_dup(st, 25);
	}
	db_done(st);
	if (rc == SQLITE_DONE)
		return so_err_field(err, SO_ENOTFOUND, "id", _("no event "
		    "#%lld"), (long long)id);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, N_("reading a meeting"), err);
	if (!meeting) {
		code = so_err_field(err, SO_EINVAL, "id", _("event #%lld is "
		    "not a meeting (it is %s)"), (long long)id, type && *type ?
		    type : _("of no type"));
		free(type);
		return code;
	}
	if ((code = meeting_next(db, out, err)) != SO_OK)
		rep_meeting_clear(out);
	return code;
}

int
rep_meeting_latest(struct db *db, int64_t user, const struct rep_period *p,
    int64_t *id, struct so_err *err)
{
	static const char *const codes[] = { "meeting" };
	sqlite3_stmt *st;
	int64_t type;
	int rc, code;

	*id = 0;
	if ((code = acl_check_user(db, user, ACL_OTHERS_FIGURES, err)) != SO_OK)
		return code;
	code = store_lookup_ids(db, LOOKUP_EVENT_TYPES, codes, &type, 1, err);
	if (code != SO_OK)
		return code;
	code = db_prepare(db, "SELECT id FROM events WHERE assignee_id = ?1 "
	    "AND status = 'done' AND start_at >= ?2 AND start_at < ?3 "
	    "AND deleted_at IS NULL AND type_id = ?4 "
	    "ORDER BY start_at DESC, id DESC LIMIT 1", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, user);
	sqlite3_bind_int64(st, 2, p->lo);
	sqlite3_bind_int64(st, 3, p->hi);
	rep_bind_id(st, 4, type);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc == SQLITE_DONE) {
		if (*p->from)
			return so_err_set(err, SO_ENOTFOUND, _("no meeting "
			    "done from %s to %s"), p->from, p->to);
		return so_err_set(err, SO_ENOTFOUND, _("no meeting done yet"));
	}
	if (rc != SQLITE_ROW)
		return db_error(db, rc, N_("finding the latest meeting"), err);
	return SO_OK;
}

void
rep_meeting_clear(struct rep_meeting *m)
{
	size_t i;

	for (i = 0; i < m->nnext; i++) {
		free(m->next[i].kind);
		free(m->next[i].text);
		free(m->next[i].assignee);
	}
	free(m->next);
	free(m->status);
	free(m->subject);
	free(m->location);
	free(m->manager_login);
	free(m->manager_name);
	free(m->company);
	free(m->contact);
	free(m->position);
	free(m->phone_work);
	free(m->phone_mobile);
	free(m->phone_home);
	free(m->email);
	free(m->result);
	free(m->result_comment);
	free(m->description);
	free(m->our_actions);
	free(m->client_actions);
	memset(m, 0, sizeof(*m));
}
