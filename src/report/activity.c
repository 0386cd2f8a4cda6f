/*
 * The activity report as a document: one landscape table, each manager
 * a group of a row per day with something counted (store/activity.h
 * decides what counts) and a total, the department's total when there
 * are several managers, and a paragraph saying how each column is
 * counted as configured now, so a printed page explains its own numbers.
 *
 * The template's thirteen columns -- day, weekday, minutes late, the
 * eight counts, payments, journal sent -- fill a 132-column line: the
 * manager heads their group rather than taking a column of every row,
 * and the new columns' labels are words of four letters at most, or
 * the text writer would lay the rows out one below the other.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "report/report.h"
#include "store/activity.h"
#include "store/report_activity.h"

/* Day, weekday, lateness, the counts, payments, journal. */
#define C_COUNTS	3
#define NCOLS		(C_COUNTS + ACT_NCOLS + 2)

/*
 * A row: of one day (d, its weekday, lateness and "yes" for a journal
 * sent) or, d NULL, a total (the minutes late summed, the days a journal
 * was sent counted).
 */
static void
counts_row(struct doc_table *t, enum doc_row_kind kind, const char *day,
    const struct activity_day *d, const struct activity_counts *c)
{
	const char *cells[NCOLS];
	char num[ACT_NCOLS][24], money[48], late[24], sent[24];
	int i;

	cells[0] = day;
	cells[1] = d ? i18n_weekday_abbr(d->wday) : "";
	if (d && d->late < 0)
		*late = '\0';
	else
		snprintf(late, sizeof(late), "%" PRId64, d ? (int64_t)d->late :
		    c->late_min);
	cells[2] = late;
	for (i = 0; i < ACT_NCOLS; i++) {
		snprintf(num[i], sizeof(num[i]), "%" PRId64, c->n[i]);
		cells[C_COUNTS + i] = num[i];
	}
	report_money(c->payments, money, sizeof(money));
	cells[NCOLS - 2] = money;
	if (d)
		/* TRANSLATORS: the activity report's "journal sent" mark
		 * of a day. */
		snprintf(sent, sizeof(sent), "%s", d->journal_sent ?
		    C_("journal sent", "yes") : "");
	else
		snprintf(sent, sizeof(sent), "%" PRId64, c->journals);
	cells[NCOLS - 1] = sent;
	doc_row(t, kind, cells);
}

/* A manager's name heading their rows (or "all managers"). */
static void
group_row(struct doc_table *t, const char *who)
{
	const char *cells[NCOLS];
	int i;

	cells[0] = who;
	for (i = 1; i < NCOLS; i++)
		cells[i] = "";
	doc_row(t, DOC_ROW_GROUP, cells);
}

/* Display width of the longest space-separated word of s, at least min. */
static int
longest_word(const char *s, int min)
{
	int best = min, w = 0;
	uint32_t cp;
	size_t n;

	for (; *s; s += n) {
		n = utf8_decode(s, strlen(s), &cp);
		w = cp == ' ' ? 0 : w + utf8_cpwidth(cp);
		if (w > best)
			best = w;
	}
	return best;
}

/* Column i's label as the reader reads it (the store's table holds the
 * English, marked for translation there). */
static char *
label(int i)
{
	return (char *)_(activity_cols[i].label);
}

static struct doc_table *
activity_table(struct doc *d)
{
	struct doc_col cols[NCOLS];
	int i;

	/*
	 * 132 columns of a landscape line printer: the counts as narrow as
	 * the longest word of their label (the label wraps at its space),
	 * the manager's name wrapping after 12.
	 */
	memset(cols, 0, sizeof(cols));
	cols[0] = (struct doc_col){ _("Day"), DOC_LEFT, 10, 0 };
	/* TRANSLATORS: the weekday's column: "Mon", "пн". */
	cols[1] = (struct doc_col){ (char *)C_("activity", "Wd"), DOC_LEFT, 3,
	    0 };
	/* TRANSLATORS: minutes late at the start of the day; the column
	 * is four wide (a longer word breaks), so the table keeps to a
	 * 132-column line. */
	cols[2] = (struct doc_col){ (char *)C_("activity", "Late min"),
	    DOC_RIGHT, 4, 0 };
	for (i = 0; i < ACT_NCOLS; i++)
		cols[C_COUNTS + i] = (struct doc_col){ label(i), DOC_RIGHT,
		    longest_word(label(i), 6), 0 };
	cols[NCOLS - 2] = (struct doc_col){ _("Payments"), DOC_RIGHT, 13,
	    0 };
	/* TRANSLATORS: tomorrow's journal sent to the head that day; words
	 * of four letters at most keep the table on a 132-column line. */
	cols[NCOLS - 1] = (struct doc_col){ (char *)C_("activity",
	    "Sent to head"), DOC_LEFT, 4, 0 };
	return REPORT_TABLE(d, NULL, NULL, 0, cols);
}

/* "Cold calls: Call, any result, ...", one line per column. */
static void
explain(struct doc *d, const struct activity *a)
{
	struct strbuf b = { 0 };
	int i;

	sb_add(&b, _("How each column is counted (done events only; "
	    "salesorg config report.activity.*):"));
	for (i = 0; i < ACT_NCOLS; i++)
		sb_printf(&b, "\n%s: %s (%s).", label(i), a->rules[i].words,
		    a->rules[i].value);
	sb_addc(&b, '\n');
	sb_add(&b, _("Payments: live payments received that day, credited "
	    "to the deal's manager, else the company's."));
	sb_addc(&b, '\n');
	sb_printf(&b, _("Late min: minutes from the team's work.start (%s) "
	    "to the first done touch of a working day (work.days; a mail "
	    "merge's message is no touch); blank on a day without one."),
	    a->work_start);
	sb_addc(&b, '\n');
	sb_add(&b, _("Sent to head: the manager sent a later day's journal "
	    "to the head that day (salesorg journal --send)."));
	doc_para(d, sb_str(&b));
	sb_free(&b);
}

int
report_activity(struct db *db, const struct report_query *q,
    struct doc *out, struct so_err *err)
{
	const struct activity_manager *m;
	struct doc_table *t;
	struct activity a;
	char *who, day[32];
	size_t i, j;
	int code;

	code = activity_load(db, report_query_manager(db, q), q->from, q->to,
	    &a, err);
	if (code != SO_OK)
		return code;
	if ((code = report_begin(db, q, _("Activity report"), out, err)) !=
	    SO_OK) {
		activity_free(&a);
		return code;
	}
	out->landscape = 1;
	t = activity_table(out);
	for (i = 0; i < a.n; i++) {
		m = &a.v[i];
		who = m->user_id ? report_user_label(m->login, m->full_name) :
		    xstrdup(m->full_name);
		group_row(t, who);
		for (j = 0; j < m->ndays; j++) {
			report_date(m->days[j].day, day, sizeof(day));
			counts_row(t, DOC_ROW, day, &m->days[j],
			    &m->days[j].c);
		}
		counts_row(t, DOC_ROW_TOTAL, _("Total"), NULL, &m->total);
		free(who);
	}
	if (a.n > 1) {
		group_row(t, _("all managers"));
		counts_row(t, DOC_ROW_TOTAL, _("Total"), NULL, &a.total);
	}
	explain(out, &a);
	activity_free(&a);
	return SO_OK;
}
