/*
 * The store side of vCard exchange; see include/store/vcardstore.h.
 *
 * An imported card is a patch: the fields it carries replace the
 * contact's, the rest stay.  The order of one patch matters because a
 * bad card must leave nothing behind while the file's transaction goes
 * on: everything that can be checked without the company is checked
 * first, then a missing company is created, then the contact is
 * validated and written.  rec_create and rec_update roll the whole
 * transaction back when they fail, so they are only reached with a
 * record rec_validate has passed.
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/entities.h"
#include "store/hooks.h"
#include "store/refs.h"
#include "store/vcardstore.h"

struct contact_importer {
	struct db		*db;
	int			 fi_company;
	struct store_refs	*names;		/* of companies */
};

void
contact_patch_init(struct contact_patch *p)
{
	memset(p, 0, sizeof(*p));
	p->c.company_id = SO_NULL;
	p->c.manager_id = SO_NULL;
}

void
contact_patch_clear(struct contact_patch *p)
{
	if (p == NULL)
		return;
	rec_clear(&entity_contact, &p->c);
	free(p->company);
	free(p->extra);
	contact_patch_init(p);
}

int
store_contact_by_uid(struct db *db, const char *uid, int64_t *id,
    struct so_err *err)
{
	if (uid == NULL || *uid == '\0') {
		*id = 0;
		return SO_OK;
	}
	/* uid <> '' lets the partial index contacts_uid serve. */
	return store_uid_lookup(db, "SELECT id FROM contacts WHERE uid = ? "
	    "AND uid <> ''", uid, id, err);
}

/* Ids of the contacts without a UID, ascending. */
static int
ids_without_uid(struct db *db, int64_t **out, size_t *n, struct so_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	code = db_prepare(db, "SELECT id FROM contacts WHERE uid = '' "
	    "ORDER BY id", &st, err);
	if (code != SO_OK)
		return code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		(*out)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return db_error(db, rc, N_("reading contacts without a UID"),
		    err);
	}
	return SO_OK;
}

static int
give_uid(struct db *db, int64_t id, struct so_err *err)
{
	struct contact c;
	int code;

	memset(&c, 0, sizeof(c));
	if ((code = rec_get(db, &entity_contact, id, &c, err)) == SO_OK) {
		hook_new_uid(&c.uid);
		code = rec_update(db, &entity_contact, &c, err);
	}
	rec_clear(&entity_contact, &c);
	return code;
}

/*
 * Both id lists are ascending, so the contacts to give a UID are found
 * by one merge; rec_update audits each as the form would.
 */
int
store_contact_give_uids(struct db *db, const struct list_query *q,
    size_t *n, struct so_err *err)
{
	int64_t *sel = NULL, *none = NULL;
	size_t nsel = 0, nnone = 0, i = 0, j = 0;
	int code;

	*n = 0;
	/* Most exports find nothing to do: then no write lock is taken. */
	if ((code = ids_without_uid(db, &none, &nnone, err)) != SO_OK ||
	    nnone == 0)
		return code;
	free(none);
	none = NULL;
	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	/* Housekeeping, not a person's edit: any contact exported gets
	 * its UID, whoever's it is. */
	acl_system(db, 1);
	if ((code = ids_without_uid(db, &none, &nnone, err)) != SO_OK)
		goto out;
	if ((code = rec_ids(db, &entity_contact, q, &sel, &nsel, err)) !=
	    SO_OK)
		goto out;
	while (i < nsel && j < nnone) {
		if (sel[i] < none[j])
			i++;
		else if (sel[i] > none[j])
			j++;
		else {
			if ((code = give_uid(db, sel[i], err)) != SO_OK)
				goto out;
			(*n)++;
			i++;
			j++;
		}
	}
out:
	acl_system(db, 0);
	free(sel);
	free(none);
	if (code != SO_OK)
		*n = 0;
	return db_finish(db, code, err);
}

int
store_contact_importer_new(struct db *db, struct contact_importer **out,
    struct so_err *err)
{
	struct contact_importer *im;
	int code;

	im = xcalloc(1, sizeof(*im));
	im->db = db;
	im->fi_company = entity_field(&entity_contact, "company_id");
	code = store_refs_load(db, &entity_contact.fields[im->fi_company],
	    &im->names, err);
	if (code != SO_OK) {
		free(im);
		*out = NULL;
		return code;
	}
	*out = im;
	return SO_OK;
}

void
store_contact_importer_free(struct contact_importer *im)
{
	if (im == NULL)
		return;
	store_refs_free(im->names);
	free(im);
}

static void
set_text(char **dst, const char *src)
{
	free(*dst);
	*dst = xstrdup(src);
}

/*
 * The comment: the card's NOTE with the extra lines after it; without
 * a NOTE the extra lines are added to the comment there is, unless it
 * has them already (the same card imported twice adds them once).
 */
static void
patch_comment(struct contact *c, const struct contact_patch *p)
{
	const char *extra = p->extra ? p->extra : "";
	const char *cur = c->comment ? c->comment : "";

	if (p->c.comment) {
		if (*extra == '\0')
			set_text(&c->comment, p->c.comment);
		else {
			free(c->comment);
			c->comment = xasprintf("%s%s%s", p->c.comment,
			    *p->c.comment ? "\n" : "", extra);
		}
	} else if (*extra && strstr(cur, extra) == NULL) {
		char *s = xasprintf("%s%s%s", cur, *cur ? "\n" : "", extra);

		free(c->comment);
		c->comment = s;
	}
}

/* The text fields the patch carries into c (not company, uid, comment). */
static void
patch_fields(struct contact *c, const struct contact_patch *p)
{
	const struct entity *ent = &entity_contact;
	int i, nb = entity_nbuiltin(ent);

	for (i = 0; i < nb; i++) {
		const struct field_desc *fd = &ent->fields[i];
		const char *v;

		if (!field_is_text(fd) || strcmp(fd->name, "uid") == 0 ||
		    strcmp(fd->name, "comment") == 0)
			continue;
		/* field_text, not field_text_c: NULL (not carried) and ""
		 * (cleared) differ here */
		if ((v = *field_text(fd, (void *)&p->c)) != NULL)
			set_text(field_text(fd, c), v);
	}
	patch_comment(c, p);
}

/* Does the company c is at already go by name (any case)? */
static int
same_company(const struct contact *c, int fi, const char *name)
{
	const char *label;
	char *a, *b;
	int same;

	if (c->company_id == SO_NULL || c->meta.ref_labels == NULL ||
	    (label = c->meta.ref_labels[fi]) == NULL)
		return 0;
	a = utf8_fold(label);
	b = utf8_fold(name);
	same = strcmp(a, b) == 0;
	free(a);
	free(b);
	return same;
}

/* Everything but the company that is pending: before creating it. */
static int
precheck(struct contact_importer *im, struct contact *c, struct so_err *err)
{
	const struct entity *ent = &entity_contact;
	int i, code;

	if (ent->check && (code = ent->check(im->db, c, err)) != SO_OK)
		return code;
	for (i = 0; i < ent->nfields; i++)
		if (i != im->fi_company &&
		    (code = field_validate(ent, i, c, err)) != SO_OK)
			return code;
	return SO_OK;
}

static int
create_company(struct contact_importer *im, const char *name, int64_t *id,
    struct so_err *err)
{
	struct company co;
	struct so_err fe = { 0 };
	int code;

	store_company_init(&co);
	/* made from the card's ORG by the program: the fields people add
	 * to companies stay empty (store/record.h) */
	co.meta.by_program = 1;
	set_text(&co.name, name);
	if ((code = rec_validate(im->db, &entity_company, &co, &fe)) != SO_OK) {
		store_company_clear(&co);
		if (code != SO_EINVAL) {
			*err = fe;
			return code;
		}
		return so_err_field(err, SO_EINVAL, "company_id",
		    _("cannot create the company \"%s\": %s"), name, fe.msg);
	}
	if ((code = store_company_create(im->db, &co, err)) != SO_OK) {
		store_company_clear(&co);
		/* it rolled the transaction back: not a bad card but the end */
		return code == SO_EINVAL ? SO_ERR : code;
	}
	*id = co.meta.id;
	store_refs_add(im->names, name, *id);
	store_company_clear(&co);
	return SO_OK;
}

static int
same_record(const struct contact *a, const struct contact *b)
{
	int i;

	for (i = 0; i < entity_contact.nfields; i++)
		if (!field_equal(&entity_contact.fields[i], a, b))
			return 0;
	return 1;
}

/* The company field of c from p: an id, or *pending for a new one. */
static void
patch_company(struct contact_importer *im, struct contact *c,
    const struct contact_patch *p, int have_old, int *pending)
{
	int64_t id;

	*pending = 0;
	if (p->company == NULL)
		return;
	if (*p->company == '\0') {
		c->company_id = SO_NULL;
		return;
	}
	/* Two companies of one name: keep the one the contact is at. */
	if (have_old && same_company(c, im->fi_company, p->company))
		return;
	if (store_refs_find(im->names, p->company, &id) > 0)
		c->company_id = id;
	else {
		c->company_id = SO_NULL;
		*pending = 1;
	}
}

static int
write_contact(struct contact_importer *im, struct contact *c,
    const struct contact *old, enum patch_result *res, struct so_err *err)
{
	int code;

	/* judged on what the card changes (store/record.h) */
	if ((code = rec_validate_changes(im->db, &entity_contact, old, c,
	    err)) != SO_OK)
		return code;
	if (old == NULL) {
		code = rec_create(im->db, &entity_contact, c, err);
		*res = PATCH_CREATED;
	} else if (same_record(c, old)) {
		*res = PATCH_UNCHANGED;
		return SO_OK;
	} else {
		code = rec_update(im->db, &entity_contact, c, err);
		*res = PATCH_UPDATED;
	}
	/* A failed write has rolled back: no longer just a bad card. */
	return code == SO_EINVAL ? SO_ERR : code;
}

int
store_contact_import(struct contact_importer *im,
    const struct contact_patch *p, enum patch_result *res,
    int *company_created, struct so_err *err)
{
	struct contact old, c;
	int64_t id, coid = 0;
	int code, have_old = 0, pending;

	*company_created = 0;
	memset(&old, 0, sizeof(old));
	memset(&c, 0, sizeof(c));
	if ((code = store_contact_by_uid(im->db, p->c.uid, &id, err)) !=
	    SO_OK)
		return code;
	if (id) {
		if ((code = rec_get(im->db, &entity_contact, id, &old, err)) !=
		    SO_OK)
			goto out;
		have_old = 1;
		rec_copy(&entity_contact, &c, &old);
	} else {
		rec_init(&entity_contact, &c);
		set_text(&c.uid, p->c.uid ? p->c.uid : "");
	}
	patch_fields(&c, p);
	patch_company(im, &c, p, have_old, &pending);
	if (pending) {
		if ((code = precheck(im, &c, err)) != SO_OK ||
		    (code = create_company(im, p->company, &coid, err)) !=
		    SO_OK)
			goto out;
		c.company_id = coid;
		*company_created = 1;
	}
	code = write_contact(im, &c, have_old ? &old : NULL, res, err);
out:
	rec_clear(&entity_contact, &old);
	rec_clear(&entity_contact, &c);
	return code;
}
