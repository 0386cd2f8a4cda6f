#!/bin/sh
# The issue 4 morning, as a manager lives it: start on a demo database
# (its data is relative to today), see the agenda with overdue items
# first, mark the call to ООО «Ромашка» done with a result, plan the next
# call for tomorrow, and find both in the contact's history.  Then a
# colleague assigns a call to us while the program runs: its reminder
# appears.  `A` brings the agenda back; a setting skips it at startup.
. "$(dirname "$0")/lib.sh"

DB="$T/a.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
ME=$(id -un)

# Where the Ромашка call sits in the agenda: the CSV has the same order.
ROW=$("$SALESORG" --db "$DB" agenda --format csv |
	awk -F, 'NR > 1 && $2 == "event" && $9 == "ООО «Ромашка»" &&
	    $1 == "day" && $13 == "planned" { print NR - 2; exit }')
[ -n "$ROW" ] || { echo "FAIL no Ромашка call in the demo agenda"; exit 1; }
CONTACT=$(sqlite3 "$DB" "SELECT contact_id FROM events e JOIN companies c
	ON c.id = e.company_id WHERE c.name = 'ООО «Ромашка»' AND
	e.status = 'planned' AND e.start_at >= strftime('%s', $NOW_S, 'unixepoch',
	'localtime', 'start of day', 'utc') ORDER BY e.start_at LIMIT 1")

start 140x40 "$SALESORG" --db "$DB"
expect "agenda opens at startup" "Agenda of $ME"
expect "overdue section" "Overdue"
expect "today's section" "Today,"
check "overdue comes before today" sh -c "$TM capture-pane -t t -p |
	awk '/Overdue/ { o = NR } /Today,/ { t = NR } END { exit !(o && t && o < t) }'"
check "a row shows company, contact and phone" sh -c "$TM capture-pane -t t -p |
	grep 'ООО «Ромашка»' | grep -q '+7 '"
expect "birthday to congratulate" "Congratulate:"
# The stand-up repeats on working days only (the demo's series).
if [ "$(day 0 %u)" -le 5 ]; then
	expect "the recurring stand-up" "Планёрка отдела продаж"
else
	check "no stand-up on a weekend" sh -c \
	    "! $TM capture-pane -t t -p | grep -q 'Планёрка отдела продаж'"
fi
expect "hints name the keys" "d, x done"

# Done with "Call back later" (4th result), a comment, next call tomorrow.
i=0
while [ "$i" -lt "$ROW" ]; do keys Down; i=$((i + 1)); done
keys d
expect "result pick-list" "Call back later"
keys 4
expect "comment prompt" "Comment"
type_text "перезвонить, ждут бюджет"
keys Enter
expect "next contact prompt" "Next contact"
type_text "завтра"
keys Enter
TOMORROW=$(day 1)
expect "next call planned for tomorrow" "Next contact planned for $TOMORROW 10:00"
expect "the call shows done with its result" "(Call back later)"

check "the call is done with result and comment in the database" sh -c "
	[ \$(sqlite3 '$DB' \"SELECT count(*) FROM events e JOIN event_results r
	ON r.id = e.result_id WHERE e.contact_id = $CONTACT AND e.status = 'done'
	AND r.code = 'callback' AND e.result_comment = 'перезвонить, ждут бюджет'\") = 1 ]"
check "the next call is planned for tomorrow 10:00" sh -c "
	[ \$(sqlite3 '$DB' \"SELECT count(*) FROM events WHERE contact_id = $CONTACT
	AND status = 'planned' AND datetime(start_at, 'unixepoch', 'localtime') =
	'$TOMORROW 10:00:00'\") = 1 ]"

# Both in the contact's history: open the contact's card, Events section.
keys 2
expect "contacts tab" "Contacts ("
keys /
type_text "$(sqlite3 "$DB" "SELECT last_name FROM contacts WHERE id = $CONTACT")"
keys Enter Enter
expect "contact card" "Info"
keys ']' ']' ']'
# A card's sections show dates short: "09.12 10:00" this year.
short() { if [ "$(day "$1" %Y)" = "$(day 0 %Y)" ]; then day "$1" %d.%m
	else day "$1" %d.%m.%Y; fi; }
expect "history: today's call" "$(short 0) "
expect "history: tomorrow's call" "$(short 1)"

# A reopens the agenda anywhere; Esc leaves it.
keys A
expect "A reopens the agenda" "Agenda of $ME"
keys Escape
expect_gone "Esc leaves the agenda" "Agenda of $ME"

# A colleague assigns a call to us now, starting in 5 minutes with a
# 10-minute reminder: the reminder line appears without a key pressed.
sqlite3 "$DB" "INSERT INTO events (type_id, subject, start_at, remind_min,
	assignee_id, uid, created_at, updated_at) VALUES ((SELECT id FROM
	event_types WHERE code = 'call'), 'Срочно перезвонить в банк',
	$NOW_S + 300, 10, (SELECT id FROM users WHERE
	login = '$ME'), 'test-reminder@salesorg', $NOW_S,
	$NOW_S)"
if wait_for "Reminder:" 8; then ok "reminder of an event assigned after startup"
else fail "reminder of an event assigned after startup"; fi
expect "the reminder names the call" "Срочно перезвонить в банк"

# The calendar from the TUI: export, re-import (nothing changes), and a
# broken file refused with its line.
keys :
type_text "export ics $T/cal.ics"
keys Enter
expect "export from the TUI" "events written to $T/cal.ics"
check "the file is iCalendar" grep -q "^BEGIN:VCALENDAR" "$T/cal.ics"
keys :
type_text "import ics $T/cal.ics"
keys Enter
expect "re-import changes nothing" "0 created, 0 updated"
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n' >"$T/bad.ics"
keys :
type_text "import ics $T/bad.ics"
keys Enter
expect "a broken file is refused with its line" "bad.ics:3:"

# The setting skips the agenda at startup.
keys Q
"$SALESORG" --db "$DB" config set agenda.startup off >/dev/null
start 140x40 "$SALESORG" --db "$DB"
expect "without the agenda: the card files" "Companies ("
expect_gone "no agenda at startup" "Agenda of"
keys A
expect "A still opens it" "Agenda of $ME"
keys Q
finish
