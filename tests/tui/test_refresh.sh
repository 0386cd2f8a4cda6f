#!/bin/sh
# Live refresh between two organizers on one database: a company added by
# another process appears without a key press (the selected company stays
# selected though the new row pushed it off the page), the card says who
# changed its record, and a form being edited keeps what was typed in,
# says that the record changed, and lets the conflict dialog decide.
. "$(dirname "$0")/lib.sh"

DB="$T/t.db"
ME=$(id -un)
"$SALESORG" --db "$DB" init >/dev/null || exit 1
{
	echo "name,city"
	for i in 01 02 03 04 05 06 07 08 09 10; do
		echo "Компания $i,Казань"
	done
} >"$T/c.csv"
"$SALESORG" --db "$DB" import csv companies "$T/c.csv" >/dev/null || exit 1

# The second organizer, on a tmux server of its own (lib's start would
# stop the first one).
B="$T/tmuxb.sock"
# expect2 NAME TEXT: TEXT on the first screen within 2 s, no key sent.
expect2() {
	if wait_for "$2" 2; then ok "$1"; else fail "$1 (no '$2' in 2 s)"; fi
}

# 15 lines: the list shows 10 rows, the tenth company on the last one.
start 120x15 "$SALESORG" --db "$DB"
expect "first organizer opens on the list" "Компания 01"
keys End
expect "tenth company selected" "┌ Компания 10"
keys Enter

# Another process adds a company that sorts above the selected one: the
# page has no room left for the tenth.
printf 'name,city\nКомпания 05а,Уфа\n' >"$T/new.csv"
"$SALESORG" --db "$DB" import csv companies "$T/new.csv" >/dev/null
expect2 "the new row appears without a key press" "Компания 05а"
expect "the count with it" "Companies (11)"
check "the same company stays selected" sh -c \
    "$TM capture-pane -t t -p | grep -qF '┌ Компания 10'"
check "it is still on screen (the page followed it)" sh -c \
    "$TM capture-pane -t t -p | grep -qF '│Компания 10'"

# The other organizer changes the company open in the first one's card.
start_other "$B" 120x30 "$SALESORG" --db "$DB"
on "$B" wait_for "Компания 01" || fail "second organizer did not start"
on "$B" keys End
on "$B" wait_for "┌ Компания 10" || fail "second organizer: no Компания 10"
on "$B" keys e
on "$B" wait_for "Edit Company" || fail "second organizer: no form"
on "$B" keys Down Down C-u
on "$B" type_text "Тверь"
on "$B" keys F2
on "$B" wait_for "Company saved" || fail "second organizer: not saved"
expect2 "the card shows the other's change" "Тверь"
expect2 "the card says who changed it" "changed by $ME at "

# A form with typed-in text is never overwritten by someone else's save.
keys e
expect "form opens" "Edit Company"
keys Down Down C-u
type_text "Самара"
on "$B" keys e
on "$B" wait_for "Edit Company" || fail "second organizer: no form again"
on "$B" keys Down Down C-u
on "$B" type_text "Омск"
on "$B" keys F2
on "$B" wait_for "Company saved" || fail "second organizer: not saved again"
expect2 "the form says the record changed" "your save will ask"
check "the form keeps the typed text" sh -c \
    "$TM capture-pane -t t -p | grep -F 'City' | grep -qF 'Самара'"
keys F2
expect "saving asks through the conflict dialog" "Changed by someone else"
expect "the dialog shows theirs" "\"Омск\""
keys m
expect_gone "dialog closed" "Changed by someone else"
check "mine saved" [ "$(sqlite3 "$DB" "SELECT city FROM companies WHERE name = 'Компания 10'")" = "Самара" ]
check "their earlier change is in the log" [ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE field = 'city' AND new_value = 'Омск'")" = 1 ]

# The History section lists every change, newest first.
keys Left
expect "history: my change" "City: Омск -> Самара"
expect "history: theirs" "City: Тверь -> Омск"
keys Q
expect "exits" "EXITED 0"
on "$B" keys Q
finish
