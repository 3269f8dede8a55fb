#!/bin/sh
# pg_ingest.sh HADATH: `hadath ingest --db postgresql://...` on a real server
# (scripts/pg-test-server.sh), the same command as on SQLite.
#
# What a user relies on: every article of the input is stored with as many
# events as `hadath code` finds in it; running the same ingest again adds
# nothing; the incidents are built (each asserted event in exactly one);
# and the workers, given the same articles, store the same events.
set -u
bin=$1
here=$(pwd)
tmp=$(mktemp -d /tmp/hd-pging.XXXXXX)
srv=$(mktemp -d /tmp/hd-pgsrv.XXXXXX)
cleanup() {
  sh "$here/scripts/pg-test-server.sh" stop "$srv" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
fails=0 passes=0
ok()  { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
eq()  { if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', expected '$3'"; fi; }

HD_PG_FAST=1 sh scripts/pg-test-server.sh start "$srv" $$ >"$tmp/uri" || {
  echo "FAIL: could not start a PostgreSQL test server (Debian package 'postgresql'; message above)"
  exit 1
}
uri=$(cat "$tmp/uri")
psql -X -q "$uri" -c "CREATE DATABASE viaqueue" || { echo "FAIL: createdb"; exit 1; }
uri2=$(echo "$uri" | sed 's|///hadath?|///viaqueue?|')
q()  { psql -X -q -At "$uri" -c "$1"; }
q2() { psql -X -q -At "$uri2" -c "$1"; }

corpus=../shared/corpus/ant-news-ar.jsonl.gz
[ -f "$corpus" ] || { echo "FAIL: $corpus is missing (the shared material)"; exit 1; }
zcat "$corpus" | sed -n 101,160p >"$tmp/in.jsonl"
want=$("$bin" code "$tmp/in.jsonl" | grep -c '"kind":"event"')
[ "$want" -gt 0 ] && ok || bad "hadath code found no events in the sample"

"$bin" ingest --db "$uri" --quiet "$tmp/in.jsonl" 2>"$tmp/ingest.err"
eq "ingest exit" $? 0
[ -s "$tmp/ingest.err" ] && bad "ingest stderr: $(head -c 400 "$tmp/ingest.err")"
eq "articles" "$(q "SELECT count(*) FROM articles")" 60
eq "events" "$(q "SELECT count(*) FROM events")" "$want"
eq "events per article" "$(q "SELECT sum(n_events) FROM articles")" "$want"

# incidents: every asserted event in exactly one
asserted=$(q "SELECT count(*) FROM events WHERE negated = 0 AND hypothetical = 0")
eq "asserted events grouped" "$(q "SELECT count(*) FROM incident_events")" "$asserted"
eq "each event in one incident" "$(q "SELECT count(DISTINCT event_id) FROM incident_events")" "$asserted"
[ "$(q "SELECT count(*) FROM incidents")" -gt 0 ] && ok || bad "no incidents"

# again: nothing added
"$bin" ingest --db "$uri" --quiet "$tmp/in.jsonl"
eq "re-ingest exit" $? 0
eq "articles after re-ingest" "$(q "SELECT count(*) FROM articles")" 60
eq "events after re-ingest" "$(q "SELECT count(*) FROM events")" "$want"

# the same articles through the queue: the same events, field for field
"$bin" enqueue --db "$uri2" --quiet "$tmp/in.jsonl"
"$bin" worker --db "$uri2" --once --quiet
sig="SELECT string_agg(event_id || ':' || coalesce(event_type, '') || ':' || coalesce(source_code, '') || ':' || coalesce(target_code, '') || ':' || coalesce(place_name, ''), ',' ORDER BY event_id) FROM events"
a=$(q "$sig")
b=$(q2 "$sig")
[ -n "$a" ] && [ "$a" = "$b" ] && ok || bad "worker and ingest stored different events"
eq "same content hashes" "$(q2 "SELECT string_agg(doc_id || content_hash, ',' ORDER BY doc_id) FROM articles")" \
  "$(q "SELECT string_agg(doc_id || content_hash, ',' ORDER BY doc_id) FROM articles")"

echo "pg_ingest: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
