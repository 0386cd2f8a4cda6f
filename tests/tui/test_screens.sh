#!/bin/sh
# The keys every screen answers the same way (issue 22): on the Reports,
# pipeline, import and search screens, ? opens the help (that screen's
# keys, then those of every screen), : the command line, and Q quits
# the program at once -- it used not to, and the next shell line went
# into the report; a resize redraws the screen at its new size; and a
# reminder shows there as it comes due.
. "$(dirname "$0")/lib.sh"

DB="$T/s.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
"$SALESORG" --db "$DB" config set agenda.startup off --team >/dev/null || exit 1
printf 'name,city\nООО Тест,Казань\n' >"$T/c.csv"

# bottom_drawn ROWS: the pane's last row (ROWS) shows the screen's hints
# (each screen's start with one of these) or a reminder within 5 s.
bottom_drawn() {
	i=0
	while [ $i -lt 100 ]; do
		screen | sed -n "$1p" | grep -Eq \
		    '^(Up/Down|< > move|Enter map|Reminder:)' && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

for s in reports pipeline import search; do
	start 100x30 "$SALESORG" --db "$DB"
	expect "$s: the organizer opens" "Companies"
	case $s in
	reports)
		keys R
		title="Reports:" help="The Reports screen" ;;
	pipeline)
		keys P
		title="Pipeline" help="The pipeline" ;;
	import)
		keys :
		type_text "import $T/c.csv"
		keys Enter
		title="Import" help="The import screen" ;;
	search)
		keys g
		# typed into the query, ? : Q are text
		type_text "Q?"
		expect "search: Q and ? are typed as text" "Find: Q?"
		keys BSpace BSpace
		type_text "ромаш"
		expect "search: hits" "ООО «Ромашка»"
		keys Down
		title="Search all card files" help="The global search" ;;
	esac
	expect "$s: the screen opens" "$title"
	keys '?'
	expect "$s: ? opens the help" "Everywhere"
	expect "$s: the help lists the screen's own keys" "$help"
	# Home and End scroll the help; they used to close it
	keys Home End Home
	expect "$s: Home and End keep the help open" "Everywhere"
	keys q
	expect "$s: back from the help to the screen" "$title"
	# smaller: the screen's bottom line is drawn again on row 20
	resize 70x20
	check "$s: its bottom line on the new last row" bottom_drawn 20
	expect "$s: redrawn at the new size" "$(printf '%s' "$title" |
	    cut -c1-8)"
	resize 100x30
	check "$s: and on row 30 when larger again" bottom_drawn 30
	keys :
	type_text "whoami"
	keys Enter
	expect "$s: : runs a command" "$(id -un)"
	keys Q
	expect "$s: Q quits at once" "EXITED 0"
done

# A reminder comes due while each screen is open: it shows there,
# without a key pressed, as on the main screen.
ME=$(id -un)
n=0
for s in reports pipeline import search; do
	n=$((n + 1))
	start 100x30 "$SALESORG" --db "$DB"
	expect "$s reminders: the organizer opens" "Companies"
	case $s in
	reports) keys R; title="Reports:" ;;
	pipeline) keys P; title="Pipeline" ;;
	import) keys :; type_text "import $T/c.csv"; keys Enter
		title="Import" ;;
	search) keys g; type_text "ромаш"; title="Search all card files" ;;
	esac
	expect "$s reminders: the screen" "$title"
	sqlite3 "$DB" "DELETE FROM events WHERE uid LIKE 'screens%';
	    INSERT INTO events (type_id, subject, start_at,
	    remind_min, assignee_id, uid, created_at, updated_at) VALUES
	    ((SELECT id FROM event_types WHERE code = 'call'),
	    'Перезвонить в банк $n', $NOW_S + 300, 10, (SELECT id FROM users
	    WHERE login = '$ME'), 'screens$n@salesorg', $NOW_S, $NOW_S)"
	expect "$s reminders: the reminder on the screen" "Reminder:"
	expect "$s reminders: naming the call" "Перезвонить в банк $n"
	keys Down
	expect_gone "$s reminders: the next key clears it" "Reminder:"
	keys Q
done
finish
