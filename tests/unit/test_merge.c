/*
 * Mail merge: the template store (checks, versions, audit), the
 * placeholder language (contact, company and custom fields, {{ }},
 * errors naming template, line, column and placeholder), rendering,
 * the e-mail event that logs a message, and piping to sendmail.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/util.h"
#include "exchange/merge.h"
#include "fixture.h"
#include "harness.h"
#include "store/audit.h"
#include "store/custom.h"
#include "store/entities.h"
#include "store/settings.h"
#include "store/template.h"
#include "store/users.h"

static int
add_tpl(struct db *db, const char *name, const char *subject,
    const char *body, struct so_err *err)
{
	struct template t = { 0 };
	int rc;

	t.name = xstrdup(name);
	t.subject = xstrdup(subject);
	t.body = xstrdup(body);
	rc = template_add(db, &t, err);
	template_clear(&t);
	return rc;
}

/* A company in Казань and its contact Сергей Иванов with an e-mail. */
static int64_t
world(struct db *db, struct contact *out)
{
	struct company co;
	struct so_err err = { 0 };

	store_company_init(&co);
	co.name = xstrdup("ООО «Ромашка»");
	co.city = xstrdup("Казань");
	if (store_company_create(db, &co, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "company: %s", err.msg);
	store_contact_init(out);
	out->last_name = xstrdup("Иванов");
	out->first_name = xstrdup("Сергей");
	out->email = xstrdup("s.ivanov@example.ru");
	out->company_id = co.meta.id;
	if (store_contact_create(db, out, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "contact: %s", err.msg);
	store_company_clear(&co);
	return out->meta.id;
}

/* Renders a template of subject and body for c; NULL after a failure. */
static char *
render(struct db *db, const struct contact *c, const char *subject,
    const char *body, char **subj_out)
{
	struct template t = { 0 };
	struct so_err err = { 0 };
	struct merge *m;
	char *s = NULL, *b = NULL;

	t.name = "t";
	t.subject = (char *)subject;
	t.body = (char *)body;
	if (merge_compile(&t, &m, &err) != SO_OK) {
		harness_fail(__FILE__, __LINE__, "compile: %s", err.msg);
		return NULL;
	}
	if (merge_render(db, m, c, &s, &b, &err) != SO_OK)
		harness_fail(__FILE__, __LINE__, "render: %s", err.msg);
	merge_free(m);
	if (subj_out)
		*subj_out = s;
	else
		free(s);
	return b;
}

TEST(merge_renders_contact_and_company_fields)
{
	struct db *db = fixture_open("m.db");
	struct contact c;
	char *subject = NULL, *body;

	REQUIRE(db != NULL);
	world(db, &c);
	/* fields as read from the store, with reference labels */
	store_contact_clear(&c);
	REQUIRE(store_contact_get(db, 1, &c, NULL) == SO_OK);
	body = render(db, &c, "Предложение для {company.name}",
	    "Здравствуйте, {contact.first_name} {contact.last_name}!\n"
	    "{company.name}, {company.city}; {contact.company_id}.\n"
	    "Отчество: [{contact.middle_name}] {manager.name}\n", &subject);
	CHECK_STR(subject, "Предложение для ООО «Ромашка»");
	CHECK_STR(body, "Здравствуйте, Сергей Иванов!\n"
	    "ООО «Ромашка», Казань; ООО «Ромашка».\n"
	    "Отчество: [] anna\n");
	free(body);
	free(subject);
	/* a memo's line breaks in the subject become spaces */
	free(c.comment);
	c.comment = xstrdup("две\nстроки");
	body = render(db, &c, "[{contact.comment}]", "{contact.comment}",
	    &subject);
	CHECK_STR(subject, "[две строки]");
	CHECK_STR(body, "две\nстроки");
	free(body);
	free(subject);
	/* a contact without a company: company fields render empty */
	c.company_id = SO_NULL;
	body = render(db, &c, "", "[{company.name}|{company.city}]", NULL);
	CHECK_STR(body, "[|]");
	free(body);
	store_contact_clear(&c);
	db_close(db);
}

TEST(merge_renders_custom_fields_and_labels)
{
	struct db *db = fixture_open("m.db");
	struct so_err err = { 0 };
	struct contact c;
	char *body;
	int fi;

	REQUIRE(db != NULL);
	REQUIRE(custom_field_add(db, "contact", "nickname", "Прозвище",
	    "text", NULL, 0, &err) == SO_OK);
	REQUIRE(custom_field_add(db, "company", "inn", "ИНН", "text", NULL, 0,
	    &err) == SO_OK);
	world(db, &c);
	fi = entity_field(&entity_contact, "nickname");
	REQUIRE(fi >= 0);
	REQUIRE(field_parse(&entity_contact, fi, &c, "Серёга", FIXTURE_NOW,
	    &err) == SO_OK);
	REQUIRE(store_contact_update(db, &c, &err) == SO_OK);
	store_contact_clear(&c);
	REQUIRE(store_contact_get(db, 1, &c, &err) == SO_OK);
	/* the descriptor name, and the label as filters accept it */
	body = render(db, &c, "", "{contact.nickname}/{contact.прозвище}/"
	    "[{company.inn}]/{contact.company}", NULL);
	CHECK_STR(body, "Серёга/Серёга/[]/ООО «Ромашка»");
	free(body);
	store_contact_clear(&c);

	/* a template saved with a custom field is refused once the field
	 * is gone */
	REQUIRE(add_tpl(db, "nick", "", "Hi {contact.nickname}", &err) ==
	    SO_OK);
	REQUIRE(custom_field_remove(db, "contact", "nickname", &err) ==
	    SO_OK);
	{
		struct template t;
		struct merge *m = NULL;

		REQUIRE(template_get(db, "nick", &t, &err) == SO_OK);
		CHECK_INT(merge_compile(&t, &m, &err), SO_EINVAL);
		CHECK(m == NULL);
		CHECK(strstr(err.msg, "{contact.nickname}") != NULL);
		template_clear(&t);
	}
	db_close(db);
}

TEST(merge_braces_and_empty_values)
{
	struct db *db = fixture_open("m.db");
	struct contact c;
	char *body;

	REQUIRE(db != NULL);
	world(db, &c);
	body = render(db, &c, "", "{{contact.first_name}} = {{{contact."
	    "first_name}}}; {{}} {{{{\n{contact.position}|{ contact.email }",
	    NULL);
	CHECK_STR(body, "{contact.first_name} = {Сергей}; {} {{\n"
	    "|s.ivanov@example.ru");
	free(body);
	store_contact_clear(&c);
	db_close(db);
}

TEST(merge_unknown_placeholder_error_names_where)
{
	struct db *db = fixture_open("m.db");
	struct so_err err = { 0 };
	struct tpl_text t;

	REQUIRE(db != NULL);
	CHECK_INT(add_tpl(db, "Предложение", "Тема",
	    "Строка один\nДобрый день, {contact.frist_name}!\n", &err),
	    SO_EINVAL);
	CHECK_STR(err.msg, "template \"Предложение\": body line 2, column 14: "
	    "unknown placeholder {contact.frist_name}; did you mean "
	    "{contact.first_name}?");
	CHECK_STR(err.field, "body");
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM templates"), 0);

	CHECK_INT(add_tpl(db, "x", "Для {компания.name}", "", &err),
	    SO_EINVAL);
	CHECK_STR(err.msg, "template \"x\": subject, column 5: unknown "
	    "placeholder {компания.name}; placeholders are {contact.FIELD}, "
	    "{company.FIELD} and {manager.name} with the field names of "
	    "contacts and companies");
	CHECK_INT(template_parse("y", "body", "a\n  {contact.first_name", &t,
	    &err), SO_EINVAL);
	CHECK(strstr(err.msg, "body line 2, column 3: a { without its }"));
	CHECK_INT(template_parse("y", "body", "50} ", &t, &err), SO_EINVAL);
	CHECK(strstr(err.msg, "column 3: a } without its {"));
	CHECK_INT(template_parse("y", "body", "{manager.email}", &t, &err),
	    SO_EINVAL);
	CHECK_INT(template_parse("y", "body", "{contact}", &t, &err),
	    SO_EINVAL);
	db_close(db);
}

TEST(merge_template_checks_name_and_text)
{
	struct db *db = fixture_open("m.db");
	struct so_err err = { 0 };
	struct strbuf nb = { 0 };
	char *long_name;
	int i;

	for (i = 0; i < 65; i++)
		sb_add(&nb, "Я");
	long_name = sb_steal(&nb);

	REQUIRE(db != NULL);
	CHECK_INT(add_tpl(db, "", "s", "b", &err), SO_EINVAL);
	CHECK_STR(err.field, "name");
	CHECK_INT(add_tpl(db, long_name, "s", "b", &err), SO_EINVAL);
	long_name[strlen(long_name) - 2] = '\0';		/* 64 */
	CHECK_INT(add_tpl(db, long_name, "s", "b", &err), SO_OK);
	CHECK_INT(add_tpl(db, "a\tb", "s", "b", &err), SO_EINVAL);
	CHECK_INT(add_tpl(db, "two", "line\nsubject", "b", &err), SO_EINVAL);
	CHECK(strstr(err.msg, "subject line 1, column 5: a control") != NULL);
	CHECK_INT(add_tpl(db, "bell", "s", "ok\n\tok\nbad\a", &err),
	    SO_EINVAL);
	CHECK(strstr(err.msg, "body line 3, column 4") != NULL);
	CHECK_INT(add_tpl(db, "utf", "s", "\xff", &err), SO_EINVAL);
	CHECK_INT(add_tpl(db, "ok", "s", "b", &err), SO_OK);
	CHECK_INT(add_tpl(db, "ok", "s2", "b2", &err), SO_EINVAL);
	CHECK(strstr(err.msg, "exists already") != NULL);
	free(long_name);
	db_close(db);
}

TEST(merge_template_versions_and_audit)
{
	struct db *db = fixture_open("m.db");
	struct so_err err = { 0 };
	struct template a, b, *v;
	size_t n;

	REQUIRE(db != NULL);
	REQUIRE(add_tpl(db, "offer", "Hi {contact.first_name}", "Body",
	    &err) == SO_OK);
	REQUIRE(add_tpl(db, "advert", "", "", &err) == SO_OK);
	REQUIRE(template_list(db, &v, &n, &err) == SO_OK);
	CHECK_INT(n, 2);
	CHECK_STR(n == 2 ? v[0].name : NULL, "advert");
	template_list_free(v, n);

	REQUIRE(template_get(db, "offer", &a, &err) == SO_OK);
	REQUIRE(template_get(db, "offer", &b, &err) == SO_OK);
	CHECK_INT(a.version, 1);
	CHECK_INT(a.created_by, db_user_id(db));
	free(a.body);
	a.body = xstrdup("New body");
	CHECK_INT(template_update(db, &a, &err), SO_OK);
	CHECK_INT(a.version, 2);
	/* b was read before a's save */
	free(b.subject);
	b.subject = xstrdup("Other");
	CHECK_INT(template_update(db, &b, &err), SO_ECONFLICT);
	CHECK(strstr(err.msg, "changed by someone else") != NULL);
	CHECK_INT(b.version, 1);
	template_clear(&b);
	REQUIRE(template_get(db, "offer", &b, &err) == SO_OK);
	CHECK_STR(b.body, "New body");
	CHECK_STR(b.subject, "Hi {contact.first_name}");
	/* an unknown placeholder is refused on update too */
	free(b.body);
	b.body = xstrdup("{contact.nosuch}");
	CHECK_INT(template_update(db, &b, &err), SO_EINVAL);
	/* the same values write nothing */
	CHECK_INT(template_update(db, &a, &err), SO_OK);
	CHECK_INT(a.version, 2);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'templates' AND action = 'update' AND field = 'body' "
	    "AND old_value = 'Body' AND new_value = 'New body'"), 1);

	template_clear(&b);
	CHECK_INT(template_remove(db, "offer", &err), SO_OK);
	CHECK_INT(template_get(db, "offer", &b, &err), SO_ENOTFOUND);
	CHECK_INT(template_remove(db, "offer", &err), SO_ENOTFOUND);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'templates' AND action = 'delete' AND field = 'body' "
	    "AND old_value = 'New body'"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'templates' AND action = 'create'"), 2);
	template_clear(&a);
	template_clear(&b);
	db_close(db);
}

TEST(merge_event_logs_the_message)
{
	struct db *db = fixture_open("m.db");
	struct so_err err = { 0 };
	struct template t = { 0 };
	struct merge *m;
	struct contact c;
	struct event ev;
	int64_t id;

	REQUIRE(db != NULL);
	id = world(db, &c);
	t.name = "offer";
	t.subject = "";
	t.body = "";
	REQUIRE(merge_compile(&t, &m, &err) == SO_OK);
	REQUIRE(merge_event(db, m, &c, "Тема письма", "s.ivanov@example.ru",
	    &ev, &err) == SO_OK);
	REQUIRE(store_event_create(db, &ev, &err) == SO_OK);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM events e JOIN "
	    "event_types t ON t.id = e.type_id WHERE t.code = 'email' AND "
	    "e.status = 'done' AND e.subject = 'Тема письма' AND "
	    "e.contact_id = 1 AND e.company_id = 1 AND e.start_at = "
	    "1795413600"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'event' AND action = 'create'"), 1);
	store_event_clear(&ev);
	/* a subject too long for an event is refused before sending */
	{
		char big[400];

		memset(big, 'x', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		CHECK_INT(merge_event(db, m, &c, big, "a@b.c", &ev, &err),
		    SO_EINVAL);
		store_event_clear(&ev);
	}
	(void)id;
	merge_free(m);
	store_contact_clear(&c);
	db_close(db);
}

/* A sendmail stand-in: saves its arguments and input, exits with code. */
static const char *
stand_in(int code)
{
	const char *path = harness_path("sendmail");
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return NULL;
	fprintf(f, "#!/bin/sh\necho \"$@\" > '%s.args'\ncat > '%s.in'\n"
	    "exit %d\n", path, path, code);
	fclose(f);
	chmod(path, 0755);
	return path;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct strbuf b = { 0 };
	char buf[4096];
	size_t n;

	if (f == NULL)
		return NULL;
	sb_add(&b, "");
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_addn(&b, buf, n);
	fclose(f);
	return sb_steal(&b);
}

TEST(merge_sendmail_pipes_and_reports)
{
	struct so_err err = { 0 };
	struct strbuf msg = { 0 };
	const char *sm;
	char *in, *args, *p;
	int i;

	/* bigger than a pipe's buffer */
	for (i = 0; i < 20000; i++)
		sb_add(&msg, "line of the message\n");
	REQUIRE((sm = stand_in(0)) != NULL);
	CHECK_INT(merge_sendmail(sm, msg.s, msg.len, &err), SO_OK);
	p = xasprintf("%s.in", sm);
	in = slurp(p);
	free(p);
	CHECK(in && strcmp(in, msg.s) == 0);
	free(in);
	p = xasprintf("%s.args", sm);
	args = slurp(p);
	free(p);
	CHECK_STR(args, "-t -i\n");
	free(args);

	REQUIRE((sm = stand_in(1)) != NULL);
	CHECK_INT(merge_sendmail(sm, "x\n", 2, &err), SO_ERR);
	CHECK(strstr(err.msg, "exited with status 1") != NULL);
	CHECK_INT(merge_sendmail("/nonexistent/sendmail", "x\n", 2, &err),
	    SO_ERR);
	CHECK(strstr(err.msg, "cannot run /nonexistent/sendmail") != NULL);
	/* a mailer that exits without reading: an error, not SIGPIPE */
	CHECK_INT(merge_sendmail("/bin/true", msg.s, msg.len, &err), SO_ERR);
	CHECK(strstr(err.msg, "did not read the whole message") != NULL);
	sb_free(&msg);
}

TEST(merge_settings_mail)
{
	struct db *db = fixture_open("m.db");
	struct so_err err = { 0 };
	char *v;

	REQUIRE(db != NULL);
	v = settings_get_text(db, "mail.sendmail");
	CHECK_STR(v, "/usr/sbin/sendmail");
	free(v);
	v = settings_get_text(db, "mail.from");
	CHECK(v && strncmp(v, "anna@", 5) == 0);
	free(v);
	CHECK(settings_get_text(db, "mail.nosuch") == NULL);
	CHECK_INT(settings_set_text(db, "mail.from", "Anna\r\nBcc: x@y.z "
	    "<a@b.c>", 0, &err), SO_EINVAL);
	CHECK_INT(settings_set_text(db, "mail.from", "a b@c.d", 0, &err),
	    SO_EINVAL);
	CHECK_INT(settings_set_text(db, "mail.from", "Отдел продаж "
	    "<sales@example.ru>", 0, &err), SO_OK);
	CHECK_INT(settings_set_text(db, "mail.sendmail", "/opt/team/sendmail",
	    1, &err), SO_OK);
	CHECK_INT(settings_set_text(db, "mail.sendmail", "sendmail", 0, &err),
	    SO_EINVAL);
	v = settings_get_text(db, "mail.from");
	CHECK_STR(v, "Отдел продаж <sales@example.ru>");
	free(v);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE "
	    "entity = 'settings' AND field = 'user.anna.mail.from' AND "
	    "new_value = 'Отдел продаж <sales@example.ru>'"), 1);
	/* a manager: the team's value, own From, but not the team's
	 * program: every member would run it */
	fixture_user(db, "boris", ROLE_MANAGER);
	REQUIRE(db_login(db, "boris", &err) == SO_OK);
	v = settings_get_text(db, "mail.sendmail");
	CHECK_STR(v, "/opt/team/sendmail");
	free(v);
	v = settings_get_text(db, "mail.from");
	CHECK(v && strncmp(v, "boris@", 6) == 0);
	free(v);
	CHECK_INT(settings_set_text(db, "mail.sendmail", "/tmp/evil", 1,
	    &err), SO_EPERM);
	CHECK_INT(settings_set_text(db, "mail.sendmail", "/home/boris/sm", 0,
	    &err), SO_OK);
	v = settings_get_text(db, "mail.sendmail");
	CHECK_STR(v, "/home/boris/sm");
	free(v);
	REQUIRE(db_login(db, "anna", &err) == SO_OK);
	v = settings_get_text(db, "mail.sendmail");
	CHECK_STR(v, "/opt/team/sendmail");
	free(v);
	/* "" goes back to the default */
	CHECK_INT(settings_set_text(db, "mail.from", "", 0, &err), SO_OK);
	v = settings_get_text(db, "mail.from");
	CHECK(v && strncmp(v, "anna@", 5) == 0);
	free(v);
	db_close(db);
}

/*
 * The text part of an HTML body (merge_html_text) on its own: the
 * expected text worked out by hand from the markup, tag by tag.
 */
TEST(merge_html_text_reads_like_the_page)
{
	char *t;

	t = merge_html_text("<html><head><title>Прайс</title>"
	    "<style>p { color: red }</style></head><body>\n"
	    "<h1>Прайс  на\n  ноябрь</h1>\n"
	    "<p>Здравствуйте,<br>Анна!</p>"
	    "<ul><li>Чай</li><li>Кофе &amp; сахар</li></ul>"
	    "<table><tr><th>Товар</th><th>Цена</th></tr>"
	    "<tr><td>Чай</td><td>100&nbsp;&#8381;</td></tr></table>"
	    "<script>alert(\"<p>x</p>\")</script>"
	    "<p>&laquo;Ромашка&raquo; &#1040;&#x411;&#x0431; &lt;ok&gt;"
	    "&mdash;&unknown;</p></body></html>");
	/* the heading and the paragraphs with a blank line between, <br>
	 * a line, items "- " lines, a row a line (cells by tabs), the
	 * head, style and script gone, white space runs one space */
	CHECK_STR(t, "Прайс на ноябрь\n\n"
	    "Здравствуйте,\nАнна!\n\n"
	    "- Чай\n- Кофе & сахар\n\n"
	    "Товар\tЦена\nЧай\t100 ₽\n\n"
	    "«Ромашка» АБб <ok>—&unknown;\n");
	free(t);
	/* white space at the ends and around tags: none left over */
	t = merge_html_text("  \n<p>  один   два </p>\n\n<p>\tтри</p>  ");
	CHECK_STR(t, "один два\n\nтри\n");
	free(t);
	t = merge_html_text("строка 1<br/>строка 2<br><br>конец");
	CHECK_STR(t, "строка 1\nстрока 2\n\nконец\n");
	free(t);
}
