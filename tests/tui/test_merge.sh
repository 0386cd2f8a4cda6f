#!/bin/sh
# :merge TEMPLATE on the Contacts list: the form's first line (Enter)
# runs it; the list's filter picks the recipients, a dry run shows how many get it, how many are skipped for
# having no e-mail, and the first message; n sends nothing, y sends each
# message through the mailer (a stand-in writing to a directory) and
# logs an e-mail event per message.
. "$(dirname "$0")/lib.sh"

DB="$T/m.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
cat >"$T/c.csv" <<'EOF2'
first_name,last_name,email,position
Сергей,Иванов,s@example.ru,закупщик
Анна,Петрова,,закупщик
Олег,Сидоров,o@example.ru,закупщик
Пётр,Москвин,p@example.ru,директор
EOF2
"$SALESORG" --db "$DB" import csv contacts "$T/c.csv" >/dev/null || exit 1
"$SALESORG" --db "$DB" template add offer --subject 'Offer for {contact.first_name}' \
    --body 'Dear {contact.first_name} {contact.last_name},' >/dev/null || exit 1
cat >"$T/sendmail" <<EOF2
#!/bin/sh
n=\$(ls "$T/sent" | wc -l)
cat >"$T/sent/\$n.eml"
EOF2
chmod +x "$T/sendmail"
mkdir "$T/sent"
"$SALESORG" --db "$DB" config set mail.sendmail "$T/sendmail" >/dev/null || exit 1
"$SALESORG" --db "$DB" config set mail.from "sales@example.ru" >/dev/null || exit 1
events() {
	sqlite3 "$DB" "SELECT count(*) FROM events WHERE subject LIKE 'Offer for %'"
}

start 120x32 "$SALESORG" --db "$DB"
expect "starts" "Companies ("
keys 3
expect "the tasks" "Tasks ("
keys :
type_text "merge offer"
keys Enter
expect "only from the Contacts or Companies list" ":merge sends to the contacts"
keys 2
expect "the contacts" "Contacts ("
keys f
expect "filter prompt" "filter:"
type_text "position:закупщик"
keys Enter
expect_gone "the filter leaves the director out" "Москвин"

keys :
type_text "merge offer"
keys Enter
expect "the form" "Send: a dry run first"
keys Enter
expect "the dry run's counts" "2 contacts will get it; 1 contact without e-mail skipped"
expect "the first message's subject" "Subject: Offer for"
expect "the first message's body" "Dear "
check "the dry run sends nothing" [ "$(ls "$T/sent" | wc -l)" -eq 0 ]
keys q
expect "asked before sending" "Send 2 messages now? (y/n)"
keys n
expect "n sends nothing" "Nothing was sent"
check "still nothing sent" [ "$(ls "$T/sent" | wc -l)" -eq 0 ]

keys :
type_text "merge offer"
keys Enter
expect "the form" "Send: a dry run first"
keys Enter
expect "the dry run again" "2 contacts will get it"
keys q
expect "asked again" "Send 2 messages now?"
keys y
expect "the result" "2 messages sent (each logged as an e-mail event); 1 contact without e-mail skipped"
check "the mailer got two messages" [ "$(ls "$T/sent" | wc -l)" -eq 2 ]
check "to the filtered contacts" sh -c "grep -q '^To: .*s@example.ru' '$T'/sent/*.eml && grep -q '^To: .*o@example.ru' '$T'/sent/*.eml"
check "not to the director" sh -c "! grep -q 'p@example.ru' '$T'/sent/*.eml"
check "two e-mail events logged" [ "$(events)" -eq 2 ]

# A mailer that fails on the second message: the first went and is
# logged, the status line names the one that failed.
rm -f "$T"/sent/*
cat >"$T/sendmail" <<EOF2
#!/bin/sh
n=\$(ls "$T/sent" | wc -l)
[ "\$n" -ge 1 ] && { echo "mailbox full" >&2; exit 75; }
cat >"$T/sent/\$n.eml"
EOF2
keys :
type_text "merge offer"
keys Enter
expect "the form" "Send: a dry run first"
keys Enter
expect "the dry run, a third time" "2 contacts will get it"
keys q
expect "asked a third time" "Send 2 messages now?"
keys y
expect "what went before the failure" "1 message sent, then: sending to"
expect "... and why" "mailbox full"
check "one message went" [ "$(ls "$T/sent" | wc -l)" -eq 1 ]
check "three e-mail events: two before, one now" [ "$(events)" -eq 3 ]
keys Q
expect "exits" "EXITED 0"
finish
