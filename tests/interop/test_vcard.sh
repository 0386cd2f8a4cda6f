#!/bin/sh
# salesorg export vcard / import vcard against real address books: abook
# and khard read our export (3.0 and 4.0) and show the same names and
# phones as the database; a contact khard creates comes in with its name
# and phone; export -> import into a fresh database -> export gives the
# same file; importing our own export again changes nothing; bad files
# give exit 1, one line naming the file and line, and an untouched
# database.  The peers are part of the test: if one is missing the
# script fails, it never skips.
. "$(dirname "$0")/../cli/lib.sh"
export LC_ALL=C.UTF-8
DATA="$(cd "$(dirname "$0")/../data" && pwd)"

for tool in abook khard sqlite3; do
	if command -v "$tool" >/dev/null 2>&1; then
		ok "$tool is installed"
	else
		fail "$tool is installed (needed by this test: see .ci/deps)"
	fi
done

DB="$T/demo.db"
run --db "$DB" demo
check "demo exits 0" [ "$RC" -eq 0 ]
ncontacts=$("$SALESORG" --db "$DB" list contacts --count)
check "the demo has contacts" [ "$ncontacts" -gt 0 ]
check "the demo has Cyrillic names" \
    sh -c "'$SALESORG' --db '$DB' list contacts | grep -q 'Иванов'"
check "list contacts does not show the UID" \
    sh -c "'$SALESORG' --db '$DB' list contacts | head -1 | grep -qv -i uid"

# name|kind|phone for every phone, and the names, as the database has
# them: the name as the organizer shows it (last first middle), which is
# FN; the kind is which of the three phone fields
"$SALESORG" --db "$DB" list contacts --format tsv --fields \
    last_name,first_name,middle_name,phone_work,phone_mobile,phone_home |
    tail -n +2 | awk -F '\t' 'BEGIN { k[4] = "work"; k[5] = "mobile"; k[6] = "home" } {
	n = $1; if ($2 != "") n = n " " $2; if ($3 != "") n = n " " $3
	for (i = 4; i <= 6; i++) if ($i != "") print n "|" k[i] "|" $i
    }' | sort >"$T/want-phones"
"$SALESORG" --db "$DB" list contacts --format tsv --fields \
    last_name,first_name,middle_name | tail -n +2 | awk -F '\t' '{
	n = $1; if ($2 != "") n = n " " $2; if ($3 != "") n = n " " $3
	print n
    }' | sort >"$T/want-names"
check "the demo has phones" [ "$(wc -l <"$T/want-phones")" -gt "$ncontacts" ]

audit0=$(sqlite3 "$DB" "SELECT count(*) FROM audit_log")
run --db "$DB" export vcard -o "$T/e.vcf"
check "export exits 0" [ "$RC" -eq 0 ]
check "export says how many" grep -q "e.vcf: $ncontacts contacts" "$T/out"
check "one card per contact" [ "$(grep -c '^BEGIN:VCARD' "$T/e.vcf")" -eq "$ncontacts" ]
check "every contact was given a UID" \
    [ "$(sqlite3 "$DB" "SELECT count(*) FROM contacts WHERE uid = ''")" -eq 0 ]
check "giving UIDs is audited" \
    [ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE field = 'uid'")" -eq "$ncontacts" ]
check "the UIDs are in the file" [ "$(grep -c '^UID:' "$T/e.vcf")" -eq "$ncontacts" ]
check "CRLF line ends" [ "$(grep -c "$(printf '\r')\$" "$T/e.vcf")" -eq "$(wc -l <"$T/e.vcf")" ]
check "no line longer than 75 octets" [ "$(LC_ALL=C awk '{ sub(/\r$/, ""); if (length($0) > 75) n++ } END { print n + 0 }' "$T/e.vcf")" -eq 0 ]
check "Cyrillic names in the file" grep -q '^N:Иванов;' "$T/e.vcf"
run --db "$DB" export vcard
grep -v '^REV:' "$T/e.vcf" >"$T/a"
grep -v '^REV:' "$T/out" >"$T/b"
check "export to stdout is the same, with the same UIDs" cmp -s "$T/a" "$T/b"
run --db "$DB" export vcard --version 4.0 -o "$T/e4.vcf"
check "export 4.0 exits 0" [ "$RC" -eq 0 ]
check "4.0 says so" [ "$(grep -c '^VERSION:4.0' "$T/e4.vcf")" -eq "$ncontacts" ]

# ---- abook ----
for v in e e4; do
	abook --convert --informat vcard --infile "$T/$v.vcf" \
	    --outformat custom --outformatstr '{name}|{workphone}|{mobile}|{phone}' \
	    >"$T/abook.out" 2>"$T/abook.err"
	check "abook reads $v.vcf" [ $? -eq 0 ]
	awk -F '|' 'BEGIN { k[2] = "work"; k[3] = "mobile"; k[4] = "home" }
	    { for (i = 2; i <= 4; i++) if ($i != "") print $1 "|" k[i] "|" $i }' \
	    "$T/abook.out" | sort >"$T/abook-phones"
	cut -d '|' -f 1 "$T/abook.out" | sort >"$T/abook-names"
	check "abook shows the same names ($v.vcf)" cmp -s "$T/want-names" "$T/abook-names"
	check "abook shows the same phones ($v.vcf)" cmp -s "$T/want-phones" "$T/abook-phones"
done

# ---- khard: a vdir of one .vcf per contact ----
khard_conf() {
	cat <<EOF
[addressbooks]
[[so]]
path = $1
[general]
default_action = list
editor = /bin/false
merge_editor = /bin/false
[contact table]
display = formatted_name
EOF
}
for v in e e4; do
	rm -rf "$T/book"
	mkdir -p "$T/book"
	awk -v d="$T/book" '/^BEGIN:VCARD/ { n++; f = sprintf("%s/c%04d.vcf", d, n) }
	    { print > f } /^END:VCARD/ { close(f) }' "$T/$v.vcf"
	khard_conf "$T/book" >"$T/khard.conf"
	check "one file per contact ($v.vcf)" [ "$(ls "$T/book" | wc -l)" -eq "$ncontacts" ]
	khard -c "$T/khard.conf" list -p >"$T/khard.list" 2>"$T/khard.err"
	check "khard lists $v.vcf" [ $? -eq 0 ]
	cut -f 2 "$T/khard.list" | sort >"$T/khard-names"
	check "khard shows the same names ($v.vcf)" cmp -s "$T/want-names" "$T/khard-names"
	cut -f 1 "$T/khard.list" | sort >"$T/khard-uids"
	sed -n 's/^UID:\(.*\)\r$/\1/p' "$T/$v.vcf" | sort >"$T/our-uids"
	check "khard sees our UIDs ($v.vcf)" cmp -s "$T/our-uids" "$T/khard-uids"
	khard -c "$T/khard.conf" phone -p >"$T/khard.phone" 2>>"$T/khard.err"
	awk -F '\t' '{
		if ($3 ~ /cell/) k = "mobile"
		else if ($3 ~ /work/) k = "work"
		else if ($3 ~ /home/) k = "home"
		else k = $3
		print $2 "|" k "|" $1
	    }' "$T/khard.phone" | sort >"$T/khard-phones"
	check "khard shows the same phones ($v.vcf)" cmp -s "$T/want-phones" "$T/khard-phones"
	check "khard complains about nothing ($v.vcf)" [ ! -s "$T/khard.err" ]
done

# a contact khard creates comes in with its name and phone
mkdir -p "$T/kbook"
khard_conf "$T/kbook" >"$T/knew.conf"
cat >"$T/new.yaml" <<'EOF'
First name: Гульнара
Last name: Сафиуллина
Additional: Ринатовна
Organisation: ООО «Новая Заря»
Title: Менеджер по закупкам
Phone:
    cell: +7 917 555-12-34
    work: +7 843 222-33-44
Email:
    work: g.safiullina@zarya.example
Birthday: 1988-04-02
Note: Звонить после обеда; лучше e-mail
EOF
khard -c "$T/knew.conf" new -a so -i "$T/new.yaml" >"$T/khard.out" 2>&1
check "khard creates a contact" [ $? -eq 0 ]
kfile=$(ls "$T"/kbook/*.vcf 2>/dev/null | head -1)
check "khard wrote a .vcf" [ -n "$kfile" ]
run --db "$DB" import vcard "$kfile"
check "we import khard's card" [ "$RC" -eq 0 ]
check "... as a new contact and company" \
    grep -q ": 1 created, 0 updated, 0 unchanged, 1 companies created" "$T/out"
"$SALESORG" --db "$DB" list contacts --filter 'last_name=Сафиуллина' \
    --format tsv --fields last_name,first_name,middle_name,company,position,phone_work,phone_mobile,email,birthday,comment \
    >"$T/k.tsv"
check "khard's contact has its name, company, phones" grep -q \
    "^Сафиуллина	Гульнара	Ринатовна	ООО «Новая Заря»	Менеджер по закупкам	+7 843 222-33-44	+7 917 555-12-34	g.safiullina@zarya.example	1988-04-02	Звонить после обеда; лучше e-mail\$" \
    "$T/k.tsv"
run --db "$DB" import vcard "$kfile"
check "khard's card again: unchanged" grep -q ": 0 created, 0 updated, 1 unchanged, 0 companies created" "$T/out"

# ---- idempotence and the round trip ----
ncontacts=$("$SALESORG" --db "$DB" list contacts --count)
run --db "$DB" export vcard -o "$T/e.vcf"
audit1=$(sqlite3 "$DB" "SELECT count(*) FROM audit_log")
run --db "$DB" import vcard "$T/e.vcf"
check "our export imported back exits 0" [ "$RC" -eq 0 ]
check "... and changes nothing" grep -q "e.vcf: 0 created, 0 updated, $ncontacts unchanged, 0 companies created" "$T/out"
check "... nor writes an audit row" [ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log")" -eq "$audit1" ]

FRESH="$T/fresh.db"
run --db "$FRESH" init
run --db "$FRESH" import vcard "$T/e.vcf"
check "into a fresh database: all created" grep -q "e.vcf: $ncontacts created, 0 updated, 0 unchanged" "$T/out"
run --db "$FRESH" export vcard -o "$T/e2.vcf"
grep -v '^REV:' "$T/e.vcf" >"$T/a"
grep -v '^REV:' "$T/e2.vcf" >"$T/b"
check "export -> import -> export: the same file (but REV)" cmp -s "$T/a" "$T/b"
run --db "$FRESH" export vcard --version 4.0 -o "$T/f4.vcf"
run --db "$T/fresh4.db" init
run --db "$T/fresh4.db" import vcard "$T/f4.vcf"
run --db "$T/fresh4.db" export vcard --version 4.0 -o "$T/f4b.vcf"
grep -v '^REV:' "$T/f4.vcf" >"$T/a"
grep -v '^REV:' "$T/f4b.vcf" >"$T/b"
check "the same round trip in 4.0" cmp -s "$T/a" "$T/b"

# ---- a 2.1 card: bare types, quoted-printable, CP1251 ----
run --db "$FRESH" import vcard "$DATA/contacts-21.vcf"
check "a 2.1 card is imported" grep -q ": 1 created" "$T/out"
"$SALESORG" --db "$FRESH" list contacts --filter 'last_name=Сидоров' --format tsv \
    --fields last_name,first_name,middle_name,company,phone_work,phone_mobile,comment >"$T/s.tsv"
check "... with its Cyrillic name, company and phones" grep -q \
    "^Сидоров	Пётр	Ильич	ЗАО «Вектор»	+7 (812) 555-01-02	+7 921 555-01-03	Встреча в четверг; привезти каталог\$" "$T/s.tsv"

# ---- filters ----
want=$("$SALESORG" --db "$DB" list contacts --filter 'company:ромашка' --count)
run --db "$DB" export vcard --filter 'company:ромашка'
check "--filter as list reads it" [ "$(grep -c '^BEGIN:VCARD' "$T/out")" -eq "$want" ]
check "--filter selects some" [ "$want" -gt 0 ]
run --db "$DB" export vcard --filter 'nosuchfield:x'
check "a bad filter: exit 2 (a usage mistake)" [ "$RC" -eq 2 ]
check "... with a marker" grep -q '~' "$T/err"
run --db "$DB" export vcard --saved nosuchname
check "an unknown saved filter: exit 1" [ "$RC" -eq 1 ]
run --db "$DB" export vcard --version 2.1
check "--version 2.1: usage, exit 2" [ "$RC" -eq 2 ]
run --db "$DB" export nosuch
check "an unknown format names vcard" grep -q "known: ics, vcard" "$T/err"

# ---- bad files: nothing written, the line named ----
sum0=$(sum "$DB")
run --db "$DB" import vcard "$DATA/contacts-bad.vcf"
check "a bad file: exit 1" [ "$RC" -eq 1 ]
check "... one line naming the file and line" [ "$(wc -l <"$T/err")" -eq 1 ]
check "... the line without a colon" grep -q "contacts-bad.vcf:10: not a vCard line (no ':')" "$T/err"
check "... and the database unchanged" [ "$(sum "$DB")" = "$sum0" ]
run --db "$DB" import vcard "$DATA/contacts-bad.vcf" --dry-run --skip-bad
check "--dry-run --skip-bad: exit 0" [ "$RC" -eq 0 ]
check "... counts what it would do" grep -q ": 2 created, 0 updated, 0 unchanged, 0 companies created, 2 skipped; dry run, nothing written" "$T/out"
check "... says what it skips" [ "$(grep -c '(skipped)$' "$T/err")" -eq 2 ]
check "... the unterminated card by its BEGIN line" grep -q "contacts-bad.vcf:17: BEGIN:VCARD without END:VCARD (skipped)" "$T/err"
check "... and writes nothing" [ "$(sum "$DB")" = "$sum0" ]
run --db "$DB" import vcard "$DATA/contacts-bad.vcf" --skip-bad
check "--skip-bad imports the good cards" grep -q ": 2 created, 0 updated, 0 unchanged, 0 companies created, 2 skipped\$" "$T/out"
check "... and they are there" [ "$(sqlite3 "$DB" "SELECT count(*) FROM contacts WHERE uid LIKE 'bad-file-%'")" -eq 2 ]
printf 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' >"$T/cal.vcf"
run --db "$DB" import vcard "$T/cal.vcf"
check "a calendar is not a vCard: exit 1" [ "$RC" -eq 1 ]
check "... named as such" grep -q "cal.vcf:1: BEGIN:VCALENDAR: not a vCard" "$T/err"
run --db "$DB" import vcard "$T/nosuch.vcf"
check "a missing file: exit 1" [ "$RC" -eq 1 ]
run --db "$DB" import vcard
check "no file: usage, exit 2" [ "$RC" -eq 2 ]

# a PHOTO is not kept (a contact has no picture): the summary says so
printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Фотова;Ольга;;;\r\nUID:photo-1\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ\r\nEND:VCARD\r\n' >"$T/photo.vcf"
run --db "$DB" import vcard "$T/photo.vcf"
check "a card with a photo: imported" grep -q ": 1 created, 0 updated" "$T/out"
check "... the photo left out, said" grep -qx "1 photo not imported: a contact keeps no picture" "$T/out"

finish
