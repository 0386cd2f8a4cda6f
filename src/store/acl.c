/*
 * Roles and responsibility; see include/store/acl.h.
 *
 * The responsible user of a record is found the same way in C (for the
 * check of one write, acl_owner) and in SQL (for an export's WHERE,
 * acl_owner_sql): the record's own manager or assignee, else that of
 * its deal, contact or company, in that order, the most particular
 * first.  A deal and a contact without a manager of their own belong to
 * their company's manager.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "store/acl.h"
#include "store/lookup.h"

/* The fields that name a record's own responsible user. */
static const char *const own_fields[] = { "manager_id", "assignee_id", NULL };

/* The parents a record can belong to, most particular first, with the
 * SQL naming a parent's responsible user (?1 / the parent's id). */
static const struct parent {
	const char	*field;
	const char	*table;
	const char	*sql;		/* over alias p and its company pc */
} parents[] = {
	{ "deal_id", "deal", "SELECT coalesce(p.manager_id, pc.manager_id) "
	    "FROM deals p LEFT JOIN companies pc ON pc.id = p.company_id "
	    "WHERE p.id = " },
	{ "contact_id", "contact", "SELECT coalesce(p.manager_id, "
	    "pc.manager_id) FROM contacts p LEFT JOIN companies pc "
	    "ON pc.id = p.company_id WHERE p.id = " },
	{ "company_id", "company", "SELECT p.manager_id FROM companies p "
	    "WHERE p.id = " },
	{ NULL, NULL, NULL }
};

static const char *const role_names[] = {
	[ROLE_NONE] = "", [ROLE_MANAGER] = "manager", [ROLE_HEAD] = "head",
	[ROLE_ADMIN] = "admin",
};

enum role
acl_role_named(const char *name)
{
	int r;

	for (r = ROLE_MANAGER; r <= ROLE_ADMIN; r++)
		if (name && strcmp(name, role_names[r]) == 0)
			return (enum role)r;
	return ROLE_NONE;
}

const char *
acl_role_name(enum role r)
{
	return r >= ROLE_NONE && r <= ROLE_ADMIN ? role_names[r] : "";
}

enum role
acl_role(struct db *db)
{
	return acl_role_named(db_user_role(db));
}

const char *
acl_role_shown(enum role r)
{
	switch (r) {
	case ROLE_ADMIN:
		return C_("role", "admin");
	case ROLE_HEAD:
		return C_("role", "head");
	case ROLE_MANAGER:
		return C_("role", "manager");
	default:
		return "";
	}
}

/*
 * what is marked by the caller (N_ or _) and translated here: an
 * infinitive that ends "only an administrator may ...".  One message
 * per role, so that each reads as one sentence in every language.
 */
int
acl_require(struct db *db, enum role min, const char *what,
    struct so_err *err)
{
	const char *login = *db_user_login(db) ? db_user_login(db) : "nobody";

	if (db_system(db) || acl_role(db) >= min)
		return SO_OK;
	what = _(what);
	if (acl_role(db) == ROLE_NONE) {
		if (min == ROLE_ADMIN)
			return so_err_set(err, SO_EPERM, _("%s: only an "
			    "administrator may %s (you, %s, are not logged "
			    "in)"), db_path(db), what, login);
		if (min == ROLE_HEAD)
			return so_err_set(err, SO_EPERM, _("%s: only a head "
			    "of sales or an administrator may %s (you, %s, "
			    "are not logged in)"), db_path(db), what, login);
		return so_err_set(err, SO_EPERM, _("%s: only a user of this "
		    "database may %s (you, %s, are not logged in)"),
		    db_path(db), what, login);
	}
	if (min == ROLE_ADMIN)
		/* TRANSLATORS: the last %s is a role: manager, head or
		 * admin. */
		return so_err_set(err, SO_EPERM, _("%s: only an administrator "
		    "may %s (you, %s, are %s)"), db_path(db), what, login,
		    acl_role_shown(acl_role(db)));
	return so_err_set(err, SO_EPERM, _("%s: only a head of sales or an "
	    "administrator may %s (you, %s, are %s)"), db_path(db), what,
	    login, acl_role_shown(acl_role(db)));
}

/* ---- the responsible user ---- */

static int64_t
ref_of(const struct entity *ent, const void *obj, const char *name)
{
	int i = entity_field(ent, name);
	int64_t v;

	if (i < 0)
		return 0;
	v = field_int_c(&ent->fields[i], obj);
	return v == SO_NULL || v < 0 ? 0 : v;
}

static int64_t
parent_owner(struct db *db, const struct parent *p, int64_t id)
{
	sqlite3_stmt *st;
	int64_t owner = 0;
	char *sql = xasprintf("%s?", p->sql);
	int code = db_prepare(db, sql, &st, NULL);

	free(sql);
	if (code != SO_OK)
		return 0;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		owner = sqlite3_column_int64(st, 0);
	db_done(st);
	return owner;
}

int64_t
acl_owner(struct db *db, const struct entity *ent, const void *obj)
{
	const struct parent *p;
	int64_t v, o;
	int i;

	for (i = 0; own_fields[i]; i++)
		if ((v = ref_of(ent, obj, own_fields[i])) != 0)
			return v;
	for (p = parents; p->field; p++)
		if ((v = ref_of(ent, obj, p->field)) != 0 &&
		    (o = parent_owner(db, p, v)) != 0)
			return o;
	return 0;
}

void
acl_owner_sql(const struct entity *ent, const char *alias, struct strbuf *b)
{
	const struct parent *p;
	int i, n = 0;

	/* A card file with no responsible user (programs): nobody's. */
	for (i = 0; own_fields[i]; i++)
		n += entity_field(ent, own_fields[i]) >= 0;
	for (p = parents; p->field; p++)
		n += entity_field(ent, p->field) >= 0;
	if (n == 0) {
		sb_add(b, "NULL");
		return;
	}
	n = 0;
	sb_add(b, "coalesce(");
	for (i = 0; own_fields[i]; i++)
		if (entity_field(ent, own_fields[i]) >= 0)
			sb_printf(b, "%s%s.%s", n++ ? ", " : "", alias,
			    own_fields[i]);
	for (p = parents; p->field; p++)
		if (entity_field(ent, p->field) >= 0)
			sb_printf(b, "%s(%s%s.%s)", n++ ? ", " : "", p->sql,
			    alias, p->field);
	/* coalesce() wants two arguments at least */
	sb_add(b, ", NULL)");
}

/* ---- reading ---- */

unsigned
acl_reach(struct db *db, int64_t owner)
{
	enum role r = acl_role(db);

	if (db_system(db) || r >= ROLE_HEAD)
		return ACL_ALL;
	if (r == ROLE_NONE)
		return 0;
	if (owner == db_user_id(db))
		return ACL_ALL;
	/* Nobody's: theirs to take on, not to read before they do. */
	return owner == 0 ? ACL_TITLE | ACL_WRITE : ACL_TITLE;
}

int
acl_hide_details(struct db *db, const struct entity *ent, const void *obj)
{
	if (acl_role(db) >= ROLE_HEAD || db_system(db) || ent->catalogue)
		return 0;
	return !(acl_reach(db, acl_owner(db, ent, obj)) & (ACL_READ |
	    ACL_WRITE));
}

int
acl_field_is_detail(const struct entity *ent, int fi)
{
	const struct field_desc *fd = &ent->fields[fi];
	const char *p;
	size_t n;

	if (fd->type == FT_REF || fd->type == FT_CHOICE ||
	    fd->type == FT_BOOL)
		return 0;
	/* a column of the title: "t.name", "t.last_name" */
	n = strlen(fd->name);
	for (p = ent->title_sql; p && (p = strstr(p, "t.")) != NULL; p += 2)
		if (strncmp(p + 2, fd->name, n) == 0 && !(isalnum((unsigned
		    char)p[2 + n]) || p[2 + n] == '_'))
			return 0;
	return 1;
}

int64_t
acl_owner_of(struct db *db, const struct entity *ent, int64_t id)
{
	struct strbuf sql = { 0 };
	sqlite3_stmt *st;
	int64_t owner = -1;
	int code;

	sb_add(&sql, "SELECT ");
	acl_owner_sql(ent, "t", &sql);
	sb_printf(&sql, " FROM %s t WHERE t.id = ?1", ent->table);
	code = db_prepare(db, sb_str(&sql), &st, NULL);
	sb_free(&sql);
	if (code != SO_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		owner = sqlite3_column_type(st, 0) == SQLITE_NULL ? 0 :
		    sqlite3_column_int64(st, 0);
	db_done(st);
	return owner;
}

static char *login_of(struct db *db, int64_t id);

/* "Company #12 "Ромашка"", or without the title when it has none. */
static void
name_record(const struct entity *ent, int64_t id, const char *title,
    char *out, size_t sz)
{
	if (title)
		/* TRANSLATORS: an entity, a record's number and its title:
		 * Company #12 "Romashka". */
		snprintf(out, sz, _("%s #%lld \"%s\""), entity_label(ent),
		    (long long)id, title);
	else
		snprintf(out, sz, "%s #%lld", entity_label(ent),
		    (long long)id);
}

/* "a new company": one phrase each, for the word's gender in Russian. */
static const char *
new_record(const struct entity *ent)
{
	static const struct {
		const char	*name;
		const char	*phrase;
	} phrases[] = {
		{ "company", N_("a new company") },
		{ "contact", N_("a new contact") },
		{ "task", N_("a new task") },
		{ "note", N_("a new note") },
		{ "link", N_("a new link") },
		{ "event", N_("a new event") },
		{ "deal", N_("a new deal") },
		{ "payment", N_("a new payment") },
		{ "program", N_("a new program") },
		{ "member", N_("a new member") },
		{ "product_group", N_("a new product group") },
		{ "product", N_("a new product") },
		{ "deal_line", N_("a new deal line") },
	};
	size_t i;

	for (i = 0; i < sizeof(phrases) / sizeof(phrases[0]); i++)
		if (strcmp(phrases[i].name, ent->name) == 0)
			return _(phrases[i].phrase);
	return _("a new record");
}

char *
acl_login(struct db *db, int64_t owner)
{
	return owner == 0 ? xstrdup("nobody") : login_of(db, owner);
}

int
acl_check_read(struct db *db, const struct entity *ent, int64_t id,
    struct so_err *err)
{
	int64_t owner = acl_owner_of(db, ent, id);
	char *who, *title, what[160];

	if (owner < 0)
		return so_err_set(err, SO_ENOTFOUND, _("%s: no %s #%lld"),
		    db_path(db), ent->name, (long long)id);
	if ((acl_reach(db, owner) & ACL_READ) || (ent->catalogue &&
	    acl_role(db) != ROLE_NONE))
		return SO_OK;
	if (acl_role(db) == ROLE_NONE)
		return so_err_set(err, SO_EPERM, _("%s: nobody is logged in "
		    "to read %s #%lld"), db_path(db), ent->name,
		    (long long)id);
	title = store_lookup_title(db, ent, id);
	name_record(ent, id, title, what, sizeof(what));
	free(title);
	if (owner == 0) {
		so_err_set(err, SO_EPERM, _("%s: %s is nobody's: a head of "
		    "sales may read it, or you once you take it on (you, %s, "
		    "are a manager)"), db_path(db), what, db_user_login(db));
		return SO_EPERM;
	}
	who = login_of(db, owner);
	so_err_set(err, SO_EPERM, _("%s: %s is %s's: only %s or a head of "
	    "sales may read it (you, %s, are a manager)"), db_path(db), what,
	    who, who, db_user_login(db));
	free(who);
	return SO_EPERM;
}

int
acl_check_user(struct db *db, int64_t user_id, const char *what,
    struct so_err *err)
{
	if (user_id != 0 && user_id == db_user_id(db) &&
	    acl_role(db) != ROLE_NONE)
		return SO_OK;
	return acl_require(db, ROLE_HEAD, what, err);
}

int64_t
acl_export_owner(struct db *db)
{
	if (db_system(db) || acl_role(db) >= ROLE_HEAD)
		return 0;
	/* nobody logged in exports nothing: no user has id -1 */
	return db_user_id(db) ? db_user_id(db) : -1;
}

/* ---- the check of a write ---- */

static char *
login_of(struct db *db, int64_t id)
{
	struct user_brief u;
	char *s;

	if (store_user_get(db, id, &u, NULL) != SO_OK)
		return xasprintf(_("user #%lld"), (long long)id);
	s = xstrdup(u.login);
	store_user_brief_clear(&u);
	return s;
}

enum refusal { CHANGE, GIVE, ADD };

static int
refuse(struct db *db, const struct entity *ent, const void *obj,
    int64_t owner, enum refusal why, struct so_err *err)
{
	const struct rec_meta *m = obj;
	char *who = login_of(db, owner), *title = NULL;
	char what[160];

	if (m->id)
		title = store_lookup_title(db, ent, m->id);
	if (m->id)
		name_record(ent, m->id, title, what, sizeof(what));
	else
		snprintf(what, sizeof(what), "%s", new_record(ent));
	if (why == GIVE)
		so_err_set(err, SO_EPERM, _("%s: only a head of sales may give "
		    "%s to %s (you, %s, are a manager)"), db_path(db), what,
		    who, db_user_login(db));
	else if (why == ADD)
		so_err_set(err, SO_EPERM, _("%s: %s would be %s's: only %s or "
		    "a head of sales may add it (you, %s, are a manager)"),
		    db_path(db), what, who, who, db_user_login(db));
	else
		so_err_set(err, SO_EPERM, _("%s: %s is %s's: only %s or a head "
		    "of sales may change it (you, %s, are a manager)"),
		    db_path(db), what, who, who, db_user_login(db));
	free(who);
	free(title);
	return SO_EPERM;
}

int
acl_check_write(struct db *db, const struct entity *ent, const void *old,
    const void *obj, struct so_err *err)
{
	enum role r = acl_role(db);
	int64_t me = db_user_id(db), owner;

	if (db_system(db) || r >= ROLE_HEAD)
		return SO_OK;
	if (r == ROLE_NONE)
		return so_err_set(err, SO_EPERM, _("%s: nobody is logged in to "
		    "make this change"), db_path(db));
	if (ent->catalogue)
		return acl_require(db, ROLE_HEAD, N_("change the product "
		    "catalogue"), err);
	if (old && (owner = acl_owner(db, ent, old)) != 0 && owner != me)
		return refuse(db, ent, old, owner, CHANGE, err);
	if ((owner = acl_owner(db, ent, obj)) != 0 && owner != me)
		return refuse(db, ent, old ? old : obj, owner, old ? GIVE :
		    ADD, err);
	return SO_OK;
}

char *
acl_refusal(struct db *db, const struct entity *ent, const void *old,
    const void *obj)
{
	struct so_err err = { 0 };
	const char *msg = err.msg;
	size_t n = strlen(db_path(db));

	if (acl_check_write(db, ent, old, obj, &err) == SO_OK)
		return NULL;
	if (strncmp(msg, db_path(db), n) == 0 && strncmp(msg + n, ": ", 2) ==
	    0)
		msg += n + 2;
	return xstrdup(msg);
}

int
acl_may_edit(struct db *db, const struct entity *ent, const void *obj)
{
	int64_t owner;

	if (db_system(db) || acl_role(db) >= ROLE_HEAD)
		return 1;
	if (acl_role(db) == ROLE_NONE || ent->catalogue)
		return 0;
	owner = acl_owner(db, ent, obj);
	return owner == 0 || owner == db_user_id(db);
}

void
acl_system(struct db *db, int on)
{
	db_system_add(db, on ? 1 : -1);
}
