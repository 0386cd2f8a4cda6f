/*
 * `salesorg search QUERY`: the global search from the shell, for a
 * script or a quick look without opening the organizer.  Same engine,
 * same order as the search screen (store/search.h): a heading per card
 * file, then "#id  title  detail" lines; or CSV/TSV rows kind,id,title,
 * detail for a pipe.  Several arguments are one query ("search ООО
 * ромаш"), as if typed with spaces between them.
 *
 * What a role gets is the store's rule (store/acl.h): the text names
 * every record found, with the details of those the user may read and
 * whose the others are; CSV and TSV rows are bulk output and hold only
 * what the user may take away (a manager: their own records).
 *
 * Exit status 1 with "nothing found" makes `salesorg search X && ...`
 * work like grep.  The file is opened read-only: a search never writes.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "exchange/export.h"
#include "store/search.h"

enum { OPT_LIMIT = 'n', OPT_FORMAT = 'f' };

#define DEFAULT_LIMIT	10
#define MAX_LIMIT	100000

enum format { FMT_TEXT, FMT_CSV, FMT_TSV };
static const char *const formats[] = { "text", "csv", "tsv", NULL };

static void
print_text(FILE *f, const struct search_result *r)
{
	const struct search_group *g;
	size_t i, j;

	for (i = 0; i < r->ngroups; i++) {
		g = &r->groups[i];
		if (i > 0)
			putc('\n', f);
		if (g->n == g->total && !g->more)
			fprintf(f, "%s (%zu)\n", entity_plural(g->ent), g->n);
		else
			/* TRANSLATORS: a card file's heading: "Companies (10
			 * of 25)", "+" after 25 when there are more. */
			fprintf(f, _("%s (%zu of %zu%s)\n"),
			    entity_plural(g->ent), g->n, g->total, g->more ?
			    "+" : "");
		for (j = g->first; j < g->first + g->n; j++) {
			fprintf(f, "  #%lld  ", (long long)r->hits[j].id);
			cli_put_clean(f, r->hits[j].title);
			if (*r->hits[j].detail) {
				fputs("  ", f);
				cli_put_clean(f, r->hits[j].detail);
			}
			putc('\n', f);
		}
	}
}

static void
print_rows(FILE *f, const struct search_result *r, enum format fmt)
{
	const char *sep = fmt == FMT_CSV ? "," : "\t";
	const char *eol = fmt == FMT_CSV ? "\r\n" : "\n";
	size_t i;

	fprintf(f, "kind%sid%stitle%sdetail%s", sep, sep, sep, eol);
	for (i = 0; i < r->n; i++) {
		const struct search_hit *h = &r->hits[i];

		fprintf(f, "%s%s%lld%s", h->ent->name, sep, (long long)h->id,
		    sep);
		if (fmt == FMT_CSV) {
			export_csv_field(f, h->title);
			fputs(sep, f);
			export_csv_field(f, h->detail);
		} else {
			export_tsv_field(f, h->title);
			fputs(sep, f);
			export_tsv_field(f, h->detail);
		}
		fputs(eol, f);
	}
}

static int
parse_limit(const char *s, size_t *limit)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || n < 1 || n > MAX_LIMIT) {
		cli_warn(_("search: --limit: a number from 1 to %d, not "
		    "\"%s\""), MAX_LIMIT, s);
		return -1;
	}
	*limit = (size_t)n;
	return 0;
}

/* The arguments after the options, joined by spaces. */
static char *
join_args(int argc, char **argv)
{
	struct strbuf b = { 0 };
	int i;

	sb_add(&b, "");
	for (i = 0; i < argc; i++) {
		if (i > 0)
			sb_addc(&b, ' ');
		sb_add(&b, argv[i]);
	}
	return sb_steal(&b);
}

static int
cli_search(struct cli *cli, int argc, char **argv)
{
	struct so_err err = { 0 };
	struct search_result r;
	struct db *db;
	enum format fmt = FMT_TEXT;
	size_t limit = DEFAULT_LIMIT;
	char *query;
	int c, rc;

	/* Options may come among the words of the query (cli_getopt
	 * permutes). */
	while ((c = cli_getopt(&command_search, NULL, argc, argv)) != -1) {
		switch (c) {
		case OPT_LIMIT:
			if (parse_limit(optarg, &limit) != 0)
				return EXIT_USAGE;
			break;
		case OPT_FORMAT:
			if ((c = cli_choice("search", "format", optarg,
			    formats)) < 0)
				return EXIT_USAGE;
			fmt = (enum format)c;
			break;
		default:
			return cli_usage("search");
		}
	}
	if (optind >= argc)
		return cli_usage("search");
	if ((rc = cli_open(cli, 0, 1, &db)) != 0)
		return rc;
	query = join_args(argc - optind, argv + optind);
	/* Rows for a file or a pipe are taking, the screen's text is
	 * seeing: store/search.h. */
	rc = search_run_for(db, query, limit, fmt == FMT_TEXT ? SEARCH_SEE :
	    SEARCH_TAKE, &r, &err);
	free(query);
	db_close(db);
	if (rc != SO_OK)
		return cli_fail(&err);
	if (r.n == 0)
		fprintf(stderr, "%s\n", _("nothing found"));
	else if (fmt == FMT_TEXT)
		print_text(stdout, &r);
	else
		print_rows(stdout, &r, fmt);
	rc = r.n > 0 ? 0 : EXIT_USER;
	search_result_free(&r);
	return rc;
}

/* ---- the entry (src/cli/commands.c lists it) ---- */

static const struct cli_option options[] = {
	{ .name = "limit", .val = OPT_LIMIT, .arg = NC_("usage", "N"),
	  .help = N_("at most N hits per card file, the best first "
	    "(default 10)") },
	{ .name = "format", .val = OPT_FORMAT, .choices = formats,
	  .help = N_("a heading per card file and #id lines (text, the "
	    "default), or a row per hit: kind, id, title, detail") },
	{ 0 }
};

const struct command command_search = {
	.name = "search",
	.operands = NC_("usage", "WORD..."),
	.options = options,
	.summary = N_("find records in every card file by word "
	    "beginnings"),
	.acl = {
		.manager = CLI_REACH(ACL_READ | ACL_TAKE, ACL_TITLE, ACL_TITLE,
		    0),
		.head = CLI_REACH(ACL_READ | ACL_TAKE, ACL_READ | ACL_TAKE,
		    ACL_READ | ACL_TAKE, 0),
		.admin = CLI_REACH(ACL_READ | ACL_TAKE, ACL_READ | ACL_TAKE,
		    ACL_READ | ACL_TAKE, 0),
	},
	.access = N_("any user, reading only: every record's title, "
	    "whoever's (so nobody adds a client twice); the text shows a "
	    "manager the details of their own records only and whose the "
	    "others are, and CSV or TSV, bulk output, holds only their own "
	    "(head, admin: everything)"),
	.run = cli_search,
};
