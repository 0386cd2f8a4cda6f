/*
 * Likely duplicates: the record an imported row duplicates, and the
 * records a company or contact being added may already be.  A company
 * is the same company when it has the same name in the same city, the
 * same phone or the same e-mail; a contact is the same person with the
 * same name at the same company, the same phone (mobile or work, either
 * way round) or the same e-mail.  Names and cities compare by their
 * letters and digits, case and ё/е folded (Cyrillic too): "ооо Ромашка"
 * is «ООО «Ромашка»», the quotes, dots and blanks between words do not
 * count; a phone by its last ten digits once spaces, dashes, brackets,
 * dots and '+' are gone ("8 (495) 123-45-67" is "+7 495 123 45 67"); an
 * e-mail in lower case.  Other card files have no duplicates: two
 * payments of the same sum on the same day are two payments.
 *
 * The import's names already there are held in a hash read once
 * (store/refs.h explains why: no index of SQLite folds Cyrillic case);
 * rows the import itself wrote are asked of the database by their name
 * as written (an index), so memory does not grow with the file, and a
 * file that names a company twice finds the first row's record the
 * second time.  Phones and e-mails are asked of the expression indexes
 * of sql/007_exchange.sql, row by row.
 */
#ifndef STORE_DUPES_H
#define STORE_DUPES_H

#include <stdint.h>

#include "base/err.h"
#include "store/db.h"
#include "store/entity.h"

struct store_dupes;

/* *out is NULL for an entity without duplicates. */
int	 store_dupes_open(struct db *db, const struct entity *ent,
	    struct store_dupes **out, struct so_err *err);
/*
 * The lowest id of a live record obj duplicates (0: none), and what
 * they share ("name and city", "phone", "e-mail", in the messages'
 * language) in *why.
 */
int	 store_dupes_find(struct store_dupes *d, const void *obj, int64_t *id,
	    const char **why, struct so_err *err);
void	 store_dupes_free(struct store_dupes *d);

/* A record a new one likely duplicates. */
struct dupe {
	int64_t		 id;
	char		*title;		/* as lists name it */
	char		*detail;	/* a company's city, a contact's
					 * company; "" for none */
	const char	*why;		/* "name and city", "name and
					 * company", "phone", "e-mail" */
};

/*
 * Every live record of ent that obj (a company or contact about to be
 * saved; its own id, when it has one, is left out) likely duplicates,
 * each once under the first rule it meets (name, phone, e-mail), lowest
 * id first, at most max.  Everyone's records count, not only the
 * user's: a manager sees every company (store/acl.h) so that nobody adds
 * a client a colleague already has.  The names are a scan of the table
 * (the folding is not an index's), which an add can afford; phones and
 * e-mails use their indexes.  *out NULL and *n 0 for none and for other
 * card files; free with store_dupes_like_free.
 */
int	 store_dupes_like(struct db *db, const struct entity *ent,
	    const void *obj, size_t max, struct dupe **out, size_t *n,
	    struct so_err *err);
void	 store_dupes_like_free(struct dupe *v, size_t n);

#endif
