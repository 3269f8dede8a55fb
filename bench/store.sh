#!/bin/sh
# store.sh: the SQLite store's speed (issue 7, bench): ingest rate, query
# latency on a store of at least a million events, search latency.
#
# Usage: sh bench/store.sh BUILD_DIR [COPIES] [DB]
#   BUILD_DIR holds a built `hadath` (make bench: build-bench).
#   COPIES: how many times the ANT corpus is ingested, each copy's doc ids
#   suffixed with ~rN so every copy is new articles (default 45: 11,458 x 45
#   = 515,610 articles, about 1.01 million events). It takes a while on two
#   cores: it is a bench, not a test.
#   DB: where the store goes (default a temporary file, removed at the end;
#   it grows to a few GB).
# Rows:
#   ingest 1 copy   `hadath ingest --no-dedup` of the corpus into a new
#                   store: articles/s (coding + storing + FTS indexing);
#   ingest N copies the same, stream of all copies into one store;
#   dedup           rebuilding the incidents of the whole store;
#   query ...       typical queries, median of 3 runs, output to /dev/null;
#   search ...      full-text searches, median of 3 runs.
# Timings are reported, never asserted.
set -eu

if [ $# -lt 1 ]; then
  echo "usage: sh bench/store.sh BUILD_DIR [COPIES] [DB]" >&2
  exit 2
fi
build=$1
copies=${2:-45}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
hadath=$build/hadath
case $hadath in /*) ;; *) hadath=$root/$hadath ;; esac
corpus=../shared/corpus/ant-news-ar.jsonl.gz
[ -x "$hadath" ] || { echo "bench/store.sh: no $hadath" >&2; exit 1; }
[ -r "$corpus" ] || { echo "bench/store.sh: no corpus $corpus" >&2; exit 1; }
tmp=$(mktemp -d /tmp/hd_bench_store.XXXXXX)
db=${3:-$tmp/bench.db}
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
secs() { awk "BEGIN { printf \"%.3f\", $2 - $1 }"; }

copy() { # the corpus with its ids suffixed ~r$1
  gzip -dc "$corpus" | sed "s/^{\"id\": \"\\([^\"]*\\)\"/{\"id\": \"\\1~r$1\"/"
}

n_articles=$(gzip -dc "$corpus" | wc -l)
echo "hadath store bench: $(date -u +%Y-%m-%d), $(nproc) cores, corpus" \
     "$n_articles articles, $copies copies, store $db"
printf '%-44s %12s %12s\n' row seconds rate

# 1. ingest rate on a fresh store, one copy
rm -f "$tmp/one.db"*
t0=$(now)
copy 0 | "$hadath" ingest --quiet --no-dedup --db "$tmp/one.db" -
t1=$(now)
s=$(secs "$t0" "$t1")
printf '%-44s %12s %10.0f/s\n' "ingest 1 copy (articles)" "$s" \
  "$(awk "BEGIN { print $n_articles / $s }")"
rm -f "$tmp/one.db"*

# 2. the big store
if [ ! -f "$db" ]; then
  t0=$(now)
  i=1
  while [ "$i" -le "$copies" ]; do copy "$i"; i=$((i + 1)); done |
    "$hadath" ingest --quiet --no-dedup --batch 2000 --db "$db" -
  t1=$(now)
  s=$(secs "$t0" "$t1")
  printf '%-44s %12s %10.0f/s\n' "ingest $copies copies (articles)" "$s" \
    "$(awk "BEGIN { print $n_articles * $copies / $s }")"
  t0=$(now)
  "$hadath" dedup --db "$db" > "$tmp/dedup.txt"
  t1=$(now)
  printf '%-44s %12s\n' "dedup (rebuild all incidents)" "$(secs "$t0" "$t1")"
fi
events=$("$hadath" query --db "$db" --count-by type |
         awk -F'\t' '{ s += $2 } END { print s + 0 }')
echo "store: $events events, $(du -h "$db" | cut -f1) on disk"

median3() { # runs "$@" three times, prints the median seconds
  for k in 1 2 3; do
    t0=$(now)
    "$@" > /dev/null
    t1=$(now)
    secs "$t0" "$t1"
    echo
  done | sort -n | sed -n 2p
}

row() { # label, then the command
  label=$1
  shift
  printf '%-44s %12s\n' "$label" "$(median3 "$@")"
}

row "query --count-by month" "$hadath" query --db "$db" --count-by month
row "query --type ASSAULT --count-by week" \
  "$hadath" query --db "$db" --type ASSAULT --count-by week
row "query --country SY --since 2018-06 --count-by type" \
  "$hadath" query --db "$db" --country SY --since 2018-06 --count-by type
row "query --actor 'SYR*' --limit 1000 (jsonl)" \
  "$hadath" query --db "$db" --actor 'SYR*' --limit 1000
row "query --near 33.51,36.29,50 --count-by day" \
  "$hadath" query --db "$db" --near 33.51,36.29,50 --count-by day
row "query --type PROTEST --since 2018-09-01 (csv)" \
  "$hadath" query --db "$db" --type PROTEST --since 2018-09-01 --to csv
row "query --incidents --min-outlets 3" \
  "$hadath" query --db "$db" --incidents --min-outlets 3
row "search ديمقراطية (top 20)" "$hadath" search --db "$db" ديمقراطية
row "search احتجاج غزة (top 20)" "$hadath" search --db "$db" احتجاج غزة
row "search \"قوات النظام\" (phrase, top 20)" \
  "$hadath" search --db "$db" '"قوات النظام"'
