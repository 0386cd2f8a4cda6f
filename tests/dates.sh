#!/bin/sh
# tests/dates.sh [NAME... | ci]: the unit, CLI and interop suites on
# other days and in other zones (make check-dates; .ci/run runs the "ci"
# part).
# Every test reads "now" from SALESORG_NOW and its zone from
# SALESORG_TEST_TZ (tests/cli/lib.sh), so a point of the matrix is just
# those two variables.  The points break what an ordinary weekday in
# Moscow lets a test assume: a weekend, the turn of a year, a leap day,
# a minute before midnight, the last day of a month, the nights the
# clocks go forward and back in Europe and in America, and zones far
# east and west of UTC.
#
# Needs $UNIT (the unit-test binary) and $SALESORG.  The suites run with
# the project's clock, not under faketime: ASan refuses a preloaded
# library, and the shared-database tests run set-id programs that drop
# one.  Other programs a test runs (calcurse, khal) get the same moment
# through faketime (at_now in tests/cli/lib.sh); tests/clock.sh keeps
# the wall clock out of the code and the scripts.
set -u
: "${UNIT:?set UNIT to the unit-test binary}"
: "${SALESORG:?set SALESORG to the salesorg binary}"
export SALESORG

# name			now			zone
MATRIX='
saturday		2026-12-05T10:00	Asia/Vladivostok
sunday			2026-12-06T10:00	America/Los_Angeles
new-year		2027-01-01T09:00	Europe/Kaliningrad
leap-day		2028-02-29T10:00	Europe/Moscow
year-end-2359		2026-12-31T23:59	Asia/Vladivostok
month-end		2027-04-30T18:00	America/Los_Angeles
berlin-spring-night	2027-03-28T01:30	Europe/Berlin
berlin-autumn-night	2026-10-25T02:30	Europe/Berlin
newyork-spring-night	2027-03-14T01:30	America/New_York
newyork-autumn-night	2026-11-01T01:30	America/New_York
'

# "ci": the part .ci/run has time for -- a weekend day in a zone far
# east and a night the clocks go forward.
CI_POINTS="saturday berlin-spring-night"

dir=$(cd "$(dirname "$0")" && pwd)
want=" $* "
case $want in
*" ci "*) want=" $* $CI_POINTS " ;;
esac
passed=0
failed=0
suites() {
	"$UNIT" && sh "$dir/run-scripts.sh" cli "$dir/cli" &&
	    sh "$dir/run-scripts.sh" interop "$dir/interop"
}

# One point: both suites, output kept for a failure only.
point() {
	log=$(mktemp /tmp/so-dates-XXXXXX)
	if (export SALESORG_NOW="$2" SALESORG_TEST_TZ="$3" TZ="$3"; suites) \
	    </dev/null >"$log" 2>&1; then
		echo "ok dates $1 ($2 $3)"
		passed=$((passed + 1))
	else
		grep -E '^FAIL|passed, [0-9]+ failed' "$log" | sed 's/^/  /'
		echo "FAIL dates $1 ($2 $3)"
		failed=$((failed + 1))
	fi
	rm -f "$log"
}

echo "$MATRIX" | {
	while read -r name now zone; do
		[ -n "$name" ] || continue
		case $want in
		"  ") ;;
		*" $name "*) ;;
		*) continue ;;
		esac
		point "$name" "$now" "$zone"
	done
	echo "dates: $passed passed, $failed failed"
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}
