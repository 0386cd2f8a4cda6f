/*
 * Programs: campaigns (a seminar, a mailing, a promotion) and their
 * members, the companies and people taking part, each with a status
 * (invited -> confirmed -> attended -> bought, or declined) and a
 * result.  Both are card files of the record engine, so members are
 * listed on the program's, the company's and the contact's card, edited
 * in forms and audited like any record.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "store/entities.h"
#include "store/hooks.h"

#define O(m)	offsetof(struct program, m)

static const struct choice kinds[] = {
	{ "seminar", NC_("program", "Seminar") },
	{ "mailing", NC_("program", "Mailing") },
	{ "promotion", NC_("program", "Promotion") },
	{ "other", NC_("program", "Other") },
	{ NULL, NULL }
};

static const struct field_desc program_fields[] = {
	{ "name", NC_("program", "Name"), FT_TEXT, O(name), 30, 0,
	    F_REQUIRED | F_SORT | F_SEARCH, NULL, NULL, NULL, NULL },
	{ "kind", NC_("program", "Kind"), FT_CHOICE, O(kind), 10, 0, 0, NULL,
	    NULL, kinds, NULL },
	{ "starts_on", NC_("program", "Starts"), FT_DATE, O(starts_on), 10, 0,
	    F_SORT, NULL, NULL, NULL, NULL },
	{ "ends_on", NC_("program", "Ends"), FT_DATE, O(ends_on), 10, 0, 0,
	    NULL, NULL, NULL, NULL },
	{ "description", NC_("program", "Description"), FT_MEMO, O(description),
	    0, 0, F_SEARCH, NULL, NULL, NULL, NULL },
};

static int
program_check(struct db *db, void *obj, struct so_err *err)
{
	struct program *p = obj;

	(void)db;
	/* Dates compare as text ("YYYY-MM-DD"); bad ones fail later. */
	if (p->starts_on && *p->starts_on && p->ends_on && *p->ends_on &&
	    strcmp(p->ends_on, p->starts_on) < 0)
		return so_err_field(err, SO_EINVAL, "ends_on",
		    _("Ends: before the start (%s)"), p->starts_on);
	return SO_OK;
}

struct entity entity_program = {
	.name = "program", .table = "programs",
	.label = NC_("program", "Program"),
	.plural = NC_("program", "Programs"),
	.size = sizeof(struct program),
	.fields = program_fields,
	.nfields = sizeof(program_fields) / sizeof(program_fields[0]),
	.default_sort = 0,
	.title_sql = "t.name",
	.check = program_check,
};

STORE_WRAPPERS(program, struct program, entity_program)

#undef O
#define O(m)	offsetof(struct program_member, m)

/* In the order a member moves through them (program_counts' order). */
static const struct choice statuses[] = {
	{ "invited", NC_("member", "Invited") },
	{ "confirmed", NC_("member", "Confirmed") },
	{ "attended", NC_("member", "Attended") },
	{ "declined", NC_("member", "Declined") },
	{ "bought", NC_("member", "Bought") },
	{ NULL, NULL }
};

#define STATUS_FIELD	3

static const struct field_desc member_fields[] = {
	{ "program_id", NC_("member", "Program"), FT_REF, O(program_id), 24, 0,
	    F_REQUIRED, "programs", LABEL_NAME, NULL, NULL },
	FIELD_COMPANY(NC_("member", "Company"), 24, 0),
	FIELD_CONTACT(NC_("member", "Contact"), 20, 0),
	{ "status", NC_("member", "Status"), FT_CHOICE, O(status), 10, 0,
	    F_SORT, NULL, NULL, statuses, "invited" },
	{ "result", NC_("member", "Result"), FT_TEXT, O(result), 20, 0, 0,
	    NULL, NULL, NULL, NULL },
};

static int
member_check(struct db *db, void *obj, struct so_err *err)
{
	struct program_member *m = obj;
	sqlite3_stmt *st;
	int rc, code;

	if ((m->company_id == SO_NULL || m->company_id == 0) &&
	    (m->contact_id == SO_NULL || m->contact_id == 0))
		return so_err_field(err, SO_EINVAL, "company_id",
		    _("Company: a member needs a company or a contact"));
	if (m->company_id != SO_NULL && m->company_id != 0)
		return SO_OK;
	/* A person takes part for their company: a program's results are
	 * its members' companies' deals and payments (store/mailing.h),
	 * so a contact added from a list keeps the contact's company. */
	code = db_prepare(db, "SELECT company_id FROM contacts WHERE id = ?1 "
	    "AND company_id IS NOT NULL", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, m->contact_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		m->company_id = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, N_("finding the member's company"),
		    err);
	return SO_OK;
}

/*
 * A member is named by its program and who takes part: "Семинар —
 * Иванов Сергей (ООО «Ромашка»)", or the company alone.
 */
#define MEMBER_COMPANY							\
	"(SELECT c.name FROM companies c WHERE c.id = t.company_id)"
#define MEMBER_TITLE							\
	"coalesce((SELECT p.name FROM programs p "			\
	"WHERE p.id = t.program_id), '') || ' — ' || coalesce("	\
	"(SELECT trim(k.last_name || ' ' || k.first_name) FROM contacts k " \
	"WHERE k.id = t.contact_id) || coalesce(' (' || " MEMBER_COMPANY \
	" || ')', ''), " MEMBER_COMPANY ", '')"

struct entity entity_member = {
	.name = "member", .table = "program_members",
	.label = NC_("member", "Program member"),
	.plural = NC_("member", "Program members"),
	.size = sizeof(struct program_member),
	.fields = member_fields,
	.nfields = sizeof(member_fields) / sizeof(member_fields[0]),
	.default_sort = STATUS_FIELD,
	.title_sql = MEMBER_TITLE,
	.check = member_check,
};

STORE_WRAPPERS(member, struct program_member, entity_member)

/* Index of code among the statuses, or -1. */
static int
status_index(const char *code)
{
	int i;

	for (i = 0; statuses[i].code; i++)
		if (strcmp(statuses[i].code, code) == 0)
			return i;
	return -1;
}

int
program_counts(struct db *db, int64_t program_id, struct program_count **out,
    size_t *n, struct so_err *err)
{
	sqlite3_stmt *st;
	size_t nstat, i;
	int rc, code, k;

	for (nstat = 0; statuses[nstat].code; nstat++)
		;
	/* Every status, in order, zeros too; then any other code found. */
	*n = nstat;
	*out = xcalloc(nstat, sizeof(**out));
	for (i = 0; i < nstat; i++)
		(*out)[i].status = xstrdup(statuses[i].code);
	code = db_prepare(db, "SELECT status, count(*) FROM program_members "
	    "WHERE program_id = ?1 AND deleted_at IS NULL GROUP BY status "
	    "ORDER BY status", &st, err);
	if (code != SO_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, program_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);

		if (s == NULL)
			s = "";
		if ((k = status_index(s)) < 0) {
			*out = xrealloc(*out, (*n + 1) * sizeof(**out));
			k = (int)(*n)++;
			(*out)[k].status = xstrdup(s);
		}
		(*out)[k].count = sqlite3_column_int64(st, 1);
	}
	db_done(st);
	if (rc == SQLITE_DONE)
		return SO_OK;
	code = db_error(db, rc, N_("counting the members"), err);
fail:
	program_counts_free(*out, *n);
	*out = NULL;
	*n = 0;
	return code;
}

void
program_counts_free(struct program_count *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i].status);
	free(v);
}
