/*
 * CSV export of a list (any card file, with its filter and order):
 * RFC 4180 quoting, a header of field labels, values as shown on screen.
 * Values starting with = + - @ are prefixed with ' so a spreadsheet does
 * not run them as formulas (CSV injection).  Pages through the store by
 * keyset, so memory stays flat for any size.
 */
#ifndef EXPORT_H
#define EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "store/record.h"

int	export_csv(struct db *db, const struct entity *ent,
	    const struct list_query *q, FILE *out, int64_t *rows,
	    struct so_err *err);
/* Writes one CSV field (quoted when needed, formula-safe). */
void	export_csv_field(FILE *out, const char *s);
/* Writes one TSV field: tabs and line breaks (which would break the
 * row) become spaces. */
void	export_tsv_field(FILE *out, const char *s);

#endif
