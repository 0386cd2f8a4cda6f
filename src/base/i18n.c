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
#include <locale.h>
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
