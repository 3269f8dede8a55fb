#!/bin/sh
# analyze_badinput.sh HADATH: the command's contract on bad input, end to end.
# Each case must end with a clear message naming the input and position, the
# right exit code, and every good record still written. No case may crash
# (a crash is an exit status above 128, or a sanitizer report).
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0 passes=0

ok()   { passes=$((passes + 1)); }
bad()  { echo "FAIL: $*"; fails=$((fails + 1)); }

# run NAME EXPECTED_EXIT ARGS...: runs analyze, keeps stdout/stderr.
run() {
  name=$1 want=$2; shift 2
  "$bin" analyze "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
  got=$?
  if [ "$got" -ne "$want" ]; then
    bad "$name: exit $got, expected $want; stderr: $(head -c 300 "$tmp/$name.err")"
    return 1
  fi
  ok
}
# has NAME FILE(out|err) TEXT: the stream contains TEXT.
has() {
  if grep -q -- "$3" "$tmp/$1.$2"; then ok; else bad "$1: $2 lacks '$3'"; fi
}
lines() { # NAME N: stdout has N lines (documents)
  n=$(wc -l <"$tmp/$1.out" | tr -d ' ')
  if [ "$n" -eq "$2" ]; then ok; else bad "$1: $n output lines, expected $2"; fi
}

good1='{"id":"a1","date":"2018-02-17","title":"عنوان","text":"قتل ثلاثة أشخاص في هجوم."}'
good2='{"id":"a2","date":"2018-02-18","title":"عنوان آخر","text":"تظاهر المئات في بغداد."}'

# 1. invalid UTF-8 in a plain file: decoded as U+FFFD, counted, exit 0
printf 'عنوان\n\nقتل \377\376 شخص في الرقة.\n' >"$tmp/inv.txt"
run invalid_utf8 0 "$tmp/inv.txt" && has invalid_utf8 out '"invalid_utf8":2'

# 2. NUL bytes inside a plain file: no crash, text still read
printf 'عنوان\n\nقتل\000شخص في الرقة.\n' >"$tmp/nul.txt"
run nul_bytes 0 "$tmp/nul.txt" && has nul_bytes out 'الرقة'

# 3. an empty file: one empty document, exit 0
: >"$tmp/empty.txt"
run empty 0 "$tmp/empty.txt" && lines empty 1

# 4. a 50 MB line without a newline, as JSONL: one document
{
  printf '{"id":"big","title":"t","text":"'
  head -c 50000000 /dev/zero | tr '\0' 'x'
  printf '"}'
} >"$tmp/big.jsonl"
run long_line 0 --from jsonl "$tmp/big.jsonl" && lines long_line 1

# 5. binary garbage: reported as not text, exit 1
head -c 20000 /dev/urandom >"$tmp/garbage.bin"
run garbage 1 "$tmp/garbage.bin" && has garbage err 'garbage.bin'

# 6. a truncated JSONL line between two good ones: both good ones written
{ echo "$good1"; echo '{"id":"cut","text":"قتل'; echo "$good2"; } >"$tmp/trunc.jsonl"
run truncated 1 "$tmp/trunc.jsonl" && lines truncated 2 && has truncated err 'trunc.jsonl:2:'

# 7. a JSON line whose fields have the wrong types
{ echo "$good1"; echo '{"id":"w","title":{"x":1},"text":42}'; echo "$good2"; } >"$tmp/types.jsonl"
run wrong_types 1 "$tmp/types.jsonl" && lines wrong_types 2 && has wrong_types err 'types.jsonl:2:'

# 8. a missing file among good ones: reported, the rest processed, exit 1
printf '%s\n' "$good1" >"$tmp/one.jsonl"
run missing 1 "$tmp/nope.txt" "$tmp/one.jsonl" && lines missing 1 && has missing err 'nope.txt'

# 9. --strict stops at the first bad record
run strict 1 --strict "$tmp/trunc.jsonl" && lines strict 1

# 10. usage errors exit 2
run bad_date 2 --date 2017-13-45 "$tmp/one.jsonl"
run bad_from 2 --from nonsense "$tmp/one.jsonl"

# 11. stdin and /dev/null
"$bin" analyze - <"$tmp/one.jsonl" >"$tmp/stdin.out" 2>"$tmp/stdin.err"
if [ $? -eq 0 ] && [ "$(wc -l <"$tmp/stdin.out" | tr -d ' ')" -eq 1 ]; then ok; else bad "stdin"; fi
run devnull 0 /dev/null

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
