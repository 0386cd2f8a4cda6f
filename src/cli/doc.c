/*
 * `salesorg doc`: a document filled from a template for a record or a
 * selection of records.
 *
 *	salesorg doc contract.odt --company 12 -o contract-12.odt --pdf
 *	salesorg doc invoice.docx --filter 'stage:won' --entity deal -o out/
 *
 * The template is an .odt or a .docx with the placeholders of mail
 * templates (exchange/docfill.h); the document is written in the same
 * format, one file for one record, one file per record in a directory
 * for a selection, each named after its record.  Each document written
 * is logged on its record as a note "Document: FILE" (docfill_record,
 * as the organizer's p makes one), in a transaction of its own right
 * after the file is there, so a run that stops half-way has logged
 * exactly the documents it made.
 *
 * --pdf converts each through LibreOffice (docfill_pdf); that it is
 * installed is checked before anything is written.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/priv.h"
#include "base/utf8.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "exchange/docfill.h"
#include "store/acl.h"
#include "store/entities.h"
#include "store/filter.h"
#include "store/record.h"

#define PDF_TIMEOUT	(120L * 1000)	/* ms, one document */

enum {
	OPT_COMPANY = 'C', OPT_CONTACT = 'P', OPT_DEAL = 'D',
	OPT_FILTER = 'F', OPT_SAVED = 'S', OPT_ENTITY = 'e', OPT_OUT = 'o',
	OPT_PDF = 'p'
};

static const char *const doc_entities[] = { "company", "contact", "deal",
    NULL };

struct run {
	struct db		*db;
	const char		*tpl, *out, *ext;
	const struct entity	*ent;
	int			 pdf, dir;
	char			**names;	/* file names used so far */
	size_t			 nnames;
	size_t			 written;
};

/* Was name used by an earlier record of the run?  Without regard to
 * case: "Альфа" and "АЛЬФА" are one file on a Windows share, a FAT
 * stick or a Mac's disk. */
static int
used(const struct run *x, const char *name)
{
	char *f = utf8_fold(name);
	size_t i;

	for (i = 0; i < x->nnames; i++)
		if (strcmp(x->names[i], f) == 0)
			break;
	free(f);
	return i < x->nnames;
}

/* name, or name-ID when an earlier record of the run had it, (and
 * name-ID-ID when a record is called name-ID) (docfill_job's name). */
static char *
unique(void *arg, char *name, int64_t id)
{
	struct run *x = arg;
	char *u;

	while (used(x, name)) {
		u = xasprintf("%s-%lld", name, (long long)id);
		free(name);
		name = u;
	}
	x->names = xrealloc(x->names, (x->nnames + 1) * sizeof(*x->names));
	x->names[x->nnames++] = utf8_fold(name);
	return name;
}

static void
put_path(const char *path)
{
	cli_put_clean(stdout, path);
	putchar('\n');
}

/* The document for record id, its PDF, and the note. */
static int
one(struct run *x, int64_t id)
{
	struct docfill_job job = { .tpl = x->tpl, .out = x->out,
	    .dir = x->dir, .pdf = x->pdf, .timeout_ms = PDF_TIMEOUT,
	    .name = unique, .arg = x };
	struct so_err err = { 0 };
	char *path, *pdf;

	if (docfill_record(x->db, x->ent, id, &job, &path, &pdf, &err) !=
	    SO_OK)
		return cli_fail(&err);
	put_path(path);
	if (pdf)
		put_path(pdf);
	free(path);
	free(pdf);
	x->written++;
	return 0;
}

struct ids {
	int64_t		*v;
	size_t		 n;
};

static int
collect(void *arg, const void *rec, struct so_err *err)
{
	struct ids *ids = arg;
	const struct rec_meta *m = rec;

	(void)err;
	ids->v = xrealloc(ids->v, (ids->n + 1) * sizeof(*ids->v));
	ids->v[ids->n++] = m->id;
	return SO_OK;
}

/* Every record of the selection, then a document for each. */
static int
selection(struct run *x, const char *saved, const char *text)
{
	struct list_query q = { .sort = -1 };
	struct so_err err = { 0 };
	struct filter *f = NULL;
	struct ids ids = { 0 };
	char *clean;
	size_t i;
	int rc;

	if ((rc = cli_filter(x->db, "doc", x->ent, saved, text, &f)) != 0)
		return rc;
	q.filter = f;
	q.scan = f != NULL;
	/* a manager's selection is of their own records */
	q.mine = acl_export_owner(x->db);
	rc = rec_walk(x->db, x->ent, &q, collect, &ids, &err) != SO_OK ?
	    cli_fail(&err) : 0;
	filter_free(f);
	for (i = 0; i < ids.n && rc == 0; i++)
		rc = one(x, ids.v[i]);
	free(ids.v);
	if (rc == 0) {
		clean = utf8_sanitize(x->out);
		/* TRANSLATORS: documents written, the directory. */
		printf(P_("%zu document written to %s", "%zu documents "
		    "written to %s", x->written), x->written, clean);
		putchar('\n');
		free(clean);
	}
	return rc;
}

static int
parse_id(const char *opt, const char *arg, int64_t *id)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || v < 1 || errno != 0) {
		cli_warn(_("doc: --%s: a record number, not \"%s\""), opt,
		    arg);
		return -1;
	}
	*id = v;
	return 0;
}

/* Is path a directory (or meant as one: it ends with a slash)? */
static int
is_dir(const char *path)
{
	struct stat sb;
	size_t n = strlen(path);

	return (n > 0 && path[n - 1] == '/') || (stat(path, &sb) == 0 &&
	    S_ISDIR(sb.st_mode));
}

static int
cli_doc(struct cli *cli, int argc, char **argv)
{
	struct run x = { 0 };
	const char *saved = NULL, *text = NULL, *entname = NULL;
	const struct entity *one_ent = NULL;
	int64_t id = 0;
	char *out = NULL, *trimmed;
	size_t i, n;
	int c, rc, fmt, k;

	while ((c = cli_getopt(&command_doc, NULL, argc, argv)) != -1) {
		switch (c) {
		case OPT_COMPANY:
		case OPT_CONTACT:
		case OPT_DEAL:
			if (one_ent != NULL) {
				cli_warn("%s", _("doc: one of --company, "
				    "--contact and --deal"));
				return EXIT_USAGE;
			}
			one_ent = c == OPT_COMPANY ? &entity_company : c ==
			    OPT_CONTACT ? &entity_contact : &entity_deal;
			if (parse_id(one_ent->name, optarg, &id) < 0)
				return EXIT_USAGE;
			break;
		case OPT_FILTER:
			text = optarg;
			break;
		case OPT_SAVED:
			saved = optarg;
			break;
		case OPT_ENTITY:
			if ((k = cli_choice("doc", "entity", optarg,
			    doc_entities)) < 0)
				return EXIT_USAGE;
			entname = doc_entities[k];
			break;
		case OPT_OUT:
			x.out = optarg;
			break;
		case OPT_PDF:
			x.pdf = 1;
			break;
		default:
			return cli_usage("doc");
		}
	}
	if (optind != argc - 1 || x.out == NULL || *x.out == '\0' ||
	    (one_ent == NULL) == (text == NULL && saved == NULL) ||
	    (one_ent != NULL && entname != NULL))
		return cli_usage("doc");
	x.tpl = argv[optind];
	if ((fmt = docfill_format_of(x.tpl)) < 0) {
		cli_warn(_("doc: %s: a template is an .odt or a .docx file"),
		    x.tpl);
		return EXIT_USER;
	}
	x.ext = fmt == DOCFILL_ODT ? ".odt" : ".docx";
	if (access(x.tpl, R_OK) != 0) {
		cli_warn("doc: %s: %s", x.tpl, strerror(errno));
		return EXIT_USER;
	}
	x.ent = one_ent ? one_ent : entname ? entity_find(entname) :
	    &entity_company;
	x.dir = one_ent == NULL || is_dir(x.out);
	if (!x.dir && docfill_format_of(x.out) != fmt) {
		cli_warn(_("doc: %s: the document is a %s file, as its "
		    "template"), x.out, x.ext);
		return EXIT_USAGE;
	}
	if (x.pdf && !docfill_has_soffice()) {
		cli_warn("doc: %s", _("LibreOffice is not installed: install "
		    "libreoffice-writer-nogui to make PDFs"));
		return EXIT_USER;
	}
	if (x.dir) {
		/* DIR/ and DIR the same, for the names printed */
		trimmed = xstrdup(x.out);
		for (n = strlen(trimmed); n > 1 && trimmed[n - 1] == '/'; n--)
			trimmed[n - 1] = '\0';
		out = trimmed;
		x.out = out;
		priv_user_begin();
		rc = mkdir(x.out, 0777) < 0 && errno != EEXIST ? errno : 0;
		priv_user_end();
		if (rc != 0) {
			cli_warn("doc: %s: %s", x.out, strerror(rc));
			free(out);
			return EXIT_USER;
		}
	}
	/* read-write: the note on each record */
	if ((rc = cli_open(cli, 0, 0, &x.db)) != 0) {
		free(out);
		return rc;
	}
	rc = one_ent ? one(&x, id) : selection(&x, saved, text);
	db_close(x.db);
	for (i = 0; i < x.nnames; i++)
		free(x.names[i]);
	free(x.names);
	free(out);
	if (fflush(stdout) != 0 && rc == 0) {
		perror(_("salesorg: doc: writing"));
		rc = EXIT_USER;
	}
	return rc;
}

static const struct cli_option doc_options[] = {
	{ .name = "company", .val = OPT_COMPANY, .arg = NC_("usage", "ID"),
	  .flags = CLI_NEEDED,
	  .help = N_("fill the template for company ID") },
	{ .name = "contact", .val = OPT_CONTACT, .arg = NC_("usage", "ID"),
	  .flags = CLI_OR,
	  .help = N_("fill it for contact ID (and the contact's company)") },
	{ .name = "deal", .val = OPT_DEAL, .arg = NC_("usage", "ID"),
	  .flags = CLI_OR,
	  .help = N_("fill it for deal ID (its company, contact and "
	    "lines)") },
	{ .name = "filter", .val = OPT_FILTER, .arg = NC_("usage", "EXPR"),
	  .flags = CLI_OR,
	  .help = N_("one document for each record EXPR matches (see "
	    "FILTERS in salesorg(1))") },
	{ .name = "saved", .val = OPT_SAVED, .arg = NC_("usage", "NAME"),
	  .help = N_("the records a filter saved in the organizer matches; "
	    "with --filter, both must match") },
	{ .name = "entity", .val = OPT_ENTITY, .choices = doc_entities,
	  .help = N_("what --filter selects (default company)") },
	{ .name = "output", .letter = 'o', .val = OPT_OUT,
	  .arg = NC_("usage", "PATH"), .flags = CLI_NEEDED,
	  .help = N_("the file to write, or the directory to write each "
	    "record's document in") },
	{ .name = "pdf", .val = OPT_PDF,
	  .help = N_("convert each document to PDF beside it, through "
	    "LibreOffice") },
	{ 0 }
};

const struct command command_doc = {
	.name = "doc",
	.operands = NC_("usage", "TEMPLATE"),
	.options = doc_options,
	.summary = N_("fill an .odt or .docx template for a company, contact "
	    "or deal, or a selection (a document per record, logged as a "
	    "note)"),
	.acl = {
		.manager = CLI_REACH(ACL_TAKE | ACL_WRITE, 0, 0, 0),
		.head = CLI_REACH(ACL_TAKE | ACL_WRITE, ACL_TAKE | ACL_WRITE,
		    ACL_TAKE | ACL_WRITE, 0),
		.admin = CLI_REACH(ACL_TAKE | ACL_WRITE, ACL_TAKE | ACL_WRITE,
		    ACL_TAKE | ACL_WRITE, 0),
	},
	.access = N_("any user for the records they may read: a manager "
	    "their own, a head of sales or an administrator everyone's; each "
	    "document is logged on its record as a note, a write"),
	.run = cli_doc,
};
