#!/bin/sh
# The :settings screen's activity report columns: the rules listed with
# their defaults, a bad code refused on the status line, a good rule
# saved for the team (`salesorg config` sees it).
. "$(dirname "$0")/lib.sh"

DB="$T/s.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
start 110x30 "$SALESORG" --db "$DB"
expect "starts on the card files" "Companies ("
keys :
type_text "settings"
keys Enter
expect "settings menu" "Activity report columns"
keys 5
expect "the rules with their defaults" "Cold calls     call:*:first"
expect "the invoices rule" "Invoices       *:invoice_issued"
keys 8
expect "the rule's prompt" "invoices (TYPES:RESULTS"
keys C-u
type_text "*:invoiced"
keys Enter
expect "a bad code refused" "no result \"invoiced\""
check "nothing stored" sh -c \
	"[ \"\$('$SALESORG' --db '$DB' config get report.activity.invoices)\" = '*:invoice_issued' ]"
keys 8
expect "the prompt again" "invoices (TYPES:RESULTS"
keys C-u
type_text "letter:invoice_issued"
keys Enter
expect "the new rule listed" "Invoices       letter:invoice_issued"
check "config sees the team's rule" sh -c \
	"[ \"\$('$SALESORG' --db '$DB' config get report.activity.invoices)\" = 'letter:invoice_issued' ]"
keys Escape Escape
expect_gone "settings closed" "Activity report columns"
keys Q
finish
