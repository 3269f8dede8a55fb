#!/bin/sh
# demo.sh HADATH SEED DATE: what `make demo` shows: the seed article read,
# split and (once the coder is in) coded, in a form a person reads.
set -eu
bin=$1 seed=$2 date=$3
echo "== hadath $("$bin" --version | cut -d' ' -f2): $seed (article date $date)"
echo
"$bin" analyze --to text --date "$date" "$seed"
if "$bin" code --help >/dev/null 2>&1; then
  echo "== events"
  "$bin" code --to table --date "$date" "$seed"
fi
