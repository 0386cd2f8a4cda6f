/*
 * Pivot tables; see include/store/pivot.h.
 *
 * A pivot is two queries.  The source is one SELECT over the entity's
 * table "t" (LEFT JOINed to the tables its REF.FIELD fields reach,
 * "l0", "l1"...) giving per live record its id, a text key per row
 * level, a column key and the measured value; every value a person
 * typed is bound (the filter's from ?10 on, ours ?1..?9), the rest of
 * the SQL is names from the descriptors.  The aggregate groups the
 * source by its keys; C then sorts the groups by their labels, fills
 * the periods nobody had, and walks them once for the lines, the
 * subtotals (a control break) and the totals.  A drill-down selects
 * the ids of the same source under the cell's keys, so it returns
 * exactly what the cell counted.
 *
 * Keys are text everywhere ('' for no value): a reference's id, a
 * choice's code, a date, a number as SQLite writes it; the audit log
 * keeps old values in the same raw form (record.c's audit_value), so a
 * snapshot's value and a current one compare alike.  Labels are found
 * once per distinct key, not per record.
 *
 * What could go wrong: a period's key written two ways (the SQL and
 * period_key below must agree: the unit test compares both on every
 * period), and a date range the planner cannot use (the range is on the
 * column itself, never on an expression, when the axis is a column:
 * payments_paid_on serves a year of payments; test_pivot.c checks the
 * plan).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/custom.h"
#include "store/filter.h"
#include "store/pivot.h"
#include "store/product.h"

/* Our parameters (the filter's begin at FILTER_BASE). */
#define P_FROM		1
#define P_TO		2
#define P_ON		3
#define P_OWNER		4
#define P_KEY		5	/* 5..8 drill keys, 9 the column key */
#define P_COL		9

/* A period key or a day, with room for what sscanf could read. */
#define KEYSZ		40

/* The periods as a column heading names them. */
static const char *const period_labels[] = {
	[PIVOT_NONE] = "", [PIVOT_DAY] = N_("Day"), [PIVOT_WEEK] =
	    N_("Week (from Monday)"), [PIVOT_MONTH] = N_("Month"),
	[PIVOT_QUARTER] = N_("Quarter"), [PIVOT_YEAR] = N_("Year"),
};

static const char *const period_names[] = {
	[PIVOT_NONE] = "", [PIVOT_DAY] = "day", [PIVOT_WEEK] = "week",
	[PIVOT_MONTH] = "month", [PIVOT_QUARTER] = "quarter",
	[PIVOT_YEAR] = "year",
};

int
pivot_period_parse(const char *s)
{
	size_t i;

	if (s == NULL || *s == '\0')
		return PIVOT_NONE;
	for (i = 1; i < sizeof(period_names) / sizeof(*period_names); i++)
		if (strcmp(s, period_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
pivot_period_name(enum pivot_period p)
{
	return period_names[p];
}

int
pivot_measure_parse(const char *text, struct pivot_spec *spec,
    struct so_err *err)
{
	if (strcmp(text, "count") == 0) {
		spec->measure = PIVOT_COUNT;
		spec->measure_field = NULL;
		return SO_OK;
	}
	if (strncmp(text, "sum:", 4) == 0 && text[4] != '\0') {
		spec->measure = PIVOT_SUM;
		spec->measure_field = text + 4;
		return SO_OK;
	}
	if (strncmp(text, "avg:", 4) == 0 && text[4] != '\0') {
		spec->measure = PIVOT_AVG;
		spec->measure_field = text + 4;
		return SO_OK;
	}
	return so_err_set(err, SO_EINVAL, _("measure \"%s\": count, "
	    "sum:FIELD or avg:FIELD"), text);
}

int
pivot_rows_parse(char *buf, struct pivot_spec *spec, struct so_err *err)
{
	char *p, *save = NULL;

	spec->nrows = 0;
	for (p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",",
	    &save)) {
		if (spec->nrows == PIVOT_MAXLEVELS)
			return so_err_set(err, SO_EINVAL, _("rows: at most "
			    "%d fields"), PIVOT_MAXLEVELS);
		spec->rows[spec->nrows++] = p;
	}
	if (spec->nrows == 0)
		return so_err_set(err, SO_EINVAL, _("rows: name a field"));
	return SO_OK;
}

/* ---- dates and periods, in C (the SQL below writes the same keys) ---- */

/* The key of the period holding ymd ("YYYY-MM-DD") into out (11). */
static void
period_key(enum pivot_period p, const char *ymd, char out[KEYSZ])
{
	int y, m, d;
	int64_t z;

	sscanf(ymd, "%d-%d-%d", &y, &m, &d);
	switch (p) {
	case PIVOT_WEEK:
		z = dt_days_from_civil(y, m, d);
		/* 1970-01-01 was a Thursday: Monday is 0 at z + 3 */
		z -= ((z + 3) % 7 + 7) % 7;
		dt_civil_from_days(z, &y, &m, &d);
		snprintf(out, KEYSZ, "%04d-%02d-%02d", y, m, d);
		break;
	case PIVOT_MONTH:
		snprintf(out, KEYSZ, "%04d-%02d", y, m);
		break;
	case PIVOT_QUARTER:
		snprintf(out, KEYSZ, "%04d-Q%d", y, (m + 2) / 3);
		break;
	case PIVOT_YEAR:
		snprintf(out, KEYSZ, "%04d", y);
		break;
	default:
		snprintf(out, KEYSZ, "%04d-%02d-%02d", y, m, d);
		break;
	}
}

/* The first day of the period after the one starting at ymd. */
static void
period_next(enum pivot_period p, const char *ymd, char out[KEYSZ])
{
	int y, m, d;

	sscanf(ymd, "%d-%d-%d", &y, &m, &d);
	switch (p) {
	case PIVOT_WEEK:
	case PIVOT_DAY:
		dt_civil_from_days(dt_days_from_civil(y, m, d) +
		    (p == PIVOT_WEEK ? 7 : 1), &y, &m, &d);
		break;
	case PIVOT_MONTH:
	case PIVOT_QUARTER:
		m += p == PIVOT_MONTH ? 1 : 3;
		if (m > 12) {
			m -= 12;
			y++;
		}
		break;
	default:
		y++;
		break;
	}
	snprintf(out, KEYSZ, "%04d-%02d-%02d", y, m, d);
}

/* The first day of the period holding ymd. */
static void
period_start(enum pivot_period p, const char *ymd, char out[KEYSZ])
{
	int y, m, d;

	if (p == PIVOT_DAY || p == PIVOT_WEEK) {
		period_key(p, ymd, out);
		return;
	}
	sscanf(ymd, "%d-%d-%d", &y, &m, &d);
	if (p == PIVOT_YEAR)
		m = 1;
	else if (p == PIVOT_QUARTER)
		m = (m - 1) / 3 * 3 + 1;
	snprintf(out, KEYSZ, "%04d-%02d-01", y, m);
}

/* The SQL of the key of the period holding date text d. */
static void
period_sql(enum pivot_period p, const char *d, struct strbuf *b)
{
	switch (p) {
	case PIVOT_WEEK:
		sb_printf(b, "date(%s, '-' || ((CAST(strftime('%%w', %s) "
		    "AS INTEGER) + 6) %% 7) || ' days')", d, d);
		break;
	case PIVOT_MONTH:
		sb_printf(b, "substr(%s, 1, 7)", d);
		break;
	case PIVOT_QUARTER:
		sb_printf(b, "substr(%s, 1, 5) || 'Q' || ((CAST(substr(%s, "
		    "6, 2) AS INTEGER) + 2) / 3)", d, d);
		break;
	case PIVOT_YEAR:
		sb_printf(b, "substr(%s, 1, 4)", d);
		break;
	default:
		sb_add(b, d);
		break;
	}
}

/* ---- fields ---- */

/* A field as the SQL reads it. */
struct pfield {
	const struct entity *ent;	/* whose field */
	const struct field_desc *fd;	/* NULL: the responsible user */
	enum field_type	 type;
	char		*value;		/* its value over its alias */
	char		*id;		/* the id of the record holding it */
	char		*label;
	int		 split;		/* the product group (gs) */
};

/* The source being built: the joins its fields need. */
struct source {
	struct db	*db;
	const struct entity *ent;
	struct strbuf	 joins;
	int		 njoins;
	char		*join_refs[8];	/* "company_id" by alias number */
	int		 split;		/* joined to the split, gs */
};

/*
 * The stored split over product groups of ent's records (product.h:
 * a payment's amount over its deal's groups, a deal's over its lines'),
 * as the table and its column naming the record; NULL when ent has
 * none.  Joined, a record is a row per group it has a share in (one at
 * least, "no group"), and its amount is its share.
 */
static const char *
split_table(const struct entity *ent, const char **idcol)
{
	if (strcmp(ent->name, "payment") == 0) {
		*idcol = "payment_id";
		return "payment_group_shares";
	}
	if (strcmp(ent->name, "deal") == 0) {
		*idcol = "deal_id";
		return "deal_group_shares";
	}
	return NULL;
}

static void
pfield_clear(struct pfield *f)
{
	free(f->value);
	free(f->id);
	free(f->label);
	memset(f, 0, sizeof(*f));
}

static const struct entity *
entity_of_table(const char *table)
{
	const struct entity *const *e;

	for (e = entity_all(); *e; e++)
		if (strcmp((*e)->table, table) == 0)
			return *e;
	return NULL;
}

/* SQL text literal of a name of ours (field names, entity names). */
static void
sql_literal(struct strbuf *b, const char *s)
{
	sb_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sb_addc(b, '\'');
		sb_addc(b, *s);
	}
	sb_addc(b, '\'');
}

/* The alias of the join through base field ref (adding it once). */
static int
source_join(struct source *s, const struct field_desc *ref)
{
	int i;

	for (i = 0; i < s->njoins; i++)
		if (strcmp(s->join_refs[i], ref->name) == 0)
			return i;
	if (s->njoins == (int)(sizeof(s->join_refs) / sizeof(*s->join_refs)))
		return -1;
	s->join_refs[s->njoins] = (char *)ref->name;
	sb_printf(&s->joins, " LEFT JOIN %s l%d ON l%d.id = t.%s",
	    ref->ref_table, s->njoins, s->njoins, ref->name);
	return s->njoins++;
}

static void
fd_value(const struct entity *ent, const struct field_desc *fd,
    const char *alias, struct strbuf *b)
{
	if (fd->flags & F_CUSTOM)
		sb_printf(b, "(SELECT v.value FROM custom_values v WHERE "
		    "v.field_id = %" PRId64 " AND v.record_id = %s.id)",
		    custom_field_id(ent, fd), alias);
	else
		sb_printf(b, "%s.%s", alias, fd->name);
}

/*
 * Resolves name ("category", "company.category", "manager") on s->ent
 * into f.  what names the option for the message ("rows").
 */
static int
field_resolve(struct source *s, const char *name, const char *what,
    struct pfield *f, struct so_err *err)
{
	const struct entity *ent = s->ent, *to;
	const struct field_desc *ref;
	struct strbuf b = { 0 };
	const char *dot = strchr(name, '.'), *table, *idcol;
	char alias[24], *head;
	int fi, j;

	memset(f, 0, sizeof(*f));
	snprintf(alias, sizeof(alias), "t");
	if (dot) {
		head = xstrdup(name);
		head[dot - name] = '\0';
		fi = entity_field_named(ent, head);
		free(head);
		if (fi < 0 || ent->fields[fi].type != FT_REF ||
		    (to = entity_of_table(ent->fields[fi].ref_table)) ==
		    NULL)
			return so_err_field(err, SO_EINVAL, what,
			    _("%s: \"%.*s\" is not a link of %s"), what,
			    (int)(dot - name), name,
			    entity_plural(ent));
		ref = &ent->fields[fi];
		if ((j = source_join(s, ref)) < 0)
			return so_err_field(err, SO_EINVAL, what,
			    _("%s: too many links"), what);
		snprintf(alias, sizeof(alias), "l%d", j);
		ent = to;
		name = dot + 1;
	}
	fi = entity_field_named(ent, name);
	if (fi < 0 && strcmp(alias, "t") == 0 &&
	    (strcmp(name, "group") == 0 || strcmp(name, "группа") == 0) &&
	    (table = split_table(ent, &idcol)) != NULL) {
		/* The product group: the stored split, joined once.  Not
		 * the views on a file a read found not yet upgraded: joined,
		 * they are computed whole per record. */
		if (db_schema_version(s->db) < SPLIT_SCHEMA)
			return so_err_field(err, SO_EINVAL, what, _("%s: "
			    "%s: the file is not yet upgraded to keep the "
			    "product groups' split; any change made with this "
			    "salesorg upgrades it"), what, name);
		if (!s->split)
			sb_printf(&s->joins, " JOIN %s gs ON gs.%s = t.id",
			    table, idcol);
		s->split = 1;
		f->ent = ent;
		f->type = FT_REF;
		f->split = 1;
		f->value = xstrdup("gs.group_id");
		f->label = xstrdup(C_("pivot", "Product group"));
		return SO_OK;
	}
	if (fi < 0 && strcmp(alias, "t") == 0 &&
	    (strcmp(name, "manager") == 0 ||
	    strcmp(name, "менеджер") == 0)) {
		/* The responsible user of a card file without a manager of
		 * its own: its deal's, contact's or company's. */
		f->ent = ent;
		f->type = FT_REF;
		acl_owner_sql(ent, "t", &b);
		f->value = sb_steal(&b);
		f->label = xstrdup(C_("pivot", "Manager"));
		return SO_OK;
	}
	if (fi < 0)
		return so_err_field(err, SO_EINVAL, what, _("%s: %s have no "
		    "field \"%s\""), what, entity_plural(ent), name);
	f->ent = ent;
	f->fd = &ent->fields[fi];
	f->type = f->fd->type;
	fd_value(ent, f->fd, alias, &b);
	f->value = sb_steal(&b);
	f->id = xasprintf("%s.id", alias);
	if (ent != s->ent)
		f->label = xasprintf("%s: %s", entity_label(ent),
		    field_label(ent, f->fd));
	else
		f->label = xstrdup(field_label(ent, f->fd));
	return SO_OK;
}

/* The key of f as text ('' for none), as it was at ?P_ON with on set. */
static void
key_sql(const struct pfield *f, int on, struct strbuf *b)
{
	struct strbuf v = { 0 };

	if (on && f->fd) {
		/* The old value of the first change after the day, else
		 * the value now.  An old value of NULL was empty: ''. */
		sb_add(&v, "coalesce((SELECT coalesce(a.old_value, '') FROM "
		    "audit_log a WHERE a.entity = ");
		sql_literal(&v, f->ent->name);
		sb_printf(&v, " AND a.record_id = %s AND a.field = ", f->id);
		sql_literal(&v, f->fd->name);
		sb_printf(&v, " AND a.action = 'update' AND a.at > ?%d "
		    "ORDER BY a.at, a.id LIMIT 1), %s)", P_ON, f->value);
	} else
		sb_add(&v, f->value);
	if (f->type == FT_MOMENT)
		sb_printf(b, "coalesce(date(CAST(%s AS INTEGER), 'unixepoch', "
		    "'localtime'), '')", sb_str(&v));
	else
		sb_printf(b, "coalesce(CAST(%s AS TEXT), '')", sb_str(&v));
	sb_free(&v);
}

/* The date axis: a "YYYY-MM-DD" expression and, when it is a column,
 * the column the range goes on. */
struct axis {
	char		*date;		/* the day's text */
	char		*column;	/* t.paid_on / t.start_at, or NULL */
	int		 moment;	/* column holds Unix seconds */
};

static int
axis_resolve(struct source *s, const char *date_field, struct axis *ax,
    struct so_err *err)
{
	const char *n = s->ent->name, *col = NULL;
	struct pfield f;
	int code;

	memset(ax, 0, sizeof(*ax));
	if (date_field) {
		if (strcmp(date_field, "created") == 0 ||
		    strcmp(date_field, "updated") == 0) {
			ax->column = xasprintf("t.%s_at", date_field);
			ax->moment = 1;
		} else {
			if ((code = field_resolve(s, date_field, "date", &f,
			    err)) != SO_OK)
				return code;
			if (f.type != FT_DATE && f.type != FT_MOMENT) {
				code = so_err_field(err, SO_EINVAL, "date",
				    _("date: \"%s\" is not a date"),
				    date_field);
				pfield_clear(&f);
				return code;
			}
			ax->column = xstrdup(f.value);
			ax->moment = f.type == FT_MOMENT;
			pfield_clear(&f);
		}
	} else if (strcmp(n, "payment") == 0)
		col = "t.paid_on";
	else if (strcmp(n, "deal") == 0)
		ax->date = xstrdup("CASE WHEN t.closed_on <> '' THEN "
		    "t.closed_on ELSE date(t.created_at, 'unixepoch', "
		    "'localtime') END");
	else if (strcmp(n, "event") == 0) {
		ax->column = xstrdup("t.start_at");
		ax->moment = 1;
	} else if (strcmp(n, "task") == 0)
		ax->date = xstrdup("date(coalesce(t.due_at, t.created_at), "
		    "'unixepoch', 'localtime')");
	else if (strcmp(n, "company") == 0)
		/* the day it became a buyer: its first live payment */
		ax->date = xstrdup("(SELECT min(p.paid_on) FROM payments p "
		    "WHERE p.company_id = t.id AND p.deleted_at IS NULL)");
	else {
		ax->column = xstrdup("t.created_at");
		ax->moment = 1;
	}
	if (col)
		ax->column = xstrdup(col);
	if (ax->date == NULL)
		ax->date = ax->moment ? xasprintf("date(%s, 'unixepoch', "
		    "'localtime')", ax->column) : xstrdup(ax->column);
	return SO_OK;
}

static void
axis_clear(struct axis *ax)
{
	free(ax->date);
	free(ax->column);
}

/* ---- the source ---- */

/* Everything a run or a drill-down needs, resolved from a spec. */
struct plan {
	const struct entity *ent;
	struct pfield	 rows[PIVOT_MAXLEVELS];
	int		 nrows;
	struct pfield	 col;		/* without a period */
	enum pivot_period period;
	struct pfield	 measure;
	struct filter	*filter;
	char		 from[11], to[11], on[11];
	int		 moment;	/* the range is on seconds */
	int64_t		 owner;		/* 0: everyone's */
	int		 split;		/* a row per share: ids repeat */
	char		*sql;		/* the source */
};

static void
plan_clear(struct plan *p)
{
	int i;

	for (i = 0; i < p->nrows; i++)
		pfield_clear(&p->rows[i]);
	pfield_clear(&p->col);
	pfield_clear(&p->measure);
	filter_free(p->filter);
	free(p->sql);
}

static const struct entity *
entity_named(const char *name)
{
	const struct entity *const *e;

	if (name == NULL)
		return NULL;
	for (e = entity_all(); *e; e++)
		if (strcmp((*e)->name, name) == 0 ||
		    strcmp((*e)->table, name) == 0)
			return *e;
	return NULL;
}

static int
date_arg(const char *what, const char *text, time_t now, char out[11],
    struct so_err *err)
{
	char msg[128];

	out[0] = '\0';
	if (text == NULL || *text == '\0')
		return SO_OK;
	if (dt_parse_date(text, now, out, msg, sizeof(msg)) != 0)
		return so_err_field(err, SO_EINVAL, what, "%s: %s", what, msg);
	return SO_OK;
}

static int
plan_make(struct db *db, const struct pivot_spec *spec, time_t now,
    struct plan *p, struct so_err *err)
{
	struct source s = { 0 };
	struct strbuf b = { 0 };
	struct axis ax = { 0 };
	size_t pos;
	int i, code;

	memset(p, 0, sizeof(*p));
	s.db = db;
	if ((p->ent = s.ent = entity_named(spec->entity)) == NULL)
		return so_err_set(err, SO_EINVAL, _("no card file \"%s\""),
		    spec->entity ? spec->entity : "");
	if (spec->nrows < 1 || spec->nrows > PIVOT_MAXLEVELS)
		return so_err_set(err, SO_EINVAL, _("rows: name a field"));
	p->period = spec->period;
	if ((code = date_arg("from", spec->from, now, p->from, err)) ||
	    (code = date_arg("to", spec->to, now, p->to, err)) ||
	    (code = date_arg("on", spec->on, now, p->on, err)))
		return code;
	if (*p->from && *p->to && strcmp(p->from, p->to) > 0)
		return so_err_set(err, SO_EINVAL, _("from %s is after to %s"),
		    p->from, p->to);
	for (i = 0; i < spec->nrows; i++) {
		if ((code = field_resolve(&s, spec->rows[i], "rows",
		    &p->rows[i], err)) != SO_OK)
			goto out;
		p->nrows++;
	}
	if (p->period == PIVOT_NONE) {
		if (spec->cols == NULL || *spec->cols == '\0') {
			code = so_err_set(err, SO_EINVAL, _("cols: name a "
			    "field or a period"));
			goto out;
		}
		if ((code = field_resolve(&s, spec->cols, "cols", &p->col,
		    err)) != SO_OK)
			goto out;
	}
	if (spec->measure != PIVOT_COUNT) {
		if ((code = field_resolve(&s, spec->measure_field ?
		    spec->measure_field : "", "measure", &p->measure, err)) !=
		    SO_OK)
			goto out;
		if (p->measure.type != FT_INT && p->measure.type !=
		    FT_MONEY) {
			code = so_err_field(err, SO_EINVAL, "measure",
			    _("measure: \"%s\" is not a number or money"),
			    spec->measure_field);
			goto out;
		}
		/* By product group the amount is the record's share of it;
		 * no other number is split, so none other is summed. */
		if (s.split) {
			if (p->measure.fd == NULL || p->measure.ent != p->ent ||
			    strcmp(p->measure.fd->name, "amount") != 0) {
				code = so_err_field(err, SO_EINVAL, "measure",
				    _("measure: by product group only the "
				    "amount is split, not \"%s\""),
				    spec->measure_field);
				goto out;
			}
			free(p->measure.value);
			p->measure.value = xstrdup("gs.amount");
		}
	}
	p->split = s.split;
	if ((code = filter_compile(db, p->ent, spec->filter, now, &p->filter,
	    &pos, err)) != SO_OK)
		goto out;
	if ((code = axis_resolve(&s, spec->date_field, &ax, err)) != SO_OK)
		goto out;
	/* the range goes on the column itself where there is one */
	p->moment = ax.column != NULL && ax.moment;
	p->owner = acl_export_owner(db);

	sb_add(&b, "SELECT t.id AS id");
	for (i = 0; i < p->nrows; i++) {
		sb_add(&b, ", ");
		key_sql(&p->rows[i], *p->on != '\0', &b);
		sb_printf(&b, " AS k%d", i);
	}
	sb_add(&b, ", ");
	if (p->period == PIVOT_NONE)
		key_sql(&p->col, *p->on != '\0', &b);
	else
		period_sql(p->period, ax.date, &b);
	sb_add(&b, " AS c, ");
	if (spec->measure == PIVOT_COUNT)
		sb_add(&b, "1");
	else
		sb_printf(&b, "CAST(%s AS INTEGER)", p->measure.value);
	sb_printf(&b, " AS v FROM %s t%s WHERE ", p->ent->table,
	    sb_str(&s.joins));
	if (*p->on) {
		/* alive at the end of the day: made by then, and not in the
		 * trash then (the last delete or restore up to then says;
		 * without one, the trash's own date) */
		sb_printf(&b, "t.created_at <= ?%d AND coalesce((SELECT "
		    "a.action = 'delete' FROM audit_log a WHERE a.entity = ",
		    P_ON);
		sql_literal(&b, p->ent->name);
		sb_printf(&b, " AND a.record_id = t.id AND a.action IN "
		    "('delete', 'restore') AND a.at <= ?%d ORDER BY a.at DESC, "
		    "a.id DESC LIMIT 1), t.deleted_at IS NOT NULL AND "
		    "t.deleted_at <= ?%d) = 0", P_ON, P_ON);
	} else
		sb_add(&b, "t.deleted_at IS NULL");
	if (*p->from)
		sb_printf(&b, " AND %s >= ?%d", ax.column ? ax.column :
		    ax.date, P_FROM);
	if (*p->to)
		sb_printf(&b, " AND %s <= ?%d", ax.column ? ax.column :
		    ax.date, P_TO);
	if (p->period != PIVOT_NONE && !*p->from && !*p->to)
		sb_printf(&b, " AND %s IS NOT NULL AND %s <> ''", ax.date,
		    ax.date);
	if (spec->measure != PIVOT_COUNT)
		sb_printf(&b, " AND %s IS NOT NULL", p->measure.value);
	if (p->filter)
		sb_printf(&b, " AND (%s)", filter_sql(p->filter));
	if (p->owner) {
		sb_add(&b, " AND ");
		acl_owner_sql(p->ent, "t", &b);
		sb_printf(&b, " = ?%d", P_OWNER);
	}
	p->sql = sb_steal(&b);
	code = SO_OK;
out:
	axis_clear(&ax);
	sb_free(&s.joins);
	sb_free(&b);
	if (code != SO_OK)
		plan_clear(p);
	return code;
}

static void
plan_bind(const struct plan *p, sqlite3_stmt *st)
{
	if (p->moment) {
		if (*p->from)
			sqlite3_bind_int64(st, P_FROM,
			    dt_date_start(p->from, 0));
		if (*p->to)
			sqlite3_bind_int64(st, P_TO,
			    dt_date_start(p->to, 1) - 1);
	} else {
		sqlite3_bind_text(st, P_FROM, p->from, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, P_TO, p->to, -1, SQLITE_STATIC);
	}
	if (*p->on)
		sqlite3_bind_int64(st, P_ON, dt_date_start(p->on, 1) - 1);
	if (p->owner)
		sqlite3_bind_int64(st, P_OWNER, p->owner);
	if (p->filter)
		filter_bind(p->filter, st);
}

static int
prepare(struct db *db, const char *sql, sqlite3_stmt **st,
    struct so_err *err)
{
	int rc;

	/* Made per spec: prepared once, not kept in db_prepare's cache. */
	rc = sqlite3_prepare_v2(db_sqlite(db), sql, -1, st, NULL);
	if (rc != SQLITE_OK)
		return db_error(db, rc, N_("preparing the pivot"), err);
	return SO_OK;
}

/* ---- labels ---- */

/* A level's distinct keys, each with its label and place. */
struct keyset {
	char		**keys, **labels;
	size_t		 n, cap;
	int		*rank;		/* by index in keys: place by label */
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static long
keyset_find(const struct keyset *k, const char *key)
{
	size_t lo = 0, hi = k->n, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(k->keys[mid], key)) == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static void
keyset_add(struct keyset *k, const char *key)
{
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 16;
		k->keys = xrealloc(k->keys, k->cap * sizeof(*k->keys));
	}
	k->keys[k->n++] = xstrdup(key);
}

/* Sorts and removes repeats. */
static void
keyset_seal(struct keyset *k)
{
	size_t i, j = 0;

	qsort(k->keys, k->n, sizeof(*k->keys), cmp_str);
	for (i = 0; i < k->n; i++) {
		if (j > 0 && strcmp(k->keys[j - 1], k->keys[i]) == 0) {
			free(k->keys[i]);
			continue;
		}
		k->keys[j++] = k->keys[i];
	}
	k->n = j;
}

static void
keyset_free(struct keyset *k)
{
	size_t i;

	for (i = 0; i < k->n; i++) {
		free(k->keys[i]);
		if (k->labels)
			free(k->labels[i]);
	}
	free(k->keys);
	free(k->labels);
	free(k->rank);
}

/* The label of key of field f (a new string). */
static char *
key_label(struct db *db, const struct pfield *f, const char *key)
{
	const struct field_desc *fd = f->fd;
	const struct choice *c;
	sqlite3_stmt *st;
	char *sql, *s = NULL, buf[64];

	if (*key == '\0')
		return xstrdup(C_("pivot", "(none)"));
	if (f->type == FT_REF) {
		if (f->split)
			sql = xstrdup("SELECT r.name FROM product_groups r "
			    "WHERE r.id = ?");
		else
			sql = xasprintf("SELECT %s FROM %s r WHERE r.id = ?",
			    fd ? fd->ref_label : "coalesce(nullif(r.full_name, "
			    "''), r.login)", fd ? fd->ref_table : "users");
		if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) ==
		    SQLITE_OK) {
			sqlite3_bind_int64(st, 1, strtoll(key, NULL, 10));
			if (sqlite3_step(st) == SQLITE_ROW &&
			    sqlite3_column_text(st, 0))
				s = xstrdup((const char *)
				    sqlite3_column_text(st, 0));
			sqlite3_finalize(st);
		}
		free(sql);
		return s ? s : xasprintf("#%s", key);
	}
	if (f->type == FT_CHOICE && fd->choices) {
		for (c = fd->choices; c->code; c++)
			if (strcmp(c->code, key) == 0)
				return xstrdup(choice_label(f->ent, c));
		return xstrdup(key);
	}
	if (f->type == FT_MONEY) {
		money_grouped(strtoll(key, NULL, 10), 0, buf, sizeof(buf));
		return xstrdup(buf);
	}
	if (f->type == FT_BOOL)
		return xstrdup(strcmp(key, "0") ? _("yes") : _("no"));
	return xstrdup(key);
}

static const struct keyset *rank_by;

static int
cmp_rank(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const char *ki = rank_by->keys[i], *kj = rank_by->keys[j];
	int c;

	/* no value last */
	if ((*ki == '\0') != (*kj == '\0'))
		return *ki == '\0' ? 1 : -1;
	if ((c = strcmp(rank_by->labels[i], rank_by->labels[j])) != 0)
		return c;
	return strcmp(ki, kj);
}

static void
keyset_label(struct db *db, struct keyset *k, const struct pfield *f)
{
	size_t i, *order;

	k->labels = xcalloc(k->n ? k->n : 1, sizeof(*k->labels));
	k->rank = xcalloc(k->n ? k->n : 1, sizeof(*k->rank));
	order = xcalloc(k->n ? k->n : 1, sizeof(*order));
	for (i = 0; i < k->n; i++) {
		k->labels[i] = key_label(db, f, k->keys[i]);
		order[i] = i;
	}
	rank_by = k;
	qsort(order, k->n, sizeof(*order), cmp_rank);
	rank_by = NULL;
	for (i = 0; i < k->n; i++)
		k->rank[order[i]] = (int)i;
	free(order);
}

/* ---- the run ---- */

struct group {
	int		 lv[PIVOT_MAXLEVELS];	/* ranks per level */
	long		 key[PIVOT_MAXLEVELS];	/* index in the keyset */
	long		 col;
	struct pivot_cell cell;
};

static int g_nlevels;

static int
cmp_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	int i;

	for (i = 0; i < g_nlevels; i++)
		if (x->lv[i] != y->lv[i])
			return x->lv[i] < y->lv[i] ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

static void
cell_add(struct pivot_cell *to, const struct pivot_cell *c)
{
	to->n += c->n;
	to->sum += c->sum;
}

static struct pivot_line *
line_new(struct pivot_result *r, enum pivot_line_kind kind, int depth,
    const struct keyset *ks, const struct group *g)
{
	struct pivot_line *l;
	int i;

	r->lines = xrealloc(r->lines, (r->nlines + 1) * sizeof(*r->lines));
	l = &r->lines[r->nlines++];
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	l->depth = depth;
	l->keys = xcalloc(depth ? depth : 1, sizeof(*l->keys));
	l->labels = xcalloc(depth ? depth : 1, sizeof(*l->labels));
	for (i = 0; i < depth; i++) {
		l->keys[i] = xstrdup(ks[i].keys[g->key[i]]);
		l->labels[i] = xstrdup(ks[i].labels[g->key[i]]);
	}
	l->cells = xcalloc(r->ncols ? r->ncols : 1, sizeof(*l->cells));
	return l;
}

/* The first day of the period of key. */
static void
key_day(enum pivot_period p, const char *k, char out[KEYSZ])
{
	if (p == PIVOT_QUARTER && strlen(k) == 7)
		snprintf(out, KEYSZ, "%.4s-%02d-01", k, (k[6] - '1') * 3 + 1);
	else if (p == PIVOT_YEAR)
		snprintf(out, KEYSZ, "%.4s-01-01", k);
	else if (p == PIVOT_MONTH)
		snprintf(out, KEYSZ, "%.7s-01", k);
	else
		snprintf(out, KEYSZ, "%.10s", k);
}

/* The columns: the keys found, and with a period every period between
 * from and to (or the first and last found). */
static void
columns_make(const struct plan *p, struct keyset *cols)
{
	char d[KEYSZ], last[KEYSZ], key[KEYSZ];

	if (p->period == PIVOT_NONE)
		return;
	if (*p->from)
		snprintf(d, sizeof(d), "%s", p->from);
	else if (cols->n > 0)
		key_day(p->period, cols->keys[0], d);
	else
		return;
	if (*p->to)
		snprintf(last, sizeof(last), "%s", p->to);
	else if (cols->n > 0)
		key_day(p->period, cols->keys[cols->n - 1], last);
	else
		return;
	period_start(p->period, d, d);
	while (strcmp(d, last) <= 0) {
		period_key(p->period, d, key);
		keyset_add(cols, key);
		period_next(p->period, d, d);
	}
	keyset_seal(cols);
}

static char *
col_label(const struct plan *p, const char *key, struct db *db)
{
	if (p->period != PIVOT_NONE)
		return xstrdup(key);
	return key_label(db, &p->col, key);
}

static char *
measure_label(const struct plan *p, enum pivot_measure m)
{
	if (m == PIVOT_COUNT)
		return xstrdup(C_("pivot", "Count"));
	if (m == PIVOT_SUM)
		return xasprintf(_("Sum of %s"), p->measure.label);
	return xasprintf(_("Average of %s"), p->measure.label);
}

int
pivot_run(struct db *db, const struct pivot_spec *spec, time_t now,
    struct pivot_result **out, struct so_err *err)
{
	struct plan p;
	struct strbuf b = { 0 };
	struct keyset ks[PIVOT_MAXLEVELS], cols = { 0 };
	struct group *g = NULL, *x;
	struct pivot_result *r;
	struct pivot_line *l;
	sqlite3_stmt *st;
	char **raw = NULL;
	size_t ng = 0, cap = 0, nraw = 0, i, j, start;
	int lv, k, rc, code;

	*out = NULL;
	if ((code = plan_make(db, spec, now, &p, err)) != SO_OK)
		return code;
	memset(ks, 0, sizeof(ks));
	sb_add(&b, "SELECT ");
	for (k = 0; k < p.nrows; k++)
		sb_printf(&b, "k%d, ", k);
	sb_printf(&b, "c, count(*), coalesce(sum(v), 0) FROM (%s) GROUP BY ",
	    p.sql);
	for (k = 0; k < p.nrows; k++)
		sb_printf(&b, "k%d, ", k);
	sb_add(&b, "c");
	if ((code = prepare(db, sb_str(&b), &st, err)) != SO_OK)
		goto out;
	plan_bind(&p, st);

	/* the groups; their keys kept as text (raw, nrows + 1 a group)
	 * until the keysets are sealed and can number them */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (ng == cap) {
			cap = cap ? cap * 2 : 64;
			g = xrealloc(g, cap * sizeof(*g));
		}
		x = &g[ng++];
		memset(x, 0, sizeof(*x));
		raw = xrealloc(raw, (nraw + p.nrows + 1) * sizeof(*raw));
		for (k = 0; k <= p.nrows; k++)
			raw[nraw++] = xstrdup(db_text(st, k));
		x->cell.n = sqlite3_column_int64(st, p.nrows + 1);
		x->cell.sum = sqlite3_column_int64(st, p.nrows + 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		code = db_error(db, rc, N_("running the pivot"), err);
		for (i = 0; i < nraw; i++)
			free(raw[i]);
		free(raw);
		goto out;
	}
	for (i = 0; i < ng; i++) {
		for (k = 0; k < p.nrows; k++)
			keyset_add(&ks[k], raw[i * (p.nrows + 1) + k]);
		keyset_add(&cols, raw[i * (p.nrows + 1) + p.nrows]);
	}
	for (k = 0; k < p.nrows; k++) {
		keyset_seal(&ks[k]);
		keyset_label(db, &ks[k], &p.rows[k]);
	}
	keyset_seal(&cols);
	columns_make(&p, &cols);
	for (i = 0; i < ng; i++) {
		for (k = 0; k < p.nrows; k++) {
			g[i].key[k] = keyset_find(&ks[k],
			    raw[i * (p.nrows + 1) + k]);
			g[i].lv[k] = ks[k].rank[g[i].key[k]];
		}
		g[i].col = keyset_find(&cols, raw[i * (p.nrows + 1) +
		    p.nrows]);
	}
	for (i = 0; i < nraw; i++)
		free(raw[i]);
	free(raw);
	g_nlevels = p.nrows;
	qsort(g, ng, sizeof(*g), cmp_group);

	r = xcalloc(1, sizeof(*r));
	r->ent = p.ent;
	r->nlevels = p.nrows;
	r->level_labels = xcalloc(p.nrows, sizeof(*r->level_labels));
	for (k = 0; k < p.nrows; k++)
		r->level_labels[k] = xstrdup(p.rows[k].label);
	r->col_label = p.period != PIVOT_NONE ?
	    xstrdup(_(period_labels[p.period])) : xstrdup(p.col.label);
	r->ncols = cols.n;
	r->col_keys = xcalloc(cols.n ? cols.n : 1, sizeof(*r->col_keys));
	r->col_labels = xcalloc(cols.n ? cols.n : 1, sizeof(*r->col_labels));
	/* a column field's values in label order, periods in time order */
	{
		struct keyset *ck = &cols;
		size_t *ord = xcalloc(cols.n ? cols.n : 1, sizeof(*ord));
		if (p.period == PIVOT_NONE) {
			keyset_label(db, ck, &p.col);
			for (i = 0; i < cols.n; i++)
				ord[ck->rank[i]] = i;
		} else
			for (i = 0; i < cols.n; i++)
				ord[i] = i;
		for (i = 0; i < cols.n; i++) {
			r->col_keys[i] = xstrdup(cols.keys[ord[i]]);
			r->col_labels[i] = p.period == PIVOT_NONE ?
			    xstrdup(ck->labels[ord[i]]) :
			    col_label(&p, cols.keys[ord[i]], db);
		}
		/* groups point at a column by its place on the page */
		for (i = 0; i < ng; i++)
			g[i].col = p.period == PIVOT_NONE ?
			    ck->rank[g[i].col] : g[i].col;
		free(ord);
	}
	r->col_totals = xcalloc(cols.n ? cols.n : 1, sizeof(*r->col_totals));
	r->measure = spec->measure;
	r->value_type = spec->measure == PIVOT_COUNT ? FT_INT :
	    p.measure.type;
	r->measure_label = measure_label(&p, spec->measure);
	memcpy(r->from, p.from, sizeof(r->from));
	memcpy(r->to, p.to, sizeof(r->to));
	memcpy(r->on, p.on, sizeof(r->on));

	/* The control break: a leaf per distinct tuple, a subtotal after
	 * the last leaf of each group of the outer levels. */
	for (i = 0; i < ng; i = j) {
		for (j = i + 1; j < ng; j++) {
			for (k = 0; k < p.nrows; k++)
				if (g[j].lv[k] != g[i].lv[k])
					break;
			if (k < p.nrows)
				break;
		}
		l = line_new(r, PIVOT_LEAF, p.nrows, ks, &g[i]);
		for (start = i; start < j; start++) {
			cell_add(&l->cells[g[start].col], &g[start].cell);
			cell_add(&l->total, &g[start].cell);
			cell_add(&r->col_totals[g[start].col],
			    &g[start].cell);
			cell_add(&r->total, &g[start].cell);
		}
		/* which outer levels close after this leaf */
		for (lv = p.nrows - 1; lv >= 1; lv--) {
			if (j < ng) {
				for (k = 0; k < lv; k++)
					if (g[j].lv[k] != g[i].lv[k])
						break;
				if (k == lv)
					break;	/* still in the group */
			}
			/* sum the leaves of this group: walk back */
			{
				struct pivot_line *sl;
				size_t m, c;

				sl = line_new(r, PIVOT_SUBTOTAL, lv, ks,
				    &g[i]);
				for (m = r->nlines - 1; m-- > 0;) {
					struct pivot_line *o = &r->lines[m];

					if (o->kind != PIVOT_LEAF) {
						if (o->depth < lv)
							break;
						continue;
					}
					for (k = 0; k < lv; k++)
						if (strcmp(o->keys[k],
						    sl->keys[k]) != 0)
							break;
					if (k < lv)
						break;
					for (c = 0; c < r->ncols; c++)
						cell_add(&sl->cells[c],
						    &o->cells[c]);
					cell_add(&sl->total, &o->total);
				}
			}
		}
	}
	for (k = 0; k < p.nrows; k++)
		keyset_free(&ks[k]);
	keyset_free(&cols);
	free(g);
	*out = r;
	code = SO_OK;
	goto done;
out:
	for (k = 0; k < PIVOT_MAXLEVELS; k++)
		keyset_free(&ks[k]);
	keyset_free(&cols);
	free(g);
done:
	sb_free(&b);
	plan_clear(&p);
	return code;
}

void
pivot_result_free(struct pivot_result *r)
{
	size_t i;
	int k;

	if (r == NULL)
		return;
	for (k = 0; k < r->nlevels; k++)
		free(r->level_labels[k]);
	free(r->level_labels);
	free(r->col_label);
	for (i = 0; i < r->ncols; i++) {
		free(r->col_keys[i]);
		free(r->col_labels[i]);
	}
	free(r->col_keys);
	free(r->col_labels);
	for (i = 0; i < r->nlines; i++) {
		for (k = 0; k < r->lines[i].depth; k++) {
			free(r->lines[i].keys[k]);
			free(r->lines[i].labels[k]);
		}
		free(r->lines[i].keys);
		free(r->lines[i].labels);
		free(r->lines[i].cells);
	}
	free(r->lines);
	free(r->col_totals);
	free(r->measure_label);
	free(r);
}

char *
pivot_cell_text(const struct pivot_result *r, const struct pivot_cell *c,
    int raw)
{
	char buf[64];
	int64_t v;

	if (c->n == 0)
		return xstrdup("");
	if (r->measure == PIVOT_COUNT)
		return xasprintf("%" PRId64, c->n);
	if (r->measure == PIVOT_SUM)
		v = c->sum;
	else
		/* rounded half away from zero */
		v = (c->sum >= 0 ? c->sum + c->n / 2 : c->sum - c->n / 2) /
		    c->n;
	if (r->value_type == FT_MONEY) {
		if (raw)
			money_format(v, buf);
		else
			money_grouped(v, 0, buf, sizeof(buf));
		return xstrdup(buf);
	}
	if (r->measure == PIVOT_AVG)
		return xasprintf("%.2f", (double)c->sum / (double)c->n);
	return xasprintf("%" PRId64, v);
}

int
pivot_drill(struct db *db, const struct pivot_spec *spec, time_t now,
    const char *const *keys, int depth, const char *col_key,
    int64_t **ids, size_t *nids, struct so_err *err)
{
	struct plan p;
	struct strbuf b = { 0 };
	sqlite3_stmt *st;
	size_t cap = 0;
	int i, rc, code;

	*ids = NULL;
	*nids = 0;
	if ((code = plan_make(db, spec, now, &p, err)) != SO_OK)
		return code;
	if (depth < 0 || depth > p.nrows) {
		code = so_err_set(err, SO_EINVAL, _("drill-down: %d levels"),
		    depth);
		goto out;
	}
	/* a record split over groups is one row per group: once here */
	sb_printf(&b, "SELECT %sid FROM (%s) WHERE 1", p.split ?
	    "DISTINCT " : "", p.sql);
	for (i = 0; i < depth; i++)
		sb_printf(&b, " AND k%d = ?%d", i, P_KEY + i);
	if (col_key)
		sb_printf(&b, " AND c = ?%d", P_COL);
	sb_add(&b, " ORDER BY id");
	if ((code = prepare(db, sb_str(&b), &st, err)) != SO_OK)
		goto out;
	plan_bind(&p, st);
	for (i = 0; i < depth; i++)
		sqlite3_bind_text(st, P_KEY + i, keys[i], -1, SQLITE_STATIC);
	if (col_key)
		sqlite3_bind_text(st, P_COL, col_key, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*nids == cap) {
			cap = cap ? cap * 2 : 64;
			*ids = xrealloc(*ids, cap * sizeof(**ids));
		}
		(*ids)[(*nids)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		code = db_error(db, rc, N_("running the pivot"), err);
		free(*ids);
		*ids = NULL;
		*nids = 0;
	}
out:
	sb_free(&b);
	plan_clear(&p);
	return code;
}

/* For tests and the benchmark: the source SQL of spec. */
char *
pivot_source_sql(struct db *db, const struct pivot_spec *spec, time_t now,
    struct so_err *err)
{
	struct plan p;
	char *s;

	if (plan_make(db, spec, now, &p, err) != SO_OK)
		return NULL;
	s = p.sql;
	p.sql = NULL;
	plan_clear(&p);
	return s;
}

/* ---- saved pivots ---- */

static void
bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

/* The one who saved name may replace or delete it, and a head. */
static int
may_change(struct db *db, const char *name, struct so_err *err)
{
	sqlite3_stmt *st;
	int64_t by = 0;
	int rc, code;

	code = db_prepare(db, "SELECT coalesce(created_by, 0) FROM "
	    "saved_pivots WHERE name = ?1", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		by = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, N_("reading a saved pivot"), err);
	if (rc == SQLITE_DONE || by == db_user_id(db) ||
	    acl_role(db) >= ROLE_HEAD || db_system(db))
		return rc == SQLITE_DONE ? SO_ENOTFOUND : SO_OK;
	return so_err_set(err, SO_EPERM, _("the pivot \"%s\" was saved by "
	    "someone else: only they or a head of sales may change it"),
	    name);
}

int
pivot_save(struct db *db, const char *name, const struct pivot_spec *spec,
    struct so_err *err)
{
	struct strbuf rows = { 0 };
	char measure[128];
	sqlite3_stmt *st;
	int i, rc, code;

	if (name == NULL || *name == '\0' || strlen(name) > 200 ||
	    strspn(name, " ") == strlen(name))
		return so_err_field(err, SO_EINVAL, "name", _("a saved pivot "
		    "needs a name of at most 200 bytes"));
	for (i = 0; name[i]; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return so_err_field(err, SO_EINVAL, "name",
			    _("a pivot's name may not hold control "
			    "characters"));
	if (db_user_id(db) == 0)
		return so_err_set(err, SO_EPERM, _("nobody is logged in"));
	if (entity_named(spec->entity) == NULL)
		return so_err_set(err, SO_EINVAL, _("no card file \"%s\""),
		    spec->entity ? spec->entity : "");
	for (i = 0; i < spec->nrows; i++)
		sb_printf(&rows, "%s%s", i ? "," : "", spec->rows[i]);
	if (spec->measure == PIVOT_COUNT)
		snprintf(measure, sizeof(measure), "count");
	else
		snprintf(measure, sizeof(measure), "%s:%s",
		    spec->measure == PIVOT_SUM ? "sum" : "avg",
		    spec->measure_field);
	if ((code = db_begin(db, err)) != SO_OK)
		goto out;
	code = may_change(db, name, err);
	if (code != SO_OK && code != SO_ENOTFOUND) {
		code = db_finish(db, code, err);
		goto out;
	}
	code = db_prepare(db, "INSERT INTO saved_pivots (name, entity, rows, "
	    "cols, period, date_field, measure, filter, from_date, to_date, "
	    "on_date, created_by, created_at, updated_at) VALUES (?1, ?2, "
	    "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13) "
	    "ON CONFLICT (name) DO UPDATE SET entity = excluded.entity, "
	    "rows = excluded.rows, cols = excluded.cols, "
	    "period = excluded.period, date_field = excluded.date_field, "
	    "measure = excluded.measure, filter = excluded.filter, "
	    "from_date = excluded.from_date, to_date = excluded.to_date, "
	    "on_date = excluded.on_date, updated_at = excluded.updated_at",
	    &st, err);
	if (code != SO_OK) {
		code = db_finish(db, code, err);
		goto out;
	}
	bind_opt(st, 1, name);
	bind_opt(st, 2, entity_named(spec->entity)->name);
	bind_opt(st, 3, sb_str(&rows));
	bind_opt(st, 4, spec->period == PIVOT_NONE ? spec->cols : NULL);
	bind_opt(st, 5, period_names[spec->period]);
	bind_opt(st, 6, spec->date_field);
	bind_opt(st, 7, measure);
	bind_opt(st, 8, spec->filter);
	bind_opt(st, 9, spec->from);
	bind_opt(st, 10, spec->to);
	bind_opt(st, 11, spec->on);
	sqlite3_bind_int64(st, 12, db_user_id(db));
	sqlite3_bind_int64(st, 13, (int64_t)db_now(db));
	rc = sqlite3_step(st);
	db_done(st);
	code = rc == SQLITE_DONE ? SO_OK : db_error(db, rc,
	    N_("saving a pivot"), err);
	code = db_finish(db, code, err);
out:
	sb_free(&rows);
	return code;
}

#define SAVED_COLUMNS "s.id, s.name, coalesce(s.created_by, 0), " \
	"coalesce(u.login, ''), s.updated_at, s.entity, s.rows, s.cols, " \
	"s.period, s.date_field, s.measure, s.filter, s.from_date, " \
	"s.to_date, s.on_date FROM saved_pivots s LEFT JOIN users u " \
	"ON u.id = s.created_by "

static char *
opt_dup(sqlite3_stmt *st, int i)
{
	const char *s = db_text(st, i);

	return *s ? xstrdup(s) : NULL;
}

static void
saved_read(sqlite3_stmt *st, struct pivot_saved *s)
{
	struct pivot_spec *p = &s->spec;
	struct so_err e;
	char *rows, *m;
	int per;

	memset(s, 0, sizeof(*s));
	s->id = sqlite3_column_int64(st, 0);
	s->name = xstrdup(db_text(st, 1));
	s->created_by = sqlite3_column_int64(st, 2);
	s->author = xstrdup(db_text(st, 3));
	s->updated_at = sqlite3_column_int64(st, 4);
	p->entity = xstrdup(db_text(st, 5));
	rows = xstrdup(db_text(st, 6));
	/* rows[0] owns the buffer the others point into */
	if (pivot_rows_parse(rows, p, &e) != SO_OK)
		free(rows);
	p->cols = opt_dup(st, 7);
	per = pivot_period_parse(db_text(st, 8));
	p->period = per < 0 ? PIVOT_NONE : (enum pivot_period)per;
	p->date_field = opt_dup(st, 9);
	m = xstrdup(db_text(st, 10));
	if (pivot_measure_parse(m, p, &e) != SO_OK)
		p->measure = PIVOT_COUNT;
	/* measure_field points into m: keep m as the field's owner */
	if (p->measure_field)
		p->measure_field = xstrdup(p->measure_field);
	free(m);
	p->filter = opt_dup(st, 11);
	p->from = opt_dup(st, 12);
	p->to = opt_dup(st, 13);
	p->on = opt_dup(st, 14);
}

void
pivot_saved_clear(struct pivot_saved *s)
{
	struct pivot_spec *p = &s->spec;

	free(s->name);
	free(s->author);
	free((char *)p->entity);
	/* the rows share one buffer, the first's */
	if (p->nrows > 0)
		free((char *)p->rows[0]);
	free((char *)p->cols);
	free((char *)p->date_field);
	free((char *)p->measure_field);
	free((char *)p->filter);
	free((char *)p->from);
	free((char *)p->to);
	free((char *)p->on);
	memset(s, 0, sizeof(*s));
}

void
pivot_saved_free(struct pivot_saved *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		pivot_saved_clear(&s[i]);
	free(s);
}

int
pivot_load(struct db *db, const char *name, struct pivot_saved *out,
    struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	memset(out, 0, sizeof(*out));
	code = db_prepare(db, "SELECT " SAVED_COLUMNS "WHERE s.name = ?1",
	    &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		saved_read(st, out);
	db_done(st);
	if (rc == SQLITE_ROW)
		return SO_OK;
	if (rc == SQLITE_DONE)
		return so_err_set(err, SO_ENOTFOUND, _("no saved pivot "
		    "\"%s\""), name);
	return db_error(db, rc, N_("reading a saved pivot"), err);
}

int
pivot_list(struct db *db, struct pivot_saved **out, size_t *n,
    struct so_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	code = db_prepare(db, "SELECT " SAVED_COLUMNS "ORDER BY s.name",
	    &st, err);
	if (code != SO_OK)
		return code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		saved_read(st, &(*out)[(*n)++]);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		pivot_saved_free(*out, *n);
		*out = NULL;
		*n = 0;
		return db_error(db, rc, N_("listing saved pivots"), err);
	}
	return SO_OK;
}

int
pivot_delete(struct db *db, const char *name, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	if ((code = db_begin(db, err)) != SO_OK)
		return code;
	if ((code = may_change(db, name, err)) != SO_OK) {
		if (code == SO_ENOTFOUND)
			so_err_set(err, code, _("no saved pivot \"%s\""),
			    name);
		return db_finish(db, code, err);
	}
	code = db_prepare(db, "DELETE FROM saved_pivots WHERE name = ?1",
	    &st, err);
	if (code != SO_OK)
		return db_finish(db, code, err);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	db_done(st);
	code = rc == SQLITE_DONE ? SO_OK : db_error(db, rc,
	    N_("deleting a saved pivot"), err);
	return db_finish(db, code, err);
}
