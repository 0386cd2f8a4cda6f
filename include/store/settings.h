/*
 * User preferences kept in the database (so they follow the user from
 * machine to machine on a shared server): on/off flags, each per user
 * ("user.LOGIN.NAME") with a team-wide default ("NAME") below it.
 *
 * Known flags: agenda.startup (show the agenda before the tabs, default
 * on) and reminders.bell (ring the terminal bell with a reminder,
 * default on).
 *
 * Text settings, per user over the team's in the same way: mail.from
 * (the From of mail merge, "addr" or "Name <addr>"; default
 * LOGIN@HOSTNAME) and mail.sendmail (the program merge pipes messages
 * to; default /usr/sbin/sendmail), doc.dir (the directory of the
 * document templates the organizer's p offers; default
 * $XDG_DATA_HOME/salesorg/templates, else
 * ~/.local/share/salesorg/templates).
 *
 * Team text settings (one value for everyone, set by a head of sales or
 * an admin): report.activity.cold_calls, .reached_dm, .proposals,
 * .repeat_calls, .productive, .meetings_set, .meetings_held, .invoices,
 * which events count for each column of the activity report
 * (store/activity.h has the grammar; a value is checked against the
 * event types and results when it is set); report.audit.idle_days, the
 * days without a done touch after which the audit report lists a client
 * (1 to 3650, default 90); abc.vip, on when the ABC ranking sets the
 * category VIP (default off); abc.by and abc.months, the criterion and
 * the window of months of the stored ABC ranks (default sum over 1).
 *
 * Also the lookup lists a team edits: event types and event results
 * (list, add, rename, enable, disable; rows are never deleted, since
 * events refer to them).
 */
#ifndef STORE_SETTINGS_H
#define STORE_SETTINGS_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"
#include "store/lookup.h"

struct flag_desc {
	const char	*name;
	int		 def;
	const char	*help;		/* marked N_: shown with _() */
};
extern const struct flag_desc settings_flags[];

const struct flag_desc *settings_flag_find(const char *name);
/* The current user's value of flag name, else the team's, else the
 * built-in default. */
int	settings_flag(struct db *db, const char *name);
/* Set it for the current user, or (global) for the whole team. */
int	settings_set_flag(struct db *db, const char *name, int on, int global,
	    struct so_err *err);
/* "on", "off", "yes", "no", "1", "0", "true", "false": 1 or 0; -1 else. */
int	settings_parse_bool(const char *s);

struct text_desc {
	const char	*name;
	const char	*help;		/* marked N_: shown with _() */
	/* The value when unset (NULL: computed, as mail.from's). */
	const char	*def;
	/* Team-wide only: no per-user value; only a head of sales or an
	 * admin sets it (SO_EPERM for a manager). */
	int		 team;
};
extern const struct text_desc settings_texts[];

const struct text_desc *settings_text_find(const char *name);
/* The current user's value of the text setting name, else the team's,
 * else the default (a new string the caller frees; NULL for an unknown
 * name). */
char	*settings_get_text(struct db *db, const char *name);
/*
 * The mailer mail merge runs: the user's own mail.sendmail; else the
 * team's, but only when root alone can change it (the file and every
 * directory above it root's and writable by nobody else: any other
 * writer could make every colleague who sends run their code); else
 * /usr/sbin/sendmail, with why saying so.  The caller frees it.
 */
char	*settings_mailer(struct db *db, char *why, size_t whysz);
/*
 * Sets it for the current user, or (global) for the team; "" goes back
 * to the default.  Checked: mail.from an address, mail.sendmail an
 * absolute path, doc.dir an absolute path or one under ~/, report.activity.* a rule, report.audit.idle_days a
 * number of days.  Only an admin sets the
 * team's mail.sendmail: it is a program every member would run.  A team
 * setting is always set for the team (global is ignored), by a head or
 * an admin only.  Audited (entity "settings").
 */
int	settings_set_text(struct db *db, const char *name, const char *value,
	    int global, struct so_err *err);
/*
 * Sets the check of the report.activity.* rules: activity.c, which reads
 * them (through settings_get_text, so it stands above this file), sets
 * it before main() runs.  Without one, any text is taken.
 */
void	settings_set_rule_check(int (*check)(struct db *db, const char *name,
	    const char *value, struct so_err *err));

/* doc.dir as a path: a leading ~ is $HOME (caller frees). */
char	*settings_doc_dir(struct db *db);

/* The team's report.audit.idle_days; 90 when unset or unreadable. */
int	settings_audit_idle_days(struct db *db);

/* The team's abc.vip: 1 when rank A sets the category VIP (store/sales.h:
 * abc_compute), 0 when off, unset or unreadable. */
int	settings_abc_vip(struct db *db);
/* The team's abc.by (*by: enum abc_by, store/report_abc.h) and
 * abc.months (1 to 24): what the stored ranks go by (store/sales.h:
 * abc_compute); sum over 1 month when unset or unreadable. */
void	settings_abc_rule(struct db *db, int *by, int *months);
/* The team's working week (work.days, a tm_wday mask) and the start of
 * its day (work.start, minutes after midnight); the defaults when unset
 * or unreadable. */
void	settings_work_week(struct db *db, unsigned *days, int *start_min);

struct lookup_row {
	int64_t	 id;
	char	*code, *name;
	int	 active, sort, productive;
};
int	settings_lookup_list(struct db *db, enum lookup_table t,
	    struct lookup_row **out, size_t *n, struct so_err *err);
void	settings_lookup_free(struct lookup_row *rows, size_t n);
/* Add (code new) or rename (code existing) a row; code: a-z, 0-9, _. */
int	settings_lookup_put(struct db *db, enum lookup_table t,
	    const char *code, const char *name, struct so_err *err);
int	settings_lookup_enable(struct db *db, enum lookup_table t,
	    const char *code, int active, struct so_err *err);
/* Whether the result code counts as productive (the activity report's
 * *:productive rules, the journal's totals); an admin's, audited. */
int	settings_lookup_productive(struct db *db, const char *code,
	    int productive, struct so_err *err);

#endif
