# Turns sql/NNN_name.sql files into a C array of migrations, one string
# each, numbered by the file name's prefix.  Used by the Makefile only.
BEGIN {
	print "/* Generated from the sql directory by sql/embed.awk; do not edit. */"
	print "#include \"store/migrations.h\""
	print "const struct migration migrations[] = {"
	n = 0
}
FNR == 1 {
	if (n++ > 0)
		print "\t\"\" },"
	f = FILENAME
	sub(/.*\//, "", f)
	num = f
	sub(/_.*/, "", num)
	printf "\t{ %d, \"%s\",\n", num + 0, f
}
{
	gsub(/\\/, "\\\\")
	gsub(/"/, "\\\"")
	printf "\t\"%s\\n\"\n", $0
}
END {
	if (n > 0)
		print "\t\"\" },"
	print "};"
	printf "const int migrations_count = %d;\n", n
}
