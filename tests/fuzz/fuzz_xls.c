/*
 * libFuzzer target: legacy .xls workbooks (BIFF in an OLE2 compound
 * document, read through FreeXL; include/exchange/sheet.h).  The whole input is
 * the file: FreeXL opens a path only, so it is written to a scratch
 * file in /dev/shm each run (fuzz.h).  xls_sheet_names lists the sheets FreeXL
 * finds; xls_read then reads the first sheet's cells and, when there
 * are several, the last one by name.
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
	const char *path = fuzz_file(data, size, ".xls");
	char **names = NULL;
	size_t n = 0, cells = 0;

	sheet_file_kind(path);
	if (xls_sheet_names(path, &names, &n, &err) == SO_OK && n > 1)
		o.sheet = names[n - 1];
	xls_read(path, "fuzz.xls", NULL, each_row, &cells, &err);
	if (o.sheet)
		xls_read(path, "fuzz.xls", &o, each_row, &cells, &err);
	sheet_names_free(names, n);
	return 0;
}
