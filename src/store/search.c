/*
 * The global search over the FTS5 indexes of sql/003_search.sql.
 *
 * The user's text becomes an FTS5 expression in search_fts_query: each
 * word quoted, so nothing typed is FTS5 syntax, and starred, so each word
 * is a prefix.  Every value is a bound parameter; the SQL text is made of
 * names from the table below and the entity descriptors only, and is the
 * same on every call, so db_prepare's cache keeps one statement each.
 *
 * Order within a card file.  bm25 (ORDER BY rank) must score every match
 * before it can return the best ten: fine for a few hundred, but the
 * first letter typed matches every contact, and ranking 300 000 of them
 * takes a third of a second, too slow to run at each key press.  So each
 * card file is read twice at most: first newest first (ORDER BY rowid
 * DESC, the index's own order, which stops after a LIMIT) counting the
 * matches up to SEARCH_RANKED; only when there are no more than that are
 * they read again ORDER BY rank.  A broad query therefore shows the
 * newest records and "1000+" until a few more letters narrow it, when
 * the best matches come first.  The count doubles as the heading's
 * "Contacts (37)" without a count(*) over everything.
 *
 * The detail line is built from the row itself (a few columns per hit,
 * by primary key), not with FTS5's snippet(), which would only say which
 * indexed column matched best, usually the title already shown.  Instead
 * it shows fixed context (a company's city and phone ...) and, when a
 * word of the query is in neither the title nor that context, the field
 * it was found in with a few words around it, so a hit on an e-mail or a
 * comment explains itself.
 *
 * Seeing versus taking (store/acl.h).  Every hit's title is shown to
 * everyone: the search is how a manager finds that a client is already
 * a colleague's.  Its detail -- a phone, an excerpt of a note -- only
 * to whoever may read the record (ACL_READ); for the others the detail
 * says whose it is ("bob's", "nobody's").  The owner comes with the
 * row, in the same statement.  Search for a file or a pipe (CSV, TSV:
 * search_run_for with SEARCH_TAKE) holds only the records the user may
 * take (acl_export_owner), filtered in the index query itself so that
 * the counts and the limit are of those.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/entities.h"
#include "store/search.h"

/* The schema version that made the search indexes. */
#define SEARCH_SCHEMA	3
/* Words of a query beyond this are ignored: a pasted page is no query,
 * and each word is a prefix lookup in seven indexes. */
#define MAX_WORDS	64
/* Code points of context before a match, and in an excerpt in all. */
#define EXCERPT_BEFORE	20
#define EXCERPT_LEN	60
/* More searchable fields than an entity has. */
#define MAX_FIELDS	64

struct search_kind {
	const struct entity *ent;
	const char	*fts;		/* the FTS5 table */
	/* SQL expressions over the row t, comma-separated: the context
	 * of the detail line (empty values are left out). */
	const char	*context;
};

#define COMPANY_OF	"(SELECT c.name FROM companies c WHERE c.id = " \
			    "t.company_id)"

static const struct search_kind kinds[] = {
	{ &entity_company, "companies_fts", "t.city, t.phone" },
	{ &entity_contact, "contacts_fts", COMPANY_OF ", "
	    "coalesce(nullif(t.phone_mobile, ''), nullif(t.phone_work, ''), "
	    "t.phone_home)" },
	{ &entity_task, "tasks_fts", "strftime('%Y-%m-%d %H:%M', t.due_at, "
	    "'unixepoch', 'localtime'), " COMPANY_OF },
	{ &entity_note, "notes_fts", COMPANY_OF },
	{ &entity_link, "links_fts", "CASE WHEN t.title <> '' THEN t.url "
	    "END, " COMPANY_OF },
	{ &entity_event, "events_fts", "strftime('%Y-%m-%d %H:%M', "
	    "t.start_at, 'unixepoch', 'localtime'), " COMPANY_OF },
	{ &entity_deal, "deals_fts", COMPANY_OF ", (SELECT s.name FROM "
	    "deal_stages s WHERE s.id = t.stage_id)" },
	{ &entity_program, "programs_fts", "t.kind, t.starts_on" },
	{ &entity_product_group, "product_groups_fts", "(SELECT g.name FROM "
	    "product_groups g WHERE g.id = t.parent_id)" },
	{ &entity_product, "products_fts", "t.code, (SELECT g.name FROM "
	    "product_groups g WHERE g.id = t.group_id)" },
};

#define NKINDS	(sizeof(kinds) / sizeof(kinds[0]))

static const struct search_kind *
kind_of(const struct entity *ent)
{
	size_t i;

	for (i = 0; i < NKINDS; i++)
		if (kinds[i].ent == ent)
			return &kinds[i];
	return NULL;
}

/* ---- words ---- */

static int
is_space_cp(uint32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xa0 ||
	    cp == 0x3000;
}

/*
 * Could the tokenizer (unicode61: letters, digits, private use) make a
 * token of cp?  An approximation by blocks that errs towards "no": a
 * rare letter taken for punctuation only drops a word made of nothing
 * else, while punctuation taken for a letter ("«", "№") would leave a
 * word that matches nothing and so empty the whole result.
 */
static int
is_token_cp(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z');
	if (cp < 0xc0)	/* Latin-1 punctuation, but ª ² ³ µ ¹ º ¼ ½ ¾ */
		return cp == 0xaa || cp == 0xb2 || cp == 0xb3 || cp == 0xb5 ||
		    cp == 0xb9 || cp == 0xba || (cp >= 0xbc && cp <= 0xbe);
	if (cp == 0xd7 || cp == 0xf7)
		return 0;
	if (cp >= 0x2000 && cp < 0x2c00)	/* punctuation, symbols, */
		return (cp >= 0x2070 && cp < 0x20a0) ||	/* but ⁴ ₂ */
		    (cp >= 0x2150 && cp < 0x2190);	/* and Ⅻ ⅓ */
	if ((cp >= 0x3000 && cp < 0x3040) || (cp >= 0xfe10 && cp < 0xfe70) ||
	    (cp >= 0xff00 && cp < 0xff10) || (cp >= 0xff1a && cp < 0xff21) ||
	    (cp >= 0xff3b && cp < 0xff41) || (cp >= 0xff5b && cp < 0xff66))
		return 0;
	if (cp == 0xfffd || (cp >= 0x1f000 && cp < 0x1fb00))	/* emoji */
		return 0;
	return 1;
}

/*
 * Finds the next word of text (n bytes) at or after *off: sets *start and
 * *len and moves *off past it.  Returns 0 at the end.
 */
static int
next_word(const char *text, size_t n, size_t *off, size_t *start,
    size_t *len)
{
	size_t k;
	uint32_t cp;

	while (*off < n) {
		k = utf8_decode(text + *off, n - *off, &cp);
		if (!is_space_cp(cp))
			break;
		*off += k;
	}
	if (*off >= n)
		return 0;
	*start = *off;
	while (*off < n) {
		k = utf8_decode(text + *off, n - *off, &cp);
		if (is_space_cp(cp))
			break;
		*off += k;
	}
	*len = *off - *start;
	return 1;
}

static int
has_token_cp(const char *w, size_t len)
{
	size_t off = 0;
	uint32_t cp;

	while (off < len) {
		off += utf8_decode(w + off, len - off, &cp);
		if (is_token_cp(cp))
			return 1;
	}
	return 0;
}

/* The digits of a word made only of digits and + - ( ) ., or NULL. */
static char *
phone_digits(const char *w, size_t len)
{
	char *d = xmalloc(len + 1);
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if (w[i] >= '0' && w[i] <= '9')
			d[n++] = w[i];
		else if (w[i] != '+' && w[i] != '-' && w[i] != '(' &&
		    w[i] != ')' && w[i] != '.')
			break;
	}
	d[n] = '\0';
	if (i < len || n < 5) {
		free(d);
		return NULL;
	}
	return d;
}

/* Appends "w"* with inner quotes doubled. */
static void
add_prefix(struct strbuf *out, const char *w, size_t len)
{
	size_t i;

	sb_addc(out, '"');
	for (i = 0; i < len; i++) {
		if (w[i] == '"')
			sb_addc(out, '"');
		sb_addc(out, w[i]);
	}
	sb_add(out, "\"*");
}

/*
 * A phone number matches as typed (a phrase of its digit groups, for a
 * number stored with separators), as its digits run together and as its
 * last ten digits (for phone_digits, whatever the stored spelling).
 */
static void
add_word(struct strbuf *out, const char *w, size_t len)
{
	char *d = phone_digits(w, len);
	size_t n;

	if (d == NULL) {
		add_prefix(out, w, len);
		return;
	}
	n = strlen(d);
	sb_addc(out, '(');
	add_prefix(out, w, len);
	if (n != len) {
		sb_add(out, " OR ");
		add_prefix(out, d, n);
	}
	if (n > 10) {
		sb_add(out, " OR ");
		add_prefix(out, d + n - 10, 10);
	}
	sb_addc(out, ')');
	free(d);
}

int
search_fts_query(const char *text, struct strbuf *out)
{
	size_t off = 0, start, len, n;
	char *yo = utf8_yo_to_ye(text ? text : "");
	int words = 0;

	/* the index has е for ё (sql/010_yo.sql): so has the query */
	n = strlen(yo);
	while (words < MAX_WORDS && next_word(yo, n, &off, &start, &len)) {
		if (!has_token_cp(yo + start, len))
			continue;
		if (words++ > 0)
			sb_add(out, " AND ");
		add_word(out, yo + start, len);
	}
	free(yo);
	return words;
}

/* ---- the detail line ---- */

/* The query's words, folded, for finding where each one matched. */
struct words {
	uint32_t	**cps;
	size_t		 *len;
	size_t		  n;
};

static void
words_make(const char *text, struct words *w)
{
	size_t off = 0, start, len, n = strlen(text);
	char *word;

	memset(w, 0, sizeof(*w));
	while (w->n < MAX_WORDS && next_word(text, n, &off, &start, &len)) {
		if (!has_token_cp(text + start, len))
			continue;
		w->cps = xrealloc(w->cps, (w->n + 1) * sizeof(*w->cps));
		w->len = xrealloc(w->len, (w->n + 1) * sizeof(*w->len));
		word = xstrndup(text + start, len);
		w->cps[w->n] = utf8_fold_cps(word, &w->len[w->n]);
		free(word);
		w->n++;
	}
}

static void
words_free(struct words *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->cps[i]);
	free(w->cps);
	free(w->len);
}

/* Byte offset of the folded needle in hay, or -1. */
static long
find_folded(const char *hay, const uint32_t *needle, size_t n)
{
	size_t len = strlen(hay), off, o, j, k;
	uint32_t cp;

	for (off = 0; off < len; off += k) {
		k = utf8_decode(hay + off, len - off, &cp);
		for (j = 0, o = off; j < n && o < len; j++) {
			o += utf8_decode(hay + o, len - o, &cp);
			if (utf8_fold_cp(cp) != needle[j])
				break;
		}
		if (j == n)
			return (long)off;
	}
	return -1;
}

/* Adds s to b as one line: line breaks and tabs become spaces. */
static void
add_line(struct strbuf *b, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		sb_addc(b, s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' :
		    s[i]);
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/*
 * "Label: …words around the match…": from a few words before the match
 * (the match at byte at), about EXCERPT_LEN characters, cut between
 * words where there is a space to cut at.
 */
static void
add_excerpt(struct strbuf *b, const char *label, const char *s, size_t at)
{
	size_t from = at, to, i, cut;

	for (i = 0; i < EXCERPT_BEFORE && from > 0; i++)
		from = utf8_prev(s, from);
	if (from > 0 && !is_blank(s[from - 1])) {
		for (cut = from; cut < at && !is_blank(s[cut]); cut++)
			;
		if (cut < at)
			from = cut;
	}
	while (from < at && is_blank(s[from]))
		from++;
	for (to = from, i = 0; i < EXCERPT_LEN && s[to]; i++)
		to = utf8_next(s, to);
	if (s[to] && !is_blank(s[to])) {
		for (cut = to; cut > at && !is_blank(s[cut - 1]); cut--)
			;
		if (cut > at)
			to = cut;
	}
	sb_printf(b, "%s: %s", label, from > 0 ? "…" : "");
	add_line(b, s + from, to - from);
	if (s[to])
		sb_add(b, "…");
}

/* Is the word in the title or one of the context values? */
static int
word_shown(sqlite3_stmt *st, int ncontext, const uint32_t *cps, size_t n)
{
	int i;

	for (i = 0; i <= ncontext; i++)
		if (utf8_match_folded(db_text(st, i), strlen(db_text(st, i)),
		    cps, n))
			return 1;
	return 0;
}

/*
 * The detail line of the current row of add_hit's statement: column 0 is
 * the title, 1..ncontext the context, then the searchable fields.
 */
static char *
make_detail(sqlite3_stmt *st, int ncontext, const struct field_desc **fields,
    int nfields, const struct words *w)
{
	struct strbuf b = { 0 };
	const char *s;
	size_t i;
	long at;
	int c, f;

	sb_add(&b, "");
	for (c = 1; c <= ncontext; c++) {
		s = db_text(st, c);
		if (*s == '\0')
			continue;
		if (b.len > 0)
			sb_add(&b, ", ");
		add_line(&b, s, strlen(s));
	}
	for (i = 0; i < w->n; i++) {
		if (word_shown(st, ncontext, w->cps[i], w->len[i]))
			continue;
		for (f = 0; f < nfields; f++) {
			s = db_text(st, 1 + ncontext + f);
			if ((at = find_folded(s, w->cps[i], w->len[i])) < 0)
				continue;
			if (b.len > 0)
				sb_add(&b, ", ");
			add_excerpt(&b, fields[f]->label, s, (size_t)at);
			return sb_steal(&b);
		}
	}
	return sb_steal(&b);
}

/* ---- running the search ---- */

static int
count_exprs(const char *list)
{
	int n = 1, depth = 0;

	for (; *list; list++) {
		if (*list == '(')
			depth++;
		else if (*list == ')')
			depth--;
		else if (*list == ',' && depth == 0)
			n++;
	}
	return n;
}

/* Appends hit for row id of kind k (a live row: the index has no other). */
static int
add_hit(struct db *db, const struct search_kind *k, int64_t id,
    const struct words *w, struct search_result *out, struct so_err *err)
{
	const struct entity *ent = k->ent;
	const struct field_desc *fields[MAX_FIELDS];
	struct strbuf sql = { 0 };
	struct search_hit *h;
	sqlite3_stmt *st;
	int64_t owner;
	char *who;
	int i, nf = 0, rc, code, ocol;

	sb_printf(&sql, "SELECT %s, %s", ent->title_sql, k->context);
	for (i = 0; i < ent->nfields && nf < MAX_FIELDS; i++) {
		const struct field_desc *fd = &ent->fields[i];

		if ((fd->flags & F_SEARCH) && field_is_text(fd) &&
		    !(fd->flags & F_HIDDEN)) {
			sb_printf(&sql, ", t.%s", fd->name);
			fields[nf++] = fd;
		}
	}
	/* Last, the responsible user: what the reader may see of it. */
	sb_add(&sql, ", ");
	acl_owner_sql(ent, "t", &sql);
	sb_printf(&sql, " FROM %s t WHERE t.id = ?1", ent->table);
	code = db_prepare(db, sb_str(&sql), &st, err);
	sb_free(&sql);
	if (code != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		db_done(st);
		/* The index names a row the table has not: check says so. */
		if (rc == SQLITE_DONE)
			return SO_OK;
		return db_error(db, rc, N_("searching"), err);
	}
	out->hits = xrealloc(out->hits, (out->n + 1) * sizeof(*out->hits));
	h = &out->hits[out->n++];
	h->ent = ent;
	h->id = id;
	h->title = db_text_dup(st, 0);
	ocol = 1 + count_exprs(k->context) + nf;
	owner = sqlite3_column_type(st, ocol) == SQLITE_NULL ? 0 :
	    sqlite3_column_int64(st, ocol);
	if (acl_reach(db, owner) & ACL_READ)
		h->detail = make_detail(st, count_exprs(k->context), fields,
		    nf, w);
	else {
		who = acl_login(db, owner);
		h->detail = xasprintf("%s's", who);
		free(who);
	}
	db_done(st);
	return SO_OK;
}

/*
 * Reads up to limit rowids of the matches of fts in order ("rowid DESC"
 * or "rank") into ids; *n is how many rows the statement gave.
 */
static int
match_ids(struct db *db, const struct search_kind *k, const char *order,
    const char *match, int64_t owner, size_t limit, int64_t *ids,
    size_t max, size_t *n, struct so_err *err)
{
	struct strbuf sql = { 0 };
	sqlite3_stmt *st;
	int rc, code;

	sb_printf(&sql, "SELECT rowid FROM %s WHERE %s MATCH ?1", k->fts,
	    k->fts);
	/* Only what may be taken: the rows whose responsible user is
	 * owner (0: no such limit). */
	if (owner) {
		sb_printf(&sql, " AND rowid IN (SELECT t.id FROM %s t WHERE ",
		    k->ent->table);
		acl_owner_sql(k->ent, "t", &sql);
		sb_add(&sql, " = ?3)");
	}
	sb_printf(&sql, " ORDER BY %s LIMIT ?2", order);
	code = db_prepare(db, sb_str(&sql), &st, err);
	sb_free(&sql);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, (int64_t)limit);
	if (owner)
		sqlite3_bind_int64(st, 3, owner);
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n < max)
			ids[*n] = sqlite3_column_int64(st, 0);
		(*n)++;
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("searching"), err);
	return SO_OK;
}

static int
search_kind(struct db *db, const struct search_kind *k, const char *match,
    int64_t owner, const struct words *w, size_t per_kind,
    struct search_result *out, struct so_err *err)
{
	struct search_group *g;
	int64_t *ids = xcalloc(per_kind, sizeof(*ids));
	size_t total, n, i, first = out->n;
	int code;

	code = match_ids(db, k, "rowid DESC", match, owner, SEARCH_RANKED + 1,
	    ids, per_kind, &total, err);
	if (code == SO_OK && total > 0 && total <= SEARCH_RANKED)
		code = match_ids(db, k, "rank", match, owner, per_kind, ids,
		    per_kind, &n, err);
	n = total < per_kind ? total : per_kind;
	for (i = 0; code == SO_OK && i < n; i++)
		code = add_hit(db, k, ids[i], w, out, err);
	free(ids);
	if (code != SO_OK || out->n == first)
		return code;
	out->groups = xrealloc(out->groups, (out->ngroups + 1) *
	    sizeof(*out->groups));
	g = &out->groups[out->ngroups++];
	g->ent = k->ent;
	g->first = first;
	g->n = out->n - first;
	g->more = total > SEARCH_RANKED;
	g->total = g->more ? SEARCH_RANKED : total;
	return SO_OK;
}

/*
 * Are the indexes there?  Not the same as "schema version 3 or later": a
 * file made by a development build that had a later migration but not
 * this one has the version and not the tables.
 */
static int
indexes_present(struct db *db)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = SQLITE_ROW;

	if (db_prepare(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' "
	    "AND name = ?1", &st, NULL) != SO_OK)
		return 0;
	for (i = 0; i < NKINDS && rc == SQLITE_ROW; i++) {
		sqlite3_bind_text(st, 1, kinds[i].fts, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	db_done(st);
	return rc == SQLITE_ROW;
}

static int
no_index(struct db *db, struct so_err *err)
{
	int version = db_schema_version(db);

	if (version < SEARCH_SCHEMA)
		return so_err_set(err, SO_ERR, _("%s: no search index in this "
		    "database (schema version %d); open it with salesorg once "
		    "to upgrade it"), db_path(db), version);
	return so_err_set(err, SO_ERR, _("%s: no search index in this database "
	    "(schema version %d)"), db_path(db), version);
}

int
search_run(struct db *db, const char *query, size_t per_kind,
    struct search_result *out, struct so_err *err)
{
	return search_run_for(db, query, per_kind, SEARCH_SEE, out, err);
}

int
search_run_for(struct db *db, const char *query, size_t per_kind,
    enum search_use use, struct search_result *out, struct so_err *err)
{
	struct strbuf match = { 0 };
	struct words w;
	int64_t owner = use == SEARCH_TAKE ? acl_export_owner(db) : 0;
	int i, code = SO_OK;

	memset(out, 0, sizeof(*out));
	if (search_fts_query(query, &match) == 0) {
		sb_free(&match);
		return SO_OK;
	}
	if (!indexes_present(db)) {
		sb_free(&match);
		return no_index(db, err);
	}
	if (per_kind == 0)
		per_kind = 1;
	words_make(query, &w);
	for (i = 0; code == SO_OK && entities[i]; i++)
		if (kind_of(entities[i]))
			code = search_kind(db, kind_of(entities[i]),
			    sb_str(&match), owner, &w, per_kind, out, err);
	words_free(&w);
	sb_free(&match);
	if (code != SO_OK)
		search_result_free(out);
	return code;
}

void
search_result_free(struct search_result *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		free(r->hits[i].title);
		free(r->hits[i].detail);
	}
	free(r->hits);
	free(r->groups);
	memset(r, 0, sizeof(*r));
}

/* ---- checking the indexes ---- */

/* Runs sql (one integer result) on h; -1 on error. */
static int64_t
count_of(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	int64_t n = -1;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/*
 * The set of indexed rows (FTS5 keeps one row per indexed document in
 * <fts>_docsize) against the live rows: plain reads, and each problem
 * says what is wrong.
 */
static int
check_rows(sqlite3 *h, const struct search_kind *k, struct strbuf *report)
{
	const char *t = k->ent->table;
	int64_t missing, stale;
	char *sql;

	sql = xasprintf("SELECT count(*) FROM %s t WHERE t.deleted_at IS NULL "
	    "AND NOT EXISTS (SELECT 1 FROM %s_docsize d WHERE d.id = t.id)",
	    t, k->fts);
	missing = count_of(h, sql);
	free(sql);
	sql = xasprintf("SELECT count(*) FROM %s_docsize d WHERE NOT EXISTS "
	    "(SELECT 1 FROM %s t WHERE t.id = d.id AND t.deleted_at IS NULL)",
	    k->fts, t);
	stale = count_of(h, sql);
	free(sql);
	if (missing < 0 || stale < 0) {
		sb_printf(report, _("search index %s: cannot be read: %s\n"),
		    k->fts, sqlite3_errmsg(h));
		return 1;
	}
	if (missing > 0)
		/* TRANSLATORS: the last %s is a table: companies,
		 * contacts ... */
		sb_printf(report, P_("search index %s: %lld live %s not "
		    "indexed\n", "search index %s: %lld live %s not "
		    "indexed\n", missing), k->fts, (long long)missing, t);
	if (stale > 0)
		sb_printf(report, P_("search index %s: %lld trashed or "
		    "deleted %s still indexed\n", "search index %s: %lld "
		    "trashed or deleted %s still indexed\n", stale), k->fts,
		    (long long)stale, t);
	return (missing > 0) + (stale > 0);
}

/*
 * FTS5's own check, with rank 1: the index structure, and every live
 * row's text against what the index holds for it.
 */
static int
check_fts(sqlite3 *h, const struct search_kind *k, struct strbuf *report)
{
	char *sql;
	int rc;

	sql = xasprintf("INSERT INTO %s (%s, rank) VALUES ('integrity-check', "
	    "1)", k->fts, k->fts);
	rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
	free(sql);
	if (rc == SQLITE_OK)
		return 0;
	sb_printf(report, _("search index %s: does not match the data (%s)\n"),
	    k->fts, sqlite3_errmsg(h));
	return 1;
}

/*
 * A connection for the FTS5 check when ours is read-only: read-write,
 * never created, and closed without a checkpoint, so that with the
 * check rolled back the file stays as it was.  NULL when the file
 * cannot be written (then only the row sets are checked).
 */
static sqlite3 *
writable_twin(struct db *db)
{
	sqlite3 *h = NULL;

	if (sqlite3_open_v2(db_path(db), &h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_db_readonly(h, "main") != 0) {
		sqlite3_close(h);
		return NULL;
	}
	sqlite3_db_config(h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	sqlite3_busy_timeout(h, 5000);
	if (sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return NULL;
	}
	return h;
}

int
search_check(struct db *db, struct strbuf *report, struct so_err *err)
{
	sqlite3 *h = db_sqlite(db), *w;
	const char *bad = NULL;
	size_t i;
	int problems = 0, p;

	if (!indexes_present(db)) {
		if (db_schema_version(db) < SEARCH_SCHEMA)
			return SO_OK;	/* not upgraded yet: nothing to check */
		sb_add(report, _("search indexes missing\n"));
		return no_index(db, err);
	}
	w = sqlite3_db_readonly(h, "main") == 0 ? h : writable_twin(db);
	for (i = 0; i < NKINDS; i++) {
		p = check_rows(h, &kinds[i], report);
		if (w)
			p += check_fts(w, &kinds[i], report);
		if (p > 0 && bad == NULL)
			bad = kinds[i].fts;
		problems += p;
	}
	if (w && w != h) {
		sqlite3_exec(w, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(w);
	}
	if (problems == 0)
		return SO_OK;
	return so_err_set(err, SO_ENOTDB, P_("%s: %d search index problem "
	    "found; rebuild an index with: sqlite3 %s \"INSERT INTO %s(%s) "
	    "VALUES ('rebuild')\"", "%s: %d search index problems found; "
	    "rebuild an index with: sqlite3 %s \"INSERT INTO %s(%s) VALUES "
	    "('rebuild')\"", problems), db_path(db), problems, db_path(db),
	    bad, bad);
}
