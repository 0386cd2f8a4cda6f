# The test clock, sourced by tests/cli/lib.sh and tests/tui/lib.sh.
# The clock: every script runs at one pinned moment, never the wall
# clock's (salesorg(1), SALESORG_NOW).  make check-dates runs the suites
# at other moments and in other zones through the same two variables.
: "${SALESORG_NOW:=2026-12-09T10:00}"
export SALESORG_NOW
export TZ="${SALESORG_TEST_TZ:-Europe/Moscow}"
NOW_S=$(date -d "$SALESORG_NOW" +%s) ||
	{ echo "FAIL SALESORG_NOW=$SALESORG_NOW is not a date"; exit 1; }
TODAY=$(date -d "@$NOW_S" +%F)
# day N [FORMAT]: the local date N days from today (N may be negative),
# counted from noon so that a daylight-saving change cannot move it.
day() {
	date -d "@$(( $(date -d "$TODAY 12:00" +%s) + $1 * 86400 ))" \
	    +"${2:-%F}"
}
# at_now CMD...: another program (calcurse, khal) with its clock at the
# same moment, through faketime (never around a sanitized salesorg:
# ASan refuses a preloaded library).
at_now() {
	faketime -f "@$(date -d "@$NOW_S" '+%Y-%m-%d %H:%M:%S')" "$@"
}
