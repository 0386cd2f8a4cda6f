#!/bin/sh
# Two writers: a change committed by another process appears on screen by
# itself, and a save that meets someone else's newer version shows both
# values and lets the user choose; nothing is lost silently.
. "$(dirname "$0")/lib.sh"

DB="$T/t.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
sqlite3 "$DB" "INSERT INTO companies (name, city, phone, created_at, updated_at) VALUES ('ООО «Ромашка»', 'Казань', '+7 843 000-00-00', 0, 0);"
start 120x40 "$SALESORG" --db "$DB"
expect "opens on the company" "ООО «Ромашка»"

# Another user renames the city: the card follows without a key press.
sqlite3 "$DB" "UPDATE companies SET city = 'Самара', version = version + 1;"
expect "live refresh shows the other user's change" "Самара"

# We edit the phone; meanwhile the other user edits phone and e-mail.
keys e
expect "edit form" "Edit Company"
keys Down Down Down Down Down Down Down
keys C-u
type_text "+7 843 111-11-11"
sqlite3 "$DB" "UPDATE companies SET phone = '+7 843 999-99-99', email = 'theirs@romashka.ru', version = version + 1;"
keys F2
expect "conflict dialog" "Changed by someone else"
expect "shows my value" "+7 843 111-11-11"
expect "shows their value" "+7 843 999-99-99"
keys m
expect_gone "dialog closed" "Changed by someone else"
check "my phone saved" [ "$(sqlite3 "$DB" "SELECT phone FROM companies")" = "+7 843 111-11-11" ]
check "their e-mail kept (merged)" [ "$(sqlite3 "$DB" "SELECT email FROM companies")" = "theirs@romashka.ru" ]
check "their city kept" [ "$(sqlite3 "$DB" "SELECT city FROM companies")" = "Самара" ]

# Again, and this time take theirs: our change is dropped, theirs stays.
keys e
expect "edit form again" "Edit Company"
keys Down Down Down Down Down Down Down
keys C-u
type_text "+7 000"
sqlite3 "$DB" "UPDATE companies SET phone = '+7 843 222-22-22', version = version + 1;"
keys F2
expect "conflict dialog again" "Changed by someone else"
keys t
expect_gone "dialog closed again" "Changed by someone else"
check "their phone stays" [ "$(sqlite3 "$DB" "SELECT phone FROM companies")" = "+7 843 222-22-22" ]
check "audit log has the update" [ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE field = 'phone'")" -ge 1 ]
keys Q
expect "exits" "EXITED 0"
finish
