/*
 * salesorg export ics [--from DATE] [--to DATE] [--user LOGIN]
 *     [--type CODE] [--no-tasks] [-o FILE]
 * salesorg import ics FILE
 *
 * iCalendar in and out (src/ical_*.c does the work).  FORMAT is a word
 * so that other formats join without changing the shape of the command:
 * "csv" (import) goes on to src/cli/csv.c, "vcard" to src/cli/vcard.c.  Dates are read like everywhere else (today, 23.11.2026, +1w);
 * --to includes the whole of its day.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/datetime.h"
#include "base/priv.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/csv.h"
#include "cli/vcard.h"
#include "exchange/ical.h"
#include "exchange/import.h"
#include "store/lookup.h"

static int
parse_day(const char *opt, const char *text, int days, int64_t *out)
{
	char ymd[11], msg[160];

	if (dt_parse_date(text, dt_now(), ymd, msg, sizeof(msg)) != 0) {
		fprintf(stderr, "salesorg: %s: %s\n", opt, msg);
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
	const char *from = NULL, *to = NULL, *user = NULL, *out = NULL, *v;
	struct db *db;
	size_t n;
	FILE *fp;
	int i, rc, missing = 0;

	if (argc < 2)
		return cli_usage("export");
	if (strcmp(argv[1], "vcard") == 0)
		return cli_export_vcard(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "ics") != 0) {
		fprintf(stderr, "salesorg: export: unknown format %s "
		    "(known: ics, vcard)\n", argv[1]);
		return EXIT_USAGE;
	}
	for (i = 2; i < argc; i++) {
		if ((v = cli_optval(argc, argv, &i, "--from", &missing)))
			from = v;
		else if ((v = cli_optval(argc, argv, &i, "--to", &missing)))
			to = v;
		else if ((v = cli_optval(argc, argv, &i, "--user", &missing)))
			user = v;
		else if ((v = cli_optval(argc, argv, &i, "--type", &missing)))
			f.type = v;
		else if ((v = cli_optval(argc, argv, &i, "-o", &missing)) ||
		    (v = cli_optval(argc, argv, &i, "--output", &missing)))
			out = v;
		else if (strcmp(argv[i], "--no-tasks") == 0)
			f.tasks = 0;
		else
			return cli_usage("export");
		if (missing)
			return cli_usage("export");
	}
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
	if (out)
		printf("%s: %zu events\n", out, n);
	return 0;
}

static int
cli_import(struct cli *cli, int argc, char **argv)
{
	struct so_err err = { 0 };
	struct ical_stats st;
	struct db *db;
	int rc;

	if (argc >= 2 && import_format_parse(argv[1]) > IMPORT_AUTO)
		return cli_import_table(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "vcard") == 0)
		return cli_import_vcard(cli, argc - 1, argv + 1);
	if (argc != 3)
		return cli_usage("import");
	if (strcmp(argv[1], "ics") != 0) {
		fprintf(stderr, "salesorg: import: unknown format %s "
		    "(known: csv, xlsx, xls, ics, vcard)\n", argv[1]);
		return EXIT_USAGE;
	}
	if ((rc = cli_open(cli, 0, 0, &db)) != 0)
		return rc;
	rc = ical_import(db, argv[2], &st, &err);
	db_close(db);
	if (rc != SO_OK)
		return cli_fail(&err);
	printf("%s: %zu created, %zu updated, %zu unchanged, %zu tasks\n",
	    argv[2], st.created, st.updated, st.unchanged, st.tasks);
	return 0;
}

/* ---- the entry (src/cli/commands.c lists it) ---- */

const struct command command_export = {
	.name = "export",
	.usage = "FORMAT [options]",
	.summary = "export events and tasks (ics: --from --to --user --type "
	    "--no-tasks -o) or contacts (vcard: --version 3.0|4.0 "
	    "--filter --saved -o)",
	.run = cli_export,
};

const struct command command_import = {
	.name = "import",
	.usage = "ics FILE | csv|xlsx|xls ENTITY FILE [options] | vcard FILE "
	    "[--skip-bad] [--dry-run]",
	.summary = "import events and tasks (ics, idempotent by UID), records "
	    "of a card file from CSV or an Excel workbook (--encoding "
	    "--sep --sheet --map --ignore-unknown --create-missing "
	    "--on-duplicate skip|update|add --skip-bad --dry-run) or "
	    "contacts (vcard, idempotent by UID); FILE may be a pipe or "
	    "/dev/stdin for csv, ics and vcard (read whole first, at "
	    "most 256 MiB), a workbook must be a file (no part over 256 "
	    "MiB uncompressed); a repeat rule that never produces a "
	    "date is refused",
	.run = cli_import,
};
