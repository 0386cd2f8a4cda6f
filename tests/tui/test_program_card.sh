#!/bin/sh
# A program's card shows what it produced (issue 29): its members by
# status, its mailings (the per-recipient log: sent, failed with the
# mailer's words, skipped) counted on Info and listed in the Mailings
# section, and the deals and payments of its members' companies in its
# window (from the start to the end plus program.attribution_days); a
# contact's card lists the contact's mailings.
. "$(dirname "$0")/lib.sh"

DB="$T/p.db"
"$SALESORG" --db "$DB" init >/dev/null || exit 1
# Program 1 runs 2026-11-01..2026-11-10: the window is [11-01, 02-08)
# with the default 90 days.  Company 1 (member through contact 1) paid
# 1000.00 on 11-05 (in) and 500.00 on 10-31 (before: out); company 2
# (a member itself) 2500.00 on 2027-02-07 (in) and 70.00 on 2027-02-08
# (out); company 3 is no member (300.00 in the window: out).  Deal 1 of
# company 2 made on 11-02 (in, 4000.00), deal 2 of company 1 made
# 10-01 (out).
S1=$(date -d '2026-11-02 12:00' +%s)
S0=$(date -d '2026-10-01 12:00' +%s)
sqlite3 "$DB" "
INSERT INTO companies (id, name, created_at, updated_at) VALUES
	(1, 'ООО «Ромашка»', $NOW_S, $NOW_S),
	(2, 'АО «Вектор»', $NOW_S, $NOW_S),
	(3, 'ИП Сидоров', $NOW_S, $NOW_S);
INSERT INTO contacts (id, last_name, first_name, company_id, email,
	created_at, updated_at) VALUES
	(1, 'Иванова', 'Анна', 1, 'anna@example.ru', $NOW_S, $NOW_S),
	(2, 'Петров', 'Олег', 2, '', $NOW_S, $NOW_S);
INSERT INTO programs (id, name, kind, starts_on, ends_on, created_at,
	updated_at) VALUES (1, 'Семинар', 'seminar', '2026-11-01',
	'2026-11-10', $NOW_S, $NOW_S);
INSERT INTO program_members (program_id, company_id, contact_id, status,
	created_at, updated_at) VALUES
	(1, 1, 1, 'confirmed', $NOW_S, $NOW_S),
	(1, 2, NULL, 'invited', $NOW_S, $NOW_S),
	(1, 2, 2, 'invited', $NOW_S, $NOW_S);
INSERT INTO payments (company_id, amount, paid_on, created_at, updated_at)
	VALUES (1, 100000, '2026-11-05', $NOW_S, $NOW_S),
	(1, 50000, '2026-10-31', $NOW_S, $NOW_S),
	(2, 250000, '2027-02-07', $NOW_S, $NOW_S),
	(2, 7000, '2027-02-08', $NOW_S, $NOW_S),
	(3, 30000, '2026-11-05', $NOW_S, $NOW_S);
INSERT INTO deals (id, title, company_id, amount, created_at, updated_at)
	VALUES (1, 'Поставка', 2, 400000, $S1, $S1),
	(2, 'Старая', 1, 900000, $S0, $S0);
INSERT INTO mail_log (sent_at, template, status, error, addr, contact_id,
	company_id, program_id) VALUES
	($NOW_S, 'invite', 'sent', '', 'anna@example.ru', 1, 1, 1),
	($NOW_S, 'invite', 'failed', 'user unknown', 'x@vector.ru', NULL,
	    2, 1),
	($NOW_S, 'invite', 'skipped', 'no e-mail', '', 2, 2, 1);" || exit 1
reindex "$DB"
start 220x40 "$SALESORG" --db "$DB"
expect "the organizer is up" "1 Companies"
keys 9
expect "programs" "Семинар"
keys Enter
expect "members by status" "confirmed 1, attended 0, declined 0, bought 0"
expect "... the invited" "invited 2, confirmed 1"
expect "the mailings counted" "1 sent, 1 failed, 1 skipped"
expect "the results by the rule" \
    "1 deals 4 000, 2 payments 3 500 (from 2026-11-01, before 2027-02-08)"
# Info Members Mailings
keys l l
expect "the Mailings section: the failure and why" \
    "failed   invite  АО «Вектор» x@vector.ru: user unknown"
expect "... the skipped member" "skipped  invite  Петров Олег : no e-mail"
expect "... the sent one" "sent     invite  Иванова Анна anna@example.ru"

# the contact's card: its own mailing
keys 2
expect "contacts" "Иванова"
keys Enter
# Info Tasks Notes Events Deals Programs Jobs Mailings
for i in 1 2 3 4 5 6 7; do keys l; done
expect "the contact's Mailings" "sent     invite  anna@example.ru"
keys Q
expect "program exits 0" "EXITED 0"
finish
