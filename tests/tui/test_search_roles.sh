#!/bin/sh
# The global search as a manager (issue 24, seeing versus taking): alice
# finds bob's company, so as not to call it twice, and sees whose it is
# -- not its phone, which her own company's hit shows.  The same in the
# organizer's list and on the card: bob's company by its name, not its
# phone or comment (they used to show whole).  Real Unix users:
# root makes the database (its administrator), alice and bob are
# managers.
if [ "$(id -u)" -ne 0 ]; then
	echo "skip: needs root"
	exit 0
fi
for c in useradd userdel runuser; do
	command -v $c >/dev/null || { echo "skip: needs $c"; exit 0; }
done
. "$(dirname "$0")/lib.sh"

ALICE=so_sa_$$
BOB=so_sb_$$
SHARED=$(mktemp -d /tmp/so-search-XXXXXX)
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
"$SALESORG" --db "$DB" config set agenda.startup off --team >/dev/null
cat >"$SHARED/c.csv" <<EOF
name,city,phone,manager,comment
ООО Ромашка-Лютик,Уфа,+7 347 111-11-11,$ALICE,звонить утром
ООО Ромашка-Василёк,Казань,+7 843 222-22-22,$BOB,тайные условия
EOF
"$SALESORG" --db "$DB" import csv companies "$SHARED/c.csv" >/dev/null || exit 1

start 110x30 runuser -u "$ALICE" -- env TERM=screen-256color \
    LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=$TZ SALESORG_NOW=$SALESORG_NOW \
    "$SALESORG" --db "$DB"
expect "alice is logged in" "$ALICE@t.db"
keys g
expect "the search screen" "Find:"
type_text "ромашка"
expect "both companies found" "Companies (2)"
expect "her own with its phone" "+7 347 111-11-11"
expect "bob's by name, saying whose" "$BOB's"
check "not bob's phone" sh -c "! $TM capture-pane -t t -p | grep -q '222-22-22'"
check "nor his city" sh -c "! $TM capture-pane -t t -p | grep -q 'Казань'"
keys Escape

# The list: both names, only her own phone; bob's card: no details.
expect "the list of companies" "Companies (2)"
expect "her company's phone in the list" "+7 347 111-11-11"
expect "bob's company named in the list" "Ромашка-Василёк"
check "not bob's phone in the list" sh -c "! $TM capture-pane -t t -p |
    grep -q '222-22-22'"
keys Home Enter
expect "bob's card opens" "(not yours to read)"
check "no phone of bob's on his card" sh -c "! $TM capture-pane -t t -p |
    grep -q '222-22-22'"
check "nor his comment" sh -c "! $TM capture-pane -t t -p |
    grep -q 'тайные'"
keys q End Enter
expect "her own card whole" "звонить утром"
keys Q
finish
