#!/bin/sh
# Runs the end-to-end tests tests/cli/t*.sh against the real binary.
#   METACLUST   the binary (required)
#   MC_SHARED   ../shared (tests needing it skip with a message when absent)
#   MC_VALGRIND 1: run every metaclust invocation under valgrind memcheck
#   MC_ONLY     a pattern: run only the scripts whose name matches
#   MC_JOBS     run the scripts in this many processes at once (default 1); each takes every
#               MC_JOBS-th script, and their reports are printed in turn
#   MC_SHARD    I/N: run only the scripts whose position modulo N is I (set by MC_JOBS)
set -u
: "${METACLUST:?set METACLUST to the metaclust binary}"
here=$(cd "$(dirname "$0")" && pwd)
export METACLUST MC_TESTS="$here" MC_TOP="$(cd "$here/.." && pwd)"
export MC_SHARED="${MC_SHARED:-$MC_TOP/../shared}"
jobs=${MC_JOBS:-1}
if [ "$jobs" -gt 1 ] && [ -z "${MC_SHARD:-}" ]; then
    out=$(mktemp -d "${TMPDIR:-/tmp}/mcshard.XXXXXX")
    i=0
    while [ "$i" -lt "$jobs" ]; do
        MC_SHARD="$i/$jobs" sh "$0" >"$out/$i" 2>&1 &
        eval "pid_$i=\$!"
        i=$((i + 1))
    done
    rc=0 i=0 pass=0 failed=0 skipped=0
    while [ "$i" -lt "$jobs" ]; do
        eval "wait \$pid_$i" || rc=1
        grep -v '^cli: ' "$out/$i"
        set -- $(sed -n 's/^cli: \([0-9]*\) passed (\([0-9]*\) with skips), \([0-9]*\) failed$/\1 \2 \3/p' "$out/$i")
        [ $# = 3 ] || { rc=1; set -- 0 0 1; }
        pass=$((pass + $1)) skipped=$((skipped + $2)) failed=$((failed + $3))
        i=$((i + 1))
    done
    rm -rf "$out"
    echo "cli: $pass passed ($skipped with skips), $failed failed ($jobs processes)"
    exit $rc
fi
shard=${MC_SHARD:-0/1}
pass=0 failed="" skipped=0 k=0
for t in "$here"/cli/t*.sh; do
    name=$(basename "$t" .sh)
    case "$name" in *${MC_ONLY:-}*) ;; *) continue ;; esac
    k=$((k + 1))
    [ $((k % ${shard#*/})) = "${shard%/*}" ] || continue
    out=$(sh "$t" 2>&1)
    rc=$?
    if [ $rc -eq 0 ]; then
        pass=$((pass + 1))
        echo "ok   $name$(echo "$out" | grep '^skip:' | head -1 | sed 's/^/  (/; s/$/)/')"
        if echo "$out" | grep -q '^skip:'; then skipped=$((skipped + 1)); fi
    else
        failed="$failed $name"
        echo "FAIL $name"
        echo "$out" | sed 's/^/     /' | tail -40
    fi
done
echo "cli: $pass passed ($skipped with skips), $(echo $failed | wc -w) failed"
[ -z "$failed" ]
