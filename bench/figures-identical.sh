#!/bin/sh
# Proves that two metaclust binaries draw byte-identical figures for the same
# input and seed (issue 13: figures and batch units moved into the library).
#
#   sh bench/figures-identical.sh OLD_BINARY NEW_BINARY [SHARED]
#
# e.g. git clone /work/main /tmp/base && make -C /tmp/base -j2
#      sh bench/figures-identical.sh /tmp/base/metaclust ./metaclust ../shared
#
# Draws every kind of figure (network in three formats, colours, sizes and
# layouts; the meta-cluster map from communities and from proposals; one
# proposal) and runs `batch` on the bundled datasets, with both binaries, then
# compares every output byte for byte. unit.json is compared without its
# timings (seconds); summary.csv, report.md and index.html hold timings and
# are compared with the seconds masked. Prints one line per file that
# differs and exits 1 when any does. PNG_BY_CONTENT=1 compares PNGs by their
# chunks and inflated image data rather than bytes (for a binary from before
# the libpng encoder, which splits IDAT chunks differently).
set -u
OLD=${1:?usage: figures-identical.sh OLD_BINARY NEW_BINARY [SHARED]}
NEW=${2:?usage: figures-identical.sh OLD_BINARY NEW_BINARY [SHARED]}
SHARED=${3:-../shared}
TOP=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/mc-figid.XXXXXX")
[ -n "${KEEP:-}" ] && echo "figures-identical: outputs kept in $W" || trap 'rm -rf "$W"' EXIT
export SOURCE_DATE_EPOCH=1700000000

CE="$TOP/datasets/central-europe"
SP="$TOP/datasets/seed-projects"
RD="$TOP/tests/data/render"
H2="$SHARED/datasets/h2020"

# one line per figure: NAME ARGS... (the output file goes last)
cases() {
    cat <<EOF
ce-net.png $CE --seed 3
ce-net.svg $CE --seed 3
ce-net.pdf $CE --seed 3
ce-country.png $CE --color country --size strength --layout fr --seed 1
ce-sector.svg $CE --color sector --size degree --layout kk --seed 2
ce-geo.png $CE --layout geo --size betweenness --seed 5
ce-ctry.png $CE --layout country --color country --labels top:5 --seed 4
ce-meta.png $CE --meta --seed 7
ce-meta-sector.svg $CE --meta --sector ict --seed 7
sp-net.png $SP --seed 1 --color none --size none --labels all
rd-meta-prop.png $RD --meta --proposals $RD/proposals
rd-meta-ict.svg $RD --sector ict --meta --proposals $RD/proposals
rd-prop.pdf $RD --proposal automotive-01 --proposals $RD/proposals
rd-prop.png $RD --proposal automotive-01 --proposals $RD/proposals --layout geo
EOF
    if [ -d "$H2" ]; then
        echo "h2-leit.png $H2 --sector LEIT --color country --seed 1"
        echo "h2-leit-meta.png $H2 --sector LEIT --meta --seed 1"
    fi
}

draw() { # BIN OUTDIR
    mkdir -p "$2"
    cases | while read -r name args; do
        # shellcheck disable=SC2086
        "$1" render $args -o "$2/$name" --quiet || echo "render $name failed ($1)" >&2
    done
    "$1" propose "$CE" --all-sectors --runs 3 --seed 2 -o "$2/prop" --quiet
    first=$(sed -n '2s/^[^,]*,[^,]*,\([^,]*\),.*/\1/p' "$2/prop/proposals.csv")
    "$1" render "$CE" --proposal "$first" --proposals "$2/prop" -o "$2/ce-prop.svg" --quiet
    "$1" render "$CE" --meta --proposals "$2/prop" -o "$2/ce-meta-prop.png" --quiet
    "$1" batch "$CE" -o "$2/batch-ce" --formats png,svg,pdf --runs 3 --seed 1 -j 2 --quiet
    "$1" batch "$SP" -o "$2/batch-sp" --sectors none --runs 3 --quiet
}

draw "$OLD" "$W/old" 2>"$W/old.err"
draw "$NEW" "$W/new" 2>"$W/new.err"

mask() { # timings out of reports and records
    case "$1" in
    */unit.json)
        /usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); r.pop("seconds",None); r.pop("timings",None); print(json.dumps(r,sort_keys=True))' "$1"
        ;;
    */summary.csv) sed 's/,[0-9.]*,\(ok\|failed\|skipped\),/,S,\1,/' "$1" ;;
    */report.md) sed 's/| [0-9.]* | ok/| S | ok/' "$1" ;;
    */index.html) sed 's/([0-9.]* s)/(S s)/g' "$1" ;;
    *.png)
        # PNG_BY_CONTENT=1: the chunks but IDAT, and the inflated image data
        # (filtered rows), so that two encoders that split IDAT differently
        # compare equal when they store the same pixels with the same filters
        if [ "${PNG_BY_CONTENT:-0}" = 1 ]; then
            /usr/bin/python3 -c '
import struct, sys, zlib
d = open(sys.argv[1], "rb").read(); i = 8; idat = b""; out = [d[:8]]
while i < len(d):
    n, = struct.unpack(">I", d[i:i + 4]); t = d[i + 4:i + 8]; body = d[i + 8:i + 8 + n]; i += 12 + n
    if t == b"IDAT":
        idat += body
    else:
        out.append(t + body)
out.append(zlib.decompress(idat))
sys.stdout.buffer.write(b"".join(out))' "$1"
        else
            cat "$1"
        fi
        ;;
    *) cat "$1" ;;
    esac
}

n=0
bad=0
for f in $(cd "$W/old" && find . -type f | sort); do
    n=$((n + 1))
    if [ ! -f "$W/new/$f" ]; then
        echo "missing in new: $f"
        bad=$((bad + 1))
    elif [ "$(mask "$W/old/$f" | md5sum)" != "$(mask "$W/new/$f" | md5sum)" ]; then
        echo "differs: $f"
        bad=$((bad + 1))
    fi
done
extra=$(cd "$W/new" && find . -type f | sort | while read -r f; do [ -f "$W/old/$f" ] || echo "$f"; done)
[ -z "$extra" ] || { echo "only in new: $extra"; bad=$((bad + 1)); }
if ! cmp -s "$W/old.err" "$W/new.err"; then
    echo "stderr differs:"
    diff "$W/old.err" "$W/new.err" | head -20
    bad=$((bad + 1))
fi
echo "figures-identical: $n files compared, $bad differ"
[ "$bad" -eq 0 ]
