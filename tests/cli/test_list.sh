#!/bin/sh
# `salesorg list`: the filter language from a script, the three formats,
# chosen fields, saved filters, and errors with a marker under the fault.
. "$(dirname "$0")/lib.sh"

DB="$T/l.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1

run --db "$DB" list companies --filter 'city:казань' --fields name,city --format csv
check "list: exit 0" [ "$RC" -eq 0 ]
check "csv header of field names" sh -c "head -1 '$T/out' | grep -q '^name,city'"
KAZAN=$(($(wc -l <"$T/out") - 1))
check "some companies in Kazan ($KAZAN)" [ "$KAZAN" -gt 0 ]
check "every row is in Kazan" sh -c "tail -n +2 '$T/out' | grep -vc ',Казань' | grep -qx 0"
# the same set by exact value, upper case, and by regular expression
run --db "$DB" list companies --filter 'city=КАЗАНЬ' --count
check "city=КАЗАНЬ counts the same" [ "$(cat "$T/out")" -eq "$KAZAN" ]
run --db "$DB" list companies --filter 'city~^каз' --count
check "city~^каз counts the same" [ "$(cat "$T/out")" -eq "$KAZAN" ]
ALL=$("$SALESORG" --db "$DB" list companies --count)
run --db "$DB" list companies --filter '-city:казань' --count
check "-city:казань is the rest" [ "$(cat "$T/out")" -eq $((ALL - KAZAN)) ]
run --db "$DB" list companies --filter 'city:казань OR city:москва' --count
OR=$(cat "$T/out")
M=$("$SALESORG" --db "$DB" list companies --filter 'city:москва' --count)
check "OR adds the two sets" [ "$OR" -eq $((KAZAN + M)) ]

run --db "$DB" list companies --filter 'city:казань category:VIP' --format tsv --fields id,name,category,manager
check "tsv with the chosen fields" sh -c "head -1 '$T/out' | grep -q '^id	name	category	manager_id\$'"
check "tsv has rows" [ "$(wc -l <"$T/out")" -gt 1 ]
check "tsv rows are all VIP" sh -c "! tail -n +2 '$T/out' | cut -f3 | grep -vix vip"

run --db "$DB" list contacts --limit 3
check "text: a header and 3 rows" [ "$(wc -l <"$T/out")" -eq 4 ]
check "text header shows labels" grep -q "^id  *Last name" "$T/out"

# errors: the message, the filter, a ~ under the culprit; nothing runs
run --db "$DB" list companies --filter 'city:казань ciyt:x'
check "unknown field: exit 2, as a bad option" [ "$RC" -eq 2 ]
check "unknown field named" grep -q "unknown field 'ciyt' of Companies" "$T/err"
check "marker under the field" sh -c "sed -n 3p '$T/err' | grep -qx '              ~'"
run --db "$DB" list deals --filter 'managr:x'
check "the fields listed as typed: manager, not manager_id" sh -c "
    grep -q 'manager, lost_reason' '$T/err' && ! grep -q manager_id '$T/err'"
run --db "$DB" list companies --filter 'name~(ab'
check "bad pattern: exit 2" [ "$RC" -eq 2 ]
check "bad pattern explained" grep -q "bad regular expression: missing closing parenthesis" "$T/err"
run --db "$DB" list nothing
check "unknown card file: usage exit 2" [ "$RC" -eq 2 ]
check "card files listed" grep -q "companies, contacts" "$T/err"
run --db "$DB" list companies --fields name,nope
check "unknown --fields: exit 2" [ "$RC" -eq 2 ]
run --db "$DB" list companies --format xml
check "unknown --format: exit 2" [ "$RC" -eq 2 ]

# a catastrophic pattern over a long value: an error, quickly
sqlite3 "$DB" "UPDATE companies SET comment = printf('%.*c!', 20000, 'a') WHERE id = 1"
run --db "$DB" list companies --filter 'comment~(a+)+$' --count
check "catastrophic pattern: exit 1" [ "$RC" -eq 1 ]
check "pattern too expensive" grep -q "pattern too expensive" "$T/err"

# formula-looking values are neutralised in csv
sqlite3 "$DB" "UPDATE companies SET name = '=HYPERLINK(\"x\")' WHERE id = 2"
run --db "$DB" list companies --filter 'id=2' --fields name --format csv
check "csv neutralises formulas" grep -q "^\"'=HYPERLINK" "$T/out"

# saved filters (saved by the organizer; a script applies them by name)
sqlite3 "$DB" "INSERT INTO saved_filters (entity, name, expr, created_at, updated_at) VALUES ('company', 'VIP Казань', 'city:казань category:VIP', 0, 0)"
run --db "$DB" list companies --saved 'vip казань' --count
V=$(cat "$T/out")
run --db "$DB" list companies --filter 'city:казань category:VIP' --count
check "--saved applies the saved filter ($V)" [ "$V" -eq "$(cat "$T/out")" ]
run --db "$DB" list companies --saved 'VIP Казань' --filter '-category:vip' --count
check "--saved and --filter are ANDed" [ "$(cat "$T/out")" -eq 0 ]
run --db "$DB" list companies --saved nope
check "unknown saved filter: exit 1" [ "$RC" -eq 1 ]
check "unknown saved filter named" grep -q "no saved filter 'nope'" "$T/err"

finish
