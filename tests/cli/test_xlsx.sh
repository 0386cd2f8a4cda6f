#!/bin/sh
# `salesorg import xlsx|xls`: a workbook written by a real program
# (openpyxl, run here; Gnumeric's .xls kept in tests/data) imported field
# by field: Cyrillic, a phone stored as a number, dates as Excel stores
# them, a cell of two lines, booleans; the second sheet by name; the
# same duplicates and mapping as CSV; broken workbooks named by part and
# nothing written.
. "$(dirname "$0")/lib.sh"

D=$(cd "$(dirname "$0")/../data" && pwd)
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3	# the one with openpyxl
DB="$T/x.db"
q() { sqlite3 "$DB" "$1"; }
cv() {	# cv FIELD COMPANY: a custom value of a company
	q "SELECT v.value FROM custom_values v JOIN custom_fields f ON
	    f.id = v.field_id JOIN companies c ON c.id = v.record_id WHERE
	    f.name = '$1' AND c.name = '$2'"
}
"$SALESORG" --db "$DB" init >/dev/null || exit 1
"$SALESORG" --db "$DB" field add companies contract --label "Дата договора" >/dev/null || exit 1
"$SALESORG" --db "$DB" field add companies amount --label Сумма --type money >/dev/null || exit 1
"$SALESORG" --db "$DB" field add companies signed_on --type date >/dev/null || exit 1

$PY "$D/make-workbook.py" "$T/c.xlsx"
check "openpyxl wrote a workbook" [ -s "$T/c.xlsx" ]
run --db "$DB" import xlsx companies "$T/c.xlsx" --map 'Примечание=comment'
check "import xlsx: exit 0" [ "$RC" -eq 0 ]
check "... four companies (row 5 is empty)" grep -qx "4 companies imported (0 skipped)" "$T/out"
check "Cyrillic name and city" [ "$(q "SELECT city FROM companies WHERE name = 'ООО «Ромашка»'")" = "Москва" ]
check "a phone stored as a number keeps its digits" \
    [ "$(q "SELECT phone FROM companies WHERE name = 'ООО «Ромашка»'")" = 79161234567 ]
check "a date as Excel stores it" [ "$(cv contract 'ООО «Ромашка»')" = 2024-03-15 ]
check "a date and time" [ "$(cv contract 'ИП Иванов')" = "2024-03-16 14:30" ]
check "... with seconds" [ "$(cv contract 'АО «Вектор»')" = "2023-12-31 23:59:15" ]
check "money from a formatted number" [ "$(cv amount 'ООО «Ромашка»')" = 123450 ]
check "... a million" [ "$(cv amount 'АО «Вектор»')" = 100000000 ]
check "... 0.1" [ "$(cv amount 'ЗАО «Север»')" = 10 ]
check "a cell of two lines" [ "$(q "SELECT comment FROM companies WHERE name = 'ООО «Ромашка»'")" = "Первый звонок
перезвонить в среду" ]
check "a boolean" [ "$(q "SELECT comment FROM companies WHERE name = 'ИП Иванов'")" = yes ]
check "an empty cell keeps the default" [ "$(q "SELECT city FROM companies WHERE name = 'ИП Иванов'")" = "" ]

# again: every row a duplicate, by name and city
run --db "$DB" import xlsx companies "$T/c.xlsx" --map 'Примечание=comment'
check "re-import: duplicates skipped" grep -qx "duplicates of records already there: 4 skipped, 0 updated, 0 unchanged" "$T/out"
check "... still four" [ "$(q "SELECT count(*) FROM companies")" = 4 ]

# the second sheet by name, into contacts, companies by name
run --db "$DB" import xlsx contacts "$T/c.xlsx" --sheet Контакты --map 'ФИО=last_name,Телефон=phone_mobile,Компания=company_id'
check "--sheet: exit 0" [ "$RC" -eq 0 ]
check "... contacts at their companies" [ "$(q "SELECT group_concat(p.phone_mobile || '@' || c.name, ',') FROM contacts p JOIN companies c ON c.id = p.company_id")" = "79031112233@ООО «Ромашка»,+7 (495) 123-45-67@ИП Иванов" ]
run --db "$DB" import xlsx contacts "$T/c.xlsx" --sheet Март
check "a sheet not there lists the sheets" grep -q 'no sheet "Март" (the sheets: Компании, Контакты)' "$T/err"

# a bad value names the sheet, the row, the column and the field, and
# nothing is written
S0=$(sum "$DB")
run --db "$DB" import xlsx companies "$T/c.xlsx" --map 'Примечание=comment,Дата договора=signed_on' --on-duplicate add
check "a datetime is not a date: exit 1" [ "$RC" -eq 1 ]
check "... sheet, row, column and field named" grep -q "c.xlsx, sheet \"Компании\", row 3: column \"Дата договора\" (signed_on)" "$T/err"
check "... nothing written" [ "$(sum "$DB")" = "$S0" ]

for f in not-a-zip zip-not-workbook bad-xml; do
	run --db "$DB" import xlsx companies "$D/$f.xlsx"
	check "$f.xlsx: exit 1" [ "$RC" -eq 1 ]
done
run --db "$DB" import xlsx companies "$D/not-a-zip.xlsx"
check "not a zip: said" grep -q "not-a-zip.xlsx: not an .xlsx workbook (not a zip archive)" "$T/err"
run --db "$DB" import xlsx companies "$D/zip-not-workbook.xlsx"
check "a zip that is not a workbook: said" grep -q "zip-not-workbook.xlsx: not an .xlsx workbook (no xl/workbook.xml)" "$T/err"
run --db "$DB" import xlsx companies "$D/bad-xml.xlsx" --ignore-unknown --on-duplicate add
check "broken XML: the part and line" grep -q "bad-xml.xlsx: xl/worksheets/sheet1.xml:88: mismatched tag" "$T/err"
check "broken files wrote nothing" [ "$(sum "$DB")" = "$S0" ]

# the legacy .xls from Gnumeric, and the format found by the content
DB2="$T/y.db"
"$SALESORG" --db "$DB2" init >/dev/null || exit 1
run --db "$DB2" import xls companies "$D/companies.xls" --ignore-unknown --map 'Примечание='
check "import xls: exit 0" [ "$RC" -eq 0 ]
check "... four companies" grep -qx "4 companies imported (0 skipped)" "$T/out"
check "... field by field" [ "$(sqlite3 "$DB2" "SELECT name || '|' || city || '|' || phone FROM companies ORDER BY id LIMIT 1")" = "ООО «Ромашка»|Москва|79161234567" ]
run --db "$DB2" import xls companies "$T/c.xlsx"
check "an .xlsx given as .xls is named" grep -q "c.xlsx: not an .xls workbook" "$T/err"
finish
