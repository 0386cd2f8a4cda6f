#!/bin/sh
# A shared database on one server (issue 9, guarded and plain modes),
# with real Unix users: make install-shared puts a setgid salesorg under
# $T/prefix, init --shared makes the guarded database, and then
#  - alice and bob both work in it through salesorg;
#  - alice cannot cat, cp or sqlite3 the database, its -wal or its -shm;
#  - what alice exports, backs up or prints belongs to alice and her own
#    group, and she cannot write into or read from the guarded directory
#    through salesorg either;
#  - lpr, run by salesorg, has alice's groups only (real, effective and
#    saved), no descriptor of the database, no SQLITE_TMPDIR or TMPDIR,
#    and cannot look into its non-dumpable parent;
#  - plain mode: a group alice and bob belong to, files 0660, both work.
# Needs root (CI runs as root): useradd, groupadd, runuser.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	echo "skip: needs root"
	exit 0
fi
for c in useradd userdel groupadd groupdel usermod runuser getent \
    sqlite3 findmnt; do
	if ! command -v "$c" >/dev/null 2>&1; then
		echo "skip: needs $c"
		exit 0
	fi
done
if findmnt -n -o OPTIONS -T "$T" | tr ',' '\n' | grep -qx nosuid; then
	echo "skip: $T is on a nosuid file system (setgid has no effect)"
	exit 0
fi

top=$(cd "$(dirname "$0")/../.." && pwd)
SALESORG=$(cd "$(dirname "$SALESORG")" && pwd)/$(basename "$SALESORG")
# Short, unlikely names: a group or user name is at most 32 bytes.
G=sog$$		# the guarded group: nobody is a member
P=sop$$		# the plain group: alice and bob are members
A=soa$$
B=sob$$
cleanup() {
	userdel "$A" 2>/dev/null
	userdel "$B" 2>/dev/null
	groupdel "$G" 2>/dev/null
	groupdel "$P" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
groupadd "$P" || { echo "FAIL groupadd"; exit 1; }
useradd -M -N -g users -G "$P" -d "$T/home-a" -s /bin/sh "$A" &&
    useradd -M -N -g users -G "$P" -d "$T/home-b" -s /bin/sh "$B" ||
    { echo "FAIL useradd"; exit 1; }
AGROUP=$(id -gn "$A")
# alice must be able to reach $T/prefix/bin and her own files
chmod 755 "$T"
mkdir "$T/home-a" "$T/home-b" "$T/bin"
chown "$A:users" "$T/home-a"
chown "$B:users" "$T/home-b"

# as WHO CMD...: runs CMD as WHO with $T/bin (the lpr stub) on PATH,
# stdout in $T/out, stderr in $T/err, status in $RC; from a directory
# alice can enter.
as() {
	who=$1
	shift
	(cd "$T" && runuser -u "$who" -- env PATH="$T/bin:$PATH" "$@") \
	    >"$T/out" 2>"$T/err"
	RC=$?
}
modes() { stat -c '%a %U:%G' "$@"; }

# ---- install ----
make -s -C "$top" install-shared INSTALL_BIN="$SALESORG" \
    PREFIX="$T/prefix" GROUP="$G" >"$T/make.out" 2>&1
check "make install-shared exits 0" [ $? -eq 0 ]
check "install-shared created the group" sh -c "getent group '$G' >/dev/null"
S=$T/prefix/bin/salesorg
check "binary is root:$G mode 2755" [ "$(modes "$S")" = "2755 root:$G" ]
check "man page installed" [ -f "$T/prefix/share/man/man1/salesorg.1" ]

# ---- init --shared (refusals first) ----
run init --shared nosuchgroup$$ "$T/x/team.db"
check "init --shared: unknown group refused" [ "$RC" -ne 0 ]
check "init --shared: says no group" grep -q "no group \"nosuchgroup$$\"" "$T/err"
run init --shared "$G" --admin nosuchlogin$$ "$T/x/team.db"
check "init --shared: unknown --admin login refused" grep -q "no Unix login \"nosuchlogin$$\"" "$T/err"
check "init --shared: refused before making anything" [ ! -e "$T/x" ]
mkdir -m 755 "$T/open"
run init --shared "$G" "$T/open/team.db"
check "init --shared: directory open to others refused" [ "$RC" -ne 0 ]
check "init --shared: says others may enter" grep -q "others may enter" "$T/err"
check "init --shared: left the open directory alone" [ "$(modes "$T/open")" = "755 root:root" ]
mkdir -m 700 "$T/busy" && touch "$T/busy/notes.txt"
run init --shared "$G" "$T/busy/team.db"
check "init --shared: a directory with other files refused" [ "$RC" -ne 0 ]
check "init --shared: names the other file" grep -q "notes.txt" "$T/err"
as "$A" "$SALESORG" init --plain "$G" "$T/home-a/own/team.db"
check "init --plain: chgrp to a group one is not in refused" [ "$RC" -ne 0 ]
check "init --plain: says it cannot give it to the group" grep -q "cannot give it to group $G" "$T/err"

DB=$T/srv/team.db
# umask 077: the -wal and -shm still get 0660
(umask 077 && "$S" init --shared "$G" --admin "$A" "$DB") >"$T/out" 2>"$T/err"
check "init --shared exits 0" [ $? -eq 0 ]
check "init --shared names the mode and admin" grep -q "guarded shared database, group $G, .*admin $A" "$T/out"
check "directory is 2770 root:$G" [ "$(modes "$T/srv")" = "2770 root:$G" ]
for f in "$DB" "$DB-wal" "$DB-shm"; do
	check "${f#$T/} is 660 root:$G" [ "$(modes "$f")" = "660 root:$G" ]
done

# ---- alice and bob work through salesorg ----
as "$A" "$S" --db "$DB" user add "$B"
check "alice (admin) adds bob" [ "$RC" -eq 0 ]
printf 'name\nАльфа\n' >"$T/alfa.csv"
printf 'name\nБета\n' >"$T/beta.csv"
chmod 644 "$T/alfa.csv" "$T/beta.csv"
as "$A" "$S" --db "$DB" import csv company "$T/alfa.csv"
check "alice adds a company" [ "$RC" -eq 0 ]
# (search: a manager sees every company; his list and exports are his own)
as "$B" "$S" --db "$DB" search Альфа
check "bob finds alice's company" grep -q "Альфа" "$T/out"
as "$B" "$S" --db "$DB" import csv company "$T/beta.csv"
check "bob adds a company" [ "$RC" -eq 0 ]
as "$A" "$S" --db "$DB" list company
check "alice lists bob's company" grep -q "Бета" "$T/out"
# Whoever opened it, the files are still the group's, not a user's.
for f in "$DB" "$DB-wal" "$DB-shm"; do
	check "${f#$T/} still 660 root:$G after use" [ "$(modes "$f")" = "660 root:$G" ]
done
check "no other file appeared in the directory" \
    [ "$(ls "$T/srv" | wc -l)" -eq 3 ]

# ---- alice cannot take the file ----
for f in "$DB" "$DB-wal" "$DB-shm"; do
	as "$A" cat "$f"
	check "alice: cat ${f#$T/} fails" [ "$RC" -ne 0 ]
	check "alice: cat ${f#$T/}: Permission denied" grep -q "Permission denied" "$T/err"
	as "$A" cp "$f" "$T/home-a/copy"
	check "alice: cp ${f#$T/}: Permission denied" grep -q "Permission denied" "$T/err"
done
check "alice: no copy was made" [ ! -e "$T/home-a/copy" ]
as "$A" sqlite3 "$DB" "SELECT name FROM companies"
check "alice: sqlite3 of the database fails" [ "$RC" -ne 0 ]
check "alice: sqlite3 cannot open it" grep -q "unable to open database" "$T/err"
check "alice: sqlite3 printed no data" [ ! -s "$T/out" ]
as "$A" sqlite3 "file:$DB?mode=ro" "SELECT name FROM companies"
check "alice: sqlite3 read-only fails too" [ "$RC" -ne 0 ]

# ---- what alice exports, backs up and prints is hers ----
as "$A" "$S" --db "$DB" list company -o "$T/home-a/companies.csv"
check "alice: list -o exits 0" [ "$RC" -eq 0 ]
check "alice's export belongs to $A:$AGROUP" \
    [ "$(stat -c %U:%G "$T/home-a/companies.csv")" = "$A:$AGROUP" ]
check "alice's export has the data" grep -q "Альфа" "$T/home-a/companies.csv"
as "$A" "$S" --db "$DB" journal --all -o "$T/home-a/journal.txt"
check "alice: journal -o exits 0" [ "$RC" -eq 0 ]
check "alice's report belongs to $A:$AGROUP" \
    [ "$(stat -c %U:%G "$T/home-a/journal.txt")" = "$A:$AGROUP" ]
as "$A" "$S" --db "$DB" export vcard -o "$T/home-a/contacts.vcf"
check "alice's vcard export belongs to $A:$AGROUP" \
    [ "$(stat -c %U:%G "$T/home-a/contacts.vcf")" = "$A:$AGROUP" ]
as "$A" "$S" --db "$DB" backup "$T/home-a/backup.db"
check "alice (admin): backup exits 0" [ "$RC" -eq 0 ]
check "alice's backup belongs to $A:$AGROUP" \
    [ "$(stat -c %U:%G "$T/home-a/backup.db")" = "$A:$AGROUP" ]
check "alice's backup holds the companies" \
    [ "$(sqlite3 "$T/home-a/backup.db" "SELECT count(*) FROM companies")" -eq 2 ]
# Through salesorg, the guarded directory is as closed as from her shell.
as "$A" "$S" --db "$DB" list company -o "$T/srv/leak.csv"
check "alice: export into the guarded directory refused" [ "$RC" -ne 0 ]
check "alice: export into it: Permission denied" grep -q "Permission denied" "$T/err"
as "$A" "$S" --db "$DB" backup "$T/srv/leak.db"
check "alice: backup into the guarded directory refused" [ "$RC" -ne 0 ]
check "still only the database's files in the directory" \
    [ "$(ls "$T/srv" | wc -l)" -eq 3 ]
as "$A" "$S" --db "$T/srv/mine.db" init
check "alice: no new database in the guarded directory" [ "$RC" -ne 0 ]
check "alice: new database there: Permission denied" grep -q "Permission denied" "$T/err"
as "$A" "$S" --db "$T/home-a/mine.db" init
check "alice: a database of her own in her directory" [ "$RC" -eq 0 ]
check "alice's own database belongs to $A" \
    [ "$(stat -c %U "$T/home-a/mine.db")" = "$A" ]
as "$A" "$S" --db "$DB" import csv company "$DB" --dry-run
check "alice: import from the guarded file refused" [ "$RC" -ne 0 ]
check "alice: import from it: Permission denied" grep -q "Permission denied" "$T/err"

# ---- lpr runs as alice, without the group ----
cat >"$T/bin/lpr" <<EOF
#!/bin/sh
# A stub lpr: what it was given, and what it could reach.
{
	echo "gid \$(id -g)"
	echo "groups \$(id -G)"
	grep '^Gid:' /proc/\$\$/status
	echo "args \$*"
	echo "--- env"
	env
	echo "--- fds"
	ls -l /proc/\$\$/fd/
	echo "--- parent"
	ls /proc/\$PPID/fd/ 2>&1
	sed -n 's/^Gid:/parent-gid/p' /proc/\$PPID/status
} >"$T/home-a/lpr.log"
exit 0
EOF
chmod 755 "$T/bin/lpr"
AGID=$(id -g "$A")
mkdir "$T/home-a/tmp" && chown "$A" "$T/home-a/tmp"
as "$A" env SQLITE_TMPDIR="$T/home-a/tmp" TMPDIR="$T/home-a/tmp" \
    SO_KEPT=yes "$S" --db "$DB" journal --all --print
check "alice: journal --print exits 0" [ "$RC" -eq 0 ]
check "lpr ran" [ -s "$T/home-a/lpr.log" ]
check "lpr: id -g is alice's group" grep -qx "gid $AGID" "$T/home-a/lpr.log"
check "lpr: id -G has not $G" sh -c "! grep '^groups' '$T/home-a/lpr.log' | grep -qw '$(getent group "$G" | cut -d: -f3)'"
check "lpr: real, effective, saved and fs group all alice's" \
    grep -qE "^Gid:[[:space:]]+$AGID[[:space:]]+$AGID[[:space:]]+$AGID[[:space:]]+$AGID\$" "$T/home-a/lpr.log"
check "lpr: no descriptor of the database" sh -c "! grep -q 'team.db' '$T/home-a/lpr.log'"
check "lpr: its environment is passed on" grep -qx "SO_KEPT=yes" "$T/home-a/lpr.log"
check "lpr: SQLITE_TMPDIR removed by the setgid salesorg" sh -c "! grep -q '^SQLITE_TMPDIR=' '$T/home-a/lpr.log'"
check "lpr: TMPDIR removed by the setgid salesorg" sh -c "! grep -q '^TMPDIR=' '$T/home-a/lpr.log'"
check "the PDF was not made in alice's TMPDIR" sh -c "! grep '^args' '$T/home-a/lpr.log' | grep -q '$T/home-a/tmp'"
check "salesorg is not dumpable: lpr (alice) cannot list its descriptors" \
    grep -q "Permission denied" "$T/home-a/lpr.log"
# (printing, salesorg is the user; the group waits in the saved ID)
GGID=$(getent group "$G" | cut -d: -f3)
check "on the team's database salesorg keeps the group (saved)" \
    grep -qE "^parent-gid[[:space:]]+$AGID[[:space:]]+$AGID[[:space:]]+$GGID" \
    "$T/home-a/lpr.log"

# ---- a database alice made (and could craft) is opened without the
# group: its schema is hers, so nothing in it runs with the key ----
# (home-a/mine.db, made by alice above)
rm -f "$T/home-a/lpr.log"
as "$A" "$S" --db "$T/home-a/mine.db" journal --print
check "alice: journal --print on her own database exits 0" [ "$RC" -eq 0 ]
check "salesorg gave the group up for good before opening it" \
    grep -qE "^parent-gid[[:space:]]+$AGID[[:space:]]+$AGID[[:space:]]+$AGID[[:space:]]+$AGID\$" \
    "$T/home-a/lpr.log"

# ---- a writer holding the lock is named by its login, though a setgid
# process's /proc directory belongs to root ----
awk 'BEGIN { print "name"; for (i = 0; i < 40000; i++) print "Гамма " i }' \
    >"$T/many.csv"
chmod 644 "$T/many.csv"
(cd "$T" && runuser -u "$B" -- "$S" --db "$DB" import csv company \
    "$T/many.csv" >"$T/bob-import.out" 2>&1) &
importer=$!
named=0
i=0
while [ $i -lt 200 ] && kill -0 $importer 2>/dev/null; do
	(cd "$T" && runuser -u "$A" -- env SALESORG_BUSY_TIMEOUT=50 \
	    SALESORG_BUSY_LIMIT=100 "$S" --db "$DB" config set \
	    agenda.startup off) >"$T/out" 2>"$T/err"
	if [ $? -eq 3 ]; then
		grep -q "the database is busy: $B (pid" "$T/err" && named=1
		break
	fi
	i=$((i + 1))
done
wait $importer
check "bob's import went through" grep -q "40000 companies imported" \
    "$T/bob-import.out"
check "alice, kept waiting, is told bob holds the lock" [ "$named" -eq 1 ]

# ---- plain mode: an ordinary group, a binary without setgid ----
PDB=$T/plain/team.db
(umask 077 && "$SALESORG" init --plain "$P" --admin "$A" "$PDB") >"$T/out" 2>"$T/err"
check "init --plain exits 0" [ $? -eq 0 ]
check "init --plain says plain" grep -q "plain shared database, group $P" "$T/out"
check "plain: directory 2770 :$P" [ "$(stat -c '%a %G' "$T/plain")" = "2770 $P" ]
as "$A" "$SALESORG" --db "$PDB" user add "$B"
as "$A" "$SALESORG" --db "$PDB" import csv company "$T/alfa.csv"
check "plain: alice adds a company" [ "$RC" -eq 0 ]
as "$B" "$SALESORG" --db "$PDB" search Альфа
check "plain: bob finds it" grep -q "Альфа" "$T/out"
for f in "$PDB" "$PDB-wal" "$PDB-shm"; do
	check "plain: ${f#$T/} is 660 group $P" [ "$(stat -c '%a %G' "$f")" = "660 $P" ]
done
# What plain mode does not do (the README says so): a member copies it.
as "$B" cp "$PDB" "$T/home-b/copy.db"
check "plain: bob, a member, can copy the file (as documented)" [ "$RC" -eq 0 ]

# ---- an existing database converted ----
mkdir -m 700 "$T/conv"
"$SALESORG" --db "$T/conv/old.db" init >/dev/null 2>&1
chmod 600 "$T/conv/old.db"
run init --shared "$G" --admin "$B" "$T/conv/old.db"
check "init --shared converts an existing database" [ "$RC" -eq 0 ]
check "converted: 660 root:$G" [ "$(modes "$T/conv/old.db")" = "660 root:$G" ]
as "$B" "$S" --db "$T/conv/old.db" user list
check "converted: bob is its administrator" grep -q "^$B  *admin" "$T/out"
finish
