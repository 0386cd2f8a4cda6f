/*
 * libFuzzer target: an iCalendar file imported (include/exchange/ical.h).  The
 * whole input is the file: ical_import_mem scans it line by line (UTF-8,
 * line length, BEGIN/END depth) and hands each top-level component to
 * libical, then writes events and tasks into the fixture database.  The
 * transaction is rolled back after every run (fuzz.h), so each input
 * meets an empty calendar.
 */
#include "exchange/ical.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ical_stats st = { 0 };
	struct so_err err = { 0 };
	struct db *db = fuzz_begin();

	ical_import_mem(db, "fuzz.ics", (const char *)data, size, &st, &err);
	fuzz_end(db);
	return 0;
}
