# Turns the entries of po/ru.po whose context is an entity's name (the
# descriptors' NC_ labels: msgctxt "company", msgid "Name") into a C
# table of their Russian labels (include/store/labels.h).  Fuzzy,
# untranslated and plural entries are left out: the English label then
# serves.  Used by the Makefile only.
#
# The entities, as named by .name in the descriptor files; a new one
# goes here too (tests/unit/test_labels.c fails until it does).
BEGIN {
	n = split("company contact task note link event deal payment " \
	    "program member product_group product deal_line", e, " ")
	for (i = 1; i <= n; i++)
		entity[e[i]] = 1
	print "/* Generated from po/ru.po by po/labels.awk; do not edit. */"
	print "#include <stddef.h>"
	print "#include \"store/labels.h\""
	print "const struct label_ru labels_ru[] = {"
	reset()
}

function reset() {
	ctx = ""; id = ""; str = ""; fuzzy = 0; plural = 0; hasctx = 0
	part = ""
}

# The text between the first and the last quote, escapes kept: the po
# file's escapes are C's.
function text(s) {
	sub(/^[^"]*"/, "", s)
	sub(/"[ \t]*$/, "", s)
	return s
}

function flush() {
	if (hasctx && (ctx in entity) && id != "" && str != "" && !fuzzy &&
	    !plural)
		printf "\t{ \"%s\", \"%s\", \"%s\" },\n", ctx, id, str
	reset()
}

/^[ \t]*$/ { flush(); next }
/^#,.*fuzzy/ { fuzzy = 1; next }
/^#/ { next }
/^msgctxt / {
	if (part == "str")
		flush()
	hasctx = 1; ctx = text($0); part = "ctx"; next
}
/^msgid / {
	if (part == "str")
		flush()
	id = text($0); part = "id"; next
}
/^msgid_plural / { plural = 1; part = "plural"; next }
/^msgstr\[/ { plural = 1; part = "plural"; next }
/^msgstr / { str = text($0); part = "str"; next }
/^[ \t]*"/ {
	if (part == "ctx")
		ctx = ctx text($0)
	else if (part == "id")
		id = id text($0)
	else if (part == "str")
		str = str text($0)
	next
}
END {
	flush()
	print "\t{ NULL, NULL, NULL }"
	print "};"
}
