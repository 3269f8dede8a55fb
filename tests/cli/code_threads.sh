#!/bin/sh
# code_threads.sh HADATH: --threads changes the speed, never the output.
# On 300 real articles of the ANT corpus (JSONL) and on the plain-text
# sample (one article per file), `hadath code` and `hadath analyze` with 1,
# 2 and 4 threads must write the same bytes, report the same bad records in
# the same order on stderr, and exit alike; --strict must stop at the same
# record, and a reader that goes away early (head) must end hadath the
# same way. The counts are the input's: n articles in, n analyses out.
set -u
bin=$1
shared=${HD_SHARED_DIR:-../shared}
corpus=$shared/corpus/ant-news-ar.jsonl.gz
[ -f "$corpus" ] || { echo "FAIL: no corpus at $corpus (set HD_SHARED_DIR)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the compiled lexicon hadath caches goes here, not into ~/.cache
export XDG_CACHE_HOME="$tmp/cache"
[ "${HADATH_LEXICON:-}" = text ] || unset HADATH_LEXICON
fails=0 passes=0
ok()  { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

# 300 articles; under valgrind (make check-valgrind) 45, which take as long
# there as 300 do here. Two broken records go in after article n/3 and 2n/3.
n=300
case "${LD_PRELOAD:-}" in *vgpreload*) n=45 ;; esac
k=$((n / 3)) k2=$((2 * n / 3))
zcat "$corpus" | head -n $n >"$tmp/a.jsonl"
{
  sed -n "1,${k}p" "$tmp/a.jsonl"
  echo '{"id": "cut", "title": "عنوان", "text": "قتل ثلاثة'
  sed -n "$((k + 1)),${k2}p" "$tmp/a.jsonl"
  echo 'not json at all'
  sed -n "$((k2 + 1)),${n}p" "$tmp/a.jsonl"
} >"$tmp/bad.jsonl"

# same NAME CMD...: runs `hadath CMD` with --threads 1, 2 and 4; the
# stdout, stderr and exit code of each must equal those of --threads 1.
same() {
  name=$1; shift
  for t in 1 2 4; do
    "$bin" "$@" --threads $t >"$tmp/$name.$t.out" 2>"$tmp/$name.$t.err"
    echo $? >"$tmp/$name.$t.rc"
  done
  for t in 2 4; do
    for s in out err rc; do
      if cmp -s "$tmp/$name.1.$s" "$tmp/$name.$t.$s"; then ok; else
        bad "$name: --threads $t $s differs from --threads 1"
      fi
    done
  done
}
rc_is() { # NAME EXPECTED
  got=$(cat "$tmp/$1.1.rc")
  if [ "$got" -eq "$2" ]; then ok; else bad "$1: exit $got, expected $2"; fi
}
lines_are() { # NAME N
  nl=$(wc -l <"$tmp/$1.1.out" | tr -d ' ')
  if [ "$nl" -eq "$2" ]; then ok; else bad "$1: $nl lines, expected $2"; fi
}

# 1. events of n articles, every writer
same code_jsonl code "$tmp/a.jsonl"
rc_is code_jsonl 0
ne=$(wc -l <"$tmp/code_jsonl.1.out" | tr -d ' ')
if [ "$ne" -gt "$n" ]; then ok; else bad "code_jsonl: only $ne events from $n articles"; fi
same code_csv code --to csv "$tmp/a.jsonl"
# one header, first, however the work was split
if [ "$(grep -c '^id,' "$tmp/code_csv.4.out")" -eq 1 ] &&
   head -n 1 "$tmp/code_csv.4.out" | grep -q '^id,'; then ok; else
  bad "code_csv: the header is not written exactly once, first"; fi
same code_table code --to table --date 2018-02-20 "$tmp/a.jsonl"

# 2. analyze: one line per article, in input order
same analyze analyze --no-code "$tmp/a.jsonl"
lines_are analyze $n
grep -o '"id": "[^"]*"' "$tmp/a.jsonl" | sed 's/"id": //' >"$tmp/ids.in"
[ "$(wc -l <"$tmp/ids.in" | tr -d ' ')" -eq "$n" ] || bad "the input ids were not found"
grep -o '^{"doc_id":"[^"]*"' "$tmp/analyze.4.out" | sed 's/^{"doc_id"://' >"$tmp/ids.out"
if cmp -s "$tmp/ids.in" "$tmp/ids.out"; then ok; else
  bad "analyze --threads 4: documents not in input order"; fi

# 3. bad records: reported in place, with file and line, the rest coded
same code_bad code "$tmp/bad.jsonl"
rc_is code_bad 1
if grep -q "bad.jsonl:$((k + 1)):" "$tmp/code_bad.1.err" &&
   grep -q "bad.jsonl:$((k2 + 2)):" "$tmp/code_bad.1.err"; then ok; else
  bad "code_bad: the reports do not name bad.jsonl:$((k + 1)) and :$((k2 + 2))"; fi
if cmp -s "$tmp/code_bad.1.out" "$tmp/code_jsonl.1.out"; then ok; else
  bad "code_bad: the good records' events differ from the clean run"; fi
same analyze_bad analyze --no-code "$tmp/bad.jsonl"
lines_are analyze_bad $n

# 4. --strict stops at the first broken line whatever the thread count
same strict analyze --no-code --strict "$tmp/bad.jsonl"
rc_is strict 1
lines_are strict $k

# 5. plain files, one document each: the sample directory
same plain code "$shared/corpus/trec-sample"
rc_is plain 0

# 6. a reader that goes away early (head): hadath ends as it does with one
# thread, killed by SIGPIPE (141), or, where SIGPIPE is ignored, exit 3
# with "cannot write the output"; the events of 300 articles (800 KB)
# are far more than a pipe holds, so the writes do hit the closed pipe.
for t in 1 2 4; do
  ( "$bin" code --threads $t "$tmp/a.jsonl" 2>"$tmp/pipe.$t.err"
    echo $? >"$tmp/pipe.$t.rc" ) | head -c 100 >"$tmp/pipe.$t.out"
done
for t in 2 4; do
  for s in out err rc; do
    if cmp -s "$tmp/pipe.1.$s" "$tmp/pipe.$t.$s"; then ok; else
      bad "early close: --threads $t $s differs from --threads 1"
    fi
  done
done
case $(cat "$tmp/pipe.1.rc") in
  141) ok ;;
  3) if grep -q "cannot write the output" "$tmp/pipe.1.err"; then ok; else
       bad "early close: exit 3 without a message"; fi ;;
  *) bad "early close: exit $(cat "$tmp/pipe.1.rc"), expected 141 (SIGPIPE) or 3" ;;
esac
head -c 100 "$tmp/code_jsonl.1.out" >"$tmp/pipe.expected"
if cmp -s "$tmp/pipe.expected" "$tmp/pipe.4.out"; then ok; else
  bad "early close: the first 100 bytes are not the first events"; fi

# 7. usage errors
for v in 0 -1 x 3x 100000; do
  "$bin" code --threads "$v" "$tmp/a.jsonl" >/dev/null 2>"$tmp/usage.err"
  rc=$?
  if [ "$rc" -eq 2 ] && grep -q -- '--threads' "$tmp/usage.err"; then ok; else
    bad "--threads $v: exit $rc, expected 2 with a message"; fi
done

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
