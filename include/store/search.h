/*
 * The global search: the user's words over every card file at once
 * (companies, contacts, tasks, notes, links, events, deals), answered by
 * the FTS5 indexes of sql/003_search.sql, results grouped by card file.
 *
 * Every word is a prefix ("ромаш" finds "ООО «Ромашка»"), case does not
 * matter (Cyrillic too), all words must match (in any of the record's
 * searchable fields), and the text is never FTS5 syntax: quotes, stars,
 * brackets, NEAR, AND, "-" and ":" typed by the user are just text.
 * Trashed records are not in the indexes, so never found.
 */
#ifndef STORE_SEARCH_H
#define STORE_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/util.h"
#include "store/db.h"
#include "store/entity.h"

/*
 * Matches of one card file beyond this many are not ranked: they are
 * listed newest first (see search.c), and their count is "more than".
 */
#define SEARCH_RANKED	1000

struct search_hit {
	const struct entity *ent;	/* &entity_company, ... */
	int64_t		 id;
	char		*title;		/* the record's title (ent->title_sql) */
	/* One line of context: the city and phone of a company, the
	 * company and phone of a contact, the due date of a task ...; and
	 * when a word matched a field not shown, that field's label and an
	 * excerpt around the match ("Comment: …call after lunch…").  For a
	 * record the user may not read (store/acl.h, ACL_READ), whose it
	 * is instead: "bob's", "nobody's". */
	char		*detail;
};

/* The hits of one card file: hits[first .. first + n). */
struct search_group {
	const struct entity *ent;
	size_t		 first, n;
	size_t		 total;		/* matches in the card file */
	int		 more;		/* there are more than total (only
					   counted up to SEARCH_RANKED) */
};

struct search_result {
	struct search_hit *hits;
	size_t		 n;
	struct search_group *groups;	/* card files with hits, tab order */
	size_t		 ngroups;
};

/*
 * Runs query (the user's words) over every card file: at most per_kind
 * hits per card file, grouped in tab order (entities[]), the best first
 * within a group (bm25, title fields weighing most) when there are at
 * most SEARCH_RANKED matches, else the newest first.  An empty or blank
 * query (or one of punctuation only) gives zero hits and SO_OK.  out is
 * overwritten; free with search_result_free.
 */
int	 search_run(struct db *db, const char *query, size_t per_kind,
	    struct search_result *out, struct so_err *err);
/*
 * What the hits are for.  SEARCH_SEE (search_run, the search screen and
 * the command's text): every record's title, the details of those the
 * user may read.  SEARCH_TAKE (CSV, TSV): only the records the user may
 * take away (acl_export_owner), with their details; counts and limits
 * are of those.
 */
enum search_use { SEARCH_SEE, SEARCH_TAKE };
int	 search_run_for(struct db *db, const char *query, size_t per_kind,
	    enum search_use use, struct search_result *out,
	    struct so_err *err);
void	 search_result_free(struct search_result *r);

/*
 * The FTS5 MATCH expression for the user's words, appended to out: each
 * whitespace-separated word quoted (inner quotes doubled) and made a
 * prefix, "ромаш"*, the words ANDed.  A word with nothing a token can be
 * made of ("«", "-") is left out, as FTS5 would match nothing for it.  A
 * word written like a phone number ("+7(843)123-45-67", "88431234567")
 * also matches as its run of digits and its last ten digits (see
 * phone_digits in sql/003_search.sql).  Words past the 64th are left
 * out.  Returns the number of words (0: nothing to search for).
 */
int	 search_fts_query(const char *text, struct strbuf *out);

/*
 * Checks every search index against the live rows: records missing from
 * the index or indexed although trashed or gone (one line each in
 * report), and FTS5's 'integrity-check' of the index structure and its
 * agreement with the text.  Returns SO_OK, or SO_ENOTDB when there are
 * problems (fixed by rebuilding, see search.c).  Works on a read-only
 * handle: the FTS5 check is a formal write, so it then runs on a
 * connection of its own inside a transaction that is rolled back.
 */
int	 search_check(struct db *db, struct strbuf *report, struct so_err *err);

#endif
