/*
 * The descriptors' labels in Russian (store/labels.h, store/entity.h):
 * every built-in field of every card file has its Russian label in the
 * table made from po/ru.po; Russian column headings and choices are read
 * whatever the language and with no catalogue installed; with the
 * catalogue and the language Russian, what a person reads is Russian.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "harness.h"
#include "store/entities.h"
#include "store/labels.h"

/* Labels the same in both languages on purpose. */
static int
same_on_purpose(const char *label)
{
	static const char *const same[] = { "E-mail", "E-mail 2", "UID", "ABC",
	    "A VIP", "C", NULL };
	int i;

	for (i = 0; same[i]; i++)
		if (strcmp(same[i], label) == 0)
			return 1;
	return 0;
}

/* The table's row for the English label en of the entity named ctx. */
static const char *
in_table(const char *ctx, const char *en)
{
	const struct label_ru *l;

	for (l = labels_ru; l->ctx; l++)
		if (strcmp(l->ctx, ctx) == 0 && strcmp(l->en, en) == 0)
			return l->ru;
	return NULL;
}

static void
bind_catalogue(void)
{
	bindtextdomain("salesorg", BUILD_LOCALEDIR);
	bind_textdomain_codeset("salesorg", "UTF-8");
	textdomain("salesorg");
}

TEST(test_labels_every_field_has_its_russian_label)
{
	const struct entity *const *all = entity_all();
	const struct choice *c;
	int k, i;

	REQUIRE(all[0] != NULL);
	for (k = 0; all[k]; k++) {
		const struct entity *ent = all[k];
		int nb = entity_nbuiltin(ent);

		/* po/labels.awk knows the entity's name */
		if (in_table(ent->name, ent->label) == NULL ||
		    in_table(ent->name, ent->plural) == NULL)
			harness_fail(__FILE__, __LINE__, "%s: no Russian name "
			    "in labels_ru (po/labels.awk, po/ru.po)",
			    ent->name);
		for (i = 0; i < nb; i++) {
			const struct field_desc *fd = &ent->fields[i];
			const char *ru = in_table(ent->name, fd->label);

			if (ru == NULL) {
				harness_fail(__FILE__, __LINE__, "%s.%s: no "
				    "Russian label", ent->name, fd->name);
				continue;
			}
			CHECK_STR(field_label_ru(ent, fd), ru);
			if (strcmp(ru, fd->label) == 0 &&
			    !same_on_purpose(fd->label))
				harness_fail(__FILE__, __LINE__, "%s.%s: the "
				    "Russian label is the English \"%s\"",
				    ent->name, fd->name, ru);
			for (c = fd->choices; c && c->code; c++)
				if (strcmp(choice_label_ru(ent, c),
				    c->label) == 0 && !same_on_purpose(c->label))
					harness_fail(__FILE__, __LINE__,
					    "%s.%s: choice %s has no Russian "
					    "label", ent->name, fd->name,
					    c->code);
		}
	}
}

/*
 * No catalogue where the text domain points: the messages stay English,
 * and the Russian labels still name the fields and the choices (a
 * Russian Excel file imported on any machine).
 */
TEST(test_labels_russian_headers_read_without_a_catalogue)
{
	const struct entity *co = &entity_company;
	struct company c;
	struct so_err err = { 0 };
	int name = entity_field(co, "name");
	int legal = entity_field(co, "legal_name");
	int status = entity_field(co, "status");

	REQUIRE(name >= 0 && legal >= 0 && status >= 0);
	bindtextdomain("salesorg", harness_tmpdir());
	CHECK_INT(i18n_set_lang("ru"), -1);
	CHECK_STR(i18n_lang(), "en");
	CHECK_STR(field_label(co, &co->fields[name]), "Name");
	CHECK_STR(entity_plural(co), "Companies");

	CHECK_INT(entity_field_named(co, "Название"), name);
	CHECK_INT(entity_field_named(co, "НАЗВАНИЕ"), name);
	CHECK_INT(entity_field_named(co, "юридическое название"), legal);
	CHECK_INT(entity_field_named(co, "Юридическое_название"), legal);
	CHECK_INT(entity_field_named(co, "Менеджер"),
	    entity_field(co, "manager_id"));
	CHECK_INT(entity_field_named(&entity_contact, "Рабочий телефон"),
	    entity_field(&entity_contact, "phone_work"));
	CHECK_INT(entity_field_named(&entity_task, "напомнить_за_(мин)"),
	    entity_field(&entity_task, "remind_min"));
	CHECK_INT(entity_field_named(co, "Нет такого"), -1);

	/* a choice by its Russian label, shown in English */
	memset(&c, 0, sizeof(c));
	rec_init(co, &c);
	CHECK_INT(field_parse(co, status, &c, "клиент", 0, &err), SO_OK);
	CHECK_STR(c.status, "customer");
	CHECK_INT(field_parse(co, status, &c, "Regular customer", 0, &err),
	    SO_OK);
	CHECK_STR(c.status, "regular");
	{
		char *v = field_format(co, status, &c);

		CHECK_STR(v, "Regular customer");
		free(v);
	}
	rec_clear(co, &c);
	bind_catalogue();
}

TEST(test_labels_russian_with_the_catalogue)
{
	const struct entity *co = &entity_company;
	struct company c;
	struct so_err err = { 0 };
	int name = entity_field(co, "name");
	int status = entity_field(co, "status");
	char *v;

	REQUIRE(name >= 0 && status >= 0);
	bind_catalogue();
	REQUIRE(i18n_set_lang("ru") == 0);
	CHECK_STR(field_label(co, &co->fields[name]), "Название");
	CHECK_STR(entity_plural(co), "Компании");
	CHECK_STR(entity_label(&entity_contact), "Контакт");
	CHECK_STR(field_label(&entity_task,
	    &entity_task.fields[entity_field(&entity_task, "company_id")]),
	    "Компания");
	/* the same English word, another card file's Russian one */
	CHECK_STR(field_label(&entity_task,
	    &entity_task.fields[entity_field(&entity_task, "title")]),
	    "Задача");
	CHECK_STR(field_label(&entity_note,
	    &entity_note.fields[entity_field(&entity_note, "title")]),
	    "Заголовок");

	memset(&c, 0, sizeof(c));
	rec_init(co, &c);
	CHECK_INT(field_parse(co, status, &c, "Постоянный клиент", 0, &err),
	    SO_OK);
	CHECK_STR(c.status, "regular");
	v = field_format_shown(co, status, &c);
	CHECK_STR(v, "Постоянный клиент");
	free(v);
	/* what a file gets is the same in every language */
	v = field_format(co, status, &c);
	CHECK_STR(v, "Regular customer");
	free(v);
	CHECK_INT(field_parse(co, status, &c, "customer", 0, &err), SO_OK);
	CHECK_STR(c.status, "customer");
	/* the messages name the field as the reader does */
	CHECK_INT(field_validate(co, name, &c, &err), SO_EINVAL);
	CHECK_STR(err.msg, "Название: обязательное поле");

	CHECK_INT(i18n_set_lang("en"), 0);
	CHECK_STR(field_label(co, &co->fields[name]), "Name");
	CHECK_STR(entity_plural(co), "Companies");
	v = field_format(co, status, &c);
	CHECK_STR(v, "Customer");
	free(v);
	CHECK_INT(field_validate(co, name, &c, &err), SO_EINVAL);
	CHECK_STR(err.msg, "Name: required");
	rec_clear(co, &c);
}
