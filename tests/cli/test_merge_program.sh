#!/bin/sh
# Mailings to a program (issue 29): `merge --program` sends one MIME
# message per member (a contact at its e-mail, a company member at the
# company's), each with the attachment intact and an HTML part whose
# values are escaped, parsed back by python3's email package; --test
# sends exactly one message and logs nothing; a mailer that refuses one
# address is logged as failed for it (--keep-going goes on); a member
# without e-mail is logged as skipped; --companies mails companies;
# program:NAME in the filter language; the attachments' size limit.
. "$(dirname "$0")/lib.sh"

DB="$T/m.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
# Program 1's members: contacts 1, 13, 9, 45, 23, 39; contact 9's
# address the mailer refuses, contact 39 without one, and a company
# member without a contact (company 3) at its own address.  A value
# that is markup in HTML, in the company name of contact 1.
sqlite3 "$DB" "
UPDATE contacts SET email = 'refused@example.ru' WHERE id = 9;
UPDATE contacts SET email = '' WHERE id = 39;
UPDATE companies SET name = 'ООО «Ромашка & <Сын>»' WHERE id = 1;
UPDATE companies SET email = 'office@co3.example.ru' WHERE id = 3;
UPDATE program_members SET status = 'confirmed' WHERE program_id = 1;
INSERT INTO program_members (program_id, company_id, status, created_at,
    updated_at) VALUES (1, 3, 'confirmed', 0, 0);
" || exit 1
reindex "$DB"
PROGRAM=$(sqlite3 "$DB" "SELECT name FROM programs WHERE id = 1")

cat >"$T/sendmail" <<EOF
#!/bin/sh
n=\$(ls "$T/sent" | wc -l)
cat >"$T/sent/\$n.eml"
if grep -q '<refused@example.ru>' "$T/sent/\$n.eml"; then
	echo "refused@example.ru... User unknown"
	exit 67
fi
exit 0
EOF
chmod +x "$T/sendmail"
mkdir "$T/sent"
"$SALESORG" --db "$DB" config set mail.sendmail "$T/sendmail" || exit 1
"$SALESORG" --db "$DB" config set mail.from 'Отдел продаж <sales@example.ru>' || exit 1
printf 'Здравствуйте, {contact.first_name}!\n\nПрайс для **{company.name}** во вложении.\n\n- склад\n- [сайт](https://example.ru/?a=1&b=2)\n' >"$T/body.txt"
"$SALESORG" --db "$DB" template add price --subject 'Прайс для {company.name}' \
    --body-file "$T/body.txt" >/dev/null || exit 1
# a "PDF" with every byte value in it, named in Cyrillic, long enough
# for RFC 2231 continuations
PDF="$T/Прайс-лист 2027 на складское оборудование.pdf"
python3 -c 'import sys; sys.stdout.buffer.write(b"%PDF-1.4\n" + bytes(range(256)) * 40)' >"$PDF"

# The filter language knows program membership.
run --db "$DB" list contacts --filter "program:\"$PROGRAM\"" --count
check "filter program:NAME: its six contacts" [ "$(cat "$T/out")" -eq 6 ]
run --db "$DB" list contacts --filter "program=1 -program:Рассылка" --count
check "filter program=ID and a negation" [ "$(cat "$T/out")" -eq 6 ]
run --db "$DB" list companies --filter "program=1" --count
check "filter program on companies: members and their contacts' companies" [ "$(cat "$T/out")" -eq 7 ]

# --test: exactly one message, to the tester, nothing logged.
run --db "$DB" merge price --program "$PROGRAM" --attach "$PDF" --html --test me@example.ru
check "--test: exit 0" [ "$RC" -eq 0 ]
check "--test: one message" [ "$(ls "$T/sent" | wc -l)" -eq 1 ]
check "--test: to the tester" grep -q '^To: me@example.ru' "$T/sent/0.eml"
check "--test: says nothing was logged" grep -q "test message sent to me@example.ru: the message for .*(contact #[0-9]*); nothing sent to the recipients, nothing logged" "$T/out"
check "--test: no log rows, no events" [ "$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM mail_log) + (SELECT count(*) FROM events WHERE subject LIKE 'Прайс%')")" -eq 0 ]
run --db "$DB" merge price --test 'not an address'
check "--test: a bad address refused" [ "$RC" -eq 1 ]
check "--test: says why" grep -q -- '--test: "not an address" is not an e-mail address' "$T/err"
rm -f "$T/sent"/*

# --send to the members: the refused address logged as failed.
run --db "$DB" merge price --program 1 --attach "$PDF" --html --send --keep-going
check "send: exit 1 (one failed)" [ "$RC" -eq 1 ]
check "send: the summary" grep -q "^5 messages sent, 1 failed (see the warnings); 1 recipient without e-mail skipped" "$T/out"
check "send: the failure named" grep -q "sending to .*<refused@example.ru> (contact #9) failed: .*exited with status 67: refused@example.ru... User unknown$" "$T/err"
check "send: the company member's line" grep -q "^sent 3 office@co3.example.ru$" "$T/out"
check "send: the messages parse back" python3 - "$T/sent" "$PDF" "$DB" <<'EOF'
import email, email.policy, os, sys, sqlite3, html.parser
d, pdf, db = sys.argv[1:4]
want = open(pdf, "rb").read()
con = sqlite3.connect(db)
addrs = {r[0] for r in con.execute(
    "SELECT k.email FROM program_members m JOIN contacts k ON k.id = "
    "m.contact_id WHERE m.program_id = 1 AND k.email <> ''")}
addrs.add("office@co3.example.ru")
seen = set()
class Check(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.text = [], ""
    def handle_starttag(self, tag, a):
        if tag not in ("br", "meta"):
            self.stack.append(tag)
    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, "unbalanced " + tag
    def handle_data(self, data):
        self.text += data
for n in sorted(os.listdir(d)):
    raw = open(os.path.join(d, n), "rb").read()
    assert max(len(l) for l in raw.split(b"\n")) <= 78, n + ": a long line"
    m = email.message_from_bytes(raw, policy=email.policy.default)
    assert m.get_content_type() == "multipart/mixed", m.get_content_type()
    to = m["To"].addresses[0].addr_spec
    seen.add(to)
    parts = list(m.iter_parts())
    assert len(parts) == 2
    alt = parts[0]
    assert alt.get_content_type() == "multipart/alternative"
    text, htm = list(alt.iter_parts())
    assert text.get_content_type() == "text/plain"
    assert "Прайс для **" in text.get_content()
    assert htm.get_content_type() == "text/html"
    h = htm.get_content()
    c = Check()
    c.feed(h)
    c.close()
    assert c.stack == [], c.stack
    assert "<b>" in h and '<a href="https://example.ru/?a=1&amp;b=2">' in h
    assert "<li>склад</li>" in h
    att = parts[1]
    assert att.get_content_type() == "application/pdf"
    assert att.get_filename() == os.path.basename(pdf), att.get_filename()
    assert att.get_content() == want, n + ": the attachment differs"
    if to == "s.ivanov@romashka-kzn.ru":
        assert "ООО «Ромашка & <Сын>»" in text.get_content()
        assert "<b>ООО «Ромашка &amp; &lt;Сын&gt;»</b>" in h, h
        assert "<Сын>" not in h
        assert "ООО «Ромашка & <Сын>»" in c.text
assert seen == addrs, (seen, addrs)
EOF
check "log: five sent with their events" [ "$(sqlite3 "$DB" "SELECT count(*) FROM mail_log WHERE status = 'sent' AND program_id = 1 AND event_id IS NOT NULL AND template = 'price'")" -eq 5 ]
check "log: the failed address with the mailer's words" [ "$(sqlite3 "$DB" "SELECT contact_id || ' ' || company_id || ' ' || addr || ' ' || error FROM mail_log WHERE status = 'failed'")" = "9 5 refused@example.ru $T/sendmail exited with status 67: refused@example.ru... User unknown" ]
check "log: the member without e-mail skipped" [ "$(sqlite3 "$DB" "SELECT contact_id || ' ' || error FROM mail_log WHERE status = 'skipped'")" = "39 no e-mail" ]
check "log: the company member's row" [ "$(sqlite3 "$DB" "SELECT count(*) FROM mail_log WHERE company_id = 3 AND contact_id IS NULL AND status = 'sent'")" -eq 1 ]
check "log: the company member's event" [ "$(sqlite3 "$DB" "SELECT count(*) FROM events e JOIN mail_log l ON l.event_id = e.id WHERE l.company_id = 3 AND e.contact_id IS NULL AND e.company_id = 3")" -eq 1 ]

# Without --keep-going the refused address stops the run, logged.
rm -f "$T/sent"/*
sqlite3 "$DB" "DELETE FROM mail_log" || exit 1
run --db "$DB" merge price --program 1 --filter 'id=9' --send
check "stop: exit 1" [ "$RC" -eq 1 ]
check "stop: the failure logged" [ "$(sqlite3 "$DB" "SELECT status || ' ' || contact_id FROM mail_log")" = "failed 9" ]

# --member-status, and the filter narrowing the contacts only.
run --db "$DB" merge price --program 1 --member-status invited --dry-run
check "member-status: none invited" grep -q "dry run: 0 messages rendered" "$T/out"
sqlite3 "$DB" "UPDATE program_members SET status = 'invited' WHERE program_id = 1 AND contact_id IN (1, 13)" || exit 1
run --db "$DB" merge price --program 1 --member-status invited --dry-run
check "member-status: the two invited" grep -q "dry run: 2 messages rendered" "$T/out"
run --db "$DB" merge price --program 1 --member-status nosuch --dry-run
check "member-status: an unknown status" [ "$RC" -eq 2 ]
check "member-status: says which" grep -q 'no status "nosuch"' "$T/err"
run --db "$DB" merge price --member-status invited --dry-run
check "member-status without --program: usage" [ "$RC" -eq 2 ]
run --db "$DB" merge price --program 'нет такой' --dry-run
check "an unknown program" [ "$RC" -eq 1 ]
check "an unknown program: says so" grep -q 'no program "нет такой"' "$T/err"

# --companies: the companies' own addresses.
rm -f "$T/sent"/*
run --db "$DB" merge price --companies --filter 'id=3' --send
check "companies: exit 0" [ "$RC" -eq 0 ]
check "companies: one message to the company" grep -q '^To: .*<office@co3.example.ru>' "$T/sent/0.eml"
check "companies: contact placeholders empty" python3 - "$T/sent/0.eml" <<'EOF'
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
assert m.get_content().startswith("Здравствуйте, !"), m.get_content()
EOF

# The size limit.
head -c 11000000 /dev/zero >"$T/big.pdf"
run --db "$DB" merge price --program 1 --attach "$T/big.pdf" --dry-run
check "attach: too big refused" [ "$RC" -eq 1 ]
check "attach: says the limit and the file" grep -q "big.pdf: the attachments of a message may take 10 MB together" "$T/err"
run --db "$DB" merge price --program 1 --attach "$T/nosuch.pdf" --dry-run
check "attach: a missing file named" grep -q "nosuch.pdf: No such file" "$T/err"
finish
