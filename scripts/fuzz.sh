#!/usr/bin/env bash
# Runs each fuzz harness of a libFuzzer build (make sanitize-build) for a
# while, from the committed seeds, with the template language's dictionary.
# What a harness finds goes to BUILD/fuzz/TARGET/ as crash-*, leak-* or
# timeout-* files; its new inputs to BUILD/fuzz/TARGET/corpus/. Minimise one
# worth keeping and add it to tests/fuzz/corpus/TARGET/: CTest replays those.
# Usage: scripts/fuzz.sh BUILD SECONDS [TARGET ...]
set -euo pipefail
cd "$(dirname "$0")/.."
build=$1
seconds=$2
shift 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(template expression order cluster_results batch_file spreadsheet hyphenation)

dictionary() {
  case $1 in
    template) echo tests/fuzz/template.dict ;;
    expression) echo tests/fuzz/expression.dict ;;
    hyphenation) echo tests/fuzz/hyphenation.dict ;;
    spreadsheet) echo tests/fuzz/spreadsheet.dict ;;
    *) echo tests/fuzz/json.dict ;;
  esac
}

failed=0
for target in "${targets[@]}"; do
  work="$build/fuzz/$target"
  mkdir -p "$work/corpus"
  echo "== fuzz_$target for ${seconds} s"
  if ! "$build/fuzz_$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=16384 \
      -dict="$(dictionary "$target")" -artifact_prefix="$work/" -print_final_stats=1 \
      "$work/corpus" "tests/fuzz/corpus/$target" 2>"$work/log"; then
    failed=1
    echo "fuzz_$target found a problem: $(ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* 2>/dev/null | head -1)"
    grep -E "ERROR|finding|runtime error" "$work/log" | head -5 || true
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/log" || true
done
exit $failed
