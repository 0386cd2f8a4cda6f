#!/bin/sh
# bench/ical.sh: `salesorg export ics` of N events (100 000 by default,
# with companies and contacts, 1% of them weekly series with reminders)
# beside the bare sqlite3 shell reading the same rows, in the same run.
# Whole-process figures: median of RUNS runs (after a warm-up) with min
# and max, peak RSS from /usr/bin/time.  Then the same file imported
# into an empty database, and re-imported (every row unchanged).
set -u
cd "$(dirname "$0")/.."
: "${SALESORG:=$PWD/salesorg}"
RUNS=${RUNS:-5}
N=${N:-100000}
T=$(mktemp -d /tmp/so-bench-ical-XXXXXX)
trap 'rm -rf "$T"' EXIT
DB="$T/ical.db"
export TZ=${TZ:-Europe/Moscow}
. bench/lib.sh

echo "generating $N events ..."
"$SALESORG" --db "$DB" init >/dev/null || exit 1
sqlite3 "$DB" <<SQL
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO companies (name, city, created_at, updated_at)
SELECT 'ООО «Компания ' || printf('%05d', i) || '»', 'Казань', 0, 0 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)
INSERT INTO contacts (last_name, first_name, company_id, phone_mobile,
    created_at, updated_at)
SELECT 'Фамилия' || i, 'Имя' || (i % 97), 1 + i % 2000,
    '+7 917 ' || printf('%07d', i), 0, 0 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO events (type_id, subject, start_at, end_at, rrule, remind_min,
    assignee_id, company_id, contact_id, status, uid, description,
    created_at, updated_at)
SELECT (SELECT id FROM event_types WHERE code = CASE i % 3 WHEN 0 THEN 'call'
    WHEN 1 THEN 'meeting' ELSE 'email' END),
    'Звонок, обсудить поставку № ' || i,
    1767225600 + (i * 7919 % 31536000) / 900 * 900,
    1767225600 + (i * 7919 % 31536000) / 900 * 900 + 1800,
    CASE WHEN i % 100 = 0 THEN 'FREQ=WEEKLY;BYDAY=MO,WE' ELSE '' END,
    CASE WHEN i % 100 = 0 THEN 15 END,
    (SELECT min(id) FROM users), 1 + i % 2000, 1 + i % 6000,
    CASE i % 10 WHEN 0 THEN 'done' ELSE 'planned' END,
    printf('bench-%06d@salesorg', i),
    CASE WHEN i % 5 = 0 THEN 'Подготовить КП; цены, сроки' ELSE '' END,
    0, 0 FROM n;
COMMIT;
SQL
[ "$(sqlite3 "$DB" "SELECT count(*) FROM events")" -eq "$N" ] || {
	echo "bench: generating events failed" >&2
	exit 1
}

echo "salesorg $("$SALESORG" --version | head -1); $RUNS runs each, median (min-max), peak RSS"
echo
row_one "salesorg export ics -o /dev/null" "$(median_of "$SALESORG" --db "$DB" export ics -o /dev/null)"
row_one "baseline: sqlite3 SELECT * FROM events" "$(median_of sqlite3 "$DB" "SELECT * FROM events")"
"$SALESORG" --db "$DB" export ics -o "$T/all.ics" >/dev/null

# The agenda of one user's week among those 100 000 events (1 000 of
# them recurring, expanded), beside sqlite3 listing the week's one-off
# events with the same joins.
W0=$(date -d 2026-06-15 +%s)
row_one "salesorg agenda --date 2026-06-15 --days 7" "$(median_of "$SALESORG" --db "$DB" agenda --date 2026-06-15 --days 7)"
row_one "baseline: sqlite3 the week's events" "$(median_of sqlite3 "$DB" "SELECT e.start_at, t.name, e.subject, c.name, p.last_name, p.phone_mobile FROM events e LEFT JOIN event_types t ON t.id = e.type_id LEFT JOIN companies c ON c.id = e.company_id LEFT JOIN contacts p ON p.id = e.contact_id WHERE e.deleted_at IS NULL AND e.rrule = '' AND e.start_at >= $W0 AND e.start_at < $W0 + 7 * 86400 ORDER BY e.start_at")"
echo "export size: $(wc -c <"$T/all.ics") bytes, $(grep -c '^BEGIN:VEVENT' "$T/all.ics") VEVENTs"

# Import is a write of every row with its audit entry: one run each.
"$SALESORG" --db "$T/imp.db" init >/dev/null
/usr/bin/time -f "%e %M" -o "$T/rss" "$SALESORG" --db "$T/imp.db" import ics "$T/all.ics" >/dev/null
set -- $(cat "$T/rss")
printf "%-40s %7d ms %22s KiB\n" "import ics into an empty database" "$(awk -v s="$1" 'BEGIN { printf "%d", s * 1000 }')" "$2"
/usr/bin/time -f "%e %M" -o "$T/rss" "$SALESORG" --db "$T/imp.db" import ics "$T/all.ics" >/dev/null
set -- $(cat "$T/rss")
printf "%-40s %7d ms %22s KiB\n" "re-import (all unchanged)" "$(awk -v s="$1" 'BEGIN { printf "%d", s * 1000 }')" "$2"
