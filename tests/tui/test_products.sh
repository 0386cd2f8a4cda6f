#!/bin/sh
# Products: the catalogue imported with Russian headings shows on its own
# tab (:products); on a deal's card a line is added (the product picked
# by name, its price taken from the catalogue, a discount typed) and the
# deal's amount becomes the line's sum, in the list and on the card; the
# deal's form then shows the amount as the lines' and does not take it
# typed; :groups lists the groups the import made.
. "$(dirname "$0")/lib.sh"

DB="$T/s.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
"$SALESORG" --db "$DB" config set agenda.startup off --team >/dev/null || exit 1
printf 'name;city\nООО «Ромашка»;Казань\n' > "$T/c.csv"
printf 'title;company;amount\nПоставка насосов;ООО «Ромашка»;5000\n' > "$T/d.csv"
printf 'Артикул;Наименование;Группа;Ед. изм.;Цена\nН-1;Насос;Насосы;шт;12 500,50\nФ-1;Фильтр;Фильтры;кг;333,33\n' > "$T/p.csv"
for f in "companies c" "deals d" "products p"; do
	set -- $f
	"$SALESORG" --db "$DB" import csv "$1" "$T/$2.csv" >/dev/null || exit 1
done

start 130x32 "$SALESORG" --db "$DB"
expect "opens" "Companies (1)"
keys :
type_text products
keys Enter
expect "the catalogue's tab" "Products (2)"
check "with code, group, unit and price" sh -c "$TM capture-pane -t t -p |
	grep -q 'Н-1 *Насос *Насосы *шт *12 500.50'"
keys :
type_text groups
keys Enter
expect "the groups the import made" "Product groups (2)"
keys 7
expect "the deals" "Deals (1)"
check "the typed amount" sh -c "$TM capture-pane -t t -p |
	grep -q 'Поставка насосов .* 5 000 '"
check "the product tabs leave the bar" sh -c "! $TM capture-pane -t t -p |
	head -1 | grep -q Products"
keys Enter
expect "the deal's card" "Поставка насосов ─"
keys l l l l l
expect "its lines: none yet" "(none: press a to add one)"
keys a
expect "the line's form" "Add Deal line"
keys Tab
type_text "Насос"
expect "the product offered" "│Насос"
keys Enter
keys BSpace
type_text 2
keys Tab Tab
type_text 10
keys F2
expect_gone "the form closes" "Add Deal line"
# 2 x 12 500.50 less 10% = 22 500.90
expect "the line on the card" "22 500.90"
check "the deal's amount is the line's" sh -c "$TM capture-pane -t t -p |
	grep -q 'Поставка насосов .* 22 500.90'"
check "stored, price from the catalogue" [ "$(sqlite3 "$DB" "SELECT l.price ||
    ' ' || l.amount || ' ' || d.amount FROM deal_lines l JOIN deals d ON
    d.id = l.deal_id")" = "1250050 2250090 2250090" ]
keys h h h h h
expect "back on the card's info" "Amount         22 500.90"
keys e
expect "the deal's form" "Edit Deal"
expect "the amount is the lines'" "(from the lines)"
keys Tab Tab Tab Tab
type_text 7
expect "and not typed into" "change the lines on the deal's card"
keys Escape
expect_gone "the form leaves" "Edit Deal"
keys Q
expect "quits" "EXITED 0"
finish
