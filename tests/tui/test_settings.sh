#!/bin/sh
# The :settings screen: switch the startup agenda off, add an event type,
# disable a result and make one productive and back; `salesorg config`
# sees the same rows.
. "$(dirname "$0")/lib.sh"

DB="$T/s.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
start 100x30 "$SALESORG" --db "$DB"
expect "starts on the card files" "Companies ("
keys :
type_text "settings"
keys Enter
expect "settings menu" "Agenda at startup: on"
keys 1
expect "toggled off" "Agenda at startup: off"
check "the setting is stored for this user" sh -c \
	"[ \"\$('$SALESORG' --db '$DB' config get agenda.startup)\" = off ]"

keys 3
expect "event types listed" "meeting"
expect "an add entry" "+ add"
keys End Enter
expect "code prompt" "Code"
type_text "site_visit"
keys Enter
expect "name prompt" "Name:"
type_text "Выезд на объект"
keys Enter
expect "the new type in the list" "Выезд на объект"
check "config lists the new type" sh -c \
	"'$SALESORG' --db '$DB' config types | grep -q 'site_visit .*active.*Выезд на объект'"
keys Escape
expect "back in settings" "Event results"
keys 4
expect "results listed" "No answer"
# The fifth result (no_answer): disable it.
keys 5
expect "row menu" "Disable"
keys 2
expect "shown as disabled" "(disabled)"
check "config shows it disabled" sh -c \
	"'$SALESORG' --db '$DB' config results | grep -q 'no_answer .*disabled'"
# The fourth result (callback) made productive, then back.
keys 4
expect "row menu with the productive flag" "3 Productive"
keys 3
expect "shown as productive" "Call back later (productive)"
check "config shows it productive" sh -c \
	"'$SALESORG' --db '$DB' config results | grep -q 'callback .*Call back later  (productive)'"
keys 4
expect "row menu offers to undo it" "3 Not productive"
keys 3
expect_gone "no longer productive" "Call back later (productive)"
check "config shows it not productive" sh -c \
	"! '$SALESORG' --db '$DB' config results | grep -q 'callback .*(productive)'"
keys Escape Escape
expect_gone "settings closed" "Event results"
keys Q
finish
