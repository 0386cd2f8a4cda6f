/*
 * Entity descriptors: each card file (company, contact, task, note, link,
 * event, deal, payment) is described once, by a table of field
 * descriptors.  The store generates its SQL from it and validates with
 * it; the list view, card, form, filters and CSV mapping read it too.
 * Adding a field is one line in the table (plus its column in sql/).
 *
 * Each entity has a plain C struct whose first member is struct rec_meta;
 * every descriptor names its member by offsetof().  Text kinds are held
 * as char * (NULL and "" both mean "no value"), numeric kinds as int64_t
 * with SO_NULL for "no value" (a reference or a moment of 0 is also no
 * value: ids start at 1 and nobody plans a call for 1970).
 *
 * Custom fields (F_CUSTOM, added by an admin at run time) are appended to
 * an entity's descriptors when a database is opened; callers that walk
 * fields[0..nfields) and use the accessors below need not tell them apart.
 */
#ifndef STORE_ENTITY_H
#define STORE_ENTITY_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/err.h"

#define SO_NULL		INT64_MIN

enum field_type {
	FT_TEXT,	/* one line of text */
	FT_MEMO,	/* multi-line text */
	FT_PHONE,
	FT_EMAIL,
	FT_URL,
	FT_CHOICE,	/* one of desc->choices, stored as the code */
	FT_DATE,	/* calendar date, "YYYY-MM-DD" */
	FT_MOMENT,	/* date and time, Unix seconds */
	FT_INT,
	FT_MONEY,	/* minor units (kopecks); shown as 1 234.50 */
	FT_BOOL,
	FT_REF,		/* id of a row in ref_table */
};

/* Field flags */
#define F_REQUIRED	0x01	/* may not be empty */
#define F_SORT		0x02	/* the list can sort by it (has an index) */
#define F_SEARCH	0x04	/* the quick filter looks in it */
#define F_HIDDEN	0x08	/* not shown on the card or form */
#define F_READONLY	0x10	/* shown, not edited in forms */
/* A custom field (store/custom.h): an admin added it at run time.  Its
 * value lives in the record's rec_meta.custom[offset], not in a column,
 * so offset is a slot number rather than an offsetof(). */
#define F_CUSTOM	0x40

/* The value of one custom field in a record: text kinds use s, numeric
 * kinds i (SO_NULL for none), as the static fields do. */
struct cval {
	char		*s;
	int64_t		 i;
};

struct choice {
	const char	*code;		/* stored */
	const char	*label;		/* shown, through choice_label */
};

struct field_desc {
	const char	*name;		/* column name */
	/* English, marked NC_("<entity name>", ...): field_label shows
	 * it translated, field_label_ru gives the Russian one. */
	const char	*label;
	enum field_type	 type;
	size_t		 offset;	/* offsetof() in the entity struct */
	int		 width;		/* list column width; 0: not listed */
	int		 maxlen;	/* max characters; 0: type default */
	unsigned	 flags;
	const char	*ref_table;	/* FT_REF: table referenced */
	const char	*ref_label;	/* FT_REF: SQL expression naming a row */
	const struct choice *choices;	/* FT_CHOICE: ends with {NULL} */
	const char	*defval;	/* default, in text form */
};

/* The bookkeeping every card-file row has. */
struct rec_meta {
	int64_t		 id;		/* 0 until created */
	int64_t		 version;	/* as read; an update must match it */
	int64_t		 created_at, updated_at, deleted_at;
	int64_t		 created_by;
	/* Display labels of FT_REF fields, by field index (filled by get
	 * and list; NULL where there is none). */
	char		**ref_labels;
	/* Values of the custom fields, by slot; grown on first access
	 * (field_text/field_int), owned and freed by the record. */
	struct cval	*custom;
	int		 ncustom;
	/* Its details are not the current user's to read (a colleague's
	 * record: acl_hide_details): set by rec_get, and by rec_list for a
	 * query that asks (list_query.seeing).  Its title, references and
	 * choices show; acl_field_is_detail says what does not. */
	int		 hidden;
	/* Set by the program on a record it creates on its own (a logged
	 * message, a done occurrence): its empty custom fields are not
	 * refused (store/record.h says why).  0 in what is read. */
	int		 by_program;
};

struct db;

struct entity {
	const char	*name;		/* "company": audit log, CLI, filters */
	const char	*table;		/* "companies" */
	const char	*label;		/* "Company" */
	const char	*plural;	/* "Companies" */
	size_t		 size;		/* sizeof the struct */
	/* The compiled-in descriptors, followed by the database's custom
	 * fields once it is open (store/custom.h rebuilds the array). */
	const struct field_desc *fields;
	int		 nfields;
	int		 default_sort;	/* field index */
	/* SQL expression (over the table's columns) naming a record. */
	const char	*title_sql;
	/* Hooks (may be NULL).  check: cross-field rules and defaults,
	 * before a create or update is written.  after_write: runs in the
	 * same transaction after the row is written (old is NULL on
	 * create). */
	int		(*check)(struct db *, void *obj, struct so_err *);
	int		(*after_write)(struct db *, const void *old,
			    const void *obj, struct so_err *);
	/* after_trash: runs in the same transaction after row id went to
	 * the trash (del 1) or came back out of it (del 0). */
	int		(*after_trash)(struct db *, int64_t id, int del,
			    struct so_err *);
	/* Reference data of the team (the product catalogue): every user
	 * reads it whole, only a head or an admin writes it (acl.c). */
	int		 catalogue;
};

/*
 * All card-file entities, NULL-terminated, in tab order, and lookup by
 * name.  The table is entities.c's (entities[], store/entities.h),
 * registered with entity_set_all before main() runs; the store below the
 * entity files walks it through entity_all.
 */
void	 entity_set_all(const struct entity *const *table);
const struct entity *const *entity_all(void);
const struct entity *entity_find(const char *name);
/* Index of the named field, or -1. */
int	 entity_field(const struct entity *ent, const char *name);
/*
 * The same as a person names it: the column name in any case, without
 * "_id" (manager), or the English or Russian label with spaces as '_'
 * (менеджер).  For filters and --fields.
 */
int	 entity_field_named(const struct entity *ent, const char *name);

static inline struct rec_meta *
rec_meta(void *obj)
{
	return (struct rec_meta *)obj;
}

/* Number of compiled-in fields: custom ones follow them in fields[]. */
int	 entity_nbuiltin(const struct entity *ent);

/*
 * What a person reads, in the messages' language (base/i18n.h): the card
 * file's name ("Company", "Companies"), a field's label and a choice's
 * label, translated in the context of the entity's name (the tables
 * mark them NC_("company", "Name")); a custom field's label is the
 * user's own and shown as typed.  field_label_ru and choice_label_ru
 * are the Russian labels whatever the language and whether or not a
 * catalogue is installed (store/labels.h), for column headings and
 * values read from or written for Russian Excel (import, export
 * --excel) and for filters.
 */
const char *entity_label(const struct entity *ent);
const char *entity_plural(const struct entity *ent);
const char *field_label(const struct entity *ent, const struct field_desc *fd);
const char *field_label_ru(const struct entity *ent,
	    const struct field_desc *fd);
const char *choice_label(const struct entity *ent, const struct choice *c);
const char *choice_label_ru(const struct entity *ent,
	    const struct choice *c);

/* Type predicates */
int	 field_is_text(const struct field_desc *fd);

/* Raw access to a field's storage in obj (custom fields too). */
char	**field_text(const struct field_desc *fd, void *obj);
int64_t	*field_int(const struct field_desc *fd, void *obj);
const char *field_text_c(const struct field_desc *fd, const void *obj);
int64_t	 field_int_c(const struct field_desc *fd, const void *obj);
/* True when a and b hold the same value in this field. */
int	 field_equal(const struct field_desc *fd, const void *a,
	    const void *b);
/* True when the field holds no value. */
int	 field_is_empty(const struct field_desc *fd, const void *obj);

/*
 * The field's value as text for export (a new string the caller frees):
 * money "1234.50", moment "2026-12-01 14:30", bool "yes"/"", a choice's
 * label, a reference's label (or "#id"), the same in every language: a
 * file or another program reads it.  field_format_shown is the same for
 * a person, the choice's label and "yes" in the messages' language.
 */
char	*field_format(const struct entity *ent, int fi, const void *obj);
char	*field_format_shown(const struct entity *ent, int fi,
	    const void *obj);
/*
 * Parses text into the field (forms, CSV, command line): natural dates
 * relative to now, money "1 234,50", choices by code or label (any
 * case), references by numeric id.  Empty text clears the field.  On
 * error the field is unchanged and err names it.
 */
int	 field_parse(const struct entity *ent, int fi, void *obj,
	    const char *text, time_t now, struct so_err *err);
/*
 * Checks one field's value: required, length, UTF-8, no control
 * characters (except newline and tab in memos), phone/e-mail/URL/date
 * syntax, choice membership.  References are checked against the
 * database by the store.
 */
int	 field_validate(const struct entity *ent, int fi, const void *obj,
	    struct so_err *err);

/* Money as "1234.50" / "-0.05" into out (32 bytes). */
void	 money_format(int64_t minor, char out[32]);
/*
 * Money grouped by thousands as people read it: "1 234 567", with the
 * kopecks (".50") when cents is set or there are any.
 */
void	 money_grouped(int64_t minor, int cents, char *out, size_t sz);
/* Parses "1 234,50", "1234.5", "-12" into minor units. */
int	 money_parse(const char *text, int64_t *out);

#endif
