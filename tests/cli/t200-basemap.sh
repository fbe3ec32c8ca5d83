# render --layout geo draws a base map: Natural Earth borders under the network, credited in the
# caption; in LAEA (EPSG:3035) for European data; the land colours (#EFEBE3, the data's
# countries #E3DCCD) and the sea fill the plot; two runs are byte-identical. Other layouts draw
# no map.
. "$MC_TESTS/cli/lib.sh"
CE="$MC_TOP/datasets/central-europe"
PY=/usr/bin/python3

run render "$CE" --layout geo -o "$T/geo.pdf"
expect_rc 0
expect_err_contains "(pdf, geo layout, "
rerun render "$CE" --layout geo -o "$T/geo2.pdf" --quiet
cmp -s "$T/geo.pdf" "$T/geo2.pdf" || fail "geo PDF differs between two runs"
run render "$CE" --layout geo -o "$T/geo.png" --quiet
expect_rc 0
rerun render "$CE" --layout geo -o "$T/geo2.png" --quiet
cmp -s "$T/geo.png" "$T/geo2.png" || fail "geo PNG differs between two runs"
run render "$CE" --layout fr -o "$T/fr.png" --quiet
expect_rc 0

if command -v pdftotext >/dev/null; then
    pdftotext -enc UTF-8 "$T/geo.pdf" - | tr '\n' ' ' >"$T/geo.txt"
    for want in "Borders: Natural Earth" "Lambert azimuthal equal-area (EPSG:3035)" \
        "Ties between countries: the 150 strongest of"; do
        grep -qF "$want" "$T/geo.txt" || fail "geo PDF lacks '$want': $(cat "$T/geo.txt")"
    done
else
    echo "skip: pdftotext not installed (make test-deps)"
fi

# per mille of the pixels in exactly the land, the tinted land and the sea colour
colours() {
    "$PY" - "$1" <<'PYEOF'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
assert depth == 8 and ctype in (2, 6), "unexpected PNG format"
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
prev, rows, i = bytearray(stride), [], 0
for _ in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line))
    prev = line
count = {(0xEF, 0xEB, 0xE3): 0, (0xE3, 0xDC, 0xCD): 0, (0xD9, 0xE6, 0xEF): 0}
for line in rows:
    for x in range(0, stride, bpp):
        k = tuple(line[x:x + 3])
        if k in count:
            count[k] += 1
print(" ".join("%d" % (1000 * v // (w * h)) for v in count.values()))
PYEOF
}
set -- $(colours "$T/geo.png")
[ "$1" -ge 20 ] || fail "geo PNG: land colour on only $1 per mille of the pixels"
[ "$2" -ge 30 ] || fail "geo PNG: the data's countries tinted on only $2 per mille of the pixels"
[ "$3" -ge 20 ] || fail "geo PNG: sea colour on only $3 per mille of the pixels"
# one city's nodes: a map of their surroundings, not a plain of land (the country tinted, its
# neighbours not, and sea within reach)
mkdir -p "$T/city"
printf 'id,name,country,lat,lon\na,Alpha,CZ,50.08,14.43\nb,Beta,CZ,50.08,14.43\n' >"$T/city/nodes.csv"
printf 'source,target,weight\na,b,1\n' >"$T/city/edges.csv"
run render "$T/city" --layout geo -o "$T/city.png"
expect_rc 0
set -- $(colours "$T/city.png")
[ "$1" -ge 100 ] && [ "$2" -ge 100 ] || fail "one city: land $1, tinted $2 per mille"

set -- $(colours "$T/fr.png")
[ "$1$2$3" = 000 ] || fail "fr layout draws a map: land $1, tinted $2, sea $3 per mille"
exit 0
