#!/bin/sh
# `salesorg doc`: the placeholders outside a document's running text.
# An .odt that LibreOffice makes at test time from a flat .fodt, and the
# .docx LibreOffice converts it to, with a placeholder in a footnote
# (split by a span), after the footnote in its paragraph, in a frame, in
# the page header and footer, in a user field and a title field, in the
# document's title, subject and a custom property, and a table row of a
# deal's lines; a .docx made by python-docx with a footnote (added to
# its zip: python-docx cannot) whose placeholder is split across runs,
# and a title and subject.  Filled for a deal of a company with Cyrillic
# data, read back from the XML, converted to PDF and read with pdftotext
# and pdfinfo.  A selection's Cyrillic file names; the errors of a bad
# template.  A program missing is a skip outside CI, a failure in CI.
. "$(dirname "$0")/lib.sh"

PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3	# the one with python-docx
need() {
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
    UPDATE companies SET name = 'Альфа' WHERE id = 2;
    UPDATE companies SET name = 'АЛЬФА' WHERE id = 3;
    UPDATE companies SET name = 'Бета ' || char(8238) || 'ьлаз' WHERE id = 4;
    UPDATE deals SET company_id = 1, title = 'Упаковка на 2027 год'
    WHERE id = 1" || exit 1
reindex "$DB"
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
    (902, 'L-2', 'Лента «Экстра»', 'м', 300, 0, 0);
    INSERT INTO deal_lines (deal_id, product_id, quantity, price, discount,
    amount, created_at, updated_at) VALUES
    (1, 901, 10, 12550, 10, 112950, 0, 0), (1, 902, 5, 300, NULL, 1500, 0,
    0)" || exit 1

# Every paragraph of the parts named (a footnote's or a frame's apart
# from the paragraph it is in), each office:string-value as "value: X"
# and each document property as "NAME: X".
cat >"$T/text.py" <<'EOF'
import sys, zipfile, xml.dom.minidom as m
z = zipfile.ZipFile(sys.argv[1])
W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
T = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0'
O = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0'
PARA = {(W, 'p'), (T, 'p'), (T, 'h')}
def text(n, top):
    if n.nodeType == n.TEXT_NODE:
        return n.data
    if n.nodeType != n.ELEMENT_NODE:
        return ''
    if not top and (n.namespaceURI, n.localName) in PARA:
        return ''
    if (n.namespaceURI, n.localName) == (W, 'instrText'):
        return ''
    return ''.join(text(c, False) for c in n.childNodes)
def walk(n):
    if n.nodeType != n.ELEMENT_NODE:
        return
    if n.hasAttributeNS(O, 'string-value'):
        print('value: ' + n.getAttributeNS(O, 'string-value'))
    if (n.namespaceURI, n.localName) in PARA:
        print(text(n, True))
    elif props and len(n.childNodes) == 1 and \
            n.firstChild.nodeType == n.TEXT_NODE:
        print(n.localName + ': ' + n.firstChild.data)
    for c in n.childNodes:
        walk(c)
for part in sys.argv[2:]:
    if part not in z.namelist():
        continue
    props = part == 'meta.xml' or part.startswith('docProps/')
    walk(m.parseString(z.read(part)).documentElement)
EOF
parts_odt="content.xml styles.xml meta.xml"
parts_docx() {	# the text parts of a .docx
	$PY -c 'import sys, zipfile; print(" ".join(n for n in
	    zipfile.ZipFile(sys.argv[1]).namelist() if n.endswith(".xml") and
	    (n.startswith("word/") and n.count("/") == 1 or
	    n.startswith("docProps/"))))' "$1"
}

# check_filled WHAT FILE.txt: what every template here must show
check_filled() {
	check "$1: the footnote (a span in its placeholder)" grep -qx "Сноска: Казань" "$2"
	check "$1: the text after the footnote" grep -q "после сноски Упаковка на 2027 год$" "$2"
	check "$1: the paragraph with the footnote" grep -q "^Покупатель: $NAME" "$2"
	check "$1: the header" grep -qx "Колонтитул: Казань" "$2"
	check "$1: the footer" grep -qx "Подвал: $TODAY" "$2"
	check "$1: the frame" grep -qx "В рамке: Казань" "$2"
	check "$1: the first line" grep -qx "1. Коробка <малая>" "$2"
	check "$1: the second line" grep -qx "2. Лента «Экстра»" "$2"
	check "$1: its amount" grep -qx "1129.50" "$2"
	check "$1: two line rows" [ "$(grep -c '^[0-9]\. ' "$2")" -eq 2 ]
	check "$1: the title" grep -qx "title: Договор с $NAME" "$2"
	check "$1: the subject" grep -qx "subject: Упаковка на 2027 год" "$2"
	check "$1: no placeholder left" sh -c "! grep -q '{' '$2'"
}

# check_pdf WHAT PDF
check_pdf() {
	pdftotext "$2" - >"$T/pdf.txt" 2>/dev/null
	check "$1 pdf: the footnote" grep -q "Сноска: Казань" "$T/pdf.txt"
	check "$1 pdf: the header" grep -q "Колонтитул: Казань" "$T/pdf.txt"
	check "$1 pdf: the frame" grep -q "В рамке: Казань" "$T/pdf.txt"
	check "$1 pdf: a line" grep -q "Коробка <малая>" "$T/pdf.txt"
	check "$1 pdf: the user field" grep -q "Клиент: $NAME" "$T/pdf.txt"
	if command -v pdfinfo >/dev/null; then
		pdfinfo "$2" >"$T/pdfinfo.txt" 2>/dev/null
		check "$1 pdf: its title" grep -q "^Title: *Договор с $NAME" "$T/pdfinfo.txt"
	fi
}

if command -v soffice >/dev/null; then
	cat >"$T/t.fodt" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>Договор с {company.name}</dc:title><dc:subject>{deal.title}</dc:subject><meta:user-defined meta:name="Город">{company.city}</meta:user-defined></office:meta>
<office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style><style:page-layout style:name="pm1"/></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"><style:header><text:p>Колонтитул: {company.city}</text:p></style:header><style:footer><text:p>Подвал: {today}</text:p></style:footer></style:master-page></office:master-styles>
<office:body><office:text>
<text:user-field-decls><text:user-field-decl office:value-type="string" office:string-value="{company.name}" text:name="Клиент"/></text:user-field-decls>
<text:p>Покупатель: {company.name}<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Сноска: {comp<text:span text:style-name="T1">any.city}</text:span></text:p></text:note-body></text:note> после сноски {deal.title}</text:p>
<text:p><draw:frame draw:name="Рамка" text:anchor-type="as-char" svg:width="8cm" svg:height="1.5cm"><draw:text-box><text:p>В рамке: {company.city}</text:p></draw:text-box></draw:frame></text:p>
<text:p>Клиент: <text:user-field-get text:name="Клиент">{company.name}</text:user-field-get></text:p>
<text:p>Название: <text:title>Договор с {company.name}</text:title></text:p>
<table:table table:name="Lines"><table:table-column table:number-columns-repeated="3"/>
<table:table-row><table:table-cell><text:p>Товар</text:p></table:table-cell><table:table-cell><text:p>Кол-во</text:p></table:table-cell><table:table-cell><text:p>Сумма</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>{line.number}. {line.product}</text:p></table:table-cell><table:table-cell><text:p>{line.quantity}</text:p></table:table-cell><table:table-cell><text:p>{line.amount}</text:p></table:table-cell></table:table-row>
</table:table>
<text:p>Итого: {deal.amount}</text:p>
</office:text></office:body></office:document>
EOF
	mkdir -p "$T/lo"
	for to in odt docx; do
		(cd "$T" && HOME="$T/lo" soffice \
		    -env:UserInstallation=file://$T/lo/p --headless \
		    --convert-to $to --outdir "$T" "$T/t.fodt" >/dev/null 2>&1)
		check "LibreOffice made the .$to template" [ -f "$T/t.$to" ]
	done

	# ---- .odt ----
	run --db "$DB" doc "$T/t.odt" --deal 1 -o "$T/d.odt" --pdf
	check "odt: exit 0" [ "$RC" -eq 0 ]
	$PY "$T/text.py" "$T/d.odt" $parts_odt >"$T/odt.txt"
	check_filled odt "$T/odt.txt"
	check "odt: the user field's value" grep -qx "value: $NAME" "$T/odt.txt"
	check "odt: the field showing it" grep -qx "Клиент: $NAME" "$T/odt.txt"
	check "odt: the title field" grep -qx "Название: Договор с $NAME" "$T/odt.txt"
	check "odt: the custom property" grep -qx "user-defined: Казань" "$T/odt.txt"
	check "odt: the generator kept" grep -q "^generator: LibreOffice" "$T/odt.txt"
	if command -v odt2txt >/dev/null; then
		odt2txt "$T/d.odt" >"$T/odt2txt.txt" 2>/dev/null
		check "odt2txt: the footnote" grep -q "Сноска: Казань" "$T/odt2txt.txt"
	fi
	if command -v pdftotext >/dev/null; then
		check_pdf odt "$T/d.pdf"
	else
		need pdftotext
	fi

	# ---- the .docx LibreOffice made of it ----
	run --db "$DB" doc "$T/t.docx" --deal 1 -o "$T/d.docx" --pdf
	check "docx (LibreOffice's): exit 0" [ "$RC" -eq 0 ]
	check "docx (LibreOffice's): a footnotes part" sh -c "unzip -l '$T/d.docx' | grep -q word/footnotes.xml"
	$PY "$T/text.py" "$T/d.docx" $(parts_docx "$T/d.docx") >"$T/docx.txt"
	check_filled "docx (LibreOffice's)" "$T/docx.txt"
	check "docx (LibreOffice's): the user field" grep -q "Клиент: $NAME" "$T/docx.txt"
	if command -v pdftotext >/dev/null; then
		check_pdf docx "$T/d.pdf"
	fi

	# an unknown placeholder in the title or a footnote: where it is
	sed 's/{deal.title}<\/dc:subject>/{deal.titel}<\/dc:subject>/' \
	    "$T/t.fodt" >"$T/badmeta.fodt"
	sed 's/Сноска: {comp/Сноска: {compa/' "$T/t.fodt" >"$T/badnote.fodt"
	(cd "$T" && HOME="$T/lo" soffice -env:UserInstallation=file://$T/lo/p \
	    --headless --convert-to odt --outdir "$T" "$T/badmeta.fodt" \
	    "$T/badnote.fodt" >/dev/null 2>&1)
	run --db "$DB" doc "$T/badmeta.odt" --deal 1 -o "$T/x.odt"
	check "unknown in the subject: exit 1" [ "$RC" -eq 1 ]
	check "unknown in the subject: where" grep -qx 'salesorg: template "badmeta.odt": meta.xml, property subject, column 1: unknown placeholder {deal.titel}; did you mean {deal.title}?' "$T/err"
	run --db "$DB" doc "$T/badnote.odt" --deal 1 -o "$T/x.odt"
	check "unknown in the footnote: exit 1" [ "$RC" -eq 1 ]
	check "unknown in the footnote: where" grep -q 'template "badnote.odt": content.xml, paragraph 2, column 9: unknown placeholder {compaany.city}' "$T/err"
	check "unknown placeholders: no file" [ ! -e "$T/x.odt" ]
else
	need "soffice (libreoffice-writer-nogui)"
fi

# ---- a .docx by python-docx, its footnote added to the zip ----
if $PY -c 'import docx' 2>/dev/null; then
	$PY - "$T/p.docx" <<'EOF'
import sys, zipfile, docx
d = docx.Document()
d.core_properties.title = "Договор с {company.name}"
d.core_properties.subject = "{deal.title}"
p = d.add_paragraph("Покупатель: {company.name}")
p._p.append(docx.oxml.parse_xml('<w:r xmlns:w="http://schemas.'
    'openxmlformats.org/wordprocessingml/2006/main"><w:rPr><w:vertAlign '
    'w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'))
p.add_run(" после сноски {deal.title}")
t = d.add_table(rows=2, cols=3)
for i, s in enumerate(["Товар", "Кол-во", "Сумма"]):
    t.cell(0, i).text = s
t.cell(1, 0).text = "{line.number}. {line.product}"
t.cell(1, 1).text = "{line.quantity}"
t.cell(1, 2).text = "{line.amount}"
d.sections[0].header.paragraphs[0].text = "Колонтитул: {company.city}"
d.sections[0].footer.paragraphs[0].text = "Подвал: {today}"
d.save(sys.argv[1] + ".tmp")
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
notes = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:footnotes ' + W + '><w:footnote w:type="separator" w:id="-1">'
    '<w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
    '<w:continuationSeparator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Сноска: '
    '{comp</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>any.</w:t></w:r>'
    '<w:proofErr w:type="spellStart"/><w:r><w:rPr><w:i/></w:rPr>'
    '<w:t>city}</w:t></w:r></w:p></w:footnote></w:footnotes>')
i = zipfile.ZipFile(sys.argv[1] + ".tmp")
o = zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED)
for e in i.infolist():
    b = i.read(e.filename)
    if e.filename == "[Content_Types].xml":
        b = b.replace(b"</Types>", b'<Override PartName="/word/'
            b'footnotes.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.wordprocessingml.footnotes+xml"/></Types>')
    elif e.filename == "word/_rels/document.xml.rels":
        b = b.replace(b"</Relationships>", b'<Relationship Id="rIdFn1" '
            b'Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/footnotes" Target="footnotes.xml"/>'
            b'</Relationships>')
    o.writestr(e, b)
o.writestr("word/footnotes.xml", notes.encode())
o.close()
EOF
	run --db "$DB" doc "$T/p.docx" --deal 1 -o "$T/p-out.docx"
	check "python-docx: exit 0" [ "$RC" -eq 0 ]
	$PY "$T/text.py" "$T/p-out.docx" $(parts_docx "$T/p-out.docx") >"$T/p.txt"
	check "python-docx: the footnote, split in three runs" grep -qx "Сноска: Казань" "$T/p.txt"
	check "python-docx: the separators kept" sh -c "unzip -p '$T/p-out.docx' word/footnotes.xml | grep -q '<w:separator/>'"
	check "python-docx: the title" grep -qx "title: Договор с $NAME" "$T/p.txt"
	check "python-docx: the subject" grep -qx "subject: Упаковка на 2027 год" "$T/p.txt"
	check "python-docx: the header" grep -qx "Колонтитул: Казань" "$T/p.txt"
	check "python-docx: the footer" grep -qx "Подвал: $TODAY" "$T/p.txt"
	check "python-docx: two line rows" [ "$(grep -c '^[0-9]\. ' "$T/p.txt")" -eq 2 ]
	check "python-docx: the second line" grep -qx "2. Лента «Экстра»" "$T/p.txt"
	check "python-docx: no placeholder left" sh -c "! grep -q '{' '$T/p.txt'"
	$PY - "$T/p-out.docx" >"$T/runs" <<'EOF'
import sys, zipfile, re
x = zipfile.ZipFile(sys.argv[1]).read("word/footnotes.xml").decode()
print(re.search(r'<w:footnote w:id="1">.*?</w:footnote>', x).group(0))
EOF
	check "python-docx: the value in the footnote's first run, the bold and italic runs emptied" grep -q '<w:t xml:space="preserve">Сноска: Казань</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"></w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve"></w:t>' "$T/runs"
	if command -v soffice >/dev/null && command -v pdftotext >/dev/null; then
		run --db "$DB" doc "$T/p.docx" --deal 1 -o "$T/p2.docx" --pdf
		check "python-docx pdf: exit 0" [ "$RC" -eq 0 ]
		pdftotext "$T/p2.pdf" - >"$T/p2.txt" 2>/dev/null
		check "python-docx pdf: the footnote" grep -q "Сноска: Казань" "$T/p2.txt"
		check "python-docx pdf: a line" grep -q "Лента «Экстра»" "$T/p2.txt"
	fi

	# a selection: one file per company, Cyrillic names, "Альфа" and
	# "АЛЬФА" two files on a disk that ignores case, a bidi override
	# out of the name
	run --db "$DB" doc "$T/p.docx" --filter 'id<=4' -o "$T/sel"
	check "selection: exit 0" [ "$RC" -eq 0 ]
	check "selection: the summary" grep -qx "4 documents written to $T/sel" "$T/out"
	check "selection: a Cyrillic name" [ -f "$T/sel/АЛЬФА.docx" ]
	check "selection: the same name in small letters made unique" [ -f "$T/sel/Альфа-2.docx" ]
	check "selection: no bidi override in a name" [ -f "$T/sel/Бета _ьлаз.docx" ]
	check "selection: four files" [ "$(ls "$T/sel" | wc -l)" -eq 4 ]
	$PY "$T/text.py" "$T/sel/Альфа-2.docx" word/footnotes.xml >"$T/sel.txt"
	check "selection: the footnote filled for its company" grep -qx "Сноска: $(sqlite3 "$DB" "SELECT city FROM companies WHERE id = 2")" "$T/sel.txt"
else
	need python3-docx
fi

# ---- bad templates ----
printf 'это не zip' >"$T/broken.docx"
run --db "$DB" doc "$T/broken.docx" --company 1 -o "$T/x.docx"
check "not a zip: exit 1" [ "$RC" -eq 1 ]
check "not a zip: the file and what is wrong" grep -q "broken.docx: not a document template (Not a zip archive)" "$T/err"
$PY -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], "w");
z.writestr("xl/workbook.xml", "<workbook/>"); z.close()' "$T/sheet.docx"
run --db "$DB" doc "$T/sheet.docx" --company 1 -o "$T/x.docx"
check "a zip of something else: exit 1" [ "$RC" -eq 1 ]
check "a zip of something else: said" grep -qx "salesorg: $T/sheet.docx: not a document template: it has no word/document.xml, which every .docx file has" "$T/err"
cp "$T/sheet.docx" "$T/sheet.odt"
run --db "$DB" doc "$T/sheet.odt" --company 1 -o "$T/x.odt"
check "an .odt without content.xml: said" grep -q "sheet.odt: not a document template: it has no content.xml" "$T/err"
run --db "$DB" doc "$T/sheet.xlsx" --company 1 -o "$T/x.xlsx"
check "not .odt or .docx: said" grep -q "sheet.xlsx: a template is an .odt or a .docx file" "$T/err"
check "bad templates: nothing written" sh -c "! ls '$T'/x.* 2>/dev/null | grep -q ."

finish
