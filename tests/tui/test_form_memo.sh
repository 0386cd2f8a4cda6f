#!/bin/sh
# Multi-line text at 80x24 (issue 23, item 6): a note typed in the form
# with Enter between its lines, Up and Home inside the text area, is
# stored with its newline and shows on the card as paragraphs wrapped at
# word boundaries (it showed "^J" and broke words); the same text edited
# in $VISUAL (a script that edits the file with sed) comes back into the
# form, from a private file that is removed after; an editor that fails
# leaves the text as it was.
. "$(dirname "$0")/lib.sh"

DB="$T/n.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
mkdir "$T/tmp"
cat >"$T/ed.sh" <<EOF
#!/bin/sh
stat -c %a "\$1" >"$T/mode"
echo "\$1" >"$T/path"
[ -e "$T/fail" ] && exit 3
sed -i -e 's/счёт\./счёт №17./' -e '\$a Добавлено в редакторе.' "\$1"
EOF
chmod +x "$T/ed.sh"
body() { sqlite3 "$DB" "SELECT body FROM notes"; }

start 80x24 VISUAL="$T/ed.sh" TMPDIR="$T/tmp" "$SALESORG" --db "$DB"
expect "opens" "1 Companies"
keys 4
expect "notes tab" "Notes (0)"
keys a
expect "note form" "Add Note"
type_text "Итоги встречи"
keys Tab
expect "the text area's keys" "Enter new line"
type_text "Обсудили поставку на январь."
keys Enter
type_text "Следующий шаг: счёт."
expect "two lines in the area" "Следующий шаг: счёт."
# Up to the first line, Home, a mark; Down to the second, End, more.
keys Up Home
type_text "* "
keys Down End
type_text " До пятницы, и позвонить бухгалтеру."
keys F2
expect "saved" "Notes (1)"
check "stored with its newline" [ "$(body)" = "* Обсудили поставку на январь.
Следующий шаг: счёт. До пятницы, и позвонить бухгалтеру." ]
expect "the card shows the note" "Обсудили"
check "no ^J on the card" sh -c "! $TM capture-pane -t t -p | grep -qF '^J'"
check "the second paragraph starts a row of the card" sh -c "$TM \
    capture-pane -t t -p | grep -q '││ *Следующий шаг'"
for w in Обсудили поставку январь. Следующий пятницы, позвонить \
    бухгалтеру.; do
	check "\"$w\" whole on the card" sh -c "$TM capture-pane -t t -p |
	    grep -qF -- '$w'"
done

# The same note in the editor: F4 on the text.
keys e
expect "edit form" "Edit Note"
keys Tab
keys F4
expect "the editor's line is back in the form" "Добавлено в редакторе."
check "the file was the user's alone" [ "$(cat "$T/mode")" = 600 ]
check "the file is removed" [ ! -e "$(cat "$T/path")" ]
check "in TMPDIR" sh -c "case \$(cat '$T/path') in '$T/tmp/'*) ;;
    *) exit 1;; esac"
keys F2
expect "saved again" "Note saved"
check "stored as the editor left it" [ "$(body)" = "* Обсудили поставку на январь.
Следующий шаг: счёт №17. До пятницы, и позвонить бухгалтеру.
Добавлено в редакторе." ]

# An editor that fails: the text stays, and the form says why.
touch "$T/fail"
keys e
expect "edit form again" "Edit Note"
keys C-o
expect "^O off a memo says what it is for" "edit a multi-line field"
keys Tab
keys C-o
expect "the failure said" "exited with status 3"
keys F2
check "nothing changed" [ "$(sqlite3 "$DB" "SELECT version FROM notes")" = 2 ]
keys Q
expect "exits" "EXITED 0"
finish
