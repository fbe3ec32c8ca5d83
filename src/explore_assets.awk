# Compiles the explorer's web files (web/explorer.{html,css,js}, the vendored
# sigma.js and graphology builds and their licences) into C strings, so that
# `metaclust explore` carries them wherever it is installed. Run by the Makefile:
#   LC_ALL=C awk -f src/explore_assets.awk web/explorer.html ... > build/explore_assets.c
# Each file becomes one entry named by its base name. Escaped: backslash,
# double quote, '?' (no trigraphs under -std=c11) and control characters; URLs
# in the licence texts lose their scheme, so that the page names no host to fetch.
# Character by character: gsub's replacement strings treat '\\' differently across awks.
function c_escape(s,    out, i, ch) {
    out = ""
    for (i = 1; i <= length(s); i++) {
        ch = substr(s, i, 1)
        if (ch == "\\" || ch == "\"" || ch == "?") {
            out = out "\\" ch
        } else if (ch == "\t") {
            out = out "\\t"
        } else if (ch == "\r") {
            out = out "\\r"
        } else {
            out = out ch
        }
    }
    return out
}

function flush_entry() {
    if (name != "") {
        print "     \"\", " bytes "},"
    }
}
FNR == 1 {
    flush_entry()
    name = FILENAME
    sub(/.*\//, "", name)
    bytes = 0
    print "    {\"" name "\","
}
{
    line = $0
    if (name ~ /^LICENSE/) {
        gsub(/https?:\/\//, "", line)
    }
    bytes += length(line) + 1
    print "     \"" c_escape(line) "\\n\""
}
BEGIN {
    print "/* Generated from web/ by src/explore_assets.awk: do not edit. */"
    print "#include \"metaclust/explore.h\""
    print ""
    print "#include <string.h>"
    print ""
    print "static const struct {"
    print "    const char *name;"
    print "    const char *text;"
    print "    size_t len;"
    print "} assets[] = {"
}
END {
    flush_entry()
    print "};"
    print ""
    print "const char *mc_explore_asset(const char *name, size_t *len) {"
    print "    for (size_t i = 0; i < sizeof assets / sizeof assets[0]; i++) {"
    print "        if (strcmp(assets[i].name, name) == 0) {"
    print "            if (len != NULL) {"
    print "                *len = assets[i].len;"
    print "            }"
    print "            return assets[i].text;"
    print "        }"
    print "    }"
    print "    return NULL;"
    print "}"
}
