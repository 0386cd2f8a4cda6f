#!/bin/sh
# salesorg CMD --help for every command, and the man page held to the
# commands' option specs (issue 22: the man page is the one reference).
#
# The options of a command are what its --help lists under "Options:",
# made from its entry's spec, the table cli_getopt parses with: so this
# reads what the parser takes.  In salesorg(1), a command's part is
# every item of the COMMANDS list whose heading starts with the command
# (".It Cm import ics ...", or ".It Xo" then ".Cm agenda"), nested lists
# included; an option there is an Fl macro's argument (Fl -days, Fl o).
# Both ways:
#   - every option of the spec is named somewhere in the command's part;
#   - every option the headings of that part list (the synopsis lines
#     and the items of a nested option list) is in the spec, or is one
#     of salesorg's own (--db, --now, --help).
# Prose may name other commands' options (".Cm list Fl -fields"); only
# headings are held to the spec.  The checker runs first on a copy of
# the page with one option misspelt, and must fail there, so a checker
# that can no longer fail does not pass.
. "$(dirname "$0")/lib.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
MAN=$top/man/salesorg.1

# man_options PAGE: "COMMAND<tab>H|B<tab>OPTION" for each option named
# in the COMMANDS list, H in a heading, B in the text; and
# "COMMAND<tab>E<tab>" once per item.
man_options() {
	awk '
	function opts(line, kind,   n, w, i, t, on) {
		n = split(line, w, /[ \t]+/)
		on = 0
		for (i = 1; i <= n; i++) {
			t = w[i]
			if (i == 1)
				sub(/^\./, "", t)
			if (t == "Fl") {
				on = 1
				continue
			}
			# Another macro, or punctuation, ends the flags.
			if (t ~ /^[A-Z][a-z][a-z]?$/ || t ~ /^[][(){}|,.;:!?]+$/ ||
			    t == "")
				on = 0
			else if (on && cmd != "")
				printf "%s\t%s\t-%s\n", cmd, kind, t
		}
	}
	/^\.Sh / { cmds = ($2 == "COMMANDS"); depth = 0; next }
	!cmds { next }
	/^\.Bl/ { depth++; next }
	/^\.El/ { depth--; next }
	/^\.It/ && depth == 1 {
		head = 1
		cmd = ""
		if ($2 == "Cm")
			cmd = $3
		if (cmd != "")
			printf "%s\tE\t\n", cmd
		opts($0, "H")
		if ($2 != "Xo")
			head = 0
		next
	}
	head && cmd == "" && $1 == ".Cm" {
		cmd = $2
		printf "%s\tE\t\n", cmd
	}
	/^\.Xc/ { head = 0; next }
	/^\.It/ { opts($0, "H"); next }
	/^\./ { opts($0, head ? "H" : "B") }
	' "$1"
}

# help_options CMD: the options salesorg CMD --help lists, one a line
# (-o and --output for "-o, --output FILE").
help_options() {
	"$SALESORG" --db "$T/none.db" "$1" --help | awk '
	/^Options:/ { on = 1; next }
	on && /^$/ { on = 0 }
	on && /^  -/ {
		for (i = 1; i <= NF; i++) {
			t = $i
			sub(/,$/, "", t)
			if (t !~ /^-/)
				break
			print t
		}
	}'
}

run --help
check "salesorg --help exits 0" [ "$RC" -eq 0 ]
cmds=$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' "$T/out")
check "salesorg --help lists the commands" \
    [ "$(echo "$cmds" | wc -l)" -ge 18 ]
for c in $cmds; do
	help_options "$c" >"$T/spec.$c"
done
# The global options: the first usage line, once, in every help.
bad=
for c in $cmds; do
	"$SALESORG" --db "$T/none.db" "$c" --help >"$T/h" 2>/dev/null
	[ "$(grep -c -- '--db FILE' "$T/h")" -eq 1 ] &&
	    [ "$(grep -c -- '--now MOMENT' "$T/h")" -eq 1 ] &&
	    head -n 1 "$T/h" | grep -q -- "^usage: salesorg \[--db FILE\] \[--now MOMENT\] $c" &&
	    grep -q '^Access: ' "$T/h" || bad="$bad $c"
done
check "every command's help: --db and --now once, in the usage; an access line (bad:$bad)" \
    [ -z "$bad" ]

# check_page PAGE: prints a line per difference between the page and the
# specs; exits 0 when there is none.
check_page() {
	man_options "$1" >"$T/man"
	status=0
	for c in $cmds; do
		if ! grep -q "^$c	E	" "$T/man"; then
			echo "$c: no item in COMMANDS"
			status=1
			continue
		fi
		while read -r o; do
			grep -q -x -- "$c	[HB]	$o" "$T/man" && continue
			echo "$c: $o is in its spec but not in salesorg(1)"
			status=1
		done <"$T/spec.$c"
		for o in $(sed -n "s/^$c	H	//p" "$T/man" | sort -u); do
			case $o in --db|--now|--help) continue ;; esac
			grep -q -x -- "$o" "$T/spec.$c" && continue
			echo "$c: salesorg(1) lists $o, which its spec does not have"
			status=1
		done
	done
	for c in $(cut -f 1 "$T/man" | sort -u); do
		echo "$cmds" | grep -q -x "$c" && continue
		echo "$c: in salesorg(1)'s COMMANDS, not a command"
		status=1
	done
	return $status
}

# The checker fails on a page with an option misspelt: agenda's --days,
# in its synopsis and its text.
sed 's/Fl -days/Fl -dayz/g' "$MAN" >"$T/broken.1"
check_page "$T/broken.1" >"$T/broken.out"
check "a misspelt option fails the check" [ $? -ne 0 ]
check "  naming the option of the spec the page lacks" \
    grep -q "^agenda: --days is in its spec but not in salesorg(1)" "$T/broken.out"
check "  and the option the page lists that the spec lacks" \
    grep -q "^agenda: salesorg(1) lists --dayz, which its spec does not have" \
    "$T/broken.out"

check_page "$MAN" >"$T/page.out"
check "salesorg(1) and the option specs agree" [ $? -eq 0 ]
sed 's/^/  /' "$T/page.out"

finish
