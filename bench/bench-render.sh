#!/bin/sh
# Render bench: `metaclust render` (layout + drawing + PNG) against the
# layout + render phase of the python-igraph peer
# (../shared/peers/pipeline_igraph.py), side by side in one run.
#
#   bench/bench-render.sh [SECTOR...]          default: LEIT (13,745 nodes, 207,296 edges)
#   RUNS=3 (runs per measurement)  SHARED=../shared  METACLUST=./metaclust
#
# metaclust is timed as a whole process with hyperfine (loading the data,
# building the sector graph, one Leiden run and PageRank for the default
# colours and sizes, the auto layout of every component with packing,
# drawing every edge and node, labels, legend, writing the PNG; also without
# the analysis: --color country --size strength); the peer's
# figure is its own "layout+render" timing (Fruchterman-Reingold of the
# largest component only, igraph.plot to PNG), read from its stderr, so the
# peer's load, projection and analysis are not counted against it.
# Also times SVG and PDF output and the country layout of metaclust.
set -eu
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
METACLUST=${METACLUST:-./metaclust}
RUNS=${RUNS:-3}
PY=/usr/bin/python3
DATASET=$SHARED/datasets/h2020
PEER=$SHARED/peers/pipeline_igraph.py
[ -f "$DATASET/nodes.csv" ] || { echo "bench: $DATASET not found (set SHARED)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "bench: hyperfine is not installed" >&2; exit 2; }
$PY -c 'import igraph, cairo' 2>/dev/null ||
    { echo "bench: python3-igraph and python3-cairo are needed for the peer" >&2; exit 2; }
[ -x "$METACLUST" ] || make --no-print-directory >&2
out=bench/out
mkdir -p "$out"
[ $# -gt 0 ] || set -- LEIT

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

mc_time() { # ARGS...: median seconds of a metaclust run
    hyperfine -N --style none --warmup 1 --runs "$RUNS" --export-json "$out/render.json" \
        "$*" >/dev/null 2>&1
    $PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' \
        "$out/render.json"
}

echo "metaclust $($METACLUST version | sed 's/^metaclust //'), python-igraph $($PY -c 'import igraph; print(igraph.__version__)'), $(nproc) cores, $RUNS runs, medians"
printf '%-8s %7s %8s  %-34s %8s\n' sector nodes edges figure seconds
for sector in "$@"; do
    n=$($METACLUST info "$DATASET" --sector "$sector" --json --quiet |
        $PY -c 'import json,sys; d=json.load(sys.stdin); print(d["nodes"], d["edges"])')
    set -- $n
    nodes=$1 edges=$2
    peer=$(for r in $(seq "$RUNS"); do
        $PY "$PEER" "$DATASET" "$sector" "$out/peer" 2>&1 |
            sed -n 's/.*layout+render=\([0-9.]*\)s.*/\1/p'
    done | median)
    row() { printf '%-8s %7s %8s  %-34s %8.2f\n' "$sector" "$nodes" "$edges" "$1" "$2"; }
    row "peer: FR of largest comp. + plot" "$peer"
    png=$(mc_time "$METACLUST render $DATASET --sector $sector -o $out/$sector.png --quiet")
    row "metaclust PNG (whole process)" "$png"
    row "  same, country colours, strength" \
        "$(mc_time "$METACLUST render $DATASET --sector $sector --color country --size strength -o $out/$sector-s.png --quiet")"
    row "metaclust SVG (whole process)" \
        "$(mc_time "$METACLUST render $DATASET --sector $sector -o $out/$sector.svg --quiet")"
    row "metaclust PDF (whole process)" \
        "$(mc_time "$METACLUST render $DATASET --sector $sector -o $out/$sector.pdf --quiet")"
    row "metaclust PNG, --layout country" \
        "$(mc_time "$METACLUST render $DATASET --sector $sector --layout country -o $out/$sector-c.png --quiet")"
    echo "$peer $png" | awk -v s="$sector" '{printf "%s: metaclust PNG is %.1fx faster than the peer'"'"'s layout+render\n", s, $1 / $2}'
done
