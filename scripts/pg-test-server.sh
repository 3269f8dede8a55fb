#!/bin/sh
# pg-test-server.sh: a throwaway PostgreSQL server for hadath's tests and bench.
#
# Usage: scripts/pg-test-server.sh start DIR [OWNER_PID]   start; print its URI
#        scripts/pg-test-server.sh uri DIR                 print the URI again
#        scripts/pg-test-server.sh stop DIR                stop it; remove DIR
#
# DIR is the server's own directory (created if missing, e.g. from
# `mktemp -d`): data/ (initdb), sock/ (its Unix socket), log, port, uri.
# The server listens on that Unix socket only (listen_addresses=''), so it
# is unreachable from the network, and two servers (two test runs at once,
# ctest -j) never share a socket, a data directory or a port. The port is
# picked at random among free ones all the same, since it names the socket
# and keys the server's System V shared memory.
#
# PostgreSQL refuses to run as root. Run as root (CI, `make check`), the
# server runs as the `postgres` system user that Debian's postgresql package
# creates (or a `hadath-test` system user made here if that is absent), and
# DIR is handed to it; run as anyone else, it runs as that user.
# Authentication is `trust`: anyone who can open the socket, which lives in a
# mode-0700 directory, is the superuser `hadath`; the database is `hadath`.
#
# With OWNER_PID, a watchdog stops the server and removes DIR once that
# process is gone, so a test killed by a timeout leaves no server behind.
# HD_PG_FAST=1 turns off fsync and synchronous commit (tests: a server that
# never crashes needs neither); the bench leaves them on.
set -eu

die() { echo "pg-test-server: $*" >&2; exit 1; }
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] ||
  { echo "usage: $0 start|stop|uri DIR [OWNER_PID]" >&2; exit 2; }

find_bin() {
  for b in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$b/initdb" ] && [ -x "$b/pg_ctl" ] && { echo "$b"; return 0; }
  done
  b=$(command -v initdb 2>/dev/null || true)
  [ -n "$b" ] && { dirname "$b"; return 0; }
  return 1
}

# The user the server runs as, and how to run a command as that user.
server_user() {
  if [ "$(id -u)" != 0 ]; then id -un; return; fi
  if id postgres >/dev/null 2>&1; then echo postgres; return; fi
  if ! id hadath-test >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin hadath-test ||
      die "cannot create the user hadath-test to run the server as"
  fi
  echo hadath-test
}

as_user() {
  u=$1; shift
  if [ "$(id -u)" != 0 ]; then "$@"; return; fi
  # From /: the caller's directory may be closed to that user (/root/...).
  if command -v runuser >/dev/null 2>&1; then (cd / && runuser -u "$u" -- "$@")
  else (cd / && su -s /bin/sh "$u" -c "$(printf "'%s' " "$@")"); fi
}

print_uri() {
  [ -f "$dir/uri" ] || die "no server in $dir (start it first)"
  cat "$dir/uri"
}

stop_server() {
  [ -d "$dir" ] || return 0
  dir=$(cd "$dir" && pwd)
  [ -f "$dir/.hadath-pg-test" ] || die "$dir was not made by this script; not touching it"
  if [ -f "$dir/watchdog.pid" ]; then
    w=$(cat "$dir/watchdog.pid")
    kill "$w" 2>/dev/null || true
  fi
  if [ -f "$dir/data/postmaster.pid" ]; then
    bin=$(find_bin) || true
    u=$(cat "$dir/user" 2>/dev/null || id -un)
    if [ -n "$bin" ]; then
      as_user "$u" "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop \
        >/dev/null 2>&1 || true
    fi
    # Fall back to the postmaster's pid if pg_ctl could not do it.
    if [ -f "$dir/data/postmaster.pid" ]; then
      p=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
      [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true
    fi
  fi
  rm -rf "$dir"
}

start_server() {
  bin=$(find_bin) ||
    die "the PostgreSQL server is not installed: install the Debian package 'postgresql' (apt-get install postgresql, or run scripts/deps.sh test as root)"
  [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ] &&
    die "$dir is not empty; give a fresh directory (mktemp -d)"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  case "$dir" in *" "*) die "DIR may not contain spaces: $dir" ;; esac
  [ ${#dir} -le 80 ] || die "DIR is too long for a Unix socket path: $dir"
  : >"$dir/.hadath-pg-test"
  u=$(server_user)
  echo "$u" >"$dir/user"
  mkdir -p "$dir/sock"
  if [ "$(id -u)" = 0 ]; then
    chown -R "$u" "$dir"
    as_user "$u" test -w "$dir" ||
      die "user $u cannot write $dir (is a parent directory closed to it? try TMPDIR=/tmp)"
  fi
  chmod 700 "$dir" "$dir/sock"

  as_user "$u" "$bin/initdb" -D "$dir/data" -U hadath --auth=trust --no-sync \
    --encoding=UTF8 --locale=C.UTF-8 --no-instructions >"$dir/initdb.log" 2>&1 ||
  as_user "$u" "$bin/initdb" -D "$dir/data" -U hadath --auth=trust --no-sync \
    --encoding=UTF8 --locale=C --no-instructions >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; die "initdb failed (log above)"; }
  {
    echo "listen_addresses = ''"
    echo "unix_socket_directories = '$dir/sock'"
    echo "unix_socket_permissions = 0700"
    echo "max_connections = 50"
    echo "shared_buffers = 64MB"
    echo "logging_collector = off"
    if [ "${HD_PG_FAST:-0}" = 1 ]; then
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
  } >>"$dir/data/postgresql.conf"

  # A random port that no server on this machine is using (as a TCP port or
  # as a socket name in the usual places); retry if the start still fails.
  tries=0
  while :; do
    tries=$((tries + 1))
    port=$(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 30000 + 20000 ))
    if ls /tmp/.s.PGSQL."$port" /var/run/postgresql/.s.PGSQL."$port" >/dev/null 2>&1 ||
       { command -v ss >/dev/null 2>&1 && ss -ltnH 2>/dev/null | grep -q ":$port "; }; then
      continue
    fi
    if as_user "$u" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
         -o "-p $port" start >"$dir/pg_ctl.log" 2>&1; then
      break
    fi
    if [ "$tries" -ge 5 ]; then
      cat "$dir/log" >&2 2>/dev/null || true
      die "the server would not start (log above)"
    fi
  done
  echo "$port" >"$dir/port"
  as_user "$u" "$bin/createdb" -h "$dir/sock" -p "$port" -U hadath hadath ||
    die "createdb failed"
  echo "postgresql:///hadath?host=$dir/sock&port=$port&user=hadath" >"$dir/uri"

  if [ -n "${3:-}" ]; then
    owner=$3
    # The watchdog: detached, quiet, and gone as soon as its job is done.
    (
      trap '' HUP INT
      while kill -0 "$owner" 2>/dev/null && [ -d "$dir" ]; do sleep 1; done
      rm -f "$dir/watchdog.pid"
      [ -d "$dir" ] && sh "$self" stop "$dir" >/dev/null 2>&1
    ) </dev/null >/dev/null 2>&1 &
    echo $! >"$dir/watchdog.pid"
  fi
  cat "$dir/uri"
}

case "$cmd" in
  start) start_server "$@" ;;
  stop) stop_server ;;
  uri) print_uri ;;
  *) echo "usage: $0 start|stop|uri DIR [OWNER_PID]" >&2; exit 2 ;;
esac
