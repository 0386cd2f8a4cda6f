#!/bin/sh
# Runs every tests/tui/test_*.sh (each drives salesorg inside tmux).
set -u
: "${SALESORG:?set SALESORG to the salesorg binary}"
export SALESORG
command -v tmux >/dev/null || { echo "tui: tmux is not installed"; exit 1; }
dir=$(dirname "$0")
passed=0
failed=0
for t in "$dir"/test_*.sh; do
	if sh "$t"; then
		passed=$((passed + 1))
	else
		echo "FAIL $t"
		failed=$((failed + 1))
	fi
done
echo "tui: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
