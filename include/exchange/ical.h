/*
 * iCalendar (RFC 5545) export and import of events and tasks, through
 * libical, so that calcurse, khal, Thunderbird and phone calendars can
 * read what salesorg plans and salesorg can take in what they export.
 *
 * Export writes one VCALENDAR: a VTIMEZONE for the local zone, a VEVENT
 * per event (plus one per moved occurrence, with RECURRENCE-ID), a VTODO
 * per task.  Text escaping and 75-octet line folding are libical's.
 * X-SALESORG-* properties carry what iCalendar has no place for (type
 * code, done/result, which texts were made up for the calendar), so
 * export -> import -> export changes nothing.
 *
 * Import is idempotent by UID and all-or-nothing: the file is checked
 * line by line first (UTF-8, line length, BEGIN/END balance and depth),
 * because libical reports no line numbers and would happily recurse
 * through 100 000 nested components; each top-level component is then
 * parsed by libical on its own, so an error names the line it starts on.
 */
#ifndef ICAL_H
#define ICAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "store/db.h"

/* Refuse files bigger than this; a calendar is not a gigabyte. */
#define ICAL_MAX_FILE	(256L * 1024 * 1024)
#define ICAL_MAX_LINE	(1024 * 1024)
#define ICAL_MAX_DEPTH	8

struct ical_filter {
	int64_t		 from, to;	/* [from, to) Unix seconds; 0: unbounded */
	int64_t		 user_id;	/* assignee; 0: everyone */
	const char	*type;		/* event type code, or NULL: all */
	int		 tasks;		/* also write open/done tasks as VTODO */
};

/*
 * Writes the events (and tasks) f selects to out.  A recurring event is
 * included when its first start is before f->to (the calendar program
 * expands it).  *nevents: VEVENT masters written (may be NULL).
 */
int	ical_export(struct db *db, const struct ical_filter *f, FILE *out,
	    size_t *nevents, struct so_err *err);

/* created/updated/unchanged count events and tasks; tasks says how many
 * of them were VTODOs. */
struct ical_stats { size_t created, updated, unchanged, tasks; };

/* Import a whole file in one transaction: on any error nothing is kept,
 * and err names the file, the line and the reason ("x.ics:12: ..."). */
int	ical_import(struct db *db, const char *path, struct ical_stats *st,
	    struct so_err *err);

/* The same for text already in memory (len bytes); name is used in
 * messages. */
int	ical_import_mem(struct db *db, const char *name, const char *buf,
	    size_t len, struct ical_stats *st, struct so_err *err);

/* The IANA name of the local time zone ($TZ, /etc/timezone, the
 * /etc/localtime link), or NULL; the caller frees. */
char	*ical_local_zone(void);

#endif
