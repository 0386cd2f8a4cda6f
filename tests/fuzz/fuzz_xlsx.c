/*
 * libFuzzer target: .xlsx workbooks (include/exchange/sheet.h).  The whole input
 * is the file: the readers take a path, so it is written to a scratch
 * file in /dev/shm each run (fuzz.h) rather than adding an in-memory
 * entry point to the product.  xlsx_sheet_names reads the workbook and
 * its relationships; xlsx_read then reads the first sheet (the styles,
 * the shared strings and the sheet's XML) and, when there are several,
 * the last one by name.
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
	const char *path = fuzz_file(data, size, ".xlsx");
	char **names = NULL;
	size_t n = 0, cells = 0;

	sheet_file_kind(path);
	if (xlsx_sheet_names(path, &names, &n, &err) == SO_OK && n > 1)
		o.sheet = names[n - 1];
	xlsx_read(path, "fuzz.xlsx", NULL, each_row, &cells, &err);
	if (o.sheet)
		xlsx_read(path, "fuzz.xlsx", &o, each_row, &cells, &err);
	sheet_names_free(names, n);
	return 0;
}
