#!/bin/sh
# A CSV file as 1C saves a list of counterparties: CP1251, ';', CRLF,
# Russian column names no field has as its label ("Наименование", "Эл.
# почта", "Примечание"), and company names in quotes that are not
# doubled ("ООО "Ромашка"" and ООО "Ромашка" unquoted).  Imported with a
# warning naming each repaired line and every value as written;
# --strict refuses the file and writes nothing.
. "$(dirname "$0")/lib.sh"

DB="$T/x.db"
q() { sqlite3 "$DB" "$1"; }
"$SALESORG" --db "$DB" init >/dev/null || exit 1
printf '%s\r\n' \
    'Наименование;Адрес;Телефон;Эл. почта;Примечание' \
    '"ООО "Ромашка"";"г. Казань; ул. Баумана, 1";+7 843 123-45-67;info@romashka.ru;Постоянный клиент' \
    'АО "Вектор";Москва;8 (495) 111-22-33;;"Скидка ""10%"""' \
    '"ЗАО ""Север""";Уфа;;sever@mail.ru;"две' \
    'строки"' \
    'ИП Иванов;Тверь;;;' |
    iconv -f UTF-8 -t CP1251 >"$T/1c.csv"
check "the file is CP1251" [ "$(head -c 1 "$T/1c.csv" | od -An -tx1 | tr -d ' ')" = cd ]

S0=$(sum "$DB")
run --db "$DB" import csv companies "$T/1c.csv" --strict
check "--strict: exit 1" [ "$RC" -eq 1 ]
check "... the line named" grep -q "1c.csv:2: a stray '\"' in a field" "$T/err"
check "... nothing written" [ "$(sum "$DB")" = "$S0" ]

run --db "$DB" import csv companies "$T/1c.csv"
check "by default: exit 0" [ "$RC" -eq 0 ]
check "... four companies" grep -qx "4 companies imported (0 skipped)" "$T/out"
check "... line 2 repaired, said" grep -q '^salesorg: .*1c.csv:2: a quote inside a field, not doubled as "" (as 1C writes a name in quotes): read as part of the text (repaired; --strict refuses such a file)$' "$T/err"
check "... line 3 repaired, said" grep -q "1c.csv:3: a quote inside a field" "$T/err"
check "... only those two" [ "$(grep -c "a quote inside a field" "$T/err")" -eq 2 ]
check '"ООО "Ромашка"": the name with its quotes' [ "$(q "SELECT count(*) FROM companies WHERE name = 'ООО \"Ромашка\"'")" = 1 ]
check "... the quoted address with its separator" [ "$(q "SELECT address FROM companies WHERE name = 'ООО \"Ромашка\"'")" = "г. Казань; ул. Баумана, 1" ]
check "... Телефон" [ "$(q "SELECT phone FROM companies WHERE name = 'ООО \"Ромашка\"'")" = "+7 843 123-45-67" ]
check "... Эл. почта" [ "$(q "SELECT email FROM companies WHERE name = 'ООО \"Ромашка\"'")" = info@romashka.ru ]
check "... Примечание" [ "$(q "SELECT comment FROM companies WHERE name = 'ООО \"Ромашка\"'")" = "Постоянный клиент" ]
check 'АО "Вектор" unquoted' [ "$(q "SELECT address FROM companies WHERE name = 'АО \"Вектор\"'")" = Москва ]
check "... a properly doubled quote on the same line" [ "$(q "SELECT comment FROM companies WHERE name = 'АО \"Вектор\"'")" = 'Скидка "10%"' ]
check "a proper line is read as RFC 4180 has it" [ "$(q "SELECT comment FROM companies WHERE name = 'ЗАО \"Север\"'")" = "две
строки" ]
check "the line after a two-line row" [ "$(q "SELECT address FROM companies WHERE name = 'ИП Иванов'")" = Тверь ]
finish
