#!/bin/sh
# `salesorg field`: an admin adds, lists and removes custom fields of a
# card file, a manager is refused, and `list` carries the fields in its
# columns, --fields, CSV and filters like compiled-in ones.
. "$(dirname "$0")/lib.sh"

DB="$T/c.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
ME=$(id -un)

run --db "$DB" field add companies inn --label ИНН
check "add text: exit 0" [ "$RC" -eq 0 ]
run --db "$DB" field add companies staff --label Employees --type number --required
check "add number: exit 0" [ "$RC" -eq 0 ]
run --db "$DB" field add Companies since --label "Client since" --type date
check "add date: exit 0" [ "$RC" -eq 0 ]
run --db "$DB" field add company segment --type choice --choices "small, medium,large"
check "add choice: exit 0" [ "$RC" -eq 0 ]
run --db "$DB" field add contacts inn --label ИНН
check "the same name on another card file" [ "$RC" -eq 0 ]

run --db "$DB" field list companies
check "list: exit 0" [ "$RC" -eq 0 ]
check "list: the four of companies" [ "$(wc -l <"$T/out")" -eq 4 ]
check "list: a required number" grep -q "^company  *staff  *number  *required  *Employees\$" "$T/out"
check "list: a choice with its list" grep -q "^company  *segment  *choice  *segment (small,medium,large)\$" "$T/out"
run --db "$DB" field list
check "list all: five" [ "$(wc -l <"$T/out")" -eq 5 ]

# Values as the organizer stores them (canonical text).
ID=$(sqlite3 "$DB" "SELECT id FROM companies ORDER BY name LIMIT 1")
NAME=$(sqlite3 "$DB" "SELECT name FROM companies WHERE id = $ID")
sqlite3 "$DB" "INSERT INTO custom_values (field_id, record_id, value)
    SELECT f.id, $ID, x.v FROM custom_fields f JOIN (
	SELECT 'inn' AS n, '1655000001' AS v UNION ALL
	SELECT 'staff', '250' UNION ALL SELECT 'since', '2021-03-04' UNION ALL
	SELECT 'segment', 'medium') x ON x.n = f.name
    WHERE f.entity = 'company'" || exit 1

run --db "$DB" list companies --fields name,inn,employees,client_since,segment --format csv --filter 'staff>=100'
check "csv: exit 0" [ "$RC" -eq 0 ]
check "csv header names the custom fields" sh -c "head -1 '$T/out' | grep -q '^name,inn,staff,since,segment'"
check "csv row carries the values" grep -q "^$NAME,1655000001,250,2021-03-04,medium" "$T/out"
check "csv: one row" [ "$(wc -l <"$T/out")" -eq 2 ]
run --db "$DB" list companies
check "text list: custom columns labelled" sh -c "head -1 '$T/out' | grep -q 'ИНН'"
check "text list: the value in its row" grep -q "1655000001" "$T/out"
run --db "$DB" list companies --filter 'segment:med ИНН:1655 client_since<2022-01-01' --count
check "filter by name and label" [ "$(cat "$T/out")" = 1 ]
run --db "$DB" list companies --filter 'staff=""' --count
ALL=$("$SALESORG" --db "$DB" list companies --count)
check "filter: empty custom value" [ "$(cat "$T/out")" -eq $((ALL - 1)) ]
run --db "$DB" list companies --filter 'staff>lots'
check "filter: bad number is exit 2, as a bad option" [ "$RC" -eq 2 ]
check "filter: bad number explained" grep -q "staff: 'lots' is not a whole number" "$T/err"
run --db "$DB" list companies --sort staff
check "sort by a custom field refused" [ "$RC" -eq 2 ]
check "sort refusal explained" grep -q "custom field" "$T/err"

# Definitions are checked, naming what is wrong.
run --db "$DB" field add companies city
check "built-in name: exit 1" [ "$RC" -eq 1 ]
check "built-in name explained" grep -q "Companies already have a field called 'city'" "$T/err"
run --db "$DB" field add companies x --type colour
check "bad type explained" grep -q "type: 'colour' is not one of" "$T/err"
run --db "$DB" field add companies x --type choice
check "choice without a list explained" grep -q "needs its list" "$T/err"
run --db "$DB" field add nothing x
check "unknown card file: exit 1" [ "$RC" -eq 1 ]
run --db "$DB" field add companies
check "missing name: usage, exit 2" [ "$RC" -eq 2 ]
run --db "$DB" field frobnicate
check "unknown subcommand: usage, exit 2" [ "$RC" -eq 2 ]

# Only an admin: the store refuses a manager, nothing changes.
sqlite3 "$DB" "UPDATE users SET role = 'manager' WHERE login = '$ME'"
BEFORE=$(sum "$DB")
run --db "$DB" field add companies kpp
check "manager may not add: exit 1" [ "$RC" -eq 1 ]
check "manager refused with a reason" grep -q "only an administrator may add custom fields" "$T/err"
run --db "$DB" field remove companies inn
check "manager may not remove: exit 1" [ "$RC" -eq 1 ]
check "no field added or removed" [ "$(sqlite3 "$DB" "SELECT count(*) FROM custom_fields")" -eq 5 ]
run --db "$DB" list companies --filter 'inn:1655' --count
check "a manager still uses the fields" [ "$(cat "$T/out")" = 1 ]
sqlite3 "$DB" "UPDATE users SET role = 'admin' WHERE login = '$ME'"

# CSV import fills custom fields by label or name, checked by type.
printf 'name;ИНН;Employees;Client since;segment\nООО «Импорт»;7701000001;40;01.02.2025;large\nООО «Брак»;7701000002;сорок;;small\n' > "$T/cf.csv"
SUM=$(sqlite3 "$DB" .dump | md5sum)
run --db "$DB" import csv companies "$T/cf.csv"
check "import: a bad number is refused" [ "$RC" -eq 1 ]
check "import: its line and field named" grep -q 'cf.csv:3: column "Employees" (staff)' "$T/err"
check "import: nothing written" [ "$(sqlite3 "$DB" .dump | md5sum)" = "$SUM" ]
head -2 "$T/cf.csv" > "$T/cf1.csv"
run --db "$DB" import csv companies "$T/cf1.csv"
check "import: exit 0" [ "$RC" -eq 0 ]
run --db "$DB" list companies --filter 'name:импорт' --fields inn,staff,since,segment --format csv
check "import: each custom value stored" sh -c "tr -d '\\r' < '$T/out' | grep -qx '7701000001,40,2025-02-01,large'"

# Removing drops the values, audited on the record.
run --db "$DB" field remove companies staff
check "remove: exit 0" [ "$RC" -eq 0 ]
check "remove: values gone" [ "$(sqlite3 "$DB" "SELECT count(*) FROM custom_values v LEFT JOIN custom_fields f ON f.id = v.field_id WHERE f.id IS NULL")" -eq 0 ]
check "remove: the dropped value audited" [ "$(sqlite3 "$DB" "SELECT old_value FROM audit_log WHERE entity = 'company' AND record_id = $ID AND field = 'staff'")" = 250 ]
run --db "$DB" list companies --fields name,staff
check "removed field unknown to --fields" [ "$RC" -eq 2 ]
run --db "$DB" field remove companies name
check "built-in field not removed: exit 1" [ "$RC" -eq 1 ]
check "built-in field explained" grep -q "'name' is a built-in field of Companies" "$T/err"
run --db "$DB" field remove companies staff
check "removing twice: exit 1" [ "$RC" -eq 1 ]
run --db "$DB" check
check "database consistent" [ "$RC" -eq 0 ]
finish
