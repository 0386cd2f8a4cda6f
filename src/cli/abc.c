/*
 * `salesorg abc`: the ABC ranks by the 20/80 rule from a shell or cron.
 *
 *	salesorg abc			rank last month if not done yet (what
 *					the organizer does at start), print
 *					the latest ranked month
 *	salesorg abc --month 2026-10	rank that month afresh, print it
 *	salesorg abc --recompute	rank every month with payments afresh
 *
 * The line printed is the month's companies and sums per category,
 *
 *	2026-10: A 12 (1 234 567.00)  B 12 (...)  C 38 (...)
 *
 * with thousands grouped by spaces as Russian accountants write them
 * (i18n_money: the decimal comma in Russian).
 * The rule itself (ties, rounding) is in src/store/abc.c.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "store/entity.h"
#include "store/sales.h"

enum { OPT_MONTH = 'm', OPT_RECOMPUTE = 'r' };

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
	struct abc_month m;
	const char *month = NULL;
	int64_t ranked;
	struct db *db;
	char *rk;
	int c, rc, recompute = 0, months;

	while ((c = cli_getopt(&command_abc, NULL, argc, argv)) != -1) {
		switch (c) {
		case OPT_MONTH:
			month = optarg;
			break;
		case OPT_RECOMPUTE:
			recompute = 1;
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
