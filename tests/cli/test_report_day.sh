#!/bin/sh
# `salesorg report checklist` and `salesorg report visits` (the
# organizer's templates 3 and 8) from the command line: text, CSV and
# PDF (read back with pdftotext), in English and with --lang ru, on the
# demo database plus a visit of today with shelf and stock notes and an
# order won today, written with the sqlite3 shell.  What each report
# counts is the unit tests' (test_report_day.c); this is the output.
. "$(dirname "$0")/lib.sh"

check "pdftotext is installed" sh -c "command -v pdftotext >/dev/null"
check "sqlite3 is installed" sh -c "command -v sqlite3 >/dev/null"
SALESORG_LOCALEDIR=$(cd "$(dirname "$SALESORG")" && pwd)/locale
export SALESORG_LOCALEDIR
unset LANGUAGE LC_ALL LC_MESSAGES

DB="$T/d.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
ME=$(id -un)

# A visit of today, 11:00 to 12:00, held, with notes; an order made
# yesterday and won today; another user's visit, not ours.
T11=$(date -d "$TODAY 11:00" +%s)
Y=$(date -d "$(day -1) 12:00" +%s)
sqlite3 "$DB" "INSERT INTO companies (name, created_at, updated_at)
    VALUES ('ООО «Полка»', $Y, $Y);
    INSERT INTO users (login, full_name, created_at)
    VALUES ('zboris', 'Борис Зет', 0);
    INSERT INTO events (type_id, subject, start_at, end_at, status,
    assignee_id, company_id, result_id, description, result_comment, uid,
    created_at, updated_at) VALUES ((SELECT id FROM event_types WHERE
    code = 'meeting'), 'Визит', $T11, $T11 + 3600, 'done',
    (SELECT id FROM users WHERE login = '$ME'),
    (SELECT id FROM companies WHERE name = 'ООО «Полка»'),
    (SELECT id FROM event_results WHERE code = 'held'),
    'Полка: 3 фейсинга', 'Склад: 20 коробок', 'ev-polka', $T11, $T11);
    INSERT INTO events (type_id, subject, start_at, status, assignee_id,
    company_id, description, uid, created_at, updated_at) VALUES
    ((SELECT id FROM event_types WHERE code = 'meeting'), 'Чужой визит',
    $T11, 'planned', (SELECT id FROM users WHERE login = 'zboris'),
    (SELECT id FROM companies WHERE name = 'ООО «Полка»'), 'не наш',
    'ev-other', $T11, $T11);
    INSERT INTO deals (title, company_id, stage_id, amount, closed_on,
    manager_id, created_at, updated_at) VALUES ('Заказ на полку',
    (SELECT id FROM companies WHERE name = 'ООО «Полка»'),
    (SELECT id FROM deal_stages WHERE code = 'won'), 1234500, '$TODAY',
    (SELECT id FROM users WHERE login = '$ME'), $Y, $Y)" || exit 1
reindex "$DB"

# ---- the sales representative's daily report ----
run --db "$DB" report visits --width 132
check "visits: exit 0" [ "$RC" -eq 0 ]
check "... the title and today" sh -c "head -1 '$T/out' |
    grep -q \"^Sales representative's daily report .*page 1 of\" &&
    grep -q 'Period: $TODAY' '$T/out'"
check "... the visit with its outlet, result and notes" grep -q \
    "^11:00-12:00 | ООО «Полка» .*| Meeting held .*| Полка: 3 фейсинга; Склад: 20 коробок" \
    "$T/out"
check "... another user's visit is not there" sh -c "! grep -q 'не наш' '$T/out'"
check "... the order won today, its amount" grep -q \
    "^ООО «Полка» .*| Заказ на полку .*| won .*|  *12 345.00\$" "$T/out"
run --db "$DB" report visits --format pdf -o "$T/v.pdf"
check "visits -o v.pdf: exit 0" [ "$RC" -eq 0 ]
pdftotext -layout "$T/v.pdf" "$T/v.txt"
check "... the PDF: its title" grep -q "Sales representative's daily report" "$T/v.txt"
check "... the PDF: the shelf and stock notes" grep -q "Склад: 20 коробок" "$T/v.txt"
check "... the PDF: the order" grep -q "12 345.00" "$T/v.txt"
run --db "$DB" report visits --format csv
check "visits --format csv: the title, the notes in a cell" sh -c "
    head -1 '$T/out' | grep -q \"^Sales representative's daily report\" &&
    grep -q '\"Полка: 3 фейсинга; Склад: 20 коробок\"\\|,Полка: 3 фейсинга; Склад: 20 коробок' '$T/out'"
run --db "$DB" report visits --user zboris
check "visits --user zboris: the other user's visit" grep -q "не наш" "$T/out"
run --db "$DB" report visits --all --width 132
check "visits --all: a heading per user" sh -c "grep -q '^Борис Зет (zboris)\$' '$T/out'"

# ---- the day-schedule checklist ----
run --db "$DB" report checklist --width 132
check "checklist: exit 0" [ "$RC" -eq 0 ]
check "... the title" sh -c "head -1 '$T/out' | grep -q '^Day checklist .*page 1 of'"
check "... the day starts with the agenda, at work.start" grep -q \
    "^\[ \]  | 09:00  *| Check the agenda: what is overdue, what is today" \
    "$T/out"
check "... the visit made, ticked" grep -q \
    "^\[x\]  | 11:00  *| Meeting: Визит  *| ООО «Полка»" "$T/out"
check "... and ends with tomorrow's journal" sh -c "grep '|' '$T/out' |
    tail -1 | grep -q '^\[ \]  | end of day | Fill in tomorrow.s journal and send it to the head'"
run --db "$DB" config set work.start 08:30
run --db "$DB" report checklist --width 132
check "... the team's work.start moves the morning routine" grep -q \
    "^\[ \]  | 08:30  *| Check the agenda" "$T/out"
run --db "$DB" report checklist --all --format pdf -o "$T/c.pdf"
check "checklist --all -o c.pdf: exit 0" [ "$RC" -eq 0 ]
pdftotext -layout "$T/c.pdf" "$T/c.txt"
check "... the PDF: the head's checklist" grep -q "Head of sales: day checklist" "$T/c.txt"
check "... the PDF: the boxes to tick per manager" grep -q \
    "Journal received" "$T/c.txt"
# (pdftotext closes up the box's blank: "[]")
check "... the PDF: a line for zboris with two boxes" grep -q \
    "^Борис Зет .*\[ *\] .*\[ *\]\$" "$T/c.txt"
run --db "$DB" report checklist --date "$(day 1)" --format csv
check "checklist --format csv: boxes kept as printed" grep -q '^"\?\[ \]"\?,' "$T/out"

# ---- in Russian ----
run --db "$DB" report checklist --lang ru --width 132
check "checklist --lang ru: the title and the evening, in Russian" sh -c "
    head -1 '$T/out' | grep -q '^Чек-лист дня ' &&
    grep -q '^\[ \]    | конец дня | Заполнить журнал на завтра и сдать' '$T/out'"
run --db "$DB" report visits --lang ru --format pdf -o "$T/vr.pdf"
pdftotext -layout "$T/vr.pdf" "$T/vr.txt"
check "visits --lang ru, PDF: the title and the money in Russian" sh -c "
    grep -q 'Ежедневный отчёт торгового представителя' '$T/vr.txt' &&
    grep -q 'Полка и остатки' '$T/vr.txt' && grep -q '12 345,00' '$T/vr.txt'"

# ---- refused ----
run --db "$DB" report checklist --date 2026-02-30
check "a day that does not exist: exit 2, named" sh -c "[ $RC -eq 2 ] &&
    grep -q 'date' '$T/err'"
finish
