/*
 * `salesorg abc`: the ABC ranks by the 20/80 rule from a shell or cron.
 *
 *	salesorg abc			rank last month if not done yet (what
 *					the organizer does at start), print
 *					the latest ranked month
 *	salesorg abc --month 2026-10	rank that month afresh, print it
 *	salesorg abc --recompute	rank every month with payments afresh
 *	salesorg abc --by count --months 3 [--month M] [--bottom]
 *					the ABC/VIP report (report.h)
 *					of the windows ending with M (last
 *					month by default), read only, as
 *					text, CSV, HTML or PDF
 *
 * The line printed is the month's companies and sums per category,
 *
 *	2026-10: A 12 (1 234 567.00)  B 12 (...)  C 38 (...)
 *
 * with thousands grouped by spaces as Russian accountants write them
 * (i18n_money: the decimal comma in Russian).
 * The rule itself (ties, rounding) is in src/store/abc.c.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "doc/doc.h"
#include "report/report.h"
#include "store/entity.h"
#include "store/report_abc.h"
#include "store/sales.h"

enum {
	OPT_MONTH = 'm', OPT_RECOMPUTE = 'r', OPT_BY = 256, OPT_MONTHS,
	OPT_BOTTOM, OPT_FORMAT, OPT_OUTPUT
};

/* What the report mode was asked for (any of these options is it). */
struct report_opts {
	int		 on;
	int		 by, months, parts, format;
	const char	*path;
};

/* "YYYY-MM" of the month before the one now falls in (local time). */
static void
last_month(time_t now, char out[8])
{
	struct tm tm;
	char ym[8];

	localtime_r(&now, &tm);
	snprintf(ym, sizeof(ym), "%04u-%02u", (unsigned)(tm.tm_year + 1900) %
	    10000, (unsigned)(tm.tm_mon + 1) % 100);
	abc_month_add(ym, -1, out);
}

/* The ABC/VIP report: ranked on the fly, nothing written. */
static int
report(struct cli *cli, const struct report_opts *o, const char *month)
{
	struct doc_layout lo = DOC_LAYOUT_DEFAULT;
	struct so_err err = { 0 };
	struct db *db;
	struct doc d;
	char m[8];
	int rc, code, fmt = o->format, pages = 0;

	if (fmt < 0 && o->path && (fmt = report_format_for_path(o->path,
	    &err)) < 0) {
		cli_fail(&err);
		return EXIT_USAGE;
	}
	if (fmt < 0)
		fmt = DOC_TEXT;
	if (fmt == DOC_PDF && o->path == NULL && isatty(STDOUT_FILENO)) {
		cli_warn(_("abc: PDF is binary: give -o FILE or a pipe"));
		return EXIT_USAGE;
	}
	if (fmt == DOC_XLSX && o->path == NULL) {
		cli_warn(_("%s: an .xlsx workbook is written to a file only: "
		    "give -o FILE"), "abc");
		return EXIT_USAGE;
	}
	if ((rc = cli_open(cli, 0, 0, &db)) != 0)
		return rc;
	if (month == NULL)
		last_month(db_now(db), m);
	else
		snprintf(m, sizeof(m), "%s", month);
	code = report_abc_doc(db, (enum abc_by)o->by, o->months, m, o->parts,
	    (int64_t)db_now(db), &d, &err);
	db_close(db);
	if (code != SO_OK)
		return cli_fail(&err);
	if (o->path)
		code = report_save(&d, fmt, &lo, o->path, &pages, &err);
	else if ((code = doc_write(&d, (enum doc_format)fmt, &lo, stdout,
	    &pages, &err)) == SO_OK && fflush(stdout) != 0)
		code = so_err_set(&err, SO_ERR, _("standard output: %s"),
		    strerror(errno));
	doc_free(&d);
	return code == SO_OK ? 0 : cli_fail(&err);
}

static void
print_month(const struct abc_month *m)
{
	char sum[48];
	int i;

	printf("%s:", m->month);
	for (i = 0; i < 3; i++) {
		i18n_money(m->sum[i], 1, sum, sizeof(sum));
		printf("%s%c %" PRId64 " (%s)", i ? "  " : " ", 'A' + i,
		    m->count[i], sum);
	}
	putchar('\n');
}

static int
cli_abc(struct cli *cli, int argc, char **argv)
{
	struct so_err err = { 0 };
	struct report_opts ro = { 0, ABC_BY_SUM, 1, ABC_DOC_ALL, -1, NULL };
	struct abc_month m;
	const char *month = NULL;
	int64_t ranked;
	struct db *db;
	char *rk, *end;
	long v;
	int c, rc, recompute = 0, months;

	while ((c = cli_getopt(&command_abc, NULL, argc, argv)) != -1) {
		switch (c) {
		case OPT_MONTH:
			month = optarg;
			break;
		case OPT_RECOMPUTE:
			recompute = 1;
			break;
		case OPT_BY:
			if ((ro.by = abc_by_parse(optarg)) < 0) {
				cli_warn(_("abc: --by: sum, count, units or "
				    "services, not \"%s\""), optarg);
				return EXIT_USAGE;
			}
			ro.on = 1;
			break;
		case OPT_MONTHS:
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || errno != 0 ||
			    v < 1 || v > 24) {
				cli_warn(_("abc: --months: a number from 1 to "
				    "24, not \"%s\""), optarg);
				return EXIT_USAGE;
			}
			ro.months = (int)v;
			ro.on = 1;
			break;
		case OPT_BOTTOM:
			ro.parts = ABC_DOC_BOTTOM;
			ro.on = 1;
			break;
		case OPT_FORMAT:
			if ((ro.format = doc_format_parse(optarg)) < 0) {
				cli_warn(_("%s: --format: text, csv, html, "
				    "pdf or xlsx, not \"%s\""), "abc", optarg);
				return EXIT_USAGE;
			}
			ro.on = 1;
			break;
		case OPT_OUTPUT:
			ro.path = optarg;
			ro.on = 1;
			break;
		default:
			return cli_usage("abc");
		}
	}
	if (optind != argc)
		return cli_usage("abc");
	/* A bad month is refused before the database is touched. */
	if (month && !abc_month_valid(month)) {
		cli_warn(_("abc: --month: \"%s\" is not a month (write it "
		    "as YYYY-MM, e.g. 2026-10)"), month);
		return EXIT_USAGE;
	}
	if (ro.on && recompute) {
		cli_warn(_("abc: --recompute writes the ranks; the report "
		    "options (--by, --months, --bottom, --format, -o) only "
		    "read"));
		return EXIT_USAGE;
	}
	if (ro.on)
		return report(cli, &ro, month);
	if ((rc = cli_open(cli, 0, 0, &db)) != 0)
		return rc;
	if (recompute) {
		if (abc_recompute(db, &months, &ranked, &err) != SO_OK)
			goto fail;
		/* TRANSLATORS: the second half of "recomputed 3 months, 120
		 * rankings" (a company's rank in a month). */
		rk = xasprintf(P_("%lld ranking", "%lld rankings", ranked),
		    (long long)ranked);
		/* TRANSLATORS: %s is "120 rankings", the message above. */
		printf(P_("recomputed %d month, %s", "recomputed %d months, "
		    "%s", months), months, rk);
		putchar('\n');
		free(rk);
	} else if (month) {
		if (abc_compute(db, month, &ranked, &err) != SO_OK)
			goto fail;
	} else if (abc_auto(db, NULL, &err) != SO_OK)
		goto fail;
	rc = abc_month_summary(db, month, &m, &err);
	if (rc == SO_ENOTFOUND && month) {
		printf(_("%s: no payments"), month);
		putchar('\n');
	} else if (rc == SO_ENOTFOUND)
		printf("%s\n", _("no month ranked yet: no payments"));
	else if (rc != SO_OK)
		goto fail;
	else
		print_month(&m);
	db_close(db);
	return 0;
fail:
	rc = cli_fail(&err);
	db_close(db);
	return rc;
}

/* ---- the entry (src/cli/commands.c lists it) ---- */

static const struct cli_option options[] = {
	{ .name = "month", .val = OPT_MONTH, .arg = NC_("usage", "YYYY-MM"),
	  .help = N_("rank that month afresh (the current one too) and "
	    "print it") },
	{ .name = "recompute", .val = OPT_RECOMPUTE,
	  .help = N_("rank every closed month with payments afresh") },
	{ .name = "by", .val = OPT_BY, .arg = "sum|count|units|services",
	  .help = N_("the report: rank by the sum of payments, their number, "
	    "the units of goods or the sum of services (default sum); "
	    "writes nothing") },
	{ .name = "months", .val = OPT_MONTHS, .arg = "N",
	  .help = N_("the report: rank over windows of N months (1 to 24, "
	    "default 1) ending with --month's or last month") },
	{ .name = "bottom", .val = OPT_BOTTOM,
	  .help = N_("the report: the bottom 20 %, the difficult clients, "
	    "alone") },
	{ .name = "format", .val = OPT_FORMAT, .arg = "text|csv|html|pdf",
	  .help = N_("the report's form (default text, or as -o's "
	    "extension says)") },
	{ .letter = 'o', .val = OPT_OUTPUT, .arg = "FILE",
	  .help = N_("write the report to FILE, whole or not at all") },
	{ 0 }
};

const struct command command_abc = {
	.name = "abc",
	.operands = "",
	.options = options,
	.summary = N_("rank paying companies A, B, C by the 20/80 rule; "
	    "print a month's figures"),
	.acl = {
		.manager = CLI_REACH(0, 0, 0, ACL_WRITE),
		.head = CLI_REACH(0, 0, 0, ACL_READ | ACL_WRITE),
		.admin = CLI_REACH(0, 0, 0, ACL_READ | ACL_WRITE),
	},
	.access = N_("any user: the ranks are computed from every payment, "
	    "whoever's, and written to each company's abc field and "
	    "history; the month's figures (the department's money by "
	    "rank) a head of sales or an administrator reads"),
	.run = cli_abc,
};
