#!/bin/sh
# deps.sh: the one list of Debian 12 packages hadath needs, each with its reason.
#
# Usage: scripts/deps.sh [build|test|bench|all]
# Run as root, it installs whatever is missing. Run as anyone else, it prints
# the exact apt-get line and exits 1, so `make demo` and `make check` stop
# with an instruction instead of a compiler error.
set -eu

need=${1:-all}

# package                reason (one line each; keep this table and README in step)
BUILD="
gcc                      the C17 compiler
make                     drives the build (top-level Makefile)
cmake                    generates the build; CMake 3.25 is Debian 12's
pkg-config               finds the libraries below and makes hadath.pc usable
libutf8proc-dev          NFKC folding of Arabic presentation forms (text layer)
libjansson-dev           parses JSONL input records and JSON gold/eval files
zlib1g-dev               reads .gz corpora directly (jsonl.gz archives)
libsqlite3-dev           the embedded event store (WAL, FTS5 search) of ingest/query
libpq-dev                the same store on a PostgreSQL server, and its workers
"
TEST="
libcmocka-dev            the unit and golden test framework, run under ctest
clang                    the second compiler: make check's sanitizer build
libclang-rt-14-dev       clang's AddressSanitizer/UBSan runtimes (and libFuzzer)
postgresql               a real server the store and worker tests start (loopback)
"
BENCH="
libstemmer-dev           Snowball's Arabic stemmer, the speed peer in make bench
postgresql               the PostgreSQL ingest-rate row of make bench (bench/store_pg.sh)
"

case "$need" in
  build) list=$BUILD ;;
  test)  list="$BUILD$TEST" ;;
  bench) list="$BUILD$BENCH" ;;
  all)   list="$BUILD$TEST$BENCH" ;;
  *) echo "deps.sh: unknown set '$need' (build, test, bench or all)" >&2; exit 2 ;;
esac

missing=""
for pkg in $(printf '%s\n' "$list" | awk 'NF {print $1}'); do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $pkg" ;;
  esac
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
  echo "deps.sh: installing$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || apt-get update
  apt-get install -y -qq --no-install-recommends $missing >/dev/null || apt-get install -y --no-install-recommends $missing
  exit 0
fi

echo "hadath needs these Debian packages:$missing" >&2
echo "Install them with:" >&2
echo "  sudo apt-get install -y$missing" >&2
exit 1
