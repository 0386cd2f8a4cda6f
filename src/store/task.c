/* Tasks: things to do by a date, assigned to a user, linked to a card. */
#include <stddef.h>

#include "base/i18n.h"
#include "store/entities.h"
#include "store/hooks.h"

#define O(m)	offsetof(struct task, m)

static const struct choice priorities[] = {
	{ "low", NC_("task", "Low") },
	{ "normal", NC_("task", "Normal") },
	{ "high", NC_("task", "High") },
	{ NULL, NULL }
};

static const struct choice statuses[] = {
	{ "open", NC_("task", "Open") },
	{ "done", NC_("task", "Done") },
	{ "cancelled", NC_("task", "Cancelled") },
	{ NULL, NULL }
};

static const struct field_desc fields[] = {
	{ "title", NC_("task", "Title"), FT_TEXT, O(title), 32, 0,
	    F_REQUIRED | F_SORT | F_SEARCH, NULL, NULL, NULL, NULL },
	{ "description", NC_("task", "Description"), FT_MEMO, O(description),
	    0, 0, F_SEARCH, NULL, NULL, NULL, NULL },
	{ "due_at", NC_("task", "Due"), FT_MOMENT, O(due_at), 16, 0, F_SORT,
	    NULL, NULL, NULL, NULL },
	{ "remind_min", NC_("task", "Remind (min before)"), FT_INT,
	    O(remind_min), 0, 0, 0, NULL, NULL, NULL, NULL },
	{ "priority", NC_("task", "Priority"), FT_CHOICE, O(priority), 8, 0,
	    0, NULL, NULL, priorities, "normal" },
	{ "status", NC_("task", "Status"), FT_CHOICE, O(status), 9, 0, 0,
	    NULL, NULL, statuses, "open" },
	FIELD_ASSIGNEE(NC_("task", "Assignee"), 12, 0),
	FIELD_COMPANY(NC_("task", "Company"), 20, 0),
	FIELD_CONTACT(NC_("task", "Contact"), 0, 0),
	FIELD_DEAL(NC_("task", "Deal"), 0, 0),
	{ "uid", NC_("task", "UID"), FT_TEXT, O(uid), 0, 250,
	    F_HIDDEN | F_READONLY, NULL, NULL, NULL, NULL },
};

static int
check(struct db *db, void *obj, struct so_err *err)
{
	struct task *t = obj;

	hook_default_user(db, t, &t->assignee_id);
	hook_new_uid(&t->uid);
	if (t->remind_min != SO_NULL && t->remind_min < 0)
		return so_err_field(err, SO_EINVAL, "remind_min",
		    _("Remind: minutes before the due moment, 0 or more"));
	return SO_OK;
}

struct entity entity_task = {
	.name = "task", .table = "tasks",
	.label = NC_("task", "Task"),
	.plural = NC_("task", "Tasks"),
	.size = sizeof(struct task),
	.fields = fields, .nfields = sizeof(fields) / sizeof(fields[0]),
	.default_sort = 2,
	.title_sql = "t.title",
	.check = check,
};

STORE_WRAPPERS(task, struct task, entity_task)

int
store_task_by_uid(struct db *db, const char *uid, int64_t *id,
    struct so_err *err)
{
	if (*uid == '\0') {
		*id = 0;
		return SO_OK;
	}
	/* The second term lets the partial index tasks_uid serve: without
	 * it every lookup read the whole table. */
	return store_uid_lookup(db, "SELECT id FROM tasks WHERE uid = ? "
	    "AND uid <> ''", uid, id, err);
}
