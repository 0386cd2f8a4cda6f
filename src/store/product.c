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
	return code;
}

static int
line_after_trash(struct db *db, int64_t id, int del, struct so_err *err)
{
	struct deal_line l;
	int code;

	(void)del;
	store_deal_line_init(&l);
	if ((code = store_deal_line_get(db, id, &l, err)) == SO_OK)
		code = resum(db, l.deal_id, err);
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

int
store_payments_by_group(struct db *db, const char *from, const char *to,
    int64_t manager_id, struct group_amount **out, size_t *n,
    struct so_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, code;

	*out = NULL;
	*n = 0;
	/* the manager of a payment as the sales report has it: the
	 * deal's, else the company's */
	/* The payments of the period first (payments_paid_on), the view's
	 * split of them after: joined the other way round, the planner
	 * walks the whole view once per payment. */
	if ((code = db_prepare(db, "SELECT coalesce(pg.group_id, 0), "
	    "coalesce(g.name, ''), sum(pg.amount) FROM payment_groups pg "
	    "LEFT JOIN product_groups g ON g.id = pg.group_id "
	    "WHERE pg.payment_id IN (SELECT p.id FROM payments p WHERE "
	    "p.deleted_at IS NULL AND (?1 = '' OR p.paid_on >= ?1) AND "
	    "(?2 = '' OR p.paid_on <= ?2) AND (?3 = 0 OR "
	    "coalesce((SELECT manager_id FROM deals WHERE id = p.deal_id), "
	    "(SELECT manager_id FROM companies WHERE id = p.company_id)) = "
	    "?3)) GROUP BY 1 ORDER BY pg.group_id IS NULL, 3 DESC, 2", &st,
	    err)) != SO_OK)
		return code;
	sqlite3_bind_text(st, 1, from ? from : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to ? to : "", -1, SQLITE_STATIC);
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
