#!/bin/sh
# bench/pair.sh RUNS DB_BEFORE DB_AFTER ARGS...: one command timed on two
# builds side by side, as bench/README's "Cost that follows the result"
# was measured: BEFORE (default: an older build in $BEFORE) on DB_BEFORE
# and AFTER ($AFTER, default build/rel/salesorg) on DB_AFTER, a copy of
# the same file (an older build refuses a file a newer one migrated), a
# warm-up each, then RUNS pairs run in turn, so that a machine others
# share slows both alike.  Prints the median (min-max) ms and the peak
# RSS of each side.
#
#	BEFORE=/tmp/old/salesorg sh bench/pair.sh 7 old.db new.db agenda --all
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${BEFORE:?set BEFORE to the older salesorg binary}"
: "${AFTER:=$here/../build/rel/salesorg}"
[ $# -ge 4 ] || { echo "usage: BEFORE=BIN sh bench/pair.sh RUNS DB_BEFORE DB_AFTER ARGS..." >&2; exit 2; }
runs=$1 dba=$2 dbb=$3
shift 3
T=$(mktemp -d /tmp/so-pair-XXXXXX)
trap 'rm -rf "$T"' EXIT
. "$here/lib.sh"
"$BEFORE" --db "$dba" "$@" >/dev/null ||
	{ echo "pair: $BEFORE --db $dba $* failed" >&2; exit 1; }
"$AFTER" --db "$dbb" "$@" >/dev/null ||
	{ echo "pair: $AFTER --db $dbb $* failed" >&2; exit 1; }
: >"$T/a"
: >"$T/b"
i=0
while [ $i -lt "$runs" ]; do
	for side in a b; do
		if [ $side = a ]; then bin=$BEFORE db=$dba; else bin=$AFTER db=$dbb; fi
		s=$(now_ms)
		/usr/bin/time -f %M -o "$T/rss" "$bin" --db "$db" "$@" >/dev/null 2>&1 ||
			{ echo "pair: $bin --db $db $* failed" >&2; exit 1; }
		e=$(now_ms)
		echo "$((e - s)) $(tail -1 "$T/rss")" >>"$T/$side"
	done
	i=$((i + 1))
done
for side in a b; do
	sort -n "$T/$side" | awk -v s=$side '{ t[NR] = $1; if ($2 > r) r = $2 }
	    END { printf "%s %d (%d-%d) %.1f MiB   ", (s == "a" ? "before" : "after"),
	    t[int((NR + 1) / 2)], t[1], t[NR], r / 1024 }'
done
echo "| $*"
