#!/bin/sh
# Community separation of the auto layout, before and after the community-separated layout
# (issue 15), with the render time side by side.
#
#   bench/separation.sh [SECTOR...]        default: LEIT SC3 of ../shared/datasets/h2020
#   OLD=path/to/old/metaclust (required: the binary before, e.g. main's before the change)
#   NEW=./metaclust  RUNS=3 (render runs per binary)  SHARED=../shared
#
# Separation = mean distance between two nodes of the same community / mean distance between
# any two nodes, over every node of the figure (mc_layout_separation in metaclust/layout.h;
# below 1 when communities sit together, about 1 when they are mixed). The positions are the
# figure's: `export --format vosviewer --runs 1` writes render's auto layout (same seed, the
# same one Leiden run as render's colours) with each node's community as its cluster. Pairs
# are sampled as the library does above 200,000 pairs: 200,000 of each kind, fixed seed.
# Render time: hyperfine, the two binaries' `render --sector S` (PNG, default options) side by
# side, median of RUNS runs after one warm-up.
set -eu
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
NEW=${NEW:-./metaclust}
RUNS=${RUNS:-3}
PY=/usr/bin/python3
DATASET=$SHARED/datasets/h2020
: "${OLD:?set OLD to the metaclust binary before the change}"
[ -f "$DATASET/nodes.csv" ] || { echo "bench: $DATASET not found (set SHARED)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "bench: hyperfine is not installed" >&2; exit 2; }
[ -x "$NEW" ] || make --no-print-directory >&2
out=bench/out/separation
mkdir -p "$out"
[ $# -gt 0 ] || set -- LEIT SC3

ratio() { # JSON: the separation ratio of a VOSviewer map
    $PY - "$1" <<'PYEOF'
import json, math, random, sys
items = json.load(open(sys.argv[1]))["network"]["items"]
x = [it["x"] for it in items]; y = [it["y"] for it in items]; c = [it["cluster"] for it in items]
n = len(items)
members = {}
for v in range(n):
    members.setdefault(c[v], []).append(v)
groups = [m for m in members.values() if len(m) > 1]
weights = [len(m) * (len(m) - 1) for m in groups]
rng = random.Random(15)
d = lambda i, j: math.hypot(x[i] - x[j], y[i] - y[j])
P = 200000
anyd = sum(d(*rng.sample(range(n), 2)) for _ in range(P)) / P
same = sum(d(*rng.sample(g, 2)) for g in rng.choices(groups, weights, k=P)) / P
print("%.3f %d" % (same / anyd, len(groups)))
PYEOF
}

echo "old $($OLD version), new $($NEW version), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %7s  %-22s %10s %12s\n' sector nodes layout separation "render (s)"
for sector in "$@"; do
    nodes=$($NEW info "$DATASET" --sector "$sector" --json --quiet |
        $PY -c 'import json,sys; print(json.load(sys.stdin)["nodes"])')
    hyperfine -N --style none --warmup 1 --runs "$RUNS" --export-json "$out/$sector-time.json" \
        "$OLD render $DATASET --sector $sector -o $out/$sector-old.png --quiet" \
        "$NEW render $DATASET --sector $sector -o $out/$sector-new.png --quiet" >/dev/null 2>&1
    set -- $($PY -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(r[0]["median"], r[1]["median"], r[0]["user"], r[1]["user"])' \
        "$out/$sector-time.json")
    t_old=$1 t_new=$2 u_old=$3 u_new=$4
    for which in old new; do
        bin=$OLD; [ "$which" = new ] && bin=$NEW
        $bin export "$DATASET" --sector "$sector" --format vosviewer --runs 1 \
            -o "$out/$sector-$which.json" --quiet
    done
    r_old=$(ratio "$out/$sector-old.json")
    r_new=$(ratio "$out/$sector-new.json")
    printf '%-6s %7s  %-22s %10s %12s\n' "$sector" "$nodes" "before (multilevel)" \
        "${r_old% *}" "$(printf '%.2f (user %.2f)' "$t_old" "$u_old")"
    printf '%-6s %7s  %-22s %10s %12s\n' "$sector" "$nodes" "after (regions)" \
        "${r_new% *}" "$(printf '%.2f (user %.2f)' "$t_new" "$u_new")"
done
