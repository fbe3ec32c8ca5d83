# Compiles datasets/country-names.tsv (code, name, source; tab-separated UTF-8)
# into the C table of the names a country column accepts. Run by the Makefile:
#   awk -f src/country_names.awk datasets/country-names.tsv > build/country_names.c
# datasets/country-names.py writes the TSV and names its source.
BEGIN {
    FS = "\t"
    print "/* Generated from datasets/country-names.tsv by src/country_names.awk: do not edit. */"
    print "#include \"metaclust/countries.h\""
    print ""
    print "static const struct mc_country_name table[] = {"
}
{ sub(/\r$/, "") }
NR == 1 {
    if ($1 != "code" || $2 != "name") {
        print FILENAME ": expected the columns code, name, source" > "/dev/stderr"
        bad = 1
        exit 1
    }
    next
}
/^$/ { next }
{
    if ($1 !~ /^[A-Z][A-Z]$/ || $2 == "" || index($2, "\"") > 0 || index($2, "\\") > 0) {
        print FILENAME ":" NR ": bad code or name" > "/dev/stderr"
        bad = 1
        exit 1
    }
    name = $2
    gsub(/\?/, "\\?", name)
    printf "    {\"%s\", \"%s\"},\n", $1, name
    rows++
}
END {
    if (bad || rows == 0) {
        exit 1
    }
    print "};"
    print ""
    print "const struct mc_country_name *mc_country_names_builtin(size_t *n) {"
    print "    *n = sizeof table / sizeof table[0];"
    print "    return table;"
    print "}"
}
