/*
 * Columns by priority: the one layout every list on screen uses (the
 * agenda's call list, the card files' lists, a card's sections, the
 * pipeline's cards), so that a list reads the same at 60 columns as at
 * 250 and nothing is cut without a mark.
 *
 * Each column says how narrow it may get (min), how wide its text is
 * (want: the widest value or the label), its priority, and whether it
 * may be narrower than its text (COL_SHRINK: names, subjects) or not
 * (a time, a phone number, an amount: a cut one is a wrong one).
 * col_layout gives every column its minimum in priority order while
 * they fit -- a column is left out only after every column of a higher
 * number is, and a COL_EXTRA column also when it would leave the
 * others too little room -- then widens them towards their preferred
 * width and then towards their whole text, each time a priority at a
 * time, the columns of one priority sharing alike; room left over when
 * all have their text goes to the COL_FILL columns.  The drawing cuts
 * text by display width (Cyrillic one column, CJK two) and ends what it
 * cut with "…".
 */
#ifndef UI_COLUMNS_H
#define UI_COLUMNS_H

#include <stdint.h>

#include "store/entity.h"
#include "ui/draw.h"

#define COL_SHRINK	0x01	/* may be narrower than want, down to min */
#define COL_FILL	0x02	/* takes the room left when all have want */
#define COL_RIGHT	0x04	/* right-aligned (amounts) */
/* Shown only when the shrinking columns already shown can also have
 * a comfortable width (half as much again as their min, or their
 * whole text): a company's category does not squeeze its name. */
#define COL_EXTRA	0x08

struct column {
	int		 min;	/* narrowest width (COL_SHRINK only) */
	int		 want;	/* natural width: widest value or label */
	int		 pref;	/* > 0: preferred width, which every column
				   reaches before any grows past it (a
				   list's field width); 0: want */
	int		 prio;	/* 0 first; left out last */
	unsigned	 flags;
	int		 width;	/* set by col_layout; 0: left out */
};

/*
 * Lays out n columns in avail display columns with gap blanks between
 * the columns shown; sets each width (0 for a column left out, and for
 * a column with nothing to show, want 0).  Returns the columns shown.
 */
int	 col_layout(struct column *c, int n, int avail, int gap);
/* max(want, display width of s): for gathering natural widths. */
int	 col_want(int want, const char *s);
/*
 * Draws one row: cells[i] in column i at its place (from x, gap blanks
 * between the columns shown), cut with "…", right-aligned for
 * COL_RIGHT, in attribute a; blanks up to x + w.
 */
void	 col_draw_row(int y, int x, int w, const struct column *c, int n,
	    int gap, const char *const *cells, enum ui_attr a);

/*
 * Money as the screen shows it, everywhere: grouped by thousands
 * ("1 250 000"), kopecks only when there are some ("1 250 000.50"; in
 * Russian "1 250 000,50", base/i18n.h).
 */
void	 col_money(int64_t minor, char *out, size_t sz);
/*
 * The same in at most about 8 columns, for sums: "840", "840 тыс.",
 * "5,46 млн", "1,2 млрд" (three significant digits, rounded).
 */
void	 col_money_compact(int64_t minor, char *out, size_t sz);
/*
 * A date ("2026-12-05", as typed or stored) as a title shows it: the
 * same in English, "05.12.2026" in Russian (base/i18n.h's short date);
 * anything else as it is.
 */
void	 col_date(const char *iso, char *out, size_t sz);
/*
 * A field's value as a person reads it (a new string): field_format's
 * text, but a choice by its label and a yes in the messages' language
 * (the forms read them back).
 */
char	*col_value(const struct entity *ent, int fi, const void *obj);
/*
 * A field's value as a column shows it (a new string): col_value's
 * text, with money in col_money's form, and dates short: "14.12 13:30"
 * and "14.12" in the current year, "14.12.2025" in another (a card's
 * Info and the forms keep the full ISO form).
 */
char	*col_field_text(const struct entity *ent, int fi, const void *obj);

#endif
