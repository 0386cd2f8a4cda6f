#!/bin/sh
# bench/gen-list.sh DB [CONTACTS] [COMPANIES]: a database for the list
# benchmarks, made with salesorg init and bulk SQL (deterministic).
# Names are a permutation of the row order (7919 is prime to the count),
# as in real data, so walking the name index reads pages at random.
# bench/gen makes the department-scale database of bench/run.
set -eu
db=$1
n=${2:-300000}
nc=${3:-100000}
: "${SALESORG:=./salesorg}"
rm -f "$db" "$db-wal" "$db-shm"
"$SALESORG" --db "$db" init >/dev/null
sqlite3 "$db" <<SQL
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $nc)
INSERT INTO companies (name, city, phone, created_at, updated_at)
SELECT 'ООО «Компания ' || printf('%06d', i) || '»',
    CASE i % 4 WHEN 0 THEN 'Казань' WHEN 1 THEN 'Москва' WHEN 2 THEN 'London'
    ELSE 'Новосибирск' END, '+7 843 ' || i, 0, 0 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $n)
INSERT INTO contacts (last_name, first_name, company_id, phone_work,
    email, created_at, updated_at)
SELECT 'Фамилия' || printf('%06d', (i * 7919) % $n + 1), 'Имя' || (i % 97),
    1 + i % $nc,
    '+7 843 ' || i, 'p' || i || '@example.ru', 0, 0 FROM n;
COMMIT;
SQL
