#!/bin/sh
# The program report (issue 29): a program's header, members by status,
# its mailings (a merge --send to its members, one address refused),
# the deals and payments of its members' companies per company with
# totals, and the conversion, in text and CSV; the program by name or
# id; an unknown one refused.  The totals are computed here again from
# the tables by the attribution rule (salesorg(1), PROGRAMS).
. "$(dirname "$0")/lib.sh"

DB="$T/p.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
P=3
NAME=$(sqlite3 "$DB" "SELECT name FROM programs WHERE id = $P")

cat >"$T/sendmail" <<EOF
#!/bin/sh
if grep -q '^To: .*refused@' ; then
	echo "User unknown"
	exit 67
fi
exit 0
EOF
chmod +x "$T/sendmail"
"$SALESORG" --db "$DB" config set mail.sendmail "$T/sendmail" || exit 1
"$SALESORG" --db "$DB" config set mail.from 'sales@example.ru' || exit 1
"$SALESORG" --db "$DB" template add offer --subject 'Скидка' \
    --body 'Здравствуйте, {contact.first_name}!' >/dev/null || exit 1
FIRST=$(sqlite3 "$DB" "SELECT min(contact_id) FROM program_members WHERE
    program_id = $P AND contact_id IS NOT NULL")
sqlite3 "$DB" "UPDATE contacts SET email = 'refused@example.ru' WHERE
    id = $FIRST" || exit 1
run --db "$DB" merge offer --program $P --send --keep-going
SENT=$(sqlite3 "$DB" "SELECT count(*) FROM mail_log WHERE status = 'sent'")
FAILED=$(sqlite3 "$DB" "SELECT count(*) FROM mail_log WHERE status = 'failed'")
SKIPPED=$(sqlite3 "$DB" "SELECT count(*) FROM mail_log WHERE status = 'skipped'")
check "the mailing: one failed" [ "$FAILED" -eq 1 ]

# The rule again: members' companies (their own, else their contact's),
# payments from the start to before the end + 90 days.
W="WITH mc AS (SELECT DISTINCT coalesce(m.company_id, k.company_id) id
    FROM program_members m LEFT JOIN contacts k ON k.id = m.contact_id
    WHERE m.program_id = $P AND m.deleted_at IS NULL),
    w AS (SELECT starts_on a, date(ends_on, '+90 days') b FROM programs
    WHERE id = $P)"
PAID=$(sqlite3 "$DB" "$W SELECT printf('%.2f', sum(p.amount) / 100.0)
    FROM payments p, w WHERE p.company_id IN (SELECT id FROM mc) AND
    p.deleted_at IS NULL AND p.paid_on >= w.a AND p.paid_on < w.b")
NPAY=$(sqlite3 "$DB" "$W SELECT count(*) FROM payments p, w WHERE
    p.company_id IN (SELECT id FROM mc) AND p.deleted_at IS NULL AND
    p.paid_on >= w.a AND p.paid_on < w.b")
MEMBERS=$(sqlite3 "$DB" "SELECT count(*) FROM program_members WHERE
    program_id = $P AND deleted_at IS NULL")
check "the fixture pays something" [ "$NPAY" -gt 0 ]

run --db "$DB" report program --id $P --format csv
check "csv: exit 0" [ "$RC" -eq 0 ]
check "csv: CRLF lines" grep -q "$(printf '\r')\$" "$T/out"
tr -d '\r' <"$T/out" >"$T/csv" && mv "$T/csv" "$T/out"
check "csv: the title" [ "$(head -1 "$T/out")" = "Program report" ]
check "csv: the program" grep -qxF "Program,$NAME" "$T/out"
check "csv: the window" grep -q '^Results counted,"from .*, before .* (the end + 90 days)"$' "$T/out"
check "csv: members total" grep -qx "Total,$MEMBERS" "$T/out"
check "csv: the mailing" grep -qx "$TODAY,offer,$SENT,$FAILED,$SKIPPED" "$T/out"
check "csv: payments total" grep -q "^Total,[0-9]*,[0-9.]*,$NPAY,$PAID\$" "$T/out"
check "csv: the conversion's heading" grep -qx "Members,Their company paid,Conversion" "$T/out"
check "csv: the conversion" grep -q "^$MEMBERS,[0-9]*,[0-9.]*%\$" "$T/out"
# the per-company rows add up to the total
check "csv: per company adds up" python3 - "$T/out" "$NPAY" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
i = rows.index(["Company", "Deals", "Deals amount", "Payments", "Paid"])
body = []
for r in rows[i + 1:]:
    if r[0] == "Total":
        tot = r
        break
    body.append(r)
assert len(body) > 0
assert sum(int(r[3]) for r in body) == int(tot[3]) == int(sys.argv[2])
assert abs(sum(float(r[4]) for r in body) - float(tot[4])) < 0.001
assert abs(sum(float(r[2]) for r in body) - float(tot[2])) < 0.001
EOF

run --db "$DB" report program --id "$NAME" --width 100
check "text: by name" [ "$RC" -eq 0 ]
check "text: the headings" sh -c "grep -qx 'Members by status' '$T/out' &&
    grep -qx 'Mailings' '$T/out' && grep -qx 'Results by company' '$T/out' &&
    grep -qx 'Conversion' '$T/out'"
check "text: the status labels" grep -q '^Bought  *| *[0-9]' "$T/out"
check "text: the paid total" grep -q "^Total .*| *$NPAY | *$(echo "$PAID" |
    sed 's/\(.\)\([0-9]\{3\}\)\./\1 \2./; s/\(.\)\([0-9]\{3\}\) /\1 \2 /')\$" "$T/out"

run --db "$DB" report program --id 'нет такой'
check "unknown program: exit 1" [ "$RC" -eq 1 ]
check "unknown program: says so" grep -q 'no program "нет такой"' "$T/err"
run --db "$DB" report meeting --id 'нет'
check "meeting --id stays a number" [ "$RC" -eq 2 ]
finish
