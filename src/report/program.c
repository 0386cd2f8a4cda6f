/*
 * The program report (salesorg report program --id ID|NAME): what a
 * seminar or an offer came to, on paper for the head of sales -- its
 * dates and the window its results are counted in, its members by
 * status, the mailings sent for it, the deals and payments of its
 * members' companies per company with totals, and the conversion (the
 * members whose company paid).  The figures and the attribution rule
 * are store/mailing.h's, the program card's; a manager's are their own
 * companies' (program_results).
 *
 * Without an id it is the program that started last.  The report's
 * period options do not apply: the program's dates are its period.
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "report/report.h"
#include "store/entities.h"
#include "store/mailing.h"

/* The translated label of the code of a choice field (a member's
 * status, a program's kind), else the code. */
static const char *
label(const struct entity *ent, const char *name, const char *code)
{
	const struct field_desc *fd;
	const struct choice *c;
	int fi;

	if (code == NULL || (fi = entity_field(ent, name)) < 0)
		return code;
	fd = &ent->fields[fi];
	for (c = fd->choices; c && c->code; c++)
		if (strcmp(c->code, code) == 0)
			return choice_label(ent, c);
	return code;
}

static void
field(struct doc_table *t, const char *label, const char *value)
{
	doc_rowv(t, DOC_ROW, label, value ? value : "");
}

/* "2026-11-01 - 2026-11-10", one day alone, "" without a start. */
static char *
dates(const char *from, const char *to)
{
	char a[48], b[48];

	if (from == NULL || *from == '\0')
		return xstrdup("");
	report_date(from, a, sizeof(a));
	if (to == NULL || *to == '\0' || strcmp(from, to) == 0)
		return xstrdup(a);
	report_date(to, b, sizeof(b));
	return xasprintf("%s - %s", a, b);
}

static void
header(struct doc *d, const struct program *p,
    const struct program_results *r)
{
	const struct doc_col cols[] = {
		{ (char *)C_("column", "Field"), DOC_LEFT, 22, 0 },
		{ (char *)C_("column", "Value"), DOC_LEFT, 54, 0 },
	};
	struct doc_table *t = REPORT_TABLE(d, NULL, NULL, 0, cols);
	char a[48], b[48], *s;

	field(t, _("Program"), p->name);
	field(t, _("Kind"), label(&entity_program, "kind", p->kind));
	field(t, _("Dates"), s = dates(p->starts_on, p->ends_on));
	free(s);
	if (*r->from) {
		report_date(r->from, a, sizeof(a));
		report_date(r->to, b, sizeof(b));
		/* TRANSLATORS: the attribution window: "from 2026-11-01,
		 * before 2027-02-08 (the end + 90 days)". */
		s = xasprintf(_("from %s, before %s (the end + %d days)"), a,
		    b, r->days);
	} else
		s = xstrdup(_("none: the program has no start date"));
	field(t, _("Results counted"), s);
	free(s);
	if (p->description && *p->description)
		field(t, _("Description"), p->description);
}

static int
members(struct db *db, struct doc *d, int64_t id, struct so_err *err)
{
	const struct doc_col cols[] = {
		{ _("Status"), DOC_LEFT, 20, 0 },
		{ _("Members"), DOC_RIGHT, 10, 0 },
	};
	struct program_count *v;
	struct doc_table *t;
	int64_t total = 0;
	size_t n, i;
	char *c;
	int code;

	if ((code = program_counts(db, id, &v, &n, err)) != SO_OK)
		return code;
	t = REPORT_TABLE(d, _("Members by status"), NULL, n, cols);
	for (i = 0; i < n; i++) {
		doc_rowv(t, DOC_ROW, label(&entity_member, "status",
		    v[i].status), c = report_count_cell(v[i].count));
		free(c);
		total += v[i].count;
	}
	doc_rowv(t, DOC_ROW_TOTAL, _("Total"), c = report_count_cell(total));
	free(c);
	program_counts_free(v, n);
	return SO_OK;
}

static int
mailings(struct db *db, struct doc *d, int64_t id, struct so_err *err)
{
	const struct doc_col cols[] = {
		{ _("Date"), DOC_LEFT, 12, 0 },
		{ _("Template"), DOC_LEFT, 24, 0 },
		{ _("Sent"), DOC_RIGHT, 8, 0 },
		{ _("Failed"), DOC_RIGHT, 8, 0 },
		{ _("Skipped"), DOC_RIGHT, 8, 0 },
	};
	struct program_mailing *v;
	struct doc_table *t;
	int64_t tot[3] = { 0, 0, 0 };
	char day[48], *c[3];
	size_t n, i;
	int code, k;

	if ((code = program_mailings(db, id, &v, &n, err)) != SO_OK)
		return code;
	t = REPORT_TABLE(d, _("Mailings"), _("Nothing was mailed for the "
	    "program."), n, cols);
	for (i = 0; t && i < n; i++) {
		report_date(v[i].day, day, sizeof(day));
		c[0] = report_count_cell(v[i].sent);
		c[1] = report_count_cell(v[i].failed);
		c[2] = report_count_cell(v[i].skipped);
		doc_rowv(t, DOC_ROW, day, v[i].template, c[0], c[1], c[2]);
		tot[0] += v[i].sent;
		tot[1] += v[i].failed;
		tot[2] += v[i].skipped;
		for (k = 0; k < 3; k++)
			free(c[k]);
	}
	if (t) {
		for (k = 0; k < 3; k++)
			c[k] = report_count_cell(tot[k]);
		doc_rowv(t, DOC_ROW_TOTAL, _("Total"), "", c[0], c[1], c[2]);
		for (k = 0; k < 3; k++)
			free(c[k]);
	}
	program_mailings_free(v, n);
	return SO_OK;
}

/* A company's attributed figures. */
struct per_company {
	int64_t	 id;
	char	*name;
	int64_t	 deals, deals_amount, payments, paid;
};

static struct per_company *
company_of(struct per_company **v, size_t *n, const struct program_item *it)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*v)[i].id == it->company_id)
			return &(*v)[i];
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	memset(&(*v)[*n], 0, sizeof(**v));
	(*v)[*n].id = it->company_id;
	(*v)[*n].name = xstrdup(it->company ? it->company : "");
	return &(*v)[(*n)++];
}

static void
company_row(struct doc_table *t, enum doc_row_kind kind, const char *name,
    const struct per_company *pc)
{
	char *c[4];
	int k;

	c[0] = report_count_cell(pc->deals);
	c[1] = report_money_cell(pc->deals_amount);
	c[2] = report_count_cell(pc->payments);
	c[3] = report_money_cell(pc->paid);
	doc_rowv(t, kind, name, c[0], c[1], c[2], c[3]);
	for (k = 0; k < 4; k++)
		free(c[k]);
}

/* Companies in the order of their first deal or payment. */
static int
results(struct db *db, struct doc *d, int64_t id,
    const struct program_results *r, struct so_err *err)
{
	const struct doc_col cols[] = {
		{ _("Company"), DOC_LEFT, 28, 0 },
		{ _("Deals"), DOC_RIGHT, 6, 0 },
		{ _("Deals amount"), DOC_RIGHT, 14, 0 },
		{ _("Payments"), DOC_RIGHT, 8, 0 },
		{ _("Paid"), DOC_RIGHT, 14, 0 },
	};
	struct program_item *deals, *pays;
	struct per_company *v = NULL, *pc, tot;
	struct doc_table *t;
	size_t nd, np, n = 0, i;
	int code;

	if ((code = program_items(db, id, 0, &deals, &nd, err)) != SO_OK)
		return code;
	if ((code = program_items(db, id, 1, &pays, &np, err)) != SO_OK) {
		program_items_free(deals, nd);
		return code;
	}
	for (i = 0; i < nd; i++) {
		pc = company_of(&v, &n, &deals[i]);
		pc->deals++;
		pc->deals_amount += deals[i].amount;
	}
	for (i = 0; i < np; i++) {
		pc = company_of(&v, &n, &pays[i]);
		pc->payments++;
		pc->paid += pays[i].amount;
	}
	t = REPORT_TABLE(d, _("Results by company"), *r->from ? _("No deal "
	    "or payment of the members' companies in the window.") :
	    _("Nothing is attributed: the program has no start date."), n,
	    cols);
	memset(&tot, 0, sizeof(tot));
	for (i = 0; t && i < n; i++) {
		company_row(t, DOC_ROW, v[i].name, &v[i]);
		tot.deals += v[i].deals;
		tot.deals_amount += v[i].deals_amount;
		tot.payments += v[i].payments;
		tot.paid += v[i].paid;
	}
	if (t)
		company_row(t, DOC_ROW_TOTAL, _("Total"), &tot);
	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
	program_items_free(deals, nd);
	program_items_free(pays, np);
	return SO_OK;
}

static int
conversion(struct db *db, struct doc *d, int64_t id, struct so_err *err)
{
	const struct doc_col cols[] = {
		{ _("Members"), DOC_RIGHT, 10, 0 },
		{ _("Their company paid"), DOC_RIGHT, 18, 0 },
		{ _("Conversion"), DOC_RIGHT, 12, 0 },
	};
	struct doc_table *t;
	int64_t all, paying;
	char *c[3];
	int code, k;

	if ((code = program_conversion(db, id, &all, &paying, err)) != SO_OK)
		return code;
	t = REPORT_TABLE(d, _("Conversion"), NULL, 1, cols);
	c[0] = report_count_cell(all);
	c[1] = report_count_cell(paying);
	c[2] = report_percent_cell(all, all > 0, paying);
	doc_rowv(t, DOC_ROW, c[0], c[1], c[2]);
	for (k = 0; k < 3; k++)
		free(c[k]);
	return SO_OK;
}

int
report_program(struct db *db, const struct report_query *q, struct doc *out,
    struct so_err *err)
{
	struct program p;
	struct program_results r;
	char *period, *who, *gen;
	int64_t id;
	int code;

	if ((code = report_begin(db, q, _("Program report"), out, err)) !=
	    SO_OK)
		return code;
	code = q->program ? program_find(db, q->program, &id, err) :
	    program_latest(db, &id, err);
	if (code == SO_OK)
		code = program_results(db, id, &r, err);
	if (code == SO_OK)
		code = store_program_get(db, id, &p, err);
	if (code != SO_OK) {
		doc_free(out);
		return code;
	}
	/* The header's period is the program's, not the report's. */
	period = p.starts_on && *p.starts_on ? dates(p.starts_on,
	    p.ends_on) : xstrdup(p.name);
	who = xstrdup(out->user ? out->user : "");
	gen = xstrdup(out->generated ? out->generated : "");
	doc_meta(out, period, who, gen);
	free(period);
	free(who);
	free(gen);
	header(out, &p, &r);
	if ((code = members(db, out, id, err)) == SO_OK &&
	    (code = mailings(db, out, id, err)) == SO_OK &&
	    (code = results(db, out, id, &r, err)) == SO_OK)
		code = conversion(db, out, id, err);
	store_program_clear(&p);
	if (code != SO_OK)
		doc_free(out);
	return code;
}
