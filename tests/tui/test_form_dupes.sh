#!/bin/sh
# Adding a company that is likely already there, at 80x24 (issue 23,
# item 7): «ООО Ромашка» in Казань beside the demo's «ООО «Ромашка»» in
# Казань.  The save shows the likely duplicates first (the import's
# rules: name in the same city, case, ё/е and quotes folded), with Esc
# back to the form, s to save anyway and Enter to open the one that is
# there instead.  A contact is warned of the same way by its phone.
. "$(dirname "$0")/lib.sh"

DB="$T/d.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
count() {
	sqlite3 "$DB" "SELECT count(*) FROM companies WHERE name =
	    'ооо Ромашка' AND deleted_at IS NULL"
}

start 80x24 "$SALESORG" --db "$DB"
expect "opens" "Agenda of"
keys 1
expect "companies" "Companies ("
keys a
expect "the add form" "Add Company"
type_text "ооо Ромашка"
# Name, Legal name, City.
keys Tab Tab
type_text "казань"
keys F2
expect "the warning" "may already be here"
expect "names the company there" "ООО «Ромашка»"
expect "and why" "same name and city"
check "nothing saved yet" [ "$(count)" = 0 ]
keys Escape
expect_gone "Esc: back to the form" "may already be here"
expect "the form is still open" "Add Company"
check "still nothing saved" [ "$(count)" = 0 ]
keys F2
expect "the warning again" "may already be here"
keys s
expect "s: saved and said so" "Company added"
check "saved anyway" [ "$(count)" = 1 ]

# Again: now two are there; Enter opens the first (the demo's) and
# adds nothing.
keys a
expect "the add form again" "Add Company"
type_text "ООО Ромашка"
keys Tab Tab
type_text "Казань"
keys F2
expect "the warning lists both" "ооо Ромашка, казань  (same name"
keys Enter
expect_gone "Enter: the form closes" "Add Company"
expect "the card of the company there" "romashka-kzn.ru"
expect "and why" "Not added: this company was already here"
check "nothing more saved" [ "$(count)" = 1 ]
check "nor under the other spelling" [ "$(sqlite3 "$DB" "SELECT count(*)
    FROM companies WHERE name = 'ООО Ромашка'")" = 0 ]

# A contact with a demo contact's mobile phone, written another way.
PHONE=$(sqlite3 "$DB" "SELECT phone_mobile FROM contacts WHERE
    phone_mobile <> '' ORDER BY id LIMIT 1")
WHO=$(sqlite3 "$DB" "SELECT last_name FROM contacts WHERE
    phone_mobile <> '' ORDER BY id LIMIT 1")
DIGITS=$(printf '%s' "$PHONE" | tr -cd 0-9)
keys 2
expect "contacts" "Contacts ("
keys a
expect "the contact form" "Add Contact"
type_text "Новиков"
keys Tab
type_text "Олег"
# Last, first, middle name, company, position, role, work phone,
# mobile.
keys Tab Tab Tab Tab Tab Tab
type_text "8$(printf '%s' "$DIGITS" | tail -c 10)"
keys F2
expect "a contact's warning" "may already be here"
expect "by the phone" "same phone"
expect "names the person" "$WHO"
keys Escape
keys Escape
expect "discard asked" "Discard your changes?"
keys y
keys Q
expect "exits" "EXITED 0"
finish
