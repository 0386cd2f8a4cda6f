/*
 * Group actions on a filtered set and saved filters.
 *
 * A group action ("reassign the 212 VIP companies in Kazan to Petrov")
 * runs in one transaction: all rows change or none do.  Each row goes
 * through the record engine, so it is validated, its version moves on
 * and its audit rows are written like any edit's: the audit log shows
 * every changed record with the old and new values, who and when.
 */
#ifndef STORE_GROUP_H
#define STORE_GROUP_H

#include <stdint.h>
#include <time.h>

#include "base/err.h"
#include "store/record.h"

/*
 * Sets field (by name) to value (text as a form takes it; a user by
 * login too) on every row q selects.  *changed counts rows that really
 * changed (those with the value already are left alone).
 */
int	 group_set(struct db *db, const struct entity *ent,
	    const struct list_query *q, const char *field, const char *value,
	    time_t now, int64_t *changed, struct so_err *err);
/* Moves every row q selects to the trash. */
int	 group_trash(struct db *db, const struct entity *ent,
	    const struct list_query *q, int64_t *changed, struct so_err *err);
/*
 * Adds every company or contact q selects to the program named name
 * (created when there is none of that name, any case); rows already
 * members are skipped.  Each added row gets an audit row "program".
 */
int	 group_add_to_program(struct db *db, const struct entity *ent,
	    const struct list_query *q, const char *name, int64_t *added,
	    struct so_err *err);
/* Names of the live programs, for a pick-list (free with free_strv). */
int	 group_programs(struct db *db, char ***names, size_t *n,
	    struct so_err *err);
void	 free_strv(char **v, size_t n);
/* Logins and full names of the users, to pick a new manager from. */
int	 group_users(struct db *db, char ***logins, char ***names, size_t *n,
	    struct so_err *err);

/* ---- saved filters, per card file ---- */

struct saved_filter {
	int64_t		 id;
	char		*name, *expr;
};

int	 saved_filter_list(struct db *db, const struct entity *ent,
	    struct saved_filter **out, size_t *n, struct so_err *err);
void	 saved_filter_free(struct saved_filter *v, size_t n);
/* The filter saved as name; SO_ENOTFOUND when there is none. */
int	 saved_filter_get(struct db *db, const struct entity *ent,
	    const char *name, char **expr, struct so_err *err);
/* Saves expr as name (replacing one of that name). */
int	 saved_filter_save(struct db *db, const struct entity *ent,
	    const char *name, const char *expr, struct so_err *err);
int	 saved_filter_delete(struct db *db, const struct entity *ent,
	    const char *name, struct so_err *err);

#endif
