#!/bin/sh
# Bounded work, whatever the input (issue 21): repeat rules that never
# produce a date are refused at import and cost nothing in the agenda
# when already in the database; an import reading a FIFO does not hold
# the write lock while it waits for its input; a workbook that inflates
# to more than 256 MiB is refused by its size, stated or counted.  Every
# command runs under timeout(1), so a regression fails here instead of
# hanging the suite; the checks are on what the command says, not on how
# long it took.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8

NEVER="FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31 FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30
FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31 FREQ=DAILY;BYMONTH=6;BYMONTHDAY=31
FREQ=DAILY;BYMONTH=9;BYMONTHDAY=31 FREQ=DAILY;BYMONTH=11;BYMONTHDAY=31
FREQ=YEARLY;BYYEARDAY=1;BYMONTH=2 FREQ=YEARLY;BYWEEKNO=20;BYMONTH=1
FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=31
FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=31 FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30
FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6 FREQ=MONTHLY;BYMONTHDAY=1;BYSETPOS=2
FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-6 FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30
FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31 FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31
FREQ=YEARLY;BYDAY=MO;BYSETPOS=60 FREQ=DAILY;INTERVAL=7;BYDAY=TU
FREQ=DAILY;UNTIL=20260101T000000Z"

# ics FILE [RULES]: a calendar with one event per rule (starting Monday
# 2026-03-02 09:00), then a weekly review on Mondays at 11:00.
ics() {
	{
		printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//so//bounds//EN\r\n'
		i=0
		for r in ${2:-}; do
			i=$((i + 1))
			printf 'BEGIN:VEVENT\r\nUID:never-%d@test\r\n' $i
			printf 'DTSTAMP:20260101T000000Z\r\nDTSTART:20260302T090000\r\n'
			printf 'SUMMARY:Never %d\r\nRRULE:%s\r\nEND:VEVENT\r\n' $i "$r"
		done
		printf 'BEGIN:VEVENT\r\nUID:review@test\r\nDTSTAMP:20260101T000000Z\r\n'
		printf 'DTSTART:20260302T110000\r\nDTEND:20260302T120000\r\n'
		printf 'SUMMARY:Weekly review\r\nRRULE:FREQ=WEEKLY;BYDAY=MO\r\n'
		printf 'END:VEVENT\r\nEND:VCALENDAR\r\n'
	} >"$1"
}

# ---- 1. repeat rules that never produce a date ----
DB="$T/r.db"
run --db "$DB" init
ics "$T/never.ics" "$NEVER"
check "twenty rules that never produce a date" \
    [ "$(grep -c '^RRULE' "$T/never.ics")" -eq 21 ]
timeout 20 "$SALESORG" --db "$DB" import ics "$T/never.ics" >"$T/out" 2>"$T/err"
check "import refuses them: exit 1" [ $? -eq 1 ]
check "naming the file, the line and the rule" grep -q \
    "never.ics:4: Repeat: the rule never produces a date" "$T/err"
check "and nothing is written" \
    [ "$(sqlite3 "$DB" 'SELECT count(*) FROM events')" -eq 0 ]

# Each rule on its own: refused with the line of its VEVENT.
n=0
for r in $NEVER; do
	ics "$T/one.ics" "$r"
	timeout 20 "$SALESORG" --db "$DB" import ics "$T/one.ics" \
	    >/dev/null 2>"$T/err"
	grep -q "one.ics:4: Repeat: the rule never produces a date" "$T/err" &&
	    n=$((n + 1))
done
check "each of the twenty refused on its own ($n)" [ "$n" -eq 20 ]

# Rows written before the check (straight into the database): the
# agenda finishes and shows the rest of the day.
ics "$T/review.ics"
run --db "$DB" import ics "$T/review.ics"
check "a good rule imports" [ "$RC" -eq 0 ]
i=0
for r in $NEVER; do
	i=$((i + 1))
	sqlite3 "$DB" "INSERT INTO events (type_id, subject, start_at, end_at,
	    rrule, assignee_id, uid, created_at, updated_at)
	    SELECT type_id, 'Never $i', start_at - 7200, end_at - 7200, '$r',
	    assignee_id, 'old-$i', created_at, updated_at FROM events
	    WHERE uid = 'review@test'"
done
check "twenty old rows that never produce a date" [ "$(sqlite3 "$DB" \
    "SELECT count(*) FROM events WHERE uid LIKE 'old-%'")" -eq 20 ]
timeout 60 "$SALESORG" --db "$DB" agenda --date 2026-03-09 --days 7 \
    >"$T/out" 2>"$T/err"
check "agenda over them: exit 0" [ $? -eq 0 ]
check "agenda shows the weekly review" grep -q "11:00.*Weekly review" "$T/out"
check "and none of the rules that never occur" sh -c \
    "! grep -q 'Never' '$T/out'"
check "the agenda says some rules never produce a date" \
    grep -q "a rule that never produces a date" "$T/out"
check "not that they repeat too often" sh -c "! grep -q 'too often' '$T/out'"

# ---- 2. an import from a FIFO waits for its input outside the lock ----
DB="$T/f.db"
run --db "$DB" init
mkfifo "$T/fifo"
# Opened read-write, the FIFO has a writer that writes nothing yet (and
# opening it does not wait for a reader).
exec 3<>"$T/fifo"
"$SALESORG" --db "$DB" import csv companies "$T/fifo" --encoding utf-8 \
    >"$T/fifo.out" 2>"$T/fifo.err" 3>&- &
imp=$!
# Wait until the import has the FIFO open: then it is waiting for data
# (before the fix, inside its write transaction).
i=0
while [ $i -lt 400 ] && ! ls -l "/proc/$imp/fd" 2>/dev/null | grep -q fifo; do
	i=$((i + 1))
	sleep 0.05
done
check "the import is reading the FIFO" sh -c \
    "ls -l /proc/$imp/fd 2>/dev/null | grep -q fifo"
printf 'name;city\nООО Колега;Казань\n' >"$T/colleague.csv"
SALESORG_BUSY_TIMEOUT=2000 SALESORG_BUSY_LIMIT=3000 timeout 20 \
    "$SALESORG" --db "$DB" import csv companies "$T/colleague.csv" \
    >"$T/out" 2>"$T/err" 3>&-
check "meanwhile a colleague's write succeeds: exit 0" [ $? -eq 0 ]
check "and lands" [ "$(sqlite3 "$DB" \
    "SELECT count(*) FROM companies WHERE name = 'ООО Колега'")" -eq 1 ]
printf 'name;city\nООО Из трубы;Москва\n' >&3
exec 3>&-
# A second reader would never see the end if the import hung: bounded.
i=0
while [ $i -lt 400 ] && kill -0 $imp 2>/dev/null; do
	i=$((i + 1))
	sleep 0.05
done
kill $imp 2>/dev/null
wait $imp
check "then the FIFO's import ends: exit 0" [ $? -eq 0 ]
check "and its company landed" [ "$(sqlite3 "$DB" \
    "SELECT count(*) FROM companies WHERE name = 'ООО Из трубы'")" -eq 1 ]

# Without --encoding too (the stream is in memory, read twice), and from
# standard input.
printf 'name;city\nООО Стандартный;Тула\n' | timeout 20 "$SALESORG" \
    --db "$DB" import csv companies /dev/stdin >"$T/out" 2>"$T/err"
check "a pipe on standard input imports: exit 0" [ $? -eq 0 ]
check "1 company from the pipe" grep -qx "1 companies imported (0 skipped)" "$T/out"

# A workbook needs a file: a FIFO is refused at once, naming it.
timeout 20 "$SALESORG" --db "$DB" import xlsx companies "$T/fifo" \
    >"$T/out" 2>"$T/err"
check "xlsx from a FIFO: exit 1" [ $? -eq 1 ]
check "xlsx from a FIFO: why" grep -q "fifo: not a regular file; a workbook" "$T/err"

# ---- 3. .xlsx decompression bombs ----
# bomb OUT MIB [lie]: companies.xlsx with its first sheet MIB MiB of
# spaces (deflated to a few hundred KB); with "lie", the zip's local and
# central headers state 1000 bytes uncompressed instead.
bomb() {
	python3 - "$(dirname "$0")/../data/companies.xlsx" "$@" <<'PY'
import struct, sys, zipfile
src, out, mib = sys.argv[1], sys.argv[2], int(sys.argv[3])
part = 'xl/worksheets/sheet1.xml'
with zipfile.ZipFile(src) as zi, \
        zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as zo:
    for i in zi.infolist():
        if i.filename != part:
            zo.writestr(i, zi.read(i))
            continue
        with zo.open(part, 'w') as f:
            f.write(b'<?xml version="1.0"?><worksheet xmlns="http://'
                    b'schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    b'<sheetData>')
            for _ in range(mib):
                f.write(b' ' * (1 << 20))
            f.write(b'</sheetData></worksheet>')
if len(sys.argv) > 4:
    with zipfile.ZipFile(out) as z:
        at = z.getinfo(part).header_offset
    data = bytearray(open(out, 'rb').read())
    struct.pack_into('<I', data, at + 22, 1000)
    i = data.find(b'PK\x01\x02')
    while i >= 0:
        if struct.unpack_from('<I', data, i + 42)[0] == at:
            struct.pack_into('<I', data, i + 24, 1000)
        i = data.find(b'PK\x01\x02', i + 4)
    open(out, 'wb').write(data)
PY
}
DB="$T/x.db"
run --db "$DB" init
bomb "$T/bomb.xlsx" 300
check "the bomb is small" [ "$(wc -c <"$T/bomb.xlsx")" -lt 1000000 ]
timeout 20 "$SALESORG" --db "$DB" import xlsx companies "$T/bomb.xlsx" \
    >"$T/out" 2>"$T/err"
check "a 300 MiB sheet: exit 1" [ $? -eq 1 ]
check "naming the file and the part" grep -qx "salesorg: $T/bomb.xlsx: \
xl/worksheets/sheet1.xml: larger than 256 MiB uncompressed" "$T/err"
bomb "$T/lie.xlsx" 300 lie
check "the lying header says 1000 bytes" python3 -c "import sys, zipfile; \
sys.exit(zipfile.ZipFile('$T/lie.xlsx').getinfo('xl/worksheets/sheet1.xml').file_size != 1000)"
timeout 20 "$SALESORG" --db "$DB" import xlsx companies "$T/lie.xlsx" \
    >"$T/out" 2>"$T/err"
check "a lying header: exit 1" [ $? -eq 1 ]
check "the bytes are counted" grep -q \
    "lie.xlsx: xl/worksheets/sheet1.xml: larger than 256 MiB uncompressed" "$T/err"
check "nothing imported" [ "$(sqlite3 "$DB" "SELECT count(*) FROM companies")" -eq 0 ]

finish
