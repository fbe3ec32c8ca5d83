# Shared helpers for the end-to-end tests; sourced by tests/cli/t*.sh.
# Every check prints what it expected and what it got, and exits non-zero.
set -u
T=$(mktemp -d "${TMPDIR:-/tmp}/mccli.XXXXXX")
trap 'rm -rf "$T"' EXIT
DATA="$MC_TESTS/data"
SHARED="$MC_SHARED"
H2020="$SHARED/datasets/h2020"
# PDFs are dated SOURCE_DATE_EPOCH, else now: pin it so that two runs compare equal
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-946684800}"

# mc ARGS...: the binary, under valgrind when MC_VALGRIND=1.
mc() {
    if [ "${MC_VALGRIND:-0}" = 1 ]; then
        valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
            --show-leak-kinds=definite --suppressions="$MC_TESTS/valgrind.supp" "$METACLUST" "$@"
    else
        "$METACLUST" "$@"
    fi
}

# run ARGS...: runs metaclust, keeping stdout in $T/out, stderr in $T/err, status in RC.
run() {
    mc "$@" >"$T/out" 2>"$T/err"
    RC=$?
    if [ "$RC" = 99 ]; then
        echo "valgrind reported errors for: metaclust $*"
        cat "$T/err"
        exit 1
    fi
}

# rerun ARGS...: as run, never under valgrind: for a second run that checks that the output is
# byte-identical (determinism is about bytes, not memory; the first run was checked).
rerun() {
    "$METACLUST" "$@" >"$T/out" 2>"$T/err"
    RC=$?
}

fail() {
    echo "FAIL: $*"
    exit 1
}

expect_rc() {
    [ "$RC" = "$1" ] || { echo "stderr:"; cat "$T/err"; fail "exit status $RC, expected $1"; }
}

# expect_err "exact line": stderr is exactly this one line.
expect_err() {
    got=$(cat "$T/err")
    [ "$got" = "$1" ] || fail "stderr
  got: $got
 want: $1"
}

expect_err_contains() {
    grep -qF -- "$1" "$T/err" || { cat "$T/err"; fail "stderr lacks: $1"; }
}

expect_out_contains() {
    grep -qF -- "$1" "$T/out" || { head -40 "$T/out"; fail "stdout lacks: $1"; }
}

expect_no_stderr() {
    [ ! -s "$T/err" ] || { cat "$T/err"; fail "unexpected stderr"; }
}

# json_get FILE KEY: a top-level scalar of a JSON object written with indent 2.
json_get() {
    sed -n "s/^  \"$2\": \\(.*\\)$/\\1/p" "$1" | sed 's/,$//' | head -1
}

need_shared() {
    if [ ! -f "$H2020/nodes.csv" ]; then
        echo "skip: ../shared/datasets/h2020 not found (set MC_SHARED)"
        exit 0
    fi
}

# heavy: true when this run is under valgrind, where big inputs are skipped.
heavy() {
    [ "${MC_VALGRIND:-0}" = 1 ]
}
