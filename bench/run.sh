#!/bin/sh
# run.sh: runs hadath-bench over the ANT news corpus and prints its report.
#
# Usage: sh bench/run.sh BUILD_DIR [hadath-bench options]
#   BUILD_DIR is a build with -DHD_BENCH=ON (make bench uses build-bench).
#   Extra options follow the defaults and override them (--mb 100, --runs 5).
# The corpus and data paths are relative to the repository root, where this
# script runs; data/ holds the dictionaries of the hadath code row.
set -eu

if [ $# -lt 1 ]; then
  echo "usage: sh bench/run.sh BUILD_DIR [hadath-bench options]" >&2
  exit 2
fi
build=$1
shift
case $build in
  /*) ;;
  *) build=$(pwd)/$build ;;
esac
bin=$build/hadath-bench

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
corpus=../shared/corpus/ant-news-ar.jsonl.gz
data=data

if [ ! -x "$bin" ]; then
  echo "bench/run.sh: no $bin" >&2
  echo "  build it with 'make bench' (cmake -DHD_BENCH=ON; libstemmer-dev)" >&2
  exit 1
fi
if [ ! -r "$corpus" ]; then
  echo "bench/run.sh: the bench corpus is missing: $corpus" >&2
  echo "  (relative to $root: the ANT Arabic news corpus as gzipped" >&2
  echo "  JSONL, one article per line with title and text fields)" >&2
  exit 1
fi

if [ ! -d "$data/dict" ]; then
  echo "bench/run.sh: no dictionaries in $root/$data/dict" >&2
  exit 1
fi

cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo \
  2>/dev/null | sed -n 1p)
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:     ${cpu:-unknown} ($(uname -m))"
"$bin" --corpus "$corpus" --data "$data" --mb 50 "$@"
# the stores: SQLite ingest, query and search latency (bench/store.sh) and
# PostgreSQL ingest with 1 and 4 workers (bench/store_pg.sh)
# STORE_COPIES=45 gives the million-event store of the issue (hours on 2
# cores); the default keeps make bench short
echo; sh bench/store.sh "$build" "${STORE_COPIES:-2}"
echo
sh bench/store_pg.sh "$build" 5000
