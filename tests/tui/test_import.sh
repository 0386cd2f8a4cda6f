#!/bin/sh
# The Import screen as a person uses it: `:import FILE` on a spreadsheet
# saved by Russian Excel (CP1251, ';'), the columns with the field each
# goes to and the first rows, an unknown column mapped by hand, the
# duplicates switched to update, a dry run that writes nothing, the
# import, and a broken file that names its line and writes nothing.
. "$(dirname "$0")/lib.sh"

DB="$T/t.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
printf 'name;city;website\n"ООО ""Ромашка""";Москва;old.ru\n' >"$T/one.csv"
"$SALESORG" --db "$DB" import csv companies "$T/one.csv" >/dev/null || exit 1
printf '%s\r\n' 'Название;Город;Телефон;Заметки;Сайт' \
    '"ООО ""Ромашка""";Москва;+7 (495) 123-45-67;Старый клиент;romashka.ru' \
    'ИП Иванов И.И.;Казань;8 843 222-33-44;"Звонить после обеда;' \
    'без выходных";' \
    'ЗАО «Север»;Санкт-Петербург;;;sever.ru' |
    iconv -f UTF-8 -t CP1251 >"$T/clients.csv"
count() { sqlite3 "$DB" "SELECT count(*) FROM companies"; }

start 160x30 "$SALESORG" --db "$DB"
expect "opens" "1 Companies"
keys :
type_text "import $T/clients.csv"
keys Enter
expect "the import screen" "into Companies"
expect "encoding and separator as read" "CSV, cp1251, separator ';'"
expect "a known column and its field" "Телефон               Phone"
expect "the first rows' values" "ИП Иванов И.И."
expect "a cell's two lines on one" "Звонить после обеда; без выходных"
expect "an unknown column is marked" "? unknown: left out"
check "lines fit the pane" lines_fit 160
# Заметки is the fourth column: map it to the comment (the last field)
keys Down Down Down Enter
expect "the field picker" "Column \"Заметки\" goes to"
keys End Enter
expect "mapped by hand" "* Comment"
keys d
expect "duplicates switched to update" "duplicates: update (d)"
keys n
expect "a dry run says what would happen" "dry run: 2 companies would be imported, 0 duplicates skipped, 1 updated"
check "... and writes nothing" [ "$(count)" = 1 ]
keys i
expect "imported, back at the list" "2 companies imported, 0 duplicates skipped, 1 updated"
expect "the new rows in the list" "ЗАО «Север»"
check "three companies" [ "$(count)" = 3 ]
check "the duplicate updated, its comment from the mapped column" \
    [ "$(sqlite3 "$DB" "SELECT website || '|' || comment FROM companies WHERE city = 'Москва'")" = "romashka.ru|Старый клиент" ]
check "a multi-line cell kept" [ "$(sqlite3 "$DB" "SELECT comment FROM companies WHERE city = 'Казань'")" = "Звонить после обеда;
без выходных" ]

# a 1C file's bare quotes: read as text, the screen says how many lines
printf 'name;city\nООО "Ландыш";Тула\n' | iconv -f UTF-8 -t CP1251 >"$T/1c.csv"
keys :
type_text "import $T/1c.csv"
keys Enter
expect "a bare quote previews as text" 'ООО "Ландыш"'
keys i
expect "imported, the repaired line counted" "1 line with a quote not doubled read as text"
check "the name with its quotes" [ "$(sqlite3 "$DB" "SELECT count(*) FROM companies WHERE name = 'ООО \"Ландыш\"'")" = 1 ]

# a quote never closed on line 8: the preview shows the first rows, the
# import names the line and writes nothing
{ printf 'name;city\n'; for i in 1 2 3 4 5 6; do printf 'Фирма %s;Тула\n' "$i"; done
  printf '"Фирма 7;Тула\n'; } >"$T/bad.csv"
keys :
type_text "import $T/bad.csv"
keys Enter
expect "a broken file previews" "Фирма 5"
keys i
expect "its error names the file and line" "bad.csv:8: a quote never closed"
expect "... and says nothing was written" "nothing written"
check "nothing written" [ "$(count)" = 4 ]
keys q
expect "back at the list" "1 Companies"
finish
