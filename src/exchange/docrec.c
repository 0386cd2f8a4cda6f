/*
 * The values a document template is filled with, for a company, a
 * contact or a deal, and the note that records a document on its
 * record; see docfill.h.
 *
 * Everything is read through the store with the current user's rights:
 * the record and the company, contact or deal it names must be the
 * user's to read (acl_check_read), and a company's contacts in a
 * repeated row are those whose details the user may see.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "base/priv.h"
#include "base/utf8.h"
#include "base/util.h"
#include "exchange/docfill.h"
#include "store/acl.h"
#include "store/doclines.h"
#include "store/entities.h"
#include "store/record.h"

enum { LIST_LINES = 1, LIST_CONTACTS };

struct docfill_rec {
	struct db		*db;
	const struct entity	*ent;
	int64_t			 id;
	struct company		 co;
	struct contact		 ct;
	struct deal		 dl;
	int			 has_co, has_ct, has_dl;
	struct contact		*contacts;	/* a company's */
	size_t			 ncontacts;
	struct doc_line		*lines;		/* a deal's */
	size_t			 nlines;
	char			*title;
};

/* The record of ent id, when the user may read it, into obj. */
static int
get(struct db *db, const struct entity *ent, int64_t id, void *obj,
    int *has, struct so_err *err)
{
	int code;

	if (id == SO_NULL || id == 0)
		return SO_OK;
	if ((code = acl_check_read(db, ent, id, err)) != SO_OK)
		return code;
	/* rec_get fills obj afresh: the defaults rec_init put there go. */
	rec_clear(ent, obj);
	if ((code = rec_get(db, ent, id, obj, err)) != SO_OK) {
		rec_init(ent, obj);
		return code;
	}
	*has = 1;
	return SO_OK;
}

static int
add_contact(void *arg, const void *rec, struct so_err *err)
{
	struct docfill_rec *r = arg;

	(void)err;
	if (acl_hide_details(r->db, &entity_contact, rec))
		return SO_OK;
	r->contacts = xrealloc(r->contacts, (r->ncontacts + 1) *
	    sizeof(*r->contacts));
	rec_copy(&entity_contact, &r->contacts[r->ncontacts++], rec);
	return SO_OK;
}

static char *
person(const struct contact *c)
{
	const char *first = c->first_name ? c->first_name : "";
	const char *last = c->last_name ? c->last_name : "";

	return xasprintf("%s%s%s", first, *first && *last ? " " : "", last);
}

int
docfill_rec_open(struct db *db, const struct entity *ent, int64_t id,
    struct docfill_rec **out, struct so_err *err)
{
	struct docfill_rec *r = xcalloc(1, sizeof(*r));
	struct list_query q = { .sort = -1 };
	int code;

	*out = NULL;
	r->db = db;
	r->ent = ent;
	r->id = id;
	store_company_init(&r->co);
	store_contact_init(&r->ct);
	store_deal_init(&r->dl);
	if (ent == &entity_company)
		code = get(db, ent, id, &r->co, &r->has_co, err);
	else if (ent == &entity_contact) {
		if ((code = get(db, ent, id, &r->ct, &r->has_ct, err)) ==
		    SO_OK)
			code = get(db, &entity_company, r->ct.company_id,
			    &r->co, &r->has_co, err);
	} else if (ent == &entity_deal) {
		if ((code = get(db, ent, id, &r->dl, &r->has_dl, err)) ==
		    SO_OK && (code = get(db, &entity_company,
		    r->dl.company_id, &r->co, &r->has_co, err)) == SO_OK)
			code = get(db, &entity_contact, r->dl.contact_id,
			    &r->ct, &r->has_ct, err);
	} else
		code = so_err_set(err, SO_EINVAL, _("documents are filled for "
		    "a company, a contact or a deal, not a %s"),
		    entity_label(ent));
	if (code == SO_OK && ent == &entity_company) {
		q.ref_field = "company_id";
		q.ref_id = id;
		code = rec_walk(db, &entity_contact, &q, add_contact, r, err);
	}
	if (code == SO_OK && ent == &entity_deal)
		code = doc_deal_lines(db, id, &r->lines, &r->nlines, err);
	if (code != SO_OK) {
		docfill_rec_free(r);
		return code;
	}
	if (ent == &entity_company)
		r->title = xstrdup(r->co.name ? r->co.name : "");
	else if (ent == &entity_contact)
		r->title = person(&r->ct);
	else
		r->title = xstrdup(r->dl.title ? r->dl.title : "");
	*out = r;
	return SO_OK;
}

void
docfill_rec_free(struct docfill_rec *r)
{
	size_t i;

	if (r == NULL)
		return;
	store_company_clear(&r->co);
	store_contact_clear(&r->ct);
	store_deal_clear(&r->dl);
	for (i = 0; i < r->ncontacts; i++)
		store_contact_clear(&r->contacts[i]);
	free(r->contacts);
	doc_lines_free(r->lines, r->nlines);
	free(r->title);
	free(r);
}

const char *
docfill_rec_title(const struct docfill_rec *r)
{
	return r->title;
}

/* The record's manager, else its company's ("" when neither). */
static char *
manager(const struct docfill_rec *r)
{
	const struct entity *ent = NULL;
	const void *obj = NULL;
	char *v = xstrdup("");

	if (r->has_dl) {
		ent = &entity_deal;
		obj = &r->dl;
	} else if (r->has_ct && r->ent == &entity_contact) {
		ent = &entity_contact;
		obj = &r->ct;
	}
	if (ent) {
		free(v);
		v = field_format(ent, entity_field(ent, "manager_id"), obj);
	}
	if (*v == '\0' && r->has_co) {
		free(v);
		v = field_format(&entity_company, entity_field(&entity_company,
		    "manager_id"), &r->co);
	}
	return v;
}

static char *
money(int64_t v)
{
	char buf[32];

	if (v == SO_NULL)
		return xstrdup("");
	money_format(v, buf);
	return xstrdup(buf);
}

static char *
line_value(const struct doc_line *l, long row, int field)
{
	switch (field) {
	case TPL_LINE_NUMBER:
		return xasprintf("%ld", row + 1);
	case TPL_LINE_PRODUCT:
		return xstrdup(l->product);
	case TPL_LINE_QUANTITY:
		return xasprintf("%lld", (long long)l->quantity);
	case TPL_LINE_PRICE:
		return money(l->price);
	case TPL_LINE_DISCOUNT:
		return l->discount == SO_NULL ? xstrdup("") :
		    xasprintf("%lld", (long long)l->discount);
	default:
		return money(l->amount);
	}
}

static int
rec_value(void *arg, const struct tpl_piece *p, long row, char **out,
    struct so_err *err)
{
	struct docfill_rec *r = arg;
	char buf[64];

	(void)err;
	switch (p->kind) {
	case TPL_COMPANY:
		*out = r->has_co ? field_format(&entity_company, p->field,
		    &r->co) : xstrdup("");
		break;
	case TPL_CONTACT:
		if (r->ent == &entity_company)
			*out = row >= 0 && (size_t)row < r->ncontacts ?
			    field_format(&entity_contact, p->field,
			    &r->contacts[row]) : xstrdup("");
		else
			*out = r->has_ct ? field_format(&entity_contact,
			    p->field, &r->ct) : xstrdup("");
		break;
	case TPL_DEAL:
		*out = r->has_dl ? field_format(&entity_deal, p->field,
		    &r->dl) : xstrdup("");
		break;
	case TPL_LINE:
		*out = row >= 0 && (size_t)row < r->nlines ?
		    line_value(&r->lines[row], row, p->field) : xstrdup("");
		break;
	case TPL_MANAGER:
		*out = manager(r);
		break;
	case TPL_TODAY:
		i18n_date_short((time_t)db_now(r->db), buf, sizeof(buf));
		*out = xstrdup(buf);
		break;
	default:
		*out = xstrdup(p->text);
		break;
	}
	return SO_OK;
}

static int
rec_list_of(void *arg, const struct tpl_piece *p)
{
	struct docfill_rec *r = arg;

	if (p->kind == TPL_LINE)
		return LIST_LINES;
	if (p->kind == TPL_CONTACT && r->ent == &entity_company)
		return LIST_CONTACTS;
	return 0;
}

static int
list_count(void *arg, int list, size_t *n, struct so_err *err)
{
	struct docfill_rec *r = arg;

	(void)err;
	*n = list == LIST_LINES ? r->nlines : r->ncontacts;
	return SO_OK;
}

void
docfill_rec_src(struct docfill_rec *r, const char *tname,
    struct docfill_src *src)
{
	memset(src, 0, sizeof(*src));
	src->tname = tname;
	src->value = rec_value;
	src->list = rec_list_of;
	src->count = list_count;
	src->arg = r;
}

int
docfill_log(struct db *db, const struct entity *ent, int64_t id,
    const char *path, const char *tname, struct so_err *err)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	struct note n;
	int code;

	store_note_init(&n);
	/* the program's record: a field people made required stays
	 * empty */
	n.meta.by_program = 1;
	/* Stored, so in the language of the database, not of the one who
	 * made it (not translated). */
	n.title = xasprintf("Document: %s", base);
	n.body = xasprintf("%s\nTemplate: %s", path, tname);
	if (ent == &entity_company)
		n.company_id = id;
	else if (ent == &entity_contact)
		n.contact_id = id;
	else
		n.deal_id = id;
	code = rec_create(db, &entity_note, &n, err);
	store_note_clear(&n);
	return code;
}

/* ---- one document, made and logged ---- */

#define NAME_MAX_BYTES	100		/* of a file name from a title */

/* Windows' device names, which no file there can be called (with any
 * extension): "CON.docx" cannot be opened on a share or a stick. */
static int
device_name(const char *s, size_t n)
{
	static const char *const dev[] = { "CON", "PRN", "AUX", "NUL",
	    NULL };
	size_t i;

	for (i = 0; dev[i] != NULL; i++)
		if (n == 3 && strncasecmp(s, dev[i], 3) == 0)
			return 1;
	return n == 4 && (strncasecmp(s, "COM", 3) == 0 ||
	    strncasecmp(s, "LPT", 3) == 0) && s[3] >= '1' && s[3] <= '9';
}

char *
docfill_file_name(const char *title, const char *entname, int64_t id)
{
	struct strbuf b = { 0 };
	const char *s;
	uint32_t cp;
	size_t k;

	sb_add(&b, "");
	for (s = title; *s && b.len < NAME_MAX_BYTES; s += k) {
		k = utf8_decode(s, strlen(s), &cp);
		/* a control, a bidi control (which would show the name
		 * reordered in a file manager), a byte that is no UTF-8
		 * and the characters Windows refuses: '_' */
		if (utf8_is_control(cp) || utf8_is_bidi_control(cp) ||
		    cp == 0xFFFD || cp == 0x2028 || cp == 0x2029 ||
		    strchr("/\\:*?\"<>|", *s) != NULL)
			sb_addc(&b, '_');
		else if (b.len + k <= NAME_MAX_BYTES &&
		    !(b.len == 0 && (*s == '.' || *s == ' ')))
			sb_addn(&b, s, k);
	}
	while (b.len > 0 && (b.s[b.len - 1] == ' ' || b.s[b.len - 1] == '.'))
		b.s[--b.len] = '\0';
	if (b.len == 0)
		sb_printf(&b, "%s-%lld", entname, (long long)id);
	else if (device_name(b.s, b.len))
		sb_addc(&b, '_');
	return sb_steal(&b);
}

/* The directory of path ("." for a bare name), a new string. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int
docfill_record(struct db *db, const struct entity *ent, int64_t id,
    const struct docfill_job *job, char **doc, char **pdf,
    struct so_err *err)
{
	const char *tname = strrchr(job->tpl, '/') ? strrchr(job->tpl, '/') +
	    1 : job->tpl;
	struct docfill_rec *r;
	struct docfill_src src;
	char *path, *name, *dir, *full;
	int code, fmt;

	*doc = *pdf = NULL;
	if ((fmt = docfill_format_of(job->tpl)) < 0)
		return so_err_set(err, SO_EINVAL, _("%s: a template is an "
		    ".odt or a .docx file"), job->tpl);
	if ((code = docfill_rec_open(db, ent, id, &r, err)) != SO_OK)
		return code;
	if (job->dir) {
		name = docfill_file_name(docfill_rec_title(r), ent->name, id);
		if (job->name)
			name = job->name(job->arg, name, id);
		path = xasprintf("%s%s%s%s", job->out, job->out[0] &&
		    job->out[strlen(job->out) - 1] == '/' ? "" : "/", name,
		    fmt == DOCFILL_ODT ? ".odt" : ".docx");
		free(name);
	} else
		path = xstrdup(job->out);
	docfill_rec_src(r, tname, &src);
	/* the user's file, made as the user (priv.h) */
	priv_user_begin();
	code = docfill_file(job->tpl, path, &src, err);
	if (code == SO_OK && job->pdf) {
		dir = dir_of(path);
		code = docfill_pdf(path, dir, job->timeout_ms, pdf, err);
		free(dir);
	}
	/* the full path: the note is read from anywhere */
	full = code == SO_OK ? realpath(*pdf ? *pdf : path, NULL) : NULL;
	priv_user_end();
	docfill_rec_free(r);
	if (code == SO_OK)
		code = docfill_log(db, ent, id, full ? full : *pdf ? *pdf :
		    path, tname, err);
	free(full);
	if (code != SO_OK) {
		free(path);
		free(*pdf);
		*pdf = NULL;
		return code;
	}
	*doc = path;
	return SO_OK;
}
