#!/bin/sh
# What a command loads at start (include/base/dlib.h): the binary links
# none of the format libraries, `--version` and an agenda without a
# recurring event never open libical, nor one whose rule the store
# expands itself, and an agenda with any other rule opens it and still
# expands the rule.  The dynamic loader's own log
# (LD_DEBUG=libs) says which libraries a process opened.
. "$(dirname "$0")/lib.sh"

# opened FILE SONAME: the loader's log FILE shows SONAME loaded.
opened() { grep -q "calling init: .*/$2\$" "$1"; }

check "the binary links no format or PDF library" sh -c \
	"! ldd '$SALESORG' | grep -E 'libical|libzip|libexpat|libfreexl|libcairo|libpango'"

LD_DEBUG=libs "$SALESORG" --version >"$T/out" 2>"$T/libs"
check "--version: exit 0" [ $? -eq 0 ]
check "--version opens libsqlite3 (the log is read right)" \
	opened "$T/libs" libsqlite3.so.0
check "--version opens no libical" sh -c "! grep -q 'libical' '$T/libs'"

DB="$T/empty.db"
"$SALESORG" --db "$DB" init >/dev/null 2>&1 || exit 1
LD_DEBUG=libs "$SALESORG" --db "$DB" agenda >"$T/out" 2>"$T/libs"
check "empty agenda: exit 0" [ $? -eq 0 ]
check "an agenda without a series opens no libical" sh -c \
	"! grep -q 'libical' '$T/libs'"
check "nor libzip, expat or FreeXL" sh -c \
	"! grep -qE 'libzip|libexpat|libfreexl' '$T/libs'"

DB="$T/demo.db"
"$SALESORG" --db "$DB" demo >/dev/null 2>&1 || exit 1
n=0
while [ "$(day $n %u)" -gt 5 ]; do n=$((n + 1)); done
# The demo's stand-up, FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR, is an everyday
# rule the store expands itself (store/recur.h's recur_fast_path).
LD_DEBUG=libs "$SALESORG" --db "$DB" agenda --date "$(day $n)" \
	>"$T/out" 2>"$T/libs"
check "demo agenda: exit 0" [ $? -eq 0 ]
check "the weekly stand-up is expanded (the next working day)" \
	grep -q "09:15 .*Планёрка отдела продаж" "$T/out"
check "without opening libical" sh -c "! grep -q 'libical' '$T/libs'"
# The same series with a week starting on Sunday (WKST) is one only
# libical expands: it is opened then, and the stand-up is the same.
sqlite3 "$DB" "UPDATE events SET rrule = rrule || ';WKST=SU'
	WHERE rrule = 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'" || exit 1
LD_DEBUG=libs "$SALESORG" --db "$DB" agenda --date "$(day $n)" \
	>"$T/out2" 2>"$T/libs"
check "a rule for libical: exit 0" [ $? -eq 0 ]
check "a rule for libical opens it" opened "$T/libs" libical.so.3
check "and the agenda is the same" cmp -s "$T/out" "$T/out2"
check "but no libzip" sh -c "! grep -q 'libzip' '$T/libs'"

finish
