#!/bin/sh
# `salesorg abc`: the 20/80 ranking from a shell -- a hand-checked month
# with a tie, last month ranked once by the start-up rule, --recompute
# idempotent, the printed figures matching the filtered lists, and bad
# options refused before anything is written.
. "$(dirname "$0")/lib.sh"

DB="$T/a.db"
q() { sqlite3 "$DB" "$1"; }
audit() { q "SELECT count(*) FROM audit_log"; }

run --db "$DB" init
# Five companies paying in September 2026 (minor units): 1 234 567.00,
# 400.00 twice (a tie), 300.00 and 100.00 in two payments.  n = 5: A is
# place 1, B places up to 2 -- both of the tie -- and C the rest.
q "INSERT INTO companies (name, created_at, updated_at) VALUES
    ('Alpha', 0, 0), ('Beta', 0, 0), ('Gamma', 0, 0), ('Delta', 0, 0),
    ('Epsilon', 0, 0), ('Idle', 0, 0);
INSERT INTO payments (company_id, amount, paid_on, created_at, updated_at)
    VALUES (1, 123456700, '2026-09-03', 0, 0), (2, 40000, '2026-09-10', 0, 0),
    (3, 40000, '2026-09-30', 0, 0), (4, 30000, '2026-09-01', 0, 0),
    (5, 5000, '2026-09-02', 0, 0), (5, 5000, '2026-09-20', 0, 0),
    (6, 99999900, '2026-08-31', 0, 0);"
run --db "$DB" abc --month 2026-09
check "abc --month: exit 0" [ "$RC" -eq 0 ]
check "abc --month: the month's figures" grep -qx \
    "2026-09: A 1 (1 234 567.00)  B 2 (800.00)  C 2 (400.00)" "$T/out"
check "ranks by hand" [ "$(q "SELECT group_concat(name || '=' || abc, ' ')
    FROM (SELECT name, abc FROM companies ORDER BY id)")" = \
    "Alpha=A Beta=B Gamma=B Delta=C Epsilon=C Idle=" ]
check "each change audited" [ "$(q "SELECT count(*) FROM audit_log WHERE
    entity = 'company' AND field = 'abc'")" -eq 5 ]
run --db "$DB" list companies --filter 'abc=B' --count
check "the list filters by rank" [ "$(cat "$T/out")" -eq 2 ]

# --recompute ranks August too (Idle alone: A) but September, the
# latest, decides the companies' abc.
run --db "$DB" abc --recompute
check "recompute: exit 0" [ "$RC" -eq 0 ]
check "recompute: months and rankings" grep -qx \
    "recomputed 2 months, 6 rankings" "$T/out"
check "recompute: Idle is A in August only" [ "$(q "SELECT group_concat(
    month || rank) FROM company_ranks WHERE company_id = 6")" = "2026-08A" ]
check "recompute: the latest month decides" \
    [ "$(q "SELECT abc FROM companies WHERE id = 6")" = "" ]
before=$(audit)
run --db "$DB" abc --recompute
check "recompute again changes nothing" [ "$(audit)" -eq "$before" ]

run --db "$DB" abc --month 2031-01
check "a month without payments: exit 0" [ "$RC" -eq 0 ]
check "a month without payments says so" grep -qx "2031-01: no payments" \
    "$T/out"
check "and leaves the ranks alone" \
    [ "$(q "SELECT abc FROM companies WHERE id = 1")" = "A" ]

# Errors: before anything is written.
before=$(audit)
for bad in 2026-13 2026-1 26-10 2026/10 "" 2026-10x; do
	run --db "$DB" abc --month "$bad"
	check "--month '$bad': usage exit 2" [ "$RC" -eq 2 ]
	check "--month '$bad': says why" grep -q "is not a month" "$T/err"
done
run --db "$DB" abc 2026-10
check "a stray argument: usage exit 2" [ "$RC" -eq 2 ]
check "usage line" grep -q "usage: salesorg .*abc \[--month YYYY-MM\]" \
    "$T/err"
run --db "$DB" abc --nope
check "an unknown option: exit 2" [ "$RC" -eq 2 ]
check "errors wrote nothing" [ "$(audit)" -eq "$before" ]
run --db "$T/missing.db" abc
check "no database: exit 1" [ "$RC" -eq 1 ]

# Without options: last month (local time), once.
DB="$T/b.db"
run --db "$DB" init
LAST=$(q "SELECT strftime('%Y-%m', $NOW_S, 'unixepoch', 'localtime', 'start of month',
    '-1 month')")
q "INSERT INTO companies (name, created_at, updated_at) VALUES ('One', 0, 0);
INSERT INTO payments (company_id, amount, paid_on, created_at, updated_at)
    VALUES (1, 100, date($NOW_S, 'unixepoch', 'localtime', 'start of month', '-1 day'),
    0, 0);"
run --db "$DB" abc
check "abc: exit 0" [ "$RC" -eq 0 ]
check "abc ranks last month" grep -qx "$LAST: A 1 (1.00)  B 0 (0.00)  C 0 (0.00)" \
    "$T/out"
check "the only payer is A" [ "$(q "SELECT abc FROM companies")" = "A" ]
q "UPDATE abc_months SET computed_at = 1"
run --db "$DB" abc
check "abc again: exit 0" [ "$RC" -eq 0 ]
check "abc again does not rank again" \
    [ "$(q "SELECT computed_at FROM abc_months")" -eq 1 ]

# The demo ranks every month; the printed counts match the lists.
DB="$T/d.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
run --db "$DB" abc
check "demo: a ranked month" grep -Eq \
    '^[0-9]{4}-[0-9]{2}: A [1-9][0-9]* \([0-9 ]+\.[0-9]{2}\)  B [0-9]+ \(' \
    "$T/out"
for r in A B C; do
	n=$(sed "s/.* $r \([0-9]*\) (.*/\1/" "$T/out")
	check "demo: $r count matches the list ($n)" \
	    [ "$("$SALESORG" --db "$DB" list companies --filter "abc=$r" \
	    --count)" -eq "$n" ]
done
run --db "$DB" abc --recompute
CLOSED=$(sqlite3 "$DB" "SELECT count(DISTINCT substr(paid_on, 1, 7)) FROM payments WHERE deleted_at IS NULL AND paid_on < strftime('%Y-%m-01', $NOW_S, 'unixepoch', 'localtime')")
check "demo: recompute over the closed months ($CLOSED)" grep -q \
    "^recomputed $CLOSED months" "$T/out"

# The report: --by/--months rank on the fly and write nothing.
DB="$T/c.db"
run --db "$DB" init
q "INSERT INTO companies (name, created_at, updated_at) VALUES
    ('Alpha', 0, 0), ('Beta', 0, 0), ('Gamma', 0, 0);
INSERT INTO payments (company_id, amount, paid_on, kind, units, created_at,
    updated_at) VALUES (1, 100000, '2026-08-03', 'goods', 1, 0, 0),
    (2, 20000, '2026-09-10', 'goods', 7, 0, 0),
    (2, 20000, '2026-09-11', 'services', NULL, 0, 0),
    (3, 30000, '2026-09-12', 'goods', 2, 0, 0);"
before=$(audit)
run --db "$DB" abc --by sum --month 2026-09 --format csv
check "abc --by: exit 0" [ "$RC" -eq 0 ]
# September alone: Beta 400.00 (place 1 of 2: A), Gamma C; Alpha paid
# in August only.
check "abc --by: September's VIP is Beta" grep -q '^1,Beta,400.00,0.00' \
    "$T/out"
check "abc --by: Alpha is no VIP of September" \
    sh -c "! grep -q '^[0-9]*,Alpha,1 000' '$T/out'"
run --db "$DB" abc --months 2 --month 2026-09 --format csv
check "abc --months 2: Alpha keeps its A" grep -q '^1,Alpha,1000.00,0.00' \
    "$T/out"
run --db "$DB" abc --by units --month 2026-09 --format csv
check "abc --by units: Beta's 7 units" grep -q '^1,Beta,400.00,0.00,7.$' \
    "$T/out"
run --db "$DB" abc --by count --month 2026-09 --bottom -o "$T/b.html"
check "abc --bottom -o: exit 0" [ "$RC" -eq 0 ]
check "abc --bottom -o: HTML" grep -q "difficult clients" "$T/b.html"
check "the report wrote nothing" [ "$(audit)" -eq "$before" ]
check "nor ranked a month" [ "$(q "SELECT count(*) FROM abc_months")" -eq 0 ]
run --db "$DB" abc --by money
check "--by money: usage exit 2" [ "$RC" -eq 2 ]
check "--by money: says why" grep -q "sum, count, units or services" "$T/err"
run --db "$DB" abc --months 0
check "--months 0: usage exit 2" [ "$RC" -eq 2 ]
run --db "$DB" abc --months 3 --recompute
check "--recompute with the report: usage exit 2" [ "$RC" -eq 2 ]

# abc.vip: rank A sets the category VIP, audited.
run --db "$DB" config set abc.vip on --team
check "config set abc.vip: exit 0" [ "$RC" -eq 0 ]
run --db "$DB" abc --month 2026-09
check "abc.vip: Beta is VIP" [ "$(q "SELECT category FROM companies
    WHERE name = 'Beta'")" = "VIP" ]
check "abc.vip: audited" [ "$(q "SELECT count(*) FROM audit_log WHERE
    field = 'category' AND new_value = 'VIP'")" -eq 1 ]

# The report in the reports registry: salesorg report abc, the month the
# period ends in, the output options of every report.
run --db "$DB" report abc --date 2026-09-15 --format csv
check "report abc: exit 0" [ "$RC" -eq 0 ]
check "report abc: September's VIP is Beta" grep -q '^1,Beta,400.00,0.00' \
    "$T/out"
run --db "$DB" report abc --date 2026-09-15 --months 2 --format pdf \
    -o "$T/abc.pdf"
check "report abc --format pdf: exit 0" [ "$RC" -eq 0 ]
check "report abc --format pdf: says its pages" grep -q \
    "abc.pdf: 1 page of pdf" "$T/err"
pdftotext -layout "$T/abc.pdf" "$T/abc.txt"
check "the PDF: its title" grep -q "ABC/VIP by the 20/80 rule" "$T/abc.txt"
check "the PDF: the window of two months" grep -q "over 2 months" \
    "$T/abc.txt"
check "the PDF: September's VIP, Alpha by the window" grep -Eq \
    "^ *1 +Alpha +1 000.00" "$T/abc.txt"
# the catalogue built beside the binary (as test_report_russian.sh)
SALESORG_LOCALEDIR=$(cd "$(dirname "$SALESORG")" && pwd)/locale \
    run --db "$DB" report abc --date 2026-09-15 --months 2 --lang ru \
    --format pdf -o "$T/abc-ru.pdf"
check "report abc --lang ru: exit 0" [ "$RC" -eq 0 ]
pdftotext -layout "$T/abc-ru.pdf" "$T/abc-ru.txt"
check "--lang ru: the title in Russian" grep -q "ABC/VIP по правилу 20/80" \
    "$T/abc-ru.txt"
check "--lang ru: the month in Russian" grep -q "VIP: сентябрь 2026" \
    "$T/abc-ru.txt"
check "--lang ru: money with a decimal comma" grep -q "1 000,00" \
    "$T/abc-ru.txt"
run --db "$DB" report abc --date 2026-09-15 --bottom --by units --format csv
check "report abc --bottom: the difficult clients alone" sh -c \
    "grep -q 'difficult clients' '$T/out' && ! grep -q '^VIP of' '$T/out'"
run --db "$DB" report sales --months 2
check "--months for another report: usage exit 2" [ "$RC" -eq 2 ]
check "--months for another report: says whose" grep -q \
    "\-\-months is the abc report's" "$T/err"
run --db "$DB" report abc --by money
check "report abc --by money: usage exit 2" [ "$RC" -eq 2 ]
run --db "$DB" report abc --months 25
check "report abc --months 25: usage exit 2" [ "$RC" -eq 2 ]

# The team's abc.by and abc.months: what the stored ranks go by, and the
# report's default.  Over two months September's A is Alpha, who paid
# in August only; bad values are refused naming them.
before=$(audit)
run --db "$DB" config set abc.months 25 --team
check "abc.months 25: refused" [ "$RC" -ne 0 ]
check "abc.months 25: says why" grep -q 'abc.months: .*"25"' "$T/err"
run --db "$DB" config set abc.by money --team
check "abc.by money: refused" [ "$RC" -ne 0 ]
check "refusals wrote nothing" [ "$(audit)" -eq "$before" ]
run --db "$DB" config set abc.months 2 --team
check "abc.months 2: exit 0" [ "$RC" -eq 0 ]
run --db "$DB" report abc --date 2026-09-15 --format csv
check "report abc: the team's window by default" grep -q \
    '^1,Alpha,1000.00,0.00' "$T/out"
run --db "$DB" abc --month 2026-09
check "abc --month by the team's window: Alpha A" [ "$(q "SELECT abc FROM
    companies WHERE name = 'Alpha'")" = "A" ]
check "... and VIP (abc.vip)" [ "$(q "SELECT category FROM companies
    WHERE name = 'Alpha'")" = "VIP" ]
run --db "$DB" abc --recompute
check "recompute by the window: Alpha keeps A" [ "$(q "SELECT abc FROM
    companies WHERE name = 'Alpha'")" = "A" ]
run --db "$DB" config set abc.months "" --team
run --db "$DB" abc --recompute
check "back to the default: Alpha has no rank in September" \
    [ "$(q "SELECT abc FROM companies WHERE name = 'Alpha'")" = "" ]
finish
