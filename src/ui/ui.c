/*
 * The services every screen uses (include/ui/ui.h): reading a key, the
 * status-line message, live refresh, redrawing the main screen behind a
 * dialog, the too-small notice.  The bottom line as an input (prompts,
 * y/n, menus) is prompt.c.
 *
 * They used to live in app.c, so every screen called up into the main
 * loop that calls it.  Now the main loop is one client among the
 * screens: while it runs it attaches its database and two hooks (draw
 * the main screen; reload it), and these services reach it only through
 * them.  With nothing attached, ui_redraw draws nothing and no commits
 * are looked for.
 *
 * Live refresh: while ui_getkey waits it looks at PRAGMA data_version
 * every POLL_MS; when another process has committed, the generation
 * counts it, the main screen reloads, and the key returned is
 * KEY_RESIZE, on which every screen's loop redraws already.
 */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/util.h"

#include "base/i18n.h"
#include "base/utf8.h"
#include "ui/draw.h"
#include "ui/ui.h"

#define POLL_MS		1000	/* how often to look for others' commits */

static char	 msg[UI_MESSAGE_MAX];
static struct db *db;
static struct ui_host host;
static int64_t	 data_version;
static unsigned	 generation;	/* others' commits seen */
static int	 quitting;	/* ui_quit: every screen is closing */
static unsigned	 msg_serial;	/* ui_message calls so far */

/* A write waiting for another's lock says so on the bottom line rather
 * than seem hung; its message stays until the next key. */
static void
wait_hook(void *arg, long long waited_ms)
{
	char line[320];

	(void)arg;
	if (waited_ms < 0 || LINES < 1)
		return;
	snprintf(line, sizeof(line), _("Waiting for another user's write to "
	    "finish (%lld s); nothing is lost meanwhile"), waited_ms / 1000);
	ui_draw_status(line, UA_WARN);
	refresh();
}

void
ui_attach(struct db *d, const struct ui_host *h)
{
	db = d;
	db_set_wait_hook(d, wait_hook, NULL);
	host = *h;
	data_version = db_data_version(d);
	generation = 0;
	quitting = 0;
}

void
ui_quit(void)
{
	quitting = 1;
}

int
ui_quitting(void)
{
	return quitting;
}

const char *
ui_status_line(const char *own)
{
	if (own != NULL && *own != '\0')
		return own;
	return *msg != '\0' ? msg : NULL;
}

int
ui_global_key(wint_t ch, int keycode)
{
	if (keycode)
		return 0;
	switch (ch) {
	case '?':
		if (host.help)
			host.help();
		return 1;
	case ':':
		if (host.command)
			host.command();
		return 1;
	case 'Q':
	case L'Й':		/* Q on the Russian layout */
	case 3:			/* ^C */
		ui_quit();
		return 1;
	case 'L' & 0x1f:
		clearok(curscr, TRUE);
		return 1;
	default:
		return 0;
	}
}

void
ui_detach(void)
{
	if (db)
		db_set_wait_hook(db, NULL, NULL);
	db = NULL;
	host = (struct ui_host){ 0 };
}

void
ui_message(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	msg_serial++;
}

const char *
ui_message_text(void)
{
	return msg;
}

void
ui_message_clear(void)
{
	msg[0] = '\0';
}

int
ui_data_changed(void)
{
	int64_t v;

	if (db == NULL || (v = db_data_version(db)) == data_version)
		return 0;
	data_version = v;
	generation++;
	if (host.reload)
		host.reload(1);
	return 1;
}

unsigned
ui_data_generation(void)
{
	return db ? generation : 0;
}

/*
 * Waits in steps of POLL_MS, looking for others' commits between them,
 * so every screen with its own key loop (a form, a prompt, the
 * pipeline, the reports) shows their changes within a second or two
 * without a key press: the change comes back as KEY_RESIZE, on which
 * every loop redraws already.
 */
int
ui_getkey(wint_t *ch, int *keycode, int timeout_ms)
{
	int rc, waited = 0, step;
	unsigned serial;

	/* What was left for after the paint, unless the user is typing
	 * ahead (then it waits for the next pause). */
	if (host.idle && !ui_key_pending() && host.idle()) {
		*ch = KEY_RESIZE;
		*keycode = 1;
		return 1;
	}
	for (;;) {
		step = timeout_ms < 0 || timeout_ms > POLL_MS ? POLL_MS :
		    timeout_ms;
		timeout(step);
		rc = get_wch(ch);
		if (rc != ERR) {
			*keycode = rc == KEY_CODE_YES;
			return 1;
		}
		/* The screen's next draw shows others' changes, and what
		 * the tick said (a reminder), whatever screen it is. */
		serial = msg_serial;
		if (host.tick)
			host.tick();
		if (ui_data_changed() || serial != msg_serial) {
			*ch = KEY_RESIZE;
			*keycode = 1;
			return 1;
		}
		waited += step;
		if (timeout_ms >= 0 && waited >= timeout_ms)
			return 0;
	}
}

int
ui_too_small(void)
{
	char buf[192];
	const char *p;
	size_t next;
	int y;

	if (COLS >= UI_MIN_COLS && LINES >= UI_MIN_LINES)
		return 0;
	erase();
	snprintf(buf, sizeof(buf), _("Terminal too small (%dx%d); "
	    "salesorg needs %dx%d."), COLS, LINES, UI_MIN_COLS, UI_MIN_LINES);
	/* wrapped: a narrow terminal still reads it whole */
	for (y = 0, p = buf; *p && y < LINES; y++, p += next)
		mvaddnstr(y, 0, p, (int)utf8_wrap(p, COLS, &next));
	refresh();
	return 1;
}

void
ui_redraw(void)
{
	if (host.draw)
		host.draw();
}

/*
 * The bytes of s (from its start) that fit cols, ended at a space when
 * there is one in the second half: whole words on a wrapped line.
 */
static size_t
fit_words(const char *s, int cols)
{
	size_t cut = utf8_fit(s, cols, NULL), sp;

	if (s[cut] == '\0')
		return cut;
	for (sp = cut; sp > cut / 2; sp--)
		if (s[sp] == ' ')
			return sp;
	return cut;
}

int
ui_draw_status(const char *text, int attr)
{
	const char *p = text;
	size_t cut[UI_STATUS_ROWS];
	int n = 0, i, y;

	/* the lines, top to bottom, at most UI_STATUS_ROWS */
	while (n < UI_STATUS_ROWS) {
		cut[n++] = fit_words(p, COLS);
		p += cut[n - 1];
		p += strspn(p, " ");
		if (*p == '\0')
			break;
	}
	y = LINES - n;
	for (p = text, i = 0; i < n; i++) {
		char line[UI_MESSAGE_MAX];

		snprintf(line, sizeof(line), "%.*s", (int)cut[i], p);
		draw_fill(y + i, 0, 1, COLS, (enum ui_attr)attr);
		draw_text(y + i, 0, COLS, line, (enum ui_attr)attr);
		p += cut[i];
		p += strspn(p, " ");
	}
	return n;
}

/*
 * One plural per card file: "1 company, 2 companies" is in Russian
 * "1 компания, 2 компании, 5 компаний", which no label and plural
 * glued to a number can say.
 */
char *
ui_count_records(const struct entity *ent, long long n)
{
	unsigned long k = n < 0 ? 0 : (unsigned long)n;
	const char *fmt = NULL, *name = ent->name;
	char *s, *p;

	if (strcmp(name, "company") == 0)
		fmt = P_("%lld company", "%lld companies", k);
	else if (strcmp(name, "contact") == 0)
		fmt = P_("%lld contact", "%lld contacts", k);
	else if (strcmp(name, "task") == 0)
		fmt = P_("%lld task", "%lld tasks", k);
	else if (strcmp(name, "note") == 0)
		fmt = P_("%lld note", "%lld notes", k);
	else if (strcmp(name, "link") == 0)
		fmt = P_("%lld link", "%lld links", k);
	else if (strcmp(name, "event") == 0)
		fmt = P_("%lld event", "%lld events", k);
	else if (strcmp(name, "deal") == 0)
		fmt = P_("%lld deal", "%lld deals", k);
	else if (strcmp(name, "payment") == 0)
		fmt = P_("%lld payment", "%lld payments", k);
	else if (strcmp(name, "program") == 0)
		fmt = P_("%lld program", "%lld programs", k);
	else if (strcmp(name, "member") == 0)
		fmt = P_("%lld program member", "%lld program members", k);
	if (fmt != NULL)
		return xasprintf(fmt, n);
	/* a card file without its own: the label in a sentence */
	s = xasprintf("%lld %s", n, n == 1 ? entity_label(ent) :
	    entity_plural(ent));
	p = strchr(s, ' ') + 1;
	if (*p >= 'A' && *p <= 'Z')
		*p += 'a' - 'A';
	return s;
}
