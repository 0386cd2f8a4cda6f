#!/bin/sh
# The custom fields screen (:settings, Custom fields; :fields): the
# admin adds a field and a choice, relabels and moves one, and the add
# form shows them; a field another process adds is in the list on the
# next refresh; a field retired here is gone with its values; :fields
# opens the screen straight away.
. "$(dirname "$0")/lib.sh"

DB="$T/f.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
printf 'name\nООО Ромашка\n' >"$T/c.csv"
"$SALESORG" --db "$DB" import csv companies "$T/c.csv" >/dev/null || exit 1
# until_order NAMES: the companies' fields in that order within 5 s.
until_order() {
	i=0
	while [ $i -lt 100 ]; do
		[ "$(order)" = "$1" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
order() {
	sqlite3 "$DB" "SELECT group_concat(name, ' ') FROM (SELECT name FROM
	    custom_fields WHERE entity = 'company' ORDER BY sort, id)"
}
start 160x36 "$SALESORG" --db "$DB"
expect "starts on the card files" "Companies ("
keys :
type_text "settings"
keys Enter
expect "the admin's settings offer the fields" "Custom fields ..."
keys 6
expect "the fields screen, on companies" "Custom fields of Companies"
expect "an empty list says how to add" "No custom fields; a adds one"
expect "its hints from the key table" "a add"

keys a
expect "name prompt" "Name (a-z"
type_text "inn"
keys Enter
expect "label prompt" "Label (empty"
type_text "ИНН"
keys Enter
expect "type menu" "choice"
keys Enter
expect "required question" "Required"
keys n
expect "added" "Added"
check "stored as text, not required" [ "$(sqlite3 "$DB" "SELECT type || required FROM custom_fields WHERE name = 'inn'")" = text0 ]

keys a
type_text "segment"
keys Enter
type_text "Segment"
keys Enter
expect "type menu again" "choice"
keys 6
expect "choices prompt" "Choices (a,b,c)"
type_text "small,large"
keys Enter
expect "required question again" "Required"
keys y
expect "the choice listed with its values" "Segment (small,large)"
check "stored as a required choice" [ "$(sqlite3 "$DB" "SELECT type || required || choices FROM custom_fields WHERE name = 'segment'")" = "choice1small,large" ]

# A bad name is refused with the store's reason, nothing added.
keys a
type_text "Bad name"
keys Enter Enter Enter n
expect "a bad name refused" "not a name"
check "two fields still" [ "$(order)" = "inn segment" ]

# Relabel the selected field (segment, the last added), then move it up.
keys r
expect "label prompt with the label" "Label: Segment"
keys C-u
type_text "Сегмент"
keys Enter
expect "relabelled" "Сегмент (small,large)"
keys K
check "moved up: segment first" until_order "segment inn"
check "relabel audited" [ "$(sqlite3 "$DB" "SELECT old_value || '>' || new_value FROM audit_log WHERE entity = 'custom_field' AND field = 'label'")" = "Segment>Сегмент" ]
keys q
expect "back in settings" "Custom fields ..."
keys Escape
expect_gone "settings closed" "Custom fields ..."

# The add form has both, in their order, the required one marked.
keys a
expect "company form" "Add Company"
expect "the relabelled choice, required" "Сегмент *"
expect "the text field" "ИНН"
keys Escape
expect_gone "form closed" "Add Company"

# Another process adds a field: the card shows it on the next refresh,
# with no restart.
expect "the company's card" "ООО Ромашка"
"$SALESORG" --db "$DB" field add companies kpp --label КППшка >/dev/null ||
    fail "cli field add"
expect "a field added elsewhere is on the card" "КППшка"

# Retire it here: asked first, then gone with its values.
keys :
type_text "settings"
keys Enter
expect "settings again" "Custom fields ..."
keys 6
expect "the fields screen again" "Custom fields of Companies"
expect "the other process's field listed" "КППшка"
keys End
keys j j
keys d
expect "asked first" "Retire КППшка of Companies"
keys y
expect "retired" "Retired"
check "gone from the database" [ "$(order)" = "segment inn" ]
# Right: the next card file, with none of its own.
keys Right
expect "contacts' fields" "Custom fields of Contacts"
keys q
expect_gone "the fields screen closed" "Custom fields of"
keys Escape
expect_gone "settings closed again" "Custom fields ..."
# :fields opens the same screen straight away.
keys :
type_text "fields"
keys Enter
expect ":fields opens the screen" "Custom fields of Companies"
expect ":fields lists the fields" "Сегмент (small,large)"
keys q
expect_gone ":fields screen closed" "Custom fields of"
keys Q
expect "exits" "EXITED 0"
finish
