#!/bin/sh
# Custom fields in the organizer: added by the admin with the command
# line, they are in the add/edit form (a number checked beside the field,
# a choice picked from its list, a required one marked), on the card once
# saved, in the list's columns, and in the filter; an edit is audited.
. "$(dirname "$0")/lib.sh"

DB="$T/t.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
"$SALESORG" --db "$DB" field add companies inn --label ИНН || exit 1
"$SALESORG" --db "$DB" field add companies segment --label Segment \
    --type choice --choices small,medium,large || exit 1
"$SALESORG" --db "$DB" field add companies staff --label Employees \
    --type number --required || exit 1
value() {
	sqlite3 "$DB" "SELECT v.value FROM custom_values v JOIN custom_fields f
	    ON f.id = v.field_id WHERE f.name = '$1'"
}
# in_row TEXT: the company's row of the list shows TEXT.
in_row() { screen | grep "^│ООО «Ромашка»" | grep -qF -- "$1"; }

start 250x40 "$SALESORG" --db "$DB"
expect "opens" "1 Companies"
expect "custom columns in the list header" "ИНН"
keys a
expect "company form" "Add Company"
expect "required custom field marked in the form" "Employees *"
type_text "ООО «Ромашка»"
# Shift-Tab from the first field goes round to the last: the custom ones.
keys BTab
type_text "many"
keys F2
expect "a bad number is refused beside its field" "Employees: not a number"
check "nothing saved" [ "$(sqlite3 "$DB" "SELECT count(*) FROM companies")" = 0 ]
keys C-u
type_text "250"
keys BTab
type_text "med"
expect "choice pick-list from the field's list" "medium"
# Enter takes it and moves on to Employees; back past it to ИНН.
keys Enter BTab BTab
type_text "1655000001"
keys F2
expect "company saved" "Companies (1)"
check "number stored" [ "$(value staff)" = 250 ]
check "choice stored" [ "$(value segment)" = medium ]
check "text stored" [ "$(value inn)" = 1655000001 ]
expect "custom value on the card" "1655000001"
expect "choice on the card" "medium"
check "custom values in the list's columns" in_row "1655000001"
check "the choice too" in_row "medium"

# Edit: the custom field is in the edit form with its value.
keys e
expect "edit form" "Edit Company"
keys BTab
keys C-u
type_text "300"
keys F2
expect_gone "edit form closed" "Edit Company"
check "edited value stored" [ "$(value staff)" = 300 ]
check "edit audited as a field change" [ "$(sqlite3 "$DB" "SELECT old_value || '>' || new_value FROM audit_log WHERE field = 'staff'")" = "250>300" ]
expect "edited value on the card" "300"
# The card's History shows the change under the field's label.
keys Enter Left
expect "edit in the card's history" "Employees: 250 -> 300"
keys q

# The filter knows the custom fields by name and by label.
keys f
type_text "employees>=300 segment:med"
keys Enter
expect "filtered by custom fields" "filter: employees>=300 segment:med"
check "the company matches" wait_for "Companies (1)"
keys f C-u
type_text "staff<100"
keys Enter
expect "nothing under 100" "Companies (0)"
keys Q
expect "exits" "EXITED 0"

# A field made required after the record was saved: the record keeps no
# value and its card says it is incomplete.
"$SALESORG" --db "$DB" field add companies kpp --label KPP --required ||
    exit 1
start 250x40 "$SALESORG" --db "$DB"
expect "the card marks a record missing a required value" "[incomplete]"
keys Q
expect "exits again" "EXITED 0"
finish
