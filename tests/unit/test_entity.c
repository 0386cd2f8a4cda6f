/*
 * What every card file's fields share (store/entity.c): values parsed,
 * validated and formatted through the descriptors, money; hostile text
 * (fixture_hostile) through every field of every card file parses or
 * names the field.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "harness.h"
#include "store/entities.h"

TEST(test_money_parse_rejects_three_decimals_and_junk)
{
	int64_t v;

	CHECK_INT(money_parse("12.345", &v), -1);
	CHECK_INT(money_parse("12 рублей", &v), -1);
	CHECK_INT(money_parse("", &v), -1);
	CHECK_INT(money_parse("-0,5", &v), 0);
	CHECK_INT(v, -50);
	CHECK_INT(money_parse("1\xc2\xa0" "000", &v), 0);
	CHECK_INT(v, 100000);
}

TEST(test_hostile_money_parses_or_refuses)
{
	uint64_t rng = FIXTURE_HOSTILE_SEED;
	int64_t v;
	int i, rc;

	for (i = 0; i < FIXTURE_HOSTILE_ROUNDS; i++) {
		size_t n;
		char *s = fixture_hostile(&rng, &n);

		rc = money_parse(s, &v);
		CHECK(rc == 0 || rc == -1);
		free(s);
	}
}

TEST(test_hostile_field_values_parse_or_name_the_field)
{
	uint64_t rng = FIXTURE_HOSTILE_SEED;
	struct so_err err;
	int i, k, fi;

	for (k = 0; entities[k]; k++) {
		const struct entity *ent = entities[k];
		void *obj = calloc(1, ent->size);

		rec_init(ent, obj);
		for (i = 0; i < FIXTURE_HOSTILE_ROUNDS / 10; i++) {
			size_t n;
			char *s = fixture_hostile(&rng, &n);

			fi = (int)(fixture_random(&rng) %
			    (uint64_t)ent->nfields);
			err.field[0] = '\0';
			if (field_parse(ent, fi, obj, s, 1795413600, &err) != SO_OK)
				CHECK_STR(err.field, ent->fields[fi].name);
			else if (field_validate(ent, fi, obj, &err) != SO_OK)
				CHECK_STR(err.field, ent->fields[fi].name);
			free(field_format(ent, fi, obj));
			free(s);
		}
		rec_clear(ent, obj);
		free(obj);
	}
}
