/*
 * Roles and the audit log as the screens need them; see
 * include/ui/access.h.
 *
 * The refusal is the store's own message (acl_check_write), so what the
 * TUI says when it does not offer a key is word for word what the store
 * would answer to the write; only the "FILE: " prefix goes, since the
 * whole screen is about one file.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/audit.h"
#include "store/lookup.h"
#include "ui/access.h"

char *
ui_refusal(struct db *db, const struct entity *ent, const void *obj,
    int adding)
{
	if (obj == NULL)
		return NULL;
	if (!adding && acl_may_edit(db, ent, obj))
		return NULL;
	return acl_refusal(db, ent, adding ? NULL : obj, obj);
}

char *
ui_owner_login(struct db *db, const struct entity *ent, const void *obj)
{
	struct user_brief u;
	int64_t id = acl_owner(db, ent, obj);
	char *s;

	if (id == 0 || store_user_get(db, id, &u, NULL) != SO_OK)
		return NULL;
	s = xstrdup(u.login);
	store_user_brief_clear(&u);
	return s;
}

/* "10:42" today, "2026-11-20 10:42" another day. */
static void
when(struct db *db, int64_t at, char out[17])
{
	char day[11], today[11];

	dt_format_moment((time_t)at, out);
	dt_format_date((time_t)at, day);
	dt_format_date(db_now(db), today);
	if (strcmp(day, today) == 0)
		memmove(out, out + 11, 6);
}

char *
ui_changed_by(struct db *db, const struct entity *ent, int64_t id,
    int64_t at)
{
	struct audit_filter f = { .entity = ent->name, .record_id = id,
	    .limit = 1 };
	struct audit_row *rows;
	char t[17];
	size_t n;
	char *s;

	/* the newest row only: a record's history may be long */
	if (audit_query(db, &f, &rows, &n, NULL) != SO_OK)
		n = 0;
	/* A row older than the record's last change is not about it. */
	if (n > 0 && rows[0].at >= at) {
		when(db, rows[0].at, t);
		/* TRANSLATORS: "changed by bob at 10:42" (or at a
		 * "2026-11-20 10:42" of another day) */
		s = rows[0].login ? xasprintf(_("changed by %s at %s"),
		    rows[0].login, t) : xasprintf(_("changed at %s"), t);
	} else {
		when(db, at, t);
		s = xasprintf(_("changed at %s"), t);
	}
	audit_free(rows, n);
	return s;
}
