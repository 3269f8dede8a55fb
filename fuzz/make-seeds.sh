#!/bin/sh
# make-seeds.sh [SHARED] [HADATH]: rebuilds the seed corpora fuzz/corpus/<target>/
# from real material: the seed article, corpus lines, the gold sets, the
# shipped dictionaries and the test data. Each seed is small (a few KB at
# most) so the fuzzers start from real structure, not from a blank page.
# Run from the repository root; the seeds are committed, so this is only
# needed to refresh them.
# With HADATH (a built hadath), the compiled-lexicon seeds are remade too:
# a real compiled file cut short (the fuzzer's inputs are 64 KB at most).
set -eu
shared=${1:-../shared}
hadath=${2:-}
out=fuzz/corpus
corpus=$shared/corpus/ant-news-ar.jsonl.gz
keep=$(mktemp -d)
cp -R "$out/lexfile" "$keep/" 2>/dev/null || true
rm -rf "$out"
for t in normalize analyze number lex read_plain read_jsonl read_sgml \
         read_xml read_tsv read_auto lexfile; do
  mkdir -p "$out/$t"
done

# Text: paragraphs of the seed article and of corpus bodies.
i=0
grep -v '^$' "$shared/seed/raqqa.txt" | while IFS= read -r para; do
  i=$((i + 1))
  printf '%s\n' "$para" >"$out/analyze/raqqa-$i.txt"
done
zcat "$corpus" | sed -n '1p;40p;300p;1000p;4000p' | cut -c1-3000 |
  sed 's/.*"text": "//; s/\\n/\n/g; s/"[^"]*$//' |
  split -l 4 -a 2 - "$out/analyze/corpus-"
printf '\331\202\331\217\330\252\331\220\331\204\331\216 \357\273\273\330\247\331\204\331\204\331\207 \331\200\331\200\331\200\330\247 \331\243\331\240\331\245\330\233 "\330\243\330\271\331\204\331\206"\n' \
  >"$out/analyze/forms.txt"

# Normalization: two flag bytes, then a word run (all steps; none; alef and
# digits only), over real words and the special forms.
n=0
for f in "$out"/analyze/raqqa-1.txt "$out"/analyze/raqqa-3.txt \
         "$out"/analyze/forms.txt "$out"/analyze/corpus-aa; do
  n=$((n + 1))
  { printf '\377\001'; head -c 400 "$f"; } >"$out/normalize/all-$n"
  { printf '\000\000'; head -c 200 "$f"; } >"$out/normalize/none-$n"
  { printf '\044\000'; head -c 200 "$f"; } >"$out/normalize/alef-digits-$n"
done
printf '\377\001\303\200\355\240\200\360\237\230\200\340\200\257\364\220\200\200\377' \
  >"$out/normalize/utf8-edges"

# Numbers: the words and figures of the number tables and news excerpts.
tail -n +2 "$shared/eval/numbers/num2words/num2words_ar_all.tsv" | cut -f2 |
  head -40 | split -l 1 -a 2 - "$out/number/n2w-"
grep -v '^#' tests/data/numbers/news.tsv | cut -f2 | head -40 |
  split -l 1 -a 2 - "$out/number/news-"

# Dictionaries: the kind byte (fuzz_lex.c: 0 synsets, 1 verbs, 2 actors,
# 3 agents, 4 ontology, 5 plover, 6 triggers, 7 reporting, 8 counted) and
# a slice of the real file.
slice() { # KIND FILE FROM COUNT NAME
  { printf "\\$(printf %03o "$1")"; sed -n "$3,$(($3 + $4 - 1))p" "$2"; } \
    >"$out/lex/$5"
}
d=data/dict
slice 0 $d/ar/synsets.ar.txt 1 40 synsets-a
slice 0 $d/ar/synsets.ar.txt 200 40 synsets-b
slice 1 $d/ar/CAMEO.ar.0.5.txt 1 60 verbs-a
slice 1 $d/ar/CAMEO.ar.0.5.txt 3000 80 verbs-b
slice 1 $d/ar/CAMEO.ar.0.5.txt 9000 80 verbs-c
slice 2 $d/ar/actor_dict_ar_v4.txt 1 60 actors-a
slice 2 $d/ar/actor_dict_ar_v4.txt 4000 60 actors-b
slice 2 $d/hadath.actors.ar.txt 1 60 actors-hadath
slice 3 $d/ar/agents.all.ar_v3.txt 1 60 agents-a
slice 3 $d/hadath.agents.ar.txt 1 60 agents-hadath
slice 4 $d/ar/PETR.Internal.Coding.Ontology.txt 1 80 ontology
slice 5 data/plover/CAMEO2PLOVER-2021.txt 1 60 plover
slice 6 $d/hadath.triggers.ar.txt 1 80 triggers-a
slice 6 $d/hadath.triggers.ar.txt 400 80 triggers-b
slice 7 $d/hadath.reporting.ar.txt 1 80 reporting
slice 8 $d/hadath.counted.ar.txt 1 80 counted

# Readers.
head -c 4000 "$shared/seed/raqqa.txt" >"$out/read_plain/raqqa.txt"
cp tests/data/doc/bbc-layout.txt "$out/read_plain/"
for f in $(ls "$shared/corpus/trec-sample" | sed -n '1p;9p;17p'); do
  head -c 3000 "$shared/corpus/trec-sample/$f" >"$out/read_plain/$f"
done
zcat "$corpus" | sed -n '1,2p' | cut -c1-2500 >"$out/read_jsonl/two-cut.jsonl"
zcat "$corpus" | sed -n '77p' >"$out/read_jsonl/one.jsonl"
zcat "$corpus" | sed -n '501,503p' | gzip -9 >"$out/read_jsonl/three.jsonl.gz"
cp tests/data/doc/gigaword.sgml tests/data/doc/trec-messy.sgml "$out/read_sgml/"
cp tests/data/doc/petrarch-messy.xml "$out/read_xml/"
head -c 3000 "$shared/eval/gsr-assault-dev.xml" >"$out/read_xml/gsr-assault.xml"
head -c 3000 "$shared/eval/gsr-protest-dev.xml" >"$out/read_xml/gsr-protest.xml"
head -n 4 "$shared/eval/detect-assault-dev.tsv" >"$out/read_tsv/assault.tsv"
head -n 4 "$shared/eval/detect-protest-dev.tsv" >"$out/read_tsv/protest.tsv"
for t in read_plain read_jsonl read_sgml read_xml read_tsv; do
  cp "$out/$t"/* "$out/read_auto/"
done
# The compiled lexicon: remade with HADATH, else the committed seeds kept.
if [ -n "$hadath" ]; then
  HADATH_LEXICON=text "$hadath" compile -o "$keep/full.lex" >/dev/null
  head -c 512 "$keep/full.lex" >"$out/lexfile/header"
  head -c 4096 "$keep/full.lex" >"$out/lexfile/head-4k"
  head -c 60000 "$keep/full.lex" >"$out/lexfile/head-60k"
else
  cp "$keep"/lexfile/* "$out/lexfile/" 2>/dev/null || true
fi
rm -rf "$keep"
du -sh "$out"
