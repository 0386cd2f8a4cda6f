#!/bin/sh
# Terminal correctness: no tty or TERM=dumb give a clear error, control
# characters in data are shown as ^X (never sent), NO_COLOR works, and the
# help screen is generated from the binding table.
. "$(dirname "$0")/lib.sh"

DB="$T/t.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1

"$SALESORG" --db "$DB" </dev/null >"$T/out" 2>"$T/err"
rc=$?
check "no tty exits 1" [ "$rc" -eq 1 ]
check "no tty points to the commands" grep -q "use the commands" "$T/err"

start 80x24 env TERM=dumb "$SALESORG" --db "$DB"
expect "TERM=dumb is refused clearly" "TERM=dumb cannot show the organizer"


# Data with an escape sequence and a bell, put there behind our back.
sqlite3 "$DB" "INSERT INTO companies (name, city, created_at, updated_at) VALUES ('Evil' || char(27) || '[2J' || char(7) || 'Co', 'Казань', 0, 0);"
start 80x24 env NO_COLOR=1 "$SALESORG" --db "$DB"
expect "escape shown as ^[" "Evil^[[2J^GCo"
check "fits 80 columns" lines_fit 80

keys '?'
expect "help screen" "salesorg help"
expect "help starts with the keys for everywhere" "this help"
keys NPage
expect "help lists the quick filter" "quick filter"
expect "help lists add" "add a record"
keys q
expect "back from help" "Companies (1)"

keys :
type_text "user"
keys Enter
expect ":user shows the login" "user $(id -un) (admin)"
keys :
type_text "export $T/out.csv"
keys Enter
expect ":export reports" "1 Companies written"
check "export wrote a header and the row" sh -c "head -1 '$T/out.csv' | grep -q '^Name,' && grep -q Казань '$T/out.csv'"
keys :
type_text "q"
keys Enter
expect ":q quits" "EXITED 0"


# 200x50: aligned and within the pane.
start 200x50 "$SALESORG" --db "$DB"
expect "200x50 opens" "7 Deals"
check "fits 200 columns" lines_fit 200
keys Q

# A mistyped --db: the organizer asks before it makes an empty database
# there (it used to make one silently, and the team's data seemed gone).
start 80x24 "$SALESORG" --db "$T/tem.db"
expect "a missing --db is asked about" "does not exist.  Create"
type_text "n"
keys Enter
expect "n: nothing created" "nothing created"
expect "n: exit status 2" "EXITED 2"
check "n: no file was made" [ ! -e "$T/tem.db" ]
start 80x24 "$SALESORG" --db "$T/tem.db"
expect "asked again" "does not exist.  Create"
type_text "y"
keys Enter
expect "y: the organizer opens on the new database" "1 Companies"
check "y: the file is there" [ -f "$T/tem.db" ]
keys Q
finish
