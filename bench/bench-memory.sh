#!/bin/sh
# Peak memory is linear in the input (issue 8): `metaclust info` and `metaclust propose`
# on generated landscapes of about 10^4, 10^5 and 10^6 affiliation rows, wall time and
# peak resident memory from GNU time, and the memory per affiliation row.
#   sh bench/bench-memory.sh [METACLUST]        (default ./metaclust)
# Sizes: CLUSTERS:PARTNERS pairs in $SIZES (default "700:4000 7000:40000 110000:650000",
# which generate about 0.6 x 10^4, 0.6 x 10^5 and 10^6 affiliation rows).
set -eu
MC=${1:-./metaclust}
SIZES=${SIZES:-"700:4000 7000:40000 110000:650000"}
W=$(mktemp -d "${TMPDIR:-/tmp}/mcmem.XXXXXX")
trap 'rm -rf "$W"' EXIT

measure() { # measure NAME CMD... -> "wall rss_kb"
    /usr/bin/time -f '%e %M' -o "$W/time" "$@" >/dev/null 2>"$W/err" || {
        echo "failed: $*" >&2
        cat "$W/err" >&2
        exit 1
    }
    cat "$W/time"
}

printf '%-8s %-9s %12s %10s %14s %14s %14s %14s\n' clusters partners affiliations edges \
    "info s" "info MiB" "propose s" "propose MiB"
for r in $SIZES; do
    n=${r%%:*}
    p=${r##*:}
    d="$W/g$n"
    "$MC" generate -o "$d" --clusters "$n" --partners "$p" --quiet
    aff=$(($(wc -l <"$d/affiliations.csv") - 1))
    edges=$(($(wc -l <"$d/edges.csv") - 1))
    set -- $(measure "$MC" info "$d")
    iw=$1 ir=$2
    set -- $(measure "$MC" propose "$d" -o "$W/p$n" --quiet)
    pw=$1 pr=$2
    printf '%-8s %-9s %12s %10s %14s %14s %14s %14s\n' "$n" "$p" "$aff" "$edges" \
        "$iw" "$((ir / 1024))" "$pw" "$((pr / 1024))"
    rm -rf "$d" "$W/p$n"
done
