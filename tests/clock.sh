#!/bin/sh
# tests/clock.sh: fails when something outside the clock reads the wall
# clock for a date.  In the code, "now" comes from dt_now() (src/
# base/datetime.c), which SALESORG_NOW and --now pin; in the test scripts,
# from $NOW_S, $TODAY and day() (tests/cli/lib.sh).  A time(NULL),
# gettimeofday, CLOCK_REALTIME or SQLite 'now' in the code, or a bare
# `date` or SQLite 'now' in a script, would make a test's day depend on
# the real one again -- and CI red on some day of the year.
# Allowed: monotonic clocks and lines marked "a duration, not a date"
# (timeouts), and the UUID fallback in src/store/hooks.c, which wants
# uniqueness, not a date.
set -u
cd "$(dirname "$0")/.."
code=$(grep -nE '\btime\((NULL|0)\)|gettimeofday|CLOCK_REALTIME|'"'now'" \
    $(find src -name '*.c') | grep -v '^src/base/datetime\.c:' |
    grep -v '^src/store/hooks\.c:[0-9]*:.*(uint64_t)time(NULL)')
scripts=$(grep -nE '\$\(date( +\+[^)]*)?\)|\$\(date \+|'"'now'" \
    tests/cli/*.sh tests/interop/*.sh tests/tui/*.sh | grep -v 'a duration, not a date')
rc=0
if [ -n "$code" ]; then
	echo "$code"
	echo "FAIL the code reads the wall clock outside dt_now (src/base/datetime.c)"
	rc=1
fi
if [ -n "$scripts" ]; then
	echo "$scripts"
	echo "FAIL a test script reads the wall clock (use \$NOW_S, \$TODAY, day)"
	rc=1
fi
[ $rc -eq 0 ] && echo "ok one clock"
exit $rc
