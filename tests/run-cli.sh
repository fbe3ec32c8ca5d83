#!/bin/sh
# Runs the end-to-end tests tests/cli/t*.sh against the real binary.
#   METACLUST   the binary (required)
#   MC_SHARED   ../shared (tests needing it skip with a message when absent)
#   MC_VALGRIND 1: run every metaclust invocation under valgrind memcheck
#   MC_ONLY     a pattern: run only the scripts whose name matches
set -u
: "${METACLUST:?set METACLUST to the metaclust binary}"
here=$(cd "$(dirname "$0")" && pwd)
export METACLUST MC_TESTS="$here" MC_TOP="$(cd "$here/.." && pwd)"
export MC_SHARED="${MC_SHARED:-$MC_TOP/../shared}"
pass=0 failed="" skipped=0
for t in "$here"/cli/t*.sh; do
    name=$(basename "$t" .sh)
    case "$name" in *${MC_ONLY:-}*) ;; *) continue ;; esac
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
