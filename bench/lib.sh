# bench/lib.sh: what the benchmark scripts share (sourced; needs $T, a
# scratch directory, and $RUNS).  Whole-process figures: each command
# runs once to warm the caches, then RUNS times; the result is the median
# with min and max in ms, and the peak RSS in KiB from /usr/bin/time.

now_ms() { date +%s%3N; }

# median_of CMD...: prints "median min max rss", and adds the number of
# lines the command printed to $T/sizes.  A command whose warm-up
# took more than 3 s is timed 3 times rather than RUNS, and one that took
# more than 20 s only once more (calcurse importing 100 000 events takes
# a minute and a half a run; the 15-minute budget of the full run could
# not pay for five).
median_of() {
	s=$(now_ms)
	# the warm-up's output, counted in lines: the size of the result,
	# for the growth table of BENCH_SCALES (bench/run's cmp_row)
	lines=$("$@" 2>/dev/null | wc -l)
	e=$(now_ms)
	echo "$lines" >>"$T/sizes"
	n=$RUNS
	[ $((e - s)) -gt 3000 ] && [ "$n" -gt 3 ] && n=3
	[ $((e - s)) -gt 20000 ] && n=1
	: >"$T/times"
	RSS=0
	i=0
	while [ $i -lt "$n" ]; do
		s=$(now_ms)
		/usr/bin/time -f %M -o "$T/rss" "$@" >/dev/null 2>&1
		e=$(now_ms)
		echo $((e - s)) >>"$T/times"
		r=$(tail -1 "$T/rss")
		[ "$r" -gt "$RSS" ] && RSS=$r
		i=$((i + 1))
	done
	sort -n "$T/times" | awk -v rss="$RSS" '{ a[NR] = $1 } END { printf "%d %d %d %d", a[int((NR + 1) / 2)], a[1], a[NR], rss }'
}

# row NAME "med min max rss" BASE_NAME "med min max rss": side by side,
# with the ratio of the medians.
row() {
	set -- "$1" $2 "$3" $4
	ratio=$(awk -v a="$2" -v b="$7" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	printf "%-34s %6s ms (%s-%s) %6s KiB | %-28s %6s ms (%s-%s) %6s KiB | %sx\n" \
	    "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8" "$9" "${10}" "$ratio"
}

# row_one NAME "med min max rss"
row_one() {
	set -- "$1" $2
	printf "%-40s %7s ms (%s-%s) %8s KiB\n" "$1" "$2" "$3" "$4" "$5"
}

# wait_any TEXT1 TEXT2: as wait_text for whichever comes first; prints
# 1 or 2.
wait_any() {
	w=0
	while :; do
		screen=$($TM capture-pane -t b -p 2>/dev/null)
		case $screen in
		*"$1"*) echo 1; return ;;
		*"$2"*) echo 2; return ;;
		esac
		sleep 0.005
		w=$((w + 1))
		if [ $w -gt 6000 ]; then
			echo "bench: neither '$1' nor '$2' appeared" >&2
			$TM capture-pane -t b -p >&2
			exit 1
		fi
	done
}

# wait_text TEXT: polls tmux ($TM, session b) every 5 ms until TEXT is on
# the screen; gives up after 30 s with the screen on stderr, so a broken
# build cannot hang the run.
wait_text() {
	w=0
	while ! $TM capture-pane -t b -p 2>/dev/null | grep -qF -- "$1"; do
		sleep 0.005
		w=$((w + 1))
		if [ $w -gt 6000 ]; then
			echo "bench: '$1' never appeared" >&2
			$TM capture-pane -t b -p >&2
			exit 1
		fi
	done
}
