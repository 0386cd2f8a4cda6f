/*
 * The detail card of the selected record: an Info section with every
 * field, then one section per kind of record linked to it.  The sections
 * are derived from the descriptors (every entity with a reference to
 * this one), so a company's card lists its contacts, tasks, notes, links,
 * events and deals, and a contact's card its own, with no table to keep.
 */
#ifndef UI_CARD_H
#define UI_CARD_H

#include <stdint.h>

#include "store/db.h"
#include "store/record.h"
#include "store/entities.h"
#include "store/sales.h"
#include "ui/keys.h"

#define CARD_MAX_SECTIONS	14

struct card_section {
	const struct entity *ent;	/* NULL for Info, or Jobs */
	const char	*ref_field;	/* its field pointing at the card */
	const char	*label;		/* English, N_() marked: translated
					   where the tab is drawn */
};

struct card {
	const struct entity *ent;
	void		*rec;		/* the record shown (owned), or NULL */
	struct card_section sec[CARD_MAX_SECTIONS];
	int		 nsec;
	int		 sub;		/* current section */
	struct rec_list	 linked;	/* rows of the current section */
	int		 cursor, top;	/* in linked, or Info's scroll */
	int		 lines;		/* Info lines last drawn */
	struct contact_job *jobs;	/* the Jobs section of a contact */
	size_t		 njobs;
	char		**history;	/* the History section: lines, newest
					   first (from the audit log) */
	size_t		 nhistory;
	/* Facts below the fields on Info, as label and value: a company's
	 * ABC ranks and yearly payments, a program's members per status. */
	char		**extra;	/* 2 * nextra strings */
	size_t		 nextra;
	struct former_employee *former;	/* the Former staff section */
	size_t		 nformer;
	/* Roles and live refresh: who is responsible for the record, why
	 * the current user may not change it (NULL: they may), and
	 * "changed by bob at 10:42" once a refresh found that someone else
	 * saved it while it was on screen (until another record is shown
	 * or the user saves it). */
	char		*owner;
	char		*readonly;
	char		*changed;
	/* The number to call, under the Contact of an event, a deal or a
	 * task (its person's, else its company's); NULL: none. */
	char		*phone;
};

struct audit_row;

void	 card_init(struct card *c);
void	 card_free(struct card *c);
/* Shows record id of ent (0 clears); keeps the section when possible. */
int	 card_load(struct card *c, struct db *db, const struct entity *ent,
	    int64_t id, struct so_err *err);
/* Refetches the same record and section (after a write). */
int	 card_reload(struct card *c, struct db *db, struct so_err *err);
/*
 * The same after another process committed: when the record's version
 * moved on, the card says who changed it (c->changed).
 */
int	 card_refresh(struct card *c, struct db *db, struct so_err *err);
/* Section and row movement. */
int	 card_key(struct card *c, struct db *db, enum action act, int height,
	    struct so_err *err);
/* The linked record under the cursor (entity and id), if any. */
int	 card_target(const struct card *c, const struct entity **ent,
	    int64_t *id);
void	 card_draw(struct card *c, int y, int x, int h, int w, int focused);
/*
 * One row of the History section (a new string): audit_describe's, but
 * a value is shown by its field's type as a person reads it on screen --
 * money with its kopecks in the language's grouping ("7 701 234 567,00"
 * in Russian), a date as the card shows it, yes or no -- where the log
 * holds the stored form ("770123456700").
 */
char	*card_history_what(struct db *db, const struct entity *ent,
	    const struct audit_row *r);
/* Whether the card shows a contact's Jobs section. */
int	 card_on_jobs(const struct card *c);
/*
 * a, e and d on a contact's Jobs section: a past job added (company,
 * position, started, ended, asked on the bottom row), the one under the
 * cursor changed or removed (store_contact_job_save says what may be).
 * 0 when the key is not the section's.
 */
int	 card_job_key(struct card *c, struct db *db, enum action act);

#endif
