/*
 * The store side of vCard exchange (vcard.h): finding a contact by its
 * UID, giving exported contacts a stored UID, and writing one imported
 * card as a patch over a contact.  It knows nothing of the vCard syntax:
 * vcard.c turns a card into a struct contact_patch, and this file only
 * sees contacts and company names.
 */
#ifndef STORE_VCARDSTORE_H
#define STORE_VCARDSTORE_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"
#include "store/entities.h"
#include "store/record.h"

/*
 * A contact as an imported card carries it.  In c, a text field left
 * NULL is one the card says nothing about: an update keeps the
 * contact's value; "" clears it.  c.company_id and c.manager_id are not
 * read: the company comes by name.
 */
struct contact_patch {
	struct contact	 c;
	char		*company;	/* ORG's name; "" none; NULL not said */
	/* "Label: value" lines of what has no field of its own, kept in
	 * the comment; NULL when none.  Without a NOTE in the card they are
	 * added to the comment the contact has, once. */
	char		*extra;
};

/* Zeroes p: nothing carried. */
void	 contact_patch_init(struct contact_patch *p);
void	 contact_patch_clear(struct contact_patch *p);

/* The contact (live or trashed) with this vCard UID: *id, or 0. */
int	 store_contact_by_uid(struct db *db, const char *uid, int64_t *id,
	    struct so_err *err);

/*
 * Gives every contact q selects that has no UID a new random one, and
 * stores it (one transaction, audited like any change); *n: how many
 * were given one.
 */
int	 store_contact_give_uids(struct db *db, const struct list_query *q,
	    size_t *n, struct so_err *err);

enum patch_result {
	PATCH_CREATED,
	PATCH_UPDATED,
	PATCH_UNCHANGED,
};

struct contact_importer;

/* Inside a transaction the caller holds: reads the company names. */
int	 store_contact_importer_new(struct db *db,
	    struct contact_importer **out, struct so_err *err);
void	 store_contact_importer_free(struct contact_importer *im);
/*
 * Writes one patch: updates the contact with p->c.uid, or creates one.
 * A company named by p->company that no company has is created
 * (*company_created set).  SO_EINVAL: the patch is bad (err names the
 * field) and nothing of it was written, the transaction goes on; any
 * other error has rolled the caller's transaction back.
 */
int	 store_contact_import(struct contact_importer *im,
	    const struct contact_patch *p, enum patch_result *res,
	    int *company_created, struct so_err *err);

#endif
