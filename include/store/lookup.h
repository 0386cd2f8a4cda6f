/*
 * Small reads by a key: the lookup tables the admin edits (event types,
 * event results, deal stages: rows with a stable code and a display
 * name), users by login or id, and a record's title.  Below the record
 * engine and the access rules, which both read through here.
 */
#ifndef STORE_LOOKUP_H
#define STORE_LOOKUP_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"

enum lookup_table {
	LOOKUP_EVENT_TYPES,
	LOOKUP_EVENT_RESULTS,
	LOOKUP_DEAL_STAGES,
};

/*
 * Fills ids[i] with the id of the row whose code is codes[i], or SO_NULL
 * when there is no such row (the admin may have removed it).
 */
int	store_lookup_ids(struct db *db, enum lookup_table t,
	    const char *const *codes, int64_t *ids, int n, struct so_err *err);

/* The id of the user with this login; SO_ENOTFOUND "no user LOGIN". */
int	store_user_id(struct db *db, const char *login, int64_t *id,
	    struct so_err *err);

/* A user as reports name them. */
struct user_brief {
	int64_t	 id;
	char	*login, *full_name, *role;
	int	 disabled;
};
/* The user with this id; SO_ENOTFOUND "no user #ID". */
int	store_user_get(struct db *db, int64_t id, struct user_brief *out,
	    struct so_err *err);
/* The users who are not disabled, by full name (else login). */
int	store_users_active(struct db *db, struct user_brief **out, size_t *n,
	    struct so_err *err);
/* Every user, disabled ones too, by login. */
int	store_users_all(struct db *db, struct user_brief **out, size_t *n,
	    struct so_err *err);
void	store_user_brief_clear(struct user_brief *u);
void	store_users_free(struct user_brief *v, size_t n);

struct entity;
/* Title of one record (entity's title_sql), or NULL (caller frees). */
char	*store_lookup_title(struct db *db, const struct entity *ent,
	    int64_t id);

#endif
