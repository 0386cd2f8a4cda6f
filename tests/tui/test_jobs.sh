#!/bin/sh
# A contact's job history entered by hand (issue 28): on the Jobs section
# of a contact's card `a` asks for a past job -- company (a pick-list of
# the names that match), position, started, ended -- instead of opening
# "Add Contact"; a refusal (the end before the start) asks again with
# what was typed; the job shows in Jobs and in the company's Former
# staff; `e` changes it; the current job keeps its company.
. "$(dirname "$0")/lib.sh"

DB="$T/j.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
sqlite3 "$DB" "
INSERT INTO companies (id, name, city, created_at, updated_at) VALUES
	(1, 'ООО «Ромашка»', 'Казань', $NOW_S, $NOW_S),
	(2, 'ЗАО «Рога и копыта»', 'Москва', $NOW_S, $NOW_S),
	(3, 'ООО «Рога»', 'Тверь', $NOW_S, $NOW_S);
INSERT INTO contacts (id, last_name, first_name, position, company_id,
	created_at, updated_at) VALUES
	(1, 'Иванова', 'Анна', 'директор', 1, $NOW_S, $NOW_S);
INSERT INTO contact_jobs (contact_id, company_id, position, started_at)
	VALUES (1, 1, 'директор', $NOW_S);" || exit 1
reindex "$DB"
start 140x30 "$SALESORG" --db "$DB"
expect "the organizer is up" "1 Companies"
keys 2
expect "contacts" "Contacts (1)"
keys Enter
expect "the contact's card" "Changed "
# Info Tasks Notes Events Deals Programs Jobs: six sections on
for i in 1 2 3 4 5 6; do keys l; done
expect "Jobs: the current job" "$(day 0) - now"

keys a
expect "a asks for a job's company" "Company:"
check "... not Add Contact" sh -c "! $TM capture-pane -t t -p |
    grep -q 'Add Contact'"
type_text "рога"
keys Enter
expect "two companies match: a pick-list" "Which company?"
expect "... with their cities" "ООО «Рога»  Тверь"
keys Down Enter
expect "position" "Position:"
type_text "бухгалтер"
keys Enter
expect "started" "Started (date):"
type_text "01.03.2015"
keys Enter
expect "ended" "Ended (date):"
type_text "30.06.2014"
keys Enter
expect "the end before the start: refused, said" \
    "the end (2014-06-30) is before the start (2015-03-01)"
expect "... and the end asked again" "Ended (date): 2014-06-30"
keys C-u
type_text "30.06.2019"
keys Enter
expect "the job added" "Job added"
expect "Jobs: the past job with its dates" \
    "2015-03-01 - 2019-06-30  ООО «Рога», бухгалтер"
check "... before the current one" sh -c "$TM capture-pane -t t -p |
    grep -A1 '2015-03-01 - 2019-06-30' | grep -q '$(day 0) - now'"
check "stored with its days" [ "$(sqlite3 "$DB" "SELECT company_id,
    position, date(started_at, 'unixepoch', 'localtime'),
    date(ended_at, 'unixepoch', 'localtime') FROM contact_jobs
    WHERE ended_at IS NOT NULL")" = "3|бухгалтер|2015-03-01|2019-06-30" ]

# e on it: the position changes, the rest kept as it was
keys e
expect "e asks again, the company first" "Company: ООО «Рога»"
keys Enter
expect "... the position" "Position: бухгалтер"
keys C-u
type_text "главный бухгалтер"
keys Enter Enter Enter
expect "the job saved" "Job saved"
expect "Jobs: the new position" "ООО «Рога», главный бухгалтер"

# the current job: no company asked (it is the contact's Company)
keys Down e
expect "the current job: its position" "Position: директор"
keys Escape
expect_gone "Esc leaves" "Position:"

# the company's Former staff: Иванова, her dates and position
keys 1
expect "companies" "Companies (3)"
keys /
type_text "Тверь"
keys Enter
expect "ООО «Рога» alone" "Companies (1)"
keys Enter
expect "its card" "ABC by month"
# back from Info: History, then Former staff
keys h h
expect "Former staff: the past job" \
    "2015-03-01 - 2019-06-30  Иванова Анна, главный бухгалтер"
finish
