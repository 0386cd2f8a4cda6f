/* Preferences and the editable lookup lists; see store/settings.h.  The
 * activity report's rules are checked by activity.c, through a hook. */
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <pwd.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/audit.h"
#include "store/settings.h"

const struct flag_desc settings_flags[] = {
	{ "agenda.startup", 1, N_("show the agenda before the card files") },
	{ "reminders.bell", 1, N_("ring the terminal bell with a reminder") },
	{ "users.join", 0, N_("let a login that is not a user join as a "
	    "manager on first use (the team's only)") },
	{ NULL, 0, NULL }
};

const struct flag_desc *
settings_flag_find(const char *name)
{
	const struct flag_desc *f;

	for (f = settings_flags; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

int
settings_parse_bool(const char *s)
{
	static const char *const yes[] = { "on", "yes", "1", "true", NULL };
	static const char *const no[] = { "off", "no", "0", "false", NULL };
	int i;

	for (i = 0; yes[i]; i++)
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
	for (i = 0; no[i]; i++)
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	return -1;
}

int
settings_flag(struct db *db, const char *name)
{
	const struct flag_desc *f = settings_flag_find(name);
	char *key = xasprintf("user.%s.%s", db_user_login(db), name), *v;
	int on = f ? f->def : 0, b;

	if ((v = db_setting(db, key)) == NULL)
		v = db_setting(db, name);
	if (v && (b = settings_parse_bool(v)) >= 0)
		on = b;
	free(v);
	free(key);
	return on;
}

int
settings_set_flag(struct db *db, const char *name, int on, int global,
    struct so_err *err)
{
	char *key;
	int code;

	if (settings_flag_find(name) == NULL)
		return so_err_set(err, SO_EINVAL, _("no setting %s"), name);
	/* Who may come in is the database's, never one person's. */
	if (strcmp(name, "users.join") == 0 && !global)
		return so_err_set(err, SO_EINVAL, _("users.join is a setting "
		    "of the whole team: set it with --team"));
	if (global && (code = acl_require(db, ROLE_ADMIN, N_("change the "
	    "team's settings"), err)) != SO_OK)
		return code;
	key = global ? xstrdup(name) : xasprintf("user.%s.%s",
	    db_user_login(db), name);
	code = db_set_setting(db, key, on ? "on" : "off", err);
	free(key);
	return code;
}

/* The activity rules' defaults suit the demo's event types and results;
 * the names match activity_cols (a unit test checks). */
const struct text_desc settings_texts[] = {
	{ "mail.from", N_("From address of mail merge (addr or Name <addr>)"),
	    NULL, 0 },
	{ "mail.sendmail", N_("program mail merge pipes messages to"),
	    "/usr/sbin/sendmail", 0 },
	{ "journal.to", N_("the head's address salesorg journal --send "
	    "mails the journal to"), "", 1 },
	{ "report.activity.cold_calls", N_("activity report: cold calls"),
	    "call:*:first", 1 },
	{ "report.activity.reached_dm", N_("activity report: reached a "
	    "decision maker"), "call:reached_dm", 1 },
	{ "report.activity.proposals", N_("activity report: proposals sent"),
	    "*:proposal_sent", 1 },
	{ "report.activity.repeat_calls", N_("activity report: repeat calls"),
	    "call:*:repeat", 1 },
	{ "report.activity.productive", N_("activity report: productive "
	    "touches"), "*:productive", 1 },
	{ "report.activity.meetings_set", N_("activity report: meetings "
	    "set"), "*:meeting_set", 1 },
	{ "report.activity.meetings_held", N_("activity report: meetings "
	    "held"), "meeting:*", 1 },
	{ "report.activity.invoices", N_("activity report: invoices issued"),
	    "*:invoice_issued", 1 },
	{ "report.audit.idle_days", N_("audit report: days without a done "
	    "touch that make a client idle (1-3650)"), "90", 1 },
	{ "work.days", N_("the working week: snooze to the next working "
	    "morning, the demo (mon-fri, пн-пт, 1-5, mon,tue,thu)"),
	    "mon-fri", 1 },
	{ "work.start", N_("the working day's start (HH:MM): \"tomorrow "
	    "morning\" is then"), "09:00", 1 },
	{ "abc.vip", N_("rank A of the latest ABC month makes a company's "
	    "category VIP, and losing it makes it regular (on/off)"), "off",
	    1 },
	{ "abc.by", N_("what the stored ABC ranks go by: sum, count, units "
	    "or services"), "sum", 1 },
	{ "abc.months", N_("the months (1-24) each stored ABC rank looks back "
	    "over, the ranked month included"), "1", 1 },
	{ "program.attribution_days", N_("a program's deals and payments: "
	    "those of its members' companies from its start to its end plus "
	    "this many days (1-3650)"), "90", 1 },
	{ "doc.dir", N_("the directory of the document templates (.odt, "
	    ".docx) p on a card fills"), NULL, 0 },
	{ NULL, NULL, NULL, 0 }
};

const struct text_desc *
settings_text_find(const char *name)
{
	const struct text_desc *t;

	for (t = settings_texts; t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

/* $XDG_DATA_HOME/salesorg/templates, else
 * ~/.local/share/salesorg/templates (the XDG base directories). */
static char *
default_doc_dir(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");

	if (xdg && *xdg == '/')
		return xasprintf("%s/salesorg/templates", xdg);
	return xstrdup("~/.local/share/salesorg/templates");
}

/* LOGIN@HOSTNAME: the login of the database user, else of the process. */
static char *
default_from(struct db *db)
{
	const char *login = db_user_login(db);
	struct passwd *pw;
	char host[256];

	if (*login == '\0' && (pw = getpwuid(getuid())) != NULL)
		login = pw->pw_name;
	if (gethostname(host, sizeof(host)) != 0 || *host == '\0')
		strcpy(host, "localhost");
	host[sizeof(host) - 1] = '\0';
	return xasprintf("%s@%s", *login ? login : "salesorg", host);
}

char *
settings_get_text(struct db *db, const char *name)
{
	const struct text_desc *t;
	char *key, *v = NULL;

	if ((t = settings_text_find(name)) == NULL)
		return NULL;
	if (!t->team && *db_user_login(db)) {
		key = xasprintf("user.%s.%s", db_user_login(db), name);
		v = db_setting(db, key);
		free(key);
	}
	if (v && *v == '\0') {
		free(v);
		v = NULL;
	}
	if (v == NULL && (v = db_setting(db, name)) != NULL && *v == '\0') {
		free(v);
		v = NULL;
	}
	if (v)
		return v;
	if (t->def == NULL)
		return strcmp(name, "doc.dir") == 0 ? default_doc_dir() :
		    default_from(db);
	return xstrdup(t->def);
}

char *
settings_doc_dir(struct db *db)
{
	char *v = settings_get_text(db, "doc.dir"), *full;
	const char *home = getenv("HOME");

	/* ~ as the shell has it: the value is the user's, or the team's
	 * for each user's home */
	if (v[0] == '~' && (v[1] == '/' || v[1] == '\0') && home && *home) {
		full = xasprintf("%s%s", home, v + 1);
		free(v);
		v = full;
	}
	return v;
}

/*
 * Whether a program every member of the team would run is root's alone:
 * the file and every directory above it owned by root and writable by
 * nobody else (a directory with the sticky bit, as /tmp, is not).
 */
static int
root_only(const char *path)
{
	char *p = xstrdup(path), *slash;
	struct stat sb;
	int ok = *path == '/';

	while (ok) {
		if (stat(p, &sb) != 0 || sb.st_uid != 0 ||
		    (sb.st_mode & 0022) != 0)
			ok = 0;
		if ((slash = strrchr(p, '/')) == NULL || slash == p) {
			if (ok && slash == p && p[1] != '\0')
				ok = stat("/", &sb) == 0 && sb.st_uid == 0 &&
				    (sb.st_mode & 0022) == 0;
			break;
		}
		*slash = '\0';
	}
	free(p);
	return ok;
}

char *
settings_mailer(struct db *db, char *why, size_t whysz)
{
	const char *def = "/usr/sbin/sendmail";
	char *key, *v = NULL;

	*why = '\0';
	/* one's own: run as oneself anyway */
	if (*db_user_login(db)) {
		key = xasprintf("user.%s.mail.sendmail", db_user_login(db));
		v = db_setting(db, key);
		free(key);
		if (v && *v)
			return v;
		free(v);
	}
	if ((v = db_setting(db, "mail.sendmail")) == NULL || *v == '\0') {
		free(v);
		return xstrdup(def);
	}
	if (root_only(v))
		return v;
	snprintf(why, whysz, _("the team's mail.sendmail %s is not root's "
	    "alone (it, or a directory above it, is another's or writable "
	    "by others): %s is used instead"), v, def);
	free(v);
	return xstrdup(def);
}

static int
has_control(const char *s)
{
	return utf8_control_at(s, NULL, NULL) >= 0;
}

/* "a@b.c" or "Name <a@b.c>": one @ with text either side in the
 * address, no spaces or brackets in it. */
static int
valid_from(const char *s)
{
	const char *lt = strrchr(s, '<'), *a = s, *at;
	size_t n = strlen(s);

	if (lt) {
		if (n == 0 || s[n - 1] != '>')
			return 0;
		a = lt + 1;
		n = (size_t)(s + n - 1 - a);
	}
	at = memchr(a, '@', n);
	return at && at > a && at < a + n - 1 &&
	    memchr(at + 1, '@', (size_t)(a + n - at - 1)) == NULL &&
	    strcspn(a, " <>\"(),;") >= n;
}

/* The report.activity.* check, activity.c's (settings_set_rule_check). */
static int	(*rule_check)(struct db *, const char *, const char *,
		    struct so_err *);

void
settings_set_rule_check(int (*check)(struct db *db, const char *name,
    const char *value, struct so_err *err))
{
	rule_check = check;
}

/* report.audit.idle_days as a number, -1 when it is none (ten years
 * at most: a longer look back is no audit). */
#define IDLE_DAYS_MAX	3650
static int
idle_days(const char *s);

int
settings_abc_vip(struct db *db)
{
	char *v = settings_get_text(db, "abc.vip");
	int on = v ? settings_parse_bool(v) : 0;

	free(v);
	return on == 1;
}

/*
 * abc.by's words, in the order of enum abc_by (store/report_abc.h, which
 * stands above this file: its ranking reads the settings); a unit test
 * checks that the two agree.  The index, -1 when it is none.
 */
static int
abc_by(const char *s)
{
	static const char *const names[] = { "sum", "count", "units",
	    "services" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	return -1;
}

/* abc.months as a number from 1 to 24, -1 when it is none. */
static int
abc_months(const char *s)
{
	int n;

	if (*s == '\0' || strspn(s, "0123456789") != strlen(s) ||
	    strlen(s) > 2)
		return -1;
	n = atoi(s);
	return n >= 1 && n <= 24 ? n : -1;
}

void
settings_abc_rule(struct db *db, int *by, int *months)
{
	char *v;

	v = settings_get_text(db, "abc.by");
	if ((*by = v ? abc_by(v) : -1) < 0)
		*by = 0;	/* sum */
	free(v);
	v = settings_get_text(db, "abc.months");
	if ((*months = v ? abc_months(v) : -1) < 0)
		*months = 1;
	free(v);
}

static int
idle_days(const char *s)
{
	int n = 0;

	if (*s == '\0' || strspn(s, "0123456789") != strlen(s) ||
	    strlen(s) > 4)
		return -1;
	for (; *s; s++)
		n = n * 10 + (*s - '0');
	return n >= 1 && n <= IDLE_DAYS_MAX ? n : -1;
}

int
settings_audit_idle_days(struct db *db)
{
	char *v = settings_get_text(db, "report.audit.idle_days");
	int n = v ? idle_days(v) : -1;

	free(v);
	return n > 0 ? n : 90;
}

static int
check_text_value(struct db *db, const struct text_desc *t,
    const char *value, int global, struct so_err *err)
{
	const char *name = t->name;
	int code;

	if (t->team && strcmp(db_user_role(db), "head") != 0 &&
	    strcmp(db_user_role(db), "admin") != 0)
		return so_err_set(err, SO_EPERM, _("only a head of sales or an "
		    "administrator may set %s (a setting of the whole team)"),
		    name);
	/* the team's value of a per-user setting is the head's to set:
	 * a manager's mail.from would sign every colleague's mail */
	if (global && !t->team && strcmp(db_user_role(db), "head") != 0 &&
	    strcmp(db_user_role(db), "admin") != 0)
		return so_err_set(err, SO_EPERM, _("only a head of sales or an "
		    "administrator may set the team's %s; set your own "
		    "without --team"), name);
	if (has_control(value))
		return so_err_field(err, SO_EINVAL, name, _("%s: no control "
		    "characters"), name);
	if (*value == '\0')
		return SO_OK;
	if (strcmp(name, "mail.from") == 0 && !valid_from(value))
		return so_err_field(err, SO_EINVAL, name, _("mail.from: an "
		    "address, as anna@example.com or Anna Petrova "
		    "<anna@example.com>, not \"%s\""), value);
	if (strcmp(name, "journal.to") == 0 && (!valid_from(value) ||
	    strchr(value, '<') != NULL))
		return so_err_field(err, SO_EINVAL, name, _("journal.to: an "
		    "address, as head@example.com, not \"%s\""), value);
	if (strcmp(name, "mail.sendmail") == 0) {
		if (*value != '/')
			return so_err_field(err, SO_EINVAL, name,
			    _("mail.sendmail: an absolute path, as "
			    "/usr/sbin/sendmail, not \"%s\""), value);
		if (global && strcmp(db_user_role(db), "admin") != 0)
			return so_err_set(err, SO_EPERM, _("only an "
			    "administrator may set the team's mail.sendmail "
			    "(a program every user would run); set your own "
			    "without --team"));
	}
	if (strcmp(name, "doc.dir") == 0 && *value != '/' &&
	    !(value[0] == '~' && (value[1] == '/' || value[1] == '\0')))
		return so_err_field(err, SO_EINVAL, name, _("doc.dir: a "
		    "directory's absolute path, or one under ~/, not \"%s\""),
		    value);
	if (strcmp(name, "work.days") == 0) {
		char msg[160];
		unsigned mask;

		if (dt_parse_workdays(value, &mask, msg, sizeof(msg)) != 0)
			return so_err_field(err, SO_EINVAL, name,
			    _("work.days: %s"), msg);
	}
	if (strcmp(name, "report.audit.idle_days") == 0 &&
	    idle_days(value) < 0)
		return so_err_field(err, SO_EINVAL, name, _("report.audit."
		    "idle_days: a whole number of days from 1 to %d, not "
		    "\"%s\""), IDLE_DAYS_MAX, value);
	if (strcmp(name, "program.attribution_days") == 0 &&
	    idle_days(value) < 0)
		return so_err_field(err, SO_EINVAL, name, _("program."
		    "attribution_days: a whole number of days from 1 to %d, "
		    "not \"%s\""), IDLE_DAYS_MAX, value);
	if (strcmp(name, "abc.vip") == 0 && *value &&
	    settings_parse_bool(value) < 0)
		return so_err_field(err, SO_EINVAL, name, _("abc.vip: on or "
		    "off, not \"%s\""), value);
	if (strcmp(name, "abc.by") == 0 && abc_by(value) < 0)
		return so_err_field(err, SO_EINVAL, name, _("abc.by: sum, "
		    "count, units or services, not \"%s\""), value);
	if (strcmp(name, "abc.months") == 0 && abc_months(value) < 0)
		return so_err_field(err, SO_EINVAL, name, _("abc.months: a "
		    "whole number of months from 1 to 24, not \"%s\""), value);
	if (strcmp(name, "work.start") == 0 && dt_parse_clock(value) < 0)
		return so_err_field(err, SO_EINVAL, name, _("work.start: a "
		    "time of day as HH:MM, not \"%s\""), value);
	if (strncmp(name, "report.activity.", 16) == 0 && rule_check &&
	    (code = rule_check(db, name, value, err)) != SO_OK)
		return code;
	return SO_OK;
}

int
settings_set_text(struct db *db, const char *name, const char *value,
    int global, struct so_err *err)
{
	const struct text_desc *t;
	char *key, *old;
	int code;

	if ((t = settings_text_find(name)) == NULL)
		return so_err_set(err, SO_EINVAL, _("no setting %s"), name);
	if ((code = check_text_value(db, t, value, global, err)) != SO_OK)
		return code;
	if (t->team)
		global = 1;
	if (!global && *db_user_login(db) == '\0')
		return so_err_set(err, SO_EPERM, _("no user is logged in"));
	key = global ? xstrdup(name) : xasprintf("user.%s.%s",
	    db_user_login(db), name);
	if ((code = db_begin(db, err)) != SO_OK) {
		free(key);
		return code;
	}
	old = db_setting(db, key);
	code = db_set_setting(db, key, value, err);
	if (code == SO_OK)
		code = audit_write(db, "settings", 0, "update", key, old,
		    value, err);
	free(old);
	free(key);
	return db_finish(db, code, err);
}

static const char *const table_names[] = {
	[LOOKUP_EVENT_TYPES] = "event_types",
	[LOOKUP_EVENT_RESULTS] = "event_results",
	[LOOKUP_DEAL_STAGES] = "deal_stages",
};

int
settings_lookup_list(struct db *db, enum lookup_table t,
    struct lookup_row **out, size_t *n, struct so_err *err)
{
	struct strbuf sql = { 0 };
	struct lookup_row *v = NULL;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	sb_printf(&sql, "SELECT id, code, name, %s, sort, %s FROM %s "
	    "ORDER BY sort, id", t == LOOKUP_DEAL_STAGES ? "1" : "active",
	    t == LOOKUP_EVENT_RESULTS ? "productive" : "0", table_names[t]);
	code = db_prepare(db, sb_str(&sql), &st, err);
	sb_free(&sql);
	if (code != SO_OK)
		return code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[*n].id = sqlite3_column_int64(st, 0);
		v[*n].code = xstrdup((const char *)sqlite3_column_text(st, 1));
		v[*n].name = xstrdup((const char *)sqlite3_column_text(st, 2));
		v[*n].active = sqlite3_column_int(st, 3);
		v[*n].sort = sqlite3_column_int(st, 4);
		v[*n].productive = sqlite3_column_int(st, 5);
		(*n)++;
	}
	db_done(st);
	*out = v;
	if (rc != SQLITE_DONE) {
		settings_lookup_free(v, *n);
		*out = NULL;
		*n = 0;
		return db_error(db, rc, N_("reading a lookup list"), err);
	}
	return SO_OK;
}

void
settings_lookup_free(struct lookup_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].code);
		free(rows[i].name);
	}
	free(rows);
}

static int
valid_code(const char *s)
{
	if (*s == '\0' || strlen(s) > 40)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return 0;
	return 1;
}

/* Runs one statement with code (and name) bound; SO_ENOTFOUND when it
 * changed nothing. */
static int
lookup_write(struct db *db, const char *sql, const char *code,
    const char *name, int active, const char *what, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, ret;

	if ((ret = db_prepare(db, sql, &st, err)) != SO_OK)
		return ret;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	if (name)
		sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int(st, 2, active);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, what, err);
	if (sqlite3_changes(db_sqlite(db)) == 0)
		return so_err_set(err, SO_ENOTFOUND, _("no code %s"), code);
	return SO_OK;
}

int
settings_lookup_put(struct db *db, enum lookup_table t, const char *code,
    const char *name, struct so_err *err)
{
	struct strbuf sql = { 0 };
	int ret;

	if ((ret = acl_require(db, ROLE_ADMIN, N_("change event types, results "
	    "and deal stages"), err)) != SO_OK)
		return ret;
	if (!valid_code(code))
		return so_err_field(err, SO_EINVAL, "code", _("Code: letters "
		    "a-z, digits and _ only, up to 40 (e.g. site_visit)"));
	if (*name == '\0' || strlen(name) > 100)
		return so_err_field(err, SO_EINVAL, "name",
		    _("Name: 1 to 100 bytes"));
	/* Shown on every screen and in every agenda: text, nothing that
	 * drives a terminal. */
	if (!utf8_valid(name, strlen(name)) || has_control(name))
		return so_err_field(err, SO_EINVAL, "name",
		    _("Name: UTF-8 text without control characters"));
	if ((ret = db_begin(db, err)) != SO_OK)
		return ret;
	sb_printf(&sql, "INSERT INTO %s (code, name, sort) VALUES (?1, ?2, "
	    "(SELECT coalesce(max(sort), 0) + 10 FROM %s)) "
	    "ON CONFLICT (code) DO UPDATE SET name = excluded.name",
	    table_names[t], table_names[t]);
	ret = lookup_write(db, sb_str(&sql), code, name, 0, N_("saving a "
	    "lookup row"), err);
	sb_free(&sql);
	if (ret == SO_OK)
		ret = audit_write(db, table_names[t], 0, "update", code, NULL,
		    name, err);
	if (ret != SO_OK) {
		db_rollback(db);
		return ret;
	}
	return db_commit(db, err);
}

int
settings_lookup_enable(struct db *db, enum lookup_table t, const char *code,
    int active, struct so_err *err)
{
	struct strbuf sql = { 0 };
	int ret;

	if ((ret = acl_require(db, ROLE_ADMIN, N_("change event types, results "
	    "and deal stages"), err)) != SO_OK)
		return ret;
	if (t == LOOKUP_DEAL_STAGES)
		return so_err_set(err, SO_EINVAL, _("deal stages cannot be "
		    "disabled"));
	if ((ret = db_begin(db, err)) != SO_OK)
		return ret;
	sb_printf(&sql, "UPDATE %s SET active = ?2 WHERE code = ?1",
	    table_names[t]);
	ret = lookup_write(db, sb_str(&sql), code, NULL, active,
	    _("saving a lookup row"), err);
	sb_free(&sql);
	if (ret == SO_OK)
		ret = audit_write(db, table_names[t], 0, "update", code, NULL,
		    active ? "enabled" : "disabled", err);
	if (ret != SO_OK) {
		db_rollback(db);
		return ret;
	}
	return db_commit(db, err);
}

int
settings_lookup_productive(struct db *db, const char *code, int productive,
    struct so_err *err)
{
	int ret;

	if ((ret = acl_require(db, ROLE_ADMIN, N_("change event types, results "
	    "and deal stages"), err)) != SO_OK)
		return ret;
	if ((ret = db_begin(db, err)) != SO_OK)
		return ret;
	ret = lookup_write(db, "UPDATE event_results SET productive = ?2 "
	    "WHERE code = ?1", code, NULL, productive != 0,
	    _("saving a lookup row"), err);
	if (ret == SO_OK)
		ret = audit_write(db, "event_results", 0, "update", code, NULL,
		    productive ? "productive" : "not productive", err);
	return db_finish(db, ret, err);
}

void
settings_work_week(struct db *db, unsigned *days, int *start_min)
{
	char *v = settings_get_text(db, "work.days"), msg[160];

	if (v == NULL || dt_parse_workdays(v, days, msg, sizeof(msg)) != 0)
		*days = DT_WORK_DEFAULT;
	free(v);
	v = settings_get_text(db, "work.start");
	if (v == NULL || (*start_min = dt_parse_clock(v)) < 0)
		*start_min = 9 * 60;
	free(v);
}
