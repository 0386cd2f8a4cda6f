#!/bin/sh
# A regular-expression filter the name index holds paints its first page
# before its count (issue 26, item 4): the title says "(...)" while the
# count goes on after the paint; a key pressed meanwhile is answered at
# once (the count gives way and is made again after it); then the title
# and the message say how many match.  The count is slow here on
# purpose: a thousand names, after the page in the order, on which the
# pattern backtracks (within its limits) and does not match.  Then a
# pattern too expensive for a value past the first page.
. "$(dirname "$0")/lib.sh"

DB="$T/p.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
"$SALESORG" --db "$DB" config set agenda.startup off --team >/dev/null || exit 1
sqlite3 "$DB" "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 40)
INSERT INTO contacts (last_name, first_name, created_at, updated_at)
SELECT printf('Aa%02d', i), 'Тест', $NOW_S, $NOW_S FROM k;
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 1000)
INSERT INTO contacts (last_name, first_name, created_at, updated_at)
SELECT 'xxxxxxxxxxxxxxxx', 'N' || i, $NOW_S, $NOW_S FROM k" || exit 1
F='last_name~^A|(x+x+)+y'
ALL=$("$SALESORG" --db "$DB" list contacts --count)
N=$("$SALESORG" --db "$DB" list contacts --count --filter "$F")
[ "$N" -eq 40 ] || { echo "FAIL the fixture: $N match, not 40"; exit 1; }

start 130x32 "$SALESORG" --db "$DB"
expect "starts on the companies" "Companies ("
keys 2
expect "the contacts, counted" "Contacts ($ALL)"
keys f
expect "filter prompt" "filter:"
type_text "$F"
keys Enter
expect "the first page, its count to come" "Contacts (...) - filter: $F"
check "the page is the first matches, the first selected" sh -c \
	"$TM capture-pane -t t -p | grep -q '^┌ Contacts.*┌ Aa01 ' &&
	 $TM capture-pane -t t -p | grep -q '^│Aa27 '"
keys Down
expect "a key while it counts is answered at once" "┌ Aa02 "
check "the count still to come" sh -c \
	"$TM capture-pane -t t -p | grep -qF 'Contacts (...) - filter: $F'"
# End walks back through the slow names too: a longer wait on a loaded
# machine.
keys End
if wait_for "┌ Aa40 " 20; then ok "End needs no count: the last match"
else fail "End needs no count: the last match"; fi
expect "then the count in the title" "Contacts ($N) - filter: $F"
expect "and said" "$N matches (F: save this filter"
check "the selection stayed" sh -c \
	"$TM capture-pane -t t -p | grep -q '┌ Aa40 '"

# A pattern too expensive for a value past the first page fails in the
# count, after the paint: said, and the list whole again, as when it
# fails at once.
sqlite3 "$DB" "INSERT INTO contacts (last_name, created_at, updated_at)
VALUES (printf('%.*c!', 30000, 'x'), $NOW_S, $NOW_S)" || exit 1
ALL=$((ALL + 1))
keys f C-u
type_text 'last_name~^A|(x+)+$'
keys Enter
expect "too expensive past the page, said" "pattern too expensive"
expect "and the list is whole again" "Contacts ($ALL)"
check "without the filter" sh -c \
	"! $TM capture-pane -t t -p | grep -qF 'filter: last_name'"
finish
