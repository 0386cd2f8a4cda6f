#!/bin/sh
# bench/list.sh: whole-process timings of salesorg beside a baseline doing the
# same work with the bare sqlite3 shell, in the same run.  Each figure is
# the median of RUNS runs after one warm-up, with min and max; peak RSS
# from /usr/bin/time.  TUI figures are measured in tmux from the key press
# until the expected text is on the screen (polling every 5 ms).
set -u
cd "$(dirname "$0")/.."
: "${SALESORG:=$PWD/salesorg}"
RUNS=${RUNS:-7}
N=${N:-300000}
T=$(mktemp -d /tmp/so-bench-XXXXXX)
trap 'for s in "$T"/s*; do tmux -S "$s" kill-server 2>/dev/null; done; rm -rf "$T"' EXIT
DB="$T/bench.db"
export SALESORG

. bench/lib.sh

echo "generating $N contacts ..."
SALESORG=$SALESORG sh bench/gen-list.sh "$DB" "$N" $((N / 3))
echo "salesorg $("$SALESORG" --version | head -1); $RUNS runs each, median (min-max)"
echo

a=$(median_of "$SALESORG" --db "$DB" check)
b=$(median_of sqlite3 "$DB" "PRAGMA integrity_check; PRAGMA foreign_key_check;")
row "check" "$a" "sqlite3 integrity+fk check" "$b"

a=$(median_of "$SALESORG" --db "$DB" backup "$T/copy.db")
b=$(median_of sqlite3 "$DB" ".backup $T/copy2.db")
row "backup" "$a" "sqlite3 .backup" "$b"

# The bare keyset page query the list runs, as a whole process.
a=$(median_of sqlite3 "$DB" "SELECT * FROM contacts t WHERE t.deleted_at IS NULL AND (t.last_name, t.id) > ('Фамилия150000', 0) ORDER BY t.last_name, t.id LIMIT 35;")
b=$(median_of sqlite3 "$DB" "SELECT 1;")
row "sqlite3 one page (keyset)" "$a" "sqlite3 SELECT 1" "$b"

# TUI in tmux, 120x40 (35 list rows).
tui_once() {	# prints: first-paint End 100xPgDn filter (ms)
	# a fresh tmux server per run: a killed one may linger on its socket
	TM="tmux -S $T/s$i -f /dev/null"
	$TM new-session -d -s b -x 120 -y 40 "env TERM=screen-256color LANG=C.UTF-8 /usr/bin/time -f %M -o $T/tui.rss $SALESORG --db $DB; sleep 30"
	wait_text "Companies ("
	e1=$(now_ms)
	$TM send-keys -t b 2
	wait_text "Contacts ($N)"
	s=$(now_ms); $TM send-keys -t b End; wait_text "Фамилия$(printf %06d "$N")"; e2=$(now_ms)
	$TM send-keys -t b Home; wait_text "Фамилия000001"
	keys=""
	i=0; while [ $i -lt 100 ]; do keys="$keys NPage"; i=$((i + 1)); done
	s3=$(now_ms); $TM send-keys -t b $keys; wait_text "Фамилия003501"; e3=$(now_ms)
	s4=$(now_ms); $TM send-keys -t b /; $TM send-keys -t b -l "фамилия250000"; wait_text "Contacts (1)"; e4=$(now_ms)
	$TM send-keys -t b Escape Q
	while [ ! -s "$T/tui.rss" ]; do sleep 0.01; done
	$TM kill-server 2>/dev/null
	echo "$((e1 - s0)) $((e2 - s)) $((e3 - s3)) $((e4 - s4)) $(tail -1 "$T/tui.rss")"
	rm -f "$T/tui.rss"
}
: >"$T/tui"
i=0
while [ $i -le "$RUNS" ]; do
	s0=$(now_ms)
	out=$(tui_once)
	[ $i -gt 0 ] && echo "$out" >>"$T/tui"	# run 0 is the warm-up
	i=$((i + 1))
done
echo
for col in 1 2 3 4; do
	name=$(echo "first paint (launch to list)|End on $N contacts|100 x PageDown|quick filter, 13 keys, 1 hit" | cut -d'|' -f$col)
	sort -n -k$col "$T/tui" | awk -v c=$col -v name="$name" '{ a[NR] = $c } END { printf "TUI %-30s %6d ms (%d-%d)\n", name, a[int((NR + 1) / 2)], a[1], a[NR] }'
done
sort -n -k5 "$T/tui" | awk '{ a[NR] = $5 } END { printf "TUI peak RSS                       %6d KiB (max of runs)\n", a[NR] }'
