#!/bin/sh
# salesorg journal --send and --sent (issue 28): tomorrow's journal mailed
# to the head through a sendmail stand-in (the address from journal.to or
# --to) or written to a file, each sending recorded; --sent lists who
# sent; the activity report marks the day; refusals.
. "$(dirname "$0")/lib.sh"

DB="$T/j.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
TOMORROW=$(day 1)
cat >"$T/sendmail" <<EOF
#!/bin/sh
cat >"$T/msg.eml"
echo "\$@" >"$T/args"
[ -z "\${FAIL-}" ] || { echo "relay refused"; exit 1; }
EOF
chmod +x "$T/sendmail"
"$SALESORG" --db "$DB" config set mail.sendmail "$T/sendmail" || exit 1
"$SALESORG" --db "$DB" config set mail.from "Отдел продаж <sales@example.ru>" ||
    exit 1
rows() { sqlite3 "$DB" "SELECT count(*) FROM journal_sent"; }

run --db "$DB" journal --send
check "no address: exit 2" [ "$RC" -eq 2 ]
check "no address: says how to give one" grep -q "to whom? Give --to ADDRESS or -o FILE" "$T/err"
check "no address: nothing recorded" [ "$(rows)" -eq 0 ]
run --db "$DB" config set journal.to "Head <head@example.ru>"
check "journal.to: a bare address only" [ "$RC" -eq 1 ]
run --db "$DB" config set journal.to head@example.ru
check "journal.to set: exit 0" [ "$RC" -eq 0 ]

run --db "$DB" journal --send
check "send: exit 0" [ "$RC" -eq 0 ]
check "send: says where" grep -qx "journal: the journal of $TOMORROW sent to head@example.ru" "$T/out"
check "send: sendmail -t -i" [ "$(cat "$T/args")" = "-t -i" ]
check "send: the message parses, to the head, the journal in it" python3 - "$T/msg.eml" "$TOMORROW" <<'PY'
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(),
    policy=email.policy.default)
assert m["To"].addresses[0].addr_spec == "head@example.ru", m["To"]
assert m["From"].addresses[0].addr_spec == "sales@example.ru", m["From"]
assert str(m["Subject"]).startswith("Work journal of "), m["Subject"]
assert sys.argv[2] in str(m["Subject"]), m["Subject"]
body = m.get_content()
assert body.startswith("Work journal\n"), body[:40]
assert "Period: " + sys.argv[2] in body, body[:200]
PY
check "send: recorded (mail, the address, tomorrow's day)" [ "$(sqlite3 "$DB" "SELECT how || ' ' || dest || ' ' || day FROM journal_sent")" = "mail head@example.ru $TOMORROW" ]
check "send: recorded now, for the current user" [ "$(sqlite3 "$DB" "SELECT sent_at = $NOW_S AND user_id = (SELECT id FROM users WHERE login = '$(id -un)') FROM journal_sent")" -eq 1 ]

run --db "$DB" journal --send --to other@example.ru --date "$(day 2)"
check "--to, --date: exit 0" [ "$RC" -eq 0 ]
check "--to: the message goes there" grep -q "^To: other@example.ru" "$T/msg.eml"
check "--to, --date: recorded" [ "$(sqlite3 "$DB" "SELECT dest FROM journal_sent WHERE day = '$(day 2)'")" = other@example.ru ]

FAIL=1 run --db "$DB" journal --send
check "a failing mailer: exit 1" [ "$RC" -eq 1 ]
check "a failing mailer: what it said" grep -q "exited with status 1: relay refused" "$T/err"
check "a failing mailer: nothing recorded" [ "$(rows)" -eq 2 ]

run --db "$DB" journal --send -o "$T/j.txt"
check "-o: exit 0" [ "$RC" -eq 0 ]
check "-o: the file is the journal" grep -q "^Work journal" "$T/j.txt"
check "-o: recorded as a file" [ "$(sqlite3 "$DB" "SELECT how || ' ' || dest FROM journal_sent ORDER BY id DESC LIMIT 1")" = "file $T/j.txt" ]

run --db "$DB" journal --sent
check "--sent: exit 0" [ "$RC" -eq 0 ]
check "--sent: the last sending of tomorrow's" grep -q "^$(id -un)	.*	sent $TODAY $(date -d "@$NOW_S" +%H:%M) by file to $T/j.txt\$" "$T/out"
run --db "$DB" journal --sent --date "$(day 3)"
check "--sent --date: not sent" grep -q "^$(id -un)	.*	not sent\$" "$T/out"

run --db "$DB" report activity --date today --format csv
check "activity: the new columns" grep -q "^Day,Wd,Late min,Cold calls,.*,Payments,Sent to head.\?$" "$T/out"
check "activity: today marked sent" grep -q "^$TODAY,$(LC_ALL=C date -d "$TODAY 12:00" +%a),.*,yes.\?$" "$T/out"

run --db "$DB" journal --send --all
check "--send --all: exit 2" [ "$RC" -eq 2 ]
run --db "$DB" journal --to x@example.ru
check "--to without --send: exit 2" [ "$RC" -eq 2 ]
run --db "$DB" journal --send --to "not an address"
check "--to not an address: exit 2" [ "$RC" -eq 2 ]
check "nothing more recorded" [ "$(rows)" -eq 3 ]
finish
