#!/bin/sh
# The deal stages on the :settings screen: add an open stage with its
# probability (it lands before won), retire it; `salesorg config stages`
# sees the same rows.
. "$(dirname "$0")/lib.sh"

DB="$T/s.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
start 100x30 "$SALESORG" --db "$DB"
expect "starts on the card files" "Companies ("
keys :
type_text "settings"
keys Enter
expect "settings menu" "Deal stages ..."
keys 8
expect "stages listed" "negotiation"
expect "an add entry" "+ add"
keys End Enter
expect "code prompt" "Code"
type_text "demo"
keys Enter
expect "name prompt" "Name:"
type_text "Демонстрация"
keys Enter
expect "kind menu" "Kind of stage"
keys 1
expect "probability prompt" "Probability (0-100)"
keys BSpace
type_text "40"
keys Enter
expect "the new stage in the list" "Демонстрация"
check "config lists it open, 40 %, before won" sh -c \
	"'$SALESORG' --db '$DB' config stages | sed -n 5p | grep -q '^demo .*open  40%  in-use  Демонстрация'"
keys 5
expect "row menu" "4 Retire"
keys 4
expect "shown as retired" "Демонстрация (retired)"
check "config shows it retired" sh -c \
	"'$SALESORG' --db '$DB' config stages | grep -q '^demo .*retired'"
# The only won stage cannot go: said on the status line.
keys 6
expect "won's row menu" "4 Retire"
keys 4
expect "refused, saying why" "a won and a lost stage"
check "won still in use" sh -c \
	"'$SALESORG' --db '$DB' config stages | grep -q '^won .*in-use'"
keys Escape Escape
expect_gone "settings closed" "Deal stages"
keys Q
finish
