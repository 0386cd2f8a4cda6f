#!/bin/sh
# `salesorg pivot`: a hand-counted table as CSV, text and HTML, its
# totals and its empty month, a link field, an unknown field refused by
# name, a snapshot on a date from the audit log, and saved pivots
# (save, list, run, run with a changed period, delete).
. "$(dirname "$0")/lib.sh"

DB="$T/p.db"
q() { sqlite3 "$DB" "$1"; }

run --db "$DB" init
# Альфа and Бета VIP, Гамма without a category (Опт since 2026-11-10,
# the audit log says); payments in kopecks:
#	Альфа 2026-09-10 1000.00, 2026-09-20 500.00, 2026-06-01 999.00
#	Бета  2026-09-15  300.00, 2026-11-20 100.00
#	Гамма 2026-11-05  200.00
q "INSERT INTO companies (name, category, created_at, updated_at) VALUES
    ('Альфа', 'VIP', 0, 0), ('Бета', 'VIP', 0, 0), ('Гамма', 'Опт', 0, 0);
INSERT INTO payments (company_id, amount, paid_on, created_at, updated_at)
    VALUES (1, 100000, '2026-09-10', 0, 0), (1, 50000, '2026-09-20', 0, 0),
    (1, 99900, '2026-06-01', 0, 0), (2, 30000, '2026-09-15', 0, 0),
    (2, 10000, '2026-11-20', 0, 0), (3, 20000, '2026-11-05', 0, 0);
INSERT INTO audit_log (at, entity, record_id, action, field, old_value,
    new_value) VALUES ($(date -d '2026-11-10 12:00' +%s), 'company', 3,
    'update', 'category', NULL, 'Опт');"

P="payments --rows company.category --cols month --measure sum:amount"
run --db "$DB" pivot $P --from 2026-09-01 --to 2026-11-30 --format csv
check "pivot: exit 0" [ "$RC" -eq 0 ]
tr -d '\r' <"$T/out" >"$T/csv"
check "the columns: every month, October's empty one too" grep -qx \
    "Company: Category,2026-09,2026-10,2026-11,Total" "$T/csv"
check "VIP by month, its total" grep -qx "VIP,1800.00,,100.00,1900.00" \
    "$T/csv"
check "Опт" grep -qx "Опт,,,200.00,200.00" "$T/csv"
check "the column totals, the grand total" grep -qx \
    "Total,1800.00,,300.00,2100.00" "$T/csv"

run --db "$DB" pivot $P --from 2026-09-01 --to 2026-11-30
check "text: the same table" grep -q "^VIP *| *1 800.00 | *| *100.00 | *1 900.00$" \
    "$T/out"

run --db "$DB" pivot payments --rows company.category,company --cols year \
    --measure count --format csv
tr -d '\r' <"$T/out" >"$T/csv"
check "nested rows: a subtotal after each group" grep -qx "VIP,Total,5,5" \
    "$T/csv"
check "  and the leaf above it" grep -qx ",Бета,2,2" "$T/csv"

run --db "$DB" pivot $P -o "$T/p.html"
check "html to a file" grep -q "<table" "$T/p.html"
run --db "$DB" pivot $P -o "$T/p.pdf"
check "pdf to a file" [ "$(head -c 4 "$T/p.pdf")" = "%PDF" ]

run --db "$DB" pivot payments --rows company.colour --cols month
check "an unknown field: exit 2" [ "$RC" -eq 2 ]
check "  naming it" grep -q '"colour"' "$T/err"
run --db "$DB" pivot payments --rows company --cols month --measure sum:document
check "a measure of text: exit 2" [ "$RC" -eq 2 ]
run --db "$DB" pivot payments --rows company --cols month --measure median
check "an unknown measure: exit 2" [ "$RC" -eq 2 ]
run --db "$DB" pivot payments --rows company --cols month --filter 'amount>'
check "a bad filter: exit 2, with its marker" sh -c \
    "[ $RC -eq 2 ] && grep -q '~' '$T/err'"

# On a date: Гамма had no category before 2026-11-10.
run --db "$DB" pivot companies --rows category --cols status --on 2026-11-05 \
    --format csv
tr -d '\r' <"$T/out" >"$T/csv"
check "on 2026-11-05: Гамма without a category" grep -qx "(none),1,1" \
    "$T/csv"
check "  and no Опт" sh -c "! grep -q '^Опт' '$T/csv'"
run --db "$DB" pivot companies --rows category --cols status --format csv
tr -d '\r' <"$T/out" >"$T/csv"
check "now: Опт" grep -qx "Опт,1,1" "$T/csv"

# Saved pivots.
run --db "$DB" pivot $P --from 2026-09-01 --to 2026-11-30 --format csv \
    --save "по месяцам"
check "save: exit 0, printing it" sh -c \
    "[ $RC -eq 0 ] && tr -d '\r' <'$T/out' | grep -qx 'VIP,1800.00,,100.00,1900.00'"
cp "$T/out" "$T/saved"
run --db "$DB" pivot --list
check "list: the saved pivot" grep -q "^по месяцам	payment	company.category	month	sum:amount	" "$T/out"
run --db "$DB" pivot --run "по месяцам" --format csv
check "run: the same table" cmp -s "$T/out" "$T/saved"
run --db "$DB" pivot --run "по месяцам" --to 2026-10-31 --format csv
tr -d '\r' <"$T/out" >"$T/csv"
check "run --to: another period this time" grep -qx \
    "Total,1800.00,,1800.00" "$T/csv"
run --db "$DB" pivot --delete "по месяцам"
check "delete: exit 0" [ "$RC" -eq 0 ]
run --db "$DB" pivot --run "по месяцам"
check "run a deleted one: exit 1, naming it" sh -c \
    "[ $RC -eq 1 ] && grep -q 'по месяцам' '$T/err'"

finish
