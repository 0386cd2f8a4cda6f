#!/bin/sh
# The sales path as a manager walks it: the pipeline shows the deal under
# "Proposal sent"; two presses of > win it; on the deal's card a payment
# is entered (the company comes from the deal); `salesorg abc` ranks the
# month; the company is then a customer, VIP (A) in the list, with the
# month's rank and the year's payments on its card.  Companies, the deal
# and a second company's payment come in through `import csv`.
. "$(dirname "$0")/lib.sh"

DB="$T/s.db"
today=$TODAY
month=$(day 0 %Y-%m)
year=$(day 0 %Y)
"$SALESORG" --db "$DB" init >/dev/null || exit 1
"$SALESORG" --db "$DB" config set agenda.startup off --team >/dev/null || exit 1
printf 'name;city\nООО «Ромашка»;Казань\nООО «Лютик»;Уфа\n' > "$T/c.csv"
printf 'title;company;stage;amount\nПоставка станков;ООО «Ромашка»;Proposal sent;500000\n' > "$T/d.csv"
printf 'date;company;amount\n%s;ООО «Лютик»;1000\n' "$today" > "$T/p.csv"
for f in "companies c" "deals d" "payments p"; do
	set -- $f
	"$SALESORG" --db "$DB" import csv "$1" "$T/$2.csv" >/dev/null || exit 1
done

start 130x32 "$SALESORG" --db "$DB"
expect "opens" "Companies (2)"
keys P
expect "the pipeline opens" "Pipeline: all managers, all time"
# Stage sums are short: 500 000 is "500 тыс."
check "the deal is counted under its stage" sh -c "$TM capture-pane -t t -p |
	grep -q '1 deal *500 тыс\\.'"
check "in the Proposal sent column" sh -c "$TM capture-pane -t t -p | grep -q 'Proposal sent *Negotiation'"
keys l l
keys '>'
expect "moved to negotiation" "Поставка станков: Negotiation"
keys '>'
expect "won" "Поставка станков: Won"
check "the stage is stored" [ "$(sqlite3 "$DB" "SELECT s.code || ' ' || d.closed_on FROM deals d JOIN deal_stages s ON s.id = d.stage_id")" = "won $today" ]
check "each move is in the audit log" [ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE entity = 'deal' AND field = 'stage_id'")" = 2 ]
keys '>'
expect "won is the end of the path" "the deal is at the end of the pipeline"

# Enter opens the deal's card; its Payments section takes the payment.
keys Enter
expect "the deal's card" "Поставка станков ─"
keys l l l l
expect "the payments section is empty" "(none: press a to add one)"
keys a
expect "payment form" "Add Payment"
check "the company comes from the deal" sh -c "$TM capture-pane -t t -p | grep -q 'Company \* *ООО «Ромашка»'"
keys Tab Tab Tab
type_text "500 000"
keys F2
# A card's sections show dates short ("09.12" this year).
expect "the payment is listed on the deal's card" "$(date -d "$today" +%d.%m) ООО «Ромашка»"
check "stored for the company and the deal" [ "$(sqlite3 "$DB" "SELECT c.name || ' ' || p.amount || ' ' || p.deal_id FROM payments p JOIN companies c ON c.id = p.company_id WHERE p.deal_id IS NOT NULL")" = "ООО «Ромашка» 50000000 1" ]
check "the first payment made the lead a customer" [ "$(sqlite3 "$DB" "SELECT status FROM companies WHERE name = 'ООО «Ромашка»'")" = customer ]
keys Q
expect "quits" "EXITED 0"

"$SALESORG" --db "$DB" abc --month "$month" > "$T/abc.out"
check "abc ranks the month: one A, one C" grep -q "^$month: A 1 (500 000.00)  B 0 (0.00)  C 1 (1 000.00)" "$T/abc.out"

start 130x32 "$SALESORG" --db "$DB"
expect "reopens" "Companies (2)"
check "VIP in the list" sh -c "$TM capture-pane -t t -p | grep -q 'ООО «Ромашка».*Customer.* A VIP'"
check "the other company is C" sh -c "$TM capture-pane -t t -p | grep -q 'ООО «Лютик».*Customer.* C '"
keys Down
expect "the card shows the month's rank" "ABC by month $month A"
# Money one format on screen: kopecks only when there are some.
check "and the year's payments" sh -c "$TM capture-pane -t t -p |
	grep -q 'Paid in $year *500 000 '"
keys f
type_text "abc=A"
keys Enter
expect "the list filters by rank" "Companies (1) - filter: abc=A"
keys Q
expect "quits again" "EXITED 0"

finish
