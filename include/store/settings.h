/*
 * User preferences kept in the database (so they follow the user from
 * machine to machine on a shared server): on/off flags, each per user
 * ("user.LOGIN.NAME") with a team-wide default ("NAME") below it.
 *
 * Known flags: agenda.startup (show the agenda before the tabs, default
 * on) and reminders.bell (ring the terminal bell with a reminder,
 * default on).
 *
 * Also the lookup lists a team edits: event types and event results
 * (list, add, rename, enable, disable; rows are never deleted, since
 * events refer to them).
 */
#ifndef STORE_SETTINGS_H
#define STORE_SETTINGS_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "store/db.h"
#include "store/lookup.h"

struct flag_desc {
	const char	*name;
	int		 def;
	const char	*help;
};
extern const struct flag_desc settings_flags[];

const struct flag_desc *settings_flag_find(const char *name);
/* The current user's value of flag name, else the team's, else the
 * built-in default. */
int	settings_flag(struct db *db, const char *name);
/* Set it for the current user, or (global) for the whole team. */
int	settings_set_flag(struct db *db, const char *name, int on, int global,
	    struct so_err *err);
/* "on", "off", "yes", "no", "1", "0", "true", "false": 1 or 0; -1 else. */
int	settings_parse_bool(const char *s);

struct lookup_row {
	int64_t	 id;
	char	*code, *name;
	int	 active, sort, productive;
};
int	settings_lookup_list(struct db *db, enum lookup_table t,
	    struct lookup_row **out, size_t *n, struct so_err *err);
void	settings_lookup_free(struct lookup_row *rows, size_t n);
/* Add (code new) or rename (code existing) a row; code: a-z, 0-9, _. */
int	settings_lookup_put(struct db *db, enum lookup_table t,
	    const char *code, const char *name, struct so_err *err);
int	settings_lookup_enable(struct db *db, enum lookup_table t,
	    const char *code, int active, struct so_err *err);

#endif
