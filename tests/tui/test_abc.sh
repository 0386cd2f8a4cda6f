#!/bin/sh
# The ABC report on the Reports screen and the ABC ranking's settings on
# the settings screen, as a head (here the admin) uses them.  Alpha paid
# 1 000.00 in October 2026, Beta 400.00 and Gamma 300.00 in November;
# now is December.  :report abc opens the report on this month (nobody
# paid); [ goes to November, whose VIP is Beta; o sets a window of two
# months, and Alpha, who skipped November, is November's VIP by it.
# Then :settings, ABC ranking: abc.months and abc.by set as `salesorg
# config` reads them.
. "$(dirname "$0")/lib.sh"

DB="$T/a.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
"$SALESORG" --db "$DB" config set agenda.startup off --team >/dev/null ||
    exit 1
sqlite3 "$DB" "INSERT INTO companies (name, created_at, updated_at) VALUES
    ('Alpha', 0, 0), ('Beta', 0, 0), ('Gamma', 0, 0);
INSERT INTO payments (company_id, amount, paid_on, created_at, updated_at)
    VALUES (1, 100000, '2026-10-03', 0, 0), (2, 40000, '2026-11-10', 0, 0),
    (3, 30000, '2026-11-12', 0, 0);" || exit 1
THIS=$(day 0 %Y-%m)
LAST=$(date -d "$(day 0 %Y-%m-01) -1 month" +%Y-%m)
check "now is December 2026, as the fixture needs" [ "$LAST" = 2026-11 ]

start 150x45 "$SALESORG" --db "$DB"
expect "the organizer is up" "Companies ("
keys :
type_text "report abc"
keys Enter
expect ":report abc opens the ABC report" "Reports: ABC/VIP by the 20/80 rule"
expect "... on this month" "VIP of $THIS"
expect "... where nobody paid" "No company paid in these months."
expect "the abc report is listed" "abc"
keys '['
expect "[ goes to last month" "VIP of $LAST"
expect "... whose VIP is Beta" "| Beta   | 400.00 |"
keys o
expect "o offers the ABC report's options" "ABC report"
expect "... the team's criterion" "1 By: the team's (abc.by)"
keys 2
expect "the months asked for" "Months (1-24"
type_text "2"
keys Enter
expect "a window of two months" "over 2 months to the month named"
expect "Alpha is November's VIP by the window" "| Alpha  | 1 000.00 |"
keys o
expect "the options again" "2 Months: 2"
keys 1
expect "the criteria" "Rank by"
keys Down Down Enter
expect_gone "the criterion picked" "Rank by"
expect "ranked by the number of payments" "Ranked by the number of payments"
check "every line fits the pane" lines_fit 150
keys q
expect_gone "q leaves the screen" "Reports:"

keys :
type_text "settings"
keys Enter
expect "the admin's settings offer the ABC ranking" "7 ABC ranking ..."
keys 7
expect "the ABC ranking's settings" "3 Months each rank looks back over: 1"
keys 3
expect "the months asked for" "Months (1-24; empty: 1)"
keys BSpace
type_text "3"
keys Enter
expect "saved, with what to do next" "abc --recompute"
expect "shown" "3 Months each rank looks back over: 3"
check "config reads abc.months 3" sh -c \
    "[ \"\$('$SALESORG' --db '$DB' config get abc.months)\" = 3 ]"
keys 2
expect "the criteria" "services"
keys Down Enter
expect "shown" "2 Ranks go by: count"
check "config reads abc.by count" sh -c \
    "[ \"\$('$SALESORG' --db '$DB' config get abc.by)\" = count ]"
keys 3
expect "the months asked again" "Months (1-24; empty: 1)"
keys BSpace
type_text "30"
keys Enter
expect "a bad value refused, naming it" 'abc.months: a whole number of months from 1 to 24, not "30"'
check "and not stored" sh -c \
    "[ \"\$('$SALESORG' --db '$DB' config get abc.months)\" = 3 ]"
keys 1
expect "rank A sets VIP on" "1 Rank A makes a company VIP: on"
keys Escape Escape
expect_gone "settings closed" "ABC ranking"
keys Q
finish
