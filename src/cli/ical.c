/*
 * salesorg export ics|vcard and salesorg import ics|csv|xlsx|xls|ods|vcard:
 * the entries of both commands, with the options of every form in their
 * specs (the end of the file), and the iCalendar halves (src/exchange/
 * ical_*.c does the work).  The format is a word so that other formats
 * join without changing the shape of the command: "csv", "xlsx", "xls"
 * (import) go on to src/cli/csv.c, "vcard" to src/cli/vcard.c, each
 * parsing the options of its form with cli_getopt.  Dates are read like
 * everywhere else (today, 23.11.2026, +1w); --to includes the whole of
 * its day.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/priv.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/csv.h"
#include "cli/vcard.h"
#include "exchange/ical.h"
#include "exchange/import.h"
#include "store/lookup.h"

/* export ics's own options; -o is cli/vcard.h's, the form's both take. */
enum { OPT_FROM = 'f', OPT_TO = 't', OPT_USER = 'u', OPT_TYPE = 'T',
	OPT_NO_TASKS = 'N' };

static int
parse_day(const char *opt, const char *text, int days, int64_t *out)
{
	char ymd[11], msg[160];

	if (dt_parse_date(text, dt_now(), ymd, msg, sizeof(msg)) != 0) {
		cli_warn("%s: %s", opt, msg);
		return EXIT_USER;
	}
	*out = (int64_t)dt_date_start(ymd, days);
	return 0;
}

static int
cli_export(struct cli *cli, int argc, char **argv)
{
	struct ical_filter f = { .tasks = 1 };
	struct so_err err = { 0 };
	const char *from = NULL, *to = NULL, *user = NULL, *out = NULL;
	struct db *db;
	size_t n;
	FILE *fp;
	int c, rc;

	if (argc < 2)
		return cli_usage("export");
	if (strcmp(argv[1], "vcard") == 0)
		return cli_export_vcard(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "ics") != 0) {
		cli_warn(_("export: unknown format %s (known: ics, vcard)"),
		    argv[1]);
		return EXIT_USAGE;
	}
	while ((c = cli_getopt(&command_export, "ics", argc - 1, argv + 1)) !=
	    -1) {
		switch (c) {
		case OPT_FROM:
			from = optarg;
			break;
		case OPT_TO:
			to = optarg;
			break;
		case OPT_USER:
			user = optarg;
			break;
		case OPT_TYPE:
			f.type = optarg;
			break;
		case EXPORT_OPT_OUTPUT:
			out = optarg;
			break;
		case OPT_NO_TASKS:
			f.tasks = 0;
			break;
		default:
			return cli_usage("export");
		}
	}
	if (optind != argc - 1)
		return cli_usage("export");
	if (from && (rc = parse_day("--from", from, 0, &f.from)) != 0)
		return rc;
	if (to && (rc = parse_day("--to", to, 1, &f.to)) != 0)
		return rc;
	if ((rc = cli_open(cli, 0, 1, &db)) != 0)
		return rc;
	if (user && store_user_id(db, user, &f.user_id, &err) != SO_OK) {
		db_close(db);
		return cli_fail(&err);
	}
	fp = out ? priv_fopen(out, "w") : stdout;
	if (fp == NULL) {
		so_err_set(&err, SO_ERR, "%s: %s", out, strerror(errno));
		db_close(db);
		return cli_fail(&err);
	}
	rc = ical_export(db, &f, fp, &n, &err);
	db_close(db);
	if (out && fclose(fp) != 0 && rc == SO_OK)
		rc = so_err_set(&err, SO_ERR, "%s: %s", out, strerror(errno));
	if (rc != SO_OK)
		return cli_fail(&err);
	if (out) {
		/* TRANSLATORS: the file written and how many events (and
		 * tasks) it holds. */
		printf(P_("%s: %zu events", "%s: %zu events", n), out, n);
		putchar('\n');
	}
	return 0;
}

static int
cli_import(struct cli *cli, int argc, char **argv)
{
	struct so_err err = { 0 };
	struct ical_stats st;
	struct db *db;
	const char *file;
	int rc;

	if (argc >= 2 && import_format_parse(argv[1]) > IMPORT_AUTO)
		return cli_import_table(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "vcard") == 0)
		return cli_import_vcard(cli, argc - 1, argv + 1);
	if (argc < 2)
		return cli_usage("import");
	if (strcmp(argv[1], "ics") != 0) {
		cli_warn(_("import: unknown format %s (known: csv, xlsx, xls, "
		    "ods, ics, vcard)"), argv[1]);
		return EXIT_USAGE;
	}
	/* ics takes no option: this only says so of one given. */
	if (cli_getopt(&command_import, "ics", argc - 1, argv + 1) != -1 ||
	    optind != argc - 2)
		return cli_usage("import");
	file = argv[optind + 1];
	if ((rc = cli_open(cli, 0, 0, &db)) != 0)
		return rc;
	rc = ical_import(db, file, &st, &err);
	db_close(db);
	if (rc != SO_OK)
		return cli_fail(&err);
	/* TRANSLATORS: events created, updated and unchanged, and the
	 * tasks among them. */
	printf(_("%s: %zu created, %zu updated, %zu unchanged, %zu tasks"),
	    file, st.created, st.updated, st.unchanged, st.tasks);
	putchar('\n');
	return 0;
}

/* ---- the entries (src/cli/commands.c lists them) ---- */

static const struct cli_form export_forms[] = {
	{ "ics", "" },
	{ "vcard", "" },
	{ NULL, NULL }
};

static const struct cli_option export_options[] = {
	{ .name = "from", .val = OPT_FROM, .arg = NC_("usage", "DATE"),
	  .form = "ics",
	  .help = N_("events from DATE on (anything a form accepts: today, "
	    "23.11.2026, +1w)") },
	{ .name = "to", .val = OPT_TO, .arg = NC_("usage", "DATE"),
	  .form = "ics",
	  .help = N_("events up to DATE, the whole of its day") },
	{ .name = "user", .val = OPT_USER, .arg = NC_("usage", "LOGIN"),
	  .form = "ics", .help = N_("one assignee's events") },
	{ .name = "type", .val = OPT_TYPE, .arg = NC_("usage", "CODE"),
	  .form = "ics", .help = N_("one event type (and then no tasks)") },
	{ .name = "no-tasks", .val = OPT_NO_TASKS, .form = "ics",
	  .help = N_("leave out the open and done tasks (VTODO)") },
	{ .name = "version", .val = EXPORT_OPT_VERSION,
	  .choices = cli_vcard_versions, .form = "vcard",
	  .help = N_("vCard 3.0 (RFC 2426, the default) or 4.0 (RFC "
	    "6350)") },
	{ .name = "filter", .val = EXPORT_OPT_FILTER,
	  .arg = NC_("usage", "EXPR"), .form = "vcard",
	  .help = N_("the contacts EXPR matches (see FILTERS in "
	    "salesorg(1))") },
	{ .name = "saved", .val = EXPORT_OPT_SAVED,
	  .arg = NC_("usage", "NAME"), .form = "vcard",
	  .help = N_("the contacts a filter saved in the organizer "
	    "matches; with --filter, both must match") },
	{ .name = "output", .letter = 'o', .val = EXPORT_OPT_OUTPUT,
	  .arg = NC_("usage", "FILE"),
	  .help = N_("write to FILE, not standard output") },
	{ 0 }
};

const struct command command_export = {
	.name = "export",
	.forms = export_forms,
	.options = export_options,
	.summary = N_("export events and tasks as iCalendar (ics) or "
	    "contacts as vCards (vcard)"),
	.acl = {
		.manager = CLI_REACH(ACL_TAKE, 0, 0, 0),
		.head = CLI_REACH(ACL_TAKE, ACL_TAKE, ACL_TAKE, 0),
		.admin = CLI_REACH(ACL_TAKE, ACL_TAKE, ACL_TAKE, 0),
	},
	.access = N_("any user; a manager gets only their own events, "
	    "tasks and contacts and is refused a colleague's calendar "
	    "(--user); a head of sales or an administrator gets everyone's; "
	    "vcard gives a contact without a UID one, a write"),
	.run = cli_export,
};

static const struct cli_form import_forms[] = {
	{ "ics", NC_("usage", "FILE") },
	{ "csv|xlsx|xls|ods", NC_("usage", "ENTITY FILE") },
	{ "vcard", NC_("usage", "FILE") },
	{ NULL, NULL }
};

static const struct cli_option import_options[] = {
	{ .name = "map", .val = IMPORT_OPT_MAP,
	  .arg = NC_("usage", "COLUMN=FIELD,..."), .form = "csv|xlsx|xls|ods",
	  .help = N_("which field a column goes to, overriding the header's "
	    "match (\\, for a comma in a column's name; may be "
	    "repeated)") },
	{ .name = "encoding", .val = IMPORT_OPT_ENCODING,
	  .arg = "utf-8|cp1251|utf-16", .form = "csv|xlsx|xls|ods",
	  .help = N_("the CSV file's encoding (default: a byte order mark "
	    "decides, else UTF-8 when valid, else CP1251)") },
	{ .name = "sep", .val = IMPORT_OPT_SEP, .arg = "C",
	  .form = "csv|xlsx|xls|ods",
	  .help = N_("the CSV field separator, ';', ',' or tab (default: "
	    "the most frequent in the header)") },
	{ .name = "sheet", .val = IMPORT_OPT_SHEET,
	  .arg = NC_("usage", "NAME"), .form = "csv|xlsx|xls|ods",
	  .help = N_("the workbook's sheet to read (default the first)") },
	{ .name = "create-missing", .val = IMPORT_OPT_CREATE_MISSING,
	  .form = "csv|xlsx|xls|ods",
	  .help = N_("create a company a row names that nobody is named "
	    "after") },
	{ .name = "on-duplicate", .val = IMPORT_OPT_ON_DUPLICATE,
	  .arg = "skip|update|add", .form = "csv|xlsx|xls|ods",
	  .help = N_("a row duplicating a record already there is left out "
	    "(skip, the default), written over it, or added anyway") },
	{ .name = "skip-bad", .val = IMPORT_OPT_SKIP_BAD,
	  .form = "csv|xlsx|xls|ods|vcard",
	  .help = N_("list bad rows or cards on standard error and leave "
	    "them out, rather than stop with nothing written") },
	{ .name = "ignore-unknown", .val = IMPORT_OPT_IGNORE_UNKNOWN,
	  .form = "csv|xlsx|xls|ods",
	  .help = N_("leave out columns that name no field, rather than "
	    "stop") },
	{ .name = "strict", .val = IMPORT_OPT_STRICT,
	  .form = "csv|xlsx|xls|ods",
	  .help = N_("refuse a CSV file with a quote inside a field not "
	    "doubled as \"\", rather than read it as text with a warning "
	    "naming the line") },
	{ .name = "dry-run", .val = IMPORT_OPT_DRY_RUN,
	  .form = "csv|xlsx|xls|ods|vcard",
	  .help = N_("do everything, say what would happen, write "
	    "nothing") },
	{ 0 }
};

const struct command command_import = {
	.name = "import",
	.forms = import_forms,
	.options = import_options,
	.summary = N_("import events and tasks (ics), records of a card "
	    "file from CSV or an Excel workbook, or contacts (vcard); ics "
	    "and vcard are idempotent by UID"),
	.acl = {
		.manager = CLI_REACH(ACL_WRITE, ACL_TITLE, ACL_WRITE, 0),
		.head = CLI_REACH(ACL_WRITE, ACL_WRITE, ACL_WRITE, 0),
		.admin = CLI_REACH(ACL_WRITE, ACL_WRITE, ACL_WRITE, 0),
	},
	.access = N_("any user; a new record is the importer's unless its "
	    "row names another manager; for a manager, a row that would "
	    "change a colleague's record or give one to a colleague is a "
	    "bad row (a head of sales or an administrator writes "
	    "anyone's)"),
	.run = cli_import,
};
