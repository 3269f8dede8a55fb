#!/bin/sh
# make-seeds.sh [SHARED] [HADATH]: rebuilds the seed corpora fuzz/corpus/<target>/
# from real material: the seed article, corpus lines, the gold sets, the
# shipped dictionaries and the test data. Each seed is small (a few KB at
# most, but for the whole compiled files of lexfile_sealed, some 130 KB) so
# the fuzzers start from real structure, not from a blank page.
# Run from the repository root; the seeds are committed, so this is only
# needed to refresh them.
# With HADATH (a built hadath), the compiled-lexicon seeds are remade too:
# a real compiled file cut short (the fuzzer's inputs are 64 KB at most),
# and whole compiled files of a small data directory for lexfile_sealed.
set -eu
shared=${1:-../shared}
hadath=${2:-}
out=fuzz/corpus
corpus=$shared/corpus/ant-news-ar.jsonl.gz
keep=$(mktemp -d)
cp -R "$out/lexfile" "$out/lexfile_sealed" "$keep/" 2>/dev/null || true
rm -rf "$out"
for t in normalize analyze number lex read_plain read_jsonl read_sgml \
         read_xml read_tsv read_auto lexfile lexfile_sealed gazetteer code; do
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
# The coder (fuzz_code) starts from the same news text.
cp "$out"/analyze/* "$out/code/"
cp "$shared/seed/raqqa.txt" "$out/code/raqqa-whole.txt" # sentences that lean on each other

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
# The gazetteer (fuzz_gazetteer.c): rows, a "#rules.tsv" line and rules, a
# "#text" line and a paragraph, all real slices of data/geo and the corpus.
g=data/geo/gazetteer.tsv
r=data/geo/rules.tsv
gz=$out/gazetteer
{ sed -n '1,3p' $g; grep -E '^C	[0-9]+	[^	]*	(SY|IQ|US|TR|LB)	' $g
  grep -E '^A	[0-9]+	[^	]*	SY	' $g | head -6
  grep -E '^P	[0-9]+	[^	]*	(SY|IQ)	' $g | head -30
  echo '#rules.tsv'; grep -E '^phrase' $r | head -8; grep -E '^stop' $r | head -10
  grep -E '^weak' $r | head -5; grep -E '^alias	[^	]*	163843$' $r
  echo '#text'; grep -v '^$' "$shared/seed/raqqa.txt" | sed -n '3,4p'
} >"$gz/syria-iraq"
{ sed -n '1,60p' $g; echo '#rules.tsv'; sed -n '1,40p' $r; } >"$gz/countries"
{ sed -n '1,3p' $g; sed -n '4000,4040p' $g; } >"$gz/cities-no-rules"
{ sed -n '1,3p' $g; grep -E '	(IQ|SY)	' $g | head -20; } | gzip -9n >"$gz/gzipped"
{ printf '\n#rules.tsv\n'; grep -E '^phrase' $r | head -4; } >>"$gz/gzipped"
{ cat tests/data/geo/bad-row/geo/gazetteer.tsv; echo '#rules.tsv'
  cat tests/data/geo/bad-row/geo/rules.tsv; } >"$gz/bad-row"
{ cat tests/data/geo/bad-rule/geo/gazetteer.tsv; echo '#rules.tsv'
  cat tests/data/geo/bad-rule/geo/rules.tsv; } >"$gz/bad-rule"
# The compiled lexicon behind its checksums (fuzz_lexfile_sealed.c): whole
# compiled files of a small data directory cut from data/ (every section
# there, each small), with and without detector weights.
sealed() { # NAME: compile $keep/tiny into the corpus
  HADATH_LEXICON=text "$hadath" compile --data "$keep/tiny" \
    -o "$out/lexfile_sealed/$1" >/dev/null
}
if [ -n "$hadath" ]; then
  t=$keep/tiny
  mkdir -p $t/dict/ar $t/plover $t/geo $t/model
  sed -n '1,40p' $d/ar/synsets.ar.txt >$t/dict/ar/synsets.ar.txt
  sed -n '1,12p;712,740p;4260,4308p' $d/ar/CAMEO.ar.0.5.txt \
    >$t/dict/ar/CAMEO.ar.0.5.txt
  sed -n '1,30p' $d/hadath.actors.ar.txt >$t/dict/hadath.actors.ar.txt
  sed -n '1,30p' $d/ar/actor_dict_ar_v4.txt >$t/dict/ar/actor_dict_ar_v4.txt
  sed -n '1,30p' $d/hadath.agents.ar.txt >$t/dict/hadath.agents.ar.txt
  sed -n '1,30p' $d/ar/agents.all.ar_v3.txt >$t/dict/ar/agents.all.ar_v3.txt
  sed -n '1,60p' $d/ar/PETR.Internal.Coding.Ontology.txt \
    >$t/dict/ar/PETR.Internal.Coding.Ontology.txt
  sed -n '1,50p' data/plover/CAMEO2PLOVER-2021.txt >$t/plover/CAMEO2PLOVER-2021.txt
  { grep -E "^param" $d/hadath.triggers.ar.txt | head -12
    grep -E "^trigger" $d/hadath.triggers.ar.txt | head -3
    grep -E "^cue" $d/hadath.triggers.ar.txt | head -3
  } >$t/dict/hadath.triggers.ar.txt
  for f in reporting counted; do
    sed -n "1,60p" $d/hadath.$f.ar.txt >$t/dict/hadath.$f.ar.txt
  done
  sed '/^#rules.tsv$/,$d' "$gz/syria-iraq" >$t/geo/gazetteer.tsv
  sed -n '/^#rules.tsv$/,/^#text$/p' "$gz/syria-iraq" | grep -v '^#' \
    >$t/geo/rules.tsv
  sealed no-model
  # a detector of 256 weights a type: the real header, the low indices
  m=data/model/hadath.detector.txt
  { sed -n '/^hadath-detector/,/^trained-on/p' $m | sed 's/^hash-bits .*/hash-bits 8/'
    sed -n '/^type ASSAULT/,/^combine/p' $m
    w=$(sed -n '/^type ASSAULT/,/^end/p' $m | awk '/^[0-9]+ / && $1 < 256' | wc -l)
    echo "weights $w"
    sed -n '/^type ASSAULT/,/^end/p' $m | awk '/^[0-9]+ / && $1 < 256'
    echo end
  } >$t/model/hadath.detector.txt
  sealed with-model
else
  cp "$keep"/lexfile_sealed/* "$out/lexfile_sealed/" 2>/dev/null || true
fi

rm -rf "$keep"
du -sh "$out"
