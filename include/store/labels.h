/*
 * The Russian labels of the entity descriptors, whatever the language of
 * the messages and whether or not a catalogue is installed: column
 * headings of Russian Excel files are read (import, entity_field_named)
 * and written (export --excel) by them.  They are the translations in
 * po/ru.po of the NC_("<entity name>", ...) labels of the descriptor
 * tables, one source for both; po/labels.awk copies them into
 * $(BUILD)/labels_ru.c at build time.  Reached through field_label_ru
 * (store/entity.h).
 */
#ifndef STORE_LABELS_H
#define STORE_LABELS_H

struct label_ru {
	const char	*ctx;		/* the entity's name: "company" */
	const char	*en;		/* the English label: "Name" */
	const char	*ru;		/* its translation: "Название" */
};

/* Ends with { NULL, NULL, NULL }. */
extern const struct label_ru labels_ru[];

#endif
