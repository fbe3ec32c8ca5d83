# render --labels: labels get a fair chance (eight positions, then farther out with a leader
# line); --labels top:15 on central-europe places at least 13 (issue 15), the count is on stderr,
# and the caption says how many were left out.
. "$MC_TESTS/cli/lib.sh"
CE="$MC_TOP/datasets/central-europe"

run render "$CE" --color country --labels top:15 -o "$T/ce.pdf"
expect_rc 0
shown=$(sed -n 's/.*layout, \([0-9]*\) labels.*/\1/p' "$T/err")
[ -n "$shown" ] && [ "$shown" -ge 13 ] || fail "top:15 on central-europe placed '$shown' labels: $(cat "$T/err")"
rerun render "$CE" --color country --labels top:15 -o "$T/ce2.pdf" --quiet
cmp -s "$T/ce.pdf" "$T/ce2.pdf" || fail "label placement differs between two runs"

if command -v pdftotext >/dev/null; then
    pdftotext -enc UTF-8 "$T/ce.pdf" "$T/ce.txt"
    # the most central cluster (by PageRank) is labelled on the figure
    grep -q "Köln Health Cluster" "$T/ce.txt" || fail "top label missing: $(cat "$T/ce.txt")"
    if [ "$shown" -lt 15 ]; then
        grep -q "$((15 - shown)) of 15 labels left out" "$T/ce.txt" || fail "caption lacks the count"
    fi
    # more labels than fit: the caption says how many were left out, as stderr does
    run render "$CE" --labels top:300 -o "$T/many.pdf"
    expect_rc 0
    left=$(sed -n 's/.*labels, \([0-9]*\) left out.*/\1/p' "$T/err")
    [ -n "$left" ] || fail "top:300 left none out: $(cat "$T/err")"
    pdftotext -enc UTF-8 "$T/many.pdf" - | tr '\n' ' ' | grep -q "$left of 300 labels left out" ||
        fail "caption lacks '$left of 300 labels left out'"
else
    echo "skip: pdftotext not installed (make test-deps)"
fi

# the batch figure of the whole dataset labels its most central nodes (auto: 30); a whole batch
# is too slow under valgrind, where t070 checks batch's memory
if ! heavy; then
    run batch "$CE" --sectors none -o "$T/batch" --formats pdf --quiet
    expect_rc 0
    if command -v pdftotext >/dev/null; then
        n=$(pdftotext -enc UTF-8 "$T/batch/all/network.pdf" - | grep -c "Cluster")
        [ "$n" -ge 27 ] || fail "batch all/network.pdf has $n cluster labels, expected 27 or more"
    fi
fi

# --labels none draws none
run render "$MC_TESTS/data/render" --labels none -o "$T/none.png"
expect_rc 0
expect_err_contains ", 0 labels)"
exit 0
