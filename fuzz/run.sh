#!/bin/sh
# run.sh BUILD_DIR SECONDS [TARGET...]: runs each libFuzzer target for a
# bounded time (`make fuzz`). Seeds come from fuzz/corpus/<target>/ (read
# only); what the fuzzer finds goes to BUILD_DIR/corpus/<target>/, crashes
# to BUILD_DIR/crashes/<target>-*. One line per target: seconds, execs,
# crashes. Exits 1 if any target crashed (its input is named above).
set -u
build=$1 secs=$2
shift 2
targets=${*:-$(cd "$build" && ls fuzz_* 2>/dev/null | grep -v '\.')}
[ -n "$targets" ] || { echo "run.sh: no fuzz targets in $build" >&2; exit 2; }
mkdir -p "$build/crashes" "$build/logs"
failed=0
stamp=$build/crashes/.stamp
for t in $targets; do
  name=${t#fuzz_}
  seeds=fuzz/corpus/$name
  work=$build/corpus/$name
  mkdir -p "$work"
  log=$build/logs/$name.log
  # inputs of 64 KB at most; but a whole compiled lexicon (lexfile_sealed:
  # its seeds are the whole files of a small data directory) is larger
  max_len=65536
  [ "$name" = lexfile_sealed ] && max_len=262144
  touch "$stamp"
  # -timeout: one input may take 10 s at most (a hang is a bug too);
  # -rss_limit_mb: a leak or a blow-up counts as a crash.
  "$build/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -max_len="$max_len" -print_final_stats=1 \
    -artifact_prefix="$build/crashes/$name-" "$work" "$seeds" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  crashes=$(find "$build/crashes" -name "$name-*" -newer "$stamp" | wc -l | tr -d ' ')
  printf '%-14s %5ss %10s execs  %s crashes' "$name" "$secs" "${execs:-?}" "$crashes"
  if [ "$rc" -ne 0 ]; then
    printf '  FAILED (exit %s): see %s\n' "$rc" "$log"
    grep -m3 -E 'ERROR|SUMMARY|invariant|Test unit written' "$log" | sed 's/^/    /'
    failed=1
  else
    printf '\n'
  fi
done
exit $failed
