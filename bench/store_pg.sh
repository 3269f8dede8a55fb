#!/bin/sh
# store_pg.sh: ingest rate on PostgreSQL, in articles/s (issue 7, bench).
#
# Usage: sh bench/store_pg.sh BUILD_DIR [ARTICLES]
#   BUILD_DIR holds a built `hadath` (make bench: build-bench).
#   ARTICLES: how many articles of the ANT corpus (default 5000; 11458 is
#   all of it).
#
# A private PostgreSQL 15 server is started for the run (scripts/
# pg-test-server.sh: Unix socket only, its own data directory, removed at
# the end) with the server's durable defaults (fsync and synchronous commit
# on), as a real deployment would keep them. Each row gets a fresh database:
#   enqueue     `hadath enqueue` loading the articles into the queue;
#   worker x1   one `hadath worker --once` draining the queue: reading each
#               payload back, coding it, storing it, one commit per batch
#               of 100;
#   worker x4   four workers at once on the same queue;
#   ingest      `hadath ingest --no-dedup`, the single-process path, for
#               comparison (its de-duplication pass is not timed).
# The rate is articles / wall-clock seconds, from the first process started
# to the last one done; every row checks that all articles were stored.
# Timings are reported, never asserted.
set -eu

if [ $# -lt 1 ]; then
  echo "usage: sh bench/store_pg.sh BUILD_DIR [ARTICLES]" >&2
  exit 2
fi
build=$1
n=${2:-5000}
case $build in /*) ;; *) build=$(pwd)/$build ;; esac
bin=$build/hadath
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
corpus=../shared/corpus/ant-news-ar.jsonl.gz
[ -x "$bin" ] || { echo "bench/store_pg.sh: no $bin (build it first)" >&2; exit 1; }
[ -r "$corpus" ] || { echo "bench/store_pg.sh: the corpus is missing: $corpus" >&2; exit 1; }

tmp=$(mktemp -d /tmp/hd-pgbench.XXXXXX)
srv=$(mktemp -d /tmp/hd-pgsrv.XXXXXX)
cleanup() {
  sh "$root/scripts/pg-test-server.sh" stop "$srv" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

uri=$(sh scripts/pg-test-server.sh start "$srv" $$) ||
  { echo "bench/store_pg.sh: no PostgreSQL server (Debian package postgresql)" >&2; exit 1; }
zcat "$corpus" | head -n "$n" >"$tmp/in.jsonl"
n=$(wc -l <"$tmp/in.jsonl" | tr -d ' ')

now() { date +%s.%N; }
# A fresh database per row: URI with the database name swapped.
fresh() {
  psql -X -q "$uri" -c "CREATE DATABASE $1" >/dev/null
  echo "$uri" | sed "s|///hadath?|///$1?|"
}
stored() { psql -X -q -At "$1" -c "SELECT count(*) FROM articles"; }
report() { # LABEL START END
  awk -v l="$1" -v s="$2" -v e="$3" -v n="$n" 'BEGIN {
    t = e - s; printf "%-34s %6d articles %7.2f s %8.0f articles/s\n", l, n, t, n / t }'
}

cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | sed -n 1p)
echo "postgresql ingest rate ($(psql -X -At "$uri" -c 'SHOW server_version'), ${cpu:-unknown cpu}, $(nproc) cores)"

for workers in 1 4; do
  db=$(fresh "w$workers")
  t0=$(now)
  "$bin" enqueue --db "$db" --quiet "$tmp/in.jsonl"
  t1=$(now)
  [ "$workers" = 1 ] && report "enqueue" "$t0" "$t1"
  i=0 pids=""
  while [ $i -lt "$workers" ]; do
    "$bin" worker --db "$db" --once --quiet --batch 100 &
    pids="$pids $!"
    i=$((i + 1))
  done
  for p in $pids; do wait "$p"; done
  t2=$(now)
  got=$(stored "$db")
  [ "$got" = "$n" ] || { echo "bench/store_pg.sh: $workers workers stored $got of $n" >&2; exit 1; }
  report "hadath worker x$workers (batch 100)" "$t1" "$t2"
done

db=$(fresh ingest1)
t0=$(now)
"$bin" ingest --db "$db" --quiet --no-dedup "$tmp/in.jsonl"
t1=$(now)
got=$(stored "$db")
[ "$got" = "$n" ] || { echo "bench/store_pg.sh: ingest stored $got of $n" >&2; exit 1; }
report "hadath ingest (1 process)" "$t0" "$t1"
