/*
 * `salesorg list ENTITY`: a card file, filtered, for scripts and pipes.
 *
 *	salesorg list companies --filter 'city:казань category:VIP' \
 *	    --fields name,phone,manager --format csv
 *
 * Rows stream out page by page (keyset pages of the store), so a
 * 300 000-contact list runs in flat memory.  Text is aligned columns for
 * a person; csv (RFC 4180, formula-safe) and tsv (tabs and newlines in
 * values become spaces) carry a header of field names for a program.
 * Values are as the organizer shows them: labels of choices and
 * references, "YYYY-MM-DD HH:MM" moments, "1234.50" money.
 *
 * --excel makes the csv what Russian Excel opens with a double-click
 * (export.h): CP1251, ';', CRLF, a header of Russian field labels.  A
 * character CP1251 lacks stops the list with the record, field and
 * character named.  -o FILE writes a temporary file beside FILE and
 * renames it at the end, so a list that fails leaves FILE as it was;
 * on stdout the rows before the error are out already, and the message
 * says the output is incomplete.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "exchange/export.h"
#include "store/acl.h"
#include "store/entities.h"
#include "store/filter.h"
#include "store/group.h"
#include "store/record.h"

enum format { FMT_TEXT, FMT_CSV, FMT_TSV };
static const char *const formats[] = { "text", "csv", "tsv", NULL };

enum { OPT_FILTER = 'F', OPT_SAVED = 'S', OPT_FORMAT = 'f', OPT_EXCEL = 'x',
	OPT_FIELDS = 'k', OPT_SORT = 's', OPT_DESC = 'r', OPT_TRASH = 't',
	OPT_LIMIT = 'n', OPT_COUNT = 'c', OPT_OUTPUT = 'o' };

#define ID_COL	EXPORT_ID	/* the pseudo-field "id" in a column list */

/* Where the rows go, and how. */
struct sink {
	FILE		*f;
	enum format	 fmt;
	struct export_writer w;		/* FMT_CSV */
	int		 excel;		/* the csv is for Excel */
};

static int
list_usage(void)
{
	return cli_usage("list");
}

/* "companies", "Company", "компании"... -> the entity. */
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

static void
entity_names(struct strbuf *b)
{
	const struct entity *const *e;

	for (e = entities; *e; e++)
		sb_printf(b, "%s%s", e == entities ? "" : ", ", (*e)->table);
}

/* The field names of ent for a message. */
static void
field_names(struct strbuf *b, const struct entity *ent)
{
	int i;

	sb_add(b, "id");
	for (i = 0; i < ent->nfields; i++)
		if (!(ent->fields[i].flags & F_HIDDEN))
			sb_printf(b, ", %s", ent->fields[i].name);
}

/* Parses "a,b,c" into field indexes; manager for manager_id too. */
static int
parse_fields(const struct entity *ent, const char *spec, int **cols, int *n)
{
	char *copy = xstrdup(spec), *tok, *save = NULL;
	int fi;

	*cols = NULL;
	*n = 0;
	for (tok = strtok_r(copy, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save)) {
		tok += strspn(tok, " ");
		fi = strcmp(tok, "id") == 0 ? ID_COL :
		    entity_field_named(ent, tok);
		if (fi == -1 && strcmp(tok, "id") != 0) {
			struct strbuf b = { 0 };

			field_names(&b, ent);
			/* TRANSLATORS: the card file ("Companies"), the
			 * field typed, the field names there are. */
			cli_warn(_("list: --fields: %s have no field \"%s\" "
			    "(fields: %s)"), entity_plural(ent), tok,
			    sb_str(&b));
			sb_free(&b);
			free(copy);
			free(*cols);
			*cols = NULL;
			return -1;
		}
		*cols = xrealloc(*cols, (size_t)(*n + 1) * sizeof(**cols));
		(*cols)[(*n)++] = fi;
	}
	free(copy);
	if (*n == 0) {
		cli_warn("%s", _("list: --fields: no fields named"));
		return -1;
	}
	return 0;
}

/* The columns a list shows: id and the listed fields. */
static void
default_fields(const struct entity *ent, int **cols, int *n)
{
	int i;

	*cols = xmalloc((size_t)(ent->nfields + 1) * sizeof(**cols));
	*n = 0;
	(*cols)[(*n)++] = ID_COL;
	for (i = 0; i < ent->nfields; i++)
		if (ent->fields[i].width > 0)
			(*cols)[(*n)++] = i;
}

static const char *
col_name(const struct entity *ent, int c)
{
	return c == ID_COL ? "id" : ent->fields[c].name;
}

static int
col_width(const struct entity *ent, int c)
{
	if (c == ID_COL)
		return 7;
	return ent->fields[c].width > 0 ? ent->fields[c].width : 16;
}

/* Text for a person shows the language's words; TSV is for programs. */
static char *
col_value(const struct entity *ent, int c, const void *obj, int shown)
{
	if (c == ID_COL)
		return xasprintf("%lld", (long long)rec_meta((void *)obj)->id);
	return shown ? field_format_shown(ent, c, obj) :
	    field_format(ent, c, obj);
}

/* One text or tsv value; last: no padding, then the line's end. */
static void
put_value(FILE *f, enum format fmt, const char *v, int width, int first,
    int last)
{
	char *clean;
	size_t k;
	int w;

	if (!first)
		fputc(fmt == FMT_TSV ? '\t' : ' ', f);
	if (fmt == FMT_TSV) {
		export_tsv_field(f, v);
	} else {
		/* a person reads it: controls shown as ^X, cut to width */
		clean = utf8_sanitize(v);
		if (last) {
			fputs(clean, f);
		} else {
			k = utf8_fit(clean, width, &w);
			fwrite(clean, 1, k, f);
			for (; w < width; w++)
				fputc(' ', f);
		}
		free(clean);
	}
	if (last)
		fputc('\n', f);
}

/*
 * The header: field names for a program (csv, tsv), labels for a person
 * (text) and for Excel (its Russian labels, as a spreadsheet's own
 * header would be).
 */
static int
put_header(struct sink *o, const struct entity *ent, int *cols, int n,
    struct so_err *err)
{
	int i;

	if (o->fmt == FMT_CSV) {
		for (i = 0; i < n; i++)
			if ((o->excel ? export_writer_label(&o->w, ent,
			    cols[i], err) : export_writer_add(&o->w,
			    col_name(ent, cols[i]), 1, err)) != SO_OK)
				return err->code;
		return export_writer_end(&o->w, err);
	}
	for (i = 0; i < n; i++)
		put_value(o->f, o->fmt, o->fmt == FMT_TEXT && cols[i] !=
		    ID_COL ? field_label(ent, &ent->fields[cols[i]]) :
		    col_name(ent, cols[i]), col_width(ent, cols[i]), i == 0,
		    i == n - 1);
	return SO_OK;
}

/* One row of obj. */
static int
put_row(struct sink *o, const struct entity *ent, const void *obj,
    int *cols, int ncols, struct so_err *err)
{
	char *v;
	int c;

	if (o->fmt == FMT_CSV) {
		for (c = 0; c < ncols; c++)
			if (export_writer_value(&o->w, ent, cols[c], obj,
			    err) != SO_OK)
				return err->code;
		return export_writer_end(&o->w, err);
	}
	for (c = 0; c < ncols; c++) {
		v = col_value(ent, cols[c], obj, o->fmt == FMT_TEXT);
		put_value(o->f, o->fmt, v ? v : "", col_width(ent, cols[c]),
		    c == 0, c == ncols - 1);
		free(v);
	}
	return SO_OK;
}

/* Streams the rows of q; err says why it stopped. */
/* What print_rows's walk carries from row to row. */
struct printing {
	const struct entity	*ent;
	struct sink		*o;
	int			*cols, ncols;
	long			 limit;
	int64_t			*rows;
};

static int
print_one(void *arg, const void *rec, struct so_err *err)
{
	struct printing *p = arg;
	int code;

	if (p->limit > 0 && *p->rows >= p->limit)
		return REC_WALK_STOP;
	if ((code = put_row(p->o, p->ent, rec, p->cols, p->ncols, err)) !=
	    SO_OK)
		return code;
	(*p->rows)++;
	return SO_OK;
}

/* Every row q selects (at most limit, when above 0), through rec_walk. */
static int
print_rows(struct db *db, const struct entity *ent, struct list_query *q,
    struct sink *o, int *cols, int ncols, long limit, int64_t *rows,
    struct so_err *err)
{
	struct printing p = { ent, o, cols, ncols, limit, rows };

	*rows = 0;
	return rec_walk(db, ent, q, print_one, &p, err);
}

/*
 * Says why the list stopped: with -o, that FILE was left alone; on
 * stdout, that what came out is incomplete.  For a character Excel's
 * encoding lacks, the way out: UTF-8.
 */
static int
list_failed(const struct so_err *err, const struct sink *o,
    const char *path, int64_t rows)
{
	cli_warn("list: %s", err->msg);
	if (o->excel && err->code == SO_EINVAL)
		cli_warn("%s", _("list: export without --excel: UTF-8 csv "
		    "holds every character"));
	if (path)
		cli_warn(_("list: %s not written"), path);
	else
		cli_warn(P_("list: the output is incomplete: %lld rows before "
		    "the error", "list: the output is incomplete: %lld rows "
		    "before the error", rows), (long long)rows);
	return so_err_exit_status(err->code);
}

static int
cli_list(struct cli *cli, int argc, char **argv)
{
	const struct entity *ent;
	struct list_query q = { .sort = -1 };
	struct so_err err = { 0 };
	struct filter *f = NULL;
	struct sink o = { .f = stdout, .fmt = FMT_TEXT,
	    .w = { .cd = (iconv_t)-1 } };
	struct db *db;
	const char *text = NULL, *saved = NULL, *fields = NULL, *sort = NULL;
	const char *path = NULL;
	char *end, *tmp = NULL;
	int c, rc, *cols = NULL, ncols, count = 0, fmt_given = 0;
	long limit = 0;
	int64_t rows;

	while ((c = cli_getopt(&command_list, NULL, argc, argv)) != -1) {
		switch (c) {
		case OPT_FILTER:
			text = optarg;
			break;
		case OPT_SAVED:
			saved = optarg;
			break;
		case OPT_FIELDS:
			fields = optarg;
			break;
		case OPT_SORT:
			sort = optarg;
			break;
		case OPT_DESC:
			q.desc = 1;
			break;
		case OPT_TRASH:
			q.trash = 1;
			break;
		case OPT_COUNT:
			count = 1;
			break;
		case OPT_LIMIT:
			limit = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || limit < 1) {
				cli_warn(_("list: --limit: a positive number, "
				    "not \"%s\""), optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_FORMAT:
			if ((c = cli_choice("list", "format", optarg,
			    formats)) < 0)
				return EXIT_USAGE;
			o.fmt = (enum format)c;
			fmt_given = 1;
			break;
		case OPT_EXCEL:
			o.excel = 1;
			break;
		case OPT_OUTPUT:
			path = optarg;
			break;
		default:
			return list_usage();
		}
	}
	if (optind != argc - 1)
		return list_usage();
	/* --excel alone means csv for Excel; with text or tsv, a mistake */
	if (o.excel && fmt_given && o.fmt != FMT_CSV) {
		cli_warn(_("list: --excel is a kind of csv: use it with "
		    "--format csv, not %s"), formats[o.fmt]);
		return EXIT_USAGE;
	}
	if (o.excel)
		o.fmt = FMT_CSV;
	if (path && *path == '\0') {
		cli_warn("%s", _("list: -o: no file name"));
		return EXIT_USAGE;
	}
	if ((ent = find_entity(argv[optind])) == NULL) {
		struct strbuf b = { 0 };

		entity_names(&b);
		cli_warn(_("list: no card file \"%s\" (%s)"), argv[optind],
		    sb_str(&b));
		sb_free(&b);
		return EXIT_USAGE;
	}
	/* Open first: the database adds its custom fields to ent. */
	if ((rc = cli_open(cli, 0, 1, &db)) != 0)
		return rc;
	if (sort && (q.sort = entity_field(ent, sort)) < 0) {
		cli_warn(_("list: --sort: %s have no field \"%s\""),
		    entity_plural(ent), sort);
		rc = EXIT_USAGE;
		goto out;
	}
	if (sort && (ent->fields[q.sort].flags & F_CUSTOM)) {
		cli_warn(_("list: --sort: %s is a custom field; lists cannot "
		    "be sorted by one"), sort);
		rc = EXIT_USAGE;
		goto out;
	}
	if (fields ? parse_fields(ent, fields, &cols, &ncols) < 0 :
	    (default_fields(ent, &cols, &ncols), 0)) {
		rc = EXIT_USAGE;
		goto out;
	}
	if ((rc = cli_filter(db, "list", ent, saved, text, &f)) != 0)
		goto out;
	q.filter = f;
	q.scan = f != NULL;
	/* Rows on stdout or in a file leave the program: a manager's
	 * are their own (the organizer shows them every company). */
	q.mine = acl_export_owner(db);
	if (path && (o.f = export_file_open(path, &tmp, &err)) == NULL) {
		rc = cli_fail(&err);
		goto out;
	}
	if (o.fmt == FMT_CSV && export_writer_init(&o.w, o.f, o.excel ?
	    EXPORT_EXCEL : EXPORT_UTF8, &err) != SO_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	if (count) {
		if (rec_count(db, ent, &q, &rows, &err) != SO_OK)
			rc = cli_fail(&err);
		else
			fprintf(o.f, "%lld\n", (long long)rows);
		goto out;
	}
	rows = 0;
	if (put_header(&o, ent, cols, ncols, &err) != SO_OK ||
	    print_rows(db, ent, &q, &o, cols, ncols, limit, &rows,
	    &err) != SO_OK)
		rc = list_failed(&err, &o, path, rows);
out:
	if (o.fmt == FMT_CSV)
		export_writer_free(&o.w);
	filter_free(f);
	free(cols);
	db_close(db);
	if (tmp) {
		if (export_file_close(o.f, &tmp, path, rc == 0, &err) !=
		    SO_OK)
			rc = cli_fail(&err);
	} else if (fflush(stdout) != 0 && rc == 0) {
		perror(_("salesorg: list: writing"));
		rc = EXIT_USER;
	}
	return rc;
}

/* ---- the entry (src/cli/commands.c lists it) ---- */

static const struct cli_option options[] = {
	{ .name = "filter", .val = OPT_FILTER, .arg = NC_("usage", "EXPR"),
	  .help = N_("the records EXPR matches (see FILTERS in "
	    "salesorg(1))") },
	{ .name = "saved", .val = OPT_SAVED, .arg = NC_("usage", "NAME"),
	  .help = N_("the records a filter saved in the organizer matches; "
	    "with --filter, both must match") },
	{ .name = "format", .val = OPT_FORMAT, .choices = formats,
	  .help = N_("aligned columns (text, the default), or csv or tsv "
	    "with a header of field names") },
	{ .name = "excel", .val = OPT_EXCEL,
	  .help = N_("csv as Russian Excel opens it: CP1251, ';', CRLF, "
	    "Russian labels (alone, it means --format csv)") },
	{ .name = "fields", .val = OPT_FIELDS, .arg = "a,b,c",
	  .help = N_("these columns (default the id and the list's "
	    "columns)") },
	{ .name = "sort", .val = OPT_SORT, .arg = NC_("usage", "FIELD"),
	  .help = N_("sort by FIELD (not a custom field)") },
	{ .name = "desc", .val = OPT_DESC,
	  .help = N_("in descending order") },
	{ .name = "trash", .val = OPT_TRASH,
	  .help = N_("the records in the trash") },
	{ .name = "limit", .val = OPT_LIMIT, .arg = NC_("usage", "N"),
	  .help = N_("at most N records") },
	{ .name = "count", .val = OPT_COUNT,
	  .help = N_("print only the number of matching records") },
	{ .name = "output", .letter = 'o', .val = OPT_OUTPUT,
	  .arg = NC_("usage", "FILE"),
	  .help = N_("write to FILE, whole or not at all, not standard "
	    "output") },
	{ 0 }
};

const struct command command_list = {
	.name = "list",
	.operands = NC_("usage", "ENTITY"),
	.options = options,
	.summary = N_("print a card file, filtered (see FILTERS in "
	    "salesorg(1))"),
	.acl = {
		.manager = CLI_REACH(ACL_READ | ACL_TAKE, 0, 0, 0),
		.head = CLI_REACH(ACL_READ | ACL_TAKE, ACL_READ | ACL_TAKE,
		    ACL_READ | ACL_TAKE, 0),
		.admin = CLI_REACH(ACL_READ | ACL_TAKE, ACL_READ | ACL_TAKE,
		    ACL_READ | ACL_TAKE, 0),
	},
	.access = N_("any user, reading only; a manager gets only their "
	    "own records (the organizer shows them everyone's companies), a "
	    "head of sales or an administrator everyone's"),
	.run = cli_list,
};
