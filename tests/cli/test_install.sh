#!/bin/sh
# make install honours PREFIX and DESTDIR and installs the man page, which
# renders without warnings, and the translations where the binary looks
# for them; the installed binary runs.
. "$(dirname "$0")/lib.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
make -s -C "$top" install DESTDIR="$T/root" PREFIX=/opt/so >"$T/make.out" 2>&1
check "make install exits 0" [ $? -eq 0 ]
check "binary under DESTDIR/PREFIX/bin" [ -x "$T/root/opt/so/bin/salesorg" ]
check "man page under DESTDIR/PREFIX/share/man/man1" [ -f "$T/root/opt/so/share/man/man1/salesorg.1" ]
check "installed binary runs" sh -c "'$T/root/opt/so/bin/salesorg' --version | grep -q '^salesorg '"
check "Russian catalogue under DESTDIR/PREFIX/share/locale" \
	[ -f "$T/root/opt/so/share/locale/ru/LC_MESSAGES/salesorg.mo" ]
check "the binary looks for it there" \
	grep -q "/opt/so/share/locale" "$T/root/opt/so/bin/salesorg"
groff -ww -z -mandoc "$T/root/opt/so/share/man/man1/salesorg.1" 2>"$T/groff.err"
check "man page renders without warnings" [ ! -s "$T/groff.err" ]
MANWIDTH=80 man -l "$T/root/opt/so/share/man/man1/salesorg.1" >"$T/man.txt" 2>"$T/man.err"
check "man -l renders" grep -q "backup" "$T/man.txt"
check "man -l without warnings" [ ! -s "$T/man.err" ]
check "Russian man page under DESTDIR/PREFIX/share/man/ru/man1" \
	[ -f "$T/root/opt/so/share/man/ru/man1/salesorg.1" ]
LANG=ru_RU.UTF-8 MANWIDTH=80 man -l "$T/root/opt/so/share/man/ru/man1/salesorg.1" \
    >"$T/man-ru.txt" 2>"$T/man-ru.err"
check "the Russian man page renders, in Russian" grep -q "ОПИСАНИЕ" "$T/man-ru.txt"
check "the Russian man page without warnings" [ ! -s "$T/man-ru.err" ]
# Every command and option of --help is documented in the man page.
for c in init demo check backup --db --help --version; do
	check "man page documents $c" grep -q -- "$(echo "$c" | sed 's/^--//')" "$T/man.txt"
done
finish
