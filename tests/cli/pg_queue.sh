#!/bin/sh
# pg_queue.sh HADATH: `hadath enqueue` and `hadath worker` against a real
# PostgreSQL server (scripts/pg-test-server.sh: its own data directory and
# socket, stopped on exit, also on failure).
#
# The contract a user relies on: enqueueing is idempotent on (doc_id,
# content hash); a worker codes every queued article once, in batches of
# --batch, storing as many events as `hadath code` finds in the same input;
# a changed article is queued and coded again, replacing its old version; an
# article already stored is not coded twice; a payload that cannot be coded
# is marked failed with its error and not retried; bad input records are
# reported and the good ones still queued; misuse is a usage error.
set -u
bin=$1
here=$(pwd)
tmp=$(mktemp -d /tmp/hd-pgq.XXXXXX)
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
q() { psql -X -q -At "$uri" -c "$1"; }

corpus=../shared/corpus/ant-news-ar.jsonl.gz
[ -f "$corpus" ] || { echo "FAIL: $corpus is missing (the shared material)"; exit 1; }
# 30 real articles, and one plain article (the seed), as two inputs.
zcat "$corpus" | head -n 30 >"$tmp/a.jsonl"
cp examples/raqqa.txt "$tmp/raqqa.txt"

# 1. misuse
"$bin" enqueue "$tmp/a.jsonl" >/dev/null 2>"$tmp/e1"
eq "enqueue without --db exits 2" $? 2
"$bin" worker --db "$tmp/x.db" --once >/dev/null 2>"$tmp/e2"
eq "worker on a SQLite path exits 2" $? 2
grep -q "postgresql://" "$tmp/e2" && ok || bad "worker usage error does not say postgresql://"
"$bin" worker --db "$uri" --batch 0 >/dev/null 2>&1
eq "worker --batch 0 exits 2" $? 2

# 2. enqueue, twice: the second adds nothing
out=$("$bin" enqueue --db "$uri" "$tmp/a.jsonl" "$tmp/raqqa.txt")
eq "enqueue exit" $? 0
eq "first enqueue" "$out" "queued 31, already queued 0, bad 0"
out=$("$bin" enqueue --db "$uri" "$tmp/a.jsonl" "$tmp/raqqa.txt")
eq "second enqueue" "$out" "queued 0, already queued 31, bad 0"
eq "queue rows" "$(q "SELECT count(*) FROM queue WHERE status = 'pending'")" 31

# 3. one worker drains it in batches of 7: ceil(31 / 7) = 5 batches
out=$("$bin" worker --db "$uri" --once --batch 7 --id w1)
eq "worker exit" $? 0
case "$out" in
  "worker w1: batches 5, coded 31, unchanged 0, failed 0, retried 0, events "*) ok ;;
  *) bad "worker summary: $out" ;;
esac
eq "articles stored" "$(q "SELECT count(*) FROM articles")" 31
eq "queue all done" "$(q "SELECT status || ' ' || count(*) FROM queue GROUP BY status")" "done 31"
eq "batches" "$(q "SELECT count(*) || ' ' || sum(n_articles) || ' ' || sum(n_done) || ' ' || min(status) || max(status) FROM batches")" "5 31 31 donedone"
eq "rows name their batch and worker" \
  "$(q "SELECT count(*) FROM queue q JOIN batches b ON b.id = q.batch_id WHERE q.claimed_by = 'w1' AND b.worker = 'w1' AND q.attempts = 1")" 31
# The seed article keeps its plain-file id and its text.
eq "plain article id" "$(q "SELECT count(*) FROM articles WHERE doc_id = 'raqqa.txt' AND text LIKE '%قوات سوريا الديمقراطية%'")" 1
# As many events as `hadath code` finds in the same input, none twice.
want=$("$bin" code "$tmp/a.jsonl" "$tmp/raqqa.txt" | grep -c '"kind":"event"')
[ "$want" -gt 0 ] && ok || bad "hadath code found no events in the sample"
eq "events stored" "$(q "SELECT count(*) FROM events")" "$want"
eq "events per article agree" "$(q "SELECT sum(n_events) FROM articles")" "$want"
eq "event ids unique" "$(q "SELECT count(DISTINCT event_id) FROM events")" "$want"
case "$out" in *"events $want") ok ;; *) bad "summary events, want $want: $out" ;; esac
# Seed events match the command's (the raqqa ASSAULT of SDF on IS).
eq "seed assault stored" "$(q "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id WHERE a.doc_id = 'raqqa.txt' AND e.event_type = 'ASSAULT' AND e.source_code = 'SYRREB'")" \
  "$("$bin" code "$tmp/raqqa.txt" | grep '"event_type":"ASSAULT"' | grep -c '"code":"SYRREB"')"

# 4. the same article with new text is queued again and replaces the old
id1=$(head -n 1 "$tmp/a.jsonl" | sed 's/^{"id": "\([^"]*\)".*/\1/')
head -n 1 "$tmp/a.jsonl" | sed 's/"title": "/"title": "عاجل: /' >"$tmp/changed.jsonl"
out=$("$bin" enqueue --db "$uri" "$tmp/changed.jsonl")
eq "changed article queued" "$out" "queued 1, already queued 0, bad 0"
"$bin" worker --db "$uri" --once --quiet
eq "still 31 articles" "$(q "SELECT count(*) FROM articles")" 31
eq "new version stored" "$(q "SELECT count(*) FROM articles WHERE doc_id = '$id1' AND title LIKE 'عاجل: %'")" 1

# 5. an article already stored (the queue row lost, queued again) is not
#    coded twice: marked done as unchanged
q "DELETE FROM queue WHERE doc_id = 'raqqa.txt'"
"$bin" enqueue --db "$uri" --quiet "$tmp/raqqa.txt"
out=$("$bin" worker --db "$uri" --once --id w2)
eq "unchanged article" "$out" "worker w2: batches 1, coded 0, unchanged 1, failed 0, retried 0, events 0"
eq "unchanged note" "$(q "SELECT error FROM queue WHERE doc_id = 'raqqa.txt'")" "unchanged: already stored"

# 6. a payload that cannot be coded fails once, with its error, and the
#    worker goes on with the rest of its batch
q "INSERT INTO queue (doc_id, hash, payload) VALUES ('broken', '0123456789abcdef', '{\"v\":1,\"text\":\"x\"}')"
zcat "$corpus" | sed -n 31,32p >"$tmp/b.jsonl"
"$bin" enqueue --db "$uri" --quiet "$tmp/b.jsonl"
out=$("$bin" worker --db "$uri" --once --id w3)
eq "worker with a broken row exits 0" $? 0
case "$out" in
  "worker w3: batches 1, coded 2, unchanged 0, failed 1, retried 0, events "*) ok ;;
  *) bad "broken row summary: $out" ;;
esac
eq "broken row failed" "$(q "SELECT status || ' ' || attempts FROM queue WHERE doc_id = 'broken'")" "failed 1"
q "SELECT error FROM queue WHERE doc_id = 'broken'" | grep -q "not a hadath document" && ok ||
  bad "broken row error: $(q "SELECT error FROM queue WHERE doc_id = 'broken'")"
"$bin" worker --db "$uri" --once --quiet
eq "failed row not retried" "$(q "SELECT status || ' ' || attempts FROM queue WHERE doc_id = 'broken'")" "failed 1"
eq "33 articles" "$(q "SELECT count(*) FROM articles")" 33

# 6b. a store error (here a trigger that rejects one article) fails that
#     article alone: the batch is run again with savepoints, the article
#     goes back to pending and fails for good at the third attempt, with
#     the server's message; the others in its batch are stored
zcat "$corpus" | sed -n 35,37p >"$tmp/c.jsonl"
victim=$(sed -n 2p "$tmp/c.jsonl" | sed 's/^{"id": "\([^"]*\)".*/\1/')
q "CREATE FUNCTION hd_reject() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN IF NEW.doc_id = '$victim' THEN RAISE EXCEPTION 'rejected by the test'; END IF; RETURN NEW; END \$\$"
q "CREATE TRIGGER hd_reject BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION hd_reject()"
"$bin" enqueue --db "$uri" --quiet "$tmp/c.jsonl"
out=$("$bin" worker --db "$uri" --once --id w4)
eq "store error exit" $? 0
case "$out" in
  "worker w4: batches 3, coded 2, unchanged 0, failed 1, retried 2, events "*) ok ;;
  *) bad "store error summary: $out" ;;
esac
eq "rejected row" "$(q "SELECT status || ' ' || attempts FROM queue WHERE doc_id = '$victim'")" "failed 3"
q "SELECT error FROM queue WHERE doc_id = '$victim'" | grep -q "rejected by the test" && ok ||
  bad "rejected row error: $(q "SELECT error FROM queue WHERE doc_id = '$victim'")"
mates=$(sed -n '1p;3p' "$tmp/c.jsonl" | sed 's/^{"id": "\([^"]*\)".*/'"'"'\1'"'"'/' | paste -sd,)
eq "its batch-mates stored" "$(q "SELECT count(*) FROM articles a JOIN queue q ON q.doc_id = a.doc_id WHERE q.status = 'done' AND a.doc_id IN ($mates)")" 2
eq "the rejected one not stored" "$(q "SELECT count(*) FROM articles WHERE doc_id = '$victim'")" 0
q "DROP TRIGGER hd_reject ON articles"

# 7. bad records are reported with their line; the good ones still queued
printf '%s\n{"id": "x", "text": \n%s\n' "$(zcat "$corpus" | sed -n 33p)" \
  "$(zcat "$corpus" | sed -n 34p)" >"$tmp/mixed.jsonl"
out=$("$bin" enqueue --db "$uri" "$tmp/mixed.jsonl" 2>"$tmp/mixed.err")
eq "bad record exit" $? 1
eq "bad record summary" "$out" "queued 2, already queued 0, bad 1"
grep -q "mixed.jsonl:2" "$tmp/mixed.err" && ok || bad "bad record not located: $(cat "$tmp/mixed.err")"

# 8. --idle: with nothing to do, a worker waits that long and exits
start=$(date +%s)
"$bin" worker --db "$uri" --idle 2 --quiet
rc=$?
end=$(date +%s)
eq "idle exit" $rc 0
[ $((end - start)) -ge 2 ] && ok || bad "--idle 2 returned after $((end - start)) s"
eq "37 articles" "$(q "SELECT count(*) FROM articles")" 37

# 9. SIGTERM: the worker finishes and commits the batch in hand, then exits
#    0; what it did is whole batches, the rest still pending
zcat "$corpus" | sed -n 201,400p >"$tmp/d.jsonl"
"$bin" enqueue --db "$uri" --quiet "$tmp/d.jsonl"
before=$(q "SELECT count(*) FROM articles")
"$bin" worker --db "$uri" --batch 40 --quiet --id w9 &
wpid=$!
# wait until its first batch is open, then ask it to stop
i=0
while [ $i -lt 300 ] && [ "$(q "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'hadath worker w9' AND xact_start IS NOT NULL")" = 0 ]; do
  sleep 0.1; i=$((i + 1))
done
kill -TERM "$wpid"
wait "$wpid"
eq "SIGTERM exit" $? 0
stored=$(($(q "SELECT count(*) FROM articles") - before))
done_w9=$(q "SELECT count(*) FROM queue WHERE claimed_by = 'w9' AND status = 'done'")
eq "SIGTERM: stored what it marked done" "$stored" "$done_w9"
[ "$stored" -ge 40 ] && [ $((stored % 40)) -eq 0 ] && [ "$stored" -lt 200 ] && ok ||
  bad "SIGTERM: $stored articles stored, expected whole batches of 40, fewer than 200"
eq "SIGTERM: the rest pending" "$(q "SELECT count(*) FROM queue WHERE status = 'pending'")" $((200 - stored))

echo "pg_queue: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
