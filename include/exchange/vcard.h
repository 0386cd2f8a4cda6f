/*
 * vCard (RFC 6350 4.0, RFC 2426 3.0, and the 2.1 that old phones and
 * Outlook still write) in and out, so that address books (abook, khard,
 * phones, Thunderbird) and salesorg can pass contacts to each other.
 *
 * Three layers, each usable on its own:
 *
 * 1. The syntax: vcard_parse turns a file into cards of properties
 *    (group, name, parameters, value), with unfolding, 2.1 quoted-
 *    printable and CHARSET decoding, and BEGIN/END checks; vcard_put
 *    writes one property, escaped, folded at 75 octets (never inside a
 *    UTF-8 sequence) and ended by CRLF.  No database here.
 * 2. The mapping between a card and a contact (vcard_to_contact,
 *    vcard_write_contact): which property fills which field.  No
 *    database here either.
 * 3. The import and export of a database's contacts, through the store
 *    (store/vcardstore.h): one transaction per file, idempotent by UID.
 *
 * Errors name the file and the line the bad property (or card) starts
 * on: "a.vcf:12: TEL: ...".
 */
#ifndef VCARD_H
#define VCARD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "store/db.h"
#include "store/entities.h"
#include "store/record.h"
#include "store/vcardstore.h"

/* Refuse files and logical (unfolded) lines bigger than these. */
#define VCARD_MAX_FILE	(256L * 1024 * 1024)
#define VCARD_MAX_LINE	(4 * 1024 * 1024)

/* ---- 1. syntax ---- */

struct vcard_param {
	char		*name;		/* upper case: "TYPE" */
	char		*value;		/* unquoted; a list stays "work,voice" */
};

struct vcard_prop {
	size_t		 line;		/* where it starts */
	char		*group;		/* "item1", or NULL */
	char		*name;		/* upper case: "TEL" */
	struct vcard_param *params;
	size_t		 nparams;
	/* The value as UTF-8, quoted-printable and CHARSET decoded, but
	 * still escaped (\n \, \;): structured values are split on the
	 * escaped form (vcard_split). */
	char		*value;
};

struct vcard {
	size_t		 line;		/* of BEGIN:VCARD */
	int		 version;	/* 21, 30 or 40; 0: no VERSION */
	struct vcard_prop *props;
	size_t		 nprops, nalloc;
	/* A bad card (or text outside any card): err says where and why,
	 * props are what was read before the fault. */
	int		 bad;
	struct so_err	 err;
};

struct vcard_list {
	struct vcard	*cards;
	size_t		 n, cap;
};

/*
 * Parses len bytes of buf (name for messages), calling fn with each
 * card as it ends: one card is in memory at a time.  Every card comes
 * out, the bad ones with bad set, so that a caller may leave them out
 * and go on; a run of text outside any card is a bad entry too.  The
 * card is freed when fn returns (fn may take what it wants and zero
 * it).  fn returns SO_OK to go on; anything else stops the parse and is
 * returned.  A file too big is an error before any card.
 */
typedef int (*vcard_fn)(void *arg, struct vcard *card);
int	 vcard_parse_each(const char *name, const char *buf, size_t len,
	    vcard_fn fn, void *arg, struct so_err *err);
/* The same, every card into out (free it with vcard_list_free). */
int	 vcard_parse(const char *name, const char *buf, size_t len,
	    struct vcard_list *out, struct so_err *err);
void	 vcard_list_free(struct vcard_list *l);

/* The value of the named parameter (the first one), or NULL. */
const char *vcard_param(const struct vcard_prop *p, const char *name);
/* True when a TYPE parameter (any of them, any item of a list, any
 * case, 2.1 bare "TEL;CELL:" too) is type. */
int	 vcard_has_type(const struct vcard_prop *p, const char *type);
/* The text of an escaped value: \n \N \, \; \: \\ undone.  Caller frees. */
char	*vcard_unescape(const char *s);
/* The escaped form of text for a value (\ , ; and newlines). */
void	 vcard_escape(struct strbuf *b, const char *text);
/*
 * Splits an escaped value on the unescaped sep (';' for N, ADR, ORG)
 * and unescapes each part: *parts (caller frees with vcard_parts_free),
 * returns how many.
 */
size_t	 vcard_split(const char *value, char sep, char ***parts);
void	 vcard_parts_free(char **parts, size_t n);

/*
 * Writes the content line "NAME;PARAMS:VALUE" (value already escaped)
 * to out: folded into lines of at most 75 octets, a continuation
 * starting with a space, never cut inside a UTF-8 sequence or after a
 * lone backslash, each ended by CRLF.
 */
void	 vcard_put(FILE *out, const char *name, const char *value);

/* ---- 2. mapping ---- */

/*
 * What a card says about a contact, as a patch (store/vcardstore.h):
 * N (or FN) -> names, ORG -> company, TITLE -> position, TEL by TYPE ->
 * work / mobile / home phones, EMAIL -> e-mail, e-mail 2, BDAY ->
 * birthday, ADR -> address, NOTE -> comment, IMPP, X-SOCIALPROFILE ->
 * messengers, UID; X-SALESORG-* the fields vCard has no place for.
 * Whatever does not fit (a fourth phone, a third e-mail, a birthday
 * without a year, a name prefix) goes to the comment as "Label: value"
 * lines rather than being dropped.  Errors (no name, a bad date) name
 * the file and line.
 */
int	 vcard_to_contact(const char *name, const struct vcard *card,
	    struct contact_patch *out, struct so_err *err);

/*
 * Writes c as one card of version 30 or 40: N, FN, ORG (company, or
 * NULL), TITLE, TEL;TYPE=..., EMAIL, BDAY, ADR, NOTE, X-SALESORG-*,
 * UID and REV (rev: Unix seconds, 0 for none).
 */
void	 vcard_write_contact(FILE *out, int version, const struct contact *c,
	    const char *company, int64_t rev);

/* ---- 3. a database's contacts ---- */

struct vcard_opts {
	int		 skip_bad;	/* leave bad cards out, see skipped */
	int		 dry_run;	/* do everything, then roll back */
	/* Each card skip_bad leaves out, with why; may be NULL. */
	void		(*skipped)(void *arg, const struct so_err *why);
	void		*arg;
};

struct vcard_stats {
	size_t		 created, updated, unchanged;
	size_t		 companies;	/* created for an ORG nobody had */
	size_t		 skipped;	/* bad cards left out */
	/* Imported cards with a PHOTO: a contact keeps no picture, so the
	 * summary says so rather than drop them silently. */
	size_t		 photos;
};

/*
 * Imports the cards of the file at path in one transaction.  A card
 * whose UID a contact has updates that contact (the fields the card
 * carries; an identical card changes and audits nothing); any other
 * card creates a contact.  A bad card stops the import with nothing
 * written, err naming the file and line, unless opts->skip_bad.
 */
int	 vcard_import(struct db *db, const char *path,
	    const struct vcard_opts *opts, struct vcard_stats *st,
	    struct so_err *err);
/* The same for len bytes in memory; name is used in messages. */
int	 vcard_import_mem(struct db *db, const char *name, const char *buf,
	    size_t len, const struct vcard_opts *opts, struct vcard_stats *st,
	    struct so_err *err);

/*
 * Writes the contacts q selects (in the list's order) as version 30 or
 * 40 cards to out; *n: how many.  A contact without a UID is given one
 * first, stored (a write, audited), so that importing the file back
 * updates rather than duplicates.
 */
int	 vcard_export(struct db *db, const struct list_query *q, int version,
	    FILE *out, size_t *n, struct so_err *err);

#endif
