#!/bin/sh
# Batch over h2020 sectors, side by side with the python-igraph peer run over the same
# sectors one after another (issues 7 and 19), in one run:
#   for each sector: pipeline_igraph.py H2020 SECTOR OUT   (Leiden once, FR layout, PNG)
#   metaclust batch H2020 -o OUT -j 2 --runs 1 --formats png --sectors ...
#   metaclust batch H2020 -o OUT -j 2 --formats png --sectors ...   (the default: at most 10
#                                                                    runs, adaptive)
# Wall time and CPU time (user + system, the children included) of each, since the machine
# may have other work running. Usage:
#   bench/bench-batch.sh [METACLUST]                      all 17 sectors
#   SECTORS=SC1,SC2,SC3,SC4,SC5,SC6,SC7,LEIT bench/bench-batch.sh [METACLUST]
set -eu
MC=${1:-./metaclust}
SHARED=${SHARED:-../shared}
H2020=$SHARED/datasets/h2020
PEER=$SHARED/peers/pipeline_igraph.py
[ -f "$H2020/sectors.csv" ] || { echo "skipped: $H2020 not found"; exit 0; }
# the peer draws its PNG through pycairo; without it it fails at the end and looks fast
/usr/bin/python3 -c 'import igraph, cairo' 2>/dev/null || {
    echo "skipped: the peer needs apt-get install python3-igraph python3-cairo"
    exit 0
}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

if [ -n "${SECTORS:-}" ]; then
    echo "$SECTORS" | tr , '\n' >"$W/sectors"
    which="$SECTORS"
else
    tail -n +2 "$H2020/sectors.csv" | cut -d, -f1 >"$W/sectors"
    which=each
fi
n=$(wc -l <"$W/sectors")

# timed LABEL CMD...: wall, user and system seconds of CMD into $W/LABEL
timed() {
    label=$1
    shift
    /usr/bin/time -f "%e %U %S" -o "$W/time-$label" "$@"
}
timed peer sh -c 'while IFS= read -r s; do
    /usr/bin/python3 "$1" "$2" "$s" "$3/peer/$s" 2>/dev/null
done <"$4"' sh "$PEER" "$H2020" "$W" "$W/sectors"
timed one "$MC" batch "$H2020" -o "$W/mc1" -j 2 --runs 1 --formats png --sectors "$which" --quiet
timed def "$MC" batch "$H2020" -o "$W/mc10" -j 2 --formats png --sectors "$which" --quiet
awk -v n="$n" '
    FILENAME ~ /peer$/ { pw = $1; pc = $2 + $3 }
    FILENAME ~ /one$/ { ow = $1; oc = $2 + $3 }
    FILENAME ~ /def$/ { dw = $1; dc = $2 + $3 }
    END {
        printf "%d sectors                                   wall      CPU   wall ratio  CPU ratio\n", n
        printf "python-igraph peer, one sector after another: %6.2f s %6.2f s\n", pw, pc
        printf "metaclust batch -j 2 --runs 1 --formats png:  %6.2f s %6.2f s  %5.1fx     %5.1fx\n", ow, oc, pw / ow, pc / oc
        printf "metaclust batch -j 2 (default, --runs 10):    %6.2f s %6.2f s  %5.1fx     %5.1fx\n", dw, dc, pw / dw, pc / dc
    }' "$W/time-peer" "$W/time-one" "$W/time-def"
printf "units ok: %s of %s (--runs 1), %s of %s (default); runs made by the default: %s\n" \
    "$(grep -c ',ok,$' "$W/mc1/summary.csv")" "$n" "$(grep -c ',ok,$' "$W/mc10/summary.csv")" "$n" \
    "$(cat "$W"/mc10/*/unit.json | sed -n 's/^  "runs_made": \([0-9]*\),$/\1/p' | tr '\n' ' ')"
printf "load average at the end: %s\n" "$(cut -d' ' -f1-3 /proc/loadavg)"
