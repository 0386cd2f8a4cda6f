#!/bin/sh
# CSV export from the organizer as a sales manager makes it: :export
# --excel FILE on the demo's companies (the Berlin addresses' ß stops it,
# said on screen, no file), then filtered without Berlin: the message
# counts the rows and names the dialect, the file is CP1251 with ';' and
# CRLF.  :export FILE stays UTF-8; the group action offers both.
. "$(dirname "$0")/lib.sh"

DB="$T/e.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
"$SALESORG" --db "$DB" config set agenda.startup off --team >/dev/null || exit 1
ALL=$("$SALESORG" --db "$DB" list companies --count)
N=$("$SALESORG" --db "$DB" list companies --filter '-city:berlin' --count)
CR=$(printf '\r')

# crlf_lines FILE: every line ends in CRLF, outside quotes or in
crlf_lines() {
	[ "$(grep -c "$CR\$" "$1")" -eq "$(wc -l <"$1")" ]
}

start 140x32 "$SALESORG" --db "$DB"
expect "starts on the companies" "Companies ($ALL)"

keys :
type_text "export --excel $T/all.csv"
keys Enter
expect "ß is named with its code" "(U+00DF) has no CP1251 code"
expect "... and the way out" "without --excel keeps it in UTF-8"
check "... and no file" [ ! -e "$T/all.csv" ]
check "... nor a temporary" [ -z "$(ls -A "$T" | grep all.csv)" ]

keys f
expect "filter prompt" "filter:"
# (-- : a leading '-' is not an option of send-keys)
$TM send-keys -t t -l -- "-city:berlin"
keys Enter
expect "Berlin filtered out ($N of $ALL)" "Companies ($N)"

keys :
type_text "export --excel $T/x.csv"
keys Enter
expect "the message: rows and dialect" \
    "$N Companies written to $T/x.csv (Excel: CP1251, ';')"
check "the file is not UTF-8" sh -c "! iconv -f utf-8 -t utf-8 '$T/x.csv' >/dev/null 2>&1"
check "the file is CP1251" sh -c "iconv -f cp1251 -t utf-8 '$T/x.csv' >'$T/x-utf8.csv'"
check "a header of Russian labels and ';'" sh -c \
    "head -1 '$T/x-utf8.csv' | grep -q '^Название;Юридическое название;Город;'"
check "CRLF on every line" crlf_lines "$T/x.csv"
check "a header and a row per company" [ "$(wc -l <"$T/x.csv")" -eq "$((N + 1))" ]
check "Cyrillic values come through" grep -q "ООО «" "$T/x-utf8.csv"

keys :
type_text "export $T/u.csv"
keys Enter
expect ":export FILE says UTF-8" "$N Companies written to $T/u.csv (UTF-8)"
check "... and is UTF-8 with ','" sh -c \
    "iconv -f utf-8 -t utf-8 '$T/u.csv' >/dev/null && head -1 '$T/u.csv' | grep -q '^Name,Legal name,'"

# The group action: two items, the dialect chosen before the file name.
keys M
expect "group actions" "Filtered: $N companies"
expect "Excel offered" "Export for Excel (CP1251, ';') ..."
expect "UTF-8 offered" "Export as CSV (UTF-8) ..."
# a digit picks a menu item: the Excel item's place under the first
first=$(screen | grep -nF "Reassign: Manager" | cut -d: -f1)
n=$(($(screen | grep -nF "Export for Excel" | cut -d: -f1) - first + 1))
keys "$n"
expect "asks for the file" "export $N for Excel (CP1251, ';') to file:"
type_text "$T/g.csv"
keys Enter
expect "group export: rows and dialect" \
    "$N Companies written to $T/g.csv (Excel: CP1251, ';')"
check "the same file as :export --excel" cmp -s "$T/x.csv" "$T/g.csv"

keys q
expect "quits" "EXITED 0"
finish
