#!/bin/sh
# The organizer hides what a role may not do.  Real Unix users: the
# database is created by root (its administrator); alice and bob are
# managers.  Alice, in the organizer, sees bob's company but is not
# offered to change it (and pressing e says why, with no form), changes
# her own, is not offered the administrator's settings, a reassignment
# of the list or another manager's figures; a group change of a list
# with bob's company in it changes nothing.
if [ "$(id -u)" -ne 0 ]; then
	echo "skip: needs root"
	exit 0
fi
for c in useradd userdel runuser; do
	command -v $c >/dev/null || { echo "skip: needs $c"; exit 0; }
done
. "$(dirname "$0")/lib.sh"

ALICE=so_alice_$$
BOB=so_bob_$$
# The organizer runs as alice: the database lives where she can reach.
SHARED=$(mktemp -d /tmp/so-roles-XXXXXX)
chmod 1777 "$SHARED"
DB="$SHARED/t.db"
cleanup_roles() {
	cleanup
	userdel "$ALICE" 2>/dev/null
	userdel "$BOB" 2>/dev/null
	rm -rf "$SHARED"
}
trap cleanup_roles EXIT
useradd -M -N "$ALICE" && useradd -M -N "$BOB" || { echo "FAIL useradd"; exit 1; }

"$SALESORG" --db "$DB" init >/dev/null || exit 1
chmod 0666 "$DB"
"$SALESORG" --db "$DB" user add "$ALICE" --role manager >/dev/null &&
"$SALESORG" --db "$DB" user add "$BOB" --role manager >/dev/null || exit 1
cat >"$SHARED/c.csv" <<EOF
name,city,manager
ООО Лютик,Уфа,$ALICE
ООО Ничья,Пермь,
ООО Ромашка,Казань,$BOB
EOF
"$SALESORG" --db "$DB" import csv companies "$SHARED/c.csv" >/dev/null || exit 1
sqlite3 "$DB" "UPDATE companies SET manager_id = NULL WHERE name = 'ООО Ничья'"
cat >"$SHARED/d.csv" <<EOF
title,company,amount,manager
Бумага для Ромашки,ООО Ромашка,20000,$BOB
Бумага для Лютика,ООО Лютик,10000,$ALICE
EOF
"$SALESORG" --db "$DB" import csv deals "$SHARED/d.csv" >/dev/null || exit 1
stage() { sqlite3 "$DB" "SELECT stage_id FROM deals WHERE title = '$1'"; }
STAGE0=$(stage "Бумага для Ромашки")

start 120x30 runuser -u "$ALICE" -- env TERM=screen-256color \
    LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=$TZ "$SALESORG" --db "$DB"
expect "alice is logged in" "$ALICE@t.db"
expect "she sees every company" "ООО Ромашка"

# Bob's company: read-only, e d not offered, e says why, no form.
keys End
expect "the card says whose it is" "ООО Ромашка [read-only: $BOB's]"
check "e and d are not offered" sh -c "$TM capture-pane -t t -p | tail -1 |
    grep -v 'e edit' | grep -v 'd delete' | grep -q 'a add'"
keys e
expect "e says why" "is $BOB's: only $BOB or a head of sales may change it"
check "no form opened" sh -c "! $TM capture-pane -t t -p | grep -q 'Edit Company'"
keys d
expect "d says why too" "only $BOB or a head of sales may change it"
check "nothing asked" sh -c "! $TM capture-pane -t t -p | grep -q 'Delete Company'"
keys '?'
expect "help opens" "salesorg help"
check "help leaves edit out" sh -c "! $TM capture-pane -t t -p | grep -q 'edit the record'"
keys q
# A note on bob's company would be bob's: refused before the form.
keys Enter Right Right Right
expect "on the card's Notes" "(none: press a to add one)"
check "a is not offered there" sh -c "$TM capture-pane -t t -p | tail -1 | grep -v -q 'a add'"
keys a
expect "adding a note says why" "a new note would be $BOB's"
check "no form for the note" sh -c "! $TM capture-pane -t t -p | grep -q 'Add Note'"
keys q

# Her own company: the form opens and saves.
keys Home
expect "her company selected" "┌ ООО Лютик"
check "e is offered on it" sh -c "$TM capture-pane -t t -p | tail -1 | grep -q 'e edit'"
keys e
expect "her form opens" "Edit Company"
keys Down Down C-u
type_text "Самара"
keys F2
expect "saved" "Company saved"
check "her change is stored" [ "$(sqlite3 "$DB" "SELECT city FROM companies WHERE name = 'ООО Лютик'")" = "Самара" ]

# Settings: her preferences only.
keys :
type_text settings
keys Enter
expect "settings open" "Agenda at startup"
check "no event types" sh -c "! $TM capture-pane -t t -p | grep -q 'Event types \.\.\.'"
check "no activity columns" sh -c "! $TM capture-pane -t t -p | grep -q 'Activity report columns'"
expect "says whose they are" "an administrator's to change"
keys Escape

# Reports: her own figures only.
keys R
expect "reports open" "Reports:"
keys c
expect "the picker offers her" "(me: $ALICE)"
check "not all managers" sh -c "! $TM capture-pane -t t -p | grep -q '(all managers)'"
check "not bob" sh -c "! $TM capture-pane -t t -p | grep -q '$BOB'"
keys Enter
keys q

# Pipeline: bob's deal (the larger, selected first) does not move.
keys P
expect "pipeline opens" "Pipeline:"
expect "bob's deal is read-only" "(read-only: not your deal)"
keys '>'
expect "> says why" "is $BOB's"
check "bob's deal did not move" [ "$(stage "Бумага для Ромашки")" = "$STAGE0" ]
keys j
expect "her deal can move" "< > move stage"
keys '>'
expect "moved" "Бумага для Лютика:"
check "her deal moved" [ "$(stage "Бумага для Лютика")" != "$STAGE0" ]
keys q

# Group actions: no reassigning; a change of the whole list (bob's
# company in it) changes nothing, and says so.
keys M
expect "group menu" "Set Category"
check "no reassign" sh -c "! $TM capture-pane -t t -p | grep -q 'Reassign'"
keys Enter
expect "asks the value" "Category (empty clears)"
type_text VIP
keys Enter
expect "confirm" "on 3 companies?"
keys y
expect "refused as a whole" "Nothing was changed"
check "no company changed" [ "$(sqlite3 "$DB" "SELECT count(*) FROM companies WHERE category IS NOT NULL AND category != ''")" = 0 ]
check "bob's company untouched" [ "$(sqlite3 "$DB" "SELECT city FROM companies WHERE name = 'ООО Ромашка'")" = "Казань" ]
keys Q
expect "exits" "EXITED 0"
finish
