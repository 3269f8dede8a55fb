#!/bin/sh
# model_reproducible.sh HADATH: the shipped detector weights are what the
# documented `hadath train` command makes from the repository as it is.
# The model's features include the cue list's hits and the coder's roles,
# so a change to data/dict/hadath.triggers.ar.txt or to the coder can leave
# data/model/hadath.detector.txt stale; this test says so, and how to
# refresh it (data/model/SOURCE.md).
set -u
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${HD_SHARED_DIR:-$root/../shared}
[ -f "$shared/eval/detect-assault-dev.tsv" ] ||
  { echo "FAIL: no gold sets under $shared (set HD_SHARED_DIR)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/cache"
[ "${HADATH_LEXICON:-}" = text ] || unset HADATH_LEXICON
"$bin" train --out "$tmp/detector.txt" --gsr-thresholds \
  --negatives "$shared/corpus/ant-news-ar.jsonl.gz" \
  "$shared/eval/detect-assault-dev.tsv" "$shared/eval/detect-protest-dev.tsv" \
  "$shared/eval/gsr-assault-dev.xml" "$shared/eval/gsr-protest-dev.xml" \
  >"$tmp/log" 2>&1 || { echo "FAIL: hadath train failed:"; cat "$tmp/log"; exit 1; }
if cmp -s "$tmp/detector.txt" "$root/data/model/hadath.detector.txt"; then
  echo "model_reproducible: the shipped weights are what hadath train makes"
  exit 0
fi
echo "FAIL: data/model/hadath.detector.txt is not what hadath train makes from"
echo "      this tree; rerun the command in data/model/SOURCE.md and commit it"
diff "$tmp/detector.txt" "$root/data/model/hadath.detector.txt" | head -5
exit 1
