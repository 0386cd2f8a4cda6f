#!/bin/sh
# p on a card prints a chosen document.  The team's templates are in
# doc.dir's default ($XDG_DATA_HOME/salesorg/templates): a .docx made
# with python-docx at test time.  With no templates, p says where to put
# them.  Without LibreOffice on PATH, p on a company's card fills the
# picked template for the company and saves it in the directory asked
# (~/Documents, prefilled): the file's text has the company's Cyrillic
# name, the card's Notes have "Document: ..." and nothing is printed.
# With a stand-in soffice (it writes a two-page PDF beside the document)
# and a stand-in lpr (it keeps its arguments), p on the company's row in
# the list asks "Print 2 pages", and lpr gets the PDF; a second document
# does not overwrite the first.  p on a task says what p is for.  As a
# manager (real Unix users, when root), p on a colleague's company is
# refused with the reason, and nothing is written.
. "$(dirname "$0")/lib.sh"

PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3	# the one with python-docx
if ! $PY -c 'import docx' 2>/dev/null; then
	if [ -n "${CI:-}" ]; then
		echo "FAIL CI needs python3-docx (.ci/deps)"
		exit 1
	fi
	echo "skip: python-docx is not installed"
	exit 0
fi

DB="$T/d.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
"$SALESORG" --db "$DB" config set agenda.startup off --team >/dev/null ||
    exit 1
NAME='1С-Печать и К°'	# first in the list, by name
sqlite3 "$DB" "UPDATE companies SET name = '$NAME' WHERE id = 1" || exit 1
reindex "$DB"
notes() {	# notes: the "Document:" notes on company 1
	sqlite3 "$DB" "SELECT count(*) FROM notes WHERE company_id = 1 AND
	    title LIKE 'Document: %' AND deleted_at IS NULL"
}

# The text of a .docx, a paragraph a line (unzip and XML).
cat >"$T/text.py" <<'EOF'
import sys, zipfile, xml.dom.minidom as m
W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
d = m.parseString(zipfile.ZipFile(sys.argv[1]).read('word/document.xml'))
def text(n):
    if n.nodeType == n.TEXT_NODE:
        return n.data
    return ''.join(text(c) for c in n.childNodes)
for p in d.getElementsByTagNameNS(W, 'p'):
    print(text(p))
EOF

# Programs: lpr keeps its arguments and the file; soffice (in bin2 only)
# writes a PDF of two pages beside the document, as --outdir says.
mkdir -p "$T/bin" "$T/bin2" "$T/home/Documents"
cat >"$T/bin/lpr" <<EOS
#!/bin/sh
for a; do f=\$a; done
printf '%s\n' "\$@" >"$T/lpr.args"
cp "\$f" "$T/printed.pdf"
EOS
cat >"$T/bin2/soffice" <<'EOS'
#!/bin/sh
out=.
while [ $# -gt 0 ]; do
	case $1 in
	--outdir) out=$2; shift ;;
	-*) ;;
	*) f=$1 ;;
	esac
	shift
done
b=$(basename "$f"); b=${b%.*}
printf '%%PDF-1.4\n1 0 obj << /Type /Pages /Count 2 >> endobj\n2 0 obj << /Type /Page >> endobj\n3 0 obj << /Type/Page >> endobj\n%%%%EOF\n' >"$out/$b.pdf"
EOS
cp "$T/bin/lpr" "$T/bin2/lpr"
chmod +x "$T/bin/lpr" "$T/bin2/lpr" "$T/bin2/soffice"
# Without soffice: the programs the organizer runs, and nothing else.
for p in env rm; do ln -s "$(command -v $p)" "$T/bin/$p"; done

TPL="$XDG_DATA_HOME/salesorg/templates"
DOC="$T/home/Documents"

# ---- no templates yet ----
start 120x36 HOME="$T/home" PATH="$T/bin" "$SALESORG" --db "$DB"
expect "the organizer is up" "Companies ("
keys Enter
expect "the company's card" "$NAME"
keys p
expect "no templates: where to put them" "No document templates in $TPL"
expect "... and how" "put .odt or .docx files there"
keys q Q
wait_for EXITED

mkdir -p "$TPL"
$PY - "$TPL/Договор.docx" <<'EOF'
import sys, docx
d = docx.Document()
p = d.add_paragraph("Договор с ")
p.add_run("{company.name}").bold = True
p.add_run(", г. {company.city}.")
d.save(sys.argv[1])
EOF
# a lock file Word leaves beside an open template is not offered
cp "$TPL/Договор.docx" "$TPL/~\$Договор.docx"
CITY=$(sqlite3 "$DB" "SELECT city FROM companies WHERE id = 1")

# ---- no LibreOffice: the document is saved ----
start 120x36 HOME="$T/home" PATH="$T/bin" "$SALESORG" --db "$DB"
expect "the organizer is up again" "Companies ("
keys Enter
expect "the card again" "$NAME"
keys p
expect "p: the menu of templates" "Print a document"
expect "... the template in it" "1 Договор.docx"
check "... and not the lock file" sh -c "! $TM capture-pane -t t -p | grep -q '~\\$'"
keys Enter
expect "the directory asked, ~/Documents in it" "Save in: $DOC"
keys Enter
expect "saved, no PDF: why" "no PDF to print: LibreOffice is not installed"
F="$DOC/Договор - $NAME.docx"
check "the document is there" [ -f "$F" ]
$PY "$T/text.py" "$F" >"$T/doc.txt" 2>"$T/py.err"
check "its text: the company's name and city" grep -qx \
    "Договор с $NAME, г. $CITY." "$T/doc.txt"
check "one note on the company" [ "$(notes)" -eq 1 ]
check "the note names the file" [ "$(sqlite3 "$DB" "SELECT count(*) FROM
    notes WHERE company_id = 1 AND title = 'Document: Договор - $NAME.docx'
    AND body LIKE '$F%'")" -eq 1 ]
check "nothing printed" [ ! -e "$T/lpr.args" ]
keys Right Right Right
expect "the note on the card's Notes" "Document: Договор - $NAME.docx"
keys q q Q
wait_for EXITED

# ---- LibreOffice (a stand-in): the PDF is printed ----
start 120x36 HOME="$T/home" PATH="$T/bin2:$PATH" "$SALESORG" --db "$DB"
expect "the organizer is up a third time" "Companies ("
keys p
expect "p on the list's row: the menu" "1 Договор.docx"
keys 1
expect "the directory asked" "Save in: $DOC"
keys Enter
expect "print or save: the pages counted" "1 Print 2 pages on"
keys 1
expect "printed: pages and the file" "2 pages sent to"
F2="$DOC/Договор - $NAME (2).docx"
check "the first document was not overwritten" [ -f "$F" ]
check "the second one beside it" [ -f "$F2" ]
check "lpr got the PDF" sh -c "head -c 5 '$T/printed.pdf' | grep -q '%PDF-'"
check "lpr was given the PDF's path" grep -qx "$DOC/Договор - $NAME (2).pdf" \
    "$T/lpr.args"
check "two notes on the company" [ "$(notes)" -eq 2 ]
check "the note names the PDF" [ "$(sqlite3 "$DB" "SELECT count(*) FROM notes
    WHERE company_id = 1 AND title = 'Document: Договор - $NAME (2).pdf'")" \
    -eq 1 ]
# p elsewhere: what p is for
keys 3
expect "the tasks" "Tasks ("
keys p
expect "p on a task: what p is for" "p prints a document for a company, a contact or a deal"
keys Q
wait_for EXITED

# ---- a manager on a colleague's company: refused ----
if [ "$(id -u)" -eq 0 ] && command -v useradd >/dev/null &&
    command -v runuser >/dev/null; then
	ALICE=so_alice_$$
	BOB=so_bob_$$
	SHARED=$(mktemp -d /tmp/so-docp-XXXXXX)
	chmod 1777 "$SHARED"
	cleanup_roles() {
		cleanup
		userdel "$ALICE" 2>/dev/null
		userdel "$BOB" 2>/dev/null
		rm -rf "$SHARED"
	}
	trap cleanup_roles EXIT
	useradd -M -N "$ALICE" && useradd -M -N "$BOB" ||
	    { echo "FAIL useradd"; exit 1; }
	RDB="$SHARED/r.db"
	"$SALESORG" --db "$RDB" init >/dev/null || exit 1
	chmod 0666 "$RDB"
	"$SALESORG" --db "$RDB" user add "$ALICE" --role manager >/dev/null &&
	"$SALESORG" --db "$RDB" user add "$BOB" --role manager >/dev/null ||
	    exit 1
	printf 'name,city,manager\nООО Ромашка,Казань,%s\n' "$BOB" \
	    >"$SHARED/c.csv"
	"$SALESORG" --db "$RDB" import csv companies "$SHARED/c.csv" \
	    >/dev/null || exit 1
	chmod -R a+rX "$T"
	start 120x30 runuser -u "$ALICE" -- env TERM=screen-256color \
	    LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=$TZ HOME="$SHARED" \
	    XDG_DATA_HOME="$XDG_DATA_HOME" PATH="$T/bin" "$SALESORG" \
	    --db "$RDB"
	expect "alice is logged in" "$ALICE@r.db"
	keys Enter
	expect "bob's company" "ООО Ромашка [read-only: $BOB's]"
	keys p
	expect "p refused, and why" "No document: "
	expect "... in the store's words" "only $BOB or a head of sales may change it"
	check "no menu" sh -c "! $TM capture-pane -t t -p | grep -q 'Print a document'"
	check "no note" [ "$(sqlite3 "$RDB" "SELECT count(*) FROM notes")" -eq 0 ]
	keys Q
else
	echo "skip: the manager's refusal needs root, useradd and runuser"
fi

finish
