#!/bin/sh
# The :merge form (issue 29), in Russian at 80x24: Space marks rows in
# the Contacts list (a '*' column, the count on the status line, U
# clears), :merge opens on the marked rows; the recipients changed to a
# program's members of a status; a missing attachment refused naming
# the file, then a real one added; a test message to oneself (exactly
# one message); then the dry run and the run: the summary on screen,
# one message per member with the attachment, the per-recipient log.
# The cursor stays on the line just chosen; the run's warnings come
# without the command line's "merge: --attach: "; "On a failed address:
# go on" (--keep-going) sends to the others when the mailer refuses one.
. "$(dirname "$0")/lib.sh"

DB="$T/m.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
sqlite3 "$DB" "
INSERT INTO companies (id, name, created_at, updated_at) VALUES
	(1, 'ООО «Ромашка»', $NOW_S, $NOW_S);
INSERT INTO contacts (id, last_name, first_name, company_id, email,
	created_at, updated_at) VALUES
	(1, 'Иванова', 'Анна', 1, 'anna@example.ru', $NOW_S, $NOW_S),
	(2, 'Петров', 'Олег', 1, 'oleg@example.ru', $NOW_S, $NOW_S),
	(3, 'Сидоров', 'Пётр', 1, 'petr@example.ru', $NOW_S, $NOW_S);
INSERT INTO programs (id, name, kind, starts_on, created_at, updated_at)
	VALUES (1, 'Семинар', 'seminar', '2026-11-01', $NOW_S, $NOW_S);
INSERT INTO program_members (program_id, company_id, contact_id, status,
	created_at, updated_at) VALUES
	(1, 1, 1, 'confirmed', $NOW_S, $NOW_S),
	(1, 1, 3, 'confirmed', $NOW_S, $NOW_S),
	(1, 1, 2, 'invited', $NOW_S, $NOW_S);
" || exit 1
reindex "$DB"
"$SALESORG" --db "$DB" template add price --subject 'Прайс для {contact.first_name}' \
    --body 'Здравствуйте, {contact.first_name}!' >/dev/null || exit 1
cat >"$T/sendmail" <<EOF2
#!/bin/sh
n=\$(ls "$T/sent" | wc -l)
cat >"$T/sent/\$n.eml"
EOF2
chmod +x "$T/sendmail"
mkdir "$T/sent"
"$SALESORG" --db "$DB" config set mail.sendmail "$T/sendmail" >/dev/null || exit 1
"$SALESORG" --db "$DB" config set mail.from "sales@example.ru" >/dev/null || exit 1
printf '%%PDF-1.4 прайс\n' >"$T/price.pdf"

start_ru 80x24 "$SALESORG" --db "$DB"
expect "starts" "Компании ("
keys 2
expect "the contacts" "Контакты ("
keys Space
keys Space
expect "the count on the status line" "отмечены 2 строки"
expect "the count in the title" "- отмечены 2"
check "the marker column" sh -c "$TM capture-pane -t t -p | grep -q '^.\*'"
keys U
expect_gone "U clears the marks" "отмечены 2 строки"
keys Space
expect "marked again" "отмечена 1 строка"

keys :
type_text "merge price"
keys Enter
expect "the form, on the marked rows" "Получатели: 1 отмеченная строка"
# the recipients: a program's confirmed members
keys Down Enter
expect "the recipients menu" "участники программы"
keys Down Down Enter
expect "the program prompt" "Программа (название или номер):"
type_text "Семинар"
keys Enter
expect "the status menu" "Статус участника"
keys Down Down Enter
expect "the program target" "Получатели: участники Семинар"
# a missing attachment is refused, naming it; then the real one (the
# cursor stays on the line chosen: one Down from the recipients)
keys Down Enter
expect "the file prompt" "Вложить файл"
type_text "$T/нет.pdf"
keys Enter
expect "the missing file named" "нет.pdf: "
keys Enter
expect "the file prompt again" "Вложить файл"
type_text "$T/price.pdf"
keys Enter
expect "the attachment listed" "Вложения: price.pdf"
# a file gone after it was added: the run's message, without the
# command line's prefix; an empty path removes the files
printf 'x' >"$T/gone.pdf"
keys Enter
expect "the file prompt, a third time" "Вложить файл"
type_text "$T/gone.pdf"
keys Enter
expect "two attachments" "Вложения: price.pdf, gone.pdf"
rm "$T/gone.pdf"
keys Down Down Down Enter
expect "the test prompt for the gone file" "Отправить одно пробное письмо на:"
keys Enter
expect "the gone file named" "gone.pdf: "
check "without the command's prefix" sh -c "! $TM capture-pane -t t -p | grep -q 'merge:\|--attach'"
check "nothing sent for it" [ "$(ls "$T/sent" | wc -l)" -eq 0 ]
keys Up Up Up Enter
expect "the file prompt, to clear" "Вложить файл"
keys Enter
expect "the attachments cleared" "Вложения: нет"
keys Enter
expect "the file prompt, the last time" "Вложить файл"
type_text "$T/price.pdf"
keys Enter
expect "the attachment listed again" "Вложения: price.pdf"
# the test message: exactly one, to mail.from's address
keys Down Down Down Enter
expect "the test prompt" "Отправить одно пробное письмо на:"
keys Enter
expect "the test said" "пробное письмо отправлено на sales@example.ru"
check "the test: exactly one message" [ "$(ls "$T/sent" | wc -l)" -eq 1 ]
check "the test: to oneself" grep -q '^To: sales@example.ru' "$T/sent/0.eml"
check "the test: nothing logged" [ "$(sqlite3 "$DB" "SELECT count(*) FROM mail_log")" -eq 0 ]
# the run: the cursor is on the test line, 1 picks the first
expect "the form after the test" "Отправить: сначала пробный"
keys 1
expect "the dry run" "2 получателя получат письмо"
keys q
expect "asked" "(y/n)"
keys y
expect "the summary" "Отправлено 2 письма (каждое записано событием e-mail)"
check "three messages in all: the test and two" [ "$(ls "$T/sent" | wc -l)" -eq 3 ]
check "to the confirmed members" sh -c "grep -q '^To: .*anna@example.ru' '$T'/sent/[12].eml && grep -q '^To: .*petr@example.ru' '$T'/sent/[12].eml"
check "not to the invited" sh -c "! grep -q 'oleg@example.ru' '$T'/sent/*.eml"
check "the attachment intact" python3 - "$T/sent/1.eml" "$T/price.pdf" <<'EOF'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'),
    policy=email.policy.default)
att = [p for p in m.iter_attachments()]
assert len(att) == 1 and att[0].get_filename() == 'price.pdf', att
assert att[0].get_content() == open(sys.argv[2], 'rb').read()
EOF
check "the per-recipient log" [ "$(sqlite3 "$DB" "SELECT group_concat(contact_id || ' ' || status || ' ' || program_id, ',') FROM (SELECT * FROM mail_log ORDER BY contact_id)")" = "1 sent 1,3 sent 1" ]
keys q
expect "the list again" "Контакты ("

# "On a failed address: go on": a mailer that refuses petr's message;
# the others go, the failure is counted, said and logged
cat >"$T/sendmail" <<EOF2
#!/bin/sh
m=\$(cat)
case "\$m" in *petr@example.ru*) echo "mailbox full" >&2; exit 75;; esac
n=\$(ls "$T/sent" | wc -l)
printf '%s\n' "\$m" >"$T/sent/\$n.eml"
EOF2
rm -f "$T"/sent/*
keys :
type_text "merge price"
keys Enter
expect "the form again" "Получатели: 1 отмеченная строка"
check "stop by default" sh -c "$TM capture-pane -t t -p | grep -q 'При ошибке на адресе: остановиться'"
keys Down Enter
expect "the recipients menu again" "участники программы"
keys Enter
expect "the whole list" "Получатели: Контакты"
keys Down Down Down Enter
expect "go on" "При ошибке на адресе: продолжать"
keys 1
expect "the dry run of three" "3 контакта получат письмо"
keys q
expect "asked again" "(y/n)"
keys y
expect "the summary counts the sent" "Отправлено 2 письма (каждое записано событием e-mail); пропущено 0 контактов без"
expect "... and the failed" "e-mail; 1 не отправлено (см. предупреждения)"
expect "the run's own count" "отправлено 2 сообщения, 1 не отправлено"
expect "the failure on the page" "не удалось отправить Пётр Сидоров <petr@example.ru> (контакт #3)"
expect "... and why" "mailbox full"
check "two messages went" [ "$(ls "$T/sent" | wc -l)" -eq 2 ]
check "the log: two sent, one failed" [ "$(sqlite3 "$DB" "SELECT group_concat(contact_id || ' ' || status, ',') FROM (SELECT * FROM mail_log WHERE program_id IS NULL OR program_id = 0 ORDER BY contact_id)")" = "1 sent,2 sent,3 failed" ]
keys q
keys Q
expect "exits" "EXITED 0"
finish
