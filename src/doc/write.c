/*
 * doc_write: the one entry the command line and the TUI call, whatever
 * the format.  Text and PDF say how many pages they made; CSV and HTML
 * are one "page" (the browser paginates HTML when it prints).
 *
 * A table's rows may come back from a temporary file (doc.h); when one
 * could not be written or read, the writer has left rows out, and the
 * document is refused here, whatever the format.
 *
 * A document is made from the database before it gets here, so writing
 * it needs no group privilege: it runs as the user (priv.h), and the
 * libraries the PDF writer loads (pango, cairo, fontconfig) read their
 * configuration and fonts as the user too.
 */
#include <stdio.h>

#include "base/i18n.h"
#include "base/priv.h"
#include "doc/doc.h"

static int
write_as(const struct doc *d, enum doc_format fmt,
    const struct doc_layout *lo, FILE *f, int *pages, struct so_err *err)
{
	static const struct doc_layout def = DOC_LAYOUT_DEFAULT;

	if (lo == NULL)
		lo = &def;
	if (pages)
		*pages = 1;
	switch (fmt) {
	case DOC_TEXT:
		return doc_write_text(d, lo, f, pages, err);
	case DOC_CSV:
		return doc_write_csv(d, f, err);
	case DOC_HTML:
		return doc_write_html(d, f, err);
	case DOC_PDF:
		return doc_write_pdf(d, lo, f, pages, err);
	case DOC_XLSX:
		return doc_write_xlsx(d, f, err);
	}
	return so_err_set(err, SO_ERR, _("unknown output format %d"),
	    (int)fmt);
}

int
doc_write(const struct doc *d, enum doc_format fmt,
    const struct doc_layout *lo, FILE *f, int *pages, struct so_err *err)
{
	int code;

	size_t i;

	priv_user_begin();
	code = write_as(d, fmt, lo, f, pages, err);
	priv_user_end();
	/* a table's rows read back from its file (doc.h): a row that
	 * could not be read is a report with a hole, not a report */
	for (i = 0; code == SO_OK && i < d->nblocks; i++)
		if (d->blocks[i].table && doc_table_error(d->blocks[i].table))
			code = so_err_set(err, SO_ERR, _("the report's rows "
			    "could not be written to a temporary file or read "
			    "back"));
	return code;
}
