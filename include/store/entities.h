/*
 * The card-file entities: one plain struct each (first member struct
 * rec_meta) and its descriptor.  Field meanings are in sql/001_init.sql;
 * the descriptor tables in src/store/<entity>.c say how each is shown,
 * edited and validated.  Typed store functions (store_company_create, ...)
 * are declared here; per-entity rules live in the same .c files.
 */
#ifndef STORE_ENTITIES_H
#define STORE_ENTITIES_H

#include <stdint.h>

#include "store/entity.h"
#include "store/record.h"

/* Every card file, NULL-terminated, in tab order (entities.c). */
extern const struct entity *const entities[];

struct company {
	struct rec_meta	 meta;
	char	*name, *legal_name, *category, *status, *industry, *city;
	char	*address, *phone, *phone2, *email, *website, *source;
	int64_t	 manager_id;
	char	*comment;
	char	*abc;		/* rank of the latest month (abc.c) */
};

struct contact {
	struct rec_meta	 meta;
	char	*last_name, *first_name, *middle_name;
	int64_t	 company_id;
	char	*position, *role, *phone_work, *phone_mobile, *phone_home;
	char	*email, *email2, *messengers, *birthday, *address, *hobbies;
	char	*source;
	int64_t	 manager_id;
	char	*comment;
	char	*uid;		/* vCard UID, "" until exported or imported */
};

struct task {
	struct rec_meta	 meta;
	char	*title, *description;
	int64_t	 due_at;
	char	*priority, *status;
	int64_t	 assignee_id, company_id, contact_id, deal_id;
	char	*uid;
	int64_t	 remind_min;	/* minutes before due_at; SO_NULL: none */
};

struct note {
	struct rec_meta	 meta;
	char	*title, *body;
	int64_t	 company_id, contact_id, deal_id;
};

struct link {
	struct rec_meta	 meta;
	char	*url, *title, *description, *kind;
	int64_t	 company_id;
};

struct event {
	struct rec_meta	 meta;
	int64_t	 type_id;
	char	*subject;
	int64_t	 start_at, end_at, all_day;
	char	*rrule;
	int64_t	 remind_min, assignee_id, company_id, contact_id, deal_id;
	char	*status;
	int64_t	 result_id;
	char	*result_comment, *uid, *location, *description;
	char	*our_actions, *client_actions;
};

struct deal {
	struct rec_meta	 meta;
	char	*title;
	int64_t	 company_id, contact_id, stage_id, amount, quantity;
	char	*expected_close, *closed_on, *terms;
	int64_t	 manager_id;
	char	*lost_reason;
};

struct payment {
	struct rec_meta	 meta;
	int64_t	 company_id, deal_id, amount;
	char	*paid_on, *document, *comment;
	char	*kind;		/* "goods" or "services" */
	int64_t	 units;		/* of goods; SO_NULL: not said */
};

/* Programs: campaigns (seminar, mailing, promotion) and their members. */
struct program {
	struct rec_meta	 meta;
	char	*name, *kind, *starts_on, *ends_on, *description;
};

struct program_member {
	struct rec_meta	 meta;
	int64_t	 program_id, company_id, contact_id;
	char	*status, *result;
};

/*
 * The product catalogue and deal lines (product.c, store/product.h):
 * groups of products (a tree), products, and what a deal sells.
 */
struct product_group {
	struct rec_meta	 meta;
	char	*name;
	int64_t	 parent_id;
	char	*comment;
};

struct product {
	struct rec_meta	 meta;
	char	*code, *name;
	int64_t	 group_id;
	char	*unit;
	int64_t	 price;		/* kopecks; SO_NULL: no list price */
	int64_t	 retired;	/* 1: no longer sold (no new lines) */
	char	*comment;
};

struct deal_line {
	struct rec_meta	 meta;
	int64_t	 deal_id, product_id, quantity, price, discount;
	int64_t	 amount;	/* kept by the store (deal_line_amount) */
	char	*comment;
};

extern struct entity entity_company, entity_contact, entity_task,
    entity_note, entity_link, entity_event, entity_deal, entity_payment,
    entity_program, entity_member, entity_product_group, entity_product,
    entity_deal_line;

STORE_WRAPPERS_DECL(company, struct company)
STORE_WRAPPERS_DECL(contact, struct contact)
STORE_WRAPPERS_DECL(task, struct task)
STORE_WRAPPERS_DECL(note, struct note)
STORE_WRAPPERS_DECL(link, struct link)
STORE_WRAPPERS_DECL(event, struct event)
STORE_WRAPPERS_DECL(deal, struct deal)
STORE_WRAPPERS_DECL(payment, struct payment)
STORE_WRAPPERS_DECL(program, struct program)
STORE_WRAPPERS_DECL(member, struct program_member)
STORE_WRAPPERS_DECL(product_group, struct product_group)
STORE_WRAPPERS_DECL(product, struct product)
STORE_WRAPPERS_DECL(deal_line, struct deal_line)

/* A contact's employment history, oldest first. */
struct contact_job {
	int64_t	 id;		/* 0: not written yet */
	int64_t	 company_id;
	char	*company;	/* its name at the time of reading */
	char	*position;
	int64_t	 started_at, ended_at;	/* ended_at 0: current */
};
int	store_contact_jobs(struct db *db, int64_t contact_id,
	    struct contact_job **out, size_t *n, struct so_err *err);
void	store_contact_jobs_free(struct contact_job *jobs, size_t n);
/*
 * A job of the history entered by hand (j->id 0: added, and set to the
 * new row's id; else changed),
 * as whoever may write the contact may; audited on the contact.  A job
 * added is a past one, with an end: the current job is the contact's
 * Company, opened and closed as it changes, so of the current job only
 * the position and the start are changed here.  The start is before
 * the end, neither after today; SO_EINVAL names the field (company_id,
 * started_at, ended_at).
 */
int	store_contact_job_save(struct db *db, int64_t contact_id,
	    struct contact_job *j, struct so_err *err);
/* Removes a past job (not the current one) from the history; audited. */
int	store_contact_job_delete(struct db *db, int64_t contact_id,
	    int64_t job_id, struct so_err *err);

/*
 * One occurrence of a recurring event moved or cancelled (iCalendar
 * RECURRENCE-ID / EXDATE).  orig_start is the occurrence as the rule
 * generates it; a moved one has new_start (and new_end, 0 when none).
 */
struct event_exception {
	int64_t	 orig_start, new_start, new_end;
	int	 cancelled;
	/* A moved occurrence's own texts (an iCalendar override's SUMMARY,
	 * LOCATION, DESCRIPTION); NULL: the series'.  Owned by the array
	 * store_event_exceptions returns. */
	char	*subject, *location, *description;
};
/* The event's exceptions by orig_start; free with
 * store_event_exceptions_free. */
int	store_event_exceptions(struct db *db, int64_t event_id,
	    struct event_exception **out, size_t *n, struct so_err *err);
void	store_event_exceptions_free(struct event_exception *x, size_t n);
/* Insert or replace the exception at x->orig_start; audited.  A text
 * x leaves NULL keeps the one stored (a move in the agenda keeps an
 * override's title); store_event_exceptions_clear first to drop it. */
int	store_event_exception_set(struct db *db, int64_t event_id,
	    const struct event_exception *x, struct so_err *err);
/* Remove the exception at orig_start (the occurrence as the rule has
 * it again); audited. */
int	store_event_exception_remove(struct db *db, int64_t event_id,
	    int64_t orig_start, struct so_err *err);
/* Remove every exception of the event; audited. */
int	store_event_exceptions_clear(struct db *db, int64_t event_id,
	    struct so_err *err);

/* The live (or trashed) event or task with this iCalendar UID: *id, or
 * 0 and SO_OK when there is none. */
int	store_event_by_uid(struct db *db, const char *uid, int64_t *id,
	    struct so_err *err);
int	store_task_by_uid(struct db *db, const char *uid, int64_t *id,
	    struct so_err *err);

/* ---- people who worked at a company (contact.c) ---- */

struct former_employee {
	int64_t		 contact_id;
	char		*name, *position;
	int64_t		 started_at, ended_at;
};
int	 store_company_former(struct db *db, int64_t company_id,
	    struct former_employee **out, size_t *n, struct so_err *err);
void	 store_company_former_free(struct former_employee *v, size_t n);

/* ---- programs (program.c) ---- */

struct program_count {
	char		*status;	/* code: invited, confirmed, ... */
	int64_t		 count;
};
/* Members per status of one program, in the status order. */
int	 program_counts(struct db *db, int64_t program_id,
	    struct program_count **out, size_t *n, struct so_err *err);
void	 program_counts_free(struct program_count *v, size_t n);

#endif
