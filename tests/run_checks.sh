#!/usr/bin/env bash
# make test: runs each check named on the command line, in order, as `make CHECK`. Each check's
# output is shown as it runs and kept in target/checks/CHECK.log. The first check that fails
# stops the run, and the last lines on the screen name it, its status, and the end of its
# output, where its reason is; a run that passes ends with each check's time.
#
#   tests/run_checks.sh fmt-check clippy unit-tests ...      (the Makefile's `test` does this)
set -u
cd "$(dirname "$0")/.."

MAKE=${MAKE:-make}
LOGS=target/checks
# Lines of a failed check's output repeated at the end: enough for a compiler error or a
# failed assertion with its values.
TAIL_LINES=30

mkdir -p "$LOGS"
times=()
for check in "$@"; do
    started=$(date +%s)
    echo "== make test: $check"
    "$MAKE" --no-print-directory "$check" 2>&1 | tee "$LOGS/$check.log"
    status=${PIPESTATUS[0]}
    seconds=$(($(date +%s) - started))
    if [ "$status" -ne 0 ]; then
        echo
        echo "make test: FAILED: '$check' ended with status $status after $seconds s; its last lines:"
        tail -n "$TAIL_LINES" "$LOGS/$check.log" | sed 's/^/  | /'
        echo "make test: FAILED: '$check' (all of its output is in $LOGS/$check.log)"
        exit 1
    fi
    times+=("$check ${seconds}s")
done
echo "make test: all checks passed (${times[*]})"
