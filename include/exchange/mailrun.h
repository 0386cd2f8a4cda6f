/*
 * A mail merge run: a template rendered for every recipient a filter
 * (and a program's membership) selects, each message built (mime.h)
 * with its attachments and HTML part, then written as .eml files, to
 * one mbox file, piped to the mailer and logged (an e-mail event and a
 * row of the per-recipient log, store/mailing.h), or sent once to a
 * tester.  `salesorg merge` (src/cli/template.c) and the organizer's
 * :merge (src/ui/mailmerge.c) both run it; what it has to say goes
 * through the caller's callbacks, so each shows it its own way.
 *
 * Its functions return 0, or the exit status the command ends with
 * (MAILRUN_EUSER, MAILRUN_EUSAGE, or so_err_exit_status of a store
 * error) after the message was given to io.warn.
 */
#ifndef EXCHANGE_MAILRUN_H
#define EXCHANGE_MAILRUN_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/err.h"
#include "exchange/merge.h"
#include "exchange/mime.h"
#include "store/db.h"
#include "store/entity.h"
#include "store/filter.h"

#define MAILRUN_EUSER	1	/* the user's problem: said, fix it */
#define MAILRUN_EUSAGE	2	/* a wrong option value */

/* The attachments of one message, all together (an office mail server
 * refuses a bigger one, and every recipient's copy carries them). */
#define MAILRUN_ATTACH_MAX	(10 * 1024 * 1024)

enum mailrun_mode {
	MAILRUN_NONE,
	MAILRUN_DIR,		/* out/ID.eml, CRLF */
	MAILRUN_MBOX,		/* one mbox file out, replaced at the end */
	MAILRUN_SEND,		/* the mailer, each message logged */
	MAILRUN_TEST,		/* the first message to test, nothing logged */
};

struct mailrun_io {
	/*
	 * A warning or an error: one message, without a program name or
	 * a command's: opt says whose it is.  NULL: the store's, naming
	 * its own subject; "": the run's (the command line puts "merge: "
	 * before it); "--attach", "--test", "--member-status": about that
	 * option's value (the form shows msg alone, its line says which).
	 */
	void	(*warn)(void *arg, const char *opt, const char *msg);
	/* After a message about an unknown placeholder (may be NULL):
	 * the caller lists the known ones (template_known). */
	void	(*hint)(void *arg, const struct so_err *err);
	/* A piece of the run's output: a line ("sent 12 a@b.c"), the
	 * summary, a dry run's first message (lines, no final newline). */
	void	(*out)(void *arg, const char *text);
	void	*arg;
};

struct mailrun {
	/* Set by the caller (zero: the default). */
	struct db	*db;
	struct mailrun_io io;
	enum mailrun_mode mode;
	const char	*out;		/* MAILRUN_DIR's or _MBOX's path */
	const char	*test;		/* MAILRUN_TEST's address */
	int		 html, dry;
	int		 keep;		/* a failed address: go on */
	long		 limit;		/* at most this many messages */
	time_t		 now;
	/*
	 * The recipients: ent's records filter selects (contacts, or
	 * companies at their own e-mail), then the companies cfilter
	 * selects (a program's members that are companies without a
	 * contact).  Both are the run's: mailrun_free frees them.
	 */
	const struct entity *ent;
	struct filter	*filter, *cfilter;
	int64_t		 program_id;	/* mailrun_program; logged */

	/* The run's own. */
	struct merge	*m;
	struct mime_attachment *att;
	size_t		 natt;
	char		*from, *from_addr, *sendmail;
	FILE		*mbox;
	const struct entity *walking;
	int		 pass, quiet, tested, rc;
	/* the counts of the last pass: messages built, recipients
	 * without an address and with an unusable one, sent, failed
	 * (keep: the mailer refused) */
	long		 messages, skipped, bad, sent, failed;
	long		 total;		/* messages the check pass found */
	char		*first;		/* dry run: the first, readable */
	char		*last_sent;	/* "Name <addr> (contact #id)" */
};

/*
 * The template tname, the sender (mail.from), the mailer and the test
 * address checked, before any recipient.
 */
int	 mailrun_prepare(struct mailrun *x, const char *tname);
/*
 * Narrows the recipients to program's members (its name or id) of
 * status (NULL: any); with companies_too, the members that are
 * companies without a contact are mailed at the company's e-mail too
 * (when no filter narrows the contacts).
 */
int	 mailrun_program(struct mailrun *x, const char *program,
	    const char *status, int companies_too);
/* Adds the file at path to every message (read by mailrun_attach). */
void	 mailrun_add_file(struct mailrun *x, const char *path);
/*
 * Reads the files: MAILRUN_ATTACH_MAX bytes together at most; a file
 * that cannot be read, or one too many bytes, is named in the message.
 */
int	 mailrun_attach(struct mailrun *x);
/*
 * The run: with dry, every message rendered and the first and the
 * counts said; MAILRUN_SEND checks every message before the first goes
 * out; MAILRUN_TEST sends the first recipient's message to test.  The
 * summary ("5 messages sent; 2 contacts without e-mail skipped") ends
 * a run that went to its end.  With keep, a run where the mailer
 * refused some ends MAILRUN_EUSER (failed counts them).
 */
int	 mailrun_run(struct mailrun *x);
void	 mailrun_free(struct mailrun *x);

#endif
