#!/bin/sh
# `salesorg doc`: documents from templates.  A .docx made at test time
# with python-docx (a placeholder split across runs of different
# formatting, a table row of deal lines) and an .odt made by LibreOffice
# from a flat .fodt (a span over half a placeholder, a header, a row of
# the company's contacts), filled for a company with Cyrillic data and
# an ampersand and quotes in its name, read back through the zip and the
# XML (python3), converted to PDF and read with pdftotext; a selection,
# one file per record named after it; the note on each record; the
# errors.  A program missing is a skip outside CI, a failure in CI.
. "$(dirname "$0")/lib.sh"

PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3	# the one with python-docx
need() {	# need WHAT: skip (outside CI) or fail (in CI)
	if [ -n "${CI:-}" ]; then
		fail "CI needs $1 (.ci/deps)"
	else
		echo "skip: $1 is not installed"
	fi
}

DB="$T/d.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
NAME='ООО "Ромашка" & Ко'
sqlite3 "$DB" "UPDATE companies SET name = 'ООО \"Ромашка\" & Ко',
    city = 'Казань' WHERE id = 1;
    UPDATE companies SET name = 'Альфа/Бета' WHERE id = 2;
    UPDATE companies SET name = 'Альфа/Бета' WHERE id = 3;
    UPDATE deals SET company_id = 1, title = 'Упаковка на 2027 год'
    WHERE id = 1" || exit 1
reindex "$DB"
# Deal lines as the products' migration (017) keeps them: made here when
# this database has no such tables yet.
sqlite3 "$DB" "CREATE TABLE IF NOT EXISTS products (id INTEGER PRIMARY KEY,
    code TEXT NOT NULL DEFAULT '', name TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '', price INTEGER,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
    deleted_at INTEGER);
    CREATE TABLE IF NOT EXISTS deal_lines (id INTEGER PRIMARY KEY,
    deal_id INTEGER NOT NULL, product_id INTEGER,
    quantity INTEGER NOT NULL DEFAULT 1, price INTEGER, discount INTEGER,
    amount INTEGER, created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL, deleted_at INTEGER);
    INSERT INTO products (id, code, name, unit, price, created_at,
    updated_at) VALUES (901, 'K-1', 'Коробка <малая>', 'шт', 12550, 0, 0),
    (902, 'L-2', 'Лента & клей', 'м', 300, 0, 0);
    INSERT INTO deal_lines (deal_id, product_id, quantity, price, discount,
    amount, created_at, updated_at) VALUES
    (1, 901, 10, 12550, 10, 112950, 0, 0), (1, 902, 5, 300, NULL, 1500, 0,
    0)" || exit 1
notes() {	# notes WHERE: how many "Document:" notes match
	sqlite3 "$DB" "SELECT count(*) FROM notes WHERE title LIKE
	    'Document: %' AND $1"
}

# The text of a filled document, a paragraph (or table cell) a line.
cat >"$T/text.py" <<'EOF'
import sys, zipfile, xml.dom.minidom as m
z = zipfile.ZipFile(sys.argv[1])
W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
T = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0'
def text(n):
    if n.nodeType == n.TEXT_NODE:
        return n.data
    return ''.join(text(c) for c in n.childNodes)
for part in sys.argv[2:]:
    d = m.parseString(z.read(part))
    ps = d.getElementsByTagNameNS(W, 'p') or \
        d.getElementsByTagNameNS(T, 'p') + d.getElementsByTagNameNS(T, 'h')
    for p in ps:
        print(text(p))
EOF

# ---- .docx ----
if $PY -c 'import docx' 2>/dev/null; then
	$PY - "$T/t.docx" <<'EOF'
import sys, docx
d = docx.Document()
p = d.add_paragraph("Договор с ")
r = p.add_run("{comp"); r.bold = True	# typed in three goes: three runs
p.add_run("any.na")
r = p.add_run("me} от {today}; "); r.italic = True
p.add_run("{{не поле}}, менеджер {manager.name}.")
t = d.add_table(rows=2, cols=3)
for i, s in enumerate(["Товар", "Кол-во", "Сумма"]):
    t.cell(0, i).text = s
t.cell(1, 0).text = "{line.number}. {line.product}"
t.cell(1, 1).text = "{line.quantity}"
t.cell(1, 2).text = "{line.amount}"
d.add_paragraph("Итого: {deal.amount}")
d.sections[0].header.paragraphs[0].text = "Шапка: {company.name}"
d.save(sys.argv[1])
EOF
	run --db "$DB" doc "$T/t.docx" --deal 1 -o "$T/out.docx"
	check "docx: exit 0" [ "$RC" -eq 0 ]
	check "docx: the file named" grep -qx "$T/out.docx" "$T/out"
	$PY "$T/text.py" "$T/out.docx" word/document.xml word/header1.xml \
	    >"$T/docx.txt"
	check "docx: the split placeholder filled, braces undoubled" grep -qx \
	    "Договор с $NAME от $TODAY; {не поле}, менеджер $(id -un)." \
	    "$T/docx.txt"
	check "docx: the first line" grep -qx "1. Коробка <малая>" "$T/docx.txt"
	check "docx: its amount" grep -qx "1129.50" "$T/docx.txt"
	check "docx: the second line" grep -qx "2. Лента & клей" "$T/docx.txt"
	check "docx: two line rows" [ "$(grep -c '^[0-9]\. ' "$T/docx.txt")" -eq 2 ]
	check "docx: the header" grep -qx "Шапка: $NAME" "$T/docx.txt"
	check "docx: no placeholder left" sh -c "! grep -q 'line\.\|company\.' '$T/docx.txt'"
	# the value took the first run's formatting; the others stayed
	$PY - "$T/out.docx" >"$T/runs" <<'EOF'
import sys, docx
p = docx.Document(sys.argv[1]).paragraphs[0]
for r in p.runs:
    print(repr(r.text), r.bold, r.italic)
EOF
	check "docx: the value in the bold run" grep -qx "'ООО \"Ромашка\" & Ко' True None" "$T/runs"
	check "docx: the italic run kept its rest" grep -qx "' от $TODAY; ' None True" "$T/runs"
	check "docx: one note on the deal" [ "$(notes "deal_id = 1 AND body LIKE '$T/out.docx%'")" -eq 1 ]

	# an unknown placeholder, split too: named, with a suggestion
	$PY - "$T/bad.docx" <<'EOF'
import sys, docx
d = docx.Document()
d.add_paragraph("Первая строка")
p = d.add_paragraph("Уважаемый {cont")
p.add_run("act.frist_name}")
d.save(sys.argv[1])
EOF
	run --db "$DB" doc "$T/bad.docx" --company 1 -o "$T/bad-out.docx"
	check "unknown placeholder: exit 1" [ "$RC" -eq 1 ]
	check "unknown placeholder: where and what" grep -q \
	    'template "bad.docx": word/document.xml, paragraph 2, column 11: unknown placeholder {contact.frist_name}; did you mean {contact.first_name}?' \
	    "$T/err"
	check "unknown placeholder: no file" [ ! -e "$T/bad-out.docx" ]

	# a selection: a file per company, named after it, made unique
	run --db "$DB" doc "$T/t.docx" --filter 'id<=3' -o "$T/sel"
	check "selection: exit 0" [ "$RC" -eq 0 ]
	check "selection: the summary" grep -qx "3 documents written to $T/sel" "$T/out"
	check "selection: named after the company" [ -f "$T/sel/ООО _Ромашка_ & Ко.docx" ]
	check "selection: a slash replaced" [ -f "$T/sel/Альфа_Бета.docx" ]
	check "selection: the same name made unique" [ -f "$T/sel/Альфа_Бета-3.docx" ]
	check "selection: three notes" [ "$(notes "company_id <= 3 AND body LIKE '$T/sel/%'")" -eq 3 ]
	# a company's document: no deal, the lines' row left out
	$PY "$T/text.py" "$T/sel/ООО _Ромашка_ & Ко.docx" word/document.xml >"$T/sel.txt"
	check "selection: no line rows for a company" sh -c "! grep -q '^[0-9]\. ' '$T/sel.txt'"
else
	need python3-docx
fi

# ---- errors that need no template ----
run --db "$DB" doc "$T/nothing.odt" --company 1 -o "$T/x.odt"
check "missing template: exit 1" [ "$RC" -eq 1 ]
check "missing template: named" grep -q "nothing.odt" "$T/err"
run --db "$DB" doc "$T/t.txt" --company 1 -o "$T/x.txt"
check "not .odt or .docx: said" grep -q "a template is an .odt or a .docx file" "$T/err"
run --db "$DB" doc "$T/t.odt" --company 1
check "no -o: usage" [ "$RC" -eq 2 ]
run --db "$DB" doc "$T/t.odt" --company 1 --deal 2 -o "$T/x.odt"
check "two records: usage" [ "$RC" -eq 2 ]
run --db "$DB" doc "$T/t.odt" --company 99999 -o "$T/x.odt"
check "no such company: exit 1" [ "$RC" -eq 1 ]

# ---- .odt through LibreOffice ----
if command -v soffice >/dev/null; then
	cat >"$T/t.fodt" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style><style:page-layout style:name="pm1"/></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"><style:header><text:p>Колонтитул: {company.city}</text:p></style:header></style:master-page></office:master-styles>
<office:body><office:text>
<text:p>Покупатель: <text:span text:style-name="T1">{company.</text:span>name} (г. {company.city})</text:p>
<table:table table:name="People"><table:table-column table:number-columns-repeated="2"/>
<table:table-row><table:table-cell><text:p>Фамилия</text:p></table:table-cell><table:table-cell><text:p>Телефон</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>{contact.last_name}</text:p></table:table-cell><table:table-cell><text:p>{contact.phone_work}</text:p></table:table-cell></table:table-row>
</table:table>
</office:text></office:body></office:document>
EOF
	mkdir -p "$T/lo"
	(cd "$T" && HOME="$T/lo" soffice -env:UserInstallation=file://$T/lo/p \
	    --headless --convert-to odt --outdir "$T" "$T/t.fodt" \
	    >/dev/null 2>&1)
	check "odt: LibreOffice made the template" [ -f "$T/t.odt" ]
	run --db "$DB" doc "$T/t.odt" --company 1 -o "$T/co.odt" --pdf
	check "odt: exit 0" [ "$RC" -eq 0 ]
	check "odt: the PDF named" grep -qx "$T/co.pdf" "$T/out"
	$PY "$T/text.py" "$T/co.odt" content.xml styles.xml >"$T/odt.txt"
	check "odt: the span's placeholder filled" grep -qx "Покупатель: $NAME (г. Казань)" "$T/odt.txt"
	check "odt: the header" grep -qx "Колонтитул: Казань" "$T/odt.txt"
	want=$(sqlite3 "$DB" "SELECT count(*) FROM contacts WHERE company_id = 1
	    AND deleted_at IS NULL")
	first=$(sqlite3 "$DB" "SELECT last_name FROM contacts WHERE company_id
	    = 1 AND deleted_at IS NULL ORDER BY last_name LIMIT 1")
	got=$(grep -c '^+7' "$T/odt.txt")
	check "odt: a row per contact of the company ($want)" [ "$got" -eq "$want" ]
	check "odt: a contact's name" grep -qx "$first" "$T/odt.txt"
	$PY - "$T/co.odt" >"$T/zip" <<'EOF'
import sys, zipfile
i = zipfile.ZipFile(sys.argv[1]).infolist()
print(i[0].filename, i[0].compress_type)
EOF
	check "odt: mimetype first and stored" grep -qx "mimetype 0" "$T/zip"
	if command -v odt2txt >/dev/null; then
		odt2txt "$T/co.odt" >"$T/odt2txt.txt" 2>/dev/null
		check "odt2txt reads the name" grep -q "Ромашка\" & Ко" "$T/odt2txt.txt"
	fi
	if command -v pdftotext >/dev/null; then
		pdftotext "$T/co.pdf" - >"$T/pdf.txt" 2>/dev/null
		check "pdf: the company's name" grep -q "Покупатель: $NAME" "$T/pdf.txt"
		check "pdf: a contact" grep -q "$first" "$T/pdf.txt"
	else
		need pdftotext
	fi
	check "odt: the note names the PDF" [ "$(notes "company_id = 1 AND body LIKE '$T/co.pdf%'")" -eq 1 ]
	# a LibreOffice the user has open does not matter: its own profile
	# (two at once)
	run --db "$DB" doc "$T/t.odt" --contact 1 -o "$T/ct.odt" --pdf
	check "odt for a contact, PDF: exit 0" [ "$RC" -eq 0 ]
	check "odt for a contact: the PDF" [ -s "$T/ct.pdf" ]
	# no LibreOffice on PATH: said, nothing written
	PATH=/nonexistent "$SALESORG" --db "$DB" doc "$T/t.odt" --company 1 \
	    -o "$T/nolo.odt" --pdf >"$T/out" 2>"$T/err"
	RC=$?
	check "no LibreOffice: exit 1" [ "$RC" -eq 1 ]
	check "no LibreOffice: what to install" grep -qx "salesorg: doc: LibreOffice is not installed: install libreoffice-writer-nogui to make PDFs" "$T/err"
	check "no LibreOffice: nothing written" [ ! -e "$T/nolo.odt" ]
else
	need "soffice (libreoffice-writer-nogui)"
fi

finish
