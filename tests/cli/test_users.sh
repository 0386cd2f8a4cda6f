#!/bin/sh
# Users and roles on the command line: the creator is the admin, a login
# that is not a user is refused (reading too), the admin adds people and
# gives them roles, and a manager's exports and reports are their own.
# Another login needs another Unix user: the test runs as root (as CI
# does) and uses "nobody".
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ] || ! id nobody >/dev/null 2>&1; then
	echo "skip: needs root and the user nobody"
	exit 0
fi
SO=$(readlink -f "$SALESORG")
chmod 777 "$T"
DB="$T/team.db"
# as nobody, from a directory nobody may enter
as_nobody() {
	(cd "$T" && runuser -u nobody -- env TZ=Europe/Moscow \
	    XDG_DATA_HOME="$T/xdg" "$SO" --db "$DB" "$@") >"$T/out" 2>"$T/err"
	RC=$?
}

run --db "$DB" init
check "init exits 0" [ "$RC" -eq 0 ]
check "the creator is the admin" grep -q "user $(id -un) (admin)" "$T/out"
chmod 666 "$DB"

# --- the door ---
as_nobody list companies
check "unknown login: exit 1" [ "$RC" -eq 1 ]
check "unknown login: says so and how to be added" grep -q \
    "nobody is not a user of this database; an administrator can add you with 'salesorg user add nobody'" "$T/err"
as_nobody user add nobody --role admin
check "unknown login cannot add itself" [ "$RC" -eq 1 ]

run --db "$DB" user add nobody --role manager --name "Никто Никтоевич"
check "admin adds a manager" [ "$RC" -eq 0 ]
run --db "$DB" user add 'bad login' --role manager
check "bad login refused" [ "$RC" -eq 1 ]
check "bad login: says what a login is" grep -q 'a Unix login of letters' \
    "$T/err"
run --db "$DB" user add x --role boss
check "bad role: usage" [ "$RC" -eq 2 ]
check "bad role: names the roles" grep -q 'manager, head or admin' "$T/err"
run --db "$DB" user list
check "list shows the manager with his name" grep -q \
    '^nobody *manager *Никто Никтоевич$' "$T/out"

# --- a manager ---
as_nobody user add eve --role admin
check "manager cannot add users" [ "$RC" -eq 1 ]
check "manager: says only an administrator" grep -q \
    'only an administrator may add users' "$T/err"
as_nobody user set nobody --role head
check "manager cannot promote himself" [ "$RC" -eq 1 ]

# two companies: root's and his
printf 'name,city\nООО Корень,Москва\n' >"$T/root.csv"
printf 'name,city\nООО Ничьё,Казань\n' >"$T/his.csv"
chmod 644 "$T/root.csv" "$T/his.csv"
run --db "$DB" import csv companies "$T/root.csv"
check "root's company imported" [ "$RC" -eq 0 ]
as_nobody import csv companies "$T/his.csv"
check "manager imports his own" [ "$RC" -eq 0 ]
printf 'name,manager\nООО Чужое,root\n' >"$T/theirs.csv"
chmod 644 "$T/theirs.csv"
as_nobody import csv companies "$T/theirs.csv"
check "manager importing a colleague's company: exit 1" [ "$RC" -eq 1 ]
check "the refusal names file, line and column" grep -q \
    "theirs.csv:2: column \"manager\" (manager_id): a new company would be root's" "$T/err"
as_nobody list companies --fields name
check "manager lists: exit 0" [ "$RC" -eq 0 ]
check "manager's list holds his company" grep -q 'ООО Ничьё' "$T/out"
check "manager's list leaves out root's" sh -c "! grep -q 'ООО Корень' '$T/out'"
as_nobody search Корень
check "but search finds every company" grep -q 'ООО Корень' "$T/out"
run --db "$DB" list companies --fields name
check "root (admin) lists both" sh -c "grep -q 'ООО Корень' '$T/out' && grep -q 'ООО Ничьё' '$T/out'"

as_nobody report activity --all
check "manager: department report refused" [ "$RC" -eq 1 ]
check "manager: report says who may" grep -q \
    'only a head of sales or an administrator may run reports of the whole department' "$T/err"
as_nobody journal --user root
check "manager: a colleague's journal refused" [ "$RC" -eq 1 ]
as_nobody journal
check "manager: his own journal" [ "$RC" -eq 0 ]
as_nobody backup "$T/copy.db"
check "manager: backup refused" [ "$RC" -eq 1 ]
check "manager: backup wrote nothing" [ ! -e "$T/copy.db" ]
as_nobody config set users.join on --team
check "manager: team setting refused" [ "$RC" -eq 1 ]

# --- disabled, then joining on first use ---
run --db "$DB" user disable nobody
check "admin disables" [ "$RC" -eq 0 ]
as_nobody list companies
check "disabled: refused" [ "$RC" -eq 1 ]
check "disabled: says so" grep -q 'user nobody is disabled' "$T/err"
run --db "$DB" user enable nobody
as_nobody list companies
check "enabled again" [ "$RC" -eq 0 ]

DB="$T/open.db"
run --db "$DB" init
chmod 666 "$DB"
run --db "$DB" config set users.join on --team
check "admin lets newcomers join" [ "$RC" -eq 0 ]
as_nobody list companies
check "newcomer joins" [ "$RC" -eq 0 ]
run --db "$DB" user list
check "newcomer joined as a manager" grep -q '^nobody *manager' "$T/out"

finish
