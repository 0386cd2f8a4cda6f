/*
 * iCalendar export; see include/exchange/ical.h.
 *
 * Every component is built with libical and serialised on its own, then
 * freed: the VCALENDAR's head and tail come from an empty VCALENDAR cut
 * at its END line.  So escaping and the 75-octet folding (which never
 * splits a UTF-8 sequence) are libical's, while memory stays that of one
 * event however many are written.
 *
 * Timed moments are written as local wall-clock time with the TZID of
 * the local zone and its VTIMEZONE from libical's copy of the system
 * zone data, because that is how people read a calendar ("09:00 in
 * Moscow"), and calendar programs in another zone still convert right.
 * When the zone has no name libical knows (TZ=MSK-3, say) we fall back
 * to UTC with Z.  All-day events are DATE values, DTEND the next day
 * (RFC 5545 end is exclusive).
 *
 * What the calendar needs but salesorg does not store is made up here
 * and marked, so the import can tell it from data:
 *	SUMMARY "Type: Company" for an event without a subject, LOCATION
 *	the company's name, DESCRIPTION with Company:/Contact: lines --
 *	X-SALESORG-DERIVED lists which of them were made up, and
 *	X-SALESORG-DESCRIPTION keeps the stored description when the
 *	exported one has lines added.
 *	X-SALESORG-TYPE (type code), X-SALESORG-STATUS (planned, done,
 *	cancelled: iCalendar has no "done" for events), X-SALESORG-RESULT
 *	and X-SALESORG-RESULT-COMMENT.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libical/ical.h>

#include "base/i18n.h"
#include "base/util.h"
#include "exchange/ical.h"
#include "store/acl.h"
#include "store/calendar.h"
#include "store/entities.h"
#include "store/ical_api.h"
#include "store/recur.h"

struct exp {
	struct db	*db;
	FILE		*out;
	char		*zname;		/* TZID; NULL: write UTC */
	icaltimezone	*tz;
	struct icaltimetype stamp;	/* DTSTAMP */
	size_t		 nevents;
};

static const char *const utc_names[] = {
	"UTC", "Etc/UTC", "GMT", "Etc/GMT", "UCT", "Etc/UCT", "Universal",
	"Etc/Universal", "Zulu", "Etc/Zulu", "Etc/GMT0", "GMT0", NULL
};

/* The part of a zoneinfo path after "zoneinfo/", or the text itself. */
static char *
zone_from_path(const char *s)
{
	const char *z = strstr(s, "zoneinfo/");

	return xstrdup(z ? z + 9 : s);
}

char *
ical_local_zone(void)
{
	const char *tz = getenv("TZ");
	char buf[PATH_MAX];
	ssize_t n;
	FILE *f;

	if (tz && *tz) {
		if (*tz == ':')
			tz++;
		return *tz ? zone_from_path(tz) : NULL;
	}
	if ((f = fopen("/etc/timezone", "r")) != NULL) {
		if (fgets(buf, sizeof(buf), f)) {
			buf[strcspn(buf, " \t\r\n")] = '\0';
			if (*buf) {
				fclose(f);
				return xstrdup(buf);
			}
		}
		fclose(f);
	}
	if ((n = readlink("/etc/localtime", buf, sizeof(buf) - 1)) > 0) {
		buf[n] = '\0';
		return zone_from_path(buf);
	}
	return NULL;
}

/* Picks the zone to write times in; x->tz NULL means UTC. */
static void
zone_setup(struct exp *x)
{
	int i;

	x->zname = ical_local_zone();
	x->tz = NULL;
	if (x->zname == NULL)
		return;
	for (i = 0; utc_names[i]; i++)
		if (strcmp(x->zname, utc_names[i]) == 0)
			goto utc;
	x->tz = icaltimezone_get_builtin_timezone(x->zname);
	if (x->tz && icaltimezone_get_component(x->tz))
		return;
utc:
	x->tz = NULL;
	free(x->zname);
	x->zname = NULL;
}

static void
emit(struct exp *x, icalcomponent *c)
{
	char *s = icalcomponent_as_ical_string_r(c);

	fputs(s, x->out);
	free(s);
	icalcomponent_free(c);
}

/* t as a DATE (local day) or a local DATE-TIME (floating: the TZID
 * parameter is added by set_time) or UTC. */
static struct icaltimetype
ical_time(struct exp *x, int64_t t, int is_date)
{
	if (!is_date && x->tz == NULL)
		return icaltime_from_timet_with_zone((time_t)t, 0,
		    icaltimezone_get_utc_timezone());
	return recur_local_time(t, is_date);
}

/* The local midnight one day after the day of t. */
static int64_t
next_day(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	tm.tm_mday++;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* Adds property kind (DTSTART, DTEND, DUE, EXDATE, RECURRENCE-ID) with
 * time t to c. */
static void
add_time(struct exp *x, icalcomponent *c, icalproperty_kind kind, int64_t t,
    int is_date)
{
	struct icaltimetype it = ical_time(x, t, is_date);
	icalproperty *p = icalproperty_new(kind);

	icalproperty_set_value(p, is_date ? icalvalue_new_date(it) :
	    icalvalue_new_datetime(it));
	if (!is_date && x->tz)
		icalproperty_add_parameter(p, icalparameter_new_tzid(x->zname));
	icalcomponent_add_property(c, p);
}

/* An X- property.  libical escapes backslashes and newlines in it but
 * not commas, and reads it back whole; a VALUE=TEXT one it would split
 * at the first comma on reading. */
static void
add_x(icalcomponent *c, const char *name, const char *value)
{
	icalproperty *p;

	if (value == NULL || *value == '\0')
		return;
	p = icalproperty_new_x(value);
	icalproperty_set_x_name(p, name);
	icalcomponent_add_property(c, p);
}

static void
add_alarm(icalcomponent *c, int64_t minutes, const char *text)
{
	struct icaltriggertype tr;
	icalcomponent *a;

	memset(&tr, 0, sizeof(tr));
	tr.time = icaltime_null_time();
	tr.duration = icaldurationtype_from_int(-(int)(minutes * 60));
	a = icalcomponent_new_valarm();
	icalcomponent_add_property(a, icalproperty_new_action(
	    ICAL_ACTION_DISPLAY));
	icalcomponent_add_property(a, icalproperty_new_trigger(tr));
	icalcomponent_add_property(a, icalproperty_new_description(text));
	icalcomponent_add_component(c, a);
}

/*
 * One VEVENT for e; for a moved occurrence (mv not NULL) the override
 * with RECURRENCE-ID instead of the rule.
 */
static icalcomponent *
vevent(struct exp *x, const struct cal_event *e,
    const struct event_exception *xs, size_t nx,
    const struct event_exception *mv)
{
	struct strbuf sum = { 0 }, desc = { 0 }, derived = { 0 };
	struct cal_event own;
	const char *loc;
	icalcomponent *c = icalcomponent_new_vevent();
	int64_t start = e->start_at, end = e->end_at;
	size_t i;

	/* A moved occurrence with texts of its own writes them. */
	if (mv && (mv->subject || mv->location || mv->description)) {
		own = *e;
		if (mv->subject)
			own.subject = mv->subject;
		if (mv->location)
			own.location = mv->location;
		if (mv->description)
			own.description = mv->description;
		e = &own;
	}

	icalcomponent_add_property(c, icalproperty_new_uid(e->uid));
	icalcomponent_add_property(c, icalproperty_new_dtstamp(x->stamp));
	if (mv) {
		add_time(x, c, ICAL_RECURRENCEID_PROPERTY, mv->orig_start,
		    e->all_day);
		start = mv->new_start;
		end = mv->new_end ? mv->new_end : e->end_at ?
		    mv->new_start + (e->end_at - e->start_at) : 0;
	}
	add_time(x, c, ICAL_DTSTART_PROPERTY, start, e->all_day);
	if (e->all_day)
		add_time(x, c, ICAL_DTEND_PROPERTY, next_day(end > start ?
		    end : start), 1);
	else if (end > start)	/* RFC 5545: DTEND later than DTSTART */
		add_time(x, c, ICAL_DTEND_PROPERTY, end, 0);

	if (*e->subject)
		sb_add(&sum, e->subject);
	else {
		sb_add(&sum, *e->type_name ? e->type_name : "Event");
		if (*e->company)
			sb_printf(&sum, ": %s", e->company);
		sb_add(&derived, ",SUMMARY");
	}
	icalcomponent_add_property(c, icalproperty_new_summary(sb_str(&sum)));
	loc = *e->location ? e->location : e->company;
	if (*loc)
		icalcomponent_add_property(c, icalproperty_new_location(loc));
	if (!*e->location && *loc)
		sb_add(&derived, ",LOCATION");
	sb_add(&desc, e->description);
	if (*e->company || *e->contact) {
		if (desc.len)
			sb_add(&desc, "\n\n");
		if (*e->company)
			sb_printf(&desc, "Company: %s%s", e->company,
			    *e->contact ? "\n" : "");
		if (*e->contact)
			sb_printf(&desc, "Contact: %s%s%s", e->contact,
			    *e->contact_phone ? " " : "", e->contact_phone);
		sb_add(&derived, ",DESCRIPTION");
	}
	if (desc.len)
		icalcomponent_add_property(c, icalproperty_new_description(
		    sb_str(&desc)));
	if (*e->type_name)
		icalcomponent_add_property(c, icalproperty_new_categories(
		    e->type_name));
	icalcomponent_add_property(c, icalproperty_new_status(
	    strcmp(e->status, "cancelled") == 0 ? ICAL_STATUS_CANCELLED :
	    ICAL_STATUS_CONFIRMED));
	if (!mv && *e->rrule) {
		struct icalrecurrencetype r;

		r = icalrecurrencetype_from_string(strncmp(e->rrule, "RRULE:",
		    6) == 0 ? e->rrule + 6 : e->rrule);
		if (r.freq != ICAL_NO_RECURRENCE)
			icalcomponent_add_property(c, icalproperty_new_rrule(r));
		icalerror_clear_errno();
		for (i = 0; i < nx; i++)
			if (xs[i].cancelled)
				add_time(x, c, ICAL_EXDATE_PROPERTY,
				    xs[i].orig_start, e->all_day);
	}
	add_x(c, "X-SALESORG-TYPE", e->type_code);
	add_x(c, "X-SALESORG-STATUS", e->status);
	add_x(c, "X-SALESORG-RESULT", e->result_code);
	add_x(c, "X-SALESORG-RESULT-COMMENT", e->result_comment);
	if (derived.len) {
		add_x(c, "X-SALESORG-DERIVED", derived.s + 1);
		if (strstr(derived.s, "DESCRIPTION"))
			add_x(c, "X-SALESORG-DESCRIPTION", e->description);
	}
	if (e->remind_min >= 0)
		add_alarm(c, e->remind_min, sb_str(&sum));
	sb_free(&sum);
	sb_free(&desc);
	sb_free(&derived);
	return c;
}

static int
write_event(void *arg, const struct cal_event *e, struct so_err *err)
{
	struct exp *x = arg;
	struct event_exception *xs = NULL;
	size_t nx = 0, i;
	int code;

	if (*e->rrule && (code = store_event_exceptions(x->db, e->id, &xs,
	    &nx, err)) != SO_OK)
		return code;
	emit(x, vevent(x, e, xs, nx, NULL));
	for (i = 0; i < nx; i++)
		if (!xs[i].cancelled && xs[i].new_start)
			emit(x, vevent(x, e, xs, nx, &xs[i]));
	store_event_exceptions_free(xs, nx);
	x->nevents++;
	if (ferror(x->out))
		return so_err_set(err, SO_ERR, _("write error"));
	return SO_OK;
}

static int
write_task(void *arg, const struct cal_task *t, struct so_err *err)
{
	struct exp *x = arg;
	icalcomponent *c = icalcomponent_new_vtodo();
	char *uid = NULL;
	int prio;

	if (*t->uid == '\0')
		uid = xasprintf("task-%lld@salesorg", (long long)t->id);
	icalcomponent_add_property(c, icalproperty_new_uid(uid ? uid :
	    t->uid));
	free(uid);
	icalcomponent_add_property(c, icalproperty_new_dtstamp(x->stamp));
	icalcomponent_add_property(c, icalproperty_new_summary(t->title));
	if (*t->description)
		icalcomponent_add_property(c, icalproperty_new_description(
		    t->description));
	if (t->due_at)
		add_time(x, c, ICAL_DUE_PROPERTY, t->due_at, 0);
	prio = strcmp(t->priority, "high") == 0 ? 1 :
	    strcmp(t->priority, "low") == 0 ? 9 : 5;
	icalcomponent_add_property(c, icalproperty_new_priority(prio));
	icalcomponent_add_property(c, icalproperty_new_status(
	    strcmp(t->status, "done") == 0 ? ICAL_STATUS_COMPLETED :
	    strcmp(t->status, "cancelled") == 0 ? ICAL_STATUS_CANCELLED :
	    ICAL_STATUS_NEEDSACTION));
	emit(x, c);
	if (ferror(x->out))
		return so_err_set(err, SO_ERR, _("write error"));
	return SO_OK;
}

/* The local zone's VTIMEZONE, its TZID the plain IANA name (libical's
 * own is "/freeassociation.sourceforge.net/Europe/Moscow", which other
 * programs do not recognise as the zone they know). */
static void
write_vtimezone(struct exp *x)
{
	icalcomponent *vtz;
	icalproperty *p;

	vtz = icalcomponent_new_clone(icaltimezone_get_component(x->tz));
	if ((p = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY)))
		icalproperty_set_tzid(p, x->zname);
	emit(x, vtz);
}

int
ical_export(struct db *db, const struct ical_filter *f, FILE *out,
    size_t *nevents, struct so_err *err)
{
	struct cal_query q = { f->from, f->to, f->user_id, f->type };
	struct exp x = { 0 };
	int64_t own = acl_export_owner(db);
	icalcomponent *cal;
	char *s, *tail;
	int code;

	if (nevents)
		*nevents = 0;
	if ((code = ical_api_load(err)) != SO_OK)
		return code;
	icalerror_set_errors_are_fatal(0);
	/* A manager exports only their own calendar. */
	if (own && f->user_id != own) {
		if (f->user_id)
			/* TRANSLATORS: after "only a head of sales or an
			 * administrator may". */
			return acl_require(db, ROLE_HEAD, _("export a "
			    "colleague's calendar"), err);
		q.user_id = own;
	}
	x.db = db;
	x.out = out;
	x.stamp = icaltime_from_timet_with_zone(db_now(db), 0,
	    icaltimezone_get_utc_timezone());
	zone_setup(&x);

	cal = icalcomponent_new_vcalendar();
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid(
	    "-//salesorg//salesorg//EN"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	s = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	tail = strstr(s, "END:VCALENDAR");
	fwrite(s, 1, (size_t)(tail - s), out);

	if (x.tz)
		write_vtimezone(&x);
	code = store_calendar_events(db, &q, write_event, &x, err);
	if (code == SO_OK && f->tasks && f->type == NULL)
		code = store_calendar_tasks(db, &q, write_task, &x, err);
	fputs(tail, out);
	free(s);
	free(x.zname);
	icalerror_clear_errno();
	if (nevents)
		*nevents = x.nevents;
	if (code != SO_OK)
		return code;
	if (fflush(out) != 0 || ferror(out))
		return so_err_set(err, SO_ERR, _("write error"));
	return SO_OK;
}
