#!/bin/sh
# The keys every screen answers the same way (issue 22): on the Reports,
# pipeline and import screens, ? opens the help, : the command line,
# and Q quits the program at once -- it used not to, and the next shell
# line went into the report; and a reminder shows there as it comes due.
. "$(dirname "$0")/lib.sh"

DB="$T/s.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
"$SALESORG" --db "$DB" config set agenda.startup off --team >/dev/null || exit 1
printf 'name,city\nООО Тест,Казань\n' >"$T/c.csv"

for s in reports pipeline import; do
	start 100x30 "$SALESORG" --db "$DB"
	expect "$s: the organizer opens" "Companies"
	case $s in
	reports)
		keys R
		title="Reports:" ;;
	pipeline)
		keys P
		title="Pipeline" ;;
	import)
		keys :
		type_text "import $T/c.csv"
		keys Enter
		title="Import" ;;
	esac
	expect "$s: the screen opens" "$title"
	keys '?'
	expect "$s: ? opens the help" "Everywhere"
	keys q
	expect "$s: back from the help to the screen" "$title"
	keys :
	type_text "whoami"
	keys Enter
	expect "$s: : runs a command" "$(id -un)"
	keys Q
	expect "$s: Q quits at once" "EXITED 0"
done

# A reminder comes due while the Reports screen is open: it shows there,
# without a key pressed, as on the main screen.
ME=$(id -un)
start 100x30 "$SALESORG" --db "$DB"
expect "reminders: the organizer opens" "Companies"
keys R
expect "reminders: the Reports screen" "Reports:"
sqlite3 "$DB" "INSERT INTO events (type_id, subject, start_at, remind_min,
	assignee_id, uid, created_at, updated_at) VALUES ((SELECT id FROM
	event_types WHERE code = 'call'), 'Перезвонить в банк', $NOW_S + 300,
	10, (SELECT id FROM users WHERE login = '$ME'), 'screens@salesorg',
	$NOW_S, $NOW_S)"
expect "reminders: the reminder on the Reports screen" "Reminder:"
expect "reminders: naming the call" "Перезвонить в банк"
keys j
expect_gone "reminders: the next key clears it" "Reminder:"
finish
