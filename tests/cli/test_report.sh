#!/bin/sh
# `salesorg journal` and `salesorg report`: the output side on the demo
# database -- paginated text (page headers, form feeds, the page count
# said), every format to a file written all or nothing, the printer
# reached through lpr (a stand-in on PATH recording what it was given),
# lpr missing or failing said plainly, and bad options refused with the
# option named.  The figures of each report are the unit tests' job.
. "$(dirname "$0")/lib.sh"

DB="$T/r.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
FF=$(printf '\f')

# ---- text ----
run --db "$DB" journal
check "journal: exit 0" [ "$RC" -eq 0 ]
check "journal: the title and today" sh -c "head -1 '$T/out' | grep -q '^Work journal .*page 1 of ' && grep -q 'Period: $TODAY' '$T/out'"
check "journal: today's first call, Ромашка" grep -q "ООО «Ромашка»" "$T/out"
PAGES=$(sed -n '1s/.*page 1 of \([0-9]*\)$/\1/p' "$T/out")
check "journal: M-1 form feeds for M pages ($PAGES)" [ "$(tr -cd '\f' <"$T/out" | wc -c)" -eq $((PAGES - 1)) ]
check "journal: no line wider than 132" [ "$(LC_ALL=C.UTF-8 wc -L <"$T/out")" -le 132 ]
run --db "$DB" journal --width 0 --page-length 0
check "--page-length 0: no form feeds, no page numbers" sh -c "! grep -q 'page 1 of' '$T/out' && [ \$(tr -cd '\f' <'$T/out' | wc -c) -eq 0 ]"
run --db "$DB" report activity --all --period month --page-length 20 --width 80
check "activity at 80 by 20: several pages" sh -c "grep -q 'page 2 of' '$T/out'"
check "... each page at most 20 lines" sh -c "awk 'BEGIN { RS = \"\f\" } { n = split(\$0, l, \"\n\"); if (n > 21) bad = 1 } END { exit bad }' '$T/out'"
check "... no line over 80 columns" [ "$(LC_ALL=C.UTF-8 wc -L <"$T/out")" -le 80 ]

# ---- files ----
for f in txt csv html pdf; do
	run --db "$DB" report sales --all --period year -o "$T/s.$f"
	check "-o s.$f: exit 0, written" sh -c "[ $RC -eq 0 ] && [ -s '$T/s.$f' ]"
done
check "pdf by extension" sh -c "head -c 5 '$T/s.pdf' | grep -q '%PDF-'"
check "html by extension, self-contained" sh -c "grep -q '<!DOCTYPE html>' '$T/s.html' && ! grep -qi '<link\\|<script' '$T/s.html'"
check "csv by extension: the title first" sh -c "head -1 '$T/s.csv' | grep -q '^Sales results'"
run --db "$DB" report sales --all --period year --format text -o "$T/s.pdf.txt"
check "--format wins over the extension" sh -c "head -1 '$T/s.pdf.txt' | grep -q '^Sales results'"
run --db "$DB" report sales --all --period year -o "$T/s.pdf"
N=$(sed -n 's/.*s\.pdf: \([0-9]*\) pages* of pdf$/\1/p' "$T/err")
check "-o says the pages of the pdf ($N)" [ -n "$N" ]
if command -v pdfinfo >/dev/null 2>&1; then
	check "... and pdfinfo agrees" [ "$(pdfinfo "$T/s.pdf" | sed -n 's/^Pages: *//p')" = "$N" ]
fi
cp "$T/s.txt" "$T/keep.txt"
run --db "$DB" report sales --all -o "$T/no/such/dir/s.txt"
check "-o into a missing directory: exit 1, named" sh -c "[ $RC -eq 1 ] && grep -q 'no/such/dir' '$T/err'"
check "... nothing written" [ ! -e "$T/no" ]

# ---- the printer (a stand-in lpr) ----
mkdir "$T/bin"
cat >"$T/bin/lpr" <<EOS
#!/bin/sh
# records its arguments and the file it was given, like CUPS would take it
printf '%s\n' "\$@" >"$T/lpr.args"
for a; do f=\$a; done
cp "\$f" "$T/printed.pdf"
EOS
chmod +x "$T/bin/lpr"
PATH="$T/bin:$PATH" run --db "$DB" journal --print -P office --copies 2
check "--print: exit 0" [ "$RC" -eq 0 ]
check "--print: says where and how much" grep -q "^journal: [0-9]* pages* sent to office, 2 copies$" "$T/out"
check "lpr got -P office" sh -c "grep -qx -- '-P' '$T/lpr.args' || grep -qx -- '-Poffice' '$T/lpr.args'; grep -q office '$T/lpr.args'"
check "lpr got 2 copies" grep -qx -- "2" "$T/lpr.args"
check "lpr got a pdf" sh -c "head -c 5 '$T/printed.pdf' | grep -q '%PDF-'"
check "the temporary pdf is gone" sh -c "! ls /tmp/salesorg-print-* 2>/dev/null | grep -q ."
run --db "$DB" journal --print --format csv
check "--print with --format csv: usage" [ "$RC" -eq 2 ]
cat >"$T/bin/lpr" <<'EOS'
#!/bin/sh
echo "lpr: The printer or class does not exist." >&2
exit 1
EOS
PATH="$T/bin:$PATH" run --db "$DB" journal --print -P nosuch
check "a printer CUPS does not know: exit 1, lpr's words" sh -c "[ $RC -eq 1 ] && grep -q 'does not exist' '$T/err'"
mkdir "$T/empty"
PATH="$T/empty" run --db "$DB" journal --print
check "no lpr at all: exit 1, said plainly" sh -c "[ $RC -eq 1 ] && grep -q 'lpr not found' '$T/err'"

# ---- refusals ----
run --db "$DB" report
check "report without a name lists them" sh -c "[ $RC -eq 2 ] && grep -q 'key-clients' '$T/err'"
run --db "$DB" report weekly
check "an unknown report: usage, the names" sh -c "[ $RC -eq 2 ] && grep -q 'no report \"weekly\"' '$T/err'"
run --db "$DB" report activity --period fortnight
check "--period fortnight: named" sh -c "[ $RC -eq 2 ] && grep -q -- '--period' '$T/err'"
run --db "$DB" journal --date 2026-13-45
check "--date nonsense: named" sh -c "[ $RC -eq 2 ] && grep -q -- '--date' '$T/err'"
run --db "$DB" report activity --from 2026-11-30 --to 2026-11-01
check "a period that ends before it starts" sh -c "[ $RC -eq 2 ] && grep -q 'before it starts' '$T/err'"
run --db "$DB" report activity --user nobody
check "an unknown user" sh -c "[ $RC -eq 1 ] && grep -q 'no user nobody' '$T/err'"
run --db "$DB" report activity --user root --all
check "--user with --all" [ "$RC" -eq 2 ]
run --db "$DB" journal --width 10
check "--width 10: too narrow" [ "$RC" -eq 2 ]
# An extension the reports do not write is refused, not filled with
# text under a name that promises a LibreOffice document.
run --db "$DB" report activity -o "$T/week.odt"
check "-o x.odt: refused, naming the forms" sh -c "[ $RC -eq 2 ] &&
    grep -q 'not .odt' '$T/err' && [ ! -e '$T/week.odt' ]"
run --db "$DB" report activity -o "$T/week.PDF"
check "-o x.PDF: a PDF" sh -c "[ $RC -eq 0 ] && head -c 4 '$T/week.PDF' |
    grep -q '%PDF'"
run --db "$DB" report activity --format csv -o "$T/week.odt"
check "--format csv picks it for any name" sh -c "[ $RC -eq 0 ] &&
    [ -s '$T/week.odt' ]"

# ---- the audit's idle days: a team setting, a number ----
run --db "$DB" report audit --all
check "audit: 90 days by default" grep -q "^No touch for 90 days" "$T/out"
run --db "$DB" config set report.audit.idle_days 45
check "config set report.audit.idle_days 45: exit 0" [ "$RC" -eq 0 ]
run --db "$DB" report audit --all
check "audit: the team's 45 days" grep -q "^No touch for 45 days" "$T/out"
run --db "$DB" config set report.audit.idle_days forty
check "idle_days not a number: exit 1, said" sh -c "[ $RC -eq 1 ] &&
    grep -q 'report.audit.idle_days: a whole number of days' '$T/err'"
finish
