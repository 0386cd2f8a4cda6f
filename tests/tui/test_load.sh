#!/bin/sh
# The load test (issue 9): 8 writer processes x 2000 writes each (an
# event, a note and a shared company's comment per transaction, the
# companies contended on purpose) while 2 organizers in tmux show the
# events list, newest first.  Afterwards: every row there, integrity ok,
# nobody printed "database is locked", and both organizers show the last
# written row within 2 s without a key press.  Then 20 writers killed
# with SIGKILL at a random moment: integrity ok, and every transaction
# wholly there or wholly absent.  Prints the figures the README quotes.
#
# Knobs: LOAD_WRITERS (8), LOAD_WRITES (2000 per writer), LOAD_KILLS (20);
# LOAD_WRITER is the writer program (make build/rel/load-writer).
. "$(dirname "$0")/lib.sh"

W=${LOAD_WRITER:-build/rel/load-writer}
NW=${LOAD_WRITERS:-8}
NP=${LOAD_WRITES:-2000}
NK=${LOAD_KILLS:-20}
[ -x "$W" ] || { echo "FAIL no load writer $W (make build/rel/load-writer)"; exit 1; }
DB="$T/load.db"

"$SALESORG" --db "$DB" init >/dev/null || exit 1
printf 'name\nООО Один\nООО Два\nООО Три\nООО Четыре\n' >"$T/c.csv"
"$SALESORG" --db "$DB" import csv companies "$T/c.csv" >/dev/null || exit 1
"$W" "$DB" first 1 >"$T/first.out" 2>&1 || { cat "$T/first.out"; exit 1; }

# Two organizers, each on its own tmux server (lib.sh's start keeps one).
tui() {	# tui NAME: starts an organizer on its own tmux server
	start_other "$T/tmux$1.sock" 120x30 "$SALESORG" --db "$DB"
}
for n in A B; do
	tui $n
	on "$T/tmux$n.sock" wait_for "Companies" 10 || fail "organizer $n starts"
	on "$T/tmux$n.sock" keys 6
	on "$T/tmux$n.sock" wait_for "first-0" 10 || fail "organizer $n shows the events"
	on "$T/tmux$n.sock" keys S
done

# The writers, all at once.
start_s=$(date +%s.%N)	# a duration, not a date
i=1
while [ $i -le "$NW" ]; do
	"$W" "$DB" "w$i" "$NP" 4 "$T/w$i.waits" >"$T/w$i.out" 2>&1 &
	i=$((i + 1))
done
wait
end_s=$(date +%s.%N)	# a duration, not a date
cat "$T"/w*.out
check "every writer finished" \
	[ "$(grep -c ' writes in ' "$T"/w*.out | awk -F: '{ s += $2 } END { print s }')" -eq "$NW" ]

# The organizers show the last row by themselves.
last=$(sqlite3 "$DB" "SELECT subject FROM events ORDER BY id DESC LIMIT 1")
for n in A B; do
	if on "$T/tmux$n.sock" wait_for "$last" 2; then ok "organizer $n shows $last by itself"
	else fail "organizer $n shows $last by itself"; on "$T/tmux$n.sock" screen | sed 's/^/  | /'; fi
	on "$T/tmux$n.sock" screen >"$T/screen$n"
done

total=$((NW * NP + 1))
check "every event is there ($total)" \
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM events")" -eq "$total" ]
check "every note is there" \
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM notes")" -eq "$total" ]
check "every write audited" [ "$(sqlite3 "$DB" \
	"SELECT count(*) FROM audit_log WHERE entity = 'event' AND action = 'create'")" -eq "$total" ]
check "integrity_check ok" [ "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok ]
check "nobody saw \"database is locked\"" \
	sh -c "! grep -qi 'locked' '$T'/w*.out '$T'/screen*"

# The figures.
awk -v s="$start_s" -v e="$end_s" -v n="$((NW * NP))" -v w="$NW" 'END {
	printf "figures: %d writers x %d writes: %.0f writes/s in all (%.1f s)\n",
	    w, n / w, n / (e - s), e - s }' </dev/null
sort -n "$T"/w*.waits | awk '{ v[NR] = $1 } END {
	printf "figures: wait for the write lock: median %.1f ms, 99th percentile %.1f ms, worst %.1f ms\n",
	    v[int((NR + 1) / 2)] / 1000, v[int(NR * 0.99)] / 1000, v[NR] / 1000 }'

# Writers killed at a random moment.
k=1
while [ $k -le "$NK" ]; do
	"$W" "$DB" "k$k" 1000000 4 >"$T/k$k.out" 2>&1 &
	pid=$!
	sleep "$(awk -v k=$k 'BEGIN { srand(); srand(srand() + k); printf "%.2f", 0.05 + rand() * 0.6 }')"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	k=$((k + 1))
done
check "integrity_check ok after $NK kills" \
	[ "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok ]
killed=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE subject LIKE 'k%'")
echo "killed writers left $killed whole transactions"
check "the killed writers wrote something" [ "$killed" -gt 0 ]
check "no event without its note" [ "$(sqlite3 "$DB" "SELECT count(*) FROM
	(SELECT subject FROM events WHERE subject LIKE 'k%' EXCEPT
	 SELECT title FROM notes WHERE title LIKE 'k%')")" -eq 0 ]
check "no note without its event" [ "$(sqlite3 "$DB" "SELECT count(*) FROM
	(SELECT title FROM notes WHERE title LIKE 'k%' EXCEPT
	 SELECT subject FROM events WHERE subject LIKE 'k%')")" -eq 0 ]
check "each company's comment is a committed marker" [ "$(sqlite3 "$DB" \
	"SELECT count(*) FROM companies WHERE comment NOT IN (SELECT subject FROM events)")" -eq 0 ]
check "no killed writer printed \"database is locked\"" \
	sh -c "! grep -qi 'locked' '$T'/k*.out"
on "$T/tmuxA.sock" screen >"$T/screenA"
on "$T/tmuxB.sock" screen >"$T/screenB"
check "the organizers are still running" \
	sh -c "! grep -q EXITED '$T/screenA' '$T/screenB'"
finish
