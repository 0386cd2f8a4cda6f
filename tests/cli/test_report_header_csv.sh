#!/bin/sh
# Two defects of issue 28 seen from the command line (the unit tests
# test_meeting_report_header_shows_the_meeting_date and
# test_doc_csv_keeps_a_placeholder_dash hold the writers to them): the
# meeting report's header gives the meeting's day, not this month, and
# a report's CSV writes its "none" as "-", not as "'-".
. "$(dirname "$0")/lib.sh"

DB="$T/h.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
MONTH=$(date -d "@$NOW_S" +%Y-%m-01)
ROW=$(sqlite3 "$DB" "SELECT e.id, date(e.start_at, 'unixepoch', 'localtime')
    FROM events e JOIN event_types t ON t.id = e.type_id
    WHERE t.code = 'meeting' AND e.deleted_at IS NULL AND
    date(e.start_at, 'unixepoch', 'localtime') < '$MONTH'
    ORDER BY e.start_at LIMIT 1")
ID=${ROW%%|*}
DAY=${ROW#*|}
check "the fixture: a meeting before this month ($DAY)" [ -n "$ID" ]
run --db "$DB" report meeting --id "$ID"
check "meeting report: its day in the header" sh -c "[ $RC -eq 0 ] &&
    grep -q '^Period: $DAY ' '$T/out'"
check "... not the month" sh -c "! grep -q '^Period: $MONTH' '$T/out'"

run --db "$DB" journal --all --format csv
check "journal csv: a touch never made is -" sh -c "[ $RC -eq 0 ] &&
    grep -q ',-,' '$T/out'"
check "... never '-" sh -c "! grep -q \"'-\" '$T/out'"
finish
