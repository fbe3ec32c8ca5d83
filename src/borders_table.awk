# Compiles datasets/borders-50m.tsv (code, polygon, ring, points; see
# datasets/borders.py) into the C table of the geo base map, so the binary
# draws its borders wherever it is installed. Run by the Makefile:
#   awk -f src/borders_table.awk datasets/borders-50m.tsv > build/borders_table.c
# The points are "lon,lat" in hundredths of a degree, each after the first
# relative to the one before; they are written out absolute. Anything
# malformed stops the build with a message. Longitudes reach 200 degrees:
# a ring across the antimeridian continues east of 180.
BEGIN {
    FS = "\t"
    rows = 0
    total = 0
    print "/* Generated from datasets/borders-50m.tsv by src/borders_table.awk: do not edit. */"
    print "#include \"metaclust/basemap.h\""
    print ""
    print "static const int16_t pts[] = {"
}
{ sub(/\r$/, "") }
NR == 1 {
    if ($1 != "code" || $2 != "polygon" || $3 != "ring" || $4 != "points") {
        print FILENAME ": expected the columns code, polygon, ring, points" > "/dev/stderr"
        bad = 1
        exit 1
    }
    next
}
/^$/ { next }
{
    if (NF != 4 || $1 !~ /^[A-Z][A-Z]$/ || $2 !~ /^[0-9]+$/ || $3 !~ /^[0-9]+$/ ||
        (prev != "" && $1 < prev)) {
        print FILENAME ":" NR ": bad code, polygon or ring (or not sorted by code)" > "/dev/stderr"
        bad = 1
        exit 1
    }
    prev = $1
    k = split($4, p, " ")
    if (k < 3) {
        print FILENAME ":" NR ": a ring needs 3 points or more" > "/dev/stderr"
        bad = 1
        exit 1
    }
    x = 0
    y = 0
    line = "   "
    for (i = 1; i <= k; i++) {
        if (p[i] !~ /^-?[0-9]+,-?[0-9]+$/) {
            print FILENAME ":" NR ": bad point '" p[i] "'" > "/dev/stderr"
            bad = 1
            exit 1
        }
        split(p[i], c, ",")
        x = (i == 1 ? 0 : x) + c[1]
        y = (i == 1 ? 0 : y) + c[2]
        if (x < -18000 || x > 20000 || y < -9000 || y > 9000) {
            print FILENAME ":" NR ": point " i " outside -180..200, -90..90" > "/dev/stderr"
            bad = 1
            exit 1
        }
        line = line " " x "," y ","
        if (length(line) > 90) {
            print line
            line = "   "
        }
    }
    if (line != "   ") {
        print line
    }
    ring[rows] = sprintf("    {\"%s\", %d, %d, %d, %d},", $1, $2, $3, total, k)
    total += k
    rows++
}
END {
    if (bad || rows == 0) {
        exit 1
    }
    print "};"
    print ""
    print "static const struct mc_border_ring rings[] = {"
    for (i = 0; i < rows; i++) {
        print ring[i]
    }
    print "};"
    print ""
    print "const struct mc_border_ring *mc_borders_builtin(size_t *n, const int16_t **points) {"
    print "    *n = sizeof rings / sizeof rings[0];"
    print "    *points = pts;"
    print "    return rings;"
    print "}"
}
