#!/bin/sh
# bench/search.sh: `salesorg search` on N contacts (300 000) and N/3
# companies, as the search screen runs it at each key press: a 1-, 2-
# and 3-letter prefix (every contact matches "ф"), a 4-letter one and a
# whole word that is the start of N different words (the worst case: no
# prefix index is that long, so FTS5 merges N doclists), one precise
# word, and phone numbers.  Beside each, in the same run, the bare
# sqlite3 shell doing the FTS5 query of one card file (the index's own
# cost), and for a word a LIKE scan of contacts (what it costs without
# an index).  Whole-process figures: median of RUNS runs after a warm-up,
# with min and max, peak RSS.  Then what the index costs: generating with
# it, its size, and a rebuild (the upgrade of an existing database).
set -u
cd "$(dirname "$0")/.."
: "${SALESORG:=$PWD/salesorg}"
RUNS=${RUNS:-7}
N=${N:-300000}
T=$(mktemp -d /tmp/so-bench-search-XXXXXX)
trap 'rm -rf "$T"' EXIT
DB="$T/search.db"
. bench/lib.sh

echo "generating $N contacts and $((N / 3)) companies (indexed as they go in) ..."
s=$(now_ms)
SALESORG=$SALESORG sh bench/gen-list.sh "$DB" "$N" $((N / 3)) || exit 1
e=$(now_ms)
GEN=$((e - s))
[ "$(sqlite3 "$DB" "SELECT count(*) FROM contacts_fts_docsize")" -eq "$N" ] || {
	echo "bench: contacts not indexed" >&2
	exit 1
}
echo "salesorg $("$SALESORG" --version | head -1); $RUNS runs each, median (min-max)"
echo

# fts QUERY: the bare FTS5 query of contacts, first page, newest first.
fts() {
	median_of sqlite3 "$DB" "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH '\"$1\"*' ORDER BY rowid DESC LIMIT 10;"
}
# search LABEL QUERY: salesorg beside the bare FTS5 query (ASCII labels:
# printf pads bytes, not characters).
search() {
	row "search $1" "$(median_of "$SALESORG" --db "$DB" search "$2")" \
	    "sqlite3 FTS5, contacts only" "$(fts "$2")"
}
echo "queries: ф фа фам фами фамилия фамилия150000 | 843 7843 78431 784312345 | жжжжж"
search "1 letter (all match)" ф
search "2 letters" фа
search "3 letters" фам
search "4 letters (300k words)" фами
search "word (300k words start so)" фамилия
search "one whole word" фамилия150000
row "search one whole word" "$(median_of "$SALESORG" --db "$DB" search фамилия150000)" \
    "sqlite3 LIKE scan of contacts" "$(median_of sqlite3 "$DB" "SELECT id FROM contacts WHERE deleted_at IS NULL AND (last_name LIKE '%фамилия150000%' OR first_name LIKE '%фамилия150000%' OR phone_work LIKE '%фамилия150000%' OR email LIKE '%фамилия150000%') LIMIT 10;")"
search "phone: area code" 843
search "phone: 4 digits (400k)" 7843
search "phone: 5 digits" 78431
search "phone: 9 digits" 784312345
row "search: nothing found" "$(median_of "$SALESORG" --db "$DB" search жжжжж)" \
    "sqlite3 SELECT 1" "$(median_of sqlite3 "$DB" "SELECT 1;")"

echo
KB=$(du -k "$DB" | cut -f1)
FTS=$(sqlite3 "$DB" "SELECT sum(pgsize) / 1024 FROM dbstat WHERE name LIKE '%\\_fts\\_%' ESCAPE '\\'")
printf "database %d KiB, of which the search indexes %d KiB (%d%%)\n" \
    "$KB" "$FTS" $((FTS * 100 / KB))
printf "generating (gen-list.sh, triggers indexing): %d ms\n" "$GEN"
s=$(now_ms)
sqlite3 "$DB" "INSERT INTO contacts_fts (contacts_fts) VALUES ('rebuild'); INSERT INTO companies_fts (companies_fts) VALUES ('rebuild');"
e=$(now_ms)
printf "rebuilding the contacts and companies indexes: %d ms\n" $((e - s))
