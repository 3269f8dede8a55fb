#!/bin/sh
# code_detector.sh HADATH: `hadath code --detector` picks who decides that a
# candidate is an event, as `hadath eval --detector` does, so a user can code
# an archive with the detector whose figures they read in eval.
#
# The sentence is from the assault dev set (AAW_ARB_20080401.0029-21): the
# Green Zone "came under attack with mortar shells". The rules take its
# trigger لهجوم (a noun after تعرضت ل, with a weapon); the trained model,
# fitted on 2007-08 news, gives it p = 0.16 and rejects it. So the rules
# code an ASSAULT and the model codes none: the option reaches the coder.
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/cache"
[ "${HADATH_LEXICON:-}" = text ] || unset HADATH_LEXICON
fails=0 passes=0
ok()  { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

printf '%s\n' 'من ناحية ثانية، قالت الشرطة العراقية ان المنطقة الخضراء المحصنة في بغداد التي تحوي مقار الحكومة والسفارة الاميركية، تعرضت لهجوم بقذائف المورتر.' >"$tmp/s.txt"

code() { "$bin" code --date 2008-04-01 "$@" "$tmp/s.txt" 2>"$tmp/err"; }

code >"$tmp/default.jsonl" || bad "default run failed: $(cat "$tmp/err")"
code --detector rules >"$tmp/rules.jsonl" || bad "--detector rules failed"
code --detector model >"$tmp/model.jsonl" || bad "--detector model failed"

cmp -s "$tmp/default.jsonl" "$tmp/rules.jsonl" && ok ||
  bad "the default detector is not the rules"
grep -q '"event_type":"ASSAULT".*"text":"لهجوم"' "$tmp/rules.jsonl" && ok ||
  bad "the rules did not code the mortar attack: $(cat "$tmp/rules.jsonl")"
grep -q '"event_type":"ASSAULT"' "$tmp/model.jsonl" &&
  bad "the model (p = 0.16) still coded an ASSAULT: the option is ignored" || ok

# A name it does not know is a usage error that names the choices.
code --detector neural >/dev/null
rc=$?
[ $rc -eq 2 ] && ok || bad "--detector neural: exit $rc, want 2"
grep -q 'rules, model or both' "$tmp/err" && ok ||
  bad "--detector neural: message does not list the choices: $(cat "$tmp/err")"

# Asking for the model where there is none is an error, not a quiet fallback
# to the rules (the user would count other events than they asked for).
mkdir -p "$tmp/data"
for d in dict geo plover; do
  cp -r "$(dirname "$0")/../../data/$d" "$tmp/data/" 2>/dev/null
done
"$bin" code --data "$tmp/data" --detector model "$tmp/s.txt" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 3 ] && ok || bad "--detector model without weights: exit $rc, want 3"
grep -q 'hadath.detector.txt' "$tmp/err" && ok ||
  bad "no-model message does not name the missing file: $(cat "$tmp/err")"

echo "code_detector: $passes passed, $fails failed"
[ $fails -eq 0 ]
