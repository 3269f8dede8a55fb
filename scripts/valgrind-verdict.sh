#!/bin/sh
# valgrind-verdict.sh LOGDIR CTEST_RC: the verdict of `make check-valgrind`.
#
# LOGDIR holds one valgrind log per traced process; CTEST_RC is what ctest
# exited with. Prints every log with an error or a definite/indirect leak,
# and exits 1 if there is one, if the tests failed, or if there are no logs
# at all (valgrind never ran: nothing was checked, which is not a pass).
# A separate script, not inline make, so the verdict can be tried on logs
# made up for the purpose (a planted error must fail it).
set -u
dir=$1 rc=$2

# The start of each memcheck error report. A process that exits prints an
# ERROR SUMMARY (leaks count there: --errors-for-leak-kinds), but one the
# tests SIGKILL on purpose (store_sigkill, pg_workers_fault) never does; its
# errors, printed as they happen, are still in its log, so look for them too.
errors='^==[0-9]+== (Invalid (read|write|free|size)|Conditional jump|Use of uninitialised|Syscall param|Mismatched free|Source and destination overlap|Argument .* of function|Jump to|[0-9,]+ (\([0-9,]+ direct, [0-9,]+ indirect\) )?bytes in [0-9,]+ blocks are (definitely|indirectly) lost)'

cd "$dir" || { echo "make check-valgrind: no log directory $dir" >&2; exit 1; }
n=$(ls | grep -c '\.log$')
if [ "$n" -eq 0 ]; then
    echo "make check-valgrind: no valgrind logs in $dir: valgrind did not run" >&2
    exit 1
fi
bad=$(grep -a -l -E "ERROR SUMMARY: [1-9]|(definitely|indirectly) lost: [1-9]|$errors" -- *.log)
for f in $bad; do
    echo "== valgrind: $dir/$f"
    grep -a -m1 'Command:' "$f"
    grep -a -m2 -A8 -E "$errors" "$f"
done
if [ -n "$bad" ]; then
    echo "make check-valgrind: valgrind reported errors (above)" >&2
    exit 1
fi
[ "$rc" -eq 0 ] || { echo "make check-valgrind: tests failed under valgrind" >&2; exit 1; }
echo "make check-valgrind: every test passed under valgrind, no errors, no leaks ($n processes checked)"
