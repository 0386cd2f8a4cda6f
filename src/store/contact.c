/*
 * Contacts: people, at their current company.  People move between
 * companies and the history must survive the move, so every change of
 * company closes the open contact_jobs row and opens a new one, in the
 * same transaction as the change.  The closed rows are also the
 * company's former employees (store_company_former).
 */
#include <stddef.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "base/util.h"
#include "store/entities.h"
#include "store/hooks.h"

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
	    "j.started_at, j.ended_at FROM contact_jobs j LEFT JOIN companies "
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
