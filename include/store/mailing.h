/*
 * The per-recipient log of a mailing (sql/021) and what a program
 * produced: its mailings, and the deals and payments of its members'
 * companies in the program's attribution window.
 *
 * A row per recipient of `salesorg merge --send`: sent (with the e-mail
 * event that logs it), failed (with the mailer's words), or skipped
 * (no e-mail, an address no message can go to).  The cards of a
 * contact, a company and a program list their rows (the Mailings
 * section); the program's card and report count them.
 *
 * The attribution rule: a payment of a member's company belongs to the
 * program when it is paid on or after the program's start and before
 * its end plus program.attribution_days days (the start's when it has
 * no end; 90 by default); a deal when it was created in that window.
 * A member's company is the member's own company, else its contact's.
 * A program without a start attributes nothing.
 */
#ifndef STORE_MAILING_H
#define STORE_MAILING_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"
#include "store/entity.h"

#define MAIL_SENT	"sent"
#define MAIL_FAILED	"failed"
#define MAIL_SKIPPED	"skipped"

struct mail_entry {
	int64_t	 id, sent_at;
	char	*template, *status, *error, *addr;
	int64_t	 contact_id, company_id, program_id, event_id; /* 0: none */
	char	*who;		/* mail_log_list: the contact's name, else
				   the company's ("" when neither) */
};

/*
 * Writes e (its id, sent_at and who ignored: now, the current user) in
 * the caller's transaction or one of its own.
 */
int	 mail_log_add(struct db *db, const struct mail_entry *e,
	    struct so_err *err);
/*
 * The newest rows (at most limit) of the record id of ent: a contact's,
 * a company's (its own and its contacts'), a program's.
 */
int	 mail_log_list(struct db *db, const struct entity *ent, int64_t id,
	    size_t limit, struct mail_entry **out, size_t *n,
	    struct so_err *err);
void	 mail_log_free(struct mail_entry *v, size_t n);

/* The program named text (its whole name, any case) or numbered text:
 * SO_ENOTFOUND, or SO_EINVAL when two have that name. */
int	 program_find(struct db *db, const char *text, int64_t *id,
	    struct so_err *err);

/* program.attribution_days: 1 to 3650, 90 when unset. */
int	 program_attribution_days(struct db *db);

struct program_results {
	char	 from[11], to[11];	/* the window [from, to); "" when the
					   program has no start */
	int	 days;
	int64_t	 sent, failed, skipped;	/* mail_log rows */
	int64_t	 companies;		/* members' companies */
	int64_t	 deals, deals_amount;	/* kopecks */
	int64_t	 payments, paid;	/* kopecks */
};

/*
 * The figures of program id by the rule above, over the companies the
 * current user may take figures of (a manager: their own; acl.h).
 */
int	 program_results(struct db *db, int64_t id, struct program_results *r,
	    struct so_err *err);

/* One deal or payment attributed to a program. */
struct program_item {
	char	 day[11];		/* created (a deal), paid on */
	int64_t	 id, company_id;
	char	*company, *title;	/* title: a deal's; a payment's
					   document */
	int64_t	 amount;
};

/* The deals (payments 0) or payments (1) the rule attributes, by day. */
int	 program_items(struct db *db, int64_t id, int payments,
	    struct program_item **out, size_t *n, struct so_err *err);
void	 program_items_free(struct program_item *v, size_t n);

/* The mailings of a program: per template and local day of sending, the
 * recipients sent to, failed and skipped, in the order first sent. */
struct program_mailing {
	char	 day[11];
	char	*template;
	int64_t	 sent, failed, skipped;
};
int	 program_mailings(struct db *db, int64_t id,
	    struct program_mailing **out, size_t *n, struct so_err *err);
void	 program_mailings_free(struct program_mailing *v, size_t n);

/*
 * The conversion of program id: *members, its members (a manager: those
 * whose company is theirs), and *paying, those of them whose company
 * paid in the attribution window (none without a start).
 */
int	 program_conversion(struct db *db, int64_t id, int64_t *members,
	    int64_t *paying, struct so_err *err);

/* The program that started last (by its start, then its id), for a
 * program report asked for without one; SO_ENOTFOUND when none has a
 * start. */
int	 program_latest(struct db *db, int64_t *id, struct so_err *err);

#endif
