/*
 * Columns by priority; see include/ui/columns.h.
 *
 * The layout is three passes over a handful of columns: who is shown
 * (minimums in priority order until one does not fit: after that no
 * column of a later priority is shown either, so a narrow terminal
 * loses the least important columns, never a middle one; an extra
 * column needs room for the others' comfort too), how the room
 * left is shared (a priority at a time, its columns widened alike up
 * to their preferred width, the way water fills level vessels, then
 * the same up to their whole text), and what is left
 * over when every column shows its whole text (the COL_FILL columns).
 * A column is never made wider than avail, and the widths and gaps of
 * the columns shown never add up to more than avail.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/acl.h"
#include "ui/columns.h"

/* The columns in the order they are shown by: priority, then place. */
static int
by_priority(const struct column *c, int n, int *order)
{
	int i, k = 0, p, lo = 0, hi = 0;

	for (i = 0; i < n; i++) {
		if (i == 0 || c[i].prio < lo)
			lo = c[i].prio;
		if (i == 0 || c[i].prio > hi)
			hi = c[i].prio;
	}
	for (p = lo; p <= hi && k < n; p++)
		for (i = 0; i < n; i++)
			if (c[i].prio == p)
				order[k++] = i;
	return k;
}

/* How wide a column grows: to its preferred width first (pref set),
 * then to its whole text. */
static int
target(const struct column *c, int preferred)
{
	if (preferred && c->pref > 0 && c->pref < c->want)
		return c->pref;
	return c->want;
}

/* Widens the columns of priority p towards their target, alike. */
static int
grow_band(struct column *c, const int *order, int k, int p, int left,
    int preferred)
{
	int i, short_of, share;

	while (left > 0) {
		short_of = 0;
		for (i = 0; i < k; i++)
			if (c[order[i]].prio == p && c[order[i]].width > 0 &&
			    c[order[i]].width < target(&c[order[i]],
			    preferred))
				short_of++;
		if (short_of == 0)
			break;
		share = left / short_of > 0 ? left / short_of : 1;
		for (i = 0; i < k && left > 0; i++) {
			struct column *col = &c[order[i]];
			int add;

			if (col->prio != p || col->width == 0 ||
			    col->width >= target(col, preferred))
				continue;
			add = target(col, preferred) - col->width;
			if (add > share)
				add = share;
			if (add > left)
				add = left;
			col->width += add;
			left -= add;
		}
	}
	return left;
}

/* What the shrinking columns shown lack of a comfortable width. */
static int
comfort_short(const struct column *c, int n)
{
	int i, lack = 0, ok;

	for (i = 0; i < n; i++) {
		if (c[i].width == 0 || !(c[i].flags & COL_SHRINK))
			continue;
		ok = c[i].min + (c[i].min + 1) / 2;
		if (ok > target(&c[i], 1))
			ok = target(&c[i], 1);
		if (ok > c[i].width)
			lack += ok - c[i].width;
	}
	return lack;
}

int
col_layout(struct column *c, int n, int avail, int gap)
{
	int *order, k, i, used = 0, shown = 0, left, nfill = 0, pass;

	if (n <= 0)
		return 0;
	order = xcalloc((size_t)n, sizeof(*order));
	k = by_priority(c, n, order);
	for (i = 0; i < n; i++) {
		c[i].width = 0;
		if (c[i].want < 0)
			c[i].want = 0;
		if (!(c[i].flags & COL_SHRINK) || c[i].min > c[i].want)
			c[i].min = c[i].want;
		if (c[i].min < 1)
			c[i].min = 1;
	}
	/* who is shown: minimums by priority while they fit */
	for (i = 0; i < k; i++) {
		struct column *col = &c[order[i]];
		int need = col->min + (shown ? gap : 0);

		if (col->want == 0)
			continue;	/* nothing to show */
		if (used + need + (col->flags & COL_EXTRA ?
		    comfort_short(c, n) : 0) > avail)
			break;
		col->width = col->min;
		used += need;
		shown++;
	}
	/* the room left, a priority at a time: to the preferred widths,
	 * then to the whole texts */
	left = avail - used;
	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < k && left > 0; i++)
			if (i == 0 || c[order[i]].prio != c[order[i - 1]].prio)
				left = grow_band(c, order, k, c[order[i]].prio,
				    left, pass);
	/* what every column's text leaves over */
	for (i = 0; i < n; i++)
		if (c[i].width > 0 && (c[i].flags & COL_FILL))
			nfill++;
	for (i = 0; i < n && left > 0 && nfill > 0; i++)
		if (c[i].width > 0 && (c[i].flags & COL_FILL)) {
			int add = left / nfill--;

			c[i].width += add;
			left -= add;
		}
	free(order);
	return shown;
}

int
col_want(int want, const char *s)
{
	int w = s ? utf8_width(s) : 0;

	return w > want ? w : want;
}

void
col_draw_row(int y, int x, int w, const struct column *c, int n, int gap,
    const char *const *cells, enum ui_attr a)
{
	int i, cx = x, first = 1;

	for (i = 0; i < n && cx < x + w; i++) {
		int cw = c[i].width;

		if (cw <= 0)
			continue;
		if (!first) {
			draw_fill(y, cx, 1, gap < x + w - cx ? gap : x + w - cx,
			    a);
			cx += gap;
		}
		first = 0;
		if (cw > x + w - cx)
			cw = x + w - cx;
		if (cw <= 0)
			break;
		if (c[i].flags & COL_RIGHT)
			draw_text_right(y, cx, cw, cells[i] ? cells[i] : "", a);
		else
			draw_text(y, cx, cw, cells[i] ? cells[i] : "", a);
		cx += cw;
	}
	if (cx < x + w)
		draw_fill(y, cx, 1, x + w - cx, a);
}

/* ---- values ---- */

void
col_money(int64_t minor, char *out, size_t sz)
{
	i18n_money(minor, 0, out, sz);
}

void
col_money_compact(int64_t minor, char *out, size_t sz)
{
	static const struct { double div; const char *name; } units[] = {
		{ 1e9, "млрд" }, { 1e6, "млн" }, { 1e3, "тыс." },
	};
	unsigned long long a = minor < 0 ? 0ULL - (unsigned long long)minor :
	    (unsigned long long)minor;
	double v = (double)((a + 50) / 100), x, r;
	char num[48], *p;
	int i, dec;

	for (i = 0; i < 3 && v < units[i].div; i++)
		;
	if (i == 3) {
		snprintf(out, sz, "%s%.0f", minor < 0 && v > 0 ? "-" : "", v);
		return;
	}
	for (;;) {
		x = v / units[i].div;
		dec = x >= 100 ? 0 : x >= 10 ? 1 : 2;
		r = round(x * pow(10, dec)) / pow(10, dec);
		/* 999 600 is "1 млн", not "1000 тыс." */
		if (r < 1000 || i == 0)
			break;
		i--;
	}
	snprintf(num, sizeof(num), "%.*f", dec, r);
	if ((p = strchr(num, '.')) != NULL) {
		*p = ',';
		for (p = num + strlen(num) - 1; *p == '0'; p--)
			*p = '\0';
		if (*p == ',')
			*p = '\0';
	}
	snprintf(out, sz, "%s%s %s", minor < 0 ? "-" : "", num,
	    units[i].name);
}

void
col_date(const char *iso, char *out, size_t sz)
{
	if (strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-' &&
	    strcmp(i18n_lang(), "ru") == 0)
		snprintf(out, sz, "%.2s.%.2s.%.4s", iso + 8, iso + 5, iso);
	else
		snprintf(out, sz, "%s", iso);
}

/*
 * "2026-12-14 13:30" as "14.12 13:30" in the current year and
 * "14.12.2025" in another (an old call's hour no longer matters); a
 * date the same way.
 */
static char *
short_moment(const char *iso, int time)
{
	char now[11];

	dt_format_date(dt_now(), now);
	if (strlen(iso) < 10)
		return xstrdup(iso);
	if (strncmp(iso, now, 4) != 0)
		return xasprintf("%.2s.%.2s.%.4s", iso + 8, iso + 5, iso);
	if (time && strlen(iso) >= 16)
		return xasprintf("%.2s.%.2s %.5s", iso + 8, iso + 5, iso + 11);
	return xasprintf("%.2s.%.2s", iso + 8, iso + 5);
}

char *
col_value(const struct entity *ent, int fi, const void *obj)
{
	const struct field_desc *fd = &ent->fields[fi];
	const struct choice *c;
	const char *code;

	if (fd->type == FT_CHOICE && fd->choices &&
	    (code = field_text_c(fd, obj)) != NULL)
		for (c = fd->choices; c->code; c++)
			if (strcmp(c->code, code) == 0)
				return xstrdup(choice_label(ent, c));
	if (fd->type == FT_BOOL && !field_is_empty(fd, obj))
		return xstrdup(field_int_c(fd, obj) ? _("yes") : "");
	return field_format_shown(ent, fi, obj);
}

char *
col_field_text(const struct entity *ent, int fi, const void *obj)
{
	const struct field_desc *fd = &ent->fields[fi];
	char buf[48], *iso, *v;

	/* a colleague's record: its title, not its details */
	if (rec_meta((void *)obj)->hidden && acl_field_is_detail(ent, fi))
		return xstrdup("");
	if (field_is_empty(fd, obj))
		return field_format_shown(ent, fi, obj);
	switch (fd->type) {
	case FT_MONEY:
		col_money(field_int_c(fd, obj), buf, sizeof(buf));
		return xstrdup(buf);
	case FT_MOMENT:
	case FT_DATE:
		iso = field_format_shown(ent, fi, obj);
		v = short_moment(iso, fd->type == FT_MOMENT);
		free(iso);
		return v;
	default:
		return col_value(ent, fi, obj);
	}
}
