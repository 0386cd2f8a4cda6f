/* vCard: parsing (folding, escapes, groups, 2.1/3.0/4.0), the mapping to
 * contacts, writing and folding, and import/export against a database:
 * idempotent by UID, all or nothing, bad files named by line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/util.h"
#include "exchange/vcard.h"
#include "fixture.h"
#include "harness.h"
#include "store/entities.h"
#include "store/vcardstore.h"

/* Parses text; every card must be good. */
static void
parse_ok(const char *text, struct vcard_list *l)
{
	struct so_err err = { 0 };
	size_t i;

	if (vcard_parse("t.vcf", text, strlen(text), l, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "parse: %s", err.msg);
	for (i = 0; i < l->n; i++)
		if (l->cards[i].bad)
			harness_fail(__FILE__, __LINE__, "card %zu: %s", i,
			    l->cards[i].err.msg);
}

/* The first card of text mapped to a patch. */
static int
map_first(const char *text, struct contact_patch *p, struct so_err *err)
{
	struct vcard_list l;
	int rc;

	if (vcard_parse("t.vcf", text, strlen(text), &l, err) != SO_OK)
		return -1;
	if (l.n == 0) {
		vcard_list_free(&l);
		return -1;
	}
	rc = vcard_to_contact("t.vcf", &l.cards[0], p, err);
	vcard_list_free(&l);
	return rc;
}

static const struct vcard_prop *
prop(const struct vcard *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nprops; i++)
		if (strcmp(c->props[i].name, name) == 0)
			return &c->props[i];
	return NULL;
}

static const char *
s_or_null(const char *s)
{
	return s ? s : "(not carried)";
}

TEST(vcard_parses_folded_lines_crlf_and_lf_space_and_tab)
{
	const char *text =
	    "BEGIN:VCARD\r\n"
	    "VERSION:3.0\r\n"
	    "N:Ивано\r\n"
	    " в;Сер\r\n"
	    "\tгей;;;\r\n"
	    "NOTE:one\n"
	    "  two\n"
	    "END:VCARD\r\n";
	struct vcard_list l;
	struct contact_patch p;
	struct so_err err = { 0 };

	parse_ok(text, &l);
	REQUIRE(l.n == 1);
	CHECK_INT(l.cards[0].version, 30);
	CHECK_STR(prop(&l.cards[0], "N")->value, "Иванов;Сергей;;;");
	CHECK_INT(prop(&l.cards[0], "N")->line, 3);
	/* one leading blank is the fold; the second is text */
	CHECK_STR(prop(&l.cards[0], "NOTE")->value, "one two");
	CHECK_INT(prop(&l.cards[0], "NOTE")->line, 6);
	vcard_list_free(&l);
	REQUIRE(map_first(text, &p, &err) == SO_OK);
	CHECK_STR(p.c.last_name, "Иванов");
	CHECK_STR(p.c.first_name, "Сергей");
	contact_patch_clear(&p);
}

TEST(vcard_unescapes_values_and_splits_on_unescaped_semicolons)
{
	char **parts, *t;
	size_t n;

	t = vcard_unescape("a\\nb\\, c\\; d\\\\e\\Nf\\:g\\x");
	CHECK_STR(t, "a\nb, c; d\\e\nf:g\\x");
	free(t);
	n = vcard_split("ООО \\;Ромашка\\;;Отдел\\, продаж;", ';', &parts);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(parts[0], "ООО ;Ромашка;");
		CHECK_STR(parts[1], "Отдел, продаж");
		CHECK_STR(parts[2], "");
	}
	vcard_parts_free(parts, n);
}

TEST(vcard_reads_groups_and_every_kind_of_parameter)
{
	const char *text =
	    "BEGIN:VCARD\r\n"
	    "VERSION:3.0\r\n"
	    "FN:A\r\n"
	    "item1.TEL;TYPE=work,voice:+7 1\r\n"
	    "tel;type=WORK;type=CELL:+7 2\r\n"
	    "TEL;PREF=1;TYPE=\"home,x;y:z\":+7 3\r\n"
	    "TEL;CELL;VOICE:+7 4\r\n"
	    "item1.X-ABLabel:_$!<Other>!$_\r\n"
	    "END:VCARD\r\n";
	struct vcard_list l;
	const struct vcard *c;

	parse_ok(text, &l);
	REQUIRE(l.n == 1);
	c = &l.cards[0];
	/* VERSION, FN, four TEL, the label */
	REQUIRE(c->nprops == 7);
	CHECK_STR(c->props[2].group, "item1");
	CHECK_STR(c->props[2].name, "TEL");
	CHECK(vcard_has_type(&c->props[2], "work"));
	CHECK(vcard_has_type(&c->props[2], "VOICE"));
	CHECK(!vcard_has_type(&c->props[2], "cell"));
	CHECK_STR(c->props[3].name, "TEL");
	CHECK(vcard_has_type(&c->props[3], "work"));
	CHECK(vcard_has_type(&c->props[3], "cell"));
	CHECK_STR(vcard_param(&c->props[4], "pref"), "1");
	CHECK_STR(vcard_param(&c->props[4], "TYPE"), "home,x;y:z");
	CHECK_STR(c->props[4].value, "+7 3");
	CHECK(vcard_has_type(&c->props[5], "cell"));
	CHECK(c->props[5].group == NULL);
	CHECK_STR(c->props[6].group, "item1");
	CHECK_STR(c->props[6].name, "X-ABLABEL");
	vcard_list_free(&l);
}

TEST(vcard_30_card_maps_every_field)
{
	const char *text =
	    "BEGIN:VCARD\r\n"
	    "VERSION:3.0\r\n"
	    "N:Иванов;Сергей;Петрович;Д-р;мл.\r\n"
	    "FN:Сергей Иванов\r\n"
	    "ORG:ООО «Ромашка»;Отдел продаж\r\n"
	    "TITLE:Генеральный директор\r\n"
	    "TEL;TYPE=home:+7 843 000-00-01\r\n"
	    "TEL;TYPE=work,voice:+7 843 568-47-36 доб. 814\r\n"
	    "TEL;TYPE=cell:tel:+7-953-473-57-04\r\n"
	    "EMAIL;TYPE=internet:s.ivanov@romashka.ru\r\n"
	    "EMAIL;TYPE=internet:mailto:ivanov@mail.ru\r\n"
	    "BDAY:1976-11-23\r\n"
	    "ADR;TYPE=work:;;ул. Баумана\\, 1;Казань;;420000;Россия\r\n"
	    "NOTE:Первая строка\\nвторая\\, с запятой\r\n"
	    "IMPP:xmpp:ivanov@jabber.ru\r\n"
	    "X-SOCIALPROFILE;TYPE=telegram:https://t.me/ivanov\r\n"
	    "UID:abc-123\r\n"
	    "END:VCARD\r\n";
	struct contact_patch p;
	struct so_err err = { 0 };

	REQUIRE(map_first(text, &p, &err) == SO_OK);
	CHECK_STR(p.c.last_name, "Иванов");
	CHECK_STR(p.c.first_name, "Сергей");
	CHECK_STR(p.c.middle_name, "Петрович");
	CHECK_STR(p.company, "ООО «Ромашка»");
	CHECK_STR(p.c.position, "Генеральный директор");
	CHECK_STR(p.c.phone_work, "+7 843 568-47-36 доб. 814");
	CHECK_STR(p.c.phone_mobile, "+7-953-473-57-04");
	CHECK_STR(p.c.phone_home, "+7 843 000-00-01");
	CHECK_STR(p.c.email, "s.ivanov@romashka.ru");
	CHECK_STR(p.c.email2, "ivanov@mail.ru");
	CHECK_STR(p.c.birthday, "1976-11-23");
	CHECK_STR(p.c.address, "ул. Баумана, 1, Казань, 420000, Россия");
	CHECK_STR(p.c.comment, "Первая строка\nвторая, с запятой");
	CHECK_STR(p.c.messengers, "xmpp:ivanov@jabber.ru; telegram: "
	    "https://t.me/ivanov");
	CHECK_STR(p.c.uid, "abc-123");
	/* no field of their own: kept, not dropped */
	CHECK_STR(p.extra, "Name prefix: Д-р\nName suffix: мл.\n"
	    "Department: Отдел продаж");
	/* not in the card: not carried */
	CHECK(p.c.hobbies == NULL);
	CHECK(p.c.role == NULL);
	contact_patch_clear(&p);
}

TEST(vcard_40_card_with_pref_uri_values_and_basic_dates)
{
	const char *text =
	    "BEGIN:VCARD\r\n"
	    "VERSION:4.0\r\n"
	    "FN:Anna Smith\r\n"
	    "N:Smith;Anna;;;\r\n"
	    "EMAIL;TYPE=home:anna@home.example\r\n"
	    "EMAIL;PREF=1;TYPE=work:anna@work.example\r\n"
	    "TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+1-555-555-0100\r\n"
	    "BDAY:19850317\r\n"
	    "UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\r\n"
	    "END:VCARD\r\n";
	struct contact_patch p;
	struct so_err err = { 0 };

	REQUIRE(map_first(text, &p, &err) == SO_OK);
	CHECK_STR(p.c.last_name, "Smith");
	CHECK_STR(p.c.email, "anna@work.example");
	CHECK_STR(p.c.email2, "anna@home.example");
	CHECK_STR(p.c.phone_mobile, "+1-555-555-0100");
	/* a card with phones says all three */
	CHECK_STR(p.c.phone_work, "");
	CHECK_STR(p.c.phone_home, "");
	CHECK_STR(p.c.birthday, "1985-03-17");
	CHECK_STR(p.c.uid, "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1");
	CHECK(p.company == NULL);
	CHECK(p.c.comment == NULL);
	contact_patch_clear(&p);
}

TEST(vcard_21_card_bare_types_quoted_printable_and_charsets)
{
	const char *text =
	    "BEGIN:VCARD\r\n"
	    "VERSION:2.1\r\n"
	    "N;CHARSET=WINDOWS-1251;ENCODING=QUOTED-PRINTABLE:=C8=E2=E0=ED=EE"
	    "=E2;=C8=E2=E0=ED\r\n"
	    "TEL;CELL;VOICE:+7 900 111-22-33\r\n"
	    "TEL;WORK:+7 495 111-22-33\r\n"
	    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=9F=D1=80=D0=B8=\r\n"
	    "=D0=B2=D0=B5=D1=82\r\n"
	    "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQEASABIAAD\r\n"
	    "/9j/4AAQSkZJRgABAQEASABIAAD\r\n"
	    "\r\n"
	    "END:VCARD\r\n";
	struct contact_patch p;
	struct so_err err = { 0 };
	struct vcard_list l;

	parse_ok(text, &l);
	REQUIRE(l.n == 1);
	CHECK_INT(l.cards[0].version, 21);
	vcard_list_free(&l);
	REQUIRE(map_first(text, &p, &err) == SO_OK);
	CHECK_STR(p.c.last_name, "Иванов");
	CHECK_STR(p.c.first_name, "Иван");
	CHECK_STR(p.c.phone_mobile, "+7 900 111-22-33");
	CHECK_STR(p.c.phone_work, "+7 495 111-22-33");
	CHECK_STR(p.c.comment, "Привет");
	contact_patch_clear(&p);
}

TEST(vcard_unknown_charset_is_a_clear_error)
{
	const char *text =
	    "BEGIN:VCARD\r\n"
	    "VERSION:2.1\r\n"
	    "N;CHARSET=NO-SUCH-SET:X\r\n"
	    "END:VCARD\r\n";
	struct contact_patch p;
	struct so_err err = { 0 };

	CHECK_INT(map_first(text, &p, &err), SO_EINVAL);
	CHECK(strstr(err.msg, "t.vcf:3: ") == err.msg);
	CHECK(strstr(err.msg, "CHARSET") != NULL);
}

TEST(vcard_phones_beyond_the_fields_and_third_email_go_to_the_comment)
{
	const char *text =
	    "BEGIN:VCARD\r\n"
	    "VERSION:3.0\r\n"
	    "N:Петров;Пётр;;;\r\n"
	    "TEL;TYPE=fax:+7 111\r\n"
	    "TEL;TYPE=cell:+7 222\r\n"
	    "TEL;TYPE=cell:+7 333\r\n"
	    "TEL:+7 444\r\n"
	    "TEL;TYPE=pager:+7 555\r\n"
	    "EMAIL:a@x.ru\r\n"
	    "EMAIL:b@x.ru\r\n"
	    "EMAIL;TYPE=home:c@x.ru\r\n"
	    "NOTE:заметка\r\n"
	    "END:VCARD\r\n";
	struct contact_patch p;
	struct so_err err = { 0 };

	REQUIRE(map_first(text, &p, &err) == SO_OK);
	CHECK_STR(p.c.phone_mobile, "+7 222");
	/* the rest into the first free field, in the card's order */
	CHECK_STR(p.c.phone_work, "+7 111");
	CHECK_STR(p.c.phone_home, "+7 333");
	CHECK_STR(p.c.email, "a@x.ru");
	CHECK_STR(p.c.email2, "b@x.ru");
	CHECK_STR(p.extra, "Phone: +7 444\nPhone (pager): +7 555\n"
	    "E-mail (home): c@x.ru");
	CHECK_STR(p.c.comment, "заметка");
	contact_patch_clear(&p);
}

TEST(vcard_birthday_formats_partial_dates_and_bad_ones)
{
	static const struct { const char *bday, *want, *extra; } cases[] = {
		{ "1980-05-17", "1980-05-17", NULL },
		{ "19800517", "1980-05-17", NULL },
		{ "1980-05-17T00:00:00Z", "1980-05-17", NULL },
		{ "--0517", NULL, "Birthday (no year): 0517" },
		{ "--05-17", NULL, "Birthday (no year): 05-17" },
		{ NULL, NULL, NULL }
	};
	char text[256];
	struct contact_patch p;
	struct so_err err = { 0 };
	int i;

	for (i = 0; cases[i].bday; i++) {
		snprintf(text, sizeof(text), "BEGIN:VCARD\r\nVERSION:3.0\r\n"
		    "N:X;;;;\r\nBDAY:%s\r\nEND:VCARD\r\n", cases[i].bday);
		REQUIRE(map_first(text, &p, &err) == SO_OK);
		CHECK_STR(s_or_null(p.c.birthday), s_or_null(cases[i].want));
		CHECK_STR(s_or_null(p.extra), s_or_null(cases[i].extra));
		contact_patch_clear(&p);
	}
	snprintf(text, sizeof(text), "BEGIN:VCARD\r\nVERSION:3.0\r\n"
	    "N:X;;;;\r\nBDAY:1980-13-45\r\nEND:VCARD\r\n");
	CHECK_INT(map_first(text, &p, &err), SO_EINVAL);
	CHECK(strncmp(err.msg, "t.vcf:4: BDAY: not a date", 25) == 0);
}

TEST(vcard_a_card_with_only_fn_keeps_it_as_the_last_name)
{
	struct contact_patch p;
	struct so_err err = { 0 };

	REQUIRE(map_first("BEGIN:VCARD\nVERSION:4.0\nFN:Иван Петров\n"
	    "END:VCARD\n", &p, &err) == SO_OK);
	CHECK_STR(p.c.last_name, "Иван Петров");
	CHECK_STR(p.c.first_name, "");
	contact_patch_clear(&p);
	CHECK_INT(map_first("BEGIN:VCARD\nVERSION:4.0\nTEL:+7 1234\n"
	    "END:VCARD\n", &p, &err), SO_EINVAL);
	CHECK_STR(err.msg, "t.vcf:1: the card has no name (N or FN)");
}

static void
sample_contact(struct contact *c)
{
	store_contact_init(c);
	c->last_name = xstrdup("Иванов");
	c->first_name = xstrdup("Сергей");
	c->middle_name = xstrdup("Петрович");
	c->position = xstrdup("Директор; по продажам, и закупкам");
	c->role = xstrdup("decision_maker");
	c->phone_work = xstrdup("+7 843 568-47-36 доб. 814");
	c->phone_mobile = xstrdup("+7 953 473-57-04");
	c->phone_home = xstrdup("+7 843 000-00-00");
	c->email = xstrdup("s.ivanov@romashka.ru");
	c->email2 = xstrdup("ivanov@mail.ru");
	c->messengers = xstrdup("Telegram @ivanov");
	c->birthday = xstrdup("1976-11-23");
	c->address = xstrdup("Казань, ул. Баумана, д. 1; офис 5");
	c->hobbies = xstrdup("охота\\рыбалка");
	c->source = xstrdup("выставка");
	c->comment = xstrdup("Строка 1\nСтрока 2, с запятой; и точкой с "
	    "запятой\n\nпосле пустой");
	c->uid = xstrdup("abc-1@salesorg");
}

static char *
write_one(const struct contact *c, int version, const char *company)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	vcard_write_contact(f, version, c, company, FIXTURE_NOW);
	fclose(f);
	return buf;
}

TEST(vcard_write_then_parse_gives_the_same_contact)
{
	static const int versions[] = { 30, 40 };
	const struct entity *ent = &entity_contact;
	struct contact c;
	struct contact_patch p;
	struct so_err err = { 0 };
	char *text;
	int v, i;

	sample_contact(&c);
	for (v = 0; v < 2; v++) {
		text = write_one(&c, versions[v], "ООО «Ромашка», Казань");
		CHECK(strstr(text, versions[v] == 40 ? "VERSION:4.0\r\n" :
		    "VERSION:3.0\r\n") != NULL);
		CHECK(strstr(text, "REV:20261123T060000Z\r\n") != NULL);
		REQUIRE(map_first(text, &p, &err) == SO_OK);
		for (i = 0; i < entity_nbuiltin(ent); i++) {
			const struct field_desc *fd = &ent->fields[i];

			if (!field_is_text(fd))
				continue;
			if (strcmp(field_text_c(fd, &c), field_text_c(fd,
			    &p.c)) != 0)
				harness_fail(__FILE__, __LINE__, "%d: %s: "
				    "\"%s\", expected \"%s\"", versions[v],
				    fd->name, field_text_c(fd, &p.c),
				    field_text_c(fd, &c));
		}
		CHECK_STR(p.company, "ООО «Ромашка», Казань");
		CHECK(p.extra == NULL);
		contact_patch_clear(&p);
		free(text);
	}
	store_contact_clear(&c);
}

TEST(vcard_folding_never_splits_a_utf8_sequence)
{
	struct contact c;
	struct strbuf note = { 0 }, joined = { 0 };
	struct contact_patch p;
	struct so_err err = { 0 };
	char *text, *line, *save = NULL;
	int i, lines = 0, odd = 0;

	/* "NOTE:" and the 3-byte sign put every 2-byte letter after them
	 * at odd offsets: a cut every 75 or 74 octets would split one */
	sb_add(&note, "€");
	for (i = 0; i < 300; i++)
		sb_add(&note, i % 2 ? "Ж" : "ё");
	store_contact_init(&c);
	c.last_name = xstrdup("Ё");
	c.comment = xstrdup(note.s);
	text = write_one(&c, 40, NULL);
	for (line = strtok_r(text, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(line);

		REQUIRE(n > 0 && line[n - 1] == '\r');
		line[--n] = '\0';
		CHECK(n <= 75);
		CHECK(utf8_valid(line, n));
		if (*line == ' ') {
			sb_add(&joined, line + 1);
			lines++;
			odd |= n < 75;
		} else
			sb_add(&joined, line);
	}
	CHECK(lines > 3);
	/* a cut moved back off a continuation byte at least once */
	CHECK(odd);
	CHECK(strstr(joined.s, "NOTE:") != NULL);
	free(text);
	text = write_one(&c, 40, NULL);
	REQUIRE(map_first(text, &p, &err) == SO_OK);
	CHECK_STR(p.c.comment, note.s);
	contact_patch_clear(&p);
	free(text);
	sb_free(&note);
	sb_free(&joined);
	store_contact_clear(&c);
}

/* ---- against a database ---- */

static const char *cards3 =
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Иванов;Сергей;;;\r\n"
    "ORG:ООО «Ромашка»\r\nTEL;TYPE=cell:+7 900 000-00-01\r\n"
    "UID:u-1\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Петрова;Анна;;;\r\n"
    "ORG:ООО «Ромашка»\r\nEMAIL:anna@x.ru\r\nUID:u-2\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Smith John\r\nN:Smith;John;;;\r\n"
    "ORG:Acme\r\nUID:u-3\r\nEND:VCARD\r\n";

static int
import_text(struct db *db, const char *text, const struct vcard_opts *o,
    struct vcard_stats *st, struct so_err *err)
{
	return vcard_import_mem(db, "t.vcf", text, strlen(text), o, st, err);
}

static long long
rows(struct db *db, const char *table)
{
	char sql[80];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	return fixture_int(db, sql);
}

TEST(vcard_import_counts_the_photos_it_leaves_out)
{
	static const char text[] =
	    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Иванов;Сергей;;;\r\n"
	    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQEASABIAAD\r\n"
	    "UID:p-1\r\nEND:VCARD\r\n"
	    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Анна\r\nN:Петрова;Анна;;;\r\n"
	    "PHOTO:data:image/jpeg;base64,/9j/4AAQ\r\nUID:p-2\r\n"
	    "END:VCARD\r\n"
	    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Смит;Джон;;;\r\nUID:p-3\r\n"
	    "END:VCARD\r\n";
	struct db *db = fixture_open("t.db");
	struct vcard_stats st;
	struct so_err err = { 0 };

	REQUIRE(db);
	REQUIRE(import_text(db, text, NULL, &st, &err) == SO_OK);
	CHECK_INT(st.created, 3);
	CHECK_INT(st.photos, 2);
	db_close(db);
}

TEST(vcard_reimport_by_uid_is_idempotent)
{
	struct db *db = fixture_open("t.db");
	struct vcard_stats st;
	struct so_err err = { 0 };
	long long audit;

	REQUIRE(db);
	REQUIRE(import_text(db, cards3, NULL, &st, &err) == SO_OK);
	CHECK_INT(st.created, 3);
	CHECK_INT(st.companies, 2);
	CHECK_INT(rows(db, "contacts"), 3);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM contacts c JOIN "
	    "companies o ON o.id = c.company_id WHERE o.name = "
	    "'ООО «Ромашка»'"), 2);
	audit = rows(db, "audit_log");
	REQUIRE(import_text(db, cards3, NULL, &st, &err) == SO_OK);
	CHECK_INT(st.created, 0);
	CHECK_INT(st.updated, 0);
	CHECK_INT(st.unchanged, 3);
	CHECK_INT(st.companies, 0);
	CHECK_INT(rows(db, "contacts"), 3);
	CHECK_INT(rows(db, "companies"), 2);
	CHECK_INT(rows(db, "audit_log"), audit);
	db_close(db);
}

TEST(vcard_reimport_updates_only_the_fields_the_card_carries)
{
	struct db *db = fixture_open("t.db");
	struct vcard_stats st;
	struct so_err err = { 0 };
	struct contact c;
	int64_t id;

	REQUIRE(db);
	REQUIRE(import_text(db, cards3, NULL, &st, &err) == SO_OK);
	REQUIRE(store_contact_by_uid(db, "u-1", &id, &err) == SO_OK && id);
	REQUIRE(store_contact_get(db, id, &c, &err) == SO_OK);
	free(c.hobbies);
	c.hobbies = xstrdup("шахматы");
	REQUIRE(store_contact_update(db, &c, &err) == SO_OK);
	store_contact_clear(&c);
	REQUIRE(import_text(db, "BEGIN:VCARD\nVERSION:3.0\nN:Иванов;Сергей;;;\n"
	    "TEL;TYPE=work:+7 843 111-11-11\nUID:u-1\nEND:VCARD\n", NULL, &st,
	    &err) == SO_OK);
	CHECK_INT(st.updated, 1);
	REQUIRE(store_contact_get(db, id, &c, &err) == SO_OK);
	CHECK_STR(c.phone_work, "+7 843 111-11-11");
	/* the card's phones are all there are */
	CHECK(c.phone_mobile == NULL || *c.phone_mobile == '\0');
	CHECK_STR(c.hobbies, "шахматы");	/* not in the card: kept */
	CHECK(c.company_id != SO_NULL);	/* no ORG: kept */
	store_contact_clear(&c);
	db_close(db);
}

TEST(vcard_extra_lines_without_a_note_are_added_to_the_comment_once)
{
	struct db *db = fixture_open("t.db");
	struct vcard_stats st;
	struct so_err err = { 0 };
	struct contact c;
	const char *card = "BEGIN:VCARD\nVERSION:3.0\nN:Кузнецов;;;;\n"
	    "NICKNAME:Кузя\nUID:u-9\nEND:VCARD\n";
	int64_t id;

	REQUIRE(db);
	REQUIRE(import_text(db, card, NULL, &st, &err) == SO_OK);
	REQUIRE(store_contact_by_uid(db, "u-9", &id, &err) == SO_OK && id);
	REQUIRE(store_contact_get(db, id, &c, &err) == SO_OK);
	free(c.comment);
	c.comment = xstrdup("звонить утром");
	REQUIRE(store_contact_update(db, &c, &err) == SO_OK);
	store_contact_clear(&c);
	REQUIRE(import_text(db, card, NULL, &st, &err) == SO_OK);
	CHECK_INT(st.updated, 1);
	REQUIRE(import_text(db, card, NULL, &st, &err) == SO_OK);
	CHECK_INT(st.unchanged, 1);
	REQUIRE(store_contact_get(db, id, &c, &err) == SO_OK);
	CHECK_STR(c.comment, "звонить утром\nNickname: Кузя");
	store_contact_clear(&c);
	db_close(db);
}

/* The bad file leaves the database as it was; err names file and line. */
static void
check_bad(const char *text, const char *want)
{
	struct db *db = fixture_open("t.db");
	struct vcard_stats st;
	struct so_err err = { 0 };
	long long n[3];

	REQUIRE(db);
	n[0] = rows(db, "contacts");
	n[1] = rows(db, "companies");
	n[2] = rows(db, "audit_log");
	CHECK_INT(import_text(db, text, NULL, &st, &err), SO_EINVAL);
	if (strncmp(err.msg, want, strlen(want)) != 0)
		harness_fail(__FILE__, __LINE__, "\"%s\", expected \"%s...\"",
		    err.msg, want);
	CHECK_INT(st.created, 0);
	CHECK_INT(rows(db, "contacts"), n[0]);
	CHECK_INT(rows(db, "companies"), n[1]);
	CHECK_INT(rows(db, "audit_log"), n[2]);
	db_close(db);
}

TEST(vcard_bad_files_name_the_line_and_change_nothing)
{
	struct db *db = fixture_open("t.db");
	struct vcard_stats st;
	struct so_err err = { 0 };
	long long size0, size1;
	unsigned long long sum0, sum1;

	/* a database with rows in it, checkpointed */
	REQUIRE(db);
	REQUIRE(import_text(db, cards3, NULL, &st, &err) == SO_OK);
	db_close(db);
	sum0 = fixture_file_sum(harness_path("t.db"), &size0);
	/* the good cards before the bad one are not kept either */
	check_bad("BEGIN:VCARD\nVERSION:3.0\nN:A;;;;\nORG:Новая\nUID:n-1\n"
	    "END:VCARD\nBEGIN:VCARD\nVERSION:3.0\nN:B;;;;\nEND:VCARD\n"
	    "BEGIN:VCARD\nVERSION:3.0\nN:C;;;;\n",
	    "t.vcf:11: BEGIN:VCARD without END:VCARD");
	check_bad("BEGIN:VCARD\r\nVERSION:3.0\r\nN:A;;;;\r\nthis line has no "
	    "colon\r\nEND:VCARD\r\n", "t.vcf:4: not a vCard line (no ':')");
	check_bad("BEGIN:VCARD\nVERSION:3.0\nN:A;;;;\nEMAIL:not-an-address\n"
	    "END:VCARD\n", "t.vcf:4: EMAIL: E-mail: not an e-mail address");
	check_bad("BEGIN:VCARD\nVERSION:3.0\nN:A;;;;\nBEGIN:VCARD\n"
	    "N:B;;;;\nEND:VCARD\n", "t.vcf:4: BEGIN:VCARD inside a card");
	check_bad("N:A;;;;\n", "t.vcf:1: N outside a vCard");
	check_bad("BEGIN:VCARD\nVERSION:5.0\nN:A;;;;\nEND:VCARD\n",
	    "t.vcf:2: VERSION 5.0: not 2.1, 3.0 or 4.0");
	sum1 = fixture_file_sum(harness_path("t.db"), &size1);
	CHECK(sum0 == sum1);
	CHECK_INT(size0, size1);
}

TEST(vcard_skip_bad_leaves_out_bad_cards_and_says_which)
{
	struct db *db = fixture_open("t.db");
	struct vcard_opts o = { .skip_bad = 1 };
	struct vcard_stats st;
	struct so_err err = { 0 };
	const char *text =
	    "BEGIN:VCARD\nVERSION:3.0\nN:A;;;;\nBDAY:zzz\nEND:VCARD\n"
	    "garbage\n"
	    "BEGIN:VCARD\nVERSION:3.0\nN:B;;;;\nORG:Только для плохой\n"
	    "EMAIL:bad\nEND:VCARD\n"
	    "BEGIN:VCARD\nVERSION:3.0\nN:C;;;;\nEND:VCARD\n";

	REQUIRE(db);
	REQUIRE(import_text(db, text, &o, &st, &err) == SO_OK);
	CHECK_INT(st.created, 1);
	CHECK_INT(st.skipped, 3);
	CHECK_INT(rows(db, "contacts"), 1);
	/* the bad card's company is not created */
	CHECK_INT(rows(db, "companies"), 0);
	db_close(db);
}

TEST(vcard_dry_run_counts_and_writes_nothing)
{
	struct db *db = fixture_open("t.db");
	struct vcard_opts o = { .dry_run = 1 };
	struct vcard_stats st;
	struct so_err err = { 0 };

	REQUIRE(db);
	REQUIRE(import_text(db, cards3, &o, &st, &err) == SO_OK);
	CHECK_INT(st.created, 3);
	CHECK_INT(st.companies, 2);
	CHECK_INT(rows(db, "contacts"), 0);
	CHECK_INT(rows(db, "companies"), 0);
	CHECK_INT(rows(db, "audit_log"), 0);
	db_close(db);
}

static char *
export_all(struct db *db, int version, size_t *n)
{
	struct list_query q = { .sort = -1 };
	struct so_err err = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (vcard_export(db, &q, version, f, n, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "export: %s", err.msg);
	fclose(f);
	return buf;
}

/* text without its REV lines */
static char *
no_rev(const char *s)
{
	struct strbuf b = { 0 };
	const char *e;

	sb_add(&b, "");
	for (; *s; s = e) {
		e = strchr(s, '\n');
		e = e ? e + 1 : s + strlen(s);
		if (strncmp(s, "REV:", 4) != 0)
			sb_addn(&b, s, (size_t)(e - s));
	}
	return sb_steal(&b);
}

TEST(vcard_export_stores_uids_and_survives_a_round_trip)
{
	struct db *db = fixture_open("a.db"), *db2;
	struct vcard_stats st;
	struct so_err err = { 0 };
	struct contact c;
	char *one, *two, *a, *b;
	size_t n;
	long long audit;

	REQUIRE(db);
	sample_contact(&c);
	free(c.uid);
	c.uid = NULL;
	REQUIRE(store_contact_create(db, &c, &err) == SO_OK);
	store_contact_clear(&c);
	store_contact_init(&c);
	c.last_name = xstrdup("Ёлкин");
	REQUIRE(store_contact_create(db, &c, &err) == SO_OK);
	store_contact_clear(&c);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM contacts WHERE "
	    "uid = ''"), 2);
	audit = rows(db, "audit_log");
	one = export_all(db, 30, &n);
	CHECK_INT(n, 2);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM contacts WHERE "
	    "uid = ''"), 0);
	/* giving a UID is a change like any other: audited */
	CHECK_INT(rows(db, "audit_log"), audit + 2);
	/* and a second export gives the same UIDs */
	two = export_all(db, 30, &n);
	a = no_rev(one);
	b = no_rev(two);
	CHECK_STR(a, b);
	free(two);
	free(b);
	/* into the same database: updates nothing */
	REQUIRE(import_text(db, one, NULL, &st, &err) == SO_OK);
	CHECK_INT(st.unchanged, 2);
	db_close(db);
	/* into a fresh one and out again: the same file */
	db2 = fixture_open("b.db");
	REQUIRE(db2);
	REQUIRE(import_text(db2, one, NULL, &st, &err) == SO_OK);
	CHECK_INT(st.created, 2);
	two = export_all(db2, 30, &n);
	b = no_rev(two);
	CHECK_STR(b, a);
	free(one);
	free(two);
	free(a);
	free(b);
	db_close(db2);
}

TEST(vcard_contact_uid_is_hidden_and_read_only)
{
	int fi = entity_field(&entity_contact, "uid");

	REQUIRE(fi >= 0);
	CHECK(entity_contact.fields[fi].flags & F_HIDDEN);
	CHECK(entity_contact.fields[fi].flags & F_READONLY);
	CHECK_INT(entity_contact.fields[fi].width, 0);
}

TEST(vcard_hostile_input_is_refused_by_line_without_a_crash)
{
	static const char nul[] = "BEGIN:VCARD\nVERSION:3.0\nN:a\0b;;;;\n"
	    "END:VCARD\n";
	struct so_err err = { 0 };
	struct vcard_list l;
	struct strbuf b = { 0 };
	char *junk;
	size_t i;

	REQUIRE(vcard_parse("t.vcf", nul, sizeof(nul) - 1, &l, &err) ==
	    SO_OK);
	REQUIRE(l.n == 1);
	CHECK(l.cards[0].bad);
	CHECK_STR(l.cards[0].err.msg, "t.vcf:3: a NUL byte in the line");
	vcard_list_free(&l);
	/* a logical line past the limit, made of folded pieces */
	sb_add(&b, "BEGIN:VCARD\nVERSION:3.0\nNOTE:");
	for (i = 0; i < VCARD_MAX_LINE / 64 + 2; i++)
		sb_add(&b, "\n xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		    "xxxxxxxxxxxxxx");
	sb_add(&b, "\nEND:VCARD\n");
	REQUIRE(vcard_parse("t.vcf", b.s, b.len, &l, &err) == SO_OK);
	REQUIRE(l.n == 1);
	CHECK_STR(l.cards[0].err.msg, "t.vcf:3: the line is too long");
	vcard_list_free(&l);
	sb_free(&b);
	/* a BEGIN without END, many times over: each a bad card */
	for (i = 0; i < 20000; i++)
		sb_add(&b, "BEGIN:VCARD\n");
	REQUIRE(vcard_parse("t.vcf", b.s, b.len, &l, &err) == SO_OK);
	CHECK_INT(l.n, 20000);
	CHECK_STR(l.cards[0].err.msg, "t.vcf:2: BEGIN:VCARD inside a card "
	    "(END:VCARD missing?)");
	CHECK_STR(l.cards[19999].err.msg, "t.vcf:20000: BEGIN:VCARD without "
	    "END:VCARD");
	vcard_list_free(&l);
	sb_free(&b);
	/* bytes of every value */
	junk = xmalloc(65536);
	for (i = 0; i < 65536; i++)
		junk[i] = (char)((i * 2654435761u) >> 13);
	CHECK_INT(vcard_parse("t.vcf", junk, 65536, &l, &err), SO_OK);
	vcard_list_free(&l);
	free(junk);
}
