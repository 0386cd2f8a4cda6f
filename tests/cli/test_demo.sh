#!/bin/sh
# salesorg demo: fills an empty database through the store (check passes),
# with something in every card file, deals in every stage, an agenda for
# today and payments in each of the last six months; refuses a database
# that already has data, leaving it unchanged.
#
# Standalone: sh tests/cli/test_demo.sh with $SALESORG set (run.sh does).
. "$(dirname "$0")/lib.sh"

DB="$T/d.db"
q() { sqlite3 "$DB" "$1"; }

run --db "$DB" demo
check "demo exits 0" [ "$RC" -eq 0 ]
check "demo prints a summary" grep -q "companies, .* payments" "$T/out"
run --db "$DB" check
check "check after demo exits 0" [ "$RC" -eq 0 ]

for t in companies contacts events tasks notes links deals payments; do
	n=$(q "SELECT count(*) FROM $t")
	check "demo fills $t ($n)" [ "${n:-0}" -gt 0 ]
done

check "first company is Ромашка in Казань, customer, VIP" \
    [ "$(q "SELECT name || '|' || city || '|' || status || '|' || category
	FROM companies ORDER BY id LIMIT 1")" = \
    "ООО «Ромашка»|Казань|customer|VIP" ]
check "companies in every status" \
    [ "$(q "SELECT count(DISTINCT status) FROM companies")" -eq 5 ]
check "every company has a decision maker" \
    [ "$(q "SELECT count(*) FROM companies c WHERE NOT EXISTS (SELECT 1
	FROM contacts p WHERE p.company_id = c.id
	AND p.role = 'decision_maker')")" -eq 0 ]
check "a birthday today or tomorrow" \
    [ "$(q "SELECT count(*) FROM contacts WHERE substr(birthday, 6) IN
	(strftime('%m-%d', $NOW_S, 'unixepoch', 'localtime'),
	strftime('%m-%d', $NOW_S, 'unixepoch', 'localtime', '+1 day'))")" -gt 0 ]
check "contacts have their job history" \
    [ "$(q "SELECT count(*) FROM contact_jobs")" -eq \
    "$(q "SELECT count(*) FROM contacts")" ]

check "deals in all six stages" \
    [ "$(q "SELECT count(DISTINCT s.code) FROM deals d JOIN deal_stages s
	ON s.id = d.stage_id")" -eq 6 ]
check "lost deals say why" \
    [ "$(q "SELECT count(*) FROM deals d JOIN deal_stages s
	ON s.id = d.stage_id WHERE s.code = 'lost'
	AND d.lost_reason = ''")" -eq 0 ]

# Today's local midnight and the next, as Unix seconds (TZ from lib.sh).
today=$(q "SELECT strftime('%s', date($NOW_S, 'unixepoch', 'localtime'), 'utc')")
tomorrow=$(q "SELECT strftime('%s', date($NOW_S, 'unixepoch', 'localtime', '+1 day'),
	'utc')")
n=$(q "SELECT count(*) FROM events WHERE status = 'planned'
	AND start_at >= $today AND start_at < $tomorrow")
check "planned events today ($n)" [ "$n" -ge 6 ]
check "overdue planned events before today" \
    [ "$(q "SELECT count(*) FROM events WHERE status = 'planned'
	AND start_at < $today")" -gt 0 ]
check "planned events in the next two weeks" \
    [ "$(q "SELECT count(*) FROM events WHERE status = 'planned'
	AND start_at >= $tomorrow")" -ge 10 ]
check "done events have results" \
    [ "$(q "SELECT count(*) FROM events WHERE status = 'done'
	AND result_id IS NOT NULL AND result_comment <> ''")" -ge 50 ]
check "every event has a type and a UID" \
    [ "$(q "SELECT count(*) FROM events WHERE type_id IS NULL
	OR uid = ''")" -eq 0 ]

check "payments span 6 distinct months" \
    [ "$(q "SELECT count(DISTINCT substr(paid_on, 1, 7))
	FROM payments")" -eq 6 ]
check "no payment in the future" \
    [ "$(q "SELECT count(*) FROM payments
	WHERE paid_on > date($NOW_S, 'unixepoch', 'localtime')")" -eq 0 ]
check "everything is assigned to the user who ran demo" \
    [ "$(q "SELECT count(DISTINCT assignee_id) FROM events")" -eq 1 ]

counts() {
	q "SELECT (SELECT count(*) FROM companies), (SELECT count(*) FROM
	    contacts), (SELECT count(*) FROM events), (SELECT count(*) FROM
	    tasks), (SELECT count(*) FROM notes), (SELECT count(*) FROM links),
	    (SELECT count(*) FROM deals), (SELECT count(*) FROM payments),
	    (SELECT count(*) FROM audit_log)"
}
before=$(counts)
run --db "$DB" demo
check "second demo is refused with exit 1" [ "$RC" -eq 1 ]
check "refusal says why" grep -q "already has data" "$T/err"
check "refusal leaves the counts unchanged" [ "$(counts)" = "$before" ]

run --db "$DB" demo extra
check "demo with an argument is a usage error" [ "$RC" -eq 2 ]

# One transaction: when the last kind of card (payments) cannot be
# written, nothing written before it stays either.
run --db "$T/f.db" init
sqlite3 "$T/f.db" "CREATE TRIGGER boom BEFORE INSERT ON payments
    BEGIN SELECT RAISE(ABORT, 'boom'); END"
run --db "$T/f.db" demo
check "a failing demo exits 1" [ "$RC" -eq 1 ]
check "a failing demo leaves nothing behind" \
    [ "$(sqlite3 "$T/f.db" "SELECT (SELECT count(*) FROM companies) +
	(SELECT count(*) FROM events) + (SELECT count(*) FROM audit_log)")" \
    -eq 0 ]

# Deterministic: a second fresh database gets the same cards.
run --db "$T/e.db" demo
cards() {
	sqlite3 "$1" "SELECT name, phone, email FROM companies ORDER BY id;
	    SELECT last_name, first_name, email FROM contacts ORDER BY id;
	    SELECT title, amount FROM deals ORDER BY id;
	    SELECT paid_on, amount FROM payments ORDER BY id"
}
check "demo is deterministic" [ "$(cards "$DB")" = "$(cards "$T/e.db")" ]
finish
