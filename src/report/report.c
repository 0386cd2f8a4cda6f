/*
 * What the reports share: the table of reports, periods, the meta lines
 * every report starts with, the tables every report lays out (heading,
 * columns, the paragraph said instead of an empty one) and their cells
 * (counts, money on paper, managers' names), and where a finished
 * document goes (a file, all or nothing; the printer).
 */
#define _GNU_SOURCE		/* secure_getenv */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/priv.h"
#include "base/util.h"
#include "doc/print.h"
#include "exchange/export.h"
#include "report/report.h"
#include "store/acl.h"
#include "store/entity.h"
#include "store/lookup.h"

/*
 * 123456789 -> "1 234 567.89" ("1 234 567,89" in Russian): groups of
 * three split by a space, the way Russian forms write sums (a no-break
 * space would confuse a spreadsheet reading the CSV), and always two
 * decimals after the language's decimal sign (base/i18n.h).
 */
void
report_money(int64_t minor, char *buf, size_t size)
{
	i18n_money(minor, 1, buf, size);
}

void
report_date(const char *ymd, char *buf, size_t size)
{
	time_t t;

	if (!dt_valid_date(ymd) || (t = dt_date_start(ymd, 0)) == 0) {
		snprintf(buf, size, "%s", ymd);
		return;
	}
	i18n_date_short(t, buf, size);
}

void
report_moment(time_t t, char *buf, size_t size)
{
	struct tm tm;
	char day[32];

	i18n_date_short(t, day, sizeof(day));
	if (localtime_r(&t, &tm) == NULL)
		memset(&tm, 0, sizeof(tm));
	snprintf(buf, size, "%s %02d:%02d", day, tm.tm_hour, tm.tm_min);
}

/*
 * English keeps the ISO day its printouts have always carried (what
 * scripts and people filing them by name read); another language
 * writes it out, "суббота, 5 декабря 2026".
 */
void
report_day_long(const char *ymd, char *buf, size_t size)
{
	time_t t;

	if (strcmp(i18n_lang(), "en") == 0 || !dt_valid_date(ymd) ||
	    (t = dt_date_start(ymd, 0)) == 0) {
		snprintf(buf, size, "%s", ymd);
		return;
	}
	i18n_date_long(t, buf, size);
}

void
report_month(const char *ym, char *buf, size_t size)
{
	int y, m;

	if (strcmp(i18n_lang(), "en") == 0 || sscanf(ym, "%4d-%2d", &y,
	    &m) != 2 || m < 1 || m > 12) {
		snprintf(buf, size, "%s", ym);
		return;
	}
	snprintf(buf, size, "%s %d", i18n_month(m - 1), y);
}

struct doc_table *
report_table(struct doc *d, const char *heading, const char *empty,
    size_t nrows, const struct doc_col *cols, size_t ncols)
{
	struct doc_table *t;

	if (heading)
		doc_heading(d, heading);
	if (empty && nrows == 0) {
		doc_para(d, empty);
		return NULL;
	}
	/* a report's table is written, never read back: it may go to
	 * disk as it grows (doc.h) */
	t = doc_table(d, cols, ncols);
	doc_table_spill(t);
	return t;
}

char *
report_count_cell(int64_t n)
{
	return xasprintf("%lld", (long long)n);
}

char *
report_money_cell(int64_t minor)
{
	char buf[48];

	if (minor == SO_NULL)
		return xstrdup("");
	report_money(minor, buf, sizeof(buf));
	return xstrdup(buf);
}

const char *
report_manager_name(const char *login, const char *full_name)
{
	return full_name && *full_name ? full_name : login;
}

char *
report_user_label(const char *login, const char *full_name)
{
	if (full_name == NULL || *full_name == '\0' ||
	    strcmp(full_name, login ? login : "") == 0)
		return xstrdup(login ? login : "");
	return xasprintf("%s (%s)", full_name, login ? login : "");
}

int64_t
report_query_manager(struct db *db, const struct report_query *q)
{
	return q->all ? 0 : q->user_id ? q->user_id : db_user_id(db);
}

int64_t
report_query_now(struct db *db, const struct report_query *q)
{
	return q->now ? q->now : (int64_t)db_now(db);
}

int
report_begin(struct db *db, const struct report_query *q, const char *title,
    struct doc *out, struct so_err *err)
{
	struct user_brief u;
	char period[160], a[64], b[64], made[48], *who, *gen;
	int64_t uid;
	int code;

	doc_init(out, title);
	/* The department's figures are the head's; a manager's own are
	 * theirs. */
	if ((code = acl_check_user(db, q->all ? 0 : q->user_id ?
	    q->user_id : db_user_id(db), ACL_OTHERS_FIGURES, err)) != SO_OK) {
		doc_free(out);
		return code;
	}
	if (*q->to == '\0' || strcmp(q->from, q->to) == 0)
		report_day_long(q->from, period, sizeof(period));
	else if (*q->from == '\0') {
		report_date(q->to, b, sizeof(b));
		/* TRANSLATORS: a report's period from the first record on:
		 * "up to 2026-11-30". */
		snprintf(period, sizeof(period), _("up to %s"), b);
	} else {
		report_date(q->from, a, sizeof(a));
		report_date(q->to, b, sizeof(b));
		snprintf(period, sizeof(period), "%s - %s", a, b);
	}
	if (q->all)
		who = xstrdup(_("all managers"));
	else {
		uid = q->user_id ? q->user_id : db_user_id(db);
		if ((code = store_user_get(db, uid, &u, err)) != SO_OK) {
			doc_free(out);
			return code;
		}
		who = report_user_label(u.login, u.full_name);
		store_user_brief_clear(&u);
	}
	report_moment((time_t)report_query_now(db, q), made, sizeof(made));
	/* TRANSLATORS: under a report's title: when and by whom (a
	 * login) it was made: "made 2026-11-23 09:00 by anna". */
	gen = xasprintf(_("made %s by %s"), made, db_user_login(db));
	doc_meta(out, period, who, gen);
	free(who);
	free(gen);
	return SO_OK;
}

const struct report_desc reports[] = {
	{ "journal", N_("Work journal"), N_("a manager's day on paper: the "
	    "touches planned, the call log, totals"), 'd', report_journal },
	{ "activity", N_("Activity report"), N_("per manager per day: cold "
	    "calls, decision makers reached, proposals, meetings, invoices, "
	    "payments"), 'w', report_activity },
	{ "meeting", N_("Meeting report"), N_("one meeting: notes, result, "
	    "our and the client's next steps (--id EVENT)"), 'm',
	    report_meeting },
	{ "follow-up", N_("Follow-up: warm clients"), N_("companies with a "
	    "proposal or a meeting that bought nothing yet; ! no next touch"),
	    'a', report_followup },
	{ "sales", N_("Sales results"), N_("deals won and lost, payments, "
	    "the pipeline by stage, per manager"), 'm', report_sales },
	{ "audit", N_("Client base audit (ABC)"), N_("companies and sums per "
	    "ABC category, who moved, who has had no touch for 90 days (or "
	    "as set)"), 'm', report_audit },
	{ "key-clients", N_("Key clients"), N_("VIP companies with their "
	    "people, manager, last and next touch"), 'a', report_keyclients },
	{ "checklist", N_("Day checklist"), N_("the day's schedule to tick: "
	    "a manager's items and routine; the head's, per manager (--all)"),
	    'd', report_checklist },
	{ "visits", N_("Sales representative's daily report"), N_("visits "
	    "of the day per outlet with the result, shelf and stock notes, "
	    "orders"), 'd', report_visits },
	{ "abc", N_("ABC/VIP by the 20/80 rule"), N_("the month's 20 % "
	    "who bring the money, the half-year's VIP, the bottom 20 % "
	    "(--by, --months, --bottom)"), 'm', report_abc },
	{ "plan", N_("Plan and fact"), N_("per manager and for the team: "
	    "the plan, the fact, the share done and the forecast at the "
	    "period's end"), 'm', report_plan },
	{ "funnel", N_("Sales funnel"), N_("deals by stage and companies by "
	    "status: how many got how far, conversion, days per stage"), 'm',
	    report_funnel },
	{ "forecast", N_("Sales forecast"), N_("open deals by expected close "
	    "month, weighted by the stage's win probability, per manager"),
	    'y', report_forecast },
	{ "dynamics", N_("Client dynamics"), N_("per month or quarter: new "
	    "buyers, buyers lost, regular clients' purchases (--months, "
	    "--step)"), 'y', report_dynamics },
	{ "program", N_("Program report"), N_("a program's members by "
	    "status, mailings, the deals and payments of its members' "
	    "companies, conversion (--id ID|NAME)"), 'a', report_program },
	{ NULL, NULL, NULL, 0, NULL }
};

const struct report_desc *
report_find(const char *name)
{
	const struct report_desc *r;

	for (r = reports; r->name; r++)
		if (strcmp(r->name, name) == 0)
			return r;
	/* The spelling people type as often as the hyphenated one. */
	if (strcmp(name, "followup") == 0)
		return report_find("follow-up");
	if (strcmp(name, "keyclients") == 0 || strcmp(name, "key") == 0)
		return report_find("key-clients");
	return NULL;
}

static const struct {
	const char	*name;
	char		 kind;
} period_names[] = {
	{ "day", 'd' }, { "week", 'w' }, { "month", 'm' },
	{ "quarter", 'q' }, { "year", 'y' }, { "all", 'a' },
};

char
report_period_kind(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(period_names) / sizeof(period_names[0]); i++)
		if (strcmp(name, period_names[i].name) == 0)
			return period_names[i].kind;
	return 0;
}

/* tm normalised at local noon (away from DST edges) as "YYYY-MM-DD". */
static void
ymd(struct tm *tm, char out[11])
{
	time_t t;

	tm->tm_hour = 12;
	tm->tm_min = tm->tm_sec = 0;
	tm->tm_isdst = -1;
	t = mktime(tm);
	dt_format_date(t, out);
	localtime_r(&t, tm);
}

int
report_period(char kind, int64_t now, int offset, char from[11],
    char to[11])
{
	struct tm tm, end;
	time_t t = (time_t)now;
	int q;

	localtime_r(&t, &tm);
	switch (kind) {
	case 'd':
		tm.tm_mday += offset;
		ymd(&tm, from);
		memcpy(to, from, 11);
		return 0;
	case 'w':
		/* Monday: tm_wday 1; Sunday (0) belongs to the week before. */
		tm.tm_mday -= (tm.tm_wday + 6) % 7;
		tm.tm_mday += 7 * offset;
		ymd(&tm, from);
		tm.tm_mday += 6;
		ymd(&tm, to);
		return 0;
	case 'm':
	case 'q':
		if (kind == 'q') {
			q = tm.tm_mon / 3;
			tm.tm_mon = 3 * q + 3 * offset;
		} else
			tm.tm_mon += offset;
		tm.tm_mday = 1;
		ymd(&tm, from);
		end = tm;
		end.tm_mon += kind == 'q' ? 3 : 1;
		end.tm_mday = 0;	/* the last day of the month before */
		ymd(&end, to);
		return 0;
	case 'y':
		tm.tm_year += offset;
		tm.tm_mon = 0;
		tm.tm_mday = 1;
		ymd(&tm, from);
		tm.tm_mon = 11;
		tm.tm_mday = 31;
		ymd(&tm, to);
		return 0;
	case 'a':
		from[0] = '\0';
		ymd(&tm, to);
		return 0;
	}
	return -1;
}

int
report_format_of_path(const char *path)
{
	const char *dot = strrchr(path, '.');

	char ext[8];
	size_t i;

	if (dot == NULL || strchr(dot, '/') != NULL || strlen(dot + 1) >=
	    sizeof(ext))
		return -1;
	for (i = 0; dot[i + 1]; i++)	/* .PDF as .pdf */
		ext[i] = (char)tolower((unsigned char)dot[i + 1]);
	ext[i] = '\0';
	if (strcmp(ext, "txt") == 0)
		return DOC_TEXT;
	if (strcmp(ext, "htm") == 0)
		return DOC_HTML;
	return doc_format_parse(ext);
}

int
report_format_for_path(const char *path, struct so_err *err)
{
	const char *dot = strrchr(path, '.');
	int fmt;

	if ((fmt = report_format_of_path(path)) >= 0)
		return fmt;
	if (dot == NULL || strchr(dot, '/') != NULL)
		return DOC_TEXT;
	so_err_set(err, SO_EINVAL, _("%s: a report is saved as .txt, .csv, "
	    ".html, .pdf or .xlsx, not %s (--format picks one for any name)"),
	    path, dot);
	return -1;
}

int
report_save(const struct doc *d, int fmt, const struct doc_layout *lo,
    const char *path, int *pages, struct so_err *err)
{
	char *tmp = NULL;
	FILE *f;
	int code;

	if (fmt < 0 && (fmt = report_format_for_path(path, err)) < 0)
		return err->code;
	if ((f = export_file_open(path, &tmp, err)) == NULL)
		return err->code;
	code = doc_write(d, (enum doc_format)fmt, lo, f, pages, err);
	if (export_file_close(f, &tmp, path, code == SO_OK,
	    code == SO_OK ? err : NULL) != SO_OK && code == SO_OK)
		code = err->code ? err->code : SO_ERR;
	return code;
}

/* The temporary PDF is the user's, for the user's lpr (priv.h). */
static int
print_as(const struct doc *d, const struct doc_layout *lo,
    const char *printer, int copies, int *pages, struct so_err *err)
{
	/* secure_getenv: a setgid salesorg ignores the caller's TMPDIR. */
	const char *dir = secure_getenv("TMPDIR");
	char *path;
	FILE *f = NULL;
	int fd, code;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	path = xasprintf("%s/salesorg-print-XXXXXX", dir);
	if ((fd = mkstemp(path)) < 0 || (f = fdopen(fd, "w")) == NULL) {
		code = so_err_set(err, SO_ERR, "%s: %s", path,
		    strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		free(path);
		return code;
	}
	code = doc_write(d, DOC_PDF, lo, f, pages, err);
	if (fclose(f) != 0 && code == SO_OK)
		code = so_err_set(err, SO_ERR, "%s: %s", path,
		    strerror(errno));
	if (code == SO_OK)
		code = print_file(path, printer, copies, d->title, err);
	unlink(path);
	free(path);
	return code;
}

int
report_print(const struct doc *d, const struct doc_layout *lo,
    const char *printer, int copies, int *pages, struct so_err *err)
{
	int code;

	priv_user_begin();
	code = print_as(d, lo, printer, copies, pages, err);
	priv_user_end();
	return code;
}
