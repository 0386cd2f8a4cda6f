/*
 * Documents from templates: an .odt (LibreOffice Writer) or a .docx
 * (Word) whose text holds the placeholders of mail templates
 * (store/template.h, with TPL_DOC: {deal.*}, {line.*}, {today} too),
 * written again with each placeholder replaced by its value, everything
 * else of the file as it was.
 *
 * The placeholders are looked for in the XML of the text (content.xml
 * and styles.xml of an .odt, for headers and footers; word/document.xml,
 * word/header*.xml, word/footer*.xml, word/footnotes.xml and
 * word/endnotes.xml of a .docx), footnotes, frames and text boxes (a
 * paragraph inside another) and text fields among them, in an .odt's
 * user fields' values (an attribute), and in the document's properties
 * a person sets: title, subject, keywords, description, custom ones
 * (meta.xml; docProps/core.xml, app.xml, custom.xml).  Word and Writer
 * split what was typed as one "{company.name}" across several runs or
 * spans (a spelling mark, an edit on another day, a bold letter), so the
 * text of a paragraph's runs is joined, the placeholders are found in
 * the joined text, and each value goes into the run where its
 * placeholder begins, taking that run's formatting; the rest of the
 * placeholder's text is taken out of the runs it spilled into, and
 * every other run, tag and byte is copied as it was.  Values are
 * escaped for XML; a line break or a tab in a value becomes the
 * format's own element.
 *
 * A table row with a placeholder of a list ({line.*}: the deal's lines;
 * {contact.*} in a company's document: its contacts) is written once
 * for each record of the list, and not at all for an empty list.
 */
#ifndef EXCHANGE_DOCFILL_H
#define EXCHANGE_DOCFILL_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/util.h"
#include "store/db.h"
#include "store/entity.h"
#include "store/template.h"

enum docfill_format {
	DOCFILL_ODT,
	DOCFILL_DOCX
};

/*
 * Where the values come from: called for each placeholder met.  row is
 * the index of the record of the repeated table row the placeholder is
 * in, -1 outside one.  list() says which list a placeholder repeats its
 * row over (0: none; the same number for the same list), count() how
 * many records that list has.
 */
struct docfill_src {
	const char	*tname;		/* the template, for messages */
	int		(*value)(void *arg, const struct tpl_piece *p,
			    long row, char **out, struct so_err *err);
	int		(*list)(void *arg, const struct tpl_piece *p);
	int		(*count)(void *arg, int list, size_t *n,
			    struct so_err *err);
	void		*arg;
};

/*
 * Fills one XML part (its name in part, for messages: "content.xml")
 * into out.  Errors name the template, the part, the paragraph and the
 * column: an unknown placeholder (with "did you mean"), a list's
 * placeholder outside a table row, XML that does not parse.
 */
int	docfill_xml(const char *xml, size_t len, enum docfill_format fmt,
	    const char *part, const struct docfill_src *src,
	    struct strbuf *out, struct so_err *err);

/* The format a file name says (.odt, .docx, any case), or -1. */
int	docfill_format_of(const char *path);

/*
 * Fills the template file tpl into the file out (same format): written
 * beside out and renamed over it, so a failure leaves no half file.
 * Every other entry of the zip is copied unchanged, in its order; an
 * .odt's "mimetype" stays first and stored.
 */
int	docfill_file(const char *tpl, const char *out,
	    const struct docfill_src *src, struct so_err *err);

/*
 * Values for a record: a company, a contact or a deal (ent, id), read
 * through the store with the current user's rights (acl_check_read).
 * {company.*} is the record's company (the contact's or the deal's),
 * {contact.*} the contact (a deal's contact; in a company's document,
 * the company's contacts, one per row of a repeated table row),
 * {deal.*} the deal, {line.*} the deal's lines, {manager.name} the
 * record's manager (else its company's), {today} the date of now
 * (i18n_date_short).
 */
struct docfill_rec;
int	docfill_rec_open(struct db *db, const struct entity *ent, int64_t id,
	    struct docfill_rec **out, struct so_err *err);
void	docfill_rec_free(struct docfill_rec *r);
/* The source over r, for docfill_file. */
void	docfill_rec_src(struct docfill_rec *r, const char *tname,
	    struct docfill_src *src);
/* The record's title ("ООО Ромашка", "Иван Петров"): for file names. */
const char *docfill_rec_title(const struct docfill_rec *r);

/*
 * The document's record in the database: a note on it (its company,
 * contact or deal) titled "Document: NAME" whose text is the file's
 * full path and the template's name.  One transaction, audited.
 */
int	docfill_log(struct db *db, const struct entity *ent, int64_t id,
	    const char *path, const char *tname, struct so_err *err);

/*
 * file as a PDF in outdir, through LibreOffice: soffice --headless
 * --convert-to pdf --outdir outdir file, found on PATH, with a HOME and
 * profile of its own in a temporary directory (so it runs beside a
 * LibreOffice the user has open), killed after timeout_ms.  *pdf is the
 * PDF's path.  SO_ENOTFOUND when LibreOffice is not installed.
 */
int	docfill_pdf(const char *file, const char *outdir, long timeout_ms,
	    char **pdf, struct so_err *err);

/* Is soffice on PATH? */
int	docfill_has_soffice(void);

/*
 * A file name from a record's title: no slash, control or bidi control
 * character, byte that is no UTF-8 or character Windows refuses (each
 * '_'), no leading dot or space, not a Windows device name ("CON_"), at
 * most 100 bytes (whole characters); "ENTNAME-ID" when nothing is left.
 * New string.
 */
char	*docfill_file_name(const char *title, const char *entname,
	    int64_t id);

/*
 * One document for a record, as `salesorg doc` and the organizer's p
 * make it: the template filled for (ent, id) through docfill_rec_open
 * (so with the user's rights), written as the user (base/priv.h), with
 * its PDF beside it when pdf is set, then logged on the record
 * (docfill_log, the PDF's full path when there is one).
 */
struct docfill_job {
	const char	*tpl;		/* the template file */
	const char	*out;		/* the file; with dir, the directory */
	int		 dir;		/* out is a directory: the file is
					   named after the record */
	int		 pdf;		/* and a PDF through LibreOffice */
	long		 timeout_ms;	/* the PDF's */
	/*
	 * With dir: the file's name without its extension, from name
	 * (docfill_file_name of the record's title), which it takes (a
	 * new string back); NULL: name as it is.
	 */
	char		*(*name)(void *arg, char *name, int64_t id);
	void		*arg;
};
/* *doc and *pdf (NULL without one): the paths written, for the caller
 * to free; both NULL on an error. */
int	docfill_record(struct db *db, const struct entity *ent, int64_t id,
	    const struct docfill_job *job, char **doc, char **pdf,
	    struct so_err *err);

/*
 * The templates in dir: the names of its .odt and .docx files, sorted
 * (none of an editor's lock files, "~$x.docx" or ".~lock.x.odt#"), for
 * the caller to free (free_strv, store/group.h).  SO_ENOTFOUND when dir
 * does not exist, naming it.
 */
int	docfill_templates(const char *dir, char ***names, size_t *n,
	    struct so_err *err);

/* The pages of a PDF LibreOffice wrote (its /Type /Page objects), or
 * -1 when they cannot be counted. */
int	docfill_pdf_pages(const char *pdf);

#endif
