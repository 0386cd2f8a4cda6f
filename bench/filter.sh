#!/bin/sh
# bench/filter.sh: the filter language over N contacts (300 000), as the
# organizer's f and `salesorg list --filter` run it: PCRE2 regular
# expressions, a contains and an exact match on one field, and a bare
# word over every text field.  None of these can use an index (case
# folding and patterns), so each is one pass over the table; beside each,
# in the same run, the sqlite3 shell doing the nearest thing it can on
# its own (LIKE, ASCII-only case folding).  Whole-process figures: median
# of RUNS runs after a warm-up, with min and max, peak RSS.  The TUI runs
# the count and the first page: two such passes.
set -u
cd "$(dirname "$0")/.."
: "${SALESORG:=$PWD/salesorg}"
RUNS=${RUNS:-7}
N=${N:-300000}
T=$(mktemp -d /tmp/so-bench-filter-XXXXXX)
trap 'rm -rf "$T"' EXIT
DB="$T/filter.db"
. bench/lib.sh

echo "generating $N contacts and $((N / 3)) companies ..."
SALESORG=$SALESORG sh bench/gen-list.sh "$DB" "$N" $((N / 3)) || exit 1
echo "salesorg $("$SALESORG" --version | head -1); $RUNS runs each, median (min-max)"
echo

count() { median_of "$SALESORG" --db "$DB" list contacts --count --filter "$1"; }
# NOT INDEXED: read in storage order, as salesorg does (walking the
# partial name index costs a random row fetch per row, ~0.9 s)
lite() { median_of sqlite3 "$DB" "SELECT count(*) FROM contacts NOT INDEXED WHERE deleted_at IS NULL AND $1;"; }

echo "filters: last_name~^фамилия00012  phone_work~^\\+7\\s843\\s1234  last_name:фамилия000123"
echo "         last_name=фамилия000123  фамилия000123 (bare word)  company:\"компания 000123\""
row "regex last_name~^фамилия00012" "$(count 'last_name~^фамилия00012')" \
    "sqlite3 LIKE 'Фамилия00012%'" "$(lite "last_name LIKE 'Фамилия00012%'")"
row "regex phone_work~^\\+7\\s843\\s1234" "$(count 'phone_work~^\+7\s843\s1234')" \
    "sqlite3 LIKE '+7 843 1234%'" "$(lite "phone_work LIKE '+7 843 1234%'")"
row "contains last_name:..." "$(count 'last_name:фамилия000123')" \
    "sqlite3 LIKE '%...%'" "$(lite "last_name LIKE '%Фамилия000123%'")"
row "exact last_name=..." "$(count 'last_name=фамилия000123')" \
    "sqlite3 = (name index)" "$(median_of sqlite3 "$DB" "SELECT count(*) FROM contacts WHERE deleted_at IS NULL AND last_name = 'Фамилия000123';")"
row "bare word, all text fields" "$(count 'фамилия000123')" \
    "sqlite3 LIKE on 4 columns" "$(lite "(last_name LIKE '%Фамилия000123%' OR first_name LIKE '%Фамилия000123%' OR phone_work LIKE '%Фамилия000123%' OR email LIKE '%Фамилия000123%')")"
row "reference company:..." "$(count 'company:"компания 000123"')" \
    "sqlite3 IN (SELECT ... LIKE)" "$(lite "company_id IN (SELECT id FROM companies WHERE name LIKE '%Компания 000123%')")"
row "first page, regex (list --limit 35)" \
    "$(median_of "$SALESORG" --db "$DB" list contacts --limit 35 --filter 'last_name~^фамилия00')" \
    "sqlite3 LIKE, ORDER BY, LIMIT 35" \
    "$(median_of sqlite3 "$DB" "SELECT * FROM contacts WHERE deleted_at IS NULL AND last_name LIKE 'Фамилия00%' ORDER BY last_name, id LIMIT 35;")"
# the catastrophic pattern: refused by the match limit, not hung on
sqlite3 "$DB" "UPDATE contacts SET comment = printf('%.*c!', 10000, 'a') WHERE id = $N"
s=$(now_ms)
"$SALESORG" --db "$DB" list contacts --count --filter 'comment~(a+)+$' >/dev/null 2>"$T/err"
e=$(now_ms)
printf "%-34s %6d ms: %s\n" "(a+)+\$ on a 10 000-char comment" $((e - s)) \
    "$(grep -o 'pattern too expensive' "$T/err")"
