#!/bin/sh
# The morning at 80x24 (issue 23): acting on the agenda changes only
# what was asked.  Snoozing a meeting's "coming up" reminder leaves the
# meeting where it is (it used to move it to the snooze's time); a done
# call is neither moved nor snoozed, and the day's journal still counts
# it; u undoes a done.
. "$(dirname "$0")/lib.sh"

DB="$T/m.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
ME=$(id -un)
MEETING_AT=$((NOW_S + 5 * 86400))
CALL_AT=$((NOW_S + 2 * 3600))
sqlite3 "$DB" "
INSERT INTO companies (name, phone, created_at, updated_at)
	VALUES ('ООО «Вектор»', '+7 495 111-22-33', $NOW_S, $NOW_S);
INSERT INTO events (type_id, subject, start_at, remind_min, assignee_id,
	company_id, uid, created_at, updated_at)
	VALUES ((SELECT id FROM event_types WHERE code = 'call'),
	'Звонок по счёту', $CALL_AT, NULL, (SELECT id FROM users WHERE
	login = '$ME'), 1, 'call@m', $NOW_S, $NOW_S),
	((SELECT id FROM event_types WHERE code = 'meeting'),
	'Встреча в офисе', $MEETING_AT, 5 * 1440 + 60, (SELECT id FROM users
	WHERE login = '$ME'), 1, 'meeting@m', $NOW_S, $NOW_S);" || exit 1

field() { sqlite3 "$DB" "SELECT $1 FROM events WHERE uid = '$2'"; }

start 80x24 "$SALESORG" --db "$DB"
expect "the agenda at startup" "Agenda of $ME"
expect "the meeting is coming up" "Coming up"
# The call is first (today), the meeting below it (reminder due).
keys Down
keys z
expect "the snooze menu" "Remind me again"
keys 1
expect "snoozed: the reminder comes again" "comes again at"
check "the meeting has not moved" [ "$(field start_at meeting@m)" = \
    "$MEETING_AT" ]
check "the snooze is the user's own" [ "$(sqlite3 "$DB" "SELECT count(*)
	FROM reminder_snoozes s JOIN users u ON u.id = s.user_id WHERE
	u.login = '$ME' AND s.item_id = (SELECT id FROM events WHERE
	uid = 'meeting@m')")" = 1 ]
expect_gone "the snoozed reminder leaves the list" "Встреча в офисе"

# With the layout switched to Russian, в (on the d key) marks done too.
keys Home
type_text "в"
expect "в on the Russian layout does d's work" "Result"
keys Escape
expect_gone "Esc leaves the pick-list" "Result"

# Done, then undone with u.
keys Home
keys d
expect "the result pick-list" "Result"
keys 1
expect "the comment prompt" "Comment"
keys Enter
expect "the next contact prompt" "Next contact"
keys Enter
expect "done, and u offered" "(u: undo)"
check "the call is done" [ "$(field status call@m)" = done ]
keys u
expect "u undoes it" "Undone: done"
check "the call is planned again" [ "$(field status call@m)" = planned ]

# Done again: now z and r are refused, and the call stays.
keys d
expect "the result pick-list again" "Result"
keys 1
expect "the comment prompt again" "Comment"
type_text "договорились"
keys Enter
expect "the next contact prompt again" "Next contact"
keys Enter
expect "done again" "(u: undo)"
keys r
expect "r on a done call is refused" "It is done: it stays"
keys z
expect "z on a done call is refused" "nothing to remind of"
check "the done call has not moved" [ "$(field start_at call@m)" = \
    "$CALL_AT" ]
check "the day's journal counts the call" sh -c "'$SALESORG' --db '$DB' \
    journal | grep -q 'Звонок по счёту\|Вектор'"

# A reminder comes due while a form is open: it shows on the message
# line and the typing goes on in the form (the focus is not stolen).
keys 1
expect "the companies" "Companies"
keys a
expect "the add form" "Add Company"
type_text "ООО «Нов"
sqlite3 "$DB" "INSERT INTO events (type_id, subject, start_at, remind_min,
	assignee_id, uid, created_at, updated_at) VALUES ((SELECT id FROM
	event_types WHERE code = 'call'), 'Перезвонить в банк', $NOW_S + 300,
	10, (SELECT id FROM users WHERE login = '$ME'), 'bank@m', $NOW_S,
	$NOW_S)"
expect "the reminder shows in the form" "Reminder:"
type_text "ый»"
expect "typing goes on in the form" "ООО «Новый»"
expect "the form is still open" "Add Company"
keys Escape
keys y
keys Q
expect "Q quits" "EXITED 0"
finish
