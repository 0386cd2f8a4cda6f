#!/bin/sh
# salesorg list --format csv --excel: the CSV Russian Excel opens with a
# double-click (CP1251, ';', CRLF, Russian labels), read back by import
# csv to the same values; a character CP1251 lacks stops it with the
# record, field and U+XXXX named and no file written; formulas are
# neutralised in text fields, numbers left alone; plain csv unchanged.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8

DB="$T/demo.db"
NEW="$T/new.db"
OUT="$T/companies.csv"
F=name,legal_name,city,category,status,industry,address,email,website,source,manager,comment

run --db "$DB" demo
check "demo database" [ "$RC" -eq 0 ]

# Values that test the quoting, in UTF-8, added to the demo's companies.
printf '%s\n' \
    'Название,Город,Комментарий,Юридическое название' \
    '"Ромашка; ООО","Казань","первая строка' \
    'вторая; с ""кавычками""","ООО ""Ромашка"" №1"' \
    'Ёлка и ёж,Йошкар-Ола,«цитата» — тире,' >"$T/extra.csv"
run --db "$DB" import csv companies "$T/extra.csv"
check "tricky companies added" [ "$RC" -eq 0 ]

# ---- the demo's list as the organizer shows it ----
run --db "$DB" list companies --format csv --excel -o "$OUT"
check "export exits 0" [ "$RC" -eq 0 ]
check "nothing on stdout with -o" [ ! -s "$T/out" ]
check "file sees CRLF text" sh -c "file '$OUT' | grep -q 'CRLF line terminators'"
check "not UTF-8 (Cyrillic is CP1251)" sh -c \
    "! iconv -f utf-8 -t utf-8 '$OUT' >/dev/null 2>&1"
check "iconv reads it as CP1251" sh -c \
    "iconv -f cp1251 -t utf-8 '$OUT' >'$T/utf8.csv'"
check "the header: Russian labels, ';'" [ "$(head -1 "$T/utf8.csv")" = \
    "$(printf 'id;Название;Город;Категория;Статус;ABC;Телефон;Менеджер\r')" ]
lines=$(wc -l <"$OUT")
crlf=$(grep -c "$(printf '\r')\$" "$OUT")
check "CRLF on every line ($crlf of $lines)" [ "$crlf" -eq "$lines" ]
check "no bare LF" [ "$(tr -cd '\n' <"$OUT" | wc -c)" -eq \
    "$(grep -o "$(printf '\r')" "$OUT" | wc -l)" ]
check "a row: Cyrillic in CP1251, ';' between fields" grep -q \
    "^[0-9]*;Ёлка и ёж;Йошкар-Ола;;" "$T/utf8.csv"
check "a value with ';' is quoted" grep -q '^[0-9]*;"Ромашка; ООО";Казань;' \
    "$T/utf8.csv"
"$SALESORG" --db "$DB" list companies --count >"$T/n"
check "a row per company" [ "$((lines - 1))" -eq "$(cat "$T/n")" ]

# ---- the demo's Berlin addresses have ß, which CP1251 lacks ----
echo "old" >"$T/addr.csv"
run --db "$DB" list companies --excel --fields name,address -o "$T/addr.csv"
check "ß stops the export (exit 1)" [ "$RC" -eq 1 ]
check "... naming the record, field and character" grep -Eq \
    '^salesorg: list: company [0-9]+, field "address" \(Адрес\): "ß" \(U\+00DF\) has no CP1251 code$' "$T/err"
check "... saying to export without --excel" grep -q "without --excel" "$T/err"
check "... and that the file was not written" grep -qx \
    "salesorg: list: $T/addr.csv not written" "$T/err"
check "... the older file left as it was" [ "$(cat "$T/addr.csv")" = old ]
check "... and no temporary beside it" [ "$(ls -A "$T" | grep -c addr)" -eq 1 ]

# ---- the round trip: import csv reads it back to the same values ----
run --db "$DB" list companies --excel --filter '-city:berlin' --fields "$F" \
    -o "$T/rt.csv"
check "round-trip export" [ "$RC" -eq 0 ]
run --db "$NEW" init
run --db "$NEW" import csv companies "$T/rt.csv"
check "import csv reads the Excel file" [ "$RC" -eq 0 ]
check "... detecting CP1251 and ';'" grep -q "companies imported (0 skipped)" \
    "$T/out"
"$SALESORG" --db "$DB" list companies --filter '-city:berlin' --fields "$F" \
    --format csv --sort name >"$T/a.csv"
"$SALESORG" --db "$NEW" list companies --fields "$F" --format csv \
    --sort name >"$T/b.csv"
check "the same values after the round trip" cmp -s "$T/a.csv" "$T/b.csv"
check "... including the quoted and multi-line ones" grep -q \
    'вторая; с ""кавычками""' "$T/b.csv"
check "... and Cyrillic" grep -q "Ёлка и ёж" "$T/b.csv"

# ---- a CJK name: the error, and no output file ----
printf 'Название,Город\n北京贸易,Пекин\n' >"$T/cjk.csv"
run --db "$DB" import csv companies "$T/cjk.csv"
cjk=$("$SALESORG" --db "$DB" list companies --filter 'city:Пекин' \
    --fields id --format tsv | tail -1)
run --db "$DB" list companies --format csv --excel --filter 'city:Пекин' \
    -o "$T/cjk-out.csv"
check "CJK name: exit 1" [ "$RC" -eq 1 ]
check "CJK name: the record, field and U+XXXX" grep -qx \
    "salesorg: list: company $cjk, field \"name\" (Название): \"北\" (U+5317) has no CP1251 code" \
    "$T/err"
check "CJK name: no output file" [ ! -e "$T/cjk-out.csv" ]
echo "old" >"$T/cjk-out.csv"
run --db "$DB" list companies --excel --filter 'city:Пекин' -o "$T/cjk-out.csv"
check "CJK name: an older file is left as it was" [ "$(cat "$T/cjk-out.csv")" = old ]
run --db "$DB" list companies --excel --filter 'city:Пекин'
check "CJK name on stdout: exit 1" [ "$RC" -eq 1 ]
check "... saying the output is incomplete" grep -q \
    "the output is incomplete: 0 rows before the error" "$T/err"
run --db "$DB" list companies --format csv --filter 'city:Пекин'
check "UTF-8 csv holds it" grep -q "北京贸易" "$T/out"

# ---- formulas neutralised in text fields, numbers left alone ----
printf 'Название,Телефон\n=SUM(A1),+7 495 123-45-67\n@x,\n' >"$T/f.csv"
run --db "$DB" import csv companies "$T/f.csv"
check "formula-like companies added" [ "$RC" -eq 0 ]
printf 'Дата,Компания,Сумма,Документ\n2026-11-01,Acme Corp,-500,=возврат\n' \
    >"$T/p.csv"
run --db "$DB" import csv payments "$T/p.csv"
check "a refund (negative amount) added" [ "$RC" -eq 0 ]
for dialect in "" --excel; do
	"$SALESORG" --db "$DB" list companies --format csv $dialect \
	    --filter 'name~^[=@]' --fields name,phone -o "$T/f-out.csv"
	iconv -f cp1251 -t utf-8 "$T/f-out.csv" >"$T/f-utf8.csv"
	check "formula name neutralised ${dialect:-csv}" grep -q \
	    "^\"'=SUM(A1)\"[,;]+7 495 123-45-67" "$T/f-utf8.csv"
	check "@ neutralised ${dialect:-csv}" grep -q "^\"'@x\"" "$T/f-utf8.csv"
	"$SALESORG" --db "$DB" list payments --format csv $dialect \
	    --filter 'document:возврат' --fields amount,document \
	    -o "$T/p-out.csv"
	if [ -n "$dialect" ]; then
		iconv -f cp1251 -t utf-8 "$T/p-out.csv" >"$T/p-utf8.csv"
	else
		cp "$T/p-out.csv" "$T/p-utf8.csv"
	fi
	check "negative money untouched ${dialect:-csv}" grep -q \
	    "^-500.00[,;]\"'=возврат\"" "$T/p-utf8.csv"
done

# ---- plain csv unchanged; option mistakes ----
run --db "$DB" list companies --format csv --limit 1
check "plain csv: field names, ','" [ "$(head -1 "$T/out")" = \
    "$(printf 'id,name,city,category,status,abc,phone,manager_id\r')" ]
run --db "$DB" list companies --format tsv --excel
check "--excel with tsv: usage error" [ "$RC" -eq 2 ]
check "... saying why" grep -q "use it with --format csv" "$T/err"
run --db "$DB" list companies --excel --limit 1
check "--excel alone means csv for Excel" [ "$RC" -eq 0 ]
check "... CP1251 header" [ "$(head -1 "$T/out" | iconv -f cp1251 -t utf-8 |
    cut -d';' -f2)" = "Название" ]
finish
