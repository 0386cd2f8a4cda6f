# Shared helpers for CLI test scripts (sourced).  Each script gets a
# scratch directory $T, removed on exit, and a failure count.
set -u
T=$(mktemp -d /tmp/so-cli-XXXXXX)
trap 'rm -rf "$T"' EXIT
FAILS=0
# The clock: SALESORG_NOW, TZ, NOW_S, TODAY, day and at_now.
. "$(dirname "$0")/../clock-lib.sh"
export XDG_DATA_HOME="$T/xdg"

ok() { echo "ok $1"; }
fail() { echo "FAIL $1"; FAILS=$((FAILS + 1)); }

# check NAME CONDITION...: runs the condition, reports.
check() {
	name=$1
	shift
	if "$@"; then ok "$name"; else fail "$name"; fi
}

# run CMD...: runs salesorg, keeping stdout in $T/out, stderr in $T/err
# and the exit status in $RC.
run() {
	"$SALESORG" "$@" >"$T/out" 2>"$T/err"
	RC=$?
}

sum() { cksum <"$1"; }
# After rows written with the sqlite3 shell, which the search index does
# not follow (sql/012_index_kept_by_store.sql): every index rebuilt.
reindex() {
	sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' AND
	    sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%'" |
	while read -r fts; do
		sqlite3 "$1" "INSERT INTO $fts ($fts) VALUES ('rebuild')"
	done
}

finish() {
	[ "$FAILS" -eq 0 ]
	exit $?
}
