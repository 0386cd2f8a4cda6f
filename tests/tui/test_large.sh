#!/bin/sh
# A 300 000-contact list opens, jumps to the end and pages back at once,
# and the process stays under 40 MiB of peak RSS (measured on the
# optimised build: sanitizers multiply memory by design).
. "$(dirname "$0")/lib.sh"

BIN=${SALESORG_REL:-$SALESORG}
DB="$T/big.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
sqlite3 "$DB" <<'SQL'
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000)
INSERT INTO contacts (last_name, first_name, phone_work, created_at, updated_at)
SELECT 'Фамилия' || printf('%06d', i), 'Имя' || (i % 97), '+7 843 ' || i, 0, 0 FROM n;
INSERT INTO contacts (last_name, first_name, created_at, updated_at)
VALUES ('Яшина', 'Последняя', 0, 0), ('Яшин', 'Предпоследний', 0, 0);
SQL
check "database has 300 002 contacts" [ "$(sqlite3 "$DB" "SELECT count(*) FROM contacts")" = 300002 ]

start 120x40 /usr/bin/time -v -o "$T/time.txt" "$BIN" --db "$DB"
expect "opens" "1 Companies"
keys 2
expect "300 000 rows counted" "Contacts (300002)"
expect "first page" "Фамилия000001"
keys End
expect "End shows the last name" "Яшина"
expect "End shows the one before" "Яшин "
keys PPage
expect "PageUp shows earlier rows" "Фамилия2999"
keys Home
expect "Home is back at the start" "Фамилия000001"
keys / 
type_text "фамилия150000"
expect "filter finds one among 300 000" "Contacts (1)"
keys Escape
keys Q
expect "exits" "EXITED 0"
rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$T/time.txt")
echo "peak RSS ${rss} KiB"
check "peak RSS under 40 MiB" [ "${rss:-999999}" -lt 40960 ]
finish
