#!/bin/sh
# The activity report's column rules through `salesorg config`: the
# defaults listed, a rule set and read back, a bad code refused with a
# message naming the setting, the code and the valid codes, "" back to
# the default, and a manager refused; a result made productive and back.
. "$(dirname "$0")/lib.sh"

DB="$T/a.db"
run --db "$DB" init
check "init: exit 0" [ "$RC" -eq 0 ]

run --db "$DB" config
check "config lists the cold-calls rule" \
	grep -q "^report.activity.cold_calls  *call:\*:first$" "$T/out"
check "config lists the meetings-held rule" \
	grep -q "^report.activity.meetings_held  *meeting:\*$" "$T/out"

run --db "$DB" config get report.activity.productive
check "config get: the default" [ "$(cat "$T/out")" = "*:productive" ]

run --db "$DB" config set report.activity.productive "call,meeting:productive"
check "config set a rule: exit 0" [ "$RC" -eq 0 ]
run --db "$DB" config get report.activity.productive
check "config get: the new rule" \
	[ "$(cat "$T/out")" = "call,meeting:productive" ]

run --db "$DB" config set report.activity.productive "call,meting:productive"
check "an unknown type: exit 1" [ "$RC" -eq 1 ]
check "the message names the setting, the code and the valid codes" \
	grep -q "report.activity.productive: no event type \"meting\" (the event types are call, meeting, email" "$T/err"
run --db "$DB" config get report.activity.productive
check "the refused value was not stored" \
	[ "$(cat "$T/out")" = "call,meeting:productive" ]
run --db "$DB" config set report.activity.invoices "*:invoiced"
check "an unknown result: exit 1" [ "$RC" -eq 1 ]
check "the message lists the results" \
	grep -q "no result \"invoiced\" (the results are reached_dm, " "$T/err"
run --db "$DB" config set report.activity.cold_calls "call:*:once"
check "a bad qualifier: exit 1" [ "$RC" -eq 1 ]
check "the qualifier explained" grep -q ":first or :repeat" "$T/err"

run --db "$DB" config set report.activity.meetings_held off
check "off: exit 0" [ "$RC" -eq 0 ]
run --db "$DB" config set report.activity.productive ""
run --db "$DB" config get report.activity.productive
check "\"\" goes back to the default" [ "$(cat "$T/out")" = "*:productive" ]

# A result the team adds counts as productive once an admin says so: a
# done call with it in the activity report's Productive column.
run --db "$DB" config results add demo_done "Demo done"
check "results add: exit 0" [ "$RC" -eq 0 ]
productive_today() {
	"$SALESORG" --db "$DB" report activity --date today --format csv |
	    awk -F, -v d="$TODAY" '$1 == d { print $8 }'
}
sqlite3 "$DB" "INSERT INTO events (type_id, subject, start_at, status,
    result_id, assignee_id, uid, created_at, updated_at) VALUES ((SELECT id
    FROM event_types WHERE code = 'call'), 'Demo', $NOW_S, 'done', (SELECT
    id FROM event_results WHERE code = 'demo_done'), (SELECT min(id) FROM
    users), 'demo-done-1', $NOW_S, $NOW_S)" || exit 1
check "not productive yet: 0" [ "$(productive_today)" = 0 ]
run --db "$DB" config results productive demo_done on
check "results productive on: exit 0" [ "$RC" -eq 0 ]
run --db "$DB" config results
check "results list says productive" grep -q "^demo_done  *active  *Demo done  (productive)$" "$T/out"
check "now the call is productive: 1" [ "$(productive_today)" = 1 ]
check "audited" [ "$(sqlite3 "$DB" "SELECT new_value FROM audit_log WHERE entity = 'event_results' AND field = 'demo_done' ORDER BY id DESC LIMIT 1")" = productive ]
run --db "$DB" config results productive demo_done off
check "results productive off: exit 0" [ "$RC" -eq 0 ]
check "off again: 0" [ "$(productive_today)" = 0 ]
run --db "$DB" config results productive demo_done maybe
check "productive maybe: exit 2" [ "$RC" -eq 2 ]
run --db "$DB" config results productive nope on
check "productive of no result: exit 1, named" sh -c "[ $RC -eq 1 ] && grep -q 'no code nope' '$T/err'"

# The same user as a plain manager may read but not change the rules.
sqlite3 "$DB" "UPDATE users SET role = 'manager'"
run --db "$DB" config set report.activity.meetings_held "meeting:held"
check "a manager: refused" [ "$RC" -eq 1 ]
check "the refusal names the setting" \
	grep -q "only a head of sales or an administrator may set report.activity.meetings_held" "$T/err"
run --db "$DB" config get report.activity.meetings_held
check "a manager reads the team's value" [ "$(cat "$T/out")" = off ]
run --db "$DB" config results productive demo_done on
check "a manager: results productive refused" [ "$RC" -eq 1 ]
finish
