/*
 * Contacts: people, at their current company.  People move between
 * companies and the history must survive the move, so every change of
 * company closes the open contact_jobs row and opens a new one, in the
 * same transaction as the change.  The closed rows are also the
 * company's former employees (store_company_former).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/audit.h"
#include "store/entities.h"
#include "store/hooks.h"
#include "store/lookup.h"

#define O(m)	offsetof(struct contact, m)

static const struct choice roles[] = {
	{ "decision_maker", NC_("contact", "Decision maker") },
	{ "influencer", NC_("contact", "Influencer") },
	{ "user", NC_("contact", "User") },
	{ "gatekeeper", NC_("contact", "Gatekeeper") },
	{ "other", NC_("contact", "Other") },
	{ NULL, NULL }
};

static const struct field_desc fields[] = {
	{ "last_name", NC_("contact", "Last name"), FT_TEXT, O(last_name), 18,
	    0, F_REQUIRED | F_SORT | F_SEARCH, NULL, NULL, NULL, NULL },
	{ "first_name", NC_("contact", "First name"), FT_TEXT, O(first_name),
	    14, 0, F_SORT | F_SEARCH, NULL, NULL, NULL, NULL },
	{ "middle_name", NC_("contact", "Middle name"), FT_TEXT, O(middle_name),
	    0, 0, F_SEARCH, NULL, NULL, NULL, NULL },
	FIELD_COMPANY(NC_("contact", "Company"), 24, 0),
	{ "position", NC_("contact", "Position"), FT_TEXT, O(position), 0, 0,
	    F_SEARCH, NULL, NULL, NULL, NULL },
	{ "role", NC_("contact", "Role"), FT_CHOICE, O(role), 0, 0, 0, NULL,
	    NULL, roles, NULL },
	{ "phone_work", NC_("contact", "Work phone"), FT_PHONE,
	    O(phone_work), 16, 0, F_SEARCH, NULL, NULL, NULL, NULL },
	{ "phone_mobile", NC_("contact", "Mobile"), FT_PHONE, O(phone_mobile),
	    0, 0, F_SEARCH, NULL, NULL, NULL, NULL },
	{ "phone_home", NC_("contact", "Home phone"), FT_PHONE,
	    O(phone_home), 0, 0, F_SEARCH, NULL, NULL, NULL, NULL },
	{ "email", NC_("contact", "E-mail"), FT_EMAIL, O(email), 0, 0, F_SEARCH,
	    NULL, NULL, NULL, NULL },
	{ "email2", NC_("contact", "E-mail 2"), FT_EMAIL, O(email2), 0, 0,
	    F_SEARCH, NULL, NULL, NULL, NULL },
	{ "messengers", NC_("contact", "Messengers"), FT_TEXT, O(messengers),
	    0, 0, F_SEARCH, NULL, NULL, NULL, NULL },
	{ "birthday", NC_("contact", "Birthday"), FT_DATE, O(birthday), 0,
	    0, 0, NULL, NULL, NULL, NULL },
	{ "address", NC_("contact", "Address"), FT_TEXT, O(address), 0, 0,
	    F_SEARCH, NULL, NULL, NULL, NULL },
	{ "hobbies", NC_("contact", "Hobbies"), FT_TEXT, O(hobbies), 0, 0,
	    F_SEARCH, NULL, NULL, NULL, NULL },
	{ "source", NC_("contact", "Source"), FT_TEXT, O(source), 0, 0,
	    F_SEARCH, NULL, NULL, NULL, NULL },
	FIELD_MANAGER(NC_("contact", "Manager"), 0, 0),
	{ "comment", NC_("contact", "Comment"), FT_MEMO, O(comment), 0, 0,
	    F_SEARCH, NULL, NULL, NULL, NULL },
	/* The vCard UID the contact was imported or exported as (vcard.h):
	 * kept so that the same card imported again updates the contact. */
	{ "uid", NC_("contact", "UID"), FT_TEXT, O(uid), 0, 250,
	    F_HIDDEN | F_READONLY, NULL, NULL, NULL, NULL },
};

static int
check(struct db *db, void *obj, struct so_err *err)
{
	struct contact *c = obj;

	(void)err;
	hook_default_user(db, c, &c->manager_id);
	return SO_OK;
}

static int
after_write(struct db *db, const void *old_obj, const void *new_obj,
    struct so_err *err)
{
	const struct contact *old = old_obj, *c = new_obj;
	int64_t oldco = old && old->company_id != SO_NULL ? old->company_id : 0;
	int64_t newco = c->company_id != SO_NULL ? c->company_id : 0;
	sqlite3_stmt *st;
	int rc, code;

	if (old && oldco == newco)
		return SO_OK;
	if (old) {
		code = db_prepare(db, "UPDATE contact_jobs SET ended_at = ? "
		    "WHERE contact_id = ? AND ended_at IS NULL", &st, err);
		if (code != SO_OK)
			return code;
		sqlite3_bind_int64(st, 1, db_now(db));
		sqlite3_bind_int64(st, 2, c->meta.id);
		rc = sqlite3_step(st);
		db_done(st);
		if (rc != SQLITE_DONE)
			return db_error(db, rc, N_("closing the job history"),
			    err);
	}
	if (newco == 0)
		return SO_OK;
	code = db_prepare(db, "INSERT INTO contact_jobs (contact_id, "
	    "company_id, position, started_at) VALUES (?, ?, ?, ?)", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, c->meta.id);
	sqlite3_bind_int64(st, 2, newco);
	sqlite3_bind_text(st, 3, c->position ? c->position : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, db_now(db));
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("recording the job history"), err);
	return SO_OK;
}

struct entity entity_contact = {
	.name = "contact", .table = "contacts",
	.label = NC_("contact", "Contact"),
	.plural = NC_("contact", "Contacts"),
	.size = sizeof(struct contact),
	.fields = fields, .nfields = sizeof(fields) / sizeof(fields[0]),
	.default_sort = 0,
	.title_sql = "trim(t.last_name || ' ' || t.first_name || ' ' || "
	    "t.middle_name)",
	.check = check,
	.after_write = after_write,
};

STORE_WRAPPERS(contact, struct contact, entity_contact)

int
store_contact_jobs(struct db *db, int64_t contact_id,
    struct contact_job **out, size_t *n, struct so_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	code = db_prepare(db, "SELECT j.company_id, c.name, j.position, "
	    "j.started_at, j.ended_at, j.id FROM contact_jobs j LEFT JOIN "
	    "companies "
	    "c ON c.id = j.company_id WHERE j.contact_id = ? "
	    "ORDER BY j.started_at, j.id", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, contact_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct contact_job *j;

		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		j = &(*out)[(*n)++];
		j->company_id = sqlite3_column_int64(st, 0);
		j->company = db_text_dup(st, 1);
		j->position = db_text_dup(st, 2);
		j->started_at = sqlite3_column_int64(st, 3);
		j->ended_at = sqlite3_column_int64(st, 4);
		j->id = sqlite3_column_int64(st, 5);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		store_contact_jobs_free(*out, *n);
		*out = NULL;
		*n = 0;
		return db_error(db, rc, N_("reading the job history"), err);
	}
	return SO_OK;
}

void
store_contact_jobs_free(struct contact_job *jobs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(jobs[i].company);
		free(jobs[i].position);
	}
	free(jobs);
}

/* ---- a job entered by hand ---- */

/* The job id of the contact's history into *j (company name too). */
static int
job_get(struct db *db, int64_t contact_id, int64_t id, struct contact_job *j,
    struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	memset(j, 0, sizeof(*j));
	code = db_prepare(db, "SELECT j.company_id, c.name, j.position, "
	    "j.started_at, j.ended_at FROM contact_jobs j LEFT JOIN "
	    "companies c ON c.id = j.company_id WHERE j.id = ? AND "
	    "j.contact_id = ?", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, contact_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		j->id = id;
		j->company_id = sqlite3_column_int64(st, 0);
		j->company = db_text_dup(st, 1);
		j->position = db_text_dup(st, 2);
		j->started_at = sqlite3_column_int64(st, 3);
		j->ended_at = sqlite3_column_int64(st, 4);
	}
	db_done(st);
	if (rc == SQLITE_DONE)
		return so_err_set(err, SO_ENOTFOUND, _("job %lld is not in "
		    "contact %lld's history"), (long long)id,
		    (long long)contact_id);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, N_("reading the job history"), err);
	return SO_OK;
}

/* "ООО Ромашка, Manager, 2015-03-01 - 2019-06-30", for the audit. */
static char *
job_text(struct db *db, const struct contact_job *j)
{
	char from[11], to[11], *name, *s;

	name = store_lookup_title(db, &entity_company, j->company_id);
	dt_format_date((time_t)j->started_at, from);
	if (j->ended_at)
		dt_format_date((time_t)j->ended_at, to);
	else
		strcpy(to, "...");
	s = xasprintf("%s%s%s, %s - %s", name ? name : "?",
	    j->position && *j->position ? ", " : "",
	    j->position ? j->position : "", from, to);
	free(name);
	return s;
}

/* The contact, and whether the current user may change it. */
static int
job_contact(struct db *db, int64_t contact_id, struct so_err *err)
{
	struct contact c;
	int code;

	if ((code = store_contact_get(db, contact_id, &c, err)) != SO_OK)
		return code;
	if (c.meta.deleted_at)
		code = so_err_set(err, SO_EINVAL, _("contact %lld is in the "
		    "trash"), (long long)contact_id);
	else
		code = acl_check_write(db, &entity_contact, &c, &c, err);
	store_contact_clear(&c);
	return code;
}

/* What a job may be, against the job it was (old, NULL on an add). */
static int
job_check(struct db *db, const struct contact_job *old,
    const struct contact_job *j, struct so_err *err)
{
	char today[11], from[11], to[11];
	time_t tomorrow;
	char *name;

	if (old && old->ended_at == 0) {
		if (j->company_id != old->company_id)
			return so_err_field(err, SO_EINVAL, "company_id",
			    _("the current job's company is the contact's "
			    "Company: change it on the contact"));
		if (j->ended_at != 0)
			return so_err_field(err, SO_EINVAL, "ended_at",
			    _("the current job ends when the contact's "
			    "Company changes"));
	} else {
		if (j->company_id <= 0 || (name = store_lookup_title(db,
		    &entity_company, j->company_id)) == NULL)
			return so_err_field(err, SO_EINVAL, "company_id",
			    _("a job needs a company of the card file"));
		free(name);
		if (j->ended_at <= 0)
			return so_err_field(err, SO_EINVAL, "ended_at",
			    _("a past job needs its end (the current one is "
			    "the contact's Company)"));
	}
	if (j->started_at <= 0)
		return so_err_field(err, SO_EINVAL, "started_at",
		    _("a job needs the day it started"));
	dt_format_date((time_t)db_now(db), today);
	tomorrow = dt_date_start(today, 1);
	if (j->started_at >= tomorrow)
		return so_err_field(err, SO_EINVAL, "started_at",
		    _("the start is after today (%s)"), today);
	if (j->ended_at >= tomorrow)
		return so_err_field(err, SO_EINVAL, "ended_at",
		    _("the end is after today (%s)"), today);
	if (j->ended_at && j->ended_at < j->started_at) {
		dt_format_date((time_t)j->started_at, from);
		dt_format_date((time_t)j->ended_at, to);
		return so_err_field(err, SO_EINVAL, "ended_at",
		    _("the end (%s) is before the start (%s)"), to, from);
	}
	return SO_OK;
}

int
store_contact_job_save(struct db *db, int64_t contact_id,
    struct contact_job *j, struct so_err *err)
{
	struct contact_job old = { 0 };
	sqlite3_stmt *st;
	char *was = NULL, *now;
	int rc, code, have_old = 0;

	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if ((code = job_contact(db, contact_id, err)) != SO_OK)
		goto out;
	if (j->id && (code = job_get(db, contact_id, j->id, &old, err)) !=
	    SO_OK)
		goto out;
	have_old = j->id != 0;
	if ((code = job_check(db, have_old ? &old : NULL, j, err)) != SO_OK)
		goto out;
	if (have_old)
		code = db_prepare(db, "UPDATE contact_jobs SET company_id = "
		    "?2, position = ?3, started_at = ?4, ended_at = ?5 "
		    "WHERE id = ?1", &st, err);
	else
		code = db_prepare(db, "INSERT INTO contact_jobs (contact_id, "
		    "company_id, position, started_at, ended_at) VALUES (?1, "
		    "?2, ?3, ?4, ?5)", &st, err);
	if (code != SO_OK)
		goto out;
	sqlite3_bind_int64(st, 1, have_old ? j->id : contact_id);
	sqlite3_bind_int64(st, 2, j->company_id);
	sqlite3_bind_text(st, 3, j->position ? j->position : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, j->started_at);
	if (j->ended_at)
		sqlite3_bind_int64(st, 5, j->ended_at);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE) {
		code = db_error(db, rc, N_("recording the job history"), err);
		goto out;
	}
	if (have_old)
		was = job_text(db, &old);
	else
		j->id = sqlite3_last_insert_rowid(db_sqlite(db));
	now = job_text(db, j);
	code = audit_write(db, "contact", contact_id, "update", "job", was,
	    now, err);
	free(now);
out:
	free(was);
	free(old.company);
	free(old.position);
	return db_finish(db, code, err);
}

int
store_contact_job_delete(struct db *db, int64_t contact_id, int64_t job_id,
    struct so_err *err)
{
	struct contact_job old = { 0 };
	sqlite3_stmt *st;
	char *was;
	int rc, code;

	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if ((code = job_contact(db, contact_id, err)) != SO_OK ||
	    (code = job_get(db, contact_id, job_id, &old, err)) != SO_OK)
		goto out;
	if (old.ended_at == 0) {
		code = so_err_set(err, SO_EINVAL, _("the current job is the "
		    "contact's Company: change it on the contact"));
		goto out;
	}
	if ((code = db_prepare(db, "DELETE FROM contact_jobs WHERE id = ?",
	    &st, err)) != SO_OK)
		goto out;
	sqlite3_bind_int64(st, 1, job_id);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE) {
		code = db_error(db, rc, N_("removing a job from the history"),
		    err);
		goto out;
	}
	was = job_text(db, &old);
	code = audit_write(db, "contact", contact_id, "update", "job", was,
	    NULL, err);
	free(was);
out:
	free(old.company);
	free(old.position);
	return db_finish(db, code, err);
}

/*
 * The people who worked at a company and left: their closed jobs there
 * (contact_jobs rows with an end), the newest departure first.  A person
 * who came back is listed for the stint that ended too.  Contacts in the
 * trash are left out, as from every list.
 */
int
store_company_former(struct db *db, int64_t company_id,
    struct former_employee **out, size_t *n, struct so_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	code = db_prepare(db, "SELECT j.contact_id, trim(c.last_name || ' ' || "
	    "c.first_name || ' ' || c.middle_name), j.position, j.started_at, "
	    "j.ended_at FROM contact_jobs j JOIN contacts c ON c.id = "
	    "j.contact_id WHERE j.company_id = ?1 AND j.ended_at IS NOT NULL "
	    "AND c.deleted_at IS NULL ORDER BY j.ended_at DESC, j.id DESC",
	    &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, company_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct former_employee *f;

		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		f = &(*out)[(*n)++];
		f->contact_id = sqlite3_column_int64(st, 0);
		f->name = db_text_dup(st, 1);
		f->position = db_text_dup(st, 2);
		f->started_at = sqlite3_column_int64(st, 3);
		f->ended_at = sqlite3_column_int64(st, 4);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		store_company_former_free(*out, *n);
		*out = NULL;
		*n = 0;
		return db_error(db, rc, N_("reading former employees"), err);
	}
	return SO_OK;
}

void
store_company_former_free(struct former_employee *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].position);
	}
	free(v);
}
