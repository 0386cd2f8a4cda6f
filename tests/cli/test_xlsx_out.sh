#!/bin/sh
# `--format xlsx` of `pivot` and `report` (src/doc/xlsx.c): the workbook
# read back with openpyxl -- a sheet per table named after its heading,
# the header row in bold, every cell the value of the CSV output (money
# a number with the #,##0.00 format, counts integers, Cyrillic intact),
# in English and in Russian (decimal comma); LibreOffice opens it and
# says the same values; xlsx is refused without -o; -o FILE.xlsx picks
# it by the extension.  Needs /usr/bin/python3 with openpyxl and
# soffice: skipped with a message without them, except on CI.
. "$(dirname "$0")/lib.sh"

PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3	# the one with openpyxl
if ! $PY -c 'import openpyxl' 2>/dev/null ||
    ! command -v soffice >/dev/null 2>&1; then
	if [ -n "${CI:-}" ]; then
		fail "openpyxl or soffice is not installed on CI"
		finish
	fi
	echo "skip: needs python3-openpyxl and soffice"
	exit 0
fi
SALESORG_LOCALEDIR=$(cd "$(dirname "$SALESORG")" && pwd)/locale
export SALESORG_LOCALEDIR
unset LANGUAGE LC_ALL LC_MESSAGES

# cmp_csv FILE.xlsx FILE.csv SHEET...: each named sheet (in order) is a
# table of the CSV: its header a row of the CSV, every row after it the
# CSV's rows cell by cell (a number equal as a number, its decimal sign
# either); says the first difference.  The sheets must be exactly those
# ("*": any names).
cmp_csv() {
	$PY - "$@" <<'EOF'
import csv, sys, openpyxl
x, c, want = sys.argv[1], sys.argv[2], sys.argv[3:]
wb = openpyxl.load_workbook(x)
if want != ["*"] and wb.sheetnames != want:
    sys.exit("sheets %r, not %r" % (wb.sheetnames, want))
rows = list(csv.reader(open(c, encoding="utf-8", newline="")))
def same(v, s):
    if v is None:
        return s == ""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        try:
            return abs(float(s.replace(",", ".")) - v) < 1e-9
        except ValueError:
            return False
    return str(v) == s
for ws in wb:
    got = [[c.value for c in r] for r in ws.iter_rows()]
    head = [v for v in got[0]]
    if not all(c.font.b for c in ws[1] if c.value is not None):
        sys.exit("%s: the header is not bold" % ws.title)
    at = [i for i, r in enumerate(rows) if r == [str(v) for v in head]]
    if not at:
        sys.exit("%s: header %r not in the CSV" % (ws.title, head))
    exp = rows[at[0]:at[0] + len(got)]
    for i, (g, e) in enumerate(zip(got, exp)):
        e = e + [""] * (len(g) - len(e))
        g = list(g) + [None] * (len(e) - len(g))
        for j, (v, s) in enumerate(zip(g, e)):
            if not same(v, s):
                sys.exit("%s!%d,%d: %r, the CSV says %r" %
                    (ws.title, i + 1, j + 1, v, s))
    if len(exp) != len(got) or (at[0] + len(got) < len(rows) and
            rows[at[0] + len(got)] != []):
        sys.exit("%s: %d rows, the CSV's table has more" %
            (ws.title, len(got)))
EOF
}
# money CELL... in FILE SHEET: each a number formatted #,##0.00
money() {
	$PY - "$@" <<'EOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])[sys.argv[2]]
for ref in sys.argv[3:]:
    c = ws[ref]
    if not isinstance(c.value, (int, float)) or c.number_format != "#,##0.00":
        sys.exit("%s: %r %r" % (ref, c.value, c.number_format))
EOF
}
# cell FILE SHEET REF: its value as Python writes it
cell() {
	$PY -c 'import sys, openpyxl
print(repr(openpyxl.load_workbook(sys.argv[1])[sys.argv[2]][sys.argv[3]].value))' "$@"
}
# lo FILE.xlsx: FILE.lo.csv, its first sheet as LibreOffice reads it
# (raw values, not as shown; its own profile in $T).
lo() {
	mkdir -p "$T/lo-out"
	HOME="$T" soffice --headless "-env:UserInstallation=file://$T/lo" \
	    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false' \
	    --outdir "$T/lo-out" "$1" >/dev/null 2>&1
	mv "$T/lo-out/$(basename "$1" .xlsx).csv" "${1%.xlsx}.lo.csv"
}
# lo_same FILE.xlsx FILE.csv: LibreOffice's CSV of the first sheet is
# the CSV's table under the same header, numbers equal as numbers.
lo_same() {
	$PY - "$@" <<'EOF'
import csv, sys
lo = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
rows = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
at = [i for i, r in enumerate(rows) if r == lo[0]]
if not at:
    sys.exit("LibreOffice's header %r is not in the CSV" % lo[0])
def num(s):
    try:
        return float(s.replace(",", "."))
    except ValueError:
        return None
for i, r in enumerate(lo):
    e = rows[at[0] + i]
    r = r + [""] * (len(e) - len(r))
    e = e + [""] * (len(r) - len(e))
    for a, b in zip(r, e):
        if a != b and (num(a) is None or num(a) != num(b)):
            sys.exit("row %d: LibreOffice %r, the CSV %r" % (i + 1, r, e))
EOF
}

DB="$T/p.db"
q() { sqlite3 "$DB" "$1"; }
run --db "$DB" init
q "INSERT INTO companies (name, category, created_at, updated_at) VALUES
    ('Альфа & <Ко>', 'VIP', 0, 0), ('Бета', 'VIP', 0, 0),
    ('Гамма', 'Опт', 0, 0);
INSERT INTO payments (company_id, amount, paid_on, created_at, updated_at)
    VALUES (1, 123456789, '2026-09-10', 0, 0), (1, 50000, '2026-09-20', 0, 0),
    (2, 30050, '2026-09-15', 0, 0), (2, 10000, '2026-11-20', 0, 0),
    (3, 20000, '2026-11-05', 0, 0);"

# ---- pivot ----
P="payments --rows company.category,company --cols month --measure sum:amount
    --from 2026-09-01 --to 2026-11-30"
run --db "$DB" pivot $P --format csv
cp "$T/out" "$T/p.csv"
run --db "$DB" pivot $P --format xlsx -o "$T/p.xlsx"
check "pivot --format xlsx -o: exit 0" [ "$RC" -eq 0 ]
check "... a zip archive" [ "$(head -c 2 "$T/p.xlsx")" = PK ]
check "... one sheet, the CSV's cells" cmp_csv "$T/p.xlsx" "$T/p.csv" \
    "Pivot table"
check "... money: numbers as #,##0.00" money "$T/p.xlsx" "Pivot table" \
    C2 F2 C4 F7
check "... 1 234 567.89 exactly" [ "$(cell "$T/p.xlsx" "Pivot table" C2)" = \
    1235067.89 ]
check "... the escaped name intact" [ "$(cell "$T/p.xlsx" "Pivot table" B2)" \
    = "'Альфа & <Ко>'" ]
lo "$T/p.xlsx"
check "LibreOffice reads the same values" lo_same "$T/p.lo.csv" "$T/p.csv"

run --db "$DB" pivot payments --rows company --cols year --measure count \
    --format csv
cp "$T/out" "$T/c.csv"
run --db "$DB" pivot payments --rows company --cols year --measure count \
    -o "$T/c.xlsx"
check "-o FILE.xlsx: xlsx by the extension" cmp_csv "$T/c.xlsx" "$T/c.csv" \
    "Pivot table"
check "... a count an integer" [ "$(cell "$T/c.xlsx" "Pivot table" B2)" = 2 ]

run --db "$DB" pivot $P --format xlsx
check "xlsx to standard output: refused, exit 2" [ "$RC" -eq 2 ]
check "... saying to give -o" grep -q "give -o FILE" "$T/err"
check "... nothing written" [ ! -s "$T/out" ]

# ---- report: two tables, two sheets ----
DB="$T/d.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
run --db "$DB" report sales --period month --all --format csv
cp "$T/out" "$T/s.csv"
run --db "$DB" report sales --period month --all --format xlsx -o "$T/s.xlsx"
check "report --format xlsx -o: exit 0" [ "$RC" -eq 0 ]
check "... a sheet per table, named by its heading; the CSV's cells" \
    cmp_csv "$T/s.xlsx" "$T/s.csv" "Results in the period by manage" \
    "Pipeline now the department"
check "... money as #,##0.00" money "$T/s.xlsx" "Pipeline now the department" \
    C2 C6
lo "$T/s.xlsx"
check "LibreOffice reads the same values" lo_same "$T/s.lo.csv" "$T/s.csv"
run --db "$DB" report sales --period month --all --format xlsx
check "report: xlsx to standard output refused, exit 2" [ "$RC" -eq 2 ]

# ---- in Russian: Cyrillic sheet names, a decimal comma read ----
run --db "$DB" report sales --period month --all --lang ru --format csv
cp "$T/out" "$T/r.csv"
run --db "$DB" report sales --period month --all --lang ru -o "$T/r.xlsx"
check "report --lang ru -o FILE.xlsx: exit 0" [ "$RC" -eq 0 ]
S1=$($PY -c 'import sys, openpyxl
print(openpyxl.load_workbook(sys.argv[1]).sheetnames[1])' "$T/r.xlsx")
check "... Cyrillic sheet names, ':' dropped" [ "$S1" = "Воронка сейчас отдел" ]
check "... the CSV's cells, 1234,50 a number" cmp_csv "$T/r.xlsx" \
    "$T/r.csv" "*"
check "... money as #,##0.00" money "$T/r.xlsx" "$S1" C2 C6
lo "$T/r.xlsx"
check "LibreOffice reads the same values" lo_same "$T/r.lo.csv" "$T/r.csv"
finish
