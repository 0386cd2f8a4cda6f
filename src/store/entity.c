/*
 * What every entity shares: the registry, and reading, writing, formatting
 * and validating a field through its descriptor.  The descriptor tables
 * themselves live with each entity's rules in company.c, contact.c, ...
 *
 * The registry is the table entities.c registers at start-up, not one
 * kept here: the entity files stand on the record engine, which stands
 * on this file, so naming them here would make a circle.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "base/util.h"
#include "store/entity.h"
#include "store/labels.h"

static const struct entity *const none[] = { NULL };
static const struct entity *const *all = none;

void
entity_set_all(const struct entity *const *table)
{
	all = table ? table : none;
}

const struct entity *const *
entity_all(void)
{
	return all;
}

const struct entity *
entity_find(const char *name)
{
	int i;

	for (i = 0; all[i]; i++)
		if (strcmp(all[i]->name, name) == 0 ||
		    strcmp(all[i]->table, name) == 0)
			return all[i];
	return NULL;
}

int
entity_field(const struct entity *ent, const char *name)
{
	int i;

	for (i = 0; i < ent->nfields; i++)
		if (strcmp(ent->fields[i].name, name) == 0)
			return i;
	return -1;
}

/*
 * The Russian of an English label of the entity named ctx, from the table
 * made of po/ru.po (store/labels.h); en itself when it has none.  A
 * hundred and fifty rows: a lookup costs less than the folding around it.
 */
static const char *
label_ru(const char *ctx, const char *en)
{
	const struct label_ru *l;

	for (l = labels_ru; l->ctx; l++)
		if (strcmp(l->en, en) == 0 && strcmp(l->ctx, ctx) == 0)
			return l->ru;
	return en;
}

/* a equals b ignoring case (Cyrillic too), '_' and ' ' the same. */
static int
name_eq(const char *a, const char *b)
{
	char *fa, *fb, *q;
	int eq;

	if (a == NULL || b == NULL)
		return 0;
	fa = utf8_fold(a);
	fb = utf8_fold(b);
	for (q = fa; *q; q++)
		if (*q == ' ')
			*q = '_';
	for (q = fb; *q; q++)
		if (*q == ' ')
			*q = '_';
	eq = strcmp(fa, fb) == 0;
	free(fa);
	free(fb);
	return eq;
}

static int
field_named(const struct entity *ent, const struct field_desc *fd,
    const char *name)
{
	size_t n = strlen(fd->name);

	if (name_eq(fd->name, name) || name_eq(fd->label, name) ||
	    name_eq(field_label_ru(ent, fd), name))
		return 1;
	/* manager for manager_id */
	return n > 3 && strcmp(fd->name + n - 3, "_id") == 0 &&
	    strlen(name) == n - 3 && strncasecmp(fd->name, name, n - 3) == 0;
}

int
entity_field_named(const struct entity *ent, const char *name)
{
	int i;

	for (i = 0; i < ent->nfields; i++)
		if (field_named(ent, &ent->fields[i], name))
			return i;
	return -1;
}

int
field_is_text(const struct field_desc *fd)
{
	switch (fd->type) {
	case FT_TEXT:
	case FT_MEMO:
	case FT_PHONE:
	case FT_EMAIL:
	case FT_URL:
	case FT_CHOICE:
	case FT_DATE:
		return 1;
	default:
		return 0;
	}
}

int
entity_nbuiltin(const struct entity *ent)
{
	int i;

	for (i = 0; i < ent->nfields; i++)
		if (ent->fields[i].flags & F_CUSTOM)
			break;
	return i;
}

/*
 * A custom field's value in obj, the array grown to hold its slot: a
 * record read before a field was added, or zeroed by the caller, has
 * fewer slots than the entity has custom fields.
 */
static struct cval *
custom_slot(const struct field_desc *fd, void *obj)
{
	struct rec_meta *m = obj;
	int slot = (int)fd->offset;

	if (slot >= m->ncustom) {
		m->custom = xrealloc(m->custom, (size_t)(slot + 1) *
		    sizeof(*m->custom));
		for (; m->ncustom <= slot; m->ncustom++) {
			m->custom[m->ncustom].s = NULL;
			m->custom[m->ncustom].i = SO_NULL;
		}
	}
	return &m->custom[slot];
}

/* The same for reading: NULL when obj has no such slot yet. */
static const struct cval *
custom_slot_c(const struct field_desc *fd, const void *obj)
{
	const struct rec_meta *m = obj;

	return (int)fd->offset < m->ncustom ? &m->custom[fd->offset] : NULL;
}

char **
field_text(const struct field_desc *fd, void *obj)
{
	if (fd->flags & F_CUSTOM)
		return &custom_slot(fd, obj)->s;
	return (char **)((char *)obj + fd->offset);
}

int64_t *
field_int(const struct field_desc *fd, void *obj)
{
	if (fd->flags & F_CUSTOM)
		return &custom_slot(fd, obj)->i;
	return (int64_t *)((char *)obj + fd->offset);
}

const char *
field_text_c(const struct field_desc *fd, const void *obj)
{
	const struct cval *cv;
	const char *s;

	if (fd->flags & F_CUSTOM) {
		cv = custom_slot_c(fd, obj);
		s = cv ? cv->s : NULL;
	} else
		s = *(char *const *)((const char *)obj + fd->offset);
	return s ? s : "";
}

int64_t
field_int_c(const struct field_desc *fd, const void *obj)
{
	const struct cval *cv;

	if (fd->flags & F_CUSTOM) {
		cv = custom_slot_c(fd, obj);
		return cv ? cv->i : SO_NULL;
	}
	return *(const int64_t *)((const char *)obj + fd->offset);
}

int
field_is_empty(const struct field_desc *fd, const void *obj)
{
	int64_t v;

	if (field_is_text(fd))
		return *field_text_c(fd, obj) == '\0';
	v = field_int_c(fd, obj);
	if (v == SO_NULL)
		return 1;
	return v == 0 && (fd->type == FT_REF || fd->type == FT_MOMENT);
}

int
field_equal(const struct field_desc *fd, const void *a, const void *b)
{
	if (field_is_text(fd))
		return strcmp(field_text_c(fd, a), field_text_c(fd, b)) == 0;
	if (field_is_empty(fd, a) || field_is_empty(fd, b))
		return field_is_empty(fd, a) == field_is_empty(fd, b);
	return field_int_c(fd, a) == field_int_c(fd, b);
}

/* ---- money ---- */

void
money_format(int64_t minor, char out[32])
{
	uint64_t a = minor < 0 ? (uint64_t)0 - (uint64_t)minor :
	    (uint64_t)minor;

	snprintf(out, 32, "%s%" PRIu64 ".%02" PRIu64, minor < 0 ? "-" : "",
	    a / 100, a % 100);
}

/*
 * Accepts what people and Excel write: "1 234,50", "1234.5", "-12",
 * "1\u00a0234" (no-break space as Russian Excel groups thousands).  At
 * most two decimals: "12.345" is an error, not a rounding.
 */
int
money_parse(const char *s, int64_t *out)
{
	uint64_t whole = 0, frac = 0;
	int neg = 0, digits = 0, fdigits = -1;

	while (*s == ' ')
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (fdigits >= 0) {
				if (++fdigits > 2)
					return -1;
				frac = frac * 10 + (uint64_t)(*s - '0');
			} else {
				whole = whole * 10 + (uint64_t)(*s - '0');
				if (whole > INT64_MAX / 100 - 1)
					return -1;
			}
			digits++;
		} else if ((*s == '.' || *s == ',') && fdigits < 0)
			fdigits = 0;
		else if (*s == ' ' || *s == '\'')
			continue;
		else if ((unsigned char)s[0] == 0xc2 &&
		    (unsigned char)s[1] == 0xa0)
			s++;
		else
			return -1;
	}
	if (digits == 0)
		return -1;
	if (fdigits == 1)
		frac *= 10;
	*out = (int64_t)(whole * 100 + frac) * (neg ? -1 : 1);
	return 0;
}

/* ---- formatting ---- */

/* "Open, Done, Cancelled": what a choice field takes, for its errors. */
static const char *
choice_labels(const struct entity *ent, const struct field_desc *fd,
    char *buf, size_t sz)
{
	const struct choice *c;
	size_t len = 0;

	buf[0] = '\0';
	for (c = fd->choices; c && c->code && len + 1 < sz; c++)
		len += (size_t)snprintf(buf + len, sz - len, "%s%s",
		    c == fd->choices ? "" : ", ", choice_label(ent, c));
	return buf;
}

/* label folded equals the folded text ft. */
static int
label_eq(const char *label, const char *ft)
{
	char *fl = utf8_fold(label);
	int eq = strcmp(fl, ft) == 0;

	free(fl);
	return eq;
}

/*
 * The choice text names: its code, or its label in English, in the
 * messages' language or in Russian (a Russian spreadsheet imported
 * whatever the locale), in any case.
 */
static const struct choice *
find_choice(const struct entity *ent, const struct field_desc *fd,
    const char *text)
{
	const struct choice *c;
	char *ft;

	if (fd->choices == NULL)
		return NULL;
	for (c = fd->choices; c->code; c++)
		if (strcmp(c->code, text) == 0)
			return c;
	ft = utf8_fold(text);
	for (c = fd->choices; c->code; c++)
		if (label_eq(c->label, ft) ||
		    label_eq(choice_label(ent, c), ft) ||
		    label_eq(choice_label_ru(ent, c), ft))
			break;
	free(ft);
	return c->code ? c : NULL;
}

static int
is_choice_code(const struct field_desc *fd, const char *s)
{
	const struct choice *c;

	for (c = fd->choices; c->code; c++)
		if (strcmp(c->code, s) == 0)
			return 1;
	return 0;
}

/* field_format (shown 0: the same words in every language, what a file
 * or another program gets) and field_format_shown (shown 1). */
static char *
format_value(const struct entity *ent, int fi, const void *obj, int shown)
{
	const struct field_desc *fd = &ent->fields[fi];
	const struct rec_meta *m = obj;
	const struct choice *c;
	char buf[32], date[17];
	int64_t v;

	if (field_is_text(fd)) {
		if (fd->type == FT_CHOICE && fd->choices &&
		    (c = find_choice(ent, fd, field_text_c(fd, obj))) != NULL)
			return xstrdup(shown ? choice_label(ent, c) :
			    c->label);
		return xstrdup(field_text_c(fd, obj));
	}
	if (field_is_empty(fd, obj))
		return xstrdup("");
	v = field_int_c(fd, obj);
	switch (fd->type) {
	case FT_MONEY:
		money_format(v, buf);
		return xstrdup(buf);
	case FT_MOMENT:
		dt_format_moment((time_t)v, date);
		return xstrdup(date);
	case FT_BOOL:
		return xstrdup(v ? shown ? _("yes") : "yes" : "");
	case FT_REF:
		if (m->ref_labels && m->ref_labels[fi])
			return xstrdup(m->ref_labels[fi]);
		return xasprintf("#%" PRId64, v);
	default:
		return xasprintf("%" PRId64, v);
	}
}

char *
field_format(const struct entity *ent, int fi, const void *obj)
{
	return format_value(ent, fi, obj, 0);
}

char *
field_format_shown(const struct entity *ent, int fi, const void *obj)
{
	return format_value(ent, fi, obj, 1);
}

/* ---- parsing ---- */

static int
parse_bool(const char *s, int64_t *out)
{
	static const char *const yes[] = { "yes", "y", "true", "1", "x",
	    "да", "д", NULL };
	static const char *const no[] = { "no", "n", "false", "0", "нет",
	    "н", NULL };
	char *f = utf8_fold(s);
	int i, rc = -1;

	for (i = 0; yes[i]; i++)
		if (strcmp(f, yes[i]) == 0) {
			*out = 1;
			rc = 0;
		}
	for (i = 0; no[i]; i++)
		if (strcmp(f, no[i]) == 0) {
			*out = 0;
			rc = 0;
		}
	free(f);
	return rc;
}

static int
parse_int(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (*s == '#')
		s++;
	if (!isdigit((unsigned char)*s) && *s != '-')
		return -1;
	v = strtoll(s, &end, 10);
	while (*end == ' ')
		end++;
	if (*end != '\0')
		return -1;
	*out = v;
	return 0;
}

int
field_parse(const struct entity *ent, int fi, void *obj, const char *text,
    time_t now, struct so_err *err)
{
	const struct field_desc *fd = &ent->fields[fi];
	const struct choice *c;
	char msg[200], date[11];
	time_t t;
	int64_t v;
	size_t len;

	while (*text == ' ')
		text++;
	len = strlen(text);
	while (len > 0 && text[len - 1] == ' ')
		len--;
	if (len == 0) {
		if (field_is_text(fd)) {
			free(*field_text(fd, obj));
			*field_text(fd, obj) = NULL;
		} else
			*field_int(fd, obj) = fd->type == FT_BOOL ? 0 : SO_NULL;
		return SO_OK;
	}
	if (field_is_text(fd)) {
		char *val;

		if (fd->type == FT_CHOICE) {
			char *t2 = xstrndup(text, len);

			c = find_choice(ent, fd, t2);
			free(t2);
			if (c == NULL)
				return so_err_field(err, SO_EINVAL, fd->name,
				    _("%s: one of %s"), field_label(ent, fd),
				    choice_labels(ent, fd, msg, sizeof(msg)));
			val = xstrdup(c->code);
		} else if (fd->type == FT_DATE) {
			char *t2 = xstrndup(text, len);
			int rc = dt_parse_date(t2, now, date, msg, sizeof(msg));

			free(t2);
			if (rc != 0)
				return so_err_field(err, SO_EINVAL, fd->name,
				    "%s: %s", field_label(ent, fd), msg);
			val = xstrdup(date);
		} else if (fd->type == FT_MEMO)
			val = xstrdup(text);	/* keep a memo's layout */
		else
			val = xstrndup(text, len);
		free(*field_text(fd, obj));
		*field_text(fd, obj) = val;
		return SO_OK;
	}
	switch (fd->type) {
	case FT_MOMENT:
		if (dt_parse_moment(text, now, &t, msg, sizeof(msg)) != 0)
			return so_err_field(err, SO_EINVAL, fd->name, "%s: %s",
			    field_label(ent, fd), msg);
		v = t;
		break;
	case FT_MONEY:
		if (money_parse(text, &v) != 0)
			return so_err_field(err, SO_EINVAL, fd->name,
			    _("%s: not an amount (write it like 1234.50)"),
			    field_label(ent, fd));
		break;
	case FT_BOOL:
		if (parse_bool(text, &v) != 0)
			return so_err_field(err, SO_EINVAL, fd->name,
			    _("%s: write yes or no"), field_label(ent, fd));
		break;
	default:	/* FT_INT, FT_REF */
		if (parse_int(text, &v) != 0 || (fd->type == FT_REF && v <= 0))
			return so_err_field(err, SO_EINVAL, fd->name,
			    _("%s: not a number"), field_label(ent, fd));
		break;
	}
	*field_int(fd, obj) = v;
	return SO_OK;
}

/* ---- validation ---- */

static int
default_maxlen(const struct field_desc *fd)
{
	if (fd->maxlen)
		return fd->maxlen;
	switch (fd->type) {
	case FT_MEMO:
		return 100000;
	case FT_URL:
		return 2000;
	case FT_EMAIL:
		return 254;
	case FT_PHONE:
		return 60;
	default:
		return 250;
	}
}

static int
valid_email_list(const char *s)
{
	const char *at, *end;

	/* One or more addresses separated by ',' or ';'. */
	while (*s) {
		while (*s == ' ' || *s == ',' || *s == ';')
			s++;
		if (*s == '\0')
			break;
		end = s + strcspn(s, ",; ");
		at = memchr(s, '@', (size_t)(end - s));
		if (at == NULL || at == s || at + 1 >= end ||
		    memchr(at + 1, '.', (size_t)(end - at - 1)) == NULL ||
		    memchr(at + 1, '@', (size_t)(end - at - 1)) != NULL ||
		    end[-1] == '.')
			return 0;
		s = end;
	}
	return 1;
}

static int
valid_phone(const char *s)
{
	int digits = 0;

	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s == '@')
			return 0;
	}
	return digits >= 3;
}

int
field_validate(const struct entity *ent, int fi, const void *obj,
    struct so_err *err)
{
	const struct field_desc *fd = &ent->fields[fi];
	const char *s;
	uint32_t cp;
	size_t n, chars;

	if (field_is_empty(fd, obj)) {
		if (fd->flags & F_REQUIRED)
			return so_err_field(err, SO_EINVAL, fd->name,
			    _("%s: required"), field_label(ent, fd));
		return SO_OK;
	}
	if (!field_is_text(fd)) {
		if (fd->type == FT_BOOL && field_int_c(fd, obj) != 0 &&
		    field_int_c(fd, obj) != 1)
			return so_err_field(err, SO_EINVAL, fd->name,
			    _("%s: must be yes or no"),
			    field_label(ent, fd));
		return SO_OK;
	}
	s = field_text_c(fd, obj);
	n = strlen(s);
	/* The common case of the three checks below in one pass. */
	if (utf8_plain(s, n, fd->type == FT_MEMO ? "\t\n\r" : "\t",
	    &chars)) {
		if (chars > (size_t)default_maxlen(fd))
			return so_err_field(err, SO_EINVAL, fd->name,
			    _("%s: longer than %d characters"),
			    field_label(ent, fd), default_maxlen(fd));
	} else {
		if (!utf8_valid(s, n))
			return so_err_field(err, SO_EINVAL, fd->name,
			    _("%s: not valid UTF-8 text"),
			    field_label(ent, fd));
		/* C1 as well as C0: a terminal takes U+009B for ESC [. */
		if (utf8_control_at(s, fd->type == FT_MEMO ? "\t\n\r" :
		    "\t", &cp) >= 0)
			return so_err_field(err, SO_EINVAL, fd->name,
			    _("%s: contains a control character (%s%02X)"),
			    field_label(ent, fd), cp < 0x80 ? "0x" : "U+00",
			    (unsigned)cp);
		if (utf8_len(s) > (size_t)default_maxlen(fd))
			return so_err_field(err, SO_EINVAL, fd->name,
			    _("%s: longer than %d characters"),
			    field_label(ent, fd), default_maxlen(fd));
	}
	switch (fd->type) {
	case FT_EMAIL:
		if (!valid_email_list(s))
			return so_err_field(err, SO_EINVAL, fd->name,
			    _("%s: not an e-mail address"),
			    field_label(ent, fd));
		break;
	case FT_PHONE:
		if (!valid_phone(s))
			return so_err_field(err, SO_EINVAL, fd->name,
			    _("%s: not a phone number"),
			    field_label(ent, fd));
		break;
	case FT_URL:
		if (strpbrk(s, " \t") || strchr(s, '.') == NULL)
			return so_err_field(err, SO_EINVAL, fd->name,
			    _("%s: not a web address"),
			    field_label(ent, fd));
		break;
	case FT_DATE:
		if (!dt_valid_date(s))
			return so_err_field(err, SO_EINVAL, fd->name,
			    _("%s: not a date (YYYY-MM-DD)"),
			    field_label(ent, fd));
		break;
	case FT_CHOICE:
		if (fd->choices && !is_choice_code(fd, s)) {
			char list[200];

			return so_err_field(err, SO_EINVAL, fd->name,
			    _("%s: \"%s\" is not one of %s"),
			    field_label(ent, fd), s,
			    choice_labels(ent, fd, list, sizeof(list)));
		}
		break;
	default:
		break;
	}
	return SO_OK;
}

void
money_grouped(int64_t minor, int cents, char *out, size_t sz)
{
	unsigned long long a = minor < 0 ? 0ULL - (unsigned long long)minor :
	    (unsigned long long)minor;
	char digits[32], grouped[48];
	size_t len, i, j = 0;

	len = (size_t)snprintf(digits, sizeof(digits), "%llu", a / 100);
	if (minor < 0)
		grouped[j++] = '-';
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			grouped[j++] = ' ';
		grouped[j++] = digits[i];
	}
	grouped[j] = '\0';
	if (cents || a % 100)
		snprintf(out, sz, "%s.%02llu", grouped, a % 100);
	else
		snprintf(out, sz, "%s", grouped);
}

/* ---- labels a person reads (store/entity.h) ---- */

const char *
entity_label(const struct entity *ent)
{
	return i18n_cgettext(ent->name, ent->label);
}

const char *
entity_plural(const struct entity *ent)
{
	return i18n_cgettext(ent->name, ent->plural);
}

const char *
field_label(const struct entity *ent, const struct field_desc *fd)
{
	if (fd->flags & F_CUSTOM)
		return fd->label;
	return i18n_cgettext(ent->name, fd->label);
}

const char *
field_label_ru(const struct entity *ent, const struct field_desc *fd)
{
	if (fd->flags & F_CUSTOM)
		return fd->label;
	return label_ru(ent->name, fd->label);
}

const char *
choice_label(const struct entity *ent, const struct choice *c)
{
	return i18n_cgettext(ent->name, c->label);
}

const char *
choice_label_ru(const struct entity *ent, const struct choice *c)
{
	return label_ru(ent->name, c->label);
}
