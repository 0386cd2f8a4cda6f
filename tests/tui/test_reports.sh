#!/bin/sh
# The Reports screen as a head of sales uses it: R opens it on the
# activity report of this week; [ goes back to last week of the demo and
# its figures are on screen -- the same line `salesorg report` prints,
# and the proposals counted match the database; c picks whose figures;
# p prints through lpr (a stand-in on PATH that keeps what it got) and
# says how many pages went; J opens today's work journal; :report
# checklist opens the day checklist, Down the visits report after it;
# :report funnel shows the funnel's chart in the preview.
. "$(dirname "$0")/lib.sh"

DB="$T/r.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
"$SALESORG" --db "$DB" config set agenda.startup off --team >/dev/null || exit 1
mkdir "$T/bin"
cat >"$T/bin/lpr" <<EOS
#!/bin/sh
for a; do f=\$a; done
printf '%s\n' "\$@" >"$T/lpr.args"
cp "\$f" "$T/printed.pdf"
EOS
chmod +x "$T/bin/lpr"
# CUPS's default destination, as lpstat -d names it: the message says
# where the pages went by name.
printf '#!/bin/sh\necho "system default destination: office-3"\n' \
    >"$T/bin/lpstat"
chmod +x "$T/bin/lpstat"

# Last week, Monday to Sunday, as the screen's [ gives it.
MONDAY=$(( 1 - $(day 0 %u) ))		# this week's Monday, in days
MON=$(day $((MONDAY - 7)))
SUN=$(day $((MONDAY - 1)))
"$SALESORG" --db "$DB" report activity --from "$MON" --to "$SUN" \
    --width 132 --page-length 0 >"$T/cli.txt" || exit 1
TOTAL=$(grep '^Total' "$T/cli.txt" | head -1 | cut -c1-100 | sed 's/ *$//')
PROPOSALS=$(sqlite3 "$DB" "SELECT count(*) FROM events e JOIN event_results r
    ON r.id = e.result_id WHERE e.status = 'done' AND e.deleted_at IS NULL
    AND r.code = 'proposal_sent' AND e.rrule = ''
    AND date(e.start_at, 'unixepoch', 'localtime') BETWEEN '$MON' AND '$SUN'")

start 150x40 PATH="$T/bin:$PATH" "$SALESORG" --db "$DB"
expect "the organizer is up" "Companies ("
keys R
expect "R opens the activity report" "Reports: Activity report"
expect "... of this week" "$(day $MONDAY) - $(day $((MONDAY + 6)))"
expect "the reports are listed" "key-clients"
keys '['
expect "[ goes to last week" "Activity report, $MON - $SUN"
check "the CLI has a total for last week" [ -n "$TOTAL" ]
expect "last week's total line, as the CLI prints it" "$TOTAL"
check "its proposals are the database's ($PROPOSALS)" sh -c \
    "echo '$TOTAL' | awk -F'|' '{ gsub(/ /, \"\", \$6); exit \$6 != $PROPOSALS }'"
check "every line fits the pane" lines_fit 150

keys c
expect "c asks whose figures" "Whose figures?"
keys Down Enter
expect "all managers picked" "Activity report, $MON - $SUN, all managers"

keys p
expect "p asks for the printer" "Print on"
keys Enter
expect "printed: pages and where, the default by name" \
    "Activity report: 1 page sent to office-3 (the default)"
check "lpr got a PDF" sh -c "head -c 5 '$T/printed.pdf' | grep -q '%PDF-'"
check "lpr was not given a printer" sh -c "! grep -qx -- '-P' '$T/lpr.args'"

keys Down
expect "Down: the next report" "Reports: Meeting report"
keys q
expect_gone "q leaves the screen" "Reports:"
keys J
expect "J opens the work journal" "Reports: Work journal, $TODAY"
expect "... with today's first call" "ООО «Ромашка»"
keys q
expect_gone "q leaves it" "Reports:"

# The day's templates: the checklist to tick, the visits report.
keys :
type_text "report checklist"
keys Enter
expect ":report checklist opens today's checklist" \
    "Reports: Day checklist, $TODAY"
expect "... the day starts with the agenda, a box to tick" \
    "[ ]  | 09:00      | Check the agenda: what is overdue"
keys Down
expect "Down: the visits report of the same day" \
    "Reports: Sales representative's daily report, $TODAY"
expect "... its orders" "Orders"
keys q
expect_gone "q leaves it" "Reports:"

# The funnel's preview: its chart above the table, Unicode bars.
keys :
type_text "report funnel"
keys Enter
expect ":report funnel opens the funnel" "Reports: Sales funnel"
expect "... its chart" "Deals that reached each stage"
expect "... a bar a stage" "First contact $(printf '\342\226\210\342\226\210')"
check "every line fits the pane" lines_fit 150
keys q
expect_gone "q leaves it" "Reports:"
finish
