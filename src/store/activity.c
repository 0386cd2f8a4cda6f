/*
 * The activity report's column rules; see include/store/activity.h.
 * The figures they count are report_activity.c's; the work journal
 * (report_journal.c) counts its meetings set by one of them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "store/activity.h"
#include "store/lookup.h"
#include "store/settings.h"

/* The labels are column headings, translated where shown (_()). */
const struct activity_col_desc activity_cols[ACT_NCOLS] = {
	[ACT_COLD_CALLS] = { "report.activity.cold_calls",
	    N_("Cold calls") },
	[ACT_REACHED_DM] = { "report.activity.reached_dm",
	    /* TRANSLATORS: DM, the decision maker (ЛПР). */
	    N_("Reached DM") },
	[ACT_PROPOSALS] = { "report.activity.proposals", N_("Proposals") },
	[ACT_REPEAT_CALLS] = { "report.activity.repeat_calls",
	    N_("Repeat calls") },
	[ACT_PRODUCTIVE] = { "report.activity.productive",
	    N_("Productive") },
	[ACT_MEETINGS_SET] = { "report.activity.meetings_set",
	    N_("Meetings set") },
	[ACT_MEETINGS_HELD] = { "report.activity.meetings_held",
	    N_("Meetings held") },
	[ACT_INVOICES] = { "report.activity.invoices", N_("Invoices") },
};

/* ---- rules ---- */

void
activity_rule_clear(struct activity_rule *r)
{
	free(r->types);
	free(r->results);
	free(r->value);
	free(r->words);
	memset(r, 0, sizeof(*r));
}

void
activity_rules_clear(struct activity_rule rules[ACT_NCOLS])
{
	int i;

	for (i = 0; i < ACT_NCOLS; i++)
		activity_rule_clear(&rules[i]);
}

static char *
trim_dup(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

/* "call, meeting, email" from a lookup list, for a message. */
static void
code_list(const struct lookup_row *rows, size_t n, struct strbuf *b)
{
	size_t i;

	for (i = 0; i < n; i++)
		sb_printf(b, "%s%s", i ? ", " : "", rows[i].code);
}

/*
 * Parses a comma-separated list of codes (text, len bytes) into ids and
 * names ("Call or Meeting" into words): of results, else event types.
 */
static int
parse_codes(const char *name, int results, const char *text,
    size_t len, const struct lookup_row *rows, size_t nrows, int64_t **ids,
    size_t *nids, struct strbuf *words, struct so_err *err)
{
	struct strbuf known = { 0 };
	const char *p = text, *end = text + len, *comma;
	char *code;
	size_t i;

	for (;;) {
		comma = memchr(p, ',', (size_t)(end - p));
		code = trim_dup(p, (size_t)((comma ? comma : end) - p));
		for (i = 0; i < nrows; i++)
			if (strcmp(rows[i].code, code) == 0)
				break;
		if (i == nrows) {
			code_list(rows, nrows, &known);
			if (results && *code)
				so_err_field(err, SO_EINVAL, name, _("%s: no "
				    "result \"%s\" (the results are %s)"),
				    name, code, sb_str(&known));
			else if (results)
				so_err_field(err, SO_EINVAL, name, _("%s: an "
				    "empty result code (the results are %s)"),
				    name, sb_str(&known));
			else if (*code)
				so_err_field(err, SO_EINVAL, name, _("%s: no "
				    "event type \"%s\" (the event types are "
				    "%s)"), name, code, sb_str(&known));
			else
				so_err_field(err, SO_EINVAL, name, _("%s: an "
				    "empty event type code (the event types "
				    "are %s)"), name, sb_str(&known));
			sb_free(&known);
			free(code);
			return SO_EINVAL;
		}
		*ids = xrealloc(*ids, (*nids + 1) * sizeof(**ids));
		(*ids)[(*nids)++] = rows[i].id;
		/* TRANSLATORS: between two names in a list: "Call or
		 * Meeting". */
		sb_printf(words, "%s%s", *nids > 1 ? _(" or ") : "",
		    rows[i].name);
		free(code);
		if (comma == NULL)
			return SO_OK;
		p = comma + 1;
	}
}

static int
parse_results(struct db *db, const char *name, const char *text, size_t len,
    struct activity_rule *r, struct strbuf *words, struct so_err *err)
{
	struct lookup_row *rows;
	size_t n, i;
	int code;

	if (len == 1 && *text == '*') {
		r->any_result = 1;
		/* TRANSLATORS: the parts of a rule's description: "Call or
		 * Meeting, any result, only the first done touch of the
		 * company". */
		sb_add(words, _("any result"));
		return SO_OK;
	}
	code = settings_lookup_list(db, LOOKUP_EVENT_RESULTS, &rows, &n, err);
	if (code != SO_OK)
		return code;
	if (len == 10 && memcmp(text, "productive", 10) == 0) {
		sb_add(words, _("a productive result"));
		for (i = 0; i < n; i++)
			if (rows[i].productive) {
				r->results = xrealloc(r->results,
				    (r->nresults + 1) * sizeof(int64_t));
				r->results[r->nresults++] = rows[i].id;
			}
	} else {
		/* TRANSLATORS: followed by the results' names. */
		sb_add(words, _("result "));
		code = parse_codes(name, 1, text, len, rows, n,
		    &r->results, &r->nresults, words, err);
	}
	settings_lookup_free(rows, n);
	return code;
}

static int
parse_types(struct db *db, const char *name, const char *text, size_t len,
    struct activity_rule *r, struct strbuf *words, struct so_err *err)
{
	struct lookup_row *rows;
	size_t n;
	int code;

	if (len == 1 && *text == '*') {
		r->any_type = 1;
		sb_add(words, _("any event"));
		return SO_OK;
	}
	code = settings_lookup_list(db, LOOKUP_EVENT_TYPES, &rows, &n, err);
	if (code != SO_OK)
		return code;
	code = parse_codes(name, 0, text, len, rows, n, &r->types,
	    &r->ntypes, words, err);
	settings_lookup_free(rows, n);
	return code;
}

int
activity_rule_parse(struct db *db, const char *name, const char *value,
    struct activity_rule *out, struct so_err *err)
{
	struct strbuf words = { 0 };
	const char *c1, *c2, *tail;
	int code;

	memset(out, 0, sizeof(*out));
	out->value = xstrdup(value);
	if (strcmp(value, "off") == 0) {
		out->off = 1;
		out->words = xstrdup(_("not counted"));
		return SO_OK;
	}
	if ((c1 = strchr(value, ':')) == NULL || c1 == value ||
	    c1[1] == '\0' || c1[1] == ':') {
		activity_rule_clear(out);
		return so_err_field(err, SO_EINVAL, name, _("%s: TYPES:RESULTS"
		    "[:first|:repeat] or off, as call:*:first or "
		    "*:proposal_sent, not \"%s\""), name, value);
	}
	c2 = strchr(c1 + 1, ':');
	tail = c2 ? c2 + 1 : NULL;
	if (tail && strcmp(tail, "first") != 0 && strcmp(tail, "repeat") != 0) {
		code = so_err_field(err, SO_EINVAL, name, _("%s: the end is "
		    ":first or :repeat, not \":%s\""), name, tail);
		activity_rule_clear(out);
		return code;
	}
	out->touch = tail == NULL ? ACT_ANY_TOUCH : *tail == 'f' ? ACT_FIRST :
	    ACT_REPEAT;
	code = parse_types(db, name, value, (size_t)(c1 - value), out, &words,
	    err);
	sb_add(&words, ", ");
	if (code == SO_OK)
		code = parse_results(db, name, c1 + 1, c2 ? (size_t)(c2 - c1 -
		    1) : strlen(c1 + 1), out, &words, err);
	if (code != SO_OK) {
		sb_free(&words);
		activity_rule_clear(out);
		return code;
	}
	if (out->touch == ACT_FIRST)
		sb_add(&words, _(", only the first done touch of the company"));
	else if (out->touch == ACT_REPEAT)
		sb_add(&words, _(", only when the company was touched "
		    "before"));
	out->words = sb_steal(&words);
	return SO_OK;
}

/* settings_set_text's check of a report.activity.* value. */
static int
check_rule(struct db *db, const char *name, const char *value,
    struct so_err *err)
{
	struct activity_rule rule;
	int code;

	if ((code = activity_rule_parse(db, name, value, &rule, err)) !=
	    SO_OK)
		return code;
	activity_rule_clear(&rule);
	return SO_OK;
}

/* settings.c stands below this file, so it learns the check here, once,
 * before main() (every program linked with the store has it). */
__attribute__((constructor)) static void
register_check(void)
{
	settings_set_rule_check(check_rule);
}

int
activity_rules_load(struct db *db, struct activity_rule rules[ACT_NCOLS],
    struct so_err *err)
{
	char *v;
	int i, code;

	memset(rules, 0, ACT_NCOLS * sizeof(*rules));
	for (i = 0; i < ACT_NCOLS; i++) {
		v = settings_get_text(db, activity_cols[i].setting);
		code = activity_rule_parse(db, activity_cols[i].setting,
		    v ? v : "off", &rules[i], err);
		free(v);
		if (code != SO_OK) {
			activity_rules_clear(rules);
			return code;
		}
	}
	return SO_OK;
}

static int
has_id(const int64_t *v, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == id)
			return 1;
	return 0;
}

int
activity_rule_needs_touch(const struct activity_rule *r)
{
	return !r->off && r->touch != ACT_ANY_TOUCH;
}

int
activity_rule_match(const struct activity_rule *r,
    const struct activity_event *e)
{
	if (r->off)
		return 0;
	if (!r->any_type && !has_id(r->types, r->ntypes, e->type_id))
		return 0;
	if (!r->any_result && !has_id(r->results, r->nresults, e->result_id))
		return 0;
	if (r->touch != ACT_ANY_TOUCH && e->merged)
		return 0;
	if (r->touch == ACT_FIRST)
		return e->first;
	if (r->touch == ACT_REPEAT)
		return !e->first;
	return 1;
}

int
activity_first_touch(struct db *db, int64_t company_id, int64_t contact_id,
    int64_t start_at, int *first, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	*first = 1;
	if (company_id <= 0 && contact_id <= 0)
		return SO_OK;
	/* A merge's message is no touch: one seek by its id each. */
	code = db_prepare(db, company_id > 0 ?
	    "SELECT 1 FROM events WHERE company_id = ?1 AND status = 'done' "
	    "AND deleted_at IS NULL AND rrule = '' AND start_at < ?2 "
	    "AND NOT EXISTS (SELECT 1 FROM merge_messages "
	    "WHERE event_id = events.id) LIMIT 1" :
	    "SELECT 1 FROM events WHERE contact_id = ?1 AND company_id IS NULL "
	    "AND status = 'done' AND deleted_at IS NULL AND rrule = '' "
	    "AND start_at < ?2 AND NOT EXISTS (SELECT 1 FROM merge_messages "
	    "WHERE event_id = events.id) LIMIT 1", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, company_id > 0 ? company_id : contact_id);
	sqlite3_bind_int64(st, 2, start_at);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc == SQLITE_ROW)
		*first = 0;
	else if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("looking for an earlier touch"),
		    err);
	return SO_OK;
}
