#!/bin/sh
# Nothing hostile reaches a terminal (issue 24): ESC sequences (an OSC
# window title, a CSI screen clear), C1 controls (U+009B, the one-byte
# CSI) and a bidi override put into the data, a file name, an argument
# and a process name come out of every command in their visible form
# (^[ <9B> <202E>), in messages wherever they go and in every output
# written to a terminal (a pty, through script(1)), CSV and TSV
# included; CSV to a file or a pipe stays exact.  The importers refuse
# C1 as they refuse C0, naming file, line and field.
. "$(dirname "$0")/lib.sh"

for c in script perl sqlite3; do
	command -v $c >/dev/null || { echo "skip: needs $c"; exit 0; }
done
SO=$(cd "$(dirname "$SALESORG")" && pwd)/$(basename "$SALESORG")
DB="$T/t.db"

OSC=$(printf '\033]0;pwned\007')
CSI=$(printf '\033[2J')
C1=$(printf '\302\2336n')
RLO=$(printf '\342\200\256')
BAD="${OSC}${CSI}${C1}${RLO}"

# raw FILE: the raw control bytes in FILE, if any (CR and LF are the
# terminal's own, tab is text): C0 but those, DEL, ESC, C1 in UTF-8 and
# the bidi controls.
raw() {
	perl -ne 'BEGIN { $n = 0 }
	    while (/([\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9])/g) {
		printf "%s byte(s) %s\n", $ARGV, unpack("H*", $1) if $n++ < 3 }
	    END { exit($n > 0) }' "$1"
}
# tty NAME CMD...: runs salesorg CMD on a pty, its output (stdout and
# stderr, as a terminal gets them) in $T/tty; no raw control in it.
tty() {
	name=$1
	shift
	printf '%s\n' "$SO --db '$DB' $*" >"$T/cmd"
	script -q -c "sh '$T/cmd'" /dev/null </dev/null >"$T/tty" 2>&1
	check "$name: no raw control reaches the terminal" raw "$T/tty"
}
# piped NAME CMD...: its messages, to a pipe, are in visible form too.
piped() {
	name=$1
	shift
	"$SO" --db "$DB" "$@" >"$T/out" 2>"$T/err"
	RC=$?
	check "$name: the message, to a pipe, shows them" raw "$T/err"
}
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

"$SO" --db "$DB" demo >/dev/null || exit 1
# Hostile data as an old version or another program could have left it
# (the store and the importers refuse it now).
sqlite3 "$DB" "
UPDATE companies SET name = 'Zevil$BAD Ltd', phone = '+7 495 000-00-00'
    WHERE id = 1;
UPDATE contacts SET last_name = 'Zevil$BAD', email = 'z@example.com'
    WHERE id = (SELECT min(id) FROM contacts WHERE company_id = 1);
UPDATE events SET subject = 'Zevil$BAD meeting', start_at = $NOW_S - 60,
    end_at = NULL, rrule = '',
    status = 'planned', assignee_id = (SELECT min(id) FROM users),
    type_id = (SELECT id FROM event_types WHERE code = 'meeting')
    WHERE id = (SELECT min(id) FROM events);
UPDATE event_types SET name = 'Call$BAD' WHERE code = 'call';
UPDATE users SET full_name = 'Root$BAD';
INSERT INTO templates (name, subject, body, created_at, updated_at,
    version) VALUES ('evil', 'S$BAD', 'Body$BAD {contact.last_name}', 0, 0, 1);
" || exit 1
reindex "$DB"
EV=$(sqlite3 "$DB" "SELECT min(id) FROM events")

# ---- what commands print to a terminal ----
tty "list, text" list companies
tty "list, csv" list companies --format csv
tty "list, tsv" list contacts --format tsv
tty "search, text" search zevil
tty "search, csv" search zevil --format csv
tty "search, tsv" search zevil --format tsv
tty "agenda, text" agenda
check "  the terminal got the visible form" grep -qF '^[]0;pwned^G' "$T/tty"
tty "agenda, csv" agenda --format csv
check "  the terminal got the visible form" grep -qF '^[]0;pwned^G' "$T/tty"
tty "agenda, ics" agenda --format ics
tty "export vcard" export vcard --filter "'name:zevil'"
tty "export ics" export ics
tty "config types" config types
tty "user list" user list
tty "template list" template list
tty "template show" template show evil
tty "merge, dry run" merge evil --dry-run --send
tty "log" log --limit 20
tty "report meeting" report meeting --id "$EV"
tty "report meeting, csv" report meeting --id "$EV" --format csv
tty "journal" journal

# ---- to a file or a pipe, CSV is exact ----
"$SO" --db "$DB" list companies --format csv >"$T/c.csv"
check "list csv to a file keeps the bytes" grep -qF "Zevil$BAD Ltd" "$T/c.csv"
"$SO" --db "$DB" search zevil --format tsv | cat >"$T/s.tsv"
check "search tsv to a pipe keeps the bytes" grep -qF "Zevil$BAD Ltd" "$T/s.tsv"

# ---- messages: arguments, file names, names, wherever they go ----
tty "a file name in an error" import csv companies "$(q "$T/nofile$BAD.csv")"
piped "a file name in an error" import csv companies "$T/nofile$BAD.csv"
tty "an unknown command" "$(q "cmd$BAD")"
piped "an unknown command" "cmd$BAD"
piped "an unknown card file" list "comp$BAD"
piped "an unknown report" report "act$BAD"
piped "an unknown format" export "ics$BAD"
piped "an option's value" agenda --days "1$BAD"
piped "an option's choices" search x --format "csv$BAD"
piped "a filter echoed" list companies --filter "name:$BAD("
piped "a user not found" agenda --user "bob$BAD"
piped "a setting not found" config get "mail$BAD"
piped "a template not found" template show "t$BAD"
piped "a month" abc --month "2026$BAD"

# ---- the importers refuse C1 as C0, naming file, line and field ----
printf 'name,city\nGood,Kazan\nBad\302\233x,Kazan\n' >"$T/c1.csv"
piped "csv with a C1" import csv companies "$T/c1.csv"
check "  refused, naming file, line and column" grep -q \
    'c1.csv:3: column "name" (name): contains a control character (U+009B)' "$T/err"
printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Na\302\235me;A;;;\r\nFN:A\r\nEND:VCARD\r\n' >"$T/c1.vcf"
piped "vcard with a C1" import vcard "$T/c1.vcf"
check "  refused, naming file, line and field" grep -q \
    'c1.vcf:3: N: Last name: contains a control character (U+009D)' "$T/err"
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:e1\r\nDTSTART:20261209T100000Z\r\nSUMMARY:a%sb\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' "$OSC" >"$T/esc.ics"
piped "ics with an ESC" import ics "$T/esc.ics"
check "  refused, naming file, line and property" grep -q \
    'esc.ics:7: SUMMARY: a control character (0x1B)' "$T/err"
check "  and nothing of it imported" [ "$(sqlite3 "$DB" \
    "SELECT count(*) FROM events WHERE uid = 'e1'")" -eq 0 ]
sed "s/a\(.*\)b/a$(printf '\302\233')b/" "$T/esc.ics" >"$T/c1.ics"
piped "ics with a C1" import ics "$T/c1.ics"
check "  refused too" grep -q 'c1.ics:7: SUMMARY: a control character (U+009B)' "$T/err"
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3	# the one with openpyxl
if $PY -c 'import openpyxl' 2>/dev/null; then
	$PY - "$T/c1.xlsx" <<'EOF'
import sys, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["name", "city"])
ws.append(["Bad\u009bx", "Kazan"])
wb.save(sys.argv[1])
EOF
	piped "xlsx with a C1" import xlsx companies "$T/c1.xlsx"
	check "  refused, naming file, row and column" grep -q \
	    'c1.xlsx, sheet "Sheet", row 2: column "name" (name): contains a control character (U+009B)' \
	    "$T/err"
fi

# ---- the busy message: a lock held by a process named with escapes ----
sqlite3 "$DB" "PRAGMA journal_mode" >/dev/null
ln -s "$(command -v sqlite3)" "$T/$OSC$CSI"
mkfifo "$T/hold"
( "$T/$OSC$CSI" "$DB" <"$T/hold" >"$T/held" 2>&1 ) &
exec 3>"$T/hold"
printf 'BEGIN IMMEDIATE;\nINSERT INTO settings VALUES ("x", "y");\n.print held\n' >&3
i=0
while ! grep -q held "$T/held" 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
SALESORG_BUSY_TIMEOUT=100 SALESORG_BUSY_LIMIT=300 \
    "$SO" --db "$DB" config set work.start 09:30 --team >"$T/out" 2>"$T/err"
RC=$?
check "busy: exit 3" [ "$RC" -eq 3 ]
check "busy: the holder is named" grep -q "(pid [0-9]*, " "$T/err"
check "busy: its name in visible form" grep -qF '^[]0;pwned^G' "$T/err"
check "busy: no raw control in the message" raw "$T/err"
printf '%s\n' "$SO --db '$DB' config set work.start 09:30 --team" >"$T/cmd"
SALESORG_BUSY_TIMEOUT=100 SALESORG_BUSY_LIMIT=300 \
    script -q -c "sh '$T/cmd'" /dev/null </dev/null >"$T/tty" 2>&1
check "busy, on a terminal: no raw control" raw "$T/tty"
printf 'COMMIT;\n' >&3
exec 3>&-
wait

finish
