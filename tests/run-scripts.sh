#!/bin/sh
# tests/run-scripts.sh NAME DIR: runs every DIR/test_*.sh against the
# binary in $SALESORG.  Each script prints "ok ..." / "FAIL ..." lines and
# exits non-zero on failure.  Summary: "NAME: N passed, N failed" (scripts).
set -u
: "${SALESORG:?set SALESORG to the salesorg binary}"
export SALESORG
name=$1
dir=$2
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
echo "$name: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
