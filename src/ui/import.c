/*
 * The Import screen (:import FILE): what a spreadsheet will become
 * before anything is written.  One line per column of the file: its
 * header, the field it goes to and the first rows' values, so a person
 * sees "Телефон -> Phone: +7 495 ..." and fixes what the automatic
 * mapping got wrong (Enter picks the field, or leaves the column out).
 * Above: the file's format, encoding and separator as read, the card
 * file it goes into (e to change) and the options: duplicates skipped,
 * updated or added (d), missing companies created (c), bad rows left
 * out (b), the sheet of a workbook (s).  n runs a dry run and says what
 * would happen; i imports, with a progress bar, all in one transaction
 * (import.h), and on an error shows the file, line and field and writes
 * nothing.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "exchange/import.h"
#include "store/entities.h"
#include "ui/draw.h"
#include "ui/import.h"
#include "ui/screen.h"
#include "ui/ui.h"

#define PREVIEW_ROWS	5
#define HEADER_W	22	/* the column's header */
#define FIELD_W		24	/* the field it maps to */

struct imp_view {
	struct db		*db;
	const struct entity	*ent;
	const char		*path;
	struct import_opts	 o;
	struct import_preview	 pv;
	int			*choice;	/* per column: -3 automatic, else
						   a field or PREVIEW_LEFT_OUT */
	size_t			 nchoice;
	char			*map;		/* o.map built from choice */
	char			*sheet;
	int			 sel, top;
	char			 msg[1024];
	int			 msg_error;
	long			 last;		/* progress drawn, mono_ms */
	int			 imported;	/* rows written, when done */
};

static const struct screen_key import_keys[] = {
	/* TRANSLATORS: a hint is a key's name, then a word or two. */
	{ '\n', "Enter, m", N_("map the column to a field, or leave it out"),
	    N_("Enter map column") },
	{ '\r', NULL, NULL, NULL },
	{ 'm', NULL, NULL, NULL },
	{ 'e', "e", N_("the card file the rows go into"), N_("e card file") },
	{ 'd', "d", N_("duplicates: skipped, updated or added"),
	    N_("d duplicates") },
	{ 'c', "c", N_("create the companies the rows name"),
	    N_("c companies") },
	{ 'b', "b", N_("leave bad rows out (else one stops the import)"),
	    N_("b bad rows") },
	{ 's', "s", N_("the sheet of a workbook"), N_("s sheet") },
	{ 'n', "n", N_("a dry run: what would happen, nothing written"),
	    N_("n dry run") },
	{ 'i', "i", N_("import, all in one transaction"), N_("i import") },
	{ 'k', "Up, k", N_("the previous column"), NULL },
	{ 'j', "Down, j", N_("the next column"), NULL },
	{ 'B' & 0x1f, "PgUp, ^B", N_("a page up"), NULL },
	{ 'F' & 0x1f, "PgDn, ^F, Space", N_("a page down"), NULL },
	{ ' ', NULL, NULL, NULL },
	{ 'q', "q, Esc", N_("cancel: nothing is written"), N_("q cancel") },
	{ 27, NULL, NULL, NULL },
	{ 0, NULL, NULL, NULL }
};



#define AUTO	(-3)

/* ---- the mapping ---- */

/* "Header=field" entries for the columns mapped by hand; commas and
 * backslashes in a header escaped as parse_map reads them. */
static void
build_map(struct imp_view *v)
{
	struct strbuf b = { 0 };
	const char *h;
	size_t i;

	for (i = 0; i < v->nchoice && i < v->pv.ncols; i++) {
		if (v->choice[i] == AUTO)
			continue;
		if (b.len)
			sb_addc(&b, ',');
		for (h = v->pv.headers[i]; *h; h++) {
			if (*h == ',' || *h == '\\')
				sb_addc(&b, '\\');
			sb_addc(&b, *h);
		}
		sb_printf(&b, "=%s", v->choice[i] >= 0 ?
		    v->ent->fields[v->choice[i]].name : "");
	}
	free(v->map);
	v->map = b.len ? sb_steal(&b) : NULL;
	sb_free(&b);
	v->o.map = v->map;
}

/* Reads the preview again with the options as they are. */
static int
reload(struct imp_view *v)
{
	struct so_err err = { 0 };
	size_t i, old = v->nchoice;

	build_map(v);		/* from the headers read before */
	import_preview_free(&v->pv);
	if (import_preview(v->ent, IMPORT_AUTO, v->path, &v->o, PREVIEW_ROWS,
	    &v->pv, &err) != SO_OK) {
		snprintf(v->msg, sizeof(v->msg), "%s", err.msg);
		v->msg_error = 1;
		return -1;
	}
	/* Found once: a big file is not scanned again for each change. */
	if (v->pv.format == IMPORT_CSV) {
		v->o.encoding = v->pv.encoding;
		v->o.sep = v->pv.sep;
	}
	if (v->pv.ncols != old) {
		v->choice = xrealloc(v->choice, (v->pv.ncols + 1) *
		    sizeof(*v->choice));
		for (i = old; i < v->pv.ncols; i++)
			v->choice[i] = AUTO;
		v->nchoice = v->pv.ncols;
	}
	if (v->sel >= (int)v->pv.ncols)
		v->sel = v->pv.ncols ? (int)v->pv.ncols - 1 : 0;
	return 0;
}

/* Enter on a column: the field it goes to. */
static void
pick_field(struct imp_view *v)
{
	const char **items;
	int *fis, n = 0, i, k;
	char *title;

	if (v->pv.ncols == 0)
		return;
	items = xcalloc((size_t)v->ent->nfields + 2, sizeof(*items));
	fis = xcalloc((size_t)v->ent->nfields + 2, sizeof(*fis));
	items[n] = xstrdup(_("(leave this column out)"));
	fis[n++] = PREVIEW_LEFT_OUT;
	for (i = 0; i < v->ent->nfields; i++) {
		const struct field_desc *fd = &v->ent->fields[i];

		if (fd->flags & (F_READONLY | F_HIDDEN))
			continue;
		/* the headers a column is known by: the English and the
		 * Russian label, whatever the interface's language */
		items[n] = xasprintf("%-16s %s / %s", fd->name, fd->label,
		    field_label_ru(v->ent, fd));
		fis[n++] = i;
	}
	title = xasprintf(_("Column \"%s\" goes to"),
	    v->pv.headers[v->sel]);
	k = ui_menu(3, HEADER_W, LINES - 6, title, items, n);
	if (k >= 0) {
		v->choice[v->sel] = fis[k];
		reload(v);
	}
	free(title);
	for (i = 0; i < n; i++)
		free((char *)items[i]);
	free(items);
	free(fis);
}

/* e: the card file to import into. */
static void
pick_entity(struct imp_view *v)
{
	const char *items[32];
	size_t i;
	int n, k;

	for (n = 0; entities[n] && n < 32; n++)
		items[n] = entity_plural(entities[n]);
	if ((k = ui_menu(2, 2, LINES - 4, _("Import into"), items, n)) < 0)
		return;
	v->ent = entities[k];
	/* hand-made choices name fields of the old card file */
	for (i = 0; i < v->nchoice; i++)
		v->choice[i] = AUTO;
	reload(v);
}

/* s: a workbook's sheet. */
static void
pick_sheet(struct imp_view *v)
{
	int k;

	if (v->pv.nsheets < 2) {
		snprintf(v->msg, sizeof(v->msg), "%s", v->pv.nsheets ?
		    _("the workbook has one sheet") :
		    _("a CSV file has no sheets"));
		v->msg_error = 0;
		return;
	}
	k = ui_menu(2, 2, LINES - 4, _("Sheet"),
	    (const char *const *)v->pv.sheets, (int)v->pv.nsheets);
	if (k < 0)
		return;
	free(v->sheet);
	v->sheet = xstrdup(v->pv.sheets[k]);
	v->o.sheet = v->sheet;
	free(v->choice);
	v->choice = NULL;
	v->nchoice = 0;
	reload(v);
}

/* ---- drawing ---- */

/* What is done with duplicates, in words: import_dup_name's are the
 * option's values (--on-duplicate skip), these are read. */
static const char *
dup_shown(enum import_dup d)
{
	switch (d) {
	case DUP_SKIP:
		return C_("duplicates", "skip");
	case DUP_UPDATE:
		return C_("duplicates", "update");
	case DUP_ADD:
		return C_("duplicates", "add");
	default:
		return import_dup_name(d);
	}
}

static const char *
field_shown(const struct imp_view *v, size_t col, char *buf, size_t size)
{
	int fi = v->pv.fields[col];

	if (fi == PREVIEW_UNKNOWN)
		return _("? unknown: left out");
	if (fi == PREVIEW_LEFT_OUT)
		return _("- left out");
	snprintf(buf, size, "%s%s", v->choice[col] == AUTO ? "" : "* ",
	    field_label(v->ent, &v->ent->fields[fi]));
	return buf;
}

static void
draw_header(const struct imp_view *v)
{
	char line[1024], sep[32];
	const char *sheet = v->o.sheet ? v->o.sheet : v->pv.nsheets ?
	    v->pv.sheets[0] : "";

	snprintf(line, sizeof(line), _("Import %s into %s"), v->path,
	    entity_plural(v->ent));
	draw_text(0, 0, COLS, line, UA_TITLE);
	if (v->pv.format == IMPORT_CSV) {
		snprintf(sep, sizeof(sep), "%s", v->pv.sep == '\t' ? _("tab") :
		    v->pv.sep == ';' ? "';'" : "','");
		snprintf(line, sizeof(line), _("CSV, %s, separator %s"),
		    csv_encoding_name(v->pv.encoding), sep);
	} else
		/* TRANSLATORS: "Excel workbook, sheet "Лист1" (s: another)" */
		snprintf(line, sizeof(line), _("%s workbook, sheet \"%s\"%s"),
		    import_format_name(v->pv.format), sheet,
		    v->pv.nsheets > 1 ? _(" (s: another)") : "");
	draw_text(1, 0, COLS, line, UA_DIM);
	/* TRANSLATORS: skip, update or add, yes or no, "leave out" or
	 * "stop the import" */
	snprintf(line, sizeof(line), _("duplicates: %s (d)   create missing "
	    "companies: %s (c)   bad rows: %s (b)"),
	    dup_shown(v->o.on_duplicate),
	    v->o.create_missing ? _("yes") : _("no"),
	    v->o.skip_bad ? _("leave out") : _("stop the import"));
	draw_text(2, 0, COLS, line, UA_NORMAL);
}

static void
draw_columns(struct imp_view *v)
{
	int y = 4, h = LINES - 8, x, w, r;
	size_t i;
	char buf[128];

	if (h < 1)
		return;
	draw_text(3, 0, HEADER_W, _("Column"), UA_TITLE);
	draw_text(3, HEADER_W, FIELD_W, _("Field"), UA_TITLE);
	w = (COLS - HEADER_W - FIELD_W) / (int)(v->pv.nrows ? v->pv.nrows : 1);
	for (r = 0, x = HEADER_W + FIELD_W; r < (int)v->pv.nrows; r++, x += w) {
		snprintf(buf, sizeof(buf), v->pv.format == IMPORT_CSV ?
		    _("line %zu") : _("row %zu"), v->pv.lines[r]);
		draw_text(3, x, w - 1, buf, UA_TITLE);
	}
	if (v->sel < v->top)
		v->top = v->sel;
	if (v->sel >= v->top + h)
		v->top = v->sel - h + 1;
	for (i = (size_t)v->top; i < v->pv.ncols && y < 4 + h; i++, y++) {
		enum ui_attr a = (int)i == v->sel ? UA_SELECT : UA_NORMAL;

		draw_fill(y, 0, 1, COLS, a);
		draw_text(y, 0, HEADER_W - 1, v->pv.headers[i], a);
		draw_text(y, HEADER_W, FIELD_W - 1, field_shown(v, i, buf,
		    sizeof(buf)), a == UA_SELECT ? a : v->pv.fields[i] < 0 ?
		    UA_DIM : UA_NORMAL);
		for (r = 0, x = HEADER_W + FIELD_W; r < (int)v->pv.nrows;
		    r++, x += w) {
			char *one = xstrdup(v->pv.cells[r][i]), *p;

			for (p = one; *p; p++)	/* a cell's lines on one */
				if (*p == '\n')
					*p = ' ';
			draw_text(y, x, w - 1, one, a);
			free(one);
		}
	}
}

static void
draw(struct imp_view *v)
{
	erase();
	draw_header(v);
	draw_columns(v);
	if (v->msg[0]) {
		enum ui_attr a = v->msg_error ? UA_ERROR : UA_STATUS;
		size_t len, next;
		char *line;

		/* a long message (a file, line and field) on two lines,
		 * wrapped at words; the second cut if it must be */
		len = utf8_wrap(v->msg, COLS, &next);
		line = xstrndup(v->msg, len);
		draw_text(LINES - 4, 0, COLS, line, a);
		free(line);
		if (v->msg[next])
			draw_text(LINES - 3, 0, COLS, v->msg + next, a);
	}
	if (ui_status_line(NULL) != NULL)
		ui_draw_status(ui_status_line(NULL), UA_STATUS);
	else
		draw_hints(LINES - 1, 0, COLS, ui_screen_hints(&screen_import,
		    v), UA_DIM);
	refresh();
}

/* ---- running ---- */

static void
on_progress(void *arg, size_t rows, long long done, long long total)
{
	struct imp_view *v = arg;
	char line[160];
	int w = COLS - 30, fill;

	if (total <= 0 || w < 10 || mono_ms() - v->last < 100)
		return;
	v->last = mono_ms();
	fill = (int)(done * w / total);
	snprintf(line, sizeof(line), P_("%zu row %3lld%% ", "%zu rows %3lld%% ",
	    rows), rows, done * 100 / total);
	draw_fill(LINES - 2, 0, 1, COLS, UA_NORMAL);
	draw_text(LINES - 2, 0, 20, line, UA_STATUS);
	mvhline(LINES - 2, 20, ACS_CKBOARD, fill);
	refresh();
}

/* Runs the import (dry or not); 1 when records were written. */
static int
run(struct imp_view *v, int dry)
{
	struct import_stats st;
	struct so_err err = { 0 };
	char *what;
	int rc;

	v->o.dry_run = dry;
	v->o.ignore_unknown = 1;	/* shown as left out */
	v->o.progress = on_progress;
	v->o.arg = v;
	v->last = 0;
	snprintf(v->msg, sizeof(v->msg), "%s", dry ? _("checking...") :
	    _("importing..."));
	v->msg_error = 0;
	draw(v);
	rc = import_file(v->db, v->ent, IMPORT_AUTO, v->path, NULL, &v->o,
	    &st, &err);
	if (rc != SO_OK) {
		snprintf(v->msg, sizeof(v->msg), _("%s; nothing written"),
		    err.msg);
		v->msg_error = 1;
		return 0;
	}
	what = utf8_fold(entity_plural(v->ent));
	/* TRANSLATORS: the second %s is the card file, "companies" */
	snprintf(v->msg, sizeof(v->msg), dry ? _("dry run: %zu %s would be "
	    "imported, %zu duplicates skipped, %zu updated, %zu unchanged, "
	    "%zu bad rows left out, %zu companies created") : _("%zu %s "
	    "imported, %zu duplicates skipped, %zu updated, %zu unchanged, "
	    "%zu bad rows left out, %zu companies created"), st.imported,
	    what, st.duplicates, st.updated, st.unchanged, st.skipped,
	    st.created);
	free(what);
	if (st.repaired > 0) {
		size_t len = strlen(v->msg);

		/* TRANSLATORS: after the import's counts: CSV lines whose
		 * bare quotes (1C's) were read as text. */
		snprintf(v->msg + len, sizeof(v->msg) - len, P_("; %zu line "
		    "with a quote not doubled read as text", "; %zu lines "
		    "with quotes not doubled read as text", st.repaired),
		    st.repaired);
	}
	v->msg_error = 0;
	return !dry && (st.imported || st.updated || st.created);
}

/* One key; 1 when the screen is done. */
static int
key(struct imp_view *v, int ch, int *imported)
{
	v->msg[0] = '\0';
	switch (ch) {
	case 'k':
		if (v->sel > 0)
			v->sel--;
		break;
	case 'j':
		if (v->sel + 1 < (int)v->pv.ncols)
			v->sel++;
		break;
	case 'B' & 0x1f:	/* PgUp */
		v->sel = v->sel > LINES - 8 ? v->sel - (LINES - 8) : 0;
		break;
	case ' ': case 'F' & 0x1f:	/* PgDn */
		v->sel += LINES - 8;
		if (v->sel >= (int)v->pv.ncols)
			v->sel = v->pv.ncols ? (int)v->pv.ncols - 1 : 0;
		break;
	case '\n': case '\r': case 'm':
		pick_field(v);
		break;
	case 'e':
		pick_entity(v);
		break;
	case 's':
		pick_sheet(v);
		break;
	case 'd':
		v->o.on_duplicate = (enum import_dup)((v->o.on_duplicate + 1) %
		    3);
		break;
	case 'c':
		v->o.create_missing = !v->o.create_missing;
		break;
	case 'b':
		v->o.skip_bad = !v->o.skip_bad;
		break;
	case 'n':
		run(v, 1);
		break;
	case 'i':
		if (run(v, 0)) {
			*imported = 1;
			return 1;	/* to the list, to see them */
		}
		break;
	case 'q': case 27:
		return 1;
	}
	return 0;
}

static void
screen_draw(void *self)
{
	draw(self);
}

static enum screen_rc
screen_key(void *self, wint_t ch, int keycode)
{
	struct imp_view *v = self;

	return key(v, ui_key_letter(ch, keycode), &v->imported) ?
	    SCREEN_CLOSE : SCREEN_STAY;
}

/* A screen with nothing of the database's to reload: others' commits
 * only redraw it (the preview is of the file). */
const struct screen_ops screen_import = {
	.name = N_("The import screen"),
	.keys = import_keys,
	.draw = screen_draw,
	.key = screen_key,
};

int
ui_import(struct db *db, const struct entity *ent, const char *path)
{
	struct imp_view v;

	memset(&v, 0, sizeof(v));
	v.db = db;
	v.ent = ent;
	v.path = path;
	if (reload(&v) != 0) {
		ui_message("%s", v.msg);
		goto out;
	}
	ui_screen_run(&screen_import, &v);
	if (v.msg[0] && !v.msg_error)
		ui_message("%s", v.msg);
out:
	import_preview_free(&v.pv);
	free(v.choice);
	free(v.map);
	free(v.sheet);
	return v.imported;
}
