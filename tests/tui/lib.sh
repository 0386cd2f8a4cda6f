# Helpers for TUI tests: run the real binary in a tmux pane of a fixed
# size, send keys, and wait for text on the screen (never a fixed sleep).
# Sourced by tests/tui/test_*.sh; needs $SALESORG.
set -u
command -v tmux >/dev/null || { echo "FAIL tmux is not installed"; exit 1; }
T=$(mktemp -d /tmp/so-tui-XXXXXX)
NSOCK=0
SOCK="$T/tmux0.sock"
FAILS=0
# The clock: SALESORG_NOW, TZ, NOW_S, TODAY, day and at_now.
. "$(dirname "$0")/../clock-lib.sh"
export XDG_DATA_HOME="$T/xdg"
TM="tmux -S $SOCK -f /dev/null"

cleanup() {
	for s in "$T"/tmux*.sock; do
		[ -S "$s" ] && tmux -S "$s" kill-server 2>/dev/null
	done
	rm -rf "$T"
}
trap cleanup EXIT

ok() { echo "ok $1"; }
fail() {
	echo "FAIL $1"
	FAILS=$((FAILS + 1))
	if [ -n "${TUI_DEBUG:-}" ]; then screen | sed 's/^/  | /'; fi
}

# start COLSxROWS ARGS...: starts salesorg in a detached session.
start() {
	size=$1
	shift
	cols=${size%x*}
	rows=${size#*x}
	# A fresh server per start: a killed one may linger on its socket.
	$TM kill-server 2>/dev/null
	NSOCK=$((NSOCK + 1))
	SOCK="$T/tmux$NSOCK.sock"
	TM="tmux -S $SOCK -f /dev/null"
	$TM new-session -d -s t -x "$cols" -y "$rows" \
		"env TERM=screen-256color ${START_LOCALE:-LANG=C.UTF-8 LC_ALL=C.UTF-8} TZ=$TZ SALESORG_NOW=$SALESORG_NOW XDG_DATA_HOME=$XDG_DATA_HOME $*; echo EXITED \$?; sleep 30"
}

# start_ru COLSxROWS ARGS...: as start, in Russian: the ru_RU.UTF-8
# locale and the catalogue built beside the binary ($SALESORG's
# directory's locale/, as make leaves it; po/ru.po compiled here when
# make has not built it yet).
start_ru() {
	locale -a 2>/dev/null | grep -qi '^ru_RU\.utf-\?8$' ||
		{ echo "FAIL the ru_RU.UTF-8 locale is not installed"; exit 1; }
	_ld="$(cd "$(dirname "$SALESORG")" && pwd)/locale"
	if [ ! -f "$_ld/ru/LC_MESSAGES/salesorg.mo" ]; then
		_ld="$T/locale"
		mkdir -p "$_ld/ru/LC_MESSAGES"
		msgfmt -o "$_ld/ru/LC_MESSAGES/salesorg.mo" \
		    "$(dirname "$0")/../../po/ru.po" ||
			{ echo "FAIL no Russian catalogue"; exit 1; }
	fi
	START_LOCALE="LANG=ru_RU.UTF-8 LC_ALL=ru_RU.UTF-8 SALESORG_LOCALEDIR=$_ld"
	start "$@"
	START_LOCALE=
}

# start_other SOCKET COLSxROWS ARGS...: a second organizer on a tmux
# server of its own at SOCKET (under $T), beside the one start made.
start_other() {
	_sock=$1
	_size=$2
	shift 2
	tmux -S "$_sock" -f /dev/null new-session -d -s t -x "${_size%x*}" \
	    -y "${_size#*x}" "env TERM=screen-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=$TZ SALESORG_NOW=$SALESORG_NOW XDG_DATA_HOME=$XDG_DATA_HOME $*; echo EXITED \$?; sleep 30"
}
# on SOCKET CMD...: runs a helper (keys, type_text, screen, wait_for,
# expect...) against the organizer on SOCKET, then back to start's.
on() {
	_os=$SOCK
	_ot=$TM
	SOCK=$1
	TM="tmux -S $1 -f /dev/null"
	shift
	"$@"
	_rc=$?
	SOCK=$_os
	TM=$_ot
	return $_rc
}

keys() { $TM send-keys -t t "$@"; }
# type TEXT: sends literal text (Cyrillic included).
type_text() { $TM send-keys -t t -l "$1"; }
screen() { $TM capture-pane -t t -p; }
# After rows written with the sqlite3 shell, which the search index does
# not follow (sql/012_index_kept_by_store.sql): every index rebuilt.
reindex() {
	sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' AND
	    sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%'" |
	while read -r fts; do
		sqlite3 "$1" "INSERT INTO $fts ($fts) VALUES ('rebuild')"
	done
}
resize() { $TM resize-window -t t -x "${1%x*}" -y "${1#*x}"; }

# wait_for TEXT [SECONDS]: until TEXT is on screen; 1 if it never is.
wait_for() {
	i=0
	limit=$(( ${2:-5} * 20 ))
	while [ $i -lt $limit ]; do
		if screen | grep -qF -- "$1"; then return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# wait_gone TEXT [SECONDS]: until TEXT is no longer on screen.
wait_gone() {
	i=0
	limit=$(( ${2:-5} * 20 ))
	while [ $i -lt $limit ]; do
		if ! screen | grep -qF -- "$1"; then return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# expect NAME TEXT: passes when TEXT appears within 5 s.
expect() {
	if wait_for "$2"; then ok "$1"; else fail "$1 (no '$2')"; fi
}
expect_gone() {
	if wait_gone "$2"; then ok "$1"; else fail "$1 ('$2' still there)"; fi
}
check() {
	name=$1
	shift
	if "$@"; then ok "$name"; else fail "$name"; fi
}

# Every screen line must fit the pane (display columns, not bytes).
lines_fit() {
	[ "$(screen | LC_ALL=C.UTF-8 wc -L)" -le "$1" ]
}

finish() {
	[ "$FAILS" -eq 0 ]
	exit $?
}
