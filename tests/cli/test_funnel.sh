#!/bin/sh
# The deal stages from a shell (config stages: add, move, retire,
# probability and their refusals) and the funnel, forecast and dynamics
# reports on a hand-written history, in CSV, checked figure by figure.
. "$(dirname "$0")/lib.sh"

DB="$T/f.db"
q() { sqlite3 "$DB" "$1"; }
# The report's CSV without the dialect's CR before each LF.
csv() { tr -d '\r' <"$T/out" >"$T/csv"; }
SALESORG_LOCALEDIR=$(cd "$(dirname "$SALESORG")" && pwd)/locale
export SALESORG_LOCALEDIR

run --db "$DB" init
run --db "$DB" config stages
check "stages: the seeded six with their probabilities" grep -qx \
    "negotiation      open  75%  in-use  Negotiation" "$T/out"
check "stages: won is the win" grep -qx \
    "won              won  100%  in-use  Won" "$T/out"
run --db "$DB" config stages add demo "Demo held" --probability 40
check "add: exit 0" [ "$RC" -eq 0 ]
check "add: before the closed stages" [ "$(q "SELECT group_concat(code, ' ')
    FROM (SELECT code FROM deal_stages ORDER BY sort)")" = \
    "first_contact need_found proposal_sent negotiation demo won lost" ]
run --db "$DB" config stages move demo 2
check "move: second" [ "$(q "SELECT code FROM deal_stages ORDER BY sort
    LIMIT 1 OFFSET 1")" = demo ]
run --db "$DB" config stages probability demo 101
check "probability 101: a usage error" [ "$RC" -eq 2 ]
check "probability 101: says the bounds" grep -q "from 0 to 100" "$T/err"
check "probability 101: nothing written" [ "$(q "SELECT probability FROM
    deal_stages WHERE code = 'demo'")" -eq 40 ]
run --db "$DB" config stages retire won
check "retire the only won stage: refused" [ "$RC" -ne 0 ]
check "retire won: says why" grep -q "a won and a lost stage" "$T/err"
run --db "$DB" config stages retire demo
check "retire demo: exit 0" [ "$RC" -eq 0 ]
run --db "$DB" config stages
check "list: demo retired" grep -qx \
    "demo             open  40%  retired Demo held" "$T/out"
run --db "$DB" config stages rename demo X --closed won
check "--closed without add: refused" [ "$RC" -eq 2 ]
run --db "$DB" config stages add lost_price "Lost on price" --closed lost
check "add a lost stage: at the end, 0 %" grep -qx \
    "lost_price       lost   0%  in-use  Lost on price" \
    "$(run --db "$DB" config stages; echo "$T/out")"

# The funnel of March 2026: D1 first contact 03-02 -> need found 03-04
# -> won 03-14; D2 first contact 03-03 -> lost 03-05.  Reached: first
# contact 2, need found 1 (50.0%), won 1; lost 1 of 2 (50.0%); stays
# out of first contact: 2 and 2 days.
fc=$(q "SELECT id FROM deal_stages WHERE code = 'first_contact'")
nf=$(q "SELECT id FROM deal_stages WHERE code = 'need_found'")
won=$(q "SELECT id FROM deal_stages WHERE code = 'won'")
lost=$(q "SELECT id FROM deal_stages WHERE code = 'lost'")
t() { date -d "$1 12:00" +%s; }
q "INSERT INTO deals (id, title, stage_id, amount, expected_close,
    manager_id, created_at, updated_at) VALUES
    (1, 'D1', $won, 100000, '', 1, $(t 2026-03-02), 0),
    (2, 'D2', $lost, 5000, '', 1, $(t 2026-03-03), 0),
    (3, 'E1', $nf, 100000, '2026-04-10', 1, $(t 2026-01-10), 0);
INSERT INTO audit_log (at, entity, record_id, action, field, old_value,
    new_value) VALUES
    ($(t 2026-03-02), 'deal', 1, 'create', NULL, NULL, NULL),
    ($(t 2026-03-04), 'deal', 1, 'update', 'stage_id', '$fc', '$nf'),
    ($(t 2026-03-14), 'deal', 1, 'update', 'stage_id', '$nf', '$won'),
    ($(t 2026-03-03), 'deal', 2, 'create', NULL, NULL, NULL),
    ($(t 2026-03-05), 'deal', 2, 'update', 'stage_id', '$fc', '$lost');"
run --db "$DB" report funnel --all --from 2026-03-01 --to 2026-03-31 \
    --format csv
csv
check "funnel: exit 0" [ "$RC" -eq 0 ]
check "funnel: first contact 2, two stays of 2 days" grep -q \
    '^First contact,2,-,2,"\?2.0"\?$' "$T/csv"
check "funnel: need found 1 of 2" grep -q '^Need found,1,50.0%,' "$T/csv"
check "funnel: lost 1 of 2" grep -q '^Lost,1,50.0%,' "$T/csv"
check "funnel: the retired stage nobody reached is left out" \
    sh -c "! grep -q '^Demo held' '$T/csv'"
run --db "$DB" report funnel --all --from 2026-03-01 --to 2026-03-31 \
    --lang ru
check "funnel in Russian: its headers" grep -q "Дошли" "$T/out"

# The forecast: E1 at need found (25 %) in April: 1 000.00 -> 250.00.
run --db "$DB" report forecast --all --from 2026-04-01 --to 2026-04-30 \
    --format csv
csv
check "forecast: exit 0" [ "$RC" -eq 0 ]
check "forecast: weighted by the stage" grep -q \
    '^2026-04,[^,]*,1,1000.00,250.00$' "$T/csv"
run --db "$DB" config stages probability need_found 60
run --db "$DB" report forecast --all --from 2026-04-01 --to 2026-04-30 \
    --format csv
csv
check "forecast: the admin's probability" grep -q \
    '^2026-04,[^,]*,1,1000.00,600.00$' "$T/csv"

# The dynamics: C pays 2026-01-15 (new in January), nothing since: lost
# after 2 months, 03-15.
q "INSERT INTO companies (id, name, status, created_at, updated_at)
    VALUES (1, 'C', 'regular', 0, 0);
INSERT INTO payments (company_id, amount, paid_on, created_at, updated_at)
    VALUES (1, 70000, '2026-01-15', 0, 0);"
run --db "$DB" report dynamics --all --from 2026-01-01 --to 2026-03-31 \
    --months 2 --format csv
csv
check "dynamics: exit 0" [ "$RC" -eq 0 ]
check "dynamics: January new, the regular client's purchase" grep -q \
    '^2026-01,1,0,700.00,700.00$' "$T/csv"
check "dynamics: March lost" grep -q '^2026-03,0,1,0.00,0.00$' "$T/csv"
run --db "$DB" report dynamics --all --from 2026-01-01 --to 2026-03-31 \
    --step quarter --months 2 --format csv
csv
check "dynamics by quarter" grep -q '^Q1 2026,1,1,700.00,700.00$' "$T/csv"
run --db "$DB" report sales --step quarter
check "--step is the dynamics report's" [ "$RC" -eq 2 ]
run --db "$DB" report dynamics --months 121
check "--months 121 for dynamics: refused" [ "$RC" -eq 2 ]
finish
