#!/bin/sh
# `salesorg plan` and `salesorg report plan`: plans set, replaced, listed
# and deleted from a shell, each audited; bad periods, amounts and
# measures refused before anything is written; the report's plan, fact,
# share and forecast counted by hand; the sales report's plan table only
# when its period has a plan.  (Who may do what: tests/cli/test_access.sh
# runs it as a real manager, head and administrator.)
. "$(dirname "$0")/lib.sh"

# Its own moment: Wednesday 2026-12-16, 12 of December's 23 working
# days (Monday to Friday; the 1st a Tuesday) gone, the 16th included.
SALESORG_NOW=2026-12-16T10:00
export SALESORG_NOW
DB="$T/p.db"
q() { sqlite3 "$DB" "$1"; }
# csv ARGS...: a report as CSV, its CRLF lines made plain, in $T/csv.
csv() { run "$@" --format csv; tr -d '\r' <"$T/out" >"$T/csv"; }

run --db "$DB" init
run --db "$DB" user add boris --role manager --name "Борис Белов"
q "INSERT INTO companies (name, manager_id, created_at, updated_at) VALUES
    ('Bco', (SELECT id FROM users WHERE login = 'boris'), 0, 0),
    ('Nco', NULL, 0, 0);
INSERT INTO payments (company_id, amount, paid_on, created_at, updated_at)
    VALUES (1, 30000000, '2026-12-03', 0, 0), (2, 10000000, '2026-12-05', 0, 0),
    (1, 99900, '2026-11-30', 0, 0);"

run --db "$DB" plan set boris 2026-12 "1 000 000"
check "set: exit 0" [ "$RC" -eq 0 ]
run --db "$DB" plan set boris 2026-12 "1 500 000,00"
run --db "$DB" plan set team 2026-12 2000000
run --db "$DB" plan set boris 2026-q4 40 --measure meetings
check "set again replaces" [ "$(q "SELECT count(*) FROM plans")" -eq 3 ]
check "every change audited" [ "$(q "SELECT count(*) FROM audit_log WHERE
    entity = 'plan'")" -eq 4 ]
check "  the replacement with its old and new amounts" [ "$(q "SELECT
    old_value || '>' || new_value FROM audit_log WHERE entity = 'plan' AND
    action = 'update'")" = "100000000>150000000" ]
run --db "$DB" plan list
check "list: a line per plan, the team first" [ "$(cat "$T/out")" = "$(printf \
    '2026-12\tteam\tpayments\t2 000 000.00\n2026-12\tboris\tpayments\t1 500 000.00\n2026-Q4\tboris\tmeetings\t40')" ]
run --db "$DB" plan list --period 2026-Q4 --user boris
check "list --period --user" [ "$(cat "$T/out")" = "$(printf \
    '2026-Q4\tboris\tmeetings\t40')" ]

# Refused before the database is touched, saying what is wrong.
before=$(q "SELECT count(*) FROM audit_log")
run --db "$DB" plan set boris 2026-13 100
check "a bad period: usage" [ "$RC" -eq 2 ]
check "  names it and the forms" grep -q '2026-Q4.*"2026-13"' "$T/err"
run --db "$DB" plan set boris 2026-12 lots
check "a bad amount: usage" [ "$RC" -eq 2 ]
check "  names it" grep -q '"lots"' "$T/err"
run --db "$DB" plan set boris 2026-12 12.5 --measure calls
check "a count is whole" [ "$RC" -eq 2 ]
run --db "$DB" plan set boris 2026-12 5 --measure visits
check "a bad measure: usage" [ "$RC" -eq 2 ]
check "  lists the measures" grep -q "payments, won, meetings or calls" "$T/err"
run --db "$DB" plan set nobody 2026-12 5
check "no such user: exit 1" [ "$RC" -eq 1 ]
check "nothing written by the refusals" [ "$(q "SELECT count(*) FROM
    audit_log")" -eq "$before" ]

# The report by hand: boris 300 000.00 of 1 500 000.00, 20.0 %, at the
# pace of 12 days carried to 23: 575 000.00, 38.3 %; the team 400 000.00
# (nobody's 100 000.00 too) of 2 000 000.00, forecast 766 666.67.
csv --db "$DB" report plan --period 2026-12 --all
check "report plan: exit 0" [ "$RC" -eq 0 ]
check "  the days" grep -q "Working days in the period: 23, elapsed: 12" "$T/csv"
check "  boris's row" grep -qx \
    'Борис Белов,1500000.00,300000.00,20.0%,575000.00,38.3%' "$T/csv"
check "  the team's row" grep -qx \
    'Team,2000000.00,400000.00,20.0%,766666.67,38.3%' "$T/csv"
run --db "$DB" report plan --all
check "the current month by default" grep -q "1 500 000.00" "$T/out"
csv --db "$DB" report plan --period 2026-Q4 --all
check "the quarter: the meetings' plan, none held" grep -qx \
    'Борис Белов,40,0,0.0%,0,0.0%' "$T/csv"
run --db "$DB" report plan --period 2027 --all
check "a year without plans says so" grep -q "No plan is set" "$T/out"
run --db "$DB" report plan --from 2026-12-01 --to 2026-12-10 --all
check "not a plan period: refused" [ "$RC" -eq 1 ]
check "  saying which periods are" grep -q "2026-Q4" "$T/err"

# The sales report: the plan table when its month has plans, not else.
csv --db "$DB" report sales --period 2026-12 --all
check "sales: the plan" grep -qx \
    'Борис Белов,1500000.00,300000.00,20.0%,575000.00,38.3%' "$T/csv"
csv --db "$DB" report sales --period 2026-11 --all
check "sales of a month without plans: none" sh -c "! grep -q 'Plan:' '$T/csv'"

run --db "$DB" plan delete boris 2026-12
check "delete: exit 0" [ "$RC" -eq 0 ]
run --db "$DB" plan delete boris 2026-12
check "delete again: exit 1" [ "$RC" -eq 1 ]
check "  no such plan" grep -q "no payments plan of boris for 2026-12" "$T/err"
check "delete audited" [ "$(q "SELECT count(*) FROM audit_log WHERE
    entity = 'plan' AND action = 'delete'")" -eq 1 ]
csv --db "$DB" report plan --period 2026-12 --all
check "the team's plan stays, boris's row shows none" grep -qx \
    'Борис Белов,-,300000.00,-,575000.00,-' "$T/csv"

finish
