#!/bin/sh
# Charts beside the reports' tables: the funnel's bars in text, none in
# the CSV; the HTML's inline SVG parsed as XML (python3 xml.etree), its
# bars counted and measured against the figures; the PDF drawn (the
# page rendered by pdftoppm and the bars' colour found where the chart
# is) with its table still there for pdftotext; the plan's mark at
# 100 %, the dynamics' pair of bars a period, the pivot's trend.
. "$(dirname "$0")/lib.sh"

DB="$T/c.db"
q() { sqlite3 "$DB" "$1"; }
SALESORG_NOW=2026-04-01T10:00
export SALESORG_NOW

run --db "$DB" init
run --db "$DB" user add boris --role manager --name "Boris Belov"
# The funnel of March 2026 (as tests/cli/test_funnel.sh): first
# contact 2, need found 1, then 1 all the way to won; lost 1.
fc=$(q "SELECT id FROM deal_stages WHERE code = 'first_contact'")
nf=$(q "SELECT id FROM deal_stages WHERE code = 'need_found'")
won=$(q "SELECT id FROM deal_stages WHERE code = 'won'")
lost=$(q "SELECT id FROM deal_stages WHERE code = 'lost'")
t() { date -d "$1 12:00" +%s; }
q "INSERT INTO deals (id, title, stage_id, amount, expected_close,
    manager_id, created_at, updated_at) VALUES
    (1, 'D1', $won, 100000, '', 1, $(t 2026-03-02), 0),
    (2, 'D2', $lost, 5000, '', 1, $(t 2026-03-03), 0);
INSERT INTO audit_log (at, entity, record_id, action, field, old_value,
    new_value) VALUES
    ($(t 2026-03-02), 'deal', 1, 'create', NULL, NULL, NULL),
    ($(t 2026-03-04), 'deal', 1, 'update', 'stage_id', '$fc', '$nf'),
    ($(t 2026-03-14), 'deal', 1, 'update', 'stage_id', '$nf', '$won'),
    ($(t 2026-03-03), 'deal', 2, 'create', NULL, NULL, NULL),
    ($(t 2026-03-05), 'deal', 2, 'update', 'stage_id', '$fc', '$lost');"
F="report funnel --all --from 2026-03-01 --to 2026-03-31"

# Text: 80 columns, labels 13 wide, values 1: 50 cells for 2, 25 for 1.
run --db "$DB" $F
check "funnel text: exit 0" [ "$RC" -eq 0 ]
check "funnel text: the chart's title" grep -qx \
    "Deals that reached each stage" "$T/out"
full=$(printf '\342\226\210')
bar() { i=0; s=; while [ $i -lt "$1" ]; do s="$s$full"; i=$((i + 1)); done
	printf %s "$s"; }
check "funnel text: first contact, 50 cells for 2" grep -qx \
    "First contact $(bar 50) 2" "$T/out"
check "funnel text: need found, 25 cells for 1" grep -q \
    "^Need found    $(bar 25) \{26\}1$" "$T/out"
check "funnel text: the table after it" grep -q \
    "^  First contact |       2 |" "$T/out"
check "funnel text: no chart of the companies nobody added" sh -c \
    "! grep -q 'Companies that reached' '$T/out'"

run --db "$DB" $F --format csv
check "funnel CSV: no bars" sh -c "! grep -q '$full' '$T/out'"
check "funnel CSV: no chart's title" sh -c \
    "! grep -q 'reached each stage' '$T/out'"
check "funnel CSV: the figures" grep -q "^Need found,1,50.0%,1," "$T/out"

# HTML: every <svg> parses as XML; the funnel's has a bar a stage, each
# as long as its count, and a <title> saying the stage and the figure.
svgcheck() {
	python3 - "$@" <<'EOF'
import re, sys, xml.etree.ElementTree as ET
NS = "{http://www.w3.org/2000/svg}"
html = open(sys.argv[1], encoding="utf-8").read()
svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
charts = [ET.fromstring(s) for s in svgs]	# raises when not XML
c = charts[int(sys.argv[2])]
assert c.find(NS + "title").text == sys.argv[3], c.find(NS + "title").text
bars = [r for r in c.iter(NS + "rect") if r.get("class") == "bar"]
want = [float(x) for x in sys.argv[4].split(",")]
assert len(bars) == len(want), (len(bars), want)
top = max(want)
longest = max(float(b.get("width")) for b in bars)
for b, w in zip(bars, want):
	got = float(b.get("width"))
	assert abs(got - longest * w / top) < 0.2, (got, w)
	assert b.find(NS + "title").text, "a bar without its text"
mode = sys.argv[5] if len(sys.argv) > 5 else ""
if mode == "ref":
	ref = [l for l in c.iter(NS + "line") if l.get("class") == "ref"]
	assert len(ref) == 1
	x = float(ref[0].get("x1"))
	x0 = float(bars[0].get("x"))
	# the mark at 100 on the scale of the longest bar
	assert abs(x - x0 - longest * 100 / top) < 0.2, (x, x0, longest)
EOF
}
run --db "$DB" $F -o "$T/f.html"
check "funnel HTML: exit 0" [ "$RC" -eq 0 ]
check "funnel HTML: its SVG parses, six bars as long as the counts" \
    svgcheck "$T/f.html" 0 "Deals that reached each stage" 2,1,1,1,1,1
check "funnel HTML: a stage's bar says its figure" grep -q \
    "<title>Need found: 1</title></rect>" "$T/f.html"

# PDF: the page at 50 dpi; the chart's bars (their blue) between the
# heading and the table, and the table's text still there.
pixels() {
	python3 - "$1" "$2" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
# P6: magic, width, height, maxval, then RGB bytes
parts = data.split(maxsplit=4)
assert parts[0] == b"P6", parts[0]
w, h = int(parts[1]), int(parts[2])
px = parts[4]
top = int(h * float(sys.argv[2]))
blue = ink = 0
for y in range(top):
	row = px[3 * w * y: 3 * w * (y + 1)]
	for x in range(w):
		r, g, b = row[3 * x], row[3 * x + 1], row[3 * x + 2]
		if b > 130 and r < 110 and b - r > 60:
			blue += 1
		if r < 250 or g < 250 or b < 250:
			ink += 1
print(blue, ink)
EOF
}
if command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null; then
	run --db "$DB" $F -o "$T/f.pdf"
	check "funnel PDF: exit 0" [ "$RC" -eq 0 ]
	pdftoppm -r 50 -f 1 -l 1 "$T/f.pdf" "$T/page" && mv "$T"/page*.ppm \
	    "$T/page.ppm"
	set -- $(pixels "$T/page.ppm" 0.5)
	check "funnel PDF: bars drawn in the page's top half ($1 px)" \
	    [ "${1:-0}" -gt 400 ]
	pdftotext -layout "$T/f.pdf" "$T/f.txt"
	check "funnel PDF: the chart's title" grep -q \
	    "Deals that reached each stage" "$T/f.txt"
	check "funnel PDF: the table" grep -q "First contact *2 *- *2" \
	    "$T/f.txt"
	# the bars are above the table: the table's first row is lower
	# than the chart's title on the page
	check "funnel PDF: the chart before the table" sh -c \
	    "[ \$(grep -n 'reached each stage' '$T/f.txt' | head -1 |
	    cut -d: -f1) -lt \$(grep -n 'Reached' '$T/f.txt' | head -1 |
	    cut -d: -f1) ]"
	# and a report without a chart has none of the bars' blue
	run --db "$DB" report forecast --all -o "$T/n.pdf"
	pdftoppm -r 50 -f 1 -l 1 "$T/n.pdf" "$T/none" && mv "$T"/none*.ppm \
	    "$T/none.ppm"
	set -- $(pixels "$T/none.ppm" 0.5)
	check "forecast PDF, no chart: no bars ($1 px)" [ "${1:-1}" -eq 0 ]
else
	echo "skip: no pdftoppm/pdftotext"
fi

# Plan against fact: boris 300 000 of 1 000 000 (30 %), the team 300 000
# of 2 000 000 (15 %): bars 30 and 15 on a scale of 100, the mark at 100.
q "INSERT INTO companies (name, manager_id, created_at, updated_at) VALUES
    ('Bco', (SELECT id FROM users WHERE login = 'boris'), 0, 0);
INSERT INTO payments (company_id, amount, paid_on, created_at, updated_at)
    VALUES (1, 30000000, '2026-03-03', 0, 0),
    (1, 5000000, '2026-01-10', 0, 0), (1, 8000000, '2026-02-10', 0, 0);"
run --db "$DB" plan set boris 2026-03 1000000
run --db "$DB" plan set team 2026-03 2000000
P="report plan --all --period 2026-03"
run --db "$DB" $P
check "plan text: the chart" grep -q \
    "^Payments: the share of the plan done$" "$T/out"
check "plan text: the mark's legend" grep -q "plan (100%)" "$T/out"
run --db "$DB" $P -o "$T/p.html"
check "plan HTML: bars of 30 and 15, the mark at 100" svgcheck \
    "$T/p.html" 0 "Payments: the share of the plan done" 30,15 ref
run --db "$DB" $P --format csv
check "plan CSV: no chart" sh -c "! grep -q 'share of the plan' '$T/out'"

# Dynamics: January 1 new (Bco's first payment), none lost; February,
# March none new: a pair of bars a month, 1,0 0,0 0,0.
run --db "$DB" report dynamics --all --from 2026-01-01 --to 2026-03-31 \
    --months 6 -o "$T/d.html"
check "dynamics HTML: a pair of bars a month" svgcheck "$T/d.html" 0 \
    "New buyers and buyers lost by period" 1,0,0,0,0,0

# The pivot by month: a trend of the total, its points where the sums
# are (January 50 000, February 80 000, March 300 000).
run --db "$DB" pivot payments --rows company --cols month \
    --measure sum:amount --from 2026-01-01 --to 2026-03-31 -o "$T/v.html"
check "pivot HTML: exit 0" [ "$RC" -eq 0 ]
check "pivot HTML: a trend of three points, the highest March" python3 - \
    "$T/v.html" <<'EOF'
import re, sys, xml.etree.ElementTree as ET
NS = "{http://www.w3.org/2000/svg}"
html = open(sys.argv[1], encoding="utf-8").read()
c = ET.fromstring(re.findall(r"<svg\b.*?</svg>", html, re.S)[0])
pts = [p for p in c.iter(NS + "circle") if p.get("class") == "point"]
assert len(pts) == 3, len(pts)
ys = [float(p.get("cy")) for p in pts]
assert ys[2] < ys[1] < ys[0], ys		# up is less y
assert "2026-03" in pts[2].find(NS + "title").text
EOF
run --db "$DB" pivot payments --rows company --cols month \
    --measure sum:amount --from 2026-01-01 --to 2026-03-31
check "pivot text: the sparkline of the total" grep -q \
    "max 300 000.00" "$T/out"
finish
