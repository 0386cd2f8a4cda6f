/*
 * salesorg log: the audit log on the command line, newest first.
 *
 *	2026-11-23 09:14  bob  company #12 «ООО Ромашка»  Manager: Анна -> Борис
 *
 * Who may read what is the store's (audit_read): the history of one
 * record (--entity and --id) whoever may read the record -- its old
 * phones and notes are its details -- and a user's own actions (--user
 * with their own login).  The department-wide log, where a head of
 * sales follows every reassignment (--field manager) and every deletion
 * (--action delete), needs a head or an administrator.
 *
 * Everything printed from the database goes through cli_put_clean: a
 * company name must not drive the reader's terminal.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "store/acl.h"
#include "store/audit.h"
#include "store/entities.h"
#include "store/entity.h"
#include "store/lookup.h"
#include "store/record.h"

static const char *const actions[] = { "create", "update", "delete",
	"restore", NULL };

enum { OPT_USER = 'u', OPT_ENTITY = 'e', OPT_ID = 'i', OPT_SINCE = 's',
	OPT_ACTION = 'a', OPT_FIELD = 'f', OPT_LIMIT = 'n' };

static int
log_usage(void)
{
	return cli_usage("log");
}

static void
entity_names(struct strbuf *b)
{
	int i;

	for (i = 0; entities[i]; i++)
		sb_printf(b, "%s%s", i ? ", " : "", entities[i]->name);
}

/*
 * The columns --field names: in the given entity, or in every entity
 * where the name means something (manager: companies', contacts' and
 * deals' manager_id).  0 when it names nothing.
 */
static int
resolve_field(const struct entity *ent, const char *name,
    struct audit_filter *f)
{
	const char *col;
	int i, j, fi;

	for (i = 0; entities[i]; i++) {
		if (ent && entities[i] != ent)
			continue;
		if ((fi = entity_field_named(entities[i], name)) < 0)
			continue;
		col = entities[i]->fields[fi].name;
		for (j = 0; j < f->nfields; j++)
			if (strcmp(f->fields[j], col) == 0)
				break;
		if (j == f->nfields && f->nfields < AUDIT_MAX_FIELDS)
			f->fields[f->nfields++] = col;
	}
	return f->nfields > 0;
}

/* --since: a date (from its start) or a moment. */
static int
parse_since(const char *text, int64_t *out)
{
	char msg[128], ymd[11];
	time_t t;

	if (dt_parse_date(text, dt_now(), ymd, msg, sizeof(msg)) == 0 &&
	    strchr(text, ':') == NULL) {
		*out = dt_date_start(ymd, 0);
		return 0;
	}
	if (dt_parse_moment(text, dt_now(), &t, msg, sizeof(msg)) != 0) {
		cli_warn("log: --since: \"%s\": %s", text, msg);
		return -1;
	}
	*out = t;
	return 0;
}

/* One row: when, who, which record, what. */
static void
print_row(struct db *db, const struct audit_row *r)
{
	const struct entity *ent = entity_find(r->entity);
	char when[32], *title = NULL, *what;

	cli_moment((time_t)r->at, when, sizeof(when));
	printf("%s  ", when);
	cli_put_clean(stdout, r->login ? r->login : "-");
	printf("  ");
	cli_put_clean(stdout, r->entity);
	printf(" #%lld", (long long)r->record_id);
	if (ent && (title = store_lookup_title(db, ent, r->record_id)) !=
	    NULL && *title) {
		printf(" \u00ab");
		cli_put_clean(stdout, title);
		printf("\u00bb");
	}
	free(title);
	if (ent)
		what = audit_describe(db, ent, r);
	else if (r->field)
		/* TRANSLATORS: a field's value that was or is empty, in the
		 * log's "field: old -> new". */
		what = xasprintf("%s: %s -> %s", r->field, r->old_value ?
		    r->old_value : _("(empty)"), r->new_value ? r->new_value :
		    _("(empty)"));
	else
		what = xstrdup(r->action);
	printf("  ");
	cli_put_clean(stdout, what);
	putchar('\n');
	free(what);
}

static int
cli_log(struct cli *cli, int argc, char **argv)
{
	struct audit_filter f = { 0 };
	struct so_err err = { 0 };
	const struct entity *ent = NULL;
	struct audit_row *rows = NULL;
	struct db *db;
	const char *since = NULL, *field = NULL, *entity = NULL;
	char *end;
	long long v;
	size_t i, n = 0;
	int c, rc;

	while ((c = cli_getopt(&command_log, NULL, argc, argv)) != -1) {
		switch (c) {
		case OPT_USER:
			f.login = optarg;
			break;
		case OPT_ENTITY:
			entity = optarg;
			break;
		case OPT_ID:
		case OPT_LIMIT:
			v = strtoll(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || v < 1) {
				cli_warn(_("log: --%s: a positive number, not "
				    "\"%s\""), c == OPT_ID ? "id" : "limit",
				    optarg);
				return EXIT_USAGE;
			}
			if (c == OPT_ID)
				f.record_id = v;
			else
				f.limit = (size_t)v;
			break;
		case OPT_SINCE:
			since = optarg;
			break;
		case OPT_ACTION:
			if ((c = cli_choice("log", "action", optarg,
			    actions)) < 0)
				return EXIT_USAGE;
			f.action = actions[c];
			break;
		case OPT_FIELD:
			field = optarg;
			break;
		default:
			return log_usage();
		}
	}
	if (optind != argc)
		return log_usage();
	if (f.record_id && entity == NULL) {
		cli_warn("%s", _("log: --id: say which card file with "
		    "--entity"));
		return EXIT_USAGE;
	}
	if (since && parse_since(since, &f.since) != 0)
		return EXIT_USAGE;
	/* Read-write, so that the user logs in and has a role. */
	if ((rc = cli_open(cli, 0, 0, &db)) != 0)
		return rc;
	if (entity) {
		/* "company" or "companies"; other logged things ("user",
		 * "templates") by the name the log gives them. */
		ent = entity_find(entity);
		f.entity = ent ? ent->name : entity;
	}
	if (field && !resolve_field(ent, field, &f)) {
		if (ent)
			cli_warn(_("log: --field: %s have no field \"%s\""),
			    entity_plural(ent), field);
		else
			cli_warn(_("log: --field: no card file has a field "
			    "\"%s\""), field);
		rc = EXIT_USAGE;
		goto out;
	}
	if ((rc = audit_read(db, &f, &rows, &n, &err)) != SO_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	if (n == 0 && entity && ent == NULL) {
		struct strbuf b = { 0 };

		entity_names(&b);
		cli_warn(_("log: --entity: nothing logged for \"%s\" (card "
		    "files: %s)"), entity, sb_str(&b));
		sb_free(&b);
		rc = EXIT_USER;
		goto out;
	}
	for (i = 0; i < n; i++)
		print_row(db, &rows[i]);
	rc = 0;
out:
	audit_free(rows, n);
	db_close(db);
	return rc;
}

/* ---- the entry (src/cli/commands.c lists it) ---- */

static const struct cli_option options[] = {
	{ .name = "user", .val = OPT_USER, .arg = NC_("usage", "LOGIN"),
	  .help = N_("what LOGIN changed") },
	{ .name = "entity", .val = OPT_ENTITY, .arg = NC_("usage", "NAME"),
	  .help = N_("changes to one card file, by its name (company) or "
	    "table (companies)") },
	{ .name = "id", .val = OPT_ID, .arg = NC_("usage", "N"),
	  .help = N_("with --entity: the history of that record") },
	{ .name = "since", .val = OPT_SINCE,
	  .arg = NC_("usage", "DATE|MOMENT"),
	  .help = N_("changes from then on (a date from its start)") },
	{ .name = "action", .val = OPT_ACTION, .choices = actions,
	  .help = N_("one kind of change") },
	{ .name = "field", .val = OPT_FIELD, .arg = NC_("usage", "NAME"),
	  .help = N_("changes to one field, by column or English or Russian "
	    "label; without --entity, in every card file (--field manager: "
	    "every reassignment)") },
	{ .name = "limit", .val = OPT_LIMIT, .arg = NC_("usage", "N"),
	  .help = N_("at most N lines") },
	{ 0 }
};

const struct command command_log = {
	.name = "log",
	.operands = "",
	.options = options,
	.summary = N_("the audit log, newest first: who changed which field "
	    "of which record, when"),
	.acl = {
		.manager = CLI_REACH(ACL_READ, 0, 0, 0),
		.head = CLI_REACH(ACL_READ, ACL_READ, ACL_READ, ACL_READ),
		.admin = CLI_REACH(ACL_READ, ACL_READ, ACL_READ, ACL_READ),
	},
	.access = N_("any user reads their own actions (--user with their "
	    "own login) and the history (--entity and --id) of a record they "
	    "may read, a manager their own; the rest of the log: a head of "
	    "sales or an administrator"),
	.run = cli_log,
};
