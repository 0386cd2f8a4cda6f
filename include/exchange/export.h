/*
 * CSV export of a list (any card file, with its filter and order), in
 * two dialects:
 *
 *	EXPORT_UTF8	RFC 4180: UTF-8, ',' between fields, CRLF; what
 *			programs and LibreOffice read.
 *	EXPORT_EXCEL	what Russian Excel opens with a double-click:
 *			CP1251, ';' between fields (',' is its decimal
 *			point), CRLF, Russian field labels in the header.
 *
 * Both quote as RFC 4180 does and neutralise formulas (CSV injection,
 * OWASP): a text value starting with = + - @ TAB or CR is prefixed with
 * ' so a spreadsheet shows it instead of running it (a lone "-", the
 * reports' "none", is left alone: it runs nothing; so is a phone or a
 * number, a sign and digits with blanks, brackets, dashes, dots or
 * commas, "+7 843 123-45-67": it runs nothing either, and LibreOffice
 * Calc would show the quote).  Numbers (integer
 * and money fields, the id) are written as they are: "-500.00" is an
 * amount, not a formula.
 *
 * CP1251 holds Cyrillic, Latin without most accents and the common
 * typography (« » № —), not CJK, emoji or most accented letters.  Such a
 * character is never replaced or dropped: the export stops with an error
 * naming the record, the field and the character (U+XXXX).  A row is
 * converted whole before any of it is written, so output stops at a row
 * boundary; export_csv_file writes to a temporary file beside the target
 * and renames it on success, so a failed export leaves no partial file.
 *
 * Pages through the store by keyset, so memory stays flat for any size.
 */
#ifndef EXPORT_H
#define EXPORT_H

#include <iconv.h>
#include <stdint.h>
#include <stdio.h>

#include "base/util.h"
#include "store/record.h"

enum export_dialect {
	EXPORT_UTF8,
	EXPORT_EXCEL,
};

/* A field index meaning the record's id (a number, header "id"). */
#define EXPORT_ID	(-1)

/* Builds rows in a dialect and writes each one whole. */
struct export_writer {
	FILE		*out;
	enum export_dialect dialect;
	char		 sep;
	iconv_t		 cd;		/* UTF-8 -> CP1251; (iconv_t)-1: none */
	struct strbuf	 row;		/* the row so far, in output bytes */
	struct strbuf	 field;		/* scratch: one quoted field, UTF-8 */
	int		 nfields;	/* in the row so far */
};

/* Sets w up to write to out; SO_ERR when iconv lacks CP1251. */
int	export_writer_init(struct export_writer *w, FILE *out,
	    enum export_dialect d, struct so_err *err);
void	export_writer_free(struct export_writer *w);
/*
 * Adds v to the row; text: neutralise formulas (see above).  Returns
 * SO_EINVAL when the dialect's encoding cannot hold a character of v,
 * err saying which ("中" (U+4E2D)); the caller adds where.
 */
int	export_writer_add(struct export_writer *w, const char *v, int text,
	    struct so_err *err);
/* Adds field fi of obj (EXPORT_ID: its id), formatted as the list shows
 * it; an error names the record and the field:
 * company 17, field "name" (Название): "中" (U+4E2D) has no CP1251 code */
int	export_writer_value(struct export_writer *w, const struct entity *ent,
	    int fi, const void *obj, struct so_err *err);
/* Adds the header label of field fi (EXPORT_ID: "id"): the English
 * label in UTF-8, the Russian one for Excel. */
int	export_writer_label(struct export_writer *w, const struct entity *ent,
	    int fi, struct so_err *err);
/* Writes the row and its CRLF and starts the next; SO_ERR on a write
 * error. */
int	export_writer_end(struct export_writer *w, struct so_err *err);

/* True when field fi (EXPORT_ID too) holds a number, never
 * neutralised. */
int	export_is_number(const struct entity *ent, int fi);
/* "UTF-8" or "Excel: CP1251, ';'", for messages. */
const char *export_dialect_name(enum export_dialect d);

/* Every visible field of the list q, a header of labels first. */
int	export_csv_dialect(struct db *db, const struct entity *ent,
	    const struct list_query *q, enum export_dialect d, FILE *out,
	    int64_t *rows, struct so_err *err);
/* The same in UTF-8 (English labels). */
int	export_csv(struct db *db, const struct entity *ent,
	    const struct list_query *q, FILE *out, int64_t *rows,
	    struct so_err *err);
/* The same into the file at path, all or nothing (see above). */
int	export_csv_file(struct db *db, const struct entity *ent,
	    const struct list_query *q, enum export_dialect d,
	    const char *path, int64_t *rows, struct so_err *err);

/*
 * Opens a temporary file beside path (same directory, so the rename is
 * atomic) with the mode path has, or a new file would get; *tmp receives
 * its name.  export_file_close flushes and closes it, then renames it
 * over path when ok, or removes it; it frees *tmp.  Errors name path.
 */
FILE	*export_file_open(const char *path, char **tmp, struct so_err *err);
int	 export_file_close(FILE *f, char **tmp, const char *path, int ok,
	    struct so_err *err);

/* Writes one UTF-8 CSV field (quoted when needed, formula-safe). */
void	export_csv_field(FILE *out, const char *s);
/* Writes one TSV field: tabs and line breaks (which would break the
 * row) become spaces. */
void	export_tsv_field(FILE *out, const char *s);

#endif
