#!/bin/sh
# salesorg export ics / import ics against real calendar programs:
# calcurse and khal read our export and show the same number of items on
# a day as the database holds; we read what they export; our own export
# survives import and export unchanged; hostile files give exit 1 and one
# line naming the file and line.
. "$(dirname "$0")/../cli/lib.sh"
export LC_ALL=C.UTF-8

DB="$T/demo.db"
run --db "$DB" demo
check "demo exits 0" [ "$RC" -eq 0 ]

run --db "$DB" export ics -o "$T/e.ics"
check "export exits 0" [ "$RC" -eq 0 ]
check "export says how many" grep -q "events" "$T/out"
nev=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE deleted_at IS NULL")
ntask=$(sqlite3 "$DB" "SELECT count(*) FROM tasks WHERE deleted_at IS NULL AND status IN ('open', 'done')")
check "one VEVENT master per event" [ "$(grep -c '^BEGIN:VEVENT' "$T/e.ics")" -eq \
    $((nev + $(sqlite3 "$DB" "SELECT count(*) FROM event_exceptions WHERE NOT cancelled"))) ]
check "one VTODO per open or done task" [ "$(grep -c '^BEGIN:VTODO' "$T/e.ics")" -eq "$ntask" ]
check "CRLF line ends" [ "$(grep -c "$(printf '\r')\$" "$T/e.ics")" -eq "$(wc -l <"$T/e.ics")" ]
check "no line longer than 75 octets" [ "$(LC_ALL=C awk '{ sub(/\r$/, ""); if (length($0) > 75) n++ } END { print n + 0 }' "$T/e.ics")" -eq 0 ]
"$SALESORG" --db "$DB" export ics >"$T/stdout.ics" 2>"$T/err"
grep -v '^DTSTAMP' "$T/e.ics" >"$T/a"
grep -v '^DTSTAMP' "$T/stdout.ics" >"$T/b"
# The same but for DTSTAMP (the clock may tick between the runs).
check "export to stdout is the same file" cmp -s "$T/a" "$T/b"

# The day's items the way an agenda counts them: one-off events starting
# that day, plus recurring ones whose (daily or weekly BYDAY) rule falls
# on it.  calcurse and khal expand the rules themselves.
day0=$(date -d "$TODAY 00:00" +%s)
day1=$(date -d "$(day 1) 00:00" +%s)
dow=$(day 0 %a | cut -c1-2 | tr a-z A-Z)
expect=$(sqlite3 "$DB" "SELECT
    (SELECT count(*) FROM events WHERE deleted_at IS NULL AND rrule = ''
	AND start_at >= $day0 AND start_at < $day1) +
    (SELECT count(*) FROM events e WHERE deleted_at IS NULL AND rrule <> ''
	AND start_at < $day1 AND (rrule LIKE '%FREQ=DAILY%' OR
	(rrule LIKE '%FREQ=WEEKLY%' AND rrule LIKE '%$dow%'))
	AND NOT EXISTS (SELECT 1 FROM event_exceptions x WHERE
	x.event_id = e.id AND x.orig_start >= $day0 AND x.orig_start < $day1))")
check "the demo has items today" [ "$expect" -gt 0 ]

# ---- calcurse ----
CC="$T/calcurse"
mkdir -p "$CC"
at_now calcurse -D "$CC" -i "$T/e.ics" >"$T/cc.out" 2>&1
check "calcurse imports our export" [ $? -eq 0 ]
check "calcurse skips nothing" grep -q " 0 skipped" "$T/cc.out"
apps=$(sed -n 's/^\([0-9]*\) apps \/ \([0-9]*\) events \/ \([0-9]*\) todos.*/\1 \2 \3/p' "$T/cc.out")
set -- $apps
check "calcurse has every event" [ "$(($1 + $2))" -eq "$nev" ]
check "calcurse has every task" [ "$3" -eq "$ntask" ]
got=$(at_now calcurse -D "$CC" -Q --filter-type cal --from "$(day 0 %m/%d/%Y)" \
    --days 1 | grep -c '^ [-*] ')
check "calcurse shows today's $expect items (got $got)" [ "$got" -eq "$expect" ]

# ---- khal ----
export XDG_CONFIG_HOME="$T/config"
mkdir -p "$XDG_CONFIG_HOME/khal" "$T/khalcal"
cat >"$XDG_CONFIG_HOME/khal/config" <<EOF
[calendars]
[[so]]
path = $T/khalcal
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
default_timezone = $TZ
local_timezone = $TZ
EOF
at_now khal import --batch -a so "$T/e.ics" >"$T/kh.out" 2>&1
check "khal imports our export" [ $? -eq 0 ]
check "khal complains about nothing" [ ! -s "$T/kh.out" ]
check "khal stored every event" [ "$(ls "$T/khalcal" | wc -l)" -eq "$nev" ]
today=$TODAY
got=$(at_now khal list --day-format '' --format 'ITEM {title}' "$today" "$today" | grep -c '^ITEM ')
check "khal lists today's $expect items (got $got)" [ "$got" -eq "$expect" ]

# ---- what they export, into a fresh database ----
at_now calcurse -D "$CC" -xical >"$T/cc.ics"
run --db "$T/cc.db" init
run --db "$T/cc.db" import ics "$T/cc.ics"
check "we import calcurse's export" [ "$RC" -eq 0 ]
check "every calcurse item created" grep -q "cc.ics: $((nev + ntask)) created, 0 updated, 0 unchanged, $ntask tasks" "$T/out"
run --db "$T/cc.db" import ics "$T/cc.ics"
check "calcurse's export (no UIDs) re-imports unchanged" grep -q "cc.ics: 0 created, 0 updated, $((nev + ntask)) unchanged" "$T/out"
check "times survive calcurse" [ "$(sqlite3 "$T/cc.db" "SELECT group_concat(start_at) FROM (SELECT start_at FROM events ORDER BY 1)")" = \
    "$(sqlite3 "$DB" "SELECT group_concat(start_at) FROM (SELECT start_at FROM events WHERE deleted_at IS NULL ORDER BY 1)")" ]

cat "$T/khalcal"/*.ics >"$T/kh.ics"
run --db "$T/kh.db" init
run --db "$T/kh.db" import ics "$T/kh.ics"
check "we import khal's files" [ "$RC" -eq 0 ]
check "every khal event created" grep -q "kh.ics: $nev created" "$T/out"
check "UIDs survive khal" [ "$(sqlite3 "$T/kh.db" "SELECT group_concat(uid) FROM (SELECT uid FROM events ORDER BY 1)")" = \
    "$(sqlite3 "$DB" "SELECT group_concat(uid) FROM (SELECT uid FROM events WHERE deleted_at IS NULL ORDER BY 1)")" ]

# ---- our own round trip ----
run --db "$DB" import ics "$T/e.ics"
check "re-import into the same database changes nothing" grep -q "e.ics: 0 created, 0 updated, $((nev + ntask)) unchanged, $ntask tasks" "$T/out"
run --db "$DB" export ics -o "$T/e2.ics"
grep -v '^DTSTAMP' "$T/e.ics" >"$T/a"
grep -v '^DTSTAMP' "$T/e2.ics" >"$T/b"
check "export, import, export: identical but for DTSTAMP" cmp -s "$T/a" "$T/b"
run --db "$T/fresh.db" init
run --db "$T/fresh.db" import ics "$T/e.ics"
check "into a fresh database" grep -q "e.ics: $((nev + ntask)) created" "$T/out"
run --db "$T/fresh.db" export ics -o "$T/f.ics"
check "fresh database exports the same calendar" sh -c "
    [ \"\$(grep -Ev '^(DTSTAMP|X-SALESORG-DERIVED|X-SALESORG-DESCRIPTION)' '$T/e.ics')\" = \
      \"\$(grep -Ev '^(DTSTAMP|X-SALESORG-DERIVED|X-SALESORG-DESCRIPTION)' '$T/f.ics')\" ]"

# ---- a moved occurrence renamed: its own title kept, khal shows it ----
d1=$(day 1 %Y%m%d)
d2=$(day 2 %Y%m%d)
printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//test//EN \
    BEGIN:VEVENT UID:ovr-1@test "DTSTART;TZID=$TZ:${d1}T090000" \
    "DTEND;TZID=$TZ:${d1}T093000" "RRULE:FREQ=DAILY;COUNT=3" \
    SUMMARY:Планёрка END:VEVENT \
    BEGIN:VEVENT UID:ovr-1@test "RECURRENCE-ID;TZID=$TZ:${d2}T090000" \
    "DTSTART;TZID=$TZ:${d2}T110000" "DTEND;TZID=$TZ:${d2}T113000" \
    "SUMMARY:Планёрка с директором" END:VEVENT END:VCALENDAR >"$T/ovr.ics"
run --db "$T/ovr.db" init
run --db "$T/ovr.db" import ics "$T/ovr.ics"
check "an override with its own SUMMARY imported" grep -q "ovr.ics: 1 created" "$T/out"
check "... its title kept" [ "$(sqlite3 "$T/ovr.db" "SELECT subject FROM event_exceptions")" = "Планёрка с директором" ]
run --db "$T/ovr.db" export ics -o "$T/ovr2.ics"
check "... exported with it" grep -q "^SUMMARY:Планёрка с директором" "$T/ovr2.ics"
mkdir -p "$T/khalovr"
sed "s|^path = .*|path = $T/khalovr|; s|^\[\[so\]\]|[[ovr]]|" \
    "$XDG_CONFIG_HOME/khal/config" >"$T/khal-ovr.conf"
at_now khal -c "$T/khal-ovr.conf" import --batch -a ovr "$T/ovr2.ics" >"$T/kh2.out" 2>&1
check "khal imports it" [ $? -eq 0 ]
at_now khal -c "$T/khal-ovr.conf" list --day-format '' \
    --format '{start-time} {title}' "$(day 1)" "$(day 3)" >"$T/kh2.list"
check "khal: the renamed one at its new time" grep -qx "11:00 Планёрка с директором" "$T/kh2.list"
check "khal: the others under the series' title" [ "$(grep -cx "09:00 Планёрка" "$T/kh2.list")" -eq 2 ]
run --db "$T/ovr.db" import ics "$T/ovr2.ics"
check "re-import of our export: unchanged" grep -q "ovr2.ics: 0 created, 0 updated, 1 unchanged" "$T/out"
cat "$T/khalovr"/*.ics >"$T/kh2.ics"
run --db "$T/ovr3.db" init
run --db "$T/ovr3.db" import ics "$T/kh2.ics"
check "khal's file back: the title kept" [ "$(sqlite3 "$T/ovr3.db" "SELECT subject FROM event_exceptions")" = "Планёрка с директором" ]

# ---- filters ----
run --db "$DB" export ics --from today --to today --no-tasks -o "$T/day.ics"
check "--from/--to today exports" [ "$RC" -eq 0 ]
check "--no-tasks writes no VTODO" [ "$(grep -c VTODO "$T/day.ics")" -eq 0 ]
oneoff=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE deleted_at IS NULL AND rrule = '' AND start_at >= $day0 AND start_at < $day1")
rec=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE deleted_at IS NULL AND rrule <> '' AND start_at < $day1")
check "today's window holds today's events and the series" \
    [ "$(grep -c '^BEGIN:VEVENT' "$T/day.ics")" -ge $((oneoff + rec)) ]
run --db "$DB" export ics --type meeting -o "$T/m.ics"
check "--type meeting: only meetings" [ "$(grep -c '^X-SALESORG-TYPE:' "$T/m.ics")" -eq "$(grep -c '^X-SALESORG-TYPE:meeting' "$T/m.ics")" ]
run --db "$DB" export ics --user nobody
check "--user unknown: exit 1" [ "$RC" -eq 1 ]
run --db "$DB" export vcf
check "unknown format: exit 2" [ "$RC" -eq 2 ]
run --db "$DB" export ics --from 31.02.2026
check "bad date: exit 1" [ "$RC" -eq 1 ]

# ---- hostile files ----
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n' >"$T/open.ics"
before=$(sqlite3 "$DB" "SELECT count(*) FROM events")
run --db "$DB" import ics "$T/open.ics"
check "unterminated: exit 1" [ "$RC" -eq 1 ]
check "unterminated: file and line" grep -qx "salesorg: $T/open.ics:3: BEGIN:VEVENT never ended" "$T/err"
check "one line of error" [ "$(wc -l <"$T/err")" -eq 1 ]
printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:\377\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$T/utf.ics"
run --db "$DB" import ics "$T/utf.ics"
check "invalid UTF-8: exit 1, line 3" sh -c "[ $RC -eq 1 ] && grep -qx 'salesorg: $T/utf.ics:3: invalid UTF-8' '$T/err'"
awk 'BEGIN { print "BEGIN:VCALENDAR"; for (i = 0; i < 100000; i++) print "BEGIN:VEVENT" }' >"$T/deep.ics"
run --db "$DB" import ics "$T/deep.ics"
check "100 000 nested: exit 1 at line 9" sh -c "[ $RC -eq 1 ] && grep -qx 'salesorg: $T/deep.ics:9: components nested deeper than 8' '$T/err'"
echo "not a calendar" >"$T/no.ics"
run --db "$DB" import ics "$T/no.ics"
check "not iCalendar: exit 1" sh -c "[ $RC -eq 1 ] && grep -qx 'salesorg: $T/no.ics: not an iCalendar file' '$T/err'"
run --db "$DB" import ics "$T/missing.ics"
check "missing file: exit 1" [ "$RC" -eq 1 ]
check "hostile files kept nothing" [ "$(sqlite3 "$DB" "SELECT count(*) FROM events")" -eq "$before" ]
finish
