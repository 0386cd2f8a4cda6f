/*
 * `salesorg pivot`: a pivot table of a card file (store/pivot.h) as
 * text, CSV, HTML or PDF (report/pivot.c lays it out).
 *
 *	salesorg pivot payments --rows manager --cols month \
 *	    --measure sum:amount --from -12m --to today
 *	salesorg pivot companies --rows category,manager --cols city
 *	salesorg pivot companies --rows category --cols status \
 *	    --on 2026-06-30			(as the audit log says it was)
 *	salesorg pivot ... --save NAME		(and print it)
 *	salesorg pivot --run NAME [--format F] [-o FILE]
 *	salesorg pivot --list | --delete NAME
 *
 * The options of a spec given with --run replace the saved ones for
 * this run (--from, --to, --on, --filter...), so a saved pivot can be
 * looked at for another period without saving it again.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "doc/doc.h"
#include "report/report.h"
#include "store/entities.h"
#include "store/filter.h"
#include "store/pivot.h"

enum {
	OPT_ROWS = 256, OPT_COLS, OPT_MEASURE, OPT_FILTER, OPT_FROM, OPT_TO,
	OPT_ON, OPT_DATE, OPT_FORMAT, OPT_OUTPUT, OPT_SAVE, OPT_RUN,
	OPT_LIST, OPT_DELETE
};

static const char *const formats[] = { "text", "csv", "html", "pdf", "xlsx",
    NULL };

static const struct entity *
find_entity(const char *name)
{
	const struct entity *const *e;

	for (e = entities; *e; e++)
		if (strcasecmp((*e)->name, name) == 0 ||
		    strcasecmp((*e)->table, name) == 0 ||
		    strcasecmp((*e)->plural, name) == 0)
			return *e;
	return NULL;
}

/* One field of a --list line: the team's typing, shown clean. */
static void
put_field(int first, const char *s)
{
	if (!first)
		putchar('\t');
	cli_put_clean(stdout, s ? s : "");
}

static int
list_saved(struct db *db)
{
	struct pivot_saved *v;
	struct strbuf b = { 0 };
	struct so_err err = { 0 };
	size_t n, i;
	int k;

	if (pivot_list(db, &v, &n, &err) != SO_OK)
		return cli_fail(&err);
	for (i = 0; i < n; i++) {
		const struct pivot_spec *s = &v[i].spec;

		put_field(1, v[i].name);
		put_field(0, s->entity);
		sb_reset(&b);
		for (k = 0; k < s->nrows; k++)
			sb_printf(&b, "%s%s", k ? "," : "", s->rows[k]);
		put_field(0, sb_str(&b));
		put_field(0, s->period != PIVOT_NONE ?
		    pivot_period_name(s->period) : s->cols);
		sb_reset(&b);
		if (s->measure == PIVOT_COUNT)
			sb_add(&b, "count");
		else
			sb_printf(&b, "%s:%s", s->measure == PIVOT_SUM ?
			    "sum" : "avg", s->measure_field);
		put_field(0, sb_str(&b));
		put_field(0, v[i].author);
		putchar('\n');
	}
	sb_free(&b);
	pivot_saved_free(v, n);
	return 0;
}

static int
cli_pivot(struct cli *cli, int argc, char **argv)
{
	struct doc_layout lo = DOC_LAYOUT_DEFAULT;
	struct so_err err = { 0 };
	struct pivot_spec s = { 0 }, o = { 0 };
	struct pivot_saved saved = { 0 };
	struct pivot_result *r = NULL;
	const struct entity *ent = NULL;
	const char *path = NULL, *save = NULL, *run = NULL, *del = NULL;
	const char *rows = NULL, *measure = NULL, *cols = NULL;
	struct filter *f = NULL;
	struct db *db = NULL;
	struct doc d;
	char *rowbuf = NULL;
	int c, p, rc, code, fmt = -1, list = 0, pages = 0, have_doc = 0;

	while ((c = cli_getopt(&command_pivot, NULL, argc, argv)) != -1) {
		switch (c) {
		case OPT_ROWS:
			rows = optarg;
			break;
		case OPT_COLS:
			cols = optarg;
			break;
		case OPT_MEASURE:
			measure = optarg;
			break;
		case OPT_FILTER:
			o.filter = optarg;
			break;
		case OPT_FROM:
			o.from = optarg;
			break;
		case OPT_TO:
			o.to = optarg;
			break;
		case OPT_ON:
			o.on = optarg;
			break;
		case OPT_DATE:
			o.date_field = optarg;
			break;
		case OPT_FORMAT:
			if ((fmt = cli_choice("pivot", "format", optarg,
			    formats)) < 0)
				return EXIT_USAGE;
			break;
		case OPT_OUTPUT:
			path = optarg;
			break;
		case OPT_SAVE:
			save = optarg;
			break;
		case OPT_RUN:
			run = optarg;
			break;
		case OPT_LIST:
			list = 1;
			break;
		case OPT_DELETE:
			del = optarg;
			break;
		default:
			return cli_usage("pivot");
		}
	}
	if (list || del) {
		if (optind != argc || run || save || rows)
			return cli_usage("pivot");
		if ((rc = cli_open(cli, 0, del ? 0 : CLI_READ, &db)) != 0)
			return rc;
		if (list)
			rc = list_saved(db);
		else if (pivot_delete(db, del, &err) != SO_OK)
			rc = cli_fail(&err);
		else
			rc = 0;
		db_close(db);
		return rc;
	}
	if (run ? optind != argc : optind != argc - 1)
		return cli_usage("pivot");
	if (!run && (ent = find_entity(argv[optind])) == NULL) {
		cli_warn(_("pivot: no card file \"%s\""), argv[optind]);
		return EXIT_USAGE;
	}
	if (!run && (rows == NULL || cols == NULL)) {
		cli_warn(_("pivot: --rows and --cols are needed"));
		return EXIT_USAGE;
	}
	if (fmt < 0 && path && (fmt = report_format_for_path(path,
	    &err)) < 0) {
		cli_fail(&err);
		return EXIT_USAGE;
	}
	if (fmt < 0)
		fmt = DOC_TEXT;
	if (fmt == DOC_PDF && path == NULL && isatty(STDOUT_FILENO)) {
		cli_warn(_("pivot: PDF is binary: give -o FILE or a pipe"));
		return EXIT_USAGE;
	}
	if (fmt == DOC_XLSX && path == NULL) {
		cli_warn(_("pivot: an .xlsx workbook is written to a file "
		    "only: give -o FILE"));
		return EXIT_USAGE;
	}
	/* a pivot is as wide as its columns: text is not cut into pages
	 * of 80 columns (a table too wide for them would be written a
	 * record at a time) */
	lo.width = 0;
	lo.page_length = 0;
	if ((rc = cli_open(cli, 0, save ? 0 : CLI_READ, &db)) != 0)
		return rc;
	if (run) {
		if (pivot_load(db, run, &saved, &err) != SO_OK)
			goto fail;
		s = saved.spec;
		if ((ent = find_entity(s.entity)) == NULL) {
			so_err_set(&err, SO_EINVAL, _("no card file \"%s\""),
			    s.entity);
			goto fail;
		}
	}
	s.entity = ent->name;
	if (rows) {
		rowbuf = xstrdup(rows);
		if (pivot_rows_parse(rowbuf, &s, &err) != SO_OK)
			goto usage;
	}
	if (cols) {
		if ((p = pivot_period_parse(cols)) > 0) {
			s.period = (enum pivot_period)p;
			s.cols = NULL;
		} else {
			s.period = PIVOT_NONE;
			s.cols = cols;
		}
	}
	if (measure && pivot_measure_parse(measure, &s, &err) != SO_OK)
		goto usage;
	if (o.filter)
		s.filter = o.filter;
	if (o.from)
		s.from = o.from;
	if (o.to)
		s.to = o.to;
	if (o.on)
		s.on = o.on;
	if (o.date_field)
		s.date_field = o.date_field;
	/* a filter's mistake shown with a '~' under it */
	if ((rc = cli_filter(db, "pivot", ent, NULL, s.filter, &f)) != 0)
		goto out;
	filter_free(f);
	if ((code = pivot_run(db, &s, db_now(db), &r, &err)) != SO_OK) {
		if (code == SO_EINVAL)
			goto usage;
		goto fail;
	}
	if (save && pivot_save(db, save, &s, &err) != SO_OK)
		goto fail;
	if (report_pivot_doc(db, &s, r, &d, &err) != SO_OK)
		goto fail;
	have_doc = 1;
	if (path)
		code = report_save(&d, fmt, &lo, path, &pages, &err);
	else if ((code = doc_write(&d, (enum doc_format)fmt, &lo, stdout,
	    &pages, &err)) == SO_OK && fflush(stdout) != 0)
		code = so_err_set(&err, SO_ERR, _("standard output: %s"),
		    strerror(errno));
	if (code != SO_OK)
		goto fail;
	rc = 0;
	goto out;
usage:
	cli_warn("pivot: %s", err.msg);
	rc = EXIT_USAGE;
	goto out;
fail:
	rc = cli_fail(&err);
out:
	if (have_doc)
		doc_free(&d);
	pivot_result_free(r);
	pivot_saved_clear(&saved);
	free(rowbuf);
	db_close(db);
	return rc;
}

/* ---- the entry (src/cli/commands.c lists it) ---- */

static const struct cli_option options[] = {
	{ .name = "rows", .val = OPT_ROWS, .arg = NC_("usage", "FIELD[,FIELD]"),
	  .help = N_("the row fields, outer first (REF.FIELD through a "
	    "link: company.category); a subtotal per outer group") },
	{ .name = "cols", .val = OPT_COLS,
	  .arg = NC_("usage", "FIELD|day|week|month|quarter|year"),
	  .help = N_("a field's values across, or a column per period of "
	    "the date (every period from --from to --to, empty or not)") },
	{ .name = "measure", .val = OPT_MEASURE,
	  .arg = "count|sum:FIELD|avg:FIELD",
	  .help = N_("what a cell holds (default count)") },
	{ .name = "filter", .val = OPT_FILTER, .arg = NC_("usage", "EXPR"),
	  .help = N_("only the records the filter matches (see FILTERS)") },
	{ .name = "from", .val = OPT_FROM, .arg = NC_("usage", "DATE"),
	  .help = N_("only records dated from DATE on (the date axis)") },
	{ .name = "to", .val = OPT_TO, .arg = NC_("usage", "DATE"),
	  .help = N_("only records dated up to DATE") },
	{ .name = "on", .val = OPT_ON, .arg = NC_("usage", "DATE"),
	  .help = N_("as it was at the end of DATE, from the audit log: "
	    "the records of that day, their row and column values of then") },
	{ .name = "date", .val = OPT_DATE, .arg = NC_("usage", "FIELD"),
	  .help = N_("the date axis instead of the card file's own date") },
	{ .name = "format", .val = OPT_FORMAT, .choices = formats,
	  .help = N_("the table's form (default text, or as -o's extension "
	    "says)") },
	{ .letter = 'o', .val = OPT_OUTPUT, .arg = "FILE",
	  .help = N_("write the table to FILE, whole or not at all") },
	{ .name = "save", .val = OPT_SAVE, .arg = NC_("usage", "NAME"),
	  .help = N_("save the pivot under NAME for the team, and print it") },
	{ .name = "run", .val = OPT_RUN, .arg = NC_("usage", "NAME"),
	  .help = N_("run a saved pivot (options given change it for this "
	    "run)") },
	{ .name = "list", .val = OPT_LIST,
	  .help = N_("list the saved pivots") },
	{ .name = "delete", .val = OPT_DELETE, .arg = NC_("usage", "NAME"),
	  .help = N_("delete a saved pivot (its author, a head or an "
	    "admin)") },
	{ 0 }
};

const struct command command_pivot = {
	.name = "pivot",
	.operands = NC_("usage", "[ENTITY]"),
	.options = options,
	.summary = N_("a pivot table of a card file: counts, sums or "
	    "averages by rows and columns or periods, with totals"),
	.acl = {
		.manager = CLI_REACH(ACL_READ | ACL_TAKE, 0, 0, ACL_WRITE),
		.head = CLI_REACH(ACL_READ | ACL_TAKE, ACL_READ | ACL_TAKE,
		    ACL_READ | ACL_TAKE, ACL_WRITE),
		.admin = CLI_REACH(ACL_READ | ACL_TAKE, ACL_READ | ACL_TAKE,
		    ACL_READ | ACL_TAKE, ACL_WRITE),
	},
	.access = N_("any user, reading only, and saving pivots for the "
	    "team; a manager's pivot counts only their own records, a head "
	    "of sales' or an administrator's everyone's; a saved pivot is "
	    "replaced or deleted by its author, a head or an administrator"),
	.run = cli_pivot,
};
