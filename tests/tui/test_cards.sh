#!/bin/sh
# The issue 3 walk-through, as a person would do it: add ООО «Ромашка» and
# a contact linked to it, find it with /ромаш, edit the phone, see the
# contact on the company card, delete, restore from the trash, resize,
# and leave a form with Esc without saving.
. "$(dirname "$0")/lib.sh"

DB="$T/t.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
start 120x40 "$SALESORG" --db "$DB"
expect "tab bar shows the tabs" "1 Companies"
expect "tab bar shows user@db" "@t.db"
expect "empty list invites to add" "press a to add"

# Add the company.
keys a
expect "add form opens" "Add Company"
type_text "ООО «Ромашка»"
keys F2
expect "company in the list" "ООО «Ромашка»"
expect "count in the title" "Companies (1)"

# Add a contact, choosing the company by part of its name.
keys 2
expect "contacts tab" "Contacts (0)"
keys a
expect "contact form" "Add Contact"
type_text "Иванова"
keys Tab
type_text "Анна"
keys Tab Tab
type_text "ромаш"
expect "pick-list offers the company" "ООО «Ромашка»"
keys Enter
keys F2
# "Иванова" is in the form as well: wait for the form to close
expect_gone "the form closes" "Add Contact"
expect "contact in the list" "Иванова"
check "contact row shows its company" sh -c "$TM capture-pane -t t -p | grep 'Иванова' | grep -q 'ООО «Ромашка»'"

# Find the company with the quick filter, case-insensitively.
keys 1
keys / 
type_text "РОМАШ"
expect "filter in the title" "Companies (1) - /РОМАШ"
expect "filtered list keeps the company" "Companies (1)"
keys Enter
keys /
keys C-u
type_text "нет такой"
expect "filter narrows to nothing" "(nothing matches)"
keys Escape
expect "Esc clears the filter" "ООО «Ромашка»"
expect_gone "filter gone from the title" "/РОМАШ"

# Edit the phone: the eighth field of a company.
keys e
expect "edit form opens" "Edit Company"
keys Down Down Down Down Down Down Down
type_text "+7 843 555-12-34"
keys F2
# (the typed phone is in the form too: wait for the form to close)
expect_gone "the form closes" "Edit Company"
expect "card shows the new phone" "+7 843 555-12-34"
check "database has the phone" [ "$(sqlite3 "$DB" "SELECT phone FROM companies")" = "+7 843 555-12-34" ]

# A bad e-mail is refused beside its field and nothing is saved.
keys e
expect "edit again" "Edit Company"
keys Down Down Down Down Down Down Down Down Down
type_text "not-an-address"
keys F2
expect "validation message beside the field" "not an e-mail address"
keys Escape
expect "discard question" "Discard your changes?"
keys y
expect_gone "form closed" "Edit Company"
check "bad e-mail not saved" [ "$(sqlite3 "$DB" "SELECT email FROM companies")" = "" ]

# The company card lists the contact; Enter jumps to it; q goes back.
keys Enter
keys Right
expect "card section Contacts" "Contacts"
expect "contact on the company card" "Иванова"
keys Enter
expect "jumped to the contact tab" "Contacts (1)"
expect "contact card open" "Middle name"
keys q
expect "back on the company card" "Companies (1)"

# Delete to the trash and restore.
keys Escape
keys d
expect "delete asks" "to the trash)?"
keys y
expect "list empty after delete" "Companies (0)"
keys T
expect "trash shows it" "Trash: Companies (1)"
expect "trash lists the name" "ООО «Ромашка»"
keys r
expect "restored message" "Company restored"
keys Escape
expect "back in the list" "Companies (1)"
check "database row live again" [ "$(sqlite3 "$DB" "SELECT deleted_at IS NULL FROM companies")" = 1 ]

# Sorting: s moves the sort mark to the next sortable column (name, city,
# category, status, abc), S reverses.
keys s
expect "sorted by city" "City ▲"
keys S
expect "reversed" "City ▼"
keys s s s s
expect "round to the name, still reversed" "Name ▼"
keys S
expect "name ascending again" "Name ▲"

# Resizes: 120x40 -> 80x24 -> 50x12 -> 120x40.
check "fits 120 columns" lines_fit 120
resize 80x24
expect "80x24 still shows the list" "ООО «Ромашка»"
check "fits 80 columns" lines_fit 80
resize 50x12
expect "50x12 says too small" "Terminal too small"
resize 120x40
expect "back to 120x40" "ООО «Ромашка»"
expect "tab bar back" "7 Deals"

# Resize inside a form keeps the form and what was typed.
keys a
expect "form for resize" "Add Company"
type_text "Черновик"
resize 80x24
expect "form survives resize" "Add Company"
expect "typed text survives resize" "Черновик"
resize 120x40
# Esc leaves the form and saves nothing.
keys Escape
expect "discard question" "Discard your changes?"
keys y
expect_gone "form closed" "Add Company"
check "Esc saved nothing" [ "$(sqlite3 "$DB" "SELECT count(*) FROM companies")" = 1 ]

keys Q
expect "program exits 0" "EXITED 0"
finish
