/*
 * The table of card files (include/store/entities.h), in tab order.
 *
 * It names every entity's descriptor, so it sits with the entity files,
 * above the record engine; the store below them (custom fields, search,
 * entity_find) reaches it through the registry in entity.c, which this
 * file fills before main() runs, the one time.
 */
#include <stddef.h>

#include "store/entities.h"

const struct entity *const entities[] = {
	&entity_company,
	&entity_contact,
	&entity_task,
	&entity_note,
	&entity_link,
	&entity_event,
	&entity_deal,
	&entity_payment,
	&entity_program,
	&entity_member,
	&entity_product_group,
	&entity_product,
	&entity_deal_line,
	NULL
};

__attribute__((constructor)) static void
register_table(void)
{
	entity_set_all(entities);
}
