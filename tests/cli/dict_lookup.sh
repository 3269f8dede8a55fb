#!/bin/sh
# dict_lookup.sh HADATH: `hadath dict lookup` says which dictionary line
# reads a phrase, as the coder reads it, so a dictionary editor can go to it.
# Each file:line printed must point at a line that holds the word; the
# article date must pick the dated code; a cue-list veto must show.
set -u
bin=$1
data=$(cd "$(dirname "$0")/../../data" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/cache"
[ "${HADATH_LEXICON:-}" = text ] || unset HADATH_LEXICON
fails=0 passes=0
ok()  { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

# The file:line of the first output line matching $1 holds the word $2.
line_holds() {
  loc=$(grep -- "$1" "$tmp/out" | head -1 | grep -o '[a-z/._A-Z]*\.txt:[0-9]*$')
  [ -n "$loc" ] || return 1
  sed -n "${loc##*:}p" "$data/${loc%:*}" | grep -q -- "$2"
}

s='وقال الرئيس الباكستاني برويز مشرف إن صدر القرار. وتجمع مئات المتظاهرين امام السفارة.'
"$bin" dict lookup --date 2007-05-01 "$s" >"$tmp/out" 2>"$tmp/err" ||
  bad "lookup failed: $(cat "$tmp/err")"

grep -q '^sentence 1: ' "$tmp/out" && grep -q '^sentence 2: ' "$tmp/out" && ok ||
  bad "the two sentences are not listed: $(cat "$tmp/out")"
# Musharraf in 2007 is the government; the line printed is his entry
grep -q 'actor .*"الرئيس الباكستاني برويز مشرف"  PAKGOV ' "$tmp/out" && ok ||
  bad "Musharraf 2007 is not PAKGOV: $(grep actor "$tmp/out")"
line_holds 'برويز مشرف"  PAKGOV' 'مشرف' && ok ||
  bad "the line given for Musharraf does not hold his name"
# صدر (issued) is vetoed by the cue list, and is no actor
grep -q 'cue *"صدر"  cue not-actor' "$tmp/out" && ok ||
  bad "صدر is not shown as a not-actor word"
grep -q 'actor *"صدر"' "$tmp/out" && bad "صدر is still an actor" || ok
line_holds '"صدر"  cue not-actor' 'صدر' && ok ||
  bad "the not-actor line given does not hold صدر"
# the protest trigger, with the line of its form
grep -q 'trigger *"وتجمع"  PROTEST cameo 141 ' "$tmp/out" && ok ||
  bad "وتجمع is not a PROTEST trigger"
line_holds 'trigger *"وتجمع"' 'تجمع' && ok ||
  bad "the trigger line given does not hold تجمع"

# After his resignation (18 August 2008) Musharraf is no longer the
# government: the date picks the code.
"$bin" dict lookup --date 2009-01-01 'وقال الرئيس الباكستاني برويز مشرف.' >"$tmp/out" 2>&1
grep -q 'مشرف"  PAKELI ' "$tmp/out" && ok ||
  bad "Musharraf 2009 is not PAKELI: $(cat "$tmp/out")"

"$bin" dict lookup >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q 'no text' "$tmp/err" && ok ||
  bad "lookup with no text: exit $rc, $(cat "$tmp/err")"
"$bin" dict lookup --date 2009-13-45 'قال' >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && ok || bad "lookup with a bad date: exit $rc"

echo "dict_lookup: $passes passed, $fails failed"
[ $fails -eq 0 ]
