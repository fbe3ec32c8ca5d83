# The bad-input corpus, tests/bad/NNN-name/: every case must fail with its
# exact one-line message and exit code, leave no output file, temporary file
# or standard output behind, and (under MC_VALGRIND) leak nothing.
#
# A case directory holds the input files, copied into a scratch directory
# (@CASE@ below) before the run, and these files, which are not copied:
#   args      the command line after `metaclust`; @CASE@ is the scratch copy;
#             sh quoting applies ('' is an empty argument)
#   expected  the exact standard error, one line; @CASE@ as in args
#   status    the exit code
#   prepare   optional sh script run in the copy first, to generate big or
#             special inputs; exit 77 (printing why) skips the case
#   stdout    optional: where standard output goes instead of a scratch file
#   ulimit    optional: arguments for `ulimit` in the shell that runs it
# MC_BAD_RECORD=1 writes `expected` and `status` for cases that lack them
# (review them before committing); MC_BAD_ONLY=PATTERN runs matching cases.
. "$MC_TESTS/cli/lib.sh"

BAD="$MC_TESTS/bad"
checked=0
skipped=0
mkdir "$T/cases"
for src in "$BAD"/*/; do
    src=${src%/}
    name=$(basename "$src")
    case "$name" in *${MC_BAD_ONLY:-}*) ;; *) continue ;; esac
    dir="$T/cases/$name"
    mkdir "$dir"
    for f in "$src"/* "$src"/.[!.]*; do
        [ -e "$f" ] || continue
        case "$(basename "$f")" in
        args | expected | status | prepare | stdout | ulimit) ;;
        *) cp -R "$f" "$dir/" ;;
        esac
    done
    if [ -f "$src/prepare" ]; then
        (cd "$dir" && sh "$src/prepare") >"$T/prepare.out" 2>&1
        prc=$?
        if [ $prc = 77 ]; then
            echo "skip: $name: $(head -1 "$T/prepare.out")"
            skipped=$((skipped + 1))
            continue
        fi
        [ $prc = 0 ] || { cat "$T/prepare.out"; fail "$name: prepare failed ($prc)"; }
    fi
    (cd "$dir" && find . | sort) >"$T/before"
    args=$(sed "s|@CASE@|$dir|g" "$src/args")
    out="$T/out"
    [ -f "$src/stdout" ] && out=$(cat "$src/stdout")
    limit=""
    [ -f "$src/ulimit" ] && limit="ulimit $(cat "$src/ulimit");"
    : >"$T/out"
    (eval "$limit mc $args") >"$out" 2>"$T/err"
    RC=$?
    if [ "$RC" = 99 ]; then
        cat "$T/err"
        fail "$name: valgrind reported errors"
    fi
    if [ "${MC_BAD_RECORD:-0}" = 1 ] && [ ! -f "$src/expected" ]; then
        sed "s|$dir|@CASE@|g" "$T/err" >"$src/expected"
        echo "$RC" >"$src/status"
        echo "recorded: $name: $RC $(cat "$src/expected")"
    fi
    [ -f "$src/expected" ] || fail "$name: no expected file (MC_BAD_RECORD=1 writes one)"
    want=$(sed "s|@CASE@|$dir|g" "$src/expected")
    got=$(cat "$T/err")
    [ "$got" = "$want" ] || fail "$name: stderr
  got: $got
 want: $want"
    [ "$(wc -l <"$T/err")" = 1 ] || fail "$name: stderr is not one line"
    [ "$RC" = "$(cat "$src/status")" ] || fail "$name: exit status $RC, expected $(cat "$src/status")"
    [ ! -s "$T/out" ] || fail "$name: output on stdout: $(head -c 200 "$T/out")"
    (cd "$dir" && find . | sort) >"$T/after"
    cmp -s "$T/before" "$T/after" || fail "$name: files left behind:
$(diff "$T/before" "$T/after")"
    checked=$((checked + 1))
done
[ $checked -gt 0 ] || fail "no case ran"
echo "bad inputs: $checked cases checked, $skipped skipped"
exit 0
