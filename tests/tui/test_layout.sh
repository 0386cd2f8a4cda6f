#!/bin/sh
# Issue 23, the morning at 80x24: the screens laid out by priority.  The
# startup call list shows the number on every call line, whole, and
# marks cut text with "…"; the company card lists events with date and
# status and deals with amounts; card labels wrap instead of being cut
# and card text wraps at words; form labels never run into values; the
# pipeline's sums are short (тыс., млн) and its Lost column reachable;
# the tab bar keeps tabs 8 and 9; the agenda fills a window that grew.
# Then the agenda, a list with its card and the pipeline at 60x15,
# 80x24, 120x40 and 200x50: every line fits.  LAYOUT_CAPTURES=DIR keeps
# the captures there to look at.
. "$(dirname "$0")/lib.sh"

DB="$T/l.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
"$SALESORG" --db "$DB" config set agenda.startup on >/dev/null || exit 1
CAPS=${LAYOUT_CAPTURES:-}
[ -n "$CAPS" ] && mkdir -p "$CAPS"

# keep NAME: the screen into $CAPS/NAME.txt when captures are asked for.
keep() {
	[ -n "$CAPS" ] && screen >"$CAPS/$1.txt"
	return 0
}

# The numbers the agenda has to show, one a line, from its CSV.
"$SALESORG" --db "$DB" agenda --format csv | python3 -c '
import csv, sys
for r in csv.DictReader(sys.stdin):
    if r["phone"]:   # the CSV guards a leading + against formulas
        print(r["phone"].lstrip(chr(39)))' | sort -u >"$T/phones"
[ -s "$T/phones" ] || { echo "FAIL no phones in the demo agenda"; exit 1; }

# calls_have_phones: every line of a call on screen ends with one of the
# agenda's numbers, whole; and there are calls on screen.
calls_have_phones() {
	screen >"$T/screen"
	python3 - "$T/screen" "$T/phones" <<'EOF'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
phones = set(open(sys.argv[2], encoding="utf-8").read().splitlines())
calls = [l.rstrip() for l in lines if " Call " in l]
bad = [l for l in calls if not any(l.endswith(" " + p) for p in phones)]
for l in bad:
    print("  no whole number:", l)
sys.exit(1 if bad or len(calls) < 5 else 0)
EOF
}

# ---- the startup call list at 80x24 ----
start 80x24 "$SALESORG" --db "$DB"
expect "agenda at startup" "Agenda of"
expect "the overdue calls" "Overdue"
keep agenda-80x24
check "a whole phone number on every call line" calls_have_phones
check "cut text ends with …" sh -c "$TM capture-pane -t t -p | grep -q '…'"
check "no text cut without a mark: company names whole or marked" sh -c "
	$TM capture-pane -t t -p | grep -q 'ООО «Ромашка» ' &&
	! $TM capture-pane -t t -p | grep -q 'ООО «Ромашка[^»…]'"
check "the agenda fits 80 columns" lines_fit 80
check "tabs 8 and 9 on the tab bar" sh -c "$TM capture-pane -t t -p |
	head -1 | grep -q ' 8 [A-Z].* 9 [A-Z]'"

# ---- the company card at 80x24 ----
keys 1
expect "companies" "Companies ("
# Acme's comment wraps at words: "via" then "their", never "t|heir".
expect "Acme first" "Acme Corp"
check "card text wraps at word boundaries" sh -c "$TM capture-pane -t t -p |
	grep -q '│ *their portal\\.' && ! $TM capture-pane -t t -p |
	grep -q '│ *heir'"
keys /
type_text "Ромашка"
keys Enter
expect "Ромашка found" "Companies (1)"
keys Enter ']' ']' ']' ']' ']'
expect "the Events section" "Events"
# "Events" is on the tab bar already: wait for the section's own rows
expect "the section's rows" "Planned"
keep card-events-80x24
check "events with date and status" sh -c "$TM capture-pane -t t -p |
	grep -Eq '│[0-9]{2}\\.[0-9]{2} [0-9]{2}:[0-9]{2} .*(Planned|Done) *│'"
keys ']'
expect "deals with amounts" "1 250 000"
check "and their stage" sh -c "$TM capture-pane -t t -p |
	grep -q 'Won 1 250 000'"
keys q
expect_gone "back to the list" "Won 1 250 000"
keys 7
expect "the deals" "Deals ("
check "money one format in a list" sh -c "$TM capture-pane -t t -p |
	grep -q '1 250 000' && ! $TM capture-pane -t t -p | grep -q '1250000'"
keys Enter
check "and on a card" sh -c "
	! $TM capture-pane -t t -p | grep -Eq '[0-9]{4,}\\.[0-9]{2}'"


# An event's card: its labels wrap ("Remind (min" / "before)"), and the
# number to call is under its contact.
keys 6 Home
expect "the events" "Events ("
# (the card is drawn after the list: wait for its wrapped label)
expect "a card label wraps" "│before) "
keep list-card-80x24
check "a card label is never cut" sh -c "! $TM capture-pane -t t -p |
	grep -q 'Remind (min [0-9b]'"
expect "the contact's number on the event's card" "Phone "
# ... and in its form, the label stands apart from the value.
keys e
expect "the form" "Edit Event"
check "a form label never runs into its value" sh -c "$TM capture-pane -t t -p |
	grep -Eq 'Remind \\(min before\\) +│?'"
keys Escape
expect_gone "form closed" "Edit Event"

# ---- the pipeline at 80x24 ----
keys 7 P
expect "the pipeline" "Pipeline:"
keep pipeline-80x24
expect "sums in thousands" "840 тыс."
expect "and millions" "5,46 млн"
check "no sum cut off" sh -c "! $TM capture-pane -t t -p | grep -q '840 00'"
expect "more stages to the right" "▶"
keys Right Right Right Right Right Right
expect "Lost reachable" "Lost"
expect "and the stages to the left marked" "◀"
check "the pipeline fits 80 columns" lines_fit 80
keys q
keys Q

# ---- the agenda after the window grew ----
start 80x15 "$SALESORG" --db "$DB"
expect "agenda, small window" "Agenda of"
keys End
expect_gone "scrolled down" "Overdue"
resize 80x40
# The whole agenda fits in 40 lines: from its first heading.
check "after growing, the agenda shows from the top" sh -c "
	i=0; while [ \$i -lt 100 ]; do
		$TM capture-pane -t t -p | sed -n 3p | grep -q Overdue && exit 0
		sleep 0.05; i=\$((i + 1)); done; exit 1"
keys Q

# ---- the same screens at four sizes ----
for size in 60x15 80x24 120x40 200x50; do
	cols=${size%x*}
	start "$size" "$SALESORG" --db "$DB"
	expect "$size: agenda" "Agenda of"
	keep "agenda-$size"
	check "$size: the agenda fits" lines_fit "$cols"
	check "$size: numbers whole" sh -c "$TM capture-pane -t t -p |
		grep -q '+7 979 563-20-04'"
	keys 1
	expect "$size: companies" "Companies ("
	keys Enter ']' ']' ']' ']' ']'
	expect "$size: a card's events" "Events"
	keep "list-card-$size"
	check "$size: the list and the card fit" lines_fit "$cols"
	keys q 7 P
	expect "$size: pipeline" "Pipeline:"
	expect "$size: short sums" "млн"
	keep "pipeline-$size"
	check "$size: the pipeline fits" lines_fit "$cols"
	keys q Q
done
finish
