#!/bin/sh
# eval.sh HADATH SHARED: every accuracy figure the README quotes, each from
# one `hadath eval` command printed before its summary line, so the table
# can be checked (and refreshed) by anyone: `make eval`.
#
# The detector ablation is on the validation fifth of the dev sets, which
# the trained model never saw; the rules' figures there are optimistic (their
# weights were fitted on all of dev). The all-of-dev lines are the coder
# issue's acceptance figures (rules, the default).
set -u
bin=$1 shared=$2
ev=$shared/eval
corpus=$shared/corpus/ant-news-ar.jsonl.gz
run() {
  echo "\$ hadath eval $*"
  "$bin" eval "$@" 2>&1 | tail -n 1
}
for d in rules model both; do
  run --detector $d --split validation "$ev"/detect-assault-dev.tsv \
    "$ev"/detect-protest-dev.tsv "$ev"/gsr-assault-dev.xml "$ev"/gsr-protest-dev.xml
  run --detector $d --split validation --false-alarms "$corpus"
done
run "$ev"/detect-assault-dev.tsv "$ev"/detect-protest-dev.tsv \
  "$ev"/gsr-assault-dev.xml "$ev"/gsr-protest-dev.xml
run "$ev"/spans-assault-dev.json "$ev"/spans-protest-dev.json
run --false-alarms "$corpus"
run "$ev"/ud-ar-pud-test.conllu
