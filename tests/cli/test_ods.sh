#!/bin/sh
# `salesorg import ods`: a spreadsheet LibreOffice Calc saves in its own
# format (made here from a CSV by soffice --convert-to ods) imported
# field by field: Cyrillic, a phone kept as text, a date, a number, the
# Russian header names Calc users type ("Мобильный телефон", "Эл.
# почта", "Примечание", "ИНН"); the format found by the content; a
# second sheet by name.  Needs LibreOffice (libreoffice-calc-nogui,
# .ci/deps installs it): skipped with a message without it, except on
# CI, where its absence fails.
. "$(dirname "$0")/lib.sh"

if ! command -v soffice >/dev/null 2>&1; then
	if [ -n "${CI:-}" ]; then
		fail "soffice (libreoffice-calc-nogui) is not installed on CI"
		finish
	fi
	echo "skip: needs soffice (apt-get install libreoffice-calc-nogui)"
	exit 0
fi
DB="$T/x.db"
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3	# the one with openpyxl
q() { sqlite3 "$DB" "$1"; }
cv() {	# cv FIELD ID TABLE: a custom value
	q "SELECT v.value FROM custom_values v JOIN custom_fields f ON
	    f.id = v.field_id WHERE f.name = '$1' AND v.record_id = $2 AND
	    f.entity = '$3'"
}
# soffice FILE.csv: FILE.ods beside it, by LibreOffice Calc (UTF-8,
# comma-separated, its own profile in $T so no other instance matters).
to_ods() {
	(cd "$(dirname "$1")" && HOME="$T" soffice --headless \
	    "-env:UserInstallation=file://$T/lo" \
	    --infilter="CSV:44,34,76,1" --convert-to ods "$(basename "$1")" \
	    >/dev/null 2>&1)
}
"$SALESORG" --db "$DB" init >/dev/null || exit 1
"$SALESORG" --db "$DB" field add contacts discount --label Скидка --type money >/dev/null || exit 1

cat >"$T/contacts.csv" <<'CSV'
Фамилия,Имя,Мобильный телефон,Эл. почта,День рождения,Скидка,Примечание
Иванов,Пётр,+7 843 123-45-67,petr@romashka.ru,1980-03-15,15,Звонить после обеда
Сидорова,Анна,89161234567,anna@vektor.ru,2001-12-31,2.5,"Две строки: ""ВИП"""
CSV
to_ods "$T/contacts.csv"
check "LibreOffice Calc wrote an .ods" [ -s "$T/contacts.ods" ]
check "... its mimetype first" [ "$(dd if="$T/contacts.ods" bs=1 skip=30 count=8 2>/dev/null)" = mimetype ]

run --db "$DB" import ods contacts "$T/contacts.ods"
check "import ods: exit 0" [ "$RC" -eq 0 ]
check "... two contacts, no --map needed" grep -qx "2 contacts imported (0 skipped)" "$T/out"
ID=$(q "SELECT id FROM contacts WHERE last_name = 'Иванов'")
check "Cyrillic last and first name" [ "$(q "SELECT first_name FROM contacts WHERE id = $ID")" = Пётр ]
check "Мобильный телефон: the phone as typed" [ "$(q "SELECT phone_mobile FROM contacts WHERE id = $ID")" = "+7 843 123-45-67" ]
check "Эл. почта: the e-mail" [ "$(q "SELECT email FROM contacts WHERE id = $ID")" = petr@romashka.ru ]
check "a date Calc stored as a date" [ "$(q "SELECT birthday FROM contacts WHERE id = $ID")" = 1980-03-15 ]
check "a number" [ "$(cv discount "$ID" contact)" = 1500 ]
check "Примечание: the comment" [ "$(q "SELECT comment FROM contacts WHERE id = $ID")" = "Звонить после обеда" ]
ID2=$(q "SELECT id FROM contacts WHERE last_name = 'Сидорова'")
check "a phone of digits Calc made a number keeps its digits" [ "$(q "SELECT phone_mobile FROM contacts WHERE id = $ID2")" = 89161234567 ]
check "a fraction" [ "$(cv discount "$ID2" contact)" = 250 ]
check "quotes inside a cell" [ "$(q "SELECT comment FROM contacts WHERE id = $ID2")" = 'Две строки: "ВИП"' ]
check "the last day of a year" [ "$(q "SELECT birthday FROM contacts WHERE id = $ID2")" = 2001-12-31 ]

# the format found by the content, whatever the name
cp "$T/contacts.ods" "$T/contacts.dat"
DB2="$T/y.db"
"$SALESORG" --db "$DB2" init >/dev/null || exit 1
"$SALESORG" --db "$DB2" field add contacts discount --label Скидка --type money >/dev/null || exit 1
run --db "$DB2" import csv contacts "$T/contacts.dat"
check "an .ods given as csv is not read as CSV text" [ "$RC" -ne 0 ]
run --db "$DB2" import xlsx contacts "$T/contacts.ods"
check "an .ods given as xlsx: said" grep -q "not an .xlsx workbook (an .ods spreadsheet: import it as ods)" "$T/err"

# ИНН: no such field says how to add one; with one it is read
cat >"$T/firms.csv" <<'CSV'
Наименование,ИНН,Адрес,Электронная почта
"ООО ""Ромашка""",1655123456,"г. Казань, ул. Баумана, 1",info@romashka.ru
CSV
to_ods "$T/firms.csv"
S0=$(sum "$DB")
run --db "$DB" import ods companies "$T/firms.ods"
check "ИНН without a field: exit 1" [ "$RC" -eq 1 ]
check "... says how to add one" grep -q 'column "ИНН": companies have no field inn; add one (salesorg field add companies inn) or leave the column out' "$T/err"
check "... nothing written" [ "$(sum "$DB")" = "$S0" ]
"$SALESORG" --db "$DB" field add companies inn --label ИНН >/dev/null || exit 1
run --db "$DB" import ods companies "$T/firms.ods"
check "with an inn field: imported" grep -qx "1 companies imported (0 skipped)" "$T/out"
CID=$(q "SELECT id FROM companies WHERE name = 'ООО \"Ромашка\"'")
check "Наименование: the name" [ -n "$CID" ]
check "ИНН: a number kept as its digits" [ "$(cv inn "$CID" company)" = 1655123456 ]
check "Адрес with a comma" [ "$(q "SELECT address FROM companies WHERE id = $CID")" = "г. Казань, ул. Баумана, 1" ]
check "Электронная почта: the e-mail" [ "$(q "SELECT email FROM companies WHERE id = $CID")" = info@romashka.ru ]

# The CSV export's guard read back by Calc: a phone is the phone, with no
# quote shown before it; a formula stays text, guarded.
DB3="$T/z.db"
"$SALESORG" --db "$DB3" init >/dev/null || exit 1
printf 'name,phone,city\n"+SUM(1;2)",+7 843 123-45-67,=1+1\n' >"$T/g.csv"
"$SALESORG" --db "$DB3" import csv companies "$T/g.csv" >/dev/null 2>&1
for dialect in "" --excel; do
	"$SALESORG" --db "$DB3" list companies --format csv $dialect \
	    --fields name,phone,city -o "$T/e.csv"
	if [ -n "$dialect" ]; then
		filter="CSV:59,34,22,1"	# ';', CP1251 (Cyrillic, Windows)
	else
		filter="CSV:44,34,76,1"
	fi
	rm -f "$T/e.xlsx"
	(cd "$T" && HOME="$T" soffice --headless \
	    "-env:UserInstallation=file://$T/lo" --infilter="$filter" \
	    --convert-to xlsx e.csv >/dev/null 2>&1)
	$PY - "$T/e.xlsx" >"$T/cells" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
for c in ws[2][:3]:
	print(c.data_type, c.value, sep="\t")
PY
	check "Calc: the phone as it is ${dialect:-csv}" \
	    [ "$(sed -n 2p "$T/cells")" = "$(printf 's\t+7 843 123-45-67')" ]
	check "Calc: +SUM text, not a formula ${dialect:-csv}" \
	    [ "$(sed -n 1p "$T/cells")" = "$(printf "s\t'+SUM(1;2)")" ]
	check "Calc: =1+1 text, not a formula ${dialect:-csv}" \
	    [ "$(sed -n 3p "$T/cells")" = "$(printf "s\t'=1+1")" ]
done
finish
