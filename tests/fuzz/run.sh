#!/bin/sh
# Runs the libFuzzer targets for `make fuzz` and `make fuzz-regress`
# (tests/fuzz/README):
#
#	run.sh run BUILD SECONDS NAME...      fuzz each target SECONDS on a
#	      copy of its corpus in BUILD/corpus-work/NAME (the committed
#	      corpus never grows), printing the executions of each
#	run.sh regress BUILD 0 NAME...        each target once over every
#	      file of its committed corpus
#
# Every target runs even after one fails, so one run shows every
# finding; the exit status is 1 if any target crashed, leaked, tripped
# UBSan or timed out.  A finding is left in BUILD/artifacts/, the log in
# BUILD/logs/NAME.log.  -timeout=10: no input may take that long
# (recur.c stops an expansion at 250 ms).
set -u
mode=$1 build=$2 seconds=$3
shift 3
dir=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$build/artifacts" "$build/logs"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$dir/lsan.supp}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
failed=
printf '%-8s %12s %8s  %s\n' target executions corpus result
for name in "$@"; do
	bin=$build/fuzz_$name
	corpus=$dir/corpus/$name
	log=$build/logs/$name.log
	set -- -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$build/artifacts/$name-"
	[ -f "$dir/$name.dict" ] && set -- "$@" -dict="$dir/$name.dict"
	if [ "$mode" = run ]; then
		work=$build/corpus-work/$name
		mkdir -p "$work"
		cp "$corpus"/* "$work"/ 2>/dev/null
		"$bin" "$@" -max_total_time="$seconds" "$work" >"$log" 2>&1
	else
		"$bin" "$@" "$corpus"/* >"$log" 2>&1
	fi
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" |
	    tail -n 1)
	if [ "$mode" = run ]; then
		size=$(ls "$work" | wc -l)
	else
		size=$(ls "$corpus" | wc -l)
	fi
	if [ $rc -eq 0 ]; then
		result=ok
	else
		result="FAILED (rc $rc, see $log)"
		failed="$failed $name"
	fi
	printf '%-8s %12s %8s  %s\n' "$name" "${execs:-?}" "$size" "$result"
done
if [ -n "$failed" ]; then
	echo "fuzz: findings in:$failed" >&2
	grep -h -A3 'ERROR: \|runtime error\|SUMMARY' \
	    $(for n in $failed; do echo "$build/logs/$n.log"; done) >&2
	exit 1
fi
