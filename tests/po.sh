#!/bin/sh
# make check-po: each catalogue po/LANG.po is complete (msgfmt --check
# --statistics: no untranslated, no fuzzy entry, formats that agree) and
# holds every string marked in the sources now (extracted afresh by
# xgettext, compared by msgcmp), so a string marked without its
# translation fails.  Its self-test first: a string marked only in a
# scratch source must make the comparison fail.
set -eu
: "${XGETTEXT:?} ${LANGS:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
srcs=$(ls src/*.c src/*/*.c include/*/*.h)

# shellcheck disable=SC2086
$XGETTEXT -o "$tmp/salesorg.pot" $srcs
printf '#include "base/i18n.h"\nconst char *x(void) { return _("a string nobody translated"); }\n' \
    >"$tmp/new.c"
# shellcheck disable=SC2086
$XGETTEXT -o "$tmp/more.pot" $srcs "$tmp/new.c"

fails=0
for l in $LANGS; do
	po=po/$l.po
	stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1) ||
		{ echo "FAIL $po: msgfmt --check"; echo "$stats"; fails=$((fails + 1)); continue; }
	echo "$po: $stats"
	case $stats in
	*untranslated*|*fuzzy*)
		echo "FAIL $po: not complete"
		fails=$((fails + 1)) ;;
	esac
	if ! msgcmp "$po" "$tmp/salesorg.pot" 2>"$tmp/cmp"; then
		echo "FAIL $po: strings marked in the sources are not in it:"
		sed -n 's/^[^:]*:\([0-9]*\): this message is used but not defined.*/\1/p' \
		    "$tmp/cmp" | head -40 | while read -r n; do
			sed -n "$((n - 3)),$((n - 1))p" "$tmp/salesorg.pot" |
			    grep "^msg" | tr "\n" " " | sed 's/^/  /;s/$/\n/'
		done
		fails=$((fails + 1))
	fi
	if msgcmp "$po" "$tmp/more.pot" 2>/dev/null; then
		echo "FAIL self-test: a new marked string passed the check of $po"
		fails=$((fails + 1))
	fi
done
[ "$fails" -eq 0 ] && echo "ok catalogues complete: $LANGS"
exit "$fails"
