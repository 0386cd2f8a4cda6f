/*
 * libFuzzer target: .ods spreadsheets (include/exchange/sheet.h), as
 * fuzz_xlsx does .xlsx: the whole input is the file, written to a
 * scratch file in /dev/shm each run (fuzz.h).  ods_sheet_names reads
 * content.xml for the tables' names; ods_read then reads the first
 * sheet (repeats, value types, text:s and the rest) and, when there are
 * several, the last one by name.
 */
#include "exchange/sheet.h"
#include "fuzz.h"

static int
each_row(void *arg, size_t row, char **cells, size_t n)
{
	size_t i, *total = arg;

	(void)row;
	for (i = 0; i < n; i++)
		*total += cells[i][0] != '\0';
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet_opts o = { 0 };
	struct so_err err = { 0 };
	const char *path = fuzz_file(data, size, ".ods");
	char **names = NULL;
	size_t n = 0, cells = 0;

	sheet_file_kind(path);
	if (ods_sheet_names(path, &names, &n, &err) == SO_OK && n > 1)
		o.sheet = names[n - 1];
	ods_read(path, "fuzz.ods", NULL, each_row, &cells, &err);
	if (o.sheet)
		ods_read(path, "fuzz.ods", &o, each_row, &cells, &err);
	sheet_names_free(names, n);
	return 0;
}
