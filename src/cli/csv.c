/*
 * salesorg import csv|xlsx|xls ENTITY FILE [options]: the command line
 * of the table import (its options are in import's entry, src/cli/
 * ical.c); src/exchange/import.c does the work.
 * Here: the options, the summary on stdout, each row --skip-bad leaves
 * out on stderr, and a progress line while a big file is read with
 * stderr on a terminal (a 200 MB file takes a while, and a silent
 * terminal looks hung).  The line is redrawn at most four times a
 * second: more only costs time and flickers.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/util.h"
#include "cli/commands.h"
#include "cli/csv.h"
#include "exchange/import.h"
#include "store/entities.h"
#include "store/entity.h"

#define PROGRESS_MIN_BYTES	(1024 * 1024)
#define PROGRESS_EVERY_MS	250

struct report {
	int		 tty;		/* progress on stderr */
	int		 shown;		/* a progress line is on screen */
	long		 last;		/* mono_ms of the last line */
};

static void
clear_progress(struct report *r)
{
	if (r->shown)
		cli_progress(NULL);
	r->shown = 0;
}

static void
on_progress(void *arg, size_t rows, long long done, long long total)
{
	struct report *r = arg;
	char *line;

	if (!r->tty || total < PROGRESS_MIN_BYTES || done >= total ||
	    (r->shown && mono_ms() - r->last < PROGRESS_EVERY_MS))
		return;
	/* TRANSLATORS: the import's progress: rows read, how much of the
	 * file. */
	line = xasprintf(P_("%zu rows, %lld%%", "%zu rows, %lld%%", rows),
	    rows, done * 100 / total);
	cli_progress(line);
	free(line);
	r->last = mono_ms();
	r->shown = 1;
}

static void
on_skipped(void *arg, const struct so_err *why)
{
	struct report *r = arg;

	clear_progress(r);
	/* TRANSLATORS: after why a row was left out (--skip-bad). */
	cli_warn(_("%s (skipped)"), why->msg);
}

static void
on_repaired(void *arg, const struct so_err *what)
{
	struct report *r = arg;

	clear_progress(r);
	/* TRANSLATORS: after a line read with its bare quotes as text. */
	cli_warn(_("%s (repaired; --strict refuses such a file)"), what->msg);
}

static int
parse_sep(const char *v, char *sep)
{
	if (strcmp(v, ";") == 0 || strcmp(v, ",") == 0)
		*sep = *v;
	else if (strcmp(v, "tab") == 0 || strcmp(v, "\t") == 0 ||
	    strcmp(v, "\\t") == 0)
		*sep = '\t';
	else {
		cli_warn(_("import: --sep: ';', ',' or tab, not \"%s\""), v);
		return -1;
	}
	return 0;
}

static int
unknown_entity(const char *name)
{
	struct strbuf b = { 0 };
	int i;

	for (i = 0; entities[i]; i++)
		sb_printf(&b, "%s%s", i ? ", " : "", entities[i]->table);
	cli_warn(_("import: no card file \"%s\" (%s)"), name, sb_str(&b));
	sb_free(&b);
	return EXIT_USAGE;
}

/* Options into o (map: every --map joined), ENTITY and FILE into
 * args; -1 on a usage error, after saying what is wrong with a value
 * (the caller prints the usage). */
static int
parse_args(int argc, char **argv, struct import_opts *o, struct strbuf *map,
    const char **args)
{
	int c, enc, dup;

	while ((c = cli_getopt(&command_import, argv[0], argc, argv)) != -1) {
		switch (c) {
		case IMPORT_OPT_ENCODING:
			if ((enc = csv_encoding_parse(optarg)) < 0) {
				cli_warn(_("import: --encoding: utf-8, "
				    "cp1251 or utf-16, not \"%s\""), optarg);
				return -1;
			}
			o->encoding = (enum csv_encoding)enc;
			break;
		case IMPORT_OPT_SEP:
			if (parse_sep(optarg, &o->sep) != 0)
				return -1;
			break;
		case IMPORT_OPT_ON_DUPLICATE:
			if ((dup = import_dup_parse(optarg)) < 0) {
				cli_warn(_("import: --on-duplicate: skip, "
				    "update or add, not \"%s\""), optarg);
				return -1;
			}
			o->on_duplicate = (enum import_dup)dup;
			break;
		case IMPORT_OPT_SHEET:
			o->sheet = optarg;
			break;
		case IMPORT_OPT_MAP:
			sb_printf(map, "%s%s", map->len ? "," : "", optarg);
			break;
		case IMPORT_OPT_IGNORE_UNKNOWN:
			o->ignore_unknown = 1;
			break;
		case IMPORT_OPT_CREATE_MISSING:
			o->create_missing = 1;
			break;
		case IMPORT_OPT_SKIP_BAD:
			o->skip_bad = 1;
			break;
		case IMPORT_OPT_DRY_RUN:
			o->dry_run = 1;
			break;
		case IMPORT_OPT_STRICT:
			o->strict = 1;
			break;
		default:
			return -1;
		}
	}
	if (argc - optind != 2)
		return -1;
	args[0] = argv[optind];
	args[1] = argv[optind + 1];
	o->map = map->len ? map->s : NULL;
	return 0;
}

int
cli_import_table(struct cli *cli, int argc, char **argv)
{
	struct import_opts o = { 0 };
	struct import_stats st;
	struct so_err err = { 0 };
	struct strbuf map = { 0 };
	struct report r = { 0 };
	const struct entity *ent;
	const char *args[2];
	struct db *db;
	int rc, fmt = import_format_parse(argv[0]);

	if (fmt < 0 || parse_args(argc, argv, &o, &map, args) != 0) {
		sb_free(&map);
		return cli_usage("import");
	}
	if ((ent = entity_find(args[0])) == NULL) {
		sb_free(&map);
		return unknown_entity(args[0]);
	}
	if ((rc = cli_open(cli, 0, 0, &db)) != 0) {
		sb_free(&map);
		return rc;
	}
	r.tty = isatty(STDERR_FILENO);
	o.progress = on_progress;
	o.skipped = on_skipped;
	o.repaired = on_repaired;
	o.arg = &r;
	rc = import_file(db, ent, (enum import_format)fmt, args[1], NULL, &o,
	    &st, &err);
	clear_progress(&r);
	db_close(db);
	sb_free(&map);
	if (rc != SO_OK)
		return cli_fail(&err);
	/*
	 * The counts, a message each for a dry run and a real one; the
	 * card file by its table's name, as the command line gave it
	 * ("companies").
	 */
	if (st.created && o.dry_run)
		printf(_("companies to create: %zu"), st.created);
	else if (st.created)
		printf(_("companies created: %zu"), st.created);
	if (st.created)
		putchar('\n');
	if (st.groups && o.dry_run)
		printf(_("product groups to create: %zu\n"), st.groups);
	else if (st.groups)
		printf(_("product groups created: %zu\n"), st.groups);
	if (o.dry_run)
		/* TRANSLATORS: records of the card file %s ("companies",
		 * a name typed on the command line) and rows left out. */
		printf(P_("%zu %s would be imported (%zu skipped); dry run, "
		    "nothing written", "%zu %s would be imported (%zu "
		    "skipped); dry run, nothing written", st.imported),
		    st.imported, ent->table, st.skipped);
	else
		/* TRANSLATORS: records of the card file %s ("companies",
		 * a name typed on the command line) and rows left out. */
		printf(P_("%zu %s imported (%zu skipped)", "%zu %s imported "
		    "(%zu skipped)", st.imported), st.imported, ent->table,
		    st.skipped);
	putchar('\n');
	if (!(st.duplicates || st.updated || st.unchanged))
		return 0;
	if (o.dry_run)
		printf(_("duplicates of records already there: %zu would be "
		    "skipped, %zu would be updated, %zu unchanged"),
		    st.duplicates, st.updated, st.unchanged);
	else
		printf(_("duplicates of records already there: %zu skipped, "
		    "%zu updated, %zu unchanged"), st.duplicates, st.updated,
		    st.unchanged);
	putchar('\n');
	return 0;
}
