#!/bin/sh
# Speed and memory of `metaclust generate`, and of loading what it wrote (`metaclust info`).
#   sh bench/generate.sh ["CLUSTERS:PARTNERS ..."]    (default "5000:30000 100000:2000000")
# Prints wall time, peak resident memory (GNU time) and the bytes written.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin="$top/metaclust"
runs=${1:-"5000:30000 100000:2000000"}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mcgen.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
measure() {
    /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
    read -r wall rss <"$tmp/time"
    echo "$wall s, $((rss / 1024)) MiB"
}
for r in $runs; do
    n=${r%%:*}
    p=${r##*:}
    d="$tmp/n$n"
    g=$(measure "$bin" generate -o "$d" --clusters "$n" --partners "$p" --quiet)
    size=$(du -sm "$d" | cut -f1)
    edges=$(($(wc -l <"$d/edges.csv") - 1))
    aff=$(($(wc -l <"$d/affiliations.csv") - 1))
    i=$(measure "$bin" info "$d")
    echo "clusters $n, partners $p: generate $g; $edges edges, $aff affiliations, $size MiB written; info $i"
    rm -rf "$d"
done
