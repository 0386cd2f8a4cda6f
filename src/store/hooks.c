/* Rules shared by several entities' check hooks; see store/hooks.h. */
#include "store/entity.h"
#include "store/hooks.h"

void
hook_default_user(struct db *db, int64_t *user_id)
{
	if ((*user_id == SO_NULL || *user_id == 0) && db_user_id(db))
		*user_id = db_user_id(db);
}
