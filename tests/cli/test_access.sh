#!/bin/sh
# The permission matrix (issue 24): every command's declared access
# (struct cli_access, printed by salesorg --roles) held cell by cell to
# what the command does when real Unix logins run it -- a manager, a head
# of sales and an administrator, each against their own records, a
# colleague's (another manager's), nobody's, and the team's things.
#
# The rows come from the binary, not from this script: a command added
# without a declaration shows "?" and fails here, and one without a probe
# below fails too ("no probe").  A probe runs the command the ways that
# could reach each kind of record and reports what came out, in the
# letters of --roles:
#   t  a record's title (Zqcora), nothing of what is in it
#   r  what is in it (its phone 222-22-22, its e-mail, its notes) in
#      text for the screen
#   x  the record (title or details) in bulk output: CSV, TSV,
#      iCalendar, vCard, .eml files, a report's CSV, a copy
#   w  the record changed
# and the same for the team's things (settings, users, fields, the
# department's log and figures, the database as a whole).
# A cell declared and not done fails as surely as one done and not
# declared: the table is what the program does, both ways.
#
# Last, salesorg(1)'s ROLES table and the README's are held to the same
# declarations.
# Needs root (CI runs as root): useradd, runuser.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	echo "skip: needs root"
	exit 0
fi
for c in useradd userdel runuser sqlite3; do
	command -v $c >/dev/null || { echo "skip: needs $c"; exit 0; }
done

top=$(cd "$(dirname "$0")/../.." && pwd)
SO=$(cd "$(dirname "$SALESORG")" && pwd)/$(basename "$SALESORG")
M=sam$$	# the manager
C=sac$$	# a colleague, another manager
H=sah$$	# the head of sales
A=saa$$	# an administrator (root, who made the database, is another)
cleanup_users() {
	for u in $M $C $H $A; do userdel "$u" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup_users EXIT
for u in $M $C $H $A; do
	useradd -M -N "$u" || { echo "FAIL useradd $u"; exit 1; }
done
chmod 1777 "$T"
DB="$T/team.db"

# Each owner's records carry a tag in their titles and a secret in
# their details: the manager's are mira's, the colleague's cora's, the
# head's hana's, the administrator's adam's, nobody's nova's.
tag_of() {
	case $1 in
	$M) echo mira ;; $C) echo cora ;; $H) echo hana ;; $A) echo adam ;;
	*) echo nova ;;
	esac
}
digits_of() {
	case $1 in
	mira) echo 111-11-11 ;; cora) echo 222-22-22 ;; hana) echo 333-33-33 ;;
	adam) echo 444-44-44 ;; nova) echo 555-55-55 ;;
	esac
}
login_of() {
	case $1 in manager) echo $M ;; head) echo $H ;; admin) echo $A ;; esac
}

# ---- the database: made by root (its administrator) ----
"$SO" --db "$DB" init >/dev/null || exit 1
chmod 666 "$DB"
"$SO" --db "$DB" user add $M --role manager >/dev/null &&
"$SO" --db "$DB" user add $C --role manager >/dev/null &&
"$SO" --db "$DB" user add $H --role head >/dev/null &&
"$SO" --db "$DB" user add $A --role admin >/dev/null || exit 1
cat >"$T/co.csv" <<EOF
name,city,phone,manager
Zqmira Ltd,Zcity,+7 495 111-11-11,$M
Zqcora Ltd,Zcity,+7 495 222-22-22,$C
Zqhana Ltd,Zcity,+7 495 333-33-33,$H
Zqadam Ltd,Zcity,+7 495 444-44-44,$A
Zqnova Ltd,Zcity,+7 495 555-55-55,
EOF
cat >"$T/ct.csv" <<EOF
last_name,first_name,company,phone_mobile,manager
Zqmira,Person,Zqmira Ltd,+7 900 111-11-11,$M
Zqcora,Person,Zqcora Ltd,+7 900 222-22-22,$C
Zqhana,Person,Zqhana Ltd,+7 900 333-33-33,$H
Zqadam,Person,Zqadam Ltd,+7 900 444-44-44,$A
Zqnova,Person,Zqnova Ltd,+7 900 555-55-55,
EOF
"$SO" --db "$DB" import csv companies "$T/co.csv" >/dev/null &&
"$SO" --db "$DB" import csv contacts "$T/ct.csv" >/dev/null || exit 1
sqlite3 "$DB" "UPDATE companies SET manager_id = NULL WHERE name =
    'Zqnova Ltd'; UPDATE contacts SET manager_id = NULL WHERE last_name =
    'Zqnova'" || exit 1
# Each contact gets its e-mail through an audited change (the log's
# history then holds a detail), and a UID to be updated by in a vCard.
for t in mira cora hana adam nova; do
	sqlite3 "$DB" "UPDATE contacts SET uid = 'ct-$t' WHERE last_name =
	    'Zq$t'"
	printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ct-%s\r\nN:Zq%s;Person;;;\r\nFN:Person Zq%s\r\nEMAIL:%ssecret@example.com\r\nEND:VCARD\r\n' \
	    $t $t $t $t >>"$T/mail.vcf"
done
"$SO" --db "$DB" import vcard "$T/mail.vcf" >/dev/null || exit 1
# A meeting done this morning and a task due today for each, and a
# payment last month (the ABC ranks); nobody's meeting is of no company.
T9=$(date -d "$TODAY 09:00" +%s)
for x in "mira $M" "cora $C" "hana $H" "adam $A" "nova -"; do
	set -- $x
	if [ "$2" = - ]; then who=NULL; else
		who="(SELECT id FROM users WHERE login = '$2')"; fi
	co="(SELECT id FROM companies WHERE name = 'Zq$1 Ltd')"
	ct="(SELECT id FROM contacts WHERE last_name = 'Zq$1')"
	sqlite3 "$DB" "INSERT INTO events (type_id, subject, start_at, status,
	    assignee_id, company_id, contact_id, result_id, description, uid,
	    created_at, updated_at) VALUES ((SELECT id FROM event_types WHERE
	    code = 'meeting'), 'Zq$1 meeting', $T9, 'done', $who, $co, $ct,
	    (SELECT id FROM event_results WHERE code = 'held'), '$1notes',
	    'ev-$1', $T9, $T9);
	    INSERT INTO tasks (title, description, due_at, assignee_id,
	    company_id, contact_id, created_at, updated_at, uid) VALUES
	    ('Zq$1 task', '$1tasknotes', $T9 + 7200, $who, $co, $ct, $T9, $T9,
	    'tk-$1');
	    INSERT INTO payments (company_id, amount, paid_on, created_at,
	    updated_at) VALUES ($co, 100000, '$(day -31)', $T9, $T9);
	    INSERT INTO deals (title, company_id, manager_id, amount,
	    created_at, updated_at) VALUES ('Zq$1 deal', $co, $who, 100,
	    $T9, $T9);
	    INSERT INTO deal_lines (deal_id, product_id, quantity, price,
	    amount, comment, created_at, updated_at) VALUES
	    (last_insert_rowid(), NULL, 1, 100, 100, '$1notes', $T9, $T9)" ||
	    exit 1
done
sqlite3 "$DB" "INSERT INTO products (code, name, price, created_at,
    updated_at) VALUES ('ZP-1', 'Zqproduct', 500, 0, 0)" || exit 1
# The rows above were written behind the store's back: their split over
# product groups, which the store keeps (sql/023), made as check expects.
sqlite3 "$DB" "DELETE FROM deal_group_shares; INSERT INTO deal_group_shares
    SELECT * FROM deal_groups; DELETE FROM payment_group_shares; INSERT INTO
    payment_group_shares SELECT * FROM payment_groups" || exit 1
deal_id() { sqlite3 "$DB" "SELECT id FROM deals WHERE title = 'Zq$1 deal'"; }
sqlite3 "$DB" "UPDATE events SET company_id = NULL, contact_id = NULL
    WHERE uid = 'ev-nova'"
event_id() { sqlite3 "$DB" "SELECT id FROM events WHERE uid = 'ev-$1'"; }
contact_id() { sqlite3 "$DB" "SELECT id FROM contacts WHERE uid = 'ct-$1'"; }
reindex "$DB"
"$SO" --db "$DB" config set mail.from "team@example.com" --team >/dev/null

# Templates by author: each user's own, and one of nobody's.
run_as() {
	who=$1
	shift
	(cd "$T" && runuser -u "$who" -- env TZ="$TZ" SALESORG_NOW="$SALESORG_NOW" \
	    XDG_DATA_HOME="$T/xdg-$who" EDITOR="$T/editor" \
	    "$SO" --db "$DB" "$@") >"$T/out" 2>"$T/err"
	RC=$?
}
for u in $M $C $H $A; do
	t=$(tag_of $u)
	run_as $u template add tpl-$t --subject "Hello" \
	    --body "Body ${t}body {contact.last_name}"
	[ "$RC" -eq 0 ] || { echo "FAIL template add as $u"; cat "$T/err"; exit 1; }
done
"$SO" --db "$DB" template add tpl-nova --subject Hello --body "novabody" \
    >/dev/null || exit 1
sqlite3 "$DB" "UPDATE templates SET created_by = NULL WHERE name = 'tpl-nova'"
# The editor template edit runs: appends who edited.
cat >"$T/editor" <<'EOF'
#!/bin/sh
echo "edited by $(id -un)" >>"$1"
EOF
# The sendmail merge --send runs (each user's own setting).
cat >"$T/sendmail" <<'EOF'
#!/bin/sh
cat >/dev/null
EOF
chmod 755 "$T/editor" "$T/sendmail"
for u in $M $H $A; do
	run_as $u config set mail.sendmail "$T/sendmail"
done

# ---- what came out ----

# detail_in FILE TAG / title_in FILE TAG: the tag's details (phone,
# e-mail, notes, template body) / its title are in FILE.
detail_in() {
	grep -q -e "$(digits_of $2)" -e "$2secret" -e "$2notes" -e "$2body" \
	    "$1" 2>/dev/null
}
title_in() { grep -q "Zq$2" "$1" 2>/dev/null; }
# OBS: one word per target, the letters seen so far.
seen() {	# seen TARGET LETTER
	eval "OBS_$1=\"\${OBS_$1}$2\""
}
text() {	# text FILE TARGET TAG: t or r from a text output
	if detail_in "$1" "$3"; then seen "$2" r
	elif title_in "$1" "$3"; then seen "$2" t; fi
}
bulk() {	# bulk FILE TARGET TAG: x from a bulk output
	if detail_in "$1" "$3" || title_in "$1" "$3"; then seen "$2" x; fi
}
# letters WORD: as --roles writes them (t only without r; rxw order)
letters() {
	w=
	case $1 in *r*) w=r ;; *t*) w=t ;; esac
	case $1 in *x*) w=${w}x ;; esac
	case $1 in *w*) w=${w}w ;; esac
	echo "${w:--}"
}
# For a role: its own tag, the colleague's, nobody's.
targets() {
	OWN=$(tag_of "$(login_of "$1")")
	COL=cora
	NOB=nova
	L=$(login_of "$1")
}

# ---- the probes: probe_COMMAND ROLE sets OBS_own, OBS_col, OBS_nob,
# OBS_team ----

probe_init() {	# the team's database brought up to date
	run_as $L init
	[ "$RC" -eq 0 ] && grep -q "schema version" "$T/out" && seen team w
}
probe_demo() {	# only on a database without companies: a fresh one
	d="$T/demo-$1.db"
	"$SO" --db "$d" init >/dev/null && chmod 666 "$d" &&
	    "$SO" --db "$d" user add $L --role $1 >/dev/null
	run_as_db "$d" $L demo
	n=$(sqlite3 "$d" "SELECT count(*) FROM companies c JOIN users u ON
	    u.id = c.manager_id WHERE u.login = '$L'")
	[ "$RC" -eq 0 ] && [ "$n" -gt 0 ] && seen own w
	n=$(sqlite3 "$d" "SELECT count(*) FROM companies WHERE manager_id IS
	    NULL OR manager_id <> (SELECT id FROM users WHERE login = '$L')")
	[ "$n" -gt 0 ] && seen nob w
}
probe_check() {
	run_as $L check
	[ "$RC" -eq 0 ] && seen team r
}
probe_backup() {
	rm -f "$T/copy.db"
	run_as $L backup "$T/copy.db"
	[ -f "$T/copy.db" ] || return
	bulk "$T/copy.db" own $OWN
	bulk "$T/copy.db" col $COL
	bulk "$T/copy.db" nob $NOB
	grep -q "team@example.com" "$T/copy.db" && seen team x
}
probe_export() {
	run_as $L export vcard -o "$T/x.vcf"
	for w in own:$OWN col:$COL nob:$NOB; do bulk "$T/x.vcf" ${w%:*} ${w#*:}; done
	run_as $L export ics -o "$T/x.ics"
	for w in own:$OWN col:$COL nob:$NOB; do bulk "$T/x.ics" ${w%:*} ${w#*:}; done
	rm -f "$T/x.ics"
	run_as $L export ics --user $C -o "$T/x.ics"
	bulk "$T/x.ics" col $COL
	rm -f "$T/x.vcf" "$T/x.ics"
}
probe_import() {	# a vCard updating each contact by its UID
	for w in own:$OWN col:$COL nob:$NOB; do
		t=${w#*:}
		printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ct-%s\r\nN:Zq%s;Person;;;\r\nFN:Person Zq%s\r\nEMAIL:%s-by-%s@example.com\r\nEND:VCARD\r\n' \
		    $t $t $t $t $1 >"$T/in.vcf"
		chmod 644 "$T/in.vcf"
		run_as $L import vcard "$T/in.vcf"
		v=$(sqlite3 "$DB" "SELECT email FROM contacts WHERE uid = 'ct-$t'")
		if [ "$v" = "$t-by-$1@example.com" ]; then seen ${w%:*} w
		else text "$T/err" ${w%:*} $t; fi
	done
}
probe_agenda() {
	for how in "own:$OWN:" "col:$COL:--user $C" "nob:$NOB:--all"; do
		w=${how%%:*}
		rest=${how#*:}
		t=${rest%%:*}
		opt=${rest#*:}
		run_as $L agenda $opt
		text "$T/out" $w $t
		run_as $L agenda $opt --format csv
		bulk "$T/out" $w $t
		run_as $L agenda $opt --format ics
		bulk "$T/out" $w $t
	done
}
probe_list() {
	run_as $L list contacts --fields last_name,phone_mobile,email
	for w in own:$OWN col:$COL nob:$NOB; do text "$T/out" ${w%:*} ${w#*:}; done
	run_as $L list contacts --format csv
	for w in own:$OWN col:$COL nob:$NOB; do bulk "$T/out" ${w%:*} ${w#*:}; done
}
probe_config() {
	run_as $L config get mail.sendmail
	grep -q "$T/sendmail" "$T/out" && seen own r
	run_as $L config set reminders.bell off
	[ "$RC" -eq 0 ] && [ "$(sqlite3 "$DB" "SELECT value FROM settings
	    WHERE key = 'user.$L.reminders.bell'")" = off ] && seen own w
	run_as $C config set mail.sendmail /bin/true
	run_as $L config get user.$C.mail.sendmail
	grep -q /bin/true "$T/out" && seen col r
	run_as $L config
	grep -q "^mail.from *team" "$T/out" && seen team r
	run_as $L config set mail.from "team@example.com" --team
	[ "$RC" -eq 0 ] && seen team w
}
probe_field() {
	run_as $L field list
	[ "$RC" -eq 0 ] && seen team r
	run_as $L field add companies zq_$1 --type text
	[ "$RC" -eq 0 ] && seen team w
}
probe_search() {
	run_as $L search zq
	for w in own:$OWN col:$COL nob:$NOB; do text "$T/out" ${w%:*} ${w#*:}; done
	run_as $L search zq --format csv
	for w in own:$OWN col:$COL nob:$NOB; do bulk "$T/out" ${w%:*} ${w#*:}; done
	run_as $L search zq --format tsv
	for w in own:$OWN col:$COL nob:$NOB; do bulk "$T/out" ${w%:*} ${w#*:}; done
}
probe_abc() {
	sqlite3 "$DB" "UPDATE companies SET abc = ''"
	run_as $L abc --month "$(day -31 %Y-%m)"
	grep -q "A [0-9]" "$T/out" && seen team r
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM companies WHERE abc <> ''")" \
	    -gt 0 ] && seen team w
}
probe_plan() {	# root set everyone's December plan and the team's
	for w in own:$L col:$C team:team; do
		run_as $L plan list --user ${w#*:}
		[ "$RC" -eq 0 ] && grep -q "^2026-12	${w#*:}	" "$T/out" &&
		    seen ${w%:*} r
		run_as $L plan set ${w#*:} 2031-01 7 --measure calls
		[ "$RC" -eq 0 ] && [ "$(sqlite3 "$DB" "SELECT count(*) FROM
		    plans WHERE period = '2031-01'")" -gt 0 ] && seen ${w%:*} w
		sqlite3 "$DB" "DELETE FROM plans WHERE period = '2031-01'"
	done
}
probe_template() {
	for w in own:$OWN col:$COL nob:$NOB; do
		t=${w#*:}
		run_as $L template show tpl-$t
		text "$T/out" ${w%:*} $t
		run_as $L template edit tpl-$t
		sqlite3 "$DB" "SELECT body FROM templates WHERE name = 'tpl-$t'" |
		    grep -q "edited by $L" && seen ${w%:*} w
	done
}
probe_merge() {
	rm -rf "$T/eml"
	mkdir "$T/eml"
	chmod 777 "$T/eml"
	# root's template: the team's, used by everyone
	run_as $L merge tpl-team --dir "$T/eml"
	[ "$RC" -eq 0 ] && seen team r
	cat "$T"/eml/*.eml >"$T/eml.all" 2>/dev/null
	for w in own:$OWN col:$COL nob:$NOB; do bulk "$T/eml.all" ${w%:*} ${w#*:}; done
	run_as $L merge tpl-team --send
	for w in own:$OWN col:$COL nob:$NOB; do
		n=$(sqlite3 "$DB" "SELECT count(*) FROM events e JOIN contacts c
		    ON c.id = e.contact_id WHERE c.uid = 'ct-${w#*:}' AND
		    e.type_id = (SELECT id FROM event_types WHERE code =
		    'email') AND e.created_by = (SELECT id FROM users WHERE
		    login = '$L')")
		[ "$n" -gt 0 ] && seen ${w%:*} w
	done
	# The touches it logged are the sender's: gone again, so that no
	# other probe finds them in a journal or an agenda.
	sqlite3 "$DB" "DELETE FROM events WHERE type_id = (SELECT id FROM
	    event_types WHERE code = 'email')"
}
probe_journal() {
	for how in "own:$OWN:" "col:$COL:--user $C" "nob:$NOB:--all"; do
		w=${how%%:*}
		rest=${how#*:}
		t=${rest%%:*}
		opt=${rest#*:}
		run_as $L journal $opt
		text "$T/out" $w $t
		run_as $L journal $opt --format csv
		bulk "$T/out" $w $t
	done
}
probe_report() {
	for w in own:$OWN col:$COL nob:$NOB; do
		t=${w#*:}
		run_as $L report meeting --id "$(event_id $t)"
		text "$T/out" ${w%:*} $t
		run_as $L report meeting --id "$(event_id $t)" --format csv
		bulk "$T/out" ${w%:*} $t
	done
	run_as $L report activity --all
	[ "$RC" -eq 0 ] && grep -q "all managers" "$T/out" && seen team r
	run_as $L report activity --all --format csv
	[ "$RC" -eq 0 ] && grep -q "all managers" "$T/out" && seen team x
}
probe_pivot() {	# a pivot by a detail: whose phones it counts; a saved one
	run_as $L pivot contacts --rows phone_mobile --cols source
	for w in own:$OWN col:$COL nob:$NOB; do text "$T/out" ${w%:*} ${w#*:}; done
	run_as $L pivot contacts --rows phone_mobile --cols source --format csv
	for w in own:$OWN col:$COL nob:$NOB; do bulk "$T/out" ${w%:*} ${w#*:}; done
	run_as $L pivot contacts --rows source --cols month --save "p-$L"
	[ "$RC" -eq 0 ] && [ "$(sqlite3 "$DB" "SELECT count(*) FROM
	    saved_pivots WHERE name = 'p-$L'")" -eq 1 ] && seen team w
}
probe_user() {
	run_as $L user list
	grep -q "^$C " "$T/out" && seen team r
	run_as $L user set $C --name "Zq $1"
	[ "$RC" -eq 0 ] && seen team w
}
probe_deal() {	# a deal's lines read, and one added
	for w in own:$OWN col:$COL nob:$NOB; do
		t=${w#*:}
		run_as $L deal lines "$(deal_id $t)"
		text "$T/out" ${w%:*} $t
		text "$T/err" ${w%:*} $t
		n=$(sqlite3 "$DB" "SELECT count(*) FROM deal_lines WHERE
		    deal_id = $(deal_id $t)")
		run_as $L deal add-line "$(deal_id $t)" ZP-1 1
		[ "$(sqlite3 "$DB" "SELECT count(*) FROM deal_lines WHERE
		    deal_id = $(deal_id $t)")" -gt "$n" ] && seen ${w%:*} w
	done
}
probe_doc() {
	for w in own:$OWN col:$COL nob:$NOB; do
		t=${w#*:}
		rm -f "$T/doc.docx" "$T/doc.txt"
		co=$(sqlite3 "$DB" "SELECT id FROM companies WHERE name =
		    'Zq$t Ltd'")
		run_as $L doc "$T/tpl.docx" --company "$co" -o "$T/doc.docx"
		[ -f "$T/doc.docx" ] && python3 -c 'import sys, zipfile
print(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())' \
		    "$T/doc.docx" >"$T/doc.txt"
		bulk "$T/doc.txt" ${w%:*} $t
		n=$(sqlite3 "$DB" "SELECT count(*) FROM notes WHERE title =
		    'Document: doc.docx' AND company_id = $co")
		[ "$n" -gt 0 ] && seen ${w%:*} w
	done
	# its notes gone again, so that no other probe finds them
	sqlite3 "$DB" "DELETE FROM notes WHERE title LIKE 'Document: %'"
}
probe_log() {
	for w in own:$OWN col:$COL nob:$NOB; do
		t=${w#*:}
		run_as $L log --entity contact --id "$(contact_id $t)"
		text "$T/out" ${w%:*} $t
	done
	run_as $L log
	[ "$RC" -eq 0 ] && grep -q " root " "$T/out" && seen team r
}

# demo runs on a database of its own
run_as_db() {
	d=$1
	who=$2
	shift 2
	(cd "$T" && runuser -u "$who" -- env TZ="$TZ" SALESORG_NOW="$SALESORG_NOW" \
	    XDG_DATA_HOME="$T/xdg-$who" "$SO" --db "$d" "$@") >"$T/out" 2>"$T/err"
	RC=$?
}

# The team's template for merge.
"$SO" --db "$DB" template add tpl-team --subject Hi \
    --body "Dear {contact.last_name} {contact.email}" >/dev/null || exit 1

# The template doc fills: a .docx that is only its text.
python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], "w")
z.writestr("word/document.xml", "<w:document xmlns:w=\"http://schemas."
    "openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r>"
    "<w:t>{company.name} {company.phone}</w:t></w:r></w:p></w:body>"
    "</w:document>")' "$T/tpl.docx" || exit 1
chmod 644 "$T/tpl.docx"

# Plans of December for everyone and the team (plan).
for u in $M $C $H $A team; do
	"$SO" --db "$DB" plan set $u 2026-12 1000 >/dev/null || exit 1
done

# ---- the matrix ----

"$SO" --roles >"$T/roles" || { echo "FAIL salesorg --roles"; exit 1; }
awk 'NF == 6 && $2 ~ /^(manager|head|admin)$/' "$T/roles" >"$T/rows"
cmds=$("$SO" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
for c in $cmds; do
	grep -q "^$c " "$T/rows" || fail "$c: not in salesorg --roles"
done
check "--roles has a row per command and role" \
    [ "$(wc -l <"$T/rows")" -eq "$(( $(echo "$cmds" | wc -l) * 3 ))" ]
check "every cell is declared (no '?')" sh -c "! grep -q '?' '$T/rows'"

: >"$T/seen"
while read -r cmd role own col nob team; do
	if ! type "probe_$cmd" 2>/dev/null | grep -q function; then
		fail "$cmd: no probe in tests/cli/test_access.sh"
		continue
	fi
	targets $role
	OBS_own= OBS_col= OBS_nob= OBS_team=
	"probe_$cmd" $role
	got="$(letters "$OBS_own") $(letters "$OBS_col") $(letters "$OBS_nob") $(letters "$OBS_team")"
	echo "$cmd $role $got" >>"$T/seen"
	if [ "$got" = "$own $col $nob $team" ]; then
		ok "$cmd as $role: own $own, colleague's $col, nobody's $nob, team's $team"
	else
		fail "$cmd as $role: declared $own $col $nob $team, does $got"
	fi
done <"$T/rows"

# The leak as issue 24 found it: a manager's CSV search held colleagues'
# contacts with their mobiles while list counted his own only.
run_as $M list contacts --count
check "the manager lists one contact, his own" [ "$(cat "$T/out")" = 1 ]
run_as $M search zq --format csv
check "his CSV search holds no one else's mobile" sh -c \
    "! grep -q -e 222-22-22 -e 333-33-33 -e 444-44-44 -e 555-55-55 '$T/out'"
check "  but his own" grep -q 111-11-11 "$T/out"

# ---- the same table in salesorg(1) and the README ----

awk '{ print $1, $2, $3, $4, $5, $6 }' "$T/rows" >"$T/want"
# .It CMD Ta ROLE Ta OWN Ta COL Ta NOBODY Ta TEAM, in section ROLES
awk '/^\.Sh / { on = ($2 == "ROLES") } on && /^\.It [a-z]/ {
	gsub(/ Ta /, " "); sub(/^\.It /, ""); gsub(/\\-/, "-"); print }' \
    "$top/man/salesorg.1" >"$T/man"
check "salesorg(1)'s ROLES table is salesorg --roles" cmp -s "$T/want" "$T/man"
cmp -s "$T/want" "$T/man" || diff "$T/want" "$T/man" | sed 's/^/  /'
# | cmd | own | colleague's | nobody's | team's |, the manager's rows
awk '$2 == "manager" { print $1, $3, $4, $5, $6 }' "$T/rows" >"$T/want.m"
awk -F'|' '/^\| `[a-z]+` / { for (i = 2; i <= 6; i++) {
	gsub(/[` ]/, "", $i); printf "%s%s", $i, i < 6 ? " " : "\n" } }' \
    "$top/README" >"$T/readme"
check "the README's table is the manager's rows of salesorg --roles" \
    cmp -s "$T/want.m" "$T/readme"
cmp -s "$T/want.m" "$T/readme" || diff "$T/want.m" "$T/readme" | sed 's/^/  /'

finish
