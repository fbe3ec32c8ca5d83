# Compiles datasets/nuts2.csv (code,country,name,lat,lon) into a C table, so
# the binary carries its regions wherever it is installed. Run by the Makefile:
#   awk -f src/nuts2_table.awk datasets/nuts2.csv > build/nuts2_table.c
# The table is plain comma-separated UTF-8 without quoting; anything else stops
# the build with a message.
BEGIN {
    FS = ","
    print "/* Generated from datasets/nuts2.csv by src/nuts2_table.awk: do not edit. */"
    print "#include \"metaclust/generate.h\""
    print ""
    print "static const struct mc_region table[] = {"
}
{ sub(/\r$/, "") }
NR == 1 {
    for (i = 1; i <= NF; i++) col[$i] = i
    if (!("code" in col) || !("country" in col) || !("name" in col) || !("lat" in col) ||
        !("lon" in col)) {
        print FILENAME ": expected the columns code,country,name,lat,lon" > "/dev/stderr"
        bad = 1
        exit 1
    }
    next
}
/^$/ { next }
{
    if (index($0, "\"") > 0 || NF != length(col)) {
        print FILENAME ":" NR ": quoted or misplaced field (the table must be plain CSV)" > "/dev/stderr"
        bad = 1
        exit 1
    }
    name = $(col["name"])
    gsub(/\\/, "\\\\", name)
    gsub(/\?/, "\\?", name)
    lat = $(col["lat"]) + 0
    lon = $(col["lon"]) + 0
    if ($(col["code"]) !~ /^[A-Z0-9]+$/ || $(col["country"]) !~ /^[A-Z][A-Z]$/ ||
        lat < -90 || lat > 90 || lon < -180 || lon > 180) {
        print FILENAME ":" NR ": bad code, country or coordinates" > "/dev/stderr"
        bad = 1
        exit 1
    }
    printf "    {\"%s\", \"%s\", \"%s\", %s, %s},\n", $(col["code"]), $(col["country"]), name,
           $(col["lat"]), $(col["lon"])
    rows++
}
END {
    if (bad || rows == 0) {
        exit 1
    }
    print "};"
    print ""
    print "const struct mc_region *mc_regions_builtin(size_t *n) {"
    print "    *n = sizeof table / sizeof table[0];"
    print "    return table;"
    print "}"
}
