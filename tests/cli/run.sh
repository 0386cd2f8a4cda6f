#!/bin/sh
# Runs every tests/cli/test_*.sh against the binary in $SALESORG.
# Each script prints "ok NAME" / "FAIL NAME: why" lines and exits non-zero
# on failure.  Summary: "N passed, N failed" (scripts).
set -u
: "${SALESORG:?set SALESORG to the salesorg binary}"
export SALESORG
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
echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
