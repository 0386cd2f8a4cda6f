#!/bin/sh
# A template whose body is HTML (issue 29): sent as that HTML (the
# values HTML-escaped, the markup as written) in a text/html part, with
# a text/plain part made from it (tags dropped, entities decoded,
# paragraphs, line breaks and list items kept), with or without --html;
# a body that only mentions a tag stays text.  Parsed back by python3's
# email package.
. "$(dirname "$0")/lib.sh"

DB="$T/m.db"
"$SALESORG" --db "$DB" demo >/dev/null || exit 1
sqlite3 "$DB" "
UPDATE companies SET name = 'ООО «Ромашка & <Сын>»' WHERE id = 1;
UPDATE contacts SET first_name = 'Анна', email = 'anna@example.ru'
    WHERE id = 1;
" || exit 1
reindex "$DB"
"$SALESORG" --db "$DB" config set mail.from 'Отдел продаж <sales@example.ru>' || exit 1
cat >"$T/body.html" <<'EOF'
<html><head><title>Прайс</title><style>p { color: red }</style></head>
<body>
<p>Здравствуйте,   {contact.first_name}!</p>
<p>Прайс для <b>{company.name}</b> &laquo;на&nbsp;май&raquo;&#33;<br>
Цены &mdash; с НДС &amp; доставкой.</p>
<ul><li>склад</li><li><a href="https://example.ru/?a=1&amp;b=2">сайт</a></li></ul>
<!-- a comment -->
</body></html>
EOF
# braces in the style sheet would be placeholders: a body without one
sed -i 's/<style>.*<\/style>//' "$T/body.html"
"$SALESORG" --db "$DB" template add price --subject 'Прайс для {company.name}' \
    --body-file "$T/body.html" >/dev/null || exit 1
printf 'Пишите: <p> в тексте письма - не разметка.\n' >"$T/text.txt"
"$SALESORG" --db "$DB" template add plain --subject 'Текст' \
    --body-file "$T/text.txt" >/dev/null || exit 1

run --db "$DB" merge price --filter 'id=1' --dir "$T/out1"
check "html body: exit 0" [ "$RC" -eq 0 ]
check "html body: one message" [ -f "$T/out1/1.eml" ]
check "html body: the parts parse back" python3 - "$T/out1/1.eml" <<'EOF'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'),
    policy=email.policy.default)
assert m.get_content_type() == 'multipart/alternative', m.get_content_type()
parts = list(m.iter_parts())
assert [p.get_content_type() for p in parts] == ['text/plain', 'text/html']
text, html = parts[0].get_content(), parts[1].get_content()
want = ('Здравствуйте, Анна!\n\n'
    'Прайс для ООО «Ромашка & <Сын>» «на май»!\n'
    'Цены — с НДС & доставкой.\n\n'
    '- склад\n'
    '- сайт\n')
assert text == want, repr(text)
# the markup as written, the value escaped
assert '<p>Прайс для <b>ООО «Ромашка &amp; &lt;Сын&gt;»</b> &laquo;' in html, html
assert '<a href="https://example.ru/?a=1&amp;b=2">' in html, html
assert '<title>Прайс</title>' in html, html
EOF

# --html changes nothing for an HTML body (its own HTML, not Markdown).
run --db "$DB" merge price --filter 'id=1' --html --dir "$T/out2"
check "html body with --html: the same parts" python3 - "$T/out1/1.eml" "$T/out2/1.eml" <<'EOF'
import email, email.policy, sys
def parts(f):
    m = email.message_from_binary_file(open(f, 'rb'),
        policy=email.policy.default)
    return [(p.get_content_type(), p.get_content()) for p in m.iter_parts()]
assert parts(sys.argv[1]) == parts(sys.argv[2])
EOF

# A body that mentions a tag but is not HTML stays one text part.
run --db "$DB" merge plain --filter 'id=1' --dir "$T/out3"
check "text body: one text/plain part" python3 - "$T/out3/1.eml" <<'EOF'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'),
    policy=email.policy.default)
assert m.get_content_type() == 'text/plain', m.get_content_type()
assert m.get_content() == 'Пишите: <p> в тексте письма - не разметка.\n'
EOF

# The dry run shows the text part.
run --db "$DB" merge price --filter 'id=1' --dry-run
check "html body: the dry run shows the text" grep -q '^Прайс для ООО «Ромашка & <Сын>» «на май»!$' "$T/out"
check "html body: no tag in the dry run" sh -c "! grep -q '<p>' '$T/out'"
