/*
 * The key-client base: the VIP companies with the people to call there.
 * Each company is a group heading (name, city, manager, phone and the
 * last and next touch) over its contacts, decision makers first, so the
 * printout is the sheet a manager keeps by the phone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "report/report.h"
#include "store/report_keyclients.h"

/* "2026-11-20 Call" or "none". */
static char *
touch(const struct rep_touch *t, int with_time)
{
	char at[48];

	if (t->id == 0)
		/* TRANSLATORS: no touch (call, meeting...) at all. */
		return xstrdup(C_("touch", "none"));
	if (with_time)
		report_moment((time_t)t->at, at, sizeof(at));
	else
		i18n_date_short((time_t)t->at, at, sizeof(at));
	return xasprintf("%s %s", at, t->type);
}

/* "ООО «Ромашка», Казань - Анна Иванова, +7 843 ...; last touch ...". */
static char *
heading(const struct rep_key *k)
{
	struct strbuf b = { 0 };
	char *last = touch(&k->last, 0), *next = touch(&k->next, 1);

	sb_add(&b, k->company);
	if (*k->city)
		sb_printf(&b, ", %s", k->city);
	sb_printf(&b, " - %s", *k->manager_name ? k->manager_name :
	    *k->manager_login ? k->manager_login : _("no manager"));
	if (*k->phone)
		sb_printf(&b, ", %s", k->phone);
	/* TRANSLATORS: after a key client's name, city, manager and
	 * phone: "; last touch: 2026-11-20 Call; next: 2026-11-25 10:00
	 * Meeting". */
	sb_printf(&b, _("; last touch: %s; next: %s"), last, next);
	free(last);
	free(next);
	return sb_steal(&b);
}

static char *
phones(const struct rep_person *p)
{
	if (*p->phone_work && *p->phone_mobile)
		return xasprintf("%s, %s", p->phone_work, p->phone_mobile);
	return xstrdup(*p->phone_work ? p->phone_work : p->phone_mobile);
}

/* The table, made at its first company, and the counts for the
 * paragraph above it, as the companies come (rep_keyclients_each). */
struct build {
	struct doc		*d;
	struct doc_table	*t;
	size_t			 n, people;
};

static int
company(void *arg, struct rep_key *k, struct so_err *err)
{
	const struct doc_col cols[] = {
		{ _("Contact"), DOC_LEFT, 24, 0 },
		{ _("Position"), DOC_LEFT, 16, 0 },
		{ _("Phones"), DOC_LEFT, 18, 0 },
		{ _("E-mail"), DOC_LEFT, 18, 0 },
	};
	struct build *b = arg;
	const struct rep_person *p;
	size_t j;
	char *s;

	(void)err;
	if (b->t == NULL)
		b->t = REPORT_TABLE(b->d, NULL, NULL, 0, cols);
	b->n++;
	b->people += k->npeople;
	s = heading(k);
	doc_rowv(b->t, DOC_ROW_GROUP, s, "", "", "");
	free(s);
	for (j = 0; j < k->npeople; j++) {
		p = &k->people[j];
		s = phones(p);
		doc_rowv(b->t, DOC_ROW, p->name, p->position, s, p->email);
		free(s);
	}
	return SO_OK;
}

int
report_keyclients(struct db *db, const struct report_query *q,
    struct doc *out, struct so_err *err)
{
	struct build b = { .d = out };
	size_t para;
	int64_t manager, now;
	char *s;
	int code;

	if ((code = report_begin(db, q, _("Key clients"), out, err)) !=
	    SO_OK)
		return code;
	manager = report_query_manager(db, q);
	now = report_query_now(db, q);
	/* the paragraph counts what the table then lists: its words
	 * come once the companies have gone by */
	doc_para(out, "");
	para = out->nblocks - 1;
	if ((code = rep_keyclients_each(db, manager, now, company, &b,
	    err)) != SO_OK) {
		doc_free(out);
		return code;
	}
	/* One English form ("clients" even for one), Russian's three. */
	s = xasprintf(P_("%zu key clients (category VIP) with %zu contacts; "
	    "decision makers first.", "%zu key clients (category VIP) with "
	    "%zu contacts; decision makers first.", b.n), b.n, b.people);
	doc_block_text(out, para, s);
	free(s);
	return SO_OK;
}
