#!/bin/sh
# Issue 25, the organizer in Russian at 80x24 (LANG=ru_RU.UTF-8 and the
# catalogue make builds): the morning's agenda under Russian headings with
# today's date in Russian, the tabs and the list's title, the help, a form
# with Russian labels, the message line, and keys pressed on the Russian
# layout doing what the Latin key under them does (в is d: done, г is u:
# undo, ы is s: sort, й is q, Ф is A).  Every screen fits 80 columns.
# The strings asserted are the catalogue's: an untranslated one fails.
. "$(dirname "$0")/lib.sh"

DB="$T/r.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
"$SALESORG" --db "$DB" config set agenda.startup on >/dev/null || exit 1
ME=$(id -un)

# Today's heading from the pinned clock: "Сегодня, среда 9 декабря".
set -- воскресенье понедельник вторник среда четверг пятница суббота
shift "$(date -d "@$NOW_S" +%w)"
WDAY=$1
set -- января февраля марта апреля мая июня июля августа сентября \
    октября ноября декабря
shift "$(( $(date -d "@$NOW_S" +%-m) - 1 ))"
TODAY_HEAD="Сегодня, $WDAY $(date -d "@$NOW_S" +%-d) $1"

# done_count: events and tasks done in the database.
done_count() {
	sqlite3 "$DB" "SELECT (SELECT count(*) FROM events WHERE status =
	    'done') + (SELECT count(*) FROM tasks WHERE status = 'done')"
}

fits() {
	check "$1 fits 80 columns" lines_fit 80
}

# ---- the agenda at startup ----
start_ru 80x24 "$SALESORG" --db "$DB"
expect "the agenda's title in Russian" "План на день: $ME"
expect "the overdue section" "Просрочено"
expect "today's section with the date in Russian" "$TODAY_HEAD"
check "overdue comes before today" sh -c "$TM capture-pane -t t -p |
	awk '/Просрочено/ { o = NR } /Сегодня, / { t = NR }
	END { exit !(o && t && o < t) }'"
expect "the agenda's hints in Russian" "d, x готово"
check "the tab bar in Russian, shortened to fit" sh -c "$TM capture-pane \
	-t t -p | head -1 | grep -q ' 1 Комп\\. 2 Конт\\. .* 9 Прогр\\.'"
check "no English heading left" sh -c "! $TM capture-pane -t t -p |
	grep -q 'Overdue\\|Agenda of\\|Today,'"
fits "the agenda"

# в (d on the Russian layout): done, in Russian prompts; г (u): undone.
BEFORE=$(done_count)
keys в
if wait_for "Результат" 2; then
	ok "в opens the result pick-list"
	keys 1
fi
expect "в asks for a comment" "Комментарий (Enter — без него)"
type_text "созвонились"
keys Enter
expect "then for the next contact" "Следующий контакт (пт, +3д"
keys Enter
expect "the message line says it is done" "Сделано  (u — отменить)"
check "в marked the item done" sh -c "[ \$(sqlite3 '$DB' \"SELECT (SELECT
	count(*) FROM events WHERE status = 'done') + (SELECT count(*) FROM
	tasks WHERE status = 'done')\") -eq $((BEFORE + 1)) ]"
fits "the agenda after done"
keys г
expect "г undoes it" "Отменено: отметка «сделано»"
check "the item is not done any more" sh -c "[ \$(sqlite3 '$DB' \"SELECT
	(SELECT count(*) FROM events WHERE status = 'done') + (SELECT count(*)
	FROM tasks WHERE status = 'done')\") -eq $BEFORE ]"

# ---- the companies ----
keys 1
expect "the list's title in Russian" "Компании ("
check "the current tab whole, the others short" sh -c "$TM capture-pane \
	-t t -p | head -1 | grep -q ' 1 Компании 2 Конт\\.'"
expect "the column headings in Russian" "Название ▲"
expect "the card's sections in Russian" "Сведения"
expect "the list's hints in Russian" "a добавить"
fits "the list and its card"
keys ы
expect "ы (s) sorts by the next column" "Город ▲"
check "and not by the name any more" sh -c "! $TM capture-pane -t t -p |
	grep -q 'Название ▲'"

# ---- the help ----
keys '?'
expect "the help's title" "Справка salesorg"
expect "its first heading" "Везде"
expect "the keys explained in Russian" "эта справка"
expect "the card files by their Russian names" "Программы"
fits "the help"
keys NPage
expect "the list's keys" "В списке"
expect "a long line wraps under its column" "                   ключевые клиенты"
fits "the help, further on"
keys й
expect "й (q) leaves the help" "Компании ("
check "the help is gone" wait_gone "Справка salesorg"

# ---- a form ----
keys a
expect "the form's title" "Новая запись: Компания"
expect "its labels in Russian" "Название *"
expect "the city" "Город"
expect "the form's hints" "F2 или ^S сохранить"
fits "the form"
type_text "ООО «Русский тест»"
keys Tab Tab
type_text "Тверь"
keys F2
expect "the message line says it is added" "Компания: запись добавлена"
check "the company is in the database" sh -c "[ \$(sqlite3 '$DB' \"SELECT
	count(*) FROM companies WHERE name = 'ООО «Русский тест»' AND
	city = 'Тверь'\") -eq 1 ]"
fits "the list after the form"

# A question: Russian, with its answers; т (n on the Russian layout) is
# no, and nothing is deleted.
keys d
expect "the question in Russian" "Удалить в корзину: Компания «ООО «Русский тест»»? (y — да, n — нет)"
fits "the question"
keys т
check "т kept it" sh -c "[ \$(sqlite3 '$DB' \"SELECT count(*) FROM
	companies WHERE name = 'ООО «Русский тест»' AND deleted_at IS
	NULL\") -eq 1 ]"

# Ф (A): the agenda again.
keys Ф
expect "Ф brings the agenda back" "План на день: $ME"
fits "the agenda again"

finish
