/*
 * `salesorg agenda`: the startup agenda as plain text for a login shell
 * or a cron mail, as CSV for a spreadsheet, or as iCalendar for a phone.
 *
 * The text is meant to be read on paper or in a mail: one line per item,
 * time first, then the type, the subject and who to call at what number.
 * Control characters in the data are shown as ^X (utf8_sanitize), so a
 * hostile record cannot drive the reader's terminal.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "exchange/export.h"
#include "exchange/ical.h"
#include "store/agenda.h"
#include "store/lookup.h"

enum format { FMT_TEXT, FMT_CSV, FMT_ICS };
static const char *const formats[] = { "text", "csv", "ics", NULL };

/*
 * "Saturday 2026-12-05", "суббота 05.12.2026": the weekday and the short
 * date of the messages' language (base/i18n.h), the date as the items
 * of the overdue section write theirs.
 */
static void
day_heading(FILE *f, int64_t day, int64_t today)
{
	time_t t = (time_t)day;
	char date[16];
	struct tm tm;

	localtime_r(&t, &tm);
	i18n_date_short(t, date, sizeof(date));
	putc('\n', f);
	if (day == today)
		/* TRANSLATORS: the agenda's heading of today: the weekday,
		 * then the date. */
		fprintf(f, _("Today, %s %s"), i18n_weekday(tm.tm_wday), date);
	else
		/* TRANSLATORS: the agenda's heading of another day: the
		 * weekday, then the date. */
		fprintf(f, C_("agenda heading", "%s %s"),
		    i18n_weekday(tm.tm_wday), date);
	putc('\n', f);
}

static void
text_item(FILE *f, const struct agenda_item *it, int all_users)
{
	/* TRANSLATORS: in the agenda's time column, for an all-day event. */
	const char *all_day = _("all day");
	char when[17], moment[32];
	const char *sep = " — ";
	int col = utf8_width(all_day);

	dt_format_moment((time_t)it->at, when);
	if (it->section == AG_DAY) {
		/* The time column: "09:30  ", or as wide as "all day". */
		fputs("  ", f);
		cli_put_cell(f, it->all_day ? all_day : when + 11, col > 7 ?
		    col : 7);
	} else {
		/* Overdue or coming up: the date too, as the reader
		 * writes it (i18n_date_short). */
		if (it->all_day)
			i18n_date_short((time_t)it->at, moment,
			    sizeof(moment));
		else
			cli_moment((time_t)it->at, moment, sizeof(moment));
		fprintf(f, "  %s", moment);
	}
	fputs("  ", f);
	cli_put_cell(f, it->type_name, 9);
	fputs(" ", f);
	if (it->done)
		/* TRANSLATORS: before the subject of a done event. */
		fputs(_("done: "), f);
	cli_put_clean(f, *it->subject ? it->subject : it->type_name);
	if (it->done && *it->result) {
		fputs(" (", f);
		cli_put_clean(f, it->result);
		fputs(")", f);
	}
	if (*it->company) {
		fputs(sep, f);
		cli_put_clean(f, it->company);
		sep = ", ";
	}
	if (*it->contact && it->kind != AG_BIRTHDAY) {
		fputs(sep, f);
		cli_put_clean(f, it->contact);
		sep = ", ";
	}
	if (*it->phone) {
		fputs(sep, f);
		cli_put_clean(f, it->phone);
	}
	if (all_users && *it->assignee) {
		fputs(" [", f);
		cli_put_clean(f, it->assignee);
		fputs("]", f);
	}
	putc('\n', f);
}

static void
print_text(FILE *f, const struct agenda *a, const struct agenda_query *q,
    const char *who)
{
	enum agenda_section sec = AG_OVERDUE;
	int64_t day = -1, today = dt_day_start((time_t)q->now);
	size_t i;

	fprintf(f, _("Agenda for %s"), who);
	putc('\n', f);
	for (i = 0; i < a->n; i++) {
		const struct agenda_item *it = &a->v[i];

		if (it->section == AG_OVERDUE && (i == 0 ||
		    sec != AG_OVERDUE))
			fprintf(f, "\n%s\n", _("Overdue"));
		if (it->section == AG_DAY && dt_day_start((time_t)it->at) !=
		    day) {
			day = dt_day_start((time_t)it->at);
			day_heading(f, day, today);
		}
		if (it->section == AG_REMINDER && sec != AG_REMINDER)
			fprintf(f, "\n%s\n", _("Coming up (reminder due)"));
		sec = it->section;
		text_item(f, it, q->user_id == 0);
	}
	if (a->truncated)
		fprintf(f, "\n%s\n", _("(some repeating events repeat too "
		    "often to list in full)"));
	if (a->bad_rule)
		fprintf(f, "\n%s\n", _("(some repeating events have a rule "
		    "that never produces a date: their first date is shown; "
		    "fix their Repeat)"));
}

static const char *const section_names[] = { "overdue", "day", "reminder" };

static void
print_csv(FILE *f, const struct agenda *a)
{
	static const char *const kinds[] = { "event", "task", "birthday" };
	char start[17], end[17];
	size_t i;

	fputs("section,kind,id,start,end,all_day,type,subject,company,"
	    "contact,phone,assignee,status,result\r\n", f);
	for (i = 0; i < a->n; i++) {
		const struct agenda_item *it = &a->v[i];

		dt_format_moment((time_t)it->at, start);
		if (it->end)
			dt_format_moment((time_t)it->end, end);
		else
			end[0] = '\0';
		fprintf(f, "%s,%s,%lld,%s,%s,%d,", section_names[it->section],
		    kinds[it->kind], (long long)it->id, start, end,
		    it->all_day);
		export_csv_field(f, it->type);
		putc(',', f);
		export_csv_field(f, it->subject);
		putc(',', f);
		export_csv_field(f, it->company);
		putc(',', f);
		export_csv_field(f, it->contact);
		putc(',', f);
		export_csv_field(f, it->phone);
		putc(',', f);
		export_csv_field(f, it->assignee);
		fprintf(f, ",%s,", it->done ? "done" : "planned");
		export_csv_field(f, it->result);
		fputs("\r\n", f);
	}
}

enum { OPT_DATE = 'd', OPT_DAYS = 'n', OPT_USER = 'u', OPT_ALL = 'a',
	OPT_FORMAT = 'f' };

static int
agenda_usage(void)
{
	return cli_usage("agenda");
}

static int
cli_agenda(struct cli *cli, int argc, char **argv)
{
	struct agenda_query q = { 0 };
	struct so_err err = { 0 };
	struct agenda a;
	struct db *db;
	enum format fmt = FMT_TEXT;
	const char *date = NULL, *login = cli->login;
	char day[11], msg[200], *end;
	time_t t;
	int c, all = 0, rc;
	long days = 1;

	while ((c = cli_getopt(&command_agenda, NULL, argc, argv)) != -1) {
		switch (c) {
		case OPT_DATE:
			date = optarg;
			break;
		case OPT_DAYS:
			days = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || days < 1 ||
			    days > 366) {
				cli_warn(_("agenda: --days: a number from 1 "
				    "to 366, not \"%s\""), optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_USER:
			login = optarg;
			break;
		case OPT_ALL:
			all = 1;
			break;
		case OPT_FORMAT:
			if ((c = cli_choice("agenda", "format", optarg,
			    formats)) < 0)
				return EXIT_USAGE;
			fmt = (enum format)c;
			break;
		default:
			return agenda_usage();
		}
	}
	if (optind != argc)
		return agenda_usage();
	q.now = (int64_t)dt_now();
	if (date != NULL) {
		struct tm tm;

		if (dt_parse_date(date, (time_t)q.now, day, msg,
		    sizeof(msg)) != 0) {
			cli_warn("agenda: --date: %s", msg);
			return EXIT_USAGE;
		}
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = atoi(day) - 1900;
		tm.tm_mon = atoi(day + 5) - 1;
		tm.tm_mday = atoi(day + 8);
		tm.tm_isdst = -1;
		t = mktime(&tm);
	} else
		t = (time_t)q.now;
	q.from = (int64_t)dt_day_start(t);
	q.days = (int)days;
	/* Overdue items and due reminders belong to "now": only when the
	 * agenda starts today. */
	q.overdue = q.reminders = q.from == (int64_t)dt_day_start(
	    (time_t)q.now);
	if ((rc = cli_open(cli, 0, 1, &db)) != 0)
		return rc;
	/* One's own agenda: cli_open has logged in as that user already. */
	if (!all && login == cli->login && strcmp(db_user_login(db), login) ==
	    0)
		q.user_id = db_user_id(db);
	if (!all && q.user_id == 0 && store_user_id(db, login, &q.user_id,
	    &err) != SO_OK) {
		db_close(db);
		return cli_fail(&err);
	}
	if (fmt == FMT_ICS) {
		struct ical_filter f = { 0 };
		size_t n = 0;

		f.from = q.from;
		/* The midnight after the last day, on a DST change day too:
		 * a little past the 23 to 25 hours, back to its day start. */
		f.to = q.from + (int64_t)days * 86400 + 7200;
		f.to = (int64_t)dt_day_start((time_t)f.to);
		f.user_id = q.user_id;
		f.tasks = 1;
		rc = ical_export(db, &f, stdout, &n, &err);
		db_close(db);
		return rc == SO_OK ? 0 : cli_fail(&err);
	}
	rc = agenda_load(db, &q, &a, &err);
	db_close(db);
	if (rc != SO_OK)
		return cli_fail(&err);
	if (fmt == FMT_CSV)
		print_csv(stdout, &a);
	else if (a.n == 0) {
		/* TRANSLATORS: "bob: nothing due", "everyone: nothing
		 * due". */
		printf(_("%s: nothing due"), all ? _("everyone") : login);
		putchar('\n');
	} else
		print_text(stdout, &a, &q, all ? _("everyone") : login);
	agenda_free(&a);
	return 0;
}

/* ---- the entry (src/cli/commands.c lists it) ---- */

static const struct cli_option options[] = {
	{ .name = "date", .val = OPT_DATE, .arg = NC_("usage", "DATE"),
	  .help = N_("start on another day (2026-12-01, 01.12.2026, "
	    "tomorrow); overdue items and due reminders only when it starts "
	    "today") },
	{ .name = "days", .val = OPT_DAYS, .arg = NC_("usage", "N"),
	  .help = N_("cover N days, 1 to 366 (default 1)") },
	{ .name = "user", .val = OPT_USER, .arg = NC_("usage", "LOGIN"),
	  .help = N_("another user's agenda") },
	{ .name = "all", .val = OPT_ALL, .flags = CLI_OR,
	  .help = N_("everyone's, each line naming the assignee") },
	{ .name = "format", .val = OPT_FORMAT, .choices = formats,
	  .help = N_("text (default), csv (a row per item) or ics (the "
	    "days' events and tasks as iCalendar, as export ics writes "
	    "them)") },
	{ 0 }
};

const struct command command_agenda = {
	.name = "agenda",
	.operands = "",
	.options = options,
	.summary = N_("print the agenda: overdue, the day's calls, "
	    "meetings, tasks, birthdays"),
	.acl = {
		.manager = CLI_REACH(ACL_READ | ACL_TAKE, 0, 0, 0),
		.head = CLI_REACH(ACL_READ | ACL_TAKE, ACL_READ | ACL_TAKE,
		    ACL_READ | ACL_TAKE, 0),
		.admin = CLI_REACH(ACL_READ | ACL_TAKE, ACL_READ | ACL_TAKE,
		    ACL_READ | ACL_TAKE, 0),
	},
	.access = N_("any user, reading only, their own agenda in any "
	    "format; another user's (--user) or everyone's (--all): a head "
	    "of sales or an administrator"),
	.run = cli_agenda,
};
