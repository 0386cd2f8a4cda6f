/*
 * Mail merge templates: a named subject and body with placeholders,
 * shared by the team (table templates, sql/007_exchange.sql).  Edits are
 * versioned like records (an update names the version it read and is
 * refused with SO_ECONFLICT when someone else saved in between) and
 * audited under the entity name "templates".
 *
 * The placeholder language lives here, beside the rows it guards, as the
 * filter language lives in store/filter.c: the store refuses a template
 * whose placeholders it cannot resolve, so no template that would fail
 * at send time is ever saved.  Rendering (merge.c) walks the pieces
 * template_parse returns.
 *
 *	Dear {contact.first_name},		a field of the contact
 *	{company.name}, {company.city}		a field of the contact's company
 *	{manager.name}				the contact's manager (else the
 *						company's)
 *	{{ and }}				a literal { and }
 *
 * A field is named by its descriptor name (custom fields included), or
 * as filters name it (without "_id", by label); see template_known.
 *
 * A document template (exchange/docfill.h: an .odt or .docx filled for a
 * company, a contact or a deal) may name more (TPL_DOC):
 *
 *	{deal.title}, {deal.amount}		a field of the deal
 *	{line.product}, {line.quantity},	a deal line, in a table row
 *	{line.price}, {line.discount},		that is repeated for each
 *	{line.amount}, {line.number}		line of the deal
 *	{today}					the date the document is made
 */
#ifndef STORE_TEMPLATE_H
#define STORE_TEMPLATE_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/util.h"
#include "store/db.h"

#define TEMPLATE_NAME_MAX	64	/* characters */
#define TEMPLATE_SUBJECT_MAX	250	/* characters, as an event subject */
#define TEMPLATE_BODY_MAX	100000	/* characters, as a memo field */

struct template {
	int64_t		 id;		/* 0 until added */
	int64_t		 version;	/* as read; an update must match it */
	int64_t		 created_by, created_at, updated_at;
	char		*name, *subject, *body;
};

/* Frees what t owns and zeroes it. */
void	template_clear(struct template *t);
void	template_list_free(struct template *v, size_t n);

/*
 * Checks t before it is saved: name 1 to 64 characters without control
 * characters; subject one line of at most 250 characters; body at most
 * 100 000 characters, no control characters but newline and tab; valid
 * UTF-8 throughout; every placeholder known.  err names the part, line
 * and column.
 */
int	template_check(const struct template *t, struct so_err *err);

/* Adds t (sets its id, version 1 and times); SO_EINVAL when the name is
 * taken.  One transaction with its audit row. */
int	template_add(struct db *db, struct template *t, struct so_err *err);
/* Reads the template called name; SO_ENOTFOUND when there is none. */
int	template_get(struct db *db, const char *name, struct template *out,
	    struct so_err *err);
/* Every template, by name. */
int	template_list(struct db *db, struct template **out, size_t *n,
	    struct so_err *err);
/*
 * Writes t over its row (found by t->id; the name may change).  When the
 * row's version is no longer t->version, nothing is written and
 * SO_ECONFLICT is returned.  Identical values write nothing.  On success
 * t->version moves on by one.  An audit row per changed part.
 */
int	template_update(struct db *db, struct template *t, struct so_err *err);
/* Removes the template; its last subject and body stay in the audit
 * log. */
int	template_remove(struct db *db, const char *name, struct so_err *err);

/* ---- the placeholder language ---- */

enum tpl_kind {
	TPL_TEXT,	/* literal text */
	TPL_CONTACT,	/* a field of the contact */
	TPL_COMPANY,	/* a field of the contact's company */
	TPL_MANAGER,	/* the manager's name */
	TPL_DEAL,	/* a field of the deal (documents) */
	TPL_LINE,	/* a deal line's value (documents): field is a
			   TPL_LINE_ index */
	TPL_TODAY,	/* the date (documents) */
};

/* The values of a deal line, {line.NAME}, in this order. */
enum tpl_line {
	TPL_LINE_NUMBER,	/* 1, 2, ... */
	TPL_LINE_PRODUCT,
	TPL_LINE_QUANTITY,
	TPL_LINE_PRICE,
	TPL_LINE_DISCOUNT,
	TPL_LINE_AMOUNT,
	TPL_LINE_N
};
extern const char *const tpl_line_names[TPL_LINE_N];

/* template_parse_in's flags */
#define TPL_DOC		0x1	/* a document's: {deal.*}, {line.*},
				   {today} too */

struct tpl_piece {
	enum tpl_kind	 kind;
	int		 field;		/* CONTACT/COMPANY: index in fields[] */
	char		*text;		/* TEXT: the text, braces undoubled;
					   else the placeholder as written */
};

struct tpl_text {
	struct tpl_piece *v;
	size_t		 n;
};

/*
 * Splits text (the part "subject" or "body" of template tname) into
 * pieces.  Errors name the template, the part, the line and column (in
 * characters) and the placeholder, with a suggestion when one is close:
 *
 *	template "offer": body line 3, column 7: unknown placeholder
 *	{contact.frist_name}; did you mean {contact.first_name}?
 *
 * The entities' descriptors must be those of the open database (custom
 * fields are loaded when it is opened).
 */
int	template_parse(const char *tname, const char *part, const char *text,
	    struct tpl_text *out, struct so_err *err);
/*
 * The same, with what flags allows besides (TPL_DOC).  A part that is
 * neither "subject" nor "body" is a place in a document ("word/
 * document.xml, paragraph 3") and errors name only its column.
 */
int	template_parse_in(const char *tname, const char *part,
	    const char *text, unsigned flags, struct tpl_text *out,
	    struct so_err *err);
void	template_text_free(struct tpl_text *t);
/* Every placeholder a template may use, "{contact.last_name}" ..., one
 * per line. */
void	template_known(struct strbuf *b);
/* Those of a template parsed with flags. */
void	template_known_in(struct strbuf *b, unsigned flags);
/* 1 when err is template_parse's "unknown placeholder", in whichever
 * language it was said (the caller then lists template_known). */
int	template_err_unknown(const struct so_err *err);

#endif
