/* iCalendar export and import: content, escaping, round trips, hostile
 * files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/utf8.h"
#include "base/util.h"
#include "exchange/ical.h"
#include "fixture.h"
#include "harness.h"
#include "store/agenda.h"
#include "store/audit.h"
#include "store/entities.h"

#define HOUR	3600
#define DAY	86400

static char *
export_all(struct db *db, int tasks)
{
	struct ical_filter f = { .tasks = tasks };
	struct so_err err = { 0 };
	char *buf = NULL;
	size_t n = 0, nev;
	FILE *out = open_memstream(&buf, &n);

	if (ical_export(db, &f, out, &nev, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "export: %s", err.msg);
	fclose(out);
	return buf;
}

/* The text with folded lines joined again (RFC 5545 3.1). */
static char *
unfold(const char *s)
{
	struct strbuf b = { 0 };

	for (; *s; s++) {
		if (s[0] == '\r' && s[1] == '\n' && s[2] == ' ') {
			s += 2;
			continue;
		}
		if (*s != '\r')
			sb_addc(&b, *s);
	}
	return sb_steal(&b);
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	for (; (hay = strstr(hay, needle)) != NULL; hay++)
		n++;
	return n;
}

#define CHECK_HAS(text, s) do {						\
	if (strstr((text), (s)) == NULL)				\
		harness_fail(__FILE__, __LINE__, "missing: %s", (s));	\
} while (0)

static int64_t
add_event(struct db *db, const char *subject, int64_t start, int64_t end,
    int all_day, const char *rrule, int64_t remind)
{
	struct so_err err = { 0 };
	struct event e;
	int64_t id;

	store_event_init(&e);
	e.subject = xstrdup(subject);
	e.start_at = start;
	e.end_at = end ? end : SO_NULL;
	e.all_day = all_day;
	if (rrule) {
		free(e.rrule);
		e.rrule = xstrdup(rrule);
	}
	e.remind_min = remind;
	if (store_event_create(db, &e, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "create: %s", err.msg);
	id = e.meta.id;
	store_event_clear(&e);
	return id;
}

static const char *
write_file(const char *name, const char *text, size_t len)
{
	const char *path = harness_path(name);
	FILE *f = fopen(path, "wb");

	fwrite(text, 1, len, f);
	fclose(f);
	return path;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

TEST(test_ical_export_timed_event_has_zone_uid_and_times)
{
	static const char head[] = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	    "PRODID:-//salesorg//salesorg//EN\r\n";
	struct db *db = fixture_open("t.db");
	struct event e;
	struct so_err err;
	char *s, *uid;
	int64_t id;

	REQUIRE(db != NULL);
	id = add_event(db, "Call Ромашка", FIXTURE_NOW, FIXTURE_NOW + HOUR, 0,
	    NULL, SO_NULL);
	memset(&e, 0, sizeof(e));
	REQUIRE(store_event_get(db, id, &e, &err) == SO_OK);
	uid = xasprintf("UID:%s\r\n", e.uid);
	store_event_clear(&e);
	s = export_all(db, 1);
	CHECK(strncmp(s, head, strlen(head)) == 0);
	CHECK_HAS(s, "BEGIN:VTIMEZONE\r\nTZID:Europe/Moscow\r\n");
	CHECK_HAS(s, uid);
	CHECK_HAS(s, "DTSTART;TZID=Europe/Moscow:20261123T090000\r\n");
	CHECK_HAS(s, "DTEND;TZID=Europe/Moscow:20261123T100000\r\n");
	CHECK_HAS(s, "DTSTAMP:20261123T060000Z\r\n");
	CHECK_HAS(s, "SUMMARY:Call Ромашка\r\n");
	CHECK_HAS(s, "STATUS:CONFIRMED\r\n");
	CHECK_HAS(s, "X-SALESORG-STATUS:planned\r\n");
	CHECK(count(s, "BEGIN:VALARM") == 0);
	CHECK(strcmp(s + strlen(s) - 15, "END:VCALENDAR\r\n") == 0);
	free(uid);
	free(s);
	db_close(db);
}

TEST(test_ical_export_all_day_event_is_a_date_ending_next_day)
{
	struct db *db = fixture_open("t.db");
	char *s;

	REQUIRE(db != NULL);
	add_event(db, "Birthday", FIXTURE_NOW - 9 * HOUR, 0, 1, NULL, SO_NULL);
	s = export_all(db, 1);
	CHECK_HAS(s, "DTSTART;VALUE=DATE:20261123\r\n");
	CHECK_HAS(s, "DTEND;VALUE=DATE:20261124\r\n");
	free(s);
	db_close(db);
}

/* RFC 5545 3.8.2.2: DTEND must be later than DTSTART (calcurse refuses
 * an event where they are equal).  A moment without duration -- an
 * e-mail sent -- has no DTEND, and comes back without an end. */
TEST(test_ical_export_zero_length_event_has_no_dtend)
{
	struct db *a = fixture_open("a.db"), *b = fixture_open("b.db");
	struct ical_stats st;
	struct so_err err;
	char *s, *s2;
	const char *path;

	REQUIRE(a != NULL && b != NULL);
	add_event(a, "E-mail sent", FIXTURE_NOW, FIXTURE_NOW, 0, NULL, SO_NULL);
	s = export_all(a, 1);
	CHECK_HAS(s, "DTSTART;TZID=Europe/Moscow:20261123T090000\r\n");
	CHECK(strstr(s, "DTEND") == NULL);
	path = write_file("a.ics", s, strlen(s));
	REQUIRE(ical_import(b, path, &st, &err) == SO_OK);
	CHECK_INT(st.created, 1);
	s2 = export_all(b, 1);
	CHECK_STR(s2, s);
	free(s2);
	free(s);
	db_close(a);
	db_close(b);
}

TEST(test_ical_export_recurring_event_with_cancelled_and_moved_occurrences)
{
	struct db *db = fixture_open("t.db");
	struct event_exception x = { 0 };
	struct so_err err;
	char *s;
	int64_t id;

	REQUIRE(db != NULL);
	id = add_event(db, "Stand-up", FIXTURE_NOW, FIXTURE_NOW + 900, 0,
	    "FREQ=DAILY;COUNT=5", SO_NULL);
	x.orig_start = FIXTURE_NOW + DAY;
	x.cancelled = 1;
	REQUIRE(store_event_exception_set(db, id, &x, &err) == SO_OK);
	memset(&x, 0, sizeof(x));
	x.orig_start = FIXTURE_NOW + 2 * DAY;
	x.new_start = FIXTURE_NOW + 2 * DAY + 2 * HOUR;
	REQUIRE(store_event_exception_set(db, id, &x, &err) == SO_OK);
	s = export_all(db, 1);
	CHECK_INT(count(s, "BEGIN:VEVENT"), 2);
	CHECK_INT(count(s, "\r\nRRULE:"), 1 + count(s, "\r\nRRULE:FREQ=YEARLY"));
	CHECK_HAS(s, "RRULE:FREQ=DAILY;COUNT=5\r\n");
	CHECK_HAS(s, "EXDATE;TZID=Europe/Moscow:20261124T090000\r\n");
	CHECK_HAS(s, "RECURRENCE-ID;TZID=Europe/Moscow:20261125T090000\r\n"
	    "DTSTART;TZID=Europe/Moscow:20261125T110000\r\n"
	    "DTEND;TZID=Europe/Moscow:20261125T111500\r\n");
	free(s);
	db_close(db);
}

/* A moved occurrence renamed in another calendar keeps its own title
 * (and place and notes) through import, the agenda and export, and the
 * round trip changes nothing; one that repeats the series' has none. */
TEST(test_ical_override_keeps_its_own_summary_location_and_description)
{
	static const char ics[] =
	    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//EN\r\n"
	    "BEGIN:VEVENT\r\nUID:series-1\r\n"
	    "DTSTART;TZID=Europe/Moscow:20261125T090000\r\n"
	    "DTEND;TZID=Europe/Moscow:20261125T093000\r\n"
	    "RRULE:FREQ=DAILY;COUNT=5\r\nSUMMARY:Планёрка\r\n"
	    "LOCATION:Переговорная\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:series-1\r\n"
	    "RECURRENCE-ID;TZID=Europe/Moscow:20261126T090000\r\n"
	    "DTSTART;TZID=Europe/Moscow:20261126T110000\r\n"
	    "DTEND;TZID=Europe/Moscow:20261126T113000\r\n"
	    "SUMMARY:Планёрка с директором\r\nLOCATION:Кабинет 5\r\n"
	    "DESCRIPTION:Взять отчёт\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:series-1\r\n"
	    "RECURRENCE-ID;TZID=Europe/Moscow:20261127T090000\r\n"
	    "DTSTART;TZID=Europe/Moscow:20261127T100000\r\n"
	    "DTEND;TZID=Europe/Moscow:20261127T103000\r\n"
	    "SUMMARY:Планёрка\r\nLOCATION:Переговорная\r\n"
	    "END:VEVENT\r\nEND:VCALENDAR\r\n";
	struct db *db = fixture_open("t.db");
	struct ical_stats st;
	struct so_err err = { 0 };
	char *s, *s2, *u;
	const char *path;

	REQUIRE(db != NULL);
	path = write_file("o.ics", ics, strlen(ics));
	REQUIRE(ical_import(db, path, &st, &err) == SO_OK);
	CHECK_INT(st.created, 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM event_exceptions"), 2);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM event_exceptions "
	    "WHERE subject = 'Планёрка с директором' AND location = "
	    "'Кабинет 5' AND description = 'Взять отчёт'"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM event_exceptions "
	    "WHERE subject IS NULL AND location IS NULL AND description IS "
	    "NULL"), 1);
	s = export_all(db, 0);
	u = unfold(s);
	/* (unfold drops the CRs) */
	CHECK_HAS(u, "RECURRENCE-ID;TZID=Europe/Moscow:20261126T090000\n"
	    "DTSTART;TZID=Europe/Moscow:20261126T110000\n"
	    "DTEND;TZID=Europe/Moscow:20261126T113000\n"
	    "SUMMARY:Планёрка с директором\nLOCATION:Кабинет 5\n"
	    "DESCRIPTION:Взять отчёт\n");
	CHECK_INT(count(u, "SUMMARY:Планёрка\n"), 2);
	free(u);
	/* the agenda of that week shows the renamed one under its name */
	{
		struct agenda_query q = { .now = FIXTURE_NOW,
		    .from = FIXTURE_NOW - 9 * HOUR, .days = 7 };
		struct agenda a = { 0 };
		size_t i, renamed = 0, plain = 0;

		REQUIRE(agenda_load(db, &q, &a, &err) == SO_OK);
		for (i = 0; i < a.n; i++) {
			renamed += strcmp(a.v[i].subject,
			    "Планёрка с директором") == 0;
			plain += strcmp(a.v[i].subject, "Планёрка") == 0;
		}
		CHECK_INT(renamed, 1);
		CHECK_INT(plain, 4);
		agenda_free(&a);
	}
	/* export, import, export: nothing changes */
	path = write_file("o2.ics", s, strlen(s));
	REQUIRE(ical_import(db, path, &st, &err) == SO_OK);
	CHECK_INT(st.unchanged, 1);
	CHECK_INT(st.updated, 0);
	s2 = export_all(db, 0);
	CHECK_INT(count(s2, "SUMMARY:Планёрка с директором"), 1);
	CHECK_INT(count(s2, "BEGIN:VEVENT"), count(s, "BEGIN:VEVENT"));
	free(s2);
	free(s);
	db_close(db);
}

TEST(test_ical_export_reminder_becomes_valarm_and_task_vtodo)
{
	struct db *db = fixture_open("t.db");
	struct so_err err;
	struct task t;
	char *s;

	REQUIRE(db != NULL);
	add_event(db, "Meeting", FIXTURE_NOW, 0, 0, NULL, 15);
	store_task_init(&t);
	t.title = xstrdup("Send the offer");
	t.due_at = FIXTURE_NOW + DAY;
	free(t.priority);
	t.priority = xstrdup("high");
	REQUIRE(store_task_create(db, &t, &err) == SO_OK);
	store_task_clear(&t);
	s = export_all(db, 1);
	CHECK_HAS(s, "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\n"
	    "DESCRIPTION:Meeting\r\nEND:VALARM\r\n");
	CHECK_HAS(s, "BEGIN:VTODO\r\n");
	CHECK_HAS(s, "SUMMARY:Send the offer\r\n");
	CHECK_HAS(s, "DUE;TZID=Europe/Moscow:20261124T090000\r\n");
	CHECK_HAS(s, "PRIORITY:1\r\n");
	CHECK_HAS(s, "STATUS:NEEDS-ACTION\r\n");
	free(s);
	s = export_all(db, 0);
	CHECK(strstr(s, "VTODO") == NULL);
	free(s);
	db_close(db);
}

TEST(test_ical_export_escapes_and_folds_without_splitting_utf8)
{
	struct db *db = fixture_open("t.db");
	const char *subj = "Звонок, клиенту; ООО «Ромашка» — обсудить "
	    "поставку, условия; оплату и сроки ёлочных игрушек";
	char *s, *u, *line, *save;
	size_t n;

	REQUIRE(db != NULL);
	add_event(db, subj, FIXTURE_NOW, 0, 0, NULL, SO_NULL);
	s = export_all(db, 0);
	u = unfold(s);
	CHECK_HAS(u, "SUMMARY:Звонок\\, клиенту\\; ООО «Ромашка» — "
	    "обсудить поставку\\, условия\\; оплату и сроки ёлочных "
	    "игрушек\n");
	/* Every physical line: at most 75 octets, whole UTF-8. */
	for (line = strtok_r(s, "\n", &save); line; line = strtok_r(NULL,
	    "\n", &save)) {
		n = strlen(line);
		if (n && line[n - 1] == '\r')
			n--;
		if (n > 75)
			harness_fail(__FILE__, __LINE__, "%zu octets: %s", n,
			    line);
		if (!utf8_valid(line, n))
			harness_fail(__FILE__, __LINE__, "split UTF-8: %s",
			    line);
	}
	free(u);
	free(s);
	db_close(db);
}

/* Events, a recurring one with exceptions, a task: a fresh database
 * that imports the export writes the same file back, and importing it
 * again changes nothing. */
TEST(test_ical_round_trip_and_reimport_is_idempotent)
{
	struct db *a = fixture_open("a.db"), *b = fixture_open("b.db");
	struct event_exception x = { 0 };
	struct ical_stats st;
	struct so_err err;
	struct task t;
	char *sa, *sb, *sa2;
	const char *path;
	int64_t id;

	REQUIRE(a != NULL && b != NULL);
	add_event(a, "Звонок, \"Ромашка\"; тест\\n", FIXTURE_NOW,
	    FIXTURE_NOW + 600, 0, NULL, 10);
	add_event(a, "All day", FIXTURE_NOW - 9 * HOUR + 2 * DAY, 0, 1, NULL,
	    SO_NULL);
	id = add_event(a, "Weekly", FIXTURE_NOW, FIXTURE_NOW + HOUR, 0,
	    "FREQ=WEEKLY;BYDAY=MO,WE", 60);
	x.orig_start = FIXTURE_NOW + 7 * DAY;
	x.cancelled = 1;
	REQUIRE(store_event_exception_set(a, id, &x, &err) == SO_OK);
	memset(&x, 0, sizeof(x));
	x.orig_start = FIXTURE_NOW + 2 * DAY;
	x.new_start = FIXTURE_NOW + 3 * DAY;
	x.new_end = FIXTURE_NOW + 3 * DAY + 3 * HOUR;
	REQUIRE(store_event_exception_set(a, id, &x, &err) == SO_OK);
	store_task_init(&t);
	t.title = xstrdup("Task; with, text");
	t.description = xstrdup("line 1\nline 2");
	REQUIRE(store_task_create(a, &t, &err) == SO_OK);
	store_task_clear(&t);

	sa = export_all(a, 1);
	path = write_file("a.ics", sa, strlen(sa));
	REQUIRE(ical_import(b, path, &st, &err) == SO_OK);
	CHECK_INT(st.created, 4);
	CHECK_INT(st.updated, 0);
	CHECK_INT(st.unchanged, 0);
	CHECK_INT(st.tasks, 1);
	sb = export_all(b, 1);
	CHECK_STR(sb, sa);
	free(sb);

	REQUIRE(ical_import(b, path, &st, &err) == SO_OK);
	CHECK_INT(st.created, 0);
	CHECK_INT(st.updated, 0);
	CHECK_INT(st.unchanged, 4);
	CHECK_INT(fixture_int(b, "SELECT count(*) FROM events"), 3);
	CHECK_INT(fixture_int(b, "SELECT count(*) FROM tasks"), 1);
	CHECK_INT(fixture_int(b, "SELECT count(*) FROM event_exceptions"), 2);

	/* Into the database it came from: nothing changes at all. */
	REQUIRE(ical_import(a, path, &st, &err) == SO_OK);
	CHECK_INT(st.unchanged, 4);
	CHECK_INT(st.created + st.updated, 0);
	sa2 = export_all(a, 1);
	CHECK_STR(sa2, sa);
	free(sa2);
	free(sa);
	db_close(a);
	db_close(b);
}

/* The audit log as text, a record's rows together in the order they
 * were written: "at|user|entity|record|action|field|old|new" lines. */
static char *
audit_text(struct db *db)
{
	struct strbuf b = { 0 };
	sqlite3_stmt *st;
	int i;

	if (sqlite3_prepare_v2(db_sqlite(db), "SELECT at, user_id, "
	    "entity, record_id, action, field, old_value, new_value FROM "
	    "audit_log ORDER BY entity, record_id, id", -1, &st, NULL) !=
	    SQLITE_OK) {
		harness_fail(__FILE__, __LINE__, "%s",
		    sqlite3_errmsg(db_sqlite(db)));
		return xstrdup("");
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (i = 0; i < 8; i++)
			sb_printf(&b, "%s%s", i ? "|" : "",
			    sqlite3_column_type(st, i) == SQLITE_NULL ? "-" :
			    (const char *)sqlite3_column_text(st, i));
		sb_addc(&b, '\n');
	}
	sqlite3_finalize(st);
	return b.s ? sb_steal(&b) : xstrdup("");
}

/*
 * An import writes its create rows at the end, in one statement per
 * card file (audit_defer); the log must read as it did when each was
 * written with its record: the same rows, and a record created and then
 * changed by the same file (a UID twice, exceptions of a new series)
 * with its create row first.
 */
TEST(test_ical_import_audit_rows_at_the_end_equal_rows_one_by_one)
{
	static const char ics[] =
	    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
	    "BEGIN:VEVENT\r\nUID:old@x\r\nDTSTART:20261201T100000\r\n"
	    "SUMMARY:Old, changed\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:one@x\r\nDTSTART:20261201T110000\r\n"
	    "SUMMARY:One\r\nEND:VEVENT\r\n"
	    "BEGIN:VTODO\r\nUID:task@x\r\nSUMMARY:Task\r\nEND:VTODO\r\n"
	    "BEGIN:VEVENT\r\nUID:series@x\r\nDTSTART:20261201T120000\r\n"
	    "DTEND:20261201T130000\r\nRRULE:FREQ=DAILY;COUNT=5\r\n"
	    "EXDATE:20261202T120000\r\nSUMMARY:Series\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:series@x\r\n"
	    "RECURRENCE-ID:20261203T120000\r\nDTSTART:20261203T150000\r\n"
	    "DTEND:20261203T160000\r\nSUMMARY:Series\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:twice@x\r\nDTSTART:20261201T140000\r\n"
	    "SUMMARY:First\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:two@x\r\nDTSTART:20261201T150000\r\n"
	    "SUMMARY:Two\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:twice@x\r\nDTSTART:20261201T140000\r\n"
	    "SUMMARY:Second\r\nEND:VEVENT\r\n"
	    "BEGIN:VTODO\r\nUID:task2@x\r\nSUMMARY:Task 2\r\nEND:VTODO\r\n"
	    "END:VCALENDAR\r\n";
	struct db *db[2];
	struct ical_stats st;
	struct so_err err;
	struct event e;
	char *path, *log[2];
	int i;

	/* harness_path's buffer is fixture_open's too */
	path = xstrdup(write_file("a.ics", ics, sizeof(ics) - 1));
	for (i = 0; i < 2; i++) {
		db[i] = fixture_open(i ? "b.db" : "a.db");
		REQUIRE(db[i] != NULL);
		store_event_init(&e);
		e.subject = xstrdup("Old");
		e.start_at = FIXTURE_NOW;
		free(e.uid);
		e.uid = xstrdup("old@x");
		REQUIRE(store_event_create(db[i], &e, &err) == SO_OK);
		store_event_clear(&e);
		/* a: at the end, as an import does; b: one by one */
		audit_defer_enabled = i == 0;
		if (ical_import(db[i], path, &st, &err) != SO_OK)
			harness_fail(__FILE__, __LINE__, "%s", err.msg);
		audit_defer_enabled = 1;
		CHECK_INT(st.created, 6);
		CHECK_INT(st.updated, 2);	/* old@x, twice@x */
		log[i] = audit_text(db[i]);
	}
	CHECK_STR(log[0], log[1]);
	/* Not two empty logs: 1 + 6 created, 4 by hand or twice. */
	CHECK_INT(fixture_int(db[0], "SELECT count(*) FROM audit_log WHERE "
	    "action = 'create' AND entity IN ('event', 'task')"), 7);
	CHECK_INT(fixture_int(db[0], "SELECT count(*) FROM audit_log a JOIN "
	    "events e ON e.id = a.record_id WHERE a.entity = 'event' AND "
	    "a.action = 'create' AND a.at = e.created_at AND a.user_id = "
	    "e.created_by"), 5);
	/* twice@x and series@x: created, then changed, in that order */
	CHECK_INT(fixture_int(db[0], "SELECT min(a.id) = (SELECT id FROM "
	    "audit_log WHERE entity = 'event' AND action = 'create' AND "
	    "record_id = e.id) FROM audit_log a JOIN events e ON e.id = "
	    "a.record_id AND a.entity = 'event' WHERE e.uid IN ('twice@x', "
	    "'series@x') GROUP BY e.id ORDER BY 1 LIMIT 1"), 1);
	CHECK_INT(fixture_int(db[0], "SELECT count(*) FROM audit_log a JOIN "
	    "events e ON e.id = a.record_id AND a.entity = 'event' WHERE "
	    "e.uid IN ('twice@x', 'series@x') AND a.action = 'update'") > 1,
	    1);
	/* found by the search; the index's hashsize put back (FTS5's
	 * default), once bigger for the rows of the import */
	CHECK_INT(fixture_int(db[0], "SELECT count(*) FROM events_fts WHERE "
	    "events_fts MATCH 'Series OR Second'"), 2);
	CHECK_INT(fixture_int(db[0], "SELECT v FROM events_fts_config WHERE "
	    "k = 'hashsize'"), 1048576);
	CHECK_INT(fixture_int(db[0], "SELECT v FROM tasks_fts_config WHERE "
	    "k = 'hashsize'"), 1048576);
	for (i = 0; i < 2; i++) {
		free(log[i]);
		db_close(db[i]);
	}
	free(path);
}

/*
 * A series' exceptions are put together at the end, each series read
 * again from the file with its overrides: overrides listed before their
 * series, many series at once, an override's UID that names no series,
 * the same UID as a series and later as a single event (the last wins,
 * with no exceptions) and the other way round.
 */
TEST(test_ical_import_series_overrides_before_masters_and_many)
{
	struct strbuf b = { 0 };
	struct db *db = fixture_open("t.db");
	struct ical_stats st;
	struct so_err err = { 0 };
	const char *path;
	int i, n = 300;

	REQUIRE(db != NULL);
	sb_add(&b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n");
	/* the overrides first, last series first */
	for (i = n - 1; i >= 0; i--)
		sb_printf(&b, "BEGIN:VEVENT\r\nUID:s%d@x\r\n"
		    "RECURRENCE-ID:202612%02dT%02d0000Z\r\n"
		    "DTSTART:202612%02dT%02d3000Z\r\n"
		    "SUMMARY:Moved %d\r\nEND:VEVENT\r\n",
		    i, 3, i % 20, 3, i % 20, i);
	sb_add(&b, "BEGIN:VEVENT\r\nUID:nobody@x\r\n"
	    "RECURRENCE-ID:20261203T100000Z\r\nDTSTART:20261203T110000Z\r\n"
	    "SUMMARY:Orphan\r\nEND:VEVENT\r\n");
	for (i = 0; i < n; i++)
		sb_printf(&b, "BEGIN:VEVENT\r\nUID:s%d@x\r\n"
		    "DTSTART:20261201T%02d0000Z\r\nDTEND:20261201T%02d0000Z\r\n"
		    "RRULE:FREQ=DAILY;COUNT=5\r\nEXDATE:20261202T%02d0000Z\r\n"
		    "SUMMARY:Series %d\r\nEND:VEVENT\r\n",
		    i, i % 20, i % 20 + 1, i % 20, i);
	/* a series, then the same UID as a single event; and back */
	sb_add(&b, "BEGIN:VEVENT\r\nUID:turned@x\r\nDTSTART:20261201T080000Z\r\n"
	    "RRULE:FREQ=DAILY;COUNT=3\r\nEXDATE:20261202T080000Z\r\n"
	    "SUMMARY:Turned\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:turned@x\r\n"
	    "RECURRENCE-ID:20261203T080000Z\r\nDTSTART:20261203T090000Z\r\n"
	    "SUMMARY:Turned\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:turned@x\r\nDTSTART:20261201T080000Z\r\n"
	    "SUMMARY:Turned single\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:back@x\r\nDTSTART:20261201T070000Z\r\n"
	    "SUMMARY:Back single\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:back@x\r\nDTSTART:20261201T070000Z\r\n"
	    "RRULE:FREQ=DAILY;COUNT=3\r\nEXDATE:20261202T070000Z\r\n"
	    "SUMMARY:Back\r\nEND:VEVENT\r\n");
	sb_add(&b, "END:VCALENDAR\r\n");
	path = write_file("many.ics", b.s, b.len);
	if (ical_import(db, path, &st, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "%s", err.msg);
	/* each component of a master counted once: 300 + 2 + 2 */
	CHECK_INT(st.created, n + 2);
	CHECK_INT(st.updated, 2);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM events"), n + 2);
	/* every series: its EXDATE and its override, the override's own
	 * summary and time */
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM event_exceptions x "
	    "JOIN events e ON e.id = x.event_id WHERE e.uid LIKE 's%@x'"),
	    2 * n);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM event_exceptions x "
	    "JOIN events e ON e.id = x.event_id WHERE e.uid LIKE 's%@x' AND "
	    "x.cancelled = 1 AND x.orig_start = e.start_at + 86400"), n);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM event_exceptions x "
	    "JOIN events e ON e.id = x.event_id WHERE e.uid LIKE 's%@x' AND "
	    "x.cancelled = 0 AND x.orig_start = e.start_at + 2 * 86400 AND "
	    "x.new_start = x.orig_start + 1800 AND "
	    "x.subject = 'Moved ' || substr(e.subject, 8)"), n);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM events WHERE "
	    "subject = 'Orphan'"), 0);
	/* the last master of a UID is the record, with its exceptions */
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM events WHERE uid = "
	    "'turned@x' AND rrule = '' AND subject = 'Turned single'"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM event_exceptions x "
	    "JOIN events e ON e.id = x.event_id WHERE e.uid = 'turned@x'"), 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM events WHERE uid = "
	    "'back@x' AND rrule <> '' AND subject = 'Back'"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM event_exceptions x "
	    "JOIN events e ON e.id = x.event_id WHERE e.uid = 'back@x' AND "
	    "x.cancelled = 1"), 1);
	/* again: nothing changes (into a table that has rows now) */
	REQUIRE(ical_import(db, path, &st, &err) == SO_OK);
	CHECK_INT(st.created, 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM event_exceptions"),
	    2 * n + 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM events"), n + 2);
	sb_free(&b);
	db_close(db);
}

/* A created single event with an EXDATE gets its exception although the
 * event itself is still staged when it is met. */
TEST(test_ical_import_new_single_event_keeps_its_exdate)
{
	static const char ics[] =
	    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
	    "BEGIN:VEVENT\r\nUID:a@x\r\nDTSTART:20261201T100000Z\r\n"
	    "SUMMARY:A\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:one@x\r\nDTSTART:20261201T110000Z\r\n"
	    "EXDATE:20261201T110000Z\r\nSUMMARY:One\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:b@x\r\nDTSTART:20261201T120000Z\r\n"
	    "SUMMARY:B\r\nEND:VEVENT\r\n"
	    "END:VCALENDAR\r\n";
	struct db *db = fixture_open("t.db");
	struct ical_stats st;
	struct so_err err = { 0 };

	REQUIRE(db != NULL);
	REQUIRE(ical_import_mem(db, "x.ics", ics, sizeof(ics) - 1, &st,
	    &err) == SO_OK);
	CHECK_INT(st.created, 3);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM event_exceptions x "
	    "JOIN events e ON e.id = x.event_id WHERE e.uid = 'one@x' AND "
	    "x.cancelled = 1"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM events"), 3);
	db_close(db);
}

/* Texts are cut at their field's length in characters, not bytes; a
 * line break is a space in a one-line field and kept in a memo. */
TEST(test_ical_import_cuts_texts_at_characters)
{
	struct strbuf b = { 0 };
	struct db *db = fixture_open("t.db");
	struct ical_stats st;
	struct so_err err;
	char *path;
	int i;

	REQUIRE(db != NULL);
	sb_add(&b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
	    "BEGIN:VEVENT\r\nUID:long@x\r\nDTSTART:20261201T100000\r\n"
	    "SUMMARY:");
	for (i = 0; i < 260; i++)
		sb_add(&b, i == 10 ? "\\n" : "Ж");
	sb_add(&b, "\r\nDESCRIPTION:раз\\nдва\\tтри\r\nEND:VEVENT\r\n"
	    "END:VCALENDAR\r\n");
	path = xstrdup(write_file("l.ics", b.s, b.len));
	if (ical_import(db, path, &st, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "%s", err.msg);
	CHECK_INT(fixture_int(db, "SELECT length(subject) FROM events"), 250);
	CHECK_INT(fixture_int(db, "SELECT instr(subject, ' ') FROM events"),
	    11);
	CHECK_INT(fixture_int(db, "SELECT description = 'раз' || char(10) || "
	    "'два' || char(9) || 'три' FROM events"), 1);
	free(path);
	sb_free(&b);
	db_close(db);
}

static struct strbuf scans;

/* SQLITE_TRACE_PROFILE: notes every statement that stepped through a
 * whole table since its last run, but for the lookups in the handful of
 * event types and results (a name or a code in any case) and the moves
 * of a batch of staged records (rec_stage) into their table. */
static int
note_scans(unsigned type, void *ctx, void *p, void *x)
{
	sqlite3_stmt *st = p;

	(void)ctx;
	(void)x;
	if (type == SQLITE_TRACE_PROFILE &&
	    sqlite3_stmt_status(st, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1) > 0 &&
	    strstr(sqlite3_sql(st), "FROM event_types") == NULL &&
	    strstr(sqlite3_sql(st), "FROM event_results") == NULL &&
	    strstr(sqlite3_sql(st), "FROM temp.so_stage_") == NULL)
		sb_printf(&scans, "%s\n", sqlite3_sql(st));
	return 0;
}

/* An import looks each UID up in an index: a scan per component made
 * 100 000 tasks take minutes (found by the benchmark of issue 6). */
TEST(test_ical_import_looks_up_uids_without_scanning)
{
	struct db *a = fixture_open("a.db"), *b = fixture_open("b.db");
	struct ical_stats st;
	struct so_err err;
	struct task t;
	char *s;
	const char *path;
	int i;

	REQUIRE(a != NULL && b != NULL);
	for (i = 0; i < 40; i++) {
		store_task_init(&t);
		t.title = xasprintf("Task %d", i);
		t.due_at = FIXTURE_NOW + i * HOUR;
		REQUIRE(store_task_create(i < 20 ? a : b, &t, &err) == SO_OK);
		store_task_clear(&t);
		add_event(i < 20 ? a : b, "Call", FIXTURE_NOW + i * HOUR,
		    FIXTURE_NOW + i * HOUR + 600, 0, NULL, SO_NULL);
	}
	s = export_all(a, 1);
	path = write_file("a.ics", s, strlen(s));
	sqlite3_trace_v2(db_sqlite(b), SQLITE_TRACE_PROFILE, note_scans, NULL);
	REQUIRE(ical_import(b, path, &st, &err) == SO_OK);
	sqlite3_trace_v2(db_sqlite(b), 0, NULL, NULL);
	CHECK_INT(st.created, 40);
	CHECK_STR(scans.s ? scans.s : "", "");
	sb_free(&scans);
	free(s);
	db_close(a);
	db_close(b);
}

/* What other programs write: zones, floating and UTC times, dates,
 * DURATION, alarms, categories, no UID, components we ignore. */
TEST(test_ical_import_foreign_calendar)
{
	static const char ics[] =
	    "BEGIN:VCALENDAR\r\n"
	    "VERSION:2.0\r\n"
	    "PRODID:-//other//EN\r\n"
	    "X-WR-CALNAME:\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART;TZID=America/New_York:20261201T090000\r\n"
	    "DTEND;TZID=America/New_York:20261201T100000\r\n"
	    "SUMMARY:NY call\r\n"
	    "CATEGORIES:Call\r\n"
	    "BEGIN:VALARM\r\nTRIGGER:-PT30M\r\nACTION:DISPLAY\r\n"
	    "END:VALARM\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VJOURNAL\r\nSUMMARY:ignored\r\nEND:VJOURNAL\r\n"
	    "BEGIN:VEVENT\r\n"
	    "UID:float@x\r\n"
	    "DTSTART:20261202T140000\r\n"
	    "DURATION:PT45M\r\n"
	    "SUMMARY:Floating\r\n"
	    "X-UNKNOWN;FOO=bar:baz\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "UID:day@x\r\n"
	    "DTSTART;VALUE=DATE:20261205\r\n"
	    "SUMMARY:Holiday\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "UID:utc@x\r\n"
	    "DTSTART:20261203T060000Z\r\n"
	    "SUMMARY:UTC\r\n"
	    "TRIGGER:-P300S\r\n"
	    "BEGIN:VALARM\r\nTRIGGER:-P300S\r\nACTION:DISPLAY\r\n"
	    "END:VALARM\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VTODO\r\n"
	    "SUMMARY:Todo\r\nPRIORITY:9\r\nSTATUS:COMPLETED\r\n"
	    "END:VTODO\r\n"
	    "END:VCALENDAR\r\n";
	struct db *db = fixture_open("t.db");
	struct ical_stats st;
	struct so_err err;
	const char *path;

	REQUIRE(db != NULL);
	path = write_file("o.ics", ics, sizeof(ics) - 1);
	if (ical_import(db, path, &st, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "%s", err.msg);
	CHECK_INT(st.created, 5);
	CHECK_INT(st.tasks, 1);
	/* 09:00 New York = 14:00 UTC. */
	CHECK_INT(fixture_int(db, "SELECT start_at FROM events WHERE subject "
	    "= 'NY call'"), 1796133600);
	CHECK_INT(fixture_int(db, "SELECT end_at - start_at FROM events "
	    "WHERE subject = 'NY call'"), 3600);
	CHECK_INT(fixture_int(db, "SELECT remind_min FROM events WHERE "
	    "subject = 'NY call'"), 30);
	CHECK_INT(fixture_int(db, "SELECT t.code = 'call' FROM events e "
	    "JOIN event_types t ON t.id = e.type_id WHERE subject = "
	    "'NY call'"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM events WHERE uid "
	    "LIKE '%@import'"), 1);
	/* Floating 14:00 is Moscow time: 11:00 UTC. */
	CHECK_INT(fixture_int(db, "SELECT start_at FROM events WHERE uid = "
	    "'float@x'"), 1796209200);
	CHECK_INT(fixture_int(db, "SELECT end_at - start_at FROM events WHERE "
	    "uid = 'float@x'"), 2700);
	CHECK_INT(fixture_int(db, "SELECT t.code = 'meeting' FROM events e "
	    "JOIN event_types t ON t.id = e.type_id WHERE uid = 'float@x'"), 1);
	CHECK_INT(fixture_int(db, "SELECT all_day FROM events WHERE uid = "
	    "'day@x'"), 1);
	CHECK_INT(fixture_int(db, "SELECT start_at FROM events WHERE uid = "
	    "'day@x'"), 1796418000);
	CHECK_INT(fixture_int(db, "SELECT t.code = 'other' FROM events e "
	    "JOIN event_types t ON t.id = e.type_id WHERE uid = 'day@x'"), 1);
	CHECK_INT(fixture_int(db, "SELECT start_at FROM events WHERE uid = "
	    "'utc@x'"), 1796277600);
	/* calcurse's "-P300S" is read as five minutes. */
	CHECK_INT(fixture_int(db, "SELECT remind_min FROM events WHERE uid = "
	    "'utc@x'"), 5);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM tasks WHERE title = "
	    "'Todo' AND priority = 'low' AND status = 'done'"), 1);
	/* Without UIDs, still idempotent. */
	REQUIRE(ical_import(db, path, &st, &err) == SO_OK);
	CHECK_INT(st.created, 0);
	CHECK_INT(st.unchanged, 5);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM events"), 4);
	db_close(db);
}

/* Imports text as file name and expects an error message containing
 * want; the database must be as before, and quickly so. */
static void
expect_error(const char *name, const char *text, size_t len,
    const char *want, int line)
{
	struct db *db = fixture_open("h.db");
	struct ical_stats st;
	struct so_err err = { 0 };
	const char *path;
	long long before, audit;
	double t0;
	int rc;

	if (db == NULL)
		return;
	add_event(db, "Existing", FIXTURE_NOW, 0, 0, NULL, SO_NULL);
	before = fixture_int(db, "SELECT count(*) FROM events");
	audit = fixture_int(db, "SELECT count(*) FROM audit_log");
	path = write_file(name, text, len);
	t0 = now_s();
	rc = ical_import(db, path, &st, &err);
	if (now_s() - t0 > 2.0)
		harness_fail(__FILE__, line, "took %.1f s", now_s() - t0);
	if (rc == SO_OK)
		harness_fail(__FILE__, line, "imported, expected \"%s\"", want);
	else if (strstr(err.msg, want) == NULL)
		harness_fail(__FILE__, line, "\"%s\", expected \"%s\"", err.msg,
		    want);
	if (fixture_int(db, "SELECT count(*) FROM events") != before ||
	    fixture_int(db, "SELECT count(*) FROM audit_log") != audit)
		harness_fail(__FILE__, line, "database changed");
	db_close(db);
	unlink(path);
}

#define HEAD	"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
#define GOOD	"BEGIN:VEVENT\r\nUID:good@x\r\nDTSTART:20261201T100000\r\n" \
		"SUMMARY:Good\r\nEND:VEVENT\r\n"

TEST(test_ical_import_unterminated_component_names_its_line)
{
	static const char t[] = HEAD GOOD
	    "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261201T100000\r\n";

	expect_error("x.ics", t, sizeof(t) - 1,
	    "x.ics:8: BEGIN:VEVENT never ended", __LINE__);
}

TEST(test_ical_import_mismatched_end_and_stray_end)
{
	static const char t1[] = HEAD "BEGIN:VEVENT\r\nUID:x\r\nEND:VTODO\r\n"
	    "END:VCALENDAR\r\n";
	static const char t2[] = HEAD GOOD "END:VEVENT\r\nEND:VCALENDAR\r\n";
	static const char t3[] = HEAD "BEGIN:VEVENT\r\nUID:x\r\n"
	    "END:VCALENDAR\r\n";

	expect_error("x.ics", t1, sizeof(t1) - 1,
	    "x.ics:5: END:VTODO without BEGIN", __LINE__);
	expect_error("x.ics", t2, sizeof(t2) - 1,
	    "x.ics:8: END:VEVENT without BEGIN", __LINE__);
	expect_error("x.ics", t3, sizeof(t3) - 1,
	    "x.ics:3: BEGIN:VEVENT never ended", __LINE__);
}

TEST(test_ical_import_rejects_10mb_line)
{
	struct strbuf b = { 0 };
	size_t i;

	sb_add(&b, HEAD GOOD "BEGIN:VEVENT\r\nDESCRIPTION:");
	for (i = 0; i < 10 * 1024 * 1024 / 64; i++)
		sb_add(&b, "0123456789abcdef0123456789abcdef0123456789abcdef"
		    "0123456789abcdef");
	sb_add(&b, "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
	expect_error("x.ics", b.s, b.len,
	    "x.ics:9: line longer than 1 MiB", __LINE__);
	sb_free(&b);
}

TEST(test_ical_import_rejects_invalid_utf8)
{
	static const char t[] = HEAD GOOD "BEGIN:VEVENT\r\n"
	    "SUMMARY:bad \xd0\x28 byte\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

	expect_error("x.ics", t, sizeof(t) - 1, "x.ics:9: invalid UTF-8",
	    __LINE__);
}

TEST(test_ical_import_stops_100000_nested_components_at_depth_8)
{
	struct strbuf b = { 0 };
	size_t i;

	sb_add(&b, "BEGIN:VCALENDAR\r\n");
	for (i = 0; i < 100000; i++)
		sb_add(&b, "BEGIN:VEVENT\r\n");
	for (i = 0; i < 100000; i++)
		sb_add(&b, "END:VEVENT\r\n");
	sb_add(&b, "END:VCALENDAR\r\n");
	expect_error("x.ics", b.s, b.len,
	    "x.ics:9: components nested deeper than 8", __LINE__);
	sb_free(&b);
}

TEST(test_ical_import_bad_property_names_its_component_line)
{
	static const char t1[] = HEAD GOOD "BEGIN:VEVENT\r\nUID:y\r\n"
	    "DTSTART:tomorrow-ish\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
	static const char t2[] = HEAD GOOD "BEGIN:VEVENT\r\nUID:y\r\n"
	    "DTSTART:20261201T100000\r\nRRULE:FREQ=SOMETIMES\r\n"
	    "END:VEVENT\r\nEND:VCALENDAR\r\n";
	static const char t3[] = HEAD "\r\n" GOOD "BEGIN:VEVENT\r\nUID:z\r\n"
	    "SUMMARY:no start\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

	expect_error("x.ics", t1, sizeof(t1) - 1, "x.ics:8: ", __LINE__);
	expect_error("x.ics", t2, sizeof(t2) - 1, "x.ics:8: ", __LINE__);
	expect_error("x.ics", t3, sizeof(t3) - 1,
	    "x.ics:9: VEVENT without DTSTART", __LINE__);
}

TEST(test_ical_import_refuses_non_calendar_and_huge_files)
{
	static const char t[] = "hello, world\n";
	const char *path;
	struct db *db;
	struct ical_stats st;
	struct so_err err = { 0 };
	FILE *f;

	expect_error("x.ics", t, sizeof(t) - 1, "x.ics: not an iCalendar file",
	    __LINE__);
	expect_error("x.ics", "", 0, "x.ics: not an iCalendar file", __LINE__);
	/* A sparse 300 MiB file: refused by its size, never read. */
	path = xstrdup(harness_path("big.ics"));
	f = fopen(path, "wb");
	REQUIRE(f != NULL);
	CHECK(ftruncate(fileno(f), 300L * 1024 * 1024) == 0);
	fclose(f);
	db = fixture_open("big.db");
	REQUIRE(db != NULL);
	CHECK(ical_import(db, path, &st, &err) != SO_OK);
	CHECK(strstr(err.msg, "larger than 256 MiB") != NULL);
	db_close(db);
	unlink(path);
	free((char *)path);
}

TEST(test_ical_import_secondly_rule_without_end_is_valid)
{
	static const char t[] = HEAD "BEGIN:VEVENT\r\nUID:sec@x\r\n"
	    "DTSTART:20261201T100000\r\nRRULE:FREQ=SECONDLY\r\n"
	    "SUMMARY:Every second\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
	struct db *db = fixture_open("t.db");
	struct ical_stats st;
	struct so_err err = { 0 };
	const char *path;
	double t0 = now_s();

	REQUIRE(db != NULL);
	path = write_file("s.ics", t, sizeof(t) - 1);
	if (ical_import(db, path, &st, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "%s", err.msg);
	CHECK_INT(st.created, 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM events WHERE rrule = "
	    "'FREQ=SECONDLY'"), 1);
	CHECK(now_s() - t0 < 2.0);
	db_close(db);
}

/* A failure half-way (a bad RRULE in the second event) keeps nothing
 * of the first. */
TEST(test_ical_import_error_keeps_nothing)
{
	static const char t[] = HEAD GOOD "BEGIN:VEVENT\r\nUID:bad@x\r\n"
	    "DTSTART:20261201T100000\r\nRRULE:FREQ=DAILY;INTERVAL=0\r\n"
	    "END:VEVENT\r\nEND:VCALENDAR\r\n";

	expect_error("x.ics", t, sizeof(t) - 1, "x.ics:8: ", __LINE__);
}

/* The import reads a file through a window of 2 * ICAL_MAX_LINE bytes;
 * these files are bigger than two windows. */

/* Appends s and CRLF to b, counting the line. */
static void
add_line(struct strbuf *b, size_t *lines, const char *s)
{
	sb_add(b, s);
	sb_add(b, "\r\n");
	(*lines)++;
}

/* HEAD, then VCALENDAR properties of about 1 KiB (never parsed) until
 * the text is longer than two windows. */
static void
past_window(struct strbuf *b, size_t *lines)
{
	char filler[1001];

	memset(filler, 'f', sizeof(filler) - 1);
	filler[sizeof(filler) - 1] = '\0';
	add_line(b, lines, "BEGIN:VCALENDAR");
	add_line(b, lines, "VERSION:2.0");
	while (b->len <= 4 * (size_t)ICAL_MAX_LINE) {
		sb_add(b, "X-FILLER:");
		add_line(b, lines, filler);
	}
}

/* A line of n bytes "X-LONG:bbb..." (CRLF not counted). */
static void
add_long_line(struct strbuf *b, size_t *lines, size_t n)
{
	size_t i;

	sb_add(b, "X-LONG:");
	for (i = 7; i < n; i++)
		sb_addc(b, 'b');
	add_line(b, lines, "");
}

TEST(test_ical_import_streams_components_across_the_read_window)
{
	struct db *db = fixture_open("t.db");
	struct strbuf b = { 0 };
	struct ical_stats st;
	struct so_err err = { 0 };
	const char *path;
	char filler[1001];
	size_t lines = 0;
	int i;

	REQUIRE(db != NULL);
	memset(filler, 'a', sizeof(filler) - 1);
	filler[sizeof(filler) - 1] = '\0';
	add_line(&b, &lines, "\xef\xbb\xbf" "BEGIN:VCALENDAR");
	add_line(&b, &lines, "VERSION:2.0");
	for (i = 0; i < 3000; i++) {
		sb_printf(&b, "BEGIN:VEVENT\r\nUID:ev%d@x\r\n"
		    "DTSTART:20261201T100000\r\nSUMMARY:Event %d\r\n"
		    "DESCRIPTION:%d %s\r\n", i, i, i, filler);
		/* The longest line allowed, in the second window. */
		if (i == 1500)
			add_long_line(&b, &lines, ICAL_MAX_LINE);
		/* A folded END, late in the file. */
		sb_add(&b, i == 2900 ? "END:VEV\r\n ENT\r\n" :
		    "END:VEVENT\r\n");
	}
	sb_add(&b, "END:VCALENDAR\r\n");
	REQUIRE(b.len > 4 * (size_t)ICAL_MAX_LINE);
	path = write_file("w.ics", b.s, b.len);
	if (ical_import(db, path, &st, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "%s", err.msg);
	CHECK_INT(st.created, 3000);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM events"), 3000);
	/* Every event got its own texts, whole. */
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM events WHERE "
	    "subject = 'Event ' || substr(uid, 3, instr(uid, '@') - 3) AND "
	    "description = substr(uid, 3, instr(uid, '@') - 3) || ' ' || "
	    "replace(hex(zeroblob(500)), '0', 'a')"), 3000);
	/* Again: all there, nothing changed. */
	REQUIRE(ical_import(db, path, &st, &err) == SO_OK);
	CHECK_INT(st.unchanged, 3000);
	sb_free(&b);
	db_close(db);
	unlink(path);
}

TEST(test_ical_import_long_line_after_the_read_window_names_its_line)
{
	struct strbuf b = { 0 };
	char want[64];
	size_t lines = 0;

	/* Just too long: the whole line fits the window. */
	past_window(&b, &lines);
	add_line(&b, &lines, "BEGIN:VEVENT");
	add_line(&b, &lines, "UID:x");
	add_long_line(&b, &lines, ICAL_MAX_LINE + 1);
	add_line(&b, &lines, "END:VEVENT");
	add_line(&b, &lines, "END:VCALENDAR");
	snprintf(want, sizeof(want), "x.ics:%zu: line longer than 1 MiB",
	    lines - 2);
	expect_error("x.ics", b.s, b.len, want, __LINE__);

	/* Longer than the window itself, ending the file unterminated. */
	sb_reset(&b);
	lines = 0;
	past_window(&b, &lines);
	add_line(&b, &lines, "BEGIN:VEVENT");
	add_long_line(&b, &lines, 3 * (size_t)ICAL_MAX_LINE);
	b.len -= 2;
	snprintf(want, sizeof(want), "x.ics:%zu: line longer than 1 MiB",
	    lines);
	expect_error("x.ics", b.s, b.len, want, __LINE__);
	sb_free(&b);
}

TEST(test_ical_import_error_after_the_read_window_names_its_line)
{
	static const struct {
		const char *text, *want;
	} bad[] = {
		{ "SUMMARY:bad \xd0\x28 byte", "invalid UTF-8" },
		{ "END:VTODO", "END:VTODO without BEGIN" },
		{ "END:VEV\r\n TODO", "END:VEVTODO without BEGIN" },
	};
	struct strbuf b = { 0 };
	char want[128];
	size_t lines, at, i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		sb_reset(&b);
		lines = 0;
		past_window(&b, &lines);
		add_line(&b, &lines, "BEGIN:VEVENT");
		add_line(&b, &lines, "UID:x");
		add_line(&b, &lines, "DTSTART:20261201T100000");
		at = lines + 1;
		add_line(&b, &lines, bad[i].text);
		add_line(&b, &lines, "END:VEVENT");
		add_line(&b, &lines, "END:VCALENDAR");
		snprintf(want, sizeof(want), "x.ics:%zu: %s", at, bad[i].want);
		expect_error("x.ics", b.s, b.len, want, __LINE__);
	}

	/* A NUL byte. */
	sb_reset(&b);
	lines = 0;
	past_window(&b, &lines);
	at = lines + 1;
	sb_addn(&b, "X-NUL:a\0b\r\n", 11);
	add_line(&b, &lines, "END:VCALENDAR");
	snprintf(want, sizeof(want), "x.ics:%zu: NUL byte", at);
	expect_error("x.ics", b.s, b.len, want, __LINE__);

	/* A component that never ends, named by its BEGIN. */
	sb_reset(&b);
	lines = 0;
	past_window(&b, &lines);
	at = lines + 1;
	add_line(&b, &lines, "BEGIN:VTODO");
	add_line(&b, &lines, "UID:t");
	snprintf(want, sizeof(want), "x.ics:%zu: BEGIN:VTODO never ended", at);
	expect_error("x.ics", b.s, b.len, want, __LINE__);

	/* libical's turn (the component read again from the file): a good
	 * event, then one without DTSTART, both past the first window. */
	sb_reset(&b);
	lines = 0;
	past_window(&b, &lines);
	sb_add(&b, GOOD);
	lines += 5;
	at = lines + 1;
	add_line(&b, &lines, "BEGIN:VEVENT");
	add_line(&b, &lines, "UID:z");
	add_line(&b, &lines, "SUMMARY:no start");
	add_line(&b, &lines, "END:VEVENT");
	add_line(&b, &lines, "END:VCALENDAR");
	snprintf(want, sizeof(want), "x.ics:%zu: VEVENT without DTSTART", at);
	expect_error("x.ics", b.s, b.len, want, __LINE__);
	sb_free(&b);
}
