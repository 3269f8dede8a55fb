#!/bin/sh
# pg_libpq_demand.sh HADATH: libpq is loaded when a PostgreSQL database is
# opened, and only then (src/store/sql_pg.c).
#
# What a user relies on: a run that never touches PostgreSQL does not load
# libpq and its twenty-odd libraries (13 ms of every start-up); a machine
# without libpq.so.5 gets a message naming the Debian package and a non-zero
# exit, never a crash; with libpq there, a postgresql:// URI reaches libpq
# (here: its own "connection failed" message, no server needed).
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0 passes=0
ok()  { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

# run NAME ARGS...: runs hadath with stdout/stderr kept; $got is the exit.
run() {
  name=$1; shift
  "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
  got=$?
}
# fails_cleanly NAME: a non-zero exit that is not a crash (>128: a signal)
fails_cleanly() {
  if [ "$got" -ne 0 ] && [ "$got" -lt 128 ]; then ok
  else bad "$1: exit $got, expected a clean failure; stderr: $(head -c 300 "$tmp/$1.err")"; fi
}
has() {
  if grep -q -F -- "$2" "$tmp/$1.err"; then ok
  else bad "$1: stderr lacks '$2': $(head -c 300 "$tmp/$1.err")"; fi
}

# 1. not linked: neither the binary nor anything it needs pulls libpq in
if readelf -d "$bin" | grep -q 'NEEDED.*libpq'; then
  bad "the binary has libpq as DT_NEEDED"
else ok; fi
if ldd "$bin" | grep -q 'libpq\|libssl\|libkrb5\|libldap'; then
  bad "loading the binary loads libpq or its libraries: $(ldd "$bin" | grep 'libpq\|libssl')"
else ok; fi

# 2. no libpq.so.5 (HADATH_LIBPQ points at a file that does not exist)
uri='postgresql:///hadath?host=/nonexistent-hd-socket-dir'
run nolib env HADATH_LIBPQ=/nonexistent/libpq.so.5 "$bin" query --db "$uri"
fails_cleanly nolib
has nolib 'PostgreSQL support needs libpq.so.5 (Debian package libpq5)'
has nolib '/nonexistent/libpq.so.5'
run nolib_ingest env HADATH_LIBPQ=/nonexistent/libpq.so.5 "$bin" ingest --db "$uri" examples/raqqa.txt
fails_cleanly nolib_ingest
has nolib_ingest 'Debian package libpq5'

# 3. a library that is not libpq: the missing function is named
run notpq env HADATH_LIBPQ=libz.so.1 "$bin" query --db "$uri"
fails_cleanly notpq
has notpq 'has no PQconnectdb'

# 4. the real libpq, loaded on demand: its own error for a missing socket
run realpq "$bin" query --db "$uri"
fails_cleanly realpq
has realpq 'connect: connection to server on socket "/nonexistent-hd-socket-dir/'

# 5. SQLite is untouched by all this
run sqlite "$bin" ingest --db "$tmp/s.db" examples/raqqa.txt
if [ "$got" -eq 0 ]; then ok; else bad "sqlite ingest: exit $got: $(head -c 300 "$tmp/sqlite.err")"; fi

echo "pg_libpq_demand: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
