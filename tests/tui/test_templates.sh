#!/bin/sh
# The mail merge templates screen (:templates): a template added in the
# editor with a placeholder completed from the pick-list ({ then Tab),
# previewed for a contact picked by name, and one with an unknown
# placeholder refused on save with the store's message.
. "$(dirname "$0")/lib.sh"

DB="$T/t.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
printf 'first_name,last_name,email\nСергей,Иванов,s@example.ru\nАнна,Петрова,\n' >"$T/c.csv"
"$SALESORG" --db "$DB" import csv contacts "$T/c.csv" >/dev/null || exit 1
body() {
	sqlite3 "$DB" "SELECT body FROM templates WHERE name = '$1'"
}
start 120x32 "$SALESORG" --db "$DB"
expect "starts" "Companies ("
keys :
type_text "templates"
keys Enter
expect "the templates screen" "Mail merge templates"
expect "empty: how to add" "No templates; a adds one"

keys a
expect "the editor" "Add template"
type_text "hello"
keys Tab
type_text "Hi"
keys Tab
type_text "Dear {contact.fi"
keys Tab
expect "the placeholders, narrowed" "{contact.first_name}"
check "narrowed: no company field listed" sh -c "! $TM capture-pane -t t -p | grep -q '{company.name}'"
keys Enter
type_text "!"
expect "completed in the body" "Dear {contact.first_name}!"
keys F2
expect_gone "saved: the editor closed" "Add template"
expect "listed" "hello"
check "stored with the completed placeholder" [ "$(body hello)" = "Dear {contact.first_name}!" ]

# Preview for a contact picked by a few letters of the name.
keys p
expect "contact prompt" "Contact (a few letters"
type_text "Иван"
keys Enter
expect "the preview's To" "To: Сергей Иванов <s@example.ru>"
expect "the rendered body" "Dear Сергей!"
keys q
expect_gone "preview closed" "Dear Сергей!"

# An unknown placeholder: refused with the store's message, not saved.
keys e
expect "edit" "Edit template hello"
keys Tab
type_text " {contact.frist_name}"
keys C-s
expect "refused: unknown" "unknown placeholder"
expect "the store's suggestion" "did you mean {contact.first_name}"
check "not saved" [ "$(body hello)" = "Dear {contact.first_name}!" ]
keys Escape
expect "asked before the changes go" "Discard your changes?"
keys y
expect_gone "editor left" "Edit template"

# Remove: asked first.
keys d
expect "asked" "Remove template hello?"
keys y
expect "removed" "No templates; a adds one"
check "gone from the database" [ "$(sqlite3 "$DB" "SELECT count(*) FROM templates")" = 0 ]
keys q
expect_gone "screen closed" "Mail merge templates"
keys Q
expect "exits" "EXITED 0"
finish
