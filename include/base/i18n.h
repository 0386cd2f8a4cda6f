/*
 * The interface's language: GNU gettext, text domain "salesorg".
 *
 * Every string a person reads is marked: _("...") where it is used,
 * N_("...") in a static table (translated with _() where it is shown),
 * P_(one, many, n) for a count ("1 звонок, 2 звонка, 5 звонков"),
 * C_(context, "...") where one English word has two Russian ones,
 * NC_(context, "...") for such a word in a static table (the entity
 * descriptors' labels, whose context is the entity's name).
 * xgettext collects them into po/salesorg.pot (make pot); po/ru.po is the
 * Russian catalogue, checked complete by make check-po.  What a program
 * reads (SQL, CSV column keys, iCalendar and vCard, config keys, command
 * and option names, the audit log's actions) is never marked.
 *
 * The language follows the locale (LANG, LC_ALL, LC_MESSAGES, LANGUAGE);
 * English, the msgids themselves, is the default.
 */
#ifndef BASE_I18N_H
#define BASE_I18N_H

#include <libintl.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define _(s)		gettext(s)
#define N_(s)		(s)
#define P_(s, p, n)	ngettext((s), (p), (n))
#define C_(c, s)	i18n_pgettext(c "\004" s, s)
/* In a static table, with a context (translated with i18n_cgettext). */
#define NC_(c, s)	(s)

/* After setlocale(LC_ALL, ""): binds the text domain to the catalogues'
 * directory (SALESORG_LOCALEDIR overrides it, for running from the source
 * tree, unless the process is setgid). */
void	 i18n_init(void);
/*
 * Messages from now on in lang, "ru" or "en" (a report printed in the
 * reader's language from any terminal).  0, or -1 for a language there
 * is no catalogue of (nothing changes).
 */
int	 i18n_set_lang(const char *lang);
/* The language messages are in now: "ru" or "en". */
const char *i18n_lang(void);
/* gettext of "context\004msgid", msgid itself when untranslated. */
const char *i18n_pgettext(const char *ctx_id, const char *id);
/* The same with the context given at run time (NC_ strings). */
const char *i18n_cgettext(const char *ctx, const char *id);

/*
 * Dates and money in the language of the messages (i18n_lang), for what
 * a person reads: the screen, text, HTML and PDF reports, the journal.
 *   i18n_date_long   "Saturday, 5 December 2026"  "суббота, 5 декабря 2026"
 *   i18n_date_day    "Saturday 5 December"        "суббота 5 декабря"
 *   i18n_date_short  "2026-12-05"                 "05.12.2026"
 *   i18n_weekday     "Saturday"                   "суббота"   (0 Sunday)
 *   i18n_weekday_abbr "Sat"                       "сб"
 *   i18n_month       "December"                   "декабрь"   (0 January)
 *   i18n_money       "1 234 567.50"               "1 234 567,50"
 * The dates are of the local time t; money is in minor units (kopecks),
 * grouped by thousands with a space, the decimals always when cents,
 * else only when not whole.
 */
void	 i18n_date_long(time_t t, char *out, size_t sz);
void	 i18n_date_day(time_t t, char *out, size_t sz);
void	 i18n_date_short(time_t t, char *out, size_t sz);
const char *i18n_weekday(int wday);
const char *i18n_weekday_abbr(int wday);
const char *i18n_month(int mon);
void	 i18n_money(int64_t minor, int cents, char *out, size_t sz);
/* The decimal sign of the messages' language: "." or ",". */
const char *i18n_decimal_sign(void);

#endif
