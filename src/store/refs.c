/*
 * Names of referenced rows, for imports; see include/store/refs.h.
 *
 * The hash is open addressing with linear probing over a power-of-two
 * table kept at most half full.  Each slot holds one folded name, how
 * many rows carry it and the lowest of their ids: an import needs "one
 * row", "none" or "ambiguous, n rows", never the whole list.  Rows are
 * read in id order, so the first id seen for a name is the lowest, and a
 * row that carries the same name twice (a user whose login is also
 * their full name) is counted once because its id is the last one seen.
 * The ids are kept too, sorted (they come in order, and a row created
 * later has a higher id), to say whether "#12" names a row.
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/refs.h"

struct ref_slot {
	char		*key;		/* folded name; NULL: free slot */
	int64_t		 id;		/* lowest id with this name */
	int64_t		 last;		/* last id counted */
	size_t		 n;		/* rows with this name */
};

struct store_refs {
	struct ref_slot	*slots;
	size_t		 cap;		/* a power of two */
	size_t		 used;
	int64_t		*ids;		/* ascending */
	size_t		 nids, capids;
};

/* FNV-1a */
static size_t
hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return (size_t)h;
}

/* The folded form of text without the blanks around it, or NULL when
 * nothing is left. */
static char *
fold_key(const char *text)
{
	const char *end;
	char *t, *f;

	while (*text == ' ' || *text == '\t')
		text++;
	end = text + strlen(text);
	while (end > text && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (end == text)
		return NULL;
	t = xstrndup(text, (size_t)(end - text));
	f = utf8_fold(t);
	free(t);
	return f;
}

static struct ref_slot *
probe(const struct store_refs *r, const char *key)
{
	size_t i = hash(key) & (r->cap - 1);

	while (r->slots[i].key && strcmp(r->slots[i].key, key) != 0)
		i = (i + 1) & (r->cap - 1);
	return &r->slots[i];
}

static void
grow(struct store_refs *r)
{
	struct ref_slot *old = r->slots;
	size_t i, oldcap = r->cap;

	r->cap = oldcap ? oldcap * 2 : 64;
	r->slots = xcalloc(r->cap, sizeof(*r->slots));
	for (i = 0; i < oldcap; i++)
		if (old[i].key)
			*probe(r, old[i].key) = old[i];
	free(old);
}

/* Takes key (a folded name). */
static void
add_key(struct store_refs *r, char *key, int64_t id)
{
	struct ref_slot *s;

	if ((r->used + 1) * 2 > r->cap)
		grow(r);
	s = probe(r, key);
	if (s->key == NULL) {
		s->key = key;
		s->id = s->last = id;
		s->n = 1;
		r->used++;
		return;
	}
	free(key);
	if (s->last == id)
		return;
	s->last = id;
	s->n++;
	if (id < s->id)
		s->id = id;
}

static void
add_id(struct store_refs *r, int64_t id)
{
	size_t i = r->nids;

	if (i > 0 && r->ids[i - 1] == id)
		return;
	if (r->nids == r->capids) {
		r->capids = r->capids ? r->capids * 2 : 256;
		r->ids = xrealloc(r->ids, r->capids * sizeof(*r->ids));
	}
	while (i > 0 && r->ids[i - 1] > id)	/* never, in practice */
		i--;
	memmove(r->ids + i + 1, r->ids + i, (r->nids - i) * sizeof(*r->ids));
	r->ids[i] = id;
	r->nids++;
}

void
store_refs_add(struct store_refs *r, const char *name, int64_t id)
{
	char *key = fold_key(name);

	add_id(r, id);
	if (key)
		add_key(r, key, id);
}

int
store_refs_has_id(const struct store_refs *r, int64_t id)
{
	size_t lo = 0, hi = r->nids, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (r->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->nids && r->ids[lo] == id;
}

size_t
store_refs_find(const struct store_refs *r, const char *text, int64_t *id)
{
	const struct ref_slot *s;
	char *key = fold_key(text);

	*id = 0;
	if (key == NULL || r->cap == 0) {
		free(key);
		return 0;
	}
	s = probe(r, key);
	free(key);
	if (s->key == NULL)
		return 0;
	*id = s->id;
	return s->n;
}

/* Reads rows of (id, name, name2) from sql, in id order. */
static int
load(struct db *db, const char *sql, struct store_refs **out,
    struct so_err *err)
{
	struct store_refs *r;
	sqlite3_stmt *st;
	int rc, code;

	*out = NULL;
	if ((code = db_prepare(db, sql, &st, err)) != SO_OK)
		return code;
	r = store_refs_new();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *name2 = sqlite3_column_count(st) > 2 ?
		    (const char *)sqlite3_column_text(st, 2) : NULL;

		add_id(r, id);
		if (name)
			store_refs_add(r, name, id);
		if (name2)
			store_refs_add(r, name2, id);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		store_refs_free(r);
		return db_error(db, rc, N_("reading names"), err);
	}
	*out = r;
	return SO_OK;
}

int
store_refs_load(struct db *db, const struct field_desc *fd,
    struct store_refs **out, struct so_err *err)
{
	char *sql;
	int code, users;

	*out = NULL;
	if (fd->type != FT_REF || fd->ref_table == NULL)
		return so_err_field(err, SO_ERR, fd->name,
		    _("%s: not a reference"), fd->label);
	/* Names come from the descriptor tables compiled in, never from
	 * the data.  Card files keep deleted rows in the trash; lookup
	 * tables have no trash. */
	users = strcmp(fd->ref_table, "users") == 0;
	sql = xasprintf("SELECT r.id, %s, %s FROM %s r%s ORDER BY r.id",
	    fd->ref_label ? fd->ref_label : "NULL",
	    users ? "r.login" : "NULL", fd->ref_table,
	    entity_find(fd->ref_table) ? " WHERE r.deleted_at IS NULL" : "");
	code = load(db, sql, out, err);
	free(sql);
	return code;
}

struct store_refs *
store_refs_new(void)
{
	struct store_refs *r = xcalloc(1, sizeof(*r));

	grow(r);
	return r;
}

int
store_refs_load_sql(struct db *db, const char *sql, struct store_refs **out,
    struct so_err *err)
{
	return load(db, sql, out, err);
}

void
store_refs_free(struct store_refs *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->cap; i++)
		free(r->slots[i].key);
	free(r->slots);
	free(r->ids);
	free(r);
}
