/*
 * libFuzzer target: CSV files (include/exchange/csvimport.h), the encoding
 * detection included.  The first byte is the options, the rest the file:
 *
 *	bits 0-2  encoding: 0-4 auto, UTF-8, CP1251, UTF-16LE, UTF-16BE;
 *		  5-7 auto too, and an import with skip_bad,
 *		  create_missing and on duplicate update
 *	bits 3-4  separator: detected, ';', ',', tab
 *	bit  7    0: csv_read alone on an fmemopen'd stream;
 *		  1: csv_import_mem, rolled back after the run (fuzz.h),
 *	bits 5-6  into companies, contacts, payments or tasks
 */
#include <stdio.h>

#include "exchange/csvimport.h"
#include "exchange/import.h"
#include "fuzz.h"
#include "store/entities.h"

static int
each_row(void *arg, size_t where, char **cells, size_t n, int bad,
    const char *why)
{
	size_t i, *total = arg;

	(void)where, (void)bad, (void)why;
	for (i = 0; i < n; i++)
		*total += cells[i][0] != '\0';
	return 0;
}

static void
read_only(const char *buf, size_t len, enum csv_encoding enc, char sep)
{
	struct csv_read cr = { .encoding = enc, .sep = sep,
	    .total = (long long)len };
	struct so_err err = { 0 };
	size_t cells = 0;
	FILE *fp;

	/* fmemopen refuses an empty buffer, as import.c says */
	if (len == 0 || (fp = fmemopen((void *)buf, len, "rb")) == NULL)
		return;
	csv_read(fp, "fuzz.csv", &cr, each_row, &cells, &err);
	fclose(fp);
}

static void
import(const char *buf, size_t len, enum csv_encoding enc, char sep,
    int lenient, unsigned ent)
{
	static const struct entity *const ents[] = { &entity_company,
	    &entity_contact, &entity_payment, &entity_task };
	struct import_opts o = { .encoding = enc, .sep = sep };
	struct import_stats st = { 0 };
	struct so_err err = { 0 };
	struct db *db = fuzz_begin();

	if (lenient) {
		o.skip_bad = 1;
		o.create_missing = 1;
		o.on_duplicate = DUP_UPDATE;
	}
	csv_import_mem(db, ents[ent & 3], "fuzz.csv", buf, len, &o, &st,
	    &err);
	fuzz_end(db);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char seps[] = { 0, ';', ',', '\t' };
	enum csv_encoding enc;
	char sep;

	if (size < 1)
		return 0;
	fuzz_setup();
	enc = (data[0] & 7) <= CSV_ENC_UTF16BE ? (enum csv_encoding)(data[0] & 7)
	    : CSV_ENC_AUTO;
	sep = seps[data[0] >> 3 & 3];
	if ((data[0] & 0x80) == 0)
		read_only((const char *)data + 1, size - 1, enc, sep);
	else
		import((const char *)data + 1, size - 1, enc, sep,
		    (data[0] & 7) > CSV_ENC_UTF16BE, data[0] >> 5);
	return 0;
}
