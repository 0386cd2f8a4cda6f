/*
 * The interface's language (base/i18n.h).
 *
 * Switching the language at run time (--lang) sets LANGUAGE, which GNU
 * gettext reads at each lookup and honours unless the messages' locale
 * is "C" (then the messages' locale becomes C.UTF-8, which it honours),
 * and sets the text domain again, which empties gettext's cache of
 * translations.  Which language is in effect is the catalogue's own
 * answer: the translation of the msgid "en" in the context "language
 * code", so a missing catalogue means English throughout, numbers and
 * dates included, never half of each.
 */
#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/priv.h"

#define DOMAIN	"salesorg"

#ifndef LOCALEDIR
#define LOCALEDIR	"/usr/local/share/locale"
#endif

void
i18n_init(void)
{
	const char *dir = getenv("SALESORG_LOCALEDIR");

	if (dir == NULL || *dir != '/' || priv_privileged())
		dir = LOCALEDIR;
	bindtextdomain(DOMAIN, dir);
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	textdomain(DOMAIN);
}

const char *
i18n_pgettext(const char *ctx_id, const char *id)
{
	const char *t = gettext(ctx_id);

	return t == ctx_id ? id : t;
}

const char *
i18n_cgettext(const char *ctx, const char *id)
{
	char buf[256];
	size_t lc = strlen(ctx), li = strlen(id);
	const char *t;

	if (lc + li + 2 > sizeof(buf))
		return id;
	memcpy(buf, ctx, lc);
	buf[lc] = '\004';
	memcpy(buf + lc + 1, id, li + 1);
	t = gettext(buf);
	return t == buf ? id : t;
}

const char *
i18n_lang(void)
{
	/* TRANSLATORS: the catalogue's language code, "ru" in ru.po. */
	const char *code = C_("language code", "en");

	return strcmp(code, "ru") == 0 ? "ru" : "en";
}

int
i18n_set_lang(const char *lang)
{
	const char *cur, *msg;
	char *was = NULL, *was_msg = NULL;
	int rc = 0;

	if (strcmp(lang, "en") != 0 && strcmp(lang, "ru") != 0)
		return -1;
	if ((cur = getenv("LANGUAGE")) != NULL)
		was = strdup(cur);
	if ((msg = setlocale(LC_MESSAGES, NULL)) != NULL)
		was_msg = strdup(msg);
	if (msg == NULL || strcmp(msg, "C") == 0 || strcmp(msg, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	setenv("LANGUAGE", lang, 1);
	textdomain(DOMAIN);
	if (strcmp(i18n_lang(), lang) != 0) {
		/* No catalogue: as it was. */
		if (was)
			setenv("LANGUAGE", was, 1);
		else
			unsetenv("LANGUAGE");
		if (was_msg)
			setlocale(LC_MESSAGES, was_msg);
		textdomain(DOMAIN);
		rc = -1;
	}
	free(was);
	free(was_msg);
	return rc;
}

/* ---- dates and money ---- */

const char *
i18n_weekday(int wday)
{
	switch (wday) {
	case 0: return _("Sunday");
	case 1: return _("Monday");
	case 2: return _("Tuesday");
	case 3: return _("Wednesday");
	case 4: return _("Thursday");
	case 5: return _("Friday");
	default: return _("Saturday");
	}
}

const char *
i18n_weekday_abbr(int wday)
{
	switch (wday) {
	case 0: return C_("weekday", "Sun");
	case 1: return C_("weekday", "Mon");
	case 2: return C_("weekday", "Tue");
	case 3: return C_("weekday", "Wed");
	case 4: return C_("weekday", "Thu");
	case 5: return C_("weekday", "Fri");
	default: return C_("weekday", "Sat");
	}
}

const char *
i18n_month(int mon)
{
	switch (mon) {
	case 0: return C_("month", "January");
	case 1: return C_("month", "February");
	case 2: return C_("month", "March");
	case 3: return C_("month", "April");
	case 4: return C_("month", "May");
	case 5: return C_("month", "June");
	case 6: return C_("month", "July");
	case 7: return C_("month", "August");
	case 8: return C_("month", "September");
	case 9: return C_("month", "October");
	case 10: return C_("month", "November");
	default: return C_("month", "December");
	}
}

/* A month after a day's number: "5 декабря", the genitive in Russian. */
static const char *
month_in_date(int mon)
{
	switch (mon) {
	case 0: return C_("in a date", "January");
	case 1: return C_("in a date", "February");
	case 2: return C_("in a date", "March");
	case 3: return C_("in a date", "April");
	case 4: return C_("in a date", "May");
	case 5: return C_("in a date", "June");
	case 6: return C_("in a date", "July");
	case 7: return C_("in a date", "August");
	case 8: return C_("in a date", "September");
	case 9: return C_("in a date", "October");
	case 10: return C_("in a date", "November");
	default: return C_("in a date", "December");
	}
}

static void
local(time_t t, struct tm *tm)
{
	if (localtime_r(&t, tm) == NULL)
		memset(tm, 0, sizeof(*tm));
}

void
i18n_date_long(time_t t, char *out, size_t sz)
{
	struct tm tm;

	local(t, &tm);
	/* TRANSLATORS: weekday, day, month in a date, year: "Saturday, 5
	 * December 2026". */
	snprintf(out, sz, _("%s, %d %s %d"), i18n_weekday(tm.tm_wday),
	    tm.tm_mday, month_in_date(tm.tm_mon), tm.tm_year + 1900);
}

void
i18n_date_day(time_t t, char *out, size_t sz)
{
	struct tm tm;

	local(t, &tm);
	/* TRANSLATORS: weekday, day, month in a date: "Saturday 5
	 * December". */
	snprintf(out, sz, _("%s %d %s"), i18n_weekday(tm.tm_wday),
	    tm.tm_mday, month_in_date(tm.tm_mon));
}

void
i18n_date_short(time_t t, char *out, size_t sz)
{
	struct tm tm;

	local(t, &tm);
	if (strcmp(i18n_lang(), "ru") == 0)
		snprintf(out, sz, "%02d.%02d.%04d", tm.tm_mday, tm.tm_mon + 1,
		    tm.tm_year + 1900);
	else
		snprintf(out, sz, "%04d-%02d-%02d", tm.tm_year + 1900,
		    tm.tm_mon + 1, tm.tm_mday);
}

const char *
i18n_decimal_sign(void)
{
	return strcmp(i18n_lang(), "ru") == 0 ? "," : ".";
}

void
i18n_money(int64_t minor, int cents, char *out, size_t sz)
{
	uint64_t a = minor < 0 ? (uint64_t)0 - (uint64_t)minor :
	    (uint64_t)minor;
	char digits[32], grouped[48];
	size_t len, i, j = 0;

	len = (size_t)snprintf(digits, sizeof(digits), "%" PRIu64, a / 100);
	if (minor < 0)
		grouped[j++] = '-';
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			grouped[j++] = ' ';
		grouped[j++] = digits[i];
	}
	grouped[j] = '\0';
	if (cents || a % 100)
		snprintf(out, sz, "%s%s%02u", grouped, i18n_decimal_sign(),
		    (unsigned)(a % 100));
	else
		snprintf(out, sz, "%s", grouped);
}
