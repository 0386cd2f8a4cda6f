#!/bin/sh
# The pivot screen: companies by category x month of their first payment
# built with the pickers (e, r, c, m, d) at 80x24, the hand-counted
# cells on screen; Enter on a cell lists exactly the companies behind it,
# Backspace comes back to the same cell; s saves the pivot (asking
# before replacing it), and `salesorg pivot --run` prints the same
# numbers; the Reports screen's v runs it; the Russian screen at 80x24.
. "$(dirname "$0")/lib.sh"

DB="$T/p.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
"$SALESORG" --db "$DB" config set agenda.startup off --team >/dev/null ||
    exit 1
# First payments: Альфа and Бета in September, Эпсилон in October,
# Гамма and Дельта in November; Зета has none (it falls outside).
#		2026-09	2026-10	2026-11	Total
#	VIP	2	.	1	3	(Альфа Бета | Дельта)
#	Опт	.	1	1	2	(Эпсилон | Гамма)
#	Total	2	1	2	5
sqlite3 "$DB" "INSERT INTO companies (name, category, created_at,
    updated_at) VALUES ('Альфа', 'VIP', 0, 0), ('Бета', 'VIP', 0, 0),
    ('Гамма', 'Опт', 0, 0), ('Дельта', 'VIP', 0, 0),
    ('Эпсилон', 'Опт', 0, 0), ('Зета', 'VIP', 0, 0);
INSERT INTO payments (company_id, amount, paid_on, created_at, updated_at)
    VALUES (1, 100000, '2026-09-10', 0, 0), (1, 50000, '2026-10-05', 0, 0),
    (2, 30000, '2026-09-15', 0, 0), (3, 20000, '2026-11-05', 0, 0),
    (4, 10000, '2026-11-20', 0, 0), (5, 77700, '2026-10-01', 0, 0);" ||
    exit 1
reindex "$DB"

# menu_pick TEXT: in the open pick-list, the item TEXT (Down to it).
menu_pick() {
	n=$(screen | awk -v t="$1" '/┌/ && !top { top = NR }
	    top && index($0, "│" t " ") { print NR - top - 1; exit }')
	[ -n "$n" ] || { fail "no item '$1' in the menu"; return; }
	while [ "$n" -gt 0 ]; do keys Down; n=$((n - 1)); done
	keys Enter
}

start 80x24 "$SALESORG" --db "$DB"
expect "the organizer is up" "Companies ("
keys : && type_text "pivot" && keys Enter
expect ":pivot opens the pivot screen" "Pivot: Companies"
keys e
expect "e: the card files" "Pivot which card file?"
keys 1
keys r
expect "r: the fields for the rows" "Rows by"
menu_pick "Category"
expect "  then a level under it, or none" "(no more levels)"
keys Escape
keys c
expect "c: a field or a period" "Columns by"
keys 3
keys m
expect "m: the measure" "Count of records"
keys 1
keys d
expect "d asks for the first day" "From"
type_text "2026-09-01" && keys Enter
expect "  and the last" "To"
type_text "2026-11-30" && keys Enter
expect "the period is on screen" "2026-09-01 - 2026-11-30"
expect "the column headers: every month, October too" \
    "Category  2026-09  2026-10  2026-11  Total"
check "VIP: 2 . 1, total 3" sh -c "$TM capture-pane -t t -p |
    grep -Eq '^VIP +2 +· +1 +3 *$'"
check "Опт: . 1 1, total 2" sh -c "$TM capture-pane -t t -p |
    grep -Eq '^Опт +· +1 +1 +2 *$'"
check "the totals line: 2 1 2, 5" sh -c "$TM capture-pane -t t -p |
    grep -Eq '^Total +2 +1 +2 +5 *$'"
expect "the footer: the cell under the cursor and its line's trend" \
    "VIP × 2026-09: 2"
check "  the trend as a sparkline" sh -c "$TM capture-pane -t t -p |
    grep -q 'trend █▁▅'"
check "every line fits 80 columns" lines_fit 80

# Drill into VIP x 2026-09: Альфа and Бета, not Дельта (November) nor
# Зета (no payment).
keys Enter
expect "Enter lists the records behind the cell" \
    "2 companies: VIP × 2026-09"
expect "  Альфа" "Альфа"
expect "  Бета" "Бета"
check "  not Дельта, not Зета, not Гамма" sh -c "! $TM capture-pane -t t -p |
    grep -Eq '│(Дельта|Зета|Гамма) '"
keys BSpace
expect "Backspace: back to the pivot" "Category  2026-09"
expect "  on the same cell" "VIP × 2026-09: 2"

# Another cell: Опт x 2026-11 is Гамма alone.
keys Down Right Right
expect "the cursor moves" "Опт × 2026-11: 1"
keys Enter
expect "Опт × 2026-11: one company" "1 company: Опт × 2026-11"
expect "  Гамма" "│Гамма "
check "  and nothing else" sh -c "! $TM capture-pane -t t -p |
    grep -Eq '│(Альфа|Бета|Дельта|Эпсилон|Зета) '"
keys Escape
expect "Esc: back to the same cell" "Опт × 2026-11: 1"
# The totals column of VIP: the three VIP companies with a payment.
keys Up Right
expect "the totals column" "VIP × Total: 3"
keys Enter
expect "VIP in all: three" "3 companies: VIP × Total"
keys q
expect "q: back" "VIP × Total: 3"

keys s
expect "s asks for a name" "save the pivot as:"
type_text "по месяцам" && keys Enter
expect "saved, and said how to run it" "pivot saved as \"по месяцам\""
expect "the title names it" "Pivot \"по месяцам\""
keys s
expect "s again" "save the pivot as:"
keys Enter
expect "  a name taken: replace it?" "Replace the saved pivot \"по месяцам\""
keys n

# The same pivot on the command line: the same numbers.
"$SALESORG" --db "$DB" pivot --run "по месяцам" --format csv |
    tr -d '\r' >"$T/run.csv"
check "pivot --run: VIP 2,,1 = 3" grep -qx "VIP,2,,1,3" "$T/run.csv"
check "  Опт ,1,1 = 2" grep -qx "Опт,,1,1,2" "$T/run.csv"
check "  Total 2,1,2 = 5" grep -qx "Total,2,1,2,5" "$T/run.csv"

# The Reports screen lists the saved pivots (v) and runs one.
keys q
expect_gone "the pivot screen closes" "Pivot \"по месяцам\""
keys R
expect "the Reports screen" "Reports:"
keys v
expect "v: the saved pivots" "Saved pivots"
expect "  по месяцам among them" "по месяцам"
keys 2
expect "  run on the pivot screen" "Pivot \"по месяцам\""
check "  with the same cells" sh -c "$TM capture-pane -t t -p |
    grep -Eq '^VIP +2 +· +1 +3 *$'"

# 120x40: the same table; the Russian screen at 80x24.
resize 120x40
expect "a larger pane: the same table" "Category  2026-09"
check "  every line fits 120 columns" lines_fit 120

start_ru 80x24 "$SALESORG" --db "$DB"
expect "Russian: the organizer is up" "Компании ("
keys : && type_text "pivot по месяцам" && keys Enter
expect "Russian: the pivot screen" "Сводная \"по месяцам\": Компании"
check "  VIP's line" sh -c "$TM capture-pane -t t -p |
    grep -Eq '^VIP +2 +· +1 +3 *$'"
expect "  the totals line" "Итого"
check "  every line fits 80 columns" lines_fit 80
keys Enter
expect "  the records behind the cell" "2 компании: VIP × 2026-09"

finish
