/* CSV export; see include/export.h. */
#include <stdlib.h>
#include <string.h>

#include "export.h"

#define EXPORT_PAGE	500

void
export_csv_field(FILE *out, const char *s)
{
	int formula = strchr("=+-@", s[0]) != NULL && s[0] != '\0';

	if (!formula && strpbrk(s, ",;\"\r\n\t") == NULL) {
		fputs(s, out);
		return;
	}
	putc('"', out);
	if (formula)
		putc('\'', out);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', out);
		putc(*s, out);
	}
	putc('"', out);
}

int
export_csv(struct db *db, const struct entity *ent,
    const struct list_query *q, FILE *out, int64_t *rows, struct so_err *err)
{
	struct rec_list page = { 0 };
	void *anchor = NULL;
	size_t i;
	int f, code, first = 1;

	*rows = 0;
	for (f = 0; f < ent->nfields; f++) {
		if (ent->fields[f].flags & F_HIDDEN)
			continue;
		if (!first)
			putc(',', out);
		export_csv_field(out, ent->fields[f].label);
		first = 0;
	}
	fputs("\r\n", out);
	for (;;) {
		code = rec_list(db, ent, q, anchor ? LIST_AFTER : LIST_FIRST,
		    anchor, EXPORT_PAGE, &page, err);
		if (anchor) {
			rec_clear(ent, anchor);
			free(anchor);
			anchor = NULL;
		}
		if (code != SO_OK)
			return code;
		if (page.n == 0)
			break;
		for (i = 0; i < page.n; i++) {
			first = 1;
			for (f = 0; f < ent->nfields; f++) {
				char *v;

				if (ent->fields[f].flags & F_HIDDEN)
					continue;
				if (!first)
					putc(',', out);
				v = field_format(ent, f, rec_list_at(&page, i));
				export_csv_field(out, v);
				free(v);
				first = 0;
			}
			fputs("\r\n", out);
			(*rows)++;
		}
		anchor = calloc(1, ent->size);
		if (anchor == NULL)
			abort();
		rec_copy(ent, anchor, rec_list_at(&page, page.n - 1));
		rec_list_free(&page);
	}
	rec_list_free(&page);
	if (ferror(out))
		return so_err_set(err, SO_ERR, "write error");
	return SO_OK;
}

void
export_tsv_field(FILE *out, const char *s)
{
	for (; *s; s++)
		putc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}
