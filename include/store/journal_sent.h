/*
 * The journal sent to the head (sql/014): salesorg journal --send mails
 * the current user's journal of a day (tomorrow's, as a rule) to the
 * head of sales or writes it to a file, and records it here.  The
 * activity report marks the day a manager sent one; the head lists who
 * sent the journal of a day and who did not.
 *
 * Also here, for the same migration: the e-mail events that are the
 * messages of a mail merge, which are not touches (store/activity.h).
 */
#ifndef STORE_JOURNAL_SENT_H
#define STORE_JOURNAL_SENT_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"

/* How a journal went: by mail to an address, or to a file. */
#define JOURNAL_BY_MAIL	"mail"
#define JOURNAL_BY_FILE	"file"

/*
 * Records that the current user sent their journal of day (YYYY-MM-DD)
 * now, how (JOURNAL_BY_MAIL or JOURNAL_BY_FILE) to dest (the address,
 * the file).  One's own journal only: anyone may.
 */
int	 journal_sent_record(struct db *db, const char *day, const char *how,
	    const char *dest, struct so_err *err);

struct journal_sending {
	int64_t	 user_id;
	char	*login, *full_name;
	int64_t	 sent_at;	/* the last sending; 0: not sent */
	char	*how, *dest;	/* "" when not sent */
	int	 times;		/* how many sendings */
};

/*
 * Who sent the journal of day: user_id's line (0: every active user,
 * and anyone else who sent it), by full name (else login).  A
 * colleague's or everyone's: a head or an administrator
 * (acl_check_user).
 */
int	 journal_sent_list(struct db *db, int64_t user_id, const char *day,
	    struct journal_sending **out, size_t *n, struct so_err *err);
void	 journal_sent_free(struct journal_sending *v, size_t n);

/*
 * Marks the done e-mail event_id as a message of a mail merge, not a
 * touch (store/activity.h): the merge's log calls it in the transaction
 * that creates the event.
 */
int	 merge_message_mark(struct db *db, int64_t event_id,
	    struct so_err *err);

#endif
