/*
 * libFuzzer target: natural dates (include/base/datetime.h).  The whole input
 * is the text; it is read both as a moment (dt_parse_moment) and as a
 * calendar date (dt_parse_date), relative to the fixed FUZZ_NOW (a
 * Saturday, 08:00 Moscow: "пт 10:00" is next Friday, "+2d" Monday).
 * What parses must be a real date: the date form passes dt_valid_date
 * and the moment formats and reads back to itself at minute precision.
 */
#include <stdio.h>
#include <stdlib.h>

#include "base/datetime.h"
#include "fuzz.h"

static void
check(int ok, const char *what, const char *text)
{
	if (!ok) {
		fprintf(stderr, "%s: \"%s\"\n", what, text);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char msg[256], date[11], shown[17], *text;
	time_t t, back;

	fuzz_setup();
	text = fuzz_text(data, size);
	if (dt_parse_date(text, FUZZ_NOW, date, msg, sizeof(msg)) == 0)
		check(dt_valid_date(date), "a date that is not one", text);
	if (dt_parse_moment(text, FUZZ_NOW, &t, msg, sizeof(msg)) == 0) {
		dt_format_moment(t, shown);
		dt_day_start(t);
		/* years past 9999 do not fit the form; they are not read
		 * back */
		if (shown[16] == '\0' && shown[4] == '-' &&
		    dt_parse_moment(shown, FUZZ_NOW, &back, msg,
		    sizeof(msg)) == 0)
			check(back == t - t % 60 || back / 60 == t / 60,
			    "a moment that does not read back", text);
	}
	free(text);
	return 0;
}
