#!/bin/sh
# Another process holds the write lock (sqlite3 in the middle of a
# transaction) while a person saves a form: after the busy limit the
# form is still open with what they typed, and the message says who is
# writing and that nothing was lost, never "database is locked" -- whole,
# wrapped, at 80 columns, where it used to be cut before "try again";
# while it waits the bottom line says so.  Once the other writer
# commits, the same save goes through.
. "$(dirname "$0")/lib.sh"

DB="$T/t.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
printf 'name,city\nООО Ромашка,Казань\n' >"$T/c.csv"
"$SALESORG" --db "$DB" import csv companies "$T/c.csv" >/dev/null || exit 1
start 80x24 env SALESORG_BUSY_TIMEOUT=200 SALESORG_BUSY_LIMIT=2500 \
	"$SALESORG" --db "$DB"
expect "opens on the company" "ООО Ромашка"
keys e
expect "edit form" "Edit Company"
keys C-u
type_text "ООО Василёк"

# The other writer: sqlite3 fed through a fifo, stopped mid-transaction.
mkfifo "$T/hold"
sqlite3 "$DB" <"$T/hold" >"$T/hold.out" 2>&1 &
holder=$!
exec 3>"$T/hold"
# (.timeout: the organizer may be writing a moment at start-up)
printf '.timeout 5000\nBEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('"'"'held'"'"', '"'"'yes'"'"');\n' >&3
i=0
while sqlite3 "$DB" "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;" \
    >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -lt 100 ] || { fail "the lock is held"; break; }
	sleep 0.05
done

keys F2
expect "while it waits, it says so" "Waiting for another user's write"
expect "busy message" "the database is busy"
expect "names the holder" "(pid $holder, sqlite3)"
expect "says nothing was lost, whole at 80 columns" \
    "nothing was lost, try again"
screen >"$T/screen"
check "never \"database is locked\"" sh -c "! grep -qi 'locked' '$T/screen'"
expect "the form stays open" "Edit Company"
expect "with the typed value" "ООО Василёк"
check "nothing written" [ "$(sqlite3 -cmd ".timeout 2000" "$DB" "SELECT name FROM companies")" = "ООО Ромашка" ]

# The other writer finishes; the same save now goes through.
echo "COMMIT;" >&3
exec 3>&-
wait $holder
keys F2
expect_gone "the form closes" "Edit Company"
check "saved" [ "$(sqlite3 "$DB" "SELECT name FROM companies")" = "ООО Василёк" ]
check "the other writer's row kept" [ "$(sqlite3 "$DB" "SELECT value FROM settings WHERE key = 'held'")" = yes ]
keys Q
expect "exits" "EXITED 0"
finish
