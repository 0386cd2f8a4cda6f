/*
 * Documents from templates: the placeholder replacement on hand-made
 * XML (a placeholder split across Word runs and Writer spans, doubled
 * braces, escaping, a value's line break, a part without placeholders
 * copied byte for byte, a table row repeated or dropped, the errors),
 * and the values of a record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"
#include "exchange/docfill.h"
#include "store/group.h"
#include "store/settings.h"
#include "fixture.h"
#include "harness.h"
#include "store/entities.h"
#include "store/template.h"

#define W_NS	"xmlns:w=\"http://schemas.openxmlformats.org/" \
		"wordprocessingml/2006/main\""
#define ODT_NS	"xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:" \
		"text:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:" \
		"xmlns:table:1.0\""

static size_t fake_rows = 2;

static int
fake_value(void *arg, const struct tpl_piece *p, long row, char **out,
    struct so_err *err)
{
	(void)arg;
	(void)err;
	if (p->kind == TPL_COMPANY)
		*out = xstrdup("A & B <C>");
	else if (p->kind == TPL_LINE)
		*out = xasprintf("P%ld", row);
	else if (p->kind == TPL_CONTACT)
		*out = xstrdup("line one\nline two");
	else
		*out = xstrdup("T");
	return SO_OK;
}

static int
fake_list(void *arg, const struct tpl_piece *p)
{
	(void)arg;
	return p->kind == TPL_LINE;
}

static int
fake_count(void *arg, int list, size_t *n, struct so_err *err)
{
	(void)arg;
	(void)list;
	(void)err;
	*n = fake_rows;
	return SO_OK;
}

static const struct docfill_src fake = { "t.docx", fake_value, fake_list,
    fake_count, NULL };

/* xml filled; NULL (err set) on failure.  The caller frees. */
static char *
fill(enum docfill_format fmt, const char *xml, struct so_err *err)
{
	struct strbuf b = { 0 };

	if (docfill_xml(xml, strlen(xml), fmt, "word/document.xml", &fake, &b,
	    err) != SO_OK) {
		sb_free(&b);
		return NULL;
	}
	return sb_steal(&b);
}

TEST(docfill_docx_split_runs)
{
	struct db *db = fixture_open("docfill.db");
	struct so_err err = { 0 };
	char *out;

	/* Word's way: "{company.name}" typed with a spelling mark and
	 * three rsids, the first part bold, the last italic */
	out = fill(DOCFILL_DOCX, "<w:document " W_NS "><w:body><w:p>"
	    "<w:r><w:rPr><w:b/></w:rPr><w:t>Hello {comp</w:t></w:r>"
	    "<w:proofErr w:type=\"spellStart\"/>"
	    "<w:r w:rsidR=\"00A1\"><w:t>any.na</w:t></w:r>"
	    "<w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">me}! "
	    "</w:t></w:r></w:p></w:body></w:document>", &err);
	REQUIRE(out != NULL);
	CHECK_STR(out, "<w:document " W_NS "><w:body><w:p>"
	    "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Hello "
	    "A &amp; B &lt;C&gt;</w:t></w:r>"
	    "<w:proofErr w:type=\"spellStart\"/>"
	    "<w:r w:rsidR=\"00A1\"><w:t xml:space=\"preserve\"></w:t></w:r>"
	    "<w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">! "
	    "</w:t></w:r></w:p></w:body></w:document>");
	free(out);
	db_close(db);
}

TEST(docfill_untouched_part_is_identical)
{
	struct db *db = fixture_open("docfill.db");
	struct so_err err = { 0 };
	const char *xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" "
	    "standalone=\"yes\"?>\r\n<!-- a comment -->\n<w:document " W_NS
	    "><w:body><w:p><w:r><w:t>Без полей &amp; &#x41;</w:t></w:r>"
	    "</w:p>\n  <w:p/></w:body></w:document>\n";
	char *out;

	out = fill(DOCFILL_DOCX, xml, &err);
	REQUIRE(out != NULL);
	CHECK_STR(out, xml);
	free(out);
	db_close(db);
}

TEST(docfill_odt_spans_and_braces)
{
	struct db *db = fixture_open("docfill.db");
	struct so_err err = { 0 };
	char *out;

	/* a span over part of the placeholder, a doubled brace split
	 * between the paragraph and a span, a value with a line break */
	out = fill(DOCFILL_ODT, "<r " ODT_NS "><text:p text:style-name=\"P1\">"
	    "{{x}<text:span text:style-name=\"T1\">} {company.</text:span>"
	    "name}; <text:span>{contact.address}</text:span></text:p></r>",
	    &err);
	REQUIRE(out != NULL);
	CHECK_STR(out, "<r " ODT_NS "><text:p text:style-name=\"P1\">"
	    "{x}<text:span text:style-name=\"T1\"> A &amp; B &lt;C&gt;"
	    "</text:span>; <text:span>line one<text:line-break/>line two"
	    "</text:span></text:p></r>");
	free(out);
	db_close(db);
}

TEST(docfill_row_repeated)
{
	struct db *db = fixture_open("docfill.db");
	struct so_err err = { 0 };
	const char *xml = "<w:document " W_NS "><w:body><w:tbl>"
	    "<w:tr><w:tc><w:p><w:r><w:t>Item</w:t></w:r></w:p></w:tc></w:tr>"
	    "<w:tr><w:tc><w:p><w:r><w:t>{line.product}</w:t></w:r></w:p>"
	    "</w:tc><w:tc><w:p><w:r><w:t>{today}</w:t></w:r></w:p></w:tc>"
	    "</w:tr><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"
	    "<w:p><w:r><w:t>{today}</w:t></w:r></w:p></w:body></w:document>";
	char *out;

	fake_rows = 2;
	out = fill(DOCFILL_DOCX, xml, &err);
	REQUIRE(out != NULL);
	CHECK_STR(out, "<w:document " W_NS "><w:body><w:tbl>"
	    "<w:tr><w:tc><w:p><w:r><w:t>Item</w:t></w:r></w:p></w:tc></w:tr>"
	    "<w:tr><w:tc><w:p><w:r><w:t xml:space=\"preserve\">P0</w:t>"
	    "</w:r></w:p></w:tc><w:tc><w:p><w:r><w:t xml:space=\"preserve\">"
	    "T</w:t></w:r></w:p></w:tc></w:tr>"
	    "<w:tr><w:tc><w:p><w:r><w:t xml:space=\"preserve\">P1</w:t>"
	    "</w:r></w:p></w:tc><w:tc><w:p><w:r><w:t xml:space=\"preserve\">"
	    "T</w:t></w:r></w:p></w:tc></w:tr>"
	    "<w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"
	    "<w:p><w:r><w:t xml:space=\"preserve\">T</w:t></w:r></w:p>"
	    "</w:body></w:document>");
	free(out);
	/* no lines: the row is left out */
	fake_rows = 0;
	out = fill(DOCFILL_DOCX, xml, &err);
	REQUIRE(out != NULL);
	CHECK(strstr(out, "line.") == NULL);
	CHECK(strstr(out, "P0") == NULL);
	CHECK(strstr(out, "<w:t>Item</w:t>") != NULL);
	CHECK(strstr(out, "<w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>") !=
	    NULL);
	free(out);
	fake_rows = 2;
	db_close(db);
}

/* xml as the part called part; NULL (err set) on failure. */
static char *
fill_part(enum docfill_format fmt, const char *part, const char *xml,
    struct so_err *err)
{
	struct strbuf b = { 0 };

	if (docfill_xml(xml, strlen(xml), fmt, part, &fake, &b, err) !=
	    SO_OK) {
		sb_free(&b);
		return NULL;
	}
	return sb_steal(&b);
}

#define DRAW_NS	"xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:" \
		"drawing:1.0\" xmlns:office=\"urn:oasis:names:tc:" \
		"opendocument:xmlns:office:1.0\""

TEST(docfill_odt_footnote_frame_and_fields)
{
	struct db *db = fixture_open("docfill.db");
	struct so_err err = { 0 };
	char *out;

	/* Writer keeps a footnote and a frame inside the paragraph they
	 * are anchored in: their paragraphs' text lies between the
	 * outer one's, which has placeholders before and after them; a
	 * user field's value is in its declaration's attribute, the
	 * field shows a copy; a title field's text is a copy too */
	out = fill_part(DOCFILL_ODT, "content.xml", "<r " ODT_NS " " DRAW_NS
	    "><text:user-field-decls><text:user-field-decl office:value-type="
	    "\"string\" office:string-value=\"{contact.address}: "
	    "{company.name}\" text:name=\"Client\"/></text:user-field-decls>"
	    "<text:p>A {company.name}<text:note text:id=\"ftn1\"><text:note-"
	    "citation>1</text:note-citation><text:note-body><text:p>Сноска "
	    "{comp<text:span>any.name}</text:span></text:p></text:note-body>"
	    "</text:note> и {today}<draw:frame><draw:text-box><text:p>Рамка "
	    "{today}</text:p></draw:text-box></draw:frame> конец {today}"
	    "</text:p><text:p><text:user-field-get text:name=\"Client\">"
	    "{contact.address}: {company.name}</text:user-field-get> "
	    "<text:title>{today}</text:title><text:script>if (a) {b}"
	    "</text:script></text:p></r>", &err);
	REQUIRE(out != NULL);
	CHECK_STR(out, "<r " ODT_NS " " DRAW_NS
	    "><text:user-field-decls><text:user-field-decl office:value-type="
	    "\"string\" office:string-value=\"line one&#10;line two: A &amp; "
	    "B &lt;C&gt;\" text:name=\"Client\"/></text:user-field-decls>"
	    "<text:p>A A &amp; B &lt;C&gt;<text:note text:id=\"ftn1\"><text:"
	    "note-citation>1</text:note-citation><text:note-body><text:p>"
	    "Сноска A &amp; B &lt;C&gt;<text:span></text:span></text:p>"
	    "</text:note-body></text:note> и T<draw:frame><draw:text-box>"
	    "<text:p>Рамка T</text:p></draw:text-box></draw:frame> конец T"
	    "</text:p><text:p><text:user-field-get text:name=\"Client\">"
	    "line one<text:line-break/>line two: A &amp; B &lt;C&gt;"
	    "</text:user-field-get> <text:title>T</text:title><text:script>"
	    "if (a) {b}</text:script></text:p></r>");
	free(out);
	/* an unknown placeholder in a user field's value: where */
	out = fill_part(DOCFILL_ODT, "content.xml", "<r " ODT_NS " " DRAW_NS
	    ">\n<text:user-field-decl office:string-value='Для {company.nam}'"
	    "/><text:p>{company.name}</text:p></r>", &err);
	CHECK(out == NULL);
	CHECK_STR(err.msg, "template \"t.docx\": content.xml, line 2, "
	    "attribute office:string-value, column 5: unknown placeholder "
	    "{company.nam}; did you mean {company.name}?");
	db_close(db);
}

TEST(docfill_docx_text_box_and_footnote)
{
	struct db *db = fixture_open("docfill.db");
	struct so_err err = { 0 };
	char *out;

	/* a text box: its paragraph inside a run of the outer one, text
	 * of the outer one after it */
	out = fill(DOCFILL_DOCX, "<w:document " W_NS "><w:body><w:p><w:r>"
	    "<w:t>До {today}</w:t></w:r><w:r><w:drawing><w:txbxContent><w:p>"
	    "<w:r><w:t>{comp</w:t></w:r><w:r><w:t>any.name}</w:t></w:r></w:p>"
	    "</w:txbxContent></w:drawing></w:r><w:r><w:t>после {today}</w:t>"
	    "</w:r></w:p></w:body></w:document>", &err);
	REQUIRE(out != NULL);
	CHECK_STR(out, "<w:document " W_NS "><w:body><w:p><w:r>"
	    "<w:t xml:space=\"preserve\">До T</w:t></w:r><w:r><w:drawing>"
	    "<w:txbxContent><w:p><w:r><w:t xml:space=\"preserve\">A &amp; B "
	    "&lt;C&gt;</w:t></w:r><w:r><w:t xml:space=\"preserve\"></w:t>"
	    "</w:r></w:p></w:txbxContent></w:drawing></w:r><w:r>"
	    "<w:t xml:space=\"preserve\">после T</w:t></w:r></w:p></w:body>"
	    "</w:document>");
	free(out);
	/* a footnote, its placeholder split across runs; the error names
	 * the part */
	out = fill_part(DOCFILL_DOCX, "word/footnotes.xml", "<w:footnotes "
	    W_NS "><w:footnote w:id=\"1\"><w:p><w:r><w:t>См. {company.</w:t>"
	    "</w:r><w:r><w:rPr><w:b/></w:rPr><w:t>name}</w:t></w:r></w:p>"
	    "</w:footnote></w:footnotes>", &err);
	REQUIRE(out != NULL);
	CHECK_STR(out, "<w:footnotes " W_NS "><w:footnote w:id=\"1\"><w:p>"
	    "<w:r><w:t xml:space=\"preserve\">См. A &amp; B &lt;C&gt;</w:t>"
	    "</w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">"
	    "</w:t></w:r></w:p></w:footnote></w:footnotes>");
	free(out);
	out = fill_part(DOCFILL_DOCX, "word/endnotes.xml", "<w:endnotes "
	    W_NS "><w:endnote><w:p><w:r><w:t>{deal.nope}</w:t></w:r></w:p>"
	    "</w:endnote></w:endnotes>", &err);
	CHECK(out == NULL);
	CHECK(strncmp(err.msg, "template \"t.docx\": word/endnotes.xml, "
	    "paragraph 1, column 1: unknown placeholder {deal.nope}", 82) ==
	    0);
	db_close(db);
}

TEST(docfill_document_properties)
{
	struct db *db = fixture_open("docfill.db");
	struct so_err err = { 0 };
	const char *core = "<cp:coreProperties xmlns:cp=\"http://schemas."
	    "openxmlformats.org/package/2006/metadata/core-properties\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Договор"
	    " с {company.name}</dc:title><dc:subject>{contact.address}"
	    "</dc:subject>"
	    "<dc:creator>{автор}</dc:creator><cp:keywords>{today}"
	    "</cp:keywords></cp:coreProperties>";
	char *out;

	/* the title and the subject filled (a line break stays one: a
	 * property is plain text), the author left as it was */
	out = fill_part(DOCFILL_DOCX, "docProps/core.xml", core, &err);
	REQUIRE(out != NULL);
	CHECK_STR(out, "<cp:coreProperties xmlns:cp=\"http://schemas."
	    "openxmlformats.org/package/2006/metadata/core-properties\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Договор"
	    " с A &amp; B &lt;C&gt;</dc:title><dc:subject>line one\nline two"
	    "</dc:subject><dc:creator>{автор}</dc:creator><cp:keywords>T"
	    "</cp:keywords></cp:coreProperties>");
	free(out);
	out = fill_part(DOCFILL_ODT, "meta.xml", "<office:document-meta "
	    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
	    " xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><office:meta>"
	    "<meta:generator>LO/{7}</meta:generator><dc:title>{company.name}"
	    "</dc:title><meta:user-defined meta:name=\"Город\">{today}"
	    "</meta:user-defined><dc:subject>{company.nme}</dc:subject>"
	    "</office:meta></office:document-meta>", &err);
	CHECK(out == NULL);
	CHECK_STR(err.msg, "template \"t.docx\": meta.xml, property subject, "
	    "column 1: unknown placeholder {company.nme}; did you mean "
	    "{company.name}?");
	db_close(db);
}

TEST(docfill_errors)
{
	struct db *db = fixture_open("docfill.db");
	struct so_err err = { 0 };
	char *out;

	out = fill(DOCFILL_DOCX, "<w:document " W_NS "><w:body><w:p><w:r>"
	    "<w:t>x</w:t></w:r></w:p><w:p><w:r><w:t>Dear {compa</w:t></w:r>"
	    "<w:r><w:t>ny.nme}</w:t></w:r></w:p></w:body></w:document>",
	    &err);
	CHECK(out == NULL);
	CHECK_STR(err.msg, "template \"t.docx\": word/document.xml, "
	    "paragraph 2, column 6: unknown placeholder {company.nme}; did "
	    "you mean {company.name}?");
	CHECK(template_err_unknown(&err));
	out = fill(DOCFILL_DOCX, "<w:document " W_NS "><w:body><w:p><w:r>"
	    "<w:t>{line.amount}</w:t></w:r></w:p></w:body></w:document>",
	    &err);
	CHECK(out == NULL);
	CHECK(strstr(err.msg, "{line.amount} is for a table row") != NULL);
	out = fill(DOCFILL_DOCX, "<w:document " W_NS "><w:p>", &err);
	CHECK(out == NULL);
	CHECK(strstr(err.msg, "word/document.xml line 1") != NULL);
	/* a mail template does not take a document's placeholders */
	{
		struct tpl_text t;

		CHECK(template_parse("m", "body", "{deal.title}", &t, &err) ==
		    SO_EINVAL);
		CHECK(template_parse_in("m", "body", "{deal.title} {today} "
		    "{line.amount}", TPL_DOC, &t, &err) == SO_OK);
		CHECK_INT(t.n, 5);
		template_text_free(&t);
	}
	db_close(db);
}

TEST(docfill_record_values)
{
	struct db *db = fixture_open("docfill.db");
	struct so_err err = { 0 };
	struct docfill_rec *r;
	struct docfill_src src;
	struct company co;
	struct contact c;
	struct strbuf b = { 0 };
	const char *xml = "<r " ODT_NS "><text:p>{company.name}</text:p>"
	    "<table:table><table:table-row><table:table-cell><text:p>"
	    "{contact.last_name}</text:p></table:table-cell></table:table-row>"
	    "</table:table></r>";
	int i;

	store_company_init(&co);
	co.name = xstrdup("ООО \"Ромашка\" & Ко");
	REQUIRE(store_company_create(db, &co, &err) == SO_OK);
	for (i = 0; i < 2; i++) {
		store_contact_init(&c);
		c.last_name = xstrdup(i ? "Петров" : "Иванов");
		c.company_id = co.meta.id;
		REQUIRE(store_contact_create(db, &c, &err) == SO_OK);
		store_contact_clear(&c);
	}
	REQUIRE(docfill_rec_open(db, &entity_company, co.meta.id, &r, &err) ==
	    SO_OK);
	CHECK_STR(docfill_rec_title(r), "ООО \"Ромашка\" & Ко");
	docfill_rec_src(r, "t.odt", &src);
	/* in a company's document, {contact.*} repeats over its contacts */
	REQUIRE(docfill_xml(xml, strlen(xml), DOCFILL_ODT, "content.xml",
	    &src, &b, &err) == SO_OK);
	CHECK(strstr(sb_str(&b), "<text:p>ООО \"Ромашка\" &amp; Ко</text:p>")
	    != NULL);
	CHECK(strstr(sb_str(&b), "<text:p>Иванов</text:p>") != NULL);
	CHECK(strstr(sb_str(&b), "<text:p>Петров</text:p>") != NULL);
	sb_free(&b);
	docfill_rec_free(r);
	/* the note that records a document */
	REQUIRE(docfill_log(db, &entity_company, co.meta.id, "/tmp/x.odt",
	    "t.odt", &err) == SO_OK);
	store_company_clear(&co);
	db_close(db);
}

/* Removes the test's own directory. */
static void
rm_tree(const char *dir)
{
	char *cmd = xasprintf("rm -rf -- '%s'", dir);

	if (system(cmd) != 0)
		harness_fail(__FILE__, __LINE__, "%s", cmd);
	free(cmd);
}

/* Writes text into dir/name. */
static void
put_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *fp = fopen(path, "w");

	if (fp) {
		fputs(text, fp);
		fclose(fp);
	}
	free(path);
}

/* The templates p offers: .odt and .docx files, sorted, no lock file of
 * Word or LibreOffice, no directory, nothing else. */
TEST(docfill_templates_of_a_directory)
{
	char dir[] = "/tmp/so-unit-tpl.XXXXXX", *sub, *gone;
	struct so_err err = { 0 };
	char **names;
	size_t n;

	REQUIRE(mkdtemp(dir) != NULL);
	put_file(dir, "Счёт.docx", "x");
	put_file(dir, "Договор.ODT", "x");
	put_file(dir, "~$Счёт.docx", "x");
	put_file(dir, ".~lock.Договор.ODT#", "x");
	put_file(dir, "readme.txt", "x");
	sub = xasprintf("%s/old.docx", dir);
	REQUIRE(mkdir(sub, 0700) == 0);
	REQUIRE(docfill_templates(dir, &names, &n, &err) == SO_OK);
	REQUIRE(n == 2);
	/* by bytes: Д (D0 94) before С (D0 A1) */
	CHECK_STR(names[0], "Договор.ODT");
	CHECK_STR(names[1], "Счёт.docx");
	free_strv(names, n);
	gone = xasprintf("%s/none", dir);
	CHECK_INT(docfill_templates(gone, &names, &n, &err), SO_ENOTFOUND);
	CHECK(strstr(err.msg, gone) != NULL);
	CHECK(n == 0);
	rmdir(sub);
	free(sub);
	free(gone);
	rm_tree(dir);
}

/* The pages of a PDF: its /Type /Page objects, written either way, and
 * not /Pages or /PageLabel. */
TEST(docfill_pdf_pages_counted)
{
	char dir[] = "/tmp/so-unit-pdf.XXXXXX", *path;

	REQUIRE(mkdtemp(dir) != NULL);
	put_file(dir, "a.pdf", "%PDF-1.4\n1 0 obj<</Type/Pages/Count 3>>\n"
	    "2 0 obj<</Type/Page/Parent 1 0 R>>\n3 0 obj<</Type /Page>>\n"
	    "4 0 obj<</Type\n/Page>>\n5 0 obj<</Type/PageLabel>>\n%%EOF\n");
	put_file(dir, "b.pdf", "%PDF-1.4\n1 0 obj<</Type/Catalog>>\n");
	path = xasprintf("%s/a.pdf", dir);
	CHECK_INT(docfill_pdf_pages(path), 3);
	free(path);
	path = xasprintf("%s/b.pdf", dir);
	CHECK_INT(docfill_pdf_pages(path), -1);
	free(path);
	path = xasprintf("%s/none.pdf", dir);
	CHECK_INT(docfill_pdf_pages(path), -1);
	free(path);
	rm_tree(dir);
}

/* A file name from a record's title. */
TEST(docfill_file_name_from_title)
{
	char *s;

	s = docfill_file_name("ООО \"Альфа/Бета\": 1", "company", 5);
	CHECK_STR(s, "ООО _Альфа_Бета__ 1");
	free(s);
	s = docfill_file_name(" .скрытый. ", "company", 5);
	CHECK_STR(s, "скрытый");
	free(s);
	s = docfill_file_name("...", "deal", 7);
	CHECK_STR(s, "deal-7");
	free(s);
	/* a bidi override (the name would show reversed), a C1 control,
	 * a byte that is no UTF-8, a line separator: each '_' */
	s = docfill_file_name("ИП \xe2\x80\xaeфдп\xc2\x9b\xff\xe2\x80\xa8",
	    "company", 5);
	CHECK_STR(s, "ИП _фдп___");
	free(s);
	/* a Windows device name */
	s = docfill_file_name("Con", "company", 5);
	CHECK_STR(s, "Con_");
	free(s);
	s = docfill_file_name("lpt1. ", "company", 5);
	CHECK_STR(s, "lpt1_");
	free(s);
	s = docfill_file_name("COM10", "company", 5);
	CHECK_STR(s, "COM10");
	free(s);
	/* 100 bytes of whole characters: 50 Cyrillic letters */
	s = docfill_file_name("ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ"
	    "ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ", "company", 5);
	CHECK_INT(strlen(s), 100);
	free(s);
}

/* doc.dir: $XDG_DATA_HOME's templates by default, else under ~; a
 * user's own value, ~ for their home; a relative path refused. */
TEST(docfill_doc_dir_setting)
{
	struct db *db = fixture_open("docdir.db");
	struct so_err err = { 0 };
	char *old_xdg = getenv("XDG_DATA_HOME") ?
	    xstrdup(getenv("XDG_DATA_HOME")) : NULL;
	char *old_home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	char *v;

	setenv("HOME", "/home/anna", 1);
	setenv("XDG_DATA_HOME", "/srv/xdg", 1);
	v = settings_doc_dir(db);
	CHECK_STR(v, "/srv/xdg/salesorg/templates");
	free(v);
	unsetenv("XDG_DATA_HOME");
	v = settings_doc_dir(db);
	CHECK_STR(v, "/home/anna/.local/share/salesorg/templates");
	free(v);
	v = settings_get_text(db, "doc.dir");
	CHECK_STR(v, "~/.local/share/salesorg/templates");
	free(v);
	CHECK_INT(settings_set_text(db, "doc.dir", "templates", 0, &err),
	    SO_EINVAL);
	CHECK(strstr(err.msg, "doc.dir: a directory's absolute path") != NULL);
	REQUIRE(settings_set_text(db, "doc.dir", "~/Шаблоны", 0, &err) ==
	    SO_OK);
	v = settings_doc_dir(db);
	CHECK_STR(v, "/home/anna/Шаблоны");
	free(v);
	REQUIRE(settings_set_text(db, "doc.dir", "", 0, &err) == SO_OK);
	v = settings_doc_dir(db);
	CHECK_STR(v, "/home/anna/.local/share/salesorg/templates");
	free(v);
	if (old_xdg)
		setenv("XDG_DATA_HOME", old_xdg, 1);
	if (old_home)
		setenv("HOME", old_home, 1);
	else
		unsetenv("HOME");
	free(old_xdg);
	free(old_home);
	db_close(db);
}
