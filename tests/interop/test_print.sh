#!/bin/sh
# Printing end to end through a real CUPS: a private cupsd (cups.sh) with
# a cups-pdf queue; the day's work journal of the demo database goes out
# with "salesorg journal --print -P QUEUE", cups-pdf writes it back as a
# PDF, and pdftotext/pdfinfo check that the Cyrillic company name, the
# phone number and "page N of M" on every page are there and that the
# page count is the one salesorg reported.  Then the failures: a queue
# that does not exist, and no lpr on PATH.
#
# Standalone: sh tests/interop/test_print.sh with $SALESORG set (run.sh does).
# Skips (exit 0, saying why) when not root or CUPS is not installed.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/cups.sh"

cups_start || exit 0
Q=so-test-$$
check "cups-pdf queue added" cups_add_pdf_queue "$Q"

# The harness itself, without salesorg: a text file through CUPS's own
# filters comes back as a PDF with its text.
printf 'Проверка печати\nharness check\n' >"$T/hello.txt"
check "lpr to the queue" lpr -P "$Q" -T hello "$T/hello.txt"
if pdf=$(cups_wait_pdf "$Q" 60); then
	ok "cups-pdf wrote $(basename "$pdf")"
	check "harness PDF has the text" \
	    sh -c "pdftotext '$pdf' - | grep -q 'Проверка печати'"
else
	fail "cups-pdf wrote no PDF"
fi
cups_clear "$Q"

DB=$T/p.db
DAY=$TODAY			# the demo's "today"
LOGIN=$(id -un)			# the demo gives everything to this login
run --db "$DB" init
run --db "$DB" demo
check "demo database" [ "$RC" -eq 0 ]
run --db "$DB" agenda --date "$DAY"
# the first call of the day, 09:00 at ООО «Ромашка»: its phone
PHONE=$(grep '09:00.*Ромашка' "$T/out" | head -n 1 | sed 's/.*, //')
check "agenda names the 09:00 call's phone ($PHONE)" \
    sh -c "echo '$PHONE' | grep -q '^+[0-9][0-9 -]*[0-9]$'"

# A full day, so the journal runs over several pages: a planned call to
# every company of the demo from 10:00, a minute apart.
sqlite3 "$DB" "INSERT INTO events (type_id, subject, start_at, assignee_id,
    company_id, contact_id, uid, created_at, updated_at)
    SELECT (SELECT id FROM event_types WHERE code = 'call'), 'Звонок',
    $(date -d "$DAY 10:00" +%s) + 60 * c.id,
    (SELECT id FROM users WHERE login = '$LOGIN'), c.id,
    (SELECT min(p.id) FROM contacts p WHERE p.company_id = c.id),
    'print-test-' || c.id, 0, 0 FROM companies c"
NCALLS=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE uid LIKE 'print-test-%'")
check "a full day of calls ($NCALLS)" [ "$NCALLS" -ge 20 ]

run --db "$DB" journal --date "$DAY" --user "$LOGIN" --print -P "$Q"
check "journal --print exits 0" [ "$RC" -eq 0 ]
check "journal --print says where it went" \
    grep -q "^journal: [0-9][0-9]* pages\{0,1\} sent to $Q\$" "$T/out"
N=$(sed -n 's/^journal: \([0-9][0-9]*\) page.*/\1/p' "$T/out")
N=${N:-0}
check "the journal runs over several pages ($N)" [ "$N" -ge 2 ]
if [ "$RC" -eq 0 ] && [ "$N" -ge 1 ] && pdf=$(cups_wait_pdf "$Q" 60); then
	ok "cups-pdf printed the journal"
	pdftotext -layout "$pdf" "$T/printed.txt"
	check "pdfinfo Pages equals the pages salesorg reported" \
	    [ "$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')" = "$N" ]
	check "printed journal has ООО «Ромашка»" \
	    grep -q 'ООО «Ромашка»' "$T/printed.txt"
	check "printed journal has the phone $PHONE" \
	    grep -qF "$PHONE" "$T/printed.txt"
	check "printed journal has page 1 of $N" \
	    grep -q "page 1 of $N" "$T/printed.txt"
	check "the last page has its own header" \
	    sh -c "awk 'BEGIN { RS = \"\\f\" } { last = \$0 } END { print last }' '$T/printed.txt' | grep -q 'page $N of $N'"
	check "printed journal has page $N of $N" \
	    grep -q "page $N of $N" "$T/printed.txt"
	check "every page has its header" \
	    [ "$(grep -c "page [0-9]* of $N" "$T/printed.txt")" -eq "$N" ]
else
	fail "cups-pdf printed no journal"
fi

# the PDF the journal writes to a file is the one that was printed
run --db "$DB" journal --date "$DAY" --user "$LOGIN" --format pdf \
    -o "$T/j.pdf"
check "journal --format pdf -o exits 0" [ "$RC" -eq 0 ]
check "journal PDF has the same pages" \
    [ "$(pdfinfo "$T/j.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')" = "$N" ]

run --db "$DB" journal --date "$DAY" --user "$LOGIN" --print -P nosuchqueue
check "no such queue: exit 1" [ "$RC" -eq 1 ]
check "no such queue: lpr's own message" \
    grep -q "nosuchqueue: lpr: .*does not exist" "$T/err"

mkdir -p "$T/nolpr"
PATH=$T/nolpr "$SALESORG" --db "$DB" journal --date "$DAY" --user "$LOGIN" \
    --print -P "$Q" >"$T/out" 2>"$T/err"
RC=$?
check "no lpr: exit 1" [ "$RC" -eq 1 ]
check "no lpr: says to install cups-bsd" \
    grep -q "lpr not found: install CUPS's lpr (Debian package cups-bsd)" \
    "$T/err"

finish
