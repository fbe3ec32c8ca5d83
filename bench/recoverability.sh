#!/bin/sh
# Recoverability of planted meta-clusters: generates landscapes (sizes x seeds x noise levels)
# with ./metaclust generate and runs bench/recoverability.py (Leiden per sector view, communities
# above 25 split, best Jaccard per planted group) on them. Prints one line per (noise, size):
# planted groups, share with Jaccard >= 0.8, and the same among proposals meeting the constraints.
#   sh bench/recoverability.sh [SIZES] [SEEDS] [NOISES]
# Needs /usr/bin/python3 with python3-igraph. Defaults: "200 500 2000 5000" "1 2 3" "0 0.15 0.3 0.5".
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin="$top/metaclust"
sizes=${1:-"200 500 2000 5000"}
seeds=${2:-"1 2 3"}
noises=${3:-"0 0.15 0.3 0.5"}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mcrecov.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
printf '%-6s %-6s %8s %10s %10s\n' noise size planted recovered valid
for x in $noises; do
    for n in $sizes; do
        dirs=""
        for s in $seeds; do
            d="$tmp/n$n-s$s-x$x"
            "$bin" generate -o "$d" --clusters "$n" --seed "$s" --noise "$x" --quiet
            dirs="$dirs $d"
        done
        # shellcheck disable=SC2086
        /usr/bin/python3 "$top/bench/recoverability.py" $dirs --runs 3 | tail -1 |
            sed -n 's/^total: \([0-9]*\) planted, [0-9]* recovered (\([0-9.]*%\)), [0-9]* valid (\([0-9.]*%\))$/\1 \2 \3/p' |
            while read -r p r v; do printf '%-6s %-6s %8s %10s %10s\n' "$x" "$n" "$p" "$r" "$v"; done
        rm -rf $dirs
    done
done
