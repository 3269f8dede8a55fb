#!/bin/sh
# store_sigkill.sh: crash safety of `hadath ingest` (SQLite, WAL).
#
# Ingests 2,000 articles of the ant-news corpus and kills the ingest with
# SIGKILL at random moments (between its start-up time and twice that plus
# 800 ms, so most kills land while it writes), 24 times, with random batch
# sizes (1 to 200 articles per transaction). After each kill the store
# must pass `hadath dedup --check`: PRAGMA integrity_check = ok, the FTS5 index
# consistent with the articles, and no half-stored article (each article's
# stored event, place, attribution and quantity counts equal its rows).
# Then one more run must complete, storing nothing twice and replacing
# nothing, and the store must hold every article once and exactly the
# events an uninterrupted ingest of the same input stores.
# usage: sh tests/cli/store_sigkill.sh path/to/hadath
set -u
HADATH=${1:?usage: store_sigkill.sh path/to/hadath}
CORPUS=${HD_SHARED:-../shared}/corpus/ant-news-ar.jsonl.gz
KILLS=${KILLS:-24}
N=${N:-2000}
[ -f "$CORPUS" ] || { echo "store_sigkill: no corpus at $CORPUS"; exit 1; }
TMP=$(mktemp -d /tmp/hd_sigkill.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
gzip -dc "$CORPUS" | head -n "$N" > "$TMP/in.jsonl"
DB="$TMP/events.db"

rand() { # a random integer in [0, $1)
    echo $(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % $1 ))
}

fail() { echo "store_sigkill: FAIL: $*"; exit 1; }

# How long hadath takes to start (dictionaries) before it writes: kills
# are placed after that, so most land while it writes, in any build.
: > "$TMP/empty.jsonl"
t0=$(date +%s%N)
"$HADATH" ingest --quiet --no-dedup --db "$TMP/start.db" "$TMP/empty.jsonl" \
    2>/dev/null
start_ms=$(( ($(date +%s%N) - t0) / 1000000 ))

kills=0
while [ "$kills" -lt "$KILLS" ]; do
    batch=$(( $(rand 200) + 1 ))
    ms=$(( start_ms + $(rand $(( start_ms + 800 ))) ))
    "$HADATH" ingest --quiet --batch "$batch" --db "$DB" "$TMP/in.jsonl" \
        2>"$TMP/err" &
    pid=$!
    sleep "$(awk "BEGIN { printf \"%.3f\", $ms / 1000 }")"
    # still running (not exited, not a zombie waiting to be reaped)?
    state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)
    if [ -n "$state" ] && [ "$state" != Z ] &&
       kill -KILL "$pid" 2>/dev/null; then
        kills=$((kills + 1))
        wait "$pid" 2>/dev/null
    else
        # it finished first: everything is stored, so start again on a
        # fresh store, or the next kills would land on runs that only skip
        wait "$pid" 2>/dev/null
        rm -f "$DB" "$DB-wal" "$DB-shm"
        continue
    fi
    check=$("$HADATH" dedup --check --db "$DB" 2>&1) ||
        fail "after kill $kills (batch $batch, ${ms} ms): $check"
    [ "$check" = ok ] || fail "after kill $kills: $check"
    events=$("$HADATH" query --db "$DB" --count-by month |
             awk -F'\t' '{ s += $2 } END { print s + 0 }')
    echo "kill $kills: batch $batch, ${ms} ms: ok, $events events stored"
done

"$HADATH" ingest --batch 100 --db "$DB" "$TMP/in.jsonl" 2>"$TMP/final" ||
    fail "the final run failed: $(cat "$TMP/final")"
summary=$(tail -n 1 "$TMP/final")
echo "$summary" | grep -q "$N articles seen" || fail "final run: $summary"
echo "$summary" | grep -q "(0 replaced)" || fail "articles replaced: $summary"
check=$("$HADATH" dedup --check --db "$DB" 2>&1)
[ "$check" = ok ] || fail "final check: $check"

stored=$("$HADATH" query --db "$DB" --count-by month |
         awk -F'\t' '{ s += $2 } END { print s + 0 }')
"$HADATH" ingest --quiet --no-dedup --db "$TMP/ref.db" "$TMP/in.jsonl" ||
    fail "the uninterrupted reference ingest failed"
coded=$("$HADATH" query --db "$TMP/ref.db" --count-by month |
        awk -F'\t' '{ s += $2 } END { print s + 0 }')
[ "$stored" -gt 0 ] && [ "$stored" -eq "$coded" ] ||
    fail "the store has $stored events, an uninterrupted ingest $coded"
articles=$("$HADATH" ingest --db "$DB" "$TMP/in.jsonl" 2>&1 | tail -n 1)
echo "$articles" | grep -q "0 stored (0 replaced), $N skipped as unchanged" ||
    fail "a re-run stored something: $articles"
echo "store_sigkill: $kills kills, integrity ok after each; $N articles" \
     "stored once, $stored events = an uninterrupted ingest's $coded"
