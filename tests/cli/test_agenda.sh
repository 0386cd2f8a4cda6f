#!/bin/sh
# `salesorg agenda` and `salesorg config` as a script or cron uses them.
. "$(dirname "$0")/lib.sh"

DB="$T/a.db"
ME=$(id -un)
run --db "$DB" init
run --db "$DB" agenda
check "empty agenda: exit 0" [ "$RC" -eq 0 ]
check "empty agenda says nothing due" grep -qx "$ME: nothing due" "$T/out"

rm -f "$DB"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
run --db "$DB" agenda
check "agenda exit 0" [ "$RC" -eq 0 ]
check "agenda heading" grep -q "^Agenda for $ME" "$T/out"
check "overdue section before today" sh -c "awk '/^Overdue/ { o = NR }
	/^Today, / { t = NR } END { exit !(o && t && o < t) }' '$T/out'"
check "the Ромашка call with contact and phone" sh -c \
	"grep 'ООО «Ромашка»' '$T/out' | grep -q '+7 '"
check "a birthday to congratulate" grep -q "Birthday  Congratulate:" "$T/out"
# The stand-up repeats on working days: today's agenda has it unless
# today is a weekend, the next working day's always does.
n=0
while [ "$(day $n %u)" -gt 5 ]; do n=$((n + 1)); done
"$SALESORG" --db "$DB" agenda --date "$(day $n)" >"$T/workday"
check "the recurring stand-up on the next working day" \
	grep -q "09:15 .*Планёрка отдела продаж" "$T/workday"
if [ "$(day 0 %u)" -gt 5 ]; then
	check "no stand-up on a weekend" sh -c \
	    "! grep -q 'Планёрка отдела продаж' '$T/out'"
fi

run --db "$DB" agenda --format csv
check "csv header" sh -c "head -1 '$T/out' | grep -q '^section,kind,id,start'"
check "csv rows end in CRLF" sh -c "head -1 '$T/out' | od -c | grep -q '\\\\r  \\\\n'"
N=$(($(wc -l <"$T/out") - 1))
"$SALESORG" --db "$DB" agenda >"$T/text"
M=$(grep -c '^  ' "$T/text")
check "csv and text list the same items ($N)" [ "$N" -eq "$M" ]

run --db "$DB" agenda --days 7
check "a week has more items than a day" [ "$(grep -c '^  ' "$T/out")" -gt "$M" ]
run --db "$DB" agenda --date "$(day 400)"
check "another day shows no overdue items" sh -c "! grep -q '^Overdue' '$T/out'"
run --db "$DB" agenda --all
check "--all names the assignee" grep -q "\[$ME\]" "$T/out"

run --db "$DB" agenda --user nobody
check "unknown user: exit 1" [ "$RC" -eq 1 ]
check "unknown user named" grep -q "no user nobody" "$T/err"
run --db "$DB" agenda --days 0
check "bad --days: exit 2" [ "$RC" -eq 2 ]
run --db "$DB" agenda --date 2026-02-30
check "bad --date: exit 2 with the reason" sh -c \
	"[ $RC -eq 2 ] && grep -q 'February' '$T/err'"
run --db "$DB" agenda --format xml
check "bad --format: exit 2" [ "$RC" -eq 2 ]

# The agenda is read-only: it does not change the file.
before=$(sum "$DB")
run --db "$DB" agenda --all --days 30
check "agenda leaves the database unchanged" [ "$(sum "$DB")" = "$before" ]

# Settings and the lists of types and results.
run --db "$DB" config
check "config lists the settings" grep -q "^agenda.startup *on" "$T/out"
run --db "$DB" config set agenda.startup off
run --db "$DB" config get agenda.startup
check "set then get" grep -qx off "$T/out"
run --db "$DB" config set reminders.bell maybe
check "bad value: exit 2" [ "$RC" -eq 2 ]
run --db "$DB" config set no.such on
check "unknown setting: exit 1" sh -c "[ $RC -eq 1 ] && grep -q 'no setting no.such' '$T/err'"
run --db "$DB" config types add site_visit "Выезд на объект"
run --db "$DB" config types
check "type added" grep -q "^site_visit *active *Выезд на объект" "$T/out"
run --db "$DB" config types add "Site Visit" "x"
check "bad code refused" sh -c "[ $RC -eq 1 ] && grep -q 'Code: letters' '$T/err'"
run --db "$DB" config results disable no_answer
run --db "$DB" config results
check "result disabled" grep -q "^no_answer *disabled" "$T/out"
run --db "$DB" config results enable nope
check "unknown code: exit 1" sh -c "[ $RC -eq 1 ] && grep -q 'no code nope' '$T/err'"
finish
