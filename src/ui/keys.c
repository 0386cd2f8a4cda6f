/*
 * The key-binding table.  Order matters twice: the first match wins in
 * dispatch, and help lists bindings in this order.  Several keys may map
 * to one action (arrows and vi keys); help shows each.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "store/acl.h"
#include "ui/keys.h"

#define CTRL(c)	((c) & 0x1f)

/* ui_key_hints_except takes a set of actions in 64 bits. */
_Static_assert(ACT_LAST < 64, "too many actions for ACT_BIT");

/*
 * The help and hint texts are marked N_() and translated where they are
 * shown (help_screen, ui_key_hints_except); the keys' names are the
 * keys' own, the same on every keyboard, and the man page's.
 */
const struct binding ui_bindings[] = {
	/* TRANSLATORS: the status bar's hints ("help", "search", "open")
	 * are one short word each: the whole line is 80 columns. */
	{ '?', 0, CTX_ALL, ACT_HELP, "?", N_("this help"), N_("help") },
	{ ':', 0, CTX_ALL, ACT_COMMAND, ":",
	    N_("the command line: the : commands below"), NULL },
	{ 'q', 0, CTX_ALL, ACT_BACK, "q",
	    N_("back (to the list, to the previous card); quit from the list"),
	    NULL },
	{ KEY_BACKSPACE, 1, CTX_ALL, ACT_BACK, "Backspace", N_("back"), NULL },
	{ 127, 0, CTX_ALL, ACT_BACK, NULL, NULL, NULL },
	{ 27, 0, CTX_CARD | CTX_TRASH | CTX_AGENDA, ACT_BACK, "Esc",
	    N_("back to the list"), NULL },
	{ 'A', 0, CTX_ALL, ACT_AGENDA, "A",
	    N_("the agenda: overdue items, today's calls, meetings, tasks, "
	    "birthdays"), NULL },
	{ 'Q', 0, CTX_ALL, ACT_QUIT, "Q", N_("quit at once"), NULL },
	{ '\t', 0, CTX_LIST | CTX_TRASH, ACT_TAB_NEXT, "Tab",
	    N_("next card file"), NULL },
	{ KEY_BTAB, 1, CTX_LIST | CTX_TRASH, ACT_TAB_PREV, "Shift-Tab",
	    N_("previous card file"), NULL },
	{ '1', 0, CTX_ALL, ACT_TAB1, "1", N_("Companies"), NULL },
	{ '2', 0, CTX_ALL, ACT_TAB2, "2", N_("Contacts"), NULL },
	{ '3', 0, CTX_ALL, ACT_TAB3, "3", N_("Tasks"), NULL },
	{ '4', 0, CTX_ALL, ACT_TAB4, "4", N_("Notes"), NULL },
	{ '5', 0, CTX_ALL, ACT_TAB5, "5", N_("Links"), NULL },
	{ '6', 0, CTX_ALL, ACT_TAB6, "6", N_("Events"), NULL },
	{ '7', 0, CTX_ALL, ACT_TAB7, "7", N_("Deals"), NULL },
	{ '8', 0, CTX_ALL, ACT_TAB8, "8", N_("Payments"), NULL },
	{ '9', 0, CTX_ALL, ACT_TAB9, "9", N_("Programs"), NULL },
	{ KEY_UP, 1, CTX_ALL, ACT_UP, "Up, k", N_("previous row"), NULL },
	{ 'k', 0, CTX_ALL, ACT_UP, NULL, NULL, NULL },
	{ KEY_DOWN, 1, CTX_ALL, ACT_DOWN, "Down, j", N_("next row"), NULL },
	{ 'j', 0, CTX_ALL, ACT_DOWN, NULL, NULL, NULL },
	{ KEY_PPAGE, 1, CTX_ALL, ACT_PAGE_UP, "PgUp, ^B", N_("page up"), NULL },
	{ CTRL('b'), 0, CTX_ALL, ACT_PAGE_UP, NULL, NULL, NULL },
	/* before Space's page down: in a list it marks */
	{ ' ', 0, CTX_LIST, ACT_MARK, "Space",
	    N_("mark or unmark the row (:merge mails the marked rows)"),
	    NULL },
	{ 'U', 0, CTX_LIST, ACT_UNMARK, "U", N_("unmark every row"), NULL },
	{ KEY_NPAGE, 1, CTX_ALL, ACT_PAGE_DOWN, "PgDn, ^F, Space",
	    N_("page down"), NULL },
	{ CTRL('f'), 0, CTX_ALL, ACT_PAGE_DOWN, NULL, NULL, NULL },
	{ ' ', 0, CTX_CARD | CTX_TRASH | CTX_AGENDA, ACT_PAGE_DOWN, NULL,
	    NULL, NULL },
	{ 'g', 0, CTX_ALL, ACT_SEARCH, "g",
	    N_("global search: every card file, as you type"), N_("search") },
	{ KEY_HOME, 1, CTX_ALL, ACT_HOME, "Home", N_("first row"), NULL },
	{ KEY_END, 1, CTX_ALL, ACT_END, "End, G", N_("last row"), NULL },
	{ 'G', 0, CTX_ALL, ACT_END, NULL, NULL, NULL },
	{ '\n', 0, CTX_LIST | CTX_CARD | CTX_AGENDA, ACT_OPEN, "Enter",
	    N_("open the card / the linked record"), N_("open") },
	{ '\r', 0, CTX_LIST | CTX_CARD | CTX_AGENDA, ACT_OPEN, NULL, NULL,
	    NULL },
	{ KEY_ENTER, 1, CTX_LIST | CTX_CARD | CTX_AGENDA, ACT_OPEN, NULL, NULL,
	    NULL },
	{ 'd', 0, CTX_AGENDA, ACT_DONE, "d, x",
	    N_("agenda: done - pick the result, comment, plan the next "
	    "contact"),
	    N_("done") },
	{ 'x', 0, CTX_AGENDA, ACT_DONE, NULL, NULL, NULL },
	{ 'n', 0, CTX_AGENDA, ACT_PLAN_NEXT, "n",
	    N_("agenda: plan the next contact with the same people"),
	    N_("next") },
	{ 'z', 0, CTX_AGENDA, ACT_SNOOZE, "z",
	    N_("agenda: remind again (10 minutes, 1 hour, the next working "
	    "morning, next week); the item stays"),
	    N_("snooze") },
	{ 'r', 0, CTX_AGENDA, ACT_RESCHEDULE, "r",
	    N_("agenda: reschedule to another day and time"), N_("move") },
	{ 'u', 0, CTX_AGENDA, ACT_UNDO, "u",
	    N_("agenda: undo the last done, move, snooze or next contact"),
	    NULL },
	{ KEY_RIGHT, 1, CTX_CARD, ACT_SUB_NEXT, "Right, l, ]",
	    N_("next section of the card"), NULL },
	{ 'l', 0, CTX_CARD, ACT_SUB_NEXT, NULL, NULL, NULL },
	{ ']', 0, CTX_CARD, ACT_SUB_NEXT, NULL, NULL, NULL },
	{ KEY_LEFT, 1, CTX_CARD, ACT_SUB_PREV, "Left, h, [",
	    N_("previous section of the card"), NULL },
	{ 'h', 0, CTX_CARD, ACT_SUB_PREV, NULL, NULL, NULL },
	{ '[', 0, CTX_CARD, ACT_SUB_PREV, NULL, NULL, NULL },
	{ 'a', 0, CTX_LIST | CTX_CARD, ACT_ADD, "a",
	    N_("add a record (on a card section: one linked to the card)"),
	    N_("add") },
	{ 'e', 0, CTX_LIST | CTX_CARD, ACT_EDIT, "e", N_("edit the record"),
	    N_("edit") },
	{ 'd', 0, CTX_LIST | CTX_CARD, ACT_DELETE, "d",
	    N_("delete (to the trash, after a confirmation)"), N_("delete") },
	{ KEY_DC, 1, CTX_LIST | CTX_CARD, ACT_DELETE, "Delete", N_("delete"),
	    NULL },
	{ '/', 0, CTX_LIST | CTX_TRASH, ACT_FILTER, "/",
	    N_("quick filter: type to narrow the list, Enter keeps, Esc "
	    "clears"),
	    N_("find") },
	{ 'f', 0, CTX_LIST | CTX_TRASH, ACT_FILTER_EDIT, "f",
	    N_("filter: city:Казань category:VIP -status:lost phone~^\\+7843 "
	    "due<fri (see :help)"),
	    N_("filter") },
	{ 'F', 0, CTX_LIST | CTX_TRASH, ACT_SAVED_FILTERS, "F",
	    N_("saved filters: apply, save the current one, delete"), NULL },
	{ 'P', 0, CTX_LIST | CTX_CARD, ACT_PIPELINE, "P",
	    N_("the deal pipeline: stages with counts and sums, < > move a "
	    "deal"),
	    N_("pipeline") },
	{ 'R', 0, CTX_ALL, ACT_REPORTS, "R",
	    N_("reports: activity, meeting, follow-up, sales, audit, key "
	    "clients; preview, period, manager, p print"), N_("reports") },
	{ 'J', 0, CTX_ALL, ACT_JOURNAL, "J",
	    N_("today's work journal: preview and p print"), NULL },
	{ 'p', 0, CTX_LIST | CTX_CARD, ACT_PRINT_DOC, "p",
	    N_("print a document: a template of doc.dir filled for the "
	    "company, contact or deal, saved, logged as a note"), NULL },
	{ 'M', 0, CTX_LIST, ACT_GROUP, "M",
	    N_("group action on the filtered list: reassign, set a field, "
	    "add to a program, export, trash"), N_("group") },
	{ 's', 0, CTX_LIST | CTX_TRASH, ACT_SORT_NEXT, "s",
	    N_("sort by the next sortable column"), N_("sort") },
	{ 'S', 0, CTX_LIST | CTX_TRASH, ACT_SORT_REVERSE, "S",
	    N_("reverse the sort order"), NULL },
	{ 'T', 0, CTX_LIST, ACT_TRASH, "T", N_("the trash of this card file"),
	    N_("trash") },
	{ 'r', 0, CTX_TRASH, ACT_RESTORE, "r", N_("restore from the trash"),
	    N_("restore") },
	{ 'u', 0, CTX_TRASH, ACT_RESTORE, "u", N_("restore (undelete)"), NULL },
	{ CTRL('l'), 0, CTX_ALL, ACT_REDRAW, "^L", N_("redraw the screen"),
	    NULL },
	{ 0, 0, 0, ACT_NONE, NULL, NULL, NULL }
};

#define R	ACL_TITLE | ACL_READ
#define W	ACL_WRITE
#define T	ACL_TAKE

static const struct action_access access[ACT_LAST + 1] = {
	[ACT_QUIT] = { ON_NOTHING, 0, 0, "quit" },
	[ACT_BACK] = { ON_NOTHING, 0, 0, "go back" },
	[ACT_HELP] = { ON_NOTHING, 0, 0, "help" },
	[ACT_COMMAND] = { ON_NOTHING, 0, 0, "the command line" },
	[ACT_TAB_NEXT] = { ON_NOTHING, 0, 0, "another card file" },
	[ACT_TAB_PREV] = { ON_NOTHING, 0, 0, "another card file" },
	[ACT_TAB1] = { ON_NOTHING, 0, 0, "a card file" },
	[ACT_TAB2] = { ON_NOTHING, 0, 0, "a card file" },
	[ACT_TAB3] = { ON_NOTHING, 0, 0, "a card file" },
	[ACT_TAB4] = { ON_NOTHING, 0, 0, "a card file" },
	[ACT_TAB5] = { ON_NOTHING, 0, 0, "a card file" },
	[ACT_TAB6] = { ON_NOTHING, 0, 0, "a card file" },
	[ACT_TAB7] = { ON_NOTHING, 0, 0, "a card file" },
	[ACT_TAB8] = { ON_NOTHING, 0, 0, "a card file" },
	[ACT_TAB9] = { ON_NOTHING, 0, 0, "a card file" },
	[ACT_UP] = { ON_NOTHING, 0, 0, "move" },
	[ACT_DOWN] = { ON_NOTHING, 0, 0, "move" },
	[ACT_PAGE_UP] = { ON_NOTHING, 0, 0, "move" },
	[ACT_PAGE_DOWN] = { ON_NOTHING, 0, 0, "move" },
	[ACT_MARK] = { ON_NOTHING, 0, 0, "mark rows" },
	[ACT_UNMARK] = { ON_NOTHING, 0, 0, "mark rows" },
	[ACT_HOME] = { ON_NOTHING, 0, 0, "move" },
	[ACT_END] = { ON_NOTHING, 0, 0, "move" },
	[ACT_SUB_NEXT] = { ON_NOTHING, 0, 0, "a card's sections" },
	[ACT_SUB_PREV] = { ON_NOTHING, 0, 0, "a card's sections" },
	[ACT_REDRAW] = { ON_NOTHING, 0, 0, "redraw" },
	[ACT_SORT_NEXT] = { ON_NOTHING, 0, 0, "sort the list" },
	[ACT_SORT_REVERSE] = { ON_NOTHING, 0, 0, "sort the list" },
	[ACT_SORT_BY] = { ON_NOTHING, 0, 0, "sort the list" },
	[ACT_WHOAMI] = { ON_NOTHING, 0, 0, "who is logged in" },
	[ACT_OPEN] = { ON_SELECTED, R, 0, "open a card: every record's "
	    "title, the details of one's own and nobody's" },
	[ACT_ADD] = { ON_NEW, 0, W, "add a record, one's own or nobody's" },
	[ACT_EDIT] = { ON_SELECTED, R, W, "edit one's own or nobody's "
	    "record" },
	[ACT_DELETE] = { ON_SELECTED, R, W, "move one's own or nobody's "
	    "record to the trash" },
	[ACT_RESTORE] = { ON_SELECTED, R, W, "restore one's own or "
	    "nobody's record" },
	[ACT_TRASH] = { ON_LIST, ACL_TITLE, 0, "the trash: every title" },
	[ACT_FILTER] = { ON_LIST, ACL_TITLE, 0, "narrow the list" },
	[ACT_FILTER_EDIT] = { ON_LIST, ACL_TITLE, 0, "filter the list" },
	[ACT_SEARCH] = { ON_LIST, ACL_TITLE, 0, "search: every title, the "
	    "details of what one may read" },
	[ACT_SAVED_FILTERS] = { ON_TEAM, ACL_TITLE, 0, "apply a saved "
	    "filter" },
	[ACT_SAVE_FILTER] = { ON_TEAM, 0, W, "save a filter for the team "
	    "or oneself" },
	[ACT_FIELDS] = { ON_TEAM, 0, W, "the custom fields: every user "
	    "sees them, the administrator changes them" },
	[ACT_TEMPLATES] = { ON_TEAM, ACL_READ, W, "the mail merge "
	    "templates: every user uses them and adds their own; the author, "
	    "the head or the administrator changes one" },
	[ACT_MERGE] = { ON_LIST, R | T, W, "mail merge to the list's "
	    "contacts or companies, one's own (the head's, anyone's), each "
	    "message sent logged as an e-mail event" },
	[ACT_PIVOT] = { ON_LIST, R | T, W, "pivot tables of one's own "
	    "records (the head's, anyone's); save one for the team" },
	[ACT_DELETE_FILTER] = { ON_TEAM, 0, W, "delete a saved filter "
	    "(one's own; the head, any)" },
	[ACT_GROUP] = { ON_LIST, R, W, "change every record of the list: "
	    "all of them one's own or nobody's, or none changes" },
	[ACT_AGENDA] = { ON_AGENDA, R, 0, "one's own agenda" },
	[ACT_DONE] = { ON_AGENDA, R, W, "mark one's own item done" },
	[ACT_PLAN_NEXT] = { ON_AGENDA, R, W, "plan one's own next "
	    "contact" },
	[ACT_SNOOZE] = { ON_AGENDA, R, W, "snooze one's own reminder" },
	[ACT_RESCHEDULE] = { ON_AGENDA, R, W, "move one's own item" },
	[ACT_UNDO] = { ON_AGENDA, R, W, "undo one's own last action" },
	[ACT_PIPELINE] = { ON_LIST, ACL_TITLE, W, "every deal's title; "
	    "move one's own" },
	[ACT_REPORTS] = { ON_LIST, R | T, 0, "reports: one's own figures "
	    "(the head's, anyone's)" },
	[ACT_JOURNAL] = { ON_AGENDA, R | T, 0, "one's own journal (the "
	    "head's, anyone's)" },
	[ACT_PRINT_DOC] = { ON_SELECTED, R, W, "print a document filled "
	    "for one's own or nobody's company, contact or deal, logged on "
	    "it as a note" },
	[ACT_EXPORT] = { ON_FILE, R | T, 0, "export one's own records "
	    "(the head, every record)" },
	[ACT_IMPORT] = { ON_FILE, 0, W, "import records as one's own" },
	[ACT_SETTINGS] = { ON_TEAM, 0, W, "one's own settings (the "
	    "team's: the head or the administrator)" },
	[ACT_PLAN] = { ON_TEAM, R, W, "one's own plan and fact (the head "
	    "and the administrator: everyone's, and set them)" },
	[ACT_PRODUCTS] = { ON_TEAM, ACL_READ, W, "the product catalogue: "
	    "every user reads it, the head or the administrator changes it" },
	[ACT_PRODUCT_GROUPS] = { ON_TEAM, ACL_READ, W, "the product groups: "
	    "every user reads them, the head or the administrator changes "
	    "them" },
};

#undef R
#undef W
#undef T

const struct action_access *
ui_action_access(enum action act)
{
	static const struct action_access none = { ON_NOTHING, 0, 0, NULL };

	if (act <= ACT_NONE || act > ACT_LAST || access[act].what == NULL)
		return &none;
	return &access[act];
}

const struct ui_command ui_commands[] = {
	{ "q", "quit", ACT_QUIT, NULL, N_("quit") },
	{ "user", "whoami", ACT_WHOAMI, NULL,
	    N_("the current user, role and database") },
	{ "help", NULL, ACT_HELP, NULL, N_("this help") },
	{ "1", NULL, ACT_TAB1, NULL, N_("Companies") },
	{ "2", NULL, ACT_TAB2, NULL, N_("Contacts") },
	{ "3", NULL, ACT_TAB3, NULL, N_("Tasks") },
	{ "4", NULL, ACT_TAB4, NULL, N_("Notes") },
	{ "5", NULL, ACT_TAB5, NULL, N_("Links") },
	{ "6", NULL, ACT_TAB6, NULL, N_("Events") },
	{ "7", NULL, ACT_TAB7, NULL, N_("Deals") },
	{ "8", NULL, ACT_TAB8, NULL, N_("Payments") },
	{ "9", NULL, ACT_TAB9, NULL, N_("Programs") },
	{ "agenda", NULL, ACT_AGENDA, NULL, N_("the agenda") },
	{ "trash", NULL, ACT_TRASH, NULL, N_("the trash of this card file") },
	{ "search", NULL, ACT_SEARCH, "[TEXT]",
	    N_("global search, starting from TEXT") },
	{ "filter", NULL, ACT_FILTER_EDIT, "[EXPR]",
	    N_("filter the list (the language below)") },
	{ "filters", NULL, ACT_SAVED_FILTERS, NULL, N_("the saved filters") },
	{ "save-filter", NULL, ACT_SAVE_FILTER, "NAME",
	    N_("save the current filter for the team or yourself") },
	{ "delete-filter", NULL, ACT_DELETE_FILTER, "NAME",
	    N_("delete a saved filter") },
	{ "sort", NULL, ACT_SORT_BY, "FIELD", N_("sort the list by a field") },
	{ "group", NULL, ACT_GROUP, NULL, N_("a group action on the list") },
	{ "export", NULL, ACT_EXPORT, "[ics|--excel] FILE",
	    N_("the list as CSV (--excel: for Russian Excel); ics: the "
	    "calendar") },
	{ "import", NULL, ACT_IMPORT, "[ics] FILE",
	    N_("a CSV file or workbook into this card file; ics: events") },
	{ "pipeline", NULL, ACT_PIPELINE, NULL, N_("the deal pipeline") },
	{ "report", "reports", ACT_REPORTS, "[NAME]",
	    N_("the Reports screen, on a report") },
	{ "journal", NULL, ACT_JOURNAL, NULL, N_("today's work journal") },
	{ "settings", "config", ACT_SETTINGS, NULL, N_("the settings") },
	{ "fields", NULL, ACT_FIELDS, NULL,
	    N_("the custom fields of every card file") },
	{ "templates", NULL, ACT_TEMPLATES, NULL,
	    N_("the mail merge templates: edit, add, preview") },
	{ "merge", NULL, ACT_MERGE, "TEMPLATE",
	    N_("mail merge: the list, its marked rows, a program or a saved "
	    "filter; attachments, HTML, a test message; a dry run, then y "
	    "sends") },
	{ "plan", "plans", ACT_PLAN, NULL,
	    N_("the plans: managers by months, plan, fact, share; Enter "
	    "sets one") },
	{ "pivot", NULL, ACT_PIVOT, "[NAME]",
	    N_("the pivot screen: rows, columns, a measure; a saved pivot") },
	{ "products", NULL, ACT_PRODUCTS, NULL,
	    N_("the product catalogue (a tab while shown)") },
	{ "groups", NULL, ACT_PRODUCT_GROUPS, NULL,
	    N_("the product groups (a tab while shown)") },
	{ NULL, NULL, ACT_NONE, NULL, NULL }
};

const struct ui_command *
ui_command_find(const char *name)
{
	const struct ui_command *c;

	for (c = ui_commands; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0 || (c->alias != NULL &&
		    strcmp(c->alias, name) == 0))
			return c;
	return NULL;
}

const char *
ui_command_names(void)
{
	static char buf[512];
	const struct ui_command *c;
	size_t len = 0;

	buf[0] = '\0';
	for (c = ui_commands; c->name != NULL && len < sizeof(buf); c++) {
		/* the card files' digits as one range */
		if (c->act > ACT_TAB1 && c->act <= ACT_TAB9)
			continue;
		len += (size_t)snprintf(buf + len, sizeof(buf) - len,
		    "%s%s%s%s", len ? ", " : "", c->act == ACT_TAB1 ? "1-" :
		    "", c->act == ACT_TAB1 ? "9" : c->name, c->args ? " ..." :
		    "");
	}
	return buf;
}

/*
 * The Russian layout (ЙЦУКЕН) letter on each Latin key, small then
 * capital: with the layout switched to Russian, в is pressed for d.
 */
static const struct {
	wint_t	ru;
	char	latin;
} jcuken[] = {
	{ L'й', 'q' }, { L'ц', 'w' }, { L'у', 'e' }, { L'к', 'r' },
	{ L'е', 't' }, { L'н', 'y' }, { L'г', 'u' }, { L'ш', 'i' },
	{ L'щ', 'o' }, { L'з', 'p' }, { L'х', '[' }, { L'ъ', ']' },
	{ L'ф', 'a' }, { L'ы', 's' }, { L'в', 'd' }, { L'а', 'f' },
	{ L'п', 'g' }, { L'р', 'h' }, { L'о', 'j' }, { L'л', 'k' },
	{ L'д', 'l' }, { L'ж', ';' }, { L'э', '\'' }, { L'я', 'z' },
	{ L'ч', 'x' }, { L'с', 'c' }, { L'м', 'v' }, { L'и', 'b' },
	{ L'т', 'n' }, { L'ь', 'm' }, { L'б', ',' }, { L'ю', '.' },
	{ L'ё', '`' },
	{ L'Й', 'Q' }, { L'Ц', 'W' }, { L'У', 'E' }, { L'К', 'R' },
	{ L'Е', 'T' }, { L'Н', 'Y' }, { L'Г', 'U' }, { L'Ш', 'I' },
	{ L'Щ', 'O' }, { L'З', 'P' }, { L'Х', '{' }, { L'Ъ', '}' },
	{ L'Ф', 'A' }, { L'Ы', 'S' }, { L'В', 'D' }, { L'А', 'F' },
	{ L'П', 'G' }, { L'Р', 'H' }, { L'О', 'J' }, { L'Л', 'K' },
	{ L'Д', 'L' }, { L'Ж', ':' }, { L'Э', '"' }, { L'Я', 'Z' },
	{ L'Ч', 'X' }, { L'С', 'C' }, { L'М', 'V' }, { L'И', 'B' },
	{ L'Т', 'N' }, { L'Ь', 'M' }, { L'Б', '<' }, { L'Ю', '>' },
	{ L'Ё', '~' },
};

wint_t
ui_key_latin(wint_t ch)
{
	size_t i;

	for (i = 0; i < sizeof(jcuken) / sizeof(jcuken[0]); i++)
		if (jcuken[i].ru == ch)
			return (wint_t)(unsigned char)jcuken[i].latin;
	return 0;
}

static enum action
find_action(wint_t key, int keycode, unsigned ctx)
{
	const struct binding *b;

	for (b = ui_bindings; b->act != ACT_NONE; b++)
		if (b->key == key && b->keycode == !!keycode && (b->ctx & ctx))
			return b->act;
	return ACT_NONE;
}

enum action
ui_key_action(wint_t key, int keycode, unsigned ctx)
{
	enum action act = find_action(key, keycode, ctx);
	wint_t latin;

	/* a key of the Russian layout does what its Latin twin does */
	if (act == ACT_NONE && !keycode && (latin = ui_key_latin(key)) != 0)
		act = find_action(latin, 0, ctx);
	return act;
}

const char *
ui_key_hints(unsigned ctx)
{
	return ui_key_hints_except(ctx, 0);
}

const char *
ui_key_hints_except(unsigned ctx, uint64_t hide)
{
	static char buf[1024];
	const struct binding *b;
	size_t len = 0;

	buf[0] = '\0';
	for (b = ui_bindings; b->act != ACT_NONE; b++) {
		if (b->hint == NULL || !(b->ctx & ctx) || (hide &
		    ACT_BIT(b->act)))
			continue;
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s %s",
		    len ? "  " : "", b->name, _(b->hint));
		if (len >= sizeof(buf))
			break;
	}
	return buf;
}
