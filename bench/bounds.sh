#!/bin/sh
# bench/bounds.sh: hostile input, whole-process timings beside a baseline
# build (issue 21).  Not part of `make bench`: the baseline takes tens
# of seconds per run on these inputs.
#
#	BASELINE=/path/to/old/salesorg SALESORG=build/rel/salesorg \
#	    sh bench/bounds.sh
#
# The cases: the agenda over a database holding 20 events whose repeat
# rules never produce a date (written straight into the file, as rows
# made before the check would be), and the import of a 2 MB .xlsx whose
# sheet inflates to 2 GiB of spaces.  RUNS (default 3) runs after a
# warm-up; the median, min and max in ms and the peak RSS (bench/lib.sh).
set -u
: "${SALESORG:?set SALESORG}" "${BASELINE:?set BASELINE to an older salesorg}"
RUNS=${RUNS:-3}
T=$(mktemp -d /tmp/so-bounds-XXXXXX)
trap 'rm -rf "$T"' EXIT
. bench/lib.sh
export SALESORG_NOW=2026-03-09T08:00 TZ=Europe/Moscow

NEVER="FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31 FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30
FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31 FREQ=DAILY;BYMONTH=6;BYMONTHDAY=31
FREQ=DAILY;BYMONTH=9;BYMONTHDAY=31 FREQ=DAILY;BYMONTH=11;BYMONTHDAY=31
FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=31 FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=31
FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30 FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6
FREQ=MONTHLY;BYMONTHDAY=1;BYSETPOS=2 FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-6
FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30 FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31
FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31 FREQ=YEARLY;BYDAY=MO;BYSETPOS=60
FREQ=DAILY;INTERVAL=7;BYDAY=TU FREQ=YEARLY;BYYEARDAY=1;BYMONTH=2
FREQ=YEARLY;BYWEEKNO=20;BYMONTH=1 FREQ=DAILY;UNTIL=20260101T000000Z"

# The same database for both builds (the schema is the baseline's).
"$BASELINE" --db "$T/never.db" init >/dev/null
i=0
for r in $NEVER; do
	i=$((i + 1))
	sqlite3 "$T/never.db" "INSERT INTO events (type_id, subject, start_at,
	    rrule, assignee_id, uid, created_at, updated_at) VALUES ((SELECT
	    id FROM event_types WHERE code = 'meeting'), 'Never $i',
	    strftime('%s', '2026-03-02 06:00'), '$r', 1, 'never-$i', 0, 0)"
done

python3 - "$T/bomb.xlsx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        f.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        chunk = b" " * (1 << 20)
        for _ in range(2048):
            f.write(chunk)
        f.write(b"</sheetData></worksheet>")
PY
cp "$T/never.db" "$T/never-new.db"
"$BASELINE" --db "$T/x-old.db" init >/dev/null
"$SALESORG" --db "$T/x-new.db" init >/dev/null

echo "bounds: $(wc -c <"$T/bomb.xlsx") byte .xlsx, 20 rules, $RUNS runs"
row "agenda --days 7, 20 never-rules" \
    "$(median_of "$SALESORG" --db "$T/never-new.db" agenda --date 2026-03-09 --days 7)" \
    "baseline" \
    "$(median_of "$BASELINE" --db "$T/never.db" agenda --date 2026-03-09 --days 7)"
row "import xlsx, 2 GiB of spaces" \
    "$(median_of "$SALESORG" --db "$T/x-new.db" import xlsx companies "$T/bomb.xlsx")" \
    "baseline" \
    "$(median_of "$BASELINE" --db "$T/x-old.db" import xlsx companies "$T/bomb.xlsx")"
