/*
 * `salesorg plan`: the department's targets (store/plan.h).
 *
 *	salesorg plan set anna 2026-12 1500000		payments, money
 *	salesorg plan set team 2026-Q4 4000000
 *	salesorg plan set anna 2026 120 --measure meetings
 *	salesorg plan list [--period 2026-Q4] [--user anna]
 *	salesorg plan delete anna 2026-12 [--measure payments]
 *
 * AMOUNT is money ("1 500 000,50" or "1500000.50") for payments and won,
 * a whole number for meetings and calls.  The list prints one line per
 * plan, columns split by tabs (period, whose, measure, amount), so a
 * script can cut it; the plan against its fact is salesorg report plan.
 * The store refuses anyone but a head of sales or an administrator a
 * set or a delete, and gives a manager their own plans only.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "store/entity.h"
#include "store/lookup.h"
#include "store/plan.h"

enum { OPT_MEASURE = 'm', OPT_PERIOD = 'p', OPT_USER = 'u' };

/* LOGIN or "team" to a user id (0 for the team). */
static int
whom(struct db *db, const char *name, int64_t *id, struct so_err *err)
{
	if (strcmp(name, "team") == 0) {
		*id = 0;
		return SO_OK;
	}
	return store_user_id(db, name, id, err);
}

/* The amount of a plan of measure m: money or a count. */
static int
amount_parse(enum plan_measure m, const char *text, int64_t *out)
{
	char *end;
	long long v;

	if (plan_measure_money(m))
		return money_parse(text, out) == 0 && *out >= 0 &&
		    *out != SO_NULL && *text != '\0';
	errno = 0;
	v = strtoll(text, &end, 10);
	if (*text == '\0' || *end != '\0' || errno != 0 || v < 0)
		return 0;
	*out = v;
	return 1;
}

/* The options set and delete share: --measure. */
static int
read_measure(const char *form, int argc, char **argv, enum plan_measure *m)
{
	int c, v;

	*m = PLAN_PAYMENTS;
	while ((c = cli_getopt(&command_plan, form, argc, argv)) != -1) {
		switch (c) {
		case OPT_MEASURE:
			if ((v = plan_measure_parse(optarg)) < 0) {
				cli_warn(_("plan: --measure: payments, won, "
				    "meetings or calls, not \"%s\""), optarg);
				return -1;
			}
			*m = (enum plan_measure)v;
			break;
		default:
			return -1;
		}
	}
	return 0;
}

static int
plan_set_cmd(struct cli *cli, int argc, char **argv)
{
	struct so_err err = { 0 };
	struct plan_period p;
	enum plan_measure m;
	struct db *db;
	int64_t uid, amount;
	int rc;

	if (read_measure("set", argc, argv, &m) != 0 || optind != argc - 3)
		return cli_usage("plan");
	if (plan_period_parse(argv[optind + 1], &p, &err) != SO_OK) {
		cli_fail(&err);
		return EXIT_USAGE;
	}
	if (!amount_parse(m, argv[optind + 2], &amount)) {
		if (plan_measure_money(m))
			cli_warn(_("plan: %s: a sum of money (1500000 or "
			    "1 500 000,50), not \"%s\""), "AMOUNT",
			    argv[optind + 2]);
		else
			cli_warn(_("plan: %s: a whole number, not \"%s\""),
			    "AMOUNT", argv[optind + 2]);
		return EXIT_USAGE;
	}
	if ((rc = cli_open(cli, 0, 0, &db)) != 0)
		return rc;
	if (whom(db, argv[optind], &uid, &err) != SO_OK ||
	    plan_set(db, uid, p.key, m, amount, &err) != SO_OK)
		rc = cli_fail(&err);
	db_close(db);
	return rc;
}

static int
plan_delete_cmd(struct cli *cli, int argc, char **argv)
{
	struct so_err err = { 0 };
	struct plan_period p;
	enum plan_measure m;
	struct db *db;
	int64_t uid;
	int rc;

	if (read_measure("delete", argc, argv, &m) != 0 ||
	    optind != argc - 2)
		return cli_usage("plan");
	if (plan_period_parse(argv[optind + 1], &p, &err) != SO_OK) {
		cli_fail(&err);
		return EXIT_USAGE;
	}
	if ((rc = cli_open(cli, 0, 0, &db)) != 0)
		return rc;
	if (whom(db, argv[optind], &uid, &err) != SO_OK ||
	    plan_delete(db, uid, p.key, m, &err) != SO_OK)
		rc = cli_fail(&err);
	db_close(db);
	return rc;
}

static int
plan_list_cmd(struct cli *cli, int argc, char **argv)
{
	struct so_err err = { 0 };
	struct plan_period p;
	struct plan_row *v;
	struct db *db;
	const char *period = NULL, *user = NULL;
	int64_t uid = PLAN_ANYONE;
	size_t n, i;
	char sum[48];
	int c, rc;

	while ((c = cli_getopt(&command_plan, "list", argc, argv)) != -1) {
		switch (c) {
		case OPT_PERIOD:
			period = optarg;
			break;
		case OPT_USER:
			user = optarg;
			break;
		default:
			return cli_usage("plan");
		}
	}
	if (optind != argc)
		return cli_usage("plan");
	if (period && plan_period_parse(period, &p, &err) != SO_OK) {
		cli_fail(&err);
		return EXIT_USAGE;
	}
	if ((rc = cli_open(cli, 0, CLI_READ, &db)) != 0)
		return rc;
	if ((user && whom(db, user, &uid, &err) != SO_OK) ||
	    plan_list(db, period ? p.key : NULL, uid, &v, &n, &err) !=
	    SO_OK) {
		rc = cli_fail(&err);
		db_close(db);
		return rc;
	}
	for (i = 0; i < n; i++) {
		if (plan_measure_money(v[i].measure))
			i18n_money(v[i].amount, 1, sum, sizeof(sum));
		else
			snprintf(sum, sizeof(sum), "%lld",
			    (long long)v[i].amount);
		printf("%s\t%s\t%s\t%s\n", v[i].period, v[i].user_id ?
		    v[i].login : "team", plan_measure_name(v[i].measure), sum);
	}
	if (n == 0)
		fprintf(stderr, "%s\n", _("no plans"));
	plan_rows_free(v, n);
	db_close(db);
	return 0;
}

static int
cli_plan(struct cli *cli, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "set") == 0)
		return plan_set_cmd(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "delete") == 0)
		return plan_delete_cmd(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return plan_list_cmd(cli, argc - 1, argv + 1);
	return cli_usage("plan");
}

/* ---- the entry (src/cli/commands.c lists it) ---- */

static const struct cli_form forms[] = {
	{ "set", NC_("usage", "LOGIN|team PERIOD AMOUNT") },
	{ "list", "" },
	{ "delete", NC_("usage", "LOGIN|team PERIOD") },
	{ NULL, NULL }
};

static const struct cli_option options[] = {
	{ .name = "measure", .val = OPT_MEASURE,
	  .arg = "payments|won|meetings|calls", .form = "set|delete",
	  .help = N_("what the plan counts: money received, the sum of deals "
	    "won, meetings held, calls made (default payments)") },
	{ .name = "period", .val = OPT_PERIOD,
	  .arg = NC_("usage", "PERIOD"), .form = "list",
	  .help = N_("the plans of one month (2026-12), quarter (2026-Q4) "
	    "or year (2026)") },
	{ .name = "user", .val = OPT_USER, .arg = NC_("usage", "LOGIN|team"),
	  .form = "list",
	  .help = N_("one manager's plans, or the team's") },
	{ 0 }
};

const struct command command_plan = {
	.name = "plan",
	.forms = forms,
	.options = options,
	.summary = N_("the department's plans: per manager and for the team, "
	    "per month, quarter or year"),
	.acl = {
		.manager = CLI_REACH(ACL_READ, 0, 0, 0),
		.head = CLI_REACH(ACL_READ | ACL_WRITE, ACL_READ | ACL_WRITE,
		    0, ACL_READ | ACL_WRITE),
		.admin = CLI_REACH(ACL_READ | ACL_WRITE, ACL_READ | ACL_WRITE,
		    0, ACL_READ | ACL_WRITE),
	},
	.access = N_("a manager lists their own plans; a head of sales or an "
	    "administrator lists, sets and deletes anyone's and the team's"),
	.run = cli_plan,
};
