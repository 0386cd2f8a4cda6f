#!/bin/sh
# The activity report's column rules through `salesorg config`: the
# defaults listed, a rule set and read back, a bad code refused with a
# message naming the setting, the code and the valid codes, "" back to
# the default, and a manager refused.
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

# The same user as a plain manager may read but not change the rules.
sqlite3 "$DB" "UPDATE users SET role = 'manager'"
run --db "$DB" config set report.activity.meetings_held "meeting:held"
check "a manager: refused" [ "$RC" -eq 1 ]
check "the refusal names the setting" \
	grep -q "only a head of sales or an administrator may set report.activity.meetings_held" "$T/err"
run --db "$DB" config get report.activity.meetings_held
check "a manager reads the team's value" [ "$(cat "$T/out")" = off ]
finish
