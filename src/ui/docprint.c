/*
 * p on a company, contact or deal: a document from a template, filled,
 * saved, printed (ui/docprint.h).
 *
 * The document is made by the code `salesorg doc` runs (docfill_record:
 * the template filled with the user's rights, the PDF through
 * LibreOffice, the note "Document: NAME" on the record), so the
 * organizer and the command cannot come to differ.  It is always saved
 * -- the note names the file, which must then be there -- in a
 * directory the user confirms, under "TEMPLATE - RECORD" (a contract
 * and an invoice for one company do not overwrite each other), with
 * " (2)" and on after it rather than over an earlier document.  The
 * PDF, when LibreOffice can make one, is what lpr prints: CUPS prints a
 * PDF on any printer, and not a .docx.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/util.h"
#include "doc/print.h"
#include "exchange/docfill.h"
#include "store/entities.h"
#include "store/group.h"
#include "store/settings.h"
#include "ui/access.h"
#include "ui/docprint.h"
#include "ui/ui.h"

#define PDF_TIMEOUT	(120L * 1000)	/* ms, as salesorg doc's */

/* What the file's name is made from (docfill_job's name). */
struct naming {
	const char	*dir, *ext;	/* ".odt" or ".docx" */
	const char	*tbase;		/* the template's name, without
					   its extension */
};

/* Is there a file DIR/NAME.EXT? */
static int
taken(const struct naming *nm, const char *name, const char *ext)
{
	char *path = xasprintf("%s/%s%s", nm->dir, name, ext);
	int yes = access(path, F_OK) == 0;

	free(path);
	return yes;
}

/* "contract - ООО Ромашка", then "contract - ООО Ромашка (2)" ... while
 * the document or its PDF is there. */
static char *
fresh_name(void *arg, char *title, int64_t id)
{
	const struct naming *nm = arg;
	char *base = xasprintf("%s - %s", nm->tbase, title), *name;
	int k;

	(void)id;
	free(title);
	name = xstrdup(base);
	for (k = 2; k < 1000 && (taken(nm, name, nm->ext) ||
	    taken(nm, name, ".pdf")); k++) {
		free(name);
		name = xasprintf("%s (%d)", base, k);
	}
	free(base);
	return name;
}

/* ~/Documents when there is one, else the database's directory. */
static char *
default_dir(struct db *db)
{
	const char *home = getenv("HOME"), *path = db_path(db), *slash;
	struct stat sb;
	char *d;

	if (home && *home) {
		d = xasprintf("%s/Documents", home);
		if (stat(d, &sb) == 0 && S_ISDIR(sb.st_mode))
			return d;
		free(d);
	}
	if ((slash = strrchr(path, '/')) == NULL)
		return xstrdup(".");
	return slash == path ? xstrdup("/") : xstrndup(path,
	    (size_t)(slash - path));
}

/* A path typed with a leading ~ as the shell has it. */
static char *
expand_home(char *path)
{
	const char *home = getenv("HOME");
	char *full;

	if (path[0] != '~' || (path[1] != '/' && path[1] != '\0') ||
	    home == NULL || *home == '\0')
		return path;
	full = xasprintf("%s%s", home, path + 1);
	free(path);
	return full;
}

/* The template, picked from doc.dir's; NULL (having said why) when
 * there is none or the user went back.  *dir is doc.dir. */
static char *
pick_template(struct db *db, char **dir)
{
	struct so_err err = { 0 };
	char **names;
	const char **items;
	char *tpl = NULL;
	size_t n, i;
	int sel;

	*dir = settings_doc_dir(db);
	if (docfill_templates(*dir, &names, &n, &err) != SO_OK &&
	    err.code != SO_ENOTFOUND) {
		ui_message("%s", err.msg);
		return NULL;
	}
	if (n == 0) {
		/* TRANSLATORS: the directory; doc.dir and :settings are
		 * typed as they are. */
		ui_message(_("No document templates in %s: put .odt or .docx "
		    "files there, or set doc.dir in :settings"), *dir);
		return NULL;
	}
	items = xcalloc(n, sizeof(*items));
	for (i = 0; i < n; i++)
		items[i] = i < 9 ? xasprintf("%zu %s", i + 1, names[i]) :
		    xasprintf("  %s", names[i]);
	ui_redraw();
	sel = ui_menu(3, 6, LINES - 4, _("Print a document"), items, (int)n);
	if (sel >= 0)
		tpl = xasprintf("%s/%s", *dir, names[sel]);
	for (i = 0; i < n; i++)
		free((char *)items[i]);
	free(items);
	free_strv(names, n);
	return tpl;
}

/* Prints the PDF, or not: what was done goes to the status line. */
static void
offer_print(const char *doc, const char *pdf)
{
	struct so_err err = { 0 };
	const char *items[3], *base = strrchr(pdf, '/') ? strrchr(pdf, '/') +
	    1 : pdf;
	char *dest = print_destination(NULL), *first, *printer = NULL;
	int pages = docfill_pdf_pages(pdf), sel;

	/* TRANSLATORS: pages, the printer ("office (the default)"). */
	first = pages > 0 ? xasprintf(P_("1 Print %d page on %s",
	    "1 Print %d pages on %s", (unsigned long)pages), pages, dest) :
	    xasprintf(_("1 Print on %s"), dest);
	items[0] = first;
	items[1] = _("2 Print on another printer");
	items[2] = _("3 Save only");
	ui_redraw();
	sel = ui_menu(4, 8, LINES - 6, base, items, 3);
	free(first);
	if (sel == 1 && (printer = ui_prompt(_("Print on: "), "", NULL,
	    NULL)) == NULL)
		sel = 2;
	if (sel < 0 || sel == 2) {
		/* TRANSLATORS: the document's path. */
		ui_message(_("Saved %s and its PDF"), doc);
		free(dest);
		free(printer);
		return;
	}
	ui_message("%s", _("printing..."));
	ui_redraw();
	refresh();
	if (print_file(pdf, printer && *printer ? printer : NULL, 1, base,
	    &err) != SO_OK)
		/* TRANSLATORS: the document's path, why it did not
		 * print. */
		ui_message(_("Saved %s; not printed: %s"), doc, err.msg);
	else {
		if (printer && *printer) {
			free(dest);
			dest = print_destination(printer);
		}
		if (pages > 0)
			/* TRANSLATORS: the PDF's name, pages, the
			 * printer, the document's path. */
			ui_message(P_("%s: %d page sent to %s; saved %s",
			    "%s: %d pages sent to %s; saved %s",
			    (unsigned long)pages), base, pages, dest, doc);
		else
			ui_message(_("%s: sent to %s; saved %s"), base, dest,
			    doc);
	}
	free(dest);
	free(printer);
}

void
ui_doc_print(struct db *db, const struct entity *ent, int64_t id,
    const void *rec)
{
	struct naming nm = { 0 };
	struct docfill_job job = { .dir = 1, .timeout_ms = PDF_TIMEOUT,
	    .name = fresh_name, .arg = &nm };
	struct so_err err = { 0 };
	char *why, *tdir = NULL, *tpl = NULL, *dir = NULL, *def, *doc, *pdf;
	const char *tname, *dot;

	if (ent != &entity_company && ent != &entity_contact &&
	    ent != &entity_deal) {
		ui_message("%s", _("p prints a document for a company, a "
		    "contact or a deal: on its card or its row"));
		return;
	}
	if (id == 0 || rec == NULL)
		return;
	/* the note is a write on the record: a manager's own, or
	 * nobody's (as salesorg doc --roles says) */
	if ((why = ui_refusal(db, ent, rec, 0)) != NULL) {
		/* TRANSLATORS: why the user may not change the record. */
		ui_message(_("No document: %s"), why);
		free(why);
		return;
	}
	if ((tpl = pick_template(db, &tdir)) == NULL)
		goto done;
	def = default_dir(db);
	dir = ui_prompt(_("Save in: "), def, NULL, NULL);
	free(def);
	if (dir == NULL)
		goto done;
	dir = expand_home(dir);
	if (*dir == '\0') {
		ui_message("%s", _("no directory given"));
		goto done;
	}
	tname = strrchr(tpl, '/') + 1;
	dot = strrchr(tname, '.');
	nm.tbase = xstrndup(tname, (size_t)(dot - tname));
	nm.dir = dir;
	nm.ext = dot;
	job.tpl = tpl;
	job.out = dir;
	job.pdf = docfill_has_soffice();
	ui_message("%s", job.pdf ? _("Filling the template and making its "
	    "PDF...") : _("Filling the template..."));
	ui_redraw();
	refresh();
	if (docfill_record(db, ent, id, &job, &doc, &pdf, &err) != SO_OK) {
		ui_message("%s", err.msg);
		free((char *)nm.tbase);
		goto done;
	}
	free((char *)nm.tbase);
	if (pdf)
		offer_print(doc, pdf);
	else
		/* TRANSLATORS: the document's path. */
		ui_message(_("Saved %s; no PDF to print: LibreOffice is not "
		    "installed (libreoffice-writer-nogui)"), doc);
	free(doc);
	free(pdf);
done:
	free(dir);
	free(tpl);
	free(tdir);
}
