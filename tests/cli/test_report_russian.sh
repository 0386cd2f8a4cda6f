#!/bin/sh
# `salesorg report` and `salesorg journal` in the reader's language: with
# --lang ru (or a Russian locale) the words, the dates and the money of
# text, CSV and PDF are Russian ("страница 1 из 2", "среда, 9 декабря
# 2026", "1 234,50"); --lang en from a Russian locale is the English of
# any other run; --lang xx is refused, and a language whose catalogue is
# not there is said plainly.  The catalogue is the one make built beside
# the binary; its absence fails the script rather than skipping it.
. "$(dirname "$0")/lib.sh"

SALESORG_LOCALEDIR=$(cd "$(dirname "$SALESORG")" && pwd)/locale
export SALESORG_LOCALEDIR
unset LANGUAGE LC_ALL LC_MESSAGES
check "the catalogue is built" \
    [ -f "$SALESORG_LOCALEDIR/ru/LC_MESSAGES/salesorg.mo" ]
check "the ru_RU.UTF-8 locale is installed" \
    sh -c "locale -a | grep -qix 'ru_RU.utf-\\?8'"
check "pdftotext is installed" sh -c "command -v pdftotext >/dev/null"

DB="$T/r.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1

# The day as the journal's header writes it in Russian, from TODAY (the
# pinned clock, whatever day make check-dates picks).
set -- воскресенье понедельник вторник среда четверг пятница суббота
shift "$(date -d "$TODAY" +%w)"
WDAY=$1
set -- января февраля марта апреля мая июня июля августа сентября \
    октября ноября декабря
shift $(( $(date -d "$TODAY" +%m | sed 's/^0//') - 1 ))
LONG="$WDAY, $(date -d "$TODAY" +%-d) $1 $(date -d "$TODAY" +%Y)"
SHORT=$(date -d "$TODAY" +%d.%m.%Y)

# ---- the journal, text ----
run --db "$DB" journal --lang ru
check "journal --lang ru: exit 0" [ "$RC" -eq 0 ]
check "... the title and the page, in Russian" sh -c "head -1 '$T/out' |
    grep -q '^Рабочий журнал .*страница 1 из [0-9]*\$'"
check "... the day written out ($LONG)" \
    grep -q "^Период: $LONG   Пользователь: " "$T/out"
check "... made today ($SHORT)" grep -q "^составлен $SHORT " "$T/out"
check "... its headings" sh -c "grep -q '^Касания, запланированные на день\$' \
    '$T/out' && grep -q '^Журнал звонков\$' '$T/out' &&
    grep -q '^Итоги\$' '$T/out'"
check "... its columns" sh -c "grep -q '^Время *| Касание *| Организация' \
    '$T/out' && grep -q 'Запланировано | Выполнено' '$T/out'"
check "... no English heading left" sh -c "[ -s '$T/out' ] && ! grep -q \
    'Work journal\\|Call log\\|Totals\\|page 1 of\\|Period:' '$T/out'"
check "... still 132 columns" [ "$(LC_ALL=C.UTF-8 wc -L <"$T/out")" -le 132 ]

# ---- the activity report, PDF ----
run --db "$DB" report activity --all --period month --lang ru --format pdf \
    -o "$T/a.pdf"
check "activity --lang ru --format pdf: exit 0" [ "$RC" -eq 0 ]
check "... its pages said in Russian" \
    grep -q "a.pdf: [0-9]* страниц[аы]* в формате pdf\$" "$T/err"
pdftotext -layout "$T/a.pdf" "$T/a.txt" 2>/dev/null
check "... the Russian title and page" sh -c "grep -q 'Отчёт об активности' \
    '$T/a.txt' && grep -q 'страница 1 из' '$T/a.txt'"
check "... the Russian column names" sh -c "grep -q '^ *День  *Д/н  *Опоз' \
    '$T/a.txt' && grep -q ' Платежи  *Сдан' '$T/a.txt'"
check "... Russian days and totals" sh -c "grep -q \
    '^ *[0-9][0-9]\\.[0-9][0-9]\\.20[0-9][0-9] ' '$T/a.txt' &&
    grep -q '^ *Итого ' '$T/a.txt'"
check "... no English column name" sh -c "[ -s '$T/a.txt' ] &&
    ! grep -q 'Day *Manager\\|Payments\\|page 1 of' '$T/a.txt'"

# ---- a Russian locale: money with a decimal comma ----
LANG=ru_RU.UTF-8 run --db "$DB" report sales --all --period all
check "LANG=ru_RU report sales: exit 0" [ "$RC" -eq 0 ]
check "... Russian words" sh -c "head -1 '$T/out' |
    grep -q '^Результаты продаж '"
check "... money as 1 234,50" \
    grep -Eq '[0-9] [0-9]{3},[0-9]{2}( |$)' "$T/out"
check "... and not as 1 234.50" \
    sh -c "[ -s '$T/out' ] &&
    ! grep -Eq '[0-9] [0-9]{3}\\.[0-9]{2}( |\$)' '$T/out'"
check "... conversion with a comma" grep -Eq '[0-9],[0-9]%' "$T/out"
LANG=ru_RU.UTF-8 run --db "$DB" report sales --all --period all \
    --format csv
check "... CSV: the number's comma quoted, no group spaces" \
    grep -Eq '^Итого,[0-9]+,"[0-9]+,[0-9]{2}",' "$T/out"
check "... CSV: the period's label" grep -q "^Период,по $SHORT" "$T/out"

# ---- --lang en from a Russian locale: the English of any run ----
run --db "$DB" report sales --all --period all
cp "$T/out" "$T/en.txt"
LANG=ru_RU.UTF-8 run --db "$DB" report sales --all --period all --lang en
check "--lang en under LANG=ru_RU: exit 0" [ "$RC" -eq 0 ]
check "... the same English as without a locale" cmp -s "$T/out" "$T/en.txt"
check "... which is English" sh -c "head -1 '$T/out' |
    grep -q '^Sales results .*page 1 of 1\$' &&
    grep -Eq '[0-9] [0-9]{3}\\.[0-9]{2}( |\$)' '$T/out'"
LANG=ru_RU.UTF-8 run --db "$DB" journal --lang en
check "journal --lang en under LANG=ru_RU: English" sh -c "[ $RC -eq 0 ] &&
    grep -q '^Period: $TODAY' '$T/out' && ! grep -q 'Журнал звонков' '$T/out'"

# ---- refusals ----
run --db "$DB" report sales --lang xx
check "--lang xx: usage (2), the value named" sh -c "[ $RC -eq 2 ] &&
    grep -q -- '--lang: ru or en, not \"xx\"' '$T/err'"
run --db "$DB" journal --lang ''
check "--lang '': usage (2)" [ "$RC" -eq 2 ]
mkdir "$T/nolocale"
SALESORG_LOCALEDIR="$T/nolocale" run --db "$DB" journal --lang ru
check "--lang ru without its catalogue: exit 1, said" sh -c "[ $RC -eq 1 ] &&
    grep -q 'no catalogue of that language' '$T/err' && [ ! -s '$T/out' ]"
finish
