/*
 * salesorg export vcard and salesorg import vcard FILE: contacts out to
 * and in from address books (exchange/vcard.h does the work; the
 * options are in the entries of export and import, src/cli/ical.c).
 * The filter is the one `salesorg list contacts --filter` reads, a saved
 * filter and --filter both applying.  Export needs write access: a
 * contact without a UID is given one, stored, so that the file imported
 * back updates rather than duplicates.  Import prints one summary line;
 * each card --skip-bad leaves out goes to stderr.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/priv.h"
#include "base/util.h"
#include "cli/commands.h"
#include "cli/csv.h"
#include "cli/vcard.h"
#include "exchange/vcard.h"
#include "store/entities.h"
#include "store/filter.h"
#include "store/group.h"

const char *const cli_vcard_versions[] = { "3.0", "4.0", NULL };

int
cli_export_vcard(struct cli *cli, int argc, char **argv)
{
	struct list_query q = { .sort = -1 };
	struct so_err err = { 0 };
	const char *text = NULL, *saved = NULL, *out = NULL;
	struct filter *f = NULL;
	struct db *db;
	FILE *fp;
	size_t n;
	int c, rc, version = 30;

	while ((c = cli_getopt(&command_export, argv[0], argc, argv)) != -1) {
		switch (c) {
		case EXPORT_OPT_VERSION:
			if ((rc = cli_choice("export vcard", "version", optarg,
			    cli_vcard_versions)) < 0)
				return EXIT_USAGE;
			version = rc == 0 ? 30 : 40;
			break;
		case EXPORT_OPT_FILTER:
			text = optarg;
			break;
		case EXPORT_OPT_SAVED:
			saved = optarg;
			break;
		case EXPORT_OPT_OUTPUT:
			out = optarg;
			break;
		default:
			return cli_usage("export");
		}
	}
	if (optind != argc)
		return cli_usage("export");
	if ((rc = cli_open(cli, 0, 0, &db)) != 0)
		return rc;
	if ((rc = cli_filter(db, "export vcard", &entity_contact, saved, text,
	    &f)) != 0) {
		db_close(db);
		return rc;
	}
	q.filter = f;
	q.scan = f != NULL;
	if ((fp = out ? priv_fopen(out, "w") : stdout) == NULL) {
		so_err_set(&err, SO_ERR, "%s: %s", out, strerror(errno));
		filter_free(f);
		db_close(db);
		return cli_fail(&err);
	}
	rc = vcard_export(db, &q, version, fp, &n, &err);
	filter_free(f);
	db_close(db);
	if ((out ? fclose(fp) : fflush(fp)) != 0 && rc == SO_OK)
		rc = so_err_set(&err, SO_ERR, "%s: %s", out ? out : "stdout",
		    strerror(errno));
	if (rc != SO_OK)
		return cli_fail(&err);
	if (out) {
		/* TRANSLATORS: the file written and how many contacts it
		 * holds. */
		printf(P_("%s: %zu contacts", "%s: %zu contacts", n), out, n);
		putchar('\n');
	}
	return 0;
}

static void
on_skipped(void *arg, const struct so_err *why)
{
	(void)arg;
	cli_warn(_("%s (skipped)"), why->msg);
}

int
cli_import_vcard(struct cli *cli, int argc, char **argv)
{
	struct vcard_opts o = { .skipped = on_skipped };
	struct vcard_stats st;
	struct so_err err = { 0 };
	const char *path;
	struct db *db;
	int c, rc;

	while ((c = cli_getopt(&command_import, argv[0], argc, argv)) != -1) {
		if (c == IMPORT_OPT_SKIP_BAD)
			o.skip_bad = 1;
		else if (c == IMPORT_OPT_DRY_RUN)
			o.dry_run = 1;
		else
			return cli_usage("import");
	}
	if (argc - optind != 1)
		return cli_usage("import");
	path = argv[optind];
	if ((rc = cli_open(cli, 0, 0, &db)) != 0)
		return rc;
	rc = vcard_import(db, path, &o, &st, &err);
	db_close(db);
	if (rc != SO_OK)
		return cli_fail(&err);
	/* One message for each of a dry run or not, with or without cards
	 * left out. */
	if (st.skipped && o.dry_run)
		printf(_("%s: %zu created, %zu updated, %zu unchanged, %zu "
		    "companies created, %zu skipped; dry run, nothing "
		    "written"), path, st.created, st.updated, st.unchanged,
		    st.companies, st.skipped);
	else if (st.skipped)
		printf(_("%s: %zu created, %zu updated, %zu unchanged, %zu "
		    "companies created, %zu skipped"), path, st.created,
		    st.updated, st.unchanged, st.companies, st.skipped);
	else if (o.dry_run)
		printf(_("%s: %zu created, %zu updated, %zu unchanged, %zu "
		    "companies created; dry run, nothing written"), path,
		    st.created, st.updated, st.unchanged, st.companies);
	else
		printf(_("%s: %zu created, %zu updated, %zu unchanged, %zu "
		    "companies created"), path, st.created, st.updated,
		    st.unchanged, st.companies);
	putchar('\n');
	if (st.photos > 0) {
		/* TRANSLATORS: cards whose PHOTO was left out. */
		printf(P_("%zu photo not imported: a contact keeps no "
		    "picture", "%zu photos not imported: a contact keeps no "
		    "picture", st.photos), st.photos);
		putchar('\n');
	}
	return 0;
}
