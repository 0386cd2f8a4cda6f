/*
 * Internet messages for mail merge: an RFC 5322 message with one
 * text/plain UTF-8 part in quoted-printable (RFC 2045), non-ASCII names
 * and subjects as RFC 2047 encoded-words, and the mbox form (mboxrd) of
 * a message.
 *
 * Line ends are the caller's choice and one per message: CRLF is the
 * form RFC 5322 defines (a .eml file); LF is what a local program
 * expects (sendmail converts to CRLF itself, and an mbox file is a Unix
 * text file).  Nothing here mixes the two.
 *
 * Header values come from data (a contact's name, a rendered subject):
 * every control character in them, CR and LF above all, becomes a space
 * before anything is written, so no value can start a header of its
 * own.  Addresses are checked instead and refused.
 */
#ifndef MIME_H
#define MIME_H

#include <stddef.h>
#include <time.h>

#include "base/err.h"
#include "base/util.h"

enum mime_eol {
	MIME_CRLF,	/* RFC 5322 on the wire; .eml files */
	MIME_LF,	/* local programs and mbox files */
};

/* The longest header line we write when it can be helped (RFC 5322's
 * SHOULD) and the longest encoded-word (RFC 2047). */
#define MIME_LINE	78
#define MIME_WORD	75

/* A file attached to a message: its name as the reader sees it (any
 * UTF-8), its type (NULL: by the name's extension) and its bytes. */
struct mime_attachment {
	const char	*name;
	const char	*type;
	const unsigned char *data;
	size_t		 len;
};

struct mime_msg {
	const char	*from;		/* "a@b.c" or "Name <a@b.c>" */
	const char	*to_name;	/* display name, may be NULL or "" */
	const char	*to_addr;	/* a@b.c */
	const char	*subject;
	const char	*body;		/* UTF-8, lines end in \n (or \r\n) */
	time_t		 date;
	const char	*msgid;		/* "<...@...>", or NULL: made here */
	/* An HTML alternative of body (NULL: none) and attachments. */
	const char	*html;
	const struct mime_attachment *att;
	size_t		 natt;
};

/*
 * Appends the whole message (headers, blank line, body) to out.  With
 * an HTML part the body is multipart/alternative (the text first, as
 * RFC 2046 orders the plainest first); with attachments the whole is
 * multipart/mixed, the text (or the alternative) first, each file in
 * base64 with its name as RFC 2231 parameters (UTF-8, percent-encoded,
 * continued over lines when long) and, for older readers, an RFC 2047
 * name= in the Content-Type.  Without either the message is one
 * text/plain part, as it always was.
 * SO_EINVAL when the From or To address is not one ("a@b.c", printable
 * ASCII without spaces, brackets, quotes, commas or semicolons).
 */
int	 mime_build(const struct mime_msg *m, enum mime_eol eol,
	    struct strbuf *out, struct so_err *err);

/* The content type of a file by its name's extension (any case):
 * application/pdf for .pdf, ... application/octet-stream when unknown. */
const char *mime_type_of(const char *name);

/* True when addr is an address mime_build accepts. */
int	 mime_addr_ok(const char *addr);
/* The address of "Name <a@b.c>" or "a@b.c" (a new string). */
char	*mime_addr_of(const char *mailbox);
/* The first address of a list "a@b.c, d@e.f" (a new string; "" when
 * none). */
char	*mime_first_addr(const char *list);

/*
 * One header field "Name: value", folded: printable ASCII as it is,
 * folded at spaces; anything else (or "=?" in it, or a word too long for
 * a line) as UTF-8 B encoded-words of at most 75 characters, each on a
 * line of at most 78, never splitting a UTF-8 sequence.  Control
 * characters in value are spaces.
 */
void	 mime_header(struct strbuf *b, const char *name, const char *value,
	    enum mime_eol eol);
/* The body as quoted-printable: lines of at most 76 characters with soft
 * breaks, '=' and non-ASCII as =XX, a space or tab ending a line
 * encoded, "From " at a line's start as "=46rom ". */
void	 mime_qp(struct strbuf *b, const char *text, enum mime_eol eol);
/* Appends "Mon, 23 Nov 2026 09:00:00 +0300" (RFC 5322, local time,
 * English names whatever the locale). */
void	 mime_date(time_t t, struct strbuf *b);

/*
 * Appends msg (LF line ends) to b as one mbox entry: the "From SENDER
 * Mon Nov 23 06:00:00 2026" line (UTC, asctime form), the message with
 * every line that matches ^>*From  quoted by one more '>' (mboxrd), and
 * the blank line that ends an entry.
 */
void	 mime_mbox_entry(struct strbuf *b, const char *sender, time_t t,
	    const char *msg);

#endif
