/*
 * What the reports share: the table of reports (added when the builders
 * land) and how money is written on paper.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

/*
 * 123456789 -> "1 234 567.89": groups of three split by a space, the
 * way Russian forms write sums (a no-break space would confuse a
 * spreadsheet reading the CSV), and always two decimals.
 */
void
report_money(int64_t minor, char *buf, size_t size)
{
	char digits[32], out[48];
	uint64_t u;
	size_t n, i, o = 0;

	u = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;
	snprintf(digits, sizeof(digits), "%" PRIu64, u / 100);
	n = strlen(digits);
	if (minor < 0)
		out[o++] = '-';
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ' ';
		out[o++] = digits[i];
	}
	snprintf(out + o, sizeof(out) - o, ".%02u", (unsigned)(u % 100));
	snprintf(buf, size, "%s", out);
}
