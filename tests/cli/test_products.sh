#!/bin/sh
# Products from a shell: a price list with Russian headings imported
# (its groups made on the way), listed and searched; deal lines added by
# code and by name, with the product's price or another, and a discount;
# the deal's amount the lines' sum to the kopeck, in the same write; a
# line trashed; a bad price, a retired product, an unknown product and a
# bad discount refused with what is wrong; the payments of the deal
# split over the product groups by the view payment_groups, the split
# the store keeps equal to it, and the sales report's --by group; check
# finding a stored split that differs, naming the rebuild, which mends
# it.
. "$(dirname "$0")/lib.sh"

DB="$T/p.db"
data=$(dirname "$0")/../data
q() { sqlite3 "$DB" "$1"; }

run --db "$DB" init
run --db "$DB" import csv products "$data/products.csv"
check "import: exit 0" [ "$RC" -eq 0 ]
check "import: the groups it made" grep -qx "product groups created: 3" "$T/out"
check "import: the products" grep -qx "4 products imported (0 skipped)" "$T/out"
check "prices in kopecks, units" [ "$(q "SELECT group_concat(code || '=' ||
    price || unit, ' ') FROM (SELECT * FROM products ORDER BY id)")" = \
    "Н-100=4850000шт Н-200=1299050шт Ф-10=125000шт К-1=8740м" ]
check "each in its group" [ "$(q "SELECT count(*) FROM products p JOIN
    product_groups g ON g.id = p.group_id WHERE g.name = 'Насосы'")" = 2 ]
run --db "$DB" list products --fields code,name,group,price
check "list products" grep -q "^Ф-10 *Фильтр сетчатый Ф-10 *Фильтры *1250.00" "$T/out"
run --db "$DB" search насос
check "search finds products" grep -q "Насос дренажный ДН-200" "$T/out"

printf 'Артикул;Наименование;Цена\nX-1;Хороший;10\nX-2;Плохой;десять\n' >"$T/bad.csv"
run --db "$DB" import csv products "$T/bad.csv"
check "a bad price: exit 1" [ "$RC" -eq 1 ]
check "a bad price: file, line, column, field" grep -q \
    "bad.csv:3: column \"Цена\" (price): not an amount" "$T/err"
check "a bad price: nothing imported" [ "$(q "SELECT count(*) FROM products")" = 4 ]

printf 'name\nООО «Ромашка»\n' >"$T/c.csv"
printf 'title;company;amount\nПоставка;ООО «Ромашка»;1000\n' >"$T/d.csv"
run --db "$DB" import csv companies "$T/c.csv"
run --db "$DB" import csv deals "$T/d.csv"
check "the typed amount" [ "$(q "SELECT amount FROM deals")" = 100000 ]
# 2 x 48 500.00 less 5% = 92 150.00
run --db "$DB" deal add-line 1 Н-100 2 --discount 5
check "add-line by code" grep -qx "Line #1 added to deal #1: 92 150.00" "$T/out"
check "the deal is worth its line" [ "$(q "SELECT amount FROM deals")" = 9215000 ]
# 3 x 333.33 less 7% = 929.991 -> 929.99, by name, any case
run --db "$DB" deal add-line 1 "фильтр сетчатый ф-10" 3 --price 333.33 --discount 7 --comment "со склада"
check "add-line by name, another price" grep -qx "Line #2 added to deal #1: 929.99" "$T/out"
check "the deal is worth both" [ "$(q "SELECT amount FROM deals")" = 9307999 ]
check "the amount's change is in the deal's history" [ "$(q "SELECT count(*)
    FROM audit_log WHERE entity = 'deal' AND field = 'amount'")" = 2 ]
run --db "$DB" deal lines 1
check "lines: exit 0" [ "$RC" -eq 0 ]
check "lines: the first" grep -q "^#1 *Насос центробежный ЦН-100 *2 x *48 500.00 *-5% *92 150.00$" "$T/out"
check "lines: the note" grep -q "^ *со склада$" "$T/out"
check "lines: the total" grep -qx "Total (the deal's amount): 93 079.99" "$T/out"

run --db "$DB" deal add-line 1 нет-такого 1
check "an unknown product: exit 1" [ "$RC" -eq 1 ]
check "an unknown product: said" grep -q 'no product "нет-такого"' "$T/err"
run --db "$DB" deal add-line 1 К-1 1 --discount 120
check "a discount over 100: refused" grep -q "Discount, %: from 0 to 100, not 120" "$T/err"
q "UPDATE products SET retired = 1 WHERE code = 'К-1'"
run --db "$DB" deal add-line 1 К-1 1
check "a retired product: refused" grep -q "is retired" "$T/err"
check "nothing added" [ "$(q "SELECT count(*) FROM deal_lines")" = 2 ]

# A payment of 1 000.00 on the deal: Насосы 92 150.00 and Фильтры
# 929.99 of 93 079.99: round(100000 x 0 / T) = 0 for no group, then
# Насосы (group 1) round(100000 x 9215000 / 9307999) = 99001, Фильтры
# the rest, 999.
printf 'paid_on;company;deal;amount\n2026-11-02;ООО «Ромашка»;Поставка;1000\n' >"$T/pay.csv"
run --db "$DB" import csv payments "$T/pay.csv"
check "the payment: imported" grep -qx "1 payments imported (0 skipped)" "$T/out"
check "the payment split by group" [ "$(q "SELECT group_concat(g.name || '=' ||
    pg.amount, ' ') FROM payment_groups pg JOIN product_groups g ON g.id =
    pg.group_id ORDER BY g.id")" = "Насосы=99001 Фильтры=999" ]
check "the split stored as the view has it" [ "$(q "SELECT group_concat(
    group_id || '=' || amount, ' ') FROM (SELECT * FROM payment_group_shares
    ORDER BY group_id)")" = "1=99001 2=999" ]
run --db "$DB" check
check "check: the stored split is whole" [ "$RC" -eq 0 ]

# A stored share that differs (written behind the store's back) is
# found, the rebuild it names mends it.
q "UPDATE payment_group_shares SET amount = amount + 1 WHERE group_id = 2"
run --db "$DB" check
check "check: a differing split, exit 1" [ "$RC" -eq 1 ]
check "check: names the table" grep -qx \
    "payment_group_shares: 2 rows differ from the view payment_groups" "$T/out"
check "check: names the rebuild" grep -q "rebuild it with: sqlite3 $DB" "$T/err"
rebuild=$(sed -n 's/.*rebuild it with: sqlite3 [^ ]* "\(.*\)"$/\1/p' "$T/err")
q "$rebuild"
run --db "$DB" check
check "check: mended by the rebuild it named" [ "$RC" -eq 0 ]

run --db "$DB" report sales --all --from 2026-11-01 --to 2026-11-30 --by group
check "report sales --by group: exit 0" [ "$RC" -eq 0 ]
check "report sales --by group: a group" grep -q "^Насосы *| *990.01$" "$T/out"
check "report sales --by group: another" grep -q "^Фильтры *| *9.99$" "$T/out"
check "report sales --by group: the total" grep -q "^Total *| *1 000.00$" "$T/out"
run --db "$DB" report activity --all --by group
check "--by group elsewhere: usage" [ "$RC" -eq 2 ]

run --db "$DB" deal delete-line 1
check "delete-line" grep -qx "Line #1 is in the trash" "$T/out"
check "the deal is worth the line left" [ "$(q "SELECT amount FROM deals")" = 92999 ]
run --db "$DB" deal lines x
check "lines of no number: usage" [ "$RC" -eq 2 ]
finish
