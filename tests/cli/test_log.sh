#!/bin/sh
# salesorg log: the audit log newest first, its filters, who may read
# what (a record's history: anyone; the whole log: a head or an admin;
# one's own actions: anyone), and output a company name cannot use to
# drive the terminal.
. "$(dirname "$0")/lib.sh"

DB="$T/t.db"
ME=$(id -un)
"$SALESORG" --db "$DB" init >/dev/null || exit 1
printf 'name,city\nООО Ромашка,Казань\nАО Лютик,Самара\n' >"$T/c.csv"
run --db "$DB" import csv companies "$T/c.csv"
check "import" [ "$RC" -eq 0 ]
# Another user, bob, took the first company over (a reassignment) and
# moved the second to the trash, later than the import.
sqlite3 "$DB" "
UPDATE users SET full_name = 'Анна' WHERE login = '$ME';
INSERT INTO users (login, full_name, role, created_at)
    VALUES ('bob', 'Борис', 'head', 0);
INSERT INTO audit_log (at, user_id, entity, record_id, action, field,
    old_value, new_value)
SELECT $NOW_S + 60, b.id, 'company', 1, 'update',
    'manager_id', a.id, b.id
FROM users a, users b WHERE a.login = '$ME' AND b.login = 'bob';
INSERT INTO audit_log (at, user_id, entity, record_id, action)
SELECT $NOW_S + 120, id, 'company', 2, 'delete'
FROM users WHERE login = 'bob';
UPDATE companies SET deleted_at = 1 WHERE id = 2;"

run --db "$DB" log
check "log runs" [ "$RC" -eq 0 ]
check "newest first: the deletion" \
	sh -c "head -1 '$T/out' | grep -q '  bob  company #2 «АО Лютик»  moved to the trash'"
check "then the reassignment, by names" \
	sh -c "sed -n 2p '$T/out' | grep -q 'company #1 «ООО Ромашка»  Manager: Анна -> Борис'"
check "the import's creations last" \
	sh -c "tail -1 '$T/out' | grep -q \"  $ME  company #1 «ООО Ромашка»  created\""
check "date and time" grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}  ' "$T/out"

run --db "$DB" log --action delete
check "--action delete: one row" [ "$(wc -l <"$T/out")" -eq 1 ]
run --db "$DB" log --field manager
check "--field manager: the reassignment" \
	sh -c "[ \$(wc -l <'$T/out') -eq 1 ] && grep -q 'Анна -> Борис' '$T/out'"
run --db "$DB" log --field менеджер --entity company
check "--field in Russian" grep -q 'Анна -> Борис' "$T/out"
run --db "$DB" log --user bob
check "--user bob: his two rows" [ "$(wc -l <"$T/out")" -eq 2 ]
run --db "$DB" log --entity company --id 2
check "--entity --id: one record's history" \
	sh -c "[ \$(wc -l <'$T/out') -eq 2 ] && ! grep -q '#1 ' '$T/out'"
run --db "$DB" log --limit 1
check "--limit 1" [ "$(wc -l <"$T/out")" -eq 1 ]
# The day after the newest row (bob's, two minutes after now: at 23:59
# that is already tomorrow).
after=$(date -d "@$(( $(date -d "$(date -d "@$((NOW_S + 120))" +%F) 12:00" \
    +%s) + 86400 ))" +%F)
run --db "$DB" log --since "$after"
check "--since the next day: nothing" sh -c "[ $RC -eq 0 ] && [ ! -s '$T/out' ]"
run --db "$DB" log --since "$TODAY"
check "--since today: everything" [ "$(wc -l <"$T/out")" -eq 4 ]

# Bad input: named, usage status.
run --db "$DB" log --action remove
check "bad --action" sh -c "[ $RC -eq 2 ] && grep -q 'create, update, delete or restore, not \"remove\"' '$T/err'"
run --db "$DB" log --field nosuch
check "bad --field" sh -c "[ $RC -eq 2 ] && grep -q 'field \"nosuch\"' '$T/err'"
run --db "$DB" log --id 3
check "--id without --entity" sh -c "[ $RC -eq 2 ] && grep -q 'entity' '$T/err'"
run --db "$DB" log --limit 0
check "bad --limit" [ "$RC" -eq 2 ]
run --db "$DB" log --since 'the day after'
check "bad --since" sh -c "[ $RC -eq 2 ] && grep -q 'since' '$T/err'"
run --db "$DB" log --entity nosuch
check "unknown entity" sh -c "[ $RC -eq 1 ] && grep -q 'card files: company' '$T/err'"

# A manager: a record's history and their own actions, not the rest.
sqlite3 "$DB" "UPDATE users SET role = 'manager' WHERE login = '$ME'"
run --db "$DB" log
check "a manager may not read the department's log" \
	sh -c "[ $RC -eq 1 ] && grep -q \"see the whole department's log\" '$T/err' && [ ! -s '$T/out' ]"
run --db "$DB" log --action delete
check "nor its deletions" [ "$RC" -eq 1 ]
run --db "$DB" log --entity company --id 2
check "a manager reads a record's history" sh -c "[ $RC -eq 0 ] && grep -q 'moved to the trash' '$T/out'"
run --db "$DB" log --user "$ME"
check "a manager reads their own actions" sh -c "[ $RC -eq 0 ] && [ \$(wc -l <'$T/out') -eq 2 ]"
sqlite3 "$DB" "UPDATE users SET role = 'head' WHERE login = '$ME'"
run --db "$DB" log --action delete
check "a head reads the deletions" sh -c "[ $RC -eq 0 ] && grep -q 'bob' '$T/out'"

# Control characters in data come out as ^X, never raw.
sqlite3 "$DB" "UPDATE companies SET name = 'Evil' || char(27) || '[2J' WHERE id = 1"
run --db "$DB" log --entity company --id 1
check "clean output" sh -c "! grep -q \"\$(printf '\\033')\" '$T/out' && grep -q 'Evil^\[\[2J' '$T/out'"
finish
