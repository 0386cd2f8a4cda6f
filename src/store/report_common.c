/*
 * What the report queries share; see include/store/report_common.h.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/entity.h"
#include "store/report_common.h"

int
rep_period_make(const char *from, const char *to, struct rep_period *p,
    struct so_err *err)
{
	memset(p, 0, sizeof(*p));
	from = from ? from : "";
	to = to ? to : "";
	if (*from && !dt_valid_date(from))
		return so_err_field(err, SO_EINVAL, "from", _("From: \"%s\" is "
		    "not a date (YYYY-MM-DD)"), from);
	if (*to && !dt_valid_date(to))
		return so_err_field(err, SO_EINVAL, "to", _("To: \"%s\" is not "
		    "a date (YYYY-MM-DD)"), to);
	if (*to == '\0')
		to = from;
	if (*from && strcmp(to, from) < 0)
		return so_err_field(err, SO_EINVAL, "to", _("To: %s is before "
		    "the start of the period, %s"), to, from);
	snprintf(p->from, sizeof(p->from), "%s", from);
	snprintf(p->to, sizeof(p->to), "%s", to);
	p->lo = *from ? (int64_t)dt_date_start(from, 0) : 0;
	p->hi = *to ? (int64_t)dt_date_start(to, 1) : INT64_MAX;
	return SO_OK;
}

int
rep_day_range(const char *from, const char *to, int64_t *start,
    int64_t *end, struct so_err *err)
{
	if (*from && !dt_valid_date(from))
		return so_err_field(err, SO_EINVAL, "from", _("from: a date as "
		    "2026-11-23, not \"%s\""), from);
	if (*to && !dt_valid_date(to))
		return so_err_field(err, SO_EINVAL, "to", _("to: a date as "
		    "2026-11-23, not \"%s\""), to);
	if (*from && *to && strcmp(from, to) > 0)
		return so_err_field(err, SO_EINVAL, "to", _("the period ends "
		    "(%s) before it starts (%s)"), to, from);
	*start = *from ? dt_date_start(from, 0) : INT64_MIN;
	*end = *to ? dt_date_start(to, 1) : INT64_MAX;
	return SO_OK;
}

void
rep_touch_read(sqlite3_stmt *st, int col, struct rep_touch *t)
{
	t->id = sqlite3_column_int64(st, col);
	t->at = sqlite3_column_int64(st, col + 1);
	t->type = db_text_dup(st, col + 2);
	t->result = db_text_dup(st, col + 3);
	t->type_code = db_text_dup(st, col + 4);
	t->result_code = db_text_dup(st, col + 5);
}

void
rep_touch_clear(struct rep_touch *t)
{
	free(t->type);
	free(t->result);
	free(t->type_code);
	free(t->result_code);
	memset(t, 0, sizeof(*t));
}

void
rep_bind_text(sqlite3_stmt *st, int i, const char *text)
{
	if (text && *text)
		sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void
rep_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id == SO_NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, id);
}

char *
rep_person_name(const char *last, const char *first, const char *middle)
{
	const char *part[3] = { last, first, middle };
	struct strbuf b = { 0 };
	int i;

	for (i = 0; i < 3; i++) {
		if (part[i] == NULL || *part[i] == '\0')
			continue;
		if (b.len)
			sb_addc(&b, ' ');
		sb_add(&b, part[i]);
	}
	return b.s ? sb_steal(&b) : xstrdup("");
}
