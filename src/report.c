/*
 * What the reports share: the table of reports (added when the builders
 * land) and how money is written on paper.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "datetime.h"
#include "report.h"
#include "store/lookup.h"
#include "util.h"

/*
 * 123456789 -> "1 234 567.89": groups of three split by a space, the
 * way Russian forms write sums (a no-break space would confuse a
 * spreadsheet reading the CSV), and always two decimals.
 */
void
report_money(int64_t minor, char *buf, size_t size)
{
	char digits[32], out[48];
	uint64_t u;
	size_t n, i, o = 0;

	u = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;
	snprintf(digits, sizeof(digits), "%" PRIu64, u / 100);
	n = strlen(digits);
	if (minor < 0)
		out[o++] = '-';
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ' ';
		out[o++] = digits[i];
	}
	snprintf(out + o, sizeof(out) - o, ".%02u", (unsigned)(u % 100));
	snprintf(buf, size, "%s", out);
}

char *
report_user_label(const char *login, const char *full_name)
{
	if (full_name == NULL || *full_name == '\0')
		return xstrdup(login ? login : "");
	return xasprintf("%s (%s)", full_name, login ? login : "");
}

int
report_begin(struct db *db, const struct report_query *q, const char *title,
    struct doc *out, struct so_err *err)
{
	struct user_brief u;
	char period[32], made[17], *who, *gen;
	int64_t uid;
	int code;

	doc_init(out, title);
	if (*q->to == '\0' || strcmp(q->from, q->to) == 0)
		snprintf(period, sizeof(period), "%s", q->from);
	else if (*q->from == '\0')
		snprintf(period, sizeof(period), "up to %s", q->to);
	else
		snprintf(period, sizeof(period), "%s - %s", q->from, q->to);
	if (q->all)
		who = xstrdup("all managers");
	else {
		uid = q->user_id ? q->user_id : db_user_id(db);
		if ((code = store_user_get(db, uid, &u, err)) != SO_OK) {
			doc_free(out);
			return code;
		}
		who = report_user_label(u.login, u.full_name);
		store_user_brief_clear(&u);
	}
	dt_format_moment((time_t)(q->now ? q->now : db_now(db)), made);
	gen = xasprintf("made %s by %s", made, db_user_login(db));
	doc_meta(out, period, who, gen);
	free(who);
	free(gen);
	return SO_OK;
}
