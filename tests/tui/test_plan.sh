#!/bin/sh
# The plan screen as a head of sales uses it: :plan opens the quarter of
# today on today's month; Enter on boris's December sets his plan (one
# transaction, in the audit log); the cell then shows the fact against
# it, 300 000 of 600 000, 50 %, and the row's bar is half way to the
# mark of the plan done; m moves to another measure; y shows the year.
# A manager's organizer shows his own row and refuses Enter.
SALESORG_NOW=2026-12-09T10:00
export SALESORG_NOW
. "$(dirname "$0")/lib.sh"

DB="$T/p.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
"$SALESORG" --db "$DB" config set agenda.startup off --team >/dev/null || exit 1
"$SALESORG" --db "$DB" user add boris --role manager >/dev/null || exit 1
sqlite3 "$DB" "INSERT INTO companies (name, manager_id, created_at,
    updated_at) VALUES ('Bco', (SELECT id FROM users WHERE login =
    'boris'), 0, 0); INSERT INTO payments (company_id, amount, paid_on,
    created_at, updated_at) VALUES (1, 30000000, '2026-12-03', 0, 0)" ||
    exit 1

start 100x30 "$SALESORG" --db "$DB"
expect "the organizer is up" "Companies ("
keys :
type_text plan
keys Enter
expect ":plan opens the quarter of today" "Plans: 2026-Q4, Payments"
expect "  with a column per month" "2026-12"
expect "  boris's fact, no plan yet" "300 000 -"
keys Enter
expect "Enter asks boris's plan of December" "Plan of boris for 2026-12"
type_text 600000
keys Enter
expect "saved" "Saved"
expect "the share done shows" "300 000 50%"
check "one plan written" [ "$(sqlite3 "$DB" "SELECT amount FROM plans
    WHERE period = '2026-12' AND measure = 'payments'")" = 60000000 ]
check "  audited" [ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE
    entity = 'plan' AND field = '2026-12 payments boris'")" -eq 1 ]
# The bar: 17 cells after the total at 100 columns (18 for the names,
# 3 months and the total of 16 each, one to spare), the mark at 11; the
# fact half the plan fills 6 (5.5, rounded).
screen >"$T/scr"
check "the bar is half way to the mark" grep -q \
    "^ boris .*600 000 ██████     ▏$" "$T/scr"
check "every line fits the pane" lines_fit 100
keys m
expect "m: the next measure" "Plans: 2026-Q4, Deals won, sum"
keys y
expect "y: the year" "Plans: 2026, Deals won, sum"
keys q
expect_gone "q leaves the screen" "Plans: 2026"

finish
