#!/bin/sh
# The organizer's screens and its message line show hostile text in
# visible form (issue 24): a company named with an OSC window title, a
# CSI screen clear, a C1 CSI and a bidi override is listed as ^[]0;...
# <9B> <202E>, and the "database is busy" message names a lock holder
# started through a symlink called ESC ] 0 ; pwned BEL ESC [ 2 J the
# same way.  Had a raw sequence reached the terminal, tmux would have
# obeyed it: the pane's title would be "pwned", the text gone.
. "$(dirname "$0")/lib.sh"

OSC=$(printf '\033]0;pwned\007')
CSI=$(printf '\033[2J')
DB="$T/t.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
printf 'name,city\nООО Ромашка,Казань\n' >"$T/c.csv"
"$SALESORG" --db "$DB" import csv companies "$T/c.csv" >/dev/null || exit 1
sqlite3 "$DB" "UPDATE companies SET name = 'Z$OSC$CSI$(printf '\302\2336n\342\200\256')x'" ||
    exit 1

start 100x24 env SALESORG_BUSY_TIMEOUT=200 SALESORG_BUSY_LIMIT=1500 \
	"$SALESORG" --db "$DB"
expect "the name in visible form" 'Z^[]0;pwned^G^[[2J<9B>6n<202E>x'
check "the pane's title is untouched" sh -c \
    "[ \"\$($TM display -p -t t '#{pane_title}')\" != pwned ]"

# A writer whose process name is an escape sequence holds the lock.
ln -s "$(command -v sqlite3)" "$T/$OSC$CSI"
mkfifo "$T/hold"
"$T/$OSC$CSI" "$DB" <"$T/hold" >"$T/hold.out" 2>&1 &
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
keys e
expect "edit form" "Edit Company"
keys C-u
type_text "ООО Василёк"
keys F2
expect "the busy message names the holder in visible form" \
    "(pid $holder, ^[]0;pwned^G^[[2J)"
check "the pane's title is still untouched" sh -c \
    "[ \"\$($TM display -p -t t '#{pane_title}')\" != pwned ]"
echo "COMMIT;" >&3
exec 3>&-
wait $holder
keys Escape
keys Q
finish
