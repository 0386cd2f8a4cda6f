/*
 * salesorg report NAME and salesorg journal: build a report (report.h)
 * and write it as text, CSV, HTML or PDF, to stdout, to a file (all or
 * nothing), or to the printer through CUPS's lpr.
 *
 *	salesorg journal --date tomorrow --print
 *	salesorg journal --send --to head@example.com
 *	salesorg report activity --period month --all --format pdf -o nov.pdf
 *
 * Text is paginated for paper when it goes to a file or a pipe (80 by
 * 66, 132 columns for the wide reports); on a terminal it is one long
 * page as wide as the terminal, without form feeds.  PDF is never
 * written to a terminal: it is binary.
 *
 * --lang ru|en picks the language of the document (a manager prints a
 * Russian journal from an English terminal) and of what the command
 * says after its options are read; by default the locale's.
 */
#include <sys/ioctl.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "doc/print.h"
#include "doc/doc.h"
#include "exchange/merge.h"
#include "exchange/mime.h"
#include "report/report.h"
#include "store/journal_sent.h"
#include "store/lookup.h"
#include "store/plan.h"
#include "store/report_abc.h"
#include "store/settings.h"

struct out_opts {
	int		 format;	/* enum doc_format, -1: not given */
	const char	*path;		/* -o */
	int		 width, page_length;	/* -1: not given */
	const char	*paper;
	int		 print, copies;
	const char	*printer;
};

enum {
	OPT_FROM = 256, OPT_TO, OPT_PERIOD, OPT_DATE, OPT_USER, OPT_ALL,
	OPT_ID, OPT_FORMAT, OPT_WIDTH, OPT_PAGE_LENGTH, OPT_PAPER, OPT_PRINT,
	OPT_COPIES, OPT_OUTPUT, OPT_PRINTER, OPT_LANG, OPT_SEND, OPT_SENT,
	OPT_MAILTO, OPT_BY, OPT_MONTHS, OPT_BOTTOM, OPT_STEP
};

/* journal --send and --sent (ACT_NONE for neither). */
enum { ACT_NONE, ACT_SEND, ACT_SENT };

/* A whole number in [lo, hi] for option opt of cmd; -1 after saying why. */
static long
number(const char *cmd, const char *opt, const char *arg, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || errno != 0 || v < lo || v > hi) {
		cli_warn(_("%s: --%s: a number from %ld to %ld, not \"%s\""),
		    cmd, opt, lo, hi, arg);
		return -1;
	}
	return v;
}

static int
parse_date(const char *cmd, const char *opt, const char *arg, int64_t now,
    char out[11])
{
	char msg[200];

	if (dt_parse_date(arg, (time_t)now, out, msg, sizeof(msg)) != 0) {
		cli_warn("%s: --%s: %s", cmd, opt, msg);
		return -1;
	}
	return 0;
}

static int
terminal_width(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
		return ws.ws_col;
	return 80;
}

/* Sends d to lpr as PDF; says where it went. */
static int
print_doc(const char *cmd, const struct doc *d, const struct doc_layout *lo,
    const struct out_opts *o)
{
	struct so_err err = { 0 };
	char *dest;
	int pages = 0;

	if (report_print(d, lo, o->printer, o->copies, &pages, &err) != SO_OK)
		return cli_fail(&err);
	dest = print_destination(o->printer);
	if (o->copies > 1)
		/* TRANSLATORS: the command, pages, the printer, copies:
		 * "journal: 2 pages sent to office, 3 copies". */
		printf(P_("%s: %d page sent to %s, %d copies",
		    "%s: %d pages sent to %s, %d copies", pages), cmd, pages,
		    dest, o->copies);
	else
		/* TRANSLATORS: the command, pages, the printer:
		 * "journal: 2 pages sent to office". */
		printf(P_("%s: %d page sent to %s", "%s: %d pages sent to %s",
		    pages), cmd, pages, dest);
	free(dest);
	putchar('\n');
	return 0;
}

/* Writes the built document where the options say. */
static int
output(const char *cmd, const struct doc *d, const struct out_opts *o)
{
	struct doc_layout lo = DOC_LAYOUT_DEFAULT;
	struct so_err err = { 0 };
	int fmt = o->format, tty, pages = 0, code;

	/* By the file's extension (one the reports do not write is
	 * refused, not filled with text), else text; printing is PDF. */
	if (fmt < 0 && o->path && !o->print &&
	    (fmt = report_format_for_path(o->path, &err)) < 0) {
		cli_fail(&err);
		return EXIT_USAGE;
	}
	if (fmt < 0)
		fmt = o->print ? DOC_PDF : DOC_TEXT;
	tty = o->path == NULL && isatty(STDOUT_FILENO);
	if (tty) {
		lo.width = terminal_width();
		lo.page_length = 0;
	} else if (d->landscape)
		lo.width = 132;
	if (o->width >= 0)
		lo.width = o->width;
	if (o->page_length >= 0)
		lo.page_length = o->page_length;
	if (o->paper)
		lo.paper = o->paper;
	if (o->print)
		return print_doc(cmd, d, &lo, o);
	if (fmt == DOC_PDF && tty) {
		cli_warn(_("%s: PDF is binary: give -o FILE, --print, or a "
		    "pipe"), cmd);
		return EXIT_USAGE;
	}
	/* a zip archive is made whole in a file, not streamed */
	if (fmt == DOC_XLSX && o->path == NULL) {
		cli_warn(_("%s: an .xlsx workbook is written to a file only: "
		    "give -o FILE"), cmd);
		return EXIT_USAGE;
	}
	if (o->path)
		code = report_save(d, fmt, &lo, o->path, &pages, &err);
	else if ((code = doc_write(d, (enum doc_format)fmt, &lo, stdout,
	    &pages, &err)) == SO_OK && fflush(stdout) != 0)
		code = so_err_set(&err, SO_ERR, _("standard output: %s"),
		    strerror(errno));
	if (code != SO_OK)
		return cli_fail(&err);
	if (o->path && (fmt == DOC_TEXT || fmt == DOC_PDF))
		/* TRANSLATORS: the command, the file, its pages and its
		 * format (text or pdf): "report: a.pdf: 2 pages of pdf". */
		cli_warn(P_("%s: %s: %d page of %s", "%s: %s: %d pages of %s",
		    pages), cmd, o->path, pages,
		    doc_format_name((enum doc_format)fmt));
	return 0;
}

/* ---- journal --send, journal --sent ---- */

/* "Анна Петрова (anna)" or "anna": the current user, for a subject. */
static char *
current_user_label(struct db *db)
{
	struct user_brief u;
	struct so_err err = { 0 };
	char *s;

	if (store_user_get(db, db_user_id(db), &u, &err) != SO_OK)
		return xstrdup(db_user_login(db));
	s = report_user_label(u.login, u.full_name);
	store_user_brief_clear(&u);
	return s;
}

/*
 * Mails d, the current user's journal of day, to addr: the text form as
 * it prints (132 columns, one long page) in a plain-text message from
 * mail.from, through mail.sendmail -t -i as merge --send does.
 */
static int
mail_journal(const char *cmd, struct db *db, const struct doc *d,
    const char *day, const char *addr, struct so_err *err)
{
	struct doc_layout lo = DOC_LAYOUT_DEFAULT;
	struct mime_msg mm = { 0 };
	struct strbuf msg = { 0 };
	char *text = NULL, *from, *from_addr, *mailer, *subject, *who;
	char why[512], date[64];
	size_t len = 0;
	FILE *f;
	int pages = 0, code;

	lo.width = 132;
	lo.page_length = 0;
	if ((f = open_memstream(&text, &len)) == NULL)
		return so_err_set(err, SO_ERR, "%s", strerror(errno));
	code = doc_write(d, DOC_TEXT, &lo, f, &pages, err);
	fclose(f);
	if (code != SO_OK) {
		free(text);
		return code;
	}
	from = settings_get_text(db, "mail.from");
	from_addr = mime_addr_of(from ? from : "");
	mailer = settings_mailer(db, why, sizeof(why));
	if (*why)
		cli_warn("%s: %s", cmd, why);
	who = current_user_label(db);
	report_date(day, date, sizeof(date));
	/* TRANSLATORS: the subject of the journal mailed to the head:
	 * the manager, the day. */
	subject = xasprintf(_("Work journal of %s for %s"), who, date);
	if (!mime_addr_ok(from_addr))
		code = so_err_set(err, SO_EINVAL, _("mail.from \"%s\" is not "
		    "an address (salesorg config set mail.from "
		    "you@example.com)"), from ? from : "");
	else {
		mm.from = from;
		mm.to_addr = addr;
		mm.subject = subject;
		mm.body = text;
		mm.date = db_now(db);
		if ((code = mime_build(&mm, MIME_LF, &msg, err)) == SO_OK)
			code = merge_sendmail(mailer, msg.s, msg.len, err);
	}
	sb_free(&msg);
	free(subject);
	free(who);
	free(mailer);
	free(from_addr);
	free(from);
	free(text);
	return code;
}

/*
 * journal --send: the current user's journal d of day goes to the head
 * (mail to addr) or to the file of -o, and the sending is recorded for
 * the activity report and journal --sent.
 */
static int
send_journal(const char *cmd, struct db *db, const struct doc *d,
    const char *day, const char *addr, const struct out_opts *o)
{
	struct so_err err = { 0 };
	int rc;

	if (o->path) {
		if ((rc = output(cmd, d, o)) != 0)
			return rc;
	} else if (mail_journal(cmd, db, d, day, addr, &err) != SO_OK)
		return cli_fail(&err);
	if (journal_sent_record(db, day, o->path ? JOURNAL_BY_FILE :
	    JOURNAL_BY_MAIL, o->path ? o->path : addr, &err) != SO_OK) {
		cli_warn(_("%s: the journal went to %s but its sending could "
		    "not be recorded: %s"), cmd, o->path ? o->path : addr,
		    err.msg);
		return so_err_exit_status(err.code);
	}
	/* TRANSLATORS: the command, the journal's day, where it went. */
	printf(_("%s: the journal of %s sent to %s"), cmd, day, o->path ?
	    o->path : addr);
	putchar('\n');
	return 0;
}

/* The address journal --send mails to: --to, else journal.to. */
static char *
journal_address(const char *cmd, struct db *db, const char *to)
{
	char *v;

	v = to ? xstrdup(to) : settings_get_text(db, "journal.to");
	if (v == NULL || *v == '\0') {
		cli_warn(_("%s: --send: to whom? Give --to ADDRESS or -o FILE, "
		    "or let the head set journal.to (salesorg config set "
		    "journal.to head@example.com)"), cmd);
		free(v);
		return NULL;
	}
	if (!mime_addr_ok(v)) {
		cli_warn(_("%s: --to: an address, as head@example.com, not "
		    "\"%s\""), cmd, v);
		free(v);
		return NULL;
	}
	return v;
}

/* journal --sent: who sent the journal of day, one line each. */
static int
list_sent(struct db *db, int64_t user_id, const char *day)
{
	struct journal_sending *v;
	struct so_err err = { 0 };
	char at[17];
	size_t n, i;

	if (journal_sent_list(db, user_id, day, &v, &n, &err) != SO_OK)
		return cli_fail(&err);
	for (i = 0; i < n; i++) {
		printf("%s\t%s\t", v[i].login, v[i].full_name);
		if (v[i].sent_at == 0) {
			printf("%s\n", C_("journal", "not sent"));
			continue;
		}
		dt_format_moment((time_t)v[i].sent_at, at);
		/* TRANSLATORS: when, how (mail or file) and where the
		 * journal went. */
		printf(_("sent %s by %s to %s"), at, strcmp(v[i].how,
		    JOURNAL_BY_FILE) == 0 ? C_("journal", "file") :
		    C_("journal", "mail"), v[i].dest);
		putchar('\n');
	}
	journal_sent_free(v, n);
	return 0;
}

/*
 * Both commands: the report r (the journal when name is "journal"),
 * options from argv.
 */
static int
run(struct cli *cli, const struct command *c, const struct report_desc *r,
    int argc, char **argv)
{
	const char *cmd = c->name;
	struct out_opts o = { -1, NULL, -1, -1, NULL, 0, 1, NULL };
	struct report_query q;
	struct so_err err = { 0 };
	struct db *db;
	struct doc d;
	const char *from = NULL, *to = NULL, *date = NULL, *login = NULL;
	const char *lang = NULL, *mailto = NULL, *abc_opt = NULL;
	char kind = r->period, *addr = NULL;
	struct plan_period named_p;
	int act = ACT_NONE, named = 0;
	long v;
	int ch, code, rc;

	memset(&q, 0, sizeof(q));
	q.now = (int64_t)dt_now();
	while ((ch = cli_getopt(c, NULL, argc, argv)) != -1) {
		switch (ch) {
		case OPT_FROM:
			from = optarg;
			break;
		case OPT_TO:
			to = optarg;
			break;
		case OPT_DATE:
			date = optarg;
			break;
		case OPT_PERIOD:
			/* A named period, or one month, quarter or year
			 * as plans are set for (2026-12, 2026-Q4, 2026). */
			named = 0;
			if ((kind = report_period_kind(optarg)) == 0 &&
			    plan_period_parse(optarg, &named_p, NULL) !=
			    SO_OK) {
				cli_warn(_("%s: --period: day, week, month, "
				    "quarter, year or all, not \"%s\""), cmd,
				    optarg);
				return EXIT_USAGE;
			}
			if (kind == 0) {
				named = 1;
				kind = r->period;
			}
			break;
		case OPT_USER:
			login = optarg;
			break;
		case OPT_ALL:
			q.all = 1;
			break;
		case OPT_ID:
			/* a program by its name as well as its id */
			if (r->build == report_program) {
				q.program = optarg;
				break;
			}
			if ((v = number(cmd, "id", optarg, 1, 0x7fffffffL)) < 0)
				return EXIT_USAGE;
			q.id = v;
			break;
		case OPT_FORMAT:
			if ((o.format = doc_format_parse(optarg)) < 0) {
				cli_warn(_("%s: --format: text, csv, html, "
				    "pdf or xlsx, not \"%s\""), cmd, optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_OUTPUT:
			o.path = optarg;
			break;
		case OPT_WIDTH:
			if ((v = number(cmd, "width", optarg, 0, 1000)) < 0)
				return EXIT_USAGE;
			if (v > 0 && v < 40) {
				cli_warn(_("%s: --width: 0 (no limit) or at "
				    "least 40"), cmd);
				return EXIT_USAGE;
			}
			o.width = (int)v;
			break;
		case OPT_PAGE_LENGTH:
			if ((v = number(cmd, "page-length", optarg, 0,
			    10000)) < 0)
				return EXIT_USAGE;
			if (v > 0 && v < 20) {
				cli_warn(_("%s: --page-length: 0 (no pages) or "
				    "at least 20"), cmd);
				return EXIT_USAGE;
			}
			o.page_length = (int)v;
			break;
		case OPT_PAPER:
			if (strcmp(optarg, "a4") != 0 &&
			    strcmp(optarg, "letter") != 0) {
				cli_warn(_("%s: --paper: a4 or letter, not "
				    "\"%s\""), cmd, optarg);
				return EXIT_USAGE;
			}
			o.paper = optarg;
			break;
		case OPT_PRINT:
			o.print = 1;
			break;
		case OPT_PRINTER:
			o.printer = optarg;
			o.print = 1;
			break;
		case OPT_COPIES:
			if ((v = number(cmd, "copies", optarg, 1, 999)) < 0)
				return EXIT_USAGE;
			o.copies = (int)v;
			break;
		case OPT_BY:
			if (strcmp(optarg, "group") == 0) {
				q.by_group = 1;
				break;
			}
			if ((v = abc_by_parse(optarg)) < 0) {
				cli_warn(_("%s: --by: sum, count, units, "
				    "services or group, not \"%s\""), cmd,
				    optarg);
				return EXIT_USAGE;
			}
			q.abc_by = (int)v + 1;
			abc_opt = "--by";
			break;
		case OPT_MONTHS:
			/* abc's window or the dynamics' lost buyers. */
			if ((v = number(cmd, "months", optarg, 1,
			    r->build == report_dynamics ? 120 : 24)) < 0)
				return EXIT_USAGE;
			if (r->build == report_dynamics)
				q.dyn_months = (int)v;
			else {
				q.abc_months = (int)v;
				abc_opt = "--months";
			}
			break;
		case OPT_STEP:
			if (strcmp(optarg, "month") != 0 &&
			    strcmp(optarg, "quarter") != 0) {
				cli_warn(_("%s: --step: month or quarter, not "
				    "\"%s\""), cmd, optarg);
				return EXIT_USAGE;
			}
			if (r->build != report_dynamics) {
				cli_warn(_("%s: --step is the dynamics "
				    "report's"), cmd);
				return EXIT_USAGE;
			}
			q.dyn_step = optarg[0] == 'q' ? 'q' : 'm';
			break;
		case OPT_BOTTOM:
			q.abc_bottom = 1;
			abc_opt = "--bottom";
			break;
		case OPT_LANG:
			if (strcmp(optarg, "ru") != 0 &&
			    strcmp(optarg, "en") != 0) {
				cli_warn(_("%s: --lang: ru or en, not \"%s\""),
				    cmd, optarg);
				return EXIT_USAGE;
			}
			lang = optarg;
			break;
		case OPT_SEND:
			act = ACT_SEND;
			break;
		case OPT_SENT:
			act = ACT_SENT;
			break;
		case OPT_MAILTO:
			mailto = optarg;
			break;
		default:
			return cli_usage(cmd);
		}
	}
	if (optind != argc)
		return cli_usage(cmd);
	/* The document's language, before a word of it is made: what
	 * the command says from here on is in it too. */
	if (lang && i18n_set_lang(lang) != 0) {
		cli_warn(_("%s: --lang %s: no catalogue of that language is "
		    "installed (salesorg.mo for %s)"), cmd, lang, lang);
		return EXIT_USER;
	}
	/* Said rather than ignored: the options of one report. */
	if (abc_opt && r->build != report_abc) {
		cli_warn(_("%s: %s is the abc report's"), cmd, abc_opt);
		return EXIT_USAGE;
	}
	if (q.by_group && r->build != report_sales) {
		cli_warn(_("%s: --by group is the sales report's"), cmd);
		return EXIT_USAGE;
	}
	if (login && q.all) {
		cli_warn(_("%s: --user and --all exclude each other"), cmd);
		return EXIT_USAGE;
	}
	if (act != ACT_NONE && (q.all || o.print || (act == ACT_SEND &&
	    login) || (act == ACT_SENT && (o.path || o.format >= 0)))) {
		cli_warn(_("%s: --send mails or files one's own journal (no "
		    "--user, --all or --print); --sent lists who sent one "
		    "(no -o or --format)"), cmd);
		return EXIT_USAGE;
	}
	if (mailto && (act != ACT_SEND || o.path)) {
		cli_warn(_("%s: --to ADDRESS goes with --send, without -o"),
		    cmd);
		return EXIT_USAGE;
	}
	if (o.print && (o.path || (o.format >= 0 && o.format != DOC_PDF))) {
		cli_warn(_("%s: --print sends a PDF to the printer; it takes "
		    "no -o or --format"), cmd);
		return EXIT_USAGE;
	}
	/* The period: --date (one day), else --from/--to, else --period or
	 * the report's own default, around today. */
	if (date && (from || to)) {
		cli_warn(_("%s: --date is one day; give it or --from/--to"),
		    cmd);
		return EXIT_USAGE;
	}
	/* A journal sent is the next day's, made the evening before. */
	if (act != ACT_NONE && date == NULL)
		date = "tomorrow";
	if (date) {
		if (parse_date(cmd, "date", date, q.now, q.from) != 0)
			return EXIT_USAGE;
		memcpy(q.to, q.from, 11);
	} else {
		report_period(kind, q.now, 0, q.from, q.to);
		if (named) {
			memcpy(q.from, named_p.from, 11);
			memcpy(q.to, named_p.to, 11);
		}
		if (from && parse_date(cmd, "from", from, q.now, q.from) != 0)
			return EXIT_USAGE;
		if (to && parse_date(cmd, "to", to, q.now, q.to) != 0)
			return EXIT_USAGE;
		if (from && !to && kind == 'd')
			memcpy(q.to, q.from, 11);
		if (*q.from && strcmp(q.from, q.to) > 0) {
			cli_warn(_("%s: the period ends (%s) before it starts "
			    "(%s)"), cmd, q.to, q.from);
			return EXIT_USAGE;
		}
	}
	if ((rc = cli_open(cli, 0, 0, &db)) != 0)
		return rc;
	if (login && store_user_id(db, login, &q.user_id, &err) != SO_OK) {
		db_close(db);
		return cli_fail(&err);
	}
	if (act == ACT_SENT) {
		rc = list_sent(db, q.user_id, q.from);
		db_close(db);
		return rc;
	}
	if (act == ACT_SEND && !o.path && (addr = journal_address(cmd, db,
	    mailto)) == NULL) {
		db_close(db);
		return EXIT_USAGE;
	}
	q.now = (int64_t)db_now(db);
	code = r->build(db, &q, &d, &err);
	if (code != SO_OK) {
		db_close(db);
		free(addr);
		return cli_fail(&err);
	}
	if (act == ACT_SEND)
		rc = send_journal(cmd, db, &d, q.from, addr, &o);
	else
		rc = output(cmd, &d, &o);
	db_close(db);
	free(addr);
	doc_free(&d);
	return rc;
}

static int
cli_report(struct cli *cli, int argc, char **argv)
{
	const struct report_desc *r;

	if (argc < 2 || argv[1][0] == '-') {
		cli_warn(_("report: which one?"));
		for (r = reports; r->name; r++)
			fprintf(stderr, "  %-12s %s\n", r->name, _(r->help));
		return EXIT_USAGE;
	}
	if ((r = report_find(argv[1])) == NULL) {
		struct strbuf b = { 0 };

		for (r = reports; r->name; r++)
			sb_printf(&b, " %s", r->name);
		cli_warn(_("report: no report \"%s\"; there are:%s"), argv[1],
		    sb_str(&b));
		sb_free(&b);
		return EXIT_USAGE;
	}
	return run(cli, &command_report, r, argc - 1, argv + 1);
}

static int
cli_journal(struct cli *cli, int argc, char **argv)
{
	return run(cli, &command_journal, report_find("journal"), argc, argv);
}

/* ---- the entries (src/cli/commands.c lists them) ---- */

/* Where the document goes: the options of both commands, written once
 * (a table cannot include another).  The help is marked N_(): --help
 * shows it in the messages' language. */
#define OUTPUT_OPTIONS							\
	{ .name = "format", .val = OPT_FORMAT,				\
	  .arg = "text|csv|html|pdf|xlsx",				\
	  .help = N_("the form (default text, or as -o's extension "	\
	    "says: .txt, .csv, .html, .pdf, .xlsx)") },			\
	{ .letter = 'o', .val = OPT_OUTPUT, .arg = "FILE",		\
	  .help = N_("write to FILE, whole or not at all, and say how "	\
	    "many pages it took; PDF is never written to a "		\
	    "terminal") },						\
	{ .name = "width", .val = OPT_WIDTH, .arg = "N",		\
	  .help = N_("text: columns per line (default 80, 132 for the "	\
	    "journal, the activity report, checklist, visits and abc, "	\
	    "a terminal's width; 0: no limit)") },			\
	{ .name = "page-length", .val = OPT_PAGE_LENGTH, .arg = "N",	\
	  .help = N_("text: lines per page, the header included "	\
	    "(default 66; 0: one long page)") },			\
	{ .name = "paper", .val = OPT_PAPER, .arg = "a4|letter",	\
	  .help = N_("PDF: the paper (default a4)") },			\
	{ .name = "print", .val = OPT_PRINT,				\
	  .help = N_("send the PDF to CUPS with lpr, to the default "	\
	    "destination") },						\
	{ .letter = 'P', .val = OPT_PRINTER, .arg = "PRINTER",		\
	  .help = N_("print on PRINTER (implies --print)") },		\
	{ .name = "copies", .val = OPT_COPIES, .arg = "N",		\
	  .help = N_("print N copies (1 to 999)") },			\
	{ .name = "lang", .val = OPT_LANG, .arg = "ru|en",		\
	  .help = N_("the language of the document: words, dates and "	\
	    "money (default the locale's)") }

static const struct cli_option journal_options[] = {
	{ .name = "date", .val = OPT_DATE, .arg = "DATE",
	  .help = N_("the day (default today)") },
	{ .name = "user", .val = OPT_USER, .arg = "LOGIN",
	  .help = N_("another user's journal") },
	{ .name = "all", .val = OPT_ALL, .flags = CLI_OR,
	  .help = N_("every active user's, each from a new page") },
	{ .name = "send", .val = OPT_SEND,
	  .help = N_("send one's own journal (default tomorrow's) to the "
	    "head: mail it to journal.to or --to, or write it to -o FILE; "
	    "recorded for the activity report") },
	{ .name = "sent", .val = OPT_SENT, .flags = CLI_OR,
	  .help = N_("list who sent the journal of the day (default "
	    "tomorrow's) and who did not") },
	{ .name = "to", .val = OPT_MAILTO, .arg = "ADDRESS",
	  .help = N_("--send: mail it to ADDRESS instead of journal.to") },
	OUTPUT_OPTIONS,
	{ 0 }
};

const struct command command_journal = {
	.name = "journal",
	.operands = "",
	.options = journal_options,
	.summary = N_("the day's work journal on paper: touches planned "
	    "(with a blank result column before the day), the call log, "
	    "totals"),
	.acl = {
		.manager = CLI_REACH(ACL_READ | ACL_TAKE, 0, 0, 0),
		.head = CLI_REACH(ACL_READ | ACL_TAKE, ACL_READ | ACL_TAKE, 0,
		    0),
		.admin = CLI_REACH(ACL_READ | ACL_TAKE, ACL_READ | ACL_TAKE, 0,
		    0),
	},
	.access = N_("any user: their own journal, and sending it to the "
	    "head (--send, recorded); another user's (--user), everyone's "
	    "(--all) and who sent theirs (--sent): a head of sales or an "
	    "administrator"),
	.run = cli_journal,
};

static const struct cli_option report_options[] = {
	{ .name = "period", .val = OPT_PERIOD,
	  .arg = "day|week|month|quarter|year|all|YYYY-MM|YYYY-Qn|YYYY",
	  .help = N_("the current one around today, or that month, quarter "
	    "or year (default the report's own: this week for activity, "
	    "this month for meeting, sales, audit, abc, plan and funnel, "
	    "all time for follow-up and key-clients, today for checklist "
	    "and visits, this year for forecast and dynamics)") },
	{ .name = "from", .val = OPT_FROM, .arg = "DATE",
	  .help = N_("move the start of the period") },
	{ .name = "to", .val = OPT_TO, .arg = "DATE",
	  .help = N_("move the end of the period") },
	{ .name = "date", .val = OPT_DATE, .arg = "DATE",
	  .help = N_("one day, instead of --period, --from and --to") },
	{ .name = "user", .val = OPT_USER, .arg = "LOGIN",
	  .help = N_("another manager's figures") },
	{ .name = "all", .val = OPT_ALL, .flags = CLI_OR,
	  .help = N_("the department's") },
	{ .name = "id", .val = OPT_ID, .arg = "EVENT|PROGRAM",
	  .help = N_("meeting: one meeting, by its event id; program: one "
	    "program, by its id or name (default the one started last)") },
	{ .name = "by", .val = OPT_BY,
	  .arg = "sum|count|units|services|group",
	  .help = N_("abc: rank by the sum of payments, their number, the "
	    "units of goods or the sum of services (default the team's "
	    "abc.by); sales: group, the payments by product group too") },
	{ .name = "months", .val = OPT_MONTHS, .arg = "N",
	  .help = N_("abc: rank over windows of N months (1 to 24; default "
	    "the team's abc.months) ending with the period's month; "
	    "dynamics: a buyer is lost after N months without a payment "
	    "(1 to 120, default 6)") },
	{ .name = "step", .val = OPT_STEP, .arg = "month|quarter",
	  .help = N_("dynamics: a row per month (default) or per quarter") },
	{ .name = "bottom", .val = OPT_BOTTOM,
	  .help = N_("abc: the bottom 20 %, the difficult clients, alone") },
	OUTPUT_OPTIONS,
	{ 0 }
};

const struct command command_report = {
	.name = "report",
	.operands = "NAME",
	.options = report_options,
	.summary = N_("the activity, meeting, follow-up, sales, audit, "
	    "key-clients, checklist, visits, abc, plan, funnel, forecast, "
	    "dynamics or program report (see REPORTS in salesorg(1))"),
	.acl = {
		.manager = CLI_REACH(ACL_READ | ACL_TAKE, 0, 0, 0),
		.head = CLI_REACH(ACL_READ | ACL_TAKE, ACL_READ | ACL_TAKE,
		    ACL_READ | ACL_TAKE, ACL_READ | ACL_TAKE),
		.admin = CLI_REACH(ACL_READ | ACL_TAKE, ACL_READ | ACL_TAKE,
		    ACL_READ | ACL_TAKE, ACL_READ | ACL_TAKE),
	},
	.access = N_("any user, reading only: their own figures and "
	    "meetings; another manager's (--user), the department's (--all) "
	    "and a colleague's or nobody's meeting (--id): a head of sales "
	    "or an administrator"),
	.run = cli_report,
};
