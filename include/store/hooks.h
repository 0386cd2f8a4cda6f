/*
 * Small rules several entities share, for their check hooks: defaulting
 * the responsible user to whoever creates the record, and the SQL label
 * expressions of the referenced tables.
 */
#ifndef STORE_HOOKS_H
#define STORE_HOOKS_H

#include <stdint.h>

#include "store/db.h"

/* Sets *user_id to the current user when it holds no value. */
void	hook_default_user(struct db *db, int64_t *user_id);

#define LABEL_USER	"r.full_name"
#define LABEL_COMPANY	"r.name"
#define LABEL_CONTACT	"trim(r.last_name || ' ' || r.first_name)"
#define LABEL_DEAL	"r.title"
#define LABEL_NAME	"r.name"

#endif
