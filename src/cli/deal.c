/*
 * `salesorg deal`: a deal's lines, what it sells product by product.
 *
 *	salesorg deal lines 12
 *	salesorg deal add-line 12 Н-1 3 --discount 10
 *	salesorg deal add-line 12 "Фильтр" 2 --price 333.33
 *	salesorg deal delete-line 40
 *
 * A product is named by its number (#7 or 7), its code, or its name, in
 * that order.  A line's price is the product's unless --price gives
 * another; the deal's amount becomes the sum of its lines in the same
 * transaction (store/product.h says the rules).  The store decides who
 * may: lines are the deal's, so whoever may write the deal writes them,
 * and reading them is reading the deal.  The catalogue itself is listed,
 * imported and exported as every card file is (list products, import
 * csv products, export).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "store/acl.h"
#include "store/entities.h"
#include "store/product.h"

enum { OPT_PRICE = 'p', OPT_DISCOUNT = 'd', OPT_COMMENT = 'c' };

/* A positive number, "#12" or "12"; 0 for anything else. */
static int64_t
number_of(const char *s)
{
	char *end;
	long long v;

	if (*s == '#')
		s++;
	if (*s < '0' || *s > '9')
		return 0;
	v = strtoll(s, &end, 10);
	return *end == '\0' && v > 0 ? v : 0;
}

/* Prints text padded with spaces to cols terminal columns. */
static void
put_cell(const char *text, int cols, int right)
{
	int w = utf8_width(text);

	if (right)
		printf("%*s%s", w < cols ? cols - w : 0, "", text);
	else
		printf("%s%*s", text, w < cols ? cols - w : 0, "");
}

static int
deal_lines(struct cli *cli, int argc, char **argv)
{
	struct so_err err = { 0 };
	struct list_query q = { .sort = -1, .ref_field = "deal_id" };
	struct rec_list l = { 0 };
	struct deal d;
	struct db *db;
	char buf[48];
	int64_t id, n, sum;
	size_t i;
	int rc;

	if (cli_getopt(&command_deal, "lines", argc, argv) != -1 ||
	    argc - optind != 1)
		return cli_usage("deal");
	if ((id = number_of(argv[optind])) == 0) {
		cli_warn(_("deal: \"%s\" is not a deal's number"),
		    argv[optind]);
		return EXIT_USAGE;
	}
	if ((rc = cli_open(cli, 0, CLI_READ, &db)) != 0)
		return rc;
	store_deal_init(&d);
	if (acl_check_read(db, &entity_deal, id, &err) != SO_OK ||
	    store_deal_get(db, id, &d, &err) != SO_OK ||
	    deal_lines_total(db, id, &n, &sum, &err) != SO_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	q.ref_id = id;
	if (rec_list(db, &entity_deal_line, &q, LIST_FIRST, NULL, 10000, &l,
	    &err) != SO_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	printf(_("Deal #%lld \"%s\"\n"), (long long)id, d.title ? d.title :
	    "");
	if (l.n == 0) {
		printf("%s\n", _("No lines: the deal's amount is the one typed "
		    "into it."));
		goto out;
	}
	for (i = 0; i < l.n; i++) {
		const struct deal_line *x = rec_list_at(&l, i);
		const char *prod = x->meta.ref_labels && x->meta.ref_labels[1] ?
		    x->meta.ref_labels[1] : "";

		snprintf(buf, sizeof(buf), "#%lld", (long long)x->meta.id);
		put_cell(buf, 6, 0);
		put_cell(prod, 26, 0);
		snprintf(buf, sizeof(buf), "%lld", (long long)x->quantity);
		put_cell(buf, 6, 1);
		printf(" x ");
		i18n_money(x->price, 1, buf, sizeof(buf));
		put_cell(buf, 12, 1);
		if (x->discount != SO_NULL && x->discount != 0)
			snprintf(buf, sizeof(buf), "-%lld%%",
			    (long long)x->discount);
		else
			buf[0] = '\0';
		put_cell(buf, 6, 1);
		i18n_money(x->amount, 1, buf, sizeof(buf));
		put_cell(buf, 14, 1);
		printf("\n");
		if (x->comment && *x->comment)
			printf("      %s\n", x->comment);
	}
	i18n_money(sum, 1, buf, sizeof(buf));
	printf("%s ", _("Total (the deal's amount):"));
	printf("%s\n", buf);
out:
	rec_list_free(&l);
	store_deal_clear(&d);
	db_close(db);
	return rc;
}

static int
deal_add_line(struct cli *cli, int argc, char **argv)
{
	struct so_err err = { 0 };
	struct deal_line l;
	struct db *db;
	const char *price = NULL, *discount = NULL, *comment = NULL;
	char buf[48];
	int64_t deal, prod;
	int c, rc;

	while ((c = cli_getopt(&command_deal, "add-line", argc, argv)) != -1) {
		switch (c) {
		case OPT_PRICE:
			price = optarg;
			break;
		case OPT_DISCOUNT:
			discount = optarg;
			break;
		case OPT_COMMENT:
			comment = optarg;
			break;
		default:
			return cli_usage("deal");
		}
	}
	if (argc - optind != 3)
		return cli_usage("deal");
	if ((deal = number_of(argv[optind])) == 0) {
		cli_warn(_("deal: \"%s\" is not a deal's number"),
		    argv[optind]);
		return EXIT_USAGE;
	}
	if ((rc = cli_open(cli, 0, 0, &db)) != 0)
		return rc;
	store_deal_line_init(&l);
	if (store_product_find(db, argv[optind + 1], &prod, &err) != SO_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	l.deal_id = deal;
	l.product_id = prod;
	if (field_parse(&entity_deal_line, entity_field(&entity_deal_line,
	    "quantity"), &l, argv[optind + 2], 0, &err) != SO_OK ||
	    (price && field_parse(&entity_deal_line,
	    entity_field(&entity_deal_line, "price"), &l, price, 0, &err) !=
	    SO_OK) ||
	    (discount && field_parse(&entity_deal_line,
	    entity_field(&entity_deal_line, "discount"), &l, discount, 0,
	    &err) != SO_OK) ||
	    (comment && field_parse(&entity_deal_line,
	    entity_field(&entity_deal_line, "comment"), &l, comment, 0,
	    &err) != SO_OK)) {
		cli_warn("deal: %s", err.msg);
		rc = EXIT_USAGE;
		goto out;
	}
	if (store_deal_line_create(db, &l, &err) != SO_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	i18n_money(l.amount, 1, buf, sizeof(buf));
	printf(_("Line #%lld added to deal #%lld: %s\n"),
	    (long long)l.meta.id, (long long)deal, buf);
out:
	store_deal_line_clear(&l);
	db_close(db);
	return rc;
}

static int
deal_delete_line(struct cli *cli, int argc, char **argv)
{
	struct so_err err = { 0 };
	struct db *db;
	int64_t id;
	int rc;

	if (cli_getopt(&command_deal, "delete-line", argc, argv) != -1 ||
	    argc - optind != 1)
		return cli_usage("deal");
	if ((id = number_of(argv[optind])) == 0) {
		cli_warn(_("deal: \"%s\" is not a line's number"),
		    argv[optind]);
		return EXIT_USAGE;
	}
	if ((rc = cli_open(cli, 0, 0, &db)) != 0)
		return rc;
	if (store_deal_line_delete(db, id, &err) != SO_OK)
		rc = cli_fail(&err);
	else
		printf(_("Line #%lld is in the trash\n"), (long long)id);
	db_close(db);
	return rc;
}

static int
cli_deal(struct cli *cli, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "lines") == 0)
		return deal_lines(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "add-line") == 0)
		return deal_add_line(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "delete-line") == 0)
		return deal_delete_line(cli, argc - 1, argv + 1);
	return cli_usage("deal");
}

/* ---- the entry (src/cli/commands.c lists it) ---- */

static const struct cli_form forms[] = {
	{ "lines", NC_("usage", "DEAL") },
	{ "add-line", NC_("usage", "DEAL PRODUCT QUANTITY") },
	{ "delete-line", NC_("usage", "LINE") },
	{ NULL, NULL }
};

static const struct cli_option options[] = {
	{ .name = "price", .val = OPT_PRICE, .arg = NC_("usage", "PRICE"),
	  .form = "add-line",
	  .help = N_("the unit price (default the product's)") },
	{ .name = "discount", .val = OPT_DISCOUNT,
	  .arg = NC_("usage", "PERCENT"), .form = "add-line",
	  .help = N_("a discount in whole percent, 0 to 100") },
	{ .name = "comment", .val = OPT_COMMENT, .arg = NC_("usage", "TEXT"),
	  .form = "add-line", .help = N_("a note on the line") },
	{ 0 }
};

const struct command command_deal = {
	.name = "deal",
	.forms = forms,
	.options = options,
	.summary = N_("a deal's lines: products, quantities, prices"),
	.acl = {
		.manager = CLI_REACH(ACL_READ | ACL_WRITE, ACL_TITLE,
		    ACL_TITLE | ACL_WRITE, 0),
		.head = CLI_REACH(ACL_READ | ACL_WRITE, ACL_READ | ACL_WRITE,
		    ACL_READ | ACL_WRITE, 0),
		.admin = CLI_REACH(ACL_READ | ACL_WRITE, ACL_READ | ACL_WRITE,
		    ACL_READ | ACL_WRITE, 0),
	},
	.access = N_("a deal's lines are the deal's: a manager reads those of "
	    "their own deals and changes those of their own and nobody's; a "
	    "head of sales or an administrator, every deal's"),
	.run = cli_deal,
};
