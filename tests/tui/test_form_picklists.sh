#!/bin/sh
# Pick-lists in a form at 80x24 (issue 23, item 9): Enter on a choice
# takes it and moves on to the next field, so what is typed next goes
# there (it used to replace the choice just taken); a value that is not
# one of the choices is refused with the choices named (a reference
# said "no such record"); the contact pick-list offers the chosen
# company's people first and shows each person's company, so namesakes
# can be told apart.
. "$(dirname "$0")/lib.sh"

DB="$T/p.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
sqlite3 "$DB" "
INSERT INTO companies (id, name, city, created_at, updated_at) VALUES
	(1, 'ООО «Вектор»', 'Москва', $NOW_S, $NOW_S),
	(2, 'ООО «Лютик»', 'Тверь', $NOW_S, $NOW_S);
INSERT INTO contacts (id, last_name, first_name, company_id, created_at,
	updated_at) VALUES
	(1, 'Иванов', 'Иван', 1, $NOW_S, $NOW_S),
	(2, 'Иванов', 'Иван', 2, $NOW_S, $NOW_S),
	(3, 'Иванова', 'Анна', 2, $NOW_S, $NOW_S);
INSERT INTO users (login, full_name, created_at) VALUES
	('boris', 'Борис Петров', $NOW_S);" || exit 1

start 80x24 "$SALESORG" --db "$DB"
expect "opens" "1 Companies"
keys 3
expect "tasks tab" "Tasks (0)"
keys a
expect "task form" "Add Task"
type_text "Позвонить"
# Title, Description, Due, Remind: to Priority.
keys Tab Tab Tab Tab
type_text "hig"
expect "the priority pick-list" "High"
keys Enter
# Typed after Enter: into Status, not over the priority just taken.
type_text "lo"
keys F2
expect "a wrong choice names the choices" "Open, Done, Cancelled"
check "the priority kept" sh -c "$TM capture-pane -t t -p |
    grep -q 'Priority.*High'"
check "nothing saved" [ "$(sqlite3 "$DB" "SELECT count(*) FROM tasks")" = 0 ]
# The save went back to Status, the field in error: typing there
# replaces what is shown, as in any choice newly focused.
type_text "open"
keys Enter
check "the status taken" sh -c "$TM capture-pane -t t -p |
    grep -q '│ Status  *Open'"
# Assignee: a user by login as by name, the login shown beside the
# name; then Company.
type_text "boris"
expect "a user picked by login" "Борис Петров"
check "the login beside the name" sh -c "$TM capture-pane -t t -p |
    grep 'Борис Петров' | grep -q 'boris'"
keys Enter
type_text "Лют"
expect "the company pick-list" "ООО «Лютик»"
keys Enter
type_text "Иван"
expect "the contact pick-list" "Иванова Анна"
# The pick-list's first row is a person of the chosen company, and
# every row names the company.
check "the chosen company's people first" sh -c "$TM capture-pane -t t -p |
    grep 'Иван' | grep -v 'Contact' | head -1 | grep -q 'Лютик'"
check "the other company shown beside its namesake" sh -c "$TM capture-pane \
    -t t -p | grep 'Иванов Иван' | grep -q 'Вектор'"
keys Enter
# Typed after Enter: into Deal.  A deal that does not exist is refused
# as a reference, not as "no such record".
type_text "Нет такой"
keys F2
expect "an unknown reference says what was not found" "no deal matches"
check "the contact kept" sh -c "$TM capture-pane -t t -p |
    grep -q 'Contact.*Иванов Иван'"
keys C-u
keys F2
expect "saved" "Tasks (1)"
check "the choices stored" [ "$(sqlite3 "$DB" "SELECT priority || ' ' ||
    status || ' ' || contact_id FROM tasks")" = "high open 2" ]
check "the user picked by login stored" [ "$(sqlite3 "$DB" "SELECT u.login
    FROM tasks t JOIN users u ON u.id = t.assignee_id")" = boris ]

# A lookup reference (the event's type) names its few choices.
keys 6
expect "events tab" "Events (0)"
keys a
expect "event form" "Add Event"
type_text "xyz"
keys F2
expect "a wrong type names the types" "Birthday, Call, E-mail"
keys Escape
expect "discard asked" "Discard your changes?"
keys y
keys Q
expect "exits" "EXITED 0"
finish
