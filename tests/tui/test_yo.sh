#!/bin/sh
# ё is е where a person looks (issue 25): most people type е for ё.  The
# quick filter /федор narrows Contacts to the demo's Фёдоровы, and the
# add form warns of «Ёлочка» in Тверь when «елочка» in «тверь» is typed
# (the import's rules, ё folded), so nobody adds the client twice.
. "$(dirname "$0")/lib.sh"

DB="$T/y.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
printf 'name;city\nООО «Ёлочка»;Тверь\n' >"$T/c.csv"
"$SALESORG" --db "$DB" import csv companies "$T/c.csv" >/dev/null || exit 1
YO=$(sqlite3 "$DB" "SELECT count(*) FROM contacts WHERE deleted_at IS NULL
    AND last_name LIKE 'Фёдоров%'")
check "the demo has Фёдоровы ($YO)" [ "$YO" -ge 2 ]

start 80x24 "$SALESORG" --db "$DB"
expect "opens" "Agenda of"
keys 2
expect "contacts" "Contacts ("
keys /
type_text "федор"
expect "/федор: the Фёдоровы, by е" "Contacts ($YO)"
expect "... Фёдоров listed" "Фёдоров"
keys Escape
expect_gone "Esc: the whole list again" "Contacts ($YO)"

keys 1
expect "companies" "Companies ("
keys a
expect "the add form" "Add Company"
type_text "ооо елочка"
# Name, Legal name, City.
keys Tab Tab
type_text "тверь"
keys F2
expect "warned: «елочка» is «Ёлочка»" "may already be here"
expect "... naming the company there" "ООО «Ёлочка»"
keys Escape
expect_gone "Esc: back to the form" "may already be here"
check "nothing saved" [ "$(sqlite3 "$DB" "SELECT count(*) FROM companies
    WHERE name = 'ооо елочка'")" = 0 ]
finish
