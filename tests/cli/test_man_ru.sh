#!/bin/sh
# The Russian salesorg(1), man/ru/man1/salesorg.1, held to the English
# page, so that a change to one without the other fails here:
#   - the same sets of Cm, Fl, Ic, Ev and Pa tokens (commands, options,
#     keys, variables, files), the differences printed;
#   - the same sections and subsections, in the same order of .Sh and
#     .Ss, and every .Sx naming a heading the Russian page has;
#   - the same rows in the .Bl -column tables (the roles table, which
#     test_access.sh holds the English page to), all but the heading row;
#   - groff renders it without a warning, with the page header and the
#     synopsis lines mdoc gives NAME and SYNOPSIS under their Russian
#     titles (the doc-section strings at the top of the page);
#   - it is UTF-8, every heading is Cyrillic, every section with prose
#     in English has Cyrillic in it, and no line of English prose is left
#     as it was.
# The checker runs first on broken copies of the page (an option
# misspelt, a reference to a missing heading, a paragraph left in
# English) and must fail on each, so a checker that can no longer fail
# does not pass.
. "$(dirname "$0")/lib.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
EN=$top/man/salesorg.1
RU=$top/man/ru/man1/salesorg.1
# Bytes, not characters: a Cyrillic letter is \320 or \321 and one more.
export LC_ALL=C

# tokens PAGE: "MACRO TOKEN" for each argument of Cm, Fl, Ic, Ev and Pa,
# on a line of its own or called on another macro's line (".Op Fl -db
# Ar file"); an Fl token with the dash mdoc adds (Fl -db is --db).
tokens() {
	awk '
	BEGIN {
		n = split("Ac Ad Ao Ap Aq Ar At Bc Bo Bq Brc Bro Brq Bsx Bx " \
		    "Cd Cm Dc Do Dq Dv Ec Em En Eo Er Es Ev Fa Fc Fl Fn Fo " \
		    "Fx Ic It Li Lk Ms Mt Nm No Ns Nx Oc Oo Op Ox Pa Pc Pf " \
		    "Po Pq Qc Ql Qo Qq Sc Sh So Sq Ss St Sx Sy Ta Tn Ux Va " \
		    "Vt Xc Xo Xr", m, " ")
		for (i = 1; i <= n; i++)
			macro[m[i]] = 1
		want["Cm"] = want["Fl"] = want["Ic"] = want["Ev"] = 1
		want["Pa"] = 1
	}
	/^\.\\"/ { next }
	/^\./ {
		n = split(substr($0, 2), w, /[ \t]+/)
		cur = ""
		for (i = 1; i <= n; i++) {
			t = w[i]
			if (t in macro) {
				cur = (t in want) ? t : ""
				continue
			}
			# Delimiters: punctuation alone, and "|".
			if (cur == "" || t == "" || t ~ /^[][(){}|,.;:!?]+$/)
				continue
			if (cur == "Fl")
				t = "-" t
			print cur, t
		}
	}' "$1" | sort -u
}

# headings PAGE: "Sh TITLE" or "Ss TITLE", in order.
headings() {
	sed -n 's/^\.\(S[hs]\) \(.*\)$/\1 \2/p' "$1"
}

# references PAGE: the heading each .Sx names (its words up to a
# delimiter or another macro).
references() {
	awk '/^\./ {
		n = split(substr($0, 2), w, /[ \t]+/)
		for (i = 1; i <= n; i++) {
			if (w[i] != "Sx")
				continue
			s = ""
			for (i++; i <= n; i++) {
				if (w[i] ~ /^[][(){}|,.;:!?]+$/ ||
				    w[i] ~ /^[A-Z][a-z][a-z]?$/)
					break
				s = s (s == "" ? "" : " ") w[i]
			}
			print s
			i--
		}
	}' "$1"
}

# rows PAGE: the rows of every .Bl -column list but its heading row
# (".It Em ...").
rows() {
	awk '/^\.Bl -column/ { on = 1; next }
	    on && /^\.El/ { on = 0 }
	    on && /^\.It / && !/^\.It Em / { print }' "$1"
}

# sections PAGE: per .Sh or .Ss, "INDEX PROSE CYRILLIC TITLE-CYRILLIC":
# whether its text has a line of prose (not a macro, outside a display,
# or the Nd line) and whether it has Cyrillic, then its title's.
sections() {
	awk '
	function out() { if (k) print k, prose, cyr, tcyr }
	/^\.S[hs] / { out(); k++; prose = cyr = 0
		tcyr = ($0 ~ /[\320\321]/); next }
	/^\.\\"/ { next }
	/^\.Bd/ { bd = 1 }
	/^\.Ed/ { bd = 0; next }
	!k { next }
	/[\320\321]/ { cyr = 1 }
	(!bd && !/^\./) || /^\.Nd / { prose = 1 }
	END { out() }' "$1"
}

# english PAGE: lines of prose of the English page with four words or
# more, each once.
english() {
	awk '/^\.Bd/ { bd = 1 } /^\.Ed/ { bd = 0; next }
	    !bd && !/^\./ && NF >= 4' "$1" | sort -u
}

# check_page PAGE: prints a line per way PAGE is out of step with the
# English page; exits 0 when there is none.
check_page() {
	status=0
	tokens "$EN" >"$T/en.tok"
	tokens "$1" >"$T/ru.tok"
	if ! cmp -s "$T/en.tok" "$T/ru.tok"; then
		comm -23 "$T/en.tok" "$T/ru.tok" | sed 's/^/only in English: /'
		comm -13 "$T/en.tok" "$T/ru.tok" | sed 's/^/only in Russian: /'
		status=1
	fi
	headings "$EN" | cut -d ' ' -f 1 >"$T/en.kinds"
	headings "$1" | cut -d ' ' -f 1 >"$T/ru.kinds"
	if ! cmp -s "$T/en.kinds" "$T/ru.kinds"; then
		echo "headings: English $(grep -c Sh "$T/en.kinds") .Sh and" \
		    "$(grep -c Ss "$T/en.kinds") .Ss, Russian" \
		    "$(grep -c Sh "$T/ru.kinds") .Sh and" \
		    "$(grep -c Ss "$T/ru.kinds") .Ss, or another order"
		status=1
	fi
	headings "$1" | cut -d ' ' -f 2- >"$T/ru.titles"
	references "$1" | sort -u | while IFS= read -r s; do
		grep -q -x -F -- "$s" "$T/ru.titles" ||
		    echo ".Sx $s: no such .Sh or .Ss"
	done >"$T/ru.sx"
	if [ -s "$T/ru.sx" ]; then
		cat "$T/ru.sx"
		status=1
	fi
	rows "$EN" >"$T/en.rows"
	rows "$1" >"$T/ru.rows"
	if ! cmp -s "$T/en.rows" "$T/ru.rows"; then
		diff "$T/en.rows" "$T/ru.rows" | sed -n 's/^[<>] /table row: &/p'
		status=1
	fi
	sections "$EN" >"$T/en.sec"
	sections "$1" >"$T/ru.sec"
	while read -r k prose cyr tcyr; do
		[ "$tcyr" -eq 1 ] ||
		    { echo "section $k: the title is not in Russian"; status=1; }
		en=$(sed -n "${k}p" "$T/en.sec" | cut -d ' ' -f 2)
		[ "${en:-0}" -eq 0 ] || [ "$cyr" -eq 1 ] ||
		    { echo "section $k: no Russian in it"; status=1; }
	done <"$T/ru.sec"
	english "$EN" >"$T/en.prose"
	english "$1" >"$T/ru.prose"
	comm -12 "$T/en.prose" "$T/ru.prose" >"$T/left"
	if [ -s "$T/left" ]; then
		sed 's/^/left in English: /' "$T/left"
		status=1
	fi
	return $status
}

check "the Russian page exists" [ -f "$RU" ]
check "  and is UTF-8" iconv -f UTF-8 -t UTF-8 "$RU" -o /dev/null

# The checker fails on broken copies.
sed 's/Fl -days/Fl -dayz/' "$RU" >"$T/broken1.1"
check_page "$T/broken1.1" >"$T/broken1.out"
check "a misspelt option fails the check" [ $? -ne 0 ]
check "  naming both spellings" sh -c "grep -q 'only in English: Fl --days' \
    '$T/broken1.out' && grep -q 'only in Russian: Fl --dayz' '$T/broken1.out'"
awk '/^\.Sx / && !done { print ".Sx Нет такого раздела ."; done = 1; next }
    { print }' "$RU" >"$T/broken2.1"
check_page "$T/broken2.1" >"$T/broken2.out"
check "a reference to a missing heading fails the check" \
    grep -q '^\.Sx Нет такого раздела: no such' "$T/broken2.out"
line=$(english "$EN" | head -n 1)
awk -v l="$line" '{ print } /^\.Pp$/ && !done { print l; done = 1 }' \
    "$RU" >"$T/broken3.1"
check_page "$T/broken3.1" >"$T/broken3.out"
check "a line of English prose left fails the check" \
    grep -q -x -F "left in English: $line" "$T/broken3.out"
awk '/^\.Ss / && !done { done = 1; next } { print }' "$RU" >"$T/broken4.1"
check_page "$T/broken4.1" >"$T/broken4.out"
check "a subsection missing fails the check" grep -q '^headings:' \
    "$T/broken4.out"

check_page "$RU" >"$T/page.out"
check "the Russian salesorg(1) is in step with the English one" [ $? -eq 0 ]
sed 's/^/  /' "$T/page.out"

# groff renders it: with -Tutf8, since the default device (ps) has no
# Cyrillic glyphs.  The header and the synopsis show that mdoc knows
# the Russian NAME and SYNOPSIS.
groff -ww -z -mandoc -Kutf8 -Tutf8 "$RU" >"$T/groff.out" 2>&1
check "groff -ww renders it without warnings" [ ! -s "$T/groff.out" ]
sed 's/^/  /' "$T/groff.out"
groff -mandoc -Kutf8 -Tutf8 -P-cbou "$RU" >"$T/ru.txt" 2>/dev/null
check "the page header is there" grep -q '^SALESORG(1) .* SALESORG(1)$' \
    "$T/ru.txt"
check "the synopsis has a line per form" grep -q '^ *salesorg -h | --help$' \
    "$T/ru.txt"
check "the NAME line is in Russian" grep -q '^ *salesorg .* органайзер' \
    "$T/ru.txt"

finish
