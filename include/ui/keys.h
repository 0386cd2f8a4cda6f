/*
 * The one key-binding table.  Dispatch, the '?' help screen and the
 * status-bar hints are all generated from it, so help cannot drift from
 * behaviour.
 */
#ifndef UI_KEYS_H
#define UI_KEYS_H

#include <stdint.h>
#include <wchar.h>

/* Where a binding applies (bit set). */
#define CTX_LIST	0x01	/* the list pane of a card file */
#define CTX_CARD	0x02	/* the detail card has the focus */
#define CTX_TRASH	0x04	/* the trash of a card file */
#define CTX_AGENDA	0x08	/* the agenda screen */
#define CTX_ALL		(CTX_LIST | CTX_CARD | CTX_TRASH | CTX_AGENDA)

enum action {
	ACT_NONE,
	ACT_QUIT, ACT_BACK, ACT_HELP, ACT_COMMAND,
	ACT_TAB_NEXT, ACT_TAB_PREV,
	ACT_TAB1, ACT_TAB2, ACT_TAB3, ACT_TAB4, ACT_TAB5, ACT_TAB6, ACT_TAB7,
	ACT_TAB8, ACT_TAB9,
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END,
	ACT_OPEN, ACT_ADD, ACT_EDIT, ACT_DELETE, ACT_RESTORE, ACT_TRASH,
	ACT_FILTER, ACT_SORT_NEXT, ACT_SORT_REVERSE,
	ACT_SUB_NEXT, ACT_SUB_PREV, ACT_REDRAW,
	ACT_AGENDA, ACT_DONE, ACT_PLAN_NEXT, ACT_SNOOZE, ACT_RESCHEDULE,
	ACT_SEARCH, ACT_FILTER_EDIT, ACT_SAVED_FILTERS, ACT_GROUP,
	ACT_PIPELINE, ACT_REPORTS, ACT_JOURNAL, ACT_UNDO, ACT_PRINT_DOC,
	/* only as : commands */
	ACT_WHOAMI, ACT_EXPORT, ACT_IMPORT, ACT_SORT_BY, ACT_SETTINGS,
	ACT_SAVE_FILTER, ACT_DELETE_FILTER, ACT_FIELDS, ACT_TEMPLATES,
	ACT_MERGE, ACT_PLAN, ACT_PIVOT, ACT_PRODUCTS, ACT_PRODUCT_GROUPS,
	/* marks in a list */
	ACT_MARK, ACT_UNMARK,
	ACT_LAST = ACT_UNMARK
};

struct binding {
	wint_t		 key;		/* character or KEY_* code */
	int		 keycode;	/* key is a KEY_* code */
	unsigned	 ctx;
	enum action	 act;
	const char	*name;		/* as shown in help: "a", "PgDn" */
	/* Marked N_(), translated where shown (base/i18n.h). */
	const char	*help;		/* one line */
	const char	*hint;		/* short status-bar hint, or NULL */
};

extern const struct binding ui_bindings[];

/*
 * What each action of the organizer reads and writes, declared once as
 * the commands declare theirs (cli.h's .acl): on what (the selected
 * record, a new one, the list as filtered, the user's own agenda, the
 * team's settings) and with which of the store's ACL_ bits
 * (store/acl.h) -- the store enforces them, the organizer hides the keys
 * a record does not allow.  tests/unit/test_keys.c fails when an action
 * has no entry.
 */
enum action_on {
	ON_NOTHING,	/* moves, help, redraw: no record */
	ON_SELECTED,	/* the record under the cursor */
	ON_NEW,		/* a record it makes */
	ON_LIST,	/* every record of the list as filtered */
	ON_AGENDA,	/* the user's own agenda items */
	ON_TEAM,	/* the team's settings or saved filters */
	ON_FILE,	/* a file the user names, and the list or calendar */
};

struct action_access {
	enum action_on	 on;
	unsigned	 reads, writes;	/* ACL_ bits */
	const char	*what;		/* for the man page's ROLES */
};

/* The declaration of act (what is NULL for an action without one). */
const struct action_access *ui_action_access(enum action act);

/*
 * The : commands, resolved to the same actions as the keys (as tig
 * resolves :cmd to a request): one table for the command line, its
 * help, the unknown-command message and the man page check.
 */
struct ui_command {
	const char	*name;		/* "export" */
	const char	*alias;		/* "quit" for "q", or NULL */
	enum action	 act;
	const char	*args;		/* "[--excel] FILE", or NULL */
	const char	*help;		/* one line, N_() marked */
};

extern const struct ui_command ui_commands[];

/* The command named (or aliased) name, or NULL. */
const struct ui_command *ui_command_find(const char *name);
/* "q, user, trash, ..." -- the names, for a message (static buffer). */
const char *ui_command_names(void);

/* The Latin key a letter of the Russian layout (ЙЦУКЕН) sits on, or 0:
 * в for d, Ф for A. */
wint_t	ui_key_latin(wint_t ch);
/* The action bound to this key in context ctx, or ACT_NONE; a letter of
 * the Russian layout does what its Latin twin does. */
enum action ui_key_action(wint_t key, int keycode, unsigned ctx);
/* "a add  e edit ..." for the status bar of context ctx (static buffer). */
const char *ui_key_hints(unsigned ctx);
/*
 * The same without the actions in hide (a set of ACT_BIT()s): the keys
 * the current user may not use on the selected record are not offered.
 */
#define ACT_BIT(a)	((uint64_t)1 << (a))
const char *ui_key_hints_except(unsigned ctx, uint64_t hide);

#endif
