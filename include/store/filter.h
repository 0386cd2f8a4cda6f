/*
 * The filter language of lists (`f` in the organizer, --filter on the
 * command line):
 *
 *	city:казань category:VIP	contains, any case (Cyrillic too); ANDed
 *	city=Казань			the whole value, any case
 *	phone~^\+7\s?843		PCRE2 regular expression, caseless
 *	-status:lost			not
 *	due<2026-12-01  amount>=10000	dates, moments, numbers, money
 *	ромашка				a bare word: any text field contains it
 *	city:"Нижний Новгород"		quotes for spaces (\" and \\ inside)
 *	city:казань OR city:москва	OR between groups; ( ) group
 *	email=""			the field is empty
 *
 * Field names come from the entity descriptors: the column name, the
 * same without "_id" (manager), the English or Russian label with spaces
 * as '_' (менеджер), custom fields of the entity by name, and id,
 * created, updated.  A reference matches its label (a manager also by
 * login); a choice by its code or label.
 *
 * A filter compiles to an SQL condition whose every value is a bound
 * parameter: no user text ever becomes SQL.  Errors carry the byte
 * position of the offending character, for the `~` marker under it.
 */
#ifndef STORE_FILTER_H
#define STORE_FILTER_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/util.h"
#include "store/db.h"
#include "store/entity.h"

/* The filter's parameters are ?FILTER_BASE, ?FILTER_BASE+1, ...; queries
 * that embed it keep their own below. */
#define FILTER_BASE	10

struct filter;

/*
 * Compiles text for ent.  Blank text gives *out = NULL (no filter) and
 * SO_OK.  On error returns SO_EINVAL, err says what is wrong and *pos
 * (if not NULL) is the byte offset in text it refers to.  The database
 * is read for custom fields and to check patterns; now anchors relative
 * dates (today, +3d).
 */
int	 filter_compile(struct db *db, const struct entity *ent,
	    const char *text, time_t now, struct filter **out, size_t *pos,
	    struct so_err *err);
void	 filter_free(struct filter *f);
/*
 * A filter of the records whose ids are given (the records behind a
 * pivot's cell, ui/pivot.c): one bound parameter, the ids as a JSON
 * array json_each reads, so a cell of 50 000 records is one value, not
 * 50 000 terms.  text is what the list's title says it is.
 */
struct filter *filter_of_ids(const int64_t *ids, size_t n,
	    const char *text);

/*
 * Narrows *f (NULL: everything; then a new filter described as text) to
 * the members of program_id, of member status status (NULL or "": any):
 * contacts that are members; companies that are members on their own
 * (own: without a contact -- the ones a mailing reaches by the
 * company's e-mail) or through one of their contacts.  -1 for another
 * card file.
 */
int	 filter_and_members(struct filter **f, const struct entity *ent,
	    int64_t program_id, const char *status, int own,
	    const char *text);

/* The condition, to be ANDed into a WHERE clause over "t". */
const char *filter_sql(const struct filter *f);
/* The filter's text as compiled. */
const char *filter_text(const struct filter *f);
/* Binds the parameters into st (numbered from FILTER_BASE). */
void	 filter_bind(const struct filter *f, sqlite3_stmt *st);
/* Number of parameters, and the n-th as text (for tests). */
size_t	 filter_nparams(const struct filter *f);
char	*filter_param_text(const struct filter *f, size_t n);

/*
 * The marker line for an error at byte pos of text: blanks as wide as
 * text[0..pos) on the screen, then '~'.  Caller frees.
 */
char	*filter_marker(const char *text, size_t pos);

#endif
