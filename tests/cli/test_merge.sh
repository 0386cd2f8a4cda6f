#!/bin/sh
# `salesorg template` and `salesorg merge` on a demo database: a template
# with a Cyrillic subject and body rendered to .eml files and an mbox
# that python3's email package parses back to the expected text; sending
# through a sendmail stand-in, logged as e-mail events; a mailer that
# fails half-way; unknown placeholders refused at add and before a send;
# --dry-run; template edit through $EDITOR; the mail settings.
. "$(dirname "$0")/lib.sh"

DB="$T/m.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
FILTER='id<=12'
# two contacts of the set without an e-mail: skipped and counted
sqlite3 "$DB" "UPDATE contacts SET email = '' WHERE id IN (2, 5)" || exit 1
WANT=10

# The expected text for contact 1, from the database.
FIRST=$(sqlite3 "$DB" "SELECT first_name FROM contacts WHERE id = 1")
COMPANY=$(sqlite3 "$DB" "SELECT co.name FROM contacts c JOIN companies co
    ON co.id = c.company_id WHERE c.id = 1")
SUBJECT_T='Спецпредложение для {company.name}: оборудование и сервис на весь следующий год, {contact.first_name}'
cat >"$T/body.txt" <<'EOF'
Здравствуйте, {contact.first_name}!

Мы подготовили для {company.name} предложение, которое сэкономит вашей компании не меньше пятнадцати процентов бюджета на обслуживание.
From the price list: 2 + 2 = 4 {{без скидки}}   
EOF
export EXP_SUBJECT="Спецпредложение для $COMPANY: оборудование и сервис на весь следующий год, $FIRST"
export EXP_BODY="Здравствуйте, $FIRST!

Мы подготовили для $COMPANY предложение, которое сэкономит вашей компании не меньше пятнадцати процентов бюджета на обслуживание.
From the price list: 2 + 2 = 4 {без скидки}   
"

run --db "$DB" template add offer --subject "$SUBJECT_T" --body-file "$T/body.txt"
check "template add: exit 0" [ "$RC" -eq 0 ]
run --db "$DB" template list
check "template list names it" grep -q "^offer	v1	" "$T/out"
run --db "$DB" template show offer
check "template show: the subject" grep -q "^Subject: Спецпредложение для {company.name}" "$T/out"
check "template show: the body" grep -q "^Мы подготовили для {company.name}" "$T/out"

# The mail settings.
run --db "$DB" config get mail.sendmail
check "config get mail.sendmail: the default" [ "$(cat "$T/out")" = /usr/sbin/sendmail ]
run --db "$DB" config get mail.from
check "config get mail.from: login@host" grep -q "^$(id -un)@" "$T/out"
run --db "$DB" config set mail.from "not an address"
check "config set mail.from: refused" [ "$RC" -eq 1 ]
check "config set mail.from: explained" grep -q "mail.from: an address" "$T/err"
run --db "$DB" config set mail.sendmail relative/path
check "config set mail.sendmail: an absolute path" [ "$RC" -eq 1 ]
run --db "$DB" config set mail.from "Отдел продаж <sales@example.ru>"
check "config set mail.from: exit 0" [ "$RC" -eq 0 ]
run --db "$DB" config
check "config lists mail.from" grep -q "^mail.from  *Отдел продаж <sales@example.ru>" "$T/out"
check "config still lists the flags" grep -q "^agenda.startup *on" "$T/out"

# python3 checks: every message parses, contact 1's decoded subject and
# body are the expected text, and the From and To are right.
cat >"$T/check.py" <<'EOF'
import email, email.policy, mailbox, os, sys
kind, path, want = sys.argv[1], sys.argv[2], int(sys.argv[3])
pol = email.policy.default
if kind == "dir":
    msgs = {}
    for name in os.listdir(path):
        with open(os.path.join(path, name), "rb") as f:
            raw = f.read()
        assert b"\n" not in raw.replace(b"\r\n", b""), name + ": bare LF"
        msgs[name] = email.message_from_bytes(raw, policy=pol)
    one = msgs["1.eml"]
else:
    msgs = {i: m for i, m in enumerate(mailbox.mbox(path,
        factory=lambda f: email.message_from_binary_file(f, policy=pol)))}
    one = [m for m in msgs.values() if "s.ivanov" in str(m["To"])][0]
assert len(msgs) == want, "%d messages, expected %d" % (len(msgs), want)
for m in msgs.values():
    assert m.get_content_type() == "text/plain", m.get_content_type()
    assert str(m["From"]) == "Отдел продаж <sales@example.ru>", str(m["From"])
    assert not m.defects, m.defects
    m.get_content()
subject = str(one["Subject"])
assert subject == os.environ["EXP_SUBJECT"], repr(subject)
body = one.get_content().replace("\r\n", "\n")
assert body == os.environ["EXP_BODY"], repr(body)
to = one["To"].addresses[0]
assert to.addr_spec == "s.ivanov@romashka-kzn.ru", to.addr_spec
assert to.display_name.startswith(os.environ["FIRST"]), to.display_name
EOF
export FIRST

run --db "$DB" merge offer --filter "$FILTER" --dir "$T/eml"
check "merge --dir: exit 0" [ "$RC" -eq 0 ]
check "merge --dir: the count" grep -q "^$WANT messages written to .*; 2 contacts without e-mail skipped" "$T/out"
check "merge --dir: one file per contact with e-mail" [ "$(ls "$T/eml" | wc -l)" -eq $WANT ]
check "merge --dir: no file for a contact without e-mail" [ ! -e "$T/eml/2.eml" ]
check "merge --dir: python parses and decodes them" python3 "$T/check.py" dir "$T/eml" $WANT
check "merge --dir: header lines within 78" sh -c "! grep -q '^[^=].\{79,\}' '$T/eml/1.eml'"

run --db "$DB" merge offer --filter "$FILTER" --mbox "$T/box"
check "merge --mbox: exit 0" [ "$RC" -eq 0 ]
check "merge --mbox: From separators" [ "$(grep -c '^From ' "$T/box")" -eq $WANT ]
check "merge --mbox: python parses and decodes them" python3 "$T/check.py" mbox "$T/box" $WANT
check "merge --mbox: LF line ends" sh -c "! grep -q '$(printf '\r')' '$T/box'"

# --dry-run: the first message, nothing sent.
cat >"$T/sendmail" <<EOF
#!/bin/sh
n=\$(ls "$T/sent" | wc -l)
cat >"$T/sent/\$n.eml"
echo "\$@" >>"$T/args"
[ -z "\${FAIL_AT-}" ] || [ "\$n" -lt "\$FAIL_AT" ] || exit 1
EOF
chmod +x "$T/sendmail"
mkdir "$T/sent"
run --db "$DB" config set mail.sendmail "$T/sendmail"
check "config set mail.sendmail: exit 0" [ "$RC" -eq 0 ]
run --db "$DB" merge offer --filter "$FILTER" --send --dry-run
check "dry run: exit 0" [ "$RC" -eq 0 ]
check "dry run: sends nothing" [ "$(ls "$T/sent" | wc -l)" -eq 0 ]
check "dry run: prints the first message's subject" grep -q "^Subject: Спецпредложение для " "$T/out"
check "dry run: prints the first message's body" grep -q "^Мы подготовили для " "$T/out"
check "dry run: the count" grep -q "dry run: $WANT messages rendered" "$T/out"
EVENTS0=$("$SALESORG" --db "$DB" list events --filter 'type:e-mail subject:"Спецпредложение"' --count)
check "dry run: no events" [ "$EVENTS0" -eq 0 ]

# --send: one message per contact with e-mail, each logged as an event.
run --db "$DB" merge offer --filter "$FILTER" --send
check "send: exit 0" [ "$RC" -eq 0 ]
check "send: a message per contact with e-mail" [ "$(ls "$T/sent" | wc -l)" -eq $WANT ]
check "send: sendmail -t -i" [ "$(sort -u "$T/args")" = "-t -i" ]
check "send: the summary" grep -q "^$WANT messages sent; 2 contacts without e-mail skipped" "$T/out"
check "send: the messages parse" python3 - "$T/sent" $WANT <<'EOF'
import email, email.policy, os, sys
d, want = sys.argv[1], int(sys.argv[2])
names = os.listdir(d)
assert len(names) == want
for n in names:
    with open(os.path.join(d, n), "rb") as f:
        raw = f.read()
    assert b"\r" not in raw, n + ": CR in a message to sendmail"
    m = email.message_from_bytes(raw, policy=email.policy.default)
    assert str(m["Subject"]).startswith("Спецпредложение для ")
    assert m.get_content().startswith("Здравствуйте, ")
EOF
run --db "$DB" list events --filter 'type:e-mail subject:"Спецпредложение"' --fields contact,status,subject --format tsv
check "send: e-mail events listed" [ "$(tail -n +2 "$T/out" | wc -l)" -eq $WANT ]
check "send: events are done" sh -c "tail -n +2 '$T/out' | cut -f2 | sort -u | grep -qx Done"
check "send: event on contact 1" grep -q "^$(sqlite3 "$DB" "SELECT last_name || ' ' || first_name FROM contacts WHERE id = 1")	Done	Спецпредложение для $COMPANY" "$T/out"
check "send: events audited" [ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log a JOIN events e ON e.id = a.record_id WHERE a.entity = 'event' AND a.action = 'create' AND e.subject LIKE 'Спецпредложение%'")" -eq $WANT ]
check "send: each marked a merge's message (no touch)" [ "$(sqlite3 "$DB" "SELECT count(*) FROM merge_messages m JOIN events e ON e.id = m.event_id WHERE e.subject LIKE 'Спецпредложение%'")" -eq $WANT ]

# A mailer that fails on its fourth message: three sent and logged.
rm -f "$T/sent"/* "$T/args"
sqlite3 "$DB" "DELETE FROM events WHERE subject LIKE 'Спецпредложение%'" || exit 1
FAIL_AT=3 run --db "$DB" merge offer --filter "$FILTER" --send
check "failing mailer: exit 1" [ "$RC" -eq 1 ]
check "failing mailer: names the contact and the status" grep -q "sending to .* (contact #[0-9]*) failed: .*sendmail exited with status 1" "$T/err"
check "failing mailer: says what was sent" grep -q "3 of $WANT messages were sent before it (the last to .*contact #" "$T/err"
check "failing mailer: three sent lines" [ "$(grep -c '^sent ' "$T/out")" -eq 3 ]
N=$("$SALESORG" --db "$DB" list events --filter 'type:e-mail subject:"Спецпредложение"' --count)
check "failing mailer: events only for the three sent" [ "$N" -eq 3 ]
check "failing mailer: those events are for the contacts sent to" [ "$(sqlite3 "$DB" "SELECT group_concat(contact_id) FROM (SELECT contact_id FROM events WHERE subject LIKE 'Спецпредложение%' ORDER BY contact_id)")" = "$(sed -n 's/^sent \([0-9]*\) .*/\1/p' "$T/out" | sort -n | paste -sd,)" ]
rm -f "$T/sent"/*

# Unknown placeholders: refused at add, and before any send.
run --db "$DB" template add bad --subject "x" --body "Hi {contact.nosuch}"
check "unknown placeholder: add refused" [ "$RC" -eq 1 ]
check "unknown placeholder: names template, line, column" grep -q 'template "bad": body line 1, column 4: unknown placeholder {contact.nosuch}' "$T/err"
check "unknown placeholder: lists the known ones" grep -q "{contact.first_name}" "$T/err"
check "unknown placeholder: not saved" [ "$(sqlite3 "$DB" "SELECT count(*) FROM templates WHERE name = 'bad'")" -eq 0 ]
run --db "$DB" merge bad --filter "$FILTER" --send
check "merge of a missing template: exit 1" [ "$RC" -eq 1 ]
sqlite3 "$DB" "INSERT INTO templates (name, subject, body, created_at, updated_at) VALUES ('sneaked', 's', 'Hi {contact.nosuch}', 0, 0)" || exit 1
run --db "$DB" merge sneaked --filter "$FILTER" --send
check "stored bad template: refused" [ "$RC" -eq 1 ]
check "stored bad template: explained" grep -q 'template "sneaked": body line 1, column 4: unknown placeholder' "$T/err"
check "stored bad template: nothing sent" [ "$(ls "$T/sent" | wc -l)" -eq 0 ]

# Usage.
run --db "$DB" merge offer --dir "$T/x" --send
check "two outputs: usage" [ "$RC" -eq 2 ]
run --db "$DB" merge offer
check "no output: usage" [ "$RC" -eq 2 ]
run --db "$DB" merge offer --filter 'nosuch:1' --dir "$T/x"
check "bad filter: exit 2" [ "$RC" -eq 2 ]
run --db "$DB" merge offer --filter "$FILTER" --dir "$T/lim" --limit 3
check "limit: three files" [ "$(ls "$T/lim" | wc -l)" -eq 3 ]

# template edit through $EDITOR.
cat >"$T/ed-ok" <<'EOF'
#!/bin/sh
sed -i 's/^Subject: .*/Subject: Новая тема для {contact.first_name}/' "$1"
EOF
cat >"$T/ed-bad" <<'EOF'
#!/bin/sh
echo 'P.S. {contact.nosuch}' >>"$1"
EOF
chmod +x "$T/ed-ok" "$T/ed-bad"
VISUAL= EDITOR="$T/ed-ok" run --db "$DB" template edit offer
check "edit: exit 0" [ "$RC" -eq 0 ]
check "edit: saved as version 2" grep -q "saved (version 2)" "$T/out"
run --db "$DB" template show offer
check "edit: the new subject" grep -q "^Subject: Новая тема для {contact.first_name}$" "$T/out"
check "edit: the body unchanged" [ "$(sed -n '3,$p' "$T/out")" = "$(cat "$T/body.txt")" ]
VISUAL="$T/ed-bad" run --db "$DB" template edit offer
check "invalid edit: exit 1" [ "$RC" -eq 1 ]
check "invalid edit: names the placeholder" grep -q "unknown placeholder {contact.nosuch}" "$T/err"
KEPT=$(sed -n 's/.*your text is kept in \(.*\)$/\1/p' "$T/err")
check "invalid edit: the text is kept in a file" grep -q "P.S. {contact.nosuch}" "$KEPT"
rm -f "$KEPT"
run --db "$DB" template show offer
check "invalid edit: the template unchanged" sh -c "! grep -q nosuch '$T/out'"

run --db "$DB" template remove offer
check "remove: exit 0" [ "$RC" -eq 0 ]
run --db "$DB" template show offer
check "remove: gone" [ "$RC" -eq 1 ]
check "remove: the body kept in the audit log" [ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE entity = 'templates' AND action = 'delete' AND field = 'body'")" -eq 1 ]

# A contact whose e-mail no message can go to: warned about and skipped.
sqlite3 "$DB" "UPDATE contacts SET email = 'иван@пример.рф' WHERE id = 3" || exit 1
run --db "$DB" template add hi --subject Hi --body 'Hi {contact.first_name}'
run --db "$DB" merge hi --filter "$FILTER" --dir "$T/bad"
check "unusable address: exit 0" [ "$RC" -eq 0 ]
check "unusable address: warned" grep -q "(contact #3): not an address a message can go to; skipped" "$T/err"
check "unusable address: counted" grep -q "^$((WANT - 1)) messages written .*, 1 with an unusable address" "$T/out"

# A field the team makes required on events does not stop the log: the
# event a sent message leaves is the program's, made without it.
run --db "$DB" field add events itog --label Итог --required
check "required event field: added" [ "$RC" -eq 0 ]
rm -f "$T/sent"/*
run --db "$DB" merge hi --filter "$FILTER" --send
check "required event field: sent, exit 0" [ "$RC" -eq 0 ]
check "required event field: no log refused" sh -c "! grep -q 'could not be logged' '$T/err'"
check "required event field: each message logged" [ "$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE subject = 'Hi'")" -eq "$(grep -c '^sent ' "$T/out")" ]
check "required event field: some were sent" [ "$(grep -c '^sent ' "$T/out")" -gt 0 ]

finish
