#!/bin/sh
# Forms as typed by a person: a date written "завтра 10:00" becomes
# tomorrow's date on leaving the field and is stored as that moment; the
# cursor moves by character through Cyrillic; a choice is picked by part
# of its label; an impossible date is refused beside its field.
. "$(dirname "$0")/lib.sh"

DB="$T/t.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
tomorrow=$(day 1)
start 120x40 "$SALESORG" --db "$DB"
expect "opens" "1 Companies"

keys 3
expect "tasks tab" "Tasks (0)"
keys a
expect "task form" "Add Task"
type_text "Позвнить"
# Cursor by character: three left, insert the missing letter.
keys Left Left Left Left
type_text "о"
expect "inserted inside Cyrillic text" "Позвонить"
keys Tab Tab
type_text "завтра 10:00"
keys Tab
expect "date normalised on leaving the field" "$tomorrow 10:00"
# Past the reminder to Priority: a pick-list of choices by part of the
# label.
keys Tab
type_text "hig"
expect "choice pick-list" "High"
keys Enter
keys F2
expect "task saved" "Tasks (1)"
check "title stored" [ "$(sqlite3 "$DB" "SELECT title FROM tasks")" = "Позвонить" ]
check "due stored as tomorrow 10:00" [ "$(sqlite3 "$DB" "SELECT strftime('%Y-%m-%d %H:%M', due_at, 'unixepoch', 'localtime') FROM tasks")" = "$tomorrow 10:00" ]
check "priority stored as its code" [ "$(sqlite3 "$DB" "SELECT priority FROM tasks")" = "high" ]

# An impossible date is explained beside the field; nothing is saved.
keys a
expect "second task form" "Add Task"
type_text "Не сохранится"
keys Tab Tab
type_text "30.02.2027"
keys F2
expect "impossible date explained" "day 30 is not in February"
keys Escape
expect "discard asked" "Discard your changes?"
keys y
expect_gone "form closed" "Add Task"
check "nothing saved" [ "$(sqlite3 "$DB" "SELECT count(*) FROM tasks")" = 1 ]

# Wide characters in a narrow field scroll without breaking the layout.
keys 1 a
expect "company form" "Add Company"
type_text "株式会社東京ロマシュカ商事株式会社東京ロマシュカ商事株式会社東京ロマシュカ商事"
check "wide text keeps lines within 120 columns" lines_fit 120
keys F2
expect "wide-named company listed" "Companies (1)"
check "wide text stored whole" [ "$(sqlite3 "$DB" "SELECT length(name) FROM companies")" = 39 ]
keys Q
expect "exits" "EXITED 0"
finish
