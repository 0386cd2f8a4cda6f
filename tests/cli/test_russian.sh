#!/bin/sh
# The command line in Russian (issue 25): the agenda's headings and
# dates, salesorg --help and CMD --help, errors, a count's three plural
# forms, and the locale variables that choose the language -- from the
# catalogue make builds beside the binary.  What a program reads (CSV)
# stays byte for byte what the English run writes.
. "$(dirname "$0")/lib.sh"

LOCALEDIR=$(cd "$(dirname "$SALESORG")" && pwd)/locale
export SALESORG_LOCALEDIR="$LOCALEDIR"
if [ ! -f "$LOCALEDIR/ru/LC_MESSAGES/salesorg.mo" ]; then
	fail "no Russian catalogue in $LOCALEDIR (make builds it)"
	finish
fi
# Every run chooses its language itself: nothing from the caller's.
unset LANG LC_ALL LC_MESSAGES LANGUAGE
ru() { env LANG=ru_RU.UTF-8 LC_ALL=ru_RU.UTF-8 "$SALESORG" "$@"; }
en() { env LANG=C.UTF-8 "$SALESORG" "$@"; }
# rurun CMD...: run, in Russian.
rurun() {
	ru "$@" >"$T/out" 2>"$T/err"
	RC=$?
}

DB="$T/demo.db"
ME=$(id -un)
"$SALESORG" --db "$DB" demo >/dev/null || { echo "FAIL demo"; exit 1; }

# ---- the agenda ----
# ru_weekday N: the weekday of the day N days from today, in Russian.
ru_weekday() {
	case $(day "$1" %u) in
	1) echo понедельник ;; 2) echo вторник ;; 3) echo среда ;;
	4) echo четверг ;; 5) echo пятница ;; 6) echo суббота ;;
	*) echo воскресенье ;;
	esac
}
# Today's heading: the weekday in Russian, the date as Russians write it.
WD=$(ru_weekday 0)
rurun --db "$DB" agenda
check "agenda: exit 0" [ "$RC" -eq 0 ]
check "agenda: the Russian heading" grep -qx "План дел: $ME" "$T/out"
check "agenda: overdue in Russian" grep -qx "Просрочено" "$T/out"
check "agenda: today, its weekday and date in Russian ($WD $(day 0 %d.%m.%Y))" \
    grep -qx "Сегодня, $WD $(day 0 %d.%m.%Y)" "$T/out"
check "agenda: an overdue item dated as in Russia (DD.MM.YYYY HH:MM)" \
    grep -Eq '^  [0-3][0-9]\.[01][0-9]\.[0-9]{4} [0-2][0-9]:[0-5][0-9]  ' \
    "$T/out"
check "agenda: no English heading" sh -c \
    "! grep -q -e '^Overdue' -e '^Today, ' -e '^Agenda for' '$T/out'"
# The next working day too: a day's heading without "today".
n=1
while [ "$(day $n %u)" -gt 5 ]; do n=$((n + 1)); done
rurun --db "$DB" agenda --date "$(day $n)"
WANT="$(ru_weekday $n) $(day $n %d.%m.%Y)"
check "agenda --date: that day's heading in Russian ($WANT)" \
    grep -qx "$WANT" "$T/out"
rurun --db "$T/empty.db" init
rurun --db "$T/empty.db" agenda
check "an empty agenda: nothing due, in Russian" grep -qx "$ME: дел нет" \
    "$T/out"

# ---- help ----
rurun --help
check "salesorg --help: exit 0" [ "$RC" -eq 0 ]
check "salesorg --help: the usage in Russian, the options as they are" \
    grep -q '^Использование: salesorg \[--db ФАЙЛ\] \[--now МОМЕНТ\]' "$T/out"
check "salesorg --help: the commands' heading and summaries in Russian" \
    sh -c "grep -qx 'Команды:' '$T/out' &&
    grep -q '^  list      вывести картотеку' '$T/out'"
check "salesorg --help: the exit status in Russian" \
    grep -q '^Код возврата: 0 успех' "$T/out"
rurun list --help
check "list --help: the usage, its words in Russian" \
    grep -q '^Использование: salesorg .* list КАРТОТЕКА' "$T/out"
check "list --help: the summary a sentence, capitalised in Russian" \
    grep -q '^Вывести картотеку с фильтром' "$T/out"
check "list --help: the options in Russian" sh -c \
    "grep -qx 'Параметры:' '$T/out' &&
    grep -q '^  --limit N  *не больше N записей' '$T/out'"
check "list --help: access and roles in Russian, the letters as they are" \
    sh -c "grep -q '^Доступ: ' '$T/out' &&
    grep -q '^manager   rx          -' '$T/out' &&
    grep -q '^Роли: ' '$T/out'"
check "list --help: no English left" sh -c \
    "! grep -q -e '^usage:' -e '^Options:' -e '^Access:' '$T/out'"

# ---- errors ----
rurun --db "$DB" frobnicate
check "an unknown command: exit 2" [ "$RC" -eq 2 ]
check "  said in Russian" \
    grep -q "^salesorg: неизвестная команда 'frobnicate'" "$T/err"
rurun --db "$DB" list nocard
check "no such card file: said in Russian" \
    grep -q '^salesorg: list: нет картотеки "nocard"' "$T/err"
rurun --db "$DB" agenda --days 0
check "a bad value: said in Russian" \
    grep -q '^salesorg: agenda: --days: число от 1 до 366, а не "0"' "$T/err"
rurun --db "$DB" agenda --dayz 3
check "an unknown option: said in Russian, then the Russian usage" sh -c \
    "grep -q '^salesorg: agenda: --dayz: нет такого параметра' '$T/err' &&
    grep -q '^Использование: ' '$T/err'"

# ---- a count's plural: 1 запись, 2 записи, 5 записей (and 11, 21) ----
PDB="$T/plural.db"
"$SALESORG" --db "$PDB" init >/dev/null || exit 1
for n in 1 2 5 11 21; do
	echo "name,city" >"$T/co$n.csv"
	i=0
	while [ $i -lt $n ]; do
		echo "Zplural$n-$i Ltd,Zcity" >>"$T/co$n.csv"
		i=$((i + 1))
	done
done
plural_is() {	# plural_is N TEXT: importing N companies says TEXT
	rurun --db "$PDB" import csv companies "$T/co$1.csv"
	check "import of $1: \"$2\"" sh -c \
	    "[ $RC -eq 0 ] && grep -q '^$2 в картотеку companies' '$T/out'"
}
plural_is 1 "загружена 1 запись"
plural_is 2 "загружены 2 записи"
plural_is 5 "загружено 5 записей"
plural_is 11 "загружено 11 записей"
plural_is 21 "загружена 21 запись"
# The same in export: 1 контакт, 2 контакта, 5 контактов.
for n in 1 2 5; do
	ru --db "$DB" export vcard --filter "id<=$n" -o "$T/x$n.vcf" \
	    >"$T/out" 2>"$T/err"
	case $n in 1) w=контакт ;; 2) w=контакта ;; *) w=контактов ;; esac
	check "export vcard of $n: \"$n $w\"" grep -qx "$T/x$n.vcf: $n $w" \
	    "$T/out"
done

# ---- which variable chooses ----
env LANGUAGE=en LANG=ru_RU.UTF-8 LC_ALL=ru_RU.UTF-8 "$SALESORG" --help \
    >"$T/out" 2>&1
check "LANGUAGE=en over a Russian LANG: English" sh -c \
    "grep -q '^usage: salesorg \[--db FILE\]' '$T/out' &&
    ! grep -q 'Использование' '$T/out'"
env LC_MESSAGES=ru_RU.UTF-8 "$SALESORG" --db "$DB" agenda >"$T/out" 2>&1
check "LC_MESSAGES=ru_RU.UTF-8 alone: Russian" sh -c \
    "grep -qx 'Просрочено' '$T/out' && grep -qx 'План дел: $ME' '$T/out'"
env LC_MESSAGES=ru_RU.UTF-8 "$SALESORG" list --help >"$T/out" 2>&1
check "  and its help, capitalised without a Russian LC_CTYPE" \
    grep -q '^Вывести картотеку' "$T/out"
en --help >"$T/out" 2>&1
check "a C.UTF-8 locale: English" grep -q '^usage: salesorg' "$T/out"

# ---- what programs read stays as it is ----
# same NAME CMD...: the Russian run's standard output is the English one's.
same() {
	name=$1
	shift
	en "$@" >"$T/en.out" 2>/dev/null
	ru "$@" >"$T/ru.out" 2>/dev/null
	check "$name: byte for byte the English run's" sh -c \
	    "[ -s '$T/en.out' ] && cmp -s '$T/en.out' '$T/ru.out'"
}
same "list --format csv" --db "$DB" list companies --format csv
same "list --format tsv" --db "$DB" list contacts --format tsv
same "list --excel" --db "$DB" list deals --excel
# The agenda's CSV: the same but for the title the program writes for a
# birthday, words for a person ("Поздравить: ..."), its kind the key.
en --db "$DB" agenda --format csv --days 7 >"$T/en.out" 2>/dev/null
ru --db "$DB" agenda --format csv --days 7 >"$T/ru.out" 2>/dev/null
check "agenda --format csv: byte for byte the English run's but birthdays" \
    sh -c "[ -s '$T/en.out' ] && grep -v ',birthday,' '$T/en.out' >'$T/en.b' &&
	grep -v ',birthday,' '$T/ru.out' >'$T/ru.b' && cmp -s '$T/en.b' '$T/ru.b'"
check "... a birthday's title in Russian" grep -q ',birthday,Поздравить: ' "$T/ru.out"
same "search --format csv" --db "$DB" search ром --format csv
# --roles: compare its rows only (the headings are words for a person).
en --roles | awk 'NF == 6 && $2 ~ /^(manager|head|admin)$/' >"$T/en.rows"
ru --roles | awk 'NF == 6 && $2 ~ /^(manager|head|admin)$/' >"$T/ru.rows"
check "--roles: the rows tests and the man page read, in both languages" \
    sh -c "[ -s '$T/en.rows' ] && cmp -s '$T/en.rows' '$T/ru.rows'"

# An unknown placeholder, said in Russian, still brings the list of the
# known ones (the command tells the error by the store's word for it,
# not by its English).
rurun --db "$DB" template add bad --subject "x" --body "Hi {contact.nosuch}"
check "unknown placeholder in Russian: refused" [ "$RC" -eq 1 ]
check "... said in Russian" grep -q "{contact.nosuch}" "$T/err"
check "... not in English" sh -c "! grep -q 'unknown placeholder' '$T/err'"
check "... with the known ones listed" grep -q "{contact.first_name}" "$T/err"
finish
