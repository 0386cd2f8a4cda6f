/*
 * The product catalogue -- product groups (a tree) and products -- and
 * deal lines, what a deal sells product by product.  All three are card
 * files of the record engine, so they are listed, edited in forms,
 * audited, trashed, imported and exported like any record; the rules
 * they add are here (store/product.h says them in full).
 *
 * The catalogue is reference data (entity.catalogue): everyone reads it,
 * a head or an admin writes it (acl.c).  A line is its deal's (the
 * deal_id parent of acl.c): whoever may write the deal writes its lines.
 *
 * A deal's amount follows its lines.  Every write of a line -- create,
 * update, trash, restore -- rewrites its deal (and, for a line moved to
 * another deal, the deal it left) through rec_update in the same
 * transaction; the deal's own check hook (deal.c) then sets its amount
 * to the lines' sum, so the change is audited on the deal and moves its
 * version like any edit, and a form holding the old version is told the
 * deal changed rather than writing an amount back over it.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/entities.h"
#include "store/hooks.h"
#include "store/product.h"

/* ---- product groups ---- */

#define O(m)	offsetof(struct product_group, m)

static const struct field_desc group_fields[] = {
	{ "name", NC_("product_group", "Name"), FT_TEXT, O(name), 30, 0,
	    F_REQUIRED | F_SORT | F_SEARCH, NULL, NULL, NULL, NULL },
	{ "parent_id", NC_("product_group", "Parent group"), FT_REF,
	    O(parent_id), 20, 0, 0, "product_groups", LABEL_NAME, NULL,
	    NULL },
	{ "comment", NC_("product_group", "Comment"), FT_MEMO, O(comment), 0,
	    0, F_SEARCH, NULL, NULL, NULL, NULL },
};

/* A group may not be its own ancestor: the tree stays a tree. */
static int
group_check(struct db *db, void *obj, struct so_err *err)
{
	struct product_group *g = obj;
	sqlite3_stmt *st;
	int64_t at = g->parent_id;
	int depth = 0, code;

	if (g->parent_id == SO_NULL || g->parent_id == 0 || g->meta.id == 0)
		return SO_OK;
	if ((code = db_prepare(db, "SELECT parent_id FROM product_groups "
	    "WHERE id = ?1", &st, err)) != SO_OK)
		return code;
	while (at != SO_NULL && at != 0 && depth++ < 1000) {
		if (at == g->meta.id) {
			db_done(st);
			return so_err_field(err, SO_EINVAL, "parent_id",
			    _("Parent group: a group cannot be inside "
			    "itself"));
		}
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, at);
		at = SO_NULL;
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_type(st, 0) != SQLITE_NULL)
			at = sqlite3_column_int64(st, 0);
	}
	db_done(st);
	return SO_OK;
}

struct entity entity_product_group = {
	.name = "product_group", .table = "product_groups",
	.label = NC_("product_group", "Product group"),
	.plural = NC_("product_group", "Product groups"),
	.size = sizeof(struct product_group),
	.fields = group_fields,
	.nfields = sizeof(group_fields) / sizeof(group_fields[0]),
	.default_sort = 0,
	.title_sql = "t.name",
	.check = group_check,
	.catalogue = 1,
};

STORE_WRAPPERS(product_group, struct product_group, entity_product_group)

/* ---- products ---- */

#undef O
#define O(m)	offsetof(struct product, m)

static const struct field_desc product_fields[] = {
	{ "code", NC_("product", "Code"), FT_TEXT, O(code), 12, 40,
	    F_SORT | F_SEARCH, NULL, NULL, NULL, NULL },
	{ "name", NC_("product", "Name"), FT_TEXT, O(name), 30, 0,
	    F_REQUIRED | F_SORT | F_SEARCH, NULL, NULL, NULL, NULL },
	{ "group_id", NC_("product", "Group"), FT_REF, O(group_id), 16, 0, 0,
	    "product_groups", LABEL_NAME, NULL, NULL },
	{ "unit", NC_("product", "Unit"), FT_TEXT, O(unit), 6, 20, 0, NULL,
	    NULL, NULL, NULL },
	{ "price", NC_("product", "Price"), FT_MONEY, O(price), 12, 0, 0,
	    NULL, NULL, NULL, NULL },
	{ "retired", NC_("product", "Retired"), FT_BOOL, O(retired), 0, 0, 0,
	    NULL, NULL, NULL, NULL },
	{ "comment", NC_("product", "Comment"), FT_MEMO, O(comment), 0, 0,
	    F_SEARCH, NULL, NULL, NULL, NULL },
};

static int
product_check(struct db *db, void *obj, struct so_err *err)
{
	struct product *p = obj;

	(void)db;
	if (p->price != SO_NULL && p->price < 0)
		return so_err_field(err, SO_EINVAL, "price",
		    _("Price: may not be negative"));
	return SO_OK;
}

/* A product moved to another group moves its deals' money (below). */
static int split_product(struct db *, int64_t, struct so_err *);

static int
product_after_write(struct db *db, const void *old, const void *obj,
    struct so_err *err)
{
	const struct product *o = old, *p = obj;

	if (o == NULL || o->group_id == p->group_id)
		return SO_OK;
	return split_product(db, p->meta.id, err);
}

struct entity entity_product = {
	.name = "product", .table = "products",
	.label = NC_("product", "Product"),
	.plural = NC_("product", "Products"),
	.size = sizeof(struct product),
	.fields = product_fields,
	.nfields = sizeof(product_fields) / sizeof(product_fields[0]),
	.default_sort = 1,
	.title_sql = "t.name",
	.check = product_check,
	.after_write = product_after_write,
	.catalogue = 1,
};

STORE_WRAPPERS(product, struct product, entity_product)

/* ---- deal lines ---- */

#undef O
#define O(m)	offsetof(struct deal_line, m)

static const struct field_desc line_fields[] = {
	FIELD_DEAL(NC_("deal_line", "Deal"), 20, F_REQUIRED | F_SORT),
	{ "product_id", NC_("deal_line", "Product"), FT_REF, O(product_id),
	    24, 0, F_REQUIRED, "products", LABEL_NAME, NULL, NULL },
	{ "quantity", NC_("deal_line", "Quantity"), FT_INT, O(quantity), 6,
	    0, 0, NULL, NULL, NULL, "1" },
	{ "price", NC_("deal_line", "Price"), FT_MONEY, O(price), 12, 0, 0,
	    NULL, NULL, NULL, NULL },
	{ "discount", NC_("deal_line", "Discount, %"), FT_INT, O(discount), 5,
	    0, 0, NULL, NULL, NULL, NULL },
	{ "amount", NC_("deal_line", "Amount"), FT_MONEY, O(amount), 12, 0,
	    F_READONLY, NULL, NULL, NULL, NULL },
	{ "comment", NC_("deal_line", "Comment"), FT_TEXT, O(comment), 0, 0,
	    0, NULL, NULL, NULL, NULL },
};

int
deal_line_amount(int64_t quantity, int64_t price, int64_t discount,
    int64_t *out)
{
	__int128 n;

	if (discount == SO_NULL)
		discount = 0;
	/* in hundredths of a kopeck, exact; then half away from zero */
	n = (__int128)quantity * price * (100 - discount);
	n = n >= 0 ? (n + 50) / 100 : -((-n + 50) / 100);
	if (n > INT64_MAX || n <= INT64_MIN)
		return SO_EINVAL;
	*out = (int64_t)n;
	return SO_OK;
}

int
deal_lines_total(struct db *db, int64_t deal_id, int64_t *n, int64_t *sum,
    struct so_err *err)
{
	sqlite3_stmt *st;
	int code;

	*n = *sum = 0;
	if ((code = db_prepare(db, "SELECT count(*), coalesce(sum(amount), 0) "
	    "FROM deal_lines WHERE deal_id = ?1 AND deleted_at IS NULL", &st,
	    err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, deal_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*n = sqlite3_column_int64(st, 0);
		*sum = sqlite3_column_int64(st, 1);
	}
	db_done(st);
	return SO_OK;
}

int
deal_has_lines(struct db *db, int64_t deal_id)
{
	int64_t n = 0, sum;

	if (deal_id == 0 || deal_lines_total(db, deal_id, &n, &sum, NULL) !=
	    SO_OK)
		return 0;
	return n > 0;
}

/* The product's price and whether it is retired; SO_ENOTFOUND when the
 * line names no live product. */
static int
product_terms(struct db *db, int64_t id, int64_t *price, int *retired,
    struct so_err *err)
{
	sqlite3_stmt *st;
	int code;

	if ((code = db_prepare(db, "SELECT price, retired FROM products "
	    "WHERE id = ?1 AND deleted_at IS NULL", &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, id);
	code = SO_ENOTFOUND;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*price = sqlite3_column_type(st, 0) == SQLITE_NULL ? SO_NULL :
		    sqlite3_column_int64(st, 0);
		*retired = sqlite3_column_int(st, 1);
		code = SO_OK;
	}
	db_done(st);
	return code;
}

static int
line_check(struct db *db, void *obj, struct so_err *err)
{
	struct deal_line *l = obj;
	int64_t price = SO_NULL;
	int retired = 0, code;

	if (l->quantity == SO_NULL)
		l->quantity = 1;
	if (l->quantity < 0)
		return so_err_field(err, SO_EINVAL, "quantity",
		    _("Quantity: may not be negative"));
	if (l->discount != SO_NULL && (l->discount < 0 || l->discount > 100))
		return so_err_field(err, SO_EINVAL, "discount",
		    _("Discount, %%: from 0 to 100, not %lld"),
		    (long long)l->discount);
	if (l->price != SO_NULL && l->price < 0)
		return so_err_field(err, SO_EINVAL, "price",
		    _("Price: may not be negative"));
	if (l->product_id != SO_NULL && l->product_id != 0) {
		code = product_terms(db, l->product_id, &price, &retired, err);
		if (code == SO_ENOTFOUND)
			return so_err_field(err, SO_EINVAL, "product_id",
			    _("Product: no product #%lld"),
			    (long long)l->product_id);
		if (code != SO_OK)
			return code;
		if (retired && l->meta.id == 0)
			return so_err_field(err, SO_EINVAL, "product_id",
			    _("Product: #%lld is retired: it is not sold "
			    "any more"), (long long)l->product_id);
		if (l->price == SO_NULL)
			l->price = price;
	}
	if (l->price == SO_NULL)
		return so_err_field(err, SO_EINVAL, "price",
		    _("Price: the product has no price; give one"));
	if (deal_line_amount(l->quantity, l->price, l->discount, &l->amount) !=
	    SO_OK)
		return so_err_field(err, SO_EINVAL, "amount",
		    _("Amount: too large"));
	return SO_OK;
}

/* Rewrites the deal so that its check hook sums its lines again. */
static int
resum(struct db *db, int64_t deal_id, struct so_err *err)
{
	struct deal d;
	int code;

	if (deal_id == SO_NULL || deal_id == 0)
		return SO_OK;
	store_deal_init(&d);
	if ((code = store_deal_get(db, deal_id, &d, err)) == SO_OK)
		code = store_deal_update(db, &d, err);
	store_deal_clear(&d);
	return code;
}

static int
line_after_write(struct db *db, const void *old, const void *obj,
    struct so_err *err)
{
	const struct deal_line *o = old, *l = obj;
	int code = resum(db, l->deal_id, err);

	if (code == SO_OK && o && o->deal_id != l->deal_id)
		code = resum(db, o->deal_id, err);
	/* Split again here, not only by the deal's own hook: a line
	 * changing product but not amount leaves the deal as it was, and
	 * an update that changes nothing runs no hook. */
	if (code == SO_OK)
		code = split_deal(db, l->deal_id, err);
	if (code == SO_OK && o && o->deal_id != l->deal_id)
		code = split_deal(db, o->deal_id, err);
	return code;
}

static int
line_after_trash(struct db *db, int64_t id, int del, struct so_err *err)
{
	struct deal_line l;
	int code;

	(void)del;
	store_deal_line_init(&l);
	if ((code = store_deal_line_get(db, id, &l, err)) == SO_OK &&
	    (code = resum(db, l.deal_id, err)) == SO_OK)
		code = split_deal(db, l.deal_id, err);
	store_deal_line_clear(&l);
	return code;
}

struct entity entity_deal_line = {
	.name = "deal_line", .table = "deal_lines",
	.label = NC_("deal_line", "Deal line"),
	.plural = NC_("deal_line", "Deal lines"),
	.size = sizeof(struct deal_line),
	.fields = line_fields,
	.nfields = sizeof(line_fields) / sizeof(line_fields[0]),
	.default_sort = 0,
	.title_sql = "coalesce((SELECT p.name FROM products p WHERE p.id = "
	    "t.product_id), '')",
	.check = line_check,
	.after_write = line_after_write,
	.after_trash = line_after_trash,
};

STORE_WRAPPERS(deal_line, struct deal_line, entity_deal_line)

int
store_product_find(struct db *db, const char *text, int64_t *id,
    struct so_err *err)
{
	static const char *const sqls[] = {
		"SELECT id FROM products WHERE deleted_at IS NULL AND "
		    "id = ?2",
		"SELECT id FROM products WHERE deleted_at IS NULL AND "
		    "code <> '' AND so_fold(code) = ?1 ORDER BY id LIMIT 2",
		"SELECT id FROM products WHERE deleted_at IS NULL AND "
		    "so_fold(name) = ?1 ORDER BY id LIMIT 2",
	};
	const char *p = *text == '#' ? text + 1 : text;
	char *folded = utf8_fold(text), *end;
	long long num = strtoll(p, &end, 10);
	sqlite3_stmt *st;
	size_t i;
	int code = SO_OK, n = 0;

	*id = 0;
	for (i = 0; i < sizeof(sqls) / sizeof(sqls[0]) && n == 0; i++) {
		if (i == 0 && (*p < '0' || *p > '9' || *end != '\0'))
			continue;
		if ((code = db_prepare(db, sqls[i], &st, err)) != SO_OK)
			break;
		sqlite3_bind_text(st, 1, folded, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, num);
		while (sqlite3_step(st) == SQLITE_ROW)
			if (n++ == 0)
				*id = sqlite3_column_int64(st, 0);
		db_done(st);
	}
	free(folded);
	if (code != SO_OK)
		return code;
	if (n == 0)
		return so_err_set(err, SO_ENOTFOUND, _("%s: no product \"%s\" "
		    "(by number, code or name)"), db_path(db), text);
	if (n > 1)
		return so_err_set(err, SO_EINVAL, _("%s: several products are "
		    "named \"%s\"; give its number as #N"), db_path(db),
		    text);
	return SO_OK;
}

/* ---- attribution ---- */

void
group_amounts_free(struct group_amount *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

static int	by_group(struct db *, const char *, const char *, int64_t,
		    struct group_amount **, size_t *, struct so_err *);

/* Its GROUP BY sorts every share of the period: on disk
 * (db_spill_begin), so a long period stays within the memory budget
 * (61 MiB at the benchmark's 3x a year, where it sorted in memory). */
int
store_payments_by_group(struct db *db, const char *from, const char *to,
    int64_t manager_id, struct group_amount **out, size_t *n,
    struct so_err *err)
{
	int code;

	db_spill_begin(db);
	code = by_group(db, from, to, manager_id, out, n, err);
	db_spill_end(db);
	return code;
}

static int
by_group(struct db *db, const char *from, const char *to,
    int64_t manager_id, struct group_amount **out, size_t *n,
    struct so_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	/* The period's payments by payments_paid_on (open ends bound as
	 * the least and a greatest date, so the range stays a range), each
	 * payment's stored shares by its covering index; the manager of a
	 * payment as the sales report has it: the deal's, else the
	 * company's.  A file not yet upgraded (a read opens it read-only,
	 * only a write migrates) has the view only: the period's payments
	 * first, the view's split of them after -- joined the other way
	 * round, the planner walks the whole view once per payment. */
	if (db_schema_version(db) >= SPLIT_SCHEMA)
		code = db_prepare(db, "SELECT coalesce(s.group_id, 0) AS gid, "
		    "coalesce(g.name, '') AS name, sum(s.amount) AS paid "
		    "FROM payments p "
		    "JOIN payment_group_shares s ON s.payment_id = p.id "
		    "LEFT JOIN product_groups g ON g.id = s.group_id "
		    "WHERE p.deleted_at IS NULL AND p.paid_on >= ?1 AND "
		    "p.paid_on <= ?2 AND (?3 = 0 OR "
		    "coalesce((SELECT manager_id FROM deals WHERE id = "
		    "p.deal_id), (SELECT manager_id FROM companies WHERE id = "
		    "p.company_id)) = ?3) GROUP BY gid "
		    "ORDER BY gid = 0, paid DESC, name", &st, err);
	else
		code = db_prepare(db, "SELECT coalesce(pg.group_id, 0) AS gid, "
		    "coalesce(g.name, '') AS name, sum(pg.amount) AS paid "
		    "FROM payment_groups pg "
		    "LEFT JOIN product_groups g ON g.id = pg.group_id "
		    "WHERE pg.payment_id IN (SELECT p.id FROM payments p WHERE "
		    "p.deleted_at IS NULL AND p.paid_on >= ?1 AND "
		    "p.paid_on <= ?2 AND (?3 = 0 OR "
		    "coalesce((SELECT manager_id FROM deals WHERE id = "
		    "p.deal_id), (SELECT manager_id FROM companies WHERE id = "
		    "p.company_id)) = ?3)) GROUP BY gid "
		    "ORDER BY gid = 0, paid DESC, name", &st, err);
	if (code != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, from ? from : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to && *to ? to : "9999-12-31", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, manager_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct group_amount *g;

		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		g = &(*out)[(*n)++];
		g->group_id = sqlite3_column_int64(st, 0);
		g->name = xstrdup((const char *)sqlite3_column_text(st, 1));
		g->amount = sqlite3_column_int64(st, 2);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		group_amounts_free(*out, *n);
		*out = NULL;
		*n = 0;
		return db_error(db, rc, N_("reading payments by product group"),
		    err);
	}
	return SO_OK;
}

/* ---- the stored split (sql/023_group_shares.sql) ---- */

/*
 * The rows of the views deal_groups and payment_groups for the records a
 * write touched, rewritten in its transaction: deleted for the whole
 * set, then inserted by the view's own SQL narrowed to the set, so that
 * the stored rows are the view's rows (salesorg check compares them).
 * The sets are named by one id, ?1: a payment; a deal (its rows and its
 * payments'); a product (the deals whose lines name it, trashed lines
 * too: a superset costs a rewrite, never a wrong row).  Each statement
 * reaches its rows through an index (test_product.c checks the plans).
 */

/* The deals of the set, as the operand of IN. */
#define DEALS_OF_DEAL		"(?1)"
#define DEALS_OF_PRODUCT	"(SELECT deal_id FROM deal_lines WHERE " \
	"product_id = ?1)"
/* The payments of the set, as a condition on payments. */
#define PAYS_OF_PAYMENT		"id = ?1"
#define PAYS_OF_DEAL		"deal_id = ?1"
#define PAYS_OF_PRODUCT		"deal_id IN " DEALS_OF_PRODUCT

#define DEAL_DELETE(set)						\
	"DELETE FROM deal_group_shares WHERE deal_id IN " set
/* deal_groups (017), narrowed to set. */
#define DEAL_INSERT(set)						\
	"INSERT INTO deal_group_shares (deal_id, group_id, amount) "	\
	"SELECT l.deal_id, p.group_id, sum(l.amount) FROM deal_lines l " \
	"JOIN deals d ON d.id = l.deal_id AND d.deleted_at IS NULL "	\
	"LEFT JOIN products p ON p.id = l.product_id "			\
	"WHERE l.deleted_at IS NULL AND l.deal_id IN " set " "		\
	"GROUP BY l.deal_id, p.group_id "				\
	"UNION ALL SELECT d.id, NULL, d.amount FROM deals d "		\
	"WHERE d.deleted_at IS NULL AND d.id IN " set " AND NOT EXISTS " \
	"(SELECT 1 FROM deal_lines l WHERE l.deal_id = d.id AND "	\
	"l.deleted_at IS NULL)"

#define PAY_DELETE(set)							\
	"DELETE FROM payment_group_shares WHERE payment_id IN "	\
	"(SELECT id FROM payments WHERE " set ")"
/* payment_groups (017), narrowed to set: the lines of the set's deals
 * only, the same running totals, the same rounding. */
#define PAY_INSERT(set)							\
	"WITH pay AS (SELECT id, deal_id, amount FROM payments "	\
	"WHERE deleted_at IS NULL AND " set "), "			\
	"lines AS (SELECT l.deal_id AS deal_id, p.group_id AS group_id, " \
	"sum(l.amount) AS amount FROM deal_lines l "			\
	"JOIN deals d ON d.id = l.deal_id AND d.deleted_at IS NULL "	\
	"LEFT JOIN products p ON p.id = l.product_id "			\
	"WHERE l.deleted_at IS NULL AND l.deal_id IN "			\
	"(SELECT deal_id FROM pay) GROUP BY l.deal_id, p.group_id), "	\
	"runs AS (SELECT deal_id, group_id, "				\
	"sum(amount) OVER (PARTITION BY deal_id ORDER BY "		\
	"coalesce(group_id, 0) ROWS UNBOUNDED PRECEDING) AS upto, "	\
	"sum(amount) OVER (PARTITION BY deal_id ORDER BY "		\
	"coalesce(group_id, 0) ROWS UNBOUNDED PRECEDING) - amount "	\
	"AS before, sum(amount) OVER (PARTITION BY deal_id) AS total "	\
	"FROM lines) "							\
	"INSERT INTO payment_group_shares (payment_id, group_id, amount) " \
	"SELECT pay.id, r.group_id, "					\
	"CAST(round(pay.amount * 1.0 * r.upto / r.total) AS INTEGER) - " \
	"CAST(round(pay.amount * 1.0 * r.before / r.total) AS INTEGER) " \
	"FROM pay JOIN runs r ON r.deal_id = pay.deal_id AND "		\
	"r.total <> 0 "							\
	"UNION ALL SELECT pay.id, NULL, pay.amount FROM pay "		\
	"WHERE NOT EXISTS (SELECT 1 FROM runs r WHERE "			\
	"r.deal_id = pay.deal_id AND r.total <> 0)"

static int
split_run(struct db *db, const char *sql, int64_t id, struct so_err *err)
{
	sqlite3_stmt *st;
	int rc, code;

	if ((code = db_prepare(db, sql, &st, err)) != SO_OK)
		return code;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, N_("keeping the split over product "
		    "groups"), err);
	return SO_OK;
}

static int
split_set(struct db *db, const char *del, const char *ins, int64_t id,
    struct so_err *err)
{
	int code;

	if (id == SO_NULL || id == 0)
		return SO_OK;
	if ((code = split_run(db, del, id, err)) != SO_OK)
		return code;
	return split_run(db, ins, id, err);
}

int
split_payment(struct db *db, int64_t payment_id, struct so_err *err)
{
	return split_set(db, PAY_DELETE(PAYS_OF_PAYMENT),
	    PAY_INSERT(PAYS_OF_PAYMENT), payment_id, err);
}

int
split_deal(struct db *db, int64_t deal_id, struct so_err *err)
{
	int code;

	if ((code = split_set(db, DEAL_DELETE(DEALS_OF_DEAL),
	    DEAL_INSERT(DEALS_OF_DEAL), deal_id, err)) != SO_OK)
		return code;
	return split_set(db, PAY_DELETE(PAYS_OF_DEAL),
	    PAY_INSERT(PAYS_OF_DEAL), deal_id, err);
}

/* A product moved to another group moves the money of its deals. */
static int
split_product(struct db *db, int64_t product_id, struct so_err *err)
{
	int code;

	if ((code = split_set(db, DEAL_DELETE(DEALS_OF_PRODUCT),
	    DEAL_INSERT(DEALS_OF_PRODUCT), product_id, err)) != SO_OK)
		return code;
	return split_set(db, PAY_DELETE(PAYS_OF_PRODUCT),
	    PAY_INSERT(PAYS_OF_PRODUCT), product_id, err);
}

int
split_check(struct db *db, struct strbuf *report, struct so_err *err)
{
	static const char *const tables[2][3] = {
		{ "deal_group_shares", "deal_groups", "deal_id" },
		{ "payment_group_shares", "payment_groups", "payment_id" },
	};
	sqlite3_stmt *st;
	int64_t bad, problems = 0;
	char *sql;
	int i, rc;

	if (db_schema_version(db) < SPLIT_SCHEMA)
		return SO_OK;	/* not upgraded yet: nothing kept */
	for (i = 0; i < 2; i++) {
		/* a row counted +1 from the view, -1 from the table: what
		 * does not come to 0 differs, in either direction, repeats
		 * included, with one pass over the view */
		sql = xasprintf("SELECT count(*) FROM (SELECT 1 FROM (SELECT "
		    "*, 1 AS side FROM %s UNION ALL SELECT *, -1 FROM %s) "
		    "GROUP BY %s, group_id, amount HAVING sum(side) <> 0)",
		    tables[i][1], tables[i][0], tables[i][2]);
		rc = sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL);
		free(sql);
		if (rc != SQLITE_OK)
			return db_error(db, rc, N_("checking the split over "
			    "product groups"), err);
		bad = 0;
		if ((rc = sqlite3_step(st)) == SQLITE_ROW)
			bad = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW)
			return db_error(db, rc, N_("checking the split over "
			    "product groups"), err);
		if (bad > 0)
			sb_printf(report, P_("%s: %lld row differs from the "
			    "view %s\n", "%s: %lld rows differ from the view "
			    "%s\n", bad), tables[i][0], (long long)bad,
			    tables[i][1]);
		problems += bad;
	}
	if (problems == 0)
		return SO_OK;
	return so_err_set(err, SO_ENOTDB, _("%s: the stored split over product "
	    "groups differs from its definition; rebuild it with: sqlite3 %s "
	    "\"DELETE FROM deal_group_shares; INSERT INTO deal_group_shares "
	    "SELECT * FROM deal_groups; DELETE FROM payment_group_shares; "
	    "INSERT INTO payment_group_shares SELECT * FROM payment_groups\""),
	    db_path(db), db_path(db));
}
