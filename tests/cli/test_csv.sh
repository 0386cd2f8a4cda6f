#!/bin/sh
# salesorg import csv: real files in UTF-8 (with and without a BOM) and
# CP1251 with CRLF, quoting, references by name, --map, --dry-run,
# --skip-bad, and errors that name the file, line, column and field with
# nothing written.  Records are checked field by field in the database.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8

D="$(cd "$(dirname "$0")/../data" && pwd)"
DB="$T/t.db"
q() { sqlite3 "$DB" "$1"; }
dump() { sqlite3 "$DB" .dump | md5sum; }

run --db "$DB" init
check "init exits 0" [ "$RC" -eq 0 ]

# ---- companies first: UTF-8 with a BOM, then quoting ----
run --db "$DB" import csv companies "$D/companies-bom.csv"
check "BOM file imports" [ "$RC" -eq 0 ]
check "BOM file: the summary" grep -qx "2 companies imported (0 skipped)" "$T/out"
check "BOM file: nothing on stderr (no progress off a terminal)" [ ! -s "$T/err" ]
check "BOM file: row 1 field by field" [ "$(q "SELECT name, city, phone, status
    FROM companies WHERE id = 1")" = "ООО «Ромашка»|Казань|+7 843 200-00-00|customer" ]
check "BOM file: row 2, empty cells keep defaults" [ "$(q "SELECT name, city,
    phone, status FROM companies WHERE id = 2")" = "ИП Иванов|Москва||lead" ]

run --db "$DB" import csv companies "$D/companies-quoted.csv"
check "quoted file imports" [ "$RC" -eq 0 ]
check "quoted: separator inside quotes" [ "$(q "SELECT name FROM companies
    WHERE id = 3")" = "Лютик, ООО" ]
check "quoted: doubled quotes" [ "$(q "SELECT legal_name FROM companies
    WHERE id = 3")" = 'ООО "Лютик"' ]
check "quoted: newlines inside a field" [ "$(q "SELECT comment FROM companies
    WHERE id = 3")" = "$(printf 'первая строка\nвторая, с запятой\n"третья" в кавычках')" ]
check "quoted: the next row" [ "$(q "SELECT name, legal_name, comment FROM
    companies WHERE id = 4")" = "Василёк||без кавычек" ]

# ---- payments: UTF-8 ----
run --db "$DB" import csv payments "$D/payments.csv"
check "payments import" [ "$RC" -eq 0 ]
check "payments: the summary" grep -qx "2 payments imported (0 skipped)" "$T/out"
check "payments: row 1 field by field" [ "$(q "SELECT paid_on, company_id,
    amount, document, deal_id IS NULL FROM payments WHERE id = 1")" = \
    "2026-11-01|1|123450|П-17|1" ]
check "payments: company by name in another case" [ "$(q "SELECT paid_on,
    company_id, amount, document FROM payments WHERE id = 2")" = \
    "2026-11-02|2|9990|П-18" ]

# ---- payments: CP1251, ';', CRLF ----
iconv -f utf-8 -t cp1251 "$D/payments-ru.csv" | sed 's/$/\r/' >"$T/ru.csv"
check "the CP1251 file is not UTF-8" [ "$(iconv -f utf-8 -t utf-8 "$T/ru.csv" \
    >/dev/null 2>&1; echo $?)" -ne 0 ]
run --db "$DB" import csv payments "$T/ru.csv"
check "CP1251 import (detected)" [ "$RC" -eq 0 ]
check "CP1251: the summary" grep -qx "2 payments imported (0 skipped)" "$T/out"
check "CP1251: row 1 field by field" [ "$(q "SELECT paid_on, company_id, amount,
    comment FROM payments WHERE id = 3")" = "2026-11-05|1|100000|оплата №5" ]
check "CP1251: quoted ';' and CRLF inside a field" [ "$(q "SELECT paid_on,
    company_id, amount, comment FROM payments WHERE id = 4")" = \
    "$(printf '2026-11-06|3|250050|за ноябрь;\nи декабрь')" ]
run --db "$DB" import csv payments "$T/ru.csv" --encoding utf-8 --dry-run
check "CP1251 read as UTF-8 is refused" [ "$RC" -eq 1 ]
check "... naming the line, column and the cure" grep -q \
    "ru.csv:1: header, column 1: not valid UTF-8 text (is the file in CP1251? try --encoding cp1251)" "$T/err"
run --db "$DB" import csv payments "$T/ru.csv" --encoding cp1251 --sep ';' --dry-run
check "--encoding cp1251 --sep ';' read it too" grep -qx \
    "2 payments would be imported (0 skipped); dry run, nothing written" "$T/out"

# ---- a bad row: exactly its line and field, nothing written ----
before=$(dump)
run --db "$DB" import csv payments "$D/payments-bad.csv"
check "bad row exits 1" [ "$RC" -eq 1 ]
check "bad row: file, physical line, column and field" [ "$(cat "$T/err")" = \
    "salesorg: $D/payments-bad.csv:5: column \"Сумма\" (amount): not an amount (write it like 1234.50): \"12,3,4\"" ]
check "bad row: nothing on stdout" [ ! -s "$T/out" ]
check "bad row: nothing written" [ "$(dump)" = "$before" ]

run --db "$DB" import csv payments "$D/payments-bad.csv" --skip-bad
check "--skip-bad exits 0" [ "$RC" -eq 0 ]
check "--skip-bad: the summary" grep -qx "3 payments imported (2 skipped)" "$T/out"
check "--skip-bad: each skipped row on stderr" [ "$(grep -c "(skipped)$" "$T/err")" -eq 2 ]
check "--skip-bad: line 5" grep -q "payments-bad.csv:5: column \"Сумма\" (amount)" "$T/err"
check "--skip-bad: line 7" grep -q \
    "payments-bad.csv:7: column \"Компания\" (company_id): no company named \"Нет такой\"" "$T/err"
check "--skip-bad: the good rows, multi-line comment too" [ "$(q "SELECT
    group_concat(amount || '/' || company_id || '/' || replace(comment, char(10), '+'), ' ')
    FROM (SELECT * FROM payments WHERE id > 4 ORDER BY id)")" = \
    "10000/1/ 20000/1/две+строки 30000/2/" ]

# ---- Excel for the Mac's "CSV (Macintosh)": lines end in a bare CR ----
# payments-mac.csv is payments-bad.csv with every LF made a CR.
check "the Mac file has no LF" [ "$(tr -cd '\n' <"$D/payments-mac.csv" | wc -c)" -eq 0 ]
before=$(dump)
run --db "$DB" import csv payments "$D/payments-mac.csv"
check "CR lines: bad row exits 1" [ "$RC" -eq 1 ]
check "CR lines: counted as lines, the bad row on line 5" [ "$(cat "$T/err")" = \
    "salesorg: $D/payments-mac.csv:5: column \"Сумма\" (amount): not an amount (write it like 1234.50): \"12,3,4\"" ]
check "CR lines: nothing written" [ "$(dump)" = "$before" ]
run --db "$DB" import csv payments "$D/payments-mac.csv" --skip-bad --dry-run
check "CR lines: read as rows" grep -qx \
    "3 payments would be imported (2 skipped); dry run, nothing written" "$T/out"
check "CR lines: line 7 too" grep -q "payments-mac.csv:7: column \"Компания\"" "$T/err"

# ---- contacts: references by name, --create-missing, --dry-run ----
before=$(dump)
run --db "$DB" import csv contacts "$D/contacts.csv"
check "unknown company exits 1" [ "$RC" -eq 1 ]
check "... naming it and the option" grep -q \
    "contacts.csv:4: column \"Компания\" (company_id): no company named \"ООО Новая\" (--create-missing creates it)" "$T/err"
check "... nothing written" [ "$(dump)" = "$before" ]
run --db "$DB" import csv contacts "$D/contacts.csv" --create-missing --dry-run
check "--dry-run exits 0" [ "$RC" -eq 0 ]
check "--dry-run reports" grep -qx "3 contacts would be imported (0 skipped); dry run, nothing written" "$T/out"
check "--dry-run reports the company" grep -qx "companies to create: 1" "$T/out"
check "--dry-run changes nothing" [ "$(dump)" = "$before" ]
run --db "$DB" import csv contacts "$D/contacts.csv" --create-missing
check "--create-missing imports" grep -qx "3 contacts imported (0 skipped)" "$T/out"
check "--create-missing says so" grep -qx "companies created: 1" "$T/out"
check "contact 1 field by field" [ "$(q "SELECT last_name, first_name,
    company_id, position FROM contacts WHERE id = 1")" = "Петров|Пётр|1|директор" ]
check "contact 2 by #id" [ "$(q "SELECT last_name, company_id FROM contacts
    WHERE id = 2")" = "Сидорова|2" ]
new=$(q "SELECT id FROM companies WHERE name = 'ООО Новая'")
check "the new company" [ -n "$new" ]
check "contact 3 at the new company" [ "$(q "SELECT last_name, company_id
    FROM contacts WHERE id = 3")" = "Козлов|$new" ]

# ---- --map, unknown columns, read-only fields ----
printf 'Фирма;Тел.;Заметки;Сумма, руб.\nЛандыш;+7 000 000-00-00;x;1\n' >"$T/map.csv"
run --db "$DB" import csv companies "$T/map.csv"
check "unknown columns exit 1" [ "$RC" -eq 1 ]
check "... listing them and the fields" grep -q \
    "map.csv:1: unknown columns \"Фирма\", \"Тел.\", \"Заметки\", \"Сумма, руб.\"; companies have name, legal_name, city" "$T/err"
run --db "$DB" import csv companies "$T/map.csv" \
    --map 'Фирма=name,Тел.=phone' --map 'Заметки=' --ignore-unknown
check "--map imports" grep -qx "1 companies imported (0 skipped)" "$T/out"
check "--map: fields" [ "$(q "SELECT phone, comment FROM companies WHERE
    name = 'Ландыш'")" = "+7 000 000-00-00|" ]
run --db "$DB" import csv companies "$T/map.csv" --map 'Фирма=name,Тел.=phone,Заметки=comment,Сумма\, руб.=' --dry-run --on-duplicate add
check "--map with an escaped comma" grep -qx "1 companies would be imported (0 skipped); dry run, nothing written" "$T/out"
printf 'Тема;UID\nЗвонок;x\n' >"$T/uid.csv"
run --db "$DB" import csv events "$T/uid.csv"
check "a read-only field is refused" grep -q "uid.csv:1: column \"UID\" (uid): the field is read-only" "$T/err"

# ---- broken quoting ----
before=$(dump)
printf 'Название;Город\nА;Б\n"В;Г\nД;Е\n' >"$T/q.csv"
run --db "$DB" import csv companies "$T/q.csv"
check "an unbalanced quote exits 1" [ "$RC" -eq 1 ]
check "... naming the line its field starts on" grep -q \
    "q.csv:3: a quote never closed" "$T/err"
check "... nothing written" [ "$(dump)" = "$before" ]

# ---- progress: on a terminal, for a big file ----
awk 'BEGIN { print "Название;Мусор"; pad = sprintf("%1000s", "")
    gsub(/ /, "x", pad); for (i = 0; i < 1200; i++)
    printf "Компания %d;%s\n", i, pad }' >"$T/big.csv"
check "the big file is over 1 MiB" [ "$(wc -c <"$T/big.csv")" -gt 1048576 ]
script -qec "$SALESORG --db $DB import csv companies $T/big.csv \
    --ignore-unknown --dry-run" /dev/null >"$T/tty" 2>&1
check "a progress line on a terminal" grep -q "rows, [0-9]*%" "$T/tty"
check "... then the summary" grep -q \
    "1200 companies would be imported (0 skipped); dry run" "$T/tty"
run --db "$DB" import csv companies "$T/big.csv" --ignore-unknown --dry-run
check "no progress line off a terminal" [ ! -s "$T/err" ]

# ---- usage ----
run --db "$DB" import csv nosuch "$T/q.csv"
check "an unknown card file is a usage error" [ "$RC" -eq 2 ]
check "... listing the card files" grep -q "companies, contacts" "$T/err"
run --db "$DB" import csv payments
check "a missing file is a usage error" [ "$RC" -eq 2 ]
run --db "$DB" import csv payments "$D/payments.csv" --sep '|'
check "a bad --sep is a usage error" [ "$RC" -eq 2 ]
run --db "$DB" import csv payments "$D/payments.csv" --encoding koi8-r
check "an unknown --encoding is a usage error" [ "$RC" -eq 2 ]
run --db "$DB" import csv payments "$T/nonexistent.csv"
check "a missing file exits 1" [ "$RC" -eq 1 ]
check "... naming it" grep -q "nonexistent.csv: No such file" "$T/err"
run --db "$DB" import xml "$D/payments.csv"
check "an unknown format is a usage error" [ "$RC" -eq 2 ]
check "... listing csv" grep -q "known: csv, xlsx, xls, ods, ics" "$T/err"

finish
