/*
 * The detail card; see include/ui/card.h.  Linked sections show up to
 * CARD_ROWS rows, newest first where the list is dated (a contact
 * history reads backwards from today).
 */
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/audit.h"
#include "store/entities.h"
#include "store/lookup.h"
#include "store/mailing.h"
#include "ui/access.h"
#include "ui/card.h"
#include "ui/columns.h"
#include "ui/draw.h"
#include "ui/listview.h"
#include "ui/ui.h"

#define CARD_ROWS	500

void
card_init(struct card *c)
{
	memset(c, 0, sizeof(*c));
}

static void
free_history(struct card *c)
{
	size_t i;

	for (i = 0; i < c->nhistory; i++)
		free(c->history[i]);
	free(c->history);
	c->history = NULL;
	c->nhistory = 0;
}

static void
free_extra(struct card *c)
{
	size_t i;

	for (i = 0; i < 2 * c->nextra; i++)
		free(c->extra[i]);
	free(c->extra);
	c->extra = NULL;
	c->nextra = 0;
	store_company_former_free(c->former, c->nformer);
	c->former = NULL;
	c->nformer = 0;
}

static void
add_extra(struct card *c, const char *label, char *value)
{
	c->extra = xrealloc(c->extra, 2 * (c->nextra + 1) * sizeof(char *));
	c->extra[2 * c->nextra] = xstrdup(label);
	c->extra[2 * c->nextra + 1] = value;
	c->nextra++;
}

/* A company's ranks (the last twelve months) and yearly payments. */
static int
company_extras(struct card *c, struct db *db, struct so_err *err)
{
	struct abc_rank *r;
	struct strbuf b = { 0 };
	char today[11];
	size_t n, i;
	int64_t sum;
	int year, y, code;

	if ((code = abc_history(db, rec_meta(c->rec)->id, &r, &n, err)) !=
	    SO_OK)
		return code;
	for (i = n > 12 ? n - 12 : 0; i < n; i++)
		sb_printf(&b, "%s%s %c", b.len ? "  " : "", r[i].month,
		    r[i].rank);
	free(r);
	add_extra(c, _("ABC by month"), b.len ? sb_steal(&b) :
	    xstrdup(_("(no payments ranked)")));
	sb_free(&b);
	dt_format_date(db_now(db), today);
	year = atoi(today);
	for (y = year; y >= year - 1; y--) {
		char label[96], label2[48];

		if ((code = payments_year_total(db, rec_meta(c->rec)->id, y,
		    &sum, err)) != SO_OK)
			return code;
		snprintf(label, sizeof(label), _("Paid in %d"), y);
		col_money(sum, label2, sizeof(label2));
		add_extra(c, label, xstrdup(label2));
	}
	return store_company_former(db, rec_meta(c->rec)->id, &c->former,
	    &c->nformer, err);
}

/*
 * The number to call about an event, a deal or a task: its person's
 * mobile, work or home phone, else its company's (as the agenda's).
 */
static void
load_phone(struct card *c, struct db *db)
{
	struct so_err err;
	struct contact p;
	struct company co;
	int fi;
	int64_t id;

	/* a colleague's record: not the number to call */
	if (rec_meta(c->rec)->hidden)
		return;
	if (c->ent == &entity_contact || c->ent == &entity_company ||
	    (fi = entity_field(c->ent, "contact_id")) < 0)
		return;
	id = field_int_c(&c->ent->fields[fi], c->rec);
	if (id != SO_NULL && id > 0 && store_contact_get(db, id, &p, &err) ==
	    SO_OK) {
		const char *ph = p.phone_mobile && *p.phone_mobile ?
		    p.phone_mobile : p.phone_work && *p.phone_work ?
		    p.phone_work : p.phone_home;

		if (ph && *ph)
			c->phone = xstrdup(ph);
		store_contact_clear(&p);
	}
	if (c->phone || (fi = entity_field(c->ent, "company_id")) < 0)
		return;
	id = field_int_c(&c->ent->fields[fi], c->rec);
	if (id != SO_NULL && id > 0 && store_company_get(db, id, &co, &err) ==
	    SO_OK) {
		if (co.phone && *co.phone)
			c->phone = xstrdup(co.phone);
		store_company_clear(&co);
	}
}

/*
 * A program's mailings (the per-recipient log) and results: the deals
 * and payments of its members' companies in its window (store/
 * mailing.h has the rule).
 */
static int
program_results_extras(struct card *c, struct db *db, struct so_err *err)
{
	struct program_results r;
	char m1[48], m2[48], from[16], to[16];
	int code;

	if ((code = program_results(db, rec_meta(c->rec)->id, &r, err)) !=
	    SO_OK)
		return code;
	/* TRANSLATORS: the per-recipient log of a program's mailings. */
	add_extra(c, _("Mailings"), xasprintf(_("%lld sent, %lld failed, "
	    "%lld skipped"), (long long)r.sent, (long long)r.failed,
	    (long long)r.skipped));
	if (*r.from == '\0') {
		add_extra(c, _("Results"), xstrdup(_("none: the program has "
		    "no start date")));
		return SO_OK;
	}
	col_money(r.deals_amount, m1, sizeof(m1));
	col_money(r.paid, m2, sizeof(m2));
	col_date(r.from, from, sizeof(from));
	col_date(r.to, to, sizeof(to));
	/* TRANSLATORS: deals, their amount, payments, their sum, of the
	 * members' companies from the start to before the window's end. */
	add_extra(c, _("Results"), xasprintf(_("%lld deals %s, %lld "
	    "payments %s (from %s, before %s)"), (long long)r.deals, m1,
	    (long long)r.payments, m2, from, to));
	return SO_OK;
}

/* A program's members per status. */
static int
program_extras(struct card *c, struct db *db, struct so_err *err)
{
	struct program_count *v;
	struct strbuf b = { 0 };
	size_t n, i;
	int code;

	if ((code = program_counts(db, rec_meta(c->rec)->id, &v, &n, err)) !=
	    SO_OK)
		return code;
	for (i = 0; i < n; i++)
		sb_printf(&b, "%s%s %lld", b.len ? ", " : "", v[i].status,
		    (long long)v[i].count);
	program_counts_free(v, n);
	add_extra(c, _("Members"), b.len ? sb_steal(&b) :
	    xstrdup(_("none yet")));
	sb_free(&b);
	return program_results_extras(c, db, err);
}

static void
drop_record(struct card *c)
{
	if (c->rec) {
		rec_clear(c->ent, c->rec);
		free(c->rec);
		c->rec = NULL;
	}
	rec_list_free(&c->linked);
	store_contact_jobs_free(c->jobs, c->njobs);
	c->jobs = NULL;
	c->njobs = 0;
	free_history(c);
	free_extra(c);
	free(c->owner);
	free(c->readonly);
	free(c->phone);
	c->owner = c->readonly = c->phone = NULL;
}

void
card_free(struct card *c)
{
	drop_record(c);
	free(c->changed);
	c->changed = NULL;
}

/*
 * Whose the record is, and whether the current user may change it; for
 * a note, link or payment, whose its company is ("Responsible" on Info,
 * since the record has no manager field to show it).
 */
static void
load_access(struct card *c, struct db *db)
{
	int own = entity_field(c->ent, "manager_id") >= 0 ||
	    entity_field(c->ent, "assignee_id") >= 0;

	c->owner = ui_owner_login(db, c->ent, c->rec);
	c->readonly = ui_refusal(db, c->ent, c->rec, 0);
	if (c->owner && !own)
		add_extra(c, _("Responsible"), xstrdup(c->owner));
}

/*
 * A section is named by the card file it lists, shortly where it can be.
 * The labels are English, the sections' identity (is_history); they are
 * translated where drawn (section_name).
 */
static const char *
section_label(const struct card *c, const struct entity *e)
{
	if (e == &entity_member)
		return c->ent == &entity_program ? N_("Members") :
		    N_("Programs");
	return e->plural;
}

/* What the tab of section i says, in the messages' language. */
static const char *
section_name(const struct card *c, int i)
{
	const struct card_section *s = &c->sec[i];

	if (s->ent != NULL && s->ent != &entity_member)
		return entity_plural(s->ent);
	return _(s->label);
}

static void
build_sections(struct card *c)
{
	int k, i;

	c->nsec = 0;
	c->sec[c->nsec++] = (struct card_section){ NULL, NULL, N_("Info") };
	for (k = 0; entities[k] && c->nsec < CARD_MAX_SECTIONS - 1; k++) {
		const struct entity *e = entities[k];

		for (i = 0; i < e->nfields; i++) {
			const struct field_desc *fd = &e->fields[i];

			if (fd->type == FT_REF && strcmp(fd->ref_table,
			    c->ent->table) == 0) {
				c->sec[c->nsec++] = (struct card_section){ e,
				    fd->name, section_label(c, e) };
				break;
			}
		}
	}
	if (c->ent == &entity_contact)
		c->sec[c->nsec++] = (struct card_section){ NULL, NULL,
		    N_("Jobs") };
	/* before Former staff, after Jobs: History stays last, and the
	 * sections people know keep their places */
	if (c->ent == &entity_company || c->ent == &entity_program)
		c->sec[c->nsec++] = (struct card_section){ NULL, NULL,
		    N_("Mailings") };
	if (c->ent == &entity_company)
		c->sec[c->nsec++] = (struct card_section){ NULL, NULL,
		    N_("Former staff") };
	if (c->ent == &entity_contact)
		c->sec[c->nsec++] = (struct card_section){ NULL, NULL,
		    N_("Mailings") };
	c->sec[c->nsec++] = (struct card_section){ NULL, NULL,
	    N_("History") };
}

static int
is_mailings(const struct card_section *s)
{
	return s->ent == NULL && strcmp(s->label, "Mailings") == 0;
}

/* The record's mailings, newest first, as lines: when, the status, the
 * template, to whom (on a program's or a company's card) and why. */
static int
load_mailings(struct card *c, struct db *db, struct so_err *err)
{
	struct mail_entry *v;
	char when[17];
	const char *st;
	size_t n, i;
	int code;

	if ((code = mail_log_list(db, c->ent, rec_meta(c->rec)->id, 500, &v,
	    &n, err)) != SO_OK)
		return code;
	c->history = xcalloc(n ? n : 1, sizeof(*c->history));
	for (i = 0; i < n; i++) {
		dt_format_moment((time_t)v[i].sent_at, when);
		st = strcmp(v[i].status, "sent") == 0 ? C_("mail", "sent") :
		    strcmp(v[i].status, "failed") == 0 ? C_("mail",
		    "failed") : C_("mail", "skipped");
		c->history[i] = xasprintf("%s %-8s %s  %s%s%s%s%s", when, st,
		    v[i].template, c->ent == &entity_contact ? "" : v[i].who,
		    c->ent == &entity_contact ? "" : " ", v[i].addr,
		    *v[i].error ? ": " : "", v[i].error);
	}
	c->nhistory = n;
	mail_log_free(v, n);
	return SO_OK;
}

static int
is_history(const struct card_section *s)
{
	return s->ent == NULL && strcmp(s->label, "History") == 0;
}

/* A stored value of fd by its type; NULL: audit_describe's is right. */
static char *
history_value(const struct field_desc *fd, const char *raw)
{
	char buf[48];

	if (raw == NULL || *raw == '\0')
		return xstrdup(_("(empty)"));
	switch (fd->type) {
	case FT_MONEY:
		i18n_money(strtoll(raw, NULL, 10), 1, buf, sizeof(buf));
		return xstrdup(buf);
	case FT_DATE:
		col_date(raw, buf, sizeof(buf));
		return xstrdup(buf);
	case FT_BOOL:
		return xstrdup(strcmp(raw, "0") == 0 ? _("no") : _("yes"));
	default:
		return NULL;
	}
}

char *
card_history_what(struct db *db, const struct entity *ent,
    const struct audit_row *r)
{
	const struct field_desc *fd;
	char *ov, *nv, *s;
	int fi;

	if (strcmp(r->action, "update") != 0 || r->field == NULL ||
	    (fi = entity_field(ent, r->field)) < 0)
		return audit_describe(db, ent, r);
	fd = &ent->fields[fi];
	if ((ov = history_value(fd, r->old_value)) == NULL)
		return audit_describe(db, ent, r);
	nv = history_value(fd, r->new_value);
	s = xasprintf("%s: %s -> %s", field_label(ent, fd), ov, nv);
	free(ov);
	free(nv);
	return s;
}

/* Who changed what and when, newest first, as lines. */
static int
load_history(struct card *c, struct db *db, struct so_err *err)
{
	struct audit_row *rows;
	char when[17], *what;
	size_t n, i;
	int code;

	code = audit_list(db, c->ent->name, rec_meta(c->rec)->id, &rows, &n,
	    err);
	if (code != SO_OK)
		return code;
	c->history = xcalloc(n ? n : 1, sizeof(*c->history));
	for (i = 0; i < n; i++) {
		const struct audit_row *r = &rows[n - 1 - i];

		dt_format_moment((time_t)r->at, when);
		what = card_history_what(db, c->ent, r);
		c->history[i] = xasprintf("%s %-8s %s", when, r->login ?
		    r->login : "?", what);
		free(what);
	}
	c->nhistory = n;
	audit_free(rows, n);
	return SO_OK;
}

static int
is_jobs(const struct card_section *s)
{
	return s->ent == NULL && strcmp(s->label, "Jobs") == 0;
}

static int
is_former(const struct card_section *s)
{
	return s->ent == NULL && strcmp(s->label, "Former staff") == 0;
}

static int
load_section(struct card *c, struct db *db, struct so_err *err)
{
	const struct card_section *s = &c->sec[c->sub];
	struct list_query q = { .sort = -1 };
	const struct field_desc *sf;

	rec_list_free(&c->linked);
	store_contact_jobs_free(c->jobs, c->njobs);
	c->jobs = NULL;
	c->njobs = 0;
	free_history(c);
	c->linked.ent = s->ent;
	if (c->rec && is_history(s))
		return load_history(c, db, err);
	if (c->rec && is_mailings(s))
		return load_mailings(c, db, err);
	if (c->rec && is_jobs(s))
		return store_contact_jobs(db, rec_meta(c->rec)->id, &c->jobs,
		    &c->njobs, err);
	if (s->ent == NULL || c->rec == NULL)
		return SO_OK;
	q.ref_field = s->ref_field;
	q.ref_id = rec_meta(c->rec)->id;
	q.seeing = 1;
	sf = &s->ent->fields[s->ent->default_sort];
	q.desc = sf->type == FT_MOMENT || sf->type == FT_DATE;
	return rec_list(db, s->ent, &q, LIST_FIRST, NULL, CARD_ROWS,
	    &c->linked, err);
}

int
card_load(struct card *c, struct db *db, const struct entity *ent,
    int64_t id, struct so_err *err)
{
	int code, same = c->ent == ent;

	if (!same || c->rec == NULL || rec_meta(c->rec)->id != id) {
		free(c->changed);
		c->changed = NULL;
	}
	drop_record(c);
	if (!same) {
		c->ent = ent;
		c->sub = 0;
		build_sections(c);
	}
	c->cursor = c->top = 0;
	if (id == 0)
		return SO_OK;
	c->rec = xcalloc(1, ent->size);
	if ((code = rec_get(db, ent, id, c->rec, err)) != SO_OK) {
		free(c->rec);
		c->rec = NULL;
		return code;
	}
	/* a colleague's record: no payments or members either */
	if (rec_meta(c->rec)->hidden)
		code = SO_OK;
	else if (ent == &entity_company)
		code = company_extras(c, db, err);
	else if (ent == &entity_program)
		code = program_extras(c, db, err);
	if (code != SO_OK)
		return code;
	load_phone(c, db);
	load_access(c, db);
	return load_section(c, db, err);
}

/*
 * Refetches the record.  When its version moved on, a live refresh
 * (another process committed) says who changed it; a reload after the
 * user's own write clears what an earlier refresh said.
 */
static int
reload(struct card *c, struct db *db, int live, struct so_err *err)
{
	int sub = c->sub, cursor = c->cursor, top = c->top, code;
	int64_t id = c->rec ? rec_meta(c->rec)->id : 0;
	int64_t version = c->rec ? rec_meta(c->rec)->version : 0;

	code = card_load(c, db, c->ent, id, err);
	if (code == SO_OK && c->rec && rec_meta(c->rec)->version != version) {
		free(c->changed);
		c->changed = live ? ui_changed_by(db, c->ent, id,
		    rec_meta(c->rec)->updated_at) : NULL;
	}
	c->sub = sub;
	if (code == SO_OK && sub)
		code = load_section(c, db, err);
	c->cursor = cursor;
	c->top = top;
	if (c->linked.ent && c->cursor >= (int)c->linked.n)
		c->cursor = c->linked.n ? (int)c->linked.n - 1 : 0;
	if (is_jobs(&c->sec[c->sub]) && c->cursor >= (int)c->njobs)
		c->cursor = c->njobs ? (int)c->njobs - 1 : 0;
	return code;
}

int
card_reload(struct card *c, struct db *db, struct so_err *err)
{
	return reload(c, db, 0, err);
}

int
card_refresh(struct card *c, struct db *db, struct so_err *err)
{
	return reload(c, db, 1, err);
}

int
card_key(struct card *c, struct db *db, enum action act, int height,
    struct so_err *err)
{
	int jobs = is_jobs(&c->sec[c->sub]);
	int n = c->sec[c->sub].ent ? (int)c->linked.n : jobs ?
	    (int)c->njobs : c->lines;
	int list = c->sec[c->sub].ent != NULL || jobs;

	switch (act) {
	case ACT_SUB_NEXT:
	case ACT_SUB_PREV:
		if (c->nsec == 0)
			break;
		c->sub = (c->sub + (act == ACT_SUB_NEXT ? 1 : c->nsec - 1)) %
		    c->nsec;
		c->cursor = c->top = 0;
		return load_section(c, db, err);
	case ACT_DOWN:
		if (list && c->cursor < n - 1)
			c->cursor++;
		else if (!list && c->top < n - height)
			c->top++;
		break;
	case ACT_UP:
		if (list && c->cursor > 0)
			c->cursor--;
		else if (!list && c->top > 0)
			c->top--;
		break;
	case ACT_PAGE_DOWN:
		if (list)
			c->cursor = c->cursor + height < n ? c->cursor +
			    height : n - 1;
		else
			c->top = c->top + height < n - height ? c->top +
			    height : (n > height ? n - height : 0);
		break;
	case ACT_PAGE_UP:
		if (list)
			c->cursor = c->cursor > height ? c->cursor - height : 0;
		else
			c->top = c->top > height ? c->top - height : 0;
		break;
	case ACT_HOME:
		c->cursor = c->top = 0;
		break;
	case ACT_END:
		if (list)
			c->cursor = n - 1;
		else
			c->top = n > height ? n - height : 0;
		break;
	default:
		break;
	}
	if (c->cursor < 0)
		c->cursor = 0;
	return SO_OK;
}

int
card_target(const struct card *c, const struct entity **ent, int64_t *id)
{
	if (c->sec[c->sub].ent == NULL || c->linked.n == 0)
		return 0;
	*ent = c->sec[c->sub].ent;
	*id = rec_meta(rec_list_at(&c->linked, (size_t)c->cursor))->id;
	return 1;
}

/* ---- the Jobs section: a job entered by hand ---- */

int
card_on_jobs(const struct card *c)
{
	return c->rec && c->ent == &entity_contact &&
	    is_jobs(&c->sec[c->sub]);
}

/* Whether some company's name has the text (the prompt's check). */
static int
check_company(const char *text, void *arg, char *msg, size_t msgsz)
{
	struct db *db = arg;
	struct rec_pick *p;
	struct so_err err;
	size_t n;

	if (*text == '\0') {
		snprintf(msg, msgsz, "%s", _("type a part of the company's "
		    "name"));
		return -1;
	}
	if (rec_pick(db, &entity_company, text, 1, &p, &n, &err) != SO_OK) {
		snprintf(msg, msgsz, "%s", err.msg);
		return -1;
	}
	rec_pick_free(p, n);
	if (n == 0) {
		snprintf(msg, msgsz, _("no company's name has \"%s\""), text);
		return -1;
	}
	return 0;
}

/*
 * The company the text names: the only match, the one named exactly,
 * or the one chosen from a pick-list of them (with their city).
 * 0: none chosen (Esc).
 */
static int64_t
choose_company(struct db *db, const char *text)
{
	const struct field_desc *fd;
	struct rec_pick *p;
	struct so_err err;
	const char **items;
	char *want, *t;
	size_t n, i, exact = 0, nexact = 0;
	int64_t id = 0;
	int k;

	fd = &entity_contact.fields[entity_field(&entity_contact,
	    "company_id")];
	if (rec_ref_pick(db, fd, text, 50, NULL, &p, &n, &err) != SO_OK) {
		ui_message("%s", err.msg);
		return 0;
	}
	want = utf8_fold(text);
	for (i = 0; i < n; i++) {
		t = utf8_fold(p[i].title);
		if (strcmp(t, want) == 0) {
			exact = i;
			nexact++;
		}
		free(t);
	}
	free(want);
	if (n == 1 || nexact == 1)
		id = p[n == 1 ? 0 : exact].id;
	else if (n > 1) {
		items = xcalloc(n, sizeof(*items));
		for (i = 0; i < n; i++)
			items[i] = p[i].detail ? xasprintf("%s  %s",
			    p[i].title, p[i].detail) : xstrdup(p[i].title);
		if ((k = ui_menu(3, 4, LINES - 4, _("Which company?"), items,
		    (int)n)) >= 0)
			id = p[k].id;
		for (i = 0; i < n; i++)
			free((char *)items[i]);
		free(items);
	}
	rec_pick_free(p, n);
	return id;
}

/* A day as every date field takes it ("30.06.2019", "2019-06-30"). */
static int
check_day(const char *text, void *arg, char *msg, size_t msgsz)
{
	struct db *db = arg;
	char ymd[11];

	if (*text == '\0') {
		snprintf(msg, msgsz, "%s", _("a date is needed"));
		return -1;
	}
	return dt_parse_date(text, db_now(db), ymd, msg, msgsz) == 0 ? 0 :
	    -1;
}

/* Asks for a day, init shown; 1 with *out its start, 0 on Esc. */
static int
ask_day(struct db *db, const char *label, int64_t init, int64_t *out)
{
	char buf[11] = "", ymd[11], msg[160], *text;
	int ok;

	if (init)
		dt_format_date((time_t)init, buf);
	if ((text = ui_prompt_checked(label, buf, check_day, db)) == NULL)
		return 0;
	ok = dt_parse_date(text, db_now(db), ymd, msg, sizeof(msg)) == 0;
	free(text);
	if (ok)
		*out = (int64_t)dt_date_start(ymd, 0);
	return ok;
}

/*
 * The prompts of a job from step on (0 the company, 1 the position, 2
 * the start, 3 the end); the current job's company and end are the
 * contact's, not asked.  0 when the user left with Esc.
 */
static int
ask_job(struct db *db, struct contact_job *j, int current, int step)
{
	char *text;
	int64_t id;

	if (step <= 0 && !current) {
		text = ui_prompt_checked(_("Company: "), j->company ?
		    j->company : "", check_company, db);
		if (text == NULL)
			return 0;
		id = choose_company(db, text);
		free(text);
		if (id == 0)
			return 0;
		j->company_id = id;
		free(j->company);
		j->company = store_lookup_title(db, &entity_company, id);
	}
	if (step <= 1) {
		if ((text = ui_prompt_checked(_("Position: "), j->position ?
		    j->position : "", NULL, NULL)) == NULL)
			return 0;
		free(j->position);
		j->position = text;
	}
	if (step <= 2 && !ask_day(db, _("Started (date): "), j->started_at,
	    &j->started_at))
		return 0;
	if (!current && !ask_day(db, _("Ended (date): "), j->ended_at,
	    &j->ended_at))
		return 0;
	return 1;
}

/* Where the prompts start again after the store refused field. */
static int
job_step(const char *field)
{
	if (strcmp(field, "company_id") == 0)
		return 0;
	if (strcmp(field, "started_at") == 0)
		return 2;
	return 3;
}

/* Adds a past job (add) or changes the one under the cursor. */
static void
job_edit(struct card *c, struct db *db, int add)
{
	struct contact_job j = { 0 };
	struct so_err err;
	int64_t contact = rec_meta(c->rec)->id;
	int current = 0, step = 0, code;
	size_t i;

	if (!add) {
		if (c->cursor >= (int)c->njobs)
			return;
		j = c->jobs[c->cursor];
		j.company = xstrdup(j.company);
		j.position = xstrdup(j.position);
		current = j.ended_at == 0;
	}
	for (;;) {
		if (!ask_job(db, &j, current, step))
			goto out;
		if ((code = store_contact_job_save(db, contact, &j, &err)) ==
		    SO_OK)
			break;
		/* refused: the same prompts again from the field named,
		 * with what was typed, and why above them */
		ui_prompt_error(err.msg, 0);
		if (code != SO_EINVAL || err.field[0] == '\0') {
			ui_prompt_error(NULL, 0);
			ui_message("%s", err.msg);
			goto out;
		}
		step = job_step(err.field);
	}
	ui_message("%s", add ? _("Job added") : _("Job saved"));
	if (card_reload(c, db, &err) != SO_OK)
		ui_message("%s", err.msg);
	for (i = 0; i < c->njobs; i++)
		if (c->jobs[i].id == j.id)
			c->cursor = (int)i;
out:
	free(j.company);
	free(j.position);
}

/* Removes the past job under the cursor, once confirmed. */
static void
job_delete(struct card *c, struct db *db)
{
	const struct contact_job *j;
	struct so_err err;
	char *q;

	if (c->cursor >= (int)c->njobs)
		return;
	j = &c->jobs[c->cursor];
	if (j->ended_at == 0) {
		ui_message("%s", _("The current job is the contact's Company: "
		    "change it on the contact"));
		return;
	}
	q = xasprintf(_("Remove the job at %s from the history?"),
	    j->company);
	if (ui_confirm(q)) {
		if (store_contact_job_delete(db, rec_meta(c->rec)->id, j->id,
		    &err) != SO_OK)
			ui_message("%s", err.msg);
		else
			ui_message("%s", _("Job removed"));
		if (card_reload(c, db, &err) != SO_OK)
			ui_message("%s", err.msg);
	}
	free(q);
}

int
card_job_key(struct card *c, struct db *db, enum action act)
{
	if (!card_on_jobs(c) || (act != ACT_ADD && act != ACT_EDIT &&
	    act != ACT_DELETE))
		return 0;
	if (c->readonly) {
		ui_message("%s", c->readonly);
		return 1;
	}
	if (act == ACT_DELETE)
		job_delete(c, db);
	else
		job_edit(c, db, act == ACT_ADD);
	return 1;
}

/* ---- drawing ---- */

static void
draw_tabs(const struct card *c, int y, int x, int w)
{
	int i, cx = x, first = 0, used;

	/* Start late enough that the current section is visible. */
	do {
		used = 0;
		for (i = first; i <= c->sub; i++)
			used += utf8_width(section_name(c, i)) + 2;
	} while (used > w && ++first < c->sub);
	draw_fill(y, x, 1, w, UA_NORMAL);
	for (i = first; i < c->nsec && cx < x + w; i++) {
		char *t = xasprintf(" %s ", section_name(c, i));
		int tw = utf8_width(t);

		if (cx + tw > x + w)
			tw = x + w - cx;
		draw_text(y, cx, tw, t, i == c->sub ? UA_TAB : UA_DIM);
		cx += tw;
		free(t);
	}
}

/* A field's value on Info: as the store formats it, money as every
 * screen shows it. */
static char *
info_value(const struct entity *ent, int fi, const void *rec)
{
	const struct field_desc *fd = &ent->fields[fi];
	char buf[48];

	/* a colleague's record: its title, not its details */
	if (rec_meta((void *)rec)->hidden && acl_field_is_detail(ent, fi))
		return xstrdup(fd->type == FT_MEMO || fd->type == FT_TEXT ||
		    fd->type == FT_PHONE || fd->type == FT_EMAIL ||
		    fd->type == FT_URL ? _("(not yours to read)") : "");
	if (fd->type == FT_MONEY && !field_is_empty(fd, rec)) {
		col_money(field_int_c(fd, rec), buf, sizeof(buf));
		return xstrdup(buf);
	}
	return col_value(ent, fi, rec);
}

/* The widest word of s (a label must never be split inside one). */
static int
widest_word(const char *s)
{
	size_t len;
	int w = 0;

	for (s += strspn(s, " "); *s; s += strspn(s, " ")) {
		len = strcspn(s, " ");
		if (utf8_width_n(s, len) > w)
			w = utf8_width_n(s, len);
		s += len;
	}
	return w;
}

/* The Info lines: label and value, each wrapped at word boundaries in
 * its column; the label column as wide as the longest label when that
 * leaves room for values, else labels wrap too ("Remind (min" /
 * "before)") -- never cut, and never into the value. */
struct info_line {
	const char	*label;
	char		*value;		/* owned */
};

static size_t
info_lines(struct card *c, struct info_line **out)
{
	const struct entity *ent = c->ent;
	struct info_line *v = xcalloc((size_t)ent->nfields + c->nextra + 2,
	    sizeof(*v));
	char when[17];
	size_t n = 0, k;
	int i;

	for (i = 0; i < ent->nfields; i++) {
		if (ent->fields[i].flags & F_HIDDEN)
			continue;
		v[n].label = field_label(ent, &ent->fields[i]);
		v[n++].value = info_value(ent, i, c->rec);
		/* whom to call, under the person to call */
		if (c->phone && strcmp(ent->fields[i].name, "contact_id") == 0) {
			v[n].label = _("Phone");
			v[n++].value = xstrdup(c->phone);
		}
	}
	dt_format_moment((time_t)rec_meta(c->rec)->updated_at, when);
	v[n].label = _("Changed");
	v[n++].value = xasprintf(_("%s (version %lld)"), when,
	    (long long)rec_meta(c->rec)->version);
	for (k = 0; k < c->nextra; k++) {
		v[n].label = c->extra[2 * k];
		v[n++].value = xstrdup(c->extra[2 * k + 1]);
	}
	*out = v;
	return n;
}

/* Lines of s wrapped in w columns (at least one). */
static int
wrap_count(const char *s, int w)
{
	size_t next;
	int n = 0;

	do {
		utf8_wrap(s, w, &next);
		s += next;
		n++;
	} while (*s);
	return n;
}

/* Draws line `nth` of s wrapped in w columns (blank past the end). */
static void
draw_wrapped_line(int y, int x, int w, const char *s, int nth,
    enum ui_attr a)
{
	size_t len, next;
	char *part;
	int i;

	for (i = 0;; i++) {
		len = utf8_wrap(s, w, &next);
		if (i == nth) {
			part = xstrndup(s, len);
			break;
		}
		s += next;
		if (*s == '\0') {
			part = xstrdup("");
			break;
		}
	}
	draw_text(y, x, w, part, a);
	free(part);
}

static void
draw_info(struct card *c, int y, int x, int h, int w)
{
	struct info_line *v;
	size_t n, k;
	int lw = 7, word = 0, vw, line = 0, j, rows;

	n = info_lines(c, &v);
	for (k = 0; k < n; k++) {
		lw = col_want(lw, v[k].label);
		if (widest_word(v[k].label) > word)
			word = widest_word(v[k].label);
	}
	/* the longest label, when it leaves the values two thirds;
	 * never narrower than a label's longest word */
	if (lw > w / 3)
		lw = word > w / 3 ? word : w / 3;
	if (lw > w / 2)
		lw = w / 2;
	vw = w - lw - 1;
	for (k = 0; k < n; k++) {
		int lrows = wrap_count(v[k].label, lw);

		rows = wrap_count(v[k].value, vw);
		if (lrows > rows)
			rows = lrows;
		for (j = 0; j < rows; j++, line++) {
			int sy = y + line - c->top;

			if (line < c->top || line - c->top >= h)
				continue;
			draw_wrapped_line(sy, x, lw, v[k].label, j, UA_DIM);
			draw_text(sy, x + lw, 1, " ", UA_NORMAL);
			draw_wrapped_line(sy, x + lw + 1, vw, v[k].value, j,
			    UA_NORMAL);
		}
		free(v[k].value);
	}
	free(v);
	c->lines = line;
	for (; line - c->top < h; line++)
		if (line >= c->top)
			draw_fill(y + line - c->top, x, 1, w, UA_NORMAL);
}

#define MAX_COLS	32

/*
 * A section's rows in the list's columns (lv_columns: events with date
 * and status, deals with stage and amount, contacts with position and
 * phone), as wide as the section's own data: a column nobody filled in
 * is left out.
 */
static int
linked_columns(const struct card *c, int w, int *fields, struct column *cols)
{
	const struct entity *e = c->sec[c->sub].ent;
	int n, i, base;
	size_t r;
	/* Not the card itself on every row, nor whose each row is (Info
	 * says whose the client is; History who did what). */
	const char *skip[] = { c->sec[c->sub].ref_field, "manager_id",
	    "assignee_id", NULL };

	n = lv_columns(e, skip, fields, cols, MAX_COLS);
	for (i = 0; i < n; i++) {
		base = cols[i].want;
		cols[i].want = 0;
		for (r = 0; r < c->linked.n; r++) {
			char *v = col_field_text(e, fields[i],
			    rec_list_at(&c->linked, r));

			cols[i].want = col_want(cols[i].want, v);
			free(v);
		}
		if (cols[i].flags & COL_SHRINK)
			cols[i].pref = base;
		else if (cols[i].want > base) {
			cols[i].flags |= COL_SHRINK;
			cols[i].min = cols[i].pref = base;
		}
	}
	col_layout(cols, n, w, 1);
	/* A narrow card still says what each row is: the name or subject
	 * below its minimum rather than left out. */
	for (i = 0; i < n; i++)
		if ((cols[i].flags & COL_FILL) && cols[i].width == 0 &&
		    cols[i].want > 0) {
			cols[i].min = 4;
			col_layout(cols, n, w, 1);
			break;
		}
	return n;
}

static void
draw_linked(struct card *c, int y, int x, int h, int w, int focused)
{
	const struct entity *e = c->sec[c->sub].ent;
	struct column cols[MAX_COLS];
	int fields[MAX_COLS], ncol, r, i;
	const char *cells[MAX_COLS];
	char *texts[MAX_COLS];

	if (c->cursor < c->top)
		c->top = c->cursor;
	if (c->cursor >= c->top + h)
		c->top = c->cursor - h + 1;
	ncol = linked_columns(c, w - 1, fields, cols);
	for (r = 0; r < h; r++) {
		int idx = c->top + r;
		enum ui_attr a = UA_NORMAL;
		void *rec;

		if (idx >= (int)c->linked.n) {
			draw_fill(y + r, x, 1, w, UA_NORMAL);
			continue;
		}
		if (idx == c->cursor && focused)
			a = UA_SELECT;
		rec = rec_list_at(&c->linked, (size_t)idx);
		for (i = 0; i < ncol; i++) {
			texts[i] = cols[i].width > 0 ? col_field_text(e,
			    fields[i], rec) : NULL;
			cells[i] = texts[i];
		}
		col_draw_row(y + r, x, w, cols, ncol, 1, cells, a);
		for (i = 0; i < ncol; i++)
			free(texts[i]);
	}
	if (c->linked.n == 0)
		draw_text(y, x + 1, w - 1, _("(none: press a to add one)"),
		    UA_DIM);
}

/* A contact's employment history: period, company, position; the
 * row under the cursor is the one e and d act on. */
static void
draw_jobs(struct card *c, int y, int x, int h, int w, int focused)
{
	char from[11], to[11];
	size_t i;
	int r = 0;

	if (c->cursor < c->top)
		c->top = c->cursor;
	if (c->cursor >= c->top + h)
		c->top = c->cursor - h + 1;
	for (i = (size_t)c->top; i < c->njobs && r < h; i++, r++) {
		const char *end;
		char *line;
		int pad;

		dt_format_date((time_t)c->jobs[i].started_at, from);
		if (c->jobs[i].ended_at)
			dt_format_date((time_t)c->jobs[i].ended_at, to);
		/* as wide as a date, in display columns ("сейчас") */
		end = c->jobs[i].ended_at ? to : _("now");
		pad = 10 - utf8_width(end);
		line = xasprintf("%s - %s%*s  %s%s%s", from, end,
		    pad > 0 ? pad : 0, "", c->jobs[i].company,
		    *c->jobs[i].position ? ", " : "", c->jobs[i].position);
		draw_fill(y + r, x, 1, w, UA_NORMAL);
		draw_text(y + r, x, w, line, focused && (int)i == c->cursor ?
		    UA_SELECT : UA_NORMAL);
		free(line);
	}
	if (c->njobs == 0)
		draw_text(y + r++, x + 1, w - 1, _("(no companies recorded: "
		    "press a to add a past job)"), UA_DIM);
	for (; r < h; r++)
		draw_fill(y + r, x, 1, w, UA_NORMAL);
}

/* People who worked at the company: period, name, position. */
static void
draw_former(struct card *c, int y, int x, int h, int w)
{
	char from[11], to[11];
	size_t i;
	int r = 0;

	for (i = 0; i < c->nformer && r < h; i++, r++) {
		const struct former_employee *f = &c->former[i];
		char *line;

		dt_format_date((time_t)f->started_at, from);
		dt_format_date((time_t)f->ended_at, to);
		line = xasprintf("%s - %s  %s%s%s", from, to, f->name,
		    *f->position ? ", " : "", f->position);
		draw_text(y + r, x, w, line, UA_NORMAL);
		free(line);
	}
	if (c->nformer == 0)
		draw_text(y + r++, x + 1, w - 1, _("(nobody has left)"),
		    UA_DIM);
	for (; r < h; r++)
		draw_fill(y + r, x, 1, w, UA_NORMAL);
}

static void
draw_history(struct card *c, int y, int x, int h, int w)
{
	int r;

	if (c->top > (int)c->nhistory - h)
		c->top = (int)c->nhistory > h ? (int)c->nhistory - h : 0;
	for (r = 0; r < h; r++) {
		draw_fill(y + r, x, 1, w, UA_NORMAL);
		if (c->top + r < (int)c->nhistory)
			draw_text(y + r, x, w, c->history[c->top + r],
			    UA_NORMAL);
	}
	c->lines = (int)c->nhistory;
}

/* The record's name for the border: its first text field. */
static char *
card_title(const struct card *c)
{
	int i;

	for (i = 0; i < c->ent->nfields; i++)
		if (c->ent->fields[i].type == FT_TEXT ||
		    c->ent->fields[i].type == FT_URL)
			return field_format_shown(c->ent, i, c->rec);
	return xstrdup(entity_label(c->ent));
}

void
card_draw(struct card *c, int y, int x, int h, int w, int focused)
{
	char *name = c->rec ? card_title(c) : NULL;
	struct strbuf t = { 0 };

	/* "ООО Ромашка [read-only: bob's] - changed by bob at 10:42" */
	sb_add(&t, name ? name : "");
	if (c->rec && c->readonly && c->owner)
		sb_printf(&t, _(" [read-only: %s's]"), c->owner);
	else if (c->rec && c->readonly)
		sb_add(&t, _(" [read-only]"));
	if (c->rec && rec_incomplete(c->ent, c->rec))
		sb_add(&t, _(" [incomplete]"));
	if (c->rec && c->changed)
		sb_printf(&t, " - %s", c->changed);
	draw_box(y, x, h, w, sb_str(&t));
	sb_free(&t);
	free(name);
	if (c->rec == NULL) {
		draw_fill(y + 1, x + 1, h - 2, w - 2, UA_NORMAL);
		draw_text(y + 1, x + 2, w - 4, _("(nothing selected)"),
		    UA_DIM);
		return;
	}
	draw_tabs(c, y + 1, x + 1, w - 2);
	if (c->sec[c->sub].ent)
		draw_linked(c, y + 2, x + 1, h - 3, w - 2, focused);
	else if (is_jobs(&c->sec[c->sub]))
		draw_jobs(c, y + 2, x + 1, h - 3, w - 2, focused);
	else if (is_former(&c->sec[c->sub]))
		draw_former(c, y + 2, x + 1, h - 3, w - 2);
	else if (is_history(&c->sec[c->sub]) ||
	    is_mailings(&c->sec[c->sub]))
		draw_history(c, y + 2, x + 1, h - 3, w - 2);
	else
		draw_info(c, y + 2, x + 1, h - 3, w - 2);
}
