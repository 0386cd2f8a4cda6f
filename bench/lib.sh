# bench/lib.sh: what the benchmark scripts share (sourced; needs $T, a
# scratch directory, and $RUNS).  Whole-process figures: each command
# runs once to warm the caches, then RUNS times; the result is the median
# with min and max in ms, and the peak RSS in KiB from /usr/bin/time.

now_ms() { date +%s%3N; }

# median_of CMD...: prints "median min max rss".
median_of() {
	"$@" >/dev/null 2>&1
	: >"$T/times"
	RSS=0
	i=0
	while [ $i -lt "$RUNS" ]; do
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
