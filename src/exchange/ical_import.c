/*
 * iCalendar import; see include/exchange/ical.h.
 *
 * Three steps, all inside one transaction:
 *
 * 1. scan(): our own line-by-line pass over the input.  libical
 *    reports no line numbers, trusts its input to be UTF-8, and frees
 *    nested components recursively (100 000 nested BEGIN:VEVENT would
 *    overflow the stack), so before it sees a byte we check every line
 *    (UTF-8, no NUL, at most 1 MiB), balance BEGIN/END with a stack of
 *    at most ICAL_MAX_DEPTH, and note where each top-level component of
 *    each VCALENDAR starts and ends, with a hash of its bytes.
 * 2. Each top-level component is handed to libical alone, so any error
 *    names the line where that component starts.  VTIMEZONEs of a
 *    VCALENDAR are collected first; a TZID is looked up in the system
 *    zone data before the file's VTIMEZONE (it is exact and cannot be
 *    hostile), and a file VTIMEZONE may only repeat yearly.
 * 3. VEVENT masters and VTODOs are matched by UID (a component without
 *    one gets a hash of its start and summary, so re-importing a file
 *    from calcurse stays idempotent) and created or updated through the
 *    store, so validation, optimistic locking and the audit log apply.
 *    A single event's exceptions (its EXDATEs) are compared with the
 *    stored ones at once and replaced if they differ.  A series' wait
 *    for its overrides (RECURRENCE-ID), which a file may list before
 *    it: at the end each series is read again from the file with its
 *    overrides, one at a time.
 *
 * A file is streamed, never held whole, so memory stays bounded however
 * big the file is (a 50 MB export of 100 000 events would otherwise
 * double the peak): the scan reads it through a window of WINDOW bytes,
 * moved on as lines are consumed, and step 2 reads the components again
 * with pread(), RA_SIZE bytes at a time, when it gets to them.  A file that shrank or changed in
 * between fails (the hash no longer matches) instead of feeding libical
 * bytes the scan never checked.  No mmap: a mapped file truncated under
 * us kills the process with SIGBUS.  A pipe cannot be read twice; it is
 * read whole, which ICAL_MAX_FILE bounds.  ical_import_mem() imports a
 * buffer the caller holds, through the same steps.
 *
 * What is kept per record until the end is small too: 24 bytes of each
 * component's place (struct comp), 12 of each UID's hash (to tell a UID
 * met again), 24 of each series and override; no copy of any UID or
 * text.  300 000 events import in 33 MiB of peak RSS, most of it
 * SQLite's.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libical/ical.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/priv.h"
#include "base/utf8.h"
#include "base/util.h"
#include "exchange/ical.h"
#include "store/audit.h"
#include "store/calendar.h"
#include "store/entities.h"
#include "store/index.h"
#include "store/lookup.h"
#include "store/ical_api.h"
#include "store/recur.h"

#define NAME_MAX_LEN	32
/* The scan's view of a file: any line that fits ICAL_MAX_LINE fits. */
#define WINDOW		(2 * (size_t)ICAL_MAX_LINE)
#define FNV_INIT	0xcbf29ce484222325ULL

enum ckind { C_OTHER, C_EVENT, C_TODO, C_TZ };

/*
 * A top-level component (child of a VCALENDAR) as the scan found it:
 * one for each of a file's records, so kept small (24 bytes; the file is
 * at most ICAL_MAX_FILE bytes, so offsets, lines and counts fit 32 bits).
 */
struct comp {
	uint32_t	 start, end;	/* byte range */
	uint32_t	 line;		/* of its BEGIN */
	uint32_t	 cal;		/* which VCALENDAR of the file */
	uint32_t	 hash;		/* of those bytes, see comp_hash() */
	uint8_t		 kind;		/* enum ckind */
};

/*
 * A VEVENT master while its exceptions are put together: its EXDATEs,
 * then its overrides.  A single event's is made and done with as the
 * file names it; a series' again at the end, from its component, with
 * its overrides (a file may list them first).
 */
struct master {
	char		*uid;
	int64_t		 id, start, dur;	/* dur -1: no end */
	int		 all_day;
	int		 state;		/* 0 unchanged, 1 updated, 2 created */
	int		 recurring;
	/* Its SUMMARY, LOCATION and DESCRIPTION as the file has them: an
	 * override repeating them has no texts of its own. */
	char		*summary, *location, *description;
	struct event_exception *xs;
	size_t		 nx, cap;
};

/* A series (a VEVENT with an RRULE) imported, or an override read, until
 * the end: by the hash of its UID (uid_hash) and its component. */
struct series {
	uint64_t	 uid;
	int64_t		 id;
	uint32_t	 comp;
	int		 state;		/* as master's; unused for overrides */
};

/* A name of an event type or result looked up, and what it found: a
 * file names the same few in every component. */
struct memo {
	int		 kind;		/* 'T' type, 'R' result, 'L' type code */
	char		*name;
	int64_t		 id;
};

#define MEMO_MAX	64

/* A TZID found, and in which VCALENDAR: every DTSTART and DTEND of a
 * file names the same one or two, and libical looks a built-in zone up
 * by comparing its name with each of some 400 (a twentieth of an
 * import's time). */
struct zmemo {
	size_t		 cal;
	char		*tzid;
	icaltimezone	*zone;		/* NULL: not found, local time */
};

#define ZMEMO_MAX	8
#define RA_SIZE		(256 * 1024)

struct imp {
	struct db	*db;
	const char	*name;
	const char	*buf;		/* memory input ... */
	size_t		 len;
	int		 fd;		/* ... or this file; -1: memory */
	struct comp	*comps;
	size_t		 ncomps, capcomps, ncal;
	icalcomponent	**vcal;		/* per VCALENDAR: its VTIMEZONEs */
	struct series	*series, *overrides;
	size_t		 nseries, capseries, noverrides, capoverrides;
	struct ical_stats *st;
	struct memo	 memo[MEMO_MAX];
	size_t		 nmemo;
	struct zmemo	 zmemo[ZMEMO_MAX];
	size_t		 nzmemo;
	char		*ra;		/* the file read ahead, see comp_bytes */
	struct strbuf	 text;		/* a component for libical */
	size_t		 ra_off, ra_len, ra_cap;
	/* The UIDs met so far, as hashes (uid_hash; 0 is a free slot),
	 * and the last component that named each. */
	uint64_t	*uids;
	uint32_t	*ulast;
	size_t		 nuids, capuids;	/* capuids: a power of 2 */
};

/* ---- step 1: the scan ---- */

struct frame {
	char		 name[NAME_MAX_LEN];
	size_t		 line;
};

struct scanner {
	struct imp	*im;
	struct frame	 stack[ICAL_MAX_DEPTH];
	int		 depth;
	/* The BEGIN or END logical line being collected (it may be
	 * folded over several physical lines). */
	int		 pending;	/* 0, 'B' or 'E' */
	size_t		 pline, pstart;
	struct strbuf	 pname;
	uint64_t	 phash;		/* of a top-level BEGIN line so far */
	size_t		 cur_start, cur_line;	/* open depth-2 component */
	uint64_t	 cur_hash;
};

/* The input as scan() sees it: im->buf whole, or a window of the file
 * that moves on as lines are consumed. */
struct reader {
	char		*win;		/* WINDOW bytes; NULL for memory */
	const char	*buf;		/* win or im->buf */
	size_t		 base;		/* offset of buf[0] in the input */
	size_t		 pos, len;	/* next line; bytes in buf */
	int		 eof;		/* len reaches the end of the input */
};

/* 64-bit FNV-1a of n bytes, continuing from h. */
static uint64_t
fnv_bytes(uint64_t h, const char *p, size_t n)
{
	while (n-- > 0) {
		h ^= (unsigned char)*p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/*
 * The hash of a line of n bytes (its newline included), continuing from
 * h: FNV-1a's step eight bytes at a time (a byte at a time was a
 * fortieth of an import).  A component's hash is that of its lines in
 * turn, by the scan and by comp_bytes alike.
 */
static uint64_t
line_hash(uint64_t h, const char *p, size_t n)
{
	uint64_t w;

	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0x100000001b3ULL;
	}
	return fnv_bytes(h, p, n);
}

/* A component's hash as kept: line_hash's folded to 32 bits. */
static uint32_t
comp_hash(uint64_t h)
{
	return (uint32_t)(h ^ h >> 32);
}

/* The component name as we keep and print it: letters, digits and '-',
 * upper case, anything else '?', at most NAME_MAX_LEN - 1 bytes. */
static void
clean_name(const char *s, char out[NAME_MAX_LEN])
{
	size_t i;

	while (*s == ' ' || *s == '\t')
		s++;
	for (i = 0; s[i] && i < NAME_MAX_LEN - 1; i++)
		out[i] = isalnum((unsigned char)s[i]) || s[i] == '-' ?
		    (char)toupper((unsigned char)s[i]) : '?';
	while (i > 0 && out[i - 1] == '?' && (s[i - 1] == ' ' ||
	    s[i - 1] == '\t'))
		i--;
	out[i] = '\0';
}

static enum ckind
kind_of(const char *name)
{
	if (strcmp(name, "VEVENT") == 0)
		return C_EVENT;
	if (strcmp(name, "VTODO") == 0)
		return C_TODO;
	if (strcmp(name, "VTIMEZONE") == 0)
		return C_TZ;
	return C_OTHER;
}

/* Ends the pending BEGIN/END line; next is the offset of the line
 * after it. */
static int
scan_flush(struct scanner *sc, size_t next, struct so_err *err)
{
	struct imp *im = sc->im;
	char name[NAME_MAX_LEN];
	struct comp *c;
	int i;

	if (!sc->pending)
		return SO_OK;
	clean_name(sb_str(&sc->pname), name);
	if (sc->pending == 'B') {
		if (sc->depth == ICAL_MAX_DEPTH)
			return so_err_set(err, SO_EINVAL, _("%s:%zu: "
			    "components nested deeper than %d"), im->name,
			    sc->pline,
			    ICAL_MAX_DEPTH);
		if (sc->depth == 0) {
			if (strcmp(name, "VCALENDAR") != 0)
				return so_err_set(err, SO_EINVAL, _("%s:%zu: "
				    "BEGIN:%s outside VCALENDAR"), im->name,
				    sc->pline, name);
			im->ncal++;
		} else if (sc->depth == 1) {
			sc->cur_start = sc->pstart;
			sc->cur_line = sc->pline;
			sc->cur_hash = sc->phash;
		}
		memcpy(sc->stack[sc->depth].name, name, sizeof(name));
		sc->stack[sc->depth++].line = sc->pline;
	} else {
		if (sc->depth == 0)
			return so_err_set(err, SO_EINVAL, _("%s:%zu: END:%s "
			    "without BEGIN"), im->name, sc->pline, name);
		if (strcmp(name, sc->stack[sc->depth - 1].name) != 0) {
			for (i = 0; i < sc->depth - 1; i++)
				if (strcmp(name, sc->stack[i].name) == 0)
					return so_err_set(err, SO_EINVAL,
					    _("%s:%zu: BEGIN:%s never ended"),
					    im->name,
					    sc->stack[sc->depth - 1].line,
					    sc->stack[sc->depth - 1].name);
			return so_err_set(err, SO_EINVAL, _("%s:%zu: END:%s "
			    "without BEGIN"), im->name, sc->pline, name);
		}
		if (--sc->depth == 1) {
			if (im->ncomps == im->capcomps) {
				im->capcomps = im->capcomps ?
				    im->capcomps * 2 : 64;
				im->comps = xrealloc(im->comps,
				    im->capcomps * sizeof(*im->comps));
			}
			c = &im->comps[im->ncomps++];
			c->kind = (uint8_t)kind_of(name);
			c->cal = (uint32_t)(im->ncal - 1);
			c->line = (uint32_t)sc->cur_line;
			c->start = (uint32_t)sc->cur_start;
			c->end = (uint32_t)next;
			c->hash = comp_hash(sc->cur_hash);
		}
	}
	sc->pending = 0;
	sb_reset(&sc->pname);
	return SO_OK;
}

/* Moves r's window on to its first unconsumed byte and fills the rest
 * from the file. */
static int
refill(struct imp *im, struct reader *r, struct so_err *err)
{
	ssize_t n;

	memmove(r->win, r->win + r->pos, r->len - r->pos);
	r->base += r->pos;
	r->len -= r->pos;
	r->pos = 0;
	while (r->len < WINDOW && !r->eof) {
		n = read(im->fd, r->win + r->len, WINDOW - r->len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return so_err_set(err, SO_ERR, _("%s: read error"),
			    im->name);
		if (n == 0)
			r->eof = 1;
		r->len += (size_t)n;
	}
	/* It may have grown since fstat(). */
	if (r->base + r->len > (size_t)ICAL_MAX_FILE)
		return so_err_set(err, SO_EINVAL, _("%s: larger than %ld MiB"),
		    im->name, ICAL_MAX_FILE / 1024 / 1024);
	return SO_OK;
}

/* The next physical line, line, of r: *n bytes at *p, its newline
 * included; *n is 0 at the end of the input.  A line that does not fit
 * the window is longer than ICAL_MAX_LINE. */
static int
next_line(struct imp *im, struct reader *r, size_t line, const char **p,
    size_t *n, struct so_err *err)
{
	const char *eol;
	size_t avail;
	int code;

	*n = 0;
	for (;;) {
		avail = r->len - r->pos;
		*p = r->buf + r->pos;
		if (avail > 0 && (eol = memchr(*p, '\n', avail)) != NULL) {
			*n = (size_t)(eol - *p) + 1;
			break;
		}
		if (r->eof) {
			*n = avail;
			break;
		}
		if (avail == WINDOW)
			return so_err_set(err, SO_EINVAL, _("%s:%zu: line "
			    "longer than 1 MiB"), im->name, line);
		if ((code = refill(im, r, err)) != SO_OK)
			return code;
	}
	r->pos += *n;
	return SO_OK;
}

/* The property a content line starts, "SUMMARY" of "SUMMARY;LANG=ru:..",
 * into out (at most size - 1 bytes, controls and all: it is shown
 * through the sanitizer). */
static void
prop_name(const char *p, size_t len, char *out, size_t size)
{
	size_t n = 0;

	while (n < len && n + 1 < size && p[n] != ':' && p[n] != ';')
		n++;
	memcpy(out, p, n);
	out[n] = '\0';
}

static int
scan(struct imp *im, struct so_err *err)
{
	struct scanner sc;
	struct reader r;
	const char *p;
	char prop[NAME_MAX_LEN + 1] = "";
	size_t off, line = 0, n, len;
	uint32_t cp;
	long at;
	int code = SO_OK, plain;

	memset(&sc, 0, sizeof(sc));
	sc.im = im;
	memset(&r, 0, sizeof(r));
	if (im->fd == -1) {
		r.buf = im->buf ? im->buf : "";
		r.len = im->len;
		r.eof = 1;
	} else {
		r.buf = r.win = xmalloc(WINDOW);
		if ((code = refill(im, &r, err)) != SO_OK) {
			free(r.win);
			return code;
		}
	}
	if (r.len >= 3 && memcmp(r.buf, "\xef\xbb\xbf", 3) == 0)
		r.pos = 3;
	for (;;) {
		code = next_line(im, &r, line + 1, &p, &n, err);
		if (code != SO_OK || n == 0)
			break;
		off = r.base + (size_t)(p - r.buf);
		len = p[n - 1] == '\n' ? n - 1 : n;
		if (len > 0 && p[len - 1] == '\r')
			len--;
		line++;
		if (len > ICAL_MAX_LINE) {
			code = so_err_set(err, SO_EINVAL, _("%s:%zu: line "
			    "longer than 1 MiB"), im->name, line);
			break;
		}
		/* The checks below in one pass, for almost every line. */
		plain = utf8_plain(p, len, "\t", NULL);
		if (!plain && memchr(p, '\0', len)) {
			code = so_err_set(err, SO_EINVAL, _("%s:%zu: NUL byte"),
			    im->name, line);
			break;
		}
		if (!plain && !utf8_valid(p, len)) {
			code = so_err_set(err, SO_EINVAL, _("%s:%zu: invalid "
			    "UTF-8"), im->name, line);
			break;
		}
		if (len > 0 && *p != ' ' && *p != '\t')
			prop_name(p, len, prop, sizeof(prop));
		/* RFC 5545 allows no control but HTAB in a content line
		 * (a line break in a value is written \n): an ESC or a C1
		 * in one is an attack on whoever reads it, not data. */
		if (!plain && (at = utf8_control_in(p, len, "\t", &cp)) >= 0) {
			code = so_err_set(err, SO_EINVAL, _("%s:%zu: %s: a "
			    "control character (%s%02X)"), im->name, line,
			    prop, cp < 0x80 ? "0x" : "U+00", (unsigned)cp);
			break;
		}
		if (len > 0 && (*p == ' ' || *p == '\t')) {
			/* A folded continuation: part of the name only
			 * when the line it continues is BEGIN/END. */
			if (sc.pending && sc.pname.len < NAME_MAX_LEN)
				sb_addn(&sc.pname, p + 1, len - 1 <
				    NAME_MAX_LEN ? len - 1 : NAME_MAX_LEN);
			if (sc.pending == 'B' && sc.depth == 1)
				sc.phash = line_hash(sc.phash, p, n);
		} else {
			if ((code = scan_flush(&sc, off, err)) != SO_OK)
				break;
			if (len >= 6 && strncasecmp(p, "BEGIN:", 6) == 0) {
				sc.pending = 'B';
				sb_addn(&sc.pname, p + 6, len - 6 <
				    NAME_MAX_LEN ? len - 6 : NAME_MAX_LEN);
				if (sc.depth == 1)
					sc.phash = line_hash(FNV_INIT, p, n);
			} else if (len >= 4 && strncasecmp(p, "END:", 4) == 0) {
				sc.pending = 'E';
				sb_addn(&sc.pname, p + 4, len - 4 <
				    NAME_MAX_LEN ? len - 4 : NAME_MAX_LEN);
			}
			sc.pline = line;
			sc.pstart = off;
		}
		/* Inside a top-level component, whose hash began with
		 * its BEGIN line (phash). */
		if (sc.depth >= 2)
			sc.cur_hash = line_hash(sc.cur_hash, p, n);
	}
	if (code == SO_OK)
		code = scan_flush(&sc, r.base + r.len, err);
	free(r.win);
	sb_free(&sc.pname);
	if (code != SO_OK)
		return code;
	if (sc.depth > 0)
		return so_err_set(err, SO_EINVAL, _("%s:%zu: BEGIN:%s never "
		    "ended"), im->name, sc.stack[sc.depth - 1].line,
		    sc.stack[sc.depth - 1].name);
	if (im->ncal == 0)
		return so_err_set(err, SO_EINVAL, _("%s: not an iCalendar "
		    "file"), im->name);
	return SO_OK;
}

/* ---- step 2: libical, one component at a time ---- */

/* err's message prefixed with "FILE:LINE: ". */
static int
at_line(struct imp *im, size_t line, struct so_err *err)
{
	char msg[sizeof(err->msg)];
	int code = err->code ? err->code : SO_EINVAL;

	snprintf(msg, sizeof(msg), "%s", err->msg);
	return so_err_set(err, code, "%s:%zu: %s", im->name, line, msg);
}

/* The first X-LIC-ERROR libical left in c or below, except complaints
 * about empty values (real files are full of "X-WR-CALDESC:"). */
static const char *
lic_error(icalcomponent *c)
{
	icalcomponent *s;
	icalproperty *p;
	const char *m;

	for (p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY);
	    p; p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
		m = icalproperty_get_xlicerror(p);
		if (m && strncmp(m, "No value", 8) != 0)
			return m;
	}
	for (s = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); s;
	    s = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		if ((m = lic_error(s)) != NULL)
			return m;
	return NULL;
}

/*
 * calcurse 4.7 writes reminders as "TRIGGER:-P300S", a duration without
 * the T that seconds need, which libical rejects.  Put the T in for
 * TRIGGER and DURATION lines, so calcurse's own export imports with its
 * reminders.  The text in b (one buffer for all the components), valid
 * until the next call.
 */
static const char *
comp_text(struct strbuf *b, const char *s, size_t n)
{
	const char *end = s + n, *eol, *colon, *v, *run = s;
	size_t len;

	sb_reset(b);
	while (s < end) {
		eol = memchr(s, '\n', (size_t)(end - s));
		len = eol ? (size_t)(eol - s) + 1 : (size_t)(end - s);
		if ((*s == 'T' || *s == 't' || *s == 'D' || *s == 'd') &&
		    (colon = memchr(s, ':', len)) != NULL &&
		    (strncasecmp(s, "TRIGGER", 7) == 0 ||
		    strncasecmp(s, "DURATION", 8) == 0)) {
			v = colon + 1;
			if (*v == '-' || *v == '+')
				v++;
			if (*v == 'P' && isdigit((unsigned char)v[1])) {
				const char *d = v + 1;

				while (isdigit((unsigned char)*d))
					d++;
				if (*d == 'S' || *d == 'M' || *d == 'H') {
					sb_addn(b, run, (size_t)(v + 1 - run));
					sb_addc(b, 'T');
					run = v + 1;
				}
			}
		}
		s += len;
	}
	/* The lines as they are in one go, not one at a time. */
	sb_addn(b, run, (size_t)(end - run));
	return sb_str(b);
}

/* The n bytes of the file at off into im->ra (from im->ra_off): the
 * components are read again in the order of the file, so one pread()
 * brings those of the next RA_SIZE bytes, not one each. */
static int
read_ahead(struct imp *im, size_t off, size_t n, struct so_err *err)
{
	size_t want = n > RA_SIZE ? n : RA_SIZE, got = 0;
	ssize_t r;

	if (want > im->ra_cap) {
		free(im->ra);
		im->ra = xmalloc(want);
		im->ra_cap = want;
	}
	im->ra_off = off;
	im->ra_len = 0;
	while (got < want) {
		r = pread(im->fd, im->ra + got, want - got, (off_t)(off + got));
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return so_err_set(err, SO_ERR, _("%s: read error"),
			    im->name);
		if (r == 0)
			break;
		got += (size_t)r;
	}
	im->ra_len = got;
	return SO_OK;
}

/* line_hash over the lines of s[0..n) in turn. */
static uint64_t
lines_hash(const char *s, size_t n)
{
	const char *eol;
	uint64_t h = FNV_INIT;
	size_t len;

	for (; n > 0; s += len, n -= len) {
		eol = memchr(s, '\n', n);
		len = eol ? (size_t)(eol - s) + 1 : n;
		h = line_hash(h, s, len);
	}
	return h;
}

/* The bytes of cp at *s: in the caller's buffer, or in the file's
 * read ahead (valid until the next call). */
static int
comp_bytes(struct imp *im, const struct comp *cp, const char **s,
    struct so_err *err)
{
	size_t n = cp->end - cp->start;
	int code;

	*s = NULL;
	if (im->fd == -1) {
		*s = im->buf + cp->start;
		return SO_OK;
	}
	if ((cp->start < im->ra_off || cp->end > im->ra_off + im->ra_len) &&
	    (code = read_ahead(im, cp->start, n, err)) != SO_OK)
		return code;
	if (cp->end > im->ra_off + im->ra_len || comp_hash(lines_hash(
	    im->ra + (cp->start - im->ra_off), n)) != cp->hash)
		return so_err_set(err, SO_EINVAL, _("%s: changed while being "
		    "imported"), im->name);
	*s = im->ra + (cp->start - im->ra_off);
	return SO_OK;
}

static icalcomponent *
parse_comp(struct imp *im, const struct comp *cp, icalcomponent_kind want,
    struct so_err *err)
{
	icalcomponent *c;
	const char *m, *s;
	char *clean;

	if (comp_bytes(im, cp, &s, err) != SO_OK)
		return NULL;
	c = icalparser_parse_string(comp_text(&im->text, s,
	    cp->end - cp->start));
	icalerror_clear_errno();
	if (c == NULL || icalcomponent_isa(c) != want) {
		if (c)
			icalcomponent_free(c);
		/* TRANSLATORS: the file, the line, the component
		 * (VEVENT, VTODO, VTIMEZONE). */
		so_err_set(err, SO_EINVAL, _("%s:%zu: cannot parse %s"),
		    im->name, (size_t)cp->line,
		    icalcomponent_kind_to_string(want));
		return NULL;
	}
	if ((m = lic_error(c)) != NULL) {
		clean = utf8_sanitize(m);
		so_err_set(err, SO_EINVAL, "%s:%zu: %s: %s", im->name,
		    (size_t)cp->line, icalcomponent_kind_to_string(want),
		    clean);
		free(clean);
		icalcomponent_free(c);
		return NULL;
	}
	return c;
}

/* A file VTIMEZONE we are willing to let libical expand. */
static int
check_vtimezone(icalcomponent *tz)
{
	icalcomponent *s;
	icalproperty *p;
	struct icalrecurrencetype r;
	int n = 0;

	for (s = icalcomponent_get_first_component(tz, ICAL_ANY_COMPONENT); s;
	    s = icalcomponent_get_next_component(tz, ICAL_ANY_COMPONENT)) {
		if (++n > 1000)
			return -1;
		for (p = icalcomponent_get_first_property(s,
		    ICAL_RRULE_PROPERTY); p; p =
		    icalcomponent_get_next_property(s, ICAL_RRULE_PROPERTY)) {
			r = icalproperty_get_rrule(p);
			if (r.freq != ICAL_YEARLY_RECURRENCE)
				return -1;
		}
	}
	return 0;
}

static int
load_zones(struct imp *im, struct so_err *err)
{
	icalcomponent *c;
	size_t i;

	im->vcal = xcalloc(im->ncal, sizeof(*im->vcal));
	for (i = 0; i < im->ncomps; i++) {
		if (im->comps[i].kind != C_TZ)
			continue;
		if ((c = parse_comp(im, &im->comps[i], ICAL_VTIMEZONE_COMPONENT,
		    err)) == NULL)
			return err->code;
		if (check_vtimezone(c) != 0) {
			icalcomponent_free(c);
			return so_err_set(err, SO_EINVAL, _("%s:%zu: time zone "
			    "rule changes more often than yearly"), im->name,
			    (size_t)im->comps[i].line);
		}
		if (im->vcal[im->comps[i].cal] == NULL)
			im->vcal[im->comps[i].cal] =
			    icalcomponent_new_vcalendar();
		icalcomponent_add_component(im->vcal[im->comps[i].cal], c);
	}
	return SO_OK;
}

static icaltimezone *
lookup_zone(struct imp *im, size_t cal, const char *tzid)
{
	icaltimezone *z;
	const char *s;

	if ((z = icaltimezone_get_builtin_timezone(tzid)) != NULL)
		return z;
	if ((s = strstr(tzid, "sourceforge.net/")) != NULL &&
	    (z = icaltimezone_get_builtin_timezone(s + 16)) != NULL)
		return z;
	if (*tzid == '/' && (z = icaltimezone_get_builtin_timezone(tzid + 1)))
		return z;
	if (im->vcal[cal])
		return icalcomponent_get_timezone(im->vcal[cal], tzid);
	return NULL;
}

/* lookup_zone, remembered for the file (the zones live as long). */
static icaltimezone *
find_zone(struct imp *im, size_t cal, const char *tzid)
{
	struct zmemo *m;
	icaltimezone *z;
	size_t i;

	if (tzid == NULL || *tzid == '\0')
		return NULL;
	for (i = 0; i < im->nzmemo; i++) {
		m = &im->zmemo[i];
		if (m->cal == cal && strcmp(m->tzid, tzid) == 0)
			return m->zone;
	}
	z = lookup_zone(im, cal, tzid);
	if (im->nzmemo < ZMEMO_MAX) {
		m = &im->zmemo[im->nzmemo++];
		m->cal = cal;
		m->tzid = xstrdup(tzid);
		m->zone = z;
	}
	return z;
}

static int64_t
day_start(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	return (int64_t)dt_make_time(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday, 0, 0);
}

/* Unix seconds of a time property's value t: DATE is the local midnight,
 * Z is UTC, TZID through its zone, floating is local. */
static int
to_unix(struct imp *im, const struct comp *cp, icalproperty *p,
    struct icaltimetype t, int64_t *out, struct so_err *err)
{
	icalparameter *tp;
	icaltimezone *z = NULL;
	struct tm tm;

	if (icaltime_is_null_time(t) || t.year < 1800 || t.year > 9999 ||
	    t.month < 1 || t.month > 12 || t.day < 1 || t.day > 31)
		return so_err_set(err, SO_EINVAL, _("%s:%zu: %s: date out of "
		    "range"), im->name, (size_t)cp->line,
		    icalproperty_kind_to_string(icalproperty_isa(p)));
	if (t.is_date) {
		*out = (int64_t)dt_make_time(t.year, t.month, t.day, 0, 0);
		return SO_OK;
	}
	if (icaltime_is_utc(t)) {
		*out = (int64_t)icaltime_as_timet_with_zone(t,
		    icaltimezone_get_utc_timezone());
		return SO_OK;
	}
	if ((tp = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER)))
		z = find_zone(im, cp->cal, icalparameter_get_tzid(tp));
	if (z) {
		*out = (int64_t)icaltime_as_timet_with_zone(t, z);
		icalerror_clear_errno();
		return SO_OK;
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = t.year - 1900;
	tm.tm_mon = t.month - 1;
	tm.tm_mday = t.day;
	tm.tm_hour = t.hour;
	tm.tm_min = t.minute;
	tm.tm_sec = t.second;
	tm.tm_isdst = -1;
	*out = (int64_t)mktime(&tm);
	return SO_OK;
}

/* The value of the first property kind of c as Unix seconds; *found 0
 * when there is none. */
static int
prop_time(struct imp *im, const struct comp *cp, icalcomponent *c,
    icalproperty_kind kind, int64_t *out, int *is_date, int *found,
    struct so_err *err)
{
	icalproperty *p = icalcomponent_get_first_property(c, kind);
	struct icaltimetype t;

	*found = 0;
	if (p == NULL)
		return SO_OK;
	*found = 1;
	t = icalvalue_get_datetime(icalproperty_get_value(p));
	if (is_date)
		*is_date = t.is_date;
	return to_unix(im, cp, p, t, out, err);
}

/* ---- text ---- */

static const char *
text_prop(icalcomponent *c, icalproperty_kind kind)
{
	icalproperty *p = icalcomponent_get_first_property(c, kind);
	icalvalue *v;

	if (p == NULL || (v = icalproperty_get_value(p)) == NULL)
		return NULL;
	if (icalvalue_isa(v) == ICAL_TEXT_VALUE)
		return icalvalue_get_text(v);
	return icalproperty_get_value_as_string(p);
}

static const char *
x_prop(icalcomponent *c, const char *name)
{
	icalproperty *p;
	icalvalue *v;
	const char *n;

	for (p = icalcomponent_get_first_property(c, ICAL_X_PROPERTY); p;
	    p = icalcomponent_get_next_property(c, ICAL_X_PROPERTY)) {
		n = icalproperty_get_x_name(p);
		if (n == NULL || strcasecmp(n, name) != 0)
			continue;
		v = icalproperty_get_value(p);
		if (v && icalvalue_isa(v) == ICAL_TEXT_VALUE)
			return icalvalue_get_text(v);
		return icalproperty_get_x(p);
	}
	return NULL;
}

/* A copy of s fit for a field: control characters become spaces
 * (newlines and tabs kept in a memo, CR dropped), at most max
 * characters. */
static char *
clean_text(const char *s, int memo, size_t max)
{
	struct strbuf b = { 0 };
	const char *p;
	size_t chars = 0;

	if (s == NULL)
		return xstrdup("");
	while (*s && chars < max) {
		unsigned char c = (unsigned char)*s;

		if (c == '\r' && memo) {
			s++;
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			sb_addc(&b, memo && (c == '\n' || c == '\t') ?
			    (char)c : ' ');
			s++;
			chars++;
			continue;
		}
		/* A run of text in one go (the scan let only valid UTF-8
		 * through: a character is a byte not 10xxxxxx and those
		 * after it). */
		for (p = s; (unsigned char)*p >= 0x20 && *p != 0x7f; p++)
			if (((unsigned char)*p & 0xc0) != 0x80 &&
			    chars++ == max)
				break;
		sb_addn(&b, s, (size_t)(p - s));
		s = p;
	}
	if (!memo)
		while (b.len && b.s[b.len - 1] == ' ')
			b.s[--b.len] = '\0';
	return b.s ? sb_steal(&b) : xstrdup("");
}

static void
set_text(char **dst, char *s)
{
	free(*dst);
	*dst = s;
}

static uint64_t
fnv(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The UID of c: its own if usable, else a hash of what identifies it. */
static char *
comp_uid(icalcomponent *c, icalproperty_kind when)
{
	const char *uid = text_prop(c, ICAL_UID_PROPERTY);
	icalproperty *p;
	uint64_t h = 1469598103934665603ULL;
	char *v;

	if (uid && *uid && strlen(uid) <= 250) {
		const char *s;

		for (s = uid; *s; s++)
			if ((unsigned char)*s < 0x20 || *s == 0x7f)
				break;
		if (*s == '\0')
			return xstrdup(uid);
	}
	if (uid && *uid)
		return xasprintf("%016llx@uid", (unsigned long long)fnv(h,
		    uid));
	if ((p = icalcomponent_get_first_property(c, when)) != NULL) {
		v = icalproperty_get_value_as_string_r(p);
		h = fnv(h, v);
		free(v);
	}
	h = fnv(h, "\n");
	h = fnv(h, text_prop(c, ICAL_SUMMARY_PROPERTY));
	return xasprintf("%016llx@import", (unsigned long long)h);
}

/* libical's spelling of a rule, to compare rules written differently. */
static char *
rrule_norm(const char *s)
{
	struct icalrecurrencetype r;

	if (strncmp(s, "RRULE:", 6) == 0)
		s += 6;
	r = icalrecurrencetype_from_string(s);
	icalerror_clear_errno();
	if (r.freq == ICAL_NO_RECURRENCE)
		return xstrdup(s);
	return icalrecurrencetype_as_string_r(&r);
}

static int
same_fields(const struct entity *ent, const void *a, const void *b)
{
	int i;

	for (i = 0; i < ent->nfields; i++)
		if (!field_equal(&ent->fields[i], a, b))
			return 0;
	return 1;
}

static int
has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *s;

	for (s = list; s && (s = strstr(s, word)) != NULL; s += n)
		if ((s == list || s[-1] == ',') && (s[n] == '\0' ||
		    s[n] == ','))
			return 1;
	return 0;
}

/* ---- step 3: events ---- */

/* What the memo holds for (kind, name): 1, and the id in *id. */
static int
memo_find(struct imp *im, int kind, const char *name, int64_t *id)
{
	size_t i;

	for (i = 0; i < im->nmemo; i++)
		if (im->memo[i].kind == kind &&
		    strcmp(im->memo[i].name, name) == 0) {
			*id = im->memo[i].id;
			return 1;
		}
	return 0;
}

static void
memo_add(struct imp *im, int kind, const char *name, int64_t id)
{
	if (im->nmemo == MEMO_MAX)
		return;		/* a file of many names: asked each time */
	im->memo[im->nmemo].kind = kind;
	im->memo[im->nmemo].name = xstrdup(name);
	im->memo[im->nmemo].id = id;
	im->nmemo++;
}

/* store_event_type_find through the memo. */
static int
type_find(struct imp *im, const char *name, int64_t *id, struct so_err *err)
{
	int code;

	if (memo_find(im, 'T', name, id))
		return SO_OK;
	if ((code = store_event_type_find(im->db, name, id, err)) == SO_OK)
		memo_add(im, 'T', name, *id);
	return code;
}

static int64_t
lookup_one(struct imp *im, enum lookup_table t, const char *code)
{
	int kind = t == LOOKUP_EVENT_RESULTS ? 'R' : 'L';
	int64_t id = SO_NULL;

	if (t != LOOKUP_EVENT_RESULTS && t != LOOKUP_EVENT_TYPES)
		kind = 0;
	if (kind && memo_find(im, kind, code, &id))
		return id;
	if (store_lookup_ids(im->db, t, &code, &id, 1, NULL) != SO_OK)
		return SO_NULL;
	if (kind)
		memo_add(im, kind, code, id);
	return id;
}

/* The type CATEGORIES names, or 0. */
static int
categories_type(struct imp *im, icalcomponent *c, int64_t *id,
    struct so_err *err)
{
	icalproperty *p;
	const char *v;
	char *s, *tok, *save;
	int code = SO_OK;

	*id = 0;
	for (p = icalcomponent_get_first_property(c, ICAL_CATEGORIES_PROPERTY);
	    p && *id == 0; p = icalcomponent_get_next_property(c,
	    ICAL_CATEGORIES_PROPERTY)) {
		if ((v = icalproperty_get_categories(p)) == NULL)
			continue;
		s = xstrdup(v);
		for (tok = strtok_r(s, ",", &save); tok && *id == 0 &&
		    code == SO_OK; tok = strtok_r(NULL, ",", &save))
			code = type_find(im, tok, id, err);
		free(s);
	}
	return code;
}

static int64_t
alarm_minutes(icalcomponent *c)
{
	struct icaltriggertype tr;
	icalcomponent *a;
	icalproperty *p;
	int secs;

	for (a = icalcomponent_get_first_component(c, ICAL_VALARM_COMPONENT);
	    a; a = icalcomponent_get_next_component(c,
	    ICAL_VALARM_COMPONENT)) {
		if ((p = icalcomponent_get_first_property(a,
		    ICAL_TRIGGER_PROPERTY)) == NULL)
			continue;
		tr = icalproperty_get_trigger(p);
		if (!icaltime_is_null_time(tr.time))
			continue;
		secs = icaldurationtype_as_int(tr.duration);
		if (secs <= 0)
			return (int64_t)(-secs / 60);
	}
	return SO_NULL;
}

/* DTEND, or DTSTART + DURATION, or 0. */
static int
event_end(struct imp *im, const struct comp *cp, icalcomponent *c,
    int64_t start, int64_t *end, struct so_err *err)
{
	icalproperty *p;
	int found, code;

	*end = 0;
	code = prop_time(im, cp, c, ICAL_DTEND_PROPERTY, end, NULL, &found,
	    err);
	if (code != SO_OK || found)
		return code;
	if ((p = icalcomponent_get_first_property(c, ICAL_DURATION_PROPERTY)))
		*end = start + icaldurationtype_as_int(
		    icalproperty_get_duration(p));
	return SO_OK;
}

/* The hash of a UID of kind ('E' event, 'T' task) as im->uids keeps it:
 * 64-bit FNV-1a, never 0. */
static uint64_t
uid_hash(int kind, const char *uid)
{
	char k = (char)kind;
	uint64_t h;

	h = fnv_bytes(fnv_bytes(FNV_INIT, &k, 1), uid, strlen(uid));
	return h ? h : 1;
}

static size_t
uid_slot(const struct imp *im, uint64_t h)
{
	size_t j;

	for (j = (size_t)(h ^ h >> 32) & (im->capuids - 1); im->uids[j] &&
	    im->uids[j] != h; j = (j + 1) & (im->capuids - 1))
		;
	return j;
}

/*
 * Notes that component i names the UID of hash h; whether the file named
 * it before.  A record created from the file may still be staged (see
 * rec_stage), where the look-up by UID does not see it: a UID met again
 * flushes the staged records first.  Twelve bytes a UID, not a copy of
 * it: a hash met again that is another UID (one chance in 2^64 / n)
 * only costs a flush.
 */
static int
uid_note(struct imp *im, uint64_t h, size_t i)
{
	uint64_t *old = im->uids;
	uint32_t *oldlast = im->ulast;
	size_t j, k, cap = im->capuids;

	if (im->nuids * 4 >= cap * 3) {
		im->capuids = cap ? cap * 2 : 1024;
		im->uids = xcalloc(im->capuids, sizeof(*im->uids));
		im->ulast = xcalloc(im->capuids, sizeof(*im->ulast));
		for (k = 0; k < cap; k++)
			if (old[k]) {
				j = uid_slot(im, old[k]);
				im->uids[j] = old[k];
				im->ulast[j] = oldlast[k];
			}
		free(old);
		free(oldlast);
	}
	j = uid_slot(im, h);
	im->ulast[j] = (uint32_t)i;
	if (im->uids[j])
		return 1;
	im->uids[j] = h;
	im->nuids++;
	return 0;
}

/* The last component that named the UID of hash h. */
static size_t
uid_last(const struct imp *im, uint64_t h)
{
	size_t j = uid_slot(im, h);

	return im->uids[j] ? im->ulast[j] : SIZE_MAX;
}

static void
add_series(struct series **v, size_t *n, size_t *cap, uint64_t uid,
    int64_t id, size_t comp, int state)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = xrealloc(*v, *cap * sizeof(**v));
	}
	(*v)[*n].uid = uid;
	(*v)[*n].id = id;
	(*v)[*n].comp = (uint32_t)comp;
	(*v)[*n].state = state;
	(*n)++;
}

static void
master_free(struct master *m)
{
	free(m->uid);
	free(m->summary);
	free(m->location);
	free(m->description);
	store_event_exceptions_free(m->xs, m->nx);
	memset(m, 0, sizeof(*m));
}

static void
count_state(struct imp *im, int state)
{
	if (state == 2)
		im->st->created++;
	else if (state == 1)
		im->st->updated++;
	else
		im->st->unchanged++;
}

static void
add_exception(struct master *m, const struct event_exception *x)
{
	size_t i;

	for (i = 0; i < m->nx; i++)
		if (m->xs[i].orig_start == x->orig_start) {
			free(m->xs[i].subject);
			free(m->xs[i].location);
			free(m->xs[i].description);
			m->xs[i] = *x;
			return;
		}
	if (m->nx == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 8;
		m->xs = xrealloc(m->xs, m->cap * sizeof(*m->xs));
	}
	m->xs[m->nx++] = *x;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static int
same_text(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/*
 * An override's own text: NULL when it has none, repeats the series'
 * (series, as the file has it), or is one the export made up (derived).
 */
static char *
own_text(const char *v, const char *series, int derived, int memo,
    size_t max)
{
	char *t;

	if (v == NULL || derived || same_text(v, series))
		return NULL;
	if (*(t = clean_text(v, memo, max)) == '\0') {
		free(t);
		return NULL;
	}
	return t;
}

/* Fills e from the VEVENT c (e holds the stored row when old). */
static int
fill_event(struct imp *im, const struct comp *cp, icalcomponent *c,
    struct event *e, const struct event *old, struct master *m,
    struct so_err *err)
{
	const char *ours, *derived, *v;
	icalproperty *p;
	int64_t start, end, id;
	int is_date, found, code;
	char *s;

	code = prop_time(im, cp, c, ICAL_DTSTART_PROPERTY, &start, &is_date,
	    &found, err);
	if (code != SO_OK)
		return code;
	if (!found)
		return so_err_set(err, SO_EINVAL, _("%s:%zu: VEVENT without "
		    "DTSTART"), im->name, (size_t)cp->line);
	if ((code = event_end(im, cp, c, start, &end, err)) != SO_OK)
		return code;
	e->start_at = start;
	e->all_day = is_date;
	if (is_date) {
		/* DTEND is exclusive; we keep the last day, or none for
		 * one day. */
		if (end > start && day_start(end - 1) > start)
			end = day_start(day_start(end) - 43200);
		else
			end = SO_NULL;
		if (old && old->all_day && day_start(end == SO_NULL ? start :
		    end) == day_start(old->end_at == SO_NULL ||
		    old->end_at == 0 ? old->start_at : old->end_at))
			end = old->end_at;
	} else if (end == 0 || end < start)
		end = SO_NULL;
	e->end_at = end;
	m->start = start;
	m->all_day = is_date;
	m->dur = end == SO_NULL || is_date ? -1 : end - start;

	ours = x_prop(c, "X-SALESORG-STATUS");
	/* Texts the export made up from the links are dropped only when
	 * this event has links to make them again; in another database
	 * they are all there is. */
	derived = old && ((old->company_id != SO_NULL && old->company_id) ||
	    (old->contact_id != SO_NULL && old->contact_id)) ?
	    x_prop(c, "X-SALESORG-DERIVED") : NULL;
	set_text(&e->subject, has_word(derived, "SUMMARY") ? xstrdup("") :
	    clean_text(text_prop(c, ICAL_SUMMARY_PROPERTY), 0, 250));
	set_text(&e->location, has_word(derived, "LOCATION") ? xstrdup("") :
	    clean_text(text_prop(c, ICAL_LOCATION_PROPERTY), 0, 200));
	v = has_word(derived, "DESCRIPTION") ? x_prop(c,
	    "X-SALESORG-DESCRIPTION") : text_prop(c, ICAL_DESCRIPTION_PROPERTY);
	if (v == NULL && !has_word(derived, "DESCRIPTION") && old && !ours)
		v = old->description;
	set_text(&e->description, clean_text(v, 1, 100000));

	p = icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY);
	if (p) {
		struct icalrecurrencetype r = icalproperty_get_rrule(p);

		s = icalrecurrencetype_as_string_r(&r);
		if (recur_check_at(s, m->start, m->all_day, err) != SO_OK) {
			free(s);
			return at_line(im, cp->line, err);
		}
		if (old && old->rrule && *old->rrule) {
			char *n = rrule_norm(old->rrule);

			if (strcmp(n, s) == 0) {
				free(s);
				s = xstrdup(old->rrule);
			}
			free(n);
		}
		set_text(&e->rrule, s);
	} else
		set_text(&e->rrule, xstrdup(""));
	m->recurring = p != NULL;
	e->remind_min = alarm_minutes(c);

	p = icalcomponent_get_first_property(c, ICAL_STATUS_PROPERTY);
	if (ours && (strcmp(ours, "planned") == 0 || strcmp(ours, "done") ==
	    0 || strcmp(ours, "cancelled") == 0)) {
		set_text(&e->status, xstrdup(ours));
		v = x_prop(c, "X-SALESORG-RESULT");
		e->result_id = v ? lookup_one(im, LOOKUP_EVENT_RESULTS, v) :
		    SO_NULL;
		set_text(&e->result_comment, clean_text(x_prop(c,
		    "X-SALESORG-RESULT-COMMENT"), 1, 100000));
	} else if (p && icalproperty_get_status(p) == ICAL_STATUS_CANCELLED)
		set_text(&e->status, xstrdup("cancelled"));
	else if (!old || strcmp(old->status, "cancelled") == 0)
		set_text(&e->status, xstrdup("planned"));

	id = 0;
	if ((v = x_prop(c, "X-SALESORG-TYPE")) != NULL &&
	    (code = type_find(im, v, &id, err)) != SO_OK)
		return code;
	if (id == 0 && (code = categories_type(im, c, &id, err)) != SO_OK)
		return code;
	if (id)
		e->type_id = id;
	else if (!old)
		e->type_id = lookup_one(im, LOOKUP_EVENT_TYPES,
		    is_date ? "other" : "meeting");
	return SO_OK;
}

/* EXDATEs of c into m as cancelled exceptions. */
static int
exdates(struct imp *im, const struct comp *cp, icalcomponent *c,
    struct master *m, struct so_err *err)
{
	struct event_exception x;
	struct icaltimetype t;
	icalproperty *p;
	int code;

	for (p = icalcomponent_get_first_property(c, ICAL_EXDATE_PROPERTY); p;
	    p = icalcomponent_get_next_property(c, ICAL_EXDATE_PROPERTY)) {
		memset(&x, 0, sizeof(x));
		t = icalproperty_get_exdate(p);
		if ((code = to_unix(im, cp, p, t, &x.orig_start, err)) != SO_OK)
			return code;
		/* A DATE excluding a timed occurrence: that day's one. */
		if (t.is_date && !m->all_day)
			x.orig_start += m->start - day_start(m->start);
		x.cancelled = 1;
		add_exception(m, &x);
	}
	return SO_OK;
}

static int
cmp_exception(const void *a, const void *b)
{
	const struct event_exception *x = a, *y = b;

	return (x->orig_start > y->orig_start) - (x->orig_start <
	    y->orig_start);
}

/* Makes the stored exceptions of m's event those of the file. */
static int
sync_exceptions(struct imp *im, struct master *m, struct so_err *err)
{
	struct event_exception *cur;
	size_t n, i;
	int code, same;

	if (m->id == 0 || (m->state == 2 && m->nx == 0))
		return SO_OK;
	/* A new event's exceptions need it in the table. */
	if (m->state == 2 && (code = rec_stage_flush(im->db, err)) != SO_OK)
		return code;
	if ((code = store_event_exceptions(im->db, m->id, &cur, &n, err)) !=
	    SO_OK)
		return code;
	if (m->nx > 1)
		qsort(m->xs, m->nx, sizeof(*m->xs), cmp_exception);
	same = n == m->nx;
	for (i = 0; same && i < n; i++)
		same = cur[i].orig_start == m->xs[i].orig_start &&
		    !cur[i].cancelled == !m->xs[i].cancelled &&
		    cur[i].new_start == m->xs[i].new_start &&
		    cur[i].new_end == m->xs[i].new_end &&
		    same_text(cur[i].subject, m->xs[i].subject) &&
		    same_text(cur[i].location, m->xs[i].location) &&
		    same_text(cur[i].description, m->xs[i].description);
	store_event_exceptions_free(cur, n);
	if (same)
		return SO_OK;
	if ((code = store_event_exceptions_clear(im->db, m->id, err)) != SO_OK)
		return code;
	for (i = 0; i < m->nx; i++)
		if ((code = store_event_exception_set(im->db, m->id, &m->xs[i],
		    err)) != SO_OK)
			return code;
	if (m->state == 0)
		m->state = 1;
	return SO_OK;
}

/*
 * The VEVENT master c, component i.  A single event's exceptions (its
 * EXDATEs) are made its own at once; a series is noted, for its
 * overrides at the end (import_series).
 */
static int
import_event(struct imp *im, size_t i, icalcomponent *c,
    struct so_err *err)
{
	const struct comp *cp = &im->comps[i];
	struct event old, e;
	struct master m;
	uint64_t h;
	int64_t id;
	int code, again, have_old = 0;

	/* get and copy overwrite without freeing: start them zeroed. */
	memset(&m, 0, sizeof(m));
	memset(&e, 0, sizeof(e));
	memset(&old, 0, sizeof(old));
	m.uid = comp_uid(c, ICAL_DTSTART_PROPERTY);
	h = uid_hash('E', m.uid);
	id = 0;
	again = uid_note(im, h, i);
	code = again ? rec_stage_flush(im->db, err) : SO_OK;
	/* A new UID into a table that had no row is not there. */
	if (code == SO_OK && (again ||
	    !rec_stage_from_empty(im->db, &entity_event)))
		code = store_event_by_uid(im->db, m.uid, &id, err);
	if (code != SO_OK)
		goto out;
	if (id) {
		if ((code = store_event_get(im->db, id, &old, err)) != SO_OK)
			goto out;
		have_old = 1;
		rec_copy(&entity_event, &e, &old);
	} else {
		store_event_init(&e);
		set_text(&e.uid, xstrdup(m.uid));
	}
	code = fill_event(im, cp, c, &e, have_old ? &old : NULL, &m, err);
	if (code == SO_OK)
		code = exdates(im, cp, c, &m, err);
	if (code == SO_OK && !have_old) {
		if ((code = store_event_create(im->db, &e, err)) == SO_OK)
			m.state = 2;
	} else if (code == SO_OK && !same_fields(&entity_event, &e, &old)) {
		if ((code = store_event_update(im->db, &e, err)) == SO_OK)
			m.state = 1;
	}
	m.id = e.meta.id;
	if (code == SO_OK && m.recurring)
		add_series(&im->series, &im->nseries, &im->capseries, h, m.id,
		    i, m.state);
	else if (code == SO_OK &&
	    (code = sync_exceptions(im, &m, err)) == SO_OK)
		count_state(im, m.state);
out:
	store_event_clear(&old);
	store_event_clear(&e);
	master_free(&m);
	if (code != SO_OK && strncmp(err->msg, im->name, strlen(im->name)))
		return at_line(im, cp->line, err);
	return code;
}

static int
cmp_series(const void *a, const void *b)
{
	const struct series *x = a, *y = b;

	if (x->uid != y->uid)
		return x->uid < y->uid ? -1 : 1;
	return (x->comp > y->comp) - (x->comp < y->comp);
}

/* The override's own SUMMARY, LOCATION and DESCRIPTION into x (the
 * export's made-up ones, X-SALESORG-DERIVED, are none: read as the
 * master's are, in fill_event). */
static void
override_texts(icalcomponent *c, const struct master *m,
    struct event_exception *x)
{
	const char *derived = x_prop(c, "X-SALESORG-DERIVED"), *v;

	x->subject = own_text(text_prop(c, ICAL_SUMMARY_PROPERTY),
	    m->summary, has_word(derived, "SUMMARY"), 0, 250);
	x->location = own_text(text_prop(c, ICAL_LOCATION_PROPERTY),
	    m->location, has_word(derived, "LOCATION"), 0, 200);
	v = text_prop(c, ICAL_DESCRIPTION_PROPERTY);
	if (same_text(v, m->description))
		return;
	if (has_word(derived, "DESCRIPTION"))
		v = x_prop(c, "X-SALESORG-DESCRIPTION");
	x->description = own_text(v, NULL, 0, 1, 100000);
}

/* An override (RECURRENCE-ID) of the series m becomes a moved or
 * cancelled exception of it; one of another UID is skipped. */
static int
import_override(struct imp *im, const struct comp *cp, icalcomponent *c,
    struct master *m, struct so_err *err)
{
	struct event_exception x;
	icalproperty *p;
	char *uid;
	int64_t end;
	int found, same, code;

	uid = comp_uid(c, ICAL_DTSTART_PROPERTY);
	same = strcmp(uid, m->uid) == 0;
	free(uid);
	if (!same)
		return SO_OK;	/* its UID's hash is another's */
	memset(&x, 0, sizeof(x));
	code = prop_time(im, cp, c, ICAL_RECURRENCEID_PROPERTY, &x.orig_start,
	    NULL, &found, err);
	if (code != SO_OK)
		return code;
	p = icalcomponent_get_first_property(c, ICAL_STATUS_PROPERTY);
	if (p && icalproperty_get_status(p) == ICAL_STATUS_CANCELLED)
		x.cancelled = 1;
	else {
		code = prop_time(im, cp, c, ICAL_DTSTART_PROPERTY, &x.new_start,
		    NULL, &found, err);
		if (code != SO_OK)
			return code;
		if (!found)
			x.new_start = x.orig_start;
		if ((code = event_end(im, cp, c, x.new_start, &end, err)) !=
		    SO_OK)
			return code;
		/* The master's length is implied; only keep a different
		 * end. */
		if (!m->all_day && end > x.new_start &&
		    end != x.new_start + m->dur)
			x.new_end = end;
		override_texts(c, m, &x);
	}
	add_exception(m, &x);
	return SO_OK;
}

/* m from the series' VEVENT c again, as fill_event and exdates read it:
 * UID, start, length, texts as the file has them, EXDATEs. */
static int
master_read(struct imp *im, const struct comp *cp, icalcomponent *c,
    struct master *m, struct so_err *err)
{
	int64_t end;
	int found, code;

	m->uid = comp_uid(c, ICAL_DTSTART_PROPERTY);
	code = prop_time(im, cp, c, ICAL_DTSTART_PROPERTY, &m->start,
	    &m->all_day, &found, err);
	if (code != SO_OK)
		return code;
	if (!found)
		return so_err_set(err, SO_EINVAL, _("%s:%zu: VEVENT without "
		    "DTSTART"), im->name, (size_t)cp->line);
	if ((code = event_end(im, cp, c, m->start, &end, err)) != SO_OK)
		return code;
	m->dur = m->all_day || end == 0 || end < m->start ? -1 :
	    end - m->start;
	m->recurring = 1;
	m->summary = dup_or_null(text_prop(c, ICAL_SUMMARY_PROPERTY));
	m->location = dup_or_null(text_prop(c, ICAL_LOCATION_PROPERTY));
	m->description = dup_or_null(text_prop(c, ICAL_DESCRIPTION_PROPERTY));
	return exdates(im, cp, c, m, err);
}

/*
 * Whether the series s, of UID uid, is the last master of its UID in
 * the file: a later one (a series or not) made the record what it is,
 * and took its exceptions.  The last component of the same hash is read
 * to tell another UID of that hash.
 */
static int
series_live(struct imp *im, const struct series *s, const char *uid,
    int *live, struct so_err *err)
{
	size_t last = uid_last(im, s->uid);
	icalcomponent *c;
	char *u;

	*live = last == s->comp;
	if (*live || last >= im->ncomps || im->comps[last].kind != C_EVENT) {
		*live = 1;
		return SO_OK;
	}
	if ((c = parse_comp(im, &im->comps[last], ICAL_VEVENT_COMPONENT,
	    err)) == NULL)
		return err->code;
	u = comp_uid(c, ICAL_DTSTART_PROPERTY);
	*live = strcmp(u, uid) != 0;
	free(u);
	icalcomponent_free(c);
	return SO_OK;
}

/*
 * Each series with its overrides, after all masters are in (a file may
 * list an override first): one series' exceptions in memory at a time,
 * read again from the file, so memory does not grow with the file.
 */
static int
import_series(struct imp *im, struct so_err *err)
{
	struct series *s, *o, *q, *oend;
	const struct comp *cp;
	struct master m;
	icalcomponent *c;
	size_t i;
	int code = SO_OK, live;

	if (im->nseries > 1)
		qsort(im->series, im->nseries, sizeof(*im->series),
		    cmp_series);
	if (im->noverrides > 1)
		qsort(im->overrides, im->noverrides, sizeof(*im->overrides),
		    cmp_series);
	/* No overrides: no array (NULL + 0 is undefined in C). */
	o = im->overrides;
	oend = o != NULL ? o + im->noverrides : NULL;
	for (i = 0; i < im->nseries && code == SO_OK; i++) {
		s = &im->series[i];
		cp = &im->comps[s->comp];
		memset(&m, 0, sizeof(m));
		if ((c = parse_comp(im, cp, ICAL_VEVENT_COMPONENT, err)) ==
		    NULL)
			return err->code;
		code = master_read(im, cp, c, &m, err);
		icalcomponent_free(c);
		live = 0;
		if (code == SO_OK)
			code = series_live(im, s, m.uid, &live, err);
		if (code == SO_OK && live) {
			m.id = s->id;
			m.state = s->state;
			while (o < oend && o->uid < s->uid)
				o++;
			for (q = o; code == SO_OK && q < oend &&
			    q->uid == s->uid; q++) {
				cp = &im->comps[q->comp];
				if ((c = parse_comp(im, cp,
				    ICAL_VEVENT_COMPONENT, err)) == NULL) {
					code = err->code;
					break;
				}
				code = import_override(im, cp, c, &m, err);
				icalcomponent_free(c);
			}
			if (code == SO_OK)
				code = sync_exceptions(im, &m, err);
			s->state = m.state;
		}
		if (code == SO_OK)
			count_state(im, s->state);
		master_free(&m);
	}
	return code;
}

/* ---- tasks ---- */

static int
import_task(struct imp *im, size_t i, icalcomponent *c, struct so_err *err)
{
	const struct comp *cp = &im->comps[i];
	struct task old, t;
	icalproperty *p;
	icalproperty_status status;
	char *uid, *title;
	int64_t id, due;
	int found, prio, code, again, have_old = 0;

	uid = comp_uid(c, ICAL_DUE_PROPERTY);
	id = 0;
	again = uid_note(im, uid_hash('T', uid), i);
	code = again ? rec_stage_flush(im->db, err) : SO_OK;
	/* A new UID into a table that had no row is not there. */
	if (code == SO_OK && (again ||
	    !rec_stage_from_empty(im->db, &entity_task)))
		code = store_task_by_uid(im->db, uid, &id, err);
	if (code != SO_OK) {
		free(uid);
		return code;
	}
	memset(&t, 0, sizeof(t));
	memset(&old, 0, sizeof(old));
	if (id) {
		if ((code = store_task_get(im->db, id, &old, err)) != SO_OK)
			goto out;
		have_old = 1;
		rec_copy(&entity_task, &t, &old);
	} else {
		store_task_init(&t);
		set_text(&t.uid, uid);
		uid = NULL;
	}
	title = clean_text(text_prop(c, ICAL_SUMMARY_PROPERTY), 0, 250);
	if (*title == '\0') {
		free(title);
		title = xstrdup("(no title)");
	}
	set_text(&t.title, title);
	set_text(&t.description, clean_text(text_prop(c,
	    ICAL_DESCRIPTION_PROPERTY), 1, 100000));
	if ((code = prop_time(im, cp, c, ICAL_DUE_PROPERTY, &due, NULL, &found,
	    err)) != SO_OK)
		goto out;
	t.due_at = found ? due : SO_NULL;
	p = icalcomponent_get_first_property(c, ICAL_PRIORITY_PROPERTY);
	prio = p ? icalproperty_get_priority(p) : 0;
	set_text(&t.priority, xstrdup(prio >= 1 && prio <= 4 ? "high" :
	    prio >= 6 && prio <= 9 ? "low" : "normal"));
	p = icalcomponent_get_first_property(c, ICAL_STATUS_PROPERTY);
	status = p ? icalproperty_get_status(p) : ICAL_STATUS_NONE;
	set_text(&t.status, xstrdup(status == ICAL_STATUS_COMPLETED ||
	    icalcomponent_get_first_property(c, ICAL_COMPLETED_PROPERTY) ?
	    "done" : status == ICAL_STATUS_CANCELLED ? "cancelled" : "open"));
	if (!have_old) {
		if ((code = store_task_create(im->db, &t, err)) == SO_OK)
			im->st->created++;
	} else if (!same_fields(&entity_task, &t, &old)) {
		if ((code = store_task_update(im->db, &t, err)) == SO_OK)
			im->st->updated++;
	} else
		im->st->unchanged++;
	if (code == SO_OK)
		im->st->tasks++;
out:
	free(uid);
	if (have_old)
		store_task_clear(&old);
	store_task_clear(&t);
	if (code != SO_OK && strncmp(err->msg, im->name, strlen(im->name)))
		return at_line(im, cp->line, err);
	return code;
}

/* ---- the whole file ---- */

/* The per-record state of steps 1 to 3, freed as soon as it is done
 * with: before the search index and audit rows of the import are written
 * (index_flush holds 8 MiB then). */
static void
imp_free_records(struct imp *im)
{
	free(im->comps);
	free(im->series);
	free(im->overrides);
	free(im->uids);
	free(im->ulast);
	im->comps = NULL;
	im->series = im->overrides = NULL;
	im->uids = NULL;
	im->ulast = NULL;
	im->ncomps = im->nseries = im->noverrides = im->capuids = 0;
}

static int
import_all(struct imp *im, struct so_err *err)
{
	icalcomponent *c;
	struct comp *cp;
	size_t i;
	int code;

	if ((code = scan(im, err)) != SO_OK)
		return code;
	if ((code = load_zones(im, err)) != SO_OK)
		return code;
	for (i = 0; i < im->ncomps; i++) {
		cp = &im->comps[i];
		if (cp->kind != C_EVENT && cp->kind != C_TODO)
			continue;
		if ((c = parse_comp(im, cp, cp->kind == C_EVENT ?
		    ICAL_VEVENT_COMPONENT : ICAL_VTODO_COMPONENT, err)) == NULL)
			return err->code;
		if (cp->kind == C_TODO)
			code = import_task(im, i, c, err);
		else if (icalcomponent_get_first_property(c,
		    ICAL_RECURRENCEID_PROPERTY)) {
			char *uid = comp_uid(c, ICAL_DTSTART_PROPERTY);

			add_series(&im->overrides, &im->noverrides,
			    &im->capoverrides, uid_hash('E', uid), 0, i, 0);
			free(uid);
		} else
			code = import_event(im, i, c, err);
		icalcomponent_free(c);
		if (code != SO_OK)
			return code;
	}
	/* The records created are all in the tables from here on. */
	if ((code = rec_stage_end(im->db, err)) != SO_OK)
		return code;
	code = import_series(im, err);
	imp_free_records(im);
	return code;
}

/* Steps 1 to 3 in one transaction, and the cleanup. */
static int
import_run(struct imp *im, struct so_err *err)
{
	size_t i;
	int code;

	memset(im->st, 0, sizeof(*im->st));
	if ((code = ical_api_load(err)) != SO_OK)
		return code;
	icalerror_set_errors_are_fatal(0);
	/* The statement journals of the moves and of the flushes below grow
	 * with the file: on disk, not in memory (set before the
	 * transaction, which a change of temp_store would end). */
	db_spill_begin(im->db);
	if ((code = db_begin(im->db, err)) != SO_OK) {
		db_spill_end(im->db);
		return code;
	}
	/* The search index and the audit log's create rows take the new
	 * records at the end, in one go. */
	audit_defer(im->db);
	if ((code = index_defer(im->db, err)) == SO_OK &&
	    (code = rec_stage(im->db, &entity_event, err)) == SO_OK &&
	    (code = rec_stage(im->db, &entity_task, err)) == SO_OK)
		code = import_all(im, err);
	if (code == SO_OK)
		code = audit_flush(im->db, err);
	if (code == SO_OK)
		code = index_flush(im->db, err);
	rec_stage_cancel(im->db);
	index_defer_cancel(im->db);
	audit_defer_cancel(im->db);
	if (code == SO_OK)
		code = db_commit(im->db, err);
	else
		db_rollback(im->db);
	db_spill_end(im->db);
	if (code != SO_OK)
		memset(im->st, 0, sizeof(*im->st));
	for (i = 0; im->vcal && i < im->ncal; i++)
		if (im->vcal[i])
			icalcomponent_free(im->vcal[i]);
	free(im->vcal);
	imp_free_records(im);
	for (i = 0; i < im->nmemo; i++)
		free(im->memo[i].name);
	for (i = 0; i < im->nzmemo; i++)
		free(im->zmemo[i].tzid);
	free(im->ra);
	sb_free(&im->text);
	icalerror_clear_errno();
	return code;
}

int
ical_import_mem(struct db *db, const char *name, const char *buf,
    size_t len, struct ical_stats *st, struct so_err *err)
{
	struct imp im;

	/* Offsets and lines are kept in 32 bits (struct comp). */
	if (len > (size_t)ICAL_MAX_FILE) {
		memset(st, 0, sizeof(*st));
		return so_err_set(err, SO_EINVAL, _("%s: larger than %ld MiB"),
		    name, ICAL_MAX_FILE / 1024 / 1024);
	}
	memset(&im, 0, sizeof(im));
	im.db = db;
	im.name = name;
	im.buf = buf;
	im.len = len;
	im.fd = -1;
	im.st = st;
	return import_run(&im, err);
}

/* A pipe or other file pread() cannot read twice: all of it, at most
 * ICAL_MAX_FILE bytes, into memory. */
static int
import_unseekable(struct db *db, const char *path, int fd,
    struct ical_stats *st, struct so_err *err)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	ssize_t n;
	int code;

	for (;;) {
		if (len == cap) {
			if (cap > (size_t)ICAL_MAX_FILE) {	/* read MAX + 1 */
				free(buf);
				return so_err_set(err, SO_EINVAL,
				    _("%s: larger than %ld MiB"), path,
				    ICAL_MAX_FILE / 1024 / 1024);
			}
			cap = cap ? cap * 2 : 65536;
			if (cap > (size_t)ICAL_MAX_FILE)
				cap = (size_t)ICAL_MAX_FILE + 1;
			buf = xrealloc(buf, cap + 1);
		}
		n = read(fd, buf + len, cap - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			free(buf);
			return so_err_set(err, SO_ERR, _("%s: read error"),
			    path);
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	code = ical_import_mem(db, path, buf, len, st, err);
	free(buf);
	return code;
}

int
ical_import(struct db *db, const char *path, struct ical_stats *st,
    struct so_err *err)
{
	struct stat sb;
	struct imp im;
	int fd, code;

	memset(st, 0, sizeof(*st));
	if ((fd = priv_open(path, O_RDONLY | O_CLOEXEC, 0)) == -1)
		return so_err_set(err, SO_ERR, "%s: %s", path, strerror(errno));
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode))
		code = import_unseekable(db, path, fd, st, err);
	else if (sb.st_size > ICAL_MAX_FILE)
		code = so_err_set(err, SO_EINVAL, _("%s: larger than %ld MiB"),
		    path, ICAL_MAX_FILE / 1024 / 1024);
	else {
		memset(&im, 0, sizeof(im));
		im.db = db;
		im.name = path;
		im.fd = fd;
		im.st = st;
		code = import_run(&im, err);
	}
	close(fd);
	return code;
}
