#!/bin/sh
# --width above the default widens the tables, not only the rule: the
# key clients' 40-column e-mail wraps at 80 and is whole at 140, and the
# follow-up's rows stay on one line but for the one long name (issue 28).
# How the room is shared is test_doc's job (test_doc_text_wide_line_*).
. "$(dirname "$0")/lib.sh"

DB="$T/w.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
MAIL=konstantin.konstantinopolsky@romashka.ru
sqlite3 "$DB" "UPDATE contacts SET email = '$MAIL',
    position = 'Заместитель генерального директора по развитию'
    WHERE email = 's.ivanov@romashka-kzn.ru'"
check "the fixture: a 40-column e-mail" [ "$(sqlite3 "$DB" \
    "SELECT count(*) FROM contacts WHERE email = '$MAIL'")" -eq 1 ]

run --db "$DB" report keyclients --all --width 1000
check "keyclients: the e-mail is a key client's" grep -q "$MAIL" "$T/out"
grep -o '[^ |]*@[^ |]*' "$T/out" | sort >"$T/mails"
run --db "$DB" report keyclients --all --width 80
check "keyclients at 80: the e-mail wraps" sh -c "[ $RC -eq 0 ] &&
    ! grep -q '$MAIL' '$T/out'"
run --db "$DB" report keyclients --all --width 140
check "keyclients at 140: exit 0" [ "$RC" -eq 0 ]
check "... the e-mail whole on Иванов's line" \
    grep -q "^Иванов Сергей Петрович .*| $MAIL\$" "$T/out"
check "... every e-mail whole" sh -c "grep -o '[^ |]*@[^ |]*' '$T/out' |
    sort | cmp -s - '$T/mails'"
check "... no line over 140 columns" \
    [ "$(LC_ALL=C.UTF-8 wc -L <"$T/out")" -le 140 ]

NAME='ООО «Транссибирская Экспедиционная Компания»'
sqlite3 "$DB" "UPDATE companies SET name = '$NAME'
    WHERE name = 'ООО «Транссиб Экспресс»'"
run --db "$DB" report followup --all --width 140
check "followup at 140: the long name's company is warm" sh -c "[ $RC -eq 0 ] &&
    grep -q 'Транссибирская' '$T/out'"
check "... no row wrapped but the name's (a blank Organization cell)" \
    sh -c "! grep -q '^[ !]*| *|' '$T/out'"
check "... the rows there" [ "$(grep -c '^[ !]*| [^ ]' "$T/out")" -ge 3 ]
check "... no line over 140 columns" \
    [ "$(LC_ALL=C.UTF-8 wc -L <"$T/out")" -le 140 ]
finish
