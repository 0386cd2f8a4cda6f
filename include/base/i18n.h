/*
 * The interface's language: GNU gettext, text domain "salesorg".
 *
 * Every string a person reads is marked: _("...") where it is used,
 * N_("...") in a static table (translated with _() where it is shown),
 * P_(one, many, n) for a count ("1 звонок, 2 звонка, 5 звонков"),
 * C_(context, "...") where one English word has two Russian ones.
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

#define _(s)		gettext(s)
#define N_(s)		(s)
#define P_(s, p, n)	ngettext((s), (p), (n))
#define C_(c, s)	i18n_pgettext(c "\004" s, s)

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

#endif
