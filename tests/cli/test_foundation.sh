#!/bin/sh
# The command line of issue 2: help, version, usage errors, init with the
# default path, and refusals that name the file and leave it unchanged.
. "$(dirname "$0")/lib.sh"

run --help
check "help exits 0" [ "$RC" -eq 0 ]
for c in init demo check backup agenda config export import; do
	check "help lists $c" grep -q "^  $c" "$T/out"
done
# Every command listed answers --help with its usage, on stdout, exit 0.
cmds=$(sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' "$T/out" | sort -u)
check "help lists every command" [ "$(echo "$cmds" | wc -l)" -ge 18 ]
bad=
for c in $cmds; do
	"$SALESORG" --db "$T/none.db" "$c" --help >"$T/h" 2>"$T/herr" &&
	    grep -q "^usage: salesorg .* $c" "$T/h" && [ ! -s "$T/herr" ] ||
	    bad="$bad $c"
done
check "every command's --help (bad:$bad)" [ -z "$bad" ]
check "--help wrote no database" [ ! -e "$T/none.db" ]
run list companies --limit 1 --help
check "--help anywhere among a command's options" grep -q "^usage: .* list ENTITY" "$T/out"

# The global options after the command, as before it.
run init --db "$T/after.db"
run agenda --db "$T/after.db" --now 2026-12-05T08:00 --days 1
check "--db and --now after the command" sh -c \
    "[ $RC -eq 0 ] && grep -q 'nothing due' '$T/out'"
run list companies --count --db="$T/after.db"
check "--db=FILE after the command" sh -c "[ $RC -eq 0 ] && [ \"\$(cat '$T/out')\" = 0 ]"
run agenda --db
check "--db without its value: exit 2" sh -c \
    "[ $RC -eq 2 ] && grep -q -- '--db: a value is needed' '$T/err'"
run --now tomorrow agenda
check "--now refuses a relative moment" sh -c \
    "[ $RC -eq 2 ] && grep -q 'is relative' '$T/err'"

# An error quoting a file name with escape sequences shows them as ^[,
# never sends them to the terminal.
bad=$(printf 'a\033]0;pwn\007.xls')
cp "$(dirname "$0")/../data/companies.xlsx" "$T/$bad"
run --db "$T/after.db" import xls companies "$T/$bad"
check "a file name's escape sequence in an error is made visible" sh -c \
    "[ $RC -eq 1 ] && grep -q 'a^\[\]0;pwn^G.xls' '$T/err' && \
    ! grep -q \"\$(printf '\033')\" '$T/err'"

run --version
check "version" grep -q '^salesorg [0-9]' "$T/out"
run frobnicate
check "unknown command exits 2" [ "$RC" -eq 2 ]
check "unknown command says so" grep -q "unknown command 'frobnicate'" "$T/err"
run --bogus
check "unknown option exits 2" [ "$RC" -eq 2 ]
run init extra
check "init with extra argument exits 2" [ "$RC" -eq 2 ]
run backup
check "backup without FILE exits 2" [ "$RC" -eq 2 ]

# Default database: $XDG_DATA_HOME/salesorg/salesorg.db, mode 0600.
run init
check "init on default path exits 0" [ "$RC" -eq 0 ]
f="$XDG_DATA_HOME/salesorg/salesorg.db"
check "default database created" [ -f "$f" ]
check "default database is mode 600" [ "$(stat -c %a "$f")" = 600 ]
# the newest migration's number is the schema version
LATEST=$(ls "$(dirname "$0")/../../sql" | sed -n 's/^0*\([0-9][0-9]*\)_.*\.sql$/\1/p' |
    sort -n | tail -n 1)
check "init reports schema ($LATEST) and admin" \
    grep -q "schema version $LATEST, user .* (admin)" "$T/out"

# refused FILE WHAT CMD...: the command fails with exit 1, one line on
# stderr naming the file, and the file's bytes are unchanged.
refused() {
	file=$1
	what=$2
	shift 2
	before=$(sum "$file")
	run --db "$file" "$@"
	check "$what: $* exits 1" [ "$RC" -eq 1 ]
	check "$what: $* names the file" grep -q "$(basename "$file")" "$T/err"
	check "$what: $* one line" [ "$(wc -l <"$T/err")" -eq 1 ]
	check "$what: $* leaves the file unchanged" [ "$(sum "$file")" = "$before" ]
	check "$what: $* leaves no WAL" [ ! -e "$file-wal" ]
}

# Not a database at all.
printf 'Название;Телефон\nРомашка;+7 843\n' >"$T/text.db"
for cmd in init check demo "backup $T/copy.db"; do
	# shellcheck disable=SC2086
	refused "$T/text.db" "text file" $cmd
done
check "text file: stderr explains" grep -q "not a salesorg database" "$T/err"

# Truncated: a real database cut short.
run --db "$T/big.db" demo
check "demo for truncation exits 0" [ "$RC" -eq 0 ]
truncate -s 16384 "$T/big.db"
for cmd in init check "backup $T/copy.db"; do
	# shellcheck disable=SC2086
	refused "$T/big.db" "truncated" $cmd
done
check "truncated: stderr explains" grep -q "truncated" "$T/err"

# Read-only file (mode bits, so it holds for root too).
run --db "$T/ro.db" init
chmod 444 "$T/ro.db"
refused "$T/ro.db" "read-only" init
check "read-only: stderr explains" grep -q "read-only" "$T/err"
run --db "$T/ro.db" check
check "read-only database can still be checked" [ "$RC" -eq 0 ]

# Newer schema than this binary.
sqlite3 "$T/new.db" "CREATE TABLE x (y); PRAGMA user_version = 999;"
refused "$T/new.db" "newer" init
check "newer: stderr explains" grep -q "newer than this salesorg" "$T/err"

# A missing file is not created by check.
run --db "$T/nothere.db" check
check "check of a missing file exits 1" [ "$RC" -eq 1 ]
check "check does not create the file" [ ! -e "$T/nothere.db" ]

# check finds a broken foreign key and exits non-zero.
run --db "$T/fk.db" init
sqlite3 "$T/fk.db" "INSERT INTO contacts (last_name, company_id, created_at, updated_at) VALUES ('Orphan', 777, 0, 0);"
run --db "$T/fk.db" check
check "check with a broken foreign key exits 1" [ "$RC" -eq 1 ]
check "check names the table" grep -q contacts "$T/out"

# Busy: another process holds the write lock past the busy limit (the
# write retries until then) -> exit 3.
run --db "$T/busy.db" init
( printf 'BEGIN IMMEDIATE;\nINSERT INTO settings VALUES ("x", "y");\n'; sleep 3; printf 'COMMIT;\n' ) |
	sqlite3 "$T/busy.db" &
sleep 0.5
SALESORG_BUSY_TIMEOUT=300 SALESORG_BUSY_LIMIT=1000 "$SALESORG" --db "$T/busy.db" demo >"$T/out" 2>"$T/err"
RC=$?
check "locked database exits 3" [ "$RC" -eq 3 ]
check "locked database says busy" grep -q "busy" "$T/err"
check "and names the holder, not \"locked\"" sh -c "grep -q 'sqlite3)' '$T/err' && ! grep -q locked '$T/err'"
wait

finish
