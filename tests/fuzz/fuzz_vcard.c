/*
 * libFuzzer target: vCard files (include/exchange/vcard.h).  The first byte picks
 * the layer, the rest is the file:
 *
 *	0  the syntax and the mapping: vcard_parse_each, then for each card
 *	   vcard_to_contact and every value split and unescaped
 *	1  vcard_import_mem, a bad card stopping the import
 *	2  vcard_import_mem with skip_bad (bad cards left out)
 *	3  vcard_parse, every card kept in a list
 *
 * Imports run in a transaction rolled back after each run (fuzz.h).
 */
#include <stdlib.h>

#include "exchange/vcard.h"
#include "fuzz.h"

static int
each_card(void *arg, struct vcard *card)
{
	struct contact_patch p;
	struct so_err err = { 0 };
	char **parts;
	size_t i, n;

	(void)arg;
	for (i = 0; i < card->nprops; i++) {
		free(vcard_unescape(card->props[i].value));
		n = vcard_split(card->props[i].value, ';', &parts);
		vcard_parts_free(parts, n);
		vcard_has_type(&card->props[i], "work");
		vcard_param(&card->props[i], "TYPE");
	}
	if (card->bad)
		return SO_OK;
	contact_patch_init(&p);
	vcard_to_contact("fuzz.vcf", card, &p, &err);
	contact_patch_clear(&p);
	return SO_OK;
}

static void
import(const char *buf, size_t len, int skip_bad)
{
	struct vcard_opts opts = { .skip_bad = skip_bad };
	struct vcard_stats st = { 0 };
	struct so_err err = { 0 };
	struct db *db = fuzz_begin();

	vcard_import_mem(db, "fuzz.vcf", buf, len, &opts, &st, &err);
	fuzz_end(db);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vcard_list l = { 0 };
	struct so_err err = { 0 };
	const char *buf = (const char *)data + 1;

	if (size < 1)
		return 0;
	fuzz_setup();
	switch (data[0] & 3) {
	case 0:
		vcard_parse_each("fuzz.vcf", buf, size - 1, each_card, NULL,
		    &err);
		break;
	case 1:
	case 2:
		import(buf, size - 1, (data[0] & 3) == 2);
		break;
	case 3:
		vcard_parse("fuzz.vcf", buf, size - 1, &l, &err);
		vcard_list_free(&l);
		break;
	}
	return 0;
}
